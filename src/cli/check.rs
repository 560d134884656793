//! `kartei check` (validate decks, optionally write missing ids) and
//! `kartei list` (one line per card).

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::Context;
use crate::cache::Cache;
use crate::deck::{CardKind, DeckSet, Diagnostic, FixError, deck_files, fix_file, load_all_with};
use crate::i18n::{Lang, Localize as _, Tr};
use crate::ui::text::{sanitize, truncate, width};

/// The decks a command works on: with `paths` only those, otherwise every
/// deck the app would load.
/// Compiled decks are written to `cache` beside the command's work.
fn load(ctx: &Context, paths: &[PathBuf], cache: Option<&Cache>) -> DeckSet {
    if paths.is_empty() {
        load_all_with(
            ctx.load_bundled,
            Some(&ctx.user_deck_dir()),
            &ctx.deck_paths,
            cache,
        )
    } else {
        load_all_with(false, None, paths, cache)
    }
}

/// A diagnostic in `--json` output: English keys, the message and help in
/// the user's language, and a stable `code` for programs.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    code: &'static str,
    message: String,
    help: Option<String>,
}

impl<'a> JsonDiagnostic<'a> {
    fn new(d: &'a Diagnostic, lang: Lang) -> Self {
        Self {
            file: &d.file,
            line: d.line,
            column: d.column,
            code: d.code(),
            message: d.message(lang),
            help: d.help(lang),
        }
    }
}

#[derive(Serialize)]
struct CheckReport<'a> {
    decks: usize,
    cards: usize,
    by_kind: BTreeMap<&'static str, usize>,
    errors: Vec<JsonDiagnostic<'a>>,
    warnings: Vec<JsonDiagnostic<'a>>,
    /// Cards with progress in the journal that no checked deck contains.
    orphans: Vec<String>,
}

/// Card ids with reviews in the journal that are in none of `set`'s decks.
/// Only meaningful when every deck is checked; a journal that cannot be read
/// is reported and gives no orphans.
fn orphans(ctx: &Context, set: &DeckSet) -> Vec<String> {
    if !ctx.data_dir.join(crate::progress::JOURNAL_FILE).exists() {
        return Vec::new();
    }
    match crate::progress::Journal::open_read_only(&ctx.data_dir) {
        Ok((journal, _)) => crate::progress::orphans(journal.events(), |id| set.card(id).is_some())
            .into_iter()
            .map(|id| id.0)
            .collect(),
        Err(e) => {
            tell!("{}: {e}", Tr(ctx.lang).progress_not_checked());
            Vec::new()
        }
    }
}

/// `kartei check [PATH...] [--json] [--fix]`.
///
/// # Errors
/// Only when stdout cannot be written.
pub fn check(ctx: &Context, paths: &[PathBuf], json: bool, fix: bool) -> Result<ExitCode> {
    let fix_failed = fix && !run_fix(ctx, paths);
    let cache = ctx.cache();
    let mut set = load(ctx, paths, cache.as_ref());
    let similar = crate::deck::similar_questions(&set);
    set.warnings.extend(similar);
    let mut by_kind: BTreeMap<&'static str, usize> = [
        CardKind::Basic,
        CardKind::Cloze,
        CardKind::Choice,
        CardKind::List,
    ]
    .into_iter()
    .map(|k| (k.as_str(), 0))
    .collect();
    for (_, card) in set.cards() {
        *by_kind.entry(card.kind().as_str()).or_default() += 1;
    }
    let orphans = if paths.is_empty() {
        orphans(ctx, &set)
    } else {
        Vec::new()
    };
    let mut out = crate::sanitize::stdout();
    if json {
        let report = CheckReport {
            orphans,
            decks: set.decks.len(),
            cards: set.card_count(),
            by_kind,
            errors: set
                .errors
                .iter()
                .map(|d| JsonDiagnostic::new(d, ctx.lang))
                .collect(),
            warnings: set
                .warnings
                .iter()
                .map(|d| JsonDiagnostic::new(d, ctx.lang))
                .collect(),
        };
        crate::sanitize::write_json(&mut out, &report)?;
    } else {
        let mut err = crate::sanitize::stderr();
        for d in set.errors.iter().chain(&set.warnings) {
            // A closed stderr must not hide the summary or change the exit code.
            let _ = writeln!(err, "{}", d.localized(ctx.lang));
        }
        let tr = Tr(ctx.lang);
        let kinds: Vec<String> = by_kind
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(k, n)| format!("{n} {}", tr.kind_name(k)))
            .collect();
        writeln!(
            out,
            "{}",
            tr.check_totals(set.decks.len(), set.card_count(), &kinds.join(", "))
        )?;
        writeln!(
            out,
            "{}",
            tr.check_problems(set.errors.len(), set.warnings.len())
        )?;
        if !orphans.is_empty() {
            writeln!(out, "{}", tr.check_orphans(&orphans))?;
        }
    }
    let code = if set.errors.is_empty() && !fix_failed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    // The process ends with this command: freeing every card one by one
    // would be a twelfth of its run time on a large deck, for nothing.
    std::mem::forget(set);
    Ok(code)
}

/// Writes ids into the deck files (never bundled decks, never files with
/// errors); reports on stderr what it did. Errors are reported by the check
/// that follows. Returns false when a file could not be read or written.
fn run_fix(ctx: &Context, paths: &[PathBuf]) -> bool {
    let tr = Tr(ctx.lang);
    let mut ok = true;
    let (files, _) = if paths.is_empty() {
        deck_files(Some(&ctx.user_deck_dir()), &ctx.deck_paths)
    } else {
        deck_files(None, paths)
    };
    if paths.is_empty() && ctx.load_bundled {
        tell!("{}", tr.bundled_not_fixed());
    }
    for file in files {
        match fix_file(&file) {
            Ok(outcome) if outcome.added.is_empty() => {}
            Ok(outcome) => {
                tell!(
                    "{}",
                    tr.fixed_ids(&file.display().to_string(), outcome.added.len())
                );
                for (line, id) in &outcome.added {
                    tell!("{}", tr.fixed_id_line(*line, id));
                }
            }
            Err(FixError::Invalid { file, .. }) => {
                tell!("{}", tr.not_fixed_has_errors(&file));
            }
            Err(e @ (FixError::Read { .. } | FixError::Write { .. })) => {
                tell!("{}", tr.not_fixed_unchanged(&e.localized(ctx.lang)));
                ok = false;
            }
            Err(e) => tell!("{}", tr.not_fixed(&e.localized(ctx.lang))),
        }
    }
    ok
}

/// Prints the errors of decks that did not load on stderr (they are
/// missing from the output otherwise without a word). Returns the exit
/// code the command should end with: failure when a deck is missing.
pub(super) fn report_deck_errors(set: &DeckSet, lang: Lang) -> ExitCode {
    for d in &set.errors {
        tell!("{}", d.localized(lang));
    }
    if set.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[derive(Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    deck: &'a str,
    kind: &'static str,
    question: String,
    answer: String,
    tags: &'a [String],
    /// With `--state`: where the card stands now.
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flagged: Option<bool>,
}

/// An error naming the loaded deck ids when `id` is not among them.
///
/// # Errors
/// There is no deck `id`.
pub(super) fn require_deck(set: &DeckSet, id: &str, tr: Tr) -> Result<()> {
    if set.deck(id).is_some() {
        return Ok(());
    }
    anyhow::bail!("{}", tr.unknown_deck(id, set))
}

/// `kartei list [--deck ID] [--tag TAG] [--json]`.
///
/// # Errors
/// An unknown `--deck`, or stdout cannot be written.
pub fn list(
    ctx: &Context,
    deck: Option<&str>,
    tag: Option<&str>,
    state: Option<crate::study::StateFilter>,
    json: bool,
) -> Result<ExitCode> {
    let cache = ctx.cache();
    let set = load(ctx, &[], cache.as_ref());
    report_deck_errors(&set, ctx.lang);
    if let Some(id) = deck {
        require_deck(&set, id, Tr(ctx.lang))?;
    }
    // The card states come from the journal, read-only.
    let collection = match state {
        Some(_) => Some(super::tui::open_collection(ctx, true)?),
        None => None,
    };
    let status = |id: &crate::deck::CardId| {
        collection.as_ref().map(|c| {
            (
                crate::study::browse::status(c, id, ctx.now),
                c.marks(id).flagged,
            )
        })
    };
    let entries: Vec<ListEntry<'_>> = set
        .cards()
        .filter(|(d, _)| deck.is_none_or(|id| d.id == id))
        .filter(|(_, c)| tag.is_none_or(|t| c.tags.iter().any(|x| x == t)))
        .filter_map(|(d, c)| {
            let st = status(&c.id);
            if let (Some(filter), Some((s, flagged))) = (state, st)
                && !filter.matches(s, flagged)
            {
                return None;
            }
            Some(ListEntry {
                id: c.id.as_str(),
                deck: &d.id,
                kind: c.kind().as_str(),
                question: c.question(),
                answer: c.answer(),
                tags: &c.tags,
                state: st.map(|(s, _)| s.as_str()),
                flagged: st.map(|(_, f)| f),
            })
        })
        .collect();
    let mut out = crate::sanitize::stdout();
    if json {
        crate::sanitize::write_json(&mut out, &entries)?;
    } else {
        let id_w = entries.iter().map(|e| width(e.id)).max().unwrap_or(0);
        let deck_w = entries.iter().map(|e| width(e.deck)).max().unwrap_or(0);
        for e in &entries {
            let question = truncate(&one_line(&sanitize(&e.question)), 60);
            writeln!(
                out,
                "{}  {}  {:<6}  {question}",
                pad(e.id, id_w),
                pad(e.deck, deck_w),
                e.kind
            )?;
        }
    }
    Ok(if set.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}
