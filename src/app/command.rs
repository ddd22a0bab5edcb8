//! Every command a user can give from the menu bar or the keyboard, with its
//! label, shortcut and help text in one place, so the two never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command from a menu item or a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    AddStakeholder,
    DeleteStakeholder,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ZoomProjector,
    ShowTab(super::Tab),
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl Command {
    /// Commands with shortcuts, most specific first: Cmd+Shift+S must be
    /// matched before Cmd+S, because matching ignores extra Shift.
    const WITH_SHORTCUTS: &'static [Command] = &[
        Command::SaveAs,
        Command::Redo,
        Command::AddStakeholder,
        Command::New,
        Command::Open,
        Command::Save,
        Command::Quit,
        Command::Undo,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ZoomReset,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New workspace…",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::AddStakeholder => "Add stakeholder",
            Command::DeleteStakeholder => "Delete stakeholder",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Actual size (100 %)",
            Command::ZoomProjector => "Projector size (150 %)",
            Command::ShowTab(tab) => tab.label(),
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Command::New => "Start a workspace from a sector template",
            Command::Open => "Open a workspace file (.ron)",
            Command::Save => "Save the workspace to its file",
            Command::SaveAs => "Save the workspace to a new file",
            Command::Quit => "Close Flywheel",
            Command::Undo => "Revert the last change",
            Command::Redo => "Bring back the last undone change",
            Command::AddStakeholder => "Add a stakeholder to the map",
            Command::DeleteStakeholder => {
                "Delete the selected stakeholder with its commitments and relationships"
            }
            Command::ZoomIn => "Make everything larger",
            Command::ZoomOut => "Make everything smaller",
            Command::ZoomReset => "Back to normal size",
            Command::ZoomProjector => "Large text for a projector or a shared screen",
            Command::ShowTab(tab) => tab.help(),
        }
    }

    /// The main shortcut, shown in menus.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let (modifiers, key) = match self {
            Command::New => (CMD, Key::N),
            Command::Open => (CMD, Key::O),
            Command::Save => (CMD, Key::S),
            Command::SaveAs => (CMD_SHIFT, Key::S),
            Command::Quit => (CMD, Key::Q),
            Command::Undo => (CMD, Key::Z),
            Command::Redo => (CMD_SHIFT, Key::Z),
            Command::AddStakeholder => (CMD_SHIFT, Key::N),
            Command::ZoomIn => (CMD, Key::Plus),
            Command::ZoomOut => (CMD, Key::Minus),
            Command::ZoomReset => (CMD, Key::Num0),
            Command::ShowTab(tab) => return tab.shortcut(),
            Command::DeleteStakeholder | Command::ZoomProjector => return None,
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    /// Further shortcuts that do the same (Ctrl+Y for redo, Ctrl+= for zoom in).
    fn alternative_shortcuts(self) -> &'static [KeyboardShortcut] {
        const REDO: &[KeyboardShortcut] = &[KeyboardShortcut::new(CMD, Key::Y)];
        const ZOOM_IN: &[KeyboardShortcut] = &[KeyboardShortcut::new(CMD, Key::Equals)];
        match self {
            Command::Redo => REDO,
            Command::ZoomIn => ZOOM_IN,
            _ => &[],
        }
    }

    /// Takes this frame's shortcut presses out of the input, so no widget
    /// also reacts to them (undo in a text field undoes the document, as in
    /// every other place).
    pub fn consume_shortcuts(ctx: &egui::Context) -> Vec<Command> {
        ctx.input_mut(|input| {
            let mut pressed = Vec::new();
            for &command in Self::WITH_SHORTCUTS {
                let shortcuts = command
                    .shortcut()
                    .into_iter()
                    .chain(command.alternative_shortcuts().iter().copied());
                for shortcut in shortcuts {
                    if input.consume_shortcut(&shortcut) {
                        pressed.push(command);
                    }
                }
            }
            for &tab in super::Tab::ALL {
                if tab
                    .shortcut()
                    .is_some_and(|shortcut| input.consume_shortcut(&shortcut))
                {
                    pressed.push(Command::ShowTab(tab));
                }
            }
            pressed
        })
    }
}
