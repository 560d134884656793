//! Import from and export to other flashcard tools: Anki's "Notes in Plain
//! Text" export, CSV files with a header row, and the commented deck
//! template written by `kartei new`.
//!
//! Everything here is pure: functions take text and return text or typed
//! results; reading and writing files is left to the CLI.

pub mod anki;
pub mod csv;
pub mod export;
mod problem;
pub mod template;
mod text;
mod toml_out;

use std::fmt;

pub use problem::ImportProblem;
pub use text::{anki_cloze_to_kartei, slug, strip_html};
pub use toml_out::{DeckMeta, deck_toml, note_ids};

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
    /// A multiple-choice question; `answer` holds the texts of the right
    /// choices (one or more).
    Choice {
        front: String,
        choices: Vec<String>,
        answer: Vec<String>,
    },
    /// Items to recall; `ordered` when their order matters.
    List {
        front: String,
        items: Vec<String>,
        ordered: bool,
    },
}

/// One note read from an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedNote {
    /// 1-based line where the note's record starts in the source file.
    pub line: usize,
    /// The note id given in the file (kartei's CSV `id` column); `None`
    /// means one is derived from the content (see [`deck_toml`]).
    pub id: Option<String>,
    pub body: NoteBody,
    /// Tags in file order, deduplicated (Anki: lowercased, `::` as `-`).
    pub tags: Vec<String>,
    pub hint: Option<String>,
    /// Extra explanation (Anki's "Back Extra" field of cloze notes).
    pub explain: Option<String>,
    pub source: Option<String>,
    /// `input = true`: the answer is typed.
    pub input: bool,
}

impl ImportedNote {
    /// A note from `line` with only a body: no id, tags, hint, explanation
    /// or source.
    #[must_use]
    pub fn new(line: usize, body: NoteBody) -> Self {
        Self {
            line,
            id: None,
            body,
            tags: Vec::new(),
            hint: None,
            explain: None,
            source: None,
            input: false,
        }
    }

    /// What the note asks, as plain text: the front, or a cloze text with
    /// every gap filled in. Content-derived ids are made from it.
    #[must_use]
    pub fn question(&self) -> String {
        match &self.body {
            NoteBody::Basic { front, .. }
            | NoteBody::Choice { front, .. }
            | NoteBody::List { front, .. } => front.clone(),
            NoteBody::Cloze { text } => match crate::deck::parse_cloze(text) {
                Ok(segments) => crate::deck::cloze_text(&segments, None),
                Err(_) => text.clone(),
            },
        }
    }

    /// How many cards the note gives: two for a reversed basic note, one per
    /// gap of a cloze text, one otherwise.
    #[must_use]
    pub fn card_count(&self) -> usize {
        match &self.body {
            NoteBody::Basic { reverse, .. } => 1 + usize::from(*reverse),
            NoteBody::Cloze { text } => {
                crate::deck::parse_cloze(text).map_or(0, |s| crate::deck::gaps(&s).count())
            }
            NoteBody::Choice { .. } | NoteBody::List { .. } => 1,
        }
    }
}

/// A line of the source that could not be converted and was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// 1-based line in the source file.
    pub line: usize,
    pub problem: ImportProblem,
}

impl Issue {
    /// What is wrong, in English.
    #[must_use]
    pub fn message(&self) -> String {
        self.problem.to_string()
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
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
    #[error("line {line}: {problem}")]
    Header { line: usize, problem: ImportProblem },
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

/// Checks that `note` gives a card the deck loader accepts, by loading a
/// deck made of it alone; the first problem is returned as the message.
pub(crate) fn check_loads(note: &ImportedNote) -> Result<(), ImportProblem> {
    let meta = DeckMeta {
        id: "import".to_owned(),
        name: "import".to_owned(),
        description: String::new(),
    };
    let text = deck_toml(&meta, std::slice::from_ref(note));
    match crate::deck::parse_deck(
        &text,
        crate::deck::DeckOrigin::Bundled("import.toml".into()),
    ) {
        Ok(_) => Ok(()),
        Err(mut diagnostics) => Err(ImportProblem::Deck(if diagnostics.is_empty() {
            // The loader always names a problem; an empty list would be a bug.
            Box::new(crate::deck::Problem::NoCards)
        } else {
            diagnostics.swap_remove(0).problem
        })),
    }
}

/// Turns a front/back pair into a note body: a front with Anki cloze gaps
/// (`{{c1::...}}`) becomes a cloze note, anything else a basic note.
/// `cloze_type` forces cloze handling (Anki notetype "Cloze").
pub(crate) fn note_from_fields(
    front: &str,
    back: &str,
    reverse: bool,
    cloze_type: bool,
) -> Result<(NoteBody, Option<String>), ImportProblem> {
    if cloze_type || text::has_anki_cloze(front) {
        let text = anki_cloze_to_kartei(front)?;
        let extra = back.trim();
        let explain = (!extra.is_empty()).then(|| extra.to_owned());
        return Ok((NoteBody::Cloze { text }, explain));
    }
    let front = front.trim();
    let back = back.trim();
    if front.is_empty() {
        return Err(ImportProblem::EmptyFront);
    }
    if back.is_empty() {
        return Err(ImportProblem::EmptyBack);
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
