//! "Since…": what changed since a date or a recorded workshop — new
//! commitments, upgrades, downgrades, withdrawals, stage moves.

use chrono::{Months, NaiveDate};
use egui::{RichText, Ui};

use super::ViewContext;
use super::palette::{category_icon_ui, status_dot_ui};
use super::widgets::date_field;
use crate::analysis::changes::{Changes, StatusMove, changes_since};
use crate::model::{StakeholderId, WorkshopId};

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
    cache: Option<((u64, NaiveDate, NaiveDate), Changes)>,
}

impl SinceView {
    /// The date changes are counted after: the chosen one, the workshop's,
    /// or else the latest workshop before today, or three months ago.
    fn date(&self, cx: &ViewContext<'_>) -> NaiveDate {
        match self.since {
            Some(Since::Date(d)) => d,
            Some(Since::Workshop(id)) => cx
                .ws
                .workshop(id)
                .map_or(cx.today - Months::new(3), |w| w.date),
            None => cx
                .ws
                .workshops
                .iter()
                .map(|w| w.date)
                .filter(|d| *d < cx.today)
                .max()
                .unwrap_or(cx.today - Months::new(3)),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let since = self.date(cx);
        ui.horizontal_wrapped(|ui| {
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
                            if ui
                                .selectable_label(
                                    self.since == Some(Since::Workshop(w.id)),
                                    format!("{} {}", w.date, w.title),
                                )
                                .clicked()
                            {
                                self.since = Some(Since::Workshop(w.id));
                            }
                        }
                    });
            });
            ui.label(RichText::new(format!("(up to today, {})", cx.today)).weak());
        });
        let key = (cx.revision, since, cx.today);
        if self.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            self.cache = Some((key, changes_since(cx.ws, since, cx.today)));
        }
        let Some((_, changes)) = &self.cache else {
            return;
        };
        let changes = changes.clone();
        ui.separator();
        if changes.is_empty() {
            ui.label(RichText::new(format!("Nothing has changed since {since}.")).weak());
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                section(
                    ui,
                    &format!("New commitments ({})", changes.new_commitments.len()),
                    |ui| {
                        for id in &changes.new_commitments {
                            if let Some(c) = cx.ws.commitment(*id) {
                                ui.horizontal(|ui| {
                                    status_dot_ui(ui, c.status());
                                    ui.label(RichText::new(c.made_on.to_string()).weak());
                                    stakeholder_link(ui, cx, c.stakeholder);
                                    ui.label(format!("{}: {}", c.kind, c.title));
                                });
                            }
                        }
                    },
                );
                moves_section(ui, cx, "Upgrades", &changes.upgrades);
                moves_section(ui, cx, "Downgrades", &changes.downgrades);
                moves_section(ui, cx, "Withdrawals", &changes.withdrawals);
                section(
                    ui,
                    &format!(
                        "Stakeholders who moved stage ({})",
                        changes.stage_moves.len()
                    ),
                    |ui| {
                        for m in &changes.stage_moves {
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(m.on.to_string()).weak());
                                stakeholder_link(ui, cx, m.stakeholder);
                                let direction = if m.to > m.from { "up" } else { "down" };
                                ui.label(format!("{} › {} ({direction})", m.from, m.to));
                            });
                        }
                    },
                );
            });
    }
}

fn section(ui: &mut Ui, title: &str, add: impl FnOnce(&mut Ui)) {
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .default_open(true)
        .show(ui, add);
}

fn moves_section(ui: &mut Ui, cx: &mut ViewContext<'_>, title: &str, moves: &[StatusMove]) {
    section(ui, &format!("{title} ({})", moves.len()), |ui| {
        if moves.is_empty() {
            ui.label(RichText::new("None.").weak());
        }
        for m in moves {
            if let Some(c) = cx.ws.commitment(m.commitment) {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(m.on.to_string()).weak());
                    stakeholder_link(ui, cx, c.stakeholder);
                    ui.label(format!("{}: {} ›", c.kind, c.title));
                    status_dot_ui(ui, m.from);
                    ui.label(m.from.label());
                    ui.label("›");
                    status_dot_ui(ui, m.to);
                    ui.label(m.to.label());
                });
            }
        }
    });
}

fn stakeholder_link(ui: &mut Ui, cx: &mut ViewContext<'_>, id: StakeholderId) {
    if let Some(s) = cx.ws.stakeholder(id) {
        category_icon_ui(ui, s.category);
        if ui.link(&s.name).clicked() {
            cx.selection.select_stakeholder(id);
        }
    }
}
