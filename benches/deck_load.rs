//! Loading 1k / 10k / 100k-card decks: the full loader (`load_file`: read,
//! parse, validate, build cards, positions) against a bare `toml::from_str`
//! of the same text into plain serde structs (the limit) and a plain read of
//! the file (what `cat` does). Target: within 1.5x of the bare parse. The
//! AllocProfiler columns give the allocations (and the largest live total).
//!
//! Run: `cargo bench --bench deck_load`

use divan::AllocProfiler;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kartei::deck::load_file;

mod common;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The generated deck files, written once into a temp dir.
fn deck_file(cards: usize) -> &'static Path {
    static FILES: OnceLock<(tempfile::TempDir, Vec<PathBuf>)> = OnceLock::new();
    let (_dir, files) = FILES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = SIZES
            .iter()
            .map(|&n| {
                let p = dir.path().join(format!("bench-{n}.toml"));
                std::fs::write(&p, common::deck_text(n)).expect("write the deck");
                p
            })
            .collect();
        (dir, files)
    });
    &files[SIZES
        .iter()
        .position(|&n| n == cards)
        .expect("a bench size")]
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn full_load(bencher: divan::Bencher, cards: usize) {
    let path = deck_file(cards);
    bencher.bench(|| {
        let parsed = load_file(divan::black_box(path)).expect("the generated deck is valid");
        assert_eq!(parsed.deck.cards.len(), cards + cards / 4);
        parsed
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn bare_toml_from_str(bencher: divan::Bencher, cards: usize) {
    let path = deck_file(cards);
    bencher.bench(|| {
        let deck = common::bare_parse(divan::black_box(path));
        assert_eq!(deck.cards.len(), cards);
        deck
    });
}

/// Reading the bytes only (`cat`), the floor under both.
#[divan::bench(args = SIZES, sample_count = 10)]
fn read_file(bencher: divan::Bencher, cards: usize) {
    let path = deck_file(cards);
    bencher.bench(|| std::fs::read(divan::black_box(path)).expect("readable"));
}
