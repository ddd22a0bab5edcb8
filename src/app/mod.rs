//! The window: menus, shortcuts, panels, dialogs and files. This is the one
//! place that changes the document (through [`Document::apply`]) and the
//! one place that reads the clock.

mod chrome;
mod dialogs;
mod export;
mod file_dialog;
mod prefs;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::ViewportCommand;

pub use crate::command::{Command, Tab};
pub use dialogs::{Dialog, Then};
pub use file_dialog::{FileDialogs, Purpose};
pub use prefs::{Preferences, Theme};

use crate::assets;
use crate::edit::Document;
use crate::file::{self, FileError, FileErrorKind};
use crate::model::{Sector, Workspace};
use crate::views::format::slug;
use crate::views::{
    CommitmentRegister, InfluenceGrid, Inspector, MomentumView, Outbox, Overview, RoadmapView,
    Selection, SinceView, StakeholderList, StakeholderTable, ValueChainMap, ViewContext,
    WhiteSpacesView,
};

/// Opens the window and runs until it is closed.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Flywheel")
            .with_app_id("flywheel")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([760.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Flywheel",
        options,
        Box::new(move |cc| {
            let prefs = cc
                .storage
                .and_then(|storage| eframe::get_value::<Preferences>(storage, prefs::STORAGE_KEY))
                .unwrap_or_default();
            Ok(Box::new(FlywheelApp::new(
                &cc.egui_ctx,
                prefs,
                file,
                FileDialogs::system(),
            )))
        }),
    )
    .map_err(|err| err.to_string())
}

/// Where the open document came from, for its name and for what Save does.
#[derive(Clone, Debug, PartialEq)]
enum Origin {
    /// The built-in demo: Save asks for a new file.
    Demo,
    /// A new workspace from a template, never saved.
    New,
    File(PathBuf),
}

/// A short message in the status bar.
#[derive(Clone, Debug, PartialEq)]
struct Notice {
    text: String,
    is_error: bool,
}

/// Every view and its own state (filters, sort order, zoom…).
#[derive(Default)]
struct Views {
    list: StakeholderList,
    inspector: Inspector,
    overview: Overview,
    table: StakeholderTable,
    grid: InfluenceGrid,
    value_chain: ValueChainMap,
    register: CommitmentRegister,
    roadmap: RoadmapView,
    momentum: MomentumView,
    white_spaces: WhiteSpacesView,
    since: SinceView,
}

/// The Flywheel application.
pub struct FlywheelApp {
    doc: Document,
    origin: Origin,
    prefs: Preferences,
    dialogs: FileDialogs,
    dialog: Option<Dialog>,
    /// What to do after a Save As started from the unsaved-changes dialog.
    after_save: Option<Then>,
    /// Set once the user agreed to close with unsaved changes discarded.
    allow_close: bool,
    /// Close the window at the next frame.
    quit_requested: bool,
    selection: Selection,
    tab: Tab,
    views: Views,
    outbox: Outbox,
    exports: export::Exports,
    notice: Option<Notice>,
    /// Fixed "today" for tests; otherwise the clock is read each frame.
    today: Option<NaiveDate>,
    shown_title: String,
}

impl FlywheelApp {
    /// The app with `prefs`, opening `file`, or else the most recent file,
    /// or else the demo.
    pub fn new(
        ctx: &egui::Context,
        prefs: Preferences,
        file: Option<PathBuf>,
        dialogs: FileDialogs,
    ) -> Self {
        ctx.set_theme(prefs.theme.to_egui());
        ctx.set_zoom_factor(prefs.zoom_factor.clamp(0.5, 3.0));
        let mut app = Self {
            doc: Document::new(Workspace::new("Untitled coalition", Sector::Other)),
            origin: Origin::New,
            prefs,
            dialogs,
            dialog: None,
            after_save: None,
            allow_close: false,
            quit_requested: false,
            selection: Selection::default(),
            tab: Tab::Overview,
            views: Views::default(),
            outbox: Outbox::default(),
            exports: export::Exports::default(),
            notice: None,
            today: None,
            shown_title: String::new(),
        };
        app.open_demo();
        let start_file = file.or_else(|| app.prefs.recent_files.first().cloned());
        if let Some(path) = start_file {
            app.open_path(&path);
        }
        app
    }

    /// A fixed "today" for the dates edits record (tests use this).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = Some(today);
    }

    fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    /// The file the document is saved in, if any.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(path) => Some(path),
            _ => None,
        }
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The influence–support grid, for tests that drag its markers.
    pub fn influence_grid(&self) -> &InfluenceGrid {
        &self.views.grid
    }

    /// The value-chain map, for tests that drag its nodes.
    pub fn value_chain(&self) -> &ValueChainMap {
        &self.views.value_chain
    }

    pub fn value_chain_mut(&mut self) -> &mut ValueChainMap {
        &mut self.views.value_chain
    }

    /// The momentum tab, for tests and benchmarks that read its series.
    pub fn momentum_mut(&mut self) -> &mut MomentumView {
        &mut self.views.momentum
    }

    /// The document's name as shown in the title bar.
    pub fn document_name(&self) -> String {
        match &self.origin {
            Origin::Demo => "Iron & steel demo (unsaved copy)".to_string(),
            Origin::New => format!("{} (not saved yet)", self.doc.workspace().title),
            Origin::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }

    /// The window title: the document's name, `*` in front when it has
    /// unsaved changes.
    pub fn window_title(&self) -> String {
        let mark = if self.doc.is_dirty() { "*" } else { "" };
        format!("{mark}{} — Flywheel", self.document_name())
    }

    fn open_demo(&mut self) {
        match assets::demo() {
            Ok(ws) => self.replace_document(ws, Origin::Demo),
            Err(err) => self.show_error("The demo workspace could not be loaded", &err),
        }
    }

    /// Shows `ws` as a new, not yet saved workspace (benchmarks and tests).
    pub fn show_workspace(&mut self, ws: Workspace) {
        self.replace_document(ws, Origin::New);
    }

    fn replace_document(&mut self, ws: Workspace, origin: Origin) {
        self.doc = Document::new(ws);
        self.origin = origin;
        self.selection = Selection::default();
        self.after_save = None;
    }

    fn show_error(&mut self, title: &str, err: &FileError) {
        self.dialog = Some(Dialog::Error {
            title: title.to_string(),
            message: err.to_string(),
        });
    }

    fn notify(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
    }

    /// Opens a workspace file, replacing the document. On failure the
    /// current document stays as it was and the error is shown.
    pub fn open_path(&mut self, path: &Path) -> bool {
        match file::load(path) {
            Ok(ws) => {
                self.replace_document(ws, Origin::File(path.to_path_buf()));
                self.prefs.remember(path);
                self.notify(format!("Opened {}", path.display()));
                true
            }
            Err(err) => {
                if err.kind == FileErrorKind::Io && !path.exists() {
                    self.prefs.forget(path);
                }
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.show_error(&format!("Could not open “{name}”"), &err);
                false
            }
        }
    }

    /// Saves to `path` and makes it the document's file.
    pub fn save_to(&mut self, path: &Path) -> Result<(), FileError> {
        file::save(self.doc.workspace(), path)?;
        self.doc.mark_saved();
        self.origin = Origin::File(path.to_path_buf());
        self.prefs.remember(path);
        self.notify(format!("Saved {}", path.display()));
        Ok(())
    }

    /// Runs a command from the menu or the keyboard.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => {
                self.dialog = Some(Dialog::NewWorkspace {
                    sector: self.doc.workspace().sector,
                });
            }
            Command::Open => self.guard(Then::Open(None)),
            Command::Save => self.save(None),
            Command::SaveAs => self.start_save_as(),
            Command::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            Command::Undo => {
                if !self.doc.undo() {
                    self.notify("Nothing to undo");
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.notify("Nothing to redo");
                }
            }
            Command::AddStakeholder => {
                let today = self.today();
                let mut cx =
                    ViewContext::new(&self.doc, today, &mut self.selection, &mut self.outbox);
                crate::views::add_stakeholder(&mut cx);
            }
            Command::DeleteStakeholder => {
                if let Some(id) = self.selection.stakeholder {
                    self.outbox.push(crate::edit::Edit::DeleteStakeholder(id));
                }
            }
            Command::AddCommitment | Command::DeleteCommitment | Command::CommandPalette => {}
            Command::ShowTab(tab) => self.tab = tab,
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::ZoomProjector => ctx.set_zoom_factor(1.5),
        }
    }

    /// Carries out what views asked of the app this frame.
    fn handle_requests(&mut self) {
        for request in self.outbox.take_requests() {
            let (suggested_name, content) = match request {
                crate::views::Request::ExportCsv {
                    suggested_name,
                    csv,
                } => (suggested_name, export::ExportContent::Csv(csv)),
                crate::views::Request::ExportPng {
                    suggested_name,
                    rect,
                } => (suggested_name, export::ExportContent::Png(rect)),
            };
            self.exports.pending = Some(content);
            let folder = self.default_folder();
            self.start_dialog(Purpose::Export { suggested_name }, folder.as_deref());
        }
    }

    /// Does `then` now, or first asks about unsaved changes.
    fn guard(&mut self, then: Then) {
        if self.doc.is_dirty() {
            self.dialog = Some(Dialog::UnsavedChanges { then });
        } else {
            self.proceed(then);
        }
    }

    fn proceed(&mut self, then: Then) {
        match then {
            Then::New(sector) => match assets::template(sector) {
                Ok(ws) => {
                    self.replace_document(ws, Origin::New);
                    self.notify(format!("New {} workspace", sector.label().to_lowercase()));
                }
                Err(err) => self.show_error("The sector template could not be loaded", &err),
            },
            Then::Open(Some(path)) => {
                self.open_path(&path);
            }
            Then::Open(None) => {
                let folder = self.default_folder();
                self.start_dialog(Purpose::Open, folder.as_deref());
            }
            Then::Quit => {
                self.allow_close = true;
                self.quit_requested = true;
            }
        }
    }

    /// Save: to the document's file, or through Save As when it has none.
    /// `then` runs after a successful save.
    fn save(&mut self, then: Option<Then>) {
        let Origin::File(path) = self.origin.clone() else {
            self.after_save = then;
            self.start_save_as();
            return;
        };
        match self.save_to(&path) {
            Ok(()) => {
                if let Some(then) = then {
                    self.proceed(then);
                }
            }
            Err(err) => self.show_error("Could not save", &err),
        }
    }

    fn start_save_as(&mut self) {
        let suggested_name = match &self.origin {
            Origin::File(path) => path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            _ => format!("{}.ron", slug(&self.doc.workspace().title)),
        };
        let folder = self.default_folder();
        self.start_dialog(Purpose::SaveAs { suggested_name }, folder.as_deref());
    }

    /// The folder file dialogs start in: the document's own, else the
    /// user's documents folder.
    fn default_folder(&self) -> Option<PathBuf> {
        match &self.origin {
            Origin::File(path) => path.parent().map(Path::to_path_buf),
            _ => directories::UserDirs::new()
                .and_then(|dirs| dirs.document_dir().map(Path::to_path_buf)),
        }
    }

    fn start_dialog(&mut self, purpose: Purpose, folder: Option<&Path>) {
        match self.dialogs.start(purpose, folder) {
            Some(outcome) => self.handle_dialog_outcome(outcome),
            None => self.dialog = Some(Dialog::WaitingForSystemDialog),
        }
    }

    fn handle_dialog_outcome(&mut self, outcome: file_dialog::Outcome) {
        use file_dialog::Outcome;
        if self.dialog == Some(Dialog::WaitingForSystemDialog) {
            self.dialog = None;
        }
        match outcome {
            Outcome::Chosen(purpose, path) => {
                if let Some(err) = self.path_chosen(purpose, path) {
                    self.show_error("That file could not be used", &err);
                }
            }
            Outcome::Cancelled => {
                self.after_save = None;
                self.exports.pending = None;
            }
            Outcome::AskForPath(purpose, reason) => {
                let text = match (&purpose, self.default_folder()) {
                    (Purpose::SaveAs { suggested_name }, Some(folder)) => {
                        folder.join(suggested_name).display().to_string()
                    }
                    (Purpose::SaveAs { suggested_name }, None) => suggested_name.clone(),
                    (Purpose::Export { suggested_name }, Some(folder)) => {
                        folder.join(suggested_name).display().to_string()
                    }
                    (Purpose::Export { suggested_name }, None) => suggested_name.clone(),
                    (Purpose::Open, _) => String::new(),
                };
                self.dialog = Some(Dialog::PathPrompt {
                    purpose,
                    text,
                    reason,
                    error: None,
                });
            }
        }
    }

    /// A path came from a file dialog or the path prompt. Returns the error
    /// if it could not be used.
    fn path_chosen(&mut self, purpose: Purpose, path: PathBuf) -> Option<FileError> {
        match purpose {
            Purpose::Open => match file::load(&path) {
                Ok(ws) => {
                    self.replace_document(ws, Origin::File(path.clone()));
                    self.prefs.remember(&path);
                    self.notify(format!("Opened {}", path.display()));
                    None
                }
                Err(err) => Some(err),
            },
            Purpose::Export { .. } => match self.exports.write_to(&path) {
                Ok(Some(written)) => {
                    self.notify(format!("Exported {}", written.display()));
                    None
                }
                Ok(None) => None,
                Err(message) => Some(FileError::new(&path, FileErrorKind::Io, message)),
            },
            Purpose::SaveAs { .. } => {
                let path = dialogs::with_extension(&path, &purpose);
                match self.save_to(&path) {
                    Ok(()) => {
                        if let Some(then) = self.after_save.take() {
                            self.proceed(then);
                        }
                        None
                    }
                    Err(err) => Some(err),
                }
            }
        }
    }
}
