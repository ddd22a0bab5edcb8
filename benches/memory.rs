//! Peak resident memory with a workspace of 10,000 stakeholders, 30,000
//! relationships and 100,000 commitments open: the app opens the file in
//! the background as the window does, draws every tab, takes an edit and
//! writes its crash-recovery file. Goal: at most 300 MiB. Baseline, in the
//! same process: serde_json reading the same workspace.
//!
//!     cargo bench --bench memory
//!
//! Linux only (reads `/proc/self/status`, resets the peak through
//! `/proc/self/clear_refs`); elsewhere it says so and stops.

use std::time::{Duration, Instant};

use egui::{Pos2, RawInput, Rect, vec2};
use flywheel::FlywheelApp;
use flywheel::app::{Command, FileDialogs, Preferences, Tab};
use flywheel::file;
use flywheel::model::Workspace;

mod support;
use support::start;

/// Frames drawn of each tab. A `usize`, the width of the frame counter:
/// with the default `i32` of a plain `0..3` range, rustc 1.95 crashes
/// compiling this bench with optimisations (see below).
const FRAMES_PER_TAB: usize = 3;

// rustc/LLVM bug: IndVarSimplify crashes on a narrow loop counter stepped
// in lockstep with a wider induction variable.
//
// Seen with `cargo bench --bench memory --no-run` on rustc 1.95.0
// (59807616e 2026-04-14, LLVM 22.1.2, x86_64-unknown-linux-gnu), and
// with rustc 1.97.0-nightly (e50aa6fba 2026-05-19, LLVM 22.1.4): rustc
// dies of SIGILL (once SIGSEGV) in llvm::SCEVAddRecExpr::evaluateAtIteration
// called from llvm::IndVarSimplifyPass::run, at opt-level 1, 2 and 3 (the
// bench profile is 3); "s" and "z" compile it. The other benches compile.
//
// Smallest reproduction found (`rustc --edition=2024 -C opt-level=2
// --crate-type=lib --emit=obj repro.rs`):
//
//     #[inline(never)]
//     fn busy() -> bool {
//         std::hint::black_box(false)
//     }
//
//     #[inline(never)]
//     fn frame(frames: &mut Vec<usize>, n: usize) {
//         frames.push(n);
//     }
//
//     pub fn run() -> Vec<usize> {
//         let mut frames = Vec::new();
//         let mut n = 0;
//         while busy() {
//             n += 1;
//         }
//         for _ in 0..10 {
//             for _ in 0..3 {
//                 n += 1;
//                 frame(&mut frames, n);
//             }
//         }
//         frames
//     }
//
// What it takes: a 64-bit induction variable (`n`) whose start is known
// only at run time (the `while` loop), stepped in lockstep with a narrower
// counter (the `i32` of `0..3`; `u32` and `u8` too) in an inner loop of a
// loop with a constant trip count, and a call in the inner loop that may
// unwind while a value with a destructor is live (an `invoke`). Before the
// crash, IndVarSimplify has turned the inner loop's exit test into
// `trunc(n) != trunc(n_start) + 3` (i32); once the outer loop is fully
// unrolled, it runs again on the next copy of the inner loop and crashes
// computing `n`'s value at the exit. Any one of these compiles: a
// `usize`, `u64` or `i64` counter; no `while` loop before (`n` starting
// from a known value or a parameter); no value to drop; no outer loop.
//
// Workaround here: the inner loop counts in `usize` (FRAMES_PER_TAB), as
// wide as `n`. The bench profile keeps its optimisation.

/// The process's peak and current resident memory, in KiB.
fn memory_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

/// Starts a new peak from the memory in use now.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn frame(ctx: &egui::Context, app: &mut FlywheelApp, n: usize) {
    let input = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1440.0, 900.0))),
        time: Some(n as f64 / 60.0),
        ..RawInput::default()
    };
    let output = ctx.run_ui(input, |ui| app.show(ui));
    std::hint::black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
}

fn main() {
    let size = start(1);
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("no temporary folder: {err}"));
    let path = dir.path().join("big.ron");
    let json = {
        let ws = size.workspace();
        file::save(&ws, &path).unwrap_or_else(|err| panic!("{err}"));
        serde_json::to_vec(&ws).unwrap_or_else(|err| panic!("{err}"))
    };
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    if memory_kib().is_none() || !reset_peak() {
        println!("peak memory is measured on Linux only");
        return;
    }

    // Baseline: serde_json reads the same workspace, kept while measured.
    let Some((_, before)) = memory_kib() else {
        return;
    };
    let parsed: Workspace = serde_json::from_slice(&json).unwrap_or_else(|err| panic!("{err}"));
    let Some((json_peak, _)) = memory_kib() else {
        return;
    };
    drop(parsed);
    drop(json);

    reset_peak();
    let Some((_, app_before)) = memory_kib() else {
        return;
    };
    let ctx = egui::Context::default();
    let mut app = FlywheelApp::new(
        &ctx,
        Preferences::default(),
        Some(path.clone()),
        FileDialogs::path_field_only(),
    );
    let recovery = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    app.enable_recovery(recovery.path());
    let started = Instant::now();
    let mut n = 0;
    while app.is_busy() && started.elapsed() < Duration::from_secs(120) {
        frame(&ctx, &mut app, n);
        n += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
    frame(&ctx, &mut app, n);
    assert_eq!(app.path(), Some(path.as_path()), "the file opened");
    for &tab in Tab::ALL {
        app.queue(Command::ShowTab(tab));
        for _ in 0..FRAMES_PER_TAB {
            n += 1;
            frame(&ctx, &mut app, n);
        }
    }
    app.queue(Command::AddStakeholder);
    frame(&ctx, &mut app, n + 1);
    frame(&ctx, &mut app, n + 2);
    app.write_recovery_now();
    let Some((app_peak, app_now)) = memory_kib() else {
        return;
    };

    let json_used = json_peak.saturating_sub(before);
    let app_used = app_peak.saturating_sub(app_before);
    println!("{size} ({:.1} MB file)", bytes as f64 / 1e6);
    println!(
        "baseline: serde_json reads the workspace        peak +{:7.1} MiB",
        mib(json_used)
    );
    println!(
        "app: open, every tab, an edit, recovery write   peak +{:7.1} MiB  ×{:.1} of baseline",
        mib(app_used),
        app_used as f64 / json_used.max(1) as f64
    );
    println!(
        "whole process: peak {:.1} MiB, now {:.1} MiB (goal: peak ≤ 300 MiB)",
        mib(app_peak),
        mib(app_now)
    );
}
