//! Hostile deck files: huge cards, huge decks, deep nesting, control and
//! bidi characters. No hang, no panic, no stack overflow, and no escape
//! sequence from deck text ever reaches the terminal (CLI output, check
//! diagnostics, the TUI).

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use kartei::deck::{DeckOrigin, load_bytes};

fn origin() -> DeckOrigin {
    DeckOrigin::Bundled("hostile.toml".to_owned())
}

fn kartei(data: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", data)
        .env("KARTEI_NOW", "2026-11-27T09:00:00Z")
        .args(args)
        .output()
        .unwrap()
}

/// Bytes that must never reach a terminal from deck text: ESC, other C0/C1
/// controls except newline, and the bidi overrides/isolates.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(
            !bad,
            "{what}: {c:?} at byte {i} passed through:\n{}",
            text.escape_debug()
        );
    }
}

fn nested(depth: usize, open: &str, close: &str) -> String {
    let mut s = String::from("[deck]\nid = \"tief\"\nname = \"Tief\"\ndescription = \"\"\nx = ");
    s.push_str(&open.repeat(depth));
    s.push_str(&close.repeat(depth));
    s.push_str("\n\n[[cards]]\nfront = \"a\"\nback = \"b\"\n");
    s
}

/// Runs `f` on a thread with a small stack (256 KiB), so a parser that
/// recurses per nesting level overflows here rather than only on platforms
/// with small main-thread stacks.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("loader panicked");
}

#[test]
fn deeply_nested_arrays_and_tables_are_rejected_without_overflow() {
    for (open, close) in [("[", "]"), ("{a=", "}"), ("[{a=", "}]")] {
        let src = nested(10_000, open, close);
        on_small_stack(move || {
            let diags = load_bytes(src.as_bytes(), origin()).expect_err("nesting accepted");
            let text: String = diags.iter().map(ToString::to_string).collect();
            assert!(text.contains("recurs"), "{text}");
            assert!(text.contains("hostile.toml:5:"), "{text}");
        });
    }
}

#[test]
fn moderate_nesting_still_gets_the_usual_messages() {
    // 50 levels is silly but harmless: the loader's normal checks apply
    // (`x` is not a deck key).
    let src = nested(50, "[", "]");
    let diags = load_bytes(src.as_bytes(), origin()).expect_err("unknown key accepted");
    let text: String = diags.iter().map(ToString::to_string).collect();
    assert!(text.contains("`x`"), "{text}");
    assert!(!text.contains("recurs"), "{text}");
}

#[test]
fn deep_nesting_through_the_binary_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tief.toml");
    std::fs::write(&file, nested(100_000, "[", "]")).unwrap();
    let out = kartei(dir.path(), &["check", file.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("tief.toml:5:"),
        "{stdout}{stderr}"
    );
}

#[test]
fn a_ten_megabyte_card_loads() {
    let big = "Preis ".repeat(10 * 1024 * 1024 / 6);
    let src = format!(
        "[deck]\nid = \"gross\"\nname = \"Gross\"\ndescription = \"\"\n\n[[cards]]\nid = \"g1\"\nfront = \"{big}\"\nback = \"b\"\n\
         \n[[cards]]\nid = \"g2\"\nkind = \"cloze\"\ntext = \"{big} {{{{x}}}}\"\n"
    );
    let parsed = load_bytes(src.as_bytes(), origin()).expect("big card rejected");
    assert_eq!(parsed.deck.cards.len(), 2);
    assert_eq!(parsed.deck.cards[0].question().len(), big.len());
}

#[test]
fn a_hundred_thousand_cards_load_with_unique_ids() {
    let mut src = String::from("[deck]\nid = \"viele\"\nname = \"Viele\"\ndescription = \"\"\n");
    for i in 0..100_000 {
        write!(
            src,
            "\n[[cards]]\nid = \"k{i}\"\nfront = \"Frage {i}\"\nback = \"Antwort {i}\"\n"
        )
        .unwrap();
    }
    let parsed = load_bytes(src.as_bytes(), origin()).expect("rejected");
    assert_eq!(parsed.deck.cards.len(), 100_000);
    assert_eq!(parsed.deck.cards[99_999].id.as_str(), "k99999");
}

/// A deck whose every text field carries an escape sequence and bidi
/// overrides (as TOML escapes, so the file itself is valid).
const EVIL: &str = r#"[deck]
id = "boese"
name = "Böse \u001b]0;PWNED\u0007 \u202eeman"
description = "\u001b[2J"
tags = ["t\u001b[31mROT"]

[[cards]]
id = "b1"
front = "Frage \u001b[5mBLINKX \u202edrow"
back = "Antwort \u001b[31mROT \u009b31m"
hint = "Tipp \u001b[5mBLINKX"
explain = "\u001b]8;;http://x\u001b\\link"
tags = ["x\u001b[31m"]

[[cards]]
id = "b2"
kind = "cloze"
text = "Die {{\u001b[5mBLINKX}} ist \u2066da\u2069."
"#;

#[test]
fn list_and_due_strip_control_and_bidi_characters() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("boese.toml");
    std::fs::write(&file, EVIL).unwrap();
    let f = file.to_str().unwrap();
    for args in [
        vec!["--no-bundled", "--decks", f, "list"],
        vec!["--no-bundled", "--decks", f, "due"],
        vec!["--no-bundled", "--decks", f, "stats"],
        vec!["check", f],
    ] {
        let out = kartei(data.path(), &args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    let out = kartei(data.path(), &["--no-bundled", "--decks", f, "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("BLINKX"),
        "the text itself is still shown: {text}"
    );
}

#[test]
fn check_diagnostics_do_not_echo_raw_control_characters() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("roh.toml");
    // A raw ESC (not allowed in TOML) and a raw bidi override in a comment
    // next to an error: both lines are quoted back in the diagnostics.
    std::fs::write(
        &file,
        "[deck]\nid = \"roh\"\nname = \"Roh\"\ndescription = \"\"\n\n[[cards]]\nfront = \"a\x1b[31m\"\nback = \"b\"\n\
         \n[[cards]]\nfront = \"c\" # \u{202e}kommentar\nbak = 1 # \u{202e}\n\"\x1b[5m\" = 2\n",
    )
    .unwrap();
    let out = kartei(data.path(), &["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_clean("check stdout", &out.stdout);
    assert_clean("check stderr", &out.stderr);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("roh.toml:7:"), "{text}");
}

#[test]
fn a_deck_whose_card_id_is_taken_leaves_no_trace_in_the_index() {
    use kartei::deck::{CardId, DeckSet};
    let deck = |id: &str, cards: &[&str]| {
        let mut toml = format!("[deck]\nid = \"{id}\"\nname = \"{id}\"\n");
        for c in cards {
            write!(
                toml,
                "\n[[cards]]\nid = \"{c}\"\nfront = \"F {c}\"\nback = \"B\"\n"
            )
            .unwrap();
        }
        load_bytes(
            toml.as_bytes(),
            DeckOrigin::File(format!("{id}.toml").into()),
        )
    };
    let mut set = DeckSet::default();
    set.add(deck("a", &["x", "y"]));
    set.add(deck("b", &["z", "y", "w"]));
    set.add(deck("c", &["v"]));
    assert_eq!(set.errors.len(), 1, "{:?}", set.errors);
    assert!(
        set.errors[0]
            .to_string()
            .contains("card id `y` is already used in deck `a`")
    );
    let ids: Vec<&str> = set.decks.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "c"]);
    for (id, loaded) in [
        ("x", true),
        ("y", true),
        ("v", true),
        ("z", false),
        ("w", false),
    ] {
        assert_eq!(set.contains(&CardId::from(id)), loaded, "{id}");
    }
    let (deck, card) = set.card(&CardId::from("y")).unwrap();
    assert_eq!((deck.id.as_str(), card.line), ("a", 10));
    let (deck, _) = set.card(&CardId::from("v")).unwrap();
    assert_eq!(deck.id.as_str(), "c");
    assert!(set.ids_unique());
}
