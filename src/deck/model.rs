//! The in-memory model of decks and cards, shared by every other module.
//!
//! A deck file holds *notes* (`[[cards]]` tables); one note can produce
//! several *cards* (a reversed basic note gives two, a cloze text gives one
//! card per gap). Progress is keyed by [`Card::id`].

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The stable identity of one reviewable card; the journal is keyed by it.
///
/// For a note with `id = "mm-preis"` the cards are `mm-preis` (basic, choice,
/// list), `mm-preis~rev` (the reversed side of a basic note) and
/// `mm-preis~c1`, `mm-preis~c2`, ... (one per cloze gap).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CardId(pub String);

/// A hash table keyed by card id, hashed with [`crate::cache::Fnv`]: card
/// ids are short strings from the user's own decks, where FNV is several
/// times faster than SipHash (the start looks up every card's state and
/// reviews) and flooding protection is no concern.
pub type CardMap<V> = std::collections::HashMap<CardId, V, crate::cache::FnvBuild>;

impl CardId {
    /// The id as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The note this card was generated from: the id before `~`. Siblings
    /// (a reversed side, the other gaps of a cloze text) share it.
    #[must_use]
    pub fn note_key(&self) -> &str {
        // A byte scan: ids are short, and this runs for every card of the
        // overview's counts.
        let end = self.0.bytes().position(|b| b == b'~');
        end.map_or(self.0.as_str(), |end| &self.0[..end])
    }
}

impl fmt::Display for CardId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for CardId {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

/// Where a deck was loaded from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeckOrigin {
    /// Embedded in the binary; the name is the file name under `decks/`.
    Bundled(String),
    /// A file on disk.
    File(PathBuf),
}

impl DeckOrigin {
    /// A display name for messages: the path or `bundled:<name>`.
    #[must_use]
    pub fn display_name(&self) -> String {
        match self {
            Self::Bundled(name) => format!("bundled:{name}"),
            Self::File(path) => path.display().to_string(),
        }
    }

    /// The path on disk, if the deck has one (bundled decks have none).
    #[must_use]
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Self::Bundled(_) => None,
            Self::File(p) => Some(p),
        }
    }
}

/// One loaded, validated deck.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deck {
    /// `[deck] id`, or the file stem when absent.
    pub id: String,
    pub name: String,
    pub description: String,
    pub tags: Vec<String>,
    pub origin: DeckOrigin,
    /// Cards in file order (a note's generated cards stay together).
    pub cards: super::Cards,
}

/// The kind of a card, as written in `kind = "..."`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    Basic,
    Cloze,
    Choice,
    List,
}

impl CardKind {
    /// The name used in deck files and JSON output.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Basic => "basic",
            Self::Cloze => "cloze",
            Self::Choice => "choice",
            Self::List => "list",
        }
    }
}

/// One piece of a cloze text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClozeSegment {
    Text(String),
    /// `{{answer}}` or `{{answer::hint}}`.
    Gap {
        answer: String,
        hint: Option<String>,
    },
}

/// What a card asks and how it is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CardContent {
    /// `front` asks, `back` answers. `reversed` marks the generated back→front card.
    Basic {
        front: String,
        back: String,
        reversed: bool,
    },
    /// The whole text split into segments; `active` is the index (among the
    /// gaps only, 0-based) of the gap this card asks for. Other gaps are shown filled in.
    Cloze {
        segments: Vec<ClozeSegment>,
        active: usize,
    },
    /// `answer` holds indices into `choices`; several means multi-answer.
    Choice {
        front: String,
        choices: Vec<String>,
        answer: Vec<usize>,
    },
    /// Items to recall; `ordered` means their order matters.
    List {
        front: String,
        items: Vec<String>,
        ordered: bool,
    },
}

/// One reviewable card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: CardId,
    /// True when `id` was written in the deck, false when derived.
    pub id_explicit: bool,
    pub deck_id: String,
    /// Note tags plus the deck's tags, deduplicated, in that order.
    pub tags: Vec<String>,
    pub hint: Option<String>,
    pub explain: Option<String>,
    pub source: Option<String>,
    /// `input = true`: the answer is typed and compared.
    pub input: bool,
    /// Further answers accepted when the answer is typed (`accept` in the
    /// deck file): for a basic card those listed for its back, for a cloze
    /// card those listed for its gap; empty for every other card.
    pub accept: Vec<String>,
    /// 1-based line of the note's `[[cards]]` header in the file.
    pub line: u32,
    pub content: CardContent,
}

impl Card {
    /// The kind of the note this card came from.
    #[must_use]
    pub fn kind(&self) -> CardKind {
        match self.content {
            CardContent::Basic { .. } => CardKind::Basic,
            CardContent::Cloze { .. } => CardKind::Cloze,
            CardContent::Choice { .. } => CardKind::Choice,
            CardContent::List { .. } => CardKind::List,
        }
    }

    /// The question as plain text (a cloze shows its active gap as `[…]` or
    /// `[hint]`).
    #[must_use]
    pub fn question(&self) -> String {
        match &self.content {
            CardContent::Basic { front, .. }
            | CardContent::Choice { front, .. }
            | CardContent::List { front, .. } => front.clone(),
            CardContent::Cloze { segments, active } => cloze_text(segments, Some(*active)),
        }
    }

    /// The expected answer as plain text (list items joined by ", ", choice
    /// answers joined by ", ", the cloze gap's answer).
    #[must_use]
    pub fn answer(&self) -> String {
        match &self.content {
            CardContent::Basic { back, .. } => back.clone(),
            CardContent::Cloze { segments, active } => gaps(segments)
                .nth(*active)
                .map(|(answer, _)| answer.to_owned())
                .unwrap_or_default(),
            CardContent::Choice {
                choices, answer, ..
            } => answer
                .iter()
                .filter_map(|&i| choices.get(i).map(String::as_str))
                .collect::<Vec<_>>()
                .join(", "),
            CardContent::List { items, .. } => items.join(", "),
        }
    }

    /// What a typed answer is compared with: [`Card::answer`], followed by
    /// the [`Card::accept`] alternatives, joined by `" / "` so that the
    /// matcher accepts any one of them (see [`crate::matcher`]). Without
    /// alternatives this is just the answer.
    #[must_use]
    pub fn typed_answer(&self) -> String {
        let mut expected = self.answer();
        for alternative in &self.accept {
            expected.push_str(" / ");
            expected.push_str(alternative);
        }
        expected
    }
}

/// The gaps of a cloze text as `(answer, hint)`.
pub fn gaps(segments: &[ClozeSegment]) -> impl Iterator<Item = (&str, Option<&str>)> {
    segments.iter().filter_map(|s| match s {
        ClozeSegment::Gap { answer, hint } => Some((answer.as_str(), hint.as_deref())),
        ClozeSegment::Text(_) => None,
    })
}

/// A cloze text with gap `hidden` shown as `[…]` (or `[hint]`) and all other
/// gaps filled in. `None` fills every gap.
#[must_use]
pub fn cloze_text(segments: &[ClozeSegment], hidden: Option<usize>) -> String {
    let mut out = String::new();
    let mut gap_index = 0;
    for segment in segments {
        match segment {
            ClozeSegment::Text(t) => out.push_str(t),
            ClozeSegment::Gap { answer, hint } => {
                if Some(gap_index) == hidden {
                    out.push('[');
                    out.push_str(hint.as_deref().unwrap_or("…"));
                    out.push(']');
                } else {
                    out.push_str(answer);
                }
                gap_index += 1;
            }
        }
    }
    out
}
