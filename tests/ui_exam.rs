//! The exam screen and cram keys of the interface, over the fake study:
//! snapshots at 80x24 in English and German, and what the keys do.

mod ui_common;

use insta::assert_snapshot;
use kartei::i18n::Lang;
use kartei::study::{CramTarget, SessionKind};
use kartei::ui::app::Screen;
use ratatui::crossterm::event::KeyCode;
use ui_common::Harness;
use ui_common::fake_study::{FakeStudy, sample_exam};

fn with_exam(lang: Lang) -> Harness {
    let mut study = FakeStudy::new();
    study.exams = vec![sample_exam("Abschluss")];
    Harness::with(lang, study, false)
}

#[test]
fn overview_shows_the_next_exam() {
    let mut h = with_exam(Lang::En);
    let screen = h.screen();
    assert!(
        screen.contains("Abschluss 2026-12-11 · in 14 days · expected recall 62%"),
        "{screen}"
    );
    assert_snapshot!("exam_overview_en", h.render(80, 24).backend());
    let mut h = with_exam(Lang::De);
    assert_snapshot!("exam_overview_de", h.render(80, 24).backend());
}

#[test]
fn exam_screen_in_english_and_german() {
    let mut h = with_exam(Lang::En);
    h.keys("g");
    assert!(matches!(h.app.screen, Screen::Exam(_)));
    assert_snapshot!("exam_screen_en", h.render(80, 24).backend());
    let mut h = with_exam(Lang::De);
    h.keys("g");
    assert_snapshot!("exam_screen_de", h.render(80, 24).backend());
}

#[test]
fn exam_screen_without_exams_says_how_to_add_one() {
    let mut h = Harness::new(Lang::En);
    h.keys("g");
    let screen = h.screen();
    assert!(screen.contains("No exam ahead."), "{screen}");
    assert!(
        screen.contains("kartei exam add NAME --date YYYY-MM-DD"),
        "{screen}"
    );
    assert_snapshot!("exam_screen_empty_en", h.render(80, 24).backend());
    // Cram does nothing without an exam; Esc goes back.
    h.keys("c");
    assert!(h.study.crams.is_empty());
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Overview));
}

#[test]
fn help_lists_the_exam_screen_keys() {
    let mut h = with_exam(Lang::En);
    h.keys("g?");
    let screen = h.screen();
    assert!(screen.contains("cram this exam's cards"), "{screen}");
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Exam(_)));
    assert!(!h.app.help);
}

#[test]
fn cram_from_the_exam_screen_uses_the_exam() {
    let mut h = with_exam(Lang::En);
    h.keys("gc");
    assert_eq!(
        h.study.crams,
        [(CramTarget::Exam("Abschluss".to_owned()), None)]
    );
    assert_eq!(h.study.kind, SessionKind::Cram);
    let Screen::Review(r) = &h.app.screen else {
        panic!("not reviewing: {:?}", h.app.screen);
    };
    assert_eq!(r.show.kind, SessionKind::Cram);
    assert!(h.screen().contains("Cram"), "{}", h.screen());
}

#[test]
fn cram_key_on_the_overview_crams_the_next_exam_or_the_selected_deck() {
    let mut h = with_exam(Lang::En);
    h.keys("c");
    assert_eq!(
        h.study.crams,
        [(CramTarget::Exam("Abschluss".to_owned()), None)]
    );
    let mut h = Harness::new(Lang::En);
    h.key(KeyCode::Down);
    h.keys("c");
    assert_eq!(
        h.study.crams,
        [(CramTarget::Decks(vec!["grundlagen".to_owned()]), None)]
    );
}

#[test]
fn several_exams_page_with_the_arrow_keys() {
    let mut study = FakeStudy::new();
    study.exams = vec![sample_exam("Zwischen"), sample_exam("Abschluss")];
    let mut h = Harness::with(Lang::En, study, false);
    h.keys("g");
    assert!(h.screen().contains("Exam 1/2: Zwischen"), "{}", h.screen());
    h.key(KeyCode::Right);
    assert!(h.screen().contains("Exam 2/2: Abschluss"), "{}", h.screen());
    h.keys("c");
    assert_eq!(h.study.crams[0].0, CramTarget::Exam("Abschluss".to_owned()));
}

#[test]
fn the_exam_screen_scrolls_to_its_end_and_no_further() {
    let mut study = FakeStudy::new();
    let mut exam = sample_exam("Abschluss");
    exam.tags = (0..30)
        .map(|i| kartei::study::ExamGroup {
            name: format!("tag{i:02}"),
            cards: 1,
            unstudied: 0,
            expected_recall: 0.9,
        })
        .collect();
    study.exams = vec![exam];
    let mut h = Harness::with(Lang::En, study, false);
    h.keys("g");
    assert!(!h.screen().contains("tag29"));
    for _ in 0..100 {
        h.key(KeyCode::Down);
    }
    let screen = h.screen();
    assert!(screen.contains("tag29"), "{screen}");
    // Scrolling stopped at the end: one step up moves at once.
    h.key(KeyCode::Up);
    assert_ne!(h.screen(), screen);
}
