use chrono::NaiveDate;

use crate::model::Workspace;

/// What the stakeholder table shows beyond the stakeholder's own fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StakeholderStats {
    /// Commitments made by the stakeholder, whatever their status.
    pub commitments: usize,
    /// The latest dated event about the stakeholder: a stage change, a
    /// commitment made or a commitment's change of status.
    pub last_change: Option<NaiveDate>,
}

/// Stats for every stakeholder, in the workspace's order. Linear in the
/// number of stakeholders and commitments.
pub fn stakeholder_stats(ws: &Workspace) -> Vec<StakeholderStats> {
    let index = ws.stakeholder_index();
    let mut stats: Vec<StakeholderStats> = ws
        .stakeholders
        .iter()
        .map(|s| StakeholderStats {
            commitments: 0,
            last_change: s.stage_since(),
        })
        .collect();
    for c in &ws.commitments {
        let Some(i) = index.get(c.stakeholder) else {
            continue;
        };
        let entry = &mut stats[i];
        entry.commitments += 1;
        let latest = c.status_since().max(c.made_on);
        entry.last_change = Some(entry.last_change.map_or(latest, |d| d.max(latest)));
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Category, Commitment, CommitmentKind, CommitmentStatus, EngagementStage, Sector,
        Stakeholder,
    };

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn counts_commitments_and_finds_the_latest_change() {
        let mut ws = Workspace::new("T", Sector::Aviation);
        let mut airline = Stakeholder::new("Airline", Category::Industry);
        airline.set_stage(EngagementStage::SharedVision, day(2021, 2, 1));
        let fuel = Stakeholder::new("SAF maker", Category::Supplier);
        let quiet = Stakeholder::new("Quiet", Category::Buyer);
        let mut pledge = Commitment::new(
            airline.id,
            CommitmentKind::ProcurementPledge,
            "10% SAF",
            day(2022, 1, 1),
        );
        pledge.set_status(CommitmentStatus::AtRisk, day(2024, 9, 9));
        ws.commitments.push(pledge);
        ws.commitments.push(Commitment::new(
            airline.id,
            CommitmentKind::NetZeroTarget,
            "NZ",
            day(2020, 1, 1),
        ));
        ws.commitments.push(Commitment::new(
            fuel.id,
            CommitmentKind::Project,
            "Plant",
            day(2023, 5, 5),
        ));
        ws.stakeholders.extend([airline, fuel, quiet]);

        let stats = stakeholder_stats(&ws);
        assert_eq!(
            stats[0],
            StakeholderStats {
                commitments: 2,
                last_change: Some(day(2024, 9, 9))
            }
        );
        assert_eq!(
            stats[1],
            StakeholderStats {
                commitments: 1,
                last_change: Some(day(2023, 5, 5))
            }
        );
        assert_eq!(
            stats[2],
            StakeholderStats {
                commitments: 0,
                last_change: None
            }
        );
    }
}
