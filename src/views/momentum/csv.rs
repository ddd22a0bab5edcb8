//! The numbers behind each momentum chart as CSV text. Built only when the
//! user exports, from the same borrowed data the chart draws.

use crate::analysis::momentum::{Coverage, Stacked};
use crate::analysis::roadmap_progress::{MetricProgress, Pledged, Pledges, median_rate};
use crate::exchange::values::neutralise;
use crate::model::MetricKind;

use super::{ChartData, quarter_label};

/// The CSV of what `data` plots: a header row, then one row per point.
pub(super) fn chart_csv(data: &ChartData<'_>) -> String {
    match data {
        ChartData::Stacked { stacked, .. } => stacked_csv(stacked),
        ChartData::Quarters(quarters) => to_csv(
            &["quarter", "new commitments"],
            quarters
                .iter()
                .map(|(q, n)| vec![quarter_label(*q), n.to_string()]),
        ),
        ChartData::Coverage { coverage, tipping } => coverage_csv(coverage, *tipping),
        ChartData::Pledged { progress, unit } => pledged_csv(progress, unit),
    }
}

/// A cell safe to open in a spreadsheet: numbers as they are, text that
/// starts like a formula (`=`, `+`, `-`, `@`, tab, CR) behind a `'`, the
/// same rule as the spreadsheet export ([`neutralise`]).
fn safe_cell(text: &str) -> String {
    if text.parse::<f64>().is_ok() {
        text.to_string()
    } else {
        neutralise(text)
    }
}

fn to_csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    // `::csv` is the crate; this module shares its name.
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let write = || -> Result<Vec<u8>, ::csv::Error> {
        writer.write_record(header.iter().map(|h| safe_cell(h)))?;
        for row in rows {
            writer.write_record(row.iter().map(|cell| safe_cell(cell)))?;
        }
        writer
            .into_inner()
            .map_err(|e| ::csv::Error::from(e.into_error()))
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

fn coverage_csv(coverage: &[Coverage], tipping: f64) -> String {
    to_csv(
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
    )
}

fn pledged_csv(progress: &MetricProgress, unit: &str) -> String {
    if progress.kind == MetricKind::Rate {
        return rates_csv(progress, unit);
    }
    let zero = Pledged::default();
    to_csv(
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
            let sum = match &m.pledges {
                Pledges::Sum(sum) => sum,
                Pledges::Rates(_) => &zero,
            };
            vec![
                m.year.to_string(),
                m.target.map_or(String::new(), |t| t.to_string()),
                sum.achieved.to_string(),
                sum.in_progress.to_string(),
                sum.announced.to_string(),
                sum.at_risk.to_string(),
                unit.to_string(),
            ]
        }),
    )
}

/// A rate metric's pledges are never summed: per milestone, how many
/// stakeholders pledge and their median, lowest and highest rate.
fn rates_csv(progress: &MetricProgress, unit: &str) -> String {
    to_csv(
        &[
            "milestone",
            "target",
            "stakeholders pledging",
            "median",
            "lowest",
            "highest",
            "unit",
        ],
        progress.milestones.iter().map(|m| {
            let rates = match &m.pledges {
                Pledges::Rates(rates) => rates.as_slice(),
                Pledges::Sum(_) => &[],
            };
            let show = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
            vec![
                m.year.to_string(),
                show(m.target),
                rates.len().to_string(),
                show(median_rate(rates)),
                show(rates.first().map(|r| r.value)),
                show(rates.last().map(|r| r.value)),
                unit.to_string(),
            ]
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_that_start_like_formulas_are_neutralised_numbers_are_not() {
        let csv = to_csv(
            &["category", "value"],
            [vec!["=cmd|' /C calc'!A0".to_string(), "-2.5".to_string()]].into_iter(),
        );
        assert_eq!(csv, "category,value\n'=cmd|' /C calc'!A0,-2.5\n");
    }
}
