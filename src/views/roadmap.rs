//! The roadmap: milestones 2025 … 2050 in 5-year steps, and for each metric
//! how much the commitments linked to it pledge against each milestone's
//! target, so the gap is visible. Milestones and metrics are edited here.

use egui::{Color32, RichText, Sense, Stroke, Ui, vec2};

use super::ViewContext;
use super::format::format_quantity;
use super::palette::status_color;
use super::widgets::text_area;
use crate::analysis::Cached;
use crate::analysis::roadmap_progress::{MetricProgress, Pledged, roadmap_progress};
use crate::edit::Edit;
use crate::model::{
    CommitmentStatus, MILESTONE_STEP_YEARS, MILESTONE_YEARS, Metric, MetricId, MetricTarget,
    Milestone,
};

/// The roadmap tab, with its cached progress.
#[derive(Debug, Default)]
pub struct RoadmapView {
    /// Each metric's progress, for a revision and a day.
    progress: Cached<(u64, chrono::NaiveDate), Vec<MetricProgress>>,
}

impl RoadmapView {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let (ws, today) = (cx.ws, cx.today);
        let progress = self
            .progress
            .get((cx.revision, today), || roadmap_progress(ws, today));
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            let width = ui.available_width().min(1100.0);
            ui.set_max_width(width);
            timeline_ui(ui, cx);
            ui.add_space(10.0);
            ui.heading("Pledged against targets");
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Commitments linked to a metric, in the metric's unit, counted towards every milestone from their target year on. Withdrawn ones do not count.").weak().small());
            });
            legend_ui(ui);
            if progress.is_empty() {
                ui.label(RichText::new("No metrics yet — add one under “Edit the roadmap” below.").weak());
            }
            for metric_progress in progress {
                if let Some(metric) = cx.ws.roadmap.metric(metric_progress.metric) {
                    metric_card_ui(ui, metric, metric_progress);
                }
            }
            ui.add_space(10.0);
            egui::CollapsingHeader::new(RichText::new("Edit the roadmap: metrics, milestones and targets").strong())
                .id_salt("edit-roadmap")
                .default_open(cx.ws.roadmap.milestones.is_empty())
                .show(ui, |ui| roadmap_ui(ui, cx));
        });
    }
}

fn timeline_ui(ui: &mut Ui, cx: &ViewContext<'_>) {
    ui.heading("Roadmap");
    let milestones = &cx.ws.roadmap.milestones;
    if milestones.is_empty() {
        ui.label(
            RichText::new("No milestones yet — add them under “Edit the roadmap” below.").weak(),
        );
        return;
    }
    let columns = milestones.len();
    let gap = 8.0;
    let width = ((ui.available_width() - gap * (columns as f32 - 1.0)) / columns as f32).max(110.0);
    egui::ScrollArea::horizontal()
        .id_salt("timeline")
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for m in milestones {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(width - 14.0);
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
        });
}

fn legend_ui(ui: &mut Ui) {
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
    });
}

fn metric_card_ui(ui: &mut Ui, metric: &Metric, progress: &MetricProgress) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(RichText::new(&metric.name).strong());
            ui.label(RichText::new(format!("({})", metric.unit)).weak());
        });
        if !metric.description.is_empty() {
            ui.label(RichText::new(&metric.description).weak().small());
        }
        if progress.milestones.iter().all(|m| m.pledged.total() == 0.0) {
            let targets: Vec<String> = progress
                .milestones
                .iter()
                .filter_map(|m| m.target.map(|t| format!("{}: {} {}", m.year, format_quantity(t), metric.unit)))
                .collect();
            ui.label(if targets.is_empty() {
                "No targets set.".to_string()
            } else {
                format!("Targets: {}", targets.join(" · "))
            });
            ui.label(
                RichText::new("No commitment pledges towards this metric yet: link commitments to it in the inspector (Roadmap metric), with a quantity in its unit.")
                    .weak()
                    .small(),
            );
        } else {
            progress_grid_ui(ui, metric, progress);
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

fn progress_grid_ui(ui: &mut Ui, metric: &Metric, progress: &MetricProgress) {
    let scale = progress
        .milestones
        .iter()
        .map(|m| m.target.unwrap_or(0.0).max(m.pledged.total()))
        .fold(0.0, f64::max)
        .max(1e-9);
    egui::Grid::new(("metric-progress", metric.id))
        .num_columns(3)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for m in &progress.milestones {
                ui.label(RichText::new(m.year.to_string()).strong());
                bar_ui(ui, &m.pledged, m.target, scale);
                let pledged = m.pledged.total();
                let text = match m.target {
                    Some(target) if target > 0.0 => {
                        let gap = (target - pledged).max(0.0);
                        format!(
                            "{} of {} {} pledged ({:.0} %){}",
                            format_quantity(pledged),
                            format_quantity(target),
                            metric.unit,
                            100.0 * pledged / target,
                            if gap > 0.0 {
                                format!(" · gap {}", format_quantity(gap))
                            } else {
                                " · target covered".into()
                            }
                        )
                    }
                    _ => format!(
                        "{} {} pledged · no target",
                        format_quantity(pledged),
                        metric.unit
                    ),
                };
                ui.label(text);
                ui.end_row();
            }
        });
}

/// A bar of the pledges by status, scaled to `scale`, with the target marked.
fn bar_ui(ui: &mut Ui, pledged: &Pledged, target: Option<f64>, scale: f64) {
    let (rect, response) = ui.allocate_exact_size(vec2(260.0, 14.0), Sense::hover());
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
            let segment =
                egui::Rect::from_min_size(egui::pos2(x, rect.top()), vec2(w, rect.height()));
            painter.rect_filled(segment, 0.0, status_color(status, dark));
            x += w;
        }
    }
    if let Some(target) = target {
        let tx = rect.left() + (target / scale) as f32 * rect.width();
        painter.line_segment(
            [
                egui::pos2(tx, rect.top() - 2.0),
                egui::pos2(tx, rect.bottom() + 2.0),
            ],
            Stroke::new(2.0, ui.visuals().strong_text_color()),
        );
    }
    painter.rect_stroke(
        rect,
        3.0,
        Stroke::new(1.0, Color32::from_gray(120)),
        egui::StrokeKind::Inside,
    );
    response.on_hover_text(format!(
        "Achieved {} · in progress {} · announced {} · at risk {}{}",
        format_quantity(pledged.achieved),
        format_quantity(pledged.in_progress),
        format_quantity(pledged.announced),
        format_quantity(pledged.at_risk),
        target.map_or(String::new(), |t| format!(
            " · target {}",
            format_quantity(t)
        ))
    ));
}

fn roadmap_ui(ui: &mut Ui, cx: &mut ViewContext<'_>) {
    ui.heading("Roadmap");
    ui.label(
        RichText::new(
            "What the coalition measures, and the milestones, in 5-year steps, that set a target \
             for each metric. Commitments pledge towards a metric.",
        )
        .weak(),
    );
    let roadmap = &cx.ws.roadmap;
    ui.add_space(4.0);
    ui.label(RichText::new("Metrics").strong());
    if roadmap.metrics.is_empty() {
        ui.label(RichText::new("No metrics yet — add one below.").weak());
    }
    for metric in &roadmap.metrics {
        ui.horizontal(|ui| metric_row_ui(ui, cx, metric));
    }
    if ui.button("➕ Add metric").clicked() {
        cx.out.push(Edit::AddMetric(Metric {
            id: MetricId::new_random(),
            name: "New metric".into(),
            unit: "%".into(),
            description: String::new(),
        }));
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Milestones").strong());
    if roadmap.milestones.is_empty() {
        ui.label(RichText::new("No milestones yet — add the first one below.").weak());
    }
    for milestone in &roadmap.milestones {
        milestone_ui(ui, cx, milestone);
    }
    let next_year = roadmap
        .milestones
        .last()
        .map_or(2025, |m| m.year + MILESTONE_STEP_YEARS);
    if ui
        .add_enabled(
            MILESTONE_YEARS.contains(&next_year),
            egui::Button::new(format!("➕ Add milestone {next_year}")),
        )
        .clicked()
    {
        cx.out.push(Edit::AddMilestone(Milestone {
            year: next_year,
            summary: String::new(),
            targets: Vec::new(),
        }));
    }
}

fn metric_row_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, metric: &Metric) {
    ui.name_inputs(format!("Metric name: {}", metric.name), |ui| {
        let mut name = metric.name.clone();
        let response = ui.add(
            egui::TextEdit::singleline(&mut name)
                .hint_text("Metric name")
                .desired_width(260.0),
        );
        let response = if metric.description.is_empty() {
            response
        } else {
            response.on_hover_text(&metric.description)
        };
        let response = response.accessible_name(format!("Metric name: {}", metric.name));
        if response.changed() {
            let mut new = metric.clone();
            new.name = name;
            cx.out.push_from(&response, Edit::UpdateMetric(new));
        }
    });
    ui.name_inputs(format!("Unit of {}", metric.name), |ui| {
        let mut unit = metric.unit.clone();
        let response = ui.add(
            egui::TextEdit::singleline(&mut unit)
                .hint_text("unit")
                .desired_width(70.0),
        );
        if response.changed() {
            let mut new = metric.clone();
            new.unit = unit;
            cx.out.push_from(&response, Edit::UpdateMetric(new));
        }
    });
    if ui
        .small_button("🗑")
        .accessible_name(format!("Delete metric {}", metric.name))
        .on_hover_text("Delete this metric, its targets and the commitments' links to it")
        .clicked()
    {
        cx.out.push(Edit::DeleteMetric(metric.id));
    }
}

fn milestone_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, milestone: &Milestone) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(milestone.year.to_string()).heading().strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("🗑")
                    .accessible_name(format!("Delete milestone {}", milestone.year))
                    .on_hover_text(format!("Delete the {} milestone", milestone.year))
                    .clicked()
                {
                    cx.out.push(Edit::DeleteMilestone(milestone.year));
                }
            });
        });
        ui.name_inputs(format!("Summary {}", milestone.year), |ui| {
            let (response, changed) = text_area(
                ui,
                &milestone.summary,
                "Where the sector should be by this year",
                2,
            );
            if let Some(summary) = changed {
                let mut new = milestone.clone();
                new.summary = summary;
                cx.out.push_from(&response, Edit::UpdateMilestone(new));
            }
        });
        let metrics = &cx.ws.roadmap.metrics;
        if metrics.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            for metric in metrics {
                target_ui(ui, cx, milestone, metric);
                ui.add_space(12.0);
            }
        });
    });
}

fn target_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, milestone: &Milestone, metric: &Metric) {
    let current = milestone
        .targets
        .iter()
        .find(|t| t.metric == metric.id)
        .map(|t| t.value);
    ui.name_inputs(format!("{} target {}", metric.name, milestone.year), |ui| {
        let mut has = current.is_some();
        let toggle = ui
            .checkbox(&mut has, RichText::new(&metric.name).small())
            .on_hover_text("Set a target for this metric at this milestone");
        let mut value = current.unwrap_or(0.0);
        let drag = ui.add_enabled(
            has,
            egui::DragValue::new(&mut value)
                .speed(0.5)
                .suffix(format!(" {}", metric.unit)),
        );
        let wanted = has.then_some(value);
        if wanted != current {
            let mut new = milestone.clone();
            match wanted {
                Some(value) => match new.targets.iter_mut().find(|t| t.metric == metric.id) {
                    Some(target) => target.value = value,
                    None => new.targets.push(MetricTarget {
                        metric: metric.id,
                        value,
                    }),
                },
                None => new.targets.retain(|t| t.metric != metric.id),
            }
            let response = if toggle.changed() { toggle } else { drag };
            cx.out.push_from(&response, Edit::UpdateMilestone(new));
        }
    });
}
