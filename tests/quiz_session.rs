//! The quiz state machine with an injected clock, answer scoring, results and
//! the grade scale.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use kartei::deck::{CardId, CardKind};
use kartei::progress::Grade;
use kartei::quiz::{
    Answer, AnswerOutcome, Answered, Check, Form, GRADE_SCALE, Question, QuestionForm, Quiz,
    QuizError, QuizSpec, TimeoutReason, TypedAnswer, format_grade, grade_for_percent,
};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

fn at(secs: i64) -> DateTime<Utc> {
    t0() + chrono::Duration::seconds(secs)
}

fn q(id: &str, deck: &str, tags: &[&str], form: QuestionForm, expected: &str) -> Question {
    Question {
        card: CardId::from(id),
        deck: deck.to_owned(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        kind: CardKind::Basic,
        prompt: format!("Frage {id}?"),
        expected: expected.to_owned(),
        hint: None,
        explain: Some(format!("Weil {expected}.")),
        form,
    }
}

fn typed(id: &str, answer: &str) -> Question {
    q(
        id,
        "d",
        &[],
        QuestionForm::Typed(TypedAnswer::Single(answer.to_owned())),
        answer,
    )
}

fn flips(n: usize) -> Vec<Question> {
    (0..n)
        .map(|i| q(&format!("f{i}"), "d", &[], QuestionForm::Flip, "x"))
        .collect()
}

fn limits(per_question: Option<u64>, total: Option<u64>) -> QuizSpec {
    QuizSpec {
        per_question: per_question.map(Duration::from_secs),
        time_limit: total.map(Duration::from_secs),
        ..QuizSpec::default()
    }
}

fn answered(outcome: Result<AnswerOutcome, QuizError>) -> Answered {
    match outcome {
        Ok(AnswerOutcome::Answered(a)) => a,
        other => panic!("expected an answer, got {other:?}"),
    }
}

#[test]
fn answers_advance_and_record_time_spent() {
    let mut quiz = Quiz::new(flips(2), &limits(None, None), t0());
    assert_eq!(quiz.current().unwrap().card.as_str(), "f0");
    let a = answered(quiz.answer(at(7), Answer::Flip(true)));
    assert_eq!(
        (a.index, a.ms, a.score, a.correct, a.grade),
        (0, 7000, 1.0, true, Grade::Good)
    );
    assert_eq!(a.form, Form::Flip);
    assert_eq!(quiz.current().unwrap().card.as_str(), "f1");
    let b = answered(quiz.answer(at(10), Answer::Flip(false)));
    assert_eq!((b.ms, b.score, b.grade), (3000, 0.0, Grade::Again));
    assert!(quiz.is_finished());
    assert!(quiz.current().is_none());
    assert_eq!(quiz.answer(at(11), Answer::Skip), Err(QuizError::Finished));
    assert_eq!(quiz.results().duration, Duration::from_secs(10));
}

#[test]
fn default_per_question_limit_is_sixty_seconds() {
    let mut quiz = Quiz::new(flips(2), &QuizSpec::default(), t0());
    assert!(quiz.tick(at(59)).is_empty());
    let events = quiz.tick(at(60));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].reason, TimeoutReason::Question);
    let r = quiz.remaining(at(60));
    assert_eq!(r.question, Some(Duration::from_secs(60)));
    assert_eq!(r.quiz, None);
}

#[test]
fn per_question_timeout_moves_on_without_sleeping() {
    let mut quiz = Quiz::new(flips(3), &limits(Some(30), None), t0());
    assert_eq!(
        quiz.remaining(at(10)).question,
        Some(Duration::from_secs(20))
    );
    assert!(quiz.tick(at(29)).is_empty());
    let events = quiz.tick(at(31));
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        (e.index, e.shown, e.ms, e.reason),
        (0, true, 30_000, TimeoutReason::Question)
    );
    // The next question's clock started at the deadline (30 s), not at 31 s.
    assert_eq!(quiz.current().unwrap().card.as_str(), "f1");
    assert_eq!(
        quiz.remaining(at(31)).question,
        Some(Duration::from_secs(29))
    );
    // A late tick expires every question whose time ran out.
    let events = quiz.tick(at(200));
    assert_eq!(events.iter().map(|e| e.index).collect::<Vec<_>>(), [1, 2]);
    assert!(quiz.is_finished());
    let res = quiz.results();
    assert_eq!(res.timed_out, 3);
    assert_eq!(res.duration, Duration::from_secs(90));
    assert_eq!(res.score, 0.0);
    assert!(
        res.mistakes
            .iter()
            .all(|m| m.timed_out && m.given.is_empty())
    );
}

#[test]
fn answer_after_deadline_is_too_late() {
    let mut quiz = Quiz::new(flips(2), &limits(Some(30), None), t0());
    match quiz.answer(at(45), Answer::Flip(true)) {
        Ok(AnswerOutcome::TooLate(events)) => {
            assert_eq!(events.len(), 1);
            assert_eq!(events[0].card.as_str(), "f0");
        }
        other => panic!("expected too late, got {other:?}"),
    }
    // The second question is now on screen since 30 s; answering it works.
    let a = answered(quiz.answer(at(50), Answer::Flip(true)));
    assert_eq!((a.index, a.ms), (1, 20_000));
}

#[test]
fn total_limit_ends_quiz_and_marks_rest_unshown() {
    let mut quiz = Quiz::new(flips(4), &limits(None, Some(100)), t0());
    answered(quiz.answer(at(40), Answer::Flip(true)));
    assert_eq!(quiz.remaining(at(40)).quiz, Some(Duration::from_secs(60)));
    assert_eq!(quiz.remaining(at(40)).question, None);
    assert!(quiz.tick(at(99)).is_empty());
    let events = quiz.tick(at(130));
    assert_eq!(events.len(), 3);
    assert!(events.iter().all(|e| e.reason == TimeoutReason::Total));
    assert_eq!((events[0].shown, events[0].ms), (true, 60_000));
    assert!(events[1..].iter().all(|e| !e.shown && e.ms == 0));
    assert!(quiz.is_finished());
    let res = quiz.results();
    assert_eq!(res.duration, Duration::from_secs(100));
    assert_eq!(res.score, 1.0);
    assert_eq!(res.percent, 25.0);
    assert_eq!(res.grade, 5.0);
}

#[test]
fn question_deadline_before_total_deadline_is_applied_first() {
    let mut quiz = Quiz::new(flips(5), &limits(Some(30), Some(70)), t0());
    let events = quiz.tick(at(500));
    let reasons: Vec<_> = events
        .iter()
        .map(|e| (e.index, e.reason, e.shown))
        .collect();
    assert_eq!(
        reasons,
        [
            (0, TimeoutReason::Question, true),
            (1, TimeoutReason::Question, true),
            (2, TimeoutReason::Total, true),
            (3, TimeoutReason::Total, false),
            (4, TimeoutReason::Total, false),
        ]
    );
    assert_eq!(events[2].ms, 10_000);
}

#[test]
fn paused_time_does_not_count() {
    let mut quiz = Quiz::new(flips(2), &limits(Some(30), Some(50)), t0());
    quiz.pause(at(20)).unwrap();
    assert_eq!(quiz.pause(at(21)), Err(QuizError::Paused));
    assert_eq!(quiz.answer(at(25), Answer::Skip), Err(QuizError::Paused));
    // While paused nothing runs out and the gauges stand still.
    assert!(quiz.tick(at(300)).is_empty());
    let r = quiz.remaining(at(300));
    assert_eq!(r.question, Some(Duration::from_secs(10)));
    assert_eq!(r.quiz, Some(Duration::from_secs(30)));
    assert_eq!(quiz.resume(at(320)), Ok(Duration::from_secs(300)));
    assert_eq!(quiz.resume(at(321)), Err(QuizError::NotPaused));
    assert_eq!(quiz.active(at(325)), Duration::from_secs(25));
    let a = answered(quiz.answer(at(325), Answer::Flip(true)));
    assert_eq!(a.ms, 25_000);
    // Two pauses add up.
    quiz.pause(at(330)).unwrap();
    assert_eq!(quiz.resume(at(390)), Ok(Duration::from_secs(60)));
    let events = quiz.tick(at(395));
    assert!(events.is_empty(), "only 35 s active: {events:?}");
    let events = quiz.tick(at(411));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].reason, TimeoutReason::Total);
    assert_eq!(quiz.results().duration, Duration::from_secs(50));
}

#[test]
fn deadline_passed_before_pause_is_applied_after_resume() {
    let mut quiz = Quiz::new(flips(2), &limits(Some(30), None), t0());
    quiz.pause(at(40)).unwrap();
    quiz.resume(at(100)).unwrap();
    let events = quiz.tick(at(100));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].ms, 30_000);
    assert_eq!(
        quiz.remaining(at(100)).question,
        Some(Duration::from_secs(20))
    );
}

#[test]
fn clock_going_backwards_does_not_panic() {
    let mut quiz = Quiz::new(flips(1), &limits(Some(30), Some(60)), at(100));
    assert!(quiz.tick(at(0)).is_empty());
    assert_eq!(
        quiz.remaining(at(0)).question,
        Some(Duration::from_secs(30))
    );
    let a = answered(quiz.answer(at(50), Answer::Flip(true)));
    assert_eq!(a.ms, 0);
}

#[test]
fn choice_scoring_single_and_multi() {
    let single = q(
        "s",
        "d",
        &[],
        QuestionForm::Choice {
            options: vec!["A".into(), "B".into(), "C".into(), "D".into()],
            correct: vec![2],
        },
        "C",
    );
    let multi = q(
        "m",
        "d",
        &[],
        QuestionForm::Choice {
            options: vec!["A".into(), "B".into(), "C".into(), "D".into()],
            correct: vec![0, 3],
        },
        "A, D",
    );
    let cases: &[(&Question, Vec<usize>, f64)] = &[
        (&single, vec![2], 1.0),
        (&single, vec![1], 0.0),
        (&single, vec![2, 1], 0.0),
        (&single, vec![], 0.0),
        (&multi, vec![3, 0], 1.0),
        (&multi, vec![0, 0, 3], 1.0),
        (&multi, vec![0], 0.5),
        (&multi, vec![0, 1], 0.0),
        (&multi, vec![0, 1, 2, 3], 0.0),
    ];
    for (question, picks, want) in cases {
        let mut quiz = Quiz::new(vec![(*question).clone()], &QuizSpec::default(), t0());
        let a = answered(quiz.answer(at(1), Answer::Choice(picks.clone())));
        assert_eq!(a.score, *want, "{} {picks:?}", question.card);
        assert_eq!(a.correct, *want >= 0.5);
    }
    let mut quiz = Quiz::new(vec![multi.clone()], &QuizSpec::default(), t0());
    let a = answered(quiz.answer(at(1), Answer::Choice(vec![3, 0])));
    assert_eq!(a.given, "A, D");
    assert!(matches!(a.check, Check::Choice { .. }));
    let mut quiz = Quiz::new(vec![multi], &QuizSpec::default(), t0());
    assert_eq!(
        quiz.answer(at(1), Answer::Choice(vec![4])),
        Err(QuizError::InvalidChoice {
            index: 4,
            options: 4
        })
    );
    assert_eq!(quiz.position(), 0, "a refused answer changes nothing");
}

#[test]
fn typed_answers_are_matched_tolerantly() {
    let mut quiz = Quiz::new(
        vec![
            typed("a", "Preispolitik"),
            typed("b", "Preispolitik"),
            typed("c", "Außendienst"),
        ],
        &QuizSpec::default(),
        t0(),
    );
    let a = answered(quiz.answer(at(1), Answer::Typed("Preispolitk".into())));
    assert_eq!((a.score, a.grade), (1.0, Grade::Good));
    assert!(matches!(&a.check, Check::Typed(v) if v.outcome == kartei::matcher::Outcome::Close));
    let b = answered(quiz.answer(at(2), Answer::Typed("Produktpolitik".into())));
    assert_eq!((b.score, b.grade), (0.0, Grade::Again));
    assert_eq!(b.given, "Produktpolitik");
    let c = answered(quiz.answer(at(3), Answer::Typed("aussendienst".into())));
    assert_eq!(c.score, 1.0);
}

#[test]
fn list_answers_get_partial_credit_and_half_counts_as_right() {
    let list = |id: &str| {
        q(
            id,
            "d",
            &[],
            QuestionForm::Typed(TypedAnswer::List {
                items: vec![
                    "Product".into(),
                    "Price".into(),
                    "Place".into(),
                    "Promotion".into(),
                ],
                ordered: false,
            }),
            "Product, Price, Place, Promotion",
        )
    };
    let mut quiz = Quiz::new(vec![list("a"), list("b")], &QuizSpec::default(), t0());
    let a = answered(quiz.answer(at(1), Answer::Typed("Price und Place".into())));
    assert_eq!((a.score, a.correct, a.grade), (0.5, true, Grade::Good));
    let b = answered(quiz.answer(at(2), Answer::Typed("Price".into())));
    assert_eq!((b.score, b.correct, b.grade), (0.25, false, Grade::Again));
    let res = quiz.results();
    assert_eq!(res.score, 0.75);
    assert_eq!(res.max, 2.0);
    assert_eq!(res.percent, 37.5);
    assert_eq!(res.mistakes.len(), 1);
    assert_eq!(res.mistakes[0].score, 0.25);
}

#[test]
fn mismatched_answers_are_refused() {
    let mut quiz = Quiz::new(flips(1), &QuizSpec::default(), t0());
    assert_eq!(
        quiz.answer(at(1), Answer::Typed("x".into())),
        Err(QuizError::FormMismatch {
            expected: Form::Flip,
            got: "typed"
        })
    );
    let skip = answered(quiz.answer(at(2), Answer::Skip));
    assert_eq!((skip.score, skip.grade), (0.0, Grade::Again));
    assert!(matches!(skip.check, Check::Skipped));
}

#[test]
fn results_break_down_per_deck_and_tag_with_mistakes() {
    let questions = vec![
        q("m1", "marketing", &["4p"], QuestionForm::Flip, "A"),
        q("m2", "marketing", &["4p", "preis"], QuestionForm::Flip, "B"),
        q("v1", "vertrieb", &["preis"], QuestionForm::Flip, "C"),
        q("v2", "vertrieb", &[], QuestionForm::Flip, "D"),
    ];
    let mut quiz = Quiz::new(questions, &limits(Some(30), None), t0());
    answered(quiz.answer(at(5), Answer::Flip(true)));
    answered(quiz.answer(at(10), Answer::Flip(false)));
    answered(quiz.answer(at(15), Answer::Flip(true)));
    assert_eq!(quiz.tick(at(60)).len(), 1);
    let res = quiz.results();
    assert_eq!(res.score, 2.0);
    assert_eq!(res.percent, 50.0);
    assert_eq!(res.grade, 4.0);
    assert_eq!(
        res.per_deck,
        [
            ("marketing".to_owned(), 1, 2),
            ("vertrieb".to_owned(), 1, 2)
        ]
    );
    assert_eq!(
        res.per_tag,
        [("4p".to_owned(), 1, 2), ("preis".to_owned(), 1, 2)]
    );
    let cards: Vec<_> = res.mistakes.iter().map(|m| m.card.as_str()).collect();
    assert_eq!(cards, ["m2", "v2"]);
    assert_eq!(res.mistakes[0].given, "not known");
    assert_eq!(res.mistakes[0].expected, "B");
    assert_eq!(res.mistakes[0].explain.as_deref(), Some("Weil B."));
    assert!(res.mistakes[1].timed_out);
    assert_eq!(res.duration, Duration::from_secs(45));
}

#[test]
fn abandon_ends_with_rest_unanswered() {
    let mut quiz = Quiz::new(flips(3), &QuizSpec::default(), t0());
    answered(quiz.answer(at(5), Answer::Flip(true)));
    quiz.abandon(at(9));
    assert!(quiz.is_finished() && quiz.is_abandoned());
    let res = quiz.results();
    assert!(res.abandoned);
    assert_eq!((res.score, res.max, res.mistakes.len()), (1.0, 3.0, 2));
    assert_eq!(res.timed_out, 0);
    assert_eq!(res.duration, Duration::from_secs(9));
}

#[test]
fn empty_quiz_is_finished_at_once() {
    let quiz = Quiz::new(Vec::new(), &QuizSpec::default(), t0());
    assert!(quiz.is_finished());
    let res = quiz.results();
    assert_eq!((res.max, res.percent, res.grade), (0.0, 0.0, 5.0));
}

#[test]
fn grade_table_boundaries() {
    let cases = [
        (100.0, 1.0),
        (95.0, 1.0),
        (94.99, 1.3),
        (90.0, 1.3),
        (89.9, 1.7),
        (85.0, 1.7),
        (80.0, 2.0),
        (75.0, 2.3),
        (70.0, 2.7),
        (65.0, 3.0),
        (60.0, 3.3),
        (55.0, 3.7),
        (50.0, 4.0),
        (49.99, 5.0),
        (0.0, 5.0),
        (-3.0, 5.0),
        (f64::NAN, 5.0),
    ];
    for (percent, grade) in cases {
        assert_eq!(grade_for_percent(percent), grade, "{percent} %");
    }
    // Every row's own minimum gives its grade; just below gives the next.
    for pair in GRADE_SCALE.windows(2) {
        let ((min, grade), (_, next)) = (pair[0], pair[1]);
        assert_eq!(grade_for_percent(min), grade);
        assert_eq!(grade_for_percent(min - 0.01), next);
    }
    // 19 of 20 computed in floating point still reaches 95 %.
    assert_eq!(grade_for_percent(19.0 / 20.0 * 100.0), 1.0);
    assert_eq!(grade_for_percent(0.95 * 100.0), 1.0);
}

#[test]
fn grades_are_formatted_the_german_way() {
    assert_eq!(format_grade(1.3), "1,3");
    assert_eq!(format_grade(4.0), "4,0");
    assert_eq!(format_grade(1.7), "1,7");
    assert_eq!(format_grade(5.0), "5,0");
}

#[test]
fn a_typed_list_gets_time_for_each_item() {
    let list = q(
        "l",
        "d",
        &[],
        QuestionForm::Typed(TypedAnswer::List {
            items: vec![
                "Abstimmung der Zielgruppen".into(),
                "gemeinsame Kennzahlen".into(),
                "regelmäßige Übergabe der Leads".into(),
            ],
            ordered: false,
        }),
        "…",
    );
    let mut quiz = Quiz::new(
        vec![list, typed("t", "Preis")],
        &limits(Some(20), None),
        t0(),
    );
    assert_eq!(quiz.question_limit(0), Some(Duration::from_secs(60)));
    assert_eq!(quiz.question_limit(1), Some(Duration::from_secs(20)));
    assert_eq!(
        quiz.remaining(t0()).question_limit,
        Some(Duration::from_secs(60))
    );
    // 45 s in: one item's time is long gone, three items' time is not.
    assert!(quiz.tick(at(45)).is_empty());
    let a = answered(quiz.answer(
        at(50),
        Answer::Typed("gemeinsame Kennzahlen, Abstimmung der Zielgruppen".into()),
    ));
    assert!(
        (a.score - 2.0 / 3.0).abs() < 1e-9,
        "partial credit: {}",
        a.score
    );
    // The next (single) question has the plain limit again.
    assert_eq!(quiz.tick(at(71)).len(), 1);
}
