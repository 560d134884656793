//! Studying toward an exam: the plan's arithmetic, pure (days and times are
//! passed in).
//!
//! Two rules, applied only while the exam is ahead and only to cards in its
//! scope:
//! - **every card is introduced in time**: new cards per day are raised to
//!   what the days left need, so the last new card is introduced
//!   [`INTRODUCE_BY_DAYS_BEFORE`] days before the exam;
//! - **the last review lands shortly before the exam**: a review card whose
//!   due date falls on or after the exam day, and whose predicted recall at
//!   the exam is below [`EXAM_TARGET_RECALL`], is shown on the day before
//!   the exam instead (unless it was already reviewed that close to it).
//!
//! Nothing here changes a stored state: the capped due date is a view of the
//! card used for today's queue. After the exam day the cards' own FSRS due
//! dates apply again, so no pile of due cards builds up.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::{CardState, Phase, Scheduler};

/// New cards are all introduced at least this many days before the exam.
pub const INTRODUCE_BY_DAYS_BEFORE: u64 = 3;

/// A card whose predicted recall at the exam is below this gets one more
/// review shortly before it.
pub const EXAM_TARGET_RECALL: f64 = 0.95;

/// How many new cards to introduce on `today` so that `unstudied` cards
/// (counted at the start of the day, cards introduced today included) are
/// all introduced by [`INTRODUCE_BY_DAYS_BEFORE`] days before `exam`. When
/// that day has come or passed, all of them.
#[must_use]
pub fn new_cards_today(unstudied: usize, today: NaiveDate, exam: NaiveDate) -> usize {
    match usize::try_from(introduce_days(today, exam)) {
        Ok(d) if d > 1 => unstudied.div_ceil(d),
        _ => unstudied,
    }
}

/// The study days left to introduce new cards, today included (at least 1).
#[must_use]
pub fn introduce_days(today: NaiveDate, exam: NaiveDate) -> u64 {
    let last = exam
        .checked_sub_days(Days::new(INTRODUCE_BY_DAYS_BEFORE))
        .unwrap_or(exam);
    u64::try_from((last - today).num_days() + 1)
        .unwrap_or(1)
        .max(1)
}

/// The due time a card gets under the plan, when the plan moves it forward:
/// the start of the day before the exam (or today, if that is later).
/// `exam_start` is the first moment of the exam's study day.
#[must_use]
pub fn capped_due(
    scheduler: &Scheduler,
    state: &CardState,
    today: NaiveDate,
    exam: NaiveDate,
    exam_start: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    if today >= exam || state.phase != Phase::Review {
        return None;
    }
    let due = state.due?;
    let last = state.last_review?;
    let cap_day = exam.pred_opt()?;
    if scheduler.study_day(due) < exam || scheduler.study_day(last) >= cap_day {
        return None;
    }
    let recall = scheduler.retrievability(state, exam_start)?;
    if recall >= EXAM_TARGET_RECALL {
        return None;
    }
    let start = scheduler.day_start(cap_day.max(today));
    Some(start.min(due))
}

impl Scheduler {
    /// The first moment of study day `day` (its local day-start hour).
    #[must_use]
    pub fn day_start(&self, day: NaiveDate) -> DateTime<Utc> {
        use chrono::TimeZone as _;
        let naive = day
            .and_hms_opt(self.config.day_start_hour.min(23), 0, 0)
            .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN));
        self.offset
            .from_local_datetime(&naive)
            .single()
            .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn new_cards_are_spread_over_the_days_until_three_days_before() {
        // 14 days left: days 0..=11 may introduce (12 days).
        assert_eq!(
            new_cards_today(186, day("2026-01-01"), day("2026-01-15")),
            16
        );
        // 5 days left: 3 days.
        assert_eq!(
            new_cards_today(90, day("2026-01-01"), day("2026-01-06")),
            30
        );
        // The last day to introduce, and later: everything.
        assert_eq!(new_cards_today(7, day("2026-01-12"), day("2026-01-15")), 7);
        assert_eq!(new_cards_today(7, day("2026-01-14"), day("2026-01-15")), 7);
        assert_eq!(new_cards_today(0, day("2026-01-01"), day("2026-01-15")), 0);
    }

    #[test]
    fn reviews_due_after_the_exam_move_to_the_day_before() {
        let scheduler = Scheduler::new(&crate::scheduler::SchedulerConfig::default()).unwrap();
        let card = crate::deck::CardId::from("c");
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        // Easy on the first day: a review card due about 8 days later.
        let state = scheduler.review(
            &card,
            &CardState::new(),
            crate::progress::Grade::Easy,
            t("2026-01-01T10:00:00Z"),
        );
        let exam = day("2026-01-08");
        let start = scheduler.day_start(exam);
        let due = state.due.unwrap();
        assert!(due > start, "{due}");
        assert_eq!(
            capped_due(&scheduler, &state, day("2026-01-02"), exam, start),
            Some(t("2026-01-07T04:00:00Z"))
        );
        // A due date before the exam stays.
        assert_eq!(
            capped_due(
                &scheduler,
                &state,
                day("2026-01-02"),
                day("2026-01-20"),
                scheduler.day_start(day("2026-01-20"))
            ),
            None,
            "due on the 9th, before the exam on the 20th"
        );
        // On or after the exam day: no plan.
        assert_eq!(capped_due(&scheduler, &state, exam, exam, start), None);
        // Reviewed the day before the exam already: nothing to move.
        let fresh = scheduler.review(
            &card,
            &state,
            crate::progress::Grade::Easy,
            t("2026-01-07T10:00:00Z"),
        );
        assert_eq!(
            capped_due(&scheduler, &fresh, day("2026-01-07"), exam, start),
            None
        );
    }
}
