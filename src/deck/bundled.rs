//! The decks shipped inside the binary (everything in `decks/` at build time).

include!(concat!(env!("OUT_DIR"), "/bundled_decks.rs"));

/// The bundled decks as `(file name, TOML text)`, sorted by file name.
#[must_use]
pub fn bundled() -> &'static [(&'static str, &'static str)] {
    BUNDLED
}

use std::path::{Path, PathBuf};

/// Why a bundled deck was not copied.
#[derive(Debug, thiserror::Error)]
pub enum CopyBundledError {
    /// No bundled deck has this id.
    #[error("there is no bundled deck `{id}`; the bundled decks are: {known}")]
    Unknown { id: String, known: String },
    /// The target file exists; it is never overwritten.
    #[error(
        "{} already exists and is not overwritten; edit that file, or move it away to copy the bundled deck again",
        .path.display()
    )]
    Exists { path: PathBuf },
    #[error("cannot create the deck folder {}: {source}", .path.display())]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", .path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The bundled decks as `(deck id, file name)`, sorted by file name.
#[must_use]
pub fn bundled_ids() -> Vec<(String, &'static str)> {
    BUNDLED
        .iter()
        .map(|(name, src)| {
            let id = super::parse_deck(src, super::DeckOrigin::Bundled((*name).to_owned()))
                .map_or_else(|_| name.trim_end_matches(".toml").to_owned(), |p| p.deck.id);
            (id, *name)
        })
        .collect()
}

/// Copies the bundled deck with id `id` into `dir` (normally the user's
/// deck folder, `decks/` in the data dir, which is created if needed) under
/// its bundled file name, so the user can edit it. The copy then replaces
/// the bundled deck when decks are loaded ([`super::load_all`]), with the
/// same card ids, so progress is kept. Returns the new file's path.
///
/// # Errors
/// [`CopyBundledError::Unknown`] for an id no bundled deck has,
/// [`CopyBundledError::Exists`] when the file is there already (it is never
/// overwritten), and the errors of creating the folder or writing the file
/// (written atomically: never half a file).
pub fn copy_bundled(dir: &Path, id: &str) -> Result<PathBuf, CopyBundledError> {
    let ids = bundled_ids();
    let Some(&(_, name)) = ids.iter().find(|(i, _)| i == id) else {
        return Err(CopyBundledError::Unknown {
            id: id.to_owned(),
            known: ids
                .iter()
                .map(|(i, _)| i.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    let src = BUNDLED
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, s)| *s);
    let path = dir.join(name);
    if path.symlink_metadata().is_ok() {
        return Err(CopyBundledError::Exists { path });
    }
    std::fs::create_dir_all(dir).map_err(|source| CopyBundledError::CreateDir {
        path: dir.to_path_buf(),
        source,
    })?;
    crate::atomic::write(&path, src.as_bytes()).map_err(|source| CopyBundledError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}
