//! The import preview: what will be created, what is unchanged, every
//! conflict with a choice, and every skipped row with its reason. Nothing
//! changes until "Import" is pressed.

use egui::{Id, RichText, Ui};

use super::{ImportPreview, State};
use crate::exchange::import::{Conflict, ImportPlan, PlannedRecord, Record, Resolution};
use crate::text::plural;

/// Rows of a long list drawn at once; the rest scroll.
const ROW_HEIGHT: f32 = 20.0;

/// What the facilitator did in the preview this frame.
#[derive(Debug)]
pub(in crate::app) enum PreviewChoice {
    Stay,
    Cancel,
    AddFile,
    Confirm,
}

impl ImportPreview {
    /// Draws the preview; returns what the facilitator chose.
    pub(in crate::app) fn ui(&mut self, ctx: &egui::Context) -> PreviewChoice {
        let modal = egui::Modal::new(Id::unique("flywheel-import-preview")).show(ctx, |ui| {
            ui.set_width(ctx.content_rect().width().min(760.0) - 48.0);
            ui.heading("Import spreadsheet");
            files_ui(ui, &self.files);
            ui.separator();
            match &mut self.state {
                State::Failed { message } => failed_ui(ui, message),
                State::Ready { plan, resolutions } => ready_ui(ui, plan, resolutions),
            }
        });
        if modal.should_close() {
            return PreviewChoice::Cancel;
        }
        modal.inner
    }
}

fn files_ui(ui: &mut Ui, files: &[std::path::PathBuf]) {
    ui.horizontal_wrapped(|ui| {
        ui.label("From:");
        for path in files {
            let name = super::super::files::file_name(path);
            ui.label(RichText::new(name).strong())
                .on_hover_text(path.display().to_string());
        }
    });
}

fn buttons_row(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> PreviewChoice) -> PreviewChoice {
    ui.add_space(8.0);
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), add)
        .inner
}

fn failed_ui(ui: &mut Ui, message: &str) -> PreviewChoice {
    ui.colored_label(ui.visuals().error_fg_color, message);
    ui.label(RichText::new("Nothing was changed.").weak());
    buttons_row(ui, |ui| {
        if ui.button("Close").clicked() {
            return PreviewChoice::Cancel;
        }
        if ui.button("Choose another file…").clicked() {
            return PreviewChoice::AddFile;
        }
        PreviewChoice::Stay
    })
}

fn ready_ui(ui: &mut Ui, plan: &ImportPlan, resolutions: &mut [Resolution]) -> PreviewChoice {
    ui.label(RichText::new(summary(plan)).strong());
    for note in undated_notes(plan) {
        ui.label(RichText::new(note).weak());
    }
    ui.add_space(4.0);
    let max_height = (ui.ctx().content_rect().height() * 0.55).max(160.0);
    egui::ScrollArea::vertical()
        .max_height(max_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            conflicts_ui(ui, &plan.conflicts, resolutions);
            lines_ui(ui, "Skipped rows", &skipped_lines(plan), true);
            lines_ui(ui, "Warnings", &warning_lines(plan), true);
            lines_ui(ui, "Will be created", &record_lines(&plan.created), false);
            lines_ui(
                ui,
                "Already there, unchanged",
                &record_lines(&plan.unchanged),
                false,
            );
        });
    let taken = resolutions
        .iter()
        .filter(|r| **r == Resolution::TakeImported)
        .count();
    let changes = plan.created.len() + taken;
    buttons_row(ui, |ui| {
        let import = egui::Button::new(RichText::new("Import").strong());
        let import = ui
            .add_enabled(changes > 0, import)
            .on_disabled_hover_text("Nothing to create or update");
        if import.clicked() {
            return PreviewChoice::Confirm;
        }
        if ui.button("Cancel").clicked() {
            return PreviewChoice::Cancel;
        }
        if ui
            .button("Add another file…")
            .on_hover_text("Import a stakeholder list and a pledge tracker together")
            .clicked()
        {
            return PreviewChoice::AddFile;
        }
        ui.label(
            RichText::new(format!("{changes} changes, one undo step"))
                .weak()
                .small(),
        );
        PreviewChoice::Stay
    })
}

/// "Will create 12 stakeholders and 40 commitments · 5 unchanged · 3
/// conflicts · 4 rows skipped".
fn summary(plan: &ImportPlan) -> String {
    let count = |kind: fn(&Record) -> bool, one: &str, many: &str| {
        let n = plan.created.iter().filter(|r| kind(&r.record)).count();
        (n > 0).then(|| plural(n, one, many))
    };
    let created: Vec<String> = [
        count(
            |r| matches!(r, Record::Stakeholder(_)),
            "stakeholder",
            "stakeholders",
        ),
        count(
            |r| matches!(r, Record::Commitment(_)),
            "commitment",
            "commitments",
        ),
        count(
            |r| matches!(r, Record::Relationship(_)),
            "relationship",
            "relationships",
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut parts = vec![if created.is_empty() {
        "Nothing new to create".to_string()
    } else {
        format!("Will create {}", created.join(", "))
    }];
    if !plan.unchanged.is_empty() {
        parts.push(format!("{} unchanged", plan.unchanged.len()));
    }
    match plan.conflicts.len() {
        0 => {}
        n => parts.push(plural(n, "conflict", "conflicts")),
    }
    match plan.skipped.len() {
        0 => {}
        n => parts.push(format!("{} skipped", plural(n, "row", "rows"))),
    }
    parts.join(" · ")
}

fn undated_notes(plan: &ImportPlan) -> Vec<String> {
    let mut notes = Vec::new();
    if plan.undated_statuses > 0 {
        notes.push(format!(
            "{} commitments have no status date: their status is dated the day they were made, \
             so their momentum history is approximate.",
            plan.undated_statuses
        ));
    }
    if plan.undated_stages > 0 {
        notes.push(format!(
            "{} stakeholders have a stage but no stage history: the stage is dated today.",
            plan.undated_stages
        ));
    }
    notes
}

fn record_lines(records: &[PlannedRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| format!("{}: {}", r.location, r.what))
        .collect()
}

fn skipped_lines(plan: &ImportPlan) -> Vec<String> {
    plan.skipped
        .iter()
        .map(|s| format!("{}: {}", s.location, s.reason))
        .collect()
}

fn warning_lines(plan: &ImportPlan) -> Vec<String> {
    plan.warnings
        .iter()
        .map(|n| format!("{}: {}", n.location, n.text))
        .collect()
}

/// A titled, collapsible list; long lists draw only the rows on screen.
fn lines_ui(ui: &mut Ui, title: &str, lines: &[String], open: bool) {
    if lines.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("{title} ({})", lines.len()))
        .id_salt(title)
        .default_open(open && lines.len() <= 200)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(title)
                .max_height(ROW_HEIGHT * 12.0)
                .auto_shrink([false, true])
                .show_rows(ui, ROW_HEIGHT, lines.len(), |ui, rows| {
                    for line in &lines[rows] {
                        ui.label(line);
                    }
                });
        });
}

/// Every conflict with the fields that differ, and the choice for it.
fn conflicts_ui(ui: &mut Ui, conflicts: &[Conflict], resolutions: &mut [Resolution]) {
    if conflicts.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!(
        "Conflicts: already there with other values ({})",
        conflicts.len()
    ))
    .id_salt("conflicts")
    .default_open(true)
    .show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Keep all existing").clicked() {
                resolutions.fill(Resolution::KeepExisting);
            }
            if ui.button("Take all imported").clicked() {
                resolutions.fill(Resolution::TakeImported);
            }
        });
        for (i, (conflict, resolution)) in conflicts.iter().zip(resolutions.iter_mut()).enumerate()
        {
            ui.push_id(i, |ui| conflict_ui(ui, conflict, resolution));
        }
    });
}

/// A field's value; an empty one says so rather than showing nothing.
fn value_ui(ui: &mut Ui, value: &str) {
    if value.is_empty() {
        ui.label(RichText::new("(empty)").italics().weak());
    } else {
        ui.label(value);
    }
}

fn conflict_ui(ui: &mut Ui, conflict: &Conflict, resolution: &mut Resolution) {
    ui.separator();
    ui.label(RichText::new(format!("{}: {}", conflict.location, conflict.what)).strong());
    egui::Grid::new("fields")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("field").weak());
            ui.label(RichText::new("existing").weak());
            ui.label(RichText::new("imported").weak());
            ui.end_row();
            for diff in &conflict.fields {
                ui.label(diff.field.to_string());
                value_ui(ui, &diff.existing);
                value_ui(ui, &diff.imported);
                ui.end_row();
            }
        });
    ui.horizontal(|ui| {
        ui.radio_value(resolution, Resolution::KeepExisting, "Keep existing");
        ui.radio_value(resolution, Resolution::TakeImported, "Take imported");
    });
}
