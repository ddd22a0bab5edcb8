//! How far pledges go towards each roadmap milestone: for a metric, the
//! quantities of the commitments linked to it, by status, against the
//! milestone targets.
//!
//! A commitment counts towards the milestone of year Y when its target year
//! is Y or earlier (a commitment without a target year counts towards every
//! milestone), its quantity's unit is the metric's unit (compared without
//! case or spaces) and it is not withdrawn on the date asked.

use chrono::NaiveDate;

use crate::model::{CommitmentStatus, MetricId, Workspace};

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

/// One milestone of one metric.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MilestoneProgress {
    pub year: i32,
    pub target: Option<f64>,
    pub pledged: Pledged,
}

/// A metric's progress at every milestone.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricProgress {
    pub metric: MetricId,
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

/// Progress of `metric` at each milestone, statuses as of `date`.
pub fn metric_progress(
    ws: &Workspace,
    metric: MetricId,
    date: NaiveDate,
) -> Option<MetricProgress> {
    let unit = &ws.roadmap.metric(metric)?.unit;
    let mut progress = MetricProgress {
        metric,
        milestones: ws
            .roadmap
            .milestones
            .iter()
            .map(|m| MilestoneProgress {
                year: m.year,
                target: m
                    .targets
                    .iter()
                    .find(|t| t.metric == metric)
                    .map(|t| t.value),
                pledged: Pledged::default(),
            })
            .collect(),
        other_units: 0,
        without_quantity: 0,
    };
    for c in ws.commitments.iter().filter(|c| c.metric == Some(metric)) {
        let Some(status) = c.status_on(date) else {
            continue;
        };
        let Some(quantity) = &c.quantity else {
            progress.without_quantity += 1;
            continue;
        };
        if !same_unit(&quantity.unit, unit) {
            progress.other_units += 1;
            continue;
        }
        for milestone in &mut progress.milestones {
            if c.target_year.is_none_or(|year| year <= milestone.year) {
                milestone.pledged.add(status, quantity.value);
            }
        }
    }
    Some(progress)
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
mod tests {
    use super::*;
    use crate::model::{
        Category, Commitment, CommitmentKind, Metric, MetricTarget, Milestone, Quantity, Sector,
        Stakeholder,
    };

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn pledges_are_summed_by_status_against_targets() {
        let mut ws = Workspace::new("R", Sector::IronSteel);
        let metric = Metric {
            id: MetricId::new_random(),
            name: "Offtake".into(),
            unit: "Mt".into(),
            description: String::new(),
        };
        for (year, target) in [(2030, Some(10.0)), (2035, None), (2040, Some(30.0))] {
            ws.roadmap.milestones.push(Milestone {
                year,
                summary: String::new(),
                targets: target
                    .map(|value| MetricTarget {
                        metric: metric.id,
                        value,
                    })
                    .into_iter()
                    .collect(),
            });
        }
        ws.roadmap.metrics.push(metric.clone());
        let buyer = Stakeholder::new("Buyer", Category::Buyer);
        let pledge = |title: &str, year: i32, value: f64, unit: &str| {
            let mut c = Commitment::new(
                buyer.id,
                CommitmentKind::OfftakeAgreement,
                title,
                day(2022, 1, 1),
            );
            c.metric = Some(metric.id);
            c.target_year = Some(year);
            c.quantity = Some(Quantity {
                value,
                unit: unit.into(),
            });
            c
        };
        let mut done = pledge("done", 2030, 2.0, "Mt");
        done.set_status(CommitmentStatus::Achieved, day(2024, 1, 1));
        let mut gone = pledge("gone", 2030, 5.0, "Mt");
        gone.set_status(CommitmentStatus::Withdrawn, day(2023, 1, 1));
        let later = pledge("later", 2040, 4.0, " mt ");
        let other = pledge("other", 2030, 9.0, "kt");
        ws.commitments.extend([done, gone, later, other]);
        ws.stakeholders.push(buyer);

        let p = metric_progress(&ws, metric.id, day(2025, 1, 1)).unwrap();
        assert_eq!(p.milestones[0].target, Some(10.0));
        assert_eq!(
            p.milestones[0].pledged,
            Pledged {
                achieved: 2.0,
                ..Pledged::default()
            }
        );
        assert_eq!(p.milestones[1].target, None);
        assert_eq!(
            p.milestones[2].pledged.total(),
            6.0,
            "2030 and 2040 pledges, not the withdrawn one"
        );
        assert_eq!(p.milestones[2].pledged.announced, 4.0);
        assert_eq!(p.other_units, 1);
        // Before the withdrawal, the withdrawn pledge still counted.
        let earlier = metric_progress(&ws, metric.id, day(2022, 6, 1)).unwrap();
        assert_eq!(earlier.milestones[0].pledged.announced, 7.0);
    }
}
