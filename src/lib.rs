//! kartei: terminal flashcards with FSRS spaced repetition.
//!
//! The core (`deck`, `scheduler`, `progress`, `quiz`, `matcher`, `stats`)
//! knows nothing of terminals and never reads the clock. Above it, `study`
//! is the application layer (sessions, today's counts, quiz journalling,
//! statistics figures); `ui` (the terminal interface) and `cli` (the
//! command line) are two thin views over it.

// Output goes through `sanitize::stdout()`/`stderr()`, never the print
// macros, so no output path can forget to filter escape sequences.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod atomic;
pub mod cache;
pub mod checkpoint;
pub mod cli;
pub mod codec;
pub mod collection;
pub mod config;
pub mod deck;
pub mod i18n;
pub mod interchange;
pub mod matcher;
pub mod parallel;
pub mod progress;
pub mod quiz;
pub mod sanitize;
pub mod scheduler;
pub mod stats;
pub mod study;
pub mod ui;
pub mod watch;
