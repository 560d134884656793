//! The quiz screens' state and how keys and the clock change it: the setup
//! form, the running quiz (exam conditions: no feedback until the end) and
//! the results. Pure: the clock and the port come in as arguments.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::TextInput;
use super::keymap::Action;
use super::quiz_view::results_max_scroll;
use crate::config::QuizSetup;
use crate::deck::CardId;
use crate::i18n::{Lang, Tr};
use crate::quiz::{Answer, AnswerOutcome, Form, Quiz, QuizSpec, Results, parse_forms};
use crate::scheduler::parse_duration;
use crate::study::port::Study;
use crate::study::quiz_port::QuizSetupView;

/// Question counts offered by ←/→ on the setup screen.
pub const COUNT_STEPS: [u32; 10] = [5, 10, 15, 20, 25, 30, 40, 50, 75, 100];
/// Per-question limits offered (seconds).
pub const PER_QUESTION_STEPS: [u64; 10] = [10, 15, 20, 30, 45, 60, 90, 120, 180, 300];
/// Total limits offered (minutes).
pub const TOTAL_STEPS: [u64; 10] = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180];

/// What the app must do after a quiz key or tick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizExit {
    Stay,
    /// Back to the deck overview.
    Overview,
    /// Start a review session of these cards (the missed ones).
    Review(Vec<CardId>),
    /// Open the help overlay.
    Help,
}

/// One row of the setup form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupRow {
    Count,
    /// Total time or time per question.
    Mode,
    Time,
    /// Every card in scope, or only cards studied before.
    Cards,
    /// Whether answers move the schedule.
    Reschedule,
    Form(Form),
    Deck(usize),
    Tag(usize),
}

/// The setup form.
#[derive(Debug, Clone, PartialEq)]
pub struct SetupState {
    /// `(id, name)` of every deck.
    pub decks: Vec<(String, String)>,
    pub tags: Vec<String>,
    /// The setup being edited (saved when the quiz starts).
    pub setup: QuizSetup,
    /// The highlighted row (index into [`SetupState::rows`]).
    pub row: usize,
}

/// A running quiz and the answer being entered.
#[derive(Debug, Clone)]
pub struct RunState {
    /// The quiz id in the journal.
    pub id: String,
    pub quiz: Quiz,
    /// Deck id → name, for the results.
    pub deck_names: HashMap<String, String>,
    /// The question index the input below belongs to.
    pub shown: usize,
    /// Choice questions: ticked options.
    pub ticked: Vec<bool>,
    /// Typed questions: the answer field.
    pub input: TextInput,
    /// Flip questions: the answer is shown, waiting for the self-grade.
    pub flipped: bool,
    /// The "abandon the quiz?" question is open.
    pub confirm_abandon: bool,
    /// The clock was stopped because a dialog or overlay opened (not by
    /// the student's pause key); it runs again when that closes.
    pub held: bool,
    /// The time of the latest key or tick, for drawing the countdowns.
    pub now: DateTime<Utc>,
}

/// The results of a finished quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultsState {
    pub id: String,
    pub results: Results,
    pub deck_names: HashMap<String, String>,
    /// Lines scrolled.
    pub scroll: u16,
}

/// The quiz screens.
#[derive(Debug, Clone)]
pub enum QuizScreen {
    Setup(SetupState),
    Running(Box<RunState>),
    Results(ResultsState),
}

/// Running quizzes compare by id, position, pause state and the input being
/// entered (the quiz state machine itself has no equality).
impl PartialEq for RunState {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.quiz.position() == other.quiz.position()
            && self.quiz.is_paused() == other.quiz.is_paused()
            && self.ticked == other.ticked
            && self.input == other.input
            && self.flipped == other.flipped
            && self.confirm_abandon == other.confirm_abandon
    }
}

impl PartialEq for QuizScreen {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (QuizScreen::Setup(a), QuizScreen::Setup(b)) => a == b,
            (QuizScreen::Running(a), QuizScreen::Running(b)) => a == b,
            (QuizScreen::Results(a), QuizScreen::Results(b)) => a == b,
            _ => false,
        }
    }
}

/// What the quiz screens need from the rest of the app for one update.
pub struct Ctx<'a> {
    pub lang: Lang,
    pub status: &'a mut Option<String>,
    /// The terminal size, for page-wise scrolling.
    pub size: (u16, u16),
    /// The help overlay covers the screen (a running quiz's clock stops).
    pub overlay: bool,
}

/// `"90s"`, `"10m"`, `"1h"`: the shortest exact form.
#[must_use]
pub fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    if s > 0 && s.is_multiple_of(3600) {
        format!("{}h", s / 3600)
    } else if s > 0 && s.is_multiple_of(60) {
        format!("{}m", s / 60)
    } else {
        format!("{s}s")
    }
}

fn parse_std(s: &str) -> Result<Duration, String> {
    parse_duration(s)
        .map_err(|e| e.to_string())
        .and_then(|d| d.to_std().map_err(|e| e.to_string()))
}

/// The next (`up`) or previous value of `steps` from `current`.
fn step<T: Copy + PartialOrd>(steps: &[T], current: T, up: bool) -> T {
    if up {
        steps
            .iter()
            .copied()
            .find(|&s| s > current)
            .unwrap_or(steps[steps.len() - 1])
    } else {
        steps
            .iter()
            .rev()
            .copied()
            .find(|&s| s < current)
            .unwrap_or(steps[0])
    }
}

impl SetupState {
    /// The form over what the port offers.
    #[must_use]
    pub fn new(view: QuizSetupView) -> Self {
        let mut setup = view.setup;
        if setup.count == 0 {
            setup.count = crate::quiz::DEFAULT_COUNT;
        }
        if setup.forms.is_empty() {
            setup.forms = Form::ALL.iter().map(|f| f.as_str().to_owned()).collect();
        }
        SetupState {
            decks: view.decks,
            tags: view.tags,
            setup,
            row: 0,
        }
    }

    /// Every row in display order.
    #[must_use]
    pub fn rows(&self) -> Vec<SetupRow> {
        let mut rows = vec![
            SetupRow::Count,
            SetupRow::Mode,
            SetupRow::Time,
            SetupRow::Cards,
            SetupRow::Reschedule,
        ];
        rows.extend(Form::ALL.map(SetupRow::Form));
        rows.extend((0..self.decks.len()).map(SetupRow::Deck));
        rows.extend((0..self.tags.len()).map(SetupRow::Tag));
        rows
    }

    /// True when the limit is for the whole quiz, false for per question.
    #[must_use]
    pub fn total_mode(&self) -> bool {
        !self.setup.time.trim().is_empty()
    }

    /// The limit being edited, as written.
    #[must_use]
    pub fn time_text(&self) -> &str {
        if self.total_mode() {
            &self.setup.time
        } else {
            &self.setup.per_question
        }
    }

    /// Whether a form is ticked.
    #[must_use]
    pub fn has_form(&self, form: Form) -> bool {
        self.setup.forms.iter().any(|f| f == form.as_str())
    }

    fn toggle(list: &mut Vec<String>, item: &str) {
        if let Some(pos) = list.iter().position(|x| x == item) {
            list.remove(pos);
        } else {
            list.push(item.to_owned());
        }
    }

    /// Changes the highlighted row: `dir` is +1 (→), -1 (←) or 0 (Space).
    fn change(&mut self, dir: i32, lang: Lang, status: &mut Option<String>) {
        let Some(&row) = self.rows().get(self.row) else {
            return;
        };
        match row {
            SetupRow::Count if dir != 0 => {
                self.setup.count = step(&COUNT_STEPS, self.setup.count, dir > 0);
            }
            SetupRow::Mode => {
                if self.total_mode() {
                    self.setup.time.clear();
                    if self.setup.per_question.trim().is_empty() {
                        self.setup.per_question = "60s".to_owned();
                    }
                } else {
                    self.setup.time = "20m".to_owned();
                    self.setup.per_question.clear();
                }
            }
            SetupRow::Time if dir != 0 => {
                let total = self.total_mode();
                let current = parse_std(self.time_text()).unwrap_or(Duration::from_secs(60));
                let next = if total {
                    let mins: Vec<u64> = TOTAL_STEPS.to_vec();
                    Duration::from_secs(60 * step(&mins, current.as_secs() / 60, dir > 0))
                } else {
                    Duration::from_secs(step(&PER_QUESTION_STEPS, current.as_secs(), dir > 0))
                };
                let text = format_duration(next);
                if total {
                    self.setup.time = text;
                } else {
                    self.setup.per_question = text;
                }
            }
            SetupRow::Form(form) => {
                if self.has_form(form) && self.setup.forms.len() == 1 {
                    *status = Some(Tr(lang).quiz_keep_at_least_one_question().to_owned());
                } else {
                    Self::toggle(&mut self.setup.forms, form.as_str());
                }
            }
            SetupRow::Cards => self.setup.studied_only = !self.setup.studied_only,
            SetupRow::Reschedule => self.setup.reschedule = !self.setup.reschedule,
            SetupRow::Deck(i) => {
                let id = self.decks[i].0.clone();
                Self::toggle(&mut self.setup.decks, &id);
            }
            SetupRow::Tag(i) => {
                let tag = self.tags[i].clone();
                Self::toggle(&mut self.setup.tags, &tag);
            }
            SetupRow::Count | SetupRow::Time => {}
        }
    }

    /// The quiz spec this setup describes.
    ///
    /// # Errors
    /// A time that does not parse or no form, as a message.
    pub fn spec(&self, seed: u64) -> Result<QuizSpec, String> {
        let time = |s: &str| -> Result<Option<Duration>, String> {
            if s.trim().is_empty() {
                Ok(None)
            } else {
                parse_std(s).map(Some)
            }
        };
        Ok(QuizSpec {
            decks: self.setup.decks.clone(),
            tags: self.setup.tags.clone(),
            count: self.setup.count.max(1),
            time_limit: time(&self.setup.time)?,
            per_question: time(&self.setup.per_question)?,
            forms: parse_forms(&self.setup.forms.join(",")).map_err(|e| e.to_string())?,
            seed,
            studied_only: self.setup.studied_only,
            reschedule: self.setup.reschedule,
        })
    }
}

fn plain(key: &KeyEvent) -> bool {
    !key.modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// The keys and clock of the running quiz.
impl RunState {
    fn sync_input(&mut self) {
        if self.shown == self.quiz.position() && !self.quiz.is_finished() {
            return;
        }
        self.shown = self.quiz.position();
        let options = match self.quiz.current().map(|q| &q.form) {
            Some(crate::quiz::QuestionForm::Choice { options, .. }) => options.len(),
            _ => 0,
        };
        self.ticked = vec![false; options];
        self.input = TextInput::default();
        self.flipped = false;
    }

    /// The form of the question on screen.
    #[must_use]
    pub fn form(&self) -> Option<Form> {
        self.quiz.current().map(|q| q.form.form())
    }

    fn submit(
        &mut self,
        answer: Answer,
        now: DateTime<Utc>,
        study: &mut dyn Study,
        cx: &mut Ctx<'_>,
    ) {
        match self.quiz.answer(now, answer) {
            Ok(AnswerOutcome::Answered(a)) => {
                if let Err(e) = study.record_quiz_answer(&self.id, &a, now) {
                    *cx.status = Some(not_recorded(cx.lang, &e));
                } else {
                    *cx.status = None;
                }
            }
            Ok(AnswerOutcome::TooLate(events)) => {
                self.record_timeouts(&events, now, study, cx);
                *cx.status = Some(Tr(cx.lang).quiz_time_was_up().to_owned());
            }
            Err(e) => *cx.status = Some(e.to_string()),
        }
        self.sync_input();
    }

    fn record_timeouts(
        &self,
        events: &[crate::quiz::TimeoutEvent],
        now: DateTime<Utc>,
        study: &mut dyn Study,
        cx: &mut Ctx<'_>,
    ) {
        for t in events {
            if let Err(e) = study.record_quiz_timeout(&self.id, t, now) {
                *cx.status = Some(not_recorded(cx.lang, &e));
            }
        }
    }

    /// Stops the clock while a dialog or overlay covers the question.
    fn hold(&mut self, now: DateTime<Utc>) {
        if !self.quiz.is_paused() && !self.quiz.is_finished() && self.quiz.pause(now).is_ok() {
            self.held = true;
        }
    }

    /// Starts the clock again after [`RunState::hold`] (the stop is
    /// journalled like a pause).
    fn release(&mut self, now: DateTime<Utc>, study: &mut dyn Study, cx: &mut Ctx<'_>) {
        if std::mem::take(&mut self.held) {
            self.resume(now, study, cx);
        }
    }

    fn pause(&mut self, now: DateTime<Utc>, cx: &mut Ctx<'_>) {
        if let Err(e) = self.quiz.pause(now) {
            *cx.status = Some(e.to_string());
        }
    }

    fn resume(&mut self, now: DateTime<Utc>, study: &mut dyn Study, cx: &mut Ctx<'_>) {
        match self.quiz.resume(now) {
            Ok(length) => {
                let ms = u64::try_from(length.as_millis()).unwrap_or(u64::MAX);
                if let Err(e) = study.record_quiz_pause(&self.id, ms, now) {
                    *cx.status = Some(not_recorded(cx.lang, &e));
                }
            }
            Err(e) => *cx.status = Some(e.to_string()),
        }
    }

    fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        now: DateTime<Utc>,
        study: &mut dyn Study,
        cx: &mut Ctx<'_>,
    ) -> QuizExit {
        let plain = plain(key);
        if self.confirm_abandon {
            match key.code {
                KeyCode::Char('y' | 'j') | KeyCode::Enter => {
                    self.confirm_abandon = false;
                    self.held = false;
                    self.quiz.abandon(now);
                }
                KeyCode::Char('n') | KeyCode::Esc => {
                    self.confirm_abandon = false;
                    self.release(now, study, cx);
                }
                _ => {}
            }
            return QuizExit::Stay;
        }
        // Back from the help overlay: the clock runs again.
        self.release(now, study, cx);
        let ctrl_p =
            key.code == KeyCode::Char('p') && key.modifiers.contains(KeyModifiers::CONTROL);
        if self.quiz.is_paused() {
            match key.code {
                KeyCode::Char('p') => self.resume(now, study, cx),
                KeyCode::Esc => self.confirm_abandon = true,
                _ => {}
            }
            return QuizExit::Stay;
        }
        let form = self.form();
        if key.code == KeyCode::Esc || (form != Some(Form::Typed) && action == Some(Action::Back)) {
            self.hold(now);
            self.confirm_abandon = true;
            return QuizExit::Stay;
        }
        if ctrl_p || (form != Some(Form::Typed) && plain && key.code == KeyCode::Char('p')) {
            self.pause(now, cx);
            return QuizExit::Stay;
        }
        match form {
            Some(Form::Typed) => match key.code {
                KeyCode::Char(c) if plain => self.input.insert(c),
                KeyCode::Backspace => self.input.backspace(),
                KeyCode::Delete => self.input.delete(),
                KeyCode::Left => self.input.cursor = self.input.cursor.saturating_sub(1),
                KeyCode::Right => {
                    self.input.cursor =
                        (self.input.cursor + 1).min(self.input.text.chars().count());
                }
                KeyCode::Home => self.input.cursor = 0,
                KeyCode::End => self.input.cursor = self.input.text.chars().count(),
                KeyCode::Enter => {
                    let text = self.input.text.clone();
                    self.submit(Answer::Typed(text), now, study, cx);
                }
                _ => {}
            },
            Some(Form::Choice) => match key.code {
                KeyCode::Char(c) if plain && c.is_ascii_lowercase() => {
                    let i = (c as u8 - b'a') as usize;
                    if let Some(t) = self.ticked.get_mut(i) {
                        *t = !*t;
                    } else if action == Some(Action::Help) {
                        self.hold(now);
                        return QuizExit::Help;
                    }
                }
                KeyCode::Enter => {
                    let picked: Vec<usize> =
                        (0..self.ticked.len()).filter(|&i| self.ticked[i]).collect();
                    if picked.is_empty() {
                        *cx.status = Some(Tr(cx.lang).quiz_tick_an_option_first_a().to_owned());
                    } else {
                        self.submit(Answer::Choice(picked), now, study, cx);
                    }
                }
                _ if action == Some(Action::Help) => {
                    self.hold(now);
                    return QuizExit::Help;
                }
                _ => {}
            },
            Some(Form::Flip) => match key.code {
                KeyCode::Char(' ') | KeyCode::Enter if !self.flipped => self.flipped = true,
                KeyCode::Char('y' | 'j' | '1') if self.flipped => {
                    self.submit(Answer::Flip(true), now, study, cx);
                }
                KeyCode::Char('n' | '2') if self.flipped => {
                    self.submit(Answer::Flip(false), now, study, cx);
                }
                _ if action == Some(Action::Help) => {
                    self.hold(now);
                    return QuizExit::Help;
                }
                _ => {}
            },
            None => {}
        }
        QuizExit::Stay
    }
}

fn not_recorded(lang: Lang, e: &str) -> String {
    format!("{}: {e}", Tr(lang).quiz_not_recorded())
}

impl QuizScreen {
    /// The setup form over what the port offers.
    #[must_use]
    pub fn setup(study: &dyn Study) -> QuizScreen {
        QuizScreen::Setup(SetupState::new(study.quiz_setup()))
    }

    /// Starts a quiz through the port.
    ///
    /// # Errors
    /// The port's message, or a message that no card matches.
    pub fn start(
        spec: &QuizSpec,
        lang: Lang,
        now: DateTime<Utc>,
        study: &mut dyn Study,
    ) -> Result<QuizScreen, String> {
        let started = study.start_quiz(spec, now)?;
        if started.questions.is_empty() {
            return Err(Tr(lang).quiz_no_card_matches_these_decks().to_owned());
        }
        let deck_names = study.quiz_setup().decks.into_iter().collect();
        let mut run = RunState {
            id: started.id,
            quiz: Quiz::new(started.questions, spec, now),
            deck_names,
            shown: usize::MAX,
            ticked: Vec::new(),
            input: TextInput::default(),
            flipped: false,
            confirm_abandon: false,
            held: false,
            now,
        };
        run.sync_input();
        Ok(QuizScreen::Running(Box::new(run)))
    }

    /// Handles one key press (releases are filtered by the caller).
    pub fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        now: DateTime<Utc>,
        study: &mut dyn Study,
        cx: &mut Ctx<'_>,
    ) -> QuizExit {
        let exit = match self {
            QuizScreen::Setup(s) => match (key.code, action) {
                (_, Some(Action::Up)) => {
                    s.row = s.row.saturating_sub(1);
                    QuizExit::Stay
                }
                (_, Some(Action::Down)) => {
                    s.row = (s.row + 1).min(s.rows().len().saturating_sub(1));
                    QuizExit::Stay
                }
                (KeyCode::Left, _) => {
                    s.change(-1, cx.lang, cx.status);
                    QuizExit::Stay
                }
                (KeyCode::Right, _) => {
                    s.change(1, cx.lang, cx.status);
                    QuizExit::Stay
                }
                (KeyCode::Char(' '), _) => {
                    s.change(0, cx.lang, cx.status);
                    QuizExit::Stay
                }
                (KeyCode::Enter, _) => {
                    let seed = u64::try_from(now.timestamp_millis()).unwrap_or(0);
                    match s.spec(seed) {
                        Ok(spec) => {
                            if let Err(e) = study.save_quiz_setup(&s.setup) {
                                *cx.status = Some(e);
                            }
                            match QuizScreen::start(&spec, cx.lang, now, study) {
                                Ok(screen) => *self = screen,
                                Err(e) => *cx.status = Some(e),
                            }
                        }
                        Err(e) => *cx.status = Some(e),
                    }
                    QuizExit::Stay
                }
                (_, Some(Action::Back)) => QuizExit::Overview,
                (_, Some(Action::Help)) => QuizExit::Help,
                _ => QuizExit::Stay,
            },
            QuizScreen::Running(run) => {
                run.now = now;
                run.handle_key(key, action, now, study, cx)
            }
            QuizScreen::Results(r) => {
                let page = (cx.size.1 / 2).max(1);
                match (key.code, action) {
                    (KeyCode::Char('r'), _) => {
                        let cards: Vec<CardId> =
                            r.results.mistakes.iter().map(|m| m.card.clone()).collect();
                        if cards.is_empty() {
                            *cx.status = Some(Tr(cx.lang).quiz_no_mistakes_to_review().to_owned());
                            QuizExit::Stay
                        } else {
                            QuizExit::Review(cards)
                        }
                    }
                    (_, Some(Action::Up)) => {
                        r.scroll = r.scroll.saturating_sub(1);
                        QuizExit::Stay
                    }
                    (_, Some(Action::Down)) => {
                        r.scroll = r
                            .scroll
                            .saturating_add(1)
                            .min(results_max_scroll(cx.lang, r, cx.size));
                        QuizExit::Stay
                    }
                    (_, Some(Action::ScrollUp)) => {
                        r.scroll = r.scroll.saturating_sub(page);
                        QuizExit::Stay
                    }
                    (_, Some(Action::ScrollDown)) => {
                        r.scroll = r
                            .scroll
                            .saturating_add(page)
                            .min(results_max_scroll(cx.lang, r, cx.size));
                        QuizExit::Stay
                    }
                    (_, Some(Action::Back | Action::Select)) => QuizExit::Overview,
                    (_, Some(Action::Help)) => QuizExit::Help,
                    _ => QuizExit::Stay,
                }
            }
        };
        self.finish_if_done(now, study, cx);
        exit
    }

    /// When the countdown shows its next second (or a limit runs out):
    /// `None` without a limit, paused or finished.
    #[must_use]
    pub fn next_wake(&self, now: DateTime<Utc>) -> Option<std::time::Duration> {
        let QuizScreen::Running(run) = self else {
            return None;
        };
        if run.quiz.is_paused() || run.quiz.is_finished() {
            return None;
        }
        let rem = run.quiz.remaining(now);
        let second = std::time::Duration::from_secs(1);
        [rem.quiz, rem.question]
            .into_iter()
            .flatten()
            .map(|left| {
                // The display changes when a whole second has passed.
                let part = std::time::Duration::from_nanos(
                    u64::try_from(left.as_nanos() % second.as_nanos()).unwrap_or(0),
                );
                if part.is_zero() { second } else { part }
            })
            .min()
    }

    /// `Ctrl-C`: a running quiz ends as abandoned (its end is journalled).
    /// Returns true when a quiz was running.
    pub fn interrupt(
        &mut self,
        now: DateTime<Utc>,
        study: &mut dyn Study,
        cx: &mut Ctx<'_>,
    ) -> bool {
        let QuizScreen::Running(run) = self else {
            return false;
        };
        run.held = false;
        run.confirm_abandon = false;
        run.quiz.abandon(now);
        self.finish_if_done(now, study, cx);
        true
    }

    /// The periodic timer: applies time limits and records the timeouts.
    pub fn tick(&mut self, now: DateTime<Utc>, study: &mut dyn Study, cx: &mut Ctx<'_>) {
        if let QuizScreen::Running(run) = self {
            run.now = now;
            if cx.overlay {
                run.hold(now);
            } else if !run.confirm_abandon {
                run.release(now, study, cx);
            }
            let events = run.quiz.tick(now);
            run.record_timeouts(&events, now, study, cx);
            run.sync_input();
        }
        self.finish_if_done(now, study, cx);
    }

    /// A finished quiz writes `QuizEnd` and shows the results.
    fn finish_if_done(&mut self, now: DateTime<Utc>, study: &mut dyn Study, cx: &mut Ctx<'_>) {
        let QuizScreen::Running(run) = self else {
            return;
        };
        if !run.quiz.is_finished() {
            return;
        }
        let results = run.quiz.results();
        if let Err(e) = study.finish_quiz(&run.id, &results, now) {
            *cx.status = Some(not_recorded(cx.lang, &e));
        }
        *self = QuizScreen::Results(ResultsState {
            id: std::mem::take(&mut run.id),
            results,
            deck_names: std::mem::take(&mut run.deck_names),
            scroll: 0,
        });
    }
}
