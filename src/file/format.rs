//! Text to workspace and back. The text is RON with `format_version` first;
//! writing is deterministic (fixed field order, `\n` newlines, no maps), so
//! two saves of one workspace are byte-identical.

use serde::Deserialize;

use super::error::{FileErrorKind, Position, TextError};
use super::migrate;
use crate::model::limits::printable;
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

/// How files are laid out: one field per line, nesting shown by tabs
/// (a tab is one byte where four spaces are four: files are a third
/// smaller and read faster than with spaces).
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("\t")
        .struct_names(false)
        .separate_tuple_members(false)
}

/// The workspace as file text. Fails only if a value cannot be written as
/// RON at all, which the model's types rule out; the error says which.
pub fn to_text(ws: &Workspace) -> Result<String, ron::Error> {
    let body = ron_options().to_string_pretty(ws, pretty())?;
    Ok(format!("{HEADER}{body}\n"))
}

/// Writes the same bytes as [`to_text`] to `out` as they are made, without
/// holding the whole text in memory (saving a big workspace would
/// otherwise need the text, and the room it grows in, on top of the
/// workspace). A failure to write keeps the writer's own error (a full
/// disk stays a full disk).
pub fn write_text(ws: &Workspace, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(HEADER.as_bytes())?;
    let mut out = KeepError { out, error: None };
    let written = ron_options().to_io_writer_pretty(&mut out, ws, pretty());
    if let Err(err) = written {
        return Err(out.error.take().unwrap_or_else(|| {
            std::io::Error::other(format!("the workspace could not be written as RON: {err}"))
        }));
    }
    out.out.write_all(b"\n")
}

/// A writer that remembers the first error of the one it wraps: ron turns
/// write errors into its own, losing their kind.
struct KeepError<'a> {
    out: &'a mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl std::io::Write for KeepError<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf).map_err(|err| self.keep(err))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush().map_err(|err| self.keep(err))
    }
}

impl KeepError<'_> {
    fn keep(&mut self, err: std::io::Error) -> std::io::Error {
        let copy = std::io::Error::new(err.kind(), err.to_string());
        self.error.get_or_insert(err);
        copy
    }
}

/// A RON error in `text`, in words. An error found where the text stops
/// (a file cut off mid-word reads as "expected a comma" to the parser), or
/// a string that never ends, is reported as a truncated file, which is
/// what it almost always is.
fn syntax_error(text: &str, err: ron::error::SpannedError) -> TextError {
    let start = err.span.start;
    let end = Position::after(text.trim_end());
    // A string that never ends runs to the end of the text: the parser
    // places that error where the string starts.
    let at_the_end = (err.span.end.line, err.span.end.col) >= (end.line, end.column)
        || matches!(err.code, ron::Error::ExpectedStringEnd);
    let message = if at_the_end {
        friendly_ron_message(&ron::Error::Eof)
    } else if let ron::Error::Message(_) = &err.code
        && let Some(message) = date_message(text, start.line)
    {
        message
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

/// The start of the message for a file that stops mid-way; [`super::load`]
/// adds a pointer to the backup when there is one.
pub(crate) const TRUNCATED: &str = "the file ends too early: it looks cut off (truncated)";

/// How much of a parser message is kept: one that quotes a 10 MB string
/// from the file is shortened.
const MAX_MESSAGE_CHARS: usize = 300;

fn friendly_ron_message(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => TRUNCATED.into(),
        ron::Error::ExceededRecursionLimit => {
            format!("brackets are nested more than {RECURSION_LIMIT} deep")
        }
        other => shortened(&other.to_string()),
    }
}

/// `message` cut to [`MAX_MESSAGE_CHARS`] characters, with "…" when cut.
fn shortened(message: &str) -> String {
    let mut short: String = message.chars().take(MAX_MESSAGE_CHARS).collect();
    if message.chars().nth(MAX_MESSAGE_CHARS).is_some() {
        short.push('…');
    }
    short
}

/// The fields that hold a date (`made_on`, `date`).
const DATE_FIELDS: [&str; 2] = ["made_on", "date"];

/// When the parser refused a date that does not exist (2020-09-31) or is
/// not written `YYYY-MM-DD`, a message naming the field and the value.
/// Looks at the line the error is on for `FIELD: "VALUE"`.
fn date_message(text: &str, line: usize) -> Option<String> {
    let line = text.lines().nth(line.checked_sub(1)?)?;
    DATE_FIELDS.iter().find_map(|field| {
        let after = line.split(&format!("{field}: \"")).nth(1)?;
        let value = after.split('"').next()?;
        Some(format!(
            "{field} {} is not a date (dates are written YYYY-MM-DD, such as 2024-03-01)",
            printable(&shortened(value))
        ))
    })
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

/// Just the version, for a file that does not state it first (see
/// [`stated_version`]): a full pass over the text, read before anything
/// else so a newer file is refused with a clear message instead of a
/// confusing type error.
#[derive(Deserialize)]
struct VersionProbe {
    /// `None` when missing; written as a plain number, not `Some(3)`.
    #[serde(default, deserialize_with = "present")]
    format_version: Option<u32>,
}

fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    u32::deserialize(deserializer).map(Some)
}

/// Where the text's first character that is not a space or a comment is,
/// and that character (`None` for a file with nothing in it).
fn first_content(text: &str) -> (usize, Option<char>) {
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        if let Some(comment) = trimmed.strip_prefix("//") {
            rest = comment.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(comment) = trimmed.strip_prefix("/*") {
            rest = comment.split_once("*/").map_or("", |(_, after)| after);
        } else {
            return (text.len() - trimmed.len(), trimmed.chars().next());
        }
    }
}

/// Refuses, in words, a file that cannot be a workspace at all: an empty
/// file, a JSON file, any text that does not open with `(`.
fn check_opening(text: &str) -> Result<(), TextError> {
    let (at, first) = first_content(text);
    let not_a_workspace = |message: String| TextError {
        position: Some(Position::after(&text[..at])),
        kind: FileErrorKind::Syntax,
        message,
    };
    match first {
        None => Err(not_a_workspace(
            "this is not a Flywheel workspace: the file is empty".into(),
        )),
        Some('(') => Ok(()),
        // RON allows the struct's name before its `(`, and `#![enable(…)]`
        // attributes before that.
        Some(c) if c.is_ascii_alphabetic() || c == '#' => Ok(()),
        Some(c) => {
            let position = Position::after(&text[..at]);
            let hint = if matches!(c, '{' | '[') {
                " (it looks like JSON)"
            } else {
                ""
            };
            Err(not_a_workspace(format!(
                "this is not a Flywheel workspace{hint}: expected `(` at {}:{}",
                position.line, position.column
            )))
        }
    }
}

/// `text` from its first character that is not a space or a comment.
fn skip_blank(text: &str) -> &str {
    let (at, _) = first_content(text);
    &text[at..]
}

/// The `format_version` a file states in its opening — `(` (after an
/// optional struct name), then `format_version: N` as the first field, with
/// any spaces and comments between — read without parsing the rest of the
/// file. Every file Flywheel writes opens this way. `None` for any other
/// opening (a hand-edited file with the field elsewhere), which is then
/// read with a full pass.
fn stated_version(text: &str) -> Option<u32> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut rest = skip_blank(text);
    let name_len = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
    if name_len > 0 {
        rest = skip_blank(&rest[name_len..]);
    }
    rest = skip_blank(rest.strip_prefix('(')?);
    rest = rest.strip_prefix("format_version")?;
    if rest.starts_with(is_name) {
        return None;
    }
    rest = skip_blank(skip_blank(rest).strip_prefix(':')?);
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let ends = match rest[digits..].chars().next() {
        None | Some(',' | ')' | '/') => true,
        Some(c) => c.is_whitespace(),
    };
    if digits == 0 || !ends {
        return None;
    }
    rest[..digits].parse().ok()
}

pub(crate) fn parse_text(text: &str) -> Result<Workspace, TextError> {
    check_opening(text)?;
    let stated = match stated_version(text) {
        Some(version) => Some(version),
        None => {
            let probe: VersionProbe = ron_options()
                .from_str(text)
                .map_err(|err| syntax_error(text, err))?;
            probe.format_version
        }
    };
    let Some(version) = stated else {
        return Err(TextError {
            position: None,
            kind: FileErrorKind::Syntax,
            message: "no `format_version`: this is not a Flywheel workspace file".into(),
        });
    };
    if version == 0 {
        return Err(unknown_version(text, version));
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
        migrate::DecodeError::UnknownVersion => unknown_version(text, version),
    })?;
    validate(&workspace).map_err(|err| TextError {
        position: locate_record(text, &err.record),
        kind: FileErrorKind::Invalid,
        message: err.to_string(),
    })?;
    Ok(workspace)
}

fn unknown_version(text: &str, version: u32) -> TextError {
    TextError {
        position: locate(text, "format_version"),
        kind: FileErrorKind::UnknownVersion,
        message: format!(
            "format_version {version} is not a version Flywheel ever wrote \
             (this Flywheel reads formats 1 to {FORMAT_VERSION})"
        ),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streaming_writes_the_same_bytes_as_the_text() {
        let ws = crate::synthetic::synthetic_workspace(30, 60, 200, 7);
        let mut streamed = Vec::new();
        write_text(&ws, &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), to_text(&ws).unwrap());
    }

    #[test]
    fn the_stated_version_is_read_from_the_opening_only() {
        let saved = to_text(&Workspace::new("T", crate::model::Sector::IronSteel)).unwrap();
        assert_eq!(stated_version(&saved), Some(FORMAT_VERSION));
        assert_eq!(stated_version("(format_version: 2, title: \"x\")"), Some(2));
        assert_eq!(
            stated_version(
                "// note\n/* block */ Workspace ( /* c */ format_version /* c */ : 1\n)"
            ),
            Some(1)
        );
        assert_eq!(stated_version("(format_version:3)"), Some(3));
        // Anything else is left to the full pass.
        assert_eq!(stated_version("(title: \"x\", format_version: 3)"), None);
        assert_eq!(stated_version("(format_versions: 3)"), None);
        assert_eq!(stated_version("(format_version: 3.5)"), None);
        assert_eq!(stated_version("(format_version: Some(3))"), None);
        assert_eq!(stated_version("(format_version: 99999999999)"), None);
        assert_eq!(
            stated_version("#![enable(implicit_some)] (format_version: 3)"),
            None
        );
        assert_eq!(stated_version(""), None);
    }

    #[test]
    fn a_file_with_the_version_elsewhere_still_loads() {
        let saved = to_text(&Workspace::new("T", crate::model::Sector::IronSteel)).unwrap();
        let moved = saved.replacen(&format!("format_version: {FORMAT_VERSION},"), "", 1);
        let body = moved.trim_end().strip_suffix(')').unwrap();
        let moved = format!("{body}\tformat_version: {FORMAT_VERSION},\n)\n");
        assert_ne!(moved, saved);
        assert_eq!(stated_version(&moved), None);
        assert_eq!(
            parse_text(&moved).map(|ws| ws.title).map_err(|e| e.message),
            Ok("T".to_string())
        );
    }
}
