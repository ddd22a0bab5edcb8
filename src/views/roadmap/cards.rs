//! One card per metric: its pledges at each milestone against the target.
//! An additive metric gets a bar of the summed pledges by status; a rate
//! metric gets one mark per pledging stakeholder and the median, because
//! firms' own rates never add up.

use egui::{Color32, Painter, Pos2, RichText, Sense, Stroke, Ui, Visuals, pos2, vec2};

use crate::analysis::roadmap_progress::{
    MetricProgress, MilestoneProgress, Pledged, Pledges, StakeholderRate, median_rate,
};
use crate::model::{CommitmentStatus, Metric, Workspace};
use crate::views::format::format_quantity;
use crate::views::palette::status_color;

const BAR_WIDTH: f32 = 260.0;

pub(super) fn metric_card_ui(
    ui: &mut Ui,
    ws: &Workspace,
    metric: &Metric,
    progress: &MetricProgress,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(&metric.name).strong());
            ui.label(RichText::new(format!("({})", metric.unit)).weak());
            ui.label(RichText::new(format!("· pledges: {}", metric.kind.label())).weak())
                .on_hover_text(metric.kind.explanation());
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
            progress_grid_ui(ui, ws, metric, progress);
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

fn progress_grid_ui(ui: &mut Ui, ws: &Workspace, metric: &Metric, progress: &MetricProgress) {
    let scale = scale(progress);
    egui::Grid::new(("metric-progress", metric.id))
        .num_columns(3)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for m in &progress.milestones {
                ui.label(RichText::new(m.year.to_string()).strong());
                let text = match &m.pledges {
                    Pledges::Sum(sum) => {
                        bar_ui(ui, sum, m.target, scale);
                        sum_text(sum.total(), m.target, &metric.unit)
                    }
                    Pledges::Rates(rates) => {
                        rates_ui(ui, ws, rates, m, scale, &metric.unit);
                        rates_text(rates, m.target, &metric.unit)
                    }
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

fn rates_text(rates: &[StakeholderRate], target: Option<f64>, unit: &str) -> String {
    let Some(median) = median_rate(rates) else {
        return match target {
            Some(t) => format!(
                "no stakeholder pledges · target {} {unit}",
                format_quantity(t)
            ),
            None => "no stakeholder pledges · no target".into(),
        };
    };
    let who = match rates.len() {
        1 => "1 stakeholder pledges".to_string(),
        n => format!("{n} stakeholders pledge"),
    };
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

/// A line from 0 to `scale` with one dot per stakeholder's rate (coloured
/// by its pledge's status), the median and the target.
fn rates_ui(
    ui: &mut Ui,
    ws: &Workspace,
    rates: &[StakeholderRate],
    m: &MilestoneProgress,
    scale: f64,
    unit: &str,
) {
    let (rect, response) = ui.allocate_exact_size(vec2(BAR_WIDTH, 14.0), Sense::hover());
    let visuals = ui.visuals();
    let dark = visuals.dark_mode;
    let painter = ui.painter();
    let x_of = |value: f64| rect.left() + (value / scale).clamp(0.0, 1.0) as f32 * rect.width();
    painter.line_segment(
        [rect.left_center(), rect.right_center()],
        Stroke::new(1.0, Color32::from_gray(120)),
    );
    if let Some(target) = m.target {
        paint_target(painter, rect, target, scale, visuals);
    }
    for rate in rates {
        painter.circle_filled(
            pos2(x_of(rate.value), rect.center().y),
            4.0,
            status_color(rate.status, dark),
        );
    }
    if let Some(median) = median_rate(rates) {
        paint_median(
            painter,
            pos2(x_of(median), rect.center().y),
            rect.height(),
            visuals,
        );
    }
    let mut lines: Vec<String> = rates
        .iter()
        .rev()
        .map(|r| {
            format!(
                "{}: {} {unit} ({})",
                ws.stakeholder_name(r.stakeholder),
                format_quantity(r.value),
                r.status.label().to_lowercase()
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push("No stakeholder pledges a rate for this milestone.".into());
    }
    response.on_hover_text(lines.join("\n"));
}
