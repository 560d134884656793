//! A review session: today's queue over a scope, the answers given in it
//! and their undo. All persistence goes through the [`Collection`].

use chrono::{DateTime, Utc};

use crate::collection::{Collection, CollectionError, Scope};
use crate::deck::CardId;
use crate::progress::{EventId, Grade, Mode};
use crate::scheduler::{CardState, Counts, Next, Phase, Queue};

/// One answer given in this session, kept for undo.
#[derive(Debug, Clone)]
struct Answered {
    event: EventId,
    card: CardId,
    previous: CardState,
    grade: Grade,
}

/// A running review session.
#[derive(Debug, Clone)]
pub struct ReviewSession {
    scope: Scope,
    queue: Queue,
    started: DateTime<Utc>,
    answered: Vec<Answered>,
    /// A card taken back by undo is shown again before anything else.
    front: Option<CardId>,
}

/// The end-of-session figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub reviewed: u32,
    /// Answers graded Hard, Good or Easy.
    pub correct: u32,
    pub time_spent: chrono::Duration,
    /// When the next card of the scope falls due, if any.
    pub next_due: Option<DateTime<Utc>>,
}

impl ReviewSession {
    /// Starts a session over `scope` with today's queue.
    #[must_use]
    pub fn start(collection: &Collection, scope: Scope, now: DateTime<Utc>) -> Self {
        let queue = collection.queue(&scope, now);
        Self {
            scope,
            queue,
            started: now,
            answered: Vec::new(),
            front: None,
        }
    }

    /// What to show at `now`.
    #[must_use]
    pub fn next(&self, now: DateTime<Utc>) -> Next {
        match &self.front {
            Some(card) => Next::Card(card.clone()),
            None => self.queue.next(now),
        }
    }

    /// Cards left in today's queue (limits applied).
    #[must_use]
    pub fn remaining(&self) -> Counts {
        self.queue.counts()
    }

    /// Answers given in this session (undone ones excluded).
    #[must_use]
    pub fn done(&self) -> u32 {
        u32::try_from(self.answered.len()).unwrap_or(u32::MAX)
    }

    /// Records a grade: journal first (synced), then the queue.
    ///
    /// # Errors
    /// The journal could not be written; the session is unchanged.
    pub fn answer(
        &mut self,
        collection: &mut Collection,
        card: &CardId,
        grade: Grade,
        ms: u64,
        now: DateTime<Utc>,
    ) -> Result<(), CollectionError> {
        let (event, previous) =
            collection.record_answer(card, grade, ms, Mode::Review, None, now)?;
        self.queue.answered(card, collection.state(card), now);
        if self.front.as_ref() == Some(card) {
            self.front = None;
        }
        self.answered.push(Answered {
            event: event.id,
            card: card.clone(),
            previous,
            grade,
        });
        Ok(())
    }

    /// Takes back the latest answer of this session; the card is shown next.
    /// Returns `None` when nothing is left to undo.
    ///
    /// # Errors
    /// The journal could not be written; nothing was undone.
    pub fn undo(
        &mut self,
        collection: &mut Collection,
        now: DateTime<Utc>,
    ) -> Result<Option<CardId>, CollectionError> {
        let Some(last) = self.answered.last() else {
            return Ok(None);
        };
        collection.undo(&last.event, now)?;
        let last = self.answered.pop().expect("checked above");
        self.queue.undo(&last.card, &last.previous);
        self.front = Some(last.card.clone());
        Ok(Some(last.card))
    }

    /// Rebuilds today's queue after the decks were reloaded: new cards join,
    /// removed cards leave; answers given so far stay.
    pub fn refresh(&mut self, collection: &Collection, now: DateTime<Utc>) {
        self.queue = collection.queue(&self.scope, now);
        if let Some(card) = &self.front
            && collection.card(card).is_none()
        {
            self.front = None;
        }
    }

    /// The figures for the summary screen.
    #[must_use]
    pub fn summary(&self, collection: &Collection, now: DateTime<Utc>) -> Summary {
        let reviewed = self.done();
        let correct = self.answered.iter().filter(|a| a.grade.is_pass()).count();
        let next_due = collection
            .cards()
            .filter(|c| self.scope.includes(c))
            .filter_map(|c| {
                let s = collection.state(&c.id);
                (!matches!(s.phase, Phase::New)).then_some(s.due).flatten()
            })
            .filter(|due| *due > now)
            .min();
        Summary {
            reviewed,
            correct: u32::try_from(correct).unwrap_or(u32::MAX),
            time_spent: now - self.started,
            next_due,
        }
    }
}
