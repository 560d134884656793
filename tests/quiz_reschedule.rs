//! Whether quiz answers move the schedule, through the real port: with
//! `reschedule` off no due date moves; with it on, the answer and its
//! scheduling effect are one journal event, so a crash at any byte of that
//! line leaves either both or neither. And `--reschedule` is remembered.

use chrono::{DateTime, Duration, FixedOffset, Utc};
use kartei::collection::{Collection, OpenOptions};
use kartei::progress::EventBody;
use kartei::quiz::{Answer, AnswerOutcome, Form, Quiz, QuizSpec};
use kartei::study::CollectionStudy;
use kartei::ui::QuizPort;

fn t0() -> DateTime<Utc> {
    "2026-11-27T18:00:00Z".parse().unwrap()
}

fn options(dir: &std::path::Path) -> OpenOptions {
    OpenOptions {
        data_dir: dir.to_path_buf(),
        config_path: dir.join("config.toml"),
        bundled: true,
        user_decks: None,
        extra_decks: Vec::new(),
        offset: FixedOffset::east_opt(0).unwrap(),
        read_only: false,
        cache_dir: None,
    }
}

fn spec(reschedule: bool) -> QuizSpec {
    QuizSpec {
        decks: vec!["kennzahlen".into()],
        count: 3,
        forms: vec![Form::Flip],
        seed: 3,
        reschedule,
        ..QuizSpec::default()
    }
}

/// Runs a 3-question flip quiz answering wrong, right, wrong.
fn run_quiz(study: &mut CollectionStudy, spec: &QuizSpec) -> Vec<kartei::deck::CardId> {
    let started = study.start_quiz(spec, t0()).unwrap();
    let cards = started.questions.iter().map(|q| q.card.clone()).collect();
    let mut quiz = Quiz::new(started.questions, spec, t0());
    let mut now = t0();
    for right in [false, true, false] {
        now += Duration::seconds(5);
        let AnswerOutcome::Answered(a) = quiz.answer(now, Answer::Flip(right)).unwrap() else {
            panic!("in time");
        };
        study.record_quiz_answer(&started.id, &a, now).unwrap();
    }
    cards
}

#[test]
fn without_rescheduling_no_due_date_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut study = CollectionStudy::new(Collection::open(options(dir.path())).unwrap());
    let cards = run_quiz(&mut study, &spec(false));
    for id in &cards {
        assert!(study.collection().is_new(id), "{id} was scheduled");
    }
    drop(study);
    let c = Collection::open(options(dir.path())).unwrap();
    for id in &cards {
        assert!(c.is_new(id));
        assert!(c.reviews_of(id).is_empty());
    }
    let graded = c
        .journal()
        .events()
        .iter()
        .filter(|e| matches!(e.body, EventBody::QuizAnswer { grade: Some(_), .. }))
        .count();
    assert_eq!(graded, 0);
    // With rescheduling the same quiz moves them.
    let mut study = CollectionStudy::new(c);
    let cards = run_quiz(&mut study, &spec(true));
    assert!(cards.iter().all(|id| !study.collection().is_new(id)));
}

#[test]
fn an_answer_and_its_scheduling_effect_survive_a_crash_together() {
    let dir = tempfile::tempdir().unwrap();
    let mut study = CollectionStudy::new(Collection::open(options(dir.path())).unwrap());
    let cards = run_quiz(&mut study, &spec(true));
    let last = cards.last().unwrap().clone();
    drop(study);
    let path = dir.path().join("journal.jsonl");
    let full = std::fs::read(&path).unwrap();
    let start = full[..full.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    // Cut the journal at every byte of the last line, as a kill during the
    // write would.
    for cut in start..=full.len() {
        std::fs::write(&path, &full[..cut]).unwrap();
        let c = Collection::open(options(dir.path())).unwrap();
        let answers = c
            .journal()
            .events()
            .iter()
            .filter(|e| matches!(&e.body, EventBody::QuizAnswer { card, .. } if *card == last))
            .count();
        let scheduled = !c.is_new(&last);
        assert_eq!(
            answers == 1,
            scheduled,
            "cut at {cut}: {answers} answers, scheduled {scheduled}"
        );
        if cut == full.len() {
            assert_eq!(answers, 1);
        } else if cut < full.len() - 1 {
            assert_eq!(answers, 0, "cut at {cut}: a torn line was read");
        }
        drop(c);
    }
}

#[test]
fn reschedule_choice_is_remembered_in_the_config() {
    let dir = tempfile::tempdir().unwrap();
    // The interface cannot start without a terminal; the choice is saved
    // before it would.
    let _ = assert_cmd::Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", dir.path())
        .env("KARTEI_NOW", "2026-11-27T19:00:00Z")
        .args(["quiz", "--reschedule", "no"])
        .output()
        .unwrap();
    let config = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(config.contains("reschedule = false"), "{config}");
    let config = kartei::config::Config::load(&dir.path().join("config.toml")).unwrap();
    assert!(!config.quiz.reschedule);
}
