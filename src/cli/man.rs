//! `kartei man`: the man pages, made by `clap_mangen` from the argument
//! definitions, with kartei's own KEYS, FILES, ENVIRONMENT, EXAMPLES and SEE
//! ALSO sections (written with `roff`) on the main page, and one page per
//! subcommand (`kartei-check(1)`, `kartei-sync-merge(1)`, ...), so that
//! every page a page refers to exists.

use crate::i18n::{Lang, Tr};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::CommandFactory as _;
use roff::{Roff, bold, italic, roman};

use super::Cli;

/// The README, whose key table is the KEYS section: one source for both.
const README: &str = include_str!("../../README.md");

/// The command tree as the man pages show it: built, so that subcommands
/// have their full names (`kartei-sync-merge`), and without clap's `help`
/// subcommand, which has no page.
fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// The subcommand at `path` (`["sync", "merge"]`).
fn find(cmd: &clap::Command, path: &[String], lang: Lang) -> Result<clap::Command> {
    let mut cur = cmd.clone();
    for (i, name) in path.iter().enumerate() {
        let Some(sub) = cur.find_subcommand(name).cloned() else {
            let known: Vec<&str> = cur.get_subcommands().map(clap::Command::get_name).collect();
            bail!(
                "{}",
                Tr(lang).no_subcommand(&path[..i].join(" "), name, &known.join(", "))
            );
        };
        cur = sub;
    }
    Ok(cur)
}

/// The rows of README's key table as `(key, where, what)`, markup removed.
#[must_use]
pub fn key_rows() -> Vec<[String; 3]> {
    let mut rows = Vec::new();
    let mut in_table = false;
    for line in README.lines() {
        let line = line.trim();
        if line.starts_with("| key | where | what |") {
            in_table = true;
            continue;
        }
        if !in_table || line.starts_with("|---") {
            continue;
        }
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<String> = line
            .trim_matches('|')
            .split(" | ")
            .map(|c| c.trim().replace('`', "").replace("\\|", "|"))
            .collect();
        if let [key, place, what] = cells.as_slice() {
            rows.push([key.clone(), place.clone(), what.clone()]);
        }
    }
    rows
}

/// kartei's own sections of the main page.
fn extra_sections() -> Roff {
    let mut r = Roff::new();
    r.control("SH", ["KEYS"]);
    r.text([roman(
        "Without a subcommand kartei opens its terminal interface. ? (or h) shows the keys of the \
         current screen. Keys can be remapped in the [keys] table of config.toml.",
    )]);
    for [key, place, what] in key_rows() {
        r.control("TP", []);
        r.text([bold(key), roman(format!(" ({place})"))]);
        r.text([roman(what)]);
    }

    r.control("SH", ["FILES"]);
    let files: [(&str, &str); 7] = [
        (
            "DATA/journal.jsonl",
            "The append-only journal of every review, undo and quiz answer, one JSON object a line; \
             the only source of truth for progress. DATA is the data directory: \
             ~/.local/share/kartei on Linux, ~/Library/Application Support/kartei on macOS, \
             %APPDATA%\\kartei\\data on Windows, or KARTEI_DATA_DIR / --data-dir.",
        ),
        (
            "DATA/journal.jsonl.bak-N",
            "A backup made before a line torn by a crash was cut off.",
        ),
        (
            "DATA/journal.lock",
            "Held while a kartei writes to the journal; a second one is refused.",
        ),
        (
            "DATA/decks/",
            "Your own decks, one TOML file each (kartei import writes here; \
             kartei decks copy-bundled copies bundled decks here to edit them).",
        ),
        (
            "~/.config/kartei/config.toml",
            "Settings: [scheduler], [keys], [quiz]. In DATA/config.toml when the data directory \
             was moved with KARTEI_DATA_DIR or --data-dir.",
        ),
        (
            "~/.cache/kartei/",
            "The start-up cache: compiled decks (deck-*.bin) and the journal checkpoint \
             (journal-*.bin), each checked against the files it was made from and rebuilt when \
             anything differs; deleting it only makes the next start slower. In DATA/cache/ when \
             the data directory was moved, or KARTEI_CACHE_DIR; --no-cache neither reads nor \
             writes it.",
        ),
        (
            "*.toml (deck files)",
            "The deck format is described in docs/deck-format.md; kartei new FILE writes a \
             commented template.",
        ),
    ];
    for (path, what) in files {
        r.control("TP", []);
        r.text([italic(path)]);
        r.text([roman(what)]);
    }

    r.control("SH", ["ENVIRONMENT"]);
    let env: [(&str, &str); 6] = [
        (
            "KARTEI_DATA_DIR",
            "The data directory (journal, decks/, config.toml); --data-dir overrides it.",
        ),
        (
            "KARTEI_CACHE_DIR",
            "The folder of the start-up cache (compiled decks, journal checkpoint); --no-cache \
             turns the cache off.",
        ),
        (
            "KARTEI_NOW",
            "An RFC 3339 time such as 2026-11-27T09:00:00+01:00 that replaces the clock, for \
             planning and tests.",
        ),
        (
            "VISUAL, EDITOR",
            "The editor that e opens a card's deck file in (VISUAL first; default vi).",
        ),
        (
            "NO_COLOR",
            "When set and not empty, no colours are used (nothing is shown by colour alone).",
        ),
        (
            "LC_ALL, LC_MESSAGES, LANG",
            "The first one that is set chooses the language: German when it starts with de, \
             English otherwise; --lang de|en overrides it.",
        ),
    ];
    for (name, what) in env {
        r.control("TP", []);
        r.text([bold(name)]);
        r.text([roman(what)]);
    }

    r.control("SH", ["EXAMPLES"]);
    let examples: [(&str, &str); 9] = [
        ("kartei", "Open the deck overview and start reviewing."),
        (
            "kartei check ~/karten/",
            "Check every deck file in a folder, with file:line:column for each problem.",
        ),
        (
            "kartei check --fix meine.toml",
            "Write ids into the cards of a deck that lack them.",
        ),
        (
            "kartei quiz --deck marketing-mix --count 10 --time 10m",
            "A timed mock exam of ten questions.",
        ),
        (
            "kartei stats --json",
            "Progress per deck and in total, as JSON.",
        ),
        (
            "kartei import notizen.txt --deck-name \"Aus Anki\"",
            "Turn an Anki \"Notes in Plain Text\" export into a deck in your deck folder.",
        ),
        (
            "kartei export --format csv -o karten.csv",
            "Write every deck as CSV, every field kept; kartei import reads it back.",
        ),
        (
            "kartei decks copy-bundled marketing-mix",
            "Copy a bundled deck into your deck folder to edit it.",
        ),
        (
            "kartei man --out-dir /usr/local/share/man/man1",
            "Install this page and one page per subcommand.",
        ),
    ];
    for (cmd, what) in examples {
        r.control("TP", []);
        r.text([bold(cmd)]);
        r.text([roman(what)]);
    }

    r.control("SH", ["SEE ALSO"]);
    r.text([roman(
        "The kartei-COMMAND(1) pages named above: kartei man COMMAND prints one, \
         kartei man --out-dir DIR writes them all. The deck format and import/export are \
         described in docs/deck-format.md and docs/import-export.md in kartei's source.",
    )]);
    r
}

/// The main page, kartei(1), with kartei's own sections.
fn main_page(cmd: clap::Command) -> Result<Vec<u8>> {
    let man = clap_mangen::Man::new(cmd);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    man.render_subcommands_section(&mut out)?;
    out.write_all(extra_sections().render().as_bytes())?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// Every page as `(file name, roff)`: kartei.1 and one per subcommand.
fn all_pages() -> Result<Vec<(String, Vec<u8>)>> {
    fn walk(cmd: &clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let man = clap_mangen::Man::new(sub.clone());
            let mut page = Vec::new();
            man.render(&mut page)?;
            out.push((man.get_filename(), page));
            walk(sub, out)?;
        }
        Ok(())
    }
    let cmd = command();
    let mut pages = vec![("kartei.1".to_owned(), main_page(cmd.clone())?)];
    walk(&cmd, &mut pages)?;
    Ok(pages)
}

/// `kartei man [COMMAND...] [--out-dir DIR]`.
///
/// # Errors
/// An unknown subcommand, or a page that cannot be written.
pub fn run(path: &[String], out_dir: Option<&Path>, lang: Lang) -> Result<()> {
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir)
            .with_context(|| Tr(lang).cannot_create_folder(&dir.display().to_string()))?;
        let mut written: Vec<PathBuf> = Vec::new();
        for (name, page) in all_pages()? {
            let file = dir.join(&name);
            crate::atomic::write(&file, &page)
                .with_context(|| Tr(lang).cannot_write(&file.display().to_string()))?;
            written.push(file);
        }
        say!(
            "{}",
            Tr(lang).man_pages_written(written.len(), &dir.display().to_string())
        )?;
        return Ok(());
    }
    let cmd = command();
    let page = if path.is_empty() {
        main_page(cmd)?
    } else {
        let mut page = Vec::new();
        clap_mangen::Man::new(find(&cmd, path, lang)?).render(&mut page)?;
        page
    };
    std::io::stdout().write_all(&page)?;
    Ok(())
}
