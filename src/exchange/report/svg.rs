//! The report's two charts as inline SVG, built with maud so every label is
//! escaped. Colours are the Okabe–Ito palette: told apart with the common
//! colour-vision deficiencies, and in print.

use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};

use super::figures::{CoverageRow, Series};
use super::{number, slug};

/// One colour per category, in `Category::ALL` order.
pub(super) const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
];

/// The colour of the `i`th group.
pub(super) fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

const WIDTH: f64 = 420.0;
const HEIGHT: f64 = 210.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 10.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 22.0;

/// A "nice" step for about five ticks up to `max`.
fn tick_step(max: f64) -> f64 {
    let rough = (max / 5.0).max(1.0);
    let magnitude = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * magnitude)
}

/// Places dates and values in the plot area.
struct Frame {
    first: NaiveDate,
    days: f64,
    top: f64,
}

impl Frame {
    fn x(&self, date: NaiveDate) -> f64 {
        LEFT + (WIDTH - LEFT - RIGHT) * (date - self.first).num_days() as f64 / self.days
    }

    fn y(&self, value: f64) -> f64 {
        HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / self.top
    }
}

/// Active commitments over time, stacked by category, with axes.
pub(super) fn stacked_area(series: &Series) -> Markup {
    let (Some(first), Some(last)) = (series.dates.first(), series.dates.last()) else {
        return html! { p.muted { "No dated commitments yet." } };
    };
    let totals: Vec<f64> = (0..series.dates.len())
        .map(|i| series.groups.iter().map(|g| g.values[i]).sum())
        .collect();
    let max = totals.iter().copied().fold(0.0, f64::max);
    let step = tick_step(max);
    let frame = Frame {
        first: *first,
        days: ((*last - *first).num_days() as f64).max(1.0),
        top: (max / step).ceil().max(1.0) * step,
    };
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img"
            aria-label="Active commitments over time, stacked by stakeholder category" {
            (y_axis(&frame, step))
            (x_axis(&frame, *first, *last))
            (areas(series, &frame))
            @let middle = (TOP + HEIGHT - BOTTOM) / 2.0;
            text.axis-title x="10" y=(middle) transform={ "rotate(-90 10 " (middle) ")" }
                text-anchor="middle" { "Active commitments" }
        }
    }
}

fn y_axis(frame: &Frame, step: f64) -> Markup {
    let ticks: Vec<f64> = (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|v| *v <= frame.top + 1e-9)
        .collect();
    html! {
        @for value in &ticks {
            line.grid x1=(LEFT) x2=(WIDTH - RIGHT) y1=(frame.y(*value)) y2=(frame.y(*value)) {}
            text.tick x=(LEFT - 4.0) y=(frame.y(*value) + 3.0) text-anchor="end" { (number(*value)) }
        }
    }
}

fn x_axis(frame: &Frame, first: NaiveDate, last: NaiveDate) -> Markup {
    let years: Vec<i32> = (first.year()..=last.year()).collect();
    let every = if years.len() > 10 { 2 } else { 1 };
    let ticks: Vec<(i32, NaiveDate)> = years
        .iter()
        .filter(|y| (*y - first.year()) % every == 0)
        .filter_map(|y| Some((*y, NaiveDate::from_ymd_opt(*y, 1, 1)?)))
        .filter(|(_, d)| *d >= first && *d <= last)
        .collect();
    let base = HEIGHT - BOTTOM;
    html! {
        line.axis x1=(LEFT) x2=(WIDTH - RIGHT) y1=(base) y2=(base) {}
        @for (year, date) in &ticks {
            line.axis x1=(frame.x(*date)) x2=(frame.x(*date)) y1=(base) y2=(base + 3.0) {}
            text.tick x=(frame.x(*date)) y=(base + 13.0) text-anchor="middle" { (year) }
        }
    }
}

/// One polygon per group, from its running bottom to its top.
fn areas(series: &Series, frame: &Frame) -> Markup {
    let mut bottom = vec![0.0; series.dates.len()];
    let mut shapes = Vec::new();
    for (i, group) in series.groups.iter().enumerate() {
        let top: Vec<f64> = bottom
            .iter()
            .zip(&group.values)
            .map(|(b, v)| b + v)
            .collect();
        if group.values.iter().any(|v| *v > 0.0) {
            let mut points = String::new();
            for (d, v) in series.dates.iter().zip(&top) {
                points.push_str(&format!("{:.1},{:.1} ", frame.x(*d), frame.y(*v)));
            }
            for (d, v) in series.dates.iter().zip(&bottom).rev() {
                points.push_str(&format!("{:.1},{:.1} ", frame.x(*d), frame.y(*v)));
            }
            shapes.push((i, group.name.clone(), points));
        }
        bottom = top;
    }
    html! {
        @for (i, name, points) in &shapes {
            polygon points=(points.trim_end()) fill=(colour(*i)) stroke="#ffffff" stroke-width="0.6" {
                title { (name) }
            }
        }
    }
}

const BAR_ROW: f64 = 22.0;
const BAR_LEFT: f64 = 100.0;
const BAR_WIDTH: f64 = 180.0;

/// Coverage per category as bars from 0 to 100 %, with the tipping point
/// as a dashed line.
pub(super) fn coverage_bars(rows: &[CoverageRow], tipping_percent: f64) -> Markup {
    let height = 18.0 + BAR_ROW * rows.len() as f64 + 14.0;
    let x = |percent: f64| BAR_LEFT + BAR_WIDTH * percent.clamp(0.0, 100.0) / 100.0;
    let bottom = height - 14.0;
    html! {
        svg.chart viewBox={ "0 0 360 " (height) } role="img"
            aria-label="Share of each category with an active commitment, against the tipping point" {
            @for (i, row) in rows.iter().enumerate() {
                @let y = 18.0 + BAR_ROW * i as f64;
                text.label x=(BAR_LEFT - 6.0) y=(y + 13.0) text-anchor="end" { (row.category) }
                rect.track x=(BAR_LEFT) y=(y + 2.0) width=(BAR_WIDTH) height="15" {}
                rect x=(BAR_LEFT) y=(y + 2.0) width=(x(row.percent) - BAR_LEFT) height="13" fill=(colour(i)) {}
                text.value x=(BAR_LEFT + BAR_WIDTH + 6.0) y=(y + 13.0)
                    data-figure={ "coverage." (slug(&row.category)) ".percent" } data-value=(row.percent) {
                    (format!("{:.0} %", row.percent)) " (" (row.with_active) "/" (row.stakeholders) ")"
                }
            }
            line.tipping x1=(x(tipping_percent)) x2=(x(tipping_percent)) y1="12" y2=(bottom) {}
            text.tick x=(x(tipping_percent)) y="9" text-anchor="middle"
                data-figure="tipping_point_percent" data-value=(tipping_percent) {
                "tipping point " (number(tipping_percent)) " %"
            }
            @for percent in [0.0, 50.0, 100.0] {
                text.tick x=(x(percent)) y=(bottom + 11.0) text-anchor="middle" { (number(percent)) " %" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(tick_step(3.0), 1.0);
        assert_eq!(tick_step(23.0), 5.0);
        assert_eq!(tick_step(48.0), 10.0);
        assert_eq!(tick_step(140.0), 50.0);
    }
}
