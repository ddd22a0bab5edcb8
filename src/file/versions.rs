//! The versions Flywheel keeps of every saved workspace, in its data folder:
//! the facilitator's safety net (File › Versions… opens or restores one),
//! and where the base of a merge is found when a colleague's copy comes
//! back (the save both copies come from).
//!
//! Each save copies the file it wrote to
//! `DATA/versions/WORKSPACE-ID/REVISION.ron`. Per workspace, the newest
//! [`KEEP_VERSIONS`] are kept, fewer when together they pass [`KEEP_BYTES`]
//! (the newest is always kept).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, Local, NaiveDateTime};

use super::{FileError, FileErrorKind};
use crate::model::{Lineage, RevisionId, Workspace, WorkspaceId};

/// How many versions of one workspace are kept.
pub const KEEP_VERSIONS: usize = 50;
/// How many bytes of versions of one workspace are kept at most (500 MB:
/// 50 versions of a 10 MB workspace, 5 of the biggest ones).
pub const KEEP_BYTES: u64 = 500_000_000;

/// One kept version.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptVersion {
    pub revision: RevisionId,
    /// When it was saved, local time.
    pub saved: NaiveDateTime,
    pub bytes: u64,
    pub path: PathBuf,
}

/// The kept versions of every workspace, in one folder.
#[derive(Clone, Debug)]
pub struct Versions {
    dir: PathBuf,
}

impl Versions {
    /// The versions in `DATA/versions` (see [`super::data_dir`]).
    pub fn in_data_dir() -> Option<Self> {
        Some(Self::at(super::data_dir()?.join("versions")))
    }

    /// The versions kept in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    fn folder(&self, workspace: WorkspaceId) -> PathBuf {
        self.dir.join(workspace.to_string())
    }

    /// Keeps a copy of `saved_file`, just saved with `lineage`, then lets
    /// the oldest versions of the workspace go beyond the limits.
    pub fn keep(&self, lineage: &Lineage, saved_file: &Path) -> Result<(), FileError> {
        let folder = self.folder(lineage.workspace);
        let io = |what: &str, err: std::io::Error| FileError::io(&folder, what, &err);
        fs::create_dir_all(&folder).map_err(|e| io("create the versions folder", e))?;
        let name = format!("{}.{}", lineage.revision, super::EXTENSION);
        let temp = folder.join(format!(".{name}.tmp"));
        fs::copy(saved_file, &temp).map_err(|e| io("copy the saved file", e))?;
        fs::rename(&temp, folder.join(&name)).map_err(|e| {
            let _ = fs::remove_file(&temp);
            io("keep the copy", e)
        })?;
        self.prune(lineage.workspace, lineage.revision);
        Ok(())
    }

    /// Removes the versions beyond [`KEEP_VERSIONS`] and [`KEEP_BYTES`],
    /// oldest first, never `just_saved` (whatever the files' times say: a
    /// clock set back, a data folder copied from another computer). A
    /// version that cannot be removed stays; it is tried again on the next
    /// save.
    fn prune(&self, workspace: WorkspaceId, just_saved: RevisionId) {
        let mut versions = self.list(workspace);
        // The one just saved counts first.
        if let Some(at) = versions.iter().position(|v| v.revision == just_saved) {
            let newest = versions.remove(at);
            versions.insert(0, newest);
        }
        let mut total = 0;
        for (k, version) in versions.into_iter().enumerate() {
            total += version.bytes;
            if k > 0 && (k >= KEEP_VERSIONS || total > KEEP_BYTES) {
                let _ = fs::remove_file(&version.path);
            }
        }
    }

    /// The kept versions of `workspace`, newest first.
    pub fn list(&self, workspace: WorkspaceId) -> Vec<KeptVersion> {
        let Ok(entries) = fs::read_dir(self.folder(workspace)) else {
            return Vec::new();
        };
        let mut versions: Vec<(SystemTime, KeptVersion)> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let path = entry.path();
                let stem = path.file_stem()?.to_str()?;
                if path.extension()? != super::EXTENSION {
                    return None;
                }
                let revision = RevisionId(stem.parse().ok()?);
                let meta = entry.metadata().ok().filter(|m| m.is_file())?;
                let modified = meta.modified().ok()?;
                let saved = DateTime::<Local>::from(modified).naive_local();
                Some((
                    modified,
                    KeptVersion {
                        revision,
                        saved,
                        bytes: meta.len(),
                        path,
                    },
                ))
            })
            .collect();
        versions.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.path.cmp(&a.1.path)));
        versions.into_iter().map(|(_, v)| v).collect()
    }

    /// The kept version `revision` of `workspace`, if it is still kept.
    pub fn get(&self, workspace: WorkspaceId, revision: RevisionId) -> Option<KeptVersion> {
        self.list(workspace)
            .into_iter()
            .find(|v| v.revision == revision)
    }

    /// The base for merging `theirs` into `mine`: the newest save both come
    /// from that is still kept. `None` when they share none (or are
    /// different workspaces): the merge is then two-way.
    pub fn base(&self, mine: &Lineage, theirs: &Lineage) -> Option<KeptVersion> {
        if mine.workspace != theirs.workspace {
            return None;
        }
        let kept = self.list(mine.workspace);
        theirs
            .history()
            .filter(|r| mine.knows(*r))
            .find_map(|r| kept.iter().find(|v| v.revision == r).cloned())
    }

    /// Reads a kept version.
    pub fn load(&self, version: &KeptVersion) -> Result<Workspace, FileError> {
        super::load(&version.path).map_err(|mut err| {
            if err.kind == FileErrorKind::Io {
                err.message = format!("{} (a kept version)", err.message);
            }
            err
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sector;

    fn saved(versions: &Versions, dir: &Path, ws: &mut Workspace) -> Lineage {
        let lineage = Lineage::next(ws.lineage.as_ref());
        ws.lineage = Some(lineage.clone());
        let path = dir.join("coalition.ron");
        crate::file::save(ws, &path).unwrap();
        versions.keep(&lineage, &path).unwrap();
        lineage
    }

    #[test]
    fn every_save_is_kept_newest_first_and_the_oldest_go_beyond_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let versions = Versions::at(dir.path().join("versions"));
        let mut ws = Workspace::new("Coalition", Sector::Cement);
        let first = saved(&versions, dir.path(), &mut ws);
        ws.title = "Coalition, renamed".into();
        let second = saved(&versions, dir.path(), &mut ws);
        let list = versions.list(first.workspace);
        assert_eq!(
            list.iter().map(|v| v.revision).collect::<Vec<_>>(),
            vec![second.revision, first.revision]
        );
        let back = versions.load(&list[1]).unwrap();
        assert_eq!(back.title, "Coalition");
        assert_eq!(back.lineage, Some(first.clone()));

        for _ in 0..KEEP_VERSIONS {
            saved(&versions, dir.path(), &mut ws);
        }
        let list = versions.list(first.workspace);
        assert_eq!(list.len(), KEEP_VERSIONS);
        assert!(versions.get(first.workspace, first.revision).is_none());
        assert_eq!(list[0].revision, ws.lineage.unwrap().revision);
    }

    #[test]
    fn the_base_is_the_newest_save_both_copies_come_from() {
        let dir = tempfile::tempdir().unwrap();
        let versions = Versions::at(dir.path().join("versions"));
        let mut ws = Workspace::new("Coalition", Sector::Cement);
        saved(&versions, dir.path(), &mut ws);
        let sent = saved(&versions, dir.path(), &mut ws);
        // The colleague saves twice on their laptop (not kept here).
        let theirs = Lineage::next(Some(&Lineage::next(Some(&sent))));
        let mine = saved(&versions, dir.path(), &mut ws);
        let base = versions.base(&mine, &theirs).unwrap();
        assert_eq!(base.revision, sent.revision);

        let stranger = Lineage::first();
        assert_eq!(versions.base(&mine, &stranger), None);
    }
}
