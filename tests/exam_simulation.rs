//! The exam plan, measured: a seeded simulated student studies all 209
//! bundled cards from scratch, one session a day, with an exam 14 days
//! ahead, once following the plan and once with plain scheduling (20 new
//! cards a day, no exam set). The student recalls each card with FSRS's
//! own predicted probability at the moment it is shown (a card shown for
//! the first time: 60 %). The clock steps through the days like
//! `KARTEI_NOW` would; everything goes through the public study port.
//!
//! Run with `--nocapture` to see the figures (docs/exam-planning.md).

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use kartei::collection::{Collection, OpenOptions};
use kartei::progress::{EventBody, Exam, Grade};
use kartei::study::exam::readiness;
use kartei::study::{CollectionStudy, NextCard, Scope, SessionKind, Study};

const EXAM_DAY: &str = "2026-12-16";
const FIRST_DAY: &str = "2026-12-02";
const FIRST_SHOW_RECALL: f64 = 0.6;

/// splitmix64: a seeded, reproducible stream of numbers in [0, 1).
struct Coin(u64);

impl Coin {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn open(dir: &std::path::Path) -> Collection {
    Collection::open(OpenOptions {
        data_dir: dir.to_path_buf(),
        config_path: dir.join("config.toml"),
        bundled: true,
        user_decks: None,
        extra_decks: Vec::new(),
        offset: FixedOffset::east_opt(0).unwrap(),
        read_only: false,
        cache_dir: None,
    })
    .unwrap()
}

fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    day.and_hms_opt(hour, 0, 0).unwrap().and_utc()
}

struct Outcome {
    /// Mean predicted recall over all cards at the start of the exam day.
    recall: f64,
    /// The last day any card was seen for the first time.
    last_new_day: NaiveDate,
    /// Answers per study day.
    answers: Vec<usize>,
    /// Review cards due on the first three days after the exam.
    due_after: Vec<usize>,
}

fn simulate(plan: bool, seed: u64) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let first: NaiveDate = FIRST_DAY.parse().unwrap();
    let exam_day: NaiveDate = EXAM_DAY.parse().unwrap();
    let exam = Exam {
        name: "Abschluss".to_owned(),
        date: exam_day,
        decks: Vec::new(),
        tags: Vec::new(),
    };
    let mut collection = open(dir.path());
    let total = collection.cards().count();
    assert_eq!(total, 209, "every bundled card");
    if plan {
        collection
            .append(
                at(first, 8),
                EventBody::ExamAdd {
                    name: exam.name.clone(),
                    date: exam.date,
                    decks: Vec::new(),
                    tags: Vec::new(),
                },
            )
            .unwrap();
    }
    let mut study = CollectionStudy::new(collection);
    let mut coin = Coin(seed);
    let mut answers = Vec::new();
    let mut last_new_day = first;
    let mut day = first;
    while day < exam_day {
        let mut now = at(day, 18);
        study
            .start_session(Scope::All, SessionKind::Review, now)
            .unwrap();
        let mut count = 0;
        loop {
            match study.next_card(now) {
                NextCard::Show(show) => {
                    let c = study.collection();
                    let state = c.state(&show.card.id);
                    if c.is_new(&show.card.id) {
                        last_new_day = day;
                    }
                    let p = c
                        .scheduler()
                        .retrievability(state, now)
                        .unwrap_or(FIRST_SHOW_RECALL);
                    let grade = if coin.next() < p {
                        Grade::Good
                    } else {
                        Grade::Again
                    };
                    study.answer(&show.card.id, grade, 8000, now).unwrap();
                    now += Duration::seconds(8);
                    count += 1;
                    assert!(count < 5000, "the session never ends");
                }
                NextCard::Wait { until } => now = until.max(now + Duration::seconds(1)),
                NextCard::Done(_) => break,
            }
        }
        answers.push(count);
        day = day.succ_opt().unwrap();
    }
    let c = study.collection();
    let recall = readiness(c, &exam, at(exam_day, 8)).expected_recall;
    let due_after = (1..=3)
        .map(|d| {
            let day = exam_day + chrono::Days::new(d);
            c.cards()
                .filter(|card| {
                    c.state(&card.id)
                        .due
                        .is_some_and(|due| c.scheduler().study_day(due) == day)
                })
                .count()
        })
        .collect();
    Outcome {
        recall,
        last_new_day,
        answers,
        due_after,
    }
}

#[test]
fn the_plan_reaches_90_percent_on_exam_day_and_plain_scheduling_does_not_match_it() {
    let exam_day: NaiveDate = EXAM_DAY.parse().unwrap();
    for seed in [1, 2, 3] {
        let planned = simulate(true, seed);
        let plain = simulate(false, seed);
        eprintln!(
            "seed {seed}: with the plan {:.1} % (answers per day {:?}, last new card {}, due on the 3 days after: {:?}); \
             plain scheduling {:.1} % (answers per day {:?}, last new card {})",
            planned.recall * 100.0,
            planned.answers,
            planned.last_new_day,
            planned.due_after,
            plain.recall * 100.0,
            plain.answers,
            plain.last_new_day,
        );
        assert!(
            planned.last_new_day + chrono::Days::new(3) <= exam_day,
            "a card was introduced on {}",
            planned.last_new_day
        );
        assert!(planned.recall >= 0.90, "plan: {}", planned.recall);
        // After the exam the cards' own FSRS due dates apply: no cliff.
        assert!(
            planned.due_after.iter().all(|&n| n < 209 / 6),
            "{:?}",
            planned.due_after
        );
        assert!(
            planned.recall >= plain.recall + 0.02,
            "plan {} vs plain {}",
            planned.recall,
            plain.recall
        );
    }
}
