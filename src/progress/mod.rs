//! The progress journal: append-only JSON Lines, the single source of truth.

mod event;
mod exam;
mod journal;
mod parse;
mod replay;

pub use event::*;
pub use exam::{Exam, exams};
pub use journal::{
    JOURNAL_FILE, Journal, JournalError, JournalWarning, LOCK_FILE, LoadReport, MergeReport,
    Resume, encode_line, new_event_id, parse_journal_bytes,
};
pub use replay::{
    Marks, ReviewEntry, card_marks, effective_reviews, last_undoable, orphans, review_of,
    scheduling_reviews, undo_candidates, undone_ids,
};
