//! Colleagues' copies come back: the merge review (File › Merge a
//! colleague's copy…), the conflicts a merge outside the window left in a
//! file, and the versions kept of every save.

use std::path::{Path, PathBuf};

use crate::support::{app_today, enter_path, harness_with, press, settle};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::{Command, Preferences};
use flywheel::file::{self, versions::Versions};
use flywheel::model::{Lineage, Workspace};

const QUARROW: &str = "Quarrow Build";
const KEELWATER: &str = "Keelwater Motors";

fn support_of(ws: &Workspace, name: &str) -> i8 {
    ws.stakeholders
        .iter()
        .find(|s| s.name == name)
        .unwrap()
        .support
}

fn notes_of(ws: &Workspace, name: &str) -> String {
    ws.stakeholders
        .iter()
        .find(|s| s.name == name)
        .unwrap()
        .notes
        .clone()
}

fn edit(ws: &mut Workspace, name: &str, change: impl FnOnce(&mut flywheel::model::Stakeholder)) {
    change(ws.stakeholders.iter_mut().find(|s| s.name == name).unwrap());
}

/// Saves `ws` to `path` as a save after `parent` would, keeping a version.
fn save(versions: &Versions, ws: &mut Workspace, parent: Option<&Lineage>, path: &Path) -> Lineage {
    let lineage = Lineage::next(parent);
    ws.lineage = Some(lineage.clone());
    file::save(ws, path).unwrap();
    versions.keep(&lineage, path).unwrap();
    lineage
}

/// The facilitator sent the demo; then rescored Quarrow Build (+2). The
/// colleague rescored it too (−1) and wrote a note on Keelwater Motors.
/// Returns the facilitator's file and the colleague's copy.
fn sent_and_returned(dir: &Path, versions: &Versions) -> (PathBuf, PathBuf) {
    let mine_path = dir.join("coalition.ron");
    let mut sent = flywheel::assets::demo().unwrap();
    let sent_lineage = save(versions, &mut sent, None, &mine_path);

    let mut theirs = sent.clone();
    edit(&mut theirs, QUARROW, |s| s.support = -1);
    edit(&mut theirs, KEELWATER, |s| {
        s.notes = "Wants a 2027 pilot".into()
    });
    let theirs_path = dir.join("from-anna.ron");
    // Saved on the colleague's laptop: not kept here.
    theirs.lineage = Some(Lineage::next(Some(&sent_lineage)));
    file::save(&theirs, &theirs_path).unwrap();

    let mut mine = sent;
    edit(&mut mine, QUARROW, |s| s.support = 2);
    save(versions, &mut mine, Some(&sent_lineage), &mine_path);
    (mine_path, theirs_path)
}

fn app_with(file: &Path, versions: Versions) -> Harness<'static, FlywheelApp> {
    let mut harness = harness_with(Preferences::default(), Some(file.to_path_buf()));
    harness.state_mut().enable_versions(versions);
    harness
}

fn ws(harness: &Harness<'_, FlywheelApp>) -> Workspace {
    harness.state().document().workspace().clone()
}

#[test]
fn a_colleagues_copy_is_reviewed_each_conflict_chosen_applied_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let versions = Versions::at(dir.path().join("versions"));
    let (mine, theirs) = sent_and_returned(dir.path(), &versions);
    let mut harness = app_with(&mine, versions);
    let note = notes_of(&ws(&harness), KEELWATER);

    harness.state_mut().queue(Command::MergeCopy);
    settle(&mut harness);
    enter_path(&mut harness, &theirs, "Merge");
    assert!(harness.state().is_reviewing_merge());
    harness.get_by_label("Merge “from-anna.ron”");
    harness.get_by_label_contains("which both copies come from");
    harness.get_by_label_contains("1 changed");
    harness.get_by_label_contains("Wants a 2027 pilot");
    assert_eq!(support_of(&ws(&harness), QUARROW), 2, "nothing changed yet");

    // Theirs for the one conflict.
    harness.get_by_label("Theirs: −1").click();
    harness.run();
    harness.get_by_label("Apply").click();
    settle(&mut harness);
    assert!(!harness.state().is_reviewing_merge());
    let merged = ws(&harness);
    assert_eq!(support_of(&merged, QUARROW), -1);
    assert_eq!(notes_of(&merged, KEELWATER), "Wants a 2027 pilot");
    assert!(merged.open_conflicts.is_empty());
    let lineage = merged.lineage.as_ref().unwrap();
    assert_eq!(lineage.merged.len(), 1, "the next save names the copy");
    flywheel::model::validate(&merged).unwrap();

    // One undo step back.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let undone = ws(&harness);
    assert_eq!(support_of(&undone, QUARROW), 2);
    assert_eq!(notes_of(&undone, KEELWATER), note);
    assert!(undone.lineage.as_ref().unwrap().merged.is_empty());

    // Again, keeping mine.
    harness.state_mut().queue(Command::MergeCopy);
    settle(&mut harness);
    enter_path(&mut harness, &theirs, "Merge");
    harness.get_by_label("Theirs: −1").click();
    harness.run();
    harness.get_by_label("All mine").click();
    harness.run();
    harness.get_by_label("Apply").click();
    settle(&mut harness);
    let merged = ws(&harness);
    assert_eq!(support_of(&merged, QUARROW), 2);
    assert_eq!(notes_of(&merged, KEELWATER), "Wants a 2027 pilot");
}

#[test]
fn conflicts_a_merge_left_in_a_file_are_shown_when_it_opens_and_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let versions = Versions::at(dir.path().join("versions"));
    let (mine_path, theirs_path) = sent_and_returned(dir.path(), &versions);
    // `flywheel merge` without the kept base: every difference conflicts.
    let mine = file::load(&mine_path).unwrap();
    let theirs = file::load(&theirs_path).unwrap();
    let merge = flywheel::merge::merge(None, &mine, &theirs);
    let recorded = flywheel::merge::merged_workspace(&merge, &mine, &theirs);
    assert_eq!(recorded.open_conflicts.len(), 2);
    let merged_path = dir.path().join("merged.ron");
    file::save(&recorded, &merged_path).unwrap();

    let mut harness = app_with(&merged_path, versions);
    assert!(harness.state().is_reviewing_merge(), "shown on opening");
    harness.get_by_label("Conflicts left open by a merge");
    harness.get_by_label("All theirs").click();
    harness.run();
    harness.get_by_label("Mine: +2").click();
    harness.run();
    harness.get_by_label("Apply").click();
    settle(&mut harness);
    let chosen = ws(&harness);
    assert_eq!(support_of(&chosen, QUARROW), 2);
    assert_eq!(notes_of(&chosen, KEELWATER), "Wants a 2027 pilot");
    assert!(chosen.open_conflicts.is_empty());
    assert!(harness.state().document().is_dirty());

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(ws(&harness).open_conflicts.len(), 2, "open again");
    // File › Open conflicts… shows them again; Cancel changes nothing.
    harness.state_mut().queue(Command::ReviewConflicts);
    settle(&mut harness);
    harness.get_by_label("Cancel").click();
    settle(&mut harness);
    assert!(!harness.state().is_reviewing_merge());
    assert_eq!(ws(&harness).open_conflicts.len(), 2);
}

#[test]
fn every_save_keeps_a_version_that_can_be_restored_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let versions = Versions::at(dir.path().join("versions"));
    let path = dir.path().join("coalition.ron");
    let mut first = flywheel::assets::demo().unwrap();
    first.title = "First title".into();
    file::save(&first, &path).unwrap();
    let mut harness = app_with(&path, versions.clone());

    // Two saves from the window, with a change between them.
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let lineage = ws(&harness).lineage.expect("a save starts a lineage");
    let mut renamed = ws(&harness);
    renamed.title = "Second title".into();
    harness.state_mut().queue(Command::Versions);
    settle(&mut harness);
    harness.get_by_label("Close").click();
    settle(&mut harness);
    harness.state_mut().show_workspace(renamed);
    harness.run();
    enter_path_save_as(&mut harness, &path);
    let saved = ws(&harness).lineage.unwrap();
    assert_eq!(saved.parents, vec![lineage.revision]);
    assert_eq!(versions.list(saved.workspace).len(), 2);
    assert_eq!(file::load(&path).unwrap().lineage, Some(saved.clone()));

    harness.state_mut().queue(Command::Versions);
    settle(&mut harness);
    harness.get_by_label_contains("the open workspace");
    let restore = harness
        .get_all_by_label("Restore")
        .nth(1)
        .expect("two versions");
    restore.click();
    settle(&mut harness);
    assert_eq!(ws(&harness).title, "First title");
    assert_eq!(ws(&harness).lineage.unwrap().revision, saved.revision);
    assert!(harness.state().document().is_dirty());
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(ws(&harness).title, "Second title");
}

/// Save As to `path` through the path prompt.
fn enter_path_save_as(harness: &mut Harness<'_, FlywheelApp>, path: &Path) {
    harness.state_mut().queue(Command::SaveAs);
    settle(harness);
    enter_path(harness, path, "Save");
    if harness.query_by_label("Replace").is_some() {
        harness.get_by_label("Replace").click();
        settle(harness);
    }
}

#[test]
fn a_share_copy_saved_here_is_not_kept_among_the_originals_versions() {
    let dir = tempfile::tempdir().unwrap();
    let versions = Versions::at(dir.path().join("versions"));
    let path = dir.path().join("coalition.ron");
    let mut original = flywheel::assets::demo().unwrap();
    let lineage = save(&versions, &mut original, None, &path);
    let options = flywheel::exchange::share::ShareOptions::default();
    let copy = flywheel::exchange::share::share_copy(&original, &options, app_today());
    let copy_path = dir.path().join("share.ron");
    file::save(&copy, &copy_path).unwrap();

    let mut harness = app_with(&copy_path, versions.clone());
    press(&mut harness, Modifiers::COMMAND, Key::S);
    let saved = file::load(&copy_path).unwrap().lineage.unwrap();
    assert_ne!(saved.revision, lineage.revision, "the copy was saved");
    assert_eq!(
        versions.list(lineage.workspace).len(),
        1,
        "only the original's own save"
    );
    harness.state_mut().queue(Command::Versions);
    settle(&mut harness);
    harness.get_by_label_contains("This is a share copy: no versions are kept of it");
}

/// Review finding (branch review-jobs): restoring the version that is the
/// open workspace (its row says so) changes nothing, so it must not leave
/// an undo step that does nothing and a document marked unsaved. Before
/// whole workspaces were swapped in, a restore equal to the document was
/// no step at all; `Document::replace_whole` now pushes one whatever it
/// puts in place.
#[test]
fn restoring_the_version_that_is_the_open_workspace_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let versions = Versions::at(dir.path().join("versions"));
    let path = dir.path().join("coalition.ron");
    let mut saved = flywheel::assets::demo().unwrap();
    save(&versions, &mut saved, None, &path);
    let mut harness = app_with(&path, versions);
    let before = ws(&harness);

    harness.state_mut().queue(Command::Versions);
    settle(&mut harness);
    harness.get_by_label_contains("the open workspace");
    harness.get_by_label("Restore").click();
    settle(&mut harness);

    assert!(ws(&harness) == before, "the same workspace");
    assert!(
        !harness.state().document().is_dirty(),
        "nothing changed, yet the window says there are unsaved changes"
    );
    assert_eq!(
        harness.state().document().undo_label(),
        None,
        "an undo step that undoes nothing"
    );
}
