//! Strings of the statistics screen.

use super::{Lang, Tr, strings};

strings! {
    stats_title => "Statistics", "Statistik";
    stats_forecast => "Forecast", "Prognose";
    stats_activity => "Activity", "Aktivität";
    stats_retention => "Retention", "Behalten";
    stats_stability => "Stability", "Stabilität";
    stats_quizzes => "Quizzes", "Probeprüfungen";
    stats_streak => "Streak", "Serie";
    stats_forecast_sub => "reviews due, next 30 days", "fällige Wiederholungen, 30 Tage";
    stats_activity_sub => "reviews per day", "Wiederholungen pro Tag";
    stats_weeks => "weeks", "Wochen";
    stats_retention_sub => "true retention, last 30 days", "tatsächlich, letzte 30 Tage";
    stats_stability_sub => "cards by stability", "Karten nach Stabilität";
    stats_quizzes_sub => "score per quiz", "Ergebnis je Probeprüfung";
    stats_streak_sub => "days in a row", "Tage in Folge";
    stats_all => "all", "alle";
    stats_deck => "Deck", "Stapel";
    stats_tag => "Tag", "Tag";
    stats_clears => "clears", "löscht";
    stats_nothing_scheduled => "Nothing scheduled.", "Nichts geplant.";
    stats_total => "total", "gesamt";
    stats_today => "today", "heute";
    stats_peak => "peak", "Spitze";
    stats_no_reviews_yet => "No reviews yet.", "Noch keine Wiederholungen.";
    stats_reviews => "reviews", "Wiederholungen";
    stats_active_days => "active days", "aktive Tage";
    stats_best_day => "best day", "bester Tag";
    stats_no_decks => "No decks.", "Keine Stapel.";
    stats_deck_no_reviews => "no reviews yet", "noch keine Wiederholungen";
    stats_target => "target", "Ziel";
    stats_with_memory => "cards with a memory state", "Karten mit Gedächtniszustand";
    stats_in_days => "stability in days", "Stabilität in Tagen";
    stats_day_unit => "d", "T";
    stats_year_unit => "y", "J";
    stats_no_quizzes => "No finished quizzes yet.", "Noch keine abgeschlossenen Probeprüfungen.";
    stats_last => "last", "zuletzt";
    stats_grade => "grade", "Note";
    stats_best => "best", "bestes";
    stats_quiz_number => "quiz no.", "Nr.";
    stats_current => "current", "aktuell";
    stats_longest => "longest", "längste";
    stats_days => "days", "Tage";
    stats_day => "day", "Tag";
    stats_last_14 => "last 14 days:", "letzte 14 Tage:";
    stats_hint_deck => "deck", "Stapel";
    stats_hint_tag => "tag", "Tag";
    stats_hint_panel => "panel", "Ansicht";
    stats_help_deck => "next deck filter", "nächster Stapel-Filter";
    stats_help_tag => "next tag filter (tags of the chosen deck)", "nächster Tag-Filter (Tags des gewählten Stapels)";
    stats_help_clear => "clear the filter", "Filter löschen";
    stats_help_panel => "next / previous panel", "nächste / vorige Ansicht";
    stats_help_jump => "the panel of that number", "die Ansicht mit dieser Nummer";
    stats_mon => "Mo", "Mo";
    stats_tue => "Tu", "Di";
    stats_wed => "We", "Mi";
    stats_thu => "Th", "Do";
    stats_fri => "Fr", "Fr";
    stats_sat => "Sa", "Sa";
    stats_sun => "Su", "So";
    stats_jan => "Jan", "Jan";
    stats_feb => "Feb", "Feb";
    stats_mar => "Mar", "Mär";
    stats_apr => "Apr", "Apr";
    stats_may => "May", "Mai";
    stats_jun => "Jun", "Jun";
    stats_jul => "Jul", "Jul";
    stats_aug => "Aug", "Aug";
    stats_sep => "Sep", "Sep";
    stats_oct => "Oct", "Okt";
    stats_nov => "Nov", "Nov";
    stats_dec => "Dec", "Dez";
}

impl Tr {
    /// "1 quiz", "6 quizzes" / "1 Probeprüfung", "6 Probeprüfungen".
    #[must_use]
    pub fn stats_quiz_count(self, n: usize) -> String {
        match (self.0, n) {
            (Lang::En, 1) => "1 quiz".to_owned(),
            (Lang::En, n) => format!("{n} quizzes"),
            (Lang::De, 1) => "1 Probeprüfung".to_owned(),
            (Lang::De, n) => format!("{n} Probeprüfungen"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiz_counts_are_singular_for_one() {
        assert_eq!(Tr(Lang::De).stats_quiz_count(1), "1 Probeprüfung");
        assert_eq!(Tr(Lang::De).stats_quiz_count(6), "6 Probeprüfungen");
        assert_eq!(Tr(Lang::En).stats_quiz_count(1), "1 quiz");
        assert_eq!(Tr(Lang::En).stats_quiz_count(0), "0 quizzes");
    }
}
