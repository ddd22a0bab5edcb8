//! What a facilitator sends and receives, with no window: spreadsheets in
//! and out, share copies that leave confidential data out, and the report
//! for people without Flywheel. The command line and the app call the same
//! functions here.

pub mod cells;
pub mod confidential;
pub mod export;
pub mod import;
pub mod presentation;
pub mod report;
pub mod share;
pub mod values;
