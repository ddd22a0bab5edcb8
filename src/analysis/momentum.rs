//! The numbers behind the momentum charts. Definitions, as the Help menu
//! and the README give them:
//!
//! - A commitment is **active** on a date when its status on that date is
//!   announced, in progress or at risk. **Achieved** counts as delivered,
//!   not active. **Withdrawn** counts as withdrawn from the date of its
//!   withdrawal on. Before the day it was made, a commitment does not count.
//! - A stakeholder's **stage** on a date is the last stage it reached on or
//!   before that date.
//!
//! "Today" is always an argument, never read from the clock.

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{Category, CommitmentKind, CommitmentStatus, EngagementStage, Workspace};

/// The dates a chart samples: the first of every month from `start` to
/// `end`, and `end` itself.
pub fn monthly_dates(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let Some(mut d) = NaiveDate::from_ymd_opt(start.year(), start.month(), 1) else {
        return dates;
    };
    if d < start {
        d = d + Months::new(1);
    }
    if start <= end {
        dates.push(start);
    }
    while d <= end {
        if d != start {
            dates.push(d);
        }
        d = d + Months::new(1);
    }
    if dates.last().is_some_and(|last| *last != end) && start <= end {
        dates.push(end);
    }
    dates
}

/// What the stacked chart of active commitments groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Category,
    Kind,
}

/// One value per sample date for each group, in the groups' display order.
#[derive(Clone, Debug, PartialEq)]
pub struct Stacked {
    pub dates: Vec<NaiveDate>,
    pub groups: Vec<(String, Vec<f64>)>,
}

/// The half-open spans `[from, until)` during which a status history is in
/// `wanted`; `until` is `None` for a span still open.
fn spans<T: Copy>(
    history: impl Iterator<Item = (NaiveDate, T)>,
    wanted: impl Fn(T) -> bool,
) -> Vec<(NaiveDate, Option<NaiveDate>)> {
    let mut out = Vec::new();
    let mut open: Option<NaiveDate> = None;
    for (date, value) in history {
        match (open, wanted(value)) {
            (None, true) => open = Some(date),
            (Some(from), false) => {
                out.push((from, Some(date)));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(from) = open {
        out.push((from, None));
    }
    out
}

/// Adds 1 to `counts[i]` for every sample date `dates[i]` inside each span,
/// with a difference array: linear in dates plus spans.
fn add_spans(
    counts: &mut [f64],
    dates: &[NaiveDate],
    spans: &[(NaiveDate, Option<NaiveDate>)],
    diff: &mut Vec<f64>,
) {
    diff.clear();
    diff.resize(dates.len() + 1, 0.0);
    for &(from, until) in spans {
        let first = dates.partition_point(|d| *d < from);
        let last = until.map_or(dates.len(), |u| dates.partition_point(|d| *d < u));
        if first < last {
            diff[first] += 1.0;
            diff[last] -= 1.0;
        }
    }
    let mut running = 0.0;
    for (count, delta) in counts.iter_mut().zip(diff.iter()) {
        running += delta;
        *count += running;
    }
}

/// Active commitments on each sample date, stacked by stakeholder category
/// or by commitment kind.
pub fn active_commitments(ws: &Workspace, dates: &[NaiveDate], grouping: Grouping) -> Stacked {
    let labels: Vec<String> = match grouping {
        Grouping::Category => Category::ALL
            .iter()
            .map(|c| c.label().to_string())
            .collect(),
        Grouping::Kind => CommitmentKind::ALL
            .iter()
            .map(|k| k.label().to_string())
            .collect(),
    };
    let mut values = vec![vec![0.0; dates.len()]; labels.len()];
    let category_of: std::collections::HashMap<_, _> =
        ws.stakeholders.iter().map(|s| (s.id, s.category)).collect();
    let mut grouped: Vec<Vec<(NaiveDate, Option<NaiveDate>)>> = vec![Vec::new(); labels.len()];
    for c in &ws.commitments {
        let group = match grouping {
            Grouping::Category => match category_of.get(&c.stakeholder) {
                Some(category) => *category as usize,
                None => continue,
            },
            Grouping::Kind => c.kind as usize,
        };
        grouped[group].extend(spans(
            c.status_history.iter().map(|s| (s.date, s.status)),
            CommitmentStatus::is_active,
        ));
    }
    let mut diff = Vec::new();
    for (counts, group_spans) in values.iter_mut().zip(&grouped) {
        add_spans(counts, dates, group_spans, &mut diff);
    }
    Stacked {
        dates: dates.to_vec(),
        groups: labels.into_iter().zip(values).collect(),
    }
}

/// The first day of the quarter `date` falls in.
pub fn quarter_start(date: NaiveDate) -> NaiveDate {
    let month = (date.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
}

/// Commitments made in each quarter from `start` to `end`, as (first day of
/// the quarter, count), every quarter listed even when empty.
pub fn new_per_quarter(
    ws: &Workspace,
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<(NaiveDate, usize)> {
    let mut quarters = Vec::new();
    let mut q = quarter_start(start);
    while q <= end {
        quarters.push((q, 0));
        q = q + Months::new(3);
    }
    for c in &ws.commitments {
        if c.made_on < start || c.made_on > end {
            continue;
        }
        let q = quarter_start(c.made_on);
        if let Ok(i) = quarters.binary_search_by_key(&q, |(d, _)| *d) {
            quarters[i].1 += 1;
        }
    }
    quarters
}

/// Stakeholders at each engagement stage on each sample date (every stage,
/// not engaged included, in ladder order).
pub fn stages_over_time(ws: &Workspace, dates: &[NaiveDate]) -> Stacked {
    let mut values = vec![vec![0.0; dates.len()]; EngagementStage::ALL.len()];
    let mut grouped: Vec<Vec<(NaiveDate, Option<NaiveDate>)>> =
        vec![Vec::new(); EngagementStage::ALL.len()];
    let beginning = NaiveDate::MIN;
    for s in &ws.stakeholders {
        // Not engaged from the beginning of time until the first change.
        let history = std::iter::once((beginning, EngagementStage::NotEngaged))
            .chain(s.stage_history.iter().map(|c| (c.date, c.stage)));
        let changes: Vec<(NaiveDate, EngagementStage)> = history.collect();
        for stage in EngagementStage::ALL {
            grouped[*stage as usize].extend(spans(changes.iter().copied(), |st| st == *stage));
        }
    }
    let mut diff = Vec::new();
    for (counts, group_spans) in values.iter_mut().zip(&grouped) {
        add_spans(counts, dates, group_spans, &mut diff);
    }
    Stacked {
        dates: dates.to_vec(),
        groups: EngagementStage::ALL
            .iter()
            .map(|s| s.label().to_string())
            .zip(values)
            .collect(),
    }
}

/// How much of a category has moved: stakeholders with at least one active
/// commitment on the date.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Coverage {
    pub category: Category,
    pub stakeholders: usize,
    pub with_active: usize,
}

impl Coverage {
    /// The share, 0 to 100 %; 0 for an empty category.
    pub fn percent(&self) -> f64 {
        if self.stakeholders == 0 {
            0.0
        } else {
            100.0 * self.with_active as f64 / self.stakeholders as f64
        }
    }
}

/// Coverage of every category on `date`.
pub fn coverage(ws: &Workspace, date: NaiveDate) -> Vec<Coverage> {
    let mut active_owners = std::collections::HashSet::new();
    for c in &ws.commitments {
        if c.status_on(date).is_some_and(CommitmentStatus::is_active) {
            active_owners.insert(c.stakeholder);
        }
    }
    Category::ALL
        .iter()
        .map(|category| {
            let members = ws.stakeholders.iter().filter(|s| s.category == *category);
            let (stakeholders, with_active) = members.fold((0, 0), |(n, a), s| {
                (n + 1, a + usize::from(active_owners.contains(&s.id)))
            });
            Coverage {
                category: *category,
                stakeholders,
                with_active,
            }
        })
        .collect()
}

/// Every series of the momentum tab, computed together.
#[derive(Clone, Debug, PartialEq)]
pub struct Momentum {
    pub by_category: Stacked,
    pub by_kind: Stacked,
    pub per_quarter: Vec<(NaiveDate, usize)>,
    pub stages: Stacked,
    pub coverage: Vec<Coverage>,
}

/// All momentum series over `start..=end`, coverage as of `today`.
pub fn momentum(ws: &Workspace, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Momentum {
    let dates = monthly_dates(start, end);
    Momentum {
        by_category: active_commitments(ws, &dates, Grouping::Category),
        by_kind: active_commitments(ws, &dates, Grouping::Kind),
        per_quarter: new_per_quarter(ws, start, end),
        stages: stages_over_time(ws, &dates),
        coverage: coverage(ws, today.min(end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Commitment, Sector, Stakeholder};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Two buyers and a bank. Buyer A pledges in 2021 and the pledge is
    /// upgraded to in progress in 2022 and achieved in 2024; buyer B pledges
    /// in 2022 and withdraws in 2023; the bank finances in 2023.
    fn known() -> Workspace {
        let mut ws = Workspace::new("Known", Sector::IronSteel);
        let mut a = Stakeholder::new("A", Category::Buyer);
        a.set_stage(EngagementStage::SharedVision, day(2020, 6, 1));
        a.set_stage(EngagementStage::Committed, day(2021, 3, 10));
        let b = Stakeholder::new("B", Category::Buyer);
        let bank = Stakeholder::new("Bank", Category::Bank);
        let mut pledge = Commitment::new(
            a.id,
            CommitmentKind::ProcurementPledge,
            "A pledge",
            day(2021, 3, 10),
        );
        pledge.set_status(CommitmentStatus::InProgress, day(2022, 1, 15));
        pledge.set_status(CommitmentStatus::Achieved, day(2024, 2, 1));
        let mut withdrawn = Commitment::new(
            b.id,
            CommitmentKind::ProcurementPledge,
            "B pledge",
            day(2022, 5, 5),
        );
        withdrawn.set_status(CommitmentStatus::Withdrawn, day(2023, 7, 1));
        let loan = Commitment::new(bank.id, CommitmentKind::Financing, "Loan", day(2023, 2, 20));
        ws.commitments.extend([pledge, withdrawn, loan]);
        ws.stakeholders.extend([a, b, bank]);
        ws
    }

    fn series<'a>(stacked: &'a Stacked, label: &str) -> &'a [f64] {
        &stacked.groups.iter().find(|(l, _)| l == label).unwrap().1
    }

    #[test]
    fn monthly_dates_include_both_ends() {
        let dates = monthly_dates(day(2021, 1, 15), day(2021, 4, 10));
        assert_eq!(
            dates,
            vec![
                day(2021, 1, 15),
                day(2021, 2, 1),
                day(2021, 3, 1),
                day(2021, 4, 1),
                day(2021, 4, 10)
            ]
        );
    }

    #[test]
    fn active_counts_follow_upgrades_and_withdrawals() {
        let ws = known();
        let dates = [
            day(2021, 1, 1),
            day(2021, 6, 1),
            day(2022, 6, 1),
            day(2023, 6, 1),
            day(2023, 8, 1),
            day(2024, 6, 1),
        ];
        let by_category = active_commitments(&ws, &dates, Grouping::Category);
        // A's pledge active 2021-03 .. 2024-02 (in progress still active);
        // B's active 2022-05 .. 2023-07; the bank's from 2023-02.
        assert_eq!(
            series(&by_category, "Buyer"),
            &[0.0, 1.0, 2.0, 2.0, 1.0, 0.0]
        );
        assert_eq!(
            series(&by_category, "Bank"),
            &[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
        );
        let by_kind = active_commitments(&ws, &dates, Grouping::Kind);
        assert_eq!(
            series(&by_kind, "Procurement pledge"),
            &[0.0, 1.0, 2.0, 2.0, 1.0, 0.0]
        );
        assert_eq!(
            series(&by_kind, "Financing"),
            &[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
        );
    }

    #[test]
    fn a_commitment_active_again_after_being_achieved_counts_again() {
        let mut ws = known();
        ws.commitments[0].set_status(CommitmentStatus::AtRisk, day(2025, 1, 1));
        let dates = [day(2024, 6, 1), day(2025, 6, 1)];
        let stacked = active_commitments(&ws, &dates, Grouping::Kind);
        assert_eq!(series(&stacked, "Procurement pledge"), &[0.0, 1.0]);
    }

    #[test]
    fn new_commitments_are_counted_per_quarter() {
        let ws = known();
        let quarters = new_per_quarter(&ws, day(2021, 1, 1), day(2023, 12, 31));
        assert_eq!(quarters.len(), 12);
        assert_eq!(quarters[0], (day(2021, 1, 1), 1), "2021-03-10 is in Q1");
        assert_eq!(
            quarters[5],
            (day(2022, 4, 1), 1),
            "2022-05-05 is in Q2 2022"
        );
        assert_eq!(quarters[8], (day(2023, 1, 1), 1));
        assert_eq!(quarters.iter().map(|q| q.1).sum::<usize>(), 3);
    }

    #[test]
    fn stages_are_counted_on_each_date() {
        let ws = known();
        let dates = [day(2020, 1, 1), day(2020, 12, 1), day(2022, 1, 1)];
        let stages = stages_over_time(&ws, &dates);
        assert_eq!(series(&stages, "Not engaged"), &[3.0, 2.0, 2.0]);
        assert_eq!(series(&stages, "Shared vision"), &[0.0, 1.0, 0.0]);
        assert_eq!(series(&stages, "Committed"), &[0.0, 0.0, 1.0]);
        // Every stakeholder is in exactly one stage on every date.
        for i in 0..dates.len() {
            let total: f64 = stages.groups.iter().map(|(_, v)| v[i]).sum();
            assert_eq!(total, 3.0);
        }
    }

    #[test]
    fn coverage_is_the_share_with_an_active_commitment() {
        let ws = known();
        let on = |date| coverage(&ws, date);
        let buyers = |c: Vec<Coverage>| {
            c.into_iter()
                .find(|c| c.category == Category::Buyer)
                .unwrap()
        };
        assert_eq!(buyers(on(day(2022, 6, 1))).percent(), 100.0);
        assert_eq!(buyers(on(day(2023, 8, 1))).percent(), 50.0, "B withdrew");
        assert_eq!(
            buyers(on(day(2024, 6, 1))).percent(),
            0.0,
            "A's pledge is achieved, not active"
        );
        let bank = on(day(2024, 6, 1))
            .into_iter()
            .find(|c| c.category == Category::Bank)
            .unwrap();
        assert_eq!((bank.stakeholders, bank.with_active), (1, 1));
        let investors = on(day(2024, 6, 1))
            .into_iter()
            .find(|c| c.category == Category::Investor)
            .unwrap();
        assert_eq!(investors.percent(), 0.0);
    }
}
