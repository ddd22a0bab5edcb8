//! `flywheel check FILE`: one summary line and exit 0, or
//! `FILE:LINE:COLUMN: message` on stderr and exit 1. No window is opened.

use std::process::Command;

fn check(path: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_flywheel"))
        .arg("check")
        .arg(path)
        .output()
        .expect("run flywheel")
}

#[test]
fn a_valid_file_prints_title_and_counts() {
    let path = std::path::Path::new("assets/demo/iron-steel-demo.ron");
    let ws = flywheel::assets::demo().unwrap();
    let out = check(path);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
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
    let stderr = String::from_utf8(out.stderr).unwrap();
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
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!("{}: ", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("does not exist"), "{stderr}");
}
