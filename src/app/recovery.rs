//! Crash recovery, the app side: when to write the recovery file, the
//! thread that writes it, and the offer of files left by a Flywheel that
//! closed without saving.
//!
//! Unsaved changes are written [`QUIET`] after the last edit, and at least
//! every [`MAX_WAIT`] while edits keep coming. The writer thread keeps its
//! own copy of the workspace, made once when a document is opened and kept
//! up to date by replaying the document's changes ([`Document::take_changes`]):
//! a frame only hands over the few records an edit touched, never the whole
//! workspace. The thread turns its copy into text and writes it atomically
//! ([`RecoveryStore::write`]). A clean document has no recovery file:
//! saving, discarding or undoing back to the saved state removes it.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use super::dialogs::Dialog;
use super::{FlywheelApp, Notice, Origin};
use crate::edit::{Change, Document};
use crate::file::FileError;
use crate::model::Workspace;
use crate::recovery::{BelongsTo, Header, Orphan, RecoveryStore};

/// How long after the last edit the recovery file is written.
pub const QUIET: Duration = Duration::from_secs(3);

/// The longest unsaved changes wait to be written while edits keep coming.
pub const MAX_WAIT: Duration = Duration::from_secs(30);

/// What the writer thread is asked to do, in order.
enum Job {
    /// The workspace of a newly opened document: the writer's copy.
    Base(Box<Workspace>),
    /// What changed in the document since the last `Base` or `Changes`.
    Changes(Vec<Change>),
    /// Write the copy as it is after the jobs before this one.
    Write(Header),
    Remove,
    /// Answer once everything before it is done.
    Flush(Sender<()>),
}

/// The background thread that writes and removes this instance's file.
struct Writer {
    jobs: Option<Sender<Job>>,
    errors: Receiver<FileError>,
    thread: Option<JoinHandle<()>>,
}

impl Writer {
    fn start(store: Arc<RecoveryStore>) -> Self {
        let (jobs, job_rx) = mpsc::channel();
        let (error_tx, errors) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("flywheel-recovery".to_string())
            .spawn(move || write_jobs(&store, &job_rx, &error_tx))
            .ok();
        Self {
            jobs: Some(jobs),
            errors,
            thread,
        }
    }

    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            // A send fails only if the thread is gone; its error was reported.
            let _ = jobs.send(job);
        }
    }

    /// Waits until every job sent so far is done.
    fn flush(&self) {
        let (done, wait) = mpsc::channel();
        self.send(Job::Flush(done));
        let _ = wait.recv();
    }
}

impl Drop for Writer {
    /// Finishes the jobs already sent, so the last edits reach the disk.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The writer thread. Jobs are done in order, except that a write followed
/// by another write (with only changes between them) is skipped: the later
/// one writes everything the earlier one would have.
fn write_jobs(store: &RecoveryStore, jobs: &Receiver<Job>, errors: &Sender<FileError>) {
    let mut copy: Option<Workspace> = None;
    let mut queue = std::collections::VecDeque::new();
    while let Ok(job) = jobs.recv() {
        queue.push_back(job);
        queue.extend(jobs.try_iter());
        while let Some(job) = queue.pop_front() {
            let result = match job {
                Job::Base(ws) => {
                    copy = Some(*ws);
                    Ok(())
                }
                Job::Changes(changes) => {
                    if let Some(ws) = &mut copy {
                        for change in &changes {
                            change.replay(ws);
                        }
                    }
                    Ok(())
                }
                Job::Write(_) if superseded(&queue) => Ok(()),
                Job::Write(header) => match &copy {
                    Some(ws) => store.write(&header, ws),
                    None => Ok(()),
                },
                Job::Remove => store.remove(),
                Job::Flush(done) => {
                    let _ = done.send(());
                    Ok(())
                }
            };
            if let Err(err) = result {
                let _ = errors.send(err);
            }
        }
    }
}

/// Whether a later write in `queue` writes everything an earlier one would.
fn superseded(queue: &std::collections::VecDeque<Job>) -> bool {
    for job in queue {
        match job {
            Job::Changes(_) => {}
            Job::Write(_) => return true,
            Job::Base(_) | Job::Remove | Job::Flush(_) => return false,
        }
    }
    false
}

/// Autosave state and the recovery files waiting to be offered.
#[derive(Default)]
pub(super) struct Recovery {
    store: Option<Arc<RecoveryStore>>,
    writer: Option<Writer>,
    /// The revision last seen and when it was first seen.
    seen: Option<(u64, Instant)>,
    /// Local time of the last edit, for the header.
    last_edit: Option<NaiveDateTime>,
    /// When the oldest change not yet written was made.
    pending_since: Option<Instant>,
    /// The revision in the recovery file, if there is one.
    written: Option<u64>,
    /// Files of Flywheels that are gone, not yet offered.
    waiting: Vec<Orphan>,
    /// The file the recovery dialog is about.
    offered: Option<Orphan>,
}

impl Recovery {
    /// Recovery in `dir`, with the files left there by Flywheels that are gone.
    fn open(dir: &Path) -> Result<Self, FileError> {
        let store = Arc::new(RecoveryStore::open(dir)?);
        let mut waiting = store.orphans();
        waiting.reverse();
        Ok(Self {
            writer: Some(Writer::start(Arc::clone(&store))),
            store: Some(store),
            waiting,
            ..Self::default()
        })
    }

    /// Gives the writer a copy of a newly opened document, whose changes
    /// it then follows.
    /// `copy`, when given, is a copy of its workspace already made.
    pub(super) fn follow(&mut self, doc: &mut Document, copy: Option<Workspace>) {
        let Some(writer) = &self.writer else {
            return;
        };
        doc.take_changes();
        doc.record_changes();
        let copy = copy.unwrap_or_else(|| doc.workspace().clone());
        writer.send(Job::Base(Box::new(copy)));
        self.written = None;
        self.seen = None;
        self.pending_since = None;
    }

    /// Hands the document's latest changes to the writer.
    fn send_changes(&self, doc: &mut Document) {
        let changes = doc.take_changes();
        if let Some(writer) = &self.writer
            && !changes.is_empty()
        {
            writer.send(Job::Changes(changes));
        }
    }

    /// Writes, or removes, the recovery file as the document requires at
    /// `now`. Returns how long until it should be looked at again.
    fn tick(
        &mut self,
        doc: &mut Document,
        belongs_to: impl FnOnce() -> BelongsTo,
        now: Instant,
        wall: NaiveDateTime,
    ) -> Option<Duration> {
        self.send_changes(doc);
        let writer = self.writer.as_ref()?;
        if !doc.is_dirty() {
            if self.written.take().is_some() {
                writer.send(Job::Remove);
            }
            self.seen = None;
            self.pending_since = None;
            return None;
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
            return None;
        }
        let pending_since = self.pending_since.unwrap_or(now);
        let due = (edited + QUIET).min(pending_since + MAX_WAIT);
        if now < due {
            return Some(due - now);
        }
        self.write(doc, belongs_to(), wall);
        None
    }

    /// Asks the writer to write the document now.
    fn write(&mut self, doc: &mut Document, belongs_to: BelongsTo, wall: NaiveDateTime) {
        self.send_changes(doc);
        let Some(writer) = &self.writer else {
            return;
        };
        let header = Header::new(belongs_to, self.last_edit.unwrap_or(wall));
        writer.send(Job::Write(header));
        self.written = Some(doc.revision());
        self.pending_since = None;
    }

    /// The errors the writer met since the last call.
    fn errors(&self) -> Vec<FileError> {
        self.writer
            .as_ref()
            .map(|w| w.errors.try_iter().collect())
            .unwrap_or_default()
    }

    /// Removes the recovery file and its lock: the changes are not wanted.
    fn discard(&mut self) {
        if let Some(writer) = &self.writer {
            writer.send(Job::Remove);
            writer.flush();
        }
        self.written = None;
        self.seen = None;
        self.pending_since = None;
    }

    /// Stops the writer. With `keep`, the latest changes stay in the
    /// recovery file for the next start; otherwise it is removed.
    fn close(
        &mut self,
        doc: &mut Document,
        belongs_to: BelongsTo,
        wall: NaiveDateTime,
        keep: bool,
    ) -> Result<(), FileError> {
        if keep {
            if self.written != Some(doc.revision()) {
                self.write(doc, belongs_to, wall);
            }
        } else {
            self.discard();
        }
        // Joins the thread: what was sent is on disk before the process ends.
        self.writer = None;
        let mut errors = self.errors();
        if let Some(store) = self.store.take().and_then(Arc::into_inner)
            && !keep
            && let Err(err) = store.close()
        {
            errors.push(err);
        }
        errors.pop().map_or(Ok(()), Err)
    }
}

impl FlywheelApp {
    /// Turns crash recovery on, with recovery files in `dir` (the real app
    /// uses [`crate::recovery::default_dir`]; tests a temporary folder).
    /// Files left there by a Flywheel that closed without saving are
    /// offered, one at a time, as soon as no other dialog is open.
    /// Keeps a version of every save in `versions` (File › Versions…).
    pub fn enable_versions(&mut self, versions: crate::file::versions::Versions) {
        self.versions = Some(versions);
    }

    pub fn enable_recovery(&mut self, dir: &Path) {
        match Recovery::open(dir) {
            Ok(recovery) => {
                self.recovery = recovery;
                self.recovery.follow(&mut self.doc, None);
            }
            Err(err) => {
                self.notice = Some(Notice {
                    text: format!("Crash recovery is off: {err}"),
                    is_error: true,
                });
            }
        }
        self.offer_next_recovery();
    }

    /// Writes the unsaved changes to the recovery file now and waits until
    /// they are on disk (tests use this rather than waiting a few seconds).
    pub fn write_recovery_now(&mut self) {
        if self.doc.is_dirty() {
            let (_, wall) = self.now();
            let belongs_to = self.belongs_to();
            self.recovery.write(&mut self.doc, belongs_to, wall);
        }
        if let Some(writer) = &self.recovery.writer {
            writer.flush();
        }
    }

    /// Whether crash recovery is on (its writer is running).
    pub(super) fn recovery_is_on(&self) -> bool {
        self.recovery.writer.is_some()
    }

    /// This instance's recovery file, when recovery is on.
    pub fn recovery_file(&self) -> Option<std::path::PathBuf> {
        self.recovery.store.as_ref().map(|store| store.path())
    }

    /// The monotonic time autosave is timed with and the local wall time
    /// edits are recorded at. The one place autosave reads the clock.
    fn now(&self) -> (Instant, NaiveDateTime) {
        let wall = self
            .now
            .unwrap_or_else(|| chrono::Local::now().naive_local());
        (Instant::now(), wall)
    }

    fn belongs_to(&self) -> BelongsTo {
        belongs_to(&self.origin)
    }

    /// At the end of each frame: writes or removes the recovery file as
    /// needed, reports writing errors, and shows the next recovery offer.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let (now, wall) = self.now();
        let origin = &self.origin;
        let belongs_to = || belongs_to(origin);
        if let Some(wait) = self.recovery.tick(&mut self.doc, belongs_to, now, wall) {
            ctx.request_repaint_after(wait);
        }
        if let Some(err) = self.recovery.errors().pop() {
            self.notice = Some(Notice {
                text: format!("Unsaved changes could not be kept for crash recovery: {err}"),
                is_error: true,
            });
        }
        self.offer_next_recovery();
    }

    /// Shows the recovery dialog for the next waiting file, if no dialog is
    /// open.
    fn offer_next_recovery(&mut self) {
        if self.dialog.is_some() || self.recovery.offered.is_some() || self.is_busy() {
            return;
        }
        let Some(orphan) = self.recovery.waiting.pop() else {
            return;
        };
        let (_, wall) = self.now();
        self.dialog = Some(Dialog::RecoveryOffer {
            name: orphan.header.belongs_to.describe(),
            path: match &orphan.header.belongs_to {
                BelongsTo::File(path) => Some(path.clone()),
                _ => None,
            },
            last_edit: when(orphan.header.last_edit, wall),
        });
        self.recovery.offered = Some(orphan);
    }

    /// Recover: the offered changes become the document, unsaved, with
    /// Save writing to the file they belong to.
    pub(super) fn recover(&mut self) {
        let Some(orphan) = self.recovery.offered.take() else {
            return;
        };
        let (header, ws) = match orphan.read() {
            Ok(read) => read,
            Err(err) => {
                self.show_error("The unsaved changes could not be recovered", &err);
                return;
            }
        };
        let origin = match &header.belongs_to {
            BelongsTo::File(path) => Origin::File(path.clone()),
            BelongsTo::New => Origin::New,
            BelongsTo::Demo => Origin::Demo,
        };
        self.replace_document(ws, origin);
        self.doc.mark_unsaved();
        let (now, _) = self.now();
        if let Some(store) = &self.recovery.store {
            match store.adopt(orphan) {
                Ok(()) => {
                    self.recovery.written = Some(self.doc.revision());
                    self.recovery.seen = Some((self.doc.revision(), now));
                    self.recovery.last_edit = Some(header.last_edit);
                }
                Err(err) => self.show_error("The recovery file could not be kept", &err),
            }
        }
        if self.dialog.is_none() {
            self.notify(format!(
                "Recovered unsaved changes to {}: save to keep them",
                header.belongs_to.describe()
            ));
        }
    }

    /// Discard: the offered recovery file is deleted.
    pub(super) fn discard_recovery(&mut self) {
        if let Some(orphan) = self.recovery.offered.take()
            && let Err(err) = orphan.discard()
        {
            self.show_error("The recovery file could not be deleted", &err);
        }
    }

    /// Decide later: the offered file stays for the next start.
    pub(super) fn keep_recovery_for_later(&mut self) {
        self.recovery.offered = None;
    }

    /// The user chose to close without saving: no recovery file is kept.
    pub(super) fn discard_own_recovery(&mut self) {
        self.recovery.discard();
    }

    /// The window is going away. Unsaved changes the user did not discard
    /// stay in the recovery file; otherwise it is removed.
    ///
    /// The window is closed by then, so an error can only go to stderr.
    pub(super) fn close_recovery(&mut self) {
        let keep = self.doc.is_dirty() && !self.allow_close;
        let (_, wall) = self.now();
        let belongs_to = self.belongs_to();
        if let Err(err) = self.recovery.close(&mut self.doc, belongs_to, wall, keep) {
            eprintln!("flywheel: crash recovery: {err}");
        }
    }
}

/// What a recovery file records for the document's origin.
fn belongs_to(origin: &Origin) -> BelongsTo {
    match origin {
        Origin::Demo => BelongsTo::Demo,
        Origin::New => BelongsTo::New,
        Origin::File(path) => BelongsTo::File(path.clone()),
    }
}

/// "14:05" for a time today, "21 Nov 14:05" otherwise.
fn when(time: NaiveDateTime, now: NaiveDateTime) -> String {
    if time.date() == now.date() {
        time.format("%H:%M").to_string()
    } else {
        time.format("%-d %b %H:%M").to_string()
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

    #[test]
    fn writes_after_a_quiet_spell_and_at_least_every_thirty_seconds() {
        let dir = tempfile::tempdir().unwrap();
        let mut recovery = Recovery::open(dir.path()).unwrap();
        let mut doc = Document::new(Workspace::new("T", Sector::Cement));
        recovery.follow(&mut doc, None);
        let start = Instant::now();
        let at = |secs: u64| start + Duration::from_secs(secs);
        let file = recovery.store.as_ref().unwrap().path();
        let tick = |recovery: &mut Recovery, doc: &mut Document, secs| {
            let wait = recovery.tick(doc, || BelongsTo::New, at(secs), wall());
            recovery.writer.as_ref().unwrap().flush();
            wait
        };

        assert_eq!(
            tick(&mut recovery, &mut doc, 0),
            None,
            "clean: nothing to do"
        );
        edited(&mut doc, "A");
        assert_eq!(tick(&mut recovery, &mut doc, 1), Some(QUIET));
        assert!(!file.exists());
        assert_eq!(tick(&mut recovery, &mut doc, 4), None);
        assert!(file.exists(), "written three seconds after the last edit");
        assert_eq!(crate::recovery::read(&file).unwrap().1.title, "A");

        // An edit every two seconds never leaves a quiet spell: written
        // after thirty seconds all the same.
        let mut secs = 4;
        while secs < 40 {
            secs += 2;
            edited(&mut doc, &format!("B{secs}"));
            tick(&mut recovery, &mut doc, secs);
            if crate::recovery::read(&file).unwrap().1.title != "A" {
                break;
            }
        }
        assert_eq!(secs, 6 + 30, "the first edit after the write waited 30 s");

        doc.mark_saved();
        tick(&mut recovery, &mut doc, secs + 1);
        assert!(!file.exists(), "a clean document has no recovery file");
    }

    #[test]
    fn closing_keeps_unsaved_changes_or_removes_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = Document::new(Workspace::new("T", Sector::Cement));
        let mut recovery = Recovery::open(dir.path()).unwrap();
        recovery.follow(&mut doc, None);
        edited(&mut doc, "Kept");
        let file = recovery.store.as_ref().unwrap().path();
        recovery
            .close(&mut doc, BelongsTo::New, wall(), true)
            .unwrap();
        assert_eq!(crate::recovery::read(&file).unwrap().1.title, "Kept");

        let mut recovery = Recovery::open(dir.path()).unwrap();
        assert_eq!(recovery.waiting.len(), 1, "offered at the next start");
        let file = recovery.store.as_ref().unwrap().path();
        recovery.follow(&mut doc, None);
        edited(&mut doc, "Again");
        recovery.tick(&mut doc, || BelongsTo::New, Instant::now(), wall());
        recovery.write(&mut doc, BelongsTo::New, wall());
        recovery
            .close(&mut doc, BelongsTo::New, wall(), false)
            .unwrap();
        assert!(!file.exists());
        assert!(!file.with_extension("lock").exists());
    }

    #[test]
    fn last_edit_reads_as_a_time_today_or_a_day_and_time() {
        let earlier = wall() - chrono::Duration::days(1);
        assert_eq!(when(wall(), wall()), "14:05");
        assert_eq!(when(earlier, wall()), "21 Nov 14:05");
    }
}
