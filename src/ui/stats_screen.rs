//! The statistics screen's state and keys. Drawing is in
//! [`super::stats_view`]; the figures come from the [`StatsPort`](super::StatsPort).

use chrono::{DateTime, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::Screen;
use crate::study::port::Study;
use crate::study::stats_port::{StatsFilter, StatsView};

/// One panel of the statistics screen, in paging order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    /// Reviews due per day, next 30 days.
    Forecast,
    /// Reviews per day, last 26 weeks (calendar heatmap).
    Activity,
    /// True retention per deck against the target.
    Retention,
    /// Cards per stability bucket.
    Stability,
    /// Quiz scores over time.
    Quizzes,
    /// Current and longest streak.
    Streak,
}

impl Panel {
    /// Every panel in paging order.
    pub const ALL: [Panel; 6] = [
        Panel::Forecast,
        Panel::Activity,
        Panel::Retention,
        Panel::Stability,
        Panel::Quizzes,
        Panel::Streak,
    ];
}

/// The statistics screen: the filter, the panel on show (when paging) and
/// the figures last fetched for that filter.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsState {
    pub filter: StatsFilter,
    /// Index into [`Panel::ALL`] of the panel shown on small terminals.
    pub panel: usize,
    /// Lines scrolled in the retention list.
    pub scroll: u16,
    pub view: StatsView,
    /// The screen to return to (a review keeps its place).
    pub back: Box<Screen>,
}

impl StatsState {
    /// Opens the screen without a filter; `back` is shown again on leaving.
    pub fn open(back: Screen, now: DateTime<Utc>, study: &dyn Study) -> StatsState {
        let filter = StatsFilter::default();
        StatsState {
            view: study.stats(filter.clone(), now),
            filter,
            panel: 0,
            scroll: 0,
            back: Box::new(back),
        }
    }

    /// The panel shown when paging.
    #[must_use]
    pub fn current(&self) -> Panel {
        Panel::ALL[self.panel % Panel::ALL.len()]
    }

    /// Fetches the figures again (after a filter change or a reload).
    pub fn refresh(&mut self, now: DateTime<Utc>, study: &dyn Study) {
        self.view = study.stats(self.filter.clone(), now);
        self.scroll = 0;
    }

    /// Handles the screen's own keys: `d` next deck (dropping a tag the
    /// deck does not have), `g` next tag of the chosen deck, `0`
    /// clears the filter, `n`/→ next panel, `p`/← previous panel, `1`–`6` the
    /// panel of that number. Returns
    /// false for any other key.
    pub fn handle_key(&mut self, key: &KeyEvent, now: DateTime<Utc>, study: &dyn Study) -> bool {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        let n = Panel::ALL.len();
        match key.code {
            KeyCode::Char('d') => {
                let ids: Vec<String> = self.view.decks.iter().map(|d| d.0.clone()).collect();
                self.filter.deck = cycle(&ids, self.filter.deck.as_ref());
                self.refresh(now, study);
                // A tag the new deck does not have would leave every panel
                // empty: drop it.
                if self
                    .filter
                    .tag
                    .as_ref()
                    .is_some_and(|t| !self.view.tags.contains(t))
                {
                    self.filter.tag = None;
                    self.refresh(now, study);
                }
            }
            KeyCode::Char('g') => {
                let tags = self.view.tags.clone();
                self.filter.tag = cycle(&tags, self.filter.tag.as_ref());
                self.refresh(now, study);
            }
            KeyCode::Char('0') => {
                self.filter = StatsFilter::default();
                self.refresh(now, study);
            }
            KeyCode::Char('n') | KeyCode::Right => {
                self.panel = (self.panel + 1) % n;
                self.scroll = 0;
            }
            KeyCode::Char('p') | KeyCode::Left => {
                self.panel = (self.panel + n - 1) % n;
                self.scroll = 0;
            }
            // The number a panel has in the tab line.
            KeyCode::Char(c @ '1'..='9') if (c as usize - '1' as usize) < n => {
                self.panel = c as usize - '1' as usize;
                self.scroll = 0;
            }
            _ => return false,
        }
        true
    }

    /// Scrolls the retention list by one line, within `max`.
    pub fn scroll_by(&mut self, down: bool, max: u16) {
        self.scroll = if down {
            (self.scroll + 1).min(max)
        } else {
            self.scroll.saturating_sub(1)
        };
    }
}

/// The choice after `current` (none → first → ... → last → none).
fn cycle(choices: &[String], current: Option<&String>) -> Option<String> {
    match current.and_then(|c| choices.iter().position(|x| x == c)) {
        None if current.is_none() => choices.first().cloned(),
        None => None,
        Some(i) => choices.get(i + 1).cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_visits_every_choice_then_none() {
        let c = vec!["a".to_owned(), "b".to_owned()];
        let first = cycle(&c, None);
        assert_eq!(first.as_deref(), Some("a"));
        let second = cycle(&c, first.as_ref());
        assert_eq!(second.as_deref(), Some("b"));
        assert_eq!(cycle(&c, second.as_ref()), None);
        assert_eq!(cycle(&c, Some(&"gone".to_owned())), None);
        assert_eq!(cycle(&[], None), None);
    }
}
