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
//! **Adding derived data**: add a field to [`Derived`],
//! fill it in the full replay and in the tail replay, and bump
//! [`CHECKPOINT_VERSION`]. The payload is postcard, which cannot encode
//! internally tagged enums or `skip_serializing_if`; times go through
//! [`exact_time`] (chrono's own serde form is a string, slow to parse).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::deck::CardId;
use crate::progress::{Resume, ReviewEntry};
use crate::scheduler::{CardState, Memory, Phase};

/// The layout of [`Derived`]; bump it whenever [`Derived`] changes.
pub const CHECKPOINT_VERSION: u32 = 2;

/// Journals with fewer events after the checkpoint than this are replayed
/// from the checkpoint without writing a new one.
pub const REWRITE_AFTER_EVENTS: usize = 2_000;

/// Everything derived from the journal by replay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Derived {
    /// Per card, its effective (not undone) reviews in time order.
    pub reviews: HashMap<CardId, Vec<ReviewEntry>>,
    /// Per card with a history, its scheduling state.
    #[serde(with = "compact_states")]
    pub states: HashMap<CardId, CardState>,
    /// The journal lines (JSON, in journal order) of the `mark`, `exam_add`
    /// and `exam_remove` events so far that no undo took back: marks and
    /// exams are derived again from them and the events after the
    /// checkpoint (they are few, and ordered by time across both).
    pub side_events: Vec<String>,
}

/// A checkpoint as stored.
#[derive(Debug, Deserialize)]
pub struct Checkpoint {
    pub version: u32,
    /// [`settings_key`] of the scheduler it was replayed with.
    pub settings: u128,
    pub offset: u64,
    pub hash: u128,
    pub events: usize,
    pub derived: Derived,
}

impl Checkpoint {
    /// Where the journal can resume, if this checkpoint fits `settings`.
    #[must_use]
    pub fn resume(&self, settings: u128) -> Option<Resume> {
        (self.version == CHECKPOINT_VERSION && self.settings == settings).then_some(Resume {
            offset: self.offset,
            hash: self.hash,
            events: self.events,
        })
    }
}

/// [`Checkpoint`] borrowed, for writing (same encoding).
#[derive(Serialize)]
pub struct CheckpointRef<'a> {
    pub version: u32,
    pub settings: u128,
    pub offset: u64,
    pub hash: u128,
    pub events: usize,
    pub derived: &'a Derived,
}

/// The cache key of the checkpoint of the journal at `path`.
#[must_use]
pub fn cache_key(path: &std::path::Path) -> Vec<u8> {
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

/// `DateTime<Utc>` as (seconds, nanoseconds): exact and fast to decode.
pub mod exact_time {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// # Errors
    /// Those of the serializer.
    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        (t.timestamp(), t.timestamp_subsec_nanos()).serialize(s)
    }

    /// # Errors
    /// Those of the deserializer, or a time out of range.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let (secs, nanos) = <(i64, u32)>::deserialize(d)?;
        DateTime::from_timestamp(secs, nanos)
            .ok_or_else(|| serde::de::Error::custom("time out of range"))
    }

    /// For `Option<DateTime<Utc>>` fields.
    pub mod option {
        use chrono::{DateTime, Utc};
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        /// # Errors
        /// Those of the serializer.
        pub fn serialize<S: Serializer>(
            t: &Option<DateTime<Utc>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            t.map(|t| (t.timestamp(), t.timestamp_subsec_nanos()))
                .serialize(s)
        }

        /// # Errors
        /// Those of the deserializer, or a time out of range.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            match <Option<(i64, u32)>>::deserialize(d)? {
                None => Ok(None),
                Some((secs, nanos)) => DateTime::from_timestamp(secs, nanos)
                    .map(Some)
                    .ok_or_else(|| serde::de::Error::custom("time out of range")),
            }
        }
    }
}

/// [`CardState`] in a form postcard can store (its own serde form, used for
/// JSON, tags the phase internally).
#[derive(Serialize, Deserialize)]
struct StateRecord {
    /// 0 new, 1 learning, 2 review, 3 relearning.
    phase: u8,
    step: usize,
    memory: Option<(f32, f32)>,
    #[serde(with = "exact_time::option")]
    due: Option<DateTime<Utc>>,
    #[serde(with = "exact_time::option")]
    last_review: Option<DateTime<Utc>>,
    reps: u32,
    lapses: u32,
    scheduled_days: u32,
}

impl From<&CardState> for StateRecord {
    fn from(s: &CardState) -> Self {
        let (phase, step) = match s.phase {
            Phase::New => (0, 0),
            Phase::Learning { step } => (1, step),
            Phase::Review => (2, 0),
            Phase::Relearning { step } => (3, step),
        };
        Self {
            phase,
            step,
            memory: s.memory.map(|m| (m.stability, m.difficulty)),
            due: s.due,
            last_review: s.last_review,
            reps: s.reps,
            lapses: s.lapses,
            scheduled_days: s.scheduled_days,
        }
    }
}

impl StateRecord {
    fn into_state(self) -> Option<CardState> {
        let phase = match self.phase {
            0 => Phase::New,
            1 => Phase::Learning { step: self.step },
            2 => Phase::Review,
            3 => Phase::Relearning { step: self.step },
            _ => return None,
        };
        Some(CardState {
            phase,
            memory: self.memory.map(|(stability, difficulty)| Memory {
                stability,
                difficulty,
            }),
            due: self.due,
            last_review: self.last_review,
            reps: self.reps,
            lapses: self.lapses,
            scheduled_days: self.scheduled_days,
        })
    }
}

mod compact_states {
    use std::collections::HashMap;

    use serde::{Deserialize, Deserializer, Serializer};

    use super::StateRecord;
    use crate::deck::CardId;
    use crate::scheduler::CardState;

    pub fn serialize<S: Serializer>(
        states: &HashMap<CardId, CardState>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(states.iter().map(|(id, st)| (id, StateRecord::from(st))))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<HashMap<CardId, CardState>, D::Error> {
        let records = Vec::<(CardId, StateRecord)>::deserialize(d)?;
        let mut out = HashMap::with_capacity(records.len());
        for (id, record) in records {
            let state = record
                .into_state()
                .ok_or_else(|| serde::de::Error::custom("unknown phase"))?;
            out.insert(id, state);
        }
        Ok(out)
    }
}
