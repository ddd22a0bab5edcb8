//! The momentum charts, drawn with egui_plot from borrowed series: nothing
//! here copies the data it plots.

use chrono::NaiveDate;
use egui::{Align2, Color32, RichText, Ui};
use egui_plot::{
    Bar, BarChart, FilledArea, HLine, Line, Plot, PlotPoint, PlotPoints, Points, Text,
};

use super::{ChartData, SeriesColors, quarter_label};
use crate::analysis::momentum::{Coverage, Stacked};
use crate::analysis::roadmap_progress::{MetricProgress, Pledged, Pledges, median_rate};
use crate::model::{Category, CommitmentStatus};
use crate::text::format_quantity;
use crate::views::chart_kit::{date_axis, legend, x_of};
use crate::views::palette::{category_color, ink, status_color};

/// Okabe–Ito colours for series that are not categories (kinds, stages).
const SERIES_COLORS: [Color32; 8] = [
    Color32::from_rgb(0x00, 0x72, 0xB2),
    Color32::from_rgb(0xE6, 0x9F, 0x00),
    Color32::from_rgb(0x00, 0x9E, 0x73),
    Color32::from_rgb(0xCC, 0x79, 0xA7),
    Color32::from_rgb(0x56, 0xB4, 0xE9),
    Color32::from_rgb(0xD5, 0x5E, 0x00),
    Color32::from_rgb(0xF0, 0xE4, 0x42),
    Color32::from_rgb(0x99, 0x99, 0x99),
];

/// The engagement ladder from "not engaged" (grey) up.
const STAGE_COLORS: [Color32; 5] = [
    Color32::from_gray(150),
    SERIES_COLORS[4],
    SERIES_COLORS[0],
    SERIES_COLORS[2],
    SERIES_COLORS[1],
];

/// Draws `data` and returns where, so the chart can be exported as a PNG.
pub(super) fn chart_ui(ui: &mut Ui, data: &ChartData<'_>) -> egui::Rect {
    match data {
        ChartData::Stacked {
            stacked,
            colors,
            id,
            y_label,
        } => stacked_plot_ui(ui, id, stacked, *colors, y_label),
        ChartData::Quarters(quarters) => quarter_plot_ui(ui, quarters),
        ChartData::Coverage { coverage, tipping } => coverage_plot_ui(ui, coverage, *tipping),
        ChartData::Pledged { progress, unit } => pledged_plot_ui(ui, progress, unit),
    }
}

/// The colour of the `i`th series, repeating when there are more series
/// than colours.
fn series_color(colors: SeriesColors, i: usize) -> Color32 {
    match colors {
        SeriesColors::Categories => category_color(Category::ALL[i % Category::ALL.len()]),
        SeriesColors::Kinds => SERIES_COLORS[i % SERIES_COLORS.len()],
        SeriesColors::Stages => STAGE_COLORS[i % STAGE_COLORS.len()],
    }
}

/// The tooltip of a stacked chart at `x`: the date, each non-zero series
/// from the top of the stack down (as the legend reads) and the total.
fn stacked_label(stacked: &Stacked, x: f64) -> Option<String> {
    let i = stacked
        .dates
        .partition_point(|d| x_of(*d) < x)
        .min(stacked.dates.len().saturating_sub(1));
    let date = stacked.dates.get(i)?;
    let mut lines = vec![date.to_string()];
    let mut total = 0.0;
    for (label, values) in stacked.groups.iter().rev() {
        if values[i] > 0.0 {
            lines.push(format!("{label}: {}", values[i]));
        }
        total += values[i];
    }
    lines.push(format!("Total: {total}"));
    Some(lines.join("\n"))
}

fn stacked_plot_ui(
    ui: &mut Ui,
    id: &str,
    stacked: &Stacked,
    colors: SeriesColors,
    y_label: &str,
) -> egui::Rect {
    let xs: Vec<f64> = stacked.dates.iter().map(|d| x_of(*d)).collect();
    let mut lower = vec![0.0; xs.len()];
    let plot = date_axis(Plot::new(id))
        .height(chart_height(ui))
        .legend(legend())
        .y_axis_label(y_label)
        .allow_scroll(false)
        .include_y(0.0)
        .label_formatter(|position| {
            let x = match position {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => position.x,
            };
            stacked_label(stacked, x)
        });
    // The first group is the bottom layer. The areas are added top layer
    // first, so the legend reads in the order of the stack, top to bottom;
    // every group is listed, even one at zero throughout.
    let mut layers = Vec::with_capacity(stacked.groups.len());
    for (i, (label, values)) in stacked.groups.iter().enumerate() {
        let upper: Vec<f64> = lower.iter().zip(values).map(|(l, v)| l + v).collect();
        layers.push((
            label.as_str(),
            series_color(colors, i),
            lower,
            upper.clone(),
        ));
        lower = upper;
    }
    let dark = ui.visuals().dark_mode;
    plot.show(ui, |plot_ui| {
        for (label, color, lower, upper) in layers.iter().rev() {
            plot_ui.add(
                FilledArea::new(*label, &xs, lower, upper)
                    .fill_color(color.gamma_multiply(0.75))
                    .stroke(egui::Stroke::new(1.0, ink(*color, dark))),
            );
        }
    })
    .response
    .rect
}

fn quarter_plot_ui(ui: &mut Ui, quarters: &[(NaiveDate, usize)]) -> egui::Rect {
    let bars: Vec<Bar> = quarters
        .iter()
        .map(|(q, n)| {
            Bar::new(x_of(*q) + 45.0, *n as f64)
                .width(80.0)
                .name(quarter_label(*q))
        })
        .collect();
    // Okabe–Ito blue is dark on a dark background: the sky blue there.
    let color = if ui.visuals().dark_mode {
        SERIES_COLORS[4]
    } else {
        SERIES_COLORS[0]
    };
    let chart = BarChart::new("New commitments", bars)
        .color(color)
        .element_formatter(Box::new(|bar, _| {
            format!("{}: {} new commitments", bar.name, bar.value)
        }));
    date_axis(Plot::new("quarter-plot"))
        .height(chart_height(ui))
        .legend(legend())
        .y_axis_label("New commitments")
        .allow_scroll(false)
        .include_y(0.0)
        .show(ui, |plot_ui| plot_ui.bar_chart(chart))
        .response
        .rect
}

fn coverage_plot_ui(ui: &mut Ui, coverage: &[Coverage], tipping: f64) -> egui::Rect {
    let dark = ui.visuals().dark_mode;
    let bars: Vec<Bar> = coverage
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let color = category_color(c.category);
            Bar::new(i as f64, c.percent())
                .width(0.7)
                .fill(color.gamma_multiply(0.6))
                .stroke(egui::Stroke::new(1.0, ink(color, dark)))
                .name(format!(
                    "{}: {} of {} ({:.0} %)",
                    c.category.label(),
                    c.with_active,
                    c.stakeholders,
                    c.percent()
                ))
        })
        .collect();
    let chart =
        BarChart::new("Coverage", bars).element_formatter(Box::new(|bar, _| bar.name.clone()));
    let count = coverage.len();
    let text_color = ui.visuals().strong_text_color();
    // No legend and no axis labels: each bar carries its category's name
    // and share (axis labels are dropped where long names would touch), and
    // the tipping line its own label.
    Plot::new("coverage-plot")
        .height(chart_height(ui))
        .y_axis_label("% of the category with an active commitment")
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(112.0)
        .include_x(-0.5)
        .include_x(count as f64 - 0.5)
        .show_x(false)
        .x_axis_formatter(|_, _| String::new())
        .show(ui, |plot_ui| {
            plot_ui.bar_chart(chart);
            for (i, c) in coverage.iter().enumerate() {
                plot_ui.text(
                    Text::new("", PlotPoint::new(i as f64, c.percent()), coverage_label(c))
                        .color(text_color)
                        .anchor(Align2::CENTER_BOTTOM),
                );
            }
            let tipping_color = ink(Color32::from_rgb(0xD5, 0x5E, 0x00), dark);
            let tipping_label = format!("Tipping point {tipping:.0} %");
            plot_ui.hline(
                HLine::new(tipping_label.clone(), tipping)
                    .color(tipping_color)
                    .width(2.0)
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
            plot_ui.text(
                Text::new(
                    "",
                    PlotPoint::new(count as f64 - 0.5, tipping),
                    RichText::new(tipping_label).size(13.0).strong(),
                )
                .color(tipping_color)
                .anchor(Align2::RIGHT_BOTTOM),
            );
        })
        .response
        .rect
}

/// A bar's caption: its category and share, 0 % too (an empty category is
/// the white space a facilitator looks for).
fn coverage_label(c: &Coverage) -> RichText {
    let share = if c.stakeholders == 0 {
        "no stakeholders".to_string()
    } else {
        format!("{:.0} %", c.percent())
    };
    RichText::new(format!("{}\n{share}", c.category.label()))
        .size(13.0)
        .strong()
}

/// A stacked bar series: its legend label, its status's colour and the
/// quantity it takes from each milestone's pledges.
type PledgedSeries = (&'static str, CommitmentStatus, fn(&Pledged) -> f64);

/// One bar chart per status, stacked in this order from the axis up.
const PLEDGED_STACK: [PledgedSeries; 4] = [
    ("Achieved", CommitmentStatus::Achieved, |p| p.achieved),
    ("In progress", CommitmentStatus::InProgress, |p| {
        p.in_progress
    }),
    ("Announced", CommitmentStatus::Announced, |p| p.announced),
    ("At risk", CommitmentStatus::AtRisk, |p| p.at_risk),
];

/// An additive metric: its pledges stacked by status at each milestone. A
/// rate metric: each stakeholder's own rate as a point coloured by status,
/// and the median as a line; rates are never stacked.
fn pledged_plot_ui(ui: &mut Ui, progress: &MetricProgress, unit: &str) -> egui::Rect {
    let dark = ui.visuals().dark_mode;
    let (charts, rate_points) = pledged_series(progress, unit, dark);
    let medians = median_points(progress);
    let targets: Vec<[f64; 2]> = progress
        .milestones
        .iter()
        .filter_map(|m| m.target.map(|t| [m.year as f64, t]))
        .collect();
    Plot::new("pledged-plot")
        .height(chart_height(ui))
        .legend(legend())
        .y_axis_label(unit.to_string())
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .show(ui, |plot_ui| {
            // Stacked from the axis up, added top first: the legend reads
            // as the stack does, top to bottom.
            for chart in charts.into_iter().rev() {
                plot_ui.bar_chart(chart);
            }
            for points in rate_points {
                plot_ui.points(points);
            }
            if !medians.is_empty() {
                plot_ui.line(
                    Line::new("Median of stakeholders' rates", PlotPoints::new(medians))
                        .color(target_color(dark))
                        .width(1.5)
                        .style(egui_plot::LineStyle::dashed_dense()),
                );
            }
            if !targets.is_empty() {
                plot_ui.line(
                    Line::new("Target", PlotPoints::new(targets.clone()))
                        .color(target_color(dark))
                        .width(2.0),
                );
                plot_ui.points(
                    Points::new("Target", PlotPoints::new(targets))
                        .color(target_color(dark))
                        .radius(5.0),
                );
            }
        })
        .response
        .rect
}

/// An additive metric's bar charts, stacked by status from the axis up, or
/// a rate metric's points, one series per status.
fn pledged_series(
    progress: &MetricProgress,
    unit: &str,
    dark: bool,
) -> (Vec<BarChart>, Vec<Points<'static>>) {
    let mut charts: Vec<BarChart> = Vec::new();
    let mut rate_points: Vec<Points> = Vec::new();
    for (label, status, pick) in PLEDGED_STACK {
        let mut points: Vec<[f64; 2]> = Vec::new();
        let mut bars = Vec::new();
        for m in &progress.milestones {
            match &m.pledges {
                Pledges::Sum(sum) => bars.push(Bar::new(m.year as f64, pick(sum)).width(3.0).name(
                    format!("{} {label}: {} {unit}", m.year, format_quantity(pick(sum))),
                )),
                Pledges::Rates(rates) => points.extend(
                    rates
                        .iter()
                        .filter(|r| r.status == status)
                        .map(|r| [m.year as f64, r.value]),
                ),
            }
        }
        if !points.is_empty() {
            rate_points.push(
                Points::new(label, PlotPoints::new(points))
                    .color(status_color(status, dark))
                    .radius(4.0),
            );
        }
        if bars.is_empty() {
            continue;
        }
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(label, bars)
            .color(status_color(status, dark))
            .element_formatter(Box::new(|bar, _| bar.name.clone()))
            .stack_on(&refs);
        charts.push(chart);
    }
    (charts, rate_points)
}

/// The median of the stakeholders' rates at each milestone that has rates.
fn median_points(progress: &MetricProgress) -> Vec<[f64; 2]> {
    let mut medians = Vec::new();
    for m in &progress.milestones {
        if let Pledges::Rates(rates) = &m.pledges
            && let Some(median) = median_rate(rates)
        {
            medians.push([m.year as f64, median]);
        }
    }
    medians
}

fn target_color(dark: bool) -> Color32 {
    if dark { Color32::WHITE } else { Color32::BLACK }
}

/// Charts fill the tab, leaving a row for the export buttons.
fn chart_height(ui: &Ui) -> f32 {
    (ui.available_height() - 36.0).max(160.0)
}
