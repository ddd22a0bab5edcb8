//! Spreadsheets in: CSV, .xlsx and .ods tables of stakeholders, commitments
//! and relationships become a plan (what would be created, what is
//! unchanged, what conflicts, what is skipped and why), and the plan is
//! applied to a copy of the workspace. Nothing here changes the base.
//!
//! Matching: a stakeholder row matches by `id` when given, else by name
//! (trimmed, NFC, any case); a commitment by `id`, else by stakeholder and
//! title (NFC, any case); a relationship by `id`, else by from, to and kind.

mod apply;
mod columns;
mod plan;
mod read;
mod records;

use std::fmt;

use crate::model::{Commitment, Relationship, Stakeholder};

pub use crate::jobs::Progress;
pub use columns::{Column, columns_of};
pub use plan::plan;
pub use read::{read_bytes, read_path};

/// What a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableKind {
    Stakeholders,
    Commitments,
    Relationships,
}

impl TableKind {
    /// Every kind, in the order a plan reads them (stakeholders first, so
    /// the others can refer to new ones).
    pub const ALL: [TableKind; 3] = [
        TableKind::Stakeholders,
        TableKind::Relationships,
        TableKind::Commitments,
    ];

    /// The sheet name and file stem: `stakeholders`, …
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Stakeholders => "stakeholders",
            TableKind::Commitments => "commitments",
            TableKind::Relationships => "relationships",
        }
    }
}

impl fmt::Display for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One data row as read: its cells (in header order) and where it was.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The data row number, 1 for the first row under the header.
    pub row: usize,
    /// The physical line (CSV) or spreadsheet row where the record starts.
    pub line: usize,
    pub cells: Vec<String>,
}

/// A table read from a CSV file or a workbook sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The file's name as the user gave it.
    pub file: String,
    /// The sheet, for workbooks.
    pub sheet: Option<String>,
    pub kind: TableKind,
    /// Column names, trimmed and in lower case.
    pub header: Vec<String>,
    /// Data rows; wholly blank rows are left out (their numbers are kept).
    pub rows: Vec<Row>,
    /// What reading noticed, such as sheets that were ignored.
    pub warnings: Vec<String>,
}

/// Where a row came from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    /// Data row number; 0 for a note about the whole file.
    pub row: usize,
    /// Physical line (CSV) or spreadsheet row where the record starts.
    pub line: usize,
}

impl Location {
    fn of(table: &Table, row: &Row) -> Self {
        Self {
            file: table.file.clone(),
            sheet: table.sheet.clone(),
            row: row.row,
            line: row.line,
        }
    }

    fn whole(table: &Table) -> Self {
        Self {
            file: table.file.clone(),
            sheet: table.sheet.clone(),
            row: 0,
            line: 0,
        }
    }
}

impl fmt::Display for Location {
    /// `members.csv: row 7 (line 9)`, or `book.xlsx [Stakeholders]: row 2 (line 3)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, " [{sheet}]")?;
        }
        if self.row > 0 {
            write!(f, ": row {} (line {})", self.row, self.line)?;
        }
        Ok(())
    }
}

/// A record as the import would write it.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Stakeholder(Stakeholder),
    Commitment(Commitment),
    Relationship(Relationship),
}

/// A row that creates a record or finds it unchanged.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedRecord {
    pub location: Location,
    /// `stakeholder “Keelwater Steel”`, `commitment “…” of “…”`, …
    pub what: String,
    pub record: Record,
}

/// One field that differs between the workspace and the import.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDiff {
    pub field: &'static str,
    pub existing: String,
    pub imported: String,
}

/// A row that matches an existing record with different values.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub location: Location,
    /// `stakeholder “Keelwater Steel”`.
    pub what: String,
    pub fields: Vec<FieldDiff>,
    /// The record as it would be with the imported values (existing id).
    pub imported: Record,
}

/// How to settle one conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Resolution {
    #[default]
    KeepExisting,
    TakeImported,
}

/// A row that was not imported, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct SkippedRow {
    pub location: Location,
    pub reason: String,
}

/// A warning that did not stop a row (trimmed name, similar names, ignored sheet).
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub location: Location,
    pub text: String,
}

/// What an import would do. Built by [`plan`]; [`ImportPlan::apply`] makes
/// the new workspace, [`ImportPlan::report`] says what happened.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    /// New records, in file order (stakeholders, relationships, commitments).
    pub created: Vec<PlannedRecord>,
    pub unchanged: Vec<PlannedRecord>,
    pub conflicts: Vec<Conflict>,
    pub skipped: Vec<SkippedRow>,
    pub warnings: Vec<Note>,
    /// Commitments with no status date: their status is dated the day made.
    pub undated_statuses: usize,
    /// Stakeholders whose stage had no date: dated the import's "today".
    pub undated_stages: usize,
}

/// Why nothing could be imported. Each message is a whole sentence naming
/// the file (and sheet and line where there is one).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: could not be read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: line {line} is not UTF-8 text; in Excel, use Save As and choose \
         “CSV UTF-8 (Comma delimited)”, then import again"
    )]
    NotUtf8 { file: String, line: usize },
    #[error("{file}: line {line}: the CSV could not be read: {message}")]
    Csv {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}: the workbook could not be read: {message}")]
    Workbook { file: String, message: String },
    #[error(
        "{file}: no sheet is named stakeholders, commitments or relationships \
         (its sheets: {sheets})"
    )]
    NoKnownSheet { file: String, sheets: String },
    #[error("{file}: “{extension}” files cannot be imported; use .csv, .xlsx or .ods")]
    UnsupportedFormat { file: String, extension: String },
    #[error("{place}: there is no header row")]
    NoHeader { place: String },
    #[error(
        "{place}: the header does not say what the table holds (stakeholders have a \
         “category” column, commitments “stakeholder” and “kind”, relationships “from” \
         and “to”)"
    )]
    UnknownTable { place: String },
    #[error("{place}: unknown column “{column}” in a {kind} table; the columns are: {allowed}")]
    UnknownColumn {
        place: String,
        kind: TableKind,
        column: String,
        allowed: String,
    },
    #[error("{place}: the required column “{column}” of a {kind} table is missing")]
    MissingColumn {
        place: String,
        kind: TableKind,
        column: String,
    },
    #[error("{place}: the column “{column}” appears twice")]
    DuplicateColumn { place: String, column: String },
    #[error("the import was cancelled; nothing was changed")]
    Cancelled,
}
