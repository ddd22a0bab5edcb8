//! Drawing the grid: the quadrants with their advice, the cell lines and
//! axes, and each cell's stakeholders (a named list when it fits, a compact
//! block of markers when it does not).

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, Visuals, pos2, vec2};

use super::cells::{Cell, INFLUENCES, Members, Plot, SUPPORTS};
use crate::model::{INFLUENCE_RANGE, SUPPORT_RANGE, Stakeholder, StakeholderId, Workspace};
use crate::text::signed_score;
use crate::views::palette::{category_color, category_marker, ink};
use crate::views::recorded::{Recorded, Recorder};

/// Height kept free for the quadrant titles in the top and bottom rows.
const QUADRANT_TITLE_BAND: f32 = 30.0;
/// Above this many stakeholders in one cell, markers become plain dots.
const DETAILED_MARKERS_PER_CELL: usize = 60;
/// A row of a cell's named list.
const ROW_HEIGHT: f32 = 17.0;
const LIST_MARKER_RADIUS: f32 = 6.0;

/// Where a stakeholder's marker was drawn, for hit tests and tests.
#[derive(Clone, Copy, Debug)]
pub(super) struct Marker {
    pub id: StakeholderId,
    pub center: Pos2,
    pub radius: f32,
    /// The name beside the marker, when listed: part of its target.
    pub name: Option<Rect>,
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

/// Quadrant tints, in the order of [`QUADRANTS`].
fn quadrant_tints(dark_mode: bool) -> [Color32; 4] {
    let alphas = if dark_mode {
        [18, 26, 10, 18]
    } else {
        [22, 30, 16, 26]
    };
    let rgb = [(213, 94, 0), (0, 158, 115), (153, 153, 153), (86, 180, 233)];
    std::array::from_fn(|i| {
        let (r, g, b) = rgb[i];
        Color32::from_rgba_unmultiplied(r, g, b, alphas[i])
    })
}

/// Everything under the markers.
pub(super) fn background(painter: &Painter, visuals: &Visuals, plot: &Plot) {
    // Quadrants split along cell edges, never through a cell: support 0
    // and influence 3 (where every new stakeholder lands) are on the side
    // of "not (yet) on board" and "less influential".
    let neutral = plot.cell_rect((0, 3));
    let center = pos2(neutral.right(), neutral.top());
    paint_quadrants(painter, visuals, plot.rect(), center);
    paint_lines(painter, visuals, plot.rect(), center);
    paint_quadrant_titles(painter, visuals, plot.rect(), center);
    paint_axes(painter, visuals, plot);
}

/// The plot `p` cut into four at `center`, in the order of [`QUADRANTS`].
fn quadrant_rects(p: Rect, center: Pos2) -> [Rect; 4] {
    [
        Rect::from_min_max(p.min, center),
        Rect::from_min_max(pos2(center.x, p.min.y), pos2(p.max.x, center.y)),
        Rect::from_min_max(pos2(p.min.x, center.y), pos2(center.x, p.max.y)),
        Rect::from_min_max(center, p.max),
    ]
}

fn paint_quadrants(painter: &Painter, visuals: &Visuals, p: Rect, center: Pos2) {
    let tints = quadrant_tints(visuals.dark_mode);
    for (rect, tint) in quadrant_rects(p, center).iter().zip(tints) {
        painter.rect_filled(*rect, 0.0, tint);
    }
}

/// The quadrants' titles, over the cell lines, on a backing so that no
/// line runs through them.
fn paint_quadrant_titles(painter: &Painter, visuals: &Visuals, p: Rect, center: Pos2) {
    for (rect, quadrant) in quadrant_rects(p, center).iter().zip(QUADRANTS) {
        paint_quadrant_title(painter, visuals, *rect, quadrant);
    }
}

/// The title and its advice in the quadrant's outer corner.
fn paint_quadrant_title(
    painter: &Painter,
    visuals: &Visuals,
    rect: Rect,
    (title, advice, align): (&str, &str, Align2),
) {
    let (text, weak) = (visuals.text_color(), visuals.weak_text_color());
    let anchor = align.pos_in_rect(&rect.shrink(6.0));
    let title = painter.layout_no_wrap(
        title.to_string(),
        FontId::proportional(15.0),
        text.gamma_multiply(0.8),
    );
    let advice = painter.layout_no_wrap(advice.to_string(), FontId::proportional(11.0), weak);
    let (title_pos, advice_pos) = if align.y() == egui::Align::Min {
        (anchor, anchor + vec2(0.0, title.size().y))
    } else {
        (anchor - vec2(0.0, advice.size().y), anchor)
    };
    let title_rect = align.anchor_size(title_pos, title.size());
    let advice_rect = align.anchor_size(advice_pos, advice.size());
    let backing = visuals.panel_fill.gamma_multiply(0.8);
    painter.rect_filled(title_rect.union(advice_rect).expand(2.0), 3.0, backing);
    painter.galley(title_rect.min, title, text);
    painter.galley(advice_rect.min, advice, weak);
}

/// Cell lines, and stronger lines between the quadrants.
fn paint_lines(painter: &Painter, visuals: &Visuals, p: Rect, center: Pos2) {
    let grid = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color);
    for i in 0..=SUPPORTS {
        let x = p.min.x + i as f32 * p.width() / SUPPORTS as f32;
        painter.line_segment([pos2(x, p.min.y), pos2(x, p.max.y)], grid);
    }
    for i in 0..=INFLUENCES {
        let y = p.min.y + i as f32 * p.height() / INFLUENCES as f32;
        painter.line_segment([pos2(p.min.x, y), pos2(p.max.x, y)], grid);
    }
    let split = Stroke::new(1.5, visuals.weak_text_color());
    painter.line_segment([pos2(center.x, p.min.y), pos2(center.x, p.max.y)], split);
    painter.line_segment([pos2(p.min.x, center.y), pos2(p.max.x, center.y)], split);
}

fn paint_axes(painter: &Painter, visuals: &Visuals, plot: &Plot) {
    let (text, weak) = (visuals.text_color(), visuals.weak_text_color());
    let p = plot.rect();
    for support in SUPPORT_RANGE {
        let x = plot.cell_rect((support, 1)).center().x;
        let at = pos2(x, p.max.y + 4.0);
        painter.text(
            at,
            Align2::CENTER_TOP,
            signed_score(support),
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
        let y = plot.cell_rect((0, influence)).center().y;
        let at = pos2(p.min.x - 8.0, y);
        let label = influence.to_string();
        painter.text(
            at,
            Align2::RIGHT_CENTER,
            label,
            FontId::proportional(14.0),
            text,
        );
    }
    let label = painter.layout_no_wrap("Influence".to_string(), FontId::proportional(13.0), weak);
    let at = pos2(p.min.x - 44.0, p.center().y + label.size().x / 2.0);
    painter.add(
        egui::epaint::TextShape::new(at, label, weak).with_angle(-std::f32::consts::FRAC_PI_2),
    );
}

/// Every cell's stakeholders, recorded once for a revision, a place on
/// screen and a look: making and tessellating a thousand glyphs each frame
/// took most of the frame.
#[derive(Debug)]
pub(super) struct MarkerLayer {
    /// Where each marker went, for hit tests and tests.
    pub markers: Vec<Marker>,
    drawing: Recorded,
}

impl MarkerLayer {
    pub fn new(
        painter: &Painter,
        visuals: &Visuals,
        plot: &Plot,
        ws: &Workspace,
        members: &Members,
        show_labels: bool,
    ) -> Self {
        let mut recorder = Recorder::new(painter);
        let markers = markers(&mut recorder, visuals, plot, ws, members, show_labels);
        Self {
            markers,
            drawing: recorder.finish(),
        }
    }

    pub fn paint(&self, painter: &Painter) {
        self.drawing.paint(painter);
    }
}

/// Draws every cell's stakeholders; returns where each marker went.
fn markers(
    painter: &mut Recorder<'_>,
    visuals: &Visuals,
    plot: &Plot,
    ws: &Workspace,
    members: &Members,
    show_labels: bool,
) -> Vec<Marker> {
    let mut markers = Vec::with_capacity(ws.stakeholders.len());
    for (&cell, indices) in &members.cells {
        let rect = marker_area(plot, cell);
        let people = indices.iter().filter_map(|&i| ws.stakeholders.get(i));
        let n = indices.len();
        let cell = CellPaint {
            painter,
            visuals,
            rect,
            markers: &mut markers,
        };
        if show_labels && n as f32 * ROW_HEIGHT <= rect.height() {
            cell.list(people, n);
            continue;
        }
        cell.compact(people, n);
        if show_labels {
            let font = FontId::proportional(11.0);
            let color = visuals.weak_text_color();
            painter.text(
                rect.right_top(),
                Align2::RIGHT_TOP,
                n.to_string(),
                font,
                color,
            );
        }
    }
    markers
}

/// A ring around the selected stakeholder's marker.
pub(super) fn selection_ring(
    painter: &Painter,
    visuals: &Visuals,
    markers: &[Marker],
    selected: Option<StakeholderId>,
) {
    if let Some(m) = markers.iter().find(|m| Some(m.id) == selected) {
        let stroke = Stroke::new(2.0, visuals.selection.stroke.color);
        painter.circle_stroke(m.center, m.radius + 4.0, stroke);
    }
}

/// The part of a cell for its markers: the quadrant titles in the top and
/// bottom rows stay readable.
fn marker_area(plot: &Plot, cell: Cell) -> Rect {
    let mut rect = plot.cell_rect(cell).shrink(4.0);
    if cell.1 == *INFLUENCE_RANGE.end() {
        rect.min.y += QUADRANT_TITLE_BAND;
    } else if cell.1 == *INFLUENCE_RANGE.start() {
        rect.max.y -= QUADRANT_TITLE_BAND;
    }
    rect
}

/// Where a cell's stakeholders are painted, and where their markers are
/// recorded for hovering and dragging.
struct CellPaint<'p, 'r> {
    painter: &'p mut Recorder<'r>,
    visuals: &'p Visuals,
    /// The cell, in screen points.
    rect: Rect,
    markers: &'p mut Vec<Marker>,
}

impl CellPaint<'_, '_> {
    /// One row per stakeholder: marker and name, truncated to the cell.
    fn list<'a>(self, people: impl Iterator<Item = &'a Stakeholder>, n: usize) {
        let text_color = self.visuals.text_color();
        let font = FontId::proportional(12.0);
        let top = self.rect.center().y - n as f32 * ROW_HEIGHT / 2.0;
        for (row, s) in people.enumerate() {
            let center = pos2(self.rect.min.x + 8.0, top + (row as f32 + 0.5) * ROW_HEIGHT);
            let marker = category_marker(
                s.category,
                center,
                LIST_MARKER_RADIUS,
                self.visuals.dark_mode,
            );
            self.painter.add(marker);
            let galley = name_galley(
                self.painter,
                s.display_name(),
                &font,
                text_color,
                self.rect.width() - 20.0,
            );
            let at = pos2(center.x + 10.0, center.y - galley.size().y / 2.0);
            let name = Rect::from_min_size(at, galley.size());
            self.painter.galley(at, galley, text_color);
            self.markers.push(Marker {
                id: s.id,
                center,
                radius: LIST_MARKER_RADIUS + 1.0,
                name: Some(name),
            });
        }
    }

    /// A compact block of markers, spread so none hides another.
    fn compact<'a>(self, people: impl Iterator<Item = &'a Stakeholder>, n: usize) {
        let columns = (n as f32).sqrt().ceil().max(1.0) as usize;
        let rows = n.div_ceil(columns);
        let step = (self.rect.width() / columns as f32).min(self.rect.height() / rows as f32);
        let radius = (step * 0.38).clamp(1.5, 8.0);
        let origin =
            self.rect.center() - vec2(columns as f32 - 1.0, rows as f32 - 1.0) * step / 2.0;
        let detailed = n <= DETAILED_MARKERS_PER_CELL;
        for (k, s) in people.enumerate() {
            let center = origin + vec2((k % columns) as f32, (k / columns) as f32) * step;
            if detailed {
                self.painter.add(category_marker(
                    s.category,
                    center,
                    radius,
                    self.visuals.dark_mode,
                ));
            } else {
                let color = ink(category_color(s.category), self.visuals.dark_mode);
                self.painter.circle_filled(center, radius, color);
            }
            self.markers.push(Marker {
                id: s.id,
                center,
                radius,
                name: None,
            });
        }
    }
}

/// `text` on one line if it fits in `width`, else cut with "…".
fn name_galley(
    painter: &Recorder<'_>,
    text: &str,
    font: &FontId,
    color: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let galley = painter.layout(text.to_string(), font.clone(), color, width);
    if galley.rows.len() <= 1 {
        return galley;
    }
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_string(), font.clone(), color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width.max(10.0));
    painter.layout_job(job)
}
