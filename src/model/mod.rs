//! The workspace document: plain serde data, with no knowledge of egui or of
//! files. Views read it; only [`crate::edit`] changes it.

mod commitment;
pub mod conflict;
mod history;
mod ids;
mod labels;
pub mod limits;
mod lineage;
mod presentation;
mod record_ref;
mod relationship;
mod roadmap;
mod sector;
mod share;
mod stakeholder;
pub mod validate;
mod workshop;
mod workspace;

pub use commitment::{Commitment, CommitmentKind, CommitmentStatus, Quantity, StatusChange};
pub use history::{check_stage_history, check_status_history, move_date_made};
pub use ids::{
    CommitmentId, MetricId, RelationshipId, RevisionId, StakeholderId, WorkshopId, WorkspaceId,
};
pub use lineage::{Lineage, MAX_ANCESTORS};
pub use presentation::Slide;
pub use record_ref::RecordRef;
pub use relationship::{Confidence, Relationship, RelationshipKind};
pub use roadmap::{
    MILESTONE_STEP_YEARS, MILESTONE_YEARS, Metric, MetricKind, MetricTarget, Milestone, Roadmap,
    Segment,
};
pub use sector::Sector;
pub use share::{Removed, ShareMarker};
pub use stakeholder::{
    Category, EngagementStage, INFLUENCE_RANGE, MapPoint, SUPPORT_RANGE, StageChange, Stakeholder,
};
pub use validate::{Checked, ValidationError, validate};
pub use workshop::Workshop;
pub use workspace::{DEFAULT_TIPPING_POINT_PERCENT, FORMAT_VERSION, StakeholderIndex, Workspace};
