//! The last slide after a workshop: who came, what was captured, who moved
//! stage.

use egui::{RichText, Ui};

use super::ViewContext;
use super::palette::category_icon_ui;
use crate::analysis::workshop::workshop_summary;
use crate::model::WorkshopId;

/// The workshop-summary slide.
#[derive(Debug, Default)]
pub struct WorkshopSummarySlide {
    pub workshop: Option<WorkshopId>,
}

impl WorkshopSummarySlide {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let ws = cx.ws;
        let found = self.workshop.and_then(|id| {
            Some((
                ws.workshops.iter().find(|w| w.id == id)?,
                workshop_summary(ws, id)?,
            ))
        });
        let Some((workshop, summary)) = found else {
            ui.label(RichText::new("No workshop has ended in this window yet.").weak());
            return;
        };
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.label(RichText::new(&workshop.title).size(30.0).strong());
                ui.label(
                    RichText::new(format!(
                        "{} · {} attended",
                        workshop.date,
                        workshop.attendees.len()
                    ))
                    .size(18.0)
                    .weak(),
                );
                ui.add_space(16.0);
                ui.label(
                    RichText::new(format!("Captured ({})", summary.captured.len()))
                        .size(22.0)
                        .strong(),
                );
                for c in summary.captured.iter().filter_map(|id| ws.commitment(*id)) {
                    ui.horizontal(|ui| {
                        if let Some(s) = ws.stakeholder(c.stakeholder) {
                            category_icon_ui(ui, s.category);
                        }
                        ui.label(
                            RichText::new(format!(
                                "{}: {} — {}",
                                ws.stakeholder_name(c.stakeholder),
                                c.kind.label(),
                                c.title
                            ))
                            .size(18.0),
                        );
                    });
                }
                ui.add_space(16.0);
                ui.label(
                    RichText::new(format!("Moved stage ({})", summary.moved.len()))
                        .size(22.0)
                        .strong(),
                );
                for (id, from, to) in &summary.moved {
                    ui.horizontal(|ui| {
                        if let Some(s) = ws.stakeholder(*id) {
                            category_icon_ui(ui, s.category);
                        }
                        ui.label(
                            RichText::new(format!(
                                "{}: {} › {}",
                                ws.stakeholder_name(*id),
                                from.label(),
                                to.label()
                            ))
                            .size(18.0),
                        );
                    });
                }
            });
    }
}
