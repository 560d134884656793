//! `kartei optimize` through the binary, on a temporary data dir.

use std::path::Path;

use assert_cmd::Command;
use chrono::{Duration, TimeZone, Utc};
use kartei::config::Config;
use kartei::deck::CardId;
use kartei::progress::{Event, EventBody, FORMAT_VERSION, Grade, Mode, encode_line, new_event_id};

/// Writes a journal with `cards` cards answered on days 0, 1, 3, 7, 14;
/// every other cross-day answer is Again (far below FSRS's default 90 %).
fn write_journal(dir: &Path, cards: usize) {
    let start = Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).unwrap();
    let mut events = Vec::new();
    for c in 0..cards {
        for (i, day) in [0i64, 1, 3, 7, 14].into_iter().enumerate() {
            let grade = if i > 0 && (c + i) % 2 == 0 {
                Grade::Again
            } else {
                Grade::Good
            };
            let ts = start + Duration::days(day) + Duration::seconds(c as i64);
            events.push(Event {
                v: FORMAT_VERSION,
                id: new_event_id(ts),
                ts,
                body: EventBody::Review {
                    card: CardId(format!("card-{c}")),
                    deck: "d".into(),
                    grade,
                    ms: 1000,
                    mode: Mode::Review,
                    quiz: None,
                },
            });
        }
    }
    events.sort_by_key(|e| e.ts);
    let mut buf = Vec::new();
    for e in &events {
        encode_line(e, &mut buf).unwrap();
    }
    std::fs::write(dir.join("journal.jsonl"), buf).unwrap();
}

fn optimize(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", data)
        .env("KARTEI_NOW", "2026-02-01T12:00:00+00:00")
        .arg("--no-bundled")
        .arg("optimize")
        .args(args)
        .write_stdin("")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn too_few_reviews_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    write_journal(data.path(), 3);
    let (code, _, err) = optimize(data.path(), &["--yes"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("not enough reviews to optimize (have 12, need 64"),
        "{err}"
    );
    assert!(!data.path().join("config.toml").exists());
}

#[test]
fn fits_and_saves_with_yes() {
    let data = tempfile::tempdir().unwrap();
    write_journal(data.path(), 60);
    let (code, out, err) = optimize(data.path(), &["--yes"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("Fitted on 240 reviews of 60 cards"), "{out}");
    assert!(out.contains("Saved to"), "{out}");
    let config = Config::load(&data.path().join("config.toml")).unwrap();
    assert_eq!(config.scheduler.parameters.len(), 21);
}

#[test]
fn without_yes_and_no_terminal_nothing_is_saved() {
    let data = tempfile::tempdir().unwrap();
    write_journal(data.path(), 60);
    let (code, out, _) = optimize(data.path(), &[]);
    assert_eq!(code, 0);
    assert!(out.contains("Not saved"), "{out}");
    assert!(!data.path().join("config.toml").exists());
}
