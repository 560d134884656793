//! Live reload: the deck watcher sees deck file changes (and ignores editor
//! litter), and a reload through the port refreshes the open card or shows
//! the load error while keeping the last good decks.

mod ui_common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use kartei::deck::{Card, CardContent, Diagnostic, KeyPlace, Problem, Severity};
use kartei::i18n::Lang;
use kartei::ui::{Screen, Stage};
use kartei::watch::{DeckWatcher, ReloadRequest};
use ratatui::crossterm::event::KeyCode;
use ui_common::Harness;
use ui_common::fake_study::{FakeStudy, sample_cards};

// ---- the interface side (FakeStudy) ----

fn decks_with(cards: Vec<Card>) -> Vec<(String, String, Option<PathBuf>, Vec<Card>)> {
    vec![(
        "test".into(),
        "Test".into(),
        Some(PathBuf::from("/decks/test.toml")),
        cards,
    )]
}

fn two_cards() -> Vec<Card> {
    sample_cards().into_iter().take(2).collect()
}

fn reworded(mut card: Card, front: &str) -> Card {
    if let CardContent::Basic { front: f, .. } = &mut card.content {
        *f = front.to_owned();
    }
    card
}

fn open_card(h: &Harness) -> (String, Stage, String) {
    match &h.app.screen {
        Screen::Review(r) => (r.show.card.id.to_string(), r.stage, r.show.card.question()),
        other => panic!("no card open: {other:?}"),
    }
}

#[test]
fn the_open_card_shows_the_new_wording_and_keeps_its_stage() {
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(two_cards()), false);
    h.enter();
    h.keys(" ");
    assert_eq!(open_card(&h).1, Stage::Answer);
    let mut cards = two_cards();
    cards[0] = reworded(cards[0].clone(), "Was gehört zur Produktpolitik?");
    h.study.next_decks = Some(decks_with(cards));
    h.app.reload(h.now, &mut h.study);
    let (id, stage, question) = open_card(&h);
    assert_eq!(id, "mm-produkt");
    assert_eq!(stage, Stage::Answer, "the revealed answer stays revealed");
    assert_eq!(question, "Was gehört zur Produktpolitik?");
    assert_eq!(h.app.status.as_deref(), Some("decks reloaded"));
    assert!(h.screen().contains("Was gehört zur Produktpolitik?"));
    // Grading still records the card by its id.
    h.keys("3");
    assert_eq!(h.study.answers[0].card.as_str(), "mm-produkt");
}

#[test]
fn a_removed_card_leaves_and_a_new_card_joins() {
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(two_cards()), false);
    h.enter();
    assert_eq!(open_card(&h).0, "mm-produkt");
    let mut cards: Vec<Card> = two_cards().into_iter().skip(1).collect();
    let mut extra = sample_cards()[6].clone();
    extra.deck_id = "test".into();
    cards.push(extra);
    h.study.next_decks = Some(decks_with(cards));
    h.app.reload(h.now, &mut h.study);
    assert_eq!(open_card(&h).0, "mm-produkt~rev", "the removed card left");
    h.keys(" 3");
    assert_eq!(open_card(&h).0, "kb-massnahmen", "the new card joined");
}

#[test]
fn a_changed_card_shape_starts_the_card_afresh() {
    let multi = sample_cards()
        .into_iter()
        .find(|c| c.id.as_str() == "kpi-multi")
        .unwrap();
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(vec![multi.clone()]), false);
    h.enter();
    h.keys("a");
    let mut changed = multi;
    if let CardContent::Choice { choices, .. } = &mut changed.content {
        choices.push("Promotion".into());
    }
    h.study.next_decks = Some(decks_with(vec![changed]));
    h.app.reload(h.now, &mut h.study);
    match &h.app.screen {
        Screen::Review(r) => assert_eq!(r.ticked, vec![false; 4]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_broken_edit_shows_the_error_and_keeps_the_old_card() {
    let mut h = Harness::with(Lang::En, FakeStudy::with_cards(two_cards()), false);
    h.enter();
    h.study.fail_next_reload = Some(broken_edit());
    h.app.reload(h.now, &mut h.study);
    let status = h.app.status.clone().unwrap();
    assert_eq!(
        status,
        "reload failed, old decks kept: /decks/test.toml:7:1: invalid TOML: missing assignment between key-value pairs, expected `=` (+1)"
    );
    assert_eq!(open_card(&h).2, "Was umfasst die Produktpolitik?");
    let screen = h.screen();
    assert!(
        screen.contains("reload failed, old decks kept: /decks/test.toml:7:1"),
        "{screen}"
    );
    // The session goes on.
    h.keys(" 3");
    assert_eq!(open_card(&h).0, "mm-produkt~rev");
}

/// The problems of a deck file broken by an edit: a syntax error and a typo.
fn broken_edit() -> Vec<Diagnostic> {
    let at = |line, column, problem| Diagnostic {
        severity: Severity::Error,
        file: "/decks/test.toml".into(),
        line,
        column,
        problem: Box::new(problem),
        source_line: None,
        width: 1,
    };
    vec![
        at(
            7,
            1,
            Problem::InvalidToml {
                detail: "missing assignment between key-value pairs, expected `=`".into(),
            },
        ),
        at(
            9,
            3,
            Problem::UnknownKey {
                key: "bakc".into(),
                place: KeyPlace::Card,
                suggestion: Some("back".into()),
            },
        ),
    ]
}

#[test]
fn a_broken_edit_is_reported_in_german() {
    let mut h = Harness::with(Lang::De, FakeStudy::with_cards(two_cards()), false);
    h.enter();
    let mut problems = broken_edit();
    problems.reverse();
    h.study.fail_next_reload = Some(problems);
    h.app.reload(h.now, &mut h.study);
    let status = h.app.status.clone().unwrap();
    assert!(
        status
            .ends_with(": /decks/test.toml:9:3: unbekannter Schlüssel `bakc` in einer Karte (+1)"),
        "{status}"
    );
    assert!(!status.contains("unknown"), "{status}");
}

#[test]
fn reload_on_the_statistics_screen_fetches_the_figures_again() {
    let mut h = Harness::new(Lang::En);
    h.keys("s");
    let mut decks = h.study.decks.clone();
    decks[1].1 = "BWL-Basics".into();
    h.study.next_decks = Some(decks);
    h.app.reload(h.now, &mut h.study);
    match &h.app.screen {
        Screen::Stats(st) => assert_eq!(st.view.decks[1].1, "BWL-Basics"),
        other => panic!("{other:?}"),
    }
    h.key(KeyCode::Esc);
    assert_eq!(h.app.overview.decks[1].name, "BWL-Basics");
}

// ---- the watcher ----

/// Polls until a request arrives or `limit` passes.
fn wait_for(w: &DeckWatcher, limit: Duration) -> Option<ReloadRequest> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Some(r) = w.poll() {
            return Some(r);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

const DECK: &str = "[deck]\nname = \"T\"\n\n[[cards]]\nfront = \"a\"\nback = \"b\"\n";

#[test]
fn a_changed_deck_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("t.toml");
    std::fs::write(&deck, DECK).unwrap();
    let w = DeckWatcher::new(vec![dir.path().to_path_buf()]).unwrap();
    assert_eq!(w.poll(), None);
    std::fs::write(&deck, DECK.replace("\"a\"", "\"A\"")).unwrap();
    let req = wait_for(&w, Duration::from_secs(5)).expect("a change is reported");
    assert_eq!(req.paths, vec![deck]);
    // Reported once.
    assert_eq!(wait_for(&w, Duration::from_millis(400)), None);
}

#[test]
fn a_single_watched_file_survives_replace_by_rename() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("t.toml");
    let other = dir.path().join("other.toml");
    std::fs::write(&deck, DECK).unwrap();
    let w = DeckWatcher::new(vec![deck.clone()]).unwrap();
    // Another deck in the same folder is not watched.
    std::fs::write(&other, DECK).unwrap();
    assert_eq!(wait_for(&w, Duration::from_millis(500)), None);
    // Editors write a temporary file and rename it over the deck.
    for round in 0..2 {
        let tmp = dir.path().join(".t.toml.tmp");
        std::fs::write(&tmp, DECK.replace('b', &round.to_string())).unwrap();
        std::fs::rename(&tmp, &deck).unwrap();
        let req = wait_for(&w, Duration::from_secs(5)).expect("the rename is seen");
        assert_eq!(req.paths, vec![deck.clone()]);
    }
}

#[test]
fn editor_swap_and_backup_files_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let w = DeckWatcher::new(vec![dir.path().to_path_buf()]).unwrap();
    for name in [
        ".t.toml.swp",
        ".t.toml.swx",
        "4913",
        "t.toml~",
        "notes.md",
        ".hidden.toml",
    ] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    std::fs::remove_file(dir.path().join("4913")).unwrap();
    assert_eq!(wait_for(&w, Duration::from_millis(600)), None);
    // A real deck file in the same folder still counts.
    std::fs::write(dir.path().join("t.toml"), DECK).unwrap();
    assert!(wait_for(&w, Duration::from_secs(5)).is_some());
}

#[test]
fn a_burst_of_writes_coalesces_into_one_request() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    let w =
        DeckWatcher::with_debounce(vec![dir.path().to_path_buf()], Duration::from_secs(1)).unwrap();
    for i in 0..10 {
        std::fs::write(&a, format!("{DECK}# {i}\n")).unwrap();
        std::fs::write(&b, format!("{DECK}# {i}\n")).unwrap();
        // Still within the burst: nothing is reported yet.
        assert_eq!(w.poll(), None);
    }
    let req = wait_for(&w, Duration::from_secs(5)).expect("the burst is reported");
    assert_eq!(req.paths, vec![a, b]);
    assert_eq!(wait_for(&w, Duration::from_millis(500)), None, "only once");
}

#[test]
fn missing_paths_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let w = DeckWatcher::new(vec![
        dir.path().join("does-not-exist"),
        dir.path().join("nope/deck.toml"),
    ])
    .unwrap();
    assert_eq!(w.poll(), None);
}

#[test]
fn decks_that_did_not_load_are_listed_on_the_overview_in_the_language() {
    for (lang, expect, english) in [
        (
            Lang::De,
            "! /decks/test.toml:9:3: unbekannter Schlüssel `bakc` in einer Karte",
            false,
        ),
        (
            Lang::En,
            "! /decks/test.toml:9:3: unknown key `bakc` in a card",
            true,
        ),
    ] {
        let mut study = FakeStudy::with_cards(two_cards());
        study.deck_problems = broken_edit();
        let mut h = Harness::with(lang, study, false);
        let screen = h.screen();
        assert!(screen.contains(expect), "{screen}");
        assert_eq!(screen.contains("invalid TOML"), english, "{screen}");
    }
}
