//! Checking typed answers: turns the matcher's verdict into what the review
//! screen shows (a diff and a suggested grade).

use unicode_normalization::UnicodeNormalization;

use crate::progress::Grade;

/// How a typed answer compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Right,
    /// Accepted with a small typo.
    Close,
    Wrong,
}

/// One piece of the diff of a typed answer against the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Same,
    /// In the expected answer but not typed.
    Missing,
    /// Typed but not expected.
    Extra,
    /// Typed differently.
    Changed,
}

/// What the review screen shows after a typed answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub outcome: Outcome,
    /// The typed answer marked piece by piece.
    pub diff: Vec<(Mark, String)>,
    /// For list cards: each expected item and whether it was named.
    pub items: Vec<(String, bool)>,
    /// Credit 0..=1 (list cards can earn part of it).
    pub score: f64,
}

impl Feedback {
    /// The grade to suggest: Good when right, Hard for an accepted typo or a
    /// mostly complete list, Again otherwise.
    #[must_use]
    pub fn suggested(&self) -> Grade {
        match self.outcome {
            Outcome::Right => Grade::Good,
            Outcome::Close => Grade::Hard,
            Outcome::Wrong => Grade::Again,
        }
    }
}

fn norm(s: &str) -> String {
    s.nfc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Compares a typed answer with the expected one.
#[must_use]
pub fn check(expected: &str, given: &str) -> Feedback {
    let right = !given.trim().is_empty() && norm(expected) == norm(given);
    Feedback {
        outcome: if right {
            Outcome::Right
        } else {
            Outcome::Wrong
        },
        diff: vec![(
            if right { Mark::Same } else { Mark::Changed },
            given.to_owned(),
        )],
        items: Vec::new(),
        score: if right { 1.0 } else { 0.0 },
    }
}

/// Compares a typed list answer with the expected items.
#[must_use]
pub fn check_list(items: &[String], given: &str, _ordered: bool) -> Feedback {
    let parts: Vec<String> = given.split([',', ';', '\n']).map(norm).collect();
    let marks: Vec<(String, bool)> = items
        .iter()
        .map(|i| (i.clone(), parts.contains(&norm(i))))
        .collect();
    let hits = marks.iter().filter(|(_, ok)| *ok).count();
    #[allow(clippy::cast_precision_loss)]
    let score = if items.is_empty() {
        0.0
    } else {
        hits as f64 / items.len() as f64
    };
    Feedback {
        outcome: if hits == items.len() {
            Outcome::Right
        } else if score >= 0.5 {
            Outcome::Close
        } else {
            Outcome::Wrong
        },
        diff: Vec::new(),
        items: marks,
        score,
    }
}
