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

/// What a key pressed over a table asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKey {
    /// Up/Down/Home/End: select the record in this row.
    Select(usize),
    /// Delete: delete the selected record.
    Delete,
    /// Enter: edit the selected record.
    Edit,
}

/// The key pressed over a table whose selected record is in row `current`
/// (if shown), among `len` rows. Only while no text field has the keyboard.
pub fn row_key(ui: &Ui, current: Option<usize>, len: usize) -> Option<RowKey> {
    if !keyboard_is_free(ui) {
        return None;
    }
    if let Some(row) = row_navigation(ui, current, len) {
        Some(RowKey::Select(row))
    } else if take_key(ui, Key::Delete) {
        Some(RowKey::Delete)
    } else if take_key(ui, Key::Enter) {
        Some(RowKey::Edit)
    } else {
        None
    }
}

/// The row, among `rows` (indices into the workspace's list), of the
/// record `selected`, if it is shown. `id_at` gives the id at an index.
pub fn row_of<Id: PartialEq>(
    rows: &[usize],
    selected: Option<Id>,
    id_at: impl Fn(usize) -> Id,
) -> Option<usize> {
    let selected = selected?;
    rows.iter().position(|&i| id_at(i) == selected)
}

/// Remembers which selection a table last showed, so that a record
/// selected elsewhere (the map, the side list) is scrolled into view once,
/// and one clicked in the table is not scrolled at all.
#[derive(Debug)]
pub struct SelectionScroll<Id> {
    shown: Option<Id>,
}

impl<Id> Default for SelectionScroll<Id> {
    fn default() -> Self {
        Self { shown: None }
    }
}

impl<Id: Copy + PartialEq> SelectionScroll<Id> {
    /// The row to scroll to this frame: `selected`'s, if it changed since
    /// the last frame.
    pub fn row_to_show(
        &mut self,
        selected: Option<Id>,
        row: impl FnOnce() -> Option<usize>,
    ) -> Option<usize> {
        if selected == self.shown {
            return None;
        }
        self.shown = selected;
        row()
    }

    /// A record was clicked in the table: it is in view already.
    pub fn clicked(&mut self, id: Id) {
        self.shown = Some(id);
    }
}

/// "12 of 40": how many records the filters keep.
pub fn shown_count_ui(ui: &mut Ui, shown: Option<usize>, total: usize) {
    if let Some(shown) = shown {
        ui.label(RichText::new(format!("{shown} of {total}")).weak());
    }
}

/// The message for filters that keep nothing, with a way out. Returns true
/// when "Clear filters" was clicked.
pub fn no_match_ui(ui: &mut Ui, what: &str) -> bool {
    ui.add_space(12.0);
    ui.label(RichText::new(format!("No {what} matches these filters.")).weak());
    ui.button("Clear filters").clicked()
}
