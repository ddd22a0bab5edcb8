//! The app's modal dialogs. Each returns what the user chose; the app acts
//! on it. Dialogs never touch the document.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::{Id, RichText, Ui};

use super::file_dialog::Purpose;
use crate::model::{Sector, StakeholderId};
use crate::text::plural;

/// What to do once unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    New(Sector),
    /// Open this file, or ask which one.
    Open(Option<PathBuf>),
    /// Open this kept version as an unsaved copy.
    OpenVersion(PathBuf),
    /// Recover the unsaved changes offered now (in place of the open
    /// workspace).
    Recover,
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
    /// Something went wrong; the message says what and that nothing was lost.
    Error { title: String, message: String },
    /// What a share copy leaves out, before choosing where it goes.
    ShareCopyOptions { without_scores: bool },
    /// Shared or internal report, before choosing where it goes.
    ReportOptions { internal: bool },
    /// Changes a Flywheel that closed without saving left behind: Recover /
    /// Discard / Decide later.
    RecoveryOffer {
        /// The file they belong to, as messages name it.
        name: String,
        /// Its full path, when it is a file.
        path: Option<PathBuf>,
        /// When the last edit was made ("14:05").
        last_edit: String,
    },
    /// Date, title and place of a workshop about to start.
    StartWorkshop {
        date: String,
        title: String,
        place: String,
        error: Option<String>,
    },
    /// What a workshop that just ended brought.
    WorkshopEnded { heading: String, lines: Vec<String> },
    /// Delete a stakeholder that has commitments or relationships?
    ConfirmDelete {
        stakeholder: StakeholderId,
        name: String,
        commitments: usize,
        relationships: usize,
    },
}

/// What the user chose in a dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    /// Keep the dialog as it is (with any typing).
    Stay(Dialog),
    /// The dialog was closed without a choice (Cancel, Escape, a click
    /// outside): whatever it was asked for does not happen.
    Dismissed(Dialog),
    /// Closed by its own button (OK, Cancel); the dialog turns it into
    /// [`Choice::Dismissed`] before anyone sees it.
    Close,
    SaveThen(Then),
    Discard(Then),
    CreateNew(Sector),
    PathEntered(Purpose, PathBuf),
    /// Go on to choose where the share copy goes.
    ShareCopy {
        without_scores: bool,
    },
    /// Go on to choose where the report goes.
    Report {
        internal: bool,
    },
    /// Open the offered recovery file's changes as unsaved changes.
    Recover,
    /// Delete the offered recovery file.
    DiscardRecovery,
    /// Keep the offered recovery file for the next start.
    RecoverLater,
    /// Delete the stakeholder, with its commitments and relationships.
    DeleteStakeholder(StakeholderId),
    /// Record this workshop and run it: captured commitments name it.
    StartWorkshop {
        date: NaiveDate,
        title: String,
    },
    /// Present the summary of the workshop that just ended.
    PresentSummary,
}

impl Dialog {
    /// Shows the dialog and returns what happened this frame.
    pub fn ui(self, ctx: &egui::Context, document_name: &str) -> Choice {
        // One id per kind of dialog, so each is sized for its own content
        // (a modal keeps the size it last had under its id).
        let id = Id::unique(("flywheel-dialog", std::mem::discriminant(&self)));
        let shown = self.clone();
        let modal = egui::Modal::new(id).show(ctx, |ui| {
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
                Dialog::Error { title, message } => error_ui(ui, title, message),
                Dialog::ShareCopyOptions { without_scores } => share_copy_ui(ui, without_scores),
                Dialog::ReportOptions { internal } => report_options_ui(ui, internal),
                Dialog::RecoveryOffer {
                    name,
                    path,
                    last_edit,
                } => recovery_offer_ui(ui, name, path, last_edit),
                Dialog::StartWorkshop {
                    date,
                    title,
                    place,
                    error,
                } => start_workshop_ui(ui, date, title, place, error),
                Dialog::WorkshopEnded { heading, lines } => workshop_ended_ui(ui, heading, lines),
                Dialog::ConfirmDelete {
                    stakeholder,
                    name,
                    commitments,
                    relationships,
                } => confirm_delete_ui(ui, stakeholder, name, commitments, relationships),
            }
        });
        let recovery = matches!(modal.inner, Choice::Stay(Dialog::RecoveryOffer { .. }));
        if modal.should_close() && recovery {
            // Escape or a click outside must not lose the offer.
            return Choice::RecoverLater;
        }
        if modal.should_close() {
            return Choice::Dismissed(shown);
        }
        match modal.inner {
            Choice::Close => Choice::Dismissed(shown),
            choice => choice,
        }
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
        Then::Open(_) | Then::OpenVersion(_) => "before opening another workspace",
        Then::Recover => "before the recovered changes take its place",
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
    let action = match purpose {
        Purpose::Open => "Open",
        Purpose::Import => "Import",
        Purpose::MergeCopy => "Merge",
        Purpose::SaveAs { .. } | Purpose::ShareCopy { .. } => "Save",
        Purpose::Export { .. }
        | Purpose::ExportSpreadsheet { .. }
        | Purpose::ExportCsv
        | Purpose::Report { .. } => "Export",
    };
    let hint = match purpose {
        Purpose::Import => "/home/me/Documents/members.csv",
        Purpose::ExportCsv => "/home/me/Documents/coalition-export",
        _ => "/home/me/Documents/coalition.ron",
    };
    ui.heading(purpose.title());
    let what = if purpose == Purpose::ExportCsv {
        "folder"
    } else {
        "file"
    };
    ui.label(format!("{reason} Type the {what}'s full path instead:"));
    let field = ui.add(
        egui::TextEdit::singleline(&mut text)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    );
    let field = field.accessible_name("File path");
    if !field.has_focus() && text.is_empty() {
        field.request_focus();
    }
    let path = PathBuf::from(text.trim());
    if let Some(error) = &error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    } else if let Some(note) = overwrite_note(&purpose, &path) {
        ui.label(RichText::new(note).weak());
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

/// What happens to a file already at `path`, said before it happens.
fn overwrite_note(purpose: &Purpose, path: &Path) -> Option<&'static str> {
    let path = with_extension(path, purpose);
    match purpose {
        Purpose::SaveAs { .. } if path.is_file() => {
            Some("A file with this name exists: it will be replaced, and the old one kept as .bak.")
        }
        Purpose::ShareCopy { .. }
        | Purpose::ExportSpreadsheet { .. }
        | Purpose::Report { .. }
        | Purpose::Export { .. }
            if path.is_file() =>
        {
            Some("A file with this name exists: it will be replaced.")
        }
        Purpose::ExportCsv if path.is_dir() => Some(
            "stakeholders.csv, commitments.csv and relationships.csv in this folder will be replaced.",
        ),
        _ => None,
    }
}

/// Adds the extension a file being saved needs when it has none (`.ron`,
/// `.xlsx`, `.html`).
pub fn with_extension(path: &Path, purpose: &Purpose) -> PathBuf {
    let extension = match purpose {
        Purpose::SaveAs { .. } | Purpose::ShareCopy { .. } => crate::file::EXTENSION,
        Purpose::ExportSpreadsheet { .. } => "xlsx",
        Purpose::Report { .. } => "html",
        _ => return path.to_path_buf(),
    };
    if path.extension().is_none() {
        path.with_extension(extension)
    } else {
        path.to_path_buf()
    }
}

/// What a share copy leaves out, and the one choice it offers.
fn share_copy_ui(ui: &mut Ui, mut without_scores: bool) -> Choice {
    ui.heading("Save share copy");
    ui.label(
        "A copy of this workspace for people outside the facilitation team. \
         The open workspace is not changed. In the copy:",
    );
    for line in crate::exchange::confidential::SHARE_COPY_LEAVES_OUT {
        ui.label(format!("•  {line}"));
    }
    ui.add_space(4.0);
    ui.checkbox(
        &mut without_scores,
        "Also remove everyone's influence and support scores",
    );
    buttons_row(ui, |ui| {
        if ui.button("Cancel").clicked() {
            return Choice::Close;
        }
        if ui.button(RichText::new("Choose file…").strong()).clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            return Choice::ShareCopy { without_scores };
        }
        Choice::Stay(Dialog::ShareCopyOptions { without_scores })
    })
}

/// Shared (default) or internal report.
fn report_options_ui(ui: &mut Ui, mut internal: bool) -> Choice {
    ui.heading("Export report");
    ui.label(
        "One HTML page with the headline numbers, momentum, coverage, white spaces, \
         roadmap progress, what changed since the last workshop and the public \
         commitments. It opens in any browser and prints on A4.",
    );
    ui.add_space(4.0);
    ui.radio_value(
        &mut internal,
        false,
        "For sharing: built from the share copy, without confidential data",
    );
    ui.radio_value(
        &mut internal,
        true,
        "Internal: includes confidential data, and says so at the top",
    );
    buttons_row(ui, |ui| {
        if ui.button("Cancel").clicked() {
            return Choice::Close;
        }
        if ui.button(RichText::new("Choose file…").strong()).clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            return Choice::Report { internal };
        }
        Choice::Stay(Dialog::ReportOptions { internal })
    })
}

/// The offer of changes left by a Flywheel that closed without saving.
fn recovery_offer_ui(
    ui: &mut Ui,
    name: String,
    path: Option<PathBuf>,
    last_edit: String,
) -> Choice {
    ui.heading("Recover unsaved changes?");
    ui.label(format!(
        "Flywheel closed without saving changes to {name} (last edit {last_edit})."
    ));
    if let Some(path) = &path {
        ui.label(RichText::new(path.display().to_string()).weak());
    }
    ui.label(
        "Recover opens them as unsaved changes: save to keep them. \
         Decide later keeps them for the next start.",
    );
    buttons_row(ui, |ui| {
        if ui.button("Decide later").clicked() {
            return Choice::RecoverLater;
        }
        if ui.button("Discard").clicked() {
            return Choice::DiscardRecovery;
        }
        if ui.button(RichText::new("Recover").strong()).clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            return Choice::Recover;
        }
        Choice::Stay(Dialog::RecoveryOffer {
            name: name.clone(),
            path: path.clone(),
            last_edit: last_edit.clone(),
        })
    })
}

fn start_workshop_ui(
    ui: &mut Ui,
    mut date: String,
    mut title: String,
    mut place: String,
    mut error: Option<String>,
) -> Choice {
    ui.heading("Start a workshop");
    ui.label(
        "While it runs, commitments you capture (Ctrl+E) are dated on its day and name it \
         as their source; tick who attends in the status bar. End it for a summary.",
    );
    egui::Grid::new("start-workshop")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Date");
            ui.add(
                egui::TextEdit::singleline(&mut date)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(110.0),
            )
            .accessible_name("Date of the workshop");
            ui.end_row();
            ui.label("Title");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut title)
                        .hint_text("e.g. Offtake round")
                        .desired_width(300.0),
                )
                .accessible_name("Title of the workshop");
            if title.is_empty() && !field.has_focus() {
                field.request_focus();
            }
            ui.end_row();
            ui.label("Place");
            ui.add(
                egui::TextEdit::singleline(&mut place)
                    .hint_text("e.g. Rotterdam (optional)")
                    .desired_width(300.0),
            )
            .accessible_name("Place of the workshop");
            ui.end_row();
        });
    ui.label(
        RichText::new("The place is kept as part of the title (“Offtake round, Rotterdam”).")
            .weak()
            .small(),
    );
    if let Some(error) = &error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    let choice = buttons_row(ui, |ui| {
        if ui.button("Cancel").clicked() {
            return Some(Choice::Close);
        }
        let start = ui.button(RichText::new("Start").strong()).clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Enter));
        if !start {
            return None;
        }
        let parsed = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d");
        let (title, place) = (title.trim(), place.trim());
        match parsed {
            Err(_) => error = Some("Type the date as YYYY-MM-DD, e.g. 2026-11-23".to_string()),
            Ok(_) if title.is_empty() => error = Some("Give the workshop a title".to_string()),
            Ok(date) => {
                let title = if place.is_empty() {
                    title.to_string()
                } else {
                    format!("{title}, {place}")
                };
                return Some(Choice::StartWorkshop { date, title });
            }
        }
        None
    });
    choice.unwrap_or(Choice::Stay(Dialog::StartWorkshop {
        date,
        title,
        place,
        error,
    }))
}

fn workshop_ended_ui(ui: &mut Ui, heading: String, lines: Vec<String>) -> Choice {
    ui.heading(&heading);
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for line in &lines {
                ui.label(line);
            }
        });
    buttons_row(ui, |ui| {
        if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            return Choice::Close;
        }
        if ui
            .button("Present it")
            .on_hover_text("Presenter mode, on this summary (the last slide)")
            .clicked()
        {
            return Choice::PresentSummary;
        }
        Choice::Stay(Dialog::WorkshopEnded {
            heading: heading.clone(),
            lines: lines.clone(),
        })
    })
}

fn confirm_delete_ui(
    ui: &mut Ui,
    stakeholder: StakeholderId,
    name: String,
    commitments: usize,
    relationships: usize,
) -> Choice {
    ui.heading(format!("Delete {name}?"));
    let with = match (commitments, relationships) {
        (0, r) => plural(r, "relationship", "relationships"),
        (c, 0) => plural(c, "commitment", "commitments"),
        (c, r) => format!(
            "{} and {}",
            plural(c, "commitment", "commitments"),
            plural(r, "relationship", "relationships")
        ),
    };
    ui.label(format!(
        "Its {with} are deleted with it. Undo (Ctrl+Z) brings everything back."
    ));
    buttons_row(ui, |ui| {
        if ui.button("Cancel").clicked() {
            return Choice::Close;
        }
        let delete = RichText::new("Delete")
            .strong()
            .color(ui.visuals().error_fg_color);
        if ui.button(delete).clicked() {
            return Choice::DeleteStakeholder(stakeholder);
        }
        Choice::Stay(Dialog::ConfirmDelete {
            stakeholder,
            name: name.clone(),
            commitments,
            relationships,
        })
    })
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
