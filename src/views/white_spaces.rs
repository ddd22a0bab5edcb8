//! White spaces: stakeholder category × coalition stage. Empty cells are
//! where nobody in a category has moved yet; weak cells are below the
//! tipping point. Clicking a cell lists the stakeholders behind it.

use egui::{Color32, RichText, Sense, Stroke, Ui, vec2};

use super::ViewContext;
use super::palette::category_icon_ui;
use crate::analysis::Cached;
use crate::analysis::white_spaces::{CoalitionStage, WhiteSpaces, white_spaces};
use crate::model::Category;

/// The white-spaces tab.
#[derive(Debug, Default)]
pub struct WhiteSpacesView {
    /// The matrix, for a revision and a day.
    matrix: Cached<(u64, chrono::NaiveDate), WhiteSpaces>,
    /// The cell whose stakeholders are listed.
    pub opened: Option<(Category, CoalitionStage)>,
}

impl WhiteSpacesView {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let (ws, today) = (cx.ws, cx.today);
        let matrix = self
            .matrix
            .get((cx.revision, today), || white_spaces(ws, today));
        let opened = &mut self.opened;
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.label(RichText::new("Who has moved where: each category's stakeholders that have reached each stage of the coalition (through their engagement stage or a commitment; see Help › White spaces). Red cells are white spaces where nobody has moved; amber cells are below the tipping point.").weak());
            if ws.stakeholders.is_empty() {
                ui.add_space(12.0);
                ui.label(RichText::new("No stakeholders yet — add some to see where the white spaces are.").weak());
                return;
            }
            ui.add_space(6.0);
            grid_ui(ui, matrix, ws.tipping_point_percent, opened);
            ui.add_space(10.0);
            match *opened {
                Some(cell) => members_ui(ui, cx, matrix, cell),
                None => {
                    ui.label(RichText::new("Click a cell to see the stakeholders behind it.").weak());
                }
            }
        });
    }
}

/// The matrix: a row per category, a column per coalition stage.
fn grid_ui(
    ui: &mut Ui,
    matrix: &WhiteSpaces,
    tipping: f64,
    opened: &mut Option<(Category, CoalitionStage)>,
) {
    let cell_width = ((ui.available_width() - 190.0) / 4.0 - 6.0).clamp(70.0, 220.0);
    egui::Grid::new("white-spaces")
        .spacing([6.0, 6.0])
        .show(ui, |ui| {
            ui.label("");
            for stage in CoalitionStage::ALL {
                ui.allocate_ui(vec2(cell_width, 34.0), |ui| {
                    ui.add(egui::Label::new(RichText::new(stage.label()).strong()).wrap());
                });
            }
            ui.end_row();
            for &category in Category::ALL {
                let total = matrix.totals[category as usize];
                ui.horizontal(|ui| {
                    category_icon_ui(ui, category);
                    ui.label(format!("{} ({total})", category.label()));
                });
                for stage in CoalitionStage::ALL {
                    let cell = (category, stage);
                    let is_open = *opened == Some(cell);
                    if cell_ui(ui, matrix, cell, tipping, cell_width, is_open).clicked() {
                        *opened = if is_open { None } else { Some(cell) };
                    }
                }
                ui.end_row();
            }
        });
}

/// The fill, text colour and meaning of a cell with `count` of `total`.
fn cell_look(
    ui: &Ui,
    count: usize,
    total: usize,
    percent: f64,
    tipping: f64,
) -> (Color32, Color32, &'static str) {
    let dark = ui.visuals().dark_mode;
    let tint = |color: Color32, dark_share: f32, light_share: f32| {
        color.gamma_multiply(if dark { dark_share } else { light_share })
    };
    if total == 0 {
        (
            ui.visuals().faint_bg_color,
            ui.visuals().weak_text_color(),
            "no stakeholders",
        )
    } else if count == 0 {
        (
            tint(Color32::from_rgb(0xD5, 0x5E, 0x00), 0.45, 0.35),
            ui.visuals().strong_text_color(),
            "white space",
        )
    } else if percent < tipping {
        (
            tint(Color32::from_rgb(0xE6, 0x9F, 0x00), 0.35, 0.3),
            ui.visuals().text_color(),
            "below the tipping point",
        )
    } else {
        (
            tint(Color32::from_rgb(0x00, 0x9E, 0x73), 0.45, 0.35),
            ui.visuals().text_color(),
            "past the tipping point",
        )
    }
}

fn cell_ui(
    ui: &mut Ui,
    matrix: &WhiteSpaces,
    (category, stage): (Category, CoalitionStage),
    tipping: f64,
    width: f32,
    is_open: bool,
) -> egui::Response {
    let total = matrix.totals[category as usize];
    let count = matrix.cell(category, stage).len();
    let percent = matrix.percent(category, stage);
    let (fill, text_color, note) = cell_look(ui, count, total, percent, tipping);
    let (rect, response) = ui.allocate_exact_size(vec2(width, 38.0), Sense::click());
    let painter = ui.painter();
    painter.rect_filled(rect, 4.0, fill);
    if is_open {
        painter.rect_stroke(
            rect,
            4.0,
            Stroke::new(2.0, ui.visuals().selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
    let label = if total == 0 {
        "—".to_string()
    } else {
        format!("{count}  ({percent:.0} %)")
    };
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        label,
        egui::FontId::proportional(15.0),
        text_color,
    );
    response
        .accessible_name(format!(
            "{} × {}: {count} of {total}",
            category.label(),
            stage.label()
        ))
        .on_hover_text(format!(
            "{} at “{}”: {count} of {total}, {note}. Click to list them.",
            category.label(),
            stage.label()
        ))
}

/// The stakeholders behind the opened cell, or who could move first.
fn members_ui(
    ui: &mut Ui,
    cx: &mut ViewContext<'_>,
    matrix: &WhiteSpaces,
    (category, stage): (Category, CoalitionStage),
) {
    let members = matrix.cell(category, stage);
    ui.heading(format!(
        "{} at “{}” ({})",
        category.label(),
        stage.label(),
        members.len()
    ));
    if members.is_empty() {
        let missing: Vec<&str> = cx
            .ws
            .stakeholders
            .iter()
            .filter(|s| s.category == category)
            .map(|s| s.name.as_str())
            .collect();
        ui.label(RichText::new("Nobody yet: a white space.").strong());
        if !missing.is_empty() {
            ui.label(format!("Who could move first: {}", missing.join(", ")));
        }
    }
    // One lookup table, not a search of the list per member.
    let index = cx.ws.stakeholder_index();
    let ws = cx.ws;
    for &id in members {
        if let Some(s) = index.get(id).map(|i| &ws.stakeholders[i]) {
            ui.horizontal(|ui| {
                category_icon_ui(ui, s.category);
                if ui
                    .link(&s.name)
                    .on_hover_text(format!("{} · {}", s.stage(), s.region))
                    .clicked()
                {
                    cx.selection.select_stakeholder(s.id);
                }
                ui.label(RichText::new(s.stage().label()).weak().small());
            });
        }
    }
}
