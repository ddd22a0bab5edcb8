//! The one-page report: escaped, self-contained, free of confidential data
//! unless internal, and showing the same numbers as the app's analysis.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use flywheel::analysis::changes::changes_since;
use flywheel::analysis::momentum::{self, Grouping};
use flywheel::analysis::roadmap_progress::{Pledges, median_rate, roadmap_progress};
use flywheel::analysis::white_spaces::{CoalitionStage, white_spaces};
use flywheel::assets;
use flywheel::exchange::report::{self, ReportOptions, default_since, slug};
use flywheel::exchange::share::{ShareOptions, share_copy};
use flywheel::model::{
    Category, Commitment, CommitmentKind, CommitmentStatus, Stakeholder, Workspace,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn demo() -> Workspace {
    assets::demo().unwrap()
}

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
    ] {
        assert!(keys.contains(&key), "no {key} in {keys:?}");
    }
    assert_eq!(keys.len(), 19, "{keys:?}: document new keys in the README");
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
