use serde::{Deserialize, Serialize};

use super::ids::{RelationshipId, StakeholderId};
use super::labels::labelled_enum;

labelled_enum! {
    /// How one stakeholder is tied to another; read as "from *kind* to".
    pub enum RelationshipKind {
        Supplies => "supplies",
        BuysFrom => "buys from",
        Finances => "finances",
        Regulates => "regulates",
        PartnersWith => "partners with",
        Influences => "influences",
    }
}

labelled_enum! {
    /// How sure the facilitator is that a relationship exists as recorded.
    pub enum Confidence {
        Low => "Low",
        Medium => "Medium",
        High => "High",
    }
}

/// A directed link between two stakeholders.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    pub id: RelationshipId,
    pub from: StakeholderId,
    pub to: StakeholderId,
    pub kind: RelationshipKind,
    pub confidence: Confidence,
    #[serde(default)]
    pub note: String,
}

impl Relationship {
    pub fn new(from: StakeholderId, to: StakeholderId, kind: RelationshipKind) -> Self {
        Self {
            id: RelationshipId::new_random(),
            from,
            to,
            kind,
            confidence: Confidence::Medium,
            note: String::new(),
        }
    }

    /// Whether `stakeholder` is either end of this relationship.
    pub fn involves(&self, stakeholder: StakeholderId) -> bool {
        self.from == stakeholder || self.to == stakeholder
    }
}
