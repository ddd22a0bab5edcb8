//! Recovery files: the unsaved changes of a running Flywheel, kept in the
//! app's data folder (never next to the user's file) so that a crash loses
//! at most the last few seconds of a workshop.
//!
//! Each running instance owns one file, `recovery/<pid>-<random>.ron`, and
//! holds an exclusive lock on `recovery/<pid>-<random>.lock` for as long as
//! it runs. The operating system releases that lock when the process ends,
//! however it ends, so a recovery file whose lock can be taken belongs to a
//! Flywheel that is gone: only those are offered. Two instances never take
//! each other's files, and a reused pid does not matter.
//!
//! A recovery file is one header line (RON: which file the changes belong
//! to, when the last edit was made) followed by the workspace exactly as a
//! workspace file holds it, so recovering reads it through the same checks
//! as opening a file ([`crate::file::parse`]).
//!
//! When the file is written, and the copy it is written from, is
//! [`Autosave`]'s business.
//!
//! Nothing here knows about egui or reads the clock.

mod autosave;

pub use autosave::{Autosave, MAX_WAIT, QUIET, Step, Work, Written};

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::file::{self, FileError, FileErrorKind};
use crate::model::Workspace;

pub use crate::file::DATA_DIR_VAR;

/// The longest header line read.
const HEADER_LIMIT_BYTES: u64 = 64 * 1024;

/// The version of the header line.
const HEADER_VERSION: u32 = 1;

/// The folder recovery files live in: `$FLYWHEEL_DATA_DIR/recovery`, or the
/// platform's data folder for Flywheel (`~/.local/share/flywheel/recovery`
/// on Linux). `None` when the platform has no home folder.
pub fn default_dir() -> Option<PathBuf> {
    Some(file::data_dir()?.join("recovery"))
}

/// Which file unsaved changes belong to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BelongsTo {
    /// A workspace file; Save writes there.
    File(PathBuf),
    /// A new workspace that was never saved.
    New,
    /// The built-in demo.
    Demo,
}

impl BelongsTo {
    /// How messages name it.
    pub fn describe(&self) -> String {
        match self {
            BelongsTo::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            BelongsTo::New => "an unsaved new workspace".to_string(),
            BelongsTo::Demo => "the demo workspace".to_string(),
        }
    }
}

/// The first line of a recovery file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Header {
    pub version: u32,
    pub belongs_to: BelongsTo,
    /// Local time of the last edit.
    pub last_edit: NaiveDateTime,
}

impl Header {
    pub fn new(belongs_to: BelongsTo, last_edit: NaiveDateTime) -> Self {
        Self {
            version: HEADER_VERSION,
            belongs_to,
            last_edit,
        }
    }
}

/// A recovery file left by a Flywheel that is no longer running. Holding it
/// holds its writer's lock, so no other starting instance offers it too.
#[derive(Debug)]
pub struct Orphan {
    pub path: PathBuf,
    pub header: Header,
    lock: Option<File>,
}

/// This instance's recovery file and the lock that says it is alive.
#[derive(Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
    name: String,
    /// Held (locked) for the life of the store.
    _lock: File,
}

impl RecoveryStore {
    /// Creates `dir` if needed and claims a new file name in it for this
    /// process.
    pub fn open(dir: &Path) -> Result<Self, FileError> {
        fs::create_dir_all(dir)
            .map_err(|err| FileError::io(dir, "create the recovery folder", &err))?;
        let name = format!(
            "{}-{}",
            std::process::id(),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        );
        let lock_path = dir.join(format!("{name}.lock"));
        let lock = File::create(&lock_path)
            .map_err(|err| FileError::io(&lock_path, "create the lock file", &err))?;
        lock.try_lock().map_err(|err| {
            FileError::new(
                &lock_path,
                FileErrorKind::Io,
                format!("could not lock the recovery file: {err}"),
            )
        })?;
        Ok(Self {
            dir: dir.to_path_buf(),
            name,
            _lock: lock,
        })
    }

    /// The folder of all recovery files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// This instance's recovery file.
    pub fn path(&self) -> PathBuf {
        self.dir.join(format!("{}.{}", self.name, file::EXTENSION))
    }

    /// Writes `ws` as this instance's recovery file, atomically.
    pub fn write(&self, header: &Header, ws: &Workspace) -> Result<(), FileError> {
        let path = self.path();
        let header = ron::to_string(header).map_err(|message| {
            FileError::new(&path, FileErrorKind::Serialize, message.to_string())
        })?;
        file::export_with(&path, |out| {
            out.write_all(header.as_bytes())?;
            out.write_all(b"\n")?;
            file::write_text(ws, out)
        })
    }

    /// Removes this instance's recovery file, if there is one.
    pub fn remove(&self) -> Result<(), FileError> {
        remove_if_present(&self.path())
    }

    /// A clean close: removes this instance's recovery file and its lock.
    pub fn close(self) -> Result<(), FileError> {
        self.remove()?;
        remove_if_present(&self.dir.join(format!("{}.lock", self.name)))
    }

    /// The recovery files of Flywheels that are no longer running, oldest
    /// last edit first. Files that cannot be read are skipped: they are
    /// still on disk for someone to look at.
    pub fn orphans(&self) -> Vec<Orphan> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let own = self.path();
        let mut orphans: Vec<Orphan> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path != &own && path.extension() == Some(file::EXTENSION.as_ref()))
            .filter_map(claim)
            .collect();
        orphans.sort_by_key(|orphan| orphan.header.last_edit);
        orphans
    }

    /// Makes an orphan this instance's own recovery file (after recovering
    /// it), so the recovered changes stay safe until this instance's next
    /// write or clean close.
    pub fn adopt(&self, orphan: Orphan) -> Result<(), FileError> {
        fs::rename(&orphan.path, self.path())
            .map_err(|err| FileError::io(&orphan.path, "keep the recovery file", &err))?;
        orphan.forget_lock();
        Ok(())
    }
}

impl Orphan {
    /// The header and the workspace, read through the same checks as a
    /// workspace file.
    pub fn read(&self) -> Result<(Header, Workspace), FileError> {
        read(&self.path)
    }

    /// Deletes the recovery file and its lock.
    pub fn discard(self) -> Result<(), FileError> {
        remove_if_present(&self.path)?;
        self.forget_lock();
        Ok(())
    }

    /// Removes the lock file of a writer that is gone.
    fn forget_lock(mut self) {
        let lock_path = self.path.with_extension("lock");
        self.lock = None;
        // A lock file left behind is harmless: it has no recovery file.
        let _ = remove_if_present(&lock_path);
    }
}

/// The orphan at `path`, or `None` when its writer still runs or its header
/// cannot be read.
fn claim(path: PathBuf) -> Option<Orphan> {
    let lock_path = path.with_extension("lock");
    let lock = match File::options().write(true).open(&lock_path) {
        Ok(lock) => match lock.try_lock() {
            Ok(()) => Some(lock),
            // Still running (or the lock cannot be checked: leave it be).
            Err(TryLockError::WouldBlock | TryLockError::Error(_)) => return None,
        },
        // No lock file at all: its writer is gone.
        Err(_) => None,
    };
    let header = read_header(&path).ok()?;
    Some(Orphan { path, header, lock })
}

/// The bytes of a recovery file.
pub fn to_bytes(header: &Header, ws: &Workspace) -> Result<Vec<u8>, ron::Error> {
    let mut bytes = ron::to_string(header)?.into_bytes();
    bytes.push(b'\n');
    bytes.extend_from_slice(file::to_text(ws)?.as_bytes());
    Ok(bytes)
}

/// Reads a whole recovery file.
pub fn read(path: &Path) -> Result<(Header, Workspace), FileError> {
    use std::io::Read;
    let file = File::open(path).map_err(|err| FileError::io(path, "open the file", &err))?;
    let mut bytes = Vec::new();
    // The same limit as a workspace file, plus room for the header line.
    let limit = file::MAX_FILE_BYTES + HEADER_LIMIT_BYTES;
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| FileError::io(path, "read the file", &err))?;
    if bytes.len() as u64 > limit {
        return Err(FileError::new(
            path,
            FileErrorKind::TooLarge,
            "the recovery file is larger than any workspace, so it was not read",
        ));
    }
    let (header, body) = split(path, &bytes)?;
    Ok((header, file::parse(path, body)?))
}

/// Reads only the header line.
fn read_header(path: &Path) -> Result<Header, FileError> {
    use std::io::{BufRead, Read};
    let file = File::open(path).map_err(|err| FileError::io(path, "open the file", &err))?;
    let mut line = Vec::new();
    // The header is one short line: never read more than a few kilobytes.
    std::io::BufReader::new(file.take(HEADER_LIMIT_BYTES))
        .read_until(b'\n', &mut line)
        .map_err(|err| FileError::io(path, "read the file", &err))?;
    let (header, _) = split(path, &line)?;
    Ok(header)
}

/// The header and the workspace bytes after it.
fn split<'a>(path: &Path, bytes: &'a [u8]) -> Result<(Header, &'a [u8]), FileError> {
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    let header = std::str::from_utf8(&bytes[..end])
        .ok()
        .and_then(|line| ron::from_str::<Header>(line).ok())
        .ok_or_else(|| {
            FileError::new(
                path,
                FileErrorKind::Invalid,
                "this is not a Flywheel recovery file (its first line is not a recovery header)",
            )
        })?;
    let body = bytes.get(end + 1..).unwrap_or_default();
    Ok((header, body))
}

fn remove_if_present(path: &Path) -> Result<(), FileError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(FileError::io(path, "remove the recovery file", &err)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Sector, Stakeholder};

    fn time() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap()
    }

    fn workspace() -> Workspace {
        let mut ws = Workspace::new("Recovered", Sector::Cement);
        ws.stakeholders
            .push(Stakeholder::new("Kiln Co", Category::Industry));
        ws
    }

    #[test]
    fn writes_reads_and_removes_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::open(dir.path()).unwrap();
        let header = Header::new(BelongsTo::File("/tmp/a.ron".into()), time());
        let ws = workspace();
        store.write(&header, &ws).unwrap();
        assert_eq!(read(&store.path()).unwrap(), (header, ws));
        assert!(store.orphans().is_empty(), "its own file is not an orphan");
        store.remove().unwrap();
        assert!(!store.path().exists());
        store.remove().unwrap();
    }

    #[test]
    fn another_instances_file_is_offered_only_once_it_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let first = RecoveryStore::open(dir.path()).unwrap();
        let ws = workspace();
        first
            .write(&Header::new(BelongsTo::New, time()), &ws)
            .unwrap();
        let second = RecoveryStore::open(dir.path()).unwrap();
        assert!(second.orphans().is_empty(), "its writer still runs");
        let path = first.path();
        drop(first);
        let orphans = second.orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].path, path);
        assert_eq!(orphans[0].header.belongs_to, BelongsTo::New);

        let third = RecoveryStore::open(dir.path()).unwrap();
        assert!(
            third.orphans().is_empty(),
            "an orphan being offered is not offered twice"
        );
        drop(third);

        let orphan = orphans.into_iter().next().unwrap();
        assert_eq!(orphan.read().unwrap().1, ws);
        orphan.discard().unwrap();
        assert!(!path.exists());
        assert!(!path.with_extension("lock").exists());
        assert!(second.orphans().is_empty());
    }

    #[test]
    fn an_adopted_orphan_becomes_the_instances_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let first = RecoveryStore::open(dir.path()).unwrap();
        first
            .write(&Header::new(BelongsTo::Demo, time()), &workspace())
            .unwrap();
        drop(first);
        let second = RecoveryStore::open(dir.path()).unwrap();
        let orphan = second.orphans().pop().unwrap();
        second.adopt(orphan).unwrap();
        assert_eq!(read(&second.path()).unwrap().0.belongs_to, BelongsTo::Demo);
        assert!(second.orphans().is_empty());
    }

    #[test]
    fn a_damaged_workspace_is_refused_with_the_file_checks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("1-x.ron");
        let mut bytes = ron::to_string(&Header::new(BelongsTo::New, time()))
            .unwrap()
            .into_bytes();
        bytes.extend_from_slice(b"\n(title: ");
        fs::write(&path, bytes).unwrap();
        assert!(read(&path).is_err());
        fs::write(&path, b"not a header\n").unwrap();
        let err = read(&path).unwrap_err();
        assert!(err.to_string().contains("recovery"), "{err}");
    }
}
