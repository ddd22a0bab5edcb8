//! `flywheel check FILE`: one summary line and exit 0, or
//! `FILE:LINE:COLUMN: message` on stderr and exit 1. No window is opened.

use std::path::Path;
use std::process::Output;

use crate::support::{demo, demo_path, run_flywheel, stderr_of, stdout_of};

fn check(path: &Path) -> Output {
    run_flywheel([Path::new("check"), path])
}

#[test]
fn a_valid_file_prints_title_and_counts() {
    let ws = demo();
    let out = check(&demo_path());
    assert!(out.status.success());
    let stdout = stdout_of(&out);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains(&ws.title), "{stdout}");
    for count in [
        format!("{} stakeholders", ws.stakeholders.len()),
        format!("{} relationships", ws.relationships.len()),
        format!("{} commitments", ws.commitments.len()),
    ] {
        assert!(stdout.contains(&count), "{stdout} lacks {count}");
    }
    assert!(out.stderr.is_empty());
}

#[test]
fn a_broken_file_prints_file_line_column_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(\n    format_version: 1,\n    title: 42,\n)\n").unwrap();
    let out = check(&path);
    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr_of(&out);
    let prefix = format!("{}:3:", path.display());
    assert!(stderr.starts_with(&prefix), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_missing_file_prints_file_and_message_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.ron");
    let out = check(&path);
    assert_eq!(out.status.code(), Some(1));
    let stderr = stderr_of(&out);
    assert!(
        stderr.starts_with(&format!("{}: ", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("does not exist"), "{stderr}");
}
