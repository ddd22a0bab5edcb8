//! Cell values as spreadsheets write them: the closed lists under their
//! snake_case names (and the app's labels), numbers, yes/no, dates, and the
//! formula neutralisation that keeps a CSV safe to open in Excel.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::model::{
    Category, CommitmentKind, CommitmentStatus, Confidence, EngagementStage, RelationshipKind,
    Sector,
};

/// Categories under the names files use.
pub const CATEGORIES: &[(Category, &str)] = &[
    (Category::Industry, "industry"),
    (Category::Supplier, "supplier"),
    (Category::Buyer, "buyer"),
    (Category::Bank, "bank"),
    (Category::Investor, "investor"),
    (Category::Government, "government"),
    (Category::CivilSociety, "civil_society"),
    (Category::ServiceProvider, "service_provider"),
];

/// Commitment kinds under the names files use.
pub const KINDS: &[(CommitmentKind, &str)] = &[
    (CommitmentKind::NetZeroTarget, "net_zero_target"),
    (CommitmentKind::InterimTarget, "interim_target"),
    (CommitmentKind::ProcurementPledge, "procurement_pledge"),
    (CommitmentKind::OfftakeAgreement, "offtake_agreement"),
    (CommitmentKind::Financing, "financing"),
    (CommitmentKind::Policy, "policy"),
    (CommitmentKind::Project, "project"),
    (CommitmentKind::ResearchDevelopment, "r_and_d"),
];

/// Commitment statuses under the names files use.
pub const STATUSES: &[(CommitmentStatus, &str)] = &[
    (CommitmentStatus::Announced, "announced"),
    (CommitmentStatus::InProgress, "in_progress"),
    (CommitmentStatus::Achieved, "achieved"),
    (CommitmentStatus::AtRisk, "at_risk"),
    (CommitmentStatus::Withdrawn, "withdrawn"),
];

/// Engagement stages under the names files use.
pub const STAGES: &[(EngagementStage, &str)] = &[
    (EngagementStage::NotEngaged, "not_engaged"),
    (EngagementStage::SharedVision, "shared_vision"),
    (EngagementStage::Roadmap, "roadmap"),
    (EngagementStage::Committed, "committed"),
    (EngagementStage::Implementing, "implementing"),
];

/// Relationship kinds under the names files use.
pub const RELATIONSHIP_KINDS: &[(RelationshipKind, &str)] = &[
    (RelationshipKind::Supplies, "supplies"),
    (RelationshipKind::BuysFrom, "buys_from"),
    (RelationshipKind::Finances, "finances"),
    (RelationshipKind::Regulates, "regulates"),
    (RelationshipKind::PartnersWith, "partners_with"),
    (RelationshipKind::Influences, "influences"),
];

/// Confidence levels under the names files use.
pub const CONFIDENCES: &[(Confidence, &str)] = &[
    (Confidence::Low, "low"),
    (Confidence::Medium, "medium"),
    (Confidence::High, "high"),
];

/// Sectors under the names the command line uses.
pub const SECTORS: &[(Sector, &str)] = &[
    (Sector::Shipping, "shipping"),
    (Sector::Aviation, "aviation"),
    (Sector::RoadFreight, "road_freight"),
    (Sector::Aluminium, "aluminium"),
    (Sector::Cement, "cement"),
    (Sector::Chemicals, "chemicals"),
    (Sector::IronSteel, "iron_steel"),
    (Sector::Other, "other"),
];

/// Letters and digits only, lower case: "Civil society", "civil-society"
/// and "CivilSociety" all read `civilsociety`.
fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `text` reads `wanted` (already [`loose`]), without allocating.
fn loose_eq(text: &str, wanted: &str) -> bool {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .eq(wanted.chars())
}

/// The file name of `value` in `table`.
pub fn name_of<T: Copy + PartialEq>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, name)| name)
}

/// Reads one of a closed list, by its file name or the app's label, in any
/// case and with any spaces, hyphens or underscores. Never guesses: anything
/// else is refused with the allowed values listed.
pub fn parse_choice<T: Copy + std::fmt::Display>(
    column: &str,
    raw: &str,
    table: &[(T, &'static str)],
) -> Result<T, String> {
    let wanted = loose(raw);
    let by_name = table.iter().find(|(_, name)| loose_eq(name, &wanted));
    // Labels only when the file name did not match: they need formatting.
    let by_label = || {
        table
            .iter()
            .find(|(value, _)| loose_eq(&value.to_string(), &wanted))
    };
    by_name
        .or_else(by_label)
        .filter(|_| !wanted.is_empty())
        .map(|(value, _)| *value)
        .ok_or_else(|| {
            let allowed: Vec<&str> = table.iter().map(|(_, name)| *name).collect();
            format!(
                "{column} \"{}\" is not one of: {}",
                raw.trim(),
                allowed.join(", ")
            )
        })
}

/// A whole number; `3.0` (as Excel writes numbers) counts, `3.5` does not.
/// Accepts the typographic minus `−` as well as `-`.
pub fn parse_integer(column: &str, raw: &str) -> Result<i64, String> {
    let text = raw.trim().replace('\u{2212}', "-");
    if let Ok(n) = text.parse::<i64>() {
        return Ok(n);
    }
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 => Ok(x as i64),
        _ => Err(format!("{column} \"{}\" is not a whole number", raw.trim())),
    }
}

/// An integer within `min..=max`; out of range is refused, never clamped.
pub fn parse_score(column: &str, raw: &str, min: i64, max: i64) -> Result<i64, String> {
    let n = parse_integer(column, raw)?;
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{column} {n} is outside {min} to {max}"))
    }
}

/// A number such as a quantity or a map coordinate.
pub fn parse_number(column: &str, raw: &str) -> Result<f64, String> {
    let text = raw.trim().replace('\u{2212}', "-");
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!("{column} \"{}\" is not a number", raw.trim())),
    }
}

/// true/false, yes/no, 1/0 in any case; empty is false.
pub fn parse_bool(column: &str, raw: &str) -> Result<bool, String> {
    match raw.trim().to_lowercase().as_str() {
        "" | "false" | "no" | "0" | "n" | "f" => Ok(false),
        "true" | "yes" | "1" | "y" | "t" => Ok(true),
        other => Err(format!(
            "{column} \"{other}\" is not one of: true, false, yes, no, 1, 0"
        )),
    }
}

/// A date written `YYYY-MM-DD` (Excel date cells arrive in that form).
pub fn parse_date(column: &str, raw: &str) -> Result<NaiveDate, String> {
    let text = raw.trim();
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .filter(|part| part.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|part| part.parse::<u32>().ok())
    };
    let bytes = text.as_bytes();
    let date = (text.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-')
        .then(|| Some((number(0..4)?, number(5..7)?, number(8..10)?)))
        .flatten()
        .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y as i32, m, d));
    date.ok_or_else(|| format!("{column} \"{text}\" is not a date written YYYY-MM-DD"))
}

/// `a; b; c` into trimmed, non-empty parts.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split(';')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(nfc)
        .collect()
}

/// Text in Unicode NFC, so "É" typed two ways compares equal.
pub fn nfc(text: &str) -> String {
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        text.to_string()
    } else {
        text.nfc().collect()
    }
}

/// The key names are matched by: NFC, trimmed, lower case.
pub fn name_key(name: &str) -> String {
    let name = name.trim();
    if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        nfc(name).to_lowercase()
    }
}

/// The key similar names share: no accents, case or punctuation, so "EDF"
/// and "ÉDF" meet (for a warning, never a merge).
pub fn similarity_key(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text`, after any leading apostrophes, starts like a formula.
fn looks_like_formula(text: &str) -> bool {
    text.trim_start_matches('\'')
        .starts_with(|c| FORMULA_STARTS.contains(&c))
}

/// Formula neutralisation for export (OWASP "CSV injection"): a text cell
/// that starts (after any apostrophes) with `=`, `+`, `-`, `@`, tab or
/// carriage return gets one more leading `'`. [`restore`] undoes exactly
/// that, so text that really starts with `'=` survives the round trip.
pub fn neutralise(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Undoes [`neutralise`]: one leading `'` goes when what follows the
/// apostrophes starts like a formula.
pub fn restore(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_accept_names_labels_and_loose_spellings() {
        for raw in [
            "civil_society",
            "Civil society",
            "CivilSociety",
            "civil-society",
        ] {
            assert_eq!(
                parse_choice("category", raw, CATEGORIES),
                Ok(Category::CivilSociety)
            );
        }
        assert_eq!(
            parse_choice("kind", "R&D", KINDS),
            Ok(CommitmentKind::ResearchDevelopment)
        );
        assert_eq!(
            parse_choice("kind", "Net-zero target", KINDS),
            Ok(CommitmentKind::NetZeroTarget)
        );
        let err = parse_choice("category", "Bankk", CATEGORIES).unwrap_err();
        assert_eq!(
            err,
            "category \"Bankk\" is not one of: industry, supplier, buyer, bank, investor, \
             government, civil_society, service_provider"
        );
        assert!(parse_choice("category", "", CATEGORIES).is_err());
    }

    #[test]
    fn scores_are_whole_and_in_range_never_clamped() {
        assert_eq!(parse_score("support", "-2", -2, 2), Ok(-2));
        assert_eq!(parse_score("support", "\u{2212}2", -2, 2), Ok(-2));
        assert_eq!(parse_score("influence", "3.0", 1, 5), Ok(3));
        assert!(parse_score("influence", "3.5", 1, 5).is_err());
        assert_eq!(
            parse_score("influence", "6", 1, 5),
            Err("influence 6 is outside 1 to 5".into())
        );
        assert!(parse_score("support", "-3", -2, 2).is_err());
    }

    #[test]
    fn bools_dates_and_lists() {
        assert_eq!(parse_bool("confidential", "Yes"), Ok(true));
        assert_eq!(parse_bool("confidential", ""), Ok(false));
        assert_eq!(parse_bool("confidential", "0"), Ok(false));
        assert!(parse_bool("confidential", "maybe").is_err());
        assert!(parse_date("made_on", "2024-02-30").is_err());
        assert!(parse_date("made_on", "25/05/2022").is_err());
        assert!(parse_date("made_on", "2022-5-25").is_err());
        assert!(parse_date("made_on", "+022-05-25").is_err());
        assert_eq!(
            parse_date("made_on", " 2022-05-25 "),
            Ok(NaiveDate::from_ymd_opt(2022, 5, 25).unwrap())
        );
        assert_eq!(split_list(" a ;; b ;"), vec!["a", "b"]);
    }

    #[test]
    fn similar_names_meet_and_nfc_compares_equal() {
        assert_eq!(similarity_key("ÉDF"), similarity_key("E.D.F."));
        assert_eq!(name_key("E\u{301}DF "), name_key("ÉDF"));
        assert_eq!(nfc("E\u{301}"), "É");
    }

    #[test]
    fn neutralisation_round_trips_even_text_starting_with_an_apostrophe() {
        for text in [
            "=SUM(A1)", "+1", "-x", "@me", "\tx", "'=x", "''+y", "'plain", "plain", "",
        ] {
            assert_eq!(restore(&neutralise(text)), text, "{text:?}");
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("'=x"), "''=x");
        assert_eq!(neutralise("'plain"), "'plain");
        assert_eq!(restore("'plain"), "'plain");
    }
}
