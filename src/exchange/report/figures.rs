//! The report's numbers, computed only by [`crate::analysis`] (the code
//! behind the app's tabs), as plain serialisable data. The JSON export is
//! this struct; the HTML report draws it.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::analysis::changes::{Changes, changes_since, latest_change};
use crate::analysis::flywheel::{self, Measure, SegmentFigures};
use crate::analysis::momentum::{self, Grouping, Stacked};
use crate::analysis::roadmap_progress::{self, MetricProgress, Pledges};
use crate::analysis::white_spaces::{CoalitionStage, white_spaces};
use crate::model::{
    Category, CommitmentKind, CommitmentStatus, EngagementStage, Segment, Workspace,
};

/// The version of the JSON layout of [`Figures`]; raised whenever a field
/// changes meaning or goes away (adding a field does not raise it).
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the report shows, as numbers. See docs/report.md
/// for the JSON schema, field by field.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    pub schema_version: u32,
    pub title: String,
    pub sector: String,
    /// The day the figures are as of ("today").
    pub as_of: NaiveDate,
    /// True when made from a share copy (no confidential data).
    pub share_copy: bool,
    pub totals: Totals,
    pub stakeholders_by_category: Vec<Count>,
    pub stakeholders_by_stage: Vec<Count>,
    pub commitments_by_kind: Vec<Count>,
    pub commitments_by_status: Vec<Count>,
    /// Active commitments as of `as_of`, by category and by kind.
    pub active_by_category: Vec<Count>,
    pub active_by_kind: Vec<Count>,
    /// Active commitments on the first of every month, by category.
    pub active_over_time: Series,
    pub tipping_point_percent: f64,
    pub coverage: Vec<CoverageRow>,
    pub new_per_quarter: Vec<QuarterCount>,
    pub white_spaces: WhiteSpacesMatrix,
    pub roadmap: Vec<MetricRow>,
    pub changes: ChangeCounts,
    pub flywheel: FlywheelFigures,
}

/// Headline totals.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Totals {
    pub stakeholders: usize,
    pub relationships: usize,
    pub commitments: usize,
    /// Commitments active as of `as_of`.
    pub active_commitments: usize,
    /// Categories whose coverage has reached the tipping point.
    pub categories_tipped: usize,
}

/// A label and how many.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Count {
    pub name: String,
    pub count: usize,
}

/// A stacked series: one value per date for each group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub dates: Vec<NaiveDate>,
    pub groups: Vec<SeriesGroup>,
}

/// One group of a [`Series`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesGroup {
    pub name: String,
    pub values: Vec<f64>,
}

/// One category's coverage: stakeholders with an active commitment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageRow {
    pub category: String,
    pub stakeholders: usize,
    pub with_active: usize,
    pub percent: f64,
    /// Whether `percent` has reached the tipping point.
    pub tipped: bool,
}

/// Commitments made in one quarter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuarterCount {
    /// "2024 Q2".
    pub quarter: String,
    /// Its first day.
    pub start: NaiveDate,
    pub count: usize,
}

/// Category × coalition stage: how many stakeholders have reached it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhiteSpacesMatrix {
    /// The column labels, in order.
    pub stages: Vec<String>,
    pub rows: Vec<WhiteSpacesRow>,
}

/// One category's row of the white-spaces matrix.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhiteSpacesRow {
    pub category: String,
    pub stakeholders: usize,
    /// Stakeholders that reached each stage, in `stages` order.
    pub counts: Vec<usize>,
    pub percents: Vec<f64>,
}

/// A roadmap metric's progress at every milestone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricRow {
    pub metric: String,
    pub unit: String,
    /// "additive" or "rate".
    pub kind: String,
    pub milestones: Vec<MilestoneRow>,
    /// Linked commitments not counted: another unit, or no quantity.
    pub other_units: usize,
    pub without_quantity: usize,
}

/// Pledges towards one milestone of one metric.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneRow {
    pub year: i32,
    pub target: Option<f64>,
    /// Additive metrics: the sum of pledges (not withdrawn). Rate metrics:
    /// the median of the stakeholders' own rates, if any.
    pub pledged: Option<f64>,
    /// Additive: of which achieved. Rate: `None`.
    pub achieved: Option<f64>,
    /// Additive: linked commitments are not counted here. Rate: how many
    /// stakeholders pledged a rate.
    pub pledging_stakeholders: Option<usize>,
}

/// How many names [`FlywheelFigures::who_can_push`] lists at most.
pub const WHO_CAN_PUSH_LISTED: usize = 10;

/// The flywheel at a milestone (see [`crate::analysis::flywheel`]): are
/// demand, supply, finance and policy turning together?
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlywheelFigures {
    /// The year the segments are measured at (2030 if the roadmap has it).
    pub milestone: i32,
    pub demand: SegmentRow,
    pub supply: SegmentRow,
    pub finance: SegmentRow,
    pub policy: SegmentRow,
    /// The segment with the lowest share, in lower case ("finance").
    pub slowest: Option<String>,
    /// The sentence that names the slowest segment against the others.
    pub bottleneck: Option<String>,
    /// The slowest segment's stakeholders who have not moved it, most
    /// influential first, then most supportive, then by name; at most
    /// [`WHO_CAN_PUSH_LISTED`].
    pub who_can_push: Vec<String>,
}

impl FlywheelFigures {
    /// The segments in the app's order.
    pub fn segments(&self) -> [(Segment, &SegmentRow); 4] {
        [
            (Segment::Demand, &self.demand),
            (Segment::Supply, &self.supply),
            (Segment::Finance, &self.finance),
            (Segment::Policy, &self.policy),
        ]
    }
}

/// One part of the flywheel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentRow {
    /// Stakeholders of its categories.
    pub stakeholders: usize,
    /// Of those, how many have a commitment of its kinds that counts (any
    /// status but withdrawn).
    pub moved: usize,
    /// Counting commitments of its kinds, whoever made them.
    pub commitments: usize,
    /// Of those, how many are at risk.
    pub at_risk: usize,
    /// "target": measured against the milestone's targets of its metrics;
    /// "coverage": it has none, measured by `moved` / `stakeholders`.
    pub measure: String,
    /// 0 to 1; `None` when there is nothing to measure.
    pub share: Option<f64>,
    /// The share 12 months before `as_of`.
    pub share_year_ago: Option<f64>,
    /// "up", "flat" or "down": the share against 12 months before, moved
    /// by more than one percentage point or not.
    pub trend: String,
    /// Its additive metrics with a target at the milestone.
    pub metrics: Vec<SegmentMetric>,
}

/// One metric measuring a segment at the milestone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentMetric {
    pub name: String,
    pub unit: String,
    /// Pledged towards the milestone, at risk included.
    pub pledged: f64,
    /// Of `pledged`, what is at risk.
    pub at_risk: f64,
    pub target: f64,
}

/// What changed since a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangeCounts {
    pub since: NaiveDate,
    pub new_commitments: usize,
    pub upgrades: usize,
    pub downgrades: usize,
    pub withdrawals: usize,
    pub stage_moves: usize,
}

/// The figures for `ws` as of `today`; changes are counted after `since`,
/// or after [`default_since`].
pub fn figures(ws: &Workspace, today: NaiveDate, since: Option<NaiveDate>) -> Figures {
    let since = since.unwrap_or_else(|| default_since(ws, today));
    let coverage = coverage_rows(ws, today);
    let active: Vec<_> = ws
        .commitments
        .iter()
        .filter(|c| c.status_on(today).is_some_and(CommitmentStatus::is_active))
        .collect();
    Figures {
        schema_version: SCHEMA_VERSION,
        title: ws.title.clone(),
        sector: ws.sector.label().to_string(),
        as_of: today,
        share_copy: ws.share.is_some(),
        totals: Totals {
            stakeholders: ws.stakeholders.len(),
            relationships: ws.relationships.len(),
            commitments: ws.commitments.len(),
            active_commitments: active.len(),
            categories_tipped: coverage.iter().filter(|c| c.tipped).count(),
        },
        stakeholders_by_category: tally(Category::ALL, ws.stakeholders.iter().map(|s| s.category)),
        stakeholders_by_stage: tally(
            EngagementStage::ALL,
            ws.stakeholders.iter().map(|s| s.stage()),
        ),
        commitments_by_kind: tally(CommitmentKind::ALL, ws.commitments.iter().map(|c| c.kind)),
        commitments_by_status: tally(
            CommitmentStatus::ALL,
            ws.commitments.iter().map(|c| c.status()),
        ),
        active_by_category: now(&momentum::active_commitments(
            ws,
            &[today],
            Grouping::Category,
        )),
        active_by_kind: now(&momentum::active_commitments(ws, &[today], Grouping::Kind)),
        active_over_time: series(momentum::active_commitments(
            ws,
            &momentum::monthly_dates(chart_start(ws, today), today),
            Grouping::Category,
        )),
        tipping_point_percent: ws.tipping_point_percent,
        coverage,
        new_per_quarter: per_quarter(ws, today),
        white_spaces: matrix(ws, today),
        roadmap: roadmap_rows(ws, today),
        changes: change_counts(&changes_since(ws, since, today), since),
        flywheel: flywheel_figures(ws, today),
    }
}

/// The date changes are counted after when none is given, as the app's
/// "Since…" tab picks it: the latest workshop before today, or else three
/// months before the latest change (or before today, if that is earlier).
pub fn default_since(ws: &Workspace, today: NaiveDate) -> NaiveDate {
    let fallback = latest_change(ws).map_or(today, |d| d.min(today)) - Months::new(3);
    ws.workshops
        .iter()
        .map(|w| w.date)
        .filter(|d| *d < today)
        .max()
        .unwrap_or(fallback)
}

/// Where the momentum chart starts, as the app's Momentum tab does: 1
/// January of the year of the first commitment or stage change, or five
/// years before today.
pub fn chart_start(ws: &Workspace, today: NaiveDate) -> NaiveDate {
    let made = ws.commitments.iter().map(|c| c.made_on);
    let stages = ws
        .stakeholders
        .iter()
        .filter_map(|s| s.stage_history.first().map(|c| c.date));
    made.chain(stages)
        .min()
        .map(|d| NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d))
        .unwrap_or(today - Months::new(60))
        .min(today)
}

fn tally<T: Copy + PartialEq + std::fmt::Display>(
    all: &[T],
    values: impl Iterator<Item = T>,
) -> Vec<Count> {
    let mut counts: Vec<Count> = all
        .iter()
        .map(|v| Count {
            name: v.to_string(),
            count: 0,
        })
        .collect();
    for value in values {
        if let Some(at) = all.iter().position(|v| *v == value) {
            counts[at].count += 1;
        }
    }
    counts
}

/// The last value of each group of a stacked series.
fn now(stacked: &Stacked) -> Vec<Count> {
    stacked
        .groups
        .iter()
        .map(|(name, values)| Count {
            name: name.clone(),
            count: values.last().copied().unwrap_or(0.0) as usize,
        })
        .collect()
}

fn series(stacked: Stacked) -> Series {
    Series {
        dates: stacked.dates,
        groups: stacked
            .groups
            .into_iter()
            .map(|(name, values)| SeriesGroup { name, values })
            .collect(),
    }
}

fn coverage_rows(ws: &Workspace, today: NaiveDate) -> Vec<CoverageRow> {
    momentum::coverage(ws, today)
        .iter()
        .map(|c| CoverageRow {
            category: c.category.label().to_string(),
            stakeholders: c.stakeholders,
            with_active: c.with_active,
            percent: c.percent(),
            tipped: c.stakeholders > 0 && c.percent() >= ws.tipping_point_percent,
        })
        .collect()
}

/// "2024 Q2".
pub fn quarter_label(start: NaiveDate) -> String {
    format!("{} Q{}", start.year(), start.month0() / 3 + 1)
}

fn per_quarter(ws: &Workspace, today: NaiveDate) -> Vec<QuarterCount> {
    momentum::new_per_quarter(ws, chart_start(ws, today), today)
        .into_iter()
        .map(|(start, count)| QuarterCount {
            quarter: quarter_label(start),
            start,
            count,
        })
        .collect()
}

fn matrix(ws: &Workspace, today: NaiveDate) -> WhiteSpacesMatrix {
    let spaces = white_spaces(ws, today);
    WhiteSpacesMatrix {
        stages: CoalitionStage::ALL
            .iter()
            .map(|s| s.label().to_string())
            .collect(),
        rows: Category::ALL
            .iter()
            .map(|category| WhiteSpacesRow {
                category: category.label().to_string(),
                stakeholders: spaces.totals[*category as usize],
                counts: CoalitionStage::ALL
                    .iter()
                    .map(|stage| spaces.cell(*category, *stage).len())
                    .collect(),
                percents: CoalitionStage::ALL
                    .iter()
                    .map(|stage| spaces.percent(*category, *stage))
                    .collect(),
            })
            .collect(),
    }
}

fn roadmap_rows(ws: &Workspace, today: NaiveDate) -> Vec<MetricRow> {
    roadmap_progress::roadmap_progress(ws, today)
        .iter()
        .filter_map(|progress| metric_row(ws, progress))
        .collect()
}

fn metric_row(ws: &Workspace, progress: &MetricProgress) -> Option<MetricRow> {
    let metric = ws.roadmap.metric(progress.metric)?;
    let milestones = progress
        .milestones
        .iter()
        .map(|m| match &m.pledges {
            Pledges::Sum(sum) => MilestoneRow {
                year: m.year,
                target: m.target,
                pledged: Some(sum.total()),
                achieved: Some(sum.achieved),
                pledging_stakeholders: None,
            },
            Pledges::Rates(rates) => MilestoneRow {
                year: m.year,
                target: m.target,
                pledged: roadmap_progress::median_rate(rates),
                achieved: None,
                pledging_stakeholders: Some(rates.len()),
            },
        })
        .collect();
    Some(MetricRow {
        metric: metric.name.clone(),
        unit: metric.unit.clone(),
        kind: match progress.kind {
            crate::model::MetricKind::Additive => "additive".into(),
            crate::model::MetricKind::Rate => "rate".into(),
        },
        milestones,
        other_units: progress.other_units,
        without_quantity: progress.without_quantity,
    })
}

fn change_counts(changes: &Changes, since: NaiveDate) -> ChangeCounts {
    ChangeCounts {
        since,
        new_commitments: changes.new_commitments.len(),
        upgrades: changes.upgrades.len(),
        downgrades: changes.downgrades.len(),
        withdrawals: changes.withdrawals.len(),
        stage_moves: changes.stage_moves.len(),
    }
}

/// The flywheel at the milestone the app's tab opens on.
fn flywheel_figures(ws: &Workspace, today: NaiveDate) -> FlywheelFigures {
    let milestone = flywheel::default_milestone(ws, today);
    let fw = flywheel::flywheel(ws, milestone, today);
    let row = |segment: Segment| segment_row(fw.segment(segment));
    FlywheelFigures {
        milestone,
        demand: row(Segment::Demand),
        supply: row(Segment::Supply),
        finance: row(Segment::Finance),
        policy: row(Segment::Policy),
        slowest: fw.slowest.map(|s| s.label().to_lowercase()),
        bottleneck: flywheel::bottleneck(&fw),
        who_can_push: fw
            .who_can_push
            .iter()
            .take(WHO_CAN_PUSH_LISTED)
            .map(|c| c.name.clone())
            .collect(),
    }
}

fn segment_row(figures: &SegmentFigures) -> SegmentRow {
    SegmentRow {
        stakeholders: figures.stakeholders,
        moved: figures.moved,
        commitments: figures.commitments,
        at_risk: figures.at_risk,
        measure: match figures.measure {
            Measure::Target => "target".into(),
            Measure::Coverage => "coverage".into(),
        },
        share: figures.share,
        share_year_ago: figures.share_year_ago,
        trend: figures.trend.label().into(),
        metrics: figures
            .metrics
            .iter()
            .map(|m| SegmentMetric {
                name: m.name.clone(),
                unit: m.unit.clone(),
                pledged: m.pledged,
                at_risk: m.at_risk,
                target: m.target,
            })
            .collect(),
    }
}
