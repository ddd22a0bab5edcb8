//! Big workspaces open and save on a background thread: the window draws
//! a progress dialog before the workspace is ready, a load can be cancelled
//! or replaced by another, and a failed load changes nothing.

use std::path::Path;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::{Command, Dialog};
use flywheel::file;
use flywheel::synthetic::synthetic_workspace;

use crate::support::{harness, press, settle};

/// A workspace big enough that a debug build takes a while to read it.
fn big_file(dir: &Path, name: &str) -> std::path::PathBuf {
    let mut ws = synthetic_workspace(1_500, 4_000, 15_000, 11);
    ws.title = format!("Big coalition {name}");
    let path = dir.join(name);
    file::save(&ws, &path).unwrap();
    path
}

fn shows(harness: &Harness<'_, FlywheelApp>, text: &str) -> bool {
    harness.query_all_by_value(text).next().is_some() || harness.query_by_label(text).is_some()
}

fn title(harness: &Harness<'_, FlywheelApp>) -> String {
    harness.state().document().workspace().title.clone()
}

/// Frames until the progress dialog is up (it waits a moment before it
/// shows, so small files never flicker).
fn until_dialog(harness: &mut Harness<'_, FlywheelApp>, heading: &str) {
    for _ in 0..200 {
        harness.step();
        if shows(harness, heading) {
            // Its first frame sizes it; from the next it stays put.
            harness.step();
            return;
        }
        assert!(
            harness.state().is_busy(),
            "finished before the dialog showed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("no “{heading}” dialog");
}

#[test]
fn a_big_file_shows_progress_before_it_is_ready_then_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = big_file(dir.path(), "big.ron");
    let mut harness = harness();
    let demo = title(&harness);

    harness.state_mut().open_path(&path);
    harness.step();
    assert!(harness.state().is_busy());
    assert_eq!(
        title(&harness),
        demo,
        "the document stays until the file is ready"
    );
    until_dialog(&mut harness, "Opening big.ron");
    harness.get_by_label("Cancel");
    assert_eq!(title(&harness), demo);

    settle(&mut harness);
    assert_eq!(title(&harness), "Big coalition big.ron");
    assert_eq!(harness.state().path(), Some(path.as_path()));
    assert!(!harness.state().document().is_dirty());
    assert!(!shows(&harness, "Opening big.ron"));
}

#[test]
fn cancelling_keeps_the_document_and_a_second_open_replaces_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_file(dir.path(), "big.ron");
    let small = dir.path().join("small.ron");
    let ws = flywheel::model::Workspace::new("Small one", flywheel::model::Sector::Cement);
    file::save(&ws, &small).unwrap();
    let mut harness = harness();
    let demo = title(&harness);
    let revision = harness.state().document().revision();

    harness.state_mut().open_path(&big);
    until_dialog(&mut harness, "Opening big.ron");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(!harness.state().is_busy());
    settle(&mut harness);
    assert_eq!(title(&harness), demo);
    assert_eq!(
        harness.state().document().revision(),
        revision,
        "nothing changed"
    );
    // The cancelled load never arrives later.
    std::thread::sleep(Duration::from_millis(300));
    settle(&mut harness);
    assert_eq!(title(&harness), demo);

    // Opening a file while another is being read: the second one wins.
    harness.state_mut().open_path(&big);
    harness.step();
    harness.state_mut().open_path(&small);
    settle(&mut harness);
    assert_eq!(title(&harness), "Small one");
    std::thread::sleep(Duration::from_millis(300));
    settle(&mut harness);
    assert_eq!(title(&harness), "Small one", "the first load was dropped");
    assert_eq!(harness.state().path(), Some(small.as_path()));
}

#[test]
fn an_error_in_a_background_load_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_file(dir.path(), "big.ron");
    let text = std::fs::read(&big).unwrap();
    let cut = dir.path().join("cut.ron");
    std::fs::write(&cut, &text[..text.len() * 2 / 3]).unwrap();
    let mut harness = harness();
    let demo = title(&harness);
    let revision = harness.state().document().revision();

    harness.state_mut().open_path(&cut);
    settle(&mut harness);
    let Some(Dialog::Error {
        title: heading,
        message,
    }) = harness.state().dialog()
    else {
        panic!("an error dialog, not {:?}", harness.state().dialog());
    };
    assert_eq!(heading, "Could not open “cut.ron”");
    assert!(message.contains("cut off"), "{message}");
    assert_eq!(title(&harness), demo);
    assert_eq!(harness.state().document().revision(), revision);
    assert_eq!(harness.state().path(), None);
}

#[test]
fn saving_a_big_workspace_shows_that_it_is_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("saved.ron");
    let mut harness = harness();
    harness
        .state_mut()
        .show_workspace(synthetic_workspace(1_500, 4_000, 15_000, 12));
    harness.run();
    press(&mut harness, egui::Modifiers::COMMAND, egui::Key::S);
    harness
        .get_by_label("File path")
        .set_text_value_accesskit(&path.display().to_string());
    harness.run();
    harness.get_by_label("Save").click();
    harness.step();
    assert!(harness.state().is_busy());
    until_dialog(&mut harness, "Saving saved.ron");
    settle(&mut harness);
    assert!(!harness.state().document().is_dirty());
    assert_eq!(harness.state().path(), Some(path.as_path()));
    let saved = file::load(&path).unwrap();
    assert_eq!(&saved, harness.state().document().workspace());
    // Save again (now to its own file): the same flow, then editing resumes.
    harness.state_mut().queue(Command::Save);
    settle(&mut harness);
    assert!(!harness.state().is_busy());
}
