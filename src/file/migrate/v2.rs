//! Format 2, as Flywheel wrote it until share copies were marked in the
//! file. Only the workspace itself changed since: format 3 added the
//! optional `share` marker.

use serde::Deserialize;

use crate::model::{
    Commitment, DEFAULT_TIPPING_POINT_PERCENT, FORMAT_VERSION, Relationship, Roadmap, Sector,
    Stakeholder, Workshop, Workspace,
};

fn default_tipping_point() -> f64 {
    DEFAULT_TIPPING_POINT_PERCENT
}

/// A format 2 workspace: no `share` marker.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WorkspaceV2 {
    #[allow(dead_code, reason = "read so the field is accepted; always 2")]
    pub(super) format_version: u32,
    pub(super) title: String,
    pub(super) sector: Sector,
    #[serde(default)]
    pub(super) vision: String,
    #[serde(default)]
    pub(super) notes: String,
    #[serde(default = "default_tipping_point")]
    pub(super) tipping_point_percent: f64,
    #[serde(default)]
    pub(super) roadmap: Roadmap,
    #[serde(default)]
    pub(super) stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    pub(super) relationships: Vec<Relationship>,
    #[serde(default)]
    pub(super) commitments: Vec<Commitment>,
    #[serde(default)]
    pub(super) workshops: Vec<Workshop>,
}

impl WorkspaceV2 {
    /// The same workspace in the current format: format 2 had no share
    /// copies, so it is not one; nothing else changes.
    pub(super) fn migrate(self) -> Workspace {
        Workspace {
            open_conflicts: Vec::new(),
            lineage: None,
            format_version: FORMAT_VERSION,
            title: self.title,
            sector: self.sector,
            share: None,
            vision: self.vision,
            notes: self.notes,
            tipping_point_percent: self.tipping_point_percent,
            roadmap: self.roadmap,
            stakeholders: self.stakeholders,
            relationships: self.relationships,
            commitments: self.commitments,
            workshops: self.workshops,
            presentation: Vec::new(),
        }
    }
}
