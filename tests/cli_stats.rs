//! `kartei stats`, `kartei due` and orphans in `kartei check`, through the
//! binary with a hand-written journal and a fixed clock.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use std::path::Path;

fn kartei(data: &Path, now: &str) -> Command {
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.env("KARTEI_DATA_DIR", data)
        .env("KARTEI_NOW", now)
        .env("TZ", "UTC")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    cmd
}

fn review(id: &str, ts: &str, card: &str, deck: &str, grade: u8) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","ts":"{ts}","type":"review","card":"{card}","deck":"{deck}","grade":{grade},"ms":3000,"mode":"review"}}"#
    )
}

fn write_journal(dir: &Path, lines: &[String]) {
    std::fs::create_dir_all(dir).unwrap();
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(dir.join("journal.jsonl"), text).unwrap();
}

#[test]
fn stats_json_counts_reviews_retention_and_streak() {
    let dir = tempfile::tempdir().unwrap();
    write_journal(
        dir.path(),
        &[
            review(
                "e1",
                "2026-11-20T10:00:00Z",
                "gl-marketing-definition",
                "grundlagen",
                3,
            ),
            review(
                "e2",
                "2026-11-20T10:01:00Z",
                "gl-marketing-definition",
                "grundlagen",
                3,
            ),
            // next day: a cross-day review that was remembered
            review(
                "e3",
                "2026-11-21T10:00:00Z",
                "gl-marketing-definition",
                "grundlagen",
                3,
            ),
            review("e4", "2026-11-21T10:05:00Z", "mm-4p", "marketing-mix", 3),
            // a cross-day lapse
            review("e5", "2026-11-22T10:00:00Z", "mm-4p", "marketing-mix", 1),
            // an answer to a card no deck has any more
            review("e6", "2026-11-22T10:00:00Z", "weg-damit", "grundlagen", 3),
        ],
    );
    let out = kartei(dir.path(), "2026-11-22T12:00:00Z")
        .args(["stats", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let total = &v["total"];
    assert_eq!(total["reviewed_today"], 1, "{v}");
    assert_eq!(total["learning"], 1, "mm-4p is relearning: {v}");
    // New cards shown today: the daily limit (20) less the one introduced
    // today ("weg-damit"), not every unseen card.
    let cards = total["cards"].as_u64().unwrap();
    assert!(cards - 2 > 20);
    assert_eq!(total["new"].as_u64().unwrap(), 19, "{v}");
    assert_eq!(v["streak_days"], 3);
    let retention = v["retention_30d"].as_f64().unwrap();
    assert!((retention - 0.5).abs() < 1e-9, "{retention}");
    assert_eq!(v["forecast"].as_array().unwrap().len(), 30);
    assert_eq!(v["history"].as_array().unwrap().len(), 182);
    assert_eq!(v["history"][181]["reviews"], 2);
    let decks = v["decks"].as_array().unwrap();
    assert!(decks.iter().any(|d| d["id"] == "marketing-mix"));
    for key in ["id", "cards", "new", "learning", "due", "reviewed_today"] {
        assert!(decks[0].get(key).is_some(), "missing {key}");
    }

    kartei(dir.path(), "2026-11-22T12:00:00Z")
        .args(["stats", "--deck", "marketing-mix", "--json"])
        .assert()
        .success()
        .stdout(contains("\"id\": \"marketing-mix\""))
        .stdout(contains("grundlagen").not());

    kartei(dir.path(), "2026-11-22T12:00:00Z")
        .args(["stats", "--deck", "nope"])
        .assert()
        .failure()
        .stderr(contains("there is no deck `nope`"));

    // The orphan's progress is kept and reported.
    kartei(dir.path(), "2026-11-22T12:00:00Z")
        .args(["check", "--json"])
        .assert()
        .success()
        .stdout(contains("\"weg-damit\""));
}

#[test]
fn due_lists_cards_due_today_in_order() {
    let dir = tempfile::tempdir().unwrap();
    write_journal(
        dir.path(),
        &[review(
            "e1",
            "2026-11-22T10:00:00Z",
            "mm-4p",
            "marketing-mix",
            1,
        )],
    );
    // Again on a new card: the first learning step (1 min) is due at 10:01.
    let out = kartei(dir.path(), "2026-11-22T10:00:30Z")
        .args(["due", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["due_now"], 0);
    assert_eq!(v["due_today"], 1);
    assert_eq!(v["cards"][0]["id"], "mm-4p");
    assert_eq!(v["cards"][0]["due"], "2026-11-22T10:01:00Z");
    kartei(dir.path(), "2026-11-22T10:02:00Z")
        .arg("due")
        .assert()
        .success()
        .stdout(contains("1 due now, 1 due today"));
}

#[test]
fn damaged_journal_is_a_clear_error_and_stays_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        review("e1", "2026-11-20T10:00:00Z", "mm-4p", "marketing-mix", 3),
        "this is not json".to_owned(),
        review("e2", "2026-11-21T10:00:00Z", "mm-4p", "marketing-mix", 3),
    ];
    write_journal(dir.path(), &lines);
    let before = std::fs::read(dir.path().join("journal.jsonl")).unwrap();
    kartei(dir.path(), "2026-11-22T12:00:00Z")
        .arg("stats")
        .assert()
        .failure()
        .stderr(contains("journal.jsonl:2"));
    assert_eq!(
        std::fs::read(dir.path().join("journal.jsonl")).unwrap(),
        before
    );
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    // `kartei list --json | head`: the pipe closes before kartei writes.
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["list", "--json"][..],
        &["stats", "--json"],
        &["list"],
        &["due", "--json"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kartei"))
            .env("KARTEI_DATA_DIR", dir.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}
