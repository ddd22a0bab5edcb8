//! What the merge knows about each kind of record: its id, its fields in
//! the order a review lists them, what a share copy redacts in it, which
//! fields merge as one unit, and what it refers to. Everything else is
//! generic, on the record's serde fields.

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::hash::Hash;

use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::RecordKind;
use crate::model::validate::{
    check_commitment, check_relationship, check_stakeholder, check_workshop,
};
use crate::model::{
    Commitment, CommitmentId, Metric, MetricId, Milestone, RecordRef, Relationship, RelationshipId,
    Removed, Stakeholder, StakeholderId, Workshop, WorkshopId, Workspace,
};

/// A record that other records refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Ref {
    Stakeholder(StakeholderId),
    Metric(MetricId),
}

/// A dated history merged entry by entry.
#[derive(Clone, Copy, Debug)]
pub(super) struct History {
    pub field: &'static str,
    /// What one entry is called in a label: "Stage" on 2026-03-01.
    pub entry: &'static str,
    /// Must keep at least one entry (a commitment's status history).
    pub required: bool,
}

/// What is known about one side before merging: whether it is a share
/// copy, and then which of its stakeholders and commitments it had to
/// leave out.
pub(super) struct Facts {
    pub removed: Option<Removed>,
    /// Stakeholders confidential in the copy or in any other version: the
    /// copy was made with them anonymised, even if its holder unticked
    /// "confidential" since.
    pub confidential: HashSet<StakeholderId>,
    /// The same for commitments.
    pub confidential_commitments: HashSet<CommitmentId>,
}

impl Facts {
    /// The facts of `ws`, with `others` (the other versions merged) telling
    /// what was confidential when the copy was made.
    pub fn of(ws: &Workspace, others: &[&Workspace]) -> Facts {
        let removed = ws.share.as_ref().map(|share| share.removed);
        let mut facts = Facts {
            removed,
            confidential: HashSet::new(),
            confidential_commitments: HashSet::new(),
        };
        if removed.is_some_and(|r| r.confidential_names || r.commitment_details) {
            for version in std::iter::once(ws).chain(others.iter().copied()) {
                let stakeholders = version.stakeholders.iter().filter(|s| s.confidential);
                facts.confidential.extend(stakeholders.map(|s| s.id));
                let commitments = version.commitments.iter().filter(|c| c.confidential);
                facts
                    .confidential_commitments
                    .extend(commitments.map(|c| c.id));
            }
        }
        facts
    }
}

pub(super) trait Record: Clone + PartialEq + Serialize + DeserializeOwned {
    type Id: Copy + Eq + Hash + Display;
    const KIND: RecordKind;
    /// The serde field that holds the id; never merged.
    const ID_FIELD: &'static str = "id";
    /// Fields and their labels, in the order a review lists them. Fields
    /// not listed are merged as well, after these, under their own names.
    const FIELDS: &'static [(&'static str, &'static str)];
    const HISTORY: Option<History> = None;
    /// Units that refer to a stakeholder or metric: a value one side
    /// changed to point at a record the other deleted is a conflict.
    const REFERENCES: &'static [&'static str] = &[];
    /// Deleted with its stakeholder (relationships and commitments).
    const GOES_WITH_STAKEHOLDER: bool = false;

    fn id(&self) -> Self::Id;
    fn parse_id(text: &str) -> Option<Self::Id>;
    /// Its name or title, for labels.
    fn name(&self) -> String;
    /// The stakeholder it belongs to, for grouping a review.
    fn stakeholder(&self) -> Option<StakeholderId> {
        None
    }
    fn record_ref(&self) -> RecordRef;
    fn list(ws: &Workspace) -> &[Self];
    fn list_mut(ws: &mut Workspace) -> &mut Vec<Self>;
    /// Puts a list back in its required order (milestones by year).
    fn tidy(_list: &mut [Self]) {}
    /// Itself as a reference target, for stakeholders and metrics.
    fn as_ref_target(&self) -> Option<Ref> {
        None
    }
    /// The records it refers to.
    fn refs(&self, _out: &mut Vec<Ref>) {}
    /// The fields a share copy made with `removed` redacted in this
    /// record, as the copy has it.
    fn redacted(&self, _removed: Removed, _facts: &Facts) -> Vec<&'static str> {
        Vec::new()
    }
    /// Fields that must be merged together, given the versions at hand,
    /// because an invariant ties them.
    fn groups(_versions: &[&Self]) -> Vec<&'static [&'static str]> {
        Vec::new()
    }
    /// Its own invariants, leaving references aside.
    fn is_sound(&self) -> bool {
        true
    }
}

/// A list of records by id; the first of each id when ids repeat.
pub(super) fn index<R: Record>(list: &[R]) -> HashMap<R::Id, &R> {
    let mut index = HashMap::with_capacity(list.len());
    for record in list {
        index.entry(record.id()).or_insert(record);
    }
    index
}

fn uuid(text: &str) -> Option<Uuid> {
    Uuid::parse_str(text).ok()
}

impl Record for Stakeholder {
    type Id = StakeholderId;
    const KIND: RecordKind = RecordKind::Stakeholder;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("name", "Name"),
        ("category", "Category"),
        ("region", "Region"),
        ("influence", "Influence"),
        ("support", "Support"),
        ("stage_history", "Stage history"),
        ("tags", "Tags"),
        ("notes", "Notes"),
        ("contacts", "Contacts"),
        ("confidential", "Confidential"),
        ("map_position", "Place on the map"),
    ];
    const HISTORY: Option<History> = Some(History {
        field: "stage_history",
        entry: "Stage",
        required: false,
    });

    fn id(&self) -> StakeholderId {
        self.id
    }
    fn parse_id(text: &str) -> Option<StakeholderId> {
        uuid(text).map(StakeholderId)
    }
    fn name(&self) -> String {
        self.name.clone()
    }
    fn stakeholder(&self) -> Option<StakeholderId> {
        Some(self.id)
    }
    fn record_ref(&self) -> RecordRef {
        Stakeholder::record_ref(self)
    }
    fn list(ws: &Workspace) -> &[Self] {
        &ws.stakeholders
    }
    fn list_mut(ws: &mut Workspace) -> &mut Vec<Self> {
        &mut ws.stakeholders
    }
    fn as_ref_target(&self) -> Option<Ref> {
        Some(Ref::Stakeholder(self.id))
    }
    fn redacted(&self, removed: Removed, facts: &Facts) -> Vec<&'static str> {
        let mut fields = Vec::new();
        if removed.contacts {
            fields.push("contacts");
        }
        // Whether it is confidential is not the copy's to change either.
        if removed.confidential_names && facts.confidential.contains(&self.id) {
            fields.extend(["name", "region", "tags", "notes", "confidential"]);
        }
        if removed.scores {
            fields.extend(["influence", "support"]);
        }
        fields
    }
    fn is_sound(&self) -> bool {
        check_stakeholder(self).is_ok()
    }
}

impl Record for Relationship {
    type Id = RelationshipId;
    const KIND: RecordKind = RecordKind::Relationship;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("from", "From"),
        ("to", "To"),
        ("kind", "Kind"),
        ("confidence", "Confidence"),
        ("note", "Note"),
    ];
    const REFERENCES: &'static [&'static str] = &["from+to"];
    const GOES_WITH_STAKEHOLDER: bool = true;

    fn id(&self) -> RelationshipId {
        self.id
    }
    fn parse_id(text: &str) -> Option<RelationshipId> {
        uuid(text).map(RelationshipId)
    }
    fn name(&self) -> String {
        self.kind.label().to_string()
    }
    fn stakeholder(&self) -> Option<StakeholderId> {
        Some(self.from)
    }
    fn record_ref(&self) -> RecordRef {
        Relationship::record_ref(self)
    }
    fn list(ws: &Workspace) -> &[Self] {
        &ws.relationships
    }
    fn list_mut(ws: &mut Workspace) -> &mut Vec<Self> {
        &mut ws.relationships
    }
    fn refs(&self, out: &mut Vec<Ref>) {
        out.extend([Ref::Stakeholder(self.from), Ref::Stakeholder(self.to)]);
    }
    fn redacted(&self, removed: Removed, facts: &Facts) -> Vec<&'static str> {
        let anonymised =
            facts.confidential.contains(&self.from) || facts.confidential.contains(&self.to);
        if removed.confidential_names && anonymised {
            vec!["note", "confidence"]
        } else {
            Vec::new()
        }
    }
    /// Two ends changed separately could meet in one stakeholder.
    fn groups(_versions: &[&Self]) -> Vec<&'static [&'static str]> {
        vec![&["from", "to"]]
    }
    fn is_sound(&self) -> bool {
        check_relationship(self, |_| true).is_ok()
    }
}

impl Record for Commitment {
    type Id = CommitmentId;
    const KIND: RecordKind = RecordKind::Commitment;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("stakeholder", "Stakeholder"),
        ("kind", "Kind"),
        ("title", "Title"),
        ("made_on", "Date made"),
        ("target_year", "Target year"),
        ("quantity", "Quantity"),
        ("metric", "Roadmap metric"),
        ("status_history", "Status history"),
        ("source", "Source"),
        ("notes", "Notes"),
        ("confidential", "Confidential"),
    ];
    const HISTORY: Option<History> = Some(History {
        field: "status_history",
        entry: "Status",
        required: true,
    });
    const REFERENCES: &'static [&'static str] = &["stakeholder", "metric"];
    const GOES_WITH_STAKEHOLDER: bool = true;

    fn id(&self) -> CommitmentId {
        self.id
    }
    fn parse_id(text: &str) -> Option<CommitmentId> {
        uuid(text).map(CommitmentId)
    }
    fn name(&self) -> String {
        self.title.clone()
    }
    fn stakeholder(&self) -> Option<StakeholderId> {
        Some(self.stakeholder)
    }
    fn record_ref(&self) -> RecordRef {
        Commitment::record_ref(self)
    }
    fn list(ws: &Workspace) -> &[Self] {
        &ws.commitments
    }
    fn list_mut(ws: &mut Workspace) -> &mut Vec<Self> {
        &mut ws.commitments
    }
    fn refs(&self, out: &mut Vec<Ref>) {
        out.push(Ref::Stakeholder(self.stakeholder));
        out.extend(self.metric.map(Ref::Metric));
    }
    fn redacted(&self, removed: Removed, facts: &Facts) -> Vec<&'static str> {
        let anonymised = facts.confidential_commitments.contains(&self.id)
            || facts.confidential.contains(&self.stakeholder);
        if removed.commitment_details && anonymised {
            vec![
                "title",
                "quantity",
                "metric",
                "source",
                "notes",
                "confidential",
            ]
        } else {
            Vec::new()
        }
    }
    /// The target year and every status must not be before the date
    /// made: when that date differs between the versions, the three are
    /// taken together from one side.
    fn groups(versions: &[&Self]) -> Vec<&'static [&'static str]> {
        let made_on = versions.first().map(|c| c.made_on);
        if versions.iter().all(|c| Some(c.made_on) == made_on) {
            Vec::new()
        } else {
            vec![&["made_on", "target_year", "status_history"]]
        }
    }
    fn is_sound(&self) -> bool {
        check_commitment(self, |_| true, |_| true).is_ok()
    }
}

impl Record for Metric {
    type Id = MetricId;
    const KIND: RecordKind = RecordKind::Metric;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("name", "Name"),
        ("unit", "Unit"),
        ("kind", "Kind"),
        ("description", "Description"),
    ];

    fn id(&self) -> MetricId {
        self.id
    }
    fn parse_id(text: &str) -> Option<MetricId> {
        uuid(text).map(MetricId)
    }
    fn name(&self) -> String {
        self.name.clone()
    }
    fn record_ref(&self) -> RecordRef {
        RecordRef::Metric {
            id: self.id.to_string(),
            name: self.name.clone(),
        }
    }
    fn list(ws: &Workspace) -> &[Self] {
        &ws.roadmap.metrics
    }
    fn list_mut(ws: &mut Workspace) -> &mut Vec<Self> {
        &mut ws.roadmap.metrics
    }
    fn as_ref_target(&self) -> Option<Ref> {
        Some(Ref::Metric(self.id))
    }
}

impl Record for Milestone {
    type Id = i32;
    const KIND: RecordKind = RecordKind::Milestone;
    const ID_FIELD: &'static str = "year";
    const FIELDS: &'static [(&'static str, &'static str)] =
        &[("summary", "Summary"), ("targets", "Targets")];

    fn id(&self) -> i32 {
        self.year
    }
    fn parse_id(text: &str) -> Option<i32> {
        text.parse().ok()
    }
    fn name(&self) -> String {
        self.year.to_string()
    }
    fn record_ref(&self) -> RecordRef {
        RecordRef::Milestone { year: self.year }
    }
    fn list(ws: &Workspace) -> &[Self] {
        &ws.roadmap.milestones
    }
    fn list_mut(ws: &mut Workspace) -> &mut Vec<Self> {
        &mut ws.roadmap.milestones
    }
    fn tidy(list: &mut [Self]) {
        list.sort_by_key(|milestone| milestone.year);
    }
    fn refs(&self, out: &mut Vec<Ref>) {
        out.extend(self.targets.iter().map(|target| Ref::Metric(target.metric)));
    }
}

impl Record for Workshop {
    type Id = WorkshopId;
    const KIND: RecordKind = RecordKind::Workshop;
    const FIELDS: &'static [(&'static str, &'static str)] = &[
        ("date", "Date"),
        ("title", "Title"),
        ("attendees", "Attendees"),
        ("notes", "Notes"),
    ];

    fn id(&self) -> WorkshopId {
        self.id
    }
    fn parse_id(text: &str) -> Option<WorkshopId> {
        uuid(text).map(WorkshopId)
    }
    fn name(&self) -> String {
        self.title.clone()
    }
    fn record_ref(&self) -> RecordRef {
        Workshop::record_ref(self)
    }
    fn list(ws: &Workspace) -> &[Self] {
        &ws.workshops
    }
    fn list_mut(ws: &mut Workspace) -> &mut Vec<Self> {
        &mut ws.workshops
    }
    fn refs(&self, out: &mut Vec<Ref>) {
        out.extend(self.attendees.iter().map(|a| Ref::Stakeholder(*a)));
    }
    fn redacted(&self, removed: Removed, _facts: &Facts) -> Vec<&'static str> {
        if removed.team_notes {
            vec!["notes"]
        } else {
            Vec::new()
        }
    }
    fn is_sound(&self) -> bool {
        check_workshop(self, |_| true).is_ok()
    }
}

/// The workspace's own fields, merged like one record's; see
/// [`shell`] for what is left out.
pub(super) const HEAD_FIELDS: &[(&str, &str)] = &[
    ("title", "Title"),
    ("sector", "Sector"),
    ("vision", "Shared vision"),
    ("notes", "Notes"),
    ("tipping_point_percent", "Tipping point"),
    ("presentation", "Presentation"),
];

/// Workspace fields that are not the workspace's own values: the record
/// lists (merged record by record), the format version and the share
/// marker (mine's kept). [`super::CALLER_FIELDS`] are left out too.
pub(super) const HEAD_SKIP: &[&str] = &[
    "format_version",
    "share",
    "roadmap",
    "stakeholders",
    "relationships",
    "commitments",
    "workshops",
];

/// What a share copy redacted in the workspace's own fields.
pub(super) fn head_redacted(removed: Removed) -> Vec<&'static str> {
    if removed.team_notes {
        vec!["notes"]
    } else {
        Vec::new()
    }
}

/// `ws` without its records, cheaply: the part merged as the workspace's
/// own fields. The pattern names every field, so a new workspace field
/// does not compile until it is copied here; it is then merged like the
/// title, unless listed in [`super::CALLER_FIELDS`] or [`HEAD_SKIP`].
pub(super) fn shell(ws: &Workspace) -> Workspace {
    let Workspace {
        format_version,
        lineage,
        title,
        sector,
        share,
        vision,
        notes,
        tipping_point_percent,
        roadmap: _,
        stakeholders: _,
        relationships: _,
        commitments: _,
        workshops: _,
        presentation,
        open_conflicts,
    } = ws;
    Workspace {
        format_version: *format_version,
        lineage: lineage.clone(),
        title: title.clone(),
        sector: *sector,
        share: share.clone(),
        vision: vision.clone(),
        notes: notes.clone(),
        tipping_point_percent: *tipping_point_percent,
        roadmap: Default::default(),
        stakeholders: Vec::new(),
        relationships: Vec::new(),
        commitments: Vec::new(),
        workshops: Vec::new(),
        presentation: presentation.clone(),
        open_conflicts: open_conflicts.clone(),
    }
}
