//! The Flywheel tab: are demand, supply, finance and policy turning
//! together, which part is the bottleneck, who can push it next, and how
//! each part moved over time. The figures are `analysis::flywheel`'s.

use chrono::NaiveDate;
use egui::{Color32, Pos2, RichText, Sense, Shape, Stroke, Ui, vec2};
use egui_plot::{Line, Plot, PlotPoints};

use super::ViewContext;
use super::chart_kit::{date_axis, legend, x_of};
use super::palette::{category_color, category_icon_ui, ink};
use crate::analysis::Cached;
use crate::analysis::flywheel::{
    Flywheel, Measure, SegmentFigures, Trend, bottleneck, default_milestone, flywheel, percent,
    share_words,
};
use crate::model::{Category, Segment};
use crate::text::{format_quantity, signed_score};

/// Stakeholders listed under "who can push next".
const SHOWN_CANDIDATES: usize = 10;

/// The Flywheel tab (and slide).
#[derive(Debug, Default)]
pub struct FlywheelView {
    /// The milestone chosen; `None` for the default one.
    pub milestone: Option<i32>,
    figures: Cached<(u64, i32, NaiveDate), Flywheel>,
}

/// A segment's colour: that of the category that mostly makes it.
fn segment_color(segment: Segment, dark: bool) -> Color32 {
    let category = match segment {
        Segment::Demand => Category::Buyer,
        Segment::Supply => Category::Industry,
        Segment::Finance => Category::Bank,
        Segment::Policy => Category::Government,
    };
    ink(category_color(category), dark)
}

/// "⏶ up", "⏷ down", "flat".
fn trend_text(trend: Trend) -> &'static str {
    match trend {
        Trend::Up => "⏶ up",
        Trend::Down => "⏷ down",
        Trend::Flat => "flat",
    }
}

impl FlywheelView {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let (ws, today) = (cx.ws, cx.today);
        let milestone = self
            .milestone
            .filter(|y| ws.roadmap.milestones.iter().any(|m| m.year == *y))
            .unwrap_or_else(|| default_milestone(ws, today));
        let figures = self.figures.get((cx.revision, milestone, today), || {
            flywheel(ws, milestone, today)
        });
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(
                            "Buyers' demand lets producers invest, banks and investors finance \
                             the projects, governments de-risk them: the flywheel turns at the \
                             pace of its slowest part.",
                        )
                        .weak(),
                    );
                });
                milestone_picker_ui(ui, cx, milestone, &mut self.milestone);
                if ws.stakeholders.is_empty() {
                    empty_ui(ui);
                    return;
                }
                ui.add_space(4.0);
                match bottleneck(figures) {
                    Some(sentence) => {
                        ui.label(RichText::new(sentence).heading().strong());
                    }
                    None => {
                        ui.label(
                            RichText::new(
                                "Nothing to measure yet: add buyers, industry, banks, investors \
                                 or governments and their commitments.",
                            )
                            .weak(),
                        );
                    }
                }
                ui.add_space(6.0);
                if ui.available_width() >= 760.0 {
                    ui.horizontal_top(|ui| {
                        wheel_ui(ui, figures);
                        ui.vertical(|ui| segments_ui(ui, figures, 1));
                    });
                } else {
                    wheel_ui(ui, figures);
                    let columns = if ui.available_width() >= 560.0 { 2 } else { 1 };
                    segments_ui(ui, figures, columns);
                }
                ui.add_space(10.0);
                who_can_push_ui(ui, cx, figures);
                ui.add_space(10.0);
                over_time_ui(ui, figures);
            });
    }
}

/// The milestone the shares are measured against.
fn milestone_picker_ui(
    ui: &mut Ui,
    cx: &ViewContext<'_>,
    milestone: i32,
    chosen: &mut Option<i32>,
) {
    let years: Vec<i32> = cx.ws.roadmap.milestones.iter().map(|m| m.year).collect();
    ui.horizontal(|ui| {
        ui.label("Milestone");
        if years.is_empty() {
            ui.label(RichText::new(format!("{milestone} (the roadmap has no milestones)")).weak());
            return;
        }
        ui.name_inputs("Flywheel milestone", |ui| {
            egui::ComboBox::from_id_salt("flywheel-milestone")
                .selected_text(milestone.to_string())
                .show_ui(ui, |ui| {
                    for year in years {
                        if ui
                            .selectable_label(year == milestone, year.to_string())
                            .clicked()
                        {
                            *chosen = Some(year);
                        }
                    }
                });
        });
        ui.label(RichText::new(format!("as of {}", cx.today)).weak());
    });
}

fn empty_ui(ui: &mut Ui) {
    ui.add_space(12.0);
    ui.label(
        RichText::new(
            "No stakeholders yet. The flywheel needs buyers (demand), industry and suppliers \
             (supply), banks and investors (finance) and governments (policy), and their \
             commitments: procurement pledges and offtakes, projects, financing and policy. \
             To measure a part against a target, link commitments with a quantity to a \
             roadmap metric and give that metric a flywheel segment (Roadmap › Edit the \
             roadmap).",
        )
        .weak(),
    );
}

/// The wheel: four quarters, demand at the top then clockwise supply,
/// finance and policy, each filled out from the hub as far as its share;
/// the slowest one outlined.
fn wheel_ui(ui: &mut Ui, figures: &Flywheel) {
    // Room beside the wheel for the left and right labels.
    let width = ui.available_width().clamp(300.0, 440.0);
    let height = 320.0;
    let (response, painter) = ui.allocate_painter(vec2(width, height), Sense::hover());
    let rect = response.rect;
    let center = rect.center();
    let outer = (height / 2.0 - 30.0).min(width / 2.0 - 110.0).max(60.0);
    let inner = outer * 0.28;
    let dark = ui.visuals().dark_mode;
    let weak = ui.visuals().weak_text_color();
    let gap = 0.04;
    for (k, s) in figures.segments.iter().enumerate() {
        // Clockwise from the top; egui's y points down.
        let start = -std::f32::consts::FRAC_PI_2 - std::f32::consts::FRAC_PI_4
            + k as f32 * std::f32::consts::FRAC_PI_2
            + gap;
        let end = start + std::f32::consts::FRAC_PI_2 - 2.0 * gap;
        let color = segment_color(s.segment, dark);
        painter.add(sector(
            center,
            inner,
            outer,
            start,
            end,
            color.gamma_multiply(0.18),
        ));
        if let Some(share) = s.share {
            let reach = inner + (outer - inner) * share.clamp(0.0, 1.0) as f32;
            if reach > inner + 0.5 {
                painter.add(sector(center, inner, reach, start, end, color));
            }
        }
        let outline = if figures.slowest == Some(s.segment) {
            Stroke::new(3.0, ui.visuals().warn_fg_color)
        } else {
            Stroke::new(1.0, weak)
        };
        painter.add(Shape::closed_line(
            sector_points(center, inner, outer, start, end),
            outline,
        ));
        let middle = (start + end) / 2.0;
        let direction = vec2(middle.cos(), middle.sin());
        let label_at = center + direction * (outer + 8.0);
        // Beside the wheel, the label starts (or ends) at its edge.
        let anchor = if direction.x > 0.5 {
            egui::Align2::LEFT_CENTER
        } else if direction.x < -0.5 {
            egui::Align2::RIGHT_CENTER
        } else if direction.y < 0.0 {
            egui::Align2::CENTER_BOTTOM
        } else {
            egui::Align2::CENTER_TOP
        };
        let text = format!(
            "{} {}",
            s.segment.label(),
            s.share.map_or("—".to_string(), percent)
        );
        painter.text(
            label_at,
            anchor,
            text,
            egui::FontId::proportional(13.0),
            ui.visuals().text_color(),
        );
    }
    painter.text(
        center,
        egui::Align2::CENTER_CENTER,
        figures.milestone.to_string(),
        egui::FontId::proportional(14.0),
        ui.visuals().strong_text_color(),
    );
    response.on_hover_text(
        "Each quarter fills out from the hub as far as its share of the milestone's target \
         (or, without a target, of its stakeholders that moved); the slowest is outlined",
    );
}

/// The outline of a ring sector, as points.
fn sector_points(center: Pos2, inner: f32, outer: f32, start: f32, end: f32) -> Vec<Pos2> {
    let steps = 24;
    let at = |r: f32, a: f32| center + vec2(a.cos(), a.sin()) * r;
    let mut points: Vec<Pos2> = (0..=steps)
        .map(|i| at(outer, start + (end - start) * i as f32 / steps as f32))
        .collect();
    points.extend(
        (0..=steps)
            .rev()
            .map(|i| at(inner, start + (end - start) * i as f32 / steps as f32)),
    );
    points
}

/// A filled ring sector, as a mesh of quads (it is not convex).
fn sector(center: Pos2, inner: f32, outer: f32, start: f32, end: f32, fill: Color32) -> Shape {
    let steps = 24;
    let mut mesh = egui::Mesh::default();
    for i in 0..=steps {
        let a = start + (end - start) * i as f32 / steps as f32;
        let dir = vec2(a.cos(), a.sin());
        mesh.colored_vertex(center + dir * inner, fill);
        mesh.colored_vertex(center + dir * outer, fill);
        if i > 0 {
            let base = 2 * i;
            mesh.add_triangle(base - 2, base - 1, base);
            mesh.add_triangle(base - 1, base + 1, base);
        }
    }
    Shape::mesh(mesh)
}

/// Each segment's figures, in a card, in `columns` columns.
fn segments_ui(ui: &mut Ui, figures: &Flywheel, columns: usize) {
    for row in figures.segments.chunks(columns) {
        ui.columns(columns, |cols| {
            for (col, s) in cols.iter_mut().zip(row) {
                egui::Frame::group(col.style()).show(col, |ui| {
                    ui.set_width(ui.available_width());
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        segment_card_ui(ui, s, figures);
                    });
                });
            }
        });
    }
}

fn segment_card_ui(ui: &mut Ui, s: &SegmentFigures, figures: &Flywheel) {
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(s.segment.label())
                .strong()
                .color(segment_color(s.segment, dark)),
        );
        if figures.slowest == Some(s.segment) {
            ui.label(RichText::new("slowest").color(ui.visuals().warn_fg_color));
        }
        ui.label(RichText::new(trend_text(s.trend)).weak())
            .on_hover_text(match s.share_year_ago {
                Some(then) => format!("{} twelve months before", percent(then)),
                None => "Nothing to compare with twelve months before".to_string(),
            });
    });
    ui.label(share_words(s, figures.milestone));
    for m in &s.metrics {
        let at_risk = if m.at_risk > 0.0 {
            format!(", {} at risk", format_quantity(m.at_risk))
        } else {
            String::new()
        };
        ui.label(format!(
            "{}: {} of {} {} ({}{at_risk})",
            m.name,
            format_quantity(m.pledged),
            format_quantity(m.target),
            m.unit,
            percent(m.share())
        ));
    }
    let who = s
        .segment
        .categories()
        .iter()
        .map(|c| c.label().to_lowercase())
        .collect::<Vec<_>>()
        .join(" and ");
    // Measured by coverage, the share already says who moved.
    if s.measure == Measure::Target {
        ui.label(
            RichText::new(format!(
                "{} of {} {who} stakeholders moved",
                s.moved, s.stakeholders
            ))
            .weak(),
        );
    }
    let kinds = s
        .segment
        .kinds()
        .iter()
        .map(|k| k.label().to_lowercase())
        .collect::<Vec<_>>()
        .join(" or ");
    let risk = if s.at_risk > 0 {
        format!(", {} at risk", s.at_risk)
    } else {
        String::new()
    };
    ui.label(RichText::new(format!("{} {kinds} commitments{risk}", s.commitments)).weak());
}

/// The slowest segment's stakeholders who have not moved it yet.
fn who_can_push_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, figures: &Flywheel) {
    let Some(slowest) = figures.slowest else {
        return;
    };
    ui.label(
        RichText::new(format!(
            "Who can push {} next",
            slowest.label().to_lowercase()
        ))
        .strong(),
    );
    if figures.who_can_push.is_empty() {
        ui.label(RichText::new("Every stakeholder of its categories has moved it already.").weak());
        return;
    }
    ui.label(
        RichText::new(
            "Its stakeholders without a commitment of its kinds yet, most influential and \
             supportive first. Click one to open it.",
        )
        .weak(),
    );
    for c in figures.who_can_push.iter().take(SHOWN_CANDIDATES) {
        ui.horizontal(|ui| {
            category_icon_ui(ui, c.category);
            let selected = cx.selection.stakeholder == Some(c.stakeholder);
            let response = ui
                .selectable_label(selected, &c.name)
                .on_hover_text("Open it in the inspector");
            if response.clicked() && !cx.read_only {
                cx.selection.stakeholder = Some(c.stakeholder);
                cx.selection.commitment = None;
            }
            ui.label(
                RichText::new(format!(
                    "influence {} · support {}",
                    c.influence,
                    signed_score(c.support)
                ))
                .weak(),
            );
        });
    }
    let more = figures.who_can_push.len().saturating_sub(SHOWN_CANDIDATES);
    if more > 0 {
        ui.label(RichText::new(format!("and {more} more")).weak());
    }
}

/// The four shares over time, quarter by quarter.
fn over_time_ui(ui: &mut Ui, figures: &Flywheel) {
    ui.label(RichText::new("Over time").strong());
    ui.label(
        RichText::new(
            "Each part's share at the end of every quarter: which moved first, and does one \
             follow another?",
        )
        .weak(),
    );
    let dark = ui.visuals().dark_mode;
    let xs: Vec<f64> = figures.dates.iter().map(|d| x_of(*d)).collect();
    date_axis(Plot::new("flywheel-over-time"))
        .height(220.0)
        .legend(legend())
        .include_y(0.0)
        .include_y(100.0)
        .y_axis_label("% of target (or of stakeholders)")
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .show(ui, |plot| {
            for s in &figures.segments {
                let points: PlotPoints = xs
                    .iter()
                    .zip(&s.series)
                    .filter_map(|(x, v)| Some([*x, (*v)? * 100.0]))
                    .collect();
                plot.line(
                    Line::new(s.segment.label(), points)
                        .color(segment_color(s.segment, dark))
                        .width(2.5),
                );
            }
        });
}
