//! Per-answer latency as the interface sees it: the next card drawn and
//! the grade recorded (journal append with fsync, replay of the card, queue
//! update), through the study layer over a real collection, with the
//! 1k-note and the 100k-note deck (warm cache) and a 100k-review journal.
//!
//! New cards are answered `Easy` (no learning steps) and the daily new-card
//! limit is lifted in the config, so every sample is one draw plus one
//! answer of the same running session.
//!
//! Run: `cargo bench --bench answer`

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use kartei::collection::Collection;
use kartei::progress::Grade;
use kartei::study::port::{NextCard, Scope, Study};
use kartei::study::{CollectionStudy, SessionKind};

fn main() {
    divan::main();
}

const NOTES: [usize; 2] = [1_000, 100_000];

struct Data {
    _tmp: tempfile::TempDir,
    dirs: Vec<(usize, PathBuf)>,
}

/// A data dir of `notes` notes and 100k reviews, no daily new-card limit.
fn data(notes: usize) -> &'static Path {
    static DATA: OnceLock<Data> = OnceLock::new();
    let data = DATA.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dirs = NOTES
            .iter()
            .map(|&n| {
                let dir = common::data_dir(tmp.path(), n, 100_000);
                std::fs::write(
                    dir.join("config.toml"),
                    "[scheduler]\nnew_per_day = 1000000\nreviews_per_day = 1000000\n",
                )
                .unwrap();
                (n, dir)
            })
            .collect();
        Data { _tmp: tmp, dirs }
    });
    &data
        .dirs
        .iter()
        .find(|(n, _)| *n == notes)
        .expect("generated")
        .1
}

fn open(dir: &Path) -> CollectionStudy {
    let options = common::open_options(dir, Some(dir.join("cache")));
    CollectionStudy::new(Collection::open(options).unwrap())
}

fn now() -> DateTime<Utc> {
    "2026-11-27T09:00:00Z".parse().unwrap()
}

/// Draws the next card and records `Easy` for it.
fn answer_next(study: &mut CollectionStudy, at: DateTime<Utc>) {
    match study.next_card(at) {
        NextCard::Show(show) => {
            let id = show.card.id.clone();
            study.answer(&id, Grade::Easy, 3_000, at).unwrap();
        }
        NextCard::Wait { .. } | NextCard::Done(_) => {
            study
                .start_session(Scope::All, SessionKind::Review, at)
                .unwrap();
        }
    }
}

#[divan::bench(args = NOTES, sample_count = 200, sample_size = 1)]
fn draw_and_answer(bencher: divan::Bencher, notes: usize) {
    let dir = data(notes);
    let mut study = open(dir);
    study
        .start_session(Scope::All, SessionKind::Review, now())
        .unwrap();
    // One answer outside the measurement: the session is running and warm.
    answer_next(&mut study, now());
    bencher.bench_local(|| answer_next(&mut study, now()));
}
