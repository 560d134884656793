//! Drawing quiz questions: reproducibility, weighting, siblings, forms and
//! distractors.

use std::collections::{HashMap, HashSet};

use kartei::deck::{Card, CardContent, CardId, ClozeSegment};
use kartei::matcher::{self, Outcome};
use kartei::quiz::{
    Form, ParseFormsError, QuestionForm, QuizSpec, Rng, TypedAnswer, Weakness, draw, parse_forms,
};
use proptest::prelude::*;

fn card(id: &str, deck: &str, tags: &[&str], content: CardContent) -> Card {
    Card {
        id: CardId::from(id),
        id_explicit: true,
        deck_id: deck.to_owned(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        hint: None,
        explain: Some(format!("explain {id}")),
        source: None,
        input: false,
        accept: Vec::new(),
        line: 1,
        content,
    }
}

fn basic(id: &str, deck: &str, tags: &[&str], front: &str, back: &str) -> Card {
    card(
        id,
        deck,
        tags,
        CardContent::Basic {
            front: front.to_owned(),
            back: back.to_owned(),
            reversed: false,
        },
    )
}

fn cloze(id: &str, deck: &str, parts: &[(&str, bool)], active: usize) -> Card {
    let segments = parts
        .iter()
        .map(|&(t, gap)| {
            if gap {
                ClozeSegment::Gap {
                    answer: t.to_owned(),
                    hint: None,
                }
            } else {
                ClozeSegment::Text(t.to_owned())
            }
        })
        .collect();
    card(id, deck, &[], CardContent::Cloze { segments, active })
}

const WORDS: [&str; 16] = [
    "Preispolitik",
    "Produktpolitik",
    "Distributionspolitik",
    "Kommunikationspolitik",
    "Marktforschung",
    "Kundenbindung",
    "Außendienst",
    "Kaltakquise",
    "Umsatzrendite",
    "Deckungsbeitrag",
    "Marktanteil",
    "Werbeerfolg",
    "Zielgruppe",
    "Positionierung",
    "Skonto",
    "Rabatt",
];

/// 16 basic cards in two decks with short backs.
fn deck_of_basics() -> Vec<Card> {
    WORDS
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let deck = if i % 2 == 0 { "marketing" } else { "vertrieb" };
            let tag = if i % 4 < 2 { "teil-a" } else { "teil-b" };
            basic(&format!("c{i}"), deck, &[tag], &format!("Frage {i}?"), w)
        })
        .collect()
}

fn refs(cards: &[Card]) -> Vec<&Card> {
    cards.iter().collect()
}

fn spec(count: u32, forms: &[Form], seed: u64) -> QuizSpec {
    QuizSpec {
        count,
        forms: forms.to_vec(),
        seed,
        ..QuizSpec::default()
    }
}

fn reviewed(r: f64) -> Weakness {
    Weakness {
        retrievability: Some(r),
        ..Weakness::default()
    }
}

#[test]
fn parse_forms_accepts_lists_and_names_bad_input() {
    assert_eq!(
        parse_forms("choice,typed,flip"),
        Ok(vec![Form::Choice, Form::Typed, Form::Flip])
    );
    assert_eq!(
        parse_forms(" Flip , CHOICE,flip"),
        Ok(vec![Form::Flip, Form::Choice])
    );
    let err = parse_forms("choice,multiple").unwrap_err();
    assert_eq!(err, ParseFormsError::Unknown("multiple".to_owned()));
    let msg = err.to_string();
    assert!(
        msg.contains("\"multiple\"") && msg.contains("choice, typed, flip"),
        "{msg}"
    );
    assert_eq!(parse_forms(" , "), Err(ParseFormsError::Empty));
}

#[test]
fn spec_defaults_to_sixty_seconds_per_question_without_limits() {
    use std::time::Duration;
    let s = QuizSpec::default();
    assert_eq!(s.count, 20);
    assert_eq!(s.per_question_limit(), Some(Duration::from_secs(60)));
    let s = QuizSpec {
        time_limit: Some(Duration::from_secs(600)),
        ..QuizSpec::default()
    };
    assert_eq!(s.per_question_limit(), None);
    let s = QuizSpec {
        per_question: Some(Duration::from_secs(20)),
        ..QuizSpec::default()
    };
    assert_eq!(s.per_question_limit(), Some(Duration::from_secs(20)));
}

#[test]
fn same_seed_same_questions_in_same_order() {
    let cards = deck_of_basics();
    let weak = |id: &CardId| {
        reviewed(if id.as_str().len().is_multiple_of(2) {
            0.3
        } else {
            0.9
        })
    };
    let s = spec(8, &Form::ALL, 99);
    let a = draw(&refs(&cards), &weak, &s, &mut Rng::new(s.seed));
    let b = draw(&refs(&cards), &weak, &s, &mut Rng::new(s.seed));
    assert_eq!(a.len(), 8);
    assert_eq!(a, b);
    let c = draw(&refs(&cards), &weak, &s, &mut Rng::new(100));
    assert_ne!(a, c, "another seed should give another quiz");
}

/// xoshiro256++ seeded through SplitMix64, transcribed from the published
/// reference (Blackman and Vigna), for the test below.
fn reference_xoshiro256pp(seed: u64) -> impl Iterator<Item = u64> {
    let mut sm = seed;
    let mut s = [0u64; 4];
    for word in &mut s {
        sm = sm.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = sm;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        *word = z ^ (z >> 31);
    }
    std::iter::from_fn(move || {
        let out = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        Some(out)
    })
}

/// `--seed N` must give the same quiz on every machine and after every
/// upgrade of `rand`: the generator is pinned to a named algorithm.
#[test]
fn the_quiz_generator_is_xoshiro256plusplus_seeded_by_splitmix64() {
    for seed in [0, 1, 42, 99, u64::MAX] {
        let mut rng = Rng::new(seed);
        let got: Vec<u64> = (0..32).map(|_| rand::Rng::next_u64(&mut rng)).collect();
        let want: Vec<u64> = reference_xoshiro256pp(seed).take(32).collect();
        assert_eq!(got, want, "seed {seed}");
    }
}

/// The draw for a fixed seed, pinned: a change of `rand`'s sampling or
/// shuffling (which rand only makes in a minor version) would silently
/// change what `--seed` means, so it has to show up here.
#[test]
fn a_fixed_seed_draws_a_pinned_quiz() {
    let cards = deck_of_basics();
    let s = spec(6, &[Form::Flip], 7);
    let ids: Vec<String> = draw(&refs(&cards), &|_| reviewed(0.5), &s, &mut Rng::new(7))
        .iter()
        .map(|q| q.card.as_str().to_owned())
        .collect();
    assert_eq!(ids, ["c8", "c6", "c4", "c12", "c14", "c2"]);
}

#[test]
fn draws_without_repetition_and_respects_count() {
    let cards = deck_of_basics();
    for seed in 0..50 {
        let s = spec(10, &Form::ALL, seed);
        let qs = draw(&refs(&cards), &|_| reviewed(0.5), &s, &mut Rng::new(seed));
        assert_eq!(qs.len(), 10);
        let ids: HashSet<_> = qs.iter().map(|q| q.card.clone()).collect();
        assert_eq!(ids.len(), 10);
    }
    // Asking for more than exist gives every card once.
    let s = spec(40, &Form::ALL, 1);
    let qs = draw(&refs(&cards), &|_| reviewed(0.5), &s, &mut Rng::new(1));
    assert_eq!(qs.len(), cards.len());
}

#[test]
fn deck_and_tag_filters_apply() {
    let cards = deck_of_basics();
    let s = QuizSpec {
        decks: vec!["marketing".to_owned()],
        tags: vec!["teil-a".to_owned()],
        ..spec(20, &Form::ALL, 3)
    };
    let qs = draw(&refs(&cards), &|_| reviewed(0.5), &s, &mut Rng::new(3));
    assert_eq!(qs.len(), 4);
    assert!(
        qs.iter()
            .all(|q| q.deck == "marketing" && q.tags.contains(&"teil-a".to_owned()))
    );
}

#[test]
fn weak_cards_are_drawn_far_more_often() {
    let cards = deck_of_basics();
    // c0 is weak (R = 0.2), c1 is strong (R = 0.99), the rest in between.
    let weak = |id: &CardId| match id.as_str() {
        "c0" => reviewed(0.2),
        "c1" => reviewed(0.99),
        _ => reviewed(0.7),
    };
    let mut counts: HashMap<String, u32> = HashMap::new();
    for seed in 0..2000 {
        let s = spec(4, &[Form::Flip], seed);
        for q in draw(&refs(&cards), &weak, &s, &mut Rng::new(seed)) {
            *counts.entry(q.card.0).or_default() += 1;
        }
    }
    let weak_n = counts.get("c0").copied().unwrap_or(0);
    let strong_n = counts.get("c1").copied().unwrap_or(0);
    assert!(
        weak_n > 5 * strong_n.max(1),
        "weak {weak_n} vs strong {strong_n}"
    );
    let middle: u32 = counts
        .iter()
        .filter(|(k, _)| *k != "c0" && *k != "c1")
        .map(|(_, v)| *v)
        .sum();
    let middle_avg = f64::from(middle) / 14.0;
    assert!(
        f64::from(weak_n) > 1.5 * middle_avg && middle_avg > 2.0 * f64::from(strong_n),
        "weak {weak_n}, middle avg {middle_avg}, strong {strong_n}"
    );
}

#[test]
fn lapses_and_quiz_mistakes_raise_the_weight() {
    let base = reviewed(0.9).weight();
    let lapsed = Weakness {
        recent_lapses: 2,
        ..reviewed(0.9)
    };
    let mistaken = Weakness {
        quiz_mistakes: 1,
        ..reviewed(0.9)
    };
    assert!((lapsed.weight() - base - 1.0).abs() < 1e-9);
    assert!((mistaken.weight() - base - 0.7).abs() < 1e-9);
    assert!(
        reviewed(1.0).weight() > 0.0,
        "even known cards keep a chance"
    );
    assert!(reviewed(f64::NAN).weight().is_finite());
}

#[test]
fn studied_only_draws_only_studied_cards() {
    let cards = deck_of_basics();
    let weak = |id: &CardId| {
        if ["c0", "c1", "c2"].contains(&id.as_str()) {
            reviewed(0.95)
        } else {
            Weakness::default()
        }
    };
    for seed in 0..30 {
        let s = QuizSpec {
            studied_only: true,
            ..spec(6, &Form::ALL, seed)
        };
        let qs = draw(&refs(&cards), &weak, &s, &mut Rng::new(seed));
        let mut ids: Vec<_> = qs.iter().map(|q| q.card.0.clone()).collect();
        ids.sort();
        assert_eq!(
            ids,
            ["c0", "c1", "c2"],
            "only the studied cards, even when fewer"
        );
    }
}

#[test]
fn a_mock_exam_draws_from_all_cards_studied_or_not() {
    // The complaint: a quiz over all decks asked 15 of 15 questions from
    // the one deck the student had studied. Here one deck of many is
    // studied (and weakly known); the others never were.
    let cards: Vec<Card> = (0..70)
        .map(|i| {
            let deck = format!("d{}", i % 7);
            basic(
                &format!("k{i}"),
                &deck,
                &[],
                &format!("Frage {i}?"),
                WORDS[i % WORDS.len()],
            )
        })
        .collect();
    let studied = |id: &CardId| {
        let n: usize = id.as_str()[1..].parse().unwrap();
        if n.is_multiple_of(7) {
            reviewed(0.3)
        } else {
            Weakness::default()
        }
    };
    let mut from_studied = 0;
    let mut total = 0;
    for seed in 0..20 {
        let qs = draw(
            &refs(&cards),
            &studied,
            &spec(15, &Form::ALL, seed),
            &mut Rng::new(seed),
        );
        assert_eq!(qs.len(), 15);
        let decks: std::collections::HashSet<&str> = qs.iter().map(|q| q.deck.as_str()).collect();
        assert!(decks.len() >= 4, "seed {seed}: only decks {decks:?}");
        from_studied += qs.iter().filter(|q| q.deck == "d0").count();
        total += qs.len();
    }
    // The studied deck is 1/7 of the material; its weak cards weigh a little
    // less than unstudied ones, so it gets about its share, not all.
    let share = from_studied as f64 / total as f64;
    assert!(
        share > 0.05 && share < 0.3,
        "share from the studied deck: {share}"
    );
}

#[test]
fn siblings_are_avoided_when_possible() {
    let text = [
        ("Rabatt gehört zur ", false),
        ("Preispolitik", true),
        (", Logistik zur ", false),
        ("Distributionspolitik", true),
        (", Werbung zur ", false),
        ("Kommunikationspolitik", true),
    ];
    let mut cards: Vec<Card> = (0..3)
        .map(|i| cloze(&format!("mm~c{}", i + 1), "m", &text, i))
        .collect();
    let mut fwd = basic("kpi", "m", &[], "Was ist eine KPI?", "Kennzahl");
    cards.push(fwd.clone());
    fwd.id = CardId::from("kpi~rev");
    fwd.content = CardContent::Basic {
        front: "Was ist eine KPI?".to_owned(),
        back: "Kennzahl".to_owned(),
        reversed: true,
    };
    cards.push(fwd);
    cards.push(basic("solo", "m", &[], "Was ist Skonto?", "Preisnachlass"));
    for seed in 0..40 {
        let qs = draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &spec(3, &Form::ALL, seed),
            &mut Rng::new(seed),
        );
        let notes: HashSet<_> = qs
            .iter()
            .map(|q| kartei::quiz::note_key(&q.card).to_owned())
            .collect();
        assert_eq!(
            notes.len(),
            3,
            "seed {seed}: {:?}",
            qs.iter().map(|q| &q.card).collect::<Vec<_>>()
        );
    }
    // With more questions than notes, siblings are used after all.
    let qs = draw(
        &refs(&cards),
        &|_| reviewed(0.5),
        &spec(6, &Form::ALL, 5),
        &mut Rng::new(5),
    );
    assert_eq!(qs.len(), 6);
}

fn assert_good_choice(options: &[String], correct: &[usize], expected: &str) {
    assert_eq!(options.len(), 4, "{options:?}");
    assert_eq!(correct.len(), 1);
    assert_eq!(options[correct[0]], expected);
    for (i, a) in options.iter().enumerate() {
        assert!(!matcher::normalize(a).is_empty());
        for b in &options[i + 1..] {
            assert_ne!(matcher::normalize(a), matcher::normalize(b), "{options:?}");
            assert_eq!(
                matcher::compare(a, b).outcome,
                Outcome::Wrong,
                "{a:?} ~ {b:?}"
            );
            assert_eq!(
                matcher::compare(b, a).outcome,
                Outcome::Wrong,
                "{b:?} ~ {a:?}"
            );
        }
    }
}

#[test]
fn choice_questions_get_three_clean_distractors() {
    let mut cards = deck_of_basics();
    // Traps: same answer in other spelling, a typo of it, an empty-ish answer.
    cards.push(basic(
        "dup",
        "marketing",
        &["teil-a"],
        "Doppelt?",
        "preis-politik",
    ));
    cards.push(basic(
        "typo",
        "marketing",
        &["teil-a"],
        "Tippfehler?",
        "Preispolitk",
    ));
    cards.push(basic("empty", "marketing", &["teil-a"], "Leer?", " ?! "));
    for seed in 0..40 {
        let qs = draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &spec(19, &[Form::Choice], seed),
            &mut Rng::new(seed),
        );
        assert!(qs.len() >= 16);
        for q in &qs {
            match &q.form {
                QuestionForm::Choice { options, correct } => {
                    assert_good_choice(options, correct, &q.expected)
                }
                other => panic!("only choice allowed, got {other:?}"),
            }
        }
    }
}

#[test]
fn distractors_never_say_the_same_in_other_words() {
    let mut cards = deck_of_basics();
    let right = "Getrennte Abteilungen ohne Abstimmung führen zu ineffizienter Ressourcennutzung";
    cards.push(basic(
        "silo",
        "marketing",
        &["teil-a"],
        "Silo-Denken?",
        right,
    ));
    // Says the same with most of the same words: must never be a distractor.
    cards.push(basic(
        "silo-kurz",
        "marketing",
        &["teil-a"],
        "Was heißt Silo?",
        "Getrennte Abteilungen arbeiten ohne Abstimmung",
    ));
    for seed in 0..40 {
        let qs = draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &spec(30, &[Form::Choice], seed),
            &mut Rng::new(seed),
        );
        for q in qs.iter().filter(|q| q.expected == right) {
            let QuestionForm::Choice { options, .. } = &q.form else {
                panic!("only choice allowed");
            };
            assert!(
                !options
                    .iter()
                    .any(|o| o.starts_with("Getrennte Abteilungen arbeiten")),
                "{options:?}"
            );
        }
    }
}

#[test]
fn distractors_prefer_same_deck_and_tag() {
    let mut cards = vec![basic("x", "d", &["t"], "Frage?", "Preispolitik")];
    for (i, w) in ["Marktanteil", "Zielgruppe", "Rabatt"].iter().enumerate() {
        cards.push(basic(&format!("t{i}"), "d", &["t"], "?", w));
    }
    for (i, w) in ["Skonto", "Werbeerfolg", "Kundenbindung"]
        .iter()
        .enumerate()
    {
        cards.push(basic(&format!("d{i}"), "d", &["other"], "?", w));
    }
    for (i, w) in ["Außendienst", "Kaltakquise", "Deckungsbeitrag"]
        .iter()
        .enumerate()
    {
        cards.push(basic(&format!("o{i}"), "e", &["t"], "?", w));
    }
    let only_x = QuizSpec {
        decks: vec!["d".to_owned()],
        ..spec(20, &[Form::Choice], 0)
    };
    for seed in 0..20 {
        let qs = draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &only_x,
            &mut Rng::new(seed),
        );
        let q = qs.iter().find(|q| q.card.as_str() == "x").unwrap();
        let QuestionForm::Choice { options, .. } = &q.form else {
            panic!("choice expected")
        };
        let mut got: Vec<&str> = options.iter().map(String::as_str).collect();
        got.sort_unstable();
        assert_eq!(got, ["Marktanteil", "Preispolitik", "Rabatt", "Zielgruppe"]);
    }
    // Without tagged neighbours, the same deck comes first, then other decks
    // sharing a tag; unrelated decks never ("komplementär" and
    // "Umsatzsteigerung" were once offered for "Vertrieb").
    let mut rest: Vec<Card> = cards[4..].to_vec();
    rest.push(basic("o3", "e", &["other"], "?", "Streuverlust"));
    let q = draw(
        &refs(&rest),
        &|_| reviewed(0.5),
        &spec(20, &[Form::Choice], 1),
        &mut Rng::new(1),
    )
    .into_iter()
    .find(|q| q.card.as_str() == "d0")
    .unwrap();
    let QuestionForm::Choice { options, .. } = &q.form else {
        panic!("choice expected")
    };
    let mut got: Vec<&str> = options.iter().map(String::as_str).collect();
    got.sort_unstable();
    assert_eq!(
        got,
        ["Kundenbindung", "Skonto", "Streuverlust", "Werbeerfolg"]
    );
    // With only unrelated decks left, no choice question is made up.
    let qs = draw(
        &refs(&cards[4..]),
        &|_| reviewed(0.5),
        &spec(20, &[Form::Choice], 1),
        &mut Rng::new(1),
    );
    assert!(qs.iter().all(|q| q.card.as_str() != "d0"));
}

#[test]
fn distractors_have_the_form_and_length_of_the_answer() {
    let mut cards = vec![basic("v", "d", &["t"], "Wer verkauft?", "Vertrieb")];
    for (i, w) in [
        "komplementär",
        "Umsatzsteigerung durch gezielte Ansprache aller Bestandskunden",
        "Marketing",
        "Einkauf",
        "Controlling",
        "steigend",
    ]
    .iter()
    .enumerate()
    {
        cards.push(basic(&format!("w{i}"), "d", &["t"], "?", w));
    }
    for seed in 0..20 {
        let qs = draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &spec(20, &[Form::Choice], seed),
            &mut Rng::new(seed),
        );
        let q = qs.iter().find(|q| q.card.as_str() == "v").unwrap();
        let QuestionForm::Choice { options, .. } = &q.form else {
            panic!("choice expected")
        };
        let mut got: Vec<&str> = options.iter().map(String::as_str).collect();
        got.sort_unstable();
        assert_eq!(got, ["Controlling", "Einkauf", "Marketing", "Vertrieb"]);
    }
}

#[test]
fn cloze_distractors_come_from_other_cloze_gaps_only() {
    let mut cards = Vec::new();
    for (i, w) in ["Preispolitik", "Marktanteil", "Zielgruppe", "Skonto"]
        .iter()
        .enumerate()
    {
        cards.push(cloze(
            &format!("z{i}~c1"),
            "m",
            &[("Das ist ", false), (w, true)],
            0,
        ));
    }
    cards.push(basic("b1", "m", &[], "?", "Werbeerfolg"));
    cards.push(basic("b2", "m", &[], "?", "Rabatt"));
    for seed in 0..20 {
        let qs = draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &spec(6, &[Form::Choice], seed),
            &mut Rng::new(seed),
        );
        for q in qs.iter().filter(|q| q.card.as_str().starts_with('z')) {
            let QuestionForm::Choice { options, correct } = &q.form else {
                panic!("choice expected")
            };
            assert_good_choice(options, correct, &q.expected);
            assert!(!options.iter().any(|o| o == "Werbeerfolg" || o == "Rabatt"));
        }
    }
}

#[test]
fn choice_cards_keep_correct_answers_and_trim_to_four() {
    let choices: Vec<String> = ["A1", "B2", "C3", "D4", "E5", "F6"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let single = card(
        "one",
        "k",
        &[],
        CardContent::Choice {
            front: "?".into(),
            choices: choices.clone(),
            answer: vec![4],
        },
    );
    let multi = card(
        "many",
        "k",
        &[],
        CardContent::Choice {
            front: "?".into(),
            choices,
            answer: vec![0, 2, 5],
        },
    );
    let cards = [single, multi];
    for seed in 0..30 {
        for q in draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &spec(2, &[Form::Choice], seed),
            &mut Rng::new(seed),
        ) {
            let QuestionForm::Choice { options, correct } = &q.form else {
                panic!("choice expected")
            };
            assert_eq!(options.len(), 4);
            let mut right: Vec<&str> = correct.iter().map(|&i| options[i].as_str()).collect();
            right.sort_unstable();
            if q.card.as_str() == "one" {
                assert_eq!(right, ["E5"]);
            } else {
                assert_eq!(right, ["A1", "C3", "F6"]);
            }
            let distinct: HashSet<_> = options.iter().collect();
            assert_eq!(distinct.len(), 4);
        }
    }
}

#[test]
fn forms_fall_back_when_no_distractors_exist() {
    let cards = [
        basic(
            "a",
            "m",
            &[],
            "Was ist Skonto?",
            "Preisnachlass bei schneller Zahlung",
        ),
        basic("b", "m", &[], "Was ist Rabatt?", "Preisnachlass"),
    ];
    let qs = draw(
        &refs(&cards),
        &|_| reviewed(0.5),
        &spec(2, &[Form::Choice, Form::Flip], 1),
        &mut Rng::new(1),
    );
    assert_eq!(qs.len(), 2);
    assert!(qs.iter().all(|q| q.form == QuestionForm::Flip));
    // Choice only and impossible: the cards are left out.
    let qs = draw(
        &refs(&cards),
        &|_| reviewed(0.5),
        &spec(2, &[Form::Choice], 1),
        &mut Rng::new(1),
    );
    assert!(qs.is_empty());
}

#[test]
fn typed_only_for_short_answers_lists_and_gaps() {
    let long = "Produktentwicklung und -gestaltung, Sortimentsplanung, Markenpolitik und Service";
    let cards = [
        basic("short", "m", &[], "Was ist Skonto?", "Preisnachlass"),
        basic("long", "m", &[], "Was umfasst die Produktpolitik?", long),
        card(
            "list",
            "m",
            &[],
            CardContent::List {
                front: "Die 4P?".into(),
                items: vec![
                    "Product".into(),
                    "Price".into(),
                    "Place".into(),
                    "Promotion".into(),
                ],
                ordered: false,
            },
        ),
        cloze(
            "gap~c1",
            "m",
            &[("Rabatt gehört zur ", false), ("Preispolitik", true)],
            0,
        ),
    ];
    for seed in 0..10 {
        let qs = draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &spec(4, &[Form::Typed, Form::Flip], seed),
            &mut Rng::new(seed),
        );
        assert_eq!(qs.len(), 4);
        for q in qs {
            match q.card.as_str() {
                "short" => assert_eq!(
                    q.form,
                    QuestionForm::Typed(TypedAnswer::Single("Preisnachlass".into()))
                ),
                "long" => assert_eq!(q.form, QuestionForm::Flip),
                "list" => assert!(matches!(
                    q.form,
                    QuestionForm::Typed(TypedAnswer::List { ordered: false, .. })
                )),
                "gap~c1" => {
                    assert_eq!(
                        q.form,
                        QuestionForm::Typed(TypedAnswer::Single("Preispolitik".into()))
                    );
                    assert_eq!(q.prompt, "Rabatt gehört zur […]");
                }
                other => panic!("unexpected card {other}"),
            }
        }
    }
}

#[test]
fn form_choice_varies_but_prefers_choice_and_typed() {
    let cards = deck_of_basics();
    let mut seen = HashSet::new();
    for seed in 0..20 {
        for q in draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &spec(16, &Form::ALL, seed),
            &mut Rng::new(seed),
        ) {
            seen.insert(q.form.form());
        }
    }
    assert!(seen.contains(&Form::Choice) && seen.contains(&Form::Typed));
    assert!(
        !seen.contains(&Form::Flip),
        "short answers with distractors never need flip"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn distractors_never_right_answer_nor_repeated(
        backs in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(WORDS.to_vec()).prop_map(str::to_owned),
                "[A-Za-zäöüß -]{0,14}",
                proptest::sample::select(WORDS.to_vec()).prop_map(|w| w.to_uppercase()),
            ],
            1..25,
        ),
        seed in any::<u64>(),
    ) {
        let cards: Vec<Card> = backs
            .iter()
            .enumerate()
            .map(|(i, b)| basic(&format!("p{i}"), if i % 3 == 0 { "x" } else { "y" }, &["t"], "?", b))
            .collect();
        let qs = draw(&refs(&cards), &|_| reviewed(0.5), &spec(30, &[Form::Choice, Form::Flip], seed), &mut Rng::new(seed));
        prop_assert_eq!(qs.len(), cards.len());
        for q in &qs {
            if let QuestionForm::Choice { options, correct } = &q.form {
                prop_assert_eq!(options.len(), 4);
                prop_assert_eq!(correct.len(), 1);
                prop_assert_eq!(&options[correct[0]], &q.expected);
                for (i, a) in options.iter().enumerate() {
                    if i != correct[0] {
                        prop_assert!(!matcher::normalize(a).is_empty());
                        prop_assert_eq!(matcher::compare(&q.expected, a).outcome, Outcome::Wrong);
                    }
                    for b in &options[i + 1..] {
                        prop_assert_ne!(matcher::normalize(a), matcher::normalize(b));
                    }
                }
            }
        }
    }
}

#[test]
fn a_cloze_never_shows_its_own_answer_elsewhere_in_the_question() {
    let text = [
        ("Der ", false),
        ("Vertrieb", true),
        (" verkauft; ohne vertrieb kein Umsatz, sagt der ", false),
        ("Vertriebsleiter", true),
        (".", false),
    ];
    let cards = vec![cloze("v~c1", "m", &text, 0), cloze("v~c2", "m", &text, 1)];
    for seed in 0..5 {
        let qs = draw(
            &refs(&cards),
            &|_| reviewed(0.5),
            &spec(2, &[Form::Typed], seed),
            &mut Rng::new(seed),
        );
        let first = qs.iter().find(|q| q.card.as_str() == "v~c1").unwrap();
        assert!(
            !first.prompt.to_lowercase().contains("vertrieb "),
            "{}",
            first.prompt
        );
        assert!(!first.prompt.contains("ohne vertrieb"), "{}", first.prompt);
        // Another word that merely starts like the answer stays.
        assert!(first.prompt.contains("Vertriebsleiter"), "{}", first.prompt);
        let second = qs.iter().find(|q| q.card.as_str() == "v~c2").unwrap();
        assert!(second.prompt.contains("ohne vertrieb"), "{}", second.prompt);
    }
    assert_eq!(
        kartei::quiz::mask_answer("Preis und PREIS, Preise", "Preis"),
        "[…] und […], Preise"
    );
}
