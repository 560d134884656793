//! Export of loaded decks as an Anki "Notes in Plain Text" file or as CSV.
//!
//! Decks hold *cards*; export writes *notes*: the `~rev` card of a reversed
//! basic note and the second, third, ... card of a cloze note are folded
//! back into their note. The CSV keeps every field (kartei's own layout,
//! see [`super::csv`]); the Anki file keeps what Anki's built-in notetypes
//! can hold and says in its header what it simplified.

use crate::i18n::{Lang, Tr};
use std::collections::HashSet;

use crate::deck::{Card, CardContent, ClozeSegment, Deck};

use super::text::html_escape;
use super::{ImportedNote, NoteBody};

/// The Anki notetype a note is exported as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notetype {
    Basic,
    BasicReversed,
    Cloze,
}

impl Notetype {
    /// The name of Anki's built-in notetype.
    #[must_use]
    pub fn anki_name(self) -> &'static str {
        match self {
            Self::Basic => "Basic",
            Self::BasicReversed => "Basic (and reversed card)",
            Self::Cloze => "Cloze",
        }
    }
}

/// One note prepared for export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportNote {
    pub deck_name: String,
    pub notetype: Notetype,
    /// The front as plain text (cloze: the text with `{{c1::...}}` gaps).
    pub front: String,
    /// The front as Anki HTML (text escaped, gap markup kept).
    pub front_html: String,
    /// The back as plain text (cloze: the explanation, if any).
    pub back: String,
    /// Tags with spaces replaced by `_`.
    pub tags: Vec<String>,
}

/// Folds a deck's cards back into notes, in file order.
///
/// - basic -> Basic, or "Basic (and reversed card)" when it has a `~rev` card;
/// - cloze -> Cloze with the gaps numbered `c1`, `c2`, ... in text order and
///   the explanation as the second field ("Back Extra");
/// - choice -> Basic: the question, then one line per choice (`A) ...`); the
///   back holds the correct choice(s), one per line;
/// - list -> Basic with one item per line on the back (numbered when ordered).
#[must_use]
pub fn notes(deck: &Deck) -> Vec<ExportNote> {
    let reversed: HashSet<&str> = deck
        .cards
        .iter()
        .filter(|c| matches!(c.content, CardContent::Basic { reversed: true, .. }))
        .filter_map(|c| c.id.as_str().strip_suffix("~rev"))
        .collect();
    deck.cards
        .iter()
        .filter_map(|card| note(deck, card, &reversed))
        .collect()
}

fn note(deck: &Deck, card: &Card, reversed: &HashSet<&str>) -> Option<ExportNote> {
    let plain = |notetype, front: String, back: String| ExportNote {
        deck_name: deck.name.clone(),
        notetype,
        front_html: html_escape(&front),
        front,
        back,
        tags: card
            .tags
            .iter()
            .map(|t| t.replace(char::is_whitespace, "_"))
            .collect(),
    };
    match &card.content {
        CardContent::Basic { reversed: true, .. } => None,
        CardContent::Basic { front, back, .. } => {
            let notetype = if reversed.contains(card.id.as_str()) {
                Notetype::BasicReversed
            } else {
                Notetype::Basic
            };
            Some(plain(notetype, front.clone(), back.clone()))
        }
        CardContent::Cloze { active, .. } if *active != 0 => None,
        CardContent::Cloze { segments, .. } => {
            let (front, front_html) = anki_cloze(segments);
            let mut n = plain(
                Notetype::Cloze,
                front,
                card.explain.clone().unwrap_or_default(),
            );
            n.front_html = front_html;
            Some(n)
        }
        CardContent::Choice {
            front,
            choices,
            answer,
        } => {
            let mut q = front.clone();
            for (i, choice) in choices.iter().enumerate() {
                q.push('\n');
                q.push_str(&choice_label(i));
                q.push_str(") ");
                q.push_str(choice);
            }
            let back = answer
                .iter()
                .filter_map(|&i| choices.get(i).map(|c| format!("{}) {c}", choice_label(i))))
                .collect::<Vec<_>>()
                .join("\n");
            Some(plain(Notetype::Basic, q, back))
        }
        CardContent::List {
            front,
            items,
            ordered,
        } => {
            let back = if *ordered {
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| format!("{}. {item}", i + 1))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                items.join("\n")
            };
            Some(plain(Notetype::Basic, front.clone(), back))
        }
    }
}

/// `A`, `B`, ..., `Z`, `AA`, `AB`, ...
fn choice_label(i: usize) -> String {
    let mut n = i;
    let mut label = Vec::new();
    loop {
        label.push(b'A' + u8::try_from(n % 26).unwrap_or(0));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    label.reverse();
    String::from_utf8(label).unwrap_or_default()
}

/// The cloze text in Anki syntax, as plain text and as HTML.
fn anki_cloze(segments: &[ClozeSegment]) -> (String, String) {
    let mut text = String::new();
    let mut html = String::new();
    let mut n = 0;
    for segment in segments {
        match segment {
            ClozeSegment::Text(t) => {
                text.push_str(t);
                html.push_str(&html_escape(t));
            }
            ClozeSegment::Gap { answer, hint } => {
                n += 1;
                let open = format!("{{{{c{n}::");
                text.push_str(&open);
                html.push_str(&open);
                text.push_str(answer);
                html.push_str(&html_escape(answer));
                if let Some(h) = hint {
                    text.push_str("::");
                    text.push_str(h);
                    html.push_str("::");
                    html.push_str(&html_escape(h));
                }
                text.push_str("}}");
                html.push_str("}}");
            }
        }
    }
    (text, html)
}

/// What an Anki export had to leave out or change, counted over its notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Simplified {
    /// Choice notes written as Basic.
    pub choice: usize,
    /// List notes written as Basic.
    pub list: usize,
    /// Notes with a hint, a source, `input = true` or (not cloze) an
    /// explanation, which Anki's notetypes have no field for.
    pub dropped_fields: usize,
    /// Notes with a tag that holds a space (written with `_`).
    pub spaced_tags: usize,
}

impl Simplified {
    /// Counts what exporting `decks` to Anki simplifies.
    #[must_use]
    pub fn of<'a>(decks: impl IntoIterator<Item = &'a Deck>) -> Self {
        let mut s = Self::default();
        for deck in decks {
            for note in kartei_notes(deck) {
                match note.body {
                    NoteBody::Choice { .. } => s.choice += 1,
                    NoteBody::List { .. } => s.list += 1,
                    NoteBody::Basic { .. } | NoteBody::Cloze { .. } => {}
                }
                let cloze = matches!(note.body, NoteBody::Cloze { .. });
                if note.hint.is_some()
                    || note.source.is_some()
                    || note.input
                    || (note.explain.is_some() && !cloze)
                {
                    s.dropped_fields += 1;
                }
                if note.tags.iter().any(|t| t.contains(char::is_whitespace)) {
                    s.spaced_tags += 1;
                }
            }
        }
        s
    }

    /// The `#kartei:` header lines that tell the reader of the file about it
    /// (Anki ignores header keys it does not know), in `lang`.
    #[must_use]
    pub fn header_lines(&self, lang: Lang) -> Vec<String> {
        let tr = Tr(lang);
        let mut lines = vec![tr.anki_header_intro().to_owned()];
        if self.choice > 0 {
            lines.push(tr.anki_header_choice(self.choice));
        }
        if self.list > 0 {
            lines.push(tr.anki_header_list(self.list));
        }
        if self.dropped_fields > 0 {
            lines.push(tr.anki_header_dropped(self.dropped_fields));
        }
        if self.spaced_tags > 0 {
            lines.push(tr.anki_header_spaced_tags(self.spaced_tags));
        }
        lines.push(tr.anki_header_ids().to_owned());
        lines.into_iter().map(|l| format!("#kartei:{l}")).collect()
    }
}

/// An Anki "Notes in Plain Text" file (tab-separated, HTML fields) with the
/// columns notetype, deck, first field, second field and tags. Its header
/// says what had to be simplified ([`Simplified`]).
#[must_use]
pub fn to_anki<'a>(decks: impl IntoIterator<Item = &'a Deck> + Clone, lang: Lang) -> String {
    let mut out = String::from(
        "#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:5\n",
    );
    for line in Simplified::of(decks.clone()).header_lines(lang) {
        out.push_str(&line);
        out.push('\n');
    }
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(b'\t')
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for deck in decks {
        for n in notes(deck) {
            let _ = writer.write_record([
                n.notetype.anki_name(),
                &n.deck_name,
                &n.front_html,
                &html_escape(&n.back),
                &n.tags.join(" "),
            ]);
        }
    }
    out.push_str(&String::from_utf8_lossy(
        &writer.into_inner().unwrap_or_default(),
    ));
    out
}

/// A deck's notes in kartei's own terms, in file order: every field kept,
/// `reverse` set on a basic note with a `~rev` card, a cloze note's text
/// written back with its gaps (`{{answer}}`, `{{answer::hint}}`), the note
/// id (the card id before `~`) as `id`, the cards' tags (the deck's
/// included).
#[must_use]
pub fn kartei_notes(deck: &Deck) -> Vec<ImportedNote> {
    let reversed: HashSet<&str> = deck
        .cards
        .iter()
        .filter(|c| matches!(c.content, CardContent::Basic { reversed: true, .. }))
        .map(|c| c.id.note_key())
        .collect();
    let mut out = Vec::new();
    for card in &deck.cards {
        let body = match &card.content {
            CardContent::Basic { reversed: true, .. } => continue,
            CardContent::Cloze { active, .. } if *active != 0 => continue,
            CardContent::Basic { front, back, .. } => NoteBody::Basic {
                front: front.clone(),
                back: back.clone(),
                reverse: reversed.contains(card.id.note_key()),
            },
            CardContent::Cloze { segments, .. } => NoteBody::Cloze {
                text: kartei_cloze(segments),
            },
            CardContent::Choice {
                front,
                choices,
                answer,
            } => NoteBody::Choice {
                front: front.clone(),
                choices: choices.clone(),
                answer: answer
                    .iter()
                    .filter_map(|&i| choices.get(i).cloned())
                    .collect(),
            },
            CardContent::List {
                front,
                items,
                ordered,
            } => NoteBody::List {
                front: front.clone(),
                items: items.clone(),
                ordered: *ordered,
            },
        };
        out.push(ImportedNote {
            line: card.line as usize,
            id: Some(card.id.note_key().to_owned()),
            body,
            tags: card.tags.clone(),
            hint: card.hint.clone(),
            explain: card.explain.clone(),
            source: card.source.clone(),
            input: card.input,
        });
    }
    out
}

/// A cloze text in kartei syntax.
fn kartei_cloze(segments: &[ClozeSegment]) -> String {
    let mut text = String::new();
    for segment in segments {
        match segment {
            ClozeSegment::Text(t) => text.push_str(t),
            ClozeSegment::Gap { answer, hint } => {
                text.push_str("{{");
                text.push_str(answer);
                if let Some(h) = hint {
                    text.push_str("::");
                    text.push_str(h);
                }
                text.push_str("}}");
            }
        }
    }
    text
}

/// A CSV file in kartei's own layout ([`super::csv::COLUMNS`]): one row per
/// note with every field, cells that a spreadsheet would run as a formula
/// neutralised ([`super::csv::neutralise_cell`]). `kartei import` reads it
/// back into the same cards, ids included.
#[must_use]
pub fn to_csv<'a>(decks: impl IntoIterator<Item = &'a Deck>) -> String {
    let rows: Vec<(String, ImportedNote)> = decks
        .into_iter()
        .flat_map(|deck| kartei_notes(deck).into_iter().map(|n| (deck.id.clone(), n)))
        .collect();
    super::csv::write_csv(&rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_labels_continue_after_z() {
        assert_eq!(choice_label(0), "A");
        assert_eq!(choice_label(25), "Z");
        assert_eq!(choice_label(26), "AA");
        assert_eq!(choice_label(27), "AB");
    }
}
