//! `kartei quiz`: start a timed quiz in the terminal interface, or list past
//! quizzes from the journal (`--history [--json]`).

use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;

use super::{Context, QuizArgs};
use crate::i18n::{Lang, Tr};
use crate::progress::{EventBody, Journal};
use crate::quiz::{QuizSpec, parse_forms};
use crate::scheduler::parse_duration;

/// Runs `kartei quiz`.
///
/// # Errors
/// Bad arguments, an unreadable journal, or the interface failing.
pub fn run(ctx: &Context, args: &QuizArgs) -> Result<ExitCode> {
    if args.history {
        return history(ctx, args.json);
    }
    if args.json {
        bail!("{}", Tr(ctx.lang).json_needs_history());
    }
    let mut spec = spec_from_args(args, ctx.now, ctx.lang)?;
    // Whether answers move the schedule is remembered in config.toml.
    let mut config = crate::config::Config::load(&ctx.config_path)?;
    match args.reschedule {
        None => spec.reschedule = config.quiz.reschedule,
        Some(_) if config.quiz.reschedule != spec.reschedule => {
            config.quiz.reschedule = spec.reschedule;
            config
                .save_section(&ctx.config_path, "quiz")
                .context(Tr(ctx.lang).remember_reschedule_failed())?;
        }
        Some(_) => {}
    }
    if let Some(name) = &args.exam {
        let collection = super::tui::open_collection(ctx, true)?;
        let exam = collection
            .exams()
            .into_iter()
            .find(|e| &e.name == name)
            .ok_or_else(|| super::UsageError(Tr(ctx.lang).no_exam_named(name)))?;
        spec.decks = exam.decks;
        spec.tags = exam.tags;
    }
    super::tui::run_quiz(ctx, spec)
}

fn duration_arg(flag: &str, value: &str, tr: Tr) -> Result<Duration> {
    let d =
        parse_duration(value).map_err(|_| anyhow::anyhow!("{}", tr.bad_duration(flag, value)))?;
    d.to_std()
        .with_context(|| tr.duration_not_positive(flag, value))
}

/// The quiz the arguments describe. Defaults: every deck, 20 questions,
/// 1 minute per question, every form, a seed from the clock.
///
/// # Errors
/// A zero count, a duration or form list that does not parse.
pub fn spec_from_args(args: &QuizArgs, now: DateTime<Utc>, lang: Lang) -> Result<QuizSpec> {
    let tr = Tr(lang);
    let count = args.count.unwrap_or(crate::quiz::DEFAULT_COUNT);
    if count == 0 {
        bail!("{}", tr.count_at_least_one());
    }
    let time_limit = args
        .time
        .as_deref()
        .map(|v| duration_arg("--time", v, tr))
        .transpose()?;
    let per_question = args
        .per_question
        .as_deref()
        .map(|v| duration_arg("--per-question", v, tr))
        .transpose()?;
    let forms = if args.forms.is_empty() {
        crate::quiz::Form::ALL.to_vec()
    } else {
        parse_forms(&args.forms.join(","))
            .map_err(|e| anyhow::anyhow!("{}", tr.bad_forms(&e.to_string())))?
    };
    Ok(QuizSpec {
        decks: args.deck.clone(),
        tags: args.tag.clone(),
        count,
        time_limit,
        per_question,
        forms,
        seed: args
            .seed
            .unwrap_or_else(|| u64::try_from(now.timestamp_millis()).unwrap_or(0)),
        studied_only: args.studied_only,
        reschedule: args.reschedule.is_none_or(|r| r == super::YesNo::Yes),
    })
}

/// One past quiz, as `--history --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuizSummary {
    pub id: String,
    /// When it started (UTC, RFC 3339).
    pub date: DateTime<Utc>,
    pub decks: Vec<String>,
    pub tags: Vec<String>,
    pub score: f64,
    pub max: f64,
    pub percent: f64,
    /// German grade 1.0..=5.0; none for an abandoned or unfinished quiz.
    pub grade: Option<f64>,
    pub duration_s: u64,
    pub abandoned: bool,
    /// False when the journal has no `QuizEnd` (kartei was closed or
    /// crashed mid-quiz); score and time then come from the answers given,
    /// and the questions never reached count as wrong.
    pub finished: bool,
}

/// Pairs `QuizStart` with `QuizEnd` (and the answers) by quiz id, oldest
/// first.
#[must_use]
pub fn summaries(events: &[crate::progress::Event]) -> Vec<QuizSummary> {
    let mut out: Vec<QuizSummary> = Vec::new();
    let find = |out: &[QuizSummary], id: &str| out.iter().position(|q| q.id == id);
    for ev in events {
        match &ev.body {
            EventBody::QuizStart {
                quiz,
                decks,
                tags,
                count,
                ..
            } if find(&out, quiz).is_none() => {
                out.push(QuizSummary {
                    id: quiz.clone(),
                    date: ev.ts,
                    decks: decks.clone(),
                    tags: tags.clone(),
                    score: 0.0,
                    max: f64::from(*count),
                    percent: 0.0,
                    grade: None,
                    duration_s: 0,
                    abandoned: true,
                    finished: false,
                });
            }
            EventBody::QuizAnswer {
                quiz, score, ms, ..
            } => {
                if let Some(i) = find(&out, quiz)
                    && !out[i].finished
                {
                    out[i].score += score;
                    out[i].duration_s += ms / 1000;
                }
            }
            EventBody::QuizEnd {
                quiz,
                score,
                max,
                grade,
                duration_ms,
                abandoned,
            } => {
                if let Some(i) = find(&out, quiz) {
                    let q = &mut out[i];
                    q.score = *score;
                    q.max = *max;
                    q.grade = (!*abandoned).then_some(*grade);
                    q.duration_s = duration_ms / 1000;
                    q.abandoned = *abandoned;
                    q.finished = true;
                }
            }
            _ => {}
        }
    }
    for q in &mut out {
        q.percent = if q.max > 0.0 {
            q.score * 100.0 / q.max
        } else {
            0.0
        };
    }
    out
}

fn mm_ss(secs: u64) -> String {
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

fn points(tr: Tr, v: f64) -> String {
    tr.short_num(v, 2)
}

/// The text table of past quizzes.
#[must_use]
pub fn history_text(quizzes: &[QuizSummary], offset: FixedOffset, tr: Tr) -> String {
    let rows: Vec<[String; 5]> = quizzes
        .iter()
        .map(|q| {
            let mut scope = if q.decks.is_empty() {
                tr.all_decks().to_owned()
            } else {
                q.decks.join(", ")
            };
            for t in &q.tags {
                scope.push_str(&format!(" #{t}"));
            }
            let grade = match q.grade {
                Some(g) => tr.grade_value(g),
                None if !q.finished => tr.unfinished().to_owned(),
                None => tr.abandoned().to_owned(),
            };
            [
                tr.date_time(q.date, offset),
                // Deck ids and tags come from the journal: one clean line.
                crate::sanitize::sanitize(&scope).replace('\n', " "),
                format!(
                    "{}/{} ({})",
                    points(tr, q.score),
                    points(tr, q.max),
                    tr.short_percent(q.percent, 1)
                ),
                grade,
                mm_ss(q.duration_s),
            ]
        })
        .collect();
    let head = [
        tr.h_date(),
        tr.h_decks(),
        tr.h_score(),
        tr.h_grade(),
        tr.h_time(),
    ];
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let mut out = line(head.to_vec());
    out.push('\n');
    for r in &rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
        out.push('\n');
    }
    out
}

fn history(ctx: &Context, json: bool) -> Result<ExitCode> {
    let (journal, report) = Journal::open_read_only(&ctx.data_dir)
        .with_context(|| Tr(ctx.lang).cannot_read_journal(&ctx.data_dir.display().to_string()))?;
    for w in &report.warnings {
        tell!("kartei: {}: {w}", Tr(ctx.lang).warning_word());
    }
    let quizzes = summaries(journal.events());
    if json {
        crate::sanitize::write_json(&mut crate::sanitize::stdout(), &quizzes)?;
    } else if quizzes.is_empty() {
        say!("{}", Tr(ctx.lang).no_quizzes())?;
    } else {
        write!(
            crate::sanitize::stdout(),
            "{}",
            history_text(&quizzes, ctx.offset, Tr(ctx.lang))
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-27T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn defaults_are_all_decks_20_questions_one_minute_each() {
        let spec = spec_from_args(&QuizArgs::default(), now(), Lang::En).unwrap();
        assert!(spec.decks.is_empty() && spec.tags.is_empty());
        assert_eq!(spec.count, 20);
        assert_eq!(spec.time_limit, None);
        assert_eq!(spec.per_question_limit(), Some(Duration::from_secs(60)));
        assert_eq!(spec.forms, crate::quiz::Form::ALL);
        assert_eq!(spec.seed, 1_795_770_000_000);
    }

    #[test]
    fn arguments_fill_the_spec() {
        let args = QuizArgs {
            deck: vec!["vertrieb".into()],
            tag: vec!["kpi".into()],
            count: Some(5),
            time: Some("10m".into()),
            per_question: Some("90s".into()),
            forms: vec!["typed".into(), "flip".into()],
            seed: Some(42),
            ..QuizArgs::default()
        };
        let spec = spec_from_args(&args, now(), Lang::En).unwrap();
        assert_eq!(spec.decks, ["vertrieb"]);
        assert_eq!(spec.tags, ["kpi"]);
        assert_eq!(spec.count, 5);
        assert_eq!(spec.time_limit, Some(Duration::from_secs(600)));
        assert_eq!(spec.per_question, Some(Duration::from_secs(90)));
        assert_eq!(
            spec.forms,
            [crate::quiz::Form::Typed, crate::quiz::Form::Flip]
        );
        assert_eq!(spec.seed, 42);
    }
}
