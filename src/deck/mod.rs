//! Decks: the model, the TOML loader with precise diagnostics, and `check --fix`.

mod bundled;
mod cards;
mod diagnostic;
mod document;
mod fix;
mod load;
mod model;
mod problem;
mod set;
mod similar;

pub use bundled::{CopyBundledError, bundled, bundled_ids, copy_bundled};
pub use cards::{CardKey, Cards};
pub use diagnostic::{Diagnostic, LineIndex, Localized, Severity, closest, edit_distance};
pub use fix::{FixError, FixOutcome, fix_file, fix_source};
pub use load::{
    CARD_KEYS, ClozeError, DECK_KEYS, MAX_CARD_ID_CHARS, MAX_DECK_BYTES, Parsed, card_id_problem,
    derived_id, file_kind, load_bytes, load_file, parse_cloze, parse_deck, read_deck_file, slug,
    valid_card_id, valid_deck_id,
};
pub use model::*;
pub use problem::{
    ClozeProblem, Expected, FileKind, IdProblem, IoKind, IoProblem, KeyPlace, Problem, Skip,
    ValueType,
};
pub use set::{DeckSet, deck_files, load_all, load_all_with, load_file_cached};
pub use similar::similar_questions;
