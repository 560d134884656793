//! The command line's own error messages and the optimizer's report: what a
//! command says when it refuses or fails (library errors render themselves).

use super::{Lang, Tr, strings};

strings! {
    json_needs_history => "--json only works with --history", "--json geht nur zusammen mit --history";
    count_at_least_one => "--count must be at least 1", "--count muss mindestens 1 sein";
    remember_reschedule_failed => "could not remember --reschedule in the config",
        "--reschedule konnte nicht in der Konfiguration gespeichert werden";
    terminal_failed => "the terminal interface failed", "die Terminal-Oberfläche ist ausgefallen";
    needs_terminal => "the interface needs an interactive terminal on standard input and output; `kartei --help` lists the commands that work without one",
        "die Oberfläche braucht ein interaktives Terminal für Ein- und Ausgabe; `kartei --help` zeigt die Befehle, die ohne auskommen";
    no_home => "could not find a home directory for kartei's data; set KARTEI_DATA_DIR or pass --data-dir",
        "kein Home-Verzeichnis für kartei's Daten gefunden; setze KARTEI_DATA_DIR oder gib --data-dir an";
    sync_read_only => "`sync merge` writes the journal, which --read-only forbids; run it without --read-only",
        "`sync merge` schreibt ins Journal, was --read-only verbietet; starte es ohne --read-only";
    nothing_to_export => "no decks are loaded, so there is nothing to export",
        "es sind keine Stapel geladen, es gibt also nichts zu exportieren";
    export_skipped_errors => "kartei: decks with errors were not exported; run `kartei check` for details",
        "kartei: Stapel mit Fehlern wurden nicht exportiert; Einzelheiten zeigt `kartei check`";
    opt_log_loss => "log loss", "Log-Loss";
    opt_default => "default", "Standard";
    opt_current => "current", "bisher";
    opt_optimized => "optimized", "optimiert";
    opt_not_saved => "Not saved.", "Nicht gespeichert.";
    opt_not_saved_no_tty => "Not saved (run with --yes to save without asking).",
        "Nicht gespeichert (mit --yes wird ohne Rückfrage gespeichert).";
    opt_saving_failed => "saving the new parameters", "die neuen Parameter speichern";
    anki_header_intro => "exported by kartei; Anki's notetypes cannot hold everything a kartei deck can",
        "von kartei exportiert; Ankis Notiztypen fassen nicht alles, was ein kartei-Stapel kann";
    anki_header_ids => "card ids are not kept; `kartei export --format csv` keeps every field",
        "Karten-IDs gehen verloren; `kartei export --format csv` behält jedes Feld";
}

impl Tr {
    #[must_use]
    pub fn anki_header_choice(self, n: usize) -> String {
        self.pick(
            format!("{n} choice note(s) written as Basic: the choices as lines A) B) ... under the question, the right ones on the back"),
            format!("{n} Auswahl-Notiz(en) als Basic geschrieben: die Optionen als Zeilen A) B) ... unter der Frage, die richtigen auf der Rückseite"),
        )
    }

    #[must_use]
    pub fn anki_header_list(self, n: usize) -> String {
        self.pick(
            format!("{n} list note(s) written as Basic: the items one per line on the back (numbered when ordered)"),
            format!("{n} Listen-Notiz(en) als Basic geschrieben: die Punkte zeilenweise auf der Rückseite (nummeriert, wenn geordnet)"),
        )
    }

    #[must_use]
    pub fn anki_header_dropped(self, n: usize) -> String {
        self.pick(
            format!("{n} note(s) lost hint, source, input (typed answer) or explain (kept only for cloze notes)"),
            format!("{n} Notiz(en) verloren hint, source, input (getippte Antwort) oder explain (nur bei Lückentexten erhalten)"),
        )
    }

    #[must_use]
    pub fn anki_header_spaced_tags(self, n: usize) -> String {
        self.pick(
            format!("{n} note(s) have tags with spaces, written with _"),
            format!("{n} Notiz(en) haben Tags mit Leerzeichen, mit _ geschrieben"),
        )
    }

    #[must_use]
    pub fn cannot_write(self, path: &str) -> String {
        self.pick(
            format!("cannot write {path}"),
            format!("{path} kann nicht geschrieben werden"),
        )
    }

    #[must_use]
    pub fn cannot_read(self, path: &str, why: &str) -> String {
        self.pick(
            format!("cannot read {path}: {why}"),
            format!("{path} kann nicht gelesen werden: {why}"),
        )
    }

    #[must_use]
    pub fn cannot_create_folder(self, path: &str) -> String {
        self.pick(
            format!("cannot create the folder {path}"),
            format!("der Ordner {path} kann nicht angelegt werden"),
        )
    }

    #[must_use]
    pub fn new_file_exists(self, path: &str) -> String {
        self.pick(
            format!("{path} already exists; choose another file name or remove it first"),
            format!(
                "{path} gibt es schon; wähle einen anderen Dateinamen oder entferne die Datei zuerst"
            ),
        )
    }

    #[must_use]
    pub fn import_target_exists(self, path: &str) -> String {
        self.pick(
            format!(
                "{path} already exists; pass -o OUT.toml to write somewhere else, or remove the file"
            ),
            format!(
                "{path} gibt es schon; gib mit -o ZIEL.toml eine andere Datei an oder entferne sie"
            ),
        )
    }

    #[must_use]
    pub fn not_utf8(self, path: &str, line: usize, column: usize) -> String {
        self.pick(
            format!(
                "{path}:{line}:{column}: the file is not valid UTF-8; save it as UTF-8 and import it again"
            ),
            format!(
                "{path}:{line}:{column}: die Datei ist kein gültiges UTF-8; speichere sie als UTF-8 und importiere sie erneut"
            ),
        )
    }

    #[must_use]
    pub fn deck_name_needs_letter(self, name: &str) -> String {
        self.pick(
            format!(
                "the deck name {name:?} needs at least one letter or digit (it also gives the deck id)"
            ),
            format!(
                "der Stapelname {name:?} braucht mindestens einen Buchstaben oder eine Ziffer (aus ihm entsteht auch die Stapel-ID)"
            ),
        )
    }

    #[must_use]
    pub fn deck_id_taken(self, id: &str, by: &str) -> String {
        self.pick(
            format!(
                "the deck id `{id}` (from --deck-name) is already used by {by}; choose another --deck-name"
            ),
            format!(
                "die Stapel-ID `{id}` (aus --deck-name) hat schon {by}; wähle einen anderen --deck-name"
            ),
        )
    }

    #[must_use]
    pub fn card_id_taken(self, at: &str, id: &str) -> String {
        self.pick(
            format!(
                "{at}: the card id `{id}` is already used by a loaded deck; choose another --deck-name, or remove the deck that has it"
            ),
            format!(
                "{at}: die Karten-ID `{id}` gibt es schon in einem geladenen Stapel; wähle einen anderen --deck-name oder entferne den Stapel, der sie hat"
            ),
        )
    }

    #[must_use]
    pub fn no_notes(self, path: &str) -> String {
        self.pick(
            format!("{path}: the file contains no notes; nothing was written"),
            format!("{path}: die Datei enthält keine Notizen; es wurde nichts geschrieben"),
        )
    }

    #[must_use]
    pub fn no_line_imported(self, path: &str) -> String {
        self.pick(
            format!("kartei: no line of {path} could be imported; nothing was written"),
            format!(
                "kartei: keine Zeile aus {path} ließ sich importieren; es wurde nichts geschrieben"
            ),
        )
    }

    /// One line the importer skipped: `file:line: why (skipped)`.
    #[must_use]
    pub fn line_skipped(self, at: &str, why: &str) -> String {
        self.pick(
            format!("{at}: {why} (skipped)"),
            format!("{at}: {why} (übersprungen)"),
        )
    }

    #[must_use]
    pub fn converted_deck_broken(self, first: &str) -> String {
        self.pick(
            format!(
                "internal error: the converted deck does not load, nothing was written:\n{first}"
            ),
            format!(
                "interner Fehler: der umgewandelte Stapel lädt nicht, es wurde nichts geschrieben:\n{first}"
            ),
        )
    }

    #[must_use]
    pub fn no_subcommand(self, parent: &str, name: &str, known: &str) -> String {
        let parent = format!("kartei {parent}");
        let parent = parent.trim_end();
        self.pick(
            format!("`{parent}` has no subcommand `{name}`; it has: {known}"),
            format!("`{parent}` hat keinen Unterbefehl `{name}`; es gibt: {known}"),
        )
    }

    #[must_use]
    pub fn man_pages_written(self, n: usize, dir: &str) -> String {
        self.pick(
            format!("Wrote {n} man pages to {dir}."),
            format!("{n} Handbuchseiten nach {dir} geschrieben."),
        )
    }

    #[must_use]
    pub fn in_keys_table(self, path: &str) -> String {
        self.pick(
            format!("in the [keys] table of {path}"),
            format!("in der Tabelle [keys] von {path}"),
        )
    }

    #[must_use]
    pub fn no_exam_named(self, name: &str) -> String {
        self.pick(
            format!("there is no exam {name:?}; see `kartei exam list`"),
            format!("es gibt keine Prüfung {name:?}; siehe `kartei exam list`"),
        )
    }

    #[must_use]
    pub fn bad_duration(self, flag: &str, value: &str) -> String {
        self.pick(
            format!("{flag} {value:?} is not a duration; use e.g. 90s, 10m or 1h"),
            format!("{flag} {value:?} ist keine Dauer; schreibe z. B. 90s, 10m oder 1h"),
        )
    }

    #[must_use]
    pub fn duration_not_positive(self, flag: &str, value: &str) -> String {
        self.pick(
            format!("{flag} {value:?} must be positive"),
            format!("{flag} {value:?} muss größer als null sein"),
        )
    }

    #[must_use]
    pub fn bad_forms(self, why: &str) -> String {
        self.pick(format!("--forms: {why}"), format!("--forms: {why}"))
    }

    #[must_use]
    pub fn cannot_read_journal(self, dir: &str) -> String {
        self.pick(
            format!("could not read the journal in {dir}"),
            format!("das Journal in {dir} konnte nicht gelesen werden"),
        )
    }

    #[must_use]
    pub fn cannot_open_journal(self, dir: &str) -> String {
        self.pick(
            format!("could not open the journal in {dir}"),
            format!("das Journal in {dir} konnte nicht geöffnet werden"),
        )
    }

    #[must_use]
    pub fn cannot_merge(self, path: &str) -> String {
        self.pick(
            format!("could not merge {path}"),
            format!("{path} konnte nicht zusammengeführt werden"),
        )
    }

    #[must_use]
    pub fn bad_now(self, value: &str) -> String {
        self.pick(
            format!(
                "KARTEI_NOW={value:?} is not an RFC 3339 time such as 2026-11-27T09:00:00+01:00"
            ),
            format!("KARTEI_NOW={value:?} ist keine RFC-3339-Zeit wie 2026-11-27T09:00:00+01:00"),
        )
    }

    /// `kartei check --fix` wrote ids: "fixed: FILE: added 3 ids".
    #[must_use]
    pub fn fixed_ids(self, file: &str, n: usize) -> String {
        match (self.0, n) {
            (Lang::En, 1) => format!("fixed: {file}: added 1 id"),
            (Lang::En, n) => format!("fixed: {file}: added {n} ids"),
            (Lang::De, 1) => format!("repariert: {file}: 1 ID ergänzt"),
            (Lang::De, n) => format!("repariert: {file}: {n} IDs ergänzt"),
        }
    }

    /// One id `check --fix` wrote: `  line 7: id = "x"`.
    #[must_use]
    pub fn fixed_id_line(self, line: u32, id: &str) -> String {
        self.pick(
            format!("  line {line}: id = \"{id}\""),
            format!("  Zeile {line}: id = \"{id}\""),
        )
    }

    #[must_use]
    pub fn not_fixed_has_errors(self, file: &str) -> String {
        self.pick(
            format!("not fixed: {file} has errors (listed below); nothing was written"),
            format!(
                "nicht repariert: {file} hat Fehler (siehe unten); es wurde nichts geschrieben"
            ),
        )
    }

    #[must_use]
    pub fn not_fixed_unchanged(self, why: &str) -> String {
        self.pick(
            format!("not fixed: {why}; the file was left unchanged"),
            format!("nicht repariert: {why}; die Datei blieb unverändert"),
        )
    }

    #[must_use]
    pub fn not_fixed(self, why: &str) -> String {
        self.pick(
            format!("not fixed: {why}"),
            format!("nicht repariert: {why}"),
        )
    }

    #[must_use]
    pub fn opt_fitted(self, reviews: usize, cards: usize) -> String {
        self.pick(
            format!("Fitted on {reviews} reviews of {cards} cards."),
            format!("Angepasst an {reviews} Wiederholungen von {cards} Karten."),
        )
    }

    #[must_use]
    pub fn opt_new_parameters(self, list: &str) -> String {
        self.pick(
            format!("New parameters: [{list}]"),
            format!("Neue Parameter: [{list}]"),
        )
    }

    #[must_use]
    pub fn opt_no_better(self, kept: &str) -> String {
        self.pick(
            format!("The new parameters predict your reviews no better; keeping the {kept} ones."),
            format!(
                "Die neuen Parameter sagen deine Wiederholungen nicht besser voraus; die Parameter ({kept}) bleiben."
            ),
        )
    }

    #[must_use]
    pub fn opt_save_question(self, path: &str) -> String {
        self.pick(
            format!("Save them to {path}? [y/N] "),
            format!("In {path} speichern? [j/N] "),
        )
    }

    #[must_use]
    pub fn opt_saved(self, path: &str) -> String {
        self.pick(
            format!("Saved to {path}."),
            format!("In {path} gespeichert."),
        )
    }
}
