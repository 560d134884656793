//! `kartei cram`: the interface opened in a cram session over an exam's
//! cards, some decks or some tags (default: the next exam, else every deck).

use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::tui::open_collection;
use super::{Context, CramArgs, UsageError};
use crate::study::{CollectionStudy, CramTarget};

/// Runs `kartei cram`.
///
/// # Errors
/// A [`UsageError`] (exit 2) for an unknown exam, deck or tag or a zero
/// count; the collection cannot be opened or the terminal fails.
pub fn run(ctx: &Context, args: &CramArgs) -> Result<ExitCode> {
    if args.count == Some(0) {
        return Err(UsageError(crate::i18n::Tr(ctx.lang).count_at_least_one().to_owned()).into());
    }
    let collection = open_collection(ctx, false)?;
    let target = target(&collection, args, ctx.now, crate::i18n::Tr(ctx.lang))?;
    super::tui::require_terminal(ctx)?;
    let mut options = super::ui_options(ctx, &collection.config().keys)?;
    options.cram = Some((target, args.count));
    let mut study = CollectionStudy::new(collection).with_lang(ctx.lang);
    let exit =
        crate::ui::run(options, &mut study).context(crate::i18n::Tr(ctx.lang).terminal_failed())?;
    Ok(super::exit_code(exit))
}

/// What to cram, checked against the collection.
///
/// # Errors
/// A [`UsageError`] naming the unknown exam, deck or tag.
pub fn target(
    collection: &crate::collection::Collection,
    args: &CramArgs,
    now: chrono::DateTime<chrono::Utc>,
    tr: crate::i18n::Tr,
) -> Result<CramTarget> {
    let usage = |m: String| anyhow::Error::from(UsageError(m));
    if let Some(name) = &args.exam {
        let exams = collection.exams();
        if !exams.iter().any(|e| &e.name == name) {
            let known: Vec<&str> = exams.iter().map(|e| e.name.as_str()).collect();
            return Err(usage(tr.exam_unknown(name, &known)));
        }
        return Ok(CramTarget::Exam(name.clone()));
    }
    if !args.tag.is_empty() {
        if let Some(tag) = args
            .tag
            .iter()
            .find(|t| !collection.cards().any(|c| c.tags.contains(t)))
        {
            return Err(usage(tr.no_card_with_tag(tag)));
        }
        return Ok(CramTarget::Tags(args.tag.clone()));
    }
    if args.deck.is_empty()
        && let Some(exam) = crate::study::exam::next_exam(collection, now)
    {
        return Ok(CramTarget::Exam(exam.name));
    }
    for id in &args.deck {
        if collection.decks().deck(id).is_none() {
            super::check::require_deck(collection.decks(), id, tr)
                .map_err(|e| usage(e.to_string()))?;
        }
    }
    Ok(CramTarget::Decks(args.deck.clone()))
}
