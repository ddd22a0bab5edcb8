//! What the tables share: sortable headers and keyboard navigation.

use egui::{Key, Modifiers, RichText, Ui};

/// A header cell that sorts by `column` when clicked, and reverses the order
/// when clicked again; the sorted column shows ⏶ or ⏷.
pub fn sort_header_ui<C: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    column: C,
    sort: &mut C,
    ascending: &mut bool,
) {
    let arrow = match (*sort == column, *ascending) {
        (true, true) => " ⏶",
        (true, false) => " ⏷",
        _ => "",
    };
    let response = ui
        .add(egui::Button::new(RichText::new(format!("{label}{arrow}")).strong()).frame(false))
        .on_hover_text(format!("Sort by {}", label.to_lowercase()));
    if response.clicked() {
        if *sort == column {
            *ascending = !*ascending;
        } else {
            *sort = column;
            *ascending = true;
        }
    }
}

/// Whether no text field has the keyboard, so plain keys belong to the table.
pub fn keyboard_is_free(ui: &Ui) -> bool {
    ui.ctx().memory(|m| m.focused().is_none())
}

/// Takes a press of `key` without modifiers out of the input.
pub fn take_key(ui: &Ui, key: Key) -> bool {
    ui.input_mut(|i| i.consume_key(Modifiers::NONE, key))
}

/// The row Up/Down/Home/End move to, from `current`, among `len` rows.
pub fn row_navigation(ui: &Ui, current: Option<usize>, len: usize) -> Option<usize> {
    let last = len.checked_sub(1)?;
    if take_key(ui, Key::ArrowDown) {
        Some(current.map_or(0, |p| (p + 1).min(last)))
    } else if take_key(ui, Key::ArrowUp) {
        Some(current.map_or(0, |p| p.saturating_sub(1)))
    } else if take_key(ui, Key::Home) {
        Some(0)
    } else if take_key(ui, Key::End) {
        Some(last)
    } else {
        None
    }
}

/// The height of a table row: a widget's height, or the text's if larger
/// (at a projector zoom).
pub fn row_height(ui: &Ui) -> f32 {
    ui.spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body) + 4.0)
}

/// A striped, resizable table whose rows are picked by a click anywhere on
/// them (not by selecting their text).
pub fn table_builder<'a>(ui: &'a mut Ui, id_salt: &str) -> egui_extras::TableBuilder<'a> {
    ui.style_mut().interaction.selectable_labels = false;
    egui_extras::TableBuilder::new(ui)
        .id_salt(id_salt)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false])
}
