//! Drawing the statistics screen: one panel per page on small terminals, a
//! grid of every panel from 160x44 body cells up. Every chart carries its
//! meaning in characters too (heatmap shades `·░▒▓█`, the `│` target mark),
//! so it reads without colour.

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Borders, Chart, Dataset, GraphType, Paragraph, Sparkline,
    Tabs,
};

use super::app::App;
use super::stats_screen::{Panel, StatsState};
use super::text::{sanitize, truncate, width};
use crate::i18n::Lang;
use crate::stats::STABILITY_BUCKETS;

/// The smallest body (width, height) that shows every panel at once.
pub const GRID_MIN: (u16, u16) = (160, 44);

/// Heatmap shades from no reviews to the most.
pub const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];

/// Weeks in the heatmap.
const WEEKS: usize = 26;

fn tr(app: &App, en: &'static str, de: &'static str) -> &'static str {
    match app.lang {
        Lang::En => en,
        Lang::De => de,
    }
}

/// The screen's title in the header.
#[must_use]
pub fn screen_title(app: &App) -> &'static str {
    tr(app, "Statistics", "Statistik")
}

/// The panel's title.
fn title(app: &App, panel: Panel) -> &'static str {
    match panel {
        Panel::Forecast => tr(app, "Forecast", "Prognose"),
        Panel::Activity => tr(app, "Activity", "Aktivität"),
        Panel::Retention => tr(app, "Retention", "Retention"),
        Panel::Stability => tr(app, "Stability", "Stabilität"),
        Panel::Quizzes => tr(app, "Quizzes", "Tests"),
        Panel::Streak => tr(app, "Streak", "Serie"),
    }
}

fn subtitle(app: &App, panel: Panel) -> &'static str {
    match panel {
        Panel::Forecast => tr(
            app,
            "reviews due, next 30 days",
            "fällige Wiederholungen, 30 Tage",
        ),
        Panel::Activity => tr(
            app,
            "reviews per day, 26 weeks",
            "Wiederholungen pro Tag, 26 Wochen",
        ),
        Panel::Retention => tr(
            app,
            "true retention, last 30 days",
            "echte Retention, letzte 30 Tage",
        ),
        Panel::Stability => tr(app, "cards by stability", "Karten nach Stabilität"),
        Panel::Quizzes => tr(app, "score per quiz", "Ergebnis pro Test"),
        Panel::Streak => tr(app, "days in a row", "Tage in Folge"),
    }
}

/// Where things go in the body: the filter line, the panel tabs (paging
/// only) and each visible panel's block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsLayout {
    pub filter: Rect,
    pub tabs: Option<Rect>,
    pub panels: Vec<(Panel, Rect)>,
}

/// Lays out the body for the state's current panel.
#[must_use]
pub fn layout(st: &StatsState, body: Rect) -> StatsLayout {
    let grid = body.width >= GRID_MIN.0 && body.height >= GRID_MIN.1;
    if grid {
        let [filter, rest] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        let [top, bottom] =
            Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(rest);
        let [activity, forecast, streak] = Layout::horizontal([
            Constraint::Length(62),
            Constraint::Fill(1),
            Constraint::Length(32),
        ])
        .areas(top);
        let [retention, stability, quizzes] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Fill(1),
            Constraint::Fill(1),
        ])
        .areas(bottom);
        StatsLayout {
            filter,
            tabs: None,
            panels: vec![
                (Panel::Activity, activity),
                (Panel::Forecast, forecast),
                (Panel::Streak, streak),
                (Panel::Retention, retention),
                (Panel::Stability, stability),
                (Panel::Quizzes, quizzes),
            ],
        }
    } else {
        let [filter, tabs, panel] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(body);
        StatsLayout {
            filter,
            tabs: Some(tabs),
            panels: vec![(st.current(), panel)],
        }
    }
}

/// How far the retention list can scroll in a body of this size.
#[must_use]
pub fn max_scroll(st: &StatsState, body: Rect) -> u16 {
    let l = layout(st, body);
    l.panels
        .iter()
        .find(|(p, _)| *p == Panel::Retention)
        .map_or(0, |(_, r)| {
            // Borders and the legend line take 3 rows.
            let visible = r.height.saturating_sub(3) as usize;
            u16::try_from(st.view.retention.len().saturating_sub(visible)).unwrap_or(u16::MAX)
        })
}

/// Draws the statistics screen into the body area.
pub fn render(app: &App, st: &StatsState, frame: &mut Frame<'_>, body: Rect) {
    let t = app.theme;
    let l = layout(st, body);
    frame.render_widget(Paragraph::new(filter_line(app, st)), l.filter);
    if let Some(tabs) = l.tabs {
        let titles: Vec<String> = Panel::ALL
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{} {}", i + 1, title(app, *p)))
            .collect();
        frame.render_widget(
            Tabs::new(titles)
                .select(st.panel % Panel::ALL.len())
                .highlight_style(t.selected())
                .divider("│")
                .padding(" ", " "),
            tabs,
        );
    }
    for (panel, area) in l.panels {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(t.dim())
            .title(Line::from(vec![
                Span::styled(format!(" {} ", title(app, panel)), t.title()),
                Span::styled(format!("{} ", subtitle(app, panel)), t.dim()),
            ]));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if inner.width == 0 || inner.height == 0 {
            continue;
        }
        match panel {
            Panel::Forecast => forecast(app, st, frame, inner),
            Panel::Activity => activity(app, st, frame, inner),
            Panel::Retention => retention(app, st, frame, inner),
            Panel::Stability => stability(app, st, frame, inner),
            Panel::Quizzes => quizzes(app, st, frame, inner),
            Panel::Streak => streak(app, st, frame, inner),
        }
    }
}

fn filter_line(app: &App, st: &StatsState) -> Line<'static> {
    let t = app.theme;
    let all = tr(app, "all", "alle");
    let deck = st.filter.deck.as_ref().map_or_else(
        || all.to_owned(),
        |id| {
            st.view
                .decks
                .iter()
                .find(|d| &d.0 == id)
                .map_or_else(|| id.clone(), |d| d.1.clone())
        },
    );
    let tag = st
        .filter
        .tag
        .as_ref()
        .map_or_else(|| all.to_owned(), |g| format!("#{g}"));
    let on = |active: bool| {
        if active {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        }
    };
    Line::from(vec![
        Span::styled(format!("{}: ", tr(app, "Deck", "Stapel")), t.dim()),
        Span::styled(sanitize(&deck), on(st.filter.deck.is_some())),
        Span::styled(format!("  {}: ", tr(app, "Tag", "Tag")), t.dim()),
        Span::styled(sanitize(&tag), on(st.filter.tag.is_some())),
        Span::styled(
            if st.filter.is_empty() {
                String::new()
            } else {
                format!("  (0 {})", tr(app, "clears", "löscht"))
            },
            t.dim(),
        ),
    ])
}

/// Bar width and gap so `n` bars fill about `w` cells.
fn bar_geometry(n: usize, w: u16, max_width: u16) -> (u16, u16) {
    let n = u16::try_from(n.max(1)).unwrap_or(u16::MAX);
    let gaps = n.saturating_sub(1);
    if w >= n * 2 + gaps {
        (((w - gaps) / n).clamp(1, max_width), 1)
    } else if w >= n + gaps {
        (1, 1)
    } else {
        ((w / n).max(1), 0)
    }
}

fn short_date(app: &App, d: NaiveDate) -> String {
    match app.lang {
        Lang::En => d.format("%b %-d").to_string(),
        Lang::De => d.format("%-d.%-m.").to_string(),
    }
}

fn forecast(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let days: Vec<(NaiveDate, usize)> = st.view.forecast.iter().take(30).copied().collect();
    if days.is_empty() {
        frame.render_widget(
            Paragraph::new(tr(app, "Nothing scheduled.", "Nichts geplant.")),
            area,
        );
        return;
    }
    let [chart, axis, summary] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (bw, gap) = bar_geometry(days.len(), area.width, 4);
    let bars: Vec<Bar<'_>> = days
        .iter()
        // Values are in the summary line: inside thin bars they are noise.
        .map(|(_, n)| Bar::default().value(*n as u64).text_value(""))
        .collect();
    let max = days.iter().map(|d| d.1).max().unwrap_or(0).max(1);
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bw)
            .bar_gap(gap)
            .max(max as u64)
            .bar_style(t.gauge())
            .value_style(t.selected()),
        chart,
    );
    // Week marks under the bars.
    let step = usize::from(bw + gap);
    let mut axis_text = String::new();
    for (i, (date, _)) in days.iter().enumerate().step_by(7) {
        let col = i * step;
        if width(&axis_text) < col {
            axis_text.push_str(&" ".repeat(col - width(&axis_text)));
        } else if i > 0 {
            continue;
        }
        let mark = if i == 0 {
            format!("└{}", tr(app, "today", "heute"))
        } else {
            format!("└{}", short_date(app, *date))
        };
        axis_text.push_str(&mark);
        axis_text.push(' ');
    }
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(&axis_text, area.width as usize),
            t.dim(),
        )),
        axis,
    );
    let total: usize = days.iter().map(|d| d.1).sum();
    let (peak_day, peak) = days
        .iter()
        .max_by_key(|(d, n)| (*n, std::cmp::Reverse(*d)))
        .copied()
        .unwrap_or((days[0].0, 0));
    let text = format!(
        "{}: {total} · {}: {} · {}: {peak} ({})",
        tr(app, "total", "gesamt"),
        tr(app, "today", "heute"),
        days[0].1,
        tr(app, "peak", "Spitze"),
        short_date(app, peak_day),
    );
    frame.render_widget(
        Paragraph::new(truncate(&text, area.width as usize)),
        summary,
    );
}

/// The shade level 0..=4 of a day with `count` reviews when the busiest day
/// had `max`.
#[must_use]
pub fn shade_level(count: usize, max: usize) -> usize {
    if count == 0 || max == 0 {
        0
    } else {
        (1 + (count - 1) * 4 / max).min(4)
    }
}

/// The lowest count of each shade level 1..=4 (index 0 unused).
fn level_starts(max: usize) -> [usize; 5] {
    let mut starts = [0; 5];
    for (k, s) in starts.iter_mut().enumerate().skip(1) {
        *s = ((k - 1) * max).div_ceil(4) + 1;
    }
    starts
}

fn activity(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let Some(&(today, _)) = st.view.history.last() else {
        frame.render_widget(
            Paragraph::new(tr(app, "No reviews yet.", "Noch keine Wiederholungen.")),
            area,
        );
        return;
    };
    let counts: std::collections::HashMap<NaiveDate, usize> =
        st.view.history.iter().copied().collect();
    let first_monday = today
        - Duration::days(i64::from(today.weekday().num_days_from_monday()))
        - Duration::weeks(WEEKS as i64 - 1);
    let start = first_monday;
    let max = st
        .view
        .history
        .iter()
        .filter(|(d, _)| *d >= start)
        .map(|d| d.1)
        .max()
        .unwrap_or(0);
    let label_w = 3;
    let cell_w = if area.width as usize >= label_w + WEEKS * 2 {
        2
    } else {
        1
    };
    let day_names: [&str; 7] = match app.lang {
        Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
        Lang::De => ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
    };
    let mut lines: Vec<Line<'static>> = Vec::new();
    // Month names above the first week of each month.
    let mut months = " ".repeat(label_w);
    for w in 0..WEEKS {
        let monday = start + Duration::weeks(w as i64);
        let col = label_w + w * cell_w;
        let new_month = w == 0 || (monday - Duration::weeks(1)).month() != monday.month();
        if new_month && width(&months) <= col {
            months.push_str(&" ".repeat(col - width(&months)));
            months.push_str(&month_name(app, monday.month()));
        }
    }
    lines.push(Line::styled(
        truncate(&months, area.width as usize),
        t.dim(),
    ));
    for (dow, name) in day_names.iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{name:<label_w$}"), t.dim())];
        for w in 0..WEEKS {
            let day = start + Duration::days((w * 7 + dow) as i64);
            if day > today {
                spans.push(Span::raw(" ".repeat(cell_w)));
                continue;
            }
            let n = counts.get(&day).copied().unwrap_or(0);
            let level = shade_level(n, max);
            let glyph = SHADES[level];
            let cell = if cell_w == 2 {
                if level == 0 {
                    format!("{glyph} ")
                } else {
                    format!("{glyph}{glyph}")
                }
            } else {
                glyph.to_string()
            };
            spans.push(Span::styled(
                cell,
                if level == 0 { t.dim() } else { t.gauge() },
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    // Legend: each shade with the counts it stands for.
    let starts = level_starts(max);
    let mut legend = vec![Span::styled(format!("{} 0", SHADES[0]), t.dim())];
    for k in 1..=4 {
        let lo = starts[k];
        let hi = if k == 4 { max } else { starts[k + 1] - 1 };
        if max == 0 || lo > hi {
            continue;
        }
        let range = if lo == hi {
            lo.to_string()
        } else {
            format!("{lo}–{hi}")
        };
        legend.push(Span::raw("  "));
        legend.push(Span::styled(format!("{} {range}", SHADES[k]), t.gauge()));
    }
    lines.push(Line::from(legend));
    let shown: Vec<usize> = st
        .view
        .history
        .iter()
        .filter(|(d, _)| *d >= start)
        .map(|d| d.1)
        .collect();
    let total: usize = shown.iter().sum();
    let active = shown.iter().filter(|n| **n > 0).count();
    lines.push(Line::raw(format!(
        "{}: {total} · {}: {active} · {}: {max}",
        tr(app, "reviews", "Wiederholungen"),
        tr(app, "active days", "aktive Tage"),
        tr(app, "best day", "bester Tag"),
    )));
    frame.render_widget(Paragraph::new(lines), area);
}

fn month_name(app: &App, month: u32) -> String {
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DE: [&str; 12] = [
        "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    match app.lang {
        Lang::En => EN[i].to_owned(),
        Lang::De => DE[i].to_owned(),
    }
}

fn percent(share: f64) -> u32 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let p = (share.clamp(0.0, 1.0) * 100.0).round() as u32;
    p
}

fn retention(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let w = area.width as usize;
    let target = st.view.desired_retention;
    let name_w = (w / 3).clamp(6, 28);
    let bar_w = w.saturating_sub(name_w + 1 + 8).clamp(5, 40);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if st.view.retention.is_empty() {
        lines.push(Line::raw(tr(app, "No decks.", "Keine Stapel.")));
    }
    let visible = (area.height as usize).saturating_sub(1);
    let max = st.view.retention.len().saturating_sub(visible);
    let skip = (st.scroll as usize).min(max);
    for (name, value) in st.view.retention.iter().skip(skip).take(visible) {
        let name = truncate(&sanitize(name), name_w);
        let pad = " ".repeat(name_w.saturating_sub(width(&name)) + 1);
        let mut spans = vec![Span::raw(format!("{name}{pad}"))];
        let mark = ((target.clamp(0.0, 1.0) * bar_w as f64).round() as usize).min(bar_w - 1);
        match value {
            Some(v) => {
                let filled = (v.clamp(0.0, 1.0) * bar_w as f64).round() as usize;
                let ok = *v >= target;
                let bar_style = if ok { t.right() } else { t.wrong() };
                for i in 0..bar_w {
                    let (c, style) = if i == mark {
                        ('│', Style::new().add_modifier(Modifier::BOLD))
                    } else if i < filled {
                        ('█', bar_style)
                    } else {
                        ('░', t.dim())
                    };
                    spans.push(Span::styled(c.to_string(), style));
                }
                spans.push(Span::raw(format!(" {:>3} %", percent(*v))));
                spans.push(Span::styled(if ok { " ✓" } else { " ✗" }, bar_style));
            }
            None => spans.push(Span::styled(
                tr(app, "no reviews yet", "noch keine Wiederholungen"),
                t.dim(),
            )),
        }
        lines.push(Line::from(spans));
    }
    while lines.len() < visible {
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        truncate(
            &format!("│ = {} {} %", tr(app, "target", "Ziel"), percent(target)),
            w,
        ),
        t.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), area);
}

fn bucket_label(i: usize) -> String {
    let days = |d: f64| {
        if d >= 365.0 {
            format!("{}y", (d / 365.0).round())
        } else {
            format!("{d}d")
        }
    };
    match STABILITY_BUCKETS.get(i) {
        Some(&b) => format!("≤{}", days(b)),
        None => format!(">{}", days(STABILITY_BUCKETS[STABILITY_BUCKETS.len() - 1])),
    }
}

fn stability(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let counts = &st.view.stability;
    let total: usize = counts.iter().sum();
    let [chart, summary] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let (bw, gap) = bar_geometry(counts.len(), area.width, 7);
    let bars: Vec<Bar<'_>> = counts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            Bar::default()
                .value(*n as u64)
                .label(Line::from(bucket_label(i)))
        })
        .collect();
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(bw)
            .bar_gap(gap)
            .max(max as u64)
            .bar_style(t.gauge())
            .value_style(t.selected())
            .label_style(t.dim()),
        chart,
    );
    let text = format!(
        "{}: {total} ({})",
        tr(
            app,
            "cards with a memory state",
            "Karten mit Gedächtniszustand"
        ),
        tr(app, "stability in days", "Stabilität in Tagen"),
    );
    frame.render_widget(
        Paragraph::new(truncate(&text, area.width as usize)),
        summary,
    );
}

fn grade_text(app: &App, grade: f64) -> String {
    let s = format!("{grade:.1}");
    match app.lang {
        Lang::En => s,
        Lang::De => s.replace('.', ","),
    }
}

fn quizzes(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let q = &st.view.quizzes;
    let Some(&(last_day, last_pct, last_grade)) = q.last() else {
        frame.render_widget(
            Paragraph::new(tr(
                app,
                "No finished quizzes yet.",
                "Noch keine abgeschlossenen Tests.",
            )),
            area,
        );
        return;
    };
    let [chart, summary] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let best = q.iter().map(|x| x.1).fold(f64::MIN, f64::max);
    let text = format!(
        "{}: {} {} % ({} {}) · {}: {} % · {} {}",
        tr(app, "last", "zuletzt"),
        short_date(app, last_day),
        last_pct.round(),
        tr(app, "grade", "Note"),
        grade_text(app, last_grade),
        tr(app, "best", "bestes"),
        best.round(),
        q.len(),
        tr(app, "quizzes", "Tests"),
    );
    frame.render_widget(
        Paragraph::new(truncate(&text, area.width as usize)),
        summary,
    );
    if q.len() < 2 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let data: Vec<u64> = q
            .iter()
            .map(|x| x.1.clamp(0.0, 100.0).round() as u64)
            .collect();
        frame.render_widget(
            Sparkline::default().data(&data).max(100).style(t.gauge()),
            chart,
        );
        return;
    }
    let first = q[0].0;
    let points: Vec<(f64, f64)> = q
        .iter()
        .map(|(d, pct, _)| ((*d - first).num_days() as f64, pct.clamp(0.0, 100.0)))
        .collect();
    let span = points.last().map_or(1.0, |p| p.0).max(1.0);
    let chart_widget = Chart::new(vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.gauge())
            .data(&points),
    ])
    .x_axis(
        Axis::default()
            .bounds([0.0, span])
            .style(t.dim())
            .labels([short_date(app, first), short_date(app, last_day)]),
    )
    .y_axis(
        Axis::default()
            .bounds([0.0, 100.0])
            .style(t.dim())
            .labels(["0%", "50%", "100%"]),
    );
    frame.render_widget(chart_widget, chart);
}

fn streak(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let (current, longest) = st.view.streak;
    let days = tr(app, "days", "Tage");
    let big = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{:<10}", tr(app, "current", "aktuell")), t.dim()),
            Span::styled(format!("{current:>4} {days}"), big),
        ]),
        Line::from(vec![
            Span::styled(format!("{:<10}", tr(app, "longest", "längste")), t.dim()),
            Span::styled(format!("{longest:>4} {days}"), big),
        ]),
        Line::default(),
        Line::styled(tr(app, "last 14 days:", "letzte 14 Tage:"), t.dim()),
    ];
    let recent: Vec<usize> = st.view.history.iter().rev().take(14).map(|d| d.1).collect();
    let cells: String = recent
        .iter()
        .rev()
        .map(|n| if *n > 0 { "█ " } else { "· " })
        .collect();
    lines.push(Line::styled(cells, t.gauge()));
    frame.render_widget(Paragraph::new(lines), area);
}

/// Hint items for the bottom line: (key, what it does).
#[must_use]
pub fn hints(app: &App) -> Vec<(String, String)> {
    vec![
        ("d".to_owned(), tr(app, "deck", "Stapel").to_owned()),
        ("g".to_owned(), tr(app, "tag", "Tag").to_owned()),
        ("n/p".to_owned(), tr(app, "panel", "Ansicht").to_owned()),
    ]
}

/// Extra rows for the help popup.
#[must_use]
pub fn help_rows(app: &App) -> Vec<(String, String)> {
    vec![
        (
            "d".to_owned(),
            tr(app, "next deck filter", "nächster Stapel-Filter").to_owned(),
        ),
        (
            "g".to_owned(),
            tr(app, "next tag filter", "nächster Tag-Filter").to_owned(),
        ),
        (
            "0".to_owned(),
            tr(app, "clear the filter", "Filter löschen").to_owned(),
        ),
        (
            "n/→ p/←".to_owned(),
            tr(app, "next / previous panel", "nächste / vorige Ansicht").to_owned(),
        ),
    ]
}
