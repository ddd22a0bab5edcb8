//! Momentum: is the coalition's flywheel turning? Five charts over a chosen
//! date range, from the pure `analysis::momentum` module, recomputed only
//! when the workspace, the range or the day changes. Each chart exports as
//! PNG and its data as CSV.

use chrono::{Datelike, Months, NaiveDate};
use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, FilledArea, HLine, Legend, Line, Plot, PlotPoints, Points};

use super::palette::{category_color, status_color};
use super::widgets::date_field;
use super::{Request, ViewContext};
use crate::analysis::momentum::{Momentum, Stacked, momentum};
use crate::analysis::roadmap_progress::{MetricProgress, metric_progress};
use crate::model::{Category, CommitmentStatus, MetricId, Workspace};

/// The charts of the tab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chart {
    Active,
    PerQuarter,
    Stages,
    Coverage,
    Pledged,
}

impl Chart {
    pub const ALL: [Chart; 5] = [
        Chart::Active,
        Chart::PerQuarter,
        Chart::Stages,
        Chart::Coverage,
        Chart::Pledged,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Chart::Active => "Active commitments",
            Chart::PerQuarter => "New per quarter",
            Chart::Stages => "Engagement stages",
            Chart::Coverage => "Coverage",
            Chart::Pledged => "Pledged vs targets",
        }
    }

    fn file_stem(self) -> &'static str {
        match self {
            Chart::Active => "active-commitments",
            Chart::PerQuarter => "new-commitments-per-quarter",
            Chart::Stages => "engagement-stages",
            Chart::Coverage => "coverage",
            Chart::Pledged => "pledged-vs-targets",
        }
    }

    fn help(self) -> &'static str {
        match self {
            Chart::Active => {
                "Commitments that are announced, in progress or at risk on each date. Achieved ones count as delivered, withdrawn ones from their withdrawal date on as withdrawn: neither is active."
            }
            Chart::PerQuarter => {
                "Commitments made in each quarter, whatever happened to them since."
            }
            Chart::Stages => {
                "How many stakeholders were at each rung of the engagement ladder on each date."
            }
            Chart::Coverage => {
                "The share of each category's stakeholders with at least one active commitment at the end of the range, against the workspace's tipping point."
            }
            Chart::Pledged => {
                "Quantities pledged by commitments linked to the metric, by status, against each milestone's target."
            }
        }
    }
}

/// Plot x coordinates are days since 1970-01-01.
fn x_of(date: NaiveDate) -> f64 {
    (date - NaiveDate::default()).num_days() as f64
}

fn date_of(x: f64) -> NaiveDate {
    NaiveDate::default() + chrono::Days::new(x.max(0.0).round() as u64)
}

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

#[derive(Debug)]
struct Cache {
    key: (u64, NaiveDate, NaiveDate, NaiveDate),
    momentum: Momentum,
}

/// The momentum tab.
#[derive(Debug)]
pub struct MomentumView {
    pub chart: Chart,
    pub by_kind: bool,
    /// `None`: from the workspace's first dated event.
    pub start: Option<NaiveDate>,
    /// `None`: today.
    pub end: Option<NaiveDate>,
    pub metric: Option<MetricId>,
    cache: Option<Cache>,
    pledged_cache: Option<((u64, MetricId, NaiveDate), MetricProgress)>,
}

impl Default for MomentumView {
    fn default() -> Self {
        Self {
            chart: Chart::Active,
            by_kind: false,
            start: None,
            end: None,
            metric: None,
            cache: None,
            pledged_cache: None,
        }
    }
}

/// The first dated event of the workspace: a commitment made or a stage reached.
fn first_event(ws: &Workspace) -> Option<NaiveDate> {
    let made = ws.commitments.iter().map(|c| c.made_on);
    let stages = ws
        .stakeholders
        .iter()
        .filter_map(|s| s.stage_history.first().map(|c| c.date));
    made.chain(stages).min()
}

impl MomentumView {
    /// The range shown: chosen, or first event to today.
    pub fn range(&self, ws: &Workspace, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let end = self.end.unwrap_or(today);
        let start = self
            .start
            .or_else(|| {
                first_event(ws).map(|d| NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d))
            })
            .unwrap_or(end - Months::new(60));
        (start.min(end), end)
    }

    /// The series last computed, if the tab has been shown.
    pub fn last_series(&self) -> Option<&Momentum> {
        self.cache.as_ref().map(|c| &c.momentum)
    }

    /// The series for the current workspace and range, computed once per change.
    pub fn series(&mut self, cx: &ViewContext<'_>) -> &Momentum {
        let (start, end) = self.range(cx.ws, cx.today);
        let key = (cx.revision, start, end, cx.today);
        if self.cache.as_ref().is_none_or(|c| c.key != key) {
            self.cache = Some(Cache {
                key,
                momentum: momentum(cx.ws, start, end, cx.today),
            });
        }
        &self.cache.as_ref().expect("just filled").momentum
    }

    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        self.controls_ui(ui, cx);
        if cx.ws.commitments.is_empty() && cx.ws.stakeholders.is_empty() {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.label(RichText::new("Nothing to plot yet").heading());
                ui.label("Momentum shows how commitments accumulate and firm up. Add stakeholders and their commitments first.");
            });
            return;
        }
        ui.label(RichText::new(self.chart.help()).weak().small());
        let chart = self.chart;
        let tipping = cx.ws.tipping_point_percent;
        let csv;
        let plot_rect;
        match chart {
            Chart::Active => {
                let by_kind = self.by_kind;
                let m = self.series(cx);
                let stacked = if by_kind { &m.by_kind } else { &m.by_category };
                csv = stacked_csv(stacked);
                let colors: Vec<Color32> = if by_kind {
                    SERIES_COLORS.to_vec()
                } else {
                    Category::ALL.iter().map(|c| category_color(*c)).collect()
                };
                plot_rect = stacked_plot(ui, "active-plot", stacked, &colors, "Active commitments");
            }
            Chart::Stages => {
                let m = self.series(cx);
                csv = stacked_csv(&m.stages);
                let colors = [
                    Color32::from_gray(150),
                    SERIES_COLORS[4],
                    SERIES_COLORS[0],
                    SERIES_COLORS[2],
                    SERIES_COLORS[1],
                ];
                plot_rect = stacked_plot(ui, "stages-plot", &m.stages, &colors, "Stakeholders");
            }
            Chart::PerQuarter => {
                let quarters = self.series(cx).per_quarter.clone();
                csv = to_csv(
                    &["quarter", "new commitments"],
                    quarters
                        .iter()
                        .map(|(q, n)| vec![quarter_label(*q), n.to_string()]),
                );
                plot_rect = quarter_plot(ui, &quarters);
            }
            Chart::Coverage => {
                let coverage = self.series(cx).coverage.clone();
                csv = to_csv(
                    &[
                        "category",
                        "stakeholders",
                        "with an active commitment",
                        "percent",
                        "tipping point percent",
                    ],
                    coverage.iter().map(|c| {
                        vec![
                            c.category.label().to_string(),
                            c.stakeholders.to_string(),
                            c.with_active.to_string(),
                            format!("{:.1}", c.percent()),
                            format!("{tipping:.1}"),
                        ]
                    }),
                );
                plot_rect = coverage_plot(ui, &coverage, tipping);
            }
            Chart::Pledged => {
                let Some(metric) = self
                    .metric
                    .filter(|m| cx.ws.roadmap.metric(*m).is_some())
                    .or_else(|| cx.ws.roadmap.metrics.first().map(|m| m.id))
                else {
                    ui.label(
                        RichText::new(
                            "The roadmap has no metrics yet: add one in the Roadmap tab.",
                        )
                        .weak(),
                    );
                    return;
                };
                let (_, end) = self.range(cx.ws, cx.today);
                let key = (cx.revision, metric, end);
                if self.pledged_cache.as_ref().is_none_or(|(k, _)| *k != key)
                    && let Some(progress) = metric_progress(cx.ws, metric, end)
                {
                    self.pledged_cache = Some((key, progress));
                }
                let Some((_, progress)) = &self.pledged_cache else {
                    return;
                };
                let unit = cx
                    .ws
                    .roadmap
                    .metric(metric)
                    .map_or(String::new(), |m| m.unit.clone());
                csv = to_csv(
                    &[
                        "milestone",
                        "target",
                        "achieved",
                        "in progress",
                        "announced",
                        "at risk",
                        "unit",
                    ],
                    progress.milestones.iter().map(|m| {
                        vec![
                            m.year.to_string(),
                            m.target.map_or(String::new(), |t| t.to_string()),
                            m.pledged.achieved.to_string(),
                            m.pledged.in_progress.to_string(),
                            m.pledged.announced.to_string(),
                            m.pledged.at_risk.to_string(),
                            unit.clone(),
                        ]
                    }),
                );
                plot_rect = pledged_plot(ui, progress, &unit);
            }
        }
        let name = format!(
            "{}-{}",
            super::format::slug(&cx.ws.title),
            chart.file_stem()
        );
        ui.horizontal(|ui| {
            if ui
                .button("⬇ Export chart as PNG…")
                .on_hover_text("Save this chart as an image")
                .clicked()
            {
                cx.out.request(Request::ExportPng {
                    suggested_name: format!("{name}.png"),
                    rect: plot_rect,
                });
            }
            if ui
                .button("⬇ Export data as CSV…")
                .on_hover_text("Save the numbers behind this chart")
                .clicked()
            {
                cx.out.request(Request::ExportCsv {
                    suggested_name: format!("{name}.csv"),
                    csv: csv.clone(),
                });
            }
        });
    }

    fn controls_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.horizontal_wrapped(|ui| {
            for chart in Chart::ALL {
                ui.selectable_value(&mut self.chart, chart, chart.label());
            }
        });
        ui.horizontal_wrapped(|ui| {
            let (start, end) = self.range(cx.ws, cx.today);
            ui.label("From");
            let (_, new_start) = date_field(ui, "momentum-start", start);
            if let Some(d) = new_start {
                self.start = Some(d);
            }
            ui.label("to");
            let (_, new_end) = date_field(ui, "momentum-end", end);
            if let Some(d) = new_end {
                self.end = Some(d);
            }
            if ui
                .button("All time")
                .on_hover_text("From the first recorded event to today")
                .clicked()
            {
                self.start = None;
                self.end = None;
            }
            if ui.button("Last 2 years").clicked() {
                self.start = Some(cx.today - Months::new(24));
                self.end = None;
            }
            match self.chart {
                Chart::Active => {
                    ui.separator();
                    ui.selectable_value(&mut self.by_kind, false, "By category");
                    ui.selectable_value(&mut self.by_kind, true, "By kind");
                }
                Chart::Pledged => {
                    ui.separator();
                    let current = self
                        .metric
                        .filter(|m| cx.ws.roadmap.metric(*m).is_some())
                        .or_else(|| cx.ws.roadmap.metrics.first().map(|m| m.id));
                    let label = current
                        .and_then(|m| cx.ws.roadmap.metric(m))
                        .map_or("no metric".to_string(), |m| m.name.clone());
                    ui.name_inputs("Metric", |ui| {
                        egui::ComboBox::from_id_salt("momentum-metric")
                            .selected_text(label)
                            .show_ui(ui, |ui| {
                                for m in &cx.ws.roadmap.metrics {
                                    if ui
                                        .selectable_label(current == Some(m.id), &m.name)
                                        .clicked()
                                    {
                                        self.metric = Some(m.id);
                                    }
                                }
                            });
                    });
                }
                _ => {}
            }
        });
    }
}

/// The first month of a quarter as "2024 Q2".
fn quarter_label(q: NaiveDate) -> String {
    format!("{} Q{}", q.year(), q.month0() / 3 + 1)
}

fn to_csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let write = || -> Result<Vec<u8>, csv::Error> {
        writer.write_record(header)?;
        for row in rows {
            writer.write_record(&row)?;
        }
        writer
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))
    };
    // Writing to memory cannot fail; an empty file would say so if it did.
    write()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

fn stacked_csv(stacked: &Stacked) -> String {
    let mut header = vec!["date"];
    header.extend(stacked.groups.iter().map(|(label, _)| label.as_str()));
    header.push("total");
    let rows = stacked.dates.iter().enumerate().map(|(i, d)| {
        let mut row = vec![d.to_string()];
        let mut total = 0.0;
        for (_, values) in &stacked.groups {
            row.push(values[i].to_string());
            total += values[i];
        }
        row.push(total.to_string());
        row
    });
    to_csv(&header, rows)
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

fn stacked_plot(
    ui: &mut Ui,
    id: &str,
    stacked: &Stacked,
    colors: &[Color32],
    y_label: &str,
) -> egui::Rect {
    let xs: Vec<f64> = stacked.dates.iter().map(|d| x_of(*d)).collect();
    let mut lower = vec![0.0; xs.len()];
    let data = stacked.clone();
    let plot = date_axis(Plot::new(id))
        .height(chart_height(ui))
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .y_axis_label(y_label)
        .allow_scroll(false)
        .include_y(0.0)
        .label_formatter(move |position| {
            let x = match position {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => position.x,
            };
            let i = data
                .dates
                .partition_point(|d| x_of(*d) < x)
                .min(data.dates.len().saturating_sub(1));
            let date = data.dates.get(i)?;
            let mut lines = vec![date.to_string()];
            let mut total = 0.0;
            for (label, values) in &data.groups {
                if values[i] > 0.0 {
                    lines.push(format!("{label}: {}", values[i]));
                }
                total += values[i];
            }
            lines.push(format!("Total: {total}"));
            Some(lines.join("\n"))
        });
    plot.show(ui, |plot_ui| {
        for ((label, values), color) in stacked.groups.iter().zip(colors.iter().cycle()) {
            if values.iter().all(|v| *v == 0.0) {
                continue;
            }
            let upper: Vec<f64> = lower.iter().zip(values).map(|(l, v)| l + v).collect();
            plot_ui.add(
                FilledArea::new(label.as_str(), &xs, &lower, &upper)
                    .fill_color(color.gamma_multiply(0.75))
                    .stroke(egui::Stroke::new(1.0, *color)),
            );
            lower = upper;
        }
    })
    .response
    .rect
}

fn quarter_plot(ui: &mut Ui, quarters: &[(NaiveDate, usize)]) -> egui::Rect {
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

fn coverage_plot(
    ui: &mut Ui,
    coverage: &[crate::analysis::momentum::Coverage],
    tipping: f64,
) -> egui::Rect {
    let names: Vec<String> = coverage
        .iter()
        .map(|c| c.category.label().to_string())
        .collect();
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
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
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

fn pledged_plot(ui: &mut Ui, progress: &MetricProgress, unit: &str) -> egui::Rect {
    let dark = ui.visuals().dark_mode;
    let mut charts: Vec<BarChart> = Vec::new();
    for (label, status, pick) in [
        (
            "Achieved",
            CommitmentStatus::Achieved,
            (|p: &crate::analysis::roadmap_progress::Pledged| p.achieved) as fn(&_) -> f64,
        ),
        ("In progress", CommitmentStatus::InProgress, |p| {
            p.in_progress
        }),
        ("Announced", CommitmentStatus::Announced, |p| p.announced),
        ("At risk", CommitmentStatus::AtRisk, |p| p.at_risk),
    ] {
        let unit = unit.to_string();
        let bars = progress
            .milestones
            .iter()
            .map(|m| {
                Bar::new(m.year as f64, pick(&m.pledged))
                    .width(3.0)
                    .name(format!(
                        "{} {label}: {} {unit}",
                        m.year,
                        super::format::format_quantity(pick(&m.pledged))
                    ))
            })
            .collect();
        let refs: Vec<&BarChart> = charts.iter().collect();
        let chart = BarChart::new(label, bars)
            .color(status_color(status, dark))
            .element_formatter(Box::new(|bar, _| bar.name.clone()))
            .stack_on(&refs);
        charts.push(chart);
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
            if !targets.is_empty() {
                plot_ui.line(
                    Line::new("Target", PlotPoints::new(targets.clone()))
                        .color(ui_target_color(dark))
                        .width(2.0),
                );
                plot_ui.points(
                    Points::new("Target", PlotPoints::new(targets))
                        .color(ui_target_color(dark))
                        .radius(5.0),
                );
            }
        })
        .response
        .rect
}

fn ui_target_color(dark: bool) -> Color32 {
    if dark { Color32::WHITE } else { Color32::BLACK }
}

/// Charts fill the tab, leaving a row for the export buttons.
fn chart_height(ui: &Ui) -> f32 {
    (ui.available_height() - 36.0).max(160.0)
}
