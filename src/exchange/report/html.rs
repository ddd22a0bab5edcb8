//! The report page, written with maud: every workspace string is escaped,
//! and the page has no script and loads nothing.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::figures::{Count, Figures, MetricRow, SegmentRow};
use super::{number, slug, svg};
use crate::analysis::changes::changes_since;
use crate::analysis::flywheel::percent;
use crate::model::{Commitment, Segment, Workspace};

/// Print on A4 landscape; readable on screen; colours kept in print.
const CSS: &str = r#"
@page { size: A4 landscape; margin: 9mm; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 9.5pt/1.35 "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 1400px; padding: 12px; }
h1 { font-size: 17pt; margin: 0; }
h2 { font-size: 10.5pt; margin: 0 0 4px; border-bottom: 1px solid #bbb; }
p { margin: 2px 0; }
.muted { color: #555; }
.header { display: flex; justify-content: space-between; gap: 16px; align-items: baseline; }
.vision { font-style: italic; margin: 3px 0 6px; max-height: 4.2em; overflow: hidden; }
.banner { padding: 4px 8px; margin: 0 0 6px; font-weight: bold; border: 2px solid; }
.banner.internal { background: #fde8d8; border-color: #D55E00; color: #7a2900; font-size: 12pt; }
.banner.shared { background: #e8f1f8; border-color: #0072B2; color: #003a5c; }
.headline { display: flex; gap: 8px; margin: 0 0 8px; }
.headline div { flex: 1; border: 1px solid #ccc; padding: 3px 8px; }
.headline b { display: block; font-size: 16pt; }
.grid { display: grid; grid-template-columns: 1.25fr 1fr 1fr; gap: 10px 14px; }
.wide { grid-column: span 2; }
.full { grid-column: 1 / -1; }
.flywheel-body { display: grid; grid-template-columns: 2fr 1fr; gap: 4px 14px; }
.flywheel tr.slowest td { background: #fdf0e6; }
.bar { display: inline-block; width: 60px; height: 7px; background: #f0f0f0; margin-right: 4px; vertical-align: middle; }
.bar span { display: block; height: 100%; background: #0072B2; }
.slowest .bar span { background: #D55E00; }
.bottleneck { font-weight: bold; }
ol.push { margin: 2px 0; padding-left: 18px; }
section { break-inside: avoid; }
svg.chart { width: 100%; height: auto; display: block; font-size: 11px; }
svg .grid { stroke: #ddd; stroke-width: 0.6; }
svg .axis { stroke: #444; stroke-width: 0.8; }
svg .tick { fill: #333; font-size: 10px; }
svg .label, svg .value { fill: #1a1a1a; font-size: 11px; }
svg .axis-title { fill: #333; font-size: 10px; }
svg .track { fill: #f0f0f0; }
svg .tipping { stroke: #1a1a1a; stroke-width: 1.4; stroke-dasharray: 4 3; }
.legend { list-style: none; padding: 0; margin: 3px 0 0; display: flex; flex-wrap: wrap; gap: 2px 10px; font-size: 8.5pt; }
.swatch { display: inline-block; width: 9px; height: 9px; margin-right: 3px; border: 1px solid #666; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { padding: 2px 4px; text-align: left; vertical-align: top; }
th { border-bottom: 1px solid #888; }
td.num, th.num { text-align: right; }
.matrix td.cell { text-align: center; border: 1px solid #fff; }
.matrix td.gap { background: #fff !important; border: 1px dashed #D55E00; color: #D55E00; font-weight: bold; }
.changes { columns: 1; padding-left: 16px; margin: 2px 0; }
.commitments { break-before: page; margin-top: 10px; }
.commitments table { font-size: 8pt; table-layout: fixed; }
.commitments td { padding: 1px 4px; overflow-wrap: anywhere; }
.commitments .c-who { width: 16%; } .commitments .c-what { width: 29%; } .commitments .c-kind { width: 11%; }
.commitments .c-made { width: 7.5%; } .commitments .c-year { width: 4.5%; } .commitments .c-status { width: 7%; }
td.nowrap { white-space: nowrap; }
.commitments tr:nth-child(even) td { background: #f5f5f5; }
a { color: #0057a3; }
footer { margin-top: 6px; font-size: 8pt; color: #555; }
@media print {
  body { padding: 0; max-width: none; font-size: 7.5pt; }
  h1 { font-size: 14pt; } h2 { font-size: 9pt; }
  .banner.internal { font-size: 10pt; }
  .headline b { font-size: 12pt; }
  .headline div { padding: 1px 6px; }
  table { font-size: 7.5pt; }
  .commitments table { font-size: 6.5pt; line-height: 1.1; }
  .commitments td { padding: 0 3px; }
  .grid { gap: 6px 12px; }
}
"#;

/// A number with its machine-readable name and exact value.
fn figure(name: &str, value: f64, shown: &str) -> Markup {
    html! { span data-figure=(name) data-value=(value) { (shown) } }
}

/// The whole page.
pub(super) fn page(ws: &Workspace, numbers: &Figures, internal: bool) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (ws.title) " — coalition report " (numbers.as_of) }
                style { (PreEscaped(CSS)) }
            }
            body {
                (header(ws, numbers, internal))
                (headline(numbers))
                div.grid {
                    (momentum_section(numbers))
                    (coverage_section(numbers))
                    (white_spaces_section(numbers))
                    (roadmap_section(numbers))
                    (changes_section(ws, numbers))
                    (flywheel_section(numbers))
                }
                footer {
                    "Made with Flywheel from “" (ws.title) "”, as of " (numbers.as_of)
                    ". Definitions: a commitment is active when announced, in progress or at risk; \
                     coverage is the share of a category's stakeholders with an active commitment."
                }
                (commitments_section(ws, internal))
            }
        }
    }
}

fn header(ws: &Workspace, numbers: &Figures, internal: bool) -> Markup {
    html! {
        @if internal {
            p.banner.internal { "Internal: includes confidential data. Do not share outside the facilitation team." }
        } @else {
            p.banner.shared { "Share version: contacts, confidential names and confidential commitment details are left out." }
        }
        div.header {
            h1 { (ws.title) }
            p.muted { (numbers.sector) " · as of " time datetime=(numbers.as_of) { (numbers.as_of) } }
        }
        @if !ws.vision.trim().is_empty() {
            p.vision { (ws.vision) }
        }
    }
}

fn headline(numbers: &Figures) -> Markup {
    let t = &numbers.totals;
    let tipped = format!("{} of {}", t.categories_tipped, numbers.coverage.len());
    let n = |v: usize| v as f64;
    html! {
        div.headline {
            div { b { (figure("totals.stakeholders", n(t.stakeholders), &t.stakeholders.to_string())) } "stakeholders" }
            div { b { (figure("totals.commitments", n(t.commitments), &t.commitments.to_string())) } "commitments recorded" }
            div { b { (figure("totals.active_commitments", n(t.active_commitments), &t.active_commitments.to_string())) } "active commitments" }
            div { b { (figure("totals.categories_tipped", n(t.categories_tipped), &tipped)) } "categories past the tipping point" }
            div { b { (figure("changes.new_commitments", n(numbers.changes.new_commitments), &numbers.changes.new_commitments.to_string())) } "new commitments since " (numbers.changes.since) }
        }
    }
}

fn momentum_section(numbers: &Figures) -> Markup {
    html! {
        section {
            h2 { "Momentum: active commitments by category" }
            (svg::stacked_area(&numbers.active_over_time))
            (legend(&numbers.active_by_category, "active"))
        }
    }
}

/// Category swatches with today's count.
fn legend(counts: &[Count], prefix: &str) -> Markup {
    html! {
        ul.legend {
            @for (i, c) in counts.iter().enumerate() {
                li {
                    span.swatch style={ "background:" (svg::colour(i)) } {}
                    (c.name) " "
                    (figure(&format!("{prefix}.{}", slug(&c.name)), c.count as f64, &c.count.to_string()))
                }
            }
        }
    }
}

fn coverage_section(numbers: &Figures) -> Markup {
    html! {
        section {
            h2 { "Coverage against the tipping point" }
            (svg::coverage_bars(&numbers.coverage, numbers.tipping_point_percent))
            p.muted { "Share of each category's stakeholders with an active commitment." }
        }
    }
}

fn white_spaces_section(numbers: &Figures) -> Markup {
    let m = &numbers.white_spaces;
    html! {
        section {
            h2 { "White spaces: who has reached each coalition stage" }
            table.matrix {
                tr { th { "Category" } @for s in &m.stages { th.num { (s) } } }
                @for row in &m.rows {
                    tr {
                        td { (row.category) " (" (row.stakeholders) ")" }
                        @for (i, (count, percent)) in row.counts.iter().zip(&row.percents).enumerate() {
                            @let name = format!("white_spaces.{}.{}", slug(&row.category), slug(&m.stages[i]));
                            @if *count == 0 && row.stakeholders > 0 {
                                td.cell.gap { (figure(&name, 0.0, "0")) }
                            } @else {
                                td.cell style=(shade(*percent)) { (figure(&name, *count as f64, &count.to_string())) }
                            }
                        }
                    }
                }
            }
            p.muted { "Dashed red: nobody in the category has reached the stage yet." }
        }
    }
}

/// A blue whose strength is the share, with text that stays readable.
fn shade(percent: f64) -> String {
    let alpha = 0.08 + 0.8 * (percent / 100.0).clamp(0.0, 1.0);
    let text = if alpha > 0.5 { "#ffffff" } else { "#1a1a1a" };
    format!("background: rgba(0, 114, 178, {alpha:.2}); color: {text};")
}

fn roadmap_section(numbers: &Figures) -> Markup {
    let years: Vec<i32> = numbers
        .roadmap
        .first()
        .map(|m| m.milestones.iter().map(|s| s.year).collect())
        .unwrap_or_default();
    html! {
        section.wide {
            h2 { "Roadmap: pledged against milestone targets" }
            @if numbers.roadmap.is_empty() {
                p.muted { "No roadmap metrics yet." }
            } @else {
                table {
                    tr { th { "Metric" } @for y in &years { th.num { (y) } } }
                    @for (i, metric) in numbers.roadmap.iter().enumerate() {
                        (metric_row(i, metric))
                    }
                }
                p.muted { "Pledged / target. Rates: median of the stakeholders' own pledged rates (how many pledged)." }
            }
        }
    }
}

fn metric_row(i: usize, metric: &MetricRow) -> Markup {
    html! {
        tr {
            td { (metric.metric) " (" (metric.unit) ")" }
            @for m in &metric.milestones {
                td.num {
                    @match m.pledged {
                        Some(value) => (figure(&format!("roadmap.{i}.{}.pledged", m.year), value, &number(value))),
                        None => "–",
                    }
                    @if let Some(target) = m.target { " / " (number(target)) }
                    @if let Some(n) = m.pledging_stakeholders { " (" (n) ")" }
                }
            }
        }
    }
}

/// How many of the stakeholders who could push next the page names.
const WHO_CAN_PUSH_SHOWN: usize = 5;

fn flywheel_section(numbers: &Figures) -> Markup {
    let f = &numbers.flywheel;
    let slowest = f.slowest.as_deref().unwrap_or_default();
    html! {
        section.full.flywheel {
            h2 { "Flywheel: demand, supply, finance and policy at " (f.milestone) }
            div.flywheel-body {
                table {
                    tr {
                        th { "Part" } th { "Share" } th { "Last 12 months" }
                        th.num { "Stakeholders moved" } th.num { "Commitments" } th.num { "At risk" }
                    }
                    @for (segment, row) in f.segments() {
                        @let key = format!("flywheel.{}", slug(segment.label()));
                        @let count = |name: &str, v: usize| figure(&format!("{key}.{name}"), v as f64, &v.to_string());
                        tr.slowest[segment.label().to_lowercase() == slowest] {
                            td { b { (segment.label()) } " " span.muted { (categories(segment)) } }
                            td { (share_cell(&key, row, f.milestone)) }
                            td.nowrap { (trend_cell(&key, row)) }
                            td.num { (count("moved", row.moved)) " of " (count("stakeholders", row.stakeholders)) }
                            td.num { (count("commitments", row.commitments)) }
                            td.num { (count("at_risk", row.at_risk)) }
                        }
                    }
                }
                div {
                    @match &f.bottleneck {
                        Some(sentence) => p.bottleneck { (sentence) },
                        None => p.muted { "Nothing to measure yet: no stakeholders in these parts and no " (f.milestone) " targets." },
                    }
                    @if !f.who_can_push.is_empty() {
                        p { "Who can push " (slowest) " next:" }
                        ol.push {
                            @for name in f.who_can_push.iter().take(WHO_CAN_PUSH_SHOWN) { li { (name) } }
                        }
                    }
                }
            }
            p.muted {
                "Share: pledged against the milestone's targets of the part's metrics (each capped at 100 %), \
                 or, for a part without targets, its stakeholders with a commitment of its kinds. \
                 Withdrawn commitments never count; at-risk ones count and are also counted apart. \
                 A trend moves by more than one percentage point."
            }
        }
    }
}

/// "Industry, Supplier".
fn categories(segment: Segment) -> String {
    segment
        .categories()
        .iter()
        .map(|c| c.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The share with a bar and what it measures, and the metrics behind it.
fn share_cell(key: &str, row: &SegmentRow, milestone: i32) -> Markup {
    let Some(share) = row.share else {
        return html! { span.muted { "nothing to measure yet" } };
    };
    let width = format!("width: {:.0}%", share.clamp(0.0, 1.0) * 100.0);
    html! {
        span.bar { span style=(width) {} }
        (figure(&format!("{key}.percent"), share * 100.0, &percent(share)))
        @if row.measure == "target" {
            " of the " (milestone) " target"
            @for (i, m) in row.metrics.iter().enumerate() {
                br;
                span.muted {
                    (m.name) ": "
                    (figure(&format!("{key}.{i}.pledged"), m.pledged, &number(m.pledged)))
                    " / " (number(m.target)) " " (m.unit)
                    @if m.at_risk > 0.0 { " (" (number(m.at_risk)) " at risk)" }
                }
            }
        } @else {
            " moved (no " (milestone) " target)"
        }
    }
}

/// "↑ up (was 9 %)".
fn trend_cell(key: &str, row: &SegmentRow) -> Markup {
    let arrow = match row.trend.as_str() {
        "up" => "↑",
        "down" => "↓",
        _ => "→",
    };
    html! {
        (arrow) " " (row.trend)
        @if let Some(then) = row.share_year_ago {
            " (was " (figure(&format!("{key}.percent_year_ago"), then * 100.0, &percent(then))) ")"
        }
    }
}

/// How many change items are listed before "and N more".
const CHANGES_LISTED: usize = 8;

fn changes_section(ws: &Workspace, numbers: &Figures) -> Markup {
    let c = &numbers.changes;
    let changes = changes_since(ws, c.since, numbers.as_of);
    let mut items: Vec<String> = changes
        .new_commitments
        .iter()
        .filter_map(|id| ws.commitment(*id))
        .map(|cm| {
            format!(
                "New: {} ({})",
                cm.title,
                ws.stakeholder_name(cm.stakeholder)
            )
        })
        .collect();
    for (word, moves) in [
        ("Up", &changes.upgrades),
        ("Down", &changes.downgrades),
        ("Withdrawn", &changes.withdrawals),
    ] {
        items.extend(
            moves
                .iter()
                .filter_map(|m| ws.commitment(m.commitment))
                .map(|cm| {
                    format!(
                        "{word}: {} ({}) is now {}",
                        cm.title,
                        ws.stakeholder_name(cm.stakeholder),
                        cm.status()
                    )
                }),
        );
    }
    let more = items.len().saturating_sub(CHANGES_LISTED);
    let count = |name: &str, v: usize| figure(&format!("changes.{name}"), v as f64, &v.to_string());
    html! {
        section {
            h2 { "Since " (c.since) }
            p {
                (count("upgrades", c.upgrades)) " upgraded, "
                (count("downgrades", c.downgrades)) " downgraded, "
                (count("withdrawals", c.withdrawals)) " withdrawn, "
                (count("stage_moves", c.stage_moves)) " stakeholders moved stage."
            }
            ul.changes {
                @for item in items.iter().take(CHANGES_LISTED) { li { (item) } }
                @if more > 0 { li.muted { "and " (more) " more" } }
            }
        }
    }
}

fn commitments_section(ws: &Workspace, internal: bool) -> Markup {
    let listed: Vec<&Commitment> = ws
        .commitments
        .iter()
        .filter(|c| internal || !c.confidential)
        .collect();
    html! {
        section.commitments {
            h2 { "Commitments" @if !internal { " (confidential ones left out)" } }
            table {
                tr {
                    th.c-who { "Stakeholder" } th.c-what { "Commitment" } th.c-kind { "Kind" }
                    th.c-made { "Made" } th.c-year { "Target" } th.c-status { "Status" } th { "Source" }
                }
                @for c in &listed {
                    tr {
                        td { (ws.stakeholder_name(c.stakeholder)) }
                        td { (c.title) @if c.confidential { " (confidential)" } }
                        td { (c.kind) }
                        td.nowrap { (c.made_on) }
                        td { @if let Some(y) = c.target_year { (y) } }
                        td { (c.status()) }
                        td { (source(&c.source)) }
                    }
                }
            }
        }
    }
}

/// A source as text, with each http(s) URL in it as a link; nothing else
/// becomes a link.
fn source(text: &str) -> Markup {
    html! {
        @for (i, word) in text.split_whitespace().enumerate() {
            @if i > 0 { " " }
            @match split_url(word) {
                Some((url, rest)) => { a href=(url) { (url) } (rest) },
                None => (word),
            }
        }
    }
}

/// A word that is an http(s) URL, without trailing punctuation (returned
/// apart).
pub(super) fn split_url(word: &str) -> Option<(&str, &str)> {
    let word_start = word.trim_start_matches(['(', '[', '<']);
    let lower = word_start.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let url = word_start.trim_end_matches(['.', ',', ';', ':', ')', ']', '>', '"', '\'']);
    if url.len() <= "https://".len() {
        return None;
    }
    Some((url, &word_start[url.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(
            split_url("https://a.org/x."),
            Some(("https://a.org/x", "."))
        );
        assert_eq!(split_url("(http://a.org)"), Some(("http://a.org", ")")));
        assert_eq!(split_url("javascript:alert(1)"), None);
        assert_eq!(split_url("ftp://a.org"), None);
        assert_eq!(split_url("https://"), None);
        let markup = source("See https://a.org/1 and https://b.org/2; javascript:x").into_string();
        assert_eq!(markup.matches("<a href").count(), 2);
        assert!(!markup.contains("href=\"javascript"));
    }
}
