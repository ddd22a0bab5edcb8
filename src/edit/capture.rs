//! Quick capture: one typed line — who, what kind, what, and optionally how
//! much — turned into the edits that record it, creating the stakeholder
//! when the name is new. No egui here; the capture bar is in `app`.

use chrono::NaiveDate;

use super::Edit;
use crate::model::{
    Category, Commitment, CommitmentKind, Quantity, Stakeholder, StakeholderId, WorkshopId,
    Workspace,
};

/// Who made a captured commitment.
#[derive(Clone, Debug, PartialEq)]
pub enum Who {
    /// A stakeholder already in the workspace.
    Known(StakeholderId),
    /// A new one, created with the commitment.
    New { name: String, category: Category },
}

/// One captured line.
#[derive(Clone, Debug, PartialEq)]
pub struct Captured {
    pub who: Who,
    pub kind: CommitmentKind,
    pub title: String,
    /// As typed: empty for none.
    pub quantity: String,
    pub unit: String,
    /// Where it was captured ("Workshop 2026-11-23, Rotterdam"), for the
    /// commitment's source; empty for none.
    pub source: String,
    /// The workshop it was captured during, if any.
    pub workshop: Option<WorkshopId>,
}

/// The edits that record `line`, made on `today`, and a sentence saying
/// what they do; or why the line cannot be recorded yet.
pub fn capture_edits(
    ws: &Workspace,
    line: &Captured,
    today: NaiveDate,
) -> Result<(Vec<Edit>, String), String> {
    let title = line.title.trim();
    if title.is_empty() {
        return Err("Type what they committed to".to_string());
    }
    let quantity = match line.quantity.trim() {
        "" => None,
        text => {
            let unit = line.unit.trim();
            if unit.is_empty() {
                return Err("Give the quantity a unit, e.g. Mt/yr, %, USD bn".to_string());
            }
            Some(Quantity {
                value: parse_quantity(text)?,
                unit: unit.to_string(),
            })
        }
    };
    let mut edits = Vec::new();
    let (owner, name, new) = match &line.who {
        Who::Known(id) => {
            let Some(s) = ws.stakeholder(*id) else {
                return Err("That stakeholder is no longer in the workspace".to_string());
            };
            (*id, s.display_name().to_string(), false)
        }
        Who::New { name, category } => {
            let name = name.trim();
            if name.is_empty() {
                return Err("Type who made the commitment".to_string());
            }
            let stakeholder = Stakeholder::new(name, *category);
            let id = stakeholder.id;
            edits.push(Edit::AddStakeholder(stakeholder));
            (id, name.to_string(), true)
        }
    };
    let mut commitment = Commitment::new(owner, line.kind, title, today);
    commitment.quantity = quantity;
    commitment.source = line.source.trim().to_string();
    commitment.workshop = line.workshop;
    edits.push(Edit::AddCommitment(commitment));
    let text = if new {
        format!("Captured “{title}” for {name} (new stakeholder)")
    } else {
        format!("Captured “{title}” for {name}")
    };
    Ok((edits, text))
}

/// A quantity as people type it: "12", "12.5", "12,5", "1 200", "1,200.5".
/// A single comma with one or two digits after it is a decimal comma;
/// other commas, spaces and underscores group thousands.
pub fn parse_quantity(text: &str) -> Result<f64, String> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    let decimal_comma = !text.contains('.')
        && text.matches(',').count() == 1
        && text
            .rsplit(',')
            .next()
            .is_some_and(|d| (1..=2).contains(&d.len()));
    let normal: String = if decimal_comma {
        text.replace(',', ".")
    } else {
        text.replace(',', "")
    };
    match normal.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(value),
        _ => Err(format!(
            "“{text}” is not a quantity: type a number of zero or more, e.g. 2.5"
        )),
    }
}

/// The stakeholders whose name contains `typed` (ignoring case), those
/// whose name starts with it first, then by name; at most `limit`.
pub fn suggestions(ws: &Workspace, typed: &str, limit: usize) -> Vec<StakeholderId> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, String, StakeholderId)> = ws
        .stakeholders
        .iter()
        .filter_map(|s| {
            let name = s.name.to_lowercase();
            let at = name.find(&typed)?;
            Some((at != 0, name, s.id))
        })
        .collect();
    found.sort();
    found.into_iter().take(limit).map(|(_, _, id)| id).collect()
}

/// The stakeholder named exactly `typed` (ignoring case and surrounding
/// spaces), if there is one.
pub fn named(ws: &Workspace, typed: &str) -> Option<StakeholderId> {
    let typed = typed.trim().to_lowercase();
    ws.stakeholders
        .iter()
        .find(|s| s.name.trim().to_lowercase() == typed)
        .map(|s| s.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sector;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn workspace() -> Workspace {
        let mut ws = Workspace::new("T", Sector::IronSteel);
        for (name, category) in [
            ("Ironvale Steelworks", Category::Industry),
            ("Harbourline Bank", Category::Bank),
            ("Steel Buyers Club", Category::Buyer),
            ("Østerby Stål", Category::Industry),
        ] {
            ws.stakeholders.push(Stakeholder::new(name, category));
        }
        ws
    }

    #[test]
    fn quantities_as_people_type_them() {
        for (text, value) in [
            ("12", 12.0),
            ("12.5", 12.5),
            ("12,5", 12.5),
            ("1 200", 1200.0),
            ("1,200", 1200.0),
            ("1,200.5", 1200.5),
            ("0", 0.0),
        ] {
            assert_eq!(parse_quantity(text), Ok(value), "{text}");
        }
        for bad in ["-3", "abc", "1.2.3", "NaN", "inf", ""] {
            assert!(parse_quantity(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn suggestions_put_names_that_start_with_the_typing_first() {
        let ws = workspace();
        let names = |typed| {
            suggestions(&ws, typed, 10)
                .into_iter()
                .map(|id| ws.stakeholder_name(id).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("steel"), ["Steel Buyers Club", "Ironvale Steelworks"]);
        assert_eq!(names("ØSTER"), ["Østerby Stål"]);
        assert!(names("  ").is_empty());
        assert_eq!(
            named(&ws, " harbourline bank "),
            Some(ws.stakeholders[1].id)
        );
    }

    #[test]
    fn a_line_for_a_new_stakeholder_adds_both_in_order() {
        let ws = workspace();
        let line = Captured {
            who: Who::New {
                name: " Nordhavn Shipping ".into(),
                category: Category::Buyer,
            },
            kind: CommitmentKind::OfftakeAgreement,
            title: "Offtake of 200 kt near-zero steel".into(),
            quantity: "0,2".into(),
            unit: "Mt/yr".into(),
            source: "Workshop 2026-11-23".into(),
            workshop: Some(WorkshopId::new_random()),
        };
        let (edits, text) = capture_edits(&ws, &line, day()).unwrap();
        let [Edit::AddStakeholder(s), Edit::AddCommitment(c)] = edits.as_slice() else {
            panic!("{edits:?}");
        };
        assert_eq!(
            (s.name.as_str(), s.category),
            ("Nordhavn Shipping", Category::Buyer)
        );
        assert_eq!(c.stakeholder, s.id);
        assert_eq!(c.made_on, day());
        assert_eq!(
            c.quantity.as_ref().map(|q| (q.value, q.unit.as_str())),
            Some((0.2, "Mt/yr"))
        );
        assert_eq!(c.source, "Workshop 2026-11-23");
        assert_eq!(c.workshop, line.workshop);
        assert_eq!(
            text,
            "Captured “Offtake of 200 kt near-zero steel” for Nordhavn Shipping (new stakeholder)"
        );
    }

    #[test]
    fn a_line_says_what_is_missing() {
        let ws = workspace();
        let mut line = Captured {
            who: Who::Known(ws.stakeholders[0].id),
            kind: CommitmentKind::Project,
            title: " ".into(),
            quantity: String::new(),
            unit: String::new(),
            source: String::new(),
            workshop: None,
        };
        assert!(
            capture_edits(&ws, &line, day())
                .unwrap_err()
                .contains("what they committed")
        );
        line.title = "H2-DRI plant".into();
        line.quantity = "2.5".into();
        assert!(
            capture_edits(&ws, &line, day())
                .unwrap_err()
                .contains("unit")
        );
        line.unit = "Mt/yr".into();
        let (edits, _) = capture_edits(&ws, &line, day()).unwrap();
        assert_eq!(edits.len(), 1);
        line.who = Who::New {
            name: "".into(),
            category: Category::Industry,
        };
        assert!(
            capture_edits(&ws, &line, day())
                .unwrap_err()
                .contains("who")
        );
    }
}
