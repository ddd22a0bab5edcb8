//! The roadmap: milestones 2025 … 2050 in 5-year steps, and for each metric
//! how much the commitments linked to it pledge against each milestone's
//! target, so the gap is visible. Milestones and metrics are edited here.
//!
//! `cards` draws each metric's pledges (a stacked bar for an additive
//! metric, one mark per stakeholder for a rate); `editor` edits the roadmap.

mod cards;
mod editor;

use egui::{RichText, Sense, Stroke, Ui, vec2};

use super::ViewContext;
use super::palette::status_color;
use crate::analysis::Cached;
use crate::analysis::roadmap_progress::roadmap_progress;
use crate::model::{CommitmentStatus, MetricKind};

/// The roadmap tab, with its cached progress.
#[derive(Debug, Default)]
pub struct RoadmapView {
    /// Each metric's progress and card, for a revision and a day.
    cards: Cached<(u64, chrono::NaiveDate), Vec<cards::Card>>,
}

impl RoadmapView {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let (ws, today) = (cx.ws, cx.today);
        let progress = self.cards.get((cx.revision, today), || {
            roadmap_progress(ws, today)
                .into_iter()
                .map(cards::Card::new)
                .collect()
        });
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            let width = ui.available_width().min(1100.0);
            ui.set_max_width(width);
            timeline_ui(ui, cx);
            ui.add_space(10.0);
            ui.heading("Pledged against targets");
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Commitments linked to a metric, in the metric's unit, counted towards every milestone from their target year on. Withdrawn ones do not count. An additive metric's pledges add up; a rate metric's pledges are each stakeholder's own rate, shown one mark each with the median, never added up.").weak().small());
            });
            let rates = progress.iter().any(|card| card.progress.kind == MetricKind::Rate);
            legend_ui(ui, rates);
            if progress.is_empty() {
                let text = if cx.read_only {
                    "No metrics yet."
                } else {
                    "No metrics yet — add one under “Edit the roadmap” below."
                };
                ui.label(RichText::new(text).weak());
            }
            for card in progress {
                if let Some(metric) = cx.ws.roadmap.metric(card.progress.metric) {
                    cards::metric_card_ui(ui, cx.ws, metric, card);
                }
            }
            if cx.read_only {
                return;
            }
            ui.add_space(10.0);
            egui::CollapsingHeader::new(RichText::new("Edit the roadmap: metrics, milestones and targets").strong())
                .id_salt("edit-roadmap")
                .default_open(cx.ws.roadmap.milestones.is_empty())
                .show(ui, |ui| editor::roadmap_ui(ui, cx));
        });
    }
}

fn timeline_ui(ui: &mut Ui, cx: &ViewContext<'_>) {
    ui.heading("Roadmap");
    let milestones = &cx.ws.roadmap.milestones;
    if milestones.is_empty() {
        let text = if cx.read_only {
            "No milestones yet."
        } else {
            "No milestones yet — add them under “Edit the roadmap” below."
        };
        ui.label(RichText::new(text).weak());
        return;
    }
    // As many cards to a row as fit at a readable width; the rest wrap onto
    // the next row, so no card is ever cut off at the window's edge.
    let gap = ui.spacing().item_spacing.x;
    let available = ui.available_width();
    let per_row =
        (((available + gap) / (MIN_CARD_WIDTH + gap)).floor() as usize).clamp(1, milestones.len());
    let width = ((available - gap * (per_row as f32 - 1.0)) / per_row as f32 - 1.0).floor();
    let frame = egui::Frame::group(ui.style());
    let chrome = frame.total_margin().sum().x;
    for row in milestones.chunks(per_row) {
        ui.horizontal_top(|ui| {
            for m in row {
                frame.show(ui, |ui| {
                    ui.set_width(width - chrome);
                    ui.vertical(|ui| {
                        ui.label(RichText::new(m.year.to_string()).heading().strong());
                        if m.summary.is_empty() {
                            ui.label(RichText::new("No summary").weak().small());
                        } else {
                            ui.add(egui::Label::new(RichText::new(&m.summary).small()).wrap());
                        }
                    });
                });
            }
        });
    }
}

/// Below this a milestone card's text would be a few words a line.
const MIN_CARD_WIDTH: f32 = 170.0;

/// The statuses' colours and the target mark; with `rates`, also the marks
/// of a rate metric.
fn legend_ui(ui: &mut Ui, rates: bool) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal_wrapped(|ui| {
        for status in [
            CommitmentStatus::Achieved,
            CommitmentStatus::InProgress,
            CommitmentStatus::Announced,
            CommitmentStatus::AtRisk,
        ] {
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 10.0), Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, status_color(status, dark));
            ui.label(RichText::new(status.label()).small());
        }
        let (rect, _) = ui.allocate_exact_size(vec2(14.0, 12.0), Sense::hover());
        ui.painter().line_segment(
            [rect.center_top(), rect.center_bottom()],
            Stroke::new(2.0, ui.visuals().strong_text_color()),
        );
        ui.label(RichText::new("Target").small());
        if rates {
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 12.0), Sense::hover());
            ui.painter().circle_stroke(
                rect.center(),
                4.0,
                Stroke::new(1.5, ui.visuals().text_color()),
            );
            ui.label(RichText::new("One stakeholder's rate (colour: status)").small());
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 12.0), Sense::hover());
            cards::paint_median(ui.painter(), rect.center(), rect.height(), ui.visuals());
            ui.label(RichText::new("Median of the rates").small());
        }
    });
}
