//! `kartei decks copy-bundled` through the binary, and the library function
//! behind it.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

fn kartei(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.env("KARTEI_DATA_DIR", data)
        .env_remove("KARTEI_NOW")
        .env("LANG", "C");
    cmd
}

fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = kartei(data).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn bundled_text(file: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("decks")
            .join(file),
    )
    .unwrap()
}

#[test]
fn a_copied_bundled_deck_replaces_the_bundled_one_and_is_never_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let target = data.path().join("decks/grundlagen.toml");
    let (code, out, err) = run(data.path(), &["decks", "copy-bundled", "grundlagen"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&target.display().to_string()), "{out}");
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        bundled_text("grundlagen.toml")
    );

    // The copy loads in place of the bundled deck: no clash, same cards.
    let (code, out, err) = run(data.path(), &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 errors"), "{out}");

    // Edits to the copy are what kartei shows.
    let edited = fs::read_to_string(&target).unwrap().replacen(
        "front = \"Marketing\"",
        "front = \"Marketing (bearbeitet)\"",
        1,
    );
    fs::write(&target, &edited).unwrap();
    let (code, out, _) = run(data.path(), &["list", "--deck", "grundlagen", "--json"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("\"question\": \"Marketing (bearbeitet)\""),
        "{out}"
    );

    // A second copy refuses to overwrite the edited file.
    let (code, _, err) = run(data.path(), &["decks", "copy-bundled", "grundlagen"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("already exists and is not overwritten"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), edited);

    // All of them: the others are copied, the existing one is reported.
    let (code, out, err) = run(data.path(), &["decks", "copy-bundled"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("`marketing-mix`"), "{out}");
    assert!(err.contains("grundlagen.toml already exists"), "{err}");
    assert_eq!(fs::read_to_string(&target).unwrap(), edited);
    let bundled = kartei::deck::bundled_ids();
    for (_, file) in &bundled {
        assert!(data.path().join("decks").join(file).exists(), "{file}");
    }
    let (code, out, err) = run(data.path(), &["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(&format!("{} decks", bundled.len())), "{out}");
}

#[test]
fn an_unknown_id_lists_the_bundled_decks() {
    let data = tempfile::tempdir().unwrap();
    let (code, _, err) = run(data.path(), &["decks", "copy-bundled", "gibtsnicht"]);
    assert_eq!(code, 1);
    assert!(err.contains("no bundled deck `gibtsnicht`"), "{err}");
    assert!(err.contains("marketing-mix"), "{err}");
    assert!(!data.path().join("decks").exists());
}

#[test]
fn the_library_function_copies_into_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("neu/decks");
    let path = kartei::deck::copy_bundled(&folder, "vertrieb").unwrap();
    assert_eq!(path, folder.join("vertrieb.toml"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        bundled_text("vertrieb.toml")
    );
    let again = kartei::deck::copy_bundled(&folder, "vertrieb").unwrap_err();
    assert!(matches!(
        again,
        kartei::deck::CopyBundledError::Exists { .. }
    ));
}
