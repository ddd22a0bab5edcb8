//! What changed since a date: new commitments, status upgrades and
//! downgrades, withdrawals, and stakeholders who moved stage.
//!
//! Statuses rank at risk < announced < in progress < achieved; a move up
//! the ranking is an upgrade, down is a downgrade; a move to withdrawn is a
//! withdrawal, whatever it came from.

use chrono::NaiveDate;

use crate::model::{CommitmentId, CommitmentStatus, EngagementStage, StakeholderId, Workspace};

fn rank(status: CommitmentStatus) -> Option<u8> {
    match status {
        CommitmentStatus::AtRisk => Some(0),
        CommitmentStatus::Announced => Some(1),
        CommitmentStatus::InProgress => Some(2),
        CommitmentStatus::Achieved => Some(3),
        CommitmentStatus::Withdrawn => None,
    }
}

/// A commitment whose status is not what it was.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StatusMove {
    pub commitment: CommitmentId,
    pub from: CommitmentStatus,
    pub to: CommitmentStatus,
    /// The day of the latest change.
    pub on: NaiveDate,
}

/// A stakeholder whose stage is not what it was.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StageMove {
    pub stakeholder: StakeholderId,
    pub from: EngagementStage,
    pub to: EngagementStage,
    pub on: NaiveDate,
}

/// Everything that changed between two dates, newest first in each list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    pub new_commitments: Vec<CommitmentId>,
    pub upgrades: Vec<StatusMove>,
    pub downgrades: Vec<StatusMove>,
    pub withdrawals: Vec<StatusMove>,
    pub stage_moves: Vec<StageMove>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.new_commitments.is_empty()
            && self.upgrades.is_empty()
            && self.downgrades.is_empty()
            && self.withdrawals.is_empty()
            && self.stage_moves.is_empty()
    }
}

/// The day of the latest thing recorded: a commitment made, a status or a
/// stage change, a workshop. `None` when nothing is dated.
pub fn latest_change(ws: &Workspace) -> Option<NaiveDate> {
    let commitments = ws
        .commitments
        .iter()
        .map(|c| c.status_since().max(c.made_on));
    let stages = ws.stakeholders.iter().filter_map(|s| s.stage_since());
    let workshops = ws.workshops.iter().map(|w| w.date);
    commitments.chain(stages).chain(workshops).max()
}

/// Changes after the end of `since` up to and including `today`.
pub fn changes_since(ws: &Workspace, since: NaiveDate, today: NaiveDate) -> Changes {
    let mut changes = Changes::default();
    let mut new_commitments = Vec::new();
    for c in &ws.commitments {
        if c.made_on > since && c.made_on <= today {
            new_commitments.push((c.made_on, c.id));
            if c.status_on(today) == Some(CommitmentStatus::Withdrawn) {
                changes.withdrawals.push(StatusMove {
                    commitment: c.id,
                    from: CommitmentStatus::Announced,
                    to: CommitmentStatus::Withdrawn,
                    on: c.status_set_on(today),
                });
            }
            continue;
        }
        let (Some(from), Some(to)) = (c.status_on(since), c.status_on(today)) else {
            continue;
        };
        if from == to {
            continue;
        }
        let change = StatusMove {
            commitment: c.id,
            from,
            to,
            on: c.status_set_on(today),
        };
        match (rank(from), rank(to)) {
            (_, None) => changes.withdrawals.push(change),
            (Some(a), Some(b)) if b > a => changes.upgrades.push(change),
            (Some(_), Some(_)) => changes.downgrades.push(change),
            // Back from withdrawn: a renewal, shown as an upgrade.
            (None, Some(_)) => changes.upgrades.push(change),
        }
    }
    for s in &ws.stakeholders {
        let (from, to) = (s.stage_on(since), s.stage_on(today));
        if from != to {
            let on = s
                .stage_history
                .iter()
                .rev()
                .find(|c| c.date <= today)
                .map_or(today, |c| c.date);
            changes.stage_moves.push(StageMove {
                stakeholder: s.id,
                from,
                to,
                on,
            });
        }
    }
    let newest_first = |a: &StatusMove, b: &StatusMove| b.on.cmp(&a.on);
    changes.upgrades.sort_by(newest_first);
    changes.downgrades.sort_by(newest_first);
    changes.withdrawals.sort_by(newest_first);
    changes.stage_moves.sort_by_key(|m| std::cmp::Reverse(m.on));
    // Newest first; the sort is stable, so same-day ones keep file order.
    new_commitments.sort_by_key(|(made, _)| std::cmp::Reverse(*made));
    changes.new_commitments = new_commitments.into_iter().map(|(_, id)| id).collect();
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Commitment, CommitmentKind, Sector, Stakeholder};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn upgrades_downgrades_withdrawals_new_and_stage_moves() {
        let mut ws = Workspace::new("C", Sector::Shipping);
        let mut carrier = Stakeholder::new("Carrier", Category::Industry);
        carrier.set_stage(EngagementStage::SharedVision, day(2022, 1, 1));
        carrier.set_stage(EngagementStage::Committed, day(2024, 3, 1));
        let owner = Stakeholder::new("Cargo owner", Category::Buyer);
        use {CommitmentKind as K, CommitmentStatus as S};
        let start = day(2022, 1, 1);
        // Owner, kind, title, made on, and a later status with its date.
        let made = [
            (
                &carrier,
                K::Project,
                "Up",
                start,
                Some((S::InProgress, day(2024, 2, 1))),
            ),
            (
                &carrier,
                K::InterimTarget,
                "Down",
                start,
                Some((S::AtRisk, day(2024, 4, 1))),
            ),
            (
                &owner,
                K::ProcurementPledge,
                "Gone",
                start,
                Some((S::Withdrawn, day(2024, 5, 1))),
            ),
            (&owner, K::Policy, "Steady", start, None),
            (&owner, K::OfftakeAgreement, "Fresh", day(2024, 6, 1), None),
            (&owner, K::OfftakeAgreement, "Later", day(2025, 6, 1), None),
        ];
        let [up, down, gone, steady, fresh, future] = made.map(|(s, kind, title, on, moved)| {
            let mut c = Commitment::new(s.id, kind, title, on);
            if let Some((status, since)) = moved {
                c.set_status(status, since);
            }
            c
        });
        ws.commitments.extend([
            up.clone(),
            down.clone(),
            gone.clone(),
            steady,
            fresh.clone(),
            future,
        ]);
        ws.stakeholders.extend([carrier.clone(), owner]);

        let changes = changes_since(&ws, day(2023, 12, 31), day(2024, 12, 31));
        assert_eq!(changes.new_commitments, vec![fresh.id]);
        assert_eq!(changes.upgrades.len(), 1);
        assert_eq!(
            (
                changes.upgrades[0].commitment,
                changes.upgrades[0].from,
                changes.upgrades[0].to
            ),
            (
                up.id,
                CommitmentStatus::Announced,
                CommitmentStatus::InProgress
            )
        );
        assert_eq!(changes.downgrades[0].commitment, down.id);
        assert_eq!(changes.withdrawals[0].commitment, gone.id);
        assert_eq!(changes.withdrawals[0].on, day(2024, 5, 1));
        assert_eq!(changes.stage_moves.len(), 1);
        assert_eq!(
            (changes.stage_moves[0].from, changes.stage_moves[0].to),
            (EngagementStage::SharedVision, EngagementStage::Committed)
        );
        assert!(changes_since(&ws, day(2025, 1, 1), day(2025, 1, 2)).is_empty());
    }

    #[test]
    fn the_latest_change_is_the_latest_dated_event() {
        let mut ws = Workspace::new("C", Sector::Cement);
        assert_eq!(latest_change(&ws), None);
        let mut s = Stakeholder::new("Kiln", Category::Industry);
        s.set_stage(EngagementStage::SharedVision, day(2021, 3, 1));
        let mut c = Commitment::new(s.id, CommitmentKind::Project, "Pilot", day(2020, 5, 1));
        c.set_status(CommitmentStatus::InProgress, day(2022, 7, 9));
        ws.stakeholders.push(s);
        ws.commitments.push(c);
        assert_eq!(latest_change(&ws), Some(day(2022, 7, 9)));
    }
}
