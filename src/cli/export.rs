//! `flywheel export FILE --csv DIR | --xlsx OUT.xlsx`: a workspace's
//! records as spreadsheets.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::exchange::export::{write_csv_dir, write_xlsx};
use crate::file;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The workspace file to export.
    pub file: PathBuf,
    /// Write stakeholders.csv, commitments.csv and relationships.csv into DIR.
    #[arg(long, value_name = "DIR", conflicts_with = "xlsx")]
    pub csv: Option<PathBuf>,
    /// Write one workbook with a sheet per table.
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
    /// Overwrite files that exist.
    #[arg(long)]
    pub force: bool,
}

pub(super) fn run(args: &Args) -> ExitCode {
    match export(args) {
        Ok(written) => {
            for path in written {
                println!("Wrote {}.", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("flywheel export: {message}");
            ExitCode::FAILURE
        }
    }
}

fn refuse_existing(paths: &[PathBuf], force: bool) -> Result<(), String> {
    match paths.iter().find(|p| p.exists()) {
        Some(path) if !force => Err(format!(
            "{} exists; nothing was written (use --force to overwrite it)",
            path.display()
        )),
        _ => Ok(()),
    }
}

fn export(args: &Args) -> Result<Vec<PathBuf>, String> {
    let ws = file::load(&args.file).map_err(|e| e.to_string())?;
    if let Some(dir) = &args.csv {
        let paths: Vec<PathBuf> = ["stakeholders", "commitments", "relationships"]
            .iter()
            .map(|name| dir.join(format!("{name}.csv")))
            .collect();
        refuse_existing(&paths, args.force)?;
        return write_csv_dir(&ws, dir).map_err(|e| e.to_string());
    }
    if let Some(out) = &args.xlsx {
        refuse_existing(std::slice::from_ref(out), args.force)?;
        write_xlsx(&ws, out).map_err(|e| e.to_string())?;
        return Ok(vec![out.clone()]);
    }
    Err("give --csv DIR or --xlsx OUT.xlsx".into())
}
