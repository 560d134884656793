//! Speed of the answer matcher and of drawing a quiz.
//!
//! `cargo bench --bench matcher`

use divan::{Bencher, black_box};
use kartei::deck::{Card, CardContent, CardId};
use kartei::matcher::{compare, compare_list};
use kartei::quiz::{Form, QuizSpec, Rng, Weakness, draw};

fn main() {
    divan::main();
}

#[divan::bench]
fn compare_typo() {
    black_box(compare(
        black_box("Kundenbindungsmaßnahmen"),
        black_box("kundenbindungsmasnahmen"),
    ));
}

#[divan::bench]
fn compare_alternatives() {
    black_box(compare(
        black_box("Kaltakquise / Warm Calls (Telefon)"),
        black_box("Warm Cals"),
    ));
}

#[divan::bench]
fn compare_long_sentence() {
    let expected = "Produktentwicklung und -gestaltung, Sortimentsplanung, Markenpolitik, \
                    Verpackung, Kundendienst und Garantieleistungen";
    let given = "Produktentwicklung und gestaltung, Sortimentplanung, Markenpolitik, \
                 Verpakung und Kundendienst";
    black_box(compare(black_box(expected), black_box(given)));
}

#[divan::bench]
fn compare_list_four_items() {
    let items: Vec<String> = ["Product", "Price", "Place", "Promotion"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    black_box(compare_list(
        black_box(&items),
        black_box("promotion, Prise und Place; People"),
        false,
    ));
}

fn pool(n: usize) -> Vec<Card> {
    (0..n)
        .map(|i| Card {
            id: CardId(format!("card-{i}")),
            id_explicit: true,
            deck_id: format!("deck-{}", i % 5),
            tags: vec![format!("tag-{}", i % 7)],
            hint: None,
            explain: None,
            source: None,
            input: false,
            accept: Vec::new(),
            line: 1,
            content: CardContent::Basic {
                front: format!("Frage Nummer {i}?"),
                back: format!("Antwort{i} Begriff{}", i * 7919 % 1000),
                reversed: false,
            },
        })
        .collect()
}

#[divan::bench(args = [100, 2000])]
fn draw_twenty_questions(bencher: Bencher, n: usize) {
    let cards = pool(n);
    let refs: Vec<&Card> = cards.iter().collect();
    let spec = QuizSpec {
        forms: Form::ALL.to_vec(),
        ..QuizSpec::default()
    };
    let weakness = |id: &CardId| Weakness {
        retrievability: Some(if id.as_str().ends_with(['1', '4', '7']) {
            0.4
        } else {
            0.9
        }),
        ..Weakness::default()
    };
    bencher.bench(|| {
        let mut rng = Rng::new(7);
        black_box(draw(&refs, &weakness, &spec, &mut rng))
    });
}
