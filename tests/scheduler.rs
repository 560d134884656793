//! Scheduler behaviour through the public API.

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use kartei::deck::CardId;
use kartei::progress::Grade;
use kartei::scheduler::metrics::{auc, log_loss, rmse_bins};
use kartei::scheduler::optimize::{self, CardHistory};
use kartei::scheduler::{
    CardState, DoneToday, DurationError, Memory, Next, Phase, Queue, Scheduler, SchedulerConfig,
    SchedulerError, format_interval, parse_duration, study_day,
};
use proptest::prelude::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, 1, 12, 0, 0).unwrap()
}

fn sched(f: impl FnOnce(&mut SchedulerConfig)) -> Scheduler {
    let mut c = SchedulerConfig::default();
    f(&mut c);
    Scheduler::new(&c).unwrap()
}

fn no_fuzz() -> Scheduler {
    sched(|c| c.fuzz = false)
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

// ---------- reference values ----------

#[test]
fn first_answer_stabilities_match_fsrs6_defaults() {
    let s = no_fuzz();
    let card = CardId::from("c");
    let expected = [0.212, 1.2931, 2.3065, 8.2956];
    for (grade, want) in Grade::ALL.into_iter().zip(expected) {
        let st = s.replay(&card, [(t0(), grade)]);
        let m = st.memory.unwrap();
        assert!(
            close(f64::from(m.stability), want, 1e-4),
            "{grade:?}: {m:?}"
        );
    }
}

fn reference_history() -> Vec<(DateTime<Utc>, Grade)> {
    let grades = [
        Grade::Again,
        Grade::Good,
        Grade::Good,
        Grade::Good,
        Grade::Good,
        Grade::Good,
    ];
    let days = [0, 0, 1, 4, 12, 33];
    days.iter()
        .zip(grades)
        .enumerate()
        .map(|(i, (&d, g))| (t0() + Duration::days(d) + Duration::minutes(i as i64), g))
        .collect()
}

#[test]
fn replayed_history_matches_reference_memory_and_intervals() {
    for (retention, want) in [(0.8, 177.8), (0.85, 102.2), (0.9, 53.6), (0.95, 21.6)] {
        let s = sched(|c| {
            c.fuzz = false;
            c.desired_retention = retention;
        });
        let st = s.replay(&CardId::from("ref"), reference_history());
        let m = st.memory.unwrap();
        assert!(close(f64::from(m.stability), 53.62691, 1e-4), "{m:?}");
        assert!(close(f64::from(m.difficulty), 6.3574867, 1e-4), "{m:?}");
        let ivl = s.interval_for(&m);
        assert!(close(ivl, want, 0.06), "retention {retention}: {ivl}");
        assert_eq!(st.phase, Phase::Review);
        assert_eq!(st.scheduled_days, want.round() as u32);
        assert_eq!(st.reps, 6);
    }
}

#[test]
fn replay_equals_fsrs_crate_memory_state() {
    let s = no_fuzz();
    let st = s.replay(&CardId::from("x"), reference_history());
    let item = fsrs::FSRSItem {
        reviews: [(1, 0), (3, 0), (3, 1), (3, 3), (3, 8), (3, 21)]
            .map(|(rating, delta_t)| fsrs::FSRSReview { rating, delta_t })
            .to_vec(),
    };
    let m = fsrs::FSRS::default().memory_state(item, None).unwrap();
    let ours = st.memory.unwrap();
    assert!((ours.stability - m.stability).abs() < 1e-4);
    assert!((ours.difficulty - m.difficulty).abs() < 1e-4);
}

// ---------- learning steps ----------

#[test]
fn new_card_walks_learning_steps() {
    let s = no_fuzz();
    let c = CardId::from("n");
    let new = CardState::new();
    let out = s.preview(&c, &new, t0());
    assert_eq!(out[0].interval, Duration::minutes(1));
    assert_eq!(out[0].state.phase, Phase::Learning { step: 0 });
    // Hard on the first of two steps: halfway between them.
    assert_eq!(out[1].interval, Duration::seconds(330));
    assert_eq!(out[1].state.phase, Phase::Learning { step: 0 });
    assert_eq!(out[2].interval, Duration::minutes(10));
    assert_eq!(out[2].state.phase, Phase::Learning { step: 1 });
    assert_eq!(out[3].state.phase, Phase::Review);
    assert!(out[3].interval >= Duration::days(1));

    // Good on the last step graduates with a day interval.
    let step1 = &out[2].state;
    let later = t0() + Duration::minutes(10);
    let g = s.review(&c, step1, Grade::Good, later);
    assert_eq!(g.phase, Phase::Review);
    assert!(g.scheduled_days >= 1);
    assert_eq!(
        g.due,
        Some(later + Duration::days(i64::from(g.scheduled_days)))
    );
    // Hard on step 1 repeats it; Again goes back to step 0.
    assert_eq!(
        s.review(&c, step1, Grade::Hard, later).due,
        Some(later + Duration::minutes(10))
    );
    assert_eq!(
        s.review(&c, step1, Grade::Again, later).phase,
        Phase::Learning { step: 0 }
    );
}

#[test]
fn single_step_hard_is_one_and_a_half_times() {
    let s = sched(|c| {
        c.learning_steps = vec!["10m".into()];
        c.fuzz = false;
    });
    let out = s.preview(&CardId::from("a"), &CardState::new(), t0());
    assert_eq!(out[1].interval, Duration::minutes(15));
    assert_eq!(out[2].state.phase, Phase::Review);
}

#[test]
fn review_lapse_relearns_then_returns() {
    let s = no_fuzz();
    let c = CardId::from("l");
    let st = s.replay(&c, reference_history());
    let now = st.due.unwrap();
    let lapsed = s.review(&c, &st, Grade::Again, now);
    assert_eq!(lapsed.phase, Phase::Relearning { step: 0 });
    assert_eq!(lapsed.lapses, st.lapses + 1);
    assert_eq!(lapsed.due, Some(now + Duration::minutes(10)));
    assert!(lapsed.memory.unwrap().stability < st.memory.unwrap().stability);
    let back = s.review(&c, &lapsed, Grade::Good, now + Duration::minutes(10));
    assert_eq!(back.phase, Phase::Review);
    assert_eq!(back.lapses, lapsed.lapses);
    assert!(back.scheduled_days >= 1);
}

#[test]
fn review_intervals_strictly_ordered_and_capped() {
    let s = sched(|c| {
        c.fuzz = false;
        c.maximum_interval_days = 30;
    });
    let c = CardId::from("o");
    let st = s.replay(&c, reference_history()[..4].to_vec());
    let out = s.preview(&c, &st, st.due.unwrap());
    let days: Vec<u32> = out[1..].iter().map(|o| o.state.scheduled_days).collect();
    assert!(days[0] < days[1] || days[1] == 30, "{days:?}");
    assert!(days.iter().all(|&d| d <= 30), "{days:?}");
    let st = s.replay(&c, reference_history());
    let out = s.preview(&c, &st, st.due.unwrap());
    assert!(out[1..].iter().all(|o| o.state.scheduled_days == 30));
}

// ---------- fuzz ----------

#[test]
fn fuzz_is_deterministic_and_bounded() {
    let fuzzy = sched(|_| {});
    let plain = no_fuzz();
    let history = reference_history();
    let mut seen = std::collections::BTreeSet::new();
    for i in 0..40 {
        let c = CardId(format!("card-{i}"));
        let a = fuzzy.replay(&c, history.clone());
        let b = fuzzy.replay(&c, history.clone());
        assert_eq!(a, b, "same card, same history, same result");
        let base = plain.replay(&c, history.clone()).scheduled_days;
        let d = a.scheduled_days;
        // 53.6 days: delta = 1 + 0.15*4.5 + 0.1*13 + 0.05*33.6 = 4.655.
        assert!((49..=58).contains(&d), "{d} vs {base}");
        seen.insert(d);
    }
    assert!(seen.len() > 3, "fuzz should spread: {seen:?}");
}

#[test]
fn no_fuzz_below_three_days() {
    let fuzzy = sched(|_| {});
    let plain = no_fuzz();
    for i in 0..30 {
        let c = CardId(format!("k{i}"));
        // Good on a new card after the steps: about 2 days.
        let h = [
            (t0(), Grade::Good),
            (t0() + Duration::minutes(10), Grade::Good),
        ];
        let a = fuzzy.replay(&c, h);
        let b = plain.replay(&c, h);
        if b.scheduled_days < 3 {
            assert_eq!(a.scheduled_days, b.scheduled_days);
        }
    }
}

// ---------- day boundary ----------

#[test]
fn day_boundary_at_configured_local_hour() {
    let cest = FixedOffset::east_opt(2 * 3600).unwrap();
    // 03:59 and 04:00 local on 2024-05-02 = 01:59 and 02:00 UTC.
    let before = Utc.with_ymd_and_hms(2024, 5, 2, 1, 59, 0).unwrap();
    let after = Utc.with_ymd_and_hms(2024, 5, 2, 2, 0, 0).unwrap();
    assert_eq!(
        study_day(before, cest, 4),
        chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()
    );
    assert_eq!(
        study_day(after, cest, 4),
        chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap()
    );
}

#[test]
fn day_boundary_decides_same_day_memory_update() {
    let cest = FixedOffset::east_opt(2 * 3600).unwrap();
    let s = no_fuzz().with_utc_offset(cest);
    let c = CardId::from("d");
    let first = Utc.with_ymd_and_hms(2024, 5, 1, 18, 0, 0).unwrap();
    let st = s.review(&c, &CardState::new(), Grade::Good, first);
    let before = Utc.with_ymd_and_hms(2024, 5, 2, 1, 59, 0).unwrap();
    let after = Utc.with_ymd_and_hms(2024, 5, 2, 2, 0, 0).unwrap();
    let same_day = s.review(&c, &st, Grade::Good, before).memory.unwrap();
    let next_day = s.review(&c, &st, Grade::Good, after).memory.unwrap();
    // Same day: short-term formula; next day: a real (larger) review gain.
    assert!(next_day.stability > same_day.stability);
}

// ---------- config ----------

#[test]
fn durations_parse_and_reject() {
    assert_eq!(parse_duration("90s").unwrap(), Duration::seconds(90));
    assert_eq!(parse_duration("10m").unwrap(), Duration::minutes(10));
    assert_eq!(parse_duration("1h30m").unwrap(), Duration::minutes(90));
    assert_eq!(parse_duration(" 2d ").unwrap(), Duration::days(2));
    assert_eq!(parse_duration(""), Err(DurationError::Empty));
    assert!(matches!(
        parse_duration("10"),
        Err(DurationError::MissingUnit { .. })
    ));
    assert!(matches!(
        parse_duration("5x"),
        Err(DurationError::UnknownUnit { unit: 'x', .. })
    ));
    assert!(matches!(
        parse_duration("m"),
        Err(DurationError::MissingNumber { .. })
    ));
    assert!(matches!(
        parse_duration("0m"),
        Err(DurationError::Zero { .. })
    ));
    assert!(matches!(
        parse_duration("99999999999999d"),
        Err(DurationError::TooLong { .. })
    ));
}

#[test]
fn config_validation_names_the_setting() {
    let bad = |f: fn(&mut SchedulerConfig)| {
        let mut c = SchedulerConfig::default();
        f(&mut c);
        Scheduler::new(&c).unwrap_err()
    };
    assert_eq!(
        bad(|c| c.desired_retention = 0.5),
        SchedulerError::Retention(0.5)
    );
    assert_eq!(
        bad(|c| c.maximum_interval_days = 0),
        SchedulerError::MaximumInterval(0)
    );
    assert_eq!(
        bad(|c| c.day_start_hour = 24),
        SchedulerError::DayStartHour(24)
    );
    assert_eq!(
        bad(|c| c.parameters = vec![1.0; 5]),
        SchedulerError::ParameterCount(5)
    );
    let e = bad(|c| c.learning_steps = vec!["1m".into(), "ten".into()]);
    assert!(e.to_string().contains("learning_steps"), "{e}");
    assert!(e.to_string().contains("\"ten\""), "{e}");
    assert!(SchedulerConfig::default().validate().is_ok());
}

#[test]
fn config_reads_partial_toml_table() {
    let c: SchedulerConfig = toml::from_str("desired_retention = 0.85\nfuzz = false\n").unwrap();
    assert_eq!(c.desired_retention, 0.85);
    assert!(!c.fuzz);
    assert_eq!(c.new_per_day, 20);
    assert_eq!(c.learning_steps, vec!["1m", "10m"]);
}

#[test]
fn interval_labels() {
    assert_eq!(format_interval(Duration::minutes(1)), "1 min");
    assert_eq!(format_interval(Duration::minutes(10)), "10 min");
    assert_eq!(format_interval(Duration::days(4)), "4 d");
    assert_eq!(format_interval(Duration::days(91)), "3 mo");
    assert_eq!(format_interval(Duration::days(438)), "1.2 y");
}

#[test]
fn retrievability_none_for_new_and_falls_over_time() {
    let s = no_fuzz();
    assert_eq!(s.retrievability(&CardState::new(), t0()), None);
    let st = s.replay(&CardId::from("r"), reference_history());
    let at = |d| {
        s.retrievability(&st, st.last_review.unwrap() + Duration::days(d))
            .unwrap()
    };
    assert!(close(at(0), 1.0, 1e-9));
    assert!(at(10) > at(100));
    // At the stability, R is 90 % by definition.
    let m = st.memory.unwrap();
    let r = s
        .retrievability(
            &st,
            st.last_review.unwrap() + Duration::seconds((f64::from(m.stability) * 86400.0) as i64),
        )
        .unwrap();
    assert!(close(r, 0.9, 1e-3), "{r}");
}

#[test]
fn card_state_round_trips_through_json() {
    let s = no_fuzz();
    let st = s.replay(&CardId::from("j"), reference_history());
    let json = serde_json::to_string(&st).unwrap();
    let back: CardState = serde_json::from_str(&json).unwrap();
    assert_eq!(st, back);
}

// ---------- properties ----------

fn grade() -> impl Strategy<Value = Grade> {
    prop_oneof![
        Just(Grade::Again),
        Just(Grade::Hard),
        Just(Grade::Good),
        Just(Grade::Easy)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn intervals_positive_ordered_never_in_past(
        history in prop::collection::vec((grade(), 0u32..(200 * 24 * 60)), 0..25),
        fuzz in any::<bool>(),
        max in 1u32..=36500,
    ) {
        let s = sched(|c| { c.fuzz = fuzz; c.maximum_interval_days = max; });
        let card = CardId::from("p");
        let mut st = CardState::new();
        let mut now = t0();
        for (g, gap_min) in history {
            now += Duration::minutes(i64::from(gap_min));
            let out = s.preview(&card, &st, now);
            for w in out.windows(2) {
                prop_assert!(w[0].interval <= w[1].interval, "{:?}", out);
            }
            for o in &out {
                prop_assert!(o.interval > Duration::zero());
                prop_assert!(o.state.due.unwrap() > now);
                prop_assert!(o.state.scheduled_days <= max);
                let m = o.state.memory.unwrap();
                prop_assert!(m.stability.is_finite() && m.stability > 0.0);
                prop_assert!((1.0..=10.0).contains(&m.difficulty));
            }
            let next = s.review(&card, &st, g, now);
            prop_assert_eq!(&next, &out[usize::from(g.as_u8() - 1)].state);
            st = next;
        }
    }

    #[test]
    fn replay_memory_equals_fsrs_crate(
        history in prop::collection::vec((grade(), 0u32..60), 1..20),
    ) {
        let s = no_fuzz();
        let mut day = 0i64;
        let mut stamps = Vec::new();
        let mut reviews = Vec::new();
        for (i, &(g, gap)) in history.iter().enumerate() {
            day += i64::from(gap);
            stamps.push((t0() + Duration::days(day) + Duration::seconds(i as i64), g));
            let delta_t = if i == 0 { 0 } else { gap };
            reviews.push(fsrs::FSRSReview { rating: u32::from(g.as_u8()), delta_t });
        }
        let ours = s.replay(&CardId::from("q"), stamps).memory.unwrap();
        let theirs = fsrs::FSRS::default().memory_state(fsrs::FSRSItem { reviews }, None).unwrap();
        prop_assert!((ours.stability - theirs.stability).abs() <= 1e-4 * theirs.stability.max(1.0));
        prop_assert!((ours.difficulty - theirs.difficulty).abs() <= 1e-4);
    }
}

// ---------- queue ----------

fn review_state(stability: f32, days_ago: i64, now: DateTime<Utc>) -> CardState {
    let last = now - Duration::days(days_ago);
    CardState {
        phase: Phase::Review,
        memory: Some(Memory {
            stability,
            difficulty: 5.0,
        }),
        due: Some(last + Duration::days(1)),
        last_review: Some(last),
        reps: 3,
        lapses: 0,
        scheduled_days: 1,
    }
}

fn learning_state(due: DateTime<Utc>) -> CardState {
    CardState {
        phase: Phase::Learning { step: 1 },
        memory: Some(Memory {
            stability: 2.3,
            difficulty: 2.1,
        }),
        due: Some(due),
        last_review: Some(due - Duration::minutes(10)),
        reps: 1,
        lapses: 0,
        scheduled_days: 0,
    }
}

#[test]
fn queue_learning_first_then_lowest_retrievability() {
    let s = no_fuzz();
    let now = t0();
    let cards = [
        ("r-strong", review_state(50.0, 2, now)),
        ("r-weak", review_state(1.0, 20, now)),
        ("l-late", learning_state(now - Duration::minutes(1))),
        ("l-early", learning_state(now - Duration::minutes(5))),
        ("l-future", learning_state(now + Duration::minutes(30))),
    ];
    let mut q = Queue::build(
        &s,
        cards
            .iter()
            .enumerate()
            .map(|(i, (id, st))| (CardId::from(*id), st, i)),
        now,
        DoneToday::default(),
    );
    assert_eq!(q.counts().learning, 3);
    assert_eq!(q.counts().review, 2);
    let mut order = Vec::new();
    while let Next::Card(c) = q.next(now) {
        let st = cards
            .iter()
            .find(|(id, _)| *id == c.as_str())
            .unwrap()
            .1
            .clone();
        let after = s.review(&c, &st, Grade::Good, now);
        q.answered(&c, &after, now);
        order.push(c.0);
    }
    assert_eq!(order, ["l-early", "l-late", "r-weak", "r-strong"]);
    assert_eq!(q.next(now), Next::Wait(now + Duration::minutes(30)));
    assert_eq!(
        q.next(now + Duration::minutes(30)),
        Next::Card(CardId::from("l-future"))
    );
}

#[test]
fn queue_respects_new_limit_and_interleaves() {
    let s = sched(|c| {
        c.fuzz = false;
        c.new_per_day = 5;
    });
    let now = t0();
    let new = CardState::new();
    let mut states: Vec<(CardId, CardState, usize)> = Vec::new();
    for i in 0..8 {
        states.push((CardId(format!("n{i}")), new.clone(), 100 - i));
    }
    for i in 0..12 {
        states.push((
            CardId(format!("r{i}")),
            review_state(5.0 + i as f32, 3, now),
            0,
        ));
    }
    let mut q = Queue::build(
        &s,
        states.iter().map(|(id, st, p)| (id.clone(), st, *p)),
        now,
        DoneToday { new: 2, reviews: 0 },
    );
    assert_eq!(q.counts().new, 3);
    let mut order = Vec::new();
    while let Next::Card(c) = q.next(now) {
        // Answer Easy so nothing comes back as a learning card.
        let st = &states.iter().find(|(id, _, _)| *id == c).unwrap().1;
        let after = s.review(&c, st, Grade::Easy, now);
        q.answered(&c, &after, now);
        order.push(c.0);
    }
    let news: Vec<&String> = order.iter().filter(|c| c.starts_with('n')).collect();
    // Deck order is by position: n7 (93), n6 (94), n5 (95).
    assert_eq!(news, ["n7", "n6", "n5"]);
    assert_eq!(order.len(), 15);
    // Interleaved: new cards neither all first nor all last.
    let first_new = order.iter().position(|c| c.starts_with('n')).unwrap();
    let last_new = order.iter().rposition(|c| c.starts_with('n')).unwrap();
    assert!(first_new > 0 && last_new < order.len() - 1, "{order:?}");
    assert_eq!(q.next(now), Next::Done);
}

#[test]
fn queue_undo_restores_card_and_counts() {
    let s = no_fuzz();
    let now = t0();
    let new = CardState::new();
    let mut q = Queue::build(
        &s,
        [(CardId::from("a"), &new, 0)],
        now,
        DoneToday::default(),
    );
    let c = match q.next(now) {
        Next::Card(c) => c,
        other => panic!("{other:?}"),
    };
    let after = s.review(&c, &new, Grade::Good, now);
    q.answered(&c, &after, now);
    assert_eq!(q.counts().new, 0);
    assert_eq!(q.counts().learning, 1);
    q.undo(&c, &new);
    assert_eq!(q.counts().new, 1);
    assert_eq!(q.counts().learning, 0);
    assert_eq!(q.next(now), Next::Card(c));
}

#[test]
fn queue_reviews_due_tomorrow_are_not_shown() {
    let s = no_fuzz();
    let now = t0();
    let mut st = review_state(10.0, 1, now);
    st.due = Some(now + Duration::days(1));
    let q = Queue::build(&s, [(CardId::from("x"), &st, 0)], now, DoneToday::default());
    assert_eq!(q.counts().review, 0);
    assert_eq!(q.next(now), Next::Done);
}

// ---------- metrics & optimizer ----------

#[test]
fn metrics_on_hand_computed_data() {
    let p = [0.9, 0.8, 0.3, 0.6];
    let y = [true, false, false, true];
    // -(ln .9 + ln .2 + ln .7 + ln .6)/4
    let want = -(0.9f64.ln() + 0.2f64.ln() + 0.7f64.ln() + 0.6f64.ln()) / 4.0;
    assert!(close(log_loss(&p, &y), want, 1e-12));
    // Pairs (pos, neg): (.9,.8) win, (.9,.3) win, (.6,.8) lose, (.6,.3) win → 3/4.
    assert!(close(auc(&p, &y), 0.75, 1e-12));
    assert!(close(auc(&[0.5, 0.5], &[true, false]), 0.5, 1e-12));
    // Bin a: mean p .85, rate .5 → .35; bin b: mean p .45, rate .5 → -.05.
    let r = rmse_bins([
        ("a", 0.9, true),
        ("a", 0.8, false),
        ("b", 0.3, false),
        ("b", 0.6, true),
    ]);
    let want = ((2.0 * 0.35f64.powi(2) + 2.0 * 0.05f64.powi(2)) / 4.0).sqrt();
    assert!(close(r, want, 1e-12), "{r} vs {want}");
}

#[test]
fn fit_refuses_too_little_data() {
    let h = CardHistory::from_timestamps(reference_history(), FixedOffset::east_opt(0).unwrap(), 4);
    match optimize::fit(&[h]) {
        Err(SchedulerError::NotEnoughReviews { have, need }) => {
            assert_eq!(have, 4);
            assert_eq!(need, optimize::MIN_REVIEWS);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn evaluate_scores_cross_day_reviews_only() {
    let h = CardHistory::from_timestamps(reference_history(), FixedOffset::east_opt(0).unwrap(), 4);
    let m = optimize::evaluate(&[], &[h]).unwrap();
    assert_eq!(m.count, 4);
    assert!(m.log_loss.is_finite() && m.log_loss > 0.0);
    assert!(optimize::evaluate(&[1.0; 3], &[]).is_err());
}

#[test]
fn fit_returns_full_finite_parameters_on_enough_data() {
    // 120 cards, each answered on days 0, 1, 4, 10, 25 with a mix of grades.
    let s = no_fuzz();
    let histories: Vec<CardHistory> = (0..120u32)
        .map(|c| {
            let days = [0i64, 1, 4, 10, 25];
            let reviews = days.iter().enumerate().map(|(i, &d)| {
                let g = match (c as usize * 7 + i * 3) % 10 {
                    0 | 1 => Grade::Again,
                    2 => Grade::Hard,
                    9 => Grade::Easy,
                    _ => Grade::Good,
                };
                (t0() + Duration::days(d), g)
            });
            CardHistory::from_timestamps(reviews, s.utc_offset(), 4)
        })
        .collect();
    assert_eq!(optimize::scored_reviews(&histories), 480);
    let fit = optimize::fit(&histories).unwrap();
    assert_eq!(fit.reviews, 480);
    assert_eq!(fit.parameters.len(), 21);
    assert!(fit.parameters.iter().all(|w| w.is_finite()));
    let old = optimize::evaluate(&[], &histories).unwrap();
    let new = optimize::evaluate(&fit.parameters, &histories).unwrap();
    assert_eq!(old.count, new.count);
    // Fitted on these very reviews, the new parameters must not predict them worse.
    assert!(new.log_loss <= old.log_loss + 1e-6, "{new:?} vs {old:?}");
}

// ---------- own FSRS-6 evaluation vs the fsrs crate ----------

fn rel_close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1e-4 * b.abs().max(1.0)
}

/// Thousandths in `range`, as `f32`.
fn milli(range: std::ops::Range<u32>) -> impl Strategy<Value = f32> {
    #[allow(clippy::cast_precision_loss)]
    range.prop_map(|n| n as f32 / 1000.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn fsrs6_equals_crate_next_states(
        // Floats from integers: proptest's float sampler trips a debug
        // assertion of its own on rare draws (seen once in a full run).
        scale in prop::collection::vec(milli(300..1_700), 21),
        defaults in any::<bool>(),
        stability in milli(1..40_000_000),
        difficulty in milli(500..11_000),
        days in prop_oneof![Just(0u32), 1u32..30, 30u32..5000],
        new_card in any::<bool>(),
        retention in milli(700..990),
    ) {
        let params: Vec<f32> = if defaults {
            Vec::new()
        } else {
            fsrs::DEFAULT_PARAMETERS.iter().zip(&scale).map(|(w, k)| w * k).collect()
        };
        let ours = kartei::scheduler::Fsrs6::new(&params).unwrap();
        let crate_model = fsrs::FSRS::new(&params).unwrap();
        let memory = (!new_card).then_some(Memory { stability, difficulty });
        let mine = ours.next_states(memory, days);
        let theirs = crate_model
            .next_states(memory.map(Into::into), retention, days)
            .unwrap();
        for (m, t) in mine.iter().zip([theirs.again, theirs.hard, theirs.good, theirs.easy]) {
            prop_assert!(rel_close(m.stability, t.memory.stability), "{m:?} vs {t:?}");
            prop_assert!((m.difficulty - t.memory.difficulty).abs() <= 1e-4, "{m:?} vs {t:?}");
            prop_assert!(rel_close(ours.interval(m.stability, retention), t.interval));
        }
    }
}

#[test]
fn scheduler_uses_configured_parameters() {
    let mut params = fsrs::DEFAULT_PARAMETERS.to_vec();
    params[2] = 5.0; // initial stability after Good
    let s = sched(|c| {
        c.fuzz = false;
        c.parameters = params.clone();
        c.learning_steps = Vec::new();
    });
    let st = s.replay(&CardId::from("p"), [(t0(), Grade::Good)]);
    assert_eq!(st.memory.unwrap().stability, 5.0);
    assert_eq!(st.scheduled_days, 5);
}

#[test]
fn queue_ahead_brings_later_reviews_forward() {
    let s = no_fuzz();
    let now = t0();
    let mut soon = review_state(10.0, 1, now);
    soon.due = Some(now + Duration::days(2));
    let mut far = review_state(30.0, 1, now);
    far.due = Some(now + Duration::days(9));
    let mut q = Queue::build(
        &s,
        [
            (CardId::from("soon"), &soon, 0),
            (CardId::from("far"), &far, 1),
        ],
        now,
        DoneToday::default(),
    );
    assert_eq!(q.next(now), Next::Done);
    assert_eq!(q.ahead(1), 0);
    assert_eq!(q.ahead(2), 1);
    assert_eq!(q.counts().review, 1);
    assert_eq!(q.next(now), Next::Card(CardId::from("soon")));
    assert_eq!(q.ahead(10), 1);
    assert_eq!(q.counts().review, 2);
}

#[test]
fn queue_undo_of_review_restores_order_and_limit() {
    let s = sched(|c| {
        c.fuzz = false;
        c.reviews_per_day = 2;
    });
    let now = t0();
    let weak = review_state(1.0, 20, now);
    let mid = review_state(5.0, 10, now);
    let strong = review_state(50.0, 2, now);
    let mut q = Queue::build(
        &s,
        [
            (CardId::from("weak"), &weak, 0),
            (CardId::from("mid"), &mid, 1),
            (CardId::from("strong"), &strong, 2),
        ],
        now,
        DoneToday { new: 0, reviews: 1 },
    );
    assert_eq!(q.counts().review, 1);
    let c = CardId::from("weak");
    assert_eq!(q.next(now), Next::Card(c.clone()));
    q.answered(&c, &s.review(&c, &weak, Grade::Good, now), now);
    assert_eq!(q.counts().review, 0);
    assert_eq!(q.next(now), Next::Done);
    q.undo(&c, &weak);
    assert_eq!(q.counts().review, 1);
    assert_eq!(q.next(now), Next::Card(c));
}

/// `Queue::counts_of` gives the counts of the queue `Queue::build` makes
/// from the same cards, limits and raised new limit included, with and
/// without cards given twice (the last entry counts).
#[test]
fn counts_of_is_the_built_queues_counts() {
    let s = sched(|c| {
        c.new_per_day = 4;
        c.reviews_per_day = 5;
    });
    let now = t0();
    let new = CardState::new();
    let mut cards: Vec<(CardId, CardState)> = Vec::new();
    for i in 0..7 {
        cards.push((CardId(format!("n{i}")), new.clone()));
    }
    for i in 0..9 {
        cards.push((
            CardId(format!("r{i}")),
            review_state(1.0 + i as f32, 3, now),
        ));
    }
    for (i, minutes) in [-5i64, 20, 60 * 30].iter().enumerate() {
        cards.push((
            CardId(format!("l{i}")),
            learning_state(now + Duration::minutes(*minutes)),
        ));
    }
    cards.push((
        CardId("later".into()),
        CardState {
            due: Some(now + Duration::days(9)),
            ..review_state(40.0, 2, now)
        },
    ));
    let mut doubled = cards.clone();
    // Given again as another kind: the last entry counts.
    doubled.push((CardId("n0".into()), review_state(2.0, 3, now)));
    doubled.push((CardId("r0".into()), new.clone()));
    doubled.push((CardId("l0".into()), new.clone()));
    for (list, unique) in [(&cards, true), (&cards, false), (&doubled, false)] {
        for done in [
            DoneToday::default(),
            DoneToday { new: 2, reviews: 3 },
            DoneToday { new: 9, reviews: 9 },
        ] {
            for raise in [0, 3, 6] {
                let mut q = Queue::build(
                    &s,
                    list.iter()
                        .enumerate()
                        .map(|(p, (id, st))| (id.clone(), st, p)),
                    now,
                    done,
                );
                q.raise_new_limit(raise, done.new);
                let tally = Queue::counts_of(
                    &s,
                    list.iter().map(|(id, st)| (id, st)),
                    unique,
                    now,
                    done,
                    raise,
                );
                assert_eq!(
                    tally,
                    q.counts(),
                    "{} cards, {done:?}, raise {raise}",
                    list.len()
                );
            }
        }
    }
}
