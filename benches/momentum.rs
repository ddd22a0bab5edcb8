//! Time to compute every series behind the momentum charts, the white
//! spaces, the roadmap progress and "Since…" at 10,000 stakeholders and
//! 100,000 commitments (goal: all momentum series ≤ 25 ms, release build).
//!
//!     cargo bench --bench momentum
//!
//! The first row is a baseline that is not our code, timed on the same data
//! in the same run: serde_json writing the workspace's commitments to a
//! string. Every other row also prints its time as a multiple of it, which
//! carries from one machine to another better than milliseconds do.

use std::time::Duration;

use chrono::NaiveDate;
use flywheel::analysis::changes::changes_since;
use flywheel::analysis::momentum::momentum;
use flywheel::analysis::roadmap_progress::roadmap_progress;
use flywheel::analysis::white_spaces::white_spaces;
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
        (10_000, 30_000, 100_000, 15)
    };
    let ws = synthetic_workspace(stakeholders, relationships, commitments, 42);
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let (start, today) = (day(2019, 1, 1), day(2026, 11, 22));
    println!(
        "{stakeholders} stakeholders, {commitments} commitments, release build; median and worst of {runs} runs"
    );
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (base, base_worst) = time(runs, || serde_json::to_string(&ws.commitments));
    println!(
        "{:<44} median {:7.2} ms  worst {:7.2} ms  (the baseline: ×1.0)",
        "baseline: serde_json writes the commitments",
        ms(base),
        ms(base_worst)
    );
    let report = |name: &str, (median, worst): (Duration, Duration)| {
        println!(
            "{name:<44} median {:7.2} ms  worst {:7.2} ms  (×{:.2} of the baseline)",
            ms(median),
            ms(worst),
            ms(median) / ms(base)
        );
    };
    report(
        "all momentum series (2019 to today, monthly)",
        time(runs, || momentum(&ws, start, today, today)),
    );
    report("white spaces", time(runs, || white_spaces(&ws, today)));
    report(
        "roadmap progress (every metric)",
        time(runs, || roadmap_progress(&ws, today)),
    );
    report(
        "changes since 2025-01-01",
        time(runs, || changes_since(&ws, day(2025, 1, 1), today)),
    );
}
