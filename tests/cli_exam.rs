//! `kartei exam add|list|rm|status` through the binary with a fixed clock:
//! validation (exit 2, nothing written), journal events, and readiness
//! against FSRS retrievability computed by hand.

use assert_cmd::Command;
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

const NOW: &str = "2026-12-02T10:00:00Z";

fn journal(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("journal.jsonl")).unwrap_or_default()
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn add_list_status_and_remove() {
    let dir = tempfile::tempdir().unwrap();
    kartei(dir.path(), NOW)
        .args(["exam", "add", "Abschluss", "--date", "2026-12-16"])
        .assert()
        .success()
        .stdout(contains("14 days"));
    kartei(dir.path(), NOW)
        .args([
            "exam",
            "add",
            "Vertrieb",
            "--date",
            "2026-12-10",
            "--deck",
            "vertrieb",
        ])
        .assert()
        .success();
    assert_eq!(
        journal(dir.path()).matches("\"type\":\"exam_add\"").count(),
        2
    );

    let list = json(kartei(dir.path(), NOW).args(["exam", "list", "--json"]));
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Vertrieb", "Abschluss"], "by date");
    assert_eq!(list[0]["days_left"], 8);
    assert_eq!(list[0]["decks"][0], "vertrieb");

    // Without a name: the next exam.
    let status = json(kartei(dir.path(), NOW).args(["exam", "status", "--json"]));
    assert_eq!(status["name"], "Vertrieb");
    let keys: Vec<&str> = status
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "by_deck",
            "cards",
            "date",
            "days_left",
            "expected_recall",
            "name",
            "plan",
            "unstudied",
            "weakest"
        ]
    );
    let all = json(kartei(dir.path(), NOW).args(["exam", "status", "Abschluss", "--json"]));
    // Every bundled card (209: the count `kartei check` reports).
    let bundled = json(kartei(dir.path(), NOW).args(["check", "--json"]))["cards"].clone();
    assert_eq!(all["cards"], bundled);
    assert_eq!(all["unstudied"], bundled);
    assert_eq!(all["expected_recall"], 0.0);
    assert_eq!(all["by_deck"].as_array().unwrap().len(), 7);
    let plan = &all["plan"];
    for key in ["new_today", "reviews_today", "minutes_today"] {
        assert!(plan[key].is_u64(), "{key}");
    }

    kartei(dir.path(), NOW)
        .args(["exam", "status", "Abschluss"])
        .assert()
        .success()
        .stdout(contains("expected recall on the day: 0.0%"))
        .stdout(contains(format!("{bundled} not studied yet")));

    kartei(dir.path(), NOW)
        .args(["exam", "rm", "Vertrieb"])
        .assert()
        .success();
    let list = json(kartei(dir.path(), NOW).args(["exam", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    // The name is free again.
    kartei(dir.path(), NOW)
        .args(["exam", "add", "Vertrieb", "--date", "2026-12-11"])
        .assert()
        .success();
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    kartei(dir.path(), NOW)
        .args(["exam", "add", "Abschluss", "--date", "2026-12-16"])
        .assert()
        .success();
    let before = journal(dir.path());
    let cases: &[(&[&str], &str)] = &[
        (
            &["exam", "add", "Alt", "--date", "2026-12-01"],
            "in the past",
        ),
        (
            &["exam", "add", "Bad", "--date", "2026-13-01"],
            "YYYY-MM-DD",
        ),
        (
            &["exam", "add", "Bad", "--date", "16.12.2026"],
            "YYYY-MM-DD",
        ),
        (&["exam", "add", "Bad", "--date", "2026-2-1"], "YYYY-MM-DD"),
        (
            &[
                "exam",
                "add",
                "Bad",
                "--date",
                "2026-12-20",
                "--deck",
                "nope",
            ],
            "no deck `nope`",
        ),
        (
            &[
                "exam",
                "add",
                "Bad",
                "--date",
                "2026-12-20",
                "--tag",
                "nope",
            ],
            "tag `nope`",
        ),
        (
            &["exam", "add", "Abschluss", "--date", "2026-12-20"],
            "already an exam",
        ),
        (&["exam", "add", "  ", "--date", "2026-12-20"], "name"),
        (&["exam", "rm", "Nope"], "no exam \"Nope\""),
        (&["exam", "status", "Nope"], "no exam \"Nope\""),
    ];
    for (args, message) in cases {
        kartei(dir.path(), NOW)
            .args(*args)
            .assert()
            .code(2)
            .stderr(contains(*message));
        assert_eq!(journal(dir.path()), before, "{args:?} wrote to the journal");
    }
    // Today is allowed (days_left 0).
    kartei(dir.path(), NOW)
        .args(["exam", "add", "Heute", "--date", "2026-12-02"])
        .assert()
        .success();
}

#[test]
fn exams_merge_like_every_event() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    kartei(a.path(), NOW)
        .args(["exam", "add", "A", "--date", "2026-12-16"])
        .assert()
        .success();
    kartei(b.path(), NOW)
        .args(["exam", "add", "B", "--date", "2026-12-18"])
        .assert()
        .success();
    kartei(a.path(), NOW)
        .args(["sync", "merge"])
        .arg(b.path().join("journal.jsonl"))
        .assert()
        .success();
    let list = json(kartei(a.path(), NOW).args(["exam", "list", "--json"]));
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["A", "B"]);
}

/// FSRS-6 forgetting curve with the default parameters, by hand:
/// R(t) = (1 + factor · t / S)^(-decay), factor = 0.9^(-1/decay) - 1.
fn recall(days: f64, stability: f64) -> f64 {
    let decay = 0.1542_f64;
    let factor = 0.9_f64.powf(-1.0 / decay) - 1.0;
    (1.0 + factor * days / stability).powf(-decay)
}

#[test]
fn readiness_is_fsrs_retrievability_on_the_exam_day() {
    let dir = tempfile::tempdir().unwrap();
    let review = |id: &str, card: &str, grade: u8| {
        format!(
            r#"{{"v":1,"id":"{id}","ts":"2026-11-20T10:00:00Z","type":"review","card":"{card}","deck":"kennzahlen","grade":{grade},"ms":3000,"mode":"review"}}"#
        )
    };
    std::fs::write(
        dir.path().join("journal.jsonl"),
        [
            review("r1", "kpi-marketing", 4),
            review("r2", "kpi-vertrieb", 3),
        ]
        .join("\n")
            + "\n",
    )
    .unwrap();
    kartei(dir.path(), NOW)
        .args([
            "exam",
            "add",
            "KPI",
            "--date",
            "2026-12-16",
            "--deck",
            "kennzahlen",
        ])
        .assert()
        .success();
    let status = json(kartei(dir.path(), NOW).args(["exam", "status", "KPI", "--json"]));
    // The exam day starts at 04:00 (day_start_hour); 25.75 days after the
    // answers. First answers: Easy gives S = w3 = 8.2956, Good S = w2 = 2.3065.
    let days = 25.75;
    let easy = recall(days, 8.2956);
    let good = recall(days, 2.3065);
    let cards = status["cards"].as_u64().unwrap();
    // The KPI deck's cards (24), two of them answered.
    let kpi = json(kartei(dir.path(), NOW).args(["list", "--deck", "kennzahlen", "--json"]));
    assert_eq!(cards, kpi.as_array().unwrap().len() as u64);
    assert_eq!(status["unstudied"].as_u64().unwrap(), cards - 2);
    let expected = (easy + good) / cards as f64;
    let got = status["expected_recall"].as_f64().unwrap();
    assert!((got - expected).abs() < 1e-4, "{got} vs {expected}");
    assert_eq!(status["by_deck"][0]["id"], "kennzahlen");
    assert!((status["by_deck"][0]["expected_recall"].as_f64().unwrap() - expected).abs() < 1e-4);
    // Weakest first: the Good card has the lower recall.
    assert_eq!(status["weakest"][0], "kpi-vertrieb");
    assert_eq!(status["weakest"][1], "kpi-marketing");
    assert_eq!(status["days_left"], 14);
    // Sanity of the hand computation: after S days recall is 90 %.
    assert!((recall(8.2956, 8.2956) - 0.9).abs() < 1e-9);
}

#[test]
fn the_plan_raises_new_cards_while_the_exam_is_ahead_and_ends_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let new_today = |now: &str| {
        let stats = json(kartei(dir.path(), now).args(["stats", "--json"]));
        stats["total"]["new"].as_u64().unwrap()
    };
    let plain = new_today(NOW);
    assert!(plain <= 20, "{plain}");
    // 5 days left: all bundled cards over the 3 days up to 3 days before the exam.
    kartei(dir.path(), NOW)
        .args(["exam", "add", "Bald", "--date", "2026-12-07"])
        .assert()
        .success();
    let raised = new_today(NOW);
    assert!(raised >= 50, "{raised}");
    let status = json(kartei(dir.path(), NOW).args(["exam", "status", "--json"]));
    assert_eq!(status["plan"]["new_today"].as_u64().unwrap(), raised);
    // On the exam day and after it, plain scheduling again.
    assert_eq!(new_today("2026-12-07T10:00:00Z"), plain);
    assert_eq!(new_today("2026-12-09T10:00:00Z"), plain);
}

#[test]
fn quiz_over_an_exam_checks_the_name() {
    let dir = tempfile::tempdir().unwrap();
    kartei(dir.path(), NOW)
        .args(["quiz", "--exam", "Nope"])
        .assert()
        .code(2)
        .stderr(contains("no exam \"Nope\""));
    kartei(dir.path(), NOW)
        .args(["quiz", "--exam", "Nope", "--deck", "vertrieb"])
        .assert()
        .code(2);
}

#[test]
fn an_exam_with_decks_and_tags_covers_their_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let all = json(kartei(dir.path(), NOW).args(["list", "--json"]));
    let all = all.as_array().unwrap();
    let has =
        |c: &serde_json::Value, tag: &str| c["tags"].as_array().unwrap().iter().any(|t| t == tag);
    let in_deck = |c: &serde_json::Value| c["deck"] == "kennzahlen";
    // A tag used inside and outside the deck, on some of the deck's cards.
    let tag = all
        .iter()
        .filter(|c| in_deck(c))
        .flat_map(|c| c["tags"].as_array().unwrap().iter())
        .map(|t| t.as_str().unwrap())
        .find(|t| {
            all.iter().any(|c| !in_deck(c) && has(c, t))
                && all.iter().any(|c| in_deck(c) && !has(c, t))
        })
        .expect("a shared tag")
        .to_owned();
    let both = all.iter().filter(|c| in_deck(c) && has(c, &tag)).count();
    kartei(dir.path(), NOW)
        .args([
            "exam",
            "add",
            "K",
            "--date",
            "2026-12-20",
            "--deck",
            "kennzahlen",
            "--tag",
            &tag,
        ])
        .assert()
        .success();
    let status = json(kartei(dir.path(), NOW).args(["exam", "status", "K", "--json"]));
    assert_eq!(status["cards"].as_u64().unwrap() as usize, both);
}
