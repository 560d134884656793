//! Drawing the quiz screens: setup, the running quiz with its countdowns,
//! and the results. Reads state only.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::app::App;
use super::quiz_screen::{QuizScreen, ResultsState, RunState, SetupRow, SetupState};
use super::text::{sanitize, width, wrap_plain, wrap_spans};
use super::theme::Theme;
use crate::i18n::{Lang, Tr};
use crate::quiz::{Form, GRADE_SCALE, PASS_PERCENT, QuestionForm, format_grade};

/// Time elapsed, in whole seconds rounded down (countdowns use [`clock`],
/// which rounds up).
#[must_use]
pub fn elapsed(d: Duration) -> String {
    clock(Duration::from_secs(d.as_secs()))
}

/// `m:ss` (or `h:mm:ss`), rounding up so `0:00` means time is up.
#[must_use]
pub fn clock(d: Duration) -> String {
    let secs = d.as_millis().div_ceil(1000);
    let secs = u64::try_from(secs).unwrap_or(u64::MAX);
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

fn form_name(lang: Lang, form: Form) -> &'static str {
    match form {
        Form::Choice => Tr(lang).quiz_multiple_choice(),
        Form::Typed => Tr(lang).quiz_typed_answer(),
        Form::Flip => Tr(lang).quiz_flip_card_self_graded(),
    }
}

/// The header title of a quiz screen.
#[must_use]
pub fn title(app: &App, q: &QuizScreen) -> String {
    let lang = app.lang;
    match q {
        QuizScreen::Setup(_) => Tr(lang).quiz_quiz_setup().to_owned(),
        QuizScreen::Running(run) => {
            let n = run.quiz.questions().len();
            let i = (run.quiz.position() + 1).min(n);
            format!("{} {i}/{n}", Tr(lang).quiz_quiz_question())
        }
        QuizScreen::Results(_) => Tr(lang).quiz_quiz_results().to_owned(),
    }
}

/// Draws the body of a quiz screen.
pub fn render(app: &App, q: &QuizScreen, frame: &mut Frame<'_>, area: Rect) {
    let inner = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    match q {
        QuizScreen::Setup(s) => render_setup(app, s, frame, inner),
        QuizScreen::Running(run) => render_running(app, run, frame, inner),
        QuizScreen::Results(r) => {
            let lines = results_lines(app.lang, app.theme, r, inner.width as usize);
            let max = lines.len().saturating_sub(inner.height as usize);
            let scroll = (r.scroll as usize).min(max);
            let visible: Vec<Line<'_>> = lines
                .into_iter()
                .skip(scroll)
                .take(inner.height as usize)
                .collect();
            frame.render_widget(Paragraph::new(visible), inner);
            if scroll < max {
                frame.render_widget(
                    Paragraph::new(Line::styled("↓", app.theme.dim())),
                    Rect::new(area.right() - 1, area.bottom() - 1, 1, 1),
                );
            }
        }
    }
}

/// The width of the setup's label column: the longest label of the
/// language, plus two spaces.
fn setup_label_width(tr: Tr) -> usize {
    [
        tr.quiz_questions(),
        tr.quiz_time_limit(),
        tr.quiz_time(),
        tr.quiz_schedule(),
        tr.quiz_cards(),
        tr.quiz_forms(),
        tr.quiz_decks_none_all(),
        tr.quiz_tags_none_all(),
    ]
    .iter()
    .map(|l| width(l))
    .max()
    .unwrap_or(0)
        + 2
}

fn setup_row_line(
    app: &App,
    s: &SetupState,
    row: SetupRow,
    selected: bool,
    label_w: usize,
) -> Line<'static> {
    let t = app.theme;
    let lang = app.lang;
    let tick = |on: bool| if on { "[x] " } else { "[ ] " };
    let (label, value): (&str, String) = match row {
        SetupRow::Count => (Tr(lang).quiz_questions(), format!("◀ {} ▶", s.setup.count)),
        SetupRow::Mode => (
            Tr(lang).quiz_time_limit(),
            if s.total_mode() {
                Tr(lang).quiz_for_the_whole_quiz().to_owned()
            } else {
                Tr(lang).quiz_per_question().to_owned()
            },
        ),
        SetupRow::Time => (Tr(lang).quiz_time(), format!("◀ {} ▶", s.time_text())),
        SetupRow::Reschedule => (
            Tr(lang).quiz_schedule(),
            if s.setup.reschedule {
                Tr(lang).quiz_answers_count_wrong_forgotten().to_owned()
            } else {
                Tr(lang).quiz_left_alone().to_owned()
            },
        ),
        SetupRow::Cards => (
            Tr(lang).quiz_cards(),
            if s.setup.studied_only {
                Tr(lang).quiz_only_those_studied_before().to_owned()
            } else {
                Tr(lang).quiz_all_in_scope_studied_or().to_owned()
            },
        ),
        SetupRow::Form(f) => (
            if f == Form::ALL[0] {
                Tr(lang).quiz_forms()
            } else {
                ""
            },
            format!("{}{}", tick(s.has_form(f)), form_name(lang, f)),
        ),
        SetupRow::Deck(i) => (
            if i == 0 {
                Tr(lang).quiz_decks_none_all()
            } else {
                ""
            },
            format!(
                "{}{}",
                tick(s.setup.decks.contains(&s.decks[i].0)),
                sanitize(&s.decks[i].1)
            ),
        ),
        SetupRow::Tag(i) => (
            if i == 0 {
                Tr(lang).quiz_tags_none_all()
            } else {
                ""
            },
            format!(
                "{}#{}",
                tick(s.setup.tags.contains(&s.tags[i])),
                sanitize(&s.tags[i])
            ),
        ),
    };
    let base = if selected { t.selected() } else { Style::new() };
    Line::from(vec![
        Span::styled(if selected { "▶ " } else { "  " }, base),
        Span::styled(
            format!(
                "{label}{}",
                " ".repeat(label_w.saturating_sub(width(label)))
            ),
            t.dim(),
        ),
        Span::styled(value, base),
    ])
}

fn render_setup(app: &App, s: &SetupState, frame: &mut Frame<'_>, area: Rect) {
    let rows = s.rows();
    let label_w = setup_label_width(Tr(app.lang));
    let mut lines: Vec<Line<'_>> = rows
        .iter()
        .enumerate()
        .map(|(i, &row)| setup_row_line(app, s, row, i == s.row, label_w))
        .collect();
    lines.insert(
        0,
        Line::styled(
            Tr(app.lang).quiz_exam_conditions_no_feedback_until(),
            app.theme.dim(),
        ),
    );
    lines.insert(1, Line::default());
    let height = area.height as usize;
    let skip = (s.row + 3).saturating_sub(height);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()),
        area,
    );
}

/// A countdown bar: the filled part is the time left.
fn gauge(theme: Theme, label: &str, left: Duration, limit: Duration, w: usize) -> Line<'static> {
    let label = format!("{label:<9}");
    let time = format!(" {}", clock(left));
    let cells = w.saturating_sub(width(&label) + width(&time)).max(4);
    let share = if limit.is_zero() {
        0.0
    } else {
        (left.as_secs_f64() / limit.as_secs_f64()).clamp(0.0, 1.0)
    };
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let filled = ((share * cells as f64).ceil() as usize).min(cells);
    let style = if share < 0.2 {
        theme.wrong()
    } else {
        theme.gauge()
    };
    Line::from(vec![
        Span::styled(label, theme.dim()),
        Span::styled("█".repeat(filled), style),
        Span::styled("░".repeat(cells - filled), theme.dim()),
        Span::styled(time, Style::new().add_modifier(Modifier::BOLD)),
    ])
}

fn render_running(app: &App, run: &RunState, frame: &mut Frame<'_>, area: Rect) {
    let now = run.now;
    let t = app.theme;
    let lang = app.lang;
    let w = area.width as usize;
    let rem = run.quiz.remaining(now);
    let mut gauges = Vec::new();
    if let (Some(left), Some(limit)) = (rem.quiz, rem.quiz_limit) {
        gauges.push(gauge(t, Tr(lang).quiz_quiz(), left, limit, w));
    }
    if let (Some(left), Some(limit)) = (rem.question, rem.question_limit) {
        gauges.push(gauge(t, Tr(lang).quiz_question(), left, limit, w));
    }
    let typed = run.form() == Some(Form::Typed) && !run.quiz.is_paused();
    let [top, body, field] = Layout::vertical([
        Constraint::Length(u16::try_from(gauges.len()).unwrap_or(0) + 1),
        Constraint::Min(1),
        Constraint::Length(if typed { 3 } else { 0 }),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(gauges), top);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if run.quiz.is_paused() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("⏸ {}", Tr(lang).quiz_paused()),
            Style::new().add_modifier(Modifier::BOLD),
        ));
        lines.extend(wrap_plain(
            Tr(lang).quiz_the_question_is_hidden_and(),
            t.dim(),
            w,
        ));
        frame.render_widget(Paragraph::new(lines).centered(), body);
    } else if let Some(q) = run.quiz.current() {
        lines.extend(wrap_plain(
            &q.prompt,
            Style::new().add_modifier(Modifier::BOLD),
            w,
        ));
        lines.push(Line::default());
        match &q.form {
            QuestionForm::Choice { options, .. } => {
                for (i, opt) in options.iter().enumerate() {
                    let letter = char::from(b'a' + u8::try_from(i % 26).unwrap_or(0));
                    let ticked = run.ticked.get(i).copied().unwrap_or(false);
                    let prefix = format!("{letter}) {} ", if ticked { "[x]" } else { "[ ]" });
                    let indent = width(&prefix);
                    for (j, line) in wrap_plain(opt, Style::new(), w.saturating_sub(indent).max(1))
                        .into_iter()
                        .enumerate()
                    {
                        let mut spans = vec![if j == 0 {
                            Span::styled(prefix.clone(), t.key())
                        } else {
                            Span::raw(" ".repeat(indent))
                        }];
                        spans.extend(line.spans);
                        lines.push(Line::from(spans));
                    }
                }
            }
            QuestionForm::Typed(crate::quiz::TypedAnswer::List { items, .. }) => {
                lines.push(Line::styled(Tr(lang).list_items_hint(items.len()), t.dim()));
            }
            QuestionForm::Typed(_) => {}
            QuestionForm::Flip => {
                if run.flipped {
                    lines.push(Line::styled(Tr(lang).quiz_answer().to_owned(), t.dim()));
                    lines.extend(wrap_plain(&q.expected, t.answer(), w));
                    lines.push(Line::default());
                    lines.push(Line::styled(
                        Tr(lang).quiz_did_you_know_it_y().to_owned(),
                        t.key(),
                    ));
                } else {
                    lines.push(Line::styled(
                        Tr(lang).quiz_answer_in_your_head_then().to_owned(),
                        t.dim(),
                    ));
                }
            }
        }
        if let Some(hint) = &q.hint {
            lines.push(Line::default());
            lines.extend(wrap_plain(
                &format!("{}: {hint}", Tr(lang).quiz_hint()),
                t.dim(),
                w,
            ));
        }
        frame.render_widget(Paragraph::new(lines), body);
    }
    if typed {
        super::review::render_input(
            frame,
            field,
            Tr(lang).quiz_your_answer_enter_submits(),
            &run.input,
            t,
        );
    }
    if run.confirm_abandon {
        let text = Tr(lang).quiz_abandon_the_quiz_answers_so();
        let pw = area.width.min(60);
        let lines = wrap_plain(text, Style::new(), pw.saturating_sub(2) as usize);
        let ph = u16::try_from(lines.len()).unwrap_or(1) + 2;
        let popup = Rect::new(
            area.x + (area.width - pw) / 2,
            area.y + area.height.saturating_sub(ph) / 2,
            pw,
            ph.min(area.height),
        );
        frame.render_widget(Clear, popup);
        let block = Block::new().borders(Borders::ALL).border_style(t.wrong());
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// A score like `14` or `14,5` (German) / `14.5`.
fn points(lang: Lang, v: f64) -> String {
    Tr(lang).short_num(v, 2)
}

/// A quiz percentage to a tenth: `87.5%` / `87,5 %`, `90%` / `90 %`.
fn percent_points(lang: Lang, v: f64) -> String {
    Tr(lang).short_percent(v, 1)
}

/// The results body, wrapped at `w` columns.
#[must_use]
pub fn results_lines(lang: Lang, t: Theme, r: &ResultsState, w: usize) -> Vec<Line<'static>> {
    let res = &r.results;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let row = |k: &str, v: String, style: Style| {
        Line::from(vec![
            Span::styled(format!("{k:<14}"), t.dim()),
            Span::styled(v, style),
        ])
    };
    let mut out = Vec::new();
    let passed = res.percent + 1e-9 >= PASS_PERCENT;
    out.push(row(
        Tr(lang).quiz_score(),
        format!(
            "{}/{} · {}",
            points(lang, res.score),
            points(lang, res.max),
            percent_points(lang, res.percent)
        ),
        bold,
    ));
    if res.abandoned {
        // An abandoned quiz is not graded.
        out.push(row(
            Tr(lang).quiz_grade(),
            Tr(lang).quiz_none_abandoned().to_owned(),
            t.wrong(),
        ));
    } else {
        out.push(row(
            Tr(lang).quiz_grade(),
            format!(
                "{} ({})",
                format_grade(res.grade),
                if passed {
                    Tr(lang).quiz_passed()
                } else {
                    Tr(lang).quiz_not_passed()
                }
            ),
            if passed { t.right() } else { t.wrong() },
        ));
    }
    // Whole seconds elapsed, as `kartei quiz --history` shows them.
    let mut time = elapsed(res.duration);
    if res.timed_out > 0 {
        time.push_str(&Tr(lang).quiz_timed_out(res.timed_out));
    }
    out.push(row(Tr(lang).quiz_time(), time, Style::new()));
    if res.abandoned {
        out.push(row("", Tr(lang).quiz_abandoned().to_owned(), t.wrong()));
    }
    let breakdown = |rows: &[(String, u32, u32)], names: bool| -> String {
        rows.iter()
            .map(|(k, right, total)| {
                let name = if names {
                    r.deck_names.get(k).cloned().unwrap_or_else(|| k.clone())
                } else {
                    format!("#{k}")
                };
                format!("{}: {right}/{total}", sanitize(&name))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let indent = 14;
    let block = |out: &mut Vec<Line<'static>>, k: &str, text: String| {
        for (i, line) in wrap_plain(&text, Style::new(), w.saturating_sub(indent).max(1))
            .into_iter()
            .enumerate()
        {
            let mut spans = vec![Span::styled(
                format!("{:<indent$}", if i == 0 { k } else { "" }),
                t.dim(),
            )];
            spans.extend(line.spans);
            out.push(Line::from(spans));
        }
    };
    out.push(Line::default());
    block(
        &mut out,
        Tr(lang).quiz_by_deck(),
        breakdown(&res.per_deck, true),
    );
    if !res.per_tag.is_empty() {
        block(
            &mut out,
            Tr(lang).quiz_by_tag(),
            breakdown(&res.per_tag, false),
        );
    }
    let scale = GRADE_SCALE
        .iter()
        .map(|(min, g)| {
            if *min > 0.0 {
                format!("{}\u{a0}≥{min:.0}\u{a0}%", format_grade(*g))
            } else {
                format!("{}\u{a0}<{PASS_PERCENT:.0}\u{a0}%", format_grade(*g))
            }
        })
        .collect::<Vec<_>>()
        .join(" · ");
    block(&mut out, Tr(lang).quiz_scale(), scale);
    out.push(Line::default());
    if res.mistakes.is_empty() {
        out.push(Line::styled(
            format!("✓ {}", Tr(lang).quiz_no_mistakes()),
            t.right(),
        ));
        return out;
    }
    out.push(Line::styled(
        Tr(lang).quiz_mistakes_head(res.mistakes.len()),
        bold,
    ));
    for m in &res.mistakes {
        let num = format!("{}. ", m.index + 1);
        let ind = width(&num);
        let sub = w.saturating_sub(ind).max(1);
        for (i, line) in wrap_plain(&m.prompt, bold, sub).into_iter().enumerate() {
            let mut spans = vec![Span::raw(if i == 0 {
                num.clone()
            } else {
                " ".repeat(ind)
            })];
            spans.extend(line.spans);
            out.push(Line::from(spans));
        }
        let given = if m.timed_out {
            Tr(lang).quiz_time_ran_out().to_owned()
        } else if m.given.trim().is_empty() {
            Tr(lang).quiz_no_answer().to_owned()
        } else if m.form == Form::Flip {
            // Self-graded: the journal keeps "known" / "not known".
            if m.given == "known" {
                Tr(lang).quiz_flip_knew()
            } else {
                Tr(lang).quiz_flip_did_not_know()
            }
            .to_owned()
        } else {
            m.given.clone()
        };
        let pad = " ".repeat(ind);
        let mut push = |label: &str, text: &str, style: Style| {
            for line in wrap_spans(
                &[(format!("{label}: "), t.dim()), (text.to_owned(), style)],
                sub,
            ) {
                let mut spans = vec![Span::raw(pad.clone())];
                spans.extend(line.spans);
                out.push(Line::from(spans));
            }
        };
        push(Tr(lang).quiz_your_answer(), &given, t.wrong());
        push(Tr(lang).quiz_right_answer(), &m.expected, t.answer());
        if let Some(ex) = &m.explain {
            for line in wrap_plain(ex, t.dim(), sub) {
                let mut spans = vec![Span::raw(pad.clone())];
                spans.extend(line.spans);
                out.push(Line::from(spans));
            }
        }
    }
    out
}

/// How far the results can scroll at this terminal size.
#[must_use]
pub fn results_max_scroll(lang: Lang, r: &ResultsState, size: (u16, u16)) -> u16 {
    // Body: the whole height minus header (2), status and hints (1 each).
    let height = size.1.saturating_sub(4) as usize;
    let lines = results_lines(lang, Theme::new(true), r, size.0.saturating_sub(2) as usize);
    u16::try_from(lines.len().saturating_sub(height)).unwrap_or(u16::MAX)
}

/// The keys of the quiz screen, for the hints line and the help.
#[must_use]
pub fn key_rows(app: &App, q: &QuizScreen) -> Vec<(String, String)> {
    let lang = app.lang;
    // Key names in the interface language ("Space" / "Leertaste").
    let row = |k: &str, text: &'static str| (Tr(lang).key_name(k), text.to_owned());
    match q {
        QuizScreen::Setup(_) => vec![
            row("Enter", Tr(lang).quiz_start()),
            row("↑/↓", Tr(lang).quiz_row()),
            row("Space ←/→", Tr(lang).quiz_change()),
            row("Esc", Tr(lang).quiz_back()),
        ],
        QuizScreen::Running(run) if run.confirm_abandon => vec![
            row(Tr(lang).yes_keys(), Tr(lang).quiz_abandon()),
            row("n", Tr(lang).quiz_continue()),
        ],
        QuizScreen::Running(run) if run.quiz.is_paused() => vec![
            row("p", Tr(lang).quiz_continue()),
            row("Esc", Tr(lang).quiz_abandon()),
        ],
        QuizScreen::Running(run) => {
            let mut rows = match run.form() {
                Some(Form::Choice) => {
                    let last = char::from(
                        b'a' + u8::try_from(run.ticked.len().saturating_sub(1) % 26).unwrap_or(0),
                    );
                    vec![
                        (format!("a–{last}"), Tr(lang).quiz_tick().to_owned()),
                        row("Enter", Tr(lang).quiz_confirm()),
                        row("p", Tr(lang).quiz_pause()),
                    ]
                }
                Some(Form::Typed) => vec![
                    row("Enter", Tr(lang).quiz_submit()),
                    row("Ctrl-P", Tr(lang).quiz_pause()),
                ],
                Some(Form::Flip) if run.flipped => vec![
                    row("y/1", Tr(lang).quiz_right()),
                    row("n/2", Tr(lang).quiz_wrong()),
                    row("p", Tr(lang).quiz_pause()),
                ],
                _ => vec![
                    row("Space", Tr(lang).quiz_show_answer()),
                    row("p", Tr(lang).quiz_pause()),
                ],
            };
            rows.push(row("Esc", Tr(lang).quiz_abandon()));
            rows
        }
        QuizScreen::Results(_) => vec![
            row("r", Tr(lang).quiz_review_mistakes()),
            row("↑/↓", Tr(lang).quiz_scroll()),
            row("Esc", Tr(lang).quiz_back()),
        ],
    }
}

/// The bottom hints line of a quiz screen.
#[must_use]
pub fn hints_line(app: &App, q: &QuizScreen, w: usize) -> Line<'static> {
    super::view::fitted_hints(app.theme, key_rows(app, q), w)
}
