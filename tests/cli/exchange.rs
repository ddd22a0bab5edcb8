//! `flywheel import` and `flywheel export` run as a user would: exit codes,
//! report lines and refusal to overwrite.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn flywheel(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flywheel"))
        .args(args)
        .output()
        .unwrap()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import_fixtures")
        .join(name)
        .display()
        .to_string()
}

fn demo() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo/iron-steel-demo.ron")
        .display()
        .to_string()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn export_then_import_exits_0_and_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let csv_dir = path(dir.path(), "csv");
    let out = flywheel(&["export", &demo(), "--csv", &csv_dir]);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    assert!(text(&out).0.contains("stakeholders.csv"));
    let again = flywheel(&["export", &demo(), "--csv", &csv_dir]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).1.contains("exists; nothing was written"));
    assert_eq!(
        flywheel(&["export", &demo(), "--csv", &csv_dir, "--force"])
            .status
            .code(),
        Some(0)
    );

    let ron = path(dir.path(), "out.ron");
    let csv = PathBuf::from(&csv_dir);
    let args = [
        "import",
        "--stakeholders",
        &path(&csv, "stakeholders.csv"),
        "--commitments",
        &path(&csv, "commitments.csv"),
        "--relationships",
        &path(&csv, "relationships.csv"),
        "--sector",
        "iron-steel",
        "--title",
        "Imported",
        "-o",
        &ron,
    ];
    let out = flywheel(&args);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("Created: 41 stakeholders, 64 commitments, 46 relationships."),
        "{stdout}"
    );
    let again = flywheel(&args);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again).1.contains("use --force"));
    assert!(flywheel(&["check", &ron]).status.success());
}

#[test]
fn skipped_rows_exit_3_with_locations_and_conflicts_are_kept_unless_update() {
    let dir = tempfile::tempdir().unwrap();
    let ron = path(dir.path(), "members.ron");
    let out = flywheel(&[
        "import",
        "--stakeholders",
        &fixture("members.csv"),
        "--sector",
        "Iron & steel",
        "-o",
        &ron,
    ]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3), "{stdout}{stderr}");
    assert!(
        stdout.contains("members.csv: row 5 (line 7): category \"Bankk\" is not one of: industry,"),
        "{stdout}"
    );
    assert!(stdout.contains("Skipped: 4 rows."));
    assert!(stdout.contains("2 stakeholders had a stage without a date"));

    let update = "name,category,region,influence,support,notes\nNordbank,bank,Nordics,3,-1,\n";
    let update_csv = path(dir.path(), "update.csv");
    std::fs::write(&update_csv, update).unwrap();
    let into = |extra: &[&str], out_name: &str| {
        let out_ron = path(dir.path(), out_name);
        let mut args = vec![
            "import",
            "--stakeholders",
            &update_csv,
            "--into",
            &ron,
            "-o",
            &out_ron,
        ];
        args.extend_from_slice(extra);
        let out = flywheel(&args);
        (out.status.code(), text(&out).0)
    };
    let (code, stdout) = into(&[], "kept.ron");
    assert_eq!(code, Some(3), "{stdout}");
    assert!(
        stdout.contains("conflict: stakeholder “Nordbank”: support “1” › “-1” (kept existing)"),
        "{stdout}"
    );
    let (code, stdout) = into(&["--update"], "taken.ron");
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("(took imported)"));
}

#[test]
fn errors_exit_1_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ron = path(dir.path(), "x.ron");
    let out = flywheel(&[
        "import",
        "--stakeholders",
        &fixture("unknown_column.csv"),
        "--sector",
        "cement",
        "-o",
        &ron,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("unknown column “colour”"));
    let out = flywheel(&[
        "import",
        "--stakeholders",
        &fixture("members.csv"),
        "-o",
        &ron,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out)
            .1
            .contains("--sector (one of: shipping, aviation, road_freight")
    );
    let out = flywheel(&[
        "import",
        "--stakeholders",
        &fixture("latin1.csv"),
        "--sector",
        "cement",
        "-o",
        &ron,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("CSV UTF-8"));
    assert!(!Path::new(&ron).exists());
    let out = flywheel(&["export", &demo()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn export_writes_an_xlsx_the_import_reads() {
    let dir = tempfile::tempdir().unwrap();
    let book = path(dir.path(), "demo.xlsx");
    assert_eq!(
        flywheel(&["export", &demo(), "--xlsx", &book])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        flywheel(&["export", &demo(), "--xlsx", &book])
            .status
            .code(),
        Some(1)
    );
    let ron = path(dir.path(), "demo.ron");
    let out = flywheel(&[
        "import",
        "--workbook",
        &book,
        "--sector",
        "iron_steel",
        "-o",
        &ron,
    ]);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
}
