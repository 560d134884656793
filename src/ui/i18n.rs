//! Interface strings in English and German.

use crate::i18n::Lang;
use crate::progress::Grade;

use super::keymap::Action;

/// The strings of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr(pub Lang);

macro_rules! strings {
    ($($name:ident => $en:expr, $de:expr;)*) => {
        impl Tr {
            $(
                #[must_use]
                pub fn $name(self) -> &'static str {
                    match self.0 {
                        Lang::En => $en,
                        Lang::De => $de,
                    }
                }
            )*
        }
    };
}

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
    act_hint => "show the hint", "Hinweis zeigen";
    act_suspend => "suspend / unsuspend the card", "Karte aussetzen / wieder aufnehmen";
    act_bury => "bury until tomorrow", "bis morgen zurückstellen";
    act_flag => "flag / unflag", "markieren / Markierung entfernen";
    act_reset => "forget the card's progress (asks first)", "Lernstand der Karte zurücksetzen (fragt erst)";
    act_browse => "card browser", "Kartenübersicht";
    act_practice => "practise (schedule unchanged)", "üben (Plan bleibt unverändert)";
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
    mode_quiz => "quiz", "Quiz";
    mode_practice => "practice", "Üben";
    mode_cram => "cram", "Pauken";
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

    /// What an action does, for the help screen.
    #[must_use]
    pub fn action(self, a: Action) -> &'static str {
        let de = self.0 == Lang::De;
        match a {
            Action::Up => {
                if de {
                    "nach oben"
                } else {
                    "move up"
                }
            }
            Action::Down => {
                if de {
                    "nach unten"
                } else {
                    "move down"
                }
            }
            Action::Select => {
                if de {
                    "öffnen / alles aufdecken / bestätigen"
                } else {
                    "open / reveal all / confirm"
                }
            }
            Action::Reveal => {
                if de {
                    "aufdecken (Liste: nächster Punkt)"
                } else {
                    "reveal (list: next item)"
                }
            }
            Action::All => {
                if de {
                    "alle Stapel zusammen"
                } else {
                    "all decks together"
                }
            }
            Action::Grade(g) => self.grade(g),
            Action::Undo => {
                if de {
                    "rückgängig (wiederholbar)"
                } else {
                    "undo (repeatable)"
                }
            }
            Action::Edit => {
                if de {
                    "Karte im Editor bearbeiten"
                } else {
                    "edit the card in your editor"
                }
            }
            Action::Hint => self.act_hint(),
            Action::Suspend => self.act_suspend(),
            Action::Bury => self.act_bury(),
            Action::Flag => self.act_flag(),
            Action::Reset => self.act_reset(),
            Action::Browse => self.act_browse(),
            Action::Practice => self.act_practice(),
            Action::Stats => {
                if de {
                    "Statistik"
                } else {
                    "statistics"
                }
            }
            Action::Quiz => {
                if de {
                    "Prüfung üben"
                } else {
                    "quiz"
                }
            }
            Action::Exam => {
                if de {
                    "Prüfungstermin (Stand, Plan)"
                } else {
                    "exam (readiness, plan)"
                }
            }
            Action::Cram => {
                if de {
                    "Pauken (Schwächste zuerst, Termine bleiben)"
                } else {
                    "cram (weakest first, schedule kept)"
                }
            }
            Action::Help => {
                if de {
                    "Hilfe"
                } else {
                    "help"
                }
            }
            Action::ScrollUp => {
                if de {
                    "Seite hoch"
                } else {
                    "scroll up"
                }
            }
            Action::ScrollDown => {
                if de {
                    "Seite runter"
                } else {
                    "scroll down"
                }
            }
            Action::Back => {
                if de {
                    "zurück / beenden"
                } else {
                    "back / quit"
                }
            }
            Action::Quit => {
                if de {
                    "sofort beenden"
                } else {
                    "quit now"
                }
            }
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
}
