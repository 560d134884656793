//! The exams the journal knows: `exam_add` and `exam_remove` events replayed
//! in time order (ties keep journal order), so two machines' journals merged
//! by `sync merge` agree on them.

use chrono::NaiveDate;

use super::event::{Event, EventBody};
use crate::deck::{Card, CardKey};

/// An exam: a name, a date and the material it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exam {
    pub name: String,
    /// The day of the exam (a local calendar date).
    pub date: NaiveDate,
    /// Decks covered (empty: every deck).
    pub decks: Vec<String>,
    /// When not empty, only cards with one of these tags are covered.
    pub tags: Vec<String>,
}

impl Exam {
    /// Whether `card` is exam material: in one of its decks (any deck when
    /// none is named) and, when tags are named, carrying one of them — the
    /// same filter as `kartei quiz --deck ... --tag ...`.
    #[must_use]
    pub fn covers(&self, card: &Card) -> bool {
        self.covers_key(&card.key())
    }

    /// [`Exam::covers`] by the card's key.
    #[must_use]
    pub fn covers_key(&self, card: &CardKey<'_>) -> bool {
        (self.decks.is_empty() || self.decks.iter().any(|d| d == card.deck_id))
            && (self.tags.is_empty() || card.tags.iter().any(|t| self.tags.contains(t)))
    }
}

/// The exams in effect after `events`, by date (then name).
#[must_use]
pub fn exams(events: &[Event]) -> Vec<Exam> {
    let mut relevant: Vec<&Event> = events
        .iter()
        .filter(|e| {
            matches!(
                e.body,
                EventBody::ExamAdd { .. } | EventBody::ExamRemove { .. }
            )
        })
        .collect();
    relevant.sort_by_key(|e| e.ts);
    let mut out: Vec<Exam> = Vec::new();
    for e in relevant {
        match &e.body {
            EventBody::ExamAdd {
                name,
                date,
                decks,
                tags,
            } => {
                out.retain(|x| &x.name != name);
                out.push(Exam {
                    name: name.clone(),
                    date: *date,
                    decks: decks.clone(),
                    tags: tags.clone(),
                });
            }
            EventBody::ExamRemove { name } => out.retain(|x| &x.name != name),
            _ => {}
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
    out
}
