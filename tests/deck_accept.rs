//! The `accept` key: further answers that count as right when a basic back or
//! a cloze gap is typed. Loaded through `deck::parse_deck`, judged by
//! `ui::typed::check` exactly as the review screen judges a typed card, and
//! honoured by the review screen and the quiz themselves.

mod ui_common;

use kartei::deck::{Card, DeckOrigin, Diagnostic, parse_deck};
use kartei::i18n::Lang;
use kartei::matcher::compare;
use kartei::progress::Grade;
use kartei::quiz::{Form, QuestionForm, QuizSpec, Rng, TypedAnswer, Weakness, draw};
use kartei::ui::typed::{Outcome, check};
use kartei::ui::{Screen, Stage};
use ui_common::Harness;
use ui_common::fake_study::FakeStudy;

fn load(src: &str) -> Result<Vec<Card>, Vec<Diagnostic>> {
    parse_deck(src, DeckOrigin::File("t.toml".into())).map(|p| p.deck.cards.into_vec())
}

fn errors(src: &str) -> Vec<Diagnostic> {
    match load(src) {
        Ok(cards) => panic!("expected errors, got {} cards", cards.len()),
        Err(e) => e,
    }
}

fn card<'a>(cards: &'a [Card], id: &str) -> &'a Card {
    cards
        .iter()
        .find(|c| c.id.as_str() == id)
        .unwrap_or_else(|| panic!("no card {id}"))
}

fn judged(card: &Card, given: &str) -> Outcome {
    check(&card.typed_answer(), given).outcome
}

const DECK: &str = r#"
[deck]
id = "t"
name = "T"
description = ""

[[cards]]
id = "preis"
front = "Zielpreis?"
back = "120 €"
input = true
accept = ["120 Euro", "120 EUR"]

[[cards]]
id = "crm"
front = "CRM"
back = "Customer Relationship Management"
reverse = true
accept = ["Kundenbeziehungsmanagement"]

[[cards]]
id = "zeit"
kind = "cloze"
text = "Marketing {{3–12 Monate::Spanne}}, Vertrieb {{1–3 Monate::Spanne}}, Ziel {{Umsatzsteigerung}}."
accept = { c1 = ["3 bis 12 Monate"], c2 = ["1 bis 3 Monate"] }

[[cards]]
id = "ohne"
front = "Frage"
back = "Antwort"
"#;

#[test]
fn a_basic_back_accepts_its_alternatives_and_still_shows_the_answer() {
    let cards = load(DECK).unwrap();
    let preis = card(&cards, "preis");
    assert_eq!(preis.answer(), "120 €");
    assert_eq!(preis.accept, vec!["120 Euro", "120 EUR"]);
    for given in ["120 €", "120", "120 Euro", "120 EUR", "120 euro"] {
        assert_eq!(judged(preis, given), Outcome::Right, "{given}");
    }
    // Numbers still have to match exactly.
    assert_eq!(judged(preis, "12 Euro"), Outcome::Wrong);
    assert_eq!(judged(preis, "210 Euro"), Outcome::Wrong);
}

#[test]
fn alternatives_belong_to_the_forward_card_only() {
    let cards = load(DECK).unwrap();
    let forward = card(&cards, "crm");
    assert_eq!(
        judged(forward, "Kundenbeziehungsmanagement"),
        Outcome::Right
    );
    let reversed = card(&cards, "crm~rev");
    assert!(reversed.accept.is_empty());
    assert_eq!(reversed.typed_answer(), "CRM");
    assert_eq!(
        judged(reversed, "Kundenbeziehungsmanagement"),
        Outcome::Wrong
    );
}

#[test]
fn each_cloze_gap_accepts_only_its_own_alternatives() {
    let cards = load(DECK).unwrap();
    let (c1, c2, c3) = (
        card(&cards, "zeit~c1"),
        card(&cards, "zeit~c2"),
        card(&cards, "zeit~c3"),
    );
    assert_eq!(judged(c1, "3 bis 12 Monate"), Outcome::Right);
    assert_eq!(judged(c1, "3-12 Monate"), Outcome::Right);
    assert_eq!(judged(c1, "1 bis 3 Monate"), Outcome::Wrong);
    assert_eq!(judged(c2, "1 bis 3 Monate"), Outcome::Right);
    assert_eq!(judged(c2, "3 bis 12 Monate"), Outcome::Wrong);
    assert!(c3.accept.is_empty());
    assert_eq!(c3.typed_answer(), "Umsatzsteigerung");
    // The question shows the other gaps as written, without alternatives.
    assert_eq!(
        c2.question(),
        "Marketing 3–12 Monate, Vertrieb [Spanne], Ziel Umsatzsteigerung."
    );
}

#[test]
fn a_card_without_accept_is_judged_as_before() {
    let cards = load(DECK).unwrap();
    let ohne = card(&cards, "ohne");
    assert!(ohne.accept.is_empty());
    assert_eq!(ohne.typed_answer(), "Antwort");
}

fn one_card(extra: &str) -> String {
    format!(
        "[deck]\nid = \"t\"\nname = \"T\"\ndescription = \"\"\n\n[[cards]]\nid = \"a\"\n{extra}\n"
    )
}

#[test]
fn misused_accept_is_an_error_with_a_position() {
    let cases: &[(&str, &str, u32)] = &[
        (
            "kind = \"cloze\"\ntext = \"{{a}} {{b}}\"\naccept = { c3 = [\"x\"] }",
            "`accept` names gap `c3`, but the text has 2 gaps",
            10,
        ),
        (
            "kind = \"cloze\"\ntext = \"{{a}}\"\naccept = { gap1 = [\"x\"] }",
            "`accept` key `gap1` is not a gap",
            10,
        ),
        (
            "kind = \"cloze\"\ntext = \"{{a}}\"\naccept = { c0 = [\"x\"] }",
            "`accept` key `c0` is not a gap",
            10,
        ),
        (
            "kind = \"cloze\"\ntext = \"{{a}}\"\naccept = [\"x\"]",
            "`accept` on a cloze card must be a table of gaps",
            10,
        ),
        (
            "front = \"f\"\nback = \"b\"\naccept = \"x\"",
            "`accept` must be an array of strings",
            10,
        ),
        (
            "front = \"f\"\nback = \"b\"\naccept = [\"x\", \" \"]",
            "empty alternative in `accept`",
            10,
        ),
        (
            "kind = \"list\"\nfront = \"f\"\nitems = [\"x\"]\naccept = [\"y\"]",
            "`accept` does not belong to a list card",
            11,
        ),
        (
            "kind = \"choice\"\nfront = \"f\"\nchoices = [\"x\", \"y\"]\nanswer = \"x\"\naccept = [\"y\"]",
            "`accept` does not belong to a choice card",
            12,
        ),
    ];
    for (body, message, line) in cases {
        let errs = errors(&one_card(body));
        assert!(
            errs.iter()
                .any(|e| e.message(kartei::i18n::Lang::En).starts_with(message)
                    && e.line == *line
                    && e.help(kartei::i18n::Lang::En).is_some()),
            "{body}: wanted `{message}` on line {line}, got {errs:#?}"
        );
    }
}

#[test]
fn the_review_screen_accepts_an_alternative_as_right() {
    let cards = load(DECK).unwrap();
    let preis = card(&cards, "preis").clone();
    let mut h = Harness::with(Lang::De, FakeStudy::with_cards(vec![preis]), false);
    h.enter();
    h.keys("120 Euro");
    h.enter();
    let Screen::Review(r) = &h.app.screen else {
        panic!("not reviewing")
    };
    assert_eq!(r.stage, Stage::Answer);
    assert_eq!(r.feedback.as_ref().unwrap().outcome, Outcome::Right);
    assert_eq!(r.pending, Some(Grade::Good));
}

#[test]
fn a_typed_quiz_question_accepts_alternatives_and_shows_the_answer() {
    let cards = load(DECK).unwrap();
    let pool: Vec<&Card> = vec![card(&cards, "preis"), card(&cards, "zeit~c1")];
    let spec = QuizSpec {
        count: 2,
        forms: vec![Form::Typed],
        ..QuizSpec::default()
    };
    let questions = draw(&pool, &|_| Weakness::default(), &spec, &mut Rng::new(7));
    assert_eq!(questions.len(), 2);
    for q in &questions {
        let QuestionForm::Typed(TypedAnswer::Single(expected)) = &q.form else {
            panic!("{} is not asked typed", q.card)
        };
        let (shown, alternative, wrong) = match q.card.as_str() {
            "preis" => ("120 €", "120 Euro", "1 bis 3 Monate"),
            _ => ("3–12 Monate", "3 bis 12 Monate", "120 Euro"),
        };
        assert_eq!(q.expected, shown);
        assert!(compare(expected, alternative).outcome.is_accepted());
        assert!(!compare(expected, wrong).outcome.is_accepted());
    }
}
