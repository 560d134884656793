//! Shared helpers for the interface tests: a fixed clock, the fake study,
//! key presses and rendering into a TestBackend.
#![allow(dead_code)]

use chrono::{DateTime, FixedOffset, Utc};
use kartei::i18n::Lang;
pub mod fake_study;

use fake_study::FakeStudy;
use kartei::ui::{App, Effect, KeyMap, Theme, render};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T09:00:00+01:00")
        .unwrap()
        .with_timezone(&Utc)
}

pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap()
}

pub struct Harness {
    pub app: App,
    pub study: FakeStudy,
    pub now: DateTime<Utc>,
}

impl Harness {
    pub fn new(lang: Lang) -> Self {
        Self::with(lang, FakeStudy::new(), false)
    }

    pub fn with(lang: Lang, study: FakeStudy, no_color: bool) -> Self {
        let app = App::new(
            lang,
            KeyMap::default(),
            Theme::new(no_color),
            offset(),
            now(),
            &study,
        );
        Harness {
            app,
            study,
            now: now(),
        }
    }

    /// Advances the clock.
    pub fn wait_secs(&mut self, secs: i64) {
        self.now += chrono::Duration::seconds(secs);
    }

    pub fn key(&mut self, code: KeyCode) -> Effect {
        self.key_mod(code, KeyModifiers::NONE)
    }

    pub fn key_mod(&mut self, code: KeyCode, mods: KeyModifiers) -> Effect {
        let ev = KeyEvent::new(code, mods);
        self.app.handle_key(&ev, self.now, &mut self.study)
    }

    /// Presses each character as a key ("␣" is not special: ' ' is Space).
    pub fn keys(&mut self, s: &str) {
        for c in s.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    pub fn enter(&mut self) -> Effect {
        self.key(KeyCode::Enter)
    }

    pub fn render(&mut self, w: u16, h: u16) -> Terminal<TestBackend> {
        self.app.size = (w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| render(&self.app, f)).unwrap();
        terminal
    }

    /// The rendered screen as text (80x24).
    pub fn screen(&mut self) -> String {
        self.render(80, 24).backend().to_string()
    }
}
