//! A whole quiz through the real port over a collection on disk: the draw,
//! every answer journalled as it is given (one QuizAnswer event each), a timeout,
//! a pause, the end; then the scheduler and `kartei quiz --history` see it.

use assert_cmd::Command;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use kartei::collection::{Collection, OpenOptions};
use kartei::progress::{EventBody, Grade, Mode};
use kartei::quiz::{Answer, AnswerOutcome, Form, Quiz, QuizSpec};
use kartei::scheduler::Phase;
use kartei::study::CollectionStudy;
use kartei::ui::QuizPort;

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T18:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn quiz_answers_reach_the_journal_and_the_scheduler() {
    let dir = tempfile::tempdir().unwrap();
    let options = OpenOptions {
        data_dir: dir.path().to_path_buf(),
        config_path: dir.path().join("config.toml"),
        bundled: true,
        user_decks: None,
        extra_decks: Vec::new(),
        offset: FixedOffset::east_opt(0).unwrap(),
        read_only: false,
        cache_dir: None,
    };
    let mut study = CollectionStudy::new(Collection::open(options.clone()).unwrap());
    let spec = QuizSpec {
        decks: vec!["marketing-mix".into()],
        count: 4,
        per_question: Some(std::time::Duration::from_secs(30)),
        forms: vec![Form::Flip],
        seed: 7,
        ..QuizSpec::default()
    };
    let started = study.start_quiz(&spec, t0()).unwrap();
    assert_eq!(started.questions.len(), 4);
    assert!(started.questions.iter().all(|q| q.deck == "marketing-mix"));
    let cards: Vec<_> = started.questions.iter().map(|q| q.card.clone()).collect();
    let mut quiz = Quiz::new(started.questions, &spec, t0());

    // 1: right, 2: wrong, then a pause of 5 minutes, 3: times out, 4: right.
    let mut now = t0() + Duration::seconds(5);
    for (answer, step) in [(Answer::Flip(true), 5), (Answer::Flip(false), 10)] {
        let AnswerOutcome::Answered(a) = quiz.answer(now, answer).unwrap() else {
            panic!("in time");
        };
        study.record_quiz_answer(&started.id, &a, now).unwrap();
        now += Duration::seconds(step);
    }
    quiz.pause(now).unwrap();
    now += Duration::minutes(5);
    let paused = quiz.resume(now).unwrap();
    study
        .record_quiz_pause(&started.id, u64::try_from(paused.as_millis()).unwrap(), now)
        .unwrap();
    now += Duration::seconds(40);
    let timeouts = quiz.tick(now);
    assert_eq!(timeouts.len(), 1, "only the third question timed out");
    for tmo in &timeouts {
        study.record_quiz_timeout(&started.id, tmo, now).unwrap();
    }
    let AnswerOutcome::Answered(a) = quiz.answer(now, Answer::Flip(true)).unwrap() else {
        panic!("in time");
    };
    study.record_quiz_answer(&started.id, &a, now).unwrap();
    assert!(quiz.is_finished());
    let results = quiz.results();
    study.finish_quiz(&started.id, &results, now).unwrap();
    drop(study);

    // Everything is on disk: reopen and look.
    let c = Collection::open(options).unwrap();
    let events = c.journal().events();
    let answers = events
        .iter()
        .filter(|e| matches!(e.body, EventBody::QuizAnswer { .. }))
        .count();
    assert_eq!(answers, 4);
    // One event per answer: the grade for the scheduler rides on it; no
    // separate review events.
    let graded: Vec<(String, Option<Grade>, bool)> = events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::QuizAnswer {
                quiz,
                card,
                grade,
                timed_out,
                ..
            } if *quiz == started.id => Some((card.0.clone(), *grade, *timed_out)),
            _ => None,
        })
        .collect();
    assert_eq!(
        graded,
        vec![
            (cards[0].0.clone(), Some(Grade::Good), false),
            (cards[1].0.clone(), Some(Grade::Again), false),
            // A timeout is a timeout, not a lapse.
            (cards[2].0.clone(), None, true),
            (cards[3].0.clone(), Some(Grade::Good), false),
        ]
    );
    assert!(
        !events.iter().any(|e| matches!(
            e.body,
            EventBody::Review {
                mode: Mode::Quiz,
                ..
            }
        )),
        "no second event per answer"
    );
    assert!(c.is_new(&cards[2]), "the timed-out card was not reviewed");
    assert!(
        events
            .iter()
            .any(|e| matches!(&e.body, EventBody::QuizPause { ms, .. } if *ms == 300_000))
    );
    // A wrong quiz answer is a lapse for the scheduler: the card is learning.
    assert!(matches!(
        c.state(&cards[1]).phase,
        Phase::Learning { .. } | Phase::Relearning { .. }
    ));
    drop(c);

    let out = Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", dir.path())
        .env("KARTEI_NOW", "2026-11-27T19:00:00Z")
        .args(["quiz", "--history", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["id"], started.id.as_str());
    assert_eq!(v[0]["score"], 2.0);
    assert_eq!(v[0]["max"], 4.0);
    assert_eq!(v[0]["grade"], 4.0, "2 of 4 is 50 %, which passes with 4,0");
}
