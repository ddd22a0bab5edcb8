//! A conflict a merge left open: two different changes to the same thing,
//! as plain data, so a workspace file can record the conflicts left open
//! (`Workspace::open_conflicts`) and the merge review can be shown when it
//! is opened again. Merges are made by `crate::merge`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{CommitmentId, RecordRef, StakeholderId, WorkshopId};

/// One of the two copies being merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    Mine,
    Theirs,
}

impl Side {
    /// The other copy.
    pub fn other(self) -> Side {
        match self {
            Side::Mine => Side::Theirs,
            Side::Theirs => Side::Mine,
        }
    }

    /// "mine" or "theirs", as labels write it.
    pub fn word(self) -> &'static str {
        match self {
            Side::Mine => "mine",
            Side::Theirs => "theirs",
        }
    }
}

/// The kinds of record, in the order the merge goes through them (and
/// lists its changes and conflicts): referenced records before the
/// records that refer to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RecordKind {
    /// The workspace's own fields: title, sector, vision, notes, tipping
    /// point, presentation.
    Workspace,
    Stakeholder,
    Metric,
    Relationship,
    Commitment,
    /// Keyed by its year.
    Milestone,
    Workshop,
}

/// Names a conflict so it can be found again in a file: the record (kind
/// and id as written in the file: a UUID, a milestone's year, empty for
/// the workspace) and the field.
///
/// `field` is a serde field name (`"support"`); fields merged as one unit
/// are joined with `+` (`"from+to"`); one date of a history is
/// `"stage_history@2026-03-01"`; the whole record (deleted on one side,
/// or edited into something invalid together) is [`WHOLE_RECORD`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ConflictKey {
    pub kind: RecordKind,
    pub id: String,
    pub field: String,
}

/// The `field` of a conflict about a whole record.
pub const WHOLE_RECORD: &str = "*";

/// Something that goes with a stakeholder or metric in a "deleted on one
/// side" conflict: removed with it when the deletion is chosen, and
/// restored with it when keeping it is chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Dependent {
    /// A relationship or commitment of the stakeholder, as the merge has it.
    Record { kind: RecordKind, value: Value },
    /// A workshop the stakeholder attended, with its attendees in order.
    Attendee {
        workshop: WorkshopId,
        attendees: Vec<StakeholderId>,
    },
    /// A commitment that contributes to the metric.
    MetricLink { commitment: CommitmentId },
    /// A milestone's target for the metric.
    Target { year: i32, value: f64 },
}

/// Two different changes to the same thing. Plain data, so a workspace
/// file can record the conflicts left open and a review can be shown when
/// it is opened again ([`apply_choice`] switches one later).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    pub key: ConflictKey,
    /// What a user reads: "Support", "Stage on 2026-03-01", "Deleted in
    /// theirs, edited in mine".
    pub label: String,
    /// The record's name or title, for the review ("Acme Steel").
    pub record_name: String,
    /// The stakeholder the record belongs to (itself, a commitment's, a
    /// relationship's first end), for grouping the review by stakeholder.
    pub stakeholder: Option<StakeholderId>,
    /// The values, as serde writes the field (a whole record for
    /// [`WHOLE_RECORD`], the day's entries for a history date); `None` when
    /// the record or field is not there on that side, or there is no base.
    pub base: Option<Value>,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    /// The same values as a user reads them.
    pub base_text: String,
    pub mine_text: String,
    pub theirs_text: String,
    /// For a stakeholder or metric deleted on one side: what goes with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependents: Vec<Dependent>,
}

impl Conflict {
    /// The value `side` has.
    pub fn value(&self, side: Side) -> Option<&Value> {
        match side {
            Side::Mine => self.mine.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }

    /// The record as validation messages name it.
    pub fn record_ref(&self) -> RecordRef {
        record_ref(self.key.kind, &self.key.id, &self.record_name)
    }
}

/// The record a conflict or change is about, as validation messages name it.
pub fn record_ref(kind: RecordKind, id: &str, name: &str) -> RecordRef {
    let (id, name) = (id.to_string(), name.to_string());
    match kind {
        RecordKind::Workspace => RecordRef::Workspace,
        RecordKind::Stakeholder => RecordRef::Stakeholder { id, name },
        RecordKind::Metric => RecordRef::Metric { id, name },
        RecordKind::Relationship => RecordRef::Relationship { id },
        RecordKind::Commitment => RecordRef::Commitment { id, title: name },
        RecordKind::Milestone => RecordRef::Milestone {
            year: id.parse().unwrap_or_default(),
        },
        RecordKind::Workshop => RecordRef::Workshop { id, title: name },
    }
}
