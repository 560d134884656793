//! The statistics side of the port: plain figures the statistics screen
//! draws. The implementation computes them from the decks, the card states
//! and the journal (see [`crate::stats`]); the interface only shows them.

use chrono::{DateTime, NaiveDate, Utc};

/// Days of review history in [`StatsView::history`]: 53 weeks.
pub const HISTORY_DAYS: usize = 53 * 7;

/// Which cards the figures cover. `None` means all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StatsFilter {
    /// A deck id.
    pub deck: Option<String>,
    /// A card tag.
    pub tag: Option<String>,
}

impl StatsFilter {
    /// True when neither a deck nor a tag is chosen.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.deck.is_none() && self.tag.is_none()
    }
}

/// Everything the statistics screen shows, already filtered.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatsView {
    /// Reviews due per study day, today first (the screen shows 30 days).
    pub forecast: Vec<(NaiveDate, usize)>,
    /// Effective reviews per study day, oldest first, [`HISTORY_DAYS`] days
    /// up to today (the screen shows as many weeks as fit its width).
    pub history: Vec<(NaiveDate, usize)>,
    /// True retention of the last 30 days per deck (deck name, share 0..=1;
    /// `None` without reviews that count).
    pub retention: Vec<(String, Option<f64>)>,
    /// The scheduler's desired retention, 0..=1.
    pub desired_retention: f64,
    /// Cards per stability bucket: one count per bound of
    /// [`crate::stats::STABILITY_BUCKETS`] plus one for longer.
    pub stability: Vec<usize>,
    /// Finished quizzes in time order: (study day, percent 0..=100, German grade 1.0..=5.0).
    pub quizzes: Vec<(NaiveDate, f64, f64)>,
    /// Current and longest streak in days.
    pub streak: (u32, u32),
    /// Every deck that can be chosen as a filter: (id, name), in display order.
    pub decks: Vec<(String, String)>,
    /// Every tag that can be chosen as a filter, sorted: the tags of the
    /// cards in the chosen deck (of every card without a deck filter).
    pub tags: Vec<String>,
}

/// Figures for the statistics screen.
pub trait StatsPort {
    /// The figures for the cards `filter` selects, as of `now`. `decks`
    /// always lists every deck; `tags` only those of the chosen deck, so a
    /// tag filter never offers empty figures. Reads only; an
    /// unknown deck or tag gives empty figures, never an error.
    fn stats(&self, filter: StatsFilter, now: DateTime<Utc>) -> StatsView;
}
