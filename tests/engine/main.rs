//! The document, its file and what is computed from it, without a window:
//! the file format and its migrations, saving, merging, import and export,
//! share copies, the report and the figures. One module per feature.
//!
//! One test binary for all of them (see `tests/ui/main.rs` for why). Run
//! one module with `cargo test --test engine file_format::`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests stop at the first surprise"
)]

#[path = "../support/mod.rs"]
mod support;

mod architecture;
mod backdating;
mod export_roundtrip;
mod file_format;
mod flywheel_figures;
mod hostile_files;
mod import;
mod merge;
mod migration;
mod properties;
mod report;
mod save_safety;
mod share_copy;
mod versions;
