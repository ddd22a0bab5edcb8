//! The command palette (Ctrl+K, Cmd+K on a Mac): type part of a command's
//! name, pick it with the arrow keys and Enter (or a click). It lists every
//! command with its shortcut, so it is also where shortcuts are learnt.

use egui::{Id, Key, Modifiers, RichText, Ui};

use crate::command::Command;

/// The open palette's state: what is typed, which row is highlighted.
#[derive(Debug)]
pub struct CommandPalette {
    query: String,
    highlighted: usize,
    /// The text field gets the focus in the first frame it is shown.
    needs_focus: bool,
    /// Its own shortcut, Escape or a click outside closed it.
    closed: bool,
}

impl Default for CommandPalette {
    /// Empty, with the cursor in its field.
    fn default() -> Self {
        Self {
            query: String::new(),
            highlighted: 0,
            needs_focus: true,
            closed: false,
        }
    }
}

impl CommandPalette {
    /// Shows the palette; returns the command the user chose, and whether
    /// the palette is done (a command was chosen, or it was closed).
    /// `is_enabled` says which commands can run now; the others are listed
    /// greyed out and cannot be chosen.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        is_enabled: impl Fn(Command) -> bool,
    ) -> (Option<Command>, bool) {
        let modal = egui::Modal::new(Id::unique("command-palette")).show(ctx, |ui| {
            ui.set_width(460.0);
            self.contents_ui(ui, &is_enabled)
        });
        let chosen = modal.inner;
        let done = chosen.is_some() || modal.should_close() || self.closed;
        (chosen, done)
    }

    fn contents_ui(
        &mut self,
        ui: &mut Ui,
        is_enabled: &dyn Fn(Command) -> bool,
    ) -> Option<Command> {
        // Taken before the text field sees them: arrows move the highlight,
        // Enter runs it, the palette's own shortcut closes it.
        let (up, down, enter, again) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::Enter),
                Command::CommandPalette
                    .kb_shortcuts()
                    .iter()
                    .any(|s| i.consume_shortcut(s)),
            )
        });
        if again {
            self.closed = true;
            return None;
        }
        let label = ui.label(RichText::new("Find a command").strong());
        let field = ui.add(
            egui::TextEdit::singleline(&mut self.query)
                .hint_text("Type part of a command's name, e.g. “save as”")
                .desired_width(f32::INFINITY),
        );
        let field = field.labelled_by(label.id);
        if self.needs_focus {
            field.request_focus();
            self.needs_focus = false;
        }
        if field.changed() {
            self.highlighted = 0;
        }
        let matches = matching(&self.query);
        if matches.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("No command matches what you typed.").weak());
            return None;
        }
        let last = matches.len() - 1;
        if up {
            self.highlighted = self.highlighted.saturating_sub(1);
        }
        if down {
            self.highlighted = (self.highlighted + 1).min(last);
        }
        self.highlighted = self.highlighted.min(last);
        ui.add_space(4.0);
        let clicked = egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| self.rows_ui(ui, &matches, is_enabled))
            .inner;
        let chosen = clicked.or(enter.then(|| matches[self.highlighted]));
        chosen.filter(|&command| is_enabled(command))
    }

    fn rows_ui(
        &self,
        ui: &mut Ui,
        matches: &[Command],
        is_enabled: &dyn Fn(Command) -> bool,
    ) -> Option<Command> {
        let mut clicked = None;
        for (row, &command) in matches.iter().enumerate() {
            let shortcut = command
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default();
            let is_highlighted = row == self.highlighted;
            let button = egui::Button::selectable(is_highlighted, command.label())
                .right_text(RichText::new(shortcut).weak())
                .min_size(egui::vec2(ui.available_width(), 0.0));
            let response = ui
                .add_enabled(is_enabled(command), button)
                .on_hover_text(command.help());
            if is_highlighted {
                response.scroll_to_me(None);
            }
            if response.clicked() {
                clicked = Some(command);
            }
        }
        clicked
    }
}

/// The commands matching `query`, best first: those whose name starts with
/// it, then those whose name has every word of it, then those where the
/// words are found in the help text too. An empty query lists them all.
pub fn matching(query: &str) -> Vec<Command> {
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut ranked: Vec<(u8, Command)> = Command::all()
        .filter_map(|command| {
            let name = command.label().to_lowercase();
            let help = command.help().to_lowercase();
            let rank = if name.starts_with(&query) {
                0
            } else if words.iter().all(|w| name.contains(w)) {
                1
            } else if words.iter().all(|w| name.contains(w) || help.contains(w)) {
                2
            } else {
                return None;
            };
            Some((rank, command))
        })
        .collect();
    // Stable: within a rank, the palette's usual order.
    ranked.sort_by_key(|(rank, _)| *rank);
    ranked.into_iter().map(|(_, command)| command).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::Tab;

    #[test]
    fn names_first_then_help_text() {
        assert_eq!(matching("save as").first(), Some(&Command::SaveAs));
        assert_eq!(matching("SAVE")[..2], [Command::Save, Command::SaveAs]);
        assert_eq!(
            matching("white").first(),
            Some(&Command::ShowTab(Tab::WhiteSpaces))
        );
        // Only in the help text: "Large text for a projector…"
        assert!(matching("large text").contains(&Command::ZoomProjector));
        assert!(matching("no such command").is_empty());
        assert_eq!(matching("").len(), Command::all().count());
    }
}
