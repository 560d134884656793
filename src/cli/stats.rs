//! `kartei stats` and `kartei due`: progress without the interface, as text
//! or JSON for scripts.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::Context;
use super::tui::open_collection;
use crate::collection::{Collection, Scope};
use crate::i18n::Tr;
use crate::stats::{self, DeckCounts};
use crate::study::today;

#[derive(Serialize)]
struct ForecastDay {
    date: NaiveDate,
    due: usize,
}

#[derive(Serialize)]
struct HistoryDay {
    date: NaiveDate,
    reviews: usize,
}

#[derive(Serialize)]
struct QuizPoint {
    date: NaiveDate,
    score: f64,
    grade: f64,
}

#[derive(Serialize)]
struct StatsReport {
    decks: Vec<DeckCounts>,
    total: DeckCounts,
    retention_30d: Option<f64>,
    desired_retention: f32,
    streak_days: u32,
    longest_streak_days: u32,
    forecast: Vec<ForecastDay>,
    history: Vec<HistoryDay>,
    quizzes: Vec<QuizPoint>,
}

fn scope(
    collection: &Collection,
    lang: crate::i18n::Lang,
    deck: Option<&str>,
    tag: Option<&str>,
) -> Result<Scope> {
    match (deck, tag) {
        (Some(_), Some(_)) => anyhow::bail!("{}", Tr(lang).deck_or_tag()),
        (Some(id), None) => {
            super::check::require_deck(collection.decks(), id, Tr(lang))?;
            Ok(Scope::Deck(id.to_owned()))
        }
        (None, Some(tag)) => Ok(Scope::Tag(tag.to_owned())),
        (None, None) => Ok(Scope::All),
    }
}

fn report(collection: &Collection, scope: &Scope, now: DateTime<Utc>) -> StatsReport {
    let clock = collection.clock(now);
    let decks = today::deck_counts(collection, scope, now);
    let total = today::counts(collection, "total", scope, now);
    let in_scope: std::collections::HashSet<&crate::deck::CardId> = collection
        .cards()
        .filter(|c| scope.includes(c))
        .map(|c| &c.id)
        .collect();
    let records: Vec<_> = collection
        .review_records()
        .into_iter()
        .filter(|r| *scope == Scope::All || in_scope.contains(r.card))
        .collect();
    let streak = stats::streak(&records, &clock);
    let states = in_scope
        .iter()
        .filter_map(|id| collection.states().get(*id));
    StatsReport {
        decks,
        total,
        retention_30d: stats::true_retention(&records, &clock, 30),
        desired_retention: collection.config().scheduler.desired_retention,
        streak_days: streak.current,
        longest_streak_days: streak.longest,
        forecast: stats::forecast(states, &clock, 30)
            .into_iter()
            .map(|d| ForecastDay {
                date: d.date,
                due: d.count,
            })
            .collect(),
        history: stats::history(&records, &clock, 26 * 7)
            .into_iter()
            .map(|d| HistoryDay {
                date: d.date,
                reviews: d.count,
            })
            .collect(),
        quizzes: stats::series::quiz_series(
            collection.journal().events(),
            clock.offset,
            clock.day_start_hour,
        )
        .into_iter()
        .map(|q| QuizPoint {
            date: q.date,
            score: q.score,
            grade: q.grade,
        })
        .collect(),
    }
}

/// `kartei stats [--deck ID] [--tag TAG] [--json]`.
///
/// # Errors
/// The journal cannot be read, an unknown deck, or stdout fails.
pub fn stats(ctx: &Context, deck: Option<&str>, tag: Option<&str>, json: bool) -> Result<ExitCode> {
    let collection = open_collection(ctx, true)?;
    let code = super::check::report_deck_errors(collection.decks(), ctx.lang);
    let scope = scope(&collection, ctx.lang, deck, tag)?;
    let report = report(&collection, &scope, ctx.now);
    let mut out = crate::sanitize::stdout();
    if json {
        crate::sanitize::write_json(&mut out, &report)?;
        return Ok(code);
    }
    let tr = Tr(ctx.lang);
    writeln!(
        out,
        "{:<24} {:>6} {:>6} {:>9} {:>6} {:>10} {:>10}",
        tr.col_deck(),
        tr.col_cards(),
        tr.col_new(),
        tr.col_learning(),
        tr.col_due(),
        tr.col_reviewed(),
        tr.col_suspended()
    )?;
    for d in report.decks.iter().chain(std::iter::once(&report.total)) {
        let id = if std::ptr::eq(d, &report.total) {
            tr.total_row()
        } else {
            d.id.as_str()
        };
        writeln!(
            out,
            "{id:<24} {:>6} {:>6} {:>9} {:>6} {:>10} {:>10}",
            d.cards, d.new, d.learning, d.due, d.reviewed_today, d.suspended
        )?;
    }
    let retention = report.retention_30d.map_or_else(
        || tr.no_reviews_yet().to_owned(),
        |r| tr.percent_of(r * 100.0, 1),
    );
    writeln!(
        out,
        "{}",
        tr.retention_line(&retention, f64::from(report.desired_retention) * 100.0)
    )?;
    writeln!(
        out,
        "{}",
        tr.streak_line(report.streak_days, report.longest_streak_days)
    )?;
    let week: usize = report.forecast.iter().take(7).map(|d| d.due).sum();
    writeln!(out, "{}", tr.week_line(week))?;
    if let Some(last) = report.quizzes.last() {
        writeln!(
            out,
            "{}",
            tr.last_quiz_line(last.date, last.score, &tr.grade_value(last.grade))
        )?;
    }
    Ok(code)
}

/// `kartei due [--json]`: the learning and due cards of today, and when
/// the next one after that comes.
///
/// # Errors
/// The journal cannot be read, or stdout fails.
pub fn due(ctx: &Context, json: bool) -> Result<ExitCode> {
    let collection = open_collection(ctx, true)?;
    let code = super::check::report_deck_errors(collection.decks(), ctx.lang);
    let now = ctx.now;
    let report = today::due_today(&collection, &Scope::All, now);
    let mut out = crate::sanitize::stdout();
    if json {
        crate::sanitize::write_json(&mut out, &report)?;
        return Ok(code);
    }
    let tr = Tr(ctx.lang);
    let local = |t: DateTime<Utc>| tr.date_time(t, ctx.offset);
    writeln!(out, "{}", tr.due_line(report.due_now, report.due_today))?;
    for c in &report.cards {
        let when = if c.due <= now {
            tr.now_word().to_owned()
        } else {
            local(c.due)
        };
        writeln!(
            out,
            "{when:>16}  {:<20} {}",
            c.deck,
            crate::ui::text::truncate(
                &crate::ui::text::sanitize(&c.question).replace('\n', " "),
                50
            )
        )?;
    }
    match report.next_due {
        Some(t) => writeln!(out, "{}", tr.next_after_today(&local(t)))?,
        None if report.cards.is_empty() => {
            writeln!(out, "{}", tr.nothing_scheduled())?;
        }
        None => {}
    }
    Ok(code)
}
