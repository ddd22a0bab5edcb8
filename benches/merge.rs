//! Time to merge two copies of a 10,000-stakeholder / 100,000-commitment
//! workspace that each changed about 1 % of its records since their base
//! (goal: under 1 s, release build), against a baseline that is not our
//! code: serde_json writing the same workspace once.
//!
//!     cargo bench --bench merge

use flywheel::merge::{Side, merge, resolve};
use flywheel::model::{CommitmentStatus, Workspace};

mod support;
use support::{baseline, build, report, start, time};

/// `base` with every hundredth stakeholder and commitment edited, from
/// `offset`; `support` is the score the edited stakeholders get.
fn edited(base: &Workspace, offset: usize, support: i8) -> Workspace {
    let mut ws = base.clone();
    for s in ws.stakeholders.iter_mut().skip(offset).step_by(100) {
        s.support = support;
        s.notes.push_str(" (edited)");
    }
    for c in ws.commitments.iter_mut().skip(offset).step_by(100) {
        c.title.push_str(" (revised)");
        let day = c.status_history.last().map(|s| s.date).unwrap_or(c.made_on);
        if let Some(day) = day.succ_opt() {
            c.set_status(CommitmentStatus::AtRisk, day);
        }
    }
    ws
}

fn main() {
    let size = start(5);
    let (base, runs) = (size.workspace(), size.runs);
    // Different records on each side, except every 1,000th stakeholder,
    // which mine also edits: theirs gives it another support, a conflict
    // (unless the base already had mine's value).
    let mine = edited(&base, 0, 2);
    let mut theirs = edited(&base, 50, -1);
    for s in theirs.stakeholders.iter_mut().step_by(1000) {
        s.support = -2;
    }
    println!(
        "{size}; each copy edits 1 % of stakeholders and commitments; {}; median and worst \
         of {runs} runs",
        build()
    );
    let json = baseline(
        "baseline: serde_json writes the workspace",
        time(runs, || serde_json::to_vec(&base).map(|v| v.len())),
    );
    let of_json = &[("", json)];
    let three_way = time(runs, || merge(Some(&base), &mine, &theirs));
    report("merge with a base (three-way)", three_way, of_json);
    let merged = merge(Some(&base), &mine, &theirs);
    let resolved = time(runs, || resolve(&merged, |_| Side::Theirs));
    report("resolve every conflict as theirs", resolved, of_json);
    println!(
        "  ({} changes from theirs, {} conflicts)",
        merged.changes.len(),
        merged.conflicts.len()
    );
    let identical = time(runs, || merge(Some(&base), &base, &base));
    report("merge of three identical copies", identical, of_json);
    assert!(flywheel::model::validate(&merged.result).is_ok());
}
