//! State tests: key sequences drive the app over the fake study.

mod ui_common;

use kartei::deck::CardId;
use kartei::i18n::Lang;
use kartei::progress::Grade;
use kartei::ui::{Effect, Screen, Stage};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::path::PathBuf;
use ui_common::Harness;
use ui_common::fake_study::{FakeStudy, sample_cards};

fn current(h: &Harness) -> Option<String> {
    match &h.app.screen {
        Screen::Review(r) => Some(r.show.card.id.to_string()),
        _ => None,
    }
}

fn only(id: &str) -> Harness {
    let card = sample_cards()
        .into_iter()
        .find(|c| c.id.as_str() == id)
        .unwrap();
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(vec![card]), false);
    h.enter();
    h
}

#[test]
fn review_a_whole_deck_to_the_summary() {
    let mut h = Harness::new(Lang::En);
    h.enter();
    assert_eq!(current(&h).as_deref(), Some("mm-produkt"));
    // Basic: grading before revealing does nothing but say so.
    h.keys("3");
    assert!(h.study.answers.is_empty());
    assert_eq!(h.app.status.as_deref(), Some("reveal the answer first"));
    h.wait_secs(4);
    h.keys(" 3");
    assert_eq!(h.study.answers[0].ms, 4000);
    h.keys(" 4"); // reversed
    h.enter();
    h.keys("2"); // cloze, Enter reveals too
    h.keys("a");
    h.enter();
    h.enter(); // choice right, suggested Good confirmed
    h.keys("ac");
    h.enter();
    h.enter(); // multi choice right
    h.keys(" ");
    assert!(
        matches!(&h.app.screen, Screen::Review(r) if r.revealed == 1 && r.stage == Stage::Question)
    );
    h.enter();
    h.keys("1"); // list: all revealed, Again
    h.keys("Kundenbindungsmaßnahmen");
    h.enter();
    h.enter(); // typed, suggested Good
    let grades: Vec<Grade> = h.study.answers.iter().map(|a| a.grade).collect();
    use Grade::*;
    assert_eq!(grades, [Good, Easy, Hard, Good, Good, Again, Good]);
    match &h.app.screen {
        Screen::Summary(s) => {
            assert_eq!(s.reviewed, 7);
            assert_eq!(s.correct, 6);
        }
        other => panic!("expected the summary, got {other:?}"),
    }
    // Back to the overview, which is refreshed.
    h.enter();
    assert!(matches!(h.app.screen, Screen::Overview));
    assert_eq!(h.app.overview.reviewed_today, 7);
}

#[test]
fn undo_is_repeatable_and_brings_the_card_back() {
    let mut h = Harness::new(Lang::En);
    h.enter();
    h.keys(" 3 3");
    assert_eq!(h.study.answers.len(), 2);
    assert_eq!(current(&h).as_deref(), Some("mm-preis~c2"));
    h.keys("u");
    assert_eq!(current(&h).as_deref(), Some("mm-produkt~rev"));
    // The message names the card by its question, not its internal id.
    let question = match &h.app.screen {
        Screen::Review(r) => r.show.card.question(),
        other => panic!("expected a card, got {other:?}"),
    };
    assert_eq!(
        h.app.status.as_deref(),
        Some(format!("undone: {question}").as_str())
    );
    assert!(!question.contains("mm-produkt"));
    h.keys("u");
    assert_eq!(current(&h).as_deref(), Some("mm-produkt"));
    assert!(h.study.answers.is_empty());
    h.keys("u");
    assert_eq!(h.app.status.as_deref(), Some("nothing to undo"));
    // Undo from the summary returns to the last card.
    let mut h = only("mm-produkt");
    h.keys(" 1");
    assert!(matches!(h.app.screen, Screen::Summary(_)));
    h.keys("u");
    assert_eq!(current(&h).as_deref(), Some("mm-produkt"));
}

#[test]
fn choice_wrong_suggests_again_and_grade_is_changeable() {
    let mut h = only("kpi-awareness");
    h.keys("b");
    h.enter();
    assert!(matches!(&h.app.screen, Screen::Review(r) if r.pending == Some(Grade::Again)));
    h.keys("2");
    assert!(matches!(&h.app.screen, Screen::Review(r) if r.pending == Some(Grade::Hard)));
    assert!(h.study.answers.is_empty(), "1-4 only change the suggestion");
    h.enter();
    assert_eq!(h.study.answers[0].grade, Grade::Hard);
}

#[test]
fn choice_letters_toggle_and_out_of_range_letters_fall_through() {
    let mut h = only("kpi-multi");
    h.keys("aca");
    assert!(matches!(&h.app.screen, Screen::Review(r) if r.ticked == [false, false, true]));
    // 'e' is beyond the three options: it is the edit key again.
    assert_eq!(
        h.key(KeyCode::Char('e')),
        Effect::OpenEditor(PathBuf::from("/decks/test.toml"), 25)
    );
    h.keys("a");
    h.enter();
    assert!(matches!(&h.app.screen, Screen::Review(r) if r.pending == Some(Grade::Good)));
}

#[test]
fn typed_field_edits_with_cursor_and_wide_chars() {
    let mut h = only("kb-massnahmen");
    // Letters that are keys elsewhere (q, u, e, h) are typed, not acted on.
    h.keys("quehä日");
    h.key(KeyCode::Left);
    h.key(KeyCode::Backspace);
    h.key(KeyCode::Home);
    h.keys("x");
    h.key(KeyCode::End);
    h.keys("!");
    match &h.app.screen {
        Screen::Review(r) => {
            assert_eq!(r.input.text, "xqueh日!");
            assert_eq!(r.input.cursor, 7);
        }
        other => panic!("{other:?}"),
    }
    assert!(h.study.answers.is_empty());
    h.enter();
    assert!(matches!(&h.app.screen, Screen::Review(r) if r.pending == Some(Grade::Again)));
    h.enter();
    assert_eq!(h.study.answers[0].grade, Grade::Again);
}

#[test]
fn failed_answer_is_not_advanced_and_says_so() {
    let mut h = only("mm-produkt");
    h.study.fail_next_answer = Some("disk full".into());
    h.keys(" 3");
    assert_eq!(current(&h).as_deref(), Some("mm-produkt"));
    assert_eq!(h.app.status.as_deref(), Some("NOT recorded: disk full"));
    h.keys("3");
    assert_eq!(h.study.answers.len(), 1);
}

#[test]
fn edit_opens_the_file_or_explains_bundled_decks() {
    let mut h = Harness::new(Lang::En);
    h.enter();
    assert_eq!(
        h.key(KeyCode::Char('e')),
        Effect::OpenEditor(PathBuf::from("/decks/marketing.toml"), 3)
    );
    h.app.after_edit(Ok(()), h.now, &mut h.study);
    assert_eq!(h.study.reloads, 1);
    assert_eq!(h.app.status.as_deref(), Some("decks reloaded"));
    assert_eq!(current(&h).as_deref(), Some("mm-produkt"));
    h.app.after_edit(
        Err("editor \"nano\" exited with 1".into()),
        h.now,
        &mut h.study,
    );
    assert_eq!(h.study.reloads, 1);
    // The bundled deck has no file.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Down);
    h.enter();
    assert_eq!(current(&h).as_deref(), Some("gr-swot"));
    assert_eq!(h.key(KeyCode::Char('e')), Effect::None);
    assert!(h.app.status.as_deref().unwrap().contains("Copy the deck"));
    // "no" leaves it bundled; "yes" copies it and opens the copy.
    assert_eq!(h.key(KeyCode::Char('n')), Effect::None);
    assert_eq!(h.app.status, None);
    assert_eq!(h.key(KeyCode::Char('e')), Effect::None);
    assert_eq!(
        h.key(KeyCode::Char('j')),
        Effect::OpenEditor(PathBuf::from("/data/decks/grundlagen.toml"), 2)
    );
}

#[test]
fn quit_back_help() {
    let mut h = Harness::new(Lang::De);
    h.keys("?");
    assert!(h.app.help);
    assert_eq!(
        h.key(KeyCode::Char('q')),
        Effect::None,
        "q closes the help first"
    );
    assert!(!h.app.help);
    h.keys("a");
    assert!(current(&h).is_some());
    assert_eq!(h.key(KeyCode::Esc), Effect::None);
    assert!(matches!(h.app.screen, Screen::Overview));
    assert_eq!(h.key(KeyCode::Char('q')), Effect::Quit);
    // Ctrl-C quits from anywhere, even mid-typing.
    let mut h = only("kb-massnahmen");
    assert_eq!(
        h.key_mod(KeyCode::Char('c'), KeyModifiers::CONTROL),
        Effect::Quit
    );
}

#[test]
fn key_releases_are_ignored() {
    let mut h = Harness::new(Lang::En);
    let mut ev = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    ev.kind = KeyEventKind::Release;
    h.app.handle_key(&ev, h.now, &mut h.study);
    assert!(matches!(h.app.screen, Screen::Overview));
}

#[test]
fn waiting_screen_resumes_on_tick() {
    let card = sample_cards().remove(0);
    let mut study = FakeStudy::with_cards(vec![card]);
    study.relearn = true;
    study.wait_until = Some(ui_common::now() + chrono::Duration::minutes(1));
    let mut h = Harness::with(Lang::En, study, false);
    h.enter();
    h.keys(" 1"); // Again: comes back after the (empty) rest
    assert_eq!(current(&h).as_deref(), Some("mm-produkt"));
    h.keys(" 3");
    assert!(matches!(h.app.screen, Screen::Waiting { .. }));
    h.app.tick(h.now, &mut h.study);
    assert!(matches!(h.app.screen, Screen::Waiting { .. }));
    h.wait_secs(61);
    h.app.tick(h.now, &mut h.study);
    assert!(matches!(h.app.screen, Screen::Summary(_)));
}

#[test]
fn remapped_keys_drive_the_app_and_the_help() {
    let table: toml::Table = toml::from_str("good = [\"g\"]\nreveal = [\"r\", \"space\"]").unwrap();
    let mut h = Harness::new(Lang::En);
    h.app.keymap = kartei::ui::KeyMap::from_config(&table).unwrap();
    h.enter();
    h.keys("rg");
    assert_eq!(h.study.answers[0].card, CardId::from("mm-produkt"));
    assert_eq!(h.study.answers[0].grade, Grade::Good);
    h.keys("?");
    let screen = h.screen();
    assert!(screen.contains("g            Good"), "{screen}");
    assert!(screen.contains("r/Space"), "{screen}");
}

/// A typed card (`input = true`) with this answer.
fn typed_card(answer: &str) -> kartei::deck::Card {
    let mut card = sample_cards()
        .into_iter()
        .find(|c| c.id.as_str() == "kb-massnahmen")
        .unwrap();
    if let kartei::deck::CardContent::Basic { back, .. } = &mut card.content {
        *back = answer.to_owned();
    }
    card
}

fn typed_verdict(answer: &str, given: &str) -> (kartei::ui::typed::Outcome, Option<Grade>) {
    let mut h = Harness::with(
        Lang::De,
        FakeStudy::with_cards(vec![typed_card(answer)]),
        false,
    );
    h.enter();
    h.keys(given);
    h.enter();
    let Screen::Review(r) = &h.app.screen else {
        panic!("not reviewing")
    };
    assert_eq!(r.stage, Stage::Answer);
    (r.feedback.as_ref().unwrap().outcome, r.pending)
}

#[test]
fn typed_answers_go_through_the_matcher_with_german_spellings() {
    use kartei::ui::typed::Outcome;
    // ß typed as ss, all lowercase: right.
    assert_eq!(
        typed_verdict("Kundenbindungsmaßnahmen", "kundenbindungsmassnahmen"),
        (Outcome::Right, Some(Grade::Good))
    );
    // One letter missing: close, Hard suggested.
    assert_eq!(
        typed_verdict("Preispolitik", "Preispolitk"),
        (Outcome::Close, Some(Grade::Hard))
    );
    // Umlaut written as ae.
    assert_eq!(
        typed_verdict("Käufermarkt", "Kaeufermarkt"),
        (Outcome::Right, Some(Grade::Good))
    );
    // A parenthesised part may be left out.
    assert_eq!(
        typed_verdict("Marktanteil (Käufer)", "Marktanteil"),
        (Outcome::Right, Some(Grade::Good))
    );
    assert_eq!(
        typed_verdict("Preispolitik", "Kommunikationspolitik"),
        (Outcome::Wrong, Some(Grade::Again))
    );
}

#[test]
fn typed_list_answers_mark_each_item() {
    let mut card = sample_cards()
        .into_iter()
        .find(|c| c.id.as_str() == "mm-4p")
        .unwrap();
    card.input = true;
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(vec![card]), false);
    h.enter();
    h.keys("Product, Prise und Promotion");
    h.enter();
    let Screen::Review(r) = &h.app.screen else {
        panic!("not reviewing")
    };
    let fb = r.feedback.as_ref().unwrap();
    let marks: Vec<bool> = fb.items.iter().map(|(_, ok)| *ok).collect();
    assert_eq!(marks, [true, true, false, true]);
    assert_eq!(fb.score, 0.75);
    assert_eq!(fb.outcome, kartei::ui::typed::Outcome::Close);
    assert_eq!(r.pending, Some(Grade::Hard));
}

#[test]
fn too_small_screen_ignores_every_key_but_quit() {
    let mut h = Harness::new(Lang::En);
    h.enter();
    h.keys(" ");
    h.render(40, 10);
    h.keys("3");
    h.keys("u");
    assert!(h.study.answers.is_empty(), "no grade for an unseen card");
    assert!(matches!(h.app.screen, Screen::Review(_)));
    assert_eq!(h.key(KeyCode::Char('q')), Effect::Quit);
    // Back at a usable size, the same key grades.
    h.render(80, 24);
    h.keys("3");
    assert_eq!(h.study.answers.len(), 1);
}

#[test]
fn a_status_message_is_gone_on_the_next_card() {
    let mut h = Harness::new(Lang::En);
    h.enter();
    h.keys("3");
    assert!(h.app.status.is_some(), "reveal first");
    h.keys(" 3");
    assert_eq!(h.study.answers.len(), 1);
    assert_eq!(h.app.status, None);
}

#[test]
fn the_hint_key_shows_the_hint_only_when_there_is_one() {
    let mut card = sample_cards().remove(0);
    card.hint = Some("Denk an die 4P".into());
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(vec![card]), false);
    h.enter();
    assert!(h.screen().contains("i Hint"), "offered in the key line");
    assert!(!h.screen().contains("Denk an die 4P"));
    h.keys("i");
    assert!(h.screen().contains("Hint: Denk an die 4P"));
    assert!(!h.screen().contains("i Hint"));
    let mut h = only("mm-produkt");
    assert!(!h.screen().contains("i Hint"));
    h.keys("i");
    assert_eq!(h.app.status.as_deref(), Some("this card has no hint"));
}

#[test]
fn the_waiting_screen_offers_review_ahead_and_practice() {
    let mut h = only("mm-produkt");
    h.study.wait_until = Some(h.now + chrono::Duration::minutes(30));
    h.study.ahead = 1;
    h.keys(" 1");
    assert!(matches!(h.app.screen, Screen::Waiting { .. }));
    let screen = h.screen();
    assert!(screen.contains("a review ahead"), "{screen}");
    assert!(screen.contains("p practice"), "{screen}");
    h.keys("a");
    assert!(
        matches!(h.app.screen, Screen::Review(_)),
        "a card came ahead"
    );
    let mut h = only("mm-produkt");
    h.study.wait_until = Some(h.now + chrono::Duration::minutes(30));
    h.keys(" 1");
    h.keys("p");
    assert_eq!(h.study.kind, kartei::study::SessionKind::Practice);
    assert!(
        matches!(h.app.screen, Screen::Review(_)),
        "practice shows a card"
    );
    assert!(h.screen().contains("Practice"));
}

#[test]
fn suspend_bury_and_flag_from_review_go_through_the_port() {
    let mut h = Harness::new(Lang::En);
    h.enter();
    let first = current(&h).unwrap();
    h.keys("f");
    assert_eq!(current(&h).as_deref(), Some(first.as_str()), "flag stays");
    assert!(h.screen().contains("⚑"));
    h.keys("x");
    assert_ne!(
        current(&h).as_deref(),
        Some(first.as_str()),
        "suspend moves on"
    );
    assert_eq!(h.app.status.as_deref(), Some("card suspended"));
    let second = current(&h).unwrap();
    h.keys("R");
    assert!(h.app.status.as_deref().unwrap().contains("Forget"));
    h.keys("n");
    assert_eq!(current(&h).as_deref(), Some(second.as_str()), "not reset");
    h.keys("Rj");
    use kartei::progress::MarkAction::*;
    let marks: Vec<_> = h.study.marks.iter().map(|(_, a)| *a).collect();
    assert_eq!(marks, [Flag, Suspend, Reset]);
}

#[test]
fn the_browser_searches_filters_and_marks() {
    let mut h = Harness::new(Lang::En);
    h.keys("/");
    assert!(matches!(h.app.screen, Screen::Browser(_)));
    let all = match &h.app.screen {
        Screen::Browser(b) => b.rows.len(),
        _ => 0,
    };
    assert!(all > 3);
    // `/` focuses the search; typing filters; Enter leaves the field.
    h.keys("/SWOT");
    h.enter();
    let rows = match &h.app.screen {
        Screen::Browser(b) => b.rows.clone(),
        _ => Vec::new(),
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id.as_str(), "gr-swot");
    h.keys("x");
    assert_eq!(h.study.marks.len(), 1);
    assert!(h.screen().contains("suspended"));
    // Enter shows the card; Esc goes back to the list, then out.
    h.enter();
    assert!(h.screen().contains("Strengths, Weaknesses"));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Overview));
}
