//! Time to import 10,000 stakeholders and 100,000 commitments from CSV
//! (read + plan + apply) and to export them (CSV and xlsx bytes), against
//! baselines that are not our code: the csv crate reading the same bytes
//! into records, and serde_json writing and parsing the same records
//! (goal: each of ours under 2 s, release build).
//!
//!     cargo bench --bench exchange

use chrono::NaiveDate;
use flywheel::exchange::export::{csv_files, xlsx_bytes};
use flywheel::exchange::import::{Progress, Table, plan, read_bytes};
use flywheel::model::Workspace;
use flywheel::synthetic::synthetic_workspace;

mod support;
use support::{report, time};

fn emptied(ws: &Workspace) -> Workspace {
    let mut base = ws.clone();
    base.stakeholders.clear();
    base.commitments.clear();
    base.relationships.clear();
    base.workshops.clear();
    base
}

fn import(base: &Workspace, files: &[(String, Vec<u8>)]) -> Workspace {
    let tables: Vec<Table> = files
        .iter()
        .flat_map(|(name, bytes)| read_bytes(name, bytes, None).unwrap_or_default())
        .collect();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    match plan(base, &tables, today, &Progress::default()) {
        Ok(plan) => plan.apply(base, &[]),
        Err(err) => panic!("{err}"),
    }
}

fn csv_records(files: &[(String, Vec<u8>)]) -> usize {
    files
        .iter()
        .map(|(_, bytes)| {
            csv::ReaderBuilder::new()
                .from_reader(bytes.as_slice())
                .records()
                .filter_map(Result::ok)
                .count()
        })
        .sum()
}

fn main() {
    // The allocator set up as the app sets it up (see `src/allocator.rs`).
    flywheel::allocator::keep_freed_memory_for_reuse();
    let quick = !std::env::args().any(|a| a == "--bench");
    let (stakeholders, relationships, commitments, runs) = if quick {
        (300, 600, 3_000, 2)
    } else {
        (10_000, 30_000, 100_000, 5)
    };
    let ws = synthetic_workspace(stakeholders, relationships, commitments, 42);
    let base = emptied(&ws);
    let files = csv_files(&ws).map(|f| f.to_vec()).unwrap_or_default();
    let csv_size: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{stakeholders} stakeholders, {relationships} relationships, {commitments} commitments \
         ({:.1} MB of CSV), release build; median and worst of {runs} runs",
        csv_size as f64 / 1e6
    );
    let csv_read = time(runs, || csv_records(&files));
    let json = serde_json::to_vec(&ws).unwrap_or_default();
    let json_write = time(runs, || serde_json::to_vec(&ws).map(|v| v.len()));
    let json_read = time(runs, || serde_json::from_slice::<Workspace>(&json).is_ok());
    report(
        "baseline: csv crate reads the CSV into records",
        csv_read,
        None,
    );
    report(
        "baseline: serde_json writes the workspace",
        json_write,
        None,
    );
    report("baseline: serde_json parses the workspace", json_read, None);
    let imported = time(runs, || import(&base, &files));
    report(
        "import CSV (read + plan + apply)",
        imported,
        Some(csv_read.0),
    );
    report(
        "  same, against serde_json parsing",
        imported,
        Some(json_read.0),
    );
    let exported = time(runs, || csv_files(&ws).map(|f| f.len()));
    report(
        "export CSV (three files, in memory)",
        exported,
        Some(json_write.0),
    );
    let xlsx = time(runs.min(3), || xlsx_bytes(&ws).map(|b| b.len()));
    report("export xlsx (in memory)", xlsx, Some(json_write.0));
    let back = import(&base, &files);
    assert_eq!(back.commitments.len(), ws.commitments.len());
}
