//! The decks shipped inside the binary (everything in `decks/` at build time).

include!(concat!(env!("OUT_DIR"), "/bundled_decks.rs"));

/// The bundled decks as `(file name, TOML text)`, sorted by file name.
#[must_use]
pub fn bundled() -> &'static [(&'static str, &'static str)] {
    BUNDLED
}
