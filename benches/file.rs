//! Reading and writing a workspace file of 10,000 stakeholders, 30,000
//! relationships and 100,000 commitments, against baselines that are not
//! our code, on the same data in the same run: ron's own decode of the same
//! bytes (goal: loading costs at most 1.2× that) and serde_json reading and
//! writing the same workspace (goal: reading at most 4× serde_json).
//!
//!     cargo bench --bench file

use std::path::Path;
use std::time::{Duration, Instant};

use flywheel::file;
use flywheel::model::Workspace;
use flywheel::synthetic::synthetic_workspace;

fn main() {
    // The allocator set up as the app sets it up (see `src/allocator.rs`).
    flywheel::allocator::keep_freed_memory_for_reuse();
    // `cargo test --benches` runs this with --bench absent: keep it quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let (stakeholders, relationships, commitments, runs) = if quick {
        (300, 900, 3_000, 2)
    } else {
        (10_000, 30_000, 100_000, 9)
    };
    let ws = synthetic_workspace(stakeholders, relationships, commitments, 42);
    let text = file::to_text(&ws).unwrap_or_else(|err| panic!("{err}"));
    let json = serde_json::to_vec(&ws).unwrap_or_else(|err| panic!("{err}"));
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("no temporary folder: {err}"));
    let path = dir.path().join("big.ron");
    file::save(&ws, &path).unwrap_or_else(|err| panic!("{err}"));
    println!(
        "{stakeholders} stakeholders, {relationships} relationships, {commitments} commitments \
         ({:.1} MB of RON, {:.1} MB of JSON); median and worst of {runs} runs, taken round-robin",
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

    // Readers, then writers, each timed round-robin after a warm-up round
    // so that all of them meet the same machine (a busy moment, memory the
    // allocator already holds); the baselines are not our code.
    let options = ron::Options::default().with_recursion_limit(64);
    let read = interleaved(
        runs,
        &mut [
            &mut || {
                let ws: Result<Workspace, _> = serde_json::from_slice(&json);
                std::hint::black_box(ws.is_ok());
            },
            &mut || {
                let ws: Result<Workspace, _> = options.from_str(&text);
                std::hint::black_box(ws.is_ok());
            },
            &mut || {
                std::hint::black_box(file::parse(Path::new("big.ron"), text.as_bytes()).is_ok());
            },
            &mut || {
                std::hint::black_box(file::load(&path).is_ok());
            },
        ],
    );
    let write = interleaved(
        runs,
        &mut [
            &mut || {
                std::hint::black_box(serde_json::to_vec(&ws).map(|b| b.len()).is_ok());
            },
            &mut || {
                std::hint::black_box(file::to_text(&ws).map(|t| t.len()).is_ok());
            },
            &mut || {
                std::hint::black_box(file::save(&ws, &path).is_ok());
            },
        ],
    );
    let [json_read, ron_read, parse, load] = read[..] else {
        return;
    };
    let [json_write, to_text, save] = write[..] else {
        return;
    };
    report("baseline: serde_json reads the workspace", json_read, &[]);
    report(
        "baseline: ron decodes the same text",
        ron_read,
        &[("of serde_json", json_read.0)],
    );
    report(
        "parse: version, decode, every check",
        parse,
        &[("of ron", ron_read.0), ("of serde_json", json_read.0)],
    );
    report(
        "load: read the file from disk + parse",
        load,
        &[("of ron", ron_read.0), ("of serde_json", json_read.0)],
    );
    report("baseline: serde_json writes the workspace", json_write, &[]);
    report(
        "to text (RON)",
        to_text,
        &[("of serde_json writing", json_write.0)],
    );
    report(
        "save: streamed text, sync, backup, rename",
        save,
        &[("of serde_json writing", json_write.0)],
    );
}

/// Times each closure `runs` times, round-robin, after one warm-up round;
/// returns the median and worst time of each.
fn interleaved(runs: usize, closures: &mut [&mut dyn FnMut()]) -> Vec<(Duration, Duration)> {
    let mut times = vec![Vec::new(); closures.len()];
    for round in 0..=runs {
        for (f, times) in closures.iter_mut().zip(&mut times) {
            let start = Instant::now();
            f();
            if round > 0 {
                times.push(start.elapsed());
            }
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            (t[t.len() / 2], t[t.len() - 1])
        })
        .collect()
}
