//! The influence–support grid (a power–interest map): who can move the
//! sector, and where they stand. Dragging a stakeholder to another cell
//! rescores it, as one undo step.

mod cells;
mod interaction;
mod paint;

use egui::{Pos2, Rect, RichText, Sense, Ui};

use super::ViewContext;
use super::palette::category_legend_ui;
use crate::analysis::Cached;
use crate::model::StakeholderId;
use crate::views::recorded::Look;
use cells::{Members, Plot};
use interaction::Scene;
use paint::MarkerLayer;

/// Everything the painted markers depend on: the document, where the grid
/// is, the labels switch and the look.
#[derive(Clone, Debug, PartialEq)]
struct LayerKey {
    revision: u64,
    plot: Rect,
    show_labels: bool,
    look: Look,
}

/// The grid tab.
#[derive(Debug)]
pub struct InfluenceGrid {
    pub show_labels: bool,
    members: Cached<u64, Members>,
    /// The stakeholder being dragged to another cell.
    drag: Option<StakeholderId>,
    /// The markers as last drawn, kept while nothing they depend on changes.
    layer: Cached<LayerKey, MarkerLayer>,
    /// Where the grid was drawn last frame, if there was room for it.
    plot: Option<Plot>,
}

impl Default for InfluenceGrid {
    fn default() -> Self {
        Self {
            show_labels: true,
            members: Cached::default(),
            drag: None,
            layer: Cached::default(),
            plot: None,
        }
    }
}

impl InfluenceGrid {
    /// Where a stakeholder's marker was drawn in the last frame.
    pub fn marker_position(&self, id: StakeholderId) -> Option<Pos2> {
        let markers = self.layer.last().map_or(&[][..], |l| &l.markers);
        markers.iter().find(|m| m.id == id).map(|m| m.center)
    }

    /// Where a stakeholder's name was listed in the last frame.
    pub fn name_rect(&self, id: StakeholderId) -> Option<egui::Rect> {
        let markers = self.layer.last().map_or(&[][..], |l| &l.markers);
        markers.iter().find(|m| m.id == id).and_then(|m| m.name)
    }

    /// The centre of the cell for `support` and `influence` in the last frame.
    pub fn cell_center(&self, support: i8, influence: u8) -> Option<Pos2> {
        self.plot
            .map(|plot| plot.cell_rect((support, influence)).center())
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        if cx.ws.share.as_ref().is_some_and(|m| m.removed.scores) {
            self.drag = None;
            no_scores_ui(ui);
            return;
        }
        self.header_ui(ui, cx.read_only);
        if cx.ws.stakeholders.is_empty() {
            // A drag whose stakeholder was just undone away ends here.
            self.drag = None;
            empty_ui(ui);
            return;
        }
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        self.plot = Plot::inside(response.rect);
        let Some(plot) = self.plot else {
            return;
        };
        let ws = cx.ws;
        let members = self.members.get(cx.revision, || Members::new(ws));
        let visuals = ui.visuals();
        paint::background(&painter, visuals, &plot);
        let show_labels = self.show_labels;
        let key = LayerKey {
            revision: cx.revision,
            plot: plot.rect(),
            show_labels,
            look: Look::of(ui, &painter),
        };
        let layer = self.layer.get(key, || {
            MarkerLayer::new(&painter, visuals, &plot, ws, members, show_labels)
        });
        layer.paint(&painter);
        paint::selection_ring(&painter, visuals, &layer.markers, cx.selection.stakeholder);
        let scene = Scene {
            ws,
            plot,
            members,
            markers: &layer.markers,
        };
        interaction::handle(&mut self.drag, ui, &response, &painter, &scene, cx);
    }

    fn header_ui(&mut self, ui: &mut Ui, read_only: bool) {
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.show_labels, "Show names");
            ui.separator();
            category_legend_ui(ui);
        });
        if read_only {
            return;
        }
        ui.label(
            RichText::new("Drag a stakeholder to another cell to change its influence and support; hover for details.")
                .weak()
                .small(),
        );
    }
}

/// A share copy made without scores has none to place anyone by.
fn no_scores_ui(ui: &mut Ui) {
    ui.add_space(20.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new("This share copy has no scores").heading());
        ui.label(
            "It was made without influence and support scores, so there is nothing to map. \
             The original workspace has them.",
        );
    });
}

fn empty_ui(ui: &mut Ui) {
    ui.add_space(20.0);
    ui.vertical_centered(|ui| {
        ui.label(RichText::new("No stakeholders to map yet").heading());
        ui.label("Add stakeholders with “Add stakeholder” (Ctrl+Shift+N); each appears here by its influence and support.");
    });
}
