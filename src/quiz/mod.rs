//! Timed quizzes: drawing questions, forms, the quiz state machine and
//! grading. Pure: time and randomness come in as parameters.
//!
//! Flow for the integration: build a [`QuizSpec`], call [`draw`] with a
//! [`Rng`] seeded from `spec.seed`, start a [`Quiz`], call [`Quiz::tick`]
//! regularly and [`Quiz::answer`] on input, and journal every
//! [`Answered`] (QuizAnswer + Review: Good when `correct`, Again otherwise;
//! credit ≥ [`PASS_CREDIT`] = 0.5 counts as correct) and every
//! [`TimeoutEvent`] (QuizAnswer with `timed_out`; Review Again only when
//! `shown`). At the end show [`Quiz::results`].

mod draw;
mod grade;
mod session;
mod spec;

pub use draw::{
    Question, QuestionForm, TYPED_MAX_CHARS, TYPED_MAX_WORDS, TypedAnswer, WEIGHT_EPSILON,
    Weakness, draw, mask_answer, note_key,
};
pub use grade::{GRADE_SCALE, PASS_PERCENT, format_grade, grade_for_percent};
pub use session::{
    Answer, AnswerOutcome, Answered, Check, Mistake, PASS_CREDIT, Quiz, QuizError, Remaining,
    Results, TimeoutEvent, TimeoutReason,
};
pub use spec::{DEFAULT_COUNT, DEFAULT_PER_QUESTION, Form, ParseFormsError, QuizSpec, parse_forms};

use rand::SeedableRng as _;
use rand::rngs::Xoshiro256PlusPlus;

/// The seeded pseudo-random generator of quizzes: `rand`'s xoshiro256++,
/// one of its "named portable generators" whose output for a seed is
/// guaranteed not to change between versions or platforms, seeded with
/// [`SeedableRng::seed_from_u64`](rand::SeedableRng::seed_from_u64) (a
/// change of which rand counts as value-breaking). So `kartei quiz --seed N`
/// draws the same questions in the same order everywhere. Not for anything
/// security-related.
///
/// It implements [`rand::Rng`], so every `rand` method works on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng(Xoshiro256PlusPlus);

impl Rng {
    /// A generator seeded with `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(Xoshiro256PlusPlus::seed_from_u64(seed))
    }
}

impl rand::TryRng for Rng {
    type Error = std::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        self.0.try_next_u32()
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        self.0.try_next_u64()
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        self.0.try_fill_bytes(dst)
    }
}
