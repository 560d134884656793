//! The compiled deck cache is disposable: whatever happens to it (deleted,
//! truncated, corrupted, garbage, a deck edited behind its back with the same
//! size and time), `kartei list` and `kartei check` print exactly what they
//! print without a cache. Through the binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const GOOD: &str = r#"[deck]
id = "eins"
name = "Eins"
description = ""
tags = ["t"]

[[cards]]
id = "a"
front = "Was ist A?"
back = "Alpha"
reverse = true

[[cards]]
kind = "cloze"
text = "Die {{Preispolitik}} und {{Distribution::D}}."

[[cards]]
id = "c"
kind = "choice"
front = "Welche?"
choices = ["x", "y", "z"]
answer = ["z"]
"#;

const BROKEN: &str = r#"[deck]
name = "Zwei"
description = ""

[[cards]]
frnt = "typo"
back = "b"
"#;

struct Setup {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cache: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let cache = tmp.path().join("cache");
    std::fs::create_dir_all(data.join("decks")).unwrap();
    std::fs::write(data.join("decks/eins.toml"), GOOD).unwrap();
    std::fs::write(data.join("decks/zwei.toml"), BROKEN).unwrap();
    Setup {
        _tmp: tmp,
        data,
        cache,
    }
}

/// (exit code, stdout, stderr) of `kartei ARGS` over the setup's data.
fn run(s: &Setup, cache: bool, args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("kartei").unwrap();
    cmd.env("KARTEI_DATA_DIR", &s.data)
        .env("KARTEI_CACHE_DIR", &s.cache)
        .env("KARTEI_NOW", "2026-11-27T09:00:00Z")
        .env("TZ", "UTC")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .arg("--no-bundled");
    if !cache {
        cmd.arg("--no-cache");
    }
    let out = cmd.args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const COMMANDS: &[&[&str]] = &[&["list", "--json"], &["check"], &["check", "--json"]];

fn outputs(s: &Setup, cache: bool) -> Vec<(i32, String, String)> {
    COMMANDS.iter().map(|args| run(s, cache, args)).collect()
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("deck-"))
    });
    files.sort();
    files
}

#[test]
fn cached_runs_print_what_uncached_runs_print() {
    let s = setup();
    let reference = outputs(&s, false);
    assert!(
        !s.cache.exists(),
        "--no-cache must not create the cache folder"
    );
    // Sanity: the reference shows the cards, the warning and the error.
    assert!(reference[0].1.contains("Was ist A?"), "{}", reference[0].1);
    assert!(reference[1].2.contains("frnt") || reference[1].1.contains("frnt"));
    assert!(
        reference[1].1.contains("derived id") || reference[1].2.contains("derived id"),
        "{reference:?}"
    );
    // First run writes one entry per deck file (the broken one included),
    // the second reads them.
    assert_eq!(outputs(&s, true), reference);
    let files = entries(&s.cache);
    assert_eq!(files.len(), 2);
    // A valid entry is read, not rewritten (a rewrite is an atomic rename,
    // which gives the entry a new inode).
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
    let before: Vec<u64> = files.iter().map(|f| inode(f)).collect();
    assert_eq!(outputs(&s, true), reference);
    let after: Vec<u64> = files.iter().map(|f| inode(f)).collect();
    assert_eq!(before, after, "valid entries were rebuilt");
}

#[test]
fn damaged_entries_are_rebuilt_and_change_nothing() {
    let s = setup();
    let reference = outputs(&s, false);
    type Damage = fn(&[u8]) -> Vec<u8>;
    let damages: &[(&str, Damage)] = &[
        ("empty", |_| Vec::new()),
        ("half", |b| b[..b.len() / 2].to_vec()),
        ("one byte short", |b| b[..b.len() - 1].to_vec()),
        ("one byte more", |b| [b, &[0]].concat()),
        ("garbage", |b| {
            (0..b.len()).map(|i| (i * 7 + 3) as u8).collect()
        }),
        ("flipped byte in the payload", |b| {
            let mut v = b.to_vec();
            let i = v.len() - 20;
            v[i] ^= 0x01;
            v
        }),
        ("flipped byte in the header", |b| {
            let mut v = b.to_vec();
            v[3] ^= 0x20;
            v
        }),
    ];
    for (what, damage) in damages {
        assert_eq!(outputs(&s, true), reference, "before {what}");
        let files = entries(&s.cache);
        assert_eq!(files.len(), 2, "{what}");
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            std::fs::write(f, damage(&bytes)).unwrap();
        }
        assert_eq!(outputs(&s, true), reference, "after {what}");
    }
    // The entries of one deck swapped with the other's.
    let files = entries(&s.cache);
    let a = std::fs::read(&files[0]).unwrap();
    let b = std::fs::read(&files[1]).unwrap();
    std::fs::write(&files[0], b).unwrap();
    std::fs::write(&files[1], a).unwrap();
    assert_eq!(outputs(&s, true), reference, "swapped entries");
    // Deleted altogether.
    std::fs::remove_dir_all(&s.cache).unwrap();
    assert_eq!(outputs(&s, true), reference, "deleted cache");
    // The cache path is a file: nothing can be cached, nothing changes.
    std::fs::remove_dir_all(&s.cache).unwrap();
    std::fs::write(&s.cache, "not a folder").unwrap();
    assert_eq!(outputs(&s, true), reference, "cache path is a file");
}

#[test]
fn an_edit_with_the_same_size_and_time_is_seen() {
    let s = setup();
    let deck = s.data.join("decks/eins.toml");
    let before = run(&s, true, &["list", "--json"]);
    assert!(before.1.contains("Alpha") || before.1.contains("Was ist A?"));
    let mtime = std::fs::metadata(&deck).unwrap().modified().unwrap();
    let edited = GOOD.replace("Was ist A?", "Was ist B?");
    assert_eq!(edited.len(), GOOD.len());
    std::fs::write(&deck, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&deck)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let after = run(&s, true, &["list", "--json"]);
    assert!(after.1.contains("Was ist B?"), "{}", after.1);
    assert!(!after.1.contains("Was ist A?"), "{}", after.1);
    assert_eq!(after, run(&s, false, &["list", "--json"]));
    // Fixing the broken deck is seen too.
    std::fs::write(
        s.data.join("decks/zwei.toml"),
        BROKEN.replace("frnt", "front"),
    )
    .unwrap();
    let fixed = run(&s, true, &["check"]);
    assert_eq!(fixed, run(&s, false, &["check"]));
    assert!(!fixed.1.contains("frnt") && !fixed.2.contains("frnt"));
}

#[test]
fn the_default_cache_of_an_overridden_data_dir_is_inside_it() {
    let s = setup();
    let out = Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", &s.data)
        .env_remove("KARTEI_CACHE_DIR")
        .args(["--no-bundled", "list"])
        .output()
        .unwrap();
    assert!(out.status.code().is_some());
    assert_eq!(entries(&s.data.join("cache")).len(), 2);
}

/// A deck read from the cache keeps its cards encoded: the keys (id, deck,
/// tags, line) are there at once, one card decodes alone, and everything
/// that wants the cards gets exactly the parsed ones.
#[test]
fn a_cached_deck_decodes_its_cards_only_when_asked() {
    use kartei::cache::Cache;
    use kartei::deck::{CardId, load_file, load_file_cached};
    let s = setup();
    let cache = Cache::new(&s.cache);
    let path = s.data.join("decks/eins.toml");
    let parsed = load_file(&path).unwrap().deck;
    let cold = load_file_cached(&path, &cache).unwrap().deck;
    assert_eq!(cold, parsed);
    let mut warm = load_file_cached(&path, &cache).unwrap().deck;
    assert!(!warm.cards.is_decoded());
    let keys: Vec<_> = warm
        .cards
        .keys()
        .map(|k| (k.id.clone(), k.deck_id.to_owned(), k.tags.to_vec(), k.line))
        .collect();
    let want: Vec<_> = parsed
        .cards
        .iter()
        .map(|c| (c.id.clone(), c.deck_id.clone(), c.tags.clone(), c.line))
        .collect();
    assert_eq!(keys, want);
    assert_eq!(warm.cards.count(), parsed.cards.len());
    for i in [3, 0, 3] {
        assert_eq!(warm.cards.get_one(i), Some(&parsed.cards[i]));
    }
    assert_eq!(warm.cards.get_one(parsed.cards.len()), None);
    assert!(!warm.cards.is_decoded());
    let copy = warm.clone();
    assert_eq!(warm, parsed);
    assert!(warm.cards.is_decoded());
    assert!(!copy.cards.is_decoded());
    assert_eq!(copy.cards.into_vec(), parsed.cards.to_vec());
    // A changed card is what the keys show from then on.
    warm.cards[1].id = CardId::from("neu");
    assert_eq!(warm.cards.key(1).unwrap().id.as_str(), "neu");
    assert_eq!(warm.cards.get_one(1).unwrap().id.as_str(), "neu");
}

/// Opening a collection from the cache and computing the overview (what
/// the first screen shows) decodes no card of a cached deck.
#[test]
fn the_overview_decodes_no_card_of_a_cached_deck() {
    use chrono::{DateTime, FixedOffset, Utc};
    use kartei::collection::{Collection, OpenOptions};
    use kartei::study::{CollectionStudy, Study};
    let s = setup();
    let open = || {
        Collection::open(OpenOptions {
            data_dir: s.data.clone(),
            config_path: s.data.join("config.toml"),
            bundled: false,
            user_decks: Some(s.data.join("decks")),
            extra_decks: Vec::new(),
            offset: FixedOffset::east_opt(3600).unwrap(),
            read_only: false,
            cache_dir: Some(s.cache.clone()),
        })
        .unwrap()
    };
    let now: DateTime<Utc> = "2026-11-27T09:00:00Z".parse().unwrap();
    let reference = CollectionStudy::new(open()).overview(now);
    let warm = CollectionStudy::new(open());
    assert!(
        warm.collection()
            .decks()
            .decks
            .iter()
            .all(|d| !d.cards.is_decoded())
    );
    assert_eq!(warm.overview(now), reference);
    assert!(
        warm.collection()
            .decks()
            .decks
            .iter()
            .all(|d| !d.cards.is_decoded()),
        "the overview decoded cards"
    );
    assert_eq!(reference.decks[0].total, 5);
}

/// A deck large enough to be parsed, checked, built and encoded in two
/// halves: the cached deck is the parsed one, card for card.
#[test]
fn a_large_deck_round_trips_through_the_cache() {
    use kartei::cache::Cache;
    use kartei::deck::{load_file, load_file_cached};
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[deck]\nid = \"gross\"\nname = \"Gross\"\ntags = [\"d\"]\n\n");
    for i in 0..12_000 {
        match i % 3 {
            0 => toml.push_str(&format!(
                "[[cards]]\nid = \"b{i}\"\nfront = \"Frage {i}\"\nback = \"Antwort {i}\"\nreverse = {}\ntags = [\"t{}\"]\n\n",
                i % 2 == 0,
                i % 5
            )),
            1 => toml.push_str(&format!(
                "[[cards]]\nid = \"c{i}\"\nkind = \"cloze\"\ntext = \"Die {{{{L\u{fc}cke {i}}}}} und {{{{noch eine::Hinweis}}}}.\"\n\n"
            )),
            _ => toml.push_str(&format!(
                "[[cards]]\nid = \"m{i}\"\nkind = \"choice\"\nfront = \"Welche {i}?\"\nchoices = [\"a\", \"b\", \"c\"]\nanswer = \"b\"\n\n"
            )),
        }
    }
    assert!(toml.len() > 1 << 20);
    let path = dir.path().join("gross.toml");
    std::fs::write(&path, &toml).unwrap();
    let cache = Cache::new(dir.path().join("cache"));
    let parsed = load_file(&path).unwrap().deck;
    assert_eq!(parsed.cards.len(), 12_000 + 2_000 + 4_000);
    assert!(
        parsed
            .cards
            .iter()
            .all(|c| c.tags.last().map(String::as_str) == Some("d"))
    );
    assert_eq!(load_file_cached(&path, &cache).unwrap().deck, parsed);
    let warm = load_file_cached(&path, &cache).unwrap().deck;
    assert!(!warm.cards.is_decoded());
    for i in [0, 9_000, 17_999] {
        assert_eq!(warm.cards.get_one(i), Some(&parsed.cards[i]));
    }
    assert_eq!(warm, parsed);
    // A compiled deck this large leaves its records in the entry's file. If
    // another program overwrites that file in place while kartei runs, the
    // cards still come right (from the deck file, parsed again).
    let fresh = load_file_cached(&path, &cache).unwrap().deck;
    let entry = entries(&dir.path().join("cache")).pop().unwrap();
    let len = std::fs::metadata(&entry).unwrap().len();
    assert!(len >= 1 << 20, "{len} bytes: records kept in memory");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&entry)
        .unwrap();
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(len / 2)).unwrap();
    std::io::Write::write_all(&mut file, &vec![0xff; usize::try_from(len / 2).unwrap()]).unwrap();
    drop(file);
    assert_eq!(fresh.cards.get_one(17_999), Some(&parsed.cards[17_999]));
    assert_eq!(fresh, parsed);
}

/// Many deck files load on both cores: the decks come in file order, the
/// broken one is reported, and the cache gives the same set cold and warm.
#[test]
fn many_deck_files_load_in_order_with_and_without_cache() {
    use kartei::cache::Cache;
    use kartei::deck::load_all_with;
    let dir = tempfile::tempdir().unwrap();
    let decks = dir.path().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    // Sizes from 1 to 40 KiB, so the cut by size is not at the middle.
    for i in 0..12usize {
        let mut toml = format!("[deck]\nid = \"d{i:02}\"\n");
        for j in 0..(i * i * 4 + 5) {
            toml.push_str(&format!(
                "\n[[cards]]\nid = \"c{i}-{j}\"\nfront = \"Frage {i} {j}\"\nback = \"A\"\n"
            ));
        }
        if i == 7 {
            toml.push_str("\n[[cards]]\nid = \"kaputt\"\nfront = 3\n");
        }
        std::fs::write(decks.join(format!("d{i:02}.toml")), toml).unwrap();
    }
    let ids = |set: &kartei::deck::DeckSet| -> Vec<String> {
        set.decks.iter().map(|d| d.id.clone()).collect()
    };
    let expected: Vec<String> = (0..12)
        .filter(|&i| i != 7)
        .map(|i| format!("d{i:02}"))
        .collect();
    let plain = load_all_with(false, Some(&decks), &[], None);
    assert_eq!(ids(&plain), expected);
    assert!(plain.errors.iter().all(|e| e.file.ends_with("d07.toml")));
    assert!(!plain.errors.is_empty());
    let cache_dir = dir.path().join("cache");
    let cold = load_all_with(false, Some(&decks), &[], Some(&Cache::new(&cache_dir)));
    let warm = load_all_with(false, Some(&decks), &[], Some(&Cache::new(&cache_dir)));
    // Read from the entries (comparing decodes them).
    assert!(warm.decks.iter().all(|d| !d.cards.is_decoded()));
    for set in [&cold, &warm] {
        assert_eq!(ids(set), expected);
        assert_eq!(set.decks, plain.decks);
        assert_eq!(set.errors, plain.errors);
    }
}

/// Whether a deck's cards may belong to a deck id: the same answer for
/// decoded and encoded cards, and kept up to date when cards change.
#[test]
fn may_hold_deck_answers_alike_decoded_and_encoded() {
    use kartei::deck::{DeckOrigin, parse_deck};
    let parsed = parse_deck(
        "[deck]\nid = \"a\"\n[[cards]]\nid = \"x\"\nfront = \"F\"\nback = \"B\"\n",
        DeckOrigin::File("a.toml".into()),
    )
    .unwrap();
    let mut cards = parsed.deck.cards;
    assert!(cards.is_decoded());
    assert!(cards.may_hold_deck("a"));
    assert!(!cards.may_hold_deck("b"));
    cards[0].deck_id = "b".into();
    assert!(cards.may_hold_deck("b"));
    assert!(!cards.may_hold_deck("a"));
}
