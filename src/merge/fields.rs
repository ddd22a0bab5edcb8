//! The three-way merge of one record's fields, on its serde form (a JSON
//! object), so it needs no code per field and merges fields added later.
//! Only records that differ get here. Also the helpers every part of the
//! merge uses on that form: a record to its fields and back, and the
//! fields in the order a review lists them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::Side;
use super::records::History;
use crate::model::limits::MAX_HISTORY_ENTRIES;
use crate::text::join_words;

/// A record's serde fields.
pub(super) type Fields = Map<String, Value>;

/// A field's value on one side; `None` when the field is not written.
type Slot = Option<Value>;

/// How to merge one kind of record.
pub(super) struct Spec<'a> {
    /// Fields and labels in review order.
    pub fields: &'a [(&'static str, &'static str)],
    /// Fields never merged (the id; the workspace's lists).
    pub skip: &'a [&'a str],
    /// Fields merged together as one unit.
    pub groups: Vec<&'static [&'static str]>,
    pub history: Option<History>,
    /// Units that refer to stakeholders or metrics.
    pub references: &'a [&'static str],
}

/// The fields each side's share copy redacted (empty when not a copy).
pub(super) struct Masks {
    pub mine: Vec<&'static str>,
    pub theirs: Vec<&'static str>,
}

/// A field changed differently on both sides.
#[derive(Debug)]
pub(super) struct FieldConflict {
    /// As in [`super::ConflictKey::field`].
    pub field: String,
    pub label: String,
    pub base: Slot,
    pub mine: Slot,
    pub theirs: Slot,
}

/// The merged fields with every conflict resolved as mine, and as theirs.
pub(super) struct Merged {
    pub mine: Fields,
    pub theirs: Fields,
    pub conflicts: Vec<FieldConflict>,
}

/// `value`'s serde fields; `None` when it does not serialise as an object.
pub(super) fn to_fields<T: Serialize>(value: &T) -> Option<Fields> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// A record read back from its serde fields.
pub(super) fn from_fields<T: DeserializeOwned>(map: Fields) -> Result<T, String> {
    serde_json::from_value(Value::Object(map)).map_err(|err| err.to_string())
}

/// The fields of these records: listed ones in order with their labels,
/// then the others under their names.
pub(super) fn field_order(
    listed: &[(&'static str, &'static str)],
    skip: &[&str],
    maps: &[&Fields],
) -> Vec<(String, String)> {
    let mut order: Vec<(String, String)> = listed
        .iter()
        .filter(|(field, _)| !skip.contains(field))
        .map(|(field, label)| (field.to_string(), label.to_string()))
        .collect();
    let others: BTreeSet<&String> = maps
        .iter()
        .flat_map(|map| map.keys())
        .filter(|key| !skip.contains(&key.as_str()) && !listed.iter().any(|(f, _)| f == key))
        .collect();
    order.extend(others.into_iter().map(|key| (key.clone(), key.clone())));
    order
}

/// One unit of merging: a field, or fields that go together.
struct Unit {
    members: Vec<String>,
    label: String,
}

impl Unit {
    fn name(&self) -> String {
        self.members.join("+")
    }
}

/// "Date made, target year and status history".
fn joined_label(labels: &[&str]) -> String {
    let words: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(i, label)| match i {
            0 => label.to_string(),
            _ => label.to_lowercase(),
        })
        .collect();
    join_words(&words)
}

/// The units of `spec` for records with these fields: listed fields in
/// order (a group where its first member is), then any other field.
fn units(spec: &Spec, maps: &[&Fields]) -> Vec<Unit> {
    let label_of = |field: &str| -> String {
        spec.fields
            .iter()
            .find(|(name, _)| *name == field)
            .map_or(field, |(_, label)| label)
            .to_string()
    };
    let mut done: BTreeSet<&str> = spec.skip.iter().copied().collect();
    let mut units = Vec::new();
    let listed = spec.fields.iter().map(|(name, _)| *name);
    let others: BTreeSet<&str> = maps
        .iter()
        .flat_map(|map| map.keys().map(String::as_str))
        .filter(|key| !spec.fields.iter().any(|(name, _)| name == key))
        .collect();
    for field in listed.chain(others) {
        if done.contains(field) {
            continue;
        }
        match spec.groups.iter().find(|group| group.contains(&field)) {
            Some(group) => {
                done.extend(group.iter().copied());
                let labels: Vec<String> = group.iter().map(|m| label_of(m)).collect();
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                units.push(Unit {
                    members: group.iter().map(|m| m.to_string()).collect(),
                    label: joined_label(&labels),
                });
            }
            None => {
                done.insert(field);
                units.push(Unit {
                    members: vec![field.to_string()],
                    label: label_of(field),
                });
            }
        }
    }
    units
}

/// The value of a unit: the field, or an object of the group's fields.
pub(super) fn get(map: &Fields, members: &[impl AsRef<str>]) -> Slot {
    if let [single] = members {
        return map.get(single.as_ref()).cloned();
    }
    let object: Fields = members
        .iter()
        .filter_map(|m| {
            map.get(m.as_ref())
                .map(|v| (m.as_ref().to_string(), v.clone()))
        })
        .collect();
    Some(Value::Object(object))
}

/// Sets a unit's value (`None`: the field is not written).
pub(super) fn put(map: &mut Fields, members: &[impl AsRef<str>], value: Slot) {
    if let [single] = members {
        match value {
            Some(value) => map.insert(single.as_ref().to_string(), value),
            None => map.remove(single.as_ref()),
        };
        return;
    }
    for member in members {
        map.remove(member.as_ref());
    }
    if let Some(Value::Object(object)) = value {
        for (key, value) in object {
            if members.iter().any(|m| m.as_ref() == key) {
                map.insert(key, value);
            }
        }
    }
}

/// What a three-way comparison of one value decides.
enum Decision {
    /// Both sides agree, or one changed it and the other did not (or had
    /// no say): take this, changed by that side.
    Take(Slot, Option<Side>),
    Conflict,
}

/// The three-way rule. A side's `None` means it has no say (a share copy
/// redacted it and there is no base to stand in for it); `base` is `None`
/// without a base record.
fn decide(base: Option<&Slot>, mine: Option<&Slot>, theirs: Option<&Slot>) -> Decision {
    match (mine, theirs) {
        (Some(m), Some(t)) if m == t => Decision::Take(m.clone(), None),
        (Some(m), None) => Decision::Take(m.clone(), Some(Side::Mine)),
        (None, Some(t)) => Decision::Take(t.clone(), Some(Side::Theirs)),
        (None, None) => Decision::Take(base.cloned().flatten(), None),
        (Some(m), Some(t)) => match base {
            Some(b) if b == m => Decision::Take(t.clone(), Some(Side::Theirs)),
            Some(b) if b == t => Decision::Take(m.clone(), Some(Side::Mine)),
            _ => Decision::Conflict,
        },
    }
}

/// Whether `value` holds, as a string anywhere in it, an id that `side`
/// deleted.
fn mentions_deleted(value: &Value, side: Side, deleted: &dyn Fn(Side, &str) -> bool) -> bool {
    match value {
        Value::String(text) => deleted(side, text),
        Value::Array(items) => items.iter().any(|v| mentions_deleted(v, side, deleted)),
        Value::Object(map) => map.values().any(|v| mentions_deleted(v, side, deleted)),
        _ => false,
    }
}

/// Merges one record's fields. `deleted(side, id)` tells whether `side`
/// deleted the stakeholder or metric with that id.
pub(super) fn merge_fields(
    spec: &Spec,
    base: Option<&Fields>,
    mine: &Fields,
    theirs: &Fields,
    masks: &Masks,
    deleted: &dyn Fn(Side, &str) -> bool,
) -> Merged {
    let mut merged = Merged {
        mine: mine.clone(),
        theirs: mine.clone(),
        conflicts: Vec::new(),
    };
    let mut maps = vec![mine, theirs];
    maps.extend(base);
    for unit in units(spec, &maps) {
        let name = unit.name();
        let masked = |mask: &[&str]| unit.members.iter().any(|m| mask.contains(&m.as_str()));
        let (mine_masked, theirs_masked) = (masked(&masks.mine), masked(&masks.theirs));
        let b: Option<Slot> = base.map(|map| get(map, &unit.members));
        let m = get(mine, &unit.members);
        let t = get(theirs, &unit.members);
        // A redacted value says nothing: the base stands in for it, or
        // without a base the other side decides. Redacted on both sides
        // without a base, the values are all there is.
        let no_say = b.is_none() && mine_masked && theirs_masked;
        let say = |value: &Slot, masked: bool| {
            if masked && !no_say {
                b.clone()
            } else {
                Some(value.clone())
            }
        };
        let (m_say, t_say) = (say(&m, mine_masked), say(&t, theirs_masked));
        let decision = decide(b.as_ref(), m_say.as_ref(), t_say.as_ref());
        let conflict = |label: String| FieldConflict {
            field: name.clone(),
            label,
            base: b.clone().flatten(),
            mine: m.clone(),
            theirs: t.clone(),
        };
        match decision {
            Decision::Take(value, by) => {
                let dangling = by.is_some_and(|side| {
                    spec.references.contains(&name.as_str())
                        && value
                            .as_ref()
                            .is_some_and(|v| mentions_deleted(v, side.other(), deleted))
                });
                if let (true, Some(side)) = (dangling, by) {
                    let label = format!(
                        "{} (refers to a record deleted in {})",
                        unit.label,
                        side.other().word()
                    );
                    merged.conflicts.push(conflict(label));
                    put(&mut merged.mine, &unit.members, m.clone());
                    put(&mut merged.theirs, &unit.members, t.clone());
                } else {
                    put(&mut merged.mine, &unit.members, value.clone());
                    put(&mut merged.theirs, &unit.members, value);
                }
            }
            Decision::Conflict => {
                let by_date = spec
                    .history
                    .filter(|h| unit.members == [h.field])
                    .and_then(|h| merge_history(h, b.as_ref(), &m, &t));
                match by_date {
                    Some(history) => {
                        put(&mut merged.mine, &unit.members, Some(history.mine));
                        put(&mut merged.theirs, &unit.members, Some(history.theirs));
                        merged.conflicts.extend(history.conflicts);
                    }
                    None => {
                        merged.conflicts.push(conflict(unit.label.clone()));
                        put(&mut merged.mine, &unit.members, m.clone());
                        put(&mut merged.theirs, &unit.members, t.clone());
                    }
                }
            }
        }
    }
    merged
}

/// A history's entries by date, in date order; `None` if it is not a list
/// of dated entries.
pub(super) fn by_date(value: Option<&Value>) -> Option<BTreeMap<NaiveDate, Vec<Value>>> {
    let mut days: BTreeMap<NaiveDate, Vec<Value>> = BTreeMap::new();
    match value {
        None | Some(Value::Null) => {}
        Some(Value::Array(entries)) => {
            for entry in entries {
                days.entry(entry_date(entry)?)
                    .or_default()
                    .push(entry.clone());
            }
        }
        Some(_) => return None,
    }
    Some(days)
}

/// The date of one history entry.
pub(super) fn entry_date(entry: &Value) -> Option<NaiveDate> {
    entry
        .get("date")
        .and_then(|d| d.as_str())
        .and_then(|d| d.parse().ok())
}

/// The field name of one date of a history: `stage_history@2026-03-01`.
pub(super) fn date_field(history: &str, date: NaiveDate) -> String {
    format!("{history}@{date}")
}

struct HistoryMerge {
    mine: Value,
    theirs: Value,
    conflicts: Vec<FieldConflict>,
}

/// Merges a history date by date: each date's entries are a value of
/// their own. `None` (merge the history as one value) when it is not a
/// list of dated entries, or when some choice of the dates' conflicts
/// would leave a required history empty or one too long.
fn merge_history(
    history: History,
    base: Option<&Slot>,
    mine: &Slot,
    theirs: &Slot,
) -> Option<HistoryMerge> {
    let base = match base {
        Some(slot) => Some(by_date(slot.as_ref())?),
        None => None,
    };
    let mine = by_date(mine.as_ref())?;
    let theirs = by_date(theirs.as_ref())?;
    let dates: BTreeSet<NaiveDate> = mine
        .keys()
        .chain(theirs.keys())
        .chain(base.iter().flat_map(|b| b.keys()))
        .copied()
        .collect();
    let day = |days: &BTreeMap<NaiveDate, Vec<Value>>, date| {
        Some(Value::Array(days.get(&date).cloned().unwrap_or_default()))
    };
    let (mut merged_mine, mut merged_theirs) = (Vec::new(), Vec::new());
    let mut conflicts = Vec::new();
    let (mut fewest, mut most) = (0, 0);
    for date in dates {
        let b = base.as_ref().map(|b| day(b, date));
        let (m, t) = (day(&mine, date), day(&theirs, date));
        let entries = |slot: &Slot| match slot {
            Some(Value::Array(entries)) => entries.clone(),
            _ => Vec::new(),
        };
        match decide(b.as_ref(), Some(&m), Some(&t)) {
            Decision::Take(value, _) => {
                let value = entries(&value);
                fewest += value.len();
                most += value.len();
                merged_mine.extend(value.iter().cloned());
                merged_theirs.extend(value);
            }
            Decision::Conflict => {
                let (m_entries, t_entries) = (entries(&m), entries(&t));
                fewest += m_entries.len().min(t_entries.len());
                most += m_entries.len().max(t_entries.len());
                merged_mine.extend(m_entries);
                merged_theirs.extend(t_entries);
                conflicts.push(FieldConflict {
                    field: date_field(history.field, date),
                    label: format!("{} on {date}", history.entry),
                    base: b.flatten(),
                    mine: m,
                    theirs: t,
                });
            }
        }
    }
    if (history.required && fewest == 0) || most > MAX_HISTORY_ENTRIES {
        return None;
    }
    Some(HistoryMerge {
        mine: Value::Array(merged_mine),
        theirs: Value::Array(merged_theirs),
        conflicts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> Fields {
        match value {
            Value::Object(map) => map,
            _ => Fields::new(),
        }
    }

    fn spec() -> Spec<'static> {
        Spec {
            fields: &[("name", "Name"), ("stage_history", "Stage history")],
            skip: &["id"],
            groups: Vec::new(),
            history: Some(History {
                field: "stage_history",
                entry: "Stage",
                required: false,
            }),
            references: &[],
        }
    }

    fn nothing_deleted(_: Side, _: &str) -> bool {
        false
    }

    /// The three field maps merged, with nothing redacted or deleted.
    fn merged_without_masks(base: &Fields, mine: &Fields, theirs: &Fields) -> Merged {
        let masks = Masks {
            mine: Vec::new(),
            theirs: Vec::new(),
        };
        merge_fields(&spec(), Some(base), mine, theirs, &masks, &nothing_deleted)
    }

    #[test]
    fn one_sided_changes_are_taken_and_different_ones_conflict() {
        let base = fields(json!({"id": 1, "name": "A", "x": 1}));
        let mine = fields(json!({"id": 1, "name": "B", "x": 1}));
        let theirs = fields(json!({"id": 1, "name": "C", "x": 2}));
        let merged = merged_without_masks(&base, &mine, &theirs);
        assert_eq!(merged.mine["x"], json!(2), "an unlisted field merges too");
        assert_eq!(merged.mine["name"], json!("B"));
        assert_eq!(merged.theirs["name"], json!("C"));
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field, "name");
        assert_eq!(merged.conflicts[0].label, "Name");
    }

    #[test]
    fn histories_merge_by_date() {
        let entry = |date: &str, stage: &str| json!({"date": date, "stage": stage});
        let base = fields(json!({"stage_history": [entry("2024-01-01", "A")]}));
        let mine = fields(json!({"stage_history": [
            entry("2024-01-01", "A"), entry("2024-02-01", "B"), entry("2024-03-01", "X")
        ]}));
        let theirs = fields(json!({"stage_history": [
            entry("2024-01-01", "A"), entry("2024-03-01", "Y"), entry("2024-04-01", "C")
        ]}));
        let merged = merged_without_masks(&base, &mine, &theirs);
        let stages: Vec<&Value> = merged.mine["stage_history"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| &e["stage"])
            .collect();
        assert_eq!(stages, [&json!("A"), &json!("B"), &json!("X"), &json!("C")]);
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field, "stage_history@2024-03-01");
        assert_eq!(merged.conflicts[0].label, "Stage on 2024-03-01");
    }

    #[test]
    fn group_labels_read_as_a_list() {
        assert_eq!(joined_label(&["From", "To"]), "From and to");
        assert_eq!(
            joined_label(&["Date made", "Target year", "Status history"]),
            "Date made, target year and status history"
        );
    }
}
