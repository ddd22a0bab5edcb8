//! The stakeholder's commitments: a line each, the open one's form, and the
//! button that adds one.

use chrono::NaiveDate;
use egui::{Grid, Response, RichText, Ui};

use super::history::{changed_on_row_ui, history_ui, problem_ui, set_problem};
use crate::command::Command;
use crate::edit::Edit;
use crate::exchange::confidential;
use crate::model::{
    Commitment, CommitmentKind, CommitmentStatus, Quantity, StatusChange, check_status_history,
    move_date_made,
};
use crate::views::palette::status_color;
use crate::views::widgets::{
    choice, command_button, date_field, focus_and_select_all, form_row, labelled_by_row,
    parsed_field, text_area, text_field,
};
use crate::views::{ViewContext, title_field_id};

/// `own` are the stakeholder's commitments, borrowed from the workspace (not
/// from `cx`, which takes edits below).
pub(super) fn commitments_ui<'a>(
    ui: &mut Ui,
    cx: &mut ViewContext<'_>,
    own: impl Iterator<Item = &'a Commitment>,
) {
    let mut any = false;
    for c in own {
        any = true;
        commitment_ui(ui, cx, c);
    }
    if !any {
        ui.label(RichText::new("No commitments yet.").weak());
    }
    ui.add_space(4.0);
    add_commitment_ui(ui, cx);
}

/// A line with the commitment's status colour, kind, title and year; a click
/// opens or closes its form below it.
fn commitment_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    let open = cx.selection.commitment == Some(c.id);
    let color = status_color(c.status(), ui.visuals().dark_mode);
    let title = if c.title.trim().is_empty() {
        "(untitled)"
    } else {
        &c.title
    };
    let header = format!(
        "{} · {title}{}",
        c.kind,
        c.target_year.map_or(String::new(), |y| format!(" · {y}"))
    );
    let row = ui.horizontal(|ui| {
        let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().circle_filled(dot.center(), 4.5, color);
        ui.add(egui::Button::selectable(open, header).truncate())
            .on_hover_text(format!("{} since {}", c.status(), c.status_since()))
    });
    if row.inner.clicked() {
        cx.selection.commitment = if open { None } else { Some(c.id) };
    }
    if open {
        egui::Frame::group(ui.style()).show(ui, |ui| commitment_form_ui(ui, cx, c));
    }
}

/// "➕ Add commitment": a new interim target by `s`, made today and opened.
/// The inspector shows the selected stakeholder, which is whose commitment
/// [`Command::AddCommitment`] records.
fn add_commitment_ui(ui: &mut Ui, cx: &mut ViewContext<'_>) {
    command_button(ui, cx.out, "➕", Command::AddCommitment, true);
}

fn commitment_form_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    Grid::new(("commitment-form", c.id))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            title_and_kind_rows_ui(ui, cx, c);
            status_row_ui(ui, cx, c);
            date_rows_ui(ui, cx, c);
            quantity_row_ui(ui, cx, c);
            metric_row_ui(ui, cx, c);
            source_and_notes_rows_ui(ui, cx, c);
        });
    egui::CollapsingHeader::new(format!("Status history ({})", c.status_history.len()))
        .id_salt(("status-history", c.id))
        .show(ui, |ui| status_history_ui(ui, cx, c));
    if ui
        .button("🗑 Delete commitment")
        .on_hover_text("Delete this commitment (undo with Ctrl+Z)")
        .clicked()
    {
        cx.out.command(Command::DeleteCommitment);
    }
}

/// Sends `c` changed by `change`, as part of `response`'s interaction.
fn update(
    cx: &mut ViewContext<'_>,
    response: &Response,
    c: &Commitment,
    change: impl FnOnce(&mut Commitment),
) {
    let mut new = c.clone();
    change(&mut new);
    cx.out.push_from(response, Edit::UpdateCommitment(new));
}

fn title_and_kind_rows_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    form_row(ui, "Title", |ui| {
        let mut title = c.title.clone();
        let response = ui.add(
            egui::TextEdit::singleline(&mut title)
                .id(title_field_id(c.id))
                .hint_text("What was committed")
                .desired_width(f32::INFINITY),
        );
        let response = labelled_by_row(ui, response);
        if cx.selection.focus_title_of == Some(c.id) {
            // A new commitment: typing replaces its placeholder title.
            focus_and_select_all(ui, &response, &title);
            cx.selection.focus_title_of = None;
        }
        if response.changed() {
            update(cx, &response, c, |new| new.title = title);
        }
    });
    form_row(ui, "Kind", |ui| {
        let (response, chosen) = choice(ui, ("kind", c.id), c.kind, CommitmentKind::ALL, |k| {
            k.label().to_string()
        });
        if let Some(kind) = chosen {
            update(cx, &response, c, |new| new.kind = kind);
        }
    });
}

fn status_row_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    let chosen = form_row(ui, "Status", |ui| {
        ui.horizontal(|ui| {
            let (_, chosen) = choice(
                ui,
                ("status", c.id),
                c.status(),
                CommitmentStatus::ALL,
                |st| st.label().to_string(),
            );
            ui.label(RichText::new(format!("since {}", c.status_since())).weak());
            chosen
        })
        .inner
    });
    let change_id = ui.make_persistent_id(("status-change", c.id));
    let date = changed_on_row_ui(ui, change_id, "Status changed on", cx.today);
    if let Some(status) = chosen {
        // A status change is dated, so it is its own edit; it is checked
        // here so a refusal shows next to the date.
        let mut candidate = c.clone();
        candidate.set_status(status, date);
        let problem = if candidate.status() == status {
            check_status_history(&candidate.status_history, c.made_on, Some(cx.today)).err()
        } else {
            Some(format!(
                "“{}” since {} is the latest status: record an earlier change \
                 in the status history",
                c.status(),
                c.status_since()
            ))
        };
        if problem.is_none() {
            cx.out.push(Edit::SetCommitmentStatus {
                id: c.id,
                status,
                date,
            });
        }
        set_problem(ui, change_id, problem);
    }
}

/// The status history, editable entry by entry.
fn status_history_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    let entries: Vec<_> = c
        .status_history
        .iter()
        .map(|s| (s.date, s.status))
        .collect();
    let today = cx.today;
    let changed = history_ui(
        ui,
        ui.make_persistent_id(("status-history", c.id)),
        "status",
        &entries,
        CommitmentStatus::ALL,
        today,
        |entries| check_status_history(&status_changes(entries), c.made_on, Some(today)),
    );
    if let Some(changed) = changed {
        let edit = Edit::SetStatusHistory {
            id: c.id,
            history: status_changes(&changed.entries),
        };
        match &changed.typed_in {
            Some(response) => cx.out.push_from(response, edit),
            None => cx.out.push(edit),
        }
    }
}

fn status_changes(entries: &[(NaiveDate, CommitmentStatus)]) -> Vec<StatusChange> {
    entries
        .iter()
        .map(|&(date, status)| StatusChange { date, status })
        .collect()
}

/// When it was made and the year it is for.
fn date_rows_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    form_row(ui, "Made on", |ui| {
        ui.vertical(|ui| {
            let (response, changed) = date_field(ui, ("made-on", c.id), c.made_on);
            let problem_id = ui.make_persistent_id(("made-on-problem", c.id));
            if let Some(date) = changed {
                // The edit layer moves the first status along or refuses;
                // the same rule here shows why next to the field.
                let problem = move_date_made(&c.status_history, c.made_on, date).err();
                if problem.is_none() {
                    update(cx, &response, c, |new| new.made_on = date);
                }
                set_problem(ui, problem_id, problem);
            } else if !response.has_focus() {
                set_problem(ui, problem_id, None);
            }
            problem_ui(ui, problem_id);
        });
    });
    form_row(ui, "Target year", |ui| {
        ui.horizontal(|ui| {
            let mut has = c.target_year.is_some();
            let toggle = ui
                .checkbox(&mut has, "")
                .accessible_name("Has a target year");
            let made_year = chrono::Datelike::year(&c.made_on);
            let mut year = c.target_year.unwrap_or(2030).max(made_year);
            let drag = ui.add_enabled(
                has,
                // Not before the year the commitment was made.
                egui::DragValue::new(&mut year)
                    .range(made_year..=2100)
                    .speed(0.2),
            );
            let wanted = has.then_some(year);
            if wanted != c.target_year {
                let response = if toggle.changed() { toggle } else { drag };
                update(cx, &response, c, |new| new.target_year = wanted);
            }
        });
    });
}

fn quantity_row_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    form_row(ui, "Quantity", |ui| {
        ui.horizontal(|ui| {
            let mut has = c.quantity.is_some();
            let toggle = ui.checkbox(&mut has, "").accessible_name("Has a quantity");
            let mut quantity = c.quantity.clone().unwrap_or(Quantity {
                value: 0.0,
                unit: "Mt".into(),
            });
            let value = ui.add_enabled(
                has,
                egui::DragValue::new(&mut quantity.value)
                    .range(0.0..=f64::MAX)
                    .speed(0.1),
            );
            let (unit, new_unit) = ui
                .add_enabled_ui(has, |ui| unit_field_ui(ui, c, &quantity))
                .inner;
            let unit = unit.accessible_name("Unit");
            if let Some(new_unit) = new_unit {
                quantity.unit = new_unit;
            }
            let wanted = has.then_some(quantity);
            if wanted != c.quantity {
                // The edit belongs to whichever of the three widgets made it.
                let response = if toggle.changed() {
                    toggle
                } else if unit.has_focus() || unit.lost_focus() {
                    unit
                } else {
                    value
                };
                update(cx, &response, c, |new| new.quantity = wanted);
            }
        });
    });
}

/// The quantity's unit, which may not be blank.
fn unit_field_ui(ui: &mut Ui, c: &Commitment, quantity: &Quantity) -> (Response, Option<String>) {
    parsed_field(
        ui,
        ("unit", c.id),
        &quantity.unit,
        70.0,
        "unit",
        Clone::clone,
        |text| {
            let unit = text.trim();
            if unit.is_empty() {
                Err("A quantity needs a unit, e.g. Mt, %, $bn".to_string())
            } else {
                Ok(unit.to_string())
            }
        },
    )
}

fn metric_row_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    form_row(ui, "Roadmap metric", |ui| {
        let metrics = &cx.ws.roadmap.metrics;
        let current = c
            .metric
            .and_then(|id| cx.ws.roadmap.metric(id))
            .map_or("none".to_string(), |m| format!("{} ({})", m.name, m.unit));
        let mut chosen = c.metric;
        let response = egui::ComboBox::from_id_salt(("metric", c.id))
            .selected_text(current)
            .width(200.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut chosen, None, "none");
                for m in metrics {
                    ui.selectable_value(
                        &mut chosen,
                        Some(m.id),
                        format!("{} ({})", m.name, m.unit),
                    );
                }
            })
            .response;
        if chosen != c.metric {
            update(cx, &response, c, |new| new.metric = chosen);
        }
    });
}

/// Where it was announced, notes, and whether they are confidential.
fn source_and_notes_rows_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    form_row(ui, "Source", |ui| {
        ui.vertical(|ui| {
            let (response, changed) = text_field(ui, &c.source, "Link or citation");
            if let Some(source) = changed {
                update(cx, &response, c, |new| new.source = source);
            }
            let link = c.source.trim();
            if link.starts_with("https://") || link.starts_with("http://") {
                ui.hyperlink_to("Open source ↗", link);
            }
        });
    });
    form_row(ui, "Notes", |ui| {
        let (response, changed) = text_area(ui, &c.notes, "Context, caveats", 2);
        if let Some(notes) = changed {
            update(cx, &response, c, |new| new.notes = notes);
        }
    });
    form_row(ui, "Confidential", |ui| {
        ui.vertical(|ui| {
            let mut confidential = c.confidential;
            if ui
                .checkbox(
                    &mut confidential,
                    "Hide its details in share copies and reports",
                )
                .changed()
            {
                // A click is a whole interaction: its own undo step.
                let mut new = c.clone();
                new.confidential = confidential;
                cx.out.push(Edit::UpdateCommitment(new));
            }
            ui.label(
                RichText::new(confidential::CONFIDENTIAL_COMMITMENT)
                    .weak()
                    .small(),
            );
        });
    });
}
