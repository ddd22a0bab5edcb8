//! The window. Each frame ([`frame`]) reads the keyboard, draws the menus
//! ([`chrome`]), the views and whatever is in front ([`modal`]), then
//! handles what they queued in one place ([`handle`]): finished jobs, the
//! answers of dialogs, commands, then edits (the only place the document
//! changes, through [`Document::apply`], with undo and the unsaved mark),
//! then requests. Long work (opening, saving, importing, exporting,
//! merging, versions, crash recovery) runs as jobs ([`jobs`]). Files and
//! dialogs live in [`files`], [`dialogs`] and [`file_dialog`]; the command
//! palette in [`command_palette`]. This is also the one place that reads
//! the clock.

mod action;
mod chrome;
mod command_palette;
mod dialogs;
mod export;
mod file_dialog;
mod files;
mod frame;
mod handle;
mod import;
mod jobs;
mod merge_review;
mod modal;
mod prefs;
mod presenter;
mod quick_capture;
mod recovery;
mod sharing;
mod toast;
mod versions;
mod workshop;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};

pub use crate::command::{Command, Tab};
pub use dialogs::{Dialog, Then};
pub use file_dialog::{FileDialogs, Purpose};
pub use prefs::{Preferences, Theme};

use crate::edit::Document;
use crate::file::FileError;
use crate::jobs::{Executor, Jobs, Threads};
use crate::model::{Sector, Workspace};
use crate::views::{
    CommitmentRegister, FlywheelView, InfluenceGrid, Inspector, MomentumView, Outbox, Overview,
    RoadmapView, Selection, SharedVisionSlide, SinceView, StakeholderList, StakeholderTable,
    ValueChainMap, WhiteSpacesView, WorkshopSummarySlide,
};

/// The size of small text (legends, notes, hints), in points.
pub const SMALL_TEXT: f32 = 12.0;

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
            let mut app = FlywheelApp::new(&cc.egui_ctx, prefs, file, FileDialogs::system());
            match crate::recovery::default_dir() {
                Some(dir) => app.enable_recovery(&dir),
                None => app.notify("Crash recovery is off: this computer has no data folder"),
            }
            if let Some(versions) = crate::file::versions::Versions::in_data_dir() {
                app.enable_versions(versions);
            }
            Ok(Box::new(app))
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
    flywheel: FlywheelView,
    /// Only shown while presenting.
    vision: SharedVisionSlide,
    summary: WorkshopSummarySlide,
}

/// The Flywheel application.
pub struct FlywheelApp {
    doc: Document,
    origin: Origin,
    prefs: Preferences,
    dialogs: FileDialogs,
    /// What is in front of the document: dialogs, the command palette, the
    /// import preview, the merge review, the versions window.
    modals: modal::Modals,
    /// Long work under way, each a job the user waits for or one behind.
    jobs: Jobs<jobs::Done>,
    /// The time of the frame being drawn, on egui's clock (jobs are timed
    /// with it).
    frame_time: f64,
    /// What to do after a Save As started from the unsaved-changes dialog.
    after_save: Option<Then>,
    /// Set once the user agreed to close with unsaved changes discarded.
    allow_close: bool,
    /// Close the window at the next frame.
    quit_requested: bool,
    /// The window's close button was pressed while a job was in front:
    /// "Save changes?" waits for it.
    close_pending: bool,
    selection: Selection,
    tab: Tab,
    views: Views,
    /// What menus, shortcuts, the palette and views queued this frame.
    outbox: Outbox,
    /// What the window's own widgets (dialogs, dropped files, the recent
    /// list) asked for this frame; handled before the commands.
    actions: Vec<action::Action>,
    exports: export::Exports,
    notice: Option<Notice>,
    /// The workshop running now (started in this window).
    running_workshop: Option<crate::model::WorkshopId>,
    /// The workshop that ended last, whose summary is presenter mode's
    /// last slide.
    ended_workshop: Option<crate::model::WorkshopId>,
    /// Start the next presentation on the workshop summary.
    present_summary: bool,
    /// The quick-capture line (Ctrl+E).
    capture: quick_capture::QuickCapture,
    /// Presenter mode, while it is on.
    presenter: Option<presenter::Presenter>,
    /// What was just deleted, with its Undo button.
    toast: Option<toast::Toast>,
    /// The toast to show once this frame's edits are applied.
    toast_after_edits: Option<String>,
    /// Fixed "today" for tests; otherwise the clock is read each frame.
    today: Option<NaiveDate>,
    /// Fixed local time for tests (when edits are recorded as made).
    now: Option<NaiveDateTime>,
    /// The recovery file of unsaved changes; off unless enabled.
    recovery: recovery::Recovery,
    /// Where every save keeps a version (none in tests unless given).
    versions: Option<crate::file::versions::Versions>,
    shown_title: String,
}

impl FlywheelApp {
    /// The app with `prefs`, showing the demo while it opens `file`, or
    /// else the most recent file, in the background.
    pub fn new(
        ctx: &egui::Context,
        prefs: Preferences,
        file: Option<PathBuf>,
        dialogs: FileDialogs,
    ) -> Self {
        Self::with_executor(ctx, prefs, file, dialogs, Box::new(Threads))
    }

    /// [`Self::new`], with long work run by `executor`: threads on the
    /// desktop; [`crate::jobs::Inline`] runs each job on the window's
    /// thread at the next frame, as a target without threads would.
    pub fn with_executor(
        ctx: &egui::Context,
        prefs: Preferences,
        file: Option<PathBuf>,
        dialogs: FileDialogs,
        executor: Box<dyn Executor>,
    ) -> Self {
        ctx.set_theme(prefs.theme.to_egui());
        // egui's small text is 9 px: too small for legends and notes read
        // at a distance. 12 px, still a step below the 13 px body text.
        ctx.all_styles_mut(|style| {
            style.text_styles.insert(
                egui::TextStyle::Small,
                egui::FontId::proportional(SMALL_TEXT),
            );
        });
        ctx.set_zoom_factor(prefs.zoom_factor.clamp(0.5, 3.0));
        let mut app = Self {
            doc: Document::new(Workspace::new("Untitled coalition", Sector::Other)),
            origin: Origin::New,
            prefs,
            dialogs,
            modals: modal::Modals::default(),
            jobs: Jobs::new(executor),
            frame_time: ctx.input(|i| i.time),
            after_save: None,
            allow_close: false,
            quit_requested: false,
            close_pending: false,
            selection: Selection::default(),
            tab: Tab::Overview,
            views: Views::default(),
            outbox: Outbox::default(),
            actions: Vec::new(),
            exports: export::Exports::default(),
            notice: None,
            toast: None,
            presenter: None,
            capture: quick_capture::QuickCapture::default(),
            running_workshop: None,
            present_summary: false,
            ended_workshop: None,
            toast_after_edits: None,
            today: None,
            now: None,
            recovery: recovery::Recovery::default(),
            versions: None,
            shown_title: String::new(),
        };
        if !app.prefs.stakeholder_columns.is_empty() {
            app.views
                .table
                .set_column_keys(&app.prefs.stakeholder_columns);
        }
        if !app.prefs.commitment_columns.is_empty() {
            app.views
                .register
                .set_column_keys(&app.prefs.commitment_columns);
        }
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

    /// A fixed local time, for when edits are recorded as made (tests).
    pub fn set_now(&mut self, now: NaiveDateTime) {
        self.now = Some(now);
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

    /// The dialog in front, if what is in front is a dialog.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.modals.dialog()
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
            Origin::File(path) => files::file_name(path),
        }
    }

    /// The window title: the document's name, `*` in front when it has
    /// unsaved changes.
    pub fn window_title(&self) -> String {
        let mark = if self.doc.is_dirty() { "*" } else { "" };
        let share = if self.doc.workspace().share.is_some() {
            " (share copy)"
        } else {
            ""
        };
        format!("{mark}{}{share} — Flywheel", self.document_name())
    }

    /// Shows `ws` as a new, not yet saved workspace (benchmarks and tests).
    pub fn show_workspace(&mut self, ws: Workspace) {
        self.replace_document(ws, Origin::New);
    }

    /// Queues a command, as a menu item or a shortcut does; it runs at the
    /// end of the next frame.
    pub fn queue(&mut self, command: Command) {
        self.outbox.command(command);
    }

    /// Whether the command palette is open.
    pub fn is_palette_open(&self) -> bool {
        self.modals.is_palette_open()
    }

    fn replace_document(&mut self, ws: Workspace, origin: Origin) {
        self.replace_document_with_copy(ws, origin, None);
    }

    /// [`Self::replace_document`], with crash recovery's copy of `ws`
    /// already made (by the job that read it). Whatever was in front was
    /// about the document it replaces, so it closes.
    fn replace_document_with_copy(
        &mut self,
        ws: Workspace,
        origin: Origin,
        copy: Option<Workspace>,
    ) {
        self.doc = Document::new(ws);
        self.modals.close_all();
        self.toast = None;
        if let Some(presenter) = &mut self.presenter {
            presenter.workspace_replaced();
        }
        self.recovery_follows(copy);
        self.origin = origin;
        self.selection = Selection::default();
        self.after_save = None;
    }

    /// An error dialog about a file; nothing was changed.
    fn show_error(&mut self, title: &str, err: &FileError) {
        self.show_message(title, &err.to_string());
    }

    /// An error dialog; nothing was changed.
    fn show_message(&mut self, title: &str, message: &str) {
        self.modals.show(Dialog::Error {
            title: title.to_string(),
            message: message.to_string(),
        });
    }

    /// A message in the status bar.
    fn notify(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
    }

    /// A message in the status bar, in the colour of errors.
    fn notify_error(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
        });
    }
}
