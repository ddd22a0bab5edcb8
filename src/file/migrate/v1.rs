//! Format 1, as Flywheel wrote it until metrics said how their pledges
//! combine. Only the parts that changed since have their own types here;
//! the rest is read with the current model's types, which still match.

use serde::Deserialize;

use super::v2::WorkspaceV2;
use crate::model::{
    Commitment, DEFAULT_TIPPING_POINT_PERCENT, Metric, MetricId, MetricKind, Milestone,
    Relationship, Roadmap, Sector, Stakeholder, Workshop,
};

fn default_tipping_point() -> f64 {
    DEFAULT_TIPPING_POINT_PERCENT
}

/// A format 1 workspace.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WorkspaceV1 {
    #[allow(dead_code, reason = "read so the field is accepted; always 1")]
    format_version: u32,
    title: String,
    sector: Sector,
    #[serde(default)]
    vision: String,
    #[serde(default)]
    notes: String,
    #[serde(default = "default_tipping_point")]
    tipping_point_percent: f64,
    #[serde(default)]
    roadmap: RoadmapV1,
    #[serde(default)]
    stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    relationships: Vec<Relationship>,
    #[serde(default)]
    commitments: Vec<Commitment>,
    #[serde(default)]
    workshops: Vec<Workshop>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoadmapV1 {
    #[serde(default)]
    metrics: Vec<MetricV1>,
    #[serde(default)]
    milestones: Vec<Milestone>,
}

/// A format 1 metric: no `kind`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricV1 {
    id: MetricId,
    name: String,
    unit: String,
    #[serde(default)]
    description: String,
}

impl WorkspaceV1 {
    /// The same workspace in format 2. Each metric gets the kind its unit
    /// suggests ([`MetricKind::from_unit`]); nothing else changes.
    pub(super) fn migrate(self) -> WorkspaceV2 {
        let metrics = self
            .roadmap
            .metrics
            .into_iter()
            .map(|m| Metric {
                kind: MetricKind::from_unit(&m.unit),
                id: m.id,
                name: m.name,
                unit: m.unit,
                description: m.description,
                segment: None,
            })
            .collect();
        WorkspaceV2 {
            format_version: 2,
            title: self.title,
            sector: self.sector,
            vision: self.vision,
            notes: self.notes,
            tipping_point_percent: self.tipping_point_percent,
            roadmap: Roadmap {
                metrics,
                milestones: self.roadmap.milestones,
            },
            stakeholders: self.stakeholders,
            relationships: self.relationships,
            commitments: self.commitments,
            workshops: self.workshops,
        }
    }
}
