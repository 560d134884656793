//! The quiz screens: snapshots (80x24) and state tests over the fake port,
//! with injected times (no sleeping).

mod ui_common;

use std::time::Duration;

use insta::assert_snapshot;
use kartei::deck::{Card, CardId};
use kartei::i18n::Lang;
use kartei::progress::Grade;
use kartei::quiz::{Form, Question, QuestionForm, QuizSpec};
use kartei::ui::quiz_screen::{QuizScreen, RunState};
use kartei::ui::{Scope, Screen, Study};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ui_common::Harness;
use ui_common::fake_study::{FakeStudy, QuizRecord, sample_cards};

fn sample(id: &str) -> Card {
    sample_cards()
        .into_iter()
        .find(|c| c.id.as_str() == id)
        .unwrap()
}

fn spec(forms: &[Form], count: u32, per_q: Option<u64>, total: Option<u64>) -> QuizSpec {
    QuizSpec {
        count,
        per_question: per_q.map(Duration::from_secs),
        time_limit: total.map(Duration::from_secs),
        forms: forms.to_vec(),
        seed: 7,
        ..QuizSpec::default()
    }
}

/// A harness over these cards with a quiz already running.
fn quiz(cards: &[&str], spec: &QuizSpec) -> Harness {
    let cards = cards.iter().map(|id| sample(id)).collect();
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(cards), false);
    h.app.start_quiz(spec, h.now, &mut h.study);
    assert!(
        running(&h).is_some(),
        "quiz did not start: {:?}",
        h.app.status
    );
    h
}

fn running(h: &Harness) -> Option<&RunState> {
    match &h.app.screen {
        Screen::Quiz(q) => match q.as_ref() {
            QuizScreen::Running(r) => Some(r),
            _ => None,
        },
        _ => None,
    }
}

fn current(h: &Harness) -> Question {
    running(h).unwrap().quiz.current().unwrap().clone()
}

fn tick(h: &mut Harness) {
    h.app.tick(h.now, &mut h.study);
}

/// Answers the current choice question right or wrong.
fn answer_choice(h: &mut Harness, right: bool) {
    let QuestionForm::Choice { options, correct } = current(h).form else {
        panic!("not a choice question");
    };
    let pick = if right {
        correct[0]
    } else {
        (0..options.len()).find(|i| !correct.contains(i)).unwrap()
    };
    h.keys(&char::from(b'a' + pick as u8).to_string());
    h.enter();
}

fn answers(h: &Harness) -> Vec<(CardId, Grade)> {
    h.study
        .quiz_log
        .iter()
        .filter_map(|r| match r {
            QuizRecord::Answer { card, grade, .. } => Some((card.clone(), *grade)),
            _ => None,
        })
        .collect()
}

fn results(h: &Harness) -> kartei::quiz::Results {
    match h.study.quiz_log.last() {
        Some(QuizRecord::End { results, .. }) => (**results).clone(),
        other => panic!("no QuizEnd recorded, last: {other:?}"),
    }
}

// ---- snapshots ----

#[test]
fn setup_screen() {
    let mut h = Harness::new(Lang::En);
    h.keys("t");
    assert!(matches!(&h.app.screen, Screen::Quiz(q) if matches!(**q, QuizScreen::Setup(_))));
    assert_snapshot!("quiz_setup", h.render(80, 24).backend());
    // German labels are longer: the value column moves, every value keeps
    // two spaces before it.
    let mut h = Harness::new(Lang::De);
    h.keys("t");
    let screen = h.screen();
    assert!(screen.contains("Stapel (keiner = alle)  [ ]"), "{screen}");
    assert_snapshot!("quiz_setup_de", h.render(80, 24).backend());
}

#[test]
fn choice_question() {
    let mut h = quiz(
        &["kpi-awareness"],
        &spec(&[Form::Choice], 1, None, Some(600)),
    );
    h.keys("b");
    assert_snapshot!("quiz_choice", h.render(80, 24).backend());
}

#[test]
fn typed_question() {
    let mut h = quiz(&["kb-massnahmen"], &spec(&[Form::Typed], 1, Some(60), None));
    h.keys("Kundenbindung");
    h.wait_secs(12);
    tick(&mut h);
    assert_snapshot!("quiz_typed", h.render(80, 24).backend());
}

#[test]
fn flip_question_before_and_after() {
    let mut h = quiz(
        &["mm-produkt"],
        &spec(&[Form::Flip], 1, Some(60), Some(300)),
    );
    assert_snapshot!("quiz_flip", h.render(80, 24).backend());
    h.keys(" ");
    assert_snapshot!("quiz_flip_shown", h.render(80, 24).backend());
}

#[test]
fn countdown_near_zero() {
    let mut h = quiz(&["mm-produkt"], &spec(&[Form::Flip], 1, Some(60), None));
    h.wait_secs(58);
    tick(&mut h);
    let screen = h.screen();
    assert!(screen.contains("00:02"), "{screen}");
    assert_snapshot!("quiz_countdown_low", screen);
}

#[test]
fn paused_hides_the_question() {
    let mut h = quiz(
        &["kpi-awareness"],
        &spec(&[Form::Choice], 1, Some(60), None),
    );
    h.wait_secs(10);
    h.keys("p");
    let screen = h.screen();
    assert!(!screen.contains("Welche KPI"), "{screen}");
    assert_snapshot!("quiz_paused", screen);
}

#[test]
fn results_with_mistakes() {
    let cards = ["kpi-awareness", "kpi-multi", "mm-produkt", "mm-4p"];
    let mut h = quiz(
        &cards,
        &spec(&[Form::Choice, Form::Flip], 4, Some(60), None),
    );
    // Choice questions right, flip questions wrong.
    let mut wrong = Vec::new();
    while let Some(run) = running(&h) {
        let q = run.quiz.current().unwrap().clone();
        h.wait_secs(5);
        match q.form {
            QuestionForm::Choice { .. } => answer_choice(&mut h, true),
            _ => {
                h.keys(" n");
                wrong.push(q.card);
            }
        }
    }
    let r = results(&h);
    assert!(!wrong.is_empty());
    assert_eq!(r.mistakes.len(), wrong.len());
    let screen = h.screen();
    if wrong.contains(&CardId::from("mm-produkt")) {
        // The explanation of the missed card is shown.
        assert!(screen.contains("Das erste P des Marketing-Mix"), "{screen}");
    }
    assert_snapshot!("quiz_results", screen);
}

// ---- state ----

#[test]
fn timeout_moves_on_and_ends_without_sleeping() {
    let mut h = quiz(
        &["kpi-awareness", "mm-produkt"],
        &spec(&[Form::Flip], 2, Some(10), None),
    );
    let first = current(&h).card;
    h.wait_secs(9);
    tick(&mut h);
    assert_eq!(running(&h).unwrap().quiz.position(), 0);
    h.wait_secs(2);
    tick(&mut h);
    assert_eq!(running(&h).unwrap().quiz.position(), 1);
    assert!(h.study.quiz_log.iter().any(|r| matches!(
        r,
        QuizRecord::Timeout { card, shown: true, ms: 10_000, .. } if *card == first
    )));
    h.wait_secs(10);
    tick(&mut h);
    assert!(running(&h).is_none());
    let r = results(&h);
    assert_eq!(r.timed_out, 2);
    assert_eq!(r.score, 0.0);
    assert!(!r.abandoned);
}

#[test]
fn pause_is_excluded_from_time_and_recorded() {
    let mut h = quiz(&["mm-produkt"], &spec(&[Form::Flip], 1, Some(10), None));
    h.wait_secs(5);
    h.keys("p");
    assert!(running(&h).unwrap().quiz.is_paused());
    // Answer keys do nothing while paused.
    h.keys(" y1");
    h.enter();
    assert!(running(&h).unwrap().quiz.is_paused());
    assert!(answers(&h).is_empty());
    h.wait_secs(100);
    tick(&mut h);
    assert!(running(&h).is_some(), "paused time must not count");
    h.keys("p");
    assert!(
        h.study
            .quiz_log
            .iter()
            .any(|r| matches!(r, QuizRecord::Pause { ms: 100_000, .. }))
    );
    h.wait_secs(4);
    tick(&mut h);
    assert!(running(&h).is_some());
    h.wait_secs(2);
    tick(&mut h);
    assert!(running(&h).is_none(), "10 s of active time are up");
}

#[test]
fn answers_reach_the_port_in_order_with_grades() {
    let cards = ["kpi-awareness", "kb-massnahmen", "mm-produkt"];
    let mut h = quiz(
        &cards,
        &spec(&[Form::Choice, Form::Typed, Form::Flip], 3, Some(60), None),
    );
    let mut expected = Vec::new();
    for i in 0..3 {
        let q = current(&h);
        let right = i != 1;
        match &q.form {
            QuestionForm::Choice { .. } => answer_choice(&mut h, right),
            QuestionForm::Typed(_) => {
                h.keys(if right { &q.expected } else { "falsch" });
                h.enter();
            }
            QuestionForm::Flip => {
                h.keys(" ");
                h.keys(if right { "1" } else { "2" });
            }
        }
        expected.push((q.card, if right { Grade::Good } else { Grade::Again }));
    }
    assert_eq!(answers(&h), expected);
    let r = results(&h);
    assert_eq!(r.score, 2.0);
    assert_eq!(r.mistakes.len(), 1);
}

#[test]
fn typed_answers_use_the_matcher() {
    let mut h = quiz(&["kb-massnahmen"], &spec(&[Form::Typed], 1, Some(60), None));
    h.keys("kundenbindungsmassnahmen");
    h.enter();
    assert_eq!(answers(&h)[0].1, Grade::Good);
    assert_eq!(results(&h).score, 1.0);
}

#[test]
fn choice_needs_a_tick_before_enter() {
    let mut h = quiz(
        &["kpi-awareness"],
        &spec(&[Form::Choice], 1, Some(60), None),
    );
    h.enter();
    assert!(answers(&h).is_empty());
    assert!(h.app.status.as_deref().unwrap().contains("tick an option"));
}

#[test]
fn abandon_asks_first_and_records_quiz_end() {
    let mut h = quiz(
        &["kpi-awareness", "mm-produkt"],
        &spec(&[Form::Flip], 2, Some(60), None),
    );
    h.key(KeyCode::Esc);
    assert!(running(&h).unwrap().confirm_abandon);
    h.keys("n");
    assert!(!running(&h).unwrap().confirm_abandon);
    h.keys(" y");
    h.wait_secs(3);
    h.key(KeyCode::Esc);
    h.keys("y");
    assert!(running(&h).is_none());
    let r = results(&h);
    assert!(r.abandoned);
    assert_eq!(r.score, 1.0);
    assert_eq!(r.mistakes.len(), 1);
}

#[test]
fn r_reviews_the_missed_cards() {
    let cards = ["kpi-awareness", "kpi-multi", "mm-produkt"];
    let mut h = quiz(&cards, &spec(&[Form::Flip], 3, Some(60), None));
    let mut missed = Vec::new();
    for i in 0..3 {
        let q = current(&h);
        h.keys(" ");
        if i == 0 {
            h.keys("y");
        } else {
            h.keys("n");
            missed.push(q.card);
        }
    }
    h.keys("r");
    let Screen::Review(r) = &h.app.screen else {
        panic!("not reviewing: {:?}", h.app.status);
    };
    assert!(missed.contains(&r.show.card.id));
    let mut queued: Vec<CardId> = h.study.queue.iter().map(|c| c.id.clone()).collect();
    queued.sort();
    missed.sort();
    assert_eq!(queued, missed);
    // The fake builds exactly this scope from Scope::Cards.
    let mut again = FakeStudy::with_cards(cards.iter().map(|id| sample(id)).collect());
    again
        .start_session(
            Scope::Cards(missed.clone()),
            kartei::study::SessionKind::Mistakes,
            h.now,
        )
        .unwrap();
    assert_eq!(again.queue.len(), missed.len());
    // The mistakes come one after another, then the results are back; from
    // `kartei quiz`, leaving the results returns to the shell.
    for _ in 0..missed.len() {
        let Screen::Review(r) = &h.app.screen else {
            panic!("a missed card");
        };
        let id = r.show.card.id.clone();
        h.enter(); // reveal (choice: confirm nothing ticked)
        h.keys("33"); // grade Good (a suggested grade needs a confirming press)
        assert!(!matches!(&h.app.screen, Screen::Review(r) if r.show.card.id == id));
    }
    assert!(
        matches!(h.app.screen, Screen::Quiz(_)),
        "back on the results: {:?}",
        h.app.screen
    );
    assert!(results(&h).mistakes.len() == missed.len());
    assert_eq!(h.key(KeyCode::Esc), kartei::ui::Effect::Quit);
}

#[test]
fn setup_is_edited_saved_and_remembered() {
    let mut h = Harness::new(Lang::En);
    h.keys("t");
    h.key(KeyCode::Right); // count 20 -> 25
    h.key(KeyCode::Down);
    h.key(KeyCode::Down); // time
    h.key(KeyCode::Right); // 60s -> 90s
    h.key(KeyCode::Down); // cards
    h.key(KeyCode::Down); // schedule
    h.keys(" "); // answers leave the schedule alone
    h.key(KeyCode::Down);
    h.key(KeyCode::Down); // typed
    h.keys(" "); // untick typed
    h.key(KeyCode::Down);
    h.key(KeyCode::Down); // first deck
    h.keys(" ");
    h.enter();
    assert!(running(&h).is_some(), "{:?}", h.app.status);
    let saved = h.study.saved_setups.last().cloned().unwrap();
    assert_eq!(saved.count, 25);
    assert_eq!(saved.per_question, "90s");
    assert_eq!(saved.time, "");
    assert_eq!(saved.forms, ["choice", "flip"]);
    assert_eq!(saved.decks, ["marketing"]);
    assert!(!saved.studied_only);
    assert!(!saved.reschedule);
    let Some(QuizRecord::Start { spec, .. }) = h.study.quiz_log.first() else {
        panic!("no start");
    };
    assert_eq!(spec.per_question, Some(Duration::from_secs(90)));
    assert_eq!(spec.forms, [Form::Choice, Form::Flip]);
    assert_eq!(spec.decks, ["marketing"]);
    assert!(!spec.studied_only);
    assert!(!spec.reschedule);
    // Abandon, leave the results, open the setup again: it is remembered.
    h.key(KeyCode::Esc);
    h.keys("y");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Overview);
    h.keys("t");
    let Screen::Quiz(q) = &h.app.screen else {
        panic!()
    };
    let QuizScreen::Setup(s) = q.as_ref() else {
        panic!()
    };
    assert_eq!(s.setup, saved);
}

#[test]
fn setup_switches_to_a_total_limit() {
    let mut h = Harness::new(Lang::En);
    h.keys("t");
    h.key(KeyCode::Down);
    h.keys(" "); // mode: whole quiz
    h.key(KeyCode::Down);
    h.key(KeyCode::Right); // 20m -> 30m
    h.enter();
    let saved = h.study.saved_setups.last().cloned().unwrap();
    assert_eq!(
        (saved.time.as_str(), saved.per_question.as_str()),
        ("30m", "")
    );
    let rem = running(&h).unwrap().quiz.remaining(h.now);
    assert_eq!(rem.quiz, Some(Duration::from_secs(1800)));
    assert_eq!(rem.question, None);
}

#[test]
fn ctrl_p_pauses_a_typed_question_and_p_is_text() {
    let mut h = quiz(&["kb-massnahmen"], &spec(&[Form::Typed], 1, Some(60), None));
    h.keys("p");
    assert_eq!(running(&h).unwrap().input.text, "p");
    h.key_mod(KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert!(running(&h).unwrap().quiz.is_paused());
}

#[test]
fn setup_says_whether_unstudied_cards_are_asked() {
    let mut h = Harness::new(Lang::En);
    h.keys("t");
    assert!(
        h.screen().contains("all in scope, studied or not"),
        "{}",
        h.screen()
    );
    for _ in 0..3 {
        h.key(KeyCode::Down);
    }
    h.keys(" ");
    assert!(
        h.screen().contains("only those studied before"),
        "{}",
        h.screen()
    );
    // The fake's cards were never studied: nothing to ask.
    h.enter();
    assert!(running(&h).is_none());
    assert_eq!(
        h.study.saved_setups.last().map(|s| s.studied_only),
        Some(true)
    );
    let mut h = Harness::new(Lang::De);
    h.keys("t");
    assert!(
        h.screen().contains("alle, gelernt oder nicht"),
        "{}",
        h.screen()
    );
}

#[test]
fn the_clock_stops_behind_the_abandon_dialog() {
    let mut h = quiz(&["mm-produkt"], &spec(&[Form::Flip], 1, Some(10), None));
    h.wait_secs(4);
    h.key(KeyCode::Esc);
    assert!(running(&h).unwrap().confirm_abandon);
    // Far past the limit while the question is asked: no timeout.
    h.wait_secs(300);
    tick(&mut h);
    assert!(running(&h).is_some(), "timed out behind the dialog");
    h.keys("n");
    assert!(!running(&h).unwrap().quiz.is_paused());
    assert!(
        h.study
            .quiz_log
            .iter()
            .any(|r| matches!(r, QuizRecord::Pause { ms: 300_000, .. }))
    );
    // 6 of the 10 seconds are left.
    h.wait_secs(5);
    tick(&mut h);
    assert!(running(&h).is_some());
    h.wait_secs(2);
    tick(&mut h);
    assert!(running(&h).is_none(), "the limit still applies");
}

#[test]
fn the_clock_stops_behind_the_help_overlay() {
    let mut h = quiz(&["mm-produkt"], &spec(&[Form::Flip], 1, Some(10), None));
    h.wait_secs(4);
    h.keys("?");
    assert!(h.app.help);
    assert!(running(&h).unwrap().quiz.is_paused());
    h.wait_secs(300);
    tick(&mut h);
    assert!(running(&h).is_some(), "timed out behind the help");
    h.key(KeyCode::Esc);
    assert!(!h.app.help);
    tick(&mut h);
    assert!(!running(&h).unwrap().quiz.is_paused());
    assert_eq!(
        running(&h).unwrap().quiz.active(h.now),
        chrono::Duration::seconds(4).to_std().unwrap()
    );
    // Abandoning from the dialog ends the quiz (no clock left running).
    h.key(KeyCode::Esc);
    h.keys("y");
    assert!(running(&h).is_none());
    assert!(results(&h).abandoned);
}

#[test]
fn ctrl_c_records_the_quiz_as_abandoned_and_interrupts() {
    let mut h = quiz(
        &["mm-produkt", "kpi-awareness"],
        &spec(&[Form::Flip], 2, Some(60), None),
    );
    h.wait_secs(3);
    let effect = h.key_mod(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(effect, kartei::ui::Effect::Interrupted);
    let Some(QuizRecord::End { results, .. }) = h.study.quiz_log.last() else {
        panic!("no end recorded: {:?}", h.study.quiz_log);
    };
    assert!(results.abandoned);
    // Elsewhere Ctrl-C just quits.
    let mut h = Harness::new(Lang::En);
    assert_eq!(
        h.key_mod(KeyCode::Char('c'), KeyModifiers::CONTROL),
        kartei::ui::Effect::Quit
    );
}

#[test]
fn an_abandoned_quiz_shows_no_grade_and_the_time_as_the_history_does() {
    let mut h = quiz(
        &["mm-produkt", "kpi-awareness"],
        &spec(&[Form::Flip], 2, Some(60), None),
    );
    h.now += chrono::Duration::milliseconds(35_600);
    h.key(KeyCode::Esc);
    h.keys("y");
    let screen = h.screen();
    let grade_row = screen.lines().find(|l| l.contains("Grade")).unwrap();
    assert!(grade_row.contains("none (abandoned)"), "{screen}");
    assert!(!grade_row.contains("5,0"), "{screen}");
    assert!(screen.contains("00:35"), "{screen}");
    // The history rounds the same way.
    let end = r#"{"v":1,"id":"e","ts":"2026-11-27T09:00:36Z","type":"quiz_end","quiz":"q","score":0.0,"max":2.0,"grade":5.0,"duration_ms":35600,"abandoned":true}"#;
    let start = r#"{"v":1,"id":"s","ts":"2026-11-27T09:00:00Z","type":"quiz_start","quiz":"q","decks":[],"count":2}"#;
    let events: Vec<kartei::progress::Event> = [start, end]
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let text = kartei::cli::quiz::history_text(
        &kartei::cli::quiz::summaries(&events),
        chrono::FixedOffset::east_opt(0).unwrap(),
        kartei::i18n::Tr(Lang::En),
    );
    assert!(text.contains("00:35"), "{text}");
    assert!(
        text.contains("abandoned") && !text.contains("5,0"),
        "{text}"
    );
}
