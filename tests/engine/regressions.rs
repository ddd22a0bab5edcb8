//! Bugs a review found in merging, lineage, kept versions and the
//! flywheel, each kept as a test so it stays fixed.

use chrono::NaiveDate;
use flywheel::analysis::flywheel::flywheel;
use flywheel::analysis::roadmap_progress::{Pledges, metric_progress};
use flywheel::edit::{Document, Edit};
use flywheel::file::versions::{KEEP_VERSIONS, Versions};
use flywheel::merge::{merge, merged_workspace};
use flywheel::model::{
    Category, Commitment, CommitmentKind, CommitmentStatus, Lineage, Metric, MetricId, MetricKind,
    MetricTarget, Milestone, Quantity, Sector, Segment, Stakeholder, StakeholderId, Workspace,
};
use uuid::Uuid;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn coalition() -> Workspace {
    let mut ws = Workspace::new("Steel coalition", Sector::IronSteel);
    for (n, name) in [(1u128, "Mill"), (2, "Carmaker")] {
        let mut s = Stakeholder::new(name, Category::Industry);
        s.id = StakeholderId(Uuid::from_u128(n));
        ws.stakeholders.push(s);
    }
    ws
}

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
    let mut dealer = Stakeholder::new("Scrap dealer", Category::Supplier);
    dealer.id = StakeholderId(Uuid::from_u128(12));
    theirs.stakeholders.push(dealer);
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
            workspace: Box::new(merged_workspace(&merged, &renamed, &theirs)),
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
        doc.workspace()
            .stakeholder(StakeholderId(Uuid::from_u128(12)))
            .is_none(),
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
        back.result
            .stakeholder(StakeholderId(Uuid::from_u128(12)))
            .is_some(),
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
            workspace: Box::new(merged_workspace(&merged, &mine, &theirs)),
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

/// Versions are ordered by file modification time alone. A kept version
/// with a later time (clock set back, a data folder copied from another
/// machine) makes the save just kept look oldest, and the pruning deletes
/// it at once, although "the newest is always kept".
#[test]
fn the_version_just_saved_is_never_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let versions = Versions::at(dir.path().join("versions"));
    let mut ws = coalition();
    let mut lineage = Lineage::next(None);
    let path = dir.path().join("coalition.ron");
    let future = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    for _ in 0..KEEP_VERSIONS {
        lineage = Lineage::next(Some(&lineage));
        ws.lineage = Some(lineage.clone());
        flywheel::file::save(&ws, &path).unwrap();
        versions.keep(&lineage, &path).unwrap();
    }
    // The versions kept so far carry a clock an hour ahead.
    for v in versions.list(lineage.workspace) {
        std::fs::File::options()
            .write(true)
            .open(&v.path)
            .unwrap()
            .set_modified(future)
            .unwrap();
    }
    let newest = Lineage::next(Some(&lineage));
    ws.lineage = Some(newest.clone());
    flywheel::file::save(&ws, &path).unwrap();
    versions.keep(&newest, &path).unwrap();
    assert!(
        versions.get(newest.workspace, newest.revision).is_some(),
        "the save just made was pruned"
    );
}

/// The flywheel sums pledges as a running total (+ when a commitment
/// starts counting, − when withdrawn). With a large pledge withdrawn, the
/// small ones vanish in rounding: the Roadmap tab counts 0.3 pledged, the
/// flywheel something else, although it says it counts "as the Roadmap
/// tab counts it".
#[test]
fn the_flywheel_counts_pledges_as_the_roadmap_tab_does() {
    let mut ws = Workspace::new("Steel coalition", Sector::IronSteel);
    let buyer = Stakeholder::new("Carmaker", Category::Buyer);
    let buyer_id = buyer.id;
    ws.stakeholders.push(buyer);
    let metric = MetricId(Uuid::from_u128(900));
    ws.roadmap.metrics.push(Metric {
        id: metric,
        name: "Near-zero steel bought".into(),
        unit: "Mt".into(),
        kind: MetricKind::Additive,
        description: String::new(),
        segment: Some(Segment::Demand),
    });
    ws.roadmap.milestones.push(Milestone {
        year: 2030,
        summary: String::new(),
        targets: vec![MetricTarget { metric, value: 1.0 }],
    });
    let pledge = |title: &str, value: f64| {
        let mut c = Commitment::new(
            buyer_id,
            CommitmentKind::ProcurementPledge,
            title,
            day(2024, 1, 1),
        );
        c.metric = Some(metric);
        c.quantity = Some(Quantity {
            value,
            unit: "Mt".into(),
        });
        c
    };
    // A typo of a pledge, entered then withdrawn.
    let mut typo = pledge("Typo", 1e15);
    typo.set_status(CommitmentStatus::Withdrawn, day(2024, 6, 1));
    ws.commitments.push(typo);
    ws.commitments.push(pledge("Real", 0.3));
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

/// A partner unticks "Confidential" on an anonymised stakeholder in their
/// share copy. Merged back, the copy's placeholders ("Confidential bank 1",
/// emptied region and notes) are taken as the partner's edits and
/// overwrite the original's real values in the result: what the copy
/// redacted is decided by the copy's flag as it is now, not as it was when
/// the copy was made.
#[test]
fn a_share_copy_that_unticks_confidential_does_not_overwrite_redacted_values() {
    use flywheel::exchange::share::{ShareOptions, share_copy};
    let mut original = coalition();
    original.lineage = Some(Lineage::next(None));
    let bank_id = StakeholderId(Uuid::from_u128(3));
    let mut bank = Stakeholder::new("Nordic Bank", Category::Bank);
    bank.id = bank_id;
    bank.confidential = true;
    bank.region = "Nordics".into();
    bank.notes = "Wants a seat on the board.".into();
    original.stakeholders.push(bank);
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
