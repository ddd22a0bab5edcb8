//! Text fields keep every character: the last characters typed and the Tab
//! or Enter after them often reach the app in the same frame.

use crate::support::{
    CMD, assert_one_undo_restores, day, harness, open_keelwater_interim_target, press, workspace,
};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;

/// Puts the cursor in the field `label` and selects its text.
fn select_all_in(harness: &mut Harness<'_, FlywheelApp>, label: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .scroll_to_me();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .click();
    harness.run();
    press(harness, CMD, Key::A);
}

/// Types `first`, then types `last` and presses `key` in one frame, as a
/// fast typist's keyboard delivers them. (kittest's own `type_text` and
/// `key_press` run a frame per event, which hides the problem.)
fn type_then_press(
    harness: &mut Harness<'_, FlywheelApp>,
    label: &str,
    first: &str,
    last: &str,
    key: Key,
) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(first);
    harness.run();
    let key_event = |pressed| egui::Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    let events = &mut harness.input_mut().events;
    events.push(egui::Event::Text(last.to_string()));
    events.push(key_event(true));
    events.push(key_event(false));
    harness.step();
    harness.run();
}

fn commitment(
    harness: &Harness<'_, FlywheelApp>,
    id: flywheel::model::CommitmentId,
) -> flywheel::model::Commitment {
    workspace(harness)
        .commitment(id)
        .expect("the commitment")
        .clone()
}

#[test]
fn the_unit_keeps_what_was_typed_with_tab_in_the_same_frame() {
    let mut harness = harness();
    let id = open_keelwater_interim_target(&mut harness);
    select_all_in(&mut harness, "Unit");
    type_then_press(&mut harness, "Unit", "Mt", "/yr", Key::Tab);
    let quantity = commitment(&harness, id).quantity.expect("a quantity");
    assert_eq!(quantity.unit, "Mt/yr");
    // Nothing typed went on to the next field either.
    assert_eq!(
        commitment(&harness, id).title,
        "Cut supply-chain emissions 30% by 2030"
    );
}

#[test]
fn the_unit_keeps_what_was_typed_with_enter_in_the_same_frame() {
    let mut harness = harness();
    let id = open_keelwater_interim_target(&mut harness);
    select_all_in(&mut harness, "Unit");
    type_then_press(&mut harness, "Unit", "EUR bn ", "subsidies", Key::Enter);
    assert_eq!(
        commitment(&harness, id).quantity.expect("a quantity").unit,
        "EUR bn subsidies"
    );
}

#[test]
fn a_date_keeps_what_was_typed_with_tab_in_the_same_frame() {
    let mut harness = harness();
    let id = open_keelwater_interim_target(&mut harness);
    select_all_in(&mut harness, "Made on");
    type_then_press(&mut harness, "Made on", "2021-0", "3-15", Key::Tab);
    let made_on = |h: &Harness<'_, FlywheelApp>| commitment(h, id).made_on;
    assert_eq!(made_on(&harness), day(2021, 3, 15));
    // The typing is one undo step, as typed slowly.
    assert_one_undo_restores(&mut harness, made_on, &day(2020, 11, 5));
}

#[test]
fn a_name_keeps_what_was_typed_with_tab_in_the_same_frame() {
    let mut harness = harness();
    harness.get_by_label("Keelwater Motors").click();
    harness.run();
    let id = harness.state().selection().stakeholder.expect("selected");
    select_all_in(&mut harness, "Name");
    type_then_press(&mut harness, "Name", "Keelwater ", "Motors AG", Key::Tab);
    let ws = harness.state().document().workspace();
    assert_eq!(
        ws.stakeholder(id).expect("the stakeholder").name,
        "Keelwater Motors AG"
    );
}

#[test]
fn tags_keep_what_was_typed_with_tab_in_the_same_frame() {
    let mut harness = harness();
    harness.get_by_label("Keelwater Motors").click();
    harness.run();
    let id = harness.state().selection().stakeholder.expect("selected");
    select_all_in(&mut harness, "Tags");
    type_then_press(&mut harness, "Tags", "h2-dri, first-", "mover", Key::Tab);
    let ws = harness.state().document().workspace();
    assert_eq!(
        ws.stakeholder(id).expect("the stakeholder").tags,
        vec!["h2-dri", "first-mover"]
    );
}

#[test]
fn add_commitment_puts_the_cursor_in_its_title_and_typing_it_is_one_step() {
    let mut harness = harness();
    harness.get_by_label("Keelwater Motors").click();
    harness.run();
    let before = harness.state().document().workspace().commitments.len();
    // The commitments register's button.
    press(&mut harness, CMD, Key::Num5);
    harness
        .get_by_label("➕ Add commitment for Keelwater Motors")
        .click();
    harness.run();
    let id = harness.state().selection().commitment.expect("opened");
    let title = harness.get_by_role_and_label(Role::TextInput, "Title");
    assert!(
        title.is_focused(),
        "the cursor is in the new commitment's title"
    );
    // The placeholder title is selected: typing replaces it.
    title.type_text("Buy 200 kt of near-zero steel a year from 2028");
    harness.run();
    assert_eq!(
        commitment(&harness, id).title,
        "Buy 200 kt of near-zero steel a year from 2028"
    );
    // Adding it and typing its title are one undo step.
    press(&mut harness, CMD, Key::Z);
    assert_eq!(
        harness.state().document().workspace().commitments.len(),
        before
    );
}
