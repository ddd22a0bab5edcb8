use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::limits::printable;

/// A line and column in a file, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position just after `prefix`, the text before it.
    pub fn after(prefix: &str) -> Self {
        let line = prefix.matches('\n').count() + 1;
        let line_start = prefix.rfind('\n').map_or(0, |at| at + 1);
        let column = prefix[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

/// Why a workspace file could not be read or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileErrorKind {
    /// The operating system refused: missing file, no permission, disk full…
    Io,
    /// Larger than [`super::MAX_FILE_BYTES`]; it was not read.
    TooLarge,
    /// Not text: bytes that are not UTF-8.
    NotUtf8,
    /// Not valid RON, or not shaped like a workspace.
    Syntax,
    /// Written by a newer Flywheel than this one.
    NewerVersion,
    /// A version number no Flywheel ever wrote.
    UnknownVersion,
    /// Well-formed but breaks an invariant (a dangling reference, a score out of range…).
    Invalid,
    /// The workspace could not be turned into RON text; nothing was written.
    Serialize,
    /// A folder, a named pipe, a device or a socket where a file was
    /// expected; it was neither read nor written.
    NotRegularFile,
    /// The user cancelled opening or saving the file; nothing changed.
    Cancelled,
}

/// A file problem with the path and, where known, the position, ready to be
/// shown as `FILE:LINE:COLUMN: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub position: Option<Position>,
    pub kind: FileErrorKind,
    pub message: String,
}

impl FileError {
    pub(crate) fn new(path: &Path, kind: FileErrorKind, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            position: None,
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn io(path: &Path, action: &str, err: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        let reason = match err.kind() {
            ErrorKind::NotFound => "the file or its folder does not exist".to_string(),
            ErrorKind::PermissionDenied => "permission denied".to_string(),
            ErrorKind::StorageFull => "the disk is full".to_string(),
            ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
            ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_string(),
            _ => err.to_string(),
        };
        Self::new(
            path,
            FileErrorKind::Io,
            format!("could not {action}: {reason}"),
        )
    }
}

/// One line, safe for a terminal: control characters in the path or the
/// message (which may quote the file) are escaped, never printed raw.
impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display().to_string();
        let path = printable(&path);
        let message = printable(&self.message);
        match self.position {
            Some(Position { line, column }) => {
                write!(f, "{path}:{line}:{column}: {message}")
            }
            None => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for FileError {}

/// A problem in a text, before it is tied to a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TextError {
    pub position: Option<Position>,
    pub kind: FileErrorKind,
    pub message: String,
}

impl TextError {
    pub fn at(self, path: &Path) -> FileError {
        FileError {
            path: path.to_path_buf(),
            position: self.position,
            kind: self.kind,
            message: self.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        assert_eq!(Position::after(""), Position { line: 1, column: 1 });
        assert_eq!(Position::after("ab\ncé"), Position { line: 2, column: 3 });
    }
}
