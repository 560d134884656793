//! Opening the collection as a start does (config, bundled decks, the user's
//! deck, journal, replay), in-process, beside the bare `toml` parse of the
//! same deck file in the same run:
//!
//! - `bare_toml`: read + `toml::from_str` into plain structs (the limit for
//!   a cold start);
//! - `cold`: first start, empty cache (parses, replays, writes the cache
//!   and the checkpoint);
//! - `no_cache`: `--no-cache` (parses and replays everything, writes nothing;
//!   what every start cost before the cache);
//! - `warm`: nothing changed since the last start (compiled deck and
//!   checkpoint read).
//!
//! Decks of 1k / 10k / 100k notes (1.25 cards per note); journals of 100k
//! and 1M reviews with the 100k-note deck. AllocProfiler's "max alloc" is
//! the peak of live heap bytes.
//!
//! Run: `cargo bench --bench warm_start`

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::AllocProfiler;
use kartei::collection::Collection;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

const NOTES: [usize; 3] = [1_000, 10_000, 100_000];
const EVENTS: [u64; 2] = [100_000, 1_000_000];

struct Data {
    _tmp: tempfile::TempDir,
    dirs: Vec<((usize, u64), PathBuf)>,
}

/// The data dir of `notes` notes and `events` events (generated once).
fn data(notes: usize, events: u64) -> &'static Path {
    static DATA: OnceLock<Data> = OnceLock::new();
    let data = DATA.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let mut dirs = Vec::new();
        for n in NOTES {
            dirs.push(((n, 0), common::data_dir(tmp.path(), n, 0)));
        }
        for e in EVENTS {
            dirs.push(((100_000, e), common::data_dir(tmp.path(), 100_000, e)));
        }
        Data { _tmp: tmp, dirs }
    });
    &data
        .dirs
        .iter()
        .find(|(k, _)| *k == (notes, events))
        .expect("generated")
        .1
}

fn open(dir: &Path, cache: Option<PathBuf>) -> Collection {
    let c = Collection::open(common::open_options(dir, cache)).unwrap();
    assert!(c.decks().errors.is_empty());
    c
}

#[divan::bench(args = NOTES, sample_count = 7, sample_size = 1)]
fn bare_toml(bencher: divan::Bencher, notes: usize) {
    let path = data(notes, 0).join("decks/bench.toml");
    bencher.bench(|| common::bare_parse(divan::black_box(&path)));
}

#[divan::bench(args = NOTES, sample_count = 7, sample_size = 1)]
fn no_cache(bencher: divan::Bencher, notes: usize) {
    let dir = data(notes, 0);
    bencher.bench(|| open(dir, None));
}

#[divan::bench(args = NOTES, sample_count = 7, sample_size = 1)]
fn cold(bencher: divan::Bencher, notes: usize) {
    let dir = data(notes, 0);
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_values(|cache| {
            let c = open(dir, Some(cache.path().to_path_buf()));
            (c, cache)
        });
}

#[divan::bench(args = NOTES, sample_count = 7, sample_size = 1)]
fn warm(bencher: divan::Bencher, notes: usize) {
    let dir = data(notes, 0);
    let cache = tempfile::tempdir().unwrap();
    drop(open(dir, Some(cache.path().to_path_buf())));
    bencher.bench(|| open(dir, Some(cache.path().to_path_buf())));
}

/// 100k notes and a journal of 100k / 1M reviews, without cache.
#[divan::bench(args = EVENTS, sample_count = 5, sample_size = 1)]
fn journal_no_cache(bencher: divan::Bencher, events: u64) {
    let dir = data(100_000, events);
    bencher.bench(|| open(dir, None));
}

/// 100k notes and a journal of 100k / 1M reviews, cache and checkpoint
/// warm.
#[divan::bench(args = EVENTS, sample_count = 5, sample_size = 1)]
fn journal_warm(bencher: divan::Bencher, events: u64) {
    let dir = data(100_000, events);
    let cache = tempfile::tempdir().unwrap();
    drop(open(dir, Some(cache.path().to_path_buf())));
    bencher.bench(|| {
        let c = open(dir, Some(cache.path().to_path_buf()));
        assert!(c.journal().unparsed() > 0);
        c
    });
}

/// 100 deck files of 1,000 notes each (100k notes in all), generated once.
fn many_decks() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = common::many_decks_dir(tmp.path(), 100, 1_000);
        (tmp, dir)
    })
    .1
}

/// The bare parse of the 100 files, one after the other.
#[divan::bench(sample_count = 7, sample_size = 1)]
fn many_decks_bare_toml(bencher: divan::Bencher) {
    let decks = many_decks().join("decks");
    let files: Vec<PathBuf> = (0..100)
        .map(|n| decks.join(format!("d{n:03}.toml")))
        .collect();
    bencher.bench(|| {
        files
            .iter()
            .map(|f| common::bare_parse(divan::black_box(f)).cards.len())
            .sum::<usize>()
    });
}

/// A first start with the 100 files (empty cache), with the counts of the
/// overview's 100 rows (what the first screen shows).
#[divan::bench(sample_count = 7, sample_size = 1)]
fn many_decks_cold_with_overview(bencher: divan::Bencher) {
    let dir = many_decks();
    let now: chrono::DateTime<chrono::Utc> = "2026-11-27T09:00:00Z".parse().unwrap();
    bencher
        .with_inputs(|| tempfile::tempdir().unwrap())
        .bench_values(|cache| {
            let c = open(dir, Some(cache.path().to_path_buf()));
            let counts =
                kartei::study::today::deck_counts(&c, &kartei::collection::Scope::All, now);
            assert_eq!(counts.len(), 100 + 7);
            (c, cache)
        });
}

/// The bundled decks, parsed as every start does (they are not cached).
#[divan::bench(sample_count = 20)]
fn bundled_decks_parse(bencher: divan::Bencher) {
    bencher.bench(|| kartei::deck::load_all(true, None, &[]));
}
