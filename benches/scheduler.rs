//! Scheduler speed: journal replay, queue building and picking, one review.

use chrono::{DateTime, Duration, TimeZone, Utc};
use divan::{Bencher, black_box};
use kartei::deck::CardId;
use kartei::progress::Grade;
use kartei::scheduler::{CardState, DoneToday, Next, Queue, Scheduler, SchedulerConfig};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 12, 0, 0).unwrap()
}

/// A cheap deterministic grade stream (mostly Good, some Again/Hard/Easy).
fn grade(seed: u64) -> Grade {
    match (seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 60) % 16 {
        0..=1 => Grade::Again,
        2 => Grade::Hard,
        3 => Grade::Easy,
        _ => Grade::Good,
    }
}

/// 100,000 cards x 10 reviews = 1,000,000 review events, each card's
/// answers spread over the days its own schedule asks for.
type History = Vec<(DateTime<Utc>, Grade)>;

fn histories() -> Vec<(CardId, History)> {
    (0..100_000u64)
        .map(|c| {
            let mut t = start() + Duration::minutes((c % 1440) as i64);
            let reviews = (0..10u64)
                .map(|i| {
                    let g = grade(c * 16 + i);
                    let r = (t, g);
                    t += Duration::hours(1 + ((c + i) % 7) as i64 * 24 * (i as i64 + 1));
                    r
                })
                .collect();
            (CardId(format!("deck-{c}")), reviews)
        })
        .collect()
}

#[divan::bench(sample_count = 5)]
fn replay_1m_reviews_100k_cards(bencher: Bencher) {
    let s = Scheduler::new(&SchedulerConfig::default()).unwrap();
    let h = histories();
    bencher.bench_local(|| {
        h.iter()
            .map(|(id, reviews)| s.replay(id, reviews.iter().copied()).reps)
            .sum::<u32>()
    });
}

#[divan::bench(sample_count = 5)]
fn queue_build_and_1000_picks_100k_cards(bencher: Bencher) {
    let config = SchedulerConfig {
        new_per_day: 500,
        reviews_per_day: 100_000,
        ..SchedulerConfig::default()
    };
    let s = Scheduler::new(&config).unwrap();
    let now = start() + Duration::days(60);
    let states: Vec<(CardId, CardState)> = (0..100_000u64)
        .map(|c| {
            let id = CardId(format!("deck-{c}"));
            let st = if c % 3 == 0 {
                CardState::new()
            } else {
                let t0 = now - Duration::days((c % 50) as i64 + 1);
                s.replay(
                    &id,
                    [(t0, Grade::Good), (t0 + Duration::minutes(10), grade(c))],
                )
            };
            (id, st)
        })
        .collect();
    bencher.bench_local(|| {
        let mut q = Queue::build(
            &s,
            states
                .iter()
                .enumerate()
                .map(|(i, (id, st))| (id.clone(), st, i)),
            now,
            DoneToday::default(),
        );
        let mut t = now;
        for _ in 0..1000 {
            let Next::Card(c) = q.next(t) else { break };
            let after = CardState {
                due: Some(t + Duration::days(3)),
                phase: kartei::scheduler::Phase::Review,
                ..CardState::new()
            };
            q.answered(&c, &after, t);
            t += Duration::seconds(5);
        }
        q.counts()
    });
}

#[divan::bench]
fn review_one(bencher: Bencher) {
    let s = Scheduler::new(&SchedulerConfig::default()).unwrap();
    let id = CardId::from("card");
    let st = s.replay(
        &id,
        [
            (start(), Grade::Good),
            (start() + Duration::days(2), Grade::Good),
        ],
    );
    let now = start() + Duration::days(9);
    bencher.bench_local(|| s.review(black_box(&id), black_box(&st), Grade::Good, black_box(now)));
}

#[divan::bench]
fn fsrs_crate_next_states(bencher: Bencher) {
    let fsrs = fsrs::FSRS::default();
    let m = fsrs::MemoryState {
        stability: 10.0,
        difficulty: 5.0,
    };
    bencher.bench_local(|| {
        fsrs.next_states(black_box(Some(m)), 0.9, black_box(7))
            .unwrap()
    });
}
