//! The inspector: every detail of the selected stakeholder, its
//! relationships and its commitments, editable in place.

use egui::{Grid, RichText, Ui};

use super::palette::{category_icon_ui, status_color};
use super::widgets::{
    choice, date_field, form_row, labelled_by_row, parsed_field, tags_field, text_area, text_field,
};
use super::{ViewContext, name_field_id};
use crate::edit::Edit;
use crate::model::{
    Category, Commitment, CommitmentKind, CommitmentStatus, EngagementStage, INFLUENCE_RANGE,
    Quantity, Relationship, RelationshipKind, SUPPORT_RANGE, Stakeholder, StakeholderId,
};

/// The inspector panel and the choices of its "add relationship" row.
#[derive(Debug)]
pub struct Inspector {
    /// The relationship whose kind, confidence and note are being edited.
    editing_relationship: Option<crate::model::RelationshipId>,
    new_relationship_kind: RelationshipKind,
    new_relationship_other: Option<StakeholderId>,
}

impl Default for Inspector {
    fn default() -> Self {
        Self {
            editing_relationship: None,
            new_relationship_kind: RelationshipKind::PartnersWith,
            new_relationship_other: None,
        }
    }
}

impl Inspector {
    pub fn ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>) {
        let Some(s) = cx
            .selection
            .stakeholder
            .and_then(|id| cx.ws.stakeholder(id))
        else {
            ui.heading("Inspector");
            ui.add_space(8.0);
            ui.label(
                RichText::new(
                    "Select a stakeholder in the list to see and edit its details, \
                     relationships and commitments.",
                )
                .weak(),
            );
            return;
        };
        let s = s.clone();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // Keep clear of the scroll bar, which floats over the right edge.
                ui.set_max_width(ui.available_width() - 10.0);
                header_ui(ui, cx, &s);
                ui.separator();
                details_ui(ui, cx, &s);
                ui.add_space(6.0);
                egui::CollapsingHeader::new(format!(
                    "Relationships ({})",
                    cx.ws.relationships_of(s.id).count()
                ))
                .id_salt("relationships")
                .default_open(true)
                .show(ui, |ui| self.relationships_ui(ui, cx, &s));
                egui::CollapsingHeader::new(format!(
                    "Commitments ({})",
                    cx.ws.commitments_of(s.id).count()
                ))
                .id_salt("commitments")
                .default_open(true)
                .show(ui, |ui| commitments_ui(ui, cx, &s));
            });
    }

    fn relationships_ui(&mut self, ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
        let mut any = false;
        for r in cx.ws.relationships_of(s.id) {
            any = true;
            let outgoing = r.from == s.id;
            let other = if outgoing { r.to } else { r.from };
            let other_name = cx.ws.stakeholder_name(other).to_owned();
            let sentence = if outgoing {
                format!("{} {other_name}", capitalised(r.kind.label()))
            } else {
                format!("{other_name} {} this", r.kind.label())
            };
            let link_color = ui.visuals().hyperlink_color;
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
                    let editing = self.editing_relationship == Some(r.id);
                    if ui
                        .selectable_label(editing, "✏")
                        .accessible_name(format!("Edit relationship: {sentence}"))
                        .on_hover_text("Change its kind, confidence or note")
                        .clicked()
                    {
                        self.editing_relationship = if editing { None } else { Some(r.id) };
                    }
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        let link = ui
                            .add(
                                egui::Label::new(RichText::new(&sentence).color(link_color))
                                    .truncate()
                                    .sense(egui::Sense::click()),
                            )
                            .on_hover_text(format!("Select {other_name}"));
                        if link.clicked() {
                            cx.selection.select_stakeholder(other);
                        }
                    });
                });
            });
            let detail = if r.note.is_empty() {
                format!("{} confidence", r.confidence)
            } else {
                format!("{} confidence · {}", r.confidence, r.note)
            };
            ui.add(egui::Label::new(RichText::new(detail).weak().small()).wrap());
            if self.editing_relationship == Some(r.id) {
                relationship_form_ui(ui, cx, r);
            }
        }
        if !any {
            ui.label(RichText::new("No relationships yet.").weak());
        }
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label("Add:");
            let (_, kind) = ui.name_inputs("Kind of the new relationship", |ui| {
                choice(
                    ui,
                    "new-relationship-kind",
                    self.new_relationship_kind,
                    RelationshipKind::ALL,
                    |k| k.label().to_string(),
                )
            });
            if let Some(kind) = kind {
                self.new_relationship_kind = kind;
            }
            let others: Vec<&Stakeholder> = {
                let mut others: Vec<&Stakeholder> =
                    cx.ws.stakeholders.iter().filter(|o| o.id != s.id).collect();
                others.sort_by_key(|o| o.name.to_lowercase());
                others
            };
            if self
                .new_relationship_other
                .is_some_and(|id| id == s.id || cx.ws.stakeholder(id).is_none())
            {
                self.new_relationship_other = None;
            }
            let current = self
                .new_relationship_other
                .map_or("choose…".to_string(), |id| {
                    cx.ws.stakeholder_name(id).to_string()
                });
            ui.name_inputs("Other stakeholder of the new relationship", |ui| {
                egui::ComboBox::from_id_salt("new-relationship-other")
                    .selected_text(current)
                    .width(160.0)
                    .show_ui(ui, |ui| {
                        for o in others {
                            ui.selectable_value(
                                &mut self.new_relationship_other,
                                Some(o.id),
                                &o.name,
                            );
                        }
                    });
            });
            let ready = self.new_relationship_other.is_some();
            if ui
                .add_enabled(ready, egui::Button::new("Add relationship"))
                .clicked()
                && let Some(other) = self.new_relationship_other
            {
                cx.out.push(Edit::AddRelationship(Relationship::new(
                    s.id,
                    other,
                    self.new_relationship_kind,
                )));
            }
        });
    }
}

fn header_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    ui.horizontal(|ui| {
        category_icon_ui(ui, s.category);
        let title = if s.name.trim().is_empty() {
            "(unnamed)"
        } else {
            &s.name
        };
        ui.heading(title);
    });
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{} · {}", s.category, s.stage())).weak());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("🗑 Delete")
                .on_hover_text(
                    "Delete this stakeholder with its commitments and relationships (undo with Ctrl+Z)",
                )
                .clicked()
            {
                cx.out.push(Edit::DeleteStakeholder(s.id));
            }
        });
    });
}

fn details_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    Grid::new("stakeholder-details")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .striped(false)
        .show(ui, |ui| {
            form_row(ui, "Name", |ui| {
                let mut text = s.name.clone();
                let response = ui.add(
                    egui::TextEdit::singleline(&mut text)
                        .id(name_field_id(s.id))
                        .hint_text("Organisation name")
                        .desired_width(f32::INFINITY),
                );
                let response = labelled_by_row(ui, response);
                if cx.selection.focus_name_of == Some(s.id) {
                    response.request_focus();
                    cx.selection.focus_name_of = None;
                }
                if response.changed() {
                    let mut new = s.clone();
                    new.name = text;
                    cx.out.push_from(&response, Edit::UpdateStakeholder(new));
                }
            });
            form_row(ui, "Category", |ui| {
                let (response, chosen) = choice(ui, "category", s.category, Category::ALL, |c| {
                    c.label().to_string()
                });
                let response = response.on_hover_text(s.category.help());
                if let Some(category) = chosen {
                    let mut new = s.clone();
                    new.category = category;
                    cx.out.push_from(&response, Edit::UpdateStakeholder(new));
                }
            });
            form_row(ui, "Region", |ui| {
                let (response, changed) =
                    text_field(ui, &s.region, "e.g. EU, India, North America");
                if let Some(region) = changed {
                    let mut new = s.clone();
                    new.region = region;
                    cx.out.push_from(&response, Edit::UpdateStakeholder(new));
                }
            });
            form_row(ui, "Influence", |ui| {
                let mut influence = s.influence;
                let response = ui
                    .add(egui::Slider::new(&mut influence, INFLUENCE_RANGE).step_by(1.0))
                    .on_hover_text("How much it can move the sector: 1 little, 5 decisive");
                let response = labelled_by_row(ui, response);
                if influence != s.influence {
                    let mut new = s.clone();
                    new.influence = influence;
                    cx.out.push_from(&response, Edit::UpdateStakeholder(new));
                }
            });
            form_row(ui, "Support", |ui| {
                let mut support = s.support;
                let response = ui
                    .add(
                        egui::Slider::new(&mut support, SUPPORT_RANGE)
                            .step_by(1.0)
                            .custom_formatter(|v, _| super::format::signed(v as i8)),
                    )
                    .on_hover_text("Stance on the coalition's goals: −2 opposes, +2 champions");
                let response = labelled_by_row(ui, response);
                if support != s.support {
                    let mut new = s.clone();
                    new.support = support;
                    cx.out.push_from(&response, Edit::UpdateStakeholder(new));
                }
            });
            form_row(ui, "Stage", |ui| {
                ui.horizontal(|ui| {
                    let (response, chosen) =
                        choice(ui, "stage", s.stage(), EngagementStage::ALL, |stage| {
                            stage.label().to_string()
                        });
                    response.on_hover_text(s.stage().help());
                    if let Some(stage) = chosen {
                        cx.out.push(Edit::SetStakeholderStage {
                            id: s.id,
                            stage,
                            date: cx.today,
                        });
                    }
                    if let Some(since) = s.stage_since() {
                        ui.label(RichText::new(format!("since {since}")).weak());
                    }
                });
            });
            form_row(ui, "Tags", |ui| {
                let (response, changed) = tags_field(ui, ("tags", s.id), &s.tags);
                if let Some(tags) = changed {
                    let mut new = s.clone();
                    new.tags = tags;
                    cx.out.push_from(&response, Edit::UpdateStakeholder(new));
                }
            });
            form_row(ui, "Contacts", |ui| {
                let (response, changed) = text_field(ui, &s.contacts, "People to talk to");
                if let Some(contacts) = changed {
                    let mut new = s.clone();
                    new.contacts = contacts;
                    cx.out.push_from(&response, Edit::UpdateStakeholder(new));
                }
            });
            form_row(ui, "Notes", |ui| {
                let (response, changed) = text_area(ui, &s.notes, "What matters about them", 3);
                if let Some(notes) = changed {
                    let mut new = s.clone();
                    new.notes = notes;
                    cx.out.push_from(&response, Edit::UpdateStakeholder(new));
                }
            });
            form_row(ui, "Confidential", |ui| {
                let mut confidential = s.confidential;
                let response = ui
                    .checkbox(&mut confidential, "Notes and contacts are confidential")
                    .on_hover_text("Shared copies of the workspace leave them out");
                if response.changed() {
                    let mut new = s.clone();
                    new.confidential = confidential;
                    cx.out.push(Edit::UpdateStakeholder(new));
                }
            });
        });
    if s.stage_history.len() > 1 {
        egui::CollapsingHeader::new("Stage history")
            .id_salt("stage-history")
            .show(ui, |ui| {
                for change in s.stage_history.iter().rev() {
                    ui.label(format!("{}  {}", change.date, change.stage));
                }
            });
    }
}

fn commitments_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, s: &Stakeholder) {
    let commitments: Vec<Commitment> = cx.ws.commitments_of(s.id).cloned().collect();
    if commitments.is_empty() {
        ui.label(RichText::new("No commitments yet.").weak());
    }
    for c in &commitments {
        let open = cx.selection.commitment == Some(c.id);
        let color = status_color(c.status(), ui.visuals().dark_mode);
        let title = if c.title.trim().is_empty() {
            "(untitled)"
        } else {
            &c.title
        };
        let header = format!(
            "{} · {title}{}",
            c.kind,
            c.target_year.map_or(String::new(), |y| format!(" · {y}"))
        );
        let row = ui.horizontal(|ui| {
            let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().circle_filled(dot.center(), 4.5, color);
            ui.add(egui::Button::selectable(open, header).truncate())
                .on_hover_text(format!("{} since {}", c.status(), c.status_since()))
        });
        if row.inner.clicked() {
            cx.selection.commitment = if open { None } else { Some(c.id) };
        }
        if open {
            egui::Frame::group(ui.style()).show(ui, |ui| commitment_form_ui(ui, cx, c));
        }
    }
    ui.add_space(4.0);
    if ui
        .button("➕ Add commitment")
        .on_hover_text("Record a new commitment by this stakeholder, announced today")
        .clicked()
    {
        let c = Commitment::new(
            s.id,
            CommitmentKind::InterimTarget,
            "New commitment",
            cx.today,
        );
        cx.selection.commitment = Some(c.id);
        cx.out.push(Edit::AddCommitment(c));
    }
}

fn commitment_form_ui(ui: &mut Ui, cx: &mut ViewContext<'_>, c: &Commitment) {
    let update = |new: Commitment| Edit::UpdateCommitment(new);
    Grid::new(("commitment-form", c.id))
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            form_row(ui, "Title", |ui| {
                let (response, changed) = text_field(ui, &c.title, "What was committed");
                if let Some(title) = changed {
                    let mut new = c.clone();
                    new.title = title;
                    cx.out.push_from(&response, update(new));
                }
            });
            form_row(ui, "Kind", |ui| {
                let (response, chosen) =
                    choice(ui, ("kind", c.id), c.kind, CommitmentKind::ALL, |k| {
                        k.label().to_string()
                    });
                if let Some(kind) = chosen {
                    let mut new = c.clone();
                    new.kind = kind;
                    cx.out.push_from(&response, update(new));
                }
            });
            form_row(ui, "Status", |ui| {
                ui.horizontal(|ui| {
                    let (_, chosen) = choice(
                        ui,
                        ("status", c.id),
                        c.status(),
                        CommitmentStatus::ALL,
                        |st| st.label().to_string(),
                    );
                    if let Some(status) = chosen {
                        cx.out.push(Edit::SetCommitmentStatus {
                            id: c.id,
                            status,
                            date: cx.today,
                        });
                    }
                    ui.label(RichText::new(format!("since {}", c.status_since())).weak());
                });
            });
            form_row(ui, "Made on", |ui| {
                let (response, changed) = date_field(ui, ("made-on", c.id), c.made_on);
                if let Some(date) = changed {
                    let mut new = c.clone();
                    new.made_on = date;
                    cx.out.push_from(&response, update(new));
                }
            });
            form_row(ui, "Target year", |ui| {
                ui.horizontal(|ui| {
                    let mut has = c.target_year.is_some();
                    let toggle = ui
                        .checkbox(&mut has, "")
                        .accessible_name("Has a target year");
                    let mut year = c
                        .target_year
                        .unwrap_or(2030)
                        .max(chrono::Datelike::year(&c.made_on));
                    let drag = ui.add_enabled(
                        has,
                        // Not before the year the commitment was made.
                        egui::DragValue::new(&mut year)
                            .range(chrono::Datelike::year(&c.made_on)..=2100)
                            .speed(0.2),
                    );
                    let wanted = has.then_some(year);
                    if wanted != c.target_year {
                        let mut new = c.clone();
                        new.target_year = wanted;
                        let response = if toggle.changed() { toggle } else { drag };
                        cx.out.push_from(&response, update(new));
                    }
                });
            });
            form_row(ui, "Quantity", |ui| {
                ui.horizontal(|ui| {
                    let mut has = c.quantity.is_some();
                    let toggle = ui.checkbox(&mut has, "").accessible_name("Has a quantity");
                    let mut quantity = c.quantity.clone().unwrap_or(Quantity {
                        value: 0.0,
                        unit: "Mt".into(),
                    });
                    let value = ui.add_enabled(
                        has,
                        egui::DragValue::new(&mut quantity.value)
                            .range(0.0..=f64::MAX)
                            .speed(0.1),
                    );
                    let (unit, new_unit) = ui
                        .add_enabled_ui(has, |ui| {
                            parsed_field(
                                ui,
                                ("unit", c.id),
                                &quantity.unit,
                                70.0,
                                "unit",
                                Clone::clone,
                                |text| {
                                    let unit = text.trim();
                                    if unit.is_empty() {
                                        Err("A quantity needs a unit, e.g. Mt, %, $bn".to_string())
                                    } else {
                                        Ok(unit.to_string())
                                    }
                                },
                            )
                        })
                        .inner;
                    let unit = unit.accessible_name("Unit");
                    if let Some(new_unit) = new_unit {
                        quantity.unit = new_unit;
                    }
                    let wanted = has.then_some(quantity);
                    if wanted != c.quantity {
                        let mut new = c.clone();
                        new.quantity = wanted;
                        let response = if toggle.changed() {
                            toggle
                        } else if unit.has_focus() {
                            unit
                        } else {
                            value
                        };
                        cx.out.push_from(&response, update(new));
                    }
                });
            });
            form_row(ui, "Roadmap metric", |ui| {
                let metrics = &cx.ws.roadmap.metrics;
                let current = c
                    .metric
                    .and_then(|id| cx.ws.roadmap.metric(id))
                    .map_or("none".to_string(), |m| format!("{} ({})", m.name, m.unit));
                let mut chosen = c.metric;
                let response = egui::ComboBox::from_id_salt(("metric", c.id))
                    .selected_text(current)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, "none");
                        for m in metrics {
                            ui.selectable_value(
                                &mut chosen,
                                Some(m.id),
                                format!("{} ({})", m.name, m.unit),
                            );
                        }
                    })
                    .response;
                if chosen != c.metric {
                    let mut new = c.clone();
                    new.metric = chosen;
                    cx.out.push_from(&response, update(new));
                }
            });
            form_row(ui, "Source", |ui| {
                ui.vertical(|ui| {
                    let (response, changed) = text_field(ui, &c.source, "Link or citation");
                    if let Some(source) = changed {
                        let mut new = c.clone();
                        new.source = source;
                        cx.out.push_from(&response, update(new));
                    }
                    let link = c.source.trim();
                    if link.starts_with("https://") || link.starts_with("http://") {
                        ui.hyperlink_to("Open source ↗", link);
                    }
                });
            });
            form_row(ui, "Notes", |ui| {
                let (response, changed) = text_area(ui, &c.notes, "Context, caveats", 2);
                if let Some(notes) = changed {
                    let mut new = c.clone();
                    new.notes = notes;
                    cx.out.push_from(&response, update(new));
                }
            });
            form_row(ui, "Confidential", |ui| {
                let mut confidential = c.confidential;
                if ui
                    .checkbox(&mut confidential, "Leave out of shared copies")
                    .changed()
                {
                    let mut new = c.clone();
                    new.confidential = confidential;
                    cx.out.push(update(new));
                }
            });
        });
    if c.status_history.len() > 1 {
        ui.label(RichText::new("Status history").strong());
        for change in c.status_history.iter().rev() {
            ui.label(format!("{}  {}", change.date, change.status));
        }
    }
    if ui
        .button("🗑 Delete commitment")
        .on_hover_text("Delete this commitment (undo with Ctrl+Z)")
        .clicked()
    {
        cx.out.push(Edit::DeleteCommitment(c.id));
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
                        let mut new = r.clone();
                        new.kind = kind;
                        cx.out.push_from(&response, Edit::UpdateRelationship(new));
                    }
                });
                form_row(ui, "Confidence", |ui| {
                    let (response, chosen) = choice(
                        ui,
                        ("confidence", r.id),
                        r.confidence,
                        crate::model::Confidence::ALL,
                        |c| c.label().to_string(),
                    );
                    if let Some(confidence) = chosen {
                        let mut new = r.clone();
                        new.confidence = confidence;
                        cx.out.push_from(&response, Edit::UpdateRelationship(new));
                    }
                });
                form_row(ui, "Note", |ui| {
                    let (response, changed) = text_field(ui, &r.note, "What the link is");
                    if let Some(note) = changed {
                        let mut new = r.clone();
                        new.note = note;
                        cx.out.push_from(&response, Edit::UpdateRelationship(new));
                    }
                });
            });
    });
}
