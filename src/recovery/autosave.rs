//! When unsaved changes go to the recovery file, and the copy of the
//! workspace they are written from. No egui and no threads: [`Autosave`]
//! says what is due as a [`Work`], the window runs it as a job, and hands
//! back what it [`Written`].
//!
//! Unsaved changes are written [`QUIET`] after the last edit, and at least
//! every [`MAX_WAIT`] while edits keep coming. The copy is made once when a
//! document is opened and kept up to date by replaying the document's
//! changes ([`Document::take_changes`]) inside the work, so a frame only
//! hands over the few records an edit touched, never the whole workspace.
//! One work runs at a time: the copy travels with it and comes back. A
//! clean document has no recovery file: saving, discarding or undoing back
//! to the saved state removes it.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use super::{BelongsTo, Header, RecoveryStore};
use crate::edit::{Change, Document};
use crate::file::FileError;
use crate::model::Workspace;

/// How long after the last edit the recovery file is written.
pub const QUIET: Duration = Duration::from_secs(3);

/// The longest unsaved changes wait to be written while edits keep coming.
pub const MAX_WAIT: Duration = Duration::from_secs(30);

/// What the recovery file needs now.
pub enum Step {
    /// Nothing to do until the document changes.
    Idle,
    /// Look again after this long.
    Wait(Duration),
    /// Run this (as a job; it may take a moment for a big workspace).
    Run(Work),
}

/// What the recovery file is to become.
enum After {
    Write(Header),
    Remove,
    /// Only bring the copy up to date (a whole workspace came in: the copy
    /// takes it now, so the document soon stops sharing it).
    Replay,
}

/// A write or removal of the recovery file, with the copy it writes from.
pub struct Work {
    store: Arc<RecoveryStore>,
    generation: u64,
    copy: Option<Box<Workspace>>,
    changes: Vec<Change>,
    after: After,
}

impl Work {
    /// Brings the copy up to date and writes it, or removes the file.
    pub fn run(self) -> Written {
        let Work {
            store,
            generation,
            mut copy,
            changes,
            after,
        } = self;
        if let Some(ws) = &mut copy {
            for change in &changes {
                change.replay(ws);
            }
        }
        let result = match (&after, &copy) {
            (After::Write(header), Some(ws)) => store.write(header, ws),
            (After::Write(_) | After::Replay, _) => Ok(()),
            (After::Remove, _) => store.remove(),
        };
        Written {
            generation,
            copy,
            result,
        }
    }
}

/// What a [`Work`] hands back: the copy, and whether the file was written.
pub struct Written {
    generation: u64,
    copy: Option<Box<Workspace>>,
    result: Result<(), FileError>,
}

/// The recovery file of one running Flywheel: its store, the copy, and
/// when the next write is due.
pub struct Autosave {
    store: Arc<RecoveryStore>,
    /// The copy writes are made from; `None` while a work has it.
    copy: Option<Box<Workspace>>,
    /// Changes when another document is followed: a copy coming back from
    /// before that is dropped.
    generation: u64,
    /// The document's changes not yet in the copy, in order.
    pending: Vec<Change>,
    /// A work is out (at most one at a time).
    busy: bool,
    /// The revision last seen and when it was first seen.
    seen: Option<(u64, Instant)>,
    /// Local time of the last edit, for the header.
    last_edit: Option<NaiveDateTime>,
    /// When the oldest change not yet written was made.
    pending_since: Option<Instant>,
    /// The revision in the recovery file (or being written), if any.
    written: Option<u64>,
}

impl Autosave {
    pub fn new(store: RecoveryStore) -> Self {
        Self {
            store: Arc::new(store),
            copy: None,
            generation: 0,
            pending: Vec::new(),
            busy: false,
            seen: None,
            last_edit: None,
            pending_since: None,
            written: None,
        }
    }

    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }

    /// Follows a newly opened document: `copy` (or a copy made now) is
    /// what its changes are replayed on. A recovery file of the document
    /// before stays until the next look finds this one clean, or writes it.
    pub fn follow(&mut self, doc: &mut Document, copy: Option<Workspace>) {
        doc.take_changes();
        doc.record_changes();
        let copy = copy.unwrap_or_else(|| doc.workspace().clone());
        self.copy = Some(Box::new(copy));
        self.generation += 1;
        self.pending.clear();
        self.seen = None;
        self.pending_since = None;
    }

    /// Marks the recovery file as holding the document's revision now (a
    /// recovered file that this instance adopted), last edited at `edited`.
    pub fn adopted(&mut self, doc: &Document, now: Instant, edited: NaiveDateTime) {
        self.written = Some(doc.revision());
        self.seen = Some((doc.revision(), now));
        self.last_edit = Some(edited);
    }

    /// What is due at `now` for the document: removing the file of a
    /// clean document, writing a dirty one after a quiet spell (or
    /// [`MAX_WAIT`]), or nothing yet.
    pub fn tick(
        &mut self,
        doc: &mut Document,
        belongs_to: impl FnOnce() -> BelongsTo,
        now: Instant,
        wall: NaiveDateTime,
    ) -> Step {
        self.pending.extend(doc.take_changes());
        if self.busy {
            // The work coming back asks for another look.
            return Step::Idle;
        }
        // A whole workspace is shared with the document until the copy
        // takes it: take it now, or the document's next edit copies it.
        if self.copy.is_some() && self.pending.iter().any(Change::is_whole) {
            return Step::Run(self.work(After::Replay));
        }
        if !doc.is_dirty() {
            self.seen = None;
            self.pending_since = None;
            return match self.written.take() {
                Some(_) => Step::Run(self.work(After::Remove)),
                None => Step::Idle,
            };
        }
        let revision = doc.revision();
        let edited = match self.seen {
            Some((seen, at)) if seen == revision => at,
            _ => {
                self.seen = Some((revision, now));
                self.last_edit = Some(wall);
                self.pending_since.get_or_insert(now);
                now
            }
        };
        if self.written == Some(revision) {
            return Step::Idle;
        }
        let pending_since = self.pending_since.unwrap_or(now);
        let due = (edited + QUIET).min(pending_since + MAX_WAIT);
        if now < due {
            return Step::Wait(due - now);
        }
        self.write_now(doc, belongs_to(), wall)
            .map_or(Step::Idle, Step::Run)
    }

    /// The work that writes the document now, whatever the timing (`None`
    /// while another work is out, or before a document is followed).
    pub fn write_now(
        &mut self,
        doc: &mut Document,
        belongs_to: BelongsTo,
        wall: NaiveDateTime,
    ) -> Option<Work> {
        self.pending.extend(doc.take_changes());
        if self.busy || self.copy.is_none() {
            return None;
        }
        let header = Header::new(belongs_to, self.last_edit.unwrap_or(wall));
        self.written = Some(doc.revision());
        self.pending_since = None;
        Some(self.work(After::Write(header)))
    }

    /// The work that removes the recovery file now: the changes in it are
    /// not wanted (`None` while another work is out).
    pub fn remove_now(&mut self) -> Option<Work> {
        if self.busy {
            return None;
        }
        self.written = None;
        self.seen = None;
        self.pending_since = None;
        Some(self.work(After::Remove))
    }

    /// Whether a work is out.
    pub fn is_busy(&self) -> bool {
        self.busy
    }

    /// The work that was out never came back (its job could not start, or
    /// died), and the copy with it: start again from the document.
    pub fn lost(&mut self, doc: &mut Document) {
        self.busy = false;
        self.written = None;
        self.follow(doc, None);
    }

    /// Whether the recovery file holds the document's revision now.
    pub fn is_written(&self, doc: &Document) -> bool {
        self.written == Some(doc.revision())
    }

    fn work(&mut self, after: After) -> Work {
        let (copy, changes) = match after {
            // Writing needs the copy up to date; removing needs neither.
            After::Write(_) | After::Replay => {
                (self.copy.take(), std::mem::take(&mut self.pending))
            }
            After::Remove => (None, Vec::new()),
        };
        self.busy = true;
        Work {
            store: Arc::clone(&self.store),
            generation: self.generation,
            copy,
            changes,
            after,
        }
    }

    /// Takes back what a work did: its copy, unless another document was
    /// followed meanwhile. Returns the work's error, if it had one.
    pub fn written(&mut self, written: Written) -> Result<(), FileError> {
        self.busy = false;
        if written.generation == self.generation && written.copy.is_some() {
            self.copy = written.copy;
        }
        written.result
    }

    /// Ends recovery for this run: the store's lock goes (and with it, the
    /// file is no longer this instance's). Call with no work out.
    pub fn close(self) -> Result<(), FileError> {
        match Arc::into_inner(self.store) {
            Some(store) => store.close(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::Sector;

    fn wall() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap()
    }

    fn edited(doc: &mut Document, title: &str) {
        doc.apply(Edit::SetTitle(title.into()), None).unwrap();
    }

    /// Runs what is due, as the window would (here, at once).
    fn tick(autosave: &mut Autosave, doc: &mut Document, at: Instant) -> Option<Duration> {
        match autosave.tick(doc, || BelongsTo::New, at, wall()) {
            Step::Idle => None,
            Step::Wait(wait) => Some(wait),
            Step::Run(work) => {
                autosave.written(work.run()).unwrap();
                None
            }
        }
    }

    #[test]
    fn writes_after_a_quiet_spell_and_at_least_every_thirty_seconds() {
        let dir = tempfile::tempdir().unwrap();
        let mut autosave = Autosave::new(RecoveryStore::open(dir.path()).unwrap());
        let mut doc = Document::new(Workspace::new("T", Sector::Cement));
        autosave.follow(&mut doc, None);
        let start = Instant::now();
        let at = |secs: u64| start + Duration::from_secs(secs);
        let file = autosave.store().path();

        assert_eq!(tick(&mut autosave, &mut doc, at(0)), None, "clean");
        edited(&mut doc, "A");
        assert_eq!(tick(&mut autosave, &mut doc, at(1)), Some(QUIET));
        assert!(!file.exists());
        assert_eq!(tick(&mut autosave, &mut doc, at(4)), None);
        assert!(file.exists(), "written three seconds after the last edit");
        assert_eq!(crate::recovery::read(&file).unwrap().1.title, "A");

        // An edit every two seconds never leaves a quiet spell: written
        // after thirty seconds all the same.
        let mut secs = 4;
        while secs < 40 {
            secs += 2;
            edited(&mut doc, &format!("B{secs}"));
            tick(&mut autosave, &mut doc, at(secs));
            if crate::recovery::read(&file).unwrap().1.title != "A" {
                break;
            }
        }
        assert_eq!(secs, 6 + 30, "the first edit after the write waited 30 s");

        doc.mark_saved();
        tick(&mut autosave, &mut doc, at(secs + 1));
        assert!(!file.exists(), "a clean document has no recovery file");
    }

    #[test]
    fn one_work_at_a_time_and_the_copy_comes_back_with_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let mut autosave = Autosave::new(RecoveryStore::open(dir.path()).unwrap());
        let mut doc = Document::new(Workspace::new("T", Sector::Cement));
        autosave.follow(&mut doc, None);
        edited(&mut doc, "First");
        let out = autosave
            .write_now(&mut doc, BelongsTo::New, wall())
            .unwrap();
        edited(&mut doc, "Second");
        assert!(
            autosave
                .write_now(&mut doc, BelongsTo::New, wall())
                .is_none()
        );
        assert!(autosave.remove_now().is_none(), "the first is still out");
        autosave.written(out.run()).unwrap();
        let file = autosave.store().path();
        assert_eq!(crate::recovery::read(&file).unwrap().1.title, "First");
        let again = autosave
            .write_now(&mut doc, BelongsTo::New, wall())
            .unwrap();
        autosave.written(again.run()).unwrap();
        assert_eq!(crate::recovery::read(&file).unwrap().1.title, "Second");
        assert!(autosave.is_written(&doc));
    }

    #[test]
    fn a_copy_of_a_document_no_longer_followed_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut autosave = Autosave::new(RecoveryStore::open(dir.path()).unwrap());
        let mut doc = Document::new(Workspace::new("Old", Sector::Cement));
        autosave.follow(&mut doc, None);
        edited(&mut doc, "Old, edited");
        let out = autosave
            .write_now(&mut doc, BelongsTo::New, wall())
            .unwrap();
        let mut other = Document::new(Workspace::new("New", Sector::Cement));
        autosave.follow(&mut other, None);
        autosave.written(out.run()).unwrap();
        edited(&mut other, "New, edited");
        let next = autosave
            .write_now(&mut other, BelongsTo::New, wall())
            .unwrap();
        autosave.written(next.run()).unwrap();
        let file = autosave.store().path();
        assert_eq!(crate::recovery::read(&file).unwrap().1.title, "New, edited");
    }
}
