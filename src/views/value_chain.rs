//! The value-chain map: stakeholders as nodes in lanes (suppliers → industry
//! → buyers, with finance above and government and civil society below),
//! relationships as directed edges styled by kind. Drag nodes to place them,
//! drag from one node to another to link them, scroll to zoom, drag the
//! background to pan.

use std::collections::HashMap;

use egui::{
    Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2,
};

use super::ViewContext;
use super::palette::{category_color, category_legend_ui, category_marker};
use super::widgets::stakeholder_card_ui;
use crate::analysis::map_layout::{Lane, LaneBox, MapLayout, auto_layout, lane_layout, positions};
use crate::analysis::{StakeholderStats, stakeholder_stats};
use crate::edit::Edit;
use crate::model::{MapPoint, Relationship, RelationshipKind, StakeholderId};

/// Above this many stakeholders the map is simplified: nodes become dots
/// and relationships are drawn as one bundle per pair of lanes (with its
/// count); the selected or hovered stakeholder's own links are still drawn
/// one by one.
pub const SIMPLIFY_ABOVE: usize = 1_500;
/// Above this many links, only the selected or hovered stakeholder's links
/// keep their dash pattern and arrowhead.
const DENSE_LINKS_ABOVE: usize = 400;
/// Node radius in map units.
const NODE_RADIUS: f32 = 11.0;
/// Names are drawn only while at most this many nodes are in view.
const MAX_LABELS: usize = 400;

/// What dragging a node does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Move,
    Link,
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

/// Derived geometry for one revision.
#[derive(Debug)]
struct Cache {
    revision: u64,
    layout: MapLayout,
    positions: Vec<MapPoint>,
    index: HashMap<StakeholderId, usize>,
    /// (from, to, kind) for every relationship whose ends exist.
    edges: Vec<(usize, usize, RelationshipKind)>,
    /// Relationships between each pair of lanes, for the simplified map.
    bundles: Vec<(Lane, Lane, usize)>,
    stats: Vec<StakeholderStats>,
}

#[derive(Clone, Copy, Debug)]
enum Drag {
    Node { index: usize, id: StakeholderId },
    Link { from: usize },
    Pan,
}

/// A link drawn between two nodes, waiting for its kind.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PendingLink {
    from: StakeholderId,
    to: StakeholderId,
    at: Pos2,
}

/// The visible part of the map: its centre in map units and the scale.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Camera {
    center: Pos2,
    /// Screen points per map unit.
    zoom: f32,
}

/// The value-chain tab.
#[derive(Debug)]
pub struct ValueChainMap {
    pub tool: Tool,
    pub show_names: bool,
    shown_kinds: [bool; 6],
    camera: Option<Camera>,
    /// The camera was fitted to this canvas size and not moved since: refit
    /// when the window or the panels change size.
    fitted_to: Option<Vec2>,
    cache: Option<Cache>,
    drag: Option<Drag>,
    pending_link: Option<PendingLink>,
    canvas: Rect,
    /// Where each node was drawn last frame, for tests.
    drawn: Vec<(StakeholderId, Pos2)>,
}

impl Default for ValueChainMap {
    fn default() -> Self {
        Self {
            tool: Tool::Move,
            show_names: true,
            shown_kinds: [true; 6],
            camera: None,
            fitted_to: None,
            cache: None,
            drag: None,
            pending_link: None,
            canvas: Rect::NOTHING,
            drawn: Vec::new(),
        }
    }
}

impl ValueChainMap {
    /// Where a stakeholder's node was drawn in the last frame.
    pub fn node_position(&self, id: StakeholderId) -> Option<Pos2> {
        self.drawn.iter().find(|d| d.0 == id).map(|d| d.1)
    }

    fn refresh(&mut self, cx: &ViewContext<'_>) {
        if self
            .cache
            .as_ref()
            .is_some_and(|c| c.revision == cx.revision)
        {
            return;
        }
        let ws = cx.ws;
        let layout = if ws.stakeholders.len() > SIMPLIFY_ABOVE {
            lane_layout(ws)
        } else {
            auto_layout(ws)
        };
        let positions = positions(ws, &layout);
        let index: HashMap<StakeholderId, usize> = ws
            .stakeholders
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let edges: Vec<(usize, usize, RelationshipKind)> = ws
            .relationships
            .iter()
            .filter_map(|r| Some((*index.get(&r.from)?, *index.get(&r.to)?, r.kind)))
            .collect();
        let mut bundle_counts: std::collections::BTreeMap<(Lane, Lane), usize> = Default::default();
        for &(a, b, _) in &edges {
            let la = Lane::of(ws.stakeholders[a].category);
            let lb = Lane::of(ws.stakeholders[b].category);
            *bundle_counts.entry((la.min(lb), la.max(lb))).or_default() += 1;
        }
        self.cache = Some(Cache {
            revision: cx.revision,
            layout,
            positions,
            index,
            edges,
            bundles: bundle_counts
                .into_iter()
                .map(|((a, b), n)| (a, b, n))
                .collect(),
            stats: stakeholder_stats(ws),
        });
    }

    fn to_screen(&self, camera: Camera, p: MapPoint) -> Pos2 {
        self.canvas.center() + (pos2(p.x, p.y) - camera.center) * camera.zoom
    }

    fn to_map(&self, camera: Camera, p: Pos2) -> MapPoint {
        let m = camera.center + (p - self.canvas.center()) / camera.zoom;
        MapPoint { x: m.x, y: m.y }
    }

    /// A camera that shows the whole map.
    fn fit(&self, cache: &Cache) -> Camera {
        let mut bounds = Rect::NOTHING;
        for lane in &cache.layout.lanes {
            bounds.extend_with(pos2(lane.min.x, lane.min.y));
            bounds.extend_with(pos2(lane.max.x, lane.max.y));
        }
        for p in &cache.positions {
            bounds.extend_with(pos2(p.x, p.y));
        }
        let bounds = bounds.expand(30.0);
        let zoom = (self.canvas.width() / bounds.width())
            .min(self.canvas.height() / bounds.height())
            .clamp(0.02, 3.0);
        Camera {
            center: bounds.center(),
            zoom,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        self.refresh(cx);
        self.toolbar_ui(ui, cx);
        if cx.ws.stakeholders.is_empty() {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("The value chain is empty").heading());
                ui.label("Add stakeholders with “Add stakeholder” (Ctrl+Shift+N): suppliers, industry and buyers appear in their lanes, finance above, government and civil society below.");
            });
            return;
        }
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let response = response.on_hover_text_at_pointer("");
        self.canvas = response.rect;
        let Some(cache) = self.cache.take() else {
            return;
        };
        let size = self.canvas.size();
        let camera = match self.camera {
            Some(camera) if self.fitted_to.is_none_or(|fitted| fitted == size) => camera,
            _ => {
                self.fitted_to = Some(size);
                self.fit(&cache)
            }
        };
        let moved = self.zoom_and_pan(ui, &response, camera);
        if moved != camera {
            self.fitted_to = None;
        }
        let camera = moved;
        self.camera = Some(camera);
        let painter = painter.with_clip_rect(self.canvas);
        let hovered = response
            .hover_pos()
            .and_then(|p| self.node_at(&cache, camera, p));
        self.paint(ui, &painter, &cache, camera, cx, hovered);
        self.interact(ui, &response, &painter, &cache, camera, cx, hovered);
        self.cache = Some(cache);
        self.link_picker_ui(ui, cx);
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.horizontal_wrapped(|ui| {
            let simplified = cx.ws.stakeholders.len() > SIMPLIFY_ABOVE;
            if ui
                .add_enabled(!cx.ws.stakeholders.is_empty(), egui::Button::new("⟲ Auto-layout"))
                .on_hover_text("Arrange every stakeholder in its lane, linked ones near each other, without overlaps (undo with Ctrl+Z)")
                .clicked()
            {
                let layout = if simplified { lane_layout(cx.ws) } else { auto_layout(cx.ws) };
                let moves = cx
                    .ws
                    .stakeholders
                    .iter()
                    .zip(layout.positions)
                    .map(|(s, p)| (s.id, Some(p)))
                    .collect();
                cx.out.push(Edit::MoveOnMap(moves));
                self.camera = None;
            }
            if ui.button("⛶ Fit").on_hover_text("Show the whole map").clicked() {
                self.camera = None;
            }
            if ui.button("➖").accessible_name("Zoom out").on_hover_text("Zoom out (or scroll)").clicked()
                && let Some(c) = &mut self.camera {
                    c.zoom /= 1.25;
                    self.fitted_to = None;
                }
            if ui.button("➕").accessible_name("Zoom in").on_hover_text("Zoom in (or scroll)").clicked()
                && let Some(c) = &mut self.camera {
                    c.zoom *= 1.25;
                    self.fitted_to = None;
                }
            ui.separator();
            ui.label("Drag nodes to:");
            ui.selectable_value(&mut self.tool, Tool::Move, "✋ Move")
                .on_hover_text("Drag a stakeholder to place it on the map");
            ui.selectable_value(&mut self.tool, Tool::Link, "🔗 Link")
                .on_hover_text("Drag from one stakeholder to another to record a relationship (or hold Shift while dragging)");
            ui.separator();
            ui.checkbox(&mut self.show_names, "Names");
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Links:").small());
            let dark = ui.visuals().dark_mode;
            for (i, kind) in RelationshipKind::ALL.iter().enumerate() {
                let (color, dash) = edge_style(*kind, dark);
                let (rect, _) = ui.allocate_exact_size(vec2(26.0, 12.0), Sense::hover());
                paint_edge(
                    ui.painter(),
                    rect.left_center(),
                    rect.right_center(),
                    color,
                    dash,
                    2.0,
                    true,
                );
                ui.checkbox(
                    &mut self.shown_kinds[i],
                    RichText::new(kind.label()).small(),
                )
                .on_hover_text(format!("Show “{}” links", kind.label()));
            }
        });
        category_legend_ui(ui);
    }

    fn zoom_and_pan(&mut self, ui: &Ui, response: &egui::Response, mut camera: Camera) -> Camera {
        if let Some(pointer) = response.hover_pos() {
            let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = pinch * (scroll * 0.002).exp();
            if (factor - 1.0).abs() > 1e-4 {
                let anchor = camera.center + (pointer - self.canvas.center()) / camera.zoom;
                camera.zoom = (camera.zoom * factor).clamp(0.02, 6.0);
                camera.center = anchor - (pointer - self.canvas.center()) / camera.zoom;
            }
        }
        if matches!(self.drag, Some(Drag::Pan)) && response.dragged() {
            camera.center -= response.drag_delta() / camera.zoom;
        }
        camera
    }

    fn node_at(&self, cache: &Cache, camera: Camera, pos: Pos2) -> Option<usize> {
        let reach = (NODE_RADIUS * camera.zoom).max(4.0) + 3.0;
        cache
            .positions
            .iter()
            .enumerate()
            .map(|(i, p)| (i, self.to_screen(camera, *p).distance(pos)))
            .filter(|(_, d)| *d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    fn paint(
        &mut self,
        ui: &Ui,
        painter: &egui::Painter,
        cache: &Cache,
        camera: Camera,
        cx: &ViewContext<'_>,
        hovered: Option<usize>,
    ) {
        let visuals = ui.visuals();
        let dark = visuals.dark_mode;
        let ws = cx.ws;
        let simplified = ws.stakeholders.len() > SIMPLIFY_ABOVE;
        let visible = self.canvas.expand(40.0);
        for lane in &cache.layout.lanes {
            paint_lane(painter, self, camera, lane, visuals);
        }
        let selected = cx
            .selection
            .stakeholder
            .and_then(|id| cache.index.get(&id).copied());
        let focus = [selected, hovered];
        let moving = match self.drag {
            Some(Drag::Node { index, .. }) => {
                ui.input(|i| i.pointer.latest_pos()).map(|p| (index, p))
            }
            _ => None,
        };
        let screen = |i: usize| match moving {
            Some((index, p)) if index == i => p,
            _ => self.to_screen(camera, cache.positions[i]),
        };
        let radius = (NODE_RADIUS * camera.zoom).clamp(2.0, 16.0);

        // Edges.
        // With many links, dash patterns and arrowheads cost more than they
        // tell: links are drawn as thin solid lines in their kind's colour,
        // except those of the selected or hovered stakeholder.
        let dense = cache.edges.len() > DENSE_LINKS_ABOVE;
        for &(a, b, kind) in &cache.edges {
            if !self.shown_kinds[kind as usize] {
                continue;
            }
            let involved = focus.contains(&Some(a)) || focus.contains(&Some(b));
            if simplified && !involved {
                continue;
            }
            let (pa, pb) = (screen(a), screen(b));
            if !visible.intersects(Rect::from_two_pos(pa, pb)) {
                continue;
            }
            let (color, dash) = edge_style(kind, dark);
            let faded = focus.iter().any(Option::is_some) && !involved;
            let color = if faded {
                color.gamma_multiply(0.25)
            } else {
                color
            };
            if dense && !involved {
                painter.line_segment([pa, pb], Stroke::new(1.0, color.gamma_multiply(0.45)));
                continue;
            }
            let dir = (pb - pa).normalized();
            let (start, end) = (pa + dir * radius, pb - dir * (radius + 2.0));
            paint_edge(
                painter,
                start,
                end,
                color,
                dash,
                if involved { 2.5 } else { 1.5 },
                !simplified || involved,
            );
        }

        // Nodes. Zoomed far out on a big map, the lanes stand for them.
        let mut drawn = Vec::with_capacity(ws.stakeholders.len());
        let mut in_view = Vec::new();
        let overview = simplified && camera.zoom * NODE_RADIUS < 2.5;
        for (i, s) in ws.stakeholders.iter().enumerate() {
            if overview {
                break;
            }
            let p = screen(i);
            if !visible.contains(p) {
                continue;
            }
            if simplified && camera.zoom * NODE_RADIUS < 6.0 {
                painter.circle_filled(p, radius.min(4.0), category_color(s.category));
            } else {
                painter.add(category_marker(s.category, p, radius, dark));
            }
            drawn.push((s.id, p));
            in_view.push(i);
        }
        if self.show_names && in_view.len() <= MAX_LABELS && camera.zoom > 0.35 {
            let font = FontId::proportional((12.0 * camera.zoom.sqrt()).clamp(10.0, 15.0));
            let max_width = 150.0 * camera.zoom;
            let label_backing = visuals.panel_fill.gamma_multiply(0.85);
            for &i in &in_view {
                let s = &ws.stakeholders[i];
                let name = if s.name.trim().is_empty() {
                    "(unnamed)"
                } else {
                    &s.name
                };
                let mut job = egui::text::LayoutJob::simple_singleline(
                    name.to_string(),
                    font.clone(),
                    visuals.text_color(),
                );
                job.wrap = egui::text::TextWrapping::truncate_at_width(max_width.max(40.0));
                let galley = painter.layout_job(job);
                let p = screen(i);
                let lane = Lane::of(s.category);
                let at = if matches!(lane, Lane::Supply | Lane::Industry | Lane::Demand) {
                    Align2::LEFT_CENTER.anchor_size(p + vec2(radius + 4.0, 0.0), galley.size())
                } else {
                    Align2::CENTER_TOP.anchor_size(p + vec2(0.0, radius + 2.0), galley.size())
                };
                // A backing so links passing under a name do not cross it out.
                painter.rect_filled(at.expand(1.0), 2.0, label_backing);
                painter.galley(at.min, galley, visuals.text_color());
            }
        }
        // The simplified map's lane-to-lane bundles, over everything else.
        if simplified {
            self.paint_bundles(painter, cache, camera, visuals);
        }
        for (focus_index, width) in [(selected, 2.5), (hovered, 1.5)] {
            if let Some(i) = focus_index {
                painter.circle_stroke(
                    screen(i),
                    radius + 4.0,
                    Stroke::new(width, visuals.selection.stroke.color),
                );
            }
        }
        self.drawn = drawn;
    }

    /// One curve per pair of lanes, as thick as it has links, with the count.
    fn paint_bundles(
        &self,
        painter: &egui::Painter,
        cache: &Cache,
        camera: Camera,
        visuals: &egui::Visuals,
    ) {
        let center = |lane: Lane| {
            cache.layout.lanes.iter().find(|l| l.lane == lane).map(|l| {
                self.to_screen(
                    camera,
                    MapPoint {
                        x: (l.min.x + l.max.x) / 2.0,
                        y: (l.min.y + l.max.y) / 2.0,
                    },
                )
            })
        };
        let color = visuals.text_color().gamma_multiply(0.55);
        for &(a, b, count) in &cache.bundles {
            let (Some(pa), Some(pb)) = (center(a), center(b)) else {
                continue;
            };
            if a == b {
                continue;
            }
            // Bow each curve by its own amount so bundles between lanes
            // in line with each other do not lie on top of one another.
            let bow = 0.12 + 0.1 * ((a as usize + 2 * b as usize) % 4) as f32;
            let control = pa + (pb - pa) * 0.5 + (pb - pa).rot90() * bow;
            let width = 1.0 + (count as f32).ln().max(0.0) * 1.2;
            painter.add(egui::epaint::QuadraticBezierShape::from_points_stroke(
                [pa, control, pb],
                false,
                Color32::TRANSPARENT,
                Stroke::new(width, color),
            ));
            let middle = pa.lerp(control, 0.5).lerp(control.lerp(pb, 0.5), 0.5);
            let galley = painter.layout_no_wrap(
                format!("{count} links"),
                FontId::proportional(12.0),
                visuals.text_color(),
            );
            let at = Align2::CENTER_CENTER.anchor_size(middle, galley.size());
            painter.rect_filled(at.expand(3.0), 3.0, visuals.panel_fill);
            painter.galley(at.min, galley, visuals.text_color());
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one frame's state, passed down once"
    )]
    fn interact(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        painter: &egui::Painter,
        cache: &Cache,
        camera: Camera,
        cx: &mut ViewContext<'_>,
        hovered: Option<usize>,
    ) {
        let ws = cx.ws;
        if response.drag_started() {
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .or(response.interact_pointer_pos());
            let node = origin.and_then(|p| self.node_at(cache, camera, p));
            let linking = self.tool == Tool::Link || ui.input(|i| i.modifiers.shift);
            self.drag = Some(match node {
                Some(from) if linking => Drag::Link { from },
                Some(index) => {
                    cx.selection.select_stakeholder(ws.stakeholders[index].id);
                    Drag::Node {
                        index,
                        id: ws.stakeholders[index].id,
                    }
                }
                None => Drag::Pan,
            });
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.drag = None;
            self.pending_link = None;
        }
        let pointer = response
            .interact_pointer_pos()
            .or(ui.input(|i| i.pointer.latest_pos()));
        if let (Some(Drag::Link { from }), Some(p)) = (self.drag, pointer) {
            let start = self.to_screen(camera, cache.positions[from]);
            painter.arrow(
                start,
                p - start,
                Stroke::new(2.0, ui.visuals().selection.stroke.color),
            );
        }
        if response.drag_stopped() {
            match (self.drag.take(), pointer) {
                (Some(Drag::Node { index, id }), Some(p)) => {
                    let target = self.to_map(camera, p);
                    let old = cache.positions[index];
                    let moved = (target.x - old.x).abs() + (target.y - old.y).abs() > 0.5;
                    if moved && ws.stakeholders.get(index).is_some_and(|s| s.id == id) {
                        cx.out.push(Edit::MoveOnMap(vec![(id, Some(target))]));
                    }
                }
                (Some(Drag::Link { from }), Some(p)) => {
                    if let Some(to) = self.node_at(cache, camera, p).filter(|to| *to != from) {
                        self.pending_link = Some(PendingLink {
                            from: ws.stakeholders[from].id,
                            to: ws.stakeholders[to].id,
                            at: p,
                        });
                    }
                }
                _ => {}
            }
        }
        if response.clicked() {
            self.pending_link = None;
            match hovered {
                Some(i) => cx.selection.select_stakeholder(ws.stakeholders[i].id),
                None => cx.selection.stakeholder = None,
            }
        }
        if let (Some(i), None) = (hovered, self.drag) {
            let commitments = cache.stats.get(i).map_or(0, |s| s.commitments);
            response.clone().on_hover_ui_at_pointer(|ui| {
                stakeholder_card_ui(ui, &ws.stakeholders[i], commitments)
            });
            ui.ctx().set_cursor_icon(if self.tool == Tool::Link {
                egui::CursorIcon::Crosshair
            } else {
                egui::CursorIcon::Grab
            });
        }
    }

    /// After a link is drawn: which kind of relationship is it?
    fn link_picker_ui(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        let Some(pending) = self.pending_link else {
            return;
        };
        let from = cx.ws.stakeholder_name(pending.from).to_owned();
        let to = cx.ws.stakeholder_name(pending.to).to_owned();
        egui::Area::new(egui::Id::unique("link-kind-picker"))
            .fixed_pos(pending.at + vec2(8.0, 8.0))
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(format!("{from} … {to}")).strong());
                    ui.label("What is the link?");
                    for kind in RelationshipKind::ALL {
                        if ui.button(format!("{from} {} {to}", kind.label())).clicked() {
                            cx.out.push(Edit::AddRelationship(Relationship::new(
                                pending.from,
                                pending.to,
                                *kind,
                            )));
                            self.pending_link = None;
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        self.pending_link = None;
                    }
                });
            });
    }
}

fn paint_lane(
    painter: &egui::Painter,
    map: &ValueChainMap,
    camera: Camera,
    lane: &LaneBox,
    visuals: &egui::Visuals,
) {
    let rect = Rect::from_two_pos(
        map.to_screen(camera, lane.min),
        map.to_screen(camera, lane.max),
    );
    let tint = category_color(match lane.lane {
        Lane::Finance => crate::model::Category::Bank,
        Lane::Supply => crate::model::Category::Supplier,
        Lane::Industry => crate::model::Category::Industry,
        Lane::Demand => crate::model::Category::Buyer,
        Lane::Government => crate::model::Category::Government,
        Lane::Support => crate::model::Category::CivilSociety,
    });
    let fill = tint.gamma_multiply(if visuals.dark_mode { 0.10 } else { 0.14 });
    painter.rect_filled(rect, 6.0, fill);
    painter.rect_stroke(
        rect,
        6.0,
        Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        egui::StrokeKind::Inside,
    );
    let size = (14.0 * camera.zoom.sqrt()).clamp(10.0, 18.0);
    painter.text(
        rect.left_top() + vec2(8.0, 6.0),
        Align2::LEFT_TOP,
        format!("{} · {}", lane.lane.label(), lane.count),
        FontId::proportional(size),
        visuals.weak_text_color(),
    );
}

/// A straight edge with the kind's dash pattern, and an arrowhead at `end`.
fn paint_edge(
    painter: &egui::Painter,
    start: Pos2,
    end: Pos2,
    color: Color32,
    dash: Dash,
    width: f32,
    arrow: bool,
) {
    let stroke = Stroke::new(width, color);
    let path = [start, end];
    match dash {
        Dash::Solid => {
            painter.line_segment(path, stroke);
        }
        Dash::Dashed => {
            painter.extend(Shape::dashed_line(&path, stroke, 7.0, 4.0));
        }
        Dash::Dotted => {
            painter.extend(Shape::dotted_line(&path, color, 5.0, width * 0.7));
        }
    }
    let length = (end - start).length();
    if arrow && length > 12.0 {
        let dir: Vec2 = (end - start) / length;
        let head = 7.0 + width;
        let normal = dir.rot90();
        let base = end - dir * head;
        painter.add(Shape::convex_polygon(
            vec![end, base + normal * head * 0.5, base - normal * head * 0.5],
            color,
            Stroke::NONE,
        ));
    }
}
