//! Reading a workspace file, with how far it has got for a progress bar
//! and a way to cancel it. The app reads as a job with [`load_with`];
//! `flywheel check` and everything else call [`load`]: the same reading and
//! the same checks.

use std::fs;
use std::io::Read;
use std::path::Path;

use super::{FileError, FileErrorKind, MAX_FILE_BYTES, parse, save, suggest_backup, too_large};
use crate::jobs::{Progress, Unit};
use crate::model::Workspace;

/// How much is read between two looks at the cancel flag.
const CHUNK_BYTES: u64 = 1 << 20;

fn cancelled(path: &Path) -> FileError {
    FileError::new(path, FileErrorKind::Cancelled, "opening was cancelled")
}

/// Reads and checks a workspace file. Nothing is returned unless the whole
/// file is valid.
pub fn load(path: &Path) -> Result<Workspace, FileError> {
    load_with(path, &Progress::default())
}

/// [`load`], reporting its progress to `progress` and stopping early, with
/// a [`FileErrorKind::Cancelled`] error, when it is cancelled. Reading
/// stops at the next megabyte; checking, once started, runs to its end.
pub fn load_with(path: &Path, progress: &Progress) -> Result<Workspace, FileError> {
    save::check_regular_file(path)?;
    let metadata = fs::metadata(path).map_err(|err| FileError::io(path, "open the file", &err))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(path, metadata.len()));
    }
    progress.begin("Reading", Unit::Bytes, metadata.len());
    let file = fs::File::open(path).map_err(|err| FileError::io(path, "open the file", &err))?;
    // One byte more than the size, so reading to the end never has to grow it.
    let capacity = usize::try_from(metadata.len()).map_or(0, |len| len + 1);
    let mut bytes = Vec::with_capacity(capacity);
    // Read at most one byte past the limit: a file that grows while being
    // read, or a device that never ends, is still refused.
    let mut reader = file.take(MAX_FILE_BYTES + 1);
    loop {
        if progress.is_cancelled() {
            return Err(cancelled(path));
        }
        let read = (&mut reader)
            .take(CHUNK_BYTES)
            .read_to_end(&mut bytes)
            .map_err(|err| FileError::io(path, "read the file", &err))?;
        progress.set_done(bytes.len() as u64);
        if read == 0 {
            break;
        }
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    progress.begin("Checking the workspace", Unit::None, 0);
    let workspace = parse(path, &bytes).map_err(|err| suggest_backup(err, path))?;
    if progress.is_cancelled() {
        return Err(cancelled(path));
    }
    Ok(workspace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Sector, Workspace};

    #[test]
    fn progress_ends_on_checking_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        super::super::save(&Workspace::new("T", Sector::Cement), &path).unwrap();
        let progress = Progress::default();
        assert_eq!(load_with(&path, &progress).unwrap().title, "T");
        assert_eq!(progress.snapshot().step, "Checking the workspace");
    }

    #[test]
    fn a_cancelled_load_returns_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        super::super::save(&Workspace::new("T", Sector::Cement), &path).unwrap();
        let progress = Progress::default();
        progress.cancel();
        let err = load_with(&path, &progress).unwrap_err();
        assert_eq!(err.kind, FileErrorKind::Cancelled);
        let seen = progress.snapshot();
        assert_eq!((seen.step, seen.done), ("Reading", 0), "nothing was read");
    }
}
