//! Text helpers: control-character stripping and word wrapping by display
//! width (umlauts, emoji and CJK take their real width).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Removes control characters (escape sequences included) except newline;
/// a tab becomes a space. Deck text never reaches the terminal unfiltered.
/// The rules are [`crate::sanitize::is_unsafe`]'s.
#[must_use]
pub fn sanitize(s: &str) -> String {
    crate::sanitize::sanitize(s).into_owned()
}

/// Display width of a string (control characters count as zero).
#[must_use]
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Wraps a plain string at `max` columns.
#[must_use]
pub fn wrap_plain(s: &str, style: Style, max: usize) -> Vec<Line<'static>> {
    wrap_spans(&[(s.to_owned(), style)], max)
}

/// Wraps styled pieces of text at word boundaries so no line is wider than
/// `max` display columns. Newlines in the text start a new line; a word wider
/// than a line is broken by characters. Text is sanitised first.
#[must_use]
pub fn wrap_spans(pieces: &[(String, Style)], max: usize) -> Vec<Line<'static>> {
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
            // Too long for any line: break by characters.
            for c in token.chars() {
                let cw = c.width().unwrap_or(0);
                if line_width + cw > max && line_width > 0 {
                    lines.push(Vec::new());
                    line_width = 0;
                }
                let mut buf = [0u8; 4];
                push(
                    lines.last_mut().expect("never empty"),
                    c.encode_utf8(&mut buf),
                    *style,
                );
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
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
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
}
