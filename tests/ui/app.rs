//! The real app driven headlessly with egui_kittest: clicks, typing and
//! shortcuts as a facilitator would use them. rfd is never called: the app
//! is built with `FileDialogs::path_field_only()`.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::{Dialog, Preferences};

use crate::support::{
    CMD, CMD_SHIFT, DroppedPath, app_today, assert_one_undo_restores, day, enter_path, harness,
    harness_with, id_of, open_keelwater_interim_target, painted_texts, press, request_close,
    stakeholder_count, workspace,
};

/// Presses at `from`, moves to `to` in a few steps and releases there.
fn drag(harness: &mut Harness<'_, FlywheelApp>, from: egui::Pos2, to: egui::Pos2) {
    harness.drag_at(from);
    harness.run();
    for t in [0.25, 0.5, 0.75, 1.0] {
        harness.hover_at(from + (to - from) * t);
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

#[test]
fn starts_with_the_demo_marked_as_an_unsaved_copy() {
    let harness = harness();
    let app = harness.state();
    assert!(app.document().workspace().stakeholders.len() >= 25);
    assert!(app.path().is_none());
    assert!(
        app.window_title().contains("unsaved copy"),
        "{}",
        app.window_title()
    );
    assert!(!app.document().is_dirty());
    harness.get_by_label("Demo workspace, an unsaved copy: use Save As to keep your changes.");
}

#[test]
fn add_type_undo_redo_and_save_clears_the_unsaved_mark() {
    let mut harness = harness();
    let before = stakeholder_count(&harness);

    harness.get_by_label("➕ Add stakeholder").click();
    harness.run();
    assert_eq!(stakeholder_count(&harness), before + 1);
    // The new stakeholder's name field has the focus: just type.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Name")
        .type_text("Green Steel Buyers Club");
    harness.run();
    let added = harness
        .state()
        .document()
        .workspace()
        .stakeholders
        .last()
        .cloned()
        .unwrap();
    assert_eq!(added.name, "Green Steel Buyers Club");
    assert!(harness.state().document().is_dirty());
    assert!(harness.state().window_title().starts_with('*'));
    harness.get_by_label("• Unsaved changes");

    // One undo removes the stakeholder, typed name and all.
    assert_one_undo_restores(&mut harness, stakeholder_count, &before);

    // Redo brings it back with its name (Ctrl+Shift+Z), and Ctrl+Y redoes too.
    press(&mut harness, CMD_SHIFT, Key::Z);
    assert_eq!(stakeholder_count(&harness), before + 1);
    assert_eq!(
        harness
            .state()
            .document()
            .workspace()
            .stakeholders
            .last()
            .unwrap()
            .name,
        "Green Steel Buyers Club"
    );
    press(&mut harness, CMD, Key::Z);
    press(&mut harness, CMD, Key::Y);
    assert_eq!(stakeholder_count(&harness), before + 1);

    // Save: the demo has no file yet, so Save asks for a path (no system
    // dialog in tests) and the unsaved mark goes away.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coalition");
    press(&mut harness, CMD, Key::S);
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::PathPrompt { .. })
    ));
    enter_path(&mut harness, &path, "Save");
    let saved = path.with_extension("ron");
    assert!(saved.is_file(), "saved with the .ron extension added");
    assert!(!harness.state().document().is_dirty());
    assert!(!harness.state().window_title().starts_with('*'));
    assert_eq!(harness.state().path(), Some(saved.as_path()));
    assert!(harness.query_by_label("• Unsaved changes").is_none());
    let on_disk = flywheel::file::load(&saved).unwrap();
    assert_eq!(&on_disk, harness.state().document().workspace());
}

#[test]
fn dragging_a_slider_is_one_undo_step() {
    let mut harness = harness();
    harness.get_by_label("Fjellbrek Steel").click();
    harness.run();
    let id = harness.state().selection().stakeholder.unwrap();
    let influence = |h: &Harness<'_, FlywheelApp>| workspace(h).stakeholder(id).unwrap().influence;
    let start = influence(&harness);
    let slider = harness.get_by_role_and_label(egui::accesskit::Role::Slider, "Influence");
    let rect = slider.rect();
    let y = rect.center().y;
    drag(
        &mut harness,
        egui::pos2(rect.left() + 2.0, y),
        egui::pos2(rect.left() + rect.width() * 0.5, y),
    );
    assert_ne!(influence(&harness), start, "the drag changed the score");
    assert_one_undo_restores(&mut harness, influence, &start);
}

#[test]
fn new_with_unsaved_changes_asks_and_cancel_keeps_everything() {
    let mut harness = harness();
    harness.get_by_label("➕ Add stakeholder").click();
    harness.run();
    let count = stakeholder_count(&harness);

    press(&mut harness, CMD, Key::N);
    harness.get_by_label("Cement & concrete").click();
    harness.run();
    harness.get_by_label("Create").click();
    harness.run();
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::UnsavedChanges { .. })
    ));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(stakeholder_count(&harness), count);
    assert!(harness.state().document().is_dirty());

    // Again, and this time discard: a new cement workspace from its template.
    press(&mut harness, CMD, Key::N);
    harness.get_by_label("Cement & concrete").click();
    harness.run();
    harness.get_by_label("Create").click();
    harness.run();
    harness.get_by_label("Discard changes").click();
    harness.run();
    let ws = harness.state().document().workspace();
    assert_eq!(ws.sector, flywheel::model::Sector::Cement);
    assert!(ws.stakeholders.is_empty());
    assert!(!ws.roadmap.milestones.is_empty());
    harness.get_by_label_contains("No stakeholders yet");
}

#[test]
fn without_a_system_dialog_open_offers_a_path_field_and_reports_bad_files() {
    let mut harness = harness();
    let before = harness.state().document().workspace().clone();
    press(&mut harness, CMD, Key::O);
    match harness.state().dialog() {
        Some(Dialog::PathPrompt { reason, .. }) => {
            assert!(reason.contains("No system file dialog"), "{reason}");
        }
        other => panic!("expected the path field, got {other:?}"),
    }
    harness.get_by_label_contains("No system file dialog is available");

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(format_version: 1, title: ").unwrap();
    harness
        .get_by_label("File path")
        .type_text(&bad.display().to_string());
    harness.run();
    harness.get_by_label("Open").click();
    harness.run();
    // The error is shown where the path was typed; nothing was lost.
    harness.get_by_label_contains("ends too early");
    assert_eq!(harness.state().document().workspace(), &before);
}

#[test]
fn a_file_given_on_the_command_line_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shipping.ron");
    let ws = flywheel::assets::template(flywheel::model::Sector::Shipping).unwrap();
    flywheel::file::save(&ws, &path).unwrap();
    let harness = harness_with(Preferences::default(), Some(path.clone()));
    assert_eq!(harness.state().path(), Some(path.as_path()));
    assert_eq!(harness.state().document().workspace(), &ws);
    assert_eq!(harness.state().window_title(), "shipping.ron — Flywheel");
    assert_eq!(harness.state().preferences().recent_files[0], path);
}

#[test]
fn a_broken_file_on_the_command_line_shows_an_error_over_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, [0xFF, 0xFE, 0x00]).unwrap();
    let harness = harness_with(Preferences::default(), Some(path));
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::Error { .. })
    ));
    harness.get_by_label_contains("not UTF-8");
    assert!(harness.state().path().is_none());
    assert!(harness.state().document().workspace().stakeholders.len() >= 25);
}

#[test]
fn the_most_recent_file_reopens_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aviation.ron");
    let ws = flywheel::assets::template(flywheel::model::Sector::Aviation).unwrap();
    flywheel::file::save(&ws, &path).unwrap();
    let mut prefs = Preferences::default();
    prefs.remember(&path);
    let harness = harness_with(prefs, None);
    assert_eq!(harness.state().path(), Some(path.as_path()));
}

fn sent(harness: &Harness<'_, FlywheelApp>, command: &egui::ViewportCommand) -> bool {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(command))
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut harness = harness();
    harness.get_by_label("➕ Add stakeholder").click();
    harness.run();

    request_close(&mut harness);
    assert!(sent(&harness, &egui::ViewportCommand::CancelClose));
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::UnsavedChanges {
            then: flywheel::app::Then::Quit
        })
    ));
    harness.run();
    harness.get_by_label("Discard changes").click();
    let mut closed = false;
    for _ in 0..3 {
        harness.step();
        closed |= sent(&harness, &egui::ViewportCommand::Close);
    }
    assert!(closed, "the window closes once changes are discarded");
}

#[test]
fn closing_an_unchanged_workspace_does_not_ask() {
    let mut harness = harness();
    request_close(&mut harness);
    assert!(!sent(&harness, &egui::ViewportCommand::CancelClose));
    assert!(harness.state().dialog().is_none());
}

#[test]
fn a_file_dropped_on_the_window_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("aluminium.ron");
    let ws = flywheel::assets::template(flywheel::model::Sector::Aluminium).unwrap();
    flywheel::file::save(&ws, &path).unwrap();
    let mut harness = harness();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path.clone())));
    harness.run();
    assert_eq!(harness.state().path(), Some(path.as_path()));
    assert_eq!(
        harness.state().document().workspace().sector,
        flywheel::model::Sector::Aluminium
    );
}

fn select_tab(harness: &mut Harness<'_, FlywheelApp>, key: Key) {
    press(harness, CMD, key);
}

#[test]
fn ctrl_number_switches_tabs_in_order() {
    use flywheel::app::Tab;
    let mut harness = harness();
    for (key, tab) in [
        (Key::Num2, Tab::Stakeholders),
        (Key::Num3, Tab::InfluenceGrid),
        (Key::Num4, Tab::ValueChain),
        (Key::Num1, Tab::Overview),
    ] {
        select_tab(&mut harness, key);
        assert_eq!(harness.state().tab(), tab);
    }
    // The tabs are buttons too.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Influence & support")
        .click();
    harness.run();
    assert_eq!(harness.state().tab(), Tab::InfluenceGrid);
}

#[test]
fn the_table_filters_by_text_category_and_support() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num2);
    let total = harness.state().document().workspace().stakeholders.len();
    harness.get_by_label_contains(&format!("{total} of {total}"));

    harness
        .get_by_label("Filter stakeholders by text")
        .set_text_value_accesskit("bank");
    harness.run();
    let banks = harness
        .state()
        .document()
        .workspace()
        .stakeholders
        .iter()
        .filter(|s| {
            s.name.to_lowercase().contains("bank")
                || s.region.to_lowercase().contains("bank")
                || s.tags.iter().any(|t| t.contains("bank"))
        })
        .count();
    assert!(banks > 0);
    harness.get_by_label_contains(&format!("{banks} of {total}"));
    harness.get_by_label("Harbourline Bank");
    assert!(harness.query_by_label("Ironvale Steelworks").is_none());

    // Clear the text, filter to opposed stakeholders only.
    harness
        .get_by_label("Filter stakeholders by text")
        .set_text_value_accesskit("");
    harness.run();
    harness.get_by_label("Filter by support").click();
    harness.run();
    harness.get_by_label("Opposed (−1, −2)").click();
    harness.run();
    let opposed: Vec<String> = harness
        .state()
        .document()
        .workspace()
        .stakeholders
        .iter()
        .filter(|s| s.support < 0)
        .map(|s| s.name.clone())
        .collect();
    harness.get_by_label_contains(&format!("{} of {total}", opposed.len()));
    for name in &opposed {
        harness.get_by_label(name);
    }
}

#[test]
fn clicking_a_table_row_selects_it_everywhere() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num2);
    harness.get_by_label("Harbourline Bank").click();
    harness.run();
    let id = harness.state().selection().stakeholder.expect("selected");
    assert_eq!(
        harness
            .state()
            .document()
            .workspace()
            .stakeholder(id)
            .unwrap()
            .name,
        "Harbourline Bank"
    );
    // The inspector shows it.
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Name");
    // Keyboard: Down moves the selection to the next row.
    harness.key_press(Key::ArrowDown);
    harness.run();
    assert_ne!(harness.state().selection().stakeholder, Some(id));
}

#[test]
fn dragging_on_the_grid_rescores_and_undo_restores() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num3);
    let id = id_of(&harness, "Pellucid Home Appliances");
    let scores = |h: &Harness<'_, FlywheelApp>| {
        let s = workspace(h).stakeholder(id).unwrap();
        (s.support, s.influence)
    };
    let before = scores(&harness);
    let grid = harness.state().influence_grid();
    let from = grid.marker_position(id).expect("marker drawn");
    let to = grid.cell_center(2, 5).expect("grid drawn");
    drag(&mut harness, from, to);
    assert_eq!(scores(&harness), (2, 5));
    assert_one_undo_restores(&mut harness, scores, &before);
}

#[test]
fn linking_two_nodes_on_the_value_chain_map_and_undo() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num4);
    let ws = harness.state().document().workspace().clone();
    let bank = id_of(&harness, "Kestrelmoor Bank");
    let mill = id_of(&harness, "Qamar Bay Iron Company");
    assert!(
        !ws.relationships
            .iter()
            .any(|r| r.from == bank && r.to == mill)
    );
    let count = ws.relationships.len();

    harness.get_by_label("🔗 Link").click();
    harness.run();
    let map = harness.state().value_chain();
    let from = map.node_position(bank).expect("bank drawn");
    let to = map.node_position(mill).expect("mill drawn");
    drag(&mut harness, from, to);
    harness
        .get_by_label("Kestrelmoor Bank finances Qamar Bay Iron Company")
        .click();
    harness.run();
    let after = harness.state().document().workspace();
    assert_eq!(after.relationships.len(), count + 1);
    let added = after.relationships.last().unwrap();
    assert_eq!(
        (added.from, added.to, added.kind),
        (bank, mill, flywheel::model::RelationshipKind::Finances)
    );

    press(&mut harness, CMD, Key::Z);
    assert_eq!(
        harness.state().document().workspace().relationships.len(),
        count
    );
}

#[test]
fn moving_a_node_saves_its_position_as_one_step() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num4);
    let id = harness.state().document().workspace().stakeholders[0].id;
    let from = harness.state().value_chain().node_position(id).unwrap();
    let to = from + egui::vec2(40.0, 60.0);
    drag(&mut harness, from, to);
    assert!(
        harness.state().document().workspace().stakeholders[0]
            .map_position
            .is_some()
    );
    let drawn = harness.state().value_chain().node_position(id).unwrap();
    assert!(
        drawn.distance(to) < 2.0,
        "drawn where dropped: {drawn:?} vs {to:?}"
    );
    press(&mut harness, CMD, Key::Z);
    assert!(
        harness.state().document().workspace().stakeholders[0]
            .map_position
            .is_none()
    );
}

#[test]
fn auto_layout_places_everyone_in_one_undo_step() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num4);
    harness.get_by_label("⟲ Auto-layout").click();
    harness.run();
    let ws = harness.state().document().workspace();
    assert!(ws.stakeholders.iter().all(|s| s.map_position.is_some()));
    press(&mut harness, CMD, Key::Z);
    let ws = harness.state().document().workspace();
    assert!(ws.stakeholders.iter().all(|s| s.map_position.is_none()));
}

#[test]
fn a_relationship_can_be_edited_in_the_inspector() {
    let mut harness = harness();
    harness.get_by_label("Keelwater Motors").click();
    harness.run();
    harness
        .get_by_label("Edit relationship: Buys from Ironvale Steelworks")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Confidence")
        .click();
    harness.run();
    harness.get_by_label("Low").click();
    harness.run();
    let ws = harness.state().document().workspace();
    let keelwater = id_of(&harness, "Keelwater Motors");
    let r = ws
        .relationships
        .iter()
        .find(|r| r.from == keelwater && ws.stakeholder_name(r.to) == "Ironvale Steelworks")
        .unwrap();
    assert_eq!(r.confidence, flywheel::model::Confidence::Low);
}

/// The momentum series the tab shows now.
fn shown_series(harness: &mut Harness<'_, FlywheelApp>) -> flywheel::analysis::momentum::Momentum {
    harness
        .state_mut()
        .momentum_mut()
        .last_series()
        .expect("momentum shown")
        .clone()
}

fn total_active_at_end(harness: &mut Harness<'_, FlywheelApp>) -> f64 {
    let series = shown_series(harness);
    series
        .by_category
        .groups
        .iter()
        .map(|(_, values)| values.last().copied().unwrap_or_default())
        .sum()
}

#[test]
fn adding_a_commitment_in_the_register_moves_the_momentum_counts() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num7);
    let before = total_active_at_end(&mut harness);
    let commitments = harness.state().document().workspace().commitments.len();

    harness.get_by_label("Harbourline Bank").click();
    harness.run();
    select_tab(&mut harness, Key::Num5);
    harness
        .get_by_label("➕ Add commitment for Harbourline Bank")
        .click();
    harness.run();
    let ws = harness.state().document().workspace();
    assert_eq!(ws.commitments.len(), commitments + 1);
    let added = ws.commitments.last().unwrap();
    assert_eq!(ws.stakeholder_name(added.stakeholder), "Harbourline Bank");
    assert_eq!(added.made_on, app_today());
    // The new commitment is listed in the register and open in the inspector.
    assert_eq!(harness.state().selection().commitment, Some(added.id));
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Title");

    select_tab(&mut harness, Key::Num7);
    assert_eq!(total_active_at_end(&mut harness), before + 1.0);
    press(&mut harness, CMD, Key::Z);
    assert_eq!(total_active_at_end(&mut harness), before);
}

#[test]
fn clicking_a_white_space_cell_lists_its_stakeholders() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num8);
    harness
        .get_by_label_contains("Bank × Shared vision:")
        .click();
    harness.run();
    harness.get_by_label_contains("Bank at “Shared vision”");
    for name in ["Harbourline Bank", "Eurvale Export Credit Agency"] {
        // Once in the side list, once in the cell's list.
        assert_eq!(harness.get_all_by_label(name).count(), 2, "{name}");
    }
}

#[test]
fn momentum_data_exports_as_csv() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num7);
    harness.get_by_label("⬇ Export data as CSV…").click();
    harness.run();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("active.csv");
    enter_path(&mut harness, &path, "Export");
    let csv = std::fs::read_to_string(&path).expect("exported");
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("date,Industry,Supplier,Buyer")
    );
    assert!(lines.count() > 12, "one row per month");
    harness.get_by_label_contains("Exported");
}

#[test]
fn every_tab_draws_with_the_demo_and_with_an_empty_workspace() {
    // Every frame is checked by the harness for unnamed inputs and glyphs
    // the fonts lack, so visiting each tab checks its labels too.
    let mut harness = harness();
    for &tab in flywheel::app::Tab::ALL {
        harness
            .state_mut()
            .queue(flywheel::app::Command::ShowTab(tab));
        harness.run();
        assert_eq!(harness.state().tab(), tab);
    }
    harness
        .state_mut()
        .show_workspace(flywheel::model::Workspace::new(
            "Empty",
            flywheel::model::Sector::Other,
        ));
    for &tab in flywheel::app::Tab::ALL {
        harness
            .state_mut()
            .queue(flywheel::app::Command::ShowTab(tab));
        harness.run();
        assert_eq!(harness.state().tab(), tab);
    }
    // The side list says so, and so does the last tab, the flywheel.
    harness.get_by_label_contains("No stakeholders yet — add the first one");
    harness.get_by_label_contains("No stakeholders yet. The flywheel needs");
}

/// Whether the legend of the chart shown lists `name`: egui_plot gives
/// each series it drew a checkbox there.
fn legend_lists(harness: &Harness<'_, FlywheelApp>, name: &str) -> bool {
    harness
        .query_all_by_role_and_label(egui::accesskit::Role::CheckBox, name)
        .next()
        .is_some()
}

#[test]
fn momentum_charts_all_draw() {
    use flywheel::views::Chart;
    let mut harness = harness();
    select_tab(&mut harness, Key::Num7);
    let series = shown_series(&mut harness);
    let tipping = harness.state().document().workspace().tipping_point_percent;
    let labels = |stacked: &flywheel::analysis::momentum::Stacked| -> Vec<String> {
        stacked
            .groups
            .iter()
            .map(|(label, _)| label.clone())
            .collect()
    };
    let captions: Vec<String> = series
        .coverage
        .iter()
        .map(|c| format!("{}\n{:.0} %", c.category.label(), c.percent()))
        .chain([format!("Tipping point {tipping:.0} %")])
        .collect();
    for chart in Chart::ALL {
        harness.get_by_label(chart.label()).click();
        harness.run();
        // What the chart plots, as its legend or its captions name it.
        let (legend, painted): (Vec<String>, &[String]) = match chart {
            Chart::Active => (labels(&series.by_category), &[]),
            Chart::Stages => (labels(&series.stages), &[]),
            Chart::PerQuarter => (vec!["New commitments".into()], &[]),
            // The demo's first metric adds up: its pledges stacked by
            // status, and its targets.
            Chart::Pledged => (
                ["Achieved", "In progress", "Announced", "At risk", "Target"]
                    .map(String::from)
                    .to_vec(),
                &[],
            ),
            // No legend: each bar is captioned, and so is the tipping line.
            Chart::Coverage => (Vec::new(), &captions),
        };
        assert!(legend.len() + painted.len() > 0, "{chart:?} names nothing");
        for name in &legend {
            assert!(legend_lists(&harness, name), "{chart:?}: {name} not drawn");
        }
        // Only the chart shown is drawn.
        assert_eq!(
            legend_lists(&harness, "New commitments"),
            chart == Chart::PerQuarter,
            "{chart:?}"
        );
        let texts: Vec<&str> = painted_texts(&harness)
            .into_iter()
            .map(|text| text.galley.text())
            .collect();
        for caption in painted {
            assert!(
                texts.contains(&caption.as_str()),
                "{caption:?} not in {texts:?}"
            );
        }
        harness.get_by_label("⬇ Export data as CSV…");
    }
}

#[test]
fn the_command_palette_finds_and_runs_save_as() {
    let mut harness = harness();
    press(&mut harness, CMD, Key::K);
    assert!(harness.state().is_palette_open());
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Find a command")
        .type_text("save as");
    harness.run();
    // The best match is listed first, with its shortcut.
    harness.get_by_label_contains("Save As…");
    harness.key_press(Key::Enter);
    harness.run();
    harness.run();
    assert!(!harness.state().is_palette_open());
    // Save As with no system dialog asks for a path, suggesting the title.
    match harness.state().dialog() {
        Some(Dialog::PathPrompt { purpose, .. }) => assert!(
            matches!(purpose, flywheel::app::Purpose::SaveAs { .. }),
            "{purpose:?}"
        ),
        other => panic!("expected the Save As prompt, got {other:?}"),
    }
}

#[test]
fn the_command_palette_closes_with_escape_and_runs_nothing() {
    let mut harness = harness();
    press(&mut harness, CMD, Key::K);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Find a command")
        .type_text("delete stakeholder");
    harness.run();
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().is_palette_open());
    assert!(harness.state().dialog().is_none());
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn shortcuts_are_queued_and_run_once_per_press() {
    let mut harness = harness();
    let before = stakeholder_count(&harness);
    // Cmd+Shift+N adds a stakeholder; Cmd+Shift+S is Save As, never Save.
    press(&mut harness, CMD_SHIFT, Key::N);
    assert_eq!(stakeholder_count(&harness), before + 1);
    press(&mut harness, CMD_SHIFT, Key::S);
    assert!(matches!(
        harness.state().dialog(),
        Some(Dialog::PathPrompt {
            purpose: flywheel::app::Purpose::SaveAs { .. },
            ..
        })
    ));
}

/// Exports the shown momentum chart's data through the export dialog and
/// returns the file's text.
fn export_momentum_csv(harness: &mut Harness<'_, FlywheelApp>, dir: &std::path::Path) -> String {
    harness.get_by_label("⬇ Export data as CSV…").click();
    harness.run();
    let path = dir.join("chart.csv");
    enter_path(harness, &path, "Export");
    std::fs::read_to_string(&path).expect("exported")
}

#[test]
fn momentum_csv_holds_the_numbers_of_the_chart_shown() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num7);
    let dir = tempfile::tempdir().unwrap();
    let series = shown_series(&mut harness);

    // Active commitments by category: a row per date, a column per category
    // and the total.
    let active = export_momentum_csv(&mut harness, dir.path());
    let stacked = &series.by_category;
    let mut expected = String::from("date");
    for (label, _) in &stacked.groups {
        expected.push_str(&format!(",{label}"));
    }
    expected.push_str(",total\n");
    for (i, date) in stacked.dates.iter().enumerate() {
        expected.push_str(&date.to_string());
        let mut total = 0.0;
        for (_, values) in &stacked.groups {
            expected.push_str(&format!(",{}", values[i]));
            total += values[i];
        }
        expected.push_str(&format!(",{total}\n"));
    }
    assert_eq!(active, expected);

    // New commitments per quarter, labelled as on the chart.
    harness.get_by_label("New per quarter").click();
    harness.run();
    let quarters = export_momentum_csv(&mut harness, dir.path());
    let mut expected = String::from("quarter,new commitments\n");
    for (quarter, count) in &series.per_quarter {
        expected.push_str(&format!(
            "{} Q{},{count}\n",
            chrono::Datelike::year(quarter),
            chrono::Datelike::month0(quarter) / 3 + 1
        ));
    }
    assert_eq!(quarters, expected);
    assert!(quarters.contains("2019 Q2,2\n"), "{quarters}");
}

// Undo and delete while a marker is held on the grid or the map. Views keep
// the dragged stakeholder across frames; the document may change under it.

/// The two tabs where stakeholders are dragged: the grid and the map.
const DRAG_TABS: [Key; 2] = [Key::Num3, Key::Num4];

/// Where `id` was drawn on the tab `tab` (one of [`DRAG_TABS`]).
fn drawn_at(
    harness: &Harness<'_, FlywheelApp>,
    tab: Key,
    id: flywheel::model::StakeholderId,
) -> Option<egui::Pos2> {
    if tab == Key::Num3 {
        harness.state().influence_grid().marker_position(id)
    } else {
        harness.state().value_chain().node_position(id)
    }
}

/// Presses on `from` and moves a little, so the drag has started.
fn start_drag(harness: &mut Harness<'_, FlywheelApp>, from: egui::Pos2) {
    harness.drag_at(from);
    harness.run();
    harness.hover_at(from + egui::vec2(12.0, 12.0));
    harness.run();
}

/// Moves on to `to` and releases there.
fn finish_drag(harness: &mut Harness<'_, FlywheelApp>, to: egui::Pos2) {
    harness.hover_at(to);
    harness.run();
    harness.drop_at(to);
    harness.run();
    harness.run();
}

/// Deletes the selected stakeholder as the menu does. The drag tests run a
/// command only here, so this is the one place to change when commands are
/// queued.
fn delete_selected_stakeholder(harness: &mut Harness<'_, FlywheelApp>) {
    harness
        .state_mut()
        .queue(flywheel::app::Command::DeleteStakeholder);
    harness.run();
}

/// Undoes until the document is back to its saved state (at most ten
/// times); returns how many undo steps that took.
fn undo_until_clean(harness: &mut Harness<'_, FlywheelApp>) -> usize {
    let mut count = 0;
    while harness.state().document().is_dirty() && count < 10 {
        press(harness, CMD, Key::Z);
        count += 1;
    }
    count
}

#[test]
fn undo_during_a_grid_drag_undoes_the_earlier_step_and_the_drop_is_one_more() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num3);
    let before = harness.state().document().workspace().clone();
    let first = id_of(&harness, "Pellucid Home Appliances");
    let last = before.stakeholders.last().unwrap().clone();
    let grid = harness.state().influence_grid();
    let from = grid.marker_position(first).expect("marker drawn");
    let to = grid.cell_center(2, 5).expect("grid drawn");
    drag(&mut harness, from, to);

    let target = if (last.support, last.influence) == (-2, 1) {
        (2, 1)
    } else {
        (-2, 1)
    };
    let from = harness.state().influence_grid().marker_position(last.id);
    start_drag(&mut harness, from.expect("last marker drawn"));
    press(&mut harness, CMD, Key::Z);
    let to = harness
        .state()
        .influence_grid()
        .cell_center(target.0, target.1);
    finish_drag(&mut harness, to.expect("grid drawn"));

    let ws = harness.state().document().workspace();
    let first_now = ws.stakeholder(first).unwrap();
    let first_before = before.stakeholder(first).unwrap();
    assert_eq!(
        (first_now.support, first_now.influence),
        (first_before.support, first_before.influence),
        "the earlier rescore is undone"
    );
    let last_now = ws.stakeholder(last.id).unwrap();
    assert_eq!((last_now.support, last_now.influence), target);
    assert_eq!(undo_until_clean(&mut harness), 1, "the drop is one step");
    assert_eq!(harness.state().document().workspace(), &before);
}

#[test]
fn undo_during_a_map_drag_undoes_the_earlier_move_and_the_drop_is_one_more() {
    let mut harness = harness();
    select_tab(&mut harness, Key::Num4);
    let before = harness.state().document().workspace().clone();
    let first = before.stakeholders[0].id;
    let last = before.stakeholders.last().unwrap().id;
    let from = harness.state().value_chain().node_position(first).unwrap();
    drag(&mut harness, from, from + egui::vec2(40.0, 60.0));

    let from = harness.state().value_chain().node_position(last).unwrap();
    start_drag(&mut harness, from);
    press(&mut harness, CMD, Key::Z);
    finish_drag(&mut harness, from + egui::vec2(-50.0, 30.0));

    let ws = harness.state().document().workspace();
    assert!(ws.stakeholder(first).unwrap().map_position.is_none());
    assert!(ws.stakeholder(last).unwrap().map_position.is_some());
    assert_eq!(undo_until_clean(&mut harness), 1, "the drop is one step");
    assert_eq!(harness.state().document().workspace(), &before);
}

#[test]
fn undoing_the_creation_of_the_dragged_stakeholder_ends_the_drag() {
    for tab in DRAG_TABS {
        let mut harness = harness();
        select_tab(&mut harness, tab);
        let before = harness.state().document().workspace().clone();
        press(&mut harness, CMD_SHIFT, Key::N);
        let added = harness
            .state()
            .document()
            .workspace()
            .stakeholders
            .last()
            .unwrap()
            .id;
        let from = drawn_at(&harness, tab, added).expect("new stakeholder drawn");
        start_drag(&mut harness, from);
        press(&mut harness, CMD, Key::Z);
        assert_eq!(harness.state().document().workspace(), &before);
        finish_drag(&mut harness, from + egui::vec2(60.0, 40.0));
        assert_eq!(harness.state().document().workspace(), &before, "{tab:?}");
        assert!(!harness.state().document().is_dirty(), "{tab:?}");
    }
}

#[test]
fn undoing_the_only_stakeholder_during_a_drag() {
    for tab in DRAG_TABS {
        let mut harness = harness();
        harness
            .state_mut()
            .show_workspace(flywheel::model::Workspace::new(
                "Empty",
                flywheel::model::Sector::Other,
            ));
        harness.run();
        select_tab(&mut harness, tab);
        press(&mut harness, CMD_SHIFT, Key::N);
        let added = harness.state().document().workspace().stakeholders[0].id;
        let from = drawn_at(&harness, tab, added).expect("new stakeholder drawn");
        start_drag(&mut harness, from);
        if tab == Key::Num4 {
            let held = drawn_at(&harness, tab, added);
            assert_eq!(
                held,
                Some(from + egui::vec2(12.0, 12.0)),
                "follows the pointer"
            );
        }
        press(&mut harness, CMD, Key::Z);
        assert_eq!(stakeholder_count(&harness), 0, "{tab:?}");
        finish_drag(&mut harness, from + egui::vec2(60.0, 40.0));
        assert_eq!(stakeholder_count(&harness), 0, "{tab:?}");
        assert!(!harness.state().document().is_dirty(), "{tab:?}");

        // Brought back, it is drawn where it belongs, not under the pointer.
        press(&mut harness, CMD_SHIFT, Key::Z);
        harness.run();
        assert_eq!(drawn_at(&harness, tab, added), Some(from), "{tab:?}");
    }
}

#[test]
fn deleting_the_last_stakeholder_during_a_drag() {
    for tab in DRAG_TABS {
        let mut harness = harness();
        select_tab(&mut harness, tab);
        let before = harness.state().document().workspace().clone();
        let last = before.stakeholders.last().unwrap().id;
        let from = drawn_at(&harness, tab, last).expect("last stakeholder drawn");
        start_drag(&mut harness, from);
        assert_eq!(harness.state().selection().stakeholder, Some(last));
        delete_selected_stakeholder(&mut harness);
        assert!(
            harness
                .state()
                .document()
                .workspace()
                .stakeholder(last)
                .is_none()
        );
        finish_drag(&mut harness, from + egui::vec2(-60.0, 40.0));
        assert_eq!(
            undo_until_clean(&mut harness),
            1,
            "{tab:?}: only the delete"
        );
        assert_eq!(harness.state().document().workspace(), &before, "{tab:?}");
    }
}

#[test]
fn since_opens_on_the_last_three_months_of_data_that_ends_in_the_past() {
    use flywheel::model::{Category, Commitment, CommitmentKind, Sector, Stakeholder, Workspace};
    let mut harness = harness();
    let mut ws = Workspace::new("Old data", Sector::Cement);
    let kiln = Stakeholder::new("Kiln Co", Category::Industry);
    ws.commitments.push(Commitment::new(
        kiln.id,
        CommitmentKind::Project,
        "CCS pilot",
        day(2020, 5, 1),
    ));
    ws.commitments.push(Commitment::new(
        kiln.id,
        CommitmentKind::InterimTarget,
        "Earlier target",
        day(2019, 1, 1),
    ));
    ws.stakeholders.push(kiln);
    harness.state_mut().show_workspace(ws);
    harness.run();
    select_tab(&mut harness, Key::Num9);
    // Three months before 2020-05-01: the pilot is new, the 2019 target not.
    harness.get_by_label_contains("New commitments (1)");
    harness.get_by_label_contains("CCS pilot");
    assert!(harness.query_by_label_contains("Earlier target").is_none());
}

/// The kind of the demo's metric called `name`.
fn metric_kind(harness: &Harness<'_, FlywheelApp>, name: &str) -> flywheel::model::MetricKind {
    let ws = harness.state().document().workspace();
    ws.roadmap
        .metrics
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no metric {name}"))
        .kind
}

#[test]
fn a_metric_switches_between_additive_and_rate_in_one_undo_step() {
    use flywheel::model::MetricKind;
    let mut harness = harness();
    select_tab(&mut harness, Key::Num6);
    let before = harness.state().document().workspace().clone();
    assert_eq!(metric_kind(&harness, "Scrap share"), MetricKind::Rate);
    // Each firm's own rate, never summed: one firm by 2025 (95 %), then
    // three (35, 90 and 95 %) at each milestone from 2030 to 2050.
    harness.get_by_label_contains("1 stakeholder pledges · median 95 % · no target");
    assert_eq!(
        harness
            .get_all_by_label_contains("3 stakeholders pledge · median 90 % · no target")
            .count(),
        5
    );

    // The editor is below the cards: scroll to it, open it, pick "Add up".
    for label in [
        "Edit the roadmap: metrics, milestones and targets",
        "How pledges to Scrap share combine",
    ] {
        harness.get_by_label(label).scroll_to_me();
        harness.run();
        harness.get_by_label(label).click();
        harness.run();
    }
    harness.get_by_label("Add up").click();
    harness.run();
    assert_eq!(metric_kind(&harness, "Scrap share"), MetricKind::Additive);
    assert!(harness.state().document().is_dirty());
    let ws = harness.state().document().workspace();
    let mut expected = before.clone();
    for metric in &mut expected.roadmap.metrics {
        if metric.name == "Scrap share" {
            metric.kind = MetricKind::Additive;
        }
    }
    assert_eq!(ws, &expected, "only the metric's kind changed");

    assert_one_undo_restores(&mut harness, |h| workspace(h).clone(), &before);
}

/// Scrolls the widget into view, then clicks it.
fn scroll_and_click(
    harness: &mut Harness<'_, FlywheelApp>,
    role: egui::accesskit::Role,
    label: &str,
) {
    harness.get_by_role_and_label(role, label).scroll_to_me();
    harness.run();
    harness.get_by_role_and_label(role, label).click();
    harness.run();
}

/// Puts the cursor in the text field `label`, selects all and types `text`.
fn retype(harness: &mut Harness<'_, FlywheelApp>, label: &str, text: &str) {
    scroll_and_click(harness, egui::accesskit::Role::TextInput, label);
    harness.run();
    press(harness, CMD, Key::A);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, label)
        .type_text(text);
    harness.run();
}

/// Retypes the field `label` as [`retype`] does, then presses Escape to
/// leave it.
fn retype_and_leave(harness: &mut Harness<'_, FlywheelApp>, label: &str, text: &str) {
    retype(harness, label, text);
    harness.key_press(Key::Escape);
    harness.run();
}

#[test]
fn a_stage_history_entry_is_edited_in_the_inspector_and_undone_in_one_step() {
    let mut harness = harness();
    harness.get_by_label("Keelwater Motors").click();
    harness.run();
    let id = id_of(&harness, "Keelwater Motors");
    let stages =
        |h: &Harness<'_, FlywheelApp>| workspace(h).stakeholder(id).unwrap().stage_history.clone();
    let before = stages(&harness);
    assert_eq!(before[1].date, day(2021, 11, 8));
    harness.get_by_label("Stage history (3)").click();
    harness.run();

    // After the next entry: refused, with the reason shown, nothing changed.
    retype(&mut harness, "Stage 2 date", "2024-01-01");
    harness.get_by_label(
        "the stage “Implementing” of 2023-03-14 is dated before the stage “Committed” \
         of 2024-01-01, which comes first: keep the dates in order",
    );
    assert_eq!(stages(&harness), before);

    // Between its neighbours: kept.
    retype(&mut harness, "Stage 2 date", "2021-06-01");
    let after = stages(&harness);
    assert_eq!(after[1].date, day(2021, 6, 1));
    assert_eq!(after.len(), 3);
    harness.key_press(Key::Escape);
    harness.run();

    // One undo brings back the recorded date.
    assert_one_undo_restores(&mut harness, stages, &before);
}

#[test]
fn a_status_change_is_back_dated_with_the_changed_on_field_and_undone() {
    let mut harness = harness();
    let id = open_keelwater_interim_target(&mut harness);
    let statuses = |harness: &Harness<'_, FlywheelApp>| status_history(harness, id);
    let before = statuses(&harness);

    // Today (2026-11-22) is the default date.
    let field =
        harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Status changed on");
    assert_eq!(field.value().as_deref(), Some("2026-11-22"));
    retype_and_leave(&mut harness, "Status changed on", "2024-01-15");
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "Status")
        .click();
    harness.run();
    harness.get_by_label("At risk").click();
    harness.run();

    let after = statuses(&harness);
    assert_eq!(after.len(), before.len() + 1);
    let last = after.last().unwrap();
    assert_eq!(last.date, day(2024, 1, 15));
    assert_eq!(last.status, flywheel::model::CommitmentStatus::AtRisk);
    assert_one_undo_restores(&mut harness, statuses, &before);
}

#[test]
fn the_date_made_moves_the_first_status_or_is_refused_inline() {
    let mut harness = harness();
    let id = open_keelwater_interim_target(&mut harness);
    let commitment = |h: &Harness<'_, FlywheelApp>| workspace(h).commitment(id).unwrap().clone();
    let before = commitment(&harness);
    assert_eq!(before.made_on, day(2020, 11, 5));

    // Later than the "In progress" of 2022-01-15: refused, saying why.
    retype(&mut harness, "Made on", "2023-01-01");
    harness.get_by_label(
        "the status “In progress” of 2022-01-15 is before the new date made 2023-01-01",
    );
    assert_eq!(commitment(&harness), before);

    // Earlier: the first status, dated on the old date made, moves along.
    retype_and_leave(&mut harness, "Made on", "2020-10-01");
    let after = commitment(&harness);
    assert_eq!(after.made_on, day(2020, 10, 1));
    assert_eq!(after.status_history[0].date, day(2020, 10, 1));
    assert_eq!(after.status_history[1].date, day(2022, 1, 15));
    assert_one_undo_restores(&mut harness, commitment, &before);
}

#[test]
fn a_status_entry_is_added_and_deleted_in_the_status_history() {
    let mut harness = harness();
    let id = open_keelwater_interim_target(&mut harness);
    let statuses = |harness: &Harness<'_, FlywheelApp>| status_history(harness, id);
    let before = statuses(&harness);
    scroll_and_click(
        &mut harness,
        egui::accesskit::Role::DisclosureTriangle,
        "Status history (2)",
    );

    // Dated between the two entries: it goes between them.
    retype_and_leave(&mut harness, "New status date", "2021-05-05");
    scroll_and_click(&mut harness, egui::accesskit::Role::ComboBox, "New status");
    harness.get_by_label("At risk").click();
    harness.run();
    scroll_and_click(&mut harness, egui::accesskit::Role::Button, "➕ Add status");
    let added = statuses(&harness);
    assert_eq!(added.len(), 3);
    assert_eq!(added[1].date, day(2021, 5, 5));
    assert_eq!(added[1].status, flywheel::model::CommitmentStatus::AtRisk);

    scroll_and_click(
        &mut harness,
        egui::accesskit::Role::Button,
        "Delete status 2",
    );
    assert_eq!(statuses(&harness), before);

    // Each was one step.
    press(&mut harness, CMD, Key::Z);
    assert_eq!(statuses(&harness), added);
    assert_one_undo_restores(&mut harness, statuses, &before);
}

/// The status history of commitment `id` as the document has it now.
fn status_history(
    harness: &Harness<'_, FlywheelApp>,
    id: flywheel::model::CommitmentId,
) -> Vec<flywheel::model::StatusChange> {
    let c = workspace(harness).commitment(id).expect("the commitment");
    c.status_history.clone()
}

/// Review finding (branch review-jobs; older than the job runner): Save in
/// the "Save changes?" question of a workspace never saved asks where
/// (Save As) and keeps what was to follow (here: a new cement workspace)
/// in `after_save`. Closing the path prompt without saving leaves it there
/// (only a system dialog's Cancel clears it), so the next ordinary Save As,
/// much later, carries it out: the saved workspace is replaced by an empty
/// new one the user asked for long ago and then cancelled.
#[test]
fn a_cancelled_save_before_new_does_not_come_back_at_the_next_save_as() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    harness.get_by_label("➕ Add stakeholder").click();
    harness.run();
    let count = stakeholder_count(&harness);

    press(&mut harness, CMD, Key::N);
    harness.get_by_label("Cement & concrete").click();
    harness.run();
    harness.get_by_label("Create").click();
    harness.run();
    harness.get_by_label("Save").click();
    crate::support::settle(&mut harness);
    // The demo has no file: Save asks where. The user changes their mind.
    harness.get_by_label("File path");
    harness.get_by_label("Cancel").click();
    crate::support::settle(&mut harness);
    assert_eq!(stakeholder_count(&harness), count, "still the demo");

    // Later, an ordinary Save As.
    press(&mut harness, CMD_SHIFT, Key::S);
    enter_path(&mut harness, &dir.path().join("kept.ron"), "Save");
    let ws = harness.state().document().workspace();
    assert_eq!(
        ws.sector,
        flywheel::model::Sector::IronSteel,
        "Save As went on to the new workspace cancelled long before"
    );
    assert_eq!(stakeholder_count(&harness), count);
}
