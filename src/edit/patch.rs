//! Record-level before/after snapshots. Applying an edit yields patches;
//! undo restores their `before` side in reverse order and redo their `after`
//! side in order, so undo is exact whatever the edit was.

use crate::model::{
    Commitment, CommitmentId, Relationship, RelationshipId, Roadmap, Sector, Stakeholder,
    StakeholderId, Workshop, WorkshopId, Workspace,
};

/// A record kept in one of the workspace's lists, found by its id.
pub(crate) trait Record: Clone + PartialEq {
    type Id: Copy + Eq + std::fmt::Display;
    /// What the record is called in messages: "the stakeholder".
    const WHAT: &'static str;
    fn id(&self) -> Self::Id;
    fn list(ws: &mut Workspace) -> &mut Vec<Self>;
}

macro_rules! record {
    ($ty:ty, $id:ty, $field:ident, $what:literal) => {
        impl Record for $ty {
            type Id = $id;
            const WHAT: &'static str = $what;
            fn id(&self) -> $id {
                self.id
            }
            fn list(ws: &mut Workspace) -> &mut Vec<Self> {
                &mut ws.$field
            }
        }
    };
}

record!(Stakeholder, StakeholderId, stakeholders, "stakeholder");
record!(Relationship, RelationshipId, relationships, "relationship");
record!(Commitment, CommitmentId, commitments, "commitment");
record!(Workshop, WorkshopId, workshops, "workshop");

/// A record's place and value at one moment; `None` when it does not exist.
pub(crate) type Slot<T> = Option<(usize, T)>;

/// One record before and after a change.
#[derive(Clone, Debug)]
pub(crate) struct RecordPatch<T: Record> {
    pub id: T::Id,
    pub before: Slot<T>,
    pub after: Slot<T>,
}

impl<T: Record> RecordPatch<T> {
    /// The record as it is now, with its index.
    pub fn snapshot(ws: &mut Workspace, id: T::Id) -> Slot<T> {
        let list = T::list(ws);
        list.iter()
            .position(|r| r.id() == id)
            .map(|at| (at, list[at].clone()))
    }

    fn put(ws: &mut Workspace, id: T::Id, slot: &Slot<T>) {
        let list = T::list(ws);
        if let Some(at) = list.iter().position(|r| r.id() == id) {
            list.remove(at);
        }
        if let Some((at, value)) = slot {
            let at = (*at).min(list.len());
            list.insert(at, value.clone());
        }
    }
}

/// The workspace's own fields, outside any list.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Meta {
    pub title: String,
    pub sector: Sector,
    pub vision: String,
    pub notes: String,
    pub tipping_point_percent: f64,
    pub presentation: Vec<crate::model::Slide>,
}

impl Meta {
    pub fn of(ws: &Workspace) -> Self {
        Self {
            title: ws.title.clone(),
            sector: ws.sector,
            vision: ws.vision.clone(),
            notes: ws.notes.clone(),
            tipping_point_percent: ws.tipping_point_percent,
            presentation: ws.presentation.clone(),
        }
    }

    fn put(&self, ws: &mut Workspace) {
        ws.title.clone_from(&self.title);
        ws.sector = self.sector;
        ws.vision.clone_from(&self.vision);
        ws.notes.clone_from(&self.notes);
        ws.tipping_point_percent = self.tipping_point_percent;
        ws.presentation.clone_from(&self.presentation);
    }
}

/// The workspace's three lists of records, whole: what an import or a
/// restore puts in place at once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecordLists {
    pub stakeholders: Vec<Stakeholder>,
    pub relationships: Vec<Relationship>,
    pub commitments: Vec<Commitment>,
}

impl RecordLists {
    /// A copy of the workspace's lists.
    pub fn of(ws: &Workspace) -> Self {
        Self {
            stakeholders: ws.stakeholders.clone(),
            relationships: ws.relationships.clone(),
            commitments: ws.commitments.clone(),
        }
    }

    /// The workspace's lists, moved out of it.
    pub fn take(ws: Workspace) -> Self {
        Self {
            stakeholders: ws.stakeholders,
            relationships: ws.relationships,
            commitments: ws.commitments,
        }
    }

    fn put(&self, ws: &mut Workspace) {
        ws.stakeholders.clone_from(&self.stakeholders);
        ws.relationships.clone_from(&self.relationships);
        ws.commitments.clone_from(&self.commitments);
    }
}

/// One part of the workspace before and after a change.
#[derive(Clone, Debug)]
pub(crate) enum Patch {
    Meta {
        before: Meta,
        after: Meta,
    },
    Records {
        before: Box<RecordLists>,
        after: Box<RecordLists>,
    },
    Roadmap {
        before: Roadmap,
        after: Roadmap,
    },
    Stakeholder(RecordPatch<Stakeholder>),
    Relationship(RecordPatch<Relationship>),
    Commitment(RecordPatch<Commitment>),
    Workshop(RecordPatch<Workshop>),
}

impl Patch {
    pub fn restore_before(&self, ws: &mut Workspace) {
        match self {
            Patch::Meta { before, .. } => before.put(ws),
            Patch::Records { before, .. } => before.put(ws),
            Patch::Roadmap { before, .. } => ws.roadmap.clone_from(before),
            Patch::Stakeholder(p) => RecordPatch::put(ws, p.id, &p.before),
            Patch::Relationship(p) => RecordPatch::put(ws, p.id, &p.before),
            Patch::Commitment(p) => RecordPatch::put(ws, p.id, &p.before),
            Patch::Workshop(p) => RecordPatch::put(ws, p.id, &p.before),
        }
    }

    pub fn restore_after(&self, ws: &mut Workspace) {
        match self {
            Patch::Meta { after, .. } => after.put(ws),
            Patch::Records { after, .. } => after.put(ws),
            Patch::Roadmap { after, .. } => ws.roadmap.clone_from(after),
            Patch::Stakeholder(p) => RecordPatch::put(ws, p.id, &p.after),
            Patch::Relationship(p) => RecordPatch::put(ws, p.id, &p.after),
            Patch::Commitment(p) => RecordPatch::put(ws, p.id, &p.after),
            Patch::Workshop(p) => RecordPatch::put(ws, p.id, &p.after),
        }
    }

    /// Folds a later patch of the same part into this one: keep this `before`,
    /// take the later `after`. Returns the later patch back if it is about a
    /// different part.
    pub fn absorb(&mut self, later: Patch) -> Option<Patch> {
        match (self, later) {
            (Patch::Meta { after, .. }, Patch::Meta { after: new, .. }) => *after = new,
            (Patch::Roadmap { after, .. }, Patch::Roadmap { after: new, .. }) => *after = new,
            (Patch::Stakeholder(p), Patch::Stakeholder(q)) if p.id == q.id => p.after = q.after,
            (Patch::Relationship(p), Patch::Relationship(q)) if p.id == q.id => p.after = q.after,
            (Patch::Commitment(p), Patch::Commitment(q)) if p.id == q.id => p.after = q.after,
            (Patch::Workshop(p), Patch::Workshop(q)) if p.id == q.id => p.after = q.after,
            (_, later) => return Some(later),
        }
        None
    }
}
