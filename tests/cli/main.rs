//! The `flywheel` binary run as a user or git runs it: `check`, `import`,
//! `export`, `share`, `report`, `merge` and the git merge driver, with
//! their exit codes, output and files.
//!
//! One test binary for all of them (see `tests/ui/main.rs` for why). Run
//! one module with `cargo test --test cli merge_git::`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests stop at the first surprise"
)]

#[path = "../support/mod.rs"]
mod support;

mod check;
mod exchange;
mod merge_git;
mod share_report;
