//! The open document: the workspace, its undo and redo stacks and whether it
//! has changed since it was last saved.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::patch::Patch;
use super::{Edit, EditError, apply};
use crate::model::Workspace;

/// Revisions are unique across every document of the process, so a view's
/// cache can never mistake a newly opened workspace for the one it cached.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// How many undo steps are kept; older ones are forgotten.
pub const UNDO_LIMIT: usize = 1_000;

/// Identifies one continuous interaction, such as typing in one text field or
/// one drag of a slider. Edits with the same key, with no [`Document::seal`]
/// in between, form a single undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoalesceKey(pub u64);

#[derive(Debug)]
struct Step {
    /// Unique per state, so "unsaved" is a comparison with the saved serial.
    serial: u64,
    label: String,
    patches: Vec<Patch>,
}

/// One change of the workspace, as record-level patches: replayed on a copy
/// of the workspace as it was before, it makes that copy equal to the
/// document's. Crash recovery keeps its copy up to date this way, so the
/// UI thread never has to copy the whole workspace.
#[derive(Clone, Debug)]
pub struct Change {
    patches: Vec<Patch>,
    /// Undo: the patches' `before` sides, in reverse order.
    undo: bool,
}

impl Change {
    /// Makes `ws` (a copy of the workspace before this change) equal to the
    /// workspace after it.
    pub fn replay(&self, ws: &mut Workspace) {
        if self.undo {
            for patch in self.patches.iter().rev() {
                patch.restore_before(ws);
            }
        } else {
            for patch in &self.patches {
                patch.restore_after(ws);
            }
        }
    }
}

/// A workspace with undo, redo and an unsaved mark. All changes go through
/// [`Document::apply`].
#[derive(Debug)]
pub struct Document {
    /// Shared with the jobs that read it ([`Document::snapshot`]); a change
    /// copies it only while one still holds it, and none does while the
    /// user can edit (jobs that read the document run in front).
    workspace: Arc<Workspace>,
    /// The changes not yet taken by [`Document::take_changes`]; `None`
    /// until [`Document::record_changes`] asks for them.
    journal: Option<Vec<Change>>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_serial: u64,
    saved_serial: u64,
    /// The interaction the top undo step still accepts edits from.
    open: Option<CoalesceKey>,
    /// Changes whenever the workspace changes.
    revision: u64,
}

impl Document {
    /// A document with no history, counted as saved.
    pub fn new(workspace: Workspace) -> Self {
        Self {
            workspace: Arc::new(workspace),
            journal: None,
            undo: Vec::new(),
            redo: Vec::new(),
            next_serial: 1,
            saved_serial: 0,
            open: None,
            revision: next_revision(),
        }
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The workspace as it is now, for a job to read (a save, an export)
    /// without copying it.
    pub fn snapshot(&self) -> Arc<Workspace> {
        Arc::clone(&self.workspace)
    }

    /// From now on, every change is also kept for [`Document::take_changes`].
    pub fn record_changes(&mut self) {
        self.journal.get_or_insert_with(Vec::new);
    }

    /// The changes made since the last call, in order (none unless
    /// [`Document::record_changes`] was called).
    pub fn take_changes(&mut self) -> Vec<Change> {
        self.journal
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn journal(&mut self, patches: &[Patch], undo: bool) {
        if let Some(journal) = &mut self.journal {
            journal.push(Change {
                patches: patches.to_vec(),
                undo,
            });
        }
    }

    /// A number that changes whenever the workspace does (edit, undo, redo)
    /// and is never reused, so derived data can be cached against it.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn current_serial(&self) -> u64 {
        self.undo.last().map_or(0, |step| step.serial)
    }

    fn take_serial(&mut self) -> u64 {
        let serial = self.next_serial;
        self.next_serial += 1;
        serial
    }

    /// Whether the workspace differs from the last saved (or loaded) state.
    pub fn is_dirty(&self) -> bool {
        self.current_serial() != self.saved_serial
    }

    /// Records that the current state is what is on disk.
    /// Records the lineage a save gave the document. Not an edit: no undo
    /// step, and the unsaved mark stays as it is.
    pub fn set_lineage(&mut self, lineage: Option<crate::model::Lineage>) {
        Arc::make_mut(&mut self.workspace).lineage = lineage;
    }

    pub fn mark_saved(&mut self) {
        self.seal();
        self.saved_serial = self.current_serial();
    }

    /// Records that the current state is not what is on disk, such as
    /// changes recovered after a crash: Save is needed until the next save.
    pub fn mark_unsaved(&mut self) {
        self.seal();
        // No state ever has this serial, so every state differs from it.
        self.saved_serial = u64::MAX;
    }

    /// Ends the current interaction: the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// The interaction whose edits still join the top undo step.
    pub fn open_interaction(&self) -> Option<CoalesceKey> {
        self.open
    }

    /// Applies an edit as a new undo step, or as part of the top step when
    /// it continues the same interaction (`key`). A refused edit changes
    /// nothing and is returned as an error; an edit that changes nothing adds
    /// no step.
    pub fn apply(&mut self, edit: Edit, key: Option<CoalesceKey>) -> Result<(), EditError> {
        let label = edit.label();
        let patches = apply(Arc::make_mut(&mut self.workspace), edit)?;
        if patches.is_empty() {
            return Ok(());
        }
        self.journal(&patches, false);
        self.redo.clear();
        self.revision = next_revision();
        let serial = self.take_serial();
        let continues = key.is_some() && key == self.open;
        match self.undo.last_mut() {
            Some(top) if continues => {
                for patch in patches {
                    let mut pending = Some(patch);
                    for existing in top.patches.iter_mut() {
                        match pending.take() {
                            Some(p) => pending = existing.absorb(p),
                            None => break,
                        }
                    }
                    if let Some(p) = pending {
                        top.patches.push(p);
                    }
                }
                top.serial = serial;
            }
            _ => {
                self.undo.push(Step {
                    serial,
                    label,
                    patches,
                });
                if self.undo.len() > UNDO_LIMIT {
                    self.undo.remove(0);
                }
            }
        }
        self.open = key;
        Ok(())
    }

    /// What undo would revert, for the menu.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    /// What redo would bring back, for the menu.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    /// Reverts the last step. Returns false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        self.seal();
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let ws = Arc::make_mut(&mut self.workspace);
        for patch in step.patches.iter().rev() {
            patch.restore_before(ws);
        }
        self.journal(&step.patches, true);
        self.revision = next_revision();
        self.redo.push(step);
        true
    }

    /// Re-applies the last undone step. Returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        self.seal();
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let ws = Arc::make_mut(&mut self.workspace);
        for patch in &step.patches {
            patch.restore_after(ws);
        }
        self.journal(&step.patches, false);
        self.revision = next_revision();
        self.undo.push(step);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Category, Commitment, CommitmentKind, CommitmentStatus, Relationship, RelationshipKind,
        Sector, Stakeholder, validate,
    };
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn doc_with_two() -> (Document, Stakeholder, Stakeholder) {
        let mut ws = Workspace::new("T", Sector::Cement);
        let a = Stakeholder::new("Kiln Co", Category::Industry);
        let b = Stakeholder::new("Builder", Category::Buyer);
        ws.stakeholders.push(a.clone());
        ws.stakeholders.push(b.clone());
        (Document::new(ws), a, b)
    }

    #[test]
    fn add_undo_redo_and_dirty_mark() {
        let (mut doc, _, _) = doc_with_two();
        assert!(!doc.is_dirty());
        let s = Stakeholder::new("Port", Category::ServiceProvider);
        doc.apply(Edit::AddStakeholder(s.clone()), None).unwrap();
        assert!(doc.is_dirty());
        assert_eq!(doc.workspace().stakeholders.len(), 3);
        assert!(doc.undo());
        assert_eq!(doc.workspace().stakeholders.len(), 2);
        assert!(!doc.is_dirty(), "undoing back to the saved state is clean");
        assert!(doc.redo());
        assert_eq!(doc.workspace().stakeholders[2], s);
        doc.mark_saved();
        assert!(!doc.is_dirty());
        assert!(doc.undo());
        assert!(doc.is_dirty());
    }

    #[test]
    fn replacing_all_records_is_one_step_and_refused_when_invalid() {
        let (mut doc, a, b) = doc_with_two();
        let mut records = crate::edit::RecordLists::of(doc.workspace());
        let c = Stakeholder::new("Cement buyer", Category::Buyer);
        records.stakeholders.push(c.clone());
        records
            .relationships
            .push(Relationship::new(c.id, a.id, RelationshipKind::BuysFrom));
        let edit = |records: &crate::edit::RecordLists| Edit::ReplaceRecords {
            label: "Import spreadsheet".into(),
            records: Box::new(records.clone()),
        };
        doc.apply(edit(&records), None).unwrap();
        assert_eq!(doc.workspace().stakeholders.len(), 3);
        assert_eq!(doc.undo_label(), Some("Import spreadsheet"));
        assert!(doc.undo());
        assert_eq!(doc.workspace().stakeholders, vec![a.clone(), b.clone()]);
        assert!(doc.workspace().relationships.is_empty());

        records.stakeholders.retain(|s| s.id != c.id);
        let err = doc.apply(edit(&records), None).unwrap_err();
        assert!(err.to_string().contains("stakeholder"), "{err}");
        assert_eq!(doc.workspace().stakeholders, vec![a, b], "nothing changed");
        validate(doc.workspace()).unwrap();
    }

    #[test]
    fn a_whole_workspace_is_put_in_place_in_one_step_and_the_lineage_stays_the_documents() {
        use crate::model::Lineage;
        let (mut doc, a, _) = doc_with_two();
        let saved = Lineage::next(None);
        doc.set_lineage(Some(saved.clone()));
        let theirs = Lineage::next(Some(&Lineage::next(Some(&saved))));
        let mut merged = doc.workspace().clone();
        merged.stakeholders.retain(|s| s.id == a.id);
        merged.title = "Merged".into();
        merged.lineage = Some(theirs.clone());
        doc.apply(
            Edit::ReplaceWorkspace {
                label: "Merge a colleague's copy".into(),
                workspace: Box::new(merged),
                merged_in: Some(Box::new(theirs.clone())),
            },
            None,
        )
        .unwrap();
        let ws = doc.workspace();
        assert_eq!((ws.title.as_str(), ws.stakeholders.len()), ("Merged", 1));
        let lineage = ws.lineage.as_ref().unwrap();
        assert_eq!(lineage.revision, saved.revision, "still the document's");
        assert_eq!(lineage.merged, vec![theirs.revision]);
        assert_eq!(doc.undo_label(), Some("Merge a colleague's copy"));

        // A save, then an undo: the lineage stays the save's.
        let next = Lineage::next(doc.workspace().lineage.as_ref());
        doc.set_lineage(Some(next.clone()));
        assert!(doc.undo());
        let ws = doc.workspace();
        assert_eq!((ws.title.as_str(), ws.stakeholders.len()), ("T", 2));
        assert_eq!(ws.lineage.as_ref().unwrap().revision, next.revision);
        assert!(ws.lineage.as_ref().unwrap().merged.is_empty());

        // An invalid workspace is refused and changes nothing.
        let mut broken = doc.workspace().clone();
        broken.stakeholders[0].influence = 9;
        let before = doc.workspace().clone();
        assert!(
            doc.apply(
                Edit::ReplaceWorkspace {
                    label: "Restore".into(),
                    workspace: Box::new(broken),
                    merged_in: None,
                },
                None,
            )
            .is_err()
        );
        assert_eq!(doc.workspace(), &before);
    }

    #[test]
    fn the_workspace_title_and_workshops_are_held_to_the_file_limits() {
        let (mut doc, _, _) = doc_with_two();
        let long = "x".repeat(crate::model::limits::MAX_NAME_CHARS + 1);
        let err = doc.apply(Edit::SetTitle(long.clone()), None).unwrap_err();
        assert!(err.to_string().contains("title"), "{err}");
        assert_eq!(doc.workspace().title, "T");
        let workshop = crate::model::Workshop {
            id: crate::model::WorkshopId::new_random(),
            date: day(2026, 1, 1),
            title: long,
            attendees: Vec::new(),
            notes: String::new(),
        };
        assert!(doc.apply(Edit::AddWorkshop(workshop), None).is_err());
        assert!(doc.workspace().workshops.is_empty());
        assert!(doc.undo_label().is_none(), "nothing was done");
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let (mut doc, a, _) = doc_with_two();
        let key = Some(CoalesceKey(7));
        let mut name = String::new();
        for ch in "Green Kiln".chars() {
            name.push(ch);
            let mut s = doc.workspace().stakeholder(a.id).unwrap().clone();
            s.name.clone_from(&name);
            doc.apply(Edit::UpdateStakeholder(s), key).unwrap();
        }
        assert_eq!(doc.workspace().stakeholders[0].name, "Green Kiln");
        assert!(doc.undo());
        assert_eq!(doc.workspace().stakeholders[0].name, "Kiln Co");
        assert!(!doc.undo(), "one step only");
    }

    #[test]
    fn a_seal_splits_steps_even_with_the_same_key() {
        let (mut doc, a, _) = doc_with_two();
        let key = Some(CoalesceKey(1));
        let mut s = a.clone();
        s.influence = 4;
        doc.apply(Edit::UpdateStakeholder(s.clone()), key).unwrap();
        doc.seal();
        s.influence = 5;
        doc.apply(Edit::UpdateStakeholder(s), key).unwrap();
        doc.undo();
        assert_eq!(doc.workspace().stakeholders[0].influence, 4);
    }

    #[test]
    fn saving_mid_interaction_keeps_later_keystrokes_unsaved() {
        let (mut doc, a, _) = doc_with_two();
        let key = Some(CoalesceKey(3));
        let mut s = a.clone();
        s.name = "K".into();
        doc.apply(Edit::UpdateStakeholder(s.clone()), key).unwrap();
        doc.mark_saved();
        s.name = "Ki".into();
        doc.apply(Edit::UpdateStakeholder(s), key).unwrap();
        assert!(doc.is_dirty());
    }

    #[test]
    fn deleting_a_stakeholder_cascades_and_undo_restores_order() {
        let (mut doc, a, b) = doc_with_two();
        doc.apply(
            Edit::AddRelationship(Relationship::new(b.id, a.id, RelationshipKind::BuysFrom)),
            None,
        )
        .unwrap();
        for title in ["one", "two"] {
            doc.apply(
                Edit::AddCommitment(Commitment::new(
                    a.id,
                    CommitmentKind::Project,
                    title,
                    day(2023, 1, 1),
                )),
                None,
            )
            .unwrap();
        }
        let before = doc.workspace().clone();
        doc.apply(Edit::DeleteStakeholder(a.id), None).unwrap();
        assert_eq!(doc.workspace().stakeholders.len(), 1);
        assert!(doc.workspace().commitments.is_empty());
        assert!(doc.workspace().relationships.is_empty());
        assert_eq!(validate(doc.workspace()), Ok(()));
        doc.undo();
        assert_eq!(doc.workspace(), &before);
    }

    #[test]
    fn refused_edits_change_nothing() {
        let (mut doc, a, _) = doc_with_two();
        let mut s = a.clone();
        s.influence = 0;
        let before = doc.workspace().clone();
        assert!(doc.apply(Edit::UpdateStakeholder(s), None).is_err());
        assert_eq!(doc.workspace(), &before);
        assert!(!doc.is_dirty());
        let orphan = Relationship::new(
            a.id,
            crate::model::StakeholderId::new_random(),
            RelationshipKind::Supplies,
        );
        assert!(doc.apply(Edit::AddRelationship(orphan), None).is_err());
        assert_eq!(doc.workspace(), &before);
    }

    #[test]
    fn status_changes_record_the_date_and_undo() {
        let (mut doc, a, _) = doc_with_two();
        let c = Commitment::new(
            a.id,
            CommitmentKind::Project,
            "H2-DRI pilot",
            day(2021, 4, 1),
        );
        doc.apply(Edit::AddCommitment(c.clone()), None).unwrap();
        doc.apply(
            Edit::SetCommitmentStatus {
                id: c.id,
                status: CommitmentStatus::InProgress,
                date: day(2024, 6, 30),
            },
            None,
        )
        .unwrap();
        let now = doc.workspace().commitment(c.id).unwrap();
        assert_eq!(now.status(), CommitmentStatus::InProgress);
        assert_eq!(now.status_since(), day(2024, 6, 30));
        doc.undo();
        assert_eq!(
            doc.workspace().commitment(c.id).unwrap().status(),
            CommitmentStatus::Announced
        );
    }

    #[test]
    fn a_document_marked_unsaved_stays_unsaved_until_saved() {
        let (mut doc, _, _) = doc_with_two();
        doc.mark_unsaved();
        assert!(doc.is_dirty());
        doc.apply(Edit::SetTitle("One".into()), None).unwrap();
        doc.undo();
        assert!(doc.is_dirty(), "undo goes back to the recovered state");
        doc.mark_saved();
        assert!(!doc.is_dirty());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let (mut doc, _, _) = doc_with_two();
        doc.apply(Edit::SetTitle("One".into()), None).unwrap();
        doc.undo();
        doc.apply(Edit::SetTitle("Two".into()), None).unwrap();
        assert!(!doc.redo());
        assert_eq!(doc.workspace().title, "Two");
    }
}
