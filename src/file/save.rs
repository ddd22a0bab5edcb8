//! Writing files so that a crash, a kill or a full disk at any instant
//! leaves a complete file: the previous one or the new one, never a mix.
//!
//! A save writes the new bytes to a temporary file in the target's folder
//! (`.NAME.flywheel-XXXXXX.tmp`, private to the user), syncs it, moves the
//! previous file's name to `NAME.bak` by hard-linking it, and renames the
//! temporary file over the target. Renames and links within one folder are
//! atomic, so at every instant the target is complete and the backup is
//! complete or absent.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::error::{FileError, FileErrorKind};
use super::format::write_text;
use crate::jobs::{Progress, Unit};
use crate::model::{Workspace, validate};

/// Marks Flywheel's temporary files: `.NAME.flywheel-XXXXXX.tmp`.
const TEMP_MARK: &str = ".flywheel-";
/// The end of every temporary file's name.
const TEMP_SUFFIX: &str = ".tmp";
/// Symbolic links followed before giving up, as the kernel does.
const MAX_LINKS: usize = 40;

/// The backup kept next to a saved file: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves atomically: the text goes to a temporary file in the same folder,
/// which is synced to disk and then renamed over the target. The previous
/// file is kept as `NAME.ron.bak`. If anything fails, the file on disk and
/// its backup are the previous ones, untouched, and no temporary file is
/// left. Saving through a symbolic link writes the file it points to.
pub fn save(ws: &Workspace, path: &Path) -> Result<(), FileError> {
    save_via(ws, path, |file| file)
}

/// [`save`], reporting the bytes written to `progress`, and stopping when
/// it is cancelled: the file on disk (and its backup) then stay the
/// previous ones, and the error is [`FileErrorKind::Cancelled`].
pub fn save_with(ws: &Workspace, path: &Path, progress: &Progress) -> Result<(), FileError> {
    progress.begin("Writing", Unit::Bytes, 0);
    let watched = |file| Watched {
        inner: file,
        progress,
        written: 0,
    };
    let result = save_checked(ws, path, watched, &|| progress.is_cancelled());
    match result {
        Err(_) if progress.is_cancelled() => Err(cancelled_save(path)),
        other => other,
    }
}

fn cancelled_save(path: &Path) -> FileError {
    FileError::new(
        path,
        FileErrorKind::Cancelled,
        "saving was cancelled; the file on disk is the previous one",
    )
}

/// A writer that counts what goes through it and stops once cancelled.
struct Watched<'a, W> {
    inner: W,
    progress: &'a Progress,
    written: u64,
}

impl<W: Write> Write for Watched<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.progress.is_cancelled() {
            return Err(io::Error::other("cancelled"));
        }
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        self.progress.set_done(self.written);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// [`save`], with the bytes written through `wrap(temp_file)`: tests wrap
/// the temporary file in a writer that fails, as a full disk would.
pub fn save_via<W: Write>(
    ws: &Workspace,
    path: &Path,
    wrap: impl FnOnce(fs::File) -> W,
) -> Result<(), FileError> {
    save_checked(ws, path, wrap, &|| false)
}

/// [`save_via`], asking `stop` just before the new file replaces the old.
fn save_checked<W: Write>(
    ws: &Workspace,
    path: &Path,
    wrap: impl FnOnce(fs::File) -> W,
    stop: Stop<'_>,
) -> Result<(), FileError> {
    validate(ws).map_err(|err| {
        FileError::new(
            path,
            FileErrorKind::Invalid,
            format!("not saved, the workspace is inconsistent: {err}"),
        )
    })?;
    write_atomically(path, |out| write_text(ws, out), true, wrap, stop)
}

/// Writes an exported file (a chart, a CSV) atomically, without a backup,
/// with the same temporary-file care as [`save`].
pub fn export(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_atomically(
        path,
        |out| out.write_all(bytes),
        false,
        |file| file,
        &|| false,
    )
}

/// Writes a file atomically, without a backup, with what `body` writes to
/// it as it makes it (crash recovery writes a workspace this way without
/// holding its text in memory).
pub fn export_with(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), FileError> {
    write_atomically(path, body, false, |file| file, &|| false)
}

/// Refuses anything but a regular file (after following links): a folder,
/// a named pipe, a socket or a device. Reading a pipe or a terminal would
/// wait forever; checked before the file is opened.
pub(crate) fn check_regular_file(path: &Path) -> Result<(), FileError> {
    let metadata = fs::metadata(path).map_err(|err| FileError::io(path, "open the file", &err))?;
    check_type(path, &metadata.file_type())
}

fn check_type(path: &Path, file_type: &fs::FileType) -> Result<(), FileError> {
    if file_type.is_file() {
        return Ok(());
    }
    let what = if file_type.is_dir() {
        "a folder"
    } else {
        special_file_name(file_type)
    };
    Err(FileError::new(
        path,
        FileErrorKind::NotRegularFile,
        format!("this is {what}, not a file; only regular files are read or written"),
    ))
}

#[cfg(unix)]
fn special_file_name(file_type: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_file_name(_: &fs::FileType) -> &'static str {
    "a special file"
}

/// Asked just before the new file takes the old one's place: `true`
/// stops there, leaving the file and its backup as they were.
type Stop<'a> = &'a dyn Fn() -> bool;

fn write_atomically<W: Write>(
    requested: &Path,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    keep_backup: bool,
    wrap: impl FnOnce(fs::File) -> W,
    stop: Stop<'_>,
) -> Result<(), FileError> {
    let path = follow_links(requested)?;
    let previous = match fs::metadata(&path) {
        Ok(metadata) => {
            check_type(requested, &metadata.file_type())?;
            Some(metadata)
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => None,
        Err(err) => return Err(FileError::io(requested, "look at the file", &err)),
    };
    let dir = parent_dir(&path);
    remove_stale_temp_files(&path, dir);
    // Dropping an unpersisted temporary file deletes it, so every early
    // return below leaves nothing behind.
    let temp = new_temp_file(&path, dir)
        .map_err(|err| FileError::io(requested, "create a temporary file beside it", &err))?;
    write_body(temp.as_file(), body, wrap)
        .map_err(|err| FileError::io(requested, "write the file", &err))?;
    if stop() {
        return Err(cancelled_save(requested));
    }
    if let Some(previous) = &previous {
        // The new version is exactly as readable as the one it replaces.
        temp.as_file()
            .set_permissions(previous.permissions())
            .map_err(|err| FileError::io(requested, "copy the file's permissions", &err))?;
        if keep_backup {
            keep_as_backup(&path, dir).map_err(|err| {
                FileError::io(requested, "keep a backup of the previous version", &err)
            })?;
        }
    }
    temp.persist(&path)
        .map_err(|err| FileError::io(requested, "replace the file", &err.error))?;
    sync_dir(dir);
    Ok(())
}

/// The file a path finally names once symbolic links are followed, so a
/// save replaces the file a link points to and the link stays a link.
/// Unlike `fs::canonicalize`, this works for a link to a file not yet made.
fn follow_links(path: &Path) -> Result<PathBuf, FileError> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = fs::read_link(&current)
                    .map_err(|err| FileError::io(path, "follow the link", &err))?;
                current = parent_dir(&current).join(target);
            }
            _ => return Ok(current),
        }
    }
    Err(FileError::new(
        path,
        FileErrorKind::Io,
        "could not follow the link: too many links in a row (a loop?)",
    ))
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A new `.NAME.flywheel-XXXXXX.tmp` beside `path`, readable and writable
/// by the user only (0600) until it takes the place of the target.
fn new_temp_file(path: &Path, dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let mut prefix = OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(TEMP_MARK);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    builder.tempfile_in(dir)
}

/// Writes what `body` writes through the wrapped file, buffered, then
/// syncs the file.
fn write_body<W: Write>(
    file: &fs::File,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    wrap: impl FnOnce(fs::File) -> W,
) -> io::Result<()> {
    let mut writer = io::BufWriter::with_capacity(1 << 16, wrap(file.try_clone()?));
    body(&mut writer)?;
    writer.flush()?;
    drop(writer);
    file.sync_all()
}

/// Gives the current file's content the name `NAME.bak` without ever
/// leaving a partial backup. A hard link makes the backup share the
/// current file's data, so it is complete the instant it exists; the old
/// backup is removed just before, so a crash in between leaves no backup
/// rather than a partial one, and only one temporary file ever exists.
/// Where hard links are not supported, the file is copied into a
/// temporary file, synced and renamed over the backup.
fn keep_as_backup(path: &Path, dir: &Path) -> io::Result<()> {
    let backup = backup_path(path);
    match fs::remove_file(&backup) {
        Ok(()) => {}
        Err(err) if err.kind() == io::ErrorKind::NotFound => {}
        Err(err) => return Err(err),
    }
    if fs::hard_link(path, &backup).is_ok() {
        return Ok(());
    }
    let mut copy = new_temp_file(&backup, dir)?;
    let mut current = fs::File::open(path)?;
    io::copy(&mut current, copy.as_file_mut())?;
    copy.as_file().sync_all()?;
    copy.as_file()
        .set_permissions(current.metadata()?.permissions())?;
    copy.persist(&backup).map_err(|err| err.error)?;
    Ok(())
}

/// Removes the temporary files that saves of `path` killed mid-way left
/// behind, before a new one is made, so there is never more than one.
/// Best effort: a file that cannot be removed now does no harm and is
/// tried again on the next save.
fn remove_stale_temp_files(path: &Path, dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let backup = backup_path(path);
    let mine = [path, backup.as_path()].map(temp_prefix);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_stale_temp = name.ends_with(TEMP_SUFFIX)
            && mine.iter().any(|prefix| name.starts_with(prefix.as_str()));
        if is_stale_temp && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}{TEMP_MARK}")
}

/// Makes the renames durable. Best effort: not every platform or file
/// system can sync a folder, and the data is already safely written.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Sector, Stakeholder};

    #[test]
    fn a_cancelled_save_leaves_the_file_and_its_backup_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("coalition.ron");
        let mut ws = Workspace::new("Before", Sector::Cement);
        save(&ws, &path).unwrap();
        save(&ws, &path).unwrap();
        let (file, backup) = (
            fs::read(&path).unwrap(),
            fs::read(backup_path(&path)).unwrap(),
        );
        ws.title = "After".into();
        for i in 0..2_000 {
            ws.stakeholders
                .push(Stakeholder::new(format!("Member {i}"), Category::Industry));
        }
        let progress = Progress::default();
        progress.cancel();
        let err = save_with(&ws, &path, &progress).unwrap_err();
        assert_eq!(err.kind, FileErrorKind::Cancelled);
        assert_eq!(fs::read(&path).unwrap(), file);
        assert_eq!(fs::read(backup_path(&path)).unwrap(), backup);
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 2, "no temporary file is left");

        // Cancelled after the last byte, just before the new file takes
        // the old one's place: still nothing changes.
        let err = save_checked(&ws, &path, |file| file, &|| true).unwrap_err();
        assert_eq!(err.kind, FileErrorKind::Cancelled);
        assert_eq!(fs::read(&path).unwrap(), file);
        assert_eq!(fs::read(backup_path(&path)).unwrap(), backup);

        let progress = Progress::default();
        save_with(&ws, &path, &progress).unwrap();
        let seen = progress.snapshot();
        assert_eq!(
            (seen.step, seen.done),
            ("Writing", fs::metadata(&path).unwrap().len())
        );
    }
}
