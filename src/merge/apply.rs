//! Applying conflict choices to a workspace, from the conflicts' own
//! data alone: [`super::resolve`] applies the choices for theirs to the
//! merge's result (which has mine's), [`super::apply_choice`] one recorded
//! choice to a saved workspace. Either way references are made valid at
//! the end, as deleting a stakeholder or metric in the app does.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::Value;

use super::fields::{self, Fields, entry_date, from_fields, to_fields};
use super::records::{HEAD_SKIP, Record, shell};
use super::{
    ApplyError, CALLER_FIELDS, Conflict, ConflictKey, Dependent, RecordKind, Side, WHOLE_RECORD,
};
use crate::model::{
    Commitment, CommitmentId, Metric, MetricId, MetricTarget, Milestone, Relationship, Stakeholder,
    StakeholderId, Workshop, WorkshopId, Workspace,
};

/// Removes what refers to records that are not there, as the app does
/// when one is deleted: relationships and commitments of a missing
/// stakeholder go, it leaves attendee lists; a missing metric's links and
/// milestone targets go.
pub(super) fn drop_dangling(ws: &mut Workspace) {
    let stakeholders: HashSet<StakeholderId> = ws.stakeholders.iter().map(|s| s.id).collect();
    let metrics: HashSet<MetricId> = ws.roadmap.metrics.iter().map(|m| m.id).collect();
    ws.relationships.retain(|r| {
        stakeholders.contains(&r.from) && stakeholders.contains(&r.to) && r.from != r.to
    });
    ws.commitments
        .retain(|c| stakeholders.contains(&c.stakeholder));
    for c in &mut ws.commitments {
        if c.metric.is_some_and(|m| !metrics.contains(&m)) {
            c.metric = None;
        }
    }
    for w in &mut ws.workshops {
        w.attendees.retain(|a| stakeholders.contains(a));
    }
    for m in &mut ws.roadmap.milestones {
        m.targets.retain(|t| metrics.contains(&t.metric));
    }
}

fn unreadable(key: &ConflictKey, message: impl Into<String>) -> ApplyError {
    ApplyError::Unreadable {
        key: Box::new(key.clone()),
        message: message.into(),
    }
}

/// A key for an error that no single conflict caused.
fn no_key(kind: RecordKind) -> ConflictKey {
    ConflictKey {
        kind,
        id: String::new(),
        field: String::new(),
    }
}

type Choice<'a> = (&'a ConflictKey, Option<&'a Value>);

/// The choices sorted by what they do.
#[derive(Default)]
struct Plan<'a> {
    /// Records to put in place (`Some`) or delete, by kind, in order.
    whole: HashMap<RecordKind, Vec<Choice<'a>>>,
    /// Fields to set, by kind.
    fields: HashMap<RecordKind, Vec<Choice<'a>>>,
    /// Records put back with a stakeholder that is kept.
    restored: HashMap<RecordKind, Vec<(&'a ConflictKey, &'a Value)>>,
    attendees: Vec<(StakeholderId, WorkshopId, &'a [StakeholderId])>,
    links: Vec<(MetricId, CommitmentId)>,
    targets: Vec<(MetricId, i32, f64)>,
}

impl<'a> Plan<'a> {
    fn of(choices: &[(&'a Conflict, Side)]) -> Result<Plan<'a>, ApplyError> {
        let mut plan = Plan::default();
        for (conflict, side) in choices {
            let key = &conflict.key;
            let value = conflict.value(*side);
            if key.field != WHOLE_RECORD {
                plan.fields.entry(key.kind).or_default().push((key, value));
                continue;
            }
            plan.whole.entry(key.kind).or_default().push((key, value));
            if value.is_none() {
                continue;
            }
            let uuid = || {
                uuid::Uuid::parse_str(&key.id).map_err(|_| unreadable(key, "the id is not a UUID"))
            };
            for dependent in &conflict.dependents {
                match dependent {
                    Dependent::Record { kind, value } => {
                        plan.restored.entry(*kind).or_default().push((key, value));
                    }
                    Dependent::Attendee {
                        workshop,
                        attendees,
                    } => plan
                        .attendees
                        .push((StakeholderId(uuid()?), *workshop, attendees)),
                    Dependent::MetricLink { commitment } => {
                        plan.links.push((MetricId(uuid()?), *commitment));
                    }
                    Dependent::Target { year, value } => {
                        plan.targets.push((MetricId(uuid()?), *year, *value));
                    }
                }
            }
        }
        Ok(plan)
    }

    /// Puts kept stakeholders back in the workshops they attended, and
    /// kept metrics back in their commitments and milestones.
    fn restore_links(&self, ws: &mut Workspace) {
        for (stakeholder, workshop, order) in &self.attendees {
            let Some(w) = ws.workshops.iter_mut().find(|w| w.id == *workshop) else {
                continue;
            };
            if w.attendees.contains(stakeholder) {
                continue;
            }
            let present: HashSet<StakeholderId> = w.attendees.iter().copied().collect();
            let mut attendees: Vec<StakeholderId> = Vec::with_capacity(w.attendees.len() + 1);
            for a in order.iter() {
                if (a == stakeholder || present.contains(a)) && !attendees.contains(a) {
                    attendees.push(*a);
                }
            }
            let others: Vec<StakeholderId> = w
                .attendees
                .iter()
                .filter(|a| !order.contains(a))
                .copied()
                .collect();
            attendees.extend(others);
            w.attendees = attendees;
        }
        for (metric, commitment) in &self.links {
            if let Some(c) = ws.commitments.iter_mut().find(|c| c.id == *commitment)
                && c.metric.is_none()
            {
                c.metric = Some(*metric);
            }
        }
        for (metric, year, value) in &self.targets {
            if let Some(m) = ws.roadmap.milestones.iter_mut().find(|m| m.year == *year)
                && !m.targets.iter().any(|t| t.metric == *metric)
            {
                m.targets.push(MetricTarget {
                    metric: *metric,
                    value: *value,
                });
            }
        }
    }
}

/// Applies the choices, then makes references valid. On an error `ws` may
/// be half changed: callers work on a copy.
pub(super) fn apply_all(
    ws: &mut Workspace,
    choices: &[(&Conflict, Side)],
) -> Result<(), ApplyError> {
    let plan = Plan::of(choices)?;
    apply_head(ws, &plan)?;
    apply_list::<Stakeholder>(ws, &plan)?;
    apply_list::<Metric>(ws, &plan)?;
    apply_list::<Relationship>(ws, &plan)?;
    apply_list::<Commitment>(ws, &plan)?;
    apply_list::<Milestone>(ws, &plan)?;
    apply_list::<Workshop>(ws, &plan)?;
    plan.restore_links(ws);
    drop_dangling(ws);
    Ok(())
}

/// The workspace's own fields.
fn apply_head(ws: &mut Workspace, plan: &Plan) -> Result<(), ApplyError> {
    let Some(choices) = plan.fields.get(&RecordKind::Workspace) else {
        return Ok(());
    };
    let Some(mut head) = to_fields(&shell(ws)) else {
        return Ok(());
    };
    for (key, value) in choices {
        if HEAD_SKIP.contains(&key.field.as_str()) || CALLER_FIELDS.contains(&key.field.as_str()) {
            return Err(unreadable(key, "that field is not merged"));
        }
        set_field(&mut head, &key.field, *value).map_err(|message| unreadable(key, message))?;
    }
    let mut merged: Workspace = from_fields(head).map_err(|message| match choices.first() {
        Some((key, _)) => unreadable(key, message),
        None => unreadable(&no_key(RecordKind::Workspace), message),
    })?;
    merged.roadmap = std::mem::take(&mut ws.roadmap);
    merged.stakeholders = std::mem::take(&mut ws.stakeholders);
    merged.relationships = std::mem::take(&mut ws.relationships);
    merged.commitments = std::mem::take(&mut ws.commitments);
    merged.workshops = std::mem::take(&mut ws.workshops);
    *ws = merged;
    Ok(())
}

fn decode<R: Record>(key: &ConflictKey, value: &Value) -> Result<R, ApplyError> {
    serde_json::from_value(value.clone()).map_err(|err| unreadable(key, err.to_string()))
}

fn parse_id<R: Record>(key: &ConflictKey) -> Result<R::Id, ApplyError> {
    R::parse_id(&key.id).ok_or_else(|| unreadable(key, "the id is not one a record has"))
}

/// One list: records deleted, put in place or back, fields set.
fn apply_list<R: Record>(ws: &mut Workspace, plan: &Plan) -> Result<(), ApplyError> {
    let list = R::list_mut(ws);
    if let Some(choices) = plan.whole.get(&R::KIND) {
        let mut order = Vec::with_capacity(choices.len());
        let mut chosen: HashMap<R::Id, Option<R>> = HashMap::with_capacity(choices.len());
        for (key, value) in choices {
            let id = parse_id::<R>(key)?;
            let record = value.map(|v| decode::<R>(key, v)).transpose()?;
            if record.as_ref().is_some_and(|r| r.id() != id) {
                return Err(unreadable(key, "the record has another id"));
            }
            order.push(id);
            chosen.insert(id, record);
        }
        let mut placed = HashSet::new();
        for record in std::mem::take(list) {
            let id = record.id();
            match chosen.get(&id) {
                None => list.push(record),
                Some(None) => {}
                Some(Some(new)) => {
                    if placed.insert(id) {
                        list.push(new.clone());
                    }
                }
            }
        }
        for id in order {
            if let Some(Some(new)) = chosen.get(&id)
                && placed.insert(id)
            {
                list.push(new.clone());
            }
        }
    }
    if let Some(restored) = plan.restored.get(&R::KIND) {
        let mut present: HashSet<R::Id> = list.iter().map(Record::id).collect();
        for (key, value) in restored {
            let record = decode::<R>(key, value)?;
            if present.insert(record.id()) {
                list.push(record);
            }
        }
    }
    if let Some(choices) = plan.fields.get(&R::KIND) {
        let mut by_id: HashMap<R::Id, Vec<&Choice>> = HashMap::new();
        for choice in choices {
            if choice.0.field == R::ID_FIELD {
                return Err(unreadable(choice.0, "the id is not merged"));
            }
            by_id
                .entry(parse_id::<R>(choice.0)?)
                .or_default()
                .push(choice);
        }
        for record in list.iter_mut() {
            let Some(choices) = by_id.get(&record.id()) else {
                continue;
            };
            let Some(mut map) = to_fields(&*record) else {
                continue;
            };
            for (key, value) in choices {
                set_field(&mut map, &key.field, *value).map_err(|m| unreadable(key, m))?;
            }
            *record = from_fields(map).map_err(|message| match choices.first() {
                Some((key, _)) => unreadable(key, message),
                None => unreadable(&no_key(R::KIND), message),
            })?;
        }
    }
    R::tidy(list);
    Ok(())
}

/// Sets one field as a conflict names it: a field, fields joined by `+`
/// (from an object of them) or one date of a history (that day's entries,
/// in date order with the others).
fn set_field(map: &mut Fields, field: &str, value: Option<&Value>) -> Result<(), String> {
    if let Some((history, date)) = field.split_once('@') {
        let date: NaiveDate = date.parse().map_err(|_| format!("{date} is not a date"))?;
        let entries = match value {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(entries)) => entries.clone(),
            Some(_) => return Err("the day's entries are not a list".into()),
        };
        if entries.iter().any(|e| entry_date(e) != Some(date)) {
            return Err(format!("an entry is not dated {date}"));
        }
        let mut all = match map.get(history) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(all)) => all.clone(),
            Some(_) => return Err(format!("{history} is not a history")),
        };
        if all.iter().any(|e| entry_date(e).is_none()) {
            return Err(format!("{history} has an entry without a date"));
        }
        all.retain(|e| entry_date(e) != Some(date));
        let at = all.partition_point(|e| entry_date(e).is_some_and(|d| d <= date));
        all.splice(at..at, entries);
        map.insert(history.to_string(), Value::Array(all));
        return Ok(());
    }
    let members: Vec<&str> = field.split('+').collect();
    fields::put(map, &members, value.cloned());
    Ok(())
}
