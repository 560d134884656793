//! Small text helpers shared by import and export: HTML to text, HTML
//! escaping, Anki cloze syntax and slugs.

use unicode_normalization::UnicodeNormalization;

/// Turns Anki's field HTML into plain text: `<br>` and block tags (`div`,
/// `p`, `li`) become line breaks, every other tag is dropped, comments are
/// removed and the entities `&amp; &lt; &gt; &quot; &#39; &apos; &nbsp;` as
/// well as the German letters (`&auml;` ... `&szlig;`), `&euro; &ndash;
/// &mdash; &hellip;` and numeric ones (`&#228;`, `&#xE4;`) are decoded. A `<` or `&` that
/// does not start a tag or entity is kept as it is. The result is trimmed.
#[must_use]
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                if let Some(after) = rest.strip_prefix("<!--") {
                    rest = after.find("-->").map_or("", |end| &after[end + 3..]);
                    continue;
                }
                let next = rest[1..].chars().next();
                let is_tag =
                    matches!(next, Some(n) if n.is_ascii_alphabetic() || n == '/' || n == '!');
                match (is_tag, rest.find('>')) {
                    (true, Some(end)) => {
                        apply_tag(&rest[1..end], &mut out);
                        rest = &rest[end + 1..];
                    }
                    _ => {
                        out.push('<');
                        rest = &rest[1..];
                    }
                }
            }
            '&' => {
                if let Some((decoded, len)) = decode_entity(rest) {
                    out.push(decoded);
                    rest = &rest[len..];
                } else {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.trim().to_owned()
}

fn apply_tag(inner: &str, out: &mut String) {
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    match name.as_str() {
        "br" => out.push('\n'),
        "div" | "p" | "li" | "ul" | "ol" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            if !out.is_empty() && !out.ends_with('\n') =>
        {
            out.push('\n');
        }
        _ => {}
    }
}

/// Decodes the entity at the start of `s` (which starts with `&`); returns
/// the character and the entity's length in bytes.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let end = s
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == ';')
        .map(|(i, _)| i)?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "euro" => '€',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                num.parse::<u32>().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some((c, end + 1))
}

/// Escapes text for an HTML field: `& < > "` as entities, line breaks as `<br>`.
#[must_use]
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// True when `text` holds at least one Anki cloze gap `{{cN::`.
#[must_use]
pub fn has_anki_cloze(text: &str) -> bool {
    let mut rest = text;
    while let Some(i) = rest.find("{{c") {
        let after = &rest[i + 3..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with("::") {
            return true;
        }
        rest = after;
    }
    false
}

/// Converts an Anki cloze text (`{{c1::Antwort}}`, `{{c2::x::hint}}`) into
/// kartei syntax (`{{Antwort}}`, `{{x::hint}}`). The c-numbers are dropped:
/// in kartei every gap is its own card, numbered in text order.
///
/// # Errors
/// A description of why the text cannot be converted: no gap, an unclosed
/// or nested gap, an empty answer, or `{{`/`}}` outside a gap (which kartei's
/// cloze syntax cannot express).
pub fn anki_cloze_to_kartei(text: &str) -> Result<String, super::ImportProblem> {
    use super::ImportProblem as P;
    let text = text.trim();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut gaps = 0usize;
    loop {
        let open = rest.find("{{");
        let close = rest.find("}}");
        match (open, close) {
            (None, None) => {
                out.push_str(rest);
                break;
            }
            (Some(o), c) if c.is_none_or(|c| o < c) => {
                out.push_str(&rest[..o]);
                let after = &rest[o + 2..];
                let body_start = gap_prefix_len(after).ok_or(P::BracesOutsideGap)?;
                let body = &after[body_start..];
                let end = body.find("}}").ok_or(P::UnclosedGap)?;
                let inner = &body[..end];
                if inner.contains("{{") {
                    return Err(P::NestedGaps);
                }
                let (answer, hint) = match inner.split_once("::") {
                    Some((a, h)) => (a.trim(), Some(h.trim())),
                    None => (inner.trim(), None),
                };
                if answer.is_empty() {
                    return Err(P::EmptyGap);
                }
                out.push_str("{{");
                out.push_str(answer);
                if let Some(h) = hint.filter(|h| !h.is_empty()) {
                    out.push_str("::");
                    out.push_str(h);
                }
                out.push_str("}}");
                gaps += 1;
                rest = &body[end + 2..];
            }
            _ => return Err(P::StrayClose),
        }
    }
    if gaps == 0 {
        return Err(P::NoGap);
    }
    Ok(out)
}

/// The length of `cN::` at the start of `s`, if it is there.
fn gap_prefix_len(s: &str) -> Option<usize> {
    let after_c = s.strip_prefix('c')?;
    let digits = after_c.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || !after_c[digits..].starts_with("::") {
        return None;
    }
    Some(1 + digits + 2)
}

/// An id-friendly slug: lowercase ASCII letters and digits separated by
/// single `-`; umlauts become `ae`, `oe`, `ue`, `ss`, other accents are
/// dropped. Returns an empty string when nothing usable is left.
#[must_use]
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    let lower = text.to_lowercase();
    for c in lower.chars() {
        let mapped: Option<&str> = match c {
            'ä' => Some("ae"),
            'ö' => Some("oe"),
            'ü' => Some("ue"),
            'ß' => Some("ss"),
            _ => None,
        };
        let mut push = |s: &str| {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push_str(s);
        };
        if let Some(m) = mapped {
            push(m);
        } else if c.is_ascii_alphanumeric() {
            push(c.encode_utf8(&mut [0; 4]));
        } else {
            let base: String = c.nfd().filter(char::is_ascii_alphanumeric).collect();
            if base.is_empty() {
                pending_dash = true;
            } else {
                push(&base);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_turns_breaks_into_newlines() {
        assert_eq!(strip_html("a<br>b<br />c"), "a\nb\nc");
        assert_eq!(strip_html("<div>eins</div><div>zwei</div>"), "eins\nzwei");
        assert_eq!(
            strip_html("<b>fett</b> und <i>kursiv</i>"),
            "fett und kursiv"
        );
        assert_eq!(strip_html("x<!-- kommentar -->y"), "xy");
        assert_eq!(strip_html("<img src=\"a.png\">Bild"), "Bild");
    }

    #[test]
    fn decodes_entities_and_keeps_stray_characters() {
        assert_eq!(
            strip_html("&amp; &lt; &gt; &quot; &#39; a&nbsp;b"),
            "& < > \" ' a b"
        );
        assert_eq!(strip_html("M&#228;rz &#xFC;ber"), "März über");
        assert_eq!(strip_html("Gr&ouml;&szlig;e 5&euro;"), "Größe 5€");
        assert_eq!(strip_html("a < b & c > d"), "a < b & c > d");
        assert_eq!(strip_html("&unknown; &#xZZ; &"), "&unknown; &#xZZ; &");
        assert_eq!(strip_html("<"), "<");
        assert_eq!(strip_html("&ä;"), "&ä;");
    }

    #[test]
    fn escape_then_strip_gives_the_text_back() {
        let text = "A & B <c> \"d\"\nzweite Zeile";
        assert_eq!(strip_html(&html_escape(text)), text);
    }

    #[test]
    fn converts_anki_cloze_gaps() {
        assert_eq!(
            anki_cloze_to_kartei("Die {{c1::Preispolitik}} und {{c2::Place::P}}.").unwrap(),
            "Die {{Preispolitik}} und {{Place::P}}."
        );
        assert_eq!(
            anki_cloze_to_kartei("{{c1::a}} {{c1::b}}").unwrap(),
            "{{a}} {{b}}"
        );
        assert!(has_anki_cloze("x {{c12::y}}"));
        assert!(!has_anki_cloze("x {{y}} {{c::z}}"));
    }

    #[test]
    fn rejects_cloze_texts_kartei_cannot_express() {
        assert_eq!(
            anki_cloze_to_kartei("kein Lückentext")
                .unwrap_err()
                .to_string(),
            "cloze note without a gap `{{c1::...}}`"
        );
        assert!(
            anki_cloze_to_kartei("{{c1::offen")
                .unwrap_err()
                .to_string()
                .contains("unclosed")
        );
        assert!(
            anki_cloze_to_kartei("{{c1::}}")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
        assert!(
            anki_cloze_to_kartei("{{c1::a {{c2::b}} }}")
                .unwrap_err()
                .to_string()
                .contains("nested")
        );
        assert!(
            anki_cloze_to_kartei("{{x}} {{c1::a}}")
                .unwrap_err()
                .to_string()
                .contains("outside")
        );
        assert!(
            anki_cloze_to_kartei("a }} {{c1::a}}")
                .unwrap_err()
                .to_string()
                .contains("without")
        );
    }

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(slug("Prüfung: Größen & Maße!"), "pruefung-groessen-masse");
        assert_eq!(slug("  Café  Crème "), "cafe-creme");
        assert_eq!(slug("!!!"), "");
        assert_eq!(slug("Anki 2024"), "anki-2024");
    }
}
