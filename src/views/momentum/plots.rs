//! The momentum charts, drawn with egui_plot from borrowed series: nothing
//! here copies the data it plots.

use chrono::{Datelike, NaiveDate};
use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, FilledArea, HLine, Legend, Line, Plot, PlotPoints, Points};

use super::{ChartData, SeriesColors, quarter_label};
use crate::analysis::momentum::{Coverage, Stacked};
use crate::analysis::roadmap_progress::{MetricProgress, Pledged, Pledges, median_rate};
use crate::model::{Category, CommitmentStatus};
use crate::views::format::format_quantity;
use crate::views::palette::{category_color, status_color};

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

/// Plot x coordinates are days since 1970-01-01.
fn x_of(date: NaiveDate) -> f64 {
    (date - NaiveDate::default()).num_days() as f64
}

fn date_of(x: f64) -> NaiveDate {
    NaiveDate::default() + chrono::Days::new(x.max(0.0).round() as u64)
}

fn date_axis(plot: Plot<'_>) -> Plot<'_> {
    plot.x_axis_formatter(|mark, _| {
        let d = date_of(mark.value);
        if d.month() == 1 {
            d.year().to_string()
        } else {
            d.format("%Y-%m").to_string()
        }
    })
}

/// The tooltip of a stacked chart at `x`: the date, each non-zero series and
/// the total.
fn stacked_label(stacked: &Stacked, x: f64) -> Option<String> {
    let i = stacked
        .dates
        .partition_point(|d| x_of(*d) < x)
        .min(stacked.dates.len().saturating_sub(1));
    let date = stacked.dates.get(i)?;
    let mut lines = vec![date.to_string()];
    let mut total = 0.0;
    for (label, values) in &stacked.groups {
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
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
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
    plot.show(ui, |plot_ui| {
        for (i, (label, values)) in stacked.groups.iter().enumerate() {
            if values.iter().all(|v| *v == 0.0) {
                continue;
            }
            let color = series_color(colors, i);
            let upper: Vec<f64> = lower.iter().zip(values).map(|(l, v)| l + v).collect();
            plot_ui.add(
                FilledArea::new(label.as_str(), &xs, &lower, &upper)
                    .fill_color(color.gamma_multiply(0.75))
                    .stroke(egui::Stroke::new(1.0, color)),
            );
            lower = upper;
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
    let chart = BarChart::new("New commitments", bars)
        .color(SERIES_COLORS[0])
        .element_formatter(Box::new(|bar, _| {
            format!("{}: {} new commitments", bar.name, bar.value)
        }));
    date_axis(Plot::new("quarter-plot"))
        .height(chart_height(ui))
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .y_axis_label("New commitments")
        .allow_scroll(false)
        .include_y(0.0)
        .show(ui, |plot_ui| plot_ui.bar_chart(chart))
        .response
        .rect
}

fn coverage_plot_ui(ui: &mut Ui, coverage: &[Coverage], tipping: f64) -> egui::Rect {
    let charts: Vec<BarChart> = coverage
        .iter()
        .enumerate()
        .map(|(i, c)| {
            BarChart::new(
                c.category.label(),
                vec![Bar::new(i as f64, c.percent()).width(0.7).name(format!(
                    "{}: {} of {} ({:.0} %)",
                    c.category.label(),
                    c.with_active,
                    c.stakeholders,
                    c.percent()
                ))],
            )
            .color(category_color(c.category))
            .element_formatter(Box::new(|bar, _| bar.name.clone()))
        })
        .collect();
    let count = coverage.len();
    Plot::new("coverage-plot")
        .x_grid_spacer(move |_| {
            // One mark per category, so every bar has its name.
            (0..count)
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .height(chart_height(ui))
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .y_axis_label("% of the category with an active commitment")
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_formatter(|mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                coverage
                    .get(i as usize)
                    .map_or(String::new(), |c| c.category.label().to_string())
            } else {
                String::new()
            }
        })
        .show(ui, |plot_ui| {
            for chart in charts {
                plot_ui.bar_chart(chart);
            }
            plot_ui.hline(
                HLine::new(format!("Tipping point {tipping:.0} %"), tipping)
                    .color(Color32::from_rgb(0xD5, 0x5E, 0x00))
                    .width(2.0)
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
        })
        .response
        .rect
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
    let mut charts: Vec<BarChart> = Vec::new();
    let mut rate_points: Vec<Points> = Vec::new();
    let mut medians: Vec<[f64; 2]> = Vec::new();
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
    for m in &progress.milestones {
        if let Pledges::Rates(rates) = &m.pledges
            && let Some(median) = median_rate(rates)
        {
            medians.push([m.year as f64, median]);
        }
    }
    let targets: Vec<[f64; 2]> = progress
        .milestones
        .iter()
        .filter_map(|m| m.target.map(|t| [m.year as f64, t]))
        .collect();
    Plot::new("pledged-plot")
        .height(chart_height(ui))
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .y_axis_label(unit.to_string())
        .allow_scroll(false)
        .include_y(0.0)
        .x_axis_formatter(|mark, _| format!("{:.0}", mark.value))
        .show(ui, |plot_ui| {
            for chart in charts {
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

fn target_color(dark: bool) -> Color32 {
    if dark { Color32::WHITE } else { Color32::BLACK }
}

/// Charts fill the tab, leaving a row for the export buttons.
fn chart_height(ui: &Ui) -> f32 {
    (ui.available_height() - 36.0).max(160.0)
}
