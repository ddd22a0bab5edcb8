//! The app driven headlessly with egui_kittest, one module per feature:
//! clicks, typing and shortcuts as a facilitator would use them. rfd is
//! never called: the app is built with `FileDialogs::path_field_only()`.
//!
//! One test binary for all of them (as for `tests/engine` and `tests/cli`):
//! each binary links eframe, and linking is most of what a test build
//! costs. Run one module with `cargo test --test ui merge::`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests stop at the first surprise"
)]

#[path = "../support/mod.rs"]
mod support;

mod app;
mod background;
mod capture;
mod delete;
mod flywheel_tab;
mod glyphs;
mod layout;
mod merge;
mod modal;
mod presenter;
mod recovery;
mod sharing;
mod typing;
mod workshop;
