//! The versions Flywheel keeps of every save, which a merge takes its base
//! from and Versions… restores.

use flywheel::file::versions::{KEEP_VERSIONS, Versions};
use flywheel::model::{Lineage, Sector, Workspace};

/// Versions are ordered by file modification time alone. A kept version
/// with a later time (clock set back, a data folder copied from another
/// machine) makes the save just kept look oldest, and the pruning deletes
/// it at once, although "the newest is always kept".
#[test]
fn the_version_just_saved_is_never_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let versions = Versions::at(dir.path().join("versions"));
    let mut ws = Workspace::new("Steel coalition", Sector::IronSteel);
    let mut lineage = Lineage::next(None);
    let path = dir.path().join("coalition.ron");
    let future = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    for _ in 0..KEEP_VERSIONS {
        lineage = Lineage::next(Some(&lineage));
        ws.lineage = Some(lineage.clone());
        flywheel::file::save(&ws, &path).unwrap();
        versions.keep(&lineage, &path).unwrap();
    }
    // The versions kept so far carry a clock an hour ahead.
    for v in versions.list(lineage.workspace) {
        std::fs::File::options()
            .write(true)
            .open(&v.path)
            .unwrap()
            .set_modified(future)
            .unwrap();
    }
    let newest = Lineage::next(Some(&lineage));
    ws.lineage = Some(newest.clone());
    flywheel::file::save(&ws, &path).unwrap();
    versions.keep(&newest, &path).unwrap();
    assert!(
        versions.get(newest.workspace, newest.revision).is_some(),
        "the save just made was pruned"
    );
}
