//! Kill a writing process at random moments: every answer it reported as
//! saved must survive, and the journal must always load.
//!
//! The child is this test binary itself, running `child_writer` with
//! `KARTEI_JOURNAL_CHILD_DIR` set; without that variable `child_writer`
//! does nothing.

use std::collections::HashSet;
use std::hash::{BuildHasher, RandomState};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use kartei::deck::CardId;
use kartei::progress::{EventBody, Grade, Journal, JournalError, Mode};

const DIR_VAR: &str = "KARTEI_JOURNAL_CHILD_DIR";
const PREFIX: &str = "SAVED ";

#[test]
fn child_writer() {
    let Some(dir) = std::env::var_os(DIR_VAR) else {
        return;
    };
    let dir = Path::new(&dir);
    // The previous child may still be exiting: wait for its lock.
    let mut journal = loop {
        match Journal::open(dir) {
            Ok((j, _)) => break j,
            Err(JournalError::Locked { .. }) => std::thread::sleep(Duration::from_millis(1)),
            Err(e) => panic!("child could not open the journal: {e}"),
        }
    };
    let base = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    let mut out = std::io::stdout().lock();
    let mut i: i64 = journal.events().len() as i64;
    loop {
        let body = EventBody::Review {
            card: CardId(format!("card-{}", i % 97)),
            deck: "crash".into(),
            grade: Grade::ALL[(i % 4) as usize],
            ms: i.unsigned_abs(),
            mode: Mode::Review,
            quiz: None,
        };
        let ev = journal
            .append(base + chrono::Duration::milliseconds(i), body)
            .expect("append");
        // Reported only after append (and its fsync) returned.
        writeln!(out, "{PREFIX}{}", ev.id.0).unwrap();
        out.flush().unwrap();
        i += 1;
    }
}

fn random_below(n: u64) -> u64 {
    RandomState::new().hash_one(std::time::Instant::now()) % n
}

#[test]
fn killed_writer_never_loses_a_reported_event() {
    if std::env::var_os(DIR_VAR).is_some() {
        return; // we are the child
    }
    let exe = std::env::current_exe().unwrap();
    let mut tmp = tempfile::tempdir().unwrap();
    let mut reported: HashSet<String> = HashSet::new();
    let mut repaired = 0;
    let mut total_reported = 0usize;
    for round in 0..200 {
        // A fresh journal now and then keeps reloads cheap.
        if round % 40 == 0 {
            tmp = tempfile::tempdir().unwrap();
            reported.clear();
        }
        let mut child = Command::new(&exe)
            .args(["--exact", "child_writer", "--nocapture", "--test-threads=1"])
            .env(DIR_VAR, tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(random_below(20_000)));
        child.kill().unwrap();
        let mut stdout = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        child.wait().unwrap();
        for id in stdout.lines().filter_map(|l| l.strip_prefix(PREFIX)) {
            reported.insert(id.to_owned());
            total_reported += 1;
        }

        let (journal, report) = Journal::open(tmp.path())
            .unwrap_or_else(|e| panic!("round {round}: journal does not load: {e}"));
        if report.backup.is_some() {
            repaired += 1;
        }
        let present: HashSet<&str> = journal.events().iter().map(|e| e.id.0.as_str()).collect();
        let missing: Vec<&String> = reported
            .iter()
            .filter(|id| !present.contains(id.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "round {round}: {} reported events missing, e.g. {:?}",
            missing.len(),
            missing.first()
        );
    }
    eprintln!("200 kills, {total_reported} events reported, {repaired} torn tails repaired");
    // The children must actually have written something, or nothing was tested.
    assert!(total_reported > 0, "no child ever reported an event");
}
