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

use chrono::NaiveDate;
use flywheel::analysis::changes::changes_since;
use flywheel::analysis::momentum::momentum;
use flywheel::analysis::roadmap_progress::roadmap_progress;
use flywheel::analysis::white_spaces::white_spaces;

mod support;
use support::{baseline, build, report, start, time};

fn main() {
    let size = start(15);
    let (ws, runs) = (size.workspace(), size.runs);
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let (start, today) = (day(2019, 1, 1), day(2026, 11, 22));
    println!("{size}, {}; median and worst of {runs} runs", build());
    let base = baseline(
        "baseline: serde_json writes the commitments",
        time(runs, || serde_json::to_string(&ws.commitments)),
    );
    let of_base = &[("", base)];
    report(
        "all momentum series (2019 to today, monthly)",
        time(runs, || momentum(&ws, start, today, today)),
        of_base,
    );
    report(
        "white spaces",
        time(runs, || white_spaces(&ws, today)),
        of_base,
    );
    report(
        "roadmap progress (every metric)",
        time(runs, || roadmap_progress(&ws, today)),
        of_base,
    );
    report(
        "changes since 2025-01-01",
        time(runs, || changes_since(&ws, day(2025, 1, 1), today)),
        of_base,
    );
}
