//! The catalogue (`src/i18n/`) is the one place that knows the interface
//! languages: no other source file picks a text by language or holds a
//! German sentence of its own. This test reads the sources (tests excluded)
//! and names every line that breaks the rule.

use std::path::{Path, PathBuf};

/// Files that may hold German text because it is content, not interface:
/// `kartei new`'s template (sample cards, and its comments in both
/// languages), and the Anki note-type name the importer recognises.
const CONTENT: &[&str] = &["src/interchange/template.rs", "src/interchange/anki.rs"];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its unit tests.
fn code(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |i| &text[..i])
}

/// True when `line` chooses by language: a match arm or a comparison on a
/// `Lang` variant.
fn chooses_by_language(line: &str) -> bool {
    ["Lang::De", "Lang::En"].iter().any(|variant| {
        line.match_indices(variant).any(|(i, _)| {
            let before = line[..i].trim_end();
            let after = line[i + variant.len()..].trim_start();
            after.starts_with("=>")
                || before.ends_with("==")
                || before.ends_with("!=")
                || before.ends_with('(')
                || before.ends_with('|')
        })
    })
}

/// True when a string literal on `line` holds German letters.
fn german_literal(line: &str) -> bool {
    line.split('"')
        .skip(1)
        .step_by(2)
        .any(|lit| lit.chars().any(|c| "äöüÄÖÜß".contains(c)))
}

fn offenders() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(root)
            .expect("under the crate")
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("src/i18n/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source is UTF-8");
        for (n, line) in code(&text).lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            let content = CONTENT.contains(&rel.as_str());
            if chooses_by_language(line) && !content {
                found.push(format!("{rel}:{}: chooses by language: {trimmed}", n + 1));
            }
            if german_literal(line) && !content {
                found.push(format!("{rel}:{}: German text: {trimmed}", n + 1));
            }
        }
    }
    found
}

#[test]
fn no_text_is_chosen_by_language_outside_the_catalogue() {
    let found = offenders();
    assert!(
        found.is_empty(),
        "move these into src/i18n/:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checks_recognise_what_they_forbid() {
    assert!(chooses_by_language("            Lang::De => \"Stapel\","));
    assert!(chooses_by_language("    if lang == Lang::De {"));
    assert!(chooses_by_language("        (Lang::En, 1) => \"1 day\","));
    assert!(chooses_by_language("        Lang::En | Lang::De => x,"));
    assert!(!chooses_by_language("    lang: crate::i18n::Lang::En,"));
    assert!(!chooses_by_language("    Lang::En"));
    assert!(german_literal("    let s = \"Prüfung\";"));
    assert!(!german_literal("    // Prüfung"));
    assert!(!german_literal("    let s = \"exam\"; // Prüfung"));
}
