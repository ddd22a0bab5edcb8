//! The merge review: a colleague's copy merged into the open workspace
//! (File › Merge a colleague's copy…), or the conflicts a merge left open
//! in the file just opened (`flywheel merge`, git's merge driver). It lists
//! what comes from theirs and every conflict with both values and the
//! base's, grouped by stakeholder; the facilitator picks per conflict or
//! all at once. Nothing changes until Apply, which is one undo step.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use egui::{Id, RichText, Ui};

use super::FlywheelApp;
use super::files::file_name;
use super::jobs::done;
use crate::edit::Edit;
use crate::file::{self, versions::Versions};
use crate::jobs::{Cancel, Progress, Spec};
use crate::merge::{
    Change, ChangeKind, Conflict, Side, apply_choices, change_counts, merge, merged_workspace,
};
use crate::model::{Checked, Lineage, RecordRef, StakeholderId, Workspace};
use crate::text::plural;

/// A merge being reviewed.
pub(super) struct MergeReview {
    /// "Merge “anna.ron”", or what the recorded conflicts are.
    title: String,
    /// Which base the merge used, in words; empty for recorded conflicts.
    base: String,
    /// The document's revision the review was made from: Apply refuses
    /// once the document is another.
    revision: u64,
    /// The workspace with every conflict resolved as mine.
    workspace: Box<Workspace>,
    /// What comes from theirs without conflict (none for recorded ones).
    changes: Vec<Change>,
    conflicts: Vec<Conflict>,
    choices: Vec<Side>,
    /// The copy's lineage, named as merged in when applied.
    merged_in: Option<Lineage>,
    /// Stakeholder names in both copies, for the groups.
    names: HashMap<StakeholderId, String>,
    /// Why Apply did not work.
    problem: Option<String>,
}

/// What the facilitator did in the review this frame.
#[derive(Debug)]
pub(super) enum Answer {
    Stay,
    Cancel,
    Apply,
}

/// What applying the choices hands back: the workspace to put in place,
/// or the review again with why not.
enum Applied {
    Done {
        label: String,
        workspace: Box<Checked>,
        merged_in: Option<Lineage>,
    },
    Refused(Box<MergeReview>),
}

/// The base for merging `theirs` into `mine` among the kept `versions`,
/// and how to name it.
fn merge_base(
    versions: Option<&Versions>,
    mine: &Workspace,
    theirs: &Workspace,
) -> (Option<Workspace>, String) {
    let two_way = "no common version, so every difference is a conflict";
    let (Some(mine_line), Some(theirs_line)) = (&mine.lineage, &theirs.lineage) else {
        return (
            None,
            format!("none: one copy was never saved by this Flywheel; {two_way}"),
        );
    };
    if mine_line.workspace != theirs_line.workspace {
        return (
            None,
            format!("none: the copy is of another workspace; {two_way}"),
        );
    }
    let Some(versions) = versions else {
        return (None, format!("none: no versions are kept here; {two_way}"));
    };
    match versions.base(mine_line, theirs_line) {
        Some(kept) => match versions.load(&kept) {
            Ok(ws) => (
                Some(ws),
                format!(
                    "the version saved {}, which both copies come from",
                    kept.saved.format("%Y-%m-%d %H:%M")
                ),
            ),
            Err(err) => (None, format!("none: {err}; {two_way}")),
        },
        None => (
            None,
            format!("none: the version both come from is no longer kept; {two_way}"),
        ),
    }
}

/// Reads their copy and the base, and merges: the work of a merge job.
fn merge_with(
    path: &Path,
    mine: &Workspace,
    versions: Option<&Versions>,
    revision: u64,
    progress: &Progress,
) -> Result<Box<MergeReview>, String> {
    let theirs = file::load_with(path, progress).map_err(|err| err.to_string())?;
    progress.begin("Merging", crate::jobs::Unit::None, 0);
    let (base, base_label) = merge_base(versions, mine, &theirs);
    let merge = merge(base.as_ref(), mine, &theirs);
    let workspace = merged_workspace(&merge, mine, &theirs);
    // The document's own open conflicts stay open, untouched.
    let conflicts: Vec<Conflict> = workspace.open_conflicts[..merge.conflicts.len()].to_vec();
    Ok(Box::new(MergeReview {
        title: format!("Merge “{}”", file_name(path)),
        base: base_label,
        revision,
        names: names(&[mine, &theirs]),
        workspace: Box::new(workspace),
        changes: merge.changes,
        choices: vec![Side::Mine; conflicts.len()],
        conflicts,
        merged_in: theirs.lineage.clone(),
        problem: None,
    }))
}

impl FlywheelApp {
    /// Merges the copy at `path` into the document, as a job, and shows the
    /// review. The base is the newest save both come from among the kept
    /// versions; without one the merge is two-way, and the review says so.
    pub(super) fn start_merge(&mut self, path: &Path) {
        let mine = self.doc.snapshot();
        let versions = self.versions.clone();
        let revision = self.doc.revision();
        let job_path: PathBuf = path.to_path_buf();
        let title = format!("Merging {}", file_name(path));
        self.start_job(Spec::front(title, Cancel::Drop), move |progress| {
            let merged = merge_with(&job_path, &mine, versions.as_ref(), revision, progress);
            done(move |app| app.merged(merged))
        });
    }

    fn merged(&mut self, result: Result<Box<MergeReview>, String>) {
        match result {
            Ok(review) => self.modals.open(review),
            Err(message) => self.show_message("The copy could not be merged", &message),
        }
    }

    /// Shows the conflicts recorded in the document (by a merge outside
    /// the window) for the facilitator to choose.
    pub(super) fn review_open_conflicts(&mut self) {
        let ws = self.doc.workspace();
        if ws.open_conflicts.is_empty() {
            return;
        }
        let review = MergeReview {
            title: "Conflicts left open by a merge".to_string(),
            base: String::new(),
            revision: self.doc.revision(),
            names: names(&[ws]),
            workspace: Box::new(ws.clone()),
            changes: Vec::new(),
            choices: vec![Side::Mine; ws.open_conflicts.len()],
            conflicts: ws.open_conflicts.clone(),
            merged_in: None,
            problem: None,
        };
        self.modals.open(Box::new(review));
    }

    /// Whether a merge is being reviewed.
    pub fn is_reviewing_merge(&self) -> bool {
        self.modals.merge_review().is_some()
    }

    pub(super) fn review_answer(&mut self, answer: Answer) {
        match answer {
            Answer::Stay => {}
            Answer::Cancel => {
                if self.is_reviewing_merge() {
                    self.modals.close_top();
                }
            }
            Answer::Apply => self.apply_review(),
        }
    }

    /// Applies the chosen sides, as a job (a big workspace takes a moment);
    /// the review stays until it is done.
    fn apply_review(&mut self) {
        let Some(mut review) = self.modals.take_merge_review() else {
            return;
        };
        if review.revision != self.doc.revision() {
            review.problem = Some(
                "Not applied: the workspace changed since this review was made. \
                 Cancel, then merge again."
                    .to_string(),
            );
            self.modals.open(review);
            return;
        }
        let title = format!("Applying: {}", review.title);
        self.start_job(Spec::front(title, Cancel::No), move |_| {
            let applied = apply_chosen(review);
            done(move |app| app.merge_applied(applied))
        });
    }

    fn merge_applied(&mut self, applied: Applied) {
        match applied {
            Applied::Done {
                label,
                workspace,
                merged_in,
            } => {
                let edit = Edit::ReplaceWorkspace {
                    label: label.clone(),
                    workspace,
                    merged_in: merged_in.map(Box::new),
                };
                self.apply_job_edit(edit, format!("{label}: done"));
            }
            Applied::Refused(review) => self.modals.open(review),
        }
    }
}

/// The review's choices applied to its workspace: the work of an apply job.
fn apply_chosen(mut review: Box<MergeReview>) -> Applied {
    let choices: Vec<(&Conflict, Side)> = review
        .conflicts
        .iter()
        .zip(review.choices.iter().copied())
        .collect();
    let result = apply_choices(&review.workspace, &choices)
        .map_err(|err| err.to_string())
        .and_then(|ws| Checked::new(ws).map_err(|err| err.to_string()));
    match result {
        Ok(workspace) => Applied::Done {
            label: review.title.clone(),
            workspace: Box::new(workspace),
            merged_in: review.merged_in.take(),
        },
        Err(err) => {
            review.problem = Some(format!("Not applied: {err}"));
            Applied::Refused(review)
        }
    }
}

/// Every stakeholder's name in `workspaces`, the first one's first.
fn names(workspaces: &[&Workspace]) -> HashMap<StakeholderId, String> {
    let mut names = HashMap::new();
    for ws in workspaces {
        for s in &ws.stakeholders {
            names
                .entry(s.id)
                .or_insert_with(|| s.display_name().to_string());
        }
    }
    names
}

/// A record as a sentence names it: "commitment “Offtake”".
fn describe(record: &RecordRef) -> String {
    match record {
        RecordRef::Workspace => "the workspace".to_string(),
        RecordRef::Stakeholder { name, .. } => format!("stakeholder “{name}”"),
        RecordRef::Relationship { .. } => "a relationship".to_string(),
        RecordRef::Commitment { title, .. } => format!("commitment “{title}”"),
        RecordRef::Metric { name, .. } => format!("metric “{name}”"),
        RecordRef::Milestone { year } => format!("milestone {year}"),
        RecordRef::Workshop { title, .. } => format!("workshop “{title}”"),
    }
}

impl MergeReview {
    /// The group a conflict or change is listed under.
    fn group(&self, stakeholder: Option<StakeholderId>) -> String {
        match stakeholder {
            Some(id) => self
                .names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| "A stakeholder no longer in either copy".to_string()),
            None => "Workspace, roadmap and workshops".to_string(),
        }
    }

    /// Draws the review; returns what the facilitator did.
    pub(super) fn ui(&mut self, ctx: &egui::Context) -> Answer {
        let modal = egui::Modal::new(Id::unique("flywheel-merge-review")).show(ctx, |ui| {
            ui.set_width(ctx.content_rect().width().min(1000.0) - 48.0);
            self.contents_ui(ui, ctx.content_rect().height())
        });
        if modal.should_close() {
            Answer::Cancel
        } else {
            modal.inner
        }
    }

    fn contents_ui(&mut self, ui: &mut Ui, screen_height: f32) -> Answer {
        ui.heading(&self.title);
        if !self.base.is_empty() {
            ui.label(format!("Base: {}.", self.base));
        }
        let (added, changed, deleted) = change_counts(&self.changes);
        let summary = if self.base.is_empty() {
            ui.label(
                "A merge outside this window (flywheel merge, or git's merge driver) kept \
                 “mine” — the copy merged into — where the copies disagreed. Choose for each:",
            );
            format!(
                "{} to choose.",
                plural(self.conflicts.len(), "conflict", "conflicts")
            )
        } else {
            format!(
                "From the copy: {added} added, {changed} changed, {deleted} deleted · {}",
                plural(self.conflicts.len(), "conflict", "conflicts")
            )
        };
        ui.label(RichText::new(summary).strong());
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height((screen_height * 0.6).max(200.0))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                self.conflicts_ui(ui);
                self.changes_ui(ui);
            });
        ui.separator();
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.label(
            RichText::new(
                "Nothing changes until you apply; applying is one step that Undo (Ctrl+Z) reverts.",
            )
            .weak(),
        );
        ui.horizontal(|ui| {
            let apply = ui.add(egui::Button::new(RichText::new("Apply").strong()));
            if apply.clicked() {
                return Answer::Apply;
            }
            if ui.button("Cancel").clicked() {
                return Answer::Cancel;
            }
            Answer::Stay
        })
        .inner
    }

    fn conflicts_ui(&mut self, ui: &mut Ui) {
        if self.conflicts.is_empty() {
            ui.label("No conflicts: every change fits with yours.");
            return;
        }
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Conflicts ({})", self.conflicts.len())).strong());
            if ui
                .button("All mine")
                .on_hover_text("Keep your value in every conflict")
                .clicked()
            {
                self.choices.fill(Side::Mine);
            }
            if ui
                .button("All theirs")
                .on_hover_text("Take the copy's value in every conflict")
                .clicked()
            {
                self.choices.fill(Side::Theirs);
            }
        });
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (k, c) in self.conflicts.iter().enumerate() {
            groups.entry(self.group(c.stakeholder)).or_default().push(k);
        }
        for (group, members) in groups {
            ui.add_space(4.0);
            ui.label(RichText::new(group).strong());
            egui::Grid::new(("merge-conflicts", members[0]))
                .num_columns(4)
                .spacing([16.0, 4.0])
                .striped(true)
                .show(ui, |ui| {
                    for k in members {
                        let c = &self.conflicts[k];
                        let what = match c.key.kind {
                            crate::merge::RecordKind::Stakeholder => c.label.clone(),
                            _ => format!("{}: {}", describe(&c.record_ref()), c.label),
                        };
                        ui.label(what);
                        let base = if c.base.is_none() && c.base_text == "not there" {
                            "—".to_string()
                        } else {
                            c.base_text.clone()
                        };
                        ui.label(RichText::new(format!("base: {base}")).weak());
                        let choice = &mut self.choices[k];
                        ui.selectable_value(choice, Side::Mine, format!("Mine: {}", c.mine_text));
                        ui.selectable_value(
                            choice,
                            Side::Theirs,
                            format!("Theirs: {}", c.theirs_text),
                        );
                        ui.end_row();
                    }
                });
        }
        ui.add_space(8.0);
    }

    fn changes_ui(&self, ui: &mut Ui) {
        if self.changes.is_empty() {
            return;
        }
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for change in &self.changes {
            let line = match &change.what {
                ChangeKind::Added => format!("Added {}", describe(&change.record)),
                ChangeKind::Deleted => format!("Deleted {}", describe(&change.record)),
                ChangeKind::Changed {
                    label,
                    mine_text,
                    merged_text,
                    ..
                } => match change.record {
                    RecordRef::Stakeholder { .. } => {
                        format!("{label}: {mine_text} › {merged_text}")
                    }
                    _ => format!(
                        "{}: {label}: {mine_text} › {merged_text}",
                        describe(&change.record)
                    ),
                },
            };
            groups
                .entry(self.group(change.stakeholder))
                .or_default()
                .push(line);
        }
        egui::CollapsingHeader::new(
            RichText::new(format!("What comes from the copy ({})", self.changes.len())).strong(),
        )
        .default_open(self.changes.len() <= 40)
        .show(ui, |ui| {
            for (group, lines) in groups {
                ui.label(RichText::new(group).strong());
                for line in lines {
                    ui.label(format!("    {line}"));
                }
            }
        });
    }
}
