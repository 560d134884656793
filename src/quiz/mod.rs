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
pub mod rng;
mod session;
mod spec;

pub use draw::{
    Question, QuestionForm, TYPED_MAX_CHARS, TYPED_MAX_WORDS, TypedAnswer, WEIGHT_EPSILON,
    Weakness, draw, mask_answer, note_key,
};
pub use grade::{GRADE_SCALE, PASS_PERCENT, format_grade, grade_for_percent};
pub use rng::Rng;
pub use session::{
    Answer, AnswerOutcome, Answered, Check, Mistake, PASS_CREDIT, Quiz, QuizError, Remaining,
    Results, TimeoutEvent, TimeoutReason,
};
pub use spec::{DEFAULT_COUNT, DEFAULT_PER_QUESTION, Form, ParseFormsError, QuizSpec, parse_forms};
