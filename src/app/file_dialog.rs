//! The system's file dialog (rfd), run as a job so the window keeps
//! painting, with a way out when the system has none: then the app asks for
//! a typed path instead of looking as if the user had cancelled.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A dialog that returns nothing faster than this did not really open.
const IMPLAUSIBLY_FAST: Duration = Duration::from_millis(300);

/// What the file is being chosen for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    /// Save under a new name; the suggestion pre-fills the dialog.
    SaveAs {
        suggested_name: String,
    },
    /// Export a chart (PNG) or its data (CSV).
    Export {
        suggested_name: String,
    },
    /// A spreadsheet (CSV, .xlsx, .ods) to import.
    Import,
    /// The workbook export (.xlsx).
    ExportSpreadsheet {
        suggested_name: String,
    },
    /// The folder the CSV export writes its three files into.
    ExportCsv,
    /// Where the share copy goes.
    ShareCopy {
        suggested_name: String,
        without_scores: bool,
    },
    /// A colleague's copy to merge.
    MergeCopy,
    /// Where the HTML report goes.
    Report {
        suggested_name: String,
        internal: bool,
    },
}

impl Purpose {
    /// The name a save dialog suggests; `None` for opening and folders.
    pub fn suggested_name(&self) -> Option<&str> {
        match self {
            Purpose::SaveAs { suggested_name }
            | Purpose::Export { suggested_name }
            | Purpose::ExportSpreadsheet { suggested_name }
            | Purpose::ShareCopy { suggested_name, .. }
            | Purpose::Report { suggested_name, .. } => Some(suggested_name),
            Purpose::Open | Purpose::Import | Purpose::ExportCsv | Purpose::MergeCopy => None,
        }
    }

    /// The dialog's title.
    pub fn title(&self) -> &'static str {
        match self {
            Purpose::Open => "Open workspace",
            Purpose::SaveAs { .. } => "Save workspace as",
            Purpose::Export { .. } => "Export to a file",
            Purpose::Import => "Import spreadsheet",
            Purpose::ExportSpreadsheet { .. } => "Export spreadsheet",
            Purpose::ExportCsv => "Export CSV files into a folder",
            Purpose::ShareCopy { .. } => "Save share copy",
            Purpose::Report { .. } => "Export report",
            Purpose::MergeCopy => "Merge a colleague's copy",
        }
    }

    /// The file-type filters a system dialog offers: (name, extensions).
    fn filters(&self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            Purpose::Open
            | Purpose::SaveAs { .. }
            | Purpose::ShareCopy { .. }
            | Purpose::MergeCopy => &[
                ("Flywheel workspace", &[crate::file::EXTENSION]),
                ("All files", &["*"]),
            ],
            Purpose::Import => &[
                ("Spreadsheet", &["csv", "xlsx", "ods"]),
                ("All files", &["*"]),
            ],
            Purpose::ExportSpreadsheet { .. } => &[("Excel workbook", &["xlsx"])],
            Purpose::Report { .. } => &[("Web page", &["html"])],
            Purpose::Export { .. } | Purpose::ExportCsv => &[],
        }
    }
}

/// What a finished dialog gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Chosen(Purpose, PathBuf),
    Cancelled,
    /// No usable system dialog: ask for a path, saying why.
    AskForPath(Purpose, String),
}

/// A system file dialog ready to be shown. It blocks whoever runs it until
/// the user answers, so the window runs it as a job.
pub struct Ask {
    purpose: Purpose,
    dialog: rfd::FileDialog,
}

impl Ask {
    /// Shows the dialog and waits for the answer: what it was for, the
    /// path chosen, and whether it closed too fast to have been used.
    pub fn run(self) -> (Purpose, Option<PathBuf>, bool) {
        let started = Instant::now();
        let chosen = match &self.purpose {
            Purpose::Open | Purpose::Import | Purpose::MergeCopy => self.dialog.pick_file(),
            Purpose::ExportCsv => self.dialog.pick_folder(),
            other => self
                .dialog
                .set_file_name(other.suggested_name().unwrap_or_default())
                .save_file(),
        };
        let too_fast = chosen.is_none() && started.elapsed() < IMPLAUSIBLY_FAST;
        (self.purpose, chosen, too_fast)
    }
}

/// Whether there is a system file dialog, and why not.
pub struct FileDialogs {
    /// `Err` says why there is no system dialog.
    native: Result<(), String>,
}

impl FileDialogs {
    /// Uses the system dialog where there is one.
    pub fn system() -> Self {
        Self {
            native: native_dialog_available(),
        }
    }

    /// Never opens a system dialog: always asks for a typed path. Tests use
    /// this, and so does `FLYWHEEL_NO_NATIVE_DIALOG=1`.
    pub fn path_field_only() -> Self {
        Self {
            native: Err("system file dialogs are turned off".into()),
        }
    }

    /// The dialog for `purpose`, starting in `folder`, to be run; or, when
    /// there is no system dialog, the outcome at once.
    pub fn start(&self, purpose: Purpose, folder: Option<&Path>) -> Result<Ask, Outcome> {
        if let Err(reason) = &self.native {
            return Err(Outcome::AskForPath(
                purpose,
                format!("No system file dialog is available ({reason})."),
            ));
        }
        let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
        for (name, extensions) in purpose.filters() {
            dialog = dialog.add_filter(*name, extensions);
        }
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        Ok(Ask { purpose, dialog })
    }

    /// What the dialog's answer means. A dialog that returned nothing
    /// faster than a person could have used it did not really open: from
    /// then on the path prompt is used, and this once it asks for a path.
    pub fn answered(
        &mut self,
        purpose: Purpose,
        chosen: Option<PathBuf>,
        too_fast: bool,
    ) -> Outcome {
        match chosen {
            Some(path) => Outcome::Chosen(purpose, path),
            None if too_fast => {
                let reason = "the system file dialog closed before it could be used".to_string();
                self.native = Err(reason.clone());
                Outcome::AskForPath(purpose, format!("No file dialog appeared: {reason}."))
            }
            None => Outcome::Cancelled,
        }
    }
}

/// Whether rfd can show a dialog here. On Linux it needs an XDG desktop
/// portal on the session bus or the `zenity` program; elsewhere the system
/// always has one.
fn native_dialog_available() -> Result<(), String> {
    if std::env::var_os("FLYWHEEL_NO_NATIVE_DIALOG").is_some() {
        return Err("FLYWHEEL_NO_NATIVE_DIALOG is set".into());
    }
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        if program_on_path("zenity") || (session_bus_exists() && portal_installed()) {
            Ok(())
        } else {
            Err("no XDG desktop portal and no zenity were found".into())
        }
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    Ok(())
}

#[cfg(all(unix, not(target_os = "macos")))]
fn program_on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
}

#[cfg(all(unix, not(target_os = "macos")))]
fn session_bus_exists() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

#[cfg(all(unix, not(target_os = "macos")))]
fn portal_installed() -> bool {
    let data_dirs =
        std::env::var_os("XDG_DATA_DIRS").unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    std::env::split_paths(&data_dirs).any(|dir| {
        dir.join("dbus-1/services/org.freedesktop.portal.Desktop.service")
            .is_file()
    })
}
