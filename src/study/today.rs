//! Today's counts: the one definition of *new*, *learning* and *due* that
//! the overview, the review header, `kartei stats` and `kartei due` show.
//!
//! - *new*: new cards that will be shown today (after the daily limit and
//!   with siblings held back),
//! - *learning*: cards in (re)learning steps due today,
//! - *due*: review cards due today (after the daily review limit, with
//!   siblings held back).
//!
//! All three are what today's queue over the same cards holds, so a
//! session started from a deck row begins with exactly the row's numbers.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::collection::{Collection, Scope, TodayBasis};
use crate::deck::CardId;
use crate::scheduler::{Phase, Pile};
use crate::stats::{self, DeckCounts};

/// Counts for the cards of `scope` as one group (`id` names it).
#[must_use]
pub fn counts(collection: &Collection, id: &str, scope: &Scope, now: DateTime<Utc>) -> DeckCounts {
    counts_with(collection, id, scope, &collection.today_basis(now))
}

fn counts_with(
    collection: &Collection,
    id: &str,
    scope: &Scope,
    basis: &TodayBasis<'_>,
) -> DeckCounts {
    let now = basis.now();
    stats::count(
        id,
        collection.scope_keys(scope).map(|c| c.id),
        collection.states(),
        |card| collection.reviewed_today(card, now),
        collection.queue_counts(scope, basis),
        |card| collection.marks(card).suspended,
    )
}

/// Counts per deck (in load order) for the decks with cards in `scope`.
#[must_use]
pub fn deck_counts(collection: &Collection, scope: &Scope, now: DateTime<Utc>) -> Vec<DeckCounts> {
    let basis = collection.today_basis(now);
    collection
        .decks()
        .decks
        .iter()
        .filter(|d| d.cards.keys().any(|c| scope.includes_key(&c)))
        .map(|d| {
            let deck = Scope::Deck(d.id.clone());
            let both = match scope {
                Scope::All | Scope::Deck(_) => deck,
                other => Scope::And(Box::new(deck), Box::new(other.clone())),
            };
            counts_with(collection, &d.id, &both, &basis)
        })
        .collect()
}

/// One card that is due today (learning or review).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueCard {
    pub id: CardId,
    pub deck: String,
    pub due: DateTime<Utc>,
    /// `learning`, `relearning` or `review`.
    pub phase: &'static str,
    pub question: String,
}

/// What is due today (the learning and due cards of today's queue), and
/// when the next card after today comes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueToday {
    pub now: DateTime<Utc>,
    /// Cards whose time has come.
    pub due_now: usize,
    /// Learning plus due cards of today (equals `learning + due` of
    /// [`counts`] over all decks).
    pub due_today: usize,
    /// In due order.
    pub cards: Vec<DueCard>,
    pub next_due: Option<DateTime<Utc>>,
}

/// Today's learning and review cards over `scope`.
#[must_use]
pub fn due_today(collection: &Collection, scope: &Scope, now: DateTime<Utc>) -> DueToday {
    let queue = collection.queue(scope, now);
    let mut cards: Vec<DueCard> = queue
        .today()
        .into_iter()
        .filter(|(_, pile)| *pile != Pile::New)
        .filter_map(|(id, _)| {
            let (deck, card) = collection.card(&id)?;
            let state = collection.state(&id);
            Some(DueCard {
                deck: deck.id.clone(),
                due: state.due.unwrap_or(now),
                phase: match state.phase {
                    Phase::Learning { .. } => "learning",
                    Phase::Relearning { .. } => "relearning",
                    _ => "review",
                },
                question: card.question(),
                id,
            })
        })
        .collect();
    cards.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.id.cmp(&b.id)));
    let listed: std::collections::HashSet<&CardId> = cards.iter().map(|c| &c.id).collect();
    let next_due = collection
        .cards()
        .filter(|c| scope.includes(c) && !listed.contains(&c.id))
        .filter(|c| !collection.marks(&c.id).suspended)
        .filter_map(|c| {
            let s = collection.state(&c.id);
            (!matches!(s.phase, Phase::New)).then_some(s.due).flatten()
        })
        .filter(|d| *d > now)
        .min();
    DueToday {
        now,
        due_now: cards.iter().filter(|c| c.due <= now).count(),
        due_today: cards.len(),
        cards,
        next_due,
    }
}
