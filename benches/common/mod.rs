//! Generated test data shared by the start-up benches: decks of N notes
//! (1/4 each basic, cloze with two gaps, choice, list: N notes give 1.25 N
//! cards, as in `deck_load`) and journals of review events over their cards,
//! plus the plain serde structs of the bare `toml` parse (the limit).

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::{DateTime, Duration, TimeZone, Utc};
use kartei::deck::CardId;
use kartei::progress::{Event, EventBody, FORMAT_VERSION, Grade, Mode, encode_line, new_event_id};
use serde::Deserialize;

/// How the benches open the data dir `dir` (as `kartei` does with
/// `KARTEI_DATA_DIR=dir`, UTC+1, the bundled decks and the cache in `cache`).
pub fn open_options(
    dir: &Path,
    cache: Option<std::path::PathBuf>,
) -> kartei::collection::OpenOptions {
    kartei::collection::OpenOptions {
        data_dir: dir.to_path_buf(),
        config_path: dir.join("config.toml"),
        bundled: true,
        user_decks: Some(dir.join("decks")),
        extra_decks: Vec::new(),
        offset: chrono::FixedOffset::east_opt(3600).expect("a valid offset"),
        read_only: false,
        cache_dir: cache,
    }
}

/// The deck text of `notes` notes.
pub fn deck_text(notes: usize) -> String {
    let mut s = String::with_capacity(notes * 130);
    s.push_str("# Generated benchmark deck\n[deck]\nid = \"bench\"\nname = \"Benchmark\"\ndescription = \"Viele Karten\"\ntags = [\"bench\"]\n");
    for i in 0..notes {
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

/// Writes `ROOT/many-DECKS-NOTES/decks/dNNN.toml`: `decks` generated decks
/// of `notes` notes each, every id prefixed with its deck's number.
pub fn many_decks_dir(root: &Path, decks: usize, notes: usize) -> std::path::PathBuf {
    let dir = root.join(format!("many-{decks}-{notes}"));
    std::fs::create_dir_all(dir.join("decks")).unwrap();
    let text = deck_text(notes);
    for n in 0..decks {
        let own = text.replace("id = \"", &format!("id = \"d{n:03}-"));
        std::fs::write(dir.join(format!("decks/d{n:03}.toml")), own).unwrap();
    }
    dir
}

/// The id of card `k` of a generated deck of `notes` notes (basic notes only,
/// so every id exists).
pub fn card_id(k: u64, notes: usize) -> CardId {
    let basics = (notes as u64).div_ceil(4).max(1);
    CardId(format!("b-{}", (k % basics) * 4))
}

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 8, 0, 0).unwrap()
}

/// Writes a journal of `events` reviews over the basic cards of a deck of
/// `notes` notes, 37 s apart.
pub fn write_journal(path: &Path, events: u64, notes: usize) {
    let mut w = BufWriter::new(std::fs::File::create(path).unwrap());
    let mut line = Vec::new();
    for i in 0..events {
        let ts = base() + Duration::seconds(i64::try_from(i).unwrap() * 37);
        let event = Event {
            v: FORMAT_VERSION,
            id: new_event_id(ts),
            ts,
            body: EventBody::Review {
                card: card_id(i, notes),
                deck: "bench".into(),
                grade: Grade::ALL[(i % 7).min(3) as usize],
                ms: 800 + i % 9000,
                mode: Mode::Review,
                quiz: None,
            },
        };
        line.clear();
        encode_line(&event, &mut line).unwrap();
        w.write_all(&line).unwrap();
    }
    w.flush().unwrap();
}

/// A data dir with `decks/bench.toml` of `notes` notes and a journal of
/// `events` events (none when 0).
pub fn data_dir(root: &Path, notes: usize, events: u64) -> std::path::PathBuf {
    let dir = root.join(format!("data-{notes}-{events}"));
    std::fs::create_dir_all(dir.join("decks")).unwrap();
    std::fs::write(dir.join("decks/bench.toml"), deck_text(notes)).unwrap();
    if events > 0 {
        write_journal(&dir.join("journal.jsonl"), events, notes);
    }
    dir
}

#[derive(Deserialize)]
pub struct RawDeck {
    pub deck: RawMeta,
    pub cards: Vec<RawCard>,
}

#[derive(Deserialize)]
pub struct RawMeta {
    pub id: Option<String>,
    pub name: String,
    pub description: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum RawAnswer {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
pub struct RawCard {
    pub id: Option<String>,
    pub kind: Option<String>,
    pub front: Option<String>,
    pub back: Option<String>,
    pub text: Option<String>,
    pub choices: Option<Vec<String>>,
    pub answer: Option<RawAnswer>,
    pub items: Option<Vec<String>>,
    pub ordered: Option<bool>,
    pub reverse: Option<bool>,
    pub input: Option<bool>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub hint: Option<String>,
    pub explain: Option<String>,
    pub source: Option<String>,
}

/// The bare parse of a deck file: read and `toml::from_str` into plain structs.
pub fn bare_parse(path: &Path) -> RawDeck {
    let text = std::fs::read_to_string(path).expect("readable");
    toml::from_str(&text).expect("valid TOML")
}
