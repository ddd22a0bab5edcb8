//! The command line: `flywheel [FILE]` opens the window, `flywheel check FILE`
//! validates a file without one.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::file;

/// Flywheel: map, track and grow an industry decarbonisation coalition.
#[derive(Debug, Parser)]
#[command(name = "flywheel", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A workspace file (.ron) to open.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a workspace file without opening a window: prints a summary
    /// and exits 0, or prints FILE:LINE:COLUMN: message and exits 1.
    Check {
        /// The workspace file to check.
        file: PathBuf,
    },
}

/// The one-line summary `check` prints for a valid file.
pub fn check(path: &Path) -> Result<String, file::FileError> {
    let ws = file::load(path)?;
    Ok(format!(
        "{}: ok: \"{}\" ({}): {} stakeholders, {} relationships, {} commitments",
        path.display(),
        ws.title,
        ws.sector,
        ws.stakeholders.len(),
        ws.relationships.len(),
        ws.commitments.len()
    ))
}
