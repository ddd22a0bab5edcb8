//! White spaces: where in the flywheel nobody has moved yet. A matrix of
//! stakeholder category × coalition stage.
//!
//! How stakeholders are placed on the four coalition stages (a stakeholder
//! counts in every stage it has reached, so the columns read as a funnel):
//!
//! | coalition stage | reached through its engagement stage | or through a commitment (active or achieved) of kind |
//! |---|---|---|
//! | Shared vision | Shared vision or beyond | any |
//! | Roadmaps & metrics | Roadmap or beyond | any |
//! | Committing to action | Committed or beyond | net-zero target, interim target, procurement pledge, policy |
//! | Supporting implementation | Implementing | offtake agreement, financing, project, R&D |

use chrono::NaiveDate;

use crate::model::{Category, CommitmentKind, EngagementStage, StakeholderId, Workspace};

/// The four stages of an MPP-style coalition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum CoalitionStage {
    SharedVision,
    RoadmapsAndMetrics,
    CommittingToAction,
    SupportingImplementation,
}

impl CoalitionStage {
    pub const ALL: [CoalitionStage; 4] = [
        CoalitionStage::SharedVision,
        CoalitionStage::RoadmapsAndMetrics,
        CoalitionStage::CommittingToAction,
        CoalitionStage::SupportingImplementation,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CoalitionStage::SharedVision => "Shared vision",
            CoalitionStage::RoadmapsAndMetrics => "Roadmaps & metrics",
            CoalitionStage::CommittingToAction => "Committing to action",
            CoalitionStage::SupportingImplementation => "Supporting implementation",
        }
    }

    /// The coalition stage an engagement stage stands for.
    pub fn of_engagement(stage: EngagementStage) -> Option<CoalitionStage> {
        match stage {
            EngagementStage::NotEngaged => None,
            EngagementStage::SharedVision => Some(CoalitionStage::SharedVision),
            EngagementStage::Roadmap => Some(CoalitionStage::RoadmapsAndMetrics),
            EngagementStage::Committed => Some(CoalitionStage::CommittingToAction),
            EngagementStage::Implementing => Some(CoalitionStage::SupportingImplementation),
        }
    }

    /// The coalition stage a kind of commitment shows.
    pub fn of_commitment(kind: CommitmentKind) -> CoalitionStage {
        match kind {
            CommitmentKind::NetZeroTarget
            | CommitmentKind::InterimTarget
            | CommitmentKind::ProcurementPledge
            | CommitmentKind::Policy => CoalitionStage::CommittingToAction,
            CommitmentKind::OfftakeAgreement
            | CommitmentKind::Financing
            | CommitmentKind::Project
            | CommitmentKind::ResearchDevelopment => CoalitionStage::SupportingImplementation,
        }
    }
}

/// Who has reached each coalition stage, per category.
#[derive(Clone, Debug, PartialEq)]
pub struct WhiteSpaces {
    /// `cells[category][stage]`: the stakeholders there, in workspace order.
    pub cells: Vec<Vec<Vec<StakeholderId>>>,
    /// Stakeholders in each category.
    pub totals: Vec<usize>,
}

impl WhiteSpaces {
    pub fn cell(&self, category: Category, stage: CoalitionStage) -> &[StakeholderId] {
        &self.cells[category as usize][stage as usize]
    }

    /// The share of the category in the cell, 0 to 100 %.
    pub fn percent(&self, category: Category, stage: CoalitionStage) -> f64 {
        let total = self.totals[category as usize];
        if total == 0 {
            0.0
        } else {
            100.0 * self.cell(category, stage).len() as f64 / total as f64
        }
    }
}

/// The matrix as of `date`.
pub fn white_spaces(ws: &Workspace, date: NaiveDate) -> WhiteSpaces {
    let mut furthest: std::collections::HashMap<StakeholderId, CoalitionStage> = Default::default();
    let mut reach = |id: StakeholderId, stage: CoalitionStage| {
        let entry = furthest.entry(id).or_insert(stage);
        *entry = (*entry).max(stage);
    };
    for s in &ws.stakeholders {
        if let Some(stage) = CoalitionStage::of_engagement(s.stage_on(date)) {
            reach(s.id, stage);
        }
    }
    for c in &ws.commitments {
        let counts = c.status_on(date).is_some_and(|status| {
            status.is_active() || status == crate::model::CommitmentStatus::Achieved
        });
        if counts {
            reach(c.stakeholder, CoalitionStage::of_commitment(c.kind));
        }
    }
    let mut cells = vec![vec![Vec::new(); CoalitionStage::ALL.len()]; Category::ALL.len()];
    let mut totals = vec![0; Category::ALL.len()];
    for s in &ws.stakeholders {
        totals[s.category as usize] += 1;
        if let Some(top) = furthest.get(&s.id) {
            for stage in CoalitionStage::ALL.iter().filter(|st| **st <= *top) {
                cells[s.category as usize][*stage as usize].push(s.id);
            }
        }
    }
    WhiteSpaces { cells, totals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Commitment, CommitmentStatus, Sector, Stakeholder};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn stakeholders_fill_every_stage_they_reached() {
        let mut ws = Workspace::new("W", Sector::Cement);
        let mut builder = Stakeholder::new("Builder", Category::Buyer);
        builder.set_stage(EngagementStage::Roadmap, day(2021, 1, 1));
        let mut kiln = Stakeholder::new("Kiln", Category::Industry);
        kiln.set_stage(EngagementStage::SharedVision, day(2021, 1, 1));
        let quiet = Stakeholder::new("Quiet bank", Category::Bank);
        let lender = Stakeholder::new("Lender", Category::Bank);
        // The kiln's CCS project lifts it to implementation; the lender's
        // financing was withdrawn, so it counts nowhere.
        ws.commitments.push(Commitment::new(
            kiln.id,
            CommitmentKind::Project,
            "CCS",
            day(2022, 1, 1),
        ));
        let mut loan = Commitment::new(
            lender.id,
            CommitmentKind::Financing,
            "Loan",
            day(2022, 1, 1),
        );
        loan.set_status(CommitmentStatus::Withdrawn, day(2023, 1, 1));
        ws.commitments.push(loan);
        ws.stakeholders
            .extend([builder.clone(), kiln.clone(), quiet, lender.clone()]);

        let matrix = white_spaces(&ws, day(2024, 1, 1));
        assert_eq!(
            matrix.cell(Category::Buyer, CoalitionStage::SharedVision),
            &[builder.id]
        );
        assert_eq!(
            matrix.cell(Category::Buyer, CoalitionStage::RoadmapsAndMetrics),
            &[builder.id]
        );
        assert!(
            matrix
                .cell(Category::Buyer, CoalitionStage::CommittingToAction)
                .is_empty()
        );
        for stage in CoalitionStage::ALL {
            assert_eq!(
                matrix.cell(Category::Industry, stage),
                &[kiln.id],
                "{stage:?}"
            );
        }
        assert!(
            matrix
                .cell(Category::Bank, CoalitionStage::SupportingImplementation)
                .is_empty()
        );
        assert_eq!(
            matrix.percent(Category::Bank, CoalitionStage::SharedVision),
            0.0
        );
        assert_eq!(matrix.totals[Category::Bank as usize], 2);

        // Before the withdrawal, the lender was supporting implementation.
        let earlier = white_spaces(&ws, day(2022, 6, 1));
        assert_eq!(
            earlier.cell(Category::Bank, CoalitionStage::SupportingImplementation),
            &[lender.id]
        );
        assert_eq!(
            earlier.percent(Category::Bank, CoalitionStage::SupportingImplementation),
            50.0
        );
    }

    #[test]
    fn the_demo_has_a_real_white_space() {
        let ws = crate::assets::demo().expect("the demo loads");
        let matrix = white_spaces(&ws, day(2026, 11, 22));
        // Governments have set policy, but none supports implementation yet.
        assert!(
            matrix
                .cell(
                    Category::Government,
                    CoalitionStage::SupportingImplementation
                )
                .is_empty()
        );
        assert!(
            !matrix
                .cell(Category::Government, CoalitionStage::CommittingToAction)
                .is_empty()
        );
        // Investors who have not moved at all are part of the picture.
        let investors = matrix.totals[Category::Investor as usize];
        let moved = matrix
            .cell(Category::Investor, CoalitionStage::SharedVision)
            .len();
        assert!(moved < investors, "{moved} of {investors}");
    }
}
