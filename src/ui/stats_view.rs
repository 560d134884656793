//! Drawing the statistics screen: one panel per page on small terminals, a
//! grid of every panel from 160x44 body cells up. Every chart carries its
//! meaning in characters too (heatmap shades `·░▒▓█`, the `│` target mark),
//! so it reads without colour. Numbers and dates follow the interface
//! language (4.0 and 2026-12-02 in English, 4,0 and 02.12.2026 in German).

use chrono::{Datelike, Duration, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Borders, Chart, Dataset, GraphType, Paragraph, Tabs,
};

use super::app::App;
use super::stats_screen::{Panel, StatsState};
use super::text::{sanitize, truncate, width};
use crate::i18n::Tr;
use crate::stats::STABILITY_BUCKETS;

/// The smallest body (width, height) that shows every panel at once.
pub const GRID_MIN: (u16, u16) = (160, 44);

/// Heatmap shades from no reviews to the most.
pub const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];

/// Width of the weekday labels left of the heatmap.
const DAY_LABEL_W: usize = 3;

/// Width of the stability panel in the grid: nine bars wide enough for
/// their labels (`≤180d`).
const STABILITY_GRID_W: u16 = 55;

/// The screen's title in the header.
#[must_use]
pub fn screen_title(app: &App) -> &'static str {
    app.tr().stats_title()
}

/// The panel's title.
fn title(tr: Tr, panel: Panel) -> &'static str {
    match panel {
        Panel::Forecast => tr.stats_forecast(),
        Panel::Activity => tr.stats_activity(),
        Panel::Retention => tr.stats_retention(),
        Panel::Stability => tr.stats_stability(),
        Panel::Quizzes => tr.stats_quizzes(),
        Panel::Streak => tr.stats_streak(),
    }
}

/// The panel's subtitle; the heatmap's names the weeks that fit `inner`.
fn subtitle(tr: Tr, st: &StatsState, panel: Panel, inner: Rect) -> String {
    match panel {
        Panel::Forecast => tr.stats_forecast_sub().to_owned(),
        Panel::Activity => {
            let weeks = heatmap_geometry(st, inner.width).map_or(0, |g| g.weeks);
            format!("{}, {weeks} {}", tr.stats_activity_sub(), tr.stats_weeks())
        }
        Panel::Retention => tr.stats_retention_sub().to_owned(),
        Panel::Stability => tr.stats_stability_sub().to_owned(),
        Panel::Quizzes => tr.stats_quizzes_sub().to_owned(),
        Panel::Streak => tr.stats_streak_sub().to_owned(),
    }
}

/// Packs `parts` into lines of at most `w` cells, joined by ` · `.
fn pack(parts: &[String], w: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if width(line) + 3 + width(part) <= w => {
                line.push_str(" · ");
                line.push_str(part);
            }
            _ => lines.push(truncate(part, w)),
        }
    }
    lines
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
            Constraint::Length(STABILITY_GRID_W),
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

/// The inside of a panel's bordered block.
fn inner_of(area: Rect) -> Rect {
    Block::new().borders(Borders::ALL).inner(area)
}

/// How far the retention list can scroll in a body of this size.
#[must_use]
pub fn max_scroll(st: &StatsState, body: Rect) -> u16 {
    let l = layout(st, body);
    l.panels
        .iter()
        .find(|(p, _)| *p == Panel::Retention)
        .map_or(0, |(_, r)| {
            let inner = inner_of(*r);
            let rows = retention_geometry(st, inner.width as usize).rows;
            // The legend line takes one row.
            let visible = (inner.height.saturating_sub(1) as usize) / rows;
            u16::try_from(st.view.retention.len().saturating_sub(visible)).unwrap_or(u16::MAX)
        })
}

/// Draws the statistics screen into the body area.
pub fn render(app: &App, st: &StatsState, frame: &mut Frame<'_>, body: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let l = layout(st, body);
    frame.render_widget(Paragraph::new(filter_line(app, st)), l.filter);
    if let Some(tabs) = l.tabs {
        let selected = st.panel % Panel::ALL.len();
        let mut titles: Vec<String> = Panel::ALL
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{} {}", i + 1, title(tr, *p)))
            .collect();
        // Each title is padded by a space on both sides, with a divider between.
        let needed = titles.iter().map(|t| width(t) + 2).sum::<usize>() + titles.len() - 1;
        let mut excess = needed.saturating_sub(usize::from(tabs.width));
        // Too narrow for every name: shorten the longest of the other
        // panels' names a cell at a time ("5 Probeprü…"), never the selected one.
        while excess > 0 {
            let longest = titles
                .iter()
                .enumerate()
                .filter(|(i, t)| *i != selected && width(t) > 3)
                .max_by_key(|(_, t)| width(t))
                .map(|(i, _)| i);
            let Some(i) = longest else { break };
            titles[i] = truncate(&titles[i], width(&titles[i]) - 1);
            excess -= 1;
        }
        frame.render_widget(
            Tabs::new(titles)
                .select(selected)
                .highlight_style(t.selected())
                .divider("│")
                .padding(" ", " "),
            tabs,
        );
    }
    for (panel, area) in l.panels {
        let inner = inner_of(area);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(t.dim())
            .title(Line::from(vec![
                Span::styled(format!(" {} ", title(tr, panel)), t.title()),
                Span::styled(format!("{} ", subtitle(tr, st, panel, inner)), t.dim()),
            ]));
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
    let tr = app.tr();
    let all = tr.stats_all();
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
        Span::styled(format!("{}: ", tr.stats_deck()), t.dim()),
        Span::styled(sanitize(&deck), on(st.filter.deck.is_some())),
        Span::styled(format!("  {}: ", tr.stats_tag()), t.dim()),
        Span::styled(sanitize(&tag), on(st.filter.tag.is_some())),
        Span::styled(
            if st.filter.is_empty() {
                String::new()
            } else {
                format!("  (0 {})", tr.stats_clears())
            },
            t.dim(),
        ),
    ])
}

/// Bar width and gap so `n` bars fill about `w` cells.
fn bar_geometry(n: usize, w: u16, max_width: u16) -> (u16, u16) {
    let n = u16::try_from(n.max(1)).unwrap_or(u16::MAX);
    let gaps = n.saturating_sub(1);
    if w >= n.saturating_mul(2).saturating_add(gaps) {
        (((w - gaps) / n).clamp(1, max_width), 1)
    } else if w >= n.saturating_add(gaps) {
        (1, 1)
    } else {
        ((w / n).max(1), 0)
    }
}

/// Renders summary lines under a chart: the chart gets what is left.
fn with_summary(frame: &mut Frame<'_>, area: Rect, parts: &[String]) -> Rect {
    let lines = pack(parts, area.width as usize);
    let n = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(1));
    let [chart, summary] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(n)]).areas(area);
    let text: Vec<Line<'static>> = lines.into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(text), summary);
    chart
}

fn forecast(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let days: Vec<(NaiveDate, usize)> = st.view.forecast.iter().take(30).copied().collect();
    if days.is_empty() {
        frame.render_widget(Paragraph::new(tr.stats_nothing_scheduled()), area);
        return;
    }
    let total: usize = days.iter().map(|d| d.1).sum();
    let (peak_day, peak) = days
        .iter()
        .max_by_key(|(d, n)| (*n, std::cmp::Reverse(*d)))
        .copied()
        .unwrap_or((days[0].0, 0));
    let rest = with_summary(
        frame,
        area,
        &[
            format!("{}: {total}", tr.stats_total()),
            format!("{}: {}", tr.stats_today(), days[0].1),
            format!(
                "{}: {peak} ({})",
                tr.stats_peak(),
                Tr(app.lang).date(peak_day)
            ),
        ],
    );
    let [chart, axis] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(rest);
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
            format!("└{}", tr.stats_today())
        } else {
            format!("└{}", Tr(app.lang).short_date(*date))
        };
        axis_text.push_str(&mark);
        axis_text.push(' ');
    }
    frame.render_widget(
        Paragraph::new(Line::styled(
            truncate(axis_text.trim_end(), area.width as usize),
            t.dim(),
        )),
        axis,
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

/// The heatmap's shape in a panel: the Monday of its first column, the
/// number of week columns and the cells per column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Heatmap {
    today: NaiveDate,
    first_day: NaiveDate,
    start: NaiveDate,
    weeks: usize,
    cell_w: usize,
}

/// As many weeks of the history as fit `w` cells (the newest), with cells
/// of three, two or one character so the map uses the width.
fn heatmap_geometry(st: &StatsState, w: u16) -> Option<Heatmap> {
    let &(today, _) = st.view.history.last()?;
    let first_day = st.view.history.first().map_or(today, |d| d.0);
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let available = usize::try_from((this_monday - first_day).num_days().max(0))
        .unwrap_or(0)
        .div_ceil(7)
        + 1;
    // One cell to spare so a month name over the last column fits.
    let room = (w as usize).saturating_sub(DAY_LABEL_W + 1);
    let cell_w = if available * 3 <= room {
        3
    } else if room >= 2 * 13 {
        2
    } else {
        1
    };
    let weeks = available.min(room / cell_w).max(1);
    Some(Heatmap {
        today,
        first_day,
        start: this_monday - Duration::weeks(weeks as i64 - 1),
        weeks,
        cell_w,
    })
}

fn weekday_names(tr: Tr) -> [&'static str; 7] {
    [
        tr.stats_mon(),
        tr.stats_tue(),
        tr.stats_wed(),
        tr.stats_thu(),
        tr.stats_fri(),
        tr.stats_sat(),
        tr.stats_sun(),
    ]
}

fn month_name(tr: Tr, month: u32) -> &'static str {
    match month {
        1 => tr.stats_jan(),
        2 => tr.stats_feb(),
        3 => tr.stats_mar(),
        4 => tr.stats_apr(),
        5 => tr.stats_may(),
        6 => tr.stats_jun(),
        7 => tr.stats_jul(),
        8 => tr.stats_aug(),
        9 => tr.stats_sep(),
        10 => tr.stats_oct(),
        11 => tr.stats_nov(),
        _ => tr.stats_dec(),
    }
}

/// The month line above the heatmap: every month that starts in a shown
/// week (the current one too) over that week, and the first column's month
/// when there is room for it.
fn month_line(tr: Tr, g: &Heatmap, w: usize) -> String {
    let mut marks: Vec<(usize, &'static str)> = Vec::new();
    for col in 0..g.weeks {
        let monday = g.start + Duration::weeks(col as i64);
        let first = (0..7)
            .map(|i| monday + Duration::days(i))
            .find(|d| d.day() == 1 && *d <= g.today);
        if let Some(d) = first {
            marks.push((DAY_LABEL_W + col * g.cell_w, month_name(tr, d.month())));
        }
    }
    let first_shown = g.start.max(g.first_day);
    if marks.first().is_none_or(|m| m.0 > DAY_LABEL_W) {
        let name = month_name(tr, first_shown.month());
        if marks
            .first()
            .is_none_or(|m| m.0 > DAY_LABEL_W + width(name))
        {
            marks.insert(0, (DAY_LABEL_W, name));
        }
    }
    let mut line = " ".repeat(DAY_LABEL_W);
    for (col, name) in marks {
        // A name over the last columns moves left to stay whole.
        let col = col.min(w.saturating_sub(width(name)));
        let used = width(&line);
        let gap = if used > DAY_LABEL_W { 1 } else { 0 };
        if used + gap <= col {
            line.push_str(&" ".repeat(col - used));
            line.push_str(name);
        }
    }
    line
}

fn activity(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let Some(g) = heatmap_geometry(st, area.width) else {
        frame.render_widget(Paragraph::new(tr.stats_no_reviews_yet()), area);
        return;
    };
    let counts: std::collections::HashMap<NaiveDate, usize> =
        st.view.history.iter().copied().collect();
    let shown: Vec<usize> = st
        .view
        .history
        .iter()
        .filter(|(d, _)| *d >= g.start)
        .map(|d| d.1)
        .collect();
    let max = shown.iter().copied().max().unwrap_or(0);
    let mut lines: Vec<Line<'static>> = vec![Line::styled(
        truncate(
            &month_line(tr, &g, area.width as usize),
            area.width as usize,
        ),
        t.dim(),
    )];
    for (dow, name) in weekday_names(tr).iter().enumerate() {
        let mut spans = vec![Span::styled(format!("{name:<DAY_LABEL_W$}"), t.dim())];
        for w in 0..g.weeks {
            let day = g.start + Duration::days((w * 7 + dow) as i64);
            if day > g.today || day < g.first_day {
                spans.push(Span::raw(" ".repeat(g.cell_w)));
                continue;
            }
            let n = counts.get(&day).copied().unwrap_or(0);
            let level = shade_level(n, max);
            let glyph = SHADES[level];
            let cell = if level == 0 {
                format!("{glyph:<w$}", w = g.cell_w)
            } else {
                glyph.to_string().repeat(g.cell_w.min(2)) + &" ".repeat(g.cell_w.saturating_sub(2))
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
    let total: usize = shown.iter().sum();
    let active = shown.iter().filter(|n| **n > 0).count();
    let parts = [
        format!("{}: {total}", tr.stats_reviews()),
        format!("{}: {active}", tr.stats_active_days()),
        format!("{}: {max}", tr.stats_best_day()),
    ];
    lines.extend(pack(&parts, area.width as usize).into_iter().map(Line::raw));
    frame.render_widget(Paragraph::new(lines), area);
}

fn percent(share: f64) -> u32 {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let p = (share.clamp(0.0, 1.0) * 100.0).round() as u32;
    p
}

/// The retention list's shape: rows per deck (the name above its bar when
/// name and bar do not fit side by side), the name column and the bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RetentionRows {
    rows: usize,
    name_w: usize,
    bar_w: usize,
}

/// Cells after the bar: ` 100 % ✓`.
const RETENTION_TAIL: usize = 8;

fn retention_geometry(st: &StatsState, w: usize) -> RetentionRows {
    let longest = st
        .view
        .retention
        .iter()
        .map(|(name, _)| width(&sanitize(name)))
        .max()
        .unwrap_or(0)
        .max(6);
    let side_by_side = w.saturating_sub(longest + 1 + RETENTION_TAIL);
    if side_by_side >= 12 {
        RetentionRows {
            rows: 1,
            name_w: longest,
            bar_w: side_by_side.min(50),
        }
    } else {
        RetentionRows {
            rows: 2,
            name_w: w.saturating_sub(2),
            bar_w: w.saturating_sub(2 + RETENTION_TAIL).clamp(5, 50),
        }
    }
}

fn retention(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let w = area.width as usize;
    let g = retention_geometry(st, w);
    let target = st.view.desired_retention;
    let mut lines: Vec<Line<'static>> = Vec::new();
    if st.view.retention.is_empty() {
        lines.push(Line::raw(tr.stats_no_decks()));
    }
    let visible_lines = (area.height as usize).saturating_sub(1);
    let visible = visible_lines / g.rows;
    let max = st.view.retention.len().saturating_sub(visible);
    let skip = (st.scroll as usize).min(max);
    for (name, value) in st.view.retention.iter().skip(skip).take(visible) {
        let name = truncate(&sanitize(name), g.name_w);
        let mut spans = if g.rows == 1 {
            let pad = " ".repeat(g.name_w.saturating_sub(width(&name)) + 1);
            vec![Span::raw(format!("{name}{pad}"))]
        } else {
            lines.push(Line::raw(name));
            vec![Span::raw("  ")]
        };
        let bar_w = g.bar_w.max(1);
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let mark = ((target.clamp(0.0, 1.0) * bar_w as f64).round() as usize).min(bar_w - 1);
        match value {
            Some(v) => {
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    clippy::cast_precision_loss
                )]
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
                let pw = width(&Tr(app.lang).percent(100));
                spans.push(Span::raw(format!(
                    " {:>pw$}",
                    Tr(app.lang).percent(percent(*v))
                )));
                spans.push(Span::styled(if ok { " ✓" } else { " ✗" }, bar_style));
            }
            None => spans.push(Span::styled(
                truncate(tr.stats_deck_no_reviews(), bar_w + RETENTION_TAIL),
                t.dim(),
            )),
        }
        lines.push(Line::from(spans));
    }
    while lines.len() < visible_lines {
        lines.push(Line::default());
    }
    lines.push(Line::styled(
        truncate(
            &format!(
                "│ = {} {}",
                tr.stats_target(),
                Tr(app.lang).percent(percent(target))
            ),
            w,
        ),
        t.dim(),
    ));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The label of stability bucket `i`, with units (`≤7d`, `>1y`) or without
/// (`≤7`, `>365`, in days).
fn bucket_label(tr: Tr, i: usize, units: bool) -> String {
    let days = |d: f64| {
        if !units {
            format!("{d}")
        } else if d >= 365.0 {
            format!("{}{}", (d / 365.0).round(), tr.stats_year_unit())
        } else {
            format!("{d}{}", tr.stats_day_unit())
        }
    };
    match STABILITY_BUCKETS.get(i) {
        Some(&b) => format!("≤{}", days(b)),
        None => format!(">{}", days(STABILITY_BUCKETS[STABILITY_BUCKETS.len() - 1])),
    }
}

fn stability(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let counts = &st.view.stability;
    let total: usize = counts.iter().sum();
    let (bw, gap) = bar_geometry(counts.len(), area.width, 7);
    // Units when every label fits its bar, else plain days.
    let units = (0..counts.len()).all(|i| width(&bucket_label(tr, i, true)) <= usize::from(bw));
    let parts = [
        format!("{}: {total}", tr.stats_with_memory()),
        tr.stats_in_days().to_owned(),
    ];
    let chart = with_summary(frame, area, &parts);
    let bars: Vec<Bar<'_>> = counts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            Bar::default()
                .value(*n as u64)
                .label(Line::from(bucket_label(tr, i, units)))
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
}

fn quizzes(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let lang = app.lang;
    let q = &st.view.quizzes;
    let Some(&(last_day, last_pct, last_grade)) = q.last() else {
        frame.render_widget(Paragraph::new(tr.stats_no_quizzes()), area);
        return;
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let pct = |x: f64| x.clamp(0.0, 100.0).round() as u32;
    let best = q.iter().map(|x| x.1).fold(f64::MIN, f64::max);
    let parts = [
        format!(
            "{}: {} {} ({} {})",
            tr.stats_last(),
            Tr(lang).date(last_day),
            Tr(lang).percent(pct(last_pct)),
            tr.stats_grade(),
            Tr(lang).num(last_grade, 1),
        ),
        format!("{}: {}", tr.stats_best(), Tr(lang).percent(pct(best))),
        tr.stats_quiz_count(q.len()),
    ];
    let chart = with_summary(frame, area, &parts);
    // One bar per quiz while bars of two cells fit: readable however the
    // quizzes spread over the days.
    let (bw, gap) = bar_geometry(q.len(), chart.width, 8);
    if bw >= 2 && gap == 1 {
        let date_w = width(&Tr(lang).short_date(last_day));
        let bars: Vec<Bar<'_>> = q
            .iter()
            .enumerate()
            .map(|(i, (day, score, _))| {
                let p = pct(*score);
                let value = if usize::from(bw) >= width(&Tr(lang).percent(p)) {
                    Tr(lang).percent(p)
                } else {
                    p.to_string()
                };
                // The date under the first quiz of each day, or the quiz
                // number when dates do not fit.
                let label = if usize::from(bw) >= date_w {
                    if i > 0 && q[i - 1].0 == *day {
                        String::new()
                    } else {
                        Tr(lang).short_date(*day)
                    }
                } else {
                    (i + 1).to_string()
                };
                Bar::default()
                    .value(u64::from(p))
                    .text_value(value)
                    .label(Line::from(label))
            })
            .collect();
        frame.render_widget(
            BarChart::default()
                .data(BarGroup::default().bars(&bars))
                .bar_width(bw)
                .bar_gap(gap)
                .max(100)
                .bar_style(t.gauge())
                .value_style(t.selected())
                .label_style(t.dim()),
            chart,
        );
        return;
    }
    // Many quizzes: a line over the quiz number.
    #[allow(clippy::cast_precision_loss)]
    let points: Vec<(f64, f64)> = q
        .iter()
        .enumerate()
        .map(|(i, (_, score, _))| ((i + 1) as f64, score.clamp(0.0, 100.0)))
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let n = q.len() as f64;
    let chart_widget = Chart::new(vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.gauge())
            .data(&points),
    ])
    .x_axis(
        Axis::default()
            .bounds([1.0, n.max(2.0)])
            .style(t.dim())
            .labels([
                format!(
                    "{} 1 ({})",
                    tr.stats_quiz_number(),
                    Tr(lang).short_date(q[0].0)
                ),
                format!("{} ({})", q.len(), Tr(lang).short_date(last_day)),
            ]),
    )
    .y_axis(Axis::default().bounds([0.0, 100.0]).style(t.dim()).labels([
        Tr(lang).percent(0),
        Tr(lang).percent(50),
        Tr(lang).percent(100),
    ]));
    frame.render_widget(chart_widget, chart);
}

fn streak(app: &App, st: &StatsState, frame: &mut Frame<'_>, area: Rect) {
    let t = app.theme;
    let tr = app.tr();
    let (current, longest) = st.view.streak;
    let days = |n: u32| {
        if n == 1 {
            tr.stats_day()
        } else {
            tr.stats_days()
        }
    };
    let big = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{:<10}", tr.stats_current()), t.dim()),
            Span::styled(format!("{current:>4} {}", days(current)), big),
        ]),
        Line::from(vec![
            Span::styled(format!("{:<10}", tr.stats_longest()), t.dim()),
            Span::styled(format!("{longest:>4} {}", days(longest)), big),
        ]),
        Line::default(),
        Line::styled(tr.stats_last_14(), t.dim()),
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
    let tr = app.tr();
    vec![
        ("d".to_owned(), tr.stats_hint_deck().to_owned()),
        ("g".to_owned(), tr.stats_hint_tag().to_owned()),
        ("n/p".to_owned(), tr.stats_hint_panel().to_owned()),
    ]
}

/// Extra rows for the help popup.
#[must_use]
pub fn help_rows(app: &App) -> Vec<(String, String)> {
    let tr = app.tr();
    vec![
        ("d".to_owned(), tr.stats_help_deck().to_owned()),
        ("g".to_owned(), tr.stats_help_tag().to_owned()),
        ("0".to_owned(), tr.stats_help_clear().to_owned()),
        ("n/→ p/←".to_owned(), tr.stats_help_panel().to_owned()),
        (
            format!("1–{}", Panel::ALL.len()),
            tr.stats_help_jump().to_owned(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_wraps_parts_at_the_width() {
        let parts = ["aaaa".to_owned(), "bbbb".to_owned(), "cc".to_owned()];
        assert_eq!(pack(&parts, 80), vec!["aaaa · bbbb · cc"]);
        assert_eq!(pack(&parts, 11), vec!["aaaa · bbbb", "cc"]);
        assert_eq!(pack(&parts, 3), vec!["aa…", "bb…", "cc"]);
    }
}
