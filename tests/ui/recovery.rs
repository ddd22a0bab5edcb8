//! Crash recovery as a facilitator meets it: edits survive a killed
//! Flywheel and are offered at the next start (Recover / Discard / Decide
//! later); saving or a clean close leaves no recovery file. Every test gives
//! the app a temporary data folder.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::{Dialog, FileDialogs, Preferences};

use crate::support::{
    CMD, app_today, child_test, enter_path, harness, has_stakeholder, press, request_close, settle,
};

/// Set in the child process of the kill test: its data folder.
const CHILD_DATA_DIR: &str = "FLYWHEEL_TEST_CRASH_DATA_DIR";
/// Set in the child process of the kill test: the workspace it edits.
const CHILD_FILE: &str = "FLYWHEEL_TEST_CRASH_FILE";
/// What the child prints once its edits are in the recovery file.
const READY: &str = "recovery file written";
const NAME: &str = "Green Steel Buyers Club";

fn now() -> NaiveDateTime {
    app_today().and_hms_opt(14, 5, 0).unwrap()
}

/// The app as `flywheel` starts it, with its data folder in `dir`.
fn harness_in(dir: &Path, file: Option<PathBuf>) -> Harness<'static, FlywheelApp> {
    let dir = dir.to_path_buf();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            let mut app = FlywheelApp::new(
                &cc.egui_ctx,
                Preferences::default(),
                file,
                FileDialogs::path_field_only(),
            );
            app.set_today(now().date());
            app.set_now(now());
            app.enable_recovery(&dir);
            app
        });
    harness.run();
    harness
}

/// A workspace file to edit, in `dir`.
fn workspace_file(dir: &Path) -> PathBuf {
    let path = dir.join("coalition.ron");
    flywheel::file::save(&flywheel::assets::demo().unwrap(), &path).unwrap();
    path
}

/// Adds a stakeholder and types its name, as a facilitator does.
fn add_stakeholder(harness: &mut Harness<'_, FlywheelApp>, name: &str) {
    harness.get_by_label("➕ Add stakeholder").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Name")
        .type_text(name);
    harness.run();
}

/// Flywheel with its data folder in `dir/data`, editing a workspace file
/// in `dir`, just after a stakeholder was added (the edit not yet in a
/// recovery file); returns the data folder too.
fn with_a_stakeholder_added(dir: &Path) -> (PathBuf, Harness<'static, FlywheelApp>) {
    let data = dir.join("data");
    let mut harness = harness_in(&data, Some(workspace_file(dir)));
    add_stakeholder(&mut harness, NAME);
    (data, harness)
}

fn recovery_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// A Flywheel that had unsaved changes in `file` and then stopped without
/// closing (its lock is released when it is dropped, as when it dies).
fn left_behind(data: &Path, file: &Path) {
    let mut harness = harness_in(data, Some(file.to_path_buf()));
    add_stakeholder(&mut harness, NAME);
    harness.state_mut().write_recovery_now();
    assert_eq!(recovery_files(data).len(), 1);
}

fn offer_label() -> String {
    "Flywheel closed without saving changes to coalition.ron (last edit 14:05).".to_string()
}

/// Not a test on its own: the Flywheel the kill test starts and kills.
/// Without its environment variables it does nothing.
#[test]
fn crashing_child() {
    let (Some(data), Some(file)) = (
        std::env::var_os(CHILD_DATA_DIR),
        std::env::var_os(CHILD_FILE),
    ) else {
        return;
    };
    let mut harness = harness_in(Path::new(&data), Some(PathBuf::from(file)));
    add_stakeholder(&mut harness, NAME);
    let own = harness.state().recovery_file().unwrap();
    // Frames as the window draws them, in real time, until autosave ran.
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        harness.step();
        let written = flywheel::recovery::read(&own)
            .is_ok_and(|(_, ws)| ws.stakeholders.iter().any(|s| s.name == NAME));
        if written {
            println!("{READY}");
            loop {
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the recovery file was not written within 30 s");
}

#[test]
fn edits_survive_a_killed_flywheel_and_are_recovered_as_unsaved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = workspace_file(dir.path());

    let mut child = child_test(module_path!(), "crashing_child")
        .env(CHILD_DATA_DIR, &data)
        .env(CHILD_FILE, &file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.contains(READY) {
                let _ = tx.send(());
            }
        }
    });
    let ready = rx.recv_timeout(Duration::from_secs(120));
    child.kill().unwrap(); // SIGKILL: no on_exit, no unwinding
    child.wait().unwrap();
    ready.expect("the child Flywheel wrote its recovery file");
    assert_eq!(recovery_files(&data).len(), 1, "left behind by the kill");

    let mut harness = harness_in(&data, Some(file.clone()));
    assert!(
        !has_stakeholder(&harness, NAME),
        "the file itself is as saved"
    );
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::RecoveryOffer { .. })
    ));
    harness.get_by_label(&offer_label());
    harness.get_by_label("Recover").click();
    settle(&mut harness);
    assert!(harness.state().dialog().is_none());
    assert!(has_stakeholder(&harness, NAME));
    assert!(harness.state().document().is_dirty());
    assert_eq!(harness.state().path(), Some(file.as_path()));
    assert!(harness.state().window_title().starts_with('*'));

    // Save writes the recovered changes to their file and ends recovery.
    press(&mut harness, CMD, Key::S);
    assert!(!harness.state().document().is_dirty());
    let saved = flywheel::file::load(&file).unwrap();
    assert!(saved.stakeholders.iter().any(|s| s.name == NAME));
    harness.state_mut().write_recovery_now();
    assert!(recovery_files(&data).is_empty(), "saving removes it");
}

#[test]
fn discard_deletes_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = workspace_file(dir.path());
    left_behind(&data, &file);

    let mut harness = harness_in(&data, Some(file.clone()));
    harness.get_by_label(&offer_label());
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().dialog().is_none());
    assert!(!has_stakeholder(&harness, NAME));
    assert!(!harness.state().document().is_dirty());
    assert!(recovery_files(&data).is_empty());
    drop(harness);

    let harness = harness_in(&data, Some(file));
    assert!(harness.state().dialog().is_none(), "nothing offered again");
}

#[test]
fn decide_later_keeps_the_recovery_file_for_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = workspace_file(dir.path());
    left_behind(&data, &file);
    let left = recovery_files(&data);

    let mut harness = harness_in(&data, Some(file.clone()));
    harness.get_by_label("Decide later").click();
    harness.run();
    assert!(harness.state().dialog().is_none());
    assert!(!has_stakeholder(&harness, NAME));
    assert_eq!(recovery_files(&data), left);
    drop(harness);

    let mut harness = harness_in(&data, Some(file));
    harness.get_by_label(&offer_label());
    harness.get_by_label("Recover").click();
    settle(&mut harness);
    assert!(has_stakeholder(&harness, NAME));
}

#[test]
fn two_running_flywheels_never_offer_each_others_changes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = workspace_file(dir.path());
    let mut first = harness_in(&data, Some(file.clone()));
    add_stakeholder(&mut first, NAME);
    first.state_mut().write_recovery_now();

    let second = harness_in(&data, Some(file));
    assert!(
        second.state().dialog().is_none(),
        "the first one still runs"
    );
    assert!(has_stakeholder(&first, NAME));
}

#[test]
fn saving_removes_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let (data, mut harness) = with_a_stakeholder_added(dir.path());
    harness.state_mut().write_recovery_now();
    assert_eq!(recovery_files(&data).len(), 1);

    press(&mut harness, CMD, Key::S);
    harness.state_mut().write_recovery_now();
    assert!(recovery_files(&data).is_empty());
}

#[test]
fn save_as_of_the_demo_removes_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut harness = harness_in(&data, None);
    add_stakeholder(&mut harness, NAME);
    harness.state_mut().write_recovery_now();
    let (header, _) = flywheel::recovery::read(&recovery_files(&data)[0]).unwrap();
    assert_eq!(header.belongs_to, flywheel::recovery::BelongsTo::Demo);

    press(&mut harness, CMD, Key::S);
    enter_path(&mut harness, &dir.path().join("kept.ron"), "Save");
    harness.state_mut().write_recovery_now();
    assert!(recovery_files(&data).is_empty());
}

#[test]
fn discarding_changes_on_quit_removes_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let (data, mut harness) = with_a_stakeholder_added(dir.path());
    harness.state_mut().write_recovery_now();
    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Discard changes").click();
    harness.run();
    assert!(recovery_files(&data).is_empty(), "removed at once");
    eframe::App::on_exit(harness.state_mut(), None);
    assert!(recovery_files(&data).is_empty());
}

#[test]
fn a_window_destroyed_without_closing_keeps_the_last_edits() {
    let dir = tempfile::tempdir().unwrap();
    let (data, mut harness) = with_a_stakeholder_added(dir.path());
    // No close request, no autosave yet: the window just goes away.
    eframe::App::on_exit(harness.state_mut(), None);
    let files = recovery_files(&data);
    assert_eq!(files.len(), 1);
    let (_, ws) = flywheel::recovery::read(&files[0]).unwrap();
    assert!(ws.stakeholders.iter().any(|s| s.name == NAME));
}

#[test]
fn a_clean_close_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_in(dir.path(), None);
    eframe::App::on_exit(harness.state_mut(), None);
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn tests_without_a_data_folder_write_no_recovery_file() {
    let mut harness = harness();
    add_stakeholder(&mut harness, NAME);
    assert_eq!(harness.state().recovery_file(), None);
}

/// Review finding (branch review-jobs; the flow is older than the job
/// runner): two Flywheels died with unsaved changes (a power cut with two
/// windows open). The next start offers both, one after the other.
/// Recovering the first makes its changes the document (unsaved) and its
/// file this Flywheel's recovery file; recovering the second then replaces
/// that document without asking and moves the second file over the first:
/// the first window's changes are gone from the window and from the disk.
#[test]
fn recovering_a_second_crash_file_keeps_the_changes_recovered_from_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let one = workspace_file(dir.path());
    let two = dir.path().join("other.ron");
    std::fs::copy(&one, &two).unwrap();
    let (first_name, second_name) = ("Alpha Offtake Club", "Beta Offtake Club");
    {
        let mut first = harness_in(&data, Some(one.clone()));
        let mut second = harness_in(&data, Some(two.clone()));
        add_stakeholder(&mut first, first_name);
        add_stakeholder(&mut second, second_name);
        first.state_mut().write_recovery_now();
        second.state_mut().write_recovery_now();
        // Both die here: no on_exit.
    }
    assert_eq!(recovery_files(&data).len(), 2);

    let mut harness = harness_in(&data, None);
    settle(&mut harness);
    harness.get_by_label("Recover").click();
    settle(&mut harness);
    let recovered_first = if has_stakeholder(&harness, first_name) {
        first_name
    } else {
        second_name
    };
    assert!(has_stakeholder(&harness, recovered_first));
    // The second offer follows at once.
    harness.get_by_label("Recover").click();
    settle(&mut harness);
    harness.state_mut().write_recovery_now();

    let in_window = has_stakeholder(&harness, recovered_first);
    let in_a_recovery_file = recovery_files(&data).iter().any(|path| {
        flywheel::recovery::read(path)
            .is_ok_and(|(_, ws)| ws.stakeholders.iter().any(|s| s.name == recovered_first))
    });
    let asked = harness.query_by_label("Save changes?").is_some();
    assert!(
        in_window || in_a_recovery_file || asked,
        "the changes recovered first ({recovered_first}) are gone: not in the window, \
         not in any recovery file, and nobody asked"
    );
}
