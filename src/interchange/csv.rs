//! A small RFC 4180 reader (any one-character separator, `"` quoting with
//! `""` for a literal quote, line breaks inside quotes, CRLF or LF, optional
//! UTF-8 BOM) and the import of `front,back,tags` CSV files.

use super::{ImportError, Imported, ImportedNote, Issue, normalise_tags, note_from_fields};

/// One record (row) of a delimited file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line on which the record starts.
    pub line: usize,
    pub fields: Vec<String>,
}

/// Splits `src` into records separated by line breaks and fields separated
/// by `sep`. A field that starts with `"` is quoted: it may contain the
/// separator, line breaks and `""` (one literal quote). A `"` inside an
/// unquoted field is kept literally. Lines holding only empty fields are
/// skipped. A broken record (an unclosed quote, text after a closing quote)
/// becomes an [`Issue`] and reading resumes on the next line, so one bad
/// line never hides the rest of the file.
#[must_use]
pub fn records(src: &str, sep: char) -> Vec<Result<Record, Issue>> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut out = Vec::new();
    let mut pos = 0;
    let mut line = 1;
    while pos < src.len() {
        match parse_record(src, pos, line, sep) {
            Ok((fields, next, next_line)) => {
                if fields.iter().any(|f| !f.trim().is_empty()) {
                    out.push(Ok(Record { line, fields }));
                }
                pos = next;
                line = next_line;
            }
            Err(e) => {
                out.push(Err(Issue {
                    line: e.line,
                    message: e.message,
                }));
                (pos, line) = skip_line(src, e.resume, e.resume_line);
            }
        }
    }
    out
}

struct RecordError {
    line: usize,
    message: String,
    /// Where to resume: the start of the physical line to skip.
    resume: usize,
    resume_line: usize,
}

/// Returns the position just after the line break that ends the physical
/// line containing `pos`, and that line's successor number.
fn skip_line(src: &str, pos: usize, line: usize) -> (usize, usize) {
    match src[pos..].find(['\n', '\r']) {
        None => (src.len(), line + 1),
        Some(i) => {
            let at = pos + i;
            let len = if src[at..].starts_with("\r\n") { 2 } else { 1 };
            (at + len, line + 1)
        }
    }
}

type RecordOk = (Vec<String>, usize, usize);

fn parse_record(
    src: &str,
    start: usize,
    start_line: usize,
    sep: char,
) -> Result<RecordOk, RecordError> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut i = start;
    let mut line = start_line;
    loop {
        // At the start of a field.
        if src[i..].starts_with('"') {
            let quote_line = line;
            let quote_col_field = fields.len() + 1;
            i += 1;
            loop {
                let Some(c) = src[i..].chars().next() else {
                    return Err(RecordError {
                        line: quote_line,
                        message: format!(
                            "unclosed quote in field {quote_col_field}: the `\"` that opens it is never closed; \
                             close it, or write a literal quote as `\"\"`"
                        ),
                        resume: start,
                        resume_line: start_line,
                    });
                };
                i += c.len_utf8();
                match c {
                    '"' if src[i..].starts_with('"') => {
                        field.push('"');
                        i += 1;
                    }
                    '"' => break,
                    '\r' if src[i..].starts_with('\n') => {
                        field.push('\n');
                        i += 1;
                        line += 1;
                    }
                    '\n' | '\r' => {
                        field.push('\n');
                        line += 1;
                    }
                    _ => field.push(c),
                }
            }
            match src[i..].chars().next() {
                None | Some('\n' | '\r') => {}
                Some(c) if c == sep => {}
                Some(_) => {
                    return Err(RecordError {
                        line,
                        message: format!(
                            "text after the closing quote of field {quote_col_field}; \
                             quote the whole field and write a literal quote as `\"\"`"
                        ),
                        resume: i,
                        resume_line: line,
                    });
                }
            }
        } else {
            let end = src[i..]
                .find([sep, '\n', '\r'])
                .map_or(src.len(), |e| i + e);
            field.push_str(&src[i..end]);
            i = end;
        }
        fields.push(std::mem::take(&mut field));
        // After a field: a separator, a line break or the end.
        match src[i..].chars().next() {
            None => return Ok((fields, src.len(), line + 1)),
            Some('\r') if src[i..].starts_with("\r\n") => return Ok((fields, i + 2, line + 1)),
            Some('\n' | '\r') => return Ok((fields, i + 1, line + 1)),
            Some(c) => i += c.len_utf8(), // the separator
        }
    }
}

/// The columns a CSV import understands.
const COLUMNS: [&str; 3] = ["front", "back", "tags"];

/// Imports a CSV file whose first row names the columns `front`, `back` and
/// optionally `tags` (any order, any case). Tags are separated by spaces or
/// `;`. A front with Anki cloze gaps (`{{c1::...}}`) becomes a cloze note
/// (the back, if any, its explanation).
///
/// # Errors
/// [`ImportError::Header`] when the header row is unreadable, lacks `front`
/// or `back`, or names an unknown or repeated column;
/// [`ImportError::Empty`] when the file has no rows at all.
pub fn import_csv(src: &str) -> Result<Imported, ImportError> {
    let mut rows = records(src, ',').into_iter();
    let header = match rows.next() {
        None => return Err(ImportError::Empty),
        Some(Err(issue)) => {
            return Err(ImportError::Header {
                line: issue.line,
                message: format!("the header row cannot be read: {}", issue.message),
            });
        }
        Some(Ok(h)) => h,
    };
    let mut index = [None::<usize>; 3];
    for (i, name) in header.fields.iter().enumerate() {
        let name = name.trim().to_lowercase();
        let Some(k) = COLUMNS.iter().position(|c| *c == name) else {
            return Err(ImportError::Header {
                line: header.line,
                message: format!(
                    "unknown column `{name}` in the header row; kartei reads the columns front, back and tags"
                ),
            });
        };
        if index[k].replace(i).is_some() {
            return Err(ImportError::Header {
                line: header.line,
                message: format!("the column `{name}` appears twice in the header row"),
            });
        }
    }
    let (Some(front_i), Some(back_i)) = (index[0], index[1]) else {
        return Err(ImportError::Header {
            line: header.line,
            message: "the header row must name the columns `front` and `back` (and may name `tags`), e.g. `front,back,tags`".into(),
        });
    };
    let width = header.fields.len();
    let mut imported = Imported::default();
    for row in rows {
        let record = match row {
            Ok(r) => r,
            Err(issue) => {
                imported.issues.push(issue);
                continue;
            }
        };
        if record.fields.len() != width {
            imported.issues.push(Issue {
                line: record.line,
                message: format!(
                    "wrong number of fields: the header has {width}, this row has {}",
                    record.fields.len()
                ),
            });
            continue;
        }
        let front = &record.fields[front_i];
        let back = &record.fields[back_i];
        match note_from_fields(front, back, false, false) {
            Ok((body, explain)) => {
                let tags = index[2].map_or_else(Vec::new, |t| {
                    normalise_tags(record.fields[t].split(|c: char| c.is_whitespace() || c == ';'))
                });
                imported.notes.push(ImportedNote {
                    line: record.line,
                    body,
                    tags,
                    explain,
                });
            }
            Err(message) => imported.issues.push(Issue {
                line: record.line,
                message,
            }),
        }
    }
    Ok(imported)
}

/// Quotes a CSV field when it needs it (separator, quote, line break, or
/// leading/trailing space).
#[must_use]
pub fn quote_field(field: &str, sep: char) -> String {
    let needs =
        field.contains([sep, '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ');
    if needs {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::NoteBody;

    fn ok(src: &str, sep: char) -> Vec<(usize, Vec<String>)> {
        records(src, sep)
            .into_iter()
            .map(|r| {
                let r = r.unwrap();
                (r.line, r.fields)
            })
            .collect()
    }

    fn v(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn plain_and_quoted_fields() {
        assert_eq!(
            ok("a,b,c\n\"x,y\",\"sag \"\"hi\"\"\",\n", ','),
            vec![(1, v(&["a", "b", "c"])), (2, v(&["x,y", "sag \"hi\"", ""]))]
        );
    }

    #[test]
    fn newlines_inside_quotes_and_line_numbers() {
        let src = "\"eins\r\nzwei\",b\r\n\r\nc,\"d\"\r\n";
        assert_eq!(
            ok(src, ','),
            vec![(1, v(&["eins\nzwei", "b"])), (4, v(&["c", "d"]))]
        );
    }

    #[test]
    fn bom_missing_final_newline_and_other_separators() {
        assert_eq!(ok("\u{feff}ä,ö", ','), vec![(1, v(&["ä", "ö"]))]);
        assert_eq!(ok("a\tb\"c\t\"\"", '\t'), vec![(1, v(&["a", "b\"c", ""]))]);
        assert_eq!(ok("a|b", '|'), vec![(1, v(&["a", "b"]))]);
        assert_eq!(ok("a§b", '§'), vec![(1, v(&["a", "b"]))]);
    }

    #[test]
    fn unclosed_quote_is_reported_and_later_lines_survive() {
        let got = records("a,b\n\"offen,x\nc,d\n", ',');
        assert_eq!(
            got[0],
            Ok(Record {
                line: 1,
                fields: v(&["a", "b"])
            })
        );
        let issue = got[1].clone().unwrap_err();
        assert_eq!(issue.line, 2);
        assert!(
            issue.message.starts_with("unclosed quote in field 1"),
            "{issue}"
        );
        assert_eq!(
            got[2],
            Ok(Record {
                line: 3,
                fields: v(&["c", "d"])
            })
        );
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn text_after_closing_quote_is_reported() {
        let got = records("\"a\"b,c\nd,e", ',');
        let issue = got[0].clone().unwrap_err();
        assert_eq!(issue.line, 1);
        assert!(issue.message.contains("after the closing quote"));
        assert_eq!(
            got[1],
            Ok(Record {
                line: 2,
                fields: v(&["d", "e"])
            })
        );
    }

    #[test]
    fn quote_field_round_trips_through_records() {
        for s in ["plain", "a,b", "say \"x\"", "zwei\nZeilen", " lead", ""] {
            let line = format!("{},z", quote_field(s, ','));
            let got = ok(&line, ',');
            assert_eq!(got[0].1[0], s, "{line}");
        }
    }

    #[test]
    fn csv_import_reads_columns_in_header_order() {
        let src = "Tags,Back,Front\n\"A;b  C::D\",Antwort,Frage\n";
        let imp = import_csv(src).unwrap();
        assert!(imp.issues.is_empty());
        assert_eq!(imp.notes[0].tags, v(&["a", "b", "c-d"]));
        assert_eq!(
            imp.notes[0].body,
            NoteBody::Basic {
                front: "Frage".into(),
                back: "Antwort".into(),
                reverse: false
            }
        );
    }

    #[test]
    fn csv_import_reports_bad_rows_and_keeps_good_ones() {
        let src = "front,back\n,leer\nnur eins\nQ,A\nQ2,\n";
        let imp = import_csv(src).unwrap();
        assert_eq!(imp.notes.len(), 1);
        let msgs: Vec<String> = imp.issues.iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            [
                "line 2: empty front",
                "line 3: wrong number of fields: the header has 2, this row has 1",
                "line 5: empty back"
            ]
        );
    }

    #[test]
    fn csv_header_problems_stop_the_import() {
        assert!(matches!(import_csv(""), Err(ImportError::Empty)));
        let e = import_csv("front,antwort\n").unwrap_err();
        assert!(e.to_string().contains("unknown column `antwort`"), "{e}");
        let e = import_csv("front,tags\n").unwrap_err();
        assert!(e.to_string().contains("must name the columns"), "{e}");
        let e = import_csv("front,back,front\n").unwrap_err();
        assert!(e.to_string().contains("twice"), "{e}");
    }

    #[test]
    fn csv_front_with_anki_cloze_becomes_cloze() {
        let imp = import_csv("front,back\n\"Die {{c1::Preis}}politik\",Extra\n").unwrap();
        assert_eq!(
            imp.notes[0].body,
            NoteBody::Cloze {
                text: "Die {{Preis}}politik".into()
            }
        );
        assert_eq!(imp.notes[0].explain.as_deref(), Some("Extra"));
    }
}
