//! The study ports ([`Study`], [`StatsPort`], [`QuizPort`]) over a real
//! [`Collection`]: sessions, today's counts, quiz journalling and the
//! statistics figures, each computed here once.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::browse::{self, BrowseQuery, BrowseRow, CardDetail};
use super::exam_port::{CramTarget, ExamGroup, ExamPort, ExamView};
use super::port::{Counts, DeckRow, NextCard, Overview, Scope, SessionSummary, ShowCard, Study};
use super::quiz_port::{QuizPort, QuizSetupView, QuizStarted};
use super::session::{ReviewSession, SessionKind};
use super::stats_port::{HISTORY_DAYS, StatsFilter, StatsPort, StatsView};
use super::today;
use crate::collection::{Collection, Scope as CoreScope};
use crate::deck::{CardId, Diagnostic};
use crate::i18n::{Lang, Localize as _, Tr};
use crate::progress::{EventId, Grade, MarkAction};
use crate::scheduler::{Next, format_interval};

/// The [`Study`] port over a real collection.
#[derive(Debug)]
pub struct CollectionStudy {
    collection: Collection,
    session: Option<ReviewSession>,
    /// The time of the latest call that had one (reload has none).
    last_now: DateTime<Utc>,
    /// The quiz setup saved in this run (the loaded config predates it).
    saved_setup: Option<crate::config::QuizSetup>,
    /// What `undo` takes back, latest last.
    undo_stack: Vec<Undoable>,
    /// Quizzes started in this run whose answers move the schedule.
    rescheduling: std::collections::HashSet<String>,
    /// The language errors are told in.
    lang: Lang,
}

/// One step `undo` can take back.
#[derive(Debug, Clone)]
enum Undoable {
    /// The latest answer of the running session.
    Answer,
    /// A mark event (suspend, bury, flag, reset).
    Mark(EventId),
}

impl CollectionStudy {
    #[must_use]
    pub fn new(collection: Collection) -> Self {
        Self {
            collection,
            session: None,
            last_now: DateTime::<Utc>::UNIX_EPOCH,
            saved_setup: None,
            undo_stack: Vec::new(),
            rescheduling: std::collections::HashSet::new(),
            lang: Lang::En,
        }
    }

    /// Errors are told in `lang` (English by default).
    #[must_use]
    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    /// "there is no deck `x`; decks: a, b" in the interface language.
    fn unknown_deck(&self, id: &str) -> String {
        Tr(self.lang).unknown_deck(id, self.collection.decks())
    }

    /// The collection behind the port.
    #[must_use]
    pub fn collection(&self) -> &Collection {
        &self.collection
    }

    /// Journals one quiz answer: a single `QuizAnswer` event that carries
    /// the grade for the scheduler when the quiz reschedules.
    fn journal_quiz_answer(
        &mut self,
        quiz: &str,
        mut answer: crate::progress::EventBody,
        grade: Option<Grade>,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        if let crate::progress::EventBody::QuizAnswer { grade: g, .. } = &mut answer {
            *g = grade.filter(|_| self.rescheduling.contains(quiz));
        }
        self.collection
            .record_quiz_answer(answer, now)
            .map(|_| ())
            .map_err(|e| e.localized(self.lang))
    }

    /// The cards of `scope` for practice and cram: studied cards by lowest
    /// predicted recall now, then cards never studied in deck order.
    /// Suspended cards are left out.
    fn weakest_first(&self, scope: &CoreScope, now: DateTime<Utc>) -> Vec<CardId> {
        self.weakest_at(scope, now)
    }

    /// [`Self::weakest_first`] with recall predicted at `at` (the exam day
    /// for cram toward an exam).
    fn weakest_at(&self, scope: &CoreScope, now: DateTime<Utc>) -> Vec<CardId> {
        let c = &self.collection;
        let mut studied: Vec<(f64, &CardId)> = Vec::new();
        let mut fresh: Vec<&CardId> = Vec::new();
        for card in c.cards().filter(|x| scope.includes(x)) {
            if c.marks(&card.id).suspended {
                continue;
            }
            match c.scheduler().retrievability(c.state(&card.id), now) {
                Some(r) => studied.push((r, &card.id)),
                None => fresh.push(&card.id),
            }
        }
        studied.sort_by(|a, b| a.0.total_cmp(&b.0));
        studied
            .into_iter()
            .map(|(_, id)| id)
            .chain(fresh)
            .cloned()
            .collect()
    }

    fn exam_view(&self, exam: &crate::progress::Exam, now: DateTime<Utc>) -> ExamView {
        let c = &self.collection;
        let r = super::exam::readiness(c, exam, now);
        let at = super::exam::exam_start(c, exam.date);
        let group = |g: &super::exam::Group, name: String| ExamGroup {
            name,
            cards: g.cards,
            unstudied: g.unstudied,
            expected_recall: g.expected_recall,
        };
        ExamView {
            name: r.name.clone(),
            date: r.date,
            days_left: r.days_left,
            cards: r.cards,
            unstudied: r.unstudied,
            expected_recall: r.expected_recall,
            decks: r
                .by_deck
                .iter()
                .map(|g| {
                    let name = c
                        .decks()
                        .deck(&g.id)
                        .map_or_else(|| g.id.clone(), |d| d.name.clone());
                    group(g, name)
                })
                .collect(),
            tags: r.by_tag.iter().map(|g| group(g, g.id.clone())).collect(),
            plan: r.plan,
            weakest: r
                .weakest
                .iter()
                .map(|id| {
                    let question = c.card(id).map_or_else(
                        || id.as_str().to_owned(),
                        |(_, card)| {
                            card.question()
                                .lines()
                                .next()
                                .unwrap_or_default()
                                .to_owned()
                        },
                    );
                    (question, super::exam::recall_at(c, id, at))
                })
                .collect(),
        }
    }

    fn status_lines(&self) -> Vec<String> {
        self.collection
            .journal_report()
            .warnings
            .iter()
            .map(|w| w.localized(self.lang))
            .collect()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Study for CollectionStudy {
    fn overview(&self, now: DateTime<Utc>) -> Overview {
        // The deck counts and the figures over every review (today's count,
        // the streak, cards without a deck) are independent: with a large
        // history each is a pass over every card, so they run side by side.
        let c = &self.collection;
        let (((reviewed_today, streak), orphans), counts) = crate::parallel::join(
            || (c.today_and_streak(now), c.orphans().len()),
            || today::deck_counts(c, &CoreScope::All, now),
        );
        let decks = counts
            .iter()
            .map(|c| DeckRow {
                id: c.id.clone(),
                name: self
                    .collection
                    .decks()
                    .deck(&c.id)
                    .map_or_else(|| c.id.clone(), |d| d.name.clone()),
                new: to_u32(c.new),
                learning: to_u32(c.learning),
                due: to_u32(c.due),
                total: to_u32(c.cards),
                mastery: c.mastery(),
            })
            .collect();
        Overview {
            decks,
            reviewed_today: to_u32(reviewed_today),
            streak_days: streak.current,
            deck_problems: self.collection.decks().errors.clone(),
            status: self.status_lines(),
            orphans: to_u32(orphans),
            exam: super::exam::next_exam(&self.collection, now).map(|e| self.exam_view(&e, now)),
        }
    }

    fn start_session(
        &mut self,
        scope: Scope,
        kind: SessionKind,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let scope = match scope {
            Scope::All => CoreScope::All,
            Scope::Deck(id) => {
                if self.collection.decks().deck(&id).is_none() {
                    return Err(self.unknown_deck(&id));
                }
                CoreScope::Deck(id)
            }
            Scope::Cards(ids) => CoreScope::Cards(ids),
        };
        self.undo_stack.retain(|u| matches!(u, Undoable::Mark(_)));
        self.session = Some(match kind {
            SessionKind::Review => ReviewSession::start(&self.collection, scope, now),
            SessionKind::Mistakes => {
                let cards = match &scope {
                    CoreScope::Cards(ids) => ids
                        .iter()
                        .filter(|id| self.collection.card(id).is_some())
                        .cloned()
                        .collect(),
                    _ => Vec::new(),
                };
                ReviewSession::drill(kind, scope, cards, now)
            }
            SessionKind::Practice | SessionKind::Cram => {
                let cards = self.weakest_first(&scope, now);
                ReviewSession::drill(kind, scope, cards, now)
            }
        });
        Ok(())
    }

    fn review_ahead(&mut self, days: u32, now: DateTime<Utc>) -> usize {
        self.last_now = now;
        self.session.as_mut().map_or(0, |s| s.ahead(days))
    }

    fn mark(
        &mut self,
        card: &CardId,
        action: MarkAction,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let until = (action == MarkAction::Bury).then(|| {
            let clock = self.collection.clock(now);
            clock.end_of(clock.today())
        });
        let event = self
            .collection
            .record_mark(card, action, until, now)
            .map_err(|e| e.localized(self.lang))?;
        self.undo_stack.push(Undoable::Mark(event.id));
        if let Some(session) = self.session.as_mut() {
            session.refresh(&self.collection, now);
        }
        Ok(())
    }

    fn browse(&self, query: &BrowseQuery, now: DateTime<Utc>) -> Vec<BrowseRow> {
        browse::browse(&self.collection, query, now)
    }

    fn card_detail(&self, id: &CardId, now: DateTime<Utc>) -> Option<CardDetail> {
        browse::detail(&self.collection, id, now)
    }

    fn next_card(&mut self, now: DateTime<Utc>) -> NextCard {
        self.last_now = now;
        let Some(session) = &self.session else {
            return NextCard::Done(SessionSummary::default());
        };
        match session.next(now) {
            Next::Card(id) => {
                let Some(show) = self.card(&id, now) else {
                    // Removed from its deck since the queue was built.
                    let mut fresh = session.clone();
                    fresh.refresh(&self.collection, now);
                    if fresh.next(now) == Next::Card(id) {
                        return NextCard::Done(SessionSummary::default());
                    }
                    self.session = Some(fresh);
                    return self.next_card(now);
                };
                NextCard::Show(Box::new(show))
            }
            Next::Wait(until) => NextCard::Wait { until },
            Next::Done => {
                let s = session.summary(&self.collection, now);
                NextCard::Done(SessionSummary {
                    kind: session.kind(),
                    reviewed: s.reviewed,
                    correct: s.correct,
                    time_spent: s.time_spent.to_std().unwrap_or_default(),
                    next_due: s.next_due,
                })
            }
        }
    }

    fn answer(
        &mut self,
        card: &CardId,
        grade: Grade,
        ms: u64,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let session = self
            .session
            .as_mut()
            .ok_or_else(|| Tr(self.lang).no_session().to_owned())?;
        session
            .answer(&mut self.collection, card, grade, ms, now)
            .map_err(|e| e.localized(self.lang))?;
        self.undo_stack.push(Undoable::Answer);
        Ok(())
    }

    fn undo(&mut self, now: DateTime<Utc>) -> Result<Option<CardId>, String> {
        match self.undo_stack.last() {
            None => Ok(None),
            Some(Undoable::Answer) => {
                let Some(session) = self.session.as_mut() else {
                    self.undo_stack.pop();
                    return Ok(None);
                };
                let card = session
                    .undo(&mut self.collection, now)
                    .map_err(|e| Tr(self.lang).undo_failed(&e.localized(self.lang)))?;
                self.undo_stack.pop();
                Ok(card)
            }
            Some(Undoable::Mark(event)) => {
                let card = self
                    .collection
                    .undo(event, now)
                    .map_err(|e| Tr(self.lang).undo_failed(&e.localized(self.lang)))?;
                self.undo_stack.pop();
                if let Some(session) = self.session.as_mut() {
                    session.refresh(&self.collection, now);
                }
                Ok(card)
            }
        }
    }

    fn card(&self, id: &CardId, now: DateTime<Utc>) -> Option<ShowCard> {
        let (deck, card) = self.collection.card(id)?;
        let state = self.collection.state(id);
        let outcomes = self.collection.scheduler().preview(id, state, now);
        let (remaining, done, progress, kind) =
            self.session.as_ref().map_or_else(Default::default, |s| {
                let r = s.remaining();
                let counts = Counts {
                    new: to_u32(r.new),
                    learning: to_u32(r.learning),
                    review: to_u32(r.review),
                };
                (counts, s.done(), s.progress(), s.kind())
            });
        let labels = if kind == SessionKind::Review {
            outcomes.map(|o| format_interval(o.interval))
        } else {
            // Practice and cram answers do not schedule: no intervals.
            Default::default()
        };
        Some(ShowCard {
            card: card.clone(),
            deck_name: deck.name.clone(),
            labels,
            remaining,
            done,
            progress,
            kind,
            flagged: self.collection.marks(id).flagged,
        })
    }

    fn copy_bundled_deck(&mut self, card: &CardId) -> Result<(), String> {
        let (deck, _) = self
            .collection
            .card(card)
            .ok_or_else(|| format!("unknown card `{card}`"))?;
        let id = deck.id.clone();
        let dir = self
            .collection
            .options()
            .user_decks
            .clone()
            .ok_or_else(|| "no deck folder".to_owned())?;
        crate::deck::copy_bundled(&dir, &id).map_err(|e| e.localized(self.lang))?;
        self.reload().map_err(|problems| {
            problems
                .iter()
                .map(|d| {
                    let message = d.message(self.lang);
                    format!("{}:{}:{}: {message}", d.file, d.line, d.column)
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    fn edit_location(&self, card: &CardId) -> Option<(PathBuf, u32)> {
        let (deck, card) = self.collection.card(card)?;
        deck.origin.path().map(|p| (p.to_path_buf(), card.line))
    }

    fn reload(&mut self) -> Result<(), Vec<Diagnostic>> {
        let errors = self.collection.reload_decks();
        if let Some(session) = self.session.as_mut() {
            session.refresh(&self.collection, self.last_now);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl StatsPort for CollectionStudy {
    fn stats(&self, filter: StatsFilter, now: DateTime<Utc>) -> StatsView {
        use std::collections::{BTreeSet, HashSet};
        let c = &self.collection;
        let clock = c.clock(now);
        let wanted = |card: &crate::deck::Card| {
            filter.deck.as_ref().is_none_or(|d| &card.deck_id == d)
                && filter.tag.as_ref().is_none_or(|t| card.tags.contains(t))
        };
        let ids: HashSet<&CardId> = c.cards().filter(|x| wanted(x)).map(|x| &x.id).collect();
        // Without a filter, progress of cards in no loaded deck counts too.
        let records: Vec<_> = c
            .review_records()
            .into_iter()
            .filter(|r| filter.is_empty() || ids.contains(r.card))
            .collect();
        let states: Vec<_> = ids.iter().filter_map(|id| c.states().get(*id)).collect();
        let retention = c
            .decks()
            .decks
            .iter()
            .filter(|d| filter.deck.as_ref().is_none_or(|id| &d.id == id))
            .map(|d| {
                let deck_ids: HashSet<&CardId> = d
                    .cards
                    .iter()
                    .filter(|x| wanted(x))
                    .map(|x| &x.id)
                    .collect();
                let deck_records: Vec<_> = records
                    .iter()
                    .filter(|r| deck_ids.contains(r.card))
                    .copied()
                    .collect();
                (
                    d.name.clone(),
                    crate::stats::true_retention(&deck_records, &clock, 30),
                )
            })
            .collect();
        let quizzes = crate::stats::series::quiz_series(
            c.journal().events(),
            clock.offset,
            clock.day_start_hour,
        )
        .into_iter()
        .filter(|q| {
            filter
                .deck
                .as_ref()
                .is_none_or(|d| q.decks.is_empty() || q.decks.contains(d))
                && filter
                    .tag
                    .as_ref()
                    .is_none_or(|t| q.tags.is_empty() || q.tags.contains(t))
        })
        .map(|q| (q.date, q.score, q.grade))
        .collect();
        let streak = crate::stats::streak(&records, &clock);
        // Only tags the deck filter leaves a card for: a tag of another
        // deck would give empty figures.
        let tags: BTreeSet<&String> = c
            .cards()
            .filter(|x| filter.deck.as_ref().is_none_or(|d| &x.deck_id == d))
            .flat_map(|x| x.tags.iter())
            .collect();
        StatsView {
            forecast: crate::stats::forecast(states.iter().copied(), &clock, 30)
                .into_iter()
                .map(|d| (d.date, d.count))
                .collect(),
            history: crate::stats::history(&records, &clock, HISTORY_DAYS)
                .into_iter()
                .map(|d| (d.date, d.count))
                .collect(),
            retention,
            desired_retention: f64::from(c.config().scheduler.desired_retention),
            stability: crate::stats::stability_histogram(states.iter().copied()),
            quizzes,
            streak: (streak.current, streak.longest),
            decks: c
                .decks()
                .decks
                .iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect(),
            tags: tags.into_iter().cloned().collect(),
        }
    }
}

impl QuizPort for CollectionStudy {
    fn quiz_setup(&self) -> QuizSetupView {
        let decks = &self.collection.decks().decks;
        let mut tags: Vec<String> = decks
            .iter()
            .flat_map(|d| d.cards.iter().flat_map(|c| c.tags.iter().cloned()))
            .collect();
        tags.sort();
        tags.dedup();
        QuizSetupView {
            decks: decks
                .iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect(),
            tags,
            setup: self
                .saved_setup
                .clone()
                .unwrap_or_else(|| self.collection.config().quiz.clone()),
        }
    }

    fn save_quiz_setup(&mut self, setup: &crate::config::QuizSetup) -> Result<(), String> {
        let mut config = self.collection.config().clone();
        config.quiz = setup.clone();
        self.saved_setup = Some(setup.clone());
        config
            .save_section(&self.collection.options().config_path, "quiz")
            .map_err(|e| Tr(self.lang).quiz_setup_not_saved(&e.localized(self.lang)))
    }

    fn start_quiz(
        &mut self,
        spec: &crate::quiz::QuizSpec,
        now: DateTime<Utc>,
    ) -> Result<QuizStarted, String> {
        use crate::progress::EventBody;
        use std::collections::HashMap;
        let mut mistakes: HashMap<&CardId, u32> = HashMap::new();
        for e in self.collection.journal().events() {
            if let EventBody::QuizAnswer { card, score, .. } = &e.body
                && *score < crate::quiz::PASS_CREDIT
            {
                *mistakes.entry(card).or_default() += 1;
            }
        }
        let month_ago = now - chrono::Duration::days(30);
        let weakness = |id: &CardId| {
            if self.collection.is_new(id) {
                return crate::quiz::Weakness::default();
            }
            let reviews = self.collection.reviews_of(id);
            let recent_lapses = reviews
                .windows(2)
                .filter(|w| w[1].ts >= month_ago && w[0].grade.is_pass() && !w[1].grade.is_pass())
                .count();
            crate::quiz::Weakness {
                retrievability: self
                    .collection
                    .scheduler()
                    .retrievability(self.collection.state(id), now),
                recent_lapses: to_u32(recent_lapses),
                quiz_mistakes: mistakes.get(id).copied().unwrap_or(0),
            }
        };
        let cards: Vec<&crate::deck::Card> = self.collection.cards().collect();
        let mut rng = crate::quiz::Rng::new(spec.seed);
        let questions = crate::quiz::draw(&cards, &weakness, spec, &mut rng);
        let id = crate::progress::new_event_id(now).0;
        let secs = |d: Option<std::time::Duration>| d.map(|d| d.as_secs());
        self.collection
            .append(
                now,
                EventBody::QuizStart {
                    quiz: id.clone(),
                    decks: spec.decks.clone(),
                    tags: spec.tags.clone(),
                    count: to_u32(questions.len()),
                    time_limit_s: secs(spec.time_limit),
                    per_question_s: secs(spec.per_question_limit()),
                    seed: Some(spec.seed),
                },
            )
            .map_err(|e| Tr(self.lang).quiz_not_started(&e.localized(self.lang)))?;
        if spec.reschedule {
            self.rescheduling.insert(id.clone());
        }
        Ok(QuizStarted { id, questions })
    }

    fn record_quiz_answer(
        &mut self,
        quiz: &str,
        answered: &crate::quiz::Answered,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let body = crate::progress::EventBody::QuizAnswer {
            quiz: quiz.to_owned(),
            card: answered.card.clone(),
            deck: answered.deck.clone(),
            form: answered.form.as_str().to_owned(),
            given: answered.given.clone(),
            score: answered.score,
            timed_out: false,
            ms: answered.ms,
            grade: None,
        };
        self.journal_quiz_answer(quiz, body, Some(answered.grade), now)
    }

    fn record_quiz_timeout(
        &mut self,
        quiz: &str,
        timeout: &crate::quiz::TimeoutEvent,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let body = crate::progress::EventBody::QuizAnswer {
            quiz: quiz.to_owned(),
            card: timeout.card.clone(),
            deck: timeout.deck.clone(),
            form: timeout.form.as_str().to_owned(),
            given: String::new(),
            score: 0.0,
            timed_out: true,
            ms: timeout.ms,
            grade: None,
        };
        // A timeout is recorded as a timeout, never as a lapse.
        self.journal_quiz_answer(quiz, body, None, now)
    }

    fn record_quiz_pause(&mut self, quiz: &str, ms: u64, now: DateTime<Utc>) -> Result<(), String> {
        self.collection
            .append(
                now,
                crate::progress::EventBody::QuizPause {
                    quiz: quiz.to_owned(),
                    ms,
                },
            )
            .map(|_| ())
            .map_err(|e| e.localized(self.lang))
    }

    fn finish_quiz(
        &mut self,
        quiz: &str,
        results: &crate::quiz::Results,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        self.collection
            .append(
                now,
                crate::progress::EventBody::QuizEnd {
                    quiz: quiz.to_owned(),
                    score: results.score,
                    max: results.max,
                    grade: results.grade,
                    duration_ms: u64::try_from(results.duration.as_millis()).unwrap_or(u64::MAX),
                    abandoned: results.abandoned,
                },
            )
            .map(|_| ())
            .map_err(|e| e.localized(self.lang))
    }
}

impl ExamPort for CollectionStudy {
    fn exams(&self, now: DateTime<Utc>) -> Vec<ExamView> {
        let today = self.collection.clock(now).today();
        self.collection
            .exams()
            .iter()
            .filter(|e| e.date >= today)
            .map(|e| self.exam_view(e, now))
            .collect()
    }

    fn start_cram(
        &mut self,
        target: &CramTarget,
        count: Option<usize>,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        let c = &self.collection;
        let tr = Tr(self.lang);
        let (exam, at) = match target {
            CramTarget::Exam(name) => {
                let exam = c
                    .exams()
                    .into_iter()
                    .find(|e| &e.name == name)
                    .ok_or_else(|| tr.no_exam_named(name))?;
                let at = super::exam::exam_start(c, exam.date).max(now);
                (exam, at)
            }
            CramTarget::Decks(decks) => {
                if let Some(id) = decks.iter().find(|id| c.decks().deck(id).is_none()) {
                    return Err(self.unknown_deck(id));
                }
                (cram_scope(decks.clone(), Vec::new()), now)
            }
            CramTarget::Tags(tags) => {
                if let Some(tag) = tags
                    .iter()
                    .find(|t| !c.cards().any(|card| card.tags.contains(t)))
                {
                    return Err(tr.no_card_with_tag(tag));
                }
                (cram_scope(Vec::new(), tags.clone()), now)
            }
        };
        let scope = CoreScope::Exam(exam);
        let mut cards = self.weakest_at(&scope, at);
        if let Some(n) = count {
            cards.truncate(n);
        }
        if cards.is_empty() {
            return Err(tr.nothing_to_cram().to_owned());
        }
        self.undo_stack.retain(|u| matches!(u, Undoable::Mark(_)));
        self.session = Some(ReviewSession::drill(SessionKind::Cram, scope, cards, now));
        self.last_now = now;
        Ok(())
    }
}

/// A scope of decks or tags (none of either: every deck), as an unnamed exam.
fn cram_scope(decks: Vec<String>, tags: Vec<String>) -> crate::progress::Exam {
    crate::progress::Exam {
        name: String::new(),
        date: chrono::NaiveDate::MIN,
        decks,
        tags,
    }
}
