//! Library errors the user reads, in the chosen language. The error types
//! keep their English `Display` (logs and tests use it); [`Localize`] gives
//! the text in a language, for the views (the command line's error report,
//! the interface's status line). English is the `Display` text itself, so
//! the two never drift apart; every German text is a `match` over all
//! variants, so a new variant without a translation does not compile.

use std::path::Path;

use super::{Lang, Tr};
use crate::collection::CollectionError;
use crate::config::ConfigError;
use crate::deck::{CopyBundledError, FixError, IoProblem};
use crate::interchange::{ImportError, Issue};
use crate::progress::{FORMAT_VERSION, JournalError, JournalWarning};
use crate::scheduler::{DurationError, SchedulerError};
use crate::ui::editor::EditorError;
use crate::ui::keymap::KeyError;
use crate::watch::WatchError;

impl Lang {
    /// The language of `Display` texts (logs, tests, `--json` keys): English.
    pub const DISPLAY: Lang = Lang::En;
}

/// An error that can be told in the user's language.
pub trait Localize {
    /// The message in `lang` (English: the `Display` text).
    fn localized(&self, lang: Lang) -> String;
}

/// A system error in `lang`: its kind where the catalogue names it.
fn io(lang: Lang, e: &std::io::Error) -> String {
    Tr(lang).io_problem(&IoProblem::from(e))
}

fn p(path: &Path) -> std::path::Display<'_> {
    path.display()
}

impl Localize for std::io::Error {
    fn localized(&self, lang: Lang) -> String {
        io(lang, self)
    }
}

/// What the journal was doing when the system said no, as a German noun.
fn journal_action(action: &str) -> &str {
    match action {
        "open" => "Öffnen",
        "read" => "Lesen",
        "repair" => "Reparieren",
        "lock" => "Sperren",
        "reopen" => "erneute Öffnen",
        "inspect" => "Prüfen",
        "create the backup" => "Anlegen der Sicherungskopie",
        "write the backup" => "Schreiben der Sicherungskopie",
        "create the data directory" => "Anlegen des Datenordners",
        "create the lock file" => "Anlegen der Sperrdatei",
        "write the merged journal" => "Schreiben des zusammengeführten Journals",
        other => other,
    }
}

/// Why a journal line does not read, in German: kartei's own reasons
/// (`progress::parse`, the check of another machine's journal) and the
/// JSON parser's; anything unknown is kept as it is.
fn journal_detail(message: &str) -> String {
    if let Some(inner) = message
        .strip_prefix("the last line is cut off (")
        .and_then(|r| r.strip_suffix(')'))
    {
        return format!(
            "die letzte Zeile ist abgeschnitten ({})",
            journal_detail(inner)
        );
    }
    if let Some(inner) = message
        .strip_prefix("not a valid JSON event (")
        .and_then(|r| r.strip_suffix(')'))
    {
        return format!("kein gültiges JSON-Ereignis ({})", json_detail(inner));
    }
    if let Some(rest) = message.strip_suffix(
        " contains characters kartei does not accept (control, whitespace or bidi formatting \
         characters); nothing was merged",
    ) {
        for (what, de) in [
            ("event id", "Ereignis-ID"),
            ("card id", "Karten-ID"),
            ("deck id", "Stapel-ID"),
            ("quiz id", "Quiz-ID"),
            ("undo target", "Ziel der Rücknahme"),
            ("exam name", "Prüfungsname"),
            ("question form", "Fragenform"),
            ("answer", "Antwort"),
            ("tag", "Schlagwort"),
        ] {
            if let Some(value) = rest.strip_prefix(what).and_then(|v| v.strip_prefix(' ')) {
                return format!(
                    "{de} {value} enthält Zeichen, die kartei nicht annimmt (Steuer-, \
                     Leer- oder bidirektionale Formatzeichen); nichts wurde zusammengeführt"
                );
            }
        }
    }
    if let Some(field) = message
        .strip_prefix("event without the field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return format!("Ereignis ohne das Feld `{field}`");
    }
    if let Some((kind, field)) = message
        .split_once(" event without the field `")
        .and_then(|(k, f)| Some((k, f.strip_suffix('`')?)))
    {
        return format!("`{kind}`-Ereignis ohne das Feld `{field}`");
    }
    if let Some(g) = message.strip_prefix("grade must be 1..=4, got ") {
        return format!("die Bewertung muss 1 bis 4 sein, nicht {g}");
    }
    if let Some(g) = message
        .strip_prefix("grade ")
        .and_then(|r| r.strip_suffix(" is not a number"))
    {
        return format!("die Bewertung {g} ist keine Zahl");
    }
    if let Some(t) = message.strip_prefix("unknown event type ") {
        let t = t.split_once(" (expected").map_or(t, |(t, _)| t);
        return format!(
            "unbekannter Ereignistyp {t} (erwartet: review, undo, mark, quiz_start, \
             quiz_answer, quiz_pause, quiz_end, exam_add oder exam_remove)"
        );
    }
    for (field, what, example) in [
        ("ts", "keine RFC-3339-Zeit", " such as 2026-11-27T09:00:00Z"),
        ("until", "keine RFC-3339-Zeit", ""),
        ("date", "kein Datum", " such as 2026-12-16"),
    ] {
        let phrase = if field == "date" {
            " is not a date"
        } else {
            " is not an RFC 3339 time"
        };
        if let Some((value, detail)) = message
            .strip_prefix(&format!("`{field}` "))
            .and_then(|r| r.split_once(&format!("{phrase}{example}: ")))
        {
            let example = example.replace(" such as ", " wie ");
            return format!(
                "`{field}` {value} ist {what}{example}: {}",
                time_detail(detail)
            );
        }
    }
    match message {
        "event without the format version field `v`" => {
            "Ereignis ohne das Feld `v` (Formatversion)".to_owned()
        }
        "format version `v` must be at least 1" => {
            "die Formatversion `v` muss mindestens 1 sein".to_owned()
        }
        "event with an empty `id`" => "Ereignis mit leerer `id`".to_owned(),
        other => json_detail(other),
    }
}

/// The JSON parser's (`serde_json`) description, in German where known.
fn json_detail(message: &str) -> String {
    if let Some(what) = message.strip_prefix("EOF while parsing ") {
        let what = match what {
            "a value" => "einem Wert",
            "a string" => "einem Text",
            "an object" => "einem Objekt",
            "a list" => "einer Liste",
            "a number" => "einer Zahl",
            other => other,
        };
        return format!("die Zeile endet mitten in {what}");
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("das Feld {field} fehlt");
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return format!("das Feld {field} steht doppelt da");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return format!("falscher Typ: {}", json_types(rest));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        return format!("ungültiger Wert: {}", json_types(rest));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return format!("unbekannte Variante {}", json_types(rest));
    }
    match message {
        "expected value" => "ein Wert wird erwartet",
        "expected `:`" => "`:` wird erwartet",
        "expected `,` or `}`" => "`,` oder `}` wird erwartet",
        "expected `,` or `]`" => "`,` oder `]` wird erwartet",
        "expected ident" => "ein Wort wie true, false oder null wird erwartet",
        "trailing characters" => "überzählige Zeichen nach dem Ereignis",
        "trailing comma" => "überzähliges Komma",
        "key must be a string" => "Schlüssel müssen Texte in \"...\" sein",
        "invalid escape" => "ungültige Escape-Sequenz",
        "invalid number" => "ungültige Zahl",
        "number out of range" => "Zahl außerhalb des gültigen Bereichs",
        "invalid unicode code point" => "ungültiger Unicode-Codepunkt",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "Steuerzeichen in einem Text"
        }
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "unvollständige Unicode-Escape-Sequenz"
        }
        "recursion limit exceeded" => "zu tief verschachtelt",
        other => other,
    }
    .to_owned()
}

/// serde's names of types and what it expected, in German.
fn json_types(text: &str) -> String {
    let mut out = text.replace(", expected ", ", erwartet: ");
    for (en, de) in [
        ("a string", "ein Text"),
        ("a borrowed string", "ein Text"),
        ("string ", "Text "),
        ("integer ", "Zahl "),
        ("floating point ", "Kommazahl "),
        ("boolean ", "Wahrheitswert "),
        ("unit value", "null"),
        ("a sequence", "eine Liste"),
        ("a map", "ein Objekt"),
        ("sequence", "Liste"),
        ("map", "Objekt"),
        ("u8", "eine Zahl von 0 bis 255"),
        ("u32", "eine ganze Zahl ab 0"),
        ("one of ", "eins von: "),
    ] {
        out = out.replace(en, de);
    }
    out
}

/// chrono's description of a time that does not parse, in German.
fn time_detail(detail: &str) -> &str {
    match detail {
        "input contains invalid characters" => "ungültige Zeichen",
        "premature end of input" => "zu kurz",
        "trailing input" => "überzählige Zeichen am Ende",
        "input is out of range" => "außerhalb des gültigen Bereichs",
        "no possible date and time matching input" => "kein mögliches Datum",
        "input is not enough for unique date and time" => "unvollständig",
        other => other,
    }
}

impl Localize for JournalError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Io {
                action,
                path,
                source,
            } => format!(
                "{}: das {} ist fehlgeschlagen: {}",
                p(path),
                journal_action(action),
                io(lang, source)
            ),
            Self::Locked { path } => format!(
                "{} wird von einem anderen laufenden kartei benutzt; schließe es zuerst oder \
                 nimm --read-only, um nur zu schauen, ohne etwas aufzuzeichnen",
                p(path)
            ),
            Self::Corrupt {
                path,
                line,
                column,
                message,
            } => format!(
                "{}:{line}:{column}: {}; die Datei blieb unverändert — korrigiere oder \
                 entferne diese Zeile (am besten mit einer Sicherungskopie vorher)",
                p(path),
                journal_detail(message)
            ),
            Self::NewerVersion {
                path,
                line,
                version,
            } => format!(
                "{}:{line}: von einem neueren kartei geschrieben (Journal-Format {version}, \
                 diese Version kennt bis {FORMAT_VERSION}); bitte aktualisiere kartei",
                p(path)
            ),
            Self::ReadOnly { path } => format!(
                "{} wurde schreibgeschützt geöffnet (--read-only); nichts wird aufgezeichnet",
                p(path)
            ),
            Self::Replaced { path } => format!(
                "{} wurde von einem anderen Programm ersetzt oder entfernt, während kartei lief; \
                 in dieser Sitzung wird nichts mehr aufgezeichnet — starte kartei neu, um mit der \
                 Datei weiterzumachen, die jetzt unter diesem Pfad liegt",
                p(path)
            ),
            Self::Append {
                path,
                source,
                rolled_back,
            } => format!(
                "die Antwort konnte nicht in {} gespeichert werden: {}{}",
                p(path),
                io(lang, source),
                if *rolled_back {
                    " (das Journal ist unverändert)"
                } else {
                    ""
                }
            ),
            Self::InvalidEvent(e) => format!("ein ungültiges Ereignis wird nicht geschrieben: {e}"),
        }
    }
}

impl Localize for JournalWarning {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::TornRepaired {
                path,
                line,
                why,
                cut,
                backup,
            } => format!(
                "{}:{line}: {} — wahrscheinlich ein Absturz beim Speichern; {cut} Bytes \
                 abgeschnitten, das Original liegt als {}",
                p(path),
                journal_detail(why),
                p(backup)
            ),
            Self::TornIgnored {
                path,
                line,
                why,
                cut,
            } => format!(
                "{}:{line}: {}; {cut} Bytes dort ignoriert (die Datei wurde nicht geändert)",
                p(path),
                journal_detail(why)
            ),
        }
    }
}

impl Localize for DurationError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Empty => {
                "die Dauer ist leer; schreibe z. B. \"10m\", \"1h30m\" oder \"1d\"".to_owned()
            }
            Self::MissingNumber { input, pos } => format!(
                "an Position {pos} in \"{input}\" wird eine Zahl erwartet; schreibe z. B. \"10m\", \"1h30m\""
            ),
            Self::MissingUnit { input } => format!(
                "die Zahl in \"{input}\" braucht eine Einheit: s, m, h oder d (z. B. \"{input}m\")"
            ),
            Self::UnknownUnit { input, unit } => format!(
                "unbekannte Einheit '{unit}' in \"{input}\"; nimm s (Sekunden), m (Minuten), h (Stunden) oder d (Tage)"
            ),
            Self::TooLong { input } => format!("die Dauer \"{input}\" ist zu lang"),
            Self::Zero { input } => {
                format!("die Dauer \"{input}\" ist null; sie muss länger sein")
            }
        }
    }
}

impl Localize for SchedulerError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let tr = Tr(lang);
        match self {
            Self::Retention(r) => format!(
                "scheduler.desired_retention ist {}; der Wert muss zwischen 0,7 und 0,99 liegen",
                tr.num(f64::from(*r), 2)
            ),
            Self::MaximumInterval(d) => format!(
                "scheduler.maximum_interval_days ist {d}; der Wert muss zwischen 1 und 36500 liegen"
            ),
            Self::DayStartHour(h) => format!(
                "scheduler.day_start_hour ist {h}; der Wert muss eine Stunde zwischen 0 und 23 sein"
            ),
            Self::ParameterCount(n) => format!(
                "scheduler.parameters hat {n} Zahlen; FSRS braucht 21 (oder 17/19 aus älteren \
                 Versionen), oder lass es leer für die Standardwerte"
            ),
            Self::ParameterValue(i) => {
                format!("scheduler.parameters[{i}] ist keine endliche Zahl")
            }
            Self::Step {
                field,
                value,
                source,
            } => format!(
                "scheduler.{field} hat einen ungültigen Schritt \"{value}\": {}",
                source.localized(lang)
            ),
            Self::StepTooLong { field, value } => format!(
                "scheduler.{field} hat den Schritt \"{value}\", der länger als maximum_interval_days ist"
            ),
            Self::Fsrs(e) => format!("FSRS hat die Parameter abgelehnt: {e}"),
            Self::NotEnoughReviews { have, need } => format!(
                "zu wenige Wiederholungen zum Optimieren ({have} vorhanden, {need} nötig, jeweils \
                 an einem späteren Tag als die vorige gegeben); lerne weiter und versuche es später \
                 noch einmal"
            ),
        }
    }
}

impl Localize for ConfigError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Read { path, source } => format!(
                "{}: die Konfigurationsdatei kann nicht gelesen werden: {}",
                p(path),
                io(lang, source)
            ),
            Self::Invalid {
                path,
                line,
                column,
                message,
            } => format!(
                "{}:{line}:{column}: {}\nHilfe: korrigiere die Konfigurationsdatei oder \
                 entferne sie, um die Standardwerte zu nutzen",
                p(path),
                super::deck::toml_detail_de(message)
            ),
            Self::Scheduler { path, line, source } => format!(
                "{}:{line}:1: {}\nHilfe: korrigiere die Konfigurationsdatei oder entferne sie, \
                 um die Standardwerte zu nutzen",
                p(path),
                source.localized(lang)
            ),
            Self::Write { path, source } => format!(
                "{}: die Konfigurationsdatei kann nicht gespeichert werden: {}",
                p(path),
                io(lang, source)
            ),
        }
    }
}

impl Localize for CollectionError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Config(e) => e.localized(lang),
            Self::Journal(e) => e.localized(lang),
            Self::Scheduler { path, source } => format!(
                "{}: ungültige Einstellungen der Planung: {}",
                p(path),
                source.localized(lang)
            ),
            Self::UnknownCard(id) => format!("unbekannte Karten-ID `{id}`"),
        }
    }
}

impl Localize for CopyBundledError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Unknown { id, known } => format!(
                "es gibt keinen mitgelieferten Stapel `{id}`; die mitgelieferten Stapel sind: {known}"
            ),
            Self::Exists { path } => format!(
                "{} existiert schon und wird nicht überschrieben; bearbeite diese Datei oder \
                 verschiebe sie, um den mitgelieferten Stapel erneut zu kopieren",
                p(path)
            ),
            Self::CreateDir { path, source } => format!(
                "der Stapelordner {} kann nicht angelegt werden: {}",
                p(path),
                io(lang, source)
            ),
            Self::Write { path, source } => format!(
                "{}: {}",
                Tr(lang).cannot_write(&p(path).to_string()),
                io(lang, source)
            ),
        }
    }
}

impl Localize for FixError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Invalid { file, errors } => format!(
                "{file} hat {} Fehler; behebe sie zuerst, nichts wurde geschrieben",
                errors.len()
            ),
            Self::Bundled(file) => format!(
                "{file} gehört zu kartei und wird nicht geändert (seine Karten haben schon IDs)"
            ),
            Self::InlineCards(file) => format!(
                "{file}: Karten in der Form `cards = [...]` werden nicht ergänzt; schreibe sie als [[cards]]-Tabellen"
            ),
            Self::Read { path, source } => {
                Tr(lang).cannot_read(&p(path).to_string(), &io(lang, source))
            }
            Self::Write { path, source } => format!(
                "{}: {}",
                Tr(lang).cannot_write(&p(path).to_string()),
                io(lang, source)
            ),
        }
    }
}

impl Localize for EditorError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Variable { editor, why } => {
                format!("$VISUAL/$EDITOR {editor:?} ist nicht lesbar: {why}")
            }
            Self::Path { path, source } => format!(
                "für {} gibt es keinen absoluten Pfad: {}",
                p(path),
                io(lang, source)
            ),
            Self::Start { program, source } => format!(
                "der Editor {program:?} startet nicht: {}; setze $VISUAL oder $EDITOR",
                io(lang, source)
            ),
            Self::Failed { program, status } => match status.code() {
                Some(code) => format!("der Editor {program:?} endete mit dem Status {code}"),
                None => format!("der Editor {program:?} wurde durch ein Signal beendet"),
            },
            Self::Wait { program, source } => format!(
                "auf den Editor {program:?} kann nicht gewartet werden: {}",
                io(lang, source)
            ),
            Self::Restore(source) => format!(
                "das Terminal lässt sich nicht wiederherstellen: {}",
                io(lang, source)
            ),
        }
    }
}

impl Localize for WatchError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Init(e) => format!(
                "die Stapeldateien können nicht auf Änderungen überwacht werden: {e}; \
                 Live-Neuladen ist aus (starte kartei nach dem Bearbeiten neu)"
            ),
            Self::Watch { path, source } => format!(
                "{} kann nicht überwacht werden: {source}; Live-Neuladen ist dafür aus",
                p(path)
            ),
        }
    }
}

impl Localize for KeyError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::UnknownAction(a) => format!(
                "[keys]: unbekannte Aktion {a:?}; bekannte Aktionen: up, down, select, reveal, all, \
                 again, hard, good, easy, undo, edit, stats, quiz, help, scroll-up, scroll-down, back, quit"
            ),
            Self::UnknownKey(k) => format!(
                "[keys]: unbekannte Taste {k:?}; nimm ein einzelnes Zeichen oder esc, enter, space, \
                 tab, backspace, delete, up, down, left, right, home, end, pageup, pagedown, \
                 wahlweise mit ctrl- oder alt- davor"
            ),
            Self::NotAList(a) => format!(
                "[keys]: {a:?} muss eine Taste oder eine Liste von Tasten sein, z. B. {a} = [\"q\", \"esc\"]"
            ),
            Self::Unbound(a) => {
                format!("[keys]: {a:?} hat keine Taste mehr; lass mindestens eine Taste dafür")
            }
        }
    }
}

impl Localize for Issue {
    fn localized(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::De => format!("Zeile {}: {}", self.line, self.problem.text(lang)),
        }
    }
}

impl Localize for ImportError {
    fn localized(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Header { line, problem } => format!("Zeile {line}: {}", problem.text(lang)),
            Self::Empty => "die Datei enthält keine Notizen".to_owned(),
        }
    }
}

/// The error `e` in `lang` when it is one kartei can tell in every
/// language; `None` for others (they keep their own text).
#[must_use]
pub fn localize_error(e: &(dyn std::error::Error + 'static), lang: Lang) -> Option<String> {
    macro_rules! try_types {
        ($($t:ty),*) => {
            $(
                if let Some(x) = e.downcast_ref::<$t>() {
                    return Some(x.localized(lang));
                }
            )*
        };
    }
    try_types!(
        CollectionError,
        JournalError,
        ConfigError,
        SchedulerError,
        DurationError,
        CopyBundledError,
        FixError,
        KeyError,
        ImportError,
        std::io::Error
    );
    if let Some(d) = e.downcast_ref::<crate::deck::Diagnostic>() {
        return Some(d.localized(lang).to_string().trim_end().to_owned());
    }
    None
}

/// What the interface says when the study layer could not do something.
impl Tr {
    #[must_use]
    pub fn undo_failed(self, why: &str) -> String {
        self.pick(
            format!("undo failed: {why}"),
            format!("Rückgängig fehlgeschlagen: {why}"),
        )
    }

    #[must_use]
    pub fn quiz_setup_not_saved(self, why: &str) -> String {
        self.pick(
            format!("quiz setup not saved: {why}"),
            format!("Einstellungen der Probeprüfung nicht gespeichert: {why}"),
        )
    }

    #[must_use]
    pub fn quiz_not_started(self, why: &str) -> String {
        self.pick(
            format!("quiz not started: {why}"),
            format!("Probeprüfung nicht gestartet: {why}"),
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn journal_reasons_nest_and_name_what_was_refused() {
        assert_eq!(
            journal_detail(
                "the last line is cut off (not a valid JSON event (EOF while parsing a string))"
            ),
            "die letzte Zeile ist abgeschnitten (kein g\u{fc}ltiges JSON-Ereignis (die Zeile \
             endet mitten in einem Text))"
        );
        assert_eq!(
            journal_detail(
                "card id \"a\\u{1b}\" contains characters kartei does not accept (control, \
                 whitespace or bidi formatting characters); nothing was merged"
            ),
            "Karten-ID \"a\\u{1b}\" enth\u{e4}lt Zeichen, die kartei nicht annimmt (Steuer-, \
             Leer- oder bidirektionale Formatzeichen); nichts wurde zusammengef\u{fc}hrt"
        );
        // Unknown words stay as they are.
        assert_eq!(journal_detail("something new"), "something new");
    }

    use std::path::PathBuf;

    use super::*;

    fn io_err(kind: std::io::ErrorKind) -> std::io::Error {
        std::io::Error::from(kind)
    }

    /// One error of every kind the catalogue tells in German.
    fn samples() -> Vec<Box<dyn Localize>> {
        let path = || PathBuf::from("/d/journal.jsonl");
        vec![
            Box::new(JournalError::Locked { path: path() }),
            Box::new(JournalError::Io {
                action: "open",
                path: path(),
                source: io_err(std::io::ErrorKind::PermissionDenied),
            }),
            Box::new(JournalError::ReadOnly { path: path() }),
            Box::new(JournalError::Replaced { path: path() }),
            Box::new(JournalError::NewerVersion {
                path: path(),
                line: 3,
                version: 9,
            }),
            Box::new(JournalError::Append {
                path: path(),
                source: io_err(std::io::ErrorKind::StorageFull),
                rolled_back: true,
            }),
            Box::new(CollectionError::UnknownCard("x".into())),
            Box::new(CollectionError::Scheduler {
                path: PathBuf::from("/c/config.toml"),
                source: SchedulerError::Retention(0.5),
            }),
            Box::new(ConfigError::Read {
                path: PathBuf::from("/c/config.toml"),
                source: io_err(std::io::ErrorKind::NotFound),
            }),
            Box::new(CopyBundledError::Exists {
                path: PathBuf::from("/d/decks/x.toml"),
            }),
            Box::new(FixError::InlineCards("x.toml".into())),
            Box::new(KeyError::Unbound("quit".into())),
            Box::new(ImportError::Empty),
            Box::new(DurationError::Zero { input: "0m".into() }),
            Box::new(JournalWarning::TornIgnored {
                path: path(),
                line: 4,
                why: "EOF".into(),
                cut: 12,
            }),
            Box::new(JournalWarning::TornRepaired {
                path: path(),
                line: 4,
                why: "EOF".into(),
                cut: 12,
                backup: PathBuf::from("/d/journal.bak"),
            }),
            Box::new(EditorError::Start {
                program: "nano".into(),
                source: io_err(std::io::ErrorKind::NotFound),
            }),
            Box::new(EditorError::Variable {
                editor: "\"vi".into(),
                why: "missing closing quote".into(),
            }),
            Box::new(EditorError::Restore(io_err(std::io::ErrorKind::Other))),
        ]
    }

    #[test]
    fn english_is_the_display_text_and_german_differs() {
        let shown = [
            JournalError::Locked {
                path: PathBuf::from("/d/journal.jsonl"),
            }
            .to_string(),
            CollectionError::UnknownCard("x".into()).to_string(),
        ];
        let samples = samples();
        assert_eq!(samples[0].localized(Lang::En), shown[0]);
        assert_eq!(samples[6].localized(Lang::En), shown[1]);
        for e in &samples {
            let (en, de) = (e.localized(Lang::En), e.localized(Lang::De));
            assert_ne!(en, de);
            for word in [" the ", " is ", "cannot", "could not", "unknown", " must "] {
                assert!(!de.contains(word), "{word:?} in {de:?}");
            }
        }
    }

    #[test]
    fn german_errors_read_well() {
        let locked = JournalError::Locked {
            path: PathBuf::from("/d/journal.jsonl"),
        };
        assert!(
            locked
                .localized(Lang::De)
                .starts_with("/d/journal.jsonl wird von einem anderen laufenden kartei benutzt"),
            "{}",
            locked.localized(Lang::De)
        );
        let io = JournalError::Io {
            action: "open",
            path: PathBuf::from("/d/journal.jsonl"),
            source: io_err(std::io::ErrorKind::PermissionDenied),
        };
        assert_eq!(
            io.localized(Lang::De),
            "/d/journal.jsonl: das Öffnen ist fehlgeschlagen: keine Berechtigung"
        );
        // A wrapped error is told like the one inside.
        let wrapped = CollectionError::Journal(locked);
        assert!(wrapped.localized(Lang::De).contains("--read-only"));
    }

    #[test]
    fn an_error_chain_is_localized_cause_by_cause() {
        let e: anyhow::Error = JournalError::ReadOnly {
            path: PathBuf::from("/d/journal.jsonl"),
        }
        .into();
        let cause = e.chain().next().unwrap();
        assert_eq!(
            localize_error(cause, Lang::De).unwrap(),
            "/d/journal.jsonl wurde schreibgeschützt geöffnet (--read-only); nichts wird aufgezeichnet"
        );
        let other = anyhow::anyhow!("something else");
        assert!(localize_error(other.chain().next().unwrap(), Lang::De).is_none());
    }
}
