//! A test double for [`Study`]: fixed cards of every kind, an in-memory
//! answer log and undo. Used by the interface's tests, benchmarks and the
//! `ui_demo` example; it does no I/O.

use std::collections::VecDeque;
use std::path::PathBuf;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use kartei::config::QuizSetup;
use kartei::deck::{Card, CardContent, CardId, ClozeSegment};
use kartei::progress::{Grade, MarkAction};
use kartei::quiz::{Answered, QuizSpec, Results, Rng, TimeoutEvent};
use kartei::study::{
    BrowseQuery, BrowseRow, CardDetail, CardStatus, Progress, SessionKind, StateFilter,
};
use kartei::study::{Counts, DeckRow, NextCard, Overview, Scope, SessionSummary, ShowCard, Study};
use kartei::study::{CramTarget, ExamGroup, ExamPort, ExamView};
use kartei::study::{QuizPort, QuizSetupView, QuizStarted};
use kartei::study::{StatsFilter, StatsPort, StatsView};

/// One deck of the fake: `(deck id, deck name, file or None for bundled, cards)`.
pub type FakeDeck = (String, String, Option<PathBuf>, Vec<Card>);

/// One thing the fake's quiz port was asked to persist, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum QuizRecord {
    Start {
        quiz: String,
        spec: QuizSpec,
    },
    /// QuizAnswer + Review (mode quiz) with this grade.
    Answer {
        quiz: String,
        card: CardId,
        given: String,
        grade: Grade,
        ms: u64,
    },
    /// QuizAnswer timed out; a Review Again only when `shown`.
    Timeout {
        quiz: String,
        card: CardId,
        shown: bool,
        ms: u64,
    },
    Pause {
        quiz: String,
        ms: u64,
    },
    End {
        quiz: String,
        results: Box<Results>,
    },
}

/// One answer the fake recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub card: CardId,
    pub grade: Grade,
    pub ms: u64,
}

/// An in-memory study session over fixed cards.
#[derive(Debug, Clone)]
pub struct FakeStudy {
    /// `(deck id, deck name, file or None for bundled, cards)`.
    pub decks: Vec<(String, String, Option<PathBuf>, Vec<Card>)>,
    pub queue: VecDeque<Card>,
    /// Every answer still in effect (undo removes the last).
    pub answers: Vec<Recorded>,
    /// Cards answered Again come back once, after the rest.
    pub relearn: bool,
    /// When set, an empty queue reports `Wait { until }` once before `Done`.
    pub wait_until: Option<DateTime<Utc>>,
    /// Make the next `answer` fail with this message.
    pub fail_next_answer: Option<String>,
    pub reloads: u32,
    /// The decks the next successful `reload` switches to (an edited file).
    pub next_decks: Option<Vec<FakeDeck>>,
    /// Make the next `reload` fail with these problems (a broken edit).
    pub fail_next_reload: Option<Vec<kartei::deck::Diagnostic>>,
    pub status: Vec<String>,
    /// Decks that did not load, shown on the overview.
    pub deck_problems: Vec<kartei::deck::Diagnostic>,
    /// The remembered quiz setup offered by `quiz_setup`.
    pub quiz_setup: QuizSetup,
    /// Every setup passed to `save_quiz_setup`.
    pub saved_setups: Vec<QuizSetup>,
    /// Everything the quiz port recorded, in order.
    pub quiz_log: Vec<QuizRecord>,
    /// Every mark asked for, in order.
    pub marks: Vec<(CardId, MarkAction)>,
    /// How many cards `review_ahead` brings (taken from the first deck).
    pub ahead: usize,
    pub kind: SessionKind,
    /// The exams `exams` reports (the first is the overview's next exam).
    pub exams: Vec<ExamView>,
    /// Every cram session asked for, in order.
    pub crams: Vec<(CramTarget, Option<usize>)>,
    scope: Option<Scope>,
    started: Option<DateTime<Utc>>,
    answered_stack: Vec<Card>,
    last_now: Option<DateTime<Utc>>,
}

fn card(id: &str, deck: &str, line: u32, content: CardContent) -> Card {
    Card {
        id: CardId::from(id),
        id_explicit: true,
        deck_id: deck.to_owned(),
        tags: vec!["marketing".to_owned()],
        hint: None,
        explain: None,
        source: None,
        input: false,
        accept: Vec::new(),
        line,
        content,
    }
}

/// The fixed cards: basic, reversed, cloze (with a hint), single and
/// multi-answer choice, list, and a typed basic card.
#[must_use]
pub fn sample_cards() -> Vec<Card> {
    let mut basic = card(
        "mm-produkt",
        "marketing",
        3,
        CardContent::Basic {
            front: "Was umfasst die Produktpolitik?".into(),
            back: "Produktentwicklung und -gestaltung, Sortimentsplanung und Markenpolitik".into(),
            reversed: false,
        },
    );
    basic.explain = Some("Das erste P des Marketing-Mix: Product.".into());
    basic.source = Some("Abschnitt Marketing-Mix".into());
    let reversed = card(
        "mm-produkt~rev",
        "marketing",
        3,
        CardContent::Basic {
            front: "Produktentwicklung und -gestaltung, Sortimentsplanung und Markenpolitik".into(),
            back: "Produktpolitik".into(),
            reversed: true,
        },
    );
    let cloze = card(
        "mm-preis~c2",
        "marketing",
        12,
        CardContent::Cloze {
            segments: vec![
                ClozeSegment::Text("Rabatt- und Konditionensysteme gehören zur ".into()),
                ClozeSegment::Gap {
                    answer: "Preispolitik".into(),
                    hint: None,
                },
                ClozeSegment::Text(", Logistikkonzepte zur ".into()),
                ClozeSegment::Gap {
                    answer: "Distributionspolitik".into(),
                    hint: Some("P für Place".into()),
                },
                ClozeSegment::Text(".".into()),
            ],
            active: 1,
        },
    );
    let choice = card(
        "kpi-awareness",
        "marketing",
        18,
        CardContent::Choice {
            front: "Welche KPI ist typisch für das Marketing?".into(),
            choices: vec![
                "Brand Awareness".into(),
                "Abschlussquote".into(),
                "Customer Lifetime Value".into(),
                "Umsatz pro Kunde".into(),
            ],
            answer: vec![0],
        },
    );
    let multi = card(
        "kpi-multi",
        "marketing",
        25,
        CardContent::Choice {
            front: "Welche gehören zu den 4P?".into(),
            choices: vec!["Price".into(), "People".into(), "Place".into()],
            answer: vec![0, 2],
        },
    );
    let list = card(
        "mm-4p",
        "marketing",
        31,
        CardContent::List {
            front: "Nenne die vier Ps des Marketing-Mix.".into(),
            items: vec![
                "Product".into(),
                "Price".into(),
                "Place".into(),
                "Promotion".into(),
            ],
            ordered: false,
        },
    );
    let mut typed = card(
        "kb-massnahmen",
        "marketing",
        37,
        CardContent::Basic {
            front: "Wie heißen Maßnahmen, die Kunden an ein Unternehmen binden sollen?".into(),
            back: "Kundenbindungsmaßnahmen".into(),
            reversed: false,
        },
    );
    typed.input = true;
    vec![basic, reversed, cloze, choice, multi, list, typed]
}

impl Default for FakeStudy {
    fn default() -> Self {
        Self::new()
    }
}

impl FakeStudy {
    /// Two decks: "marketing" (a file, every card kind) and "grundlagen"
    /// (bundled, one card).
    #[must_use]
    pub fn new() -> Self {
        let bundled = card(
            "gr-swot",
            "grundlagen",
            2,
            CardContent::Basic {
                front: "Wofür steht SWOT?".into(),
                back: "Strengths, Weaknesses, Opportunities, Threats".into(),
                reversed: false,
            },
        );
        FakeStudy {
            decks: vec![
                (
                    "marketing".into(),
                    "Marketing-Mix (4P)".into(),
                    Some(PathBuf::from("/decks/marketing.toml")),
                    sample_cards(),
                ),
                (
                    "grundlagen".into(),
                    "BWL-Grundlagen".into(),
                    None,
                    vec![bundled],
                ),
            ],
            queue: VecDeque::new(),
            answers: Vec::new(),
            relearn: false,
            wait_until: None,
            fail_next_answer: None,
            reloads: 0,
            next_decks: None,
            fail_next_reload: None,
            status: Vec::new(),
            deck_problems: Vec::new(),
            quiz_setup: QuizSetup::default(),
            saved_setups: Vec::new(),
            quiz_log: Vec::new(),
            marks: Vec::new(),
            ahead: 0,
            kind: SessionKind::Review,
            exams: Vec::new(),
            crams: Vec::new(),
            scope: None,
            started: None,
            answered_stack: Vec::new(),
            last_now: None,
        }
    }

    /// A fake with exactly these cards in one deck.
    #[must_use]
    pub fn with_cards(cards: Vec<Card>) -> Self {
        let mut s = Self::new();
        s.decks = vec![(
            "test".into(),
            "Test".into(),
            Some(PathBuf::from("/decks/test.toml")),
            cards,
        )];
        s
    }

    fn show(&self, card: Card) -> ShowCard {
        let deck_name = self
            .deck_of(&card.id)
            .map(|d| d.1.clone())
            .unwrap_or_default();
        let rest = u32::try_from(self.queue.len().saturating_sub(1)).unwrap_or(0);
        ShowCard {
            deck_name,
            labels: LABELS.map(str::to_owned),
            remaining: Counts {
                new: rest,
                learning: 0,
                review: 0,
            },
            done: u32::try_from(self.answers.len()).unwrap_or(0),
            progress: Progress {
                done: u32::try_from(self.answers.len()).unwrap_or(0),
                total: u32::try_from(self.answers.len() + self.queue.len()).unwrap_or(0),
            },
            kind: self.kind,
            flagged: self.is_flagged(&card.id),
            card,
        }
    }

    /// True when the latest of `on` / `off` asked for `id` was `on`.
    fn marked(&self, id: &CardId, on: MarkAction, off: MarkAction) -> bool {
        self.marks
            .iter()
            .rev()
            .find(|(c, a)| c == id && (*a == on || *a == off))
            .is_some_and(|(_, a)| *a == on)
    }

    fn is_flagged(&self, id: &CardId) -> bool {
        self.marked(id, MarkAction::Flag, MarkAction::Unflag)
    }

    fn is_suspended(&self, id: &CardId) -> bool {
        self.marked(id, MarkAction::Suspend, MarkAction::Unsuspend)
    }

    fn row(&self, card: &Card) -> BrowseRow {
        BrowseRow {
            id: card.id.clone(),
            deck_name: self
                .deck_of(&card.id)
                .map(|d| d.1.clone())
                .unwrap_or_default(),
            question: card.question().replace('\n', " "),
            status: if self.is_suspended(&card.id) {
                CardStatus::Suspended
            } else if self.answers.iter().any(|a| a.card == card.id) {
                CardStatus::Review
            } else {
                CardStatus::New
            },
            flagged: self.is_flagged(&card.id),
            due: None,
            difficulty: None,
            lapses: 0,
        }
    }

    fn deck_of(&self, card: &CardId) -> Option<&(String, String, Option<PathBuf>, Vec<Card>)> {
        self.decks
            .iter()
            .find(|d| d.3.iter().any(|c| &c.id == card))
    }
}

const LABELS: [&str; 4] = ["1 min", "6 min", "4 d", "12 d"];

impl Study for FakeStudy {
    fn overview(&self, _now: DateTime<Utc>) -> Overview {
        let done: Vec<&CardId> = self.answers.iter().map(|a| &a.card).collect();
        Overview {
            decks: self
                .decks
                .iter()
                .map(|(id, name, _, cards)| {
                    let total = u32::try_from(cards.len()).unwrap_or(u32::MAX);
                    let answered =
                        u32::try_from(cards.iter().filter(|c| done.contains(&&c.id)).count())
                            .unwrap_or(0);
                    DeckRow {
                        id: id.clone(),
                        name: name.clone(),
                        new: total - answered,
                        learning: 0,
                        due: total - answered,
                        total,
                        mastery: f64::from(answered) / f64::from(total.max(1)),
                    }
                })
                .collect(),
            reviewed_today: u32::try_from(self.answers.len()).unwrap_or(u32::MAX),
            streak_days: 3,
            deck_problems: self.deck_problems.clone(),
            status: self.status.clone(),
            orphans: 0,
            exam: self.exams.first().cloned(),
        }
    }

    fn start_session(
        &mut self,
        scope: Scope,
        kind: SessionKind,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        self.scope = Some(scope.clone());
        self.kind = kind;
        let cards: Vec<Card> = match scope {
            Scope::All => self.decks.iter().flat_map(|d| d.3.clone()).collect(),
            Scope::Deck(id) => self
                .decks
                .iter()
                .find(|d| d.0 == id)
                .map(|d| d.3.clone())
                .ok_or_else(|| format!("no deck with id {id:?}"))?,
            Scope::Cards(ids) => self
                .decks
                .iter()
                .flat_map(|d| d.3.iter())
                .filter(|c| ids.contains(&c.id))
                .cloned()
                .collect(),
        };
        self.queue = cards.into();
        self.started = Some(now);
        self.answers.clear();
        self.answered_stack.clear();
        Ok(())
    }

    fn next_card(&mut self, now: DateTime<Utc>) -> NextCard {
        self.last_now = Some(now);
        if let Some(card) = self.queue.front().cloned() {
            return NextCard::Show(Box::new(self.show(card)));
        }
        if let Some(until) = self.wait_until.take()
            && now < until
        {
            return NextCard::Wait { until };
        }
        let reviewed = u32::try_from(self.answers.len()).unwrap_or(0);
        let correct =
            u32::try_from(self.answers.iter().filter(|a| a.grade.is_pass()).count()).unwrap_or(0);
        let spent = self.started.map_or(Duration::zero(), |s| now - s);
        NextCard::Done(SessionSummary {
            kind: self.kind,
            reviewed,
            correct,
            time_spent: spent.to_std().unwrap_or_default(),
            next_due: Some(now + Duration::days(1)),
        })
    }

    fn answer(
        &mut self,
        card: &CardId,
        grade: Grade,
        ms: u64,
        _now: DateTime<Utc>,
    ) -> Result<(), String> {
        if let Some(msg) = self.fail_next_answer.take() {
            return Err(msg);
        }
        let pos = self
            .queue
            .iter()
            .position(|c| &c.id == card)
            .ok_or_else(|| format!("card {card} is not in the session"))?;
        let c = self.queue.remove(pos).expect("position is valid");
        if self.relearn && grade == Grade::Again {
            self.queue.push_back(c.clone());
        }
        self.answered_stack.push(c);
        self.answers.push(Recorded {
            card: card.clone(),
            grade,
            ms,
        });
        Ok(())
    }

    fn copy_bundled_deck(&mut self, card: &CardId) -> Result<(), String> {
        let deck = self
            .decks
            .iter_mut()
            .find(|d| d.3.iter().any(|c| &c.id == card))
            .ok_or_else(|| format!("unknown card {card}"))?;
        if deck.2.is_some() {
            return Err("not a bundled deck".to_owned());
        }
        deck.2 = Some(PathBuf::from(format!("/data/decks/{}.toml", deck.0)));
        Ok(())
    }

    fn review_ahead(&mut self, _days: u32, _now: DateTime<Utc>) -> usize {
        let cards: Vec<Card> = self
            .decks
            .first()
            .map(|d| d.3.iter().take(self.ahead).cloned().collect())
            .unwrap_or_default();
        let n = cards.len();
        self.queue.extend(cards);
        n
    }

    fn mark(
        &mut self,
        card: &CardId,
        action: MarkAction,
        _now: DateTime<Utc>,
    ) -> Result<(), String> {
        self.marks.push((card.clone(), action));
        if matches!(action, MarkAction::Suspend | MarkAction::Bury) {
            self.queue.retain(|c| &c.id != card);
        }
        Ok(())
    }

    fn browse(&self, query: &BrowseQuery, _now: DateTime<Utc>) -> Vec<BrowseRow> {
        let text = query.text.to_lowercase();
        self.decks
            .iter()
            .flat_map(|d| d.3.iter())
            .map(|c| self.row(c))
            .filter(|r| text.is_empty() || r.question.to_lowercase().contains(&text))
            .filter(|r| {
                query
                    .state
                    .is_none_or(|f: StateFilter| f.matches(r.status, r.flagged))
            })
            .collect()
    }

    fn card_detail(&self, id: &CardId, _now: DateTime<Utc>) -> Option<CardDetail> {
        let card = self
            .decks
            .iter()
            .flat_map(|d| d.3.iter())
            .find(|c| &c.id == id)?;
        Some(CardDetail {
            row: self.row(card),
            answer: card.answer(),
            tags: card.tags.clone(),
            history: Vec::new(),
            recall_now: None,
            stability: None,
        })
    }

    fn undo(&mut self, _now: DateTime<Utc>) -> Result<Option<CardId>, String> {
        let Some(last) = self.answers.pop() else {
            return Ok(None);
        };
        let c = self.answered_stack.pop().expect("one card per answer");
        if self.relearn
            && last.grade == Grade::Again
            && let Some(pos) = self.queue.iter().rposition(|q| q.id == c.id)
        {
            self.queue.remove(pos);
        }
        self.queue.push_front(c);
        Ok(Some(last.card))
    }

    fn edit_location(&self, card: &CardId) -> Option<(PathBuf, u32)> {
        let deck = self.deck_of(card)?;
        let line = deck.3.iter().find(|c| &c.id == card)?.line;
        deck.2.clone().map(|p| (p, line))
    }

    fn card(&self, id: &CardId, _now: DateTime<Utc>) -> Option<ShowCard> {
        let card = self
            .decks
            .iter()
            .flat_map(|d| d.3.iter())
            .find(|c| &c.id == id)?;
        Some(self.show(card.clone()))
    }

    fn reload(&mut self) -> Result<(), Vec<kartei::deck::Diagnostic>> {
        if let Some(problems) = self.fail_next_reload.take() {
            return Err(problems);
        }
        self.reloads += 1;
        let Some(decks) = self.next_decks.take() else {
            return Ok(());
        };
        self.decks = decks;
        let find = |id: &CardId| {
            self.decks
                .iter()
                .flat_map(|d| d.3.iter())
                .find(|c| &c.id == id)
                .cloned()
        };
        // Queued cards get their new version; removed cards leave.
        let queue: VecDeque<Card> = self.queue.iter().filter_map(|c| find(&c.id)).collect();
        // New cards of the session's scope join at the end.
        let answered: Vec<&CardId> = self.answers.iter().map(|a| &a.card).collect();
        let joining: Vec<Card> = self
            .decks
            .iter()
            .filter(|d| match &self.scope {
                Some(Scope::All) => true,
                Some(Scope::Deck(id)) => &d.0 == id,
                _ => false,
            })
            .flat_map(|d| d.3.iter())
            .filter(|c| !answered.contains(&&c.id) && !queue.iter().any(|q| q.id == c.id))
            .cloned()
            .collect();
        self.queue = queue;
        self.queue.extend(joining);
        Ok(())
    }
}

/// The fixed due forecast of the fake (30 days).
const FORECAST: [usize; 30] = [
    12, 8, 5, 9, 3, 0, 7, 4, 6, 2, 11, 5, 3, 0, 4, 8, 2, 6, 1, 3, 5, 0, 2, 7, 3, 1, 4, 2, 0, 6,
];

/// The fixed stability histogram of the fake.
const STABILITY: [usize; 9] = [14, 9, 11, 7, 6, 4, 2, 1, 0];

impl StatsPort for FakeStudy {
    /// Fixed figures relative to the day of `now`: a deck filter keeps 70 %
    /// (the first deck) or 30 % (others) of every count, a tag filter half;
    /// an unknown deck or tag gives zeros.
    fn stats(&self, filter: StatsFilter, now: DateTime<Utc>) -> StatsView {
        let today: NaiveDate = now.date_naive();
        let deck_index = filter
            .deck
            .as_ref()
            .map(|id| self.decks.iter().position(|d| &d.0 == id));
        // The tags of the chosen deck only: every tag in the first deck,
        // `kpi` in the others, none in an unknown one.
        let tags: Vec<String> = match deck_index {
            None | Some(Some(0)) => vec!["4p", "kpi", "marketing"],
            Some(Some(_)) => vec!["kpi"],
            Some(None) => Vec::new(),
        }
        .into_iter()
        .map(str::to_owned)
        .collect();
        let mut share = match deck_index {
            None => 1.0,
            Some(Some(0)) => 0.7,
            Some(Some(_)) => 0.3,
            Some(None) => 0.0,
        };
        if let Some(tag) = &filter.tag {
            share *= if tags.contains(tag) { 0.5 } else { 0.0 };
        }
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let scale = |n: usize| (n as f64 * share).round() as usize;
        let forecast = FORECAST
            .iter()
            .enumerate()
            .map(|(i, &n)| (today + Duration::days(i as i64), scale(n)))
            .collect();
        let days = kartei::study::stats_port::HISTORY_DAYS;
        let history = (0..days)
            .map(|i| {
                let date = today - Duration::days((days - 1 - i) as i64);
                // The last 26 weeks: quiet weekends early on, busier lately,
                // a gap in the middle. Before them a few reviews on most days.
                let base = match i.checked_sub(days - 26 * 7) {
                    Some(i) if (70..84).contains(&i) || (i % 7 == 3 && i < 90) => 0,
                    Some(i) => (i * 37 % 23) / 2 + i / 20,
                    None if i % 5 == 0 => 0,
                    None => (i * 37 % 23) / 4,
                };
                (date, scale(base))
            })
            .collect();
        let retention = self
            .decks
            .iter()
            .enumerate()
            .filter(|(_, d)| filter.deck.as_ref().is_none_or(|id| &d.0 == id))
            .map(|(i, d)| {
                let value = match (i, share > 0.0, filter.tag.is_some()) {
                    (_, false, _) => None,
                    (0, true, false) => Some(0.87),
                    (0, true, true) => Some(0.82),
                    (_, true, false) => Some(0.93),
                    (_, true, true) => None,
                };
                (d.1.clone(), value)
            })
            .collect();
        let all_quizzes = [
            (55.0, 4.0),
            (62.5, 3.3),
            (70.0, 2.7),
            (68.0, 2.7),
            (81.0, 1.7),
            (88.0, 1.3),
        ];
        let keep = match deck_index {
            None => 6,
            Some(Some(0)) => 4,
            Some(Some(_)) => 1,
            Some(None) => 0,
        };
        let quizzes = all_quizzes
            .iter()
            .enumerate()
            .skip(6 - keep)
            .map(|(i, &(pct, grade))| (today - Duration::days(60 - 10 * i as i64), pct, grade))
            .collect();
        let streak = match deck_index {
            None => (5, 12),
            Some(Some(_)) => (3, 9),
            Some(None) => (0, 0),
        };
        StatsView {
            forecast,
            history,
            retention,
            desired_retention: 0.9,
            stability: STABILITY.iter().map(|&n| scale(n)).collect(),
            quizzes,
            streak,
            decks: self
                .decks
                .iter()
                .map(|d| (d.0.clone(), d.1.clone()))
                .collect(),
            tags,
        }
    }
}

impl QuizPort for FakeStudy {
    fn quiz_setup(&self) -> QuizSetupView {
        let mut tags: Vec<String> = self
            .decks
            .iter()
            .flat_map(|d| d.3.iter().flat_map(|c| c.tags.iter().cloned()))
            .collect();
        tags.sort();
        tags.dedup();
        QuizSetupView {
            decks: self
                .decks
                .iter()
                .map(|d| (d.0.clone(), d.1.clone()))
                .collect(),
            tags,
            setup: self.quiz_setup.clone(),
        }
    }

    fn save_quiz_setup(&mut self, setup: &QuizSetup) -> Result<(), String> {
        self.saved_setups.push(setup.clone());
        self.quiz_setup = setup.clone();
        Ok(())
    }

    /// Draws with no review history (every card new), seeded by the spec.
    fn start_quiz(&mut self, spec: &QuizSpec, _now: DateTime<Utc>) -> Result<QuizStarted, String> {
        let cards: Vec<&Card> = self.decks.iter().flat_map(|d| d.3.iter()).collect();
        let mut rng = Rng::new(spec.seed);
        let questions = kartei::quiz::draw(&cards, &|_| Default::default(), spec, &mut rng);
        let id = format!("quiz-{}", self.quiz_log.len() + 1);
        self.quiz_log.push(QuizRecord::Start {
            quiz: id.clone(),
            spec: spec.clone(),
        });
        Ok(QuizStarted { id, questions })
    }

    fn record_quiz_answer(
        &mut self,
        quiz: &str,
        answered: &Answered,
        _now: DateTime<Utc>,
    ) -> Result<(), String> {
        if let Some(msg) = self.fail_next_answer.take() {
            return Err(msg);
        }
        self.quiz_log.push(QuizRecord::Answer {
            quiz: quiz.to_owned(),
            card: answered.card.clone(),
            given: answered.given.clone(),
            grade: answered.grade,
            ms: answered.ms,
        });
        Ok(())
    }

    fn record_quiz_timeout(
        &mut self,
        quiz: &str,
        timeout: &TimeoutEvent,
        _now: DateTime<Utc>,
    ) -> Result<(), String> {
        self.quiz_log.push(QuizRecord::Timeout {
            quiz: quiz.to_owned(),
            card: timeout.card.clone(),
            shown: timeout.shown,
            ms: timeout.ms,
        });
        Ok(())
    }

    fn record_quiz_pause(
        &mut self,
        quiz: &str,
        ms: u64,
        _now: DateTime<Utc>,
    ) -> Result<(), String> {
        self.quiz_log.push(QuizRecord::Pause {
            quiz: quiz.to_owned(),
            ms,
        });
        Ok(())
    }

    fn finish_quiz(
        &mut self,
        quiz: &str,
        results: &Results,
        _now: DateTime<Utc>,
    ) -> Result<(), String> {
        self.quiz_log.push(QuizRecord::End {
            quiz: quiz.to_owned(),
            results: Box::new(results.clone()),
        });
        Ok(())
    }
}

/// An exam for the fake: `name` on 2026-12-11, 14 days from the harness's
/// clock, with one deck, a tag and two weak cards.
#[must_use]
pub fn sample_exam(name: &str) -> ExamView {
    ExamView {
        name: name.to_owned(),
        date: NaiveDate::from_ymd_opt(2026, 12, 11).unwrap(),
        days_left: 14,
        cards: 9,
        unstudied: 3,
        expected_recall: 0.62,
        decks: vec![
            ExamGroup {
                name: "Marketing-Mix (4P)".to_owned(),
                cards: 8,
                unstudied: 3,
                expected_recall: 0.58,
            },
            ExamGroup {
                name: "BWL-Grundlagen".to_owned(),
                cards: 1,
                unstudied: 0,
                expected_recall: 0.94,
            },
        ],
        tags: vec![ExamGroup {
            name: "marketing".to_owned(),
            cards: 9,
            unstudied: 3,
            expected_recall: 0.62,
        }],
        plan: kartei::study::exam::DayPlan {
            new_today: 3,
            reviews_today: 4,
            minutes_today: 3,
        },
        weakest: vec![
            ("Was umfasst die Produktpolitik?".to_owned(), 0.41),
            ("Wofür steht SWOT?".to_owned(), 0.77),
        ],
    }
}

impl ExamPort for FakeStudy {
    fn exams(&self, _now: DateTime<Utc>) -> Vec<ExamView> {
        self.exams.clone()
    }

    fn start_cram(
        &mut self,
        target: &CramTarget,
        count: Option<usize>,
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        if let CramTarget::Exam(name) = target
            && !self.exams.iter().any(|e| &e.name == name)
        {
            return Err(format!("there is no exam {name:?}"));
        }
        self.crams.push((target.clone(), count));
        let scope = match target {
            CramTarget::Decks(d) if d.len() == 1 => Scope::Deck(d[0].clone()),
            _ => Scope::All,
        };
        self.start_session(scope, SessionKind::Cram, now)?;
        if let Some(n) = count {
            self.queue.truncate(n);
        }
        Ok(())
    }
}
