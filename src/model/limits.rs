//! The documented limits a workspace keeps, so that any file that loads can
//! be drawn: dates in a human range, text that fits on a screen, numbers
//! that are numbers and counts a laptop can hold. Each limit leaves room for
//! real data (docs/safety.md, "Limits and messages", lists them); they are
//! checked by [`super::validate`], so edits are held to them too.

use std::borrow::Cow;
use std::ops::RangeInclusive;

/// Every date (made, stage and status changes, workshops, share copies)
/// falls in these years.
pub const DATE_YEARS: RangeInclusive<i32> = 1900..=2200;
/// A commitment's target year falls in these years.
pub const TARGET_YEARS: RangeInclusive<i32> = 1900..=2200;

/// Names and titles: a stakeholder's name, a commitment's, metric's or
/// workshop's title, the workspace title, a region.
pub const MAX_NAME_CHARS: usize = 200;
/// A quantity's or metric's unit ("Mt/yr", "EUR bn").
pub const MAX_UNIT_CHARS: usize = 100;
/// One tag.
pub const MAX_TAG_CHARS: usize = 100;
/// A commitment's source: a link or a citation.
pub const MAX_SOURCE_CHARS: usize = 2_000;
/// Free text edited in a box: notes (about eight pages). The inspector
/// lays out the whole text every frame, so this keeps it well under a
/// second; a 100,000-character note took it several.
pub const MAX_NOTES_CHARS: usize = 20_000;
/// A stakeholder's contacts, edited on one line: some dozens of names and
/// addresses.
pub const MAX_CONTACTS_CHARS: usize = 5_000;
/// Text shown in full on a tab: the shared vision, a metric's description,
/// a milestone's summary (about four pages; laying out more every frame
/// slows the Overview and Roadmap tabs).
pub const MAX_SUMMARY_CHARS: usize = 10_000;

/// Tags on one stakeholder.
pub const MAX_TAGS: usize = 50;
/// Entries in one stage or status history.
pub const MAX_HISTORY_ENTRIES: usize = 1_000;
/// Stakeholders in a workspace.
pub const MAX_STAKEHOLDERS: usize = 100_000;
/// Relationships in a workspace.
pub const MAX_RELATIONSHIPS: usize = 1_000_000;
/// Commitments in a workspace.
pub const MAX_COMMITMENTS: usize = 1_000_000;
/// Workshops in a workspace.
pub const MAX_WORKSHOPS: usize = 10_000;
/// Conflicts a merge may leave open in a file: one per field of the
/// biggest workspace's records would be more, but a merge that leaves this
/// many is better redone from the right base.
pub const MAX_OPEN_CONFLICTS: usize = 1_000_000;
/// Metrics on the roadmap.
pub const MAX_METRICS: usize = 1_000;

/// Map positions lie within ± this many map units on both axes (an
/// automatic layout of 100,000 stakeholders spans about 35,000).
pub const MAX_MAP_COORDINATE: f32 = 1_000_000.0;
/// Quantities and targets are at most this large (a thousand trillion).
pub const MAX_AMOUNT: f64 = 1e15;

/// How much of a name a message quotes before it shortens it with "…".
const QUOTED_CHARS: usize = 80;

/// `text` made safe to print on one line: control characters (newlines,
/// escape sequences, bidi overrides…) are escaped as `\n`, `\u{1b}`…
/// Ordinary text, accents and emoji pass unchanged.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Control characters and the invisible ones that reorder or hide text.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// A name from a file as a message quotes it: printable and at most
/// [`QUOTED_CHARS`] characters, so a 10 MB name cannot flood a terminal.
pub fn quoted(name: &str) -> String {
    let mut short: String = name.chars().take(QUOTED_CHARS).collect();
    if name.chars().nth(QUOTED_CHARS).is_some() {
        short.push('…');
    }
    printable(&short).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_text_stays_on_one_line() {
        assert_eq!(printable("Acme Steel é 🚀"), "Acme Steel é 🚀");
        let shown = printable("a\nb\u{1b}[31mc\u{202e}d");
        assert_eq!(shown, "a\\nb\\u{1b}[31mc\\u{202e}d");
        assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn long_names_are_shortened_in_messages() {
        let name = "x".repeat(10_000);
        let shown = quoted(&name);
        assert_eq!(shown.chars().count(), QUOTED_CHARS + 1);
        assert!(shown.ends_with('…'));
        assert_eq!(quoted("Mill"), "Mill");
    }
}
