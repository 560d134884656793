//! Where things go on the screen: the smallest usable size, the rows of
//! every screen, the help popup, and how far a screen's body can scroll.
//! Both the state (`app`) and the views use it, so state never imports a
//! view.

use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Screen, Stage};

/// The smallest usable terminal.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// Header, body, grade bar, status and hints rows.
pub(super) fn areas(app: &App, area: Rect) -> [Rect; 5] {
    let grade_rows = match &app.screen {
        Screen::Review(r) if r.is_typed() && r.stage == Stage::Question => 3,
        Screen::Review(r) if r.stage == Stage::Answer => 1,
        _ => 0,
    };
    Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(grade_rows),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// How far the current body (or help) can scroll at the app's size.
#[must_use]
pub fn max_scroll(app: &App) -> u16 {
    let area = Rect::new(0, 0, app.size.0, app.size.1);
    if app.help {
        let popup = help_area(area);
        let lines = super::view::help_lines(app).len();
        return u16::try_from(lines.saturating_sub(popup.height.saturating_sub(2) as usize))
            .unwrap_or(u16::MAX);
    }
    let [_, body, ..] = areas(app, area);
    match &app.screen {
        Screen::Review(r) => {
            let lines =
                super::review::review_lines(app, r, body.width.saturating_sub(2) as usize).len();
            u16::try_from(lines.saturating_sub(body.height as usize)).unwrap_or(u16::MAX)
        }
        _ => 0,
    }
}

pub(super) fn help_area(area: Rect) -> Rect {
    let w = area.width.saturating_sub(8).min(70);
    let h = area.height.saturating_sub(4);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The body area of the statistics screen in a terminal of `size` (below
/// the two header rows, above the status and hints rows).
#[must_use]
pub(super) fn body_for_size(size: (u16, u16)) -> Rect {
    Rect::new(0, 2, size.0, size.1.saturating_sub(4))
}

/// How far the statistics screen's retention list can scroll at `size`.
#[must_use]
pub(super) fn stats_max_scroll(st: &super::stats_screen::StatsState, size: (u16, u16)) -> u16 {
    super::stats_view::max_scroll(st, body_for_size(size))
}
