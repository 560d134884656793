//! Live reload: watches the deck folders and files and reports, without
//! blocking, when a deck file changed. Bursts of events (an editor writes a
//! temporary file, renames it over the deck, touches a backup) coalesce into
//! one [`ReloadRequest`] once the folder has been quiet for the debounce time.
//!
//! Folders are watched non-recursively; for a single file its parent folder
//! is watched, because editors replace files by rename, which a watch on the
//! file itself would lose. A deck folder that does not exist yet (`decks/`
//! in a fresh data directory) is waited for in its parent: once it is
//! created (e.g. by `kartei import`), it is watched and the decks reload. Only `*.toml` files count; hidden files
//! (`.deck.toml.swp`), backups (`deck.toml~`) and vim's probe file `4913`
//! never trigger a reload.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};
use thiserror::Error;

/// Events closer together than this coalesce into one reload.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Why watching could not start.
#[derive(Debug, Error)]
pub enum WatchError {
    #[error(
        "cannot watch the deck files for changes: {0}; live reload is off (restart kartei after editing)"
    )]
    Init(#[source] notify::Error),
    #[error("cannot watch {}: {source}; live reload is off for it", path.display())]
    Watch {
        path: PathBuf,
        #[source]
        source: notify::Error,
    },
}

/// Deck files changed: load the decks again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadRequest {
    /// The changed deck files (sorted, each once).
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Default)]
struct Pending {
    paths: BTreeSet<PathBuf>,
    last: Option<Instant>,
}

/// Watches deck folders and files; see the module docs.
pub struct DeckWatcher {
    watcher: RefCell<notify::RecommendedWatcher>,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    /// Folders whose `*.toml` files all count.
    dirs: BTreeSet<PathBuf>,
    /// Single files that count (as the watched parent joined with the name).
    files: BTreeSet<PathBuf>,
    /// Deck folders that did not exist yet; their parent is watched.
    missing_dirs: RefCell<BTreeSet<PathBuf>>,
    /// Folders that came into being since and are watched now.
    new_dirs: RefCell<BTreeSet<PathBuf>>,
    debounce: Duration,
    pending: RefCell<Pending>,
}

impl std::fmt::Debug for DeckWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeckWatcher")
            .field("dirs", &self.dirs)
            .field("files", &self.files)
            .field("debounce", &self.debounce)
            .finish_non_exhaustive()
    }
}

impl DeckWatcher {
    /// Watches `paths` (deck folders and single deck files) with the default
    /// debounce. Paths that do not exist (and single files whose folder does
    /// not exist) are skipped.
    ///
    /// # Errors
    /// The platform watcher cannot start, or an existing folder cannot be
    /// watched (e.g. the inotify watch limit is reached).
    pub fn new(paths: Vec<PathBuf>) -> Result<DeckWatcher, WatchError> {
        Self::with_debounce(paths, DEBOUNCE)
    }

    /// Like [`DeckWatcher::new`] with another quiet time.
    ///
    /// # Errors
    /// As [`DeckWatcher::new`].
    pub fn with_debounce(
        paths: Vec<PathBuf>,
        debounce: Duration,
    ) -> Result<DeckWatcher, WatchError> {
        Self::with_wake(paths, debounce, || {})
    }

    /// Like [`DeckWatcher::with_debounce`]; `wake` is called (on the
    /// watcher's thread) whenever a deck file changed or a deck folder waited
    /// for appeared, so a caller that sleeps can wake up and [`poll`].
    ///
    /// [`poll`]: DeckWatcher::poll
    ///
    /// # Errors
    /// As [`DeckWatcher::new`].
    pub fn with_wake(
        paths: Vec<PathBuf>,
        debounce: Duration,
        wake: impl Fn() + Send + 'static,
    ) -> Result<DeckWatcher, WatchError> {
        let mut dirs = BTreeSet::new();
        let mut files = BTreeSet::new();
        let mut missing_dirs = BTreeSet::new();
        let mut folders = BTreeSet::new();
        for path in paths {
            let future_dir = !path.exists()
                && path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.ends_with(".toml"));
            let folder = if path.is_dir() {
                dirs.insert(path.clone());
                path
            } else {
                let parent = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                    _ => PathBuf::from("."),
                };
                let Some(name) = path.file_name() else {
                    continue;
                };
                if !parent.is_dir() {
                    continue;
                }
                if future_dir {
                    missing_dirs.insert(parent.join(name));
                } else {
                    files.insert(parent.join(name));
                }
                parent
            };
            folders.insert(folder);
        }
        let (tx, events) = mpsc::channel();
        // A folder waited for counts like a watched one for the wake-up: its
        // creation and the deck files in it once it is watched.
        let wake_dirs: BTreeSet<PathBuf> = dirs.union(&missing_dirs).cloned().collect();
        let (wake_files, wake_missing) = (files.clone(), missing_dirs.clone());
        let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
            // Wake the caller only for what `poll` acts on: a change of a
            // deck file, a deck folder appearing (or an error), not the
            // journal or a read beside it.
            let relevant = match &ev {
                Ok(e) => {
                    !matches!(e.kind, EventKind::Access(_))
                        && e.paths
                            .iter()
                            .any(|p| wake_missing.contains(p) || counts(&wake_dirs, &wake_files, p))
                }
                Err(_) => true,
            };
            // The receiver is gone only when the watcher is being dropped.
            if tx.send(ev).is_ok() && relevant {
                wake();
            }
        })
        .map_err(WatchError::Init)?;
        for folder in folders {
            watcher
                .watch(&folder, RecursiveMode::NonRecursive)
                .map_err(|source| WatchError::Watch {
                    path: folder.clone(),
                    source,
                })?;
        }
        Ok(DeckWatcher {
            watcher: RefCell::new(watcher),
            events,
            dirs,
            files,
            missing_dirs: RefCell::new(missing_dirs),
            new_dirs: RefCell::new(BTreeSet::new()),
            debounce,
            pending: RefCell::new(Pending::default()),
        })
    }

    /// True when a change of `path` should reload the decks.
    fn counts(&self, path: &Path) -> bool {
        counts(&self.dirs, &self.files, path)
            || counts(&self.new_dirs.borrow(), &BTreeSet::new(), path)
    }

    /// How long until [`DeckWatcher::poll`] may have a request: the rest of
    /// the debounce time after a change, `None` when nothing is pending (a
    /// new change calls the wake function).
    #[must_use]
    pub fn next_poll(&self) -> Option<Duration> {
        self.pending
            .borrow()
            .last
            .map(|last| self.debounce.saturating_sub(last.elapsed()))
    }

    /// A deck folder that was missing now exists: watch it. True when it
    /// is one of the folders waited for.
    fn appeared(&self, path: &Path) -> bool {
        if !self.missing_dirs.borrow().contains(path) || !path.is_dir() {
            return false;
        }
        self.missing_dirs.borrow_mut().remove(path);
        // A failure leaves live reload off for it; the reload now still
        // picks up what is there.
        let _ = self
            .watcher
            .borrow_mut()
            .watch(path, RecursiveMode::NonRecursive);
        self.new_dirs.borrow_mut().insert(path.to_path_buf());
        true
    }

    /// Collects what happened since the last call, without blocking.
    /// Returns a request once relevant changes were seen and nothing more
    /// happened for the debounce time; `None` otherwise.
    pub fn poll(&self) -> Option<ReloadRequest> {
        let mut pending = self.pending.borrow_mut();
        while let Ok(event) = self.events.try_recv() {
            // A watcher error (e.g. an event queue overflow) may have lost a
            // change: reload to be safe.
            let Ok(event) = event else {
                pending.last = Some(Instant::now());
                continue;
            };
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for path in event.paths {
                if self.appeared(&path) || self.counts(&path) {
                    pending.paths.insert(path);
                    pending.last = Some(Instant::now());
                }
            }
        }
        let last = pending.last?;
        if last.elapsed() < self.debounce {
            return None;
        }
        pending.last = None;
        Some(ReloadRequest {
            paths: std::mem::take(&mut pending.paths).into_iter().collect(),
        })
    }
}

/// True when a change of `path` should reload the decks: a deck file in one
/// of `dirs`, or one of `files`.
fn counts(dirs: &BTreeSet<PathBuf>, files: &BTreeSet<PathBuf>, path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if !is_deck_file_name(name) {
        return false;
    }
    files.contains(path) || path.parent().is_some_and(|p| dirs.contains(p))
}

/// True for `*.toml` names that are not hidden, backup or swap files.
#[must_use]
pub fn is_deck_file_name(name: &str) -> bool {
    name.ends_with(".toml") && !name.starts_with('.') && !name.ends_with('~') && name != ".toml"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_deck_files_count() {
        assert!(is_deck_file_name("marketing.toml"));
        assert!(!is_deck_file_name(".marketing.toml.swp"));
        assert!(!is_deck_file_name(".marketing.toml"));
        assert!(!is_deck_file_name("marketing.toml~"));
        assert!(!is_deck_file_name("4913"));
        assert!(!is_deck_file_name("notes.md"));
    }
}
