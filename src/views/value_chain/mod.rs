//! The value-chain map: stakeholders as nodes in lanes (suppliers → industry
//! → buyers, with finance above and government and civil society below),
//! relationships as directed edges styled by kind. Drag nodes to place them,
//! drag from one node to another to link them, scroll to zoom, drag the
//! background to pan.

mod cache;
mod camera;
mod interaction;
mod paint;

use egui::{Pos2, RichText, Sense, Ui};

use super::ViewContext;
use super::palette::category_legend_ui;
use crate::analysis::Cached;
use crate::analysis::map_layout::{auto_layout, lane_layout};
use crate::edit::Edit;
use crate::model::{StakeholderId, Workspace};
use crate::views::recorded::{Look, Recorded, Recorder};
use cache::Geometry;
use camera::{CameraState, Transform};
use interaction::Gesture;

/// Above this many stakeholders the map is simplified: nodes become dots
/// and relationships are drawn as one bundle per pair of lanes (with its
/// count); the selected or hovered stakeholder's own links are still drawn
/// one by one.
pub const SIMPLIFY_ABOVE: usize = 1_500;
/// Node radius in map units.
const NODE_RADIUS: f32 = 11.0;

/// What dragging a node does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Move,
    Link,
}

/// The value-chain tab.
#[derive(Debug)]
pub struct ValueChainMap {
    pub tool: Tool,
    pub show_names: bool,
    /// Which relationship kinds are drawn, in the order of `RelationshipKind::ALL`.
    shown_kinds: [bool; 6],
    camera: CameraState,
    geometry: Cached<u64, Geometry>,
    gesture: Gesture,
    /// The map as last drawn, kept while nothing it depends on changes:
    /// tessellating a thousand nodes and their links each frame took most
    /// of the frame. The lanes and links change with the focus (the
    /// hovered stakeholder's links stand out), the nodes do not.
    under_nodes: Cached<UnderNodesKey, Recorded>,
    /// The nodes and names, with where each node went (for tests).
    nodes: Cached<(DrawingKey, bool), NodesDrawing>,
}

/// The lanes and links depend on the drawing, the selected and hovered
/// nodes and the kinds of link shown.
type UnderNodesKey = (DrawingKey, [Option<usize>; 2], [bool; 6]);

/// The nodes and names, with where each node and name went.
type NodesDrawing = (Recorded, std::sync::Arc<[paint::Drawn]>);

/// What every part of a drawing of the map depends on.
#[derive(Clone, Debug, PartialEq)]
struct DrawingKey {
    revision: u64,
    transform: Transform,
    moving: Option<(usize, Pos2)>,
    look: Look,
}

impl Default for ValueChainMap {
    fn default() -> Self {
        Self {
            tool: Tool::Move,
            show_names: true,
            shown_kinds: [true; 6],
            camera: CameraState::default(),
            geometry: Cached::default(),
            gesture: Gesture::default(),
            under_nodes: Cached::default(),
            nodes: Cached::default(),
        }
    }
}

/// Whether `ws` is big enough for the simplified map.
fn is_simplified(ws: &Workspace) -> bool {
    ws.stakeholders.len() > SIMPLIFY_ABOVE
}

/// What one frame of the map is drawn and handled from. Nodes are named by
/// their index in `ws.stakeholders`, valid for this frame only.
struct Frame<'a> {
    ws: &'a Workspace,
    geometry: &'a Geometry,
    transform: Transform,
    simplified: bool,
    selected: Option<usize>,
    hovered: Option<usize>,
    /// The node being moved, drawn under the pointer.
    moving: Option<(usize, Pos2)>,
    /// Where names were drawn in the last frame: a name is part of its
    /// stakeholder's target (hover, click, drag).
    names: &'a [paint::Drawn],
    /// The same, by node index (empty when no names were drawn).
    name_boxes: Vec<Option<egui::Rect>>,
}

impl<'a> Frame<'a> {
    /// `selected` and `moving` are kept by id and found again here, in this
    /// revision's order.
    #[expect(clippy::too_many_arguments)]
    fn new(
        ui: &Ui,
        response: &egui::Response,
        ws: &'a Workspace,
        geometry: &'a Geometry,
        transform: Transform,
        selected: Option<StakeholderId>,
        moving: Option<StakeholderId>,
        names: &'a [paint::Drawn],
    ) -> Self {
        let moving = moving.and_then(|id| geometry.index.get(id));
        let mut frame = Self {
            ws,
            geometry,
            transform,
            simplified: is_simplified(ws),
            selected: selected.and_then(|id| geometry.index.get(id)),
            hovered: None,
            moving: moving.zip(ui.input(|i| i.pointer.latest_pos())),
            names,
            name_boxes: Vec::new(),
        };
        if names.iter().any(|d| d.name.is_some()) {
            frame.name_boxes = vec![None; ws.stakeholders.len()];
            for drawn in names {
                if let Some(slot) = geometry
                    .index
                    .get(drawn.id)
                    .and_then(|i| frame.name_boxes.get_mut(i))
                {
                    *slot = drawn.name;
                }
            }
        }
        frame.hovered = response.hover_pos().and_then(|p| frame.node_at(p));
        frame
    }

    /// Where node `i`'s name was drawn, if it was.
    fn name_box(&self, i: usize) -> Option<egui::Rect> {
        self.name_boxes.get(i).copied().flatten()
    }

    /// The stakeholder at `pos`: its marker, or else its name.
    fn node_at(&self, pos: Pos2) -> Option<usize> {
        interaction::node_at(self.geometry, &self.transform, pos).or_else(|| {
            self.names
                .iter()
                .rev()
                .find(|d| d.name.is_some_and(|r| r.contains(pos)))
                .and_then(|d| self.geometry.index.get(d.id))
        })
    }

    /// Where node `i` is drawn: under the pointer while it is moved.
    fn screen(&self, i: usize) -> Option<Pos2> {
        match self.moving {
            Some((moving, p)) if moving == i => Some(p),
            _ => self
                .geometry
                .positions
                .get(i)
                .map(|p| self.transform.to_screen(*p)),
        }
    }

    fn is_focus(&self, i: usize) -> bool {
        self.selected == Some(i) || self.hovered == Some(i)
    }

    /// Node radius on screen.
    fn node_radius(&self) -> f32 {
        (NODE_RADIUS * self.transform.zoom()).clamp(2.0, 16.0)
    }
}

impl ValueChainMap {
    /// Where a stakeholder's node was drawn in the last frame.
    pub fn node_position(&self, id: StakeholderId) -> Option<Pos2> {
        let (_, drawn) = self.nodes.last()?;
        drawn.iter().find(|d| d.id == id).map(|d| d.at)
    }

    /// Where a stakeholder's name was drawn in the last frame.
    pub fn name_rect(&self, id: StakeholderId) -> Option<egui::Rect> {
        let (_, drawn) = self.nodes.last()?;
        drawn.iter().find(|d| d.id == id).and_then(|d| d.name)
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        self.toolbar_ui(ui, cx);
        if cx.ws.stakeholders.is_empty() {
            // A drag whose stakeholder was just undone away ends here.
            self.gesture = Gesture::default();
            empty_ui(ui);
            return;
        }
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let ws = cx.ws;
        let geometry = self.geometry.get(cx.revision, || Geometry::new(ws));
        self.gesture.forget_missing(&geometry.index);
        let panning = self.gesture.is_panning();
        let transform = self.camera.frame(ui, &response, geometry, panning);
        let selected = cx.selection.stakeholder;
        let moving = self.gesture.moving();
        let names = self
            .nodes
            .last()
            .map(|(_, drawn)| drawn.clone())
            .unwrap_or_default();
        let frame = Frame::new(
            ui, &response, ws, geometry, transform, selected, moving, &names,
        );
        let painter = painter.with_clip_rect(transform.canvas());
        let layers = paint::Layers {
            shown_kinds: &self.shown_kinds,
            show_names: self.show_names,
        };
        let key = DrawingKey {
            revision: cx.revision,
            transform,
            moving: frame.moving,
            look: Look::of(ui, &painter),
        };
        let focus = [frame.selected, frame.hovered];
        let visuals = ui.visuals();
        let under = self
            .under_nodes
            .get((key.clone(), focus, self.shown_kinds), || {
                let mut recorder = Recorder::new(&painter);
                paint::under_nodes(&mut recorder, visuals, &frame, &layers);
                recorder.finish()
            });
        under.paint(&painter);
        let (nodes, _) = self.nodes.get((key, self.show_names), || {
            let mut recorder = Recorder::new(&painter);
            let drawn = paint::nodes(&mut recorder, visuals, &frame, layers.show_names);
            (recorder.finish(), drawn.into())
        });
        nodes.paint(&painter);
        paint::paint_focus_rings(&painter, visuals, &frame);
        self.gesture
            .handle(ui, &response, &painter, &frame, self.tool, cx);
        self.gesture.link_picker_ui(ui, cx);
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.horizontal_wrapped(|ui| {
            if cx.read_only {
                self.camera_buttons_ui(ui);
                ui.separator();
                ui.checkbox(&mut self.show_names, "Names");
                return;
            }
            self.auto_layout_button_ui(ui, cx);
            self.camera_buttons_ui(ui);
            ui.separator();
            self.tool_buttons_ui(ui);
        });
        ui.horizontal_wrapped(|ui| paint::edge_legend_ui(ui, &mut self.shown_kinds));
        category_legend_ui(ui);
    }

    fn auto_layout_button_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let clicked = ui
            .add_enabled(!cx.ws.stakeholders.is_empty(), egui::Button::new("⟲ Auto-layout"))
            .on_hover_text("Arrange every stakeholder in its lane, linked ones near each other, without overlaps (undo with Ctrl+Z)")
            .clicked();
        if !clicked {
            return;
        }
        let layout = if is_simplified(cx.ws) {
            lane_layout(cx.ws)
        } else {
            auto_layout(cx.ws)
        };
        let moves = cx
            .ws
            .stakeholders
            .iter()
            .zip(layout.positions)
            .map(|(s, p)| (s.id, Some(p)))
            .collect();
        cx.out.push(Edit::MoveOnMap(moves));
        self.camera.fit_next_frame();
    }

    fn camera_buttons_ui(&mut self, ui: &mut Ui) {
        if ui
            .button("⛶ Fit")
            .on_hover_text("Show the whole map")
            .clicked()
        {
            self.camera.fit_next_frame();
        }
        if ui
            .button("➖")
            .accessible_name("Zoom out")
            .on_hover_text("Zoom out (or scroll)")
            .clicked()
        {
            self.camera.zoom_out();
        }
        if ui
            .button("➕")
            .accessible_name("Zoom in")
            .on_hover_text("Zoom in (or scroll)")
            .clicked()
        {
            self.camera.zoom_in();
        }
    }

    fn tool_buttons_ui(&mut self, ui: &mut Ui) {
        ui.label("Drag nodes to:");
        ui.selectable_value(&mut self.tool, Tool::Move, "✋ Move")
            .on_hover_text("Drag a stakeholder to place it on the map");
        ui.selectable_value(&mut self.tool, Tool::Link, "🔗 Link")
            .on_hover_text("Drag from one stakeholder to another to record a relationship (or hold Shift while dragging)");
        ui.separator();
        ui.checkbox(&mut self.show_names, "Names");
    }
}

fn empty_ui(ui: &mut Ui) {
    ui.add_space(20.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new("The value chain is empty").heading());
        ui.label("Add stakeholders with “Add stakeholder” (Ctrl+Shift+N): suppliers, industry and buyers appear in their lanes, finance above, government and civil society below.");
    });
}
