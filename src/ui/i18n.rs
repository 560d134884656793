//! The terminal interface's view of the catalogue ([`crate::i18n`]): what
//! each key-map action does, in the interface language.

use crate::i18n::Lang;
pub use crate::i18n::Tr;
use crate::progress::Grade;

use super::keymap::Action;

impl Tr {
    /// The name of a grade.
    #[must_use]
    pub fn grade(self, g: Grade) -> &'static str {
        match (self.0, g) {
            (Lang::En, Grade::Again) => "Again",
            (Lang::En, Grade::Hard) => "Hard",
            (Lang::En, Grade::Good) => "Good",
            (Lang::En, Grade::Easy) => "Easy",
            (Lang::De, Grade::Again) => "Nochmal",
            (Lang::De, Grade::Hard) => "Schwer",
            (Lang::De, Grade::Good) => "Gut",
            (Lang::De, Grade::Easy) => "Leicht",
        }
    }

    /// What an action does, for the help screen.
    #[must_use]
    pub fn action(self, a: Action) -> &'static str {
        match a {
            Action::Up => self.act_up(),
            Action::Down => self.act_down(),
            Action::Select => self.act_select(),
            Action::Reveal => self.act_reveal(),
            Action::All => self.act_all(),
            Action::Grade(g) => self.grade(g),
            Action::Undo => self.act_undo(),
            Action::Edit => self.act_edit(),
            Action::Hint => self.act_hint(),
            Action::Suspend => self.act_suspend(),
            Action::Bury => self.act_bury(),
            Action::Flag => self.act_flag(),
            Action::Reset => self.act_reset(),
            Action::Browse => self.act_browse(),
            Action::Practice => self.act_practice(),
            Action::Stats => self.act_stats(),
            Action::Quiz => self.act_quiz(),
            Action::Exam => self.act_exam(),
            Action::Cram => self.act_cram(),
            Action::Help => self.act_help(),
            Action::ScrollUp => self.act_scroll_up(),
            Action::ScrollDown => self.act_scroll_down(),
            Action::Back => self.act_back(),
            Action::Quit => self.act_quit(),
        }
    }

    /// "recorded: Good".
    #[must_use]
    pub fn recorded(self, g: Grade) -> String {
        match self.0 {
            Lang::En => format!("recorded: {}", self.grade(g)),
            Lang::De => format!("gespeichert: {}", self.grade(g)),
        }
    }

    /// "undone: card-id".
    #[must_use]
    pub fn undone(self, card: &str) -> String {
        match self.0 {
            Lang::En => format!("undone: {card}"),
            Lang::De => format!("rückgängig: {card}"),
        }
    }

    /// "next card at 09:30".
    #[must_use]
    pub fn next_at(self, hhmm: &str) -> String {
        match self.0 {
            Lang::En => format!("next card at {hhmm}"),
            Lang::De => format!("nächste Karte um {hhmm}"),
        }
    }

    /// The too-small message with sizes.
    #[must_use]
    pub fn too_small_msg(self, need: (u16, u16), have: (u16, u16)) -> String {
        match self.0 {
            Lang::En => format!(
                "terminal too small (need {}x{}, have {}x{})",
                need.0, need.1, have.0, have.1
            ),
            Lang::De => format!(
                "Terminal zu klein (brauche {}x{}, habe {}x{})",
                need.0, need.1, have.0, have.1
            ),
        }
    }
}
