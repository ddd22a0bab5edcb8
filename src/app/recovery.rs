//! Crash recovery, the window's side: running what [`Autosave`] says is
//! due as a job behind the user's work, and offering the files left by a
//! Flywheel that closed without saving (one at a time, once nothing else is
//! in front). When and from what the file is written is
//! [`crate::recovery`]'s business.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDateTime;

use super::dialogs::Dialog;
use super::jobs::done;
use super::{FlywheelApp, Origin};
use crate::file::FileError;
use crate::jobs::{Cancel, JobId, Spec};
use crate::model::Workspace;
use crate::recovery::{Autosave, BelongsTo, Header, Orphan, RecoveryStore, Step, Work, Written};

/// Crash recovery while it is on, and the files waiting to be offered.
#[derive(Default)]
pub(super) struct Recovery {
    autosave: Option<Autosave>,
    /// The autosave work out as a job.
    job: Option<JobId>,
    /// Files of Flywheels that are gone, not yet offered.
    waiting: Vec<Orphan>,
    /// The file the recovery dialog is about.
    offered: Option<Orphan>,
}

/// What reading an offered recovery file hands back.
struct Recovered {
    orphan: Orphan,
    result: Result<(Header, Workspace), FileError>,
}

impl FlywheelApp {
    /// Keeps a version of every save in `versions` (File › Versions…).
    pub fn enable_versions(&mut self, versions: crate::file::versions::Versions) {
        self.versions = Some(versions);
    }

    /// Turns crash recovery on, with recovery files in `dir` (the real app
    /// uses [`crate::recovery::default_dir`]; tests a temporary folder).
    /// Files left there by a Flywheel that closed without saving are
    /// offered, one at a time, as soon as nothing else is in front.
    pub fn enable_recovery(&mut self, dir: &Path) {
        match RecoveryStore::open(dir) {
            Ok(store) => {
                let mut waiting = store.orphans();
                waiting.reverse();
                let mut autosave = Autosave::new(store);
                autosave.follow(&mut self.doc, None);
                self.recovery = Recovery {
                    autosave: Some(autosave),
                    job: None,
                    waiting,
                    offered: None,
                };
            }
            Err(err) => self.notify_error(format!("Crash recovery is off: {err}")),
        }
        self.offer_next_recovery();
    }

    /// Whether crash recovery is on.
    pub(super) fn recovery_is_on(&self) -> bool {
        self.recovery.autosave.is_some()
    }

    /// This instance's recovery file, when recovery is on.
    pub fn recovery_file(&self) -> Option<std::path::PathBuf> {
        self.recovery.autosave.as_ref().map(|a| a.store().path())
    }

    /// A newly opened document: recovery follows it (`copy`, when given,
    /// is a copy of its workspace already made off the window's thread).
    pub(super) fn recovery_follows(&mut self, copy: Option<Workspace>) {
        if let Some(autosave) = &mut self.recovery.autosave {
            autosave.follow(&mut self.doc, copy);
        }
    }

    /// Waits for the autosave work that is out, if any, and takes it back.
    fn wait_for_autosave(&mut self) {
        let Some(id) = self.recovery.job.take() else {
            return;
        };
        self.wait_for_job(id);
        self.autosave_lost_if_gone();
    }

    /// Runs `work` now, on this thread (tests, and the last write on exit).
    fn run_autosave_now(&mut self, work: Work) {
        let written = work.run();
        self.recovery_written(written);
    }

    /// Writes the unsaved changes to the recovery file now and waits until
    /// they are on disk (tests use this rather than waiting a few seconds).
    pub fn write_recovery_now(&mut self) {
        self.wait_for_autosave();
        let belongs_to = self.belongs_to();
        let (now, wall) = self.now();
        // At most: bring the copy up to date, then write (or remove).
        for _ in 0..3 {
            let Some(autosave) = &mut self.recovery.autosave else {
                return;
            };
            let work = match autosave.tick(&mut self.doc, || belongs_to.clone(), now, wall) {
                Step::Run(work) => work,
                Step::Wait(_) if self.doc.is_dirty() => {
                    match autosave.write_now(&mut self.doc, belongs_to.clone(), wall) {
                        Some(work) => work,
                        None => return,
                    }
                }
                Step::Wait(_) | Step::Idle => return,
            };
            self.run_autosave_now(work);
        }
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

    /// A work that is out but whose job is gone without handing it back
    /// (it could not start, or it died) is lost with its copy: autosave
    /// starts again from the document rather than wait for it forever.
    fn autosave_lost_if_gone(&mut self) {
        let running = self.recovery.job.is_some_and(|id| self.jobs.is_running(id));
        if let Some(autosave) = &mut self.recovery.autosave
            && autosave.is_busy()
            && !running
        {
            self.recovery.job = None;
            autosave.lost(&mut self.doc);
        }
    }

    /// At the end of each frame: starts the write or removal autosave says
    /// is due, and shows the next recovery offer.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        self.autosave_lost_if_gone();
        let (now, wall) = self.now();
        let origin = &self.origin;
        let Some(autosave) = &mut self.recovery.autosave else {
            return;
        };
        match autosave.tick(&mut self.doc, || belongs_to(origin), now, wall) {
            Step::Idle => {}
            Step::Wait(wait) => ctx.request_repaint_after(wait),
            Step::Run(work) => {
                let spec = Spec::background("Keeping unsaved changes for crash recovery");
                self.recovery.job = self.start_job(spec, move |_| {
                    let written = work.run();
                    done(move |app| app.recovery_written(written))
                });
            }
        }
        self.offer_next_recovery();
    }

    /// An autosave work came back.
    fn recovery_written(&mut self, written: Written) {
        self.recovery.job = None;
        let Some(autosave) = &mut self.recovery.autosave else {
            return;
        };
        if let Err(err) = autosave.written(written) {
            self.notify_error(format!(
                "Unsaved changes could not be kept for crash recovery: {err}"
            ));
        }
    }

    /// Shows the recovery dialog for the next waiting file, if nothing is
    /// in front.
    fn offer_next_recovery(&mut self) {
        if self.is_anything_in_front() || self.recovery.offered.is_some() || self.is_presenting() {
            return;
        }
        let Some(orphan) = self.recovery.waiting.pop() else {
            return;
        };
        let (_, wall) = self.now();
        self.modals.show(Dialog::RecoveryOffer {
            name: orphan.header.belongs_to.describe(),
            path: match &orphan.header.belongs_to {
                BelongsTo::File(path) => Some(path.clone()),
                _ => None,
            },
            last_edit: when(orphan.header.last_edit, wall),
        });
        self.recovery.offered = Some(orphan);
    }

    /// Recover: reads the offered changes (as a job); they become the
    /// document, unsaved, with Save writing to the file they belong to.
    pub(super) fn recover(&mut self) {
        let Some(orphan) = self.recovery.offered.take() else {
            return;
        };
        let spec = Spec::front("Recovering unsaved changes", Cancel::No);
        self.start_job(spec, move |_| {
            let result = orphan.read();
            let recovered = Recovered { orphan, result };
            done(move |app| app.recovered(recovered))
        });
    }

    fn recovered(&mut self, recovered: Recovered) {
        let Recovered { orphan, result } = recovered;
        let (header, ws) = match result {
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
        self.wait_for_autosave();
        let (now, _) = self.now();
        if let Some(autosave) = &mut self.recovery.autosave {
            match autosave.store().adopt(orphan) {
                Ok(()) => autosave.adopted(&self.doc, now, header.last_edit),
                Err(err) => self.show_error("The recovery file could not be kept", &err),
            }
        }
        if self.modals.is_empty() {
            self.notify(format!(
                "Recovered unsaved changes to {}: save to keep them",
                header.belongs_to.describe()
            ));
        }
    }

    /// The offer was answered "Recover", then the question about the open
    /// workspace's unsaved changes was cancelled: offer it again.
    pub(super) fn offer_recovery_again(&mut self) {
        if let Some(orphan) = self.recovery.offered.take() {
            self.recovery.waiting.push(orphan);
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

    /// The user chose to close without saving: the recovery file goes now.
    pub(super) fn discard_own_recovery(&mut self) {
        self.wait_for_autosave();
        if let Some(work) = self
            .recovery
            .autosave
            .as_mut()
            .and_then(Autosave::remove_now)
        {
            self.run_autosave_now(work);
        }
    }

    /// The window is going away. Unsaved changes the user did not discard
    /// stay in the recovery file; otherwise it is removed.
    ///
    /// The window is closed by then, so an error can only go to stderr.
    pub(super) fn close_recovery(&mut self) {
        let keep = self.doc.is_dirty() && !self.allow_close;
        if keep {
            self.write_recovery_now();
        } else {
            self.discard_own_recovery();
        }
        let Some(autosave) = self.recovery.autosave.take() else {
            return;
        };
        let closed = if keep { Ok(()) } else { autosave.close() };
        if let Err(err) = closed {
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

    #[test]
    fn last_edit_reads_as_a_time_today_or_a_day_and_time() {
        let wall = chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap();
        let earlier = wall - chrono::Duration::days(1);
        assert_eq!(when(wall, wall), "14:05");
        assert_eq!(when(earlier, wall), "21 Nov 14:05");
    }
}
