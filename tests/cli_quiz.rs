//! `kartei quiz --history [--json]` over a hand-written journal, and the
//! argument checks of `kartei quiz`.

use assert_cmd::Command;
use predicates::prelude::*;

const JOURNAL: &str = r#"{"v":1,"id":"e01","ts":"2026-11-20T08:00:00Z","type":"quiz_start","quiz":"q1","decks":["vertrieb"],"tags":[],"count":4,"per_question_s":60,"seed":1}
{"v":1,"id":"e02","ts":"2026-11-20T08:00:30Z","type":"quiz_answer","quiz":"q1","card":"v-1","deck":"vertrieb","form":"choice","given":"A","score":1.0,"timed_out":false,"ms":30000}
{"v":1,"id":"e03","ts":"2026-11-20T08:00:30Z","type":"review","card":"v-1","deck":"vertrieb","grade":3,"ms":30000,"mode":"quiz","quiz":"q1"}
{"v":1,"id":"e04","ts":"2026-11-20T08:04:00Z","type":"quiz_end","quiz":"q1","score":3.0,"max":4.0,"grade":2.3,"duration_ms":240000,"abandoned":false}
{"v":1,"id":"e05","ts":"2026-11-21T18:30:00Z","type":"quiz_start","quiz":"q2","decks":[],"tags":["kpi"],"count":10,"time_limit_s":600,"seed":2}
{"v":1,"id":"e06","ts":"2026-11-21T18:31:00Z","type":"quiz_pause","quiz":"q2","ms":5000}
{"v":1,"id":"e07","ts":"2026-11-21T18:32:00Z","type":"quiz_end","quiz":"q2","score":2.5,"max":10.0,"grade":5.0,"duration_ms":95000,"abandoned":true}
{"v":1,"id":"e08","ts":"2026-11-22T07:00:00Z","type":"quiz_start","quiz":"q3","decks":["marketing"],"tags":[],"count":2,"seed":3}
{"v":1,"id":"e09","ts":"2026-11-22T07:00:40Z","type":"quiz_answer","quiz":"q3","card":"m-1","deck":"marketing","form":"flip","given":"known","score":1.0,"timed_out":false,"ms":40000}
"#;

fn kartei(data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.env("KARTEI_DATA_DIR", data)
        .env("TZ", "UTC")
        .env_remove("KARTEI_NOW");
    cmd
}

fn with_journal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("journal.jsonl"), JOURNAL).unwrap();
    dir
}

#[test]
fn history_lists_finished_abandoned_and_unfinished_quizzes() {
    let dir = with_journal();
    let out = kartei(dir.path())
        .args(["quiz", "--history"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("Date"), "{text}");
    assert!(lines[1].contains("2026-11-20 08:00"), "{text}");
    assert!(lines[1].contains("vertrieb"), "{text}");
    assert!(lines[1].contains("3/4 (75%)"), "{text}");
    assert!(lines[1].contains("2.3"), "English writes 2.3: {text}");
    assert!(lines[1].contains("04:00"), "{text}");
    assert!(lines[2].contains("all decks #kpi"), "{text}");
    assert!(lines[2].contains("2.5/10"), "{text}");
    assert!(lines[2].contains("abandoned"), "{text}");
    assert!(
        !lines[2].contains("5,0"),
        "an abandoned quiz has no grade: {text}"
    );
    assert!(lines[3].contains("1/2 (50%)"), "{text}");
    assert!(lines[3].contains("unfinished"), "{text}");
    assert!(
        !lines[3].contains("4.0"),
        "an unfinished quiz gets no grade: {text}"
    );
}

#[test]
fn history_json_pairs_start_and_end() {
    let dir = with_journal();
    let out = kartei(dir.path())
        .args(["quiz", "--history", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a.len(), 3);
    let q1 = &a[0];
    assert_eq!(q1["id"], "q1");
    assert_eq!(q1["date"], "2026-11-20T08:00:00Z");
    assert_eq!(q1["decks"], serde_json::json!(["vertrieb"]));
    assert_eq!(q1["score"], 3.0);
    assert_eq!(q1["max"], 4.0);
    assert_eq!(q1["percent"], 75.0);
    assert_eq!(q1["grade"], 2.3);
    assert_eq!(q1["duration_s"], 240);
    assert_eq!(q1["abandoned"], false);
    assert_eq!(a[1]["abandoned"], true);
    assert_eq!(
        a[1]["grade"],
        serde_json::Value::Null,
        "abandoned: no grade"
    );
    assert_eq!(a[1]["tags"], serde_json::json!(["kpi"]));
    assert_eq!(a[1]["duration_s"], 95);
    assert_eq!(a[2]["finished"], false);
    assert_eq!(a[2]["score"], 1.0);
    assert_eq!(
        a[2]["grade"],
        serde_json::Value::Null,
        "unfinished: no grade"
    );
}

#[test]
fn history_without_quizzes_is_friendly() {
    let dir = tempfile::tempdir().unwrap();
    kartei(dir.path())
        .args(["quiz", "--history"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No quizzes yet"));
    kartei(dir.path())
        .args(["quiz", "--history", "--json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn bad_arguments_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    kartei(dir.path())
        .args(["quiz", "--time", "10x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--time \"10x\""))
        .stderr(predicate::str::contains("90s, 10m or 1h"));
    kartei(dir.path())
        .args(["quiz", "--forms", "choice,essay"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown quiz form \"essay\""));
    kartei(dir.path())
        .args(["quiz", "--count", "0"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--count must be at least 1"));
}
