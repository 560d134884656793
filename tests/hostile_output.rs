//! Hostile ids, texts, tags, deck names and journal fields never reach the
//! terminal as escape sequences: the bytes of every command's output are
//! checked for ESC, other C0/C1 controls and bidi formatting characters,
//! and JSON output stays valid JSON that keeps the data unchanged.

use std::path::Path;

use assert_cmd::Command;
use serde_json::{Value, json};

const NOW: &str = "2026-11-27T09:00:00Z";

fn kartei(data: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", data)
        .env("KARTEI_NOW", NOW)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .args(args)
        .output()
        .unwrap()
}

/// ESC, every other control character but newline, and the bidi
/// formatting characters.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.char_indices() {
        let bad = (c.is_control() && c != '\n')
            || matches!(
                c,
                '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            );
        assert!(
            !bad,
            "{what}: {c:?} at byte {i} reached the terminal:\n{}",
            text.escape_debug()
        );
    }
}

const OSC52: &str = "\u{1b}]52;c;cHduZWQtdmlhLWxpc3Q=\u{7}\u{1b}]0;PWNEDTITLE\u{7}\u{1b}[2J";

/// `s` as the inside of a TOML basic string.
fn toml_escape(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => "\\\"".to_owned(),
            '\\' => "\\\\".to_owned(),
            c if c.is_ascii() && !c.is_control() => c.to_string(),
            c => format!("\\U{:08X}", u32::from(c)),
        })
        .collect()
}

fn hostile_deck() -> String {
    format!(
        r#"[deck]
id = "boese"
name = "Boese \u001b]0;TITLE\u0007 \u202eeman"
description = "\u001b[2J\u009b2J"
tags = ["t\u001b[31mROT", "\u2066iso"]

[[cards]]
id = "b1"
front = "Frage \u001b[5mBLINK \u202edrow \u009b31m"
back = "Antwort \u001b]52;c;eA==\u0007"
tags = ["x\u001b[4mUNTER"]

[[cards]]
id = "b2"
front = "{}"
back = "zwei"
"#,
        toml_escape(OSC52)
    )
}

fn event(id: &str, ts: &str, body: Value) -> String {
    let mut v = json!({"v": 1, "id": id, "ts": ts});
    for (k, x) in body.as_object().unwrap() {
        v[k] = x.clone();
    }
    format!("{v}\n")
}

/// A journal with a due card, an orphan with a hostile id, and a quiz whose
/// deck and tag fields are hostile.
fn hostile_journal() -> String {
    let quiz = "q\u{1b}]0;Q\u{7}";
    [
        event(
            "e1",
            "2026-11-26T09:00:00Z",
            json!({"type": "review", "card": "b1", "deck": "boese", "grade": 1, "ms": 1000, "mode": "review"}),
        ),
        event(
            "e2",
            "2026-11-26T09:01:00Z",
            json!({"type": "review", "card": format!("orphan{OSC52}\u{202e}"), "deck": "weg\u{1b}[2J", "grade": 3, "ms": 1000, "mode": "review"}),
        ),
        event(
            "e3",
            "2026-11-26T10:00:00Z",
            json!({"type": "quiz_start", "quiz": quiz, "decks": [format!("d{OSC52}")], "tags": ["\u{1b}[31mtag\u{202e}", "\u{9b}2J"], "count": 1}),
        ),
        event(
            "e4",
            "2026-11-26T10:01:00Z",
            json!({"type": "quiz_answer", "quiz": quiz, "card": "b1", "deck": "boese", "form": "typed", "given": "\u{1b}[2Jx", "score": 1.0, "timed_out": false, "ms": 900}),
        ),
        event(
            "e5",
            "2026-11-26T10:02:00Z",
            json!({"type": "quiz_end", "quiz": quiz, "score": 1.0, "max": 1.0, "grade": 1.0, "duration_ms": 1000}),
        ),
    ]
    .concat()
}

fn hostile_data_dir() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data.path().join("decks")).unwrap();
    std::fs::write(data.path().join("decks/boese.toml"), hostile_deck()).unwrap();
    // A card id with escape sequences is an error; the message quoting it
    // must be clean too.
    std::fs::write(
        data.path().join("decks/kaputt.toml"),
        format!(
            "[deck]\nname = \"K\"\ndescription = \"\"\n\n[[cards]]\nid = \"{}\"\nfront = \"a\"\nback = \"b\"\n",
            toml_escape(&format!("e{OSC52}"))
        ),
    )
    .unwrap();
    std::fs::write(data.path().join("journal.jsonl"), hostile_journal()).unwrap();
    data
}

#[test]
fn no_command_sends_escape_sequences_to_the_terminal() {
    let data = hostile_data_dir();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--tag", "\u{1b}[2J"],
        &["list", "--deck", "\u{1b}]0;X\u{7}"],
        &["check"],
        &["stats"],
        &["stats", "--deck", "boese"],
        &["due"],
        &["quiz", "--history"],
        &["--lang", "\u{1b}[2J", "list"],
        &["list", "--json"],
        &["check", "--json"],
        &["stats", "--json"],
        &["due", "--json"],
        &["quiz", "--history", "--json"],
    ];
    for args in commands {
        let mut full = vec!["--no-bundled"];
        full.extend_from_slice(args);
        let out = kartei(data.path(), &full);
        let what = format!("kartei {}", args.join(" ").escape_debug());
        assert_clean(&format!("{what} (stdout)"), &out.stdout);
        assert_clean(&format!("{what} (stderr)"), &out.stderr);
        if args.contains(&"--json") {
            let parsed: Result<Value, _> = serde_json::from_slice(&out.stdout);
            assert!(
                parsed.is_ok(),
                "{what}: not JSON:\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
    }
}

#[test]
fn the_hostile_card_id_is_an_error_and_the_text_still_shows() {
    let data = hostile_data_dir();
    let out = kartei(data.path(), &["--no-bundled", "check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("kaputt.toml:6:6: invalid card id"),
        "{stderr}"
    );
    assert!(stderr.contains("U+001B"), "{stderr}");
    // The orphan list names the hostile id, made harmless.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("PWNEDTITLE"), "{stdout}");

    let out = kartei(data.path(), &["--no-bundled", "list"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("BLINK") && stdout.contains("PWNEDTITLE"),
        "{stdout}"
    );
}

#[test]
fn json_output_keeps_hostile_text_exactly() {
    let data = hostile_data_dir();
    let out = kartei(data.path(), &["--no-bundled", "list", "--json"]);
    let cards: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        cards[0]["question"],
        "Frage \u{1b}[5mBLINK \u{202e}drow \u{9b}31m"
    );
    assert_eq!(cards[1]["question"], OSC52);
    let out = kartei(
        data.path(),
        &["--no-bundled", "quiz", "--history", "--json"],
    );
    let quizzes: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(quizzes[0]["tags"][0], "\u{1b}[31mtag\u{202e}");
    assert_eq!(quizzes[0]["decks"][0], format!("d{OSC52}"));
}

#[test]
fn merging_a_journal_with_hostile_ids_is_refused_with_the_line() {
    let data = tempfile::tempdir().unwrap();
    let ours = event(
        "a1",
        "2026-11-26T08:00:00Z",
        json!({"type": "review", "card": "b1", "deck": "boese", "grade": 3, "ms": 1000, "mode": "review"}),
    );
    std::fs::write(data.path().join("journal.jsonl"), &ours).unwrap();
    let other = data.path().join("other.jsonl");
    let good = event(
        "x1",
        "2026-11-26T09:00:00Z",
        json!({"type": "review", "card": "b2", "deck": "boese", "grade": 3, "ms": 1000, "mode": "review"}),
    );
    let cases = [
        json!({"type": "review", "card": format!("e{OSC52}"), "deck": "boese", "grade": 3, "ms": 1000, "mode": "review"}),
        json!({"type": "review", "card": "b3", "deck": "bo\u{202e}ese", "grade": 3, "ms": 1000, "mode": "review"}),
        json!({"type": "quiz_start", "quiz": "q", "decks": [], "tags": ["\u{9b}2J"], "count": 1}),
    ];
    for body in cases {
        std::fs::write(
            &other,
            format!("{good}{}", event("x2", "2026-11-26T09:01:00Z", body)),
        )
        .unwrap();
        let out = kartei(
            data.path(),
            &["--no-bundled", "sync", "merge", other.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(1));
        assert_clean("sync merge (stdout)", &out.stdout);
        assert_clean("sync merge (stderr)", &out.stderr);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("other.jsonl:2:1:") && stderr.contains("nothing was merged"),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap(),
            ours
        );
    }
}
