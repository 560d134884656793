//! One start-up step, for instruction counts and peak memory of exactly
//! that step (`valgrind --tool=callgrind --toggle-collect=open_probe::measured`,
//! `/usr/bin/time -f %M`):
//!
//! - `open_probe bare DECK.toml`: read + `toml::from_str` into plain structs;
//! - `open_probe open DATA_DIR [CACHE_DIR]`: `Collection::open` with the
//!   bundled decks and `DATA_DIR/decks`, plus what the overview computes
//!   (deck counts, reviews today, streak); without `CACHE_DIR` no cache;
//! - `open_probe gen ROOT NOTES EVENTS`: writes the benches' data dir
//!   `ROOT/data-NOTES-EVENTS` (`decks/bench.toml`, `journal.jsonl`).
//!
//! Run: `cargo run --profile bench --example open_probe -- open DIR CACHE`

#[path = "../benches/common/mod.rs"]
mod common;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use kartei::collection::{Collection, Scope};

#[inline(never)]
fn measured(args: &[String]) -> usize {
    match args.first().map(String::as_str) {
        Some("bare") => common::bare_parse(std::path::Path::new(&args[1]))
            .cards
            .len(),
        Some("open") => {
            let dir = PathBuf::from(&args[1]);
            let c = Collection::open(common::open_options(&dir, args.get(2).map(PathBuf::from)))
                .expect("the collection opens");
            let now: DateTime<Utc> = "2026-11-27T09:00:00Z".parse().expect("a time");
            let counts = kartei::study::today::deck_counts(&c, &Scope::All, now);
            let (today, _) = c.today_and_streak(now);
            let n = counts.len() + today;
            let decks = &c.decks().decks;
            let decoded = decks.iter().filter(|d| d.cards.is_decoded()).count();
            eprintln!("decks with decoded cards: {decoded} of {}", decks.len());
            // Like the interface at its first frame: nothing is dropped
            // (but the compiled decks are written to the cache).
            c.wait_for_cache();
            std::mem::forget(c);
            n
        }
        Some("gen") => {
            let number = |i: usize| args[i].parse::<u64>().expect("a number");
            let notes = usize::try_from(number(2)).expect("a count");
            common::data_dir(std::path::Path::new(&args[1]), notes, number(3));
            0
        }
        _ => {
            eprintln!(
                "usage: open_probe bare DECK.toml | open DATA_DIR [CACHE_DIR] | gen ROOT NOTES EVENTS"
            );
            std::process::exit(2);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = measured(&args);
    println!("{n}");
}
