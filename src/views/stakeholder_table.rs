//! The stakeholders table: every stakeholder with its scores, stage and
//! commitments; sortable, filterable and virtualised, so 10,000 rows scroll
//! as smoothly as 30.

use std::cmp::Ordering;

use egui::{RichText, Ui};
use egui_extras::Column;

use super::palette::{category_icon_ui, stage_rung_ui};
use super::table_kit::{Sort, TableKind, TableTab, shown_count_ui};
use super::widgets::{choice, command_button, optional_choice};
use super::{Selection, ViewContext};
use crate::analysis::{StakeholderStats, stakeholder_stats};
use crate::command::Command;
use crate::model::{Category, EngagementStage, Stakeholder, StakeholderId, Workspace};
use crate::text::signed_score;

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
    pub sort: Sort<SortColumn>,
}

impl Default for TableQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            category: None,
            stage: None,
            support: SupportFilter::Any,
            sort: Sort {
                column: SortColumn::Name,
                ascending: true,
            },
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
        let primary = match self.sort.column {
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
        self.sort.apply(ordering)
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
pub type StakeholderTable = TableTab<Stakeholders>;

/// The stakeholders as a [`TableKind`]: rows are indices into the
/// workspace's stakeholders, with their stats.
pub struct Stakeholders;

impl TableKind for Stakeholders {
    type Query = TableQuery;
    type Derived = Vec<StakeholderStats>;
    type Id = StakeholderId;
    const WHAT: &'static str = "stakeholder";
    const EMPTY: [&'static str; 2] = [
        "No stakeholders yet",
        "Add one with “Add stakeholder” (Ctrl+Shift+N), or open a workspace with File › Open.",
    ];

    type Column = SortColumn;
    const COLUMNS: &'static [SortColumn] = &SortColumn::ALL;

    fn count(ws: &Workspace) -> usize {
        ws.stakeholders.len()
    }

    fn column_label(column: SortColumn) -> &'static str {
        column.label()
    }

    fn column_width(column: SortColumn) -> Column {
        match column {
            SortColumn::Name => Column::initial(200.0).at_least(120.0).clip(true),
            SortColumn::Category => Column::initial(110.0).at_least(60.0).clip(true),
            SortColumn::Region => Column::initial(100.0).at_least(50.0).clip(true),
            SortColumn::Influence => Column::initial(70.0).at_least(50.0),
            SortColumn::Support => Column::initial(64.0).at_least(50.0),
            SortColumn::Stage => Column::initial(140.0).at_least(60.0).clip(true),
            SortColumn::Commitments => Column::initial(96.0).at_least(50.0),
            SortColumn::LastChange => Column::remainder().at_least(110.0),
        }
    }

    fn sort(query: &mut TableQuery) -> &mut Sort<SortColumn> {
        &mut query.sort
    }

    fn id_at(ws: &Workspace, index: usize) -> StakeholderId {
        ws.stakeholders[index].id
    }

    fn selected(selection: &Selection) -> Option<StakeholderId> {
        selection.stakeholder
    }

    fn select(cx: &mut ViewContext<'_>, index: usize) {
        cx.selection
            .select_stakeholder(cx.ws.stakeholders[index].id);
    }

    const DELETE: Command = Command::DeleteStakeholder;

    /// Enter puts the cursor in the stakeholder's name.
    fn edit(cx: &mut ViewContext<'_>, id: StakeholderId) {
        cx.selection.focus_name_of = Some(id);
    }

    fn column_key(column: SortColumn) -> &'static str {
        match column {
            SortColumn::Name => "name",
            SortColumn::Category => "category",
            SortColumn::Region => "region",
            SortColumn::Influence => "influence",
            SortColumn::Support => "support",
            SortColumn::Stage => "stage",
            SortColumn::Commitments => "commitments",
            SortColumn::LastChange => "last_change",
        }
    }

    fn cell_ui(
        ui: &mut Ui,
        ws: &Workspace,
        stats: &Self::Derived,
        index: usize,
        column: SortColumn,
    ) {
        let Some(s) = ws.stakeholders.get(index) else {
            return;
        };
        let stat = stats.get(index).copied().unwrap_or_default();
        let scores = !ws.share.as_ref().is_some_and(|m| m.removed.scores);
        cell_ui(ui, s, stat, scores, column);
    }

    fn derive(ws: &Workspace) -> Self::Derived {
        stakeholder_stats(ws)
    }

    fn rows(query: &TableQuery, ws: &Workspace, stats: &Self::Derived) -> Vec<usize> {
        query.rows(ws, stats)
    }

    fn clear_filters(query: &mut TableQuery) {
        *query = TableQuery {
            sort: query.sort,
            ..TableQuery::default()
        };
    }

    fn toolbar_ui(
        ui: &mut Ui,
        cx: &mut ViewContext<'_>,
        query: &mut TableQuery,
        shown: Option<usize>,
    ) {
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
            if delete.clicked() && selected.is_some() {
                cx.out.command(Command::DeleteStakeholder);
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
}

/// One stakeholder's cells, in column order.
/// One stakeholder's row; `scores` is false in a share copy made without
/// them, whose placeholder scores mean nothing.
/// One stakeholder's cell in `column`.
fn cell_ui(ui: &mut Ui, s: &Stakeholder, stat: StakeholderStats, scores: bool, column: SortColumn) {
    match column {
        SortColumn::Name => {
            category_icon_ui(ui, s.category);
            if s.name.trim().is_empty() {
                ui.label(RichText::new("(unnamed)").italics());
            } else {
                ui.label(&s.name);
            }
        }
        SortColumn::Category => {
            ui.label(s.category.label());
        }
        SortColumn::Region => {
            ui.label(&s.region);
        }
        SortColumn::Influence => {
            ui.label(if scores {
                s.influence.to_string()
            } else {
                "–".into()
            });
        }
        SortColumn::Support => {
            ui.label(if scores {
                signed_score(s.support)
            } else {
                "–".into()
            });
        }
        SortColumn::Stage => {
            stage_rung_ui(ui, s.stage());
            ui.label(s.stage().label());
        }
        SortColumn::Commitments => {
            ui.label(stat.commitments.to_string());
        }
        SortColumn::LastChange => {
            ui.label(stat.last_change.map_or(String::new(), |d| d.to_string()));
        }
    }
}
