//! The influence–support grid (a power–interest map): who can move the
//! sector, and where they stand. Dragging a stakeholder to another cell
//! rescores it, as one undo step.

use std::collections::BTreeMap;

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2, pos2, vec2};

use super::ViewContext;
use super::format::signed;
use super::palette::{category_legend_ui, category_marker};
use super::widgets::stakeholder_card_ui;
use crate::analysis::{StakeholderStats, stakeholder_stats};
use crate::edit::Edit;
use crate::model::{INFLUENCE_RANGE, SUPPORT_RANGE, StakeholderId};

/// A cell of the grid: (support, influence).
type Cell = (i8, u8);

const SUPPORTS: usize = 5;
const INFLUENCES: usize = 5;
/// Height kept free for the quadrant titles in the top and bottom rows.
const QUADRANT_TITLE_BAND: f32 = 30.0;
/// Above this many stakeholders in one cell, markers become plain dots.
const DETAILED_MARKERS_PER_CELL: usize = 60;

/// Who is in which cell, and their stats, for one revision.
#[derive(Debug, Default)]
struct Cache {
    revision: u64,
    cells: BTreeMap<Cell, Vec<usize>>,
    stats: Vec<StakeholderStats>,
}

/// A stakeholder being dragged to another cell.
#[derive(Clone, Copy, Debug)]
struct Drag {
    id: StakeholderId,
    index: usize,
}

/// The grid tab.
#[derive(Debug)]
pub struct InfluenceGrid {
    pub show_labels: bool,
    cache: Option<Cache>,
    drag: Option<Drag>,
    /// Where each marker was drawn last frame, for hit tests and tests.
    markers: Vec<(StakeholderId, Pos2, f32)>,
    plot: Rect,
}

impl Default for InfluenceGrid {
    fn default() -> Self {
        Self {
            show_labels: true,
            cache: None,
            drag: None,
            markers: Vec::new(),
            plot: Rect::NOTHING,
        }
    }
}

/// The quadrants of the map, their advice and where they sit.
const QUADRANTS: [(&str, &str, Align2); 4] = [
    (
        "Keep satisfied",
        "Influential but not (yet) on board",
        Align2::LEFT_TOP,
    ),
    (
        "Manage closely",
        "Influential allies: involve them in every step",
        Align2::RIGHT_TOP,
    ),
    (
        "Monitor",
        "Little influence, little support",
        Align2::LEFT_BOTTOM,
    ),
    (
        "Keep informed",
        "Supportive, less influential",
        Align2::RIGHT_BOTTOM,
    ),
];

impl InfluenceGrid {
    /// Where a stakeholder's marker was drawn in the last frame.
    pub fn marker_position(&self, id: StakeholderId) -> Option<Pos2> {
        self.markers.iter().find(|m| m.0 == id).map(|m| m.1)
    }

    /// The centre of the cell for `support` and `influence` in the last frame.
    pub fn cell_center(&self, support: i8, influence: u8) -> Option<Pos2> {
        (self.plot.is_positive()).then(|| self.cell_rect((support, influence)).center())
    }

    fn cell_size(&self) -> Vec2 {
        vec2(
            self.plot.width() / SUPPORTS as f32,
            self.plot.height() / INFLUENCES as f32,
        )
    }

    fn cell_rect(&self, (support, influence): Cell) -> Rect {
        let size = self.cell_size();
        let column = (support - SUPPORT_RANGE.start()) as f32;
        let row = (INFLUENCE_RANGE.end() - influence) as f32;
        Rect::from_min_size(self.plot.min + vec2(column * size.x, row * size.y), size)
    }

    fn cell_at(&self, pos: Pos2) -> Option<Cell> {
        if !self.plot.contains(pos) {
            return None;
        }
        let size = self.cell_size();
        let column = ((pos.x - self.plot.min.x) / size.x).floor() as i8;
        let row = ((pos.y - self.plot.min.y) / size.y).floor() as u8;
        let support =
            (SUPPORT_RANGE.start() + column).clamp(*SUPPORT_RANGE.start(), *SUPPORT_RANGE.end());
        let influence = INFLUENCE_RANGE
            .end()
            .saturating_sub(row)
            .clamp(*INFLUENCE_RANGE.start(), *INFLUENCE_RANGE.end());
        Some((support, influence))
    }

    fn marker_at(&self, pos: Pos2) -> Option<StakeholderId> {
        self.markers
            .iter()
            .filter(|(_, center, radius)| center.distance(pos) <= radius.max(6.0) + 2.0)
            .min_by(|a, b| a.1.distance(pos).total_cmp(&b.1.distance(pos)))
            .map(|m| m.0)
    }

    fn refresh(&mut self, cx: &ViewContext<'_>) {
        if self
            .cache
            .as_ref()
            .is_some_and(|c| c.revision == cx.revision)
        {
            return;
        }
        let mut cells: BTreeMap<Cell, Vec<usize>> = BTreeMap::new();
        for (i, s) in cx.ws.stakeholders.iter().enumerate() {
            cells.entry((s.support, s.influence)).or_default().push(i);
        }
        self.cache = Some(Cache {
            revision: cx.revision,
            cells,
            stats: stakeholder_stats(cx.ws),
        });
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.show_labels, "Show names");
            ui.separator();
            category_legend_ui(ui);
        });
        ui.label(
            RichText::new("Drag a stakeholder to another cell to change its influence and support; hover for details.")
                .weak()
                .small(),
        );
        if cx.ws.stakeholders.is_empty() {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("No stakeholders to map yet").heading());
                ui.label("Add stakeholders with “Add stakeholder” (Ctrl+Shift+N); each appears here by its influence and support.");
            });
            return;
        }
        self.refresh(cx);

        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let full = response.rect;
        let margin_left = 56.0;
        let margin_bottom = 44.0;
        self.plot = Rect::from_min_max(
            pos2(full.min.x + margin_left, full.min.y + 6.0),
            pos2(full.max.x - 8.0, full.max.y - margin_bottom),
        );
        if !self.plot.is_positive() || self.plot.width() < 100.0 || self.plot.height() < 100.0 {
            return;
        }
        let visuals = ui.visuals().clone();
        self.paint_background(&painter, &visuals);
        self.paint_markers(ui, &painter, cx);
        self.interact(ui, &response, &painter, cx);
    }

    fn paint_background(&self, painter: &egui::Painter, visuals: &egui::Visuals) {
        let text = visuals.text_color();
        let weak = visuals.weak_text_color();
        let grid = visuals.widgets.noninteractive.bg_stroke.color;
        // Quadrants split through the neutral column and the middle row.
        let center = self.cell_rect((0, 3)).center();
        let tints = if visuals.dark_mode {
            [
                Color32::from_rgba_unmultiplied(213, 94, 0, 18),
                Color32::from_rgba_unmultiplied(0, 158, 115, 26),
                Color32::from_rgba_unmultiplied(153, 153, 153, 10),
                Color32::from_rgba_unmultiplied(86, 180, 233, 18),
            ]
        } else {
            [
                Color32::from_rgba_unmultiplied(213, 94, 0, 22),
                Color32::from_rgba_unmultiplied(0, 158, 115, 30),
                Color32::from_rgba_unmultiplied(153, 153, 153, 16),
                Color32::from_rgba_unmultiplied(86, 180, 233, 26),
            ]
        };
        let p = self.plot;
        let quadrant_rects = [
            Rect::from_min_max(p.min, center),
            Rect::from_min_max(pos2(center.x, p.min.y), pos2(p.max.x, center.y)),
            Rect::from_min_max(pos2(p.min.x, center.y), pos2(center.x, p.max.y)),
            Rect::from_min_max(center, p.max),
        ];
        for ((rect, tint), (title, advice, align)) in
            quadrant_rects.iter().zip(tints).zip(QUADRANTS)
        {
            painter.rect_filled(*rect, 0.0, tint);
            let anchor = align.pos_in_rect(&rect.shrink(6.0));
            let title_galley = painter.layout_no_wrap(
                title.to_string(),
                FontId::proportional(15.0),
                text.gamma_multiply(0.8),
            );
            let advice_galley =
                painter.layout_no_wrap(advice.to_string(), FontId::proportional(11.0), weak);
            let (title_pos, advice_pos) = if align.y() == egui::Align::Min {
                (anchor, anchor + vec2(0.0, title_galley.size().y))
            } else {
                (anchor - vec2(0.0, advice_galley.size().y), anchor)
            };
            let title_rect = align.anchor_size(title_pos, title_galley.size());
            let advice_rect = align.anchor_size(advice_pos, advice_galley.size());
            painter.galley(title_rect.min, title_galley, text);
            painter.galley(advice_rect.min, advice_galley, weak);
        }
        for i in 0..=SUPPORTS {
            let x = p.min.x + i as f32 * p.width() / SUPPORTS as f32;
            painter.line_segment([pos2(x, p.min.y), pos2(x, p.max.y)], Stroke::new(1.0, grid));
        }
        for i in 0..=INFLUENCES {
            let y = p.min.y + i as f32 * p.height() / INFLUENCES as f32;
            painter.line_segment([pos2(p.min.x, y), pos2(p.max.x, y)], Stroke::new(1.0, grid));
        }
        painter.line_segment(
            [pos2(center.x, p.min.y), pos2(center.x, p.max.y)],
            Stroke::new(1.5, weak),
        );
        painter.line_segment(
            [pos2(p.min.x, center.y), pos2(p.max.x, center.y)],
            Stroke::new(1.5, weak),
        );
        for support in SUPPORT_RANGE {
            let rect = self.cell_rect((support, 1));
            painter.text(
                pos2(rect.center().x, p.max.y + 4.0),
                Align2::CENTER_TOP,
                signed(support),
                FontId::proportional(14.0),
                text,
            );
        }
        painter.text(
            pos2(p.center().x, p.max.y + 22.0),
            Align2::CENTER_TOP,
            "Support  (−2 opposes … +2 champions)",
            FontId::proportional(13.0),
            weak,
        );
        for influence in INFLUENCE_RANGE {
            let rect = self.cell_rect((0, influence));
            painter.text(
                pos2(p.min.x - 8.0, rect.center().y),
                Align2::RIGHT_CENTER,
                influence.to_string(),
                FontId::proportional(14.0),
                text,
            );
        }
        let label =
            painter.layout_no_wrap("Influence".to_string(), FontId::proportional(13.0), weak);
        let at = pos2(p.min.x - 44.0, p.center().y + label.size().x / 2.0);
        painter.add(
            egui::epaint::TextShape::new(at, label, weak).with_angle(-std::f32::consts::FRAC_PI_2),
        );
    }

    fn paint_markers(&mut self, ui: &Ui, painter: &egui::Painter, cx: &ViewContext<'_>) {
        let Some(cache) = &self.cache else {
            return;
        };
        let dark = ui.visuals().dark_mode;
        let text_color = ui.visuals().text_color();
        let font = FontId::proportional(12.0);
        let row_height = 17.0;
        let mut markers = Vec::with_capacity(cx.ws.stakeholders.len());
        for (&cell, members) in &cache.cells {
            let mut rect = self.cell_rect(cell).shrink(4.0);
            // Leave the quadrant titles in the top and bottom rows readable.
            if cell.1 == *INFLUENCE_RANGE.end() {
                rect.min.y += QUADRANT_TITLE_BAND;
            } else if cell.1 == *INFLUENCE_RANGE.start() {
                rect.max.y -= QUADRANT_TITLE_BAND;
            }
            let n = members.len();
            let list_fits = self.show_labels && (n as f32) * row_height <= rect.height();
            if list_fits {
                // One row per stakeholder: marker and name, truncated to the cell.
                let top = rect.center().y - n as f32 * row_height / 2.0;
                for (row, &i) in members.iter().enumerate() {
                    let s = &cx.ws.stakeholders[i];
                    let center = pos2(rect.min.x + 8.0, top + (row as f32 + 0.5) * row_height);
                    painter.add(category_marker(s.category, center, 6.0, dark));
                    let galley = painter.layout(
                        s.display_name().to_string(),
                        font.clone(),
                        text_color,
                        rect.width() - 20.0,
                    );
                    let galley = if galley.rows.len() > 1 {
                        truncated(
                            painter,
                            s.display_name(),
                            &font,
                            text_color,
                            rect.width() - 20.0,
                        )
                    } else {
                        galley
                    };
                    painter.galley(
                        pos2(center.x + 10.0, center.y - galley.size().y / 2.0),
                        galley,
                        text_color,
                    );
                    markers.push((s.id, center, 7.0));
                }
            } else {
                // A compact grid of markers, spread so none hides another.
                let columns = (n as f32).sqrt().ceil().max(1.0) as usize;
                let rows = n.div_ceil(columns);
                let step = (rect.width() / columns as f32).min(rect.height() / rows as f32);
                let radius = (step * 0.38).clamp(1.5, 8.0);
                let origin =
                    rect.center() - vec2(columns as f32 - 1.0, rows as f32 - 1.0) * step / 2.0;
                let detailed = n <= DETAILED_MARKERS_PER_CELL;
                for (k, &i) in members.iter().enumerate() {
                    let s = &cx.ws.stakeholders[i];
                    let center = origin + vec2((k % columns) as f32, (k / columns) as f32) * step;
                    if detailed {
                        painter.add(category_marker(s.category, center, radius, dark));
                    } else {
                        painter.circle_filled(
                            center,
                            radius,
                            super::palette::category_color(s.category),
                        );
                    }
                    markers.push((s.id, center, radius));
                }
                if self.show_labels {
                    painter.text(
                        rect.right_top(),
                        Align2::RIGHT_TOP,
                        format!("{n}"),
                        FontId::proportional(11.0),
                        ui.visuals().weak_text_color(),
                    );
                }
            }
        }
        if let Some(selected) = cx.selection.stakeholder
            && let Some((_, center, radius)) = markers.iter().find(|m| m.0 == selected)
        {
            painter.circle_stroke(
                *center,
                radius + 4.0,
                Stroke::new(2.0, ui.visuals().selection.stroke.color),
            );
        }
        self.markers = markers;
    }

    fn interact(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        painter: &egui::Painter,
        cx: &mut ViewContext<'_>,
    ) {
        let pointer = response.interact_pointer_pos().or(response.hover_pos());
        if response.drag_started() {
            // Hit-test where the press began: the pointer has moved on by now.
            let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
            if let Some(id) = origin.and_then(|p| self.marker_at(p))
                && let Some(index) = cx.ws.stakeholders.iter().position(|s| s.id == id)
            {
                self.drag = Some(Drag { id, index });
                cx.selection.select_stakeholder(id);
            }
        }
        if let Some(drag) = self.drag {
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.drag = None;
                return;
            }
            let s = &cx.ws.stakeholders[drag.index.min(cx.ws.stakeholders.len() - 1)];
            if let Some(pos) = response.interact_pointer_pos() {
                if let Some(cell) = self.cell_at(pos) {
                    painter.rect_stroke(
                        self.cell_rect(cell),
                        2.0,
                        Stroke::new(2.0, ui.visuals().selection.stroke.color),
                        egui::StrokeKind::Inside,
                    );
                }
                painter.add(category_marker(
                    s.category,
                    pos,
                    9.0,
                    ui.visuals().dark_mode,
                ));
                painter.text(
                    pos + vec2(12.0, 0.0),
                    Align2::LEFT_CENTER,
                    s.display_name(),
                    FontId::proportional(13.0),
                    ui.visuals().strong_text_color(),
                );
            }
            if response.drag_stopped() {
                self.drag = None;
                let target = response
                    .interact_pointer_pos()
                    .or(ui.input(|i| i.pointer.latest_pos()));
                if let (Some((support, influence)), true) =
                    (target.and_then(|p| self.cell_at(p)), s.id == drag.id)
                    && (support, influence) != (s.support, s.influence)
                {
                    let mut moved = s.clone();
                    moved.support = support;
                    moved.influence = influence;
                    cx.out.push(Edit::UpdateStakeholder(moved));
                }
            }
            return;
        }
        let hovered = response.hover_pos().and_then(|p| self.marker_at(p));
        if response.clicked() {
            match pointer.and_then(|p| self.marker_at(p)) {
                Some(id) => cx.selection.select_stakeholder(id),
                None => cx.selection.stakeholder = None,
            }
        }
        if let Some(id) = hovered
            && let Some((index, s)) = cx
                .ws
                .stakeholders
                .iter()
                .enumerate()
                .find(|(_, s)| s.id == id)
        {
            let commitments = self
                .cache
                .as_ref()
                .and_then(|c| c.stats.get(index))
                .map_or(0, |s| s.commitments);
            response
                .clone()
                .on_hover_ui_at_pointer(|ui| stakeholder_card_ui(ui, s, commitments));
            ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
        }
    }
}

/// A one-line galley of `text`, cut with "…" to fit `width`.
fn truncated(
    painter: &egui::Painter,
    text: &str,
    font: &FontId,
    color: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_string(), font.clone(), color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width.max(10.0));
    painter.layout_job(job)
}
