//! What the window shows. Views read the workspace and never change it: they
//! put [`Edit`]s, [`Command`]s and [`Request`]s in the [`Outbox`], which the
//! app handles once, at the end of the frame. Selection and filters are view
//! state, not document state.
//!
//! A view imports no other view: what several share lives in [`widgets`]
//! (inputs, the stakeholder card), [`palette`] (colours and shapes) and
//! `table_kit` (tables); numbers and names as text come from [`crate::text`].

mod chart_kit;
mod commitment_register;
mod flywheel;
mod influence_grid;
mod inspector;
mod momentum;
mod overview;
pub mod palette;
mod recorded;
mod roadmap;
mod shared_vision;
mod since;
mod stakeholder_list;
mod stakeholder_table;
mod table_kit;
mod value_chain;
mod white_spaces;
pub mod widgets;
mod workshop_summary;

use chrono::NaiveDate;

pub use commitment_register::CommitmentRegister;
pub use flywheel::FlywheelView;
pub use influence_grid::InfluenceGrid;
pub use inspector::Inspector;
pub use momentum::{Chart, MomentumView};
pub use overview::Overview;
pub use roadmap::RoadmapView;
pub use shared_vision::SharedVisionSlide;
pub use since::{Since, SinceView};
pub use stakeholder_list::StakeholderList;
pub use stakeholder_table::StakeholderTable;
pub use value_chain::{SIMPLIFY_ABOVE, Tool as MapTool, ValueChainMap};
pub use white_spaces::WhiteSpacesView;
pub use workshop_summary::WorkshopSummarySlide;

use crate::command::Command;
use crate::edit::{CoalesceKey, Edit};
use crate::model::{CommitmentId, StakeholderId, Workspace};

/// The id of a stakeholder's name field in the inspector, so that whoever
/// adds a stakeholder can put the cursor there.
pub fn name_field_id(stakeholder: StakeholderId) -> egui::Id {
    egui::Id::unique(("stakeholder-name", stakeholder))
}

/// The id of a commitment's title field in the inspector: adding a
/// commitment and typing its title are one undo step.
pub fn title_field_id(commitment: CommitmentId) -> egui::Id {
    egui::Id::unique(("commitment-title", commitment))
}

/// An edit waiting to be applied, with the interaction it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingEdit {
    pub edit: Edit,
    /// Edits from one continuous interaction (typing in a field, dragging a
    /// slider) share a key and become one undo step.
    pub key: Option<CoalesceKey>,
}

/// Something only the app can do for a view: files, dialogs, screenshots.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Save this text (a chart's data as CSV) to a file the user picks.
    ExportCsv { suggested_name: String, csv: String },
    /// Save this part of the window (a chart) as a PNG file the user picks.
    ExportPng {
        suggested_name: String,
        rect: egui::Rect,
    },
}

/// What menus, shortcuts and views asked for this frame: commands, edits
/// and requests, handled by the app at the end of the frame in that order.
#[derive(Debug, Default)]
pub struct Outbox {
    commands: Vec<Command>,
    edits: Vec<PendingEdit>,
    requests: Vec<Request>,
}

impl Outbox {
    /// A one-off change, such as a click on "Delete": its own undo step.
    pub fn push(&mut self, edit: Edit) {
        self.edits.push(PendingEdit { edit, key: None });
    }

    /// A change made by `response`'s widget; successive changes from the same
    /// widget, while it keeps focus or is being dragged, are one undo step.
    pub fn push_from(&mut self, response: &egui::Response, edit: Edit) {
        self.edits.push(PendingEdit {
            edit,
            key: Some(CoalesceKey(response.id.value())),
        });
    }

    /// A change that opens an interaction another widget continues, such as
    /// adding a record whose name is typed next.
    pub fn push_keyed(&mut self, edit: Edit, key: CoalesceKey) {
        self.edits.push(PendingEdit {
            edit,
            key: Some(key),
        });
    }

    /// Queues a command, to run at the end of the frame.
    pub fn command(&mut self, command: Command) {
        self.commands.push(command);
    }

    pub fn take_commands(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.commands)
    }

    pub fn take(&mut self) -> Vec<PendingEdit> {
        std::mem::take(&mut self.edits)
    }

    pub fn request(&mut self, request: Request) {
        self.requests.push(request);
    }

    pub fn take_requests(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.requests)
    }

    /// Nothing queued at all.
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty() && self.edits.is_empty() && self.requests.is_empty()
    }
}

/// What is selected; shared by every view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    pub stakeholder: Option<StakeholderId>,
    /// The commitment opened in the inspector.
    pub commitment: Option<CommitmentId>,
    /// Put the cursor in this stakeholder's name field when it is next shown.
    pub focus_name_of: Option<StakeholderId>,
    /// Put the cursor in this commitment's title, its text selected, when
    /// it is next shown.
    pub focus_title_of: Option<CommitmentId>,
}

impl Selection {
    pub fn select_stakeholder(&mut self, id: StakeholderId) {
        if self.stakeholder != Some(id) {
            self.stakeholder = Some(id);
            self.commitment = None;
        }
    }

    /// Drops ids that no longer exist (after an undo or a delete).
    pub fn prune(&mut self, ws: &Workspace) {
        if self
            .stakeholder
            .is_some_and(|id| ws.stakeholder(id).is_none())
        {
            self.stakeholder = None;
        }
        if self
            .commitment
            .is_some_and(|id| ws.commitment(id).is_none())
        {
            self.commitment = None;
        }
    }
}

/// Everything a view gets for one frame.
pub struct ViewContext<'a> {
    pub ws: &'a Workspace,
    /// Changes whenever the workspace does; views cache derived data on it.
    pub revision: u64,
    /// The date edits are recorded under; read from the clock by the app only.
    pub today: NaiveDate,
    pub selection: &'a mut Selection,
    pub out: &'a mut Outbox,
    /// A slide in presenter mode: views show, with nothing to edit, drag
    /// or export.
    pub read_only: bool,
    /// The workshop running now, if any: changes made during it are on its
    /// day and linked to it.
    pub workshop: Option<&'a crate::model::Workshop>,
}

impl<'a> ViewContext<'a> {
    pub fn new(
        doc: &'a crate::edit::Document,
        today: NaiveDate,
        selection: &'a mut Selection,
        out: &'a mut Outbox,
    ) -> Self {
        Self {
            ws: doc.workspace(),
            revision: doc.revision(),
            today,
            selection,
            out,
            read_only: false,
            workshop: None,
        }
    }
}
