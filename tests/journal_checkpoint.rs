//! The journal checkpoint changes nothing but speed: a collection opened
//! from a checkpoint (plus the events after it) derives exactly what a full
//! replay derives, and a deleted, truncated, garbage or mismatched
//! checkpoint (journal edited, replaced or cut, other scheduler settings,
//! another journal's checkpoint) is ignored and rebuilt.

use std::collections::BTreeMap;
use std::path::PathBuf;

use assert_cmd::Command;
use chrono::{DateTime, Duration, FixedOffset, Utc};
use kartei::collection::{Collection, OpenOptions, Scope};
use kartei::deck::CardId;
use kartei::progress::{EventBody, EventId, Grade, MarkAction, Mode};

/// One test at a time: a child process spawned by one test inherits (until
/// its exec) the journal lock of a collection another test has open.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn deck() -> String {
    let mut s = String::from("[deck]\nid = \"t\"\nname = \"Test\"\ndescription = \"\"\n");
    for i in 0..12 {
        s.push_str(&format!(
            "\n[[cards]]\nid = \"t-{i}\"\nfront = \"Frage {i}\"\nback = \"Antwort {i}\"\nreverse = {}\n",
            i % 3 == 0
        ));
    }
    s
}

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-02T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

struct Setup {
    _tmp: tempfile::TempDir,
    options: OpenOptions,
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        std::fs::create_dir_all(data.join("decks")).unwrap();
        std::fs::write(data.join("decks/t.toml"), deck()).unwrap();
        let options = OpenOptions {
            data_dir: data.clone(),
            config_path: data.join("config.toml"),
            bundled: false,
            user_decks: Some(data.join("decks")),
            extra_decks: Vec::new(),
            offset: FixedOffset::east_opt(3600).unwrap(),
            read_only: false,
            cache_dir: Some(tmp.path().join("cache")),
        };
        Setup { _tmp: tmp, options }
    }

    fn cache(&self) -> PathBuf {
        self.options.cache_dir.clone().unwrap()
    }

    fn journal(&self) -> PathBuf {
        self.options.data_dir.join("journal.jsonl")
    }

    fn checkpoints(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(self.cache())
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        v.retain(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("journal-"))
        });
        v
    }

    fn open(&self, cached: bool) -> Collection {
        let mut o = self.options.clone();
        if !cached {
            o.cache_dir = None;
        }
        Collection::open(o).unwrap()
    }
}

/// Everything derived from the journal, in a comparable form.
fn snapshot(c: &Collection, now: DateTime<Utc>) -> String {
    let states: BTreeMap<&CardId, _> = c.states().iter().collect();
    let reviews: BTreeMap<&CardId, _> =
        c.states().keys().map(|id| (id, c.reviews_of(id))).collect();
    let records: Vec<_> = c
        .review_records()
        .iter()
        .map(|r| (r.card.clone(), r.ts, r.grade))
        .collect();
    // The overview's shortcut agrees with the list of every review.
    let clock = c.clock(now);
    let all = c.review_records();
    let today = all
        .iter()
        .filter(|r| clock.day_of(r.ts) == clock.today())
        .count();
    assert_eq!(
        c.today_and_streak(now),
        (today, kartei::stats::streak(&all, &clock))
    );
    let marks: Vec<_> = c
        .cards()
        .map(|card| (card.id.clone(), c.marks(&card.id)))
        .filter(|(_, m)| !m.is_empty())
        .collect();
    format!(
        "{states:?}\n{reviews:?}\n{records:?}\n{:?}\n{:?}\n{marks:?}\n{:?}\n{:?}",
        kartei::study::today::deck_counts(c, &Scope::All, now),
        c.done_today(now),
        c.exams(),
        c.queue(&Scope::All, now).counts(),
    )
}

/// Checks that the cached open (which must have used a checkpoint when
/// `expect_resumed`) and a full replay agree; returns the snapshot.
fn assert_same(s: &Setup, now: DateTime<Utc>, expect_resumed: bool) -> String {
    let cached = s.open(true);
    assert_eq!(
        cached.journal().unparsed() > 0,
        expect_resumed,
        "resumed from a checkpoint?"
    );
    let a = snapshot(&cached, now);
    let cached_records = cached.review_records().len();
    drop(cached);
    let full = s.open(false);
    assert_eq!(full.journal().unparsed(), 0);
    let b = snapshot(&full, now);
    assert!(
        a == b,
        "cached and full replay differ ({} vs {} records)",
        cached_records,
        full.review_records().len()
    );
    a
}

/// Answers `n` cards at `now` (cycling through grades); returns the events.
fn answer(c: &mut Collection, n: usize, now: DateTime<Utc>, seed: usize) -> Vec<EventId> {
    let ids: Vec<CardId> = c.cards().map(|x| x.id.clone()).collect();
    (0..n)
        .map(|i| {
            let card = &ids[(i * 5 + seed) % ids.len()];
            let grade = Grade::ALL[(i + seed) % 4];
            let at = now + Duration::seconds(i as i64 * 37);
            c.record_answer(card, grade, 1200, Mode::Review, None, at)
                .unwrap()
                .0
                .id
        })
        .collect()
}

#[test]
fn resumed_opens_derive_what_full_replays_derive() {
    let _serial = serial();
    let s = Setup::new();
    {
        let mut c = s.open(true);
        answer(&mut c, 20, t0(), 0);
    }
    assert!(s.checkpoints().is_empty(), "an empty journal needs none");
    // Second open: full replay, then a checkpoint is written.
    assert_same(&s, t0() + Duration::days(1), false);
    assert_eq!(s.checkpoints().len(), 1);
    let mut prefix_events;
    {
        let mut c = s.open(true);
        assert!(c.journal().unparsed() > 0);
        prefix_events = answer(&mut c, 15, t0() + Duration::days(1), 1);
        // An answer dated before earlier ones (a clock set back).
        answer(&mut c, 3, t0() - Duration::hours(5), 2);
        // Undo one of this session's answers, twice the same one.
        let last = prefix_events.pop().unwrap();
        c.undo(&last, t0() + Duration::days(1)).unwrap();
        c.undo(&last, t0() + Duration::days(1)).unwrap();
    }
    assert_same(&s, t0() + Duration::days(2), true);
    {
        // Undo an answer from before the checkpoint.
        let mut c = s.open(true);
        assert!(c.journal().unparsed() > 0);
        let early = c.journal().events()[2].id.clone();
        c.undo(&early, t0() + Duration::days(2)).unwrap();
        answer(&mut c, 4, t0() + Duration::days(2), 3);
    }
    // The undo refers to an event before the checkpoint: replayed in full.
    assert_same(&s, t0() + Duration::days(3), true);
    // Undo inside a resumed session, of this session's answer.
    {
        let mut c = s.open(true);
        let ids = answer(&mut c, 5, t0() + Duration::days(3), 4);
        let before = snapshot(&c, t0() + Duration::days(3));
        c.undo(&ids[4], t0() + Duration::days(3)).unwrap();
        let after = snapshot(&c, t0() + Duration::days(3));
        assert_ne!(before, after);
        drop(c);
        let full = s.open(false);
        assert_eq!(snapshot(&full, t0() + Duration::days(3)), after);
    }
}

fn exam(c: &mut Collection, name: &str, date: &str, at: DateTime<Utc>) {
    c.append(
        at,
        EventBody::ExamAdd {
            name: name.to_owned(),
            date: date.parse().unwrap(),
            decks: vec!["t".to_owned()],
            tags: Vec::new(),
        },
    )
    .unwrap();
}

#[test]
fn marks_and_exams_come_out_the_same_from_a_checkpoint() {
    let _serial = serial();
    let s = Setup::new();
    let card = |i: usize| CardId(format!("t-{i}"));
    let suspended;
    {
        let mut c = s.open(true);
        answer(&mut c, 20, t0(), 0);
        let at = t0() + Duration::hours(2);
        suspended = c
            .record_mark(&card(1), MarkAction::Suspend, None, at)
            .unwrap()
            .id;
        c.record_mark(&card(2), MarkAction::Flag, None, at).unwrap();
        c.record_mark(&card(4), MarkAction::Reset, None, at)
            .unwrap();
        let until = t0() + Duration::days(9);
        c.record_mark(&card(5), MarkAction::Bury, Some(until), at)
            .unwrap();
        exam(&mut c, "Klausur", "2026-12-10", at);
        exam(&mut c, "Test", "2026-11-20", at);
    }
    // Full replay; the checkpoint written now carries the marks and exams.
    let first = assert_same(&s, t0() + Duration::days(1), false);
    assert_eq!(s.checkpoints().len(), 1);
    {
        let c = s.open(true);
        assert!(c.journal().unparsed() > 0);
        assert!(c.marks(&card(1)).suspended);
        assert!(c.marks(&card(2)).flagged);
        assert!(c.marks(&card(4)).reset_at.is_some());
        assert_eq!(c.exams().len(), 2);
        assert_eq!(snapshot(&c, t0() + Duration::days(1)), first);
    }
    {
        // After the checkpoint: an undo of its suspend, new marks, an exam
        // replaced and one removed (one dated before the checkpoint's
        // events: a clock set back), and answers.
        let mut c = s.open(true);
        assert!(c.journal().unparsed() > 0);
        let at = t0() + Duration::days(1);
        c.undo(&suspended, at).unwrap();
        c.record_mark(&card(3), MarkAction::Suspend, None, at)
            .unwrap();
        c.record_mark(&card(2), MarkAction::Unflag, None, at)
            .unwrap();
        c.record_mark(&card(6), MarkAction::Flag, None, at).unwrap();
        c.record_mark(&card(0), MarkAction::Reset, None, at)
            .unwrap();
        exam(&mut c, "Klausur", "2026-12-12", at);
        exam(&mut c, "Früher", "2026-12-01", t0() - Duration::days(3));
        c.append(
            at,
            EventBody::ExamRemove {
                name: "Test".to_owned(),
            },
        )
        .unwrap();
        answer(&mut c, 6, at + Duration::hours(1), 5);
    }
    let later = assert_same(&s, t0() + Duration::days(2), true);
    assert_ne!(later, first);
    {
        let c = s.open(true);
        assert!(!c.marks(&card(1)).suspended);
        assert!(c.marks(&card(3)).suspended);
        assert!(!c.marks(&card(2)).flagged);
        assert!(c.marks(&card(6)).flagged);
        let exams: Vec<_> = c.exams().into_iter().map(|e| (e.name, e.date)).collect();
        assert_eq!(
            exams,
            vec![
                ("Früher".to_owned(), "2026-12-01".parse().unwrap()),
                ("Klausur".to_owned(), "2026-12-12".parse().unwrap()),
            ]
        );
    }
    // Without any cache at all: the same.
    std::fs::remove_dir_all(s.cache()).unwrap();
    let full = s.open(false);
    assert_eq!(snapshot(&full, t0() + Duration::days(2)), later);
}

#[test]
fn a_bad_or_mismatched_checkpoint_changes_nothing_but_speed() {
    let _serial = serial();
    let s = Setup::new();
    {
        let mut c = s.open(true);
        answer(&mut c, 30, t0(), 0);
    }
    let reference = assert_same(&s, t0() + Duration::days(1), false);
    let file = s.checkpoints().pop().unwrap();
    let good = std::fs::read(&file).unwrap();
    let damages: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("half", good[..good.len() / 2].to_vec()),
        ("one byte short", good[..good.len() - 1].to_vec()),
        (
            "garbage",
            (0..good.len()).map(|i| (i * 13 + 5) as u8).collect(),
        ),
        ("flipped payload byte", {
            let mut v = good.clone();
            let i = v.len() - 9;
            v[i] ^= 0x10;
            v
        }),
    ];
    for (what, bytes) in damages {
        std::fs::write(&file, bytes).unwrap();
        assert_eq!(
            assert_same(&s, t0() + Duration::days(1), false),
            reference,
            "{what}"
        );
        // Rebuilt: the next open resumes again.
        assert_same(&s, t0() + Duration::days(1), true);
    }
    std::fs::remove_dir_all(s.cache()).unwrap();
    assert_eq!(assert_same(&s, t0() + Duration::days(1), false), reference);

    // The journal edited inside the covered part (same length): a grade
    // changed. The checkpoint no longer matches and the edit is seen.
    let text = std::fs::read_to_string(s.journal()).unwrap();
    let pos = text.find("\"grade\":1").unwrap();
    let mut edited = text.clone();
    edited.replace_range(pos..pos + 9, "\"grade\":4");
    std::fs::write(s.journal(), &edited).unwrap();
    let after_edit = assert_same(&s, t0() + Duration::days(1), false);
    assert_ne!(after_edit, reference);

    // The journal cut shorter than the checkpoint's offset.
    assert_same(&s, t0() + Duration::days(1), true);
    let lines: Vec<&str> = edited.lines().collect();
    let shorter = lines[..10].join("\n") + "\n";
    std::fs::write(s.journal(), &shorter).unwrap();
    assert_same(&s, t0() + Duration::days(1), false);

    // Another journal's (valid) checkpoint in this one's place.
    let other = Setup::new();
    {
        let mut c = other.open(true);
        answer(&mut c, 12, t0(), 3);
    }
    assert_same(&other, t0(), false);
    let theirs = other.checkpoints().pop().unwrap();
    let ours = s.checkpoints().pop().unwrap();
    std::fs::copy(&theirs, &ours).unwrap();
    assert_same(&s, t0() + Duration::days(1), false);

    // Other scheduler settings: the states differ, the checkpoint is not used.
    assert_same(&s, t0() + Duration::days(1), true);
    let before = snapshot(&s.open(false), t0() + Duration::days(1));
    std::fs::write(
        &s.options.config_path,
        "[scheduler]\ndesired_retention = 0.8\n",
    )
    .unwrap();
    let changed = assert_same(&s, t0() + Duration::days(1), false);
    assert_ne!(changed, before);
}

#[test]
fn an_undo_of_an_unknown_event_is_replayed_in_full_every_time() {
    let _serial = serial();
    let s = Setup::new();
    {
        let mut c = s.open(true);
        answer(&mut c, 6, t0(), 0);
        c.undo(&EventId("no-such-event".into()), t0()).unwrap();
    }
    // Hand-written: an undo whose review is in no event (it might arrive
    // with a later merge).
    let mut text = std::fs::read_to_string(s.journal()).unwrap();
    text.push_str(
        r#"{"v":1,"id":"zz-undo","ts":"2026-11-02T10:00:00Z","type":"undo","target":"arrives-later"}"#,
    );
    text.push('\n');
    std::fs::write(s.journal(), text).unwrap();
    assert_same(&s, t0(), false);
    assert!(s.checkpoints().is_empty());
    assert_same(&s, t0(), false);
}

#[test]
fn a_last_line_without_its_line_end_is_repaired_before_the_next_answer() {
    let _serial = serial();
    let s = Setup::new();
    {
        let mut c = s.open(true);
        answer(&mut c, 6, t0(), 0);
    }
    // The last event lost its line end (another program rewrote the file).
    let text = std::fs::read_to_string(s.journal()).unwrap();
    std::fs::write(s.journal(), text.trim_end()).unwrap();
    // A read-only open leaves the file alone (and may write a checkpoint).
    let mut o = s.options.clone();
    o.read_only = true;
    let reader = Collection::open(o).unwrap();
    let seen = reader.review_records().len();
    drop(reader);
    assert_eq!(
        std::fs::read_to_string(s.journal()).unwrap(),
        text.trim_end()
    );
    // The next writer adds the line end before its answer.
    {
        let mut c = s.open(true);
        assert_eq!(c.review_records().len(), seen);
        answer(&mut c, 2, t0() + Duration::hours(1), 1);
    }
    let after = std::fs::read_to_string(s.journal()).unwrap();
    assert!(after.starts_with(&text), "the line end was added");
    assert_eq!(after.lines().count(), text.lines().count() + 2);
    assert_eq!(s.open(false).review_records().len(), seen + 2);
    assert_same(&s, t0() + Duration::days(1), true);
}

/// Through the binary: `stats` and `due` print the same with a fresh, a
/// reused, a damaged and no checkpoint.
#[test]
fn the_binary_prints_the_same_with_and_without_a_checkpoint() {
    let _serial = serial();
    let s = Setup::new();
    {
        let mut c = s.open(false);
        answer(&mut c, 40, t0(), 0);
        answer(&mut c, 40, t0() + Duration::days(3), 1);
    }
    let run = |cache: bool| -> Vec<(i32, String, String)> {
        [&["stats", "--json"][..], &["due", "--json"], &["list"]]
            .iter()
            .map(|args| {
                let mut cmd = Command::cargo_bin("kartei").unwrap();
                cmd.env("KARTEI_DATA_DIR", &s.options.data_dir)
                    .env("KARTEI_CACHE_DIR", s.cache())
                    .env("KARTEI_NOW", "2026-11-06T12:00:00Z")
                    .env("TZ", "UTC")
                    .env_remove("LANG")
                    .env_remove("LC_ALL")
                    .arg("--no-bundled");
                if !cache {
                    cmd.arg("--no-cache");
                }
                let out = cmd.args(*args).output().unwrap();
                (
                    out.status.code().unwrap_or(-1),
                    String::from_utf8_lossy(&out.stdout).into_owned(),
                    String::from_utf8_lossy(&out.stderr).into_owned(),
                )
            })
            .collect()
    };
    let reference = run(false);
    assert!(reference[0].1.contains("reviews"), "{reference:?}");
    assert_eq!(run(true), reference, "writing the checkpoint");
    assert_eq!(s.checkpoints().len(), 1);
    assert_eq!(run(true), reference, "reading the checkpoint");
    for f in s.checkpoints() {
        let len = std::fs::metadata(&f).unwrap().len();
        std::fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_len(len / 3)
            .unwrap();
    }
    assert_eq!(run(true), reference, "truncated checkpoint");
    for f in s.checkpoints() {
        std::fs::write(&f, b"garbage").unwrap();
    }
    assert_eq!(run(true), reference, "garbage checkpoint");
}
