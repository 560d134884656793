//! Loading every deck the app uses: bundled, the user's deck folder and
//! extra files or folders, with cross-deck checks (deck ids and card ids
//! must be unique over all of them).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::bundled::bundled;
use super::diagnostic::{Diagnostic, Severity};
use super::load::{Parsed, load_file, parse_deck};
use super::model::{Card, CardId, Deck, DeckOrigin};

/// All loaded decks plus every problem found while loading them. Decks with
/// errors are not in `decks`.
#[derive(Debug, Clone, Default)]
pub struct DeckSet {
    pub decks: Vec<Deck>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// card id -> (deck index, card index)
    index: HashMap<CardId, (usize, usize)>,
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
            for (c, card) in deck.cards.iter().enumerate() {
                self.index.entry(card.id.clone()).or_insert((d, c));
            }
        }
    }

    /// The card with this id and its deck.
    #[must_use]
    pub fn card(&self, id: &CardId) -> Option<(&Deck, &Card)> {
        if let Some(&(d, c)) = self.index.get(id)
            && let Some(deck) = self.decks.get(d)
            && let Some(card) = deck.cards.get(c)
            && card.id == *id
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

    /// The number of cards in all decks.
    #[must_use]
    pub fn card_count(&self) -> usize {
        self.decks.iter().map(|d| d.cards.len()).sum()
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
            self.errors.push(
                Diagnostic::file_error(
                    file,
                    format!(
                        "deck id `{}` is already used by {}; this deck is skipped",
                        deck.id,
                        other.origin.display_name()
                    ),
                )
                .with_help(
                    "give one of the decks another `id` in its `[deck]` table, or remove the copy",
                ),
            );
            return;
        }
        let mut clash = false;
        for card in &deck.cards {
            if let Some((other_deck, other)) = self.card(&card.id) {
                clash = true;
                self.errors.push(Diagnostic {
                    severity: Severity::Error,
                    file: file.clone(),
                    line: card.line,
                    column: 1,
                    message: format!(
                        "card id `{}` is already used in deck `{}` ({}:{}); this deck is skipped",
                        card.id,
                        other_deck.id,
                        other_deck.origin.display_name(),
                        other.line
                    ),
                    help: Some(
                        "card ids must be unique across all decks; rename this one".to_owned(),
                    ),
                    source_line: None,
                    width: 1,
                });
            }
        }
        if clash {
            return;
        }
        self.warnings.extend(parsed.warnings);
        let d = self.decks.len();
        for (c, card) in deck.cards.iter().enumerate() {
            self.index.insert(card.id.clone(), (d, c));
        }
        self.decks.push(deck);
    }
}

/// Why a `*.toml` entry of a deck folder is not loaded: not a regular file
/// (a pipe, a device, a folder) or a broken symbolic link.
fn skipped(p: &Path) -> Option<String> {
    match std::fs::metadata(p) {
        Ok(m) if m.is_file() => None,
        Ok(m) => Some(format!(
            "not a regular file ({})",
            super::load::file_kind(m.file_type())
        )),
        Err(_) if std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()) => {
            Some(match std::fs::read_link(p) {
                Ok(t) => format!("a broken symbolic link (to {})", t.display()),
                Err(_) => "a broken symbolic link".to_owned(),
            })
        }
        Err(e) => Some(format!("cannot read it: {e}")),
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
                                format!("skipped: {why}"),
                            )
                            .with_help("deck folders should hold regular .toml files only")
                        }),
                    }
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {}
            Err(e) => errors.push(
                Diagnostic::file_error(
                    dir.display().to_string(),
                    format!("cannot read the folder: {e}"),
                )
                .with_help("check that the folder exists and is readable"),
            ),
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
    let mut set = DeckSet::default();
    let (files, problems) = deck_files(user_dir, paths);
    let mut loaded: Vec<Option<Result<Parsed, Vec<Diagnostic>>>> =
        files.iter().map(|f| Some(load_file(f))).collect();
    if bundled_decks {
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
