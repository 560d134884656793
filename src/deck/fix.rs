//! `kartei check --fix`: writes an explicit `id` into every card that lacks
//! one, as the first key of its `[[cards]]` table, keeping comments, order
//! and layout (toml_edit). A file with errors is never written.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use toml_edit::{Decor, DocumentMut, Item, Key, Table, value};

use super::diagnostic::Diagnostic;
use super::load::{derived_id, load_bytes, parse_cloze, parse_deck, read_deck_file, slug};
use super::model::{DeckOrigin, cloze_text};
use super::problem::Problem;

/// Why a file was not fixed.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    /// The deck has errors; nothing was written.
    #[error("{file} has {} error(s); fix them first, nothing was written", .errors.len())]
    Invalid {
        file: String,
        errors: Vec<Diagnostic>,
    },
    /// Bundled decks live inside the binary.
    #[error("{0} is bundled with kartei and cannot be fixed (its cards already have ids)")]
    Bundled(String),
    /// Cards written as an inline array (`cards = [{...}]`) are not rewritten.
    #[error(
        "{0}: cards written as `cards = [...]` cannot be fixed; write them as [[cards]] tables"
    )]
    InlineCards(String),
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The fixed text and the ids added, as `(line of the [[cards]] header, id)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixOutcome {
    pub source: String,
    pub added: Vec<(u32, String)>,
}

/// Adds ids to the cards of `src` that have none.
///
/// # Errors
/// [`FixError::Invalid`] when the deck has errors, [`FixError::Bundled`] for
/// bundled decks, [`FixError::InlineCards`] for inline card arrays.
pub fn fix_source(src: &str, origin: DeckOrigin) -> Result<FixOutcome, FixError> {
    let file = origin.display_name();
    if matches!(origin, DeckOrigin::Bundled(_)) {
        return Err(FixError::Bundled(file));
    }
    let parsed = parse_deck(src, origin).map_err(|errors| FixError::Invalid {
        file: file.clone(),
        errors,
    })?;
    let deck = parsed.deck;
    // Header lines of the notes without an id, in file order.
    let mut lines: Vec<u32> = Vec::new();
    for card in deck.cards.iter().filter(|c| !c.id_explicit) {
        if lines.last() != Some(&card.line) {
            lines.push(card.line);
        }
    }
    if lines.is_empty() {
        return Ok(FixOutcome {
            source: src.to_owned(),
            added: Vec::new(),
        });
    }
    let mut doc: DocumentMut =
        src.parse()
            .map_err(|e: toml_edit::TomlError| FixError::Invalid {
                file: file.clone(),
                errors: vec![Diagnostic::file_error(
                    file.clone(),
                    Problem::InvalidToml {
                        detail: e.message().trim().replace('\n', ", "),
                    },
                )],
            })?;
    let Some(tables) = doc.get_mut("cards").and_then(Item::as_array_of_tables_mut) else {
        return Err(FixError::InlineCards(file));
    };
    let mut used: HashSet<String> = tables
        .iter()
        .filter_map(|t| t.get("id").and_then(Item::as_str).map(str::to_owned))
        .collect();
    let mut added = Vec::new();
    let mut line_iter = lines.into_iter();
    for table in tables.iter_mut() {
        if table.contains_key("id") {
            continue;
        }
        let question = question_of(table);
        let mut base = slug(&question, 4);
        if base.is_empty() {
            let derived = derived_id("", &question);
            base = derived.trim_start_matches(':').to_owned();
        }
        let base = format!("{}-{base}", deck.id);
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        used.insert(id.clone());
        insert_first(table, &id);
        added.push((line_iter.next().unwrap_or(0), id));
    }
    Ok(FixOutcome {
        source: doc.to_string(),
        added,
    })
}

/// Fixes a file in place (atomically); a file needing no change is not
/// written.
///
/// # Errors
/// See [`FixError`].
pub fn fix_file(path: &Path) -> Result<FixOutcome, FixError> {
    let origin = DeckOrigin::File(path.to_path_buf());
    let bytes = read_deck_file(path).map_err(|d| FixError::Invalid {
        file: origin.display_name(),
        errors: vec![d],
    })?;
    let Ok(src) = std::str::from_utf8(&bytes) else {
        let errors = load_bytes(&bytes, origin.clone()).err().unwrap_or_default();
        return Err(FixError::Invalid {
            file: origin.display_name(),
            errors,
        });
    };
    let mut outcome = fix_source(src, origin)?;
    if !outcome.added.is_empty() {
        outcome.source = keep_bom_and_line_ends(src, &outcome.source);
        crate::atomic::write(path, outcome.source.as_bytes()).map_err(|source| {
            FixError::Write {
                path: path.to_path_buf(),
                source,
            }
        })?;
    }
    Ok(outcome)
}

/// `fixed` with the byte order mark and the line ends of `original`:
/// toml_edit drops a BOM and writes `\n` (a CRLF file would come back with
/// mixed line ends).
fn keep_bom_and_line_ends(original: &str, fixed: &str) -> String {
    const BOM: char = '\u{FEFF}';
    let body = fixed.strip_prefix(BOM).unwrap_or(fixed);
    let crlf = original
        .find('\n')
        .is_some_and(|i| original[..i].ends_with('\r'));
    let mut out = String::with_capacity(fixed.len() + fixed.len() / 16 + 3);
    if original.starts_with(BOM) {
        out.push(BOM);
    }
    if crlf {
        let mut prev = '\0';
        for c in body.chars() {
            if c == '\n' && prev != '\r' {
                out.push('\r');
            }
            out.push(c);
            prev = c;
        }
    } else {
        out.push_str(body);
    }
    out
}

fn question_of(table: &Table) -> String {
    if let Some(text) = table.get("text").and_then(Item::as_str) {
        return match parse_cloze(text) {
            Ok(segments) => cloze_text(&segments, None),
            Err(_) => text.to_owned(),
        };
    }
    table
        .get("front")
        .and_then(Item::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Inserts `id = "..."` as the first key, indented like the current first key.
fn insert_first(table: &mut Table, id: &str) {
    let indent = table
        .iter()
        .next()
        .and_then(|(k, _)| table.key(k))
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .map(|p| p.rsplit('\n').next().unwrap_or(""))
        .filter(|p| p.chars().all(|c| c == ' ' || c == '\t'))
        .unwrap_or("")
        .to_owned();
    let key = Key::new("id").with_leaf_decor(Decor::new(indent, " "));
    table.insert_formatted(&key, value(id));
    table.sort_values_by(|a, _, b, _| (a.get() != "id").cmp(&(b.get() != "id")));
}
