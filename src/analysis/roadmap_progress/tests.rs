//! Pledged-against-target figures checked on small workspaces whose
//! answers are counted by hand.

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
        segment: None,
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
        segment: None,
    };
    add_milestones(&mut ws, metric.id, &[(2030, Some(50.0)), (2040, None)]);
    ws.roadmap.metrics.push(metric.clone());
    let firms: Vec<Stakeholder> = ["A", "B", "C", "D"]
        .into_iter()
        .map(|name| Stakeholder::new(name, Category::Industry))
        .collect();
    let pledge = |firm: usize, year: i32, made: NaiveDate, value: f64| {
        let mut c = Commitment::new(firms[firm].id, CommitmentKind::InterimTarget, "scrap", made);
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
