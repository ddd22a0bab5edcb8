//! The pointer on the grid: hovering shows a stakeholder's card, a click
//! selects, and dragging a marker to another cell rescores the stakeholder
//! when it is dropped (one edit, so one undo step).
//!
//! The dragged stakeholder is kept by id: an undo or a delete between two
//! frames reorders the document, and a stakeholder that is gone simply ends
//! the drag.

use egui::{Align2, FontId, Painter, Pos2, Response, Stroke, Ui, vec2};

use super::cells::{Members, Plot};
use super::paint::Marker;
use crate::edit::Edit;
use crate::model::{Stakeholder, StakeholderId, Workspace};
use crate::views::palette::category_marker;
use crate::views::widgets::stakeholder_card_ui;
use crate::views::{Outbox, Selection, ViewContext};

/// What the pointer can reach in this frame.
pub(super) struct Scene<'a> {
    pub ws: &'a Workspace,
    pub plot: Plot,
    pub members: &'a Members,
    pub markers: &'a [Marker],
}

impl Scene<'_> {
    fn stakeholder(&self, id: StakeholderId) -> Option<(usize, &Stakeholder)> {
        let index = self.members.index.get(id)?;
        Some((index, self.ws.stakeholders.get(index)?))
    }

    /// The marker under `pos`, nearest first; tiny markers get some reach.
    /// The stakeholder whose marker, or else whose name, is at `pos`.
    fn marker_at(&self, pos: Pos2) -> Option<StakeholderId> {
        self.markers
            .iter()
            .filter(|m| m.center.distance(pos) <= m.radius.max(6.0) + 2.0)
            .min_by(|a, b| a.center.distance(pos).total_cmp(&b.center.distance(pos)))
            .or_else(|| {
                self.markers
                    .iter()
                    .find(|m| m.name.is_some_and(|r| r.expand(1.0).contains(pos)))
            })
            .map(|m| m.id)
    }
}

/// Starts, follows and ends a drag; otherwise handles clicks and hovers.
pub(super) fn handle(
    drag: &mut Option<StakeholderId>,
    ui: &Ui,
    response: &Response,
    painter: &Painter,
    scene: &Scene<'_>,
    cx: &mut ViewContext<'_>,
) {
    let pointer = response.interact_pointer_pos().or(response.hover_pos());
    if response.drag_started() && !cx.read_only {
        // Hit-test where the press began: the pointer has moved on by now.
        let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
        *drag = origin.and_then(|p| start(scene, p, cx.selection)).or(*drag);
    }
    if drag.is_some() {
        follow(drag, ui, response, painter, scene, cx.out);
        return;
    }
    if response.clicked() {
        match pointer.and_then(|p| scene.marker_at(p)) {
            Some(id) => cx.selection.select_stakeholder(id),
            None => cx.selection.stakeholder = None,
        }
    }
    hover_ui(ui, response, scene);
}

/// The stakeholder whose marker is at `origin`, now selected.
fn start(scene: &Scene<'_>, origin: Pos2, selection: &mut Selection) -> Option<StakeholderId> {
    let id = scene.marker_at(origin)?;
    scene.stakeholder(id)?;
    selection.select_stakeholder(id);
    Some(id)
}

/// Draws the dragged marker under the pointer and, on release, rescores it.
fn follow(
    drag: &mut Option<StakeholderId>,
    ui: &Ui,
    response: &Response,
    painter: &Painter,
    scene: &Scene<'_>,
    out: &mut Outbox,
) {
    let dragged = drag.and_then(|id| scene.stakeholder(id));
    let Some((_, s)) = dragged else {
        // Undone or deleted since the drag began.
        *drag = None;
        return;
    };
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        *drag = None;
        return;
    }
    if let Some(pos) = response.interact_pointer_pos() {
        paint_dragged(ui, painter, scene.plot, s, pos);
    }
    if response.drag_stopped() {
        *drag = None;
        let target = response
            .interact_pointer_pos()
            .or(ui.input(|i| i.pointer.latest_pos()));
        if let Some((support, influence)) = target.and_then(|p| scene.plot.cell_at(p))
            && (support, influence) != (s.support, s.influence)
        {
            let mut moved = s.clone();
            moved.support = support;
            moved.influence = influence;
            out.push(Edit::UpdateStakeholder(moved));
        }
    }
}

/// The target cell outlined, and the stakeholder's marker and name at `pos`.
fn paint_dragged(ui: &Ui, painter: &Painter, plot: Plot, s: &Stakeholder, pos: Pos2) {
    let visuals = ui.visuals();
    if let Some(cell) = plot.cell_at(pos) {
        painter.rect_stroke(
            plot.cell_rect(cell),
            2.0,
            Stroke::new(2.0, visuals.selection.stroke.color),
            egui::StrokeKind::Inside,
        );
    }
    painter.add(category_marker(s.category, pos, 9.0, visuals.dark_mode));
    painter.text(
        pos + vec2(12.0, 0.0),
        Align2::LEFT_CENTER,
        s.display_name(),
        FontId::proportional(13.0),
        visuals.strong_text_color(),
    );
}

/// The hovered stakeholder's card, and a cursor that says it can be dragged.
fn hover_ui(ui: &Ui, response: &Response, scene: &Scene<'_>) {
    let hovered = response.hover_pos().and_then(|p| scene.marker_at(p));
    let Some((index, s)) = hovered.and_then(|id| scene.stakeholder(id)) else {
        return;
    };
    let commitments = scene.members.stats.get(index).map_or(0, |s| s.commitments);
    response
        .clone()
        .on_hover_ui_at_pointer(|ui| stakeholder_card_ui(ui, s, commitments));
    ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
}
