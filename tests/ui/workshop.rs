//! A running workshop: started with its date, title and place; captured
//! commitments name it; attendees ticked; its end summarised and presented.

use crate::support::{CMD, app_today, harness, press};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::model::Slide;

fn menu(harness: &mut Harness<'_, FlywheelApp>, item: &str) {
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

#[test]
fn a_workshop_runs_captures_ends_with_a_summary_and_presents_it() {
    let mut harness = harness();
    menu(&mut harness, "Start workshop…");
    harness
        .get_by_role_and_label(Role::TextInput, "Title of the workshop")
        .type_text("Offtake round");
    harness
        .get_by_role_and_label(Role::TextInput, "Place of the workshop")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Place of the workshop")
        .type_text("Rotterdam");
    harness.run();
    harness.get_by_label("Start").click();
    harness.run();
    let ws = harness.state().document().workspace();
    let workshop = ws.workshops.last().unwrap().clone();
    assert_eq!(workshop.title, "Offtake round, Rotterdam");
    assert_eq!(workshop.date, app_today());
    harness.get_by_label("• Workshop running: Offtake round, Rotterdam");

    // Who attends, ticked in the status bar.
    harness.get_by_label("Attendees (0)").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Harbourline Bank")
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Harbourline Bank")
        .click();
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Escape);

    // A captured commitment is dated on its day and names it.
    press(&mut harness, CMD, Key::E);
    harness
        .get_by_role_and_label(Role::TextInput, "Stakeholder of the captured commitment")
        .type_text("Harbourline Bank");
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Title of the captured commitment")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Title of the captured commitment")
        .type_text("Green steel lending window");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let ws = harness.state().document().workspace();
    let c = ws.commitments.last().unwrap();
    assert_eq!(c.title, "Green steel lending window");
    assert_eq!(c.made_on, workshop.date);
    assert_eq!(c.source, "Workshop “Offtake round, Rotterdam”, 2026-11-22");
    let attendees = &ws.workshops.last().unwrap().attendees;
    assert_eq!(ws.stakeholder_name(attendees[0]), "Harbourline Bank");
    press(&mut harness, Modifiers::NONE, Key::Escape);

    harness.get_by_label("End workshop").click();
    harness.run();
    harness.get_by_label("Workshop ended: Offtake round, Rotterdam");
    harness.get_by_label("1 attended · 1 commitment captured · 0 stakeholders moved stage");
    harness.get_by_label("• Harbourline Bank: Procurement pledge — Green steel lending window");
    harness.get_by_label("Present it").click();
    harness.run();
    assert_eq!(
        harness.state().presented_slide(),
        Some(Slide::WorkshopSummary)
    );
    harness.get_by_label("9 / 9");
    harness.get_by_label("Offtake round, Rotterdam");
}
