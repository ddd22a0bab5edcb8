//! File › Versions…: the versions Flywheel kept of the open workspace (one
//! per save, see `crate::file::versions`), newest first, each to open as
//! an unsaved copy or to restore into the document as one undo step. The
//! facilitator's safety net.

use egui::{Id, RichText};

use super::dialogs::Then;
use super::jobs::done;
use super::{FlywheelApp, Origin};
use crate::edit::Edit;
use crate::file::FileError;
use crate::file::versions::KeptVersion;
use crate::jobs::{Cancel, Spec};
use crate::model::{Checked, RevisionId, Workspace};

/// The versions window's state.
pub(super) struct VersionsWindow {
    list: Vec<KeptVersion>,
    /// Why the window has nothing to list, or why a version failed.
    message: Option<String>,
}

/// What the facilitator did in the window this frame.
#[derive(Debug)]
pub(super) enum Answer {
    Stay,
    Close,
    Open(KeptVersion),
    Restore(KeptVersion),
}

/// What reading a kept version hands back.
struct VersionRead {
    /// Restore it into the document, as the undo step named so; otherwise
    /// open it as an unsaved copy.
    restore_as: Option<String>,
    /// Checked again by the job (a loaded file passed the same checks),
    /// so putting it in place checks nothing on the window's thread.
    result: Result<Checked, FileError>,
    /// To restore, it is the open workspace already (but for its lineage):
    /// nothing to do.
    same_as_open: bool,
}

impl FlywheelApp {
    pub(super) fn show_versions(&mut self) {
        let ws = self.doc.workspace();
        let (list, message) = match (&self.versions, &ws.lineage) {
            _ if ws.share.is_some() => (
                Vec::new(),
                Some(
                    "This is a share copy: no versions are kept of it, so none can ever \
                     be restored over the original with its placeholders."
                        .into(),
                ),
            ),
            (None, _) => (
                Vec::new(),
                Some("No versions are kept: this computer has no data folder for Flywheel.".into()),
            ),
            (Some(_), None) => (
                Vec::new(),
                Some(
                    "This workspace has not been saved by this version of Flywheel yet: \
                     a version is kept from its first save on."
                        .into(),
                ),
            ),
            (Some(versions), Some(lineage)) => {
                let list = versions.list(lineage.workspace);
                let message = list
                    .is_empty()
                    .then(|| "No version of this workspace is kept on this computer.".into());
                (list, message)
            }
        };
        self.modals.open(VersionsWindow { list, message });
    }

    fn versions_window(&mut self) -> Option<&mut VersionsWindow> {
        self.modals.versions_mut()
    }

    pub(super) fn versions_answer(&mut self, answer: Answer) {
        if self.versions_window().is_none() {
            return;
        }
        match answer {
            Answer::Stay => {}
            Answer::Close => {
                self.modals.close_top();
            }
            Answer::Open(version) => {
                self.modals.close_top();
                self.guard(Then::OpenVersion(version.path));
            }
            Answer::Restore(version) => self.restore_version(&version),
        }
    }

    /// Reads a kept version as a job, then puts it in place of the
    /// document's content as one undo step.
    fn restore_version(&mut self, version: &KeptVersion) {
        let saved = version.saved.format("%Y-%m-%d %H:%M");
        let label = format!("Restore the version of {saved}");
        self.read_version(&version.path, Some(label));
    }

    /// Opens the kept version at `path` as an unsaved copy.
    pub(super) fn open_version(&mut self, path: &std::path::Path) {
        self.read_version(path, None);
    }

    fn read_version(&mut self, path: &std::path::Path, restore_as: Option<String>) {
        let job_path = path.to_path_buf();
        let title = match &restore_as {
            Some(label) => format!("{label}…"),
            None => "Opening a kept version".to_string(),
        };
        let open = restore_as.is_some().then(|| self.doc.snapshot());
        self.start_job(Spec::front(title, Cancel::Drop), move |progress| {
            let result = crate::file::load_with(&job_path, progress).map_err(|mut err| {
                if err.kind == crate::file::FileErrorKind::Io {
                    err.message = format!("{} (a kept version)", err.message);
                }
                err
            });
            let result = result.and_then(|ws| {
                Checked::new(ws).map_err(|err| {
                    FileError::new(
                        &job_path,
                        crate::file::FileErrorKind::Invalid,
                        err.to_string(),
                    )
                })
            });
            let same_as_open = match (&result, &open) {
                (Ok(kept), Some(open)) => same_but_lineage(kept.workspace(), open),
                _ => false,
            };
            let read = VersionRead {
                restore_as,
                result,
                same_as_open,
            };
            done(move |app| app.version_read(read))
        });
    }

    fn version_read(&mut self, read: VersionRead) {
        match (read.result, read.restore_as) {
            (Ok(_), Some(_)) if read.same_as_open => {
                self.notify("That version is the open workspace already: nothing to restore");
                if self.versions_window().is_some() {
                    self.modals.close_top();
                }
            }
            (Ok(ws), Some(label)) => {
                if self.versions_window().is_some() {
                    self.modals.close_top();
                }
                let edit = Edit::ReplaceWorkspace {
                    label: label.clone(),
                    workspace: Box::new(ws),
                    merged_in: None,
                };
                self.apply_job_edit(edit, format!("{label}: done"));
            }
            (Err(err), Some(_)) => match self.versions_window() {
                Some(window) => {
                    window.message = Some(format!("That version could not be read: {err}"));
                }
                None => self.show_error("That version could not be read", &err),
            },
            (Ok(ws), None) => {
                self.replace_document(ws.into_inner(), Origin::New);
                self.notify("Opened a kept version as an unsaved copy: Save As keeps it as a file");
            }
            (Err(err), None) => self.show_error("That version could not be opened", &err),
        }
    }
}

impl VersionsWindow {
    /// Draws the window; `current` is the open workspace's last save, and
    /// `dirty` whether it changed since.
    pub(super) fn ui(
        &mut self,
        ctx: &egui::Context,
        current: Option<RevisionId>,
        dirty: bool,
    ) -> Answer {
        let modal = egui::Modal::new(Id::unique("flywheel-versions")).show(ctx, |ui| {
            ui.set_width(ctx.content_rect().width().min(640.0) - 48.0);
            ui.heading("Versions");
            ui.label(format!(
                "Each save keeps a version on this computer: the last {} of a workspace, \
                 fewer when together they pass {} MB.",
                crate::file::versions::KEEP_VERSIONS,
                crate::file::versions::KEEP_BYTES / 1_000_000
            ));
            if let Some(message) = &self.message {
                ui.label(RichText::new(message).strong());
            }
            let mut answer = Answer::Stay;
            egui::ScrollArea::vertical()
                .max_height((ctx.content_rect().height() * 0.6).max(160.0))
                .show(ui, |ui| {
                    egui::Grid::new("kept-versions")
                        .num_columns(4)
                        .spacing([16.0, 6.0])
                        .striped(true)
                        .show(ui, |ui| {
                            for version in &self.list {
                                if let Some(chosen) = version_row_ui(ui, version, current, dirty) {
                                    answer = chosen;
                                }
                                ui.end_row();
                            }
                        });
                });
            ui.separator();
            if ui.button("Close").clicked() {
                answer = Answer::Close;
            }
            answer
        });
        if modal.should_close() {
            Answer::Close
        } else {
            modal.inner
        }
    }
}

/// One kept version's row; returns what was clicked.
fn version_row_ui(
    ui: &mut egui::Ui,
    version: &KeptVersion,
    current: Option<RevisionId>,
    dirty: bool,
) -> Option<Answer> {
    ui.label(version.saved.format("%Y-%m-%d %H:%M:%S").to_string());
    ui.label(RichText::new(size(version.bytes)).weak());
    if Some(version.revision) == current && !dirty {
        ui.label(RichText::new("the open workspace").weak());
    } else if Some(version.revision) == current {
        ui.label(RichText::new("the last save").weak());
    } else {
        ui.label("");
    }
    ui.horizontal(|ui| {
        let open = ui
            .button("Open")
            .on_hover_text("Open it in the window as an unsaved copy (Save asks where)");
        let restore = ui.button("Restore").on_hover_text(
            "Put its content in place of the workspace's, as one step that Undo reverts",
        );
        if open.clicked() {
            Some(Answer::Open(version.clone()))
        } else if restore.clicked() {
            Some(Answer::Restore(version.clone()))
        } else {
            None
        }
    })
    .inner
}

/// Whether `kept` is `open` but for what a restore keeps of the document
/// (its lineage and format version).
fn same_but_lineage(kept: &Workspace, open: &Workspace) -> bool {
    let mut aligned = kept.clone();
    aligned.lineage.clone_from(&open.lineage);
    aligned.format_version = open.format_version;
    aligned == *open
}

/// A file size as people read it: "840 KB", "12.5 MB".
fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}
