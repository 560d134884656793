//! The progress journal: append-only JSON Lines, the single source of truth.

mod event;
mod journal;
mod parse;
mod replay;

pub use event::*;
pub use journal::{
    JOURNAL_FILE, Journal, JournalError, LOCK_FILE, LoadReport, MergeReport, encode_line,
    new_event_id, parse_journal_bytes,
};
pub use replay::{
    Marks, ReviewEntry, card_marks, effective_reviews, last_undoable, orphans, scheduling_reviews,
    undo_candidates, undone_ids,
};
