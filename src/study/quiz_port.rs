//! The port between the quiz screens and the rest of kartei.
//!
//! The quiz state machine ([`crate::quiz::Quiz`]) lives in the interface
//! state (it is pure); this port only provides the cards and persists what
//! happens. Every `record_*` method must return only once the event is
//! durably in the journal, so a crash loses nothing.

use chrono::{DateTime, Utc};

use crate::config::QuizSetup;
use crate::quiz::{Answered, Question, QuizSpec, Results, TimeoutEvent};

/// What the quiz setup screen offers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuizSetupView {
    /// Every loaded deck as `(id, name)`, in overview order.
    pub decks: Vec<(String, String)>,
    /// Every tag used by a loaded card, sorted.
    pub tags: Vec<String>,
    /// The setup used last time (`[quiz]` of config.toml), or the defaults.
    pub setup: QuizSetup,
}

/// A quiz that has begun: its id (as written in `QuizStart`) and the drawn
/// questions in the order they are asked.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizStarted {
    pub id: String,
    pub questions: Vec<Question>,
}

/// Everything the quiz screens need from the study logic.
pub trait QuizPort {
    /// Decks, tags and the remembered setup for the setup screen.
    fn quiz_setup(&self) -> QuizSetupView;

    /// Remembers the setup for next time (config.toml `[quiz]`).
    ///
    /// # Errors
    /// A message to show; the quiz still starts.
    fn save_quiz_setup(&mut self, setup: &QuizSetup) -> Result<(), String>;

    /// Draws the questions for `spec` (weighted by weakness from the journal,
    /// seeded with `spec.seed`) and writes `QuizStart`. An empty question list
    /// is not an error: the screen says that no card matches.
    ///
    /// # Errors
    /// A message to show, e.g. the journal could not be written.
    fn start_quiz(&mut self, spec: &QuizSpec, now: DateTime<Utc>) -> Result<QuizStarted, String>;

    /// Writes `QuizAnswer` and a `Review` (mode = quiz, grade = `answered.grade`).
    ///
    /// # Errors
    /// A message to show; the answer was not recorded.
    fn record_quiz_answer(
        &mut self,
        quiz: &str,
        answered: &Answered,
        now: DateTime<Utc>,
    ) -> Result<(), String>;

    /// Writes `QuizAnswer` with `timed_out = true` (given "", score 0) and,
    /// when `timeout.shown`, a `Review` with grade Again (mode = quiz).
    ///
    /// # Errors
    /// A message to show; the timeout was not recorded.
    fn record_quiz_timeout(
        &mut self,
        quiz: &str,
        timeout: &TimeoutEvent,
        now: DateTime<Utc>,
    ) -> Result<(), String>;

    /// Writes `QuizPause` with the pause length in milliseconds.
    ///
    /// # Errors
    /// A message to show.
    fn record_quiz_pause(&mut self, quiz: &str, ms: u64, now: DateTime<Utc>) -> Result<(), String>;

    /// Writes `QuizEnd` from the results (score, max, grade, duration,
    /// abandoned).
    ///
    /// # Errors
    /// A message to show.
    fn finish_quiz(
        &mut self,
        quiz: &str,
        results: &Results,
        now: DateTime<Utc>,
    ) -> Result<(), String>;
}
