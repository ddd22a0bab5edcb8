//! Spreadsheets out: `stakeholders.csv`, `commitments.csv` and
//! `relationships.csv`, or one `.xlsx` with a sheet each, with every column
//! the import reads, so export → import gives the same records back.
//!
//! CSV files are UTF-8 with a BOM (so Excel reads accents and scripts
//! right) and CRLF line ends (RFC 4180, and what Excel writes). Text cells
//! are neutralised against formulas (see [`crate::exchange::values::neutralise`]);
//! numbers, dates, ids and list values are not (they never start like a
//! formula, except a negative number, which the import reads as a number).

use std::path::{Path, PathBuf};

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::exchange::cells::{
    Cell, Names, commitment_cells, relationship_cells, stakeholder_cells,
};
use crate::exchange::import::{TableKind, columns_of};
use crate::exchange::values::neutralise;
use crate::file;
use crate::jobs::{Progress, Unit};
use crate::model::Workspace;

/// Why an export failed; nothing partial is left behind.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: could not be written: {message}")]
    Write { path: String, message: String },
    #[error("the workbook could not be built: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("the CSV could not be built: {0}")]
    Csv(String),
    #[error("the export was cancelled; nothing was written")]
    Cancelled,
}

/// Every table as rows of cells, in workspace order.
fn tables(ws: &Workspace) -> [(TableKind, Vec<Vec<Cell>>); 3] {
    let names = Names::of(ws);
    [
        (
            TableKind::Stakeholders,
            ws.stakeholders.iter().map(stakeholder_cells).collect(),
        ),
        (
            TableKind::Commitments,
            ws.commitments
                .iter()
                .map(|c| commitment_cells(c, &names))
                .collect(),
        ),
        (
            TableKind::Relationships,
            ws.relationships
                .iter()
                .map(|r| relationship_cells(r, &names))
                .collect(),
        ),
    ]
}

/// A cell as CSV text: text neutralised, the rest as written.
fn csv_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => neutralise(s),
        other => other.text(),
    }
}

fn csv_bytes(kind: TableKind, rows: &[Vec<Cell>]) -> Result<Vec<u8>, ExportError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);
    let fail = |err: csv::Error| ExportError::Csv(err.to_string());
    writer
        .write_record(columns_of(kind).iter().map(|c| c.name))
        .map_err(fail)?;
    for row in rows {
        writer
            .write_record(row.iter().map(csv_text))
            .map_err(fail)?;
    }
    writer
        .flush()
        .map_err(|err| ExportError::Csv(err.to_string()))?;
    drop(writer);
    Ok(out)
}

/// The three CSV files in memory: (file name, bytes).
pub fn csv_files(ws: &Workspace) -> Result<[(String, Vec<u8>); 3], ExportError> {
    let [a, b, c] = tables(ws);
    let file = |(kind, rows): (TableKind, Vec<Vec<Cell>>)| {
        csv_bytes(kind, &rows).map(|bytes| (format!("{}.csv", kind.name()), bytes))
    };
    Ok([file(a)?, file(b)?, file(c)?])
}

fn write_error(path: &Path, err: impl std::fmt::Display) -> ExportError {
    ExportError::Write {
        path: path.display().to_string(),
        message: err.to_string(),
    }
}

/// Writes the three CSV files into `dir` (created if missing), each
/// atomically; returns their paths.
pub fn write_csv_dir(ws: &Workspace, dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    write_csv_dir_with(ws, dir, &Progress::default())
}

/// [`write_csv_dir`], stopping before any file is written when `progress`
/// is cancelled.
pub fn write_csv_dir_with(
    ws: &Workspace,
    dir: &Path,
    progress: &Progress,
) -> Result<Vec<PathBuf>, ExportError> {
    progress.begin("Building the CSV files", Unit::None, 0);
    let files = csv_files(ws)?;
    if progress.is_cancelled() {
        return Err(ExportError::Cancelled);
    }
    progress.begin("Writing the files", Unit::None, 0);
    std::fs::create_dir_all(dir).map_err(|err| write_error(dir, err))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        file::export(&path, &bytes).map_err(|err| write_error(&path, err))?;
        written.push(path);
    }
    Ok(written)
}

/// The workbook in memory: one sheet per table, bold frozen header with an
/// autofilter, dates as Excel dates, numbers as numbers.
pub fn xlsx_bytes(ws: &Workspace) -> Result<Vec<u8>, ExportError> {
    xlsx_bytes_with(ws, &Progress::default())
}

/// [`xlsx_bytes`], counting rows in `progress` and stopping with
/// [`ExportError::Cancelled`] when it is cancelled.
fn xlsx_bytes_with(ws: &Workspace, progress: &Progress) -> Result<Vec<u8>, ExportError> {
    let rows = ws.stakeholders.len() + ws.commitments.len() + ws.relationships.len();
    progress.begin("Building the workbook", Unit::Rows, rows as u64);
    let mut book = Workbook::new();
    // Level 1 instead of the default 6: a large workbook is written about
    // a third faster for a slightly bigger file.
    book.set_zip_compression_level(1);
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (kind, rows) in tables(ws) {
        // Constant-memory sheets write each finished row out as it goes,
        // with strings inline instead of one shared table: a large
        // workbook is written several times faster. Rows go in order and
        // the column widths come first, as that mode needs.
        let sheet = book.add_worksheet_with_constant_memory()?;
        sheet.set_name(kind.name())?;
        write_sheet(sheet, kind, &rows, &bold, &date, progress)?;
    }
    progress.begin("Compressing the workbook", Unit::None, 0);
    let bytes = book.save_to_buffer()?;
    if progress.is_cancelled() {
        return Err(ExportError::Cancelled);
    }
    Ok(bytes)
}

fn write_sheet(
    sheet: &mut Worksheet,
    kind: TableKind,
    rows: &[Vec<Cell>],
    bold: &Format,
    date: &Format,
    progress: &Progress,
) -> Result<(), ExportError> {
    let columns = columns_of(kind);
    for (i, column) in columns.iter().enumerate() {
        let col = i as u16;
        sheet.write_string_with_format(0, col, column.name, bold)?;
        sheet.set_column_width(col, column_width(column.name, rows, i))?;
    }
    let mut counted = 0;
    for (r, row) in rows.iter().enumerate() {
        if r % 1024 == 0 {
            if progress.is_cancelled() {
                return Err(ExportError::Cancelled);
            }
            progress.add((r - counted) as u64);
            counted = r;
        }
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => sheet.write_string(r, c, neutralise(s))?,
                Cell::Plain(s) => sheet.write_string(r, c, s)?,
                Cell::Number(x) => sheet.write_number(r, c, *x)?,
                Cell::Date(d) => {
                    let day =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, c, &day, date)?
                }
                Cell::Empty => sheet,
            };
        }
    }
    progress.add((rows.len() - counted) as u64);
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(
        0,
        0,
        rows.len() as u32,
        columns.len().saturating_sub(1) as u16,
    )?;
    Ok(())
}

/// Wide enough for the header and the longest of the first rows, within reason.
fn column_width(name: &str, rows: &[Vec<Cell>], column: usize) -> f64 {
    let longest = rows
        .iter()
        .take(200)
        .filter_map(|row| row.get(column))
        .map(|cell| cell.text().chars().count())
        .max()
        .unwrap_or(0);
    (longest.max(name.len() + 3).clamp(8, 50)) as f64 + 1.0
}

/// Writes the workbook atomically.
pub fn write_xlsx(ws: &Workspace, path: &Path) -> Result<(), ExportError> {
    write_xlsx_with(ws, path, &Progress::default())
}

/// [`write_xlsx`], with its progress in rows, stopping before anything is
/// written when `progress` is cancelled.
pub fn write_xlsx_with(
    ws: &Workspace,
    path: &Path,
    progress: &Progress,
) -> Result<(), ExportError> {
    let bytes = xlsx_bytes_with(ws, progress)?;
    progress.begin("Writing the file", Unit::None, 0);
    file::export(path, &bytes).map_err(|err| write_error(path, err))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Sector, Stakeholder};

    #[test]
    fn a_cancelled_export_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::new("T", Sector::Cement);
        ws.stakeholders
            .push(Stakeholder::new("Kiln Co", Category::Industry));
        let progress = Progress::default();
        progress.cancel();
        let xlsx = dir.path().join("t.xlsx");
        let err = write_xlsx_with(&ws, &xlsx, &progress).unwrap_err();
        assert!(matches!(err, ExportError::Cancelled));
        let folder = dir.path().join("csv");
        let err = write_csv_dir_with(&ws, &folder, &progress).unwrap_err();
        assert!(matches!(err, ExportError::Cancelled));
        assert!(!xlsx.exists() && !folder.exists());

        let progress = Progress::default();
        write_xlsx_with(&ws, &xlsx, &progress).unwrap();
        assert!(xlsx.exists());
    }
}
