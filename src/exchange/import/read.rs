//! Reading tables: CSV through the `csv` crate (quoted commas, doubled
//! quotes, line breaks inside quotes; UTF-8 with or without BOM; LF or
//! CRLF), workbooks through calamine. Every cell becomes text: numbers as
//! written, Excel date cells as `YYYY-MM-DD`.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader};

use super::columns::{kind_from_header, place, resolve};
use super::{ImportError, Row, Table, TableKind};

/// Reads a file: a CSV gives one table, a workbook one per known sheet.
/// `kind` says what a CSV holds when its header should not decide.
pub fn read_path(path: &Path, kind: Option<TableKind>) -> Result<Vec<Table>, ImportError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        file: name.clone(),
        source,
    })?;
    read_bytes(&name, &bytes, kind)
}

/// Reads a file's bytes; the format comes from the name's extension
/// (`.csv`, `.xlsx`, `.xlsm`, `.xls`, `.ods`; anything else is read as CSV
/// when a `kind` is given).
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    kind: Option<TableKind>,
) -> Result<Vec<Table>, ImportError> {
    let extension = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(name, bytes),
        "csv" | "txt" => Ok(vec![read_csv(name, bytes, kind)?]),
        _ if kind.is_some() => Ok(vec![read_csv(name, bytes, kind)?]),
        _ => Err(ImportError::UnsupportedFormat {
            file: name.to_string(),
            extension,
        }),
    }
}

/// The header as compared: trimmed, lower case; trailing blank columns dropped.
fn clean_header(cells: impl Iterator<Item = String>) -> Vec<String> {
    let mut header: Vec<String> = cells
        .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    while header.last().is_some_and(String::is_empty) {
        header.pop();
    }
    header
}

fn finish_table(
    file: &str,
    sheet: Option<String>,
    header: Vec<String>,
    rows: Vec<Row>,
    kind: Option<TableKind>,
) -> Result<Table, ImportError> {
    let place = place(file, sheet.as_deref());
    if header.is_empty() {
        return Err(ImportError::NoHeader { place });
    }
    let kind = kind
        .or_else(|| kind_from_header(&header))
        .ok_or(ImportError::UnknownTable { place })?;
    let table = Table {
        file: file.to_string(),
        sheet,
        kind,
        header,
        rows,
        warnings: Vec::new(),
    };
    resolve(&table)?;
    Ok(table)
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

fn read_csv(file: &str, bytes: &[u8], kind: Option<TableKind>) -> Result<Table, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(err) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..err.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        return Err(ImportError::NotUtf8 {
            file: file.to_string(),
            line,
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut data_row = 0;
    let mut lines = LineCounter::default();
    loop {
        let line = reader.position().line() as usize;
        let more = reader
            .read_record(&mut record)
            .map_err(|err| ImportError::Csv {
                file: file.to_string(),
                line: err.position().map_or(line, |p| p.line() as usize),
                message: err.to_string(),
            })?;
        if !more {
            break;
        }
        let line = record
            .position()
            .map_or(line, |p| lines.line_at(bytes, p.byte() as usize));
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if header.is_empty() {
            header = clean_header(cells.into_iter());
            continue;
        }
        data_row += 1;
        if !is_blank(&cells) {
            rows.push(Row {
                row: data_row,
                line,
                cells,
            });
        }
    }
    finish_table(file, None, header, rows, kind)
}

/// Physical line numbers from byte offsets, counted once from the start.
/// (The csv crate's own line count lags by one after a CRLF.)
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    /// The line of the record starting at byte `start` (or just before it,
    /// at the end of the previous line's CRLF).
    fn line_at(&mut self, bytes: &[u8], start: usize) -> usize {
        let mut start = start.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= self.offset {
            self.line += bytes[self.offset..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.offset = start;
        }
        self.line + 1
    }
}

/// A workbook cell as text: whole numbers without `.0`, dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| d.as_f64().to_string(), |t| t.date().to_string()),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_workbook(file: &str, bytes: &[u8]) -> Result<Vec<Table>, ImportError> {
    let broken = |message: String| ImportError::Workbook {
        file: file.to_string(),
        message,
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|err| broken(err.to_string()))?;
    let names = book.sheet_names();
    let mut tables = Vec::new();
    let mut ignored = Vec::new();
    for sheet in &names {
        let kind = TableKind::ALL
            .into_iter()
            .find(|k| k.name() == sheet.trim().to_lowercase());
        let Some(kind) = kind else {
            ignored.push(sheet.clone());
            continue;
        };
        let range = book
            .worksheet_range(sheet)
            .map_err(|err| broken(format!("sheet “{sheet}”: {err}")))?;
        tables.push(sheet_table(file, sheet, kind, &range)?);
    }
    let Some(first) = tables.first_mut() else {
        return Err(ImportError::NoKnownSheet {
            file: file.to_string(),
            sheets: names.join(", "),
        });
    };
    first.warnings.extend(ignored.iter().map(|sheet| {
        format!(
            "sheet “{sheet}” was ignored: only stakeholders, commitments and relationships are read"
        )
    }));
    Ok(tables)
}

fn sheet_table(
    file: &str,
    sheet: &str,
    kind: TableKind,
    range: &calamine::Range<Data>,
) -> Result<Table, ImportError> {
    let first_line = range.start().map_or(1, |(row, _)| row as usize + 1);
    let mut rows_iter = range.rows();
    let header = rows_iter
        .next()
        .map(|cells| clean_header(cells.iter().map(cell_text)))
        .unwrap_or_default();
    let rows = rows_iter
        .enumerate()
        .map(|(i, cells)| Row {
            row: i + 1,
            line: first_line + i + 1,
            cells: cells.iter().map(cell_text).collect(),
        })
        .filter(|row| !is_blank(&row.cells))
        .collect();
    finish_table(file, Some(sheet.to_string()), header, rows, Some(kind))
}
