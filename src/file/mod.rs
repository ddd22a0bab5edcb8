//! Workspace files on disk: reading with every check a file from an email
//! attachment needs, and writing atomically with a backup.

mod error;
mod format;
mod load;
mod migrate;
mod save;
pub mod versions;

use std::path::{Path, PathBuf};

pub use error::{FileError, FileErrorKind, Position};
pub use format::{to_text, write_text};
pub use load::{load, load_with};
pub(crate) use save::check_regular_file;
pub use save::{backup_path, export, export_with, save, save_via, save_with};

use crate::model::Workspace;

/// Files larger than this (128 MB, in the decimal megabytes messages and
/// the docs use) are refused before they are read. The biggest realistic
/// workspace (10,000 stakeholders, 100,000 commitments) is about 60 MB;
/// anything beyond this is not a workspace.
pub const MAX_FILE_BYTES: u64 = 128_000_000;

/// The extension workspace files use.
pub const EXTENSION: &str = "ron";

/// The environment variable that moves the data folder (tests, portable
/// installs), where recovery files and kept versions live.
pub const DATA_DIR_VAR: &str = "FLYWHEEL_DATA_DIR";

/// Flywheel's data folder: `$FLYWHEEL_DATA_DIR`, or the platform's data
/// folder for Flywheel (`~/.local/share/flywheel` on Linux). `None` when
/// the platform has no home folder.
pub fn data_dir() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_VAR) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => Some(
            directories::ProjectDirs::from("", "", "flywheel")?
                .data_dir()
                .to_path_buf(),
        ),
    }
}

/// A file that looks cut off gets a pointer to its backup, when there is one.
fn suggest_backup(mut err: FileError, path: &Path) -> FileError {
    let backup = backup_path(path);
    if err.kind == FileErrorKind::Syntax
        && err.message.starts_with(format::TRUNCATED)
        && backup.is_file()
    {
        err.message = format!(
            "{}; the previous version was kept beside it: try opening {}",
            err.message,
            backup.display()
        );
    }
    err
}

/// Checks bytes as the content of the workspace file `path` (which is only
/// used in messages).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Workspace, FileError> {
    format::parse_bytes(bytes).map_err(|err| err.at(path))
}

fn too_large(path: &Path, bytes: u64) -> FileError {
    FileError::new(
        path,
        FileErrorKind::TooLarge,
        format!(
            "the file is {} MB; workspace files are limited to {} MB, so it was not read",
            bytes / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ),
    )
}
