//! Decks: the model, the TOML loader with precise diagnostics, and `check --fix`.

mod model;

pub use model::*;
