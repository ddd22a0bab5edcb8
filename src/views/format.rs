//! How numbers and names are written on screen and in file names: plain
//! text, no egui, shared by every view and by the app.

/// A quantity with at most three decimals and no trailing zeros:
/// `12.5`, `3`, `0.125`.
pub fn format_quantity(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub use crate::model::signed_score as signed;

/// A file name made from a title: letters and digits, lower case, joined
/// by hyphens (`"Green Steel – 2030"` → `green-steel-2030`).
pub fn slug(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "workspace".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_scores_and_slugs() {
        assert_eq!(format_quantity(12.5), "12.5");
        assert_eq!(format_quantity(3.0), "3");
        assert_eq!(format_quantity(0.1254), "0.125");
        assert_eq!(signed(2), "+2");
        assert_eq!(signed(0), "0");
        assert_eq!(signed(-1), "−1");
        assert_eq!(slug("Green Steel – 2030"), "green-steel-2030");
        assert_eq!(slug("  "), "workspace");
        assert_eq!(slug("Stahl & Wasserstoff"), "stahl-wasserstoff");
    }
}
