//! Why a line of an import file was skipped ([`ImportProblem`]), in
//! English and German; every variant in both languages (exhaustive
//! matches).

use super::{Lang, Tr};
use crate::deck::Problem;
use crate::interchange::ImportProblem;
use crate::interchange::csv::COLUMNS;

impl Tr {
    /// The text of an import problem.
    #[must_use]
    pub fn import_problem(self, p: &ImportProblem) -> String {
        match self.0 {
            Lang::En => en(p),
            Lang::De => de(p),
        }
    }
}

fn en(p: &ImportProblem) -> String {
    use ImportProblem as P;
    match p {
        P::SeparatorNotAscii { sep } => {
            format!("the separator `{sep}` is not a single ASCII character")
        }
        P::UnclosedQuote { field } => format!(
            "unclosed quote in field {field}: the `\"` that opens it is never closed; \
             close it, or write a literal quote as `\"\"`"
        ),
        P::TooManyUnclosedQuotes { max } => {
            format!("{max} unclosed quotes; the rest of the file was not read")
        }
        P::HeaderUnreadable(inner) => format!("the header row cannot be read: {}", en(inner)),
        P::UnknownColumn { name } => format!(
            "unknown column `{name}` in the header row; kartei reads the columns {}",
            COLUMNS.join(", ")
        ),
        P::ColumnTwice { name } => format!("the column `{name}` appears twice in the header row"),
        P::HeaderNeedsColumns => {
            "the header row must name the columns `front` and `back` (and may name `tags`), \
                      e.g. `front,back,tags`; `kartei export --format csv` shows every column"
                .to_owned()
        }
        P::FieldCount { header, row } => {
            format!("wrong number of fields: the header has {header}, this row has {row}")
        }
        P::IdUsedBefore { id, first } => {
            format!("the id `{id}` is used on line {first} already; every card needs its own id")
        }
        P::NotBool { column, value } => {
            format!("`{column}` must be true or false (or left empty), not `{value}`")
        }
        P::NotJsonList { column } => format!(
            "`{column}` starts with `[` but is not a JSON list of strings such as [\"a\", \"b\"]; \
             write one item per line instead"
        ),
        P::TagsNotJsonList => {
            "`tags` starts with `[` but is not a JSON list of strings such as [\"a\", \"b c\"]; \
             separate tags with spaces or `;` instead"
                .to_owned()
        }
        P::UnknownKind { kind } => {
            format!("unknown kind `{kind}`; use basic, cloze, choice or list (or leave it empty)")
        }
        P::NotForKind { column, kind } => {
            format!("`{column}` does not belong to a {kind} card; empty that cell or change `kind`")
        }
        P::EmptyFront => "empty front".to_owned(),
        P::EmptyBack => "empty back".to_owned(),
        P::ClozeTextAndFront => "a cloze card has its text in `text`; empty `front`".to_owned(),
        P::ClozeBackAndExplain => "`back` and `explain` are both filled; a cloze card \
                                    from `front` takes its explanation from one of them"
            .to_owned(),
        P::ClozeBackWithText => {
            "`back` does not belong to a cloze card; empty that cell".to_owned()
        }
        P::InvalidId { id } => format!(
            "invalid id `{id}`: an id may not contain spaces or `~`; fix it or empty the cell"
        ),
        P::UnknownHeaderLine { line } => format!(
            "`#{line}` is not a header line kartei knows (`#separator:`, `#html:`, `#tags:`, `#columns:`, `#notetype:`, `#... column:N`); ignored"
        ),
        P::UnknownSeparator { value } => format!(
            "unknown separator `{value}`; use tab, comma, semicolon, pipe, space, colon or a single ASCII character"
        ),
        P::HtmlNotBool { value } => format!("`#html:` must be true or false, not `{value}`"),
        P::ColumnNumber { key, value } => {
            format!("`#{key}:` needs a column number (1, 2, ...), not `{value}`")
        }
        P::ColumnsCount { columns, fields } => {
            format!("wrong number of fields: `#columns` names {columns}, this line has {fields}")
        }
        P::ColumnRef { column, fields } => format!(
            "wrong number of fields: the header refers to column {column}, this line has {fields}"
        ),
        P::TooFewFields { cloze, fields } => format!(
            "wrong number of fields: a {} note needs {}, this line has {fields} field{}",
            if *cloze { "cloze" } else { "basic" },
            if *cloze {
                "a text"
            } else {
                "a front and a back"
            },
            if *fields == 1 { "" } else { "s" }
        ),
        P::BracesOutsideGap => {
            "`{{` outside an Anki cloze gap `{{c1::...}}` cannot be written in a kartei cloze text"
                .to_owned()
        }
        P::UnclosedGap => "unclosed cloze gap `{{c...` (missing `}}`)".to_owned(),
        P::NestedGaps => "nested cloze gaps cannot be converted".to_owned(),
        P::EmptyGap => "empty cloze gap".to_owned(),
        P::StrayClose => "`}}` without an open cloze gap".to_owned(),
        P::NoGap => "cloze note without a gap `{{c1::...}}`".to_owned(),
        P::Deck(problem) => deck(problem, Tr(Lang::En)),
    }
}

/// A deck problem as one line: "message; help".
fn deck(problem: &Problem, tr: Tr) -> String {
    match tr.problem_help(problem) {
        Some(help) => format!("{}; {help}", tr.problem(problem)),
        None => tr.problem(problem),
    }
}

fn de(p: &ImportProblem) -> String {
    use ImportProblem as P;
    match p {
        P::SeparatorNotAscii { sep } => {
            format!("das Trennzeichen `{sep}` ist kein einzelnes ASCII-Zeichen")
        }
        P::UnclosedQuote { field } => format!(
            "nicht geschlossenes Anführungszeichen in Feld {field}: das öffnende `\"` wird nie \
             geschlossen; schließe es oder schreibe ein wörtliches Anführungszeichen als `\"\"`"
        ),
        P::TooManyUnclosedQuotes { max } => format!(
            "{max} nicht geschlossene Anführungszeichen; der Rest der Datei wurde nicht gelesen"
        ),
        P::HeaderUnreadable(inner) => {
            format!("die Kopfzeile kann nicht gelesen werden: {}", de(inner))
        }
        P::UnknownColumn { name } => format!(
            "unbekannte Spalte `{name}` in der Kopfzeile; kartei liest die Spalten {}",
            COLUMNS.join(", ")
        ),
        P::ColumnTwice { name } => {
            format!("die Spalte `{name}` steht zweimal in der Kopfzeile")
        }
        P::HeaderNeedsColumns => "die Kopfzeile muss die Spalten `front` und `back` nennen (und kann `tags` nennen), \
                      z. B. `front,back,tags`; `kartei export --format csv` zeigt alle Spalten"
            .to_owned(),
        P::FieldCount { header, row } => format!(
            "falsche Anzahl Felder: die Kopfzeile hat {header}, diese Zeile hat {row}"
        ),
        P::IdUsedBefore { id, first } => format!(
            "die ID `{id}` steht schon in Zeile {first}; jede Karte braucht ihre eigene ID"
        ),
        P::NotBool { column, value } => format!(
            "`{column}` muss true oder false sein (oder leer bleiben), nicht `{value}`"
        ),
        P::NotJsonList { column } => format!(
            "`{column}` beginnt mit `[`, ist aber keine JSON-Liste von Texten wie [\"a\", \"b\"]; \
             schreibe stattdessen einen Eintrag pro Zeile"
        ),
        P::TagsNotJsonList => {
            "`tags` beginnt mit `[`, ist aber keine JSON-Liste von Texten wie [\"a\", \"b c\"]; \
             trenne Tags stattdessen mit Leerzeichen oder `;`"
                .to_owned()
        }
        P::UnknownKind { kind } => format!(
            "unbekannte Art `{kind}`; nimm basic, cloze, choice oder list (oder lass das Feld leer)"
        ),
        P::NotForKind { column, kind } => format!(
            "`{column}` gehört nicht zu einer Karte der Art `{kind}`; leere diese Zelle oder ändere `kind`"
        ),
        P::EmptyFront => "leere Vorderseite".to_owned(),
        P::EmptyBack => "leere Rückseite".to_owned(),
        P::ClozeTextAndFront => {
            "eine Lückentext-Karte hat ihren Text in `text`; leere `front`".to_owned()
        }
        P::ClozeBackAndExplain => "`back` und `explain` sind beide ausgefüllt; eine Lückentext-Karte \
                                    aus `front` nimmt ihre Erklärung aus einem von beiden"
            .to_owned(),
        P::ClozeBackWithText => {
            "`back` gehört nicht zu einer Lückentext-Karte; leere diese Zelle".to_owned()
        }
        P::InvalidId { id } => format!(
            "ungültige ID `{id}`: eine ID darf keine Leerzeichen und kein `~` enthalten; korrigiere sie oder leere die Zelle"
        ),
        P::UnknownHeaderLine { line } => format!(
            "`#{line}` ist keine Kopfzeile, die kartei kennt (`#separator:`, `#html:`, `#tags:`, `#columns:`, `#notetype:`, `#... column:N`); ignoriert"
        ),
        P::UnknownSeparator { value } => format!(
            "unbekanntes Trennzeichen `{value}`; nimm tab, comma, semicolon, pipe, space, colon oder ein einzelnes ASCII-Zeichen"
        ),
        P::HtmlNotBool { value } => {
            format!("`#html:` muss true oder false sein, nicht `{value}`")
        }
        P::ColumnNumber { key, value } => {
            format!("`#{key}:` braucht eine Spaltennummer (1, 2, ...), nicht `{value}`")
        }
        P::ColumnsCount { columns, fields } => format!(
            "falsche Anzahl Felder: `#columns` nennt {columns}, diese Zeile hat {fields}"
        ),
        P::ColumnRef { column, fields } => format!(
            "falsche Anzahl Felder: die Kopfzeilen verweisen auf Spalte {column}, diese Zeile hat {fields}"
        ),
        P::TooFewFields { cloze, fields } => format!(
            "falsche Anzahl Felder: eine {} braucht {}, diese Zeile hat {fields} {}",
            if *cloze {
                "Lückentext-Notiz"
            } else {
                "einfache Notiz"
            },
            if *cloze {
                "einen Text"
            } else {
                "eine Vorder- und eine Rückseite"
            },
            if *fields == 1 { "Feld" } else { "Felder" }
        ),
        P::BracesOutsideGap => "`{{` außerhalb einer Anki-Lücke `{{c1::...}}` lässt sich in einem kartei-Lückentext nicht schreiben"
            .to_owned(),
        P::UnclosedGap => "nicht geschlossene Lücke `{{c...` (`}}` fehlt)".to_owned(),
        P::NestedGaps => "verschachtelte Lücken lassen sich nicht umwandeln".to_owned(),
        P::EmptyGap => "leere Lücke".to_owned(),
        P::StrayClose => "`}}` ohne offene Lücke".to_owned(),
        P::NoGap => "Lückentext-Notiz ohne Lücke `{{c1::...}}`".to_owned(),
        P::Deck(problem) => deck(problem, Tr(Lang::De)),
    }
}
