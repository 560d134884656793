//! End to end through a real pseudo-terminal: start the binary, review three
//! cards with the keyboard, quit, and check the journal and the terminal.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Screen {
    parser: vt100::Parser,
    rx: mpsc::Receiver<Vec<u8>>,
}

impl Screen {
    fn pump(&mut self) {
        while let Ok(bytes) = self.rx.try_recv() {
            self.parser.process(&bytes);
        }
    }

    fn text(&mut self) -> String {
        self.pump();
        self.parser.screen().contents()
    }

    /// Waits until the screen shows `needle` (at most 20 s).
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
}

#[test]
fn review_three_cards_in_a_real_terminal() {
    let data = tempfile::tempdir().unwrap();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kartei"));
    cmd.env("KARTEI_DATA_DIR", data.path());
    cmd.env("KARTEI_NOW", "2026-11-27T09:00:00Z");
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    cmd.env_remove("LC_ALL");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);

    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut writer = pty.master.take_writer().unwrap();
    let mut screen = Screen {
        parser: vt100::Parser::new(24, 80, 0),
        rx,
    };
    let mut press = |keys: &str| {
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    };

    screen.wait_for("Grundlagen");
    press("\r"); // review the first deck
    for n in 1..=3 {
        screen.wait_for("Space reveal");
        press(" ");
        // Revealed: the grade keys with their intervals are shown.
        screen.wait_for("3 Good");
        press("3");
        screen.wait_for(&format!("{n}/"));
    }
    press("q"); // back to the overview
    screen.wait_for("today: 3 reviewed");
    press("q"); // quit

    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "kartei did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    // The alternate screen was left: the parser is back on the main screen.
    screen.pump();
    assert!(!screen.parser.screen().alternate_screen());

    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    let reviews: Vec<serde_json::Value> = journal
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reviews.len(), 3, "{journal}");
    for r in &reviews {
        assert_eq!(r["type"], "review");
        assert_eq!(r["grade"], 3);
        assert_eq!(r["deck"], "grundlagen");
        // The clock starts at KARTEI_NOW and runs on from there.
        let ts = r["ts"].as_str().unwrap();
        assert!(ts.starts_with("2026-11-27T09:0"), "{ts}");
    }
}
