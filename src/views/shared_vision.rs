//! The shared-vision slide of presenter mode: the coalition's title, its
//! sector and its vision in large type, and where its members stand.

use egui::{RichText, Ui};

use super::ViewContext;
use super::palette::category_icon_ui;
use crate::model::{Category, EngagementStage};

/// The shared-vision slide.
#[derive(Debug, Default)]
pub struct SharedVisionSlide;

impl SharedVisionSlide {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let ws = cx.ws;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width().min(1100.0));
                ui.add_space(16.0);
                ui.label(RichText::new(&ws.title).size(34.0).strong());
                ui.label(RichText::new(ws.sector.label()).size(20.0).weak());
                ui.add_space(20.0);
                if ws.vision.trim().is_empty() {
                    ui.label(
                        RichText::new("No shared vision written yet: add it on the Overview tab.")
                            .size(20.0)
                            .italics()
                            .weak(),
                    );
                } else {
                    ui.label(RichText::new(&ws.vision).size(24.0));
                }
                ui.add_space(28.0);
                members_ui(ui, cx);
            });
    }
}

/// For each category with members: how many, and how many of them have
/// committed (or are implementing).
fn members_ui(ui: &mut Ui, cx: &ViewContext<'_>) {
    let ws = cx.ws;
    egui::Grid::new("vision-members")
        .num_columns(3)
        .spacing([14.0, 8.0])
        .show(ui, |ui| {
            for &category in Category::ALL {
                let members: Vec<_> = ws
                    .stakeholders
                    .iter()
                    .filter(|s| s.category == category)
                    .collect();
                if members.is_empty() {
                    continue;
                }
                let committed = members
                    .iter()
                    .filter(|s| s.stage() >= EngagementStage::Committed)
                    .count();
                category_icon_ui(ui, category);
                ui.label(RichText::new(category.label()).size(18.0));
                ui.label(
                    RichText::new(format!("{committed} of {} committed", members.len())).size(18.0),
                );
                ui.end_row();
            }
        });
}
