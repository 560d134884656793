//! `Ctrl-C` during a quiz, through a real pseudo-terminal: the quiz is
//! journalled as abandoned and kartei exits with status 130.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn ctrl_c_abandons_the_quiz_and_exits_130() {
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
    cmd.args(["quiz", "--count", "3", "--forms", "flip", "--seed", "1"]);
    cmd.env("KARTEI_DATA_DIR", data.path());
    cmd.env("KARTEI_NOW", "2026-11-27T09:00:00Z");
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    cmd.env_remove("LC_ALL");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut writer = pty.master.take_writer().unwrap();
    let mut parser = vt100::Parser::new(24, 80, 0);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        while let Ok(bytes) = rx.try_recv() {
            parser.process(&bytes);
        }
        if parser.screen().contents().contains("1/3") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no quiz on screen:\n{}",
            parser.screen().contents()
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    writer.write_all(b"\x03").unwrap(); // Ctrl-C in raw mode
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "kartei did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.exit_code(), 130, "{status:?}");
    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    let end: serde_json::Value = journal
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|e| e["type"] == "quiz_end")
        .expect("a quiz_end event");
    assert_eq!(end["abandoned"], true, "{journal}");
}
