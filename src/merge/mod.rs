//! Three-way merge of two copies of a workspace that grew apart from a
//! common base (or two-way, without one): a colleague's copy, or a share
//! copy come back with the partners' edits. Pure: no egui, no files.
//!
//! The rules, record by record (matched by their stable ids; milestones
//! by year; the workspace's own fields as one record):
//!
//! - A field changed on one side only is taken; changed the same way on
//!   both, too; changed differently on both is a [`Conflict`]. Fields are
//!   compared as the record's serde fields, so a field added to a record
//!   later is merged without changes here.
//! - Records added on either side are kept; the same id added on both with
//!   different contents is merged field by field as if from an empty base.
//!   A record deleted on one side and unchanged on the other is deleted;
//!   deleted on one side and edited on the other is a conflict.
//! - Stage and status histories merge date by date: entries either side
//!   added are kept, in date order; different entries on the same date for
//!   the same record are a conflict ("Stage on 2026-03-01").
//! - References stay valid. A stakeholder or metric that one side deleted
//!   while the other edited it, or added or changed something that refers
//!   to it, is a conflict ("Deleted in mine, still used in theirs"). A
//!   reference the other side changed to point at a deleted record is a
//!   conflict on that field. Whatever is chosen, a record whose
//!   stakeholder ends up deleted goes with it, as when a stakeholder is
//!   deleted in the app (its commitments and relationships go, it leaves
//!   workshops' attendee lists; a deleted metric leaves commitments and
//!   milestones). So every result, for every choice, passes
//!   [`crate::model::validate`] when both copies (and the base) did.
//! - A share copy ([`Workspace::share`] set) never counts what it redacted
//!   as an edit: the fields its [`crate::model::Removed`] flags name are
//!   taken as unchanged on that side. The share marker itself is not
//!   merged: the result keeps mine's. (So merging an original into a share
//!   copy brings the original's redacted values into the copy: make a new
//!   share copy of such a result before sending it.)
//!
//! What is not guaranteed: the counts' limits (a merge of two copies near
//! 100,000 stakeholders each could pass the limit), and anything for
//! copies that did not validate in the first place (no panic, though).
//!
//! [`merge`] returns the result with every conflict resolved as mine, the
//! changes that came from theirs, and the conflicts. [`resolve`] builds
//! the workspace for any choices; [`apply_choice`] switches one recorded
//! conflict in a saved workspace.
//!
//! Workspace fields that the caller manages are never merged: see
//! [`CALLER_FIELDS`].
//!
//! The files: `engine` runs a merge (the workspace's own fields, each list
//! of records, what goes with contested deletions); `fields` merges one
//! record's serde fields; `records` says what the merge knows of each kind
//! of record; `apply` applies conflict choices and keeps references valid;
//! `changes` lists what theirs brought; `show` writes values as a user
//! reads them.

mod apply;
mod changes;
mod engine;
mod fields;
mod records;
mod show;

use crate::model::{RecordRef, StakeholderId, ValidationError, Workspace};

/// Workspace fields the caller handles (history of revisions, identity,
/// recorded conflicts): the merge keeps mine's value and never reports
/// them. Names that the workspace does not have (yet) are ignored, so
/// excluding a new field is one line here. (Any new workspace field must
/// also be copied in `records::shell`, which does not compile until it is;
/// fields not listed here are then merged like the title.)
pub const CALLER_FIELDS: &[&str] = &["lineage", "open_conflicts"];

pub use crate::model::conflict::{
    Conflict, ConflictKey, Dependent, RecordKind, Side, WHOLE_RECORD, record_ref,
};

/// What theirs changed in mine, without conflict: one record added or
/// deleted, or one field changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: RecordKind,
    /// As in [`ConflictKey::id`].
    pub id: String,
    pub record: RecordRef,
    /// The stakeholder the record belongs to, for grouping a review.
    pub stakeholder: Option<StakeholderId>,
    pub what: ChangeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ChangeKind {
    Added,
    Deleted,
    /// One field (or one date of a history, as in [`ConflictKey::field`]).
    Changed {
        field: String,
        label: String,
        mine_text: String,
        merged_text: String,
    },
}

/// The outcome of [`merge`].
#[derive(Clone, Debug)]
pub struct Merge {
    /// The merged workspace with every conflict resolved as mine.
    pub result: Workspace,
    /// What the result takes from theirs: mine → result, record by record,
    /// in [`RecordKind`] order.
    pub changes: Vec<Change>,
    /// In [`RecordKind`] order, then in list order.
    pub conflicts: Vec<Conflict>,
}

/// Merges `theirs` into `mine`, both grown from `base` (two-way without
/// one: every field that differs is then a conflict). Records keep mine's
/// order, then theirs' additions in theirs' order. Never panics, whatever
/// the workspaces hold.
pub fn merge(base: Option<&Workspace>, mine: &Workspace, theirs: &Workspace) -> Merge {
    engine::merge(base, mine, theirs)
}

/// The merged workspace with each conflict resolved as `choose` says.
/// Valid for every combination of choices when the merged copies were.
/// Records kept from theirs by a choice come after the others.
pub fn resolve(merge: &Merge, choose: impl Fn(&Conflict) -> Side) -> Workspace {
    let theirs: Vec<(&Conflict, Side)> = merge
        .conflicts
        .iter()
        .filter(|c| choose(c) == Side::Theirs)
        .map(|c| (c, Side::Theirs))
        .collect();
    if theirs.is_empty() {
        return merge.result.clone();
    }
    let mut ws = merge.result.clone();
    match apply::apply_all(&mut ws, &theirs) {
        Ok(()) => ws,
        // The values are the merge's own serialisations of records of the
        // same types, so this needs copies that were not valid to begin
        // with (a NaN); mine's resolution is then the safe answer.
        Err(_) => merge.result.clone(),
    }
}

/// Why a recorded conflict could not be applied; the workspace is then
/// left as it was.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ApplyError {
    #[error("the recorded conflict on {key:?} is not readable: {message}")]
    Unreadable {
        key: Box<ConflictKey>,
        message: String,
    },
    #[error("choosing that would leave the workspace inconsistent: {0}")]
    Invalid(#[from] ValidationError),
}

/// `ws` with each of `choices` applied at once, as [`apply_choice`] does
/// for one; the conflicts applied leave `ws`'s open conflicts. Refuses
/// (and changes nothing) as [`apply_choice`] does.
pub fn apply_choices(
    ws: &Workspace,
    choices: &[(&Conflict, Side)],
) -> Result<Workspace, ApplyError> {
    let mut out = ws.clone();
    let theirs: Vec<(&Conflict, Side)> = choices
        .iter()
        .copied()
        .filter(|(_, side)| *side == Side::Theirs)
        .collect();
    if !theirs.is_empty() {
        apply::apply_all(&mut out, &theirs)?;
    }
    out.open_conflicts
        .retain(|open| !choices.iter().any(|(c, _)| c.key == open.key));
    crate::model::validate(&out)?;
    Ok(out)
}

/// `ws` with one recorded conflict resolved as `side`: the field set to
/// that side's value, a record deleted or put back (with what goes with
/// it), references kept valid. `ws` is typically a merge result saved with
/// its conflicts resolved as mine. A conflict about a record no longer in
/// `ws` changes nothing. Refuses (and changes nothing) when the recorded
/// values do not fit or the result would not validate.
pub fn apply_choice(
    ws: &Workspace,
    conflict: &Conflict,
    side: Side,
) -> Result<Workspace, ApplyError> {
    let mut out = ws.clone();
    apply::apply_all(&mut out, &[(conflict, side)])?;
    crate::model::validate(&out)?;
    Ok(out)
}

/// The workspace a merge hands back to be saved or applied: the result
/// with every conflict resolved as mine and recorded as open (with mine's
/// own open ones not about the same thing), and the lineage of a save made
/// from mine with theirs merged in.
pub fn merged_workspace(merge: &Merge, mine: &Workspace, theirs: &Workspace) -> Workspace {
    let mut ws = merge.result.clone();
    let mut open = merge.conflicts.clone();
    open.extend(
        mine.open_conflicts
            .iter()
            .filter(|old| !merge.conflicts.iter().any(|new| new.key == old.key))
            .cloned(),
    );
    ws.open_conflicts = open;
    let mut lineage = mine
        .lineage
        .clone()
        .unwrap_or_else(|| crate::model::Lineage {
            workspace: theirs
                .lineage
                .as_ref()
                .map_or_else(crate::model::WorkspaceId::new_random, |l| l.workspace),
            ..crate::model::Lineage::first()
        });
    if let Some(theirs) = &theirs.lineage {
        lineage.merge_in(theirs);
    }
    ws.lineage = Some(lineage);
    ws
}

/// How many records theirs added, changed (one or more fields) and
/// deleted, for summaries.
pub fn change_counts(changes: &[Change]) -> (usize, usize, usize) {
    let mut changed = std::collections::HashSet::new();
    let (mut added, mut deleted) = (0, 0);
    for change in changes {
        match change.what {
            ChangeKind::Added => added += 1,
            ChangeKind::Deleted => deleted += 1,
            ChangeKind::Changed { .. } => {
                changed.insert((change.kind, change.id.as_str()));
            }
        }
    }
    (added, changed.len(), deleted)
}
