//! Git as the engine that carries workspaces between colleagues, with
//! `flywheel merge-driver` as its merge driver; and `flywheel merge` for
//! copies that come back by email. Runs the real `git` and the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use egui_kittest::kittest::Queryable;
use flywheel::app::Preferences;
use flywheel::file;
use flywheel::model::{Category, Commitment, CommitmentKind, Stakeholder, Workspace};

use crate::support::{CMD, demo, flywheel_command, harness_with, press, settle};

const FILE: &str = "coalition.ron";

fn git(repo: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(repo)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", repo)
        .output()
        .expect("git runs")
}

fn git_ok(repo: &Path, args: &[&str]) {
    let out = git(repo, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository holding the demo on `main`, with Flywheel as the merge
/// driver for `.ron` files when `driver`.
fn repo(driver: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().to_path_buf();
    git_ok(&repo, &["init", "-q", "-b", "main"]);
    git_ok(&repo, &["config", "user.email", "facilitator@example.org"]);
    git_ok(&repo, &["config", "user.name", "Facilitator"]);
    if driver {
        fs::write(repo.join(".gitattributes"), "*.ron merge=flywheel\n").unwrap();
        let command = format!(
            "{} merge-driver %O %A %B %P",
            env!("CARGO_BIN_EXE_flywheel")
        );
        git_ok(&repo, &["config", "merge.flywheel.driver", &command]);
    }
    write(&repo, &demo());
    git_ok(&repo, &["add", "."]);
    git_ok(&repo, &["commit", "-q", "-m", "The demo"]);
    (dir, repo)
}

fn read(repo: &Path) -> Workspace {
    file::load(&repo.join(FILE)).unwrap()
}

fn write(repo: &Path, ws: &Workspace) {
    fs::write(repo.join(FILE), file::to_text(ws).unwrap()).unwrap();
}

/// On a new branch from `main`: `edit` the workspace and commit.
fn branch(repo: &Path, name: &str, edit: impl FnOnce(&mut Workspace)) {
    git_ok(repo, &["checkout", "-q", "-b", name, "main"]);
    let mut ws = read(repo);
    edit(&mut ws);
    flywheel::model::validate(&ws).unwrap();
    write(repo, &ws);
    git_ok(repo, &["commit", "-q", "-am", name]);
}

fn named<'a>(ws: &'a Workspace, name: &str) -> &'a Stakeholder {
    ws.stakeholders
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("{name}"))
}

fn named_mut<'a>(ws: &'a mut Workspace, name: &str) -> &'a mut Stakeholder {
    ws.stakeholders
        .iter_mut()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("{name}"))
}

/// Two colleagues each add a stakeholder and rescore a different one.
fn two_colleagues(repo: &Path) {
    branch(repo, "anna", |ws| {
        ws.stakeholders
            .push(Stakeholder::new("Nordhavn Shipping", Category::Buyer));
        named_mut(ws, "Keelwater Motors").support = 2;
    });
    branch(repo, "ben", |ws| {
        ws.stakeholders
            .push(Stakeholder::new("Fjordlight Bank", Category::Bank));
        named_mut(ws, "Harbourline Bank").notes = "Met on 2026-11-20".into();
    });
    git_ok(repo, &["checkout", "-q", "anna"]);
}

fn check(repo: &Path) -> Output {
    flywheel_command()
        .args(["check", &repo.join(FILE).display().to_string()])
        .output()
        .unwrap()
}

#[test]
fn plain_git_conflicts_where_two_colleagues_each_added_a_stakeholder() {
    let (_dir, repo) = repo(false);
    two_colleagues(&repo);
    let out = git(&repo, &["merge", "-q", "--no-edit", "ben"]);
    assert!(
        !out.status.success(),
        "plain git cannot merge the two lists"
    );
    let text = fs::read_to_string(repo.join(FILE)).unwrap();
    assert!(text.contains("<<<<<<<"), "conflict markers in the file");
    assert!(!check(&repo).status.success(), "which Flywheel cannot open");
}

#[test]
fn with_the_driver_two_colleagues_edits_merge_cleanly_and_the_file_checks() {
    let (_dir, repo) = repo(true);
    two_colleagues(&repo);
    let out = git(&repo, &["merge", "-q", "--no-edit", "ben"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ws = read(&repo);
    assert_eq!(named(&ws, "Keelwater Motors").support, 2);
    assert_eq!(named(&ws, "Harbourline Bank").notes, "Met on 2026-11-20");
    named(&ws, "Nordhavn Shipping");
    named(&ws, "Fjordlight Bank");
    assert!(ws.open_conflicts.is_empty());
    assert!(check(&repo).status.success());
    // No backup files left in the work tree.
    let status = git(&repo, &["status", "--porcelain"]);
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");
}

/// One colleague deletes a stakeholder; the other records a commitment of
/// theirs.
fn deleted_and_used(repo: &Path) {
    branch(repo, "anna", |ws| {
        let id = named(ws, "Pellucid Home Appliances").id;
        ws.commitments.retain(|c| c.stakeholder != id);
        ws.relationships.retain(|r| r.from != id && r.to != id);
        for w in &mut ws.workshops {
            w.attendees.retain(|a| *a != id);
        }
        ws.stakeholders.retain(|s| s.id != id);
    });
    branch(repo, "ben", |ws| {
        let id = named(ws, "Pellucid Home Appliances").id;
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        ws.commitments.push(Commitment::new(
            id,
            CommitmentKind::ProcurementPledge,
            "Green steel in every fridge by 2030",
            day,
        ));
    });
    git_ok(repo, &["checkout", "-q", "anna"]);
}

#[test]
fn plain_git_merges_a_deleted_stakeholders_new_commitment_into_an_invalid_file() {
    let (_dir, repo) = repo(false);
    deleted_and_used(&repo);
    let out = git(&repo, &["merge", "-q", "--no-edit", "ben"]);
    assert!(out.status.success(), "the lines do not overlap");
    let out = check(&repo);
    assert!(!out.status.success(), "but the commitment's owner is gone");
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("stakeholder"), "{message}");
}

#[test]
fn with_the_driver_a_deleted_stakeholders_new_commitment_is_a_recorded_conflict() {
    let (_dir, repo) = repo(true);
    deleted_and_used(&repo);
    let out = git(&repo, &["merge", "-q", "--no-edit", "ben"]);
    assert!(!out.status.success(), "git stops on the conflict");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("conflicts recorded"), "{stderr}");
    assert!(check(&repo).status.success(), "the file is valid");
    let ws = read(&repo);
    assert_eq!(ws.open_conflicts.len(), 1);
    assert!(
        ws.open_conflicts[0].record_name.contains("Pellucid"),
        "{:?}",
        ws.open_conflicts[0]
    );
}

/// Both colleagues rescore the same stakeholder differently.
pub fn same_field(repo: &Path) {
    branch(repo, "anna", |ws| {
        named_mut(ws, "Quarrow Build").support = 2
    });
    branch(repo, "ben", |ws| {
        named_mut(ws, "Quarrow Build").support = -1
    });
    git_ok(repo, &["checkout", "-q", "anna"]);
}

#[test]
fn with_the_driver_the_same_field_edited_twice_is_recorded_and_mine_is_kept() {
    let (_dir, repo) = repo(true);
    same_field(&repo);
    let out = git(&repo, &["merge", "-q", "--no-edit", "ben"]);
    assert!(!out.status.success());
    assert!(check(&repo).status.success());
    let ws = read(&repo);
    assert_eq!(named(&ws, "Quarrow Build").support, 2, "mine for now");
    let [conflict] = ws.open_conflicts.as_slice() else {
        panic!("{:?}", ws.open_conflicts);
    };
    assert_eq!(conflict.label, "Support");
    assert_eq!(
        (conflict.mine_text.as_str(), conflict.theirs_text.as_str()),
        ("+2", "−1")
    );

    // Opened in Flywheel, the review lists it; choosing theirs and saving
    // settles it.
    let mut harness = harness_with(Preferences::default(), Some(repo.join(FILE)));
    assert!(harness.state().is_reviewing_merge());
    harness.get_by_label("Conflicts left open by a merge");
    harness.get_by_label("Theirs: −1").click();
    harness.run();
    harness.get_by_label("Apply").click();
    settle(&mut harness);
    press(&mut harness, CMD, egui::Key::S);
    let ws = read(&repo);
    assert_eq!(named(&ws, "Quarrow Build").support, -1);
    assert!(ws.open_conflicts.is_empty());
    git_ok(
        &repo,
        &[
            "commit",
            "-q",
            "-am",
            "Merged, Quarrow Build as Ben scored it",
        ],
    );
}

#[test]
fn flywheel_merge_prints_each_conflict_and_exits_3_or_0_when_clean() {
    let (_dir, repo) = repo(false);
    same_field(&repo);
    let copy = |branch: &str, name: &str| {
        git_ok(&repo, &["checkout", "-q", branch]);
        let path = repo.join(name);
        fs::copy(repo.join(FILE), &path).unwrap();
        path
    };
    let base = copy("main", "base.ron");
    let mine = copy("anna", "mine.ron");
    let theirs = copy("ben", "theirs.ron");
    let out_path = repo.join("merged.ron");
    let run = |theirs: &Path| {
        flywheel_command()
            .args([
                "merge",
                &mine.display().to_string(),
                &theirs.display().to_string(),
            ])
            .args(["--base", &base.display().to_string(), "--force", "-o"])
            .arg(&out_path)
            .output()
            .unwrap()
    };
    let out = run(&theirs);
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("1 conflicts"), "{stdout}");
    assert!(stdout.contains("Quarrow Build"), "{stdout}");
    assert!(stdout.contains("Support"), "{stdout}");
    assert_eq!(file::load(&out_path).unwrap().open_conflicts.len(), 1);

    let out = run(&base);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(file::load(&out_path).unwrap().open_conflicts.is_empty());

    // A broken copy: exit 1, nothing written.
    fs::remove_file(&out_path).unwrap();
    fs::write(&theirs, "(format_version: 5, title: ").unwrap();
    let out = run(&theirs);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_path.exists());
}

#[test]
fn the_driver_merges_two_way_when_git_has_no_common_version() {
    // Both branches added the file: git passes an empty %O.
    let dir = tempfile::tempdir().unwrap();
    let (base, mine, theirs) = (
        dir.path().join("O"),
        dir.path().join("A"),
        dir.path().join("B"),
    );
    fs::write(&base, "").unwrap();
    let mut ws = demo();
    fs::write(&mine, file::to_text(&ws).unwrap()).unwrap();
    named_mut(&mut ws, "Quarrow Build").support = -2;
    fs::write(&theirs, file::to_text(&ws).unwrap()).unwrap();
    let out = flywheel_command()
        .arg("merge-driver")
        .args([&base, &mine, &theirs])
        .arg(FILE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the differing score conflicts");
    let merged = file::load(&mine).unwrap();
    assert_eq!(merged.open_conflicts.len(), 1);
    assert_eq!(merged.open_conflicts[0].label, "Support");
}
