//! `flywheel import` and `flywheel export` run as a user would: exit codes,
//! report lines and refusal to overwrite.

use std::path::{Path, PathBuf};

use crate::support::{demo_arg, import_fixture, run_flywheel, stderr_of, stdout_of};

/// A spreadsheet of `tests/import_fixtures` as a command-line argument.
fn fixture(name: &str) -> String {
    import_fixture(name).display().to_string()
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn export_then_import_exits_0_and_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let csv_dir = path(dir.path(), "csv");
    let out = run_flywheel(["export", &demo_arg(), "--csv", &csv_dir]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("stakeholders.csv"));
    let again = run_flywheel(["export", &demo_arg(), "--csv", &csv_dir]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr_of(&again).contains("exists; nothing was written"));
    assert_eq!(
        run_flywheel(["export", &demo_arg(), "--csv", &csv_dir, "--force"])
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
    let out = run_flywheel(args);
    let (stdout, stderr) = (stdout_of(&out), stderr_of(&out));
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("Created: 41 stakeholders, 64 commitments, 46 relationships."),
        "{stdout}"
    );
    let again = run_flywheel(args);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr_of(&again).contains("use --force"));
    assert!(run_flywheel(["check", &ron]).status.success());
}

#[test]
fn skipped_rows_exit_3_with_locations_and_conflicts_are_kept_unless_update() {
    let dir = tempfile::tempdir().unwrap();
    let ron = path(dir.path(), "members.ron");
    let out = run_flywheel([
        "import",
        "--stakeholders",
        &fixture("members.csv"),
        "--sector",
        "Iron & steel",
        "-o",
        &ron,
    ]);
    let (stdout, stderr) = (stdout_of(&out), stderr_of(&out));
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
        let out = run_flywheel(&args);
        (out.status.code(), stdout_of(&out))
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
    let out = run_flywheel([
        "import",
        "--stakeholders",
        &fixture("unknown_column.csv"),
        "--sector",
        "cement",
        "-o",
        &ron,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("unknown column “colour”"));
    let out = run_flywheel([
        "import",
        "--stakeholders",
        &fixture("members.csv"),
        "-o",
        &ron,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("--sector (one of: shipping, aviation, road_freight"));
    let out = run_flywheel([
        "import",
        "--stakeholders",
        &fixture("latin1.csv"),
        "--sector",
        "cement",
        "-o",
        &ron,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("CSV UTF-8"));
    assert!(!Path::new(&ron).exists());
    let out = run_flywheel(["export", &demo_arg()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn export_writes_an_xlsx_the_import_reads() {
    let dir = tempfile::tempdir().unwrap();
    let book = path(dir.path(), "demo.xlsx");
    assert_eq!(
        run_flywheel(["export", &demo_arg(), "--xlsx", &book])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run_flywheel(["export", &demo_arg(), "--xlsx", &book])
            .status
            .code(),
        Some(1)
    );
    let ron = path(dir.path(), "demo.ron");
    let out = run_flywheel([
        "import",
        "--workbook",
        &book,
        "--sector",
        "iron_steel",
        "-o",
        &ron,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}
