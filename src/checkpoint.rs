//! The journal checkpoint: everything [`crate::collection::Collection`]
//! derives by replaying the journal, saved with the journal offset it covers
//! and a hash of the journal's bytes up to there, so that a start parses and
//! replays only the events after it.
//!
//! The journal stays the single source of truth: a checkpoint is used only
//! when it is intact (see [`crate::cache`]), of this build and
//! [`CHECKPOINT_VERSION`], made with the same scheduler settings and UTC
//! offset, and the journal still starts with exactly the bytes it was made
//! from. Anything else is ignored and the checkpoint rebuilt.
//!
//! The entry is a postcard header (version, settings, offset, hash, the
//! mark and exam events) followed by the card records in a compact form of
//! their own (see `records`). [`Checkpoint::read`] decodes the header only,
//! so the journal's prefix can be hashed on another thread while the card
//! records are decoded ([`Checkpoint::derived`]).
//!
//! **Adding derived data**: add a field to [`Derived`], fill it in the full
//! replay and in the tail replay, store it in the header or the records,
//! and bump [`CHECKPOINT_VERSION`].

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::cache::Cache;
use crate::deck::{CardId, CardMap};
use crate::progress::{Grade, Mode, Resume, ReviewEntry};
use crate::scheduler::{CardState, Memory, Phase};

/// The layout of a checkpoint; bump it whenever [`Derived`] or the
/// encoding of the card records changes.
pub const CHECKPOINT_VERSION: u32 = 3;

/// Journals with fewer events after the checkpoint than this are replayed
/// from the checkpoint without writing a new one.
pub const REWRITE_AFTER_EVENTS: usize = 2_000;

/// The cache kind of checkpoints.
const KIND: &str = "journal";

/// Everything derived from the journal by replay.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Derived {
    /// Per card, its effective (not undone) reviews in time order.
    pub reviews: CardMap<Vec<ReviewEntry>>,
    /// Per card with a history, its scheduling state.
    pub states: CardMap<CardState>,
    /// The journal lines (JSON, in journal order) of the `mark`, `exam_add`
    /// and `exam_remove` events so far that no undo took back: marks and
    /// exams are derived again from them and the events after the
    /// checkpoint (they are few, and ordered by time across both).
    pub side_events: Vec<String>,
}

/// What a checkpoint stores before its card records (postcard).
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    version: u32,
    /// [`settings_key`] of the scheduler it was replayed with.
    settings: u128,
    offset: u64,
    hash: u128,
    events: usize,
    side_events: Vec<String>,
}

/// A checkpoint as read from the cache: its header decoded, its card
/// records (the bulk: every review of every card) still encoded, so that
/// the journal can be checked against it while they are decoded.
#[derive(Debug)]
pub struct Checkpoint {
    header: Header,
    entry: Arc<Vec<u8>>,
    records: usize,
}

impl Checkpoint {
    /// Reads the checkpoint of the journal at `journal` (`None`: missing,
    /// damaged, or of another build).
    #[must_use]
    pub fn read(cache: &Cache, journal: &std::path::Path) -> Option<Self> {
        let (header, entry, records) = cache.read_with_tail::<Header>(KIND, &cache_key(journal))?;
        Some(Self {
            header,
            entry,
            records,
        })
    }

    /// Where the journal can resume, if this checkpoint fits `settings`.
    #[must_use]
    pub fn resume(&self, settings: u128) -> Option<Resume> {
        let h = &self.header;
        (h.version == CHECKPOINT_VERSION && h.settings == settings).then_some(Resume {
            offset: h.offset,
            hash: h.hash,
            events: h.events,
        })
    }

    /// The journal offset the checkpoint covers.
    #[must_use]
    pub fn offset(&self) -> u64 {
        self.header.offset
    }

    /// Decodes the card records (`None` when they do not decode).
    #[must_use]
    pub fn derived(self) -> Option<Derived> {
        let (reviews, states) = records::decode(&self.entry[self.records..])?;
        Some(Derived {
            reviews,
            states,
            side_events: self.header.side_events,
        })
    }
}

/// Saves `derived` as the checkpoint of the journal at `journal`, made
/// with `settings` and covering the journal up to `loaded`. Failures are
/// ignored (the cache only saves time).
pub fn write(
    cache: &Cache,
    journal: &std::path::Path,
    settings: u128,
    loaded: Resume,
    derived: &Derived,
) {
    let header = Header {
        version: CHECKPOINT_VERSION,
        settings,
        offset: loaded.offset,
        hash: loaded.hash,
        events: loaded.events,
        side_events: derived.side_events.clone(),
    };
    let tail = records::encode(&derived.reviews, &derived.states);
    cache.write_with_tail(KIND, &cache_key(journal), &header, &tail);
}

/// The cache key of the checkpoint of the journal at `path`.
fn cache_key(path: &std::path::Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

/// A key for what replay depends on besides the journal: the scheduler
/// settings and the UTC offset.
#[must_use]
pub fn settings_key(scheduler: &crate::scheduler::SchedulerConfig, offset_secs: i32) -> u128 {
    let mut bytes = serde_json::to_vec(scheduler).unwrap_or_default();
    bytes.extend_from_slice(&offset_secs.to_le_bytes());
    crate::cache::hash(&bytes)
}

/// The card records: every card's reviews and state in a compact form that
/// decodes without serde's per-field dispatch (1M reviews are the bulk of a
/// heavy user's checkpoint and were most of its start-up time).
///
/// Counts, lengths and the small numbers of a state are LEB128 varints
/// (signed ones zigzag-encoded); a review is 18 bytes of fixed width,
/// which decode several times faster than varints. Layout: the number of
/// cards with reviews, then per card its id (length, UTF-8 bytes), the
/// number of reviews and per review its time (seconds since 1970, `i64`,
/// and nanoseconds, `u32`), grade (1–4), mode (0–3) and milliseconds
/// (`u32`; `u32::MAX` and a `u64` after it for longer); all little-endian.
/// Then the number of cards
/// with a state, and per card its id, phase (0 new, 1 learning, 2 review,
/// 3 relearning), step, memory (0, or 1 and stability and difficulty as
/// little-endian `f32`), due and last review (0, or 1 and seconds and
/// nanoseconds), reps, lapses and scheduled days.
mod records {
    use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc};

    use super::{CardId, CardMap, CardState, Grade, Memory, Mode, Phase, ReviewEntry};
    use crate::codec::{Reader, put, put_signed, put_str};

    pub fn encode(reviews: &CardMap<Vec<ReviewEntry>>, states: &CardMap<CardState>) -> Vec<u8> {
        let mut out = Vec::with_capacity(reviews.values().map(|l| 8 * l.len() + 24).sum());
        put(&mut out, reviews.len() as u64);
        for (id, list) in reviews {
            put_str(&mut out, id.as_str());
            put(&mut out, list.len() as u64);
            for r in list {
                out.extend_from_slice(&r.ts.timestamp().to_le_bytes());
                out.extend_from_slice(&r.ts.timestamp_subsec_nanos().to_le_bytes());
                out.push(r.grade.as_u8());
                out.push(mode_code(r.mode));
                match u32::try_from(r.ms) {
                    Ok(ms) if ms != u32::MAX => out.extend_from_slice(&ms.to_le_bytes()),
                    _ => {
                        out.extend_from_slice(&u32::MAX.to_le_bytes());
                        out.extend_from_slice(&r.ms.to_le_bytes());
                    }
                }
            }
        }
        put(&mut out, states.len() as u64);
        for (id, s) in states {
            put_str(&mut out, id.as_str());
            let (phase, step) = match s.phase {
                Phase::New => (0, 0),
                Phase::Learning { step } => (1, step),
                Phase::Review => (2, 0),
                Phase::Relearning { step } => (3, step),
            };
            out.push(phase);
            put(&mut out, step as u64);
            match s.memory {
                None => out.push(0),
                Some(m) => {
                    out.push(1);
                    out.extend_from_slice(&m.stability.to_le_bytes());
                    out.extend_from_slice(&m.difficulty.to_le_bytes());
                }
            }
            put_time(&mut out, s.due);
            put_time(&mut out, s.last_review);
            put(&mut out, u64::from(s.reps));
            put(&mut out, u64::from(s.lapses));
            put(&mut out, u64::from(s.scheduled_days));
        }
        out
    }

    /// The bytes of one review (without the rare long `ms`).
    const REVIEW_BYTES: usize = 18;

    pub fn decode(bytes: &[u8]) -> Option<(CardMap<Vec<ReviewEntry>>, CardMap<CardState>)> {
        let mut r = Reader::new(bytes);
        let cards = r.count()?;
        let mut reviews = CardMap::with_capacity_and_hasher(cards, Default::default());
        let mut dates = Dates::default();
        for _ in 0..cards {
            let id = id(&mut r)?;
            let n = r.count()?;
            let mut list = Vec::with_capacity(n.min(r.left() / REVIEW_BYTES));
            for _ in 0..n {
                let secs = i64::from_le_bytes(r.array()?);
                let nanos = u32::from_le_bytes(r.array()?);
                let (grade, mode) = (r.byte()?, r.byte()?);
                let ms = match u32::from_le_bytes(r.array()?) {
                    u32::MAX => u64::from_le_bytes(r.array()?),
                    ms => u64::from(ms),
                };
                list.push(ReviewEntry {
                    ts: dates.time(secs, nanos)?,
                    grade: Grade::try_from(grade).ok()?,
                    mode: mode_of(mode)?,
                    ms,
                });
            }
            reviews.insert(id, list);
        }
        let cards = r.count()?;
        let mut states = CardMap::with_capacity_and_hasher(cards, Default::default());
        for _ in 0..cards {
            let id = id(&mut r)?;
            let phase = r.byte()?;
            let step = usize::try_from(r.varint()?).ok()?;
            let phase = match phase {
                0 => Phase::New,
                1 => Phase::Learning { step },
                2 => Phase::Review,
                3 => Phase::Relearning { step },
                _ => return None,
            };
            let memory = match r.byte()? {
                0 => None,
                1 => Some(Memory {
                    stability: r.f32()?,
                    difficulty: r.f32()?,
                }),
                _ => return None,
            };
            let due = time(&mut r)?;
            let last_review = time(&mut r)?;
            let (reps, lapses, scheduled_days) = (r.small()?, r.small()?, r.small()?);
            states.insert(
                id,
                CardState {
                    phase,
                    memory,
                    due,
                    last_review,
                    reps,
                    lapses,
                    scheduled_days,
                },
            );
        }
        r.done().then_some((reviews, states))
    }

    /// `DateTime::from_timestamp` with the calendar date of the previous
    /// call kept: a card's reviews are in time order, mostly in one year,
    /// where moving a date by some days is cheap, and turning a day number
    /// into a date was half of the decoding time.
    #[derive(Default)]
    struct Dates {
        last: Option<(i64, NaiveDate)>,
    }

    impl Dates {
        fn time(&mut self, secs: i64, nanos: u32) -> Option<DateTime<Utc>> {
            let day = secs.div_euclid(86_400);
            let second = u32::try_from(secs.rem_euclid(86_400)).ok()?;
            let date = match self.last {
                Some((last, date)) if last == day => date,
                Some((last, date)) if day > last && day - last < 366 => {
                    date.checked_add_days(Days::new(u64::try_from(day - last).ok()?))?
                }
                _ => return self.slow(secs, nanos, day),
            };
            self.last = Some((day, date));
            let time = NaiveTime::from_num_seconds_from_midnight_opt(second, nanos)?;
            Some(NaiveDateTime::new(date, time).and_utc())
        }

        fn slow(&mut self, secs: i64, nanos: u32, day: i64) -> Option<DateTime<Utc>> {
            let t = DateTime::from_timestamp(secs, nanos)?;
            self.last = Some((day, t.date_naive()));
            Some(t)
        }
    }

    fn mode_code(mode: Mode) -> u8 {
        match mode {
            Mode::Review => 0,
            Mode::Quiz => 1,
            Mode::Practice => 2,
            Mode::Cram => 3,
        }
    }

    fn mode_of(code: u8) -> Option<Mode> {
        Some(match code {
            0 => Mode::Review,
            1 => Mode::Quiz,
            2 => Mode::Practice,
            3 => Mode::Cram,
            _ => return None,
        })
    }

    fn put_time(out: &mut Vec<u8>, t: Option<DateTime<Utc>>) {
        match t {
            None => out.push(0),
            Some(t) => {
                out.push(1);
                put_signed(out, t.timestamp());
                put(out, u64::from(t.timestamp_subsec_nanos()));
            }
        }
    }

    fn id(r: &mut Reader<'_>) -> Option<CardId> {
        Some(CardId(r.str()?.to_owned()))
    }

    fn time(r: &mut Reader<'_>) -> Option<Option<DateTime<Utc>>> {
        match r.byte()? {
            0 => Some(None),
            1 => {
                let secs = r.signed()?;
                let nanos = r.small()?;
                Some(Some(DateTime::from_timestamp(secs, nanos)?))
            }
            _ => None,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn records_round_trip_and_damage_reads_as_none() {
            let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
            let mut reviews = CardMap::default();
            reviews.insert(
                CardId::from("a"),
                vec![
                    ReviewEntry {
                        ts: t("1969-12-31T23:59:58.5Z"),
                        grade: Grade::Again,
                        mode: Mode::Cram,
                        ms: 0,
                    },
                    ReviewEntry {
                        ts: t("2026-11-27T09:00:00.123456789Z"),
                        grade: Grade::Easy,
                        mode: Mode::Quiz,
                        ms: u64::MAX,
                    },
                ],
            );
            reviews.insert(CardId::from("\u{fc}~rev"), Vec::new());
            // Same day, the next day, across a year's end and a leap day,
            // more than a year later, and back in time.
            let times = [
                "2024-02-28T23:59:59Z",
                "2024-02-28T23:59:59.5Z",
                "2024-02-29T00:00:00Z",
                "2024-12-31T12:00:00Z",
                "2025-01-01T00:00:01Z",
                "2027-03-01T08:00:00Z",
                "2026-01-01T08:00:00Z",
            ];
            reviews.insert(
                CardId::from("b"),
                times
                    .iter()
                    .map(|ts| ReviewEntry {
                        ts: t(ts),
                        grade: Grade::Good,
                        mode: Mode::Review,
                        ms: 1,
                    })
                    .collect(),
            );
            let mut states = CardMap::default();
            states.insert(
                CardId::from("a"),
                CardState {
                    phase: Phase::Relearning { step: 3 },
                    memory: Some(Memory {
                        stability: 1.5,
                        difficulty: 9.25,
                    }),
                    due: Some(t("2027-01-01T00:00:00Z")),
                    last_review: None,
                    reps: 7,
                    lapses: u32::MAX,
                    scheduled_days: 12,
                },
            );
            states.insert(CardId::from("b"), CardState::new());
            let bytes = encode(&reviews, &states);
            assert_eq!(decode(&bytes), Some((reviews, states)));
            assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
            let mut longer = bytes.clone();
            longer.push(0);
            assert_eq!(decode(&longer), None);
            // A count far beyond the bytes there are.
            assert_eq!(decode(&[0xff, 0xff, 0xff, 0xff, 0x0f]), None);
        }
    }
}
