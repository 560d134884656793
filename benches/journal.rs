//! Journal speed: loading 100k / 1M events, appending with and without
//! fsync, and encoding one event.
//!
//! Run with `cargo bench --bench journal`.

use std::fs::{self, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, Duration, TimeZone, Utc};
use kartei::deck::CardId;
use kartei::progress::{
    Event, EventBody, FORMAT_VERSION, Grade, Journal, Mode, effective_reviews, encode_line,
    new_event_id,
};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap()
}

fn review(i: u64) -> EventBody {
    EventBody::Review {
        card: CardId(format!("marketing-preis-{}~rev", i % 3000)),
        deck: "marketing-vs-vertrieb".into(),
        grade: Grade::ALL[(i % 4) as usize],
        ms: 800 + i % 9000,
        mode: Mode::Review,
        quiz: None,
    }
}

fn event(i: u64) -> Event {
    let ts = base() + Duration::milliseconds(i64::try_from(i).unwrap() * 37_000);
    Event {
        v: FORMAT_VERSION,
        id: new_event_id(ts),
        ts,
        body: review(i),
    }
}

/// A data directory holding a journal of `n` events, generated once.
fn data_dir(n: u64) -> &'static Path {
    static DIRS: OnceLock<(tempfile::TempDir, PathBuf, PathBuf)> = OnceLock::new();
    let (_tmp, small, large) = DIRS.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let mk = |n: u64| {
            let dir = tmp.path().join(n.to_string());
            fs::create_dir_all(&dir).unwrap();
            let f = fs::File::create(dir.join("journal.jsonl")).unwrap();
            let mut w = BufWriter::new(f);
            let mut line = Vec::new();
            for i in 0..n {
                line.clear();
                encode_line(&event(i), &mut line).unwrap();
                w.write_all(&line).unwrap();
            }
            w.flush().unwrap();
            let bytes = fs::metadata(dir.join("journal.jsonl")).unwrap().len();
            eprintln!("journal of {n} events: {} MB", bytes / 1_000_000);
            dir
        };
        let small = mk(100_000);
        let large = mk(1_000_000);
        (tmp, small, large)
    });
    if n == 100_000 { small } else { large }
}

#[divan::bench(args = [100_000, 1_000_000], sample_count = 10, sample_size = 1)]
fn load(bencher: divan::Bencher, n: u64) {
    let dir = data_dir(n);
    bencher.bench(|| {
        let (j, _) = Journal::open(dir).unwrap();
        assert_eq!(j.events().len() as u64, n);
        j
    });
}

#[divan::bench(args = [1_000_000], sample_count = 10, sample_size = 1)]
fn load_and_effective_reviews(bencher: divan::Bencher, n: u64) {
    let dir = data_dir(n);
    bencher.bench(|| {
        let (j, _) = Journal::open(dir).unwrap();
        let eff = effective_reviews(j.events());
        (j, eff.len())
    });
}

#[divan::bench]
fn encode_one(bencher: divan::Bencher) {
    let ev = event(12_345);
    let mut buf = Vec::with_capacity(512);
    bencher.bench_local(|| {
        buf.clear();
        encode_line(divan::black_box(&ev), &mut buf).unwrap();
        buf.len()
    });
}

#[divan::bench]
fn append_with_fsync(bencher: divan::Bencher) {
    let tmp = tempfile::tempdir().unwrap();
    let (mut j, _) = Journal::open(tmp.path()).unwrap();
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        j.append(base() + Duration::seconds(i), review(i as u64))
            .unwrap()
    });
}

/// What `append` does minus the fsync: new id, encode, one write to an
/// O_APPEND file.
#[divan::bench]
fn append_without_fsync(bencher: divan::Bencher) {
    let tmp = tempfile::tempdir().unwrap();
    let mut f = OpenOptions::new()
        .append(true)
        .create(true)
        .open(tmp.path().join("journal.jsonl"))
        .unwrap();
    let mut buf = Vec::with_capacity(512);
    let mut i: u64 = 0;
    bencher.bench_local(|| {
        i += 1;
        let ts = base() + Duration::seconds(i64::try_from(i).unwrap());
        let ev = Event {
            v: FORMAT_VERSION,
            id: new_event_id(ts),
            ts,
            body: review(i),
        };
        buf.clear();
        encode_line(&ev, &mut buf).unwrap();
        f.write_all(&buf).unwrap();
    });
}
