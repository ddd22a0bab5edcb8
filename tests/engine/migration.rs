//! Migrations between file formats: every released format's fixture loads,
//! becomes the current format and saves without losing anything.

use std::fs;

use flywheel::file::{self, FileErrorKind};
use flywheel::model::{FORMAT_VERSION, MetricKind, Removed};

use crate::support::{fixture, temp_dir};

/// Loads `bytes` as a file and returns the error.
fn load_error(name: &str, bytes: &[u8]) -> file::FileError {
    let dir = temp_dir();
    let path = dir.path().join(name);
    fs::write(&path, bytes).expect("write test file");
    file::load(&path).expect_err("must be refused")
}

#[test]
fn the_format_2_fixture_keeps_metric_kinds() {
    let ws = file::load(&fixture("v2/every-field.ron")).unwrap();
    assert_eq!(ws.title, "Format 2 fixture: every field");
    let kinds: Vec<MetricKind> = ws.roadmap.metrics.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, vec![MetricKind::Additive, MetricKind::Rate]);
}

/// Whether everything `old` says is said, the same, in `new`: `new` may only
/// add fields (a metric's `kind`, fields written out at their default).
fn keeps_everything(old: &ron::Value, new: &ron::Value, at: &str) -> Result<(), String> {
    use ron::Value;
    match (old, new) {
        (Value::Map(old), Value::Map(new)) => {
            for (key, value) in old.iter() {
                let name = format!("{at}.{key:?}");
                let Some(kept) = new.get(key) else {
                    return Err(format!("{name} was dropped"));
                };
                keeps_everything(value, kept, &name)?;
            }
            Ok(())
        }
        (Value::Seq(old), Value::Seq(new)) if old.len() == new.len() => old
            .iter()
            .zip(new)
            .enumerate()
            .try_for_each(|(i, (a, b))| keeps_everything(a, b, &format!("{at}[{i}]"))),
        (Value::Option(Some(old)), Value::Option(Some(new))) => keeps_everything(old, new, at),
        (Value::Number(old), Value::Number(new)) if old.into_f64() == new.into_f64() => Ok(()),
        (old, new) if old == new => Ok(()),
        (old, new) => Err(format!("{at}: {old:?} became {new:?}")),
    }
}

#[test]
fn every_format_1_fixture_migrates_and_saves_as_the_current_format_with_nothing_lost() {
    let dir = temp_dir();
    let mut fixtures = 0;
    for entry in fs::read_dir(fixture("v1")).unwrap() {
        let path = entry.unwrap().path();
        fixtures += 1;
        let old_text = fs::read_to_string(&path).unwrap();
        assert!(
            old_text.contains("format_version: 1,"),
            "{}",
            path.display()
        );
        let ws = file::load(&path).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(ws.format_version, FORMAT_VERSION);
        // Each metric gets the kind its unit suggests.
        for metric in &ws.roadmap.metrics {
            assert_eq!(
                metric.kind,
                MetricKind::from_unit(&metric.unit),
                "{}",
                metric.name
            );
        }

        let saved = dir.path().join("saved.ron");
        file::save(&ws, &saved).unwrap();
        let new_text = fs::read_to_string(&saved).unwrap();
        assert!(new_text.contains(&format!("format_version: {FORMAT_VERSION},")));
        assert_eq!(
            new_text.matches("kind: Additive,").count() + new_text.matches("kind: Rate,").count(),
            ws.roadmap.metrics.len(),
            "every metric's kind is written out"
        );
        // Re-loading the saved file gives the same workspace…
        assert_eq!(file::load(&saved).unwrap(), ws, "{}", path.display());
        // …and every value of the format 1 text is in the saved text.
        let old: ron::Value = ron::from_str(&old_text).unwrap();
        let new: ron::Value = ron::from_str(&new_text).unwrap();
        let mut old = old;
        if let ron::Value::Map(map) = &mut old {
            map.insert(
                ron::Value::String("format_version".into()),
                ron::Value::Number(FORMAT_VERSION.into()),
            );
        }
        keeps_everything(&old, &new, &path.display().to_string()).unwrap();
    }
    assert!(fixtures >= 2);
}

#[test]
fn a_format_1_percentage_metric_becomes_a_rate() {
    let ws = file::load(&fixture("v1/metric-kinds.ron")).unwrap();
    let kinds: Vec<(&str, MetricKind)> = ws
        .roadmap
        .metrics
        .iter()
        .map(|m| (m.name.as_str(), m.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("Clinker factor", MetricKind::Rate),
            ("Cement CO2 intensity", MetricKind::Rate),
            ("CO2 captured", MetricKind::Additive),
            ("CCS plants at FID", MetricKind::Additive),
        ]
    );
    assert_eq!(ws.roadmap.metrics[1].description, "per tonne of cement");
    assert_eq!(
        ws.roadmap.target(2030, ws.roadmap.metrics[0].id),
        Some(65.0)
    );
}

#[test]
fn a_format_2_metric_without_a_kind_is_refused() {
    let text = fs::read_to_string(fixture("v2/every-field.ron"))
        .unwrap()
        .replacen("                kind: Rate,\n", "", 1);
    let err = load_error("no-kind.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Syntax);
    assert!(err.message.contains("kind"), "{err}");
}

#[test]
fn a_format_2_file_migrates_to_a_workspace_that_is_not_a_share_copy() {
    let path = &fixture("v2/every-field.ron");
    let ws = file::load(path).unwrap();
    assert_eq!(ws.format_version, FORMAT_VERSION);
    assert_eq!(ws.share, None);
    let dir = temp_dir();
    let saved = dir.path().join("saved.ron");
    file::save(&ws, &saved).unwrap();
    let new_text = fs::read_to_string(&saved).unwrap();
    assert!(!new_text.contains("share:"), "no marker is written");
    let mut old: ron::Value = ron::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    if let ron::Value::Map(map) = &mut old {
        map.insert(
            ron::Value::String("format_version".into()),
            ron::Value::Number(FORMAT_VERSION.into()),
        );
    }
    let new: ron::Value = ron::from_str(&new_text).unwrap();
    keeps_everything(&old, &new, "v2/every-field.ron").unwrap();
}

#[test]
fn the_format_3_fixture_keeps_its_share_marker_through_a_save() {
    let path = &fixture("v3/every-field.ron");
    let text = fs::read_to_string(path).unwrap();
    let ws = file::load(path).unwrap();
    let marker = ws.share.as_ref().expect("the fixture is a share copy");
    assert_eq!(marker.from_title, "Format 3 fixture: the original");
    assert_eq!(marker.made_on.to_string(), "2026-11-23");
    assert_eq!(
        marker.removed,
        Removed {
            contacts: true,
            confidential_names: true,
            commitment_details: true,
            scores: true,
            team_notes: true,
        }
    );
    // Stored as Flywheel wrote it then, so a save changes nothing but the
    // indentation (four spaces then, a tab since) and the format number.
    let tabbed: String = text
        .lines()
        .map(|line| {
            let content = line.trim_start_matches(' ');
            let levels = (line.len() - content.len()) / 4;
            format!("{}{content}\n", "\t".repeat(levels))
        })
        .collect();
    let current = tabbed.replacen("format_version: 3,", "format_version: 5,", 1);
    assert_eq!(file::to_text(&ws).unwrap(), current);
    // Format 3 had no presentation of its own: the default slides.
    assert!(ws.presentation.is_empty());
    assert_eq!(ws.deck(), flywheel::model::Slide::DEFAULT_DECK);
}

#[test]
fn the_format_4_fixture_keeps_its_slides_and_saves_as_it_was_but_its_format() {
    use flywheel::model::Slide;
    let path = &fixture("v4/every-field.ron");
    let text = fs::read_to_string(path).unwrap();
    let ws = file::load(path).unwrap();
    assert_eq!(
        ws.deck(),
        [Slide::ValueChain, Slide::Momentum, Slide::SharedVision]
    );
    let current = text.replacen("format_version: 4,", "format_version: 5,", 1);
    assert_eq!(file::to_text(&ws).unwrap(), current);
}

#[test]
fn a_presentation_that_lists_a_slide_twice_is_refused() {
    let text = fs::read_to_string(fixture("v4/every-field.ron"))
        .unwrap()
        .replacen("\t\tMomentum,\n", "\t\tMomentum,\n\t\tMomentum,\n", 1);
    let err = load_error("twice.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Invalid);
    assert!(err.message.contains("“Momentum” twice"), "{err}");
}

#[test]
fn a_format_2_file_with_a_share_marker_is_refused() {
    let text = fs::read_to_string(fixture("v3/every-field.ron"))
        .unwrap()
        .replacen("format_version: 3,", "format_version: 2,", 1);
    let err = load_error("v2-with-marker.ron", text.as_bytes());
    assert_eq!(err.kind, FileErrorKind::Syntax);
    assert!(err.message.contains("share"), "{err}");
}

#[test]
fn the_format_5_fixture_keeps_its_lineage_workshop_links_and_open_conflicts_and_saves_as_it_is() {
    let path = &fixture("v5/every-field.ron");
    let text = fs::read_to_string(path).unwrap();
    let ws = file::load(path).unwrap();
    let lineage = ws.lineage.as_ref().expect("a saved format 5 file");
    assert_eq!(lineage.parents.len(), 2);
    assert_eq!(lineage.ancestors.len(), 3);
    assert_eq!(lineage.merged.len(), 1);
    let workshop = ws.workshops[0].id;
    assert_eq!(ws.stakeholders[0].stage_history[0].workshop, Some(workshop));
    assert_eq!(ws.commitments[0].workshop, Some(workshop));
    // The conflict a merge left open can still be chosen.
    let [conflict] = ws.open_conflicts.as_slice() else {
        panic!("{:?}", ws.open_conflicts);
    };
    assert_eq!(ws.stakeholders[0].region, "Nordics");
    let theirs =
        flywheel::merge::apply_choice(&ws, conflict, flywheel::merge::Side::Theirs).unwrap();
    assert_eq!(theirs.stakeholders[0].region, "Baltics");
    assert_eq!(file::to_text(&ws).unwrap(), text);
}

#[test]
fn a_format_4_file_has_no_lineage_until_it_is_saved() {
    let ws = file::load(&fixture("v4/every-field.ron")).unwrap();
    assert_eq!(ws.lineage, None);
    assert!(ws.commitments.iter().all(|c| c.workshop.is_none()));
}
