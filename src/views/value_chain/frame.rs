//! One frame of the map: the document, geometry and camera it is drawn
//! from, which node is selected, hovered or moved, and where each node and
//! name was drawn, so painting and the pointer agree on what is where.

use egui::{Pos2, Rect, Response, Ui};

use super::camera::Transform;
use super::geometry::{Geometry, is_simplified};
use crate::model::{StakeholderId, Workspace};

/// Node radius in map units.
pub(super) const NODE_RADIUS: f32 = 11.0;

/// A node as drawn: where its marker and its name went.
#[derive(Clone, Copy, Debug)]
pub(super) struct Drawn {
    pub id: StakeholderId,
    pub at: Pos2,
    /// The name's box, when names are drawn.
    pub name: Option<Rect>,
}

/// What one frame of the map is drawn and handled from. Nodes are named by
/// their index in `ws.stakeholders`, valid for this frame only.
pub(super) struct Frame<'a> {
    pub ws: &'a Workspace,
    pub geometry: &'a Geometry,
    pub transform: Transform,
    pub simplified: bool,
    pub selected: Option<usize>,
    pub hovered: Option<usize>,
    /// The node being moved, drawn under the pointer.
    pub moving: Option<(usize, Pos2)>,
    /// Where names were drawn in the last frame: a name is part of its
    /// stakeholder's target (hover, click, drag).
    pub names: &'a [Drawn],
    /// The same, by node index (empty when no names were drawn).
    pub name_boxes: Vec<Option<Rect>>,
}

impl<'a> Frame<'a> {
    /// `selected` and `moving` are kept by id and found again here, in this
    /// revision's order.
    #[expect(clippy::too_many_arguments)]
    pub fn new(
        ui: &Ui,
        response: &Response,
        ws: &'a Workspace,
        geometry: &'a Geometry,
        transform: Transform,
        selected: Option<StakeholderId>,
        moving: Option<StakeholderId>,
        names: &'a [Drawn],
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
    pub fn name_box(&self, i: usize) -> Option<Rect> {
        self.name_boxes.get(i).copied().flatten()
    }

    /// The stakeholder at `pos`: its marker, or else its name.
    pub fn node_at(&self, pos: Pos2) -> Option<usize> {
        marker_at(self.geometry, &self.transform, pos).or_else(|| {
            self.names
                .iter()
                .rev()
                .find(|d| d.name.is_some_and(|r| r.contains(pos)))
                .and_then(|d| self.geometry.index.get(d.id))
        })
    }

    /// Where node `i` is drawn: under the pointer while it is moved.
    pub fn screen(&self, i: usize) -> Option<Pos2> {
        match self.moving {
            Some((moving, p)) if moving == i => Some(p),
            _ => self
                .geometry
                .positions
                .get(i)
                .map(|p| self.transform.to_screen(*p)),
        }
    }

    pub fn is_focus(&self, i: usize) -> bool {
        self.selected == Some(i) || self.hovered == Some(i)
    }

    /// Node radius on screen.
    pub fn node_radius(&self) -> f32 {
        (NODE_RADIUS * self.transform.zoom()).clamp(2.0, 16.0)
    }
}

/// The node whose marker is within reach of `pos`, the nearest.
fn marker_at(geometry: &Geometry, transform: &Transform, pos: Pos2) -> Option<usize> {
    let reach = (NODE_RADIUS * transform.zoom()).max(4.0) + 3.0;
    geometry
        .positions
        .iter()
        .enumerate()
        .map(|(i, p)| (i, transform.to_screen(*p).distance(pos)))
        .filter(|(_, d)| *d <= reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}
