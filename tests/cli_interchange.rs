//! `kartei new`, `import`, `export`, `completions` and `man` through the binary.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// The binary with a private data dir, so the user's files are never touched.
fn kartei(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.env("KARTEI_DATA_DIR", data)
        .env_remove("KARTEI_NOW")
        .env("LANG", "C");
    cmd
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn cards(deck_file: &Path) -> (toml::Table, Vec<toml::Table>) {
    let text = fs::read_to_string(deck_file).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let cards = doc["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_table().unwrap().clone())
        .collect();
    (doc, cards)
}

fn s<'a>(t: &'a toml::Table, key: &str) -> Option<&'a str> {
    t.get(key).and_then(|v| v.as_str())
}

fn tags(t: &toml::Table) -> Vec<&str> {
    t.get("tags")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn anki_export_is_imported_into_the_deck_folder_and_bad_lines_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("anki-notes.txt");
    let out = kartei(dir.path())
        .args([
            "import",
            src.to_str().unwrap(),
            "--deck-name",
            "Anki Import",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let f = src.display();
    for expected in [
        format!("{f}:12: wrong number of fields: the header refers to column 6, this line has 4"),
        format!("{f}:14: empty cloze gap"),
        format!("{f}:15: empty front"),
    ] {
        assert!(err.contains(&expected), "missing {expected:?} in\n{err}");
    }
    assert_eq!(err.lines().count(), 3, "{err}");
    let written = dir.path().join("decks/anki-import.toml");
    let so = stdout(&out);
    assert!(so.contains("Imported 5 notes (7 cards)"), "{so}");
    assert!(so.contains("Skipped 3 lines"), "{so}");

    let (doc, c) = cards(&written);
    assert_eq!(
        s(doc["deck"].as_table().unwrap(), "id"),
        Some("anki-import")
    );
    assert_eq!(
        s(doc["deck"].as_table().unwrap(), "name"),
        Some("Anki Import")
    );
    assert_eq!(
        s(doc["deck"].as_table().unwrap(), "description"),
        Some("Imported from anki-notes.txt"),
        "the description follows the interface language (English here)"
    );
    assert_eq!(c.len(), 5);
    let ids: Vec<&str> = c.iter().map(|t| s(t, "id").unwrap()).collect();
    assert_eq!(
        ids,
        [
            "anki-import-was-ist-das-ziel",
            "anki-import-mql",
            "anki-import-rabatte-gehoeren-zur-preispolitik",
            "anki-import-zitat-der-kunde-ist",
            "anki-import-kosten-nutzen-abwaegen-roi"
        ],
        "ids come from the questions"
    );

    assert_eq!(s(&c[0], "front"), Some("Was ist das Ziel des Marketings?"));
    assert_eq!(
        s(&c[0], "back"),
        Some("Nachfrage wecken\nund die Marke stärken")
    );
    assert_eq!(tags(&c[0]), ["marketing", "grundlagen"]);

    assert_eq!(s(&c[1], "front"), Some("MQL"));
    assert_eq!(c[1]["reverse"].as_bool(), Some(true));
    assert_eq!(tags(&c[1]), ["lead", "funnel-top"]);

    assert_eq!(s(&c[2], "kind"), Some("cloze"));
    assert_eq!(
        s(&c[2], "text"),
        Some(
            "Rabatte gehören zur {{Preispolitik}}, Logistik zur {{Distributionspolitik::P für Place}}."
        )
    );
    assert_eq!(s(&c[2], "explain"), Some("Merke:\n4 Ps"));
    assert_eq!(tags(&c[2]), ["4p"]);

    assert_eq!(s(&c[3], "front"), Some("Zitat: \"Der Kunde ist König\""));
    assert_eq!(s(&c[3], "back"), Some("Erste Zeile\nzweite Zeile"));
    assert_eq!(tags(&c[3]), ["vertrieb", "pruefung-tipp"]);

    assert_eq!(s(&c[4], "front"), Some("Kosten & Nutzen abwägen: <ROI>"));
    assert!(c[4].get("tags").is_none());
}

#[test]
fn csv_with_quotes_commas_newlines_and_umlauts_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("karten.csv");
    let target = dir.path().join("karten.toml");
    let out = kartei(dir.path())
        .args([
            "import",
            src.to_str().unwrap(),
            "--deck-name",
            "Meine Karten",
        ])
        .args(["-o", target.to_str().unwrap()])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let f = src.display();
    assert!(err.contains(&format!("{f}:7: empty front")), "{err}");
    assert!(
        err.contains(&format!(
            "{f}:8: wrong number of fields: the header has 3, this row has 2"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{f}:9: unclosed quote in field 1")),
        "{err}"
    );
    assert!(
        !dir.path().join("decks").exists(),
        "-o must not touch the deck folder"
    );

    let (_, c) = cards(&target);
    let fronts: Vec<&str> = c.iter().map(|t| s(t, "front").unwrap()).collect();
    assert_eq!(
        fronts,
        [
            "Was heißt Provision?",
            "Preis, Menge und Rabatt",
            "Sag \"Hallo\"",
            "Größe der Übergabe",
            "Letzte Frage"
        ]
    );
    assert_eq!(s(&c[0], "back"), Some("Erfolgsabhängige Vergütung"));
    // CSV tags are kept as written (Anki's are lowercased).
    assert_eq!(tags(&c[0]), ["vertrieb", "verguetung"]);
    assert_eq!(tags(&c[1]), ["4P", "Preis"]);
    assert_eq!(s(&c[2], "back"), Some("Zeile eins\nZeile zwei"));
    assert_eq!(s(&c[3], "back"), Some("Ab 100 Punkten: \"SQL\""));
    assert_eq!(tags(&c[3]), ["Lead::Scoring"]);
}

#[test]
fn a_clean_file_imports_with_exit_code_zero() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("ok.csv");
    fs::write(&src, "front,back\nFrage,Antwort\n").unwrap();
    let out = kartei(dir.path())
        .args(["import", src.to_str().unwrap(), "--deck-name", "OK"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty());
    assert!(stdout(&out).contains("Imported 1 note (1 card)"));
    assert!(dir.path().join("decks/ok.toml").exists());
}

#[test]
fn nothing_is_written_when_no_line_can_be_imported() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("bad.csv");
    fs::write(&src, "front,back\n,leer\n\"offen,x\n").unwrap();
    let out = kartei(dir.path())
        .args(["import", src.to_str().unwrap(), "--deck-name", "Bad"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad.csv:2: empty front"), "{err}");
    assert!(err.contains("bad.csv:3: unclosed quote"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!dir.path().join("decks/bad.toml").exists());
}

#[test]
fn import_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("ok.csv");
    fs::write(&src, "front,back\nFrage,Antwort\n").unwrap();
    let target = dir.path().join("decks/ok.toml");
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    fs::write(&target, "# mine").unwrap();
    let out = kartei(dir.path())
        .args(["import", src.to_str().unwrap(), "--deck-name", "OK"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already exists; pass -o OUT.toml"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "# mine");
}

#[test]
fn bad_input_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.csv");
    fs::write(&latin1, b"front,back\nGr\xf6\xdfe,x\n").unwrap();
    let out = kartei(dir.path())
        .args(["import", latin1.to_str().unwrap(), "--deck-name", "L"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("latin1.csv:2:3: the file is not valid UTF-8"),
        "{}",
        stderr(&out)
    );

    let header = dir.path().join("h.txt");
    fs::write(&header, "#separator:tab\n#html:vielleicht\nQ\tA\n").unwrap();
    let out = kartei(dir.path())
        .args(["import", header.to_str().unwrap(), "--deck-name", "H"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("h.txt:2: `#html:` must be true or false"),
        "{}",
        stderr(&out)
    );

    let missing = dir.path().join("fehlt.csv");
    let out = kartei(dir.path())
        .args(["import", missing.to_str().unwrap(), "--deck-name", "F"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));

    let out = kartei(dir.path())
        .args(["import", missing.to_str().unwrap(), "--deck-name", "!!!"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("at least one letter or digit"));
}

#[test]
fn new_writes_a_template_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Mein Deck.toml");
    let out = kartei(dir.path())
        .args(["new", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("id = \"mein-deck\""));
    assert!(text.contains("kind = \"cloze\""));

    fs::write(&file, "# changed").unwrap();
    let out = kartei(dir.path())
        .args(["new", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"));
    assert_eq!(fs::read_to_string(&file).unwrap(), "# changed");
}

#[test]
fn completions_name_the_program_and_its_commands() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_kartei()"),
        ("zsh", "#compdef kartei"),
        ("fish", "complete -c kartei"),
    ] {
        let out = kartei(dir.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = stdout(&out);
        assert!(text.contains(marker), "{shell}: no {marker:?}");
        for sub in ["import", "export", "check"] {
            assert!(text.contains(sub), "{shell}: no {sub}");
        }
    }
    let out = kartei(dir.path())
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "clap rejects unknown shells");
}

#[test]
fn man_page_is_roff() {
    let dir = tempfile::tempdir().unwrap();
    let out = kartei(dir.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains(".TH kartei"), "{text}");
    assert!(text.contains(".SH NAME"));
    assert!(text.contains("import"));
}

fn check_ok(data: &Path, file: &Path) {
    let out = kartei(data)
        .args(["--no-bundled", "check", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "kartei check {}:\n{}{}",
        file.display(),
        stdout(&out),
        stderr(&out)
    );
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn template_and_imported_decks_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vorlage.toml");
    kartei(dir.path())
        .args(["new", file.to_str().unwrap()])
        .assert()
        .success();
    check_ok(dir.path(), &file);

    for (src, name) in [("anki-notes.txt", "Anki Import"), ("karten.csv", "Karten")] {
        let out = kartei(dir.path())
            .args([
                "import",
                fixture(src).to_str().unwrap(),
                "--deck-name",
                name,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "fixtures contain bad lines");
    }
    check_ok(dir.path(), &dir.path().join("decks/anki-import.toml"));
    check_ok(dir.path(), &dir.path().join("decks/karten.toml"));
}

#[test]
fn export_all_bundled_decks_and_import_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let deck_files: Vec<PathBuf> =
        fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("decks"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
    let notes: usize = deck_files
        .iter()
        .map(|p| fs::read_to_string(p).unwrap().matches("[[cards]]").count())
        .sum();
    assert!(notes > 0);
    let decks = deck_files.len();
    for (format, file) in [("anki", "alle.txt"), ("csv", "alle.csv")] {
        let target = dir.path().join(file);
        let out = kartei(dir.path())
            .args(["export", "--format", format, "-o", target.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("Exported {notes} notes from {decks} decks")),
            "{}",
            stdout(&out)
        );
        let text = fs::read_to_string(&target).unwrap();
        let header_lines = text.lines().take_while(|l| l.starts_with('#')).count();
        if format == "anki" {
            assert!(text.starts_with("#separator:tab\n#html:true\n"));
            // The header says what Anki's notetypes could not hold.
            assert!(text.contains("\n#kartei:"), "{}", &text[..500]);
            assert!(text.contains("choice note(s) written as Basic"));
            assert!(text.contains("list note(s) written as Basic"));
            // One physical line per note: HTML fields hold no raw line breaks.
            assert_eq!(text.lines().count(), notes + header_lines);
        }
        if format == "csv" {
            assert!(text.starts_with("id,deck,kind,front,back,text,choices,answer,items,"));
        }
        let deck_file = dir.path().join(format!("{format}-rt.toml"));
        // The CSV keeps the card ids, which the bundled decks use already.
        let out = kartei(dir.path())
            .args(if format == "csv" {
                &["--no-bundled"][..]
            } else {
                &[][..]
            })
            .args(["import", target.to_str().unwrap(), "--deck-name", "RT"])
            .args(["-o", deck_file.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("Imported {notes} notes")),
            "{}",
            stdout(&out)
        );
        check_ok(dir.path(), &deck_file);
    }
}

#[test]
fn export_one_deck_and_unknown_ids() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mm.csv");
    let out = kartei(dir.path())
        .args(["export", "--deck", "marketing-mix", "--format", "csv", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = fs::read_to_string(&target).unwrap();
    assert!(text.starts_with("id,deck,kind,front,"));
    assert!(text.contains("\nmm-4p,marketing-mix,list,"), "{text}");
    assert!(stdout(&out).contains("from 1 deck to"));

    let out = kartei(dir.path())
        .args(["export", "--deck", "gibtsnicht", "--format", "anki", "-o"])
        .arg(dir.path().join("x.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("there is no deck `gibtsnicht`; decks: "),
        "{err}"
    );
    assert!(
        err.contains("marketing-mix") && err.contains("vertrieb"),
        "{err}"
    );
    assert!(!dir.path().join("x.txt").exists());

    let out = kartei(dir.path())
        .args(["--no-bundled", "export", "--format", "anki", "-o"])
        .arg(dir.path().join("y.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no decks are loaded"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_includes_the_users_decks_and_reports_broken_ones() {
    let dir = tempfile::tempdir().unwrap();
    let decks = dir.path().join("decks");
    fs::create_dir_all(&decks).unwrap();
    fs::write(
        decks.join("eigen.toml"),
        "[deck]\nname = \"Eigen\"\ndescription = \"\"\n[[cards]]\nid = \"e-1\"\nfront = \"F\"\nback = \"B\"\nreverse = true\n",
    )
    .unwrap();
    fs::write(decks.join("kaputt.toml"), "[deck]\nname = \"K\"\n").unwrap();
    let target = dir.path().join("out.txt");
    let out = kartei(dir.path())
        .args(["--no-bundled", "export", "--format", "anki", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a broken deck is reported");
    assert!(stderr(&out).contains("kaputt.toml"), "{}", stderr(&out));
    let text = fs::read_to_string(&target).unwrap();
    assert!(
        text.contains("Basic (and reversed card)\tEigen\tF\tB\t"),
        "{text}"
    );
}

#[test]
fn import_refuses_a_deck_id_or_card_id_that_is_already_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("ok.csv");
    fs::write(&src, "front,back\nFrage,Antwort\n").unwrap();
    let out = kartei(dir.path())
        .args([
            "import",
            src.to_str().unwrap(),
            "--deck-name",
            "Marketing-Mix",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the deck id `marketing-mix` (from --deck-name) is already used by bundled:marketing-mix.toml"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("decks/marketing-mix.toml").exists());

    // Without the bundled decks the name is free.
    kartei(dir.path())
        .args([
            "--no-bundled",
            "import",
            src.to_str().unwrap(),
            "--deck-name",
            "Marketing-Mix",
        ])
        .assert()
        .success();

    let other = dir.path().join("other.toml");
    fs::write(
        &other,
        "[deck]\nid = \"fremd\"\nname = \"F\"\ndescription = \"\"\n[[cards]]\nid = \"neu-frage\"\nfront = \"a\"\nback = \"b\"\n",
    )
    .unwrap();
    let out = kartei(dir.path())
        .args(["--no-bundled", "--decks", other.to_str().unwrap()])
        .args(["import", src.to_str().unwrap(), "--deck-name", "Neu"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("ok.csv:2: the card id `neu-frage` is already used"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("decks/neu.toml").exists());
}

#[test]
fn import_creates_the_folders_of_its_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("ok.csv");
    fs::write(&src, "front,back\nFrage,Antwort\n").unwrap();
    let target = dir.path().join("neu/tiefer/deck.toml");
    let out = kartei(dir.path())
        .args(["import", src.to_str().unwrap(), "--deck-name", "Neu"])
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    check_ok(dir.path(), &target);
}

#[test]
fn a_reimport_of_the_same_notes_gives_the_same_card_ids() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        "Was ist ein KPI?,Eine Kennzahl",
        "Was ist ein KPI genau?,Key Performance Indicator",
        "Was ist ein KPI?,Eine Kennzahl",
        "\"Die {{c1::Preis}}politik\",",
        "???,Nur Zeichen",
    ];
    let mut ids = Vec::new();
    for (n, order) in [[0, 1, 2, 3, 4], [4, 3, 1, 0, 2]].iter().enumerate() {
        let src = dir.path().join(format!("karten{n}.csv"));
        let body: Vec<&str> = order.iter().map(|&i| lines[i]).collect();
        fs::write(&src, format!("front,back\n{}\n", body.join("\n"))).unwrap();
        let target = dir.path().join(format!("out{n}.toml"));
        let out = kartei(dir.path())
            .args(["import", src.to_str().unwrap(), "--deck-name", "KPI"])
            .arg("-o")
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        // Loads (the exact duplicate only gives a warning).
        kartei(dir.path())
            .args(["--no-bundled", "check", target.to_str().unwrap()])
            .assert()
            .success();
        let (_, c) = cards(&target);
        let mut by_question: Vec<(String, String)> = c
            .iter()
            .map(|t| {
                let q = s(t, "front").or(s(t, "text")).unwrap().to_owned();
                (q, s(t, "id").unwrap().to_owned())
            })
            .collect();
        by_question.sort();
        ids.push(by_question);
    }
    assert_eq!(ids[0].len(), 5);
    // Same question, same id, whatever the order; the duplicate is numbered.
    assert_eq!(ids[0], ids[1]);
    let all: Vec<&str> = ids[0].iter().map(|(_, id)| id.as_str()).collect();
    assert!(all.contains(&"kpi-die-preispolitik"), "{all:?}");
    assert!(
        all.iter()
            .all(|id| id.starts_with("kpi-") && !id.ends_with("-1")),
        "{all:?}"
    );
}

/// A deck using every card kind and every optional field.
const FULL_DECK: &str = r#"[deck]
id = "voll"
name = "Voll"
tags = ["deck-tag"]

[[cards]]
id = "v-basic"
front = "=HYPERLINK(\"http://x\";\"klick\")"
back = "+49 30 1234"
reverse = true
input = true
hint = "-Hinweis"
explain = "@Erklärung"
source = "Skript, S. 1"
tags = ["Groß", "zwei worte", "a;b"]

[[cards]]
id = "v-cloze"
kind = "cloze"
text = "Der {{Funnel::Trichter}} hat {{drei}} Stufen."
input = true
explain = "\tmit Tab"

[[cards]]
id = "v-choice"
kind = "choice"
front = "Welche sind richtig?"
choices = ["=A", "B\nzweizeilig", "[C]", "'-D"]
answer = ["=A", "'-D"]
hint = "zwei"

[[cards]]
id = "v-list"
kind = "list"
front = "Nenne die Phasen."
items = ["Begrüßung", "Bedarfsanalyse", "Abschluss"]
ordered = true
input = true
source = "\rWagenrücklauf"
"#;

#[test]
fn csv_export_and_import_keep_every_card_kind_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("voll.toml");
    fs::write(&deck, FULL_DECK).unwrap();
    let csv = dir.path().join("voll.csv");
    let out = kartei(dir.path())
        .args(["--no-bundled", "--decks", deck.to_str().unwrap()])
        .args(["export", "--format", "csv", "-o", csv.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // No cell starts a spreadsheet formula (OWASP: a leading `'`).
    let text = fs::read_to_string(&csv).unwrap();
    for record in kartei::interchange::csv::records(&text, ',') {
        for cell in record.unwrap().fields {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in\n{text}"
            );
        }
    }
    assert!(text.contains("'=HYPERLINK"), "{text}");

    let back = dir.path().join("zurueck.toml");
    let out = kartei(dir.path())
        .args(["--no-bundled", "import", csv.to_str().unwrap()])
        .args(["--deck-name", "Voll", "-o", back.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Imported 4 notes (6 cards)"),
        "{}",
        stdout(&out)
    );

    let load = |p: &Path| {
        let src = fs::read_to_string(p).unwrap();
        kartei::deck::parse_deck(&src, kartei::deck::DeckOrigin::File(p.to_path_buf()))
            .unwrap()
            .deck
    };
    let (a, b) = (load(&deck), load(&back));
    assert_eq!(a.cards.len(), b.cards.len());
    for (x, y) in a.cards.iter().zip(&b.cards) {
        assert_eq!(
            (
                &x.id, &x.content, &x.tags, &x.hint, &x.explain, &x.source, x.input
            ),
            (
                &y.id, &y.content, &y.tags, &y.hint, &y.explain, &y.source, y.input
            )
        );
    }
}
