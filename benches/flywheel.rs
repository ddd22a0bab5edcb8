//! Time to compute the flywheel at 10,000 stakeholders, 30,000
//! relationships and 100,000 commitments: every segment's figures at the
//! 2030 milestone, the slowest one and who can push it, and the quarterly
//! series behind the chart (goal: ≤ 50 ms, release build).
//!
//!     cargo bench --bench flywheel
//!
//! The first row is a baseline that is not our code, timed on the same data
//! in the same run: serde_json writing the workspace's commitments to a
//! string. It reads what the flywheel reads (every commitment with its
//! status history, quantity and metric, once), and the momentum bench uses
//! the same one, so the ratios compare across benches and carry from one
//! machine to another better than milliseconds do.

use chrono::NaiveDate;
use flywheel::analysis::flywheel::{Measure, flywheel};
use flywheel::analysis::roadmap_progress::roadmap_progress;
use flywheel::model::{MetricTarget, Segment, Workspace};

mod support;
use support::{baseline, build, report, start, time};

/// The synthetic coalition with its iron & steel metrics given segments:
/// supply is measured by two metrics with 2030 targets (the template's 70
/// plants and 100 Mt/yr), demand by the offtake metric given a 2030
/// target of one Mt per commitment here (a share of a few per cent),
/// finance and policy by coverage (no metric). About half of the synthetic
/// commitments link to a metric, so every measured one has thousands of
/// pledges.
fn with_segments(mut ws: Workspace) -> Workspace {
    let offtake_target = ws.commitments.len() as f64;
    let mut offtake = None;
    for m in &mut ws.roadmap.metrics {
        m.segment = match m.name.as_str() {
            "Near-zero primary steel" | "Near-zero primary plants at FID/operational" => {
                Some(Segment::Supply)
            }
            "Offtake contracted" => {
                offtake = Some(m.id);
                Some(Segment::Demand)
            }
            _ => None,
        };
    }
    if let (Some(metric), Some(milestone)) = (
        offtake,
        ws.roadmap.milestones.iter_mut().find(|m| m.year == 2030),
    ) {
        milestone.targets.push(MetricTarget {
            metric,
            value: offtake_target,
        });
    }
    ws
}

fn main() {
    let size = start(15);
    let (ws, runs) = (with_segments(size.workspace()), size.runs);
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    println!("{size}; {}; median and worst of {runs} runs", build());
    describe(&ws, as_of);

    let base = baseline(
        "baseline: serde_json writes the commitments",
        time(runs, || serde_json::to_string(&ws.commitments)),
    );
    report(
        "flywheel at 2030 (all segments + series)",
        time(runs, || flywheel(&ws, 2030, as_of)),
        &[("", base)],
    );
    report(
        "for scale: roadmap progress (every metric)",
        time(runs, || roadmap_progress(&ws, as_of)),
        &[("", base)],
    );
}

/// Prints what is being timed, so a change to the synthetic data that
/// leaves nothing to measure shows here.
fn describe(ws: &Workspace, as_of: NaiveDate) {
    let fw = flywheel(ws, 2030, as_of);
    for s in &fw.segments {
        let measure = match s.measure {
            Measure::Target => match s.metrics.len() {
                1 => "1 metric with a 2030 target".to_string(),
                n => format!("{n} metrics with a 2030 target"),
            },
            Measure::Coverage => "coverage".to_string(),
        };
        println!(
            "  {:<8} {:>6} stakeholders, {:>6} commitments, share {:>5.1} % ({measure})",
            s.segment.label(),
            s.stakeholders,
            s.commitments,
            s.share.unwrap_or(0.0) * 100.0
        );
    }
    println!(
        "  {} quarterly dates; slowest {:?}, {} who can push",
        fw.dates.len(),
        fw.slowest,
        fw.who_can_push.len()
    );
    assert!(
        fw.segments.iter().any(|s| s.measure == Measure::Target),
        "the bench should measure some segment against targets"
    );
}
