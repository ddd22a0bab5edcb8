//! The app's modal dialogs. Each returns what the user chose; the app acts
//! on it. Dialogs never touch the document.

use std::path::{Path, PathBuf};

use egui::{Id, RichText, Ui};

use super::file_dialog::Purpose;
use crate::model::Sector;

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    New(Sector),
    /// Open this file, or ask which one.
    Open(Option<PathBuf>),
    Quit,
}

/// The dialog on screen, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Save / Discard / Cancel before `then`.
    UnsavedChanges { then: Then },
    /// Pick the sector of a new workspace.
    NewWorkspace { sector: Sector },
    /// Type a path, because there is no system file dialog.
    PathPrompt {
        purpose: Purpose,
        text: String,
        reason: String,
        error: Option<String>,
    },
    /// The system file dialog is open in its own window.
    WaitingForSystemDialog,
    /// Something went wrong; the message says what and that nothing was lost.
    Error { title: String, message: String },
}

/// What the user chose in a dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    /// Keep the dialog as it is (with any typing).
    Stay(Dialog),
    Close,
    SaveThen(Then),
    Discard(Then),
    CreateNew(Sector),
    PathEntered(Purpose, PathBuf),
}

impl Dialog {
    /// Shows the dialog and returns what happened this frame.
    pub fn ui(self, ctx: &egui::Context, document_name: &str) -> Choice {
        let modal = egui::Modal::new(Id::unique("flywheel-dialog")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            match self {
                Dialog::UnsavedChanges { then } => unsaved_ui(ui, document_name, then),
                Dialog::NewWorkspace { sector } => new_workspace_ui(ui, sector),
                Dialog::PathPrompt {
                    purpose,
                    text,
                    reason,
                    error,
                } => path_prompt_ui(ui, purpose, text, reason, error),
                Dialog::WaitingForSystemDialog => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Waiting for the file dialog…");
                    });
                    Choice::Stay(Dialog::WaitingForSystemDialog)
                }
                Dialog::Error { title, message } => error_ui(ui, title, message),
            }
        });
        let waiting = matches!(modal.inner, Choice::Stay(Dialog::WaitingForSystemDialog));
        if modal.should_close() && !waiting {
            return Choice::Close;
        }
        modal.inner
    }
}

fn buttons_row<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.add_space(8.0);
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), add)
        .inner
}

fn unsaved_ui(ui: &mut Ui, document_name: &str, then: Then) -> Choice {
    ui.heading("Save changes?");
    let what = match &then {
        Then::New(_) => "before starting a new workspace",
        Then::Open(_) => "before opening another workspace",
        Then::Quit => "before closing Flywheel",
    };
    ui.label(format!(
        "“{document_name}” has changes that are not saved. Save them {what}?"
    ));
    buttons_row(ui, |ui| {
        if ui.button("Cancel").clicked() {
            return Choice::Close;
        }
        if ui.button("Discard changes").clicked() {
            return Choice::Discard(then.clone());
        }
        let save = ui.add(egui::Button::new(RichText::new("Save").strong()));
        if save.clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            return Choice::SaveThen(then.clone());
        }
        Choice::Stay(Dialog::UnsavedChanges { then })
    })
}

fn new_workspace_ui(ui: &mut Ui, mut sector: Sector) -> Choice {
    ui.heading("New workspace");
    ui.label("Choose the sector. The workspace starts with that sector's shared vision and roadmap milestones; you add the stakeholders.");
    ui.add_space(6.0);
    ui.columns(2, |columns| {
        for (i, option) in Sector::ALL.iter().enumerate() {
            columns[i % 2].radio_value(&mut sector, *option, option.label());
        }
    });
    buttons_row(ui, |ui| {
        if ui.button("Cancel").clicked() {
            return Choice::Close;
        }
        if ui.button(RichText::new("Create").strong()).clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            return Choice::CreateNew(sector);
        }
        Choice::Stay(Dialog::NewWorkspace { sector })
    })
}

fn path_prompt_ui(
    ui: &mut Ui,
    purpose: Purpose,
    mut text: String,
    reason: String,
    error: Option<String>,
) -> Choice {
    let (title, action) = match purpose {
        Purpose::Open => ("Open workspace", "Open"),
        Purpose::SaveAs { .. } => ("Save workspace as", "Save"),
        Purpose::Export { .. } => ("Export to a file", "Export"),
    };
    ui.heading(title);
    ui.label(format!("{reason} Type the file's full path instead:"));
    let field = ui.add(
        egui::TextEdit::singleline(&mut text)
            .hint_text("/home/me/Documents/coalition.ron")
            .desired_width(f32::INFINITY),
    );
    let field = field.accessible_name("File path");
    if !field.has_focus() && text.is_empty() {
        field.request_focus();
    }
    let path = PathBuf::from(text.trim());
    if let Some(error) = &error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    } else if matches!(purpose, Purpose::SaveAs { .. }) && path.is_file() {
        ui.label(
            RichText::new(
                "A file with this name exists: it will be replaced, and the old one kept as .bak.",
            )
            .weak(),
        );
    }
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    buttons_row(ui, |ui| {
        if ui.button("Cancel").clicked() {
            return Choice::Close;
        }
        let ready = !text.trim().is_empty();
        if (ui
            .add_enabled(ready, egui::Button::new(RichText::new(action).strong()))
            .clicked()
            || entered)
            && ready
        {
            return Choice::PathEntered(purpose.clone(), with_extension(&path, &purpose));
        }
        Choice::Stay(Dialog::PathPrompt {
            purpose: purpose.clone(),
            text: text.clone(),
            reason: reason.clone(),
            error: error.clone(),
        })
    })
}

/// Adds `.ron` to a path being saved without an extension.
pub fn with_extension(path: &Path, purpose: &Purpose) -> PathBuf {
    match purpose {
        Purpose::SaveAs { .. } if path.extension().is_none() => {
            path.with_extension(crate::file::EXTENSION)
        }
        _ => path.to_path_buf(),
    }
}

fn error_ui(ui: &mut Ui, title: String, message: String) -> Choice {
    ui.heading(&title);
    ui.label(&message);
    ui.label(RichText::new("Nothing was changed.").weak());
    buttons_row(ui, |ui| {
        if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            return Choice::Close;
        }
        Choice::Stay(Dialog::Error {
            title: title.clone(),
            message: message.clone(),
        })
    })
}
