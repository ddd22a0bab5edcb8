//! Any bytes given to the workspace loader: it must answer with a workspace
//! or an error, never panic or hang; a workspace it accepts passes every
//! invariant and saves back to text that loads to the same workspace.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    let Ok(ws) = flywheel::file::parse(path, data) else {
        return;
    };
    assert_eq!(flywheel::model::validate(&ws), Ok(()));
    let text = flywheel::file::to_text(&ws).expect("an accepted workspace saves");
    let again = flywheel::file::parse(path, text.as_bytes()).expect("a saved workspace loads");
    assert_eq!(again, ws);
});
