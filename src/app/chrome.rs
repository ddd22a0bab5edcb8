//! The frame around the views: the menu bar, the tab bar, the status bar,
//! the dialogs and Help. Menu items queue commands; nothing here changes
//! the document.

use egui::{RichText, Ui};

use super::action::Action;
use super::prefs::Theme;
use super::{FlywheelApp, Origin, Tab};
use crate::command::Command;

/// The menu that holds the tabs that do not fit in the row.
const MORE_TABS: &str = "More ⏷";

/// Which tabs fit in the row, in order, and which go into the "More" menu.
/// The open tab is always in the row, in place of the last that would fit.
fn tabs_that_fit(ui: &Ui, open: Tab) -> (Vec<Tab>, Vec<Tab>) {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let spacing = ui.spacing();
    let width_of = |text: &str| {
        ui.painter()
            .layout_no_wrap(text.to_string(), font.clone(), egui::Color32::WHITE)
            .size()
            .x
            + 2.0 * spacing.button_padding.x
            + spacing.item_spacing.x
    };
    let widths: Vec<f32> = Tab::ALL.iter().map(|t| width_of(t.label())).collect();
    let available = ui.available_width();
    if widths.iter().sum::<f32>() <= available {
        return (Tab::ALL.to_vec(), Vec::new());
    }
    let room = available - width_of(MORE_TABS);
    let mut shown = Vec::new();
    let mut used = 0.0;
    for (&tab, &width) in Tab::ALL.iter().zip(&widths) {
        if used + width > room {
            break;
        }
        used += width;
        shown.push(tab);
    }
    if !shown.contains(&open) {
        let open_width = widths[Tab::ALL.iter().position(|&t| t == open).unwrap_or(0)];
        while !shown.is_empty() && used + open_width > room {
            if let Some(last) = shown.pop() {
                used -= widths[Tab::ALL.iter().position(|&t| t == last).unwrap_or(0)];
            }
        }
        shown.push(open);
    }
    let more = Tab::ALL
        .iter()
        .copied()
        .filter(|t| !shown.contains(t))
        .collect();
    (shown, more)
}

impl FlywheelApp {
    /// A menu item for `command`, greyed out when it cannot run now.
    fn menu_item(&mut self, ui: &mut Ui, command: Command) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui
            .add_enabled(self.is_enabled(command), button)
            .on_hover_text(command.help())
            .clicked()
        {
            self.outbox.command(command);
        }
    }

    /// A menu item for a command that shows or hides something, ticked
    /// while it is shown.
    fn toggle_menu_item(&mut self, ui: &mut Ui, command: Command, shown: bool) {
        let mut button = egui::Button::selectable(shown, command.label());
        if let Some(shortcut) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add(button).on_hover_text(command.help()).clicked() {
            self.outbox.command(command);
        }
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.menu_item(ui, Command::New);
                self.menu_item(ui, Command::Open);
                ui.menu_button("Open Recent", |ui| self.recent_menu_ui(ui));
                ui.separator();
                self.menu_item(ui, Command::Save);
                self.menu_item(ui, Command::SaveAs);
                ui.separator();
                self.menu_item(ui, Command::ImportSpreadsheet);
                self.menu_item(ui, Command::ExportSpreadsheet);
                self.menu_item(ui, Command::ExportCsv);
                ui.separator();
                self.menu_item(ui, Command::SaveShareCopy);
                self.menu_item(ui, Command::ExportReport);
                ui.separator();
                self.menu_item(ui, Command::MergeCopy);
                self.menu_item(ui, Command::ReviewConflicts);
                self.menu_item(ui, Command::Versions);
                ui.separator();
                self.menu_item(ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.doc.undo_label().map(str::to_owned);
                let redo = self.doc.redo_label().map(str::to_owned);
                self.menu_item(ui, Command::Undo);
                if let Some(label) = undo {
                    ui.label(RichText::new(format!("  {label}")).weak().small());
                }
                self.menu_item(ui, Command::Redo);
                if let Some(label) = redo {
                    ui.label(RichText::new(format!("  {label}")).weak().small());
                }
                ui.separator();
                self.menu_item(ui, Command::AddStakeholder);
                self.menu_item(ui, Command::DeleteStakeholder);
                ui.separator();
                self.menu_item(ui, Command::AddCommitment);
                self.menu_item(ui, Command::DeleteCommitment);
                self.menu_item(ui, Command::QuickCapture);
                self.menu_item(ui, Command::StartWorkshop);
                self.menu_item(ui, Command::EndWorkshop);
                ui.separator();
                self.menu_item(ui, Command::CommandPalette);
            });
            ui.menu_button("View", |ui| {
                for &tab in Tab::ALL {
                    self.menu_item(ui, Command::ShowTab(tab));
                }
                ui.separator();
                self.menu_item(ui, Command::Present);
                ui.separator();
                let (list, inspector) = (self.prefs.stakeholder_list, self.prefs.inspector);
                self.toggle_menu_item(ui, Command::ToggleStakeholderList, list);
                self.toggle_menu_item(ui, Command::ToggleInspector, inspector);
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
                    self.menu_item(ui, command);
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
            self.actions.push(Action::Open(path));
        }
    }

    /// The tabs in one row, between the buttons that hide and show the side
    /// panels. Tabs that do not fit (a narrow window, a projector's zoom) go
    /// into a "More" menu; the open tab is always in the row.
    pub(super) fn tab_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let list_shown = self.prefs.stakeholder_list;
            if self.tab != Tab::Stakeholders {
                self.panel_toggle_ui(ui, Command::ToggleStakeholderList, list_shown, "◀", "▶");
            }
            let inspector = self.prefs.inspector;
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                self.panel_toggle_ui(ui, Command::ToggleInspector, inspector, "▶", "◀");
                let shortcut = Command::QuickCapture
                    .shortcut()
                    .map(|s| ui.ctx().format_shortcut(&s))
                    .unwrap_or_default();
                if ui
                    .selectable_label(self.capture.is_open(), "✚ Capture")
                    .on_hover_text(format!("{} ({shortcut})", Command::QuickCapture.help()))
                    .clicked()
                {
                    self.outbox.command(Command::QuickCapture);
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    self.tabs_ui(ui);
                });
            });
        });
    }

    fn tabs_ui(&mut self, ui: &mut Ui) {
        let (shown, more) = tabs_that_fit(ui, self.tab);
        for tab in shown {
            self.tab_button_ui(ui, tab);
        }
        if more.is_empty() {
            return;
        }
        ui.menu_button(MORE_TABS, |ui| {
            for tab in more {
                self.tab_button_ui(ui, tab);
            }
        })
        .response
        .on_hover_text("The tabs that do not fit in this window");
    }

    fn tab_button_ui(&mut self, ui: &mut Ui, tab: Tab) {
        let shortcut = ui.ctx().format_shortcut(&tab.shortcut());
        if ui
            .selectable_label(self.tab == tab, tab.label())
            .on_hover_text(format!("{} ({shortcut})", tab.help()))
            .clicked()
        {
            self.outbox.command(Command::ShowTab(tab));
        }
    }

    /// A small button that hides a side panel (`hide` points the way it
    /// goes) or shows it again.
    fn panel_toggle_ui(
        &mut self,
        ui: &mut Ui,
        command: Command,
        shown: bool,
        hide: &str,
        show: &str,
    ) {
        let shortcut = command
            .shortcut()
            .map(|s| format!(" ({})", ui.ctx().format_shortcut(&s)))
            .unwrap_or_default();
        let what = command.label().to_lowercase();
        let (icon, verb) = if shown {
            (hide, "Hide")
        } else {
            (show, "Show")
        };
        let name = format!("{verb} the {what}");
        if ui
            .add(egui::Button::new(icon).frame(false))
            .accessible_name(&name)
            .on_hover_text(format!("{name}{shortcut}"))
            .clicked()
        {
            self.outbox.command(command);
        }
    }

    /// A share copy says so above everything, for as long as it is open.
    pub(super) fn share_banner_ui(&self, ui: &mut Ui) {
        let Some(marker) = &self.doc.workspace().share else {
            return;
        };
        egui::Panel::top("share-banner").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let warn = ui.visuals().warn_fg_color;
                ui.label(RichText::new("Share copy").strong().color(warn));
                ui.label(format!(
                    "{}. This file is not the original: the data left out is not in it, \
                     and saving it does not change the original.",
                    marker.banner_text()
                ));
            });
        });
    }

    pub(super) fn status_bar_ui(&mut self, ui: &mut Ui) {
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
            self.workshop_status_ui(ui);
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

fn help_ui(ui: &mut Ui) {
    ui.set_max_width(460.0);
    // The text of docs/definitions.md, one term after another.
    ui.menu_button("Definitions", |ui| {
        use crate::help::Block;
        ui.set_max_width(460.0);
        // Most of the window's height, not just the parent menu's.
        let height = 0.8 * ui.ctx().content_rect().height();
        egui::ScrollArea::vertical()
            .max_height(height)
            .min_scrolled_height(height)
            .show(ui, |ui| {
                for definition in crate::help::definitions() {
                    let term = RichText::new(&definition.term).strong();
                    if definition.is_subterm {
                        ui.label(term);
                    } else {
                        ui.add_space(4.0);
                        ui.label(term.size(15.0));
                    }
                    for block in &definition.blocks {
                        match block {
                            Block::Paragraph(text) => {
                                ui.label(text);
                            }
                            Block::Bullet(text) => {
                                ui.horizontal_top(|ui| {
                                    ui.label("•");
                                    ui.add(egui::Label::new(text).wrap());
                                });
                            }
                        }
                    }
                    ui.add_space(4.0);
                }
            });
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
