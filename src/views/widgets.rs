//! Small input widgets shared by the views. Each edits a copy of a value and
//! reports whether the user changed it, so views can turn changes into edits.

use chrono::NaiveDate;
use egui::{Response, RichText, Ui};

use super::Outbox;
use crate::command::Command;
use crate::model::Stakeholder;
use crate::text::plural;

/// Where [`form_row`] keeps the label of the row being built.
fn row_label_key() -> egui::Id {
    egui::Id::unique("flywheel-form-row-label")
}

/// A labelled row in a two-column form grid. The label names the row's
/// inputs for screen readers (and UI tests), including fields that also show
/// a placeholder hint.
pub fn form_row<R>(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> R) -> R {
    let label = ui.label(label);
    ui.data_mut(|d| d.insert_temp(row_label_key(), label.id));
    let inner = ui.label_inputs_by(label.id, add);
    ui.data_mut(|d| d.remove::<egui::Id>(row_label_key()));
    ui.end_row();
    inner
}

/// Names a text field by the label of the form row it is in, if any: a
/// placeholder hint would otherwise be its only name.
pub fn labelled_by_row(ui: &Ui, response: Response) -> Response {
    match ui.data(|d| d.get_temp::<egui::Id>(row_label_key())) {
        Some(label) => response.labelled_by(label),
        None => response,
    }
}

/// A single-line text field over a copy of `value`. Returns the new text
/// and the response when the user changed it.
pub fn text_field(ui: &mut Ui, value: &str, hint: &str) -> (Response, Option<String>) {
    let mut text = value.to_owned();
    let response = ui.add(
        egui::TextEdit::singleline(&mut text)
            .hint_text(hint)
            .desired_width(f32::INFINITY),
    );
    let response = labelled_by_row(ui, response);
    let changed = response.changed().then_some(text);
    (response, changed)
}

/// Puts the cursor in the text field of `response` with all of its
/// `text` selected, so that typing replaces it.
pub fn focus_and_select_all(ui: &Ui, response: &Response, text: &str) {
    response.request_focus();
    let mut state = egui::text_edit::TextEditState::load(ui.ctx(), response.id).unwrap_or_default();
    let everything = egui::text::CCursorRange::two(
        egui::text::CCursor::new(0),
        egui::text::CCursor::new(text.chars().count()),
    );
    state.cursor.set_char_range(Some(everything));
    state.store(ui.ctx(), response.id);
}

/// A multi-line text field over a copy of `value`.
pub fn text_area(ui: &mut Ui, value: &str, hint: &str, rows: usize) -> (Response, Option<String>) {
    let mut text = value.to_owned();
    let response = ui.add(
        egui::TextEdit::multiline(&mut text)
            .hint_text(hint)
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    );
    let response = labelled_by_row(ui, response);
    let changed = response.changed().then_some(text);
    (response, changed)
}

/// A field whose text is parsed into a value, such as a date or a list of
/// tags. While the user types, the text is kept as typed (so "2024-0" or a
/// trailing comma survive); a text that does not parse is shown in red with
/// the reason as its tooltip. Returns the value when it parses to something
/// new.
pub fn parsed_field<T: PartialEq>(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    current: &T,
    width: f32,
    hint: &str,
    format: impl Fn(&T) -> String,
    parse: impl Fn(&str) -> Result<T, String>,
) -> (Response, Option<T>) {
    let id = ui.make_persistent_id(id_salt);
    let mut text: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| format(current));
    let problem = parse(&text).err();
    let mut edit = egui::TextEdit::singleline(&mut text)
        .id(id)
        .hint_text(hint)
        .desired_width(width);
    if problem.is_some() {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    // A fixed width is taken even in a grid column that was narrower last
    // frame (a text field would otherwise shrink to the column and never
    // grow); a field as wide as it can be just fills its place.
    let response = if width.is_finite() {
        ui.add_sized(egui::vec2(width, ui.spacing().interact_size.y), edit)
    } else {
        ui.add(edit)
    };
    let mut response = labelled_by_row(ui, response);
    if let Some(problem) = &problem {
        response = response.on_hover_text(problem);
    }
    let mut changed = None;
    // Enter ends the typing in the same frame as the last characters: the
    // field has lost its focus by now, and what was typed still counts.
    if (response.has_focus() || response.lost_focus())
        && let Ok(value) = parse(&text)
        && &value != current
    {
        changed = Some(value);
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text));
    } else {
        // Not being typed in: show the document's value again.
        ui.data_mut(|d| d.remove::<String>(id));
    }
    (response, changed)
}

/// A date typed as YYYY-MM-DD.
pub fn date_field(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    date: NaiveDate,
) -> (Response, Option<NaiveDate>) {
    parsed_field(
        ui,
        id_salt,
        &date,
        96.0,
        "YYYY-MM-DD",
        |date| date.format("%Y-%m-%d").to_string(),
        |text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| "Type a date as YYYY-MM-DD, e.g. 2024-03-15".to_string())
        },
    )
}

/// A filter's combo box: "Any …" or one of `all`, named `name` for screen
/// readers. Sets `current` when the user picks another.
pub fn optional_choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    name: &str,
    current: &mut Option<T>,
    all: &[T],
    any: &str,
    label: impl Fn(T) -> &'static str,
) {
    let options: Vec<Option<T>> = std::iter::once(None)
        .chain(all.iter().copied().map(Some))
        .collect();
    ui.name_inputs(name, |ui| {
        let (_, chosen) = choice(ui, name, *current, &options, |option| {
            option.map_or_else(|| any.to_string(), |value| label(value).to_string())
        });
        if let Some(chosen) = chosen {
            *current = chosen;
        }
    });
}

/// Tags typed as a comma-separated list.
pub fn tags_field(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    tags: &[String],
) -> (Response, Option<Vec<String>>) {
    parsed_field(
        ui,
        id_salt,
        &tags.to_vec(),
        f32::INFINITY,
        "comma-separated, e.g. h2-dri, first-mover",
        |tags| tags.join(", "),
        |text| Ok(parse_tags(text)),
    )
}

/// A combo box choosing one of `options`, labelled by their `label`.
pub fn choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    id_salt: impl egui::AsIdSalt,
    current: T,
    options: &[T],
    label: impl Fn(T) -> String,
) -> (Response, Option<T>) {
    let mut chosen = None;
    let response = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(label(current))
        .show_ui(ui, |ui| {
            for &option in options {
                if ui
                    .selectable_label(option == current, label(option))
                    .clicked()
                    && option != current
                {
                    chosen = Some(option);
                }
            }
        })
        .response;
    (response, chosen)
}

/// Tags typed as a comma-separated list.
pub fn parse_tags(text: &str) -> Vec<String> {
    text.split(',')
        .map(|tag| tag.trim().to_string())
        .filter(|tag| !tag.is_empty())
        .collect()
}

/// The hover card: who it is and how far it has moved.
pub fn stakeholder_card_ui(ui: &mut Ui, s: &Stakeholder, commitments: usize) {
    ui.horizontal(|ui| {
        super::palette::category_icon_ui(ui, s.category);
        ui.label(RichText::new(s.display_name()).strong());
    });
    ui.label(format!(
        "{} · {}",
        s.category,
        if s.region.is_empty() {
            "region not set"
        } else {
            &s.region
        }
    ));
    ui.label(format!("Stage: {}", s.stage()));
    ui.label(format!(
        "Influence {} · support {}",
        s.influence,
        crate::text::signed_score(s.support)
    ));
    ui.label(plural(commitments, "commitment", "commitments"));
}

/// A button that queues `command`: its label after `icon`, its help and
/// shortcut as the tooltip, the same words as in the menus.
pub fn command_button(
    ui: &mut Ui,
    out: &mut Outbox,
    icon: &str,
    command: Command,
    enabled: bool,
) -> Response {
    let tooltip = match command.shortcut() {
        Some(shortcut) => format!(
            "{} ({})",
            command.help(),
            ui.ctx().format_shortcut(&shortcut)
        ),
        None => command.help().to_string(),
    };
    let response = ui
        .add_enabled(
            enabled,
            egui::Button::new(format!("{icon} {}", command.label())),
        )
        .on_hover_text(tooltip);
    if response.clicked() {
        out.command(command);
    }
    response
}
