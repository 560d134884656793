//! Text from decks and journals made safe for a terminal: the one place
//! that decides which characters never reach one.
//!
//! Deck files, merged journals and typed answers are user-controlled. Sent
//! to a terminal raw, an ESC or a C1 control starts an escape sequence (set
//! the window title, write the clipboard with OSC 52, clear the screen) and
//! a bidi override reorders what follows. Everything kartei prints goes
//! through this module:
//!
//! - [`sanitize`] (and [`printable`], which keeps positions) for text that
//!   is laid out by kartei, e.g. the interface and tables;
//! - [`SafeWriter`] ([`stdout`], [`stderr`]) wraps every output stream of
//!   the commands, so a text that was not sanitised still cannot carry an
//!   escape sequence out;
//! - [`write_json`] writes JSON that escapes the same characters as
//!   `\uXXXX`: still valid JSON, and the data survives unchanged.

use std::borrow::Cow;
use std::io::{self, Write};

/// True for characters that must never reach a terminal: control
/// characters (C0 including ESC and CR, DEL, C1) except newline and tab,
/// and the bidirectional formatting characters (embeddings, overrides,
/// isolates and marks), which reorder text on screen.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        c if c.is_control() => true,
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// Removes every [`is_unsafe`] character; a tab becomes a space, newlines
/// stay. Borrows when there is nothing to change.
#[must_use]
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\t' || is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                c if is_unsafe(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// Like [`sanitize`] but char for char, for text shown under a caret:
/// unsafe characters become U+FFFD (shown as �) and a tab a space, so
/// columns keep their place. Newlines become U+FFFD too (one line in, one
/// line out).
#[must_use]
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\t' || c == '\n' || is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' => ' ',
                '\n' => '\u{FFFD}',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// A writer that drops every [`is_unsafe`] character on the way through.
/// Bytes that are not UTF-8 become U+FFFD (a lone 0x9B byte is a CSI for
/// some terminals). A UTF-8 sequence split over two writes is kept whole.
#[derive(Debug)]
pub struct SafeWriter<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence whose rest has not been written yet.
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, s: &str) -> io::Result<()> {
        if !s.chars().any(is_unsafe) {
            return self.inner.write_all(s.as_bytes());
        }
        // Tabs are safe: they stay (columns of `list`).
        let kept: String = s.chars().filter(|&c| !is_unsafe(c)).collect();
        self.inner.write_all(kept.as_bytes())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let joined;
        let mut data: &[u8] = if self.pending.is_empty() {
            buf
        } else {
            let mut j = std::mem::take(&mut self.pending);
            j.extend_from_slice(buf);
            joined = j;
            &joined
        };
        loop {
            match std::str::from_utf8(data) {
                Ok(s) => {
                    self.emit(s)?;
                    break;
                }
                Err(e) => {
                    let (good, rest) = data.split_at(e.valid_up_to());
                    self.emit(std::str::from_utf8(good).unwrap_or_default())?;
                    match e.error_len() {
                        // Incomplete at the end: wait for the rest.
                        None => {
                            self.pending = rest.to_vec();
                            break;
                        }
                        Some(n) => {
                            self.inner.write_all("\u{FFFD}".as_bytes())?;
                            data = &rest[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.inner.write_all("\u{FFFD}".as_bytes());
            let _ = self.inner.flush();
        }
    }
}

/// Standard output, filtered.
#[must_use]
pub fn stdout() -> SafeWriter<io::StdoutLock<'static>> {
    SafeWriter::new(io::stdout().lock())
}

/// Standard error, filtered.
#[must_use]
pub fn stderr() -> SafeWriter<io::StderrLock<'static>> {
    SafeWriter::new(io::stderr().lock())
}

/// serde_json's pretty printer, but every [`is_unsafe`] character in a
/// string is written as a `\uXXXX` escape (serde_json escapes only C0).
struct SafeJson<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON and a newline, with every [`is_unsafe`]
/// character escaped.
///
/// # Errors
/// Writing fails, or `value` cannot be serialised.
pub fn write_json<W: Write, T: serde::Serialize + ?Sized>(w: &mut W, value: &T) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        &mut *w,
        SafeJson(serde_json::ser::PrettyFormatter::new()),
    );
    // `From` keeps the kind of an I/O error (a broken pipe stays one).
    value.serialize(&mut ser).map_err(io::Error::from)?;
    w.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_drops_controls_and_bidi_keeps_newlines() {
        assert_eq!(sanitize("a\x1b[31mb\x07\nc\td\u{9b}e\r"), "a[31mb\nc de");
        assert_eq!(sanitize("x\u{202E}y\u{2067}z"), "xyz");
        assert!(matches!(sanitize("schön 🇩🇪"), Cow::Borrowed(_)));
        assert_eq!(printable("a\x1bb\tc"), "a\u{FFFD}b c");
    }

    #[test]
    fn writer_filters_across_split_writes_and_bad_bytes() {
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::new(&mut out);
            let s = "ä\x1b]0;T\x07ü\u{202e}";
            let bytes = s.as_bytes();
            // Split inside the two-byte `ä`.
            w.write_all(&bytes[..1]).unwrap();
            w.write_all(&bytes[1..]).unwrap();
            w.write_all(b"\x9b31m\n").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "ä]0;Tü\u{FFFD}31m\n");
    }

    #[test]
    fn json_escapes_unsafe_characters_and_round_trips() {
        let value = vec!["a\u{1b}b\u{9b}c\u{202e}d\u{7f}"];
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.chars().any(is_unsafe), "{text:?}");
        assert!(
            text.contains("\\u009b") && text.contains("\\u202e"),
            "{text}"
        );
        let back: Vec<String> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
