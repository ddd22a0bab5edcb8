//! Edits of the dated histories: a stakeholder's stages, a commitment's
//! statuses, and the date made that the first status hangs on.

use super::{EditError, Transaction};
use crate::model::{
    Commitment, CommitmentId, StageChange, Stakeholder, StakeholderId, StatusChange,
    ValidationError, move_date_made,
};

impl Transaction<'_> {
    /// Replaces a stakeholder's stage history; a history that breaks the
    /// rules is refused.
    pub(super) fn set_stage_history(
        &mut self,
        id: StakeholderId,
        history: Vec<StageChange>,
    ) -> Result<(), EditError> {
        self.change_stakeholder(id, |s: &mut Stakeholder| s.stage_history = history)
    }

    /// Replaces a commitment's status history; a history that breaks the
    /// rules is refused.
    pub(super) fn set_status_history(
        &mut self,
        id: CommitmentId,
        history: Vec<StatusChange>,
    ) -> Result<(), EditError> {
        let mut c: Commitment = self.existing(id)?;
        c.status_history = history;
        self.check_commitment(&c)?;
        self.put(id, Some(c));
        Ok(())
    }

    /// Replaces a commitment's own fields; its status history stays, except
    /// that a first status dated on the old date made moves to the new one.
    /// A status that would then be before the date made refuses the edit.
    pub(super) fn update_commitment(&mut self, mut c: Commitment) -> Result<(), EditError> {
        let current: Commitment = self.existing(c.id)?;
        c.status_history = current.status_history;
        if c.made_on != current.made_on {
            c.status_history = move_date_made(&c.status_history, current.made_on, c.made_on)
                .map_err(|message| ValidationError {
                    record: c.record_ref(),
                    message,
                })?;
        }
        self.check_commitment(&c)?;
        self.put(c.id, Some(c));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::edit::{Document, Edit, EditError};
    use crate::model::{
        Category, Commitment, CommitmentKind, CommitmentStatus, EngagementStage, Sector,
        StageChange, Stakeholder, StatusChange, Workspace,
    };

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A buyer at "Shared vision" since 2021-01-05 and "Committed" since
    /// 2023-06-01, with a pledge made 2024-01-01 and in progress since
    /// 2024-02-01.
    fn doc() -> (Document, Stakeholder, Commitment) {
        let mut ws = Workspace::new("Test", Sector::IronSteel);
        let mut s = Stakeholder::new("Buyer", Category::Buyer);
        s.set_stage(EngagementStage::SharedVision, day(2021, 1, 5));
        s.set_stage(EngagementStage::Committed, day(2023, 6, 1));
        let mut c = Commitment::new(
            s.id,
            CommitmentKind::ProcurementPledge,
            "Pledge",
            day(2024, 1, 1),
        );
        c.set_status(CommitmentStatus::InProgress, day(2024, 2, 1));
        ws.stakeholders.push(s.clone());
        ws.commitments.push(c.clone());
        (Document::new(ws), s, c)
    }

    fn message(err: EditError) -> String {
        match err {
            EditError::Invalid(v) => v.message,
            other => other.to_string(),
        }
    }

    #[test]
    fn a_stage_history_is_replaced_in_one_undo_step() {
        let (mut doc, s, _) = doc();
        let before = doc.workspace().clone();
        let history = vec![
            StageChange::new(day(2020, 3, 1), EngagementStage::SharedVision),
            StageChange::new(day(2022, 9, 9), EngagementStage::Roadmap),
        ];
        let edit = Edit::SetStageHistory {
            id: s.id,
            history: history.clone(),
        };
        assert_eq!(edit.label(), "Edit stage history");
        doc.apply(edit, None).unwrap();
        let now = doc.workspace().stakeholder(s.id).unwrap();
        assert_eq!(now.stage_history, history);
        assert_eq!(now.stage(), EngagementStage::Roadmap);
        assert!(doc.undo());
        assert_eq!(doc.workspace(), &before);
        assert!(!doc.undo(), "one step only");
    }

    #[test]
    fn a_stage_history_out_of_order_is_refused_and_changes_nothing() {
        let (mut doc, s, _) = doc();
        let before = doc.workspace().clone();
        let mut history = s.stage_history.clone();
        history[1].date = day(2020, 1, 1);
        let err = doc
            .apply(Edit::SetStageHistory { id: s.id, history }, None)
            .unwrap_err();
        assert_eq!(
            message(err),
            "the stage “Committed” of 2020-01-01 is dated before the stage \
             “Shared vision” of 2021-01-05, which comes first: keep the dates in order"
        );
        assert_eq!(doc.workspace(), &before);
        assert!(!doc.is_dirty());
    }

    #[test]
    fn a_status_history_is_replaced_in_one_undo_step() {
        let (mut doc, _, c) = doc();
        let before = doc.workspace().clone();
        let mut history = c.status_history.clone();
        history[1].date = day(2024, 1, 15);
        history.push(StatusChange {
            date: day(2024, 5, 1),
            status: CommitmentStatus::Achieved,
        });
        let edit = Edit::SetStatusHistory {
            id: c.id,
            history: history.clone(),
        };
        assert_eq!(edit.label(), "Edit status history");
        doc.apply(edit, None).unwrap();
        assert_eq!(
            doc.workspace().commitment(c.id).unwrap().status_history,
            history
        );
        assert!(doc.undo());
        assert_eq!(doc.workspace(), &before);
        assert!(!doc.undo(), "one step only");
    }

    #[test]
    fn broken_status_histories_are_refused_and_change_nothing() {
        let (mut doc, _, c) = doc();
        let before = doc.workspace().clone();
        let mut early = c.status_history.clone();
        early[0].date = day(2023, 12, 31);
        let mut unordered = c.status_history.clone();
        unordered[1].date = day(2024, 1, 1);
        unordered[0].date = day(2024, 1, 2);
        for (history, expected) in [
            (
                early,
                "the status “Announced” of 2023-12-31 is before the date made 2024-01-01",
            ),
            (
                unordered,
                "the status “In progress” of 2024-01-01 is dated before the status \
                 “Announced” of 2024-01-02, which comes first: keep the dates in order",
            ),
            (Vec::new(), "a commitment needs at least one status"),
        ] {
            let err = doc
                .apply(Edit::SetStatusHistory { id: c.id, history }, None)
                .unwrap_err();
            assert_eq!(message(err), expected);
            assert_eq!(doc.workspace(), &before);
            assert!(!doc.is_dirty());
        }
    }

    #[test]
    fn the_first_status_moves_with_the_date_made() {
        let (mut doc, _, c) = doc();
        let before = doc.workspace().clone();
        let mut moved = c.clone();
        moved.made_on = day(2023, 11, 20);
        doc.apply(Edit::UpdateCommitment(moved), None).unwrap();
        let now = doc.workspace().commitment(c.id).unwrap();
        assert_eq!(now.made_on, day(2023, 11, 20));
        assert_eq!(now.status_history[0].date, day(2023, 11, 20));
        assert_eq!(now.status_history[1].date, day(2024, 2, 1));
        assert!(doc.undo());
        assert_eq!(doc.workspace(), &before);
        assert!(!doc.undo(), "one step only");
    }

    #[test]
    fn a_later_date_made_with_a_status_in_the_way_is_refused() {
        let (mut doc, _, c) = doc();
        let before = doc.workspace().clone();
        let mut later = c.clone();
        later.made_on = day(2024, 3, 1);
        let err = doc.apply(Edit::UpdateCommitment(later), None).unwrap_err();
        assert_eq!(
            message(err),
            "the status “In progress” of 2024-02-01 is before the new date made 2024-03-01"
        );
        assert_eq!(doc.workspace(), &before);
        assert!(!doc.is_dirty());
    }

    #[test]
    fn a_first_status_not_on_the_date_made_stays_unless_it_is_in_the_way() {
        let (mut doc, _, c) = doc();
        let mut history = c.status_history.clone();
        history[0].date = day(2024, 1, 10);
        doc.apply(Edit::SetStatusHistory { id: c.id, history }, None)
            .unwrap();
        // Earlier: the first status keeps its own date.
        let mut earlier = doc.workspace().commitment(c.id).unwrap().clone();
        earlier.made_on = day(2023, 12, 1);
        doc.apply(Edit::UpdateCommitment(earlier.clone()), None)
            .unwrap();
        let now = doc.workspace().commitment(c.id).unwrap();
        assert_eq!(now.status_history[0].date, day(2024, 1, 10));
        // Later than it: refused, naming it.
        let before = doc.workspace().clone();
        let mut later = earlier;
        later.made_on = day(2024, 1, 20);
        let err = doc.apply(Edit::UpdateCommitment(later), None).unwrap_err();
        assert_eq!(
            message(err),
            "the status “Announced” of 2024-01-10 is before the new date made 2024-01-20"
        );
        assert_eq!(doc.workspace(), &before);
    }
}
