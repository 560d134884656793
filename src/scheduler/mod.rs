//! The FSRS-6 scheduler: pure functions of a card's state, a grade and the
//! time (always passed in; nothing here reads the clock).
//!
//! Memory (stability, difficulty) is updated by the `fsrs` crate after every
//! answer, using whole *study days* elapsed between reviews (same-day answers
//! use 0 days and FSRS's short-term formula). On top of that, new and lapsed
//! cards walk learning/relearning steps like Anki before they get day
//! intervals; a day interval is the FSRS interval for the desired retention,
//! rounded, at least one day, at most the configured maximum, optionally
//! fuzzed (deterministically, per card and review count).

mod config;
pub mod exam;
pub mod fsrs6;
pub mod metrics;
pub mod optimize;
pub mod queue;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use fsrs::MemoryState;
use serde::{Deserialize, Serialize};

pub use config::{DurationError, SchedulerConfig, format_interval, parse_duration};
pub use fsrs6::Fsrs6;
pub use queue::{Counts, DoneToday, Next, Pile, Queue};

use crate::deck::CardId;
use crate::progress::Grade;

/// Everything that can go wrong in the scheduler and optimizer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SchedulerError {
    #[error("scheduler.desired_retention is {0}; it must be between 0.7 and 0.99")]
    Retention(f32),
    #[error("scheduler.maximum_interval_days is {0}; it must be between 1 and 36500")]
    MaximumInterval(u32),
    #[error("scheduler.day_start_hour is {0}; it must be an hour between 0 and 23")]
    DayStartHour(u32),
    #[error(
        "scheduler.parameters has {0} numbers; FSRS needs 21 (or 17/19 from older versions), or leave it empty for the defaults"
    )]
    ParameterCount(usize),
    #[error("scheduler.parameters[{0}] is not a finite number")]
    ParameterValue(usize),
    #[error("scheduler.{field} has a bad step \"{value}\": {source}")]
    Step {
        field: &'static str,
        value: String,
        source: DurationError,
    },
    #[error("scheduler.{field} has the step \"{value}\", longer than maximum_interval_days")]
    StepTooLong { field: &'static str, value: String },
    #[error("FSRS rejected the parameters: {0}")]
    Fsrs(String),
    #[error(
        "not enough reviews to optimize (have {have}, need {need} answers given on a later day than the previous one); keep studying and try again"
    )]
    NotEnoughReviews { have: usize, need: usize },
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum Phase {
    /// Never answered.
    New,
    /// Walking the learning steps; `step` indexes `learning_steps`.
    Learning { step: usize },
    /// Graduated: scheduled in days.
    Review,
    /// Lapsed: walking `relearning_steps`.
    Relearning { step: usize },
}

/// The FSRS memory state of a card.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    /// Days until recall probability falls to 90 %.
    pub stability: f32,
    /// 1 (easy) ..= 10 (hard).
    pub difficulty: f32,
}

impl From<MemoryState> for Memory {
    fn from(m: MemoryState) -> Self {
        Self {
            stability: m.stability,
            difficulty: m.difficulty,
        }
    }
}

impl From<Memory> for MemoryState {
    fn from(m: Memory) -> Self {
        Self {
            stability: m.stability,
            difficulty: m.difficulty,
        }
    }
}

/// The scheduling state of one card, derived from its review history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    pub phase: Phase,
    /// `None` until the first answer.
    pub memory: Option<Memory>,
    /// When the card should be shown next (`None` for new cards).
    pub due: Option<DateTime<Utc>>,
    pub last_review: Option<DateTime<Utc>>,
    /// Answers given.
    pub reps: u32,
    /// Times a review card was forgotten.
    pub lapses: u32,
    /// The day interval last given (0 while in (re)learning steps).
    pub scheduled_days: u32,
}

impl CardState {
    /// A card never answered.
    #[must_use]
    pub fn new() -> Self {
        Self {
            phase: Phase::New,
            memory: None,
            due: None,
            last_review: None,
            reps: 0,
            lapses: 0,
            scheduled_days: 0,
        }
    }
}

impl Default for CardState {
    fn default() -> Self {
        Self::new()
    }
}

/// What answering with one grade would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub grade: Grade,
    pub state: CardState,
    /// Time from the answer until the card is due again.
    pub interval: Duration,
}

/// The study day a moment belongs to: local date (at `offset`) of `ts` minus
/// `day_start_hour` hours, so 03:59 still counts as the previous day when the
/// day starts at 04:00.
#[must_use]
pub fn study_day(ts: DateTime<Utc>, offset: FixedOffset, day_start_hour: u32) -> NaiveDate {
    (ts.with_timezone(&offset) - Duration::hours(i64::from(day_start_hour))).date_naive()
}

/// How the next showing of a card is timed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Plan {
    /// A (re)learning step: same-day style delay, new phase.
    Step(Duration, Phase),
    /// A day interval (card goes or stays in Review).
    Days(u32),
}

impl Plan {
    fn duration(self) -> Duration {
        match self {
            Plan::Step(d, _) => d,
            Plan::Days(n) => Duration::days(i64::from(n)),
        }
    }
}

/// The scheduler for one configuration.
#[derive(Debug, Clone)]
pub struct Scheduler {
    model: Fsrs6,
    /// `desired_retention^(1/-decay) - 1`, fixed per scheduler.
    retention_term: f32,
    config: SchedulerConfig,
    learning: Vec<Duration>,
    relearning: Vec<Duration>,
    learn_ahead: Duration,
    offset: FixedOffset,
}

impl Scheduler {
    /// Builds a scheduler; the local UTC offset defaults to UTC (see
    /// [`Scheduler::with_utc_offset`]).
    ///
    /// # Errors
    /// Any [`SchedulerConfig::validate`] error, or [`SchedulerError::Fsrs`].
    pub fn new(config: &SchedulerConfig) -> Result<Self, SchedulerError> {
        let steps = config.validated_steps()?;
        let model = Fsrs6::new(&config.parameters)?;
        Ok(Self {
            retention_term: model.retention_term(config.desired_retention),
            model,
            config: config.clone(),
            learning: steps.learning,
            relearning: steps.relearning,
            learn_ahead: steps.learn_ahead,
            offset: FixedOffset::east_opt(0).expect("zero offset"),
        })
    }

    /// The local UTC offset used to find study-day boundaries.
    #[must_use]
    pub fn with_utc_offset(mut self, offset: FixedOffset) -> Self {
        self.offset = offset;
        self
    }

    /// The configuration this scheduler was built from.
    #[must_use]
    pub fn config(&self) -> &SchedulerConfig {
        &self.config
    }

    /// How far ahead a learning card may be shown when nothing else is left.
    #[must_use]
    pub fn learn_ahead(&self) -> Duration {
        self.learn_ahead
    }

    /// The local UTC offset in use.
    #[must_use]
    pub fn utc_offset(&self) -> FixedOffset {
        self.offset
    }

    /// The study day `ts` belongs to for this scheduler's offset and day start.
    #[must_use]
    pub fn study_day(&self, ts: DateTime<Utc>) -> NaiveDate {
        study_day(ts, self.offset, self.config.day_start_hour)
    }

    /// The unrounded, unfuzzed FSRS interval in days for a memory state at
    /// the desired retention.
    #[must_use]
    pub fn interval_for(&self, memory: &Memory) -> f64 {
        f64::from(
            self.model
                .interval_with(memory.stability, self.retention_term),
        )
    }

    /// Probability of recall at `now`, on the FSRS forgetting curve with
    /// fractional days since the last answer. `None` for a card never answered
    /// (there is no memory to forget yet).
    #[must_use]
    pub fn retrievability(&self, state: &CardState, now: DateTime<Utc>) -> Option<f64> {
        let memory = state.memory?;
        let elapsed = state
            .last_review
            .map_or(0.0, |l| (now - l).num_seconds().max(0) as f64 / 86_400.0);
        let r = self.model.retrievability(memory, elapsed as f32);
        Some(f64::from(r).clamp(0.0, 1.0))
    }

    /// The state after answering `state` with `grade` at `now`.
    #[must_use]
    pub fn review(
        &self,
        card: &CardId,
        state: &CardState,
        grade: Grade,
        now: DateTime<Utc>,
    ) -> CardState {
        let (memories, plans) = self.plan(card, state, now);
        let i = grade_index(grade);
        self.apply(state, grade, memories[i], plans[i], now)
    }

    /// What each of the four grades would do, Again first.
    #[must_use]
    pub fn preview(&self, card: &CardId, state: &CardState, now: DateTime<Utc>) -> [Outcome; 4] {
        let (memories, plans) = self.plan(card, state, now);
        Grade::ALL.map(|grade| {
            let i = grade_index(grade);
            Outcome {
                grade,
                state: self.apply(state, grade, memories[i], plans[i], now),
                interval: plans[i].duration(),
            }
        })
    }

    /// The state after answering a new card with these grades at these times
    /// (oldest first). The journal is the truth; this derives the rest.
    #[must_use]
    pub fn replay(
        &self,
        card: &CardId,
        reviews: impl IntoIterator<Item = (DateTime<Utc>, Grade)>,
    ) -> CardState {
        let mut state = CardState::new();
        for (ts, grade) in reviews {
            state = self.review(card, &state, grade, ts);
        }
        state
    }

    fn apply(
        &self,
        state: &CardState,
        grade: Grade,
        memory: Option<Memory>,
        plan: Plan,
        now: DateTime<Utc>,
    ) -> CardState {
        let lapse = state.phase == Phase::Review && grade == Grade::Again;
        let (phase, scheduled_days) = match plan {
            Plan::Step(_, phase) => (phase, 0),
            Plan::Days(n) => (Phase::Review, n),
        };
        CardState {
            phase,
            memory,
            due: Some(now + plan.duration()),
            last_review: Some(now),
            reps: state.reps.saturating_add(1),
            lapses: state.lapses + u32::from(lapse),
            scheduled_days,
        }
    }

    /// Memory and timing for all four grades.
    fn plan(
        &self,
        card: &CardId,
        state: &CardState,
        now: DateTime<Utc>,
    ) -> ([Option<Memory>; 4], [Plan; 4]) {
        let elapsed = state.last_review.map_or(0, |last| {
            let days = (self.study_day(now) - self.study_day(last)).num_days();
            u32::try_from(days.max(0)).unwrap_or(u32::MAX)
        });
        let next = self.model.next_states(state.memory, elapsed);
        let memories: [Option<Memory>; 4] = if next
            .iter()
            .all(|m| m.stability.is_finite() && m.difficulty.is_finite())
        {
            next.map(Some)
        } else {
            // Non-finite input (a corrupt state): keep what we had.
            [state.memory; 4]
        };

        let max = self.config.maximum_interval_days;
        let raw_days = |m: Option<Memory>| -> f64 {
            m.map_or(1.0, |m| self.interval_for(&m))
                .clamp(1.0, f64::from(max))
        };
        let fuzz = self.config.fuzz.then(|| fuzz_factor(card, state.reps));
        let days = |m: Option<Memory>| -> u32 {
            let raw = raw_days(m);
            let rounded = raw.round().clamp(1.0, f64::from(max)) as u32;
            match fuzz {
                Some(u) if rounded >= 3 => fuzzed(raw, u, max),
                _ => rounded,
            }
        };

        let (steps, in_steps): (&[Duration], Option<(usize, bool)>) = match state.phase {
            Phase::New => (&self.learning, Some((0, false))),
            Phase::Learning { step } => (&self.learning, Some((step, false))),
            Phase::Relearning { step } => (&self.relearning, Some((step, true))),
            Phase::Review => (&self.relearning, None),
        };
        let step_phase = |step: usize, relearning: bool| {
            if relearning {
                Phase::Relearning { step }
            } else {
                Phase::Learning { step }
            }
        };

        let mut plans: [Plan; 4] = match in_steps {
            Some((_, _)) if steps.is_empty() => memories.map(|m| Plan::Days(days(m))),
            Some((step, relearning)) => {
                let step = step.min(steps.len() - 1);
                let again = Plan::Step(steps[0], step_phase(0, relearning));
                let hard_delay = if step == 0 {
                    match steps.get(1) {
                        Some(&second) => (steps[0] + second) / 2,
                        None => steps[0] * 3 / 2,
                    }
                } else {
                    steps[step]
                };
                let hard = Plan::Step(hard_delay, step_phase(step, relearning));
                let good = match steps.get(step + 1) {
                    Some(&d) => Plan::Step(d, step_phase(step + 1, relearning)),
                    None => Plan::Days(days(memories[2])),
                };
                [again, hard, good, Plan::Days(days(memories[3]))]
            }
            None => {
                let again = match steps.first() {
                    Some(&d) => Plan::Step(d, Phase::Relearning { step: 0 }),
                    None => Plan::Days(days(memories[0])),
                };
                [
                    again,
                    Plan::Days(days(memories[1])),
                    Plan::Days(days(memories[2])),
                    Plan::Days(days(memories[3])),
                ]
            }
        };

        // A better grade never waits less; among passing day intervals it
        // waits at least one day more (Hard < Good < Easy), capped at max.
        for i in 1..4 {
            let prev = plans[i - 1];
            match (&mut plans[i], prev) {
                (Plan::Days(d), Plan::Days(p)) if i >= 2 => *d = (*d).max(p + 1).min(max),
                (Plan::Days(d), Plan::Days(p)) => *d = (*d).max(p),
                (Plan::Days(d), Plan::Step(p, _)) => {
                    let need = (p.num_seconds() as f64 / 86_400.0).ceil() as u32;
                    *d = (*d).max(need).min(max);
                }
                (Plan::Step(d, _), prev) => *d = (*d).max(prev.duration()),
            }
        }
        (memories, plans)
    }
}

fn grade_index(grade: Grade) -> usize {
    usize::from(grade.as_u8() - 1)
}

/// A number in [0, 1) fixed by the card id and how often it was answered, so
/// fuzz is reproducible from the journal.
fn fuzz_factor(card: &CardId, reps: u32) -> f64 {
    // FNV-1a over the id, then a splitmix64 finaliser mixing in the count.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in card.as_str().bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut z = h ^ u64::from(reps).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// Anki-style fuzz: ±(1 day + 15 % of the part between 2.5 and 7 days + 10 %
/// of 7..20 + 5 % beyond 20), picked by `u`.
fn fuzzed(interval: f64, u: f64, max: u32) -> u32 {
    let mut delta = 1.0;
    for (start, end, factor) in [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, f64::MAX, 0.05)] {
        delta += factor * (interval.min(end) - start).max(0.0);
    }
    let hi = (interval + delta).round().min(f64::from(max));
    let lo = (interval - delta).round().max(2.0).min(hi);
    let pick = (u * (hi - lo + 1.0) + lo).floor().min(hi);
    pick as u32
}
