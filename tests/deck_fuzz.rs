//! The loader never panics, whatever it is given, and positions it reports
//! always point into the input.

use kartei::deck::{DeckOrigin, fix_source, load_bytes, parse_deck};
use proptest::prelude::*;

fn origin() -> DeckOrigin {
    DeckOrigin::Bundled("fuzz.toml".to_owned())
}

/// Pieces that make up TOML-ish deck text, including broken ones.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("[deck]\n".to_owned()),
        Just("[[cards]]\n".to_owned()),
        Just("name = \"Ä\"\n".to_owned()),
        Just("description = \"\"\n".to_owned()),
        Just("id = \"x\"\n".to_owned()),
        Just("id = \"a b~\"\n".to_owned()),
        Just("kind = \"cloze\"\n".to_owned()),
        Just("kind = \"choice\"\n".to_owned()),
        Just("kind = \"list\"\n".to_owned()),
        Just("kind = \"nope\"\n".to_owned()),
        Just("front = \"Größe?\"\n".to_owned()),
        Just("back = \"\"\n".to_owned()),
        Just("text = \"{{a}} {{\"\n".to_owned()),
        Just("text = '''\n}} {{b::c}}'''\n".to_owned()),
        Just("text = \"\\u00e4 {{x}}\"\n".to_owned()),
        Just("choices = [\"a\", \"a\", 1]\n".to_owned()),
        Just("answer = [\"a\"]\n".to_owned()),
        Just("items = []\n".to_owned()),
        Just("tags = [\"t\"]\n".to_owned()),
        Just("reverse = true\n".to_owned()),
        Just("cards = 3\n".to_owned()),
        Just("deck = []\n".to_owned()),
        Just("[cards.x]\n".to_owned()),
        Just("\"\n".to_owned()),
        Just("= =\n".to_owned()),
        Just("# kommentar\n".to_owned()),
        "[a-z{}\\[\\]=\"'~ äö\n]{0,12}",
    ]
}

fn check_positions(src: &str, diags: &[kartei::deck::Diagnostic]) {
    let lines = src.split('\n').count() as u32;
    for d in diags {
        assert!(d.line >= 1 && d.line <= lines.max(1), "{d:?} in {src:?}");
        assert!(d.column >= 1, "{d:?}");
        let _ = d.to_string();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Err(diags) = load_bytes(&bytes, origin()) {
            prop_assert!(!diags.is_empty());
            for d in &diags {
                let _ = d.to_string();
            }
        }
    }

    #[test]
    fn toml_fragments_never_panic(parts in proptest::collection::vec(fragment(), 0..24)) {
        let src: String = parts.concat();
        match parse_deck(&src, origin()) {
            Ok(parsed) => {
                prop_assert!(!parsed.deck.cards.is_empty());
                check_positions(&src, &parsed.warnings);
            }
            Err(diags) => {
                prop_assert!(!diags.is_empty());
                check_positions(&src, &diags);
            }
        }
        let file = DeckOrigin::File("fuzz.toml".into());
        if let Ok(fixed) = fix_source(&src, file.clone()) {
            // A fixed deck still loads, and has no card without an id.
            let again = parse_deck(&fixed.source, file).unwrap();
            prop_assert!(again.deck.cards.iter().all(|c| c.id_explicit));
        }
    }
}
