//! Records as rows of typed cells, in the column order of
//! [`crate::exchange::import::columns_of`]. Export writes these cells; the
//! import compares them to list the fields of a conflict.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::{Commitment, MetricId, Relationship, Stakeholder, StakeholderId, Workspace};

use super::values::{
    CATEGORIES, CONFIDENCES, KINDS, RELATIONSHIP_KINDS, STAGES, STATUSES, name_key, name_of,
};

/// One cell of an exported row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Free text, neutralised against formulas on export.
    Text(String),
    /// A closed-list value, a list or a history: never starts like a formula.
    Plain(String),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    /// The cell as a CSV writes it (before neutralisation).
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Plain(s) => s.clone(),
            Cell::Number(x) => x.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// How a workspace's references read in a file: stakeholders by name (by id
/// when the name is blank or shared), metrics by name (likewise).
#[derive(Clone, Debug, Default)]
pub struct Names {
    stakeholders: BTreeMap<StakeholderId, String>,
    metrics: BTreeMap<MetricId, String>,
}

impl Names {
    /// The names `ws` refers to its records by.
    pub fn of(ws: &Workspace) -> Self {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for s in &ws.stakeholders {
            *counts.entry(name_key(&s.name)).or_default() += 1;
        }
        let stakeholders = ws
            .stakeholders
            .iter()
            .map(|s| {
                let key = name_key(&s.name);
                let unique = !key.is_empty() && counts.get(&key) == Some(&1);
                (
                    s.id,
                    if unique {
                        s.name.clone()
                    } else {
                        s.id.to_string()
                    },
                )
            })
            .collect();
        let mut metric_counts: BTreeMap<String, usize> = BTreeMap::new();
        for m in &ws.roadmap.metrics {
            *metric_counts.entry(name_key(&m.name)).or_default() += 1;
        }
        let metrics = ws
            .roadmap
            .metrics
            .iter()
            .map(|m| {
                let unique = metric_counts.get(&name_key(&m.name)) == Some(&1);
                (
                    m.id,
                    if unique {
                        m.name.clone()
                    } else {
                        m.id.to_string()
                    },
                )
            })
            .collect();
        Self {
            stakeholders,
            metrics,
        }
    }

    /// The stakeholder as written in a `stakeholder`, `from` or `to` cell.
    pub fn stakeholder(&self, id: StakeholderId) -> String {
        self.stakeholders
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// The metric as written in a `metric` cell.
    pub fn metric(&self, id: MetricId) -> String {
        self.metrics
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn plain(s: String) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Plain(s)
    }
}

fn flag(b: bool) -> Cell {
    Cell::Plain(if b { "true" } else { "false" }.to_string())
}

/// A stakeholder's row.
pub fn stakeholder_cells(s: &Stakeholder) -> Vec<Cell> {
    let history = s
        .stage_history
        .iter()
        .map(|c| format!("{} {}", c.date, name_of(STAGES, c.stage)))
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        Cell::Plain(s.id.to_string()),
        text(&s.name),
        Cell::Plain(name_of(CATEGORIES, s.category).to_string()),
        text(&s.region),
        Cell::Number(f64::from(s.influence)),
        Cell::Number(f64::from(s.support)),
        Cell::Plain(name_of(STAGES, s.stage()).to_string()),
        plain(history),
        text(&s.tags.join("; ")),
        text(&s.notes),
        text(&s.contacts),
        flag(s.confidential),
        s.map_position
            .map_or(Cell::Empty, |p| Cell::Plain(p.x.to_string())),
        s.map_position
            .map_or(Cell::Empty, |p| Cell::Plain(p.y.to_string())),
    ]
}

/// A commitment's row.
pub fn commitment_cells(c: &Commitment, names: &Names) -> Vec<Cell> {
    let history = c
        .status_history
        .iter()
        .map(|s| format!("{} {}", s.date, name_of(STATUSES, s.status)))
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        Cell::Plain(c.id.to_string()),
        text(&names.stakeholder(c.stakeholder)),
        Cell::Plain(name_of(KINDS, c.kind).to_string()),
        text(&c.title),
        Cell::Date(c.made_on),
        c.target_year
            .map_or(Cell::Empty, |y| Cell::Number(f64::from(y))),
        c.quantity
            .as_ref()
            .map_or(Cell::Empty, |q| Cell::Number(q.value)),
        c.quantity.as_ref().map_or(Cell::Empty, |q| text(&q.unit)),
        Cell::Plain(name_of(STATUSES, c.status()).to_string()),
        Cell::Date(c.status_since()),
        plain(history),
        c.metric.map_or(Cell::Empty, |m| text(&names.metric(m))),
        text(&c.source),
        text(&c.notes),
        flag(c.confidential),
    ]
}

/// A relationship's row.
pub fn relationship_cells(r: &Relationship, names: &Names) -> Vec<Cell> {
    vec![
        Cell::Plain(r.id.to_string()),
        text(&names.stakeholder(r.from)),
        text(&names.stakeholder(r.to)),
        Cell::Plain(name_of(RELATIONSHIP_KINDS, r.kind).to_string()),
        Cell::Plain(name_of(CONFIDENCES, r.confidence).to_string()),
        text(&r.note),
    ]
}
