//! The command line: `flywheel [FILE]` opens the window; each subcommand
//! works without one and lives in its own file here, with its arguments
//! (`Args`) and a `run` that prints its report and returns the exit code.

mod check;
mod export;
mod import;
mod merge;
mod report;
mod share;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use check::check;

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
    Check(check::Args),
    /// Import stakeholders, commitments and relationships from CSV files or
    /// a workbook into a workspace file; prints what was created, unchanged,
    /// in conflict or skipped (with file, row, line and reason). Exits 0
    /// when every row was imported, 3 when rows were skipped or conflicts
    /// kept, 1 when nothing was written.
    Import(import::Args),
    /// Export a workspace's records as CSV files or one .xlsx workbook.
    Export(export::Args),
    /// Save a share copy that leaves contacts, confidential names,
    /// confidential commitment details and team notes out. Never replaces
    /// OUTPUT without --force.
    Share(share::Args),
    /// Write the report (self-contained HTML, or JSON figures).
    /// Leaves confidential data out unless --internal.
    Report(report::Args),
    /// Merge a colleague's copy THEIRS into MINE, record by record, and
    /// save the result to OUTPUT. Prints what came from theirs and every
    /// conflict; where the copies conflict MINE's values are kept and the
    /// conflicts are recorded in OUTPUT, so Flywheel shows the merge review
    /// when it is opened. Exits 0 when clean, 3 with conflicts, 1 on error.
    Merge(merge::Args),
    /// git's merge driver for workspace files: merges %B into %A from %O
    /// and writes the result to %A. Exits 0 when clean, 1 when conflicts
    /// remain (recorded in the file) or on an error. Set up with
    /// `*.ron merge=flywheel` in .gitattributes and
    /// `git config merge.flywheel.driver "flywheel merge-driver %O %A %B %P"`.
    MergeDriver(merge::DriverArgs),
}

/// Runs a subcommand: what it prints goes to stdout (reports) and stderr
/// (errors); the exit code is what scripts read.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Check(args) => check::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Share(args) => share::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Merge(args) => merge::run(&args),
        Command::MergeDriver(args) => merge::run_driver(&args),
    }
}
