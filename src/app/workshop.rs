//! A running workshop: started with its date, title and place, it is what
//! quick-captured commitments name as their source (and are dated on); the
//! status bar shows it, with who attends ticked from the stakeholders. Its
//! end shows what it brought, which can be presented as the last slide, and
//! makes it the Since… tab's reference.
//!
//! That a workshop is running is the window's state, not the file's: the
//! workshop itself is recorded in the workspace when it starts.

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::FlywheelApp;
use super::dialogs::Dialog;
use crate::analysis::workshop::workshop_summary;
use crate::command::Command;
use crate::edit::Edit;
use crate::model::{Workshop, WorkshopId};
use crate::text::plural;
use crate::views::Since;

impl FlywheelApp {
    /// The workshop running now, if it is still in the workspace.
    pub(super) fn running_workshop(&self) -> Option<&Workshop> {
        let id = self.running_workshop?;
        self.doc.workspace().workshops.iter().find(|w| w.id == id)
    }

    pub(super) fn ask_workshop_details(&mut self) {
        self.modals.show(Dialog::StartWorkshop {
            date: self.today().format("%Y-%m-%d").to_string(),
            title: String::new(),
            place: String::new(),
            error: None,
        });
    }

    pub(super) fn start_workshop(&mut self, date: NaiveDate, title: String) {
        let workshop = Workshop {
            id: WorkshopId::new_random(),
            date,
            title,
            attendees: Vec::new(),
            notes: String::new(),
        };
        self.running_workshop = Some(workshop.id);
        self.outbox.push(Edit::AddWorkshop(workshop));
    }

    /// Ends the running workshop and shows what it brought.
    pub(super) fn end_workshop(&mut self) {
        let Some(workshop) = self.running_workshop().cloned() else {
            self.running_workshop = None;
            return;
        };
        self.running_workshop = None;
        self.ended_workshop = Some(workshop.id);
        self.views.since.since = Some(Since::Workshop(workshop.id));
        let ws = self.doc.workspace();
        let summary = workshop_summary(ws, workshop.id).unwrap_or_default();
        let mut lines = vec![format!(
            "{} attended · {} captured · {} moved stage",
            workshop.attendees.len(),
            plural(summary.captured.len(), "commitment", "commitments"),
            plural(summary.moved.len(), "stakeholder", "stakeholders"),
        )];
        for id in &summary.captured {
            if let Some(c) = ws.commitment(*id) {
                lines.push(format!(
                    "• {}: {} — {}",
                    ws.stakeholder_name(c.stakeholder),
                    c.kind.label(),
                    c.title
                ));
            }
        }
        for (id, from, to) in &summary.moved {
            lines.push(format!(
                "• {}: {} › {}",
                ws.stakeholder_name(*id),
                from.label(),
                to.label()
            ));
        }
        lines.push("Since… now shows what changed since this workshop.".to_string());
        self.modals.show(Dialog::WorkshopEnded {
            heading: format!("Workshop ended: {}", workshop.title),
            lines,
        });
    }

    /// The running workshop in the status bar: its name, who attends
    /// (ticked from the stakeholders) and End.
    pub(super) fn workshop_status_ui(&mut self, ui: &mut Ui) {
        let Some(workshop) = self.running_workshop().cloned() else {
            return;
        };
        ui.separator();
        ui.label(
            RichText::new(format!("• Workshop running: {}", workshop.title))
                .color(ui.visuals().warn_fg_color),
        )
        .on_hover_text(
            "Commitments you capture (Ctrl+E) are dated on its day and name it as their source",
        );
        let ws = self.doc.workspace();
        let mut toggled = None;
        let button = ui
            .button(format!("Attendees ({})", workshop.attendees.len()))
            .on_hover_text("Tick who attends");
        // Over the status bar, and open while ticking several.
        egui::Popup::menu(&button)
            .align(egui::RectAlign::TOP_START)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                egui::ScrollArea::vertical()
                    .max_height(420.0)
                    .show(ui, |ui| {
                        for s in &ws.stakeholders {
                            let mut attending = workshop.attendees.contains(&s.id);
                            if ui.checkbox(&mut attending, s.display_name()).changed() {
                                toggled = Some(s.id);
                            }
                        }
                    });
            });
        if let Some(id) = toggled {
            let mut new = workshop.clone();
            if new.attendees.contains(&id) {
                new.attendees.retain(|a| *a != id);
            } else {
                new.attendees.push(id);
            }
            self.outbox.push(Edit::UpdateWorkshop(new));
        }
        if ui
            .button("End workshop")
            .on_hover_text(Command::EndWorkshop.help())
            .clicked()
        {
            self.outbox.command(Command::EndWorkshop);
        }
    }
}
