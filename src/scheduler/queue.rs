//! Today's study queue: which card to show next.
//!
//! Order: (re)learning cards whose step is due (earliest first); then due
//! review cards (lowest recall probability first) interleaved with new cards
//! in deck order (one new card after every N reviews, N chosen so both run
//! out together), within the daily limits. When only learning cards due later
//! today remain, the first is shown early if it is due within the learn-ahead
//! limit; beyond it, [`Next::Wait`] tells when. Built in O(n log n); every pick
//! and answer costs O(log n).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use super::{CardState, Phase, Scheduler};
use crate::deck::CardId;

/// How many new cards and reviews were already done today (from the journal).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DoneToday {
    pub new: u32,
    pub reviews: u32,
}

/// What to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    /// Show this card.
    Card(CardId),
    /// Nothing to show now; a learning card comes due at this time today.
    Wait(DateTime<Utc>),
    /// Nothing left today.
    Done,
}

/// Which of today's lists a card is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pile {
    New,
    Learning,
    Review,
}

/// Remaining cards, for the UI's counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub learning: usize,
    pub review: usize,
}

/// Which list a card sits in (keys into the sets below).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    None,
    Learning(i64),
    Review(u64),
    New(usize),
    /// A review card due on a later day (key: due time; and its recall
    /// probability key for when [`Queue::ahead`] brings it forward).
    Later(i64, u64),
}

/// The queue for one study session.
#[derive(Debug, Clone)]
pub struct Queue {
    ids: Vec<CardId>,
    index: HashMap<CardId, u32>,
    slots: Vec<Slot>,
    /// Position in deck order of each card (for re-inserting a new card on undo).
    positions: Vec<usize>,
    learning: BTreeSet<(i64, u32)>,
    /// Key: retrievability bits (non-negative f64 orders like its bits).
    review: BTreeSet<(u64, u32)>,
    new: BTreeSet<(usize, u32)>,
    later: BTreeSet<(i64, u32)>,
    /// Per answer: the card, the list it left, and `reviews_since_new` before.
    answers: Vec<(u32, Slot, u32)>,
    new_left: u32,
    reviews_left: u32,
    reviews_since_new: u32,
    today: NaiveDate,
    built_at: DateTime<Utc>,
    scheduler: Scheduler,
}

impl Queue {
    /// Builds the queue from `(card, state, position in deck order)` for the
    /// cards in scope.
    pub fn build<'a>(
        scheduler: &Scheduler,
        cards: impl IntoIterator<Item = (CardId, &'a CardState, usize)>,
        now: DateTime<Utc>,
        done: DoneToday,
    ) -> Self {
        let config = scheduler.config();
        let mut q = Self {
            ids: Vec::new(),
            index: HashMap::new(),
            slots: Vec::new(),
            positions: Vec::new(),
            learning: BTreeSet::new(),
            review: BTreeSet::new(),
            new: BTreeSet::new(),
            later: BTreeSet::new(),
            answers: Vec::new(),
            new_left: config.new_per_day.saturating_sub(done.new),
            reviews_left: config.reviews_per_day.saturating_sub(done.reviews),
            reviews_since_new: 0,
            today: scheduler.study_day(now),
            built_at: now,
            scheduler: scheduler.clone(),
        };
        for (id, state, position) in cards {
            let i = q.register(id, position);
            q.insert(i, state);
        }
        q
    }

    /// What [`Queue::counts`] gives for [`Queue::build`] over the same
    /// cards followed by [`Queue::raise_new_limit`]`(new_per_day, done.new)`,
    /// without building the queue: each card (the last entry of a card
    /// given twice) counts in the list `build` would put it in. `unique`
    /// promises that no card is given twice (nothing to look up then).
    pub fn counts_of<'a, K: Eq + std::hash::Hash>(
        scheduler: &Scheduler,
        cards: impl IntoIterator<Item = (K, &'a CardState)>,
        unique: bool,
        now: DateTime<Utc>,
        done: DoneToday,
        new_per_day: u32,
    ) -> Counts {
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum List {
            New,
            Learning,
            Review,
            Other,
        }
        let config = scheduler.config();
        let today = scheduler.study_day(now);
        let due_today =
            |due: Option<DateTime<Utc>>| due.is_none_or(|d| scheduler.study_day(d) <= today);
        let list_of = |state: &CardState| match state.phase {
            Phase::New => List::New,
            Phase::Learning { .. } | Phase::Relearning { .. } if due_today(state.due) => {
                List::Learning
            }
            Phase::Review if due_today(state.due) => List::Review,
            _ => List::Other,
        };
        let mut tally = [0usize; 4];
        if unique {
            for (_, state) in cards {
                tally[list_of(state) as usize] += 1;
            }
        } else {
            let mut lists: HashMap<K, List> = HashMap::new();
            for (id, state) in cards {
                lists.insert(id, list_of(state));
            }
            for list in lists.values() {
                tally[*list as usize] += 1;
            }
        }
        let count = |list: List| tally[list as usize];
        let new_left = config
            .new_per_day
            .saturating_sub(done.new)
            .max(new_per_day.saturating_sub(done.new));
        let reviews_left = config.reviews_per_day.saturating_sub(done.reviews);
        Counts {
            new: count(List::New).min(new_left as usize),
            learning: count(List::Learning),
            review: count(List::Review).min(reviews_left as usize),
        }
    }

    fn register(&mut self, id: CardId, position: usize) -> u32 {
        if let Some(&i) = self.index.get(&id) {
            self.positions[i as usize] = position;
            return i;
        }
        let i = u32::try_from(self.ids.len()).expect("fewer than 2^32 cards");
        self.index.insert(id.clone(), i);
        self.ids.push(id);
        self.slots.push(Slot::None);
        self.positions.push(position);
        i
    }

    fn remove(&mut self, i: u32) -> Slot {
        let slot = std::mem::replace(&mut self.slots[i as usize], Slot::None);
        match slot {
            Slot::None => {}
            Slot::Learning(k) => {
                self.learning.remove(&(k, i));
            }
            Slot::Review(k) => {
                self.review.remove(&(k, i));
            }
            Slot::New(k) => {
                self.new.remove(&(k, i));
            }
            Slot::Later(k, _) => {
                self.later.remove(&(k, i));
            }
        }
        slot
    }

    fn insert(&mut self, i: u32, state: &CardState) {
        self.remove(i);
        let due_today = |due: Option<DateTime<Utc>>| {
            due.is_none_or(|d| self.scheduler.study_day(d) <= self.today)
        };
        let slot = match state.phase {
            Phase::New => Slot::New(self.positions[i as usize]),
            Phase::Learning { .. } | Phase::Relearning { .. } if due_today(state.due) => {
                Slot::Learning(state.due.map_or(i64::MIN, |d| d.timestamp_millis()))
            }
            Phase::Review => {
                let r = self
                    .scheduler
                    .retrievability(state, self.built_at)
                    .unwrap_or(0.0);
                let key = r.max(0.0).to_bits();
                if due_today(state.due) {
                    Slot::Review(key)
                } else {
                    Slot::Later(state.due.map_or(i64::MAX, |d| d.timestamp_millis()), key)
                }
            }
            _ => Slot::None,
        };
        match slot {
            Slot::None => {}
            Slot::Learning(k) => {
                self.learning.insert((k, i));
            }
            Slot::Review(k) => {
                self.review.insert((k, i));
            }
            Slot::New(k) => {
                self.new.insert((k, i));
            }
            Slot::Later(k, _) => {
                self.later.insert((k, i));
            }
        }
        self.slots[i as usize] = slot;
    }

    /// The card to show at `now` (the same card until it is answered).
    #[must_use]
    pub fn next(&self, now: DateTime<Utc>) -> Next {
        let first_learning = self.learning.first().copied();
        if let Some((due, i)) = first_learning
            && due <= now.timestamp_millis()
        {
            return Next::Card(self.ids[i as usize].clone());
        }
        let counts = self.counts();
        let review = self.review.first().filter(|_| counts.review > 0);
        let new = self.new.first().filter(|_| counts.new > 0);
        let pick = match (review, new) {
            (Some(&(_, r)), Some(&(_, n))) => {
                // Spread the new cards evenly through the reviews.
                let every = counts.review / (counts.new + 1);
                if self.reviews_since_new as usize >= every {
                    Some(n)
                } else {
                    Some(r)
                }
            }
            (Some(&(_, r)), None) => Some(r),
            (None, Some(&(_, n))) => Some(n),
            (None, None) => None,
        };
        let ahead = (now + self.scheduler.learn_ahead()).timestamp_millis();
        match (pick, first_learning) {
            (Some(i), _) => Next::Card(self.ids[i as usize].clone()),
            // Nothing else left: learn ahead rather than wait.
            (None, Some((due, i))) if due <= ahead => Next::Card(self.ids[i as usize].clone()),
            (None, Some((due, _))) => {
                Next::Wait(DateTime::from_timestamp_millis(due).unwrap_or(now).max(now))
            }
            (None, None) => Next::Done,
        }
    }

    /// Raises today's new-card limit to `per_day` (with `done_new` new cards
    /// already introduced today); a lower value changes nothing. Used by the
    /// exam plan.
    pub fn raise_new_limit(&mut self, per_day: u32, done_new: u32) {
        self.new_left = self.new_left.max(per_day.saturating_sub(done_new));
    }

    /// Records an answer: the card leaves its list and comes back as a
    /// learning card if its new state is a step due today.
    pub fn answered(&mut self, card: &CardId, new_state: &CardState, _now: DateTime<Utc>) {
        let i = match self.index.get(card) {
            Some(&i) => i,
            None => self.register(card.clone(), usize::MAX),
        };
        let since_new = self.reviews_since_new;
        let slot = self.remove(i);
        self.answers.push((i, slot, since_new));
        match slot {
            Slot::New(_) => {
                self.new_left = self.new_left.saturating_sub(1);
                self.reviews_since_new = 0;
            }
            Slot::Review(_) => {
                self.reviews_left = self.reviews_left.saturating_sub(1);
                self.reviews_since_new += 1;
            }
            Slot::Learning(_) | Slot::Later(..) | Slot::None => {}
        }
        if !matches!(new_state.phase, Phase::New | Phase::Review) {
            self.insert(i, new_state);
        }
    }

    /// Takes back the last answer to `card`: it returns to the list it was
    /// answered from (or, if this queue did not see that answer, the list
    /// `previous_state` belongs in) and the daily counts are restored.
    pub fn undo(&mut self, card: &CardId, previous_state: &CardState) {
        let i = match self.index.get(card) {
            Some(&i) => i,
            None => self.register(card.clone(), usize::MAX),
        };
        let Some(pos) = self.answers.iter().rposition(|a| a.0 == i) else {
            self.insert(i, previous_state);
            return;
        };
        let (_, slot, since_new) = self.answers.remove(pos);
        self.remove(i);
        match slot {
            Slot::None => {}
            Slot::Learning(k) => {
                self.learning.insert((k, i));
            }
            Slot::Review(k) => {
                self.review.insert((k, i));
                self.reviews_left += 1;
                self.reviews_since_new = since_new;
            }
            Slot::New(k) => {
                self.new.insert((k, i));
                self.new_left += 1;
                self.reviews_since_new = since_new;
            }
            Slot::Later(k, _) => {
                self.later.insert((k, i));
            }
        }
        self.slots[i as usize] = slot;
    }

    /// Review ahead: review cards due within the next `days` study days join
    /// today's reviews (lowest recall probability first; the daily review
    /// limit still applies). Answering early needs no special treatment: the
    /// scheduler always uses the real time elapsed. Returns how many joined.
    pub fn ahead(&mut self, days: u32) -> usize {
        let limit = self.today + chrono::Days::new(u64::from(days));
        let mut moved = 0;
        while let Some(&(due, i)) = self.later.first() {
            let day = DateTime::from_timestamp_millis(due).map(|d| self.scheduler.study_day(d));
            if day.is_none_or(|d| d > limit) {
                break;
            }
            self.later.pop_first();
            if let Slot::Later(_, key) = self.slots[i as usize] {
                self.review.insert((key, i));
                self.slots[i as usize] = Slot::Review(key);
            }
            moved += 1;
        }
        moved
    }

    /// True while `card` is still waiting in today's queue (learning cards
    /// answered but due again today included).
    #[must_use]
    pub fn is_pending(&self, card: &CardId) -> bool {
        self.index
            .get(card)
            .is_some_and(|&i| !matches!(self.slots[i as usize], Slot::None | Slot::Later(..)))
    }

    /// Today's cards in the order of their lists, limits applied: learning
    /// (by due time), reviews (lowest recall first), new (deck order).
    #[must_use]
    pub fn today(&self) -> Vec<(CardId, Pile)> {
        let counts = self.counts();
        let id = |i: u32| self.ids[i as usize].clone();
        let learning = self.learning.iter().map(|&(_, i)| (id(i), Pile::Learning));
        let review = self
            .review
            .iter()
            .take(counts.review)
            .map(|&(_, i)| (id(i), Pile::Review));
        let new = self
            .new
            .iter()
            .take(counts.new)
            .map(|&(_, i)| (id(i), Pile::New));
        learning.chain(review).chain(new).collect()
    }

    /// Cards left today, limits applied.
    #[must_use]
    pub fn counts(&self) -> Counts {
        Counts {
            new: self.new.len().min(self.new_left as usize),
            learning: self.learning.len(),
            review: self.review.len().min(self.reviews_left as usize),
        }
    }
}
