//! Share copies: confidential means confidential, and every count stays true.

use std::collections::BTreeMap;
use std::fs;

use chrono::NaiveDate;
use flywheel::analysis::momentum::{self, Grouping};
use flywheel::analysis::white_spaces::white_spaces;
use flywheel::exchange::share::{ANONYMISED_CONFIDENCE, ShareOptions, share_copy};
use flywheel::file;
use flywheel::model::{
    Category, Commitment, CommitmentKind, CommitmentStatus, EngagementStage, Quantity,
    Relationship, RelationshipKind, ShareMarker, Stakeholder, Workspace, validate,
};

use crate::support::{day, demo, today};

/// Every secret in [`with_secrets`]: none may reach a share copy.
const SECRETS: &[&str] = &[
    "SECRET-NAME-7f3a",
    "SECRET-REGION-7f3a",
    "SECRET-TAG-7f3a",
    "SECRET-NOTE-7f3a",
    "SECRET-CONTACT-7f3a",
    "PUBLIC-CONTACT-7f3a",
    "SECRET-TITLE-7f3a",
    "SECRET-SOURCE-7f3a",
    "SECRET-CNOTE-7f3a",
    "SECRET-UNIT-7f3a",
    "SECRET-RNOTE-7f3a",
    "SECRET-TEAM-7f3a",
    "SECRET-WORKSHOP-7f3a",
    "OWNER-TITLE-7f3a",
    "4242.5",
    "SECRET-THEIRS-7f3a",
];

/// The demo with distinctive secrets added: a confidential stakeholder with
/// a commitment, a confidential commitment of a public one, contacts
/// everywhere, team notes.
fn with_secrets() -> Workspace {
    let mut ws = demo();
    ws.notes = "SECRET-TEAM-7f3a".into();
    ws.workshops[0].notes = "SECRET-WORKSHOP-7f3a".into();
    for s in &mut ws.stakeholders {
        s.contacts = "PUBLIC-CONTACT-7f3a".into();
    }
    let mut secret = Stakeholder::new("SECRET-NAME-7f3a", Category::Investor);
    secret.region = "SECRET-REGION-7f3a".into();
    secret.tags = vec!["SECRET-TAG-7f3a".into()];
    secret.notes = "SECRET-NOTE-7f3a".into();
    secret.contacts = "SECRET-CONTACT-7f3a".into();
    secret.confidential = true;
    secret.set_stage(EngagementStage::Committed, day(2024, 3, 1));
    let mut owned = Commitment::new(
        secret.id,
        CommitmentKind::Financing,
        "OWNER-TITLE-7f3a",
        day(2024, 3, 1),
    );
    owned.source = "https://example.org/OWNER-TITLE-7f3a".into();
    let mut link = Relationship::new(secret.id, ws.stakeholders[0].id, RelationshipKind::Finances);
    link.note = "SECRET-RNOTE-7f3a".into();
    link.confidence = flywheel::model::Confidence::High;
    let mut pledge = Commitment::new(
        ws.stakeholders[1].id,
        CommitmentKind::ProcurementPledge,
        "SECRET-TITLE-7f3a",
        day(2025, 2, 1),
    );
    pledge.source = "https://example.org/SECRET-SOURCE-7f3a".into();
    pledge.notes = "SECRET-CNOTE-7f3a".into();
    pledge.quantity = Some(Quantity {
        value: 4242.5,
        unit: "SECRET-UNIT-7f3a".into(),
    });
    pledge.metric = Some(ws.roadmap.metrics[0].id);
    pledge.target_year = Some(2030);
    pledge.set_status(CommitmentStatus::InProgress, day(2025, 6, 1));
    pledge.confidential = true;
    ws.stakeholders.push(secret);
    ws.commitments.push(owned);
    ws.commitments.push(pledge);
    ws.relationships.push(link);
    // A merge left a conflict open on the confidential pledge's notes.
    let mut theirs = ws.clone();
    theirs.commitments.last_mut().unwrap().notes = "SECRET-THEIRS-7f3a".into();
    let merge = flywheel::merge::merge(None, &ws, &theirs);
    let ws = flywheel::merge::merged_workspace(&merge, &ws, &theirs);
    assert_eq!(ws.open_conflicts.len(), 1);
    validate(&ws).unwrap();
    ws
}

/// The saved bytes of `ws`, through the real save.
fn saved_text(ws: &Workspace) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("share.ron");
    file::save(ws, &path).unwrap();
    fs::read_to_string(&path).unwrap()
}

#[test]
fn the_saved_share_copy_contains_no_secret() {
    let ws = with_secrets();
    let original = file::to_text(&ws).unwrap();
    for secret in SECRETS {
        assert!(original.contains(secret), "the test plants {secret}");
    }
    let text = saved_text(&share_copy(&ws, &ShareOptions::default(), today()));
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{secret} leaked into the share copy"
        );
    }
    assert!(text.contains("Confidential investor 1"));
    assert!(text.contains("Confidential procurement pledge"));
    assert!(text.contains("Confidential financing commitment"));
}

/// Counts a user sees on the overview and the charts.
#[derive(Debug, PartialEq)]
struct Counts {
    by_category: BTreeMap<Category, usize>,
    by_stage: BTreeMap<EngagementStage, usize>,
    by_status: BTreeMap<CommitmentStatus, usize>,
    by_kind: BTreeMap<CommitmentKind, usize>,
    active_by_category: momentum::Stacked,
    active_by_kind: momentum::Stacked,
    coverage: Vec<momentum::Coverage>,
    white_spaces: Vec<Vec<usize>>,
    per_quarter: Vec<(NaiveDate, usize)>,
}

fn tally<K: Ord>(keys: impl Iterator<Item = K>) -> BTreeMap<K, usize> {
    let mut map = BTreeMap::new();
    for key in keys {
        *map.entry(key).or_insert(0) += 1;
    }
    map
}

fn counts(ws: &Workspace) -> Counts {
    let dates = momentum::monthly_dates(day(2019, 1, 1), today());
    let matrix = white_spaces(ws, today());
    Counts {
        by_category: tally(ws.stakeholders.iter().map(|s| s.category)),
        by_stage: tally(ws.stakeholders.iter().map(Stakeholder::stage)),
        by_status: tally(ws.commitments.iter().map(Commitment::status)),
        by_kind: tally(ws.commitments.iter().map(|c| c.kind)),
        active_by_category: momentum::active_commitments(ws, &dates, Grouping::Category),
        active_by_kind: momentum::active_commitments(ws, &dates, Grouping::Kind),
        coverage: momentum::coverage(ws, today()),
        white_spaces: matrix
            .cells
            .iter()
            .map(|row| row.iter().map(Vec::len).collect())
            .collect(),
        per_quarter: momentum::new_per_quarter(ws, day(2019, 1, 1), today()),
    }
}

#[test]
fn every_count_is_the_originals() {
    let ws = with_secrets();
    let copy = share_copy(&ws, &ShareOptions::default(), today());
    assert_eq!(counts(&copy), counts(&ws));
    assert_eq!(copy.stakeholders.len(), ws.stakeholders.len());
    assert_eq!(copy.commitments.len(), ws.commitments.len());
    assert_eq!(copy.relationships.len(), ws.relationships.len());
}

#[test]
fn ids_scores_and_public_notes_are_kept() {
    let mut ws = with_secrets();
    ws.stakeholders[0].notes = "Public note".into();
    let copy = share_copy(&ws, &ShareOptions::default(), today());
    for (a, b) in ws.stakeholders.iter().zip(&copy.stakeholders) {
        assert_eq!(
            (a.id, a.influence, a.support),
            (b.id, b.influence, b.support)
        );
        assert_eq!(a.map_position, b.map_position);
        assert!(b.contacts.is_empty());
    }
    assert_eq!(copy.stakeholders[0].notes, "Public note");
    for (a, b) in ws.commitments.iter().zip(&copy.commitments) {
        assert_eq!(a.id, b.id);
    }
}

#[test]
fn without_scores_every_score_is_neutral_and_the_marker_says_so() {
    let ws = with_secrets();
    let copy = share_copy(
        &ws,
        &ShareOptions {
            without_scores: true,
        },
        today(),
    );
    assert!(copy.stakeholders.iter().all(|s| {
        s.influence == ShareMarker::NEUTRAL_INFLUENCE && s.support == ShareMarker::NEUTRAL_SUPPORT
    }));
    assert!(copy.share.unwrap().removed.scores);
    let with_scores = share_copy(&ws, &ShareOptions::default(), today());
    assert!(!with_scores.share.unwrap().removed.scores);
}

#[test]
fn relationships_of_anonymised_stakeholders_keep_their_kind_only() {
    let ws = with_secrets();
    let copy = share_copy(&ws, &ShareOptions::default(), today());
    let link = copy.relationships.last().unwrap();
    assert_eq!(link.kind, RelationshipKind::Finances);
    assert_eq!(link.note, "");
    assert_eq!(link.confidence, ANONYMISED_CONFIDENCE);
    // Between two public stakeholders, nothing changes.
    assert_eq!(copy.relationships[0], ws.relationships[0]);
}

#[test]
fn the_marker_round_trips_and_survives_a_second_save() {
    let ws = with_secrets();
    let copy = share_copy(&ws, &ShareOptions::default(), today());
    let marker = copy.share.clone().unwrap();
    assert_eq!(marker.from_title, ws.title);
    assert_eq!(marker.made_on, today());
    assert!(marker.banner_text().starts_with(&format!(
        "Share copy of “{}” made 2026-11-23: contacts, confidential names",
        ws.title
    )));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("share.ron");
    file::save(&copy, &path).unwrap();
    let loaded = file::load(&path).unwrap();
    assert_eq!(loaded, copy);
    file::save(&loaded, &path).unwrap();
    assert_eq!(file::load(&path).unwrap().share, Some(marker));
}

#[test]
fn a_share_of_the_demo_is_valid_and_the_original_unchanged() {
    let ws = demo();
    let before = ws.clone();
    for without_scores in [false, true] {
        let copy = share_copy(&ws, &ShareOptions { without_scores }, today());
        validate(&copy).unwrap();
        assert!(copy.notes.is_empty());
        assert!(copy.workshops.iter().all(|w| w.notes.is_empty()));
    }
    assert_eq!(ws, before);
}
