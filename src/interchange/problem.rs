//! Why a line of an import file was skipped, or why its header is
//! unusable, as data. `Display` is the English text; the views tell it in
//! the user's language through [`crate::i18n::Localize`].

use std::fmt;

use crate::deck::Problem;
use crate::i18n::{Lang, Tr};

/// One problem of an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    // Reading CSV records.
    SeparatorNotAscii {
        sep: char,
    },
    UnclosedQuote {
        field: usize,
    },
    TooManyUnclosedQuotes {
        max: usize,
    },
    // The CSV header row.
    HeaderUnreadable(Box<ImportProblem>),
    UnknownColumn {
        name: String,
    },
    ColumnTwice {
        name: String,
    },
    HeaderNeedsColumns,
    // CSV rows.
    FieldCount {
        header: usize,
        row: usize,
    },
    IdUsedBefore {
        id: String,
        first: usize,
    },
    NotBool {
        column: String,
        value: String,
    },
    NotJsonList {
        column: String,
    },
    TagsNotJsonList,
    UnknownKind {
        kind: String,
    },
    NotForKind {
        column: String,
        kind: String,
    },
    EmptyFront,
    EmptyBack,
    ClozeTextAndFront,
    ClozeBackAndExplain,
    ClozeBackWithText,
    InvalidId {
        id: String,
    },
    // Anki's header lines.
    UnknownHeaderLine {
        line: String,
    },
    UnknownSeparator {
        value: String,
    },
    HtmlNotBool {
        value: String,
    },
    ColumnNumber {
        key: String,
        value: String,
    },
    // Anki's lines.
    ColumnsCount {
        columns: usize,
        fields: usize,
    },
    ColumnRef {
        column: usize,
        fields: usize,
    },
    TooFewFields {
        cloze: bool,
        fields: usize,
    },
    // Anki cloze texts.
    BracesOutsideGap,
    UnclosedGap,
    NestedGaps,
    EmptyGap,
    StrayClose,
    NoGap,
    /// The converted note is not a card the deck loader accepts.
    Deck(Box<Problem>),
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::DISPLAY))
    }
}

impl ImportProblem {
    /// The text in `lang`.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        Tr(lang).import_problem(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ImportProblem as P;

    fn samples() -> Vec<ImportProblem> {
        let s = |t: &str| t.to_owned();
        vec![
            P::SeparatorNotAscii { sep: '§' },
            P::UnclosedQuote { field: 2 },
            P::TooManyUnclosedQuotes { max: 100 },
            P::HeaderUnreadable(Box::new(P::UnclosedQuote { field: 1 })),
            P::UnknownColumn { name: s("vorne") },
            P::ColumnTwice { name: s("front") },
            P::HeaderNeedsColumns,
            P::FieldCount { header: 3, row: 2 },
            P::IdUsedBefore {
                id: s("a"),
                first: 2,
            },
            P::NotBool {
                column: s("reverse"),
                value: s("vielleicht"),
            },
            P::NotJsonList { column: s("items") },
            P::TagsNotJsonList,
            P::UnknownKind { kind: s("quiz") },
            P::NotForKind {
                column: s("items"),
                kind: s("basic"),
            },
            P::EmptyFront,
            P::EmptyBack,
            P::ClozeTextAndFront,
            P::ClozeBackAndExplain,
            P::ClozeBackWithText,
            P::InvalidId { id: s("a b") },
            P::UnknownHeaderLine { line: s("foo:bar") },
            P::UnknownSeparator { value: s("xy") },
            P::HtmlNotBool { value: s("ja") },
            P::ColumnNumber {
                key: s("tags column"),
                value: s("x"),
            },
            P::ColumnsCount {
                columns: 3,
                fields: 2,
            },
            P::ColumnRef {
                column: 4,
                fields: 2,
            },
            P::TooFewFields {
                cloze: false,
                fields: 1,
            },
            P::BracesOutsideGap,
            P::UnclosedGap,
            P::NestedGaps,
            P::EmptyGap,
            P::StrayClose,
            P::NoGap,
            P::Deck(Box::new(Problem::NoCards)),
        ]
    }

    /// Exhaustive: a new kind of problem must be added to [`samples`].
    fn variant(p: &ImportProblem) -> usize {
        match p {
            P::SeparatorNotAscii { .. } => 0,
            P::UnclosedQuote { .. } => 1,
            P::TooManyUnclosedQuotes { .. } => 2,
            P::HeaderUnreadable(_) => 3,
            P::UnknownColumn { .. } => 4,
            P::ColumnTwice { .. } => 5,
            P::HeaderNeedsColumns => 6,
            P::FieldCount { .. } => 7,
            P::IdUsedBefore { .. } => 8,
            P::NotBool { .. } => 9,
            P::NotJsonList { .. } => 10,
            P::TagsNotJsonList => 11,
            P::UnknownKind { .. } => 12,
            P::NotForKind { .. } => 13,
            P::EmptyFront => 14,
            P::EmptyBack => 15,
            P::ClozeTextAndFront => 16,
            P::ClozeBackAndExplain => 17,
            P::ClozeBackWithText => 18,
            P::InvalidId { .. } => 19,
            P::UnknownHeaderLine { .. } => 20,
            P::UnknownSeparator { .. } => 21,
            P::HtmlNotBool { .. } => 22,
            P::ColumnNumber { .. } => 23,
            P::ColumnsCount { .. } => 24,
            P::ColumnRef { .. } => 25,
            P::TooFewFields { .. } => 26,
            P::BracesOutsideGap => 27,
            P::UnclosedGap => 28,
            P::NestedGaps => 29,
            P::EmptyGap => 30,
            P::StrayClose => 31,
            P::NoGap => 32,
            P::Deck(_) => 33,
        }
    }

    #[test]
    fn every_import_problem_is_told_in_both_languages() {
        let all = samples();
        let kinds: std::collections::BTreeSet<usize> = all.iter().map(variant).collect();
        assert_eq!(kinds.len(), all.len());
        assert_eq!(kinds.last().copied(), Some(all.len() - 1));
        for p in &all {
            let (en, de) = (p.text(Lang::En), p.text(Lang::De));
            assert_eq!(en, p.to_string());
            assert_ne!(en, de, "{p:?}");
            for word in [
                "the ", " and ", "unknown", "empty", " must ", "wrong", "not ", "line",
            ] {
                assert!(!de.contains(word), "{word:?} in {de:?}");
            }
        }
    }
}
