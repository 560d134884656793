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
    for word in ENGLISH {
        assert!(
            !text.contains(word),
            "`kartei {}` says {word:?} in German mode:\n{text}",
            args.join(" ")
        );
    }
    text
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
