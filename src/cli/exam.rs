//! `kartei exam add|list|rm|status`: exams as journal events, and how
//! ready the student is for them.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use super::tui::open_collection;
use super::{Context, ExamAction, UsageError};
use crate::collection::Collection;
use crate::i18n::Tr;
use crate::progress::{EventBody, Exam};
use crate::study::exam::{Readiness, next_exam, readiness};

/// Runs one `exam` action.
///
/// # Errors
/// A [`UsageError`] (exit 2, nothing written) for bad input; the journal
/// cannot be opened or written.
pub fn run(ctx: &Context, action: ExamAction) -> Result<ExitCode> {
    match action {
        ExamAction::Add {
            name,
            date,
            deck,
            tag,
        } => add(ctx, &name, &date, deck, tag),
        ExamAction::List { json } => list(ctx, json),
        ExamAction::Rm { name } => remove(ctx, &name),
        ExamAction::Status { name, json } => status(ctx, name.as_deref(), json),
    }
}

fn usage(message: String) -> anyhow::Error {
    UsageError(message).into()
}

/// Parses `YYYY-MM-DD` strictly.
fn parse_date(value: &str, tr: Tr) -> Result<NaiveDate> {
    let ok_shape = value.len() == 10
        && value.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let parsed = ok_shape
        .then(|| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
        .flatten();
    parsed.ok_or_else(|| usage(tr.exam_bad_date(value)))
}

fn check_name(name: &str, tr: Tr) -> Result<()> {
    if name.trim().is_empty() {
        return Err(usage(tr.exam_needs_name()));
    }
    if name.chars().any(char::is_control) || name.trim() != name {
        return Err(usage(tr.exam_bad_name(name)));
    }
    Ok(())
}

fn find(collection: &Collection, name: &str, tr: Tr) -> Result<Exam> {
    let exams = collection.exams();
    exams
        .iter()
        .find(|e| e.name == name)
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = exams.iter().map(|e| e.name.as_str()).collect();
            usage(tr.exam_unknown(name, &known))
        })
}

fn add(
    ctx: &Context,
    name: &str,
    date: &str,
    decks: Vec<String>,
    tags: Vec<String>,
) -> Result<ExitCode> {
    let tr = Tr(ctx.lang);
    check_name(name, tr)?;
    let date = parse_date(date, tr)?;
    let mut collection = open_collection(ctx, false)?;
    let today = collection.clock(ctx.now).today();
    if date < today {
        return Err(usage(tr.exam_in_past(date, today)));
    }
    for id in &decks {
        if collection.decks().deck(id).is_none() {
            return Err(usage(tr.unknown_deck(id, collection.decks())));
        }
    }
    for tag in &tags {
        if !collection.cards().any(|c| c.tags.contains(tag)) {
            return Err(usage(tr.no_card_with_tag(tag)));
        }
    }
    if collection.exams().iter().any(|e| e.name == name) {
        return Err(usage(tr.exam_exists(name)));
    }
    collection.append(
        ctx.now,
        EventBody::ExamAdd {
            name: name.to_owned(),
            date,
            decks,
            tags,
        },
    )?;
    let days = (date - today).num_days();
    say!("{}", tr.exam_added(name, date, days))?;
    Ok(ExitCode::SUCCESS)
}

fn remove(ctx: &Context, name: &str) -> Result<ExitCode> {
    let mut collection = open_collection(ctx, false)?;
    find(&collection, name, Tr(ctx.lang))?;
    collection.append(
        ctx.now,
        EventBody::ExamRemove {
            name: name.to_owned(),
        },
    )?;
    say!("{}", Tr(ctx.lang).exam_removed(name))?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct ListedExam<'a> {
    name: &'a str,
    date: NaiveDate,
    days_left: i64,
    decks: &'a [String],
    tags: &'a [String],
}

fn list(ctx: &Context, json: bool) -> Result<ExitCode> {
    let tr = Tr(ctx.lang);
    let collection = open_collection(ctx, true)?;
    let today = collection.clock(ctx.now).today();
    let exams = collection.exams();
    let listed: Vec<ListedExam<'_>> = exams
        .iter()
        .map(|e| ListedExam {
            name: &e.name,
            date: e.date,
            days_left: (e.date - today).num_days(),
            decks: &e.decks,
            tags: &e.tags,
        })
        .collect();
    let mut out = crate::sanitize::stdout();
    if json {
        crate::sanitize::write_json(&mut out, &listed)?;
        return Ok(ExitCode::SUCCESS);
    }
    if listed.is_empty() {
        writeln!(out, "{}", tr.no_exams())?;
    }
    for e in &listed {
        writeln!(
            out,
            "{:<20} {}  {:<14} {}",
            e.name,
            tr.date(e.date),
            tr.exam_when(e.days_left),
            tr.exam_scope(e.decks, e.tags)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn status(ctx: &Context, name: Option<&str>, json: bool) -> Result<ExitCode> {
    let collection = open_collection(ctx, true)?;
    let exam = match name {
        Some(name) => find(&collection, name, Tr(ctx.lang))?,
        None => {
            next_exam(&collection, ctx.now).ok_or_else(|| usage(Tr(ctx.lang).no_exam_ahead()))?
        }
    };
    let report = readiness(&collection, &exam, ctx.now);
    let mut out = crate::sanitize::stdout();
    if json {
        crate::sanitize::write_json(&mut out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    print_status(&mut out, &collection, &exam, &report, Tr(ctx.lang))?;
    Ok(ExitCode::SUCCESS)
}

fn print_status(
    out: &mut impl std::io::Write,
    collection: &Collection,
    exam: &Exam,
    r: &Readiness,
    tr: Tr,
) -> Result<()> {
    let pct = |x: f64| tr.percent_of(x * 100.0, 1);
    writeln!(
        out,
        "{} · {} · {} · {}",
        r.name,
        tr.date(r.date),
        tr.exam_when(r.days_left),
        tr.exam_scope(&exam.decks, &exam.tags)
    )?;
    writeln!(
        out,
        "{}",
        tr.exam_recall_line(&pct(r.expected_recall), r.cards, r.unstudied)
    )?;
    // One table per deck, one per tag.
    for (by_tag, groups) in [(false, &r.by_deck), (true, &r.by_tag)] {
        let [g, c, u, rc] = tr.exam_heads(by_tag);
        writeln!(out, "\n{g:<28} {c:>6} {u:>10} {rc:>10}")?;
        for g in groups {
            writeln!(
                out,
                "{:<28} {:>6} {:>10} {:>10}",
                g.id,
                g.cards,
                g.unstudied,
                pct(g.expected_recall)
            )?;
        }
    }
    if r.days_left >= 0 {
        writeln!(
            out,
            "\n{}",
            tr.exam_plan_line(r.plan.new_today, r.plan.reviews_today, r.plan.minutes_today)
        )?;
    }
    if !r.weakest.is_empty() {
        let at = crate::study::exam::exam_start(collection, r.date);
        writeln!(out, "\n{}", tr.exam_weakest_head())?;
        for id in &r.weakest {
            let question = collection.card(id).map_or_else(String::new, |(_, c)| {
                crate::ui::text::truncate(
                    &crate::ui::text::sanitize(&c.question()).replace('\n', " "),
                    46,
                )
            });
            writeln!(
                out,
                "  {:>6}  {:<22} {question}",
                pct(crate::study::exam::recall_at(collection, id, at)),
                id.as_str()
            )?;
        }
    }
    Ok(())
}
