//! Numbers derived from the workspace: pure functions of the document (and
//! of "today" where it matters), with no egui, unit-tested on small
//! workspaces whose answers are known. Views keep the results in a [`Cached`] keyed on the
//! document's revision instead of recomputing them every frame.

mod cached;
pub mod changes;
pub mod flywheel;
pub mod map_layout;
pub mod momentum;
pub mod roadmap_progress;
mod stakeholder_stats;
pub mod white_spaces;
pub mod workshop;

pub use cached::Cached;
pub use stakeholder_stats::{StakeholderStats, stakeholder_stats};
