//! Problems found in deck files, with the position (file, 1-based line and
//! character column) and the offending source line, rendered like a compiler
//! message:
//!
//! ```text
//! error: decks/x.toml:7:1: unknown key `frnot`
//!   |
//! 7 | frnot = "Was ist ...?"
//!   | ^^^^^
//! help: did you mean `front`?
//! ```

use std::fmt;

use serde::Serialize;

use super::problem::Problem;
use crate::i18n::{Lang, Tr};

/// How bad a problem is: errors make a deck unusable, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// One problem in one file. What the problem is is data ([`Problem`]);
/// its message and help are rendered in a language by the views
/// ([`Diagnostic::localized`]); `Display` renders English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The path, or `bundled:<name>` for decks embedded in the binary.
    pub file: String,
    /// 1-based line; 0 when the problem has no position (e.g. unreadable file).
    pub line: u32,
    /// 1-based column in characters (not bytes); 0 when there is no position.
    pub column: u32,
    /// What is wrong (boxed: diagnostics travel in `Result`s).
    pub problem: Box<Problem>,
    /// The offending line of the source, without its line break.
    pub source_line: Option<String>,
    /// How many characters the caret underline spans (at least 1).
    pub width: u32,
}

impl Diagnostic {
    /// An error without a position in the file (e.g. the file cannot be read).
    #[must_use]
    pub fn file_error(file: impl Into<String>, problem: Problem) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            problem: Box::new(problem),
            source_line: None,
            width: 1,
        }
    }

    /// True for errors.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line message in `lang`.
    #[must_use]
    pub fn message(&self, lang: Lang) -> String {
        Tr(lang).problem(&self.problem)
    }

    /// What to do about it, in `lang`.
    #[must_use]
    pub fn help(&self, lang: Lang) -> Option<String> {
        Tr(lang).problem_help(&self.problem)
    }

    /// The stable, machine-readable name of the problem (e.g. `unknown-key`).
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.problem.code()
    }

    /// The whole diagnostic (location, source line, caret, help) in `lang`.
    #[must_use]
    pub fn localized(&self, lang: Lang) -> Localized<'_> {
        Localized { d: self, lang }
    }
}

/// A [`Diagnostic`] rendered in one language.
#[derive(Debug, Clone, Copy)]
pub struct Localized<'a> {
    d: &'a Diagnostic,
    lang: Lang,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localized(Lang::DISPLAY).fmt(f)
    }
}

impl fmt::Display for Localized<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.d;
        let tr = Tr(self.lang);
        let sev = tr.severity(d.severity);
        let message = d.message(self.lang);
        let (file, message) = (printable(&d.file), printable(&message));
        if d.line == 0 {
            writeln!(f, "{sev}: {file}: {message}")?;
        } else {
            writeln!(f, "{sev}: {file}:{}:{}: {message}", d.line, d.column)?;
        }
        if let Some(src) = &d.source_line {
            let num = d.line.to_string();
            let pad = " ".repeat(num.len());
            // One char in, one char out, so the caret stays aligned.
            let shown = printable(src);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{num} | {shown}")?;
            let lead: usize = shown
                .chars()
                .take(d.column.saturating_sub(1) as usize)
                .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                .sum();
            let marked: usize = shown
                .chars()
                .skip(d.column.saturating_sub(1) as usize)
                .take(d.width.max(1) as usize)
                .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                .sum();
            writeln!(
                f,
                "{pad} | {}{}",
                " ".repeat(lead),
                "^".repeat(marked.max(1))
            )?;
        }
        if let Some(help) = d.help(self.lang) {
            writeln!(f, "{}: {}", tr.help_word(), printable(&help))?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

/// Text from a deck file made safe to print to a terminal, char for char
/// (see [`crate::sanitize::printable`]), so the caret stays aligned.
fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    crate::sanitize::printable(s)
}

/// Maps byte offsets of one source text to 1-based lines and character
/// columns. The line starts are computed once; each lookup is a binary search.
#[derive(Debug, Clone)]
pub struct LineIndex<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> LineIndex<'s> {
    /// Indexes `src`.
    #[must_use]
    pub fn new(src: &'s str) -> Self {
        let mut starts = Vec::with_capacity(src.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1));
        Self { src, starts }
    }

    /// The 1-based line of a byte offset (clamped to the text).
    #[must_use]
    pub fn line_of(&self, offset: usize) -> u32 {
        let offset = offset.min(self.src.len());
        let idx = self.starts.partition_point(|&s| s <= offset);
        u32::try_from(idx.max(1)).unwrap_or(u32::MAX)
    }

    /// `(line, column)`, both 1-based; the column counts characters.
    #[must_use]
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = floor_char_boundary(self.src, offset.min(self.src.len()));
        let line = self.line_of(offset);
        let start = self.starts[line as usize - 1];
        let col = self.src[start..offset].chars().count() + 1;
        (line, u32::try_from(col).unwrap_or(u32::MAX))
    }

    /// The text of a 1-based line without its line break.
    #[must_use]
    pub fn line_text(&self, line: u32) -> &'s str {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(i) else {
            return "";
        };
        let end = self.starts.get(i + 1).map_or(self.src.len(), |&e| e);
        self.src[start..end].trim_end_matches(['\n', '\r'])
    }

    /// A diagnostic pointing at the byte range `span` of the source.
    #[must_use]
    pub fn diagnostic(
        &self,
        severity: Severity,
        file: &str,
        span: std::ops::Range<usize>,
        problem: Problem,
    ) -> Diagnostic {
        let (line, column) = self.position(span.start);
        let text = self.line_text(line);
        let end = floor_char_boundary(self.src, span.end.min(self.src.len()));
        let start = floor_char_boundary(self.src, span.start.min(end));
        // Underline only up to the end of the first line of the span.
        let covered = self.src[start..end]
            .split(['\n', '\r'])
            .next()
            .unwrap_or("")
            .chars()
            .count();
        Diagnostic {
            severity,
            file: file.to_owned(),
            line,
            column,
            problem: Box::new(problem),
            source_line: Some(text.to_owned()),
            width: u32::try_from(covered.max(1)).unwrap_or(1),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The edit distance between two strings (insertions, deletions,
/// substitutions and swaps of neighbours), counted in characters.
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = best;
        }
    }
    d[a.len() * w + b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible
/// typo (at most a third of the longer word's length, at least 1 edit
/// allowed; case differences are free).
#[must_use]
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| {
            let len = lower.chars().count().max(c.chars().count());
            d <= (len / 3).max(1)
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "a = 1\nüöä = x\n";
        let idx = LineIndex::new(src);
        let off = src.find('=').unwrap();
        assert_eq!(idx.position(off), (1, 3));
        let off2 = src.rfind('=').unwrap();
        assert_eq!(idx.position(off2), (2, 5));
        assert_eq!(idx.line_text(2), "üöä = x");
        assert_eq!(idx.position(src.len()), (3, 1));
    }

    #[test]
    fn display_has_location_source_caret_and_help() {
        let src = "[deck]\nnäme = \"x\"\n";
        let idx = LineIndex::new(src);
        let d = idx.diagnostic(
            Severity::Error,
            "f.toml",
            7..12,
            Problem::UnknownKey {
                key: "näme".into(),
                place: super::super::problem::KeyPlace::Deck,
                suggestion: Some("name".into()),
            },
        );
        let shown = d.to_string();
        assert_eq!(
            shown,
            "error: f.toml:2:1: unknown key `näme` in `[deck]`\n  |\n2 | näme = \"x\"\n  | ^^^^\nhelp: did you mean `name`?\n"
        );
        assert_eq!(
            d.localized(Lang::De).to_string(),
            "Fehler: f.toml:2:1: unbekannter Schlüssel `näme` in `[deck]`\n  |\n2 | näme = \"x\"\n  | ^^^^\nHilfe: meinst du `name`?\n"
        );
        assert_eq!(d.code(), "unknown-key");
    }

    #[test]
    fn closest_finds_typos_but_not_unrelated_words() {
        let keys = ["front", "back", "choices"];
        assert_eq!(closest("frnot", keys), Some("front"));
        assert_eq!(closest("Back", keys), Some("back"));
        assert_eq!(closest("choice", keys), Some("choices"));
        assert_eq!(closest("zebra", keys), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
