//! Start to first frame, whole process: spawn the kartei binary (built with
//! the bench profile) in a pseudo-terminal and time until the screen shows
//! the deck table. With the bundled decks only, and with a user deck of
//! 1k / 10k / 100k notes (and a 1M-review journal) warm (the compiled deck
//! cache and the journal checkpoint are there) and cold (a fresh cache
//! folder each start), beside the bare `toml` parse of the same deck file
//! in the same run: in-process (`bare_toml`), and as a whole process of
//! its own (`bare_toml_process`: this bench binary started again to do
//! only the parse, so process start and the first touch of its memory are
//! in both figures).
//!
//! Run: `cargo bench --bench startup`; `KARTEI_BENCH_BIN=path/to/kartei`
//! times another binary with the same harness.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Set in the environment of `bare_toml_process`'s child: parse this file
/// and exit.
const BARE_PARSE_ENV: &str = "KARTEI_BENCH_BARE_PARSE";

fn main() {
    if let Some(path) = std::env::var_os(BARE_PARSE_ENV) {
        let deck = common::bare_parse(Path::new(&path));
        assert!(!deck.cards.is_empty());
        return;
    }
    divan::main();
}

/// A started kartei, ended when dropped: divan drops a benchmark's return
/// value after the sample's clock stopped, so the time measured ends with
/// the first frame. (Ending it in the timed part, with portable-pty's
/// `Child::kill`, added a fixed 50 ms: that sends SIGHUP, finds the child
/// still running at once and sleeps 50 ms before it looks again. That was
/// the ~85-95 ms floor of the earlier whole-process figures.)
struct Running {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Drop for Running {
    fn drop(&mut self) {
        // SIGHUP, without the wait: kartei restores the terminal and exits.
        let _ = self.child.clone_killer().kill();
        let _ = self.child.wait();
    }
}

/// One start: returns once `needle` is on screen.
#[must_use]
fn start_once(data: &Path, cache: Option<&Path>, needle: &str) -> Running {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // KARTEI_BENCH_BIN: another build to time (e.g. an older one, for a
    // before/after comparison in one run; it must understand the flags used).
    let bin =
        std::env::var_os("KARTEI_BENCH_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_kartei").into());
    let mut cmd = CommandBuilder::new(bin);
    cmd.env("KARTEI_DATA_DIR", data);
    match cache {
        Some(dir) => cmd.env("KARTEI_CACHE_DIR", dir),
        None => cmd.arg("--no-cache"),
    }
    cmd.env("KARTEI_NOW", "2026-11-27T09:00:00Z");
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    let child = pty.slave.spawn_command(cmd).unwrap();
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
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let bytes = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .unwrap_or_else(|_| panic!("kartei did not show {needle:?} within 60 s"));
        parser.process(&bytes);
        if parser.screen().contents().contains(needle) {
            break;
        }
    }
    Running {
        child,
        _master: pty.master,
    }
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn first_frame_bundled_decks(bencher: divan::Bencher) {
    let data = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    bencher.bench_local(|| start_once(data.path(), Some(cache.path()), "Grundlagen"));
}

const NOTES: [usize; 3] = [1_000, 10_000, 100_000];

struct Data {
    _tmp: tempfile::TempDir,
    dirs: Vec<((usize, u64), PathBuf)>,
}

fn data(notes: usize, events: u64) -> &'static Path {
    static DATA: OnceLock<Data> = OnceLock::new();
    let data = DATA.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let mut dirs: Vec<_> = NOTES
            .iter()
            .map(|&n| ((n, 0), common::data_dir(tmp.path(), n, 0)))
            .collect();
        dirs.push((
            (100_000, 1_000_000),
            common::data_dir(tmp.path(), 100_000, 1_000_000),
        ));
        Data { _tmp: tmp, dirs }
    });
    &data
        .dirs
        .iter()
        .find(|(k, _)| *k == (notes, events))
        .expect("generated")
        .1
}

/// The bare parse of the same deck file, for the ratio.
#[divan::bench(args = NOTES, sample_count = 7, sample_size = 1)]
fn bare_toml(bencher: divan::Bencher, notes: usize) {
    let path = data(notes, 0).join("decks/bench.toml");
    bencher.bench(|| common::bare_parse(divan::black_box(&path)));
}

/// The bare parse in a process of its own (this binary, started again).
#[divan::bench(args = NOTES, sample_count = 7, sample_size = 1)]
fn bare_toml_process(bencher: divan::Bencher, notes: usize) {
    let path = data(notes, 0).join("decks/bench.toml");
    let exe = std::env::current_exe().unwrap();
    bencher.bench_local(|| {
        let status = std::process::Command::new(&exe)
            .env(BARE_PARSE_ENV, &path)
            .status()
            .unwrap();
        assert!(status.success());
    });
}

/// Nothing changed since the last start.
#[divan::bench(args = NOTES, sample_count = 7, sample_size = 1)]
fn first_frame_warm(bencher: divan::Bencher, notes: usize) {
    let dir = data(notes, 0);
    let cache = tempfile::tempdir().unwrap();
    drop(start_once(dir, Some(cache.path()), "Benchmark"));
    bencher.bench_local(|| start_once(dir, Some(cache.path()), "Benchmark"));
}

/// First start: an empty cache folder each time.
#[divan::bench(args = NOTES, sample_count = 7, sample_size = 1)]
fn first_frame_cold(bencher: divan::Bencher, notes: usize) {
    let dir = data(notes, 0);
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_local_values(|cache| (start_once(dir, Some(cache.path()), "Benchmark"), cache));
}

/// `--no-cache`: what every start cost before the cache.
#[divan::bench(args = NOTES, sample_count = 7, sample_size = 1)]
fn first_frame_no_cache(bencher: divan::Bencher, notes: usize) {
    let dir = data(notes, 0);
    bencher.bench_local(|| start_once(dir, None, "Benchmark"));
}

/// 100k notes and a 1M-review journal, warm and without cache.
#[divan::bench(args = [true, false], sample_count = 5, sample_size = 1)]
fn first_frame_1m_events(bencher: divan::Bencher, warm: bool) {
    let dir = data(100_000, 1_000_000);
    let cache = tempfile::tempdir().unwrap();
    if warm {
        drop(start_once(dir, Some(cache.path()), "Benchmark"));
        bencher.bench_local(|| start_once(dir, Some(cache.path()), "Benchmark"));
    } else {
        bencher.bench_local(|| start_once(dir, None, "Benchmark"));
    }
}
