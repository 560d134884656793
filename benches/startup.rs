//! Start to first frame: spawn the kartei binary (built with the bench
//! profile) in a pseudo-terminal with the bundled decks and an empty data
//! directory, and time until the screen shows the deck table.
//!
//! Run: `cargo bench --bench startup`

use std::io::Read;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn main() {
    divan::main();
}

/// One start: returns once "Grundlagen" (the first bundled deck) is on screen.
fn start_once(data: &std::path::Path) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kartei"));
    cmd.env("KARTEI_DATA_DIR", data);
    cmd.env("KARTEI_NOW", "2026-11-27T09:00:00Z");
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(30, 100, 0);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let bytes = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("kartei showed no deck table within 30 s");
        parser.process(&bytes);
        if parser.screen().contents().contains("Grundlagen") {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn first_frame_bundled_decks(bencher: divan::Bencher) {
    let data = tempfile::tempdir().unwrap();
    bencher.bench_local(|| start_once(data.path()));
}
