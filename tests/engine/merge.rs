//! The merge engine: each rule on a small hand-made coalition, then
//! properties over generated workspaces and edits (see the `proptest!`
//! block for exactly what they prove).

use chrono::NaiveDate;
use flywheel::edit::{Document, Edit};
use flywheel::exchange::share::{ShareOptions, share_copy};
use flywheel::file::versions::Versions;
use flywheel::merge::{
    ApplyError, ChangeKind, Conflict, Merge, RecordKind, Side, WHOLE_RECORD, apply_choice,
    apply_choices, merge, merged_workspace,
};
use flywheel::model::{
    Category, Checked, Commitment, CommitmentKind, CommitmentStatus, EngagementStage, Lineage,
    Metric, MetricId, MetricKind, MetricTarget, Milestone, Relationship, RelationshipId,
    RelationshipKind, Sector, Stakeholder, Workshop, WorkshopId, Workspace, validate,
};
use proptest::prelude::*;
use uuid::Uuid;

use crate::support::{commitment_id, day, stakeholder, stakeholder_id};

const MILL: u128 = 1;
const CARMAKER: u128 = 2;
const BANK: u128 = 3;
const PLEDGE: u128 = 101;
const LOAN: u128 = 102;
const METRIC: u128 = 901;

/// A mill, a carmaker that buys from it and pledges to buy near-zero
/// steel (towards the roadmap's one metric), a bank that lends to the
/// mill, and one workshop.
fn coalition() -> Workspace {
    let mut ws = Workspace::new("Steel coalition", Sector::IronSteel);
    ws.notes = "Kept by the secretariat.".into();
    let mut people = Vec::new();
    for (n, name, category) in [
        (MILL, "Mill", Category::Industry),
        (CARMAKER, "Carmaker", Category::Buyer),
        (BANK, "Bank", Category::Bank),
    ] {
        let mut s = Stakeholder::new(name, category);
        s.id = stakeholder_id(n);
        s.set_stage(EngagementStage::SharedVision, day(2024, 1, 10));
        s.contacts = format!("ceo@{}.example", name.to_lowercase());
        people.push(s);
    }
    ws.stakeholders = people;
    ws.roadmap.metrics.push(Metric {
        id: MetricId(Uuid::from_u128(METRIC)),
        name: "Near-zero steel bought".into(),
        unit: "Mt/yr".into(),
        kind: MetricKind::Additive,
        description: String::new(),
        segment: None,
    });
    ws.roadmap.milestones.push(Milestone {
        year: 2030,
        summary: "First offtakes".into(),
        targets: vec![MetricTarget {
            metric: MetricId(Uuid::from_u128(METRIC)),
            value: 5.0,
        }],
    });
    let mut pledge = Commitment::new(
        stakeholder_id(CARMAKER),
        CommitmentKind::ProcurementPledge,
        "Buy 1 Mt near-zero steel",
        day(2024, 2, 1),
    );
    pledge.id = commitment_id(PLEDGE);
    pledge.metric = Some(MetricId(Uuid::from_u128(METRIC)));
    let mut loan = Commitment::new(
        stakeholder_id(BANK),
        CommitmentKind::Financing,
        "Green loan",
        day(2024, 3, 1),
    );
    loan.id = commitment_id(LOAN);
    ws.commitments = vec![pledge, loan];
    let mut buys = Relationship::new(
        stakeholder_id(CARMAKER),
        stakeholder_id(MILL),
        RelationshipKind::BuysFrom,
    );
    buys.id = RelationshipId(Uuid::from_u128(201));
    let mut lends = Relationship::new(
        stakeholder_id(BANK),
        stakeholder_id(MILL),
        RelationshipKind::Finances,
    );
    lends.id = RelationshipId(Uuid::from_u128(202));
    ws.relationships = vec![buys, lends];
    ws.workshops.push(Workshop {
        id: WorkshopId(Uuid::from_u128(301)),
        date: day(2024, 4, 1),
        title: "Kick-off".into(),
        attendees: vec![
            stakeholder_id(MILL),
            stakeholder_id(CARMAKER),
            stakeholder_id(BANK),
        ],
        notes: "Frank exchange.".into(),
    });
    assert_eq!(validate(&ws), Ok(()));
    ws
}

/// `ws` after `edits`, each applied as the app applies it (with its
/// cascades) and required to succeed.
fn edited(ws: &Workspace, edits: Vec<Edit>) -> Workspace {
    let mut doc = Document::new(ws.clone());
    for edit in edits {
        let label = edit.label();
        doc.apply(edit, None)
            .unwrap_or_else(|err| panic!("{label}: {err}"));
    }
    doc.workspace().clone()
}

fn with_stakeholder(ws: &Workspace, n: u128, change: impl FnOnce(&mut Stakeholder)) -> Edit {
    let mut s = ws.stakeholder(stakeholder_id(n)).unwrap().clone();
    change(&mut s);
    Edit::UpdateStakeholder(s)
}

fn with_commitment(ws: &Workspace, n: u128, change: impl FnOnce(&mut Commitment)) -> Edit {
    let mut c = ws.commitment(commitment_id(n)).unwrap().clone();
    change(&mut c);
    Edit::UpdateCommitment(c)
}

fn all(side: Side) -> impl Fn(&Conflict) -> Side {
    move |_| side
}

/// `merged` with each conflict resolved as `choose` says, as the review's
/// Apply does it. `flywheel::merge::resolve` would fall back to the result
/// as merged (all mine) where a choice cannot be applied: here a refusal
/// fails the test.
fn resolved(merged: &Merge, choose: impl Fn(&Conflict) -> Side) -> Workspace {
    let choices: Vec<(&Conflict, Side)> = merged.conflicts.iter().map(|c| (c, choose(c))).collect();
    apply_choices(&merged.result, &choices).unwrap_or_else(|err| panic!("refused: {err}"))
}

/// The result and both full resolutions validate.
fn assert_valid(merged: &Merge) {
    assert_eq!(validate(&merged.result), Ok(()), "all mine");
    assert_eq!(
        validate(&resolved(merged, all(Side::Theirs))),
        Ok(()),
        "all theirs"
    );
}

#[test]
fn a_field_changed_on_one_side_is_taken_and_listed_as_theirs() {
    let base = coalition();
    let theirs = edited(
        &base,
        vec![with_stakeholder(&base, CARMAKER, |s| s.support = 2)],
    );
    let merged = merge(Some(&base), &base, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.result, theirs);
    let [change] = &merged.changes[..] else {
        panic!("one change: {:?}", merged.changes)
    };
    assert_eq!(change.kind, RecordKind::Stakeholder);
    assert_eq!(change.stakeholder, Some(stakeholder_id(CARMAKER)));
    assert_eq!(
        change.record.to_string(),
        format!("stakeholder \"Carmaker\" ({})", stakeholder_id(CARMAKER))
    );
    let ChangeKind::Changed {
        field,
        label,
        mine_text,
        merged_text,
    } = &change.what
    else {
        panic!("{change:?}")
    };
    assert_eq!((field.as_str(), label.as_str()), ("support", "Support"));
    assert_eq!((mine_text.as_str(), merged_text.as_str()), ("0", "+2"));

    // Mine's own change on another field stays.
    let mine = edited(
        &base,
        vec![with_stakeholder(&base, CARMAKER, |s| {
            s.region = "EU".into()
        })],
    );
    let merged = merge(Some(&base), &mine, &theirs);
    let carmaker = merged.result.stakeholder(stakeholder_id(CARMAKER)).unwrap();
    assert_eq!((carmaker.support, carmaker.region.as_str()), (2, "EU"));
    assert!(merged.conflicts.is_empty());
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let base = coalition();
    let rename = |ws: &Workspace| {
        edited(
            ws,
            vec![with_stakeholder(ws, MILL, |s| s.name = "Mill AB".into())],
        )
    };
    let (mine, theirs) = (rename(&base), rename(&base));
    let merged = merge(Some(&base), &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    assert!(merged.changes.is_empty(), "mine has it already");
    assert_eq!(merged.result, mine);
}

#[test]
fn different_changes_to_one_field_are_a_conflict_with_all_three_values() {
    let base = coalition();
    let mine = edited(
        &base,
        vec![with_stakeholder(&base, MILL, |s| s.support = 1)],
    );
    let theirs = edited(
        &base,
        vec![with_stakeholder(&base, MILL, |s| {
            s.support = -1;
            s.notes = "Cautious.".into();
        })],
    );
    let merged = merge(Some(&base), &mine, &theirs);
    let [conflict] = &merged.conflicts[..] else {
        panic!("{:?}", merged.conflicts)
    };
    assert_eq!(conflict.key.kind, RecordKind::Stakeholder);
    assert_eq!(conflict.key.id, stakeholder_id(MILL).to_string());
    assert_eq!(conflict.key.field, "support");
    assert_eq!(conflict.label, "Support");
    assert_eq!(conflict.record_name, "Mill");
    assert_eq!(conflict.stakeholder, Some(stakeholder_id(MILL)));
    assert_eq!(
        (
            conflict.base_text.as_str(),
            conflict.mine_text.as_str(),
            conflict.theirs_text.as_str()
        ),
        ("0", "+1", "−1")
    );
    let mill = |ws: &Workspace| ws.stakeholder(stakeholder_id(MILL)).unwrap().clone();
    assert_eq!(mill(&merged.result).support, 1, "the result keeps mine");
    assert_eq!(
        mill(&merged.result).notes,
        "Cautious.",
        "the other field is theirs"
    );
    let theirs_chosen = resolved(&merged, all(Side::Theirs));
    assert_eq!(mill(&theirs_chosen).support, -1);
    assert_eq!(validate(&theirs_chosen), Ok(()));
}

#[test]
fn records_added_on_either_side_are_kept_mine_first() {
    let base = coalition();
    let add = |ws: &Workspace, n: u128, name: &str| {
        let mut s = Stakeholder::new(name, Category::Supplier);
        s.id = stakeholder_id(n);
        edited(ws, vec![Edit::AddStakeholder(s)])
    };
    let mine = add(&base, 10, "Mine's supplier");
    let theirs = add(&base, 11, "Theirs' supplier");
    let merged = merge(Some(&base), &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    let names: Vec<&str> = merged
        .result
        .stakeholders
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Mill",
            "Carmaker",
            "Bank",
            "Mine's supplier",
            "Theirs' supplier"
        ]
    );
    assert!(
        matches!(merged.changes[..], [ref c] if c.what == ChangeKind::Added && c.id == stakeholder_id(11).to_string())
    );
}

#[test]
fn the_same_id_added_on_both_sides_is_merged_field_by_field() {
    let base = coalition();
    let add = |name: &str, region: &str| {
        let mut s = Stakeholder::new(name, Category::Supplier);
        s.id = stakeholder_id(10);
        s.region = region.into();
        edited(&base, vec![Edit::AddStakeholder(s)])
    };
    let merged = merge(
        Some(&base),
        &add("Ore Co", "Nordics"),
        &add("Ore Company", "Nordics"),
    );
    let [conflict] = &merged.conflicts[..] else {
        panic!("{:?}", merged.conflicts)
    };
    assert_eq!(conflict.key.field, "name");
    assert_eq!(conflict.base, None, "it was not in the base");
    assert_eq!(conflict.base_text, "not there");
    assert_eq!(
        resolved(&merged, all(Side::Theirs))
            .stakeholder(stakeholder_id(10))
            .unwrap()
            .name,
        "Ore Company"
    );
    assert_valid(&merged);
}

#[test]
fn a_record_deleted_on_one_side_and_unchanged_on_the_other_is_deleted() {
    let base = coalition();
    let theirs = edited(&base, vec![Edit::DeleteCommitment(commitment_id(LOAN))]);
    let mine = edited(
        &base,
        vec![with_stakeholder(&base, MILL, |s| s.notes = "Busy.".into())],
    );
    let merged = merge(Some(&base), &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    assert!(merged.result.commitment(commitment_id(LOAN)).is_none());
    assert_eq!(
        merged
            .result
            .stakeholder(stakeholder_id(MILL))
            .unwrap()
            .notes,
        "Busy."
    );
    let [change] = &merged.changes[..] else {
        panic!("{:?}", merged.changes)
    };
    assert_eq!(change.what, ChangeKind::Deleted);
    assert_eq!(
        change.stakeholder,
        Some(stakeholder_id(BANK)),
        "grouped under its stakeholder"
    );

    // A stakeholder deleted by mine, with what the app deletes with it.
    let mine = edited(&base, vec![Edit::DeleteStakeholder(stakeholder_id(BANK))]);
    let merged = merge(Some(&base), &mine, &base);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.result, mine);
}

#[test]
fn deleted_on_one_side_and_edited_on_the_other_is_a_conflict() {
    let base = coalition();
    let mine = edited(&base, vec![Edit::DeleteCommitment(commitment_id(LOAN))]);
    let theirs = edited(
        &base,
        vec![with_commitment(&base, LOAN, |c| {
            c.title = "Green loan, EUR 1 bn".into()
        })],
    );
    let merged = merge(Some(&base), &mine, &theirs);
    let [conflict] = &merged.conflicts[..] else {
        panic!("{:?}", merged.conflicts)
    };
    assert_eq!(conflict.key.field, WHOLE_RECORD);
    assert_eq!(conflict.label, "Deleted in mine, edited in theirs");
    assert_eq!(
        (conflict.mine_text.as_str(), conflict.theirs_text.as_str()),
        ("Deleted", "Edited: title")
    );
    assert!(merged.result.commitment(commitment_id(LOAN)).is_none());
    let kept = resolved(&merged, all(Side::Theirs));
    assert_eq!(
        kept.commitment(commitment_id(LOAN)).unwrap().title,
        "Green loan, EUR 1 bn"
    );
    assert_valid(&merged);

    // The other way round.
    let merged = merge(Some(&base), &theirs, &mine);
    assert_eq!(
        merged.conflicts[0].label,
        "Deleted in theirs, edited in mine"
    );
    assert!(merged.result.commitment(commitment_id(LOAN)).is_some());
    assert!(
        resolved(&merged, all(Side::Theirs))
            .commitment(commitment_id(LOAN))
            .is_none()
    );
}

#[test]
fn histories_are_the_union_of_dated_entries_and_one_date_twice_is_a_conflict() {
    let base = coalition();
    let stage = |stage, date| Edit::SetStakeholderStage {
        id: stakeholder_id(MILL),
        change: flywheel::model::StageChange::new(date, stage),
    };
    let mine = edited(
        &base,
        vec![
            stage(EngagementStage::Roadmap, day(2024, 6, 1)),
            stage(EngagementStage::Committed, day(2025, 1, 1)),
        ],
    );
    let theirs = edited(
        &base,
        vec![
            stage(EngagementStage::Roadmap, day(2024, 9, 1)),
            stage(EngagementStage::Implementing, day(2025, 1, 1)),
        ],
    );
    let merged = merge(Some(&base), &mine, &theirs);
    let history = |ws: &Workspace| -> Vec<(NaiveDate, EngagementStage)> {
        let s = ws.stakeholder(stakeholder_id(MILL)).unwrap();
        s.stage_history.iter().map(|c| (c.date, c.stage)).collect()
    };
    assert_eq!(
        history(&merged.result),
        [
            (day(2024, 1, 10), EngagementStage::SharedVision),
            (day(2024, 6, 1), EngagementStage::Roadmap),
            (day(2024, 9, 1), EngagementStage::Roadmap),
            (day(2025, 1, 1), EngagementStage::Committed),
        ]
    );
    let [conflict] = &merged.conflicts[..] else {
        panic!("{:?}", merged.conflicts)
    };
    assert_eq!(conflict.key.field, "stage_history@2025-01-01");
    assert_eq!(conflict.label, "Stage on 2025-01-01");
    assert_eq!(
        (conflict.mine_text.as_str(), conflict.theirs_text.as_str()),
        ("Committed", "Implementing")
    );
    assert_eq!(
        history(&resolved(&merged, all(Side::Theirs)))[3].1,
        EngagementStage::Implementing
    );
    assert_valid(&merged);

    // Status histories too.
    let status = |status, date| Edit::SetCommitmentStatus {
        id: commitment_id(PLEDGE),
        status,
        date,
    };
    let mine = edited(
        &base,
        vec![status(CommitmentStatus::InProgress, day(2024, 5, 1))],
    );
    let theirs = edited(
        &base,
        vec![status(CommitmentStatus::AtRisk, day(2024, 8, 1))],
    );
    let merged = merge(Some(&base), &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    let pledge = merged.result.commitment(commitment_id(PLEDGE)).unwrap();
    assert_eq!(pledge.status_history.len(), 3);
    assert_eq!(pledge.status(), CommitmentStatus::AtRisk);
}

#[test]
fn a_stakeholder_deleted_in_mine_but_used_in_theirs_is_a_conflict_that_keeps_references_valid() {
    let base = coalition();
    let mine = edited(&base, vec![Edit::DeleteStakeholder(stakeholder_id(BANK))]);
    let mut new_loan = Commitment::new(
        stakeholder_id(BANK),
        CommitmentKind::Financing,
        "Transition bond",
        day(2024, 9, 1),
    );
    new_loan.id = commitment_id(103);
    let theirs = edited(&base, vec![Edit::AddCommitment(new_loan)]);
    let merged = merge(Some(&base), &mine, &theirs);
    let [conflict] = &merged.conflicts[..] else {
        panic!("{:?}", merged.conflicts)
    };
    assert_eq!(conflict.key.kind, RecordKind::Stakeholder);
    assert_eq!(conflict.label, "Deleted in mine, still used in theirs");
    assert!(!conflict.dependents.is_empty());
    assert_valid(&merged);
    assert!(merged.result.stakeholder(stakeholder_id(BANK)).is_none());
    assert!(
        merged.result.commitment(commitment_id(103)).is_none(),
        "it goes with the bank"
    );

    // Keeping the bank keeps theirs' new commitment and what mine only
    // deleted along with the bank.
    let kept = resolved(&merged, all(Side::Theirs));
    assert!(kept.stakeholder(stakeholder_id(BANK)).is_some());
    assert!(kept.commitment(commitment_id(103)).is_some());
    assert!(kept.commitment(commitment_id(LOAN)).is_some());
    assert!(
        kept.relationship(RelationshipId(Uuid::from_u128(202)))
            .is_some()
    );
    // The recorded conflict does the same on the saved result.
    let switched = apply_choice(&merged.result, conflict, Side::Theirs).unwrap();
    assert_eq!(sorted(switched), sorted(kept));

    // Theirs re-pointing mine's relationship at the deleted bank is a
    // conflict on that field; mine's keeps the relationship.
    let mut repointed = base
        .relationship(RelationshipId(Uuid::from_u128(201)))
        .unwrap()
        .clone();
    repointed.from = stakeholder_id(BANK);
    let theirs = edited(&base, vec![Edit::UpdateRelationship(repointed)]);
    let merged = merge(Some(&base), &mine, &theirs);
    let fields: Vec<&str> = merged
        .conflicts
        .iter()
        .map(|c| c.key.field.as_str())
        .collect();
    assert!(fields.contains(&"from+to"), "{fields:?}");
    assert!(
        merged
            .result
            .relationship(RelationshipId(Uuid::from_u128(201)))
            .is_some()
    );
    assert_valid(&merged);
}

#[test]
fn a_metric_deleted_in_mine_but_linked_in_theirs_is_a_conflict() {
    let base = coalition();
    let metric = MetricId(Uuid::from_u128(METRIC));
    let mine = edited(&base, vec![Edit::DeleteMetric(metric)]);
    let theirs = edited(
        &base,
        vec![with_commitment(&base, LOAN, |c| c.metric = Some(metric))],
    );
    let merged = merge(Some(&base), &mine, &theirs);
    let kinds: Vec<(RecordKind, &str)> = merged
        .conflicts
        .iter()
        .map(|c| (c.key.kind, c.key.field.as_str()))
        .collect();
    assert!(
        kinds.contains(&(RecordKind::Metric, WHOLE_RECORD)),
        "{kinds:?}"
    );
    assert_valid(&merged);
    assert!(merged.result.roadmap.metrics.is_empty());
    let kept = resolved(&merged, all(Side::Theirs));
    assert_eq!(
        kept.commitment(commitment_id(LOAN)).unwrap().metric,
        Some(metric)
    );
}

#[test]
fn a_share_copy_merged_back_brings_only_the_partners_edits() {
    let mut original = coalition();
    let bank = original
        .stakeholders
        .iter_mut()
        .find(|s| s.id == stakeholder_id(BANK))
        .unwrap();
    bank.confidential = true;
    bank.notes = "Wants a seat on the board.".into();
    bank.region = "Nordics".into();
    original.stakeholders[0].support = 2;
    original.commitments[1].quantity = Some(flywheel::model::Quantity {
        value: 1.0,
        unit: "EUR bn".into(),
    });
    let copy = share_copy(
        &original,
        &ShareOptions {
            without_scores: true,
        },
        day(2026, 1, 5),
    );
    // The partner moves the carmaker on and adds a stakeholder.
    let mut newcomer = Stakeholder::new("Scrap dealer", Category::Supplier);
    newcomer.id = stakeholder_id(12);
    let returned = edited(
        &copy,
        vec![
            Edit::SetStakeholderStage {
                id: stakeholder_id(CARMAKER),
                change: flywheel::model::StageChange::new(
                    day(2026, 2, 1),
                    EngagementStage::Committed,
                ),
            },
            Edit::AddStakeholder(newcomer),
        ],
    );
    let merged = merge(Some(&original), &original, &returned);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.result.share, None, "the marker is not taken");
    let mut expected = original.clone();
    expected.stakeholders[1].set_stage(EngagementStage::Committed, day(2026, 2, 1));
    let mut newcomer = Stakeholder::new("Scrap dealer", Category::Supplier);
    newcomer.id = stakeholder_id(12);
    expected.stakeholders.push(newcomer);
    assert_eq!(merged.result, expected, "redactions are not edits");
    assert_eq!(merged.changes.len(), 2, "{:?}", merged.changes);

    // Also when mine edited the redacted fields meanwhile, and without
    // the base: the copy's redactions still say nothing.
    let mut mine = original.clone();
    mine.stakeholders[2].notes = "Board seat agreed.".into();
    let merged = merge(Some(&original), &mine, &returned);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(merged.result.stakeholders[2].notes, "Board seat agreed.");
    let merged = merge(None, &original, &returned);
    let fields: Vec<&str> = merged
        .conflicts
        .iter()
        .map(|c| c.key.field.as_str())
        .collect();
    assert_eq!(
        fields,
        ["stage_history@2026-02-01"],
        "only the partner's real edit differs"
    );
    assert_eq!(merged.result.stakeholders[2].name, "Bank");
}

/// A partner unticks "Confidential" on an anonymised stakeholder in their
/// share copy. Merged back, the copy's placeholders ("Confidential bank 1",
/// emptied region and notes) are taken as the partner's edits and
/// overwrite the original's real values in the result: what the copy
/// redacted is decided by the copy's flag as it is now, not as it was when
/// the copy was made.
#[test]
fn a_share_copy_that_unticks_confidential_does_not_overwrite_redacted_values() {
    let mut original = coalition();
    original.lineage = Some(Lineage::next(None));
    let bank_id = stakeholder_id(BANK);
    let bank = original
        .stakeholders
        .iter_mut()
        .find(|s| s.id == bank_id)
        .unwrap();
    bank.name = "Nordic Bank".into();
    bank.confidential = true;
    bank.region = "Nordics".into();
    bank.notes = "Wants a seat on the board.".into();
    let copy = share_copy(&original, &ShareOptions::default(), day(2026, 1, 5));
    let mut doc = Document::new(copy.clone());
    let mut unticked = copy.stakeholder(bank_id).unwrap().clone();
    unticked.confidential = false;
    doc.apply(Edit::UpdateStakeholder(unticked), None).unwrap();
    let returned = doc.workspace().clone();

    let merged = merge(Some(&original), &original, &returned);
    let bank = merged.result.stakeholder(bank_id).unwrap();
    assert_eq!(
        (
            bank.name.as_str(),
            bank.region.as_str(),
            bank.notes.as_str()
        ),
        ("Nordic Bank", "Nordics", "Wants a seat on the board."),
        "the share copy's placeholders replaced the original's values"
    );
}

#[test]
fn without_a_base_records_on_one_side_are_added_and_every_difference_is_a_conflict() {
    let base = coalition();
    let mine = edited(
        &base,
        vec![
            with_stakeholder(&base, MILL, |s| s.region = "EU".into()),
            Edit::DeleteCommitment(commitment_id(LOAN)),
        ],
    );
    let theirs = edited(&base, vec![Edit::SetTitle("Steel coalition 2026".into())]);
    let merged = merge(None, &mine, &theirs);
    let labels: Vec<(RecordKind, &str)> = merged
        .conflicts
        .iter()
        .map(|c| (c.key.kind, c.label.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (RecordKind::Workspace, "Title"),
            (RecordKind::Stakeholder, "Region")
        ]
    );
    assert!(
        merged.result.commitment(commitment_id(LOAN)).is_some(),
        "without a base, theirs' loan is an addition"
    );
    assert_valid(&merged);
}

#[test]
fn recorded_conflicts_survive_a_file_and_can_be_switched_later() {
    let base = coalition();
    let mine = edited(
        &base,
        vec![
            with_stakeholder(&base, MILL, |s| s.support = 1),
            Edit::SetVision("Mine".into()),
        ],
    );
    let theirs = edited(
        &base,
        vec![
            with_stakeholder(&base, MILL, |s| s.support = 2),
            Edit::SetVision("Theirs".into()),
        ],
    );
    let merged = merge(Some(&base), &mine, &theirs);
    assert_eq!(merged.conflicts.len(), 2);
    let text = ron::to_string(&merged.conflicts).unwrap();
    let recorded: Vec<Conflict> = ron::from_str(&text).unwrap();
    assert_eq!(recorded, merged.conflicts);
    let mut ws = merged.result.clone();
    for conflict in &recorded {
        ws = apply_choice(&ws, conflict, Side::Theirs).unwrap();
    }
    assert_eq!(ws, resolved(&merged, all(Side::Theirs)));
    assert_eq!(ws.vision, "Theirs");

    // A recorded value that does not fit is refused and changes nothing.
    let mut hostile = recorded[1].clone();
    hostile.theirs = Some(serde_json::json!("nine"));
    assert!(apply_choice(&ws, &hostile, Side::Theirs).is_err());
    hostile.key.id = "not an id".into();
    assert!(apply_choice(&ws, &hostile, Side::Theirs).is_err());
    hostile.theirs = Some(serde_json::json!(9));
    hostile.key.id = stakeholder_id(MILL).to_string();
    assert!(
        apply_choice(&ws, &hostile, Side::Theirs).is_err(),
        "support 9 does not validate"
    );
}

/// Copies that do not validate (a NaN, a stakeholder twice, a commitment
/// without a status, an infinite quantity) still merge without a panic,
/// and every choice the review could then make is answered: a workspace
/// that validates, or a refusal saying the result would not validate.
#[test]
fn workspaces_that_do_not_validate_never_make_it_panic() {
    let base = coalition();
    let mut broken = base.clone();
    broken.tipping_point_percent = f64::NAN;
    let copy = broken.stakeholders[0].clone();
    broken.stakeholders.push(copy);
    broken.commitments[0].status_history.clear();
    broken.commitments[0].quantity = Some(flywheel::model::Quantity {
        value: f64::INFINITY,
        unit: String::new(),
    });
    let mut refused = 0;
    for (b, m, t) in [
        (Some(&base), &broken, &base),
        (Some(&broken), &base, &broken),
        (None, &broken, &base),
        (Some(&base), &base, &broken),
    ] {
        let merged = merge(b, m, t);
        // Each conflict chosen as theirs alone, then all of them at once
        // (none at all where there are none: Apply on the result as it is).
        let all_theirs: Vec<(&Conflict, Side)> =
            merged.conflicts.iter().map(|c| (c, Side::Theirs)).collect();
        let alone = all_theirs.iter().map(std::slice::from_ref);
        for chosen in alone.chain([all_theirs.as_slice()]) {
            match apply_choices(&merged.result, chosen) {
                Ok(ws) => assert_eq!(validate(&ws), Ok(())),
                Err(ApplyError::Invalid(_)) => refused += 1,
                Err(err) => panic!("{chosen:?}: {err}"),
            }
        }
    }
    assert!(
        refused > 0,
        "the broken values reach a result and are refused"
    );
}

#[test]
fn big_copies_merge_with_changes_on_both_sides() {
    let base = flywheel::synthetic::synthetic_workspace(300, 600, 3_000, 11);
    let mut mine = base.clone();
    let mut theirs = base.clone();
    for (i, s) in mine.stakeholders.iter_mut().enumerate().step_by(30) {
        s.notes = format!("mine {i}");
    }
    for (i, s) in theirs
        .stakeholders
        .iter_mut()
        .enumerate()
        .skip(15)
        .step_by(30)
    {
        s.notes = format!("theirs {i}");
    }
    theirs.commitments.truncate(2_900);
    let merged = merge(Some(&base), &mine, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.result.commitments.len(), 2_900);
    assert_eq!(merged.changes.len(), 10 + 100);
    assert_eq!(validate(&merged.result), Ok(()));
}

// ---------------------------------------------------------------------
// Undoing a merge

/// "Saves" `ws` as the app does (a new lineage) and keeps the version.
fn save(versions: &Versions, dir: &std::path::Path, ws: &mut Workspace) -> Lineage {
    let lineage = Lineage::next(ws.lineage.as_ref());
    ws.lineage = Some(lineage.clone());
    let path = dir.join("coalition.ron");
    flywheel::file::save(ws, &path).unwrap();
    versions.keep(&lineage, &path).unwrap();
    lineage
}

/// Merge a colleague's copy, save, then Undo the merge: the document no
/// longer has the colleague's records, but its lineage still says their
/// save was merged in (its parents name it). When the colleague later
/// merges this copy back, their Flywheel takes their own save as the base
/// (the newest one they know in my history) and the merge silently deletes
/// the stakeholder they added.
#[test]
fn undoing_a_merge_after_a_save_must_not_leave_the_lineage_claiming_it() {
    let dir = tempfile::tempdir().unwrap();
    // The colleague's machine keeps their versions.
    let theirs_versions = Versions::at(dir.path().join("their-versions"));
    let mine_versions = Versions::at(dir.path().join("my-versions"));

    let mut sent = coalition();
    save(&mine_versions, dir.path(), &mut sent);
    // The colleague has the sent file (saved by them too: same revision kept).
    let mut theirs = sent.clone();
    theirs
        .stakeholders
        .push(stakeholder(12, "Scrap dealer", Category::Supplier));
    let sent_path = dir.path().join("sent.ron");
    flywheel::file::save(&sent, &sent_path).unwrap();
    theirs_versions
        .keep(sent.lineage.as_ref().unwrap(), &sent_path)
        .unwrap();
    let their_line = save(&theirs_versions, dir.path(), &mut theirs);

    // Meanwhile I rename the workspace and save.
    let mut renamed = sent.clone();
    renamed.title = "Steel coalition 2026".into();
    save(&mine_versions, dir.path(), &mut renamed);
    // I merge their copy, save, then undo the merge and save again.
    let mut doc = Document::new(renamed.clone());
    let merged = merge(Some(&sent), &renamed, &theirs);
    doc.apply(
        Edit::ReplaceWorkspace {
            label: "Merge".into(),
            workspace: Box::new(
                Checked::new(merged_workspace(&merged, &renamed, &theirs)).unwrap(),
            ),
            merged_in: Some(Box::new(their_line.clone())),
        },
        None,
    )
    .unwrap();
    let mut saved = doc.workspace().clone();
    let first = save(&mine_versions, dir.path(), &mut saved);
    doc.set_lineage(Some(first));
    doc.mark_saved();
    assert!(doc.undo());
    assert!(
        doc.workspace().stakeholder(stakeholder_id(12)).is_none(),
        "the merge is undone"
    );
    let mut mine = doc.workspace().clone();
    let mine_line = save(&mine_versions, dir.path(), &mut mine);

    // What that does: the colleague merges my copy back into theirs.
    let base = theirs_versions
        .base(&their_line, &mine_line)
        .map(|kept| theirs_versions.load(&kept).unwrap());
    let back = merge(base.as_ref(), &theirs, &mine);
    assert!(
        back.result.stakeholder(stakeholder_id(12)).is_some(),
        "the colleague's own new stakeholder is deleted by merging my copy"
    );
    // Because the content does not hold their save, yet the lineage says so.
    assert!(
        !mine_line.knows(their_line.revision),
        "after the undo the next save still names the colleague's save as merged in"
    );
}

/// Merging a copy into a document that was never saved gives it the
/// copy's workspace identity; an Undo must take that back, or the
/// unrelated document saves as a copy of the colleague's workspace (and
/// its later merges with that workspace use a base it never had).
#[test]
fn undoing_a_merge_into_a_never_saved_document_restores_its_identity() {
    let mut theirs = coalition();
    theirs.lineage = Some(Lineage::next(None));
    let their_line = theirs.lineage.clone().unwrap();
    let mut mine = Workspace::new("Cement coalition", Sector::Cement);
    mine.stakeholders
        .push(Stakeholder::new("Kiln", Category::Industry));
    assert_eq!(mine.lineage, None);
    let mut doc = Document::new(mine.clone());
    let merged = merge(None, &mine, &theirs);
    doc.apply(
        Edit::ReplaceWorkspace {
            label: "Merge".into(),
            workspace: Box::new(Checked::new(merged_workspace(&merged, &mine, &theirs)).unwrap()),
            merged_in: Some(Box::new(their_line.clone())),
        },
        None,
    )
    .unwrap();
    assert!(doc.undo());
    assert_eq!(doc.workspace().title, "Cement coalition");
    assert_eq!(
        doc.workspace().lineage,
        None,
        "after Undo the never-saved document is still given the colleague's workspace id"
    );
}

// ---------------------------------------------------------------------
// Properties

/// Record lists sorted by id: the order a merge gives records kept from
/// theirs by a choice differs from the other direction's.
fn sorted(mut ws: Workspace) -> Workspace {
    ws.stakeholders.sort_by_key(|s| s.id);
    ws.relationships.sort_by_key(|r| r.id);
    ws.commitments.sort_by_key(|c| c.id);
    ws.workshops.sort_by_key(|w| w.id);
    ws.roadmap.metrics.sort_by_key(|m| m.id);
    ws
}

/// A tiny deterministic generator, so a whole workspace comes from one seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const NAMES: [&str; 4] = ["Acme", "Boreal", "Cobalt", "Delta"];
const DATES: [(i32, u32, u32); 4] = [(2023, 1, 1), (2023, 6, 1), (2024, 1, 1), (2024, 6, 1)];

fn date(i: usize) -> NaiveDate {
    let (y, m, d) = DATES[i % DATES.len()];
    day(y, m, d)
}

/// A valid workspace of a few records of every kind, with values from
/// small sets so that two copies often make the same or clashing edits.
fn generated(seed: u64) -> Workspace {
    let mut rng = Rng(seed | 1);
    let mut ws = Workspace::new("Coalition", Sector::Cement);
    ws.roadmap.metrics = (0..2)
        .map(|i| Metric {
            id: MetricId(Uuid::from_u128(900 + i)),
            name: format!("Metric {i}"),
            unit: "Mt".into(),
            kind: MetricKind::Additive,
            description: String::new(),
            segment: None,
        })
        .collect();
    ws.roadmap.milestones.push(Milestone {
        year: 2030,
        summary: String::new(),
        targets: vec![MetricTarget {
            metric: MetricId(Uuid::from_u128(900)),
            value: 1.0,
        }],
    });
    let people = 1 + rng.below(5);
    for i in 0..people {
        let mut s = Stakeholder::new(rng.pick(&NAMES), rng.pick(Category::ALL));
        s.id = stakeholder_id(1 + i as u128);
        s.support = rng.below(5) as i8 - 2;
        for _ in 0..rng.below(3) {
            let at = rng.below(DATES.len());
            if s.stage_since().is_none_or(|since| since < date(at)) {
                s.set_stage(rng.pick(EngagementStage::ALL), date(at));
            }
        }
        ws.stakeholders.push(s);
    }
    for k in 0..rng.below(6) {
        let owner = stakeholder_id(1 + rng.below(people) as u128);
        let mut c = Commitment::new(
            owner,
            rng.pick(CommitmentKind::ALL),
            rng.pick(&NAMES),
            date(rng.below(2)),
        );
        c.id = commitment_id(100 + k as u128);
        if rng.below(2) == 0 {
            c.metric = Some(MetricId(Uuid::from_u128(900 + rng.below(2) as u128)));
        }
        ws.commitments.push(c);
    }
    if people >= 2 {
        for k in 0..rng.below(5) {
            let from = rng.below(people);
            let to = (from + 1 + rng.below(people - 1)) % people;
            let mut r = Relationship::new(
                stakeholder_id(1 + from as u128),
                stakeholder_id(1 + to as u128),
                rng.pick(RelationshipKind::ALL),
            );
            r.id = RelationshipId(Uuid::from_u128(200 + k as u128));
            ws.relationships.push(r);
        }
    }
    for k in 0..rng.below(3) {
        ws.workshops.push(Workshop {
            id: WorkshopId(Uuid::from_u128(300 + k as u128)),
            date: date(k),
            title: format!("Workshop {k}"),
            attendees: (0..people)
                .filter(|_| rng.below(2) == 0)
                .map(|i| stakeholder_id(1 + i as u128))
                .collect(),
            notes: String::new(),
        });
    }
    ws
}

/// One edit a facilitator could make, by numbers resolved against the
/// workspace at hand.
#[derive(Clone, Debug)]
enum Op {
    Rename(usize, usize),
    Support(usize, i8),
    Stage(usize, usize, usize),
    DeleteStakeholder(usize),
    AddStakeholder(u128, usize),
    AddCommitment(u128, usize, usize),
    Status(usize, usize, usize),
    DateMade(usize, usize),
    Metric(usize, bool),
    DeleteCommitment(usize),
    AddRelationship(u128, usize, usize),
    Retarget(usize, usize),
    DeleteMetric(usize),
    Attend(usize, usize),
    Title(usize),
    Notes(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let n = || 0usize..8;
    prop_oneof![
        (n(), n()).prop_map(|(i, k)| Op::Rename(i, k)),
        (n(), -2i8..=2).prop_map(|(i, s)| Op::Support(i, s)),
        (n(), n(), n()).prop_map(|(i, s, d)| Op::Stage(i, s, d)),
        n().prop_map(Op::DeleteStakeholder),
        (0u128..3, n()).prop_map(|(k, i)| Op::AddStakeholder(k, i)),
        (0u128..3, n(), n()).prop_map(|(k, i, j)| Op::AddCommitment(k, i, j)),
        (n(), n(), n()).prop_map(|(i, s, d)| Op::Status(i, s, d)),
        (n(), n()).prop_map(|(i, d)| Op::DateMade(i, d)),
        (n(), any::<bool>()).prop_map(|(i, on)| Op::Metric(i, on)),
        n().prop_map(Op::DeleteCommitment),
        (0u128..3, n(), n()).prop_map(|(k, i, j)| Op::AddRelationship(k, i, j)),
        (n(), n()).prop_map(|(i, j)| Op::Retarget(i, j)),
        n().prop_map(Op::DeleteMetric),
        (n(), n()).prop_map(|(w, i)| Op::Attend(w, i)),
        n().prop_map(Op::Title),
        n().prop_map(Op::Notes),
    ]
}

fn edit_of(op: &Op, ws: &Workspace) -> Option<Edit> {
    let nth = |len: usize, i: usize| (len > 0).then(|| i % len);
    let stakeholder = |i| Some(ws.stakeholders[nth(ws.stakeholders.len(), i)?].clone());
    let commitment = |i| Some(ws.commitments[nth(ws.commitments.len(), i)?].clone());
    Some(match *op {
        Op::Rename(i, k) => {
            let mut s = stakeholder(i)?;
            s.name = NAMES[k % NAMES.len()].into();
            Edit::UpdateStakeholder(s)
        }
        Op::Support(i, support) => {
            let mut s = stakeholder(i)?;
            s.support = support;
            Edit::UpdateStakeholder(s)
        }
        Op::Stage(i, stage, d) => Edit::SetStakeholderStage {
            id: stakeholder(i)?.id,
            change: flywheel::model::StageChange::new(
                date(d),
                EngagementStage::ALL[stage % EngagementStage::ALL.len()],
            ),
        },
        Op::DeleteStakeholder(i) => Edit::DeleteStakeholder(stakeholder(i)?.id),
        Op::AddStakeholder(k, name) => {
            let mut s = Stakeholder::new(NAMES[name % NAMES.len()], Category::Investor);
            s.id = stakeholder_id(50 + k);
            Edit::AddStakeholder(s)
        }
        Op::AddCommitment(k, i, title) => {
            let owner = stakeholder(i)?.id;
            let mut c = Commitment::new(
                owner,
                CommitmentKind::Policy,
                NAMES[title % NAMES.len()],
                date(title),
            );
            c.id = commitment_id(150 + k);
            Edit::AddCommitment(c)
        }
        Op::Status(i, status, d) => Edit::SetCommitmentStatus {
            id: commitment(i)?.id,
            status: CommitmentStatus::ALL[status % CommitmentStatus::ALL.len()],
            date: date(d),
        },
        Op::DateMade(i, d) => {
            let mut c = commitment(i)?;
            c.made_on = date(d);
            Edit::UpdateCommitment(c)
        }
        Op::Metric(i, on) => {
            let mut c = commitment(i)?;
            c.metric = on
                .then(|| ws.roadmap.metrics.first().map(|m| m.id))
                .flatten();
            Edit::UpdateCommitment(c)
        }
        Op::DeleteCommitment(i) => Edit::DeleteCommitment(commitment(i)?.id),
        Op::AddRelationship(k, i, j) => {
            let mut r = Relationship::new(
                stakeholder(i)?.id,
                stakeholder(j)?.id,
                RelationshipKind::Supplies,
            );
            r.id = RelationshipId(Uuid::from_u128(250 + k));
            Edit::AddRelationship(r)
        }
        Op::Retarget(i, j) => {
            let mut r = ws.relationships[nth(ws.relationships.len(), i)?].clone();
            r.to = stakeholder(j)?.id;
            Edit::UpdateRelationship(r)
        }
        Op::DeleteMetric(i) => {
            Edit::DeleteMetric(ws.roadmap.metrics[nth(ws.roadmap.metrics.len(), i)?].id)
        }
        Op::Attend(w, i) => {
            let mut workshop = ws.workshops[nth(ws.workshops.len(), w)?].clone();
            let id = stakeholder(i)?.id;
            if workshop.attendees.contains(&id) {
                workshop.attendees.retain(|a| *a != id);
            } else {
                workshop.attendees.push(id);
            }
            Edit::UpdateWorkshop(workshop)
        }
        Op::Title(k) => Edit::SetTitle(NAMES[k % NAMES.len()].into()),
        Op::Notes(k) => Edit::SetNotes(NAMES[k % NAMES.len()].into()),
    })
}

/// `ws` after the ops the app accepts.
fn after(ws: &Workspace, ops: &[Op]) -> Workspace {
    let mut doc = Document::new(ws.clone());
    for op in ops {
        if let Some(edit) = edit_of(op, doc.workspace()) {
            let _ = doc.apply(edit, None);
        }
    }
    doc.workspace().clone()
}

fn copies() -> impl Strategy<Value = (Workspace, Workspace, Workspace)> {
    let ops = || proptest::collection::vec(op(), 0..8);
    (any::<u64>(), ops(), ops()).prop_map(|(seed, mine, theirs)| {
        let base = generated(seed);
        let (x, y) = (after(&base, &mine), after(&base, &theirs));
        (base, x, y)
    })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Merging a copy with itself, or with a side that changed nothing,
    /// gives that copy exactly (same order too), without conflicts; so
    /// does a two-way merge of a copy with itself.
    #[test]
    fn merging_with_no_change_on_one_side_gives_the_other((base, x, _) in copies()) {
        for merged in [
            merge(Some(&base), &x, &x),
            merge(Some(&base), &base, &x),
            merge(Some(&base), &x, &base),
            merge(None, &x, &x),
        ] {
            prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
            prop_assert_eq!(&merged.result, &x);
        }
    }

    /// Which side is "mine" only decides who wins conflicts:
    /// merge(b, x, y) resolved all theirs equals merge(b, y, x) as
    /// merged (all mine), up to the order of records in their lists; and
    /// both directions find the same conflicts.
    #[test]
    fn merge_is_symmetric_up_to_who_wins((base, x, y) in copies()) {
        let forward = merge(Some(&base), &x, &y);
        let backward = merge(Some(&base), &y, &x);
        let mut keys: Vec<_> = forward.conflicts.iter().map(|c| c.key.clone()).collect();
        let mut back_keys: Vec<_> = backward.conflicts.iter().map(|c| c.key.clone()).collect();
        keys.sort();
        back_keys.sort();
        prop_assert_eq!(keys, back_keys);
        prop_assert_eq!(
            sorted(resolved(&forward, all(Side::Theirs))),
            sorted(backward.result.clone())
        );
        prop_assert_eq!(
            sorted(resolved(&backward, all(Side::Theirs))),
            sorted(forward.result)
        );
    }

    /// Every resolution validates: all mine, all theirs, any mix, and
    /// each recorded conflict switched alone on the saved result (which
    /// then equals resolving that one as theirs). The same without a base.
    #[test]
    fn every_resolution_validates((base, x, y) in copies(), mix in any::<u64>()) {
        for merged in [merge(Some(&base), &x, &y), merge(None, &x, &y)] {
            prop_assert_eq!(validate(&merged.result), Ok(()));
            prop_assert_eq!(validate(&resolved(&merged, all(Side::Theirs))), Ok(()));
            let position = |c: &Conflict| merged.conflicts.iter().position(|k| std::ptr::eq(k, c));
            let mixed = resolved(&merged, |c| {
                if position(c).is_some_and(|i| mix >> (i % 64) & 1 == 1) { Side::Theirs } else { Side::Mine }
            });
            prop_assert_eq!(validate(&mixed), Ok(()));
            for conflict in &merged.conflicts {
                let switched = apply_choice(&merged.result, conflict, Side::Theirs);
                prop_assert!(switched.is_ok(), "{:?}: {:?}", conflict.key, switched);
                let alone = resolved(&merged, |c| if std::ptr::eq(c, conflict) { Side::Theirs } else { Side::Mine });
                prop_assert_eq!(sorted(switched.unwrap()), sorted(alone));
            }
        }
    }
}
