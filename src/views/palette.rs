//! One look for each stakeholder category everywhere: an Okabe–Ito colour
//! (safe for colour-blind viewers) and a shape, so a category can be told
//! apart by shape alone in greyscale or on a washed-out projector.

use egui::{Color32, Pos2, Shape, Stroke, Vec2, epaint::PathShape};

use crate::model::{Category, CommitmentStatus, EngagementStage};

/// The category's colour. Okabe–Ito, with grey in place of black so it
/// shows on a dark background.
pub fn category_color(category: Category) -> Color32 {
    match category {
        Category::Industry => Color32::from_rgb(0xD5, 0x5E, 0x00),
        Category::Supplier => Color32::from_rgb(0xE6, 0x9F, 0x00),
        Category::Buyer => Color32::from_rgb(0x56, 0xB4, 0xE9),
        Category::Bank => Color32::from_rgb(0x00, 0x9E, 0x73),
        Category::Investor => Color32::from_rgb(0xF0, 0xE4, 0x42),
        Category::Government => Color32::from_rgb(0x00, 0x72, 0xB2),
        Category::CivilSociety => Color32::from_rgb(0xCC, 0x79, 0xA7),
        Category::ServiceProvider => Color32::from_rgb(0x99, 0x99, 0x99),
    }
}

/// `color` for text and thin marks (lines, outlines, small dots). On a light
/// background a very light colour (the Okabe–Ito yellow of investors and of
/// work in progress) is faint, so it is darkened there, keeping its hue;
/// fills keep the colour itself, so a category is still recognised.
pub fn ink(color: Color32, dark_mode: bool) -> Color32 {
    let brightness = (0.299 * f32::from(color.r())
        + 0.587 * f32::from(color.g())
        + 0.114 * f32::from(color.b()))
        / 255.0;
    if dark_mode || brightness < 0.7 {
        return color;
    }
    let darken = |c: u8| (f32::from(c) * 0.6).round() as u8;
    Color32::from_rgb(darken(color.r()), darken(color.g()), darken(color.b()))
}

/// The shape drawn for a category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyph {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    Hexagon,
    Star,
    Cross,
}

pub fn category_glyph(category: Category) -> Glyph {
    match category {
        Category::Industry => Glyph::Square,
        Category::Supplier => Glyph::TriangleUp,
        Category::Buyer => Glyph::Circle,
        Category::Bank => Glyph::Diamond,
        Category::Investor => Glyph::Star,
        Category::Government => Glyph::Hexagon,
        Category::CivilSociety => Glyph::TriangleDown,
        Category::ServiceProvider => Glyph::Cross,
    }
}

fn polygon(center: Pos2, radius: f32, corners: usize, start_angle: f32) -> Vec<Pos2> {
    (0..corners)
        .map(|i| {
            let angle = start_angle + i as f32 * std::f32::consts::TAU / corners as f32;
            center + radius * Vec2::angled(angle)
        })
        .collect()
}

/// The glyph as a filled shape with a thin outline, `radius` from its centre.
pub fn glyph_shape(
    glyph: Glyph,
    center: Pos2,
    radius: f32,
    fill: Color32,
    outline: Stroke,
) -> Shape {
    use std::f32::consts::{FRAC_PI_2, FRAC_PI_4, PI};
    let closed = |points: Vec<Pos2>| Shape::Path(PathShape::convex_polygon(points, fill, outline));
    match glyph {
        Glyph::Circle => Shape::circle_filled(center, radius * 0.9, fill).also_stroke(
            center,
            radius * 0.9,
            outline,
        ),
        Glyph::Square => closed(polygon(center, radius * 1.05, 4, FRAC_PI_4)),
        Glyph::Diamond => closed(polygon(center, radius * 1.1, 4, 0.0)),
        Glyph::TriangleUp => closed(polygon(center, radius * 1.15, 3, -FRAC_PI_2)),
        Glyph::TriangleDown => closed(polygon(center, radius * 1.15, 3, FRAC_PI_2)),
        Glyph::Hexagon => closed(polygon(center, radius, 6, 0.0)),
        Glyph::Star => {
            let points: Vec<Pos2> = (0..10)
                .map(|i| {
                    let r = if i % 2 == 0 {
                        radius * 1.15
                    } else {
                        radius * 0.5
                    };
                    center + r * Vec2::angled(-FRAC_PI_2 + i as f32 * PI / 5.0)
                })
                .collect();
            // A star is not convex: draw it as a fan of triangles plus an outline.
            let mut shapes: Vec<Shape> = (0..10)
                .map(|i| {
                    Shape::Path(PathShape::convex_polygon(
                        vec![center, points[i], points[(i + 1) % 10]],
                        fill,
                        Stroke::NONE,
                    ))
                })
                .collect();
            shapes.push(Shape::closed_line(points, outline));
            Shape::Vec(shapes)
        }
        Glyph::Cross => {
            let arm = radius * 0.38;
            let r = radius;
            let c = center;
            let points = vec![
                c + Vec2::new(-arm, -r),
                c + Vec2::new(arm, -r),
                c + Vec2::new(arm, -arm),
                c + Vec2::new(r, -arm),
                c + Vec2::new(r, arm),
                c + Vec2::new(arm, arm),
                c + Vec2::new(arm, r),
                c + Vec2::new(-arm, r),
                c + Vec2::new(-arm, arm),
                c + Vec2::new(-r, arm),
                c + Vec2::new(-r, -arm),
                c + Vec2::new(-arm, -arm),
            ];
            let bars = vec![
                Shape::rect_filled(
                    egui::Rect::from_center_size(c, Vec2::new(arm * 2.0, r * 2.0)),
                    0.0,
                    fill,
                ),
                Shape::rect_filled(
                    egui::Rect::from_center_size(c, Vec2::new(r * 2.0, arm * 2.0)),
                    0.0,
                    fill,
                ),
                Shape::closed_line(points, outline),
            ];
            Shape::Vec(bars)
        }
    }
}

trait AlsoStroke {
    fn also_stroke(self, center: Pos2, radius: f32, stroke: Stroke) -> Shape;
}

impl AlsoStroke for Shape {
    fn also_stroke(self, center: Pos2, radius: f32, stroke: Stroke) -> Shape {
        Shape::Vec(vec![self, Shape::circle_stroke(center, radius, stroke)])
    }
}

/// The category's glyph in its colour, outlined so it reads on any background.
pub fn category_marker(category: Category, center: Pos2, radius: f32, dark_mode: bool) -> Shape {
    let outline = if dark_mode {
        Color32::from_gray(20)
    } else {
        Color32::from_gray(60)
    };
    glyph_shape(
        category_glyph(category),
        center,
        radius,
        category_color(category),
        Stroke::new(1.0, outline),
    )
}

/// A small inline marker for a category, sized to the text, with the category
/// name as its tooltip.
pub fn category_icon_ui(ui: &mut egui::Ui, category: Category) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        ui.painter().add(category_marker(
            category,
            rect.center(),
            size * 0.36,
            ui.visuals().dark_mode,
        ));
    }
    response.on_hover_text(category.label())
}

/// A colour for a commitment status, readable in both themes.
pub fn status_color(status: CommitmentStatus, dark_mode: bool) -> Color32 {
    match (status, dark_mode) {
        (CommitmentStatus::Announced, _) => Color32::from_rgb(0x56, 0xB4, 0xE9),
        (CommitmentStatus::InProgress, true) => Color32::from_rgb(0xF0, 0xE4, 0x42),
        (CommitmentStatus::InProgress, false) => Color32::from_rgb(0xA0, 0x80, 0x00),
        (CommitmentStatus::Achieved, _) => Color32::from_rgb(0x00, 0x9E, 0x73),
        (CommitmentStatus::AtRisk, _) => Color32::from_rgb(0xD5, 0x5E, 0x00),
        (CommitmentStatus::Withdrawn, _) => Color32::from_rgb(0x99, 0x99, 0x99),
    }
}

/// The stage as four dots, one filled per rung climbed, with the stage's
/// name as its tooltip.
pub fn stage_rung_ui(ui: &mut egui::Ui, stage: EngagementStage) -> egui::Response {
    let rung = EngagementStage::ALL
        .iter()
        .position(|s| *s == stage)
        .unwrap_or(0);
    let dot = 3.5;
    let gap = 3.0;
    let size = Vec2::new(4.0 * (2.0 * dot) + 3.0 * gap, 2.0 * dot + 2.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        let color = ui.visuals().text_color();
        for i in 0..4 {
            let center = rect.left_center() + Vec2::new(dot + i as f32 * (2.0 * dot + gap), 0.0);
            if i < rung {
                ui.painter().circle_filled(center, dot, color);
            } else {
                ui.painter().circle_stroke(
                    center,
                    dot - 0.5,
                    Stroke::new(1.0, color.gamma_multiply(0.6)),
                );
            }
        }
    }
    response.on_hover_text(format!("Stage: {} — {}", stage.label(), stage.help()))
}

/// A wrapping legend of every category: its shape and colour, and its name.
pub fn category_legend_ui(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        for category in Category::ALL {
            category_icon_ui(ui, *category);
            ui.label(egui::RichText::new(category.label()).small());
            ui.add_space(6.0);
        }
    });
}

/// A dot in the status's colour, with the status as its tooltip.
pub fn status_dot_ui(ui: &mut egui::Ui, status: CommitmentStatus) -> egui::Response {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size * 0.8), egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        ui.painter().circle_filled(
            rect.center(),
            size * 0.28,
            status_color(status, ui.visuals().dark_mode),
        );
    }
    response.on_hover_text(status.label())
}

#[cfg(test)]
mod ink_tests {
    use super::*;

    #[test]
    fn only_light_colours_on_a_light_background_are_darkened() {
        let yellow = category_color(Category::Investor);
        let dark_yellow = ink(yellow, false);
        assert!(dark_yellow.r() < yellow.r() && dark_yellow.g() < yellow.g());
        // The hue stays: red and green keep their proportion.
        let ratio = |c: Color32| f32::from(c.r()) / f32::from(c.g());
        assert!((ratio(yellow) - ratio(dark_yellow)).abs() < 0.02);
        assert_eq!(ink(yellow, true), yellow);
        let blue = category_color(Category::Government);
        assert_eq!(ink(blue, false), blue);
    }
}
