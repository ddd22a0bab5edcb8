//! What the test binaries share: the app built headless with a fixed
//! "today" and no system file dialog, the key presses and typed paths a
//! facilitator would give it, and the test binary run again as a child
//! process. Each test module uses part of it.
#![allow(dead_code)]

use chrono::NaiveDate;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::{FileDialogs, Preferences};

pub fn harness_with(
    prefs: Preferences,
    file: Option<std::path::PathBuf>,
) -> Harness<'static, FlywheelApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            let mut app =
                FlywheelApp::new(&cc.egui_ctx, prefs, file, FileDialogs::path_field_only());
            app.set_today(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
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

pub fn harness() -> Harness<'static, FlywheelApp> {
    harness_with(Preferences::default(), None)
}

pub fn press(harness: &mut Harness<'_, FlywheelApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    settle(harness);
}

/// Types `path` into the path prompt and presses `button` ("Save",
/// "Open", "Export").
pub fn enter_path(harness: &mut Harness<'_, FlywheelApp>, path: &std::path::Path, button: &str) {
    harness
        .get_by_label("File path")
        .set_text_value_accesskit(&path.display().to_string());
    harness.run();
    harness.get_by_label(button).click();
    settle(harness);
}

/// A file dropped on the window.
#[derive(Debug)]
pub struct DroppedPath(pub std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
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

/// This test binary run again as a child process that runs only the test
/// `name` of `module` (give it `module_path!()`), printing what it prints.
pub fn child_test(module: &str, name: &str) -> std::process::Command {
    // A test's name leaves out the binary's crate: `ui::recovery` runs its
    // tests as `recovery::…`.
    let test = match module.split_once("::") {
        Some((_, path)) => format!("{path}::{name}"),
        None => name.to_string(),
    };
    let mut command = std::process::Command::new(std::env::current_exe().expect("the test binary"));
    command.args(["--exact", &test, "--nocapture", "--test-threads=1"]);
    command
}
