//! The commitments register: every commitment with its stakeholder, kind,
//! status, dates, quantity, metric and source. Sortable, filterable and
//! virtualised for 100,000 rows; selecting a row opens the commitment in the
//! inspector, where it is edited with its checks.

use std::cmp::Ordering;

use egui::Ui;
use egui_extras::Column;

use super::palette::{category_icon_ui, status_dot_ui};
use super::table_kit::{Sort, TableKind, TableTab, shown_count_ui};
use super::widgets::optional_choice;
use super::{Selection, ViewContext};
use crate::command::Command;
use crate::model::{
    Category, Commitment, CommitmentId, CommitmentKind, CommitmentStatus, Workspace,
};
use crate::text::format_quantity;

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
    pub sort: Sort<RegisterColumn>,
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
            sort: Sort {
                column: RegisterColumn::Made,
                ascending: false,
            },
        }
    }
}

/// Per-revision lookups: each commitment's stakeholder (index into the
/// stakeholders) and each metric's name.
#[derive(Debug)]
pub struct Lookup {
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

    /// The indices of the commitments shown, in display order: by the
    /// sorted column, then by place in the file (reversed with the column
    /// when sorting down).
    fn rows(&self, ws: &Workspace, lookup: &Lookup) -> Vec<usize> {
        let needle = self.text.trim().to_lowercase();
        let rows: Vec<usize> = (0..ws.commitments.len())
            .filter(|&i| self.keeps(ws, &ws.commitments[i], lookup.owner[i], &needle))
            .collect();
        let c = |i: usize| &ws.commitments[i];
        let name = |i: usize| lookup.owner[i].map(|o| ws.stakeholders[o].name.to_lowercase());
        let metric = |i: usize| {
            c(i).metric
                .and_then(|m| ws.roadmap.metric(m))
                .map(|m| m.name.to_lowercase())
        };
        let quantity = |i: usize| {
            c(i).quantity
                .as_ref()
                .map(|q| (q.unit.to_lowercase(), q.value))
        };
        let by_quantity = |a: &Option<(String, f64)>, b: &Option<(String, f64)>| match (a, b) {
            (Some((ua, va)), Some((ub, vb))) => ua.cmp(ub).then(va.total_cmp(vb)),
            (x, y) => x.is_some().cmp(&y.is_some()),
        };
        let sort = self.sort;
        match sort.column {
            RegisterColumn::Title => sorted(rows, sort, |i| c(i).title.to_lowercase(), Ord::cmp),
            RegisterColumn::Stakeholder => sorted(rows, sort, name, Ord::cmp),
            RegisterColumn::Kind => sorted(rows, sort, |i| c(i).kind, Ord::cmp),
            RegisterColumn::Status => sorted(rows, sort, |i| c(i).status(), Ord::cmp),
            RegisterColumn::Made => sorted(rows, sort, |i| c(i).made_on, Ord::cmp),
            RegisterColumn::Target => sorted(rows, sort, |i| c(i).target_year, Ord::cmp),
            RegisterColumn::Quantity => sorted(rows, sort, quantity, by_quantity),
            RegisterColumn::Metric => sorted(rows, sort, metric, Ord::cmp),
            RegisterColumn::Source => sorted(rows, sort, |i| c(i).source.clone(), Ord::cmp),
        }
    }
}

/// `rows` sorted by `key`, compared with `compare`, then by index; `sort`
/// says which way. Each row's key is read once, before sorting: comparing
/// straight from the commitments visited each of 100,000 records about
/// seventeen times, in no order the memory cache could follow.
fn sorted<K>(
    rows: Vec<usize>,
    sort: Sort<RegisterColumn>,
    key: impl Fn(usize) -> K,
    compare: impl Fn(&K, &K) -> Ordering,
) -> Vec<usize> {
    let mut keyed: Vec<(K, usize)> = rows.into_iter().map(|i| (key(i), i)).collect();
    // The index makes every pair of rows differ, so an unstable sort gives
    // the one order there is.
    keyed.sort_unstable_by(|(ka, a), (kb, b)| sort.apply(compare(ka, kb).then(a.cmp(b))));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// The commitments register tab.
pub type CommitmentRegister = TableTab<Commitments>;

/// The commitments as a [`TableKind`]: rows are indices into the
/// workspace's commitments, with each one's owner looked up once.
pub struct Commitments;

impl TableKind for Commitments {
    type Query = RegisterQuery;
    type Derived = Lookup;
    type Id = CommitmentId;
    const WHAT: &'static str = "commitment";
    const EMPTY: [&'static str; 2] = [
        "No commitments yet",
        "Select a stakeholder and press “Add commitment” to record its first target, pledge, offtake, financing, policy, project or R&D.",
    ];

    type Column = RegisterColumn;
    const COLUMNS: &'static [RegisterColumn] = &RegisterColumn::ALL;

    fn count(ws: &Workspace) -> usize {
        ws.commitments.len()
    }

    fn column_label(column: RegisterColumn) -> &'static str {
        column.label()
    }

    fn column_width(column: RegisterColumn) -> Column {
        match column {
            RegisterColumn::Title => Column::initial(200.0).at_least(100.0).clip(true),
            RegisterColumn::Stakeholder => Column::initial(150.0).at_least(80.0).clip(true),
            RegisterColumn::Kind => Column::initial(110.0).at_least(60.0).clip(true),
            RegisterColumn::Status => Column::initial(100.0).at_least(60.0).clip(true),
            RegisterColumn::Made => Column::initial(82.0).at_least(60.0),
            RegisterColumn::Target => Column::initial(52.0).at_least(40.0),
            RegisterColumn::Quantity => Column::initial(80.0).at_least(50.0).clip(true),
            RegisterColumn::Metric => Column::initial(120.0).at_least(60.0).clip(true),
            RegisterColumn::Source => Column::remainder().at_least(80.0).clip(true),
        }
    }

    fn sort(query: &mut RegisterQuery) -> &mut Sort<RegisterColumn> {
        &mut query.sort
    }

    fn id_at(ws: &Workspace, index: usize) -> CommitmentId {
        ws.commitments[index].id
    }

    fn selected(selection: &Selection) -> Option<CommitmentId> {
        selection.commitment
    }

    /// Selects the commitment and its stakeholder, so the inspector opens
    /// it.
    fn select(cx: &mut ViewContext<'_>, index: usize) {
        let c = &cx.ws.commitments[index];
        cx.selection.select_stakeholder(c.stakeholder);
        cx.selection.commitment = Some(c.id);
    }

    const DELETE: Command = Command::DeleteCommitment;

    fn column_key(column: RegisterColumn) -> &'static str {
        match column {
            RegisterColumn::Title => "title",
            RegisterColumn::Stakeholder => "stakeholder",
            RegisterColumn::Kind => "kind",
            RegisterColumn::Status => "status",
            RegisterColumn::Made => "made",
            RegisterColumn::Target => "target",
            RegisterColumn::Quantity => "quantity",
            RegisterColumn::Metric => "metric",
            RegisterColumn::Source => "source",
        }
    }

    fn cell_ui(ui: &mut Ui, ws: &Workspace, lookup: &Lookup, index: usize, column: RegisterColumn) {
        let Some(c) = ws.commitments.get(index) else {
            return;
        };
        let owner = lookup
            .owner
            .get(index)
            .copied()
            .flatten()
            .and_then(|o| ws.stakeholders.get(o));
        cell_ui(ui, ws, c, owner, column);
    }

    fn derive(ws: &Workspace) -> Lookup {
        Lookup::new(ws)
    }

    fn rows(query: &RegisterQuery, ws: &Workspace, lookup: &Lookup) -> Vec<usize> {
        query.rows(ws, lookup)
    }

    fn clear_filters(query: &mut RegisterQuery) {
        *query = RegisterQuery {
            sort: query.sort,
            ..RegisterQuery::default()
        };
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
            if delete.clicked() && selected.is_some() {
                cx.out.command(Command::DeleteCommitment);
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

/// One commitment's cell in `column`.
fn cell_ui(
    ui: &mut Ui,
    ws: &Workspace,
    c: &Commitment,
    owner: Option<&crate::model::Stakeholder>,
    column: RegisterColumn,
) {
    match column {
        RegisterColumn::Title => {
            ui.label(&c.title);
        }
        RegisterColumn::Stakeholder => {
            if let Some(owner) = owner {
                category_icon_ui(ui, owner.category);
                ui.label(&owner.name);
            }
        }
        RegisterColumn::Kind => {
            ui.label(c.kind.label());
        }
        RegisterColumn::Status => {
            status_dot_ui(ui, c.status());
            ui.label(c.status().label())
                .on_hover_text(format!("since {}", c.status_since()));
        }
        RegisterColumn::Made => {
            ui.label(c.made_on.to_string());
        }
        RegisterColumn::Target => {
            ui.label(c.target_year.map_or(String::new(), |y| y.to_string()));
        }
        RegisterColumn::Quantity => {
            if let Some(q) = &c.quantity {
                ui.label(format!("{} {}", format_quantity(q.value), q.unit));
            }
        }
        RegisterColumn::Metric => {
            if let Some(m) = c.metric.and_then(|m| ws.roadmap.metric(m)) {
                ui.label(&m.name);
            }
        }
        RegisterColumn::Source => {
            let source = c.source.trim();
            if source.starts_with("https://") || source.starts_with("http://") {
                ui.hyperlink_to(source, source);
            } else {
                ui.label(source);
            }
        }
    }
}
