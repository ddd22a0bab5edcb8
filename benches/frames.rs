//! CPU time of one frame of each view, headless: `egui::Context::run_ui`
//! for the whole window plus tessellation, on generated workspaces.
//!
//!     cargo bench --bench frames
//!
//! Prints the median, 90th percentile and worst frame of each view after a
//! warm-up (the first frames build the views' caches; their cost is printed
//! separately as "first frame"). Goals on a 2-core laptop, release build:
//! ≤ 4 ms per frame at 1,000 stakeholders, ≤ 8 ms at 10,000 stakeholders
//! and 100,000 commitments.

use std::time::{Duration, Instant};

use egui::{Event, Pos2, RawInput, Rect, vec2};
use flywheel::FlywheelApp;
use flywheel::app::{Command, FileDialogs, Preferences, Tab};
use flywheel::synthetic::synthetic_workspace;

const SCREEN: [f32; 2] = [1440.0, 900.0];
const WARM_UP: usize = 5;
const FRAMES: usize = 60;

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

fn run_frame(ctx: &egui::Context, app: &mut FlywheelApp, frame: usize) -> Duration {
    let start = Instant::now();
    let output = ctx.run_ui(input(frame), |ui| app.show(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    std::hint::black_box(primitives);
    start.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo test --benches` runs this with --bench absent: keep it quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let sizes: &[(usize, usize, usize)] = if quick {
        &[(200, 600, 600)]
    } else {
        &[(1_000, 3_000, 10_000), (10_000, 30_000, 100_000)]
    };
    println!(
        "frame time, release build, {}×{} window",
        SCREEN[0], SCREEN[1]
    );
    for &(stakeholders, relationships, commitments) in sizes {
        let ws = synthetic_workspace(stakeholders, relationships, commitments, 42);
        for &tab in &Tab::ALL[1..] {
            let ctx = egui::Context::default();
            let mut app = FlywheelApp::new(
                &ctx,
                Preferences::default(),
                None,
                FileDialogs::path_field_only(),
            );
            app.show_workspace(ws.clone());
            // The command runs at the end of this frame; the next is the
            // tab's first.
            app.queue(Command::ShowTab(tab));
            run_frame(&ctx, &mut app, 0);
            let first = run_frame(&ctx, &mut app, 1);
            for frame in 2..WARM_UP {
                run_frame(&ctx, &mut app, frame);
            }
            let frames = if quick { 3 } else { FRAMES };
            let mut times: Vec<Duration> = (0..frames)
                .map(|frame| run_frame(&ctx, &mut app, WARM_UP + frame))
                .collect();
            times.sort();
            let median = times[times.len() / 2];
            let p90 = times[times.len() * 9 / 10];
            let worst = times[times.len() - 1];
            println!(
                "{:>6} stakeholders / {:>6} relationships / {:>6} commitments  {:<20} median {:6.2} ms  p90 {:6.2} ms  worst {:6.2} ms  (first frame {:7.2} ms)",
                stakeholders,
                relationships,
                commitments,
                tab.label(),
                ms(median),
                ms(p90),
                ms(worst),
                ms(first),
            );
        }
    }
}
