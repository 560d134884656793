//! Damaged files, locks, unwritable places and full disks.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use kartei::deck::CardId;
use kartei::progress::{EventBody, Grade, Journal, JournalError, Mode};

fn t(min: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap() + Duration::minutes(min)
}

fn review(card: &str) -> EventBody {
    EventBody::Review {
        card: CardId::from(card),
        deck: "mm".into(),
        grade: Grade::Good,
        ms: 900,
        mode: Mode::Review,
        quiz: None,
    }
}

/// A journal with `n` good events; returns its path.
fn journal_with(dir: &Path, n: usize) -> PathBuf {
    let (mut j, _) = Journal::open(dir).unwrap();
    for i in 0..n {
        j.append(t(i as i64), review(&format!("c{i}"))).unwrap();
    }
    j.path().to_path_buf()
}

fn backups(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".bak-"))
        .collect();
    v.sort();
    v
}

fn append_raw(path: &Path, bytes: &[u8]) {
    fs::OpenOptions::new()
        .append(true)
        .open(path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
}

#[test]
fn torn_last_line_is_backed_up_once_cut_off_and_appends_continue() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_with(dir.path(), 3);
    let good = fs::read(&path).unwrap();
    append_raw(
        &path,
        br#"{"v":1,"id":"x","ts":"2026-11-27T10:00:00Z","type":"rev"#,
    );
    let damaged = fs::read(&path).unwrap();

    let (mut j, report) = Journal::open(dir.path()).unwrap();
    assert_eq!(j.events().len(), 3);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    assert!(
        report.warnings[0].to_string().contains("journal.jsonl:4"),
        "{:?}",
        report.warnings
    );
    assert_eq!(report.torn_bytes, (damaged.len() - good.len()) as u64);
    assert_eq!(
        fs::read(&path).unwrap(),
        good,
        "file ends at the last good line"
    );
    let baks = backups(dir.path());
    assert_eq!(baks.len(), 1);
    assert_eq!(report.backup.as_ref(), Some(&baks[0]));
    assert_eq!(fs::read(&baks[0]).unwrap(), damaged);

    j.append(t(10), review("after")).unwrap();
    drop(j);
    let (j, report) = Journal::open(dir.path()).unwrap();
    assert!(report.warnings.is_empty());
    assert_eq!(j.events().len(), 4);
    assert_eq!(backups(dir.path()).len(), 1, "a clean open makes no backup");
    drop(j);

    // A second tear later gets its own backup; the first is never overwritten.
    append_raw(&path, b"{\"v\":1,");
    let (_j, report) = Journal::open(dir.path()).unwrap();
    let baks = backups(dir.path());
    assert_eq!(baks.len(), 2);
    assert_eq!(fs::read(&baks[0]).unwrap(), damaged);
    assert!(report.backup.is_some_and(|b| b != baks[0]));
}

#[test]
fn other_torn_tails_are_repaired_too() {
    let tails: [&[u8]; 3] = [
        // Zeros a file system can leave after a crash.
        &[0u8; 37],
        // Cut-off JSON with a line end and blank lines after it.
        b"{\"v\":1,\"id\":\n\n",
        // Only whitespace without a line end is harmless and kept.
        b"   ",
    ];
    for (i, tail) in tails.iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let path = journal_with(dir.path(), 2);
        let good = fs::read(&path).unwrap();
        append_raw(&path, tail);
        let (j, report) = Journal::open(dir.path()).unwrap();
        assert_eq!(j.events().len(), 2, "case {i}");
        if i == 2 {
            assert!(report.warnings.is_empty(), "case {i}");
            assert!(backups(dir.path()).is_empty());
        } else {
            assert_eq!(report.warnings.len(), 1, "case {i}");
            assert_eq!(fs::read(&path).unwrap(), good, "case {i}");
            assert_eq!(backups(dir.path()).len(), 1, "case {i}");
        }
    }
}

#[test]
fn a_complete_last_event_without_line_end_is_kept_and_the_line_end_added() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_with(dir.path(), 2);
    let last = br#"{"v":1,"id":"x","ts":"2026-11-27T10:00:00Z","type":"undo","target":"y"}"#;
    append_raw(&path, last);
    let mut expected = fs::read(&path).unwrap();
    let (j, report) = Journal::open_read_only(dir.path()).unwrap();
    assert_eq!(j.events().len(), 3);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        fs::read(&path).unwrap(),
        expected,
        "read-only changes nothing"
    );
    let (mut j, report) = Journal::open(dir.path()).unwrap();
    assert_eq!(j.events().len(), 3);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(backups(dir.path()).is_empty());
    expected.push(b'\n');
    assert_eq!(fs::read(&path).unwrap(), expected);
    j.append(t(20), review("after")).unwrap();
    drop(j);
    let (j, _) = Journal::open(dir.path()).unwrap();
    assert_eq!(j.events().len(), 4);
}

#[test]
fn read_only_open_ignores_a_torn_tail_without_touching_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_with(dir.path(), 2);
    append_raw(&path, b"{\"v\":1,\"id");
    let before = fs::read(&path).unwrap();
    let (j, report) = Journal::open_read_only(dir.path()).unwrap();
    assert_eq!(j.events().len(), 2);
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(backups(dir.path()).is_empty());
}

/// Writes `lines` + a good journal around them and checks that opening
/// fails naming line `bad_line`, leaving every byte as it was.
fn assert_rejected(insert: &str, at_end: bool, check: impl Fn(&JournalError)) {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_with(dir.path(), 3);
    let good = fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    if at_end {
        lines.push(insert);
    } else {
        lines.insert(1, insert);
    }
    let content = lines.join("\n") + "\n";
    fs::write(&path, &content).unwrap();
    for read_only in [false, true] {
        let err = if read_only {
            Journal::open_read_only(dir.path()).unwrap_err()
        } else {
            Journal::open(dir.path()).unwrap_err()
        };
        check(&err);
        let msg = err.to_string();
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert_eq!(fs::read_to_string(&path).unwrap(), content);
        assert!(backups(dir.path()).is_empty());
    }
}

#[test]
fn garbage_in_the_middle_is_an_error_with_file_and_line() {
    assert_rejected("garbage, not json", false, |e| {
        assert!(
            matches!(
                e,
                JournalError::Corrupt {
                    line: 2,
                    column: 1,
                    ..
                }
            ),
            "{e:?}"
        );
        assert!(e.to_string().contains("journal.jsonl:2:1"), "{e}");
        assert!(e.to_string().contains("not a valid JSON event"), "{e}");
    });
    // A cut-off line in the middle is damage too, not a crash tail.
    assert_rejected(r#"{"v":1,"id":"x","ts":"2026-"#, false, |e| {
        assert!(matches!(e, JournalError::Corrupt { line: 2, .. }), "{e:?}");
    });
}

#[test]
fn a_valid_but_wrong_last_line_is_not_mistaken_for_a_torn_tail() {
    assert_rejected(
        r#"{"v":1,"id":"x","ts":"2026-11-27T10:00:00Z","type":"review","card":"a"}"#,
        true,
        |e| {
            assert!(matches!(e, JournalError::Corrupt { line: 4, .. }), "{e:?}");
            assert!(e.to_string().contains("without the field"), "{e}");
        },
    );
}

#[test]
fn unknown_event_type_is_an_error() {
    assert_rejected(
        r#"{"v":1,"id":"x","ts":"2026-11-27T10:00:00Z","type":"teleport"}"#,
        false,
        |e| {
            assert!(matches!(e, JournalError::Corrupt { line: 2, .. }), "{e:?}");
            assert!(e.to_string().contains("teleport"), "{e}");
        },
    );
}

#[test]
fn newer_format_asks_for_an_update() {
    for at_end in [false, true] {
        assert_rejected(
            r#"{"v":2,"id":"x","ts":"2026-11-27T10:00:00Z","type":"review","card":{"n":1}}"#,
            at_end,
            |e| {
                assert!(
                    matches!(e, JournalError::NewerVersion { version: 2, .. }),
                    "{e:?}"
                );
                assert!(e.to_string().contains("newer kartei"), "{e}");
                assert!(e.to_string().contains("update"), "{e}");
            },
        );
    }
}

#[test]
fn second_instance_is_locked_out_until_the_first_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let (first, _) = Journal::open(dir.path()).unwrap();
    let err = Journal::open(dir.path()).unwrap_err();
    assert!(matches!(err, JournalError::Locked { .. }), "{err:?}");
    assert!(err.to_string().contains("another running kartei"), "{err}");
    drop(first);
    let (_second, _) = Journal::open(dir.path()).unwrap();
}

#[test]
fn a_left_over_lock_file_is_no_obstacle() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("journal.lock"), "12345\n").unwrap();
    let (mut j, _) = Journal::open(dir.path()).unwrap();
    j.append(t(0), review("a")).unwrap();
}

fn running_as_root() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("ro");
    fs::create_dir(&probe).unwrap();
    set_mode(&probe, 0o500);
    let can_write = fs::write(probe.join("x"), b"x").is_ok();
    set_mode(&probe, 0o700);
    can_write
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(p: &Path, mode: u32) {
    let mut perm = fs::metadata(p).unwrap().permissions();
    perm.set_readonly(mode & 0o200 == 0);
    fs::set_permissions(p, perm).unwrap();
}

#[test]
fn unwritable_data_directory_gives_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the data directory should be (works even as root).
    let blocker = dir.path().join("data");
    fs::write(&blocker, b"not a directory").unwrap();
    let err = Journal::open(&blocker.join("kartei")).unwrap_err();
    assert!(matches!(err, JournalError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("data"), "{err}");
    let err = Journal::open(&blocker).unwrap_err();
    assert!(matches!(err, JournalError::Io { .. }), "{err:?}");

    // The journal path is a directory.
    let d2 = dir.path().join("d2");
    fs::create_dir_all(d2.join("journal.jsonl")).unwrap();
    let err = Journal::open(&d2).unwrap_err();
    assert!(err.to_string().contains("journal.jsonl"), "{err}");

    if !running_as_root() {
        let ro = dir.path().join("ro");
        let path = journal_with(&ro, 2);
        fs::remove_file(ro.join("journal.lock")).unwrap();
        set_mode(&ro, 0o500);
        let err = Journal::open(&ro).unwrap_err();
        // Reading still works for stats.
        let loaded = Journal::open_read_only(&ro).map(|(j, _)| j.events().len());
        set_mode(&ro, 0o700);
        assert!(matches!(err, JournalError::Io { .. }), "{err:?}");
        assert!(err.to_string().contains("journal.lock"), "{err}");
        assert_eq!(loaded.unwrap(), 2);
        assert!(path.exists());
    }
}

#[test]
fn full_disk_on_append_leaves_no_torn_line_and_the_journal_usable() {
    let dir = tempfile::tempdir().unwrap();
    let path = journal_with(dir.path(), 2);
    let good = fs::read(&path).unwrap();
    let (mut j, _) = Journal::open(dir.path()).unwrap();

    // Half the line gets out, then the disk is full.
    let err = j
        .append_with_writer(t(5), review("x"), |f, bytes| {
            f.write_all(&bytes[..bytes.len() / 2])?;
            Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ))
        })
        .unwrap_err();
    match &err {
        JournalError::Append {
            source,
            rolled_back,
            ..
        } => {
            assert_eq!(source.kind(), io::ErrorKind::StorageFull);
            assert!(rolled_back);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("unchanged"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), good);
    assert_eq!(j.events().len(), 2);

    // Nothing written at all: an I/O error.
    let err = j
        .append_with_writer(t(6), review("y"), |_, _| Err(io::Error::other("EIO")))
        .unwrap_err();
    assert!(matches!(err, JournalError::Append { .. }));
    assert_eq!(fs::read(&path).unwrap(), good);

    // Space again: appending works and the file loads cleanly.
    j.append(t(7), review("z")).unwrap();
    drop(j);
    let (j, report) = Journal::open(dir.path()).unwrap();
    assert!(report.warnings.is_empty());
    assert_eq!(j.events().len(), 3);
    assert!(backups(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn journal_on_dev_full_fails_cleanly() {
    let dev_full = Path::new("/dev/full");
    if !dev_full.exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(dev_full, dir.path().join("journal.jsonl")).unwrap();
    let (mut j, report) = Journal::open(dir.path()).unwrap();
    assert!(j.events().is_empty());
    assert!(report.warnings.is_empty());
    for i in 0..3 {
        let err = j.append(t(i), review("a")).unwrap_err();
        match &err {
            JournalError::Append { source, .. } => {
                assert_eq!(source.kind(), io::ErrorKind::StorageFull, "{source}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(j.events().is_empty());
}

/// The German report of a damaged line says why in German: kartei's own
/// reasons and the JSON parser's, not English fragments.
#[test]
fn a_damaged_line_is_explained_in_german() {
    use kartei::i18n::{Lang, Localize as _};
    let lines = [
        (
            "garbage, not json",
            "kein g\u{fc}ltiges JSON-Ereignis (ein Wert wird erwartet)",
        ),
        (
            r#"{"v":1,"id":"x","ts":"2026-"#,
            "die Zeile endet mitten in einem Text",
        ),
        (
            r#"{"v":1,"id":"x","ts":"2026-11-27T09:00:00Z"} x"#,
            "\u{fc}berz\u{e4}hlige Zeichen",
        ),
        (
            r#"{"id":"x","ts":"2026-11-27T09:00:00Z","type":"undo","target":"y"}"#,
            "Formatversion",
        ),
        (
            r#"{"v":0,"id":"x","ts":"2026-11-27T09:00:00Z","type":"undo","target":"y"}"#,
            "mindestens 1",
        ),
        (
            r#"{"v":1,"id":"","ts":"2026-11-27T09:00:00Z","type":"undo","target":"y"}"#,
            "leerer `id`",
        ),
        (
            r#"{"v":1,"ts":"2026-11-27T09:00:00Z","type":"undo","target":"y"}"#,
            "ohne das Feld `id`",
        ),
        (
            r#"{"v":1,"id":"x","ts":"gestern","type":"undo","target":"y"}"#,
            "keine RFC-3339-Zeit wie",
        ),
        (
            r#"{"v":1,"id":"x","ts":"2026-11-27T09:00:00Z","type":"undo"}"#,
            "`undo`-Ereignis ohne das Feld `target`",
        ),
        (
            r#"{"v":1,"id":"x","ts":"2026-11-27T09:00:00Z","type":"tanz"}"#,
            "unbekannter Ereignistyp",
        ),
        (
            r#"{"v":1,"id":"x","ts":"2026-11-27T09:00:00Z","type":"review","card":"a","deck":"d","grade":9,"ms":1,"mode":"review"}"#,
            "die Bewertung muss 1 bis 4 sein",
        ),
        (
            r#"{"v":1,"id":"x","ts":"2026-11-27T09:00:00Z","type":"exam_add","name":"P","date":"bald"}"#,
            "ist kein Datum wie 2026-12-16",
        ),
        (
            r#"{"v":1,"id":3,"ts":"2026-11-27T09:00:00Z","type":"undo","target":"y"}"#,
            "falscher Typ",
        ),
    ];
    for (line, german) in lines {
        assert_rejected(line, false, |e| {
            let de = e.localized(Lang::De);
            assert!(de.contains(german), "{line}\n{de}");
            for english in [
                " event",
                " field",
                "expected",
                "while parsing",
                " must ",
                " is not ",
            ] {
                assert!(!de.contains(english), "{english:?} in {de}");
            }
        });
    }
}
