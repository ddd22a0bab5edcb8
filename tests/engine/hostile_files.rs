//! Files that load are files that work: a workspace at every documented
//! limit (longest texts, earliest and latest dates, longest histories,
//! farthest map positions) loads and draws every tab of the app; a file
//! past a limit is refused with the record named; and every message about
//! a broken file is in words, on one line, with the file's content escaped.

use std::path::Path;
use std::time::Instant;

use egui_kittest::kittest::Queryable;

use chrono::NaiveDate;
use flywheel::app::{Command as AppCommand, Preferences, Tab};
use flywheel::file::{self, FileErrorKind, MAX_FILE_BYTES};
use flywheel::model::limits::{
    DATE_YEARS, MAX_CONTACTS_CHARS, MAX_HISTORY_ENTRIES, MAX_MAP_COORDINATE, MAX_NAME_CHARS,
    MAX_NOTES_CHARS, MAX_SOURCE_CHARS, MAX_SUMMARY_CHARS, MAX_TAG_CHARS, MAX_TAGS, MAX_UNIT_CHARS,
    TARGET_YEARS,
};
use flywheel::model::{
    CommitmentStatus, EngagementStage, MapPoint, Quantity, StageChange, StatusChange, Workspace,
    validate,
};

use crate::support::{demo, demo_text, harness_with, run_flywheel, today, write};

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(*DATE_YEARS.start(), 1, 1).unwrap()
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(*DATE_YEARS.end(), 12, 31).unwrap()
}

/// `n` dates from the first allowed day to the last, in order.
fn spread_dates(n: usize) -> Vec<NaiveDate> {
    let span = (last_day() - first_day()).num_days();
    (0..n)
        .map(|i| first_day() + chrono::Days::new((span * i as i64 / (n as i64 - 1)) as u64))
        .collect()
}

/// Text of exactly `chars` characters, wide ones, that wraps nowhere.
fn long(chars: usize) -> String {
    "W".repeat(chars)
}

/// The demo's first stakeholders and everything that refers only to them.
/// Twelve are enough to fill every tab; the whole demo at its limits is a
/// 34 MB file that takes a debug build a long time to read.
fn demo_part(stakeholders: usize) -> Workspace {
    let mut ws = demo();
    ws.stakeholders.truncate(stakeholders);
    let kept: Vec<_> = ws.stakeholders.iter().map(|s| s.id).collect();
    ws.commitments.retain(|c| kept.contains(&c.stakeholder));
    ws.relationships
        .retain(|r| kept.contains(&r.from) && kept.contains(&r.to));
    for w in &mut ws.workshops {
        w.attendees.retain(|a| kept.contains(a));
    }
    ws
}

/// Part of the demo with every text at its longest, every history at its
/// longest and spanning 1900 to 2200, and map positions at the corners.
fn hostile_workspace() -> Workspace {
    let mut ws = demo_part(12);
    ws.title = long(MAX_NAME_CHARS);
    ws.vision = long(MAX_SUMMARY_CHARS);
    ws.notes = long(MAX_NOTES_CHARS);
    let dates = spread_dates(MAX_HISTORY_ENTRIES);
    let stages = [EngagementStage::SharedVision, EngagementStage::Implementing];
    let statuses = [CommitmentStatus::Announced, CommitmentStatus::Withdrawn];
    let corner = MAX_MAP_COORDINATE;
    for (i, s) in ws.stakeholders.iter_mut().enumerate() {
        s.name = format!("{i:03}{}", long(MAX_NAME_CHARS - 3));
        s.region = long(MAX_NAME_CHARS);
        s.notes = long(MAX_NOTES_CHARS);
        s.contacts = long(MAX_CONTACTS_CHARS);
        s.tags = (0..MAX_TAGS)
            .map(|t| format!("{t:02}{}", long(MAX_TAG_CHARS - 2)))
            .collect();
        s.stage_history = dates
            .iter()
            .enumerate()
            .map(|(k, &date)| StageChange::new(date, stages[k % 2]))
            .collect();
        let sign = |bit: usize| if i >> bit & 1 == 0 { -1.0 } else { 1.0 };
        s.map_position = Some(MapPoint {
            x: corner * sign(0),
            y: corner * sign(1),
        });
    }
    for c in &mut ws.commitments {
        c.title = long(MAX_NAME_CHARS);
        c.source = long(MAX_SOURCE_CHARS);
        c.notes = long(MAX_NOTES_CHARS);
        c.made_on = first_day();
        c.target_year = Some(*TARGET_YEARS.end());
        c.quantity = Some(Quantity {
            value: flywheel::model::limits::MAX_AMOUNT,
            unit: long(MAX_UNIT_CHARS),
        });
        c.status_history = dates
            .iter()
            .enumerate()
            .map(|(k, &date)| StatusChange {
                date,
                status: statuses[k % 2],
            })
            .collect();
    }
    for r in &mut ws.relationships {
        r.note = long(MAX_NOTES_CHARS);
    }
    for m in &mut ws.roadmap.metrics {
        m.name = long(MAX_NAME_CHARS);
        m.unit = long(MAX_UNIT_CHARS);
        m.description = long(MAX_SUMMARY_CHARS);
    }
    for m in &mut ws.roadmap.milestones {
        m.summary = long(MAX_SUMMARY_CHARS);
    }
    for (i, w) in ws.workshops.iter_mut().enumerate() {
        w.title = long(MAX_NAME_CHARS);
        w.notes = long(MAX_NOTES_CHARS);
        w.date = if i % 2 == 0 { first_day() } else { last_day() };
    }
    ws
}

#[test]
fn a_workspace_at_every_limit_loads_and_draws_every_tab() {
    let ws = hostile_workspace();
    assert_eq!(validate(&ws), Ok(()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.ron");
    file::save(&ws, &path).unwrap();
    let bytes = std::fs::metadata(&path).unwrap().len();

    let started = Instant::now();
    let mut harness = harness_with(Preferences::default(), Some(path.clone()));
    eprintln!(
        "hostile file ({:.1} MB): loaded and first frame in {:.2?}",
        bytes as f64 / 1e6,
        started.elapsed()
    );
    assert!(harness.state().dialog().is_none(), "the file loaded");
    assert_eq!(harness.state().path(), Some(path.as_path()));
    for &tab in Tab::ALL {
        harness.state_mut().queue(AppCommand::ShowTab(tab));
        let started = Instant::now();
        harness.run();
        eprintln!("  {:<22} {:.2?}", tab.label(), started.elapsed());
        assert_eq!(harness.state().tab(), tab);
    }
    // The inspector shows the longest notes, contacts, tags and history.
    harness
        .state_mut()
        .queue(AppCommand::ShowTab(Tab::Stakeholders));
    harness.run();
    let first = ws.stakeholders[0].clone();
    harness.get_by_label(&first.name).click();
    let started = Instant::now();
    harness.run();
    eprintln!("  stakeholder inspector  {:.2?}", started.elapsed());
    assert_eq!(harness.state().selection().stakeholder, Some(first.id));
    harness
        .get_by_label(&format!("Stage history ({MAX_HISTORY_ENTRIES})"))
        .click();
    let started = Instant::now();
    harness.run();
    eprintln!("  stage history opened   {:.2?}", started.elapsed());
}

#[test]
fn the_synthetic_workspaces_stay_within_the_limits() {
    for (stakeholders, relationships, commitments) in [(10_000, 30_000, 100_000), (100_000, 0, 0)] {
        let ws =
            flywheel::synthetic::synthetic_workspace(stakeholders, relationships, commitments, 1);
        assert_eq!(validate(&ws), Ok(()), "{stakeholders} stakeholders");
    }
}

/// The error loading `bytes` as `name`, checked to be one line.
fn load_error(dir: &Path, name: &str, bytes: &[u8]) -> file::FileError {
    let path = write(dir, name, bytes);
    let err = file::load(&path).unwrap_err();
    let shown = err.to_string();
    assert_eq!(shown.lines().count(), 1, "one line: {shown:?}");
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    err
}

#[test]
fn files_past_a_limit_are_refused_naming_the_record_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo();
    let text = demo_text();

    let made_on = format!("made_on: \"{}\"", ws.commitments[0].made_on);
    let early = text.replacen(&made_on, "made_on: \"1850-01-01\"", 1);
    let early = early.replacen(
        &format!("date: \"{}\"", ws.commitments[0].status_history[0].date),
        "date: \"1850-01-01\"",
        1,
    );
    let err = load_error(dir.path(), "early.ron", early.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Invalid);
    assert!(
        err.message
            .contains(&format!("commitment \"{}\"", ws.commitments[0].title)),
        "{err}"
    );
    let line = err.position.unwrap().line;
    assert!(
        early
            .lines()
            .nth(line - 1)
            .unwrap()
            .contains(&ws.commitments[0].id.to_string()),
        "{err}"
    );

    let name = format!("name: \"{}\"", ws.stakeholders[0].name);
    let huge = text.replacen(&name, &format!("name: \"{}\"", long(10_000_000)), 1);
    let started = Instant::now();
    let err = load_error(dir.path(), "huge-name.ron", huge.as_bytes());
    eprintln!("10 MB name refused in {:.2?}", started.elapsed());
    assert!(
        err.message
            .contains("name is 10,000,000 characters long; the limit is 200"),
        "{err}"
    );
    assert!(
        err.to_string().len() < 400,
        "the name is not repeated in full"
    );
}

#[test]
fn an_empty_file_a_json_file_and_plain_text_are_not_workspaces() {
    let dir = tempfile::tempdir().unwrap();
    let err = load_error(dir.path(), "empty.ron", b"");
    assert!(err.message.contains("not a Flywheel workspace"), "{err}");
    assert!(err.message.contains("empty"), "{err}");
    let err = load_error(dir.path(), "blank.ron", b"  \n// just a comment\n");
    assert!(err.message.contains("empty"), "{err}");

    let err = load_error(dir.path(), "data.json", b"{\"title\": \"x\"}");
    assert_eq!(
        err.message,
        "this is not a Flywheel workspace (it looks like JSON): expected `(` at 1:1"
    );
    let err = load_error(dir.path(), "notes.ron", b"\n  1. buy steel\n");
    assert!(
        err.message
            .contains("this is not a Flywheel workspace: expected `(` at 2:3"),
        "{err}"
    );
    let err = load_error(dir.path(), "other.ron", b"(name: \"something else\")");
    assert!(err.message.contains("not a Flywheel workspace"), "{err}");
}

#[test]
fn format_version_0_was_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let text = demo_text().replacen(
        &format!("format_version: {},", flywheel::model::FORMAT_VERSION),
        "format_version: 0,",
        1,
    );
    let err = load_error(dir.path(), "zero.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::UnknownVersion);
    assert!(
        err.message
            .contains("format_version 0 is not a version Flywheel ever wrote"),
        "{err}"
    );
}

#[test]
fn a_truncated_file_suggests_its_backup_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let text = demo_text();
    let cut = &text.as_bytes()[..text.len() / 2];
    let err = load_error(dir.path(), "cut.ron", cut);
    assert!(err.message.contains("looks cut off"), "{err}");
    assert!(
        !err.message.contains(".bak"),
        "no backup, no suggestion: {err}"
    );

    write(dir.path(), "cut.ron.bak", text.as_bytes());
    let err = load_error(dir.path(), "cut.ron", cut);
    assert!(err.message.contains("looks cut off"), "{err}");
    assert!(err.message.contains("try opening"), "{err}");
    assert!(err.message.contains("cut.ron.bak"), "{err}");
}

#[test]
fn an_impossible_date_names_the_field_and_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo();
    let made_on = format!("made_on: \"{}\"", ws.commitments[0].made_on);
    let text = demo_text().replacen(&made_on, "made_on: \"2020-09-31\"", 1);
    let err = load_error(dir.path(), "date.ron", text.as_bytes());
    assert!(
        err.message.contains("made_on 2020-09-31 is not a date"),
        "{err}"
    );

    let text = demo_text().replacen(
        &format!("date: \"{}\"", ws.commitments[0].status_history[0].date),
        "date: \"31/12/2020\"",
        1,
    );
    let err = load_error(dir.path(), "status-date.ron", text.as_bytes());
    assert!(
        err.message.contains("date 31/12/2020 is not a date"),
        "{err}"
    );
}

#[test]
fn the_size_limit_in_the_message_is_the_docs() {
    let docs = std::fs::read_to_string("docs/file-format.md").unwrap();
    let limit_mb = MAX_FILE_BYTES / 1_000_000;
    assert!(
        docs.contains(&format!("files over {limit_mb} MB")),
        "docs/file-format.md states the {limit_mb} MB limit"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    let err = file::load(&path).unwrap_err();
    assert_eq!(err.kind, FileErrorKind::TooLarge);
    assert!(
        err.message.contains(&format!("limited to {limit_mb} MB")),
        "{err}"
    );
}

#[test]
fn check_escapes_control_characters_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo();
    let name = format!("name: \"{}\"", ws.stakeholders[0].name);
    // A RON string may hold raw control characters: a newline, and an
    // escape sequence that would clear the terminal.
    let text = demo_text().replacen(&name, "name: \"Evil\n\u{1b}[2J\u{7}Mill\"", 1);
    let text = text.replacen("influence: ", "influence: 9, // ", 1);
    let path = write(dir.path(), "evil.ron", text.as_bytes());
    let out = run_flywheel([Path::new("check"), &path]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        !stderr.trim_end().chars().any(char::is_control),
        "{stderr:?}"
    );
    assert!(stderr.contains("Evil\\n\\u{1b}[2J\\u{7}Mill"), "{stderr:?}");

    let title = demo_text().replacen(
        &format!("title: \"{}\"", ws.title),
        "title: \"Coalition\u{1b}]0;pwned\u{7}\"",
        1,
    );
    let path = write(dir.path(), "title.ron", title.as_bytes());
    let out = run_flywheel([Path::new("check"), &path]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Coalition\\u{1b}]0;pwned\\u{7}"),
        "{stdout:?}"
    );
    assert!(
        !stdout.trim_end().chars().any(char::is_control),
        "{stdout:?}"
    );
}

#[test]
fn a_stage_date_in_year_minus_262143_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ws = demo();
    let s = ws
        .stakeholders
        .iter()
        .find(|s| !s.stage_history.is_empty())
        .unwrap();
    let date = format!("date: \"{}\"", s.stage_history[0].date);
    let text = demo_text();
    let at = text.find(&s.id.to_string()).unwrap();
    let (before, after) = text.split_at(at);
    let text = format!(
        "{before}{}",
        after.replacen(&date, "date: \"-262143-01-01\"", 1)
    );
    let err = load_error(dir.path(), "ancient.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Invalid);
    assert!(err.message.contains(&format!("({})", s.id)), "{err}");
    assert!(
        err.message
            .contains("stage_history date -262143-01-01 is outside the years 1900 to 2200"),
        "{err}"
    );
}

#[test]
fn an_import_row_past_a_limit_is_skipped_naming_its_row_and_the_limit() {
    use flywheel::exchange::import::{Progress, TableKind, plan, read_bytes};
    let base = flywheel::assets::template(flywheel::model::Sector::IronSteel).unwrap();
    let csv = format!(
        "name,category,region,influence,support,notes,map_x,map_y\n{},industry,EU,3,0,,1,1\nFar Mill,industry,EU,3,0,,5000000,0\nNear Mill,industry,EU,3,0,,5,0\n",
        long(MAX_NAME_CHARS + 1)
    );
    let tables = read_bytes("members.csv", csv.as_bytes(), Some(TableKind::Stakeholders)).unwrap();
    let plan = plan(&base, &tables, today(), &Progress::default()).unwrap();
    let skipped: Vec<String> = plan
        .skipped
        .iter()
        .map(|s| format!("{}: {}", s.location, s.reason))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].starts_with("members.csv: row 1 (line 2): ")
            && skipped[0].contains("name is 201 characters long; the limit is 200"),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with("members.csv: row 2 (line 3): ")
            && skipped[1].contains("outside ±1000000 map units"),
        "{skipped:?}"
    );
    let imported = plan.apply(&base, &[]);
    assert_eq!(validate(&imported), Ok(()));
    assert_eq!(imported.stakeholders.len(), base.stakeholders.len() + 1);
}
