//! The port between the exam screens (overview line, exam screen, cram) and
//! the rest of kartei. Plain data, so a test double can produce it.

use chrono::{DateTime, NaiveDate, Utc};

pub use super::exam::DayPlan;

/// Expected recall of one deck or tag on the exam day.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamGroup {
    /// The deck's name, or the tag.
    pub name: String,
    pub cards: usize,
    pub unstudied: usize,
    /// 0..=1.
    pub expected_recall: f64,
}

/// One exam and how ready the student is for it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamView {
    pub name: String,
    pub date: NaiveDate,
    /// Study days until the exam (0 on the day).
    pub days_left: i64,
    pub cards: usize,
    pub unstudied: usize,
    /// Mean predicted recall at the start of the exam day, 0..=1.
    pub expected_recall: f64,
    pub decks: Vec<ExamGroup>,
    pub tags: Vec<ExamGroup>,
    pub plan: DayPlan,
    /// The weakest studied cards: question (first line) and predicted
    /// recall on the day, lowest first.
    pub weakest: Vec<(String, f64)>,
}

/// What a cram session goes through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CramTarget {
    /// An exam's cards, lowest predicted recall on the exam day first.
    Exam(String),
    /// These decks (empty: all decks), lowest predicted recall now first.
    Decks(Vec<String>),
    /// Cards with any of these tags, lowest predicted recall now first.
    Tags(Vec<String>),
}

/// Everything the exam screens need from the study logic.
pub trait ExamPort {
    /// The exams from today on with their readiness, the next first.
    fn exams(&self, now: DateTime<Utc>) -> Vec<ExamView>;

    /// Begins a cram session over `target` (at most `count` cards): the
    /// weakest cards first, a missed card repeated at the end, answers
    /// journalled as cram that never move a due date.
    ///
    /// # Errors
    /// A message to show: an unknown exam, deck or tag, or no cards.
    fn start_cram(
        &mut self,
        target: &CramTarget,
        count: Option<usize>,
        now: DateTime<Utc>,
    ) -> Result<(), String>;
}
