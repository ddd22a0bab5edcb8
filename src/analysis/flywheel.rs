//! The flywheel: are demand, supply, finance and policy turning together?
//! Buyers' demand signals let producers invest, banks and investors
//! finance the projects, governments set the policy that de-risks it all;
//! the whole moves at the pace of its slowest part.
//!
//! For a milestone (2030 by default) each [`Segment`] gets:
//!
//! - **Coverage**: how many stakeholders of its categories
//!   ([`Segment::categories`]) have a commitment of its kinds
//!   ([`Segment::kinds`]) that counts: announced, in progress, at risk or
//!   achieved. A withdrawn one never counts; one at risk counts and is
//!   counted again as at risk.
//! - **Share of target**: for each additive roadmap metric of the segment
//!   (set in the roadmap) with a target at the milestone, the quantity
//!   pledged towards it (as the Roadmap tab counts it: linked commitments
//!   in the metric's unit, target year by the milestone, not withdrawn)
//!   over the target. The segment's share is the mean of its metrics'
//!   shares, each capped at 100 %. A segment with no such metric is
//!   measured by its coverage instead, and says so.
//! - **Trend**: its share now against 12 months before: up or down when it
//!   moved by more than one percentage point, flat otherwise.
//! - **Over time**: its share at the end of every quarter back to the
//!   first commitment (at most ten years), for the chart.
//!
//! The **slowest** segment is the one with the lowest share; **who can
//! push next** are its categories' stakeholders without a counting
//! commitment of its kinds, most influential first, then most supportive.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};

use super::roadmap_progress::{is_unit, normalized_unit};
use crate::model::{
    Category, CommitmentKind, CommitmentStatus, MetricId, MetricKind, Segment, StakeholderId,
    Workspace,
};
use crate::text::join_words;

/// The segments, as an array (in [`Segment::ALL`] order).
const SEGMENTS: [Segment; 4] = [
    Segment::Demand,
    Segment::Supply,
    Segment::Finance,
    Segment::Policy,
];

/// A change of share smaller than this (one percentage point) is flat.
const FLAT: f64 = 0.01;
/// The chart goes back at most this many quarters (ten years).
const MAX_QUARTERS: u32 = 40;

impl Segment {
    /// The categories whose stakeholders make this part of the flywheel.
    pub fn categories(self) -> &'static [Category] {
        match self {
            Segment::Demand => &[Category::Buyer],
            Segment::Supply => &[Category::Industry, Category::Supplier],
            Segment::Finance => &[Category::Bank, Category::Investor],
            Segment::Policy => &[Category::Government],
        }
    }

    /// The kinds of commitment that move this part.
    pub fn kinds(self) -> &'static [CommitmentKind] {
        match self {
            Segment::Demand => &[
                CommitmentKind::ProcurementPledge,
                CommitmentKind::OfftakeAgreement,
            ],
            Segment::Supply => &[CommitmentKind::Project],
            Segment::Finance => &[CommitmentKind::Financing],
            Segment::Policy => &[CommitmentKind::Policy],
        }
    }

    /// The segment a stakeholder of `category` belongs to, if any.
    pub fn of_category(category: Category) -> Option<Segment> {
        Segment::ALL
            .iter()
            .copied()
            .find(|s| s.categories().contains(&category))
    }

    /// The segment a commitment of `kind` moves, if any.
    pub fn of_kind(kind: CommitmentKind) -> Option<Segment> {
        Segment::ALL
            .iter()
            .copied()
            .find(|s| s.kinds().contains(&kind))
    }
}

/// Whether a commitment in `status` counts: anything but withdrawn.
pub fn counts(status: CommitmentStatus) -> bool {
    status != CommitmentStatus::Withdrawn
}

/// How a segment's share is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Pledged against the milestone's targets of its metrics.
    Target,
    /// No metric of it has a target at the milestone: the share of its
    /// categories' stakeholders that moved.
    Coverage,
}

/// Which way a segment went over the last 12 months.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Flat,
    Down,
}

impl Trend {
    pub fn label(self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Flat => "flat",
            Trend::Down => "down",
        }
    }
}

/// One metric of a segment at the milestone.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricShare {
    pub metric: MetricId,
    pub name: String,
    pub unit: String,
    /// Pledged towards the milestone, at risk included.
    pub pledged: f64,
    /// Of `pledged`, what is at risk.
    pub at_risk: f64,
    pub target: f64,
}

impl MetricShare {
    /// Pledged over target, not capped.
    pub fn share(&self) -> f64 {
        self.pledged / self.target
    }
}

/// One part of the flywheel.
#[derive(Clone, Debug, PartialEq)]
pub struct SegmentFigures {
    pub segment: Segment,
    /// Stakeholders of its categories.
    pub stakeholders: usize,
    /// Of those, how many have a counting commitment of its kinds.
    pub moved: usize,
    /// Counting commitments of its kinds, whoever made them.
    pub commitments: usize,
    /// Of those, how many are at risk.
    pub at_risk: usize,
    /// Its additive metrics with a target at the milestone, in roadmap order.
    pub metrics: Vec<MetricShare>,
    pub measure: Measure,
    /// 0 to 1; `None` when there is nothing to measure (no target and no
    /// stakeholder of its categories).
    pub share: Option<f64>,
    /// The share 12 months before.
    pub share_year_ago: Option<f64>,
    pub trend: Trend,
    /// The share at each of [`Flywheel::dates`].
    pub series: Vec<Option<f64>>,
}

impl SegmentFigures {
    /// Moved over stakeholders, 0 to 1 (0 without stakeholders).
    pub fn coverage(&self) -> f64 {
        ratio(self.moved, self.stakeholders)
    }
}

/// A stakeholder who could move the slowest segment next.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub stakeholder: StakeholderId,
    pub name: String,
    pub category: Category,
    pub influence: u8,
    pub support: i8,
}

/// The flywheel at a milestone, as of a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Flywheel {
    pub milestone: i32,
    pub as_of: NaiveDate,
    /// In [`Segment::ALL`] order.
    pub segments: Vec<SegmentFigures>,
    pub slowest: Option<Segment>,
    /// For the slowest segment, best first.
    pub who_can_push: Vec<Candidate>,
    /// The chart's dates, oldest first; the last is `as_of`.
    pub dates: Vec<NaiveDate>,
}

impl Flywheel {
    pub fn segment(&self, segment: Segment) -> &SegmentFigures {
        &self.segments[segment as usize]
    }
}

/// The milestone the tab opens on: 2030 if the roadmap has it, else the
/// first one from `as_of`'s year on, else the last one, else 2030.
pub fn default_milestone(ws: &Workspace, as_of: NaiveDate) -> i32 {
    use chrono::Datelike;
    let years: Vec<i32> = ws.roadmap.milestones.iter().map(|m| m.year).collect();
    if years.contains(&2030) {
        return 2030;
    }
    years
        .iter()
        .copied()
        .find(|y| *y >= as_of.year())
        .or(years.last().copied())
        .unwrap_or(2030)
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A metric that measures a segment at the milestone.
struct Measured {
    metric: MetricId,
    segment: Segment,
    unit: String,
    target: f64,
}

/// Something that changes on a day: a quantity pledged towards a metric
/// (by its place among the measured ones), or a stakeholder (by place)
/// moving a segment.
#[derive(Clone, Copy)]
enum Delta {
    Pledged {
        metric: usize,
        value: f64,
    },
    Moved {
        stakeholder: usize,
        segment: Segment,
        by: i32,
    },
}

/// The dates a commitment's status starts and stops counting: pairs of
/// (date, +1 or −1), in date order.
fn counting_spans(history: &[crate::model::StatusChange]) -> Vec<(NaiveDate, i32)> {
    let mut spans = Vec::new();
    let mut counting = false;
    for change in history {
        let now = counts(change.status);
        if now != counting {
            spans.push((change.date, if now { 1 } else { -1 }));
            counting = now;
        }
    }
    spans
}

/// The flywheel of `ws` at `milestone`, as of `as_of`: the metrics that
/// measure it, the commitments tallied, a sweep through time for the
/// chart and the trend, then each segment's figures and the slowest.
pub fn flywheel(ws: &Workspace, milestone: i32, as_of: NaiveDate) -> Flywheel {
    let measured = measured_metrics(ws, milestone);
    let tally = tally_commitments(ws, &measured, milestone, as_of);
    let dates = chart_dates(as_of, tally.first);
    let year_ago = as_of.checked_sub_months(Months::new(12));
    let stakeholders = stakeholders_per_segment(ws);
    let mut swept = sweep(
        &tally.deltas,
        &dates,
        year_ago,
        &measured,
        &stakeholders,
        ws.stakeholders.len(),
    );
    let segments: Vec<SegmentFigures> = Segment::ALL
        .iter()
        .map(|&segment| segment_figures(ws, segment, &measured, &stakeholders, &tally, &mut swept))
        .collect();
    let slowest = segments
        .iter()
        .filter_map(|s| Some((s.segment, s.share?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(segment, _)| segment);
    let who_can_push =
        slowest.map_or_else(Vec::new, |segment| candidates(ws, segment, &swept.moving));
    Flywheel {
        milestone,
        as_of,
        segments,
        slowest,
        who_can_push,
        dates,
    }
}

/// The additive metrics that measure a segment, with a target above 0 at
/// `milestone`, in roadmap order.
fn measured_metrics(ws: &Workspace, milestone: i32) -> Vec<Measured> {
    let target_of = |metric: MetricId| {
        ws.roadmap
            .milestones
            .iter()
            .find(|m| m.year == milestone)
            .and_then(|m| m.targets.iter().find(|t| t.metric == metric))
            .map(|t| t.value)
    };
    let mut measured = Vec::new();
    for m in &ws.roadmap.metrics {
        if let (Some(segment), MetricKind::Additive, Some(target)) =
            (m.segment, m.kind, target_of(m.id))
            && target > 0.0
        {
            measured.push(Measured {
                metric: m.id,
                segment,
                unit: normalized_unit(&m.unit).collect(),
                target,
            });
        }
    }
    measured
}

/// The commitments, gone through once: every change over time, and the
/// figures of the day itself.
struct Tally {
    /// In date order (and, on one date, in the commitments' order).
    deltas: Vec<(NaiveDate, Delta)>,
    /// Per segment: counting commitments of its kinds on the day.
    commitments: [usize; 4],
    /// Per segment: of those, how many are at risk.
    at_risk: [usize; 4],
    /// Per measured metric: pledged towards it on the day. Summed as the
    /// Roadmap tab sums them: the running totals of the sweep would lose a
    /// small pledge next to a huge one added and taken away again.
    pledged_now: Vec<f64>,
    /// Per measured metric: of `pledged_now`, what is at risk.
    pledged_at_risk: Vec<f64>,
    /// The day the first commitment started counting (`as_of` at the latest).
    first: NaiveDate,
}

/// Goes through the commitments: what counts on `as_of`, and when each
/// pledge towards a measured metric and each stakeholder's move of a
/// segment starts and stops counting.
fn tally_commitments(
    ws: &Workspace,
    measured: &[Measured],
    milestone: i32,
    as_of: NaiveDate,
) -> Tally {
    let metric_slot: HashMap<MetricId, usize> = measured
        .iter()
        .enumerate()
        .map(|(k, m)| (m.metric, k))
        .collect();
    let index = ws.stakeholder_index();
    let mut tally = Tally {
        deltas: Vec::new(),
        commitments: [0; 4],
        at_risk: [0; 4],
        pledged_now: vec![0.0; measured.len()],
        pledged_at_risk: vec![0.0; measured.len()],
        first: as_of,
    };
    for c in &ws.commitments {
        let spans = counting_spans(&c.status_history);
        let Some(&(start, _)) = spans.first() else {
            continue;
        };
        tally.first = tally.first.min(start);
        let status = c.status_on(as_of);
        let kind_segment = Segment::of_kind(c.kind);
        if let Some(segment) = kind_segment {
            tally.count(segment, status);
        }
        // Towards a measured metric.
        if let (Some(slot), Some(quantity)) = (
            c.metric.and_then(|m| metric_slot.get(&m).copied()),
            &c.quantity,
        ) && is_unit(&quantity.unit, &measured[slot].unit)
            && c.target_year.is_none_or(|year| year <= milestone)
        {
            tally.pledge(slot, quantity.value, &spans, status);
        }
        // A stakeholder of the segment's categories moving it.
        if let (Some(segment), Some(at)) = (kind_segment, index.get(c.stakeholder))
            && let Some(owner) = ws.stakeholders.get(at)
            && segment.categories().contains(&owner.category)
        {
            tally.moves(at, segment, &spans);
        }
    }
    tally.deltas.sort_by_key(|(date, _)| *date);
    tally
}

impl Tally {
    /// A commitment of `segment`'s kinds, in `status` on the day (`None`
    /// when made later).
    fn count(&mut self, segment: Segment, status: Option<CommitmentStatus>) {
        if let Some(status) = status.filter(|s| counts(*s)) {
            self.commitments[segment as usize] += 1;
            if status == CommitmentStatus::AtRisk {
                self.at_risk[segment as usize] += 1;
            }
        }
    }

    /// The stakeholder at `stakeholder` moving `segment` over `spans`.
    fn moves(&mut self, stakeholder: usize, segment: Segment, spans: &[(NaiveDate, i32)]) {
        for &(date, by) in spans {
            let moved = Delta::Moved {
                stakeholder,
                segment,
                by,
            };
            self.deltas.push((date, moved));
        }
    }

    /// A pledge of `value` towards the measured metric at `slot`, counting
    /// over `spans`, in `status` on the day.
    fn pledge(
        &mut self,
        slot: usize,
        value: f64,
        spans: &[(NaiveDate, i32)],
        status: Option<CommitmentStatus>,
    ) {
        for &(date, sign) in spans {
            let value = value * f64::from(sign);
            self.deltas.push((
                date,
                Delta::Pledged {
                    metric: slot,
                    value,
                },
            ));
        }
        if let Some(status) = status.filter(|s| counts(*s)) {
            self.pledged_now[slot] += value;
            if status == CommitmentStatus::AtRisk {
                self.pledged_at_risk[slot] += value;
            }
        }
    }
}

/// The chart's dates, oldest first: quarter ends back from `as_of` to the
/// quarter before `first`, at most [`MAX_QUARTERS`]. Each is counted back
/// from `as_of` itself, so a month-end does not drift to the 28th after
/// February and four quarters back is the day the trend compares with.
fn chart_dates(as_of: NaiveDate, first: NaiveDate) -> Vec<NaiveDate> {
    let mut dates = vec![as_of];
    for quarters in 1..=MAX_QUARTERS {
        let Some(earlier) = as_of.checked_sub_months(Months::new(3 * quarters)) else {
            break;
        };
        if earlier < first - Months::new(3) {
            break;
        }
        dates.push(earlier);
    }
    dates.reverse();
    dates
}

/// Per segment: how many stakeholders are of its categories.
fn stakeholders_per_segment(ws: &Workspace) -> [usize; 4] {
    let mut stakeholders = [0usize; 4];
    for s in &ws.stakeholders {
        if let Some(segment) = Segment::of_category(s.category) {
            stakeholders[segment as usize] += 1;
        }
    }
    stakeholders
}

/// What the sweep through time found.
struct Swept {
    /// Per segment: its share at each chart date (the last is replaced by
    /// the day's own figure).
    series: [Vec<Option<f64>>; 4],
    /// Per segment: its share 12 months before `as_of`.
    year_ago: [Option<f64>; 4],
    /// Per stakeholder, per segment: how many of its commitments move the
    /// segment on the day (it moved the segment while above 0).
    moving: Vec<[i32; 4]>,
    /// Per segment: how many stakeholders moved it on the day.
    moved: [usize; 4],
}

/// Applies each day's changes in date order, reading the shares at each
/// chart date and at `year_ago` (which may fall between two of them).
fn sweep(
    deltas: &[(NaiveDate, Delta)],
    dates: &[NaiveDate],
    year_ago: Option<NaiveDate>,
    measured: &[Measured],
    stakeholders: &[usize; 4],
    stakeholder_count: usize,
) -> Swept {
    let mut pledged = vec![0.0; measured.len()];
    let mut swept = Swept {
        series: Default::default(),
        year_ago: [None; 4],
        moving: vec![[0; 4]; stakeholder_count],
        moved: [0; 4],
    };
    let mut dates_to_read: Vec<(NaiveDate, bool)> = dates.iter().map(|d| (*d, false)).collect();
    if let Some(y) = year_ago {
        dates_to_read.push((y, true));
        dates_to_read.sort_by_key(|(d, is_year_ago)| (*d, !*is_year_ago));
    }
    let mut next = 0;
    for (date, is_year_ago) in dates_to_read {
        while let Some((day, delta)) = deltas.get(next)
            && *day <= date
        {
            swept.apply(*delta, &mut pledged);
            next += 1;
        }
        let shares = SEGMENTS
            .map(|segment| share_of(segment, measured, &pledged, &swept.moved, stakeholders).0);
        if is_year_ago {
            swept.year_ago = shares;
        } else {
            for (k, share) in shares.into_iter().enumerate() {
                swept.series[k].push(share);
            }
        }
    }
    swept
}

impl Swept {
    /// One change: a pledge added to `pledged`, or a stakeholder's count of
    /// commitments moving a segment, which moves it while above 0.
    fn apply(&mut self, delta: Delta, pledged: &mut [f64]) {
        match delta {
            Delta::Pledged { metric, value } => pledged[metric] += value,
            Delta::Moved {
                stakeholder,
                segment,
                by,
            } => {
                let count = &mut self.moving[stakeholder][segment as usize];
                let before = *count > 0;
                *count += by;
                match (before, *count > 0) {
                    (false, true) => self.moved[segment as usize] += 1,
                    (true, false) => self.moved[segment as usize] -= 1,
                    _ => {}
                }
            }
        }
    }
}

/// One segment's figures on the day: the sweep's `moved` (as of `as_of`
/// after the sweep) with the day's own pledges from the tally.
fn segment_figures(
    ws: &Workspace,
    segment: Segment,
    measured: &[Measured],
    stakeholders: &[usize; 4],
    tally: &Tally,
    swept: &mut Swept,
) -> SegmentFigures {
    let k = segment as usize;
    let pledged = &tally.pledged_now;
    let (share, measure) = share_of(segment, measured, pledged, &swept.moved, stakeholders);
    let metrics = measured
        .iter()
        .enumerate()
        .filter(|(_, m)| m.segment == segment)
        .filter_map(|(slot, m)| {
            let metric = ws.roadmap.metric(m.metric)?;
            Some(MetricShare {
                metric: metric.id,
                name: metric.name.clone(),
                unit: metric.unit.clone(),
                pledged: pledged[slot],
                at_risk: tally.pledged_at_risk[slot],
                target: m.target,
            })
        })
        .collect();
    let share_year_ago = swept.year_ago[k];
    let mut series = std::mem::take(&mut swept.series[k]);
    if let Some(last) = series.last_mut() {
        *last = share;
    }
    SegmentFigures {
        segment,
        stakeholders: stakeholders[k],
        moved: swept.moved[k],
        commitments: tally.commitments[k],
        at_risk: tally.at_risk[k],
        metrics,
        measure,
        share,
        share_year_ago,
        trend: trend(share, share_year_ago),
        series,
    }
}

/// Up or down when the share moved by more than [`FLAT`] since a year
/// ago; up from nothing to something.
fn trend(share: Option<f64>, share_year_ago: Option<f64>) -> Trend {
    match (share, share_year_ago) {
        (Some(now), Some(then)) if now - then > FLAT => Trend::Up,
        (Some(now), Some(then)) if then - now > FLAT => Trend::Down,
        (Some(_), None) if share.is_some_and(|s| s > FLAT) => Trend::Up,
        _ => Trend::Flat,
    }
}

/// A segment's share and how it is measured, given what is pledged
/// towards each measured metric and how many moved each segment.
fn share_of(
    segment: Segment,
    measured: &[Measured],
    pledged: &[f64],
    moved: &[usize; 4],
    stakeholders: &[usize; 4],
) -> (Option<f64>, Measure) {
    let shares: Vec<f64> = measured
        .iter()
        .zip(pledged)
        .filter(|(m, _)| m.segment == segment)
        .map(|(m, p)| (p / m.target).clamp(0.0, 1.0))
        .collect();
    if shares.is_empty() {
        let k = segment as usize;
        let share = (stakeholders[k] > 0).then(|| ratio(moved[k], stakeholders[k]));
        (share, Measure::Coverage)
    } else {
        (
            Some(shares.iter().sum::<f64>() / shares.len() as f64),
            Measure::Target,
        )
    }
}

/// The stakeholders of `segment`'s categories who have not moved it, most
/// influential first, then most supportive, then by name.
fn candidates(ws: &Workspace, segment: Segment, moving: &[[i32; 4]]) -> Vec<Candidate> {
    let mut list: Vec<Candidate> = ws
        .stakeholders
        .iter()
        .zip(moving)
        .filter(|(s, counts)| {
            segment.categories().contains(&s.category) && counts[segment as usize] <= 0
        })
        .map(|(s, _)| Candidate {
            stakeholder: s.id,
            name: s.display_name().to_string(),
            category: s.category,
            influence: s.influence,
            support: s.support,
        })
        .collect();
    list.sort_by(|a, b| {
        b.influence
            .cmp(&a.influence)
            .then(b.support.cmp(&a.support))
            .then_with(|| a.name.cmp(&b.name))
    });
    list
}

/// A percentage as the tab and the report write it: "14 %".
pub fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// What a segment's share is, in words: "5 % of the 2030 target" or "2 of
/// 6 buyer stakeholders moved (33 %; no 2030 target, so measured by who
/// moved)".
pub fn share_words(figures: &SegmentFigures, milestone: i32) -> String {
    match (figures.measure, figures.share) {
        (_, None) => "nothing to measure yet".to_string(),
        (Measure::Target, Some(share)) => {
            format!("{} of the {milestone} target", percent(share))
        }
        (Measure::Coverage, Some(share)) => format!(
            "{} of {} {} stakeholders moved ({}; no {milestone} target, so measured by who moved)",
            figures.moved,
            figures.stakeholders,
            figures
                .segment
                .categories()
                .iter()
                .map(|c| c.label().to_lowercase())
                .collect::<Vec<_>>()
                .join(" and "),
            percent(share)
        ),
    }
}

/// The sentence that names the bottleneck: "Finance is the bottleneck: 5 %
/// of the 2030 target, against demand 14 % and supply 9 % …".
pub fn bottleneck(flywheel: &Flywheel) -> Option<String> {
    let slowest = flywheel.segment(flywheel.slowest?);
    let others: Vec<String> = flywheel
        .segments
        .iter()
        .filter(|s| s.segment != slowest.segment)
        .filter_map(|s| {
            Some(format!(
                "{} {}",
                s.segment.label().to_lowercase(),
                percent(s.share?)
            ))
        })
        .collect();
    let mut sentence = format!(
        "{} is the bottleneck: {}",
        slowest.segment.label(),
        share_words(slowest, flywheel.milestone)
    );
    if !others.is_empty() {
        sentence.push_str(&format!(", against {}", join_words(&others)));
    }
    sentence.push('.');
    Some(sentence)
}
