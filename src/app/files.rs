//! Opening and saving: the New / Open / Save / Save As flows, the guard for
//! unsaved changes, file dialogs and the typed-path prompt, and exports.
//! Every way of opening a file (Open, Open Recent, a dropped file, the
//! command line) goes through [`FlywheelApp::open_path`].

use std::path::{Path, PathBuf};

use super::dialogs::{self, Dialog, Then};
use super::export::ExportError;
use super::file_dialog::{Outcome, Purpose};
use super::{FlywheelApp, Origin};
use crate::assets;
use crate::file::{self, FileError};
use crate::text::file_stem;

/// Why a path chosen in a dialog could not be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PathError {
    #[error("{0}")]
    File(#[from] FileError),
    #[error("{0}")]
    Export(#[from] ExportError),
    #[error("{0}")]
    Sharing(#[from] super::sharing::SharingError),
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
            self.dialog = Some(Dialog::UnsavedChanges { then });
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
            Then::Quit => {
                self.discard_own_recovery();
                self.allow_close = true;
                self.quit_requested = true;
            }
        }
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

    /// The folder file dialogs start in: the document's own, else the
    /// user's documents folder.
    fn default_folder(&self) -> Option<PathBuf> {
        match &self.origin {
            Origin::File(path) => path.parent().map(Path::to_path_buf),
            _ => directories::UserDirs::new()
                .and_then(|dirs| dirs.document_dir().map(Path::to_path_buf)),
        }
    }

    pub(super) fn start_dialog(&mut self, purpose: Purpose) {
        let folder = self.default_folder();
        match self.dialogs.start(purpose, folder.as_deref()) {
            Some(outcome) => self.handle_dialog_outcome(outcome),
            None => self.dialog = Some(Dialog::WaitingForSystemDialog),
        }
    }

    pub(super) fn handle_dialog_outcome(&mut self, outcome: Outcome) {
        if self.dialog == Some(Dialog::WaitingForSystemDialog) {
            self.dialog = None;
        }
        match outcome {
            Outcome::Chosen(purpose, path) => {
                if let Err(err) = self.path_chosen(purpose, path) {
                    self.dialog = Some(Dialog::Error {
                        title: "That file could not be used".to_string(),
                        message: err.to_string(),
                    });
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
                self.dialog = Some(Dialog::PathPrompt {
                    purpose,
                    text,
                    reason,
                    error: None,
                });
            }
        }
    }

    /// A path came from a file dialog or the path prompt.
    pub(super) fn path_chosen(&mut self, purpose: Purpose, path: PathBuf) -> Result<(), PathError> {
        let path = dialogs::with_extension(&path, &purpose);
        match purpose {
            Purpose::Open => {
                // A path that is no file is said in the prompt at once.
                file::check_regular_file(&path)?;
                self.open_path(&path);
            }
            Purpose::Import => self.import_file(path),
            Purpose::MergeCopy => {
                file::check_regular_file(&path)?;
                if let Err(err) = self.start_merge(&path) {
                    self.show_error("The copy could not be merged", &err);
                }
            }
            Purpose::ExportSpreadsheet { .. }
            | Purpose::ExportCsv
            | Purpose::ShareCopy { .. }
            | Purpose::Report { .. } => {
                self.send_out(&purpose, &path)?;
            }
            Purpose::Export { .. } => {
                if let Some(written) = self.exports.write_to(&path)? {
                    self.notify(format!("Exported {}", written.display()));
                }
            }
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
