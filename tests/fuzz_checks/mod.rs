//! The checks every fuzz target runs on one input, shared by the `cargo fuzz`
//! targets in `fuzz/` (included with `#[path]`) and by
//! `tests/fuzz_regressions.rs`, which feeds the kept corpus through them in a
//! plain `cargo test`. Each check panics (with the reason) when the code under
//! test panics or returns something insane.

#![allow(dead_code)]

use std::path::Path;

use kartei::deck::{DeckOrigin, fix_source, load_bytes};
use kartei::matcher::{DiffKind, ItemStatus, Outcome, compare, compare_list, normalize};
use kartei::progress::{effective_reviews, encode_line, parse_journal_bytes};
use unicode_normalization::UnicodeNormalization;

/// Deck loader: `load_bytes`, then (for UTF-8 input) `fix_source`.
pub fn deck(bytes: &[u8]) {
    let origin = DeckOrigin::Bundled("fuzz.toml".to_owned());
    let lines = bytes.split(|&b| b == b'\n').count() as u32;
    match load_bytes(bytes, origin.clone()) {
        Ok(parsed) => {
            let mut ids = std::collections::HashSet::new();
            for card in &parsed.deck.cards {
                let id = card.id.as_str();
                assert!(note_id_ok(id), "invalid card id {:?} accepted", card.id);
                assert!(
                    ids.insert(card.id.clone()),
                    "duplicate card id {:?}",
                    card.id
                );
                let _ = (card.question(), card.answer(), card.kind());
            }
            for w in &parsed.warnings {
                assert!(!w.is_error(), "an error among the warnings: {w:?}");
                check_position(w, lines);
            }
        }
        Err(diags) => {
            assert!(!diags.is_empty(), "failed without a diagnostic");
            assert!(
                diags.iter().any(|d| d.is_error()),
                "failed with warnings only: {diags:?}"
            );
            for d in &diags {
                check_position(d, lines);
            }
        }
    }
    if let Ok(src) = std::str::from_utf8(bytes) {
        // Fixing either succeeds with text that loads at least as well, or
        // reports why not; it must not panic.
        let _ = fix_source(src, origin);
    }
}

/// `note`, `note~rev` or `note~c<n>` with a valid note id.
fn note_id_ok(id: &str) -> bool {
    let note = match id.rsplit_once('~') {
        Some((note, "rev")) => note,
        Some((note, gap))
            if gap
                .strip_prefix('c')
                .is_some_and(|n| n.parse::<u32>().is_ok()) =>
        {
            note
        }
        Some(_) => return false,
        None => id,
    };
    kartei::deck::valid_card_id(note)
}

fn check_position(d: &kartei::deck::Diagnostic, lines: u32) {
    assert!(
        d.line <= lines.max(1),
        "line {} beyond the input: {d:?}",
        d.line
    );
    let shown = d.to_string();
    assert!(!shown.is_empty());
}

/// Journal reader: decode, re-encode every event and decode again (the same
/// events), and replay.
pub fn journal(bytes: &[u8]) {
    let path = Path::new("fuzz/journal.jsonl");
    let Ok((events, report)) = parse_journal_bytes(path, bytes) else {
        return;
    };
    assert_eq!(report.events, events.len());
    assert!(report.torn_bytes <= bytes.len() as u64);
    let mut out = Vec::new();
    let mut kept = Vec::new();
    for ev in &events {
        let mut line = Vec::new();
        if encode_line(ev, &mut line).is_ok() {
            assert_eq!(line.last(), Some(&b'\n'), "encoded line without line end");
            out.extend_from_slice(&line);
            kept.push(ev.clone());
        }
    }
    let (again, report2) = parse_journal_bytes(path, &out)
        .unwrap_or_else(|e| panic!("re-encoded events do not load: {e}"));
    assert_eq!(report2.torn_bytes, 0);
    assert_eq!(again, kept, "events changed in a write/read round trip");
    let _ = effective_reviews(&events);
}

/// Answer matcher: the input is `expected \t given` (lossy UTF-8); items of
/// a list are the `|`-separated parts of `expected`.
pub fn matcher(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let (expected, given) = text.split_once('\t').unwrap_or((&text, ""));
    let v = compare(expected, given);
    // The non-missing spans spell the given answer (in NFC).
    let spelled: String = v
        .diff
        .iter()
        .filter(|s| s.kind != DiffKind::Missing)
        .map(|s| s.text.as_str())
        .collect();
    let nfc: String = given.nfc().collect();
    assert_eq!(spelled, nfc, "diff does not spell the given answer");
    if v.outcome == Outcome::Exact {
        assert_eq!(v.distance, 0);
    }
    // The expected answer always matches itself unless it normalises away.
    let own = compare(expected, expected);
    if !normalize(expected).trim().is_empty() {
        assert_eq!(
            own.outcome,
            Outcome::Exact,
            "{expected:?} does not match itself"
        );
    } else {
        assert_eq!(own.outcome, Outcome::Wrong);
    }

    let items: Vec<String> = expected.split('|').map(str::to_owned).collect();
    for ordered in [false, true] {
        let lv = compare_list(&items, given, ordered);
        assert!((0.0..=1.0).contains(&lv.score), "score {}", lv.score);
        assert_eq!(lv.items.len(), items.len());
        let mut used = vec![false; lv.parts.len()];
        for st in &lv.items {
            if let ItemStatus::Matched { part, .. } | ItemStatus::OutOfOrder { part } = *st {
                assert!(part < lv.parts.len());
                assert!(!used[part], "part {part} used twice");
                used[part] = true;
            }
        }
        for &j in &lv.extra {
            assert!(j < lv.parts.len() && !used[j]);
        }
        assert_eq!(lv.matched() as f64 / items.len() as f64, lv.score);
    }
}

/// Anki/CSV importer: the first byte picks the format (even: Anki text
/// export, odd: CSV), the rest is the file. Whatever is imported must render
/// to a deck the loader accepts (the CLI refuses to write one that does not,
/// calling it an internal error), and exporting that deck again and
/// importing the export must not panic.
pub fn import(bytes: &[u8]) {
    use kartei::interchange::{DeckMeta, ImportError, anki, csv, deck_toml, export};
    let Some((&kind, rest)) = bytes.split_first() else {
        return;
    };
    let src = String::from_utf8_lossy(rest);
    // Line numbers count a lone CR as a line break too (old Mac files).
    let lines = src.split('\n').count() + src.matches('\r').count() - src.matches("\r\n").count();
    let result = if kind % 2 == 0 {
        anki::import_anki(&src)
    } else {
        csv::import_csv(&src)
    };
    let imported = match result {
        Ok(i) => i,
        Err(ImportError::Header { line, .. }) => {
            assert!(line >= 1 && line <= lines, "header error on line {line}");
            return;
        }
        Err(ImportError::Empty) => return,
    };
    for n in &imported.notes {
        assert!(n.line >= 1 && n.line <= lines, "note on line {}", n.line);
    }
    for i in &imported.issues {
        assert!(i.line >= 1 && i.line <= lines, "issue on line {}", i.line);
    }
    if imported.notes.is_empty() {
        return;
    }
    let meta = DeckMeta {
        id: "fuzz".to_owned(),
        name: "Fuzz".to_owned(),
        description: "Importiert".to_owned(),
    };
    let text = deck_toml(&meta, &imported.notes);
    let parsed = kartei::deck::parse_deck(&text, DeckOrigin::Bundled("fuzz.toml".to_owned()))
        .unwrap_or_else(|d| {
            panic!(
                "the imported deck does not load:\n{}\n--- deck ---\n{text}",
                d.first().map(ToString::to_string).unwrap_or_default()
            )
        });
    let anki_text = export::to_anki([&parsed.deck], kartei::i18n::Lang::En);
    let _ = anki::import_anki(&anki_text);
    // kartei's own CSV is lossless: export then import gives the same notes.
    let csv_text = export::to_csv([&parsed.deck]);
    let back = csv::import_csv(&csv_text)
        .unwrap_or_else(|e| panic!("the exported CSV does not import: {e}\n{csv_text}"));
    assert!(back.issues.is_empty(), "{:?}\n{csv_text}", back.issues);
    let strip = |notes: Vec<kartei::interchange::ImportedNote>| -> Vec<_> {
        notes
            .into_iter()
            .map(|n| kartei::interchange::ImportedNote { line: 0, ..n })
            .collect()
    };
    assert_eq!(
        strip(back.notes),
        strip(export::kartei_notes(&parsed.deck)),
        "CSV round trip\n{csv_text}"
    );
}
