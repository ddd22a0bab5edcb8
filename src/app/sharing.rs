//! What the facilitator sends out: the spreadsheet exports, the share copy
//! and the report. The work is done by [`crate::exchange`]; this is where
//! the window asks for options and a place, and says what happened.

use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::dialogs::Dialog;
use super::file_dialog::Purpose;
use super::files::PathError;
use super::jobs::done;
use super::{FlywheelApp, Origin};
use crate::exchange::{export, report, share};
use crate::file;
use crate::jobs::{Cancel, Progress, Spec, Unit};
use crate::model::Workspace;
use crate::text::file_stem;

impl FlywheelApp {
    /// The start of the names suggested for exports: the file's own name,
    /// else the workspace title.
    fn export_stem(&self) -> String {
        match &self.origin {
            Origin::File(path) => path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
            _ => file_stem(&self.doc.workspace().title),
        }
    }

    pub(super) fn start_export_spreadsheet(&mut self) {
        let suggested_name = format!("{}.xlsx", self.export_stem());
        self.start_dialog(Purpose::ExportSpreadsheet { suggested_name });
    }

    pub(super) fn start_share_copy(&mut self, without_scores: bool) {
        let suggested_name = format!("{}-share.{}", self.export_stem(), file::EXTENSION);
        self.start_dialog(Purpose::ShareCopy {
            suggested_name,
            without_scores,
        });
    }

    pub(super) fn start_report(&mut self, internal: bool) {
        let suffix = if internal {
            "internal-report"
        } else {
            "report"
        };
        let suggested_name = format!("{}-{suffix}.html", self.export_stem());
        self.start_dialog(Purpose::Report {
            suggested_name,
            internal,
        });
    }

    pub(super) fn ask_share_options(&mut self) {
        self.modals.show(Dialog::ShareCopyOptions {
            without_scores: false,
        });
    }

    pub(super) fn ask_report_options(&mut self) {
        self.modals.show(Dialog::ReportOptions { internal: false });
    }

    /// Starts writing what `purpose` asks for to `path`, as a job on a
    /// snapshot of the workspace. A share copy is never written over the
    /// workspace's own file: that is refused at once.
    pub(super) fn send_out(&mut self, purpose: &Purpose, path: &Path) -> Result<(), PathError> {
        if matches!(purpose, Purpose::ShareCopy { .. })
            && self.path().is_some_and(|own| same_file(own, path))
        {
            return Err(PathError::OwnFile(path.to_path_buf()));
        }
        let ws = self.doc.snapshot();
        let today = self.today();
        let job_purpose = purpose.clone();
        let job_path = path.to_path_buf();
        let title = format!("{} {}", what(purpose), super::files::file_name(path));
        self.start_job(Spec::front(title, Cancel::Ask), move |progress| {
            let sent = write_out(&job_purpose, &job_path, &ws, today, progress);
            done(move |app| app.sent_out(sent))
        });
        Ok(())
    }

    /// A sending-out job finished.
    fn sent_out(&mut self, sent: Sent) {
        match sent {
            Sent::Written(message) => self.notify(message),
            Sent::Cancelled => self.notify("Cancelled: nothing was written"),
            Sent::Failed(message) => self.show_message("Nothing was written", &message),
        }
    }
}

/// What a sending-out job did: the status bar's message, or why not.
enum Sent {
    Written(String),
    Cancelled,
    Failed(String),
}

/// How a progress dialog names the work: "Exporting coalition.xlsx".
fn what(purpose: &Purpose) -> &'static str {
    match purpose {
        Purpose::ShareCopy { .. } => "Saving the share copy",
        Purpose::Report { .. } => "Writing the report",
        _ => "Exporting",
    }
}

/// Writes what `purpose` asks for: the work of a sending-out job. It
/// stops, having written nothing, when `progress` is cancelled.
fn write_out(
    purpose: &Purpose,
    path: &Path,
    ws: &Arc<Workspace>,
    today: NaiveDate,
    progress: &Progress,
) -> Sent {
    match try_write_out(purpose, path, ws, today, progress) {
        Ok(message) => Sent::Written(message),
        Err(_) if progress.is_cancelled() => Sent::Cancelled,
        Err(message) => Sent::Failed(message),
    }
}

fn try_write_out(
    purpose: &Purpose,
    path: &Path,
    ws: &Arc<Workspace>,
    today: NaiveDate,
    progress: &Progress,
) -> Result<String, String> {
    let message = match purpose {
        Purpose::ExportSpreadsheet { .. } => {
            export::write_xlsx_with(ws, path, progress).map_err(|err| err.to_string())?;
            format!("Exported {}", path.display())
        }
        Purpose::ExportCsv => {
            let written =
                export::write_csv_dir_with(ws, path, progress).map_err(|err| err.to_string())?;
            format!("Exported {} CSV files to {}", written.len(), path.display())
        }
        Purpose::ShareCopy { without_scores, .. } => {
            let options = share::ShareOptions {
                without_scores: *without_scores,
            };
            progress.begin("Leaving out the confidential data", Unit::None, 0);
            let (copy, counts) = share::share_copy_counted(ws, &options, today);
            file::save_with(&copy, path, progress).map_err(|err| err.to_string())?;
            format!(
                "Share copy saved to {} ({}); the open workspace is unchanged",
                path.display(),
                counts.lines().join("; ")
            )
        }
        Purpose::Report { internal, .. } => {
            let options = report::ReportOptions {
                internal: *internal,
                since: None,
            };
            progress.begin("Working out the figures", Unit::None, 0);
            let html = report::html(ws, &options, today);
            progress.check().map_err(|err| err.to_string())?;
            file::export(path, html.as_bytes()).map_err(|err| err.to_string())?;
            let kind = if *internal {
                "internal report"
            } else {
                "report"
            };
            format!("Exported the {kind} to {}", path.display())
        }
        _ => return Err("this is not something to send out".to_string()),
    };
    Ok(message)
}

/// Whether two paths name the same file (also through `..` or links).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
