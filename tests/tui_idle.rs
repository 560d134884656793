//! An idle interface sleeps: through a real pseudo-terminal, nothing is
//! written while nothing changes, and a timed quiz updates its countdown
//! about once a second, not more.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Term {
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: mpsc::Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    _data: tempfile::TempDir,
}

impl Term {
    fn start(args: &[&str]) -> Term {
        let data = tempfile::tempdir().unwrap();
        // The deck folder exists, so it is watched.
        std::fs::create_dir_all(data.path().join("decks")).unwrap();
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kartei"));
        cmd.args(args);
        cmd.env("KARTEI_DATA_DIR", data.path());
        cmd.env("KARTEI_NOW", "2026-11-27T09:00:00Z");
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env_remove("LC_ALL");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Term {
            _master: pty.master,
            child,
            writer,
            rx,
            parser: vt100::Parser::new(24, 80, 0),
            _data: data,
        }
    }

    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.parser.screen().contents().contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((_, bytes)) => self.parser.process(&bytes),
                Err(_) => panic!(
                    "timed out waiting for {needle:?}; screen:\n{}",
                    self.parser.screen().contents()
                ),
            }
        }
    }

    /// Everything written during `span`, with the time of each read.
    fn collect(&mut self, span: Duration) -> Vec<(Instant, Vec<u8>)> {
        let end = Instant::now() + span;
        let mut out = Vec::new();
        while let Ok(chunk) = self
            .rx
            .recv_timeout(end.saturating_duration_since(Instant::now()))
        {
            self.parser.process(&chunk.1);
            out.push(chunk);
        }
        out
    }

    fn quit(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Bursts of output: reads closer than 100 ms together count as one frame.
fn frames(chunks: &[(Instant, Vec<u8>)]) -> usize {
    let mut n = 0;
    let mut last: Option<Instant> = None;
    for (t, _) in chunks {
        if last.is_none_or(|l| t.duration_since(l) > Duration::from_millis(100)) {
            n += 1;
        }
        last = Some(*t);
    }
    n
}

#[test]
fn the_idle_overview_writes_nothing() {
    let mut term = Term::start(&[]);
    term.wait_for("Grundlagen");
    // Let the first frame finish.
    term.collect(Duration::from_millis(300));
    let idle = term.collect(Duration::from_millis(1500));
    let bytes: usize = idle.iter().map(|(_, b)| b.len()).sum();
    assert_eq!(bytes, 0, "the idle overview wrote {bytes} bytes: {idle:?}");
    // A key still gets an answer at once.
    term.writer.write_all(b"?").unwrap();
    term.writer.flush().unwrap();
    let after = term.collect(Duration::from_millis(500));
    assert!(!after.is_empty(), "no redraw after a key");
    term.quit();
}

#[test]
fn a_timed_quiz_redraws_about_once_a_second() {
    let mut term = Term::start(&["quiz", "--count", "3", "--time", "10m", "--seed", "1"]);
    term.wait_for("9:5");
    term.collect(Duration::from_millis(300));
    let span = term.collect(Duration::from_millis(3200));
    let n = frames(&span);
    // Three or four seconds change in 3.2 s; the old 250 ms tick redrew
    // about 13 times.
    assert!((2..=5).contains(&n), "{n} frames in 3.2 s: {span:?}");
    term.quit();
}

#[test]
fn a_sleeping_interface_still_sees_signals_and_deck_changes() {
    let mut term = Term::start(&[]);
    term.wait_for("Grundlagen");
    term.collect(Duration::from_millis(300));
    // A new deck in the user's deck folder shows up without a key.
    let decks = term._data.path().join("decks");
    std::fs::write(
        decks.join("neu.toml"),
        "[deck]\nname = \"Ganz Neu\"\ndescription = \"\"\n\n[[cards]]\nid = \"n1\"\nfront = \"F\"\nback = \"B\"\n",
    )
    .unwrap();
    term.wait_for("Ganz Neu");
    term.collect(Duration::from_millis(500));
    // SIGTERM ends it promptly, with the terminal restored (not by the
    // signal thread's last-resort exit after its grace time).
    let pid = term.child.process_id().unwrap();
    let sent = Instant::now();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    loop {
        if term.child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            sent.elapsed() < Duration::from_millis(1500),
            "SIGTERM not handled"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    term.collect(Duration::from_millis(200));
    assert!(!term.parser.screen().alternate_screen());
}
