//! The workspace's invariants, checked when a file is loaded, before it is
//! saved and whenever an edit is applied. A violation names the record.

use std::collections::HashSet;
use std::fmt;

use chrono::Datelike;

use super::commitment::Commitment;
use super::history::{check_stage_history, check_status_history};
use super::ids::{MetricId, StakeholderId};
use super::relationship::Relationship;
use super::roadmap::{MILESTONE_STEP_YEARS, MILESTONE_YEARS, Roadmap};
use super::stakeholder::{INFLUENCE_RANGE, SUPPORT_RANGE, Stakeholder};
use super::workshop::Workshop;
use super::workspace::Workspace;

/// The record an invariant failed on, so the message can name it and a file
/// reader can point at the line where it starts.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordRef {
    Workspace,
    Stakeholder { id: String, name: String },
    Relationship { id: String },
    Commitment { id: String, title: String },
    Metric { id: String, name: String },
    Milestone { year: i32 },
    Workshop { id: String, title: String },
}

impl RecordRef {
    /// The record's id as written in the file, if it has one.
    pub fn id(&self) -> Option<&str> {
        match self {
            RecordRef::Stakeholder { id, .. }
            | RecordRef::Relationship { id }
            | RecordRef::Commitment { id, .. }
            | RecordRef::Metric { id, .. }
            | RecordRef::Workshop { id, .. } => Some(id),
            RecordRef::Workspace | RecordRef::Milestone { .. } => None,
        }
    }
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordRef::Workspace => write!(f, "workspace"),
            RecordRef::Stakeholder { id, name } => write!(f, "stakeholder \"{name}\" ({id})"),
            RecordRef::Relationship { id } => write!(f, "relationship {id}"),
            RecordRef::Commitment { id, title } => write!(f, "commitment \"{title}\" ({id})"),
            RecordRef::Metric { id, name } => write!(f, "metric \"{name}\" ({id})"),
            RecordRef::Milestone { year } => write!(f, "milestone {year}"),
            RecordRef::Workshop { id, title } => write!(f, "workshop \"{title}\" ({id})"),
        }
    }
}

/// A broken invariant.
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

impl Stakeholder {
    pub fn record_ref(&self) -> RecordRef {
        RecordRef::Stakeholder {
            id: self.id.to_string(),
            name: self.name.clone(),
        }
    }
}

impl Relationship {
    pub fn record_ref(&self) -> RecordRef {
        RecordRef::Relationship {
            id: self.id.to_string(),
        }
    }
}

impl Commitment {
    pub fn record_ref(&self) -> RecordRef {
        RecordRef::Commitment {
            id: self.id.to_string(),
            title: self.title.clone(),
        }
    }
}

impl Workshop {
    pub fn record_ref(&self) -> RecordRef {
        RecordRef::Workshop {
            id: self.id.to_string(),
            title: self.title.clone(),
        }
    }
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
    if s.map_position
        .is_some_and(|p| !p.x.is_finite() || !p.y.is_finite())
    {
        return Err(fail(s.record_ref(), "its map position is not a number"));
    }
    check_stage_history(&s.stage_history, None).map_err(|message| fail(s.record_ref(), message))?;
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

/// The checks on the roadmap: unique metrics, milestones on 5-year steps in
/// order, targets that resolve and are numbers.
pub fn check_roadmap(roadmap: &Roadmap) -> Result<(), ValidationError> {
    let mut metric_ids = HashSet::new();
    for metric in &roadmap.metrics {
        if !metric_ids.insert(metric.id) {
            return Err(fail(
                RecordRef::Metric {
                    id: metric.id.to_string(),
                    name: metric.name.clone(),
                },
                "the same id is used twice",
            ));
        }
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
        }
    }
    Ok(())
}

/// Checks every invariant and reports the first broken one, in file order.
pub fn validate(ws: &Workspace) -> Result<(), ValidationError> {
    check_tipping_point(ws.tipping_point_percent)?;
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
        if let Some(unknown) = w.attendees.iter().find(|a| !stakeholder_ids.contains(a)) {
            return Err(fail(
                w.record_ref(),
                format!("attendee {unknown} is not a known stakeholder"),
            ));
        }
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
}
