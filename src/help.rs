//! The words behind the numbers, for Help › Definitions. The text is
//! `docs/definitions.md`, built into the binary and read here into one
//! entry per `##` or `###` heading, so the app and the docs say the same
//! thing in the same words (one text per fact). No egui: the Help menu
//! draws the entries.
//!
//! The reader knows the little Markdown that file uses: headings,
//! paragraphs and `- ` bullet lists, with `**bold**`, `` `code` `` and
//! `[links](…)` inside, which it turns into plain text. Anything else reads
//! as paragraph text, so nothing written there is ever dropped.

use std::sync::LazyLock;

/// `docs/definitions.md`, as built into the binary.
pub const DEFINITIONS_MARKDOWN: &str = include_str!("../docs/definitions.md");

/// One term and what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The heading, as plain text ("Active commitment").
    pub term: String,
    /// A `###` term, under the `##` term before it ("Share" under "The
    /// flywheel").
    pub is_subterm: bool,
    /// Its text, in order.
    pub blocks: Vec<Block>,
}

/// A paragraph or one item of a bullet list, as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Bullet(String),
}

/// Every definition of `docs/definitions.md`, in its order (read once).
pub fn definitions() -> &'static [Definition] {
    static DEFINITIONS: LazyLock<Vec<Definition>> = LazyLock::new(|| parse(DEFINITIONS_MARKDOWN));
    &DEFINITIONS
}

/// The definitions in `markdown`: one per `##` or `###` heading, with the
/// paragraphs and bullets under it. What comes before the first such
/// heading (the title and what the file is) is not a definition.
pub fn parse(markdown: &str) -> Vec<Definition> {
    let mut definitions: Vec<Definition> = Vec::new();
    // The block being read: its text so far, and whether it is a bullet.
    let mut open: Option<(String, bool)> = None;
    let close = |open: &mut Option<(String, bool)>, definitions: &mut Vec<Definition>| {
        if let (Some((text, is_bullet)), Some(definition)) = (open.take(), definitions.last_mut()) {
            let text = plain(&text);
            definition.blocks.push(if is_bullet {
                Block::Bullet(text)
            } else {
                Block::Paragraph(text)
            });
        }
    };
    for line in markdown.lines() {
        let trimmed = line.trim();
        if let Some((level, heading)) = heading(trimmed) {
            close(&mut open, &mut definitions);
            if level >= 2 {
                definitions.push(Definition {
                    term: plain(heading),
                    is_subterm: level >= 3,
                    blocks: Vec::new(),
                });
            }
        } else if trimmed.is_empty() {
            close(&mut open, &mut definitions);
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            close(&mut open, &mut definitions);
            open = Some((item.to_string(), true));
        } else if let Some((text, _)) = &mut open {
            // A wrapped line of the paragraph or bullet being read.
            text.push(' ');
            text.push_str(trimmed);
        } else {
            open = Some((trimmed.to_string(), false));
        }
    }
    close(&mut open, &mut definitions);
    definitions
}

/// A heading's level and text: `## Coverage` is `(2, "Coverage")`.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let text = line[level..].strip_prefix(' ')?;
    (level > 0).then_some((level, text.trim()))
}

/// Markdown inline text as a user reads it: `**bold**` and `` `code` ``
/// lose their marks, and a link `[text](address)` becomes its text.
pub fn plain(markdown: &str) -> String {
    let without_marks = markdown.replace("**", "").replace('`', "");
    let mut out = String::with_capacity(without_marks.len());
    let mut rest = without_marks.as_str();
    while let Some(start) = rest.find('[') {
        let after = &rest[start + 1..];
        let link = after.find("](").and_then(|close| {
            let address = &after[close + 2..];
            address.find(')').map(|end| (close, close + 2 + end + 1))
        });
        match link {
            Some((text_end, link_end)) => {
                out.push_str(&rest[..start]);
                out.push_str(&after[..text_end]);
                rest = &after[link_end..];
            }
            None => {
                out.push_str(&rest[..=start]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_start_definitions_and_text_before_them_is_not_one() {
        let parsed = parse(
            "# Definitions\n\nWhat the figures mean.\n\n## Coverage\n\nThe share of a\n\
             category.\n\n## The flywheel\n\nFour parts.\n\n### Share\n\nPledged over target.\n",
        );
        assert_eq!(
            parsed,
            vec![
                Definition {
                    term: "Coverage".into(),
                    is_subterm: false,
                    blocks: vec![Block::Paragraph("The share of a category.".into())],
                },
                Definition {
                    term: "The flywheel".into(),
                    is_subterm: false,
                    blocks: vec![Block::Paragraph("Four parts.".into())],
                },
                Definition {
                    term: "Share".into(),
                    is_subterm: true,
                    blocks: vec![Block::Paragraph("Pledged over target.".into())],
                },
            ]
        );
    }

    #[test]
    fn bullets_are_items_of_their_own_and_keep_their_wrapped_lines() {
        let parsed = parse(
            "## Pledged\n\nHow pledges combine:\n\n- **Additive** (Mt/yr): pledges\n  add up.\n\
             - **Rate** (`%`): never added.\n\nA closing word.\n",
        );
        assert_eq!(
            parsed[0].blocks,
            vec![
                Block::Paragraph("How pledges combine:".into()),
                Block::Bullet("Additive (Mt/yr): pledges add up.".into()),
                Block::Bullet("Rate (%): never added.".into()),
                Block::Paragraph("A closing word.".into()),
            ]
        );
    }

    #[test]
    fn marks_and_links_become_plain_text() {
        assert_eq!(
            plain("**Changed on** in `src/analysis/` ([the guide](user-guide.md#tabs))"),
            "Changed on in src/analysis/ (the guide)"
        );
        assert_eq!(
            plain("at risk < announced [sic"),
            "at risk < announced [sic"
        );
        assert_eq!(plain("#hashtag"), "#hashtag");
    }

    /// Every `##` and `###` heading of the file is a definition the Help
    /// menu shows, and none is empty.
    #[test]
    fn every_term_of_the_docs_is_in_help() {
        let headings: Vec<String> = DEFINITIONS_MARKDOWN
            .lines()
            .filter_map(|line| {
                let term = line
                    .strip_prefix("### ")
                    .or_else(|| line.strip_prefix("## "))?;
                Some(plain(term.trim()))
            })
            .collect();
        let terms: Vec<&str> = definitions().iter().map(|d| d.term.as_str()).collect();
        assert_eq!(terms, headings);
        assert!(terms.len() >= 10, "{terms:?}");
        for definition in definitions() {
            assert!(
                !definition.blocks.is_empty(),
                "{} is empty",
                definition.term
            );
            for block in &definition.blocks {
                let (Block::Paragraph(text) | Block::Bullet(text)) = block;
                assert!(
                    !text.contains("**") && !text.contains('`'),
                    "{}: {text}",
                    definition.term
                );
            }
        }
    }

    /// The terms the app sends its users to ("see Help › White spaces"),
    /// found by reading every source file, are all defined.
    #[test]
    fn every_term_the_app_refers_to_is_defined() {
        const REFERENCE: &str = "Help › ";
        let mut sources = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
        let mut references = Vec::new();
        while let Some(path) = sources.pop() {
            if path.is_dir() {
                for entry in std::fs::read_dir(&path).unwrap() {
                    sources.push(entry.unwrap().path());
                }
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("help.rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices(REFERENCE) {
                    let after = &text[at + REFERENCE.len()..];
                    let after = after.strip_prefix("Definitions › ").unwrap_or(after);
                    references.push((path.clone(), after.chars().take(60).collect::<String>()));
                }
            }
        }
        let defined = |text: &str| {
            text.starts_with("Definitions")
                || definitions().iter().any(|d| text.starts_with(&d.term))
        };
        assert!(
            !references.is_empty(),
            "the white spaces tab refers to Help"
        );
        for (path, text) in &references {
            assert!(
                defined(text),
                "{} refers to Help › {text}…, which docs/definitions.md does not define",
                path.display()
            );
        }
    }
}
