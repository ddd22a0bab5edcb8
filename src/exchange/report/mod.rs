//! The report for people without Flywheel: one self-contained HTML file
//! (inline CSS and SVG, no scripts, nothing fetched) whose first page fits
//! one A4 landscape page (the demo's whole report prints on three), and the
//! same numbers as JSON
//! ([`Figures`]).
//!
//! By default the report is made from a share copy
//! ([`crate::exchange::share::share_copy`]), so it holds no confidential
//! data; [`ReportOptions::internal`] uses everything and says so at the top.
//!
//! Every figure in the HTML carries `data-figure="NAME"` and
//! `data-value="NUMBER"` attributes (for example
//! `data-figure="coverage.buyer.percent"`), so tests and scripts can read
//! the numbers back and check them against [`crate::analysis`].

mod figures;
mod html;
mod svg;

use chrono::NaiveDate;

pub use figures::{
    ChangeCounts, Count, CoverageRow, Figures, FlywheelFigures, MetricRow, MilestoneRow,
    QuarterCount, SCHEMA_VERSION, SegmentMetric, SegmentRow, Series, SeriesGroup, Totals,
    WHO_CAN_PUSH_LISTED, WhiteSpacesMatrix, WhiteSpacesRow, chart_start, default_since, figures,
    quarter_label,
};

use crate::exchange::share::{ShareOptions, share_copy};
use crate::model::Workspace;

/// A label as part of a figure name: "Civil society" → `civil_society`.
/// Figure names are how scripts read the report, so their spelling is
/// fixed here, once: [`crate::text::slug`] with underscores.
pub fn slug(label: &str) -> String {
    crate::text::slug(label, '_')
}

/// A number as the report prints it: whole numbers without decimals,
/// others with at most two.
fn number(value: f64) -> String {
    crate::text::decimals(value, 2)
}

/// The choices for one report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Include confidential data (the report says so prominently).
    pub internal: bool,
    /// Count changes after this date; `None` for [`default_since`].
    pub since: Option<NaiveDate>,
}

/// The workspace a report is made from: `ws` itself if internal, else its
/// share copy made `today`.
pub fn reported_workspace(ws: &Workspace, internal: bool, today: NaiveDate) -> Workspace {
    if internal {
        ws.clone()
    } else {
        share_copy(ws, &ShareOptions::default(), today)
    }
}

/// The figures a report shows: [`figures`] of the [`reported_workspace`].
pub fn report_figures(ws: &Workspace, options: &ReportOptions, today: NaiveDate) -> Figures {
    figures(
        &reported_workspace(ws, options.internal, today),
        today,
        options.since,
    )
}

/// The report as one self-contained HTML document.
pub fn html(ws: &Workspace, options: &ReportOptions, today: NaiveDate) -> String {
    let shown = reported_workspace(ws, options.internal, today);
    let numbers = figures(&shown, today, options.since);
    html::page(&shown, &numbers, options.internal).into_string()
}
