//! `flywheel share FILE -o OUT.ron`: save a share copy that leaves
//! confidential data out (see [`crate::exchange::share`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::exchange::share::{ShareCounts, ShareOptions, share_copy_counted};
use crate::file;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace file to copy.
    pub file: PathBuf,
    /// Where to save the share copy (.ron).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Also remove everyone's influence and support scores.
    #[arg(long)]
    pub without_scores: bool,
    /// Replace OUTPUT if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Why a command could not write its output.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output exists and `--force` was not given.
    #[error("{0}: already exists; not overwritten (use --force to replace it)")]
    Exists(PathBuf),
    /// The output is the input: a share copy must never replace its original.
    #[error("{0}: is the file being read; choose another output")]
    SameAsInput(PathBuf),
    #[error("{0}")]
    File(#[from] file::FileError),
}

pub(super) fn run(args: &Args) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    match share(args, today) {
        Ok(counts) => {
            println!("{}: share copy saved", args.output.display());
            for line in counts.lines() {
                println!("  {line}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// Refuses to replace `output` unless `force`, and never replaces `input`.
pub(super) fn check_output(input: &Path, output: &Path, force: bool) -> Result<(), OutputError> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(OutputError::SameAsInput(output.to_path_buf()));
    }
    if output.exists() && !force {
        return Err(OutputError::Exists(output.to_path_buf()));
    }
    Ok(())
}

/// Loads, copies and saves; returns what was removed.
pub fn share(args: &Args, today: NaiveDate) -> Result<ShareCounts, OutputError> {
    check_output(&args.file, &args.output, args.force)?;
    let ws = file::load(&args.file)?;
    let options = ShareOptions {
        without_scores: args.without_scores,
    };
    let (copy, counts) = share_copy_counted(&ws, &options, today);
    file::save(&copy, &args.output)?;
    Ok(counts)
}
