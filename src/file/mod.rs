//! Workspace files on disk: reading with every check a file from an email
//! attachment needs, and writing atomically with a backup.

mod error;
mod format;
mod migrate;
mod save;

use std::fs;
use std::io::Read;
use std::path::Path;

pub use error::{FileError, FileErrorKind, Position};
pub use format::to_text;
pub use save::{backup_path, export, save, save_via};

use crate::model::Workspace;

/// Files larger than this (128 MB, in the decimal megabytes messages and
/// the README use) are refused before they are read. The biggest realistic
/// workspace (10,000 stakeholders, 100,000 commitments) is about 88 MB;
/// anything beyond this is not a workspace.
pub const MAX_FILE_BYTES: u64 = 128_000_000;

/// The extension workspace files use.
pub const EXTENSION: &str = "ron";

/// Reads and checks a workspace file. Nothing is returned unless the whole
/// file is valid.
pub fn load(path: &Path) -> Result<Workspace, FileError> {
    save::check_regular_file(path)?;
    let metadata = fs::metadata(path).map_err(|err| FileError::io(path, "open the file", &err))?;
    if metadata.is_dir() {
        return Err(FileError::new(
            path,
            FileErrorKind::Io,
            "this is a folder, not a workspace file",
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(path, metadata.len()));
    }
    let file = fs::File::open(path).map_err(|err| FileError::io(path, "open the file", &err))?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // Read at most one byte past the limit: a file that grows while being
    // read, or a device that never ends, is still refused.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| FileError::io(path, "read the file", &err))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    parse(path, &bytes).map_err(|err| suggest_backup(err, path))
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
