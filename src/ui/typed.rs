//! Checking typed answers: turns the matcher's verdict into what the review
//! screen shows (a diff and a suggested grade).

use crate::matcher::{self, DiffKind};
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
    /// The accepted answer the typed one was compared with (the nearest of
    /// the answer and its `accept` alternatives); empty for lists.
    pub compared: String,
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

fn mark(kind: DiffKind) -> Mark {
    match kind {
        DiffKind::Same => Mark::Same,
        DiffKind::Missing => Mark::Missing,
        DiffKind::Extra => Mark::Extra,
        DiffKind::Changed => Mark::Changed,
    }
}

/// Compares a typed answer with the expected one ([`matcher::compare`]):
/// exact after normalisation is right, within the typo allowance is close.
#[must_use]
pub fn check(expected: &str, given: &str) -> Feedback {
    let verdict = matcher::compare(expected, given);
    let outcome = match verdict.outcome {
        matcher::Outcome::Exact => Outcome::Right,
        matcher::Outcome::Close => Outcome::Close,
        matcher::Outcome::Wrong => Outcome::Wrong,
    };
    Feedback {
        outcome,
        diff: verdict
            .diff
            .into_iter()
            .map(|span| (mark(span.kind), span.text))
            .collect(),
        items: Vec::new(),
        score: if outcome == Outcome::Wrong { 0.0 } else { 1.0 },
        compared: verdict.expected,
    }
}

/// Compares a typed list answer with the expected items
/// ([`matcher::compare_list`]): every item ✓ or ✗, the score is the share
/// matched. All items named is right, half or more is close.
#[must_use]
pub fn check_list(items: &[String], given: &str, ordered: bool) -> Feedback {
    let verdict = matcher::compare_list(items, given, ordered);
    let marks: Vec<(String, bool)> = items
        .iter()
        .zip(&verdict.items)
        .map(|(item, status)| {
            (
                item.clone(),
                matches!(status, matcher::ItemStatus::Matched { .. }),
            )
        })
        .collect();
    let all = verdict.matched() == items.len();
    Feedback {
        outcome: if all {
            Outcome::Right
        } else if verdict.score >= crate::quiz::PASS_CREDIT {
            Outcome::Close
        } else {
            Outcome::Wrong
        },
        diff: Vec::new(),
        items: marks,
        score: verdict.score,
        compared: String::new(),
    }
}
