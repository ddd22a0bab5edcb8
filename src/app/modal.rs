//! What is in front of the window. One owner decides it: a job the user
//! waits for (its progress dialog), else the top of the [`Modals`] stack (a
//! dialog, the command palette, the import preview, the merge review, the
//! versions window). While anything is in front, no shortcut, menu, dropped
//! file or the Delete key acts behind it, and replacing the document closes
//! every modal, since each was about the document it replaced.
//!
//! Modals stack only where one asks something on behalf of another (the
//! import preview's "Add another file…" asks for a path over the preview);
//! only the top one is drawn and answers. Its answer is queued as an
//! [`Action`] and carried out in [`FlywheelApp::handle`], never while it is
//! drawn.

use super::action::Action;
use super::dialogs::{Choice, Dialog};
use super::import::ImportPreview;
use super::merge_review::MergeReview;
use super::versions::VersionsWindow;
use super::{FlywheelApp, command_palette::CommandPalette};
use crate::command::Command;

/// A window in front of the document, waiting for the user.
pub(super) enum Modal {
    Dialog(Dialog),
    Palette(CommandPalette),
    Import(Box<ImportPreview>),
    MergeReview(Box<MergeReview>),
    Versions(VersionsWindow),
}

impl Modal {
    /// How a sentence names it: "Finish the merge review first".
    pub fn name(&self) -> &'static str {
        match self {
            Modal::Dialog(_) => "the open dialog",
            Modal::Palette(_) => "the command palette",
            Modal::Import(_) => "the import preview",
            Modal::MergeReview(_) => "the merge review",
            Modal::Versions(_) => "the Versions window",
        }
    }
}

/// The modals open now, the last on top.
#[derive(Default)]
pub(super) struct Modals {
    stack: Vec<Modal>,
}

impl Modals {
    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    pub fn top(&self) -> Option<&Modal> {
        self.stack.last()
    }

    pub fn top_mut(&mut self) -> Option<&mut Modal> {
        self.stack.last_mut()
    }

    /// Puts `modal` in front.
    pub fn open(&mut self, modal: impl Into<Modal>) {
        self.stack.push(modal.into());
    }

    /// Shows `dialog` in front.
    pub fn show(&mut self, dialog: Dialog) {
        self.open(Modal::Dialog(dialog));
    }

    /// Closes the modal in front and returns it.
    pub fn close_top(&mut self) -> Option<Modal> {
        self.stack.pop()
    }

    /// Closes every modal (the document they were about is gone).
    pub fn close_all(&mut self) {
        self.stack.clear();
    }

    /// The dialog in front, if the top is a dialog.
    pub fn dialog(&self) -> Option<&Dialog> {
        match self.top() {
            Some(Modal::Dialog(dialog)) => Some(dialog),
            _ => None,
        }
    }

    /// Opens the command palette, empty, with the cursor in its field.
    pub fn open_palette(&mut self) {
        self.open(Modal::Palette(CommandPalette::default()));
    }

    pub fn is_palette_open(&self) -> bool {
        matches!(self.top(), Some(Modal::Palette(_)))
    }

    /// The import preview, if it is in front.
    pub fn import(&self) -> Option<&ImportPreview> {
        match self.top() {
            Some(Modal::Import(preview)) => Some(preview),
            _ => None,
        }
    }

    /// The import preview, wherever it is in the stack (a question may
    /// have come on top of it while a file was read).
    pub fn import_mut(&mut self) -> Option<&mut ImportPreview> {
        self.stack.iter_mut().rev().find_map(|modal| match modal {
            Modal::Import(preview) => Some(preview.as_mut()),
            _ => None,
        })
    }

    /// The merge review, if it is in front.
    pub fn merge_review(&self) -> Option<&MergeReview> {
        match self.top() {
            Some(Modal::MergeReview(review)) => Some(review),
            _ => None,
        }
    }

    /// Takes the merge review in front out (to apply it).
    pub fn take_merge_review(&mut self) -> Option<Box<MergeReview>> {
        self.merge_review()?;
        match self.close_top() {
            Some(Modal::MergeReview(review)) => Some(review),
            _ => None,
        }
    }

    /// The versions window, if it is in front.
    pub fn versions_mut(&mut self) -> Option<&mut VersionsWindow> {
        match self.top_mut() {
            Some(Modal::Versions(window)) => Some(window),
            _ => None,
        }
    }
}

impl From<Dialog> for Modal {
    fn from(dialog: Dialog) -> Self {
        Modal::Dialog(dialog)
    }
}

impl From<ImportPreview> for Modal {
    fn from(preview: ImportPreview) -> Self {
        Modal::Import(Box::new(preview))
    }
}

impl From<Box<MergeReview>> for Modal {
    fn from(review: Box<MergeReview>) -> Self {
        Modal::MergeReview(review)
    }
}

impl From<VersionsWindow> for Modal {
    fn from(window: VersionsWindow) -> Self {
        Modal::Versions(window)
    }
}

impl FlywheelApp {
    /// Whether anything is in front of the document: a job the user waits
    /// for or a modal.
    pub(super) fn is_anything_in_front(&self) -> bool {
        self.jobs.in_front().is_some() || !self.modals.is_empty()
    }

    /// What is in front, as a sentence names it (`None` when nothing is).
    pub(super) fn what_is_in_front(&self) -> Option<String> {
        if let Some(job) = self.jobs.in_front() {
            return Some(job.spec.title.to_lowercase());
        }
        self.modals.top().map(|m| m.name().to_string())
    }

    /// Draws whatever is in front: a job's progress over everything, else
    /// the top modal. What the user answers is queued.
    pub(super) fn front_ui(&mut self, ctx: &egui::Context) {
        if self.jobs.in_front().is_some() {
            if let Some(id) = self.job_progress_ui(ctx) {
                self.actions.push(Action::CancelJob(id));
            }
            return;
        }
        let name = self.document_name();
        let enabled: Vec<Command> = Command::all().filter(|&c| self.is_enabled(c)).collect();
        let action = match self.modals.top_mut() {
            None => return,
            Some(Modal::Dialog(_)) => {
                let Some(Modal::Dialog(dialog)) = self.modals.close_top() else {
                    return;
                };
                match dialog.ui(ctx, &name) {
                    Choice::Stay(dialog) => {
                        self.modals.show(dialog);
                        return;
                    }
                    choice => Action::Dialog(choice),
                }
            }
            Some(Modal::Palette(palette)) => {
                let (chosen, closed) = palette.ui(ctx, |c| enabled.contains(&c));
                if closed {
                    self.modals.close_top();
                }
                if let Some(command) = chosen {
                    self.outbox.command(command);
                }
                return;
            }
            Some(Modal::Import(preview)) => match preview.ui(ctx) {
                super::import::PreviewChoice::Stay => return,
                choice => Action::Preview(choice),
            },
            Some(Modal::MergeReview(review)) => match review.ui(ctx) {
                super::merge_review::Answer::Stay => return,
                answer => Action::Review(answer),
            },
            Some(Modal::Versions(window)) => {
                let current = self.doc.workspace().lineage.as_ref().map(|l| l.revision);
                match window.ui(ctx, current, self.doc.is_dirty()) {
                    super::versions::Answer::Stay => return,
                    answer => Action::Versions(answer),
                }
            }
        };
        self.actions.push(action);
    }
}
