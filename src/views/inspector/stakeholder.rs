//! The stakeholder's own fields: its header with the delete button and the
//! details form.

use chrono::NaiveDate;
use egui::{Grid, Response, RichText, Ui};

use super::history::{changed_on_row_ui, history_ui, set_problem};
use crate::command::Command;
use crate::edit::Edit;
use crate::exchange::confidential;
use crate::model::{
    Category, EngagementStage, INFLUENCE_RANGE, SUPPORT_RANGE, StageChange, Stakeholder,
    check_stage_history,
};
use crate::views::palette::category_icon_ui;
use crate::views::widgets::{choice, form_row, labelled_by_row, tags_field, text_area, text_field};
use crate::views::{ViewContext, name_field_id};

pub(super) fn header_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    ui.horizontal(|ui| {
        category_icon_ui(ui, s.category);
        let title = if s.name.trim().is_empty() {
            "(unnamed)"
        } else {
            &s.name
        };
        ui.heading(title);
    });
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{} · {}", s.category, s.stage())).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("🗑 Delete")
                .on_hover_text(
                    "Delete this stakeholder with its commitments and relationships; one that has any \
                     asks first (Delete key; undo with Ctrl+Z)",
                )
                .clicked()
            {
                cx.out.command(Command::DeleteStakeholder);
            }
        });
    });
}

pub(super) fn details_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    Grid::new("stakeholder-details")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .striped(false)
        .show(ui, |ui| {
            identity_rows_ui(ui, cx, s);
            stance_rows_ui(ui, cx, s);
            notes_rows_ui(ui, cx, s);
        });
    egui::CollapsingHeader::new(format!("Stage history ({})", s.stage_history.len()))
        .id_salt("stage-history")
        .show(ui, |ui| stage_history_ui(ui, cx, s));
}

/// The stage history, editable entry by entry.
fn stage_history_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    let entries: Vec<_> = s.stage_history.iter().map(|c| (c.date, c.stage)).collect();
    let today = cx.today;
    let changed = history_ui(
        ui,
        ui.make_persistent_id(("stage-history", s.id)),
        "stage",
        &entries,
        EngagementStage::ALL,
        today,
        |entries| check_stage_history(&stage_changes(entries, &s.stage_history), Some(today)),
    );
    if let Some(changed) = changed {
        let edit = Edit::SetStageHistory {
            id: s.id,
            history: stage_changes(&changed.entries, &s.stage_history),
        };
        match &changed.typed_in {
            Some(response) => cx.out.push_from(response, edit),
            None => cx.out.push(edit),
        }
    }
}

/// The history's edited entries; one still on its day at its stage keeps
/// the workshop it was recorded during.
fn stage_changes(
    entries: &[(NaiveDate, EngagementStage)],
    before: &[StageChange],
) -> Vec<StageChange> {
    entries
        .iter()
        .map(|&(date, stage)| StageChange {
            workshop: before
                .iter()
                .find(|c| c.date == date && c.stage == stage)
                .and_then(|c| c.workshop),
            ..StageChange::new(date, stage)
        })
        .collect()
}

/// Sends `s` changed by `change`, as part of `response`'s interaction.
fn update(
    cx: &mut ViewContext<'_>,
    response: &Response,
    s: &Stakeholder,
    change: impl FnOnce(&mut Stakeholder),
) {
    let mut new = s.clone();
    change(&mut new);
    cx.out.push_from(response, Edit::UpdateStakeholder(new));
}

/// Name, category and region.
fn identity_rows_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    form_row(ui, "Name", |ui| {
        let mut text = s.name.clone();
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id(name_field_id(s.id))
                .hint_text("Organisation name")
                .desired_width(f32::INFINITY),
        );
        let response = labelled_by_row(ui, response);
        if cx.selection.focus_name_of == Some(s.id) {
            response.request_focus();
            cx.selection.focus_name_of = None;
        }
        if response.changed() {
            update(cx, &response, s, |new| new.name = text);
        }
    });
    form_row(ui, "Category", |ui| {
        let (response, chosen) = choice(ui, "category", s.category, Category::ALL, |c| {
            c.label().to_string()
        });
        let response = response.on_hover_text(s.category.help());
        if let Some(category) = chosen {
            update(cx, &response, s, |new| new.category = category);
        }
    });
    form_row(ui, "Region", |ui| {
        let (response, changed) = text_field(ui, &s.region, "e.g. EU, India, North America");
        if let Some(region) = changed {
            update(cx, &response, s, |new| new.region = region);
        }
    });
}

/// Influence, support and engagement stage.
fn stance_rows_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    if cx.ws.share.as_ref().is_some_and(|m| m.removed.scores) {
        form_row(ui, "Scores", |ui| {
            ui.label(RichText::new("Not in this share copy").weak());
        });
    } else {
        score_rows_ui(ui, cx, s);
    }
    stage_row_ui(ui, cx, s);
}

/// Influence and support sliders.
fn score_rows_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    form_row(ui, "Influence", |ui| {
        let mut influence = s.influence;
        let response = ui
            .add(egui::Slider::new(&mut influence, INFLUENCE_RANGE).step_by(1.0))
            .on_hover_text("How much it can move the sector: 1 little, 5 decisive");
        let response = labelled_by_row(ui, response);
        if influence != s.influence {
            update(cx, &response, s, |new| new.influence = influence);
        }
    });
    form_row(ui, "Support", |ui| {
        let mut support = s.support;
        let response = ui
            .add(
                egui::Slider::new(&mut support, SUPPORT_RANGE)
                    .step_by(1.0)
                    .custom_formatter(|v, _| crate::text::signed_score(v as i8)),
            )
            .on_hover_text("Stance on the coalition's goals: −2 opposes, +2 champions");
        let response = labelled_by_row(ui, response);
        if support != s.support {
            update(cx, &response, s, |new| new.support = support);
        }
    });
}

/// The engagement stage, and the date it was reached.
fn stage_row_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    let chosen = form_row(ui, "Stage", |ui| {
        ui.horizontal(|ui| {
            let (response, chosen) =
                choice(ui, "stage", s.stage(), EngagementStage::ALL, |stage| {
                    stage.label().to_string()
                });
            response.on_hover_text(s.stage().help());
            if let Some(since) = s.stage_since() {
                ui.label(RichText::new(format!("since {since}")).weak());
            }
            chosen
        })
        .inner
    });
    let change_id = ui.make_persistent_id(("stage-change", s.id));
    // During a workshop, changes are on its day and linked to it.
    let default_day = cx.workshop.map_or(cx.today, |w| w.date);
    let date = changed_on_row_ui(ui, change_id, "Changed on", default_day);
    if let Some(stage) = chosen {
        let change = StageChange {
            workshop: cx.workshop.filter(|w| w.date == date).map(|w| w.id),
            ..StageChange::new(date, stage)
        };
        // A stage change is dated, so it is its own edit; it is checked
        // here so a refusal shows next to the date.
        let mut candidate = s.clone();
        candidate.record_stage(change.clone());
        let problem = if candidate.stage() == stage {
            check_stage_history(&candidate.stage_history, Some(cx.today)).err()
        } else {
            Some(format!(
                "“{}” since {} is the latest stage: record an earlier change \
                 in the stage history",
                s.stage(),
                s.stage_since().unwrap_or(date)
            ))
        };
        if problem.is_none() {
            cx.out.push(Edit::SetStakeholderStage { id: s.id, change });
        }
        set_problem(ui, change_id, problem);
    }
}

/// Tags, contacts, notes and whether they are confidential.
fn notes_rows_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    form_row(ui, "Tags", |ui| {
        let (response, changed) = tags_field(ui, ("tags", s.id), &s.tags);
        if let Some(tags) = changed {
            update(cx, &response, s, |new| new.tags = tags);
        }
    });
    form_row(ui, "Contacts", |ui| {
        let (response, changed) = text_field(ui, &s.contacts, "People to talk to");
        if let Some(contacts) = changed {
            update(cx, &response, s, |new| new.contacts = contacts);
        }
    });
    form_row(ui, "Notes", |ui| {
        let (response, changed) = text_area(ui, &s.notes, "What matters about them", 3);
        if let Some(notes) = changed {
            update(cx, &response, s, |new| new.notes = notes);
        }
    });
    form_row(ui, "Confidential", |ui| {
        ui.vertical(|ui| {
            let mut confidential = s.confidential;
            let response = ui.checkbox(&mut confidential, "Anonymise in share copies and reports");
            if response.changed() {
                // A click is a whole interaction: its own undo step.
                let mut new = s.clone();
                new.confidential = confidential;
                cx.out.push(Edit::UpdateStakeholder(new));
            }
            ui.label(
                RichText::new(confidential::CONFIDENTIAL_STAKEHOLDER)
                    .weak()
                    .small(),
            );
        });
    });
}
