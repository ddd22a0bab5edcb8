//! What the facilitator sends out: the spreadsheet exports, the share copy
//! and the report. The work is done by [`crate::exchange`]; this is where
//! the window asks for options and a place, and says what happened.

use std::path::{Path, PathBuf};

use super::dialogs::Dialog;
use super::file_dialog::Purpose;
use super::{FlywheelApp, Origin};
use crate::exchange::{export, report, share};
use crate::file;
use crate::text::file_stem;

/// Why something could not be sent out. The open workspace is unchanged.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SharingError {
    #[error("{0}")]
    Spreadsheet(#[from] export::ExportError),
    #[error("{0}")]
    File(#[from] file::FileError),
    #[error(
        "“{0}” is this workspace's own file. Choose another name, so the original \
         stays whole and the share copy is a file of its own."
    )]
    OwnFile(PathBuf),
}

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
        self.dialog = Some(Dialog::ShareCopyOptions {
            without_scores: false,
        });
    }

    pub(super) fn ask_report_options(&mut self) {
        self.dialog = Some(Dialog::ReportOptions { internal: false });
    }

    /// Writes what `purpose` asked for to `path`; `false` when `purpose` is
    /// not a sending-out one.
    pub(super) fn send_out(
        &mut self,
        purpose: &Purpose,
        path: &Path,
    ) -> Result<bool, SharingError> {
        let message = match purpose {
            Purpose::ExportSpreadsheet { .. } => {
                export::write_xlsx(self.doc.workspace(), path)?;
                format!("Exported {}", path.display())
            }
            Purpose::ExportCsv => {
                let written = export::write_csv_dir(self.doc.workspace(), path)?;
                format!("Exported {} CSV files to {}", written.len(), path.display())
            }
            Purpose::ShareCopy { without_scores, .. } => {
                self.save_share_copy(path, *without_scores)?
            }
            Purpose::Report { internal, .. } => {
                let options = report::ReportOptions {
                    internal: *internal,
                    since: None,
                };
                let html = report::html(self.doc.workspace(), &options, self.today());
                file::export(path, html.as_bytes())?;
                let kind = if *internal {
                    "internal report"
                } else {
                    "report"
                };
                format!("Exported the {kind} to {}", path.display())
            }
            _ => return Ok(false),
        };
        self.notify(message);
        Ok(true)
    }

    /// Saves the share copy to `path`, never over the workspace's own file;
    /// the open workspace stays as it is.
    fn save_share_copy(
        &mut self,
        path: &Path,
        without_scores: bool,
    ) -> Result<String, SharingError> {
        if self.path().is_some_and(|own| same_file(own, path)) {
            return Err(SharingError::OwnFile(path.to_path_buf()));
        }
        let options = share::ShareOptions { without_scores };
        let (copy, counts) =
            share::share_copy_counted(self.doc.workspace(), &options, self.today());
        file::save(&copy, path)?;
        Ok(format!(
            "Share copy saved to {} ({}); the open workspace is unchanged",
            path.display(),
            counts.lines().join("; ")
        ))
    }
}

/// Whether two paths name the same file (also through `..` or links).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
