//! A study session: which card comes next, what is left, the answers given
//! in it and their undo. All persistence goes through the [`Collection`].
//!
//! Two plans drive a session:
//! - **scheduled** (review): today's [`Queue`] over the scope; answers move
//!   the schedule;
//! - **drill** (practice, mistakes, cram): a fixed list of cards gone
//!   through once, a missed card coming back at the end; answers are
//!   journalled in a mode that never moves a due date.

use std::collections::{HashSet, VecDeque};

use chrono::{DateTime, Utc};

use crate::collection::{Collection, CollectionError, Scope};
use crate::deck::CardId;
use crate::progress::{EventId, Grade, Mode};
use crate::scheduler::{CardState, Counts, Next, Phase, Queue};

/// What kind of session this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SessionKind {
    /// Today's scheduled cards.
    #[default]
    Review,
    /// Free practice over the scope, weakest cards first; the schedule
    /// stays as it is.
    Practice,
    /// The cards missed in a quiz, in the quiz's order; the schedule stays
    /// as it is.
    Mistakes,
    /// Cramming before an exam: lowest predicted recall first; the
    /// schedule stays as it is.
    Cram,
}

impl SessionKind {
    /// The journal mode of this session's answers.
    #[must_use]
    pub fn mode(self) -> Mode {
        match self {
            SessionKind::Review => Mode::Review,
            SessionKind::Practice | SessionKind::Mistakes => Mode::Practice,
            SessionKind::Cram => Mode::Cram,
        }
    }
}

/// One answer given in this session, kept for undo.
#[derive(Debug, Clone)]
struct Answered {
    event: EventId,
    card: CardId,
    previous: CardState,
    grade: Grade,
    /// Drill: the card was put back at the end of the list.
    requeued: bool,
}

/// A fixed list of cards gone through once; missed cards come back.
#[derive(Debug, Clone)]
struct Drill {
    order: VecDeque<CardId>,
    /// Distinct cards in the drill.
    total: usize,
    finished: HashSet<CardId>,
}

#[derive(Debug, Clone)]
enum Plan {
    Scheduled(Box<Queue>),
    Drill(Drill),
}

/// How far a session has come: `done` of `total` distinct cards are
/// finished for today. Reaches `total` exactly when the session ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// A running study session.
#[derive(Debug, Clone)]
pub struct ReviewSession {
    scope: Scope,
    kind: SessionKind,
    plan: Plan,
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

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl ReviewSession {
    /// Starts a review session over `scope` with today's queue.
    #[must_use]
    pub fn start(collection: &Collection, scope: Scope, now: DateTime<Utc>) -> Self {
        let queue = collection.queue(&scope, now);
        Self {
            scope,
            kind: SessionKind::Review,
            plan: Plan::Scheduled(Box::new(queue)),
            started: now,
            answered: Vec::new(),
            front: None,
        }
    }

    /// Starts a drill (practice, mistakes or cram) over `cards`, in this
    /// order. Duplicates are dropped.
    #[must_use]
    pub fn drill(kind: SessionKind, scope: Scope, cards: Vec<CardId>, now: DateTime<Utc>) -> Self {
        let mut seen = HashSet::new();
        let order: VecDeque<CardId> = cards
            .into_iter()
            .filter(|c| seen.insert(c.clone()))
            .collect();
        Self {
            scope,
            kind,
            plan: Plan::Drill(Drill {
                total: order.len(),
                order,
                finished: HashSet::new(),
            }),
            started: now,
            answered: Vec::new(),
            front: None,
        }
    }

    /// The kind of this session.
    #[must_use]
    pub fn kind(&self) -> SessionKind {
        self.kind
    }

    /// The scope this session covers.
    #[must_use]
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// What to show at `now`.
    #[must_use]
    pub fn next(&self, now: DateTime<Utc>) -> Next {
        if let Some(card) = &self.front {
            return Next::Card(card.clone());
        }
        match &self.plan {
            Plan::Scheduled(queue) => queue.next(now),
            Plan::Drill(d) => d
                .order
                .front()
                .map_or(Next::Done, |c| Next::Card(c.clone())),
        }
    }

    /// Cards left (a drill counts its cards as reviews).
    #[must_use]
    pub fn remaining(&self) -> Counts {
        match &self.plan {
            Plan::Scheduled(queue) => queue.counts(),
            Plan::Drill(d) => Counts {
                new: 0,
                learning: 0,
                review: d.total - d.finished.len(),
            },
        }
    }

    /// Distinct cards finished of all cards this session has held.
    #[must_use]
    pub fn progress(&self) -> Progress {
        match &self.plan {
            Plan::Scheduled(queue) => {
                let finished: HashSet<&CardId> = self
                    .answered
                    .iter()
                    .map(|a| &a.card)
                    .filter(|c| !queue.is_pending(c) && self.front.as_ref() != Some(*c))
                    .collect();
                let done = finished.len();
                let left = queue.counts();
                Progress {
                    done: to_u32(done),
                    total: to_u32(done + left.new + left.learning + left.review),
                }
            }
            Plan::Drill(d) => Progress {
                done: to_u32(d.finished.len()),
                total: to_u32(d.total),
            },
        }
    }

    /// Answers given in this session (undone ones excluded).
    #[must_use]
    pub fn done(&self) -> u32 {
        to_u32(self.answered.len())
    }

    /// Records a grade: journal first (synced), then the plan.
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
            collection.record_answer(card, grade, ms, self.kind.mode(), None, now)?;
        let mut requeued = false;
        match &mut self.plan {
            Plan::Scheduled(queue) => queue.answered(card, collection.state(card), now),
            Plan::Drill(d) => {
                if let Some(pos) = d.order.iter().position(|c| c == card) {
                    d.order.remove(pos);
                }
                if grade.is_pass() {
                    d.finished.insert(card.clone());
                } else {
                    d.order.push_back(card.clone());
                    requeued = true;
                }
            }
        }
        if self.front.as_ref() == Some(card) {
            self.front = None;
        }
        self.answered.push(Answered {
            event: event.id,
            card: card.clone(),
            previous,
            grade,
            requeued,
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
        match &mut self.plan {
            Plan::Scheduled(queue) => queue.undo(&last.card, &last.previous),
            Plan::Drill(d) => {
                if last.requeued
                    && let Some(pos) = d.order.iter().rposition(|c| c == &last.card)
                {
                    d.order.remove(pos);
                }
                d.finished.remove(&last.card);
                if !d.order.contains(&last.card) {
                    d.order.push_front(last.card.clone());
                }
            }
        }
        self.front = Some(last.card.clone());
        Ok(Some(last.card))
    }

    /// Review ahead: review cards due within the next `days` study days
    /// join a scheduled session. Returns how many joined (0 for drills).
    pub fn ahead(&mut self, days: u32) -> usize {
        match &mut self.plan {
            Plan::Scheduled(queue) => queue.ahead(days),
            Plan::Drill(_) => 0,
        }
    }

    /// Rebuilds the plan after the decks were reloaded or a card was
    /// suspended or buried: new cards join, removed cards leave; answers
    /// given so far stay.
    pub fn refresh(&mut self, collection: &Collection, now: DateTime<Utc>) {
        match &mut self.plan {
            Plan::Scheduled(queue) => **queue = collection.queue(&self.scope, now),
            Plan::Drill(d) => {
                let gone =
                    |c: &CardId| collection.card(c).is_none() || collection.marks(c).suspended;
                d.order.retain(|c| !gone(c));
                d.finished.retain(|c| !gone(c));
                let waiting: HashSet<&CardId> = d.order.iter().collect();
                d.total = d.finished.len() + waiting.len();
            }
        }
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
            .filter(|c| !collection.marks(&c.id).suspended)
            .filter_map(|c| {
                let s = collection.state(&c.id);
                (!matches!(s.phase, Phase::New)).then_some(s.due).flatten()
            })
            .filter(|due| *due > now)
            .min();
        Summary {
            reviewed,
            correct: to_u32(correct),
            time_spent: now - self.started,
            next_due,
        }
    }
}
