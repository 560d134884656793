//! The exam screen (`g`): the next exam (or each exam in turn) with the
//! expected recall on the day, per deck and tag, today's plan and the
//! weakest cards; `c` crams the exam's cards. Its state, keys, hints, help
//! and drawing live together here, with the overview's exam line.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Effect, Screen};
use super::keymap::Action;
use super::text::{sanitize, truncate, width};
use crate::i18n::Tr;
use crate::study::exam_port::{CramTarget, ExamGroup, ExamView};
use crate::study::port::Study;

/// What the exam screen asks the app to do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExamExit {
    Stay,
    Back,
    Help,
    Cram(CramTarget),
}

/// The exam screen's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamScreen {
    /// The exams from today on, next first.
    pub exams: Vec<ExamView>,
    /// The exam on show.
    pub index: usize,
    /// Lines scrolled.
    pub scroll: u16,
    /// The screen to return to.
    pub back: Box<Screen>,
}

impl ExamScreen {
    /// Opens the screen on the next exam.
    #[must_use]
    pub fn open(back: Screen, now: DateTime<Utc>, study: &dyn Study) -> Self {
        Self {
            exams: study.exams(now),
            index: 0,
            scroll: 0,
            back: Box::new(back),
        }
    }

    /// The exam on show.
    #[must_use]
    pub fn current(&self) -> Option<&ExamView> {
        self.exams.get(self.index)
    }

    /// How far the body can scroll in a terminal of `size`.
    #[must_use]
    pub fn max_scroll(&self, size: (u16, u16)) -> u16 {
        let lines = self.current().map_or(4, |e| {
            let plan = usize::from(e.days_left > 0);
            let weakest = if e.weakest.is_empty() {
                0
            } else {
                2 + e.weakest.len()
            };
            let tags = if e.tags.is_empty() {
                0
            } else {
                2 + e.tags.len()
            };
            3 + plan + 2 + e.decks.len() + weakest + tags
        });
        // Header (2), status and hints lines.
        let body = usize::from(size.1.saturating_sub(4));
        u16::try_from(lines.saturating_sub(body)).unwrap_or(u16::MAX)
    }

    /// Handles one key: back, help, cram, next/previous exam, scrolling
    /// (within what a terminal of `size` shows).
    pub fn handle_key(
        &mut self,
        key: &KeyEvent,
        action: Option<Action>,
        size: (u16, u16),
    ) -> ExamExit {
        match action {
            Some(Action::Back) => return ExamExit::Back,
            Some(Action::Help) => return ExamExit::Help,
            Some(Action::Cram | Action::Select) => {
                if let Some(e) = self.current() {
                    return ExamExit::Cram(CramTarget::Exam(e.name.clone()));
                }
            }
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(self.max_scroll(size)),
            _ => match key.code {
                KeyCode::Right | KeyCode::Char('n') | KeyCode::Tab if !self.exams.is_empty() => {
                    self.index = (self.index + 1) % self.exams.len();
                    self.scroll = 0;
                }
                KeyCode::Left | KeyCode::Char('p') if !self.exams.is_empty() => {
                    self.index = (self.index + self.exams.len() - 1) % self.exams.len();
                    self.scroll = 0;
                }
                _ => {}
            },
        }
        ExamExit::Stay
    }
}

/// Carries out what the screen asked for.
pub(super) fn after(
    app: &mut App,
    exit: ExamExit,
    now: DateTime<Utc>,
    study: &mut dyn Study,
) -> Effect {
    match exit {
        ExamExit::Stay => {}
        ExamExit::Help => {
            app.help = true;
            app.scroll = 0;
        }
        ExamExit::Back => {
            let Screen::Exam(e) = std::mem::replace(&mut app.screen, Screen::Overview) else {
                return Effect::None;
            };
            app.status = None;
            match *e.back {
                Screen::Overview => app.go_overview(now, study),
                back => app.screen = back,
            }
        }
        ExamExit::Cram(target) => cram(app, &target, None, now, study),
    }
    Effect::None
}

/// Starts a cram session over `target` and shows its first card.
pub fn cram(
    app: &mut App,
    target: &CramTarget,
    count: Option<usize>,
    now: DateTime<Utc>,
    study: &mut dyn Study,
) {
    match study.start_cram(target, count, now) {
        Ok(()) => {
            app.return_to = None;
            app.advance(now, study);
        }
        Err(e) => app.status = Some(e),
    }
}

/// What the cram key crams from the overview: the next exam, else the
/// selected deck.
#[must_use]
pub fn overview_target(app: &App) -> Option<CramTarget> {
    if let Some(e) = &app.overview.exam {
        return Some(CramTarget::Exam(e.name.clone()));
    }
    app.overview
        .decks
        .get(app.selected)
        .map(|d| CramTarget::Decks(vec![d.id.clone()]))
}

/// The screen title.
#[must_use]
pub fn title(app: &App, st: &ExamScreen) -> String {
    let base = Tr(app.lang).exam_exam();
    match st.current() {
        Some(e) if st.exams.len() > 1 => format!(
            "{base} {}/{}: {}",
            st.index + 1,
            st.exams.len(),
            sanitize(&e.name)
        ),
        Some(e) => format!("{base}: {}", sanitize(&e.name)),
        None => base.to_owned(),
    }
}

/// The overview's line about the next exam.
#[must_use]
pub fn overview_line(app: &App, e: &ExamView, w: usize) -> Line<'static> {
    let t = app.theme;
    let lang = app.lang;
    let text = format!(
        "{} {} · {} · {} {}",
        sanitize(&e.name),
        Tr(lang).date(e.date),
        Tr(lang).exam_in_days(e.days_left),
        Tr(lang).exam_expected_recall(),
        Tr(lang).share(e.expected_recall),
    );
    let label = format!("{}: ", Tr(lang).exam_exam());
    let key = format!(
        "  ({} {})",
        app.keymap.first(Action::Exam),
        Tr(lang).exam_details()
    );
    let room = w.saturating_sub(width(&label));
    let body = truncate(&text, room);
    let mut spans = vec![Span::styled(label, t.dim()), Span::raw(body.clone())];
    if width(&body) + width(&key) <= room {
        spans.push(Span::styled(key, t.dim()));
    }
    Line::from(spans)
}

fn group_lines(
    app: &App,
    heading: &str,
    groups: &[ExamGroup],
    w: usize,
    out: &mut Vec<Line<'static>>,
) {
    let t = app.theme;
    let lang = app.lang;
    let cols = [
        Tr(lang).exam_cards(),
        Tr(lang).exam_unstudied(),
        Tr(lang).exam_recall(),
    ];
    let col_w: Vec<usize> = cols.iter().map(|c| width(c).max(6)).collect();
    let name_w = w
        .saturating_sub(col_w.iter().map(|c| c + 1).sum::<usize>())
        .max(8);
    let mut head = format!("{:<name_w$}", truncate(heading, name_w));
    for (c, cw) in cols.iter().zip(&col_w) {
        head.push_str(&format!(" {c:>cw$}"));
    }
    out.push(Line::styled(head, t.dim()));
    for g in groups {
        let name = truncate(&sanitize(&g.name), name_w);
        let pad = name_w.saturating_sub(width(&name));
        out.push(Line::from(vec![
            Span::raw(format!("{name}{}", " ".repeat(pad))),
            Span::raw(format!(
                " {:>w0$} {:>w1$} ",
                g.cards,
                g.unstudied,
                w0 = col_w[0],
                w1 = col_w[1]
            )),
            Span::styled(
                format!("{:>w2$}", Tr(lang).share(g.expected_recall), w2 = col_w[2]),
                recall_style(app, g.expected_recall),
            ),
        ]));
    }
}

fn recall_style(app: &App, r: f64) -> Style {
    if r >= 0.9 {
        app.theme.right()
    } else if r < 0.7 {
        app.theme.wrong()
    } else {
        Style::new()
    }
}

/// The body lines for one exam.
fn exam_lines(app: &App, e: &ExamView, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let lang = app.lang;
    let mut out = vec![Line::from(vec![
        Span::styled(sanitize(&e.name), Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(format!(
            " · {} · {}",
            Tr(lang).date(e.date),
            Tr(lang).exam_in_days(e.days_left)
        )),
    ])];
    let label = Tr(lang).exam_expected_recall_on_the_day();
    out.push(Line::from(vec![
        Span::styled(format!("{label} "), t.dim()),
        Span::styled(
            super::overview::mastery_bar(e.expected_recall, 10),
            t.gauge(),
        ),
        Span::styled(
            format!(" {}", Tr(lang).share(e.expected_recall)),
            recall_style(app, e.expected_recall).add_modifier(Modifier::BOLD),
        ),
    ]));
    out.push(Line::raw(Tr(lang).exam_cards_line(e.cards, e.unstudied)));
    if e.days_left > 0 {
        out.push(Line::from(vec![
            Span::styled(format!("{}: ", Tr(lang).exam_today()), t.dim()),
            Span::raw(Tr(lang).exam_today_line(
                e.plan.new_today,
                e.plan.reviews_today,
                e.plan.minutes_today,
            )),
        ]));
    }
    out.push(Line::default());
    group_lines(app, Tr(lang).exam_deck(), &e.decks, w, &mut out);
    if !e.weakest.is_empty() {
        out.push(Line::default());
        out.push(Line::styled(
            Tr(lang).exam_weakest_cards_recall_on_the(),
            t.dim(),
        ));
        for (q, r) in &e.weakest {
            let p = format!("{:>5}  ", Tr(lang).share(*r));
            let q = truncate(&sanitize(q), w.saturating_sub(width(&p)));
            out.push(Line::from(vec![
                Span::styled(p, recall_style(app, *r)),
                Span::raw(q),
            ]));
        }
    }
    if !e.tags.is_empty() {
        out.push(Line::default());
        group_lines(app, Tr(lang).exam_tag(), &e.tags, w, &mut out);
    }
    out
}

/// Draws the screen into `area`.
pub fn render(app: &App, st: &ExamScreen, frame: &mut Frame<'_>, area: Rect) {
    let w = area.width as usize;
    let lines = match st.current() {
        Some(e) => exam_lines(app, e, w),
        None => vec![
            Line::raw(Tr(app.lang).exam_no_exam_ahead()),
            Line::default(),
            Line::styled(Tr(app.lang).exam_add_one_on_the_command(), app.theme.dim()),
            Line::raw(format!("  {}", Tr(app.lang).exam_add_syntax())),
        ],
    };
    let max = lines.len().saturating_sub(area.height as usize);
    let skip = (st.scroll as usize).min(max);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        area,
    );
}

/// The hints line's items.
#[must_use]
pub fn hints(app: &App, st: &ExamScreen) -> Vec<(String, String)> {
    let km = &app.keymap;
    let lang = app.lang;
    let mut items = Vec::new();
    if st.current().is_some() {
        items.push((km.first(Action::Cram), Tr(lang).exam_cram().to_owned()));
    }
    if st.exams.len() > 1 {
        items.push(("→".to_owned(), Tr(lang).exam_next_exam().to_owned()));
    }
    items
}

/// The screen's own rows for the help.
#[must_use]
pub fn help_rows(app: &App, st: &ExamScreen) -> Vec<(String, String)> {
    let lang = app.lang;
    let mut rows = vec![(
        format!(
            "{} / {}",
            app.keymap.label(Action::Cram),
            app.keymap.label(Action::Select)
        ),
        Tr(lang).exam_cram_this_exam_s_cards().to_owned(),
    )];
    if st.exams.len() > 1 {
        rows.push((
            "→ n / ← p".to_owned(),
            Tr(lang).exam_next_previous_exam().to_owned(),
        ));
    }
    rows
}
