//! The terminal interface with hostile input, through a real pseudo-terminal:
//! escape sequences and bidi characters in deck text never reach the
//! terminal, and a full disk while reviewing is reported on screen without
//! touching the journal.

mod pty_common;

use std::time::{Duration, Instant};

use pty_common::{Term, contains};

const EVIL: &str = r#"[deck]
id = "boese"
name = "Boese \u001b]0;PWNED\u0007 \u202eeman"
description = "\u001b[2J"
tags = ["t\u001b[31mROT"]

[[cards]]
id = "b1"
front = "Frage \u001b[5mBLINKX \u202edrow"
back = "Antwort \u001b[31mROT \u009b31m"
hint = "Tipp \u001b[5mBLINKX"
explain = "\u001b]8;;http://x\u001b\\link"
source = "\u001b[8mVERSTECKT"
tags = ["x\u001b[4mUNTER"]
"#;

#[test]
fn deck_text_cannot_send_escape_sequences_to_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let deck = data.path().join("boese.toml");
    std::fs::write(&deck, EVIL).unwrap();
    let mut term = Term::start(
        data.path(),
        "",
        &["--no-bundled", "--decks", deck.to_str().unwrap()],
    );
    term.wait_for("Boese");
    term.press("\r");
    term.wait_for("BLINKX");
    term.press(" ");
    let screen = term.wait_for("Antwort");
    assert!(screen.contains("ROT"), "{screen}");
    term.press("q");
    term.wait_for("Boese");
    let raw = term.quit();
    for bad in [
        &b"\x1b]0;PWNED"[..],
        b"\x1b[5mBLINKX",
        b"\x1b[31mROT",
        b"\xc2\x9b31m",
        b"\x1b]8;;http",
        b"\x1b[8mVERSTECKT",
        b"\x1b[4mUNTER",
        "\u{202e}".as_bytes(),
    ] {
        assert!(
            !contains(&raw, bad),
            "{:?} reached the terminal",
            String::from_utf8_lossy(bad)
        );
    }
    // The visible text itself is still there.
    assert!(contains(&raw, b"PWNED") && contains(&raw, b"BLINKX"));
}

#[test]
fn a_full_disk_while_reviewing_is_reported_and_the_journal_kept() {
    let data = tempfile::tempdir().unwrap();
    // A journal just under the 8 KiB file size limit: the next answer
    // cannot be appended.
    let line = r#"{"v":1,"id":"e000","ts":"2026-11-20T10:00:00Z","type":"review","card":"zz-gone","deck":"alt","grade":3,"ms":3000,"mode":"review"}"#;
    let mut journal = String::new();
    let mut i = 0;
    while journal.len() + line.len() < 8 * 1024 - 20 {
        journal.push_str(&line.replace("e000", &format!("e{i:03}")));
        journal.push('\n');
        i += 1;
    }
    let path = data.path().join("journal.jsonl");
    std::fs::write(&path, &journal).unwrap();

    let mut term = Term::start(data.path(), "trap '' XFSZ; ulimit -f 8", &[]);
    term.wait_for("Grundlagen");
    term.press("\r");
    term.wait_for("Space reveal");
    term.press(" ");
    term.wait_for("3 Good");
    term.press("3");
    let screen = term.wait_for("could not save the answer");
    assert!(
        screen.contains("NOT recorded: could not save the answer to"),
        "{screen}"
    );
    term.press("q");
    term.quit();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), journal);
}

/// Kills a process when the test ends, passed or not.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &self.0.to_string()])
            .stderr(std::process::Stdio::null())
            .status();
    }
}

#[test]
fn sigterm_ends_kartei_even_when_its_terminal_is_gone() {
    // bash stays the session leader and ignores the hangup, so kartei gets
    // no SIGHUP when the terminal closes; crossterm then spins inside
    // `event::poll` on the dead tty and never returns (crossterm #793).
    // A SIGTERM must still end it (the signal thread ends the process when
    // the loop does not answer within its grace period).
    let data = tempfile::tempdir().unwrap();
    let mut term = Term::start(data.path(), "trap '' HUP\n\"$0\" \"$@\"\nexit", &[]);
    term.wait_for("Grundlagen");
    let bash = term.child.process_id().unwrap();
    let children = std::fs::read_to_string(format!("/proc/{bash}/task/{bash}/children")).unwrap();
    let kartei: u32 = children.split_whitespace().next().unwrap().parse().unwrap();
    let _cleanup = KillOnDrop(kartei);
    // kartei may notice the dead terminal by itself and end; otherwise it
    // spins and only a signal can end it.
    let _ = term.hang_up(Duration::from_millis(500));
    let alive = |pid: u32| {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            !s.rsplit(')')
                .next()
                .unwrap_or("")
                .trim_start()
                .starts_with('Z')
        })
    };
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &kartei.to_string()])
        .stderr(std::process::Stdio::null())
        .status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while alive(kartei) {
        assert!(
            Instant::now() < deadline,
            "kartei ignored SIGTERM for 10 s after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn closing_the_terminal_ends_kartei() {
    // Without a fix kartei spins at 100 % CPU inside crossterm's poll on the
    // dead terminal forever, holding the journal lock.
    let data = tempfile::tempdir().unwrap();
    let mut term = Term::start(data.path(), "", &[]);
    term.wait_for("Grundlagen");
    let status = term.hang_up(Duration::from_secs(15));
    assert!(
        status.is_some(),
        "kartei still runs after its terminal closed"
    );
    // The lock is free again: a new writer can open the journal.
    kartei::progress::Journal::open(data.path()).expect("the lock was released");
}
