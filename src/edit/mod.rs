//! Changing the workspace. Views never mutate it: they describe a change as
//! an [`Edit`] and [`Document::apply`] carries it out, checks the invariants,
//! records the undo step and marks the document unsaved.

pub mod capture;
mod dated;
mod document;
mod patch;
mod roadmap;

use chrono::NaiveDate;

pub use document::{Change, CoalesceKey, Document, UNDO_LIMIT};
pub use patch::RecordLists;
use patch::{Meta, Patch, Record, RecordPatch};

use crate::model::validate::{
    check_commitment, check_relationship, check_roadmap, check_stakeholder,
};
use crate::model::{
    Commitment, CommitmentId, CommitmentStatus, MapPoint, Metric, MetricId, Milestone,
    Relationship, RelationshipId, Sector, StageChange, Stakeholder, StakeholderId, StatusChange,
    ValidationError, Workshop, WorkshopId, Workspace,
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
    /// The presentation's slides, in order (empty: the default deck).
    SetPresentation(Vec<crate::model::Slide>),
    AddStakeholder(Stakeholder),
    /// Replaces the stakeholder with the same id. The stage history and map
    /// position are kept as they are in the document: they change through
    /// [`Edit::SetStakeholderStage`], [`Edit::SetStageHistory`] and
    /// [`Edit::MoveOnMap`].
    UpdateStakeholder(Stakeholder),
    SetStakeholderStage {
        id: StakeholderId,
        change: StageChange,
    },
    /// Replaces a stakeholder's whole stage history, oldest first.
    SetStageHistory {
        id: StakeholderId,
        history: Vec<StageChange>,
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
    /// statuses change through [`Edit::SetCommitmentStatus`] and
    /// [`Edit::SetStatusHistory`]. A first status dated on the old date made
    /// moves with the date made.
    UpdateCommitment(Commitment),
    SetCommitmentStatus {
        id: CommitmentId,
        status: CommitmentStatus,
        date: NaiveDate,
    },
    /// Replaces a commitment's whole status history, oldest first.
    SetStatusHistory {
        id: CommitmentId,
        history: Vec<StatusChange>,
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
    /// Puts whole lists of records in place at once (an import), as one
    /// undo step; the result must pass every invariant.
    ReplaceRecords {
        /// What the undo menu calls it: "Import spreadsheet".
        label: String,
        records: Box<RecordLists>,
    },
    /// Puts a whole workspace's content in place (a restored version, a
    /// merged copy) as one undo step; the document keeps its lineage. With
    /// `merged_in`, the next save also names that copy's save as a parent.
    /// The workspace comes checked (by the job that made it), so putting it
    /// in place copies and checks nothing on the window's thread.
    ReplaceWorkspace {
        /// What the undo menu calls it: "Restore version of 2026-11-20".
        label: String,
        workspace: Box<crate::model::Checked>,
        merged_in: Option<Box<crate::model::Lineage>>,
    },
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
            Edit::SetPresentation(_) => "Change the presentation's slides".into(),
            Edit::AddStakeholder(s) => format!("Add stakeholder “{}”", s.name),
            Edit::UpdateStakeholder(s) => format!("Edit stakeholder “{}”", s.name),
            Edit::SetStakeholderStage { change, .. } => {
                format!("Move to stage “{}”", change.stage)
            }
            Edit::SetStageHistory { .. } => "Edit stage history".into(),
            Edit::DeleteStakeholder(_) => "Delete stakeholder".into(),
            Edit::MoveOnMap(moves) if moves.len() == 1 => "Move on the map".into(),
            Edit::MoveOnMap(_) => "Arrange the map".into(),
            Edit::AddRelationship(r) => format!("Add relationship “{}”", r.kind),
            Edit::UpdateRelationship(_) => "Edit relationship".into(),
            Edit::DeleteRelationship(_) => "Delete relationship".into(),
            Edit::AddCommitment(c) => format!("Add commitment “{}”", c.title),
            Edit::UpdateCommitment(c) => format!("Edit commitment “{}”", c.title),
            Edit::SetCommitmentStatus { status, .. } => format!("Set status “{status}”"),
            Edit::SetStatusHistory { .. } => "Edit status history".into(),
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
            Edit::ReplaceRecords { label, .. } | Edit::ReplaceWorkspace { label, .. } => {
                label.clone()
            }
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
    /// Only [`Document::apply`] puts a whole workspace in place.
    #[error("a whole workspace can only be put in place by the document")]
    WholeWorkspace,
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

/// The saves a merge names in `after` that `before` did not know: the copy's
/// save and the history it brought.
/// `workspace` made ready to replace `current` as a whole: with the
/// document's lineage (which file it was saved as), and with the copy's
/// save named as merged in when there is one.
pub(crate) fn prepare_whole(
    current: &Workspace,
    workspace: crate::model::Checked,
    merged_in: Option<&crate::model::Lineage>,
) -> (Workspace, Vec<crate::model::RevisionId>) {
    let mut workspace = workspace.into_inner();
    workspace.lineage = current.lineage.clone();
    workspace.format_version = crate::model::FORMAT_VERSION;
    if let Some(theirs) = merged_in {
        let lineage = workspace
            .lineage
            .get_or_insert_with(|| crate::model::Lineage {
                // Never saved: it joins the copy's workspace.
                workspace: theirs.workspace,
                ..crate::model::Lineage::first()
            });
        lineage.merge_in(theirs);
    }
    let brought = brought_by(current.lineage.as_ref(), workspace.lineage.as_ref());
    (workspace, brought)
}

fn brought_by(
    before: Option<&crate::model::Lineage>,
    after: Option<&crate::model::Lineage>,
) -> Vec<crate::model::RevisionId> {
    let Some(after) = after else {
        return Vec::new();
    };
    after
        .merged
        .iter()
        .chain(&after.ancestors)
        .copied()
        .filter(|r| before.is_none_or(|b| !b.knows(*r)))
        .collect()
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

    fn existing<T: Record>(&mut self, id: T::Id) -> Result<T, EditError> {
        T::list(self.ws)
            .iter()
            .find(|r| r.id() == id)
            .cloned()
            .ok_or_else(|| EditError::Missing(format!("the {}", T::WHAT)))
    }

    /// Changes the workspace's own fields, held to the same limits as a
    /// file (a title of at most 200 characters, …).
    fn set_meta(&mut self, change: impl FnOnce(&mut Meta)) -> Result<(), EditError> {
        let before = Meta::of(self.ws);
        let mut after = before.clone();
        change(&mut after);
        crate::model::validate::check_workspace_text(&after.title, &after.vision, &after.notes)?;
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
        Ok(())
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
        crate::model::validate::check_workshop(w, |id| self.ws.stakeholder(id).is_some())?;
        Ok(())
    }

    fn run(&mut self, edit: Edit) -> Result<(), EditError> {
        match edit {
            Edit::SetTitle(title) => self.set_meta(|m| m.title = title)?,
            Edit::SetSector(sector) => self.set_meta(|m| m.sector = sector)?,
            Edit::SetVision(vision) => self.set_meta(|m| m.vision = vision)?,
            Edit::SetNotes(notes) => self.set_meta(|m| m.notes = notes)?,
            Edit::SetTippingPoint(percent) => {
                crate::model::validate::check_tipping_point(percent)?;
                self.set_meta(|m| m.tipping_point_percent = percent)?;
            }
            Edit::SetPresentation(slides) => {
                crate::model::validate::check_presentation(&slides)?;
                // The default deck is kept as "none chosen".
                let slides = if slides == crate::model::Slide::DEFAULT_DECK {
                    Vec::new()
                } else {
                    slides
                };
                self.set_meta(|m| m.presentation = slides)?;
            }
            Edit::AddStakeholder(s) => {
                check_stakeholder(&s)?;
                self.add(s)?;
            }
            Edit::UpdateStakeholder(s) => self.update_stakeholder(s)?,
            Edit::SetStakeholderStage { id, change } => {
                self.change_stakeholder(id, |s| s.record_stage(change))?;
            }
            Edit::MoveOnMap(moves) => {
                for (id, position) in moves {
                    self.change_stakeholder(id, |s| s.map_position = position)?;
                }
            }
            Edit::SetStageHistory { id, history } => self.set_stage_history(id, history)?,
            Edit::DeleteStakeholder(id) => self.delete_stakeholder(id)?,
            Edit::AddRelationship(r) => {
                self.check_relationship(&r)?;
                self.add(r)?;
            }
            Edit::UpdateRelationship(r) => {
                self.check_relationship(&r)?;
                self.replace(r)?;
            }
            Edit::DeleteRelationship(id) => self.delete::<Relationship>(id)?,
            Edit::AddCommitment(c) => {
                self.check_commitment(&c)?;
                self.add(c)?;
            }
            Edit::UpdateCommitment(c) => self.update_commitment(c)?,
            Edit::SetCommitmentStatus { id, status, date } => {
                let mut c: Commitment = self.existing(id)?;
                c.set_status(status, date);
                self.check_commitment(&c)?;
                self.put(id, Some(c));
            }
            Edit::SetStatusHistory { id, history } => self.set_status_history(id, history)?,
            Edit::DeleteCommitment(id) => self.delete::<Commitment>(id)?,
            Edit::AddMetric(metric) => self.set_roadmap(|r| roadmap::add_metric(r, metric))?,
            Edit::UpdateMetric(metric) => {
                self.set_roadmap(|r| roadmap::update_metric(r, metric))?;
            }
            Edit::DeleteMetric(id) => self.delete_metric(id)?,
            Edit::AddMilestone(m) => self.set_roadmap(|r| roadmap::add_milestone(r, m))?,
            Edit::UpdateMilestone(m) => self.set_roadmap(|r| roadmap::update_milestone(r, m))?,
            Edit::DeleteMilestone(year) => {
                self.set_roadmap(|r| roadmap::delete_milestone(r, year))?;
            }
            Edit::AddWorkshop(w) => {
                self.check_workshop(&w)?;
                self.add(w)?;
            }
            Edit::UpdateWorkshop(w) => {
                self.check_workshop(&w)?;
                self.replace(w)?;
            }
            Edit::DeleteWorkshop(id) => self.delete::<Workshop>(id)?,
            Edit::ReplaceRecords { records, .. } => self.replace_records(records)?,
            // Whole workspaces are swapped in by the document itself
            // (`Document::apply`), never patched record by record.
            Edit::ReplaceWorkspace { .. } => return Err(EditError::WholeWorkspace),
        }
        Ok(())
    }

    /// Puts whole lists in place; the workspace must then pass every
    /// invariant (references, histories, limits), or nothing changes.
    fn replace_records(&mut self, records: Box<RecordLists>) -> Result<(), EditError> {
        let before = Box::new(RecordLists::of(self.ws));
        if *before == *records {
            return Ok(());
        }
        let patch = Patch::Records {
            before,
            after: records,
        };
        patch.restore_after(self.ws);
        self.patches.push(patch);
        crate::model::validate::validate(self.ws)?;
        Ok(())
    }

    /// Adds a new record; a second record with the same id is refused.
    fn add<T: IntoPatch>(&mut self, record: T) -> Result<(), EditError> {
        let id = record.id();
        if T::list(self.ws).iter().any(|r| r.id() == id) {
            return Err(EditError::Duplicate(format!("{} {id}", T::WHAT)));
        }
        self.put(id, Some(record));
        Ok(())
    }

    /// Replaces an existing record with `record`.
    fn replace<T: IntoPatch>(&mut self, record: T) -> Result<(), EditError> {
        self.existing::<T>(record.id())?;
        self.put(record.id(), Some(record));
        Ok(())
    }

    fn delete<T: IntoPatch>(&mut self, id: T::Id) -> Result<(), EditError> {
        self.existing::<T>(id)?;
        self.put::<T>(id, None);
        Ok(())
    }

    /// Replaces a stakeholder's own fields; its stage history and map
    /// position stay as they are (they have edits of their own).
    fn update_stakeholder(&mut self, mut s: Stakeholder) -> Result<(), EditError> {
        let current: Stakeholder = self.existing(s.id)?;
        s.stage_history = current.stage_history;
        s.map_position = current.map_position;
        check_stakeholder(&s)?;
        self.put(s.id, Some(s));
        Ok(())
    }

    /// Changes one stakeholder in place, then checks it.
    fn change_stakeholder(
        &mut self,
        id: StakeholderId,
        change: impl FnOnce(&mut Stakeholder),
    ) -> Result<(), EditError> {
        let mut s: Stakeholder = self.existing(id)?;
        change(&mut s);
        check_stakeholder(&s)?;
        self.put(id, Some(s));
        Ok(())
    }

    /// Deletes a stakeholder with its commitments and relationships, and
    /// takes it off the workshops it attended.
    fn delete_stakeholder(&mut self, id: StakeholderId) -> Result<(), EditError> {
        self.existing::<Stakeholder>(id)?;
        let commitments: Vec<CommitmentId> = self.ws.commitments_of(id).map(|c| c.id).collect();
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
        Ok(())
    }

    /// Deletes a metric, its targets and the commitments' links to it.
    fn delete_metric(&mut self, id: MetricId) -> Result<(), EditError> {
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
        self.set_roadmap(|r| roadmap::delete_metric(r, id))
    }
}
