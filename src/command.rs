//! Every command a user can give, from a menu, a shortcut, the command
//! palette or a view's button: its label, shortcuts and help text in one
//! place, so menus, the keyboard and the palette never disagree.
//!
//! A command is only a wish. Whoever has one queues it
//! ([`crate::views::Outbox::command`]); the app runs the queue once, at the
//! end of the frame, before it applies the frame's edits.

use egui::{Key, KeyboardShortcut, Modifiers};

/// The main tabs of the window, in tab-bar order; Ctrl+1, Ctrl+2… follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Overview,
    Stakeholders,
    InfluenceGrid,
    ValueChain,
    Commitments,
    Roadmap,
    Momentum,
    WhiteSpaces,
    Since,
    Flywheel,
}

impl Tab {
    pub const ALL: &'static [Tab] = &[
        Tab::Overview,
        Tab::Stakeholders,
        Tab::InfluenceGrid,
        Tab::ValueChain,
        Tab::Commitments,
        Tab::Roadmap,
        Tab::Momentum,
        Tab::WhiteSpaces,
        Tab::Since,
        Tab::Flywheel,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Stakeholders => "Stakeholders",
            Tab::InfluenceGrid => "Influence & support",
            Tab::ValueChain => "Value chain",
            Tab::Commitments => "Commitments",
            Tab::Roadmap => "Roadmap",
            Tab::Momentum => "Momentum",
            Tab::WhiteSpaces => "White spaces",
            Tab::Since => "Since…",
            Tab::Flywheel => "Flywheel",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Tab::Overview => "Title, shared vision, roadmap and workshops",
            Tab::Stakeholders => "Every stakeholder in a sortable, filterable table",
            Tab::InfluenceGrid => "Who matters and where they stand: drag to rescore",
            Tab::ValueChain => {
                "Suppliers, industry, buyers, finance and government, and how they are linked"
            }
            Tab::Commitments => "Every commitment: sort, filter, add and edit",
            Tab::Roadmap => "Milestones 2025–2050 and how far pledges go towards each target",
            Tab::Momentum => "Is the flywheel turning? Commitments, stages and coverage over time",
            Tab::WhiteSpaces => "Where in the flywheel nobody has moved yet",
            Tab::Since => "What changed since a date or a workshop",
            Tab::Flywheel => {
                "Are demand, supply, finance and policy turning together, and who can push next?"
            }
        }
    }

    /// The shortcut that shows this tab: Cmd/Ctrl and its position.
    pub fn shortcut(self) -> KeyboardShortcut {
        Command::ShowTab(self).kb_shortcuts()[0]
    }
}

/// A command from a menu item, a shortcut, the palette or a view.
#[must_use = "a command does nothing until it is queued"]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    /// Bring records in from CSV or Excel, through a preview.
    ImportSpreadsheet,
    /// Stakeholders, commitments and relationships as one Excel workbook.
    ExportSpreadsheet,
    /// The same as three CSV files in a folder.
    ExportCsv,
    /// A copy of the workspace without confidential data.
    SaveShareCopy,
    /// The HTML report.
    ExportReport,
    /// Merge a colleague's copy of the workspace, through a review.
    MergeCopy,
    /// Choose in the conflicts a merge left open in the file.
    ReviewConflicts,
    /// The versions kept of every save: open or restore one.
    Versions,
    Quit,
    Undo,
    Redo,
    AddStakeholder,
    DeleteStakeholder,
    /// A new commitment by the selected stakeholder, made today.
    AddCommitment,
    DeleteCommitment,
    ShowTab(Tab),
    /// Presenter mode: full screen, one view at a time as a slide.
    Present,
    /// The one-line form for commitments heard in a workshop.
    QuickCapture,
    /// Record a workshop and run it: captured commitments name it.
    StartWorkshop,
    /// End the running workshop, with a summary.
    EndWorkshop,
    /// Hide or show the list of stakeholders on the left.
    ToggleStakeholderList,
    /// Hide or show the inspector on the right.
    ToggleInspector,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ZoomProjector,
    CommandPalette,
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// A `&'static` list of shortcuts: `shortcuts!(CMD Key::Z, CMD Key::Y)`.
macro_rules! shortcuts {
    ($($modifiers:ident $key:expr),*) => {{
        const LIST: &[KeyboardShortcut] = &[$(KeyboardShortcut::new($modifiers, $key)),*];
        LIST
    }};
}

impl Command {
    /// Every command, in the order the palette lists them.
    pub fn all() -> impl Iterator<Item = Command> {
        const BEFORE_TABS: &[Command] = &[
            Command::New,
            Command::Open,
            Command::Save,
            Command::SaveAs,
            Command::ImportSpreadsheet,
            Command::ExportSpreadsheet,
            Command::ExportCsv,
            Command::SaveShareCopy,
            Command::ExportReport,
            Command::MergeCopy,
            Command::ReviewConflicts,
            Command::Versions,
            Command::Undo,
            Command::Redo,
            Command::AddStakeholder,
            Command::DeleteStakeholder,
            Command::AddCommitment,
            Command::DeleteCommitment,
            Command::QuickCapture,
            Command::StartWorkshop,
            Command::EndWorkshop,
        ];
        const AFTER_TABS: &[Command] = &[
            Command::Present,
            Command::ToggleStakeholderList,
            Command::ToggleInspector,
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomReset,
            Command::ZoomProjector,
            Command::CommandPalette,
            Command::Quit,
        ];
        BEFORE_TABS
            .iter()
            .copied()
            .chain(Tab::ALL.iter().map(|&tab| Command::ShowTab(tab)))
            .chain(AFTER_TABS.iter().copied())
    }

    pub fn label(self) -> &'static str {
        match self {
            Command::New => "New workspace…",
            Command::Open => "Open…",
            Command::Save => "Save",
            Command::SaveAs => "Save As…",
            Command::ImportSpreadsheet => "Import spreadsheet…",
            Command::ExportSpreadsheet => "Export spreadsheet (Excel)…",
            Command::ExportCsv => "Export CSV files…",
            Command::SaveShareCopy => "Save share copy…",
            Command::ExportReport => "Export report…",
            Command::MergeCopy => "Merge a colleague's copy…",
            Command::ReviewConflicts => "Open conflicts…",
            Command::Versions => "Versions…",
            Command::Quit => "Quit",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::AddStakeholder => "Add stakeholder",
            Command::DeleteStakeholder => "Delete stakeholder",
            Command::AddCommitment => "Add commitment",
            Command::DeleteCommitment => "Delete commitment",
            Command::ShowTab(tab) => tab.label(),
            Command::Present => "Present",
            Command::QuickCapture => "Quick capture",
            Command::StartWorkshop => "Start workshop…",
            Command::EndWorkshop => "End workshop",
            Command::ToggleStakeholderList => "Stakeholder list",
            Command::ToggleInspector => "Inspector",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ZoomReset => "Actual size (100 %)",
            Command::ZoomProjector => "Projector size (150 %)",
            Command::CommandPalette => "Command palette…",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Command::New => "Start a workspace from a sector template",
            Command::Open => "Open a workspace file (.ron)",
            Command::Save => "Save the workspace to its file",
            Command::SaveAs => "Save the workspace to a new file",
            Command::ImportSpreadsheet => {
                "Bring stakeholders, commitments or relationships in from CSV, Excel or \
                 OpenDocument; a preview shows every change before anything happens"
            }
            Command::ExportSpreadsheet => {
                "Stakeholders, commitments and relationships as one .xlsx workbook, \
                 one sheet each, that imports back unchanged"
            }
            Command::ExportCsv => {
                "stakeholders.csv, commitments.csv and relationships.csv in a folder, \
                 ready for Excel, that import back unchanged"
            }
            Command::SaveShareCopy => {
                "A copy for people outside the facilitation team: contacts and \
                 confidential data left out"
            }
            Command::ExportReport => {
                "An HTML report that opens in any browser and prints on A4; \
                 confidential data left out"
            }
            Command::MergeCopy => {
                "Bring in what a colleague changed in their copy of this workspace: \
                 a review lists every change and conflict before anything happens"
            }
            Command::ReviewConflicts => {
                "Choose, conflict by conflict, in what a merge left open in this file"
            }
            Command::Versions => {
                "The versions kept of every save of this workspace: open or restore one"
            }
            Command::Quit => "Close Flywheel",
            Command::Undo => "Revert the last change",
            Command::Redo => "Bring back the last undone change",
            Command::AddStakeholder => "Add a stakeholder and type its name",
            Command::DeleteStakeholder => {
                "Delete the selected stakeholder with its commitments and relationships"
            }
            Command::AddCommitment => {
                "Record a commitment by the selected stakeholder, announced today"
            }
            Command::DeleteCommitment => "Delete the selected commitment",
            Command::ShowTab(tab) => tab.help(),
            Command::StartWorkshop => {
                "Record today's workshop and run it: commitments you capture are dated on \
                 its day and name it as their source"
            }
            Command::EndWorkshop => {
                "End the running workshop and see what it brought: commitments captured, \
                 stakeholders who moved stage"
            }
            Command::QuickCapture => {
                "Record a commitment heard in the room on one line: who, kind, what, how much"
            }
            Command::Present => {
                "Full screen, one view at a time, large type, confidential data left out; \
                 the arrow keys step through the slides, Esc leaves"
            }
            Command::ToggleStakeholderList => {
                "Hide the list of stakeholders on the left to give the view more room, \
                 or show it again"
            }
            Command::ToggleInspector => {
                "Hide the inspector on the right to give the view more room, or show it again"
            }
            Command::ZoomIn => "Make everything larger",
            Command::ZoomOut => "Make everything smaller",
            Command::ZoomReset => "Back to normal size",
            Command::ZoomProjector => "Large text for a projector or a shared screen",
            Command::CommandPalette => "Find any command by typing part of its name",
        }
    }

    /// The shortcuts that give this command; menus and the palette show the
    /// first. Cmd is Ctrl outside macOS.
    pub fn kb_shortcuts(self) -> &'static [KeyboardShortcut] {
        match self {
            Command::New => shortcuts!(CMD Key::N),
            Command::Open => shortcuts!(CMD Key::O),
            Command::Save => shortcuts!(CMD Key::S),
            Command::SaveAs => shortcuts!(CMD_SHIFT Key::S),
            Command::Quit => shortcuts!(CMD Key::Q),
            Command::Undo => shortcuts!(CMD Key::Z),
            Command::Redo => shortcuts!(CMD_SHIFT Key::Z, CMD Key::Y),
            Command::AddStakeholder => shortcuts!(CMD_SHIFT Key::N),
            Command::ZoomIn => shortcuts!(CMD Key::Plus, CMD Key::Equals),
            Command::ZoomOut => shortcuts!(CMD Key::Minus),
            Command::ZoomReset => shortcuts!(CMD Key::Num0),
            Command::CommandPalette => shortcuts!(CMD Key::K),
            Command::Present => shortcuts!(NONE Key::F5),
            Command::QuickCapture => shortcuts!(CMD Key::E),
            Command::ToggleStakeholderList => shortcuts!(CMD Key::OpenBracket),
            Command::ToggleInspector => shortcuts!(CMD Key::CloseBracket),
            Command::ShowTab(tab) => match tab {
                Tab::Overview => shortcuts!(CMD Key::Num1),
                Tab::Stakeholders => shortcuts!(CMD Key::Num2),
                Tab::InfluenceGrid => shortcuts!(CMD Key::Num3),
                Tab::ValueChain => shortcuts!(CMD Key::Num4),
                Tab::Commitments => shortcuts!(CMD Key::Num5),
                Tab::Roadmap => shortcuts!(CMD Key::Num6),
                Tab::Momentum => shortcuts!(CMD Key::Num7),
                Tab::WhiteSpaces => shortcuts!(CMD Key::Num8),
                Tab::Since => shortcuts!(CMD Key::Num9),
                Tab::Flywheel => shortcuts!(CMD_SHIFT Key::F),
            },
            Command::ImportSpreadsheet => shortcuts!(CMD Key::I),
            Command::DeleteStakeholder
            | Command::ExportSpreadsheet
            | Command::ExportCsv
            | Command::SaveShareCopy
            | Command::ExportReport
            | Command::MergeCopy
            | Command::ReviewConflicts
            | Command::Versions
            | Command::AddCommitment
            | Command::DeleteCommitment
            | Command::StartWorkshop
            | Command::EndWorkshop
            | Command::ZoomProjector => &[],
        }
    }

    /// The shortcut menus show, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.kb_shortcuts().first().copied()
    }

    /// Takes this frame's shortcut presses out of the input, so no widget
    /// also reacts to them (undo in a text field undoes the document, as
    /// everywhere else), and returns their commands in the order found.
    ///
    /// egui matches modifiers logically (an extra Shift still matches), so
    /// the shortcuts with the most modifiers are tried first: Cmd+Shift+S is
    /// Save As, never Save. A key held down gives its command once a repeat.
    pub fn consume_shortcuts(input: &mut egui::InputState) -> Vec<Command> {
        let mut bindings: Vec<(Command, KeyboardShortcut)> = Command::all()
            .flat_map(|command| {
                command
                    .kb_shortcuts()
                    .iter()
                    .map(move |&shortcut| (command, shortcut))
            })
            .collect();
        // Stable: among equals, the order of `all()` decides.
        bindings.sort_by_key(|(_, shortcut)| std::cmp::Reverse(modifier_count(shortcut.modifiers)));
        let mut pressed = Vec::new();
        for (command, shortcut) in bindings {
            let count = input.count_and_consume_key(shortcut.modifiers, shortcut.logical_key);
            pressed.extend(std::iter::repeat_n(command, count));
        }
        pressed
    }
}

/// How many modifier keys a shortcut asks for (Cmd and Ctrl count once).
fn modifier_count(modifiers: Modifiers) -> usize {
    let command = modifiers.command || modifiers.ctrl || modifiers.mac_cmd;
    [command, modifiers.shift, modifiers.alt]
        .iter()
        .filter(|&&held| held)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for command in Command::all() {
            for &shortcut in command.kb_shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                    panic!("{command:?} and {other:?} share {shortcut:?}");
                }
                seen.push((shortcut, command));
            }
        }
    }

    #[test]
    fn every_command_has_a_label_and_help_and_tabs_follow_their_position() {
        for command in Command::all() {
            assert!(!command.label().is_empty(), "{command:?}");
            assert!(!command.help().is_empty(), "{command:?}");
        }
        assert_eq!(
            Tab::Overview.shortcut(),
            KeyboardShortcut::new(CMD, Key::Num1)
        );
        assert_eq!(Tab::Since.shortcut(), KeyboardShortcut::new(CMD, Key::Num9));
    }

    fn press(input: &mut egui::InputState, modifiers: Modifiers, key: Key) {
        input.events.push(egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        });
    }

    #[test]
    fn the_shortcut_with_the_most_modifiers_wins_and_is_consumed_once() {
        let mut input = egui::InputState::default();
        press(&mut input, CMD_SHIFT, Key::S);
        press(&mut input, CMD, Key::S);
        press(&mut input, CMD_SHIFT, Key::Z);
        press(&mut input, CMD, Key::K);
        let pressed = Command::consume_shortcuts(&mut input);
        assert_eq!(
            pressed,
            vec![
                Command::SaveAs,
                Command::Redo,
                Command::Save,
                Command::CommandPalette
            ]
        );
        assert!(input.events.is_empty());
        assert!(Command::consume_shortcuts(&mut input).is_empty());
    }
}
