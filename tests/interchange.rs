//! Round trips (export then import) and robustness of the import parsers.

use kartei::deck::{Card, CardContent, CardId, ClozeSegment, Deck, DeckOrigin};
use kartei::interchange::csv::{neutralise_cell, restore_cell};
use kartei::interchange::{
    DeckMeta, ImportedNote, NoteBody, anki, anki_cloze_to_kartei, csv, deck_toml, export,
    strip_html,
};
use proptest::prelude::*;

fn card(id: &str, tags: &[&str], content: CardContent) -> Card {
    Card {
        id: CardId::from(id),
        id_explicit: true,
        deck_id: "rt".into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        hint: None,
        explain: None,
        source: None,
        input: false,
        accept: Vec::new(),
        line: 1,
        content,
    }
}

fn basic(front: &str, back: &str, reversed: bool) -> CardContent {
    CardContent::Basic {
        front: front.into(),
        back: back.into(),
        reversed,
    }
}

fn gap(answer: &str, hint: Option<&str>) -> ClozeSegment {
    ClozeSegment::Gap {
        answer: answer.into(),
        hint: hint.map(Into::into),
    }
}

fn text(t: &str) -> ClozeSegment {
    ClozeSegment::Text(t.into())
}

/// A deck using every kind, with characters that need escaping in HTML,
/// CSV, TSV and TOML.
fn sample_deck() -> Deck {
    let segments = vec![
        text("Rabatte <&> gehören zur "),
        gap("Preispolitik", None),
        text(", Logistik zur "),
        gap("Distributionspolitik", Some("P für Place")),
        text("."),
    ];
    let mut cloze1 = card(
        "rt-cloze~c1",
        &["4p", "rt"],
        CardContent::Cloze {
            segments: segments.clone(),
            active: 0,
        },
    );
    cloze1.explain = Some("Merke: \"4 Ps\"".into());
    let mut cloze2 = cloze1.clone();
    cloze2.id = CardId::from("rt-cloze~c2");
    cloze2.content = CardContent::Cloze {
        segments,
        active: 1,
    };
    Deck {
        id: "rt".into(),
        name: "Round Trip".into(),
        description: String::new(),
        tags: vec!["rt".into()],
        origin: DeckOrigin::Bundled("rt.toml".into()),
        cards: vec![
            card(
                "rt-basic",
                &["lead", "rt"],
                basic(
                    "Was ist ein \"MQL\", kurz & knapp?",
                    "Zeile 1\nZeile 2, mit Komma\tund Tab",
                    false,
                ),
            ),
            card(
                "rt-rev",
                &["rt"],
                basic("MQL", "Marketing Qualified Lead", false),
            ),
            card(
                "rt-rev~rev",
                &["rt"],
                basic("MQL", "Marketing Qualified Lead", true),
            ),
            cloze1,
            cloze2,
            card(
                "rt-choice",
                &["kpi", "rt"],
                CardContent::Choice {
                    front: "Welche KPIs? (mehrere richtig)".into(),
                    choices: vec!["ROI".into(), "Reichweite".into(), "CLV".into()],
                    answer: vec![0, 2],
                },
            ),
            card(
                "rt-list",
                &["rt"],
                CardContent::List {
                    front: "Die vier Ps?".into(),
                    items: vec![
                        "Product".into(),
                        "Price".into(),
                        "Place".into(),
                        "Promotion".into(),
                    ],
                    ordered: false,
                },
            ),
            card(
                "rt-ordered",
                &["rt"],
                CardContent::List {
                    front: "Funnel-Stufen von oben?".into(),
                    items: vec!["Top".into(), "Middle".into(), "Bottom".into()],
                    ordered: true,
                },
            ),
        ]
        .into(),
    }
}

fn b(front: &str, back: &str, reverse: bool) -> NoteBody {
    NoteBody::Basic {
        front: front.into(),
        back: back.into(),
        reverse,
    }
}

/// What import(export(sample_deck())) must give: every note, with choice and
/// list notes turned into basic ones. `reverse` only survives the Anki format.
fn expected(reverse_survives: bool) -> Vec<(NoteBody, Vec<&'static str>, Option<&'static str>)> {
    vec![
        (
            b("Was ist ein \"MQL\", kurz & knapp?", "Zeile 1\nZeile 2, mit Komma\tund Tab", false),
            vec!["lead", "rt"],
            None,
        ),
        (b("MQL", "Marketing Qualified Lead", reverse_survives), vec!["rt"], None),
        (
            NoteBody::Cloze {
                text: "Rabatte <&> gehören zur {{Preispolitik}}, Logistik zur {{Distributionspolitik::P für Place}}.".into(),
            },
            vec!["4p", "rt"],
            Some("Merke: \"4 Ps\""),
        ),
        (
            b("Welche KPIs? (mehrere richtig)\nA) ROI\nB) Reichweite\nC) CLV", "A) ROI\nC) CLV", false),
            vec!["kpi", "rt"],
            None,
        ),
        (b("Die vier Ps?", "Product\nPrice\nPlace\nPromotion", false), vec!["rt"], None),
        (b("Funnel-Stufen von oben?", "1. Top\n2. Middle\n3. Bottom", false), vec!["rt"], None),
    ]
}

fn simplify(notes: &[ImportedNote]) -> Vec<(NoteBody, Vec<&str>, Option<&str>)> {
    notes
        .iter()
        .map(|n| {
            (
                n.body.clone(),
                n.tags.iter().map(String::as_str).collect(),
                n.explain.as_deref(),
            )
        })
        .collect()
}

#[test]
fn anki_round_trip_keeps_every_note() {
    let deck = sample_deck();
    let file = export::to_anki([&deck], kartei::i18n::Lang::En);
    assert!(file.starts_with("#separator:tab\n#html:true\n"));
    assert!(file.contains("\tCloze\t") || file.contains("Cloze\tRound Trip\t"));
    assert!(file.contains("{{c1::Preispolitik}}"));
    assert!(file.contains("{{c2::Distributionspolitik::P für Place}}"));
    assert!(file.contains("Zeile 1<br>Zeile 2"));
    assert!(file.contains("&quot;MQL&quot;, kurz &amp; knapp?"));
    assert!(file.contains("Basic (and reversed card)\tRound Trip\tMQL"));
    let imported = anki::import_anki(&file).unwrap();
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    assert_eq!(simplify(&imported.notes), expected(true));
}

/// The notes without their line numbers (the CSV's rows are not the
/// deck's lines).
fn without_lines(notes: &[ImportedNote]) -> Vec<ImportedNote> {
    notes
        .iter()
        .map(|n| ImportedNote {
            line: 0,
            ..n.clone()
        })
        .collect()
}

/// The fields of a card that a round trip must keep.
type CardFields<'a> = (
    &'a CardId,
    &'a CardContent,
    &'a Vec<String>,
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
    bool,
);

fn fields(c: &Card) -> CardFields<'_> {
    (
        &c.id, &c.content, &c.tags, &c.hint, &c.explain, &c.source, c.input,
    )
}

#[test]
fn csv_round_trip_keeps_every_note_and_field() {
    let mut deck = sample_deck();
    deck.cards[0].hint = Some("=Tipp".into());
    deck.cards[0].source = Some("@Quelle".into());
    deck.cards[0].input = true;
    // The loader swaps the sides of a reversed card; so must the sample.
    assert_eq!(deck.cards[2].id.as_str(), "rt-rev~rev");
    deck.cards[2].content = basic("Marketing Qualified Lead", "MQL", true);
    let file = export::to_csv([&deck]);
    assert!(file.starts_with(&format!("{}\n", csv::COLUMNS.join(","))));
    assert!(!file.contains("<br>"), "CSV holds plain text");
    let imported = csv::import_csv(&file).unwrap();
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    assert_eq!(
        without_lines(&imported.notes),
        without_lines(&export::kartei_notes(&deck))
    );
    let meta = DeckMeta {
        id: deck.id.clone(),
        name: deck.name.clone(),
        description: String::new(),
    };
    let back = kartei::deck::parse_deck(
        &deck_toml(&meta, &imported.notes),
        DeckOrigin::Bundled("rt.toml".into()),
    )
    .unwrap()
    .deck;
    let want: Vec<CardFields<'_>> = deck.cards.iter().map(fields).collect();
    let got: Vec<CardFields<'_>> = back.cards.iter().map(fields).collect();
    assert_eq!(got, want);
}

#[test]
fn export_folds_generated_cards_into_notes() {
    let notes = export::notes(&sample_deck());
    assert_eq!(notes.len(), 6);
    assert_eq!(notes[1].notetype, export::Notetype::BasicReversed);
    assert_eq!(notes[2].notetype, export::Notetype::Cloze);
    assert_eq!(notes[2].back, "Merke: \"4 Ps\"");
    let mut spaced = sample_deck();
    spaced.cards[0].tags = vec!["zwei worte".into()];
    assert_eq!(export::notes(&spaced)[0].tags, ["zwei_worte"]);
}

fn fragments() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"",
        "\"\"",
        ",",
        "\t",
        ";",
        "\n",
        "\r\n",
        "\r",
        "{{",
        "}}",
        "{{c1::",
        "::",
        "<br>",
        "<div>",
        "</div>",
        "<",
        ">",
        "&amp;",
        "&#",
        "&#x110000;",
        "&",
        "ä",
        "\u{feff}",
        "#separator:",
        "#html:",
        "#tags column:",
        "#notetype column:",
        "#columns:",
        "tab",
        "comma",
        "true",
        "Cloze",
        "Basic",
        "front",
        "back",
        "tags",
        "1",
        "9",
        "x",
        " ",
        "<!--",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn parsers_never_panic_on_arbitrary_text(s in any::<String>()) {
        let _ = csv::records(&s, ',');
        let _ = csv::records(&s, '\t');
        let _ = csv::import_csv(&s);
        let _ = anki::import_anki(&s);
        let _ = strip_html(&s);
        let _ = anki_cloze_to_kartei(&s);
    }

    #[test]
    fn parsers_never_panic_on_format_fragments(s in fragments()) {
        for sep in [',', '\t', ';', 'ä'] {
            for r in csv::records(&s, sep) {
                if let Err(issue) = r {
                    prop_assert!(issue.line >= 1);
                }
            }
        }
        if let Ok(imp) = csv::import_csv(&s) {
            prop_assert!(imp.notes.iter().all(|n| n.line >= 2));
        }
        if let Ok(imp) = anki::import_anki(&s) {
            // Lone CRs count as line breaks too, as in the parser.
            let lines = s.replace("\r\n", "\n").matches(['\n', '\r']).count() + 1;
            prop_assert!(imp.issues.iter().all(|i| i.line >= 1 && i.line <= lines + 1));
        }
        let _ = strip_html(&s);
        let _ = anki_cloze_to_kartei(&s);
    }

    #[test]
    fn quoted_fields_survive_records(fields in prop::collection::vec(any::<String>(), 1..6)) {
        // Quoted fields come back exactly, line breaks included.
        let want = fields.clone();
        prop_assume!(want.iter().any(|f| !f.trim().is_empty()));
        let line: Vec<String> = fields.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
        let src = line.join(",");
        let got = csv::records(&src, ',');
        prop_assert_eq!(got.len(), 1);
        prop_assert_eq!(&got[0].as_ref().unwrap().fields, &want);
    }
}

/// The note that import(export(card's note)) must give, computed straight
/// from the card model (independently of the exporter).
fn expected_note(deck: &Deck, card: &Card, anki: bool) -> Option<(NoteBody, Vec<String>)> {
    let tags = card
        .tags
        .iter()
        .map(|t| t.to_lowercase().replace(' ', "_"))
        .collect();
    let has_rev = |id: &CardId| {
        deck.cards
            .iter()
            .any(|c| c.id.as_str() == format!("{id}~rev"))
    };
    let body = match &card.content {
        CardContent::Basic { reversed: true, .. } => return None,
        CardContent::Basic { front, back, .. } => b(front, back, anki && has_rev(&card.id)),
        CardContent::Cloze { active, .. } if *active > 0 => return None,
        CardContent::Cloze { segments, .. } => {
            let mut text = String::new();
            for s in segments {
                match s {
                    ClozeSegment::Text(t) => text.push_str(t),
                    ClozeSegment::Gap { answer, hint } => {
                        text.push_str("{{");
                        text.push_str(answer);
                        if let Some(h) = hint {
                            text.push_str("::");
                            text.push_str(h);
                        }
                        text.push_str("}}");
                    }
                }
            }
            NoteBody::Cloze { text }
        }
        CardContent::Choice {
            front,
            choices,
            answer,
        } => {
            let label = |i: usize| char::from(b'A' + u8::try_from(i).unwrap());
            let mut q = front.clone();
            for (i, c) in choices.iter().enumerate() {
                q.push_str(&format!("\n{}) {c}", label(i)));
            }
            let a: Vec<String> = answer
                .iter()
                .map(|&i| format!("{}) {}", label(i), choices[i]))
                .collect();
            b(&q, &a.join("\n"), false)
        }
        CardContent::List {
            front,
            items,
            ordered,
        } => {
            let back: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, it)| {
                    if *ordered {
                        format!("{}. {it}", i + 1)
                    } else {
                        it.clone()
                    }
                })
                .collect();
            b(front, &back.join("\n"), false)
        }
    };
    Some((body, tags))
}

#[test]
fn bundled_decks_survive_both_round_trips_and_reload_cleanly() {
    let set = kartei::deck::load_all(true, None, &[]);
    assert!(set.errors.is_empty(), "{:?}", set.errors);
    assert!(!set.decks.is_empty());
    for deck in &set.decks {
        for anki_format in [true, false] {
            let imported = if anki_format {
                anki::import_anki(&export::to_anki([deck], kartei::i18n::Lang::En)).unwrap()
            } else {
                csv::import_csv(&export::to_csv([deck])).unwrap()
            };
            if !anki_format {
                // Lossless: the same notes, and the reloaded deck has the
                // same cards, ids included.
                assert!(
                    imported.issues.is_empty(),
                    "{}: {:?}",
                    deck.id,
                    imported.issues
                );
                assert_eq!(
                    without_lines(&imported.notes),
                    without_lines(&export::kartei_notes(deck))
                );
                let meta = DeckMeta {
                    id: deck.id.clone(),
                    name: deck.name.clone(),
                    description: String::new(),
                };
                let toml = deck_toml(&meta, &imported.notes);
                let parsed = kartei::deck::parse_deck(&toml, DeckOrigin::Bundled("rt.toml".into()))
                    .unwrap_or_else(|e| panic!("{}: {e:?}\n{toml}", deck.id));
                let want: Vec<CardFields<'_>> = deck.cards.iter().map(fields).collect();
                let got: Vec<CardFields<'_>> = parsed.deck.cards.iter().map(fields).collect();
                assert_eq!(got, want, "deck {}", deck.id);
                continue;
            }
            assert!(
                imported.issues.is_empty(),
                "{}: {:?}",
                deck.id,
                imported.issues
            );
            let want: Vec<(NoteBody, Vec<String>)> = deck
                .cards
                .iter()
                .filter_map(|c| expected_note(deck, c, anki_format))
                .collect();
            let got: Vec<(NoteBody, Vec<String>)> = imported
                .notes
                .iter()
                .map(|n| (n.body.clone(), n.tags.clone()))
                .collect();
            assert_eq!(got, want, "deck {} (anki: {anki_format})", deck.id);

            // The generated deck file loads without errors or warnings and,
            // from the Anki format, gives as many cards as the original.
            let meta = DeckMeta {
                id: format!("{}-rt", deck.id),
                name: deck.name.clone(),
                description: String::new(),
            };
            let toml = deck_toml(&meta, &imported.notes);
            let parsed = kartei::deck::parse_deck(&toml, DeckOrigin::Bundled("rt.toml".into()))
                .unwrap_or_else(|e| panic!("{}: {e:?}\n{toml}", deck.id));
            assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
            if anki_format {
                assert_eq!(parsed.deck.cards.len(), deck.cards.len(), "{}", deck.id);
            }
        }
    }
}

#[test]
fn imported_fixtures_and_template_pass_the_loader() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/");
    let anki_src = std::fs::read_to_string(format!("{dir}anki-notes.txt")).unwrap();
    let csv_src = std::fs::read_to_string(format!("{dir}karten.csv")).unwrap();
    for (name, imported) in [
        ("anki", anki::import_anki(&anki_src).unwrap()),
        ("csv", csv::import_csv(&csv_src).unwrap()),
    ] {
        let meta = DeckMeta {
            id: name.into(),
            name: name.into(),
            description: "x".into(),
        };
        let toml = deck_toml(&meta, &imported.notes);
        let parsed = kartei::deck::parse_deck(&toml, DeckOrigin::Bundled(format!("{name}.toml")))
            .unwrap_or_else(|e| panic!("{name}: {e:?}\n{toml}"));
        assert!(parsed.warnings.is_empty());
        assert_eq!(parsed.deck.id, name);
    }
    for lang in kartei::i18n::Lang::ALL {
        let parsed = kartei::deck::parse_deck(
            &kartei::interchange::template::template("vorlage", lang),
            DeckOrigin::Bundled("vorlage.toml".into()),
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let kinds: std::collections::BTreeSet<_> =
            parsed.deck.cards.iter().map(Card::kind).collect();
        assert_eq!(kinds.len(), 4, "every kind in the template ({lang:?})");
    }
}

fn side() -> impl Strategy<Value = String> {
    // Anything a deck author might write in a basic card, except `{` (a
    // `{{c1::` in a front is read back as a cloze) and carriage returns.
    "[a-zA-Z0-9äöüÄÖÜß €&<>\"';:,.|#!?()\\[\\]\t\n -]{1,40}"
        .prop_filter("needs visible text", |s| !s.trim().is_empty())
}

proptest! {
    #[test]
    fn basic_notes_with_arbitrary_text_survive_both_formats(
        sides in prop::collection::vec((side(), side(), prop::collection::vec("[a-z0-9-]{1,8}", 0..3)), 1..6)
    ) {
        let cards = sides
            .iter()
            .enumerate()
            .map(|(i, (f, b, tags))| {
                let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
                card(&format!("p-{i}"), &tags, basic(f, b, false))
            })
            .collect();
        let deck = Deck { cards, ..sample_deck() };
        let want: Vec<(NoteBody, Vec<String>)> = sides
            .iter()
              .map(|(f, back, tags)| {
                let mut t: Vec<String> = Vec::new();
                for tag in tags {
                    if !t.contains(tag) {
                        t.push(tag.clone());
                    }
                }
                (b(f.trim(), back.trim(), false), t)
            })
            .collect();
        // Anki trims the fields; kartei's CSV keeps them exactly.
        let exact: Vec<(NoteBody, Vec<String>)> = want
            .iter()
            .zip(&sides)
            .map(|((_, tags), (f, back, _))| (b(f, back, false), tags.clone()))
            .collect();
        for (imported, want) in [
            (anki::import_anki(&export::to_anki([&deck], kartei::i18n::Lang::En)).unwrap(), &want),
            (csv::import_csv(&export::to_csv([&deck])).unwrap(), &exact),
        ] {
            prop_assert!(imported.issues.is_empty(), "{:?}", imported.issues);
            let got: Vec<(NoteBody, Vec<String>)> =
                imported.notes.into_iter().map(|n| (n.body, n.tags)).collect();
            prop_assert_eq!(&got, want);
        }
    }
}

/// Cell text that starts with what a spreadsheet runs as a formula.
fn risky() -> impl Strategy<Value = String> {
    (
        "[=+@\t\r'-]{0,3}",
        "[a-zA-Z0-9äß =+@'\t\r\n\";,|!()-]{0,20}",
    )
        .prop_map(|(start, rest)| format!("{start}{rest}"))
}

proptest! {
    #[test]
    fn neutralising_a_cell_is_undone_exactly(cell in any::<String>()) {
        let written = neutralise_cell(&cell);
        prop_assert!(!written.starts_with(['=', '+', '-', '@', '\t', '\r']));
        prop_assert_eq!(restore_cell(&written), cell);
    }

    /// Issue 13: CSV export neutralises formula cells (OWASP), and import
    /// undoes exactly that, so export then import is lossless.
    #[test]
    fn formula_cells_survive_a_csv_round_trip(
        notes in prop::collection::vec((risky(), risky(), risky(), risky(), risky(), prop::collection::vec(risky(), 0..3)), 1..5)
    ) {
        let cards = notes
            .iter()
            .enumerate()
            .map(|(i, (front, back, hint, explain, source, tags))| {
                let keep = |s: &String| (!s.trim().is_empty()).then(|| s.clone());
                let mut tags: Vec<String> = tags.iter().filter(|t| !t.trim().is_empty()).cloned().collect();
                tags.dedup();
                Card {
                    hint: keep(hint),
                    explain: keep(explain),
                    source: keep(source),
                    tags,
                    ..card(&format!("f-{i}"), &[], basic(&format!("F{i}{front}"), &format!("B{back}"), false))
                }
            })
            .collect();
        let deck = Deck { cards, ..sample_deck() };
        let text = export::to_csv([&deck]);
        for record in csv::records(&text, ',') {
            for cell in record.unwrap().fields {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
            }
        }
        let imported = csv::import_csv(&text).unwrap();
        prop_assert!(imported.issues.is_empty(), "{:?}", imported.issues);
        prop_assert_eq!(without_lines(&imported.notes), without_lines(&export::kartei_notes(&deck)));
    }
}

#[test]
fn the_anki_header_says_what_was_simplified() {
    let mut deck = sample_deck();
    let file = export::to_anki([&deck], kartei::i18n::Lang::En);
    let notes: Vec<&str> = file.lines().filter(|l| l.starts_with("#kartei:")).collect();
    let text = notes.join("\n");
    assert!(
        text.contains("#kartei:1 choice note(s) written as Basic"),
        "{text}"
    );
    assert!(
        text.contains("#kartei:2 list note(s) written as Basic"),
        "{text}"
    );
    assert!(!text.contains("lost hint"), "{text}");
    assert!(text.contains("card ids are not kept"), "{text}");

    // Only basic cards, one with a hint and a spaced tag.
    deck.cards = std::mem::take(&mut deck.cards)
        .into_iter()
        .filter(|c| matches!(c.content, CardContent::Basic { .. }))
        .collect();
    deck.cards[0].hint = Some("Tipp".into());
    deck.cards[0].tags.push("zwei worte".into());
    let file = export::to_anki([&deck], kartei::i18n::Lang::En);
    assert!(!file.contains("choice note"), "{file}");
    assert!(!file.contains("list note"), "{file}");
    assert!(
        file.contains("#kartei:1 note(s) lost hint, source, input"),
        "{file}"
    );
    assert!(
        file.contains("#kartei:1 note(s) have tags with spaces"),
        "{file}"
    );
    // kartei's own import reads past these lines without a complaint.
    let imported = anki::import_anki(&file).unwrap();
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
}
