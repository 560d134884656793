//! Time series for `kartei stats --json` and the statistics screen: the
//! quiz scores over time, from the journal's `QuizStart`/`QuizEnd` events.

use std::collections::HashMap;

use chrono::{FixedOffset, NaiveDate};
use serde::Serialize;

use crate::progress::{Event, EventBody};

/// One finished quiz.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuizPoint {
    /// The quiz id.
    pub quiz: String,
    /// The study day the quiz ended on.
    pub date: NaiveDate,
    /// Points earned of points possible, in percent 0..=100.
    pub score: f64,
    /// German grade 1.0..=5.0.
    pub grade: f64,
    /// The decks the quiz drew from (from its `QuizStart`; empty if that
    /// event is missing).
    pub decks: Vec<String>,
    /// The tags the quiz was limited to.
    pub tags: Vec<String>,
}

/// The finished quizzes in the order they ended. Abandoned quizzes and
/// quizzes with no points possible are left out; the study day of each end
/// uses `offset` and `day_start_hour` like every other statistic.
#[must_use]
pub fn quiz_series<'a>(
    events: impl IntoIterator<Item = &'a Event>,
    offset: FixedOffset,
    day_start_hour: u32,
) -> Vec<QuizPoint> {
    let mut starts: HashMap<&str, (&[String], &[String])> = HashMap::new();
    let mut ends = Vec::new();
    for event in events {
        match &event.body {
            EventBody::QuizStart {
                quiz, decks, tags, ..
            } => {
                starts.insert(quiz.as_str(), (decks.as_slice(), tags.as_slice()));
            }
            EventBody::QuizEnd {
                quiz,
                score,
                max,
                grade,
                abandoned,
                ..
            } if !abandoned && *max > 0.0 && score.is_finite() && max.is_finite() => {
                ends.push((
                    event.ts,
                    quiz.as_str(),
                    (score / max * 100.0).clamp(0.0, 100.0),
                    *grade,
                ));
            }
            _ => {}
        }
    }
    ends.sort_by_key(|e| e.0);
    ends.into_iter()
        .map(|(ts, quiz, score, grade)| {
            let (decks, tags) = starts.get(quiz).copied().unwrap_or((&[], &[]));
            QuizPoint {
                quiz: quiz.to_owned(),
                date: crate::scheduler::study_day(ts, offset, day_start_hour),
                score,
                grade,
                decks: decks.to_vec(),
                tags: tags.to_vec(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::progress::{EventId, FORMAT_VERSION};

    fn ev(id: &str, ts: &str, body: EventBody) -> Event {
        Event {
            v: FORMAT_VERSION,
            id: EventId(id.to_owned()),
            ts: DateTime::parse_from_rfc3339(ts)
                .unwrap()
                .with_timezone(&Utc),
            body,
        }
    }

    fn start(quiz: &str, ts: &str, decks: &[&str]) -> Event {
        ev(
            &format!("s-{quiz}"),
            ts,
            EventBody::QuizStart {
                quiz: quiz.to_owned(),
                decks: decks.iter().map(|d| (*d).to_owned()).collect(),
                tags: vec!["kpi".to_owned()],
                count: 10,
                time_limit_s: None,
                per_question_s: Some(60),
                seed: None,
            },
        )
    }

    fn end(quiz: &str, ts: &str, score: f64, max: f64, grade: f64, abandoned: bool) -> Event {
        ev(
            &format!("e-{quiz}"),
            ts,
            EventBody::QuizEnd {
                quiz: quiz.to_owned(),
                score,
                max,
                grade,
                duration_ms: 60_000,
                abandoned,
            },
        )
    }

    fn berlin() -> FixedOffset {
        FixedOffset::east_opt(3600).unwrap()
    }

    #[test]
    fn finished_quizzes_become_points_in_end_order() {
        let events = vec![
            start("q2", "2026-11-20T10:00:00Z", &["vertrieb"]),
            start("q1", "2026-11-10T10:00:00Z", &["marketing", "vertrieb"]),
            end("q1", "2026-11-10T10:20:00Z", 7.5, 10.0, 2.3, false),
            end("q2", "2026-11-20T10:15:00Z", 10.0, 10.0, 1.0, false),
        ];
        let s = quiz_series(&events, berlin(), 4);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].quiz, "q1");
        assert_eq!(s[0].date, NaiveDate::from_ymd_opt(2026, 11, 10).unwrap());
        assert!((s[0].score - 75.0).abs() < 1e-9);
        assert!((s[0].grade - 2.3).abs() < 1e-9);
        assert_eq!(s[0].decks, ["marketing", "vertrieb"]);
        assert_eq!(s[0].tags, ["kpi"]);
        assert_eq!(s[1].quiz, "q2");
        assert!((s[1].score - 100.0).abs() < 1e-9);
    }

    #[test]
    fn abandoned_and_empty_quizzes_are_skipped() {
        let events = vec![
            start("a", "2026-11-10T10:00:00Z", &["m"]),
            end("a", "2026-11-10T10:05:00Z", 1.0, 10.0, 5.0, true),
            end("z", "2026-11-11T10:05:00Z", 0.0, 0.0, 5.0, false),
            end("k", "2026-11-12T10:05:00Z", 3.0, 4.0, 2.0, false),
        ];
        let s = quiz_series(&events, berlin(), 4);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].quiz, "k");
        // No QuizStart for "k": no decks, still a point.
        assert!(s[0].decks.is_empty());
        assert!((s[0].score - 75.0).abs() < 1e-9);
    }

    #[test]
    fn the_date_is_the_local_study_day() {
        // 02:30 local on the 15th is before the 04:00 day start: the 14th.
        let events = vec![end("n", "2026-11-15T01:30:00Z", 5.0, 5.0, 1.0, false)];
        let s = quiz_series(&events, berlin(), 4);
        assert_eq!(s[0].date, NaiveDate::from_ymd_opt(2026, 11, 14).unwrap());
        // With the day starting at midnight it is the 15th.
        let s = quiz_series(&events, berlin(), 0);
        assert_eq!(s[0].date, NaiveDate::from_ymd_opt(2026, 11, 15).unwrap());
    }

    #[test]
    fn no_quizzes_no_points() {
        assert!(quiz_series(&[], berlin(), 4).is_empty());
    }
}
