//! What the benchmarks share: the allocator set up as the app sets it up,
//! the workspace size of a full run or of a quick check, timing a closure,
//! and printing each step next to a baseline that is not our code, timed
//! on the same data in the same run (a ratio to it carries from one
//! machine to another better than milliseconds do).
#![allow(dead_code)]

use std::time::{Duration, Instant};

use flywheel::model::Workspace;
use flywheel::synthetic::synthetic_workspace;

/// How big a workspace a bench runs on, and how many times it times each
/// step.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub stakeholders: usize,
    pub relationships: usize,
    pub commitments: usize,
    pub runs: usize,
}

impl Size {
    /// The generated workspace of this size (always the same one).
    pub fn workspace(&self) -> Workspace {
        synthetic_workspace(self.stakeholders, self.relationships, self.commitments, 42)
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} stakeholders, {} relationships, {} commitments",
            self.stakeholders, self.relationships, self.commitments
        )
    }
}

/// Whether this is a quick check rather than a measurement: `cargo bench`
/// passes `--bench`; `cargo test --benches` runs a bench without it, to
/// see that it still works.
pub fn is_quick() -> bool {
    !std::env::args().any(|a| a == "--bench")
}

/// Sets the allocator up as the app sets it up (see `src/allocator.rs`):
/// first thing in `main`, so the timings are the app's.
pub fn allocator_as_in_the_app() {
    flywheel::allocator::keep_freed_memory_for_reuse();
}

/// Call first in `main`: sets the allocator up as the app does and gives
/// the size to run at: 10,000 stakeholders, 30,000 relationships and
/// 100,000 commitments timed `runs` times, or a small workspace timed
/// twice for a quick check.
pub fn start(runs: usize) -> Size {
    allocator_as_in_the_app();
    if is_quick() {
        Size {
            stakeholders: 300,
            relationships: 900,
            commitments: 3_000,
            runs: 2,
        }
    } else {
        Size {
            stakeholders: 10_000,
            relationships: 30_000,
            commitments: 100_000,
            runs,
        }
    }
}

/// The "release build" or "debug build" this bench was compiled as.
pub fn build() -> &'static str {
    if cfg!(debug_assertions) {
        "debug build"
    } else {
        "release build"
    }
}

/// The median and the worst of a step's times.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    pub median: Duration,
    pub worst: Duration,
}

impl Timing {
    /// The median and worst of `times` (at least one).
    pub fn of(mut times: Vec<Duration>) -> Self {
        times.sort();
        Self {
            median: times[times.len() / 2],
            worst: times[times.len() - 1],
        }
    }
}

/// Runs `f` `runs` times (at least once) and times each run.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Timing {
    Timing::of(
        (0..runs.max(1))
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Prints a baseline's row; returns its median, for the rows after it.
pub fn baseline(name: &str, timing: Timing) -> Duration {
    report(name, timing, &[]);
    timing.median
}

/// Prints one step's row: its median and worst time and its median as a
/// multiple of each baseline's (`what` names the baseline; give "" where
/// there is one).
pub fn report(name: &str, timing: Timing, baselines: &[(&str, Duration)]) {
    let ratios: String = baselines
        .iter()
        .map(|(what, b)| {
            let of = if what.is_empty() { "baseline" } else { what };
            format!("  ×{:.2} of {of}", ms(timing.median) / ms(*b).max(1e-9))
        })
        .collect();
    println!(
        "{name:<52} median {:9.3} ms  worst {:9.3} ms{ratios}",
        ms(timing.median),
        ms(timing.worst)
    );
}
