//! `flywheel check FILE`: validate a workspace file without a window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::file;
use crate::model::limits::printable;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace file to check.
    pub file: PathBuf,
}

pub(super) fn run(args: &Args) -> ExitCode {
    match check(&args.file) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// The one-line summary `check` prints for a valid file; the title and
/// path are escaped, so the file cannot send control characters to the
/// terminal.
pub fn check(path: &Path) -> Result<String, file::FileError> {
    let ws = file::load(path)?;
    Ok(format!(
        "{}: ok: \"{}\" ({}): {} stakeholders, {} relationships, {} commitments",
        printable(&path.display().to_string()),
        printable(&ws.title),
        ws.sector,
        ws.stakeholders.len(),
        ws.relationships.len(),
        ws.commitments.len()
    ))
}
