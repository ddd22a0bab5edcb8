//! Changing the workspace. Views never mutate it: they describe a change as
//! an [`Edit`] and [`Document::apply`] carries it out, checks the invariants,
//! records the undo step and marks the document unsaved.

mod history;
mod patch;

use chrono::NaiveDate;

pub use history::{CoalesceKey, Document, UNDO_LIMIT};
use patch::{Meta, Patch, Record, RecordPatch};

use crate::model::validate::{
    check_commitment, check_relationship, check_roadmap, check_stakeholder,
};
use crate::model::{
    Commitment, CommitmentId, CommitmentStatus, EngagementStage, MapPoint, Metric, MetricId,
    Milestone, Relationship, RelationshipId, Sector, Stakeholder, StakeholderId, ValidationError,
    Workshop, WorkshopId, Workspace,
};

/// One change a user asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetTitle(String),
    SetSector(Sector),
    SetVision(String),
    SetNotes(String),
    /// The coverage chart's tipping point, in percent.
    SetTippingPoint(f64),
    AddStakeholder(Stakeholder),
    /// Replaces the stakeholder with the same id. The stage history and map
    /// position are kept as they are in the document: they change through
    /// [`Edit::SetStakeholderStage`] and [`Edit::MoveOnMap`].
    UpdateStakeholder(Stakeholder),
    SetStakeholderStage {
        id: StakeholderId,
        stage: EngagementStage,
        date: NaiveDate,
    },
    /// Deletes the stakeholder with its commitments and relationships.
    DeleteStakeholder(StakeholderId),
    /// Places stakeholders on the value-chain map (`None`: back to their
    /// lane's default place). One undo step however many move.
    MoveOnMap(Vec<(StakeholderId, Option<MapPoint>)>),
    AddRelationship(Relationship),
    UpdateRelationship(Relationship),
    DeleteRelationship(RelationshipId),
    AddCommitment(Commitment),
    /// Replaces the commitment with the same id; its status history is kept:
    /// statuses change through [`Edit::SetCommitmentStatus`].
    UpdateCommitment(Commitment),
    SetCommitmentStatus {
        id: CommitmentId,
        status: CommitmentStatus,
        date: NaiveDate,
    },
    DeleteCommitment(CommitmentId),
    AddMetric(Metric),
    UpdateMetric(Metric),
    /// Deletes the metric, its milestone targets and the commitments' links to it.
    DeleteMetric(MetricId),
    /// Adds a milestone, kept in year order.
    AddMilestone(Milestone),
    /// Replaces the milestone of the same year.
    UpdateMilestone(Milestone),
    DeleteMilestone(i32),
    AddWorkshop(Workshop),
    UpdateWorkshop(Workshop),
    DeleteWorkshop(WorkshopId),
}

impl Edit {
    /// What the undo menu calls this change.
    pub fn label(&self) -> String {
        match self {
            Edit::SetTitle(_) => "Rename workspace".into(),
            Edit::SetSector(_) => "Change sector".into(),
            Edit::SetVision(_) => "Edit shared vision".into(),
            Edit::SetNotes(_) => "Edit workspace notes".into(),
            Edit::SetTippingPoint(_) => "Change the tipping point".into(),
            Edit::AddStakeholder(s) => format!("Add stakeholder “{}”", s.name),
            Edit::UpdateStakeholder(s) => format!("Edit stakeholder “{}”", s.name),
            Edit::SetStakeholderStage { stage, .. } => format!("Move to stage “{stage}”"),
            Edit::DeleteStakeholder(_) => "Delete stakeholder".into(),
            Edit::MoveOnMap(moves) if moves.len() == 1 => "Move on the map".into(),
            Edit::MoveOnMap(_) => "Arrange the map".into(),
            Edit::AddRelationship(r) => format!("Add relationship “{}”", r.kind),
            Edit::UpdateRelationship(_) => "Edit relationship".into(),
            Edit::DeleteRelationship(_) => "Delete relationship".into(),
            Edit::AddCommitment(c) => format!("Add commitment “{}”", c.title),
            Edit::UpdateCommitment(c) => format!("Edit commitment “{}”", c.title),
            Edit::SetCommitmentStatus { status, .. } => format!("Set status “{status}”"),
            Edit::DeleteCommitment(_) => "Delete commitment".into(),
            Edit::AddMetric(m) => format!("Add metric “{}”", m.name),
            Edit::UpdateMetric(m) => format!("Edit metric “{}”", m.name),
            Edit::DeleteMetric(_) => "Delete metric".into(),
            Edit::AddMilestone(m) => format!("Add milestone {}", m.year),
            Edit::UpdateMilestone(m) => format!("Edit milestone {}", m.year),
            Edit::DeleteMilestone(year) => format!("Delete milestone {year}"),
            Edit::AddWorkshop(w) => format!("Add workshop “{}”", w.title),
            Edit::UpdateWorkshop(w) => format!("Edit workshop “{}”", w.title),
            Edit::DeleteWorkshop(_) => "Delete workshop".into(),
        }
    }
}

/// Why an edit was refused. The workspace is unchanged.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    #[error("{0} no longer exists")]
    Missing(String),
    #[error("{0} already exists")]
    Duplicate(String),
}

/// Carries out an edit, returning the patches that undo or redo it. On error
/// the workspace is left exactly as it was.
pub(crate) fn apply(ws: &mut Workspace, edit: Edit) -> Result<Vec<Patch>, EditError> {
    let mut tx = Transaction {
        ws,
        patches: Vec::new(),
    };
    match tx.run(edit) {
        Ok(()) => Ok(tx.patches),
        Err(err) => {
            for patch in tx.patches.iter().rev() {
                patch.restore_before(tx.ws);
            }
            Err(err)
        }
    }
}

trait IntoPatch: Record {
    fn into_patch(patch: RecordPatch<Self>) -> Patch;
}

macro_rules! into_patch {
    ($ty:ty, $variant:ident) => {
        impl IntoPatch for $ty {
            fn into_patch(patch: RecordPatch<Self>) -> Patch {
                Patch::$variant(patch)
            }
        }
    };
}
into_patch!(Stakeholder, Stakeholder);
into_patch!(Relationship, Relationship);
into_patch!(Commitment, Commitment);
into_patch!(Workshop, Workshop);

/// The changes made so far by one edit, so a failure can roll them back.
struct Transaction<'a> {
    ws: &'a mut Workspace,
    patches: Vec<Patch>,
}

impl Transaction<'_> {
    /// Puts `value` in place of the record `id` (appending it when new), or
    /// removes the record when `value` is `None`.
    fn put<T: IntoPatch>(&mut self, id: T::Id, value: Option<T>) {
        let before = RecordPatch::<T>::snapshot(self.ws, id);
        let list = T::list(self.ws);
        match (before.as_ref().map(|(at, _)| *at), value) {
            (Some(at), Some(value)) => list[at] = value,
            (Some(at), None) => {
                list.remove(at);
            }
            (None, Some(value)) => list.push(value),
            (None, None) => return,
        }
        let after = RecordPatch::<T>::snapshot(self.ws, id);
        let unchanged = match (&before, &after) {
            (Some((_, a)), Some((_, b))) => a == b,
            _ => false,
        };
        if !unchanged {
            self.patches
                .push(T::into_patch(RecordPatch { id, before, after }));
        }
    }

    fn existing<T: Record>(&mut self, id: T::Id, what: &str) -> Result<T, EditError> {
        T::list(self.ws)
            .iter()
            .find(|r| r.id() == id)
            .cloned()
            .ok_or_else(|| EditError::Missing(what.to_string()))
    }

    fn set_meta(&mut self, change: impl FnOnce(&mut Meta)) {
        let before = Meta::of(self.ws);
        let mut after = before.clone();
        change(&mut after);
        if after != before {
            self.patches.push(Patch::Meta {
                before,
                after: after.clone(),
            });
            Patch::Meta {
                before: after.clone(),
                after,
            }
            .restore_after(self.ws);
        }
    }

    fn set_roadmap(
        &mut self,
        change: impl FnOnce(&mut crate::model::Roadmap) -> Result<(), EditError>,
    ) -> Result<(), EditError> {
        let before = self.ws.roadmap.clone();
        let mut after = before.clone();
        change(&mut after)?;
        check_roadmap(&after)?;
        if after != before {
            self.ws.roadmap.clone_from(&after);
            self.patches.push(Patch::Roadmap { before, after });
        }
        Ok(())
    }

    fn check_stakeholder_unique(&self, s: &Stakeholder) -> Result<(), EditError> {
        if self.ws.stakeholder(s.id).is_some() {
            return Err(EditError::Duplicate(format!("stakeholder {}", s.id)));
        }
        Ok(())
    }

    fn check_relationship(&self, r: &Relationship) -> Result<(), EditError> {
        check_relationship(r, |id| self.ws.stakeholder(id).is_some())?;
        Ok(())
    }

    fn check_commitment(&self, c: &Commitment) -> Result<(), EditError> {
        check_commitment(
            c,
            |id| self.ws.stakeholder(id).is_some(),
            |id| self.ws.roadmap.metric(id).is_some(),
        )?;
        Ok(())
    }

    fn check_workshop(&self, w: &Workshop) -> Result<(), EditError> {
        if let Some(unknown) = w
            .attendees
            .iter()
            .find(|a| self.ws.stakeholder(**a).is_none())
        {
            return Err(ValidationError {
                record: w.record_ref(),
                message: format!("attendee {unknown} is not a known stakeholder"),
            }
            .into());
        }
        Ok(())
    }

    fn run(&mut self, edit: Edit) -> Result<(), EditError> {
        match edit {
            Edit::SetTitle(title) => self.set_meta(|m| m.title = title),
            Edit::SetSector(sector) => self.set_meta(|m| m.sector = sector),
            Edit::SetVision(vision) => self.set_meta(|m| m.vision = vision),
            Edit::SetNotes(notes) => self.set_meta(|m| m.notes = notes),
            Edit::SetTippingPoint(percent) => {
                crate::model::validate::check_tipping_point(percent)?;
                self.set_meta(|m| m.tipping_point_percent = percent);
            }
            Edit::AddStakeholder(s) => {
                self.check_stakeholder_unique(&s)?;
                check_stakeholder(&s)?;
                self.put(s.id, Some(s));
            }
            Edit::UpdateStakeholder(mut s) => {
                let current: Stakeholder = self.existing(s.id, "the stakeholder")?;
                s.stage_history = current.stage_history;
                s.map_position = current.map_position;
                check_stakeholder(&s)?;
                self.put(s.id, Some(s));
            }
            Edit::SetStakeholderStage { id, stage, date } => {
                let mut s: Stakeholder = self.existing(id, "the stakeholder")?;
                s.set_stage(stage, date);
                check_stakeholder(&s)?;
                self.put(id, Some(s));
            }
            Edit::MoveOnMap(moves) => {
                for (id, position) in moves {
                    let mut s: Stakeholder = self.existing(id, "the stakeholder")?;
                    s.map_position = position;
                    check_stakeholder(&s)?;
                    self.put(id, Some(s));
                }
            }
            Edit::DeleteStakeholder(id) => {
                self.existing::<Stakeholder>(id, "the stakeholder")?;
                let commitments: Vec<CommitmentId> =
                    self.ws.commitments_of(id).map(|c| c.id).collect();
                for c in commitments {
                    self.put::<Commitment>(c, None);
                }
                let relationships: Vec<RelationshipId> =
                    self.ws.relationships_of(id).map(|r| r.id).collect();
                for r in relationships {
                    self.put::<Relationship>(r, None);
                }
                let workshops: Vec<Workshop> = self
                    .ws
                    .workshops
                    .iter()
                    .filter(|w| w.attendees.contains(&id))
                    .cloned()
                    .collect();
                for mut w in workshops {
                    w.attendees.retain(|a| *a != id);
                    self.put(w.id, Some(w));
                }
                self.put::<Stakeholder>(id, None);
            }
            Edit::AddRelationship(r) => {
                if self.ws.relationship(r.id).is_some() {
                    return Err(EditError::Duplicate(format!("relationship {}", r.id)));
                }
                self.check_relationship(&r)?;
                self.put(r.id, Some(r));
            }
            Edit::UpdateRelationship(r) => {
                self.existing::<Relationship>(r.id, "the relationship")?;
                self.check_relationship(&r)?;
                self.put(r.id, Some(r));
            }
            Edit::DeleteRelationship(id) => {
                self.existing::<Relationship>(id, "the relationship")?;
                self.put::<Relationship>(id, None);
            }
            Edit::AddCommitment(c) => {
                if self.ws.commitment(c.id).is_some() {
                    return Err(EditError::Duplicate(format!("commitment {}", c.id)));
                }
                self.check_commitment(&c)?;
                self.put(c.id, Some(c));
            }
            Edit::UpdateCommitment(mut c) => {
                let current: Commitment = self.existing(c.id, "the commitment")?;
                c.status_history = current.status_history;
                self.check_commitment(&c)?;
                self.put(c.id, Some(c));
            }
            Edit::SetCommitmentStatus { id, status, date } => {
                let mut c: Commitment = self.existing(id, "the commitment")?;
                c.set_status(status, date);
                self.check_commitment(&c)?;
                self.put(id, Some(c));
            }
            Edit::DeleteCommitment(id) => {
                self.existing::<Commitment>(id, "the commitment")?;
                self.put::<Commitment>(id, None);
            }
            Edit::AddMetric(metric) => self.set_roadmap(|roadmap| {
                if roadmap.metric(metric.id).is_some() {
                    return Err(EditError::Duplicate(format!("metric {}", metric.id)));
                }
                roadmap.metrics.push(metric);
                Ok(())
            })?,
            Edit::UpdateMetric(metric) => self.set_roadmap(|roadmap| {
                let slot = roadmap
                    .metrics
                    .iter_mut()
                    .find(|m| m.id == metric.id)
                    .ok_or_else(|| EditError::Missing("the metric".into()))?;
                *slot = metric;
                Ok(())
            })?,
            Edit::DeleteMetric(id) => {
                let linked: Vec<Commitment> = self
                    .ws
                    .commitments
                    .iter()
                    .filter(|c| c.metric == Some(id))
                    .cloned()
                    .collect();
                for mut c in linked {
                    c.metric = None;
                    self.put(c.id, Some(c));
                }
                self.set_roadmap(|roadmap| {
                    let before = roadmap.metrics.len();
                    roadmap.metrics.retain(|m| m.id != id);
                    if roadmap.metrics.len() == before {
                        return Err(EditError::Missing("the metric".into()));
                    }
                    for milestone in &mut roadmap.milestones {
                        milestone.targets.retain(|t| t.metric != id);
                    }
                    Ok(())
                })?;
            }
            Edit::AddMilestone(milestone) => self.set_roadmap(|roadmap| {
                if roadmap.milestones.iter().any(|m| m.year == milestone.year) {
                    return Err(EditError::Duplicate(format!(
                        "the {} milestone",
                        milestone.year
                    )));
                }
                let at = roadmap
                    .milestones
                    .partition_point(|m| m.year < milestone.year);
                roadmap.milestones.insert(at, milestone);
                Ok(())
            })?,
            Edit::UpdateMilestone(milestone) => self.set_roadmap(|roadmap| {
                let slot = roadmap
                    .milestones
                    .iter_mut()
                    .find(|m| m.year == milestone.year)
                    .ok_or_else(|| {
                        EditError::Missing(format!("the {} milestone", milestone.year))
                    })?;
                *slot = milestone;
                Ok(())
            })?,
            Edit::DeleteMilestone(year) => self.set_roadmap(|roadmap| {
                let before = roadmap.milestones.len();
                roadmap.milestones.retain(|m| m.year != year);
                if roadmap.milestones.len() == before {
                    return Err(EditError::Missing(format!("the {year} milestone")));
                }
                Ok(())
            })?,
            Edit::AddWorkshop(w) => {
                if self.ws.workshop(w.id).is_some() {
                    return Err(EditError::Duplicate(format!("workshop {}", w.id)));
                }
                self.check_workshop(&w)?;
                self.put(w.id, Some(w));
            }
            Edit::UpdateWorkshop(w) => {
                self.existing::<Workshop>(w.id, "the workshop")?;
                self.check_workshop(&w)?;
                self.put(w.id, Some(w));
            }
            Edit::DeleteWorkshop(id) => {
                self.existing::<Workshop>(id, "the workshop")?;
                self.put::<Workshop>(id, None);
            }
        }
        Ok(())
    }
}
