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
    CommitmentStatus, MetricId, MetricKind, StakeholderId, StakeholderIndex, Workspace,
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

fn same_unit(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// A counted pledge: who, how much, its status, and what ranks it among the
/// same stakeholder's pledges (see the module docs).
struct Counted {
    stakeholder: StakeholderId,
    value: f64,
    status: CommitmentStatus,
    target_year: Option<i32>,
    rank: (Option<i32>, NaiveDate, usize),
}

/// The pledges linked to a metric that count on `date`, with how many were
/// left out for another unit or for having no quantity.
struct Linked {
    counted: Vec<Counted>,
    other_units: usize,
    without_quantity: usize,
}

fn linked_pledges(ws: &Workspace, metric: &crate::model::Metric, date: NaiveDate) -> Linked {
    let mut linked = Linked {
        counted: Vec::new(),
        other_units: 0,
        without_quantity: 0,
    };
    for (at, c) in ws.commitments.iter().enumerate() {
        if c.metric != Some(metric.id) {
            continue;
        }
        let Some(status) = c.status_on(date) else {
            continue;
        };
        let Some(quantity) = &c.quantity else {
            linked.without_quantity += 1;
            continue;
        };
        if !same_unit(&quantity.unit, &metric.unit) {
            linked.other_units += 1;
            continue;
        }
        if status == CommitmentStatus::Withdrawn {
            continue;
        }
        linked.counted.push(Counted {
            stakeholder: c.stakeholder,
            value: quantity.value,
            status,
            target_year: c.target_year,
            rank: (c.target_year, c.made_on, at),
        });
    }
    linked
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
/// first (ties in the workspace's order).
fn rates<'a>(towards: impl Iterator<Item = &'a Counted>, index: &StakeholderIndex) -> Pledges {
    let mut latest: Vec<&Counted> = Vec::new();
    // Stakeholder → its place in `latest`: one lookup per pledge.
    let mut slot_of: std::collections::HashMap<StakeholderId, usize> = Default::default();
    for c in towards {
        match slot_of.get(&c.stakeholder) {
            Some(&slot) if latest[slot].rank < c.rank => latest[slot] = c,
            Some(_) => {}
            None => {
                slot_of.insert(c.stakeholder, latest.len());
                latest.push(c);
            }
        }
    }
    let mut rates: Vec<StakeholderRate> = latest
        .into_iter()
        .map(|c| StakeholderRate {
            stakeholder: c.stakeholder,
            value: c.value,
            status: c.status,
        })
        .collect();
    rates.sort_by(|a, b| {
        a.value
            .total_cmp(&b.value)
            .then_with(|| index.get(a.stakeholder).cmp(&index.get(b.stakeholder)))
    });
    Pledges::Rates(rates)
}

/// Progress of `metric` at each milestone, statuses as of `date`.
pub fn metric_progress(
    ws: &Workspace,
    metric: MetricId,
    date: NaiveDate,
) -> Option<MetricProgress> {
    let definition = ws.roadmap.metric(metric)?;
    let linked = linked_pledges(ws, definition, date);
    let index = ws.stakeholder_index();
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
                MetricKind::Rate => rates(towards, &index),
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
    Some(MetricProgress {
        metric,
        kind: definition.kind,
        milestones,
        other_units: linked.other_units,
        without_quantity: linked.without_quantity,
    })
}

/// Progress of every metric, in roadmap order.
pub fn roadmap_progress(ws: &Workspace, date: NaiveDate) -> Vec<MetricProgress> {
    ws.roadmap
        .metrics
        .iter()
        .filter_map(|m| metric_progress(ws, m.id, date))
        .collect()
}

#[cfg(test)]
mod tests;
