//! One frame of the window, always in the same order: read the window's
//! input (closing, dropped files, shortcuts), draw the menus, panels and
//! views, draw whatever is in front (a job's progress or a modal), then
//! [`FlywheelApp::handle`] what all of them queued.

use egui::{Ui, ViewportCommand};

use super::action::Action;
use super::dialogs::{Dialog, Then};
use super::{FlywheelApp, Tab};
use crate::command::Command;
use crate::views::ViewContext;

impl eframe::App for FlywheelApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, super::prefs::STORAGE_KEY, &self.prefs);
    }

    /// Also called when the window goes away without a close request:
    /// unsaved changes then stay in the recovery file.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.close_recovery();
    }
}

impl FlywheelApp {
    /// One frame of the whole window. Needs no eframe frame, so benchmarks
    /// can run it headless.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.frame_time = self.clock_secs(&ctx);
        self.chart_exports(&ctx);
        if self.is_presenting() {
            self.present(ui, &ctx);
            return;
        }
        self.read_window_input(&ctx);

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        self.share_banner_ui(ui);
        self.quick_capture_ui(ui);
        self.views_ui(ui);
        self.front_ui(&ctx);
        if !self.is_anything_in_front() {
            self.toast_ui(&ctx);
        }

        self.handle(&ctx);
        self.autosave(&ctx);
        self.drop_overlay_ui(&ctx);
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        self.prefs.zoom_factor = ctx.zoom_factor();
        self.remember_columns();
    }

    /// The tables' columns, as the user chose them, for the next start.
    fn remember_columns(&mut self) {
        let (table, register) = (
            self.views.table.column_keys(),
            self.views.register.column_keys(),
        );
        if table != self.prefs.stakeholder_columns {
            self.prefs.stakeholder_columns = table;
        }
        if register != self.prefs.commitment_columns {
            self.prefs.commitment_columns = register;
        }
    }

    /// A frame of presenter mode: its keys and zoom shortcuts, the slide,
    /// then what the window still has to do (finish a save, autosave).
    fn present(&mut self, ui: &mut Ui, ctx: &egui::Context) {
        self.read_close_request(ctx);
        if !self.is_anything_in_front() {
            self.presenter_keys(ctx);
            let zoom = [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset];
            for command in ctx.input_mut(Command::consume_shortcuts) {
                if zoom.contains(&command) {
                    self.outbox.command(command);
                }
            }
        }
        self.presenter_ui(ui);
        // A save that failed, say, shows over the slide.
        self.front_ui(ctx);
        self.handle(ctx);
        self.autosave(ctx);
    }

    fn toast_ui(&mut self, ctx: &egui::Context) {
        if let Some(toast) = &mut self.toast
            && !toast.ui(ctx, self.doc.revision(), &mut self.outbox)
        {
            self.toast = None;
        }
    }

    /// What the window itself was told: a close request, dropped files,
    /// shortcuts. Shortcuts are queued as commands, not run, and only while
    /// nothing is in front (the palette closes itself on its own shortcut);
    /// a file dropped then is not opened, and the status bar says why.
    fn read_window_input(&mut self, ctx: &egui::Context) {
        self.read_close_request(ctx);
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|path| !path.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            self.actions.push(Action::Dropped(path));
        }
        if self.is_anything_in_front() {
            return;
        }
        for command in ctx.input_mut(Command::consume_shortcuts) {
            self.outbox.command(command);
        }
        // The tables take Delete for their selected row themselves.
        let table = matches!(self.tab, Tab::Stakeholders | Tab::Commitments);
        if !table
            && !ctx.egui_wants_keyboard_input()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Delete))
        {
            self.outbox.command(if self.selection.commitment.is_some() {
                Command::DeleteCommitment
            } else {
                Command::DeleteStakeholder
            });
        }
    }

    /// The window's close button. With unsaved changes the close waits for
    /// an answer to "Save changes?", asked once no job is in front (a file
    /// being opened or saved decides what "unsaved" means); without, the
    /// window closes.
    fn read_close_request(&mut self, ctx: &egui::Context) {
        let requested = ctx.input(|i| i.viewport().close_requested());
        if requested && self.doc.is_dirty() && !self.allow_close {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.close_pending = true;
        }
        if !self.close_pending || self.jobs.in_front().is_some() {
            return;
        }
        self.close_pending = false;
        let asking = Dialog::UnsavedChanges { then: Then::Quit };
        if !self.doc.is_dirty() {
            self.quit_requested = true;
        } else if self.modals.dialog() != Some(&asking) {
            self.modals.show(asking);
        }
    }

    /// The side list, the inspector (each unless hidden) and the current tab.
    fn views_ui(&mut self, ui: &mut Ui) {
        let today = self.today();
        let running = self.running_workshop;
        // The stakeholders table lists the stakeholders itself: no side list
        // there. (The register keeps it: it is where a commitment's owner
        // is picked.)
        if self.tab != Tab::Stakeholders && self.prefs.stakeholder_list {
            egui::Panel::left("stakeholders")
                .default_size(260.0)
                .size_range(200.0..=480.0)
                .show(ui, |ui| {
                    let mut cx =
                        ViewContext::new(&self.doc, today, &mut self.selection, &mut self.outbox);
                    cx.workshop = running.and_then(|id| self.doc.workspace().workshop(id));
                    self.views.list.ui(ui, &mut cx);
                });
        }
        if self.prefs.inspector {
            egui::Panel::right("inspector")
                .default_size(380.0)
                .size_range(280.0..=640.0)
                .show(ui, |ui| {
                    let mut cx =
                        ViewContext::new(&self.doc, today, &mut self.selection, &mut self.outbox);
                    cx.workshop = running.and_then(|id| self.doc.workspace().workshop(id));
                    self.views.inspector.ui(ui, &mut cx);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.tab_bar_ui(ui);
            ui.separator();
            let mut cx = ViewContext::new(&self.doc, today, &mut self.selection, &mut self.outbox);
            cx.workshop = running.and_then(|id| self.doc.workspace().workshop(id));
            let views = &mut self.views;
            match self.tab {
                Tab::Overview => views.overview.ui(ui, &mut cx),
                Tab::Stakeholders => views.table.ui(ui, &mut cx),
                Tab::InfluenceGrid => views.grid.ui(ui, &mut cx),
                Tab::ValueChain => views.value_chain.ui(ui, &mut cx),
                Tab::Commitments => views.register.ui(ui, &mut cx),
                Tab::Roadmap => views.roadmap.ui(ui, &mut cx),
                Tab::Momentum => views.momentum.ui(ui, &mut cx),
                Tab::WhiteSpaces => views.white_spaces.ui(ui, &mut cx),
                Tab::Since => views.since.ui(ui, &mut cx),
                Tab::Flywheel => views.flywheel.ui(ui, &mut cx),
            }
        });
    }

    fn drop_overlay_ui(&self, ctx: &egui::Context) {
        if ctx.input(|i| i.raw.hovered_files.is_empty()) {
            return;
        }
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop-overlay"),
        ));
        let rect = ctx.content_rect();
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop a workspace (.ron) to open it, or a spreadsheet (.csv, .xlsx, .ods) to import it",
            egui::FontId::proportional(24.0),
            egui::Color32::WHITE,
        );
    }
}
