//! The tolerant answer matcher, through its public interface.

use kartei::matcher::{
    DiffKind, DiffSpan, ItemStatus, Outcome, allowed_typos, compare, compare_list, normalize,
};
use proptest::prelude::*;

use Outcome::{Close, Exact, Wrong};

#[test]
fn german_answer_table() {
    let table: &[(&str, &str, Outcome)] = &[
        // spelling variants of ß and umlauts
        ("Kundenbindungsmaßnahmen", "kundenbindungsmassnahmen", Exact),
        ("Kundenbindungsmaßnahmen", "Kundenbindungsmassnahmen", Exact),
        ("kundenbindungsmassnahmen", "Kundenbindungsmaßnahmen", Exact),
        ("Außendienst", "Aussendienst", Exact),
        ("Aussendienst", "Außendienst", Exact),
        ("Äußerung", "Aeusserung", Exact),
        ("Übernahme", "uebernahme", Exact),
        // decomposed input (A + combining diaeresis) from compose keys
        ("Äußerung", "A\u{308}ußerung", Exact),
        (
            "Öffentlichkeitsarbeit",
            "o\u{308}ffentlichkeitsarbeit",
            Exact,
        ),
        // case, spaces, punctuation
        ("Preispolitik", "PREISPOLITIK", Exact),
        ("Preispolitik", "  Preispolitik  ", Exact),
        (
            "Customer Lifetime Value",
            "customer   lifetime\tvalue",
            Exact,
        ),
        ("Preispolitik", "Preispolitik.", Exact),
        ("Preispolitik", "\"Preispolitik\"!", Exact),
        // separators
        ("Cross-Selling", "Cross Selling", Exact),
        ("Cross Selling", "Cross-Selling", Exact),
        ("Up-Selling", "upselling", Exact),
        ("Up-Selling", "Up – Selling", Exact),
        // typos
        ("Preispolitik", "Preispolitk", Close),
        ("Preispolitik", "Priespolitik", Close),
        ("Distributionspolitik", "Distribusionspolitik", Close),
        ("Kundenbindungsmaßnahmen", "Kundenbindungsmasnahmen", Close),
        ("Marketing", "Marketng", Close),
        // wrong words, some close in letters
        ("Preispolitik", "Produktpolitik", Wrong),
        ("Produktpolitik", "Preispolitik", Wrong),
        ("Posten", "Kosten", Wrong),
        ("Kommunikationspolitik", "Kontrahierungspolitik", Wrong),
        ("Absatz", "Umsatz", Wrong),
        ("Preis", "Kreis", Wrong),
        // short answers allow no typo
        ("Preis", "Prei", Close),
        ("Kauf", "Lauf", Wrong),
        ("Kauf", "Kaus", Wrong),
        ("4P", "4p", Exact),
        // numbers
        ("20", "30", Wrong),
        ("20 %", "20%", Exact),
        ("20 Prozent", "30 Prozent", Wrong),
        ("3,5 Prozent", "3.5 Prozent", Exact),
        ("3,5 Prozent", "35 Prozent", Wrong),
        ("Paragraph 123", "Paragraph 124", Wrong),
        // empty answers
        ("Preispolitik", "", Wrong),
        ("Preispolitik", "   ", Wrong),
        ("Preispolitik", "?!", Wrong),
        // alternatives
        ("Kaltakquise / Warm Calls", "Kaltakquise", Exact),
        ("Kaltakquise / Warm Calls", "warm calls", Exact),
        (
            "Kaltakquise / Warm Calls",
            "Kaltakquise / Warm Calls",
            Exact,
        ),
        ("Kaltakquise / Warm Calls", "Kaltakwise", Close),
        ("Kaltakquise; Telefonakquise", "Telefonakquise", Exact),
        ("Kaltakquise / Warm Calls", "Messe", Wrong),
        ("km/h", "km h", Exact),
        (
            "Customer Lifetime Value (CLV)",
            "Customer Lifetime Value",
            Exact,
        ),
        // other scripts
        ("Маркетинг", "маркетинг", Exact),
        ("σοφός", "ΣΟΦΌΣ", Exact),
        ("σοφός", "ΣΟΦΟΣ", Close),
    ];
    let mut failures = Vec::new();
    for &(expected, given, want) in table {
        let got = compare(expected, given).outcome;
        if got != want {
            failures.push(format!(
                "{expected:?} vs {given:?}: want {want:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn normalize_rules() {
    assert_eq!(
        normalize("Kundenbindungsmaßnahmen"),
        "kundenbindungsmassnahmen"
    );
    assert_eq!(normalize("  A\u{308}  Öl -- Über!  "), "ae oel ueber");
    assert_eq!(normalize("A\u{308}u"), "aeu");
    assert_eq!(normalize("Up-Selling"), "up selling");
    assert_eq!(normalize("3,5 %"), "3.5");
    assert_eq!(normalize("a, b"), "a b");
    assert_eq!(normalize("¿Qué?"), "qué");
    assert_eq!(normalize(""), "");
}

#[test]
fn allowed_typos_scale_with_length() {
    assert_eq!(allowed_typos(4), 0);
    assert_eq!(allowed_typos(5), 1);
    assert_eq!(allowed_typos(8), 1);
    assert_eq!(allowed_typos(9), 2);
    assert_eq!(allowed_typos(16), 2);
    assert_eq!(allowed_typos(25), 3);
    assert_eq!(allowed_typos(50), 6);
}

fn given_text(diff: &[DiffSpan]) -> String {
    diff.iter()
        .filter(|s| s.kind != DiffKind::Missing)
        .map(|s| s.text.as_str())
        .collect()
}

fn span(kind: DiffKind, text: &str, expected: &str) -> DiffSpan {
    DiffSpan {
        kind,
        text: text.to_owned(),
        expected: expected.to_owned(),
    }
}

#[test]
fn diff_shows_missing_letter_in_original_text() {
    let v = compare("Preispolitik", "Preispolitk");
    assert_eq!(v.outcome, Close);
    assert_eq!(v.distance, 1);
    assert_eq!(
        v.diff,
        vec![
            span(DiffKind::Same, "Preispolit", ""),
            span(DiffKind::Missing, "i", ""),
            span(DiffKind::Same, "k", ""),
        ]
    );
}

#[test]
fn diff_marks_changed_and_extra() {
    let v = compare("Preis", "Kreiss");
    assert_eq!(v.outcome, Wrong);
    assert_eq!(
        v.diff,
        vec![
            span(DiffKind::Changed, "K", "P"),
            span(DiffKind::Same, "reis", ""),
            span(DiffKind::Extra, "s", ""),
        ]
    );
}

#[test]
fn diff_keeps_case_umlauts_and_punctuation_of_given() {
    let v = compare("Aussendienst", "AUßENDIENST!");
    assert_eq!(v.outcome, Exact);
    assert_eq!(v.diff, vec![span(DiffKind::Same, "AUßENDIENST!", "")]);

    let v = compare("Außendienst", "Ausendienst");
    assert_eq!(v.outcome, Close);
    assert_eq!(given_text(&v.diff), "Ausendienst");
    assert!(
        v.diff
            .iter()
            .any(|s| s.kind == DiffKind::Missing && s.text == "ß")
    );
}

#[test]
fn diff_of_decomposed_input_is_in_nfc() {
    let v = compare("Äußerung", "A\u{308}usserung");
    assert_eq!(v.outcome, Exact);
    assert_eq!(given_text(&v.diff), "Äusserung");
}

#[test]
fn empty_answer_diff_shows_expected_as_missing() {
    let v = compare("Preispolitik", "");
    assert_eq!(v.outcome, Wrong);
    assert_eq!(v.diff, vec![span(DiffKind::Missing, "Preispolitik", "")]);
}

#[test]
fn verdict_names_the_alternative_it_matched() {
    let v = compare("Kaltakquise / Warm Calls", "Warm Cals");
    assert_eq!(v.outcome, Close);
    assert_eq!(v.expected, "Warm Calls");
}

fn items(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn list_unordered_full_and_partial_credit() {
    let four = items(&["Product", "Price", "Place", "Promotion"]);
    let v = compare_list(&four, "price, Promotion; place und product", false);
    assert_eq!(v.score, 1.0);
    assert!(v.extra.is_empty());

    let v = compare_list(&four, "Price and Promotion", false);
    assert_eq!(v.score, 0.5);
    assert_eq!(v.items[0], ItemStatus::Missed);
    assert!(matches!(v.items[1], ItemStatus::Matched { part: 0, .. }));
    assert!(matches!(v.items[3], ItemStatus::Matched { part: 1, .. }));
}

#[test]
fn list_extras_cost_nothing_and_are_reported() {
    let four = items(&["Product", "Price", "Place", "Promotion"]);
    let v = compare_list(&four, "Product, People, Price\nPlace, Promotion", false);
    assert_eq!(v.score, 1.0);
    assert_eq!(v.extra, vec![1]);
    assert_eq!(v.parts[1], "People");
}

#[test]
fn list_each_part_matches_at_most_one_item() {
    let two = items(&["Preis", "Preise"]);
    let v = compare_list(&two, "Preis", false);
    assert_eq!(v.matched(), 1);
    assert!(matches!(
        v.items[0],
        ItemStatus::Matched {
            part: 0,
            outcome: Exact
        }
    ));
    assert_eq!(v.items[1], ItemStatus::Missed);
}

#[test]
fn list_tolerates_typos_in_items() {
    let items = items(&["Kundenbindungsmaßnahmen", "Distributionspolitik"]);
    let v = compare_list(
        &items,
        "distribusionspolitik, Kundenbindungsmassnahmen",
        false,
    );
    assert_eq!(v.score, 1.0);
    assert!(matches!(
        v.items[1],
        ItemStatus::Matched { outcome: Close, .. }
    ));
}

#[test]
fn list_keeps_items_containing_und_whole() {
    let items = items(&["Forschung und Entwicklung", "Vertrieb"]);
    let v = compare_list(&items, "Vertrieb, Forschung und Entwicklung", false);
    assert_eq!(v.score, 1.0);
    assert_eq!(v.parts.len(), 2);
}

#[test]
fn list_ordered_credits_only_items_in_order() {
    let steps = items(&["Analyse", "Planung", "Umsetzung", "Kontrolle"]);
    let v = compare_list(&steps, "Analyse, Planung, Umsetzung, Kontrolle", true);
    assert_eq!(v.score, 1.0);

    let v = compare_list(&steps, "Planung, Analyse, Umsetzung, Kontrolle", true);
    assert_eq!(v.score, 0.75);
    assert_eq!(
        v.items
            .iter()
            .filter(|s| matches!(s, ItemStatus::OutOfOrder { .. }))
            .count(),
        1
    );

    let v = compare_list(&steps, "Kontrolle, Umsetzung, Planung, Analyse", true);
    assert_eq!(v.score, 0.25);

    // The same answer unordered gets full credit.
    let v = compare_list(&steps, "Kontrolle, Umsetzung, Planung, Analyse", false);
    assert_eq!(v.score, 1.0);
}

#[test]
fn list_empty_answer_scores_zero() {
    let v = compare_list(&items(&["A1", "B2"]), "  ", false);
    assert_eq!(v.score, 0.0);
    assert!(v.parts.is_empty());
}

proptest! {
    #[test]
    fn identical_answers_are_exact(x in "\\PC{0,40}") {
        prop_assume!(x.chars().any(char::is_alphanumeric));
        let v = compare(&x, &x);
        prop_assert_eq!(v.outcome, Exact, "{:?}", x);
        prop_assert_eq!(v.distance, 0);
    }

    #[test]
    fn compare_never_panics_and_diff_rebuilds_given(
        e in "(\\PC|[\u{300}-\u{36f}\u{5d0}-\u{5ea}\u{200f}\u{1F600}-\u{1F64F}ß ,.-]){0,30}",
        g in "(\\PC|[\u{300}-\u{36f}\u{5d0}-\u{5ea}\u{200f}\u{1F600}-\u{1F64F}ß ,.-]){0,30}",
    ) {
        use unicode_normalization::UnicodeNormalization;
        let v = compare(&e, &g);
        let nfc: String = g.nfc().collect();
        prop_assert_eq!(given_text(&v.diff), nfc);
        if v.outcome == Exact {
            prop_assert_eq!(v.distance, 0);
        }
    }

    #[test]
    fn compare_list_never_panics(
        list in proptest::collection::vec("\\PC{0,12}", 0..5),
        given in "\\PC{0,60}",
        ordered in any::<bool>(),
    ) {
        let v = compare_list(&list, &given, ordered);
        prop_assert!((0.0..=1.0).contains(&v.score));
        prop_assert_eq!(v.items.len(), list.len());
    }
}
