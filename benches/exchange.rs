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

mod support;
use support::{baseline, build, report, start, time};

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
    let size = start(5);
    let (ws, runs) = (size.workspace(), size.runs);
    let base = emptied(&ws);
    let files = csv_files(&ws).map(|f| f.to_vec()).unwrap_or_default();
    let csv_size: usize = files.iter().map(|(_, b)| b.len()).sum();
    println!(
        "{size} ({:.1} MB of CSV), {}; median and worst of {runs} runs",
        csv_size as f64 / 1e6,
        build()
    );
    let json = serde_json::to_vec(&ws).unwrap_or_default();
    let csv_read = baseline(
        "baseline: csv crate reads the CSV into records",
        time(runs, || csv_records(&files)),
    );
    let json_write = baseline(
        "baseline: serde_json writes the workspace",
        time(runs, || serde_json::to_vec(&ws).map(|v| v.len())),
    );
    let json_read = baseline(
        "baseline: serde_json parses the workspace",
        time(runs, || serde_json::from_slice::<Workspace>(&json).is_ok()),
    );
    report(
        "import CSV (read + plan + apply)",
        time(runs, || import(&base, &files)),
        &[
            ("the csv crate", csv_read),
            ("serde_json parsing", json_read),
        ],
    );
    report(
        "export CSV (three files, in memory)",
        time(runs, || csv_files(&ws).map(|f| f.len())),
        &[("", json_write)],
    );
    report(
        "export xlsx (in memory)",
        time(runs.min(3), || xlsx_bytes(&ws).map(|b| b.len())),
        &[("", json_write)],
    );
    let back = import(&base, &files);
    assert_eq!(back.commitments.len(), ws.commitments.len());
}
