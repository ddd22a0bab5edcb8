//! The window's long work, on the one runner ([`crate::jobs`]): how a
//! job's result is taken in ([`Done`], run by `handle`), and the progress
//! dialog every job the user waits for shares.
//!
//! A job the user waits for blocks clicks at once; its dialog appears when
//! it has run for [`SHOW_AFTER`], so a small file is done before anything
//! flickers.

use std::time::Duration;

use egui::{Align, Color32, Frame, Layout, RichText};

use super::FlywheelApp;
use crate::jobs::{Cancel, Finished, JobId, Progress, Running, Spec, Unit};

/// How long a job runs before its progress dialog appears.
pub const SHOW_AFTER: Duration = Duration::from_millis(150);

/// How often the window looks at running jobs.
const POLL: Duration = Duration::from_millis(30);

/// What a job hands back: how to take its result in, which
/// [`FlywheelApp::handle`] runs at the end of a frame. Each kind of job
/// says it with a method of the app's (`opened`, `saved`, `merged`…).
pub(super) type Done = Box<dyn FnOnce(&mut FlywheelApp) + Send>;

/// A job's result, to be taken in by `take_in`.
pub(super) fn done(take_in: impl FnOnce(&mut FlywheelApp) + Send + 'static) -> Done {
    Box::new(take_in)
}

impl FlywheelApp {
    /// The clock jobs are timed with: egui's, so it runs in tests and in a
    /// browser alike.
    pub(super) fn clock_secs(&self, ctx: &egui::Context) -> f64 {
        ctx.input(|i| i.time)
    }

    /// Starts `work` as a job; a job that cannot start says why at once.
    pub(super) fn start_job(
        &mut self,
        spec: Spec,
        work: impl FnOnce(&Progress) -> Done + Send + 'static,
    ) -> Option<JobId> {
        let title = spec.title.clone();
        match self.jobs.start(spec, self.frame_time, work) {
            Ok(id) => Some(id),
            Err(err) => {
                self.show_message(
                    &format!("{title}: could not start"),
                    &format!("The work could not be started ({err})."),
                );
                None
            }
        }
    }

    /// Whether any job is under way (a file being opened, saved, exported,
    /// merged; a crash-recovery write).
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy()
    }

    /// Takes in every job that finished since the last frame.
    pub(super) fn take_finished_jobs(&mut self, ctx: &egui::Context) {
        for finished in self.jobs.finished() {
            self.job_done(finished);
        }
        if self.jobs.is_busy() {
            ctx.request_repaint_after(POLL);
        }
    }

    fn job_done(&mut self, finished: Finished<Done>) {
        match finished.result {
            Ok(take_in) => take_in(self),
            Err(lost) => self.show_message(
                &format!("{}: not done", finished.title),
                &format!("The work {lost}; nothing was changed."),
            ),
        }
    }

    /// Waits for job `id` and takes its result in (the few places that
    /// must not go on without it, such as the last crash-recovery write).
    pub(super) fn wait_for_job(&mut self, id: JobId) {
        if let Some(finished) = self.jobs.wait(id) {
            self.job_done(finished);
        }
    }

    /// The progress dialog of the job the user waits for, once it has run
    /// for a moment; before that an invisible one keeps clicks off the
    /// document. Returns the job when the user asked to cancel it.
    pub(super) fn job_progress_ui(&self, ctx: &egui::Context) -> Option<JobId> {
        let job = self.jobs.in_front()?;
        let elapsed = (ctx.input(|i| i.time) - job.started_secs).max(0.0);
        let id = egui::Id::unique("flywheel-job");
        if elapsed < SHOW_AFTER.as_secs_f64() {
            egui::Modal::new(id)
                .backdrop_color(Color32::TRANSPARENT)
                .frame(Frame::NONE)
                .show(ctx, |_| {});
            ctx.request_repaint_after(Duration::from_secs_f64(SHOW_AFTER.as_secs_f64() - elapsed));
            return None;
        }
        let modal = egui::Modal::new(id).show(ctx, |ui| progress_dialog_ui(ui, &job, elapsed));
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        (modal.inner || escape).then_some(job.id)
    }

    /// Cancel in a progress dialog.
    pub(super) fn cancel_job(&mut self, id: JobId) {
        let title = self
            .jobs
            .in_front()
            .filter(|job| job.id == id)
            .map(|job| job.spec.title);
        if self.jobs.cancel(id)
            && let Some(title) = title
        {
            self.notify(format!("{title}: cancelled; nothing was changed"));
        }
    }
}

/// The dialog's content; returns whether Cancel was pressed.
fn progress_dialog_ui(ui: &mut egui::Ui, job: &Running, elapsed: f64) -> bool {
    ui.set_width(420.0);
    ui.heading(&job.spec.title);
    ui.add_space(6.0);
    let progress = job.progress;
    let seconds = elapsed.floor();
    match (progress.unit, progress.fraction()) {
        (Unit::Bytes, None) if progress.done > 0 => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!(
                    "{}: {} so far",
                    progress.step,
                    amount(progress.done, Unit::Bytes)
                ));
            });
        }
        (Unit::None, _) | (_, None) => {
            ui.horizontal(|ui| {
                ui.spinner();
                let step = if progress.step.is_empty() {
                    "Working"
                } else {
                    progress.step
                };
                ui.label(format!("{step}… {seconds} s"));
            });
        }
        (unit, Some(fraction)) => {
            let done = match unit {
                Unit::Bytes => amount(progress.done, unit),
                _ => progress.done.to_string(),
            };
            ui.label(format!(
                "{}: {done} of {}",
                progress.step,
                amount(progress.total, unit)
            ));
            ui.add(egui::ProgressBar::new(fraction).show_percentage());
        }
    }
    let note = match job.spec.cancel {
        Cancel::No => return false,
        _ if progress.cancelled => "Stopping; nothing is changed…",
        Cancel::Drop => "The workspace you see stays as it is until this is done.",
        Cancel::Ask => "Cancel stops it before anything is written.",
    };
    ui.label(RichText::new(note).weak());
    if progress.cancelled {
        return false;
    }
    ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
        ui.button("Cancel").clicked()
    })
    .inner
}

/// "45.1 MB", "1,204 rows".
fn amount(n: u64, unit: Unit) -> String {
    match unit {
        Unit::Bytes if n < 100_000 => format!("{:.0} kB", n as f64 / 1e3),
        Unit::Bytes => format!("{:.1} MB", n as f64 / 1e6),
        Unit::Rows => crate::text::plural(n as usize, "row", "rows"),
        Unit::Records => crate::text::plural(n as usize, "record", "records"),
        Unit::None => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_people_say_them() {
        assert_eq!(amount(45_100_000, Unit::Bytes), "45.1 MB");
        assert_eq!(amount(2_000, Unit::Bytes), "2 kB");
        assert_eq!(amount(1, Unit::Rows), "1 row");
        assert_eq!(amount(12, Unit::Records), "12 records");
    }
}
