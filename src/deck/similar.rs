//! Questions asked twice: the same question in two notes (often in two
//! decks) or two questions that differ only by a typo. Reported as warnings
//! by `kartei check`, since such cards split one fact's progress in two.

use super::diagnostic::{Diagnostic, Severity, edit_distance};
use super::model::{Card, CardContent, Deck, cloze_text};
use super::set::DeckSet;

/// The question of a note as an author wrote it (a cloze text with every gap
/// filled), or `None` for generated sides such as the reversed card.
fn note_question(card: &Card) -> Option<String> {
    match &card.content {
        CardContent::Basic { reversed: true, .. } => None,
        CardContent::Cloze { segments, .. } => Some(cloze_text(segments, None)),
        _ => Some(card.question()),
    }
}

/// Warnings for duplicate and near-identical questions over all decks.
///
/// Exact duplicates are found by hashing; near-identical ones by comparing
/// each question with its neighbour in sorted order (a difference of at most
/// one character in ten), which finds typo-level copies in O(n log n)
/// without comparing every pair.
#[must_use]
pub fn similar_questions(set: &DeckSet) -> Vec<Diagnostic> {
    let mut notes: Vec<(String, &Deck, &Card)> = Vec::new();
    let mut last_note: Option<&str> = None;
    for (deck, card) in set.cards() {
        let note = card.id.note_key();
        if last_note == Some(note) {
            continue;
        }
        last_note = Some(note);
        if let Some(q) = note_question(card) {
            let normalised = crate::matcher::normalize(&q);
            if !normalised.is_empty() {
                notes.push((normalised, deck, card));
            }
        }
    }
    notes.sort_by(|a, b| a.0.cmp(&b.0));
    let mut warnings = Vec::new();
    for pair in notes.windows(2) {
        let ((qa, deck_a, a), (qb, deck_b, b)) = (&pair[0], &pair[1]);
        let what = if qa == qb {
            "the same question"
        } else {
            let len = qa.chars().count().max(qb.chars().count());
            let near = len >= 12
                && qa.chars().count().abs_diff(qb.chars().count()) <= len / 10
                && edit_distance(qa, qb) <= (len / 10).max(1);
            if !near {
                continue;
            }
            "almost the same question"
        };
        // Report at the card that comes later in load order.
        let (first, later) =
            if (deck_a.origin.display_name(), a.line) <= (deck_b.origin.display_name(), b.line) {
                ((deck_a, a), (deck_b, b))
            } else {
                ((deck_b, b), (deck_a, a))
            };
        warnings.push(Diagnostic {
            severity: Severity::Warning,
            file: later.0.origin.display_name(),
            line: later.1.line,
            column: 1,
            message: format!(
                "card `{}` asks {what} as `{}` ({}:{})",
                later.1.id,
                first.1.id,
                first.0.origin.display_name(),
                first.1.line
            ),
            help: Some(
                "keep one card per fact (progress is kept per card), or make the questions clearly different"
                    .to_owned(),
            ),
            source_line: None,
            width: 1,
        });
    }
    warnings
}
