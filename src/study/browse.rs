//! The card browser's figures: every card with its state, searchable and
//! sortable, and one card's full history. `kartei list --state` filters
//! with the same [`CardStatus`].

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::collection::Collection;
use crate::deck::CardId;
use crate::progress::{Grade, Mode};
use crate::scheduler::Phase;

/// Where a card stands now (the first that applies, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CardStatus {
    Suspended,
    Buried,
    New,
    Learning,
    /// A review card due before the study day ends.
    Due,
    /// A review card due on a later day.
    Review,
}

impl CardStatus {
    /// The name used by `kartei list --state` and in JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CardStatus::Suspended => "suspended",
            CardStatus::Buried => "buried",
            CardStatus::New => "new",
            CardStatus::Learning => "learning",
            CardStatus::Due => "due",
            CardStatus::Review => "review",
        }
    }
}

/// A state filter: a [`CardStatus`] or flagged cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StateFilter {
    New,
    Learning,
    Due,
    Suspended,
    Buried,
    Flagged,
}

impl StateFilter {
    /// Every filter, in the order the browser cycles through them.
    pub const ALL: [StateFilter; 6] = [
        StateFilter::New,
        StateFilter::Learning,
        StateFilter::Due,
        StateFilter::Suspended,
        StateFilter::Buried,
        StateFilter::Flagged,
    ];

    /// The name used by `kartei list --state`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            StateFilter::New => "new",
            StateFilter::Learning => "learning",
            StateFilter::Due => "due",
            StateFilter::Suspended => "suspended",
            StateFilter::Buried => "buried",
            StateFilter::Flagged => "flagged",
        }
    }

    /// True when a card with this status and flag passes the filter.
    #[must_use]
    pub fn matches(self, status: CardStatus, flagged: bool) -> bool {
        match self {
            StateFilter::New => status == CardStatus::New,
            StateFilter::Learning => status == CardStatus::Learning,
            StateFilter::Due => status == CardStatus::Due,
            StateFilter::Suspended => status == CardStatus::Suspended,
            StateFilter::Buried => status == CardStatus::Buried,
            StateFilter::Flagged => flagged,
        }
    }
}

/// How the browser orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BrowseSort {
    /// Deck order, then card order.
    #[default]
    Deck,
    /// Soonest due first (new cards last).
    Due,
    /// Hardest first.
    Difficulty,
    /// Most lapses first.
    Lapses,
}

impl BrowseSort {
    /// The next order when cycling.
    #[must_use]
    pub fn next(self) -> BrowseSort {
        match self {
            BrowseSort::Deck => BrowseSort::Due,
            BrowseSort::Due => BrowseSort::Difficulty,
            BrowseSort::Difficulty => BrowseSort::Lapses,
            BrowseSort::Lapses => BrowseSort::Deck,
        }
    }
}

/// What the browser asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BrowseQuery {
    /// Words that must all appear (case-insensitive) in the question,
    /// answer, deck name, id or tags.
    pub text: String,
    pub state: Option<StateFilter>,
    pub sort: BrowseSort,
}

/// One row of the browser.
#[derive(Debug, Clone, PartialEq)]
pub struct BrowseRow {
    pub id: CardId,
    pub deck_name: String,
    /// The question on one line.
    pub question: String,
    pub status: CardStatus,
    pub flagged: bool,
    pub due: Option<DateTime<Utc>>,
    pub difficulty: Option<f32>,
    pub lapses: u32,
}

/// One answer in a card's history.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub at: DateTime<Utc>,
    pub mode: Mode,
    pub grade: Grade,
    /// The interval the answer gave, in days (`None` for practice and cram
    /// answers, which do not schedule).
    pub interval_days: Option<f64>,
}

/// One card with everything known about it.
#[derive(Debug, Clone, PartialEq)]
pub struct CardDetail {
    pub row: BrowseRow,
    pub answer: String,
    pub tags: Vec<String>,
    pub history: Vec<HistoryRow>,
    /// Predicted probability of recall now (`None` for new cards).
    pub recall_now: Option<f64>,
    pub stability: Option<f32>,
}

/// Where `id` stands at `now`.
#[must_use]
pub fn status(collection: &Collection, id: &CardId, now: DateTime<Utc>) -> CardStatus {
    let marks = collection.marks(id);
    if marks.suspended {
        return CardStatus::Suspended;
    }
    if marks.buried(now) {
        return CardStatus::Buried;
    }
    let state = collection.state(id);
    match state.phase {
        Phase::New => CardStatus::New,
        Phase::Learning { .. } | Phase::Relearning { .. } => CardStatus::Learning,
        Phase::Review => {
            let clock = collection.clock(now);
            let end = clock.end_of(clock.today());
            if state.due.is_none_or(|d| d < end) {
                CardStatus::Due
            } else {
                CardStatus::Review
            }
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn row(collection: &Collection, id: &CardId, now: DateTime<Utc>) -> Option<BrowseRow> {
    let (deck, card) = collection.card(id)?;
    let state = collection.state(id);
    Some(BrowseRow {
        id: id.clone(),
        deck_name: deck.name.clone(),
        question: one_line(&card.question()),
        status: status(collection, id, now),
        flagged: collection.marks(id).flagged,
        due: state.due,
        difficulty: state.memory.map(|m| m.difficulty),
        lapses: state.lapses,
    })
}

/// The rows for `query`, filtered and sorted.
#[must_use]
pub fn browse(collection: &Collection, query: &BrowseQuery, now: DateTime<Utc>) -> Vec<BrowseRow> {
    let words: Vec<String> = query
        .text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut rows: Vec<BrowseRow> = collection
        .cards()
        .filter(|card| {
            if words.is_empty() {
                return true;
            }
            let deck = collection.card(&card.id).map(|(d, _)| d.name.as_str());
            let hay = format!(
                "{} {} {} {} {}",
                card.question(),
                card.answer(),
                deck.unwrap_or_default(),
                card.id.as_str(),
                card.tags.join(" ")
            )
            .to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .filter_map(|card| row(collection, &card.id, now))
        .filter(|r| query.state.is_none_or(|f| f.matches(r.status, r.flagged)))
        .collect();
    match query.sort {
        BrowseSort::Deck => {}
        BrowseSort::Due => rows.sort_by_key(|r| (r.due.is_none(), r.due)),
        BrowseSort::Difficulty => rows.sort_by(|a, b| {
            b.difficulty
                .unwrap_or(-1.0)
                .total_cmp(&a.difficulty.unwrap_or(-1.0))
        }),
        BrowseSort::Lapses => rows.sort_by_key(|r| std::cmp::Reverse(r.lapses)),
    }
    rows
}

/// One card's detail: history with the interval each answer gave.
#[must_use]
pub fn detail(collection: &Collection, id: &CardId, now: DateTime<Utc>) -> Option<CardDetail> {
    let row = row(collection, id, now)?;
    let (_, card) = collection.card(id)?;
    let scheduler = collection.scheduler();
    let reset = collection.marks(id).reset_at;
    let mut state = crate::scheduler::CardState::new();
    let history = collection
        .reviews_of(id)
        .iter()
        .map(|r| {
            let counts = r.mode.moves_schedule() && reset.is_none_or(|t| r.ts > t);
            let interval_days = counts.then(|| {
                state = scheduler.review(id, &state, r.grade, r.ts);
                state
                    .due
                    .map_or(0.0, |d| (d - r.ts).num_seconds() as f64 / 86_400.0)
            });
            HistoryRow {
                at: r.ts,
                mode: r.mode,
                grade: r.grade,
                interval_days,
            }
        })
        .collect();
    let current = collection.state(id);
    Some(CardDetail {
        row,
        answer: card.answer(),
        tags: card.tags.clone(),
        history,
        recall_now: scheduler.retrievability(current, now),
        stability: current.memory.map(|m| m.stability),
    })
}
