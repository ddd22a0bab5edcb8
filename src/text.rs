//! Words and numbers as people read them: counts with their noun, lists
//! as a sentence, numbers without trailing zeros, support scores with their
//! sign, titles as file names and figure names. Plain text with no egui,
//! so the model, exchange, the command line, the views and the app all
//! write them the same way.

/// `n` and its noun, in the singular for one: "1 commitment",
/// "3 commitments", "0 commitments". `one` and `many` may carry more words
/// ("stakeholder pledges", "stakeholders pledge").
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Words joined as a sentence lists them: "a", "a and b", "a, b and c".
pub fn join_words<S: AsRef<str>>(words: &[S]) -> String {
    match words {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", init.join(", "), last.as_ref())
        }
    }
}

/// `value` with at most `max_decimals` decimals and no trailing zeros:
/// `decimals(12.5, 3)` is `12.5`, `decimals(20.0, 2)` is `20`,
/// `decimals(1.0 / 3.0, 2)` is `0.33`.
pub fn decimals(value: f64, max_decimals: usize) -> String {
    let text = format!("{value:.max_decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A quantity as the app shows it: at most three decimals, no trailing
/// zeros: `12.5`, `3`, `0.125`.
pub fn format_quantity(value: f64) -> String {
    decimals(value, 3)
}

/// A support score as facilitators say it: "+2", "0", "−1" (a minus sign,
/// not a hyphen).
pub fn signed_score(score: i8) -> String {
    match score {
        0 => "0".to_string(),
        s if s > 0 => format!("+{s}"),
        s => format!("−{}", s.unsigned_abs()),
    }
}

/// The letters and digits of `text`, ASCII letters in lower case, each run
/// of anything else one `separator`, none at either end:
/// `slug("Civil society", '_')` is `civil_society` (the report's figure
/// names), `slug("Green Steel – 2030", '-')` is `green-steel-2030`. Empty
/// when `text` has no letter or digit.
pub fn slug(text: &str, separator: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(separator);
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// A file name (without extension) made from a title: its [`slug`] with
/// hyphens, or `workspace` when the title has no letter or digit.
pub fn file_stem(title: &str) -> String {
    let stem = slug(title, '-');
    if stem.is_empty() {
        "workspace".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_in_the_singular_and_the_plural() {
        assert_eq!(plural(1, "commitment", "commitments"), "1 commitment");
        assert_eq!(plural(3, "commitment", "commitments"), "3 commitments");
        assert_eq!(plural(0, "commitment", "commitments"), "0 commitments");
    }

    #[test]
    fn lists_read_as_a_sentence() {
        assert_eq!(join_words::<&str>(&[]), "");
        assert_eq!(join_words(&["demand"]), "demand");
        assert_eq!(join_words(&["demand", "supply"]), "demand and supply");
        assert_eq!(join_words(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn numbers_lose_their_trailing_zeros() {
        assert_eq!(format_quantity(12.5), "12.5");
        assert_eq!(format_quantity(3.0), "3");
        assert_eq!(format_quantity(0.1254), "0.125");
        assert_eq!(decimals(20.0, 2), "20");
        assert_eq!(decimals(2.5, 2), "2.5");
        assert_eq!(decimals(1.0 / 3.0, 2), "0.33");
        assert_eq!(decimals(100.0, 0), "100");
        assert_eq!(decimals(1e20, 2), "100000000000000000000");
    }

    #[test]
    fn support_scores_carry_their_sign() {
        assert_eq!(signed_score(2), "+2");
        assert_eq!(signed_score(0), "0");
        assert_eq!(signed_score(-1), "−1");
    }

    #[test]
    fn slugs_for_figure_names_and_file_names() {
        assert_eq!(slug("Civil society", '_'), "civil_society");
        assert_eq!(slug("R&D", '_'), "r_d");
        assert_eq!(slug("Roadmaps & metrics", '_'), "roadmaps_metrics");
        assert_eq!(slug("  ", '_'), "");
        assert_eq!(file_stem("Green Steel – 2030"), "green-steel-2030");
        assert_eq!(file_stem("  "), "workspace");
        assert_eq!(file_stem("Stahl & Wasserstoff"), "stahl-wasserstoff");
        assert_eq!(file_stem("Grüner Stahl"), "grüner-stahl");
    }
}
