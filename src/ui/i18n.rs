//! The terminal interface's view of the catalogue ([`crate::i18n`]): what
//! each key-map action does, in the interface language.

pub use crate::i18n::Tr;

use super::keymap::Action;

impl Tr {
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
}
