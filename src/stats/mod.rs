//! Figures derived from decks, card states and the journal: counts per deck,
//! true retention, streaks, the due forecast and the review history. Pure:
//! the current time and the day boundary are passed in.

pub mod series;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::Serialize;

use crate::deck::CardId;
use crate::progress::Grade;
use crate::scheduler::{CardState, Phase};

/// "Today" as a student sees it: the current time, the local offset and the
/// hour at which a new study day begins.
#[derive(Debug, Clone, Copy)]
pub struct StudyClock {
    pub now: DateTime<Utc>,
    pub offset: FixedOffset,
    pub day_start_hour: u32,
}

impl StudyClock {
    /// The study day a moment belongs to (before `day_start_hour` local time
    /// it still counts as the previous day).
    #[must_use]
    pub fn day_of(&self, ts: DateTime<Utc>) -> NaiveDate {
        crate::scheduler::study_day(ts, self.offset, self.day_start_hour)
    }

    /// The current study day.
    #[must_use]
    pub fn today(&self) -> NaiveDate {
        self.day_of(self.now)
    }

    /// The first moment of the study day after `day`.
    #[must_use]
    pub fn end_of(&self, day: NaiveDate) -> DateTime<Utc> {
        let next = day.succ_opt().unwrap_or(day);
        let naive = next
            .and_hms_opt(self.day_start_hour.min(23), 0, 0)
            .unwrap_or_else(|| next.and_time(chrono::NaiveTime::MIN));
        self.offset
            .from_local_datetime(&naive)
            .single()
            .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
    }
}

/// One effective (not undone) review, as the statistics need it.
#[derive(Debug, Clone, Copy)]
pub struct ReviewRecord<'a> {
    pub card: &'a CardId,
    pub ts: DateTime<Utc>,
    pub grade: Grade,
}

/// Counts for one deck (or the total).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeckCounts {
    pub id: String,
    pub cards: usize,
    /// New cards that will be shown today (daily limit applied, siblings
    /// held back).
    pub new: usize,
    /// Cards in (re)learning steps due today.
    pub learning: usize,
    /// Review cards due today (daily limit applied, siblings held back).
    pub due: usize,
    pub reviewed_today: usize,
    /// Cards whose stability is at least 21 days.
    pub mature: usize,
    /// Suspended cards (never shown until unsuspended).
    pub suspended: usize,
}

impl DeckCounts {
    /// Share of mature cards, 0..=1.
    #[must_use]
    pub fn mastery(&self) -> f64 {
        if self.cards == 0 {
            0.0
        } else {
            self.mature as f64 / self.cards as f64
        }
    }
}

/// Stability (days) from which a card counts as mature.
pub const MATURE_DAYS: f64 = 21.0;

/// Counts for a set of cards. `today` is what today's queue over the same
/// cards holds (the one definition of new / learning / due, see
/// [`crate::scheduler::Queue::counts`]); `reviewed_today` counts effective
/// reviews of these cards on the current study day.
#[must_use]
pub fn count<'a>(
    id: &str,
    cards: impl IntoIterator<Item = &'a CardId>,
    states: &crate::deck::CardMap<CardState>,
    reviewed_today: impl Fn(&CardId) -> usize,
    today: crate::scheduler::Counts,
    suspended: impl Fn(&CardId) -> bool,
) -> DeckCounts {
    let mut c = DeckCounts {
        id: id.to_owned(),
        new: today.new,
        learning: today.learning,
        due: today.review,
        ..DeckCounts::default()
    };
    for card in cards {
        c.cards += 1;
        c.reviewed_today += reviewed_today(card);
        if suspended(card) {
            c.suspended += 1;
        }
        if states
            .get(card)
            .and_then(|s| s.memory)
            .is_some_and(|m| f64::from(m.stability) >= MATURE_DAYS)
        {
            c.mature += 1;
        }
    }
    c
}

/// How many effective reviews each card got on the current study day.
#[must_use]
pub fn reviewed_today<'a>(
    reviews: &[ReviewRecord<'a>],
    clock: &StudyClock,
) -> HashMap<&'a CardId, usize> {
    let today = clock.today();
    let mut map = HashMap::new();
    for r in reviews.iter().filter(|r| clock.day_of(r.ts) == today) {
        *map.entry(r.card).or_insert(0) += 1;
    }
    map
}

/// True retention over the last `days` study days: of the reviews that came
/// on a later study day than the card's previous review (so the card had to
/// be remembered overnight or longer), the share not graded Again. `None`
/// without such reviews. `reviews` must be in time order.
#[must_use]
pub fn true_retention(reviews: &[ReviewRecord<'_>], clock: &StudyClock, days: i64) -> Option<f64> {
    let since = clock.today() - Duration::days(days - 1);
    let mut last_day: HashMap<&CardId, NaiveDate> = HashMap::new();
    let (mut passed, mut total) = (0usize, 0usize);
    for r in reviews {
        let day = clock.day_of(r.ts);
        if let Some(prev) = last_day.insert(r.card, day)
            && prev < day
            && day >= since
        {
            total += 1;
            if r.grade.is_pass() {
                passed += 1;
            }
        }
    }
    (total > 0).then(|| passed as f64 / total as f64)
}

/// Current and longest streak of consecutive study days with at least one
/// review. The current streak still counts when today has no review yet but
/// yesterday had.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Streak {
    pub current: u32,
    pub longest: u32,
}

/// Streaks from the review times.
#[must_use]
pub fn streak(reviews: &[ReviewRecord<'_>], clock: &StudyClock) -> Streak {
    streak_of_days(reviews.iter().map(|r| clock.day_of(r.ts)).collect(), clock)
}

/// Streaks from the study days that had reviews (in any order, repeats
/// allowed).
#[must_use]
pub fn streak_of_days(mut days: Vec<NaiveDate>, clock: &StudyClock) -> Streak {
    days.sort_unstable();
    days.dedup();
    let mut longest = 0u32;
    let mut run = 0u32;
    let mut prev: Option<NaiveDate> = None;
    for &d in &days {
        run = match prev {
            Some(p) if p.succ_opt() == Some(d) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        prev = Some(d);
    }
    let today = clock.today();
    let current = match days.last() {
        Some(&last) if last == today || last.succ_opt() == Some(today) => run,
        _ => 0,
    };
    Streak { current, longest }
}

/// One day of a daily series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub date: NaiveDate,
    pub count: usize,
}

/// Reviews due per study day for the next `days` days, today first; overdue
/// cards count for today. New cards are not included.
#[must_use]
pub fn forecast<'a>(
    states: impl IntoIterator<Item = &'a CardState>,
    clock: &StudyClock,
    days: usize,
) -> Vec<DayCount> {
    let today = clock.today();
    let mut counts = vec![0usize; days];
    for s in states {
        if matches!(s.phase, Phase::New) {
            continue;
        }
        let Some(due) = s.due else { continue };
        let offset = (clock.day_of(due) - today).num_days().max(0);
        if let Some(slot) = usize::try_from(offset).ok().and_then(|i| counts.get_mut(i)) {
            *slot += 1;
        }
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, count)| DayCount {
            date: today + Duration::days(i as i64),
            count,
        })
        .collect()
}

/// Effective reviews per study day over the last `days` days, oldest first.
#[must_use]
pub fn history(reviews: &[ReviewRecord<'_>], clock: &StudyClock, days: usize) -> Vec<DayCount> {
    let today = clock.today();
    let first = today - Duration::days(days as i64 - 1);
    let mut per_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for r in reviews {
        let d = clock.day_of(r.ts);
        if d >= first && d <= today {
            *per_day.entry(d).or_insert(0) += 1;
        }
    }
    (0..days)
        .map(|i| {
            let date = first + Duration::days(i as i64);
            DayCount {
                date,
                count: per_day.get(&date).copied().unwrap_or(0),
            }
        })
        .collect()
}

/// Upper bounds (days) of the stability histogram buckets; the last bucket
/// takes everything above.
pub const STABILITY_BUCKETS: [f64; 8] = [1.0, 3.0, 7.0, 14.0, 30.0, 90.0, 180.0, 365.0];

/// How many cards fall into each stability bucket ([`STABILITY_BUCKETS`] plus
/// one more for longer).
#[must_use]
pub fn stability_histogram<'a>(states: impl IntoIterator<Item = &'a CardState>) -> Vec<usize> {
    let mut counts = vec![0usize; STABILITY_BUCKETS.len() + 1];
    for s in states {
        let Some(m) = s.memory else { continue };
        let stability = f64::from(m.stability);
        let i = STABILITY_BUCKETS
            .iter()
            .position(|&b| stability <= b)
            .unwrap_or(STABILITY_BUCKETS.len());
        counts[i] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::Memory;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn clock(now: &str) -> StudyClock {
        StudyClock {
            now: t(now),
            offset: FixedOffset::east_opt(3600).unwrap(),
            day_start_hour: 4,
        }
    }

    fn review_state(due: &str, stability: f32) -> CardState {
        CardState {
            phase: Phase::Review,
            memory: Some(Memory {
                stability,
                difficulty: 5.0,
            }),
            due: Some(t(due)),
            ..CardState::new()
        }
    }

    #[test]
    fn day_boundary_is_local_four_oclock() {
        let c = clock("2026-11-27T12:00:00Z");
        // 02:59 UTC = 03:59 local still belongs to the previous day.
        assert_eq!(
            c.day_of(t("2026-11-27T02:59:00Z")).to_string(),
            "2026-11-26"
        );
        assert_eq!(
            c.day_of(t("2026-11-27T03:00:00Z")).to_string(),
            "2026-11-27"
        );
        assert_eq!(c.end_of(c.today()), t("2026-11-28T03:00:00Z"));
    }

    #[test]
    fn streak_counts_consecutive_days_and_survives_until_today_ends() {
        let ids: Vec<CardId> = (0..4).map(|i| CardId(format!("c{i}"))).collect();
        let rec = |i: usize, ts: &str| ReviewRecord {
            card: &ids[i],
            ts: t(ts),
            grade: Grade::Good,
        };
        let reviews = [
            rec(0, "2026-11-20T10:00:00Z"),
            rec(1, "2026-11-21T10:00:00Z"),
            rec(2, "2026-11-22T10:00:00Z"),
            rec(3, "2026-11-25T10:00:00Z"),
            rec(0, "2026-11-26T10:00:00Z"),
        ];
        // Today (27th) has no review yet: the streak of 25th-26th still counts.
        let s = streak(&reviews, &clock("2026-11-27T12:00:00Z"));
        assert_eq!(
            s,
            Streak {
                current: 2,
                longest: 3
            }
        );
        // A day later without review it is broken.
        let s = streak(&reviews, &clock("2026-11-28T12:00:00Z"));
        assert_eq!(s.current, 0);
    }

    #[test]
    fn true_retention_counts_only_cross_day_reviews() {
        let a = CardId::from("a");
        let b = CardId::from("b");
        let reviews = [
            ReviewRecord {
                card: &a,
                ts: t("2026-11-20T10:00:00Z"),
                grade: Grade::Again,
            },
            // same day: a learning step, not counted
            ReviewRecord {
                card: &a,
                ts: t("2026-11-20T10:10:00Z"),
                grade: Grade::Again,
            },
            ReviewRecord {
                card: &a,
                ts: t("2026-11-22T10:00:00Z"),
                grade: Grade::Good,
            },
            ReviewRecord {
                card: &b,
                ts: t("2026-11-21T10:00:00Z"),
                grade: Grade::Good,
            },
            ReviewRecord {
                card: &b,
                ts: t("2026-11-25T10:00:00Z"),
                grade: Grade::Again,
            },
        ];
        let r = true_retention(&reviews, &clock("2026-11-27T12:00:00Z"), 30).unwrap();
        assert!((r - 0.5).abs() < 1e-9, "{r}");
        // A window that only holds b's lapse.
        let r = true_retention(&reviews, &clock("2026-11-27T12:00:00Z"), 4).unwrap();
        assert!(r.abs() < 1e-9, "{r}");
        assert_eq!(
            true_retention(&reviews[..2], &clock("2026-11-27T12:00:00Z"), 30),
            None
        );
    }

    #[test]
    fn counts_take_today_from_the_queue_and_count_mature_and_suspended() {
        let card = CardId::from;
        let cards = [
            card("new"),
            card("due"),
            card("later"),
            card("tonight"),
            card("learn"),
        ];
        let mut states = crate::deck::CardMap::default();
        states.insert(
            CardId::from("due"),
            review_state("2026-11-26T08:00:00Z", 30.0),
        );
        states.insert(
            CardId::from("later"),
            review_state("2026-12-10T08:00:00Z", 2.0),
        );
        states.insert(
            CardId::from("tonight"),
            review_state("2026-11-27T20:00:00Z", 5.0),
        );
        states.insert(
            CardId::from("learn"),
            CardState {
                phase: Phase::Learning { step: 1 },
                due: Some(t("2026-11-27T12:05:00Z")),
                ..review_state("2026-11-27T12:05:00Z", 0.5)
            },
        );
        let c = clock("2026-11-27T12:00:00Z");
        let today = crate::scheduler::Counts {
            new: 1,
            learning: 1,
            review: 2,
        };
        let counts = count(
            "d",
            &cards,
            &states,
            |id| usize::from(id.as_str() == "due") * 2,
            today,
            |id| id.as_str() == "later",
        );
        assert_eq!(
            counts,
            DeckCounts {
                id: "d".into(),
                cards: 5,
                new: 1,
                learning: 1,
                due: 2,
                reviewed_today: 2,
                mature: 1,
                suspended: 1,
            }
        );
        assert!((counts.mastery() - 0.2).abs() < 1e-9);

        let f = forecast(states.values(), &c, 30);
        assert_eq!(f.len(), 30);
        assert_eq!(
            f[0].count, 3,
            "overdue, tonight and the learning card count today"
        );
        assert_eq!(f[13].count, 1);
        assert_eq!(f.iter().map(|d| d.count).sum::<usize>(), 4);

        let h = stability_histogram(states.values());
        assert_eq!(h.iter().sum::<usize>(), 4);
        assert_eq!(h[0], 1); // 0.5 days
        assert_eq!(h[4], 1); // 30 days
    }

    #[test]
    fn history_has_one_entry_per_day_oldest_first() {
        let a = CardId::from("a");
        let reviews = [
            ReviewRecord {
                card: &a,
                ts: t("2026-11-25T10:00:00Z"),
                grade: Grade::Good,
            },
            ReviewRecord {
                card: &a,
                ts: t("2026-11-27T10:00:00Z"),
                grade: Grade::Good,
            },
            ReviewRecord {
                card: &a,
                ts: t("2026-11-27T11:00:00Z"),
                grade: Grade::Good,
            },
        ];
        let h = history(&reviews, &clock("2026-11-27T12:00:00Z"), 7);
        assert_eq!(h.len(), 7);
        assert_eq!(h[6].date.to_string(), "2026-11-27");
        assert_eq!(h[6].count, 2);
        assert_eq!(h[4].count, 1);
        assert_eq!(h.iter().map(|d| d.count).sum::<usize>(), 3);
    }
}
