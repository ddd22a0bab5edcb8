//! Where a saved workspace comes from: which workspace it is (across every
//! colleague's copy), which save this is, and the saves it was made from.
//! A colleague's copy that comes back is merged against the latest save
//! both copies come from (see `crate::merge` and `crate::file::versions`).

use serde::{Deserialize, Serialize};

use super::ids::{RevisionId, WorkspaceId};

/// How many earlier revisions a file remembers: enough to find the save a
/// copy was made from after its holder saved it many times.
pub const MAX_ANCESTORS: usize = 100;

/// A workspace's identity and history (format 5 on). Written by every save
/// from format 5 on; files from before have none until they are saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lineage {
    /// The same in every copy and every save of one workspace.
    pub workspace: WorkspaceId,
    /// This save.
    pub revision: RevisionId,
    /// The saves this one was made from: one after an ordinary save, two
    /// after a merge, none for the first save.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<RevisionId>,
    /// Earlier saves this one comes from, at most [`MAX_ANCESTORS`]: its
    /// parents first, then theirs, newest first along each line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ancestors: Vec<RevisionId>,
    /// Saves merged into the document since this one: with this one, the
    /// parents of the next save.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<RevisionId>,
}

impl Lineage {
    /// The lineage of the first save of a new workspace (or of one from
    /// before format 5).
    pub fn first() -> Self {
        Lineage {
            workspace: WorkspaceId::new_random(),
            revision: RevisionId::new_random(),
            parents: Vec::new(),
            ancestors: Vec::new(),
            merged: Vec::new(),
        }
    }

    /// The lineage a save of a document that was `before` gets: a new
    /// revision whose parents are the previous save and whatever was merged
    /// in since.
    pub fn next(before: Option<&Lineage>) -> Self {
        let Some(before) = before else {
            return Lineage::first();
        };
        let mut parents = vec![before.revision];
        parents.extend(before.merged.iter().copied());
        dedup_keep_order(&mut parents);
        let mut ancestors = parents.clone();
        ancestors.extend(before.ancestors.iter().copied());
        dedup_keep_order(&mut ancestors);
        ancestors.truncate(MAX_ANCESTORS);
        Lineage {
            workspace: before.workspace,
            revision: RevisionId::new_random(),
            parents,
            ancestors,
            merged: Vec::new(),
        }
    }

    /// This save and every earlier one it remembers, newest first.
    pub fn history(&self) -> impl Iterator<Item = RevisionId> + '_ {
        std::iter::once(self.revision).chain(self.ancestors.iter().copied())
    }

    /// Whether `revision` is this save or one it comes from.
    pub fn knows(&self, revision: RevisionId) -> bool {
        self.history().any(|r| r == revision) || self.merged.contains(&revision)
    }

    /// Records that `theirs` (another copy's save) was merged into the
    /// document: the next save has it as a parent and remembers its history.
    pub fn merge_in(&mut self, theirs: &Lineage) {
        if theirs.revision != self.revision {
            self.merged.push(theirs.revision);
        }
        self.ancestors.extend(theirs.ancestors.iter().copied());
        dedup_keep_order(&mut self.merged);
        dedup_keep_order(&mut self.ancestors);
        self.ancestors.truncate(MAX_ANCESTORS);
    }
}

/// Keeps the first of each id, in order.
fn dedup_keep_order(ids: &mut Vec<RevisionId>) {
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_save_remembers_the_ones_before_it_newest_first_up_to_the_limit() {
        let first = Lineage::next(None);
        assert!(first.parents.is_empty() && first.ancestors.is_empty());
        let second = Lineage::next(Some(&first));
        assert_eq!(second.workspace, first.workspace);
        assert_eq!(second.parents, vec![first.revision]);
        let mut last = second.clone();
        for _ in 0..(MAX_ANCESTORS + 20) {
            last = Lineage::next(Some(&last));
        }
        assert_eq!(last.ancestors.len(), MAX_ANCESTORS);
        assert!(!last.knows(first.revision), "too far back to remember");
        let next = Lineage::next(Some(&last));
        assert_eq!(next.ancestors[0], last.revision);
        assert!(next.knows(last.ancestors[0]));
    }

    #[test]
    fn a_save_after_a_merge_has_both_copies_as_parents() {
        let sent = Lineage::next(None);
        let mine = Lineage::next(Some(&sent));
        let theirs = Lineage::next(Some(&Lineage::next(Some(&sent))));
        let mut merged = mine.clone();
        merged.merge_in(&theirs);
        let saved = Lineage::next(Some(&merged));
        assert_eq!(saved.parents, vec![mine.revision, theirs.revision]);
        assert!(saved.knows(theirs.ancestors[0]), "their own history too");
        assert!(saved.knows(sent.revision));
        assert!(saved.merged.is_empty());
    }
}
