//! The deck overview: one row per deck with today's counts and mastery.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::DeckRow;
use super::app::App;
use super::text::{sanitize, truncate, width, wrap_plain};

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

pub(super) fn render_overview(app: &App, frame: &mut Frame<'_>, area: Rect) {
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
        let counts = |row: &DeckRow| [row.new, row.learning, row.due, row.total];
        // Each column as wide as its heading, its widest count and 5.
        let num_w: Vec<usize> = (0..nums.len())
            .map(|i| {
                let widest = ov.decks.iter().map(|r| counts(r)[i].to_string().len());
                widest.fold(width(nums[i]).max(5), usize::max)
            })
            .collect();
        let bar_cells = 10;
        let pct_w = width(&tr.percent(100));
        let mastery_w = bar_cells + 1 + pct_w;
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
            let vals = counts(row);
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
            spans.push(Span::styled(format!(" {:>pct_w$}", tr.percent(pct)), base));
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
        Span::raw(tr.days_n(ov.streak_days)),
    ]));
    if let Some(exam) = &ov.exam {
        lines.push(super::exam_screen::overview_line(app, exam, w));
    }
    let orphans = (ov.orphans > 0).then(|| format!("{} {}", ov.orphans, tr.orphans_note()));
    let problems = ov.deck_problems.iter().map(|d| problem_line(d, app.lang));
    let problems: Vec<String> = problems.collect();
    if !problems.is_empty() || !ov.status.is_empty() || orphans.is_some() {
        lines.push(Line::default());
        for msg in problems.iter().chain(&ov.status).chain(&orphans) {
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

/// A deck that did not load, on one line: `file:line:column: message`, in
/// the interface language.
#[must_use]
pub(super) fn problem_line(d: &crate::deck::Diagnostic, lang: crate::i18n::Lang) -> String {
    format!("{}:{}:{}: {}", d.file, d.line, d.column, d.message(lang))
}
