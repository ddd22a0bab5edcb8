//! The stakeholders table: every stakeholder with its scores, stage and
//! commitments; sortable, filterable and virtualised, so 10,000 rows scroll
//! as smoothly as 30.

use std::cmp::Ordering;

use egui::{RichText, Ui};
use egui_extras::Column;

use super::ViewContext;
use super::format::signed;
use super::palette::{category_icon_ui, stage_rung_ui};
use super::table_kit::{
    RowKey, SelectionScroll, no_match_ui, row_height, row_key, row_of, shown_count_ui,
    sort_header_ui, table_builder,
};
use super::widgets::{choice, command_button, optional_choice};
use crate::analysis::{Cached, StakeholderStats, stakeholder_stats};
use crate::command::Command;
use crate::edit::Edit;
use crate::model::{Category, EngagementStage, Stakeholder, StakeholderId, Workspace};

/// A column of the table, in display order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Name,
    Category,
    Region,
    Influence,
    Support,
    Stage,
    Commitments,
    LastChange,
}

impl SortColumn {
    const ALL: [SortColumn; 8] = [
        SortColumn::Name,
        SortColumn::Category,
        SortColumn::Region,
        SortColumn::Influence,
        SortColumn::Support,
        SortColumn::Stage,
        SortColumn::Commitments,
        SortColumn::LastChange,
    ];

    fn label(self) -> &'static str {
        match self {
            SortColumn::Name => "Name",
            SortColumn::Category => "Category",
            SortColumn::Region => "Region",
            SortColumn::Influence => "Influence",
            SortColumn::Support => "Support",
            SortColumn::Stage => "Stage",
            SortColumn::Commitments => "Commitments",
            SortColumn::LastChange => "Last change",
        }
    }
}

/// Which stakeholders the support filter keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SupportFilter {
    Any,
    Supportive,
    Neutral,
    Opposed,
}

impl SupportFilter {
    const ALL: [SupportFilter; 4] = [
        SupportFilter::Any,
        SupportFilter::Supportive,
        SupportFilter::Neutral,
        SupportFilter::Opposed,
    ];

    fn label(self) -> &'static str {
        match self {
            SupportFilter::Any => "Any support",
            SupportFilter::Supportive => "Supportive (+1, +2)",
            SupportFilter::Neutral => "Neutral (0)",
            SupportFilter::Opposed => "Opposed (−1, −2)",
        }
    }

    fn keeps(self, support: i8) -> bool {
        match self {
            SupportFilter::Any => true,
            SupportFilter::Supportive => support > 0,
            SupportFilter::Neutral => support == 0,
            SupportFilter::Opposed => support < 0,
        }
    }
}

/// What the table shows: the filters and the sort order.
#[derive(Clone, Debug, PartialEq)]
pub struct TableQuery {
    pub text: String,
    pub category: Option<Category>,
    pub stage: Option<EngagementStage>,
    pub support: SupportFilter,
    pub sort: SortColumn,
    pub ascending: bool,
}

impl Default for TableQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            category: None,
            stage: None,
            support: SupportFilter::Any,
            sort: SortColumn::Name,
            ascending: true,
        }
    }
}

impl TableQuery {
    fn keeps(&self, s: &Stakeholder, needle: &str) -> bool {
        self.category.is_none_or(|c| c == s.category)
            && self.stage.is_none_or(|stage| stage == s.stage())
            && self.support.keeps(s.support)
            && (needle.is_empty()
                || s.name.to_lowercase().contains(needle)
                || s.region.to_lowercase().contains(needle)
                || s.tags.iter().any(|t| t.to_lowercase().contains(needle)))
    }

    fn compare(
        &self,
        a: (&Stakeholder, &StakeholderStats),
        b: (&Stakeholder, &StakeholderStats),
    ) -> Ordering {
        let by_name = || a.0.name.to_lowercase().cmp(&b.0.name.to_lowercase());
        let primary = match self.sort {
            SortColumn::Name => Ordering::Equal,
            SortColumn::Category => a.0.category.cmp(&b.0.category),
            SortColumn::Region => a.0.region.to_lowercase().cmp(&b.0.region.to_lowercase()),
            SortColumn::Influence => a.0.influence.cmp(&b.0.influence),
            SortColumn::Support => a.0.support.cmp(&b.0.support),
            SortColumn::Stage => a.0.stage().cmp(&b.0.stage()),
            SortColumn::Commitments => a.1.commitments.cmp(&b.1.commitments),
            SortColumn::LastChange => a.1.last_change.cmp(&b.1.last_change),
        };
        let ordering = primary.then_with(by_name);
        if self.ascending {
            ordering
        } else {
            ordering.reverse()
        }
    }

    /// The indices of the stakeholders shown, in display order.
    pub fn rows(&self, ws: &Workspace, stats: &[StakeholderStats]) -> Vec<usize> {
        let needle = self.text.trim().to_lowercase();
        let mut rows: Vec<usize> = ws
            .stakeholders
            .iter()
            .enumerate()
            .filter(|(_, s)| self.keeps(s, &needle))
            .map(|(i, _)| i)
            .collect();
        rows.sort_by(|&a, &b| {
            self.compare(
                (&ws.stakeholders[a], &stats[a]),
                (&ws.stakeholders[b], &stats[b]),
            )
        });
        rows
    }
}

/// The stakeholders table tab.
#[derive(Debug, Default)]
pub struct StakeholderTable {
    pub query: TableQuery,
    /// Each stakeholder's stats, for the revision they were made for.
    stats: Cached<u64, Vec<StakeholderStats>>,
    /// The rows shown (indices into the stakeholders), for a revision and
    /// a query.
    rows: Cached<(u64, TableQuery), Vec<usize>>,
    scroll: SelectionScroll<StakeholderId>,
}

impl StakeholderTable {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let shown = self.rows.last().map(Vec::len);
        toolbar_ui(ui, cx, &mut self.query, shown);
        ui.add_space(4.0);
        if cx.ws.stakeholders.is_empty() {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("No stakeholders yet").heading());
                ui.label("Add one with “Add stakeholder” (Ctrl+Shift+N), or open a workspace with File › Open.");
            });
            return;
        }
        let ws = cx.ws;
        let stats = self.stats.get(cx.revision, || stakeholder_stats(ws));
        let query = &self.query;
        let rows = self
            .rows
            .get((cx.revision, query.clone()), || query.rows(ws, stats));
        if rows.is_empty() {
            if no_match_ui(ui, "stakeholder") {
                self.query.clear_filters();
            }
            return;
        }
        keyboard(ui, cx, rows);
        let (query, scroll) = (&mut self.query, &mut self.scroll);
        // Narrow windows (or a projector zoom) scroll the columns sideways.
        egui::ScrollArea::horizontal()
            .id_salt("table-columns")
            .show(ui, |ui| table_ui(ui, cx, rows, stats, query, scroll));
    }
}

impl TableQuery {
    /// Back to every stakeholder, in the same order.
    fn clear_filters(&mut self) {
        *self = TableQuery {
            sort: self.sort,
            ascending: self.ascending,
            ..TableQuery::default()
        };
    }
}

fn toolbar_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, query: &mut TableQuery, shown: Option<usize>) {
    ui.horizontal_wrapped(|ui| {
        command_button(ui, cx.out, "➕", Command::AddStakeholder, true);
        let selected = cx
            .selection
            .stakeholder
            .filter(|&id| cx.ws.stakeholder(id).is_some());
        let delete = ui
            .add_enabled(selected.is_some(), egui::Button::new("🗑 Delete"))
            .on_hover_text(
                "Delete the selected stakeholder with its commitments and relationships \
                 (Delete key; undo with Ctrl+Z)",
            );
        if let (true, Some(id)) = (delete.clicked(), selected) {
            cx.out.push(Edit::DeleteStakeholder(id));
        }
        ui.add(
            egui::TextEdit::singleline(&mut query.text)
                .hint_text("🔍 Filter name, region, tag")
                .desired_width(180.0),
        )
        .accessible_name("Filter stakeholders by text");
        optional_choice(
            ui,
            "Filter by category",
            &mut query.category,
            Category::ALL,
            "Any category",
            Category::label,
        );
        optional_choice(
            ui,
            "Filter by stage",
            &mut query.stage,
            EngagementStage::ALL,
            "Any stage",
            EngagementStage::label,
        );
        ui.name_inputs("Filter by support", |ui| {
            let (_, chosen) = choice(
                ui,
                "table-support",
                query.support,
                &SupportFilter::ALL,
                |s| s.label().to_string(),
            );
            if let Some(support) = chosen {
                query.support = support;
            }
        });
        shown_count_ui(ui, shown, cx.ws.stakeholders.len());
    });
}

/// Up/Down move the selection, Home/End jump, Delete removes the selected
/// stakeholder, Enter puts the cursor in its name.
fn keyboard(ui: &Ui, cx: &mut ViewContext<'_>, rows: &[usize]) {
    let ws = cx.ws;
    let current = row_of(rows, cx.selection.stakeholder, |i| ws.stakeholders[i].id);
    match (row_key(ui, current, rows.len()), cx.selection.stakeholder) {
        (Some(RowKey::Select(row)), _) => cx
            .selection
            .select_stakeholder(ws.stakeholders[rows[row]].id),
        (Some(RowKey::Delete), Some(id)) => cx.out.push(Edit::DeleteStakeholder(id)),
        (Some(RowKey::Edit), Some(id)) => cx.selection.focus_name_of = Some(id),
        _ => {}
    }
}

fn table_ui(
    ui: &mut Ui,
    cx: &mut ViewContext<'_>,
    rows: &[usize],
    stats: &[StakeholderStats],
    query: &mut TableQuery,
    scroll: &mut SelectionScroll<StakeholderId>,
) {
    let ws = cx.ws;
    let row_height = row_height(ui);
    let scroll_to = scroll.row_to_show(cx.selection.stakeholder, || {
        row_of(rows, cx.selection.stakeholder, |i| ws.stakeholders[i].id)
    });
    let mut table = table_builder(ui, "stakeholder-table")
        .column(Column::initial(200.0).at_least(120.0).clip(true))
        .column(Column::initial(110.0).at_least(60.0).clip(true))
        .column(Column::initial(100.0).at_least(50.0).clip(true))
        .column(Column::initial(70.0).at_least(50.0))
        .column(Column::initial(64.0).at_least(50.0))
        .column(Column::initial(140.0).at_least(60.0).clip(true))
        .column(Column::initial(96.0).at_least(50.0))
        .column(Column::remainder().at_least(110.0));
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    let mut clicked = None;
    table
        .header(row_height + 4.0, |mut header| {
            for column in SortColumn::ALL {
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
                let s = &ws.stakeholders[index];
                let stat = stats.get(index).copied().unwrap_or_default();
                row.set_selected(cx.selection.stakeholder == Some(s.id));
                row_ui(&mut row, s, stat);
                if row.response().clicked() {
                    clicked = Some(s.id);
                }
            });
        });
    if let Some(id) = clicked {
        cx.selection.select_stakeholder(id);
        // Clicked here, so already in view: no scrolling.
        scroll.clicked(id);
    }
}

/// One stakeholder's cells, in column order.
fn row_ui(row: &mut egui_extras::TableRow<'_, '_>, s: &Stakeholder, stat: StakeholderStats) {
    row.col(|ui| {
        category_icon_ui(ui, s.category);
        if s.name.trim().is_empty() {
            ui.label(RichText::new("(unnamed)").italics());
        } else {
            ui.label(&s.name);
        }
    });
    row.col(|ui| {
        ui.label(s.category.label());
    });
    row.col(|ui| {
        ui.label(&s.region);
    });
    row.col(|ui| {
        ui.label(s.influence.to_string());
    });
    row.col(|ui| {
        ui.label(signed(s.support));
    });
    row.col(|ui| {
        stage_rung_ui(ui, s.stage());
        ui.label(s.stage().label());
    });
    row.col(|ui| {
        ui.label(stat.commitments.to_string());
    });
    row.col(|ui| {
        ui.label(stat.last_change.map_or(String::new(), |d| d.to_string()));
    });
}
