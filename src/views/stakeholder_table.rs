//! The stakeholders table: every stakeholder with its scores, stage and
//! commitments; sortable, filterable and virtualised, so 10,000 rows scroll
//! as smoothly as 30.

use std::cmp::Ordering;

use egui::{Key, RichText, Ui};
use egui_extras::Column;

use super::ViewContext;
use super::format::signed;
use super::palette::{category_icon_ui, stage_rung_ui};
use super::table_kit::{
    keyboard_is_free, row_height, row_navigation, sort_header_ui, table_builder, take_key,
};
use super::widgets::{choice, command_button};
use crate::analysis::{StakeholderStats, stakeholder_stats};
use crate::command::Command;
use crate::edit::Edit;
use crate::model::{Category, EngagementStage, Stakeholder, Workspace};

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

/// Rows and stats, kept until the workspace or the query changes.
#[derive(Debug)]
struct Cache {
    revision: u64,
    query: TableQuery,
    stats: Vec<StakeholderStats>,
    rows: Vec<usize>,
}

/// The stakeholders table tab.
#[derive(Debug, Default)]
pub struct StakeholderTable {
    pub query: TableQuery,
    cache: Option<Cache>,
    /// The selection shown last frame, to scroll to a selection made elsewhere.
    shown_selection: Option<crate::model::StakeholderId>,
}

impl StakeholderTable {
    fn refresh(&mut self, cx: &ViewContext<'_>) {
        let stale_stats = self
            .cache
            .as_ref()
            .is_none_or(|c| c.revision != cx.revision);
        let stale_rows = stale_stats || self.cache.as_ref().is_some_and(|c| c.query != self.query);
        if !stale_rows {
            return;
        }
        let stats = match self.cache.take() {
            Some(cache) if !stale_stats => cache.stats,
            _ => stakeholder_stats(cx.ws),
        };
        let rows = self.query.rows(cx.ws, &stats);
        self.cache = Some(Cache {
            revision: cx.revision,
            query: self.query.clone(),
            stats,
            rows,
        });
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        self.refresh(cx);
        self.toolbar_ui(ui, cx);
        ui.add_space(4.0);
        if cx.ws.stakeholders.is_empty() {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("No stakeholders yet").heading());
                ui.label("Add one with “Add stakeholder” (Ctrl+Shift+N), or open a workspace with File › Open.");
            });
            return;
        }
        self.refresh(cx);
        let Some(cache) = &self.cache else {
            return;
        };
        if cache.rows.is_empty() {
            ui.add_space(12.0);
            ui.label(RichText::new("No stakeholder matches these filters.").weak());
            if ui.button("Clear filters").clicked() {
                self.query = TableQuery {
                    sort: self.query.sort,
                    ascending: self.query.ascending,
                    ..TableQuery::default()
                };
            }
            return;
        }
        let rows = cache.rows.clone();
        self.keyboard(ui, cx, &rows);
        // Narrow windows (or a projector zoom) scroll the columns sideways.
        egui::ScrollArea::horizontal()
            .id_salt("table-columns")
            .show(ui, |ui| self.table_ui(ui, cx, &rows));
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.horizontal_wrapped(|ui| {
            command_button(ui, cx.out, "➕", Command::AddStakeholder, true);
            let selected = cx
                .selection
                .stakeholder
                .and_then(|id| cx.ws.stakeholder(id));
            let delete = ui
                .add_enabled(selected.is_some(), egui::Button::new("🗑 Delete"))
                .on_hover_text(
                    "Delete the selected stakeholder with its commitments and relationships \
                     (Delete key; undo with Ctrl+Z)",
                );
            if let (true, Some(s)) = (delete.clicked(), selected) {
                cx.out.push(Edit::DeleteStakeholder(s.id));
            }
            ui.add(
                egui::TextEdit::singleline(&mut self.query.text)
                    .hint_text("🔍 Filter name, region, tag")
                    .desired_width(180.0),
            )
            .accessible_name("Filter stakeholders by text");
            ui.name_inputs("Filter by category", |ui| {
                let (_, chosen) = choice(
                    ui,
                    "table-category",
                    self.query.category,
                    &std::iter::once(None)
                        .chain(Category::ALL.iter().copied().map(Some))
                        .collect::<Vec<_>>(),
                    |c| c.map_or("Any category".to_string(), |c| c.label().to_string()),
                );
                if let Some(category) = chosen {
                    self.query.category = category;
                }
            });
            ui.name_inputs("Filter by stage", |ui| {
                let (_, chosen) = choice(
                    ui,
                    "table-stage",
                    self.query.stage,
                    &std::iter::once(None)
                        .chain(EngagementStage::ALL.iter().copied().map(Some))
                        .collect::<Vec<_>>(),
                    |s| s.map_or("Any stage".to_string(), |s| s.label().to_string()),
                );
                if let Some(stage) = chosen {
                    self.query.stage = stage;
                }
            });
            ui.name_inputs("Filter by support", |ui| {
                let (_, chosen) = choice(
                    ui,
                    "table-support",
                    self.query.support,
                    &SupportFilter::ALL,
                    |s| s.label().to_string(),
                );
                if let Some(support) = chosen {
                    self.query.support = support;
                }
            });
            if let Some(cache) = &self.cache {
                ui.label(
                    RichText::new(format!(
                        "{} of {}",
                        cache.rows.len(),
                        cx.ws.stakeholders.len()
                    ))
                    .weak(),
                );
            }
        });
    }

    /// Up/Down move the selection, Home/End jump, Delete removes the
    /// selected stakeholder, Enter puts the cursor in its name. Only while
    /// no text field has the keyboard.
    fn keyboard(&mut self, ui: &Ui, cx: &mut ViewContext<'_>, rows: &[usize]) {
        if !keyboard_is_free(ui) {
            return;
        }
        let position = cx
            .selection
            .stakeholder
            .and_then(|id| rows.iter().position(|&i| cx.ws.stakeholders[i].id == id));
        let target = row_navigation(ui, position, rows.len());
        if let Some(target) = target {
            cx.selection
                .select_stakeholder(cx.ws.stakeholders[rows[target]].id);
        }
        if let Some(id) = cx.selection.stakeholder {
            if take_key(ui, Key::Delete) {
                cx.out.push(Edit::DeleteStakeholder(id));
            }
            if take_key(ui, Key::Enter) {
                cx.selection.focus_name_of = Some(id);
            }
        }
    }

    fn table_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>, rows: &[usize]) {
        let row_height = row_height(ui);
        let scroll_to = if cx.selection.stakeholder != self.shown_selection {
            self.shown_selection = cx.selection.stakeholder;
            cx.selection
                .stakeholder
                .and_then(|id| rows.iter().position(|&i| cx.ws.stakeholders[i].id == id))
        } else {
            None
        };
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
        let ws = cx.ws;
        let stats = self
            .cache
            .as_ref()
            .map(|c| c.stats.as_slice())
            .unwrap_or_default();
        let query = &mut self.query;
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
                    if row.response().clicked() {
                        clicked = Some(s.id);
                    }
                });
            });
        if let Some(id) = clicked {
            cx.selection.select_stakeholder(id);
            // Clicked here, so already in view: no scrolling.
            self.shown_selection = Some(id);
        }
    }
}
