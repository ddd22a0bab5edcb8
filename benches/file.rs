//! Reading and writing a workspace file of 10,000 stakeholders, 30,000
//! relationships and 100,000 commitments, against baselines that are not
//! our code, on the same data in the same run: ron's own decode of the same
//! bytes (goal: loading costs at most 1.2× that) and serde_json reading and
//! writing the same workspace (goal: reading at most 4× serde_json).
//!
//!     cargo bench --bench file

use std::path::Path;
use std::time::Instant;

use flywheel::file;
use flywheel::model::Workspace;

mod support;
use support::{Timing, report, start};

fn main() {
    let size = start(9);
    let ws = size.workspace();
    let text = file::to_text(&ws).unwrap_or_else(|err| panic!("{err}"));
    let json = serde_json::to_vec(&ws).unwrap_or_else(|err| panic!("{err}"));
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("no temporary folder: {err}"));
    let path = dir.path().join("big.ron");
    file::save(&ws, &path).unwrap_or_else(|err| panic!("{err}"));
    println!(
        "{size} ({:.1} MB of RON, {:.1} MB of JSON); median and worst of {} runs, taken \
         round-robin",
        text.len() as f64 / 1e6,
        json.len() as f64 / 1e6,
        size.runs
    );
    reading(size.runs, &text, &json, &path);
    writing(size.runs, &ws, &path);
}

/// serde_json and ron reading the workspace (the baselines), then our
/// parse from memory and our load from disk.
fn reading(runs: usize, text: &str, json: &[u8], path: &Path) {
    let options = ron::Options::default().with_recursion_limit(64);
    let timings = interleaved(
        runs,
        &mut [
            &mut || {
                let ws: Result<Workspace, _> = serde_json::from_slice(json);
                std::hint::black_box(ws.is_ok());
            },
            &mut || {
                let ws: Result<Workspace, _> = options.from_str(text);
                std::hint::black_box(ws.is_ok());
            },
            &mut || {
                std::hint::black_box(file::parse(Path::new("big.ron"), text.as_bytes()).is_ok());
            },
            &mut || {
                std::hint::black_box(file::load(path).is_ok());
            },
        ],
    );
    let [json_read, ron_read, parse, load] = timings[..] else {
        return;
    };
    let of_both = &[("ron", ron_read.median), ("serde_json", json_read.median)];
    report("baseline: serde_json reads the workspace", json_read, &[]);
    report(
        "baseline: ron decodes the same text",
        ron_read,
        &[("serde_json", json_read.median)],
    );
    report("parse: version, decode, every check", parse, of_both);
    report("load: read the file from disk + parse", load, of_both);
}

/// serde_json writing the workspace (the baseline), then our text and our
/// save to disk.
fn writing(runs: usize, ws: &Workspace, path: &Path) {
    let timings = interleaved(
        runs,
        &mut [
            &mut || {
                std::hint::black_box(serde_json::to_vec(ws).map(|b| b.len()).is_ok());
            },
            &mut || {
                std::hint::black_box(file::to_text(ws).map(|t| t.len()).is_ok());
            },
            &mut || {
                std::hint::black_box(file::save(ws, path).is_ok());
            },
        ],
    );
    let [json_write, to_text, save] = timings[..] else {
        return;
    };
    let of_json = &[("serde_json writing", json_write.median)];
    report("baseline: serde_json writes the workspace", json_write, &[]);
    report("to text (RON)", to_text, of_json);
    report("save: streamed text, sync, backup, rename", save, of_json);
}

/// Times each closure `runs` times, round-robin, after one warm-up round,
/// so that all of them meet the same machine (a busy moment, memory the
/// allocator already holds).
fn interleaved(runs: usize, closures: &mut [&mut dyn FnMut()]) -> Vec<Timing> {
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
    times.into_iter().map(Timing::of).collect()
}
