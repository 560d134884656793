//! The progress journal: append-only JSON Lines, the single source of truth.

mod event;
mod journal;
mod parse;
mod replay;

pub use event::*;
pub use journal::{
    JOURNAL_FILE, Journal, JournalError, LOCK_FILE, LoadReport, MergeReport, Resume, encode_line,
    new_event_id, parse_journal_bytes,
};
pub use replay::{
    ReviewEntry, effective_reviews, last_undoable, orphans, undo_candidates, undone_ids,
};
