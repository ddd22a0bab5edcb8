use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::commitment::Commitment;
use super::conflict::Conflict;
use super::ids::{CommitmentId, RelationshipId, StakeholderId, WorkshopId};
use super::lineage::Lineage;
use super::presentation::Slide;
use super::relationship::Relationship;
use super::roadmap::Roadmap;
use super::sector::Sector;
use super::share::ShareMarker;
use super::stakeholder::Stakeholder;
use super::workshop::Workshop;

/// The file format version this build writes. Older versions are migrated on
/// load; newer ones are refused.
pub const FORMAT_VERSION: u32 = 5;

/// Everything a facilitator keeps about one sector coalition. This is what a
/// `.ron` file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    /// Always [`FORMAT_VERSION`] in memory; the file layer migrates older files.
    pub format_version: u32,
    /// Which workspace and which save this is (format 5 on); `None` until
    /// the first save. Set by saving, never by an edit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lineage: Option<Lineage>,
    pub title: String,
    pub sector: Sector,
    /// Set when this is a share copy (format 3 on): when it was made, from
    /// what and what it leaves out. Kept when the copy is saved again, so a
    /// copy never passes for the original. Not written when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<ShareMarker>,
    /// The coalition's shared vision, in the members' words.
    #[serde(default)]
    pub vision: String,
    /// About this workspace: sources, caveats, who keeps it.
    #[serde(default)]
    pub notes: String,
    /// The share of a category's stakeholders with an active commitment at
    /// which the category is taken to tip, in percent (coverage chart).
    #[serde(default = "default_tipping_point")]
    pub tipping_point_percent: f64,
    #[serde(default)]
    pub roadmap: Roadmap,
    #[serde(default)]
    pub stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    pub relationships: Vec<Relationship>,
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    #[serde(default)]
    pub workshops: Vec<Workshop>,
    /// The slides of presenter mode, in order, as the facilitator arranged
    /// them (format 4 on); empty for the default deck, and then not written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presentation: Vec<Slide>,
    /// Conflicts a merge left open (format 5 on), each resolved as this
    /// copy's value until the facilitator chooses in the merge review.
    /// Not written when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub open_conflicts: Vec<Conflict>,
}

/// Stakeholder id → position in the workspace's list; see
/// [`Workspace::stakeholder_index`].
#[derive(Clone, Debug, Default)]
pub struct StakeholderIndex(HashMap<StakeholderId, usize>);

impl StakeholderIndex {
    /// The position of `id`, if the workspace had such a stakeholder.
    pub fn get(&self, id: StakeholderId) -> Option<usize> {
        self.0.get(&id).copied()
    }
}

/// The tipping point a new workspace starts with: 20 % of a category.
pub const DEFAULT_TIPPING_POINT_PERCENT: f64 = 20.0;

fn default_tipping_point() -> f64 {
    DEFAULT_TIPPING_POINT_PERCENT
}

impl Workspace {
    /// An empty workspace for `sector`.
    pub fn new(title: impl Into<String>, sector: Sector) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            lineage: None,
            title: title.into(),
            sector,
            share: None,
            vision: String::new(),
            notes: String::new(),
            tipping_point_percent: DEFAULT_TIPPING_POINT_PERCENT,
            roadmap: Roadmap::default(),
            stakeholders: Vec::new(),
            relationships: Vec::new(),
            commitments: Vec::new(),
            workshops: Vec::new(),
            presentation: Vec::new(),
            open_conflicts: Vec::new(),
        }
    }

    /// The slides presenter mode shows, in order.
    pub fn deck(&self) -> Vec<Slide> {
        if self.presentation.is_empty() {
            Slide::DEFAULT_DECK.to_vec()
        } else {
            self.presentation.clone()
        }
    }

    /// Each stakeholder's position in [`Workspace::stakeholders`], for code
    /// that looks many ids up at once (analysis, layouts, caches). Only ever
    /// used for lookups, never iterated, so its order does not matter.
    pub fn stakeholder_index(&self) -> StakeholderIndex {
        StakeholderIndex(
            self.stakeholders
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id, i))
                .collect(),
        )
    }

    pub fn stakeholder(&self, id: StakeholderId) -> Option<&Stakeholder> {
        self.stakeholders.iter().find(|s| s.id == id)
    }

    pub fn relationship(&self, id: RelationshipId) -> Option<&Relationship> {
        self.relationships.iter().find(|r| r.id == id)
    }

    pub fn commitment(&self, id: CommitmentId) -> Option<&Commitment> {
        self.commitments.iter().find(|c| c.id == id)
    }

    pub fn workshop(&self, id: WorkshopId) -> Option<&Workshop> {
        self.workshops.iter().find(|w| w.id == id)
    }

    /// The commitments made by `stakeholder`, in file order.
    pub fn commitments_of(&self, stakeholder: StakeholderId) -> impl Iterator<Item = &Commitment> {
        self.commitments
            .iter()
            .filter(move |c| c.stakeholder == stakeholder)
    }

    /// The relationships that start or end at `stakeholder`, in file order.
    pub fn relationships_of(
        &self,
        stakeholder: StakeholderId,
    ) -> impl Iterator<Item = &Relationship> {
        self.relationships
            .iter()
            .filter(move |r| r.involves(stakeholder))
    }

    /// A stakeholder's name for display; unknown ids and blank names still
    /// read as something.
    pub fn stakeholder_name(&self, id: StakeholderId) -> &str {
        self.stakeholder(id)
            .map_or("(unknown stakeholder)", Stakeholder::display_name)
    }
}
