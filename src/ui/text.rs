//! Text helpers: control-character stripping and word wrapping by display
//! width (umlauts, emoji and CJK take their real width).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation as _;
use unicode_width::UnicodeWidthStr as _;

/// Removes control characters (escape sequences included) except newline;
/// a tab becomes a space. Deck text never reaches the terminal unfiltered.
/// The rules are [`crate::sanitize::is_unsafe`]'s.
#[must_use]
pub fn sanitize(s: &str) -> String {
    crate::sanitize::sanitize(s).into_owned()
}

/// Display width of a string, measured per grapheme cluster as the
/// terminal draws it (a flag 🇩🇪 is one cluster of width 2; control
/// characters count as zero).
#[must_use]
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(|g| g.width()).sum()
}

/// The most lines a wrapped text is shown with; the rest of a longer text
/// (a card of megabytes) is left out behind a `…` line, so wrapping costs
/// the same for any length.
pub const MAX_LINES: usize = 2_000;

/// How many bytes of text can fill [`MAX_LINES`] lines of `max` columns
/// (4 bytes per column is the longest UTF-8 character).
fn byte_budget(max: usize) -> usize {
    (MAX_LINES + 1) * max.max(1) * 4
}

/// The start of `s` that fits the byte budget, cut at a character boundary.
fn within_budget(s: &str, budget: usize) -> &str {
    if s.len() <= budget {
        return s;
    }
    let mut end = budget;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Wraps a plain string at `max` columns.
#[must_use]
pub fn wrap_plain(s: &str, style: Style, max: usize) -> Vec<Line<'static>> {
    let shown = within_budget(s, byte_budget(max) + 1);
    wrap_spans(&[(shown.to_owned(), style)], max)
}

/// Texts at least this long (in bytes, all pieces together) are wrapped
/// once per content and width and then taken from a cache: the screen is
/// drawn several times a second, and wrapping a 10 MB card each time kept a
/// core busy while nothing happened.
const CACHE_FROM: usize = 32 * 1024;

/// How many wrapped texts the cache keeps.
const CACHE_ENTRIES: usize = 8;

type WrapCache = Vec<(u64, usize, Vec<Line<'static>>)>;

thread_local! {
    static WRAPPED: std::cell::RefCell<WrapCache> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A fast 64-bit hash of the pieces (8 bytes per step).
fn fingerprint(pieces: &[(String, Style)]) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = 0;
    let mut mix = |w: u64| h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    for (text, style) in pieces {
        let bytes = text.as_bytes();
        mix(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            mix(u64::from_le_bytes(w));
        }
        let mut w = [0u8; 8];
        w[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        mix(u64::from_le_bytes(w));
        let mut sh = std::collections::hash_map::DefaultHasher::new();
        style.hash(&mut sh);
        mix(sh.finish());
    }
    h
}

/// Wraps styled pieces of text at word boundaries so no line is wider than
/// `max` display columns. Newlines in the text start a new line; a word wider
/// than a line is broken between grapheme clusters. Text is sanitised first.
/// Long texts are wrapped once per content and width (see [`CACHE_FROM`]).
#[must_use]
pub fn wrap_spans(pieces: &[(String, Style)], max: usize) -> Vec<Line<'static>> {
    let total: usize = pieces.iter().map(|(t, _)| t.len()).sum();
    if total < CACHE_FROM {
        return wrap_uncached(pieces, max);
    }
    let budget = byte_budget(max);
    if total > budget + 1 {
        // Only the start can be shown: wrap (and hash) only that.
        let mut left = budget + 1;
        let mut cut = Vec::new();
        for (text, style) in pieces {
            if left == 0 {
                break;
            }
            let part = within_budget(text, left);
            left -= part.len();
            cut.push((part.to_owned(), *style));
        }
        return wrap_spans(&cut, max);
    }
    let key = fingerprint(pieces);
    if let Some(lines) = WRAPPED.with_borrow(|c| {
        c.iter()
            .find(|(k, m, _)| *k == key && *m == max)
            .map(|(_, _, l)| l.clone())
    }) {
        return lines;
    }
    let lines = wrap_uncached(pieces, max);
    WRAPPED.with_borrow_mut(|c| {
        if c.len() >= CACHE_ENTRIES {
            c.remove(0);
        }
        c.push((key, max, lines.clone()));
    });
    lines
}

fn wrap_uncached(pieces: &[(String, Style)], max: usize) -> Vec<Line<'static>> {
    let mut lines = wrap_all(pieces, max);
    let total: usize = pieces.iter().map(|(t, _)| t.len()).sum();
    if lines.len() > MAX_LINES || total > byte_budget(max) {
        lines.truncate(MAX_LINES);
        lines.push(Line::from("…"));
    }
    lines
}

fn wrap_all(pieces: &[(String, Style)], max: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let mut lines: Vec<Vec<(String, Style)>> = vec![Vec::new()];
    let mut line_width = 0usize;
    // Split into tokens: words, runs of spaces, and newlines, each with a style.
    for (text, style) in pieces {
        let text = sanitize(text);
        for token in tokens(&text) {
            if token == "\n" {
                lines.push(Vec::new());
                line_width = 0;
                continue;
            }
            let w = width(token);
            let is_space = token.chars().all(|c| c == ' ');
            if line_width + w <= max {
                push(lines.last_mut().expect("never empty"), token, *style);
                line_width += w;
                continue;
            }
            if is_space {
                // A break at spaces: drop them.
                lines.push(Vec::new());
                line_width = 0;
                continue;
            }
            if w <= max && line_width > 0 {
                trim_trailing_space(lines.last_mut().expect("never empty"));
                lines.push(Vec::new());
                push(lines.last_mut().expect("never empty"), token, *style);
                line_width = w;
                continue;
            }
            // Too long for any line: break between grapheme clusters (never
            // inside one: half a flag is not a character).
            for g in token.graphemes(true) {
                let cw = g.width();
                if line_width + cw > max && line_width > 0 {
                    lines.push(Vec::new());
                    line_width = 0;
                }
                push(lines.last_mut().expect("never empty"), g, *style);
                line_width += cw;
            }
        }
    }
    lines
        .into_iter()
        .map(|pieces| {
            Line::from(
                pieces
                    .into_iter()
                    .map(|(t, s)| Span::styled(t, s))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

fn push(line: &mut Vec<(String, Style)>, text: &str, style: Style) {
    if let Some((last, last_style)) = line.last_mut()
        && *last_style == style
    {
        last.push_str(text);
        return;
    }
    line.push((text.to_owned(), style));
}

fn trim_trailing_space(line: &mut Vec<(String, Style)>) {
    while let Some((last, _)) = line.last_mut() {
        let trimmed = last.trim_end_matches(' ').len();
        last.truncate(trimmed);
        if last.is_empty() {
            line.pop();
        } else {
            break;
        }
    }
}

/// Splits into words, space runs and single newlines.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let end = if first == '\n' {
            1
        } else if first == ' ' {
            rest.find(|c| c != ' ').unwrap_or(rest.len())
        } else {
            rest.find([' ', '\n']).unwrap_or(rest.len())
        };
        let (tok, tail) = rest.split_at(end);
        rest = tail;
        Some(tok)
    })
}

/// Cuts a string to at most `max` display columns, adding `…` when cut.
#[must_use]
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let cw = g.width();
        if w + cw + 1 > max {
            break;
        }
        out.push_str(g);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn sanitize_strips_escape_sequences_but_keeps_newlines() {
        assert_eq!(sanitize("a\x1b[31mb\x07\nc\td"), "a[31mb\nc d");
        assert_eq!(sanitize("x\u{202E}y"), "xy");
    }

    #[test]
    fn wraps_at_word_boundaries_by_display_width() {
        let lines = wrap_plain("Größe über alles zählt", Style::default(), 11);
        assert_eq!(plain(&lines), ["Größe über", "alles zählt"]);
        // CJK characters are two columns wide.
        let lines = wrap_plain("日本語の テキスト", Style::default(), 8);
        assert_eq!(plain(&lines), ["日本語の", "テキスト"]);
        for l in &lines {
            assert!(l.width() <= 8);
        }
    }

    #[test]
    fn breaks_overlong_words_and_honours_newlines() {
        let lines = wrap_plain("abcdefghij\nxy", Style::default(), 4);
        assert_eq!(plain(&lines), ["abcd", "efgh", "ij", "xy"]);
    }

    #[test]
    fn truncate_respects_width() {
        assert_eq!(truncate("Marketing-Mix", 8), "Marketi…");
        assert_eq!(truncate("kurz", 8), "kurz");
    }

    #[test]
    fn huge_texts_are_cut_to_the_line_limit() {
        let huge = "Wort ".repeat(2 << 20);
        let started = std::time::Instant::now();
        for _ in 0..20 {
            let lines = wrap_plain(&huge, Style::default(), 80);
            assert_eq!(lines.len(), MAX_LINES + 1);
            assert_eq!(lines[MAX_LINES].to_string(), "…");
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        let short = wrap_plain("kurz", Style::default(), 80);
        assert_eq!(plain(&short), ["kurz"]);
    }

    #[test]
    fn grapheme_clusters_are_never_split() {
        assert_eq!(width("🇩🇪"), 2);
        // Room for one column only: the flag goes whole, not half.
        assert_eq!(truncate("a🇩🇪b", 3), "a…");
        let lines = wrap_plain("🇩🇪🇫🇷🇮🇹", Style::default(), 4);
        assert_eq!(plain(&lines), ["🇩🇪🇫🇷", "🇮🇹"]);
    }
}
