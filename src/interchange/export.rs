//! Export of loaded decks as an Anki "Notes in Plain Text" file or as CSV.
//!
//! Decks hold *cards*; export writes *notes*: the `~rev` card of a reversed
//! basic note and the second, third, ... card of a cloze note are folded
//! back into their note.

use std::collections::HashSet;

use crate::deck::{Card, CardContent, ClozeSegment, Deck};

use super::csv::quote_field;
use super::text::html_escape;

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

/// An Anki "Notes in Plain Text" file (tab-separated, HTML fields) with the
/// columns notetype, deck, first field, second field and tags.
#[must_use]
pub fn to_anki<'a>(decks: impl IntoIterator<Item = &'a Deck>) -> String {
    let mut out = String::from(
        "#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:5\n",
    );
    for deck in decks {
        for n in notes(deck) {
            let fields = [
                n.notetype.anki_name().to_owned(),
                n.deck_name.clone(),
                n.front_html.clone(),
                html_escape(&n.back),
                n.tags.join(" "),
            ];
            let line: Vec<String> = fields.iter().map(|f| quote_field(f, '\t')).collect();
            out.push_str(&line.join("\t"));
            out.push('\n');
        }
    }
    out
}

/// A CSV file with the header `front,back,tags`; cloze fronts keep their
/// `{{c1::...}}` gaps, tags are separated by spaces.
#[must_use]
pub fn to_csv<'a>(decks: impl IntoIterator<Item = &'a Deck>) -> String {
    let mut out = String::from("front,back,tags\n");
    for deck in decks {
        for n in notes(deck) {
            let line = [
                quote_field(&n.front, ','),
                quote_field(&n.back, ','),
                quote_field(&n.tags.join(" "), ','),
            ];
            out.push_str(&line.join(","));
            out.push('\n');
        }
    }
    out
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
