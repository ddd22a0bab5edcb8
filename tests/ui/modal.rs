//! One thing in front at a time. While the merge review or the versions
//! window is open, nothing acts behind it: no shortcut (Ctrl+O, Ctrl+Z,
//! Delete…), no dropped file, no menu. Before this held, Ctrl+O behind the
//! review of a colleague's copy of A opened workspace B, Apply then gave B
//! A's title and stakeholders, and Ctrl+S wrote that over B on disk; Ctrl+Z
//! behind the review was silently reversed by Apply.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::support::{DroppedPath, app_today, enter_path, harness_with, press, settle};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::{Command, Preferences};
use flywheel::file::{self, versions::Versions};
use flywheel::model::{Category, Lineage, Sector, Stakeholder, Workspace};

const QUARROW: &str = "Quarrow Build";
const KEELWATER: &str = "Keelwater Motors";

/// Workspace A (the demo, saved and kept as a version), a colleague's copy
/// of it with Quarrow Build rescored, and an unrelated workspace B of two
/// stakeholders.
struct Files {
    _dir: tempfile::TempDir,
    a: PathBuf,
    theirs: PathBuf,
    b: PathBuf,
    versions: Versions,
}

fn files() -> Files {
    let dir = tempfile::tempdir().unwrap();
    let versions = Versions::at(dir.path().join("versions"));
    let a = dir.path().join("coalition.ron");
    let mut sent = flywheel::assets::demo().unwrap();
    let lineage = Lineage::next(None);
    sent.lineage = Some(lineage.clone());
    file::save(&sent, &a).unwrap();
    versions.keep(&lineage, &a).unwrap();

    let mut theirs = sent.clone();
    stakeholder_mut(&mut theirs, QUARROW).support = -1;
    theirs.lineage = Some(Lineage::next(Some(&lineage)));
    let theirs_path = dir.path().join("from-anna.ron");
    file::save(&theirs, &theirs_path).unwrap();

    let mut other = Workspace::new("B coalition", Sector::Cement);
    other
        .stakeholders
        .push(Stakeholder::new("Kiln Co", Category::Industry));
    other
        .stakeholders
        .push(Stakeholder::new("Clinker Bank", Category::Bank));
    let b = dir.path().join("b.ron");
    file::save(&other, &b).unwrap();
    Files {
        _dir: dir,
        a,
        theirs: theirs_path,
        b,
        versions,
    }
}

fn stakeholder_mut<'a>(ws: &'a mut Workspace, name: &str) -> &'a mut Stakeholder {
    ws.stakeholders.iter_mut().find(|s| s.name == name).unwrap()
}

fn ws(harness: &Harness<'_, FlywheelApp>) -> Workspace {
    harness.state().document().workspace().clone()
}

fn support_in(ws: &Workspace, name: &str) -> i8 {
    ws.stakeholders
        .iter()
        .find(|s| s.name == name)
        .unwrap()
        .support
}

fn support(harness: &Harness<'_, FlywheelApp>, name: &str) -> i8 {
    support_in(&ws(harness), name)
}

fn has(harness: &Harness<'_, FlywheelApp>, name: &str) -> bool {
    crate::support::has_stakeholder(harness, name)
}

fn app_on(files: &Files) -> Harness<'static, FlywheelApp> {
    let mut harness = harness_with(Preferences::default(), Some(files.a.clone()));
    harness.state_mut().enable_versions(files.versions.clone());
    harness
}

fn open_review(harness: &mut Harness<'_, FlywheelApp>, theirs: &Path) {
    harness.state_mut().queue(Command::MergeCopy);
    settle(harness);
    enter_path(harness, theirs, "Merge");
    assert!(harness.state().is_reviewing_merge());
    harness.get_by_label("Merge “from-anna.ron”");
}

/// Deletes Keelwater Motors with the Delete key on the value chain (it has
/// commitments: confirmed).
fn delete_keelwater(harness: &mut Harness<'_, FlywheelApp>) {
    harness.get_by_label(KEELWATER).click();
    harness.run();
    press(harness, Modifiers::COMMAND, Key::Num4);
    press(harness, Modifiers::NONE, Key::Delete);
    harness.get_by_label("Delete").click();
    settle(harness);
    assert!(!has(harness, KEELWATER));
}

fn drop_file(harness: &mut Harness<'_, FlywheelApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(path.to_path_buf())));
    settle(harness);
}

/// What a user would do if Ctrl+O or a drop had asked for a path: type B's.
fn open_b_if_asked(harness: &mut Harness<'_, FlywheelApp>, b: &Path) {
    if harness.query_by_label("File path").is_some() {
        enter_path(harness, b, "Open");
    }
}

/// B on disk is exactly as it was: two stakeholders, its own title.
fn assert_b_untouched(b: &Path) {
    let on_disk = file::load(b).unwrap();
    assert!(
        on_disk.title == "B coalition" && on_disk.stakeholders.len() == 2,
        "B on disk was overwritten: now “{}” with {} stakeholders",
        on_disk.title,
        on_disk.stakeholders.len()
    );
}

/// Apply, then Ctrl+S: the merge lands in A, and B is never written.
fn apply_and_save(harness: &mut Harness<'_, FlywheelApp>, files: &Files) {
    if harness.query_by_label("Apply").is_some() {
        harness.get_by_label("Apply").click();
        settle(harness);
    }
    press(harness, Modifiers::COMMAND, Key::S);
    assert_b_untouched(&files.b);
    assert_eq!(harness.state().path(), Some(files.a.as_path()));
    let a = file::load(&files.a).unwrap();
    assert_eq!(a.title, flywheel::assets::demo().unwrap().title);
}

#[test]
fn ctrl_o_behind_the_merge_review_opens_nothing_and_apply_never_writes_over_another_file() {
    let files = files();
    let mut harness = app_on(&files);
    open_review(&mut harness, &files.theirs);

    press(&mut harness, Modifiers::COMMAND, Key::O);
    let asked = harness.query_by_label("File path").is_some();
    open_b_if_asked(&mut harness, &files.b);
    // The whole story first: Apply and Ctrl+S must never reach B.
    apply_and_save(&mut harness, &files);
    assert!(!asked, "Ctrl+O asked for a file behind the review");
}

#[test]
fn a_file_dropped_behind_the_merge_review_is_not_opened() {
    let files = files();
    let mut harness = app_on(&files);
    open_review(&mut harness, &files.theirs);

    drop_file(&mut harness, &files.b);
    open_b_if_asked(&mut harness, &files.b);
    let said = harness
        .query_by_label_contains("finish the merge review first")
        .is_some();
    apply_and_save(&mut harness, &files);
    assert!(said, "the status bar says why the file was not opened");
}

#[test]
fn undo_behind_the_merge_review_does_nothing_and_apply_keeps_the_undo_history_whole() {
    let files = files();
    let mut harness = app_on(&files);
    delete_keelwater(&mut harness);
    open_review(&mut harness, &files.theirs);

    let before = ws(&harness);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(ws(&harness) == before, "Ctrl+Z ran behind the review");
    assert!(harness.state().is_reviewing_merge());

    harness.get_by_label("Apply").click();
    settle(&mut harness);
    assert!(!has(&harness, KEELWATER), "Apply brought a deletion back");
    assert_eq!(support(&harness, QUARROW), -1, "theirs came in");
    // One undo takes the merge back, the next the deletion.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(!has(&harness, KEELWATER));
    assert_eq!(support(&harness, QUARROW), support_in(&before, QUARROW));
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(has(&harness, KEELWATER));
}

#[test]
fn delete_behind_the_merge_review_deletes_nothing() {
    let files = files();
    let mut harness = app_on(&files);
    harness.get_by_label(KEELWATER).click();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::Num4);
    open_review(&mut harness, &files.theirs);

    press(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(
        harness.query_by_label("Delete Keelwater Motors?").is_none(),
        "Delete asked to delete behind the review"
    );
    if harness.query_by_label("Delete").is_some() {
        harness.get_by_label("Delete").click();
        settle(&mut harness);
    }
    assert!(has(&harness, KEELWATER));
    harness.get_by_label("Apply").click();
    settle(&mut harness);
    assert!(has(&harness, KEELWATER), "Apply deleted it after all");
}

/// File › Versions…, with one kept version of A.
fn open_versions(harness: &mut Harness<'_, FlywheelApp>) {
    harness.state_mut().queue(Command::Versions);
    settle(harness);
    assert!(versions_shown(harness));
}

fn versions_shown(harness: &Harness<'_, FlywheelApp>) -> bool {
    harness.query_by_label("Versions").is_some()
}

#[test]
fn nothing_acts_behind_the_versions_window() {
    let files = files();
    let mut harness = app_on(&files);
    // An edit to undo.
    delete_keelwater(&mut harness);
    harness.get_by_label(QUARROW).click();
    harness.run();
    open_versions(&mut harness);
    let before = ws(&harness);

    press(&mut harness, Modifiers::COMMAND, Key::O);
    open_b_if_asked(&mut harness, &files.b);
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    press(&mut harness, Modifiers::NONE, Key::Delete);
    if harness.query_by_label("Delete").is_some() {
        harness.get_by_label("Delete").click();
        settle(&mut harness);
    }
    drop_file(&mut harness, &files.b);
    open_b_if_asked(&mut harness, &files.b);

    assert_eq!(harness.state().path(), Some(files.a.as_path()));
    assert!(ws(&harness) == before, "something ran behind the window");
    assert!(versions_shown(&harness), "the window stays");
    harness.get_by_label("Close").click();
    settle(&mut harness);
    assert!(!versions_shown(&harness));
    // Now they work again.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(has(&harness, KEELWATER));
    assert_b_untouched(&files.b);
}

#[test]
fn opening_another_workspace_closes_whatever_was_about_the_old_one() {
    let files = files();
    let mut harness = app_on(&files);
    open_review(&mut harness, &files.theirs);
    // Whatever asks (a test, a recent file), replacing the document closes
    // the review: it was about A.
    harness.state_mut().open_path(&files.b);
    settle(&mut harness);
    assert!(!harness.state().is_reviewing_merge());
    assert_eq!(harness.state().path(), Some(files.b.as_path()));
    assert!(harness.query_by_label("Apply").is_none());
    assert_b_untouched(&files.b);
}

/// The app with long work run on the window's own thread, at the next
/// frame, as a target without threads (the browser) runs it.
fn app_without_threads(files: &Files) -> Harness<'static, FlywheelApp> {
    let file = files.a.clone();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            let mut app = FlywheelApp::with_executor(
                &cc.egui_ctx,
                Preferences::default(),
                Some(file),
                flywheel::app::FileDialogs::path_field_only(),
                Box::new(flywheel::jobs::Inline::default()),
            );
            app.set_today(app_today());
            app
        });
    settle(&mut harness);
    harness.state_mut().enable_versions(files.versions.clone());
    harness
}

#[test]
fn without_threads_opening_merging_saving_and_importing_work_the_same() {
    let files = files();
    let mut harness = app_without_threads(&files);
    assert_eq!(harness.state().path(), Some(files.a.as_path()));
    assert!(has(&harness, KEELWATER), "opened on the window's thread");

    open_review(&mut harness, &files.theirs);
    harness.get_by_label_contains("which both copies come from");
    harness.get_by_label("Apply").click();
    settle(&mut harness);
    assert_eq!(support(&harness, QUARROW), -1);

    press(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().document().is_dirty());
    let saved = file::load(&files.a).unwrap();
    assert_eq!(support_in(&saved, QUARROW), -1);

    let csv = files.b.with_file_name("members.csv");
    std::fs::write(
        &csv,
        "name,category,region,influence,support,notes\nFjord Freight,buyer,Norway,3,1,\n",
    )
    .unwrap();
    drop_file(&mut harness, &csv);
    assert!(harness.state().is_importing());
    harness.get_by_label("Import").click();
    settle(&mut harness);
    assert!(has(&harness, "Fjord Freight"));
}

/// Review finding (branch review-jobs): a file dropped in the frame in
/// which the merge's Apply job finishes. The job's result only queues its
/// edit (the whole merged workspace) for the end of `handle`; the dropped
/// file is handled before that edit is applied, sees nothing in front and a
/// document without unsaved changes, and starts opening B without asking.
/// The merge lands in A, then B replaces A: the applied review is gone and
/// nobody was asked. On the window's thread (`jobs::Inline`, the browser's
/// executor) the Apply job finishes in the frame after the click; on
/// threads it is whichever frame the job finishes in. A restored version
/// (`version_read`) takes the same path.
#[test]
fn a_file_dropped_as_the_merge_is_applied_does_not_throw_the_merge_away() {
    let files = files();
    let mut harness = app_without_threads(&files);
    open_review(&mut harness, &files.theirs);
    assert!(!harness.state().document().is_dirty());

    harness.get_by_label("Apply").click();
    harness.step(); // Apply: the job starts.
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(files.b.clone())));
    harness.step(); // The job finishes; B was dropped meanwhile.
    settle(&mut harness);

    let asked = harness.query_by_label("Save changes?").is_some();
    let merge_kept =
        harness.state().path() == Some(files.a.as_path()) && support(&harness, QUARROW) == -1;
    assert!(
        asked || merge_kept,
        "B replaced A with the merge just applied, without asking (now showing {:?})",
        harness.state().path()
    );
}

/// Review finding (branch review-jobs): the window's close button while a
/// file is being opened (after "Discard changes"). The old document is
/// still the unsaved one, so the close is cancelled and "Save changes?" is
/// queued behind the job; when the file is open, replacing the document
/// closes every modal, that question with it. The window neither closes
/// nor asks: the close request is silently lost.
#[test]
fn closing_the_window_while_a_file_opens_is_not_silently_ignored() {
    let files = files();
    let mut harness = app_without_threads(&files);
    delete_keelwater(&mut harness);
    assert!(harness.state().document().is_dirty());
    press(&mut harness, Modifiers::COMMAND, Key::O);
    harness.get_by_label("Discard changes").click();
    settle(&mut harness);
    harness
        .get_by_label("File path")
        .set_text_value_accesskit(&files.b.display().to_string());
    harness.run();
    harness.get_by_label("Open").click();
    harness.step(); // The open job starts (it runs at the next frame).

    crate::support::request_close(&mut harness); // The job finishes in this frame.
    let cancelled = harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::CancelClose));
    assert!(
        cancelled,
        "the close was held back: there were unsaved changes"
    );
    let mut closed = false;
    for _ in 0..3 {
        harness.step();
        closed |= harness
            .output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close));
    }
    settle(&mut harness);
    assert_eq!(harness.state().path(), Some(files.b.as_path()));
    let asked = harness.query_by_label("Save changes?").is_some();
    assert!(
        closed || asked,
        "the close request was cancelled and its question closed with the old document"
    );
}

/// Review finding (branch review-jobs): the import preview's "Add another
/// file…" plans again as a job, and `planned` puts the new plan in the
/// preview only if the preview is the top modal. The window's close button
/// pushes "Save changes?" on top of whatever is there, also while a job
/// runs; when the plan then comes back, a second preview is opened over
/// the question. Import it, Cancel the question, and the first preview,
/// planned against the workspace before the import, is still there: its
/// Import adds the first file's rows again.
#[test]
fn add_another_file_then_the_close_button_leaves_one_import_preview() {
    let files = files();
    let mut harness = app_without_threads(&files);
    delete_keelwater(&mut harness); // Unsaved changes: closing asks.
    let dir = files.b.parent().unwrap();
    let first = dir.join("members.csv");
    std::fs::write(
        &first,
        "name,category,region,influence,support,notes\nFjord Freight,buyer,Norway,3,1,\n",
    )
    .unwrap();
    let second = dir.join("more-members.csv");
    std::fs::write(
        &second,
        "name,category,region,influence,support,notes\nSkagen Steelworks,industry,Denmark,4,1,\n",
    )
    .unwrap();
    drop_file(&mut harness, &first);
    assert!(harness.state().is_importing());

    harness.get_by_label("Add another file…").click();
    settle(&mut harness);
    harness
        .get_by_label("File path")
        .set_text_value_accesskit(&second.display().to_string());
    harness.run();
    harness.get_by_label("Import").click();
    harness.step(); // Planning both files starts.
    crate::support::request_close(&mut harness); // ...and ends in this frame.
    settle(&mut harness);
    // The question waits for the reading, then comes over the one preview.
    harness.get_by_label("Save changes?");
    harness.get_by_label("Cancel").click();
    settle(&mut harness);

    harness.get_by_label("Import").click(); // The preview of both files.
    settle(&mut harness);
    let fjord = |h: &Harness<'_, FlywheelApp>| {
        ws(h)
            .stakeholders
            .iter()
            .filter(|s| s.name == "Fjord Freight")
            .count()
    };
    assert_eq!(fjord(&harness), 1);
    if harness.query_by_label("Save changes?").is_some() {
        harness.get_by_label("Cancel").click();
        settle(&mut harness);
    }
    let stale = harness.state().is_importing();
    if stale {
        harness.get_by_label("Import").click();
        settle(&mut harness);
    }
    assert_eq!(fjord(&harness), 1, "the first file was imported twice");
    assert!(!stale, "a second, stale import preview was left open");
}
