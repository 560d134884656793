//! The terminal interface with hostile input, through a real pseudo-terminal:
//! escape sequences and bidi characters in deck text never reach the
//! terminal, and a full disk while reviewing is reported on screen without
//! touching the journal.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Term {
    parser: vt100::Parser,
    /// Every byte the program wrote to the terminal.
    raw: Vec<u8>,
    rx: mpsc::Receiver<Vec<u8>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to close its handle on the terminal.
    stop_reading: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Term {
    /// A failed test must not leave kartei running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Term {
    /// Starts kartei (through `bash -c PRELUDE; exec kartei ARGS`).
    fn start(data: &Path, prelude: &str, args: &[&str]) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new("bash");
        cmd.arg("-c");
        cmd.arg(format!("{prelude}\nexec \"$0\" \"$@\""));
        cmd.arg(env!("CARGO_BIN_EXE_kartei"));
        for a in args {
            cmd.arg(a);
        }
        cmd.env("KARTEI_DATA_DIR", data);
        cmd.env("KARTEI_NOW", "2026-11-27T09:00:00Z");
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env_remove("LC_ALL");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (tx, rx) = mpsc::channel();
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reader_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() || stop.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Self {
            parser: vt100::Parser::new(30, 100, 0),
            raw: Vec::new(),
            rx,
            writer: Some(writer),
            child,
            master: Some(pty.master),
            stop_reading,
            reader: Some(reader_thread),
        }
    }

    fn text(&mut self) -> String {
        while let Ok(bytes) = self.rx.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        self.parser.screen().contents()
    }

    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text();
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn press(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    fn quit(mut self) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "{status:?}");
                break;
            }
            assert!(Instant::now() < deadline, "kartei did not exit");
            self.press("q");
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_millis(100));
        self.text();
        std::mem::take(&mut self.raw)
    }

    /// Closes the terminal (as closing its window does) and waits up to
    /// `limit` for kartei to end.
    fn hang_up(mut self, limit: Duration) -> Option<portable_pty::ExitStatus> {
        // Every handle on the terminal's master side must go: the reader
        // thread's too, which wakes up on the output of a key press.
        self.stop_reading.store(true, Ordering::SeqCst);
        self.press("?");
        self.reader.take().unwrap().join().unwrap();
        self.writer = None;
        self.master = None;
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

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
