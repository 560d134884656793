//! Cram through the real study port: the exam's cards weakest on the exam
//! day first, missed cards again at the end, answers journalled as cram,
//! and no due date moves. Plus `kartei cram`'s argument checks.

use assert_cmd::Command;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use kartei::collection::{Collection, OpenOptions, Scope as CoreScope};
use kartei::deck::CardId;
use kartei::progress::{EventBody, Grade, Mode};
use kartei::study::{CollectionStudy, CramTarget, ExamPort, NextCard, SessionKind, Study};
use predicates::str::contains;

fn t(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

fn open(dir: &std::path::Path) -> Collection {
    Collection::open(OpenOptions {
        data_dir: dir.to_path_buf(),
        config_path: dir.join("config.toml"),
        bundled: true,
        user_decks: None,
        extra_decks: Vec::new(),
        offset: FixedOffset::east_opt(0).unwrap(),
        read_only: false,
        cache_dir: None,
    })
    .unwrap()
}

fn review(id: &str, ts: &str, card: &str, grade: u8) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","ts":"{ts}","type":"review","card":"{card}","deck":"kennzahlen","grade":{grade},"ms":3000,"mode":"review"}}"#
    )
}

#[test]
fn cram_goes_weakest_first_and_moves_no_due_date() {
    let dir = tempfile::tempdir().unwrap();
    // kpi-marketing: Easy long ago (strong); kpi-vertrieb: Hard (weak), due
    // today; both graduated.
    let lines = [
        review("a1", "2026-11-01T10:00:00Z", "kpi-marketing", 4),
        review("b1", "2026-11-20T10:00:00Z", "kpi-vertrieb", 2),
        review("b2", "2026-11-20T10:30:00Z", "kpi-vertrieb", 3),
        review("b3", "2026-11-20T10:31:00Z", "kpi-vertrieb", 3),
    ];
    std::fs::write(dir.path().join("journal.jsonl"), lines.join("\n") + "\n").unwrap();
    let now = t("2026-12-02T10:00:00Z");
    let mut collection = open(dir.path());
    collection
        .append(
            now,
            EventBody::ExamAdd {
                name: "KPI".into(),
                date: "2026-12-16".parse().unwrap(),
                decks: vec!["kennzahlen".into()],
                tags: Vec::new(),
            },
        )
        .unwrap();
    let ids = [CardId::from("kpi-marketing"), CardId::from("kpi-vertrieb")];
    let before: Vec<_> = ids.iter().map(|id| collection.state(id).clone()).collect();
    let due_before = collection.queue(&CoreScope::All, now).today();
    let mut study = CollectionStudy::new(collection);

    study
        .start_cram(&CramTarget::Exam("KPI".into()), Some(2), now)
        .unwrap();
    let mut shown = Vec::new();
    let mut at = now;
    loop {
        match study.next_card(at) {
            NextCard::Show(show) => {
                assert_eq!(show.kind, SessionKind::Cram);
                assert_eq!(
                    show.labels,
                    <[String; 4]>::default(),
                    "no intervals in cram"
                );
                // Miss each card the first time.
                let grade = if shown.contains(&show.card.id) {
                    Grade::Good
                } else {
                    Grade::Again
                };
                shown.push(show.card.id.clone());
                study.answer(&show.card.id, grade, 2000, at).unwrap();
                at += Duration::seconds(5);
            }
            NextCard::Wait { .. } => panic!("cram never waits"),
            NextCard::Done(summary) => {
                assert_eq!(summary.kind, SessionKind::Cram);
                break;
            }
        }
    }
    // Weakest on the exam day first; missed cards again at the end.
    assert_eq!(
        shown,
        [
            ids[1].clone(),
            ids[0].clone(),
            ids[1].clone(),
            ids[0].clone()
        ]
    );
    let c = study.collection();
    for (id, b) in ids.iter().zip(&before) {
        assert_eq!(c.state(id), b, "{id}: cram moved the schedule");
    }
    let cram_answers = c
        .journal()
        .events()
        .iter()
        .filter(|e| {
            matches!(
                e.body,
                EventBody::Review {
                    mode: Mode::Cram,
                    ..
                }
            )
        })
        .count();
    assert_eq!(cram_answers, 4);
    // What was due stays due.
    assert_eq!(c.queue(&CoreScope::All, at).today(), due_before);
    // Reopened from the journal: the same.
    drop(study);
    let c = open(dir.path());
    for (id, b) in ids.iter().zip(&before) {
        assert_eq!(c.state(id), b);
    }
}

#[test]
fn cram_refuses_unknown_targets() {
    let dir = tempfile::tempdir().unwrap();
    let mut study = CollectionStudy::new(open(dir.path()));
    let now = t("2026-12-02T10:00:00Z");
    assert!(
        study
            .start_cram(&CramTarget::Exam("nope".into()), None, now)
            .is_err()
    );
    assert!(
        study
            .start_cram(&CramTarget::Decks(vec!["nope".into()]), None, now)
            .is_err()
    );
    assert!(
        study
            .start_cram(&CramTarget::Tags(vec!["nope".into()]), None, now)
            .is_err()
    );
    study
        .start_cram(&CramTarget::Decks(vec!["kennzahlen".into()]), Some(3), now)
        .unwrap();
    let NextCard::Show(show) = study.next_card(now) else {
        panic!("no card");
    };
    assert_eq!(show.progress.total, 3);
}

#[test]
fn cram_command_checks_its_arguments_before_opening_the_interface() {
    let dir = tempfile::tempdir().unwrap();
    let kartei = || {
        let mut cmd = Command::cargo_bin("kartei").unwrap();
        cmd.env("KARTEI_DATA_DIR", dir.path())
            .env("KARTEI_NOW", "2026-12-02T10:00:00Z")
            .env_remove("LANG");
        cmd
    };
    kartei()
        .args(["cram", "--exam", "Nope"])
        .assert()
        .code(2)
        .stderr(contains("no exam \"Nope\""));
    kartei()
        .args(["cram", "--deck", "nope"])
        .assert()
        .code(2)
        .stderr(contains("no deck `nope`"));
    kartei()
        .args(["cram", "--tag", "nope"])
        .assert()
        .code(2)
        .stderr(contains("tag `nope`"));
    kartei()
        .args(["cram", "--exam", "A", "--deck", "vertrieb"])
        .assert()
        .code(2);
    kartei().args(["cram", "--count", "0"]).assert().code(2);
    assert!(
        !dir.path().join("journal.jsonl").exists()
            || std::fs::read_to_string(dir.path().join("journal.jsonl"))
                .unwrap()
                .is_empty()
    );
}
