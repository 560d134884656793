//! `kartei optimize`: fit the FSRS parameters to the journal, show how well
//! the old and the new ones predict the same reviews, save on confirmation.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::Context;
use crate::config::Config;
use crate::progress::{Journal, effective_reviews};
use crate::scheduler::optimize::{self, CardHistory, Metrics};

/// Runs the command; `yes` saves without asking.
///
/// # Errors
/// Config or journal problems, too few reviews, or a failed save.
pub fn run(ctx: &Context, yes: bool) -> Result<ExitCode> {
    let mut config = Config::load(&ctx.config_path)?;
    let (journal, _) = Journal::open_read_only(&ctx.data_dir)?;
    let mut per_card: Vec<_> = effective_reviews(journal.events()).into_iter().collect();
    per_card.sort_by(|a, b| a.0.cmp(&b.0));
    let histories: Vec<CardHistory> = per_card
        .iter()
        .map(|(_, reviews)| {
            let mut r: Vec<_> = reviews.iter().map(|e| (e.ts, e.grade)).collect();
            r.sort_by_key(|x| x.0);
            CardHistory::from_timestamps(r, ctx.offset, config.scheduler.day_start_hour)
        })
        .collect();

    let fit = optimize::fit(&histories)?;
    let old = optimize::evaluate(&config.scheduler.parameters, &histories)?;
    let new = optimize::evaluate(&fit.parameters, &histories)?;

    let tr = crate::i18n::Tr(ctx.lang);
    let mut out = crate::sanitize::stdout();
    writeln!(out, "{}", tr.opt_fitted(fit.reviews, histories.len()))?;
    writeln!(
        out,
        "{:<12} {:>9} {:>10}",
        "",
        tr.opt_log_loss(),
        "RMSE(bins)"
    )?;
    let row =
        |name: &str, m: &Metrics| format!("{name:<12} {:>9.4} {:>10.4}", m.log_loss, m.rmse_bins);
    let label = if config.scheduler.parameters.is_empty() {
        tr.opt_default()
    } else {
        tr.opt_current()
    };
    writeln!(out, "{}", row(label, &old))?;
    writeln!(out, "{}", row(tr.opt_optimized(), &new))?;
    let params: Vec<String> = fit.parameters.iter().map(|w| format!("{w:.4}")).collect();
    writeln!(out, "{}", tr.opt_new_parameters(&params.join(", ")))?;
    if new.log_loss >= old.log_loss {
        writeln!(out, "{}", tr.opt_no_better(label))?;
        return Ok(ExitCode::SUCCESS);
    }

    if !yes {
        if !std::io::stdin().is_terminal() {
            writeln!(out, "{}", tr.opt_not_saved_no_tty())?;
            return Ok(ExitCode::SUCCESS);
        }
        write!(
            out,
            "{}",
            tr.opt_save_question(&ctx.config_path.display().to_string())
        )?;
        out.flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "j" | "ja") {
            writeln!(out, "{}", tr.opt_not_saved())?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    config.scheduler.parameters = fit.parameters;
    config
        .save_section(&ctx.config_path, "scheduler")
        .with_context(|| tr.opt_saving_failed())?;
    writeln!(
        out,
        "{}",
        tr.opt_saved(&ctx.config_path.display().to_string())
    )?;
    Ok(ExitCode::SUCCESS)
}
