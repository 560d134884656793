//! The port between the terminal interface and the rest of kartei.
//!
//! The UI never does I/O itself: everything it shows comes from a [`Study`]
//! and everything the student does goes back through it. The types here are
//! plain data so a test double can produce them without any core module.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::browse::{BrowseQuery, BrowseRow, CardDetail};
use super::exam_port::{ExamPort, ExamView};
use super::quiz_port::QuizPort;
pub use super::session::{Progress, SessionKind};
use super::stats_port::StatsPort;
use crate::deck::{Card, CardId};
use crate::progress::{Grade, MarkAction};

/// One deck in the overview table.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckRow {
    pub id: String,
    pub name: String,
    /// Today's counts (see [`crate::study::today`]).
    pub new: u32,
    pub learning: u32,
    pub due: u32,
    pub total: u32,
    /// Share of cards that are well known (e.g. stability >= 21 days), 0..=1.
    pub mastery: f64,
}

/// What the start screen shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    pub decks: Vec<DeckRow>,
    /// Reviews recorded today (local day).
    pub reviewed_today: u32,
    /// Days in a row with at least one review, today included when reviewed.
    pub streak_days: u32,
    /// Decks that did not load: the views render them in their language.
    pub deck_problems: Vec<crate::deck::Diagnostic>,
    /// Other load warnings worth showing (the journal's), one line each.
    pub status: Vec<String>,
    /// Cards with progress that no loaded deck contains (their progress is
    /// kept).
    pub orphans: u32,
    /// The next exam from today on, with its readiness.
    pub exam: Option<ExamView>,
}

/// Which cards a review session covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Deck(String),
    All,
    Cards(Vec<CardId>),
}

/// Cards still waiting in the session, by queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub new: u32,
    pub learning: u32,
    pub review: u32,
}

impl Counts {
    /// All waiting cards.
    #[must_use]
    pub fn total(&self) -> u32 {
        self.new + self.learning + self.review
    }
}

/// A card to show now.
#[derive(Debug, Clone, PartialEq)]
pub struct ShowCard {
    pub card: Card,
    pub deck_name: String,
    /// The interval each grade would give, e.g. `"1 min"`, `"4 d"`, in
    /// Again, Hard, Good, Easy order.
    pub labels: [String; 4],
    /// What is left, this card included.
    pub remaining: Counts,
    /// Cards answered in this session so far.
    pub done: u32,
    /// Distinct cards finished of the session's cards.
    pub progress: Progress,
    pub kind: SessionKind,
    /// The student flagged this card.
    pub flagged: bool,
}

/// The end of a session.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SessionSummary {
    pub kind: SessionKind,
    pub reviewed: u32,
    /// Answers graded Hard, Good or Easy.
    pub correct: u32,
    pub time_spent: std::time::Duration,
    /// When the next card of the session's scope falls due, if any.
    pub next_due: Option<DateTime<Utc>>,
}

/// What comes next in a session.
#[derive(Debug, Clone, PartialEq)]
pub enum NextCard {
    Show(Box<ShowCard>),
    /// Only learning cards remain and none is due before `until`.
    Wait {
        until: DateTime<Utc>,
    },
    Done(SessionSummary),
}

/// Everything the interface needs from the study logic (the statistics
/// figures come through the [`StatsPort`] supertrait, the quiz screens'
/// needs through [`QuizPort`], the exam screens' through [`ExamPort`]).
pub trait Study: StatsPort + QuizPort + ExamPort {
    /// The deck table, today's totals and load messages.
    fn overview(&self, now: DateTime<Utc>) -> Overview;

    /// Begins a session of `kind` over `scope`: today's scheduled cards
    /// (review), or all cards of the scope weakest first (practice), or the
    /// given cards in order (mistakes). Practice and mistakes never move a
    /// due date.
    ///
    /// # Errors
    /// A message to show, e.g. for an unknown deck.
    fn start_session(
        &mut self,
        scope: Scope,
        kind: SessionKind,
        now: DateTime<Utc>,
    ) -> Result<(), String>;

    /// Review ahead: review cards due in the next `days` days join the
    /// running review session (answered as real reviews; FSRS accounts for
    /// the early answer). Returns how many joined.
    fn review_ahead(&mut self, days: u32, now: DateTime<Utc>) -> usize;

    /// Suspends, buries (until the next study day), flags or resets a card,
    /// or takes that back; a journal event, covered by [`Study::undo`].
    ///
    /// # Errors
    /// A message to show; nothing changed.
    fn mark(&mut self, card: &CardId, action: MarkAction, now: DateTime<Utc>)
    -> Result<(), String>;

    /// The card browser's rows for `query`.
    fn browse(&self, query: &BrowseQuery, now: DateTime<Utc>) -> Vec<BrowseRow>;

    /// One card with its full history and its predicted recall now.
    fn card_detail(&self, id: &CardId, now: DateTime<Utc>) -> Option<CardDetail>;

    /// The next card of the running session.
    fn next_card(&mut self, now: DateTime<Utc>) -> NextCard;

    /// Records a grade. Returns only once the answer is durably stored.
    ///
    /// # Errors
    /// A message to show; the answer was not recorded.
    fn answer(
        &mut self,
        card: &CardId,
        grade: Grade,
        ms: u64,
        now: DateTime<Utc>,
    ) -> Result<(), String>;

    /// Takes back the latest answer of the session or the latest mark
    /// (repeatable). An answer's card returns to the front of the queue.
    ///
    /// # Errors
    /// A message to show; nothing was undone.
    fn undo(&mut self, now: DateTime<Utc>) -> Result<Option<CardId>, String>;

    /// Copies the bundled deck of `card` into the user's deck folder (never
    /// overwriting a file) and loads the copy, which replaces the bundled
    /// deck, so the card can be edited.
    ///
    /// # Errors
    /// A message to show; nothing was copied.
    fn copy_bundled_deck(&mut self, card: &CardId) -> Result<(), String>;

    /// The file and 1-based line a card comes from (`None` for bundled decks).
    fn edit_location(&self, card: &CardId) -> Option<(PathBuf, u32)>;

    /// The current version of one card, as [`Study::next_card`] would show it
    /// (`None` when no loaded deck has it any more). The interface calls it
    /// after a reload to refresh the card on screen.
    fn card(&self, id: &CardId, now: DateTime<Utc>) -> Option<ShowCard>;

    /// Loads the decks again after an edit (the editor key or a file change
    /// seen by [`crate::watch::DeckWatcher`]).
    ///
    /// Progress is keyed by card id and must be kept. The running session
    /// keeps its place: cards still in its queue get their new wording, new
    /// cards of the session's scope join the queue, removed cards leave it.
    /// When the new decks have errors (a broken edit), nothing changes: the
    /// last good version stays in use and the error is returned.
    ///
    /// # Errors
    /// The load problems (with file:line:column), for the view to show.
    fn reload(&mut self) -> Result<(), Vec<crate::deck::Diagnostic>>;
}
