//! Opening a collection as the app does at start: config, bundled decks,
//! journal load and full replay through the scheduler, for journals of 100k
//! and 1M review events over 3000 cards.
//!
//! Run: `cargo bench --bench collection_open`

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use divan::AllocProfiler;
use kartei::collection::{Collection, OpenOptions};
use kartei::deck::CardId;
use kartei::progress::{Event, EventBody, FORMAT_VERSION, Grade, Mode, encode_line, new_event_id};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 8, 0, 0).unwrap()
}

fn event(i: u64) -> Event {
    let ts = base() + Duration::seconds(i64::try_from(i).unwrap() * 37);
    Event {
        v: FORMAT_VERSION,
        id: new_event_id(ts),
        ts,
        body: EventBody::Review {
            card: CardId(format!("gl-karte-{}", i % 3000)),
            deck: "grundlagen".into(),
            grade: Grade::ALL[(i % 7).min(3) as usize],
            ms: 800 + i % 9000,
            mode: Mode::Review,
            quiz: None,
        },
    }
}

fn data_dir(n: u64) -> &'static Path {
    static DIRS: OnceLock<(tempfile::TempDir, Vec<(u64, PathBuf)>)> = OnceLock::new();
    let (_tmp, dirs) = DIRS.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dirs = [100_000, 1_000_000]
            .into_iter()
            .map(|n| {
                let dir = tmp.path().join(n.to_string());
                fs::create_dir_all(&dir).unwrap();
                let mut w = BufWriter::new(fs::File::create(dir.join("journal.jsonl")).unwrap());
                let mut line = Vec::new();
                for i in 0..n {
                    line.clear();
                    encode_line(&event(i), &mut line).unwrap();
                    w.write_all(&line).unwrap();
                }
                w.flush().unwrap();
                (n, dir)
            })
            .collect();
        (tmp, dirs)
    });
    &dirs.iter().find(|(m, _)| *m == n).unwrap().1
}

#[divan::bench(args = [100_000, 1_000_000], sample_count = 5, sample_size = 1)]
fn open_bundled_decks(bencher: divan::Bencher, events: u64) {
    let dir = data_dir(events);
    bencher.bench(|| {
        let c = Collection::open(OpenOptions {
            data_dir: dir.to_path_buf(),
            config_path: dir.join("config.toml"),
            bundled: true,
            user_decks: None,
            extra_decks: Vec::new(),
            offset: FixedOffset::east_opt(3600).unwrap(),
            read_only: false,
            cache_dir: None,
        })
        .unwrap();
        assert_eq!(c.journal().events().len() as u64, events);
        c
    });
}
