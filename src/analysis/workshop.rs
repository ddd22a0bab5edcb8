//! What happened at a workshop: the commitments captured during it (their
//! source names it) and the stakeholders whose stage changed on its date.

use crate::model::{CommitmentId, EngagementStage, StakeholderId, WorkshopId, Workspace};

/// A workshop's outcome, for the summary shown when it ends.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkshopSummary {
    /// Captured during it, in file order.
    pub captured: Vec<CommitmentId>,
    /// Who moved stage on its date: from, to (the stage before that day,
    /// and at its end).
    pub moved: Vec<(StakeholderId, EngagementStage, EngagementStage)>,
}

/// The outcome of workshop `id`, if the workspace has it.
pub fn workshop_summary(ws: &Workspace, id: WorkshopId) -> Option<WorkshopSummary> {
    let workshop = ws.workshops.iter().find(|w| w.id == id)?;
    let source = workshop.source_label();
    let captured = ws
        .commitments
        .iter()
        .filter(|c| c.source == source)
        .map(|c| c.id)
        .collect();
    let day = workshop.date;
    let moved = ws
        .stakeholders
        .iter()
        .filter(|s| s.stage_history.iter().any(|c| c.date == day))
        .filter_map(|s| {
            let before = day
                .pred_opt()
                .map_or(EngagementStage::NotEngaged, |d| s.stage_on(d));
            let after = s.stage_on(day);
            (before != after).then_some((s.id, before, after))
        })
        .collect();
    Some(WorkshopSummary { captured, moved })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Category, Commitment, CommitmentKind, Sector, StageChange, Stakeholder, Workshop,
    };
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn captured_commitments_and_stage_moves_of_the_day_are_counted() {
        let mut ws = Workspace::new("T", Sector::Aviation);
        let workshop = Workshop {
            id: WorkshopId::new_random(),
            date: day(23),
            title: "Offtake round, Rotterdam".into(),
            attendees: Vec::new(),
            notes: String::new(),
        };
        let mut airline = Stakeholder::new("Airline", Category::Buyer);
        airline.stage_history = vec![
            StageChange {
                date: day(1),
                stage: EngagementStage::SharedVision,
            },
            StageChange {
                date: day(23),
                stage: EngagementStage::Committed,
            },
        ];
        let mut fuel = Stakeholder::new("Fuel maker", Category::Supplier);
        fuel.stage_history = vec![StageChange {
            date: day(2),
            stage: EngagementStage::Roadmap,
        }];
        let mut captured = Commitment::new(
            airline.id,
            CommitmentKind::OfftakeAgreement,
            "SAF offtake",
            day(23),
        );
        captured.source = workshop.source_label();
        let elsewhere = Commitment::new(fuel.id, CommitmentKind::Project, "Plant", day(23));
        ws.commitments = vec![elsewhere, captured.clone()];
        ws.stakeholders = vec![airline.clone(), fuel];
        ws.workshops.push(workshop.clone());

        let summary = workshop_summary(&ws, workshop.id).unwrap();
        assert_eq!(summary.captured, vec![captured.id]);
        assert_eq!(
            summary.moved,
            vec![(
                airline.id,
                EngagementStage::SharedVision,
                EngagementStage::Committed
            )]
        );
        assert_eq!(workshop_summary(&ws, WorkshopId::new_random()), None);
    }
}
