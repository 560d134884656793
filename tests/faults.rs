//! Faults through the binary and the write paths: a second instance, a
//! stale lock, a journal from a newer kartei, a clock that went backwards, a
//! full disk (simulated with `ulimit -f`, which binds root too), a file or
//! directory in the way. Each gives a clear message, a non-zero exit where
//! it applies, no partial file and no leftover temp file; the journal keeps
//! every earlier event.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use kartei::config::Config;
use kartei::deck::{FixError, fix_file};
use kartei::progress::Journal;

const NOW: &str = "2026-11-27T09:00:00Z";

fn kartei(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.env("KARTEI_DATA_DIR", data)
        .env("KARTEI_NOW", NOW)
        .env("TZ", "UTC")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL");
    cmd
}

/// Runs kartei with files limited to `kib` KiB: a write beyond that fails
/// with EFBIG ("File too large") as a full disk would fail with ENOSPC.
/// SIGXFSZ is ignored so the write returns the error instead of killing.
fn kartei_limited(data: &Path, kib: u32, args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new("bash");
    cmd.arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_kartei"))
        .args(args)
        .env("KARTEI_DATA_DIR", data)
        .env("KARTEI_NOW", NOW)
        .env("TZ", "UTC")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL");
    cmd.output().unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn review(id: &str, ts: &str, card: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","ts":"{ts}","type":"review","card":"{card}","deck":"grundlagen","grade":3,"ms":3000,"mode":"review"}}"#
    )
}

fn write_journal(dir: &Path, lines: &[String]) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let path = dir.join("journal.jsonl");
    let mut text = lines.join("\n");
    text.push('\n');
    fs::write(&path, text).unwrap();
    path
}

/// Names in `dir` that look like temp files of an atomic write.
fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect()
}

// ---- two instances, stale lock, newer journal, clock ----

#[test]
fn a_held_journal_keeps_the_tui_and_merge_out_but_not_stats() {
    let data = tempfile::tempdir().unwrap();
    let path = write_journal(
        data.path(),
        &[review(
            "e1",
            "2026-11-20T10:00:00Z",
            "gl-marketing-definition",
        )],
    );
    let before = fs::read(&path).unwrap();
    let (_held, _) = Journal::open(data.path()).unwrap();

    let out = kartei(data.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("another running kartei"),
        "{}",
        text(&out)
    );

    for cmd in ["stats", "due"] {
        let out = kartei(data.path()).arg(cmd).output().unwrap();
        assert!(out.status.success(), "{cmd}: {}", text(&out));
    }
    let out = kartei(data.path())
        .args(["stats", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["total"]["reviewed_today"], 0, "{v}");

    let other = tempfile::tempdir().unwrap();
    let other_path = write_journal(
        other.path(),
        &[review(
            "o1",
            "2026-11-21T10:00:00Z",
            "gl-marketing-definition",
        )],
    );
    let out = kartei(data.path())
        .args(["sync", "merge", other_path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("another running kartei"),
        "{}",
        text(&out)
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_stale_lock_file_left_by_a_crash_is_no_obstacle() {
    let data = tempfile::tempdir().unwrap();
    let path = write_journal(
        data.path(),
        &[review(
            "e1",
            "2026-11-20T10:00:00Z",
            "gl-marketing-definition",
        )],
    );
    fs::write(data.path().join("journal.lock"), "4242\n").unwrap();
    let other = tempfile::tempdir().unwrap();
    let other_path = write_journal(
        other.path(),
        &[review(
            "o1",
            "2026-11-21T10:00:00Z",
            "gl-marketing-definition",
        )],
    );
    let out = kartei(data.path())
        .args(["sync", "merge", other_path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 2);
}

#[test]
fn a_journal_from_a_newer_kartei_is_refused_and_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let path = write_journal(
        data.path(),
        &[
            review("e1", "2026-11-20T10:00:00Z", "gl-marketing-definition"),
            r#"{"v":99,"id":"e2","ts":"2026-11-21T10:00:00Z","type":"teleport"}"#.to_owned(),
        ],
    );
    let before = fs::read(&path).unwrap();
    let other = tempfile::tempdir().unwrap();
    let other_path = write_journal(other.path(), &[]);
    for args in [
        vec![],
        vec!["stats"],
        vec!["due"],
        vec!["sync", "merge", other_path.to_str().unwrap()],
    ] {
        let out = kartei(data.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        let t = text(&out);
        assert!(
            t.contains("newer kartei") && t.contains("journal.jsonl:2"),
            "{args:?}: {t}"
        );
        assert!(!t.contains("panicked"), "{t}");
        assert_eq!(fs::read(&path).unwrap(), before, "{args:?}");
    }
}

#[test]
fn reviews_in_the_future_are_not_due_and_nothing_panics() {
    // The clock went back a week after these reviews were written.
    let data = tempfile::tempdir().unwrap();
    write_journal(
        data.path(),
        &[
            review("e1", "2026-12-04T10:00:00Z", "gl-marketing-definition"),
            review("e2", "2026-12-04T10:00:01Z", "gl-marketing-definition"),
            review("e3", "2026-11-26T10:00:00Z", "mm-4p"),
            review("e4", "2026-12-05T10:00:00Z", "mm-4p"),
        ],
    );
    for args in [vec!["stats"], vec!["stats", "--json"], vec!["due"]] {
        let out = kartei(data.path()).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    }
    let out = kartei(data.path())
        .args(["due", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let due: Vec<&str> = v["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!due.contains(&"gl-marketing-definition"), "{v}");
    assert!(!due.contains(&"mm-4p"), "{v}");
    let next = v["next_due"].as_str().unwrap();
    assert!(next > "2026-12-04", "{v}");
}

// ---- full disk and things in the way, through the binary ----

fn deck_without_ids(dir: &Path, cards: usize) -> PathBuf {
    let mut src = String::from("[deck]\nid = \"ohne\"\nname = \"Ohne\"\ndescription = \"\"\n");
    for i in 0..cards {
        src.push_str(&format!(
            "\n[[cards]]\nfront = \"Frage Nummer {i}, etwas länger\"\nback = \"Antwort {i}\"\n"
        ));
    }
    let path = dir.join("ohne.toml");
    fs::write(&path, src).unwrap();
    path
}

#[test]
fn check_fix_on_a_full_disk_fails_cleanly() {
    let data = tempfile::tempdir().unwrap();
    let decks = tempfile::tempdir().unwrap();
    let path = deck_without_ids(decks.path(), 60);
    let before = fs::read(&path).unwrap();
    assert!(before.len() > 4 * 1024);
    let out = kartei_limited(data.path(), 4, &["check", "--fix", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains("ohne.toml") && t.contains("File too large"),
        "{t}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(
        temp_files(decks.path()).is_empty(),
        "{:?}",
        temp_files(decks.path())
    );

    // With room it works.
    let out = kartei(data.path())
        .args(["check", "--fix", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert_ne!(fs::read(&path).unwrap(), before);
}

#[test]
fn sync_merge_on_a_full_disk_keeps_the_journal() {
    let data = tempfile::tempdir().unwrap();
    let lines: Vec<String> = (0..30)
        .map(|i| {
            review(
                &format!("e{i:02}"),
                "2026-11-20T10:00:00Z",
                "gl-marketing-definition",
            )
        })
        .collect();
    let path = write_journal(data.path(), &lines);
    let before = fs::read(&path).unwrap();
    let other = tempfile::tempdir().unwrap();
    let theirs: Vec<String> = (0..30)
        .map(|i| review(&format!("o{i:02}"), "2026-11-21T10:00:00Z", "mm-4p"))
        .collect();
    let other_path = write_journal(other.path(), &theirs);
    assert!(before.len() > 4 * 1024);

    let out = kartei_limited(
        data.path(),
        4,
        &["sync", "merge", other_path.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains("journal.jsonl") && t.contains("File too large"),
        "{t}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(
        temp_files(data.path()).is_empty(),
        "{:?}",
        temp_files(data.path())
    );
}

#[test]
fn a_file_where_the_data_directory_should_be_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("data");
    fs::write(&blocker, "not a directory").unwrap();
    let other = write_journal(&dir.path().join("other"), &[]);
    for args in [vec![], vec!["sync", "merge", other.to_str().unwrap()]] {
        let out = kartei(&blocker.join("kartei"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        assert!(
            text(&out).contains("data/kartei"),
            "{args:?}: {}",
            text(&out)
        );
    }
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "not a directory");
}

#[test]
fn check_fix_of_a_missing_file_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join("weg.toml");
    let out = kartei(data.path())
        .args(["check", "--fix", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("weg.toml"), "{}", text(&out));
    assert!(!missing.exists());
}

// ---- write paths in the library: the temp file is blocked ----

/// The name `kartei::atomic` gives its temp file for `path` in this process.
fn atomic_temp(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap().to_string_lossy();
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

#[test]
fn config_save_fails_cleanly_when_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let before = "[quiz]\ncount = 7\n\n# meine Einstellungen\n";
    fs::write(&path, before).unwrap();

    // Something (a directory, which even root cannot open as a file) sits
    // where the temp file goes.
    let blocker = atomic_temp(&path);
    fs::create_dir(&blocker).unwrap();
    let err = Config::default().save_section(&path, "quiz").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("config.toml"), "{msg}");
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    fs::remove_dir(&blocker).unwrap();

    // The parent is a regular file.
    let file_parent = dir.path().join("plain");
    fs::write(&file_parent, "x").unwrap();
    let err = Config::default()
        .save_section(&file_parent.join("config.toml"), "quiz")
        .unwrap_err();
    assert!(err.to_string().contains("plain"), "{err}");

    // The config path is a directory.
    let as_dir = dir.path().join("d.toml");
    fs::create_dir(&as_dir).unwrap();
    let err = Config::default().save_section(&as_dir, "quiz").unwrap_err();
    assert!(err.to_string().contains("d.toml"), "{err}");
    assert!(as_dir.is_dir());

    assert!(
        temp_files(dir.path()).is_empty(),
        "{:?}",
        temp_files(dir.path())
    );
    // And with nothing in the way it saves.
    Config::default().save_section(&path, "quiz").unwrap();
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("meine Einstellungen")
    );
}

#[test]
fn fix_file_fails_cleanly_when_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = deck_without_ids(dir.path(), 3);
    let before = fs::read(&path).unwrap();
    let blocker = atomic_temp(&path);
    fs::create_dir(&blocker).unwrap();
    let err = fix_file(&path).unwrap_err();
    assert!(matches!(err, FixError::Write { .. }), "{err:?}");
    assert!(err.to_string().contains("ohne.toml"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    fs::remove_dir(&blocker).unwrap();
    assert!(temp_files(dir.path()).is_empty());
    assert_eq!(fix_file(&path).unwrap().added.len(), 3);
}

#[test]
fn journal_merge_fails_cleanly_when_it_cannot_write_and_appends_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_journal(
        dir.path(),
        &[review(
            "e1",
            "2026-11-20T10:00:00Z",
            "gl-marketing-definition",
        )],
    );
    let other = tempfile::tempdir().unwrap();
    let other_path = write_journal(
        other.path(),
        &[review("o1", "2026-11-21T10:00:00Z", "mm-4p")],
    );
    let before = fs::read(&path).unwrap();
    let (mut j, _) = Journal::open(dir.path()).unwrap();
    let blocker = atomic_temp(&path);
    fs::create_dir(&blocker).unwrap();
    let err = j.merge_from(&other_path).unwrap_err();
    assert!(err.to_string().contains("journal.jsonl"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(j.events().len(), 1);
    fs::remove_dir(&blocker).unwrap();
    // The journal is still usable and keeps the earlier event.
    j.append(
        chrono::DateTime::parse_from_rfc3339(NOW).unwrap().into(),
        kartei::progress::EventBody::Undo {
            target: kartei::progress::EventId("e1".to_owned()),
        },
    )
    .unwrap();
    drop(j);
    let (j, _) = Journal::open_read_only(dir.path()).unwrap();
    assert_eq!(j.events().len(), 2);
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn an_error_that_cannot_be_printed_is_still_a_plain_failure() {
    // Printing the message fails (stderr is /dev/full; a vanished terminal
    // gives EIO the same way); that must not turn into a panic (exit 101).
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("data");
    fs::write(&blocker, "not a directory").unwrap();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 2>/dev/full")
        .arg(env!("CARGO_BIN_EXE_kartei"))
        .arg("stats")
        .env("KARTEI_DATA_DIR", blocker.join("kartei"))
        .env("KARTEI_NOW", NOW)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}
