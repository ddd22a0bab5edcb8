//! Properties that must hold for any valid workspace, not just the ones we
//! thought of: a save loads back equal and saves again to the same bytes,
//! and every edit followed by undo gives back exactly the workspace before
//! it. Workspaces are generated with any Unicode text (control characters,
//! quotes, RON syntax, right-to-left scripts), histories and references.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use flywheel::edit::{Document, Edit, RecordLists};
use flywheel::file;
use flywheel::model::{
    Category, Commitment, CommitmentId, CommitmentKind, CommitmentStatus, Confidence,
    EngagementStage, MapPoint, Quantity, Relationship, RelationshipId, RelationshipKind, Sector,
    Stakeholder, StakeholderId, Workspace, validate,
};
use proptest::prelude::*;
use proptest::sample::select;

fn text(max_chars: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 0..max_chars).prop_map(|c| c.into_iter().collect())
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2060, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())
}

fn tag() -> impl Strategy<Value = String> {
    proptest::collection::vec(select(&['a', 'é', 'z', '1', '-', '中'][..]), 1..8)
        .prop_map(|c| c.into_iter().collect())
}

fn stakeholder(n: u128) -> impl Strategy<Value = Stakeholder> {
    (
        (text(30), select(Category::ALL), text(12), 1u8..=5, -2i8..=2),
        proptest::collection::vec((date(), select(EngagementStage::ALL)), 0..4),
        (
            proptest::collection::vec(tag(), 0..3),
            text(40),
            text(20),
            any::<bool>(),
        ),
        proptest::option::of((-2000.0f32..2000.0, -2000.0f32..2000.0)),
    )
        .prop_map(move |(head, mut stages, tail, position)| {
            let (name, category, region, influence, support) = head;
            let (tags, notes, contacts, confidential) = tail;
            let mut s = Stakeholder::new(name, category);
            s.id = StakeholderId(uuid::Uuid::from_u128(n));
            s.region = region;
            s.influence = influence;
            s.support = support;
            stages.sort_by_key(|(date, _)| *date);
            for (date, stage) in stages {
                s.set_stage(stage, date);
            }
            s.tags = tags;
            s.notes = notes;
            s.contacts = contacts;
            s.confidential = confidential;
            s.map_position = position.map(|(x, y)| MapPoint { x, y });
            s
        })
}

/// A commitment of the stakeholder at `owner` (taken modulo the count).
fn commitment(n: u128) -> impl Strategy<Value = (usize, Commitment)> {
    (
        (
            any::<usize>(),
            select(CommitmentKind::ALL),
            text(30),
            date(),
        ),
        (
            proptest::option::of(0i32..40),
            proptest::option::of(0.0f64..1e7),
        ),
        (select(
            &["Mt/yr", "%", "EUR bn subsidies already secured"][..],
        ),),
        proptest::collection::vec((1i64..4000, select(CommitmentStatus::ALL)), 0..4),
        (text(60), text(40), any::<bool>()),
    )
        .prop_map(move |(head, amounts, (unit,), statuses, tail)| {
            let (owner, kind, title, made_on) = head;
            let (years_ahead, value) = amounts;
            let (source, notes, confidential) = tail;
            let mut c = Commitment::new(StakeholderId::new_random(), kind, title, made_on);
            c.id = CommitmentId(uuid::Uuid::from_u128(n));
            c.target_year = years_ahead.map(|ahead| made_on.year() + ahead);
            c.quantity = value.map(|value| Quantity {
                value,
                unit: unit.to_string(),
            });
            let mut days: Vec<(i64, CommitmentStatus)> = statuses;
            days.sort_by_key(|(d, _)| *d);
            for (after, status) in days {
                c.set_status(status, made_on + chrono::Duration::days(after));
            }
            c.source = source;
            c.notes = notes;
            c.confidential = confidential;
            (owner, c)
        })
}

fn relationship(n: u128) -> impl Strategy<Value = (usize, usize, Relationship)> {
    (
        any::<usize>(),
        any::<usize>(),
        select(RelationshipKind::ALL),
        select(Confidence::ALL),
        text(30),
    )
        .prop_map(move |(from, to, kind, confidence, note)| {
            let id = StakeholderId::new_random();
            let mut r = Relationship::new(id, id, kind);
            r.id = RelationshipId(uuid::Uuid::from_u128(n));
            r.confidence = confidence;
            r.note = note;
            (from, to, r)
        })
}

/// A valid workspace of up to 8 stakeholders, 12 commitments and 8
/// relationships, every reference pointing at a stakeholder in it.
fn workspace() -> impl Strategy<Value = Workspace> {
    (
        (text(40), select(Sector::ALL), text(80), text(80)),
        (1usize..8).prop_flat_map(|n| (0..n as u128).map(stakeholder).collect::<Vec<_>>()),
        proptest::collection::vec(0u128..1, 0..12),
        proptest::collection::vec(0u128..1, 0..8),
    )
        .prop_flat_map(|(meta, stakeholders, commitments, relationships)| {
            let commitments: Vec<_> = (0..commitments.len() as u128)
                .map(|i| commitment(1000 + i))
                .collect();
            let relationships: Vec<_> = (0..relationships.len() as u128)
                .map(|i| relationship(2000 + i))
                .collect();
            (Just(meta), Just(stakeholders), commitments, relationships)
        })
        .prop_map(|(meta, stakeholders, commitments, relationships)| {
            let (title, sector, vision, notes) = meta;
            let mut ws = Workspace::new(title, sector);
            ws.vision = vision;
            ws.notes = notes;
            let ids: Vec<StakeholderId> = stakeholders.iter().map(|s| s.id).collect();
            ws.stakeholders = stakeholders;
            ws.commitments = commitments
                .into_iter()
                .map(|(owner, mut c)| {
                    c.stakeholder = ids[owner % ids.len()];
                    c
                })
                .collect();
            ws.relationships = relationships
                .into_iter()
                .filter(|(from, to, _)| from % ids.len() != to % ids.len())
                .map(|(from, to, mut r)| {
                    r.from = ids[from % ids.len()];
                    r.to = ids[to % ids.len()];
                    r
                })
                .collect();
            ws
        })
}

/// One edit a user could ask for, built against the workspace as it is.
#[derive(Clone, Debug)]
enum Op {
    Rename(usize, String),
    Rescore(usize, u8, i8),
    Stage(usize, EngagementStage, NaiveDate),
    Delete(usize),
    Status(usize, CommitmentStatus, NaiveDate),
    DeleteCommitment(usize),
    Move(usize, f32, f32),
    Title(String),
    ReverseAll,
    Add(String, Category),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<usize>(), text(20)).prop_map(|(i, s)| Op::Rename(i, s)),
        (any::<usize>(), 0u8..=6, -3i8..=3).prop_map(|(i, a, b)| Op::Rescore(i, a, b)),
        (any::<usize>(), select(EngagementStage::ALL), date())
            .prop_map(|(i, s, d)| Op::Stage(i, s, d)),
        any::<usize>().prop_map(Op::Delete),
        (any::<usize>(), select(CommitmentStatus::ALL), date())
            .prop_map(|(i, s, d)| Op::Status(i, s, d)),
        any::<usize>().prop_map(Op::DeleteCommitment),
        (any::<usize>(), -3000.0f32..3000.0, -3000.0f32..3000.0)
            .prop_map(|(i, x, y)| Op::Move(i, x, y)),
        text(20).prop_map(Op::Title),
        Just(Op::ReverseAll),
        (text(20), select(Category::ALL)).prop_map(|(s, c)| Op::Add(s, c)),
    ]
}

/// The edit `op` stands for in `ws`, if it has something to act on.
fn edit_of(op: &Op, ws: &Workspace) -> Option<Edit> {
    let stakeholder = |i: usize| ws.stakeholders.get(i % ws.stakeholders.len().max(1));
    let commitment = |i: usize| ws.commitments.get(i % ws.commitments.len().max(1));
    Some(match op.clone() {
        Op::Rename(i, name) => {
            let mut s = stakeholder(i)?.clone();
            s.name = name;
            Edit::UpdateStakeholder(s)
        }
        Op::Rescore(i, influence, support) => {
            let mut s = stakeholder(i)?.clone();
            s.influence = influence;
            s.support = support;
            Edit::UpdateStakeholder(s)
        }
        Op::Stage(i, stage, date) => Edit::SetStakeholderStage {
            id: stakeholder(i)?.id,
            change: flywheel::model::StageChange::new(date, stage),
        },
        Op::Delete(i) => Edit::DeleteStakeholder(stakeholder(i)?.id),
        Op::Status(i, status, date) => Edit::SetCommitmentStatus {
            id: commitment(i)?.id,
            status,
            date,
        },
        Op::DeleteCommitment(i) => Edit::DeleteCommitment(commitment(i)?.id),
        Op::Move(i, x, y) => Edit::MoveOnMap(vec![(stakeholder(i)?.id, Some(MapPoint { x, y }))]),
        Op::Title(title) => Edit::SetTitle(title),
        Op::ReverseAll => {
            let mut records = RecordLists::of(ws);
            records.stakeholders.reverse();
            records.commitments.reverse();
            Edit::ReplaceRecords {
                label: "Reverse".into(),
                records: Box::new(records),
            }
        }
        Op::Add(name, category) => Edit::AddStakeholder(Stakeholder::new(name, category)),
    })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_saved_workspace_loads_back_equal_and_saves_to_the_same_bytes(ws in workspace()) {
        prop_assert_eq!(validate(&ws), Ok(()));
        let text = file::to_text(&ws).expect("a valid workspace serialises");
        let again = file::to_text(&ws).expect("a valid workspace serialises");
        prop_assert_eq!(&text, &again, "two saves give the same bytes");
        let loaded = file::parse(Path::new("generated.ron"), text.as_bytes())
            .map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(&loaded, &ws);
        let resaved = file::to_text(&loaded).expect("a loaded workspace serialises");
        prop_assert_eq!(resaved, text, "load then save changes nothing");
    }

    #[test]
    fn every_edit_then_undo_restores_the_exact_workspace(
        ws in workspace(),
        ops in proptest::collection::vec(op(), 1..12),
    ) {
        let mut doc = Document::new(ws);
        for op in &ops {
            let before = doc.workspace().clone();
            let Some(edit) = edit_of(op, &before) else { continue };
            if doc.apply(edit, None).is_err() {
                prop_assert_eq!(doc.workspace(), &before, "a refused edit changes nothing");
                continue;
            }
            let after = doc.workspace().clone();
            if after == before {
                continue;
            }
            prop_assert!(doc.undo());
            prop_assert_eq!(doc.workspace(), &before, "undo of {:?}", op);
            prop_assert!(doc.redo());
            prop_assert_eq!(doc.workspace(), &after, "redo of {:?}", op);
            prop_assert_eq!(validate(doc.workspace()), Ok(()));
        }
    }

    /// Crash recovery keeps its own copy of the workspace by replaying the
    /// document's changes: after any edits, undos and redos, in any mix
    /// and with edits of one interaction joined into one step, the copy
    /// equals the document.
    #[test]
    fn replaying_the_changes_on_a_copy_gives_the_document(
        ws in workspace(),
        ops in proptest::collection::vec((op(), 0u8..5), 1..16),
    ) {
        let mut copy = ws.clone();
        let mut doc = Document::new(ws);
        doc.record_changes();
        for (op, then) in &ops {
            if let Some(edit) = edit_of(op, doc.workspace()) {
                // Every other edit continues the same interaction.
                let key = (then % 2 == 0).then_some(flywheel::edit::CoalesceKey(7));
                let _ = doc.apply(edit, key);
            }
            match then {
                3 => { doc.undo(); }
                4 => { doc.undo(); doc.redo(); }
                _ => {}
            }
            if *then == 1 {
                for change in doc.take_changes() {
                    change.replay(&mut copy);
                }
                prop_assert_eq!(&copy, doc.workspace(), "after {:?}", op);
            }
        }
        for change in doc.take_changes() {
            change.replay(&mut copy);
        }
        prop_assert_eq!(&copy, doc.workspace());
    }
}
