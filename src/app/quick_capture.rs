//! The quick-capture line (Ctrl+E, or "✚ Capture" at the end of the tab
//! bar): who, kind, what and how much on one line, for commitments heard
//! live in a workshop. Typing a name suggests the stakeholders it matches
//! (↑/↓ and Enter or Tab to pick one); a name that matches nobody creates a
//! new stakeholder of the category chosen beside it. Enter records the
//! line as one undo step and clears it for the next one; Esc closes it.

use egui::{Key, Modifiers, RichText, Ui};

use super::FlywheelApp;
use crate::edit::CoalesceKey;
use crate::edit::capture::{Captured, Who, capture_edits, named, suggestions};
use crate::model::{Category, CommitmentKind, StakeholderId, Workspace};
use crate::views::widgets::choice;

/// How many stakeholders the name field suggests.
const SUGGESTIONS: usize = 8;

/// The line's fields and state.
#[derive(Debug)]
pub(super) struct QuickCapture {
    open: bool,
    who: String,
    /// The suggestion picked for `who`, while `who` still reads its name.
    picked: Option<StakeholderId>,
    /// The category of a new stakeholder.
    category: Category,
    kind: CommitmentKind,
    title: String,
    quantity: String,
    unit: String,
    highlighted: usize,
    /// Put the cursor in this field next frame.
    focus: Option<Field>,
    problem: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Who,
    Title,
}

impl Default for QuickCapture {
    fn default() -> Self {
        Self {
            open: false,
            who: String::new(),
            picked: None,
            category: Category::Industry,
            kind: CommitmentKind::ProcurementPledge,
            title: String::new(),
            quantity: String::new(),
            unit: String::new(),
            highlighted: 0,
            focus: None,
            problem: None,
        }
    }
}

impl QuickCapture {
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Opens the line with the cursor in its first field, or closes it.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        self.focus = self.open.then_some(Field::Who);
        self.problem = None;
    }

    /// Who the line names: the picked suggestion, an existing stakeholder
    /// of that exact name, or a new one.
    fn who(&self, ws: &Workspace) -> Who {
        let picked = self
            .picked
            .filter(|&id| ws.stakeholder(id).is_some_and(|s| s.name == self.who));
        match picked.or_else(|| named(ws, &self.who)) {
            Some(id) => Who::Known(id),
            None => Who::New {
                name: self.who.trim().to_string(),
                category: self.category,
            },
        }
    }

    /// Clears the line for the next commitment (the kind stays: a round of
    /// pledges is often of one kind).
    fn clear(&mut self) {
        *self = Self {
            open: true,
            category: self.category,
            kind: self.kind,
            focus: Some(Field::Who),
            ..Self::default()
        };
    }
}

impl FlywheelApp {
    /// The line, over the status bar, while it is open.
    pub(super) fn quick_capture_ui(&mut self, ui: &mut Ui) {
        if !self.capture.is_open() {
            return;
        }
        let mut save = false;
        egui::Panel::bottom("quick-capture").show(ui, |ui| {
            ui.add_space(2.0);
            save = self.capture_line_ui(ui);
            if let Some(problem) = &self.capture.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.add_space(2.0);
        });
        if save {
            self.record_capture();
        }
    }

    /// The fields in one row; returns whether the line is to be recorded.
    fn capture_line_ui(&mut self, ui: &mut Ui) -> bool {
        // Esc is a dialog's or the palette's while one is open.
        let escape_closes = !self.is_anything_in_front();
        let ws = self.doc.workspace();
        let capture = &mut self.capture;
        let mut save = false;
        ui.horizontal(|ui| {
            ui.label(RichText::new("Capture").strong())
                .on_hover_text("Record a commitment heard in the room: Enter saves, Esc closes");
            let who = who_field_ui(ui, capture, ws);
            save |= who;
            if matches!(capture.who(ws), Who::New { ref name, .. } if !name.is_empty()) {
                ui.label(RichText::new("new:").weak());
                let (_, chosen) = ui.name_inputs("Category of the new stakeholder", |ui| {
                    choice(
                        ui,
                        "capture-category",
                        capture.category,
                        Category::ALL,
                        |c| c.label().to_string(),
                    )
                });
                if let Some(category) = chosen {
                    capture.category = category;
                }
            }
            let (_, kind) = ui.name_inputs("Kind of the captured commitment", |ui| {
                choice(ui, "capture-kind", capture.kind, CommitmentKind::ALL, |k| {
                    k.label().to_string()
                })
            });
            if let Some(kind) = kind {
                capture.kind = kind;
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("✖").on_hover_text("Close (Esc)").clicked() {
                    capture.toggle();
                }
                if ui
                    .button("Save")
                    .on_hover_text("Record this commitment (Enter)")
                    .clicked()
                {
                    save = true;
                }
                save |= text_ui(ui, &mut capture.unit, "unit", "Unit", 80.0);
                save |= text_ui(ui, &mut capture.quantity, "quantity", "Quantity", 70.0);
                let title = ui.add(
                    egui::TextEdit::singleline(&mut capture.title)
                        .hint_text("what they committed to")
                        .desired_width(ui.available_width()),
                );
                let title = title.accessible_name("Title of the captured commitment");
                if capture.focus == Some(Field::Title) {
                    title.request_focus();
                    capture.focus = None;
                }
                save |= entered(ui, &title);
            });
        });
        if escape_closes && ui.input(|i| i.key_pressed(Key::Escape)) {
            capture.toggle();
            return false;
        }
        save
    }

    fn record_capture(&mut self) {
        // During a workshop: on its day, and naming it.
        let (day, source, workshop) = match self.running_workshop() {
            Some(w) => (w.date, w.source_label(), Some(w.id)),
            None => (self.today(), String::new(), None),
        };
        let ws = self.doc.workspace();
        let line = Captured {
            who: self.capture.who(ws),
            kind: self.capture.kind,
            title: self.capture.title.clone(),
            quantity: self.capture.quantity.clone(),
            unit: self.capture.unit.clone(),
            source,
            workshop,
        };
        if matches!(&line.who, Who::New { name, .. } if name.is_empty()) {
            self.capture.problem = Some("Type who made the commitment".to_string());
            self.capture.focus = Some(Field::Who);
            return;
        }
        match capture_edits(ws, &line, day) {
            Ok((edits, text)) => {
                // One undo step for the line, whatever it adds.
                let key = CoalesceKey(egui::Id::unique(("capture", self.doc.revision())).value());
                for edit in edits {
                    self.outbox.push_keyed(edit, key);
                }
                self.toast_after_edits = Some(text);
                self.capture.clear();
            }
            Err(problem) => self.capture.problem = Some(problem),
        }
    }
}

/// The stakeholder field and its suggestions; returns true when Enter
/// asks to record the line (Enter on a suggestion picks it instead).
fn who_field_ui(ui: &mut Ui, capture: &mut QuickCapture, ws: &Workspace) -> bool {
    let found = if capture.picked.is_some() {
        Vec::new()
    } else {
        suggestions(ws, &capture.who, SUGGESTIONS)
    };
    let id = egui::Id::unique("capture-who");
    let has_focus = ui.memory(|m| m.has_focus(id));
    if has_focus && !found.is_empty() {
        // ↑/↓ move through the suggestions, not the cursor.
        ui.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                capture.highlighted = (capture.highlighted + 1).min(found.len() - 1);
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowUp) {
                capture.highlighted = capture.highlighted.saturating_sub(1);
            }
        });
    }
    let tab_picks = has_focus
        && !found.is_empty()
        && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Tab));
    let response = ui.add(
        egui::TextEdit::singleline(&mut capture.who)
            .id(id)
            .hint_text("who (type to find)")
            .desired_width(200.0),
    );
    let response = response.accessible_name("Stakeholder of the captured commitment");
    if capture.focus == Some(Field::Who) {
        response.request_focus();
        capture.focus = None;
    }
    if response.changed() {
        capture.picked = None;
        capture.highlighted = 0;
    }
    let enter = entered(ui, &response);
    let mut pick = None;
    if !found.is_empty() && (response.has_focus() || enter || tab_picks) {
        let highlighted = capture.highlighted.min(found.len() - 1);
        let popup = egui::Area::new(id.with("suggestions"))
            .order(egui::Order::Foreground)
            .pivot(egui::Align2::LEFT_BOTTOM)
            .fixed_pos(response.rect.left_top())
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style())
                    .show(ui, |ui| {
                        ui.set_min_width(response.rect.width());
                        let mut clicked = None;
                        for (row, &sid) in found.iter().enumerate() {
                            if ui
                                .selectable_label(row == highlighted, ws.stakeholder_name(sid))
                                .clicked()
                            {
                                clicked = Some(sid);
                            }
                        }
                        clicked
                    })
                    .inner
            });
        pick = popup.inner;
        if enter || tab_picks {
            pick = pick.or(found.get(highlighted).copied());
        }
    }
    if let Some(sid) = pick {
        capture.who = ws.stakeholder_name(sid).to_string();
        capture.picked = Some(sid);
        capture.focus = Some(Field::Title);
        return false;
    }
    enter
}

/// A small text field of the line; returns true when Enter was pressed in it.
fn text_ui(ui: &mut Ui, text: &mut String, hint: &str, name: &str, width: f32) -> bool {
    let response = ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(width),
    );
    let response = response.accessible_name(format!("{name} of the captured commitment"));
    entered(ui, &response)
}

/// Enter ended the typing in this field.
fn entered(ui: &Ui, response: &egui::Response) -> bool {
    response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter))
}
