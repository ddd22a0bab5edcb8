//! The frame around the views: the eframe entry point for each frame, the
//! menu bar, the tab bar, the status bar, dropped files and closing.

use egui::{RichText, Ui, ViewportCommand};

use super::dialogs::{Choice, Dialog, Then};
use super::prefs::Theme;
use super::{FlywheelApp, Notice, Origin, Tab};
use crate::command::Command;
use crate::edit::CoalesceKey;
use crate::views::ViewContext;

impl eframe::App for FlywheelApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, super::prefs::STORAGE_KEY, &self.prefs);
    }
}

impl FlywheelApp {
    /// One frame of the whole window. Needs no eframe frame, so benchmarks
    /// can run it headless.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.exports.request_screenshot(&ctx);
        for result in self.exports.finished() {
            self.notice = Some(match result {
                Ok(path) => Notice {
                    text: format!("Exported {}", path.display()),
                    is_error: false,
                },
                Err(message) => Notice {
                    text: format!("The chart could not be exported: {message}"),
                    is_error: true,
                },
            });
        }
        self.handle_close_request(&ctx);
        self.handle_dropped_files(&ctx);
        if let Some(outcome) = self.dialogs.poll() {
            self.handle_dialog_outcome(outcome);
        }
        if self.dialogs.is_waiting() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        if self.dialog.is_none() {
            for command in ctx.input_mut(Command::consume_shortcuts) {
                self.run_command(&ctx, command);
            }
        }

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        let today = self.today();
        // The stakeholders table lists the stakeholders itself: no side list
        // there. (The register keeps it: it is where a commitment's owner
        // is picked.)
        if self.tab != Tab::Stakeholders {
            egui::Panel::left("stakeholders")
                .default_size(260.0)
                .size_range(200.0..=480.0)
                .show(ui, |ui| {
                    let mut cx =
                        ViewContext::new(&self.doc, today, &mut self.selection, &mut self.outbox);
                    self.views.list.ui(ui, &mut cx);
                });
        }
        egui::Panel::right("inspector")
            .default_size(380.0)
            .size_range(280.0..=640.0)
            .show(ui, |ui| {
                let mut cx =
                    ViewContext::new(&self.doc, today, &mut self.selection, &mut self.outbox);
                self.views.inspector.ui(ui, &mut cx);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            self.tab_bar_ui(ui);
            ui.separator();
            let mut cx = ViewContext::new(&self.doc, today, &mut self.selection, &mut self.outbox);
            match self.tab {
                Tab::Overview => self.views.overview.ui(ui, &mut cx),
                Tab::Stakeholders => self.views.table.ui(ui, &mut cx),
                Tab::InfluenceGrid => self.views.grid.ui(ui, &mut cx),
                Tab::ValueChain => self.views.value_chain.ui(ui, &mut cx),
                Tab::Commitments => self.views.register.ui(ui, &mut cx),
                Tab::Roadmap => self.views.roadmap.ui(ui, &mut cx),
                Tab::Momentum => self.views.momentum.ui(ui, &mut cx),
                Tab::WhiteSpaces => self.views.white_spaces.ui(ui, &mut cx),
                Tab::Since => self.views.since.ui(ui, &mut cx),
            }
        });

        self.dialog_ui(&ctx);
        self.apply_edits(&ctx);
        self.handle_requests();
        self.drop_overlay_ui(&ctx);

        if self.quit_requested {
            self.quit_requested = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        self.prefs.zoom_factor = ctx.zoom_factor();
    }

    /// The one place edits are applied: each becomes an undo step (or joins
    /// the step of the interaction it continues) and marks the document
    /// unsaved. A refused edit changes nothing and says why.
    fn apply_edits(&mut self, ctx: &egui::Context) {
        let mut continued = false;
        for pending in self.outbox.take() {
            continued |= pending.key.is_some();
            let label = pending.edit.label();
            if let Err(err) = self.doc.apply(pending.edit, pending.key) {
                self.notice = Some(Notice {
                    text: format!("{label}: not done, {err}"),
                    is_error: true,
                });
            }
        }
        self.selection.prune(self.doc.workspace());
        // An interaction ends when its widget no longer has the focus and is
        // no longer dragged: the next edit starts a new undo step. Not in a
        // frame that just extended it: a focus requested this frame (the
        // name field of a stakeholder just added) only shows up in the next.
        if continued {
            return;
        }
        let active = ctx
            .memory(|m| m.focused())
            .or_else(|| ctx.dragged_id())
            .map(|id| CoalesceKey(id.value()));
        if self.doc.open_interaction().is_some() && self.doc.open_interaction() != active {
            self.doc.seal();
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedChanges { then: Then::Quit });
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<_> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|path| !path.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.guard(Then::Open(Some(path)));
        }
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
            "Drop a workspace file (.ron) to open it",
            egui::FontId::proportional(24.0),
            egui::Color32::WHITE,
        );
    }

    fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let name = self.document_name();
        match dialog.ui(ctx, &name) {
            Choice::Stay(dialog) => self.dialog = Some(dialog),
            Choice::Close => {}
            Choice::SaveThen(then) => self.save(Some(then)),
            Choice::Discard(then) => self.proceed(then),
            Choice::CreateNew(sector) => self.guard(Then::New(sector)),
            Choice::PathEntered(purpose, path) => {
                if let Some(err) = self.path_chosen(purpose.clone(), path.clone()) {
                    self.dialog = Some(Dialog::PathPrompt {
                        purpose,
                        text: path.display().to_string(),
                        reason: "Fix the path and try again.".to_string(),
                        error: Some(err.to_string()),
                    });
                }
            }
        }
    }

    fn menu_item(&mut self, ui: &mut Ui, command: Command, enabled: bool) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(command.help())
            .clicked()
        {
            let ctx = ui.ctx().clone();
            self.run_command(&ctx, command);
        }
    }

    fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, Command::New, true);
                self.menu_item(ui, Command::Open, true);
                ui.menu_button("Open Recent", |ui| self.recent_menu_ui(ui));
                ui.separator();
                self.menu_item(ui, Command::Save, true);
                self.menu_item(ui, Command::SaveAs, true);
                ui.separator();
                self.menu_item(ui, Command::Quit, true);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.doc.undo_label().map(str::to_owned);
                let redo = self.doc.redo_label().map(str::to_owned);
                self.menu_item(ui, Command::Undo, undo.is_some());
                if let Some(label) = undo {
                    ui.label(RichText::new(format!("  {label}")).weak().small());
                }
                self.menu_item(ui, Command::Redo, redo.is_some());
                if let Some(label) = redo {
                    ui.label(RichText::new(format!("  {label}")).weak().small());
                }
                ui.separator();
                self.menu_item(ui, Command::AddStakeholder, true);
                let selected = self.selection.stakeholder.is_some();
                self.menu_item(ui, Command::DeleteStakeholder, selected);
            });
            ui.menu_button("View", |ui| {
                for &tab in Tab::ALL {
                    self.menu_item(ui, Command::ShowTab(tab), true);
                }
                ui.separator();
                ui.label(RichText::new("Theme").weak());
                for theme in Theme::ALL {
                    if ui.radio(self.prefs.theme == theme, theme.label()).clicked() {
                        self.prefs.theme = theme;
                        ui.ctx().set_theme(theme.to_egui());
                    }
                }
                ui.separator();
                for command in [
                    Command::ZoomIn,
                    Command::ZoomOut,
                    Command::ZoomReset,
                    Command::ZoomProjector,
                ] {
                    self.menu_item(ui, command, true);
                }
            });
            ui.menu_button("Help", help_ui);
        });
    }

    fn recent_menu_ui(&mut self, ui: &mut Ui) {
        if self.prefs.recent_files.is_empty() {
            ui.label(RichText::new("No recent files").weak());
            return;
        }
        let mut chosen = None;
        for path in &self.prefs.recent_files {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                chosen = Some(path.clone());
            }
        }
        ui.separator();
        if ui.button("Clear recent files").clicked() {
            self.prefs.recent_files.clear();
        }
        if let Some(path) = chosen {
            self.guard(Then::Open(Some(path)));
        }
    }

    fn tab_bar_ui(&mut self, ui: &mut Ui) {
        // Wraps onto a second row rather than widening the panel.
        ui.horizontal_wrapped(|ui| {
            for &tab in Tab::ALL {
                let shortcut = ui.ctx().format_shortcut(&tab.shortcut());
                ui.selectable_value(&mut self.tab, tab, tab.label())
                    .on_hover_text(format!("{} ({shortcut})", tab.help()));
            }
        });
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            match &self.origin {
                Origin::File(path) => {
                    ui.label(RichText::new(path.display().to_string()).weak());
                }
                Origin::Demo => {
                    ui.label("Demo workspace, an unsaved copy: use Save As to keep your changes.");
                }
                Origin::New => {
                    ui.label("New workspace, not saved yet.");
                }
            }
            if self.doc.is_dirty() {
                ui.label(RichText::new("• Unsaved changes").color(ui.visuals().warn_fg_color));
            }
            if let Some(notice) = &self.notice {
                ui.separator();
                if notice.is_error {
                    ui.colored_label(ui.visuals().error_fg_color, &notice.text);
                } else {
                    ui.label(&notice.text);
                }
            }
        });
    }
}

/// Definitions behind the numbers, in the words the README uses.
pub const DEFINITIONS: &[(&str, &str)] = &[
    (
        "Active commitment",
        "Announced, in progress or at risk on the date in question. Achieved counts as delivered, not active. Withdrawn counts as withdrawn from the date of its withdrawal on. Before the day it was made, a commitment does not count.",
    ),
    (
        "Coverage",
        "The share of a category's stakeholders with at least one active commitment. The tipping point (20 % unless changed in the Overview) is drawn as a line.",
    ),
    (
        "Pledged against a target",
        "The quantities of commitments linked to a roadmap metric, in the metric's unit, counted towards every milestone from their target year on (or every milestone, without a target year). Withdrawn ones do not count.",
    ),
    (
        "White spaces",
        "A stakeholder reaches a coalition stage through its engagement stage (shared vision, roadmap, committed, implementing map to the four stages) or through an active or achieved commitment: targets, procurement pledges and policy show committing to action; offtakes, financing, projects and R&D show supporting implementation. It counts in every stage up to the furthest it reached.",
    ),
    (
        "Upgrade and downgrade",
        "Statuses rank at risk < announced < in progress < achieved; moving up is an upgrade, down a downgrade; a move to withdrawn is a withdrawal.",
    ),
];

fn help_ui(ui: &mut Ui) {
    ui.set_max_width(460.0);
    ui.menu_button("Definitions", |ui| {
        ui.set_max_width(460.0);
        for (term, definition) in DEFINITIONS {
            ui.label(RichText::new(*term).strong());
            ui.label(*definition);
            ui.add_space(4.0);
        }
    });
    ui.separator();
    ui.label(RichText::new("Engagement ladder").strong());
    for stage in crate::model::EngagementStage::ALL {
        ui.label(format!("{} — {}", stage.label(), stage.help()));
    }
    ui.separator();
    ui.label(RichText::new("Stakeholder categories").strong());
    for category in crate::model::Category::ALL {
        ui.horizontal(|ui| {
            crate::views::palette::category_icon_ui(ui, *category);
            ui.label(format!("{} — {}", category.label(), category.help()));
        });
    }
    ui.separator();
    ui.label(format!("Flywheel {}", env!("CARGO_PKG_VERSION")));
}
