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
