//! Long work, one way. A job is work that reports how far it has got and
//! can be cancelled ([`Progress`]); an [`Executor`] runs it; its result
//! comes back as a value when the owner of the [`Jobs`] polls for it (the
//! window does so at the start of every frame and hands each result to its
//! one `handle`).
//!
//! Nothing here knows egui or reads the clock. Whether a job runs on a
//! thread of its own ([`Threads`], the desktop) or on the polling thread
//! at the next poll ([`Inline`], what a target without threads, such as
//! the browser, does) is the executor's business: the code that starts a
//! job and takes its result is the same for both.

mod executor;
mod progress;
mod runner;

pub use executor::{Executor, Inline, Task, Threads};
pub use progress::{Cancelled, Progress, Snapshot, Unit};
pub use runner::{Cancel, Finished, JobId, Jobs, Layer, Lost, Running, Spec};
