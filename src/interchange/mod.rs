//! Import from and export to other flashcard tools: Anki's "Notes in Plain
//! Text" export, CSV files with a header row, and the commented deck
//! template written by `kartei new`.
//!
//! Everything here is pure: functions take text and return text or typed
//! results; reading and writing files is left to the CLI.

pub mod anki;
pub mod csv;
pub mod export;
pub mod template;
mod text;
mod toml_out;

use std::fmt;

pub use text::{anki_cloze_to_kartei, slug, strip_html};
pub use toml_out::{DeckMeta, deck_toml};

/// What an imported note asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteBody {
    /// A front/back note; `reverse` also asks back -> front.
    Basic {
        front: String,
        back: String,
        reverse: bool,
    },
    /// A cloze text in kartei syntax (`{{answer}}`, `{{answer::hint}}`).
    Cloze { text: String },
}

/// One note read from an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedNote {
    /// 1-based line where the note's record starts in the source file.
    pub line: usize,
    pub body: NoteBody,
    /// Normalised tags: lowercase, `::` replaced by `-`, deduplicated.
    pub tags: Vec<String>,
    /// Extra explanation (Anki's "Back Extra" field of cloze notes).
    pub explain: Option<String>,
}

/// A line of the source that could not be converted and was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// 1-based line in the source file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The outcome of parsing an import file: the notes that could be converted
/// and one issue per record that was skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub notes: Vec<ImportedNote>,
    pub issues: Vec<Issue>,
}

/// A problem that stops the whole import (as opposed to a skipped line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The CSV header row lacks a required column or names an unknown one.
    #[error("line {line}: {message}")]
    Header { line: usize, message: String },
    /// The file holds no records at all.
    #[error("the file contains no notes")]
    Empty,
}

/// Normalises Anki/CSV tags: lowercase, `::` hierarchy written as `-`,
/// duplicates and empty tags removed, order kept.
#[must_use]
pub fn normalise_tags<'a>(raw: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in raw {
        let t = tag.trim().to_lowercase().replace("::", "-");
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Turns a front/back pair into a note body: a front with Anki cloze gaps
/// (`{{c1::...}}`) becomes a cloze note, anything else a basic note.
/// `cloze_type` forces cloze handling (Anki notetype "Cloze").
pub(crate) fn note_from_fields(
    front: &str,
    back: &str,
    reverse: bool,
    cloze_type: bool,
) -> Result<(NoteBody, Option<String>), String> {
    if cloze_type || text::has_anki_cloze(front) {
        let text = anki_cloze_to_kartei(front)?;
        let extra = back.trim();
        let explain = (!extra.is_empty()).then(|| extra.to_owned());
        return Ok((NoteBody::Cloze { text }, explain));
    }
    let front = front.trim();
    let back = back.trim();
    if front.is_empty() {
        return Err("empty front".into());
    }
    if back.is_empty() {
        return Err("empty back".into());
    }
    Ok((
        NoteBody::Basic {
            front: front.to_owned(),
            back: back.to_owned(),
            reverse,
        },
        None,
    ))
}
