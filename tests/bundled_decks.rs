//! The bundled decks as a student meets them: typed answers are judged by
//! `ui::typed::check` / `check_list`, exactly as the review screen judges
//! them (the quiz uses the same matcher on the same expected text), and
//! `kartei check` has nothing to complain about.

use std::collections::HashSet;

use assert_cmd::Command;
use kartei::deck::{Card, CardContent, DeckOrigin, bundled, parse_deck};
use kartei::matcher::normalize;
use kartei::ui::typed::{Outcome, check, check_list};

fn cards() -> Vec<Card> {
    let mut out = Vec::new();
    for (name, text) in bundled() {
        let parsed = parse_deck(text, DeckOrigin::Bundled((*name).to_owned()))
            .unwrap_or_else(|e| panic!("bundled deck {name} does not load: {e:#?}"));
        out.extend(parsed.deck.cards);
    }
    out
}

fn card<'a>(cards: &'a [Card], id: &str) -> &'a Card {
    cards
        .iter()
        .find(|c| c.id.as_str() == id)
        .unwrap_or_else(|| panic!("no bundled card `{id}`"))
}

/// What the review screen says to a typed answer on this card.
fn judged(card: &Card, given: &str) -> Outcome {
    match &card.content {
        CardContent::List { items, ordered, .. } => check_list(items, given, *ordered).outcome,
        _ => check(&card.typed_answer(), given).outcome,
    }
}

#[test]
fn bundled_decks_pass_check_without_warnings() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", data.path())
        .env_remove("KARTEI_NOW")
        .arg("check")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("0 errors, 0 warnings"),
        "{stdout}\n{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn every_listed_alternative_is_accepted_exactly() {
    let cards = cards();
    let mut seen = 0;
    for card in &cards {
        assert_eq!(
            judged(card, &card.answer()),
            Outcome::Right,
            "`{}` rejects its own answer",
            card.id
        );
        for alternative in &card.accept {
            seen += 1;
            assert_eq!(
                judged(card, alternative),
                Outcome::Right,
                "`{}` rejects its listed alternative `{alternative}`",
                card.id
            );
        }
    }
    assert!(seen >= 50, "only {seen} alternatives in the bundled decks");
}

/// Answers a student may fairly give that used to be rejected.
#[test]
fn fair_answers_are_accepted() {
    let cards = cards();
    let fair: &[(&str, &str)] = &[
        ("mm-praxis-preis", "120 Euro"),
        ("mm-praxis-preis", "120 €"),
        ("mm-praxis-cloze~c2", "120 Euro"),
        ("kpi-zeithorizont~c1", "3 bis 12 Monate"),
        ("kpi-zeithorizont~c1", "3-12 Monate"),
        ("kpi-zeithorizont~c2", "1 bis 3 Monate"),
        ("si-alignment-cloze~c1", "20 Prozent"),
        ("si-alignment-cloze~c2", "67 %"),
        ("kpi-statista-cloze~c1", "68 Prozent"),
        ("si-crm-dokumentation", "CRM"),
        ("si-crm-dokumentation", "CRM-System"),
        ("kpi-roi", "ROI"),
        ("kpi-roi", "ROI-Analyse"),
        ("kpi-statista-cloze~c2", "Lead-Qualität und Lead-Quantität"),
        ("vt-bedarfsanalyse", "Bedarfsanalyse beim Kunden"),
        ("kpi-rechnung-conversion-rate", "5 Prozent"),
        ("kpi-rechnung-cpl", "40 Euro"),
        ("zs-scoring-webinare", "vier"),
        (
            "vt-verkaufsgespraech",
            "Bedarfsanalyse, Produktpräsentationen, Einwandbehandlung, Verhandlungsführung",
        ),
        (
            "vt-verkaufsgespraech",
            "Verhandlungsführung, Einwandbehandlung, Produktpräsentationen, Bedarfsanalyse",
        ),
    ];
    for (id, given) in fair {
        assert_eq!(
            judged(card(&cards, id), given),
            Outcome::Right,
            "`{id}` rejects `{given}`"
        );
    }
}

/// Alternatives belong to their own gap or card, and numbers still count.
#[test]
fn wrong_answers_stay_wrong() {
    let cards = cards();
    let wrong: &[(&str, &str)] = &[
        ("kpi-zeithorizont~c1", "1 bis 3 Monate"),
        ("kpi-zeithorizont~c2", "3 bis 12 Monate"),
        ("si-alignment-cloze~c1", "67 Prozent"),
        ("mm-praxis-preis", "100 Euro"),
        ("kpi-rechnung-cpa", "40 €"),
        ("kpi-rechnung-roi", "140 %"),
        ("si-crm-dokumentation", "ERP"),
        // Alternatives of a basic back do not apply to the reversed side.
        ("si-mql~rev", "Marketing Qualified Lead"),
    ];
    for (id, given) in wrong {
        assert_eq!(
            judged(card(&cards, id), given),
            Outcome::Wrong,
            "`{id}` accepts `{given}`"
        );
    }
}

/// For every list card, a correct answer in a student's own words (short
/// forms, verbs instead of nouns, abbreviations, synonyms, another order).
const PARAPHRASES: &[(&str, &str)] = &[
    (
        "gl-marketing-schwerpunkte",
        "Markt bearbeiten, Zielgruppen analysieren und Nachfrage schaffen",
    ),
    (
        "gl-komplementaer-wirkung",
        "Zusammenarbeit und Schnittstellen",
    ),
    (
        "kpi-marketing",
        "Markenbekanntheit, Anzahl der Leads, CPL, Traffic",
    ),
    (
        "kpi-vertrieb",
        "Umsatzzahlen, Konversionsrate, CLV und Abschlussrate",
    ),
    // The card asks for the English terms, so only their form may vary.
    ("mm-4p", "promotion und place und price und product"),
    (
        "mm-4p-deutsch",
        "Programmpolitik, Kontrahierungspolitik, Vertriebspolitik, Kommunikationspolitik",
    ),
    (
        "mm-produktpolitik",
        "Produktentwicklung, Sortiment, Qualität sichern und Produktlebenszyklus",
    ),
    (
        "mm-preispolitik",
        "Preisstrategie, Kalkulation, Rabatte, wettbewerbsorientierte Preise",
    ),
    (
        "mm-distributionspolitik",
        "Kanalwahl, Logistik, Präsenz und Handelspartner",
    ),
    (
        "mm-kommunikationspolitik",
        "Werbung; Social Media; Content; PR",
    ),
    (
        "mm-praxis-ablauf",
        "Marktforschung, Nachfrage erkannt, Produkt entwickeln, Preis festlegen, Kampagne starten",
    ),
    (
        "vt-bereiche",
        "Kundengewinnung, Verkaufsgespräch, Betreuung, Controlling",
    ),
    (
        "vt-akquise",
        "Leads generieren, Kaltakquise, Networking, Empfehlungen",
    ),
    (
        "vt-verkaufsgespraech",
        "Bedarf ermitteln, Produkt präsentieren, Einwände behandeln und verhandeln",
    ),
    (
        "vt-betreuung",
        "Service nach dem Kauf, Cross-Selling, Kundenbindung, Beschwerden bearbeiten",
    ),
    (
        "vt-controlling",
        "Verkaufszahlen, Pipeline, Prognosen, Leistungsmessung",
    ),
    (
        "si-uebersicht",
        "Übergabe der Leads, Buyer Personas, Content, Feedback",
    ),
    ("si-content", "Verkaufsmaterial, Produktinfos, Argumente"),
    (
        "si-uebergabe-ablauf",
        "generieren, qualifizieren, Kriterien erfüllt, weiterleiten",
    ),
    ("si-qualifizierung-mittel", "Inhalte, Kampagnen, Scoring"),
    (
        "si-mql-sal-sql",
        "Marketing Qualified Lead, Sales Accepted Lead, Sales Qualified Lead",
    ),
    ("zs-funnel-stufen", "ToFu, MoFu, BoFu"),
    (
        "pp-herausforderungen",
        "Missverständnisse, unterschiedliche Ziele, Budget, Technologie",
    ),
    (
        "pp-karriere-vertrieb",
        "Vertriebsmitarbeiter, KAM, Vertriebsleiter",
    ),
    (
        "pp-karriere-marketing",
        "Online-Marketing, Markenführung, Marktforschung",
    ),
];

#[test]
fn every_list_card_accepts_a_correct_answer_in_other_words() {
    let cards = cards();
    let lists: Vec<&Card> = cards
        .iter()
        .filter(|c| matches!(c.content, CardContent::List { .. }))
        .collect();
    let covered: HashSet<&str> = PARAPHRASES.iter().map(|(id, _)| *id).collect();
    for list in &lists {
        assert!(
            covered.contains(list.id.as_str()),
            "list card `{}` has no paraphrase in this test; add one",
            list.id
        );
    }
    let mut failures = Vec::new();
    for (id, given) in PARAPHRASES {
        let card = card(&cards, id);
        let CardContent::List { items, ordered, .. } = &card.content else {
            panic!("`{id}` is not a list card");
        };
        // Not just the items as written: the answer is in other words.
        assert_ne!(
            normalize(given).replace(' ', ""),
            normalize(&items.join(" ")).replace(' ', ""),
            "`{id}`: the paraphrase is the card's own wording"
        );
        let verdict = check_list(items, given, *ordered);
        if verdict.outcome != Outcome::Right {
            let missed: Vec<&str> = verdict
                .items
                .iter()
                .filter(|(_, named)| !named)
                .map(|(item, _)| item.as_str())
                .collect();
            failures.push(format!("`{id}`: `{given}` misses {missed:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
