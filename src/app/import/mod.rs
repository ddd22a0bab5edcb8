//! Importing a spreadsheet: the files chosen so far are read and matched
//! against the workspace as a job (with progress and Cancel), then the
//! preview shows the plan with a choice for each conflict. Nothing changes
//! until the preview is confirmed; then the whole import is one undo step.

mod preview;

use std::path::PathBuf;

use chrono::NaiveDate;

pub(super) use preview::PreviewChoice;

use super::FlywheelApp;
use super::jobs::done;
use crate::edit::{Edit, RecordLists};
use crate::exchange::import::{self, ImportError, ImportPlan, Resolution};
use crate::jobs::{Cancel, Progress, Spec};
use crate::model::Workspace;
use crate::text::plural;

/// What a planning job hands back: the files it read and their plan.
struct Planned {
    files: Vec<PathBuf>,
    result: Result<ImportPlan, ImportError>,
}

/// The import preview: its files and what importing them would do.
pub(super) struct ImportPreview {
    files: Vec<PathBuf>,
    state: State,
}

enum State {
    /// What will happen, and a choice per conflict.
    Ready {
        plan: Box<ImportPlan>,
        resolutions: Vec<Resolution>,
    },
    /// Reading or matching failed; nothing will change.
    Failed { message: String },
}

/// Reads every file's tables, then plans them together (commitments may
/// name stakeholders from another file of the same import).
fn read_and_plan(
    files: &[PathBuf],
    base: &Workspace,
    today: NaiveDate,
    progress: &Progress,
) -> Result<ImportPlan, ImportError> {
    progress.begin("Reading the files", crate::jobs::Unit::None, 0);
    let mut tables = Vec::new();
    for path in files {
        if progress.is_cancelled() {
            return Err(ImportError::Cancelled);
        }
        tables.extend(import::read_path(path, None)?);
    }
    import::plan(base, &tables, today, progress)
}

/// Whether a dropped file is a spreadsheet to import (not a workspace to open).
pub(super) fn is_spreadsheet(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["csv", "xlsx", "ods"].contains(&e.to_ascii_lowercase().as_str()))
}

impl FlywheelApp {
    /// Adds a chosen file to the import in front (or starts one), and plans
    /// again with every file chosen so far.
    pub(super) fn import_file(&mut self, path: PathBuf) {
        let mut files = self
            .modals
            .import_mut()
            .map(|preview| preview.files.clone())
            .unwrap_or_default();
        if !files.contains(&path) {
            files.push(path);
        }
        let base = self.doc.snapshot();
        let today = self.today();
        let title = match files.len() {
            1 => format!("Reading {}", super::files::file_name(&files[0])),
            n => format!("Reading {n} files"),
        };
        self.start_job(Spec::front(title, Cancel::Drop), move |progress| {
            let result = read_and_plan(&files, &base, today, progress);
            done(move |app| app.planned(Planned { files, result }))
        });
    }

    /// The plan is ready (or failed): the preview shows it.
    fn planned(&mut self, planned: Planned) {
        let state = match planned.result {
            Ok(plan) => State::Ready {
                resolutions: vec![Resolution::KeepExisting; plan.conflicts.len()],
                plan: Box::new(plan),
            },
            Err(ImportError::Cancelled) => return,
            Err(err) => State::Failed {
                message: err.to_string(),
            },
        };
        let preview = ImportPreview {
            files: planned.files,
            state,
        };
        match self.modals.import_mut() {
            Some(open) => *open = preview,
            None => self.modals.open(preview),
        }
    }

    pub(super) fn preview_choice(&mut self, choice: PreviewChoice) {
        match choice {
            PreviewChoice::Stay => {}
            PreviewChoice::Cancel => self.close_preview(),
            PreviewChoice::AddFile => self.start_dialog(super::Purpose::Import),
            PreviewChoice::Confirm => self.confirm_import(),
        }
    }

    fn close_preview(&mut self) {
        if self.modals.import().is_some() {
            self.modals.close_top();
        }
    }

    /// Applies the previewed plan as one undo step.
    fn confirm_import(&mut self) {
        let Some(preview) = self.modals.import() else {
            return;
        };
        let State::Ready { plan, resolutions } = &preview.state else {
            return;
        };
        let imported = plan.apply(self.doc.workspace(), resolutions);
        let created = plan.created.len();
        let updated = resolutions
            .iter()
            .filter(|r| **r == Resolution::TakeImported)
            .count();
        self.modals.close_top();
        self.outbox.push(Edit::ReplaceRecords {
            label: "Import spreadsheet".into(),
            records: Box::new(RecordLists::take(imported)),
        });
        self.notify(format!(
            "Imported: {} created, {updated} updated. Undo takes the whole import back.",
            plural(created, "record", "records")
        ));
    }

    /// Whether the import preview is open.
    pub fn is_importing(&self) -> bool {
        self.modals.import().is_some()
    }
}
