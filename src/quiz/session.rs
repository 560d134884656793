//! The quiz state machine. The clock is injected: every call that depends on
//! time takes `now`.
//!
//! Time accounting: *active time* is the wall time since the start minus all
//! pauses. Both limits are measured in active time. A question's clock starts
//! when the previous one ends (answered, skipped or timed out).

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::deck::CardId;
use crate::matcher::{self, ListVerdict, Verdict};
use crate::progress::Grade;

use super::draw::{Question, QuestionForm, TypedAnswer};
use super::grade::grade_for_percent;
use super::spec::{Form, QuizSpec};

/// Credit from which an answer counts as right (journal: Good, else Again).
/// A list question with half its items or more is right.
pub const PASS_CREDIT: f64 = 0.5;

/// What the student answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Indices into the question's options.
    Choice(Vec<usize>),
    Typed(String),
    /// Self-graded: `true` = "I knew it".
    Flip(bool),
    /// Gave up on the question (counts as wrong, not as a timeout).
    Skip,
}

/// How an answer was judged, for showing at the end.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    Choice {
        selected: Vec<usize>,
        correct: Vec<usize>,
    },
    Typed(Verdict),
    List(ListVerdict),
    Flip(bool),
    Skipped,
}

/// One answered question (written to the journal as QuizAnswer + Review).
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// Index of the question in the quiz.
    pub index: usize,
    pub card: CardId,
    pub deck: String,
    pub form: Form,
    /// The answer as text (choice: the chosen options joined by ", ").
    pub given: String,
    /// Credit 0.0..=1.0.
    pub score: f64,
    /// `score >= PASS_CREDIT`.
    pub correct: bool,
    /// Good when correct, Again otherwise.
    pub grade: Grade,
    /// Active time spent on the question.
    pub ms: u64,
    pub check: Check,
}

/// Why a question ended without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutReason {
    /// The per-question limit ran out.
    Question,
    /// The whole quiz ran out of time.
    Total,
}

/// A question that ended unanswered because a limit ran out.
///
/// The integration writes a QuizAnswer with `timed_out = true` for every one;
/// a Review (Again) only for those with `shown = true` (the others were
/// never seen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutEvent {
    pub index: usize,
    pub card: CardId,
    pub deck: String,
    pub form: Form,
    pub reason: TimeoutReason,
    /// Whether the question was on screen when time ran out.
    pub shown: bool,
    /// Active time spent on it (0 when not shown).
    pub ms: u64,
}

/// The result of [`Quiz::answer`].
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerOutcome {
    /// The answer was recorded and the quiz moved on.
    Answered(Answered),
    /// Time had run out before the answer came; these timeouts happened
    /// instead and the answer was discarded.
    TooLate(Vec<TimeoutEvent>),
}

/// Why a call was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuizError {
    #[error("the quiz is already finished")]
    Finished,
    #[error("the quiz is paused; resume it first")]
    Paused,
    #[error("the quiz is not paused")]
    NotPaused,
    #[error("a {got} answer was given to a {expected} question")]
    FormMismatch { expected: Form, got: &'static str },
    #[error("choice {index} does not exist (the question has {options} options)")]
    InvalidChoice { index: usize, options: usize },
}

/// Time left, for gauges and mm:ss displays. `None` = no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remaining {
    pub question: Option<Duration>,
    pub question_limit: Option<Duration>,
    pub quiz: Option<Duration>,
    pub quiz_limit: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq)]
enum Record {
    Answered(Answered),
    TimedOut(TimeoutEvent),
    /// Left unanswered when the quiz was abandoned.
    Abandoned,
}

/// A running quiz.
#[derive(Debug, Clone)]
pub struct Quiz {
    questions: Vec<Question>,
    time_limit: Option<Duration>,
    per_question: Option<Duration>,
    started_at: DateTime<Utc>,
    paused_total: Duration,
    paused_at: Option<DateTime<Utc>>,
    current: usize,
    /// Active time at which the current question was shown.
    question_started: Duration,
    records: Vec<Option<Record>>,
    /// Active time at which the quiz ended.
    finished_at: Option<Duration>,
    abandoned: bool,
}

fn ms(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn since(later: DateTime<Utc>, earlier: DateTime<Utc>) -> Duration {
    (later - earlier).to_std().unwrap_or(Duration::ZERO)
}

impl Quiz {
    /// Starts a quiz at `started_at`; the first question is shown at once.
    /// Limits come from `spec` (see [`QuizSpec::per_question_limit`]).
    #[must_use]
    pub fn new(questions: Vec<Question>, spec: &QuizSpec, started_at: DateTime<Utc>) -> Self {
        let n = questions.len();
        Self {
            questions,
            time_limit: spec.time_limit,
            per_question: spec.per_question_limit(),
            started_at,
            paused_total: Duration::ZERO,
            paused_at: None,
            current: 0,
            question_started: Duration::ZERO,
            records: vec![None; n],
            finished_at: (n == 0).then_some(Duration::ZERO),
            abandoned: false,
        }
    }

    /// All questions in order.
    #[must_use]
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// The question on screen, `None` when finished.
    #[must_use]
    pub fn current(&self) -> Option<&Question> {
        if self.is_finished() {
            None
        } else {
            self.questions.get(self.current)
        }
    }

    /// Index of the current question (== number of questions when finished).
    #[must_use]
    pub fn position(&self) -> usize {
        self.current
    }

    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.finished_at.is_some()
    }

    #[must_use]
    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    /// True when the quiz was ended with [`Quiz::abandon`].
    #[must_use]
    pub fn is_abandoned(&self) -> bool {
        self.abandoned
    }

    /// Active time (pauses excluded) at `now`; frozen when finished or paused.
    #[must_use]
    pub fn active(&self, now: DateTime<Utc>) -> Duration {
        if let Some(t) = self.finished_at {
            return t;
        }
        let end = self.paused_at.unwrap_or(now);
        since(end, self.started_at).saturating_sub(self.paused_total)
    }

    /// The time limit of question `index`: the per-question limit, times the
    /// number of items for a list asked as a typed question (each item needs
    /// typing; three long phrases do not fit the time of one word).
    #[must_use]
    pub fn question_limit(&self, index: usize) -> Option<Duration> {
        let base = self.per_question?;
        let items = match self.questions.get(index).map(|q| &q.form) {
            Some(super::QuestionForm::Typed(super::TypedAnswer::List { items, .. })) => {
                items.len().max(1)
            }
            _ => 1,
        };
        Some(base.saturating_mul(u32::try_from(items).unwrap_or(u32::MAX)))
    }

    /// Time left for the current question and the whole quiz.
    #[must_use]
    pub fn remaining(&self, now: DateTime<Utc>) -> Remaining {
        let active = self.active(now);
        let finished = self.is_finished();
        Remaining {
            question: self.question_limit(self.current).map(|l| {
                if finished {
                    Duration::ZERO
                } else {
                    (self.question_started + l).saturating_sub(active)
                }
            }),
            question_limit: self.question_limit(self.current),
            quiz: self.time_limit.map(|l| l.saturating_sub(active)),
            quiz_limit: self.time_limit,
        }
    }

    /// Applies every limit that has run out by `now`: a per-question timeout
    /// ends the current question unanswered and shows the next one (its clock
    /// starting at the deadline); the total limit ends the quiz with every
    /// remaining question unanswered. Does nothing while paused or finished.
    pub fn tick(&mut self, now: DateTime<Utc>) -> Vec<TimeoutEvent> {
        let mut events = Vec::new();
        if self.is_paused() {
            return events;
        }
        let active = self.active(now);
        while !self.is_finished() {
            let q_due = self
                .question_limit(self.current)
                .map(|l| self.question_started + l)
                .filter(|&d| active >= d);
            let total_due = self.time_limit.filter(|&d| active >= d);
            match (q_due, total_due) {
                (Some(q), Some(t)) if q < t => self.time_out_current(q, &mut events),
                (Some(q), None) => self.time_out_current(q, &mut events),
                (_, Some(t)) => {
                    for index in self.current..self.questions.len() {
                        let shown = index == self.current;
                        let spent = if shown {
                            t.saturating_sub(self.question_started)
                        } else {
                            Duration::ZERO
                        };
                        let event = self.timeout_event(index, TimeoutReason::Total, shown, spent);
                        self.records[index] = Some(Record::TimedOut(event.clone()));
                        events.push(event);
                    }
                    self.current = self.questions.len();
                    self.finished_at = Some(t);
                }
                (None, None) => break,
            }
        }
        events
    }

    fn timeout_event(
        &self,
        index: usize,
        reason: TimeoutReason,
        shown: bool,
        spent: Duration,
    ) -> TimeoutEvent {
        let q = &self.questions[index];
        TimeoutEvent {
            index,
            card: q.card.clone(),
            deck: q.deck.clone(),
            form: q.form.form(),
            reason,
            shown,
            ms: ms(spent),
        }
    }

    fn time_out_current(&mut self, deadline: Duration, events: &mut Vec<TimeoutEvent>) {
        let spent = deadline.saturating_sub(self.question_started);
        let event = self.timeout_event(self.current, TimeoutReason::Question, true, spent);
        self.records[self.current] = Some(Record::TimedOut(event.clone()));
        events.push(event);
        self.advance(deadline);
    }

    fn advance(&mut self, at: Duration) {
        self.current += 1;
        self.question_started = at;
        if self.current >= self.questions.len() {
            self.finished_at = Some(at);
        }
    }

    /// Answers the current question at `now`. Limits are applied first: if
    /// time ran out before `now`, the answer is discarded and the timeouts are
    /// returned instead.
    ///
    /// # Errors
    /// [`QuizError::Finished`], [`QuizError::Paused`], or a malformed answer
    /// ([`QuizError::FormMismatch`], [`QuizError::InvalidChoice`]); the quiz is
    /// unchanged then.
    pub fn answer(
        &mut self,
        now: DateTime<Utc>,
        answer: Answer,
    ) -> Result<AnswerOutcome, QuizError> {
        if self.is_finished() {
            return Err(QuizError::Finished);
        }
        if self.is_paused() {
            return Err(QuizError::Paused);
        }
        let timeouts = self.tick(now);
        if !timeouts.is_empty() {
            return Ok(AnswerOutcome::TooLate(timeouts));
        }
        let index = self.current;
        let question = &self.questions[index];
        let (score, given, check) = evaluate(&question.form, answer)?;
        let active = self.active(now);
        let correct = score >= PASS_CREDIT;
        let answered = Answered {
            index,
            card: question.card.clone(),
            deck: question.deck.clone(),
            form: question.form.form(),
            given,
            score,
            correct,
            grade: if correct { Grade::Good } else { Grade::Again },
            ms: ms(active.saturating_sub(self.question_started)),
            check,
        };
        self.records[index] = Some(Record::Answered(answered.clone()));
        self.advance(active);
        Ok(AnswerOutcome::Answered(answered))
    }

    /// Pauses the clock at `now`.
    ///
    /// # Errors
    /// [`QuizError::Finished`] or [`QuizError::Paused`] (already paused).
    pub fn pause(&mut self, now: DateTime<Utc>) -> Result<(), QuizError> {
        if self.is_finished() {
            return Err(QuizError::Finished);
        }
        if self.is_paused() {
            return Err(QuizError::Paused);
        }
        self.paused_at = Some(now);
        Ok(())
    }

    /// Resumes the clock and returns how long the pause lasted (for the
    /// journal's QuizPause event). Limits that ran out before the pause are
    /// applied by the next [`Quiz::tick`].
    ///
    /// # Errors
    /// [`QuizError::NotPaused`].
    pub fn resume(&mut self, now: DateTime<Utc>) -> Result<Duration, QuizError> {
        let paused_at = self.paused_at.take().ok_or(QuizError::NotPaused)?;
        let length = since(now, paused_at);
        self.paused_total += length;
        Ok(length)
    }

    /// Ends the quiz early at `now`: remaining questions stay unanswered.
    pub fn abandon(&mut self, now: DateTime<Utc>) {
        if self.is_finished() {
            return;
        }
        let active = self.active(now);
        for record in &mut self.records[self.current..] {
            *record = Some(Record::Abandoned);
        }
        self.current = self.questions.len();
        self.finished_at = Some(active);
        self.paused_at = None;
        self.abandoned = true;
    }

    /// The results so far (final once [`Quiz::is_finished`]). Questions not
    /// reached count as unanswered.
    #[must_use]
    pub fn results(&self) -> Results {
        let mut score = 0.0;
        let mut per_deck: Vec<(String, u32, u32)> = Vec::new();
        let mut per_tag: Vec<(String, u32, u32)> = Vec::new();
        let mut mistakes = Vec::new();
        let mut timed_out = 0;
        for (q, record) in self.questions.iter().zip(&self.records) {
            let (credit, given, was_timeout) = match record {
                Some(Record::Answered(a)) => (a.score, a.given.clone(), false),
                Some(Record::TimedOut(_)) => (0.0, String::new(), true),
                Some(Record::Abandoned) | None => (0.0, String::new(), false),
            };
            let right = credit >= PASS_CREDIT;
            score += credit;
            timed_out += u32::from(was_timeout);
            bump(&mut per_deck, &q.deck, right);
            for tag in &q.tags {
                bump(&mut per_tag, tag, right);
            }
            if !right {
                mistakes.push(Mistake {
                    index: mistakes.len(),
                    card: q.card.clone(),
                    prompt: q.prompt.clone(),
                    given,
                    expected: q.expected.clone(),
                    explain: q.explain.clone(),
                    score: credit,
                    timed_out: was_timeout,
                    form: q.form.form(),
                });
            }
        }
        per_deck.sort_by(|a, b| a.0.cmp(&b.0));
        per_tag.sort_by(|a, b| a.0.cmp(&b.0));
        let max = self.questions.len() as f64;
        let percent = if max > 0.0 { score * 100.0 / max } else { 0.0 };
        Results {
            score,
            max,
            percent,
            grade: grade_for_percent(percent),
            duration: self.finished_at.unwrap_or(self.question_started),
            per_deck,
            per_tag,
            mistakes,
            timed_out,
            abandoned: self.abandoned,
        }
    }
}

fn bump(rows: &mut Vec<(String, u32, u32)>, key: &str, right: bool) {
    if let Some(row) = rows.iter_mut().find(|r| r.0 == key) {
        row.1 += u32::from(right);
        row.2 += 1;
    } else {
        rows.push((key.to_owned(), u32::from(right), 1));
    }
}

/// Scores an answer: (credit, given text, check).
///
/// Choice: `(right picks - wrong picks) / number of right options`, at least
/// 0 (a single-answer question is 1 only for exactly the right option).
fn evaluate(form: &QuestionForm, answer: Answer) -> Result<(f64, String, Check), QuizError> {
    let mismatch = |got| QuizError::FormMismatch {
        expected: form.form(),
        got,
    };
    match (form, answer) {
        (_, Answer::Skip) => Ok((0.0, String::new(), Check::Skipped)),
        (QuestionForm::Choice { options, correct }, Answer::Choice(mut selected)) => {
            if let Some(&index) = selected.iter().find(|&&i| i >= options.len()) {
                return Err(QuizError::InvalidChoice {
                    index,
                    options: options.len(),
                });
            }
            selected.sort_unstable();
            selected.dedup();
            let hits = selected.iter().filter(|i| correct.contains(i)).count() as f64;
            let misses = selected.len() as f64 - hits;
            let score = if correct.is_empty() {
                0.0
            } else {
                ((hits - misses) / correct.len() as f64).clamp(0.0, 1.0)
            };
            let given = selected
                .iter()
                .map(|&i| options[i].as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let check = Check::Choice {
                selected,
                correct: correct.clone(),
            };
            Ok((score, given, check))
        }
        (QuestionForm::Typed(TypedAnswer::Single(expected)), Answer::Typed(given)) => {
            let verdict = matcher::compare(expected, &given);
            let score = if verdict.outcome.is_accepted() {
                1.0
            } else {
                0.0
            };
            Ok((score, given, Check::Typed(verdict)))
        }
        (QuestionForm::Typed(TypedAnswer::List { items, ordered }), Answer::Typed(given)) => {
            let verdict = matcher::compare_list(items, &given, *ordered);
            Ok((verdict.score, given, Check::List(verdict)))
        }
        (QuestionForm::Flip, Answer::Flip(knew)) => {
            let given = if knew { "known" } else { "not known" };
            Ok((
                f64::from(u8::from(knew)),
                given.to_owned(),
                Check::Flip(knew),
            ))
        }
        (_, Answer::Choice(_)) => Err(mismatch("choice")),
        (_, Answer::Typed(_)) => Err(mismatch("typed")),
        (_, Answer::Flip(_)) => Err(mismatch("flip")),
    }
}

/// A question answered wrongly (or not at all).
#[derive(Debug, Clone, PartialEq)]
pub struct Mistake {
    /// Position among the mistakes.
    pub index: usize,
    pub card: CardId,
    pub prompt: String,
    /// What was answered ("" when unanswered).
    pub given: String,
    pub expected: String,
    pub explain: Option<String>,
    /// Partial credit earned (lists, multi-answer choices).
    pub score: f64,
    pub timed_out: bool,
    /// The form the question was asked in.
    pub form: Form,
}

/// The outcome of a quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// Points earned (partial credit counts).
    pub score: f64,
    /// Points possible (one per question).
    pub max: f64,
    /// `score / max * 100`, 0 for an empty quiz.
    pub percent: f64,
    /// German grade 1.0..=5.0 from [`super::GRADE_SCALE`].
    pub grade: f64,
    /// Active time (pauses excluded).
    pub duration: Duration,
    /// `(deck, right, total)` sorted by deck id; right = credit ≥ [`PASS_CREDIT`].
    pub per_deck: Vec<(String, u32, u32)>,
    /// `(tag, right, total)` sorted by tag.
    pub per_tag: Vec<(String, u32, u32)>,
    pub mistakes: Vec<Mistake>,
    /// Questions that ended by a time limit.
    pub timed_out: u32,
    pub abandoned: bool,
}
