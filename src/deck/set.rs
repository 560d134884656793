//! Loading every deck the app uses: bundled, the user's deck folder and
//! extra files or folders, with cross-deck checks (deck ids and card ids
//! must be unique over all of them).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

use super::bundled::bundled;
use super::diagnostic::{Diagnostic, Severity};
use super::problem::{FileKind, Problem, Skip};
use serde::{Deserialize, Serialize};

use super::cards::{CardKey, Cards, Heads};
use super::load::{MAX_DECK_BYTES, Parsed, load_bytes, load_file, parse_deck, read_deck_file};
use super::model::{Card, CardId, Deck, DeckOrigin};
use crate::cache::Cache;

/// All loaded decks plus every problem found while loading them. Decks with
/// errors are not in `decks`.
#[derive(Debug, Clone, Default)]
pub struct DeckSet {
    pub decks: Vec<Deck>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// card id -> (deck index, card index)
    index: HashMap<CardId, (usize, usize), crate::cache::FnvBuild>,
}

impl DeckSet {
    /// A set of already validated decks (no cross-deck checks).
    #[must_use]
    pub fn from_decks(decks: Vec<Deck>) -> Self {
        let mut set = Self {
            decks,
            ..Self::default()
        };
        set.reindex();
        set
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (d, deck) in self.decks.iter().enumerate() {
            for (c, card) in deck.cards.keys().enumerate() {
                self.index.entry(card.id.clone()).or_insert((d, c));
            }
        }
    }

    /// The card with this id and its deck.
    #[must_use]
    pub fn card(&self, id: &CardId) -> Option<(&Deck, &Card)> {
        if let Some(&(d, c)) = self.index.get(id)
            && let Some(deck) = self.decks.get(d)
            && deck.cards.key(c).is_some_and(|k| k.id == id)
            && let Some(card) = deck.cards.get_one(c)
        {
            return Some((deck, card));
        }
        // The public fields were changed after loading: search.
        self.cards().find(|(_, card)| card.id == *id)
    }

    /// Every card with its deck, decks in load order, cards in file order.
    pub fn cards(&self) -> impl Iterator<Item = (&Deck, &Card)> {
        self.decks
            .iter()
            .flat_map(|d| d.cards.iter().map(move |c| (d, c)))
    }

    /// The deck with this id.
    #[must_use]
    pub fn deck(&self, id: &str) -> Option<&Deck> {
        self.decks.iter().find(|d| d.id == id)
    }

    /// Adds a deck without the cross-deck checks (a deck kept from an
    /// earlier load); its card ids join the index.
    pub fn keep(&mut self, deck: Deck) {
        let d = self.decks.len();
        for (c, card) in deck.cards.keys().enumerate() {
            self.index.entry(card.id.clone()).or_insert((d, c));
        }
        self.decks.push(deck);
    }

    /// Whether a card with this id is loaded (by the index, which covers
    /// every deck added through [`DeckSet::add`], [`DeckSet::from_decks`]
    /// and [`DeckSet::keep`]).
    #[must_use]
    pub fn contains(&self, id: &CardId) -> bool {
        self.index.contains_key(id)
    }

    /// Whether no card id occurs twice (see [`DeckSet::contains`]).
    #[must_use]
    pub fn ids_unique(&self) -> bool {
        self.index.len() == self.card_count()
    }

    /// Every card's key with its deck, in the order of [`DeckSet::cards`],
    /// without decoding cards from the deck cache.
    pub fn card_keys(&self) -> impl Iterator<Item = (&Deck, CardKey<'_>)> {
        self.decks
            .iter()
            .flat_map(|d| d.cards.keys().map(move |c| (d, c)))
    }

    /// The number of cards in all decks.
    #[must_use]
    pub fn card_count(&self) -> usize {
        self.decks.iter().map(|d| d.cards.count()).sum()
    }

    /// Adds the result of loading one file, with the cross-deck checks.
    pub fn add(&mut self, result: Result<Parsed, Vec<Diagnostic>>) {
        let parsed = match result {
            Ok(p) => p,
            Err(errors) => {
                self.errors.extend(errors);
                return;
            }
        };
        let deck = parsed.deck;
        let file = deck.origin.display_name();
        if let Some(other) = self.deck(&deck.id) {
            self.errors.push(Diagnostic::file_error(
                file,
                Problem::DeckIdTaken {
                    id: deck.id.clone(),
                    other_file: other.origin.display_name(),
                },
            ));
            return;
        }
        // One pass: each id goes into the index unless a loaded card has it
        // (an entry pointing at a card with another id is stale: the public
        // fields were changed after loading). On a clash this deck's ids
        // are taken out again.
        let d = self.decks.len();
        self.index.reserve(deck.cards.count());
        let mut clashes = Vec::new();
        for (c, card) in deck.cards.keys().enumerate() {
            match self.index.entry(card.id.clone()) {
                Entry::Vacant(v) => {
                    v.insert((d, c));
                }
                Entry::Occupied(mut o) => {
                    let (od, oc) = *o.get();
                    let other = self.decks.get(od).and_then(|deck| {
                        deck.cards
                            .key(oc)
                            .filter(|k| k.id == card.id)
                            .map(|k| (deck, k.line))
                    });
                    match other {
                        Some((other_deck, line)) => clashes.push((
                            card.id.to_string(),
                            card.line,
                            other_deck.id.clone(),
                            other_deck.origin.display_name(),
                            line,
                        )),
                        None => {
                            o.insert((d, c));
                        }
                    }
                }
            }
        }
        if !clashes.is_empty() {
            self.index.retain(|_, &mut (id_deck, _)| id_deck != d);
            for (id, line, other_deck, other_file, other_line) in clashes {
                self.errors.push(Diagnostic {
                    severity: Severity::Error,
                    file: file.clone(),
                    line,
                    column: 1,
                    problem: Box::new(Problem::CardIdTaken {
                        id,
                        deck: other_deck,
                        file: other_file,
                        line: other_line,
                    }),
                    source_line: None,
                    width: 1,
                });
            }
            return;
        }
        self.warnings.extend(parsed.warnings);
        self.decks.push(deck);
    }
}

/// Why a `*.toml` entry of a deck folder is not loaded: not a regular file
/// (a pipe, a device, a folder) or a broken symbolic link.
fn skipped(p: &Path) -> Option<Skip> {
    match std::fs::metadata(p) {
        Ok(m) if m.is_file() => None,
        Ok(m) => Some(Skip::NotRegular(FileKind::of(m.file_type()))),
        Err(_) if std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) => Some(
            Skip::BrokenLink(std::fs::read_link(p).ok().map(|t| t.display().to_string())),
        ),
        Err(e) => Some(Skip::Unreadable((&e).into())),
    }
}

/// The deck files to load from the user's deck folder (a missing folder is
/// fine) and from `paths` (a folder contributes its `*.toml` files, sorted;
/// a file is taken as it is). Paths that appear twice are loaded once.
/// The diagnostics are errors (a folder that cannot be read) and warnings
/// (entries that were skipped: special files, broken symbolic links).
#[must_use]
pub fn deck_files(user_dir: Option<&Path>, paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut add_dir =
        |dir: &Path, must_exist: bool, files: &mut Vec<PathBuf>| match std::fs::read_dir(dir) {
            Ok(rd) => {
                let mut found: Vec<PathBuf> = rd
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                    .collect();
                found.sort();
                for p in found {
                    match skipped(&p) {
                        None => files.push(p),
                        Some(why) => errors.push(Diagnostic {
                            severity: Severity::Warning,
                            ..Diagnostic::file_error(
                                p.display().to_string(),
                                Problem::SkippedFile(why),
                            )
                        }),
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {}
            Err(e) => errors.push(Diagnostic::file_error(
                dir.display().to_string(),
                Problem::CannotReadFolder((&e).into()),
            )),
        };
    if let Some(dir) = user_dir {
        add_dir(dir, false, &mut files);
    }
    for p in paths {
        if p.is_dir() {
            add_dir(p, true, &mut files);
        } else {
            files.push(p.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    (files, errors)
}

/// Loads the bundled decks (if `bundled`), every `*.toml` in `user_dir` and
/// the given files and folders, in that order. A deck whose id is already
/// loaded, or which reuses a card id of an earlier deck, is reported and
/// skipped, with one exception: a deck file with the id of a bundled deck
/// replaces that bundled deck (a copy made with [`super::copy_bundled`] to
/// edit it), in the bundled deck's place.
#[must_use]
pub fn load_all(bundled_decks: bool, user_dir: Option<&Path>, paths: &[PathBuf]) -> DeckSet {
    load_all_with(bundled_decks, user_dir, paths, None)
}

/// [`load_all`] through the compiled deck cache (see [`load_file_cached`]).
/// `None` parses every file.
#[must_use]
pub fn load_all_with(
    bundled_decks: bool,
    user_dir: Option<&Path>,
    paths: &[PathBuf],
    cache: Option<&Cache>,
) -> DeckSet {
    let mut set = DeckSet::default();
    let (files, problems) = deck_files(user_dir, paths);
    let load = |files: &[PathBuf]| -> Vec<Option<Result<Parsed, Vec<Diagnostic>>>> {
        files
            .iter()
            .map(|f| {
                Some(match cache {
                    Some(cache) => load_file_cached(f, cache),
                    None => load_file(f),
                })
            })
            .collect()
    };
    // Several files load on both cores, cut where half of their bytes lie
    // behind (a large file also reads itself in two halves).
    let mut loaded = match cut_by_size(&files) {
        Some(cut) => {
            let (mut first, second) =
                crate::parallel::join(|| load(&files[..cut]), || load(&files[cut..]));
            first.extend(second);
            first
        }
        None => load(&files),
    };
    if bundled_decks {
        // Not cached: the bundled decks are small and already in memory,
        // and parsing them all costs less than reading a cache entry per deck
        // would save (see docs/performance.md).
        for (name, src) in bundled() {
            let parsed = parse_deck(src, DeckOrigin::Bundled((*name).to_owned()));
            let own_copy = parsed.as_ref().ok().and_then(|p| {
                loaded
                    .iter()
                    .position(|l| matches!(l, Some(Ok(own)) if own.deck.id == p.deck.id))
            });
            match own_copy {
                Some(i) => {
                    if let Some(own) = loaded[i].take() {
                        set.add(own);
                    }
                }
                None => set.add(parsed),
            }
        }
    }
    for d in problems {
        if d.is_error() {
            set.errors.push(d);
        } else {
            set.warnings.push(d);
        }
    }
    for l in loaded.into_iter().flatten() {
        set.add(l);
    }
    set
}

/// Together, files from this size on are loaded on two threads.
const SPLIT_FILES_FROM_BYTES: u64 = 64 << 10;

/// Where to cut `files` so that about half of their bytes lie before the
/// cut; `None` for a single file or little data.
fn cut_by_size(files: &[PathBuf]) -> Option<usize> {
    if files.len() < 2 {
        return None;
    }
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .collect();
    let total: u64 = sizes.iter().sum();
    if total < SPLIT_FILES_FROM_BYTES {
        return None;
    }
    let mut behind = 0;
    let cut = sizes
        .iter()
        .position(|&size| {
            behind += size;
            behind * 2 >= total
        })
        .map_or(files.len(), |i| i + 1);
    Some(cut.clamp(1, files.len() - 1))
}

/// A compiled deck of this size or more leaves its card records in the
/// entry's file, read when a card is shown (the file stays open); smaller
/// ones are read into memory (no file handle per small deck).
const RECORDS_IN_MEMORY_BELOW: u64 = 1 << 20;

/// The key of a deck file's cache entry; every part must match.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct DeckKey {
    path: PathBuf,
    size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    mtime_ns: i128,
    /// xxh3-128 of the file's bytes.
    content: u128,
}

/// A compiled deck file: its key and what loading it gave (the deck and
/// its warnings, or no deck and its errors). The deck's card records
/// follow the entry (see [`Cards`]): a start decodes the cards' keys only.
#[derive(Debug, Deserialize)]
struct DeckEntry {
    key: DeckKey,
    deck: Option<DeckHead>,
    diagnostics: Vec<CachedDiagnostic>,
}

/// A deck without its card records.
#[derive(Debug, Deserialize)]
struct DeckHead {
    id: String,
    name: String,
    description: String,
    tags: Vec<String>,
    origin: DeckOrigin,
    cards: Heads,
}

/// [`DeckEntry`] borrowed, for writing (same encoding).
#[derive(Serialize)]
struct DeckEntryRef<'a> {
    key: &'a DeckKey,
    deck: Option<DeckHeadRef<'a>>,
    diagnostics: Vec<CachedDiagnostic>,
}

/// [`DeckHead`] borrowed, for writing (same encoding).
#[derive(Serialize)]
struct DeckHeadRef<'a> {
    id: &'a str,
    name: &'a str,
    description: &'a str,
    tags: &'a [String],
    origin: &'a DeckOrigin,
    cards: Heads,
}

/// [`Diagnostic`] with every field stored (its own serde form is the JSON
/// output, which leaves some out).
#[derive(Debug, Serialize, Deserialize)]
struct CachedDiagnostic {
    error: bool,
    file: String,
    line: u32,
    column: u32,
    problem: Box<Problem>,
    source_line: Option<String>,
    width: u32,
}

impl From<Diagnostic> for CachedDiagnostic {
    fn from(d: Diagnostic) -> Self {
        Self {
            error: d.severity == Severity::Error,
            file: d.file,
            line: d.line,
            column: d.column,
            problem: d.problem,
            source_line: d.source_line,
            width: d.width,
        }
    }
}

impl From<CachedDiagnostic> for Diagnostic {
    fn from(d: CachedDiagnostic) -> Self {
        Self {
            severity: if d.error {
                Severity::Error
            } else {
                Severity::Warning
            },
            file: d.file,
            line: d.line,
            column: d.column,
            problem: d.problem,
            source_line: d.source_line,
            width: d.width,
        }
    }
}

/// Loads a deck file like [`load_file`], but returns the compiled result
/// from `cache` when the file's path, size, modification time and content
/// hash all match the entry; otherwise parses it and stores the result
/// (deck or diagnostics). The file is always read, so a change of any byte
/// is seen even when size and time stayed the same.
///
/// # Errors
/// As [`load_file`].
pub fn load_file_cached(path: &Path, cache: &Cache) -> Result<Parsed, Vec<Diagnostic>> {
    // Only a regular file within the size limit is looked at here; anything
    // else (a device, a pipe, a huge file) gets [`load_file`]'s refusal
    // without being read.
    let plain = |meta: &std::fs::Metadata| meta.is_file() && meta.len() <= MAX_DECK_BYTES;
    if !std::fs::metadata(path).is_ok_and(|m| plain(&m)) {
        return load_file(path);
    }
    // The content hash is computed while streaming the file, so a cache hit
    // never holds the whole text in memory.
    let scan = std::fs::File::open(path).and_then(|mut f| {
        let meta = f.metadata()?;
        if !plain(&meta) {
            return Err(std::io::Error::other("not a regular deck file"));
        }
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut buf = vec![0u8; 1 << 20];
        let mut size = 0u64;
        loop {
            let n = std::io::Read::read(&mut f, &mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            size += n as u64;
        }
        Ok((meta, size, hasher.digest128()))
    });
    let Ok((meta, size, content)) = scan else {
        return load_file(path);
    };
    let mtime_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i128::try_from(d.as_nanos()).unwrap_or(0));
    let key = DeckKey {
        path: path.to_path_buf(),
        size,
        mtime_ns,
        content,
    };
    let name = path.as_os_str().as_encoded_bytes();
    if let Some((entry, tail)) =
        cache.read_with_lazy_tail::<DeckEntry>("deck", name, RECORDS_IN_MEMORY_BELOW)
        && entry.key == key
    {
        let diagnostics = entry.diagnostics.into_iter().map(Into::into).collect();
        match entry.deck {
            Some(head) => {
                if let Some(cards) = Cards::from_encoded(head.cards, tail, Some(path.to_path_buf()))
                {
                    let deck = Deck {
                        id: head.id,
                        name: head.name,
                        description: head.description,
                        tags: head.tags,
                        origin: head.origin,
                        cards,
                    };
                    return Ok(Parsed {
                        deck,
                        warnings: diagnostics,
                    });
                }
            }
            None if tail.is_empty() => return Err(diagnostics),
            None => {}
        }
    }
    let bytes = match read_deck_file(path) {
        Ok(bytes) if crate::cache::hash(&bytes) == key.content => bytes,
        // Changed while we looked, or unreadable now: load without caching.
        _ => return load_file(path),
    };
    let result = load_bytes(&bytes, DeckOrigin::File(path.to_path_buf()));
    drop(bytes);
    // The entry is encoded and written by a job that owns what it needs
    // (the cards shared, not copied): a cache writing in the background
    // runs it on a thread of its own, so a start need not wait for it.
    let diagnostics: Vec<CachedDiagnostic> = match &result {
        Ok(parsed) => &parsed.warnings,
        Err(errors) => errors,
    }
    .iter()
    .cloned()
    .map(Into::into)
    .collect();
    let deck = match &result {
        Ok(Parsed { deck, .. }) => {
            let Some(cards) = deck.cards.shared() else {
                return result;
            };
            let head = (
                deck.id.clone(),
                deck.name.clone(),
                deck.description.clone(),
                deck.tags.clone(),
                deck.origin.clone(),
            );
            Some((head, cards))
        }
        Err(_) => None,
    };
    let name = name.to_vec();
    cache.later(move |cache| {
        let (deck, records) = match &deck {
            Some(((id, name, description, tags, origin), cards)) => {
                let Some((heads, records)) = Cards::encode(cards) else {
                    return;
                };
                let head = DeckHeadRef {
                    id,
                    name,
                    description,
                    tags,
                    origin,
                    cards: heads,
                };
                (Some(head), records)
            }
            None => (None, Vec::new()),
        };
        let entry = DeckEntryRef {
            key: &key,
            deck,
            diagnostics,
        };
        cache.write_with_tail("deck", &name, &entry, &records);
    });
    result
}
