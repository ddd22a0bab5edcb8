//! `flywheel merge MINE THEIRS [--base BASE] -o OUT.ron`: merge a
//! colleague's copy, and `flywheel merge-driver %O %A %B %P`: the same as
//! git's merge driver for workspace files (see docs/sharing-and-merging.md).
//! Both keep mine's values where the copies conflict and record the
//! conflicts in the file, so Flywheel shows the merge review when it is
//! opened.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::file::{self, FileError, versions::Versions};
use crate::merge::{Merge, change_counts, merge, merged_workspace};
use crate::model::Workspace;

/// The exit code when conflicts were left for the review.
const CONFLICTS: u8 = 3;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Your copy.
    pub mine: PathBuf,
    /// The colleague's copy, merged into yours.
    pub theirs: PathBuf,
    /// The copy both grew from. Without it, the newest save both come from
    /// among the versions Flywheel kept; without one, every field that
    /// differs is a conflict.
    #[arg(long)]
    pub base: Option<PathBuf>,
    /// Where to save the merged workspace (.ron).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Replace OUTPUT if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct DriverArgs {
    /// %O: the common ancestor's version.
    pub base: PathBuf,
    /// %A: the current branch's version; the result is written here.
    pub mine: PathBuf,
    /// %B: the other branch's version.
    pub theirs: PathBuf,
    /// %P: the file's path in the repository, for messages.
    pub path: Option<String>,
}

pub(super) fn run(args: &Args) -> ExitCode {
    if args.output.exists() && !args.force {
        eprintln!(
            "{}: already exists; not overwritten (use --force to replace it)",
            args.output.display()
        );
        return ExitCode::FAILURE;
    }
    let merged = (|| -> Result<_, FileError> {
        let mine = file::load(&args.mine)?;
        let theirs = file::load(&args.theirs)?;
        let (base, base_label) = match &args.base {
            Some(path) => (Some(file::load(path)?), path.display().to_string()),
            None => kept_base(&mine, &theirs),
        };
        let merge = merge(base.as_ref(), &mine, &theirs);
        let ws = merged_workspace(&merge, &mine, &theirs);
        file::save(&ws, &args.output)?;
        Ok((merge, base_label))
    })();
    match merged {
        Ok((merge, base)) => {
            println!(
                "{}: {} merged into {}",
                args.output.display(),
                args.theirs.display(),
                args.mine.display()
            );
            report(&merge, &base, &args.output.display().to_string())
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

/// The newest save both copies come from, among the versions kept in the
/// data folder, and how to name it.
fn kept_base(mine: &Workspace, theirs: &Workspace) -> (Option<Workspace>, String) {
    let (Some(mine), Some(theirs)) = (&mine.lineage, &theirs.lineage) else {
        return (None, "none (a copy from before format 5)".into());
    };
    let Some(versions) = Versions::in_data_dir() else {
        return (None, "none (this computer has no data folder)".into());
    };
    match versions.base(mine, theirs) {
        Some(kept) => match versions.load(&kept) {
            Ok(ws) => (
                Some(ws),
                format!("the version saved {}", kept.saved.format("%Y-%m-%d %H:%M")),
            ),
            Err(err) => (
                None,
                format!("none (the kept version is unreadable: {err})"),
            ),
        },
        None => (
            None,
            "none (no save both copies come from is kept here)".into(),
        ),
    }
}

/// Prints what the merge took and every conflict; the exit code.
fn report(merge: &Merge, base: &str, output: &str) -> ExitCode {
    let (added, changed, deleted) = change_counts(&merge.changes);
    println!("  base: {base}");
    println!("  from theirs: {added} added, {changed} changed, {deleted} deleted");
    if merge.conflicts.is_empty() {
        println!("  no conflicts");
        return ExitCode::SUCCESS;
    }
    println!(
        "  {} conflicts, mine kept for now; open {output} in Flywheel to choose:",
        merge.conflicts.len()
    );
    for c in &merge.conflicts {
        println!(
            "  - {}: {} — mine: {}; theirs: {}; base: {}",
            c.record_ref(),
            c.label,
            c.mine_text,
            c.theirs_text,
            c.base_text
        );
    }
    ExitCode::from(CONFLICTS)
}

/// git's merge driver: writes the merge to %A; exits 0 when clean, 1 with
/// conflicts left (recorded in the file) or on an error (then %A is left
/// as it was, and git reports the file as conflicted).
pub(super) fn run_driver(args: &DriverArgs) -> ExitCode {
    let name = args
        .path
        .clone()
        .unwrap_or_else(|| args.mine.display().to_string());
    match drive(args) {
        Ok(merge) if merge.conflicts.is_empty() => ExitCode::SUCCESS,
        Ok(merge) => {
            eprintln!(
                "flywheel: {name}: {} conflicts recorded; open it in Flywheel to choose",
                merge.conflicts.len()
            );
            for c in &merge.conflicts {
                eprintln!("  - {}: {}", c.record_ref(), c.label);
            }
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("flywheel: {name}: not merged: {err}");
            ExitCode::FAILURE
        }
    }
}

fn drive(args: &DriverArgs) -> Result<Merge, FileError> {
    // Without a common version (both branches added the file) git gives an
    // empty one: the merge is then two-way.
    let empty = std::fs::metadata(&args.base).is_ok_and(|m| m.len() == 0);
    let base = if empty {
        None
    } else {
        Some(file::load(&args.base)?)
    };
    let mine = file::load(&args.mine)?;
    let theirs = file::load(&args.theirs)?;
    let merge = merge(base.as_ref(), &mine, &theirs);
    let ws = merged_workspace(&merge, &mine, &theirs);
    write_in_place(&ws, &args.mine)?;
    Ok(merge)
}

/// Writes `ws` over `path` atomically, without a backup beside it (git's
/// temporary files must not leave `.bak` files in the work tree).
fn write_in_place(ws: &Workspace, path: &Path) -> Result<(), FileError> {
    crate::model::validate(ws).map_err(|err| {
        FileError::new(
            path,
            file::FileErrorKind::Invalid,
            format!("the merge is inconsistent: {err}"),
        )
    })?;
    let text = file::to_text(ws).map_err(|err| {
        FileError::new(
            path,
            file::FileErrorKind::Io,
            format!("could not write: {err}"),
        )
    })?;
    file::export(path, text.as_bytes())
}
