//! What the charts share: dates on the x axis and the legend's place.

use chrono::{Datelike, NaiveDate};
use egui_plot::{Legend, Plot};

/// Plot x coordinates are days since 1970-01-01.
pub fn x_of(date: NaiveDate) -> f64 {
    (date - NaiveDate::default()).num_days() as f64
}

/// The date at plot x coordinate `x`.
pub fn date_of(x: f64) -> NaiveDate {
    NaiveDate::default() + chrono::Days::new(x.max(0.0).round() as u64)
}

/// `plot` with its x axis labelled by year ("2024") or month ("2024-04").
pub fn date_axis(plot: Plot<'_>) -> Plot<'_> {
    plot.x_axis_formatter(|mark, _| {
        let d = date_of(mark.value);
        if d.month() == 1 {
            d.year().to_string()
        } else {
            d.format("%Y-%m").to_string()
        }
    })
}

/// Every chart's legend: top left, in the order the series are added.
pub fn legend() -> Legend {
    Legend::default()
        .position(egui_plot::Corner::LeftTop)
        .follow_insertion_order(true)
}
