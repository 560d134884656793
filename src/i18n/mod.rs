//! The catalogue: every user-facing string in English and German, in one
//! typed table per area (`ui`, `cli`, ...). The [`strings!`] macro makes a
//! method of [`Tr`] per entry, so a key missing in one language does not
//! compile. The interface language comes from `--lang` or the locale.

mod cli;
mod cli_errors;
pub use cli::Noun;
mod deck;
mod errors;
mod import;
pub use errors::{Localize, localize_error};
mod exam;
mod format;
mod quiz;
mod stats;
mod ui;

/// The strings of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr(pub Lang);

/// Declares catalogue entries: `name => "English", "Deutsch";`.
macro_rules! strings {
    ($($name:ident => $en:expr, $de:expr;)*) => {
        impl Tr {
            $(
                #[must_use]
                pub fn $name(self) -> &'static str {
                    match self.0 {
                        Lang::En => $en,
                        Lang::De => $de,
                    }
                }
            )*
        }
    };
}
pub(crate) use strings;

impl Tr {
    /// The text of the language (for entries built with `format!`).
    fn pick(self, en: String, de: String) -> String {
        match self.0 {
            Lang::En => en,
            Lang::De => de,
        }
    }
}

/// Interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    De,
    #[default]
    En,
}

impl Lang {
    /// Every interface language.
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The language's code, as `--lang` takes it: `de`, `en`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The language a locale string (`LANG`, `LC_ALL`) asks for: German for
    /// `de…`, English otherwise.
    #[must_use]
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("de") {
            Lang::De
        } else {
            Lang::En
        }
    }
}
