//! The longest frame the window takes while a facilitator opens, saves,
//! merges, exports, shares and restores a workspace of 10,000
//! stakeholders, 30,000 relationships and 100,000 commitments: long work
//! runs as jobs, so no frame should take more than 16 ms (one frame at
//! 60 Hz). Each step is driven as a user would (the command, the typed
//! path, the button) through egui_kittest, and every frame from the click
//! until the work is done is timed. Baseline, in the same run: a frame of
//! a bare egui window (a heading and a button) in the same harness.
//!
//!     cargo bench --bench blocking
//!
//! The figures are the window's own work on its thread (building the
//! frame); drawing the pixels is the renderer's and is not in them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::{Command, FileDialogs, Preferences};
use flywheel::file::{self, versions::Versions};
use flywheel::model::{Lineage, Workspace};

mod support;
use support::ms;

/// Frames timed: their count, the longest, and the median.
struct Frames(Vec<Duration>);

impl Frames {
    fn longest(&self) -> Duration {
        self.0.iter().copied().max().unwrap_or_default()
    }

    /// Which frame was the longest, counted from 1.
    fn longest_at(&self) -> usize {
        self.0
            .iter()
            .enumerate()
            .max_by_key(|(_, d)| **d)
            .map_or(0, |(i, _)| i + 1)
    }

    fn median(&self) -> Duration {
        let mut sorted = self.0.clone();
        sorted.sort();
        sorted.get(sorted.len() / 2).copied().unwrap_or_default()
    }
}

/// One timed frame.
fn step(harness: &mut Harness<'_, FlywheelApp>, frames: &mut Frames) {
    let start = Instant::now();
    harness.step();
    frames.0.push(start.elapsed());
}

/// Frames until the app is idle (no job, nothing queued) for a few frames
/// in a row; gives up after `limit`.
fn until_idle(harness: &mut Harness<'_, FlywheelApp>, frames: &mut Frames, limit: Duration) {
    let deadline = Instant::now() + limit;
    let mut quiet = 0;
    while quiet < 3 && Instant::now() < deadline {
        step(harness, frames);
        if harness.state().is_busy() {
            quiet = 0;
            // A window waiting on a job draws about every 30 ms.
            std::thread::sleep(Duration::from_millis(5));
        } else {
            quiet += 1;
        }
    }
}

/// Types `path` into the path prompt and clicks `button`; times every
/// frame from the click until the work is done.
fn enter_path(harness: &mut Harness<'_, FlywheelApp>, path: &Path, button: &str) -> Frames {
    let mut frames = Frames(Vec::new());
    harness
        .get_by_label("File path")
        .set_text_value_accesskit(&path.display().to_string());
    harness.step();
    harness.get_by_label(button).click();
    until_idle(harness, &mut frames, Duration::from_secs(120));
    frames
}

fn queue(harness: &mut Harness<'_, FlywheelApp>, command: Command) {
    harness.state_mut().queue(command);
    let mut ignored = Frames(Vec::new());
    until_idle(harness, &mut ignored, Duration::from_secs(120));
}

fn click(harness: &mut Harness<'_, FlywheelApp>, label: &str) -> Frames {
    let mut frames = Frames(Vec::new());
    harness.get_by_label(label).click();
    until_idle(harness, &mut frames, Duration::from_secs(120));
    frames
}

fn key(harness: &mut Harness<'_, FlywheelApp>, modifiers: Modifiers, key: Key) -> Frames {
    let mut frames = Frames(Vec::new());
    harness.key_press_modifiers(modifiers, key);
    until_idle(harness, &mut frames, Duration::from_secs(120));
    frames
}

fn report(name: &str, frames: &Frames, baseline: Duration) {
    println!(
        "{name:<44} longest {:6.1} ms (×{:>5.0} of a bare frame; frame {} of {})  median {:5.1} ms",
        ms(frames.longest()),
        ms(frames.longest()) / ms(baseline).max(1e-6),
        frames.longest_at(),
        frames.0.len(),
        ms(frames.median()),
    );
}

/// `ws` with every hundredth stakeholder rescored and noted, as a
/// colleague's copy would come back.
fn colleagues_copy(ws: &Workspace) -> Workspace {
    let mut theirs = ws.clone();
    for s in theirs.stakeholders.iter_mut().skip(50).step_by(100) {
        s.support = -1;
        s.notes.push_str(" (edited by a colleague)");
    }
    theirs.lineage = Some(Lineage::next(ws.lineage.as_ref()));
    theirs
}

fn bare_frame() -> Duration {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui(|ui| {
            ui.heading("A bare window");
            let _ = ui.button("A button");
        });
    for _ in 0..10 {
        harness.step();
    }
    let mut times: Vec<Duration> = (0..50)
        .map(|_| {
            let start = Instant::now();
            harness.step();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// The files a facilitator works with: their workspace, saved and kept
/// as a version, and a colleague's copy of it.
struct Files {
    _dir: tempfile::TempDir,
    versions: Versions,
    mine: PathBuf,
    theirs: PathBuf,
}

fn files(size: support::Size) -> Files {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let versions = Versions::at(dir.path().join("versions"));
    let mut ws = size.workspace();
    let lineage = Lineage::next(None);
    ws.lineage = Some(lineage.clone());
    let mine = dir.path().join("coalition.ron");
    file::save(&ws, &mine).unwrap_or_else(|err| panic!("{err}"));
    versions
        .keep(&lineage, &mine)
        .unwrap_or_else(|err| panic!("{err}"));
    let theirs = dir.path().join("from-anna.ron");
    file::save(&colleagues_copy(&ws), &theirs).unwrap_or_else(|err| panic!("{err}"));
    Files {
        _dir: dir,
        versions,
        mine,
        theirs,
    }
}

/// The window on `files.mine`, opened as the app opens a file; reports
/// the opening and a few frames of the window doing nothing.
fn window(files: &Files, baseline: Duration) -> Harness<'static, FlywheelApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(|cc| {
            FlywheelApp::new(
                &cc.egui_ctx,
                Preferences::default(),
                None,
                FileDialogs::path_field_only(),
            )
        });
    harness.state_mut().enable_versions(files.versions.clone());
    let mut opening = Frames(Vec::new());
    harness.state_mut().open_path(&files.mine);
    until_idle(&mut harness, &mut opening, Duration::from_secs(120));
    report("open", &opening, baseline);
    let mut idle = Frames(Vec::new());
    for _ in 0..30 {
        step(&mut harness, &mut idle);
    }
    report("the window doing nothing (Overview)", &idle, baseline);
    harness
}

fn main() {
    let size = support::start(1);
    let files = files(size);
    println!(
        "{size}; {}; every frame from the click until the work is done",
        support::build()
    );
    let baseline = bare_frame();
    println!(
        "{:<44} median {:8.3} ms",
        "baseline: a bare egui frame",
        ms(baseline)
    );
    let mut harness = window(&files, baseline);
    let h = &mut harness;
    report(
        "save (Ctrl+S)",
        &key(h, Modifiers::COMMAND, Key::S),
        baseline,
    );

    queue(h, Command::MergeCopy);
    let merging = enter_path(h, &files.theirs, "Merge");
    report(
        "merge a colleague's copy: read and merge",
        &merging,
        baseline,
    );
    report("merge: apply", &click(h, "Apply"), baseline);
    report(
        "undo the merge (Ctrl+Z)",
        &key(h, Modifiers::COMMAND, Key::Z),
        baseline,
    );

    queue(h, Command::ExportSpreadsheet);
    let xlsx = files.mine.with_extension("xlsx");
    report(
        "export spreadsheet (.xlsx)",
        &enter_path(h, &xlsx, "Export"),
        baseline,
    );

    queue(h, Command::SaveShareCopy);
    h.get_by_label("Choose file…").click();
    until_idle(h, &mut Frames(Vec::new()), Duration::from_secs(10));
    let share = files.mine.with_file_name("share.ron");
    report("save share copy", &enter_path(h, &share, "Save"), baseline);

    queue(h, Command::Versions);
    let mut restoring = Frames(Vec::new());
    // The oldest kept version: the one saved before the bench's own save.
    h.get_all_by_label("Restore")
        .last()
        .unwrap_or_else(|| panic!("no kept version"))
        .click();
    until_idle(h, &mut restoring, Duration::from_secs(120));
    report("restore a kept version", &restoring, baseline);
    report(
        "undo the restore (Ctrl+Z)",
        &key(h, Modifiers::COMMAND, Key::Z),
        baseline,
    );
    let redo = key(h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    report("redo (Ctrl+Shift+Z)", &redo, baseline);
}
