//! The workspace file format: round trips, determinism, migrations and every
//! kind of bad input a file from an email attachment can bring.

use std::fs;

use flywheel::assets;
use flywheel::file::{self, FileErrorKind, MAX_FILE_BYTES};
use flywheel::model::{FORMAT_VERSION, Sector};

use crate::support::{demo, demo_path, demo_text, fixture, repo_file, temp_dir, write};

#[test]
fn the_demo_is_big_enough_and_covers_every_category() {
    let ws = demo();
    assert!(ws.stakeholders.len() >= 25);
    assert!(ws.commitments.len() >= 40);
    assert!(!ws.relationships.is_empty());
    for category in flywheel::model::Category::ALL {
        assert!(
            ws.stakeholders.iter().any(|s| s.category == *category),
            "no {category} in the demo"
        );
    }
    let years: std::collections::BTreeSet<i32> = ws
        .commitments
        .iter()
        .map(|c| chrono::Datelike::year(&c.made_on))
        .collect();
    for year in 2019..=2026 {
        assert!(years.contains(&year), "no commitment made in {year}");
    }
    let milestone_years: Vec<i32> = ws.roadmap.milestones.iter().map(|m| m.year).collect();
    assert_eq!(milestone_years, vec![2025, 2030, 2035, 2040, 2045, 2050]);
    assert!(ws.notes.to_lowercase().contains("fictional"));
}

#[test]
fn every_sector_has_a_template_with_milestones() {
    for sector in Sector::ALL {
        let ws = assets::template(*sector).expect("template loads");
        assert_eq!(ws.sector, *sector);
        assert!(ws.stakeholders.is_empty());
        assert!(
            ws.roadmap.milestones.len() >= 2,
            "{sector} template has no roadmap"
        );
        assert!(ws.roadmap.milestones.iter().all(|m| m.year % 5 == 0));
    }
}

#[test]
fn built_in_files_are_in_the_form_flywheel_saves() {
    // Assets are stored exactly as Flywheel writes them, so the demo a user
    // saves unchanged diffs clean against the one shipped. Run with
    // FLYWHEEL_BLESS=1 to rewrite them after a deliberate format change.
    let mut paths = vec![demo_path()];
    for sector in Sector::ALL {
        paths.push(repo_file("assets/templates").join(assets::template_source(*sector).0));
    }
    for path in paths {
        let text = fs::read_to_string(&path).expect("asset readable");
        let ws = file::parse(&path, text.as_bytes()).expect("asset valid");
        let canonical = file::to_text(&ws).expect("serialises");
        if std::env::var_os("FLYWHEEL_BLESS").is_some() {
            fs::write(&path, &canonical).expect("rewrite asset");
        } else {
            assert!(
                text == canonical,
                "{} is not in canonical form; run FLYWHEEL_BLESS=1 cargo test",
                path.display()
            );
        }
    }
}

#[test]
fn demo_round_trips_and_two_saves_are_byte_identical() {
    let dir = temp_dir();
    let ws = demo();
    let first = dir.path().join("first.ron");
    let second = dir.path().join("second.ron");
    file::save(&ws, &first).unwrap();
    let loaded = file::load(&first).unwrap();
    assert_eq!(loaded, ws);
    file::save(&loaded, &second).unwrap();
    assert_eq!(fs::read(&first).unwrap(), fs::read(&second).unwrap());
    let text = fs::read_to_string(&first).unwrap();
    assert!(!text.contains('\r'), "newlines are \\n on every OS");
    let version_line = text
        .lines()
        .position(|l| l.contains("format_version"))
        .unwrap();
    assert!(version_line < 5, "format_version is near the top");
}

#[test]
fn saving_keeps_the_previous_version_as_bak() {
    let dir = temp_dir();
    let path = dir.path().join("coalition.ron");
    let mut ws = demo();
    file::save(&ws, &path).unwrap();
    let before = fs::read(&path).unwrap();
    ws.title = "Renamed".into();
    file::save(&ws, &path).unwrap();
    assert_eq!(fs::read(file::backup_path(&path)).unwrap(), before);
    assert_eq!(file::load(&path).unwrap().title, "Renamed");
    assert_eq!(
        file::backup_path(&path).file_name().unwrap(),
        "coalition.ron.bak"
    );
    // No temporary files are left behind.
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_failed_save_leaves_the_previous_file_intact() {
    let dir = temp_dir();
    let path = dir.path().join("coalition.ron");
    let ws = demo();
    file::save(&ws, &path).unwrap();
    let before = fs::read(&path).unwrap();

    // An inconsistent workspace is refused before anything is written.
    let mut broken = ws.clone();
    broken.stakeholders[0].influence = 9;
    let err = file::save(&broken, &path).unwrap_err();
    assert_eq!(err.kind, FileErrorKind::Invalid);
    assert!(err.message.contains("influence 9"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);

    // A folder that does not exist: nothing is written anywhere.
    let missing = dir.path().join("no-such-folder").join("x.ron");
    let err = file::save(&ws, &missing).unwrap_err();
    assert_eq!(err.kind, FileErrorKind::Io);
    assert!(err.to_string().starts_with(&missing.display().to_string()));
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_gives_a_clear_error_and_keeps_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let path = dir.path().join("coalition.ron");
    file::save(&demo(), &path).unwrap();
    let before = fs::read(&path).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    if fs::write(&probe, b"x").is_ok() {
        // Running as root: permissions do not stop us, nothing to test.
        let _ = fs::remove_file(probe);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let mut ws = demo();
    ws.title = "Changed".into();
    let err = file::save(&ws, &path).unwrap_err();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(err.message.contains("permission denied"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn every_released_format_still_loads() {
    let mut versions = 0;
    for entry in fs::read_dir(fixture("")).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        versions += 1;
        for file in fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let ws = file::load(&path).unwrap_or_else(|err| panic!("{err}"));
            assert_eq!(ws.format_version, FORMAT_VERSION);
        }
    }
    assert_eq!(
        versions as u32, FORMAT_VERSION,
        "one fixture folder per released format"
    );
}

#[test]
fn the_format_1_fixture_keeps_every_field() {
    let ws = file::load(&fixture("v1/every-field.ron")).unwrap();
    assert_eq!(ws.title, "Format 1 fixture: every field");
    assert_eq!(ws.tipping_point_percent, 25.0);
    assert_eq!(ws.stakeholders[0].tags, vec!["eaf".to_string()]);
    let c = &ws.commitments[0];
    assert_eq!(c.target_year, Some(2030));
    assert_eq!(c.quantity.as_ref().unwrap().unit, "Mt");
    assert_eq!(c.status_history.len(), 2);
    assert_eq!(c.metric, Some(ws.roadmap.metrics[0].id));
    assert_eq!(ws.workshops[0].attendees, vec![ws.stakeholders[0].id]);
    let position = ws.stakeholders[0].map_position.unwrap();
    assert_eq!((position.x, position.y), (120.0, -35.5));
}

#[test]
fn an_unknown_field_is_refused_rather_than_dropped() {
    let text = demo_text().replacen("\tnotes: ", "\tcolour: \"green\",\n\tnotes: ", 1);
    let err = load_error("unknown.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Syntax);
    assert!(err.message.contains("colour"), "{err}");
    let line = text.lines().nth(err.position.unwrap().line - 1).unwrap();
    assert!(line.contains("colour"), "{err} points at {line:?}");
}

/// Loads `bytes` as a file and returns the error's text.
fn load_error(name: &str, bytes: &[u8]) -> file::FileError {
    let dir = temp_dir();
    let path = write(dir.path(), name, bytes);
    let err = file::load(&path).expect_err("must be refused");
    assert!(err.to_string().starts_with(&path.display().to_string()));
    err
}

#[test]
fn a_newer_format_is_refused_not_loaded_with_data_dropped() {
    let newer = FORMAT_VERSION + 1;
    let text = demo_text().replace(
        &format!("format_version: {FORMAT_VERSION},"),
        &format!("format_version: {newer},"),
    );
    assert!(text.contains(&format!("format_version: {newer},")));
    let err = load_error("newer.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::NewerVersion);
    assert!(
        err.message.contains(&format!(
            "made by a newer Flywheel (format {newer}); please update \
             (this Flywheel reads formats up to {FORMAT_VERSION})"
        )),
        "{err}"
    );
    assert_eq!(err.position.unwrap().line, 4);
}

#[test]
fn a_file_without_a_version_is_not_a_workspace() {
    let err = load_error("plain.ron", b"(title: \"x\")");
    assert!(err.message.contains("format_version"), "{err}");
}

#[test]
fn a_truncated_file_says_so_with_a_position() {
    let text = demo_text();
    let cut = &text[..text.len() / 2];
    let err = load_error("truncated.ron", cut.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Syntax);
    let position = err.position.expect("a position");
    assert!(position.line > 100, "{err}");
    assert!(err.message.contains("ends too early"), "{err}");
}

#[test]
fn wrong_types_are_reported_at_their_line() {
    let text = demo_text().replacen("influence: ", "influence: \"high\", _was: ", 1);
    let err = load_error("types.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Syntax);
    let position = err.position.expect("a position");
    let line = text.lines().nth(position.line - 1).unwrap();
    assert!(line.contains("influence"), "{err} points at {line:?}");
}

#[test]
fn broken_references_name_the_record() {
    let ws = demo();
    let target = ws.relationships[0].to.to_string();
    let text = demo_text().replacen(
        &format!("to: \"{target}\""),
        "to: \"00000000-0000-4000-8000-000000000000\"",
        1,
    );
    let err = load_error("refs.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Invalid);
    assert!(err.message.contains("relationship"), "{err}");
    assert!(err.message.contains("unknown stakeholder"), "{err}");
    let line = text.lines().nth(err.position.unwrap().line - 1).unwrap();
    assert!(line.contains(&ws.relationships[0].id.to_string()), "{err}");
}

#[test]
fn duplicate_ids_are_refused() {
    let ws = demo();
    let first = ws.stakeholders[0].id.to_string();
    let second = ws.stakeholders[1].id.to_string();
    let text = demo_text().replacen(&format!("id: \"{second}\""), &format!("id: \"{first}\""), 1);
    let err = load_error("dup.ron", text.as_bytes());
    assert!(err.message.contains("used twice"), "{err}");
}

#[test]
fn non_utf8_bytes_are_refused_with_their_position() {
    let mut bytes = demo_text().into_bytes();
    let at = bytes.len() / 3;
    bytes[at] = 0xFF;
    let err = load_error("binary.ron", &bytes);
    assert_eq!(err.kind, FileErrorKind::NotUtf8);
    assert!(err.message.contains("not UTF-8"), "{err}");
    assert!(err.position.is_some());
}

#[test]
fn deeply_nested_brackets_are_refused_without_a_crash() {
    let depth = 100_000;
    let brackets = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // Where a string belongs, the first bracket is already wrong.
    let text = format!("(format_version: 1, title: {brackets})");
    let err = load_error("nested.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Syntax);
    // With the version elsewhere, the whole file is read to find it, which
    // is where the nesting would run deep.
    let text = format!("(title: {brackets}, format_version: 1)");
    let err = load_error("nested.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Syntax);
    assert!(err.message.contains("nested"), "{err}");
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = temp_dir();
    let path = dir.path().join("huge.ron");
    let handle = fs::File::create(&path).unwrap();
    // 200 MB, sparse: the size is checked before a single byte is read.
    handle.set_len(200 * 1_000_000).unwrap();
    const { assert!(200 * 1_000_000 > MAX_FILE_BYTES) };
    let err = file::load(&path).unwrap_err();
    assert_eq!(err.kind, FileErrorKind::TooLarge);
    assert!(err.message.contains("200 MB"), "{err}");
}

#[test]
fn a_missing_file_and_a_folder_get_plain_messages() {
    let dir = temp_dir();
    let err = file::load(&dir.path().join("nope.ron")).unwrap_err();
    assert!(err.message.contains("does not exist"), "{err}");
    let err = file::load(dir.path()).unwrap_err();
    assert!(err.message.contains("folder"), "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(demo_text().into_bytes());
    let dir = temp_dir();
    let path = write(dir.path(), "bom.ron", &bytes);
    assert_eq!(file::load(&path).unwrap(), demo());
}

#[test]
fn a_file_cut_off_inside_a_text_says_it_is_truncated() {
    let text = demo_text();
    let at = text.find("name: \"").expect("a name") + "name: \"Iron".len();
    let err = load_error("cut-in-text.ron", &text.as_bytes()[..at]);
    assert_eq!(err.kind, FileErrorKind::Syntax);
    assert!(err.message.contains("ends too early"), "{err}");
}
