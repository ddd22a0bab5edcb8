//! Where jobs run: the one platform seam of long work.

use std::cell::RefCell;
use std::collections::VecDeque;

/// A job's work, ready to run; it hands its result on itself.
pub type Task = Box<dyn FnOnce() + Send + 'static>;

/// Runs tasks. The code that starts jobs does not know which executor it
/// has.
pub trait Executor {
    /// Starts `task` (named `name` where names are shown, as thread names
    /// are); returns at once. `Err` says why it could not be started.
    fn spawn(&self, name: &str, task: Task) -> Result<(), String>;

    /// Called on the polling thread before results are looked for: an
    /// executor without threads runs what is queued here.
    fn run_pending(&self) {}
}

/// A thread for every job: the desktop.
#[derive(Debug, Default)]
pub struct Threads;

impl Executor for Threads {
    fn spawn(&self, name: &str, task: Task) -> Result<(), String> {
        std::thread::Builder::new()
            .name(format!("flywheel-{name}"))
            .spawn(task)
            .map(|_| ())
            .map_err(|err| err.to_string())
    }
}

/// No threads: each task runs on the polling thread at the next poll, in
/// the order started. This is what a target without threads does (the
/// browser); tests use it to show the app does not depend on threads.
#[derive(Default)]
pub struct Inline {
    queue: RefCell<VecDeque<Task>>,
}

impl Executor for Inline {
    fn spawn(&self, _name: &str, task: Task) -> Result<(), String> {
        self.queue.borrow_mut().push_back(task);
        Ok(())
    }

    fn run_pending(&self) {
        // A task may start another: take one at a time.
        loop {
            let next = self.queue.borrow_mut().pop_front();
            match next {
                Some(task) => task(),
                None => break,
            }
        }
    }
}
