//! Importing, exporting and sharing through the app's own commands, as a
//! facilitator would: the import preview (confirm, cancel, undo), the
//! spreadsheet exports, and the share copy. rfd is never called: paths are
//! typed into the app's path prompt.

use std::path::Path;

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use flywheel::FlywheelApp;
use flywheel::app::Command;

use crate::support::{
    CMD, DroppedPath, app_today, enter_path, harness, harness_with, has_stakeholder, press,
    stakeholder_count,
};

/// Whether some text on screen reads exactly `text` (a label's text is
/// its accessible value).
fn shows(harness: &Harness<'_, FlywheelApp>, text: &str) -> bool {
    harness.query_all_by_value(text).next().is_some()
}

/// Frames until the import preview shows its plan (it is worked out on
/// another thread).
fn wait_for_preview(harness: &mut Harness<'_, FlywheelApp>) {
    for _ in 0..500 {
        harness.run();
        if harness.query_by_label("Import").is_some() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the import preview never showed its plan");
}

/// Ctrl+I, then the file's path typed into the prompt.
fn start_import(harness: &mut Harness<'_, FlywheelApp>, path: &Path) {
    press(harness, CMD, Key::I);
    enter_path(harness, path, "Import");
    wait_for_preview(harness);
}

/// A member list with two new members, one the demo already has (with
/// another region: a conflict), and one with a category nobody knows.
fn member_list(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("members.csv");
    let csv = "\u{feff}name,category,region,influence,support,notes\r\n\
        \"Nordlys Shipping, AS\",buyer,Norway,3,1,\"Joined after the Oslo workshop\"\r\n\
        中国宝武钢铁集团,Industry,China,5,0,\r\n\
        Ironvale Steelworks,industry,Atlantis,4,1,\r\n\
        Bad Bank,bankk,UK,3,0,\r\n";
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn an_import_is_previewed_then_confirmed_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = member_list(dir.path());
    let mut harness = harness();
    let before = stakeholder_count(&harness);
    start_import(&mut harness, &path);

    // The preview says what will happen, and nothing has happened yet.
    assert!(shows(
        &harness,
        "Will create 2 stakeholders · 1 conflict · 1 row skipped"
    ));
    harness.get_by_label("Skipped rows (1)");
    let file = path.display();
    assert!(shows(
        &harness,
        &format!(
            "{file}: row 4 (line 5): category \"bankk\" is not one of: industry, supplier, \
         buyer, bank, investor, government, civil_society, service_provider"
        )
    ));
    assert!(shows(
        &harness,
        &format!("{file}: row 3 (line 4): stakeholder “Ironvale Steelworks”")
    ));
    assert_eq!(stakeholder_count(&harness), before);
    assert!(!harness.state().document().is_dirty());

    // The conflict is settled by taking the imported region.
    harness.get_by_label("Take all imported").click();
    harness.run();
    harness.get_by_label("Import").click();
    harness.run();
    assert_eq!(stakeholder_count(&harness), before + 2);
    assert!(has_stakeholder(&harness, "Nordlys Shipping, AS"));
    assert!(has_stakeholder(&harness, "中国宝武钢铁集团"));
    let ws = harness.state().document().workspace();
    let ironvale = ws
        .stakeholders
        .iter()
        .find(|s| s.name == "Ironvale Steelworks")
        .unwrap();
    assert_eq!(ironvale.region, "Atlantis");
    assert!(harness.state().document().is_dirty());

    // One undo takes the whole import back.
    press(&mut harness, CMD, Key::Z);
    assert_eq!(stakeholder_count(&harness), before);
    assert!(!has_stakeholder(&harness, "Nordlys Shipping, AS"));
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn cancelling_the_import_preview_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = member_list(dir.path());
    let mut harness = harness();
    let before = harness.state().document().workspace().clone();
    start_import(&mut harness, &path);
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Import").is_none(), "preview closed");
    assert_eq!(*harness.state().document().workspace(), before);
    assert!(harness.state().document().undo_label().is_none());
}

#[test]
fn a_file_with_an_unknown_column_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("members.csv");
    std::fs::write(
        &path,
        "name,category,region,influence,support,notes,shoe size\nA,buyer,,3,0,,42\n",
    )
    .unwrap();
    let mut harness = harness();
    let before = stakeholder_count(&harness);
    press(&mut harness, CMD, Key::I);
    enter_path(&mut harness, &path, "Import");
    for _ in 0..200 {
        harness.run();
        if shows(&harness, "Nothing was changed.") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        harness
            .query_all_by_role(egui::accesskit::Role::Label)
            .any(|node| format!("{node:?}").contains("“shoe size”")),
        "the unknown column is named"
    );
    assert!(shows(&harness, "Nothing was changed."));
    harness.get_by_label("Close").click();
    harness.run();
    assert_eq!(stakeholder_count(&harness), before);
}

#[test]
fn a_share_copy_is_saved_without_changing_the_workspace_and_opens_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("steel-share.ron");
    let mut harness = harness();
    let original = harness.state().document().workspace().clone();
    let secret = "shared under NDA";
    assert!(
        flywheel::file::to_text(&original).unwrap().contains(secret),
        "the demo has a confidential note to leave out"
    );

    harness.state_mut().queue(Command::SaveShareCopy);
    harness.run();
    assert!(shows(&harness, "•  Every stakeholder's contacts."));
    harness.get_by_label("Choose file…").click();
    harness.run();
    enter_path(&mut harness, &path, "Save");

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains(secret), "confidential notes are left out");
    assert!(text.contains("share:"), "the copy is marked as one");
    assert_eq!(*harness.state().document().workspace(), original);
    assert!(harness.state().path().is_none(), "still the demo");

    // Opened, it says what it is.
    let mut copy = harness_with(Default::default(), Some(path));
    copy.run();
    assert!(shows(&copy, "Share copy"));
    assert!(copy.state().window_title().contains("(share copy)"));
}

#[test]
fn spreadsheets_export_to_csv_files_and_an_excel_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    harness.state_mut().queue(Command::ExportCsv);
    harness.run();
    enter_path(&mut harness, dir.path(), "Export");
    for name in ["stakeholders.csv", "commitments.csv", "relationships.csv"] {
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        assert!(
            bytes.starts_with(b"\xef\xbb\xbf"),
            "{name} has a BOM for Excel"
        );
    }

    let workbook = dir.path().join("steel");
    harness.state_mut().queue(Command::ExportSpreadsheet);
    harness.run();
    enter_path(&mut harness, &workbook, "Export");
    let bytes = std::fs::read(dir.path().join("steel.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK"), "an .xlsx is a zip file");
}

#[test]
fn a_spreadsheet_dropped_on_the_window_opens_the_import_preview() {
    let dir = tempfile::tempdir().unwrap();
    let path = member_list(dir.path());
    let mut harness = harness();
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(path)));
    wait_for_preview(&mut harness);
    assert!(shows(
        &harness,
        "Will create 2 stakeholders · 1 conflict · 1 row skipped"
    ));
    assert!(harness.state().path().is_none(), "the demo is still open");
}

#[test]
fn the_report_is_exported_shared_by_default_or_internal_when_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness();
    // A confidential commitment of the demo.
    let secret = "15-year green hydrogen purchase from Saltfen";

    harness.state_mut().queue(Command::ExportReport);
    harness.run();
    harness.get_by_label("Choose file…").click();
    harness.run();
    enter_path(&mut harness, &dir.path().join("steel"), "Export");
    let shared = std::fs::read_to_string(dir.path().join("steel.html")).unwrap();
    assert!(shared.contains("<html"));
    assert!(!shared.contains(secret), "built from the share copy");

    harness.state_mut().queue(Command::ExportReport);
    harness.run();
    harness
        .get_by_label("Internal: includes confidential data, and says so at the top")
        .click();
    harness.run();
    harness.get_by_label("Choose file…").click();
    harness.run();
    enter_path(&mut harness, &dir.path().join("internal.html"), "Export");
    let internal = std::fs::read_to_string(dir.path().join("internal.html")).unwrap();
    assert!(internal.contains(secret));
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn a_share_copy_without_scores_hides_them_instead_of_showing_placeholders() {
    let mut harness = harness();
    let ws = harness.state().document().workspace().clone();
    let options = flywheel::exchange::share::ShareOptions {
        without_scores: true,
    };
    let copy = flywheel::exchange::share::share_copy(&ws, &options, app_today());
    harness.state_mut().show_workspace(copy);
    harness.run();
    assert!(shows(&harness, "Share copy"));
    harness
        .state_mut()
        .queue(Command::ShowTab(flywheel::app::Tab::InfluenceGrid));
    harness.run();
    assert!(shows(&harness, "This share copy has no scores"));
    harness
        .state_mut()
        .queue(Command::ShowTab(flywheel::app::Tab::Stakeholders));
    harness.run();
    assert!(shows(&harness, "–"), "scores read as a dash in the table");
}
