//! Reading a workspace file, with how far it has got for a progress bar
//! and a way to cancel it. The app reads on a background thread with
//! [`load_with`]; `flywheel check` and everything else call [`load`]: the
//! same reading and the same checks.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use super::{FileError, FileErrorKind, MAX_FILE_BYTES, parse, save, suggest_backup, too_large};
use crate::model::Workspace;

/// How much is read between two looks at the cancel flag.
const CHUNK_BYTES: u64 = 1 << 20;

/// How far a load has got, shared between the thread reading the file and
/// the window showing it. All counters only ever grow.
#[derive(Debug, Default)]
pub struct LoadProgress {
    read: AtomicU64,
    total: AtomicU64,
    checking: AtomicBool,
    cancelled: AtomicBool,
}

impl LoadProgress {
    /// Bytes read so far and the file's size (0 until it is known).
    pub fn bytes(&self) -> (u64, u64) {
        (
            self.read.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Whether the whole file is read and is being checked (decoded and
    /// validated), which has no finer progress.
    pub fn is_checking(&self) -> bool {
        self.checking.load(Ordering::Relaxed)
    }

    /// Asks the load to stop. Reading stops at the next megabyte; checking,
    /// once started, runs to its end and its result is dropped.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

fn cancelled(path: &Path) -> FileError {
    FileError::new(path, FileErrorKind::Cancelled, "opening was cancelled")
}

/// Reads and checks a workspace file. Nothing is returned unless the whole
/// file is valid.
pub fn load(path: &Path) -> Result<Workspace, FileError> {
    load_with(path, &LoadProgress::default())
}

/// [`load`], reporting its progress to `progress` and stopping early, with
/// a [`FileErrorKind::Cancelled`] error, when it is cancelled.
pub fn load_with(path: &Path, progress: &LoadProgress) -> Result<Workspace, FileError> {
    save::check_regular_file(path)?;
    let metadata = fs::metadata(path).map_err(|err| FileError::io(path, "open the file", &err))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(path, metadata.len()));
    }
    progress.total.store(metadata.len(), Ordering::Relaxed);
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
        progress.read.store(bytes.len() as u64, Ordering::Relaxed);
        if read == 0 {
            break;
        }
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    progress.checking.store(true, Ordering::Relaxed);
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
    fn progress_reaches_the_file_size_then_checking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        super::super::save(&Workspace::new("T", Sector::Cement), &path).unwrap();
        let size = fs::metadata(&path).unwrap().len();
        let progress = LoadProgress::default();
        assert_eq!(load_with(&path, &progress).unwrap().title, "T");
        assert_eq!(progress.bytes(), (size, size));
        assert!(progress.is_checking());
    }

    #[test]
    fn a_cancelled_load_returns_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.ron");
        super::super::save(&Workspace::new("T", Sector::Cement), &path).unwrap();
        let progress = LoadProgress::default();
        progress.cancel();
        let err = load_with(&path, &progress).unwrap_err();
        assert_eq!(err.kind, FileErrorKind::Cancelled);
        assert_eq!(progress.bytes().0, 0, "nothing was read");
    }
}
