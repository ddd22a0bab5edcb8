//! Opening and saving on a background thread. The window keeps drawing
//! while a big workspace is read and checked, or written; a dialog shows how
//! far it has got once it takes longer than a moment, and opening can be
//! cancelled. Until it is done the document cannot be edited, so what is
//! saved, or what an opened file replaces, is exactly what the user saw.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use egui::{Align, Color32, Frame, Layout, RichText};

use super::dialogs::Then;
use super::files::file_name;
use super::{FlywheelApp, Origin};
use crate::file::{self, FileError, FileErrorKind, LoadProgress};
use crate::model::{Lineage, Workspace};

/// How long a load or save runs before its dialog appears: a small file is
/// done before anything flickers.
const SHOW_AFTER: Duration = Duration::from_millis(150);

/// How often the window looks at a running load or save.
const POLL: Duration = Duration::from_millis(30);

/// What a load thread hands back.
struct Loaded {
    workspace: Workspace,
    /// A copy for crash recovery's writer, made on the load thread so the
    /// window never copies a big workspace.
    copy: Option<Workspace>,
}

/// A file being opened.
pub(super) struct Loading {
    path: PathBuf,
    progress: Arc<LoadProgress>,
    result: Receiver<Result<Loaded, FileError>>,
    started: Instant,
}

/// The document being saved.
pub(super) struct Saving {
    path: PathBuf,
    /// The document's revision when the save started.
    revision: u64,
    then: Option<Then>,
    /// The lineage the saved file has, the document's once it is saved.
    lineage: Lineage,
    /// Done: saved, with a warning if no version could be kept.
    result: Receiver<Result<Option<String>, FileError>>,
    started: Instant,
}

/// What the background is busy with.
#[derive(Default)]
pub(super) enum Busy {
    #[default]
    Idle,
    Loading(Loading),
    Saving(Saving),
}

impl FlywheelApp {
    /// Whether a file is being opened or saved in the background.
    pub fn is_busy(&self) -> bool {
        !matches!(self.busy, Busy::Idle)
    }

    /// Starts opening a workspace file in the background; it replaces the
    /// document when it has been read and checked. On failure the document
    /// stays as it was and the error is shown; a recent file that no longer
    /// exists leaves the recent list. Opening another file first cancels
    /// this one.
    pub fn open_path(&mut self, path: &Path) {
        self.cancel_loading();
        let progress = Arc::new(LoadProgress::default());
        let (send, result) = mpsc::channel();
        let want_copy = self.recovery_is_on();
        let thread_path = path.to_path_buf();
        let thread_progress = Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name("flywheel-open".to_string())
            .spawn(move || {
                let loaded = file::load_with(&thread_path, &thread_progress).map(|workspace| {
                    let copy = want_copy.then(|| workspace.clone());
                    Loaded { workspace, copy }
                });
                // The window may have stopped waiting (cancelled): fine.
                let _ = send.send(loaded);
            });
        if let Err(err) = spawned {
            let err = FileError::io(path, "start reading the file", &err);
            self.open_failed(path, &err);
            return;
        }
        self.busy = Busy::Loading(Loading {
            path: path.to_path_buf(),
            progress,
            result,
            started: Instant::now(),
        });
    }

    /// Stops waiting for the file being opened; the document stays.
    pub(super) fn cancel_loading(&mut self) {
        if let Busy::Loading(loading) = &self.busy {
            loading.progress.cancel();
            self.busy = Busy::Idle;
        }
    }

    fn open_failed(&mut self, path: &Path, err: &FileError) {
        if err.kind == FileErrorKind::Io && !path.exists() {
            self.prefs.forget(path);
        }
        self.show_error(&format!("Could not open “{}”", file_name(path)), err);
    }

    /// Starts saving the document to `path` in the background; `then` runs
    /// once it is saved. A failed save shows why and changes nothing.
    pub(super) fn start_save(&mut self, path: &Path, then: Option<Then>) {
        // The copy lets the window draw while the thread writes; the
        // document cannot change until the save is done.
        let mut workspace = self.doc.workspace().clone();
        let lineage = Lineage::next(workspace.lineage.as_ref());
        workspace.lineage = Some(lineage.clone());
        let (send, result) = mpsc::channel();
        let thread_path = path.to_path_buf();
        let versions = self.versions.clone();
        let spawned = std::thread::Builder::new()
            .name("flywheel-save".to_string())
            .spawn(move || {
                let saved = file::save(&workspace, &thread_path).map(|()| {
                    // A share copy is not kept among the original's
                    // versions: restoring one would bring its redactions.
                    if workspace.share.is_some() {
                        return None;
                    }
                    let lineage = workspace.lineage.as_ref()?;
                    let kept = versions?.keep(lineage, &thread_path);
                    kept.err()
                        .map(|err| format!("No version of this save was kept: {err}"))
                });
                let _ = send.send(saved);
            });
        if let Err(err) = spawned {
            self.show_error("Could not save", &FileError::io(path, "start saving", &err));
            return;
        }
        self.busy = Busy::Saving(Saving {
            path: path.to_path_buf(),
            revision: self.doc.revision(),
            then,
            lineage,
            result,
            started: Instant::now(),
        });
    }

    /// At the start of each frame: takes in a finished load or save.
    pub(super) fn background_progress(&mut self, ctx: &egui::Context) {
        match std::mem::take(&mut self.busy) {
            Busy::Idle => {}
            Busy::Loading(loading) => match loading.result.try_recv() {
                Ok(Ok(loaded)) => {
                    let path = loading.path;
                    self.replace_document_with_copy(
                        loaded.workspace,
                        Origin::File(path.clone()),
                        loaded.copy,
                    );
                    self.prefs.remember(&path);
                    self.notify(format!("Opened {}", path.display()));
                    // A merge outside the window left conflicts to choose.
                    self.review_open_conflicts();
                }
                Ok(Err(err)) if err.kind == FileErrorKind::Cancelled => {}
                Ok(Err(err)) => self.open_failed(&loading.path, &err),
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(POLL);
                    self.busy = Busy::Loading(loading);
                }
                Err(TryRecvError::Disconnected) => {
                    let err = FileError::new(
                        &loading.path,
                        FileErrorKind::Io,
                        "reading the file stopped unexpectedly",
                    );
                    self.open_failed(&loading.path, &err);
                }
            },
            Busy::Saving(saving) => match saving.result.try_recv() {
                Ok(Ok(warning)) => {
                    self.saved(saving);
                    if let Some(warning) = warning {
                        self.notice = Some(super::Notice {
                            text: warning,
                            is_error: true,
                        });
                    }
                }
                Ok(Err(err)) => self.show_error("Could not save", &err),
                Err(TryRecvError::Empty) => {
                    ctx.request_repaint_after(POLL);
                    self.busy = Busy::Saving(saving);
                }
                Err(TryRecvError::Disconnected) => {
                    let err = FileError::new(
                        &saving.path,
                        FileErrorKind::Io,
                        "saving stopped unexpectedly; the file on disk is the previous one",
                    );
                    self.show_error("Could not save", &err);
                }
            },
        }
    }

    fn saved(&mut self, saving: Saving) {
        self.doc.set_lineage(Some(saving.lineage));
        if self.doc.revision() == saving.revision {
            self.doc.mark_saved();
        }
        self.origin = Origin::File(saving.path.clone());
        self.prefs.remember(&saving.path);
        self.notify(format!("Saved {}", saving.path.display()));
        if let Some(then) = saving.then {
            self.proceed(then);
        }
    }

    /// The dialog of a running load or save, once it has run for a moment.
    /// Before that an invisible one keeps clicks off the document.
    pub(super) fn background_ui(&mut self, ctx: &egui::Context) {
        let (started, title) = match &self.busy {
            Busy::Idle => return,
            Busy::Loading(l) => (l.started, format!("Opening {}", file_name(&l.path))),
            Busy::Saving(s) => (s.started, format!("Saving {}", file_name(&s.path))),
        };
        let elapsed = started.elapsed();
        let id = egui::Id::unique("flywheel-background");
        if elapsed < SHOW_AFTER {
            egui::Modal::new(id)
                .backdrop_color(Color32::TRANSPARENT)
                .frame(Frame::NONE)
                .show(ctx, |_| {});
            ctx.request_repaint_after(SHOW_AFTER - elapsed);
            return;
        }
        let mut cancel = false;
        egui::Modal::new(id).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(title);
            ui.add_space(6.0);
            match &self.busy {
                Busy::Loading(loading) => {
                    let (read, total) = loading.progress.bytes();
                    if loading.progress.is_checking() {
                        ui.label(format!(
                            "Checking the workspace ({} read)… {} s",
                            megabytes(total),
                            elapsed.as_secs()
                        ));
                        ui.add(egui::ProgressBar::new(1.0).text("Read; now checking"));
                    } else {
                        let fraction = if total > 0 {
                            read as f32 / total as f32
                        } else {
                            0.0
                        };
                        ui.label(format!(
                            "Reading: {} of {}",
                            megabytes(read),
                            megabytes(total)
                        ));
                        ui.add(egui::ProgressBar::new(fraction).show_percentage());
                    }
                    ui.label(
                        RichText::new("The workspace you see stays as it is until this is done.")
                            .weak(),
                    );
                    ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
                        cancel = ui.button("Cancel").clicked();
                    });
                }
                Busy::Saving(_) => {
                    ui.label(format!("Writing the file… {} s", elapsed.as_secs()));
                    ui.label(
                        RichText::new(
                            "Editing resumes when it is saved; the file on disk stays \
                             the previous version until then.",
                        )
                        .weak(),
                    );
                }
                Busy::Idle => {}
            }
        });
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if matches!(self.busy, Busy::Loading(_)) && (cancel || escape) {
            self.cancel_loading();
            self.notify("Opening was cancelled");
        }
    }
}

/// "45.1 MB" (decimal megabytes, as the file size limit is written).
fn megabytes(bytes: u64) -> String {
    if bytes < 100_000 {
        format!("{:.0} kB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}
