//! Round trips, undo and replay through the public journal API.

use chrono::{DateTime, Duration, TimeZone, Utc};
use kartei::deck::CardId;
use kartei::progress::{
    EventBody, EventId, Grade, Journal, Mode, ReviewEntry, effective_reviews, last_undoable,
    orphans,
};

fn t(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap() + Duration::minutes(min)
}

fn review(card: &str, grade: Grade) -> EventBody {
    EventBody::Review {
        card: CardId::from(card),
        deck: "mm".into(),
        grade,
        ms: 1500,
        mode: Mode::Review,
        quiz: None,
    }
}

fn all_kinds() -> Vec<EventBody> {
    vec![
        review("a", Grade::Good),
        EventBody::Review {
            card: CardId::from("b~rev"),
            deck: "mm \"quoted\" ü".into(),
            grade: Grade::Again,
            ms: 0,
            mode: Mode::Quiz,
            quiz: Some("q1".into()),
        },
        EventBody::Undo {
            target: EventId("x".into()),
        },
        EventBody::QuizStart {
            quiz: "q1".into(),
            decks: vec!["mm".into(), "vt".into()],
            tags: vec!["preis".into()],
            count: 20,
            time_limit_s: Some(1800),
            per_question_s: None,
            seed: Some(42),
        },
        EventBody::QuizAnswer {
            quiz: "q1".into(),
            card: CardId::from("a"),
            deck: "mm".into(),
            form: "typed".into(),
            given: "line\nbreak\ttab".into(),
            score: 0.5,
            timed_out: false,
            ms: 12_345,
            grade: Some(Grade::Again),
        },
        EventBody::QuizPause {
            quiz: "q1".into(),
            ms: 60_000,
        },
        EventBody::QuizEnd {
            quiz: "q1".into(),
            score: 15.5,
            max: 20.0,
            grade: 2.3,
            duration_ms: 1_000_000,
            abandoned: true,
        },
    ]
}

#[test]
fn every_event_kind_survives_a_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("data");
    let (mut j, report) = Journal::open(&data).unwrap();
    assert_eq!(report.events, 0);
    assert!(report.warnings.is_empty());
    let mut written = Vec::new();
    for (i, body) in all_kinds().into_iter().enumerate() {
        let ev = j.append(t(i as i64), body.clone()).unwrap();
        assert_eq!(ev.body, body);
        assert_eq!(ev.ts, t(i as i64));
        assert_eq!(ev.v, 1);
        written.push(ev);
    }
    assert_eq!(j.events(), &written[..]);
    drop(j);

    let text = std::fs::read_to_string(data.join("journal.jsonl")).unwrap();
    assert_eq!(text.lines().count(), written.len());
    assert!(text.ends_with('\n'));
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["v"], 1);
        assert!(v["id"].is_string() && v["ts"].is_string() && v["type"].is_string());
    }

    let (j, report) = Journal::open(&data).unwrap();
    assert_eq!(report.events, written.len());
    assert_eq!(j.events(), &written[..]);
    drop(j);
    let (ro, _) = Journal::open_read_only(&data).unwrap();
    assert_eq!(ro.events(), &written[..]);
}

#[test]
fn event_ids_are_unique_and_sort_by_time() {
    let dir = tempfile::tempdir().unwrap();
    let (mut j, _) = Journal::open(dir.path()).unwrap();
    let mut ids = Vec::new();
    for i in 0..200 {
        // Many events share a timestamp: ids must still differ.
        ids.push(j.append(t(i / 50), review("a", Grade::Good)).unwrap().id);
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    let early = j.append(t(0), review("a", Grade::Good)).unwrap().id;
    let late = j
        .append(t(60 * 24 * 365), review("a", Grade::Good))
        .unwrap()
        .id;
    assert!(early < late);
    assert!(ids[199] < late);
}

#[test]
fn unknown_fields_and_blank_lines_are_tolerated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("journal.jsonl"),
        "\n{\"v\":1,\"id\":\"e1\",\"ts\":\"2026-11-27T09:00:00Z\",\"type\":\"review\",\"card\":\"a\",\
         \"deck\":\"mm\",\"grade\":4,\"ms\":10,\"mode\":\"review\",\"device\":\"laptop\"}\n\n  \n",
    )
    .unwrap();
    let (j, report) = Journal::open(dir.path()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(j.events().len(), 1);
    assert_eq!(j.events()[0].id, EventId("e1".into()));
}

#[test]
fn effective_reviews_drop_undone_answers_and_keep_time_order() {
    let dir = tempfile::tempdir().unwrap();
    let (mut j, _) = Journal::open(dir.path()).unwrap();
    j.append(t(5), review("a", Grade::Good)).unwrap();
    let bad = j.append(t(6), review("a", Grade::Again)).unwrap();
    j.append(t(1), review("a", Grade::Hard)).unwrap(); // out of order on disk
    j.append(t(2), review("b", Grade::Easy)).unwrap();
    j.append(
        t(7),
        EventBody::Undo {
            target: bad.id.clone(),
        },
    )
    .unwrap();
    // An undo of something that does not exist changes nothing.
    j.append(
        t(8),
        EventBody::Undo {
            target: EventId("nope".into()),
        },
    )
    .unwrap();
    let eff = effective_reviews(j.events());
    assert_eq!(eff.len(), 2);
    let a: Vec<(DateTime<Utc>, Grade)> = eff[&CardId::from("a")]
        .iter()
        .map(|r| (r.ts, r.grade))
        .collect();
    assert_eq!(a, vec![(t(1), Grade::Hard), (t(5), Grade::Good)]);
    assert_eq!(
        eff[&CardId::from("b")],
        vec![ReviewEntry {
            ts: t(2),
            grade: Grade::Easy,
            mode: Mode::Review,
            ms: 1500
        }]
    );
}

#[test]
fn undo_last_walks_back_within_the_session_only() {
    let dir = tempfile::tempdir().unwrap();
    let (mut j, _) = Journal::open(dir.path()).unwrap();
    let before = j.append(t(0), review("old", Grade::Good)).unwrap();
    let start = j
        .append(
            t(1),
            EventBody::QuizPause {
                quiz: "marker".into(),
                ms: 0,
            },
        )
        .unwrap();
    let r1 = j.append(t(2), review("a", Grade::Good)).unwrap();
    let r2 = j.append(t(3), review("b", Grade::Again)).unwrap();

    let undone = j.undo_last(t(4), Some(&start.id)).unwrap().unwrap();
    assert_eq!(undone.id, r2.id);
    assert_eq!(
        last_undoable(j.events(), Some(&start.id)).map(|e| &e.id),
        Some(&r1.id)
    );
    let undone = j.undo_last(t(5), Some(&start.id)).unwrap().unwrap();
    assert_eq!(undone.id, r1.id);
    // Nothing left in this session; the review before it stays.
    assert_eq!(j.undo_last(t(6), Some(&start.id)).unwrap(), None);
    let eff = effective_reviews(j.events());
    assert_eq!(eff.len(), 1);
    assert!(eff.contains_key(&CardId::from("old")));

    // The undos are durable.
    let n = j.events().len();
    drop(j);
    let (mut j, _) = Journal::open(dir.path()).unwrap();
    assert_eq!(j.events().len(), n);
    assert_eq!(effective_reviews(j.events()).len(), 1);
    // Without a session bound the older review is next.
    assert_eq!(j.undo_last(t(7), None).unwrap().unwrap().id, before.id);
    assert!(effective_reviews(j.events()).is_empty());
    assert_eq!(j.undo_last(t(8), None).unwrap(), None);
}

#[test]
fn orphans_are_reported_and_never_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut j, _) = Journal::open(dir.path()).unwrap();
    j.append(t(0), review("kept", Grade::Good)).unwrap();
    j.append(t(1), review("gone-2", Grade::Good)).unwrap();
    j.append(t(2), review("gone-1", Grade::Hard)).unwrap();
    j.append(t(3), review("gone-1", Grade::Good)).unwrap();
    let u = j.append(t(4), review("undone-only", Grade::Good)).unwrap();
    j.append(t(5), EventBody::Undo { target: u.id }).unwrap();
    let known = |c: &CardId| c.as_str() == "kept";
    assert_eq!(
        orphans(j.events(), known),
        vec![CardId::from("gone-1"), CardId::from("gone-2")]
    );
    drop(j);
    let (j, _) = Journal::open(dir.path()).unwrap();
    assert_eq!(
        effective_reviews(j.events())[&CardId::from("gone-1")].len(),
        2
    );
}

#[test]
fn read_only_journal_refuses_appends_and_takes_no_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (mut j, _) = Journal::open(dir.path()).unwrap();
    j.append(t(0), review("a", Grade::Good)).unwrap();
    // Works while the writer holds the lock.
    let (mut ro, _) = Journal::open_read_only(dir.path()).unwrap();
    assert!(ro.is_read_only());
    assert_eq!(ro.events().len(), 1);
    let err = ro.append(t(1), review("a", Grade::Good)).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
    // A missing directory reads as empty and creates nothing.
    let missing = dir.path().join("missing");
    let (ro, _) = Journal::open_read_only(&missing).unwrap();
    assert!(ro.events().is_empty());
    assert!(!missing.exists());
}

#[test]
fn non_finite_scores_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut j, _) = Journal::open(dir.path()).unwrap();
    let err = j
        .append(
            t(0),
            EventBody::QuizEnd {
                quiz: "q".into(),
                score: f64::NAN,
                max: 10.0,
                grade: 1.0,
                duration_ms: 0,
                abandoned: false,
            },
        )
        .unwrap_err();
    assert!(err.to_string().contains("score"), "{err}");
    assert!(j.events().is_empty());
    assert_eq!(
        std::fs::metadata(dir.path().join("journal.jsonl"))
            .unwrap()
            .len(),
        0
    );
}
