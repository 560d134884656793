//! Drawing: reads `&App` only. The frame (header, status, key hints, help)
//! is drawn here; each screen's body by its own module.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::{App, Screen, Stage};
use super::keymap::Action;
use super::layout::{MIN_SIZE, areas, help_area};
use super::overview::render_overview;
use super::review::render_review;
use super::session_end::{render_summary, render_waiting, summary_title};
use super::text::{sanitize, truncate, width, wrap_plain};
use super::theme::Theme;
use crate::progress::Grade;
use crate::study::port::SessionKind;

/// Draws the whole interface.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let msg = app.tr().too_small_msg(MIN_SIZE, (area.width, area.height));
        let lines = wrap_plain(&msg, app.theme.wrong(), area.width as usize);
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let [header, body, grades, status, hints] = areas(app, area);
    render_header(app, frame, header);
    match &app.screen {
        Screen::Overview => render_overview(app, frame, body),
        Screen::Review(r) => render_review(app, r, frame, body, grades),
        Screen::Waiting { until } => render_waiting(app, *until, frame, body),
        Screen::Summary(s) => render_summary(app, s, frame, body),
        Screen::Stats(st) => super::stats_view::render(app, st, frame, body),
        Screen::Quiz(q) => super::quiz_view::render(app, q, frame, body),
        Screen::Browser(b) => super::browser::render(app, b, frame, body),
        Screen::Exam(e) => super::exam_screen::render(app, e, frame, body),
    }
    let status_line = app
        .status
        .as_deref()
        .map(|s| {
            Line::styled(
                truncate(&sanitize(s), status.width as usize),
                app.theme.status(),
            )
        })
        .unwrap_or_default();
    frame.render_widget(Paragraph::new(status_line), status);
    let hints_text = match &app.screen {
        Screen::Quiz(q) => super::quiz_view::hints_line(app, q, hints.width as usize),
        _ => hints_line(app, hints.width as usize),
    };
    frame.render_widget(Paragraph::new(hints_text), hints);
    if app.help {
        render_help(app, frame, area);
    }
}

fn render_header(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let (title, right): (String, Line<'_>) = match &app.screen {
        Screen::Overview => (tr.decks().to_owned(), Line::default()),
        Screen::Review(r) => {
            let c = r.show.remaining;
            let kind = match r.show.kind {
                SessionKind::Review => String::new(),
                SessionKind::Practice => format!("{} · ", tr.practice_title()),
                SessionKind::Mistakes => format!("{} · ", tr.mistakes_title()),
                SessionKind::Cram => format!("{} · ", tr.cram_title()),
            };
            let right = if r.show.kind == SessionKind::Review {
                Line::from(vec![
                    Span::styled(format!("{} {}", tr.new_word(), c.new), t.new_count()),
                    Span::raw(" · "),
                    Span::styled(format!("{} {}", tr.learning(), c.learning), t.learn_count()),
                    Span::raw(" · "),
                    Span::styled(format!("{} {}", tr.due(), c.review), t.due_count()),
                ])
            } else {
                Line::styled(format!("{} {}", c.total(), tr.left_word()), t.due_count())
            };
            (format!("{kind}{}", sanitize(&r.show.deck_name)), right)
        }
        Screen::Waiting { .. } => (tr.waiting().to_owned(), Line::default()),
        Screen::Summary(s) => (summary_title(app, s).to_owned(), Line::default()),
        Screen::Stats(_) => (
            super::stats_view::screen_title(app).to_owned(),
            Line::default(),
        ),
        Screen::Quiz(q) => (super::quiz_view::title(app, q), Line::default()),
        Screen::Browser(b) => (super::browser::title(app, b), Line::default()),
        Screen::Exam(e) => (super::exam_screen::title(app, e), Line::default()),
    };
    let [top, bar] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let right_w = u16::try_from(right.width()).unwrap_or(0).min(top.width / 2);
    let [left_a, right_a] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_w)]).areas(top);
    let left = Line::from(vec![
        Span::styled("kartei", t.title()),
        Span::raw(" · "),
        Span::styled(
            truncate(&title, left_a.width.saturating_sub(9) as usize),
            Style::new().add_modifier(Modifier::BOLD),
        ),
    ]);
    frame.render_widget(Paragraph::new(left), left_a);
    frame.render_widget(Paragraph::new(right), right_a);
    // Second row: the session progress bar and tags, or a rule.
    let second = match &app.screen {
        Screen::Review(r) => {
            let done = r.show.progress.done;
            let total = r.show.progress.total.max(done);
            let flag = if r.show.flagged {
                format!(" ⚑ {}", app.tr().flag_mark())
            } else {
                String::new()
            };
            let label = format!(" {done}/{total}{flag}");
            let tags = if r.show.card.tags.is_empty() {
                String::new()
            } else {
                format!("  #{}", sanitize(&r.show.card.tags.join(" #")))
            };
            let tags = truncate(&tags, (bar.width as usize) / 2);
            let bar_w = (bar.width as usize)
                .saturating_sub(width(&label) + width(&tags))
                .max(4);
            let filled = (bar_w * done as usize)
                .checked_div(total as usize)
                .unwrap_or(0);
            Line::from(vec![
                Span::styled("█".repeat(filled), t.gauge()),
                Span::styled("░".repeat(bar_w - filled), t.dim()),
                Span::raw(label),
                Span::styled(tags, t.dim()),
            ])
        }
        _ => Line::styled("─".repeat(bar.width as usize), t.dim()),
    };
    frame.render_widget(Paragraph::new(second), bar);
}

pub(super) fn local_time(app: &App, at: DateTime<Utc>, with_date: bool) -> String {
    let local = at.with_timezone(&app.offset);
    if with_date {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%H:%M").to_string()
    }
}

/// The actions that mean something on the current screen, in help order.
fn screen_actions(app: &App) -> Vec<Action> {
    use crate::progress::Grade as G;
    use Action::*;
    match &app.screen {
        Screen::Overview => vec![
            Up, Down, Select, All, Practice, Browse, Stats, Quiz, Exam, Cram, Help, Back, Quit,
        ],
        Screen::Review(r) => {
            let mut v = vec![Reveal, Select];
            if r.show.card.hint.is_some() {
                v.push(Hint);
            }
            v.extend([
                Grade(G::Again),
                Grade(G::Hard),
                Grade(G::Good),
                Grade(G::Easy),
                Undo,
                Edit,
                Suspend,
                Bury,
                Flag,
                Reset,
                ScrollUp,
                ScrollDown,
                Browse,
                Stats,
                Quiz,
                Help,
                Back,
                Quit,
            ]);
            v
        }
        Screen::Waiting { .. } => vec![All, Practice, Undo, Browse, Stats, Quiz, Help, Back, Quit],
        Screen::Summary(s) if s.kind == SessionKind::Review => {
            vec![Practice, All, Undo, Browse, Stats, Quiz, Help, Back, Quit]
        }
        Screen::Summary(_) => vec![Practice, Undo, Browse, Stats, Quiz, Help, Back, Quit],
        Screen::Stats(_) => vec![Up, Down, Help, Back, Quit],
        Screen::Quiz(_) => vec![Help, Quit],
        Screen::Browser(_) => vec![Up, Down, ScrollUp, ScrollDown, Help, Back, Quit],
        Screen::Exam(_) => vec![Up, Down, Help, Back, Quit],
    }
}

/// What an action does on the current screen.
fn action_text(app: &App, a: Action) -> String {
    let tr = app.tr();
    match (&app.screen, a) {
        (Screen::Waiting { .. } | Screen::Summary(_), Action::All) => tr.act_ahead().to_owned(),
        (Screen::Waiting { .. } | Screen::Summary(_), Action::Select) => {
            tr.back_to_overview().to_owned()
        }
        (Screen::Overview, Action::Select) => tr.act_open_deck().to_owned(),
        _ => tr.action(a).to_owned(),
    }
}

pub(super) fn help_lines(app: &App) -> Vec<Line<'static>> {
    let t = app.theme;
    let tr = app.tr();
    let mut rows: Vec<(String, String)> = screen_actions(app)
        .into_iter()
        .map(|a| (app.keymap.label(a), action_text(app, a)))
        .collect();
    if let Screen::Stats(_) = &app.screen {
        rows.splice(0..0, super::stats_view::help_rows(app));
    }
    if let Screen::Quiz(q) = &app.screen {
        rows.splice(0..0, super::quiz_view::key_rows(app, q));
    }
    if let Screen::Browser(b) = &app.screen {
        rows.splice(0..0, super::browser::help_rows(app, b));
    }
    if let Screen::Exam(e) = &app.screen {
        rows.splice(0..0, super::exam_screen::help_rows(app, e));
    }
    if let Screen::Review(r) = &app.screen {
        if !r.ticked.is_empty() {
            let last = char::from(b'a' + u8::try_from((r.ticked.len() - 1) % 26).unwrap_or(0));
            rows.insert(0, (format!("a–{last}"), tr.select_options().to_owned()));
        }
        if r.is_typed() {
            rows.insert(0, ("Enter".to_owned(), tr.type_answer().to_owned()));
            rows.insert(1, ("←/→".to_owned(), tr.text_keys().to_owned()));
        }
    }
    let key_w = rows
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(20);
    rows.into_iter()
        .map(|(k, d)| {
            let pad = key_w.saturating_sub(width(&k));
            Line::from(vec![
                Span::styled(format!("{k}{}", " ".repeat(pad)), t.key()),
                Span::raw("  "),
                Span::raw(d),
            ])
        })
        .collect()
}

fn render_help(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let popup = help_area(area);
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" {} ", app.tr().help_title()))
        .title_bottom(format!(" {} ", app.keymap.label(Action::Back)));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let lines = help_lines(app);
    let max = lines.len().saturating_sub(inner.height as usize);
    let scroll = (app.scroll as usize).min(max);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()),
        inner,
    );
}

/// The bottom line: the main keys of the current screen, from the key map.
fn hints_line(app: &App, w: usize) -> Line<'static> {
    let t = app.theme;
    let tr = app.tr();
    let km = &app.keymap;
    let mut items: Vec<(String, String)> = Vec::new();
    // Offered after help and back, where room is left.
    let mut extras: Vec<(String, String)> = Vec::new();
    let grade_keys: Vec<String> = Grade::ALL
        .iter()
        .map(|g| km.first(Action::Grade(*g)))
        .collect();
    let grade_keys = grade_keys.join("/");
    // Short descriptions: the part before any parenthesis.
    let key = |a: Action, text: &str| (km.first(a), text.to_owned());
    match &app.screen {
        Screen::Overview => {
            items.push(key(Action::Select, tr.short_open()));
            items.push(key(Action::All, tr.action(Action::All)));
            items.push(key(Action::Stats, tr.action(Action::Stats)));
            items.push(key(Action::Quiz, tr.action(Action::Quiz)));
            extras.push(key(Action::Practice, tr.practice_title()));
            extras.push(key(Action::Browse, tr.browser_title()));
            if app.overview.exam.is_some() {
                items.insert(2, key(Action::Exam, tr.short_exam()));
            }
        }
        Screen::Review(r) => {
            match r.stage {
                Stage::Question if r.is_typed() => {
                    items.push(key(Action::Select, tr.short_confirm()));
                }
                Stage::Question if !r.ticked.is_empty() => {
                    let last =
                        char::from(b'a' + u8::try_from((r.ticked.len() - 1) % 26).unwrap_or(0));
                    items.push((format!("a–{last}"), tr.select_options().to_owned()));
                    items.push(key(Action::Select, tr.short_confirm()));
                }
                Stage::Question => items.push(key(Action::Reveal, tr.short_reveal())),
                Stage::Answer if r.pending.is_some() => {
                    items.push(key(Action::Select, tr.short_confirm()));
                    items.push((grade_keys.clone(), tr.grade_word().to_owned()));
                }
                Stage::Answer => items.push((grade_keys.clone(), tr.grade_word().to_owned())),
            }
            if r.show.card.hint.is_some() && !r.show_hint {
                if r.is_typed() && r.stage == Stage::Question {
                    // Letters go into the answer field: the Ctrl binding works.
                    let ctrl = app
                        .keymap
                        .keys(Action::Hint)
                        .iter()
                        .find(|k| k.ctrl)
                        .map(|k| app.keymap.name(k));
                    if let Some(k) = ctrl {
                        items.push((k, tr.hint().to_owned()));
                    }
                } else {
                    items.push(key(Action::Hint, tr.hint()));
                }
            }
        }
        Screen::Stats(_) => items.extend(super::stats_view::hints(app)),
        Screen::Browser(b) => items.extend(super::browser::hints(app, b)),
        Screen::Exam(e) => items.extend(super::exam_screen::hints(app, e)),
        Screen::Waiting { .. } => {
            items.push(key(Action::All, tr.short_ahead()));
            items.push(key(Action::Practice, tr.practice_title()));
        }
        Screen::Summary(s) => {
            items.push(key(Action::Practice, tr.practice_title()));
            if s.kind == SessionKind::Review {
                items.push(key(Action::All, tr.short_ahead()));
            }
            items.push(key(Action::Select, tr.back_to_overview()));
        }
        Screen::Quiz(_) => {}
    }
    // While an answer is typed, letters go into the field: only Esc (back)
    // and the control keys work, so only those are offered.
    let typing =
        matches!(&app.screen, Screen::Review(r) if r.stage == Stage::Question && r.is_typed());
    if typing {
        items.insert(1, ("Esc".to_owned(), tr.action(Action::Back).to_owned()));
    } else {
        if !matches!(
            app.screen,
            Screen::Overview | Screen::Stats(_) | Screen::Browser(_) | Screen::Exam(_)
        ) {
            items.push(key(Action::Undo, tr.short_undo()));
        }
        items.push(key(Action::Help, tr.action(Action::Help)));
        items.push(key(Action::Back, tr.action(Action::Back)));
    }
    items.extend(extras);
    fitted_hints(t, items, w)
}

/// A hints line of `(key, description)` items, as many as fit in `w`
/// columns, in order.
pub(super) fn fitted_hints(
    t: Theme,
    items: impl IntoIterator<Item = (String, String)>,
    w: usize,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, d) in items {
        let item_w = width(&k) + 1 + width(&d) + 2;
        if used + item_w > w {
            break;
        }
        used += item_w;
        spans.push(Span::styled(k, t.key()));
        spans.push(Span::styled(format!(" {d}  "), t.dim()));
    }
    Line::from(spans)
}
