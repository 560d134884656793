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
use crate::checkpoint::{self, Checkpoint, Derived};
use crate::config::{Config, ConfigError};
use crate::deck::{Card, CardId, CardKey, CardMap, Deck, DeckSet, Diagnostic};
use crate::parallel;
use crate::progress::{
    Event, EventBody, EventId, Grade, JOURNAL_FILE, Journal, JournalError, LoadReport, MarkAction,
    Marks, Mode, ReviewEntry, card_marks, effective_reviews, scheduling_reviews, undone_ids,
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
    /// Cards in both scopes.
    And(Box<Scope>, Box<Scope>),
    /// The material of an exam.
    Exam(crate::progress::Exam),
}

impl Scope {
    /// Whether `card` belongs to this scope.
    #[must_use]
    pub fn includes(&self, card: &Card) -> bool {
        self.includes_key(&card.key())
    }

    /// The one deck every card of this scope is in, if the scope says.
    fn only_deck(&self) -> Option<&str> {
        match self {
            Scope::Deck(id) => Some(id),
            Scope::And(a, b) => a.only_deck().or_else(|| b.only_deck()),
            _ => None,
        }
    }

    /// [`Scope::includes`] by the card's key.
    #[must_use]
    pub fn includes_key(&self, card: &CardKey<'_>) -> bool {
        match self {
            Scope::All => true,
            Scope::Deck(id) => card.deck_id == id,
            Scope::Tag(tag) => card.tags.iter().any(|t| t == tag),
            Scope::Cards(ids) => ids.contains(card.id),
            Scope::And(a, b) => a.includes_key(card) && b.includes_key(card),
            Scope::Exam(exam) => exam.covers_key(card),
        }
    }
}

/// What the exam plan changes in today's queue.
#[derive(Debug, Clone, Default)]
pub struct ExamPlan {
    /// Cards of an exam still ahead.
    pub covered: HashSet<CardId>,
    /// Cards shown earlier than FSRS would, so their last review lands
    /// shortly before the exam: the card's state with the capped due date.
    pub capped: HashMap<CardId, CardState>,
    /// New cards per day the exams need (0 without exams).
    pub new_per_day: u32,
    /// Notes whose new cards could not all be introduced in time one a
    /// day: their cards are not held back as siblings.
    pub unbury: HashSet<String>,
}

/// What today's queues start from, whatever their scope (see
/// [`Collection::today_basis`]).
#[derive(Debug, Clone)]
pub struct TodayBasis<'a> {
    now: DateTime<Utc>,
    end_of_day: DateTime<Utc>,
    plan: ExamPlan,
    done: DoneToday,
    /// Notes with a card answered today or in learning: their other new
    /// and review cards wait.
    taken: HashSet<&'a str, crate::cache::FnvBuild>,
}

impl TodayBasis<'_> {
    /// The moment it was made for.
    #[must_use]
    pub fn now(&self) -> DateTime<Utc> {
        self.now
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
    reviews: CardMap<Vec<ReviewEntry>>,
    states: CardMap<CardState>,
    /// Suspended, buried, flagged and reset cards.
    marks: CardMap<Marks>,
    /// The exams in the journal (kept up to date by [`Collection::append`]).
    exams: Vec<crate::progress::Exam>,
    /// The cache, writing compiled decks in the background: dropping the
    /// collection waits for those writes.
    cache: Option<Cache>,
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
        let cache = options.cache_dir.clone().map(Cache::writing_in_background);
        let settings =
            checkpoint::settings_key(&config.scheduler, options.offset.local_minus_utc());
        let journal_path = options.data_dir.join(JOURNAL_FILE);
        // Three things at once, none depending on another: the decks load
        // on one thread, the journal is opened (its prefix checked against
        // the checkpoint's hash) on another, and the checkpoint's card
        // records are decoded here.
        let ((saved, journal), decks) = parallel::join(
            || {
                let saved = cache
                    .as_ref()
                    .and_then(|c| Checkpoint::read(c, &journal_path));
                let resume = saved.as_ref().and_then(|c| c.resume(settings));
                let (dir, read_only) = (&options.data_dir, options.read_only);
                parallel::join(
                    || {
                        resume
                            .and(saved)
                            .and_then(|c| Some((c.offset(), c.derived()?)))
                    },
                    move || Journal::open_resuming(dir, read_only, resume),
                )
            },
            || load_decks(&options, cache.as_ref()),
        );
        let (journal, journal_report) = journal?;
        let mut collection = Self {
            options,
            decks,
            config,
            scheduler,
            journal,
            journal_report,
            reviews: CardMap::default(),
            states: CardMap::default(),
            marks: CardMap::default(),
            exams: Vec::new(),
            cache: None,
        };
        collection.derive(saved, cache.as_ref(), settings);
        collection.cache = cache;
        Ok(collection)
    }

    /// Derives everything replay gives ([`Derived`], marks and exams): from
    /// the checkpoint plus the events after it when the journal was opened
    /// from one (and nothing after it refers back into it), otherwise by
    /// replaying the whole journal. Then saves a new checkpoint when there
    /// was none or the events after it have grown.
    fn derive(&mut self, saved: Option<(u64, Derived)>, cache: Option<&Cache>, settings: u128) {
        let resumed = match saved {
            Some((offset, derived))
                if self.journal.unparsed() > 0 && self.journal.unparsed() == offset =>
            {
                self.replay_tail(derived)
            }
            _ => None,
        };
        let (write, side_events) = if let Some(side) = resumed {
            (
                self.journal.tail_events().len() >= checkpoint::REWRITE_AFTER_EVENTS,
                side,
            )
        } else {
            self.replay_all();
            // Undos of an event that is in no event (yet) would have to be
            // carried along; such journals are rare and simply replayed.
            let events = self.journal.events();
            let known: HashSet<&EventId> = events
                .iter()
                .filter(|e| {
                    crate::progress::review_of(e).is_some()
                        || matches!(e.body, EventBody::Mark { .. })
                })
                .map(|e| &e.id)
                .collect();
            let write = undone_ids(events).iter().all(|id| known.contains(id));
            (write, side_events(events, &undone_ids(events)))
        };
        let loaded = self.journal.loaded();
        if let Some(cache) = cache
            && write
            && loaded.events > 0
        {
            let derived = Derived {
                reviews: std::mem::take(&mut self.reviews),
                states: std::mem::take(&mut self.states),
                side_events: side_events
                    .iter()
                    .filter_map(|e| serde_json::to_string(e).ok())
                    .collect(),
            };
            checkpoint::write(cache, self.journal.path(), settings, loaded, &derived);
            let Derived {
                reviews, states, ..
            } = derived;
            self.reviews = reviews;
            self.states = states;
        }
    }

    /// Continues `derived` (the checkpoint's, up to the unparsed prefix)
    /// with the journal's events after it: marks and exams are derived
    /// again from the checkpoint's mark and exam events followed by the new
    /// ones, and each card with new reviews or changed marks is replayed over
    /// its whole history, exactly as a full replay would. Returns the mark
    /// and exam events in effect now (for a new checkpoint); `None`
    /// (nothing changed) when an undo after the checkpoint takes back an
    /// event before it that the checkpoint does not carry (a review), or the
    /// checkpoint's events do not decode.
    fn replay_tail(&mut self, derived: Derived) -> Option<Vec<Event>> {
        let tail = self.journal.tail_events();
        let prefix_side: Vec<Event> = derived
            .side_events
            .iter()
            .map(|line| serde_json::from_str(line).ok())
            .collect::<Option<_>>()?;
        let known: HashSet<&EventId> = tail
            .iter()
            .filter(|e| {
                crate::progress::review_of(e).is_some() || matches!(e.body, EventBody::Mark { .. })
            })
            .chain(
                prefix_side
                    .iter()
                    .filter(|e| matches!(e.body, EventBody::Mark { .. })),
            )
            .map(|e| &e.id)
            .collect();
        let tail_undone = undone_ids(tail);
        if tail_undone.iter().any(|id| !known.contains(id)) {
            return None;
        }
        // Marks and exams over the checkpoint's events and the new ones, in
        // journal order (undos included, so they take effect).
        let mut combined = prefix_side.clone();
        combined.extend(
            tail.iter()
                .filter(|e| {
                    matches!(
                        e.body,
                        EventBody::Mark { .. }
                            | EventBody::ExamAdd { .. }
                            | EventBody::ExamRemove { .. }
                            | EventBody::Undo { .. }
                    )
                })
                .cloned(),
        );
        let marks_before = card_marks(&prefix_side);
        let marks = card_marks(&combined);
        let exams = crate::progress::exams(&combined);
        let side = side_events(&combined, &undone_ids(&combined));
        let Derived {
            mut reviews,
            mut states,
            ..
        } = derived;
        let mut touched: HashSet<CardId> = marks
            .keys()
            .chain(marks_before.keys())
            .filter(|id| marks.get(*id) != marks_before.get(*id))
            .cloned()
            .collect();
        for (card, added) in effective_reviews(tail) {
            let list = reviews.entry(card.clone()).or_default();
            list.extend(added);
            if !list.is_sorted_by_key(|r| r.ts) {
                list.sort_by_key(|r| r.ts);
            }
            touched.insert(card);
        }
        for card in touched {
            let state = reviews.get(&card).map(|list| {
                self.scheduler.replay(
                    &card,
                    scheduling_reviews(list, marks.get(&card)).map(|r| (r.ts, r.grade)),
                )
            });
            match state {
                Some(state) if !matches!(state.phase, Phase::New) => {
                    states.insert(card, state);
                }
                _ => {
                    states.remove(&card);
                }
            }
        }
        self.reviews = reviews;
        self.states = states;
        self.marks = marks;
        self.exams = exams;
        Some(side)
    }

    fn replay_all(&mut self) {
        self.reviews = effective_reviews(self.journal.events());
        self.marks = card_marks(self.journal.events());
        self.exams = crate::progress::exams(self.journal.events());
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

    /// Waits for the compiled decks being written to the cache in the
    /// background (dropping the collection waits for them too).
    pub fn wait_for_cache(&self) {
        if let Some(cache) = &self.cache {
            cache.wait();
        }
    }

    /// Loads the decks again (after an edit). A deck whose file now has
    /// errors keeps its last good version; the errors are returned.
    pub fn reload_decks(&mut self) -> Vec<Diagnostic> {
        let mut fresh = load_decks(&self.options, self.cache.as_ref());
        let broken_files: HashSet<String> = fresh.errors.iter().map(|d| d.file.clone()).collect();
        let loaded: HashSet<String> = fresh.decks.iter().map(|d| d.id.clone()).collect();
        for old in &self.decks.decks {
            let file = old.origin.display_name();
            if broken_files.contains(&file) && !loaded.contains(&old.id) {
                fresh.keep(old.clone());
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
    pub fn states(&self) -> &CardMap<CardState> {
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

    /// Every loaded card's key in deck order, without decoding the cards
    /// of a deck from the cache (see [`crate::deck::Cards`]).
    pub fn card_keys(&self) -> impl Iterator<Item = CardKey<'_>> {
        self.decks.decks.iter().flat_map(|d| d.cards.keys())
    }

    /// How many effective reviews the card got on the current study day.
    #[must_use]
    pub fn reviewed_today(&self, id: &CardId, now: DateTime<Utc>) -> usize {
        let days = DayNumbers::new(&self.clock(now));
        reviews_on(self.reviews_of(id), days, days.of(now)).len()
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
        let mut orphans: Vec<CardId> = self
            .reviews
            .keys()
            .filter(|id| !self.decks.contains(id))
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
            .map(|reviews| reviews_on(reviews, days, today).len())
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
        for (id, reviews) in &self.reviews {
            if reviews_on(reviews, days, today).is_empty() {
                continue;
            }
            let mut counted = scheduling_reviews(reviews, self.marks.get(id));
            let Some(first) = counted.next() else {
                continue;
            };
            if days.of(first.ts) == today {
                done.new += 1;
            } else if counted.any(|r| days.of(r.ts) == today) {
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
        let basis = self.today_basis(now);
        let cards = self
            .queue_candidates(scope, &basis)
            .map(|(id, state, pos)| (id.clone(), state, pos));
        let mut queue = Queue::build(&self.scheduler, cards, now, basis.done);
        queue.raise_new_limit(basis.plan.new_per_day, basis.done.new);
        queue
    }

    /// What every queue of the moment `now` starts from, whatever its
    /// scope; for [`Collection::queue_counts`] over several scopes.
    #[must_use]
    pub fn today_basis(&self, now: DateTime<Utc>) -> TodayBasis<'_> {
        let clock = self.clock(now);
        let days = DayNumbers::new(&clock);
        let today_no = days.of(now);
        let mut taken: HashSet<&str, crate::cache::FnvBuild> = self
            .reviews
            .iter()
            // Practice and cram answers do not count: a due card crammed
            // today is still due today.
            .filter(|(_, reviews)| {
                reviews_on(reviews, days, today_no)
                    .iter()
                    .any(|r| r.mode.moves_schedule())
            })
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
        TodayBasis {
            now,
            end_of_day: clock.end_of(clock.today()),
            plan: self.exam_plan(now),
            done: self.done_today(now),
            taken,
        }
    }

    /// [`Queue::counts`] of [`Collection::queue`]`(scope, basis.now)`,
    /// without building the queue (for the overview's counts).
    #[must_use]
    pub fn queue_counts(&self, scope: &Scope, basis: &TodayBasis<'_>) -> crate::scheduler::Counts {
        let cards = self
            .queue_candidates(scope, basis)
            .map(|(id, state, _)| (id, state));
        Queue::counts_of(
            &self.scheduler,
            cards,
            self.decks.ids_unique(),
            basis.now,
            basis.done,
            basis.plan.new_per_day,
        )
    }

    /// The keys of the cards in `scope`, in deck order. Decks that cannot
    /// hold a card of the scope's deck are skipped without looking at
    /// their cards one by one.
    pub fn scope_keys<'a>(&'a self, scope: &'a Scope) -> impl Iterator<Item = CardKey<'a>> + 'a {
        let deck = scope.only_deck();
        self.decks
            .decks
            .iter()
            .filter(move |d| deck.is_none_or(|id| d.cards.may_hold_deck(id)))
            .flat_map(|d| d.cards.keys())
            .filter(|c| scope.includes_key(c))
    }

    /// What [`Collection::queue`] puts in the queue: each card of `scope`
    /// not suspended or buried, with its state (capped by `plan`) and its
    /// position, without the siblings held back today.
    fn queue_candidates<'a>(
        &'a self,
        scope: &'a Scope,
        basis: &'a TodayBasis<'a>,
    ) -> impl Iterator<Item = (&'a CardId, &'a CardState, usize)> + 'a {
        let TodayBasis {
            now,
            end_of_day,
            plan,
            ..
        } = basis;
        let (now, end_of_day) = (*now, *end_of_day);
        // A note's cards are listed together (the loader writes a reversed
        // side or the gaps of a cloze text right after each other, and an
        // explicit id cannot hold the `~` of a generated one), so with
        // unique ids a note shown earlier today in this scope is the last
        // one shown: no set of every note shown is needed.
        let unique = self.decks.ids_unique();
        let mut taken = if unique {
            HashSet::default()
        } else {
            basis.taken.clone()
        };
        let mut last_shown: Option<&str> = None;
        self.scope_keys(scope)
            .enumerate()
            .filter(move |(_, c)| {
                let marks = self.marks(c.id);
                !marks.suspended && !marks.buried(now)
            })
            .filter_map(move |(pos, c)| {
                let state = plan.capped.get(c.id).unwrap_or_else(|| self.state(c.id));
                // Exam material first among new cards.
                let pos = if plan.covered.is_empty() || plan.covered.contains(c.id) {
                    pos
                } else {
                    pos + (1 << 40)
                };
                let shown_today = match state.phase {
                    Phase::Learning { .. } | Phase::Relearning { .. } => {
                        return Some((c.id, state, pos));
                    }
                    Phase::New => true,
                    Phase::Review => state.due.is_some_and(|due| due < end_of_day),
                };
                if !shown_today || plan.unbury.contains(c.id.note_key()) {
                    return Some((c.id, state, pos));
                }
                let note = c.id.note_key();
                let held = if unique {
                    last_shown == Some(note) || basis.taken.contains(note)
                } else {
                    !taken.insert(note)
                };
                if held {
                    return None;
                }
                last_shown = Some(note);
                Some((c.id, state, pos))
            })
    }

    /// The exams set in the journal, by date.
    #[must_use]
    pub fn exams(&self) -> Vec<crate::progress::Exam> {
        self.exams.clone()
    }

    /// The exam plan for today's queue (see [`crate::scheduler::exam`]):
    /// for every exam still ahead, its cards' capped due dates and the new
    /// cards per day its unstudied cards need. A card belongs to the
    /// earliest exam that covers it.
    #[must_use]
    pub fn exam_plan(&self, now: DateTime<Utc>) -> ExamPlan {
        use crate::scheduler::exam::{capped_due, introduce_days, new_cards_today};
        let clock = self.clock(now);
        let today = clock.today();
        let exams: Vec<&crate::progress::Exam> =
            self.exams.iter().filter(|e| e.date > today).collect();
        let mut plan = ExamPlan::default();
        if exams.is_empty() {
            return plan;
        }
        let mut unstudied = vec![0usize; exams.len()];
        let mut new_siblings: HashMap<&str, (usize, u64)> = HashMap::new();
        for card in self.card_keys() {
            let Some(i) = exams.iter().position(|e| e.covers_key(&card)) else {
                continue;
            };
            plan.covered.insert(card.id.clone());
            if self.marks(card.id).suspended {
                continue;
            }
            let state = self.state(card.id);
            let introduced_today = || {
                scheduling_reviews(self.reviews_of(card.id), self.marks.get(card.id))
                    .next()
                    .is_some_and(|r| clock.day_of(r.ts) == today)
            };
            if matches!(state.phase, Phase::New) || introduced_today() {
                unstudied[i] += 1;
            }
            if matches!(state.phase, Phase::New) {
                let days = introduce_days(today, exams[i].date);
                let entry = new_siblings.entry(card.id.note_key()).or_insert((0, days));
                entry.0 += 1;
                entry.1 = entry.1.min(days);
            }
            let exam = exams[i].date;
            let start = self.scheduler.day_start(exam);
            if let Some(due) = capped_due(&self.scheduler, state, today, exam, start) {
                let mut capped = state.clone();
                capped.due = Some(due);
                plan.capped.insert(card.id.clone(), capped);
            }
        }
        let needed: usize = exams
            .iter()
            .zip(&unstudied)
            .map(|(e, &n)| new_cards_today(n, today, e.date))
            .sum();
        plan.new_per_day = u32::try_from(needed).unwrap_or(u32::MAX);
        plan.unbury = new_siblings
            .into_iter()
            .filter(|&(_, (n, days))| n as u64 >= days)
            .map(|(note, _)| note.to_owned())
            .collect();
        plan
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
        self.insert_review(
            card,
            ReviewEntry {
                ts: now,
                grade,
                mode,
                ms,
            },
        );
        if !matches!(next.phase, Phase::New) {
            self.states.insert(card.clone(), next);
        }
        Ok((event, previous))
    }

    /// Records a quiz answer (a `QuizAnswer` event). When it carries a
    /// grade, the answer and its effect on the schedule are this one event,
    /// synced before the card's state changes.
    ///
    /// # Errors
    /// Not a quiz answer, an unknown card, or the journal cannot be written.
    pub fn record_quiz_answer(
        &mut self,
        body: EventBody,
        now: DateTime<Utc>,
    ) -> Result<Event, CollectionError> {
        let EventBody::QuizAnswer {
            card, grade, ms, ..
        } = &body
        else {
            return Err(CollectionError::Journal(JournalError::InvalidEvent(
                "not a quiz answer".to_owned(),
            )));
        };
        let (card, grade, ms) = (card.clone(), *grade, *ms);
        if grade.is_some() && self.card(&card).is_none() {
            return Err(CollectionError::UnknownCard(card));
        }
        let event = self.journal.append(now, body)?;
        if let Some(grade) = grade {
            let previous = self.state(&card).clone();
            let next = self.scheduler.review(&card, &previous, grade, now);
            self.insert_review(
                &card,
                ReviewEntry {
                    ts: now,
                    grade,
                    mode: Mode::Quiz,
                    ms,
                },
            );
            if !matches!(next.phase, Phase::New) {
                self.states.insert(card, next);
            }
        }
        Ok(event)
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

    /// Adds a review to the card's history, in time order as a replay sorts
    /// them (a clock set back can put an answer before earlier ones).
    fn insert_review(&mut self, card: &CardId, entry: ReviewEntry) {
        let list = self.reviews.entry(card.clone()).or_default();
        let at = list.partition_point(|r| r.ts <= entry.ts);
        list.insert(at, entry);
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
        let exam = matches!(
            body,
            EventBody::ExamAdd { .. } | EventBody::ExamRemove { .. }
        );
        let event = self.journal.append(now, body)?;
        if exam {
            self.exams = crate::progress::exams(self.journal.events());
        }
        Ok(event)
    }

    fn replay_card(&mut self, card: &CardId) {
        let events = self.journal.events();
        let undone = undone_ids(events);
        let mut reviews: Vec<ReviewEntry> = events
            .iter()
            .filter(|e| !undone.contains(&e.id))
            .filter_map(|e| match crate::progress::review_of(e) {
                Some((c, grade, mode, ms)) if c == card => Some(ReviewEntry {
                    ts: e.ts,
                    grade,
                    mode,
                    ms,
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

/// The `mark`, `exam_add` and `exam_remove` events of `events` that are
/// not in `undone`, in journal order: what a checkpoint carries to derive
/// marks and exams from.
fn side_events(events: &[Event], undone: &HashSet<&EventId>) -> Vec<Event> {
    events
        .iter()
        .filter(|e| {
            matches!(
                e.body,
                EventBody::Mark { .. } | EventBody::ExamAdd { .. } | EventBody::ExamRemove { .. }
            ) && !undone.contains(&e.id)
        })
        .cloned()
        .collect()
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

/// The ones of `reviews` (in time order) on study day `day`: a binary
/// search, since the study day only grows with the time.
fn reviews_on(reviews: &[ReviewEntry], days: DayNumbers, day: i64) -> &[ReviewEntry] {
    // Most cards were not reviewed that day: one look at the last review
    // settles the days after it.
    if reviews.last().is_none_or(|r| days.of(r.ts) < day) {
        return &[];
    }
    let from = reviews.partition_point(|r| days.of(r.ts) < day);
    let to = reviews.partition_point(|r| days.of(r.ts) <= day);
    &reviews[from..to]
}

fn load_decks(options: &OpenOptions, cache: Option<&Cache>) -> DeckSet {
    crate::deck::load_all_with(
        options.bundled,
        options.user_decks.as_deref(),
        &options.extra_decks,
        cache,
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
