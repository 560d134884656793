//! `config.toml`: scheduler settings, key bindings and the last quiz setup.
//!
//! A missing file means defaults. A broken file is an error naming
//! file:line:column; kartei never overwrites a file it could not read.
//! Saving patches only the changed table with `toml_edit`, so the user's
//! comments and layout survive.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::scheduler::SchedulerConfig;

/// The whole configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub scheduler: SchedulerConfig,
    /// Key bindings: action name -> list of keys (see the README).
    pub keys: toml::Table,
    /// The quiz setup last used in the TUI.
    pub quiz: QuizSetup,
}

/// What the quiz setup screen remembers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuizSetup {
    pub decks: Vec<String>,
    pub tags: Vec<String>,
    pub count: u32,
    /// Total time, e.g. "20m"; empty for none.
    pub time: String,
    /// Time per question, e.g. "60s"; empty for none.
    pub per_question: String,
    pub forms: Vec<String>,
    /// Draw only from cards studied before (default: every card in scope).
    pub studied_only: bool,
    /// Quiz answers move the schedule (`--reschedule yes|no`).
    pub reschedule: bool,
}

impl Default for QuizSetup {
    fn default() -> Self {
        Self {
            decks: Vec::new(),
            tags: Vec::new(),
            count: 20,
            time: String::new(),
            per_question: "60s".to_owned(),
            forms: vec!["choice".into(), "typed".into(), "flip".into()],
            studied_only: false,
            reschedule: true,
        }
    }
}

/// Why the configuration could not be read or saved.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{path}: cannot read the config file: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path}:{line}:{column}: {message}\nhelp: fix the config file or remove it to use the defaults"
    )]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// `[scheduler]` has a value out of range.
    #[error(
        "{path}:{line}:1: {source}\nhelp: fix the config file or remove it to use the defaults"
    )]
    Scheduler {
        path: PathBuf,
        line: usize,
        source: crate::scheduler::SchedulerError,
    },
    #[error("{path}: cannot save the config file: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Config {
    /// Reads the config; a missing file gives the defaults.
    ///
    /// # Errors
    /// An unreadable file, invalid TOML, unknown keys, wrong types or invalid
    /// scheduler settings, each with the position in the file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        Self::parse(&text, path)
    }

    /// Parses config text; `path` is only used in messages.
    ///
    /// # Errors
    /// As [`Config::load`].
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map_or((1, 1), |span| line_column(text, span.start));
            ConfigError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message: e.message().trim().to_owned(),
            }
        })?;
        config
            .scheduler
            .validate()
            .map_err(|source| ConfigError::Scheduler {
                path: path.to_owned(),
                line: section_line(text, "scheduler"),
                source,
            })?;
        Ok(config)
    }

    /// Replaces one top-level table (`scheduler`, `keys`, `quiz`) in the file
    /// with this config's value, keeping everything else as written. The
    /// file is replaced atomically.
    ///
    /// # Errors
    /// The existing file cannot be read or parsed (it is then left alone), or
    /// the new file cannot be written.
    pub fn save_section(&self, path: &Path, section: &str) -> Result<(), ConfigError> {
        let existing = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_owned(),
                    source,
                });
            }
        };
        let mut doc: toml_edit::DocumentMut =
            existing.parse().map_err(|e: toml_edit::TomlError| {
                let (line, column) = e
                    .span()
                    .map_or((1, 1), |span| line_column(&existing, span.start));
                ConfigError::Invalid {
                    path: path.to_owned(),
                    line,
                    column,
                    message: e.message().trim().to_owned(),
                }
            })?;
        let value = toml::Table::try_from(self).map_err(|e| ConfigError::Invalid {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: e.to_string(),
        })?;
        let rendered = toml::to_string(&value).unwrap_or_default();
        let fresh: toml_edit::DocumentMut = rendered.parse().unwrap_or_default();
        if let Some(item) = fresh.get(section) {
            doc[section] = item.clone();
        }
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|source| ConfigError::Write {
                path: path.to_owned(),
                source,
            })?;
        }
        crate::atomic::write(path, doc.to_string().as_bytes()).map_err(|source| {
            ConfigError::Write {
                path: path.to_owned(),
                source,
            }
        })
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn section_line(text: &str, section: &str) -> usize {
    let header = format!("[{section}]");
    text.lines()
        .position(|l| l.trim() == header)
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load(&dir.path().join("config.toml")).unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(c.quiz.count, 20);
    }

    #[test]
    fn unknown_key_is_reported_with_position() {
        let text = "[scheduler]\ndesired_retention = 0.9\nretention = 0.8\n";
        let err = Config::parse(text, Path::new("c.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("c.toml:3:1:"), "{msg}");
        assert!(msg.contains("retention"), "{msg}");
    }

    #[test]
    fn invalid_retention_is_an_error_at_the_section() {
        let text = "# mine\n\n[scheduler]\ndesired_retention = 1.5\n";
        let err = Config::parse(text, Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().starts_with("c.toml:3:1:"), "{err}");
    }

    #[test]
    fn save_section_keeps_comments_and_other_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# my keys\n[keys]\nquit = [\"x\"] # quit on x\n").unwrap();
        let mut c = Config::load(&path).unwrap();
        c.quiz.count = 7;
        c.save_section(&path, "quiz").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# my keys"), "{text}");
        assert!(text.contains("quit = [\"x\"] # quit on x"), "{text}");
        assert_eq!(Config::load(&path).unwrap().quiz.count, 7);
    }

    #[test]
    fn broken_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[quiz\ncount = 3\n").unwrap();
        let err = Config::default().save_section(&path, "quiz").unwrap_err();
        assert!(matches!(err, ConfigError::Invalid { line: 1, .. }), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[quiz\ncount = 3\n"
        );
    }
}
