//! Problems in deck files ([`Problem`]) and the words around them, in
//! English and German. Every problem has a message and a help text in both
//! languages: the `match` over [`Lang`] and over every [`Problem`] variant
//! is exhaustive, so a missing translation does not compile.

use super::{Lang, Tr, strings};
use crate::deck::{
    CARD_KEYS, CardKind, ClozeProblem, DECK_KEYS, Expected, FileKind, IdProblem, IoKind, IoProblem,
    KeyPlace, Problem, Severity, Skip, ValueType,
};

strings! {
    severity_error => "error", "Fehler";
    severity_warning => "warning", "Warnung";
    help_word => "help", "Hilfe";
}

impl Tr {
    /// `error` / `Fehler`, `warning` / `Warnung`.
    #[must_use]
    pub fn severity(self, s: Severity) -> &'static str {
        match s {
            Severity::Error => self.severity_error(),
            Severity::Warning => self.severity_warning(),
        }
    }

    /// The one-line message of a problem.
    #[must_use]
    pub fn problem(self, p: &Problem) -> String {
        match self.0 {
            Lang::En => en::message(p),
            Lang::De => de::message(p),
        }
    }

    /// What to do about a problem.
    #[must_use]
    pub fn problem_help(self, p: &Problem) -> Option<String> {
        match self.0 {
            Lang::En => en::help(p),
            Lang::De => de::help(p),
        }
    }

    /// Why a card id is invalid.
    #[must_use]
    pub fn id_problem(self, p: IdProblem) -> String {
        match (self.0, p) {
            (Lang::En, IdProblem::Empty) => "it is empty".to_owned(),
            (Lang::En, IdProblem::TooLong { max }) => {
                format!("it is longer than {max} characters")
            }
            (Lang::En, IdProblem::Tilde) => "`~` is reserved for generated card ids".to_owned(),
            (Lang::En, IdProblem::Whitespace) => "it contains whitespace".to_owned(),
            (Lang::En, IdProblem::BadChar(c)) => format!(
                "it contains the character U+{c:04X}; ids may contain only letters, digits and \
                 punctuation such as - _ . :"
            ),
            (Lang::De, IdProblem::Empty) => "sie ist leer".to_owned(),
            (Lang::De, IdProblem::TooLong { max }) => {
                format!("sie ist länger als {max} Zeichen")
            }
            (Lang::De, IdProblem::Tilde) => "`~` ist erzeugten Karten-IDs vorbehalten".to_owned(),
            (Lang::De, IdProblem::Whitespace) => "sie enthält Leerraum".to_owned(),
            (Lang::De, IdProblem::BadChar(c)) => format!(
                "sie enthält das Zeichen U+{c:04X}; IDs dürfen nur Buchstaben, Ziffern und \
                 Satzzeichen wie - _ . : enthalten"
            ),
        }
    }

    /// "a named pipe" / "eine benannte Pipe".
    #[must_use]
    pub fn file_kind(self, k: FileKind) -> &'static str {
        match self.0 {
            Lang::En => k.as_str(),
            Lang::De => match k {
                FileKind::NamedPipe => "eine benannte Pipe",
                FileKind::CharDevice => "ein zeichenorientiertes Gerät",
                FileKind::BlockDevice => "ein blockorientiertes Gerät",
                FileKind::Socket => "ein Socket",
                FileKind::Folder => "ein Ordner",
                FileKind::Symlink => "ein symbolischer Link",
                FileKind::RegularFile => "eine reguläre Datei",
                FileKind::Special => "eine Spezialdatei",
            },
        }
    }

    /// A read error: the system's text in English, the kind in German (the
    /// system's text where there is no translation).
    #[must_use]
    pub fn io_problem(self, io: &IoProblem) -> String {
        match (self.0, io.kind) {
            (Lang::En, _) | (Lang::De, IoKind::Other) => io.text.clone(),
            (Lang::De, IoKind::NotFound) => "Datei oder Ordner nicht gefunden".to_owned(),
            (Lang::De, IoKind::PermissionDenied) => "keine Berechtigung".to_owned(),
            (Lang::De, IoKind::StorageFull) => {
                "kein Platz mehr auf dem Datenträger (oder das Kontingent ist aufgebraucht)"
                    .to_owned()
            }
            (Lang::De, IoKind::ReadOnlyFilesystem) => {
                "das Dateisystem ist schreibgeschützt".to_owned()
            }
            (Lang::De, IoKind::NotADirectory) => "ein Teil des Pfades ist kein Ordner".to_owned(),
            (Lang::De, IoKind::IsADirectory) => "ein Ordner, keine Datei".to_owned(),
            (Lang::De, IoKind::AlreadyExists) => "existiert bereits".to_owned(),
            (Lang::De, IoKind::FileTooLarge) => "die Datei ist zu groß".to_owned(),
            (Lang::De, IoKind::TooManyOpenFiles) => "zu viele offene Dateien".to_owned(),
            (Lang::De, IoKind::DeviceError) => {
                "Ein-/Ausgabefehler des Geräts (Datenträger oder Verbindung)".to_owned()
            }
        }
    }
}

/// A description of the `toml` parser (English) in German, where known.
pub(super) fn toml_detail_de(detail: &str) -> String {
    de::toml_detail(detail)
}

/// An example value for a key that is missing.
fn example(key: &str) -> &'static str {
    match key {
        "choices" => "[\"...\", \"...\"]",
        "items" => "[\"...\"]",
        "text" => "\"... {{answer}} ...\"",
        _ => "\"...\"",
    }
}

/// How a value of type `expected` is written, when a short sample says it.
fn sample(expected: Expected) -> Option<&'static str> {
    match expected {
        Expected::String => Some("\"...\""),
        Expected::Bool => Some("true"),
        Expected::StringArray => Some("[\"...\", \"...\"]"),
        Expected::StringOrStringArray => Some("\"...\" or [\"...\", \"...\"]"),
        Expected::Table | Expected::TableArray => None,
    }
}

fn ticked(list: &[String]) -> String {
    list.iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

mod en {
    use super::{
        CARD_KEYS, CardKind, ClozeProblem, DECK_KEYS, Expected, KeyPlace, Problem, Skip, ValueType,
        example, sample, ticked,
    };
    use crate::i18n::{Lang, Tr};

    const TR: Tr = Tr(Lang::En);

    fn article(word: &str) -> String {
        let first = word.chars().next().unwrap_or('x');
        if matches!(first, 'a' | 'e' | 'i' | 'o' | 'u') {
            format!("an {word}")
        } else {
            format!("a {word}")
        }
    }

    fn found(t: ValueType) -> &'static str {
        match t {
            ValueType::String => "a string",
            ValueType::Integer => "an integer",
            ValueType::Float => "a float",
            ValueType::Boolean => "a boolean",
            ValueType::Datetime => "a datetime",
            ValueType::Array => "an array",
            ValueType::Table => "a table",
        }
    }

    fn expected(e: Expected) -> &'static str {
        match e {
            Expected::String => "a string",
            Expected::Bool => "true or false",
            Expected::StringArray => "an array of strings",
            Expected::StringOrStringArray => "a string or an array of strings",
            Expected::Table => "a table",
            Expected::TableArray => "an array of tables ([[cards]])",
        }
    }

    fn type_help(key: &str, e: Expected) -> String {
        match sample(e) {
            Some(s) => format!("write it like `{key} = {s}`"),
            None => format!("write `{key}` as {}", expected(e)),
        }
    }

    fn kind(k: CardKind) -> &'static str {
        k.as_str()
    }

    pub(super) fn message(p: &Problem) -> String {
        match p {
            Problem::CannotRead(io) => format!("cannot read the file: {}", TR.io_problem(io)),
            Problem::NotRegularFile(k) => format!(
                "not a regular file ({}); decks are read from regular files only",
                k.as_str()
            ),
            Problem::TooBig { bytes, max_mib } => format!(
                "the file is {} MiB; deck files may be at most {max_mib} MiB",
                TR.num(super::mib(*bytes), 1)
            ),
            Problem::NotUtf8 { byte } => {
                format!("the file is not valid UTF-8 (byte 0x{byte:02X})")
            }
            Problem::CannotReadFolder(io) => {
                format!("cannot read the folder: {}", TR.io_problem(io))
            }
            Problem::SkippedFile(skip) => {
                let why = match skip {
                    Skip::NotRegular(k) => format!("not a regular file ({})", k.as_str()),
                    Skip::BrokenLink(Some(t)) => format!("a broken symbolic link (to {t})"),
                    Skip::BrokenLink(None) => "a broken symbolic link".to_owned(),
                    Skip::Unreadable(io) => format!("cannot read it: {}", TR.io_problem(io)),
                };
                format!("skipped: {why}")
            }
            Problem::InvalidToml { detail } => format!("invalid TOML: {detail}"),
            Problem::DuplicateTomlKey => "invalid TOML: duplicate key".to_owned(),
            Problem::UnknownTopKey { key, .. } => format!("unknown key `{key}` at the top level"),
            Problem::UnknownKey { key, place, .. } => match place {
                KeyPlace::Deck => format!("unknown key `{key}` in `[deck]`"),
                KeyPlace::Card => format!("unknown key `{key}` in a card"),
            },
            Problem::WrongType {
                key,
                expected: e,
                found: f,
            } => format!("`{key}` must be {}, not {}", expected(*e), found(*f)),
            Problem::WrongElementType { key, found: f } => format!(
                "`{key}` must be an array of strings, but this element is {}",
                found(*f)
            ),
            Problem::EmptyValue { key } => format!("`{key}` is empty"),
            Problem::EmptyAlternative { key } => format!("empty alternative in `{key}`"),
            Problem::AcceptNotTable { found: f } => format!(
                "`accept` on a cloze card must be a table of gaps, not {}",
                found(*f)
            ),
            Problem::AcceptKeyNotGap { key } => format!("`accept` key `{key}` is not a gap"),
            Problem::AcceptGapMissing { gap, gaps } => format!(
                "`accept` names gap `c{gap}`, but the text has {gaps} gap{}",
                if *gaps == 1 { "" } else { "s" }
            ),
            Problem::InvalidDeckId { id, .. } => format!("invalid deck id `{id}`"),
            Problem::FileNameNotDeckId { stem, .. } => {
                format!("the file name `{stem}` is not a valid deck id")
            }
            Problem::NoCards => "the deck has no cards".to_owned(),
            Problem::DeckIdTaken { id, other_file } => {
                format!("deck id `{id}` is already used by {other_file}; this deck is skipped")
            }
            Problem::CardNotTable { found: f } => {
                format!("each entry of `cards` must be a table, not {}", found(*f))
            }
            Problem::DuplicateCardId { id, first_line } => {
                format!("duplicate card id `{id}` (first used on line {first_line})")
            }
            Problem::DerivedIdTaken { id, first_line } => format!(
                "this card's derived id `{id}` is already used by the card on line {first_line}"
            ),
            Problem::SameQuestion { id, first_line } => format!(
                "this card has the same question as the card on line {first_line}, so both would get the id `{id}`"
            ),
            Problem::MissingId { derived } => format!(
                "card has no `id`; its progress is keyed by the derived id `{derived}`, which changes when the question changes"
            ),
            Problem::CardIdTaken {
                id,
                deck,
                file,
                line,
            } => format!(
                "card id `{id}` is already used in deck `{deck}` ({file}:{line}); this deck is skipped"
            ),
            Problem::InvalidCardId { id, why, .. } => {
                format!("invalid card id `{id}`: {}", TR.id_problem(*why))
            }
            Problem::UnknownKind { kind, .. } => format!("unknown card kind `{kind}`"),
            Problem::KeyNotForKind { key, kind: k, .. } => {
                format!("`{key}` does not belong to a {} card", kind(*k))
            }
            Problem::MissingKey { kind: k, key } => {
                format!("{} card has no `{key}`", article(kind(*k)))
            }
            Problem::Cloze(c) => match c {
                ClozeProblem::Nested { .. } => {
                    "`{{` inside a gap: gaps cannot be nested".to_owned()
                }
                ClozeProblem::StrayClose => "`}}` without an opening `{{`".to_owned(),
                ClozeProblem::EmptyGap => "empty cloze gap".to_owned(),
                ClozeProblem::Unclosed => {
                    "unclosed cloze gap: `{{` has no matching `}}`".to_owned()
                }
                ClozeProblem::NoGap => "cloze text has no gap".to_owned(),
            },
            Problem::EmptyListItem => "empty list item".to_owned(),
            Problem::NoItems => "`items` is empty".to_owned(),
            Problem::NoAnswer => "`answer` is empty".to_owned(),
            Problem::TooFewChoices { found: n } => {
                format!("a choice card needs at least 2 choices, found {n}")
            }
            Problem::EmptyChoice => "empty choice".to_owned(),
            Problem::DuplicateChoice { choice, first } => {
                format!("duplicate choice `{choice}` (same as choice {first})")
            }
            Problem::AnswerNotChoice { answer, .. } => {
                format!("answer `{answer}` is not one of the choices")
            }
            Problem::AnswerTwice { answer } => format!("answer `{answer}` is listed twice"),
            Problem::SimilarQuestion {
                card,
                other,
                other_file,
                other_line,
                same,
            } => format!(
                "card `{card}` asks {} as `{other}` ({other_file}:{other_line})",
                if *same {
                    "the same question"
                } else {
                    "almost the same question"
                }
            ),
        }
    }

    pub(super) fn help(p: &Problem) -> Option<String> {
        let s = |t: &str| Some(t.to_owned());
        match p {
            Problem::CannotRead(_) => s("check that the path exists and is readable"),
            Problem::NotRegularFile(_) => s("give the path of a .toml deck file"),
            Problem::TooBig { .. } => s("split it into several decks"),
            Problem::NotUtf8 { .. } => s("save the file as UTF-8"),
            Problem::CannotReadFolder(_) => s("check that the folder exists and is readable"),
            Problem::SkippedFile(_) => s("deck folders should hold regular .toml files only"),
            Problem::InvalidToml { .. } => s(
                "fix the TOML syntax at this position (strings need quotes, tables look like [deck] or [[cards]])",
            ),
            Problem::DuplicateTomlKey => s(
                "this key or table is already defined above; remove the second one or merge the two \
                 (each card is its own [[cards]] table, with two brackets)",
            ),
            Problem::UnknownTopKey {
                suggestion,
                card_key,
                ..
            } => Some(match (suggestion, card_key) {
                (Some(k), _) => format!("did you mean `{k}`?"),
                (None, true) => "card keys belong below a `[[cards]]` header".to_owned(),
                (None, false) => {
                    "a deck file has a `[deck]` table and `[[cards]]` tables only".to_owned()
                }
            }),
            Problem::UnknownKey {
                place, suggestion, ..
            } => Some(match (suggestion, place) {
                (Some(k), _) => format!("did you mean `{k}`?"),
                (None, KeyPlace::Deck) => {
                    format!("allowed keys in `[deck]`: {}", DECK_KEYS.join(", "))
                }
                (None, KeyPlace::Card) => {
                    format!("allowed keys in a card: {}", CARD_KEYS.join(", "))
                }
            }),
            Problem::WrongType { key, expected, .. } => Some(type_help(key, *expected)),
            Problem::WrongElementType { key, .. } => Some(type_help(key, Expected::StringArray)),
            Problem::EmptyValue { key } => Some(format!(
                "write some text into `{key}`, or remove the key if it is optional"
            )),
            Problem::EmptyAlternative { .. } => s("remove it or write the alternative answer"),
            Problem::AcceptNotTable { .. } => {
                s("write it like `accept = { c1 = [\"...\"], c2 = [\"...\"] }`")
            }
            Problem::AcceptKeyNotGap { .. } => {
                s("name the gap like its card: c1 for the first gap, c2 for the second, ...")
            }
            Problem::AcceptGapMissing { gaps, .. } => Some(format!(
                "the gaps are numbered in the order of the text: c1 to c{gaps}"
            )),
            Problem::InvalidDeckId { suggestion, .. } => Some(format!(
                "deck ids may contain only a-z, 0-9, - and _, e.g. `{suggestion}`"
            )),
            Problem::FileNameNotDeckId { suggestion, .. } => Some(format!(
                "add `id = \"{suggestion}\"` to `[deck]`, or rename the file (a-z, 0-9, - and _ only)"
            )),
            Problem::NoCards => s("add at least one `[[cards]]` table with `front` and `back`"),
            Problem::DeckIdTaken { .. } => {
                s("give one of the decks another `id` in its `[deck]` table, or remove the copy")
            }
            Problem::CardNotTable { .. } => s("write each card as a `[[cards]]` table"),
            Problem::DuplicateCardId { .. } => {
                s("every card in a deck needs its own id; rename one of them")
            }
            Problem::DerivedIdTaken { .. } => s("give this card an explicit `id`"),
            Problem::SameQuestion { .. } => {
                s("give both cards an explicit `id`, or remove the duplicate")
            }
            Problem::MissingId { .. } => {
                s("add `id = \"...\"` or run `kartei check --fix` to write ids into the file")
            }
            Problem::CardIdTaken { .. } => {
                s("card ids must be unique across all decks; rename this one")
            }
            Problem::InvalidCardId { suggestion, .. } => {
                Some(format!("use letters, digits and -, e.g. `{suggestion}`"))
            }
            Problem::UnknownKind { suggestion, .. } => Some(match suggestion {
                Some(k) => format!("did you mean `{k}`? kinds: basic, cloze, choice, list"),
                None => "kinds: basic, cloze, choice, list".to_owned(),
            }),
            Problem::KeyNotForKind { key, owners, .. } => {
                let names: Vec<&str> = owners.iter().map(|o| kind(*o)).collect();
                Some(format!(
                    "remove `{key}`, or set `kind = \"{}\"` if this is a {} card",
                    names.first().copied().unwrap_or("basic"),
                    names.join(" or ")
                ))
            }
            Problem::MissingKey { key, .. } => {
                Some(format!("add `{key} = {}` to this card", example(key)))
            }
            Problem::Cloze(c) => Some(match c {
                ClozeProblem::Nested { open_at } => {
                    format!("close the gap opened at character {open_at} with `}}}}` first")
                }
                ClozeProblem::StrayClose => {
                    "add the missing `{{` before the gap's answer, or remove the `}}`".to_owned()
                }
                ClozeProblem::EmptyGap => {
                    "write the answer between the braces: {{answer}} or {{answer::hint}}".to_owned()
                }
                ClozeProblem::Unclosed => "close the gap with `}}`, e.g. {{answer}}".to_owned(),
                ClozeProblem::NoGap => {
                    "mark what the student should fill in with {{...}}, e.g. {{Preispolitik}}"
                        .to_owned()
                }
            }),
            Problem::EmptyListItem => s("remove it or write the item"),
            Problem::NoItems => s("a list card needs at least one item"),
            Problem::NoAnswer => s("name at least one of the choices"),
            Problem::TooFewChoices { .. } => s("add more choices"),
            Problem::EmptyChoice => s("remove it or write the choice"),
            Problem::DuplicateChoice { .. } => {
                s("every choice must be different; remove or change one")
            }
            Problem::AnswerNotChoice {
                suggestion,
                choices,
                ..
            } => Some(match suggestion {
                Some(c) => {
                    format!("did you mean `{c}`? the answer must be exactly one of `choices`")
                }
                None => format!("the answer must be exactly one of: {}", ticked(choices)),
            }),
            Problem::AnswerTwice { .. } => s("remove the repetition"),
            Problem::SimilarQuestion { .. } => s(
                "keep one card per fact (progress is kept per card), or make the questions clearly different",
            ),
        }
    }
}

mod de {
    use super::{
        CARD_KEYS, CardKind, ClozeProblem, DECK_KEYS, Expected, KeyPlace, Problem, Skip, ValueType,
        example, sample, ticked,
    };
    use crate::i18n::{Lang, Tr};

    const TR: Tr = Tr(Lang::De);

    fn found(t: ValueType) -> &'static str {
        match t {
            ValueType::String => "ein Text",
            ValueType::Integer => "eine ganze Zahl",
            ValueType::Float => "eine Kommazahl",
            ValueType::Boolean => "ein Wahrheitswert",
            ValueType::Datetime => "ein Datum",
            ValueType::Array => "eine Liste",
            ValueType::Table => "eine Tabelle",
        }
    }

    fn expected(e: Expected) -> &'static str {
        match e {
            Expected::String => "ein Text",
            Expected::Bool => "true oder false",
            Expected::StringArray => "eine Liste von Texten",
            Expected::StringOrStringArray => "ein Text oder eine Liste von Texten",
            Expected::Table => "eine Tabelle",
            Expected::TableArray => "eine Liste von Tabellen ([[cards]])",
        }
    }

    fn type_help(key: &str, e: Expected) -> String {
        match sample(e) {
            Some(s) => format!("schreibe es so: `{key} = {}`", s.replace(" or ", " oder ")),
            None => format!("schreibe `{key}` als {}", expected(e)),
        }
    }

    /// The card kind as written in `kind = "..."`, quoted.
    fn kind(k: CardKind) -> String {
        format!("`{}`", k.as_str())
    }

    /// The German for a description of the `toml` parser (its messages
    /// are English); unknown ones are kept as they are.
    pub(super) fn toml_detail(detail: &str) -> String {
        let (head, rest) = match detail.split_once(", expected ") {
            Some((h, r)) => (h, Some(r)),
            None => (detail, None),
        };
        let head = match head {
            "string values must be quoted" => "Texte müssen in Anführungszeichen stehen",
            "missing assignment between key-value pairs" => "zwischen Schlüssel und Wert fehlt `=`",
            "missing value" | "missing value for key" | "key with no value" => "der Wert fehlt",
            "invalid value" => "ungültiger Wert",
            "invalid key-value pair" => "ungültiges Schlüssel-Wert-Paar",
            "invalid unquoted key" => "ungültiger Schlüssel ohne Anführungszeichen",
            "unquoted keys cannot be empty" => {
                "Schlüssel ohne Anführungszeichen dürfen nicht leer sein"
            }
            "unclosed table" => "nicht geschlossene Tabellenüberschrift",
            "unclosed array table" => "nicht geschlossene `[[...]]`-Überschrift",
            "unclosed array" => "nicht geschlossene Liste",
            "unclosed inline table" => "nicht geschlossene Inline-Tabelle",
            "missing comma between array elements" => "zwischen Listenelementen fehlt ein Komma",
            "missing comma between key-value pairs" => {
                "zwischen Schlüssel-Wert-Paaren fehlt ein Komma"
            }
            "extra comma in array" => "überzähliges Komma in der Liste",
            "extra comma in inline table" => "überzähliges Komma in der Inline-Tabelle",
            "extra assignment between key-value pairs" | "extra `=`" => "überzähliges `=`",
            "missing opening quote" => "öffnendes Anführungszeichen fehlt",
            "missing escaped value" => "nach `\\` fehlt das maskierte Zeichen",
            "unexpected content" | "unexpected key or value" => "unerwarteter Inhalt",
            "unexpected content between comment and newline" => {
                "unerwarteter Inhalt zwischen Kommentar und Zeilenende"
            }
            "invalid comment character" => "ungültiges Zeichen im Kommentar",
            "carriage return must be followed by newline" => {
                "auf einen Wagenrücklauf muss ein Zeilenumbruch folgen"
            }
            "invalid string" | "invalid basic string" | "invalid literal string" => {
                "ungültiger Text"
            }
            "invalid escape sequence" | "invalid escape value" => "ungültige Escape-Sequenz",
            "unexpected leading zero" => "unerwartete führende Null",
            "cannot recurse further; max recursion depth met" | "recursion limit" => {
                "zu tief verschachtelt"
            }
            "`_` may only go between digits" => "`_` darf nur zwischen Ziffern stehen",
            "integers with a radix cannot be signed" => {
                "Zahlen mit Präfix (0x, 0o, 0b) haben kein Vorzeichen"
            }
            "radix must be lowercase" => "das Zahlenpräfix wird klein geschrieben (0x, 0o, 0b)",
            "redundant integer number prefix" => "überflüssiges Zahlenpräfix",
            "redundant numeric sign" => "überflüssiges Vorzeichen",
            "unexpected sign" => "unerwartetes Vorzeichen",
            "invalid inline table element" => "ungültiger Eintrag in der Inline-Tabelle",
            "missing key for inline table element" => "in der Inline-Tabelle fehlt ein Schlüssel",
            "keys cannot be multi-line basic strings"
            | "keys cannot be multi-line literal strings" => {
                "Schlüssel dürfen keine mehrzeiligen Texte sein"
            }
            "missing array opening" => "die öffnende `[` der Liste fehlt",
            "missing inline table opening" => "die öffnende `{` der Inline-Tabelle fehlt",
            "missing table open" => "die öffnende `[` der Tabellenüberschrift fehlt",
            "missing comment start" => "das `#` am Anfang des Kommentars fehlt",
            "too few unicode value digits" => "zu wenige Ziffern im Unicode-Wert",
            "unexpected `=` in array" => "unerwartetes `=` in der Liste",
            "duplicate key" => "Schlüssel doppelt",
            "invalid datetime" | "invalid date" => "ungültiges Datum",
            "invalid time" => "ungültige Uhrzeit",
            "invalid date-time" => "ungültiges Datum mit Uhrzeit",
            other => {
                if let Some(kind) = other
                    .strip_prefix("cannot extend value of type ")
                    .and_then(|r| r.strip_suffix(" with a dotted key"))
                {
                    return with_expected(
                        &format!(
                            "ein Wert vom Typ {} lässt sich nicht über einen Schlüssel mit Punkt erweitern",
                            toml_type(kind)
                        ),
                        rest,
                    );
                }
                other
            }
        };
        with_expected(head, rest)
    }

    /// `head`, and what the parser expected instead (`rest`), in German.
    fn with_expected(head: &str, rest: Option<&str>) -> String {
        match rest {
            Some(r) => {
                let expected: Vec<&str> = r.split(", ").map(expected_token).collect();
                format!("{head}, erwartet: {}", expected.join(", "))
            }
            None => head.to_owned(),
        }
    }

    /// A TOML type as the `toml` crate names it, in German.
    fn toml_type(kind: &str) -> &str {
        match kind {
            "array" => "Liste",
            "inline table" => "Inline-Tabelle",
            "table" => "Tabelle",
            "string" => "Text",
            "integer" => "Ganzzahl",
            "float" => "Kommazahl",
            "boolean" => "Wahrheitswert",
            "datetime" => "Datum",
            other => other,
        }
    }

    /// One thing the `toml` parser expected (literals such as `=` stay).
    fn expected_token(t: &str) -> &str {
        match t {
            "basic string" => "Text in \"...\"",
            "literal string" => "Text in '...'",
            "multi-line basic string" => "mehrzeiliger Text",
            "key" => "Schlüssel",
            "value" => "Wert",
            "nothing" => "nichts",
            "etc" => "usw.",
            "characters" => "Zeichen",
            "printable characters" => "druckbare Zeichen",
            "non-double-quote visible characters" => "sichtbare Zeichen außer \"",
            "non-single-quote characters" => "Zeichen außer '",
            "non-single-quote visible characters" => "sichtbare Zeichen außer '",
            "digits" => "Ziffern",
            "letters" => "Buchstaben",
            "numbers" => "Zahlen",
            "unicode hexadecimal value" => "hexadezimaler Unicode-Wert",
            "year" => "Jahr",
            "month" => "Monat",
            "day" => "Tag",
            "hour" => "Stunde",
            "minute" => "Minute",
            "second" => "Sekunde",
            "offset" => "Zeitzone",
            other => other,
        }
    }

    pub(super) fn message(p: &Problem) -> String {
        match p {
            Problem::CannotRead(io) => {
                format!("Datei kann nicht gelesen werden: {}", TR.io_problem(io))
            }
            Problem::NotRegularFile(k) => format!(
                "keine reguläre Datei ({}); Stapel werden nur aus regulären Dateien gelesen",
                TR.file_kind(*k)
            ),
            Problem::TooBig { bytes, max_mib } => format!(
                "die Datei ist {} MiB groß; Stapeldateien dürfen höchstens {max_mib} MiB groß sein",
                TR.num(super::mib(*bytes), 1)
            ),
            Problem::NotUtf8 { byte } => {
                format!("die Datei ist kein gültiges UTF-8 (Byte 0x{byte:02X})")
            }
            Problem::CannotReadFolder(io) => {
                format!("Ordner kann nicht gelesen werden: {}", TR.io_problem(io))
            }
            Problem::SkippedFile(skip) => {
                let why = match skip {
                    Skip::NotRegular(k) => format!("keine reguläre Datei ({})", TR.file_kind(*k)),
                    Skip::BrokenLink(Some(t)) => {
                        format!("ein defekter symbolischer Link (auf {t})")
                    }
                    Skip::BrokenLink(None) => "ein defekter symbolischer Link".to_owned(),
                    Skip::Unreadable(io) => format!("nicht lesbar: {}", TR.io_problem(io)),
                };
                format!("übersprungen: {why}")
            }
            Problem::InvalidToml { detail } => format!("ungültiges TOML: {}", toml_detail(detail)),
            Problem::DuplicateTomlKey => "ungültiges TOML: doppelter Schlüssel".to_owned(),
            Problem::UnknownTopKey { key, .. } => {
                format!("unbekannter Schlüssel `{key}` auf oberster Ebene")
            }
            Problem::UnknownKey { key, place, .. } => match place {
                KeyPlace::Deck => format!("unbekannter Schlüssel `{key}` in `[deck]`"),
                KeyPlace::Card => format!("unbekannter Schlüssel `{key}` in einer Karte"),
            },
            Problem::WrongType {
                key,
                expected: e,
                found: f,
            } => format!("`{key}` muss {} sein, ist aber {}", expected(*e), found(*f)),
            Problem::WrongElementType { key, found: f } => format!(
                "`{key}` muss eine Liste von Texten sein, aber dieses Element ist {}",
                found(*f)
            ),
            Problem::EmptyValue { key } => format!("`{key}` ist leer"),
            Problem::EmptyAlternative { key } => format!("leere Alternative in `{key}`"),
            Problem::AcceptNotTable { found: f } => format!(
                "`accept` muss bei einer Lückentext-Karte eine Tabelle der Lücken sein, ist aber {}",
                found(*f)
            ),
            Problem::AcceptKeyNotGap { key } => {
                format!("der `accept`-Schlüssel `{key}` ist keine Lücke")
            }
            Problem::AcceptGapMissing { gap, gaps } => format!(
                "`accept` nennt die Lücke `c{gap}`, aber der Text hat {gaps} {}",
                if *gaps == 1 { "Lücke" } else { "Lücken" }
            ),
            Problem::InvalidDeckId { id, .. } => format!("ungültige Stapel-ID `{id}`"),
            Problem::FileNameNotDeckId { stem, .. } => {
                format!("der Dateiname `{stem}` ist keine gültige Stapel-ID")
            }
            Problem::NoCards => "der Stapel hat keine Karten".to_owned(),
            Problem::DeckIdTaken { id, other_file } => format!(
                "die Stapel-ID `{id}` verwendet schon {other_file}; dieser Stapel wird übersprungen"
            ),
            Problem::CardNotTable { found: f } => format!(
                "jeder Eintrag von `cards` muss eine Tabelle sein, ist aber {}",
                found(*f)
            ),
            Problem::DuplicateCardId { id, first_line } => {
                format!("doppelte Karten-ID `{id}` (zuerst verwendet in Zeile {first_line})")
            }
            Problem::DerivedIdTaken { id, first_line } => format!(
                "die abgeleitete ID `{id}` dieser Karte verwendet schon die Karte in Zeile {first_line}"
            ),
            Problem::SameQuestion { id, first_line } => format!(
                "diese Karte hat dieselbe Frage wie die Karte in Zeile {first_line}, beide bekämen also die ID `{id}`"
            ),
            Problem::MissingId { derived } => format!(
                "Karte ohne `id`; ihr Lernstand hängt an der abgeleiteten ID `{derived}`, die sich mit der Frage ändert"
            ),
            Problem::CardIdTaken {
                id,
                deck,
                file,
                line,
            } => format!(
                "die Karten-ID `{id}` wird schon im Stapel `{deck}` verwendet ({file}:{line}); dieser Stapel wird übersprungen"
            ),
            Problem::InvalidCardId { id, why, .. } => {
                format!("ungültige Karten-ID `{id}`: {}", TR.id_problem(*why))
            }
            Problem::UnknownKind { kind, .. } => format!("unbekannte Kartenart `{kind}`"),
            Problem::KeyNotForKind { key, kind: k, .. } => {
                format!("`{key}` gehört nicht zu einer Karte der Art {}", kind(*k))
            }
            Problem::MissingKey { kind: k, key } => {
                format!("einer Karte der Art {} fehlt `{key}`", kind(*k))
            }
            Problem::Cloze(c) => match c {
                ClozeProblem::Nested { .. } => {
                    "`{{` innerhalb einer Lücke: Lücken können nicht verschachtelt werden"
                        .to_owned()
                }
                ClozeProblem::StrayClose => "`}}` ohne öffnendes `{{`".to_owned(),
                ClozeProblem::EmptyGap => "leere Lücke".to_owned(),
                ClozeProblem::Unclosed => {
                    "nicht geschlossene Lücke: zu `{{` fehlt das passende `}}`".to_owned()
                }
                ClozeProblem::NoGap => "der Lückentext hat keine Lücke".to_owned(),
            },
            Problem::EmptyListItem => "leerer Listeneintrag".to_owned(),
            Problem::NoItems => "`items` ist leer".to_owned(),
            Problem::NoAnswer => "`answer` ist leer".to_owned(),
            Problem::TooFewChoices { found: n } => format!(
                "eine Auswahlkarte braucht mindestens 2 Antwortmöglichkeiten, gefunden: {n}"
            ),
            Problem::EmptyChoice => "leere Antwortmöglichkeit".to_owned(),
            Problem::DuplicateChoice { choice, first } => format!(
                "doppelte Antwortmöglichkeit `{choice}` (gleich Antwortmöglichkeit {first})"
            ),
            Problem::AnswerNotChoice { answer, .. } => {
                format!("die Antwort `{answer}` ist keine der Antwortmöglichkeiten")
            }
            Problem::AnswerTwice { answer } => {
                format!("die Antwort `{answer}` steht zweimal in der Liste")
            }
            Problem::SimilarQuestion {
                card,
                other,
                other_file,
                other_line,
                same,
            } => format!(
                "Karte `{card}` stellt {} Frage wie `{other}` ({other_file}:{other_line})",
                if *same { "dieselbe" } else { "fast dieselbe" }
            ),
        }
    }

    pub(super) fn help(p: &Problem) -> Option<String> {
        let s = |t: &str| Some(t.to_owned());
        match p {
            Problem::CannotRead(_) => s("prüfe, ob der Pfad existiert und lesbar ist"),
            Problem::NotRegularFile(_) => s("gib den Pfad einer .toml-Stapeldatei an"),
            Problem::TooBig { .. } => s("teile sie in mehrere Stapel auf"),
            Problem::NotUtf8 { .. } => s("speichere die Datei als UTF-8"),
            Problem::CannotReadFolder(_) => s("prüfe, ob der Ordner existiert und lesbar ist"),
            Problem::SkippedFile(_) => s("Stapelordner sollten nur reguläre .toml-Dateien enthalten"),
            Problem::InvalidToml { .. } => s(
                "korrigiere die TOML-Syntax an dieser Stelle (Texte brauchen Anführungszeichen, \
                 Tabellen sehen aus wie [deck] oder [[cards]])",
            ),
            Problem::DuplicateTomlKey => s(
                "dieser Schlüssel oder diese Tabelle steht schon weiter oben; entferne das zweite \
                 Vorkommen oder führe beide zusammen (jede Karte ist eine eigene [[cards]]-Tabelle, \
                 mit zwei Klammern)",
            ),
            Problem::UnknownTopKey {
                suggestion,
                card_key,
                ..
            } => Some(match (suggestion, card_key) {
                (Some(k), _) => format!("meinst du `{k}`?"),
                (None, true) => "Kartenschlüssel gehören unter eine `[[cards]]`-Überschrift".to_owned(),
                (None, false) => {
                    "eine Stapeldatei enthält nur eine `[deck]`-Tabelle und `[[cards]]`-Tabellen"
                        .to_owned()
                }
            }),
            Problem::UnknownKey {
                place, suggestion, ..
            } => Some(match (suggestion, place) {
                (Some(k), _) => format!("meinst du `{k}`?"),
                (None, KeyPlace::Deck) => {
                    format!("erlaubte Schlüssel in `[deck]`: {}", DECK_KEYS.join(", "))
                }
                (None, KeyPlace::Card) => {
                    format!("erlaubte Schlüssel in einer Karte: {}", CARD_KEYS.join(", "))
                }
            }),
            Problem::WrongType { key, expected, .. } => Some(type_help(key, *expected)),
            Problem::WrongElementType { key, .. } => Some(type_help(key, Expected::StringArray)),
            Problem::EmptyValue { key } => Some(format!(
                "schreibe Text in `{key}` oder entferne den Schlüssel, falls er optional ist"
            )),
            Problem::EmptyAlternative { .. } => {
                s("entferne sie oder schreibe die alternative Antwort hinein")
            }
            Problem::AcceptNotTable { .. } => {
                s("schreibe es so: `accept = { c1 = [\"...\"], c2 = [\"...\"] }`")
            }
            Problem::AcceptKeyNotGap { .. } => s(
                "benenne die Lücke wie ihre Karte: c1 für die erste Lücke, c2 für die zweite, ...",
            ),
            Problem::AcceptGapMissing { gaps, .. } => Some(format!(
                "die Lücken sind in der Reihenfolge des Textes nummeriert: c1 bis c{gaps}"
            )),
            Problem::InvalidDeckId { suggestion, .. } => Some(format!(
                "Stapel-IDs dürfen nur a-z, 0-9, - und _ enthalten, z. B. `{suggestion}`"
            )),
            Problem::FileNameNotDeckId { suggestion, .. } => Some(format!(
                "füge `id = \"{suggestion}\"` in `[deck]` ein oder benenne die Datei um (nur a-z, 0-9, - und _)"
            )),
            Problem::NoCards => {
                s("füge mindestens eine `[[cards]]`-Tabelle mit `front` und `back` hinzu")
            }
            Problem::DeckIdTaken { .. } => s(
                "gib einem der Stapel in seiner `[deck]`-Tabelle eine andere `id` oder entferne die Kopie",
            ),
            Problem::CardNotTable { .. } => s("schreibe jede Karte als `[[cards]]`-Tabelle"),
            Problem::DuplicateCardId { .. } => {
                s("jede Karte eines Stapels braucht ihre eigene ID; benenne eine der beiden um")
            }
            Problem::DerivedIdTaken { .. } => s("gib dieser Karte eine eigene `id`"),
            Problem::SameQuestion { .. } => {
                s("gib beiden Karten eine eigene `id` oder entferne die doppelte Karte")
            }
            Problem::MissingId { .. } => s(
                "füge `id = \"...\"` hinzu oder führe `kartei check --fix` aus, um IDs in die Datei zu schreiben",
            ),
            Problem::CardIdTaken { .. } => {
                s("Karten-IDs müssen über alle Stapel hinweg eindeutig sein; benenne diese um")
            }
            Problem::InvalidCardId { suggestion, .. } => Some(format!(
                "verwende Buchstaben, Ziffern und -, z. B. `{suggestion}`"
            )),
            Problem::UnknownKind { suggestion, .. } => Some(match suggestion {
                Some(k) => format!("meinst du `{k}`? Arten: basic, cloze, choice, list"),
                None => "Arten: basic, cloze, choice, list".to_owned(),
            }),
            Problem::KeyNotForKind { key, owners, .. } => {
                let names: Vec<String> = owners.iter().map(|o| kind(*o)).collect();
                Some(format!(
                    "entferne `{key}` oder setze `kind = \"{}\"`, falls es eine Karte der Art {} ist",
                    owners.first().map_or("basic", |o| o.as_str()),
                    names.join(" oder ")
                ))
            }
            Problem::MissingKey { key, .. } => Some(format!(
                "füge dieser Karte `{key} = {}` hinzu",
                example(key).replace("answer", "Antwort")
            )),
            Problem::Cloze(c) => Some(match c {
                ClozeProblem::Nested { open_at } => format!(
                    "schließe erst die bei Zeichen {open_at} geöffnete Lücke mit `}}}}`"
                ),
                ClozeProblem::StrayClose => {
                    "ergänze das fehlende `{{` vor der Antwort der Lücke oder entferne das `}}`"
                        .to_owned()
                }
                ClozeProblem::EmptyGap => {
                    "schreibe die Antwort zwischen die Klammern: {{Antwort}} oder {{Antwort::Hinweis}}"
                        .to_owned()
                }
                ClozeProblem::Unclosed => "schließe die Lücke mit `}}`, z. B. {{Antwort}}".to_owned(),
                ClozeProblem::NoGap => {
                    "markiere mit {{...}}, was ausgefüllt werden soll, z. B. {{Preispolitik}}"
                        .to_owned()
                }
            }),
            Problem::EmptyListItem => s("entferne ihn oder schreibe den Eintrag"),
            Problem::NoItems => s("eine Listenkarte braucht mindestens einen Eintrag"),
            Problem::NoAnswer => s("nenne mindestens eine der Antwortmöglichkeiten"),
            Problem::TooFewChoices { .. } => s("füge weitere Antwortmöglichkeiten hinzu"),
            Problem::EmptyChoice => s("entferne sie oder schreibe die Antwortmöglichkeit"),
            Problem::DuplicateChoice { .. } => {
                s("jede Antwortmöglichkeit muss anders lauten; entferne oder ändere eine")
            }
            Problem::AnswerNotChoice {
                suggestion,
                choices,
                ..
            } => Some(match suggestion {
                Some(c) => format!(
                    "meinst du `{c}`? Die Antwort muss genau einer der `choices` entsprechen"
                ),
                None => format!(
                    "die Antwort muss genau einer davon entsprechen: {}",
                    ticked(choices)
                ),
            }),
            Problem::AnswerTwice { .. } => s("entferne die Wiederholung"),
            Problem::SimilarQuestion { .. } => s(
                "behalte eine Karte pro Tatsache (der Lernstand gilt je Karte) oder formuliere die \
                 Fragen deutlich verschieden",
            ),
        }
    }
}

/// Bytes in MiB.
#[allow(clippy::cast_precision_loss)]
fn mib(bytes: u64) -> f64 {
    bytes as f64 / f64::from(1u32 << 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One problem of every kind. The `match` in `variant` is exhaustive, so
    /// a new kind of problem does not compile until it is listed here.
    fn samples() -> Vec<Problem> {
        let io = |kind| IoProblem {
            kind,
            text: "No such file or directory (os error 2)".into(),
        };
        let s = |t: &str| t.to_owned();
        vec![
            Problem::CannotRead(io(IoKind::NotFound)),
            Problem::NotRegularFile(FileKind::NamedPipe),
            Problem::TooBig {
                bytes: 70 << 20,
                max_mib: 64,
            },
            Problem::NotUtf8 { byte: 0xFF },
            Problem::CannotReadFolder(io(IoKind::PermissionDenied)),
            Problem::SkippedFile(Skip::BrokenLink(Some(s("x.toml")))),
            Problem::InvalidToml {
                detail: s("string values must be quoted, expected literal string"),
            },
            Problem::DuplicateTomlKey,
            Problem::UnknownTopKey {
                key: s("frnot"),
                suggestion: None,
                card_key: true,
            },
            Problem::UnknownKey {
                key: s("frnot"),
                place: KeyPlace::Card,
                suggestion: Some(s("front")),
            },
            Problem::WrongType {
                key: s("front"),
                expected: Expected::String,
                found: ValueType::Integer,
            },
            Problem::WrongElementType {
                key: s("tags"),
                found: ValueType::Boolean,
            },
            Problem::EmptyValue { key: s("back") },
            Problem::EmptyAlternative { key: s("accept") },
            Problem::AcceptNotTable {
                found: ValueType::Array,
            },
            Problem::AcceptKeyNotGap { key: s("x1") },
            Problem::AcceptGapMissing { gap: 3, gaps: 2 },
            Problem::InvalidDeckId {
                id: s("Mein Deck"),
                suggestion: s("mein-deck"),
            },
            Problem::FileNameNotDeckId {
                stem: s("Mein Deck"),
                suggestion: s("mein-deck"),
            },
            Problem::NoCards,
            Problem::DeckIdTaken {
                id: s("x"),
                other_file: s("a/x.toml"),
            },
            Problem::CardNotTable {
                found: ValueType::String,
            },
            Problem::DuplicateCardId {
                id: s("a"),
                first_line: 4,
            },
            Problem::DerivedIdTaken {
                id: s("d:1234567890"),
                first_line: 4,
            },
            Problem::SameQuestion {
                id: s("d:1234567890"),
                first_line: 4,
            },
            Problem::MissingId {
                derived: s("d:1234567890"),
            },
            Problem::CardIdTaken {
                id: s("a"),
                deck: s("y"),
                file: s("y.toml"),
                line: 3,
            },
            Problem::InvalidCardId {
                id: s("a b"),
                why: IdProblem::Whitespace,
                suggestion: s("a-b"),
            },
            Problem::UnknownKind {
                kind: s("clozee"),
                suggestion: Some(s("cloze")),
            },
            Problem::KeyNotForKind {
                key: s("accept"),
                kind: CardKind::List,
                owners: vec![CardKind::Basic, CardKind::Cloze],
            },
            Problem::MissingKey {
                kind: CardKind::Basic,
                key: s("back"),
            },
            Problem::Cloze(ClozeProblem::Nested { open_at: 3 }),
            Problem::Cloze(ClozeProblem::StrayClose),
            Problem::Cloze(ClozeProblem::EmptyGap),
            Problem::Cloze(ClozeProblem::Unclosed),
            Problem::Cloze(ClozeProblem::NoGap),
            Problem::EmptyListItem,
            Problem::NoItems,
            Problem::NoAnswer,
            Problem::TooFewChoices { found: 1 },
            Problem::EmptyChoice,
            Problem::DuplicateChoice {
                choice: s("x"),
                first: 1,
            },
            Problem::AnswerNotChoice {
                answer: s("q"),
                suggestion: None,
                choices: vec![s("x"), s("y")],
            },
            Problem::AnswerTwice { answer: s("x") },
            Problem::SimilarQuestion {
                card: s("a"),
                other: s("b"),
                other_file: s("x.toml"),
                other_line: 2,
                same: false,
            },
        ]
    }

    /// The position of a problem's kind in [`samples`].
    fn variant(p: &Problem) -> usize {
        match p {
            Problem::CannotRead(_) => 0,
            Problem::NotRegularFile(_) => 1,
            Problem::TooBig { .. } => 2,
            Problem::NotUtf8 { .. } => 3,
            Problem::CannotReadFolder(_) => 4,
            Problem::SkippedFile(_) => 5,
            Problem::InvalidToml { .. } => 6,
            Problem::DuplicateTomlKey => 7,
            Problem::UnknownTopKey { .. } => 8,
            Problem::UnknownKey { .. } => 9,
            Problem::WrongType { .. } => 10,
            Problem::WrongElementType { .. } => 11,
            Problem::EmptyValue { .. } => 12,
            Problem::EmptyAlternative { .. } => 13,
            Problem::AcceptNotTable { .. } => 14,
            Problem::AcceptKeyNotGap { .. } => 15,
            Problem::AcceptGapMissing { .. } => 16,
            Problem::InvalidDeckId { .. } => 17,
            Problem::FileNameNotDeckId { .. } => 18,
            Problem::NoCards => 19,
            Problem::DeckIdTaken { .. } => 20,
            Problem::CardNotTable { .. } => 21,
            Problem::DuplicateCardId { .. } => 22,
            Problem::DerivedIdTaken { .. } => 23,
            Problem::SameQuestion { .. } => 24,
            Problem::MissingId { .. } => 25,
            Problem::CardIdTaken { .. } => 26,
            Problem::InvalidCardId { .. } => 27,
            Problem::UnknownKind { .. } => 28,
            Problem::KeyNotForKind { .. } => 29,
            Problem::MissingKey { .. } => 30,
            Problem::Cloze(ClozeProblem::Nested { .. }) => 31,
            Problem::Cloze(ClozeProblem::StrayClose) => 32,
            Problem::Cloze(ClozeProblem::EmptyGap) => 33,
            Problem::Cloze(ClozeProblem::Unclosed) => 34,
            Problem::Cloze(ClozeProblem::NoGap) => 35,
            Problem::EmptyListItem => 36,
            Problem::NoItems => 37,
            Problem::NoAnswer => 38,
            Problem::TooFewChoices { .. } => 39,
            Problem::EmptyChoice => 40,
            Problem::DuplicateChoice { .. } => 41,
            Problem::AnswerNotChoice { .. } => 42,
            Problem::AnswerTwice { .. } => 43,
            Problem::SimilarQuestion { .. } => 44,
        }
    }

    /// English that must not show up in a German message.
    const ENGLISH: &[&str] = &[
        "the ",
        " and ",
        " is ",
        " must ",
        " not ",
        "unknown",
        "did you mean",
        "remove ",
        "write ",
        " add ",
        "empty",
        "duplicate",
        "invalid",
        " card",
        "file",
        "error",
        "warning",
    ];

    #[test]
    fn every_problem_has_a_message_and_help_in_both_languages() {
        let all = samples();
        let kinds: std::collections::BTreeSet<usize> = all.iter().map(variant).collect();
        assert_eq!(kinds.len(), all.len(), "one sample per kind");
        assert_eq!(kinds.last().copied(), Some(all.len() - 1));
        for p in &all {
            let (en, de) = (Tr(Lang::En), Tr(Lang::De));
            let (m_en, m_de) = (en.problem(p), de.problem(p));
            let (h_en, h_de) = (en.problem_help(p), de.problem_help(p));
            assert!(!m_en.is_empty() && !m_de.is_empty(), "{p:?}");
            assert_ne!(m_en, m_de, "{p:?}");
            assert_eq!(h_en.is_some(), h_de.is_some(), "{p:?}");
            if let (Some(a), Some(b)) = (&h_en, &h_de) {
                assert_ne!(a, b, "{p:?}");
            }
            let german = format!("{m_de} {}", h_de.unwrap_or_default()).to_lowercase();
            for word in ENGLISH {
                // Keys such as `[[cards]]` are written as they are in the file.
                let german = german.replace("[[cards]]", "").replace("`cards`", "");
                assert!(!german.contains(word), "{word:?} in {german:?}");
            }
            let code = p.code();
            assert!(
                !code.is_empty()
                    && code
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{code}"
            );
        }
    }

    #[test]
    fn severity_and_help_words_are_translated() {
        assert_eq!(Tr(Lang::De).severity(Severity::Error), "Fehler");
        assert_eq!(Tr(Lang::De).severity(Severity::Warning), "Warnung");
        assert_eq!(Tr(Lang::De).help_word(), "Hilfe");
        assert_eq!(Tr(Lang::En).severity(Severity::Error), "error");
    }

    /// System errors beyond not-found and permission-denied are named in
    /// German too (raw numbers of Linux).
    #[cfg(target_os = "linux")]
    #[test]
    fn common_system_errors_have_a_german_text() {
        for (errno, kind) in [
            (28, IoKind::StorageFull),
            (122, IoKind::StorageFull),
            (30, IoKind::ReadOnlyFilesystem),
            (20, IoKind::NotADirectory),
            (21, IoKind::IsADirectory),
            (17, IoKind::AlreadyExists),
            (27, IoKind::FileTooLarge),
            (24, IoKind::TooManyOpenFiles),
            (5, IoKind::DeviceError),
        ] {
            let e = std::io::Error::from_raw_os_error(errno);
            let p = IoProblem::from(&e);
            assert_eq!(p.kind, kind, "{e}");
            assert_ne!(Tr(Lang::De).io_problem(&p), e.to_string());
            assert_eq!(Tr(Lang::En).io_problem(&p), e.to_string());
        }
    }

    /// Every message the TOML parser (`toml_parser` 1.1, `toml` 0.9) can
    /// give has a German text.
    #[test]
    fn every_toml_parser_message_has_a_german_text() {
        let messages = [
            "`_` may only go between digits",
            "carriage return must be followed by newline",
            "cannot extend value of type array with a dotted key",
            "cannot extend value of type inline table with a dotted key",
            "cannot recurse further; max recursion depth met",
            "duplicate key",
            "extra assignment between key-value pairs",
            "extra comma in array",
            "extra comma in inline table",
            "integers with a radix cannot be signed",
            "invalid basic string",
            "invalid comment character",
            "invalid escape sequence",
            "invalid escape value",
            "invalid inline table element",
            "invalid key-value pair",
            "invalid literal string",
            "invalid string",
            "invalid unquoted key",
            "invalid value",
            "keys cannot be multi-line basic strings",
            "keys cannot be multi-line literal strings",
            "missing array opening",
            "missing assignment between key-value pairs",
            "missing comma between array elements",
            "missing comma between key-value pairs",
            "missing comment start",
            "missing escaped value",
            "missing inline table opening",
            "missing key for inline table element",
            "missing opening quote",
            "missing table open",
            "missing value for key",
            "radix must be lowercase",
            "recursion limit",
            "redundant integer number prefix",
            "redundant numeric sign",
            "string values must be quoted",
            "too few unicode value digits",
            "unclosed array",
            "unclosed array table",
            "unclosed inline table",
            "unclosed table",
            "unexpected `=` in array",
            "unexpected content",
            "unexpected key or value",
            "unexpected leading zero",
            "unexpected sign",
            "unquoted keys cannot be empty",
            "invalid datetime",
            "invalid date",
            "invalid time",
            "invalid date-time",
        ];
        for m in messages {
            let de = de::toml_detail(m);
            assert_ne!(de, m, "no German for {m:?}");
            assert!(!de.contains(" value") && !de.contains(" key"), "{de}");
        }
        assert_eq!(
            de::toml_detail("invalid date, expected month"),
            "ungültiges Datum, erwartet: Monat"
        );
    }

    #[test]
    fn toml_parser_messages_are_translated_where_known() {
        let p = Problem::InvalidToml {
            detail: "string values must be quoted, expected literal string".into(),
        };
        assert_eq!(
            Tr(Lang::De).problem(&p),
            "ungültiges TOML: Texte müssen in Anführungszeichen stehen, erwartet: Text in '...'"
        );
        assert_eq!(
            Tr(Lang::En).problem(&p),
            "invalid TOML: string values must be quoted, expected literal string"
        );
    }
}
