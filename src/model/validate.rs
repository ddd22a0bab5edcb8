//! The workspace's invariants, checked when a file is loaded, before it is
//! saved and whenever an edit is applied. A violation names the record.

use std::collections::HashSet;

use chrono::Datelike;

use chrono::NaiveDate;

use super::commitment::Commitment;
use super::history::{check_stage_history, check_status_history};
use super::ids::{MetricId, StakeholderId};
use super::limits::{
    DATE_YEARS, MAX_AMOUNT, MAX_COMMITMENTS, MAX_CONTACTS_CHARS, MAX_HISTORY_ENTRIES,
    MAX_MAP_COORDINATE, MAX_METRICS, MAX_NAME_CHARS, MAX_NOTES_CHARS, MAX_OPEN_CONFLICTS,
    MAX_RELATIONSHIPS, MAX_SOURCE_CHARS, MAX_STAKEHOLDERS, MAX_SUMMARY_CHARS, MAX_TAG_CHARS,
    MAX_TAGS, MAX_UNIT_CHARS, MAX_WORKSHOPS, TARGET_YEARS, quoted,
};
use super::record_ref::RecordRef;
use super::relationship::Relationship;
use super::roadmap::{MILESTONE_STEP_YEARS, MILESTONE_YEARS, Metric, Roadmap};
use super::share::ShareMarker;
use super::stakeholder::{INFLUENCE_RANGE, MapPoint, SUPPORT_RANGE, Stakeholder};
use super::workshop::Workshop;
use super::workspace::Workspace;

/// A broken invariant. Its message quotes file content only through
/// [`super::limits::quoted`], so it prints safely on one line.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{record}: {message}")]
pub struct ValidationError {
    pub record: RecordRef,
    pub message: String,
}

fn fail(record: RecordRef, message: impl Into<String>) -> ValidationError {
    ValidationError {
        record,
        message: message.into(),
    }
}

/// `n` with thousands separators, as messages write counts and limits.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A text field no longer than `max` characters.
fn text_within(field: &str, text: &str, max: usize) -> Result<(), String> {
    // A string has at least as many bytes as characters: most texts need no count.
    if text.len() <= max {
        return Ok(());
    }
    let chars = text.chars().count();
    if chars > max {
        return Err(format!(
            "{field} is {} characters long; the limit is {}",
            thousands(chars),
            thousands(max)
        ));
    }
    Ok(())
}

/// A date within [`DATE_YEARS`].
fn date_within(field: &str, date: NaiveDate) -> Result<(), String> {
    if !DATE_YEARS.contains(&date.year()) {
        return Err(format!(
            "{field} {date} is outside the years {} to {}",
            DATE_YEARS.start(),
            DATE_YEARS.end()
        ));
    }
    Ok(())
}

/// A list of at most `max` entries.
fn count_within(what: &str, count: usize, max: usize) -> Result<(), String> {
    if count > max {
        return Err(format!(
            "has {} {what}; the limit is {}",
            thousands(count),
            thousands(max)
        ));
    }
    Ok(())
}

/// An amount that is a number and not absurdly large.
fn amount_within(field: &str, value: f64) -> Result<(), String> {
    if !value.is_finite() {
        return Err(format!("{field} {value} is not a number"));
    }
    if value.abs() > MAX_AMOUNT {
        // Written as 1e300, not as a 301-digit number.
        return Err(format!(
            "{field} {value:e} is larger than the limit of {MAX_AMOUNT:e}"
        ));
    }
    Ok(())
}

/// A map position that is a number within ±[`MAX_MAP_COORDINATE`].
fn map_position_within(point: MapPoint) -> Result<(), String> {
    if !point.x.is_finite() || !point.y.is_finite() {
        return Err("its map position is not a number".into());
    }
    if point.x.abs() > MAX_MAP_COORDINATE || point.y.abs() > MAX_MAP_COORDINATE {
        return Err(format!(
            "its map position ({}, {}) is outside ±{MAX_MAP_COORDINATE} map units",
            point.x, point.y
        ));
    }
    Ok(())
}

/// The tipping point is a share: 0 to 100 %.
pub fn check_tipping_point(percent: f64) -> Result<(), ValidationError> {
    if !(0.0..=100.0).contains(&percent) {
        return Err(fail(
            RecordRef::Workspace,
            format!("tipping point {percent} % is outside 0 to 100 %"),
        ));
    }
    Ok(())
}

/// The checks on one stakeholder that need no other record.
pub fn check_stakeholder(s: &Stakeholder) -> Result<(), ValidationError> {
    if !INFLUENCE_RANGE.contains(&s.influence) {
        return Err(fail(
            s.record_ref(),
            format!("influence {} is outside 1 to 5", s.influence),
        ));
    }
    if !SUPPORT_RANGE.contains(&s.support) {
        return Err(fail(
            s.record_ref(),
            format!("support {} is outside −2 to +2", s.support),
        ));
    }
    stakeholder_limits(s).map_err(|message| fail(s.record_ref(), message))?;
    check_stage_history(&s.stage_history, None).map_err(|message| fail(s.record_ref(), message))?;
    Ok(())
}

/// A stakeholder's texts, tags, map position and stage history within the limits.
fn stakeholder_limits(s: &Stakeholder) -> Result<(), String> {
    text_within("name", &s.name, MAX_NAME_CHARS)?;
    text_within("region", &s.region, MAX_NAME_CHARS)?;
    text_within("notes", &s.notes, MAX_NOTES_CHARS)?;
    text_within("contacts", &s.contacts, MAX_CONTACTS_CHARS)?;
    count_within("tags", s.tags.len(), MAX_TAGS)?;
    for tag in &s.tags {
        text_within(&format!("tag \"{}\"", quoted(tag)), tag, MAX_TAG_CHARS)?;
    }
    if let Some(point) = s.map_position {
        map_position_within(point)?;
    }
    count_within(
        "stage_history entries",
        s.stage_history.len(),
        MAX_HISTORY_ENTRIES,
    )?;
    for change in &s.stage_history {
        date_within("stage_history date", change.date)?;
    }
    Ok(())
}

/// The checks on one relationship; `exists` tells whether a stakeholder id resolves.
pub fn check_relationship(
    r: &Relationship,
    exists: impl Fn(StakeholderId) -> bool,
) -> Result<(), ValidationError> {
    for (end, id) in [("from", r.from), ("to", r.to)] {
        if !exists(id) {
            return Err(fail(
                r.record_ref(),
                format!("`{end}` refers to unknown stakeholder {id}"),
            ));
        }
    }
    if r.from == r.to {
        return Err(fail(r.record_ref(), "links a stakeholder to itself"));
    }
    text_within("note", &r.note, MAX_NOTES_CHARS)
        .map_err(|message| fail(r.record_ref(), message))?;
    Ok(())
}

/// The checks on one commitment; `stakeholder_exists` and `metric_exists` resolve references.
pub fn check_commitment(
    c: &Commitment,
    stakeholder_exists: impl Fn(StakeholderId) -> bool,
    metric_exists: impl Fn(MetricId) -> bool,
) -> Result<(), ValidationError> {
    if !stakeholder_exists(c.stakeholder) {
        return Err(fail(
            c.record_ref(),
            format!("refers to unknown stakeholder {}", c.stakeholder),
        ));
    }
    if let Some(metric) = c.metric
        && !metric_exists(metric)
    {
        return Err(fail(
            c.record_ref(),
            format!("refers to unknown roadmap metric {metric}"),
        ));
    }
    commitment_limits(c).map_err(|message| fail(c.record_ref(), message))?;
    if let Some(year) = c.target_year
        && year < c.made_on.year()
    {
        return Err(fail(
            c.record_ref(),
            format!(
                "target year {year} is before the year it was made ({})",
                c.made_on
            ),
        ));
    }
    if let Some(quantity) = &c.quantity {
        if !quantity.value.is_finite() || quantity.value < 0.0 {
            return Err(fail(
                c.record_ref(),
                format!(
                    "quantity {} is not a number of zero or more",
                    quantity.value
                ),
            ));
        }
        if quantity.unit.trim().is_empty() {
            return Err(fail(c.record_ref(), "quantity has no unit"));
        }
    }
    check_status_history(&c.status_history, c.made_on, None)
        .map_err(|message| fail(c.record_ref(), message))?;
    Ok(())
}

/// A commitment's texts, dates, target year, quantity and status history
/// within the limits.
fn commitment_limits(c: &Commitment) -> Result<(), String> {
    text_within("title", &c.title, MAX_NAME_CHARS)?;
    text_within("source", &c.source, MAX_SOURCE_CHARS)?;
    text_within("notes", &c.notes, MAX_NOTES_CHARS)?;
    date_within("made_on", c.made_on)?;
    if let Some(year) = c.target_year
        && !TARGET_YEARS.contains(&year)
    {
        return Err(format!(
            "target year {year} is outside the years {} to {}",
            TARGET_YEARS.start(),
            TARGET_YEARS.end()
        ));
    }
    if let Some(quantity) = &c.quantity {
        amount_within("quantity", quantity.value)?;
        text_within("quantity unit", &quantity.unit, MAX_UNIT_CHARS)?;
    }
    count_within(
        "status_history entries",
        c.status_history.len(),
        MAX_HISTORY_ENTRIES,
    )?;
    for change in &c.status_history {
        date_within("status_history date", change.date)?;
    }
    Ok(())
}

/// A metric's texts within the limits.
fn metric_limits(metric: &Metric) -> Result<(), String> {
    text_within("name", &metric.name, MAX_NAME_CHARS)?;
    text_within("unit", &metric.unit, MAX_UNIT_CHARS)?;
    text_within("description", &metric.description, MAX_SUMMARY_CHARS)
}

/// The workspace's title, shared vision and notes within their limits
/// (for an edit of them as much as for a file).
/// A presentation shows each slide at most once.
pub fn check_presentation(slides: &[super::Slide]) -> Result<(), ValidationError> {
    let mut seen = HashSet::new();
    match slides.iter().find(|s| !seen.insert(**s)) {
        Some(twice) => Err(fail(
            RecordRef::Workspace,
            format!("the presentation lists the slide “{}” twice", twice.label()),
        )),
        None => Ok(()),
    }
}

pub fn check_workspace_text(title: &str, vision: &str, notes: &str) -> Result<(), ValidationError> {
    text_within("title", title, MAX_NAME_CHARS)
        .and_then(|()| text_within("vision", vision, MAX_SUMMARY_CHARS))
        .and_then(|()| text_within("notes", notes, MAX_NOTES_CHARS))
        .map_err(|message| fail(RecordRef::Workspace, message))
}

/// The workspace's share marker and the number of records within the limits.
fn workspace_limits(ws: &Workspace) -> Result<(), String> {
    if let Some(share) = &ws.share {
        share_limits(share)?;
    }
    count_within("stakeholders", ws.stakeholders.len(), MAX_STAKEHOLDERS)?;
    count_within("relationships", ws.relationships.len(), MAX_RELATIONSHIPS)?;
    count_within("commitments", ws.commitments.len(), MAX_COMMITMENTS)?;
    count_within("workshops", ws.workshops.len(), MAX_WORKSHOPS)?;
    count_within(
        "open conflicts",
        ws.open_conflicts.len(),
        MAX_OPEN_CONFLICTS,
    )?;
    count_within("roadmap metrics", ws.roadmap.metrics.len(), MAX_METRICS)
}

/// A share copy's marker within the limits.
fn share_limits(share: &ShareMarker) -> Result<(), String> {
    date_within("share made_on", share.made_on)?;
    text_within("share from_title", &share.from_title, MAX_NAME_CHARS)
}

/// The checks on one workshop: date, texts and attendees within the
/// limits, and attendees that `exists` resolves.
pub fn check_workshop(
    w: &Workshop,
    exists: impl Fn(StakeholderId) -> bool,
) -> Result<(), ValidationError> {
    workshop_limits(w).map_err(|message| fail(w.record_ref(), message))?;
    if let Some(unknown) = w.attendees.iter().find(|a| !exists(**a)) {
        return Err(fail(
            w.record_ref(),
            format!("attendee {unknown} is not a known stakeholder"),
        ));
    }
    Ok(())
}

/// A workshop's date, texts and attendees within the limits.
fn workshop_limits(w: &Workshop) -> Result<(), String> {
    date_within("date", w.date)?;
    text_within("title", &w.title, MAX_NAME_CHARS)?;
    text_within("notes", &w.notes, MAX_NOTES_CHARS)?;
    count_within("attendees", w.attendees.len(), MAX_STAKEHOLDERS)
}

/// The checks on the roadmap: unique metrics, milestones on 5-year steps in
/// order, targets that resolve and are numbers.
pub fn check_roadmap(roadmap: &Roadmap) -> Result<(), ValidationError> {
    let mut metric_ids = HashSet::new();
    for metric in &roadmap.metrics {
        let record = || RecordRef::Metric {
            id: metric.id.to_string(),
            name: metric.name.clone(),
        };
        if !metric_ids.insert(metric.id) {
            return Err(fail(record(), "the same id is used twice"));
        }
        metric_limits(metric).map_err(|message| fail(record(), message))?;
    }
    let mut previous_year = None;
    for milestone in &roadmap.milestones {
        let record = RecordRef::Milestone {
            year: milestone.year,
        };
        if !MILESTONE_YEARS.contains(&milestone.year) || milestone.year % MILESTONE_STEP_YEARS != 0
        {
            return Err(fail(
                record,
                format!(
                    "milestones fall on 5-year steps between {} and {}",
                    MILESTONE_YEARS.start(),
                    MILESTONE_YEARS.end()
                ),
            ));
        }
        if previous_year.is_some_and(|previous| previous >= milestone.year) {
            return Err(fail(
                record,
                "milestones must be in increasing year order, once each",
            ));
        }
        previous_year = Some(milestone.year);
        text_within("summary", &milestone.summary, MAX_SUMMARY_CHARS)
            .map_err(|message| fail(record.clone(), message))?;
        let mut seen = HashSet::new();
        for target in &milestone.targets {
            if !metric_ids.contains(&target.metric) {
                return Err(fail(
                    record,
                    format!("target refers to unknown metric {}", target.metric),
                ));
            }
            if !seen.insert(target.metric) {
                return Err(fail(
                    record,
                    format!("metric {} has two targets", target.metric),
                ));
            }
            if !target.value.is_finite() {
                return Err(fail(record, "a target is not a number"));
            }
            amount_within("target", target.value)
                .map_err(|message| fail(record.clone(), message))?;
        }
    }
    Ok(())
}

/// A workspace known to keep every invariant: only [`Checked::new`] makes
/// one, so whoever is handed one (a document putting it in place) need not
/// check it again. Checking a big workspace takes a moment: do it where
/// that does not matter (a job).
#[derive(Clone, Debug, PartialEq)]
pub struct Checked(Workspace);

impl Checked {
    /// `ws`, once [`validate`] passes.
    pub fn new(ws: Workspace) -> Result<Self, ValidationError> {
        validate(&ws)?;
        Ok(Self(ws))
    }

    pub fn workspace(&self) -> &Workspace {
        &self.0
    }

    pub fn into_inner(self) -> Workspace {
        self.0
    }
}

/// Checks every invariant and reports the first broken one, in file order.
pub fn validate(ws: &Workspace) -> Result<(), ValidationError> {
    check_tipping_point(ws.tipping_point_percent)?;
    check_workspace_text(&ws.title, &ws.vision, &ws.notes)?;
    check_presentation(&ws.presentation)?;
    workspace_limits(ws).map_err(|message| fail(RecordRef::Workspace, message))?;
    let mut stakeholder_ids = HashSet::with_capacity(ws.stakeholders.len());
    for s in &ws.stakeholders {
        if !stakeholder_ids.insert(s.id) {
            return Err(fail(s.record_ref(), "the same id is used twice"));
        }
        check_stakeholder(s)?;
    }
    check_roadmap(&ws.roadmap)?;
    let metric_ids: HashSet<MetricId> = ws.roadmap.metrics.iter().map(|m| m.id).collect();

    let mut relationship_ids = HashSet::with_capacity(ws.relationships.len());
    for r in &ws.relationships {
        if !relationship_ids.insert(r.id) {
            return Err(fail(r.record_ref(), "the same id is used twice"));
        }
        check_relationship(r, |id| stakeholder_ids.contains(&id))?;
    }
    let mut commitment_ids = HashSet::with_capacity(ws.commitments.len());
    for c in &ws.commitments {
        if !commitment_ids.insert(c.id) {
            return Err(fail(c.record_ref(), "the same id is used twice"));
        }
        check_commitment(
            c,
            |id| stakeholder_ids.contains(&id),
            |id| metric_ids.contains(&id),
        )?;
    }
    let mut workshop_ids = HashSet::new();
    for w in &ws.workshops {
        if !workshop_ids.insert(w.id) {
            return Err(fail(w.record_ref(), "the same id is used twice"));
        }
        check_workshop(w, |id| stakeholder_ids.contains(&id))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, CommitmentKind, Sector};
    use chrono::NaiveDate;

    fn small() -> Workspace {
        let mut ws = Workspace::new("Test", Sector::IronSteel);
        let a = Stakeholder::new("Mill", Category::Industry);
        let b = Stakeholder::new("Carmaker", Category::Buyer);
        let day = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        ws.commitments.push(Commitment::new(
            b.id,
            CommitmentKind::ProcurementPledge,
            "Buy",
            day,
        ));
        ws.relationships.push(Relationship::new(
            b.id,
            a.id,
            crate::model::RelationshipKind::BuysFrom,
        ));
        ws.stakeholders.push(a);
        ws.stakeholders.push(b);
        ws
    }

    #[test]
    fn a_consistent_workspace_passes() {
        assert_eq!(validate(&small()), Ok(()));
    }

    #[test]
    fn duplicate_ids_name_the_record() {
        let mut ws = small();
        let copy = ws.stakeholders[0].clone();
        ws.stakeholders.push(copy);
        let err = validate(&ws).unwrap_err();
        assert!(err.to_string().contains("stakeholder \"Mill\""));
        assert!(err.message.contains("used twice"));
    }

    #[test]
    fn dangling_references_are_found() {
        let mut ws = small();
        ws.stakeholders.remove(0);
        let err = validate(&ws).unwrap_err();
        assert!(
            matches!(err.record, RecordRef::Relationship { .. }),
            "{err}"
        );
        assert!(err.message.contains("unknown stakeholder"));
    }

    #[test]
    fn out_of_range_scores_are_refused() {
        let mut ws = small();
        ws.stakeholders[1].influence = 9;
        assert!(validate(&ws).unwrap_err().message.contains("influence 9"));
        ws.stakeholders[1].influence = 5;
        ws.stakeholders[1].support = -3;
        assert!(validate(&ws).unwrap_err().message.contains("support -3"));
    }

    #[test]
    fn target_year_before_made_is_refused() {
        let mut ws = small();
        ws.commitments[0].target_year = Some(2019);
        assert!(
            validate(&ws)
                .unwrap_err()
                .message
                .contains("target year 2019")
        );
    }

    #[test]
    fn milestones_must_step_by_five_years() {
        let mut ws = small();
        ws.roadmap.milestones.push(crate::model::Milestone {
            year: 2033,
            summary: String::new(),
            targets: Vec::new(),
        });
        assert!(matches!(
            validate(&ws).unwrap_err().record,
            RecordRef::Milestone { year: 2033 }
        ));
    }

    fn message(ws: &Workspace) -> String {
        validate(ws).unwrap_err().to_string()
    }

    #[test]
    fn dates_outside_1900_to_2200_name_the_field() {
        let mut ws = small();
        ws.commitments[0].made_on = NaiveDate::from_ymd_opt(1899, 12, 31).unwrap();
        ws.commitments[0].status_history[0].date = ws.commitments[0].made_on;
        let err = message(&ws);
        assert!(err.contains("commitment \"Buy\""), "{err}");
        assert!(
            err.contains("made_on 1899-12-31 is outside the years 1900 to 2200"),
            "{err}"
        );

        let mut ws = small();
        let far = NaiveDate::from_ymd_opt(2201, 1, 1).unwrap();
        ws.stakeholders[0].set_stage(crate::model::EngagementStage::Roadmap, far);
        assert!(message(&ws).contains("stage_history date 2201-01-01"));

        let mut ws = small();
        ws.commitments[0].set_status(crate::model::CommitmentStatus::Achieved, far);
        assert!(message(&ws).contains("status_history date 2201-01-01"));

        let mut ws = small();
        ws.workshops.push(Workshop {
            id: crate::model::WorkshopId::new_random(),
            date: NaiveDate::from_ymd_opt(1066, 10, 14).unwrap(),
            title: "Hastings".into(),
            attendees: Vec::new(),
            notes: String::new(),
        });
        let err = message(&ws);
        assert!(err.contains("workshop \"Hastings\""), "{err}");
        assert!(err.contains("date 1066-10-14"), "{err}");

        let mut ws = small();
        ws.share = Some(ShareMarker {
            made_on: NaiveDate::MAX,
            from_title: "Original".into(),
            removed: crate::model::Removed::default(),
        });
        assert!(message(&ws).starts_with("workspace: share made_on"));
    }

    #[test]
    fn the_limits_themselves_are_allowed() {
        let mut ws = small();
        let first = NaiveDate::from_ymd_opt(*DATE_YEARS.start(), 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(*DATE_YEARS.end(), 12, 31).unwrap();
        let c = &mut ws.commitments[0];
        c.made_on = first;
        c.status_history[0].date = first;
        c.set_status(crate::model::CommitmentStatus::Achieved, last);
        c.target_year = Some(*TARGET_YEARS.end());
        c.title = "t".repeat(MAX_NAME_CHARS);
        c.source = "s".repeat(MAX_SOURCE_CHARS);
        c.notes = "é".repeat(MAX_NOTES_CHARS);
        let s = &mut ws.stakeholders[0];
        s.tags = vec!["t".repeat(MAX_TAG_CHARS); MAX_TAGS];
        s.map_position = Some(MapPoint {
            x: -MAX_MAP_COORDINATE,
            y: MAX_MAP_COORDINATE,
        });
        assert_eq!(validate(&ws), Ok(()));
    }

    #[test]
    fn target_years_are_in_range() {
        let mut ws = small();
        ws.commitments[0].target_year = Some(262_143);
        assert!(message(&ws).contains("target year 262143 is outside the years 1900 to 2200"));
    }

    #[test]
    fn texts_over_their_limit_are_refused_with_the_length() {
        let mut ws = small();
        ws.stakeholders[0].name = "n".repeat(MAX_NAME_CHARS + 1);
        let err = message(&ws);
        assert!(
            err.contains("name is 201 characters long; the limit is 200"),
            "{err}"
        );
        assert!(
            err.len() < 300,
            "the name is shortened in the message: {err}"
        );

        let mut ws = small();
        ws.commitments[0].source = "s".repeat(MAX_SOURCE_CHARS + 1);
        assert!(message(&ws).contains("source is 2,001 characters long; the limit is 2,000"));

        let mut ws = small();
        ws.notes = "n".repeat(MAX_NOTES_CHARS + 1);
        assert!(message(&ws).starts_with("workspace: notes is 20,001 characters"));

        let mut ws = small();
        ws.stakeholders[0].contacts = "c".repeat(MAX_CONTACTS_CHARS + 1);
        assert!(message(&ws).contains("contacts is 5,001 characters long; the limit is 5,000"));

        let mut ws = small();
        ws.vision = "v".repeat(MAX_SUMMARY_CHARS + 1);
        assert!(message(&ws).starts_with("workspace: vision is 10,001 characters"));

        let mut ws = small();
        ws.stakeholders[0].tags = vec!["t".repeat(MAX_TAG_CHARS + 1)];
        assert!(message(&ws).contains("the limit is 100"));

        let mut ws = small();
        ws.stakeholders[0].tags = vec!["t".into(); MAX_TAGS + 1];
        assert!(message(&ws).contains("has 51 tags; the limit is 50"));

        let mut ws = small();
        ws.commitments[0].quantity = Some(crate::model::Quantity {
            value: 1.0,
            unit: "u".repeat(MAX_UNIT_CHARS + 1),
        });
        assert!(message(&ws).contains("quantity unit is 101 characters"));
    }

    #[test]
    fn numbers_must_be_finite_and_in_range() {
        let mut ws = small();
        ws.stakeholders[0].map_position = Some(MapPoint {
            x: f32::INFINITY,
            y: 0.0,
        });
        assert!(message(&ws).contains("map position is not a number"));
        ws.stakeholders[0].map_position = Some(MapPoint { x: 0.0, y: -2e6 });
        assert!(message(&ws).contains("is outside ±1000000 map units"));

        let mut ws = small();
        ws.commitments[0].quantity = Some(crate::model::Quantity {
            value: 1e300,
            unit: "t".into(),
        });
        assert!(message(&ws).contains("quantity 1e300 is larger than the limit"));

        let mut ws = small();
        ws.tipping_point_percent = f64::NAN;
        assert!(message(&ws).contains("tipping point NaN"));
    }

    #[test]
    fn histories_and_collections_have_maximum_counts() {
        let mut ws = small();
        let s = &mut ws.stakeholders[0];
        let day = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        s.stage_history =
            vec![
                crate::model::StageChange::new(day, crate::model::EngagementStage::Roadmap);
                MAX_HISTORY_ENTRIES + 1
            ];
        assert!(message(&ws).contains("has 1,001 stage_history entries; the limit is 1,000"));
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(
            count_within("stakeholders", 100_001, MAX_STAKEHOLDERS).unwrap_err(),
            "has 100,001 stakeholders; the limit is 100,000"
        );
    }

    #[test]
    fn names_in_messages_are_escaped() {
        let mut ws = small();
        ws.stakeholders[0].name = "Mill\n\u{1b}[2J".into();
        ws.stakeholders[0].influence = 9;
        let err = message(&ws);
        assert!(err.contains("stakeholder \"Mill\\n\\u{1b}[2J\""), "{err}");
        assert!(!err.chars().any(char::is_control), "{err}");
    }

    /// Each text field past its limit, with the words its message must hold.
    #[test]
    fn every_text_field_has_its_limit() {
        type Change = fn(&mut Workspace);
        fn over(max: usize) -> String {
            "x".repeat(max + 1)
        }
        let cases: [(&str, Change); 14] = [
            ("workspace: title", |ws| ws.title = over(MAX_NAME_CHARS)),
            ("region", |ws| {
                ws.stakeholders[0].region = over(MAX_NAME_CHARS)
            }),
            ("stakeholder \"Mill\"", |ws| {
                ws.stakeholders[0].notes = over(MAX_NOTES_CHARS)
            }),
            ("relationship", |ws| {
                ws.relationships[0].note = over(MAX_NOTES_CHARS)
            }),
            ("title is 201", |ws| {
                ws.commitments[0].title = over(MAX_NAME_CHARS)
            }),
            ("notes is 20,001", |ws| {
                ws.commitments[0].notes = over(MAX_NOTES_CHARS)
            }),
            ("metric", |ws| {
                ws.roadmap.metrics[0].name = over(MAX_NAME_CHARS)
            }),
            ("unit is 101", |ws| {
                ws.roadmap.metrics[0].unit = over(MAX_UNIT_CHARS)
            }),
            ("description", |ws| {
                ws.roadmap.metrics[0].description = over(MAX_SUMMARY_CHARS)
            }),
            ("milestone 2030: summary", |ws| {
                ws.roadmap.milestones[0].summary = over(MAX_SUMMARY_CHARS)
            }),
            ("milestone 2030: target", |ws| {
                ws.roadmap.milestones[0].targets[0].value = -2.0 * MAX_AMOUNT
            }),
            ("workshop", |ws| {
                ws.workshops[0].title = over(MAX_NAME_CHARS)
            }),
            ("workshop", |ws| {
                ws.workshops[0].notes = over(MAX_NOTES_CHARS)
            }),
            ("share from_title", |ws| {
                ws.share = Some(ShareMarker {
                    made_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    from_title: "x".repeat(MAX_NAME_CHARS + 1),
                    removed: crate::model::Removed::default(),
                })
            }),
        ];
        for (expected, change) in cases {
            let mut ws = with_roadmap_and_workshop();
            assert_eq!(validate(&ws), Ok(()));
            change(&mut ws);
            let err = message(&ws);
            assert!(err.contains(expected), "{expected}: {err}");
            assert!(
                err.contains("the limit is") || err.contains("limit of"),
                "{err}"
            );
        }
    }

    fn with_roadmap_and_workshop() -> Workspace {
        let mut ws = small();
        let metric = crate::model::Metric {
            id: MetricId::new_random(),
            name: "Scrap share".into(),
            unit: "%".into(),
            kind: crate::model::MetricKind::Rate,
            description: String::new(),
            segment: None,
        };
        ws.roadmap.milestones.push(crate::model::Milestone {
            year: 2030,
            summary: String::new(),
            targets: vec![crate::model::MetricTarget {
                metric: metric.id,
                value: 40.0,
            }],
        });
        ws.roadmap.metrics.push(metric);
        ws.workshops.push(Workshop {
            id: crate::model::WorkshopId::new_random(),
            date: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
            title: "Kick-off".into(),
            attendees: vec![ws.stakeholders[0].id],
            notes: String::new(),
        });
        ws
    }
}
