//! Reading and writing a workspace file of 10,000 stakeholders, 30,000
//! relationships and 100,000 commitments, against baselines that are not
//! our code, on the same data in the same run: ron's own decode of the same
//! bytes (goal: loading costs at most 1.2× that) and serde_json reading and
//! writing the same workspace (goal: reading at most 4× serde_json).
//!
//!     cargo bench --bench file

use std::path::Path;
use std::time::Duration;

use flywheel::file;
use flywheel::model::Workspace;
use flywheel::synthetic::synthetic_workspace;

mod support;
use support::time;

fn main() {
    // `cargo test --benches` runs this with --bench absent: keep it quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let (stakeholders, relationships, commitments, runs) = if quick {
        (300, 900, 3_000, 2)
    } else {
        (10_000, 30_000, 100_000, 7)
    };
    let ws = synthetic_workspace(stakeholders, relationships, commitments, 42);
    let text = file::to_text(&ws).unwrap_or_else(|err| panic!("{err}"));
    let json = serde_json::to_vec(&ws).unwrap_or_else(|err| panic!("{err}"));
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("no temporary folder: {err}"));
    let path = dir.path().join("big.ron");
    file::save(&ws, &path).unwrap_or_else(|err| panic!("{err}"));
    println!(
        "{stakeholders} stakeholders, {relationships} relationships, {commitments} commitments \
         ({:.1} MB of RON, {:.1} MB of JSON); median and worst of {runs} runs",
        text.len() as f64 / 1e6,
        json.len() as f64 / 1e6,
    );

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let report =
        |name: &str, (median, worst): (Duration, Duration), baselines: &[(&str, Duration)]| {
            let ratios: String = baselines
                .iter()
                .map(|(what, b)| format!("  ×{:.2} {what}", ms(median) / ms(*b).max(1e-9)))
                .collect();
            println!(
                "{name:<44} median {:8.1} ms  worst {:8.1} ms{ratios}",
                ms(median),
                ms(worst)
            );
        };

    // Not our code, same data, same run.
    let json_read = time(runs, || {
        serde_json::from_slice::<Workspace>(&json).map(|ws| ws.stakeholders.len())
    });
    report("baseline: serde_json reads the workspace", json_read, &[]);
    let json_write = time(runs, || serde_json::to_vec(&ws).map(|b| b.len()));
    report("baseline: serde_json writes the workspace", json_write, &[]);
    let options = ron::Options::default().with_recursion_limit(64);
    let ron_read = time(runs, || {
        options
            .from_str::<Workspace>(&text)
            .map(|ws| ws.stakeholders.len())
    });
    report(
        "baseline: ron decodes the same text",
        ron_read,
        &[("of serde_json", json_read.0)],
    );

    let parse = time(runs, || {
        file::parse(Path::new("big.ron"), text.as_bytes()).map(|ws| ws.stakeholders.len())
    });
    report(
        "parse: version, decode, every check",
        parse,
        &[("of ron", ron_read.0), ("of serde_json", json_read.0)],
    );
    let load = time(runs, || file::load(&path).map(|ws| ws.stakeholders.len()));
    report(
        "load: read the file from disk + parse",
        load,
        &[("of ron", ron_read.0), ("of serde_json", json_read.0)],
    );
    let to_text = time(runs, || file::to_text(&ws).map(|t| t.len()));
    report(
        "to text (RON)",
        to_text,
        &[("of serde_json writing", json_write.0)],
    );
    let save = time(runs, || file::save(&ws, &path));
    report(
        "save: text + temp file, sync, backup, rename",
        save,
        &[("of serde_json writing", json_write.0)],
    );
}
