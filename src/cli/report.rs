//! `flywheel report FILE -o report.html`: the HTML report, or its
//! figures as JSON (see [`crate::exchange::report`]).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::share::{OutputError, check_output};
use crate::exchange::report::{self, ReportOptions};
use crate::file;

/// What the report is written as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained HTML page (needs -o).
    #[default]
    Html,
    /// The figures as JSON, to -o or to stdout.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace file to report on.
    pub file: PathBuf,
    /// Where to write the report; JSON goes to stdout without it.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Html)]
    pub format: Format,
    /// Include confidential data (the report says so at the top).
    #[arg(long)]
    pub internal: bool,
    /// The day the report is as of (YYYY-MM-DD); default today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<NaiveDate>,
    /// Count changes after this day (YYYY-MM-DD); default the latest
    /// workshop before the as-of day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<NaiveDate>,
    /// Replace OUTPUT if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Why no report was written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error("an HTML report needs an output file: add -o report.html")]
    NoOutput,
    #[error("could not write the figures as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl From<file::FileError> for ReportError {
    fn from(err: file::FileError) -> Self {
        ReportError::Output(OutputError::File(err))
    }
}

pub(super) fn run(args: &Args) -> ExitCode {
    // The only place the report reads the clock.
    let today = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    match report(args, today) {
        Ok(Some(text)) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the report; returns the JSON when it goes to stdout.
pub fn report(args: &Args, today: NaiveDate) -> Result<Option<String>, ReportError> {
    match &args.output {
        Some(output) => check_output(&args.file, output, args.force)?,
        None if args.format == Format::Html => return Err(ReportError::NoOutput),
        None => {}
    }
    let ws = file::load(&args.file)?;
    let options = ReportOptions {
        internal: args.internal,
        since: args.since,
    };
    let text = match args.format {
        Format::Html => report::html(&ws, &options, today),
        Format::Json => {
            serde_json::to_string_pretty(&report::report_figures(&ws, &options, today))? + "\n"
        }
    };
    match &args.output {
        Some(output) => {
            file::export(output, text.as_bytes())?;
            eprintln!("{}: report written (as of {today})", output.display());
            Ok(None)
        }
        None => Ok(Some(text.trim_end().to_string())),
    }
}
