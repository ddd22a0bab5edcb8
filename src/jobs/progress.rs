//! How far a job has got, shared between the job and whoever shows it, and
//! the flag that asks it to stop.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// What a step counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unit {
    /// Nothing to count: the step shows without a number.
    #[default]
    None,
    Bytes,
    Rows,
    Records,
}

impl Unit {
    fn code(self) -> u8 {
        match self {
            Unit::None => 0,
            Unit::Bytes => 1,
            Unit::Rows => 2,
            Unit::Records => 3,
        }
    }

    fn from_code(code: u8) -> Self {
        match code {
            1 => Unit::Bytes,
            2 => Unit::Rows,
            3 => Unit::Records,
            _ => Unit::None,
        }
    }
}

/// A job was asked to stop and did, leaving nothing half done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

/// How far a job has got. The job sets it; anyone may read it or ask the
/// job to stop. Counters are only ever set by the job, so a reader sees a
/// consistent enough picture for a progress bar.
#[derive(Debug, Default)]
pub struct Progress {
    /// What the job is doing now, as a progress dialog says it
    /// ("Reading", "Checking the workspace").
    step: Mutex<&'static str>,
    unit: AtomicU8,
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

/// What a [`Progress`] says at one moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub step: &'static str,
    pub unit: Unit,
    pub done: u64,
    /// 0 while unknown.
    pub total: u64,
    pub cancelled: bool,
}

impl Snapshot {
    /// The share done, when the total is known.
    pub fn fraction(&self) -> Option<f32> {
        (self.total > 0).then(|| (self.done.min(self.total) as f64 / self.total as f64) as f32)
    }
}

impl Progress {
    /// A new step: its name, what it counts and how many there are (0 when
    /// unknown). Its count starts at 0.
    pub fn begin(&self, step: &'static str, unit: Unit, total: u64) {
        *self
            .step
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = step;
        self.unit.store(unit.code(), Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }

    /// How many of the step's total are done.
    pub fn set_done(&self, done: u64) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// One more done.
    pub fn advance(&self) {
        self.add(1);
    }

    /// `n` more done.
    pub fn add(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            step: *self
                .step
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
            unit: Unit::from_code(self.unit.load(Ordering::Relaxed)),
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            cancelled: self.is_cancelled(),
        }
    }

    /// Asks the job to stop at its next look at the flag.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once the job was asked to stop: `progress.check()?`.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_counts_from_zero_towards_its_total() {
        let progress = Progress::default();
        assert_eq!(progress.snapshot().fraction(), None, "nothing known yet");
        progress.begin("Reading", Unit::Bytes, 200);
        progress.set_done(50);
        let seen = progress.snapshot();
        assert_eq!(
            (seen.step, seen.unit, seen.done),
            ("Reading", Unit::Bytes, 50)
        );
        assert_eq!(seen.fraction(), Some(0.25));
        progress.begin("Checking rows", Unit::Rows, 3);
        progress.advance();
        assert_eq!(progress.snapshot().done, 1, "a new step starts at 0");
        assert_eq!(progress.check(), Ok(()));
        progress.cancel();
        assert_eq!(progress.check(), Err(Cancelled));
        assert!(progress.snapshot().cancelled);
    }
}
