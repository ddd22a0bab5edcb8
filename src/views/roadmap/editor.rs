//! Editing the roadmap: its metrics (name, unit, how pledges combine) and
//! its milestones with their targets.

use egui::{RichText, Ui};

use crate::edit::Edit;
use crate::model::{
    MILESTONE_STEP_YEARS, MILESTONE_YEARS, Metric, MetricId, MetricKind, MetricTarget, Milestone,
    Segment,
};
use crate::views::ViewContext;
use crate::views::widgets::{choice, text_area};

pub(super) fn roadmap_ui(ui: &mut Ui, cx: &mut ViewContext<'_>) {
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
        ui.horizontal_wrapped(|ui| metric_row_ui(ui, cx, metric));
    }
    if ui.button("➕ Add metric").clicked() {
        cx.out.push(Edit::AddMetric(Metric {
            id: MetricId::new_random(),
            name: "New metric".into(),
            unit: "%".into(),
            kind: MetricKind::from_unit("%"),
            description: String::new(),
            segment: None,
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
        let response = response.accessible_name(format!("Unit of {}", metric.name));
        if response.changed() {
            let mut new = metric.clone();
            new.unit = unit;
            cx.out.push_from(&response, Edit::UpdateMetric(new));
        }
    });
    ui.label(RichText::new("Pledges combine:").small());
    let name = format!("How pledges to {} combine", metric.name);
    ui.name_inputs(name.clone(), |ui| {
        let (response, chosen) = choice(
            ui,
            ("metric-kind", metric.id),
            metric.kind,
            MetricKind::ALL,
            |kind| kind.label().to_string(),
        );
        // The combo's button is named after the question, so a screen
        // reader (and a test) can find it.
        response
            .accessible_name(name.clone())
            .on_hover_text(metric.kind.explanation());
        if let Some(kind) = chosen {
            let mut new = metric.clone();
            new.kind = kind;
            // A pick is a step of its own, never merged with the next one.
            cx.out.push(Edit::UpdateMetric(new));
        }
    });
    ui.label(RichText::new("Flywheel:").small());
    let name = format!("Flywheel segment of {}", metric.name);
    ui.name_inputs(name.clone(), |ui| {
        let options = [
            None,
            Some(Segment::Demand),
            Some(Segment::Supply),
            Some(Segment::Finance),
            Some(Segment::Policy),
        ];
        let (response, chosen) = choice(
            ui,
            ("metric-segment", metric.id),
            metric.segment,
            &options,
            |segment| segment.map_or("—", Segment::label).to_string(),
        );
        response.accessible_name(name.clone()).on_hover_text(
            "The part of the flywheel this metric measures: its targets are that \
             segment's on the Flywheel tab",
        );
        if let Some(segment) = chosen {
            let mut new = metric.clone();
            new.segment = segment;
            cx.out.push(Edit::UpdateMetric(new));
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
        // One row per metric: long names and units never run off the edge.
        egui::Grid::new(("milestone-targets", milestone.year))
            .num_columns(2)
            .spacing([12.0, 2.0])
            .show(ui, |ui| {
                for metric in metrics {
                    target_ui(ui, cx, milestone, metric);
                    ui.end_row();
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
