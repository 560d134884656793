//! Colours and emphasis. With `NO_COLOR` there is no colour at all; meaning
//! is always carried by text or symbols too (✓/✗, bold, underline).

use ratatui::style::{Color, Modifier, Style};

/// The styles the screens use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// A theme with colours, or without when `no_color` is set.
    #[must_use]
    pub fn new(no_color: bool) -> Theme {
        Theme { color: !no_color }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    #[must_use]
    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    #[must_use]
    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    #[must_use]
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    /// The revealed answer (bold and underlined, not colour alone).
    #[must_use]
    pub fn answer(self) -> Style {
        self.fg(Color::Green)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    #[must_use]
    pub fn right(self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    #[must_use]
    pub fn wrong(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    #[must_use]
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    #[must_use]
    pub fn status(self) -> Style {
        self.fg(Color::Magenta)
    }
    #[must_use]
    pub fn gauge(self) -> Style {
        self.fg(Color::Green)
    }
    #[must_use]
    pub fn new_count(self) -> Style {
        self.fg(Color::Blue)
    }
    #[must_use]
    pub fn learn_count(self) -> Style {
        self.fg(Color::Red)
    }
    #[must_use]
    pub fn due_count(self) -> Style {
        self.fg(Color::Green)
    }
}
