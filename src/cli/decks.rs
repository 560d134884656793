//! `kartei decks copy-bundled [ID]`.

use std::process::ExitCode;

use anyhow::Result;

use crate::deck::{CopyBundledError, bundled_ids, copy_bundled};

use super::Context;

/// Copies one bundled deck (by id) or all of them into the user's deck
/// folder, never overwriting a file there. Exit code 1 when a deck was not
/// copied (the others still are).
///
/// # Errors
/// An unknown id (the known ones are listed).
pub fn copy(ctx: &Context, id: Option<&str>) -> Result<ExitCode> {
    let dir = ctx.user_deck_dir();
    let ids: Vec<String> = match id {
        Some(id) => vec![id.to_owned()],
        None => bundled_ids().into_iter().map(|(id, _)| id).collect(),
    };
    let mut failed = false;
    for id in &ids {
        match copy_bundled(&dir, id) {
            Ok(path) => say!(
                "{}",
                crate::i18n::Tr(ctx.lang).copied_bundled(id, &path.display().to_string())
            )?,
            Err(e @ CopyBundledError::Unknown { .. }) => return Err(e.into()),
            Err(e) => {
                failed = true;
                tell!("kartei: {}", crate::i18n::Localize::localized(&e, ctx.lang));
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
