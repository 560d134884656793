//! The end of a session and the waiting screen: what was done, when the
//! next card comes, and what to do meanwhile (review ahead, practice).

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::App;
use super::keymap::Action;
use super::text::wrap_plain;
use super::view::local_time;
use crate::study::port::{SessionKind, SessionSummary};

pub(super) fn render_waiting(app: &App, until: DateTime<Utc>, frame: &mut Frame<'_>, area: Rect) {
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

/// "Session complete", "Nothing to study right now" or "Practice complete".
pub(super) fn summary_title(app: &App, s: &SessionSummary) -> &'static str {
    let tr = app.tr();
    match (s.kind, s.reviewed) {
        (SessionKind::Review, 0) => tr.nothing_now(),
        (SessionKind::Review, _) => tr.summary(),
        _ => tr.practice_done(),
    }
}

pub(super) fn render_summary(app: &App, s: &SessionSummary, frame: &mut Frame<'_>, area: Rect) {
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
    let title = summary_title(app, s);
    let mut lines = vec![
        Line::default(),
        Line::styled(format!("✓ {title}"), t.title()),
        Line::default(),
    ];
    if s.reviewed > 0 {
        lines.push(row(tr.reviewed(), s.reviewed.to_string()));
        lines.push(row(
            tr.correct(),
            format!(
                "{} ({}/{})",
                tr.percent(u32::try_from(pct).unwrap_or(100)),
                s.correct,
                s.reviewed
            ),
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
