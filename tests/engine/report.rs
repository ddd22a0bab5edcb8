//! The report: escaped, self-contained, free of confidential data
//! unless internal, and showing the same numbers as the app's analysis.

use std::collections::BTreeMap;

use flywheel::analysis::changes::changes_since;
use flywheel::analysis::flywheel::{bottleneck, default_milestone, flywheel};
use flywheel::analysis::momentum::{self, Grouping};
use flywheel::analysis::roadmap_progress::{Pledges, median_rate, roadmap_progress};
use flywheel::analysis::white_spaces::{CoalitionStage, white_spaces};
use flywheel::exchange::report::{self, ReportOptions, default_since, slug};
use flywheel::exchange::share::{ShareOptions, share_copy};
use flywheel::model::{
    Category, Commitment, CommitmentKind, CommitmentStatus, Sector, Segment, Stakeholder, Workspace,
};

use crate::support::coalition::{add_metric, add_stakeholder, commit, pledge, set_target};
use crate::support::{day, demo, today};

/// Every `data-figure="NAME" data-value="VALUE"` pair in the page.
fn figures_in(page: &str) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for chunk in page.split("data-figure=\"").skip(1) {
        let (name, rest) = chunk.split_once('"').unwrap();
        let value = rest
            .trim_start()
            .strip_prefix("data-value=\"")
            .unwrap_or_else(|| panic!("{name} has no data-value"));
        let (value, _) = value.split_once('"').unwrap();
        let previous = out.insert(name.to_string(), value.parse::<f64>().unwrap());
        assert!(previous.is_none(), "{name} appears twice");
    }
    out
}

fn assert_figure(figures: &BTreeMap<String, f64>, name: &str, expected: f64) {
    let actual = figures
        .get(name)
        .unwrap_or_else(|| panic!("no figure {name}"));
    assert!(
        (actual - expected).abs() < 1e-9,
        "{name}: report {actual}, analysis {expected}"
    );
}

#[test]
fn the_figures_in_the_html_are_the_analysis_results() {
    let ws = demo();
    let page = report::html(&ws, &ReportOptions::default(), today());
    let figures = figures_in(&page);
    // The default report is made from the share copy; counts are the same.
    let shown = share_copy(&ws, &ShareOptions::default(), today());
    for c in momentum::coverage(&shown, today()) {
        let name = format!("coverage.{}.percent", slug(c.category.label()));
        assert_figure(&figures, &name, c.percent());
    }
    let active = momentum::active_commitments(&shown, &[today()], Grouping::Category);
    for (name, values) in &active.groups {
        assert_figure(&figures, &format!("active.{}", slug(name)), values[0]);
    }
    let matrix = white_spaces(&shown, today());
    for category in Category::ALL {
        for stage in CoalitionStage::ALL {
            let name = format!(
                "white_spaces.{}.{}",
                slug(category.label()),
                slug(stage.label())
            );
            assert_figure(&figures, &name, matrix.cell(*category, stage).len() as f64);
        }
    }
    for (i, progress) in roadmap_progress(&shown, today()).iter().enumerate() {
        for m in &progress.milestones {
            let expected = match &m.pledges {
                Pledges::Sum(sum) => Some(sum.total()),
                Pledges::Rates(rates) => median_rate(rates),
            };
            if let Some(expected) = expected {
                assert_figure(
                    &figures,
                    &format!("roadmap.{i}.{}.pledged", m.year),
                    expected,
                );
            }
        }
    }
    let changes = changes_since(&shown, default_since(&shown, today()), today());
    assert_figure(
        &figures,
        "changes.new_commitments",
        changes.new_commitments.len() as f64,
    );
    assert_figure(&figures, "changes.upgrades", changes.upgrades.len() as f64);
    assert_figure(
        &figures,
        "totals.stakeholders",
        ws.stakeholders.len() as f64,
    );
    assert_figure(&figures, "tipping_point_percent", ws.tipping_point_percent);
}

#[test]
fn workspace_text_is_escaped_and_there_are_no_scripts() {
    let mut ws = demo();
    ws.stakeholders[0].name = "<script>alert(1)</script>".into();
    ws.title = "T <img src=x onerror=alert(1)>".into();
    let page = report::html(
        &ws,
        &ReportOptions {
            internal: true,
            since: None,
        },
        today(),
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.to_lowercase().contains("<script"));
    assert!(!page.contains("<img"));
}

#[test]
fn nothing_is_loaded_and_only_commitment_sources_are_links() {
    let mut ws = demo();
    let mut c = Commitment::new(
        ws.stakeholders[0].id,
        CommitmentKind::Project,
        "Linked",
        today(),
    );
    c.source = "Report https://example.org/a and http://example.org/b; javascript:alert(1)".into();
    ws.commitments.push(c);
    let page = report::html(&ws, &ReportOptions::default(), today());
    assert!(!page.contains(" src="), "nothing is fetched");
    assert!(!page.contains("@import") && !page.contains("url("));
    let links: Vec<&str> = page
        .split("href=\"")
        .skip(1)
        .map(|rest| rest.split_once('"').unwrap().0)
        .collect();
    assert!(links.contains(&"https://example.org/a"));
    assert!(links.contains(&"http://example.org/b"));
    for link in &links {
        assert!(
            link.starts_with("https://") || link.starts_with("http://"),
            "{link}"
        );
        let source_of_some = ws.commitments.iter().any(|c| c.source.contains(link));
        assert!(source_of_some, "{link} is not a commitment source");
    }
    assert!(page.contains("@page { size: A4 landscape"));
}

#[test]
fn the_default_report_leaves_confidential_data_out_and_internal_says_so() {
    let mut ws = demo();
    let mut secret = Stakeholder::new("SECRET-NAME-91c2", Category::Bank);
    secret.notes = "SECRET-NOTE-91c2".into();
    secret.confidential = true;
    let mut pledge = Commitment::new(
        secret.id,
        CommitmentKind::Financing,
        "SECRET-TITLE-91c2",
        today(),
    );
    pledge.source = "https://example.org/SECRET-SOURCE-91c2".into();
    let mut public_owner = Commitment::new(
        ws.stakeholders[0].id,
        CommitmentKind::Policy,
        "SECRET-CTITLE-91c2",
        today(),
    );
    public_owner.confidential = true;
    public_owner.set_status(CommitmentStatus::AtRisk, today());
    ws.stakeholders.push(secret);
    ws.commitments.push(pledge);
    ws.commitments.push(public_owner);

    let shared = report::html(&ws, &ReportOptions::default(), today());
    assert!(!shared.contains("91c2"), "a secret leaked into the report");
    assert!(!shared.contains("Internal: includes confidential data"));
    let internal = report::html(
        &ws,
        &ReportOptions {
            internal: true,
            since: None,
        },
        today(),
    );
    assert!(internal.contains("Internal: includes confidential data"));
    assert!(internal.contains("SECRET-TITLE-91c2"));
    let banner = internal.find("Internal: includes").unwrap();
    assert!(banner < internal.find("<h1").unwrap(), "at the top");
}

#[test]
fn the_json_figures_have_the_documented_keys() {
    let ws = demo();
    let figures = report::report_figures(&ws, &ReportOptions::default(), today());
    let json = serde_json::to_string(&figures).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in [
        "schema_version",
        "title",
        "sector",
        "as_of",
        "share_copy",
        "totals",
        "stakeholders_by_category",
        "stakeholders_by_stage",
        "commitments_by_kind",
        "commitments_by_status",
        "active_by_category",
        "active_by_kind",
        "active_over_time",
        "tipping_point_percent",
        "coverage",
        "new_per_quarter",
        "white_spaces",
        "roadmap",
        "changes",
        "flywheel",
    ] {
        assert!(keys.contains(&key), "no {key} in {keys:?}");
    }
    assert_eq!(keys.len(), 20, "{keys:?}: document new keys in the docs");
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["as_of"], "2026-11-23");
    assert_eq!(value["share_copy"], true);
    let per_quarter = momentum::new_per_quarter(&ws, report::chart_start(&ws, today()), today());
    let total: usize = per_quarter.iter().map(|(_, n)| n).sum();
    let json_total: u64 = value["new_per_quarter"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["count"].as_u64().unwrap())
        .sum();
    assert_eq!(json_total, total as u64);
}

/// A small coalition whose flywheel is counted by hand. At 2030 (target
/// 100 for each metric): demand 14 of 100 Mt (10 a year ago: up), supply
/// 9 of 100 Mt/yr, finance 5 of 100 EUR bn, all of it at risk, the
/// slowest; policy has no metric, one of two governments moved.
/// Unmoved in finance: the fund (influence 5) and "Idle Bank" (4).
fn small_flywheel() -> Workspace {
    let mut ws = Workspace::new("Small flywheel", Sector::IronSteel);
    let offtake = add_metric(&mut ws, "Offtake", "Mt", Segment::Demand);
    let steel = add_metric(&mut ws, "Steel", "Mt/yr", Segment::Supply);
    let money = add_metric(&mut ws, "Financing", "EUR bn", Segment::Finance);
    for metric in [offtake, steel, money] {
        set_target(&mut ws, 2030, metric, 100.0);
    }
    let buyer = add_stakeholder(&mut ws, "Buyer", Category::Buyer, 3, 0);
    let mill = add_stakeholder(&mut ws, "Mill", Category::Industry, 3, 0);
    let bank = add_stakeholder(&mut ws, "Bank", Category::Bank, 3, 0);
    add_stakeholder(&mut ws, "Idle Bank", Category::Bank, 4, 0);
    add_stakeholder(&mut ws, "Fund", Category::Investor, 5, 0);
    let ministry = add_stakeholder(&mut ws, "Ministry", Category::Government, 3, 0);
    add_stakeholder(&mut ws, "Agency", Category::Government, 3, 0);
    let (offtakes, made) = (CommitmentKind::OfftakeAgreement, day(2024, 1, 1));
    pledge(&mut ws, buyer, offtakes, made, offtake, 10.0);
    pledge(&mut ws, buyer, offtakes, day(2026, 3, 1), offtake, 4.0);
    pledge(&mut ws, mill, CommitmentKind::Project, made, steel, 9.0);
    let loan = pledge(&mut ws, bank, CommitmentKind::Financing, made, money, 5.0);
    ws.commitments[loan].set_status(CommitmentStatus::AtRisk, day(2026, 6, 1));
    // Every pledge is due by 2030.
    for c in &mut ws.commitments {
        c.target_year = Some(2030);
    }
    commit(&mut ws, ministry, CommitmentKind::Policy, made);
    ws
}

fn json_of(ws: &Workspace, internal: bool) -> serde_json::Value {
    let options = ReportOptions {
        internal,
        since: None,
    };
    let figures = report::report_figures(ws, &options, today());
    serde_json::from_str(&serde_json::to_string(&figures).unwrap()).unwrap()
}

fn assert_number(value: &serde_json::Value, expected: f64, what: &str) {
    let actual = value
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {value} is not a number"));
    assert!(
        (actual - expected).abs() < 1e-9,
        "{what}: {actual}, expected {expected}"
    );
}

#[test]
fn the_json_flywheel_has_each_segments_figures() {
    let value = json_of(&small_flywheel(), false);
    let f = &value["flywheel"];
    let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "bottleneck",
            "demand",
            "finance",
            "milestone",
            "policy",
            "slowest",
            "supply",
            "who_can_push"
        ]
    );
    assert_eq!(f["milestone"], 2030);
    // (segment, stakeholders, moved, commitments, at risk, measure, share,
    // a year ago, trend)
    for (name, stakeholders, moved, commitments, at_risk, measure, share, year_ago, trend) in [
        ("demand", 1, 1, 2, 0, "target", 0.14, 0.10, "up"),
        ("supply", 1, 1, 1, 0, "target", 0.09, 0.09, "flat"),
        ("finance", 3, 1, 1, 1, "target", 0.05, 0.05, "flat"),
        ("policy", 2, 1, 1, 0, "coverage", 0.5, 0.5, "flat"),
    ] {
        let s = &f[name];
        let mut keys: Vec<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "at_risk",
                "commitments",
                "measure",
                "metrics",
                "moved",
                "share",
                "share_year_ago",
                "stakeholders",
                "trend"
            ],
            "{name}"
        );
        assert_eq!(s["stakeholders"], stakeholders, "{name}");
        assert_eq!(s["moved"], moved, "{name}");
        assert_eq!(s["commitments"], commitments, "{name}");
        assert_eq!(s["at_risk"], at_risk, "{name}");
        assert_eq!(s["measure"], measure, "{name}");
        assert_number(&s["share"], share, name);
        assert_number(&s["share_year_ago"], year_ago, name);
        assert_eq!(s["trend"], trend, "{name}");
    }
    assert_eq!(
        f["finance"]["metrics"],
        serde_json::json!([
            {"name": "Financing", "unit": "EUR bn", "pledged": 5.0, "at_risk": 5.0, "target": 100.0}
        ])
    );
    assert_eq!(f["demand"]["metrics"][0]["pledged"], 14.0);
    assert_eq!(f["policy"]["metrics"], serde_json::json!([]));
    assert_eq!(f["slowest"], "finance");
    assert_eq!(
        f["bottleneck"],
        "Finance is the bottleneck: 5 % of the 2030 target, \
         against demand 14 %, supply 9 % and policy 50 %."
    );
    assert_eq!(f["who_can_push"], serde_json::json!(["Fund", "Idle Bank"]));
}

#[test]
fn the_json_flywheel_with_nothing_to_measure_has_nulls() {
    let ws = Workspace::new("Empty", Sector::IronSteel);
    let value = json_of(&ws, false);
    let f = &value["flywheel"];
    assert_eq!(f["milestone"], 2030);
    assert!(f["slowest"].is_null() && f["bottleneck"].is_null());
    assert_eq!(f["who_can_push"], serde_json::json!([]));
    for name in ["demand", "supply", "finance", "policy"] {
        assert!(f[name]["share"].is_null(), "{name}");
        assert!(f[name]["share_year_ago"].is_null(), "{name}");
        assert_eq!(f[name]["measure"], "coverage");
        assert_eq!(f[name]["trend"], "flat");
    }
}

#[test]
fn the_json_flywheel_on_the_demo_is_the_analysis_of_the_share_copy() {
    let ws = demo();
    let value = json_of(&ws, false);
    let shown = share_copy(&ws, &ShareOptions::default(), today());
    let milestone = default_milestone(&shown, today());
    let fw = flywheel(&shown, milestone, today());
    let f = &value["flywheel"];
    assert_eq!(f["milestone"], milestone);
    for s in &fw.segments {
        let name = s.segment.label().to_lowercase();
        let row = &f[name.as_str()];
        assert_eq!(row["stakeholders"], s.stakeholders, "{name}");
        assert_eq!(row["moved"], s.moved, "{name}");
        assert_eq!(row["commitments"], s.commitments, "{name}");
        assert_eq!(row["at_risk"], s.at_risk, "{name}");
        assert_number(&row["share"], s.share.unwrap(), &name);
        assert_eq!(row["trend"], s.trend.label(), "{name}");
    }
    assert_eq!(
        f["slowest"],
        fw.slowest.unwrap().label().to_lowercase().as_str()
    );
    assert_eq!(f["bottleneck"], bottleneck(&fw).unwrap().as_str());
    let names: Vec<&str> = fw
        .who_can_push
        .iter()
        .take(10)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(f["who_can_push"], serde_json::json!(names));
}

#[test]
fn the_html_flywheel_shows_the_segments_the_sentence_and_who_can_push() {
    let mut ws = small_flywheel();
    // Seven unmoved in finance: the page names the first five.
    for (name, influence) in [
        ("Bank E", 2),
        ("Bank D", 2),
        ("Bank C", 2),
        ("Bank B", 2),
        ("Bank A", 2),
    ] {
        let mut s = Stakeholder::new(name, Category::Bank);
        s.influence = influence;
        ws.stakeholders.push(s);
    }
    let page = report::html(&ws, &ReportOptions::default(), today());
    assert!(page.contains("<h2>Flywheel: demand, supply, finance and policy at 2030</h2>"));
    assert!(page.contains(
        "Finance is the bottleneck: 5 % of the 2030 target, against demand 14 %, supply 9 % and policy 50 %."
    ));
    let figures = figures_in(&page);
    for (name, percent, year_ago, moved, stakeholders, commitments, at_risk) in [
        ("demand", 14.0, 10.0, 1, 1, 2, 0),
        ("supply", 9.0, 9.0, 1, 1, 1, 0),
        ("finance", 5.0, 5.0, 1, 8, 1, 1),
        ("policy", 50.0, 50.0, 1, 2, 1, 0),
    ] {
        let key = |what: &str| format!("flywheel.{name}.{what}");
        assert_figure(&figures, &key("percent"), percent);
        assert_figure(&figures, &key("percent_year_ago"), year_ago);
        assert_figure(&figures, &key("moved"), moved as f64);
        assert_figure(&figures, &key("stakeholders"), stakeholders as f64);
        assert_figure(&figures, &key("commitments"), commitments as f64);
        assert_figure(&figures, &key("at_risk"), at_risk as f64);
    }
    assert_figure(&figures, "flywheel.finance.0.pledged", 5.0);
    assert!(page.contains("↑ up"), "demand's trend");
    let list = page.split("Who can push finance next:").nth(1).unwrap();
    let list = list.split("</ol>").next().unwrap();
    let names: Vec<&str> = list
        .split("<li>")
        .skip(1)
        .map(|item| item.split_once("</li>").unwrap().0)
        .collect();
    assert_eq!(names, ["Fund", "Idle Bank", "Bank A", "Bank B", "Bank C"]);
    let json = json_of(&ws, false);
    assert_eq!(
        json["flywheel"]["who_can_push"].as_array().unwrap().len(),
        7
    );
}

#[test]
fn who_can_push_lists_ten_at_most() {
    let mut ws = small_flywheel();
    for k in 0..12 {
        ws.stakeholders
            .push(Stakeholder::new(format!("Bank {k:02}"), Category::Bank));
    }
    let json = json_of(&ws, false);
    let listed = json["flywheel"]["who_can_push"].as_array().unwrap();
    assert_eq!(listed.len(), 10);
    assert_eq!(listed[0], "Fund");
    assert_eq!(listed[9], "Bank 07");
}

#[test]
fn the_shared_report_names_no_confidential_stakeholder_who_can_push() {
    let mut ws = small_flywheel();
    let mut secret = Stakeholder::new("SECRET-BANK-5e7a", Category::Bank);
    secret.influence = 5;
    secret.support = 2;
    secret.confidential = true;
    ws.stakeholders.push(secret);

    let shared = json_of(&ws, false);
    assert_eq!(
        shared["flywheel"]["who_can_push"],
        serde_json::json!(["Confidential bank 1", "Fund", "Idle Bank"])
    );
    assert!(
        !shared.to_string().contains("5e7a"),
        "a secret leaked into the JSON"
    );
    let page = report::html(&ws, &ReportOptions::default(), today());
    assert!(!page.contains("5e7a"), "a secret leaked into the HTML");
    assert!(page.contains("<li>Confidential bank 1</li>"));

    let internal = json_of(&ws, true);
    assert_eq!(internal["flywheel"]["who_can_push"][0], "SECRET-BANK-5e7a");
}
