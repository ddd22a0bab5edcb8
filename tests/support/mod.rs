//! What the three test binaries share: dates, fixtures and workspaces to
//! start from; the app built headless with a fixed "today" and no system
//! file dialog, with the key presses and typed paths a facilitator would
//! give it; the `flywheel` binary; and the test binary run again as a
//! child process. Each test module uses part of it.
#![allow(dead_code)]

pub mod coalition;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::{FileDialogs, Preferences};
use flywheel::model::{CommitmentId, Stakeholder, StakeholderId, Workspace};
use uuid::Uuid;

// ---------------------------------------------------------------------
// Dates, files and workspaces

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The day the document tests take as today.
pub fn today() -> NaiveDate {
    day(2026, 11, 23)
}

/// The day the app built by [`harness`] takes as today.
pub fn app_today() -> NaiveDate {
    day(2026, 11, 22)
}

/// A file of this repository, wherever the test runs from.
pub fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A workspace file of a released format, `tests/fixtures/<path>`.
pub fn fixture(path: &str) -> PathBuf {
    repo_file("tests/fixtures").join(path)
}

/// A spreadsheet to import, `tests/import_fixtures/<name>`.
pub fn import_fixture(name: &str) -> PathBuf {
    repo_file("tests/import_fixtures").join(name)
}

/// The demo workspace's file, as shipped.
pub fn demo_path() -> PathBuf {
    repo_file("assets/demo/iron-steel-demo.ron")
}

pub fn demo() -> Workspace {
    flywheel::assets::demo().expect("the demo loads")
}

/// The demo as Flywheel saves it.
pub fn demo_text() -> String {
    flywheel::file::to_text(&demo()).expect("the demo saves")
}

pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes `bytes` to `dir/name`; returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

/// Ids a test can name: `stakeholder_id(1)` is the same in every copy.
pub fn stakeholder_id(n: u128) -> StakeholderId {
    StakeholderId(Uuid::from_u128(n))
}

pub fn commitment_id(n: u128) -> CommitmentId {
    CommitmentId(Uuid::from_u128(n))
}

/// A stakeholder with the id `stakeholder_id(n)`.
pub fn stakeholder(n: u128, name: &str, category: flywheel::model::Category) -> Stakeholder {
    let mut s = Stakeholder::new(name, category);
    s.id = stakeholder_id(n);
    s
}

// ---------------------------------------------------------------------
// Processes

/// The `flywheel` binary, to be given its arguments.
pub fn flywheel_command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_flywheel"))
}

/// The demo's file as a command-line argument.
pub fn demo_arg() -> String {
    demo_path().display().to_string()
}

/// Runs the `flywheel` binary with `args` and waits for it.
pub fn run_flywheel<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Output {
    flywheel_command()
        .args(args)
        .output()
        .expect("run flywheel")
}

/// What a command printed on its standard output.
pub fn stdout_of(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 on stdout")
}

/// What a command printed on its standard error.
pub fn stderr_of(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 on stderr")
}

/// This test binary run again as a child process that runs only the test
/// `name` of `module` (give it `module_path!()`), printing what it prints.
pub fn child_test(module: &str, name: &str) -> Command {
    // A test's name leaves out the binary's crate: `ui::recovery` runs its
    // tests as `recovery::…`.
    let test = match module.split_once("::") {
        Some((_, path)) => format!("{path}::{name}"),
        None => name.to_string(),
    };
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command.args(["--exact", &test, "--nocapture", "--test-threads=1"]);
    command
}

// ---------------------------------------------------------------------
// The app, headless

/// The modifier of shortcuts: Ctrl, or Cmd on a Mac.
pub const CMD: Modifiers = Modifiers::COMMAND;
pub const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

pub fn harness_with(prefs: Preferences, file: Option<PathBuf>) -> Harness<'static, FlywheelApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            let mut app =
                FlywheelApp::new(&cc.egui_ctx, prefs, file, FileDialogs::path_field_only());
            app.set_today(app_today());
            app
        });
    settle(&mut harness);
    harness
}

/// Runs frames until no file is being opened or saved in the background
/// (files open and save on a thread; the tests' files take milliseconds).
pub fn settle(harness: &mut Harness<'_, FlywheelApp>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    // Frame by frame while busy: the window repaints on its own then.
    harness.step();
    while harness.state().is_busy() {
        assert!(
            std::time::Instant::now() < deadline,
            "still opening or saving after 60 s"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
        harness.step();
    }
    harness.run();
}

/// The app with the demo open.
pub fn harness() -> Harness<'static, FlywheelApp> {
    harness_with(Preferences::default(), None)
}

pub fn press(harness: &mut Harness<'_, FlywheelApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    settle(harness);
}

/// Types `path` into the path prompt and presses `button` ("Save",
/// "Open", "Export").
pub fn enter_path(harness: &mut Harness<'_, FlywheelApp>, path: &Path, button: &str) {
    harness
        .get_by_label("File path")
        .set_text_value_accesskit(&path.display().to_string());
    harness.run();
    harness.get_by_label(button).click();
    settle(harness);
}

/// A file dropped on the window.
#[derive(Debug)]
pub struct DroppedPath(pub PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|err| err.to_string())
    }
}

/// The window's close button, as the window system reports it.
pub fn request_close(harness: &mut Harness<'_, FlywheelApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.step();
}

/// The id of the open workspace's stakeholder called `name`.
pub fn id_of(harness: &Harness<'_, FlywheelApp>, name: &str) -> StakeholderId {
    let ws = harness.state().document().workspace();
    ws.stakeholders
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no stakeholder {name}"))
        .id
}

/// The open workspace, as the document has it now.
pub fn workspace<'h>(harness: &'h Harness<'_, FlywheelApp>) -> &'h Workspace {
    harness.state().document().workspace()
}

/// Presses Ctrl+Z once and checks that what `read` reads is `before`
/// again and nothing is left unsaved: the change was one undo step.
pub fn assert_one_undo_restores<T: PartialEq + std::fmt::Debug>(
    harness: &mut Harness<'_, FlywheelApp>,
    read: impl Fn(&Harness<'_, FlywheelApp>) -> T,
    before: &T,
) {
    press(harness, CMD, Key::Z);
    assert_eq!(&read(harness), before, "after one undo");
    assert!(
        !harness.state().document().is_dirty(),
        "one undo is back to the saved workspace"
    );
}

/// Every text painted in the last frame, the plots' own captions included.
pub fn painted_texts<'h>(
    harness: &'h Harness<'_, FlywheelApp>,
) -> Vec<&'h egui::epaint::TextShape> {
    fn collect<'s>(shape: &'s egui::Shape, out: &mut Vec<&'s egui::epaint::TextShape>) {
        match shape {
            egui::Shape::Text(text) => out.push(text),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

pub fn stakeholder_count(harness: &Harness<'_, FlywheelApp>) -> usize {
    harness.state().document().workspace().stakeholders.len()
}

pub fn has_stakeholder(harness: &Harness<'_, FlywheelApp>, name: &str) -> bool {
    let ws = harness.state().document().workspace();
    ws.stakeholders.iter().any(|s| s.name == name)
}

/// Selects Keelwater Motors and opens its interim target (30 %, with a
/// quantity) in the inspector; returns the commitment's id.
pub fn open_keelwater_interim_target(
    harness: &mut Harness<'_, FlywheelApp>,
) -> flywheel::model::CommitmentId {
    harness.get_by_label("Keelwater Motors").click();
    harness.run();
    let label = "Interim target · Cut supply-chain emissions 30% by 2030 · 2030";
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
    harness.state().selection().commitment.expect("opened")
}
