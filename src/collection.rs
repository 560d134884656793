//! The collection: decks, configuration, journal and the card states derived
//! from it, opened together. Every answer goes through here, so the journal
//! and the in-memory states never disagree.
//!
//! No terminal and no clock: times come in as arguments.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Utc};
use thiserror::Error;

use crate::cache::Cache;
use crate::checkpoint::{self, CHECKPOINT_VERSION, Checkpoint, CheckpointRef, Derived};
use crate::config::{Config, ConfigError};
use crate::deck::{Card, CardId, Deck, DeckSet, Diagnostic};
use crate::progress::{
    Event, EventBody, EventId, Grade, JOURNAL_FILE, Journal, JournalError, LoadReport, Mode,
    ReviewEntry, effective_reviews, undone_ids,
};
use crate::scheduler::{CardState, DoneToday, Phase, Queue, Scheduler, SchedulerError};
use crate::stats::{DeckCounts, ReviewRecord, StudyClock};

/// Where everything lives and what to load.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub data_dir: PathBuf,
    pub config_path: PathBuf,
    /// Load the decks bundled with kartei.
    pub bundled: bool,
    /// The user's own deck folder (loaded when it exists).
    pub user_decks: Option<PathBuf>,
    /// Extra deck files or folders.
    pub extra_decks: Vec<PathBuf>,
    /// Local UTC offset, for the study-day boundary.
    pub offset: FixedOffset,
    /// Open the journal without the writer lock; answers are refused.
    pub read_only: bool,
    /// Where the compiled deck cache and the journal checkpoint live
    /// (`None`: parse every deck and replay the whole journal).
    pub cache_dir: Option<PathBuf>,
}

/// Why the collection could not be opened or an answer not recorded.
#[derive(Debug, Error)]
pub enum CollectionError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error("{path}: invalid scheduler settings: {source}")]
    Scheduler {
        path: PathBuf,
        source: SchedulerError,
    },
    #[error("unknown card id `{0}`")]
    UnknownCard(CardId),
}

/// Which cards a session or a count covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Deck(String),
    Tag(String),
    Cards(Vec<CardId>),
}

impl Scope {
    /// Whether `card` belongs to this scope.
    #[must_use]
    pub fn includes(&self, card: &Card) -> bool {
        match self {
            Scope::All => true,
            Scope::Deck(id) => &card.deck_id == id,
            Scope::Tag(tag) => card.tags.iter().any(|t| t == tag),
            Scope::Cards(ids) => ids.contains(&card.id),
        }
    }
}

/// Decks, config, journal and derived states.
#[derive(Debug)]
pub struct Collection {
    options: OpenOptions,
    decks: DeckSet,
    config: Config,
    scheduler: Scheduler,
    journal: Journal,
    journal_report: LoadReport,
    reviews: HashMap<CardId, Vec<ReviewEntry>>,
    states: HashMap<CardId, CardState>,
}

static NEW_STATE: std::sync::LazyLock<CardState> = std::sync::LazyLock::new(CardState::new);

impl Collection {
    /// Loads config, decks and the journal, and replays every card's history.
    ///
    /// # Errors
    /// A broken config file or a journal that cannot be opened (locked by
    /// another instance, damaged, written by a newer kartei). Broken decks
    /// are not an error: they are skipped and listed in [`Collection::decks`].
    pub fn open(options: OpenOptions) -> Result<Self, CollectionError> {
        let config = Config::load(&options.config_path)?;
        let scheduler = Scheduler::new(&config.scheduler)
            .map_err(|source| CollectionError::Scheduler {
                path: options.config_path.clone(),
                source,
            })?
            .with_utc_offset(options.offset);
        let cache = options.cache_dir.clone().map(Cache::new);
        let settings =
            checkpoint::settings_key(&config.scheduler, options.offset.local_minus_utc());
        let key = checkpoint::cache_key(&options.data_dir.join(JOURNAL_FILE));
        let saved: Option<Checkpoint> = cache.as_ref().and_then(|c| c.read("journal", &key));
        let resume = saved.as_ref().and_then(|c| c.resume(settings));
        let (journal, journal_report) =
            Journal::open_resuming(&options.data_dir, options.read_only, resume)?;
        let decks = load_decks(&options);
        let mut collection = Self {
            options,
            decks,
            config,
            scheduler,
            journal,
            journal_report,
            reviews: HashMap::new(),
            states: HashMap::new(),
        };
        collection.derive(saved, cache.as_ref(), settings);
        Ok(collection)
    }

    /// Derives everything replay gives ([`Derived`]): from the checkpoint
    /// plus the events after it when the journal was opened from one (and
    /// nothing after it refers back into it), otherwise by replaying the
    /// whole journal. Then saves a new checkpoint when there was none or
    /// the events after it have grown.
    fn derive(&mut self, saved: Option<Checkpoint>, cache: Option<&Cache>, settings: u128) {
        let resumed = match saved {
            Some(c) if self.journal.unparsed() > 0 && self.journal.unparsed() == c.offset => {
                self.replay_tail(c.derived)
            }
            _ => false,
        };
        let write = if resumed {
            self.journal.tail_events().len() >= checkpoint::REWRITE_AFTER_EVENTS
        } else {
            self.replay_all();
            // Undos whose review is in no event (yet) would have to be
            // carried along; such journals are rare and simply replayed.
            let events = self.journal.events();
            let reviews: HashSet<&EventId> = events
                .iter()
                .filter(|e| matches!(e.body, EventBody::Review { .. }))
                .map(|e| &e.id)
                .collect();
            undone_ids(events).iter().all(|id| reviews.contains(id))
        };
        let loaded = self.journal.loaded();
        if let Some(cache) = cache
            && write
            && loaded.events > 0
        {
            let derived = Derived {
                reviews: std::mem::take(&mut self.reviews),
                states: std::mem::take(&mut self.states),
            };
            let stored = CheckpointRef {
                version: CHECKPOINT_VERSION,
                settings,
                offset: loaded.offset,
                hash: loaded.hash,
                events: loaded.events,
                derived: &derived,
            };
            cache.write(
                "journal",
                &checkpoint::cache_key(self.journal.path()),
                &stored,
            );
            let Derived { reviews, states } = derived;
            self.reviews = reviews;
            self.states = states;
        }
    }

    /// Continues `derived` (the checkpoint's, up to the unparsed prefix)
    /// with the journal's events after it: each card with new reviews is
    /// replayed over its whole history, exactly as a full replay would.
    /// False (nothing changed) when an undo after the checkpoint takes back
    /// a review before it.
    fn replay_tail(&mut self, derived: Derived) -> bool {
        let tail = self.journal.tail_events();
        let tail_reviews: HashSet<&EventId> = tail
            .iter()
            .filter(|e| matches!(e.body, EventBody::Review { .. }))
            .map(|e| &e.id)
            .collect();
        if undone_ids(tail).iter().any(|id| !tail_reviews.contains(id)) {
            return false;
        }
        let Derived {
            mut reviews,
            mut states,
        } = derived;
        for (card, added) in effective_reviews(tail) {
            let list = reviews.entry(card.clone()).or_default();
            list.extend(added);
            if !list.is_sorted_by_key(|r| r.ts) {
                list.sort_by_key(|r| r.ts);
            }
            let state = self
                .scheduler
                .replay(&card, list.iter().map(|r| (r.ts, r.grade)));
            states.insert(card, state);
        }
        self.reviews = reviews;
        self.states = states;
        true
    }

    fn replay_all(&mut self) {
        self.reviews = effective_reviews(self.journal.events());
        let entries: Vec<(&CardId, &Vec<ReviewEntry>)> = self.reviews.iter().collect();
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        // Replaying is independent per card: split the cards over the cores
        // when there are enough of them to be worth a thread.
        let per_thread = if entries.len() < 20_000 {
            entries.len().max(1)
        } else {
            entries.len().div_ceil(threads.min(8))
        };
        let scheduler = &self.scheduler;
        let replay = |part: &[(&CardId, &Vec<ReviewEntry>)]| -> Vec<(CardId, CardState)> {
            part.iter()
                .map(|(id, reviews)| {
                    let state = scheduler.replay(id, reviews.iter().map(|r| (r.ts, r.grade)));
                    ((*id).clone(), state)
                })
                .collect()
        };
        self.states = std::thread::scope(|scope| {
            let handles: Vec<_> = entries
                .chunks(per_thread)
                .map(|part| scope.spawn(move || replay(part)))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
    }

    /// Loads the decks again (after an edit). A deck whose file now has
    /// errors keeps its last good version; the errors are returned.
    pub fn reload_decks(&mut self) -> Vec<Diagnostic> {
        let mut fresh = load_decks(&self.options);
        let broken_files: HashSet<String> = fresh.errors.iter().map(|d| d.file.clone()).collect();
        let loaded: HashSet<String> = fresh.decks.iter().map(|d| d.id.clone()).collect();
        for old in &self.decks.decks {
            let file = old.origin.display_name();
            if broken_files.contains(&file) && !loaded.contains(&old.id) {
                fresh.decks.push(old.clone());
            }
        }
        let errors = fresh.errors.clone();
        self.decks = fresh;
        errors
    }

    /// The loaded decks with their load errors and warnings.
    #[must_use]
    pub fn decks(&self) -> &DeckSet {
        &self.decks
    }

    #[must_use]
    pub fn config(&self) -> &Config {
        &self.config
    }

    #[must_use]
    pub fn options(&self) -> &OpenOptions {
        &self.options
    }

    #[must_use]
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    #[must_use]
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// What loading the journal found (e.g. a repaired torn line).
    #[must_use]
    pub fn journal_report(&self) -> &LoadReport {
        &self.journal_report
    }

    /// The state of a card (new when it has no history).
    #[must_use]
    pub fn state(&self, id: &CardId) -> &CardState {
        self.states.get(id).unwrap_or(&NEW_STATE)
    }

    /// Every card with a history, including orphans.
    #[must_use]
    pub fn states(&self) -> &HashMap<CardId, CardState> {
        &self.states
    }

    /// A card's effective reviews in time order.
    #[must_use]
    pub fn reviews_of(&self, id: &CardId) -> &[ReviewEntry] {
        self.reviews.get(id).map_or(&[], Vec::as_slice)
    }

    /// The clock for "today" questions.
    #[must_use]
    pub fn clock(&self, now: DateTime<Utc>) -> StudyClock {
        StudyClock {
            now,
            offset: self.options.offset,
            day_start_hour: self.config.scheduler.day_start_hour,
        }
    }

    /// Every loaded card in deck order.
    pub fn cards(&self) -> impl Iterator<Item = &Card> {
        self.decks.decks.iter().flat_map(|d| d.cards.iter())
    }

    /// Finds a card and its deck.
    #[must_use]
    pub fn card(&self, id: &CardId) -> Option<(&Deck, &Card)> {
        self.decks.card(id)
    }

    /// Cards with progress that no loaded deck contains any more. Their
    /// history is kept in the journal.
    #[must_use]
    pub fn orphans(&self) -> Vec<CardId> {
        let known: HashSet<&CardId> = self.cards().map(|c| &c.id).collect();
        let mut orphans: Vec<CardId> = self
            .reviews
            .keys()
            .filter(|id| !known.contains(id))
            .cloned()
            .collect();
        orphans.sort();
        orphans
    }

    /// Every effective review in time order (ties by card id), for
    /// statistics.
    #[must_use]
    pub fn review_records(&self) -> Vec<ReviewRecord<'_>> {
        let mut records: Vec<ReviewRecord<'_>> = self
            .reviews
            .iter()
            .flat_map(|(card, reviews)| {
                reviews.iter().map(move |r| ReviewRecord {
                    card,
                    ts: r.ts,
                    grade: r.grade,
                })
            })
            .collect();
        records.sort_by(|a, b| a.ts.cmp(&b.ts).then_with(|| a.card.cmp(b.card)));
        records
    }

    /// Reviews done on the current study day, and the streak of study days
    /// with reviews, without building the list of every review.
    #[must_use]
    pub fn today_and_streak(&self, now: DateTime<Utc>) -> (usize, crate::stats::Streak) {
        let clock = self.clock(now);
        let days = DayNumbers::new(&clock);
        let today = days.of(now);
        let count = self
            .reviews
            .values()
            .map(|reviews| reviews_on(reviews, days, today))
            .sum();
        // The days with reviews, marked in a table over the range they span
        // (each card's reviews are in time order).
        let (lo, hi) = self
            .reviews
            .values()
            .filter_map(|r| Some((days.of(r.first()?.ts), days.of(r.last()?.ts))))
            .fold((i64::MAX, i64::MIN), |(lo, hi), (a, b)| {
                (lo.min(a), hi.max(b))
            });
        let mut dates = Vec::new();
        if lo <= hi {
            let span = usize::try_from(hi - lo + 1).unwrap_or(usize::MAX);
            if span <= 1 << 24 {
                let mut seen = vec![false; span];
                for r in self.reviews.values().flatten() {
                    if let Ok(i) = usize::try_from(days.of(r.ts) - lo) {
                        seen[i] = true;
                    }
                }
                dates.extend(
                    seen.iter()
                        .enumerate()
                        .filter(|(_, s)| **s)
                        .filter_map(|(i, _)| DayNumbers::date(lo + i as i64)),
                );
            } else {
                // Times scattered over more than 45,000 years: rare enough.
                dates.extend(self.reviews.values().flatten().map(|r| clock.day_of(r.ts)));
            }
        }
        (count, crate::stats::streak_of_days(dates, &clock))
    }

    /// How many new cards were introduced and reviews done on the current
    /// study day (for the daily limits).
    #[must_use]
    pub fn done_today(&self, now: DateTime<Utc>) -> DoneToday {
        let days = DayNumbers::new(&self.clock(now));
        let today = days.of(now);
        let mut done = DoneToday::default();
        for reviews in self.reviews.values() {
            let Some(first) = reviews.first() else {
                continue;
            };
            if days.of(first.ts) == today {
                done.new += 1;
            } else if reviews_on(reviews, days, today) > 0 {
                done.reviews += 1;
            }
        }
        done
    }

    /// Counts per deck (in load order) for the cards in `scope`.
    #[must_use]
    pub fn deck_counts(&self, scope: &Scope, now: DateTime<Utc>) -> Vec<DeckCounts> {
        let clock = self.clock(now);
        let days = DayNumbers::new(&clock);
        let day = days.of(now);
        let today: HashMap<&CardId, usize> = self
            .reviews
            .iter()
            .map(|(id, reviews)| (id, reviews_on(reviews, days, day)))
            .filter(|(_, n)| *n > 0)
            .collect();
        self.decks
            .decks
            .iter()
            .filter(|d| d.cards.iter().any(|c| scope.includes(c)))
            .map(|d| {
                crate::stats::count(
                    &d.id,
                    d.cards.iter().filter(|c| scope.includes(c)),
                    &self.states,
                    &today,
                    &clock,
                )
            })
            .collect()
    }

    /// Today's queue for the cards in `scope`.
    ///
    /// Siblings are buried as in Anki: of the cards of one note (a reversed
    /// side, the other gaps of a cloze text) only one new or review card is
    /// shown per study day, and none while a sibling is in learning or was
    /// answered today; the rest wait for a later day.
    #[must_use]
    pub fn queue(&self, scope: &Scope, now: DateTime<Utc>) -> Queue {
        let clock = self.clock(now);
        let today = clock.today();
        let end_of_day = clock.end_of(today);
        let days = DayNumbers::new(&clock);
        let today_no = days.of(now);
        let mut taken: HashSet<&str> = self
            .reviews
            .iter()
            .filter(|(_, reviews)| reviews_on(reviews, days, today_no) > 0)
            .map(|(id, _)| id.note_key())
            .collect();
        taken.extend(
            self.states
                .iter()
                .filter(|(_, s)| {
                    matches!(s.phase, Phase::Learning { .. } | Phase::Relearning { .. })
                })
                .map(|(id, _)| id.note_key()),
        );
        let cards = self
            .cards()
            .filter(|c| scope.includes(c))
            .enumerate()
            .filter_map(|(pos, c)| {
                let state = self.state(&c.id);
                let shown_today = match state.phase {
                    Phase::Learning { .. } | Phase::Relearning { .. } => {
                        return Some((c, state, pos));
                    }
                    Phase::New => true,
                    Phase::Review => state.due.is_some_and(|due| due < end_of_day),
                };
                if shown_today && !taken.insert(c.id.note_key()) {
                    return None;
                }
                Some((c, state, pos))
            })
            .map(|(c, state, pos)| (c.id.clone(), state, pos));
        Queue::build(&self.scheduler, cards, now, self.done_today(now))
    }

    /// Records a graded answer: appended to the journal and synced before
    /// the new state is returned. Returns the event and the card's state
    /// before the answer (for undo).
    ///
    /// # Errors
    /// The journal cannot be written (read-only, disk full, ...); nothing
    /// changes then.
    pub fn record_answer(
        &mut self,
        card: &CardId,
        grade: Grade,
        ms: u64,
        mode: Mode,
        quiz: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<(Event, CardState), CollectionError> {
        let deck = self
            .card(card)
            .map(|(d, _)| d.id.clone())
            .ok_or_else(|| CollectionError::UnknownCard(card.clone()))?;
        let event = self.journal.append(
            now,
            EventBody::Review {
                card: card.clone(),
                deck,
                grade,
                ms,
                mode,
                quiz,
            },
        )?;
        let previous = self.state(card).clone();
        let next = self.scheduler.review(card, &previous, grade, now);
        // In time order, as a replay sorts them (a clock set back can put
        // an answer before earlier ones).
        let list = self.reviews.entry(card.clone()).or_default();
        let at = list.partition_point(|r| r.ts <= now);
        list.insert(
            at,
            ReviewEntry {
                ts: now,
                grade,
                mode,
                ms,
            },
        );
        self.states.insert(card.clone(), next);
        Ok((event, previous))
    }

    /// Takes back a review event by id (an `Undo` event is appended) and
    /// replays the card without it. Returns the card whose answer was undone.
    ///
    /// # Errors
    /// The journal cannot be written.
    pub fn undo(
        &mut self,
        target: &EventId,
        now: DateTime<Utc>,
    ) -> Result<Option<CardId>, CollectionError> {
        let find = |events: &[Event]| {
            events.iter().find_map(|e| match &e.body {
                EventBody::Review {
                    card,
                    grade,
                    mode,
                    ms,
                    ..
                } if &e.id == target => Some((
                    card.clone(),
                    ReviewEntry {
                        ts: e.ts,
                        grade: *grade,
                        mode: *mode,
                        ms: *ms,
                    },
                )),
                _ => None,
            })
        };
        // A review after the checkpoint (the usual case: one of this
        // session's) is found without parsing the rest of the journal.
        let in_tail = find(self.journal.tail_events());
        let resumed = self.journal.unparsed() > 0;
        let Some((card, entry)) = in_tail.clone().or_else(|| find(self.journal.events())) else {
            return Ok(None);
        };
        let already_undone = resumed && undone_ids(self.journal.tail_events()).contains(target);
        self.journal.append(
            now,
            EventBody::Undo {
                target: target.clone(),
            },
        )?;
        match in_tail {
            Some(_) if resumed => {
                if !already_undone {
                    self.remove_review(&card, &entry);
                }
            }
            _ => self.replay_card(&card),
        }
        Ok(Some(card))
    }

    /// Takes one review equal to `entry` out of the card's history and
    /// replays the card (equal entries are interchangeable, so this is what
    /// a full replay without it gives).
    fn remove_review(&mut self, card: &CardId, entry: &ReviewEntry) {
        let Some(list) = self.reviews.get_mut(card) else {
            return;
        };
        if let Some(i) = list.iter().position(|r| r == entry) {
            list.remove(i);
        }
        if list.is_empty() {
            self.reviews.remove(card);
            self.states.remove(card);
        } else {
            let state = self
                .scheduler
                .replay(card, list.iter().map(|r| (r.ts, r.grade)));
            self.states.insert(card.clone(), state);
        }
    }

    /// Appends a non-review event (quiz start, pause, end, answer).
    ///
    /// # Errors
    /// The journal cannot be written.
    pub fn append(
        &mut self,
        now: DateTime<Utc>,
        body: EventBody,
    ) -> Result<Event, CollectionError> {
        Ok(self.journal.append(now, body)?)
    }

    fn replay_card(&mut self, card: &CardId) {
        let events = self.journal.events();
        let undone = undone_ids(events);
        let mut reviews: Vec<ReviewEntry> = events
            .iter()
            .filter(|e| !undone.contains(&e.id))
            .filter_map(|e| match &e.body {
                EventBody::Review {
                    card: c,
                    grade,
                    mode,
                    ms,
                    ..
                } if c == card => Some(ReviewEntry {
                    ts: e.ts,
                    grade: *grade,
                    mode: *mode,
                    ms: *ms,
                }),
                _ => None,
            })
            .collect();
        reviews.sort_by_key(|r| r.ts);
        if reviews.is_empty() {
            self.states.remove(card);
            self.reviews.remove(card);
        } else {
            let state = self
                .scheduler
                .replay(card, reviews.iter().map(|r| (r.ts, r.grade)));
            self.states.insert(card.clone(), state);
            self.reviews.insert(card.clone(), reviews);
        }
    }

    /// True when the card has never been answered.
    #[must_use]
    pub fn is_new(&self, id: &CardId) -> bool {
        matches!(self.state(id).phase, Phase::New)
    }
}

/// Study days as plain numbers (days since 1970-01-01 of the local time
/// shifted back by the day-start hour): exactly [`StudyClock::day_of`], but
/// integer arithmetic instead of calendar arithmetic, for loops over every
/// review.
#[derive(Debug, Clone, Copy)]
struct DayNumbers {
    shift: i64,
}

/// 1970-01-01 counted from 0001-01-01 (day 1).
const EPOCH_DAYS_FROM_CE: i64 = 719_163;

impl DayNumbers {
    fn new(clock: &StudyClock) -> Self {
        Self {
            shift: i64::from(clock.offset.local_minus_utc())
                - i64::from(clock.day_start_hour) * 3600,
        }
    }

    fn of(self, ts: DateTime<Utc>) -> i64 {
        (ts.timestamp() + self.shift).div_euclid(86_400)
    }

    fn date(n: i64) -> Option<chrono::NaiveDate> {
        i32::try_from(n + EPOCH_DAYS_FROM_CE)
            .ok()
            .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
    }
}

/// How many of `reviews` (in time order) fall on study day `day`: a binary
/// search, since the study day only grows with the time.
fn reviews_on(reviews: &[ReviewEntry], days: DayNumbers, day: i64) -> usize {
    let from = reviews.partition_point(|r| days.of(r.ts) < day);
    let to = reviews.partition_point(|r| days.of(r.ts) <= day);
    to - from
}

fn load_decks(options: &OpenOptions) -> DeckSet {
    let cache = options.cache_dir.clone().map(crate::cache::Cache::new);
    crate::deck::load_all_with(
        options.bundled,
        options.user_decks.as_deref(),
        &options.extra_decks,
        cache.as_ref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_are_the_study_days() {
        let base = DateTime::parse_from_rfc3339("1969-12-30T21:17:05.5Z")
            .unwrap()
            .with_timezone(&Utc);
        for offset_h in [-12, -5, 0, 1, 2, 9, 14] {
            for hour in [0, 4, 23] {
                let clock = StudyClock {
                    now: base,
                    offset: FixedOffset::east_opt(offset_h * 3600 + 1800).unwrap(),
                    day_start_hour: hour,
                };
                let days = DayNumbers::new(&clock);
                for k in 0..2_000i64 {
                    // Steps of 53 min 7 s over about 74 days, then far away.
                    let ts =
                        base + chrono::Duration::seconds(k * 3187 + (k / 1000) * 20_000_000_000);
                    assert_eq!(
                        DayNumbers::date(days.of(ts)),
                        Some(clock.day_of(ts)),
                        "{ts} {offset_h} {hour}"
                    );
                }
            }
        }
    }
}
