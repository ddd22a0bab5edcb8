//! Deleting a stakeholder: one with commitments or relationships asks
//! first; every delete says what went, with an Undo button.

use crate::support::{CMD, CMD_SHIFT, harness, has_stakeholder, id_of, press};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;

fn select(harness: &mut Harness<'_, FlywheelApp>, name: &str) {
    harness.get_by_label(name).click();
    harness.run();
}

#[test]
fn a_stakeholder_with_commitments_asks_first_and_cancel_keeps_it() {
    let mut harness = harness();
    select(&mut harness, "Keelwater Motors");
    harness.get_by_label("🗑 Delete").click();
    harness.run();
    harness.get_by_label("Delete Keelwater Motors?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(has_stakeholder(&harness, "Keelwater Motors"));
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn confirmed_delete_shows_what_went_and_undo_brings_it_back() {
    let mut harness = harness();
    let ws = harness.state().document().workspace().clone();
    let id = id_of(&harness, "Keelwater Motors");
    let commitments = ws.commitments_of(id).count();
    let relationships = ws.relationships_of(id).count();
    assert!(commitments > 1 && relationships > 1, "the demo has both");

    select(&mut harness, "Keelwater Motors");
    // The Delete key, away from any text field, on the value chain.
    press(&mut harness, CMD, Key::Num4);
    press(&mut harness, Modifiers::NONE, Key::Delete);
    harness.get_by_label("Delete Keelwater Motors?");
    harness.get_by_label("Delete").click();
    harness.run();
    assert!(!has_stakeholder(&harness, "Keelwater Motors"));
    harness.get_by_label(&format!(
        "Deleted Keelwater Motors with its {commitments} commitments and {relationships} relationships"
    ));

    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(harness.state().document().workspace(), &ws);
    assert!(
        harness.query_by_label("Undo").is_none(),
        "the toast is gone"
    );
}

#[test]
fn a_stakeholder_with_nothing_attached_goes_at_once_and_the_toast_leaves_on_the_next_edit() {
    let mut harness = harness();
    press(&mut harness, CMD_SHIFT, Key::N);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Name")
        .type_text("Nordhavn Green Shipping");
    harness.run();
    // Leave the name field, then delete from the menu.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Delete stakeholder").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Delete Nordhavn Green Shipping?")
            .is_none()
    );
    assert!(!has_stakeholder(&harness, "Nordhavn Green Shipping"));
    harness.get_by_label("Deleted Nordhavn Green Shipping");

    // Another change: the toast's Undo would undo that instead, so it goes.
    press(&mut harness, CMD_SHIFT, Key::N);
    assert!(harness.query_by_label("Undo").is_none());
}
