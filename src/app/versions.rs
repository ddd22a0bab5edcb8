//! File › Versions…: the versions Flywheel kept of the open workspace (one
//! per save, see `crate::file::versions`), newest first, each to open as
//! an unsaved copy or to restore into the document as one undo step. The
//! facilitator's safety net.

use egui::{Id, RichText};

use super::FlywheelApp;
use super::dialogs::Then;
use crate::edit::Edit;
use crate::file::versions::KeptVersion;

/// The versions window's state.
pub(super) struct VersionsWindow {
    list: Vec<KeptVersion>,
    /// Why the window has nothing to list, or why a version failed.
    message: Option<String>,
}

enum Answer {
    Stay,
    Close,
    Open(KeptVersion),
    Restore(KeptVersion),
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
        self.versions_window = Some(VersionsWindow { list, message });
    }

    pub(super) fn versions_ui(&mut self, ctx: &egui::Context) {
        let Some(window) = &mut self.versions_window else {
            return;
        };
        let current = self.doc.workspace().lineage.as_ref().map(|l| l.revision);
        let dirty = self.doc.is_dirty();
        let modal = egui::Modal::new(Id::unique("flywheel-versions")).show(ctx, |ui| {
            ui.set_width(ctx.content_rect().width().min(640.0) - 48.0);
            ui.heading("Versions");
            ui.label(format!(
                "Each save keeps a version on this computer: the last {} of a workspace, \
                 fewer when together they pass {} MB.",
                crate::file::versions::KEEP_VERSIONS,
                crate::file::versions::KEEP_BYTES / 1_000_000
            ));
            if let Some(message) = &window.message {
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
                            for version in &window.list {
                                let saved = version.saved.format("%Y-%m-%d %H:%M:%S").to_string();
                                ui.label(&saved);
                                ui.label(RichText::new(size(version.bytes)).weak());
                                if Some(version.revision) == current && !dirty {
                                    ui.label(RichText::new("the open workspace").weak());
                                } else if Some(version.revision) == current {
                                    ui.label(RichText::new("the last save").weak());
                                } else {
                                    ui.label("");
                                }
                                ui.horizontal(|ui| {
                                    if ui
                                        .button("Open")
                                        .on_hover_text(
                                            "Open it in the window as an unsaved copy \
                                             (Save asks where)",
                                        )
                                        .clicked()
                                    {
                                        answer = Answer::Open(version.clone());
                                    }
                                    if ui
                                        .button("Restore")
                                        .on_hover_text(
                                            "Put its content in place of the workspace's, \
                                             as one step that Undo reverts",
                                        )
                                        .clicked()
                                    {
                                        answer = Answer::Restore(version.clone());
                                    }
                                });
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
        let answer = if modal.should_close() {
            Answer::Close
        } else {
            modal.inner
        };
        match answer {
            Answer::Stay => {}
            Answer::Close => self.versions_window = None,
            Answer::Open(version) => {
                self.versions_window = None;
                self.guard(Then::OpenVersion(version.path));
            }
            Answer::Restore(version) => self.restore_version(&version),
        }
    }

    fn restore_version(&mut self, version: &KeptVersion) {
        let Some(versions) = &self.versions else {
            return;
        };
        match versions.load(version) {
            Ok(ws) => {
                let label = format!(
                    "Restore the version of {}",
                    version.saved.format("%Y-%m-%d %H:%M")
                );
                self.outbox.push(Edit::ReplaceWorkspace {
                    label: label.clone(),
                    workspace: Box::new(ws),
                    merged_in: None,
                });
                self.toast_after_edits = Some(format!("{label}: done"));
                self.versions_window = None;
            }
            Err(err) => {
                if let Some(window) = &mut self.versions_window {
                    window.message = Some(format!("That version could not be read: {err}"));
                }
            }
        }
    }

    /// Opens a kept version as an unsaved copy.
    pub(super) fn open_version(&mut self, path: &std::path::Path) {
        match crate::file::load(path) {
            Ok(ws) => {
                self.replace_document(ws, super::Origin::New);
                self.notify("Opened a kept version as an unsaved copy: Save As keeps it as a file");
            }
            Err(err) => self.show_error("That version could not be opened", &err),
        }
    }
}

/// A file size as people read it: "840 KB", "12.5 MB".
fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}
