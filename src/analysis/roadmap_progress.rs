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

use crate::model::{CommitmentStatus, MetricId, MetricKind, StakeholderId, Workspace};

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

/// Progress of `metric` at each milestone, statuses as of `date`.
pub fn metric_progress(
    ws: &Workspace,
    metric: MetricId,
    date: NaiveDate,
) -> Option<MetricProgress> {
    let definition = ws.roadmap.metric(metric)?;
    let mut other_units = 0;
    let mut without_quantity = 0;
    let mut counted = Vec::new();
    for (at, c) in ws.commitments.iter().enumerate() {
        if c.metric != Some(metric) {
            continue;
        }
        let Some(status) = c.status_on(date) else {
            continue;
        };
        let Some(quantity) = &c.quantity else {
            without_quantity += 1;
            continue;
        };
        if !same_unit(&quantity.unit, &definition.unit) {
            other_units += 1;
            continue;
        }
        if status == CommitmentStatus::Withdrawn {
            continue;
        }
        counted.push(Counted {
            stakeholder: c.stakeholder,
            value: quantity.value,
            status,
            target_year: c.target_year,
            rank: (c.target_year, c.made_on, at),
        });
    }
    let index = ws.stakeholder_index();
    let milestones = ws
        .roadmap
        .milestones
        .iter()
        .map(|m| {
            let towards = counted
                .iter()
                .filter(|c| c.target_year.is_none_or(|year| year <= m.year));
            let pledges = match definition.kind {
                MetricKind::Additive => {
                    let mut sum = Pledged::default();
                    for c in towards {
                        sum.add(c.status, c.value);
                    }
                    Pledges::Sum(sum)
                }
                MetricKind::Rate => {
                    let mut latest: Vec<&Counted> = Vec::new();
                    for c in towards {
                        match latest.iter_mut().find(|l| l.stakeholder == c.stakeholder) {
                            Some(slot) if slot.rank < c.rank => *slot = c,
                            Some(_) => {}
                            None => latest.push(c),
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
        other_units,
        without_quantity,
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
mod tests {
    use super::*;

    /// Milestones in `years`, each with its target for `metric`, if any.
    fn add_milestones(ws: &mut Workspace, metric: MetricId, years: &[(i32, Option<f64>)]) {
        for &(year, target) in years {
            ws.roadmap.milestones.push(Milestone {
                year,
                summary: String::new(),
                targets: target
                    .map(|value| MetricTarget { metric, value })
                    .into_iter()
                    .collect(),
            });
        }
    }
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
            kind: MetricKind::Additive,
            description: String::new(),
        };
        add_milestones(
            &mut ws,
            metric.id,
            &[(2030, Some(10.0)), (2035, None), (2040, Some(30.0))],
        );
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
            p.milestones[0].pledges,
            Pledges::Sum(Pledged {
                achieved: 2.0,
                ..Pledged::default()
            })
        );
        assert_eq!(p.milestones[1].target, None);
        let Pledges::Sum(in_2040) = p.milestones[2].pledges else {
            panic!("an additive metric sums");
        };
        assert_eq!(
            in_2040.total(),
            6.0,
            "2030 and 2040 pledges, not the withdrawn one"
        );
        assert_eq!(in_2040.announced, 4.0);
        assert_eq!(p.other_units, 1);
        // Before the withdrawal, the withdrawn pledge still counted.
        let earlier = metric_progress(&ws, metric.id, day(2022, 6, 1)).unwrap();
        let Pledges::Sum(in_2030) = earlier.milestones[0].pledges else {
            panic!("an additive metric sums");
        };
        assert_eq!(in_2030.announced, 7.0);
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7.0]), Some(7.0));
        assert_eq!(median(&[10.0, 20.0, 60.0]), Some(20.0));
        assert_eq!(median(&[10.0, 20.0, 30.0, 90.0]), Some(25.0));
    }

    #[test]
    fn rates_are_each_stakeholders_own_never_summed() {
        let mut ws = Workspace::new("R", Sector::IronSteel);
        let metric = Metric {
            id: MetricId::new_random(),
            name: "Scrap share".into(),
            unit: "%".into(),
            kind: MetricKind::Rate,
            description: String::new(),
        };
        add_milestones(&mut ws, metric.id, &[(2030, Some(50.0)), (2040, None)]);
        ws.roadmap.metrics.push(metric.clone());
        let firms: Vec<Stakeholder> = ["A", "B", "C", "D"]
            .into_iter()
            .map(|name| Stakeholder::new(name, Category::Industry))
            .collect();
        let pledge = |firm: usize, year: i32, made: NaiveDate, value: f64| {
            let mut c =
                Commitment::new(firms[firm].id, CommitmentKind::InterimTarget, "scrap", made);
            c.metric = Some(metric.id);
            c.target_year = Some(year);
            c.quantity = Some(Quantity {
                value,
                unit: "%".into(),
            });
            c
        };
        // A: 30 % by 2030, then a later pledge made earlier: 80 % by 2040.
        // B: 40 % by 2030, revised to 45 % (made later, same target year).
        // C: 20 % by 2030. D: 60 % by 2030, withdrawn.
        let mut withdrawn = pledge(3, 2030, day(2021, 1, 1), 60.0);
        withdrawn.set_status(CommitmentStatus::Withdrawn, day(2023, 1, 1));
        ws.commitments.extend([
            pledge(0, 2040, day(2020, 1, 1), 80.0),
            pledge(0, 2030, day(2022, 1, 1), 30.0),
            pledge(1, 2030, day(2024, 1, 1), 45.0),
            pledge(1, 2030, day(2021, 1, 1), 40.0),
            pledge(2, 2030, day(2022, 1, 1), 20.0),
            withdrawn,
        ]);
        ws.stakeholders.extend(firms.iter().cloned());

        let p = metric_progress(&ws, metric.id, day(2025, 1, 1)).unwrap();
        assert_eq!(p.kind, MetricKind::Rate);
        let values = |m: &MilestoneProgress| -> Vec<(String, f64)> {
            let Pledges::Rates(rates) = &m.pledges else {
                panic!("a rate metric is never summed");
            };
            rates
                .iter()
                .map(|r| (ws.stakeholder_name(r.stakeholder).to_string(), r.value))
                .collect()
        };
        let by_2030 = values(&p.milestones[0]);
        assert_eq!(
            by_2030,
            vec![("C".into(), 20.0), ("A".into(), 30.0), ("B".into(), 45.0)]
        );
        let Pledges::Rates(rates) = &p.milestones[0].pledges else {
            unreachable!()
        };
        assert_eq!(rates.len(), 3, "three stakeholders pledge");
        assert_eq!(median_rate(rates), Some(30.0));
        assert_eq!(p.milestones[0].target, Some(50.0));

        // By 2040 A's 2040 pledge replaces its 2030 one: 20, 45, 80.
        let by_2040 = values(&p.milestones[1]);
        assert_eq!(
            by_2040,
            vec![("C".into(), 20.0), ("B".into(), 45.0), ("A".into(), 80.0)]
        );
        let Pledges::Rates(rates) = &p.milestones[1].pledges else {
            unreachable!()
        };
        assert_eq!(median_rate(rates), Some(45.0));

        // Before D withdrew and B revised, four pledge: 20, 30, 40, 60 → median 35.
        let earlier = metric_progress(&ws, metric.id, day(2022, 6, 1)).unwrap();
        let Pledges::Rates(rates) = &earlier.milestones[0].pledges else {
            unreachable!()
        };
        assert_eq!(rates.len(), 4);
        assert_eq!(median_rate(rates), Some(35.0));
    }
}
