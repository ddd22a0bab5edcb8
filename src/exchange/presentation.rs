//! What presenter mode puts on a projector: always the share copy's
//! redaction (no contacts, no confidential names or details, no team
//! notes: see [`super::share`]), and, for rooms where no name may be
//! shown, every stakeholder anonymised.
//!
//! Anonymised, a stakeholder is named by its category and a letter
//! ("Industry A", "Bank B"), lettered in list order within its category, so
//! the names stay the same while presenting. Free text that could name one
//! goes too: a commitment's title becomes its kind ("Procurement pledge"),
//! and sources, notes, tags and relationship notes are left out. Regions,
//! scores, stages, dates and quantities stay, so every chart is unchanged.

use chrono::NaiveDate;

use super::share::{ShareOptions, share_copy};
use crate::model::{Category, Workspace};

/// The workspace as presenter mode shows it.
pub fn presentation_copy(ws: &Workspace, anonymise: bool, today: NaiveDate) -> Workspace {
    let mut copy = share_copy(ws, &ShareOptions::default(), today);
    if anonymise {
        anonymise_everyone(&mut copy);
    }
    copy
}

fn anonymise_everyone(ws: &mut Workspace) {
    let mut numbers = [0usize; Category::ALL.len()];
    for s in &mut ws.stakeholders {
        let number = &mut numbers[s.category as usize];
        *number += 1;
        s.name = format!("{} {}", s.category.label(), letters(*number));
        s.tags.clear();
        s.notes.clear();
    }
    for c in &mut ws.commitments {
        c.title = c.kind.label().to_string();
        c.source.clear();
        c.notes.clear();
    }
    for r in &mut ws.relationships {
        r.note.clear();
    }
}

/// 1 → "A", 26 → "Z", 27 → "AA", as spreadsheet columns are lettered.
fn letters(mut number: usize) -> String {
    let mut letters = Vec::new();
    while number > 0 {
        number -= 1;
        letters.push(char::from(b'A' + (number % 26) as u8));
        number /= 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::demo;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn letters_go_on_after_z() {
        let got: Vec<String> = [1, 2, 26, 27, 28, 52, 53, 702, 703]
            .into_iter()
            .map(letters)
            .collect();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn anonymised_names_are_never_real_ones_and_stay_the_same() {
        let ws = demo().unwrap();
        let shown = presentation_copy(&ws, true, today());
        for (real, shown) in ws.stakeholders.iter().zip(&shown.stakeholders) {
            assert_eq!(real.id, shown.id);
            assert_ne!(real.name, shown.name);
            assert!(shown.name.starts_with(real.category.label()));
        }
        let industry: Vec<&str> = shown
            .stakeholders
            .iter()
            .filter(|s| s.category == Category::Industry)
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(&industry[..3], ["Industry A", "Industry B", "Industry C"]);
        assert_eq!(presentation_copy(&ws, true, today()), shown);
        // No real name is left anywhere in the text of the copy.
        let text = crate::file::to_text(&shown).unwrap();
        for s in &ws.stakeholders {
            assert!(!text.contains(&s.name), "{} is still in the copy", s.name);
        }
    }

    #[test]
    fn without_anonymising_it_is_the_share_copy() {
        let ws = demo().unwrap();
        let shown = presentation_copy(&ws, false, today());
        assert_eq!(shown, share_copy(&ws, &ShareOptions::default(), today()));
        assert!(ws.stakeholders.iter().any(|s| s.confidential));
    }
}
