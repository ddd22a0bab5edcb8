//! Building an [`ImportPlan`]: every row is matched against the base
//! workspace and the rows before it, then parsed; nothing is changed.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::exchange::cells::{
    Cell, Names, commitment_cells, relationship_cells, stakeholder_cells,
};
use crate::exchange::values::{name_key, nfc, similarity_key};
use crate::model::{
    Category, Commitment, CommitmentId, CommitmentKind, MetricId, Relationship, RelationshipId,
    RelationshipKind, Stakeholder, StakeholderId, Workspace,
};

use super::columns::{columns_of, resolve};
use super::records::{Cells, fill_commitment, fill_relationship, fill_stakeholder};
use super::{
    Conflict, FieldDiff, ImportError, ImportPlan, Location, Note, PlannedRecord, Progress, Record,
    SkippedRow, Table, TableKind,
};
use crate::model::validate::{check_commitment, check_relationship, check_stakeholder};

/// Which record a row is about.
enum Target<Id> {
    /// The record at this position in the base workspace.
    Existing(usize),
    New(Id),
}

/// Lookups over the base workspace and the rows planned so far. The hash
/// maps are only ever looked up, never iterated, so output stays ordered.
struct Planner<'a> {
    base: &'a Workspace,
    names: Names,
    today: NaiveDate,
    out: ImportPlan,
    stakeholder_at: HashMap<StakeholderId, usize>,
    created_stakeholders: HashSet<StakeholderId>,
    created_names: HashMap<StakeholderId, String>,
    stakeholders_named: HashMap<String, Vec<StakeholderId>>,
    similar: HashMap<String, String>,
    seen_stakeholders: HashMap<StakeholderId, (usize, usize)>,
    metrics_named: HashMap<String, Vec<MetricId>>,
    commitment_at: HashMap<CommitmentId, usize>,
    commitment_keys: HashMap<(StakeholderId, String), CommitmentId>,
    seen_commitments: HashMap<CommitmentId, (usize, usize)>,
    relationship_at: HashMap<RelationshipId, usize>,
    relationship_keys: HashMap<(StakeholderId, StakeholderId, RelationshipKind), RelationshipId>,
    seen_relationships: HashMap<RelationshipId, (usize, usize)>,
}

/// Works out what importing `tables` into `base` would do. Pure: `base` is
/// not changed. `today` dates stages given without a date. Errors only for
/// a table that cannot be read as a whole (unknown or missing column) or a
/// cancel through `progress`; bad rows are skipped with a reason.
pub fn plan(
    base: &Workspace,
    tables: &[Table],
    today: NaiveDate,
    progress: &Progress,
) -> Result<ImportPlan, ImportError> {
    let maps = tables.iter().map(resolve).collect::<Result<Vec<_>, _>>()?;
    let rows: usize = tables.iter().map(|t| t.rows.len()).sum();
    progress.begin("Checking rows", crate::jobs::Unit::Rows, rows as u64);
    let mut planner = Planner::new(base, today);
    for table in tables {
        for text in &table.warnings {
            planner.warn(Location::whole(table), text.clone());
        }
    }
    for kind in TableKind::ALL {
        for (table, map) in tables.iter().zip(&maps).filter(|(t, _)| t.kind == kind) {
            for (i, row) in table.rows.iter().enumerate() {
                if i % 256 == 0 && progress.is_cancelled() {
                    return Err(ImportError::Cancelled);
                }
                let location = Location::of(table, row);
                let cells = Cells {
                    map,
                    cells: &row.cells,
                };
                planner.row(kind, location, &cells, table.header.len());
                progress.advance();
            }
        }
    }
    Ok(planner.out)
}

fn index<K: std::hash::Hash + Eq, V>(items: impl Iterator<Item = (K, V)>) -> HashMap<K, V> {
    items.collect()
}

impl<'a> Planner<'a> {
    fn new(base: &'a Workspace, today: NaiveDate) -> Self {
        let mut stakeholders_named: HashMap<String, Vec<StakeholderId>> = HashMap::new();
        let mut similar = HashMap::new();
        for s in &base.stakeholders {
            stakeholders_named
                .entry(name_key(&s.name))
                .or_default()
                .push(s.id);
            similar
                .entry(similarity_key(&s.name))
                .or_insert_with(|| s.name.clone());
        }
        let mut metrics_named: HashMap<String, Vec<MetricId>> = HashMap::new();
        for m in &base.roadmap.metrics {
            metrics_named
                .entry(name_key(&m.name))
                .or_default()
                .push(m.id);
        }
        Self {
            base,
            names: Names::of(base),
            today,
            out: ImportPlan::default(),
            stakeholder_at: index(base.stakeholders.iter().enumerate().map(|(i, s)| (s.id, i))),
            created_stakeholders: HashSet::new(),
            created_names: HashMap::new(),
            stakeholders_named,
            similar,
            seen_stakeholders: HashMap::new(),
            metrics_named,
            commitment_at: index(base.commitments.iter().enumerate().map(|(i, c)| (c.id, i))),
            commitment_keys: index(
                base.commitments
                    .iter()
                    .map(|c| ((c.stakeholder, name_key(&c.title)), c.id)),
            ),
            seen_commitments: HashMap::new(),
            relationship_at: index(
                base.relationships
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (r.id, i)),
            ),
            relationship_keys: index(
                base.relationships
                    .iter()
                    .map(|r| ((r.from, r.to, r.kind), r.id)),
            ),
            seen_relationships: HashMap::new(),
        }
    }

    /// A stakeholder's name for messages, new ones included.
    fn label(&self, id: StakeholderId) -> String {
        self.created_names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| self.names.stakeholder(id))
    }

    fn warn(&mut self, location: Location, text: String) {
        self.out.warnings.push(Note { location, text });
    }

    fn skip(&mut self, location: Location, reason: String) {
        self.out.skipped.push(SkippedRow { location, reason });
    }

    fn row(&mut self, kind: TableKind, location: Location, cells: &Cells, width: usize) {
        if cells.cells.len() > width && cells.cells[width..].iter().any(|c| !c.trim().is_empty()) {
            let reason = format!(
                "the row has {} cells but the header names {width} columns",
                cells.cells.len()
            );
            return self.skip(location, reason);
        }
        let result = match kind {
            TableKind::Stakeholders => self.stakeholder_row(&location, cells),
            TableKind::Commitments => self.commitment_row(&location, cells),
            TableKind::Relationships => self.relationship_row(&location, cells),
        };
        if let Err(reason) = result {
            self.skip(location, reason);
        }
    }

    /// A stakeholder named or identified in a cell, from the base or this import.
    fn find_stakeholder(&self, column: &str, raw: &str) -> Result<StakeholderId, String> {
        let raw = nfc(raw.trim());
        if let Ok(uuid) = uuid::Uuid::parse_str(&raw) {
            let id = StakeholderId(uuid);
            if self.stakeholder_at.contains_key(&id) || self.created_stakeholders.contains(&id) {
                return Ok(id);
            }
        }
        match self
            .stakeholders_named
            .get(&name_key(&raw))
            .map(Vec::as_slice)
        {
            Some([id]) => Ok(*id),
            Some(many) if many.len() > 1 => Err(format!(
                "{column} “{raw}” names {} stakeholders: give its id instead",
                many.len()
            )),
            _ if raw.is_empty() => Err(format!("{column} is empty")),
            _ => Err(format!(
                "{column} “{raw}” is not a stakeholder of the workspace or of this import"
            )),
        }
    }

    /// The `metric` cell: `None` when the column is absent (keep), `Some(None)` when blank.
    fn find_metric(&self, cells: &Cells) -> Result<Option<Option<MetricId>>, String> {
        if !cells.has("metric") {
            return Ok(None);
        }
        let Some(raw) = cells.filled("metric") else {
            return Ok(Some(None));
        };
        let raw = nfc(raw.trim());
        if let Ok(uuid) = uuid::Uuid::parse_str(&raw)
            && self.base.roadmap.metric(MetricId(uuid)).is_some()
        {
            return Ok(Some(Some(MetricId(uuid))));
        }
        match self.metrics_named.get(&name_key(&raw)).map(Vec::as_slice) {
            Some([id]) => Ok(Some(Some(*id))),
            Some(many) if many.len() > 1 => Err(format!(
                "metric “{raw}” names {} roadmap metrics: give its id instead",
                many.len()
            )),
            _ => {
                let known: Vec<&str> = self
                    .base
                    .roadmap
                    .metrics
                    .iter()
                    .map(|m| m.name.as_str())
                    .collect();
                Err(format!(
                    "metric “{raw}” is not a roadmap metric (the roadmap has: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ))
            }
        }
    }
}

/// A cell's `id`: `None` when blank, refused when it is not an id.
fn parse_id(cells: &Cells) -> Result<Option<uuid::Uuid>, String> {
    cells
        .filled("id")
        .map(|raw| {
            uuid::Uuid::parse_str(raw.trim())
                .map_err(|_| format!("id “{}” is not a valid id (a UUID)", raw.trim()))
        })
        .transpose()
}

/// The fields that differ, by column (ids aside).
fn diff(kind: TableKind, existing: &[Cell], imported: &[Cell]) -> Vec<FieldDiff> {
    columns_of(kind)
        .iter()
        .zip(existing.iter().zip(imported))
        .skip(1)
        .filter(|(_, (a, b))| a.text() != b.text())
        .map(|(column, (a, b))| FieldDiff {
            field: column.name,
            existing: a.text(),
            imported: b.text(),
        })
        .collect()
}

/// The reason a second row for the same record is skipped; `first` is the
/// (row, line) of the first.
fn duplicate(what: &str, first: &(usize, usize)) -> String {
    format!(
        "{what} appears again: it was first at row {} (line {}); this row is skipped",
        first.0, first.1
    )
}

impl Planner<'_> {
    /// Records an outcome for a matched or new record.
    fn settle(
        &mut self,
        location: Location,
        what: String,
        fields: Option<Vec<FieldDiff>>,
        record: Record,
    ) {
        match fields {
            None => self.out.created.push(PlannedRecord {
                location,
                what,
                record,
            }),
            Some(fields) if fields.is_empty() => self.out.unchanged.push(PlannedRecord {
                location,
                what,
                record,
            }),
            Some(fields) => self.out.conflicts.push(Conflict {
                location,
                what,
                fields,
                imported: record,
            }),
        }
    }

    fn stakeholder_target(
        &self,
        name: &str,
        id: Option<uuid::Uuid>,
    ) -> Result<Target<StakeholderId>, String> {
        let named = self.stakeholders_named.get(&name_key(name));
        let Some(id) = id.map(StakeholderId) else {
            return match named.map(Vec::as_slice) {
                None | Some([]) => Ok(Target::New(StakeholderId::new_random())),
                Some([id]) => Ok(self
                    .stakeholder_at
                    .get(id)
                    .map_or(Target::New(*id), |&at| Target::Existing(at))),
                Some(many) => Err(format!(
                    "name “{name}” matches {} stakeholders: give the id of the one meant",
                    many.len()
                )),
            };
        };
        if let Some(&at) = self.stakeholder_at.get(&id) {
            return Ok(Target::Existing(at));
        }
        // A new id with the name of a stakeholder already in the workspace
        // would quietly make a second one: refused. Rows of this import with
        // different ids are different stakeholders, even with one name.
        let in_base =
            |other: &&StakeholderId| **other != id && self.stakeholder_at.contains_key(other);
        match named.and_then(|ids| ids.iter().find(in_base)) {
            Some(other) => Err(format!(
                "id {id} is new, but the name “{name}” already belongs to stakeholder {other}"
            )),
            None => Ok(Target::New(id)),
        }
    }

    fn stakeholder_row(&mut self, location: &Location, cells: &Cells) -> Result<(), String> {
        let raw_name = cells.get("name");
        let name = nfc(raw_name.trim());
        if name.is_empty() {
            return Err("name is empty".into());
        }
        let id = parse_id(cells)?;
        let target = self.stakeholder_target(&name, id)?;
        let (mut record, existing) = match target {
            Target::Existing(at) => (self.base.stakeholders[at].clone(), true),
            Target::New(id) => {
                let mut s = Stakeholder::new(name.clone(), Category::Industry);
                s.id = id;
                (s, false)
            }
        };
        if let Some(first) = self.seen_stakeholders.get(&record.id) {
            return Err(duplicate(&format!("stakeholder “{name}”"), first));
        }
        let undated = fill_stakeholder(&mut record, name.clone(), cells, self.today)?;
        // The file's limits (name length, dates, …) say why a row is
        // skipped here, rather than refusing the whole import later.
        check_stakeholder(&record).map_err(|err| err.message)?;
        if raw_name.trim() != raw_name {
            self.warn(
                location.clone(),
                format!("the name “{name}” had spaces around it; they were removed"),
            );
        }
        self.out.undated_stages += usize::from(undated);
        self.seen_stakeholders
            .insert(record.id, (location.row, location.line));
        let what = format!("stakeholder “{name}”");
        let fields = existing.then(|| {
            let at = self
                .stakeholder_at
                .get(&record.id)
                .copied()
                .unwrap_or_default();
            diff(
                TableKind::Stakeholders,
                &stakeholder_cells(&self.base.stakeholders[at]),
                &stakeholder_cells(&record),
            )
        });
        if !existing {
            self.note_new_stakeholder(location, &record);
        }
        self.settle(location.clone(), what, fields, Record::Stakeholder(record));
        Ok(())
    }

    /// Makes a new stakeholder findable by later rows, and warns when its
    /// name is like another one's.
    fn note_new_stakeholder(&mut self, location: &Location, s: &Stakeholder) {
        let similar = similarity_key(&s.name);
        match self.similar.get(&similar) {
            Some(other) if name_key(other) != name_key(&s.name) && !similar.is_empty() => {
                let text = format!(
                    "“{}” looks like “{other}”: it was created as a separate stakeholder; \
                     merge them in the app if they are the same",
                    s.name
                );
                self.warn(location.clone(), text);
            }
            Some(_) => {}
            None => {
                self.similar.insert(similar, s.name.clone());
            }
        }
        self.created_stakeholders.insert(s.id);
        self.created_names.insert(s.id, s.name.clone());
        self.stakeholders_named
            .entry(name_key(&s.name))
            .or_default()
            .push(s.id);
    }

    fn commitment_target(
        &self,
        stakeholder: StakeholderId,
        title: &str,
        id: Option<uuid::Uuid>,
    ) -> Result<Target<CommitmentId>, String> {
        let keyed = self.commitment_keys.get(&(stakeholder, name_key(title)));
        let Some(id) = id.map(CommitmentId) else {
            return Ok(match keyed {
                Some(id) => self
                    .commitment_at
                    .get(id)
                    .map_or(Target::New(*id), |&at| Target::Existing(at)),
                None => Target::New(CommitmentId::new_random()),
            });
        };
        if let Some(&at) = self.commitment_at.get(&id) {
            return Ok(Target::Existing(at));
        }
        match keyed {
            Some(other) if *other != id && self.commitment_at.contains_key(other) => Err(format!(
                "id {id} is new, but this stakeholder's commitment “{title}” already has id {other}"
            )),
            _ => Ok(Target::New(id)),
        }
    }

    fn commitment_row(&mut self, location: &Location, cells: &Cells) -> Result<(), String> {
        let stakeholder = self.find_stakeholder("stakeholder", cells.get("stakeholder"))?;
        let title = nfc(cells.get("title"));
        let id = parse_id(cells)?;
        let metric = self.find_metric(cells)?;
        let target = self.commitment_target(stakeholder, &title, id)?;
        let (mut record, existing) = match target {
            Target::Existing(at) => (self.base.commitments[at].clone(), Some(at)),
            Target::New(id) => {
                let c = Commitment {
                    id,
                    stakeholder,
                    kind: CommitmentKind::Project,
                    title: String::new(),
                    made_on: self.today,
                    target_year: None,
                    quantity: None,
                    metric: None,
                    status_history: Vec::new(),
                    source: String::new(),
                    notes: String::new(),
                    confidential: false,
                    workshop: None,
                };
                (c, None)
            }
        };
        let what = format!("commitment “{title}” of “{}”", self.label(stakeholder));
        if let Some(first) = self.seen_commitments.get(&record.id) {
            return Err(duplicate(&what, first));
        }
        record.stakeholder = stakeholder;
        let undated = fill_commitment(&mut record, cells, metric)?;
        check_commitment(&record, |_| true, |_| true).map_err(|err| err.message)?;
        self.out.undated_statuses += usize::from(undated);
        self.seen_commitments
            .insert(record.id, (location.row, location.line));
        let fields = existing.map(|at| {
            diff(
                TableKind::Commitments,
                &commitment_cells(&self.base.commitments[at], &self.names),
                &commitment_cells(&record, &self.names),
            )
        });
        if existing.is_none() {
            self.commitment_keys
                .insert((stakeholder, name_key(&record.title)), record.id);
        }
        self.settle(location.clone(), what, fields, Record::Commitment(record));
        Ok(())
    }

    fn relationship_row(&mut self, location: &Location, cells: &Cells) -> Result<(), String> {
        let from = self.find_stakeholder("from", cells.get("from"))?;
        let to = self.find_stakeholder("to", cells.get("to"))?;
        if from == to {
            return Err("from and to are the same stakeholder".into());
        }
        let mut record = Relationship::new(from, to, RelationshipKind::PartnersWith);
        fill_relationship(&mut record, cells)?;
        let key = (from, to, record.kind);
        let id = parse_id(cells)?.map(RelationshipId);
        let existing = match id {
            Some(id) => self.relationship_at.get(&id).copied(),
            None => self
                .relationship_keys
                .get(&key)
                .and_then(|id| self.relationship_at.get(id).copied()),
        };
        let what = format!(
            "relationship “{}” {} “{}”",
            self.label(from),
            record.kind,
            self.label(to)
        );
        record.id = match (existing, id, self.relationship_keys.get(&key)) {
            (Some(at), _, _) => self.base.relationships[at].id,
            (None, Some(id), _) => id,
            (None, None, Some(created)) => *created,
            (None, None, None) => record.id,
        };
        if let Some(first) = self.seen_relationships.get(&record.id) {
            return Err(duplicate(&what, first));
        }
        if let Some(at) = existing {
            let mut merged = self.base.relationships[at].clone();
            merged.from = from;
            merged.to = to;
            fill_relationship(&mut merged, cells)?;
            record = merged;
        }
        check_relationship(&record, |_| true).map_err(|err| err.message)?;
        self.seen_relationships
            .insert(record.id, (location.row, location.line));
        self.relationship_keys.entry(key).or_insert(record.id);
        let fields = existing.map(|at| {
            diff(
                TableKind::Relationships,
                &relationship_cells(&self.base.relationships[at], &self.names),
                &relationship_cells(&record, &self.names),
            )
        });
        self.settle(location.clone(), what, fields, Record::Relationship(record));
        Ok(())
    }
}
