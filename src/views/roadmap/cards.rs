//! One card per metric: its pledges at each milestone against the target.
//! An additive metric gets a bar of the summed pledges by status; a rate
//! metric gets one mark per pledging stakeholder and the median, because
//! firms' own rates never add up.

use std::cell::OnceCell;

use egui::{Color32, Painter, Pos2, RichText, Sense, Stroke, Ui, Visuals, pos2, vec2};

use crate::analysis::roadmap_progress::{
    MetricProgress, MilestoneProgress, Pledged, Pledges, StakeholderRate, median_rate,
};
use crate::model::{CommitmentStatus, Metric, Workspace};
use crate::text::{format_quantity, plural};
use crate::views::palette::status_color;

const BAR_WIDTH: f32 = 260.0;

/// A metric's progress with what its card would otherwise work out every
/// frame: for a rate metric, each milestone's median and dots. At 10,000
/// stakeholders a milestone can have thousands of rates.
#[derive(Debug)]
pub(super) struct Card {
    pub progress: MetricProgress,
    /// One per milestone, in the same order; `None` for an additive metric.
    rates: Vec<Option<RateSummary>>,
}

#[derive(Debug)]
struct RateSummary {
    median: Option<f64>,
    /// The value at the right end of the line (the card's shared scale).
    scale: f64,
    /// Each dot's place along the line (0 to 1) and its colour's status, in
    /// drawing order. Dots that would land on the same spot (within a
    /// quarter of a point) in the same colour are drawn once: the last one,
    /// which is the one that was on top.
    dots: Vec<(f32, CommitmentStatus)>,
    /// The hover text naming every pledging stakeholder, made the first
    /// time it is shown: it takes milliseconds at 10,000 stakeholders.
    hover: OnceCell<String>,
}

impl Card {
    pub fn new(progress: MetricProgress) -> Self {
        let scale = scale(&progress);
        let rates = progress
            .milestones
            .iter()
            .map(|m| match &m.pledges {
                Pledges::Sum(_) => None,
                Pledges::Rates(rates) => Some(RateSummary {
                    median: median_rate(rates),
                    scale,
                    dots: dots(rates, scale),
                    hover: OnceCell::new(),
                }),
            })
            .collect();
        Self { progress, rates }
    }
}

/// The dots of `rates` on a line from 0 to `scale` (see [`RateSummary::dots`]).
fn dots(rates: &[StakeholderRate], scale: f64) -> Vec<(f32, CommitmentStatus)> {
    let place = |value: f64| (value / scale).clamp(0.0, 1.0) as f32;
    let spot = |r: &StakeholderRate| ((place(r.value) * BAR_WIDTH * 4.0).round() as i32, r.status);
    let last_at: std::collections::HashMap<(i32, CommitmentStatus), usize> = rates
        .iter()
        .enumerate()
        .map(|(i, r)| (spot(r), i))
        .collect();
    rates
        .iter()
        .enumerate()
        .filter(|(i, r)| last_at.get(&spot(r)) == Some(i))
        .map(|(_, r)| (place(r.value), r.status))
        .collect()
}

/// One line per stakeholder's rate, highest first.
fn rates_hover_text(ws: &Workspace, rates: &[StakeholderRate], unit: &str) -> String {
    if rates.is_empty() {
        return "No stakeholder pledges a rate for this milestone.".into();
    }
    let index = ws.stakeholder_index();
    let name = |id| {
        index
            .get(id)
            .and_then(|i| ws.stakeholders.get(i))
            .map_or("(unknown stakeholder)", |s| s.display_name())
    };
    let lines: Vec<String> = rates
        .iter()
        .rev()
        .map(|r| {
            format!(
                "{}: {} {unit} ({})",
                name(r.stakeholder),
                format_quantity(r.value),
                r.status.label().to_lowercase()
            )
        })
        .collect();
    lines.join("\n")
}

pub(super) fn metric_card_ui(ui: &mut Ui, ws: &Workspace, metric: &Metric, card: &Card) {
    let progress = &card.progress;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&metric.name).strong());
            ui.label(RichText::new(format!("({})", metric.unit)).weak());
            ui.label(RichText::new(format!("· pledges: {}", metric.kind.label())).weak())
                .on_hover_text(metric.kind.explanation());
            if let Some(segment) = metric.segment {
                ui.label(RichText::new(format!("· flywheel: {}", segment.label())).weak())
                    .on_hover_text("Its targets measure this part of the flywheel (Flywheel tab)");
            }
        });
        if !metric.description.is_empty() {
            ui.label(RichText::new(&metric.description).weak().small());
        }
        if progress.milestones.iter().all(|m| m.pledges.is_empty()) {
            let targets: Vec<String> = progress
                .milestones
                .iter()
                .filter_map(|m| {
                    m.target
                        .map(|t| format!("{}: {} {}", m.year, format_quantity(t), metric.unit))
                })
                .collect();
            ui.label(if targets.is_empty() {
                "No targets set.".to_string()
            } else {
                format!("Targets: {}", targets.join(" · "))
            });
            ui.label(
                RichText::new(
                    "No commitment pledges towards this metric yet: link commitments to it in \
                     the inspector (Roadmap metric), with a quantity in its unit.",
                )
                .weak()
                .small(),
            );
        } else {
            progress_grid_ui(ui, ws, metric, card);
        }
        let mut notes = Vec::new();
        if progress.other_units > 0 {
            notes.push(format!(
                "{} linked commitment(s) in other units not counted",
                progress.other_units
            ));
        }
        if progress.without_quantity > 0 {
            notes.push(format!(
                "{} linked commitment(s) without a quantity",
                progress.without_quantity
            ));
        }
        if !notes.is_empty() {
            ui.label(RichText::new(notes.join(" · ")).weak().small());
        }
    });
}

/// The largest value any milestone shows, so every row shares one scale.
/// Milestones without a target add nothing to the scale of an additive
/// metric, as they draw no bar.
fn scale(progress: &MetricProgress) -> f64 {
    progress
        .milestones
        .iter()
        .map(|m| match &m.pledges {
            Pledges::Sum(sum) => m.target.map_or(0.0, |t| t.max(sum.total())),
            Pledges::Rates(rates) => rates
                .iter()
                .map(|r| r.value)
                .fold(m.target.unwrap_or(0.0), f64::max),
        })
        .fold(0.0, f64::max)
        .max(1e-9)
}

fn progress_grid_ui(ui: &mut Ui, ws: &Workspace, metric: &Metric, card: &Card) {
    let progress = &card.progress;
    let scale = scale(progress);
    egui::Grid::new(("metric-progress", metric.id))
        .num_columns(3)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for (m, summary) in progress.milestones.iter().zip(&card.rates) {
                ui.label(RichText::new(m.year.to_string()).strong());
                let text = match (&m.pledges, summary) {
                    (Pledges::Rates(rates), Some(summary)) => {
                        rates_ui(ui, ws, rates, m, &metric.unit, summary);
                        rates_text(rates.len(), summary.median, m.target, &metric.unit)
                    }
                    (Pledges::Sum(sum), _) => {
                        bar_ui(ui, sum, m.target, scale);
                        sum_text(sum.total(), m.target, &metric.unit)
                    }
                    // Made together in `Card::new`: a rate milestone always
                    // has its summary.
                    (Pledges::Rates(_), None) => String::new(),
                };
                ui.add(egui::Label::new(text).wrap());
                ui.end_row();
            }
        });
}

fn sum_text(pledged: f64, target: Option<f64>, unit: &str) -> String {
    match target {
        Some(target) if target > 0.0 => {
            let gap = (target - pledged).max(0.0);
            format!(
                "{} of {} {unit} pledged ({:.0} %){}",
                format_quantity(pledged),
                format_quantity(target),
                100.0 * pledged / target,
                if gap > 0.0 {
                    format!(" · gap {}", format_quantity(gap))
                } else {
                    " · target covered".into()
                }
            )
        }
        _ => format!("{} {unit} pledged · no target", format_quantity(pledged)),
    }
}

/// `pledging` stakeholders' rates, their `median`, and the target.
fn rates_text(pledging: usize, median: Option<f64>, target: Option<f64>, unit: &str) -> String {
    let Some(median) = median else {
        return match target {
            Some(t) => format!(
                "no stakeholder pledges · target {} {unit}",
                format_quantity(t)
            ),
            None => "no stakeholder pledges · no target".into(),
        };
    };
    let who = plural(pledging, "stakeholder pledges", "stakeholders pledge");
    let target = match target {
        Some(t) => format!("target {} {unit}", format_quantity(t)),
        None => "no target".into(),
    };
    format!(
        "{who} · median {} {unit} · {target}",
        format_quantity(median)
    )
}

/// A bar of the pledges by status, scaled to `scale`, with the target
/// marked. Without a target the bar stays empty: there is nothing to fill.
fn bar_ui(ui: &mut Ui, pledged: &Pledged, target: Option<f64>, scale: f64) {
    let (rect, response) = ui.allocate_exact_size(vec2(BAR_WIDTH, 14.0), Sense::hover());
    let Some(target) = target else {
        ui.painter().rect_stroke(
            rect,
            3.0,
            Stroke::new(1.0, ui.visuals().weak_text_color()),
            egui::StrokeKind::Inside,
        );
        response.on_hover_text(
            "No target for this milestone: the pledged figure is shown without a bar.",
        );
        return;
    };
    let dark = ui.visuals().dark_mode;
    let painter = ui.painter();
    painter.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    let mut x = rect.left();
    for (value, status) in [
        (pledged.achieved, CommitmentStatus::Achieved),
        (pledged.in_progress, CommitmentStatus::InProgress),
        (pledged.announced, CommitmentStatus::Announced),
        (pledged.at_risk, CommitmentStatus::AtRisk),
    ] {
        let w = (value / scale) as f32 * rect.width();
        if w > 0.0 {
            let segment = egui::Rect::from_min_size(pos2(x, rect.top()), vec2(w, rect.height()));
            painter.rect_filled(segment, 0.0, status_color(status, dark));
            x += w;
        }
    }
    paint_target(painter, rect, target, scale, ui.visuals());
    painter.rect_stroke(
        rect,
        3.0,
        Stroke::new(1.0, Color32::from_gray(120)),
        egui::StrokeKind::Inside,
    );
    response.on_hover_text(format!(
        "Achieved {} · in progress {} · announced {} · at risk {} · target {}",
        format_quantity(pledged.achieved),
        format_quantity(pledged.in_progress),
        format_quantity(pledged.announced),
        format_quantity(pledged.at_risk),
        format_quantity(target),
    ));
}

fn paint_target(painter: &Painter, rect: egui::Rect, target: f64, scale: f64, visuals: &Visuals) {
    let tx = rect.left() + (target / scale) as f32 * rect.width();
    painter.line_segment(
        [pos2(tx, rect.top() - 2.0), pos2(tx, rect.bottom() + 2.0)],
        Stroke::new(2.0, visuals.strong_text_color()),
    );
}

/// The median's mark: a hollow diamond, unlike a stakeholder's dot.
pub(super) fn paint_median(painter: &Painter, center: Pos2, height: f32, visuals: &Visuals) {
    let r = height / 2.0;
    painter.add(egui::Shape::closed_line(
        vec![
            center + vec2(0.0, -r),
            center + vec2(r * 0.7, 0.0),
            center + vec2(0.0, r),
            center + vec2(-r * 0.7, 0.0),
        ],
        Stroke::new(2.0, visuals.strong_text_color()),
    ));
}

/// A line from 0 to the scale with one dot per stakeholder's rate
/// (coloured by its pledge's status), the median and the target.
fn rates_ui(
    ui: &mut Ui,
    ws: &Workspace,
    rates: &[StakeholderRate],
    m: &MilestoneProgress,
    unit: &str,
    summary: &RateSummary,
) {
    let (rect, response) = ui.allocate_exact_size(vec2(BAR_WIDTH, 14.0), Sense::hover());
    let visuals = ui.visuals();
    let dark = visuals.dark_mode;
    let painter = ui.painter();
    let x_at = |place: f32| rect.left() + place * rect.width();
    let scale = summary.scale;
    painter.line_segment(
        [rect.left_center(), rect.right_center()],
        Stroke::new(1.0, Color32::from_gray(120)),
    );
    if let Some(target) = m.target {
        paint_target(painter, rect, target, scale, visuals);
    }
    for &(place, status) in &summary.dots {
        painter.circle_filled(
            pos2(x_at(place), rect.center().y),
            4.0,
            status_color(status, dark),
        );
    }
    if let Some(median) = summary.median {
        let place = (median / scale).clamp(0.0, 1.0) as f32;
        paint_median(
            painter,
            pos2(x_at(place), rect.center().y),
            rect.height(),
            visuals,
        );
    }
    // As `on_hover_text` does, but the text is only made once shown. (A
    // hover-only rectangle has no accessibility node for it to describe.)
    response.on_hover_ui(|ui| {
        ui.set_max_width(ui.spacing().tooltip_width);
        let text = summary
            .hover
            .get_or_init(|| rates_hover_text(ws, rates, unit));
        ui.add(egui::Label::new(text.as_str()));
    });
}
