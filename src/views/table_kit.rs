//! What the tables share: the flow of a table tab ([`TableTab`]), sortable
//! headers, keyboard navigation and scrolling to the selection.

use egui::{Key, Modifiers, RichText, Ui};

use super::{Selection, ViewContext};
use crate::analysis::Cached;
use crate::command::Command;
use crate::model::Workspace;

/// A table's sort order: a column, up or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort<C> {
    pub column: C,
    pub ascending: bool,
}

impl<C> Sort<C> {
    /// `ordering` (ascending) turned the way the table is sorted.
    pub fn apply(&self, ordering: std::cmp::Ordering) -> std::cmp::Ordering {
        if self.ascending {
            ordering
        } else {
            ordering.reverse()
        }
    }
}

/// A header cell that sorts by `column` when clicked, and reverses the order
/// when clicked again; the sorted column shows ⏶ or ⏷.
pub fn sort_header_ui<C: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    column: C,
    sort: &mut Sort<C>,
) {
    let Sort {
        column: sorted,
        ascending,
    } = sort;
    let arrow = match (*sorted == column, *ascending) {
        (true, true) => " ⏶",
        (true, false) => " ⏷",
        _ => "",
    };
    let response = ui
        .add(egui::Button::new(RichText::new(format!("{label}{arrow}")).strong()).frame(false))
        .on_hover_text(format!("Sort by {}", label.to_lowercase()));
    if response.clicked() {
        if *sorted == column {
            *ascending = !*ascending;
        } else {
            *sorted = column;
            *ascending = true;
        }
    }
}

/// Whether no text field has the keyboard and nothing is in front of the
/// table (a dialog), so plain keys belong to the table.
pub fn keyboard_is_free(ui: &Ui) -> bool {
    ui.ctx()
        .memory(|m| m.focused().is_none() && m.allows_interaction(ui.layer_id()))
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

/// Below a table tab's toolbar: the table, scrolled sideways when its
/// columns do not fit (a narrow window, a projector zoom), or, when the
/// filters keep no `what`, a message with a way out. Returns true when
/// "Clear filters" was clicked.
pub fn rows_ui(ui: &mut Ui, what: &str, is_empty: bool, table: impl FnOnce(&mut Ui)) -> bool {
    if is_empty {
        ui.add_space(12.0);
        ui.label(RichText::new(format!("No {what} matches these filters.")).weak());
        return ui.button("Clear filters").clicked();
    }
    egui::ScrollArea::horizontal()
        .id_salt("table-columns")
        .show(ui, table);
    false
}

/// What makes one table tab differ from another: its records, its query,
/// the data derived once per revision, its toolbar and how rows are drawn.
/// The tab's flow (toolbar, empty state, derive, filter and sort, keyboard,
/// draw, "Clear filters") is [`TableTab::ui`], the same for every table.
pub trait TableKind {
    /// Filters and sort order, from the toolbar.
    type Query: Clone + PartialEq + Default;
    /// Looked up by every row, computed once per revision.
    type Derived;
    type Id: Copy + PartialEq;
    /// What a row is, for messages: "stakeholder".
    const WHAT: &'static str;
    /// The heading and the hint shown while there are no records at all.
    const EMPTY: [&'static str; 2];
    /// How many records there are, shown or not.
    fn count(ws: &Workspace) -> usize;
    fn derive(ws: &Workspace) -> Self::Derived;
    /// The indices of the records shown, in display order.
    fn rows(query: &Self::Query, ws: &Workspace, derived: &Self::Derived) -> Vec<usize>;
    /// A sortable column.
    type Column: Copy + PartialEq + 'static;
    /// The columns, in display order.
    const COLUMNS: &'static [Self::Column];
    fn column_label(column: Self::Column) -> &'static str;
    /// The column's name in the preferences, which never changes.
    fn column_key(column: Self::Column) -> &'static str;
    /// The column's starting width and limits.
    fn column_width(column: Self::Column) -> egui_extras::Column;
    fn sort(query: &mut Self::Query) -> &mut Sort<Self::Column>;
    /// The id of the record at `index` in the workspace's list.
    fn id_at(ws: &Workspace, index: usize) -> Self::Id;
    fn selected(selection: &Selection) -> Option<Self::Id>;
    /// Selects the record at `index` (a click or an arrow key).
    fn select(cx: &mut ViewContext<'_>, index: usize);
    /// The command that deletes the selected record.
    const DELETE: Command;
    /// Enter on the selected record; nothing unless a table says otherwise.
    fn edit(_cx: &mut ViewContext<'_>, _id: Self::Id) {}
    /// The cell of the record at `index` in `column`.
    fn cell_ui(
        ui: &mut Ui,
        ws: &Workspace,
        derived: &Self::Derived,
        index: usize,
        column: Self::Column,
    );
    /// Back to every record, in the same order.
    fn clear_filters(query: &mut Self::Query);
    /// The buttons and filters above the table; `shown` is how many rows
    /// the filters kept last time.
    fn toolbar_ui(
        ui: &mut Ui,
        cx: &mut ViewContext<'_>,
        query: &mut Self::Query,
        shown: Option<usize>,
    );
}

/// The "Columns" menu: which columns the table shows, and in what order.
fn columns_menu_ui<T: TableKind>(ui: &mut Ui, columns: &mut Vec<T::Column>) {
    let button = ui
        .button("Columns ⏷")
        .on_hover_text("Choose and order the columns (remembered)");
    // Open while ticking and moving several.
    egui::Popup::menu(&button)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            ui.label(RichText::new("Shown, in this order").weak());
            for &column in T::COLUMNS {
                let at = columns.iter().position(|&c| c == column);
                ui.horizontal(|ui| {
                    let mut shown = at.is_some();
                    // The first column names the record: always shown.
                    let enabled = Some(column) != T::COLUMNS.first().copied();
                    if ui
                        .add_enabled(
                            enabled,
                            egui::Checkbox::new(&mut shown, T::column_label(column)),
                        )
                        .changed()
                    {
                        match at {
                            Some(at) => {
                                columns.remove(at);
                            }
                            None => columns.push(column),
                        }
                    }
                    if let Some(at) = at {
                        let label = T::column_label(column);
                        if ui
                            .add_enabled(at > 0, egui::Button::new("⏶").small())
                            .accessible_name(format!("Move the {label} column left"))
                            .clicked()
                        {
                            columns.swap(at, at - 1);
                        }
                        if ui
                            .add_enabled(at + 1 < columns.len(), egui::Button::new("⏷").small())
                            .accessible_name(format!("Move the {label} column right"))
                            .clicked()
                        {
                            columns.swap(at, at + 1);
                        }
                    }
                });
            }
            if columns.as_slice() != T::COLUMNS
                && ui.button("All columns, in the usual order").clicked()
            {
                *columns = T::COLUMNS.to_vec();
            }
        });
}

/// A table tab's state: its query and its cached rows.
pub struct TableTab<T: TableKind> {
    pub query: T::Query,
    /// The columns shown, in order.
    columns: Vec<T::Column>,
    derived: Cached<u64, T::Derived>,
    rows: Cached<(u64, T::Query), Vec<usize>>,
    scroll: SelectionScroll<T::Id>,
}

impl<T: TableKind> Default for TableTab<T> {
    fn default() -> Self {
        Self {
            query: T::Query::default(),
            columns: T::COLUMNS.to_vec(),
            derived: Cached::default(),
            rows: Cached::default(),
            scroll: SelectionScroll::default(),
        }
    }
}

impl<T: TableKind> std::fmt::Debug for TableTab<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableTab")
            .field("shown", &self.shown())
            .finish_non_exhaustive()
    }
}

impl<T: TableKind> TableTab<T> {
    /// The columns shown, in order, by their keys (for the preferences).
    pub fn column_keys(&self) -> Vec<String> {
        self.columns
            .iter()
            .map(|&c| T::column_key(c).to_string())
            .collect()
    }

    /// Shows the columns named by `keys`, in that order; unknown keys are
    /// skipped, and the first column is always there.
    pub fn set_column_keys(&mut self, keys: &[String]) {
        let mut columns: Vec<T::Column> = keys
            .iter()
            .filter_map(|key| {
                T::COLUMNS
                    .iter()
                    .copied()
                    .find(|&c| T::column_key(c) == key)
            })
            .collect();
        columns.dedup();
        if let Some(&first) = T::COLUMNS.first()
            && !columns.contains(&first)
        {
            columns.insert(0, first);
        }
        self.columns = columns;
    }

    /// How many rows the last query kept, for the toolbar's count.
    pub fn shown(&self) -> Option<usize> {
        self.rows.last().map(Vec::len)
    }

    /// The whole tab: the toolbar, then the rows (computed again only when
    /// the workspace or the query changed), the keyboard and the table, or
    /// a message when there is nothing to show.
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let shown = self.shown();
        ui.horizontal_top(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                columns_menu_ui::<T>(ui, &mut self.columns);
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Min), |ui| {
                    ui.vertical(|ui| T::toolbar_ui(ui, cx, &mut self.query, shown));
                });
            });
        });
        ui.add_space(4.0);
        let ws = cx.ws;
        if T::count(ws) == 0 {
            let [heading, hint] = T::EMPTY;
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new(heading).heading());
                ui.label(hint);
            });
            return;
        }
        let derived = self.derived.get(cx.revision, || T::derive(ws));
        let query = &self.query;
        let rows = self
            .rows
            .get((cx.revision, query.clone()), || T::rows(query, ws, derived));
        let (query, scroll) = (&mut self.query, &mut self.scroll);
        let columns = &self.columns;
        let cleared = rows_ui(ui, T::WHAT, rows.is_empty(), |ui| {
            keyboard::<T>(ui, cx, rows);
            table_ui::<T>(ui, cx, rows, derived, columns, T::sort(query), scroll);
        });
        if cleared {
            T::clear_filters(&mut self.query);
        }
    }
}

/// Up/Down/Home/End select another record, Delete deletes the selected one
/// (one undo step), Enter edits it.
fn keyboard<T: TableKind>(ui: &Ui, cx: &mut ViewContext<'_>, rows: &[usize]) {
    let ws = cx.ws;
    let selected = T::selected(cx.selection);
    let current = row_of(rows, selected, |i| T::id_at(ws, i));
    match (row_key(ui, current, rows.len()), selected) {
        (Some(RowKey::Select(row)), _) => T::select(cx, rows[row]),
        (Some(RowKey::Delete), Some(_)) => cx.out.command(T::DELETE),
        (Some(RowKey::Edit), Some(id)) => T::edit(cx, id),
        _ => {}
    }
}

/// The table: sortable headers, virtualised rows (only those on screen are
/// drawn), the selected row highlighted and scrolled to when it was
/// selected elsewhere.
fn table_ui<T: TableKind>(
    ui: &mut Ui,
    cx: &mut ViewContext<'_>,
    rows: &[usize],
    derived: &T::Derived,
    columns: &[T::Column],
    sort: &mut Sort<T::Column>,
    scroll: &mut SelectionScroll<T::Id>,
) {
    let ws = cx.ws;
    let selected = T::selected(cx.selection);
    let row_height = row_height(ui);
    let scroll_to = scroll.row_to_show(selected, || row_of(rows, selected, |i| T::id_at(ws, i)));
    // Widths are kept per set of columns: another set starts afresh.
    let keys: Vec<&str> = columns.iter().map(|&c| T::column_key(c)).collect();
    let mut table = table_builder(ui, &format!("{}:{}", T::WHAT, keys.join(",")));
    for &column in columns {
        table = table.column(T::column_width(column));
    }
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    let mut clicked = None;
    table
        .header(row_height + 4.0, |mut header| {
            for &column in columns {
                header.col(|ui| sort_header_ui(ui, T::column_label(column), column, sort));
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let index = rows[row.index()];
                row.set_selected(selected.is_some_and(|id| id == T::id_at(ws, index)));
                for &column in columns {
                    row.col(|ui| T::cell_ui(ui, ws, derived, index, column));
                }
                if row.response().clicked() {
                    clicked = Some(index);
                }
            });
        });
    if let Some(index) = clicked {
        T::select(cx, index);
        // Clicked here, so already in view: no scrolling.
        scroll.clicked(T::id_at(ws, index));
    }
}
