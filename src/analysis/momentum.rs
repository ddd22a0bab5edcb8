//! The numbers behind the momentum charts. Definitions, as
//! docs/definitions.md (and so the Help menu) gives them:
//!
//! - A commitment is **active** on a date when its status on that date is
//!   announced, in progress or at risk. **Achieved** counts as delivered,
//!   not active. **Withdrawn** counts as withdrawn from the date of its
//!   withdrawal on. Before the day it was made, a commitment does not count.
//! - A stakeholder's **stage** on a date is the last stage it reached on or
//!   before that date.
//!
//! "Today" is always an argument, never read from the clock.
//!
//! Every series is counted in one pass over the records, span by span into
//! a difference array, so that nothing is allocated per commitment: the
//! tab recomputes them after every edit, at 100,000 commitments too.

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{
    Category, Commitment, CommitmentKind, CommitmentStatus, EngagementStage, StakeholderId,
    Workspace,
};

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

/// Calls `span(from, until)` for each half-open span `[from, until)` during
/// which a history is in `wanted`; `until` is `None` for a span still open.
/// A run of entries that are all wanted is one span, from its first entry.
fn for_each_span<T: Copy>(
    history: impl Iterator<Item = (NaiveDate, T)>,
    wanted: impl Fn(T) -> bool,
    mut span: impl FnMut(NaiveDate, Option<NaiveDate>),
) {
    let mut open: Option<NaiveDate> = None;
    for (date, value) in history {
        match (open, wanted(value)) {
            (None, true) => open = Some(date),
            (Some(from), false) => {
                span(from, Some(date));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(from) = open {
        span(from, None);
    }
}

/// How many spans cover each sample date, for several series at once: each
/// span adds 1 at its first date and takes it away after its last (a
/// difference array), so the cost is linear in dates plus spans.
struct SpanCounts<'d> {
    dates: &'d [NaiveDate],
    /// One difference array per series, `dates.len() + 1` long, end to end.
    diffs: Vec<i64>,
}

impl<'d> SpanCounts<'d> {
    fn new(dates: &'d [NaiveDate], series: usize) -> Self {
        Self {
            dates,
            diffs: vec![0; series * (dates.len() + 1)],
        }
    }

    /// Counts the span `[from, until)` in `series`.
    fn add(&mut self, series: usize, from: NaiveDate, until: Option<NaiveDate>) {
        let first = self.dates.partition_point(|d| *d < from);
        let last = until.map_or(self.dates.len(), |u| self.dates.partition_point(|d| *d < u));
        if first < last {
            let offset = series * (self.dates.len() + 1);
            self.diffs[offset + first] += 1;
            self.diffs[offset + last] -= 1;
        }
    }

    /// Each series' count on each date, in series order.
    fn counts(&self) -> impl Iterator<Item = Vec<f64>> + '_ {
        self.diffs.chunks(self.dates.len() + 1).map(|diff| {
            let mut running = 0;
            diff[..self.dates.len()]
                .iter()
                .map(|delta| {
                    running += delta;
                    running as f64
                })
                .collect()
        })
    }

    fn stacked(&self, labels: impl Iterator<Item = String>) -> Stacked {
        Stacked {
            dates: self.dates.to_vec(),
            groups: labels.zip(self.counts()).collect(),
        }
    }
}

/// A commitment's owner: where it is in the workspace's stakeholders, and
/// its category.
#[derive(Clone, Copy, Debug)]
struct Owner {
    position: usize,
    category: Category,
}

/// Finds commitments' owners by id. The category is kept beside the
/// position so that counting does not have to visit each owner's record
/// (at 100,000 commitments those visits were most of the time).
/// Commitments of one stakeholder tend to sit together, so the last answer
/// is kept for the next question.
struct Owners {
    index: HashMap<StakeholderId, Owner>,
    last: Option<(StakeholderId, Option<Owner>)>,
}

impl Owners {
    fn new(ws: &Workspace) -> Self {
        Self {
            index: ws
                .stakeholders
                .iter()
                .enumerate()
                .map(|(position, s)| {
                    let owner = Owner {
                        position,
                        category: s.category,
                    };
                    (s.id, owner)
                })
                .collect(),
            last: None,
        }
    }

    fn get(&mut self, id: StakeholderId) -> Option<Owner> {
        match self.last {
            Some((last, owner)) if last == id => owner,
            _ => {
                let owner = self.index.get(&id).copied();
                self.last = Some((id, owner));
                owner
            }
        }
    }
}

/// Counts the spans during which `c` is active.
fn add_active_spans(c: &Commitment, mut add: impl FnMut(NaiveDate, Option<NaiveDate>)) {
    for_each_span(
        c.status_history.iter().map(|s| (s.date, s.status)),
        CommitmentStatus::is_active,
        &mut add,
    );
}

fn category_labels() -> impl Iterator<Item = String> {
    Category::ALL.iter().map(|c| c.label().to_string())
}

fn kind_labels() -> impl Iterator<Item = String> {
    CommitmentKind::ALL.iter().map(|k| k.label().to_string())
}

/// Active commitments on each sample date, stacked by stakeholder category
/// or by commitment kind.
pub fn active_commitments(ws: &Workspace, dates: &[NaiveDate], grouping: Grouping) -> Stacked {
    let mut owners = Owners::new(ws);
    match grouping {
        Grouping::Category => {
            let mut counts = SpanCounts::new(dates, Category::ALL.len());
            for c in &ws.commitments {
                let Some(owner) = owners.get(c.stakeholder) else {
                    continue;
                };
                let group = owner.category as usize;
                add_active_spans(c, |from, until| counts.add(group, from, until));
            }
            counts.stacked(category_labels())
        }
        Grouping::Kind => {
            let mut counts = SpanCounts::new(dates, CommitmentKind::ALL.len());
            for c in &ws.commitments {
                let group = c.kind as usize;
                add_active_spans(c, |from, until| counts.add(group, from, until));
            }
            counts.stacked(kind_labels())
        }
    }
}

/// The first day of the quarter `date` falls in.
pub fn quarter_start(date: NaiveDate) -> NaiveDate {
    let month = (date.month0() / 3) * 3 + 1;
    NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
}

/// Every quarter from `start` to `end`, each with a count of zero.
fn empty_quarters(start: NaiveDate, end: NaiveDate) -> Vec<(NaiveDate, usize)> {
    let mut quarters = Vec::new();
    let mut q = quarter_start(start);
    while q <= end {
        quarters.push((q, 0));
        q = q + Months::new(3);
    }
    quarters
}

/// Counts a commitment made on `made_on` in its quarter, if that is listed
/// and the day is within `start..=end`.
fn count_in_quarter(
    quarters: &mut [(NaiveDate, usize)],
    made_on: NaiveDate,
    start: NaiveDate,
    end: NaiveDate,
) {
    if made_on < start || made_on > end {
        return;
    }
    let q = quarter_start(made_on);
    if let Ok(i) = quarters.binary_search_by_key(&q, |(d, _)| *d) {
        quarters[i].1 += 1;
    }
}

/// Commitments made in each quarter from `start` to `end`, as (first day of
/// the quarter, count), every quarter listed even when empty.
pub fn new_per_quarter(
    ws: &Workspace,
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<(NaiveDate, usize)> {
    let mut quarters = empty_quarters(start, end);
    for c in &ws.commitments {
        count_in_quarter(&mut quarters, c.made_on, start, end);
    }
    quarters
}

/// Stakeholders at each engagement stage on each sample date (every stage,
/// not engaged included, in ladder order).
pub fn stages_over_time(ws: &Workspace, dates: &[NaiveDate]) -> Stacked {
    let mut counts = SpanCounts::new(dates, EngagementStage::ALL.len());
    for s in &ws.stakeholders {
        // Not engaged from the beginning of time until the first change.
        let history = std::iter::once((NaiveDate::MIN, EngagementStage::NotEngaged))
            .chain(s.stage_history.iter().map(|c| (c.date, c.stage)));
        // At most one stage is "open" at a time: the run of entries at the
        // same stage, from the first of them until an entry at another.
        let mut open: Option<(EngagementStage, NaiveDate)> = None;
        for (date, stage) in history {
            match open {
                Some((current, _)) if current == stage => {}
                Some((current, from)) => {
                    counts.add(current as usize, from, Some(date));
                    open = Some((stage, date));
                }
                None => open = Some((stage, date)),
            }
        }
        if let Some((current, from)) = open {
            counts.add(current as usize, from, None);
        }
    }
    counts.stacked(EngagementStage::ALL.iter().map(|s| s.label().to_string()))
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

/// Whether `c` is active on `date`.
fn is_active_on(c: &Commitment, date: NaiveDate) -> bool {
    c.status_on(date).is_some_and(CommitmentStatus::is_active)
}

/// Coverage of every category, given which stakeholders (by position) have
/// an active commitment.
fn coverage_of(ws: &Workspace, has_active: &[bool]) -> Vec<Coverage> {
    let mut all: Vec<Coverage> = Category::ALL
        .iter()
        .map(|category| Coverage {
            category: *category,
            stakeholders: 0,
            with_active: 0,
        })
        .collect();
    for (s, active) in ws.stakeholders.iter().zip(has_active) {
        let c = &mut all[s.category as usize];
        c.stakeholders += 1;
        c.with_active += usize::from(*active);
    }
    all
}

/// Coverage of every category on `date`.
pub fn coverage(ws: &Workspace, date: NaiveDate) -> Vec<Coverage> {
    let mut owners = Owners::new(ws);
    let mut has_active = vec![false; ws.stakeholders.len()];
    for c in &ws.commitments {
        if let Some(owner) = owners.get(c.stakeholder)
            && is_active_on(c, date)
        {
            has_active[owner.position] = true;
        }
    }
    coverage_of(ws, &has_active)
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

/// All momentum series over `start..=end`, coverage as of `today`: the
/// same numbers as the functions above, from one pass over the commitments.
pub fn momentum(ws: &Workspace, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Momentum {
    let dates = monthly_dates(start, end);
    let coverage_on = today.min(end);
    let mut owners = Owners::new(ws);
    let mut by_category = SpanCounts::new(&dates, Category::ALL.len());
    let mut by_kind = SpanCounts::new(&dates, CommitmentKind::ALL.len());
    let mut per_quarter = empty_quarters(start, end);
    let mut has_active = vec![false; ws.stakeholders.len()];
    for c in &ws.commitments {
        let owner = owners.get(c.stakeholder);
        let category = owner.map(|o| o.category as usize);
        let kind = c.kind as usize;
        add_active_spans(c, |from, until| {
            if let Some(category) = category {
                by_category.add(category, from, until);
            }
            by_kind.add(kind, from, until);
        });
        count_in_quarter(&mut per_quarter, c.made_on, start, end);
        if let Some(owner) = owner
            && is_active_on(c, coverage_on)
        {
            has_active[owner.position] = true;
        }
    }
    Momentum {
        by_category: by_category.stacked(category_labels()),
        by_kind: by_kind.stacked(kind_labels()),
        per_quarter,
        stages: stages_over_time(ws, &dates),
        coverage: coverage_of(ws, &has_active),
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

    /// The one-pass series agree with counting every date the slow way,
    /// record by record, on a generated workspace.
    #[test]
    fn series_match_counting_each_date_directly() {
        let ws = crate::synthetic::synthetic_workspace(120, 300, 900, 7);
        let (start, end) = (day(2019, 1, 1), day(2026, 11, 22));
        let m = momentum(&ws, start, end, end);
        let dates = monthly_dates(start, end);
        assert_eq!(m.by_category.dates, dates);
        for (i, date) in dates.iter().enumerate() {
            for (g, category) in Category::ALL.iter().enumerate() {
                let expected = ws
                    .commitments
                    .iter()
                    .filter(|c| is_active_on(c, *date))
                    .filter(|c| {
                        ws.stakeholder(c.stakeholder).map(|s| s.category) == Some(*category)
                    })
                    .count();
                assert_eq!(
                    m.by_category.groups[g].1[i], expected as f64,
                    "{category:?} {date}"
                );
            }
            for (g, kind) in CommitmentKind::ALL.iter().enumerate() {
                let expected = ws
                    .commitments
                    .iter()
                    .filter(|c| c.kind == *kind && is_active_on(c, *date))
                    .count();
                assert_eq!(m.by_kind.groups[g].1[i], expected as f64, "{kind:?} {date}");
            }
            for (g, stage) in EngagementStage::ALL.iter().enumerate() {
                let expected = ws
                    .stakeholders
                    .iter()
                    .filter(|s| s.stage_on(*date) == *stage)
                    .count();
                assert_eq!(m.stages.groups[g].1[i], expected as f64, "{stage:?} {date}");
            }
        }
        assert_eq!(
            m.by_category,
            active_commitments(&ws, &dates, Grouping::Category)
        );
        assert_eq!(m.by_kind, active_commitments(&ws, &dates, Grouping::Kind));
        assert_eq!(m.per_quarter, new_per_quarter(&ws, start, end));
        assert_eq!(m.coverage, coverage(&ws, end));
        let with_active = ws
            .stakeholders
            .iter()
            .filter(|s| {
                ws.commitments
                    .iter()
                    .any(|c| c.stakeholder == s.id && is_active_on(c, end))
            })
            .count();
        assert_eq!(
            m.coverage.iter().map(|c| c.with_active).sum::<usize>(),
            with_active
        );
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
