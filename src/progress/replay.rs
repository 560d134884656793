//! Pure replay helpers over a slice of events: what counts after undos,
//! what can still be undone, and which cards have progress but no deck.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::event::{Event, EventBody, EventId, Grade, Mode};
use crate::deck::CardId;

/// One review that still counts (it was not undone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReviewEntry {
    #[serde(with = "crate::checkpoint::exact_time")]
    pub ts: DateTime<Utc>,
    pub grade: Grade,
    pub mode: Mode,
    /// Time from showing the card to grading, in milliseconds.
    pub ms: u64,
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
pub fn effective_reviews(events: &[Event]) -> HashMap<CardId, Vec<ReviewEntry>> {
    let undone = undone_ids(events);
    let mut map: HashMap<CardId, Vec<ReviewEntry>> = HashMap::new();
    for e in events {
        let EventBody::Review {
            card,
            grade,
            mode,
            ms,
            ..
        } = &e.body
        else {
            continue;
        };
        if !undone.is_empty() && undone.contains(&e.id) {
            continue;
        }
        let entry = ReviewEntry {
            ts: e.ts,
            grade: *grade,
            mode: *mode,
            ms: *ms,
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
        if let EventBody::Review { card, .. } = &e.body
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
