//! Strings of the command line.

use chrono::NaiveDate;

use super::{Lang, Tr, strings};

/// What kartei counts in its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Note,
    Card,
    Deck,
    Line,
    Event,
}

strings! {
    col_deck => "deck", "Stapel";
    col_cards => "cards", "Karten";
    col_new => "new", "neu";
    col_learning => "learning", "lernen";
    col_due => "due", "fällig";
    col_reviewed => "reviewed", "wiederholt";
    col_suspended => "suspended", "ausgesetzt";
    total_row => "total", "gesamt";
    no_reviews_yet => "no reviews yet", "noch keine Wiederholungen";
    now_word => "now", "jetzt";
    nothing_scheduled => "nothing scheduled yet: start with `kartei`", "noch nichts geplant: starte mit `kartei`";
    all_decks => "all decks", "alle Stapel";
    unfinished => "unfinished", "nicht beendet";
    abandoned => "abandoned", "abgebrochen";
    h_date => "Date", "Datum";
    h_decks => "Decks", "Stapel";
    h_score => "Score", "Punkte";
    h_grade => "Grade", "Note";
    h_time => "Time", "Zeit";
    no_quizzes => "No quizzes yet. Start one with `kartei quiz` or press t in kartei.",
        "Noch keine Probeprüfungen. Starte eine mit `kartei quiz` oder drücke t in kartei.";
    warning_word => "warning", "Warnung";
    deck_or_tag => "give either --deck or --tag, not both", "gib entweder --deck oder --tag an, nicht beides";
    progress_not_checked => "note: progress not checked", "Hinweis: Lernstand nicht geprüft";
    bundled_not_fixed => "note: bundled decks are part of kartei and are not changed (their cards have ids)",
        "Hinweis: mitgelieferte Stapel gehören zu kartei und werden nicht geändert (ihre Karten haben IDs)";
}

impl Tr {
    /// "7 decks, 209 cards (120 basic, 40 cloze)".
    #[must_use]
    pub fn check_totals(self, decks: usize, cards: usize, kinds: &str) -> String {
        let kinds = if kinds.is_empty() {
            String::new()
        } else {
            format!(" ({kinds})")
        };
        match self.0 {
            Lang::En => format!(
                "{decks} {}, {cards} {}{kinds}",
                if decks == 1 { "deck" } else { "decks" },
                if cards == 1 { "card" } else { "cards" }
            ),
            Lang::De => format!(
                "{decks} Stapel, {cards} {}{kinds}",
                if cards == 1 { "Karte" } else { "Karten" }
            ),
        }
    }

    /// "0 errors, 1 warning".
    #[must_use]
    pub fn check_problems(self, errors: usize, warnings: usize) -> String {
        match self.0 {
            Lang::En => format!(
                "{errors} {}, {warnings} {}",
                if errors == 1 { "error" } else { "errors" },
                if warnings == 1 { "warning" } else { "warnings" }
            ),
            Lang::De => format!(
                "{errors} Fehler, {warnings} {}",
                if warnings == 1 {
                    "Warnung"
                } else {
                    "Warnungen"
                }
            ),
        }
    }

    /// The orphan line of `kartei check`.
    #[must_use]
    pub fn check_orphans(self, ids: &[String]) -> String {
        let n = ids.len();
        let list = ids.join(", ");
        match self.0 {
            Lang::En => format!(
                "{n} {} with progress in no deck (progress kept; restore the card or its id to use it): {list}",
                if n == 1 { "card" } else { "cards" }
            ),
            Lang::De => format!(
                "{n} {} mit Lernstand in keinem Stapel (Lernstand bleibt erhalten; stelle die Karte oder ihre ID wieder her, um ihn zu nutzen): {list}",
                if n == 1 { "Karte" } else { "Karten" }
            ),
        }
    }

    /// The description of an imported deck.
    #[must_use]
    pub fn imported_from(self, file: &str) -> String {
        match self.0 {
            Lang::En => format!("Imported from {file}"),
            Lang::De => format!("Importiert aus {file}"),
        }
    }

    /// "1 note" / "3 notes", "1 Notiz" / "3 Notizen" for the nouns kartei
    /// counts in its messages.
    #[must_use]
    pub fn count(self, n: usize, noun: Noun) -> String {
        let (one, many) = match (self.0, noun) {
            (Lang::En, Noun::Note) => ("note", "notes"),
            (Lang::En, Noun::Card) => ("card", "cards"),
            (Lang::En, Noun::Deck) => ("deck", "decks"),
            (Lang::En, Noun::Line) => ("line", "lines"),
            (Lang::En, Noun::Event) => ("event", "events"),
            (Lang::De, Noun::Note) => ("Notiz", "Notizen"),
            (Lang::De, Noun::Card) => ("Karte", "Karten"),
            (Lang::De, Noun::Deck) => ("Stapel", "Stapel"),
            (Lang::De, Noun::Line) => ("Zeile", "Zeilen"),
            (Lang::De, Noun::Event) => ("Ereignis", "Ereignisse"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// "Imported 3 notes (4 cards) from a.csv into b.toml (deck id `x`)."
    #[must_use]
    pub fn imported(self, notes: usize, cards: usize, from: &str, into: &str, id: &str) -> String {
        let (n, c) = (self.count(notes, Noun::Note), self.count(cards, Noun::Card));
        match self.0 {
            Lang::En => format!("Imported {n} ({c}) from {from} into {into} (deck id `{id}`)."),
            Lang::De => format!("{n} ({c}) aus {from} nach {into} importiert (Stapel-ID `{id}`)."),
        }
    }

    /// "Skipped 2 lines that could not be converted (listed above)."
    #[must_use]
    pub fn skipped_lines(self, n: usize) -> String {
        let l = self.count(n, Noun::Line);
        match self.0 {
            Lang::En => format!("Skipped {l} that could not be converted (listed above)."),
            Lang::De => {
                format!("{l} übersprungen, die nicht umgewandelt werden konnten (oben aufgeführt).")
            }
        }
    }

    /// "Exported 3 notes from 1 deck to out.csv (CSV)."
    #[must_use]
    pub fn exported(self, notes: usize, decks: usize, to: &str, anki: bool) -> String {
        let (n, d) = (self.count(notes, Noun::Note), self.count(decks, Noun::Deck));
        let format = match (self.0, anki) {
            (Lang::En, true) => "Anki plain text: File > Import in Anki",
            (Lang::De, true) => "Anki-Text: in Anki über Datei > Importieren",
            (_, false) => "CSV",
        };
        match self.0 {
            Lang::En => format!("Exported {n} from {d} to {to} ({format})."),
            Lang::De => format!("{n} aus {d} nach {to} exportiert ({format})."),
        }
    }

    /// "Wrote a deck template to x.toml. Edit it, then run `kartei check x.toml`."
    #[must_use]
    pub fn template_written(self, file: &str) -> String {
        match self.0 {
            Lang::En => format!(
                "Wrote a deck template to {file}.\nEdit it, then run `kartei check {file}`."
            ),
            Lang::De => format!(
                "Stapel-Vorlage nach {file} geschrieben.\nBearbeite sie, dann führe `kartei check {file}` aus."
            ),
        }
    }

    /// The summary of `kartei sync merge`.
    #[must_use]
    pub fn merged(self, from: &str, into: &str, added: usize, present: usize) -> String {
        let a = match self.0 {
            Lang::En => format!(
                "{added} new {}",
                if added == 1 { "event" } else { "events" }
            ),
            Lang::De => self.count(added, Noun::Event),
        };
        match self.0 {
            Lang::En => format!("Merged {from} into {into}: {a} added, {present} already present."),
            Lang::De => format!(
                "{from} in {into} zusammengeführt: {a} hinzugefügt, {present} schon vorhanden."
            ),
        }
    }

    /// Events with one id but different content in a merge.
    #[must_use]
    pub fn merge_conflicts(self, n: usize) -> String {
        let e = self.count(n, Noun::Event);
        match self.0 {
            Lang::En => format!(
                "{e} had the same id but different content; this journal's version was kept."
            ),
            Lang::De => format!(
                "{e} mit gleicher ID, aber anderem Inhalt; die Fassung dieses Journals wurde behalten."
            ),
        }
    }

    /// `kartei decks copy-bundled` for one deck.
    #[must_use]
    pub fn copied_bundled(self, id: &str, path: &str) -> String {
        match self.0 {
            Lang::En => format!(
                "Copied the bundled deck `{id}` to {path}; edit it there (it now replaces the bundled one)."
            ),
            Lang::De => format!(
                "Mitgelieferten Stapel `{id}` nach {path} kopiert; bearbeite ihn dort (er ersetzt jetzt den mitgelieferten)."
            ),
        }
    }

    /// The name of a card kind in the check summary.
    #[must_use]
    pub fn kind_name(self, kind: &str) -> &'static str {
        match (self.0, kind) {
            (Lang::En, "basic") => "basic",
            (Lang::En, "cloze") => "cloze",
            (Lang::En, "choice") => "choice",
            (Lang::En, _) => "list",
            (Lang::De, "basic") => "Frage/Antwort",
            (Lang::De, "cloze") => "Lückentext",
            (Lang::De, "choice") => "Auswahl",
            (Lang::De, _) => "Liste",
        }
    }
}

impl Tr {
    /// "1 day" / "3 days", "1 Tag" / "3 Tage".
    #[must_use]
    pub fn days_n(self, n: u32) -> String {
        match (self.0, n) {
            (Lang::En, 1) => "1 day".to_owned(),
            (Lang::En, n) => format!("{n} days"),
            (Lang::De, 1) => "1 Tag".to_owned(),
            (Lang::De, n) => format!("{n} Tage"),
        }
    }

    /// "true retention (30 days): 91.2% (target 90%)".
    #[must_use]
    pub fn retention_line(self, retention: &str, target: f64) -> String {
        let target = self.percent_of(target, 0);
        match self.0 {
            Lang::En => format!("true retention (30 days): {retention} (target {target})"),
            Lang::De => {
                format!("tatsächliche Behaltensquote (30 Tage): {retention} (Ziel {target})")
            }
        }
    }

    /// "streak: 3 days (longest 5 days)".
    #[must_use]
    pub fn streak_line(self, current: u32, longest: u32) -> String {
        let (c, l) = (self.days_n(current), self.days_n(longest));
        match self.0 {
            Lang::En => format!("streak: {c} (longest {l})"),
            Lang::De => format!("Serie: {c} (längste {l})"),
        }
    }

    /// "due in the next 7 days: 12".
    #[must_use]
    pub fn week_line(self, n: usize) -> String {
        match self.0 {
            Lang::En => format!("due in the next 7 days: {n}"),
            Lang::De => format!("fällig in den nächsten 7 Tagen: {n}"),
        }
    }

    /// "last quiz: 2026-12-02 · 80 % · grade 2,0".
    #[must_use]
    pub fn last_quiz_line(self, date: NaiveDate, percent: f64, grade: &str) -> String {
        let (d, p) = (self.date(date), self.short_percent(percent, 1));
        match self.0 {
            Lang::En => format!("last quiz: {d} · {p} · grade {grade}"),
            Lang::De => format!("letzte Probeprüfung: {d} · {p} · Note {grade}"),
        }
    }

    /// "2 due now, 5 due today".
    #[must_use]
    pub fn due_line(self, now: usize, today: usize) -> String {
        match self.0 {
            Lang::En => format!("{now} due now, {today} due today"),
            Lang::De => format!("{now} jetzt fällig, {today} heute fällig"),
        }
    }

    /// "next after today: 2026-12-03 09:00".
    #[must_use]
    pub fn next_after_today(self, when: &str) -> String {
        match self.0 {
            Lang::En => format!("next after today: {when}"),
            Lang::De => format!("nächste nach heute: {when}"),
        }
    }

    /// A German grade with one decimal: `2.3` / `2,3`.
    #[must_use]
    pub fn grade_value(self, grade: f64) -> String {
        self.num(grade, 1)
    }
}

/// `kartei exam` and its errors.
impl Tr {
    /// "18 days" / "18 Tage" for signed day counts.
    #[must_use]
    pub fn days_i(self, n: i64) -> String {
        match (self.0, n) {
            (Lang::En, 1) => "1 day".to_owned(),
            (Lang::En, n) => format!("{n} days"),
            (Lang::De, 1) => "1 Tag".to_owned(),
            (Lang::De, n) => format!("{n} Tage"),
        }
    }

    #[must_use]
    pub fn exam_bad_date(self, value: &str) -> String {
        self.pick(
            format!("--date {value:?} is not a date; write it as YYYY-MM-DD, e.g. 2027-02-15"),
            format!(
                "--date {value:?} ist kein Datum; schreibe es als JJJJ-MM-TT, z. B. 2027-02-15"
            ),
        )
    }

    #[must_use]
    pub fn exam_needs_name(self) -> String {
        self.pick(
            "the exam needs a name, e.g. `kartei exam add Abschluss --date 2027-02-15`".to_owned(),
            "die Prüfung braucht einen Namen, z. B. `kartei exam add Abschluss --date 2027-02-15`"
                .to_owned(),
        )
    }

    #[must_use]
    pub fn exam_bad_name(self, name: &str) -> String {
        self.pick(
            format!("exam name {name:?} has control characters or leading/trailing spaces; pick a plain name"),
            format!("der Prüfungsname {name:?} enthält Steuerzeichen oder Leerzeichen am Rand; wähle einen einfachen Namen"),
        )
    }

    #[must_use]
    pub fn exam_unknown(self, name: &str, known: &[&str]) -> String {
        let list = if known.is_empty() {
            self.pick(
                "(none; add one with `kartei exam add NAME --date YYYY-MM-DD`)".to_owned(),
                "(keine; lege eine an mit `kartei exam add NAME --date JJJJ-MM-TT`)".to_owned(),
            )
        } else {
            known.join(", ")
        };
        self.pick(
            format!("there is no exam {name:?}; exams: {list}"),
            format!("es gibt keine Prüfung {name:?}; Prüfungen: {list}"),
        )
    }

    #[must_use]
    pub fn exam_in_past(self, date: NaiveDate, today: NaiveDate) -> String {
        let (d, t) = (self.date(date), self.date(today));
        self.pick(
            format!("the exam date {d} is in the past (today is {t}); give today or a later day"),
            format!("das Prüfungsdatum {d} liegt in der Vergangenheit (heute ist {t}); gib heute oder einen späteren Tag an"),
        )
    }

    /// "there is no deck `x`; decks: a, b" with the ids of `set` sorted,
    /// or that no deck is loaded at all.
    #[must_use]
    pub fn unknown_deck(self, id: &str, set: &crate::deck::DeckSet) -> String {
        let mut known: Vec<&str> = set.decks.iter().map(|d| d.id.as_str()).collect();
        if known.is_empty() {
            return self.pick(
                format!("unknown deck `{id}`: no decks are loaded"),
                format!("unbekannter Stapel `{id}`: es sind keine Stapel geladen"),
            );
        }
        known.sort_unstable();
        let known = known.join(", ");
        self.pick(
            format!("there is no deck `{id}`; decks: {known}"),
            format!("es gibt keinen Stapel `{id}`; Stapel: {known}"),
        )
    }

    #[must_use]
    pub fn no_card_with_tag(self, tag: &str) -> String {
        self.pick(
            format!("no card has the tag `{tag}`; see `kartei list` for the cards and their tags"),
            format!(
                "keine Karte hat das Tag `{tag}`; `kartei list` zeigt die Karten und ihre Tags"
            ),
        )
    }

    #[must_use]
    pub fn exam_exists(self, name: &str) -> String {
        self.pick(
            format!("there is already an exam {name:?}; remove it first with `kartei exam rm {name:?}` or pick another name"),
            format!("es gibt schon eine Prüfung {name:?}; entferne sie erst mit `kartei exam rm {name:?}` oder wähle einen anderen Namen"),
        )
    }

    #[must_use]
    pub fn exam_added(self, name: &str, date: NaiveDate, days: i64) -> String {
        let (d, n) = (self.date(date), self.days_i(days));
        self.pick(
            format!("Exam {name:?} on {d} added ({n} left)."),
            format!("Prüfung {name:?} am {d} angelegt (noch {n})."),
        )
    }

    #[must_use]
    pub fn exam_removed(self, name: &str) -> String {
        self.pick(
            format!("Exam {name:?} removed (your progress is unchanged)."),
            format!("Prüfung {name:?} entfernt (dein Lernstand bleibt unverändert)."),
        )
    }

    #[must_use]
    pub fn no_exams(self) -> String {
        self.pick(
            "no exams yet; add one with `kartei exam add NAME --date YYYY-MM-DD`".to_owned(),
            "noch keine Prüfungen; lege eine an mit `kartei exam add NAME --date JJJJ-MM-TT`"
                .to_owned(),
        )
    }

    #[must_use]
    pub fn no_exam_ahead(self) -> String {
        self.pick(
            "no exam ahead; add one with `kartei exam add NAME --date YYYY-MM-DD`".to_owned(),
            "keine Prüfung voraus; lege eine an mit `kartei exam add NAME --date JJJJ-MM-TT`"
                .to_owned(),
        )
    }

    /// "over" or "18 days left".
    #[must_use]
    pub fn exam_when(self, days_left: i64) -> String {
        if days_left < 0 {
            return self.pick("over".to_owned(), "vorbei".to_owned());
        }
        let n = self.days_i(days_left);
        self.pick(format!("{n} left"), format!("noch {n}"))
    }

    /// "all decks" or "deck x, tag y".
    #[must_use]
    pub fn exam_scope(self, decks: &[String], tags: &[String]) -> String {
        if decks.is_empty() && tags.is_empty() {
            return self.all_decks().to_owned();
        }
        let (deck, tag) = match self.0 {
            Lang::En => ("deck", "tag"),
            Lang::De => ("Stapel", "Tag"),
        };
        let mut parts: Vec<String> = decks.iter().map(|d| format!("{deck} {d}")).collect();
        parts.extend(tags.iter().map(|t| format!("{tag} {t}")));
        parts.join(", ")
    }

    #[must_use]
    pub fn exam_recall_line(self, recall: &str, cards: usize, unstudied: usize) -> String {
        self.pick(
            format!("expected recall on the day: {recall} · {cards} cards, {unstudied} not studied yet"),
            format!("erwartete Erinnerung am Tag: {recall} · {cards} Karten, {unstudied} noch nicht gelernt"),
        )
    }

    /// The column heads of the readiness tables: (group, cards, unstudied, recall).
    #[must_use]
    pub fn exam_heads(self, by_tag: bool) -> [&'static str; 4] {
        match (self.0, by_tag) {
            (Lang::En, false) => ["deck", "cards", "unstudied", "recall"],
            (Lang::En, true) => ["tag", "cards", "unstudied", "recall"],
            (Lang::De, false) => ["Stapel", "Karten", "ungelernt", "Erinnerung"],
            (Lang::De, true) => ["Tag", "Karten", "ungelernt", "Erinnerung"],
        }
    }

    #[must_use]
    pub fn exam_plan_line(self, new: usize, reviews: usize, minutes: u32) -> String {
        self.pick(
            format!("today's plan: {new} new, {reviews} reviews, about {minutes} min"),
            format!("Plan für heute: {new} neu, {reviews} Wiederholungen, etwa {minutes} Min."),
        )
    }

    #[must_use]
    pub fn exam_weakest_head(self) -> &'static str {
        match self.0 {
            Lang::En => "weakest cards (predicted recall on the day):",
            Lang::De => "schwächste Karten (vorhergesagte Erinnerung am Tag):",
        }
    }
}
