//! `--help` of every command describes every option and argument, and
//! `kartei man` writes pages for every page it refers to, with KEYS, FILES,
//! ENVIRONMENT and EXAMPLES.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use clap::CommandFactory as _;

fn kartei(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.env("KARTEI_DATA_DIR", data)
        .env_remove("KARTEI_NOW")
        .env("LANG", "C");
    cmd
}

/// Every command path: `[]`, `["check"]`, `["sync", "merge"]`, ...
fn command_paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    out.push(prefix.to_vec());
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_owned());
        command_paths(sub, &path, out);
    }
}

#[test]
fn every_option_and_argument_has_a_description() {
    let mut cmd = kartei::cli::Cli::command();
    cmd.build();
    let mut paths = Vec::new();
    command_paths(&cmd, &[], &mut paths);
    assert!(paths.len() >= 16, "{paths:?}");
    let mut missing = Vec::new();
    for path in &paths {
        let mut c = &cmd;
        for name in path {
            c = c.find_subcommand(name).unwrap();
        }
        if !path.is_empty() {
            assert!(
                c.get_about().is_some(),
                "`kartei {}` has no description",
                path.join(" ")
            );
        }
        for arg in c.get_arguments() {
            if arg.is_hide_set() {
                continue;
            }
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("kartei {} {}", path.join(" "), arg.get_id()));
            }
        }
    }
    assert!(missing.is_empty(), "without a description: {missing:?}");

    // And the binary shows them: no option line in `--help` stands alone.
    let dir = tempfile::tempdir().unwrap();
    for path in &paths {
        let out = kartei(dir.path()).args(path).arg("-h").output().unwrap();
        assert!(out.status.success(), "{path:?}");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        for line in text.lines() {
            let t = line.trim_start();
            let is_item = line.starts_with("  ")
                && (t.starts_with('-') || t.starts_with('<') || t.starts_with('['));
            if is_item {
                assert!(
                    t.contains("  "),
                    "kartei {}: {line:?} has no description\n{text}",
                    path.join(" ")
                );
            }
        }
    }
}

/// The `name(1)` references in a roff page.
fn references(page: &str) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    for word in page.split(|c: char| c.is_whitespace() || c == ',' || c == ':') {
        let word = word.replace("\\-", "-");
        if let Some(name) = word.strip_suffix("(1)")
            && name.starts_with("kartei")
            && !name.contains("COMMAND")
        {
            refs.insert(name.trim_start_matches("\\fB").to_owned());
        }
    }
    refs
}

#[test]
fn man_pages_exist_for_every_reference_and_have_the_extra_sections() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man/man1");
    let out = kartei(dir.path())
        .args(["man", "--out-dir"])
        .arg(&pages)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: BTreeSet<String> = fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for name in [
        "kartei.1",
        "kartei-check.1",
        "kartei-sync-merge.1",
        "kartei-decks-copy-bundled.1",
    ] {
        assert!(files.contains(name), "{name} missing from {files:?}");
    }
    let mut all_refs = BTreeSet::new();
    for file in &files {
        let text = fs::read_to_string(pages.join(file)).unwrap();
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{file}");
        all_refs.extend(references(&text));
    }
    assert!(all_refs.contains("kartei-check"), "{all_refs:?}");
    for r in &all_refs {
        assert!(
            files.contains(&format!("{r}.1")),
            "{r}(1) is referred to but has no page"
        );
    }

    // kartei(1) from stdout is the same page, with kartei's own sections.
    let out = kartei(dir.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    let main = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(main, fs::read_to_string(pages.join("kartei.1")).unwrap());
    for section in [
        ".SH KEYS",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"",
    ] {
        assert!(main.contains(section), "{section} missing");
    }
    for var in [
        "KARTEI_DATA_DIR",
        "KARTEI_NOW",
        "VISUAL",
        "EDITOR",
        "NO_COLOR",
        "LANG",
    ] {
        assert!(main.contains(var), "{var} missing from ENVIRONMENT");
    }
    for file in ["journal.jsonl", "journal.lock", "config.toml", "decks/"] {
        assert!(main.contains(file), "{file} missing from FILES");
    }
    // KEYS is README's key table, row by row.
    let rows = kartei::cli::man_key_rows();
    assert!(rows.len() >= 15, "{rows:?}");
    let keys = &main[main.find(".SH KEYS").unwrap()..main.find(".SH FILES").unwrap()];
    for [key, _, _] in &rows {
        let first = key.split_whitespace().next().unwrap();
        assert!(
            keys.contains(&first.replace('-', "\\-")) || keys.contains(first),
            "{key} missing from KEYS"
        );
    }
    assert!(keys.contains("Ctrl\\-C"), "{keys}");

    // One subcommand's page, and a clear error for an unknown one.
    let out = kartei(dir.path())
        .args(["man", "sync", "merge"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(".TH kartei-sync-merge"), "{text}");
    let out = kartei(dir.path())
        .args(["man", "gibtsnicht"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no subcommand `gibtsnicht`"));
}
