//! Values as a review shows them: labels for the closed lists, names for
//! the stakeholders and metrics a field refers to, dates as written.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::Value;
use uuid::Uuid;

use super::RecordKind;
use crate::model::{
    Category, CommitmentKind, CommitmentStatus, Confidence, EngagementStage, MetricKind,
    RelationshipKind, Sector, Slide, Workspace,
};

/// The names of the stakeholders and metrics in the merged copies, to
/// show references by name.
#[derive(Default)]
pub(super) struct Names(HashMap<Uuid, String>);

impl Names {
    pub fn of(workspaces: &[Option<&Workspace>]) -> Names {
        let mut names = HashMap::new();
        for ws in workspaces.iter().flatten() {
            for s in &ws.stakeholders {
                names.entry(s.id.0).or_insert_with(|| s.name.clone());
            }
            for m in &ws.roadmap.metrics {
                names.entry(m.id.0).or_insert_with(|| m.name.clone());
            }
        }
        Names(names)
    }

    fn name(&self, id: &str) -> String {
        Uuid::parse_str(id)
            .ok()
            .and_then(|id| self.0.get(&id))
            .map_or_else(|| id.to_string(), |name| format!("“{name}”"))
    }
}

fn label<T: DeserializeOwned + std::fmt::Display>(value: &Value) -> Option<String> {
    serde_json::from_value::<T>(value.clone())
        .ok()
        .map(|v| v.to_string())
}

/// The label of a closed-list value of `field` in a record of `kind`.
fn enum_label(kind: RecordKind, field: &str, value: &Value) -> Option<String> {
    match (kind, field) {
        (_, "category") => label::<Category>(value),
        (_, "sector") => label::<Sector>(value),
        (_, "confidence") => label::<Confidence>(value),
        (_, "stage") => label::<EngagementStage>(value),
        (_, "status") => label::<CommitmentStatus>(value),
        (RecordKind::Relationship, "kind") => label::<RelationshipKind>(value),
        (RecordKind::Commitment, "kind") => label::<CommitmentKind>(value),
        (RecordKind::Metric, "kind") => label::<MetricKind>(value),
        _ => None,
    }
}

/// A plain value: text as it is, yes/no, numbers, lists joined.
fn plain(value: &Value) -> String {
    match value {
        Value::Null => "none".into(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Number(n) => n.to_string(),
        Value::String(text) if text.is_empty() => "(empty)".into(),
        Value::String(text) => text.clone(),
        Value::Array(items) if items.is_empty() => "(none)".into(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Object(_) => value.to_string(),
    }
}

/// History entries: "2024-03-01 Committed; 2025-01-10 Implementing".
fn entries(kind: RecordKind, value: &Value, with_dates: bool) -> String {
    let Some(items) = value.as_array() else {
        return plain(value);
    };
    if items.is_empty() {
        return "no entry".into();
    }
    let shown: Vec<String> = items
        .iter()
        .map(|entry| {
            let what = ["stage", "status"]
                .iter()
                .find_map(|f| entry.get(*f).and_then(|v| enum_label(kind, f, v)))
                .unwrap_or_else(|| plain(entry));
            match entry.get("date").and_then(Value::as_str) {
                Some(date) if with_dates => format!("{date} {what}"),
                _ => what,
            }
        })
        .collect();
    shown.join("; ")
}

/// One field's value as a user reads it; `None` is "not there".
pub(super) fn text(kind: RecordKind, field: &str, value: Option<&Value>, names: &Names) -> String {
    let Some(value) = value else {
        return "not there".into();
    };
    if field.contains('@') {
        return entries(kind, value, false);
    }
    if field.contains('+') {
        let Some(parts) = value.as_object() else {
            return plain(value);
        };
        let separator = if field == "from+to" { " › " } else { " · " };
        return field
            .split('+')
            .map(|member| text(kind, member, parts.get(member), names))
            .collect::<Vec<_>>()
            .join(separator);
    }
    if let Some(label) = enum_label(kind, field, value) {
        return label;
    }
    match (field, value) {
        ("stage_history" | "status_history", _) => entries(kind, value, true),
        ("stakeholder" | "from" | "to" | "metric", Value::String(id)) => names.name(id),
        ("attendees", Value::Array(ids)) if !ids.is_empty() => ids
            .iter()
            .map(|id| id.as_str().map_or_else(|| plain(id), |id| names.name(id)))
            .collect::<Vec<_>>()
            .join(", "),
        ("targets", Value::Array(targets)) if !targets.is_empty() => targets
            .iter()
            .map(|t| {
                let metric = t.get("metric").and_then(Value::as_str).unwrap_or_default();
                let amount = t.get("value").map(plain).unwrap_or_default();
                format!("{}: {amount}", names.name(metric))
            })
            .collect::<Vec<_>>()
            .join(", "),
        ("quantity", Value::Object(q)) => format!(
            "{} {}",
            q.get("value").map(plain).unwrap_or_default(),
            q.get("unit").and_then(Value::as_str).unwrap_or_default()
        ),
        ("map_position", Value::Object(p)) => format!(
            "({}, {})",
            p.get("x").map(plain).unwrap_or_default(),
            p.get("y").map(plain).unwrap_or_default()
        ),
        ("map_position", Value::Null) => "its lane's place".into(),
        ("presentation", Value::Array(slides)) if slides.is_empty() => "the default deck".into(),
        ("presentation", Value::Array(slides)) => slides
            .iter()
            .map(|s| label::<Slide>(s).unwrap_or_else(|| plain(s)))
            .collect::<Vec<_>>()
            .join(", "),
        ("tipping_point_percent", Value::Number(n)) => format!("{n} %"),
        ("support", Value::Number(n)) => n
            .as_i64()
            .and_then(|n| i8::try_from(n).ok())
            .map_or_else(|| plain(value), crate::text::signed_score),
        _ => plain(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn closed_lists_show_their_labels_and_histories_their_entries() {
        let names = Names::default();
        let kind = RecordKind::Stakeholder;
        assert_eq!(
            text(kind, "category", Some(&json!("CivilSociety")), &names),
            "Civil society"
        );
        assert_eq!(
            text(
                kind,
                "stage_history@2026-03-01",
                Some(&json!([{"date": "2026-03-01", "stage": "Committed"}])),
                &names
            ),
            "Committed"
        );
        assert_eq!(
            text(kind, "stage_history@2026-03-01", Some(&json!([])), &names),
            "no entry"
        );
        assert_eq!(text(kind, "notes", None, &names), "not there");
        assert_eq!(text(kind, "support", Some(&json!(-2)), &names), "−2");
    }
}
