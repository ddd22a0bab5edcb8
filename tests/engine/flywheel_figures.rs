//! The flywheel's figures on small workspaces whose answers are counted by
//! hand: coverage, share of target, at risk, the fallback to coverage, the
//! slowest segment and its sentence, who can push next, the trend and the
//! quarterly series.

use chrono::{Months, NaiveDate};
use flywheel::analysis::flywheel::{
    Measure, MetricShare, Trend, bottleneck, default_milestone, flywheel, share_words,
};
use flywheel::analysis::roadmap_progress::{Pledges, metric_progress};
use flywheel::model::{
    Category, Commitment, CommitmentKind, CommitmentStatus, MetricId, MetricKind, Milestone,
    Sector, Segment, Stakeholder, Workspace,
};

use crate::support::coalition::{
    add_metric, add_stakeholder, commit, pledge, pledge_in, set_target,
};
use crate::support::{day, today as as_of};

fn assert_close(actual: Option<f64>, expected: f64, what: &str) {
    let actual = actual.unwrap_or_else(|| panic!("{what}: no share"));
    assert!(
        (actual - expected).abs() < 1e-9,
        "{what}: {actual}, expected {expected}"
    );
}

fn workspace() -> Workspace {
    Workspace::new("Flywheel checks", Sector::IronSteel)
}

/// The demand metric most tests measure: offtake, in Mt.
fn offtake_metric(ws: &mut Workspace) -> MetricId {
    add_metric(ws, "Offtake", "Mt", Segment::Demand)
}

#[test]
fn coverage_counts_only_the_segments_own_categories() {
    let mut ws = workspace();
    let buyer_a = add_stakeholder(&mut ws, "Buyer A", Category::Buyer, 3, 0);
    let buyer_b = add_stakeholder(&mut ws, "Buyer B", Category::Buyer, 3, 0);
    let buyer_c = add_stakeholder(&mut ws, "Buyer C", Category::Buyer, 3, 0);
    let industry = add_stakeholder(&mut ws, "Mill", Category::Industry, 3, 0);
    let supplier = add_stakeholder(&mut ws, "Ore supplier", Category::Supplier, 3, 0);
    let bank = add_stakeholder(&mut ws, "Bank", Category::Bank, 3, 0);
    add_stakeholder(&mut ws, "Fund", Category::Investor, 3, 0);
    add_stakeholder(&mut ws, "Ministry", Category::Government, 3, 0);
    let ngo = add_stakeholder(&mut ws, "NGO", Category::CivilSociety, 3, 0);
    let made = day(2024, 1, 1);
    // Buyer A moves demand twice over: one stakeholder moved, two commitments.
    commit(&mut ws, buyer_a, CommitmentKind::ProcurementPledge, made);
    commit(&mut ws, buyer_a, CommitmentKind::OfftakeAgreement, made);
    // Demand's kind from industry: a commitment, but no buyer moved.
    commit(&mut ws, industry, CommitmentKind::ProcurementPledge, made);
    // Supply's kind from a buyer: counted, moves no supplier.
    commit(&mut ws, buyer_b, CommitmentKind::Project, made);
    commit(&mut ws, supplier, CommitmentKind::Project, made);
    commit(&mut ws, bank, CommitmentKind::Financing, made);
    // Policy's kind from civil society: counted, no government moved.
    commit(&mut ws, ngo, CommitmentKind::Policy, made);
    // No segment's kind: nothing.
    commit(&mut ws, buyer_c, CommitmentKind::NetZeroTarget, made);

    let fw = flywheel(&ws, 2030, as_of());
    let figures = |s: Segment| {
        let f = fw.segment(s);
        assert_eq!(f.segment, s);
        assert_eq!(f.measure, Measure::Coverage, "{s}: no targets");
        assert_eq!(f.at_risk, 0);
        assert!(f.metrics.is_empty());
        (f.stakeholders, f.moved, f.commitments)
    };
    assert_eq!(figures(Segment::Demand), (3, 1, 3));
    assert_eq!(figures(Segment::Supply), (2, 1, 2));
    assert_eq!(figures(Segment::Finance), (2, 1, 1));
    assert_eq!(figures(Segment::Policy), (1, 0, 1));
    assert_close(fw.segment(Segment::Demand).share, 1.0 / 3.0, "demand");
    assert_close(fw.segment(Segment::Supply).share, 0.5, "supply");
    assert_close(fw.segment(Segment::Finance).share, 0.5, "finance");
    assert_close(fw.segment(Segment::Policy).share, 0.0, "policy");
    assert_eq!(fw.segment(Segment::Supply).coverage(), 0.5);
    assert_eq!(
        fw.segments.iter().map(|s| s.segment).collect::<Vec<_>>(),
        Segment::ALL
    );
}

#[test]
fn an_additive_metric_counts_pledges_in_its_unit_by_the_milestone() {
    let mut ws = workspace();
    let buyer = add_stakeholder(&mut ws, "Buyer", Category::Buyer, 3, 0);
    let offtake = add_metric(&mut ws, "Offtake contracted", "Mt", Segment::Demand);
    set_target(&mut ws, 2030, offtake, 10.0);
    set_target(&mut ws, 2035, offtake, 40.0);
    let made = day(2024, 3, 1);
    let kind = CommitmentKind::OfftakeAgreement;
    pledge_in(&mut ws, buyer, kind, made, offtake, 2.0, "Mt", Some(2030));
    // No target year: counts towards every milestone.
    pledge(&mut ws, buyer, kind, made, offtake, 3.0);
    // The unit compared without case or spaces.
    pledge_in(&mut ws, buyer, kind, made, offtake, 1.0, " mt ", Some(2025));
    // Another unit: not counted.
    pledge_in(&mut ws, buyer, kind, made, offtake, 4.0, "kt", Some(2030));
    // Due after the milestone: not counted towards 2030.
    pledge_in(&mut ws, buyer, kind, made, offtake, 5.0, "Mt", Some(2035));

    let fw = flywheel(&ws, 2030, as_of());
    let demand = fw.segment(Segment::Demand);
    assert_eq!(demand.measure, Measure::Target);
    assert_eq!(
        demand.metrics,
        vec![MetricShare {
            metric: offtake,
            name: "Offtake contracted".into(),
            unit: "Mt".into(),
            pledged: 6.0,
            at_risk: 0.0,
            target: 10.0,
        }]
    );
    assert_close(demand.share, 0.6, "6 of 10 Mt");
    assert_eq!(share_words(demand, 2030), "60 % of the 2030 target");
    // Every pledge is the buyer's: one stakeholder moved, five commitments.
    assert_eq!((demand.moved, demand.commitments), (1, 5));

    // At 2035 the 2035 pledge counts too: 11 of 40 Mt.
    let fw = flywheel(&ws, 2035, as_of());
    let demand = fw.segment(Segment::Demand);
    assert_eq!(demand.metrics[0].pledged, 11.0);
    assert_close(demand.share, 11.0 / 40.0, "11 of 40 Mt");
}

#[test]
fn a_segment_with_two_metrics_is_the_mean_of_their_capped_shares() {
    let mut ws = workspace();
    let mill = add_stakeholder(&mut ws, "Mill", Category::Industry, 3, 0);
    let plants = add_metric(&mut ws, "Plants", "#", Segment::Supply);
    let steel = add_metric(&mut ws, "Near-zero steel", "Mt/yr", Segment::Supply);
    // A rate never adds up: it does not measure the segment.
    let intensity = add_metric(&mut ws, "Intensity", "tCO2e/t", Segment::Supply);
    ws.roadmap.metrics[2].kind = MetricKind::Rate;
    set_target(&mut ws, 2030, plants, 4.0);
    set_target(&mut ws, 2030, steel, 100.0);
    set_target(&mut ws, 2030, intensity, 1.2);
    let made = day(2024, 3, 1);
    let kind = CommitmentKind::Project;
    pledge_in(&mut ws, mill, kind, made, plants, 6.0, "#", Some(2030));
    pledge_in(&mut ws, mill, kind, made, steel, 20.0, "Mt/yr", Some(2028));
    pledge_in(
        &mut ws,
        mill,
        kind,
        made,
        intensity,
        1.0,
        "tCO2e/t",
        Some(2030),
    );

    let fw = flywheel(&ws, 2030, as_of());
    let supply = fw.segment(Segment::Supply);
    assert_eq!(supply.measure, Measure::Target);
    let names: Vec<&str> = supply.metrics.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["Plants", "Near-zero steel"],
        "roadmap order, no rate"
    );
    // 6 of 4 plants is 150 %, capped at 100 %; 20 of 100 Mt/yr is 20 %.
    assert_eq!(supply.metrics[0].share(), 1.5);
    assert_eq!(supply.metrics[1].share(), 0.2);
    assert_close(supply.share, (1.0 + 0.2) / 2.0, "mean of 100 % and 20 %");
    assert_eq!(share_words(supply, 2030), "60 % of the 2030 target");
}

#[test]
fn a_withdrawn_commitment_never_counts_but_one_withdrawn_later_counts_until_then() {
    let mut ws = workspace();
    let buyer_a = add_stakeholder(&mut ws, "Buyer A", Category::Buyer, 3, 0);
    let buyer_b = add_stakeholder(&mut ws, "Buyer B", Category::Buyer, 3, 0);
    let offtake = offtake_metric(&mut ws);
    set_target(&mut ws, 2030, offtake, 10.0);
    let kind = CommitmentKind::OfftakeAgreement;
    let gone = pledge(&mut ws, buyer_a, kind, day(2024, 1, 1), offtake, 2.0);
    ws.commitments[gone].set_status(CommitmentStatus::Withdrawn, day(2025, 1, 1));
    let later = pledge(&mut ws, buyer_b, kind, day(2024, 1, 1), offtake, 3.0);
    ws.commitments[later].set_status(CommitmentStatus::Withdrawn, day(2027, 1, 1));

    let fw = flywheel(&ws, 2030, as_of());
    let demand = fw.segment(Segment::Demand);
    assert_eq!((demand.moved, demand.commitments), (1, 1), "only B's");
    assert_eq!(demand.metrics[0].pledged, 3.0);
    assert_close(demand.share, 0.3, "3 of 10 Mt");
    let names: Vec<&str> = fw.who_can_push.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(fw.slowest, Some(Segment::Demand));
    assert_eq!(names, ["Buyer A"], "B moved; A withdrew");

    // After B withdraws too, nothing counts.
    let fw = flywheel(&ws, 2030, day(2027, 6, 1));
    let demand = fw.segment(Segment::Demand);
    assert_eq!((demand.moved, demand.commitments), (0, 0));
    assert_eq!(demand.metrics[0].pledged, 0.0);
    assert_close(demand.share, 0.0, "nothing pledged");
    // Before A withdrew, both counted.
    let fw = flywheel(&ws, 2030, day(2024, 6, 1));
    assert_eq!(fw.segment(Segment::Demand).metrics[0].pledged, 5.0);
    assert_eq!(fw.segment(Segment::Demand).moved, 2);
}

#[test]
fn a_commitment_at_risk_counts_and_is_counted_as_at_risk() {
    let mut ws = workspace();
    let buyer_a = add_stakeholder(&mut ws, "Buyer A", Category::Buyer, 3, 0);
    let buyer_b = add_stakeholder(&mut ws, "Buyer B", Category::Buyer, 3, 0);
    let mill = add_stakeholder(&mut ws, "Mill", Category::Industry, 3, 0);
    let offtake = offtake_metric(&mut ws);
    set_target(&mut ws, 2030, offtake, 10.0);
    let kind = CommitmentKind::OfftakeAgreement;
    let shaky = pledge(&mut ws, buyer_a, kind, day(2024, 1, 1), offtake, 4.0);
    ws.commitments[shaky].set_status(CommitmentStatus::AtRisk, day(2026, 6, 1));
    pledge(&mut ws, buyer_b, kind, day(2024, 1, 1), offtake, 1.0);
    let project = commit(&mut ws, mill, CommitmentKind::Project, day(2024, 1, 1));
    ws.commitments[project].set_status(CommitmentStatus::AtRisk, day(2026, 6, 1));

    let fw = flywheel(&ws, 2030, as_of());
    let demand = fw.segment(Segment::Demand);
    assert_eq!(
        (demand.moved, demand.commitments, demand.at_risk),
        (2, 2, 1)
    );
    assert_eq!(demand.metrics[0].pledged, 5.0, "at risk included");
    assert_eq!(demand.metrics[0].at_risk, 4.0);
    assert_close(demand.share, 0.5, "5 of 10 Mt");
    let supply = fw.segment(Segment::Supply);
    assert_eq!(
        (supply.moved, supply.commitments, supply.at_risk),
        (1, 1, 1)
    );

    // Before it slipped, nothing was at risk.
    let fw = flywheel(&ws, 2030, day(2026, 5, 31));
    let demand = fw.segment(Segment::Demand);
    assert_eq!((demand.at_risk, demand.metrics[0].at_risk), (0, 0.0));
    assert_eq!(demand.metrics[0].pledged, 5.0);
    assert_eq!(fw.segment(Segment::Supply).at_risk, 0);
}

#[test]
fn a_segment_without_a_target_at_the_milestone_is_measured_by_coverage() {
    let mut ws = workspace();
    let buyer_a = add_stakeholder(&mut ws, "Buyer A", Category::Buyer, 3, 0);
    add_stakeholder(&mut ws, "Buyer B", Category::Buyer, 3, 0);
    let offtake = offtake_metric(&mut ws);
    // A target at 2035 only, and an empty 2030 milestone.
    set_target(&mut ws, 2035, offtake, 20.0);
    ws.roadmap.milestones.insert(
        0,
        Milestone {
            year: 2030,
            summary: String::new(),
            targets: Vec::new(),
        },
    );
    let kind = CommitmentKind::OfftakeAgreement;
    pledge(&mut ws, buyer_a, kind, day(2024, 1, 1), offtake, 5.0);

    let fw = flywheel(&ws, 2030, as_of());
    let demand = fw.segment(Segment::Demand);
    assert_eq!(demand.measure, Measure::Coverage);
    assert!(demand.metrics.is_empty());
    assert_close(demand.share, 0.5, "1 of 2 buyers");
    assert_eq!(
        share_words(demand, 2030),
        "1 of 2 buyer stakeholders moved (50 %; no 2030 target, so measured by who moved)"
    );

    // At 2035 the target measures it: 5 of 20 Mt.
    let fw = flywheel(&ws, 2035, as_of());
    let demand = fw.segment(Segment::Demand);
    assert_eq!(demand.measure, Measure::Target);
    assert_close(demand.share, 0.25, "5 of 20 Mt");
    assert_eq!(share_words(demand, 2035), "25 % of the 2035 target");

    // A target of 0 measures nothing either.
    set_target(&mut ws, 2030, offtake, 0.0);
    let fw = flywheel(&ws, 2030, as_of());
    assert_eq!(fw.segment(Segment::Demand).measure, Measure::Coverage);
}

#[test]
fn a_segment_with_nothing_to_measure_has_no_share() {
    let mut ws = workspace();
    let fw = flywheel(&ws, 2030, as_of());
    for s in &fw.segments {
        assert_eq!(s.share, None, "{}", s.segment);
        assert_eq!(s.share_year_ago, None);
        assert_eq!(s.trend, Trend::Flat);
        assert_eq!(share_words(s, 2030), "nothing to measure yet");
    }
    assert_eq!(fw.slowest, None);
    assert_eq!(bottleneck(&fw), None);
    assert!(fw.who_can_push.is_empty());

    // One buyer who has not moved: demand is at 0 %, the others have no
    // share, and the sentence compares with nothing.
    add_stakeholder(&mut ws, "Buyer", Category::Buyer, 3, 0);
    let fw = flywheel(&ws, 2030, as_of());
    assert_close(fw.segment(Segment::Demand).share, 0.0, "0 of 1 buyer");
    assert_eq!(fw.segment(Segment::Policy).share, None);
    assert_eq!(fw.slowest, Some(Segment::Demand));
    assert_eq!(
        bottleneck(&fw).as_deref(),
        Some(
            "Demand is the bottleneck: 0 of 1 buyer stakeholders moved \
             (0 %; no 2030 target, so measured by who moved)."
        )
    );
}

#[test]
fn the_slowest_segment_is_named_in_the_bottleneck_sentence() {
    let mut ws = workspace();
    let buyer = add_stakeholder(&mut ws, "Buyer", Category::Buyer, 3, 0);
    let mill = add_stakeholder(&mut ws, "Mill", Category::Industry, 3, 0);
    let bank = add_stakeholder(&mut ws, "Bank", Category::Bank, 3, 0);
    let ministry = add_stakeholder(&mut ws, "Ministry", Category::Government, 3, 0);
    add_stakeholder(&mut ws, "Agency", Category::Government, 3, 0);
    let made = day(2024, 1, 1);
    for (name, unit, segment, who, kind, value) in [
        (
            "Offtake",
            "Mt",
            Segment::Demand,
            buyer,
            CommitmentKind::OfftakeAgreement,
            14.0,
        ),
        (
            "Steel",
            "Mt/yr",
            Segment::Supply,
            mill,
            CommitmentKind::Project,
            9.0,
        ),
        (
            "Finance",
            "EUR bn",
            Segment::Finance,
            bank,
            CommitmentKind::Financing,
            5.0,
        ),
    ] {
        let metric = add_metric(&mut ws, name, unit, segment);
        set_target(&mut ws, 2030, metric, 100.0);
        pledge_in(&mut ws, who, kind, made, metric, value, unit, Some(2030));
    }
    // Policy has no metric: one of two governments moved, 50 %.
    commit(&mut ws, ministry, CommitmentKind::Policy, made);

    let fw = flywheel(&ws, 2030, as_of());
    assert_eq!(fw.slowest, Some(Segment::Finance));
    assert_eq!(
        bottleneck(&fw).as_deref(),
        Some(
            "Finance is the bottleneck: 5 % of the 2030 target, \
             against demand 14 %, supply 9 % and policy 50 %."
        )
    );
    // The bank moved: nobody left in finance to push.
    assert!(fw.who_can_push.is_empty());
}

#[test]
fn who_can_push_next_are_the_slowest_segments_unmoved_most_influential_first() {
    let mut ws = workspace();
    let made = day(2024, 1, 1);
    let buyer = add_stakeholder(&mut ws, "Buyer", Category::Buyer, 5, 2);
    commit(&mut ws, buyer, CommitmentKind::ProcurementPledge, made);
    let mill = add_stakeholder(&mut ws, "Mill", Category::Industry, 5, 2);
    commit(&mut ws, mill, CommitmentKind::Project, made);
    let ministry = add_stakeholder(&mut ws, "Ministry", Category::Government, 5, 2);
    commit(&mut ws, ministry, CommitmentKind::Policy, made);
    // Finance: one of six moved, the slowest at 17 %.
    add_stakeholder(&mut ws, "Zeta Bank", Category::Bank, 5, 0);
    add_stakeholder(&mut ws, "Low Bank", Category::Bank, 2, 2);
    let withdrawn = add_stakeholder(&mut ws, "Withdrawn Bank", Category::Bank, 4, -1);
    let gone = commit(&mut ws, withdrawn, CommitmentKind::Financing, made);
    ws.commitments[gone].set_status(CommitmentStatus::Withdrawn, day(2025, 1, 1));
    add_stakeholder(&mut ws, "Alpha Bank", Category::Bank, 5, 0);
    let moved = add_stakeholder(&mut ws, "Moved Bank", Category::Bank, 5, 2);
    commit(&mut ws, moved, CommitmentKind::Financing, made);
    add_stakeholder(&mut ws, "Mid Investor", Category::Investor, 5, 2);
    // Not finance's category, however influential.
    add_stakeholder(&mut ws, "Idle Buyer", Category::Buyer, 5, 2);
    // A financing commitment from a buyer moves no bank.
    commit(&mut ws, buyer, CommitmentKind::Financing, made);

    let fw = flywheel(&ws, 2030, as_of());
    assert_eq!(fw.slowest, Some(Segment::Finance));
    let finance = fw.segment(Segment::Finance);
    assert_eq!((finance.stakeholders, finance.moved), (6, 1));
    let pushers: Vec<(&str, Category, u8, i8)> = fw
        .who_can_push
        .iter()
        .map(|c| (c.name.as_str(), c.category, c.influence, c.support))
        .collect();
    assert_eq!(
        pushers,
        [
            ("Mid Investor", Category::Investor, 5, 2),
            ("Alpha Bank", Category::Bank, 5, 0),
            ("Zeta Bank", Category::Bank, 5, 0),
            ("Withdrawn Bank", Category::Bank, 4, -1),
            ("Low Bank", Category::Bank, 2, 2),
        ]
    );
    assert_eq!(
        bottleneck(&fw).as_deref(),
        Some(
            "Finance is the bottleneck: 1 of 6 bank and investor stakeholders moved \
             (17 %; no 2030 target, so measured by who moved), \
             against demand 50 %, supply 100 % and policy 100 %."
        )
    );
}

/// The flywheel sums pledges as a running total (+ when a commitment
/// starts counting, − when withdrawn). With a large pledge withdrawn, the
/// small ones vanish in rounding: the Roadmap tab counts 0.3 pledged, the
/// flywheel something else, although it says it counts "as the Roadmap
/// tab counts it".
#[test]
fn the_flywheel_counts_pledges_as_the_roadmap_tab_does() {
    let mut ws = workspace();
    let buyer = add_stakeholder(&mut ws, "Carmaker", Category::Buyer, 3, 0);
    let metric = add_metric(&mut ws, "Near-zero steel bought", "Mt", Segment::Demand);
    set_target(&mut ws, 2030, metric, 1.0);
    let (kind, made) = (CommitmentKind::ProcurementPledge, day(2024, 1, 1));
    // A typo of a pledge, entered then withdrawn.
    let typo = pledge(&mut ws, buyer, kind, made, metric, 1e15);
    ws.commitments[typo].set_status(CommitmentStatus::Withdrawn, day(2024, 6, 1));
    pledge(&mut ws, buyer, kind, made, metric, 0.3);
    assert_eq!(flywheel::model::validate(&ws), Ok(()));
    let today = day(2025, 1, 1);

    let progress = metric_progress(&ws, metric, today).unwrap();
    let Pledges::Sum(sum) = progress.milestones[0].pledges else {
        panic!("additive");
    };
    assert_eq!(sum.total(), 0.3, "the Roadmap tab");
    let fw = flywheel(&ws, 2030, today);
    let demand = fw.segment(Segment::Demand);
    assert_eq!(
        demand.metrics[0].pledged, 0.3,
        "the flywheel's pledged differs from the Roadmap tab's"
    );
}

/// Demand rises, supply falls, finance holds and policy creeps up by less
/// than a percentage point, between 2025-11-23 and 2026-11-23.
fn trending() -> Workspace {
    let mut ws = workspace();
    let buyer = add_stakeholder(&mut ws, "Buyer", Category::Buyer, 3, 0);
    let mill = add_stakeholder(&mut ws, "Mill", Category::Industry, 3, 0);
    let bank = add_stakeholder(&mut ws, "Bank", Category::Bank, 3, 0);
    add_stakeholder(&mut ws, "Fund", Category::Investor, 3, 0);
    let ministry = add_stakeholder(&mut ws, "Ministry", Category::Government, 3, 0);
    let offtake = offtake_metric(&mut ws);
    let steel = add_metric(&mut ws, "Steel", "Mt/yr", Segment::Supply);
    let laws = add_metric(&mut ws, "Laws", "#", Segment::Policy);
    set_target(&mut ws, 2030, offtake, 10.0);
    set_target(&mut ws, 2030, steel, 10.0);
    set_target(&mut ws, 2030, laws, 1000.0);
    let (offtakes, projects) = (CommitmentKind::OfftakeAgreement, CommitmentKind::Project);
    // Demand: 2 Mt since 2024-01-01, 3 more since 2026-03-01.
    pledge(&mut ws, buyer, offtakes, day(2024, 1, 1), offtake, 2.0);
    pledge(&mut ws, buyer, offtakes, day(2026, 3, 1), offtake, 3.0);
    // Supply: 5 + 4 Mt/yr, the 5 withdrawn on 2026-01-01.
    let gone = pledge(&mut ws, mill, projects, day(2024, 1, 1), steel, 5.0);
    ws.commitments[gone].set_status(CommitmentStatus::Withdrawn, day(2026, 1, 1));
    pledge(&mut ws, mill, projects, day(2024, 6, 1), steel, 4.0);
    // Finance: one of two since 2023-01-01, the first commitment.
    commit(&mut ws, bank, CommitmentKind::Financing, day(2023, 1, 1));
    // Policy: 5 of 1000 since 2026-01-01.
    let policy = CommitmentKind::Policy;
    pledge(&mut ws, ministry, policy, day(2026, 1, 1), laws, 5.0);
    ws
}

#[test]
fn the_trend_compares_with_twelve_months_before() {
    let fw = flywheel(&trending(), 2030, as_of());
    let trend = |s: Segment| {
        let f = fw.segment(s);
        (f.trend, f.share_year_ago)
    };
    assert_eq!(trend(Segment::Demand), (Trend::Up, Some(0.2)));
    assert_close(fw.segment(Segment::Demand).share, 0.5, "demand now");
    assert_eq!(trend(Segment::Supply), (Trend::Down, Some(0.9)));
    assert_close(fw.segment(Segment::Supply).share, 0.4, "supply now");
    assert_eq!(trend(Segment::Finance), (Trend::Flat, Some(0.5)));
    // Up from 0 % to 0.5 %: less than one percentage point, flat.
    assert_eq!(trend(Segment::Policy), (Trend::Flat, Some(0.0)));
    assert_close(fw.segment(Segment::Policy).share, 0.005, "policy now");
    assert_eq!(
        [Trend::Up, Trend::Flat, Trend::Down].map(Trend::label),
        ["up", "flat", "down"]
    );
}

#[test]
fn the_series_has_a_share_every_quarter_back_to_the_first_commitment() {
    let fw = flywheel(&trending(), 2030, as_of());
    // The first commitment is of 2023-01-01: quarters back from the as-of
    // day to the first one at most three months before it.
    let expected: Vec<NaiveDate> = (0..17)
        .rev()
        .map(|k| as_of() - Months::new(3 * k))
        .collect();
    assert_eq!(fw.dates, expected);
    assert_eq!(fw.dates.first(), Some(&day(2022, 11, 23)));
    assert_eq!(fw.dates.last(), Some(&as_of()));
    let at = |s: Segment, date: NaiveDate| {
        let k = fw.dates.iter().position(|d| *d == date).unwrap();
        fw.segment(s).series[k]
    };
    for s in &fw.segments {
        assert_eq!(s.series.len(), fw.dates.len(), "{}", s.segment);
        assert_eq!(s.series.last(), Some(&s.share), "{}", s.segment);
    }
    assert_eq!(at(Segment::Demand, day(2023, 11, 23)), Some(0.0));
    assert_eq!(at(Segment::Demand, day(2024, 2, 23)), Some(0.2));
    assert_eq!(at(Segment::Demand, day(2025, 11, 23)), Some(0.2));
    assert_eq!(at(Segment::Supply, day(2024, 5, 23)), Some(0.5));
    assert_eq!(at(Segment::Supply, day(2025, 11, 23)), Some(0.9));
    assert_eq!(at(Segment::Supply, day(2026, 2, 23)), Some(0.4));
    assert_eq!(at(Segment::Finance, day(2022, 11, 23)), Some(0.0));
    assert_eq!(at(Segment::Finance, day(2023, 2, 23)), Some(0.5));
}

#[test]
fn the_series_goes_back_ten_years_at_most() {
    let mut ws = workspace();
    let bank = add_stakeholder(&mut ws, "Bank", Category::Bank, 3, 0);
    commit(&mut ws, bank, CommitmentKind::Financing, day(2010, 1, 1));
    let fw = flywheel(&ws, 2030, as_of());
    assert_eq!(fw.dates.len(), 41);
    assert_eq!(fw.dates.first(), Some(&day(2016, 11, 23)));
    assert_eq!(fw.segment(Segment::Finance).series[0], Some(1.0));
}

/// The trend compares the share now with the share 12 months before, and
/// the chart shows the share every quarter back: its point four quarters
/// back should be that same day. On the 29th to the 31st of a month the
/// chart's dates drift instead (each is three months before the previous
/// one, and 31 May → 28 February → 28 November → … → 28 May).
#[test]
fn the_chart_point_a_year_back_is_the_year_ago_share() {
    let mut ws = workspace();
    let buyer = add_stakeholder(&mut ws, "Buyer", Category::Buyer, 3, 0);
    add_stakeholder(&mut ws, "Other buyer", Category::Buyer, 3, 0);
    commit(
        &mut ws,
        buyer,
        CommitmentKind::ProcurementPledge,
        day(2025, 5, 30),
    );
    let as_of = day(2026, 5, 31);
    let fw = flywheel(&ws, 2030, as_of);
    let year_back = fw.dates.len() - 5;
    assert_eq!(fw.dates[year_back], day(2025, 5, 31));
    let demand = fw.segment(Segment::Demand);
    assert_eq!(demand.share_year_ago, Some(0.5));
    assert_eq!(demand.series[year_back], demand.share_year_ago);
}

#[test]
fn the_default_milestone_is_2030_or_the_next_one() {
    let as_of = as_of();
    let with_years = |years: &[i32]| {
        let mut ws = workspace();
        ws.roadmap.milestones = years
            .iter()
            .map(|&year| Milestone {
                year,
                summary: String::new(),
                targets: Vec::new(),
            })
            .collect();
        ws
    };
    assert_eq!(
        default_milestone(&with_years(&[2025, 2030, 2050]), as_of),
        2030
    );
    assert_eq!(
        default_milestone(&with_years(&[2025, 2035, 2040]), as_of),
        2035
    );
    assert_eq!(default_milestone(&with_years(&[2020, 2025]), as_of), 2025);
    assert_eq!(default_milestone(&with_years(&[]), as_of), 2030);
}

/// A synthetic coalition whose iron & steel metrics are given segments:
/// supply has two metrics with 2030 targets, demand one (given a target
/// here), finance and policy none.
fn synthetic_with_segments() -> Workspace {
    let mut ws = flywheel::synthetic::synthetic_workspace(300, 900, 3_000, 42);
    let mut offtake = None;
    for m in &mut ws.roadmap.metrics {
        m.segment = match m.name.as_str() {
            "Near-zero primary steel" | "Near-zero primary plants at FID/operational" => {
                Some(Segment::Supply)
            }
            "Offtake contracted" => {
                offtake = Some(m.id);
                Some(Segment::Demand)
            }
            _ => None,
        };
    }
    set_target(&mut ws, 2030, offtake.unwrap(), 500.0);
    ws
}

#[test]
fn on_a_synthetic_coalition_the_figures_agree_with_the_roadmap_tab_and_a_direct_count() {
    let ws = synthetic_with_segments();
    let as_of = day(2026, 11, 22);
    let fw = flywheel(&ws, 2030, as_of);
    assert_eq!(fw.segment(Segment::Supply).metrics.len(), 2);
    assert_eq!(fw.segment(Segment::Demand).metrics.len(), 1);
    assert_eq!(fw.segment(Segment::Finance).measure, Measure::Coverage);
    for segment in &fw.segments {
        for m in &segment.metrics {
            let progress = metric_progress(&ws, m.metric, as_of).unwrap();
            let at_2030 = progress.milestones.iter().find(|p| p.year == 2030).unwrap();
            let Pledges::Sum(sum) = at_2030.pledges else {
                panic!("{} is additive", m.name);
            };
            assert!((m.pledged - sum.total()).abs() < 1e-6, "{}", m.name);
            assert!((m.at_risk - sum.at_risk).abs() < 1e-6, "{}", m.name);
            assert!(m.pledged > 0.0, "{}: the check checks something", m.name);
        }
        // Counted directly, one commitment at a time.
        let s = segment.segment;
        let counting = |c: &&Commitment| {
            s.kinds().contains(&c.kind)
                && c.status_on(as_of)
                    .is_some_and(|st| st != CommitmentStatus::Withdrawn)
        };
        let of_kind: Vec<&Commitment> = ws.commitments.iter().filter(counting).collect();
        let at_risk = of_kind
            .iter()
            .filter(|c| c.status_on(as_of) == Some(CommitmentStatus::AtRisk))
            .count();
        let members: Vec<&Stakeholder> = ws
            .stakeholders
            .iter()
            .filter(|st| s.categories().contains(&st.category))
            .collect();
        let moved = members
            .iter()
            .filter(|st| of_kind.iter().any(|c| c.stakeholder == st.id))
            .count();
        assert_eq!(segment.commitments, of_kind.len(), "{s}");
        assert_eq!(segment.at_risk, at_risk, "{s}");
        assert_eq!(segment.stakeholders, members.len(), "{s}");
        assert_eq!(segment.moved, moved, "{s}");
    }
    // Who can push: the slowest segment's members that did not move.
    let slowest = fw.slowest.unwrap();
    let unmoved = fw.segment(slowest).stakeholders - fw.segment(slowest).moved;
    assert_eq!(fw.who_can_push.len(), unmoved);
    for pair in fw.who_can_push.windows(2) {
        let key = |c: &flywheel::analysis::flywheel::Candidate| (-(c.influence as i32), -c.support);
        assert!(key(&pair[0]) <= key(&pair[1]));
    }
}

#[test]
fn each_point_of_the_series_is_the_share_as_of_its_date() {
    let ws = synthetic_with_segments();
    let as_of = day(2026, 11, 22);
    let fw = flywheel(&ws, 2030, as_of);
    assert!(fw.dates.len() > 20);
    for (k, date) in fw.dates.iter().enumerate() {
        let then = flywheel(&ws, 2030, *date);
        for (now, past) in fw.segments.iter().zip(&then.segments) {
            let (a, b) = (now.series[k], past.share);
            assert!(
                a.zip(b).map_or(a == b, |(a, b)| (a - b).abs() < 1e-9),
                "{} on {date}: series {a:?}, share {b:?}",
                now.segment
            );
        }
    }
    // The year-ago share is the share as of 12 months before.
    let then = flywheel(&ws, 2030, as_of - Months::new(12));
    for (now, past) in fw.segments.iter().zip(&then.segments) {
        let (a, b) = (now.share_year_ago, past.share);
        assert!(a.zip(b).is_some_and(|(a, b)| (a - b).abs() < 1e-9));
    }
}
