//! Strings of the exam screen.

use super::{Lang, Tr, strings};

strings! {
    exam_exam => "Exam", "Prüfung";
    exam_expected_recall => "expected recall", "erwartete Erinnerung";
    exam_details => "details", "Details";
    exam_cards => "cards", "Karten";
    exam_unstudied => "unstudied", "ungelernt";
    exam_recall => "recall", "Erinnerung";
    exam_expected_recall_on_the_day => "Expected recall on the day", "Erwartete Erinnerung am Tag";
    exam_today => "Today", "Heute";
    exam_deck => "Deck", "Stapel";
    exam_weakest_cards_recall_on_the => "Weakest cards (recall on the day)", "Schwächste Karten (Erinnerung am Tag)";
    exam_tag => "Tag", "Schlagwort";
    exam_no_exam_ahead => "No exam ahead.", "Kein Prüfungstermin geplant.";
    exam_add_syntax => "kartei exam add NAME --date YYYY-MM-DD [--deck ID] [--tag TAG]",
        "kartei exam add NAME --date JJJJ-MM-TT [--deck ID] [--tag TAG]";
    exam_add_one_on_the_command => "Add one on the command line:", "Einen Termin legst du auf der Kommandozeile an:";
    exam_cram => "cram", "pauken";
    exam_next_exam => "next exam", "nächste Prüfung";
    exam_cram_this_exam_s_cards => "cram this exam's cards, weakest on the day first (due dates stay)", "die Karten dieser Prüfung pauken, am Tag schwächste zuerst (Termine bleiben)";
    exam_next_previous_exam => "next / previous exam", "nächste / vorige Prüfung";
}
