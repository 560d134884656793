//! `kartei check` and `kartei list` through the binary. Every run uses a
//! temporary data dir so the user's real decks are never read or touched.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use kartei::deck::DeckOrigin;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn kartei(data: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", data)
        .env_remove("KARTEI_NOW")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Checks one invalid fixture: exit 1, and the first line of the report is
/// exactly `error: FILE:LINE:COL: MESSAGE...`.
fn assert_invalid(name: &str, line: u32, col: u32, message: &str) {
    let data = tempfile::tempdir().unwrap();
    let path = fixture(&format!("invalid/{name}.toml"));
    let p = path.to_str().unwrap();
    let run = kartei(data.path(), &["--no-bundled", "check", p]);
    assert_eq!(run.code, 1, "{name}: exit code; stderr:\n{}", run.stderr);
    let expected = format!("error: {p}:{line}:{col}: {message}");
    assert!(
        run.stderr.lines().any(|l| l.starts_with(&expected)),
        "{name}: expected a line starting with\n{expected}\ngot:\n{}",
        run.stderr
    );
    assert!(run.stdout.contains("0 decks"), "{name}: {}", run.stdout);
}

#[test]
fn toml_syntax_error() {
    assert_invalid("syntax", 7, 15, "invalid TOML: invalid basic string");
}

#[test]
fn unknown_card_key_suggests_the_closest() {
    assert_invalid("unknown-key", 7, 1, "unknown key `frnot` in a card");
    let data = tempfile::tempdir().unwrap();
    let run = kartei(
        data.path(),
        &[
            "--no-bundled",
            "check",
            fixture("invalid/unknown-key.toml").to_str().unwrap(),
        ],
    );
    assert!(
        run.stderr.contains("help: did you mean `front`?"),
        "{}",
        run.stderr
    );
    // The typo is not reported a second time as a missing `front`.
    assert!(!run.stderr.contains("has no `front`"), "{}", run.stderr);
}

#[test]
fn unknown_deck_key() {
    assert_invalid("unknown-deck-key", 2, 1, "unknown key `nmae` in `[deck]`");
}

#[test]
fn unknown_top_level_key() {
    assert_invalid(
        "top-level-key",
        1,
        1,
        "unknown key `titel` at the top level",
    );
}

#[test]
fn key_not_belonging_to_the_kind() {
    assert_invalid(
        "key-wrong-kind",
        9,
        1,
        "`items` does not belong to a basic card",
    );
}

#[test]
fn missing_required_field() {
    assert_invalid("missing-back", 5, 1, "a basic card has no `back`");
}

#[test]
fn empty_required_field() {
    assert_invalid("empty-front", 7, 9, "`front` is empty");
}

#[test]
fn wrong_type_array_of_strings() {
    assert_invalid(
        "wrong-type-choices",
        9,
        11,
        "`choices` must be an array of strings, not a string",
    );
}

#[test]
fn wrong_type_boolean() {
    assert_invalid("wrong-type-bool", 9, 11, "`reverse` must be true or false");
}

#[test]
fn unknown_kind_suggests() {
    assert_invalid("unknown-kind", 7, 8, "unknown card kind `clozee`");
}

#[test]
fn duplicate_id_names_the_first_line() {
    assert_invalid(
        "duplicate-id",
        11,
        6,
        "duplicate card id `same` (first used on line 6)",
    );
}

#[test]
fn choice_answer_not_among_choices_suggests_closest() {
    assert_invalid(
        "answer-not-choice",
        10,
        10,
        "answer `Brand Awarenes` is not one of the choices",
    );
    let data = tempfile::tempdir().unwrap();
    let run = kartei(
        data.path(),
        &[
            "--no-bundled",
            "check",
            fixture("invalid/answer-not-choice.toml").to_str().unwrap(),
        ],
    );
    assert!(
        run.stderr.contains("did you mean `Brand Awareness`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn choice_with_one_choice() {
    assert_invalid(
        "one-choice",
        9,
        11,
        "a choice card needs at least 2 choices",
    );
}

#[test]
fn duplicate_choice() {
    assert_invalid("duplicate-choice", 9, 26, "duplicate choice `ja`");
}

#[test]
fn unclosed_cloze_gap_points_at_the_braces_counting_characters() {
    // `text = "Größe {{`: the `{{` is character 15 (byte 17).
    assert_invalid("cloze-unclosed", 8, 15, "unclosed cloze gap");
}

#[test]
fn stray_closing_braces() {
    assert_invalid("cloze-stray", 8, 33, "`}}` without an opening `{{`");
}

#[test]
fn empty_cloze_gap() {
    assert_invalid("cloze-empty-gap", 8, 15, "empty cloze gap");
}

#[test]
fn cloze_without_gap() {
    assert_invalid("cloze-no-gap", 8, 9, "cloze text has no gap");
}

#[test]
fn deck_without_cards() {
    assert_invalid("no-cards", 1, 1, "the deck has no cards");
}

/// A deck needs only cards: `[deck]`, `name` and `description` are
/// optional, the name defaults to the file name.
#[test]
fn a_deck_needs_only_cards() {
    let data = tempfile::tempdir().unwrap();
    let only_cards = data.path().join("nur-karten.toml");
    std::fs::write(
        &only_cards,
        "[[cards]]\nid = \"a\"\nfront = \"F\"\nback = \"B\"\n",
    )
    .unwrap();
    let no_name = data.path().join("ohne-name.toml");
    std::fs::write(
        &no_name,
        "[deck]\ntags = [\"t\"]\n\n[[cards]]\nid = \"b\"\nfront = \"G\"\nback = \"B\"\n",
    )
    .unwrap();
    for file in [&only_cards, &no_name] {
        let run = kartei(
            data.path(),
            &["--no-bundled", "check", file.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "{}: {}", file.display(), run.stderr);
        assert!(run.stdout.contains("1 deck, 1 card"), "{}", run.stdout);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
    }
    for (file, id) in [(&only_cards, "nur-karten"), (&no_name, "ohne-name")] {
        let src = std::fs::read_to_string(file).unwrap();
        let deck = kartei::deck::parse_deck(&src, DeckOrigin::File(file.clone()))
            .unwrap()
            .deck;
        assert_eq!((deck.id.as_str(), deck.name.as_str()), (id, id));
        assert_eq!(deck.description, "");
    }
    // `[deck]` that is not a table is still an error.
    let bad = data.path().join("kaputt.toml");
    std::fs::write(&bad, "deck = 3\n[[cards]]\nfront = \"F\"\nback = \"B\"\n").unwrap();
    let run = kartei(
        data.path(),
        &["--no-bundled", "check", bad.to_str().unwrap()],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn invalid_explicit_ids() {
    assert_invalid(
        "invalid-id",
        6,
        6,
        "invalid card id `mit leerzeichen`: it contains whitespace",
    );
    assert_invalid("invalid-id-tilde", 6, 6, "invalid card id `karte~rev`");
    assert_invalid("invalid-deck-id", 2, 6, "invalid deck id `Mein Deck`");
}

#[test]
fn non_utf8_byte_position_counts_characters() {
    // Line 4 is `# üü \xff`: the bad byte is the 6th character (8th byte).
    assert_invalid("non-utf8", 4, 6, "the file is not valid UTF-8 (byte 0xFF)");
}

#[test]
fn unreadable_file_names_path_and_os_error() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join("gibt-es-nicht.toml");
    let run = kartei(
        data.path(),
        &["--no-bundled", "check", missing.to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "error: {}: cannot read the file:",
            missing.display()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn every_error_of_a_file_is_reported_at_once() {
    let data = tempfile::tempdir().unwrap();
    let p = fixture("invalid/many-errors.toml");
    let p = p.to_str().unwrap();
    let run = kartei(data.path(), &["--no-bundled", "check", p]);
    assert_eq!(run.code, 1);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(
        errors,
        vec![
            format!("error: {p}:7:1: unknown key `frnot` in a card"),
            format!("error: {p}:14:9: `items` is empty"),
            format!("error: {p}:17:6: duplicate card id `a` (first used on line 6)"),
            // `text = "Ä {{x"`: the braces are character 11, byte 12.
            format!("error: {p}:19:11: unclosed cloze gap: `{{{{` has no matching `}}}}`"),
        ]
    );
    assert!(run.stdout.contains("4 errors"), "{}", run.stdout);
}

#[test]
fn report_shows_source_line_and_caret() {
    let data = tempfile::tempdir().unwrap();
    let p = fixture("invalid/cloze-unclosed.toml");
    let run = kartei(data.path(), &["--no-bundled", "check", p.to_str().unwrap()]);
    assert!(
        run.stderr
            .contains("8 | text = \"Größe {{Ökonomie und mehr\"\n  |               ^^\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn at_least_eighteen_invalid_fixtures_all_fail() {
    let dir = fixture("invalid");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = tempfile::tempdir().unwrap();
        let run = kartei(
            data.path(),
            &["--no-bundled", "check", path.to_str().unwrap()],
        );
        assert_eq!(
            run.code,
            1,
            "{} should fail:\n{}",
            path.display(),
            run.stderr
        );
        n += 1;
    }
    assert!(n >= 18, "only {n} invalid fixtures");
}

#[test]
fn valid_deck_passes() {
    let data = tempfile::tempdir().unwrap();
    let p = fixture("valid/beispiel.toml");
    let run = kartei(data.path(), &["--no-bundled", "check", p.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "1 deck, 6 cards (2 basic, 1 choice, 2 cloze, 1 list)\n0 errors, 0 warnings\n"
    );
}

#[test]
fn json_report_shape() {
    let data = tempfile::tempdir().unwrap();
    let valid = fixture("valid");
    let bad = fixture("invalid/duplicate-id.toml");
    let run = kartei(
        data.path(),
        &[
            "--no-bundled",
            "check",
            "--json",
            valid.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["decks"], 2);
    assert_eq!(v["cards"], 9);
    assert_eq!(v["by_kind"]["basic"], 4);
    assert_eq!(v["by_kind"]["cloze"], 3);
    assert_eq!(v["by_kind"]["choice"], 1);
    assert_eq!(v["by_kind"]["list"], 1);
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["file"], bad.to_str().unwrap());
    assert_eq!(errors[0]["line"], 11);
    assert_eq!(errors[0]["column"], 6);
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("duplicate card id")
    );
    assert!(errors[0]["help"].is_string());
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2);
    assert_eq!(warnings[0]["line"], 6);
    assert!(
        warnings[0]["message"]
            .as_str()
            .unwrap()
            .contains("has no `id`")
    );
}

#[test]
fn fix_adds_ids_keeps_comments_and_is_idempotent() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ohne-ids.toml");
    std::fs::copy(fixture("valid/ohne-ids.toml"), &file).unwrap();
    let f = file.to_str().unwrap();

    let run = kartei(data.path(), &["--no-bundled", "check", "--fix", f]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 warnings"), "{}", run.stdout);
    let fixed = std::fs::read_to_string(&file).unwrap();
    let expected = std::fs::read_to_string(fixture("valid/ohne-ids.toml"))
        .unwrap()
        .replace(
            "[[cards]]\n# Kommentar",
            "[[cards]]\nid = \"ohne-ids-was-ist-groesse\"\n# Kommentar",
        )
        .replace(
            "[[cards]]\n  kind",
            "[[cards]]\n  id = \"ohne-ids-die-oekonomie-ist-eine\"\n  kind",
        );
    assert_eq!(fixed, expected);

    let again = kartei(data.path(), &["--no-bundled", "check", "--fix", f]);
    assert_eq!(again.code, 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), fixed);
    assert!(!again.stderr.contains("fixed:"), "{}", again.stderr);
}

#[test]
fn fix_never_writes_a_file_with_errors() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kaputt.toml");
    let src = "[deck]\nname = \"K\"\ndescription = \"\"\n\n[[cards]]\nfront = \"F\"\n\n[[cards]]\nfront = \"G\"\nback = \"B\"\n";
    std::fs::write(&file, src).unwrap();
    let run = kartei(
        data.path(),
        &["--no-bundled", "check", "--fix", file.to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("not fixed"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), src);
}

#[test]
fn user_deck_dir_and_decks_option_are_checked_by_default() {
    let data = tempfile::tempdir().unwrap();
    let user = data.path().join("decks");
    std::fs::create_dir(&user).unwrap();
    std::fs::copy(fixture("valid/beispiel.toml"), user.join("beispiel.toml")).unwrap();
    let extra = fixture("invalid/missing-back.toml");
    let run = kartei(
        data.path(),
        &["--no-bundled", "--decks", extra.to_str().unwrap(), "check"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("1 deck, 6 cards"), "{}", run.stdout);
    assert!(
        run.stderr.contains("missing-back.toml:5:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_second_deck_with_the_same_id_is_reported_and_skipped() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    let deck = "[deck]\nid = \"gleich\"\nname = \"N\"\ndescription = \"\"\n[[cards]]\nid = \"x\"\nfront = \"F\"\nback = \"B\"\n";
    std::fs::write(&a, deck).unwrap();
    std::fs::write(&b, deck.replace("\"x\"", "\"y\"")).unwrap();
    let run = kartei(
        data.path(),
        &["--no-bundled", "check", dir.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("1 deck,"), "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!(
            "error: {}: deck id `gleich` is already used by {}",
            b.display(),
            a.display()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn card_id_used_in_two_decks_is_an_error_in_the_later_deck() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let deck = |id: &str| {
        format!(
            "[deck]\nid = \"{id}\"\nname = \"N\"\ndescription = \"\"\n\n[[cards]]\nid = \"gemeinsam\"\nfront = \"F\"\nback = \"B\"\n"
        )
    };
    std::fs::write(dir.path().join("a.toml"), deck("a")).unwrap();
    std::fs::write(dir.path().join("b.toml"), deck("b")).unwrap();
    let run = kartei(
        data.path(),
        &["--no-bundled", "check", dir.path().to_str().unwrap()],
    );
    assert_eq!(run.code, 1);
    let b = dir.path().join("b.toml");
    assert!(
        run.stderr.contains(&format!(
            "error: {}:6:1: card id `gemeinsam` is already used in deck `a`",
            b.display()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn bundled_decks_pass_check() {
    let data = tempfile::tempdir().unwrap();
    let run = kartei(data.path(), &["check"]);
    assert_eq!(run.code, 0, "bundled decks have errors:\n{}", run.stderr);
    assert!(run.stdout.contains("0 errors"), "{}", run.stdout);
    assert!(!run.stderr.contains("error:"), "{}", run.stderr);
}

#[test]
fn list_prints_one_line_per_card_and_filters() {
    let data = tempfile::tempdir().unwrap();
    let valid = fixture("valid");
    let v = valid.to_str().unwrap();
    let run = kartei(
        data.path(),
        &["--no-bundled", "--decks", v, "list", "--deck", "beispiel"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(
        lines[0],
        "bsp-produktpolitik      beispiel  basic   Was umfasst die Produktpolitik?"
    );
    assert!(lines[3].starts_with("bsp-preis-cloze~c2      beispiel  cloze   "));
    // Truncated to 60 display columns.
    let q = lines[3].split_once("cloze   ").unwrap().1;
    assert_eq!(q.chars().count(), 60);
    assert!(q.ends_with('…'));

    let run = kartei(
        data.path(),
        &["--no-bundled", "--decks", v, "list", "--tag", "4p"],
    );
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);

    let run = kartei(
        data.path(),
        &["--no-bundled", "--decks", v, "list", "--deck", "nix"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("there is no deck `nix`"),
        "{}",
        run.stderr
    );
}

#[test]
fn list_json() {
    let data = tempfile::tempdir().unwrap();
    let valid = fixture("valid/beispiel.toml");
    let run = kartei(
        data.path(),
        &[
            "--no-bundled",
            "--decks",
            valid.to_str().unwrap(),
            "list",
            "--json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 6);
    assert_eq!(arr[1]["id"], "bsp-produktpolitik~rev");
    assert_eq!(
        arr[1]["question"],
        "Produktentwicklung und -gestaltung, Sortimentsplanung"
    );
    assert_eq!(arr[1]["answer"], "Was umfasst die Produktpolitik?");
    assert_eq!(arr[1]["tags"], serde_json::json!(["4p", "marketing"]));
    assert_eq!(arr[4]["kind"], "choice");
    assert_eq!(arr[4]["answer"], "Brand Awareness");
    assert_eq!(arr[5]["deck"], "beispiel");
}

#[test]
fn duplicate_and_near_identical_questions_across_decks_are_warned() {
    let data = tempfile::tempdir().unwrap();
    let a = data.path().join("a.toml");
    let b = data.path().join("b.toml");
    std::fs::write(
        &a,
        "[deck]\nname = \"A\"\ndescription = \"\"\n\n\
         [[cards]]\nid = \"a-1\"\nfront = \"Was ist Marketing?\"\nback = \"x\"\n\n\
         [[cards]]\nid = \"a-2\"\nfront = \"Nenne die Aufgaben der Preispolitik.\"\nback = \"y\"\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "[deck]\nname = \"B\"\ndescription = \"\"\n\n\
         [[cards]]\nid = \"b-1\"\nfront = \"was ist  Marketing\"\nback = \"x\"\n\n\
         [[cards]]\nid = \"b-2\"\nfront = \"Nenne die Aufgaben der Preispolitk.\"\nback = \"y\"\n\n\
         [[cards]]\nid = \"b-3\"\nfront = \"Was ist Vertrieb?\"\nback = \"z\"\n",
    )
    .unwrap();
    let run = kartei(
        data.path(),
        &[
            "--no-bundled",
            "check",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
    );
    assert_eq!(
        run.code, 0,
        "warnings do not fail the check: {}",
        run.stderr
    );
    let bp = b.to_str().unwrap();
    let ap = a.to_str().unwrap();
    assert!(
        run.stderr.contains(&format!(
            "warning: {bp}:5:1: card `b-1` asks the same question as `a-1` ({ap}:5)"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "warning: {bp}:10:1: card `b-2` asks almost the same question as `a-2` ({ap}:10)"
        )),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("b-3"), "{}", run.stderr);
    assert!(
        run.stdout.contains("0 errors, 2 warnings"),
        "{}",
        run.stdout
    );
}

/// A deck large enough to be parsed and checked in two halves at once:
/// its diagnostics are those of one pass, with the lines of the whole file.
#[test]
fn a_large_deck_is_checked_like_a_small_one() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[deck]\nid = \"gross\"\nname = \"Gross\"\n\n");
    let mut errors = Vec::new();
    let mut line = 5;
    for i in 0..14_000 {
        let note = if i == 200 || i == 13_000 {
            // An error in the first half, and one in the second.
            errors.push(line + 2);
            format!("[[cards]]\nid = \"k{i}\"\nfrnot = \"F\"\nback = \"B\"\n\n")
        } else {
            format!(
                "[[cards]]\nid = \"k{i}\"\nfront = \"Frage {i} mit etwas Text\"\nback = \"Antwort {i}\"\ntags = [\"t{}\"]\n\n",
                i % 7
            )
        };
        line += note.matches('\n').count();
        toml.push_str(&note);
    }
    assert!(toml.len() > 1 << 20, "{} bytes", toml.len());
    let file = dir.path().join("gross.toml");
    std::fs::write(&file, &toml).unwrap();
    let run = kartei(
        data.path(),
        &[
            "--no-bundled",
            "--no-cache",
            "check",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let reported: Vec<usize> = run
        .stderr
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix(&format!("error: {}:", file.display()))?;
            rest.split(':').next()?.parse().ok()
        })
        .collect();
    assert_eq!(reported, errors, "{}", run.stderr);
}
