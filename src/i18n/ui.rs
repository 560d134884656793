//! Strings of the terminal interface.

use super::{Lang, Tr, strings};
use crate::progress::Grade;

strings! {
    decks => "Decks", "Stapel";
    deck => "Deck", "Stapel";
    new_word => "new", "neu";
    learning => "learning", "lernen";
    due => "due", "fällig";
    total => "total", "gesamt";
    mastery => "mastery", "sicher";
    no_decks => "No decks loaded. Put .toml decks into your deck folder or pass --decks PATH.",
        "Keine Stapel geladen. Lege .toml-Stapel in deinen Stapel-Ordner oder nutze --decks PFAD.";
    question => "Question", "Frage";
    answer => "Answer", "Antwort";
    hint => "Hint", "Hinweis";
    explain => "Explanation", "Erklärung";
    source => "Source", "Quelle";
    your_answer => "Your answer", "Deine Antwort";
    expected => "Expected", "Erwartet";
    right => "right", "richtig";
    close => "almost right (small typo)", "fast richtig (kleiner Tippfehler)";
    wrong => "wrong", "falsch";
    suggested => "suggested grade", "vorgeschlagene Bewertung";
    edit_needs_card => "open a card in a review to edit it", "öffne eine Karte in der Wiederholung, um sie zu bearbeiten";
    bundled_no_edit => "bundled deck, copy it to your deck folder to edit",
        "mitgelieferter Stapel: kopiere ihn in deinen Stapel-Ordner, um ihn zu bearbeiten";
    reveal_first => "reveal the answer first", "erst die Antwort aufdecken";
    not_recorded => "NOT recorded", "NICHT gespeichert";
    nothing_to_undo => "nothing to undo", "nichts rückgängig zu machen";
    reloaded => "decks reloaded", "Stapel neu geladen";
    reload_failed => "reload failed, old decks kept", "Neuladen fehlgeschlagen, alte Stapel behalten";
    summary => "Session complete", "Sitzung beendet";
    reviewed => "Reviewed", "Wiederholt";
    correct => "Correct", "Richtig";
    time_spent => "Time", "Zeit";
    next_due => "Next due", "Nächste fällig";
    nothing_due => "nothing scheduled", "nichts geplant";
    help_title => "Keys", "Tasten";
    too_small => "terminal too small", "Terminal zu klein";
    today => "today", "heute";
    streak => "streak", "Serie";
    days => "days", "Tage";
    select_options => "toggle option", "Option wählen";
    type_answer => "type your answer, Enter checks", "Antwort tippen, Enter prüft";
    text_keys => "←/→ Home End Backspace Del edit the answer", "←/→ Pos1 Ende Rücktaste Entf bearbeiten die Antwort";
    waiting => "Waiting for learning cards", "Warte auf Lernkarten";
    tags => "tags", "Tags";
    grade_word => "grade", "bewerten";
    back_to_overview => "back to the overview", "zurück zur Übersicht";
    act_up => "move up", "nach oben";
    act_down => "move down", "nach unten";
    act_select => "reveal all / confirm", "alles aufdecken / bestätigen";
    act_open_deck => "open the deck", "Stapel öffnen";
    short_open => "open", "öffnen";
    short_confirm => "confirm", "bestätigen";
    short_reveal => "reveal", "aufdecken";
    short_undo => "undo", "rückgängig";
    short_exam => "exam", "Prüfungstermin";
    short_ahead => "review ahead", "vorausarbeiten";
    act_reveal => "reveal (list: next item)", "aufdecken (Liste: nächster Punkt)";
    act_all => "all decks together", "alle Stapel zusammen";
    act_undo => "undo (repeatable)", "rückgängig (wiederholbar)";
    act_edit => "edit the card in your editor", "Karte im Editor bearbeiten";
    act_stats => "statistics", "Statistik";
    act_quiz => "quiz", "Probeprüfung";
    act_exam => "exam (readiness, plan)", "Prüfungstermin (Stand, Plan)";
    act_cram => "cram (weakest first, schedule kept)", "Pauken (Schwächste zuerst, Termine bleiben)";
    act_help => "help", "Hilfe";
    act_scroll_up => "scroll up", "Seite hoch";
    act_scroll_down => "scroll down", "Seite runter";
    act_back => "back / quit", "zurück / beenden";
    act_quit => "quit now", "sofort beenden";
    act_hint => "show the hint", "Hinweis zeigen";
    act_suspend => "suspend / unsuspend the card", "Karte aussetzen / wieder aufnehmen";
    act_bury => "bury until tomorrow", "bis morgen zurückstellen";
    act_flag => "flag / unflag", "markieren / Markierung entfernen";
    act_reset => "forget the card's progress (asks first)", "Lernstand der Karte zurücksetzen (fragt erst)";
    act_browse => "card browser", "Kartenübersicht";
    act_practice => "practice (schedule unchanged)", "üben (Plan bleibt unverändert)";
    act_ahead => "review ahead (next 7 days)", "vorausarbeiten (nächste 7 Tage)";
    no_hint => "this card has no hint", "diese Karte hat keinen Hinweis";
    suspended_msg => "card suspended", "Karte ausgesetzt";
    unsuspended_msg => "card unsuspended", "Karte wieder aufgenommen";
    buried_msg => "card buried until tomorrow", "Karte bis morgen zurückgestellt";
    unburied_msg => "card back in today's queue", "Karte wieder in der heutigen Liste";
    flagged_msg => "card flagged", "Karte markiert";
    unflagged_msg => "flag removed", "Markierung entfernt";
    reset_msg => "progress reset: the card is new again", "Lernstand zurückgesetzt: die Karte ist wieder neu";
    reset_confirm => "Forget this card's progress? It becomes new (its history is kept). y/j = yes, n = no",
        "Lernstand dieser Karte vergessen? Sie wird wieder neu (der Verlauf bleibt). j/y = ja, n = nein";
    nothing_ahead => "nothing due in the next 7 days", "in den nächsten 7 Tagen ist nichts fällig";
    practice_title => "Practice", "Üben";
    mistakes_title => "Mistakes", "Fehler wiederholen";
    cram_title => "Cram", "Pauken";
    practice_note => "practice · the schedule stays as it is", "Üben · der Plan bleibt unverändert";
    nothing_now => "Nothing to study right now", "Gerade nichts zu lernen";
    waiting_offer => "Learning cards come back later. Until then:", "Lernkarten kommen später wieder. Bis dahin:";
    finished_offer => "Want more? Practice goes through every card, weakest first, without moving the schedule.",
        "Noch mehr? Üben geht alle Karten durch, die schwächsten zuerst, ohne den Plan zu ändern.";
    practice_done => "Practice complete", "Üben beendet";
    progress_word => "progress", "Fortschritt";
    flag_mark => "flagged", "markiert";
    browser_title => "Cards", "Karten";
    search_word => "search", "suchen";
    filter_word => "state", "Status";
    sort_word => "sort", "sortieren";
    all_states => "all", "alle";
    no_cards_match => "No card matches.", "Keine Karte passt.";
    history_word => "History", "Verlauf";
    recall_now => "recall now", "Erinnerung jetzt";
    stability_word => "stability", "Stabilität";
    difficulty_word => "difficulty", "Schwierigkeit";
    lapses_word => "lapses", "vergessen";
    due_word => "due", "fällig";
    never_studied => "not studied yet", "noch nicht gelernt";
    open_card => "show the card", "Karte zeigen";
    search_keys => "type to search, Enter/Esc done", "tippen zum Suchen, Enter/Esc fertig";
    cycle_state => "cycle the state filter", "Statusfilter wechseln";
    cycle_sort => "cycle the order", "Reihenfolge wechseln";
    copy_bundled_confirm => "This card is in a bundled deck. Copy the deck to your deck folder and edit it there? y/j = yes, n = no",
        "Diese Karte gehört zu einem mitgelieferten Stapel. In deinen Stapel-Ordner kopieren und dort bearbeiten? j/y = ja, n = nein";
    orphans_note => "cards with progress are in no loaded deck (kept; see `kartei check`)",
        "Karten mit Lernstand sind in keinem geladenen Stapel (bleibt erhalten; siehe `kartei check`)";
    do_suspend => "suspend", "aussetzen";
    do_bury => "bury", "zurückstellen";
    do_flag => "flag", "markieren";
    left_word => "left", "offen";
    st_suspended => "suspended", "ausgesetzt";
    st_buried => "buried", "zurückgestellt";
    st_new => "new", "neu";
    st_learning => "learning", "lernen";
    st_due => "due", "fällig";
    st_review => "review", "später";
    sort_deck => "deck order", "Stapelreihenfolge";
    sort_due => "due date", "Fälligkeit";
    sort_difficulty => "difficulty", "Schwierigkeit";
    sort_lapses => "lapses", "Vergessen";
    mode_review => "review", "Wiederholung";
    mode_quiz => "quiz", "Probeprüfung";
    mode_practice => "practice", "Üben";
    mode_cram => "cram", "Pauken";
    yes_keys => "y", "j/y";
    no_session => "no review session is running", "es läuft keine Wiederholung";
    compared_with => "Compared with", "Verglichen mit";
    nothing_to_cram => "no cards to cram", "keine Karten zum Pauken";
}

impl Tr {
    /// The name of a grade.
    #[must_use]
    pub fn grade(self, g: Grade) -> &'static str {
        match (self.0, g) {
            (Lang::En, Grade::Again) => "Again",
            (Lang::En, Grade::Hard) => "Hard",
            (Lang::En, Grade::Good) => "Good",
            (Lang::En, Grade::Easy) => "Easy",
            (Lang::De, Grade::Again) => "Nochmal",
            (Lang::De, Grade::Hard) => "Schwer",
            (Lang::De, Grade::Good) => "Gut",
            (Lang::De, Grade::Easy) => "Leicht",
        }
    }

    /// "recorded: Good".
    #[must_use]
    pub fn recorded(self, g: Grade) -> String {
        match self.0 {
            Lang::En => format!("recorded: {}", self.grade(g)),
            Lang::De => format!("gespeichert: {}", self.grade(g)),
        }
    }

    /// "undone: card-id".
    #[must_use]
    pub fn undone(self, card: &str) -> String {
        match self.0 {
            Lang::En => format!("undone: {card}"),
            Lang::De => format!("rückgängig: {card}"),
        }
    }

    /// "next card at 09:30".
    #[must_use]
    pub fn next_at(self, hhmm: &str) -> String {
        match self.0 {
            Lang::En => format!("next card at {hhmm}"),
            Lang::De => format!("nächste Karte um {hhmm}"),
        }
    }

    /// The too-small message with sizes.
    #[must_use]
    pub fn too_small_msg(self, need: (u16, u16), have: (u16, u16)) -> String {
        match self.0 {
            Lang::En => format!(
                "terminal too small (need {}x{}, have {}x{})",
                need.0, need.1, have.0, have.1
            ),
            Lang::De => format!(
                "Terminal zu klein (brauche {}x{}, habe {}x{})",
                need.0, need.1, have.0, have.1
            ),
        }
    }

    /// The status line of a read-only session.
    #[must_use]
    pub fn read_only_status(self) -> &'static str {
        match self.0 {
            Lang::En => "read-only (--read-only): answers are not recorded",
            Lang::De => "Nur lesen (--read-only): Antworten werden nicht gespeichert",
        }
    }

    /// A key's name: German says "Leertaste" and "Strg-C" where English
    /// says "Space" and "Ctrl-c" (`name` is the English form).
    #[must_use]
    pub fn key_name(self, name: &str) -> String {
        match self.0 {
            Lang::En => name.to_owned(),
            Lang::De => {
                let name = name.replace("Space", "Leertaste");
                let mut out = String::with_capacity(name.len());
                let mut parts = name.split("Ctrl-");
                out.push_str(parts.next().unwrap_or_default());
                for part in parts {
                    // "Ctrl-c" → "Strg-C": the key after it in capitals.
                    let mut chars = part.chars();
                    out.push_str("Strg-");
                    out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                    out.push_str(chars.as_str());
                }
                out
            }
        }
    }

    /// How a list answer is typed: "3 items, separated by commas".
    #[must_use]
    pub fn list_items_hint(self, n: usize) -> String {
        match self.0 {
            Lang::En => format!("{n} items, separated by commas"),
            Lang::De => format!("{n} Punkte, durch Kommas getrennt"),
        }
    }

    /// After a quiz's time: " · 2 timed out".
    #[must_use]
    pub fn quiz_timed_out(self, n: u32) -> String {
        match self.0 {
            Lang::En => format!(" · {n} timed out"),
            Lang::De => format!(" · {n} ohne Antwort (Zeit um)"),
        }
    }

    /// The head of a quiz's mistakes: "Mistakes (3)".
    #[must_use]
    pub fn quiz_mistakes_head(self, n: usize) -> String {
        match self.0 {
            Lang::En => format!("Mistakes ({n})"),
            Lang::De => format!("Fehler ({n})"),
        }
    }

    /// An exam's size: "120 cards, 30 not studied yet".
    #[must_use]
    pub fn exam_cards_line(self, cards: usize, unstudied: usize) -> String {
        match self.0 {
            Lang::En => format!("{cards} cards, {unstudied} not studied yet"),
            Lang::De => format!("{cards} Karten, davon {unstudied} noch nicht gelernt"),
        }
    }

    /// An exam's plan for today: "5 new · 40 reviews · about 12 min".
    #[must_use]
    pub fn exam_today_line(self, new: usize, reviews: usize, minutes: u32) -> String {
        match self.0 {
            Lang::En => format!("{new} new · {reviews} reviews · about {minutes} min"),
            Lang::De => format!("{new} neu · {reviews} Wiederholungen · etwa {minutes} min"),
        }
    }

    /// When an exam is: "today", "tomorrow", "in 5 days".
    #[must_use]
    pub fn exam_in_days(self, days: i64) -> String {
        match (self.0, days) {
            (Lang::En, 0) => "today".to_owned(),
            (Lang::De, 0) => "heute".to_owned(),
            (Lang::En, 1) => "tomorrow".to_owned(),
            (Lang::De, 1) => "morgen".to_owned(),
            (Lang::En, n) => format!("in {n} days"),
            (Lang::De, n) => format!("in {n} Tagen"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_names_follow_the_language() {
        let (en, de) = (Tr(Lang::En), Tr(Lang::De));
        assert_eq!(en.key_name("Space"), "Space");
        assert_eq!(de.key_name("Space"), "Leertaste");
        assert_eq!(de.key_name("Space ←/→"), "Leertaste ←/→");
        assert_eq!(en.key_name("Ctrl-c"), "Ctrl-c");
        assert_eq!(de.key_name("Ctrl-c"), "Strg-C");
        assert_eq!(de.key_name("Esc/Ctrl-c"), "Esc/Strg-C");
        assert_eq!(de.key_name("q"), "q");
    }
}
