//! The list of stakeholders beside the main view: search, add, select.

use egui::Ui;

use super::ViewContext;
use super::palette::{category_icon_ui, stage_rung_ui};
use super::widgets::command_button;
use crate::command::Command;
use crate::model::Stakeholder;

/// The side list of stakeholders, with its search text.
#[derive(Debug, Default)]
pub struct StakeholderList {
    pub search: String,
}

impl StakeholderList {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.horizontal(|ui| {
            ui.heading("Stakeholders");
            ui.label(egui::RichText::new(format!("{}", cx.ws.stakeholders.len())).weak());
        });
        ui.horizontal(|ui| {
            command_button(ui, cx.out, "➕", Command::AddStakeholder, true);
        });
        ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text("🔍 Search name, region, tag")
                .desired_width(f32::INFINITY),
        )
        .accessible_name("Search stakeholders");
        ui.separator();

        if cx.ws.stakeholders.is_empty() {
            ui.add_space(8.0);
            ui.label(
                egui::RichText::new(
                    "No stakeholders yet — add the first one with “Add stakeholder”, \
                     or open a workspace (File › Open).",
                )
                .weak(),
            );
            return;
        }

        let needle = self.search.trim().to_lowercase();
        let shown: Vec<&Stakeholder> = cx
            .ws
            .stakeholders
            .iter()
            .filter(|s| needle.is_empty() || matches(s, &needle))
            .collect();
        if shown.is_empty() {
            ui.label(
                egui::RichText::new(format!("No stakeholder matches “{}”.", self.search)).weak(),
            );
            return;
        }
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_height, shown.len(), |ui, rows| {
                for s in &shown[rows] {
                    row_ui(ui, cx, s);
                }
            });
    }
}

fn matches(s: &Stakeholder, needle: &str) -> bool {
    s.name.to_lowercase().contains(needle)
        || s.region.to_lowercase().contains(needle)
        || s.category.label().to_lowercase().contains(needle)
        || s.tags.iter().any(|t| t.to_lowercase().contains(needle))
}

fn row_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    let selected = cx.selection.stakeholder == Some(s.id);
    ui.horizontal(|ui| {
        category_icon_ui(ui, s.category);
        let name = if s.name.trim().is_empty() {
            egui::RichText::new("(unnamed)").italics()
        } else {
            egui::RichText::new(&s.name)
        };
        let response = ui
            .with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                stage_rung_ui(ui, s.stage());
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    ui.add(egui::Button::selectable(selected, name).truncate())
                })
                .inner
            })
            .inner;
        if response.clicked() {
            cx.selection.select_stakeholder(s.id);
        }
        if selected && !ui.is_rect_visible(response.rect) {
            response.scroll_to_me(None);
        }
    });
}
