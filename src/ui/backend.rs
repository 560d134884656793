//! The terminal backend of the interface: crossterm's, with two guards on
//! every cell that is drawn.
//!
//! - A cell's text never carries an escape sequence or bidi control (see
//!   [`crate::sanitize`]), whatever a screen forgot to filter.
//! - A wide grapheme cluster (a flag such as 🇩🇪 is two code points) is
//!   cleared as a whole: terminals disagree on how they store one, and when
//!   it is overwritten by a narrow character the cell after it is written
//!   too, so no half of it stays on screen.
//!
//! It also answers "where is the cursor" from what it last set instead of
//! asking the terminal: the interface is full screen, and a terminal that
//! does not answer the query (or answers late, after a suspend or the
//! editor) would otherwise stall or fail the redraw.

use std::collections::HashSet;
use std::io;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use unicode_width::UnicodeWidthStr as _;

/// Wraps another backend (crossterm's in the app).
#[derive(Debug)]
pub struct SafeBackend<B> {
    inner: B,
    /// Cells where a wide symbol was drawn last.
    wide: HashSet<(u16, u16)>,
    /// Where the cursor was last put.
    cursor: Position,
}

impl<B> SafeBackend<B> {
    pub fn new(inner: B) -> Self {
        Self {
            inner,
            wide: HashSet::new(),
            cursor: Position::ORIGIN,
        }
    }
}

impl<B: Backend> Backend for SafeBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let width = self.inner.size()?.width;
        let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
        for (x, y, cell) in content {
            let mut cell = cell.clone();
            let symbol = cell.symbol();
            if symbol.chars().any(crate::sanitize::is_unsafe) {
                let clean = crate::sanitize::sanitize(symbol).replace('\n', " ");
                cell.set_symbol(if clean.is_empty() { " " } else { &clean });
            }
            let is_wide = cell.symbol().width() >= 2;
            let was_wide = if is_wide {
                !self.wide.insert((x, y))
            } else {
                self.wide.remove(&(x, y))
            };
            let clear_next = was_wide && !is_wide && x + 1 < width;
            let mut blank = cell.clone();
            cells.push((x, y, cell));
            if clear_next {
                // The cell after was covered by the wide symbol and is blank
                // in the new screen (or written after this anyway).
                blank.set_symbol(" ");
                cells.push((x + 1, y, blank));
            }
        }
        self.inner
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.wide.clear();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        if matches!(clear_type, ClearType::All) {
            self.wide.clear();
        }
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}

/// The terminal the interface draws on.
pub type SafeTerminal =
    ratatui::Terminal<SafeBackend<ratatui::backend::CrosstermBackend<io::Stdout>>>;

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    fn draw(b: &mut SafeBackend<TestBackend>, cells: &[(u16, u16, &'static str)]) {
        let cells: Vec<(u16, u16, Cell)> = cells
            .iter()
            .map(|(x, y, s)| (*x, *y, Cell::new(s)))
            .collect();
        b.draw(cells.iter().map(|(x, y, c)| (*x, *y, c))).unwrap();
    }

    #[test]
    fn escape_sequences_never_reach_a_cell() {
        let mut b = SafeBackend::new(TestBackend::new(10, 2));
        draw(&mut b, &[(0, 0, "\u{1b}"), (1, 0, "a\u{202e}")]);
        let buf = b.inner.buffer();
        assert_eq!(buf[(0, 0)].symbol(), " ");
        assert_eq!(buf[(1, 0)].symbol(), "a");
    }

    #[test]
    fn the_cell_after_a_wide_cluster_is_cleared_with_it() {
        let mut b = SafeBackend::new(TestBackend::new(10, 2));
        draw(&mut b, &[(2, 0, "🇩🇪")]);
        // Stands for the half of the flag a terminal may keep in the next
        // cell (ratatui itself believes that cell blank and never redraws it).
        draw(&mut b, &[(3, 0, "X")]);
        draw(&mut b, &[(2, 0, "a")]);
        assert_eq!(b.inner.buffer()[(3, 0)].symbol(), " ");
    }
}
