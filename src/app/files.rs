//! Opening and saving: the New / Open / Save / Save As flows, the guard for
//! unsaved changes, and where a chosen path goes. Every way of opening a
//! file (Open, Open Recent, a dropped file, the command line) goes through
//! [`FlywheelApp::open_path`].
//!
//! Files are read and written as jobs ([`super::jobs`]): the window keeps
//! drawing while a big workspace is read and checked, or written, and the
//! document cannot be edited until it is done, so what is saved, or what an
//! opened file replaces, is exactly what the user saw.

use std::path::{Path, PathBuf};

use super::dialogs::{self, Dialog, Then};
use super::file_dialog::{Outcome, Purpose};
use super::jobs::done;
use super::{FlywheelApp, Origin};
use crate::assets;
use crate::file::{self, FileError, FileErrorKind};
use crate::jobs::{Cancel, Spec};
use crate::model::{Lineage, Workspace};
use crate::text::file_stem;

/// Why a path chosen in a dialog cannot be used, said before any work
/// starts (the path prompt shows it and stays open).
#[derive(Debug, thiserror::Error)]
pub(crate) enum PathError {
    #[error("{0}")]
    File(#[from] FileError),
    #[error(
        "“{0}” is this workspace's own file. Choose another name, so the original \
         stays whole and the share copy is a file of its own."
    )]
    OwnFile(PathBuf),
}

/// What an open job hands back.
struct Opened {
    path: PathBuf,
    /// The document's revision when opening started.
    revision: u64,
    result: Result<Loaded, FileError>,
}

/// A workspace read and checked.
struct Loaded {
    workspace: Workspace,
    /// A copy for crash recovery, made by the job so the window never
    /// copies a big workspace.
    copy: Option<Workspace>,
}

/// What a save job hands back.
struct Saved {
    path: PathBuf,
    /// The document's revision when the save started.
    revision: u64,
    then: Option<Then>,
    /// The lineage the saved file has, the document's once it is saved.
    lineage: Lineage,
    /// Saved, with a warning when no version could be kept.
    result: Result<Option<String>, FileError>,
}

impl FlywheelApp {
    pub(super) fn open_demo(&mut self) {
        match assets::demo() {
            Ok(ws) => self.replace_document(ws, Origin::Demo),
            Err(err) => self.show_error("The demo workspace could not be loaded", &err),
        }
    }

    /// Does `then` now, or first asks about unsaved changes.
    pub(super) fn guard(&mut self, then: Then) {
        if self.doc.is_dirty() {
            self.modals.show(Dialog::UnsavedChanges { then });
        } else {
            self.proceed(then);
        }
    }

    pub(super) fn proceed(&mut self, then: Then) {
        match then {
            Then::New(sector) => match assets::template(sector) {
                Ok(ws) => {
                    self.replace_document(ws, Origin::New);
                    self.notify(format!("New {} workspace", sector.label().to_lowercase()));
                }
                Err(err) => self.show_error("The sector template could not be loaded", &err),
            },
            Then::Open(Some(path)) => self.open_path(&path),
            Then::Open(None) => self.start_dialog(Purpose::Open),
            Then::OpenVersion(path) => self.open_version(&path),
            Then::Recover => self.recover(),
            Then::Quit => {
                self.discard_own_recovery();
                self.allow_close = true;
                self.quit_requested = true;
            }
        }
    }

    /// Starts opening a workspace file; it replaces the document once it has
    /// been read and checked. On failure the document stays as it was and
    /// the error is shown; a recent file that no longer exists leaves the
    /// recent list. Opening another file first cancels this one.
    pub fn open_path(&mut self, path: &Path) {
        if let Some(job) = self.jobs.in_front() {
            self.jobs.cancel(job.id);
        }
        let want_copy = self.recovery_is_on();
        let revision = self.doc.revision();
        let job_path = path.to_path_buf();
        let title = format!("Opening {}", file_name(path));
        self.start_job(Spec::front(title, Cancel::Drop), move |progress| {
            let result = file::load_with(&job_path, progress).map(|workspace| {
                let copy = want_copy.then(|| workspace.clone());
                Loaded { workspace, copy }
            });
            let opened = Opened {
                path: job_path,
                revision,
                result,
            };
            done(move |app| app.opened(opened))
        });
    }

    fn opened(&mut self, opened: Opened) {
        let Opened {
            path,
            revision,
            result,
        } = opened;
        match result {
            // The document changed while the file was read (an edit queued
            // in the frame the opening started): ask before it goes.
            Ok(_) if self.doc.revision() != revision && self.doc.is_dirty() => {
                self.guard(Then::Open(Some(path)));
            }
            Ok(loaded) => {
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
            Err(err) if err.kind == FileErrorKind::Cancelled => {}
            Err(err) => self.open_failed(&path, &err),
        }
    }

    fn open_failed(&mut self, path: &Path, err: &FileError) {
        if err.kind == FileErrorKind::Io && !path.exists() {
            self.prefs.forget(path);
        }
        self.show_error(&format!("Could not open “{}”", file_name(path)), err);
    }

    /// Save: to the document's file, or through Save As when it has none.
    /// `then` runs after a successful save.
    pub(super) fn save(&mut self, then: Option<Then>) {
        let Origin::File(path) = self.origin.clone() else {
            self.after_save = then;
            self.start_save_as();
            return;
        };
        self.start_save(&path, then);
    }

    pub(super) fn start_save_as(&mut self) {
        let suggested_name = match &self.origin {
            Origin::File(path) => file_name(path),
            _ => format!("{}.ron", file_stem(&self.doc.workspace().title)),
        };
        self.start_dialog(Purpose::SaveAs { suggested_name });
    }

    /// Starts saving the document to `path`; `then` runs once it is saved.
    /// A failed save shows why and changes nothing.
    pub(super) fn start_save(&mut self, path: &Path, then: Option<Then>) {
        let mut workspace = self.doc.snapshot();
        let lineage = Lineage::next(workspace.lineage.as_ref());
        let revision = self.doc.revision();
        let versions = self.versions.clone();
        let job_path = path.to_path_buf();
        let job_lineage = lineage.clone();
        let title = format!("Saving {}", file_name(path));
        self.start_job(Spec::front(title, Cancel::Ask), move |progress| {
            std::sync::Arc::make_mut(&mut workspace).lineage = Some(job_lineage.clone());
            let result = file::save_with(&workspace, &job_path, progress).map(|()| {
                // A share copy is not kept among the original's versions:
                // restoring one would bring its redactions back.
                if workspace.share.is_some() {
                    return None;
                }
                let kept = versions?.keep(&job_lineage, &job_path);
                kept.err()
                    .map(|err| format!("No version of this save was kept: {err}"))
            });
            let saved = Saved {
                path: job_path,
                revision,
                then,
                lineage: job_lineage,
                result,
            };
            done(move |app| app.saved(saved))
        });
    }

    fn saved(&mut self, saved: Saved) {
        let warning = match saved.result {
            Ok(warning) => warning,
            Err(err) if err.kind == FileErrorKind::Cancelled => {
                self.after_save = None;
                self.notify(format!(
                    "Saving was cancelled: {} is as it was",
                    file_name(&saved.path)
                ));
                return;
            }
            Err(err) => {
                self.show_error("Could not save", &err);
                return;
            }
        };
        self.doc.set_lineage(Some(saved.lineage));
        if self.doc.revision() == saved.revision {
            self.doc.mark_saved();
        }
        self.origin = Origin::File(saved.path.clone());
        self.prefs.remember(&saved.path);
        self.notify(format!("Saved {}", saved.path.display()));
        if let Some(warning) = warning {
            self.notify_error(warning);
        }
        if let Some(then) = saved.then {
            self.proceed(then);
        }
    }

    /// The folder file dialogs start in: the document's own, else the
    /// user's documents folder.
    fn default_folder(&self) -> Option<PathBuf> {
        match &self.origin {
            Origin::File(path) => path.parent().map(Path::to_path_buf),
            _ => directories::UserDirs::new()
                .and_then(|dirs| dirs.document_dir().map(Path::to_path_buf)),
        }
    }

    /// Asks for a file for `purpose`: the system's file dialog (as a job,
    /// so the window keeps drawing), or the typed-path prompt.
    pub(super) fn start_dialog(&mut self, purpose: Purpose) {
        let folder = self.default_folder();
        match self.dialogs.start(purpose, folder.as_deref()) {
            Ok(ask) => {
                self.start_job(
                    Spec::front("Waiting for the file dialog", Cancel::No),
                    move |_| {
                        let (purpose, chosen, too_fast) = ask.run();
                        done(move |app| app.file_chosen(purpose, chosen, too_fast))
                    },
                );
            }
            Err(outcome) => self.handle_dialog_outcome(outcome),
        }
    }

    /// The system file dialog closed.
    fn file_chosen(&mut self, purpose: Purpose, chosen: Option<PathBuf>, too_fast: bool) {
        let outcome = self.dialogs.answered(purpose, chosen, too_fast);
        self.handle_dialog_outcome(outcome);
    }

    fn handle_dialog_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Chosen(purpose, path) => {
                if let Err(err) = self.path_chosen(purpose, path) {
                    self.show_message("That file could not be used", &err.to_string());
                }
            }
            Outcome::Cancelled => {
                self.after_save = None;
                self.exports.pending = None;
            }
            Outcome::AskForPath(purpose, reason) => {
                let text = match (purpose.suggested_name(), self.default_folder()) {
                    (Some(name), Some(folder)) => folder.join(name).display().to_string(),
                    (Some(name), None) => name.to_string(),
                    (None, _) => String::new(),
                };
                self.modals.show(Dialog::PathPrompt {
                    purpose,
                    text,
                    reason,
                    error: None,
                });
            }
        }
    }

    /// A path came from a file dialog or the path prompt. What can be told
    /// at once (no such file, the workspace's own file) is an error here;
    /// the rest starts a job.
    pub(super) fn path_chosen(&mut self, purpose: Purpose, path: PathBuf) -> Result<(), PathError> {
        let path = dialogs::with_extension(&path, &purpose);
        match purpose {
            Purpose::Open => {
                // A path that is no file is said in the prompt at once.
                file::check_regular_file(&path)?;
                // Unsaved changes were asked about before the file was
                // chosen (and `opened` asks again if they changed since).
                self.open_path(&path);
            }
            Purpose::Import => self.import_file(path),
            Purpose::MergeCopy => {
                file::check_regular_file(&path)?;
                self.start_merge(&path);
            }
            Purpose::ExportSpreadsheet { .. }
            | Purpose::ExportCsv
            | Purpose::ShareCopy { .. }
            | Purpose::Report { .. } => self.send_out(&purpose, &path)?,
            Purpose::Export { .. } => self.export_chart_to(&path),
            Purpose::SaveAs { .. } => {
                let then = self.after_save.take();
                self.start_save(&path, then);
            }
        }
        Ok(())
    }

    /// Starts the export dialog for what a view asked to export.
    pub(super) fn serve_requests(&mut self) {
        for request in self.outbox.take_requests() {
            let suggested_name = self.exports.prepare(request);
            self.start_dialog(Purpose::Export { suggested_name });
        }
    }
}

/// The file's name, for titles and messages.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
