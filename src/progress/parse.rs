//! Fast decoding of journal lines.
//!
//! `Event` uses `#[serde(flatten)]` over an internally tagged enum, which
//! makes serde buffer every line into an intermediate tree. Loading a
//! million events that way is several times slower than it has to be, so
//! lines are read into a flat [`RawLine`] with every possible field and the
//! [`Event`] is built from it by hand. The result is identical to
//! `serde_json::from_slice::<Event>` for every valid line (tested below).

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::event::{Event, EventBody, EventId, FORMAT_VERSION, Grade, MarkAction, Mode};
use crate::deck::CardId;

/// Why one line could not be decoded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LineError {
    /// Not JSON at all, or cut off (what a crash mid-write leaves).
    Syntax { column: usize, message: String },
    /// Valid JSON, but not a valid event.
    Invalid { column: usize, message: String },
    /// Written by a newer kartei.
    Newer { version: u32 },
}

/// A string that borrows from the line when it has no escapes.
struct Str<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Str<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

/// Every field any event type can have; unknown fields are ignored.
#[derive(Deserialize)]
struct RawLine<'a> {
    v: Option<u32>,
    id: Option<String>,
    #[serde(borrow)]
    ts: Option<Str<'a>>,
    #[serde(borrow, rename = "type")]
    kind: Option<Str<'a>>,
    card: Option<String>,
    deck: Option<String>,
    /// 1..=4 for reviews, 1.0..=5.0 for quiz ends.
    grade: Option<serde_json::Number>,
    ms: Option<u64>,
    mode: Option<Mode>,
    quiz: Option<String>,
    target: Option<String>,
    decks: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    count: Option<u32>,
    time_limit_s: Option<u64>,
    per_question_s: Option<u64>,
    seed: Option<u64>,
    form: Option<String>,
    given: Option<String>,
    score: Option<f64>,
    timed_out: Option<bool>,
    max: Option<f64>,
    duration_ms: Option<u64>,
    abandoned: Option<bool>,
    action: Option<MarkAction>,
    #[serde(borrow)]
    until: Option<Str<'a>>,
    name: Option<String>,
    #[serde(borrow)]
    date: Option<Str<'a>>,
}

/// Only the version, for lines whose other fields do not fit this build.
#[derive(Deserialize)]
struct VersionOnly {
    v: Option<u32>,
}

fn classify(e: &serde_json::Error) -> LineError {
    let message = e.to_string();
    // serde_json appends " at line L column C"; the caller adds its own.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    let column = e.column().max(1);
    if e.is_data() {
        LineError::Invalid { column, message }
    } else {
        LineError::Syntax {
            column,
            message: format!("not a valid JSON event ({message})"),
        }
    }
}

fn invalid(message: impl Into<String>) -> LineError {
    LineError::Invalid {
        column: 1,
        message: message.into(),
    }
}

fn need<T>(v: Option<T>, kind: &str, field: &str) -> Result<T, LineError> {
    v.ok_or_else(|| invalid(format!("{kind} event without the field `{field}`")))
}

/// Decodes one line (without its newline).
pub(crate) fn parse_line(line: &[u8]) -> Result<Event, LineError> {
    let raw: RawLine<'_> = match serde_json::from_slice(line) {
        Ok(r) => r,
        Err(e) => {
            let err = classify(&e);
            // A newer kartei may have changed field types; its version
            // number is the more helpful message.
            if matches!(err, LineError::Invalid { .. })
                && let Ok(VersionOnly { v: Some(v) }) = serde_json::from_slice(line)
                && v > FORMAT_VERSION
            {
                return Err(LineError::Newer { version: v });
            }
            return Err(err);
        }
    };
    let v = raw
        .v
        .ok_or_else(|| invalid("event without the format version field `v`"))?;
    if v > FORMAT_VERSION {
        return Err(LineError::Newer { version: v });
    }
    if v == 0 {
        return Err(invalid("format version `v` must be at least 1"));
    }
    let kind = raw
        .kind
        .ok_or_else(|| invalid("event without the field `type`"))?
        .0;
    let id = raw
        .id
        .ok_or_else(|| invalid("event without the field `id`"))?;
    if id.is_empty() {
        return Err(invalid("event with an empty `id`"));
    }
    let ts_str = raw
        .ts
        .ok_or_else(|| invalid("event without the field `ts`"))?
        .0;
    let ts = ts_str
        .parse::<DateTime<FixedOffset>>()
        .map_err(|e| {
            invalid(format!(
                "`ts` {ts_str:?} is not an RFC 3339 time such as 2026-11-27T09:00:00Z: {e}"
            ))
        })?
        .with_timezone(&Utc);
    let k = kind.as_ref();
    let body = match k {
        "review" => {
            let g = need(raw.grade, k, "grade")?;
            let grade = g
                .as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .and_then(|n| Grade::try_from(n).ok())
                .ok_or_else(|| invalid(format!("grade must be 1..=4, got {g}")))?;
            EventBody::Review {
                card: CardId(need(raw.card, k, "card")?),
                deck: need(raw.deck, k, "deck")?,
                grade,
                ms: need(raw.ms, k, "ms")?,
                mode: need(raw.mode, k, "mode")?,
                quiz: raw.quiz,
            }
        }
        "undo" => EventBody::Undo {
            target: EventId(need(raw.target, k, "target")?),
        },
        "mark" => EventBody::Mark {
            card: CardId(need(raw.card, k, "card")?),
            action: need(raw.action, k, "action")?,
            until: match raw.until {
                None => None,
                Some(u) => Some(
                    u.0.parse::<DateTime<FixedOffset>>()
                        .map_err(|e| {
                            invalid(format!("`until` {:?} is not an RFC 3339 time: {e}", u.0))
                        })?
                        .with_timezone(&Utc),
                ),
            },
        },
        "quiz_start" => EventBody::QuizStart {
            quiz: need(raw.quiz, k, "quiz")?,
            decks: need(raw.decks, k, "decks")?,
            tags: raw.tags.unwrap_or_default(),
            count: need(raw.count, k, "count")?,
            time_limit_s: raw.time_limit_s,
            per_question_s: raw.per_question_s,
            seed: raw.seed,
        },
        "quiz_answer" => EventBody::QuizAnswer {
            grade: match raw.grade {
                None => None,
                Some(g) => Some(
                    g.as_u64()
                        .and_then(|n| u8::try_from(n).ok())
                        .and_then(|n| Grade::try_from(n).ok())
                        .ok_or_else(|| invalid(format!("grade must be 1..=4, got {g}")))?,
                ),
            },
            quiz: need(raw.quiz, k, "quiz")?,
            card: CardId(need(raw.card, k, "card")?),
            deck: need(raw.deck, k, "deck")?,
            form: need(raw.form, k, "form")?,
            given: need(raw.given, k, "given")?,
            score: need(raw.score, k, "score")?,
            timed_out: need(raw.timed_out, k, "timed_out")?,
            ms: need(raw.ms, k, "ms")?,
        },
        "quiz_pause" => EventBody::QuizPause {
            quiz: need(raw.quiz, k, "quiz")?,
            ms: need(raw.ms, k, "ms")?,
        },
        "quiz_end" => {
            let g = need(raw.grade, k, "grade")?;
            EventBody::QuizEnd {
                quiz: need(raw.quiz, k, "quiz")?,
                score: need(raw.score, k, "score")?,
                max: need(raw.max, k, "max")?,
                grade: g
                    .as_f64()
                    .ok_or_else(|| invalid(format!("grade {g} is not a number")))?,
                duration_ms: need(raw.duration_ms, k, "duration_ms")?,
                abandoned: raw.abandoned.unwrap_or(false),
            }
        }
        "exam_add" => {
            let date = need(raw.date, k, "date")?.0;
            EventBody::ExamAdd {
                name: need(raw.name, k, "name")?,
                date: date.parse::<NaiveDate>().map_err(|e| {
                    invalid(format!(
                        "`date` {date:?} is not a date such as 2026-12-16: {e}"
                    ))
                })?,
                decks: raw.decks.unwrap_or_default(),
                tags: raw.tags.unwrap_or_default(),
            }
        }
        "exam_remove" => EventBody::ExamRemove {
            name: need(raw.name, k, "name")?,
        },
        other => {
            return Err(invalid(format!(
                "unknown event type {other:?} (expected review, undo, mark, quiz_start, \
                 quiz_answer, quiz_pause, quiz_end, exam_add or exam_remove)"
            )));
        }
    };
    Ok(Event {
        v,
        id: EventId(id),
        ts,
        body,
    })
}

/// Position of the first `\n` in `hay`, eight bytes at a time.
pub(crate) fn find_newline(hay: &[u8]) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    const NL: u64 = LO * b'\n' as u64;
    let mut i = 0;
    while i + 8 <= hay.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&hay[i..i + 8]);
        let x = u64::from_le_bytes(word) ^ NL;
        let found = x.wrapping_sub(LO) & !x & HI;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    hay[i..].iter().position(|&b| b == b'\n').map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<&'static str> {
        vec![
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"review","card":"c1","deck":"d","grade":3,"ms":1200,"mode":"review"}"#,
            r#"{"v":1,"id":"b","ts":"2026-01-02T03:04:05.123+01:00","type":"review","card":"c\"1","deck":"d","grade":1,"ms":0,"mode":"quiz","quiz":"q1","extra":{"x":[1,2]}}"#,
            r#"{"v":1,"id":"c","ts":"2026-01-02T03:04:05Z","type":"undo","target":"a"}"#,
            r#"{"v":1,"id":"d","ts":"2026-01-02T03:04:05Z","type":"quiz_start","quiz":"q1","decks":["a","b"],"count":10,"time_limit_s":600,"seed":7}"#,
            r#"{"v":1,"id":"e","ts":"2026-01-02T03:04:05Z","type":"quiz_start","quiz":"q1","decks":[],"tags":["t"],"count":3,"per_question_s":60}"#,
            r#"{"v":1,"id":"f","ts":"2026-01-02T03:04:05Z","type":"quiz_answer","quiz":"q1","card":"c","deck":"d","form":"typed","given":"Preis\n","score":0.5,"timed_out":false,"ms":42}"#,
            r#"{"v":1,"id":"g","ts":"2026-01-02T03:04:05Z","type":"quiz_pause","quiz":"q1","ms":5000}"#,
            r#"{"v":1,"id":"f2","ts":"2026-01-02T03:04:05Z","type":"quiz_answer","quiz":"q1","card":"c","deck":"d","form":"choice","given":"a","score":0.0,"timed_out":false,"ms":42,"grade":1}"#,
            r#"{"v":1,"id":"h","ts":"2026-01-02T03:04:05Z","type":"quiz_end","quiz":"q1","score":7.5,"max":10,"grade":2.3,"duration_ms":100}"#,
            r#"{"v":1,"id":"i","ts":"2026-01-02T03:04:05Z","type":"quiz_end","quiz":"q1","score":7.5,"max":10.0,"grade":2,"duration_ms":100,"abandoned":true}"#,
            r#"{"v":1,"id":"j","ts":"2026-01-02T03:04:05Z","type":"review","card":"c1","deck":"d","grade":3,"ms":1,"mode":"practice"}"#,
            r#"{"v":1,"id":"k","ts":"2026-01-02T03:04:05Z","type":"mark","card":"c1","action":"bury","until":"2026-01-03T03:00:00Z"}"#,
            r#"{"v":1,"id":"l","ts":"2026-01-02T03:04:05Z","type":"mark","card":"c1","action":"flag"}"#,
            r#"{"v":1,"id":"m","ts":"2026-01-02T03:04:05Z","type":"exam_add","name":"Abschluss","date":"2026-02-01","decks":["vertrieb"],"tags":["kern"]}"#,
            r#"{"v":1,"id":"n","ts":"2026-01-02T03:04:05Z","type":"exam_add","name":"Alles","date":"2026-02-01"}"#,
            r#"{"v":1,"id":"o","ts":"2026-01-02T03:04:05Z","type":"exam_remove","name":"Alles"}"#,
        ]
    }

    #[test]
    fn fast_path_agrees_with_serde_for_every_event_type() {
        for s in samples() {
            let slow: Event = serde_json::from_str(s).unwrap();
            let fast = parse_line(s.as_bytes()).unwrap();
            assert_eq!(fast, slow, "{s}");
        }
    }

    #[test]
    fn rejects_what_serde_rejects() {
        for s in [
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"review","card":"c1","deck":"d","grade":5,"ms":1,"mode":"review"}"#,
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"review","card":"c1","deck":"d","grade":3,"mode":"review"}"#,
            r#"{"v":1,"id":"a","ts":"yesterday","type":"undo","target":"x"}"#,
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"nope"}"#,
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"review","card":"c1","deck":"d","grade":3,"ms":1,"mode":"nap"}"#,
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"mark","card":"c1","action":"delete"}"#,
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"exam_add","name":"x","date":"2026-13-01"}"#,
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"exam_add","date":"2026-01-01"}"#,
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"exam_remove"}"#,
            r#"{"v":1,"id":"a","ts":"2026-01-02T03:04:05Z","type":"quiz_answer","quiz":"q1","card":"c","deck":"d","form":"choice","given":"a","score":0.0,"timed_out":false,"ms":42,"grade":7}"#,
        ] {
            assert!(serde_json::from_str::<Event>(s).is_err(), "{s}");
            assert!(
                matches!(parse_line(s.as_bytes()), Err(LineError::Invalid { .. })),
                "{s}"
            );
        }
    }

    #[test]
    fn syntax_errors_and_newer_versions_are_told_apart() {
        assert!(matches!(
            parse_line(br#"{"v":1,"id":"a","ts":"2026-01-"#),
            Err(LineError::Syntax { .. })
        ));
        assert_eq!(
            parse_line(br#"{"v":2,"id":"a","ts":"x","type":"teleport"}"#),
            Err(LineError::Newer { version: 2 })
        );
        assert_eq!(
            parse_line(br#"{"v":3,"card":{"new":"shape"}}"#),
            Err(LineError::Newer { version: 3 })
        );
    }

    #[test]
    fn newline_search_matches_naive_search() {
        let mut data = vec![b'x'; 40];
        for pos in 0..40 {
            data.fill(b'x');
            data[pos] = b'\n';
            for start in 0..=pos {
                assert_eq!(find_newline(&data[start..]), Some(pos - start));
            }
        }
        data.fill(0x8a);
        assert_eq!(find_newline(&data), None);
        assert_eq!(find_newline(b""), None);
    }
}
