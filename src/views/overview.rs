//! The workspace overview: title, sector, shared vision, roadmap milestones
//! and metrics, and workshops.

use egui::{Grid, RichText, Ui};

use super::ViewContext;
use super::widgets::{choice, date_field, form_row, text_area, text_field};
use crate::edit::Edit;
use crate::model::{
    EngagementStage, MILESTONE_STEP_YEARS, MILESTONE_YEARS, Metric, MetricId, MetricTarget,
    Milestone, Sector, Workshop, WorkshopId,
};

/// The overview tab.
#[derive(Debug, Default)]
pub struct Overview;

impl Overview {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let width = ui.available_width().min(1100.0);
                ui.set_max_width(width);
                workspace_ui(ui, cx);
                ui.add_space(12.0);
                summary_ui(ui, cx);
                ui.add_space(12.0);
                roadmap_ui(ui, cx);
                ui.add_space(12.0);
                workshops_ui(ui, cx);
            });
    }
}

fn workspace_ui(ui: &mut Ui, cx: &mut ViewContext<'_>) {
    let ws = cx.ws;
    Grid::new("workspace-meta")
        .num_columns(2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            form_row(ui, "Title", |ui| {
                let (response, changed) = text_field(ui, &ws.title, "Name of the coalition");
                if let Some(title) = changed {
                    cx.out.push_from(&response, Edit::SetTitle(title));
                }
            });
            form_row(ui, "Sector", |ui| {
                let (response, chosen) = choice(ui, "sector", ws.sector, Sector::ALL, |s| {
                    s.label().to_string()
                });
                if let Some(sector) = chosen {
                    cx.out.push_from(&response, Edit::SetSector(sector));
                }
            });
            form_row(ui, "Shared vision", |ui| {
                let (response, changed) = text_area(
                    ui,
                    &ws.vision,
                    "Where the coalition wants the sector to be, in its members' words",
                    3,
                );
                if let Some(vision) = changed {
                    cx.out.push_from(&response, Edit::SetVision(vision));
                }
            });
            form_row(ui, "Notes", |ui| {
                let (response, changed) = egui::ScrollArea::vertical()
                    .id_salt("workspace-notes")
                    .max_height(120.0)
                    .show(ui, |ui| {
                        text_area(ui, &ws.notes, "Sources, caveats, who keeps this file", 2)
                    })
                    .inner;
                if let Some(notes) = changed {
                    cx.out.push_from(&response, Edit::SetNotes(notes));
                }
            });
        });
}

fn summary_ui(ui: &mut Ui, cx: &ViewContext<'_>) {
    let ws = cx.ws;
    let committed = ws
        .stakeholders
        .iter()
        .filter(|s| s.stage() >= EngagementStage::Committed)
        .count();
    let active = ws
        .commitments
        .iter()
        .filter(|c| c.status().is_active())
        .count();
    ui.horizontal_wrapped(|ui| {
        for (value, label) in [
            (ws.stakeholders.len(), "stakeholders"),
            (committed, "committed or implementing"),
            (ws.relationships.len(), "relationships"),
            (ws.commitments.len(), "commitments"),
            (active, "active commitments"),
            (ws.workshops.len(), "workshops"),
        ] {
            // One label per figure, so the row wraps between figures, never inside one.
            let mut job = egui::text::LayoutJob::default();
            RichText::new(format!("{value} "))
                .strong()
                .size(18.0)
                .append_to(
                    &mut job,
                    ui.style(),
                    egui::FontSelection::Default,
                    egui::Align::Center,
                );
            RichText::new(label).weak().append_to(
                &mut job,
                ui.style(),
                egui::FontSelection::Default,
                egui::Align::Center,
            );
            ui.add(egui::Label::new(job).extend());
            ui.add_space(10.0);
        }
    });
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

fn workshops_ui(ui: &mut Ui, cx: &mut ViewContext<'_>) {
    ui.heading("Workshops");
    let workshops = &cx.ws.workshops;
    if workshops.is_empty() {
        ui.label(RichText::new("No workshops recorded yet.").weak());
    }
    for w in workshops {
        egui::CollapsingHeader::new(format!("{}  {}", w.date, w.title))
            .id_salt(("workshop", w.id))
            .show(ui, |ui| workshop_ui(ui, cx, w));
    }
    if ui
        .button("➕ Add workshop")
        .on_hover_text("Record a workshop held today")
        .clicked()
    {
        cx.out.push(Edit::AddWorkshop(Workshop {
            id: WorkshopId::new_random(),
            date: cx.today,
            title: "Coalition workshop".into(),
            attendees: Vec::new(),
            notes: String::new(),
        }));
    }
}

fn workshop_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, w: &Workshop) {
    Grid::new(("workshop-form", w.id))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            form_row(ui, "Title", |ui| {
                let (response, changed) = text_field(ui, &w.title, "Workshop title");
                if let Some(title) = changed {
                    let mut new = w.clone();
                    new.title = title;
                    cx.out.push_from(&response, Edit::UpdateWorkshop(new));
                }
            });
            form_row(ui, "Date", |ui| {
                let (response, changed) = date_field(ui, ("workshop-date", w.id), w.date);
                if let Some(date) = changed {
                    let mut new = w.clone();
                    new.date = date;
                    cx.out.push_from(&response, Edit::UpdateWorkshop(new));
                }
            });
            form_row(ui, "Attendees", |ui| {
                ui.vertical(|ui| {
                    let names: Vec<&str> = w
                        .attendees
                        .iter()
                        .map(|id| cx.ws.stakeholder_name(*id))
                        .collect();
                    ui.label(if names.is_empty() {
                        "nobody recorded".to_string()
                    } else {
                        names.join(", ")
                    });
                    if let Some(selected) = cx.selection.stakeholder {
                        let name = cx.ws.stakeholder_name(selected).to_owned();
                        let attending = w.attendees.contains(&selected);
                        let label = if attending {
                            format!("Remove {name}")
                        } else {
                            format!("Add {name} (selected)")
                        };
                        if ui.small_button(label).clicked() {
                            let mut new = w.clone();
                            if attending {
                                new.attendees.retain(|a| *a != selected);
                            } else {
                                new.attendees.push(selected);
                            }
                            cx.out.push(Edit::UpdateWorkshop(new));
                        }
                    }
                });
            });
            form_row(ui, "Notes", |ui| {
                let (response, changed) = text_area(ui, &w.notes, "What was said and agreed", 3);
                if let Some(notes) = changed {
                    let mut new = w.clone();
                    new.notes = notes;
                    cx.out.push_from(&response, Edit::UpdateWorkshop(new));
                }
            });
        });
    if ui.small_button("🗑 Delete workshop").clicked() {
        cx.out.push(Edit::DeleteWorkshop(w.id));
    }
}
