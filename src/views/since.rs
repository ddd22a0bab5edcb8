//! "Since…": what changed since a date or a recorded workshop — new
//! commitments, upgrades, downgrades, withdrawals, stage moves.

use chrono::{Months, NaiveDate};
use egui::{RichText, Ui};

use super::ViewContext;
use super::palette::{category_icon_ui, status_dot_ui};
use super::widgets::date_field;
use crate::analysis::Cached;
use std::collections::HashMap;

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

/// Every section, each cut at [`SHOWN_PER_SECTION`] rows.
fn listing_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, listing: &Listing) {
    for (title, rows) in &listing.sections {
        section(ui, &format!("{title} ({})", rows.len()), |ui| {
            if rows.is_empty() {
                ui.label(RichText::new("None.").weak());
            }
            for row in rows.iter().take(SHOWN_PER_SECTION) {
                row_ui(ui, cx, row);
            }
            if rows.len() > SHOWN_PER_SECTION {
                ui.label(
                    RichText::new(format!(
                        "… and {} more: choose a later date to narrow the list.",
                        rows.len() - SHOWN_PER_SECTION
                    ))
                    .weak(),
                );
            }
        });
    }
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

/// The sections of the listing: title and rows.
#[derive(Clone, Debug)]
struct Listing {
    sections: Vec<(&'static str, Vec<Row>)>,
}

impl Listing {
    fn new(ws: &Workspace, changes: &Changes) -> Self {
        let commitments: HashMap<CommitmentId, &Commitment> =
            ws.commitments.iter().map(|c| (c.id, c)).collect();
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
        let moves = |list: &[StatusMove]| -> Vec<Row> {
            list.iter()
                .filter_map(|m| {
                    let c = commitments.get(&m.commitment)?;
                    let mut r = row(m.on, c.stakeholder, format!("{}: {}", c.kind, c.title))?;
                    r.statuses = Some((m.from, m.to));
                    Some(r)
                })
                .collect()
        };
        let new: Vec<Row> = changes
            .new_commitments
            .iter()
            .filter_map(|id| {
                let c = commitments.get(id)?;
                let mut r = row(c.made_on, c.stakeholder, format!("{}: {}", c.kind, c.title))?;
                r.status = Some(c.status());
                Some(r)
            })
            .collect();
        let stages: Vec<Row> = changes
            .stage_moves
            .iter()
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
                ("New commitments", new),
                ("Upgrades", moves(&changes.upgrades)),
                ("Downgrades", moves(&changes.downgrades)),
                ("Withdrawals", moves(&changes.withdrawals)),
                ("Stakeholders who moved stage", stages),
            ],
        }
    }

    fn is_empty(&self) -> bool {
        self.sections.iter().all(|(_, rows)| rows.is_empty())
    }
}

fn row_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, row: &Row) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(row.date.to_string()).weak());
        category_icon_ui(ui, row.category);
        if ui.link(&row.name).clicked() {
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
}

fn section(ui: &mut Ui, title: &str, add: impl FnOnce(&mut Ui)) {
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .default_open(true)
        .show(ui, add);
}
