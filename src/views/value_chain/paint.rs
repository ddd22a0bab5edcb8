//! Drawing the map: lanes, edges, nodes and their names, the simplified
//! map's bundles, and the legend of link kinds.

use egui::{
    Align2, Color32, FontId, Painter, Pos2, Rect, RichText, Sense, Shape, Stroke, Ui, Vec2,
    Visuals, vec2,
};

use super::camera::Transform;
use super::frame::{Drawn, Frame, NODE_RADIUS};
use super::geometry::Bundle;
use crate::analysis::map_layout::{BAND_NODE_TOP, BAND_ROW_SPACING, Lane, LaneBox};
use crate::model::{Category, MapPoint, RelationshipKind, Stakeholder, StakeholderId};
use crate::views::palette::{category_color, category_marker, ink};
use crate::views::recorded::Recorder;

/// Above this many links, only the selected or hovered stakeholder's links
/// keep their dash pattern and arrowhead.
const DENSE_LINKS_ABOVE: usize = 400;
/// Names are drawn only while at most this many nodes are in view.
const MAX_LABELS: usize = 400;
/// Below this zoom names would be unreadable.
const MIN_LABEL_ZOOM: f32 = 0.3;
/// Things this far outside the canvas are not drawn.
const VISIBLE_MARGIN: f32 = 40.0;

/// The parts of the map the user chose to see.
pub(super) struct Layers<'a> {
    /// In the order of `RelationshipKind::ALL`.
    pub shown_kinds: &'a [bool; 6],
    pub show_names: bool,
}

impl Layers<'_> {
    fn shows(&self, kind: RelationshipKind) -> bool {
        self.shown_kinds.get(kind as usize).copied().unwrap_or(true)
    }
}

/// How an edge of each kind is drawn, and its legend.
#[derive(Clone, Copy, Debug)]
enum Dash {
    Solid,
    Dashed,
    Dotted,
}

fn edge_style(kind: RelationshipKind, dark_mode: bool) -> (Color32, Dash) {
    let grey = if dark_mode {
        Color32::from_gray(170)
    } else {
        Color32::from_gray(90)
    };
    match kind {
        RelationshipKind::Supplies => (Color32::from_rgb(0xE6, 0x9F, 0x00), Dash::Solid),
        RelationshipKind::BuysFrom => (Color32::from_rgb(0x56, 0xB4, 0xE9), Dash::Solid),
        RelationshipKind::Finances => (Color32::from_rgb(0x00, 0x9E, 0x73), Dash::Dashed),
        RelationshipKind::Regulates => (Color32::from_rgb(0x00, 0x72, 0xB2), Dash::Dashed),
        RelationshipKind::PartnersWith => (Color32::from_rgb(0xCC, 0x79, 0xA7), Dash::Dotted),
        RelationshipKind::Influences => (grey, Dash::Dotted),
    }
}

/// One checkbox per link kind, each with a sample of how it is drawn.
pub(super) fn edge_legend_ui(ui: &mut Ui, shown_kinds: &mut [bool; 6]) {
    ui.label(RichText::new("Links:").small());
    let dark = ui.visuals().dark_mode;
    for (kind, shown) in RelationshipKind::ALL.iter().zip(shown_kinds.iter_mut()) {
        let (color, dash) = edge_style(*kind, dark);
        let (rect, _) = ui.allocate_exact_size(vec2(26.0, 12.0), Sense::hover());
        let sample = [rect.left_center(), rect.right_center()];
        let mut shapes = Vec::new();
        paint_edge(&mut shapes, sample, color, dash, 2.0, true);
        ui.painter().extend(shapes);
        ui.checkbox(shown, RichText::new(kind.label()).small())
            .on_hover_text(format!(
                "Show “{}” links. An arrow from A to B reads “A {} B”.",
                kind.label(),
                kind.label()
            ));
    }
}

/// The lanes and the links: everything under the nodes. It depends on the
/// selected and hovered stakeholders, whose links stand out.
pub(super) fn under_nodes(
    painter: &mut Recorder<'_>,
    visuals: &Visuals,
    frame: &Frame<'_>,
    layers: &Layers<'_>,
) {
    for lane in &frame.geometry.layout.lanes {
        paint_lane(painter, &frame.transform, lane, visuals);
    }
    paint_edges(painter, visuals, frame, layers);
}

/// The nodes, their names and the simplified map's bundles, which do not
/// depend on what is selected or hovered; returns where each node was drawn.
pub(super) fn nodes(
    painter: &mut Recorder<'_>,
    visuals: &Visuals,
    frame: &Frame<'_>,
    show_names: bool,
) -> Vec<Drawn> {
    let drawn = paint_nodes(painter, visuals, frame);
    let zoom = frame.transform.zoom();
    let names = if show_names && drawn.len() <= MAX_LABELS && zoom > MIN_LABEL_ZOOM {
        paint_labels(painter, visuals, frame, &drawn)
    } else {
        Vec::new()
    };
    // The simplified map's lane-to-lane bundles, over everything else.
    if frame.simplified {
        for bundle in &frame.geometry.bundles {
            paint_bundle(painter, frame, bundle, visuals);
        }
    }
    drawn
        .into_iter()
        .enumerate()
        .map(|(k, (_, id, at))| Drawn {
            id,
            at,
            name: names.get(k).copied().flatten(),
        })
        .collect()
}

fn visible_rect(frame: &Frame<'_>) -> Rect {
    frame.transform.canvas().expand(VISIBLE_MARGIN)
}

fn paint_lane(
    painter: &mut Recorder<'_>,
    transform: &Transform,
    lane: &LaneBox,
    visuals: &Visuals,
) {
    let rect = Rect::from_two_pos(transform.to_screen(lane.min), transform.to_screen(lane.max));
    let tint = category_color(match lane.lane {
        Lane::Finance => Category::Bank,
        Lane::Supply => Category::Supplier,
        Lane::Industry => Category::Industry,
        Lane::Demand => Category::Buyer,
        Lane::Government => Category::Government,
        Lane::Support => Category::CivilSociety,
    });
    let fill = tint.gamma_multiply(if visuals.dark_mode { 0.10 } else { 0.14 });
    painter.rect_filled(rect, 6.0, fill);
    painter.rect_stroke(
        rect,
        6.0,
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    let size = (14.0 * transform.zoom().sqrt()).clamp(10.0, 18.0);
    painter.text(
        rect.left_top() + vec2(8.0, 6.0),
        Align2::LEFT_TOP,
        format!("{} · {}", lane.lane.label(), lane.count),
        FontId::proportional(size),
        visuals.weak_text_color(),
    );
}

/// With many links, dash patterns and arrowheads cost more than they tell:
/// links are then drawn as thin solid lines in their kind's colour, except
/// those of the selected or hovered stakeholder. On the simplified map only
/// those are drawn at all.
fn paint_edges(
    painter: &mut Recorder<'_>,
    visuals: &Visuals,
    frame: &Frame<'_>,
    layers: &Layers<'_>,
) {
    let dense = frame.geometry.edges.len() > DENSE_LINKS_ABOVE;
    let any_focus = frame.selected.is_some() || frame.hovered.is_some();
    let visible = visible_rect(frame);
    let radius = frame.node_radius();
    for edge in &frame.geometry.edges {
        let involved = frame.is_focus(edge.from) || frame.is_focus(edge.to);
        if !layers.shows(edge.kind) || (frame.simplified && !involved) {
            continue;
        }
        let (Some(pa), Some(pb)) = (frame.screen(edge.from), frame.screen(edge.to)) else {
            continue;
        };
        if !visible.intersects(Rect::from_two_pos(pa, pb)) {
            continue;
        }
        let (color, dash) = edge_style(edge.kind, visuals.dark_mode);
        let color = if any_focus && !involved {
            color.gamma_multiply(0.25)
        } else {
            color
        };
        if dense && !involved {
            painter.line_segment([pa, pb], Stroke::new(1.0, color.gamma_multiply(0.45)));
            continue;
        }
        let dir = (pb - pa).normalized();
        // The head stops where it reaches the target's marker or its name,
        // whichever comes first, so no name hides it.
        let name = frame.name_box(edge.to).map(|r| r.expand(2.0));
        let ends = [pa + dir * radius, arrow_end(pa, pb, radius + 2.0, name)];
        let width = if involved { 2.5 } else { 1.5 };
        let mut shapes = Vec::new();
        paint_edge(
            &mut shapes,
            ends,
            color,
            dash,
            width,
            !frame.simplified || involved,
        );
        painter.extend(shapes);
    }
}

/// Draws the nodes in view; returns each one's index, id and place.
/// Zoomed far out on a big map, the lanes stand for them.
fn paint_nodes(
    painter: &mut Recorder<'_>,
    visuals: &Visuals,
    frame: &Frame<'_>,
) -> Vec<(usize, StakeholderId, Pos2)> {
    let zoom_radius = frame.transform.zoom() * NODE_RADIUS;
    if frame.simplified && zoom_radius < 2.5 {
        return Vec::new();
    }
    let dots = frame.simplified && zoom_radius < 6.0;
    let radius = frame.node_radius();
    let visible = visible_rect(frame);
    let mut drawn = Vec::with_capacity(frame.ws.stakeholders.len());
    for (i, s) in frame.ws.stakeholders.iter().enumerate() {
        let Some(p) = frame.screen(i).filter(|p| visible.contains(*p)) else {
            continue;
        };
        if dots {
            let color = ink(category_color(s.category), visuals.dark_mode);
            painter.circle_filled(p, radius.min(4.0), color);
        } else {
            painter.add(category_marker(s.category, p, radius, visuals.dark_mode));
        }
        drawn.push((i, s.id, p));
    }
    drawn
}

/// Names beside the nodes of the supply chain, under the others; returns
/// each drawn node's name box, in the order of `drawn`.
fn paint_labels(
    painter: &mut Recorder<'_>,
    visuals: &Visuals,
    frame: &Frame<'_>,
    drawn: &[(usize, StakeholderId, Pos2)],
) -> Vec<Option<Rect>> {
    let mut boxes = Vec::with_capacity(drawn.len());
    let zoom = frame.transform.zoom();
    let font = FontId::proportional((12.0 * zoom.sqrt()).clamp(10.0, 15.0));
    let room = |lane: Lane| {
        let room = frame.geometry.layout.lanes.iter().find(|b| b.lane == lane);
        room.map_or(150.0, |b| b.name_room)
    };
    let rooms = Lane::ALL.map(|lane| room(lane) * zoom);
    let backing = visuals.panel_fill.gamma_multiply(0.85);
    let radius = frame.node_radius();
    let line = painter
        .layout_no_wrap("Ag".to_string(), font.clone(), visuals.text_color())
        .size()
        .y;
    let under_node = (BAND_ROW_SPACING - BAND_NODE_TOP) * zoom;
    let two_lines = under_node >= radius + 2.0 + 2.0 * line + 4.0;
    for &(i, _, p) in drawn {
        let Some(s) = frame.ws.stakeholders.get(i) else {
            boxes.push(None);
            continue;
        };
        // Beside the node, its own width is not room for the name.
        let lane = Lane::of(s.category);
        // Under it, every other name is a line lower when a band's row has
        // room for two lines, so each name has the room of two nodes.
        let lowered = two_lines && frame.geometry.lowered.get(i).copied().unwrap_or(false);
        let max_width = if lane.is_column() {
            rooms[lane as usize] - radius - 4.0
        } else if two_lines {
            2.0 * rooms[lane as usize]
        } else {
            rooms[lane as usize]
        };
        let galley = name_galley(
            painter,
            s,
            font.clone(),
            visuals.text_color(),
            max_width.max(40.0),
        );
        let mut at = label_rect(s, p, radius, galley.size());
        if lowered {
            at = at.translate(vec2(0.0, galley.size().y));
        }
        // A backing so links passing under a name do not cross it out.
        painter.rect_filled(at.expand(1.0), 2.0, backing);
        painter.galley(at.min, galley, visuals.text_color());
        boxes.push(Some(at));
    }
    boxes
}

fn name_galley(
    painter: &Recorder<'_>,
    s: &Stakeholder,
    font: FontId,
    color: Color32,
    max_width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job =
        egui::text::LayoutJob::simple_singleline(s.display_name().to_string(), font, color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(max_width);
    painter.layout_job(job)
}

/// Where `s`'s name goes when its node is at `p`: to the right in the
/// left-to-right supply chain, underneath in the lanes above and below it.
fn label_rect(s: &Stakeholder, p: Pos2, radius: f32, size: Vec2) -> Rect {
    if Lane::of(s.category).is_column() {
        Align2::LEFT_CENTER.anchor_size(p + vec2(radius + 4.0, 0.0), size)
    } else {
        Align2::CENTER_TOP.anchor_size(p + vec2(0.0, radius + 2.0), size)
    }
}

/// Rings around the selected and the hovered stakeholders, over the map.
pub(super) fn paint_focus_rings(painter: &Painter, visuals: &Visuals, frame: &Frame<'_>) {
    let radius = frame.node_radius() + 4.0;
    for (focus, width) in [(frame.selected, 2.5), (frame.hovered, 1.5)] {
        if let Some(p) = focus.and_then(|i| frame.screen(i)) {
            painter.circle_stroke(
                p,
                radius,
                Stroke::new(width, visuals.selection.stroke.color),
            );
        }
    }
}

/// The centre of `lane`'s box on screen.
fn lane_center(frame: &Frame<'_>, lane: Lane) -> Option<Pos2> {
    let lane = frame
        .geometry
        .layout
        .lanes
        .iter()
        .find(|l| l.lane == lane)?;
    Some(frame.transform.to_screen(MapPoint {
        x: (lane.min.x + lane.max.x) / 2.0,
        y: (lane.min.y + lane.max.y) / 2.0,
    }))
}

/// One curve between two lanes, as thick as it has links, with the count.
fn paint_bundle(painter: &mut Recorder<'_>, frame: &Frame<'_>, bundle: &Bundle, visuals: &Visuals) {
    let (Some(pa), Some(pb)) = (lane_center(frame, bundle.a), lane_center(frame, bundle.b)) else {
        return;
    };
    if bundle.a == bundle.b {
        return;
    }
    // Bow each curve by its own amount so bundles between lanes in line
    // with each other do not lie on top of one another.
    let bow = 0.12 + 0.1 * ((bundle.a as usize + 2 * bundle.b as usize) % 4) as f32;
    let control = pa + (pb - pa) * 0.5 + (pb - pa).rot90() * bow;
    let width = 1.0 + (bundle.count as f32).ln().max(0.0) * 1.2;
    painter.add(egui::epaint::QuadraticBezierShape::from_points_stroke(
        [pa, control, pb],
        false,
        Color32::TRANSPARENT,
        Stroke::new(width, visuals.text_color().gamma_multiply(0.55)),
    ));
    let middle = pa.lerp(control, 0.5).lerp(control.lerp(pb, 0.5), 0.5);
    let galley = painter.layout_no_wrap(
        format!("{} links", bundle.count),
        FontId::proportional(12.0),
        visuals.text_color(),
    );
    let at = Align2::CENTER_CENTER.anchor_size(middle, galley.size());
    painter.rect_filled(at.expand(3.0), 3.0, visuals.panel_fill);
    painter.galley(at.min, galley, visuals.text_color());
}

/// Where a link from `from` to a node at `to` stops: at `reach` from the
/// node's centre, or where it enters the node's name box, if earlier.
fn arrow_end(from: Pos2, to: Pos2, reach: f32, name: Option<Rect>) -> Pos2 {
    let length = (to - from).length();
    if length <= f32::EPSILON {
        return to;
    }
    let mut t = ((length - reach) / length).max(0.0);
    if let Some(entry) = name.and_then(|r| entry_along(from, to, r)) {
        t = t.min(entry);
    }
    from + (to - from) * t
}

/// Where (0 = `from`, 1 = `to`) the segment enters `rect`, if it does and
/// does not start inside it.
fn entry_along(from: Pos2, to: Pos2, rect: Rect) -> Option<f32> {
    if rect.contains(from) {
        return None;
    }
    let d = to - from;
    let (mut enter, mut exit) = (0.0_f32, 1.0_f32);
    for (start, delta, min, max) in [
        (from.x, d.x, rect.min.x, rect.max.x),
        (from.y, d.y, rect.min.y, rect.max.y),
    ] {
        if delta.abs() <= f32::EPSILON {
            if start < min || start > max {
                return None;
            }
            continue;
        }
        let (a, b) = ((min - start) / delta, (max - start) / delta);
        enter = enter.max(a.min(b));
        exit = exit.min(a.max(b));
    }
    (enter <= exit).then_some(enter)
}

/// A straight edge from `ends[0]` to `ends[1]` with the kind's dash
/// pattern, and an arrowhead at the end.
fn paint_edge(
    shapes: &mut Vec<Shape>,
    ends: [Pos2; 2],
    color: Color32,
    dash: Dash,
    width: f32,
    arrow: bool,
) {
    let stroke = Stroke::new(width, color);
    match dash {
        Dash::Solid => {
            shapes.push(Shape::line_segment(ends, stroke));
        }
        Dash::Dashed => {
            shapes.extend(Shape::dashed_line(&ends, stroke, 7.0, 4.0));
        }
        Dash::Dotted => {
            shapes.extend(Shape::dotted_line(&ends, color, 5.0, width * 0.7));
        }
    }
    let [start, end] = ends;
    let length = (end - start).length();
    if arrow && length > 12.0 {
        let dir: Vec2 = (end - start) / length;
        let head = 7.0 + width;
        let normal = dir.rot90();
        let base = end - dir * head;
        shapes.push(Shape::convex_polygon(
            vec![end, base + normal * head * 0.5, base - normal * head * 0.5],
            color,
            Stroke::NONE,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn an_arrow_stops_at_the_name_box_when_it_comes_from_that_side() {
        // A name box to the right of the target, the link coming from the right.
        let target = pos2(100.0, 100.0);
        let name = Rect::from_min_max(pos2(115.0, 92.0), pos2(200.0, 108.0));
        let end = arrow_end(pos2(300.0, 100.0), target, 13.0, Some(name));
        assert_eq!(end, pos2(200.0, 100.0));
        // From the left the name is behind the node: the marker's edge.
        let end = arrow_end(pos2(0.0, 100.0), target, 13.0, Some(name));
        assert_eq!(end, pos2(87.0, 100.0));
        // Without a name, the marker's edge.
        let end = arrow_end(pos2(100.0, 0.0), target, 13.0, None);
        assert_eq!(end, pos2(100.0, 87.0));
    }

    #[test]
    fn a_link_that_misses_the_box_or_starts_in_it_ignores_it() {
        let rect = Rect::from_min_max(pos2(10.0, 10.0), pos2(20.0, 20.0));
        assert_eq!(entry_along(pos2(0.0, 0.0), pos2(0.0, 30.0), rect), None);
        assert_eq!(entry_along(pos2(15.0, 15.0), pos2(40.0, 40.0), rect), None);
        assert_eq!(
            entry_along(pos2(0.0, 15.0), pos2(40.0, 15.0), rect),
            Some(0.25)
        );
    }
}
