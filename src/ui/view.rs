//! Drawing: reads `&App` only.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::{App, ReviewState, Screen, Stage};
use super::keymap::Action;
use super::text::{sanitize, truncate, width, wrap_plain, wrap_spans};
use super::theme::Theme;
use super::typed::{Mark, Outcome};
use crate::deck::{CardContent, ClozeSegment};
use crate::progress::Grade;
use crate::study::port::{SessionKind, SessionSummary};

/// The smallest usable terminal.
pub const MIN_SIZE: (u16, u16) = (60, 16);

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

/// Header, body, grade bar, status and hints rows.
fn areas(app: &App, area: Rect) -> [Rect; 5] {
    let grade_rows = match &app.screen {
        Screen::Review(r) if r.is_typed() && r.stage == Stage::Question => 3,
        Screen::Review(r) if r.stage == Stage::Answer => 1,
        _ => 0,
    };
    Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(grade_rows),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// How far the current body (or help) can scroll at the app's size.
#[must_use]
pub fn max_scroll(app: &App) -> u16 {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    if app.help {
        let popup = help_area(area);
        let lines = help_lines(app).len();
        return u16::try_from(lines.saturating_sub(popup.height.saturating_sub(2) as usize))
            .unwrap_or(u16::MAX);
    }
    let [_, body, ..] = areas(app, area);
    match &app.screen {
        Screen::Review(r) => {
            let lines = review_lines(app, r, body.width.saturating_sub(2) as usize).len();
            u16::try_from(lines.saturating_sub(body.height as usize)).unwrap_or(u16::MAX)
        }
        _ => 0,
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
            (
                format!("{kind}{}", sanitize(&r.show.deck_name)),
                Line::from(vec![
                    Span::styled(format!("{} {}", tr.new_word(), c.new), t.new_count()),
                    Span::raw(" · "),
                    Span::styled(format!("{} {}", tr.learning(), c.learning), t.learn_count()),
                    Span::raw(" · "),
                    Span::styled(format!("{} {}", tr.due(), c.review), t.due_count()),
                ]),
            )
        }
        Screen::Waiting { .. } => (tr.waiting().to_owned(), Line::default()),
        Screen::Summary(_) => (tr.summary().to_owned(), Line::default()),
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

/// A mastery bar `width` cells wide using eighth blocks.
pub(super) fn mastery_bar(share: f64, cells: usize) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let share = if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    };
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let eighths = (share * (cells * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    if eighths / 8 < cells {
        let rest = cells - eighths / 8;
        if !eighths.is_multiple_of(8) {
            s.push(PARTS[eighths % 8]);
            s.push_str(&"░".repeat(rest - 1));
        } else {
            s.push_str(&"░".repeat(rest));
        }
    }
    s
}

fn render_overview(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let ov = &app.overview;
    let w = area.width as usize;
    let mut lines: Vec<Line<'_>> = Vec::new();
    if ov.decks.is_empty() {
        lines.extend(wrap_plain(tr.no_decks(), Style::new(), w));
    } else {
        // name | new | learn | due | total | mastery
        let nums = [tr.new_word(), tr.learning(), tr.due(), tr.total()];
        let num_w: Vec<usize> = nums.iter().map(|n| width(n).max(5)).collect();
        let bar_cells = 10;
        let mastery_w = bar_cells + 5;
        let fixed: usize = num_w.iter().map(|n| n + 1).sum::<usize>() + mastery_w + 1 + 2;
        let name_w = w.saturating_sub(fixed).max(8);
        let mut head = format!("  {:<name_w$}", tr.deck());
        for (n, nw) in nums.iter().zip(&num_w) {
            head.push_str(&format!(" {n:>nw$}"));
        }
        head.push_str(&format!(" {}", tr.mastery()));
        lines.push(Line::styled(head, t.dim()));
        for (i, row) in ov.decks.iter().enumerate() {
            let sel = i == app.selected;
            let name = truncate(&sanitize(&row.name), name_w);
            let pad = name_w.saturating_sub(width(&name));
            let base = if sel { t.selected() } else { Style::new() };
            let vals = [row.new, row.learning, row.due, row.total];
            let styles = [t.new_count(), t.learn_count(), t.due_count(), Style::new()];
            let mut spans = vec![
                Span::styled(if sel { "▶ " } else { "  " }, base),
                Span::styled(format!("{name}{}", " ".repeat(pad)), base),
            ];
            for ((v, nw), st) in vals.iter().zip(&num_w).zip(styles) {
                spans.push(Span::styled(format!(" {v:>nw$}"), base.patch(st)));
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let pct = (row.mastery.clamp(0.0, 1.0) * 100.0).round() as u32;
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(
                mastery_bar(row.mastery, bar_cells),
                base.patch(t.gauge()),
            ));
            spans.push(Span::styled(format!(" {pct:>3}%"), base));
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled(format!("{}: ", tr.today()), t.dim()),
        Span::raw(format!(
            "{} {}",
            ov.reviewed_today,
            tr.reviewed().to_lowercase()
        )),
        Span::styled(format!(" · {}: ", tr.streak()), t.dim()),
        Span::raw(format!("{} {}", ov.streak_days, tr.days())),
    ]));
    if let Some(exam) = &ov.exam {
        lines.push(super::exam_screen::overview_line(app, exam, w));
    }
    if !ov.status.is_empty() {
        lines.push(Line::default());
        for msg in &ov.status {
            lines.extend(wrap_plain(&format!("! {msg}"), t.status(), w));
        }
    }
    // Keep the selected row visible.
    let skip = (app.selected + 2).saturating_sub(area.height as usize);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        area,
    );
}

fn label(text: &str, style: Style) -> Line<'static> {
    Line::styled(text.to_owned(), style)
}

/// The body of a review screen, wrapped at `w` columns.
#[allow(clippy::too_many_lines)]
fn review_lines(app: &App, r: &ReviewState, w: usize) -> Vec<Line<'static>> {
    let t = app.theme;
    let tr = app.tr();
    let card = &r.show.card;
    let answered = r.stage == Stage::Answer;
    let mut out: Vec<Line<'static>> = Vec::new();
    out.push(label(tr.question(), t.dim()));
    match &card.content {
        CardContent::Basic { front, back, .. } => {
            out.extend(wrap_plain(
                front,
                Style::new().add_modifier(Modifier::BOLD),
                w,
            ));
            if answered && !r.is_typed() {
                out.push(Line::default());
                out.push(label(tr.answer(), t.dim()));
                out.extend(wrap_plain(back, t.answer(), w));
            }
        }
        CardContent::Cloze { segments, active } => {
            let mut pieces = Vec::new();
            let mut gap = 0;
            for seg in segments {
                match seg {
                    ClozeSegment::Text(s) => pieces.push((s.clone(), Style::new())),
                    ClozeSegment::Gap { answer, hint } => {
                        if gap == *active {
                            if answered {
                                pieces.push((answer.clone(), t.answer()));
                            } else {
                                let shown = format!("[{}]", hint.as_deref().unwrap_or("…"));
                                pieces.push((shown, t.key()));
                            }
                        } else {
                            pieces.push((answer.clone(), Style::new()));
                        }
                        gap += 1;
                    }
                }
            }
            out.extend(wrap_spans(&pieces, w));
        }
        CardContent::Choice {
            front,
            choices,
            answer,
        } => {
            out.extend(wrap_plain(
                front,
                Style::new().add_modifier(Modifier::BOLD),
                w,
            ));
            out.push(Line::default());
            for (i, choice) in choices.iter().enumerate() {
                let letter = char::from(b'a' + u8::try_from(i % 26).unwrap_or(0));
                let ticked = r.ticked.get(i).copied().unwrap_or(false);
                let tick = if ticked { "[x]" } else { "[ ]" };
                let (mark, style) = if answered {
                    if answer.contains(&i) {
                        ("✓ ", t.right())
                    } else if ticked {
                        ("✗ ", t.wrong())
                    } else {
                        ("  ", Style::new())
                    }
                } else {
                    ("", Style::new())
                };
                let prefix = format!("{letter}) {tick} {mark}");
                let indent = width(&prefix);
                let wrapped = wrap_plain(choice, style, w.saturating_sub(indent).max(1));
                for (j, line) in wrapped.into_iter().enumerate() {
                    let mut spans = vec![if j == 0 {
                        Span::styled(prefix.clone(), if answered { style } else { t.key() })
                    } else {
                        Span::raw(" ".repeat(indent))
                    }];
                    spans.extend(line.spans);
                    out.push(Line::from(spans));
                }
            }
            if answered {
                out.push(Line::default());
                let right = r.choice_right();
                out.push(if right {
                    Line::styled(format!("✓ {}", tr.right()), t.right())
                } else {
                    Line::styled(format!("✗ {}", tr.wrong()), t.wrong())
                });
            }
        }
        CardContent::List {
            front,
            items,
            ordered,
        } => {
            out.extend(wrap_plain(
                front,
                Style::new().add_modifier(Modifier::BOLD),
                w,
            ));
            out.push(Line::default());
            let shown = if r.is_typed() {
                if answered { items.len() } else { 0 }
            } else {
                r.revealed
            };
            for (i, item) in items.iter().enumerate() {
                let bullet = if *ordered {
                    format!("{}. ", i + 1)
                } else {
                    "• ".to_owned()
                };
                let mark = r
                    .feedback
                    .as_ref()
                    .and_then(|f| f.items.get(i))
                    .map(|(_, ok)| if *ok { "✓ " } else { "✗ " })
                    .unwrap_or("");
                let text = if i < shown { item.as_str() } else { "…" };
                let style = if i < shown { t.answer() } else { t.dim() };
                let prefix = format!("{bullet}{mark}");
                let indent = width(&prefix);
                for (j, line) in wrap_plain(text, style, w.saturating_sub(indent).max(1))
                    .into_iter()
                    .enumerate()
                {
                    let mut spans = vec![Span::raw(if j == 0 {
                        prefix.clone()
                    } else {
                        " ".repeat(indent)
                    })];
                    spans.extend(line.spans);
                    out.push(Line::from(spans));
                }
            }
            if !r.is_typed() && !answered {
                out.push(Line::styled(
                    format!("({}/{})", r.revealed, items.len()),
                    t.dim(),
                ));
            }
        }
    }
    if r.show_hint
        && let Some(hint) = &card.hint
    {
        out.push(Line::default());
        out.extend(wrap_plain(&format!("{}: {hint}", tr.hint()), t.key(), w));
    }
    if let Some(fb) = &r.feedback {
        out.push(Line::default());
        if !fb.diff.is_empty() {
            let mut pieces = vec![(format!("{}: ", tr.your_answer()), t.dim())];
            for (mark, text) in &fb.diff {
                let style = match mark {
                    Mark::Same => t.right(),
                    Mark::Missing => t.answer(),
                    Mark::Extra | Mark::Changed => t.wrong().add_modifier(Modifier::CROSSED_OUT),
                };
                let text = if *mark == Mark::Missing {
                    format!("({text})")
                } else {
                    text.clone()
                };
                pieces.push((text, style));
            }
            out.extend(wrap_spans(&pieces, w));
        }
        if fb.items.is_empty() {
            out.extend(wrap_spans(
                &[
                    (format!("{}: ", tr.expected(),), t.dim()),
                    (card.answer(), t.answer()),
                ],
                w,
            ));
        }
        let (sym, text, style) = match fb.outcome {
            Outcome::Right => ("✓", tr.right(), t.right()),
            Outcome::Close => ("≈", tr.close(), t.key()),
            Outcome::Wrong => ("✗", tr.wrong(), t.wrong()),
        };
        out.push(Line::styled(format!("{sym} {text}"), style));
    }
    if answered {
        if let Some(ex) = &card.explain {
            out.push(Line::default());
            out.push(label(tr.explain(), t.dim()));
            out.extend(wrap_plain(ex, Style::new(), w));
        }
        if let Some(src) = &card.source {
            out.extend(wrap_plain(&format!("{}: {src}", tr.source()), t.dim(), w));
        }
    }
    out
}

fn render_review(app: &App, r: &ReviewState, frame: &mut Frame<'_>, body: Rect, grades: Rect) {
    let t = app.theme;
    let inner = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    let lines = review_lines(app, r, inner.width as usize);
    let max = lines.len().saturating_sub(inner.height as usize);
    let scroll = (app.scroll as usize).min(max);
    let more_below = scroll < max;
    let visible: Vec<Line<'_>> = lines
        .into_iter()
        .skip(scroll)
        .take(inner.height as usize)
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
    if scroll > 0 {
        frame.render_widget(
            Paragraph::new(Line::styled("↑", t.dim())),
            Rect {
                x: body.right() - 1,
                width: 1,
                height: 1,
                ..body
            },
        );
    }
    if more_below {
        frame.render_widget(
            Paragraph::new(Line::styled("↓", t.dim())),
            Rect {
                x: body.right() - 1,
                y: body.bottom() - 1,
                width: 1,
                height: 1,
            },
        );
    }
    if grades.height == 0 {
        return;
    }
    if r.stage == Stage::Question {
        // The answer field of a typed card.
        let block = Block::new()
            .borders(Borders::ALL)
            .title(format!(" {} ", app.tr().type_answer()))
            .border_style(t.dim());
        let field = block.inner(grades);
        frame.render_widget(block, grades);
        let fw = field.width.saturating_sub(1) as usize;
        let before: String = r.input.text.chars().take(r.input.cursor).collect();
        // Scroll the field horizontally so the cursor stays visible.
        let mut skip = 0;
        while width(&before.chars().skip(skip).collect::<String>()) > fw {
            skip += 1;
        }
        let shown: String = sanitize(&r.input.text.chars().skip(skip).collect::<String>());
        frame.render_widget(Paragraph::new(truncate(&shown, fw + 1)), field);
        let cx = width(&before.chars().skip(skip).collect::<String>());
        frame.set_cursor_position(Position::new(
            field.x + u16::try_from(cx).unwrap_or(0),
            field.y,
        ));
        return;
    }
    let tr = app.tr();
    let mut spans = Vec::new();
    for (i, g) in Grade::ALL.into_iter().enumerate() {
        let key = app.keymap.first(Action::Grade(g));
        let chosen = r.pending == Some(g);
        let style = if chosen { t.selected() } else { Style::new() };
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(if chosen { "▶" } else { " " }, style));
        spans.push(Span::styled(key, t.key().patch(style)));
        let label = &r.show.labels[i];
        let text = if label.is_empty() {
            format!(" {}", tr.grade(g))
        } else {
            format!(" {} · {}", tr.grade(g), sanitize(label))
        };
        spans.push(Span::styled(text, style));
    }
    let hint = format!("  ({})", tr.suggested());
    let used: usize = spans.iter().map(Span::width).sum();
    if r.pending.is_some()
        && r.pending == r.suggested
        && used + width(&hint) <= grades.width as usize
    {
        spans.push(Span::styled(hint, t.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), grades);
}

fn local_time(app: &App, at: DateTime<Utc>, with_date: bool) -> String {
    let local = at.with_timezone(&app.offset);
    if with_date {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%H:%M").to_string()
    }
}

fn render_waiting(app: &App, until: DateTime<Utc>, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let km = &app.keymap;
    let lines = vec![
        Line::default(),
        Line::styled(
            tr.waiting().to_owned(),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Line::raw(tr.next_at(&local_time(app, until, false))),
        Line::default(),
        Line::styled(tr.waiting_offer().to_owned(), t.dim()),
        Line::from(vec![
            Span::styled(km.first(Action::All), t.key()),
            Span::raw(format!(" {}", tr.act_ahead())),
        ]),
        Line::from(vec![
            Span::styled(km.first(Action::Practice), t.key()),
            Span::raw(format!(" {}", tr.act_practice())),
        ]),
        Line::from(vec![
            Span::styled(km.first(Action::Back), t.key()),
            Span::raw(format!(" {}", tr.back_to_overview())),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines).centered(), area);
}

fn render_summary(app: &App, s: &SessionSummary, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let km = &app.keymap;
    let pct = (u64::from(s.correct) * 100)
        .checked_div(u64::from(s.reviewed))
        .unwrap_or(0);
    let secs = s.time_spent.as_secs();
    let time = if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{}:{:02}", secs / 60, secs % 60)
    };
    let next = s
        .next_due
        .map_or_else(|| tr.nothing_due().to_owned(), |d| local_time(app, d, true));
    let row = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{k:<16}"), t.dim()),
            Span::styled(v, Style::new().add_modifier(Modifier::BOLD)),
        ])
    };
    let title = match (s.kind, s.reviewed) {
        (SessionKind::Review, 0) => tr.nothing_now(),
        (SessionKind::Review, _) => tr.summary(),
        _ => tr.practice_done(),
    };
    let mut lines = vec![
        Line::default(),
        Line::styled(format!("✓ {title}"), t.title()),
        Line::default(),
    ];
    if s.reviewed > 0 {
        lines.push(row(tr.reviewed(), s.reviewed.to_string()));
        lines.push(row(
            tr.correct(),
            format!("{pct} % ({}/{})", s.correct, s.reviewed),
        ));
        lines.push(row(tr.time_spent(), time));
    }
    lines.push(row(tr.next_due(), next));
    lines.push(Line::default());
    let w = area.width.saturating_sub(2) as usize;
    lines.extend(wrap_plain(tr.finished_offer(), t.dim(), w));
    lines.push(Line::from(vec![
        Span::styled(km.first(Action::Practice), t.key()),
        Span::raw(format!(" {}", tr.act_practice())),
    ]));
    if s.kind == SessionKind::Review {
        lines.push(Line::from(vec![
            Span::styled(km.first(Action::All), t.key()),
            Span::raw(format!(" {}", tr.act_ahead())),
        ]));
    }
    let inner = Rect {
        x: area.x + 2,
        width: area.width.saturating_sub(2),
        ..area
    };
    frame.render_widget(Paragraph::new(lines), inner);
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
        _ => tr.action(a).to_owned(),
    }
}

fn help_lines(app: &App) -> Vec<Line<'static>> {
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

fn help_area(area: Rect) -> Rect {
    let w = area.width.saturating_sub(8).min(70);
    let h = area.height.saturating_sub(4);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
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
    let key = |a: Action, text: &str| {
        (
            km.first(a),
            text.split(" (").next().unwrap_or(text).to_owned(),
        )
    };
    match &app.screen {
        Screen::Overview => {
            items.push(key(
                Action::Select,
                tr.action(Action::Select).split(" /").next().unwrap_or(""),
            ));
            items.push(key(Action::All, tr.action(Action::All)));
            items.push(key(Action::Stats, tr.action(Action::Stats)));
            items.push(key(Action::Quiz, tr.action(Action::Quiz)));
            extras.push(key(Action::Practice, tr.practice_title()));
            extras.push(key(Action::Browse, tr.browser_title()));
            if app.overview.exam.is_some() {
                items.insert(2, key(Action::Exam, tr.action(Action::Exam)));
            }
        }
        Screen::Review(r) => {
            match r.stage {
                Stage::Question if r.is_typed() => items.push(key(
                    Action::Select,
                    tr.action(Action::Select).rsplit("/ ").next().unwrap_or(""),
                )),
                Stage::Question if !r.ticked.is_empty() => {
                    let last =
                        char::from(b'a' + u8::try_from((r.ticked.len() - 1) % 26).unwrap_or(0));
                    items.push((format!("a–{last}"), tr.select_options().to_owned()));
                    items.push(key(
                        Action::Select,
                        tr.action(Action::Select).rsplit("/ ").next().unwrap_or(""),
                    ));
                }
                Stage::Question => items.push(key(Action::Reveal, tr.action(Action::Reveal))),
                Stage::Answer if r.pending.is_some() => {
                    items.push(key(
                        Action::Select,
                        tr.action(Action::Select).rsplit("/ ").next().unwrap_or(""),
                    ));
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
                        .map(|k| k.to_string());
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
            items.push(key(Action::All, tr.act_ahead()));
            items.push(key(Action::Practice, tr.practice_title()));
        }
        Screen::Summary(s) => {
            items.push(key(Action::Practice, tr.practice_title()));
            if s.kind == SessionKind::Review {
                items.push(key(Action::All, tr.act_ahead()));
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
            items.push(key(
                Action::Undo,
                tr.action(Action::Undo).split(" (").next().unwrap_or(""),
            ));
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
