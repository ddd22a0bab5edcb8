//! What autosave costs at 10,000 stakeholders, 30,000 relationships and
//! 100,000 commitments. On the UI thread: handing an edit's changes to the
//! writer (what a frame pays). On the thread that opens a file: the
//! writer's copy of the workspace (once per opened file). On the writer's
//! thread: replaying the changes, and the text and atomic write.
//!
//!     cargo bench --bench autosave

use std::time::Duration;

use chrono::NaiveDate;
use flywheel::edit::{Change, Document, Edit};
use flywheel::model::Workspace;
use flywheel::recovery::{BelongsTo, Header, RecoveryStore, to_bytes};

mod support;
use support::{Size, baseline, report, start, time};

fn main() {
    let size = start(11);
    let ws = size.workspace();
    println!(
        "{size}; median and worst of {} runs ({} for the edits)",
        size.runs,
        size.runs * 10
    );
    // Not our code, same data, same run: what the machine does today.
    let json = baseline(
        "baseline: serde_json writes the workspace",
        time(size.runs, || serde_json::to_vec(&ws).map(|b| b.len())),
    );
    let (edited, changes) = ui_thread(&ws, size, json);
    writer_thread(&ws, &edited, &changes, size, json);
}

/// A facilitator typing a note: the `n`th edit of one stakeholder.
fn edit(doc: &Document, n: usize) -> Edit {
    let stakeholders = &doc.workspace().stakeholders;
    let mut s = stakeholders[n % stakeholders.len()].clone();
    s.notes.push('x');
    Edit::UpdateStakeholder(s)
}

/// What a frame pays: an edit without autosave, then the same edit with
/// its changes kept for the writer. Returns the document so edited and
/// the changes it handed over.
fn ui_thread(ws: &Workspace, size: Size, json: Duration) -> (Workspace, Vec<Change>) {
    let runs = size.runs * 10;
    let mut n = 0;
    let mut plain = Document::new(ws.clone());
    let without = time(runs, || {
        n += 1;
        plain.apply(edit(&plain, n), None)
    });
    report("UI thread: an edit, no autosave", without, &[("", json)]);
    let mut doc = Document::new(ws.clone());
    doc.record_changes();
    let mut changes = Vec::new();
    let with = time(runs, || {
        n += 1;
        let applied = doc.apply(edit(&doc, n), None);
        changes.extend(doc.take_changes());
        applied
    });
    report(
        "UI thread: same edit, kept for autosave",
        with,
        &[("", json)],
    );
    (doc.workspace().clone(), changes)
}

/// The writer's work: its copy of the workspace (made once, on the thread
/// that opens the file), replaying the changes on it, and writing it.
fn writer_thread(
    ws: &Workspace,
    edited: &Workspace,
    changes: &[Change],
    size: Size,
    json: Duration,
) {
    let of_json = &[("", json)];
    report(
        "load thread, once per opened file: writer's copy",
        time(size.runs, || Box::new(ws.clone())),
        of_json,
    );
    let mut copy = ws.clone();
    let replayed = time(1, || {
        for change in changes {
            change.replay(&mut copy);
        }
    });
    assert!(&copy == edited, "the writer's copy follows the document");
    report(
        &format!("writer thread: replay {} edits", changes.len()),
        replayed,
        of_json,
    );
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("no temporary folder: {err}"));
    let store = RecoveryStore::open(dir.path()).unwrap_or_else(|err| panic!("{err}"));
    let last_edit = NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(14, 5, 0))
        .unwrap_or_default();
    let header = Header::new(BelongsTo::File("big.ron".into()), last_edit);
    report(
        "writer thread: header + workspace as RON",
        time(size.runs, || to_bytes(&header, ws)),
        of_json,
    );
    report(
        "writer thread: RON + atomic write (total)",
        time(size.runs, || store.write(&header, ws)),
        of_json,
    );
    let bytes = std::fs::metadata(store.path()).map_or(0, |m| m.len());
    println!("recovery file: {:.1} MB", bytes as f64 / 1e6);
}
