//! `kartei new`, `kartei import` and `kartei export`.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::atomic;
use crate::deck::{Deck, DeckOrigin};
use crate::interchange::{self, DeckMeta, ImportError, Imported, ImportedNote};

use super::{Context, ExportFormat};
use crate::i18n::Tr;

/// `kartei new FILE`: writes the commented deck template; never overwrites.
///
/// # Errors
/// The file exists already or cannot be written.
pub fn new_deck(ctx: &Context, file: &Path) -> Result<ExitCode> {
    if file.exists() {
        bail!(
            "{}",
            Tr(ctx.lang).new_file_exists(&file.display().to_string())
        );
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = interchange::template::template(&stem, ctx.lang);
    atomic::write(file, text.as_bytes())
        .with_context(|| Tr(ctx.lang).cannot_write(&file.display().to_string()))?;
    say!(
        "{}",
        crate::i18n::Tr(ctx.lang).template_written(&file.display().to_string())
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The kind of file being imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Csv,
    Anki,
}

fn source_kind(file: &Path) -> Source {
    match file.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") => Source::Csv,
        _ => Source::Anki,
    }
}

/// Reads a file as UTF-8, naming the line and column of the first bad byte.
fn read_utf8(file: &Path, tr: Tr) -> Result<String> {
    // Only regular files of a bounded size: a pipe would block, a device
    // never end.
    let bytes = crate::deck::read_deck_file(file).map_err(|d| {
        let why = match &*d.problem {
            crate::deck::Problem::CannotRead(io) => tr.io_problem(io),
            _ => d.message(tr.0),
        };
        anyhow::anyhow!("{}", tr.cannot_read(&file.display().to_string(), &why))
    })?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            // `good` is valid UTF-8 by construction.
            let good = std::str::from_utf8(good).unwrap_or_default();
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            bail!("{}", tr.not_utf8(&file.display().to_string(), line, column))
        }
    }
}

/// `kartei import FILE --deck-name NAME [-o OUT.toml]`.
///
/// Exit code 0 when every line was imported, 1 when lines were skipped (the
/// others are still written) or when nothing could be imported (nothing is
/// written then).
///
/// # Errors
/// Unreadable input, a bad header, an existing output file, a failed write.
pub fn import(
    ctx: &Context,
    file: &Path,
    deck_name: &str,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let tr = Tr(ctx.lang);
    let deck_name = deck_name.trim();
    let id = interchange::slug(deck_name);
    if id.is_empty() {
        bail!("{}", tr.deck_name_needs_letter(deck_name));
    }
    let out: PathBuf = match output {
        Some(o) => {
            // `-o new/dir/deck.toml`: create the folders it names.
            if let Some(parent) = o.parent().filter(|p| !p.as_os_str().is_empty()) {
                fs::create_dir_all(parent)
                    .with_context(|| tr.cannot_create_folder(&parent.display().to_string()))?;
            }
            o.to_path_buf()
        }
        None => {
            let dir = ctx.user_deck_dir();
            fs::create_dir_all(&dir)
                .with_context(|| tr.cannot_create_folder(&dir.display().to_string()))?;
            dir.join(format!("{id}.toml"))
        }
    };
    if out.exists() {
        bail!("{}", tr.import_target_exists(&out.display().to_string()));
    }
    // The new deck must load next to the others: its deck id and card ids
    // (`<deck id>-<n>`) may not be taken already.
    let set = crate::deck::load_all_with(
        ctx.load_bundled,
        Some(&ctx.user_deck_dir()),
        &ctx.deck_paths,
        ctx.cache().as_ref(),
    );
    if let Some(d) = set.decks.iter().find(|d| d.id == id) {
        bail!("{}", tr.deck_id_taken(&id, &d.origin.display_name()));
    }
    let taken: HashSet<&str> = set.cards().map(|(_, c)| c.id.note_key()).collect();
    let src = read_utf8(file, tr)?;
    let parsed = match source_kind(file) {
        Source::Csv => interchange::csv::import_csv(&src),
        Source::Anki => interchange::anki::import_anki(&src),
    };
    let Imported { notes, issues } = match parsed {
        Ok(i) => i,
        Err(ImportError::Header { line, problem }) => {
            bail!("{}:{line}: {}", file.display(), problem.text(ctx.lang))
        }
        Err(ImportError::Empty) => bail!("{}", tr.no_notes(&file.display().to_string())),
    };
    for issue in &issues {
        tell!(
            "{}",
            tr.line_skipped(
                &format!("{}:{}", file.display(), issue.line),
                &issue.problem.text(ctx.lang)
            )
        );
    }
    if notes.is_empty() {
        tell!("{}", tr.no_line_imported(&file.display().to_string()));
        return Ok(ExitCode::FAILURE);
    }
    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let meta = DeckMeta {
        id: id.clone(),
        name: deck_name.to_owned(),
        description: crate::i18n::Tr(ctx.lang).imported_from(&file_name),
    };
    let text = interchange::deck_toml(&meta, &notes);
    if let Some((clash, note)) = interchange::note_ids(&id, &notes)
        .into_iter()
        .zip(&notes)
        .find(|(c, _)| taken.contains(c.as_str()))
    {
        bail!(
            "{}",
            tr.card_id_taken(&format!("{}:{}", file.display(), note.line), &clash)
        );
    }
    // A generated deck that the loader rejects would be a bug here; never write one.
    if let Err(diagnostics) = crate::deck::parse_deck(&text, DeckOrigin::File(out.clone())) {
        let first = diagnostics
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        bail!("{}", tr.converted_deck_broken(&first));
    }
    atomic::write(&out, text.as_bytes())
        .with_context(|| tr.cannot_write(&out.display().to_string()))?;
    let cards: usize = notes.iter().map(ImportedNote::card_count).sum();
    say!(
        "{}",
        crate::i18n::Tr(ctx.lang).imported(
            notes.len(),
            cards,
            &file.display().to_string(),
            &out.display().to_string(),
            &id
        )
    )?;
    if issues.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        say!("{}", crate::i18n::Tr(ctx.lang).skipped_lines(issues.len()))?;
        Ok(ExitCode::FAILURE)
    }
}

/// `kartei export [--deck ID] --format anki|csv -o FILE`.
///
/// Exports one deck, or every deck kartei loads. Decks that fail to load are
/// reported (and, when exporting everything, make the exit code 1; the
/// others are still written).
///
/// # Errors
/// An unknown deck id (the known ones are listed), no decks at all, a failed write.
pub fn export(
    ctx: &Context,
    deck: Option<&str>,
    format: ExportFormat,
    output: &Path,
) -> Result<ExitCode> {
    let user_dir = ctx.user_deck_dir();
    let set = crate::deck::load_all_with(
        ctx.load_bundled,
        Some(&user_dir),
        &ctx.deck_paths,
        ctx.cache().as_ref(),
    );
    for error in &set.errors {
        tell!("{}", error.localized(ctx.lang));
    }
    let decks: Vec<&Deck> = match deck {
        Some(id) => match set.decks.iter().find(|d| d.id == id) {
            Some(d) => vec![d],
            None => bail!("{}", Tr(ctx.lang).unknown_deck(id, &set)),
        },
        None => set.decks.iter().collect(),
    };
    if decks.is_empty() {
        bail!("{}", Tr(ctx.lang).nothing_to_export());
    }
    let text = match format {
        ExportFormat::Anki => interchange::export::to_anki(decks.iter().copied(), ctx.lang),
        ExportFormat::Csv => interchange::export::to_csv(decks.iter().copied()),
    };
    atomic::write(output, text.as_bytes())
        .with_context(|| Tr(ctx.lang).cannot_write(&output.display().to_string()))?;
    let notes: usize = decks
        .iter()
        .map(|d| interchange::export::notes(d).len())
        .sum();
    say!(
        "{}",
        crate::i18n::Tr(ctx.lang).exported(
            notes,
            decks.len(),
            &output.display().to_string(),
            format == ExportFormat::Anki
        )
    )?;
    if deck.is_none() && !set.errors.is_empty() {
        tell!("{}", Tr(ctx.lang).export_skipped_errors());
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
