//! The value-chain map: stakeholders as nodes in lanes (suppliers → industry
//! → buyers, with finance above and government and civil society below),
//! relationships as directed edges styled by kind. Drag nodes to place them,
//! drag from one node to another to link them, scroll to zoom, drag the
//! background to pan.

mod camera;
mod frame;
mod geometry;
mod interaction;
mod paint;

use egui::{Pos2, RichText, Sense, Ui};

use super::ViewContext;
use super::palette::category_legend_ui;
use crate::analysis::Cached;
use crate::analysis::map_layout::{auto_layout, lane_layout};
use crate::edit::Edit;
use crate::model::StakeholderId;
use crate::views::recorded::{Look, Recorded, Recorder};
use camera::{CameraState, Transform};
use frame::{Drawn, Frame};
use geometry::{Geometry, is_simplified};
use interaction::Gesture;

pub use geometry::SIMPLIFY_ABOVE;
pub use interaction::Tool;

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
type NodesDrawing = (Recorded, std::sync::Arc<[Drawn]>);

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
