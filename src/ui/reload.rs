//! Reloading the decks while the interface runs (after the editor, or when
//! the deck watcher saw a file change): the screen keeps its place.

use chrono::{DateTime, Utc};

use super::app::{App, ReviewState, Screen};
use crate::deck::{Card, CardContent};
use crate::study::port::Study;

impl App {
    /// Loads the decks again through the port and refreshes what is on
    /// screen: the open card is fetched again by id (new wording, same
    /// stage when its shape did not change; the next card when it was
    /// removed), the overview and the statistics are fetched again. A failed
    /// load keeps everything and shows the error in the status line.
    pub fn reload(&mut self, now: DateTime<Utc>, study: &mut dyn Study) {
        if let Err(problems) = study.reload() {
            let first = problems
                .first()
                .map(|d| super::overview::problem_line(d, self.lang))
                .unwrap_or_default();
            let first = first.lines().next().unwrap_or_default();
            let more = problems.len().saturating_sub(1);
            let extra = if more > 0 {
                format!(" (+{more})")
            } else {
                String::new()
            };
            self.status = Some(format!("{}: {first}{extra}", self.tr().reload_failed()));
            return;
        }
        self.status = Some(self.tr().reloaded().to_owned());
        self.overview = study.overview(now);
        self.selected = self
            .selected
            .min(self.overview.decks.len().saturating_sub(1));
        match &mut self.screen {
            Screen::Review(r) => match study.card(&r.show.card.id, now) {
                Some(show) => {
                    if same_shape(&r.show.card, &show.card) {
                        r.show = show;
                    } else {
                        **r = ReviewState::new(show, now);
                        self.scroll = 0;
                    }
                }
                None => self.advance(now, study),
            },
            Screen::Stats(st) => st.refresh(now, &*study),
            _ => {}
        }
    }
}

/// True when the student's progress on `old` (ticked options, revealed
/// items, typed answer) still fits `new`.
fn same_shape(old: &Card, new: &Card) -> bool {
    let size = |c: &Card| match &c.content {
        CardContent::Choice { choices, .. } => choices.len(),
        CardContent::List { items, .. } => items.len(),
        _ => 0,
    };
    old.kind() == new.kind() && old.input == new.input && size(old) == size(new)
}
