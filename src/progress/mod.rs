//! The progress journal: append-only JSON Lines, the single source of truth.

mod event;

pub use event::*;
