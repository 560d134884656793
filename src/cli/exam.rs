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
fn parse_date(value: &str) -> Result<NaiveDate> {
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
    parsed.ok_or_else(|| {
        usage(format!(
            "--date {value:?} is not a date; write it as YYYY-MM-DD, e.g. 2027-02-15"
        ))
    })
}

fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(usage(
            "the exam needs a name, e.g. `kartei exam add Abschluss --date 2027-02-15`".to_owned(),
        ));
    }
    if name.chars().any(char::is_control) || name.trim() != name {
        return Err(usage(format!(
            "exam name {name:?} has control characters or leading/trailing spaces; pick a plain name"
        )));
    }
    Ok(())
}

fn find(collection: &Collection, name: &str) -> Result<Exam> {
    let exams = collection.exams();
    exams
        .iter()
        .find(|e| e.name == name)
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = exams.iter().map(|e| e.name.as_str()).collect();
            usage(format!(
                "there is no exam {name:?}; exams: {}",
                if known.is_empty() {
                    "(none; add one with `kartei exam add NAME --date YYYY-MM-DD`)".to_owned()
                } else {
                    known.join(", ")
                }
            ))
        })
}

fn add(
    ctx: &Context,
    name: &str,
    date: &str,
    decks: Vec<String>,
    tags: Vec<String>,
) -> Result<ExitCode> {
    check_name(name)?;
    let date = parse_date(date)?;
    let mut collection = open_collection(ctx, false)?;
    let today = collection.clock(ctx.now).today();
    if date < today {
        return Err(usage(format!(
            "the exam date {date} is in the past (today is {today}); give today or a later day"
        )));
    }
    for id in &decks {
        if collection.decks().deck(id).is_none() {
            let known: Vec<&str> = collection
                .decks()
                .decks
                .iter()
                .map(|d| d.id.as_str())
                .collect();
            return Err(usage(format!(
                "there is no deck `{id}`; decks: {}",
                known.join(", ")
            )));
        }
    }
    for tag in &tags {
        if !collection.cards().any(|c| c.tags.contains(tag)) {
            return Err(usage(format!(
                "no card has the tag `{tag}`; see `kartei list` for the cards and their tags"
            )));
        }
    }
    if collection.exams().iter().any(|e| e.name == name) {
        return Err(usage(format!(
            "there is already an exam {name:?}; remove it first with `kartei exam rm {name:?}` or pick another name"
        )));
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
    say!("Exam {name:?} on {date} added ({} left).", days_text(days))?;
    Ok(ExitCode::SUCCESS)
}

fn remove(ctx: &Context, name: &str) -> Result<ExitCode> {
    let mut collection = open_collection(ctx, false)?;
    find(&collection, name)?;
    collection.append(
        ctx.now,
        EventBody::ExamRemove {
            name: name.to_owned(),
        },
    )?;
    say!("Exam {name:?} removed (your progress is unchanged).")?;
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
        writeln!(
            out,
            "no exams yet; add one with `kartei exam add NAME --date YYYY-MM-DD`"
        )?;
    }
    for e in &listed {
        writeln!(
            out,
            "{:<20} {}  {:<14} {}",
            e.name,
            e.date,
            if e.days_left < 0 {
                "over".to_owned()
            } else {
                days_text(e.days_left)
            },
            scope_text(e.decks, e.tags)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn status(ctx: &Context, name: Option<&str>, json: bool) -> Result<ExitCode> {
    let collection = open_collection(ctx, true)?;
    let exam = match name {
        Some(name) => find(&collection, name)?,
        None => next_exam(&collection, ctx.now).ok_or_else(|| {
            usage("no exam ahead; add one with `kartei exam add NAME --date YYYY-MM-DD`".to_owned())
        })?,
    };
    let report = readiness(&collection, &exam, ctx.now);
    let mut out = crate::sanitize::stdout();
    if json {
        crate::sanitize::write_json(&mut out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    print_status(&mut out, &collection, &exam, &report)?;
    Ok(ExitCode::SUCCESS)
}

fn print_status(
    out: &mut impl std::io::Write,
    collection: &Collection,
    exam: &Exam,
    r: &Readiness,
) -> Result<()> {
    let pct = |x: f64| format!("{:.1} %", x * 100.0);
    let when = if r.days_left < 0 {
        "over".to_owned()
    } else {
        format!("{} left", days_text(r.days_left))
    };
    writeln!(
        out,
        "{} · {} · {when} · {}",
        r.name,
        r.date,
        scope_text(&exam.decks, &exam.tags)
    )?;
    writeln!(
        out,
        "expected recall on the day: {} · {} cards, {} not studied yet",
        pct(r.expected_recall),
        r.cards,
        r.unstudied
    )?;
    writeln!(
        out,
        "\n{:<28} {:>6} {:>10} {:>9}",
        "deck", "cards", "unstudied", "recall"
    )?;
    for g in &r.by_deck {
        writeln!(
            out,
            "{:<28} {:>6} {:>10} {:>9}",
            g.id,
            g.cards,
            g.unstudied,
            pct(g.expected_recall)
        )?;
    }
    writeln!(
        out,
        "\n{:<28} {:>6} {:>10} {:>9}",
        "tag", "cards", "unstudied", "recall"
    )?;
    for g in &r.by_tag {
        writeln!(
            out,
            "{:<28} {:>6} {:>10} {:>9}",
            g.id,
            g.cards,
            g.unstudied,
            pct(g.expected_recall)
        )?;
    }
    if r.days_left >= 0 {
        writeln!(
            out,
            "\ntoday's plan: {} new, {} reviews, about {} min",
            r.plan.new_today, r.plan.reviews_today, r.plan.minutes_today
        )?;
    }
    if !r.weakest.is_empty() {
        let at = crate::study::exam::exam_start(collection, r.date);
        writeln!(out, "\nweakest cards (predicted recall on the day):")?;
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

fn days_text(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

fn scope_text(decks: &[String], tags: &[String]) -> String {
    if decks.is_empty() && tags.is_empty() {
        return "all decks".to_owned();
    }
    let mut parts: Vec<String> = decks.iter().map(|d| format!("deck {d}")).collect();
    parts.extend(tags.iter().map(|t| format!("tag {t}")));
    parts.join(", ")
}
