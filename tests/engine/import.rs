//! The spreadsheet import on hand-written fixtures (tests/import_fixtures):
//! parsing, value mapping, matching, conflicts, duplicates, warnings and
//! the report's locations.

use flywheel::assets;
use flywheel::exchange::import::{
    ImportError, ImportPlan, Progress, Record, Resolution, Table, TableKind, plan, read_bytes,
    read_path,
};
use flywheel::model::{
    Category, CommitmentStatus, Confidence, EngagementStage, Sector, Workspace, validate,
};

use crate::support::{day, import_fixture, today};

fn base() -> Workspace {
    assets::template(Sector::IronSteel).unwrap()
}

fn read(names: &[&str]) -> Vec<Table> {
    names
        .iter()
        .flat_map(|n| read_path(&import_fixture(n), None).unwrap())
        .collect()
}

fn plan_of(ws: &Workspace, tables: &[Table]) -> ImportPlan {
    plan(ws, tables, today(), &Progress::default()).unwrap()
}

fn all_fixtures() -> (ImportPlan, Workspace) {
    let base = base();
    let plan = plan_of(
        &base,
        &read(&["commitments.csv", "relationships.csv", "members.csv"]),
    );
    let ws = plan.apply(&base, &[]);
    assert_eq!(validate(&ws), Ok(()));
    (plan, ws)
}

fn skipped(plan: &ImportPlan) -> Vec<String> {
    plan.skipped
        .iter()
        .map(|s| format!("{}: {}", s.location, s.reason))
        .collect()
}

fn has(lines: &[String], wanted: &str) -> bool {
    lines.iter().any(|l| l.contains(wanted))
}

#[test]
fn stakeholders_parse_with_bom_crlf_quotes_and_any_script() {
    let (plan, ws) = all_fixtures();
    let names: Vec<&str> = ws.stakeholders.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Keelwater Steel",
            "中国宝武钢铁集团",
            "Ørsted",
            "Nordbank",
            "EDF",
            "ÉDF",
            "Civil Org"
        ]
    );
    let keel = &ws.stakeholders[0];
    assert_eq!(keel.notes, "Met twice, \"keen\" on DRI");
    assert_eq!(keel.tags, ["green steel", "DRI"]);
    assert_eq!(keel.stage_history.len(), 2);
    assert_eq!(keel.stage(), EngagementStage::Committed);
    assert_eq!(ws.stakeholders[1].notes, "Line one\r\nline two");
    assert_eq!(ws.stakeholders[2].support, -2, "typographic minus");
    assert_eq!(ws.stakeholders[2].influence, 4, "4.0 is a whole number");
    assert_eq!(
        ws.stakeholders[5].name, "\u{c9}DF",
        "kept as written, in NFC"
    );
    assert_eq!(ws.stakeholders[6].category, Category::CivilSociety);
    assert_eq!(ws.stakeholders[6].stage_since(), Some(today()));
    assert_eq!(plan.undated_stages, 2);
}

#[test]
fn bad_rows_are_skipped_with_file_row_line_and_reason() {
    let (plan, _) = all_fixtures();
    let lines = skipped(&plan);
    assert!(
        has(
            &lines,
            "members.csv: row 5 (line 7): category \"Bankk\" is not one of: industry, \
              supplier, buyer, bank, investor, government, civil_society, service_provider"
        ),
        "{lines:#?}"
    );
    assert!(has(
        &lines,
        "members.csv: row 6 (line 8): influence 6 is outside 1 to 5"
    ));
    assert!(has(
        &lines,
        "members.csv: row 7 (line 9): influence \"3.5\" is not a whole number"
    ));
    assert!(has(
        &lines,
        "members.csv: row 8 (line 10): stakeholder “keelwater steel” appears again: it was first at row 1 (line 2)"
    ));
    assert!(has(
        &lines,
        "commitments.csv: row 4 (line 5): stakeholder “Nobody Corp” is not a stakeholder"
    ));
    assert!(has(
        &lines,
        "commitments.csv: row 5 (line 6): made_on \"2020-13-01\" is not a date"
    ));
    assert!(has(
        &lines,
        "commitments.csv: row 6 (line 7): quantity 3 has no unit"
    ));
    assert!(has(
        &lines,
        "commitments.csv: row 7 (line 8): status_history does not end with the status achieved"
    ));
    assert!(has(
        &lines,
        "commitments.csv: row 8 (line 9): the status “In progress” of 2021-01-01 is dated before"
    ));
    assert!(has(
        &lines,
        "commitments.csv: row 9 (line 10): metric “No such metric” is not a roadmap metric"
    ));
    assert!(has(
        &lines,
        "relationships.csv: row 3 (line 4): to “Nobody Corp” is not a stakeholder"
    ));
    assert!(has(
        &lines,
        "relationships.csv: row 4 (line 5): from and to are the same stakeholder"
    ));
    assert!(has(
        &lines,
        "relationships.csv: row 5 (line 6): confidence \"very high\" is not one of: low, medium, high"
    ));
    assert_eq!(plan.skipped.len(), 13, "{lines:#?}");
    assert!(!plan.is_complete());
}

#[test]
fn trimmed_and_similar_names_are_warned_about_never_merged() {
    let (plan, ws) = all_fixtures();
    let report = plan.report(&[]);
    assert!(has(
        &report,
        "members.csv: row 4 (line 6): warning: the name “Nordbank” had spaces around it"
    ));
    assert!(has(
        &report,
        "members.csv: row 10 (line 12): warning: “ÉDF” looks like “EDF”"
    ));
    assert_eq!(
        ws.stakeholders
            .iter()
            .filter(|s| s.name.ends_with("DF"))
            .count(),
        2
    );
}

#[test]
fn commitments_get_status_histories_from_history_since_or_made_on() {
    let (plan, ws) = all_fixtures();
    let by_title = |t: &str| ws.commitments.iter().find(|c| c.title == t).unwrap();
    let net_zero = by_title("Net zero by 2050");
    assert_eq!(net_zero.status_history.len(), 2);
    assert_eq!(net_zero.status_since(), day(2022, 5, 25));
    assert_eq!(net_zero.source, "Annual report, p. 4");
    let pilot = by_title("Pilot plant");
    assert_eq!(pilot.status_history.len(), 2);
    assert_eq!(pilot.status_history[0].date, day(2022, 1, 10));
    assert_eq!(pilot.status(), CommitmentStatus::Achieved);
    assert_eq!(pilot.status_since(), day(2023, 2, 1));
    let green = by_title("Buy green");
    assert_eq!(green.status_history.len(), 1);
    assert_eq!(green.status_since(), green.made_on);
    assert_eq!(green.quantity.as_ref().unwrap().unit, "Mt/yr");
    assert_eq!(plan.undated_statuses, 1);
    assert!(has(
        &plan.report(&[]),
        "1 commitment had no status date: their status is dated the day they were made; momentum history is approximate."
    ));
    let dri = by_title("Hydrogen DRI");
    let metric = ws.roadmap.metric(dri.metric.unwrap()).unwrap();
    assert_eq!(metric.name, "Near-zero primary steel");
    assert_eq!(ws.commitments.len(), 4);
}

#[test]
fn relationships_resolve_names_and_labels() {
    let (_, ws) = all_fixtures();
    assert_eq!(ws.relationships.len(), 2);
    assert_eq!(ws.relationships[0].confidence, Confidence::High);
    assert_eq!(ws.relationships[1].confidence, Confidence::Medium);
    assert_eq!(ws.stakeholder_name(ws.relationships[1].from), "Nordbank");
}

#[test]
fn importing_again_finds_everything_unchanged() {
    let (_, ws) = all_fixtures();
    let again = plan_of(
        &ws,
        &read(&["members.csv", "commitments.csv", "relationships.csv"]),
    );
    assert!(again.created.is_empty(), "{:#?}", again.created);
    assert!(again.conflicts.is_empty(), "{:#?}", again.conflicts);
    assert_eq!(again.unchanged.len(), 7 + 4 + 2);
}

const CHANGED: &str = "name,category,region,influence,support,notes\n\
    KEELWATER STEEL,industry,EU,5,1,\"Met twice, \"\"keen\"\" on DRI\"\n\
    Nordbank,bank,Nordics,3,1,\n";

#[test]
fn a_changed_row_is_a_conflict_listing_fields_and_resolved_per_conflict() {
    let (_, ws) = all_fixtures();
    let tables = read_bytes("update.csv", CHANGED.as_bytes(), None).unwrap();
    let plan = plan_of(&ws, &tables);
    assert_eq!(plan.unchanged.len(), 1);
    assert_eq!(plan.conflicts.len(), 1);
    let conflict = &plan.conflicts[0];
    assert_eq!(conflict.what, "stakeholder “KEELWATER STEEL”");
    let fields: Vec<_> = conflict
        .fields
        .iter()
        .map(|f| (f.field, f.existing.as_str(), f.imported.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("name", "Keelwater Steel", "KEELWATER STEEL"),
            ("support", "2", "1")
        ]
    );
    let kept = plan.apply(&ws, &[Resolution::KeepExisting]);
    assert_eq!(kept, ws);
    assert!(!plan.is_complete_with(&[Resolution::KeepExisting]));
    let taken = plan.apply(&ws, &[Resolution::TakeImported]);
    assert_eq!(taken.stakeholders[0].support, 1);
    assert_eq!(
        taken.stakeholders[0].tags, ws.stakeholders[0].tags,
        "absent column kept"
    );
    assert!(plan.is_complete_with(&[Resolution::TakeImported]));
    assert!(has(
        &plan.report(&[Resolution::TakeImported]),
        "update.csv: row 1 (line 2): conflict: stakeholder “KEELWATER STEEL”: name “Keelwater Steel” › “KEELWATER STEEL”; support “2” › “1” (took imported)"
    ));
}

#[test]
fn a_row_with_an_id_matches_by_id_even_when_renamed() {
    let (_, ws) = all_fixtures();
    let id = ws.stakeholders[3].id;
    let csv = format!(
        "id,name,category,region,influence,support,notes\n{id},Nordbank ASA,bank,Nordics,3,1,\n"
    );
    let plan = plan_of(&ws, &read_bytes("r.csv", csv.as_bytes(), None).unwrap());
    assert_eq!(plan.conflicts.len(), 1);
    let out = plan.apply(&ws, &[Resolution::TakeImported]);
    assert_eq!(out.stakeholders[3].name, "Nordbank ASA");
    assert_eq!(out.stakeholders.len(), ws.stakeholders.len());
    let bad = "id,name,category,region,influence,support,notes\nnot-an-id,X,bank,EU,3,1,\n";
    let plan = plan_of(&ws, &read_bytes("r.csv", bad.as_bytes(), None).unwrap());
    assert!(plan.skipped[0].reason.contains("is not a valid id"));
}

#[test]
fn an_unknown_or_missing_column_refuses_the_whole_import() {
    let err = read_path(&import_fixture("unknown_column.csv"), None).unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, ImportError::UnknownColumn { .. }));
    assert!(
        text.contains("unknown_column.csv: unknown column “colour” in a stakeholders table"),
        "{text}"
    );
    let err = read_path(&import_fixture("missing_column.csv"), None).unwrap_err();
    assert!(
        err.to_string().contains(
            "missing_column.csv: the required column “region” of a stakeholders table is missing"
        ),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_utf8_says_how_to_save_it() {
    let err = read_path(&import_fixture("latin1.csv"), None).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("latin1.csv: line 3 is not UTF-8"), "{text}");
    assert!(text.contains("CSV UTF-8"), "{text}");
}

#[test]
fn the_table_kind_comes_from_the_header_or_the_caller() {
    let rel = read_path(&import_fixture("relationships.csv"), None).unwrap();
    assert_eq!(rel[0].kind, TableKind::Relationships);
    let err = read_bytes("x.csv", b"a,b\n1,2\n", None).unwrap_err();
    assert!(matches!(err, ImportError::UnknownTable { .. }));
    let err = read_bytes("x.csv", b"from,to,kind\n", Some(TableKind::Stakeholders)).unwrap_err();
    assert!(matches!(err, ImportError::UnknownColumn { .. }), "{err}");
}

#[test]
fn workbooks_read_known_sheets_and_warn_about_others() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Stakeholders").unwrap();
    for (c, h) in [
        "name",
        "category",
        "region",
        "influence",
        "support",
        "notes",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Acme").unwrap();
    sheet.write_string(1, 1, "Buyer").unwrap();
    sheet.write_number(1, 3, 3.0).unwrap();
    sheet.write_number(1, 4, -1.0).unwrap();
    book.add_worksheet().set_name("Notes").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let tables = read_bytes("book.xlsx", &bytes, None).unwrap();
    assert_eq!(tables.len(), 1);
    let plan = plan_of(&base(), &tables);
    assert!(has(
        &plan.report(&[]),
        "book.xlsx [Stakeholders]: warning: sheet “Notes” was ignored"
    ));
    let ws = plan.apply(&base(), &[]);
    assert_eq!(
        (ws.stakeholders[0].influence, ws.stakeholders[0].support),
        (3, -1)
    );

    let mut other = rust_xlsxwriter::Workbook::new();
    other.add_worksheet().set_name("Data").unwrap();
    let err = read_bytes("other.xlsx", &other.save_to_buffer().unwrap(), None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "other.xlsx: no sheet is named stakeholders, commitments or relationships (its sheets: Data)"
    );
}

#[test]
fn a_cancelled_plan_returns_cancelled_and_progress_counts_rows() {
    let tables = read(&["members.csv"]);
    let progress = Progress::default();
    plan(&base(), &tables, today(), &progress).unwrap();
    assert_eq!(progress.snapshot().total, 11);
    assert_eq!(progress.snapshot().done, 11);
    progress.cancel();
    let err = plan(&base(), &tables, today(), &progress).unwrap_err();
    assert!(matches!(err, ImportError::Cancelled));
}

#[test]
fn neutralised_cells_are_restored_on_import() {
    let csv = "name,category,region,influence,support,notes\n'=SUM(A1),industry,'+EU,3,-2,'''=x\n";
    let plan = plan_of(&base(), &read_bytes("f.csv", csv.as_bytes(), None).unwrap());
    let Record::Stakeholder(s) = &plan.created[0].record else {
        panic!("a stakeholder")
    };
    assert_eq!(
        (s.name.as_str(), s.region.as_str(), s.notes.as_str()),
        ("=SUM(A1)", "+EU", "''=x")
    );
    assert_eq!(s.support, -2);
}

#[test]
fn unit_without_quantity_is_refused() {
    let (_, ws) = all_fixtures();
    let csv = "stakeholder,kind,title,made_on,target_year,quantity,unit,status,source\n\
               EDF,policy,Odd,2024-01-01,,,Mt,announced,\n";
    let plan = plan_of(&ws, &read_bytes("c.csv", csv.as_bytes(), None).unwrap());
    assert_eq!(
        plan.skipped[0].reason,
        "unit “Mt” is given without a quantity"
    );
}
