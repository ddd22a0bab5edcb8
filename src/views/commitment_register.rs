//! The commitments register: every commitment with its stakeholder, kind,
//! status, dates, quantity, metric and source. Sortable, filterable and
//! virtualised for 100,000 rows; selecting a row opens the commitment in the
//! inspector, where it is edited with its checks.

use std::cmp::Ordering;

use egui::{RichText, Ui};
use egui_extras::Column;

use super::ViewContext;
use super::format::format_quantity;
use super::palette::{category_icon_ui, status_dot_ui};
use super::table_kit::{
    RowKey, SelectionScroll, no_match_ui, row_height, row_key, row_of, shown_count_ui,
    sort_header_ui, table_builder,
};
use super::widgets::optional_choice;
use crate::analysis::Cached;
use crate::command::Command;
use crate::edit::Edit;
use crate::model::{
    Category, Commitment, CommitmentId, CommitmentKind, CommitmentStatus, Workspace,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegisterColumn {
    Title,
    Stakeholder,
    Kind,
    Status,
    Made,
    Target,
    Quantity,
    Metric,
    Source,
}

impl RegisterColumn {
    const ALL: [RegisterColumn; 9] = [
        RegisterColumn::Title,
        RegisterColumn::Stakeholder,
        RegisterColumn::Kind,
        RegisterColumn::Status,
        RegisterColumn::Made,
        RegisterColumn::Target,
        RegisterColumn::Quantity,
        RegisterColumn::Metric,
        RegisterColumn::Source,
    ];

    fn label(self) -> &'static str {
        match self {
            RegisterColumn::Title => "Commitment",
            RegisterColumn::Stakeholder => "Stakeholder",
            RegisterColumn::Kind => "Kind",
            RegisterColumn::Status => "Status",
            RegisterColumn::Made => "Made",
            RegisterColumn::Target => "Target",
            RegisterColumn::Quantity => "Quantity",
            RegisterColumn::Metric => "Metric",
            RegisterColumn::Source => "Source",
        }
    }
}

/// The register's filters and sort order.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterQuery {
    pub text: String,
    pub kind: Option<CommitmentKind>,
    pub status: Option<CommitmentStatus>,
    pub category: Option<Category>,
    /// Made in these years, both included.
    pub from_year: i32,
    pub to_year: i32,
    pub sort: RegisterColumn,
    pub ascending: bool,
}

impl Default for RegisterQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            kind: None,
            status: None,
            category: None,
            from_year: 1990,
            to_year: 2100,
            sort: RegisterColumn::Made,
            ascending: false,
        }
    }
}

/// Per-revision lookups: each commitment's stakeholder (index into the
/// stakeholders) and each metric's name.
#[derive(Debug)]
struct Lookup {
    owner: Vec<Option<usize>>,
}

impl Lookup {
    fn new(ws: &Workspace) -> Self {
        let index = ws.stakeholder_index();
        Self {
            owner: ws
                .commitments
                .iter()
                .map(|c| index.get(c.stakeholder))
                .collect(),
        }
    }
}

impl RegisterQuery {
    fn keeps(&self, ws: &Workspace, c: &Commitment, owner: Option<usize>, needle: &str) -> bool {
        let year = chrono::Datelike::year(&c.made_on);
        let owner = owner.map(|i| &ws.stakeholders[i]);
        self.kind.is_none_or(|k| k == c.kind)
            && self.status.is_none_or(|s| s == c.status())
            && self
                .category
                .is_none_or(|cat| owner.is_some_and(|o| o.category == cat))
            && (self.from_year..=self.to_year).contains(&year)
            && (needle.is_empty()
                || c.title.to_lowercase().contains(needle)
                || c.source.to_lowercase().contains(needle)
                || owner.is_some_and(|o| o.name.to_lowercase().contains(needle)))
    }

    fn compare(&self, ws: &Workspace, lookup: &Lookup, a: usize, b: usize) -> Ordering {
        let (ca, cb) = (&ws.commitments[a], &ws.commitments[b]);
        let name = |i: usize| lookup.owner[i].map(|o| ws.stakeholders[o].name.to_lowercase());
        let metric = |c: &Commitment| {
            c.metric
                .and_then(|m| ws.roadmap.metric(m))
                .map(|m| m.name.to_lowercase())
        };
        let primary = match self.sort {
            RegisterColumn::Title => ca.title.to_lowercase().cmp(&cb.title.to_lowercase()),
            RegisterColumn::Stakeholder => name(a).cmp(&name(b)),
            RegisterColumn::Kind => ca.kind.cmp(&cb.kind),
            RegisterColumn::Status => ca.status().cmp(&cb.status()),
            RegisterColumn::Made => ca.made_on.cmp(&cb.made_on),
            RegisterColumn::Target => ca.target_year.cmp(&cb.target_year),
            RegisterColumn::Quantity => {
                let q = |c: &Commitment| {
                    c.quantity
                        .as_ref()
                        .map(|q| (q.unit.to_lowercase(), q.value))
                };
                match (q(ca), q(cb)) {
                    (Some((ua, va)), Some((ub, vb))) => ua.cmp(&ub).then(va.total_cmp(&vb)),
                    (x, y) => x.is_some().cmp(&y.is_some()),
                }
            }
            RegisterColumn::Metric => metric(ca).cmp(&metric(cb)),
            RegisterColumn::Source => ca.source.cmp(&cb.source),
        };
        let ordering = primary.then(a.cmp(&b));
        if self.ascending {
            ordering
        } else {
            ordering.reverse()
        }
    }

    /// The indices of the commitments shown, in display order.
    fn rows(&self, ws: &Workspace, lookup: &Lookup) -> Vec<usize> {
        let needle = self.text.trim().to_lowercase();
        let mut rows: Vec<usize> = (0..ws.commitments.len())
            .filter(|&i| self.keeps(ws, &ws.commitments[i], lookup.owner[i], &needle))
            .collect();
        rows.sort_by(|&a, &b| self.compare(ws, lookup, a, b));
        rows
    }
}

/// The commitments register tab.
#[derive(Debug, Default)]
pub struct CommitmentRegister {
    pub query: RegisterQuery,
    /// Each commitment's owner, for the revision it was made for.
    lookup: Cached<u64, Lookup>,
    /// The rows shown (indices into the commitments), for a revision and a
    /// query.
    rows: Cached<(u64, RegisterQuery), Vec<usize>>,
    scroll: SelectionScroll<CommitmentId>,
}

impl CommitmentRegister {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let shown = self.rows.last().map(Vec::len);
        toolbar_ui(ui, cx, &mut self.query, shown);
        ui.add_space(4.0);
        if cx.ws.commitments.is_empty() {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("No commitments yet").heading());
                ui.label("Select a stakeholder and press “Add commitment” to record its first target, pledge, offtake, financing, policy, project or R&D.");
            });
            return;
        }
        let ws = cx.ws;
        let lookup = self.lookup.get(cx.revision, || Lookup::new(ws));
        let query = &self.query;
        let rows = self
            .rows
            .get((cx.revision, query.clone()), || query.rows(ws, lookup));
        if rows.is_empty() {
            if no_match_ui(ui, "commitment") {
                self.query.clear_filters();
            }
            return;
        }
        keyboard(ui, cx, rows);
        let (query, scroll) = (&mut self.query, &mut self.scroll);
        // Narrow windows (or a projector zoom) scroll the columns sideways.
        egui::ScrollArea::horizontal()
            .id_salt("table-columns")
            .show(ui, |ui| table_ui(ui, cx, rows, lookup, query, scroll));
    }
}

impl RegisterQuery {
    /// Back to every commitment, in the same order.
    fn clear_filters(&mut self) {
        *self = RegisterQuery {
            sort: self.sort,
            ascending: self.ascending,
            ..RegisterQuery::default()
        };
    }
}

fn toolbar_ui(
    ui: &mut Ui,
    cx: &mut ViewContext<'_>,
    query: &mut RegisterQuery,
    shown: Option<usize>,
) {
    ui.horizontal_wrapped(|ui| {
        let owner = cx
            .selection
            .stakeholder
            .and_then(|id| cx.ws.stakeholder(id));
        let label = owner.map_or("➕ Add commitment".to_string(), |o| {
            format!("➕ Add commitment for {}", o.name)
        });
        let add = ui
            .add_enabled(owner.is_some(), egui::Button::new(label))
            .on_hover_text(Command::AddCommitment.help())
            .on_disabled_hover_text("Select a stakeholder first (in the list or another tab)");
        if add.clicked() {
            cx.out.command(Command::AddCommitment);
        }
        let selected = cx
            .selection
            .commitment
            .filter(|&id| cx.ws.commitment(id).is_some());
        let delete = ui
            .add_enabled(selected.is_some(), egui::Button::new("🗑 Delete"))
            .on_hover_text("Delete the selected commitment (Delete key; undo with Ctrl+Z)");
        if let (true, Some(id)) = (delete.clicked(), selected) {
            cx.out.push(Edit::DeleteCommitment(id));
        }
        ui.add(
            egui::TextEdit::singleline(&mut query.text)
                .hint_text("🔍 Filter title, stakeholder, source")
                .desired_width(200.0),
        )
        .accessible_name("Filter commitments by text");
        optional_choice(
            ui,
            "Filter by kind",
            &mut query.kind,
            CommitmentKind::ALL,
            "Any kind",
            CommitmentKind::label,
        );
        optional_choice(
            ui,
            "Filter by status",
            &mut query.status,
            CommitmentStatus::ALL,
            "Any status",
            CommitmentStatus::label,
        );
        optional_choice(
            ui,
            "Filter by category",
            &mut query.category,
            Category::ALL,
            "Any category",
            Category::label,
        );
        years_ui(ui, query);
        shown_count_ui(ui, shown, cx.ws.commitments.len());
    });
}

/// The range of years the commitments were made in.
fn years_ui(ui: &mut Ui, query: &mut RegisterQuery) {
    ui.label("Made");
    ui.add(
        egui::DragValue::new(&mut query.from_year)
            .range(1990..=2100)
            .speed(0.2),
    )
    .accessible_name("Made from year");
    ui.label("to");
    ui.add(
        egui::DragValue::new(&mut query.to_year)
            .range(1990..=2100)
            .speed(0.2),
    )
    .accessible_name("Made until year");
    if query.to_year < query.from_year {
        query.to_year = query.from_year;
    }
}

/// Up/Down/Home/End select another commitment; Delete removes the selected
/// one.
fn keyboard(ui: &Ui, cx: &mut ViewContext<'_>, rows: &[usize]) {
    let ws = cx.ws;
    let current = row_of(rows, cx.selection.commitment, |i| ws.commitments[i].id);
    match (row_key(ui, current, rows.len()), cx.selection.commitment) {
        (Some(RowKey::Select(row)), _) => select(cx, &ws.commitments[rows[row]]),
        (Some(RowKey::Delete), Some(id)) => cx.out.push(Edit::DeleteCommitment(id)),
        _ => {}
    }
}

fn table_ui(
    ui: &mut Ui,
    cx: &mut ViewContext<'_>,
    rows: &[usize],
    lookup: &Lookup,
    query: &mut RegisterQuery,
    scroll: &mut SelectionScroll<CommitmentId>,
) {
    let ws = cx.ws;
    let row_height = row_height(ui);
    let scroll_to = scroll.row_to_show(cx.selection.commitment, || {
        row_of(rows, cx.selection.commitment, |i| ws.commitments[i].id)
    });
    let mut table = table_builder(ui, "commitment-register")
        .column(Column::initial(200.0).at_least(100.0).clip(true))
        .column(Column::initial(150.0).at_least(80.0).clip(true))
        .column(Column::initial(110.0).at_least(60.0).clip(true))
        .column(Column::initial(100.0).at_least(60.0).clip(true))
        .column(Column::initial(82.0).at_least(60.0))
        .column(Column::initial(52.0).at_least(40.0))
        .column(Column::initial(80.0).at_least(50.0).clip(true))
        .column(Column::initial(120.0).at_least(60.0).clip(true))
        .column(Column::remainder().at_least(80.0).clip(true));
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    let mut clicked = None;
    table
        .header(row_height + 4.0, |mut header| {
            for column in RegisterColumn::ALL {
                header.col(|ui| {
                    sort_header_ui(
                        ui,
                        column.label(),
                        column,
                        &mut query.sort,
                        &mut query.ascending,
                    );
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let index = rows[row.index()];
                let c = &ws.commitments[index];
                let owner = lookup
                    .owner
                    .get(index)
                    .copied()
                    .flatten()
                    .map(|o| &ws.stakeholders[o]);
                row.set_selected(cx.selection.commitment == Some(c.id));
                row_ui(&mut row, ws, c, owner);
                if row.response().clicked() {
                    clicked = Some(index);
                }
            });
        });
    if let Some(index) = clicked {
        let c = &ws.commitments[index];
        select(cx, c);
        // Clicked here, so already in view: no scrolling.
        scroll.clicked(c.id);
    }
}

fn select(cx: &mut ViewContext<'_>, c: &Commitment) {
    cx.selection.select_stakeholder(c.stakeholder);
    cx.selection.commitment = Some(c.id);
}

/// One commitment's cells, in column order.
fn row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    ws: &Workspace,
    c: &Commitment,
    owner: Option<&crate::model::Stakeholder>,
) {
    row.col(|ui| {
        ui.label(&c.title);
    });
    row.col(|ui| {
        if let Some(owner) = owner {
            category_icon_ui(ui, owner.category);
            ui.label(&owner.name);
        }
    });
    row.col(|ui| {
        ui.label(c.kind.label());
    });
    row.col(|ui| {
        status_dot_ui(ui, c.status());
        ui.label(c.status().label())
            .on_hover_text(format!("since {}", c.status_since()));
    });
    row.col(|ui| {
        ui.label(c.made_on.to_string());
    });
    row.col(|ui| {
        ui.label(c.target_year.map_or(String::new(), |y| y.to_string()));
    });
    row.col(|ui| {
        if let Some(q) = &c.quantity {
            ui.label(format!("{} {}", format_quantity(q.value), q.unit));
        }
    });
    row.col(|ui| {
        if let Some(m) = c.metric.and_then(|m| ws.roadmap.metric(m)) {
            ui.label(&m.name);
        }
    });
    row.col(|ui| {
        let source = c.source.trim();
        if source.starts_with("https://") || source.starts_with("http://") {
            ui.hyperlink_to(source, source);
        } else {
            ui.label(source);
        }
    });
}
