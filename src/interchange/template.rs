//! The commented deck template written by `kartei new`.

use super::text::slug;
use crate::i18n::Lang;

/// The template with English comments, with `@ID@` standing for the deck
/// id and `@P@` for the card id prefix.
const TEMPLATE: &str = r#"# A kartei deck. Every key is explained in a comment; delete what you do not
# need. Check your work with `kartei check THIS-FILE.toml`.
# The full reference is docs/deck-format.md in kartei's source.

[deck]
id = "@ID@"                       # optional; default: the file name. a-z, 0-9, - and _ only
name = "Mein Deck"                # optional (default: the file name): shown in the deck overview
description = "Eine Vorlage mit jeder Kartenart"   # optional
tags = ["vorlage"]                # optional: added to every card of the deck

# --- basic: a question (front) and an answer (back) ---------------------------
[[cards]]
id = "@P@-marketing-ziel"         # optional but recommended: progress is stored under it
front = "Was ist das Ziel des Marketings?"
back = "Nachfrage wecken und die Marke bekannt machen"
tags = ["grundlagen"]             # optional: topics for --tag filters
hint = "Denk an die Zielgruppe"   # optional: shown only when asked for
explain = "Das Marketing spricht viele an, der Vertrieb den einzelnen Kunden."   # optional: shown after the answer
source = "Skript, Kapitel 1"      # optional: where the fact comes from

# --- basic, reversed: also asks back -> front (card "@P@-kpi~rev") -------------
[[cards]]
id = "@P@-kpi"
kind = "basic"                    # the default; may be left out
front = "KPI"
back = "Key Performance Indicator"
reverse = true                    # optional, default false

# --- basic with a typed answer (compared tolerantly) --------------------------
[[cards]]
id = "@P@-abschluss"
front = "Wie heißt der Moment, in dem der Kunde unterschreibt?"
back = "Abschluss"
input = true                      # optional, default false: the student types the answer
accept = ["Vertragsabschluss"]    # optional: further answers that count as right

# --- cloze: every {{gap}} is its own card ("@P@-funnel~c1", "~c2") ------------
[[cards]]
id = "@P@-funnel"
kind = "cloze"
# {{answer}} is a gap; {{answer::hint}} shows the hint instead of "…".
text = "Der Sales Funnel beginnt mit der {{Aufmerksamkeit}} und endet mit dem {{Kauf::Schritt}}."
accept = { c1 = ["Awareness"] }   # optional: further answers per gap (c1 = first gap)

# --- multi-line text: use triple quotes -----------------------------------------
[[cards]]
id = "@P@-mehrzeilig"
front = "Welche zwei Abteilungen teilen sich den Funnel?"
back = """
Marketing (oben)
Vertrieb (unten)"""

# --- choice: one correct answer ------------------------------------------------
[[cards]]
id = "@P@-kanal"
kind = "choice"
front = "Welcher Kanal gehört zum Direktvertrieb?"
choices = ["Außendienst", "Großhandel", "Einzelhandel"]   # at least 2, no duplicates
answer = "Außendienst"            # must be written exactly like one of the choices

# --- choice: several correct answers ---------------------------------------------
[[cards]]
id = "@P@-kennzahlen"
kind = "choice"
front = "Welche Kennzahlen misst der Vertrieb? (mehrere richtig)"
choices = ["Abschlussquote", "Reichweite", "Umsatz pro Kunde"]
answer = ["Abschlussquote", "Umsatz pro Kunde"]

# --- list: recall items, any order ------------------------------------------------
[[cards]]
id = "@P@-4p"
kind = "list"
front = "Nenne die vier Ps des Marketing-Mix."
items = ["Product", "Price", "Place", "Promotion"]   # at least 1

# --- list: the order matters -------------------------------------------------------
[[cards]]
id = "@P@-phasen"
kind = "list"
front = "Nenne die Phasen des Verkaufsgesprächs in ihrer Reihenfolge."
items = ["Begrüßung", "Bedarfsanalyse", "Angebot", "Abschluss"]
ordered = true                    # optional, default false
"#;

/// The template's comments in German, in the order they appear: `kartei
/// new` in German replaces each English comment by its German one.
const GERMAN_COMMENTS: &[(&str, &str)] = &[
    (
        "# A kartei deck. Every key is explained in a comment; delete what you do not\n# need. Check your work with `kartei check THIS-FILE.toml`.\n# The full reference is docs/deck-format.md in kartei's source.",
        "# Ein kartei-Stapel. Jeder Schlüssel ist in einem Kommentar erklärt; lösche, was\n# du nicht brauchst. Prüfe deine Arbeit mit `kartei check DIESE-DATEI.toml`.\n# Die vollständige Beschreibung steht in docs/deck-format.md in kartei's Quellen.",
    ),
    (
        "# optional; default: the file name. a-z, 0-9, - and _ only",
        "# optional; Standard: der Dateiname. Nur a-z, 0-9, - und _",
    ),
    (
        "# optional (default: the file name): shown in the deck overview",
        "# optional (Standard: der Dateiname): steht in der Stapelübersicht",
    ),
    (
        "# optional: added to every card of the deck",
        "# optional: gilt für jede Karte des Stapels",
    ),
    (
        "# --- basic: a question (front) and an answer (back) ---",
        "# --- basic: eine Frage (front) und eine Antwort (back) ---",
    ),
    (
        "# optional but recommended: progress is stored under it",
        "# optional, aber empfohlen: der Lernstand wird darunter gespeichert",
    ),
    (
        "# optional: topics for --tag filters",
        "# optional: Themen für --tag-Filter",
    ),
    (
        "# optional: shown only when asked for",
        "# optional: erscheint nur auf Wunsch",
    ),
    (
        "# optional: shown after the answer",
        "# optional: erscheint nach der Antwort",
    ),
    (
        "# optional: where the fact comes from",
        "# optional: woher die Aussage stammt",
    ),
    (
        "# --- basic, reversed: also asks back -> front",
        "# --- basic, umgekehrt: fragt auch back -> front",
    ),
    ("(card \"@P@-kpi~rev\")", "(Karte \"@P@-kpi~rev\")"),
    (
        "# the default; may be left out",
        "# der Standard; kann entfallen",
    ),
    (
        "# optional, default false: the student types the answer",
        "# optional, Standard false: die Antwort wird getippt",
    ),
    ("# optional, default false", "# optional, Standard false"),
    (
        "# --- basic with a typed answer (compared tolerantly) ---",
        "# --- basic mit getippter Antwort (tolerant verglichen) ---",
    ),
    (
        "# optional: further answers that count as right",
        "# optional: weitere Antworten, die als richtig gelten",
    ),
    (
        "# --- cloze: every {{gap}} is its own card",
        "# --- cloze: jede {{Lücke}} ist eine eigene Karte",
    ),
    (
        "# {{answer}} is a gap; {{answer::hint}} shows the hint instead of \"…\".",
        "# {{Antwort}} ist eine Lücke; {{Antwort::Hinweis}} zeigt den Hinweis statt \"…\".",
    ),
    (
        "# optional: further answers per gap (c1 = first gap)",
        "# optional: weitere Antworten je Lücke (c1 = erste Lücke)",
    ),
    (
        "# --- multi-line text: use triple quotes ---",
        "# --- mehrzeiliger Text: dreifache Anführungszeichen ---",
    ),
    (
        "# --- choice: one correct answer ---",
        "# --- choice: eine richtige Antwort ---",
    ),
    (
        "# at least 2, no duplicates",
        "# mindestens 2, keine doppelt",
    ),
    (
        "# must be written exactly like one of the choices",
        "# genau so geschrieben wie eine der choices",
    ),
    (
        "# --- choice: several correct answers ---",
        "# --- choice: mehrere richtige Antworten ---",
    ),
    (
        "# --- list: recall items, any order ---",
        "# --- list: Punkte aufzählen, beliebige Reihenfolge ---",
    ),
    ("# at least 1", "# mindestens 1"),
    (
        "# --- list: the order matters ---",
        "# --- list: die Reihenfolge zählt ---",
    ),
];

/// The template for a deck file named `file_stem` (without `.toml`): the
/// deck id is the file name as a slug (`mein-deck` when nothing usable is
/// left), and every card id starts with it. The comments are in `lang`.
#[must_use]
pub fn template(file_stem: &str, lang: Lang) -> String {
    let id = match slug(file_stem) {
        s if s.is_empty() => "mein-deck".to_owned(),
        s => s,
    };
    let mut text = TEMPLATE.to_owned();
    if lang == Lang::De {
        for (en, de) in GERMAN_COMMENTS {
            text = text.replace(en, de);
        }
    }
    text.replace("@ID@", &id).replace("@P@", &id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_is_valid_toml_with_every_kind() {
        let text = template("Meine Prüfung", Lang::En);
        let t: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(t["deck"]["id"].as_str(), Some("meine-pruefung"));
        let cards = t["cards"].as_array().unwrap();
        let kinds: Vec<&str> = cards
            .iter()
            .map(|c| c.get("kind").and_then(|k| k.as_str()).unwrap_or("basic"))
            .collect();
        for kind in ["basic", "cloze", "choice", "list"] {
            assert!(kinds.contains(&kind), "{kind} missing");
        }
        assert!(
            cards
                .iter()
                .all(|c| c["id"].as_str().unwrap().starts_with("meine-pruefung-"))
        );
        assert!(!text.contains('@'));
    }

    #[test]
    fn unusable_file_names_get_a_default_id() {
        assert!(template("!!!", Lang::De).contains("id = \"mein-deck\""));
    }

    #[test]
    fn both_languages_write_the_same_cards() {
        let en: toml::Table = toml::from_str(&template("x", Lang::En)).unwrap();
        let de: toml::Table = toml::from_str(&template("x", Lang::De)).unwrap();
        assert_eq!(en, de);
        let de_text = template("x", Lang::De);
        assert!(de_text.starts_with("# Ein kartei-Stapel."));
        assert!(!de_text.contains("optional: shown"));
        for (english, _) in GERMAN_COMMENTS {
            assert!(
                TEMPLATE.contains(english),
                "{english:?} is not in the template"
            );
            assert!(!de_text.contains(english), "{english:?} is left in English");
        }
    }
}
