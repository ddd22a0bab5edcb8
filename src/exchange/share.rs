//! Share copies: a workspace a facilitator can send outside the team, with
//! confidential data left out and every count still true.
//!
//! What a share copy leaves out (the [`Removed`] flags say which rules were
//! applied; [`ShareOptions`] chooses the optional ones):
//!
//! - **Contacts**: every stakeholder's contacts, confidential or not.
//! - **Confidential stakeholders** are anonymised: the name becomes
//!   "Confidential investor 1" (numbered per category in list order); the
//!   region, tags, notes and contacts are emptied. Category, stage history,
//!   scores and map position stay, so the counts, charts and the map look
//!   the same (a position on the map is not identifying text).
//! - **Relationships** with an anonymised stakeholder at either end keep
//!   their kind only: the note is emptied and the confidence set to
//!   [`ANONYMISED_CONFIDENCE`] (Medium, what a new relationship starts with).
//! - **Confidential commitments, and every commitment of an anonymised
//!   stakeholder** (a public title or source would name the stakeholder):
//!   the title becomes "Confidential procurement pledge" and the quantity,
//!   the roadmap metric link, the source and the notes go. Kind, date made,
//!   target year and the whole status history stay, so momentum, coverage
//!   and white spaces are unchanged. The metric link goes with the quantity:
//!   without a quantity it adds nothing to roadmap progress, and it would
//!   still tell what the pledge is about. Roadmap progress in a share copy
//!   therefore counts non-confidential pledges only.
//! - **Team notes**: the workspace's own notes and every workshop's notes.
//!   Workshop dates, titles and attendees stay.
//! - **Scores**, only with [`ShareOptions::without_scores`]: everyone's
//!   influence becomes [`ShareMarker::NEUTRAL_INFLUENCE`] and support
//!   [`ShareMarker::NEUTRAL_SUPPORT`] (the model needs valid values), and
//!   the marker's `removed.scores` tells the app to hide them.
//!
//! - **Conflicts left open by a merge** (each holds both copies' values,
//!   whatever they were).
//!
//! Everything else stays, ids included (a share copy can later be merged
//! back by id, and keeps the lineage that finds the base of that merge):
//! non-confidential records keep their notes, the title, vision, roadmap
//! and tipping point are unchanged.

use chrono::NaiveDate;

use crate::model::{
    Category, Commitment, CommitmentKind, Confidence, Removed, ShareMarker, Stakeholder,
    StakeholderId, Workspace,
};

/// The confidence every relationship of an anonymised stakeholder gets.
pub const ANONYMISED_CONFIDENCE: Confidence = Confidence::Medium;

/// The choices a facilitator makes when saving a share copy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShareOptions {
    /// Also remove everyone's influence and support scores.
    pub without_scores: bool,
}

/// How many records a share copy changed, for the command line and the
/// save dialog's confirmation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ShareCounts {
    /// Stakeholders whose (non-empty) contacts were removed.
    pub contacts: usize,
    /// Confidential stakeholders anonymised.
    pub anonymised_stakeholders: usize,
    /// Commitments whose details were removed (confidential ones and those
    /// of anonymised stakeholders).
    pub anonymised_commitments: usize,
    /// Relationships reduced to their kind.
    pub reduced_relationships: usize,
    /// Stakeholders whose scores were reset (0 unless without scores).
    pub scores: usize,
    /// Non-empty team notes removed: the workspace's and workshops'.
    pub team_notes: usize,
}

impl ShareCounts {
    /// What was removed, one line each, with counts: what the command
    /// prints and the window reports.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("contacts removed from {} stakeholders", self.contacts),
            format!(
                "{} confidential stakeholders anonymised (names, regions, tags, notes)",
                self.anonymised_stakeholders
            ),
            format!(
                "{} commitments without details (titles, quantities, metric links, sources, notes)",
                self.anonymised_commitments
            ),
            format!(
                "{} relationships of anonymised stakeholders reduced to their kind",
                self.reduced_relationships
            ),
            format!(
                "{} team notes removed (workspace, workshops)",
                self.team_notes
            ),
        ];
        if self.scores > 0 {
            lines.push(format!("scores removed from {} stakeholders", self.scores));
        }
        lines
    }
}

/// A copy of `ws` that leaves confidential data out (see the module docs
/// for exactly what), marked as a share copy made `today`.
pub fn share_copy(ws: &Workspace, options: &ShareOptions, today: NaiveDate) -> Workspace {
    share_copy_counted(ws, options, today).0
}

/// [`share_copy`], with how many records it changed.
pub fn share_copy_counted(
    ws: &Workspace,
    options: &ShareOptions,
    today: NaiveDate,
) -> (Workspace, ShareCounts) {
    let mut copy = ws.clone();
    // Both copies' values, confidential or not: never sent out.
    copy.open_conflicts.clear();
    let mut counts = ShareCounts::default();
    let anonymised = anonymise_stakeholders(&mut copy.stakeholders, &mut counts);
    for c in &mut copy.commitments {
        if c.confidential || anonymised.contains(&c.stakeholder) {
            anonymise_commitment(c);
            counts.anonymised_commitments += 1;
        }
    }
    for r in &mut copy.relationships {
        if anonymised.contains(&r.from) || anonymised.contains(&r.to) {
            r.note.clear();
            r.confidence = ANONYMISED_CONFIDENCE;
            counts.reduced_relationships += 1;
        }
    }
    if options.without_scores {
        for s in &mut copy.stakeholders {
            s.influence = ShareMarker::NEUTRAL_INFLUENCE;
            s.support = ShareMarker::NEUTRAL_SUPPORT;
        }
        counts.scores = copy.stakeholders.len();
    }
    counts.team_notes = remove_team_notes(&mut copy);
    copy.share = Some(marker(ws, options, today));
    (copy, counts)
}

/// Empties contacts everywhere and anonymises confidential stakeholders;
/// returns the anonymised ones' ids, sorted for lookups.
fn anonymise_stakeholders(
    stakeholders: &mut [Stakeholder],
    counts: &mut ShareCounts,
) -> Vec<StakeholderId> {
    let mut numbers = [0usize; Category::ALL.len()];
    let mut anonymised = Vec::new();
    for s in stakeholders {
        if !s.contacts.is_empty() {
            counts.contacts += 1;
            s.contacts.clear();
        }
        if !s.confidential {
            continue;
        }
        numbers[s.category as usize] += 1;
        s.name = anonymous_name(s.category, numbers[s.category as usize]);
        s.region.clear();
        s.tags.clear();
        s.notes.clear();
        counts.anonymised_stakeholders += 1;
        anonymised.push(s.id);
    }
    anonymised.sort_unstable();
    anonymised
}

/// "Confidential civil society 2".
pub fn anonymous_name(category: Category, number: usize) -> String {
    format!("Confidential {} {number}", category.label().to_lowercase())
}

/// "Confidential procurement pledge".
pub fn anonymous_title(kind: CommitmentKind) -> String {
    let what = match kind {
        CommitmentKind::NetZeroTarget => "net-zero target",
        CommitmentKind::InterimTarget => "interim target",
        CommitmentKind::ProcurementPledge => "procurement pledge",
        CommitmentKind::OfftakeAgreement => "offtake agreement",
        CommitmentKind::Financing => "financing commitment",
        CommitmentKind::Policy => "policy",
        CommitmentKind::Project => "project",
        CommitmentKind::ResearchDevelopment => "R&D commitment",
    };
    format!("Confidential {what}")
}

fn anonymise_commitment(c: &mut Commitment) {
    c.title = anonymous_title(c.kind);
    c.quantity = None;
    c.metric = None;
    c.source.clear();
    c.notes.clear();
    // In the copy the commitment reads as confidential, so lists of public
    // commitments (the report's) leave it out.
    c.confidential = true;
}

/// Empties the workspace's and the workshops' notes; returns how many were
/// not already empty.
fn remove_team_notes(ws: &mut Workspace) -> usize {
    let mut removed = usize::from(!ws.notes.is_empty());
    ws.notes.clear();
    for w in &mut ws.workshops {
        removed += usize::from(!w.notes.is_empty());
        w.notes.clear();
    }
    removed
}

/// The marker for a copy of `ws`: a copy of a copy keeps the first
/// original's title and adds its rules to the earlier ones.
fn marker(ws: &Workspace, options: &ShareOptions, today: NaiveDate) -> ShareMarker {
    let removed = Removed {
        contacts: true,
        confidential_names: true,
        commitment_details: true,
        scores: options.without_scores,
        team_notes: true,
    };
    match &ws.share {
        Some(earlier) => ShareMarker {
            made_on: today,
            from_title: earlier.from_title.clone(),
            removed: earlier.removed.union(removed),
        },
        None => ShareMarker {
            made_on: today,
            from_title: ws.title.clone(),
            removed,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sector;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn confidential_stakeholders_are_numbered_per_category() {
        let mut ws = Workspace::new("W", Sector::Cement);
        for (name, category, confidential) in [
            ("A", Category::Investor, true),
            ("B", Category::CivilSociety, true),
            ("C", Category::Investor, false),
            ("D", Category::Investor, true),
        ] {
            let mut s = Stakeholder::new(name, category);
            s.confidential = confidential;
            ws.stakeholders.push(s);
        }
        let copy = share_copy(&ws, &ShareOptions::default(), day(2026, 1, 1));
        let names: Vec<&str> = copy.stakeholders.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Confidential investor 1",
                "Confidential civil society 1",
                "C",
                "Confidential investor 2"
            ]
        );
    }

    #[test]
    fn a_copy_of_a_copy_keeps_the_first_title_and_adds_rules() {
        let ws = Workspace::new("Original", Sector::Cement);
        let first = share_copy(&ws, &ShareOptions::default(), day(2026, 1, 1));
        let mut renamed = first.clone();
        renamed.title = "Renamed".into();
        let second = share_copy(
            &renamed,
            &ShareOptions {
                without_scores: true,
            },
            day(2026, 2, 1),
        );
        let marker = second.share.unwrap();
        assert_eq!(marker.from_title, "Original");
        assert_eq!(marker.made_on, day(2026, 2, 1));
        assert!(marker.removed.scores && marker.removed.contacts);
    }
}
