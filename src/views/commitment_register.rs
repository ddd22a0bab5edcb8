//! The commitments register: every commitment with its stakeholder, kind,
//! status, dates, quantity, metric and source. Sortable, filterable and
//! virtualised for 100,000 rows; selecting a row opens the commitment in the
//! inspector, where it is edited with its checks.

use std::cmp::Ordering;

use egui::{Key, RichText, Ui};
use egui_extras::Column;

use super::ViewContext;
use super::format::format_quantity;
use super::palette::{category_icon_ui, status_dot_ui};
use super::table_kit::{
    keyboard_is_free, row_height, row_navigation, sort_header_ui, table_builder, take_key,
};
use super::widgets::choice;
use crate::command::Command;
use crate::edit::Edit;
use crate::model::{Category, Commitment, CommitmentKind, CommitmentStatus, Workspace};

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
        let index: std::collections::HashMap<_, _> = ws
            .stakeholders
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        Self {
            owner: ws
                .commitments
                .iter()
                .map(|c| index.get(&c.stakeholder).copied())
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

#[derive(Debug)]
struct Cache {
    revision: u64,
    query: RegisterQuery,
    lookup: Lookup,
    rows: Vec<usize>,
}

/// The commitments register tab.
#[derive(Debug, Default)]
pub struct CommitmentRegister {
    pub query: RegisterQuery,
    cache: Option<Cache>,
    shown_selection: Option<crate::model::CommitmentId>,
}

impl CommitmentRegister {
    fn refresh(&mut self, cx: &ViewContext<'_>) {
        let stale_lookup = self
            .cache
            .as_ref()
            .is_none_or(|c| c.revision != cx.revision);
        if !stale_lookup && self.cache.as_ref().is_some_and(|c| c.query == self.query) {
            return;
        }
        let lookup = match self.cache.take() {
            Some(cache) if !stale_lookup => cache.lookup,
            _ => Lookup::new(cx.ws),
        };
        let rows = self.query.rows(cx.ws, &lookup);
        self.cache = Some(Cache {
            revision: cx.revision,
            query: self.query.clone(),
            lookup,
            rows,
        });
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        self.refresh(cx);
        self.toolbar_ui(ui, cx);
        self.refresh(cx);
        ui.add_space(4.0);
        if cx.ws.commitments.is_empty() {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("No commitments yet").heading());
                ui.label("Select a stakeholder and press “Add commitment” to record its first target, pledge, offtake, financing, policy, project or R&D.");
            });
            return;
        }
        let Some(rows) = self.cache.as_ref().map(|c| c.rows.clone()) else {
            return;
        };
        if rows.is_empty() {
            ui.label(RichText::new("No commitment matches these filters.").weak());
            if ui.button("Clear filters").clicked() {
                self.query = RegisterQuery {
                    sort: self.query.sort,
                    ascending: self.query.ascending,
                    ..RegisterQuery::default()
                };
            }
            return;
        }
        self.keyboard(ui, cx, &rows);
        // Narrow windows (or a projector zoom) scroll the columns sideways.
        egui::ScrollArea::horizontal()
            .id_salt("table-columns")
            .show(ui, |ui| self.table_ui(ui, cx, &rows));
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
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
                .on_hover_text("Record a commitment by the selected stakeholder, announced today")
                .on_disabled_hover_text("Select a stakeholder first (in the list or another tab)");
            if add.clicked() {
                cx.out.command(Command::AddCommitment);
            }
            let selected = cx.selection.commitment.and_then(|id| cx.ws.commitment(id));
            let delete = ui
                .add_enabled(selected.is_some(), egui::Button::new("🗑 Delete"))
                .on_hover_text("Delete the selected commitment (Delete key; undo with Ctrl+Z)");
            if let (true, Some(c)) = (delete.clicked(), selected) {
                cx.out.push(Edit::DeleteCommitment(c.id));
            }
            ui.add(
                egui::TextEdit::singleline(&mut self.query.text)
                    .hint_text("🔍 Filter title, stakeholder, source")
                    .desired_width(200.0),
            )
            .accessible_name("Filter commitments by text");
            ui.name_inputs("Filter by kind", |ui| {
                let options: Vec<Option<CommitmentKind>> = std::iter::once(None)
                    .chain(CommitmentKind::ALL.iter().copied().map(Some))
                    .collect();
                if let (_, Some(kind)) =
                    choice(ui, "register-kind", self.query.kind, &options, |k| {
                        k.map_or("Any kind".into(), |k| k.label().into())
                    })
                {
                    self.query.kind = kind;
                }
            });
            ui.name_inputs("Filter by status", |ui| {
                let options: Vec<Option<CommitmentStatus>> = std::iter::once(None)
                    .chain(CommitmentStatus::ALL.iter().copied().map(Some))
                    .collect();
                if let (_, Some(status)) =
                    choice(ui, "register-status", self.query.status, &options, |s| {
                        s.map_or("Any status".into(), |s| s.label().into())
                    })
                {
                    self.query.status = status;
                }
            });
            ui.name_inputs("Filter by category", |ui| {
                let options: Vec<Option<Category>> = std::iter::once(None)
                    .chain(Category::ALL.iter().copied().map(Some))
                    .collect();
                if let (_, Some(category)) = choice(
                    ui,
                    "register-category",
                    self.query.category,
                    &options,
                    |c| c.map_or("Any category".into(), |c| c.label().into()),
                ) {
                    self.query.category = category;
                }
            });
            ui.label("Made");
            ui.add(
                egui::DragValue::new(&mut self.query.from_year)
                    .range(1990..=2100)
                    .speed(0.2),
            )
            .accessible_name("Made from year");
            ui.label("to");
            ui.add(
                egui::DragValue::new(&mut self.query.to_year)
                    .range(1990..=2100)
                    .speed(0.2),
            )
            .accessible_name("Made until year");
            if self.query.to_year < self.query.from_year {
                self.query.to_year = self.query.from_year;
            }
            if let Some(cache) = &self.cache {
                ui.label(
                    RichText::new(format!(
                        "{} of {}",
                        cache.rows.len(),
                        cx.ws.commitments.len()
                    ))
                    .weak(),
                );
            }
        });
    }

    fn keyboard(&mut self, ui: &Ui, cx: &mut ViewContext<'_>, rows: &[usize]) {
        if !keyboard_is_free(ui) {
            return;
        }
        let position = cx
            .selection
            .commitment
            .and_then(|id| rows.iter().position(|&i| cx.ws.commitments[i].id == id));
        let target = row_navigation(ui, position, rows.len());
        if let Some(target) = target {
            select(cx, &cx.ws.commitments[rows[target]].clone());
        }
        if let Some(id) = cx.selection.commitment
            && take_key(ui, Key::Delete)
        {
            cx.out.push(Edit::DeleteCommitment(id));
        }
    }

    fn table_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>, rows: &[usize]) {
        let row_height = row_height(ui);
        let scroll_to = if cx.selection.commitment != self.shown_selection {
            self.shown_selection = cx.selection.commitment;
            cx.selection
                .commitment
                .and_then(|id| rows.iter().position(|&i| cx.ws.commitments[i].id == id))
        } else {
            None
        };
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
        let ws = cx.ws;
        let Some(lookup) = self.cache.as_ref().map(|c| &c.lookup) else {
            return;
        };
        let query = &mut self.query;
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
                    if row.response().clicked() {
                        clicked = Some(c.clone());
                    }
                });
            });
        if let Some(c) = clicked {
            select(cx, &c);
            self.shown_selection = Some(c.id);
        }
    }
}

fn select(cx: &mut ViewContext<'_>, c: &Commitment) {
    cx.selection.select_stakeholder(c.stakeholder);
    cx.selection.commitment = Some(c.id);
}
