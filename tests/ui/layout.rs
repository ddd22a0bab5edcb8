//! A window that fits: side panels that hide and come back, and a tab bar
//! that never wraps.

use crate::support::{CMD, harness, harness_with, id_of, press};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::{Preferences, Tab};

#[test]
fn side_panels_hide_and_come_back_with_their_shortcuts_and_buttons() {
    let mut harness = harness();
    assert!(harness.query_by_label("➕ Add stakeholder").is_some());
    assert!(harness.query_by_label("Inspector").is_some());

    press(&mut harness, CMD, Key::OpenBracket);
    assert!(harness.query_by_label("➕ Add stakeholder").is_none());
    assert!(!harness.state().preferences().stakeholder_list);
    press(&mut harness, CMD, Key::CloseBracket);
    assert!(harness.query_by_label("Inspector").is_none());
    assert!(!harness.state().preferences().inspector);

    // The handles at both ends of the tab bar bring them back.
    harness.get_by_label("Show the stakeholder list").click();
    harness.run();
    harness.get_by_label("Show the inspector").click();
    harness.run();
    assert!(harness.query_by_label("➕ Add stakeholder").is_some());
    assert!(harness.query_by_label("Inspector").is_some());
    let prefs = harness.state().preferences();
    assert!(prefs.stakeholder_list && prefs.inspector);
}

#[test]
fn hidden_panels_stay_hidden_next_time() {
    let prefs = Preferences {
        stakeholder_list: false,
        inspector: false,
        ..Preferences::default()
    };
    let harness = harness_with(prefs, None);
    assert!(harness.query_by_label("➕ Add stakeholder").is_none());
    assert!(harness.query_by_label("Inspector").is_none());
    assert!(harness.query_by_label("Show the inspector").is_some());
}

/// The tab bar's row, by the vertical place of its tabs.
fn tab_rows(harness: &egui_kittest::Harness<'_, flywheel::FlywheelApp>) -> Vec<f32> {
    let mut rows: Vec<f32> = Tab::ALL
        .iter()
        .filter_map(|tab| {
            harness.query_by_role_and_label(egui::accesskit::Role::Button, tab.label())
        })
        .map(|node| node.rect().center().y.round())
        .collect();
    rows.dedup();
    rows
}

#[test]
fn the_tab_bar_is_one_row_and_the_rest_is_under_more() {
    let mut harness = harness();
    harness.set_size(egui::vec2(1280.0, 720.0));
    harness.run();
    assert_eq!(tab_rows(&harness).len(), 1, "one row of tabs");
    // With both panels at 1280 px some tabs are under "More"; the open
    // one is always in the row.
    assert!(harness.query_by_label("Since…").is_none());
    harness.get_by_label("More ⏷").click();
    harness.run();
    harness.get_by_label("Since…").click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::Since);
    assert!(harness.query_by_label("Since…").is_some());
    assert_eq!(tab_rows(&harness).len(), 1);

    // Without the side panels every tab fits.
    press(&mut harness, CMD, Key::OpenBracket);
    press(&mut harness, CMD, Key::CloseBracket);
    assert!(harness.query_by_label("More ⏷").is_none());
    for tab in Tab::ALL {
        assert!(
            harness.query_by_label(tab.label()).is_some(),
            "{tab:?} shown"
        );
    }
}

/// Clicks the right end of a drawn name, away from its marker, and
/// returns who is selected then.
fn click_name(
    harness: &mut Harness<'_, FlywheelApp>,
    name: egui::Rect,
) -> Option<flywheel::model::StakeholderId> {
    let at = egui::pos2(name.right() - 4.0, name.center().y);
    harness.hover_at(at);
    harness.run();
    harness.drag_at(at);
    harness.drop_at(at);
    harness.run();
    harness.state().selection().stakeholder
}

#[test]
fn clicking_a_name_on_the_value_chain_selects_its_stakeholder() {
    let mut harness = harness();
    press(&mut harness, CMD, Key::Num4);
    let id = id_of(&harness, "Fjellbrek Steel");
    assert_eq!(harness.state().selection().stakeholder, None);
    let map = harness.state().value_chain();
    let name = map.name_rect(id).expect("names are drawn");
    let marker = map.node_position(id).unwrap();
    assert!(
        name.right() - 4.0 - marker.x > 20.0,
        "well away from the marker"
    );
    assert_eq!(click_name(&mut harness, name), Some(id));
}

#[test]
fn clicking_a_name_on_the_grid_selects_its_stakeholder() {
    let mut harness = harness();
    press(&mut harness, CMD, Key::Num3);
    let id = id_of(&harness, "Ironvale Steelworks");
    let name = harness
        .state()
        .influence_grid()
        .name_rect(id)
        .expect("listed by name");
    assert_eq!(click_name(&mut harness, name), Some(id));
}

#[test]
fn the_register_columns_are_chosen_and_ordered_and_remembered() {
    let mut harness = harness();
    press(&mut harness, CMD, Key::Num5);
    assert!(harness.query_by_label("Source").is_some());
    harness.get_by_label("Columns ⏷").click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Source")
        .click();
    harness.run();
    harness.get_by_label("Move the Status column left").click();
    harness.run();
    let columns = harness.state().preferences().commitment_columns.clone();
    assert_eq!(
        columns,
        [
            "title",
            "stakeholder",
            "status",
            "kind",
            "made",
            "target",
            "quantity",
            "metric"
        ]
    );
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        harness.query_by_label("Source").is_none(),
        "no Source header"
    );

    // The next start shows the same columns.
    let prefs = Preferences {
        commitment_columns: columns.clone(),
        ..Preferences::default()
    };
    let mut harness = harness_with(prefs, None);
    press(&mut harness, CMD, Key::Num5);
    assert!(harness.query_by_label("Source").is_none());
    assert_eq!(harness.state().preferences().commitment_columns, columns);
}
