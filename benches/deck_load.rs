//! Loading 1k / 10k / 100k-card decks: the full loader (`load_file`: read,
//! parse, validate, build cards, positions) against a bare `toml::from_str`
//! of the same text into plain serde structs (the limit) and a plain read of
//! the file (what `cat` does). Target: within 1.5x of the bare parse. The
//! AllocProfiler columns give the allocations (and the largest live total).
//!
//! Run: `cargo bench --bench deck_load`

use std::fmt::Write as _;

use divan::AllocProfiler;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kartei::deck::load_file;
use serde::Deserialize;

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
                std::fs::write(&p, deck_text(n)).expect("write the deck");
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

/// Notes: 1/4 each basic, cloze with two gaps, choice, list.
fn deck_text(cards: usize) -> String {
    let mut s = String::with_capacity(cards * 120);
    s.push_str("# Generated benchmark deck\n[deck]\nid = \"bench\"\nname = \"Benchmark\"\ndescription = \"Viele Karten\"\ntags = [\"bench\"]\n");
    for i in 0..cards {
        match i % 4 {
            0 => write!(
                s,
                "\n[[cards]]\nid = \"b-{i}\"\nfront = \"Was ist Größe Nummer {i}?\"\nback = \"Die Antwort {i}\"\ntags = [\"t{}\"]\n",
                i % 10
            ),
            1 => write!(
                s,
                "\n[[cards]]\nid = \"c-{i}\"\nkind = \"cloze\"\ntext = \"Die {{{{Preispolitik {i}}}}} und {{{{Ökonomie::Hinweis}}}}.\"\n"
            ),
            2 => write!(
                s,
                "\n[[cards]]\nid = \"m-{i}\"\nkind = \"choice\"\nfront = \"Welche KPI {i}?\"\nchoices = [\"Brand Awareness\", \"Abschlussquote\", \"Umsatz\"]\nanswer = \"Brand Awareness\"\n"
            ),
            _ => write!(
                s,
                "\n[[cards]]\nid = \"l-{i}\"\nkind = \"list\"\nfront = \"Nenne vier Ps {i}\"\nitems = [\"Product\", \"Price\", \"Place\", \"Promotion\"]\nordered = false\n"
            ),
        }
        .expect("writing to a String cannot fail");
    }
    s
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct RawDeck {
    deck: RawMeta,
    cards: Vec<RawCard>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct RawMeta {
    id: Option<String>,
    name: String,
    description: String,
    #[serde(default)]
    tags: Vec<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(untagged)]
enum RawAnswer {
    One(String),
    Many(Vec<String>),
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct RawCard {
    id: Option<String>,
    kind: Option<String>,
    front: Option<String>,
    back: Option<String>,
    text: Option<String>,
    choices: Option<Vec<String>>,
    answer: Option<RawAnswer>,
    items: Option<Vec<String>>,
    ordered: Option<bool>,
    reverse: Option<bool>,
    input: Option<bool>,
    #[serde(default)]
    tags: Vec<String>,
    hint: Option<String>,
    explain: Option<String>,
    source: Option<String>,
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
        let text = std::fs::read_to_string(divan::black_box(path)).expect("readable");
        let deck: RawDeck = toml::from_str(&text).expect("valid TOML");
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
