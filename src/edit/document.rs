//! The open document: the workspace, its undo and redo stacks and whether it
//! has changed since it was last saved.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::patch::Patch;
use super::{Edit, EditError, apply, prepare_whole};
use crate::model::{Lineage, RevisionId, Workspace};

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
    content: StepContent,
}

#[derive(Debug)]
enum StepContent {
    /// Record-level patches (every edit but a whole workspace).
    Patches(Vec<Patch>),
    /// A whole workspace put in place (a restored version, a merge).
    Swap(Swap),
}

/// The other side of a whole-workspace step: the workspace that is not in
/// the document now. Undo and redo swap it with the document's, so neither
/// ever copies a workspace.
#[derive(Debug)]
struct Swap {
    other: Arc<Workspace>,
    /// The lineage the document had when the workspace now in it was put
    /// there: a different one now means a save came in between.
    put_with: Option<Lineage>,
    /// The saves a merge made the lineage name (the copy's and its
    /// history), to take back out if a save came between the merge and its
    /// undo, and to name again on redo.
    brought: Vec<RevisionId>,
}

/// One change of the workspace: record-level patches, replayed on a copy
/// of the workspace as it was before, or a whole workspace put in place.
/// Crash recovery keeps its copy up to date this way, so the window's
/// thread never copies the whole workspace.
#[derive(Clone, Debug)]
pub struct Change(ChangeKind);

#[derive(Clone, Debug)]
enum ChangeKind {
    Patches {
        patches: Vec<Patch>,
        /// Undo: the patches' `before` sides, in reverse order.
        undo: bool,
    },
    Whole(Arc<Workspace>),
}

impl Change {
    /// Makes `ws` (a copy of the workspace before this change) equal to the
    /// workspace after it.
    pub fn replay(&self, ws: &mut Workspace) {
        match &self.0 {
            ChangeKind::Patches {
                patches,
                undo: true,
            } => {
                for patch in patches.iter().rev() {
                    patch.restore_before(ws);
                }
            }
            ChangeKind::Patches {
                patches,
                undo: false,
            } => {
                for patch in patches {
                    patch.restore_after(ws);
                }
            }
            ChangeKind::Whole(whole) => ws.clone_from(whole),
        }
    }

    /// Whether it puts a whole workspace in place. It shares that
    /// workspace with the document until it is replayed, so whoever holds
    /// it replays it soon.
    pub fn is_whole(&self) -> bool {
        matches!(self.0, ChangeKind::Whole(_))
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
            journal.push(Change(ChangeKind::Patches {
                patches: patches.to_vec(),
                undo,
            }));
        }
    }

    fn journal_whole(&mut self) {
        if let Some(journal) = &mut self.journal {
            journal.push(Change(ChangeKind::Whole(Arc::clone(&self.workspace))));
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
        if let Edit::ReplaceWorkspace {
            workspace,
            merged_in,
            ..
        } = edit
        {
            return self.replace_whole(label, *workspace, merged_in.as_deref());
        }
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
            Some(Step {
                serial: top_serial,
                content: StepContent::Patches(top),
                ..
            }) if continues => {
                for patch in patches {
                    let mut pending = Some(patch);
                    for existing in top.iter_mut() {
                        match pending.take() {
                            Some(p) => pending = existing.absorb(p),
                            None => break,
                        }
                    }
                    if let Some(p) = pending {
                        top.push(p);
                    }
                }
                *top_serial = serial;
            }
            _ => self.push_step(Step {
                serial,
                label,
                content: StepContent::Patches(patches),
            }),
        }
        self.open = key;
        Ok(())
    }

    fn push_step(&mut self, step: Step) {
        self.undo.push(step);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
    }

    /// Puts a whole workspace in place (a restored version, a merged copy)
    /// as one undo step. The document keeps its lineage. Nothing is copied:
    /// the workspace it replaces becomes the step's other side.
    fn replace_whole(
        &mut self,
        label: String,
        workspace: crate::model::Checked,
        merged_in: Option<&Lineage>,
    ) -> Result<(), EditError> {
        let (workspace, brought) = prepare_whole(&self.workspace, workspace, merged_in);
        let put_with = workspace.lineage.clone();
        let other = std::mem::replace(&mut self.workspace, Arc::new(workspace));
        self.journal_whole();
        self.redo.clear();
        self.revision = next_revision();
        let serial = self.take_serial();
        self.push_step(Step {
            serial,
            label,
            content: StepContent::Swap(Swap {
                other,
                put_with,
                brought,
            }),
        });
        self.open = None;
        Ok(())
    }

    /// Swaps the step's other side into the document. Without a save since
    /// the side going out was put in, the side coming in keeps the lineage
    /// it had, so undo and redo are exact, even for a document never saved.
    /// After a save the document keeps the lineage of that save, with the
    /// saves a merge brought taken out on undo and named again on redo, so
    /// it never claims a copy whose changes it no longer has.
    fn swap(&mut self, swap: &mut Swap, undo: bool) {
        let current = self.workspace.lineage.clone();
        std::mem::swap(&mut self.workspace, &mut swap.other);
        let revision = |l: &Option<Lineage>| l.as_ref().map(|l| l.revision);
        if revision(&current) != revision(&swap.put_with) {
            let incoming = self.workspace.lineage.clone();
            let mut lineage = current;
            if let Some(lineage) = &mut lineage {
                if undo {
                    lineage.merged.retain(|r| !swap.brought.contains(r));
                    lineage.ancestors.retain(|r| !swap.brought.contains(r));
                } else if let Some(after) = &incoming {
                    lineage
                        .merged
                        .extend(after.merged.iter().filter(|r| swap.brought.contains(r)));
                    lineage.merged.dedup();
                    let known: Vec<_> = lineage.ancestors.clone();
                    lineage.ancestors.extend(
                        swap.brought
                            .iter()
                            .filter(|r| !known.contains(r) && !after.merged.contains(r)),
                    );
                    lineage.ancestors.truncate(crate::model::MAX_ANCESTORS);
                }
            }
            Arc::make_mut(&mut self.workspace).lineage = lineage;
        }
        swap.put_with = self.workspace.lineage.clone();
        self.journal_whole();
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
        let Some(mut step) = self.undo.pop() else {
            return false;
        };
        match &mut step.content {
            StepContent::Patches(patches) => {
                let ws = Arc::make_mut(&mut self.workspace);
                for patch in patches.iter().rev() {
                    patch.restore_before(ws);
                }
                self.journal(patches, true);
            }
            StepContent::Swap(swap) => self.swap(swap, true),
        }
        self.revision = next_revision();
        self.redo.push(step);
        true
    }

    /// Re-applies the last undone step. Returns false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        self.seal();
        let Some(mut step) = self.redo.pop() else {
            return false;
        };
        match &mut step.content {
            StepContent::Patches(patches) => {
                let ws = Arc::make_mut(&mut self.workspace);
                for patch in patches.iter() {
                    patch.restore_after(ws);
                }
                self.journal(patches, false);
            }
            StepContent::Swap(swap) => self.swap(swap, false),
        }
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
    fn a_whole_workspace_is_swapped_in_and_out_never_copied() {
        let (mut doc, _, _) = doc_with_two();
        doc.record_changes();
        let before = doc.snapshot();
        let mut restored = (*before).clone();
        restored.title = "Restored".into();
        doc.apply(
            Edit::ReplaceWorkspace {
                label: "Restore".into(),
                workspace: Box::new(crate::model::Checked::new(restored).unwrap()),
                merged_in: None,
            },
            None,
        )
        .unwrap();
        let after = doc.snapshot();
        assert_eq!(after.title, "Restored");
        assert!(doc.is_dirty());
        assert!(doc.undo());
        assert!(
            Arc::ptr_eq(&doc.snapshot(), &before),
            "the same workspace back"
        );
        assert!(doc.redo());
        assert!(Arc::ptr_eq(&doc.snapshot(), &after));
        // Crash recovery's copy follows through the journal.
        let mut copy = (*before).clone();
        let changes = doc.take_changes();
        assert!(changes.iter().all(Change::is_whole));
        for change in &changes {
            change.replay(&mut copy);
        }
        assert_eq!(copy, *after);
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
                workspace: Box::new(crate::model::Checked::new(merged).unwrap()),
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

        // An invalid workspace cannot even be handed over.
        let mut broken = doc.workspace().clone();
        broken.stakeholders[0].influence = 9;
        assert!(crate::model::Checked::new(broken).is_err());
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
