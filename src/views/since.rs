//! "Since…": what changed since a date or a recorded workshop — new
//! commitments, upgrades, downgrades, withdrawals, stage moves.

use chrono::{Months, NaiveDate};
use egui::{RichText, Ui};

use super::ViewContext;
use super::palette::{category_icon_ui, status_dot_ui};
use super::widgets::date_field;
use crate::analysis::Cached;
use std::collections::{HashMap, HashSet};

use crate::analysis::changes::{Changes, StatusMove, changes_since, latest_change};
use crate::model::{
    Commitment, CommitmentId, CommitmentStatus, StakeholderId, WorkshopId, Workspace,
};

/// What the changes are counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Since {
    Date(NaiveDate),
    Workshop(WorkshopId),
}

/// The "Since…" tab.
#[derive(Debug, Default)]
pub struct SinceView {
    pub since: Option<Since>,
    /// The listing, for a revision, a "since" date and a day.
    listing: Cached<(u64, NaiveDate, NaiveDate), Listing>,
    /// The day of the workspace's latest change, for a revision.
    latest: Cached<u64, Option<NaiveDate>>,
}

impl SinceView {
    /// The date changes are counted after: the chosen one, the workshop's,
    /// or else the latest workshop before today, or else three months
    /// before the latest change (or today, if that is earlier): a workspace
    /// whose data ends in the past does not open on "nothing has changed".
    fn date(&mut self, cx: &ViewContext<'_>) -> NaiveDate {
        let ws = cx.ws;
        let latest = *self.latest.get(cx.revision, || latest_change(ws));
        let fallback = latest.map_or(cx.today, |d| d.min(cx.today)) - Months::new(3);
        match self.since {
            Some(Since::Date(d)) => d,
            Some(Since::Workshop(id)) => cx.ws.workshop(id).map_or(fallback, |w| w.date),
            None => cx
                .ws
                .workshops
                .iter()
                .map(|w| w.date)
                .filter(|d| *d < cx.today)
                .max()
                .unwrap_or(fallback),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let since = self.date(cx);
        ui.horizontal_wrapped(|ui| self.picker_ui(ui, cx, since));
        let (ws, today) = (cx.ws, cx.today);
        let listing = self.listing.get((cx.revision, since, today), || {
            Listing::new(ws, &changes_since(ws, since, today))
        });
        ui.separator();
        if listing.is_empty() {
            ui.label(RichText::new(format!("Nothing has changed since {since}.")).weak());
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| listing_ui(ui, cx, listing));
    }

    /// Since a date, or since a workshop.
    fn picker_ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>, since: NaiveDate) {
        ui.label("Changes since");
        let (_, picked) = date_field(ui, "since-date", since);
        if let Some(d) = picked {
            self.since = Some(Since::Date(d));
        }
        ui.label("or the workshop");
        let current = match self.since {
            Some(Since::Workshop(id)) => cx
                .ws
                .workshop(id)
                .map(|w| format!("{} {}", w.date, w.title)),
            Some(Since::Date(_)) => None,
            None => cx
                .ws
                .workshops
                .iter()
                .filter(|w| w.date == since)
                .map(|w| format!("latest: {} {}", w.date, w.title))
                .next(),
        };
        ui.name_inputs("Since a workshop", |ui| {
            egui::ComboBox::from_id_salt("since-workshop")
                .selected_text(current.unwrap_or_else(|| "choose…".into()))
                .show_ui(ui, |ui| {
                    for w in &cx.ws.workshops {
                        let chosen = Some(Since::Workshop(w.id));
                        let label = format!("{} {}", w.date, w.title);
                        if ui.selectable_label(self.since == chosen, label).clicked() {
                            self.since = chosen;
                        }
                    }
                });
        });
        ui.label(RichText::new(format!("(up to today, {})", cx.today)).weak());
    }
}

/// Every section, each cut at [`SHOWN_PER_SECTION`] rows. Only the rows in
/// view are laid out: the others get their height as empty space, so the
/// scroll bar is the same as if all were there.
fn listing_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, listing: &Listing) {
    for section in &listing.sections {
        let title = format!("{} ({})", section.title, section.total);
        section_ui(ui, &title, |ui| {
            if section.rows.is_empty() {
                ui.label(RichText::new("None.").weak());
            }
            // Every row of a section has the same widgets, so the first
            // one's height is every row's.
            let mut row_height = None;
            for row in &section.rows {
                match row_height {
                    Some(height) if !is_row_visible(ui, height) => {
                        ui.add_space(height + ui.spacing().item_spacing.y);
                    }
                    _ => row_height = Some(row_ui(ui, cx, row)),
                }
            }
            if section.total > section.rows.len() {
                ui.label(
                    RichText::new(format!(
                        "… and {} more: choose a later date to narrow the list.",
                        section.total - section.rows.len()
                    ))
                    .weak(),
                );
            }
        });
    }
}

/// Whether a row of `height` put next in `ui` would be in view.
fn is_row_visible(ui: &Ui, height: f32) -> bool {
    let top = ui.cursor().min;
    let rect = egui::Rect::from_min_size(top, egui::vec2(ui.available_width(), height));
    ui.is_rect_visible(rect)
}

/// Each section shows at most this many changes, newest first.
const SHOWN_PER_SECTION: usize = 100;

/// One line of the listing, prepared once per change of the workspace or date.
#[derive(Clone, Debug)]
struct Row {
    date: NaiveDate,
    stakeholder: StakeholderId,
    name: String,
    category: crate::model::Category,
    text: String,
    /// A status change: from and to.
    statuses: Option<(CommitmentStatus, CommitmentStatus)>,
    /// The commitment's current status, for new commitments.
    status: Option<CommitmentStatus>,
}

/// One section of the listing: its title, how many changes it has, and
/// the rows shown (the newest [`SHOWN_PER_SECTION`]).
#[derive(Clone, Debug)]
struct Section {
    title: &'static str,
    total: usize,
    rows: Vec<Row>,
}

/// The sections of the listing. Rows are made only for the changes shown:
/// a change since long ago can list tens of thousands of changes.
#[derive(Clone, Debug)]
struct Listing {
    sections: Vec<Section>,
}

impl Listing {
    fn new(ws: &Workspace, changes: &Changes) -> Self {
        let shown_new = shown(&changes.new_commitments);
        // Only the commitments of shown rows are looked up, in one pass.
        let wanted: HashSet<CommitmentId> = shown_new
            .iter()
            .copied()
            .chain(
                [&changes.upgrades, &changes.downgrades, &changes.withdrawals]
                    .into_iter()
                    .flat_map(|list| shown(list).iter().map(|m| m.commitment)),
            )
            .collect();
        let commitments: HashMap<CommitmentId, &Commitment> = ws
            .commitments
            .iter()
            .filter(|c| wanted.contains(&c.id))
            .map(|c| (c.id, c))
            .collect();
        let stakeholders = ws.stakeholder_index();
        let row = |date: NaiveDate, owner: StakeholderId, text: String| -> Option<Row> {
            let s = &ws.stakeholders[stakeholders.get(owner)?];
            Some(Row {
                date,
                stakeholder: owner,
                name: s.name.clone(),
                category: s.category,
                text,
                statuses: None,
                status: None,
            })
        };
        let moves = |title: &'static str, list: &[StatusMove]| -> Section {
            let rows = shown(list)
                .iter()
                .filter_map(|m| {
                    let c = commitments.get(&m.commitment)?;
                    let mut r = row(m.on, c.stakeholder, format!("{}: {}", c.kind, c.title))?;
                    r.statuses = Some((m.from, m.to));
                    Some(r)
                })
                .collect();
            Section {
                title,
                total: list.len(),
                rows,
            }
        };
        let new = shown_new
            .iter()
            .filter_map(|id| {
                let c = commitments.get(id)?;
                let mut r = row(c.made_on, c.stakeholder, format!("{}: {}", c.kind, c.title))?;
                r.status = Some(c.status());
                Some(r)
            })
            .collect();
        let stages = changes
            .stage_moves
            .iter()
            .take(SHOWN_PER_SECTION)
            .filter_map(|m| {
                let direction = if m.to > m.from { "up" } else { "down" };
                row(
                    m.on,
                    m.stakeholder,
                    format!("{} › {} ({direction})", m.from, m.to),
                )
            })
            .collect();
        Self {
            sections: vec![
                Section {
                    title: "New commitments",
                    total: changes.new_commitments.len(),
                    rows: new,
                },
                moves("Upgrades", &changes.upgrades),
                moves("Downgrades", &changes.downgrades),
                moves("Withdrawals", &changes.withdrawals),
                Section {
                    title: "Stakeholders who moved stage",
                    total: changes.stage_moves.len(),
                    rows: stages,
                },
            ],
        }
    }

    fn is_empty(&self) -> bool {
        self.sections.iter().all(|section| section.total == 0)
    }
}

/// The changes a section shows: the first, newest, [`SHOWN_PER_SECTION`].
fn shown<T>(list: &[T]) -> &[T] {
    &list[..list.len().min(SHOWN_PER_SECTION)]
}

/// Lays out one row; returns its height.
fn row_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, row: &Row) -> f32 {
    let response = ui.horizontal(|ui| {
        ui.label(RichText::new(row.date.to_string()).weak());
        category_icon_ui(ui, row.category);
        if cx.read_only {
            ui.label(&row.name);
        } else if ui.link(&row.name).clicked() {
            cx.selection.select_stakeholder(row.stakeholder);
        }
        if let Some(status) = row.status {
            status_dot_ui(ui, status);
        }
        ui.label(&row.text);
        if let Some((from, to)) = row.statuses {
            status_dot_ui(ui, from);
            ui.label(from.label());
            ui.label("›");
            status_dot_ui(ui, to);
            ui.label(to.label());
        }
    });
    response.response.rect.height()
}

fn section_ui(ui: &mut Ui, title: &str, add: impl FnOnce(&mut Ui)) {
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .default_open(true)
        .show(ui, add);
}
