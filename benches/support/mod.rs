//! What the benchmarks share: timing a closure the same way everywhere.

use std::time::{Duration, Instant};

/// Runs `f` `runs` times; returns the median and the worst time.
pub fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}
