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

/// Prints one timed step: its median and worst time and, given the
/// baseline's median, the ratio to it.
#[allow(dead_code)]
pub fn report(name: &str, (median, worst): (Duration, Duration), baseline: Option<Duration>) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let ratio = baseline.map_or(String::new(), |b| {
        format!("  ×{:.1} of baseline", ms(median) / ms(b).max(1e-9))
    });
    println!(
        "{name:<46} median {:8.1} ms  worst {:8.1} ms{ratio}",
        ms(median),
        ms(worst)
    );
}
