//! The review screen: one card (every kind), its answer, the typed-answer
//! field and the grade bar.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use chrono::{DateTime, Utc};

use super::app::{App, TextInput};
use super::keymap::Action;
use super::text::{sanitize, truncate, width, wrap_plain, wrap_spans};
use super::typed::{self, Feedback};
use super::typed::{Mark, Outcome};
use crate::deck::CardKind;
use crate::deck::{CardContent, ClozeSegment};
use crate::progress::Grade;
use crate::progress::MarkAction;
use crate::study::port::ShowCard;

/// Where the student is within one card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Question,
    Answer,
}

/// One card on screen and what the student did with it so far.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewState {
    pub show: ShowCard,
    pub shown_at: DateTime<Utc>,
    pub stage: Stage,
    /// Choice cards: which options are ticked.
    pub ticked: Vec<bool>,
    /// List cards: how many items are revealed.
    pub revealed: usize,
    /// Typed cards: the answer field.
    pub input: TextInput,
    /// Typed cards: the comparison, once submitted.
    pub feedback: Option<Feedback>,
    /// Choice and typed cards: the suggested grade, changeable before Enter.
    pub pending: Option<Grade>,
    /// The grade kartei suggested (the student may pick another).
    pub suggested: Option<Grade>,
    /// The hint was asked for.
    pub show_hint: bool,
    /// "Forget this card's progress?" is being asked.
    pub confirm_reset: bool,
    /// "Copy the bundled deck to edit it?" is being asked.
    pub confirm_copy: bool,
}

impl ReviewState {
    pub(super) fn new(show: ShowCard, now: DateTime<Utc>) -> Self {
        let options = match &show.card.content {
            CardContent::Choice { choices, .. } => choices.len(),
            _ => 0,
        };
        ReviewState {
            show,
            shown_at: now,
            stage: Stage::Question,
            ticked: vec![false; options],
            revealed: 0,
            input: TextInput::default(),
            feedback: None,
            pending: None,
            suggested: None,
            show_hint: false,
            confirm_reset: false,
            confirm_copy: false,
        }
    }

    /// True when the answer is typed into a field (choice cards never are).
    #[must_use]
    pub fn is_typed(&self) -> bool {
        self.show.card.input && self.show.card.kind() != CardKind::Choice
    }

    /// The grade a choice answer earns: Good when exactly right; Hard when
    /// some right options and no wrong one were ticked (partial credit on
    /// multi-answer cards); Again otherwise.
    #[must_use]
    pub fn choice_grade(&self) -> Grade {
        let CardContent::Choice { answer, .. } = &self.show.card.content else {
            return Grade::Again;
        };
        if self.choice_right() {
            return Grade::Good;
        }
        let wrong = self
            .ticked
            .iter()
            .enumerate()
            .any(|(i, &t)| t && !answer.contains(&i));
        let right = self
            .ticked
            .iter()
            .enumerate()
            .filter(|(i, t)| **t && answer.contains(i))
            .count();
        if !wrong && right > 0 && answer.len() > 1 {
            Grade::Hard
        } else {
            Grade::Again
        }
    }

    /// True when the choice the student ticked is exactly the right one(s).
    #[must_use]
    pub fn choice_right(&self) -> bool {
        match &self.show.card.content {
            CardContent::Choice { answer, .. } => self
                .ticked
                .iter()
                .enumerate()
                .all(|(i, &t)| t == answer.contains(&i)),
            _ => false,
        }
    }

    /// Reveals the answer (`all`), or the next list item; a typed answer is
    /// checked and a choice is graded.
    pub fn reveal(&mut self, all: bool) {
        let r = self;
        match &r.show.card.content {
            _ if r.is_typed() => {
                let fb = match &r.show.card.content {
                    CardContent::List { items, ordered, .. } => {
                        typed::check_list(items, &r.input.text, *ordered)
                    }
                    _ => typed::check(&r.show.card.typed_answer(), &r.input.text),
                };
                r.pending = Some(fb.suggested());
                r.suggested = r.pending;
                r.feedback = Some(fb);
                r.stage = Stage::Answer;
            }
            CardContent::List { items, .. } => {
                r.revealed = if all {
                    items.len()
                } else {
                    (r.revealed + 1).min(items.len())
                };
                if r.revealed == items.len() {
                    r.stage = Stage::Answer;
                }
            }
            CardContent::Choice { .. } => {
                if all {
                    r.pending = Some(r.choice_grade());
                    r.suggested = r.pending;
                    r.stage = Stage::Answer;
                }
            }
            CardContent::Basic { .. } | CardContent::Cloze { .. } => r.stage = Stage::Answer,
        }
    }
}

/// What the review screen asks the app to do after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewRequest {
    None,
    /// Show this message.
    Status(&'static str),
    /// Record this grade and move on.
    Grade(Grade),
    /// Suspend, bury or flag the card.
    Mark(MarkAction),
    /// Leave the session.
    Leave,
    /// Scroll the card one line (-1 up, 1 down).
    Scroll(i32),
    /// The card changed from question to answer: scroll to the top.
    Top,
    /// Open the card in the editor (or offer to copy its bundled deck).
    Edit,
}

impl ReviewState {
    /// The review screen's meaning of a key-map action. Changes only this
    /// card's state; what needs the session comes back as a request.
    pub fn on_action(&mut self, action: Action, tr: super::i18n::Tr) -> ReviewRequest {
        match action {
            Action::Back => ReviewRequest::Leave,
            Action::Hint if self.show.card.hint.is_some() => {
                self.show_hint = true;
                ReviewRequest::None
            }
            Action::Hint => ReviewRequest::Status(tr.no_hint()),
            Action::Suspend => ReviewRequest::Mark(MarkAction::Suspend),
            Action::Bury => ReviewRequest::Mark(MarkAction::Bury),
            Action::Flag => ReviewRequest::Mark(if self.show.flagged {
                MarkAction::Unflag
            } else {
                MarkAction::Flag
            }),
            Action::Reset => {
                self.confirm_reset = true;
                ReviewRequest::Status(tr.reset_confirm())
            }
            Action::Up => ReviewRequest::Scroll(-1),
            Action::Down => ReviewRequest::Scroll(1),
            Action::Edit => ReviewRequest::Edit,
            Action::Reveal | Action::Select => match (self.stage, self.pending) {
                (Stage::Question, _) => {
                    self.reveal(action == Action::Select);
                    ReviewRequest::Top
                }
                (Stage::Answer, Some(g)) => ReviewRequest::Grade(g),
                (Stage::Answer, None) => ReviewRequest::None,
            },
            Action::Grade(g) => match (self.stage, self.pending) {
                // The grade already marked: pressing it again confirms.
                (Stage::Answer, Some(p)) if p == g => ReviewRequest::Grade(g),
                (Stage::Answer, Some(_)) => {
                    self.pending = Some(g);
                    ReviewRequest::None
                }
                (Stage::Answer, None) => ReviewRequest::Grade(g),
                (Stage::Question, _) => ReviewRequest::Status(tr.reveal_first()),
            },
            _ => ReviewRequest::None,
        }
    }
}

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
            let answer = card.answer();
            out.extend(wrap_spans(
                &[
                    (format!("{}: ", tr.expected(),), t.dim()),
                    (answer.clone(), t.answer()),
                ],
                w,
            ));
            // The diff above is against the nearest accepted answer; say
            // which one when it is not the answer just shown.
            if !fb.diff.is_empty()
                && !fb.compared.is_empty()
                && crate::matcher::normalize(&fb.compared) != crate::matcher::normalize(&answer)
            {
                out.extend(wrap_spans(
                    &[
                        (format!("{}: ", tr.compared_with()), t.dim()),
                        (fb.compared.clone(), t.answer()),
                    ],
                    w,
                ));
            }
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
