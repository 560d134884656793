//! The collection: decks, configuration, journal and the card states derived
//! from it, opened together. Every answer goes through here, so the journal
//! and the in-memory states never disagree.
//!
//! No terminal and no clock: times come in as arguments.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Utc};
use thiserror::Error;

use crate::config::{Config, ConfigError};
use crate::deck::{Card, CardId, Deck, DeckSet, Diagnostic};
use crate::progress::{
    Event, EventBody, EventId, Grade, Journal, JournalError, LoadReport, MarkAction, Marks, Mode,
    ReviewEntry, card_marks, effective_reviews, scheduling_reviews, undone_ids,
};
use crate::scheduler::{CardState, DoneToday, Phase, Queue, Scheduler, SchedulerError};
use crate::stats::{ReviewRecord, StudyClock};

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
    /// Cards in both scopes.
    And(Box<Scope>, Box<Scope>),
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
            Scope::And(a, b) => a.includes(card) && b.includes(card),
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
    /// Suspended, buried, flagged and reset cards.
    marks: HashMap<CardId, Marks>,
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
        let (journal, journal_report) = if options.read_only {
            Journal::open_read_only(&options.data_dir)?
        } else {
            Journal::open(&options.data_dir)?
        };
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
            marks: HashMap::new(),
        };
        collection.replay_all();
        Ok(collection)
    }

    fn replay_all(&mut self) {
        self.reviews = effective_reviews(self.journal.events());
        self.marks = card_marks(self.journal.events());
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
        let marks = &self.marks;
        let replay = |part: &[(&CardId, &Vec<ReviewEntry>)]| -> Vec<(CardId, CardState)> {
            part.iter()
                .map(|(id, reviews)| {
                    let counted = scheduling_reviews(reviews, marks.get(*id));
                    let state = scheduler.replay(id, counted.map(|r| (r.ts, r.grade)));
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
                // Cards with only practice answers (or reset) are new.
                .filter(|(_, state)| !matches!(state.phase, Phase::New))
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

    /// Every effective review in time order, for statistics.
    #[must_use]
    pub fn review_records(&self) -> Vec<ReviewRecord<'_>> {
        let events = self.journal.events();
        let undone = undone_ids(events);
        let mut records: Vec<ReviewRecord<'_>> = events
            .iter()
            .filter(|e| !undone.contains(&e.id))
            .filter_map(|e| match &e.body {
                EventBody::Review { card, grade, .. } => Some(ReviewRecord {
                    card,
                    ts: e.ts,
                    grade: *grade,
                }),
                _ => None,
            })
            .collect();
        records.sort_by_key(|r| r.ts);
        records
    }

    /// How many new cards were introduced and reviews done on the current
    /// study day (for the daily limits).
    #[must_use]
    pub fn done_today(&self, now: DateTime<Utc>) -> DoneToday {
        let clock = self.clock(now);
        let today = clock.today();
        let mut done = DoneToday::default();
        for (id, reviews) in &self.reviews {
            let mut counted = scheduling_reviews(reviews, self.marks.get(id));
            let Some(first) = counted.next() else {
                continue;
            };
            if clock.day_of(first.ts) == today {
                done.new += 1;
            } else if counted.any(|r| clock.day_of(r.ts) == today) {
                done.reviews += 1;
            }
        }
        done
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
        let mut taken: HashSet<&str> = self
            .reviews
            .iter()
            .filter(|(_, reviews)| reviews.iter().any(|r| clock.day_of(r.ts) == today))
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
            .filter(|(_, c)| {
                let marks = self.marks(&c.id);
                !marks.suspended && !marks.buried(now)
            })
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
        let next = if mode.moves_schedule() {
            self.scheduler.review(card, &previous, grade, now)
        } else {
            previous.clone()
        };
        self.reviews
            .entry(card.clone())
            .or_default()
            .push(ReviewEntry {
                ts: now,
                grade,
                mode,
                ms,
            });
        if !matches!(next.phase, Phase::New) {
            self.states.insert(card.clone(), next);
        }
        Ok((event, previous))
    }

    /// Records a `mark` event (suspend, bury, flag, reset, or their
    /// opposites) for one card, synced before it takes effect.
    ///
    /// # Errors
    /// Unknown card, or the journal cannot be written.
    pub fn record_mark(
        &mut self,
        card: &CardId,
        action: MarkAction,
        until: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<Event, CollectionError> {
        if self.card(card).is_none() {
            return Err(CollectionError::UnknownCard(card.clone()));
        }
        let event = self.journal.append(
            now,
            EventBody::Mark {
                card: card.clone(),
                action,
                until,
            },
        )?;
        self.replay_card(card);
        Ok(event)
    }

    /// The marks of one card (all false when none).
    #[must_use]
    pub fn marks(&self, id: &CardId) -> Marks {
        self.marks.get(id).copied().unwrap_or_default()
    }

    /// Takes back a review or mark event by id (an `Undo` event is appended) and
    /// replays the card without it. Returns the card whose answer was undone.
    ///
    /// # Errors
    /// The journal cannot be written.
    pub fn undo(
        &mut self,
        target: &EventId,
        now: DateTime<Utc>,
    ) -> Result<Option<CardId>, CollectionError> {
        let Some(card) = self.journal.events().iter().find_map(|e| match &e.body {
            EventBody::Review { card, .. } | EventBody::Mark { card, .. } if &e.id == target => {
                Some(card.clone())
            }
            _ => None,
        }) else {
            return Ok(None);
        };
        self.journal.append(
            now,
            EventBody::Undo {
                target: target.clone(),
            },
        )?;
        self.replay_card(&card);
        Ok(Some(card))
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
        let mut marks = Marks::default();
        let mut mark_events: Vec<&Event> = events
            .iter()
            .filter(|e| !undone.contains(&e.id))
            .filter(|e| matches!(&e.body, EventBody::Mark { card: c, .. } if c == card))
            .collect();
        mark_events.sort_by_key(|e| e.ts);
        for e in mark_events {
            if let EventBody::Mark { action, until, .. } = &e.body {
                marks.apply(*action, e.ts, *until);
            }
        }
        let state = self.scheduler.replay(
            card,
            scheduling_reviews(&reviews, Some(&marks)).map(|r| (r.ts, r.grade)),
        );
        if matches!(state.phase, Phase::New) {
            self.states.remove(card);
        } else {
            self.states.insert(card.clone(), state);
        }
        if reviews.is_empty() {
            self.reviews.remove(card);
        } else {
            self.reviews.insert(card.clone(), reviews);
        }
        if marks.is_empty() {
            self.marks.remove(card);
        } else {
            self.marks.insert(card.clone(), marks);
        }
    }

    /// True when the card has never been answered.
    #[must_use]
    pub fn is_new(&self, id: &CardId) -> bool {
        matches!(self.state(id).phase, Phase::New)
    }
}

fn load_decks(options: &OpenOptions) -> DeckSet {
    crate::deck::load_all(
        options.bundled,
        options.user_decks.as_deref(),
        &options.extra_decks,
    )
}
