//! The review screen: one card (every kind), its answer, the typed-answer
//! field and the grade bar.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::app::{App, ReviewState, Stage, TextInput};
use super::keymap::Action;
use super::text::{sanitize, truncate, width, wrap_plain, wrap_spans};
use super::typed::{Mark, Outcome};
use crate::deck::{CardContent, ClozeSegment};
use crate::progress::Grade;

fn label(text: &str, style: Style) -> Line<'static> {
    Line::styled(text.to_owned(), style)
}

/// The body of a review screen, wrapped at `w` columns.
#[allow(clippy::too_many_lines)]
pub(super) fn review_lines(app: &App, r: &ReviewState, w: usize) -> Vec<Line<'static>> {
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

pub(super) fn render_review(
    app: &App,
    r: &ReviewState,
    frame: &mut Frame<'_>,
    body: Rect,
    grades: Rect,
) {
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
        render_input(frame, grades, app.tr().type_answer(), &r.input, t);
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

/// A one-line text field in a titled box, scrolled sideways so the cursor
/// stays visible (by display width), with the terminal cursor placed in it.
/// The review screen's and the quiz's typed answers use it.
pub(super) fn render_input(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    input: &TextInput,
    t: super::theme::Theme,
) {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(t.dim());
    let field = block.inner(area);
    frame.render_widget(block, area);
    let fw = field.width.saturating_sub(1) as usize;
    let before: String = input.text.chars().take(input.cursor).collect();
    let mut skip = 0;
    while width(&before.chars().skip(skip).collect::<String>()) > fw {
        skip += 1;
    }
    let shown: String = sanitize(&input.text.chars().skip(skip).collect::<String>());
    frame.render_widget(Paragraph::new(truncate(&shown, fw + 1)), field);
    let cx = width(&before.chars().skip(skip).collect::<String>());
    frame.set_cursor_position(Position::new(
        field.x + u16::try_from(cx).unwrap_or(0),
        field.y,
    ));
}
