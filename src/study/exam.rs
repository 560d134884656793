//! Exam readiness: for every card in an exam's scope, FSRS's predicted
//! probability of recall at the start of the exam day (a card never studied
//! counts 0), summed up overall, per deck and per tag, with today's plan.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::collection::{Collection, Scope};
use crate::deck::CardId;
use crate::progress::{Exam, Mode};

/// How many of the weakest cards [`readiness`] lists.
pub const WEAKEST: usize = 10;

/// Seconds one answer takes when the journal has too few to tell.
const DEFAULT_ANSWER_S: f64 = 10.0;

/// Answers a new card takes on its first day (learning steps).
const ANSWERS_PER_NEW_CARD: f64 = 3.0;

/// Expected recall of a group of cards.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub id: String,
    pub cards: usize,
    pub unstudied: usize,
    /// Mean predicted recall on the exam day, 0..=1.
    pub expected_recall: f64,
}

/// Today's work for the exam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct DayPlan {
    /// New cards of the exam in today's queue (raised by the plan).
    pub new_today: usize,
    /// Review and learning cards of the exam left today.
    pub reviews_today: usize,
    /// Estimated minutes for both, from the student's own answer times.
    pub minutes_today: u32,
}

/// How ready the student is for one exam.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    pub name: String,
    pub date: NaiveDate,
    /// Study days until the exam day (0 on the day itself, negative after).
    pub days_left: i64,
    pub cards: usize,
    pub unstudied: usize,
    /// Mean predicted recall on the exam day over all cards, 0..=1.
    pub expected_recall: f64,
    pub by_deck: Vec<Group>,
    #[serde(skip)]
    pub by_tag: Vec<Group>,
    pub plan: DayPlan,
    /// The studied cards with the lowest predicted recall, lowest first.
    pub weakest: Vec<CardId>,
}

/// The moment readiness is measured at: the start of the exam's study day.
#[must_use]
pub fn exam_start(collection: &Collection, date: NaiveDate) -> DateTime<Utc> {
    collection.scheduler().day_start(date)
}

/// Predicted recall of one card at `at` (0 for a card never studied).
#[must_use]
pub fn recall_at(collection: &Collection, card: &CardId, at: DateTime<Utc>) -> f64 {
    collection
        .scheduler()
        .retrievability(collection.state(card), at)
        .unwrap_or(0.0)
}

#[derive(Default)]
struct Sum {
    cards: usize,
    unstudied: usize,
    recall: f64,
}

impl Sum {
    fn add(&mut self, recall: Option<f64>) {
        self.cards += 1;
        match recall {
            Some(r) => self.recall += r,
            None => self.unstudied += 1,
        }
    }

    fn mean(&self) -> f64 {
        if self.cards == 0 {
            0.0
        } else {
            self.recall / self.cards as f64
        }
    }

    fn group(&self, id: &str) -> Group {
        Group {
            id: id.to_owned(),
            cards: self.cards,
            unstudied: self.unstudied,
            expected_recall: self.mean(),
        }
    }
}

/// Readiness for `exam` at `now`.
#[must_use]
pub fn readiness(collection: &Collection, exam: &Exam, now: DateTime<Utc>) -> Readiness {
    let at = exam_start(collection, exam.date);
    let scheduler = collection.scheduler();
    let mut total = Sum::default();
    let mut decks: Vec<(String, Sum)> = Vec::new();
    let mut tags: BTreeMap<String, Sum> = BTreeMap::new();
    let mut studied: Vec<(f64, &CardId)> = Vec::new();
    for card in collection.cards().filter(|c| exam.covers(c)) {
        let recall = scheduler.retrievability(collection.state(&card.id), at);
        total.add(recall);
        match decks.iter_mut().find(|(id, _)| id == &card.deck_id) {
            Some((_, sum)) => sum.add(recall),
            None => {
                let mut sum = Sum::default();
                sum.add(recall);
                decks.push((card.deck_id.clone(), sum));
            }
        }
        for tag in &card.tags {
            tags.entry(tag.clone()).or_default().add(recall);
        }
        if let Some(r) = recall {
            studied.push((r, &card.id));
        }
    }
    studied.sort_by(|a, b| a.0.total_cmp(&b.0));
    let clock = collection.clock(now);
    Readiness {
        name: exam.name.clone(),
        date: exam.date,
        days_left: (exam.date - clock.today()).num_days(),
        cards: total.cards,
        unstudied: total.unstudied,
        expected_recall: total.mean(),
        by_deck: decks.iter().map(|(id, s)| s.group(id)).collect(),
        by_tag: tags.iter().map(|(id, s)| s.group(id)).collect(),
        plan: day_plan(collection, exam, now),
        weakest: studied
            .into_iter()
            .take(WEAKEST)
            .map(|(_, id)| id.clone())
            .collect(),
    }
}

/// Today's plan for the exam: what today's queue holds of its cards.
#[must_use]
pub fn day_plan(collection: &Collection, exam: &Exam, now: DateTime<Utc>) -> DayPlan {
    let counts = collection.queue(&Scope::Exam(exam.clone()), now).counts();
    let answers =
        counts.new as f64 * ANSWERS_PER_NEW_CARD + (counts.review + counts.learning) as f64;
    let minutes = (answers * answer_seconds(collection) / 60.0).ceil();
    DayPlan {
        new_today: counts.new,
        reviews_today: counts.review + counts.learning,
        minutes_today: minutes as u32,
    }
}

/// The median time of the student's last review answers, in seconds.
fn answer_seconds(collection: &Collection) -> f64 {
    let mut ms: Vec<u64> = collection
        .journal()
        .events()
        .iter()
        .rev()
        .filter_map(|e| match &e.body {
            crate::progress::EventBody::Review { ms, mode, .. } if *mode == Mode::Review => {
                Some(*ms)
            }
            _ => None,
        })
        .filter(|&ms| ms > 0 && ms < 10 * 60 * 1000)
        .take(500)
        .collect();
    if ms.len() < 20 {
        return DEFAULT_ANSWER_S;
    }
    ms.sort_unstable();
    ms[ms.len() / 2] as f64 / 1000.0
}

/// The next exam that is today or later, if any.
#[must_use]
pub fn next_exam(collection: &Collection, now: DateTime<Utc>) -> Option<Exam> {
    let today = collection.clock(now).today();
    collection.exams().into_iter().find(|e| e.date >= today)
}
