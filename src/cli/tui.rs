//! The terminal interface wired to the real collection: implements the UI's
//! [`Study`] port over [`Collection`] and [`ReviewSession`].

use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::Context;
use crate::collection::{Collection, OpenOptions};
use crate::study::CollectionStudy;

/// Refuses to start the interface without a terminal on both standard
/// input and output (a pipe, a file, no controlling terminal): after the
/// collection and the arguments are checked (their errors come first), before
/// anything is written to either.
///
/// # Errors
/// The message says what is missing and what works without a terminal.
pub fn require_terminal(ctx: &Context) -> Result<()> {
    use std::io::IsTerminal as _;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        anyhow::bail!("{}", crate::i18n::Tr(ctx.lang).needs_terminal())
    }
}

/// Opens the collection described by the context.
///
/// # Errors
/// Config or journal problems (locked, damaged, newer version).
pub fn open_collection(ctx: &Context, read_only: bool) -> Result<Collection> {
    let collection = Collection::open(OpenOptions {
        data_dir: ctx.data_dir.clone(),
        config_path: ctx.config_path.clone(),
        bundled: ctx.load_bundled,
        user_decks: Some(ctx.user_deck_dir()),
        extra_decks: ctx.deck_paths.clone(),
        offset: ctx.offset,
        read_only,
        cache_dir: ctx.cache_dir.clone(),
    })?;
    Ok(collection)
}

/// `kartei` without a subcommand.
///
/// # Errors
/// The collection cannot be opened or the terminal fails.
pub fn run(ctx: &Context) -> Result<ExitCode> {
    let collection = open_collection(ctx, ctx.read_only)?;
    require_terminal(ctx)?;
    let options = super::ui_options(ctx, &collection.config().keys)?;
    let mut study = CollectionStudy::new(collection).with_lang(ctx.lang);
    let exit =
        crate::ui::run(options, &mut study).context(crate::i18n::Tr(ctx.lang).terminal_failed())?;
    Ok(super::exit_code(exit))
}

/// `kartei quiz` (without `--history`): the interface opened in this quiz.
///
/// # Errors
/// The collection cannot be opened or the terminal fails.
pub fn run_quiz(ctx: &Context, spec: crate::quiz::QuizSpec) -> Result<ExitCode> {
    let collection = open_collection(ctx, ctx.read_only)?;
    require_terminal(ctx)?;
    let mut options = super::ui_options(ctx, &collection.config().keys)?;
    options.quiz = Some(spec);
    let mut study = CollectionStudy::new(collection).with_lang(ctx.lang);
    let exit =
        crate::ui::run(options, &mut study).context(crate::i18n::Tr(ctx.lang).terminal_failed())?;
    Ok(super::exit_code(exit))
}
