//! Key bindings: built-in defaults, patched by the `[keys]` table of
//! `config.toml` (action name -> list of key strings).

use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use thiserror::Error;

use crate::progress::Grade;

/// Something the student asks for; screens decide what it means there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    /// Enter: start the selected deck, reveal everything, confirm a grade.
    Select,
    /// Space: reveal the answer or the next list item.
    Reveal,
    /// Review all decks together.
    All,
    Grade(Grade),
    Undo,
    Edit,
    /// Show the card's hint.
    Hint,
    /// Suspend the card, or unsuspend it (browser).
    Suspend,
    /// Bury the card until the next study day.
    Bury,
    /// Flag or unflag the card.
    Flag,
    /// Forget the card's progress (asks first).
    Reset,
    /// Open the card browser.
    Browse,
    /// Practise the scope without moving the schedule.
    Practice,
    Stats,
    Quiz,
    /// Open the exam screen (readiness, today's plan).
    Exam,
    /// Cram: the weakest cards of the next exam (or the deck), no due date moves.
    Cram,
    Help,
    ScrollUp,
    ScrollDown,
    /// Leave the screen (quit on the overview).
    Back,
    /// Quit from anywhere.
    Quit,
}

impl Action {
    /// Every action, in help order.
    pub const ALL: [Action; 27] = [
        Action::Up,
        Action::Down,
        Action::Select,
        Action::Reveal,
        Action::All,
        Action::Grade(Grade::Again),
        Action::Grade(Grade::Hard),
        Action::Grade(Grade::Good),
        Action::Grade(Grade::Easy),
        Action::Undo,
        Action::Edit,
        Action::Hint,
        Action::Suspend,
        Action::Bury,
        Action::Flag,
        Action::Reset,
        Action::Browse,
        Action::Practice,
        Action::Stats,
        Action::Quiz,
        Action::Exam,
        Action::Cram,
        Action::Help,
        Action::ScrollUp,
        Action::ScrollDown,
        Action::Back,
        Action::Quit,
    ];

    /// The name used in `config.toml`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::Select => "select",
            Action::Reveal => "reveal",
            Action::All => "all",
            Action::Grade(Grade::Again) => "again",
            Action::Grade(Grade::Hard) => "hard",
            Action::Grade(Grade::Good) => "good",
            Action::Grade(Grade::Easy) => "easy",
            Action::Undo => "undo",
            Action::Edit => "edit",
            Action::Hint => "hint",
            Action::Suspend => "suspend",
            Action::Bury => "bury",
            Action::Flag => "flag",
            Action::Reset => "reset",
            Action::Browse => "browse",
            Action::Practice => "practice",
            Action::Stats => "stats",
            Action::Quiz => "quiz",
            Action::Exam => "exam",
            Action::Cram => "cram",
            Action::Help => "help",
            Action::ScrollUp => "scroll-up",
            Action::ScrollDown => "scroll-down",
            Action::Back => "back",
            Action::Quit => "quit",
        }
    }

    fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    fn default_keys(self) -> &'static [&'static str] {
        match self {
            Action::Up => &["up", "k"],
            Action::Down => &["down", "j"],
            Action::Select => &["enter"],
            Action::Reveal => &["space"],
            Action::All => &["a"],
            Action::Grade(Grade::Again) => &["1"],
            Action::Grade(Grade::Hard) => &["2"],
            Action::Grade(Grade::Good) => &["3"],
            Action::Grade(Grade::Easy) => &["4"],
            Action::Undo => &["u"],
            Action::Edit => &["e"],
            Action::Hint => &["i", "ctrl-t"],
            Action::Suspend => &["x"],
            Action::Bury => &["b"],
            Action::Flag => &["f"],
            Action::Reset => &["R"],
            Action::Browse => &["/"],
            Action::Practice => &["p"],
            Action::Stats => &["s"],
            Action::Quiz => &["t"],
            Action::Exam => &["g", "G"],
            Action::Cram => &["c", "C"],
            Action::Help => &["?", "h"],
            Action::ScrollUp => &["pageup", "ctrl-u"],
            Action::ScrollDown => &["pagedown", "ctrl-d"],
            Action::Back => &["q", "esc"],
            Action::Quit => &["ctrl-c"],
        }
    }
}

/// One key with its modifiers (only Ctrl and Alt are distinguished).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    /// The key of a terminal event (Shift is folded into the character).
    #[must_use]
    pub fn from_event(ev: &KeyEvent) -> Key {
        let code = match ev.code {
            KeyCode::Char(c) if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            other => other,
        };
        Key {
            code,
            ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
            alt: ev.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parses `"q"`, `"esc"`, `"ctrl-c"`, `"space"`, `"enter"`, `"down"`, ...
    ///
    /// # Errors
    /// The string names no key kartei can bind.
    pub fn parse(s: &str) -> Result<Key, KeyError> {
        let bad = || KeyError::UnknownKey(s.to_owned());
        let mut rest = s;
        let mut ctrl = false;
        let mut alt = false;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "esc" | "escape" => KeyCode::Esc,
            "enter" | "return" => KeyCode::Enter,
            "space" => KeyCode::Char(' '),
            "tab" => KeyCode::Tab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() && c != ' ' => {
                        KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
                    }
                    _ => return Err(bad()),
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A problem in the `[keys]` table.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    #[error(
        "[keys]: unknown action {0:?}; known actions: up, down, select, reveal, all, again, hard, good, easy, undo, edit, stats, quiz, help, scroll-up, scroll-down, back, quit"
    )]
    UnknownAction(String),
    #[error(
        "[keys]: unknown key {0:?}; use a single character or esc, enter, space, tab, backspace, delete, up, down, left, right, home, end, pageup, pagedown, optionally prefixed by ctrl- or alt-"
    )]
    UnknownKey(String),
    #[error(
        "[keys]: {0:?} must be a key string or a list of key strings, e.g. {0} = [\"q\", \"esc\"]"
    )]
    NotAList(String),
    #[error("[keys]: {0:?} has no keys left; keep at least one key for it")]
    Unbound(String),
}

/// Which keys trigger which action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    bindings: Vec<(Action, Vec<Key>)>,
    /// The language key names are shown in ("Space" / "Leertaste").
    lang: crate::i18n::Lang,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            bindings: Action::ALL
                .into_iter()
                .map(|a| {
                    let keys = a
                        .default_keys()
                        .iter()
                        .map(|k| Key::parse(k).expect("default keys parse"))
                        .collect();
                    (a, keys)
                })
                .collect(),
            lang: crate::i18n::Lang::En,
        }
    }
}

impl KeyMap {
    /// The defaults patched by a `[keys]` table: each listed action gets
    /// exactly the listed keys, and those keys are taken from any other action.
    ///
    /// # Errors
    /// Unknown action names, unknown key strings, values that are not
    /// strings, or an action left without any key.
    pub fn from_config(table: &toml::Table) -> Result<KeyMap, KeyError> {
        let mut map = KeyMap::default();
        for (name, value) in table {
            let action =
                Action::from_name(name).ok_or_else(|| KeyError::UnknownAction(name.clone()))?;
            let strings: Vec<&str> = match value {
                toml::Value::String(s) => vec![s.as_str()],
                toml::Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().ok_or_else(|| KeyError::NotAList(name.clone())))
                    .collect::<Result<_, _>>()?,
                _ => return Err(KeyError::NotAList(name.clone())),
            };
            let keys = strings
                .into_iter()
                .map(Key::parse)
                .collect::<Result<Vec<_>, _>>()?;
            if keys.is_empty() {
                return Err(KeyError::Unbound(name.clone()));
            }
            for (other, other_keys) in &mut map.bindings {
                if *other != action {
                    other_keys.retain(|k| !keys.contains(k));
                }
            }
            if let Some((_, slot)) = map.bindings.iter_mut().find(|(a, _)| *a == action) {
                *slot = keys;
            }
        }
        if let Some((a, _)) = map.bindings.iter().find(|(_, keys)| keys.is_empty()) {
            return Err(KeyError::Unbound(a.name().to_owned()));
        }
        Ok(map)
    }

    /// The action bound to a key press (`None` for releases and unbound keys).
    #[must_use]
    pub fn action(&self, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(ev);
        self.bindings
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(a, _)| *a)
    }

    /// The keys bound to an action, in order.
    #[must_use]
    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map_or(&[], |(_, k)| k.as_slice())
    }

    /// Shows key names in `lang` from now on.
    pub fn set_lang(&mut self, lang: crate::i18n::Lang) {
        self.lang = lang;
    }

    /// One key's name in the map's language: German says "Leertaste" and
    /// "Strg-C" where English says "Space" and "Ctrl-c".
    #[must_use]
    pub fn name(&self, key: &Key) -> String {
        crate::i18n::Tr(self.lang).key_name(&key.to_string())
    }

    /// The keys of an action joined by `/` for hints, e.g. `"q/Esc"`.
    #[must_use]
    pub fn label(&self, action: Action) -> String {
        self.keys(action)
            .iter()
            .map(|k| self.name(k))
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The first key of an action, for the compact hints line.
    #[must_use]
    pub fn first(&self, action: Action) -> String {
        self.keys(action)
            .first()
            .map(|k| self.name(k))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_cover_the_documented_keys() {
        let map = KeyMap::default();
        let none = KeyModifiers::NONE;
        assert_eq!(
            map.action(&press(KeyCode::Char('q'), none)),
            Some(Action::Back)
        );
        assert_eq!(map.action(&press(KeyCode::Esc, none)), Some(Action::Back));
        assert_eq!(
            map.action(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(&press(KeyCode::Char('j'), none)),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(&press(KeyCode::Char('3'), none)),
            Some(Action::Grade(Grade::Good))
        );
        assert_eq!(
            map.action(&press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut ev = press(KeyCode::Char('q'), KeyModifiers::NONE);
        ev.kind = KeyEventKind::Release;
        assert_eq!(KeyMap::default().action(&ev), None);
    }

    #[test]
    fn config_patches_and_steals_keys() {
        let table: toml::Table = toml::from_str("good = [\"g\", \"j\"]\nundo = \"z\"").unwrap();
        let map = KeyMap::from_config(&table).unwrap();
        let none = KeyModifiers::NONE;
        assert_eq!(
            map.action(&press(KeyCode::Char('j'), none)),
            Some(Action::Grade(Grade::Good))
        );
        assert_eq!(map.action(&press(KeyCode::Char('3'), none)), None);
        assert_eq!(
            map.action(&press(KeyCode::Char('z'), none)),
            Some(Action::Undo)
        );
        assert_eq!(map.label(Action::Down), "↓");
    }

    #[test]
    fn config_errors_are_clear() {
        let t: toml::Table = toml::from_str("jump = [\"x\"]").unwrap();
        let e = KeyMap::from_config(&t).unwrap_err().to_string();
        assert!(e.contains("unknown action \"jump\""), "{e}");
        let t: toml::Table = toml::from_str("undo = [\"f1x\"]").unwrap();
        let e = KeyMap::from_config(&t).unwrap_err().to_string();
        assert!(e.contains("unknown key \"f1x\""), "{e}");
        let t: toml::Table = toml::from_str("undo = 3").unwrap();
        assert_eq!(
            KeyMap::from_config(&t),
            Err(KeyError::NotAList("undo".into()))
        );
        let t: toml::Table = toml::from_str("undo = [\"1\"]").unwrap();
        assert_eq!(
            KeyMap::from_config(&t),
            Err(KeyError::Unbound("again".into()))
        );
    }
}
