//! The stakeholder's relationships: one line each with its edit form, and
//! the row that adds a new one.

use egui::{Grid, RichText, Ui};

use crate::analysis::Cached;
use crate::edit::Edit;
use crate::model::{
    Confidence, Relationship, RelationshipId, RelationshipKind, Stakeholder, StakeholderId,
};
use crate::views::ViewContext;
use crate::views::widgets::{choice, form_row, text_field};

/// Which relationship is open for editing, and the choices of the "add
/// relationship" row.
#[derive(Debug)]
pub(super) struct Relationships {
    /// The relationship whose kind, confidence and note are being edited.
    editing: Option<RelationshipId>,
    new_kind: RelationshipKind,
    new_other: Option<StakeholderId>,
    /// Every stakeholder's place in the workspace, by name without case,
    /// for a revision: sorting 10,000 names each frame took milliseconds.
    by_name: Cached<u64, Vec<usize>>,
}

impl Default for Relationships {
    fn default() -> Self {
        Self {
            editing: None,
            new_kind: RelationshipKind::PartnersWith,
            new_other: None,
            by_name: Cached::default(),
        }
    }
}

impl Relationships {
    /// `own` are `s`'s relationships, borrowed from the workspace (not from
    /// `cx`, which takes edits below).
    pub(super) fn ui<'a>(
        &mut self,
        ui: &mut Ui,
        cx: &mut ViewContext<'_>,
        s: &Stakeholder,
        own: impl Iterator<Item = &'a Relationship>,
    ) {
        let mut any = false;
        for r in own {
            any = true;
            self.relationship_ui(ui, cx, s, r);
        }
        if !any {
            ui.label(RichText::new("No relationships yet.").weak());
        }
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| self.add_row_ui(ui, cx, s));
    }

    /// One relationship as a sentence linking to the other stakeholder, with
    /// its edit and delete buttons, its details and, when open, its form.
    fn relationship_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut ViewContext<'_>,
        s: &Stakeholder,
        r: &Relationship,
    ) {
        let outgoing = r.from == s.id;
        let other = if outgoing { r.to } else { r.from };
        // Borrowed from the workspace, not from `cx`, which takes edits below.
        let ws = cx.ws;
        let other_name = ws.stakeholder_name(other);
        let sentence = if outgoing {
            format!("{} {other_name}", capitalised(r.kind.label()))
        } else {
            format!("{other_name} {} this", r.kind.label())
        };
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("🗑")
                    .accessible_name(format!("Delete relationship: {sentence}"))
                    .on_hover_text("Delete this relationship")
                    .clicked()
                {
                    cx.out.push(Edit::DeleteRelationship(r.id));
                }
                let editing = self.editing == Some(r.id);
                if ui
                    .selectable_label(editing, "✏")
                    .accessible_name(format!("Edit relationship: {sentence}"))
                    .on_hover_text("Change its kind, confidence or note")
                    .clicked()
                {
                    self.editing = if editing { None } else { Some(r.id) };
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    link_ui(ui, cx, &sentence, other, other_name);
                });
            });
        });
        ui.add(egui::Label::new(RichText::new(detail(r)).weak().small()).wrap());
        if self.editing == Some(r.id) {
            relationship_form_ui(ui, cx, r);
        }
    }

    /// "Add: [kind] [other stakeholder] [Add relationship]".
    fn add_row_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
        ui.label("Add:");
        let (_, kind) = ui.name_inputs("Kind of the new relationship", |ui| {
            choice(
                ui,
                "new-relationship-kind",
                self.new_kind,
                RelationshipKind::ALL,
                |k| k.label().to_string(),
            )
        });
        if let Some(kind) = kind {
            self.new_kind = kind;
        }
        self.other_ui(ui, cx, s);
        let ready = self.new_other.is_some();
        if ui
            .add_enabled(ready, egui::Button::new("Add relationship"))
            .clicked()
            && let Some(other) = self.new_other
        {
            cx.out.push(Edit::AddRelationship(Relationship::new(
                s.id,
                other,
                self.new_kind,
            )));
        }
    }

    /// The other end of the new relationship: any stakeholder but `s`, by name.
    fn other_ui(&mut self, ui: &mut Ui, cx: &ViewContext<'_>, s: &Stakeholder) {
        let ws = cx.ws;
        // The choice may have been deleted, or become the selected stakeholder.
        if self
            .new_other
            .is_some_and(|id| id == s.id || cx.ws.stakeholder(id).is_none())
        {
            self.new_other = None;
        }
        let current = self.new_other.map_or("choose…".to_string(), |id| {
            cx.ws.stakeholder_name(id).to_string()
        });
        ui.name_inputs("Other stakeholder of the new relationship", |ui| {
            egui::ComboBox::from_id_salt("new-relationship-other")
                .selected_text(current)
                .width(160.0)
                .show_ui(ui, |ui| {
                    // Sorted only while the list is open.
                    let by_name = self.by_name.get(cx.revision, || {
                        let mut order: Vec<usize> = (0..ws.stakeholders.len()).collect();
                        // Stable, as before: equal names keep file order.
                        order.sort_by_cached_key(|&i| ws.stakeholders[i].name.to_lowercase());
                        order
                    });
                    let others = by_name
                        .iter()
                        .filter_map(|&i| ws.stakeholders.get(i))
                        .filter(|o| o.id != s.id);
                    for o in others {
                        ui.selectable_value(&mut self.new_other, Some(o.id), &o.name);
                    }
                });
        });
    }
}

/// The relationship's sentence, which selects the other stakeholder when clicked.
fn link_ui(
    ui: &mut Ui,
    cx: &mut ViewContext<'_>,
    sentence: &str,
    other: StakeholderId,
    other_name: &str,
) {
    let link_color = ui.visuals().hyperlink_color;
    let link = ui
        .add(
            egui::Label::new(RichText::new(sentence).color(link_color))
                .truncate()
                .sense(egui::Sense::click()),
        )
        .on_hover_text(format!("Select {other_name}"));
    if link.clicked() {
        cx.selection.select_stakeholder(other);
    }
}

/// "Medium confidence · the note", under the sentence.
fn detail(r: &Relationship) -> String {
    if r.note.is_empty() {
        format!("{} confidence", r.confidence)
    } else {
        format!("{} confidence · {}", r.confidence, r.note)
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn relationship_form_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, r: &Relationship) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        Grid::new(("relationship-form", r.id))
            .num_columns(2)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                form_row(ui, "Kind", |ui| {
                    let (response, chosen) =
                        choice(ui, ("kind", r.id), r.kind, RelationshipKind::ALL, |k| {
                            k.label().to_string()
                        });
                    if let Some(kind) = chosen {
                        update(cx, &response, r, |new| new.kind = kind);
                    }
                });
                form_row(ui, "Confidence", |ui| {
                    let (response, chosen) = choice(
                        ui,
                        ("confidence", r.id),
                        r.confidence,
                        Confidence::ALL,
                        |c| c.label().to_string(),
                    );
                    if let Some(confidence) = chosen {
                        update(cx, &response, r, |new| new.confidence = confidence);
                    }
                });
                form_row(ui, "Note", |ui| {
                    let (response, changed) = text_field(ui, &r.note, "What the link is");
                    if let Some(note) = changed {
                        update(cx, &response, r, |new| new.note = note);
                    }
                });
            });
    });
}

/// Sends `r` changed by `change`, as part of `response`'s interaction.
fn update(
    cx: &mut ViewContext<'_>,
    response: &egui::Response,
    r: &Relationship,
    change: impl FnOnce(&mut Relationship),
) {
    let mut new = r.clone();
    change(&mut new);
    cx.out.push_from(response, Edit::UpdateRelationship(new));
}
