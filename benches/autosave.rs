//! What autosave costs at 10,000 stakeholders, 30,000 relationships and
//! 100,000 commitments. On the UI thread: handing an edit's changes to the
//! writer (what a frame pays). On the thread that opens a file: the
//! writer's copy of the workspace (once per opened file). On the writer's
//! thread: replaying the changes, and the text and atomic write.
//!
//!     cargo bench --bench autosave

use std::time::Duration;

use chrono::NaiveDate;
use flywheel::edit::{Document, Edit};
use flywheel::recovery::{BelongsTo, Header, RecoveryStore, to_bytes};
use flywheel::synthetic::synthetic_workspace;

mod support;
use support::time;

fn main() {
    // The allocator set up as the app sets it up (see `src/allocator.rs`).
    flywheel::allocator::keep_freed_memory_for_reuse();
    let quick = !std::env::args().any(|a| a == "--bench");
    let (stakeholders, relationships, commitments, runs) = if quick {
        (300, 900, 3_000, 2)
    } else {
        (10_000, 30_000, 100_000, 11)
    };
    let ws = synthetic_workspace(stakeholders, relationships, commitments, 42);
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("no temporary folder: {err}"));
    let store = RecoveryStore::open(dir.path()).unwrap_or_else(|err| panic!("{err}"));
    let last_edit = NaiveDate::from_ymd_opt(2026, 11, 22)
        .and_then(|d| d.and_hms_opt(14, 5, 0))
        .unwrap_or_default();
    let header = Header::new(BelongsTo::File("big.ron".into()), last_edit);
    println!(
        "{stakeholders} stakeholders, {commitments} commitments; median and worst of {runs} runs"
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let report = |name: &str, (median, worst): (Duration, Duration), baseline: Option<Duration>| {
        let ratio = baseline.map_or(String::new(), |b| {
            format!("  ×{:.1} of baseline", ms(median) / ms(b).max(1e-9))
        });
        println!(
            "{name:<52} median {:9.3} ms  worst {:9.3} ms{ratio}",
            ms(median),
            ms(worst)
        );
    };
    // Not our code, same data, same run: what the machine does today.
    let json = time(runs, || serde_json::to_vec(&ws).map(|b| b.len()));
    report("baseline: serde_json writes the workspace", json, None);
    // A facilitator typing a note: one edit of one stakeholder per frame.
    let edit = |doc: &Document, n: usize| {
        let mut s = doc.workspace().stakeholders[n % stakeholders].clone();
        s.notes.push('x');
        Edit::UpdateStakeholder(s)
    };
    let mut plain = Document::new(ws.clone());
    let mut n = 0;
    let without = time(runs * 10, || {
        n += 1;
        plain.apply(edit(&plain, n), None)
    });
    report(
        &format!("UI thread: an edit, no autosave ({} runs)", runs * 10),
        without,
        Some(json.0),
    );
    let mut doc = Document::new(ws.clone());
    doc.record_changes();
    let mut changes = Vec::new();
    let with = time(runs * 10, || {
        n += 1;
        let applied = doc.apply(edit(&doc, n), None);
        changes.extend(doc.take_changes());
        applied
    });
    report(
        &format!(
            "UI thread: same edit, kept for autosave ({} runs)",
            runs * 10
        ),
        with,
        Some(json.0),
    );
    report(
        "load thread, once per opened file: writer's copy",
        time(runs, || Box::new(ws.clone())),
        Some(json.0),
    );
    let mut copy = ws.clone();
    let replayed = time(1, || {
        for change in &changes {
            change.replay(&mut copy);
        }
    });
    assert!(
        &copy == doc.workspace(),
        "the writer's copy follows the document"
    );
    report(
        &format!("writer thread: replay {} edits", changes.len()),
        replayed,
        Some(json.0),
    );
    report(
        "writer thread: header + workspace as RON",
        time(runs, || to_bytes(&header, &ws)),
        Some(json.0),
    );
    report(
        "writer thread: RON + atomic write (total)",
        time(runs, || store.write(&header, &ws)),
        Some(json.0),
    );
    let bytes = std::fs::metadata(store.path()).map_or(0, |m| m.len());
    println!("recovery file: {:.1} MB", bytes as f64 / 1e6);
}
