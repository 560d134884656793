//! Everything a command needs from the outside world, read once: where data
//! lives, which decks to load, the current time and the language.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::{DateTime, FixedOffset, Local, Utc};

use super::{GlobalArgs, Lang};

/// The resolved environment of one run.
#[derive(Debug, Clone)]
pub struct Context {
    /// Journal, config, quiz results and the user's `decks/` folder.
    pub data_dir: PathBuf,
    /// `config.toml`: in the config dir, or in the data dir when that was
    /// overridden (so tests and portable setups keep everything together).
    pub config_path: PathBuf,
    /// Extra deck files or folders from `--decks`.
    pub deck_paths: Vec<PathBuf>,
    pub load_bundled: bool,
    /// The current time (`KARTEI_NOW` replaces the clock).
    pub now: DateTime<Utc>,
    /// The local UTC offset at `now`, for the day boundary.
    pub offset: FixedOffset,
    pub lang: Lang,
    /// The compiled deck cache and journal checkpoint (`None`: `--no-cache`).
    /// `KARTEI_CACHE_DIR`, else `cache/` in an overridden data dir, else the
    /// user's cache directory.
    pub cache_dir: Option<PathBuf>,
    /// `--read-only`: the journal is never written.
    pub read_only: bool,
}

impl Context {
    /// Reads the environment.
    ///
    /// # Errors
    /// An unparsable `KARTEI_NOW` or no home directory to put data in.
    pub fn from_env(args: &GlobalArgs) -> Result<Self> {
        let lang = args.lang.unwrap_or_else(lang_from_env);
        let now = match std::env::var("KARTEI_NOW") {
            Ok(s) if !s.trim().is_empty() => DateTime::parse_from_rfc3339(s.trim())
                .with_context(|| crate::i18n::Tr(lang).bad_now(&s))?
                .with_timezone(&Utc),
            _ => Utc::now(),
        };
        let offset = *now.with_timezone(&Local).offset();
        let env_dir = std::env::var_os("KARTEI_DATA_DIR").filter(|s| !s.is_empty());
        let overridden = args.data_dir.clone().or_else(|| env_dir.map(PathBuf::from));
        let (data_dir, config_path, default_cache) = if let Some(dir) = overridden {
            let config = dir.join("config.toml");
            let cache = dir.join("cache");
            (dir, config, cache)
        } else {
            let dirs = directories::ProjectDirs::from("", "", "kartei")
                .context(crate::i18n::Tr(lang).no_home())?;
            (
                dirs.data_dir().to_path_buf(),
                dirs.config_dir().join("config.toml"),
                dirs.cache_dir().to_path_buf(),
            )
        };
        let cache_dir = (!args.no_cache).then(|| {
            std::env::var_os("KARTEI_CACHE_DIR")
                .filter(|s| !s.is_empty())
                .map_or(default_cache, PathBuf::from)
        });
        Ok(Self {
            data_dir,
            config_path,
            deck_paths: args.decks.clone(),
            load_bundled: !args.no_bundled,
            now,
            offset,
            lang,
            cache_dir,
            read_only: args.read_only,
        })
    }

    /// The cache to use, if any. It writes compiled decks in the
    /// background and waits for them when the last clone is dropped: keep
    /// it while the command works, so the writes overlap that work.
    #[must_use]
    pub fn cache(&self) -> Option<crate::cache::Cache> {
        self.cache_dir
            .clone()
            .map(crate::cache::Cache::writing_in_background)
    }

    /// The user's own deck folder inside the data dir.
    #[must_use]
    pub fn user_deck_dir(&self) -> PathBuf {
        self.data_dir.join("decks")
    }
}

pub(super) fn lang_from_env() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return Lang::from_locale(&v);
        }
    }
    Lang::En
}
