//! Text to workspace and back. The text is RON with `format_version` first;
//! writing is deterministic (fixed field order, `\n` newlines, no maps), so
//! two saves of one workspace are byte-identical.

use serde::Deserialize;

use super::error::{FileErrorKind, Position, TextError};
use super::migrate;
use crate::model::{FORMAT_VERSION, RecordRef, Workspace, validate};

/// The first lines of every saved file, so a colleague who opens the
/// attachment in a text editor knows what it is.
const HEADER: &str = "// Flywheel coalition workspace. Open it with Flywheel (`flywheel FILE`);\n\
// check it with `flywheel check FILE`. Plain RON: it diffs line by line.\n";

/// Nesting deeper than this is refused, so a hostile file cannot exhaust the stack.
const RECURSION_LIMIT: usize = 64;

fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

/// The workspace as file text. Fails only if a value cannot be written as
/// RON at all, which the model's types rule out; the error says which.
pub fn to_text(ws: &Workspace) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .separate_tuple_members(false);
    let body = ron_options().to_string_pretty(ws, config)?;
    Ok(format!("{HEADER}{body}\n"))
}

/// A RON error in `text`, in words. An error found where the text stops
/// (a file cut off mid-word reads as "expected a comma" to the parser) is
/// reported as a truncated file, which is what it almost always is.
fn syntax_error(text: &str, err: ron::error::SpannedError) -> TextError {
    let start = err.span.start;
    let end = Position::after(text.trim_end());
    let at_the_end = (err.span.end.line, err.span.end.col) >= (end.line, end.column);
    let message = if at_the_end {
        friendly_ron_message(&ron::Error::Eof)
    } else {
        friendly_ron_message(&err.code)
    };
    TextError {
        position: Some(Position {
            line: start.line,
            column: start.col,
        }),
        kind: FileErrorKind::Syntax,
        message,
    }
}

fn friendly_ron_message(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => "the file ends too early: it may be cut off (truncated)".into(),
        ron::Error::ExceededRecursionLimit => {
            format!("brackets are nested more than {RECURSION_LIMIT} deep")
        }
        other => other.to_string(),
    }
}

/// Parses bytes as a workspace file: checks UTF-8, reads the format version,
/// migrates older versions and checks every invariant.
pub(crate) fn parse_bytes(bytes: &[u8]) -> Result<Workspace, TextError> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        TextError {
            position: Some(Position::after(prefix)),
            kind: FileErrorKind::NotUtf8,
            message: "this is not a text file: it contains bytes that are not UTF-8".into(),
        }
    })?;
    parse_text(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Just the version, read before anything else so a newer file is refused
/// with a clear message instead of a confusing type error.
#[derive(Deserialize)]
struct VersionProbe {
    /// Zero when missing: no Flywheel ever wrote format 0.
    #[serde(default)]
    format_version: u32,
}

pub(crate) fn parse_text(text: &str) -> Result<Workspace, TextError> {
    let probe: VersionProbe = ron_options()
        .from_str(text)
        .map_err(|err| syntax_error(text, err))?;
    let version = probe.format_version;
    if version == 0 {
        return Err(TextError {
            position: None,
            kind: FileErrorKind::Syntax,
            message: "no `format_version`: this is not a Flywheel workspace file".into(),
        });
    }
    if version > FORMAT_VERSION {
        return Err(TextError {
            position: locate(text, "format_version"),
            kind: FileErrorKind::NewerVersion,
            message: format!(
                "made by a newer Flywheel (format {version}); please update \
                 (this Flywheel reads formats up to {FORMAT_VERSION})"
            ),
        });
    }
    let workspace = migrate::decode(version, text, &ron_options()).map_err(|err| match err {
        migrate::DecodeError::Ron(err) => syntax_error(text, err),
        migrate::DecodeError::UnknownVersion => TextError {
            position: locate(text, "format_version"),
            kind: FileErrorKind::UnknownVersion,
            message: format!("format {version} was never written by any Flywheel"),
        },
    })?;
    validate(&workspace).map_err(|err| TextError {
        position: locate_record(text, &err.record),
        kind: FileErrorKind::Invalid,
        message: err.to_string(),
    })?;
    Ok(workspace)
}

fn locate(text: &str, needle: &str) -> Option<Position> {
    text.find(needle).map(|at| Position::after(&text[..at]))
}

/// Where a record starts in the text: the last place its id is declared
/// (the second one, for an id used twice), or its milestone year.
fn locate_record(text: &str, record: &RecordRef) -> Option<Position> {
    let needle = match record {
        RecordRef::Milestone { year } => format!("year: {year}"),
        RecordRef::Workspace => return None,
        other => format!("id: \"{}\"", other.id()?),
    };
    text.rfind(&needle).map(|at| Position::after(&text[..at]))
}
