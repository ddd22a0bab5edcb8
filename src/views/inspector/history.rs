//! Dated histories in the inspector: the "changed on" date a new stage or
//! status is recorded under, and the editor of a whole stage or status
//! history. Every candidate is checked before it becomes an edit, and the
//! reason for refusing one is shown inline.

use std::fmt::Display;

use chrono::NaiveDate;
use egui::{Response, RichText, Ui};

use crate::views::widgets::{choice, date_field, form_row};

/// One entry of a history: the day and what it changed to.
pub(super) type Entry<T> = (NaiveDate, T);

/// A history changed by the user and already checked, with the date field
/// it was typed in (so keystrokes in one field are one undo step).
pub(super) struct Changed<T> {
    pub entries: Vec<Entry<T>>,
    pub typed_in: Option<Response>,
}

/// The message shown under a field or a history, kept between frames until
/// the next accepted change.
fn problem_id(id: egui::Id) -> egui::Id {
    id.with("problem")
}

pub(super) fn set_problem(ui: &Ui, id: egui::Id, problem: Option<String>) {
    ui.data_mut(|d| match problem {
        Some(problem) => {
            d.insert_temp(problem_id(id), problem);
        }
        None => d.remove::<String>(problem_id(id)),
    });
}

pub(super) fn problem_ui(ui: &mut Ui, id: egui::Id) {
    if let Some(problem) = ui.data(|d| d.get_temp::<String>(problem_id(id))) {
        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
    }
}

/// A form row "`label`" with the date the next change is recorded under:
/// today unless the user sets an earlier day. Returns that date.
pub(super) fn changed_on_row_ui(
    ui: &mut Ui,
    id: egui::Id,
    label: &str,
    today: NaiveDate,
) -> NaiveDate {
    let date_id = id.with("changed-on");
    let date = ui
        .data(|d| d.get_temp::<NaiveDate>(date_id))
        .unwrap_or(today);
    form_row(ui, label, |ui| {
        ui.vertical(|ui| {
            let (response, changed) = date_field(ui, date_id, date);
            response
                .on_hover_text("The day the change happened: today unless you set an earlier day");
            if let Some(date) = changed {
                ui.data_mut(|d| d.insert_temp(date_id, date));
            }
            problem_ui(ui, id);
        });
    });
    ui.data(|d| d.get_temp::<NaiveDate>(date_id))
        .unwrap_or(today)
}

/// A history's entries, oldest first, each with its date, its value and a
/// delete button, then a row adding one. `what` names the value ("stage",
/// "status"); `check` says why a candidate history may not be kept.
pub(super) fn history_ui<T: Copy + PartialEq + Display + Send + Sync + 'static>(
    ui: &mut Ui,
    id: egui::Id,
    what: &str,
    entries: &[Entry<T>],
    all: &[T],
    today: NaiveDate,
    check: impl Fn(&[Entry<T>]) -> Result<(), String>,
) -> Option<Changed<T>> {
    let mut candidate: Option<(Vec<Entry<T>>, Option<Response>)> = None;
    let capital = capitalised(what);
    if entries.is_empty() {
        ui.label(RichText::new(format!("No {what} changes recorded.")).weak());
    }
    egui::Grid::new(id.with("entries"))
        .num_columns(3)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            for (at, &(date, value)) in entries.iter().enumerate() {
                let n = at + 1;
                let (response, new_date) = date_field(ui, id.with(("date", at)), date);
                // The placeholder would otherwise name it: "YYYY-MM-DD".
                let response = response.accessible_name(format!("{capital} {n} date"));
                if let Some(new_date) = new_date {
                    let mut changed = entries.to_vec();
                    changed[at].0 = new_date;
                    candidate = Some((changed, Some(response)));
                } else if response.lost_focus() {
                    set_problem(ui, id, None);
                }
                let (_, new_value) = ui.name_inputs(format!("{capital} {n}"), |ui| {
                    choice(ui, id.with(("value", at)), value, all, |v| v.to_string())
                });
                if let Some(new_value) = new_value {
                    let mut changed = entries.to_vec();
                    changed[at].1 = new_value;
                    candidate = Some((changed, None));
                }
                if ui
                    .button("🗑")
                    .on_hover_text(format!("Delete this {what} change"))
                    .accessible_name(format!("Delete {what} {n}"))
                    .clicked()
                {
                    let mut changed = entries.to_vec();
                    changed.remove(at);
                    candidate = Some((changed, None));
                }
                ui.end_row();
            }
        });
    if let Some(added) = add_row_ui(ui, id, what, entries, all, today) {
        candidate = Some((added, None));
    }
    problem_ui(ui, id);
    let (entries, typed_in) = candidate?;
    match check(&entries) {
        Ok(()) => {
            set_problem(ui, id, None);
            Some(Changed { entries, typed_in })
        }
        Err(problem) => {
            set_problem(ui, id, Some(problem));
            None
        }
    }
}

/// The row adding an entry: a date (today unless changed), a value and
/// "➕ Add". Returns the history with the entry put in date order.
fn add_row_ui<T: Copy + PartialEq + Display + Send + Sync + 'static>(
    ui: &mut Ui,
    id: egui::Id,
    what: &str,
    entries: &[Entry<T>],
    all: &[T],
    today: NaiveDate,
) -> Option<Vec<Entry<T>>> {
    let date_id = id.with("new-date");
    let value_id = id.with("new-value");
    let date = ui
        .data(|d| d.get_temp::<NaiveDate>(date_id))
        .unwrap_or(today);
    let fallback = entries.last().map(|e| e.1).or(all.first().copied())?;
    let value = ui.data(|d| d.get_temp::<T>(value_id)).unwrap_or(fallback);
    ui.horizontal(|ui| {
        let (response, new_date) = date_field(ui, date_id, date);
        response.accessible_name(format!("New {what} date"));
        if let Some(new_date) = new_date {
            ui.data_mut(|d| d.insert_temp(date_id, new_date));
        }
        let (_, new_value) = ui.name_inputs(format!("New {what}"), |ui| {
            choice(ui, value_id, value, all, |v| v.to_string())
        });
        if let Some(new_value) = new_value {
            ui.data_mut(|d| d.insert_temp(value_id, new_value));
        }
        let add = ui
            .button(format!("➕ Add {what}"))
            .on_hover_text(format!("Record a {what} change on the date on the left"));
        add.clicked().then(|| {
            let mut changed = entries.to_vec();
            let at = changed.partition_point(|e| e.0 <= date);
            changed.insert(at, (date, value));
            changed
        })
    })
    .inner
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
