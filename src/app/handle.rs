//! The one place where what a frame asked for is carried out, at the end of
//! the frame: finished jobs first, then what the window's own widgets
//! asked (a dialog's answer, a dropped file), then commands (from menus,
//! shortcuts, the palette, views), then edits, then requests. Nothing here
//! runs while a menu, a view or a modal is being drawn, so no view ever
//! sees the document change under it mid-frame.

use std::path::PathBuf;

use egui::ViewportCommand;

use super::FlywheelApp;
use super::action::Action;
use super::dialogs::{Choice, Dialog, Then};
use super::file_dialog::Purpose;
use super::toast::Toast;
use crate::command::Command;
use crate::edit::{CoalesceKey, Edit};
use crate::model::{
    Category, Commitment, CommitmentId, CommitmentKind, Stakeholder, StakeholderId,
};
use crate::text::plural;
use crate::views::{name_field_id, title_field_id};

impl FlywheelApp {
    /// Carries out everything queued this frame, in order.
    pub(super) fn handle(&mut self, ctx: &egui::Context) {
        self.take_finished_jobs(ctx);
        // What is handled now shows in the next frame: ask for it, or the
        // window would show the old state until the mouse moves.
        if !self.actions.is_empty() || !self.outbox.is_empty() {
            ctx.request_repaint();
        }
        for action in std::mem::take(&mut self.actions) {
            self.run_action(action);
        }
        for command in self.outbox.take_commands() {
            // What is in front has the keyboard and the mouse: a command
            // from behind it (a table's Delete key) waits until it is done.
            if self.is_anything_in_front() && !runs_behind_modals(command) {
                continue;
            }
            self.run_command(ctx, command);
        }
        let before = self.doc.revision();
        self.apply_edits(ctx);
        // A toast only for what was done.
        if let Some(text) = self.toast_after_edits.take()
            && self.doc.revision() != before
        {
            self.toast = Some(Toast::new(text, self.doc.revision()));
        }
        self.serve_requests();
        if self.quit_requested {
            self.quit_requested = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    fn run_action(&mut self, action: Action) {
        match action {
            Action::Open(path) => self.guard(Then::Open(Some(path))),
            Action::Dropped(path) => self.dropped(path),
            Action::Dialog(choice) => self.dialog_choice(choice),
            Action::Preview(choice) => self.preview_choice(choice),
            Action::Review(answer) => self.review_answer(answer),
            Action::Versions(answer) => self.versions_answer(answer),
            Action::CancelJob(id) => self.cancel_job(id),
        }
    }

    /// A dropped file opens (or is imported) only when nothing is in front:
    /// whatever is there was about the open workspace.
    fn dropped(&mut self, path: PathBuf) {
        if let Some(front) = self.what_is_in_front() {
            let name = super::files::file_name(&path);
            self.notify_error(format!(
                "{name} was not opened: finish {front} first, then drop the file again"
            ));
            return;
        }
        if super::import::is_spreadsheet(&path) {
            self.import_file(path);
        } else {
            self.guard(Then::Open(Some(path)));
        }
    }

    fn dialog_choice(&mut self, choice: Choice) {
        match choice {
            Choice::Stay(dialog) => self.modals.show(dialog),
            Choice::Dismissed(dialog) => self.dialog_dismissed(dialog),
            Choice::Close => {}
            Choice::SaveThen(then) => self.save(Some(then)),
            Choice::Discard(then) => self.proceed(then),
            Choice::CreateNew(sector) => self.guard(Then::New(sector)),
            Choice::ShareCopy { without_scores } => self.start_share_copy(without_scores),
            Choice::Report { internal } => self.start_report(internal),
            Choice::Recover => self.guard(Then::Recover),
            Choice::DiscardRecovery => self.discard_recovery(),
            Choice::RecoverLater => self.keep_recovery_for_later(),
            Choice::DeleteStakeholder(id) => self.delete_stakeholder(id, true),
            Choice::StartWorkshop { date, title } => self.start_workshop(date, title),
            Choice::PresentSummary => {
                self.present_summary = true;
                self.outbox.command(Command::Present);
            }
            Choice::PathEntered(purpose, path) => {
                if let Err(err) = self.path_chosen(purpose.clone(), path.clone()) {
                    self.modals.show(Dialog::PathPrompt {
                        purpose,
                        text: path.display().to_string(),
                        reason: "Fix the path and try again.".to_string(),
                        error: Some(err.to_string()),
                    });
                }
            }
        }
    }

    /// A dialog closed without a choice: what it was about does not
    /// happen later either.
    fn dialog_dismissed(&mut self, dialog: Dialog) {
        match dialog {
            Dialog::PathPrompt {
                purpose: Purpose::SaveAs { .. },
                ..
            } => self.after_save = None,
            Dialog::PathPrompt {
                purpose: Purpose::Export { .. },
                ..
            } => self.exports.pending = None,
            Dialog::UnsavedChanges {
                then: Then::Recover,
            } => self.offer_recovery_again(),
            _ => {}
        }
    }

    /// Whether `command` can run now (menus and the palette grey it out
    /// otherwise).
    pub(super) fn is_enabled(&self, command: Command) -> bool {
        match command {
            Command::Undo => self.doc.undo_label().is_some(),
            Command::Redo => self.doc.redo_label().is_some(),
            Command::DeleteStakeholder | Command::AddCommitment => {
                self.selection.stakeholder.is_some()
            }
            Command::DeleteCommitment => self.selection.commitment.is_some(),
            Command::StartWorkshop => self.running_workshop().is_none(),
            Command::EndWorkshop => self.running_workshop().is_some(),
            Command::ReviewConflicts => !self.doc.workspace().open_conflicts.is_empty(),
            _ => true,
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => {
                self.modals.show(Dialog::NewWorkspace {
                    sector: self.doc.workspace().sector,
                });
            }
            Command::Open => self.guard(Then::Open(None)),
            Command::Save => self.save(None),
            Command::SaveAs => self.start_save_as(),
            Command::ImportSpreadsheet => self.start_dialog(Purpose::Import),
            Command::ExportSpreadsheet => self.start_export_spreadsheet(),
            Command::ExportCsv => self.start_dialog(Purpose::ExportCsv),
            Command::SaveShareCopy => self.ask_share_options(),
            Command::MergeCopy => self.start_dialog(Purpose::MergeCopy),
            Command::ReviewConflicts => self.review_open_conflicts(),
            Command::Versions => self.show_versions(),
            Command::ExportReport => self.ask_report_options(),
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
            Command::AddStakeholder => self.add_stakeholder(),
            Command::DeleteStakeholder => {
                if let Some(id) = self.selection.stakeholder {
                    self.delete_stakeholder(id, false);
                }
            }
            Command::AddCommitment => self.add_commitment(),
            Command::DeleteCommitment => {
                if let Some(id) = self.selection.commitment {
                    self.delete_commitment(id);
                }
            }
            Command::ShowTab(tab) => self.tab = tab,
            Command::QuickCapture => self.capture.toggle(),
            Command::StartWorkshop => self.ask_workshop_details(),
            Command::EndWorkshop => self.end_workshop(),
            Command::Present => {
                if !self.is_presenting() {
                    self.start_presenting(ctx);
                }
            }
            Command::ToggleStakeholderList => {
                self.prefs.stakeholder_list = !self.prefs.stakeholder_list;
            }
            Command::ToggleInspector => self.prefs.inspector = !self.prefs.inspector,
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::ZoomProjector => ctx.set_zoom_factor(1.5),
            Command::CommandPalette => {
                self.modals.open_palette();
            }
        }
    }

    /// A new stakeholder of the selected one's category, selected, with the
    /// cursor in its name field: adding it and typing its name are one undo
    /// step.
    fn add_stakeholder(&mut self) {
        let category = self
            .selection
            .stakeholder
            .and_then(|id| self.doc.workspace().stakeholder(id))
            .map_or(Category::Industry, |s| s.category);
        let stakeholder = Stakeholder::new("", category);
        let name_field = name_field_id(stakeholder.id);
        self.selection.select_stakeholder(stakeholder.id);
        self.selection.focus_name_of = Some(stakeholder.id);
        self.outbox.push_keyed(
            Edit::AddStakeholder(stakeholder),
            CoalesceKey(name_field.value()),
        );
    }

    /// Deletes stakeholder `id` with its commitments and relationships. One
    /// that has any is deleted only once the user confirms (`confirmed`);
    /// either way a toast says what went and offers to undo it.
    fn delete_stakeholder(&mut self, id: StakeholderId, confirmed: bool) {
        let ws = self.doc.workspace();
        let Some(stakeholder) = ws.stakeholder(id) else {
            return;
        };
        let name = stakeholder.display_name().to_string();
        let commitments = ws.commitments_of(id).count();
        let relationships = ws.relationships_of(id).count();
        if !confirmed && commitments + relationships > 0 {
            self.modals.show(Dialog::ConfirmDelete {
                stakeholder: id,
                name,
                commitments,
                relationships,
            });
            return;
        }
        let with = match (commitments, relationships) {
            (0, 0) => String::new(),
            (c, 0) => format!(" and its {}", plural(c, "commitment", "commitments")),
            (0, r) => format!(" and its {}", plural(r, "relationship", "relationships")),
            (c, r) => format!(
                " with its {} and {}",
                plural(c, "commitment", "commitments"),
                plural(r, "relationship", "relationships")
            ),
        };
        self.outbox.push(Edit::DeleteStakeholder(id));
        self.toast_after_edits = Some(format!("Deleted {name}{with}"));
    }

    fn delete_commitment(&mut self, id: CommitmentId) {
        let Some(commitment) = self.doc.workspace().commitment(id) else {
            return;
        };
        let title = commitment.title.trim();
        self.toast_after_edits = Some(if title.is_empty() {
            "Deleted a commitment".to_string()
        } else {
            format!("Deleted the commitment “{title}”")
        });
        self.outbox.push(Edit::DeleteCommitment(id));
    }

    /// A new commitment by the selected stakeholder, made today, opened in
    /// the inspector. Without a selected stakeholder it says what to do.
    fn add_commitment(&mut self) {
        let Some(owner) = self.selection.stakeholder else {
            self.notify("Select a stakeholder first, then add its commitment");
            return;
        };
        let commitment = Commitment::new(
            owner,
            CommitmentKind::InterimTarget,
            "New commitment",
            self.today(),
        );
        self.selection.commitment = Some(commitment.id);
        self.selection.focus_title_of = Some(commitment.id);
        let title_field = title_field_id(commitment.id);
        self.outbox.push_keyed(
            Edit::AddCommitment(commitment),
            CoalesceKey(title_field.value()),
        );
    }

    /// A job's edit (an applied merge, a restored version), applied at once
    /// as its own undo step, with a toast offering to undo it: what the
    /// user does next in this frame (a dropped file, a shortcut) must see
    /// the document as it now is.
    pub(super) fn apply_job_edit(&mut self, edit: Edit, toast: String) {
        let label = edit.label();
        let before = self.doc.revision();
        match self.doc.apply(edit, None) {
            Ok(()) if self.doc.revision() != before => {
                self.toast = Some(Toast::new(toast, self.doc.revision()));
            }
            Ok(()) => {}
            Err(err) => self.notify_error(format!("{label}: not done, {err}")),
        }
        self.selection.prune(self.doc.workspace());
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
                self.notify_error(format!("{label}: not done, {err}"));
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
}

/// Whether `command` may run while something is in front: only what
/// changes how the window looks, never the document.
fn runs_behind_modals(command: Command) -> bool {
    matches!(
        command,
        Command::ZoomIn | Command::ZoomOut | Command::ZoomReset | Command::ZoomProjector
    )
}
