//! The events of the progress journal: one JSON object per line.
//!
//! Every line carries the format version `v`, a unique event `id` and a UTC
//! timestamp `ts`; the `type` field says which event it is. Unknown `v`
//! greater than [`FORMAT_VERSION`] is an error ("written by a newer kartei").

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::deck::CardId;

/// The journal format version this build writes and understands.
pub const FORMAT_VERSION: u32 = 1;

/// The four answer grades of FSRS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Grade {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Grade {
    pub const ALL: [Grade; 4] = [Grade::Again, Grade::Hard, Grade::Good, Grade::Easy];

    /// 1..=4 as stored in the journal and used by FSRS.
    #[must_use]
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    /// True for every grade but Again.
    #[must_use]
    pub fn is_pass(self) -> bool {
        self != Grade::Again
    }
}

impl From<Grade> for u8 {
    fn from(g: Grade) -> u8 {
        g as u8
    }
}

impl TryFrom<u8> for Grade {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, Self::Error> {
        match v {
            1 => Ok(Grade::Again),
            2 => Ok(Grade::Hard),
            3 => Ok(Grade::Good),
            4 => Ok(Grade::Easy),
            other => Err(format!("grade must be 1..=4, got {other}")),
        }
    }
}

/// How an answer was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A normal spaced-repetition review.
    Review,
    /// An answer in a timed quiz (feeds the scheduler too).
    Quiz,
    /// Free practice (a finished deck, a quiz's mistakes): shown in the
    /// statistics, never moves a due date.
    Practice,
    /// Cramming before an exam: like practice, the schedule stays as it is.
    Cram,
}

impl Mode {
    /// True when answers in this mode drive the scheduler.
    #[must_use]
    pub fn moves_schedule(self) -> bool {
        matches!(self, Mode::Review | Mode::Quiz)
    }

    /// The name used in the journal.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Review => "review",
            Mode::Quiz => "quiz",
            Mode::Practice => "practice",
            Mode::Cram => "cram",
        }
    }
}

/// What a `mark` event does to a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkAction {
    /// Keep the card out of every session until unsuspended.
    Suspend,
    Unsuspend,
    /// Keep the card out of sessions until `until` (the next study day).
    Bury,
    Unbury,
    /// A marker for the student's own use (e.g. "check this card").
    Flag,
    Unflag,
    /// Forget the card's progress: it is new again (its history is kept).
    Reset,
}

impl MarkAction {
    /// The name used in the journal.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            MarkAction::Suspend => "suspend",
            MarkAction::Unsuspend => "unsuspend",
            MarkAction::Bury => "bury",
            MarkAction::Unbury => "unbury",
            MarkAction::Flag => "flag",
            MarkAction::Unflag => "unflag",
            MarkAction::Reset => "reset",
        }
    }
}

/// A unique event id (time-ordered prefix plus randomness), e.g.
/// `"0mfx3k2a-9f3c1e7a0b12"`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub String);

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Format version of this line.
    pub v: u32,
    pub id: EventId,
    /// When it happened (UTC, RFC 3339).
    pub ts: DateTime<Utc>,
    #[serde(flatten)]
    pub body: EventBody,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventBody {
    /// A graded answer to a card; drives the scheduler.
    Review {
        card: CardId,
        deck: String,
        grade: Grade,
        /// Time from showing the card to grading, in milliseconds.
        ms: u64,
        mode: Mode,
        /// The quiz this answer belongs to (mode = quiz).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        quiz: Option<String>,
    },
    /// Takes back an earlier review or mark event (by id); replay ignores both.
    Undo { target: EventId },
    /// Suspends, buries, flags or resets one card (or takes that back).
    Mark {
        card: CardId,
        action: MarkAction,
        /// For `bury`: when the card comes back.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<DateTime<Utc>>,
    },
    /// A quiz began.
    QuizStart {
        quiz: String,
        decks: Vec<String>,
        #[serde(default)]
        tags: Vec<String>,
        count: u32,
        /// Total time limit in seconds, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_limit_s: Option<u64>,
        /// Per-question limit in seconds, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per_question_s: Option<u64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seed: Option<u64>,
    },
    /// One quiz question answered (or timed out). When the quiz moves the
    /// schedule, `grade` is the answer's grade for the scheduler: the answer
    /// and its scheduling effect are this one line. (Older journals wrote a
    /// separate `Review` event with mode = quiz instead; both replay alike.)
    QuizAnswer {
        quiz: String,
        card: CardId,
        deck: String,
        /// The form the question was asked in: "choice", "typed" or "flip".
        form: String,
        /// What the student answered ("" when unanswered).
        given: String,
        /// Credit 0.0..=1.0 (list questions can earn partial credit).
        score: f64,
        timed_out: bool,
        ms: u64,
        /// The grade the scheduler takes from this answer (none: the quiz
        /// does not reschedule, or the question timed out).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        grade: Option<Grade>,
    },
    /// The quiz was paused for this long.
    QuizPause { quiz: String, ms: u64 },
    /// The quiz ended (finished, timed out or abandoned).
    QuizEnd {
        quiz: String,
        /// Points earned and possible.
        score: f64,
        max: f64,
        /// German grade 1.0..=5.0.
        grade: f64,
        duration_ms: u64,
        #[serde(default)]
        abandoned: bool,
    },
    /// An exam was set: a name, a date and the material it covers (no
    /// deck and no tag: every deck). A later `exam_add` with the same name
    /// replaces it.
    ExamAdd {
        name: String,
        date: NaiveDate,
        #[serde(default)]
        decks: Vec<String>,
        #[serde(default)]
        tags: Vec<String>,
    },
    /// An exam was removed (by name).
    ExamRemove { name: String },
}
