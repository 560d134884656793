//! Journals big enough to be parsed in parallel chunks: same events in the
//! same order, correct line numbers for damage in any chunk, and a torn tail
//! still repaired.

use chrono::{DateTime, Duration, Utc};
use kartei::deck::CardId;
use kartei::progress::{
    Event, EventBody, FORMAT_VERSION, Grade, Journal, JournalError, Mode, encode_line, new_event_id,
};

const EVENTS: usize = 40_000; // about 7.5 MB: well above the parallel threshold

fn big_journal() -> (Vec<u8>, Vec<Event>) {
    let t0: DateTime<Utc> = "2026-01-01T08:00:00Z".parse().unwrap();
    let mut bytes = Vec::new();
    let mut events = Vec::new();
    for i in 0..EVENTS {
        let ts = t0 + Duration::seconds(i as i64 * 7);
        let event = Event {
            v: FORMAT_VERSION,
            id: new_event_id(ts),
            ts,
            body: EventBody::Review {
                card: CardId(format!("karte-{}", i % 997)),
                deck: "stapel".into(),
                grade: Grade::ALL[i % 4],
                ms: 1000 + i as u64,
                mode: Mode::Review,
                quiz: None,
            },
        };
        encode_line(&event, &mut bytes).unwrap();
        events.push(event);
    }
    (bytes, events)
}

#[test]
fn a_large_journal_loads_every_event_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, events) = big_journal();
    assert!(bytes.len() > 6 << 20);
    std::fs::write(dir.path().join("journal.jsonl"), &bytes).unwrap();
    let (journal, report) = Journal::open_read_only(dir.path()).unwrap();
    assert_eq!(report.events, EVENTS);
    assert!(report.warnings.is_empty());
    assert_eq!(journal.events(), events.as_slice());
}

#[test]
fn damage_in_any_chunk_names_the_right_line() {
    let (bytes, _) = big_journal();
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    for bad in [3, EVENTS / 2 + 1, EVENTS - 10] {
        let dir = tempfile::tempdir().unwrap();
        let mut damaged = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if i + 1 == bad {
                damaged.extend_from_slice(b"{\"v\":1,\"id\":\"x\" garbage}\n");
            } else {
                damaged.extend_from_slice(l);
            }
        }
        let path = dir.path().join("journal.jsonl");
        std::fs::write(&path, &damaged).unwrap();
        let err = Journal::open_read_only(dir.path()).unwrap_err();
        match err {
            JournalError::Corrupt { line, .. } => assert_eq!(line, bad),
            other => panic!("line {bad}: {other}"),
        }
        assert_eq!(std::fs::read(&path).unwrap(), damaged, "file unchanged");
    }
}

#[test]
fn a_torn_tail_of_a_large_journal_is_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let (mut bytes, events) = big_journal();
    bytes.extend_from_slice(b"{\"v\":1,\"id\":\"torn\",\"ts\":\"2026-");
    std::fs::write(dir.path().join("journal.jsonl"), &bytes).unwrap();
    let (journal, report) = Journal::open(dir.path()).unwrap();
    assert_eq!(journal.events().len(), events.len());
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(report.backup.is_some());
}
