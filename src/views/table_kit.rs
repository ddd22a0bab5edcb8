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
