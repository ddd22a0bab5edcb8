//! `flywheel import`: stakeholders, commitments and relationships from CSV
//! files or a workbook into a workspace file, with a report of every row
//! that was not imported.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::exchange::import::{self, ImportPlan, Progress, Resolution, Table, TableKind};
use crate::exchange::values::{SECTORS, parse_choice};
use crate::model::Workspace;
use crate::{assets, file};

/// Exit code when a file was written but rows were skipped or conflicts kept.
const PARTIAL: u8 = 3;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A CSV file of stakeholders.
    #[arg(long, value_name = "S.csv")]
    pub stakeholders: Option<PathBuf>,
    /// A CSV file of commitments.
    #[arg(long, value_name = "C.csv")]
    pub commitments: Option<PathBuf>,
    /// A CSV file of relationships.
    #[arg(long, value_name = "R.csv")]
    pub relationships: Option<PathBuf>,
    /// A workbook (.xlsx or .ods) with sheets named stakeholders,
    /// commitments and relationships.
    #[arg(long, value_name = "W.xlsx")]
    pub workbook: Option<PathBuf>,
    /// Import into this workspace instead of a new one.
    #[arg(long, value_name = "EXISTING.ron")]
    pub into: Option<PathBuf>,
    /// The sector of a new workspace (its template's roadmap is used).
    #[arg(long)]
    pub sector: Option<String>,
    /// Take the imported values where a row conflicts with a record.
    #[arg(long)]
    pub update: bool,
    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,
    /// The title of a new workspace.
    #[arg(long)]
    pub title: Option<String>,
    /// The workspace file to write.
    #[arg(short = 'o', long = "out", value_name = "OUT.ron")]
    pub out: PathBuf,
}

pub(super) fn run(args: &Args) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    match import_files(args, today) {
        Ok((plan, lines)) => {
            for line in lines {
                println!("{line}");
            }
            println!("Wrote {}.", args.out.display());
            if plan {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(PARTIAL)
            }
        }
        Err(message) => {
            eprintln!("flywheel import: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads, plans, applies and saves; returns whether every row was imported,
/// and the report.
fn import_files(args: &Args, today: chrono::NaiveDate) -> Result<(bool, Vec<String>), String> {
    if args.out.exists() && !args.force {
        return Err(format!(
            "{} exists; nothing was written (use --force to overwrite it)",
            args.out.display()
        ));
    }
    let tables = read_tables(args)?;
    let base = base_workspace(args)?;
    let plan: ImportPlan =
        import::plan(&base, &tables, today, &Progress::default()).map_err(|e| e.to_string())?;
    let resolution = if args.update {
        Resolution::TakeImported
    } else {
        Resolution::KeepExisting
    };
    let resolutions = vec![resolution; plan.conflicts.len()];
    let mut ws = plan.apply(&base, &resolutions);
    // A save like the app's: a new revision, made from the base's.
    ws.lineage = Some(crate::model::Lineage::next(ws.lineage.as_ref()));
    file::save(&ws, &args.out).map_err(|e| e.to_string())?;
    Ok((
        plan.is_complete_with(&resolutions),
        plan.report(&resolutions),
    ))
}

fn read_tables(args: &Args) -> Result<Vec<Table>, String> {
    let sources: [(Option<&Path>, Option<TableKind>); 4] = [
        (args.stakeholders.as_deref(), Some(TableKind::Stakeholders)),
        (args.commitments.as_deref(), Some(TableKind::Commitments)),
        (
            args.relationships.as_deref(),
            Some(TableKind::Relationships),
        ),
        (args.workbook.as_deref(), None),
    ];
    if sources.iter().all(|(path, _)| path.is_none()) {
        return Err(
            "give at least one of --stakeholders, --commitments, --relationships or --workbook"
                .into(),
        );
    }
    let mut tables = Vec::new();
    for (path, kind) in sources {
        if let Some(path) = path {
            tables.extend(import::read_path(path, kind).map_err(|e| e.to_string())?);
        }
    }
    Ok(tables)
}

fn base_workspace(args: &Args) -> Result<Workspace, String> {
    if let Some(into) = &args.into {
        return file::load(into).map_err(|e| e.to_string());
    }
    let allowed = || {
        SECTORS
            .iter()
            .map(|(_, name)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let raw = args.sector.as_deref().ok_or_else(|| {
        format!(
            "a new workspace needs --sector (one of: {}), or give --into EXISTING.ron",
            allowed()
        )
    })?;
    let sector = parse_choice("--sector", raw, SECTORS)?;
    let mut ws = assets::template(sector).map_err(|e| e.to_string())?;
    if let Some(title) = &args.title {
        ws.title = title.clone();
    }
    Ok(ws)
}
