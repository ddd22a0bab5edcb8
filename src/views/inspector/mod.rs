//! The inspector: every detail of the selected stakeholder, its
//! relationships and its commitments, editable in place.

mod commitment;
mod history;
mod relationship;
mod stakeholder;

use egui::{RichText, Ui};

use super::ViewContext;
use crate::analysis::Cached;
use crate::model::{StakeholderId, Workspace};

/// The inspector panel and the choices of its "add relationship" row.
#[derive(Debug, Default)]
pub struct Inspector {
    relationships: relationship::Relationships,
    /// The selected stakeholder's records, for a revision: finding them
    /// reads every relationship and commitment, too much for every frame.
    own: Cached<(u64, StakeholderId), Own>,
}

/// A stakeholder's relationships and commitments, by their places in the
/// workspace, in file order.
#[derive(Debug)]
struct Own {
    relationships: Vec<usize>,
    commitments: Vec<usize>,
}

impl Own {
    fn new(ws: &Workspace, id: StakeholderId) -> Self {
        Self {
            relationships: (ws.relationships.iter().enumerate())
                .filter(|(_, r)| r.involves(id))
                .map(|(i, _)| i)
                .collect(),
            commitments: (ws.commitments.iter().enumerate())
                .filter(|(_, c)| c.stakeholder == id)
                .map(|(i, _)| i)
                .collect(),
        }
    }
}

impl Inspector {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        // A copy of the reference, so the stakeholder stays borrowed from the
        // workspace (not from `cx`) while edits go into `cx.out`.
        let ws = cx.ws;
        let Some(s) = cx.selection.stakeholder.and_then(|id| ws.stakeholder(id)) else {
            ui.heading("Inspector");
            ui.add_space(8.0);
            ui.label(
                RichText::new(
                    "Select a stakeholder in the list to see and edit its details, \
                     relationships and commitments.",
                )
                .weak(),
            );
            return;
        };
        let own = self.own.get((cx.revision, s.id), || Own::new(ws, s.id));
        let relationships = own
            .relationships
            .iter()
            .filter_map(|&i| ws.relationships.get(i));
        let commitments = own
            .commitments
            .iter()
            .filter_map(|&i| ws.commitments.get(i));
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // Keep clear of the scroll bar, which floats over the right edge.
                ui.set_max_width(ui.available_width() - 10.0);
                stakeholder::header_ui(ui, cx, s);
                ui.separator();
                stakeholder::details_ui(ui, cx, s);
                ui.add_space(6.0);
                egui::CollapsingHeader::new(format!("Relationships ({})", own.relationships.len()))
                    .id_salt("relationships")
                    .default_open(true)
                    .show(ui, |ui| self.relationships.ui(ui, cx, s, relationships));
                egui::CollapsingHeader::new(format!("Commitments ({})", own.commitments.len()))
                    .id_salt("commitments")
                    .default_open(true)
                    .show(ui, |ui| commitment::commitments_ui(ui, cx, commitments));
            });
    }
}
