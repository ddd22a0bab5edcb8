//! Every character the UI's text uses has a glyph in the fonts the window
//! ships with: a missing one shows as an empty box on every screen, which
//! only a test that happens to draw that text would notice.

use std::path::Path;

use crate::support::repo_file;

/// The non-ASCII characters of every string literal in `dir`'s Rust files
/// (comments left out), with where each was first seen.
fn literal_chars(dir: &Path, found: &mut Vec<(char, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // Text for browsers (the HTML report) and terminals (the
            // command line) is not drawn with the window's fonts.
            let elsewhere = [repo_file("src/exchange/report"), repo_file("src/cli")];
            if !elsewhere.contains(&path) {
                literal_chars(&path, found);
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            // Inside quotes: every other piece between '"'s.
            for piece in line.split('"').skip(1).step_by(2) {
                for c in piece.chars().filter(|c| !c.is_ascii()) {
                    if !found.iter().any(|(seen, _)| *seen == c) {
                        found.push((c, format!("{}:{}", path.display(), n + 1)));
                    }
                }
            }
        }
    }
}

#[test]
fn every_character_in_the_uis_text_has_a_glyph() {
    let mut found = Vec::new();
    literal_chars(&repo_file("src"), &mut found);
    assert!(found.iter().any(|(c, _)| *c == '“'), "the scan finds text");
    let ctx = egui::Context::default();
    ctx.begin_pass(Default::default());
    let font = egui::FontId::proportional(14.0);
    let missing: Vec<String> = found
        .iter()
        .filter(|(c, _)| !ctx.fonts_mut(|f| f.has_glyph(&font, *c)))
        .map(|(c, at)| format!("{c} (U+{:04X}) at {at}", *c as u32))
        .collect();
    assert!(missing.is_empty(), "no glyph for: {missing:#?}");
}
