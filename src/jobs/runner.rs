//! The jobs under way: started with a [`Spec`], polled for results.

use std::sync::{Arc, mpsc};

use super::{Executor, Progress, Snapshot, Threads};

/// Identifies a job among those of one [`Jobs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct JobId(u64);

/// Whether the user waits for a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// The user waits: nothing else can be done until it is finished (a
    /// file being opened, saved, exported, merged). Its progress is shown.
    Front,
    /// Runs behind the user's work (a crash-recovery write, a chart being
    /// written).
    Background,
}

/// What Cancel does for a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cancel {
    /// It cannot be cancelled (a system dialog the user answers).
    No,
    /// It is asked to stop and its result is dropped at once: it only
    /// reads, so whatever it still does changes nothing.
    Drop,
    /// It is asked to stop, and its answer is still awaited: it writes, and
    /// says whether it stopped before anything changed or had finished.
    Ask,
}

/// How a job is started.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// "Opening coalition.ron", as the progress dialog heads it.
    pub title: String,
    pub layer: Layer,
    pub cancel: Cancel,
}

impl Spec {
    /// A job the user waits for.
    pub fn front(title: impl Into<String>, cancel: Cancel) -> Self {
        Self {
            title: title.into(),
            layer: Layer::Front,
            cancel,
        }
    }

    /// A job that runs behind the user's work and cannot be cancelled.
    pub fn background(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            layer: Layer::Background,
            cancel: Cancel::No,
        }
    }
}

/// A job that ended without a result: its work panicked, or its executor
/// dropped it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("it stopped unexpectedly")]
pub struct Lost;

/// A finished job.
#[derive(Debug)]
pub struct Finished<T> {
    pub id: JobId,
    pub title: String,
    pub result: Result<T, Lost>,
}

/// A job under way, as its progress dialog shows it.
#[derive(Clone, Debug)]
pub struct Running {
    pub id: JobId,
    pub spec: Spec,
    pub progress: Snapshot,
    /// When it started, on the clock its owner gave.
    pub started_secs: f64,
}

struct Entry<T> {
    id: JobId,
    spec: Spec,
    progress: Arc<Progress>,
    started_secs: f64,
    result: mpsc::Receiver<T>,
}

/// The jobs under way, and the executor they run on.
pub struct Jobs<T> {
    executor: Box<dyn Executor>,
    running: Vec<Entry<T>>,
    next_id: u64,
}

impl<T: Send + 'static> Default for Jobs<T> {
    /// On threads.
    fn default() -> Self {
        Self::new(Box::new(Threads))
    }
}

impl<T: Send + 'static> Jobs<T> {
    pub fn new(executor: Box<dyn Executor>) -> Self {
        Self {
            executor,
            running: Vec::new(),
            next_id: 1,
        }
    }

    /// Starts `work` as a job, at `now_secs` on its owner's clock. `Err`
    /// says why it could not be started (nothing ran).
    pub fn start(
        &mut self,
        spec: Spec,
        now_secs: f64,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Result<JobId, String> {
        let id = JobId(self.next_id);
        self.next_id += 1;
        let progress = Arc::new(Progress::default());
        let (send, result) = mpsc::channel();
        let job_progress = Arc::clone(&progress);
        let name = spec.title.split_whitespace().next().unwrap_or("job");
        let task = Box::new(move || {
            // The receiver is gone only if the result was dropped
            // (cancelled) or the owner went away: nobody wants it then.
            let _ = send.send(work(&job_progress));
        });
        self.executor.spawn(&name.to_lowercase(), task)?;
        self.running.push(Entry {
            id,
            spec,
            progress,
            started_secs: now_secs,
            result,
        });
        Ok(id)
    }

    /// The jobs that finished since the last call, in the order started.
    pub fn finished(&mut self) -> Vec<Finished<T>> {
        self.executor.run_pending();
        let mut finished = Vec::new();
        self.running.retain(|entry| {
            let result = match entry.result.try_recv() {
                Ok(value) => Ok(value),
                Err(mpsc::TryRecvError::Empty) => return true,
                Err(mpsc::TryRecvError::Disconnected) => Err(Lost),
            };
            finished.push(Finished {
                id: entry.id,
                title: entry.spec.title.clone(),
                result,
            });
            false
        });
        finished
    }

    /// Waits for job `id` to finish and returns its result (`None` when
    /// there is no such job). For the few places that must not go on
    /// without it, such as the last crash-recovery write on exit.
    pub fn wait(&mut self, id: JobId) -> Option<Finished<T>> {
        self.executor.run_pending();
        let at = self.running.iter().position(|e| e.id == id)?;
        let entry = self.running.remove(at);
        Some(Finished {
            id,
            title: entry.spec.title,
            result: entry.result.recv().map_err(|_| Lost),
        })
    }

    /// Asks job `id` to stop. One whose result may be dropped is forgotten
    /// at once (returns true); one that must answer is asked, and its
    /// answer still comes.
    pub fn cancel(&mut self, id: JobId) -> bool {
        let Some(at) = self.running.iter().position(|e| e.id == id) else {
            return false;
        };
        match self.running[at].spec.cancel {
            Cancel::No => false,
            Cancel::Ask => {
                self.running[at].progress.cancel();
                false
            }
            Cancel::Drop => {
                self.running.remove(at).progress.cancel();
                true
            }
        }
    }

    pub fn is_running(&self, id: JobId) -> bool {
        self.running.iter().any(|e| e.id == id)
    }

    /// Whether any job is under way.
    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// The job the user waits for, if any (the first started).
    pub fn in_front(&self) -> Option<Running> {
        self.running
            .iter()
            .find(|e| e.spec.layer == Layer::Front)
            .map(|e| Running {
                id: e.id,
                spec: e.spec.clone(),
                progress: e.progress.snapshot(),
                started_secs: e.started_secs,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{Inline, Unit};

    fn both() -> [Jobs<u32>; 2] {
        [
            Jobs::new(Box::new(Threads)),
            Jobs::new(Box::new(Inline::default())),
        ]
    }

    /// Polls until every job is done (threads take a moment).
    fn all_finished(jobs: &mut Jobs<u32>) -> Vec<Finished<u32>> {
        let mut done = Vec::new();
        for _ in 0..5_000 {
            done.extend(jobs.finished());
            if !jobs.is_busy() {
                return done;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        panic!("jobs still running after 5 s");
    }

    #[test]
    fn results_come_back_the_same_on_threads_and_inline() {
        for mut jobs in both() {
            let a = jobs
                .start(Spec::front("Adding", Cancel::No), 0.0, |p: &Progress| {
                    p.begin("Adding", Unit::Records, 2);
                    p.advance();
                    p.advance();
                    40 + 2
                })
                .unwrap();
            let b = jobs
                .start(Spec::background("Writing"), 0.0, |_: &Progress| 7)
                .unwrap();
            assert_eq!(jobs.in_front().map(|r| r.id), Some(a));
            let mut done = all_finished(&mut jobs);
            done.sort_by_key(|f| f.id.0);
            let results: Vec<_> = done.iter().map(|f| (f.id, f.result)).collect();
            assert_eq!(results, vec![(a, Ok(42)), (b, Ok(7))]);
            assert!(jobs.in_front().is_none());
        }
    }

    #[test]
    fn a_cancelled_job_is_forgotten_and_one_that_cannot_be_is_awaited() {
        for mut jobs in both() {
            let dropped = jobs
                .start(Spec::front("Opening", Cancel::Drop), 0.0, |p: &Progress| {
                    u32::from(p.is_cancelled())
                })
                .unwrap();
            assert!(jobs.cancel(dropped), "forgotten at once");
            assert!(!jobs.is_running(dropped));
            let kept = jobs
                .start(Spec::front("Busy", Cancel::No), 0.0, |_: &Progress| 9)
                .unwrap();
            assert!(!jobs.cancel(kept));
            assert_eq!(jobs.wait(kept).map(|f| f.result), Some(Ok(9)));
            let asked = jobs
                .start(Spec::front("Saving", Cancel::Ask), 0.0, |p: &Progress| {
                    // A write that looks at the flag before it commits.
                    if p.is_cancelled() { 0 } else { 1 }
                })
                .unwrap();
            assert!(!jobs.cancel(asked), "still awaited");
            assert!(jobs.in_front().is_some_and(|r| r.progress.cancelled));
            let answer = jobs.wait(asked).map(|f| f.result);
            assert!(matches!(answer, Some(Ok(0 | 1))), "it answers either way");
            assert!(
                all_finished(&mut jobs).is_empty(),
                "the dropped result never comes"
            );
        }
    }

    #[test]
    fn a_job_that_panics_is_reported_lost() {
        let mut jobs: Jobs<u32> = Jobs::default();
        let id = jobs
            .start(Spec::background("Failing"), 0.0, |_: &Progress| {
                panic!("on purpose")
            })
            .unwrap();
        assert_eq!(jobs.wait(id).map(|f| f.result), Some(Err(Lost)));
    }
}
