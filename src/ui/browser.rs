//! The card browser (`/`): every card, searchable, filtered by state and
//! sorted; one card with its full history; suspend, bury, flag, reset and
//! edit from here. Its state, its keys, its hints and help and its drawing
//! live together in this module.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Screen, TextInput};
use super::i18n::Tr;
use super::keymap::{Action, KeyMap};
use super::quiz_screen::Ctx;
use super::text::{sanitize, truncate, width, wrap_plain};
use crate::progress::{MarkAction, Mode};
use crate::study::browse::{
    BrowseQuery, BrowseRow, BrowseSort, CardDetail, CardStatus, StateFilter,
};
use crate::study::port::Study;

/// What the browser asks the app to do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserExit {
    Stay,
    /// Leave; `changed` when a card was marked (the screen behind must be
    /// refreshed).
    Back {
        changed: bool,
    },
    Help,
    Undo,
    Edit(PathBuf, u32),
}

/// The browser's state.
#[derive(Debug, Clone, PartialEq)]
pub struct BrowserState {
    pub query: BrowseQuery,
    /// The search field.
    pub input: TextInput,
    /// Keys go into the search field.
    pub searching: bool,
    pub rows: Vec<BrowseRow>,
    pub selected: usize,
    /// The first row shown.
    pub offset: usize,
    /// The card shown in full, if any.
    pub detail: Option<CardDetail>,
    /// "Forget this card's progress?" is being asked.
    pub confirm_reset: bool,
    /// A card was marked since the browser opened.
    pub changed: bool,
    /// The screen to return to.
    pub back: Box<Screen>,
}

impl BrowserState {
    /// Opens the browser over every card.
    #[must_use]
    pub fn open(back: Screen, now: DateTime<Utc>, study: &dyn Study) -> Self {
        let query = BrowseQuery::default();
        let rows = study.browse(&query, now);
        Self {
            query,
            input: TextInput::default(),
            searching: false,
            rows,
            selected: 0,
            offset: 0,
            detail: None,
            confirm_reset: false,
            changed: false,
            back: Box::new(back),
        }
    }

    /// Runs the query again (after a mark or an undo), keeping the
    /// selected card where it still matches.
    pub fn refresh(&mut self, now: DateTime<Utc>, study: &dyn Study) {
        let keep = self.rows.get(self.selected).map(|r| r.id.clone());
        self.query.text.clone_from(&self.input.text);
        self.rows = study.browse(&self.query, now);
        self.selected = keep
            .and_then(|id| self.rows.iter().position(|r| r.id == id))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
        if let Some(d) = &self.detail {
            self.detail = study.card_detail(&d.row.id, now);
        }
    }

    fn selected_id(&self) -> Option<crate::deck::CardId> {
        match &self.detail {
            Some(d) => Some(d.row.id.clone()),
            None => self.rows.get(self.selected).map(|r| r.id.clone()),
        }
    }

    /// Handles one key (key releases are filtered by the app).
    pub fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        now: DateTime<Utc>,
        study: &mut dyn Study,
        cx: &mut Ctx<'_>,
    ) -> BrowserExit {
        let tr = Tr(cx.lang);
        let status = &mut *cx.status;
        if self.confirm_reset {
            self.confirm_reset = false;
            *status = None;
            if matches!(key.code, KeyCode::Char('y' | 'Y' | 'j' | 'J')) {
                return self.mark(MarkAction::Reset, now, study, tr, status);
            }
            return BrowserExit::Stay;
        }
        if self.searching {
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match key.code {
                KeyCode::Char(c) if plain => self.input.insert(c),
                KeyCode::Backspace => self.input.backspace(),
                KeyCode::Delete => self.input.delete(),
                KeyCode::Left => self.input.cursor = self.input.cursor.saturating_sub(1),
                KeyCode::Right => {
                    self.input.cursor =
                        (self.input.cursor + 1).min(self.input.text.chars().count());
                }
                KeyCode::Enter | KeyCode::Esc => self.searching = false,
                _ => return BrowserExit::Stay,
            }
            self.selected = 0;
            self.offset = 0;
            self.refresh(now, study);
            return BrowserExit::Stay;
        }
        match action {
            Some(Action::Back) => {
                if self.detail.take().is_none() {
                    return BrowserExit::Back {
                        changed: self.changed,
                    };
                }
            }
            Some(Action::Help) => return BrowserExit::Help,
            Some(Action::Browse) if self.detail.is_none() => self.searching = true,
            Some(Action::Up) if self.detail.is_none() => {
                self.selected = self.selected.saturating_sub(1);
            }
            Some(Action::Down) if self.detail.is_none() => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
            }
            Some(Action::ScrollUp) if self.detail.is_none() => {
                self.selected = self.selected.saturating_sub(10);
            }
            Some(Action::ScrollDown) if self.detail.is_none() => {
                self.selected = (self.selected + 10).min(self.rows.len().saturating_sub(1));
            }
            Some(Action::Select) => {
                if let Some(id) = self.selected_id() {
                    self.detail = study.card_detail(&id, now);
                }
            }
            Some(Action::Undo) => return BrowserExit::Undo,
            Some(Action::Edit) => {
                if let Some(id) = self.selected_id() {
                    match study.edit_location(&id) {
                        Some((path, line)) => return BrowserExit::Edit(path, line),
                        None => *status = Some(tr.bundled_no_edit().to_owned()),
                    }
                }
            }
            Some(Action::Suspend) => {
                let suspended = self
                    .current_row()
                    .is_some_and(|r| r.status == CardStatus::Suspended);
                let a = if suspended {
                    MarkAction::Unsuspend
                } else {
                    MarkAction::Suspend
                };
                return self.mark(a, now, study, tr, status);
            }
            Some(Action::Bury) => {
                let buried = self
                    .current_row()
                    .is_some_and(|r| r.status == CardStatus::Buried);
                let a = if buried {
                    MarkAction::Unbury
                } else {
                    MarkAction::Bury
                };
                return self.mark(a, now, study, tr, status);
            }
            Some(Action::Flag) => {
                let flagged = self.current_row().is_some_and(|r| r.flagged);
                let a = if flagged {
                    MarkAction::Unflag
                } else {
                    MarkAction::Flag
                };
                return self.mark(a, now, study, tr, status);
            }
            Some(Action::Reset) if self.current_row().is_some() => {
                self.confirm_reset = true;
                *status = Some(tr.reset_confirm().to_owned());
            }
            _ => match key.code {
                KeyCode::Tab | KeyCode::Char('v') if self.detail.is_none() => {
                    self.query.state = next_filter(self.query.state);
                    self.selected = 0;
                    self.refresh(now, study);
                }
                KeyCode::Char('o') if self.detail.is_none() => {
                    self.query.sort = self.query.sort.next();
                    self.selected = 0;
                    self.refresh(now, study);
                }
                _ => {}
            },
        }
        BrowserExit::Stay
    }

    fn current_row(&self) -> Option<&BrowseRow> {
        match &self.detail {
            Some(d) => Some(&d.row),
            None => self.rows.get(self.selected),
        }
    }

    fn mark(
        &mut self,
        action: MarkAction,
        now: DateTime<Utc>,
        study: &mut dyn Study,
        tr: Tr,
        status: &mut Option<String>,
    ) -> BrowserExit {
        let Some(id) = self.selected_id() else {
            return BrowserExit::Stay;
        };
        match study.mark(&id, action, now) {
            Ok(()) => {
                self.changed = true;
                *status = Some(mark_message(tr, action).to_owned());
            }
            Err(e) => *status = Some(e),
        }
        self.refresh(now, study);
        BrowserExit::Stay
    }
}

/// The confirmation shown after a mark.
pub(super) fn mark_message(tr: Tr, action: MarkAction) -> &'static str {
    match action {
        MarkAction::Suspend => tr.suspended_msg(),
        MarkAction::Unsuspend => tr.unsuspended_msg(),
        MarkAction::Bury => tr.buried_msg(),
        MarkAction::Unbury => tr.unburied_msg(),
        MarkAction::Flag => tr.flagged_msg(),
        MarkAction::Unflag => tr.unflagged_msg(),
        MarkAction::Reset => tr.reset_msg(),
    }
}

fn next_filter(f: Option<StateFilter>) -> Option<StateFilter> {
    match f {
        None => Some(StateFilter::ALL[0]),
        Some(f) => {
            let i = StateFilter::ALL.iter().position(|x| *x == f).unwrap_or(0);
            StateFilter::ALL.get(i + 1).copied()
        }
    }
}

fn status_word(tr: Tr, s: CardStatus) -> &'static str {
    match s {
        CardStatus::Suspended => tr.st_suspended(),
        CardStatus::Buried => tr.st_buried(),
        CardStatus::New => tr.st_new(),
        CardStatus::Learning => tr.st_learning(),
        CardStatus::Due => tr.st_due(),
        CardStatus::Review => tr.st_review(),
    }
}

fn filter_word(tr: Tr, f: Option<StateFilter>) -> &'static str {
    match f {
        None => tr.all_states(),
        Some(StateFilter::New) => tr.st_new(),
        Some(StateFilter::Learning) => tr.st_learning(),
        Some(StateFilter::Due) => tr.st_due(),
        Some(StateFilter::Suspended) => tr.st_suspended(),
        Some(StateFilter::Buried) => tr.st_buried(),
        Some(StateFilter::Flagged) => tr.flag_mark(),
    }
}

fn sort_word(tr: Tr, s: BrowseSort) -> &'static str {
    match s {
        BrowseSort::Deck => tr.sort_deck(),
        BrowseSort::Due => tr.sort_due(),
        BrowseSort::Difficulty => tr.sort_difficulty(),
        BrowseSort::Lapses => tr.sort_lapses(),
    }
}

fn mode_word(tr: Tr, m: Mode) -> &'static str {
    match m {
        Mode::Review => tr.mode_review(),
        Mode::Quiz => tr.mode_quiz(),
        Mode::Practice => tr.mode_practice(),
        Mode::Cram => tr.mode_cram(),
    }
}

/// The screen title.
#[must_use]
pub fn title(app: &App, st: &BrowserState) -> String {
    let tr = app.tr();
    format!("{} ({})", tr.browser_title(), st.rows.len())
}

/// Draws the browser into `area`.
pub fn render(app: &App, st: &BrowserState, frame: &mut Frame<'_>, area: Rect) {
    if let Some(d) = &st.detail {
        render_detail(app, d, frame, area);
        return;
    }
    let t = app.theme;
    let tr = app.tr();
    let w = area.width as usize;
    let search = format!(
        "/ {}{}",
        sanitize(&st.input.text),
        if st.searching { "▏" } else { "" }
    );
    let filters = format!(
        "{}: {} · {}: {}",
        tr.filter_word(),
        filter_word(tr, st.query.state),
        tr.sort_word(),
        sort_word(tr, st.query.sort)
    );
    let gap = w.saturating_sub(width(&search) + width(&filters) + 2);
    let mut lines = vec![Line::from(vec![
        Span::styled(
            truncate(&search, w.saturating_sub(width(&filters) + 2)),
            if st.searching { t.selected() } else { t.key() },
        ),
        Span::raw(" ".repeat(gap + 1)),
        Span::styled(filters, t.dim()),
    ])];
    let list_h = (area.height as usize).saturating_sub(1);
    if st.rows.is_empty() {
        lines.push(Line::styled(tr.no_cards_match().to_owned(), t.dim()));
    }
    // Keep the selection in view.
    let offset = if st.selected < st.offset {
        st.selected
    } else if st.selected >= st.offset + list_h {
        st.selected + 1 - list_h
    } else {
        st.offset
    };
    let status_w = 12;
    let deck_w = (w / 4).clamp(8, 24);
    for (i, row) in st.rows.iter().enumerate().skip(offset).take(list_h) {
        let selected = i == st.selected;
        let style = if selected { t.selected() } else { Style::new() };
        let flag = if row.flagged { "⚑" } else { " " };
        let status = truncate(status_word(tr, row.status), status_w - 1);
        let deck = truncate(&sanitize(&row.deck_name), deck_w - 1);
        let q_w = w.saturating_sub(2 + 2 + status_w + deck_w);
        let question = truncate(&sanitize(&row.question), q_w);
        let pad = |s: &str, n: usize| format!("{s}{}", " ".repeat(n.saturating_sub(width(s))));
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, style),
            Span::styled(format!("{flag} "), t.wrong().patch(style)),
            Span::styled(pad(&status, status_w), t.dim().patch(style)),
            Span::styled(pad(&deck, deck_w), t.dim().patch(style)),
            Span::styled(question, style),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_detail(app: &App, d: &CardDetail, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let w = area.width.saturating_sub(2) as usize;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line<'static>> = Vec::new();
    lines.extend(wrap_plain(&sanitize(&d.row.question), bold, w));
    lines.extend(wrap_plain(&sanitize(&d.answer), t.answer(), w));
    let local = |at: DateTime<Utc>| tr.date_time(at, app.offset);
    let pct = |r: f64| tr.share(r);
    let mut facts = vec![format!(
        "{}{}",
        status_word(tr, d.row.status),
        if d.row.flagged {
            format!(" · ⚑ {}", tr.flag_mark())
        } else {
            String::new()
        }
    )];
    match d.recall_now {
        Some(r) => facts.push(format!("{} {}", tr.recall_now(), pct(r))),
        None => facts.push(tr.never_studied().to_owned()),
    }
    if let Some(due) = d.row.due {
        facts.push(format!("{} {}", tr.due_word(), local(due)));
    }
    if let Some(s) = d.stability {
        facts.push(format!("{} {s:.1} d", tr.stability_word()));
    }
    if let Some(x) = d.row.difficulty {
        facts.push(format!("{} {x:.1}", tr.difficulty_word()));
    }
    facts.push(format!("{} {}", tr.lapses_word(), d.row.lapses));
    lines.push(Line::default());
    lines.extend(wrap_plain(&facts.join(" · "), t.dim(), w));
    if !d.tags.is_empty() {
        lines.push(Line::styled(
            truncate(&format!("#{}", sanitize(&d.tags.join(" #"))), w),
            t.dim(),
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("{} ({})", tr.history_word(), d.history.len()),
        t.title(),
    ));
    for h in d.history.iter().rev() {
        let interval = h.interval_days.map_or_else(
            || "–".to_owned(),
            |days| {
                crate::scheduler::format_interval(chrono::Duration::seconds(
                    (days * 86_400.0) as i64,
                ))
            },
        );
        lines.push(Line::from(vec![
            Span::raw(format!("{}  ", local(h.at))),
            Span::styled(format!("{:<12}", mode_word(tr, h.mode)), t.dim()),
            Span::raw(format!("{:<8}", tr.grade(h.grade))),
            Span::styled(interval, t.dim()),
        ]));
    }
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let scroll = app.scroll;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// The key hints for the bottom line.
#[must_use]
pub fn hints(app: &App, st: &BrowserState) -> Vec<(String, String)> {
    let tr = app.tr();
    let km: &KeyMap = &app.keymap;
    if st.searching {
        return vec![("Enter".to_owned(), tr.search_keys().to_owned())];
    }
    let k = |a: Action, d: &str| (km.first(a), d.to_owned());
    let mut items = Vec::new();
    if st.detail.is_none() {
        items.push(k(Action::Select, tr.open_card()));
        items.push(k(Action::Browse, tr.search_word()));
        items.push(("Tab".to_owned(), tr.filter_word().to_owned()));
        items.push(("o".to_owned(), tr.sort_word().to_owned()));
    }
    items.push(k(Action::Suspend, tr.do_suspend()));
    items.push(k(Action::Bury, tr.do_bury()));
    items.push(k(Action::Flag, tr.do_flag()));
    items
}

/// The browser's rows for the help popup (key, what it does).
#[must_use]
pub fn help_rows(app: &App, st: &BrowserState) -> Vec<(String, String)> {
    let tr = app.tr();
    let km = &app.keymap;
    let mut rows = Vec::new();
    if st.detail.is_none() {
        rows.push((km.label(Action::Browse), tr.search_keys().to_owned()));
        rows.push(("Tab, v".to_owned(), tr.cycle_state().to_owned()));
        rows.push(("o".to_owned(), tr.cycle_sort().to_owned()));
        rows.push((km.label(Action::Select), tr.open_card().to_owned()));
    }
    for a in [
        Action::Suspend,
        Action::Bury,
        Action::Flag,
        Action::Reset,
        Action::Edit,
        Action::Undo,
    ] {
        rows.push((km.label(a), tr.action(a).to_owned()));
    }
    rows
}
