//! The pointer on the map: hovering shows a stakeholder's card, a click
//! selects, dragging a node moves it (or, with Shift or the Link tool,
//! draws a link whose kind is then picked), dragging the background pans.
//!
//! What is dragged is kept by id: an undo or a delete between two frames
//! reorders the document, and a node that is gone simply ends the drag.

use egui::{Painter, Pos2, Response, RichText, Stroke, Ui, vec2};

use super::frame::Frame;
use crate::edit::Edit;
use crate::model::{Relationship, RelationshipKind, StakeholderId, StakeholderIndex};
use crate::views::widgets::stakeholder_card_ui;
use crate::views::{Outbox, Selection, ViewContext};

/// What dragging a node does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Move,
    Link,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Drag {
    Node(StakeholderId),
    Link { from: StakeholderId },
    Pan,
}

/// A link drawn between two nodes, waiting for its kind.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PendingLink {
    from: StakeholderId,
    to: StakeholderId,
    at: Pos2,
}

/// The pointer gesture under way, kept between frames.
#[derive(Debug, Default)]
pub(super) struct Gesture {
    drag: Option<Drag>,
    pending_link: Option<PendingLink>,
}

impl Gesture {
    pub fn is_panning(&self) -> bool {
        self.drag == Some(Drag::Pan)
    }

    /// The stakeholder whose node is being moved.
    pub fn moving(&self) -> Option<StakeholderId> {
        match self.drag {
            Some(Drag::Node(id)) => Some(id),
            _ => None,
        }
    }

    /// Ends, quietly, a drag from a stakeholder that no longer exists.
    pub fn forget_missing(&mut self, index: &StakeholderIndex) {
        let from = match self.drag {
            Some(Drag::Node(id) | Drag::Link { from: id }) => id,
            _ => return,
        };
        if index.get(from).is_none() {
            self.drag = None;
        }
    }

    /// Starts, follows and ends drags, clicks and hovers on the canvas.
    pub fn handle(
        &mut self,
        ui: &Ui,
        response: &Response,
        painter: &Painter,
        frame: &Frame<'_>,
        tool: Tool,
        cx: &mut ViewContext<'_>,
    ) {
        if response.drag_started() {
            if cx.read_only {
                self.drag = Some(Drag::Pan);
            } else {
                self.start(ui, response, frame, tool, cx.selection);
            }
        }
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.drag = None;
            self.pending_link = None;
        }
        let pointer = response
            .interact_pointer_pos()
            .or(ui.input(|i| i.pointer.latest_pos()));
        if let Some(p) = pointer {
            self.paint_link_arrow(ui, painter, frame, p);
        }
        if response.drag_stopped() {
            self.drop(frame, pointer, cx.out);
        }
        if response.clicked() {
            self.pending_link = None;
            click(frame, cx.selection);
        }
        if self.drag.is_none() {
            hover_ui(ui, response, frame, tool);
        }
    }

    fn start(
        &mut self,
        ui: &Ui,
        response: &Response,
        frame: &Frame<'_>,
        tool: Tool,
        selection: &mut Selection,
    ) {
        // Hit-test where the press began: the pointer has moved on by now.
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos());
        let node = origin
            .and_then(|p| frame.node_at(p))
            .and_then(|i| frame.ws.stakeholders.get(i))
            .map(|s| s.id);
        let linking = tool == Tool::Link || ui.input(|i| i.modifiers.shift);
        self.drag = Some(match node {
            Some(from) if linking => Drag::Link { from },
            Some(id) => {
                selection.select_stakeholder(id);
                Drag::Node(id)
            }
            None => Drag::Pan,
        });
    }

    /// While linking, an arrow from the first node to the pointer.
    fn paint_link_arrow(&self, ui: &Ui, painter: &Painter, frame: &Frame<'_>, pointer: Pos2) {
        let Some(Drag::Link { from }) = self.drag else {
            return;
        };
        let Some(start) = frame.geometry.index.get(from).and_then(|i| frame.screen(i)) else {
            return;
        };
        let stroke = Stroke::new(2.0, ui.visuals().selection.stroke.color);
        painter.arrow(start, pointer - start, stroke);
    }

    fn drop(&mut self, frame: &Frame<'_>, pointer: Option<Pos2>, out: &mut Outbox) {
        let (Some(drag), Some(p)) = (self.drag.take(), pointer) else {
            return;
        };
        match drag {
            Drag::Node(id) => move_node(frame, id, p, out),
            Drag::Link { from } => {
                if let Some(link) = link_to(frame, from, p) {
                    self.pending_link = Some(link);
                }
            }
            Drag::Pan => {}
        }
    }

    /// After a link is drawn: which kind of relationship is it?
    pub fn link_picker_ui(&mut self, ui: &Ui, cx: &mut ViewContext<'_>) {
        let Some(pending) = self.pending_link else {
            return;
        };
        let (Some(from), Some(to)) = (
            cx.ws.stakeholder(pending.from),
            cx.ws.stakeholder(pending.to),
        ) else {
            // An end was undone or deleted while the picker was open.
            self.pending_link = None;
            return;
        };
        let names = [from.display_name(), to.display_name()];
        let closed = egui::Area::new(egui::Id::unique("link-kind-picker"))
            .fixed_pos(pending.at + vec2(8.0, 8.0))
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .show(ui, |ui| kind_picker_ui(ui, pending, names, cx.out))
                    .inner
            })
            .inner;
        if closed {
            self.pending_link = None;
        }
    }
}

/// Records the dropped node's new place, unless it barely moved.
fn move_node(frame: &Frame<'_>, id: StakeholderId, p: Pos2, out: &mut Outbox) {
    let old = frame
        .geometry
        .index
        .get(id)
        .and_then(|i| frame.geometry.positions.get(i));
    let Some(old) = old else {
        return;
    };
    let target = frame.transform.to_map(p);
    if (target.x - old.x).abs() + (target.y - old.y).abs() > 0.5 {
        out.push(Edit::MoveOnMap(vec![(id, Some(target))]));
    }
}

/// The link from `from` to the node at `p`, if there is one other than itself.
fn link_to(frame: &Frame<'_>, from: StakeholderId, p: Pos2) -> Option<PendingLink> {
    let to = frame.node_at(p)?;
    let to = frame.ws.stakeholders.get(to)?.id;
    (to != from).then_some(PendingLink { from, to, at: p })
}

fn click(frame: &Frame<'_>, selection: &mut Selection) {
    match frame.hovered.and_then(|i| frame.ws.stakeholders.get(i)) {
        Some(s) => selection.select_stakeholder(s.id),
        None => selection.stakeholder = None,
    }
}

/// The hovered stakeholder's card, and a cursor that says what a drag does.
fn hover_ui(ui: &Ui, response: &Response, frame: &Frame<'_>, tool: Tool) {
    let Some(i) = frame.hovered else {
        return;
    };
    let Some(s) = frame.ws.stakeholders.get(i) else {
        return;
    };
    let commitments = frame.geometry.stats.get(i).map_or(0, |s| s.commitments);
    response
        .clone()
        .on_hover_ui_at_pointer(|ui| stakeholder_card_ui(ui, s, commitments));
    ui.ctx().set_cursor_icon(if tool == Tool::Link {
        egui::CursorIcon::Crosshair
    } else {
        egui::CursorIcon::Grab
    });
}

/// One button per kind; returns whether the picker is done with.
fn kind_picker_ui(
    ui: &mut Ui,
    pending: PendingLink,
    [from, to]: [&str; 2],
    out: &mut Outbox,
) -> bool {
    ui.label(RichText::new(format!("{from} … {to}")).strong());
    ui.label("What is the link?");
    let mut closed = false;
    for kind in RelationshipKind::ALL {
        if ui.button(format!("{from} {} {to}", kind.label())).clicked() {
            let link = Relationship::new(pending.from, pending.to, *kind);
            out.push(Edit::AddRelationship(link));
            closed = true;
        }
    }
    if ui.button("Cancel").clicked() {
        closed = true;
    }
    closed
}
