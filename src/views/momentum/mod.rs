//! Momentum: is the coalition's flywheel turning? Five charts over a chosen
//! date range, from the pure `analysis::momentum` module, recomputed only
//! when the workspace, the range or the day changes. Each chart exports as
//! PNG and its data as CSV.

mod csv;
mod plots;

use chrono::{Datelike, Months, NaiveDate};
use egui::{RichText, Ui};

use super::widgets::date_field;
use super::{Request, ViewContext};
use crate::analysis::Cached;
use crate::analysis::momentum::{Coverage, Momentum, Stacked, momentum};
use crate::analysis::roadmap_progress::{MetricProgress, metric_progress};
use crate::model::{MetricId, Workspace};

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
                "Additive metric: quantities pledged by commitments linked to the metric, stacked by status, against each milestone's target. Rate metric: each pledging stakeholder's own rate as a point (colour: status) and their median, never added up."
            }
        }
    }
}

/// What one chart shows, borrowed from the tab's caches: the plot draws it
/// every frame and the CSV export reads it on click.
enum ChartData<'a> {
    Stacked {
        stacked: &'a Stacked,
        colors: SeriesColors,
        id: &'static str,
        y_label: &'static str,
    },
    Quarters(&'a [(NaiveDate, usize)]),
    Coverage {
        coverage: &'a [Coverage],
        tipping: f64,
    },
    Pledged {
        progress: &'a MetricProgress,
        unit: &'a str,
    },
}

/// Which colours a stacked chart gives its series.
#[derive(Clone, Copy, Debug)]
enum SeriesColors {
    Categories,
    Kinds,
    Stages,
}

/// The series depend on the workspace, the range shown and today.
type SeriesKey = (u64, NaiveDate, NaiveDate, NaiveDate);

/// The pledged quantities depend on the workspace, the metric and the end
/// of the range.
type PledgedKey = (u64, MetricId, NaiveDate);

/// A metric's progress with its unit; `None` when the metric has gone.
type PledgedValue = Option<(MetricProgress, String)>;

/// Data derived from the workspace, kept apart from the choices the user
/// makes so that a chart can borrow it while those are read.
#[derive(Debug, Default)]
struct Derived {
    /// The workspace's first dated event, for a revision: finding it reads
    /// every commitment, too much for every frame.
    first_event: Cached<u64, Option<NaiveDate>>,
    series: Cached<SeriesKey, Momentum>,
    pledged: Cached<PledgedKey, PledgedValue>,
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
    derived: Derived,
}

impl Default for MomentumView {
    fn default() -> Self {
        Self {
            chart: Chart::Active,
            by_kind: false,
            start: None,
            end: None,
            metric: None,
            derived: Derived::default(),
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

/// The first month of a quarter as "2024 Q2".
fn quarter_label(q: NaiveDate) -> String {
    format!("{} Q{}", q.year(), q.month0() / 3 + 1)
}

impl MomentumView {
    /// The range shown: chosen, or first event to today.
    pub fn range(&mut self, cx: &ViewContext<'_>) -> (NaiveDate, NaiveDate) {
        let end = self.end.unwrap_or(cx.today);
        let ws = cx.ws;
        let first = *self
            .derived
            .first_event
            .get(cx.revision, || first_event(ws));
        let start = self
            .start
            .or_else(|| first.map(|d| NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d)))
            .unwrap_or(end - Months::new(60));
        (start.min(end), end)
    }

    /// The series last computed, if the tab has been shown.
    pub fn last_series(&self) -> Option<&Momentum> {
        self.derived.series.last()
    }

    /// The series for the current workspace and range, computed once per change.
    pub fn series(&mut self, cx: &ViewContext<'_>) -> &Momentum {
        let (start, end) = self.range(cx);
        self.derived
            .series
            .get((cx.revision, start, end, cx.today), || {
                momentum(cx.ws, start, end, cx.today)
            })
    }

    /// The metric the "Pledged vs targets" chart shows: the one chosen while
    /// it exists, else the roadmap's first.
    fn metric_shown(&self, ws: &Workspace) -> Option<MetricId> {
        self.metric
            .filter(|m| ws.roadmap.metric(*m).is_some())
            .or_else(|| ws.roadmap.metrics.first().map(|m| m.id))
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
        let Some(data) = self.chart_data(cx) else {
            ui.label(
                RichText::new("The roadmap has no metrics yet: add one in the Roadmap tab.").weak(),
            );
            return;
        };
        let plot_rect = plots::chart_ui(ui, &data);
        if !cx.read_only {
            export_ui(ui, cx, chart, &data, plot_rect);
        }
    }

    /// The data of the chart shown, from the caches; `None` for "Pledged vs
    /// targets" when the roadmap has no metric.
    fn chart_data(&mut self, cx: &ViewContext<'_>) -> Option<ChartData<'_>> {
        if self.chart == Chart::Pledged {
            return self.pledged_data(cx);
        }
        let (chart, by_kind) = (self.chart, self.by_kind);
        let tipping = cx.ws.tipping_point_percent;
        series_data(chart, by_kind, self.series(cx), tipping)
    }

    fn pledged_data(&mut self, cx: &ViewContext<'_>) -> Option<ChartData<'_>> {
        let ws = cx.ws;
        let metric = self.metric_shown(ws)?;
        let (_, end) = self.range(cx);
        let (progress, unit) = self
            .derived
            .pledged
            .get((cx.revision, metric, end), || {
                let unit = ws.roadmap.metric(metric)?.unit.clone();
                Some((metric_progress(ws, metric, end)?, unit))
            })
            .as_ref()?;
        Some(ChartData::Pledged { progress, unit })
    }

    fn controls_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        ui.horizontal_wrapped(|ui| {
            for chart in Chart::ALL {
                ui.selectable_value(&mut self.chart, chart, chart.label());
            }
        });
        ui.horizontal_wrapped(|ui| {
            self.range_ui(ui, cx);
            match self.chart {
                Chart::Active => {
                    ui.separator();
                    ui.selectable_value(&mut self.by_kind, false, "By category");
                    ui.selectable_value(&mut self.by_kind, true, "By kind");
                }
                Chart::Pledged => {
                    ui.separator();
                    self.metric_ui(ui, cx);
                }
                _ => {}
            }
        });
    }

    fn range_ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) {
        let (start, end) = self.range(cx);
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
    }

    fn metric_ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>) {
        let current = self.metric_shown(cx.ws);
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
}

/// The data of a chart drawn from the momentum series; `None` for "Pledged
/// vs targets", which is drawn from the roadmap instead.
fn series_data(chart: Chart, by_kind: bool, m: &Momentum, tipping: f64) -> Option<ChartData<'_>> {
    Some(match chart {
        Chart::Active if by_kind => ChartData::Stacked {
            stacked: &m.by_kind,
            colors: SeriesColors::Kinds,
            id: "active-plot",
            y_label: "Active commitments",
        },
        Chart::Active => ChartData::Stacked {
            stacked: &m.by_category,
            colors: SeriesColors::Categories,
            id: "active-plot",
            y_label: "Active commitments",
        },
        Chart::Stages => ChartData::Stacked {
            stacked: &m.stages,
            colors: SeriesColors::Stages,
            id: "stages-plot",
            y_label: "Stakeholders",
        },
        Chart::PerQuarter => ChartData::Quarters(&m.per_quarter),
        Chart::Coverage => ChartData::Coverage {
            coverage: &m.coverage,
            tipping,
        },
        Chart::Pledged => return None,
    })
}

/// The export buttons under a chart. The CSV text is built only on a click.
fn export_ui(
    ui: &mut Ui,
    cx: &mut ViewContext<'_>,
    chart: Chart,
    data: &ChartData<'_>,
    plot_rect: egui::Rect,
) {
    let name = format!(
        "{}-{}",
        crate::text::file_stem(&cx.ws.title),
        chart.file_stem()
    );
    ui.horizontal(|ui| {
        if export_button(ui, "⬇ Export chart as PNG…", "Save this chart as an image") {
            cx.out.request(Request::ExportPng {
                suggested_name: format!("{name}.png"),
                rect: plot_rect,
            });
        }
        if export_button(
            ui,
            "⬇ Export data as CSV…",
            "Save the numbers behind this chart",
        ) {
            cx.out.request(Request::ExportCsv {
                suggested_name: format!("{name}.csv"),
                csv: csv::chart_csv(data),
            });
        }
    });
}

/// A button that asks for an export; true when it was clicked.
fn export_button(ui: &mut Ui, label: &str, hover: &str) -> bool {
    ui.button(label).on_hover_text(hover).clicked()
}
