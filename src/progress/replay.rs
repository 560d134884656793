//! Pure replay helpers over a slice of events: what counts after undos,
//! what can still be undone, and which cards have progress but no deck.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::event::{Event, EventBody, EventId, Grade, MarkAction, Mode};
use crate::deck::{CardId, CardMap};

/// One review that still counts (it was not undone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewEntry {
    pub ts: DateTime<Utc>,
    pub grade: Grade,
    pub mode: Mode,
    /// Time from showing the card to grading, in milliseconds.
    pub ms: u64,
}

/// The graded answer an event carries, if any: a `Review`, or a
/// `QuizAnswer` with a grade (mode quiz). Returns card, grade, mode and ms.
#[must_use]
pub fn review_of(e: &Event) -> Option<(&CardId, Grade, Mode, u64)> {
    match &e.body {
        EventBody::Review {
            card,
            grade,
            mode,
            ms,
            ..
        } => Some((card, *grade, *mode, *ms)),
        EventBody::QuizAnswer {
            card,
            grade: Some(grade),
            ms,
            ..
        } => Some((card, *grade, Mode::Quiz, *ms)),
        _ => None,
    }
}

/// The ids of every event an `Undo` takes back.
#[must_use]
pub fn undone_ids(events: &[Event]) -> HashSet<&EventId> {
    events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::Undo { target } => Some(target),
            _ => None,
        })
        .collect()
}

/// Per card, its reviews in time order (ties keep journal order), with
/// undone reviews removed.
#[must_use]
pub fn effective_reviews(events: &[Event]) -> CardMap<Vec<ReviewEntry>> {
    let undone = undone_ids(events);
    let mut map: CardMap<Vec<ReviewEntry>> = CardMap::default();
    for e in events {
        let Some((card, grade, mode, ms)) = review_of(e) else {
            continue;
        };
        if !undone.is_empty() && undone.contains(&e.id) {
            continue;
        }
        let entry = ReviewEntry {
            ts: e.ts,
            grade,
            mode,
            ms,
        };
        match map.get_mut(card) {
            Some(list) => list.push(entry),
            None => {
                map.insert(card.clone(), vec![entry]);
            }
        }
    }
    for list in map.values_mut() {
        if !list.is_sorted_by_key(|r| r.ts) {
            list.sort_by_key(|r| r.ts);
        }
    }
    map
}

/// Reviews after `since` (the event with that id; `None` = the whole
/// journal) that are not undone, latest first.
pub fn undo_candidates<'a>(
    events: &'a [Event],
    since: Option<&EventId>,
) -> impl Iterator<Item = &'a Event> {
    let start = match since {
        None => 0,
        Some(id) => events
            .iter()
            .rposition(|e| &e.id == id)
            .map_or(events.len(), |i| i + 1),
    };
    let undone = undone_ids(&events[start..]);
    events[start..]
        .iter()
        .rev()
        .filter(move |e| matches!(e.body, EventBody::Review { .. }) && !undone.contains(&e.id))
}

/// The review an undo would take back now: the latest not-yet-undone review
/// after `since` (an event id, e.g. the session's first event; `None` = any).
/// When `since` is not in the journal, nothing is undoable.
#[must_use]
pub fn last_undoable<'a>(events: &'a [Event], since: Option<&EventId>) -> Option<&'a Event> {
    undo_candidates(events, since).next()
}

/// Cards that have reviews (not undone) but are not `known` — their decks
/// vanished or the card ids changed. Sorted, without duplicates. Their
/// progress stays in the journal.
#[must_use]
pub fn orphans(events: &[Event], known: impl Fn(&CardId) -> bool) -> Vec<CardId> {
    let undone = undone_ids(events);
    let mut seen: HashSet<&CardId> = HashSet::new();
    let mut out: Vec<CardId> = Vec::new();
    for e in events {
        if let Some((card, ..)) = review_of(e)
            && !undone.contains(&e.id)
            && seen.insert(card)
            && !known(card)
        {
            out.push(card.clone());
        }
    }
    out.sort();
    out
}

/// What `mark` events say about one card now (undone marks excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks {
    pub suspended: bool,
    /// Buried until this time (may lie in the past).
    pub buried_until: Option<DateTime<Utc>>,
    pub flagged: bool,
    /// The latest reset: reviews before it do not count for the schedule.
    pub reset_at: Option<DateTime<Utc>>,
}

impl Marks {
    /// True when the card is buried at `now`.
    #[must_use]
    pub fn buried(&self, now: DateTime<Utc>) -> bool {
        self.buried_until.is_some_and(|u| u > now)
    }

    /// Applies one mark event.
    pub fn apply(&mut self, action: MarkAction, ts: DateTime<Utc>, until: Option<DateTime<Utc>>) {
        match action {
            MarkAction::Suspend => self.suspended = true,
            MarkAction::Unsuspend => self.suspended = false,
            MarkAction::Bury => self.buried_until = until,
            MarkAction::Unbury => self.buried_until = None,
            MarkAction::Flag => self.flagged = true,
            MarkAction::Unflag => self.flagged = false,
            MarkAction::Reset => self.reset_at = Some(ts),
        }
    }

    /// True when nothing is marked.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Marks::default()
    }
}

/// Per card, the marks in effect (in time order; undone marks skipped).
/// Cards without any mark are left out.
#[must_use]
pub fn card_marks(events: &[Event]) -> CardMap<Marks> {
    let undone = undone_ids(events);
    let mut marks: Vec<(&Event, &CardId, MarkAction, Option<DateTime<Utc>>)> = events
        .iter()
        .filter(|e| !undone.contains(&e.id))
        .filter_map(|e| match &e.body {
            EventBody::Mark {
                card,
                action,
                until,
            } => Some((e, card, *action, *until)),
            _ => None,
        })
        .collect();
    marks.sort_by_key(|m| m.0.ts);
    let mut map: CardMap<Marks> = CardMap::default();
    for (e, card, action, until) in marks {
        map.entry(card.clone())
            .or_default()
            .apply(action, e.ts, until);
    }
    map.retain(|_, m| !m.is_empty());
    map
}

/// The reviews that drive the schedule: those in a scheduling mode, after
/// the latest reset.
pub fn scheduling_reviews<'a>(
    reviews: &'a [ReviewEntry],
    marks: Option<&Marks>,
) -> impl Iterator<Item = &'a ReviewEntry> {
    let reset = marks.and_then(|m| m.reset_at);
    reviews
        .iter()
        .filter(move |r| r.mode.moves_schedule() && reset.is_none_or(|t| r.ts > t))
}
