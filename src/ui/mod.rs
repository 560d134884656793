//! The terminal interface (ratatui): state in [`App`], drawing in
//! [`render`], the terminal runtime in [`run()`]. It talks to the rest of
//! kartei only through the [`Study`] port.

pub mod app;
pub mod backend;
pub mod browser;
pub mod editor;
pub mod exam_screen;
pub mod i18n;
pub mod keymap;
mod layout;
mod overview;
pub mod quiz_screen;
pub mod quiz_view;
mod reload;
mod review;
pub mod run;
mod session_end;
pub mod signals;
pub mod stats_screen;
pub mod stats_view;
pub mod text;
pub mod theme;
pub mod typed;
pub mod view;

pub use crate::study::{
    Counts, DeckRow, NextCard, Overview, QuizPort, QuizSetupView, QuizStarted, Scope,
    SessionSummary, ShowCard, StatsFilter, StatsPort, StatsView, Study,
};
pub use app::{App, Effect, ReviewState, Screen, Stage};
pub use keymap::{Action, Key, KeyError, KeyMap};
pub use quiz_screen::QuizScreen;
pub use run::{Exit, Options, run};
pub use stats_screen::{Panel, StatsState};
pub use theme::Theme;
pub use view::render;
