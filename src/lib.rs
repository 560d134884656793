//! kartei: terminal flashcards with FSRS spaced repetition.
//!
//! The core (`deck`, `scheduler`, `progress`, `quiz`, `matcher`, `stats`)
//! knows nothing of terminals and never reads the clock; `ui` draws it and
//! `cli` wires everything together.

// Output goes through `sanitize::stdout()`/`stderr()`, never the print
// macros, so no output path can forget to filter escape sequences.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod atomic;
pub mod cli;
pub mod collection;
pub mod config;
pub mod deck;
pub mod interchange;
pub mod matcher;
pub mod progress;
pub mod quiz;
pub mod review;
pub mod sanitize;
pub mod scheduler;
pub mod stats;
pub mod ui;
pub mod watch;
