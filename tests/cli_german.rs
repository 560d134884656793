//! With `--lang de` (or a German locale) the command line speaks German:
//! every subcommand's output is searched for English words and phrases.

use std::path::Path;

use assert_cmd::Command;

const ENGLISH: &[&str] = &[
    "the ",
    " and ",
    "due now",
    "due today",
    "streak",
    "retention",
    "reviewed",
    "Imported",
    "Exported",
    "Merged",
    "Wrote",
    "Copied",
    "nothing",
    "No quizzes",
    "error",
    "warning",
    " cards",
    " decks",
    "next after",
    "last quiz",
    "grade",
    "abandoned",
    "all decks",
    "unknown",
    "did you mean",
    "help:",
    "must be",
    "duplicate",
    "invalid",
    "skipped",
];

fn kartei(data: &Path, env_lang: bool) -> Command {
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.env("KARTEI_DATA_DIR", data)
        .env("KARTEI_NOW", "2026-11-27T12:00:00Z")
        .env("TZ", "UTC")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    if env_lang {
        cmd.env("LANG", "de_DE.UTF-8");
    } else {
        cmd.env_remove("LANG").arg("--lang").arg("de");
    }
    cmd
}

fn german(data: &Path, args: &[&str], env_lang: bool) -> String {
    let out = kartei(data, env_lang).args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    no_english(&text, args);
    text
}

fn no_english(text: &str, args: &[&str]) {
    for word in ENGLISH {
        assert!(
            !text.contains(word),
            "`kartei {}` says {word:?} in German mode:\n{text}",
            args.join(" ")
        );
    }
}

#[test]
fn every_subcommand_speaks_german() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("journal.jsonl"),
        concat!(
            r#"{"v":1,"id":"e1","ts":"2026-11-26T10:00:00Z","type":"review","card":"mm-4p","deck":"marketing-mix","grade":3,"ms":3000,"mode":"review"}"#,
            "\n",
            r#"{"v":1,"id":"q1","ts":"2026-11-26T11:00:00Z","type":"quiz_start","quiz":"q1","decks":[],"count":2}"#,
            "\n",
            r#"{"v":1,"id":"q2","ts":"2026-11-26T11:05:00Z","type":"quiz_end","quiz":"q1","score":1.5,"max":2,"grade":2.3,"duration_ms":300000}"#,
            "\n",
        ),
    )
    .unwrap();
    let stats = german(&data, &["stats"], false);
    assert!(stats.contains("Serie"), "{stats}");
    assert!(stats.contains("Note 2,3"), "{stats}");
    let due = german(&data, &["due"], true);
    assert!(due.contains("heute fällig"), "{due}");
    german(&data, &["check"], false);
    german(&data, &["list", "--deck", "kennzahlen"], false);
    let history = german(&data, &["quiz", "--history"], true);
    assert!(history.contains("26.11.2026"), "{history}");
    assert!(history.contains("2,3"), "{history}");
    let csv = dir.path().join("out.csv");
    german(
        &data,
        &["export", "--format", "csv", "-o", csv.to_str().unwrap()],
        false,
    );
    let notes = dir.path().join("notes.csv");
    std::fs::write(&notes, "front,back,tags\nFrage eins,Antwort eins,x\n").unwrap();
    let imported = german(
        &data,
        &["import", notes.to_str().unwrap(), "--deck-name", "Neu"],
        false,
    );
    assert!(imported.contains("importiert"), "{imported}");
    let template = dir.path().join("vorlage.toml");
    german(&data, &["new", template.to_str().unwrap()], false);
    let other = dir.path().join("other");
    german(
        &other,
        &[
            "sync",
            "merge",
            data.join("journal.jsonl").to_str().unwrap(),
        ],
        false,
    );
    german(&data, &["decks", "copy-bundled", "vertrieb"], false);
    let added = german(
        &data,
        &["exam", "add", "Klausur", "--date", "2026-12-20"],
        false,
    );
    assert!(added.contains("20.12.2026"), "{added}");
    german(&data, &["exam", "list"], true);
    german(&data, &["exam", "status"], false);
    german(
        &data,
        &["exam", "add", "Alt", "--date", "2026-01-01"],
        false,
    );
    german(&data, &["exam", "rm", "Klausur"], false);
}

/// A deck with an unknown key, a value of the wrong type and a card id used
/// twice, and one with broken TOML syntax, in `dir`.
fn broken_decks(dir: &Path) {
    std::fs::write(
        dir.join("kaputt.toml"),
        "[deck]\nname = \"Kaputt\"\n\n[[cards]]\nid = \"a\"\nfrnot = \"Was ist Marketing?\"\nback = \"B\"\n\n\
         [[cards]]\nid = \"a\"\nfront = 3\nback = \"C\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("syntax.toml"),
        "[deck]\nname = \"Syntax\"\n[[cards]]\nfront = Was ist ein Markt?\nback = \"x\"\n",
    )
    .unwrap();
}

/// `kartei check` on the broken decks, run in their folder: (stdout,
/// stderr, success).
fn check_broken(lang: &str, json: bool) -> (String, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    broken_decks(dir.path());
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.current_dir(dir.path())
        .env("KARTEI_DATA_DIR", dir.path().join("data"))
        .env("KARTEI_NOW", "2026-11-27T12:00:00Z")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(["--lang", lang, "check", "kaputt.toml", "syntax.toml"]);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

#[test]
fn check_reports_a_broken_deck_in_german() {
    let (stdout, stderr, ok) = check_broken("de", false);
    assert!(!ok);
    no_english(
        &format!("{stdout}{stderr}"),
        &["check", "kaputt.toml", "syntax.toml"],
    );
    for line in [
        "Fehler: kaputt.toml:6:1: unbekannter Schlüssel `frnot` in einer Karte",
        "Hilfe: meinst du `front`?",
        "Fehler: kaputt.toml:10:6: doppelte Karten-ID `a` (zuerst verwendet in Zeile 5)",
        "Fehler: kaputt.toml:11:9: `front` muss ein Text sein, ist aber eine ganze Zahl",
        "Fehler: syntax.toml:4:9: ungültiges TOML: Texte müssen in Anführungszeichen stehen",
    ] {
        assert!(stderr.contains(line), "{line:?} missing in:\n{stderr}");
    }
    assert_eq!(stdout, "0 Stapel, 0 Karten\n4 Fehler, 0 Warnungen\n");
    insta::assert_snapshot!("check_broken_de", stderr);
}

#[test]
fn check_reports_a_broken_deck_in_english_as_before() {
    let (stdout, stderr, ok) = check_broken("en", false);
    assert!(!ok);
    for line in [
        "error: kaputt.toml:6:1: unknown key `frnot` in a card",
        "help: did you mean `front`?",
        "error: kaputt.toml:10:6: duplicate card id `a` (first used on line 5)",
        "error: kaputt.toml:11:9: `front` must be a string, not an integer",
        "error: syntax.toml:4:9: invalid TOML: string values must be quoted, expected literal string",
    ] {
        assert!(stderr.contains(line), "{line:?} missing in:\n{stderr}");
    }
    assert_eq!(stdout, "0 decks, 0 cards\n4 errors, 0 warnings\n");
    insta::assert_snapshot!("check_broken_en", stderr);
}

#[test]
fn check_json_has_english_keys_codes_and_german_messages() {
    let (stdout, _, ok) = check_broken("de", true);
    assert!(!ok);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let errors = report["errors"].as_array().unwrap();
    let codes: Vec<&str> = errors.iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        ["unknown-key", "duplicate-id", "wrong-type", "invalid-toml"]
    );
    let first = &errors[0];
    assert_eq!(first["file"], "kaputt.toml");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(6), Some(1))
    );
    assert_eq!(
        first["message"],
        "unbekannter Schlüssel `frnot` in einer Karte"
    );
    assert_eq!(first["help"], "meinst du `front`?");
    // In English the same codes, English messages.
    let (stdout, _, _) = check_broken("en", true);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["errors"][0]["code"], "unknown-key");
    assert_eq!(
        report["errors"][0]["message"],
        "unknown key `frnot` in a card"
    );
}

/// Runs kartei with `data` as its data folder in German; (output, success).
fn run_de(data: &Path, args: &[&str]) -> (String, bool) {
    let out = kartei(data, false).args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    no_english(&text, args);
    (text, out.status.success())
}

#[test]
fn library_errors_are_told_in_german() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // A config with a value out of range.
    std::fs::write(
        data.join("config.toml"),
        "[scheduler]\nday_start_hour = 30\n",
    )
    .unwrap();
    let (text, ok) = run_de(&data, &["stats"]);
    assert!(!ok);
    assert!(
        text.contains(
            "config.toml:1:1: scheduler.day_start_hour ist 30; der Wert muss eine Stunde zwischen 0 und 23 sein"
        ),
        "{text}"
    );
    assert!(
        text.contains("Hilfe: korrigiere die Konfigurationsdatei"),
        "{text}"
    );
    // A config that is not valid TOML: the parser's description in German.
    std::fs::write(
        data.join("config.toml"),
        "[scheduler]\nlearning_steps = 10m\n",
    )
    .unwrap();
    let (text, ok) = run_de(&data, &["due"]);
    assert!(!ok);
    assert!(
        text.contains("config.toml:2:18: Texte müssen in Anführungszeichen stehen"),
        "{text}"
    );
    std::fs::remove_file(data.join("config.toml")).unwrap();
    // A bundled deck that does not exist.
    let (text, ok) = run_de(&data, &["decks", "copy-bundled", "gibtsnicht"]);
    assert!(!ok);
    assert!(
        text.contains("es gibt keinen mitgelieferten Stapel `gibtsnicht`"),
        "{text}"
    );
    // Copying twice: the file is there already.
    run_de(&data, &["decks", "copy-bundled", "vertrieb"]);
    let (text, ok) = run_de(&data, &["decks", "copy-bundled", "vertrieb"]);
    assert!(!ok);
    assert!(
        text.contains("existiert schon und wird nicht überschrieben"),
        "{text}"
    );
    // Export of an unknown deck, import of an empty file.
    let (text, _) = run_de(
        &data,
        &[
            "export",
            "--format",
            "csv",
            "--deck",
            "nix",
            "-o",
            "/dev/null",
        ],
    );
    assert!(text.contains("es gibt keinen Stapel `nix`"), "{text}");
    let empty = dir.path().join("leer.csv");
    std::fs::write(&empty, "").unwrap();
    let (text, ok) = run_de(
        &data,
        &["import", empty.to_str().unwrap(), "--deck-name", "Leer"],
    );
    assert!(!ok);
    assert!(text.contains("die Datei enthält keine Notizen"), "{text}");
}

#[test]
fn a_newer_journal_is_reported_in_german_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    // A journal written by a newer kartei.
    std::fs::write(
        data.join("journal.jsonl"),
        "{\"v\":99,\"id\":\"e1\",\"ts\":\"2026-11-26T10:00:00Z\",\"type\":\"review\",\"card\":\"x\",\"deck\":\"d\",\"grade\":3,\"ms\":1,\"mode\":\"review\"}\n",
    )
    .unwrap();
    let (text, ok) = run_de(&data, &["due"]);
    assert!(!ok);
    assert!(
        text.contains("von einem neueren kartei geschrieben (Journal-Format 99"),
        "{text}"
    );
    let out = Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", &data)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .arg("due")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("written by a newer kartei (journal format 99"),
        "{text}"
    );
}

#[test]
fn import_line_errors_are_told_in_german() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let notes = dir.path().join("notizen.csv");
    std::fs::write(
        &notes,
        "front,back,kind\nFrage eins,Antwort eins,\nFrage zwei,,\nFrage drei,x,quiz\n\"offen,x,\n",
    )
    .unwrap();
    let (text, ok) = run_de(
        &data,
        &["import", notes.to_str().unwrap(), "--deck-name", "Notizen"],
    );
    assert!(!ok, "{text}");
    for line in [
        "notizen.csv:3: leere Rückseite (übersprungen)",
        "notizen.csv:4: unbekannte Art `quiz`",
        "notizen.csv:5: nicht geschlossenes Anführungszeichen in Feld 1",
        "3 Zeilen übersprungen",
    ] {
        assert!(text.contains(line), "{line:?} missing in:\n{text}");
    }
    // A header kartei cannot read stops the import, in German too.
    let bad = dir.path().join("kopf.csv");
    std::fs::write(&bad, "vorne,hinten\na,b\n").unwrap();
    let (text, ok) = run_de(
        &data,
        &["import", bad.to_str().unwrap(), "--deck-name", "Kopf"],
    );
    assert!(!ok);
    assert!(
        text.contains("kopf.csv:1: unbekannte Spalte `vorne` in der Kopfzeile"),
        "{text}"
    );
    // Anki text with a header line kartei does not know.
    let anki = dir.path().join("anki.txt");
    std::fs::write(&anki, "#separator:tab\n#foo:bar\nFrage\tAntwort\n").unwrap();
    let (text, _) = run_de(
        &data,
        &["import", anki.to_str().unwrap(), "--deck-name", "Anki Neu"],
    );
    assert!(
        text.contains("anki.txt:2: `#foo:bar` ist keine Kopfzeile, die kartei kennt"),
        "{text}"
    );
}

/// Runs a command that must fail, in German: exit code not 0, the German
/// `expect`ed phrase, no English word.
fn german_error(data: &Path, args: &[&str], expect: &str) {
    let out = kartei(data, false).args(args).output().unwrap();
    assert!(
        !out.status.success(),
        "`kartei {}` succeeded",
        args.join(" ")
    );
    let text = german(data, args, false);
    assert!(
        text.contains(expect),
        "`kartei {}` does not say {expect:?}:\n{text}",
        args.join(" ")
    );
}

#[test]
fn errors_speak_german() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let existing = dir.path().join("da.toml");
    std::fs::write(&existing, "[[cards]]\nfront = \"F\"\nback = \"A\"\n").unwrap();
    let existing_s = existing.to_str().unwrap();
    german_error(&data, &["new", existing_s], "gibt es schon");
    german_error(
        &data,
        &["quiz", "--json"],
        "--json geht nur zusammen mit --history",
    );
    german_error(&data, &["quiz", "--count", "0"], "mindestens 1");
    german_error(&data, &["quiz", "--time", "bald"], "keine Dauer");
    let csv = dir.path().join("x.csv");
    let csv_s = csv.to_str().unwrap();
    german_error(
        &data,
        &[
            "export",
            "--deck",
            "gibtsnicht",
            "--format",
            "csv",
            "-o",
            csv_s,
        ],
        "es gibt keinen Stapel `gibtsnicht`",
    );
    let notes = dir.path().join("notes.csv");
    std::fs::write(&notes, "front,back\nFrage,Antwort\n").unwrap();
    let notes_s = notes.to_str().unwrap();
    german_error(
        &data,
        &["import", notes_s, "--deck-name", "Neu", "-o", existing_s],
        "gibt es schon",
    );
    german_error(
        &data,
        &["import", notes_s, "--deck-name", "!!!"],
        "Buchstaben",
    );
    let latin1 = dir.path().join("alt.csv");
    std::fs::write(&latin1, b"front,back\nGr\xfc\xdfe,Antwort\n").unwrap();
    german_error(
        &data,
        &["import", latin1.to_str().unwrap(), "--deck-name", "Alt"],
        "2:3: die Datei ist kein gültiges UTF-8",
    );
    german_error(
        &data,
        &["--read-only", "sync", "merge", notes_s],
        "--read-only verbietet",
    );
    german_error(
        &data,
        &["man", "exam", "gibtsnicht"],
        "`kartei exam` hat keinen Unterbefehl `gibtsnicht`",
    );
    let out = kartei(&data, false)
        .env("KARTEI_NOW", "gestern")
        .arg("due")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("keine RFC-3339-Zeit"), "{err}");
}

#[test]
fn the_deck_template_is_commented_in_german() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("meine.toml");
    german(dir.path(), &["new", file.to_str().unwrap()], false);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("# Ein kartei-Stapel."), "{text}");
    assert!(
        text.contains("# optional: erscheint nach der Antwort"),
        "{text}"
    );
    assert!(!text.contains("optional: shown"), "{text}");
}

#[test]
fn the_anki_export_explains_itself_in_german_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("anki.txt");
    german(
        dir.path(),
        &["export", "--format", "anki", "-o", file.to_str().unwrap()],
        false,
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("#kartei:von kartei exportiert"), "{text}");
    assert!(
        text.contains("Auswahl-Notiz(en) als Basic geschrieben"),
        "{text}"
    );
    let imported = german(
        dir.path(),
        &["import", file.to_str().unwrap(), "--deck-name", "Zurück"],
        false,
    );
    assert!(imported.contains("importiert"), "{imported}");
}
