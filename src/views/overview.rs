//! The workspace overview: title, sector, shared vision, tipping point and
//! notes, the headline figures, the workshops and the presentation's slides.
//! The roadmap's metrics and milestones are on the Roadmap tab.

use egui::{Grid, RichText, Ui};

use super::ViewContext;
use super::widgets::{choice, date_field, form_row, text_area, text_field};
use crate::edit::Edit;
use crate::model::{EngagementStage, Sector, Slide, Workshop, WorkshopId};

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
                workshops_ui(ui, cx);
                ui.add_space(12.0);
                presentation_ui(ui, cx);
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
            form_row(ui, "Tipping point", |ui| {
                let mut percent = ws.tipping_point_percent;
                let response = ui
                    .add(
                        egui::Slider::new(&mut percent, 0.0..=100.0)
                            .suffix(" %")
                            .step_by(1.0),
                    )
                    .on_hover_text(
                        "The share of a category's stakeholders with an active commitment at which \
                         the category is taken to tip (the line on the coverage chart)",
                    );
                let response = super::widgets::labelled_by_row(ui, response);
                if percent != ws.tipping_point_percent {
                    cx.out.push_from(&response, Edit::SetTippingPoint(percent));
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

/// The slides of presenter mode: reorder, leave out, add back.
fn presentation_ui(ui: &mut Ui, cx: &mut ViewContext<'_>) {
    ui.heading("Presentation");
    ui.label(
        RichText::new(
            "The slides presenter mode (F5) shows, in this order; saved in the workspace. \
             After a workshop ends, its summary comes last.",
        )
        .weak(),
    );
    let deck = cx.ws.deck();
    let mut changed = None;
    for (i, slide) in deck.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{}.", i + 1));
            ui.label(slide.label());
            let up = ui
                .add_enabled(i > 0, egui::Button::new("⏶").small())
                .on_hover_text("Earlier");
            let down = ui
                .add_enabled(i + 1 < deck.len(), egui::Button::new("⏷").small())
                .on_hover_text("Later");
            let out = ui
                .add_enabled(deck.len() > 1, egui::Button::new("✖").small())
                .on_hover_text("Leave this slide out");
            let mut new = deck.clone();
            if up
                .accessible_name(format!("Move {} earlier", slide.label()))
                .clicked()
            {
                new.swap(i, i - 1);
                changed = Some(new);
            } else if down
                .accessible_name(format!("Move {} later", slide.label()))
                .clicked()
            {
                new.swap(i, i + 1);
                changed = Some(new);
            } else if out
                .accessible_name(format!("Leave out {}", slide.label()))
                .clicked()
            {
                new.remove(i);
                changed = Some(new);
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        let missing: Vec<Slide> = Slide::DEFAULT_DECK
            .iter()
            .copied()
            .filter(|s| !deck.contains(s))
            .collect();
        for slide in missing {
            if ui.small_button(format!("➕ {}", slide.label())).clicked() {
                let mut new = deck.clone();
                new.push(slide);
                changed = Some(new);
            }
        }
        if !cx.ws.presentation.is_empty() && ui.small_button("Back to the default slides").clicked()
        {
            changed = Some(Slide::DEFAULT_DECK.to_vec());
        }
    });
    if let Some(slides) = changed {
        cx.out.push(Edit::SetPresentation(slides));
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
