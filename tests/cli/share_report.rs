//! `flywheel share` and `flywheel report`: exit codes, what they print, and
//! never replacing a file without `--force`.

use std::fs;
use std::path::Path;

use crate::support::{demo_arg, run_flywheel, stderr_of, stdout_of};

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn share_saves_a_marked_copy_and_says_what_was_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("share.ron");
    let out = run_flywheel([
        "share",
        &demo_arg(),
        "-o",
        path_str(&out_path),
        "--without-scores",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let stdout = stdout_of(&out);
    assert!(stdout.contains("share copy saved"), "{stdout}");
    assert!(
        stdout.contains("confidential stakeholders anonymised"),
        "{stdout}"
    );
    assert!(
        stdout.contains("scores removed from 41 stakeholders"),
        "{stdout}"
    );
    let copy = flywheel::file::load(&out_path).unwrap();
    let marker = copy.share.unwrap();
    assert!(marker.removed.scores && marker.removed.contacts);
}

#[test]
fn share_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("share.ron");
    fs::write(&out_path, "precious").unwrap();
    let out = run_flywheel(["share", &demo_arg(), "-o", path_str(&out_path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("--force"), "{}", stderr_of(&out));
    assert_eq!(fs::read_to_string(&out_path).unwrap(), "precious");
    let out = run_flywheel(["share", &demo_arg(), "-o", path_str(&out_path), "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(flywheel::file::load(&out_path).is_ok());
}

#[test]
fn share_of_a_missing_file_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("share.ron");
    let out = run_flywheel(["share", "no-such.ron", "-o", path_str(&out_path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_path.exists());
}

#[test]
fn report_writes_html_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("report.html");
    let args = [
        "report",
        &demo_arg(),
        "-o",
        path_str(&out_path),
        "--as-of",
        "2026-11-23",
        "--internal",
    ];
    let out = run_flywheel(args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let page = fs::read_to_string(&out_path).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("Internal: includes confidential data"));
    assert!(page.contains("2026-11-23"));

    let out = run_flywheel(args);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("already exists"));
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(run_flywheel(&forced).status.code(), Some(0));
}

#[test]
fn report_json_goes_to_stdout() {
    let out = run_flywheel([
        "report",
        &demo_arg(),
        "--format",
        "json",
        "--as-of",
        "2026-11-23",
        "--since",
        "2026-01-01",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["as_of"], "2026-11-23");
    assert_eq!(value["changes"]["since"], "2026-01-01");
    assert_eq!(value["totals"]["stakeholders"], 41);
    let flywheel = &value["flywheel"];
    assert_eq!(flywheel["milestone"], 2030);
    assert!(
        flywheel["bottleneck"]
            .as_str()
            .unwrap()
            .contains("is the bottleneck")
    );
    for segment in ["demand", "supply", "finance", "policy"] {
        assert!(flywheel[segment]["share"].is_number(), "{segment}");
    }
}

#[test]
fn report_html_without_an_output_or_with_a_bad_date_exits_nonzero() {
    let out = run_flywheel(["report", &demo_arg()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("-o"), "{}", stderr_of(&out));
    let out = run_flywheel([
        "report",
        &demo_arg(),
        "--format",
        "json",
        "--as-of",
        "23/11/2026",
    ]);
    assert!(!out.status.success());
}
