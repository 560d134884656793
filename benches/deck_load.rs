//! Loading a 100,000-card deck: the full loader (`parse_deck`: parse,
//! validate, build cards, positions) against a bare `toml::from_str` of the
//! same text into plain serde structs. Target: within 1.5x of the bare parse.
//!
//! Run: `cargo bench --bench deck_load`

use std::fmt::Write as _;

use divan::AllocProfiler;
use kartei::deck::{DeckOrigin, parse_deck};
use serde::Deserialize;

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

const CARDS: usize = 100_000;

fn deck_text() -> String {
    let mut s = String::with_capacity(CARDS * 120);
    s.push_str("# Generated benchmark deck\n[deck]\nid = \"bench\"\nname = \"Benchmark\"\ndescription = \"Viele Karten\"\ntags = [\"bench\"]\n");
    for i in 0..CARDS {
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

#[divan::bench(sample_count = 10)]
fn full_load(bencher: divan::Bencher) {
    let text = deck_text();
    bencher.bench(|| {
        let parsed = parse_deck(
            divan::black_box(&text),
            DeckOrigin::Bundled("bench.toml".to_owned()),
        )
        .expect("the generated deck is valid");
        assert_eq!(parsed.deck.cards.len(), CARDS + CARDS / 4);
        parsed
    });
}

#[divan::bench(sample_count = 10)]
fn bare_toml_from_str(bencher: divan::Bencher) {
    let text = deck_text();
    bencher.bench(|| {
        let deck: RawDeck = toml::from_str(divan::black_box(&text)).expect("valid TOML");
        assert_eq!(deck.cards.len(), CARDS);
        deck
    });
}
