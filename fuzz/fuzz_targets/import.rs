//! Any bytes given to the spreadsheet importer as a CSV file: reading and
//! planning answer with a plan or an error, never panic; applying a plan
//! (taking every imported value) gives a workspace that passes every
//! invariant.
#![no_main]

use chrono::NaiveDate;
use flywheel::exchange::import::{Progress, Resolution, plan, read_bytes};
use flywheel::model::{Sector, Workspace};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(tables) = read_bytes("fuzz.csv", data, None) else {
        return;
    };
    let base = Workspace::new("Fuzz", Sector::IronSteel);
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let Ok(plan) = plan(&base, &tables, today, &Progress::default()) else {
        return;
    };
    let take_all = vec![Resolution::TakeImported; plan.conflicts.len()];
    let imported = plan.apply(&base, &take_all);
    assert_eq!(flywheel::model::validate(&imported), Ok(()));
});
