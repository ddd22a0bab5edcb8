//! The columns of each table: which are required, and which hold text (and
//! so are neutralised against formulas on export).

use std::collections::BTreeMap;

use super::{ImportError, Table, TableKind};

/// One column of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    /// Free or list text, neutralised on export; numbers, dates and choices are not.
    pub text: bool,
}

const fn col(name: &'static str, required: bool, text: bool) -> Column {
    Column {
        name,
        required,
        text,
    }
}

const STAKEHOLDERS: &[Column] = &[
    col("id", false, false),
    col("name", true, true),
    col("category", true, false),
    col("region", true, true),
    col("influence", true, false),
    col("support", true, false),
    col("stage", false, false),
    col("stage_history", false, false),
    col("tags", false, true),
    col("notes", true, true),
    col("contacts", false, true),
    col("confidential", false, false),
    col("map_x", false, false),
    col("map_y", false, false),
];

const COMMITMENTS: &[Column] = &[
    col("id", false, false),
    col("stakeholder", true, true),
    col("kind", true, false),
    col("title", true, true),
    col("made_on", true, false),
    col("target_year", true, false),
    col("quantity", true, false),
    col("unit", true, true),
    col("status", true, false),
    col("status_since", false, false),
    col("status_history", false, false),
    col("metric", false, true),
    col("source", true, true),
    col("notes", false, true),
    col("confidential", false, false),
];

const RELATIONSHIPS: &[Column] = &[
    col("id", false, false),
    col("from", true, true),
    col("to", true, true),
    col("kind", true, false),
    col("confidence", false, false),
    col("note", false, true),
];

/// The columns of a table of `kind`, in the order export writes them.
pub fn columns_of(kind: TableKind) -> &'static [Column] {
    match kind {
        TableKind::Stakeholders => STAKEHOLDERS,
        TableKind::Commitments => COMMITMENTS,
        TableKind::Relationships => RELATIONSHIPS,
    }
}

/// Column name → its position in a table's header.
#[derive(Clone, Debug, Default)]
pub(super) struct ColumnMap(BTreeMap<&'static str, usize>);

impl ColumnMap {
    /// Whether the table has the column at all (absent optional columns keep
    /// an existing record's value).
    pub(super) fn has(&self, name: &str) -> bool {
        self.0.contains_key(name)
    }

    /// The cell of column `name` in `cells`, `""` when absent.
    pub(super) fn get<'a>(&self, cells: &'a [String], name: &str) -> &'a str {
        self.0
            .get(name)
            .and_then(|&i| cells.get(i))
            .map_or("", String::as_str)
    }
}

/// `file` or `file [sheet]`, for messages about a whole table.
pub(super) fn place(file: &str, sheet: Option<&str>) -> String {
    match sheet {
        Some(sheet) => format!("{file} [{sheet}]"),
        None => file.to_string(),
    }
}

/// Checks a header against its kind: every column known, none twice, every
/// required one present.
pub(super) fn resolve(table: &Table) -> Result<ColumnMap, ImportError> {
    let place = place(&table.file, table.sheet.as_deref());
    let known = columns_of(table.kind);
    let mut map = BTreeMap::new();
    for (i, name) in table.header.iter().enumerate() {
        let Some(column) = known.iter().find(|c| c.name == name) else {
            return Err(ImportError::UnknownColumn {
                place,
                kind: table.kind,
                column: name.clone(),
                allowed: known.iter().map(|c| c.name).collect::<Vec<_>>().join(", "),
            });
        };
        if map.insert(column.name, i).is_some() {
            return Err(ImportError::DuplicateColumn {
                place,
                column: name.clone(),
            });
        }
    }
    if let Some(missing) = known
        .iter()
        .find(|c| c.required && !map.contains_key(c.name))
    {
        return Err(ImportError::MissingColumn {
            place,
            kind: table.kind,
            column: missing.name.to_string(),
        });
    }
    Ok(ColumnMap(map))
}

/// The kind a header reveals.
pub(super) fn kind_from_header(header: &[String]) -> Option<TableKind> {
    let has = |name: &str| header.iter().any(|h| h == name);
    if has("category") {
        Some(TableKind::Stakeholders)
    } else if has("kind") && has("stakeholder") {
        Some(TableKind::Commitments)
    } else if has("from") && has("to") {
        Some(TableKind::Relationships)
    } else {
        None
    }
}
