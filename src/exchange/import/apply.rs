//! Applying a plan to a copy of the workspace, and the report of what
//! happened.

use std::collections::HashMap;

use crate::model::Workspace;
use crate::text::plural;

use super::{ImportPlan, Record, Resolution};

/// `3 stakeholders, 1 commitment, 0 relationships`.
fn counts<'a>(records: impl Iterator<Item = &'a Record>) -> String {
    let mut n = [0usize; 3];
    for record in records {
        n[match record {
            Record::Stakeholder(_) => 0,
            Record::Commitment(_) => 1,
            Record::Relationship(_) => 2,
        }] += 1;
    }
    format!(
        "{}, {}, {}",
        plural(n[0], "stakeholder", "stakeholders"),
        plural(n[1], "commitment", "commitments"),
        plural(n[2], "relationship", "relationships")
    )
}

fn resolution(resolutions: &[Resolution], i: usize) -> Resolution {
    resolutions.get(i).copied().unwrap_or_default()
}

impl ImportPlan {
    /// The new workspace: `base` with the created records appended (in file
    /// order) and each conflict settled by `resolutions` (one per conflict,
    /// in order; missing ones keep the existing record). The result passes
    /// [`crate::model::validate`].
    pub fn apply(&self, base: &Workspace, resolutions: &[Resolution]) -> Workspace {
        let mut ws = base.clone();
        for planned in &self.created {
            match &planned.record {
                Record::Stakeholder(s) => ws.stakeholders.push(s.clone()),
                Record::Commitment(c) => ws.commitments.push(c.clone()),
                Record::Relationship(r) => ws.relationships.push(r.clone()),
            }
        }
        let taken = self
            .conflicts
            .iter()
            .enumerate()
            .filter(|(i, _)| resolution(resolutions, *i) == Resolution::TakeImported);
        let stakeholders: HashMap<_, _> = ws
            .stakeholders
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let commitments: HashMap<_, _> = ws
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let relationships: HashMap<_, _> = ws
            .relationships
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
        for (_, conflict) in taken {
            match &conflict.imported {
                Record::Stakeholder(s) => {
                    if let Some(&at) = stakeholders.get(&s.id) {
                        ws.stakeholders[at] = s.clone();
                    }
                }
                Record::Commitment(c) => {
                    if let Some(&at) = commitments.get(&c.id) {
                        ws.commitments[at] = c.clone();
                    }
                }
                Record::Relationship(r) => {
                    if let Some(&at) = relationships.get(&r.id) {
                        ws.relationships[at] = r.clone();
                    }
                }
            }
        }
        ws
    }

    /// Nothing skipped and no conflict at all.
    pub fn is_complete(&self) -> bool {
        self.skipped.is_empty() && self.conflicts.is_empty()
    }

    /// Nothing skipped and every conflict settled by taking the import.
    pub fn is_complete_with(&self, resolutions: &[Resolution]) -> bool {
        self.skipped.is_empty()
            && (0..self.conflicts.len())
                .all(|i| resolution(resolutions, i) == Resolution::TakeImported)
    }

    /// What the import did, as lines to print or show: counts, then each
    /// conflict, skipped row and warning with its location, then the
    /// undated counts.
    pub fn report(&self, resolutions: &[Resolution]) -> Vec<String> {
        let mut lines = vec![
            format!(
                "Created: {}.",
                counts(self.created.iter().map(|p| &p.record))
            ),
            format!(
                "Unchanged: {}.",
                counts(self.unchanged.iter().map(|p| &p.record))
            ),
        ];
        if !self.conflicts.is_empty() {
            let taken = (0..self.conflicts.len())
                .filter(|&i| resolution(resolutions, i) == Resolution::TakeImported)
                .count();
            lines.push(format!(
                "Conflicts: {} (took the imported values for {taken}, kept the existing for {}).",
                self.conflicts.len(),
                self.conflicts.len() - taken
            ));
        }
        lines.extend(self.conflict_lines(resolutions));
        if !self.skipped.is_empty() {
            lines.push(format!(
                "Skipped: {}.",
                plural(self.skipped.len(), "row", "rows")
            ));
        }
        lines.extend(
            self.skipped
                .iter()
                .map(|s| format!("{}: {}", s.location, s.reason)),
        );
        lines.extend(
            self.warnings
                .iter()
                .map(|w| format!("{}: warning: {}", w.location, w.text)),
        );
        if self.undated_statuses > 0 {
            lines.push(format!(
                "{} had no status date: their status is dated the day they were made; \
                 momentum history is approximate.",
                plural(self.undated_statuses, "commitment", "commitments")
            ));
        }
        if self.undated_stages > 0 {
            lines.push(format!(
                "{} had a stage without a date: it is dated the day of the import; \
                 momentum history is approximate.",
                plural(self.undated_stages, "stakeholder", "stakeholders")
            ));
        }
        lines
    }

    /// One line per conflict: where, what, the fields and how it was settled.
    fn conflict_lines(&self, resolutions: &[Resolution]) -> Vec<String> {
        let mut lines = Vec::new();
        for (i, conflict) in self.conflicts.iter().enumerate() {
            let fields: Vec<String> = conflict
                .fields
                .iter()
                .map(|f| format!("{} “{}” › “{}”", f.field, f.existing, f.imported))
                .collect();
            let settled = match resolution(resolutions, i) {
                Resolution::KeepExisting => "kept existing",
                Resolution::TakeImported => "took imported",
            };
            lines.push(format!(
                "{}: conflict: {}: {} ({settled})",
                conflict.location,
                conflict.what,
                fields.join("; ")
            ));
        }
        lines
    }
}
