//! Merging journals from two machines, through the API and `kartei sync merge`.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use chrono::{DateTime, Duration, TimeZone, Utc};
use kartei::deck::CardId;
use kartei::progress::{
    Event, EventBody, EventId, Grade, Journal, JournalError, Mode, effective_reviews,
};

fn t(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap() + Duration::minutes(min)
}

fn review(card: &str, grade: Grade) -> EventBody {
    EventBody::Review {
        card: CardId::from(card),
        deck: "mm".into(),
        grade,
        ms: 700,
        mode: Mode::Review,
        quiz: None,
    }
}

/// Appends reviews of `card` at the given minutes; returns the events.
fn fill(dir: &Path, card: &str, minutes: &[i64]) -> Vec<Event> {
    let (mut j, _) = Journal::open(dir).unwrap();
    minutes
        .iter()
        .map(|&m| j.append(t(m), review(card, Grade::Good)).unwrap())
        .collect()
}

fn ids(events: &[Event]) -> Vec<EventId> {
    events.iter().map(|e| e.id.clone()).collect()
}

#[test]
fn two_machines_interleaved_merge_into_one_time_ordered_union() {
    let tmp = tempfile::tempdir().unwrap();
    let laptop = tmp.path().join("laptop");
    let desktop = tmp.path().join("desktop");
    let mine = fill(&laptop, "a", &[0, 2, 4, 6]);
    let theirs = fill(&desktop, "b", &[1, 3, 5, 7]);
    // One shared event: copied over earlier by hand.
    let shared = mine[0].clone();
    {
        let line = serde_json::to_string(&shared).unwrap() + "\n";
        let p = desktop.join("journal.jsonl");
        let mut text = fs::read_to_string(&p).unwrap();
        text.insert_str(0, &line);
        fs::write(&p, text).unwrap();
    }
    let desktop_before = fs::read(desktop.join("journal.jsonl")).unwrap();

    let (mut j, _) = Journal::open(&laptop).unwrap();
    let report = j.merge_from(&desktop.join("journal.jsonl")).unwrap();
    assert_eq!(report.added, 4);
    assert_eq!(report.already_present, 1);
    assert_eq!(report.conflicting, 0);
    let mut expected: Vec<Event> = mine.iter().chain(theirs.iter()).cloned().collect();
    expected.sort_by_key(|e| e.ts);
    assert_eq!(ids(j.events()), ids(&expected));
    assert_eq!(
        fs::read(desktop.join("journal.jsonl")).unwrap(),
        desktop_before,
        "the other journal is never modified"
    );

    // Appending after the merge goes to the new file.
    let later = j.append(t(8), review("c", Grade::Hard)).unwrap();
    drop(j);
    let (j, report) = Journal::open(&laptop).unwrap();
    assert!(report.warnings.is_empty());
    expected.push(later);
    assert_eq!(j.events(), &expected[..]);
    let eff = effective_reviews(j.events());
    assert_eq!(eff[&CardId::from("a")].len(), 4);
    assert_eq!(eff[&CardId::from("b")].len(), 4);
    let tmp_files: Vec<_> = fs::read_dir(&laptop)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(tmp_files.is_empty(), "{tmp_files:?}");
}

#[test]
fn merging_twice_adds_nothing_and_leaves_the_file_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    fill(&a, "x", &[3, 1]);
    fill(&b, "y", &[2]);
    let (mut j, _) = Journal::open(&a).unwrap();
    assert_eq!(j.merge_from(&b.join("journal.jsonl")).unwrap().added, 1);
    let after_first = fs::read(a.join("journal.jsonl")).unwrap();
    let again = j.merge_from(&b.join("journal.jsonl")).unwrap();
    assert_eq!((again.added, again.already_present), (0, 1));
    assert_eq!(fs::read(a.join("journal.jsonl")).unwrap(), after_first);
    // Merging with itself is a no-op as well.
    let own = j.path().to_path_buf();
    let me = j.merge_from(&own).unwrap();
    assert_eq!((me.added, me.already_present), (0, 3));
    let ts: Vec<_> = j.events().iter().map(|e| e.ts).collect();
    assert_eq!(ts, vec![t(1), t(2), t(3)]);
}

#[test]
fn equal_timestamps_are_ordered_by_id_and_undos_travel() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    fill(&a, "x", &[0, 0]);
    let theirs = fill(&b, "y", &[0]);
    {
        let (mut jb, _) = Journal::open(&b).unwrap();
        jb.undo_last(t(1), None).unwrap().unwrap();
    }
    let (mut j, _) = Journal::open(&a).unwrap();
    j.merge_from(&b.join("journal.jsonl")).unwrap();
    let at_zero: Vec<EventId> = j
        .events()
        .iter()
        .filter(|e| e.ts == t(0))
        .map(|e| e.id.clone())
        .collect();
    let mut sorted = at_zero.clone();
    sorted.sort();
    assert_eq!(at_zero, sorted);
    assert_eq!(at_zero.len(), 3);
    let eff = effective_reviews(j.events());
    assert!(!eff.contains_key(&theirs[0].card()));
    assert_eq!(eff[&CardId::from("x")].len(), 2);
}

trait CardOf {
    fn card(&self) -> CardId;
}
impl CardOf for Event {
    fn card(&self) -> CardId {
        match &self.body {
            EventBody::Review { card, .. } => card.clone(),
            other => panic!("not a review: {other:?}"),
        }
    }
}

#[test]
fn torn_tail_in_the_other_journal_is_ignored_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    fill(&a, "x", &[0]);
    fill(&b, "y", &[1, 2]);
    let other = b.join("journal.jsonl");
    let mut bytes = fs::read(&other).unwrap();
    bytes.extend_from_slice(b"{\"v\":1,\"id\":\"half");
    fs::write(&other, &bytes).unwrap();
    let (mut j, _) = Journal::open(&a).unwrap();
    let report = j.merge_from(&other).unwrap();
    assert_eq!(report.added, 2);
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(fs::read(&other).unwrap(), bytes);
}

#[test]
fn a_damaged_or_missing_other_journal_is_an_error_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    fill(&a, "x", &[0]);
    let before = fs::read(a.join("journal.jsonl")).unwrap();
    let bad = tmp.path().join("bad.jsonl");
    fs::write(&bad, "{\"v\":1}\n{}\n").unwrap();
    let (mut j, _) = Journal::open(&a).unwrap();
    let err = j.merge_from(&bad).unwrap_err();
    assert!(
        matches!(err, JournalError::Corrupt { line: 1, .. }),
        "{err:?}"
    );
    let err = j.merge_from(&tmp.path().join("missing.jsonl")).unwrap_err();
    assert!(matches!(err, JournalError::Io { .. }), "{err:?}");
    assert_eq!(j.events().len(), 1);
    assert_eq!(fs::read(a.join("journal.jsonl")).unwrap(), before);
}

#[test]
fn same_id_with_different_content_keeps_ours() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let mine = fill(&a, "x", &[0]);
    let mut forged = mine[0].clone();
    forged.body = review("x", Grade::Again);
    let other = tmp.path().join("other.jsonl");
    fs::write(&other, serde_json::to_string(&forged).unwrap() + "\n").unwrap();
    let (mut j, _) = Journal::open(&a).unwrap();
    let r = j.merge_from(&other).unwrap();
    assert_eq!((r.added, r.conflicting), (0, 1));
    assert_eq!(j.events(), &mine[..]);
}

#[test]
fn read_only_journal_cannot_merge() {
    let tmp = tempfile::tempdir().unwrap();
    fill(tmp.path(), "x", &[0]);
    let (mut ro, _) = Journal::open_read_only(tmp.path()).unwrap();
    let err = ro
        .merge_from(&tmp.path().join("journal.jsonl"))
        .unwrap_err();
    assert!(matches!(err, JournalError::ReadOnly { .. }), "{err:?}");
}

#[test]
fn cli_sync_merge_reports_what_was_added() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let other_dir = tmp.path().join("other");
    fill(&data, "a", &[0]);
    fill(&other_dir, "b", &[1, 2]);
    let other = other_dir.join("journal.jsonl");

    let run = || {
        Command::cargo_bin("kartei")
            .unwrap()
            .env_remove("KARTEI_DATA_DIR")
            .arg("--data-dir")
            .arg(&data)
            .args(["sync", "merge"])
            .arg(&other)
            .assert()
    };
    run().success().stdout(predicates::str::contains(
        "2 new events added, 0 already present",
    ));
    run().success().stdout(predicates::str::contains(
        "0 new events added, 2 already present",
    ));
    let (j, _) = Journal::open(&data).unwrap();
    assert_eq!(j.events().len(), 3);

    // While another instance holds the journal: a clear error, non-zero exit.
    let out = run().failure();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("another running kartei"), "{stderr}");
    drop(j);

    // A broken other file: file and line named, non-zero exit.
    fs::write(&other, "{\"v\":1,\"id\":\"x\"}\nnot json\n").unwrap();
    let out = run().failure();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("journal.jsonl:1:"), "{stderr}");
}
