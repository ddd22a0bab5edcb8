//! The Flywheel tab: demand, supply, finance and policy, the bottleneck,
//! who can push it next.

use crate::support::{harness, press, settle};
use egui_kittest::kittest::Queryable;
use flywheel::app::{Command, Tab};
use flywheel::model::{Sector, Workspace};

#[test]
fn the_tab_names_the_bottleneck_and_a_click_opens_who_can_push_it() {
    let mut harness = harness();
    // Without the side list, which names everyone too.
    harness.state_mut().queue(Command::ToggleStakeholderList);
    harness.state_mut().queue(Command::ShowTab(Tab::Flywheel));
    settle(&mut harness);
    assert_eq!(harness.state().tab(), Tab::Flywheel);
    // On the demo, supply is furthest from its 2030 target.
    harness.get_by_label_contains("Supply is the bottleneck: 14 % of the 2030 target");
    harness.get_by_label("Who can push supply next");
    // The most influential industry stakeholder without a project.
    let first = "Harrowgate Integrated Steel";
    harness.get_by_label(first).scroll_to_me();
    harness.run();
    harness.get_by_label(first).click();
    settle(&mut harness);
    let ws = harness.state().document().workspace();
    let selected = harness.state().selection().stakeholder.expect("selected");
    assert_eq!(ws.stakeholder(selected).unwrap().name, first);
}

#[test]
fn on_an_empty_workspace_the_tab_says_what_to_enter() {
    let mut harness = harness();
    harness
        .state_mut()
        .show_workspace(Workspace::new("Empty", Sector::Cement));
    harness.state_mut().queue(Command::ShowTab(Tab::Flywheel));
    settle(&mut harness);
    harness.get_by_label_contains("No stakeholders yet. The flywheel needs buyers (demand)");
}

#[test]
fn the_flywheel_is_a_slide_and_names_no_one_when_anonymised() {
    let mut harness = harness();
    press(&mut harness, egui::Modifiers::NONE, egui::Key::F5);
    for _ in 0..4 {
        press(&mut harness, egui::Modifiers::NONE, egui::Key::ArrowRight);
    }
    assert_eq!(
        harness.state().presented_slide(),
        Some(flywheel::model::Slide::Flywheel)
    );
    harness.get_by_label_contains("is the bottleneck");
    harness.get_by_label("Anonymise names").click();
    harness.run();
    assert!(
        harness
            .query_by_label("Harrowgate Integrated Steel")
            .is_none()
    );
    let anonymous = |label: &str| {
        label
            .strip_prefix("Industry ")
            .is_some_and(|letter| letter.chars().all(|c| c.is_ascii_uppercase()))
    };
    assert!(
        harness
            .query_all(
                egui_kittest::kittest::By::new()
                    .predicate(move |node| { node.label().is_some_and(|l| anonymous(&l)) })
            )
            .next()
            .is_some(),
        "candidates by their anonymous names"
    );
}
