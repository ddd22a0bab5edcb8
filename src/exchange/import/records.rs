//! One row's cells into a record's fields. Each `fill_*` writes onto a
//! record that is either a copy of the existing one (a match) or a new
//! default: an optional column that is absent keeps the record's value.

use chrono::{Datelike, NaiveDate};

use crate::exchange::values::{
    CATEGORIES, CONFIDENCES, KINDS, RELATIONSHIP_KINDS, STAGES, STATUSES, nfc, parse_bool,
    parse_choice, parse_date, parse_number, parse_score, split_list,
};
use crate::model::{
    Commitment, CommitmentStatus, EngagementStage, MapPoint, MetricId, Quantity, Relationship,
    StageChange, Stakeholder, StatusChange, check_stage_history, check_status_history,
};

use super::columns::ColumnMap;

/// A row's cells with the header that names them; cells come back with
/// export's formula neutralisation undone.
pub(super) struct Cells<'a> {
    pub map: &'a ColumnMap,
    pub cells: &'a [String],
}

impl Cells<'_> {
    pub fn get(&self, name: &str) -> &str {
        crate::exchange::values::restore(self.map.get(self.cells, name))
    }

    pub fn has(&self, name: &str) -> bool {
        self.map.has(name)
    }

    /// The cell when the column is present and the cell is not blank.
    pub fn filled(&self, name: &str) -> Option<&str> {
        Some(self.get(name)).filter(|v| !v.trim().is_empty())
    }

    fn text(&self, name: &str, target: &mut String) {
        if self.has(name) {
            *target = nfc(self.get(name));
        }
    }
}

/// `2021-01-05 shared_vision; 2023-06-01 committed` into dated entries.
fn parse_history<T: Copy + std::fmt::Display>(
    column: &str,
    raw: &str,
    table: &[(T, &'static str)],
) -> Result<Vec<(NaiveDate, T)>, String> {
    raw.split(';')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let (date, value) = entry.split_once(char::is_whitespace).ok_or_else(|| {
                format!("{column} entry “{entry}” is not written “YYYY-MM-DD value”")
            })?;
            Ok((
                parse_date(column, date)?,
                parse_choice(column, value, table)?,
            ))
        })
        .collect()
}

/// Fills a stakeholder; returns whether its stage had to be dated `today`.
pub(super) fn fill_stakeholder(
    s: &mut Stakeholder,
    name: String,
    row: &Cells,
    today: NaiveDate,
) -> Result<bool, String> {
    s.name = name;
    s.category = parse_choice("category", row.get("category"), CATEGORIES)?;
    row.text("region", &mut s.region);
    s.influence = parse_score("influence", row.get("influence"), 1, 5)? as u8;
    s.support = parse_score("support", row.get("support"), -2, 2)? as i8;
    row.text("notes", &mut s.notes);
    row.text("contacts", &mut s.contacts);
    if row.has("tags") {
        s.tags = split_list(row.get("tags"));
    }
    if row.has("confidential") {
        s.confidential = parse_bool("confidential", row.get("confidential"))?;
    }
    fill_map_position(s, row)?;
    fill_stage(s, row, today)
}

fn fill_map_position(s: &mut Stakeholder, row: &Cells) -> Result<(), String> {
    if !row.has("map_x") && !row.has("map_y") {
        return Ok(());
    }
    s.map_position = match (row.filled("map_x"), row.filled("map_y")) {
        (None, None) => None,
        (Some(x), Some(y)) => Some(MapPoint {
            x: parse_number("map_x", x)? as f32,
            y: parse_number("map_y", y)? as f32,
        }),
        _ => return Err("map_x and map_y go together: give both or neither".into()),
    };
    Ok(())
}

fn fill_stage(s: &mut Stakeholder, row: &Cells, today: NaiveDate) -> Result<bool, String> {
    let stage = row
        .filled("stage")
        .map(|raw| parse_choice("stage", raw, STAGES))
        .transpose()?;
    if let Some(raw) = row.filled("stage_history") {
        let history: Vec<StageChange> = parse_history("stage_history", raw, STAGES)?
            .into_iter()
            .map(|(date, stage)| StageChange::new(date, stage))
            .collect();
        check_stage_history(&history, None)?;
        let last = history
            .last()
            .map_or(EngagementStage::NotEngaged, |c| c.stage);
        if let Some(stage) = stage.filter(|&stage| stage != last) {
            return Err(format!(
                "stage_history ends with {} but stage is {}",
                crate::exchange::values::name_of(STAGES, last),
                crate::exchange::values::name_of(STAGES, stage)
            ));
        }
        s.stage_history = history;
        return Ok(false);
    }
    match stage {
        None if row.has("stage") || row.has("stage_history") => {
            s.stage_history.clear();
            Ok(false)
        }
        None => Ok(false),
        Some(EngagementStage::NotEngaged) if s.stage_history.is_empty() => Ok(false),
        Some(stage) if stage == s.stage() => Ok(false),
        Some(stage) => {
            s.set_stage(stage, today);
            Ok(true)
        }
    }
}

/// Fills a commitment (its stakeholder and metric already resolved);
/// returns whether its status had to be dated the day it was made.
pub(super) fn fill_commitment(
    c: &mut Commitment,
    row: &Cells,
    metric: Option<Option<MetricId>>,
) -> Result<bool, String> {
    c.kind = parse_choice("kind", row.get("kind"), KINDS)?;
    c.title = nfc(row.get("title"));
    if c.title.trim().is_empty() {
        return Err("title is empty".into());
    }
    c.made_on = parse_date("made_on", row.get("made_on"))?;
    c.target_year = row
        .filled("target_year")
        .map(|raw| parse_score("target_year", raw, 1900, 2200))
        .transpose()?
        .map(|y| y as i32);
    if let Some(year) = c.target_year.filter(|&y| y < c.made_on.year()) {
        return Err(format!(
            "target_year {year} is before the year it was made ({})",
            c.made_on
        ));
    }
    c.quantity = quantity(row)?;
    if let Some(metric) = metric {
        c.metric = metric;
    }
    row.text("source", &mut c.source);
    row.text("notes", &mut c.notes);
    if row.has("confidential") {
        c.confidential = parse_bool("confidential", row.get("confidential"))?;
    }
    fill_status(c, row)
}

/// A quantity needs a unit and a unit needs a quantity.
fn quantity(row: &Cells) -> Result<Option<Quantity>, String> {
    let unit = nfc(row.get("unit").trim());
    match row.filled("quantity") {
        None if unit.is_empty() => Ok(None),
        None => Err(format!("unit “{unit}” is given without a quantity")),
        Some(raw) if unit.is_empty() => Err(format!(
            "quantity {} has no unit: give one in the unit column",
            raw.trim()
        )),
        Some(raw) => {
            let value = parse_number("quantity", raw)?;
            if value < 0.0 {
                return Err(format!("quantity {value} is negative"));
            }
            Ok(Some(Quantity { value, unit }))
        }
    }
}

fn fill_status(c: &mut Commitment, row: &Cells) -> Result<bool, String> {
    let status = parse_choice("status", row.get("status"), STATUSES)?;
    if let Some(raw) = row.filled("status_history") {
        let history: Vec<StatusChange> = parse_history("status_history", raw, STATUSES)?
            .into_iter()
            .map(|(date, status)| StatusChange { date, status })
            .collect();
        check_status_history(&history, c.made_on, None)?;
        if history.last().map(|h| h.status) != Some(status) {
            return Err(format!(
                "status_history does not end with the status {}",
                crate::exchange::values::name_of(STATUSES, status)
            ));
        }
        c.status_history = history;
        return Ok(false);
    }
    if let Some(raw) = row.filled("status_since") {
        let since = parse_date("status_since", raw)?;
        if since < c.made_on {
            return Err(format!(
                "status_since {since} is before made_on {}",
                c.made_on
            ));
        }
        c.status_history = vec![StatusChange {
            date: c.made_on,
            status: CommitmentStatus::Announced,
        }];
        c.set_status(status, since);
        return Ok(false);
    }
    let kept =
        c.status() == status && check_status_history(&c.status_history, c.made_on, None).is_ok();
    if kept {
        return Ok(false);
    }
    c.status_history = vec![StatusChange {
        date: c.made_on,
        status,
    }];
    // "Announced" on the day made is exact; any other status is a guess.
    Ok(status != CommitmentStatus::Announced)
}

/// Fills a relationship's kind, confidence and note (its ends resolved).
pub(super) fn fill_relationship(r: &mut Relationship, row: &Cells) -> Result<(), String> {
    r.kind = parse_choice("kind", row.get("kind"), RELATIONSHIP_KINDS)?;
    if let Some(raw) = row.filled("confidence") {
        r.confidence = parse_choice("confidence", raw, CONFIDENCES)?;
    }
    row.text("note", &mut r.note);
    Ok(())
}
