//! What autosave costs at 10,000 stakeholders, 30,000 relationships and
//! 100,000 commitments: the clone on the UI thread (all a frame pays), and
//! the text and atomic write the background thread does.
//!
//!     cargo bench --bench autosave

use std::time::Duration;

use chrono::NaiveDate;
use flywheel::recovery::{BelongsTo, Header, RecoveryStore, to_bytes};
use flywheel::synthetic::synthetic_workspace;

mod support;
use support::time;

fn main() {
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
            "{name:<48} median {:8.2} ms  worst {:8.2} ms{ratio}",
            ms(median),
            ms(worst)
        );
    };
    // Not our code, same data, same run: what the machine does today.
    let json = time(runs, || serde_json::to_vec(&ws).map(|b| b.len()));
    report("baseline: serde_json writes the workspace", json, None);
    report(
        "UI thread: clone the workspace",
        time(runs, || Box::new(ws.clone())),
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
