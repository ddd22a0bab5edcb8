//! Quick capture: a commitment heard in the room, recorded on one line.

use crate::support::{CMD, app_today, assert_one_undo_restores, harness, press, workspace};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::model::{Category, CommitmentKind};

const WHO: &str = "Stakeholder of the captured commitment";
const TITLE: &str = "Title of the captured commitment";

fn type_into(harness: &mut Harness<'_, FlywheelApp>, field: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text(text);
    harness.run();
}

fn enter(harness: &mut Harness<'_, FlywheelApp>) {
    press(harness, Modifiers::NONE, Key::Enter);
}

#[test]
fn a_known_stakeholder_is_found_by_typing_and_the_line_is_one_undo_step() {
    let mut harness = harness();
    let before = harness.state().document().workspace().clone();
    let listed = harness.query_all_by_label("Harbourline Bank").count();
    press(&mut harness, CMD, Key::E);
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, WHO)
            .is_focused()
    );
    harness
        .get_by_role_and_label(Role::TextInput, WHO)
        .type_text("harb");
    harness.run();
    // The suggestion is listed; Enter picks it and moves on to the title.
    assert_eq!(
        harness.query_all_by_label("Harbourline Bank").count(),
        listed + 1
    );
    enter(&mut harness);
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, TITLE)
            .is_focused()
    );
    harness
        .get_by_role_and_label(Role::TextInput, TITLE)
        .type_text("Green steel lending facility");
    harness.run();
    type_into(&mut harness, "Quantity of the captured commitment", "1,5");
    type_into(&mut harness, "Unit of the captured commitment", "USD bn");
    enter(&mut harness);

    let ws = harness.state().document().workspace();
    assert_eq!(ws.commitments.len(), before.commitments.len() + 1);
    let c = ws.commitments.last().unwrap();
    assert_eq!(ws.stakeholder_name(c.stakeholder), "Harbourline Bank");
    assert_eq!(c.title, "Green steel lending facility");
    assert_eq!(c.kind, CommitmentKind::ProcurementPledge);
    assert_eq!(c.made_on, app_today());
    let q = c.quantity.as_ref().expect("a quantity");
    assert_eq!((q.value, q.unit.as_str()), (1.5, "USD bn"));
    harness.get_by_label("Captured “Green steel lending facility” for Harbourline Bank");
    // The line stays open, cleared, for the next one.
    let who = harness.get_by_role_and_label(Role::TextInput, WHO);
    assert!(who.is_focused());
    assert_eq!(who.value().as_deref(), Some(""));

    assert_one_undo_restores(&mut harness, |h| workspace(h).clone(), &before);
}

#[test]
fn a_new_name_creates_the_stakeholder_with_the_commitment() {
    let mut harness = harness();
    let before = harness.state().document().workspace().clone();
    harness.get_by_label("✚ Capture").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, WHO)
        .type_text("Nordhavn Green Shipping");
    harness.run();
    harness.get_by_label("new:");
    type_into(&mut harness, TITLE, "Zero-emission vessels from 2030");
    enter(&mut harness);

    let ws = harness.state().document().workspace();
    let s = ws.stakeholders.last().unwrap();
    assert_eq!(
        (s.name.as_str(), s.category),
        ("Nordhavn Green Shipping", Category::Industry)
    );
    assert_eq!(ws.commitments.last().unwrap().stakeholder, s.id);
    assert_one_undo_restores(&mut harness, |h| workspace(h).clone(), &before);
}

#[test]
fn a_line_without_a_title_says_so_and_esc_closes_it() {
    let mut harness = harness();
    press(&mut harness, CMD, Key::E);
    harness
        .get_by_role_and_label(Role::TextInput, WHO)
        .type_text("Ironvale Steelworks");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    harness.get_by_label("Type what they committed to");
    assert!(!harness.state().document().is_dirty());
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, WHO)
            .is_none()
    );
}
