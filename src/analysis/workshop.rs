//! What happened at a workshop: the commitments captured during it and the
//! stakeholders whose stage changed during it. Both are linked to it (format
//! 5 on); before that, a captured commitment's source named it and a stage
//! change was on its date, and those still count.

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
        .filter(|c| c.workshop.map_or(c.source == source, |w| w == id))
        .map(|c| c.id)
        .collect();
    let day = workshop.date;
    let moved = ws
        .stakeholders
        .iter()
        .filter(|s| {
            s.stage_history
                .iter()
                .any(|c| c.workshop.map_or(c.date == day, |w| w == id))
        })
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
            StageChange::new(day(1), EngagementStage::SharedVision),
            StageChange::new(day(23), EngagementStage::Committed),
        ];
        let mut fuel = Stakeholder::new("Fuel maker", Category::Supplier);
        fuel.stage_history = vec![StageChange::new(day(2), EngagementStage::Roadmap)];
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

    #[test]
    fn what_is_linked_to_a_workshop_counts_for_it_whatever_its_source_or_day() {
        let mut ws = Workspace::new("T", Sector::Aviation);
        let workshop = |title: &str| Workshop {
            id: WorkshopId::new_random(),
            date: day(23),
            title: title.into(),
            attendees: Vec::new(),
            notes: String::new(),
        };
        // Two workshops on one day: the morning's and the afternoon's.
        let (morning, afternoon) = (workshop("Buyers"), workshop("Banks"));
        let mut bank = Stakeholder::new("Bank", Category::Bank);
        bank.stage_history = vec![StageChange {
            workshop: Some(afternoon.id),
            ..StageChange::new(day(23), EngagementStage::Committed)
        }];
        let mut pledge = Commitment::new(bank.id, CommitmentKind::Financing, "Loan", day(23));
        pledge.source = "typed over later".into();
        pledge.workshop = Some(afternoon.id);
        ws.commitments = vec![pledge.clone()];
        ws.stakeholders = vec![bank.clone()];
        ws.workshops = vec![morning.clone(), afternoon.clone()];

        let summary = workshop_summary(&ws, afternoon.id).unwrap();
        assert_eq!(summary.captured, vec![pledge.id]);
        assert_eq!(summary.moved.len(), 1);
        assert_eq!(
            workshop_summary(&ws, morning.id).unwrap(),
            WorkshopSummary::default()
        );
    }
}
