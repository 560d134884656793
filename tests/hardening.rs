//! Data integrity and special files through the binary: symlinks and
//! permissions survive atomic writes, a complete last event without line
//! end is kept, stale temporary files are removed, special and huge deck
//! files are refused, deck problems are reported by every command.

use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;

fn kartei(data: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", data)
        .env("KARTEI_NOW", "2026-11-27T09:00:00Z")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .timeout(Duration::from_secs(60))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn review_line(id: &str, card: &str, ts: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","ts":"{ts}","type":"review","card":"{card}","deck":"d","grade":3,"ms":1000,"mode":"review"}}"#
    )
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn sync_merge_writes_through_a_symlinked_journal_and_keeps_its_mode() {
    let data = tempfile::tempdir().unwrap();
    let sync = tempfile::tempdir().unwrap();
    let real = sync.path().join("journal.jsonl");
    let ours = format!("{}\n", review_line("a1", "c1", "2026-11-26T08:00:00Z"));
    std::fs::write(&real, &ours).unwrap();
    set_mode(&real, 0o600);
    let link = data.path().join("journal.jsonl");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let other = data.path().join("other.jsonl");
    let theirs = format!("{}\n", review_line("b1", "c2", "2026-11-26T09:00:00Z"));
    std::fs::write(&other, &theirs).unwrap();

    let out = kartei(data.path(), &["sync", "merge", other.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the symlink was replaced by a file"
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), ours + &theirs);
    assert_eq!(mode(&real), 0o600);
    // No temporary file is left in either folder.
    assert_eq!(std::fs::read_dir(sync.path()).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn check_fix_writes_through_a_symlinked_deck_and_keeps_its_mode() {
    let data = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("d.toml");
    std::fs::write(
        &real,
        "[deck]\nname = \"D\"\ndescription = \"\"\n\n[[cards]]\nfront = \"Was ist ein Test?\"\nback = \"b\"\n",
    )
    .unwrap();
    set_mode(&real, 0o600);
    let link = data.path().join("d.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", "--fix", link.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("id = \"d-was-ist-ein-test\"")
    );
    assert_eq!(mode(&real), 0o600);
}

#[cfg(unix)]
#[test]
fn check_fix_keeps_the_mode_of_a_plain_deck_file() {
    let data = tempfile::tempdir().unwrap();
    let deck = data.path().join("d.toml");
    std::fs::write(
        &deck,
        "[deck]\nname = \"D\"\ndescription = \"\"\n\n[[cards]]\nfront = \"Frage\"\nback = \"b\"\n",
    )
    .unwrap();
    set_mode(&deck, 0o600);
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", "--fix", deck.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(&deck).unwrap().contains("id = "));
    assert_eq!(mode(&deck), 0o600);
}

#[test]
fn a_complete_last_event_without_line_end_is_kept() {
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("journal.jsonl");
    let content = format!(
        "{}\n{}",
        review_line("a1", "c1", "2026-11-26T08:00:00Z"),
        review_line("a2", "c2", "2026-11-26T08:01:00Z")
    );
    std::fs::write(&journal, &content).unwrap();
    // Read-only commands see both events and change nothing.
    let out = kartei(data.path(), &["--no-bundled", "check"]);
    assert!(
        text(&out.stdout).contains("2 cards with progress in no deck"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), content);
    // A writer keeps the event and adds the line end; no backup is made.
    let other = data.path().join("other.jsonl");
    std::fs::write(&other, "").unwrap();
    let out = kartei(data.path(), &["sync", "merge", other.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("cut off"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), content + "\n");
    let names: Vec<String> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains(".bak")), "{names:?}");
}

#[cfg(unix)]
#[test]
fn stale_merge_temp_files_are_removed_at_start() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("journal.jsonl"),
        format!("{}\n", review_line("a1", "c1", "2026-11-26T08:00:00Z")),
    )
    .unwrap();
    // A merge killed with SIGKILL left its temporary file; no process has
    // the largest pid Linux can hand out.
    let stale = data.path().join(".journal.jsonl.tmp-4194304");
    std::fs::write(&stale, vec![b'x'; 1 << 20]).unwrap();
    // One of a process that still runs (this test) is not touched.
    let live = data
        .path()
        .join(format!(".journal.jsonl.tmp-{}", std::process::id()));
    std::fs::write(&live, "x").unwrap();
    let other = data.path().join("other.jsonl");
    std::fs::write(&other, "").unwrap();
    let out = kartei(data.path(), &["sync", "merge", other.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!stale.exists(), "the stale temporary file is still there");
    assert!(live.exists());
}

#[test]
fn check_refuses_a_device_quickly() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = kartei(data.path(), &["--no-bundled", "check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("/dev/zero: not a regular file (a character device)"),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[cfg(unix)]
#[test]
fn check_refuses_a_fifo_without_hanging() {
    let data = tempfile::tempdir().unwrap();
    let fifo = data.path().join("fifo.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", fifo.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("not a regular file (a named pipe)"),
        "{stderr}"
    );
}

#[test]
fn check_refuses_a_deck_over_the_size_limit_before_reading_it() {
    let data = tempfile::tempdir().unwrap();
    let big = data.path().join("big.toml");
    let f = std::fs::File::create(&big).unwrap();
    // Sparse: takes no disk space, but would need 65 MiB of memory.
    f.set_len(65 << 20).unwrap();
    drop(f);
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", big.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("65.0 MiB") && stderr.contains("at most 64 MiB"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn special_files_and_broken_links_in_a_deck_folder_are_warnings() {
    let data = tempfile::tempdir().unwrap();
    let decks = data.path().join("decks");
    std::fs::create_dir(&decks).unwrap();
    std::fs::write(
        decks.join("gut.toml"),
        "[deck]\nname = \"G\"\ndescription = \"\"\n\n[[cards]]\nid = \"g1\"\nfront = \"a\"\nback = \"b\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(decks.join("nirgends.toml"), decks.join("kaputt.toml")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(decks.join("rohr.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = kartei(data.path(), &["--no-bundled", "check"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        text(&out.stdout).contains("1 deck, 1 card"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        stderr.contains("warning: ")
            && stderr.contains("kaputt.toml: skipped: a broken symbolic link"),
        "{stderr}"
    );
    assert!(
        stderr.contains("rohr.toml: skipped: not a regular file (a named pipe)"),
        "{stderr}"
    );
}

#[test]
fn stats_and_due_report_decks_that_failed_to_load() {
    let data = tempfile::tempdir().unwrap();
    let decks = data.path().join("decks");
    std::fs::create_dir(&decks).unwrap();
    std::fs::write(
        decks.join("kaputt.toml"),
        "[deck]\nname = \"K\"\nfrnot = 1\n",
    )
    .unwrap();
    for cmd in ["stats", "due"] {
        let out = kartei(data.path(), &["--no-bundled", cmd]);
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("kaputt.toml:3:1: unknown key `frnot`"),
            "{cmd}: {stderr}"
        );
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        let out = kartei(data.path(), &["--no-bundled", cmd, "--json"]);
        assert!(text(&out.stderr).contains("kaputt.toml"), "{cmd} --json");
        assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    }
}

fn deck_with_fronts(fronts: &[&str]) -> String {
    let mut s = String::from("[deck]\nid = \"d\"\nname = \"D\"\ndescription = \"\"\n");
    for (i, f) in fronts.iter().enumerate() {
        s.push_str(&format!(
            "\n[[cards]]\nid = \"c{i}\"\nfront = \"{f}\"\nback = \"b\"\n"
        ));
    }
    s
}

#[test]
fn check_compares_long_near_identical_questions_in_bounded_time() {
    let data = tempfile::tempdir().unwrap();
    let a: String = (0..2500).map(|i| format!("Marktforschung{i} ")).collect();
    assert!(a.len() > 20_000);
    // One swapped pair of letters in the middle.
    let b = a.replacen("Marktforschung1250 ", "Marktfroschung1250 ", 1);
    let deck = data.path().join("d.toml");
    std::fs::write(&deck, deck_with_fronts(&[&a, &b])).unwrap();
    let started = Instant::now();
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", deck.to_str().unwrap()],
    );
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("card `c1` asks almost the same question as `c0`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_survives_a_ten_megabyte_question() {
    let data = tempfile::tempdir().unwrap();
    let a = "Frage ".repeat(10 << 20 >> 3);
    let b = format!("{a}x");
    let deck = data.path().join("d.toml");
    std::fs::write(&deck, deck_with_fronts(&[&a, &b, &a])).unwrap();
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", deck.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("asks the same question as"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn short_questions_that_differ_in_their_key_term_are_not_near_duplicates() {
    let data = tempfile::tempdir().unwrap();
    let deck = data.path().join("d.toml");
    std::fs::write(
        &deck,
        deck_with_fronts(&[
            "Wofür steht MQL?",
            "Wofür steht SQL?",
            "Was ist Marktforschung?",
            "Was ist Marktforschnug?",
        ]),
    )
    .unwrap();
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", deck.to_str().unwrap()],
    );
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("`c1` asks"), "{stderr}");
    assert!(!stderr.contains("`c0` asks"), "{stderr}");
    assert!(
        stderr.contains("card `c3` asks almost the same question as `c2`"),
        "{stderr}"
    );
}

#[test]
fn duplicate_ids_point_at_both_id_lines_and_a_duplicated_table_is_one_error() {
    let data = tempfile::tempdir().unwrap();
    let dup = data.path().join("dup.toml");
    std::fs::write(
        &dup,
        "[deck]\nid = \"x\"\nname = \"X\"\ndescription = \"\"\n\n[[cards]]\nid = \"a\"\nfront = \"q1\"\nback = \"b\"\n\n[[cards]]\nid = \"a\"\nfront = \"q2\"\nback = \"b\"\n",
    )
    .unwrap();
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", dup.to_str().unwrap()],
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:12:6: duplicate card id `a` (first used on line 7)",
            dup.display()
        )),
        "{stderr}"
    );
    let table = data.path().join("table.toml");
    std::fs::write(
        &table,
        "[deck]\nid = \"y\"\nname = \"X\"\ndescription = \"\"\n\n[deck]\nname = \"Y\"\ndescription = \"\"\n\n[[cards]]\nid = \"a\"\nfront = \"q1\"\nback = \"b\"\n",
    )
    .unwrap();
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", table.to_str().unwrap()],
    );
    let stderr = text(&out.stderr);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(
        errors,
        [format!(
            "error: {}:6:2: invalid TOML: duplicate key",
            table.display()
        )],
        "{stderr}"
    );
}

#[test]
fn an_os_error_is_printed_once() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir(data.path().join("journal.jsonl")).unwrap();
    let other = data.path().join("other.jsonl");
    std::fs::write(&other, "").unwrap();
    let out = kartei(data.path(), &["sync", "merge", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
}

#[test]
fn a_locked_journal_suggests_read_only_which_works() {
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("journal.jsonl");
    std::fs::write(
        &journal,
        format!("{}\n", review_line("a1", "c1", "2026-11-26T08:00:00Z")),
    )
    .unwrap();
    // Another kartei holds the journal.
    let (_held, _) = kartei::progress::Journal::open(data.path()).unwrap();
    let other = data.path().join("other.jsonl");
    std::fs::write(
        &other,
        format!("{}\n", review_line("b1", "c2", "2026-11-26T09:00:00Z")),
    )
    .unwrap();
    let out = kartei(data.path(), &["sync", "merge", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("add --read-only"),
        "{}",
        text(&out.stderr)
    );
    // Every command accepts the flag; those that write the journal refuse.
    let out = kartei(
        data.path(),
        &["--read-only", "sync", "merge", other.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--read-only"),
        "{}",
        text(&out.stderr)
    );
    for args in [
        &["--read-only", "stats"][..],
        &["due", "--read-only"],
        &["--read-only", "list"],
    ] {
        let out = kartei(data.path(), args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap().lines().count(),
        1
    );
}

#[test]
fn check_fix_keeps_the_byte_order_mark_and_crlf_line_ends() {
    let data = tempfile::tempdir().unwrap();
    let deck = data.path().join("bom.toml");
    std::fs::write(
        &deck,
        "\u{feff}[deck]\r\nid = \"x\"\r\nname = \"X\"\r\ndescription = \"\"\"\r\nzwei\r\nzeilen\"\"\"\r\n\r\n[[cards]]\r\nfront = \"q1\"\r\nback = \"b\"\r\n",
    )
    .unwrap();
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", "--fix", deck.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let fixed = std::fs::read_to_string(&deck).unwrap();
    assert!(fixed.starts_with("\u{feff}[deck]\r\n"), "{fixed:?}");
    assert!(
        fixed.contains("[[cards]]\r\nid = \"x-q1\"\r\n"),
        "{fixed:?}"
    );
    assert_eq!(
        fixed.matches('\n').count(),
        fixed.matches("\r\n").count(),
        "every line ends in CRLF: {fixed:?}"
    );
    // And the file still loads with the same content.
    let out = kartei(
        data.path(),
        &["--no-bundled", "check", deck.to_str().unwrap()],
    );
    assert!(
        text(&out.stdout).contains("0 errors, 0 warnings"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn import_refuses_a_device() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let out = kartei(data.path(), &["import", "/dev/zero", "--deck-name", "Null"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not a regular file (a character device)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_interface_without_a_terminal_says_so_and_writes_nothing_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&[][..], &["quiz", "--count", "1"][..], &["cram"][..]] {
        let out = kartei(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {:?}", text(&out.stdout));
        let err = text(&out.stderr);
        assert!(
            err.contains("needs an interactive terminal"),
            "{args:?}: {err}"
        );
        assert!(!err.contains('\u{1b}'), "{args:?}: {err:?}");
    }
    let out = Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", dir.path())
        .args(["--lang", "de"])
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("braucht ein interaktives Terminal"));
}
