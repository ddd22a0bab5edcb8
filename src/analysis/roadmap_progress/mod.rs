//! How far pledges go towards each roadmap milestone: for a metric, the
//! quantities of the commitments linked to it, by status, against the
//! milestone targets.
//!
//! A commitment counts towards the milestone of year Y when its target year
//! is Y or earlier (a commitment without a target year counts towards every
//! milestone), its quantity's unit is the metric's unit (compared without
//! case or spaces) and it is not withdrawn on the date asked.
//!
//! How the counted pledges combine depends on the metric's kind:
//! - [`MetricKind::Additive`]: their quantities add up, by status.
//! - [`MetricKind::Rate`]: each is one stakeholder's own rate, never added.
//!   Each pledging stakeholder has one value per milestone: of its counted
//!   pledges, the one with the latest target year (the nearest to the
//!   milestone; an undated pledge comes before any dated one), then the one
//!   made last, then the one later in the file. "Latest" rather than
//!   "strongest" because whether higher or lower is better depends on the
//!   metric (a share should rise, an intensity fall), and a revised pledge
//!   replaces the one it revises.

use chrono::NaiveDate;

use crate::model::{
    Commitment, CommitmentStatus, MetricId, MetricKind, StakeholderId, StakeholderIndex, Workspace,
};

/// Pledged quantities by status.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pledged {
    pub achieved: f64,
    pub in_progress: f64,
    pub announced: f64,
    pub at_risk: f64,
}

impl Pledged {
    pub fn total(&self) -> f64 {
        self.achieved + self.in_progress + self.announced + self.at_risk
    }

    fn add(&mut self, status: CommitmentStatus, value: f64) {
        match status {
            CommitmentStatus::Achieved => self.achieved += value,
            CommitmentStatus::InProgress => self.in_progress += value,
            CommitmentStatus::Announced => self.announced += value,
            CommitmentStatus::AtRisk => self.at_risk += value,
            CommitmentStatus::Withdrawn => {}
        }
    }
}

/// One stakeholder's own pledged rate for a milestone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StakeholderRate {
    pub stakeholder: StakeholderId,
    pub value: f64,
    /// The status of the pledge the value comes from.
    pub status: CommitmentStatus,
}

/// What the pledges towards one milestone come to.
#[derive(Clone, Debug, PartialEq)]
pub enum Pledges {
    /// An additive metric: the quantities summed, by status.
    Sum(Pledged),
    /// A rate metric: one value per pledging stakeholder, lowest first
    /// (ties in stakeholder order of the file).
    Rates(Vec<StakeholderRate>),
}

impl Pledges {
    /// Whether nothing was pledged.
    pub fn is_empty(&self) -> bool {
        match self {
            Pledges::Sum(sum) => sum.total() == 0.0,
            Pledges::Rates(rates) => rates.is_empty(),
        }
    }
}

/// The median of values sorted lowest first: the middle one, or the mean
/// of the two middle ones; `None` for no values.
pub fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    Some(if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    })
}

/// The median of pledged rates (sorted lowest first, as in [`Pledges::Rates`]).
pub fn median_rate(rates: &[StakeholderRate]) -> Option<f64> {
    let values: Vec<f64> = rates.iter().map(|r| r.value).collect();
    median(&values)
}

/// One milestone of one metric.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneProgress {
    pub year: i32,
    pub target: Option<f64>,
    pub pledges: Pledges,
}

/// A metric's progress at every milestone.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricProgress {
    pub metric: MetricId,
    pub kind: MetricKind,
    pub milestones: Vec<MilestoneProgress>,
    /// Linked commitments not counted because their unit differs.
    pub other_units: usize,
    /// Linked commitments with no quantity.
    pub without_quantity: usize,
}

/// A unit as compared: without case or spaces.
pub(crate) fn normalized_unit(unit: &str) -> impl Iterator<Item = char> + '_ {
    unit.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
}

/// Whether `unit` is `normalized` (a [`normalized_unit`]), compared
/// without building a string for each commitment.
pub(crate) fn is_unit(unit: &str, normalized: &str) -> bool {
    normalized_unit(unit).eq(normalized.chars())
}

/// A counted pledge: who, how much, its status, and what ranks it among the
/// same stakeholder's pledges (see the module docs).
struct Counted {
    stakeholder: StakeholderId,
    /// The stakeholder's place in the workspace, `None` if it has none.
    position: Option<usize>,
    value: f64,
    status: CommitmentStatus,
    target_year: Option<i32>,
    rank: (Option<i32>, NaiveDate, usize),
}

/// The pledges linked to a metric that count on `date`, with how many were
/// left out for another unit or for having no quantity; filled one
/// commitment at a time.
struct Linked<'m> {
    metric: &'m crate::model::Metric,
    /// The metric's unit as compared (see [`normalized_unit`]).
    unit: String,
    counted: Vec<Counted>,
    other_units: usize,
    without_quantity: usize,
}

impl<'m> Linked<'m> {
    fn new(metric: &'m crate::model::Metric) -> Self {
        Self {
            metric,
            unit: normalized_unit(&metric.unit).collect(),
            counted: Vec::new(),
            other_units: 0,
            without_quantity: 0,
        }
    }

    /// Counts commitment `c`, linked to the metric and at place `at` in
    /// the workspace. Only a rate metric needs owners' places, to rank
    /// them: an additive one skips the lookup.
    fn add(&mut self, at: usize, c: &Commitment, index: &StakeholderIndex, date: NaiveDate) {
        let Some(status) = c.status_on(date) else {
            return;
        };
        let Some(quantity) = &c.quantity else {
            self.without_quantity += 1;
            return;
        };
        if !is_unit(&quantity.unit, &self.unit) {
            self.other_units += 1;
            return;
        }
        if status == CommitmentStatus::Withdrawn {
            return;
        }
        let position = match self.metric.kind {
            MetricKind::Rate => index.get(c.stakeholder),
            MetricKind::Additive => None,
        };
        self.counted.push(Counted {
            stakeholder: c.stakeholder,
            position,
            value: quantity.value,
            status,
            target_year: c.target_year,
            rank: (c.target_year, c.made_on, at),
        });
    }
}

/// An additive metric's pledges: the sum by status.
fn summed<'a>(towards: impl Iterator<Item = &'a Counted>) -> Pledges {
    let mut sum = Pledged::default();
    for c in towards {
        sum.add(c.status, c.value);
    }
    Pledges::Sum(sum)
}

/// A rate metric's pledges: each stakeholder's own latest one, lowest rate
/// first (ties in the workspace's order). `stakeholders` is how many the
/// workspace has: pledges are gathered by their owner's place in it.
fn rates<'a>(towards: impl Iterator<Item = &'a Counted>, stakeholders: usize) -> Pledges {
    let mut latest: Vec<&Counted> = Vec::new();
    // Owner's place → its pledge's place in `latest`: no hashing per
    // pledge. Owners missing from the workspace are looked up by id.
    let mut slot_of_position: Vec<Option<usize>> = vec![None; stakeholders];
    let mut slot_of_missing: std::collections::HashMap<StakeholderId, usize> = Default::default();
    for c in towards {
        let known = match c.position {
            Some(position) => slot_of_position[position],
            None => slot_of_missing.get(&c.stakeholder).copied(),
        };
        match known {
            Some(at) => {
                if latest[at].rank < c.rank {
                    latest[at] = c;
                }
            }
            None => {
                let at = latest.len();
                match c.position {
                    Some(position) => slot_of_position[position] = Some(at),
                    None => {
                        slot_of_missing.insert(c.stakeholder, at);
                    }
                }
                latest.push(c);
            }
        }
    }
    // Missing owners (`None`) sort before the others, as they always have.
    latest.sort_by(|a, b| {
        a.value
            .total_cmp(&b.value)
            .then(a.position.cmp(&b.position))
    });
    Pledges::Rates(
        latest
            .into_iter()
            .map(|c| StakeholderRate {
                stakeholder: c.stakeholder,
                value: c.value,
                status: c.status,
            })
            .collect(),
    )
}

/// Progress of `metric` at each milestone, statuses as of `date`.
pub fn metric_progress(
    ws: &Workspace,
    metric: MetricId,
    date: NaiveDate,
) -> Option<MetricProgress> {
    let definition = ws.roadmap.metric(metric)?;
    let index = ws.stakeholder_index();
    let mut linked = Linked::new(definition);
    for (at, c) in ws.commitments.iter().enumerate() {
        if c.metric == Some(metric) {
            linked.add(at, c, &index, date);
        }
    }
    Some(progress_of(ws, linked))
}

/// A metric's progress from its counted pledges.
fn progress_of(ws: &Workspace, linked: Linked<'_>) -> MetricProgress {
    let definition = linked.metric;
    let metric = definition.id;
    let milestones = ws
        .roadmap
        .milestones
        .iter()
        .map(|m| {
            let towards = linked
                .counted
                .iter()
                .filter(|c| c.target_year.is_none_or(|year| year <= m.year));
            let pledges = match definition.kind {
                MetricKind::Additive => summed(towards),
                MetricKind::Rate => rates(towards, ws.stakeholders.len()),
            };
            MilestoneProgress {
                year: m.year,
                target: m
                    .targets
                    .iter()
                    .find(|t| t.metric == metric)
                    .map(|t| t.value),
                pledges,
            }
        })
        .collect();
    MetricProgress {
        metric,
        kind: definition.kind,
        milestones,
        other_units: linked.other_units,
        without_quantity: linked.without_quantity,
    }
}

/// Progress of every metric, in roadmap order.
pub fn roadmap_progress(ws: &Workspace, date: NaiveDate) -> Vec<MetricProgress> {
    let index = ws.stakeholder_index();
    // One pass over the commitments for every metric, rather than one pass
    // per metric: at 100,000 commitments, reading them is the slow part.
    let metrics = &ws.roadmap.metrics;
    let mut linked: Vec<Linked<'_>> = metrics.iter().map(Linked::new).collect();
    for (at, c) in ws.commitments.iter().enumerate() {
        if let Some(metric) = c.metric
            && let Some(slot) = metrics.iter().position(|m| m.id == metric)
        {
            linked[slot].add(at, c, &index, date);
        }
    }
    linked
        .into_iter()
        .map(|linked| progress_of(ws, linked))
        .collect()
}

#[cfg(test)]
mod tests;
