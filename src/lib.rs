//! Flywheel: a desktop app for facilitators of industry decarbonisation
//! coalitions. The folders are the architecture:
//!
//! - [`model`]: the workspace document, plain data with its invariants.
//! - [`edit`]: the only way to change it, with undo, redo and the unsaved mark.
//! - [`file`]: the RON file format, migrations and atomic saving.
//! - [`merge`]: three-way merge of two copies of a workspace, with conflicts.
//! - [`analysis`]: numbers derived from the workspace, pure and cached by views.
//! - [`assets`]: the demo workspace and sector templates built into the binary.
//! - [`help`]: the definitions of Help › Definitions, read from `docs/definitions.md`.
//! - [`command`]: every command a user can give, with its label and shortcuts.
//! - [`app`]: the window: the frame loop, files, dialogs, preferences.
//! - [`views`]: what is drawn; views read the workspace and emit edits.
//! - [`exchange`]: spreadsheets in and out, share copies and reports.
//! - [`cli`]: the subcommands (`flywheel check`, …), one file each.
//! - [`jobs`]: long work, one way: work with progress and cancel, on an executor.
//! - [`recovery`]: recovery files of unsaved changes, for after a crash, and
//!   when they are written.
//! - [`synthetic`]: generated workspaces of any size, for benchmarks.
//! - [`text`]: words and numbers as people read them (counts, scores, slugs).

pub mod allocator;
pub mod analysis;
pub mod app;
pub mod assets;
pub mod cli;
pub mod command;
pub mod edit;
pub mod exchange;
pub mod file;
pub mod help;
pub mod jobs;
pub mod merge;
pub mod model;
pub mod recovery;
pub mod synthetic;
pub mod text;
pub mod views;

pub use app::FlywheelApp;
