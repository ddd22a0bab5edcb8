//! The rules a stage or status history keeps, as readable messages that name
//! the entry in the way. The same rules guard loading a file (without a
//! "today") and editing a history in the inspector (with one, so nothing is
//! dated in the future).

use chrono::NaiveDate;

use super::commitment::StatusChange;
use super::stakeholder::StageChange;

/// One dated entry of a history, as it reads in a message.
fn entry(what: &str, value: impl std::fmt::Display, date: NaiveDate) -> String {
    format!("the {what} “{value}” of {date}")
}

/// Dates in order (the same day twice is allowed) and, when `today` is
/// given, none after it.
fn check_dates<T: std::fmt::Display>(
    what: &str,
    entries: &[(NaiveDate, T)],
    today: Option<NaiveDate>,
) -> Result<(), String> {
    for pair in entries.windows(2) {
        let [(before_date, before), (date, value)] = pair else {
            continue;
        };
        if date < before_date {
            return Err(format!(
                "{} is dated before {}, which comes first: keep the dates in order",
                entry(what, value, *date),
                entry(what, before, *before_date),
            ));
        }
    }
    if let Some(today) = today
        && let Some((date, value)) = entries.iter().find(|(date, _)| *date > today)
    {
        return Err(format!(
            "{} is in the future (today is {today})",
            entry(what, value, *date)
        ));
    }
    Ok(())
}

/// A stakeholder's stage history: oldest first, dates in order, and none
/// after `today` when it is given.
pub fn check_stage_history(
    history: &[StageChange],
    today: Option<NaiveDate>,
) -> Result<(), String> {
    let entries: Vec<_> = history.iter().map(|c| (c.date, c.stage)).collect();
    check_dates("stage", &entries, today)
}

/// A commitment's status history: at least one status, none before the
/// day the commitment was made, dates in order, and none after `today`
/// when it is given.
pub fn check_status_history(
    history: &[StatusChange],
    made_on: NaiveDate,
    today: Option<NaiveDate>,
) -> Result<(), String> {
    if history.is_empty() {
        return Err("a commitment needs at least one status".into());
    }
    if let Some(early) = history.iter().find(|c| c.date < made_on) {
        return Err(format!(
            "{} is before the date made {made_on}",
            entry("status", early.status, early.date)
        ));
    }
    let entries: Vec<_> = history.iter().map(|c| (c.date, c.status)).collect();
    check_dates("status", &entries, today)
}

/// The status history after the date made moves from `old` to `new`: a
/// first status dated on the old date made moves with it. Refused, naming
/// the entry, when a status would then be before the new date made.
pub fn move_date_made(
    history: &[StatusChange],
    old: NaiveDate,
    new: NaiveDate,
) -> Result<Vec<StatusChange>, String> {
    let mut moved = history.to_vec();
    if let Some(first) = moved.first_mut()
        && first.date == old
    {
        first.date = new;
    }
    if let Some(early) = moved.iter().find(|c| c.date < new) {
        return Err(format!(
            "{} is before the new date made {new}",
            entry("status", early.status, early.date)
        ));
    }
    Ok(moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CommitmentStatus, EngagementStage};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn stage(date: NaiveDate, stage: EngagementStage) -> StageChange {
        StageChange::new(date, stage)
    }

    fn status(date: NaiveDate, status: CommitmentStatus) -> StatusChange {
        StatusChange { date, status }
    }

    #[test]
    fn stage_histories_in_order_and_not_in_the_future_pass() {
        let history = [
            stage(day(2021, 1, 5), EngagementStage::SharedVision),
            stage(day(2021, 1, 5), EngagementStage::Roadmap),
            stage(day(2024, 2, 2), EngagementStage::Committed),
        ];
        assert_eq!(check_stage_history(&history, Some(day(2024, 2, 2))), Ok(()));
        assert_eq!(check_stage_history(&[], Some(day(2024, 2, 2))), Ok(()));
    }

    #[test]
    fn a_stage_out_of_order_is_named() {
        let history = [
            stage(day(2023, 6, 1), EngagementStage::SharedVision),
            stage(day(2022, 1, 1), EngagementStage::Committed),
        ];
        assert_eq!(
            check_stage_history(&history, None),
            Err(
                "the stage “Committed” of 2022-01-01 is dated before the stage \
                 “Shared vision” of 2023-06-01, which comes first: keep the dates in order"
                    .into()
            )
        );
    }

    #[test]
    fn a_stage_in_the_future_is_named_only_when_today_is_known() {
        let history = [stage(day(2027, 1, 1), EngagementStage::Roadmap)];
        assert_eq!(
            check_stage_history(&history, Some(day(2026, 11, 22))),
            Err("the stage “Roadmap” of 2027-01-01 is in the future (today is 2026-11-22)".into())
        );
        assert_eq!(check_stage_history(&history, None), Ok(()));
    }

    #[test]
    fn a_status_before_the_date_made_is_named() {
        let history = [
            status(day(2024, 3, 1), CommitmentStatus::Announced),
            status(day(2024, 1, 10), CommitmentStatus::InProgress),
        ];
        assert_eq!(
            check_status_history(&history, day(2024, 3, 1), None),
            Err("the status “In progress” of 2024-01-10 is before the date made 2024-03-01".into())
        );
    }

    #[test]
    fn status_rules_order_future_and_empty() {
        let made = day(2024, 1, 1);
        let unordered = [
            status(day(2024, 5, 1), CommitmentStatus::Announced),
            status(day(2024, 4, 1), CommitmentStatus::AtRisk),
        ];
        let err = check_status_history(&unordered, made, None).unwrap_err();
        assert!(err.starts_with("the status “At risk” of 2024-04-01 is dated before"));
        let future = [status(day(2025, 1, 1), CommitmentStatus::Announced)];
        assert_eq!(
            check_status_history(&future, made, Some(day(2024, 12, 31))),
            Err(
                "the status “Announced” of 2025-01-01 is in the future (today is 2024-12-31)"
                    .into()
            )
        );
        assert_eq!(
            check_status_history(&[], made, None),
            Err("a commitment needs at least one status".into())
        );
        assert_eq!(check_status_history(&future, made, None), Ok(()));
    }

    #[test]
    fn the_first_status_moves_with_the_date_made_unless_another_is_in_the_way() {
        let history = [
            status(day(2024, 1, 1), CommitmentStatus::Announced),
            status(day(2024, 1, 10), CommitmentStatus::InProgress),
        ];
        let moved = move_date_made(&history, day(2024, 1, 1), day(2024, 1, 5)).unwrap();
        assert_eq!(moved[0].date, day(2024, 1, 5));
        assert_eq!(moved[1].date, day(2024, 1, 10));
        assert_eq!(
            move_date_made(&history, day(2024, 1, 1), day(2024, 3, 1)),
            Err(
                "the status “In progress” of 2024-01-10 is before the new date made 2024-03-01"
                    .into()
            )
        );
    }
}
