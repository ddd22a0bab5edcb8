//! CPU time of one frame of each view, headless: `egui::Context::run_ui`
//! for the whole window plus tessellation, on generated workspaces.
//!
//!     cargo bench --bench frames
//!     cargo bench --bench frames -- Roadmap    (only views named so)
//!
//! Each size starts with a baseline that is not our code: a bare egui frame
//! (one central panel with 200 labels and an egui_plot line of 100 points)
//! run through exactly the same harness, so that every view's time can be
//! read as a multiple of it on whatever machine runs this.
//!
//! For every view it prints the median, 90th percentile and worst frame
//! after a warm-up, and the first frame after a change: a small edit made
//! through the app's own command path (add a stakeholder, then undo it),
//! which is the frame that rebuilds the view's caches for the new revision.
//! Goals on a 2-core laptop, release build: a frame ≤ 4 ms at 1,000
//! stakeholders and ≤ 8 ms at 10,000 stakeholders and 100,000 commitments;
//! the first frame after a change ≤ 16 ms and ≤ 33 ms.

use std::time::{Duration, Instant};

use egui::{Event, Pos2, RawInput, Rect, Ui, vec2};
use egui_plot::{Line, Plot, PlotPoints};
use flywheel::FlywheelApp;
use flywheel::app::{Command, FileDialogs, Preferences, Tab};
use flywheel::synthetic::synthetic_workspace;

mod support;
use support::{allocator_as_in_the_app, build, is_quick, ms};

const SCREEN: [f32; 2] = [1440.0, 900.0];
const WARM_UP: usize = 5;
const FRAMES: usize = 60;
/// Edits timed per view: each is followed by the frame that sees it.
const CHANGES: usize = 10;

fn input(frame: usize) -> RawInput {
    // The pointer wanders over the middle of the view, as a facilitator's
    // would, so hover hit-testing is part of the cost.
    let x = 500.0 + (frame % 20) as f32 * 12.0;
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(SCREEN[0], SCREEN[1]))),
        time: Some(frame as f64 / 60.0),
        events: vec![Event::PointerMoved(Pos2::new(x, 420.0))],
        ..RawInput::default()
    }
}

/// One frame of `show`, laid out and tessellated.
fn run_frame(ctx: &egui::Context, frame: usize, show: impl FnMut(&mut Ui)) -> Duration {
    let start = Instant::now();
    let mut output = ctx.run_ui(input(frame), show);
    // No GPU here to upload textures to; egui asserts (in debug builds,
    // as `cargo test --benches` makes) that none are dropped unhandled.
    output.textures_delta.clear();
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
    start.elapsed()
}

/// Median, 90th percentile and worst.
struct Spread {
    median: Duration,
    p90: Duration,
    worst: Duration,
}

impl Spread {
    fn of(mut times: Vec<Duration>) -> Self {
        times.sort();
        Self {
            median: times[times.len() / 2],
            p90: times[times.len() * 9 / 10],
            worst: times[times.len() - 1],
        }
    }
}

/// The baseline: what egui itself costs for a modest window.
struct BareFrame {
    labels: Vec<String>,
    points: Vec<[f64; 2]>,
}

impl BareFrame {
    fn new() -> Self {
        Self {
            labels: (0..200).map(|i| format!("Label number {i}")).collect(),
            points: (0..100)
                .map(|i| {
                    let x = i as f64 / 10.0;
                    [x, x.sin()]
                })
                .collect(),
        }
    }

    fn ui(&self, ui: &mut Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            Plot::new("bare-plot").height(300.0).show(ui, |plot_ui| {
                plot_ui.line(Line::new("sine", PlotPoints::new(self.points.clone())));
            });
            ui.horizontal_wrapped(|ui| {
                for label in &self.labels {
                    ui.label(label);
                }
            });
        });
    }
}

fn time_bare_frame(frames: usize) -> Spread {
    let ctx = egui::Context::default();
    let bare = BareFrame::new();
    for frame in 0..WARM_UP {
        run_frame(&ctx, frame, |ui| bare.ui(ui));
    }
    Spread::of(
        (0..frames)
            .map(|frame| run_frame(&ctx, WARM_UP + frame, |ui| bare.ui(ui)))
            .collect(),
    )
}

/// A view's steady frames and its first frames after a change.
struct ViewTimes {
    steady: Spread,
    after_change: Spread,
}

fn time_view(
    ws: &flywheel::model::Workspace,
    tab: Tab,
    frames: usize,
    changes: usize,
) -> ViewTimes {
    let ctx = egui::Context::default();
    let mut app = FlywheelApp::new(
        &ctx,
        Preferences::default(),
        None,
        FileDialogs::path_field_only(),
    );
    app.show_workspace(ws.clone());
    // The command runs at the end of this frame; the next is the tab's first.
    app.queue(Command::ShowTab(tab));
    let mut frame = 0;
    let mut next = |app: &mut FlywheelApp| {
        frame += 1;
        run_frame(&ctx, frame, |ui| app.show(ui))
    };
    next(&mut app);
    for _ in 0..WARM_UP {
        next(&mut app);
    }
    let steady = Spread::of((0..frames).map(|_| next(&mut app)).collect());
    // A small edit through the same path as the menu's: the command runs
    // at the end of one frame, so the next frame is the first to see the
    // new revision. Adding a stakeholder and undoing it alternate, so the
    // workspace keeps its size.
    let after_change = (0..changes)
        .map(|k| {
            app.queue(if k % 2 == 0 {
                Command::AddStakeholder
            } else {
                Command::Undo
            });
            next(&mut app);
            let first = next(&mut app);
            // A few ordinary frames in between, as a user's pace would give.
            for _ in 0..3 {
                next(&mut app);
            }
            first
        })
        .collect();
    ViewTimes {
        steady,
        after_change: Spread::of(after_change),
    }
}

fn main() {
    allocator_as_in_the_app();
    let quick = is_quick();
    let sizes: &[(usize, usize, usize)] = if quick {
        &[(200, 600, 600)]
    } else {
        &[(1_000, 3_000, 10_000), (10_000, 30_000, 100_000)]
    };
    let (frames, changes) = if quick { (3, 2) } else { (FRAMES, CHANGES) };
    // Words that are not flags pick views by name, for profiling one.
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let is_wanted =
        |tab: Tab| wanted.is_empty() || wanted.iter().any(|w| tab.label().contains(w.as_str()));
    println!(
        "frame time, {}, {}×{} window; median, p90 and worst of {frames} frames, \
         and of {changes} first frames after a change",
        build(),
        SCREEN[0],
        SCREEN[1]
    );
    for &(stakeholders, relationships, commitments) in sizes {
        let ws = synthetic_workspace(stakeholders, relationships, commitments, 42);
        let (frame_budget, change_budget) = if stakeholders <= 1_000 {
            (4.0, 16.0)
        } else {
            (8.0, 33.0)
        };
        println!(
            "\n{stakeholders} stakeholders / {relationships} relationships / {commitments} commitments \
             (budget: {frame_budget} ms a frame, {change_budget} ms after a change)"
        );
        let bare = time_bare_frame(frames);
        let base = ms(bare.median);
        println!(
            "  {:<20} median {:6.2} ms  p90 {:6.2} ms  worst {:6.2} ms  (the baseline: ×1.0)",
            "bare egui frame",
            base,
            ms(bare.p90),
            ms(bare.worst),
        );
        for &tab in Tab::ALL.iter().filter(|t| is_wanted(**t)) {
            let times = time_view(&ws, tab, frames, changes);
            let (steady, change) = (&times.steady, &times.after_change);
            // The budgets are for the release sizes, not the quick check.
            let over =
                !quick && (ms(steady.median) > frame_budget || ms(change.worst) > change_budget);
            println!(
                "  {:<20} median {:6.2} ms (×{:4.1} of bare frame)  p90 {:6.2} ms  worst {:6.2} ms  \
                 first after a change: median {:6.2} ms (×{:4.1}) worst {:6.2} ms{}",
                tab.label(),
                ms(steady.median),
                ms(steady.median) / base,
                ms(steady.p90),
                ms(steady.worst),
                ms(change.median),
                ms(change.median) / base,
                ms(change.worst),
                if over { "  OVER BUDGET" } else { "" },
            );
        }
    }
}
