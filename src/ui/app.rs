//! The interface state and how actions change it. Pure: the clock and the
//! study logic come in as arguments, and nothing here touches the terminal.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::browser::{BrowserExit, BrowserState};
use super::i18n::Tr;
use super::keymap::{Action, KeyMap};
use super::quiz_screen::{self, QuizExit, QuizScreen};
pub use super::review::{ReviewRequest, ReviewState, Stage};
use super::stats_screen::StatsState;
use super::theme::Theme;
use crate::i18n::Lang;
use crate::progress::Grade;
use crate::progress::MarkAction;
use crate::study::port::{NextCard, Overview, Scope, SessionKind, SessionSummary, Study};

/// What the runtime must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Suspend the interface and open the editor at this file and line, then
    /// call [`App::after_edit`].
    OpenEditor(PathBuf, u32),
    /// Quit with status 130: `Ctrl-C` ended a running quiz, which was
    /// recorded as abandoned.
    Interrupted,
}

/// Which screen is showing.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Overview,
    Review(Box<ReviewState>),
    /// Only learning cards remain; the next one is due at `until`.
    Waiting {
        until: DateTime<Utc>,
    },
    Summary(SessionSummary),
    Stats(Box<StatsState>),
    /// Quiz setup, a running quiz or its results.
    Quiz(Box<QuizScreen>),
    /// The card browser.
    Browser(Box<BrowserState>),
    /// The exam screen (see [`super::exam_screen`]).
    Exam(Box<super::exam_screen::ExamScreen>),
}

/// A text field with a cursor (counted in characters).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextInput {
    pub text: String,
    pub cursor: usize,
}

impl TextInput {
    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts a character at the cursor.
    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Deletes the character before the cursor: the whole grapheme cluster
    /// (a flag, an emoji sequence, a letter with its accent), never half.
    pub fn backspace(&mut self) {
        use unicode_segmentation::UnicodeSegmentation as _;
        if self.cursor > 0 {
            let end = self.byte_at(self.cursor);
            let start = self.text[..end]
                .grapheme_indices(true)
                .next_back()
                .map_or(0, |(i, _)| i);
            self.cursor -= self.text[start..end].chars().count();
            self.text.replace_range(start..end, "");
        }
    }

    /// Deletes the character under the cursor (the whole grapheme cluster).
    pub fn delete(&mut self) {
        use unicode_segmentation::UnicodeSegmentation as _;
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            let len = self.text[at..].graphemes(true).next().map_or(0, str::len);
            self.text.replace_range(at..at + len, "");
        }
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }
}

/// The whole interface state.
#[derive(Debug, Clone)]
pub struct App {
    pub lang: Lang,
    pub keymap: KeyMap,
    pub theme: Theme,
    /// The local offset for showing times of day.
    pub offset: FixedOffset,
    pub screen: Screen,
    pub overview: Overview,
    /// The highlighted deck row.
    pub selected: usize,
    pub help: bool,
    /// A one-line message (e.g. "recorded", an error).
    pub status: Option<String>,
    /// Lines scrolled in the card body or the help.
    pub scroll: u16,
    /// The terminal size, for page-wise scrolling.
    pub size: (u16, u16),
    /// The scope of the latest study session (for practice and review
    /// ahead from its end screens).
    pub session_scope: Option<Scope>,
    /// Where a session returns when it ends (the quiz results after
    /// reviewing a quiz's mistakes); `None` shows the summary.
    pub return_to: Option<Box<Screen>>,
    /// Opened by `kartei quiz`: leaving the quiz returns to the shell.
    pub quiz_only: bool,
}

impl App {
    /// A new interface on the overview screen.
    pub fn new(
        lang: Lang,
        keymap: KeyMap,
        theme: Theme,
        offset: FixedOffset,
        now: DateTime<Utc>,
        study: &dyn Study,
    ) -> App {
        let mut keymap = keymap;
        keymap.set_lang(lang);
        App {
            lang,
            keymap,
            theme,
            offset,
            screen: Screen::Overview,
            overview: study.overview(now),
            selected: 0,
            help: false,
            status: None,
            scroll: 0,
            size: (80, 24),
            session_scope: None,
            return_to: None,
            quiz_only: false,
        }
    }

    /// Translated strings in the interface language.
    #[must_use]
    pub fn tr(&self) -> Tr {
        Tr(self.lang)
    }

    /// Handles one key press: text entry and choice letters first, then the
    /// key map. Key releases are ignored.
    pub fn handle_key(
        &mut self,
        key: &KeyEvent,
        now: DateTime<Utc>,
        study: &mut dyn Study,
    ) -> Effect {
        if key.kind == KeyEventKind::Release {
            return Effect::None;
        }
        let action = self.keymap.action(key);
        if action == Some(Action::Quit) {
            if let Screen::Quiz(q) = &mut self.screen {
                let mut cx = quiz_screen::Ctx {
                    lang: self.lang,
                    status: &mut self.status,
                    size: self.size,
                    overlay: self.help,
                };
                if q.interrupt(now, study, &mut cx) {
                    return Effect::Interrupted;
                }
            }
            return Effect::Quit;
        }
        // Nothing can be seen on the too-small screen, so nothing acts but
        // quitting (and resizing, which the runtime handles).
        if self.too_small() {
            return if action == Some(Action::Back) {
                Effect::Quit
            } else {
                Effect::None
            };
        }
        if !self.help
            && let Screen::Review(r) = &mut self.screen
            && r.confirm_reset
        {
            r.confirm_reset = false;
            let id = r.show.card.id.clone();
            if matches!(key.code, KeyCode::Char('y' | 'Y' | 'j' | 'J')) {
                self.mark(&id, MarkAction::Reset, now, study);
            } else {
                self.status = None;
            }
            return Effect::None;
        }
        if !self.help
            && let Screen::Review(r) = &mut self.screen
            && r.confirm_copy
        {
            r.confirm_copy = false;
            self.status = None;
            if !matches!(key.code, KeyCode::Char('y' | 'Y' | 'j' | 'J')) {
                return Effect::None;
            }
            let id = r.show.card.id.clone();
            if let Err(e) = study.copy_bundled_deck(&id) {
                self.status = Some(e);
                return Effect::None;
            }
            return match study.edit_location(&id) {
                Some((path, line)) => Effect::OpenEditor(path, line),
                None => {
                    self.status = Some(self.tr().bundled_no_edit().to_owned());
                    Effect::None
                }
            };
        }
        if !self.help
            && let Screen::Browser(b) = &mut self.screen
        {
            let mut cx = quiz_screen::Ctx {
                lang: self.lang,
                status: &mut self.status,
                size: self.size,
                overlay: self.help,
            };
            let exit = b.handle_key(key, action, now, study, &mut cx);
            return self.after_browser(exit, now, study);
        }
        if !self.help
            && let Screen::Exam(e) = &mut self.screen
        {
            let exit = e.handle_key(key, action, self.size);
            return super::exam_screen::after(self, exit, now, study);
        }
        if !self.help
            && let Screen::Stats(st) = &mut self.screen
            && !matches!(action, Some(Action::Back | Action::Help))
            && st.handle_key(key, now, &*study)
        {
            return Effect::None;
        }
        if !self.help
            && let Screen::Quiz(q) = &mut self.screen
        {
            let mut cx = quiz_screen::Ctx {
                lang: self.lang,
                status: &mut self.status,
                size: self.size,
                overlay: self.help,
            };
            let exit = q.handle_key(key, action, now, study, &mut cx);
            return self.after_quiz(exit, now, study);
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if !self.help
            && let Screen::Review(r) = &mut self.screen
            && r.stage == Stage::Question
        {
            if r.is_typed() {
                match key.code {
                    KeyCode::Char(c) if plain => r.input.insert(c),
                    KeyCode::Backspace => r.input.backspace(),
                    KeyCode::Delete => r.input.delete(),
                    KeyCode::Left => r.input.cursor = r.input.cursor.saturating_sub(1),
                    KeyCode::Right => r.input.cursor = (r.input.cursor + 1).min(r.input.len()),
                    KeyCode::Home => r.input.cursor = 0,
                    KeyCode::End => r.input.cursor = r.input.len(),
                    KeyCode::Enter => return self.update(Action::Select, now, study),
                    KeyCode::Esc => return self.update(Action::Back, now, study),
                    _ => {
                        if let Some(a @ (Action::ScrollUp | Action::ScrollDown | Action::Hint)) =
                            action
                        {
                            return self.update(a, now, study);
                        }
                    }
                }
                return Effect::None;
            }
            if let KeyCode::Char(c) = key.code
                && plain
                && c.is_ascii_lowercase()
            {
                let index = (c as u8 - b'a') as usize;
                if index < r.ticked.len() {
                    r.ticked[index] = !r.ticked[index];
                    return Effect::None;
                }
            }
        }
        match action {
            Some(a) => self.update(a, now, study),
            None => Effect::None,
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action, now: DateTime<Utc>, study: &mut dyn Study) -> Effect {
        let tr = self.tr();
        if action == Action::Quit {
            return Effect::Quit;
        }
        if self.help {
            match action {
                Action::Help | Action::Back => {
                    self.help = false;
                    self.scroll = 0;
                }
                Action::ScrollUp | Action::Up => self.scroll_by(-1, action == Action::ScrollUp),
                Action::ScrollDown | Action::Down => {
                    self.scroll_by(1, action == Action::ScrollDown)
                }
                _ => {}
            }
            return Effect::None;
        }
        match action {
            Action::Help => {
                self.help = true;
                self.scroll = 0;
                return Effect::None;
            }
            Action::Stats if !matches!(self.screen, Screen::Stats(_)) => {
                self.status = None;
                let back = std::mem::replace(&mut self.screen, Screen::Overview);
                self.screen = Screen::Stats(Box::new(StatsState::open(back, now, &*study)));
                return Effect::None;
            }
            Action::Quiz if !matches!(self.screen, Screen::Quiz(_)) => {
                self.status = None;
                self.return_to = None;
                self.screen = Screen::Quiz(Box::new(QuizScreen::setup(study)));
                self.scroll = 0;
                return Effect::None;
            }
            Action::Browse if !matches!(self.screen, Screen::Browser(_) | Screen::Quiz(_)) => {
                let back = std::mem::replace(&mut self.screen, Screen::Overview);
                self.screen = Screen::Browser(Box::new(BrowserState::open(back, now, &*study)));
                self.status = None;
                self.scroll = 0;
                return Effect::None;
            }
            Action::Exam if matches!(self.screen, Screen::Overview | Screen::Summary(_)) => {
                self.status = None;
                let back = std::mem::replace(&mut self.screen, Screen::Overview);
                let screen = super::exam_screen::ExamScreen::open(back, now, &*study);
                self.screen = Screen::Exam(Box::new(screen));
                return Effect::None;
            }
            Action::Cram if matches!(self.screen, Screen::Overview) => {
                if let Some(target) = super::exam_screen::overview_target(self) {
                    super::exam_screen::cram(self, &target, None, now, study);
                }
                return Effect::None;
            }
            Action::Stats | Action::Quiz | Action::Browse | Action::Exam | Action::Cram => {
                return Effect::None;
            }
            Action::Undo => {
                self.undo(now, study);
                return Effect::None;
            }
            Action::ScrollUp => {
                self.scroll_by(-1, true);
                return Effect::None;
            }
            Action::ScrollDown => {
                self.scroll_by(1, true);
                return Effect::None;
            }
            _ => {}
        }
        match &mut self.screen {
            Screen::Overview => match action {
                Action::Up => self.selected = self.selected.saturating_sub(1),
                Action::Down => {
                    self.selected =
                        (self.selected + 1).min(self.overview.decks.len().saturating_sub(1));
                }
                Action::Select | Action::Practice => {
                    if let Some(row) = self.overview.decks.get(self.selected) {
                        let scope = Scope::Deck(row.id.clone());
                        let kind = if action == Action::Practice {
                            SessionKind::Practice
                        } else {
                            SessionKind::Review
                        };
                        self.start(scope, kind, now, study);
                    }
                }
                Action::All => self.start(Scope::All, SessionKind::Review, now, study),
                Action::Back => return Effect::Quit,
                _ => {}
            },
            Screen::Browser(_) => {}
            Screen::Stats(st) => match action {
                Action::Back => {
                    match *std::mem::replace(&mut st.back, Box::new(Screen::Overview)) {
                        Screen::Overview => self.go_overview(now, study),
                        back => self.screen = back,
                    }
                }
                Action::Up | Action::Down => {
                    let max = super::layout::stats_max_scroll(st, self.size);
                    st.scroll_by(action == Action::Down, max);
                }
                _ => {}
            },
            Screen::Quiz(_) | Screen::Exam(_) => {}
            Screen::Waiting { .. } | Screen::Summary(_) => match action {
                Action::Back | Action::Select => self.leave_session(now, study),
                Action::Practice => {
                    let scope = self.session_scope.clone().unwrap_or(Scope::All);
                    self.start(scope, SessionKind::Practice, now, study);
                }
                Action::All => {
                    let reviewing = matches!(&self.screen, Screen::Waiting { .. })
                        || matches!(&self.screen, Screen::Summary(s) if s.kind == SessionKind::Review);
                    if reviewing {
                        self.review_ahead(now, study);
                    }
                }
                _ => {}
            },
            Screen::Review(r) => match r.on_action(action, tr) {
                ReviewRequest::None => {}
                ReviewRequest::Status(msg) => self.status = Some(msg.to_owned()),
                ReviewRequest::Grade(g) => self.grade(g, now, study),
                ReviewRequest::Mark(a) => {
                    let id = r.show.card.id.clone();
                    self.mark(&id, a, now, study);
                }
                ReviewRequest::Leave => self.leave_session(now, study),
                ReviewRequest::Scroll(dir) => self.scroll_by(dir, false),
                ReviewRequest::Top => self.scroll = 0,
                ReviewRequest::Edit => {
                    return match study.edit_location(&r.show.card.id) {
                        Some((path, line)) => Effect::OpenEditor(path, line),
                        None => {
                            r.confirm_copy = true;
                            self.status = Some(tr.copy_bundled_confirm().to_owned());
                            Effect::None
                        }
                    };
                }
            },
        }
        Effect::None
    }

    /// How long nothing on screen changes by itself: until a waiting
    /// screen's time, or until the quiz countdown shows the next second.
    /// `None`: only a key (or a deck change) changes anything.
    #[must_use]
    pub fn next_wake(&self, now: DateTime<Utc>) -> Option<std::time::Duration> {
        match &self.screen {
            Screen::Waiting { until } => Some((*until - now).to_std().unwrap_or_default()),
            Screen::Quiz(q) => q.next_wake(now),
            _ => None,
        }
    }

    /// The timer: a waiting session looks for its next card, a quiz applies
    /// its time limits.
    pub fn tick(&mut self, now: DateTime<Utc>, study: &mut dyn Study) {
        if let Screen::Waiting { until } = self.screen
            && now >= until
        {
            self.advance(now, study);
        }
        if let Screen::Quiz(q) = &mut self.screen {
            let mut cx = quiz_screen::Ctx {
                lang: self.lang,
                status: &mut self.status,
                size: self.size,
                overlay: self.help,
            };
            q.tick(now, study, &mut cx);
        }
    }

    /// Starts a quiz at once (`kartei quiz`); on failure the message shows on
    /// the current screen.
    pub fn start_quiz(
        &mut self,
        spec: &crate::quiz::QuizSpec,
        now: DateTime<Utc>,
        study: &mut dyn Study,
    ) {
        self.quiz_only = true;
        match QuizScreen::start(spec, self.lang, now, study) {
            Ok(q) => self.screen = Screen::Quiz(Box::new(q)),
            Err(e) => self.status = Some(e),
        }
    }

    fn after_quiz(&mut self, exit: QuizExit, now: DateTime<Utc>, study: &mut dyn Study) -> Effect {
        match exit {
            QuizExit::Stay => {}
            QuizExit::Overview if self.quiz_only => return Effect::Quit,
            QuizExit::Overview => self.go_overview(now, study),
            QuizExit::Review(cards) => {
                let results = std::mem::replace(&mut self.screen, Screen::Overview);
                self.return_to = Some(Box::new(results));
                self.start(Scope::Cards(cards), SessionKind::Mistakes, now, study);
            }
            QuizExit::Help => {
                self.help = true;
                self.scroll = 0;
            }
        }
        Effect::None
    }

    /// Called by the runtime after the editor exits: reloads the decks and
    /// shows the (possibly changed) current card again.
    pub fn after_edit(
        &mut self,
        editor: Result<(), String>,
        now: DateTime<Utc>,
        study: &mut dyn Study,
    ) {
        if let Err(e) = editor {
            self.status = Some(e);
            return;
        }
        self.reload(now, study);
    }

    fn grade(&mut self, grade: Grade, now: DateTime<Utc>, study: &mut dyn Study) {
        let Screen::Review(r) = &self.screen else {
            return;
        };
        let ms = u64::try_from((now - r.shown_at).num_milliseconds()).unwrap_or(0);
        let id = r.show.card.id.clone();
        match study.answer(&id, grade, ms, now) {
            Ok(()) => self.advance(now, study),
            Err(e) => self.status = Some(format!("{}: {e}", self.tr().not_recorded())),
        }
    }

    fn undo(&mut self, now: DateTime<Utc>, study: &mut dyn Study) {
        match study.undo(now) {
            Ok(Some(id)) => {
                let question = study
                    .card(&id, now)
                    .map_or_else(|| id.as_str().to_owned(), |c| c.card.question());
                match &self.screen {
                    Screen::Browser(_) => {}
                    _ => self.advance(now, study),
                }
                let first = question.lines().next().unwrap_or_default().to_owned();
                self.status = Some(self.tr().undone(&first));
            }
            Ok(None) => self.status = Some(self.tr().nothing_to_undo().to_owned()),
            Err(e) => self.status = Some(e),
        }
    }

    fn start(
        &mut self,
        scope: Scope,
        kind: SessionKind,
        now: DateTime<Utc>,
        study: &mut dyn Study,
    ) {
        match study.start_session(scope.clone(), kind, now) {
            Ok(()) => {
                if kind != SessionKind::Mistakes {
                    self.session_scope = Some(scope);
                }
                self.advance(now, study);
            }
            Err(e) => self.status = Some(e),
        }
    }

    /// Shows the session's next card, the waiting screen or its end. Any
    /// status message belonged to the card before and goes.
    pub(super) fn advance(&mut self, now: DateTime<Utc>, study: &mut dyn Study) {
        self.scroll = 0;
        self.status = None;
        self.screen = match study.next_card(now) {
            NextCard::Show(show) => Screen::Review(Box::new(ReviewState::new(*show, now))),
            NextCard::Wait { until } => Screen::Waiting { until },
            NextCard::Done(summary) => match self.return_to.take() {
                Some(back) => *back,
                None => Screen::Summary(summary),
            },
        };
    }

    /// Leaves the session: back to where it was started from (the quiz
    /// results after a mistakes review, else the overview).
    fn leave_session(&mut self, now: DateTime<Utc>, study: &mut dyn Study) {
        match self.return_to.take() {
            Some(back) => {
                self.screen = *back;
                self.status = None;
                self.scroll = 0;
            }
            None => self.go_overview(now, study),
        }
    }

    fn review_ahead(&mut self, now: DateTime<Utc>, study: &mut dyn Study) {
        if matches!(self.screen, Screen::Summary(_)) {
            // The finished session: start it again so cards can join.
            let scope = self.session_scope.clone().unwrap_or(Scope::All);
            if let Err(e) = study.start_session(scope, SessionKind::Review, now) {
                self.status = Some(e);
                return;
            }
        }
        if study.review_ahead(7, now) == 0 {
            self.status = Some(self.tr().nothing_ahead().to_owned());
            return;
        }
        self.advance(now, study);
    }

    /// Suspends, buries, flags or resets a card from the review screen.
    fn mark(
        &mut self,
        card: &crate::deck::CardId,
        action: MarkAction,
        now: DateTime<Utc>,
        study: &mut dyn Study,
    ) {
        let tr = self.tr();
        if let Err(e) = study.mark(card, action, now) {
            self.status = Some(format!("{}: {e}", tr.not_recorded()));
            return;
        }
        let msg = super::browser::mark_message(tr, action);
        match action {
            MarkAction::Flag | MarkAction::Unflag => {
                if let Screen::Review(r) = &mut self.screen {
                    r.show.flagged = action == MarkAction::Flag;
                }
            }
            _ => self.advance(now, study),
        }
        self.status = Some(msg.to_owned());
    }

    fn after_browser(
        &mut self,
        exit: BrowserExit,
        now: DateTime<Utc>,
        study: &mut dyn Study,
    ) -> Effect {
        match exit {
            BrowserExit::Stay => Effect::None,
            BrowserExit::Help => {
                self.help = true;
                self.scroll = 0;
                Effect::None
            }
            BrowserExit::Edit(path, line) => Effect::OpenEditor(path, line),
            BrowserExit::Undo => {
                self.undo(now, study);
                if let Screen::Browser(b) = &mut self.screen {
                    b.refresh(now, &*study);
                }
                Effect::None
            }
            BrowserExit::Back { changed } => {
                let Screen::Browser(b) = std::mem::replace(&mut self.screen, Screen::Overview)
                else {
                    return Effect::None;
                };
                self.status = None;
                self.scroll = 0;
                match *b.back {
                    Screen::Overview => self.go_overview(now, study),
                    Screen::Review(_) | Screen::Waiting { .. } if changed => {
                        self.advance(now, study);
                    }
                    back => self.screen = back,
                }
                Effect::None
            }
        }
    }

    /// True when the terminal is below the smallest usable size.
    #[must_use]
    pub fn too_small(&self) -> bool {
        self.size.0 < super::layout::MIN_SIZE.0 || self.size.1 < super::layout::MIN_SIZE.1
    }

    pub(super) fn go_overview(&mut self, now: DateTime<Utc>, study: &mut dyn Study) {
        self.screen = Screen::Overview;
        self.scroll = 0;
        self.overview = study.overview(now);
        self.selected = self
            .selected
            .min(self.overview.decks.len().saturating_sub(1));
    }

    fn scroll_by(&mut self, dir: i32, page: bool) {
        let step = if page { (self.size.1 / 2).max(1) } else { 1 };
        self.scroll = if dir < 0 {
            self.scroll.saturating_sub(step)
        } else {
            let max = super::layout::max_scroll(self);
            (self.scroll + step).min(max)
        };
    }
}
