//! `kartei sync merge OTHER`: fold another machine's journal into ours.

use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::{Context, SyncAction};
use crate::i18n::Localize as _;
use crate::progress::Journal;

/// Runs one `sync` action.
///
/// # Errors
/// The journal cannot be opened (in use, damaged) or the other file cannot
/// be read or merged.
pub fn run(ctx: &Context, action: SyncAction) -> Result<ExitCode> {
    match action {
        SyncAction::Merge { other } => {
            if ctx.read_only {
                anyhow::bail!("{}", crate::i18n::Tr(ctx.lang).sync_read_only());
            }
            let tr = crate::i18n::Tr(ctx.lang);
            let (mut journal, load) = Journal::open(&ctx.data_dir)
                .with_context(|| tr.cannot_open_journal(&ctx.data_dir.display().to_string()))?;
            for w in &load.warnings {
                tell!("kartei: {}: {}", tr.warning_word(), w.localized(ctx.lang));
            }
            let report = journal
                .merge_from(&other)
                .with_context(|| tr.cannot_merge(&other.display().to_string()))?;
            for w in &report.warnings {
                tell!("kartei: {}: {}", tr.warning_word(), w.localized(ctx.lang));
            }
            say!(
                "{}",
                tr.merged(
                    &other.display().to_string(),
                    &journal.path().display().to_string(),
                    report.added,
                    report.already_present
                )
            )?;
            if report.conflicting > 0 {
                say!("{}", tr.merge_conflicts(report.conflicting))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
