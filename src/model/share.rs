//! The mark a share copy carries in its file, so that a copy saved again
//! never pretends to be the original. Share copies themselves are made by
//! `crate::exchange::share`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Marks a workspace as a share copy: when it was made, from which
/// workspace, and what was left out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareMarker {
    /// The day the (latest) share copy was made.
    pub made_on: NaiveDate,
    /// The title of the original workspace. A share copy of a share copy
    /// keeps the first original's title.
    pub from_title: String,
    /// What the copy leaves out.
    pub removed: Removed,
}

/// What a share copy leaves out. Each flag is the rule the copy was made
/// with, true whether or not the original had anything of that kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Removed {
    /// Every stakeholder's contacts.
    pub contacts: bool,
    /// Confidential stakeholders are anonymised: name replaced
    /// ("Confidential investor 1"), region, tags and notes removed; their
    /// relationships keep only their kind.
    pub confidential_names: bool,
    /// Confidential commitments, and every commitment of an anonymised
    /// stakeholder, lose title (replaced), quantity, metric link, source
    /// and notes.
    pub commitment_details: bool,
    /// Everyone's influence and support. The file still holds valid scores
    /// ([`ShareMarker::NEUTRAL_INFLUENCE`], [`ShareMarker::NEUTRAL_SUPPORT`]);
    /// they mean nothing, so the app should hide them.
    pub scores: bool,
    /// The team's own notes: the workspace's notes and every workshop's notes.
    pub team_notes: bool,
}

impl Removed {
    /// Both rule sets together: a copy of a copy leaves out what either did.
    pub fn union(self, other: Removed) -> Removed {
        Removed {
            contacts: self.contacts || other.contacts,
            confidential_names: self.confidential_names || other.confidential_names,
            commitment_details: self.commitment_details || other.commitment_details,
            scores: self.scores || other.scores,
            team_notes: self.team_notes || other.team_notes,
        }
    }

    /// What was left out, in words, in a fixed order: "contacts",
    /// "confidential names", "confidential commitment details", "scores",
    /// "team notes".
    pub fn labels(self) -> Vec<&'static str> {
        let flags = [
            (self.contacts, "contacts"),
            (self.confidential_names, "confidential names"),
            (self.commitment_details, "confidential commitment details"),
            (self.scores, "scores"),
            (self.team_notes, "team notes"),
        ];
        flags
            .into_iter()
            .filter_map(|(on, label)| on.then_some(label))
            .collect()
    }
}

impl ShareMarker {
    /// The influence every stakeholder has in a copy without scores.
    pub const NEUTRAL_INFLUENCE: u8 = 3;
    /// The support every stakeholder has in a copy without scores.
    pub const NEUTRAL_SUPPORT: i8 = 0;

    /// One line for a banner or a window title, such as
    /// `Share copy of “Iron & steel coalition” made 2026-11-23: contacts,
    /// confidential names and confidential commitment details removed`.
    pub fn banner_text(&self) -> String {
        let head = format!("Share copy of “{}” made {}", self.from_title, self.made_on);
        let labels = self.removed.labels();
        match labels.split_last() {
            None => head,
            Some((last, [])) => format!("{head}: {last} removed"),
            Some((last, rest)) => format!("{head}: {} and {last} removed", rest.join(", ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_banner_lists_what_was_removed() {
        let mut marker = ShareMarker {
            made_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            from_title: "Iron & steel coalition".into(),
            removed: Removed {
                contacts: true,
                ..Removed::default()
            },
        };
        assert_eq!(
            marker.banner_text(),
            "Share copy of “Iron & steel coalition” made 2026-11-23: contacts removed"
        );
        marker.removed.confidential_names = true;
        marker.removed.scores = true;
        assert_eq!(
            marker.banner_text(),
            "Share copy of “Iron & steel coalition” made 2026-11-23: \
             contacts, confidential names and scores removed"
        );
        marker.removed = Removed::default();
        assert_eq!(
            marker.banner_text(),
            "Share copy of “Iron & steel coalition” made 2026-11-23"
        );
    }
}
