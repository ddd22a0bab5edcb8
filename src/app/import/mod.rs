//! Importing a spreadsheet: the files chosen so far, the plan worked out for
//! them off the UI thread (with progress and a way to cancel), and the
//! facilitator's choice for each conflict. Nothing changes until the
//! preview is confirmed; then the whole import is one undo step.

mod preview;

use std::path::PathBuf;
use std::sync::{Arc, mpsc};

use chrono::NaiveDate;

use super::FlywheelApp;
use crate::edit::{Edit, RecordLists};
use crate::exchange::import::{self, ImportError, ImportPlan, Progress, Resolution, Table};
use crate::model::Workspace;

/// What the worker thread sends back: the files' tables and the plan.
type Planned = Result<(Vec<Table>, ImportPlan), ImportError>;

/// An import being prepared: its files and where its plan stands.
pub(super) struct ImportSession {
    files: Vec<PathBuf>,
    state: State,
}

enum State {
    /// The files are being read and matched against the workspace.
    Working {
        progress: Arc<Progress>,
        receiver: mpsc::Receiver<Planned>,
    },
    /// The preview: what will happen, and a choice per conflict.
    Ready {
        plan: Box<ImportPlan>,
        resolutions: Vec<Resolution>,
    },
    /// Reading or matching failed; nothing will change.
    Failed { message: String },
}

/// What the preview asked for this frame.
#[derive(Debug)]
pub(super) enum PreviewChoice {
    Stay,
    Cancel,
    AddFile,
    Confirm,
}

impl ImportSession {
    /// Starts reading `files` and planning their import into `base`. The
    /// preview polls for the answer (it repaints while the work runs).
    fn start(files: Vec<PathBuf>, base: &Workspace, today: NaiveDate) -> Self {
        let progress = Arc::new(Progress::default());
        let (sender, receiver) = mpsc::channel();
        let job = (files.clone(), base.clone(), Arc::clone(&progress));
        let spawned = std::thread::Builder::new()
            .name("import".into())
            .spawn(move || {
                let (files, base, progress) = job;
                let planned = read_and_plan(&files, &base, today, &progress);
                // The receiver is gone only if the import was cancelled.
                let _ = sender.send(planned);
            });
        let state = match spawned {
            Ok(_) => State::Working { progress, receiver },
            Err(err) => State::Failed {
                message: format!("The import could not be started: {err}"),
            },
        };
        Self { files, state }
    }

    /// Takes the worker's answer once it has one.
    fn poll(&mut self) {
        let State::Working { receiver, .. } = &self.state else {
            return;
        };
        let answer = match receiver.try_recv() {
            Ok(answer) => answer,
            Err(mpsc::TryRecvError::Empty) => return,
            Err(mpsc::TryRecvError::Disconnected) => Err(ImportError::Cancelled),
        };
        self.state = match answer {
            Ok((_tables, plan)) => State::Ready {
                resolutions: vec![Resolution::KeepExisting; plan.conflicts.len()],
                plan: Box::new(plan),
            },
            Err(err) => State::Failed {
                message: err.to_string(),
            },
        };
    }

    fn cancel(&self) {
        if let State::Working { progress, .. } = &self.state {
            progress.cancel();
        }
    }
}

/// Reads every file's tables, then plans them together (commitments may
/// name stakeholders from another file of the same import).
fn read_and_plan(
    files: &[PathBuf],
    base: &Workspace,
    today: NaiveDate,
    progress: &Progress,
) -> Planned {
    let mut tables = Vec::new();
    for path in files {
        tables.extend(import::read_path(path, None)?);
    }
    let plan = import::plan(base, &tables, today, progress)?;
    Ok((tables, plan))
}

/// Whether a dropped file is a spreadsheet to import (not a workspace to open).
pub(super) fn is_spreadsheet(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["csv", "xlsx", "ods"].contains(&e.to_ascii_lowercase().as_str()))
}

impl FlywheelApp {
    /// Adds a chosen file to the import being prepared (or starts one), and
    /// plans again with every file chosen so far.
    pub(super) fn import_file(&mut self, path: PathBuf) {
        let mut files = self
            .import
            .take()
            .map(|session| {
                session.cancel();
                session.files
            })
            .unwrap_or_default();
        if !files.contains(&path) {
            files.push(path);
        }
        let today = self.today();
        self.import = Some(ImportSession::start(files, self.doc.workspace(), today));
    }

    /// The preview window, while an import is being prepared. What the
    /// facilitator chose is queued, and carried out by [`Self::preview_choice`].
    pub(super) fn import_ui(&mut self, ctx: &egui::Context) {
        let Some(session) = &mut self.import else {
            return;
        };
        session.poll();
        if matches!(session.state, State::Working { .. }) {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        match preview::preview_ui(ctx, session) {
            PreviewChoice::Stay => {}
            choice => self.actions.push(super::handle::Action::Preview(choice)),
        }
    }

    pub(super) fn preview_choice(&mut self, choice: PreviewChoice) {
        match choice {
            PreviewChoice::Stay => {}
            PreviewChoice::Cancel => {
                if let Some(session) = self.import.take() {
                    session.cancel();
                }
            }
            PreviewChoice::AddFile => self.start_dialog(super::Purpose::Import),
            PreviewChoice::Confirm => self.confirm_import(),
        }
    }

    /// Applies the previewed plan as one undo step.
    fn confirm_import(&mut self) {
        let Some(session) = self.import.take() else {
            return;
        };
        let State::Ready { plan, resolutions } = session.state else {
            return;
        };
        let imported = plan.apply(self.doc.workspace(), &resolutions);
        self.outbox.push(Edit::ReplaceRecords {
            label: "Import spreadsheet".into(),
            records: Box::new(RecordLists::take(imported)),
        });
        let created = plan.created.len();
        let updated = resolutions
            .iter()
            .filter(|r| **r == Resolution::TakeImported)
            .count();
        self.notify(format!(
            "Imported: {created} records created, {updated} updated. Undo takes the whole import back."
        ));
    }

    pub fn is_importing(&self) -> bool {
        self.import.is_some()
    }
}
