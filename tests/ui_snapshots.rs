//! Snapshot tests of every screen and card kind at 80x24.

mod ui_common;

use insta::assert_snapshot;
use kartei::deck::Card;
use kartei::i18n::Lang;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Color, Modifier};
use ui_common::Harness;
use ui_common::fake_study::{FakeStudy, sample_cards};

fn sample(id: &str) -> Card {
    sample_cards()
        .into_iter()
        .find(|c| c.id.as_str() == id)
        .unwrap()
}

/// A harness reviewing exactly one card (Enter on the overview starts it).
fn one(id: &str) -> Harness {
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(vec![sample(id)]), false);
    h.enter();
    h
}

#[test]
fn overview() {
    let mut h = Harness::new(Lang::En);
    h.study.status =
        vec!["decks/alt.toml:4:1: unknown key `frnot` in card; did you mean `front`?".into()];
    h.app.overview = kartei::ui::Study::overview(&h.study, h.now);
    h.key(KeyCode::Down);
    assert_snapshot!(h.render(80, 24).backend());
}

#[test]
fn overview_german() {
    let mut h = Harness::new(Lang::De);
    assert_snapshot!(h.render(80, 24).backend());
}

#[test]
fn basic_question_and_answer() {
    let mut h = one("mm-produkt");
    assert_snapshot!("basic_question", h.render(80, 24).backend());
    h.keys(" ");
    assert_snapshot!("basic_answer", h.render(80, 24).backend());
}

#[test]
fn reversed_question_and_answer() {
    let mut h = one("mm-produkt~rev");
    assert_snapshot!("reversed_question", h.render(80, 24).backend());
    h.enter();
    assert_snapshot!("reversed_answer", h.render(80, 24).backend());
}

#[test]
fn cloze_question_and_answer() {
    let mut h = one("mm-preis~c2");
    assert_snapshot!("cloze_question", h.render(80, 24).backend());
    h.keys(" ");
    let t = h.render(80, 24);
    assert_snapshot!("cloze_answer", t.backend());
    // The filled gap is bold and underlined, not only coloured.
    let buf = t.backend().buffer();
    let cell = (0..80)
        .flat_map(|x| (0..24).map(move |y| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "D" && buf[(x + 1, y)].symbol() == "i")
        .map(|p| &buf[p])
        .unwrap();
    assert!(
        cell.modifier
            .contains(Modifier::BOLD | Modifier::UNDERLINED)
    );
}

#[test]
fn choice_right() {
    let mut h = one("kpi-awareness");
    h.keys("a");
    assert_snapshot!("choice_question_ticked", h.render(80, 24).backend());
    h.enter();
    assert_snapshot!("choice_right", h.render(80, 24).backend());
}

#[test]
fn choice_wrong_multi() {
    let mut h = one("kpi-multi");
    h.keys("ab");
    h.enter();
    assert_snapshot!("choice_multi_wrong", h.render(80, 24).backend());
}

#[test]
fn list_partly_revealed_then_all() {
    let mut h = one("mm-4p");
    h.keys("  ");
    assert_snapshot!("list_partly", h.render(80, 24).backend());
    h.enter();
    assert_snapshot!("list_all", h.render(80, 24).backend());
}

#[test]
fn typed_question_and_diff() {
    let mut h = one("kb-massnahmen");
    h.keys("Kundenbindungsmassnahme");
    assert_snapshot!("typed_question", h.render(80, 24).backend());
    h.enter();
    assert_snapshot!("typed_diff", h.render(80, 24).backend());
}

#[test]
fn typed_question_offers_the_hint_by_its_ctrl_key_in_the_language() {
    for (lang, key) in [(Lang::En, "Ctrl-t"), (Lang::De, "Strg-T")] {
        let mut card = sample("kb-massnahmen");
        card.hint = Some("Kunden·bindung".into());
        let mut h = Harness::with(lang, FakeStudy::with_cards(vec![card]), false);
        h.enter();
        let screen = h.screen();
        let keys = screen.lines().last().unwrap_or_default();
        assert!(keys.contains(key), "{lang:?}: {keys}");
        h.key_mod(KeyCode::Char('t'), KeyModifiers::CONTROL);
        assert!(h.screen().contains("Kunden·bindung"), "{lang:?}");
    }
}

#[test]
fn a_typed_answer_says_which_accepted_answer_it_was_compared_with() {
    for (lang, label) in [
        (Lang::En, "Compared with: "),
        (Lang::De, "Verglichen mit: "),
    ] {
        let mut card = sample("kb-massnahmen");
        card.accept = vec!["Kundenbindung".into()];
        let mut h = Harness::with(lang, FakeStudy::with_cards(vec![card.clone()]), false);
        h.enter();
        h.keys("Kundenbindun");
        h.enter();
        let screen = h.screen();
        assert!(
            screen.contains(&format!("{label}Kundenbindung")),
            "{screen}"
        );
        // Compared with the answer itself: no second line.
        let mut h = Harness::with(lang, FakeStudy::with_cards(vec![card]), false);
        h.enter();
        h.keys("Kundenbindungsmassnahmen");
        h.enter();
        assert!(!h.screen().contains(label), "{lang:?}");
    }
}

#[test]
fn summary() {
    let mut h = one("mm-produkt");
    h.wait_secs(75);
    h.keys(" 3");
    assert_snapshot!(h.render(80, 24).backend());
}

#[test]
fn waiting() {
    let mut study = FakeStudy::with_cards(vec![sample("mm-produkt")]);
    study.wait_until = Some(ui_common::now() + chrono::Duration::minutes(10));
    let mut h = Harness::with(Lang::En, study, false);
    h.enter();
    h.keys(" 1");
    assert_snapshot!(h.render(80, 24).backend());
}

#[test]
fn help_on_review() {
    let mut h = one("kpi-awareness");
    h.keys("?");
    assert_snapshot!(h.render(80, 24).backend());
}

#[test]
fn help_on_overview_german() {
    let mut h = Harness::new(Lang::De);
    h.keys("h");
    assert_snapshot!(h.render(80, 24).backend());
}

#[test]
fn too_small() {
    let mut h = Harness::new(Lang::En);
    assert_snapshot!(h.render(50, 12).backend());
}

#[test]
fn review_german() {
    let mut h = Harness::with(
        Lang::De,
        FakeStudy::with_cards(vec![sample("mm-produkt")]),
        false,
    );
    h.enter();
    h.keys(" ");
    assert_snapshot!(h.render(80, 24).backend());
}

#[test]
fn no_color_has_no_colour_anywhere() {
    let mut h = Harness::with(
        Lang::En,
        FakeStudy::with_cards(vec![sample("kpi-awareness")]),
        true,
    );
    for screen in 0..3 {
        let t = h.render(80, 24);
        for cell in t.backend().buffer().content() {
            assert_eq!(cell.fg, Color::Reset, "screen {screen}: {cell:?}");
            assert_eq!(cell.bg, Color::Reset, "screen {screen}: {cell:?}");
        }
        h.enter();
    }
    // With colour, the same screens do use colour.
    let mut h = Harness::with(
        Lang::En,
        FakeStudy::with_cards(vec![sample("kpi-awareness")]),
        false,
    );
    let t = h.render(80, 24);
    assert!(
        t.backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

#[test]
fn escape_sequences_in_deck_text_are_stripped() {
    let mut card = sample("mm-produkt");
    card.content = kartei::deck::CardContent::Basic {
        front: "Böse\x1b[2J\x1b]0;title\x07 Frage".into(),
        back: "x".into(),
        reversed: false,
    };
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(vec![card]), false);
    h.enter();
    let screen = h.screen();
    assert!(!screen.contains('\x1b') && !screen.contains('\x07'));
    assert!(screen.contains("Böse[2J]0;title Frage"), "{screen}");
}

#[test]
fn long_text_wraps_and_scrolls() {
    let mut card = sample("mm-produkt");
    let long: Vec<String> = (1..=60).map(|i| format!("Satz{i} über Größe")).collect();
    card.content = kartei::deck::CardContent::Basic {
        front: long.join(" "),
        back: "日本語のテキスト".repeat(10),
        reversed: false,
    };
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(vec![card]), false);
    h.enter();
    h.keys(" ");
    let before = h.screen();
    assert!(before.contains("Satz1 "));
    h.key(KeyCode::PageDown);
    h.key_mod(KeyCode::Char('d'), KeyModifiers::CONTROL);
    let after = h.screen();
    assert!(!after.contains("Satz1 "), "{after}");
    assert!(after.contains("日本語"), "{after}");
    h.key_mod(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.key(KeyCode::PageUp);
    assert_eq!(h.screen(), before);
}

/// The browser with one flagged and one suspended card, and one card open.
fn browser(lang: Lang) -> Harness {
    let mut h = Harness::new(lang);
    h.keys("/");
    h.key(KeyCode::Down);
    h.keys("f");
    h.key(KeyCode::Down);
    h.keys("x");
    h
}

#[test]
fn browser_screens() {
    for (lang, name) in [(Lang::En, "en"), (Lang::De, "de")] {
        let mut h = browser(lang);
        assert_snapshot!(format!("browser_{name}_80x24"), h.render(80, 24).backend());
        assert_snapshot!(
            format!("browser_{name}_160x48"),
            h.render(160, 48).backend()
        );
        h.enter();
        assert_snapshot!(
            format!("browser_card_{name}_80x24"),
            h.render(80, 24).backend()
        );
        h.keys("?");
        assert_snapshot!(
            format!("browser_help_{name}_80x24"),
            h.render(80, 24).backend()
        );
    }
}

#[test]
fn practice_and_nothing_to_study() {
    for (lang, name) in [(Lang::En, "en"), (Lang::De, "de")] {
        let mut h = Harness::with(lang, FakeStudy::with_cards(vec![]), false);
        h.enter();
        assert_snapshot!(
            format!("nothing_to_study_{name}"),
            h.render(80, 24).backend()
        );
        let mut h = Harness::with(
            lang,
            FakeStudy::with_cards(vec![sample("mm-produkt")]),
            false,
        );
        h.keys("p ");
        assert_snapshot!(format!("practice_{name}_80x24"), h.render(80, 24).backend());
        assert_snapshot!(
            format!("practice_{name}_160x48"),
            h.render(160, 48).backend()
        );
    }
}

#[test]
fn waiting_german_160x48() {
    let mut study = FakeStudy::with_cards(vec![sample("mm-produkt")]);
    study.wait_until = Some(ui_common::now() + chrono::Duration::minutes(45));
    let mut h = Harness::with(Lang::De, study, false);
    h.enter();
    h.keys(" 1");
    assert_snapshot!(h.render(160, 48).backend());
}

/// Counts of six digits and more widen their column instead of pushing the
/// mastery figure off the row.
#[test]
fn overview_with_large_counts() {
    let mut h = Harness::new(Lang::En);
    h.app.overview.decks[0].total = 125_000;
    h.app.overview.decks[0].new = 1_234_567;
    let screen = h.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("125000"))
        .expect("the deck's row");
    // Each row is quoted in the backend's text.
    assert!(
        row.trim_end().trim_end_matches('"').ends_with("0%"),
        "{row}"
    );
    assert_snapshot!(h.render(80, 24).backend());
}
