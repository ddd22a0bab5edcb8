//! Export → import gives back the same workspace: the demo and a generated
//! workspace, through CSV and through xlsx. Records are compared in order
//! (export keeps workspace order and the import appends in file order).

use flywheel::exchange::export::{csv_files, write_csv_dir, write_xlsx, xlsx_bytes};
use flywheel::exchange::import::{Progress, Table, plan, read_bytes, read_path};
use flywheel::model::{Workspace, validate};
use flywheel::synthetic;

use crate::support::{demo, today};

/// The same workspace without its records.
fn emptied(ws: &Workspace) -> Workspace {
    let mut empty = ws.clone();
    empty.stakeholders.clear();
    empty.commitments.clear();
    empty.relationships.clear();
    empty.workshops.clear();
    empty
}

fn import(ws: &Workspace, tables: &[Table]) -> Workspace {
    let base = emptied(ws);
    let plan = plan(&base, tables, today(), &Progress::default()).unwrap();
    assert!(plan.is_complete(), "{:#?}", plan.report(&[]));
    assert!(plan.warnings.is_empty(), "{:#?}", plan.warnings);
    assert_eq!(plan.undated_statuses + plan.undated_stages, 0);
    let out = plan.apply(&base, &[]);
    assert_eq!(validate(&out), Ok(()));
    out
}

fn assert_same_records(a: &Workspace, b: &Workspace) {
    assert_eq!(a.stakeholders, b.stakeholders);
    assert_eq!(a.commitments, b.commitments);
    assert_eq!(a.relationships, b.relationships);
}

fn via_csv(ws: &Workspace) -> Workspace {
    let tables: Vec<Table> = csv_files(ws)
        .unwrap()
        .iter()
        .flat_map(|(name, bytes)| read_bytes(name, bytes, None).unwrap())
        .collect();
    import(ws, &tables)
}

fn via_xlsx(ws: &Workspace) -> Workspace {
    let bytes = xlsx_bytes(ws).unwrap();
    let tables = read_bytes("book.xlsx", &bytes, None).unwrap();
    assert_eq!(tables.len(), 3);
    import(ws, &tables)
}

#[test]
fn the_demo_round_trips_through_csv() {
    let demo = demo();
    assert_same_records(&demo, &via_csv(&demo));
}

#[test]
fn the_demo_round_trips_through_xlsx() {
    let demo = demo();
    assert_same_records(&demo, &via_xlsx(&demo));
}

#[test]
fn a_generated_workspace_round_trips_through_csv_and_xlsx() {
    let ws = synthetic::synthetic_workspace(200, 400, 1_000, 3);
    assert_same_records(&ws, &via_csv(&ws));
    assert_same_records(&ws, &via_xlsx(&ws));
}

#[test]
fn tricky_text_round_trips_formulas_scripts_and_line_breaks() {
    let mut ws = synthetic::synthetic_workspace(6, 4, 6, 9);
    let names = [
        "=HYPERLINK(\"http://x\")",
        "'=genuinely quoted",
        "中国宝武钢铁集团",
        "Ørsted, \"the\" wind company",
        "-minus",
        "@handle",
    ];
    for (s, name) in ws.stakeholders.iter_mut().zip(names) {
        s.name = name.to_string();
        s.notes = "line one\r\nline two\n+three".into();
        s.tags = vec!["=a".into(), "b c".into()];
        s.support = -2;
    }
    ws.commitments[0].source = "x".repeat(2_000);
    ws.commitments[0].quantity = Some(flywheel::model::Quantity {
        value: 2.5,
        unit: "tonnes of near-zero emissions crude steel per year, delivered".into(),
    });
    assert_same_records(&ws, &via_csv(&ws));
    assert_same_records(&ws, &via_xlsx(&ws));
}

#[test]
fn csv_files_have_a_bom_crlf_and_neutralised_formulas() {
    let mut ws = synthetic::synthetic_workspace(2, 0, 0, 1);
    ws.stakeholders[0].name = "=1+1".into();
    let files = csv_files(&ws).unwrap();
    let (name, bytes) = &files[0];
    assert_eq!(name, "stakeholders.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8_lossy(bytes);
    assert!(text.contains("\r\n"));
    assert!(text.contains(",'=1+1,"), "{text}");
}

#[test]
fn files_are_written_to_disk_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let demo = demo();
    let paths = write_csv_dir(&demo, &dir.path().join("out")).unwrap();
    assert_eq!(paths.len(), 3);
    let tables: Vec<Table> = paths
        .iter()
        .flat_map(|p| read_path(p, None).unwrap())
        .collect();
    assert_same_records(&demo, &import(&demo, &tables));
    let book = dir.path().join("demo.xlsx");
    write_xlsx(&demo, &book).unwrap();
    let tables = read_path(&book, None).unwrap();
    assert_same_records(&demo, &import(&demo, &tables));
}

#[test]
fn stakeholders_sharing_a_name_round_trip_by_id() {
    let mut ws = synthetic::synthetic_workspace(4, 6, 8, 5);
    ws.stakeholders[1].name = "Twin".into();
    ws.stakeholders[2].name = "twin".into();
    let files = csv_files(&ws).unwrap();
    let commitments = String::from_utf8_lossy(&files[1].1).into_owned();
    assert!(
        !commitments.contains(",Twin,"),
        "shared names are written as ids"
    );
    assert_same_records(&ws, &via_csv(&ws));
}
