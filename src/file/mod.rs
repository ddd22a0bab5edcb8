//! Workspace files on disk: reading with every check a file from an email
//! attachment needs, and writing atomically with a backup.

mod error;
mod format;
mod migrate;

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub use error::{FileError, FileErrorKind, Position};
pub use format::to_text;

use crate::model::{Workspace, validate};

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

/// The backup kept next to a saved file: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves atomically: the text goes to a temporary file in the same folder,
/// which is flushed to disk and then renamed over the target. The previous
/// file is kept as `NAME.ron.bak`. If anything fails, the file on disk is
/// the previous one, untouched.
pub fn save(ws: &Workspace, path: &Path) -> Result<(), FileError> {
    validate(ws).map_err(|err| {
        FileError::new(
            path,
            FileErrorKind::Invalid,
            format!("not saved, the workspace is inconsistent: {err}"),
        )
    })?;
    let text = to_text(ws).map_err(|err| {
        FileError::new(
            path,
            FileErrorKind::Serialize,
            format!("not saved, the workspace could not be written as RON: {err}"),
        )
    })?;
    write_atomically(path, text.as_bytes(), true)
}

/// Writes an exported file (a chart, a CSV) atomically, without a backup.
pub fn export(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_atomically(path, bytes, false)
}

fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), FileError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual permissions (0666 less the umask), like any
    // other document, not the temp file's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(|err| FileError::io(path, "create a temporary file beside it", &err))?;
    temp.write_all(bytes)
        .and_then(|()| temp.flush())
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| FileError::io(path, "write the file", &err))?;
    if let Ok(previous) = fs::metadata(path) {
        // Keep the previous file's permissions rather than the temp file's.
        let _ = fs::set_permissions(temp.path(), previous.permissions());
        if keep_backup {
            fs::copy(path, backup_path(path)).map_err(|err| {
                FileError::io(path, "keep a backup of the previous version", &err)
            })?;
        }
    }
    temp.persist(path)
        .map_err(|err| FileError::io(path, "replace the file", &err.error))?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename itself durable. Best effort: not every platform or file
/// system can sync a folder, and the data is already safely written.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
