//! Import of Anki's "Notes in Plain Text" export (`.txt`).
//!
//! The file starts with optional header lines such as `#separator:tab`,
//! `#html:true`, `#columns:Front\tBack\tTags`, `#notetype column:1`,
//! `#deck column:2`, `#tags column:5` and `#guid column:1`; every other line
//! is one note, its fields separated by the separator and optionally quoted
//! with `"` (see [`super::csv::records`]). Line breaks inside quoted fields
//! (`\r\n`, `\r`) are read as `\n`.

use super::csv::records;
use super::text::strip_html;
use super::{
    ImportError, ImportProblem, Imported, ImportedNote, Issue, normalise_tags, note_from_fields,
};

/// The settings read from the header lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub separator: char,
    /// Fields hold HTML (default `true`, as in Anki's own exports).
    pub html: bool,
    /// Column names from `#columns:`, when given.
    pub columns: Option<Vec<String>>,
    /// 0-based indices of the special columns.
    pub guid_column: Option<usize>,
    pub notetype_column: Option<usize>,
    pub deck_column: Option<usize>,
    pub tags_column: Option<usize>,
    /// `#notetype:NAME`: the notetype of every note without a notetype column.
    pub notetype: Option<String>,
    /// `#tags:`: tags added to every note.
    pub tags: Vec<String>,
    /// Header lines kartei does not understand (reported, then ignored).
    pub unknown: Vec<Issue>,
    /// Number of header lines (the first note record starts after them).
    pub lines: usize,
}

impl Default for Header {
    fn default() -> Self {
        Self {
            separator: '\t',
            html: true,
            columns: None,
            guid_column: None,
            notetype_column: None,
            deck_column: None,
            tags_column: None,
            notetype: None,
            tags: Vec::new(),
            unknown: Vec::new(),
            lines: 0,
        }
    }
}

fn header_error(line: usize, problem: ImportProblem) -> ImportError {
    ImportError::Header { line, problem }
}

/// Reads the `#key:value` header lines at the top of `src`. `#deck:`,
/// `#if matches:` and `#match scope:` only matter inside Anki and are
/// ignored; any other unknown line is collected in [`Header::unknown`].
///
/// # Errors
/// [`ImportError::Header`] for a separator, html flag or column number that
/// cannot be understood.
pub fn parse_header(src: &str) -> Result<Header, ImportError> {
    let mut h = Header::default();
    let mut columns_raw = None;
    for (i, raw) in src.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let Some(rest) = line.strip_prefix('#') else {
            break;
        };
        let no = i + 1;
        h.lines = no;
        let unknown = |h: &mut Header| {
            h.unknown.push(Issue {
                line: no,
                problem: ImportProblem::UnknownHeaderLine {
                    line: rest.to_owned(),
                },
            });
        };
        let Some((key, value)) = rest.split_once(':') else {
            unknown(&mut h);
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "separator" => {
                h.separator = match value.to_ascii_lowercase().as_str() {
                    "tab" => '\t',
                    "comma" => ',',
                    "semicolon" => ';',
                    "pipe" => '|',
                    "space" => ' ',
                    "colon" => ':',
                    other => {
                        let mut chars = value.chars();
                        match (chars.next(), chars.next()) {
                            (Some(c), None) if c.is_ascii() && !matches!(c, '"' | '\n' | '\r') => c,
                            _ => {
                                return Err(header_error(
                                    no,
                                    ImportProblem::UnknownSeparator {
                                        value: other.to_owned(),
                                    },
                                ));
                            }
                        }
                    }
                };
            }
            "html" => {
                h.html = match value.trim().to_ascii_lowercase().as_str() {
                    "true" => true,
                    "false" => false,
                    other => {
                        return Err(header_error(
                            no,
                            ImportProblem::HtmlNotBool {
                                value: other.to_owned(),
                            },
                        ));
                    }
                };
            }
            "columns" => columns_raw = Some(value.to_owned()),
            "notetype" => h.notetype = Some(value.trim().to_owned()),
            "tags" => h.tags = normalise_tags(value.split_whitespace()),
            // `#kartei:` lines are kartei's own notes in its exports.
            "deck" | "if matches" | "match scope" | "kartei" => {}
            "guid column" | "notetype column" | "deck column" | "tags column" => {
                let n: usize = value
                    .trim()
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| {
                        header_error(
                            no,
                            ImportProblem::ColumnNumber {
                                key: key.clone(),
                                value: value.trim().to_owned(),
                            },
                        )
                    })?;
                let slot = match key.as_str() {
                    "guid column" => &mut h.guid_column,
                    "notetype column" => &mut h.notetype_column,
                    "deck column" => &mut h.deck_column,
                    _ => &mut h.tags_column,
                };
                *slot = Some(n - 1);
            }
            _ => unknown(&mut h),
        }
    }
    // The column names are split with the separator, which may come later.
    h.columns = columns_raw.map(|c| c.split(h.separator).map(|s| s.trim().to_owned()).collect());
    Ok(h)
}

/// Imports an Anki plain-text export.
///
/// Basic notes become basic notes (`Basic (and reversed card)` sets
/// `reverse`, `Basic (optional reversed card)` does when its third field is
/// filled); notes of a cloze notetype, or whose first field holds
/// `{{c1::...}}` gaps, become cloze notes (a second field becomes the
/// explanation). HTML is turned into text when `#html:true` (the default).
/// Tags are lowercased and `::` becomes `-`. Further fields are ignored.
///
/// # Errors
/// [`ImportError::Header`] for an unreadable header,
/// [`ImportError::Empty`] when there are no note lines.
pub fn import_anki(src: &str) -> Result<Imported, ImportError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let header = parse_header(src)?;
    let body_start = nth_line_start(src, header.lines);
    let mut imported = Imported {
        notes: Vec::new(),
        issues: header.unknown.clone(),
    };
    let mut any = false;
    for row in records(&src[body_start..], header.separator) {
        any = true;
        match row {
            Err(mut issue) => {
                issue.line += header.lines;
                imported.issues.push(issue);
            }
            Ok(record) => {
                let line = record.line + header.lines;
                match note_from_record(&header, &record.fields) {
                    Ok(note) => imported.notes.push(ImportedNote { line, ..note }),
                    Err(problem) => imported.issues.push(Issue { line, problem }),
                }
            }
        }
    }
    if !any {
        return Err(ImportError::Empty);
    }
    Ok(imported)
}

fn nth_line_start(src: &str, n: usize) -> usize {
    let mut pos = 0;
    for _ in 0..n {
        match src[pos..].find('\n') {
            Some(i) => pos += i + 1,
            None => return src.len(),
        }
    }
    pos
}

fn note_from_record(h: &Header, fields: &[String]) -> Result<ImportedNote, ImportProblem> {
    let special = [
        h.guid_column,
        h.notetype_column,
        h.deck_column,
        h.tags_column,
    ];
    if let Some(cols) = &h.columns {
        if fields.len() != cols.len() {
            return Err(ImportProblem::ColumnsCount {
                columns: cols.len(),
                fields: fields.len(),
            });
        }
    } else if let Some(max) = special.iter().flatten().max()
        && fields.len() <= *max
    {
        return Err(ImportProblem::ColumnRef {
            column: max + 1,
            fields: fields.len(),
        });
    }
    let notetype = h
        .notetype_column
        .and_then(|i| fields.get(i).map(|s| s.trim().to_owned()))
        .or_else(|| h.notetype.clone())
        .unwrap_or_default();
    let lower = notetype.to_lowercase();
    let text = |s: &str| {
        // Line breaks inside quoted fields, as written on any system.
        let s = &s.replace("\r\n", "\n").replace('\r', "\n");
        if h.html {
            strip_html(s)
        } else {
            s.trim().to_owned()
        }
    };
    let note_fields: Vec<String> = fields
        .iter()
        .enumerate()
        .filter(|(i, _)| !special.contains(&Some(*i)))
        .map(|(_, f)| text(f))
        .collect();
    // Anki names its built-in notetypes in the user's language; the English
    // and German names are recognised.
    let cloze_type = lower.contains("cloze") || lower.contains("lückentext");
    let needed = if cloze_type { 1 } else { 2 };
    if note_fields.len() < needed {
        return Err(ImportProblem::TooFewFields {
            cloze: cloze_type,
            fields: note_fields.len(),
        });
    }
    let optional = lower.contains("optional");
    let reversible = lower.contains("reversed") || lower.contains("umgekehrt");
    let reverse = reversible && (!optional || note_fields.get(2).is_some_and(|f| !f.is_empty()));
    let back = note_fields.get(1).map_or("", String::as_str);
    let (body, explain) = note_from_fields(&note_fields[0], back, reverse, cloze_type)?;
    let own = h.tags_column.and_then(|i| fields.get(i));
    let tags = normalise_tags(
        own.into_iter()
            .flat_map(|t| t.split_whitespace())
            .chain(h.tags.iter().map(String::as_str)),
    );
    Ok(ImportedNote {
        tags,
        explain,
        ..ImportedNote::new(0, body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::NoteBody;

    fn basic(front: &str, back: &str, reverse: bool) -> NoteBody {
        NoteBody::Basic {
            front: front.into(),
            back: back.into(),
            reverse,
        }
    }

    #[test]
    fn header_lines_are_read() {
        let h = parse_header(
            "#separator:Semicolon\n#html:false\n#notetype column:1\n#tags column:4\n#columns:A;B;C;D\nx",
        )
        .unwrap();
        assert_eq!(h.separator, ';');
        assert!(!h.html);
        assert_eq!(h.notetype_column, Some(0));
        assert_eq!(h.tags_column, Some(3));
        assert_eq!(h.columns.unwrap().len(), 4);
        assert_eq!(h.lines, 5);
        assert_eq!(parse_header("#separator:,\n").unwrap().separator, ',');
    }

    #[test]
    fn bad_header_values_are_errors_with_line() {
        let e = parse_header("#html:yes\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 1: `#html:` must be true or false, not `yes`"
        );
        let e = parse_header("#separator:tab\n#tags column:0\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("line 2: `#tags column:` needs a column number")
        );
        assert!(parse_header("#separator:ab\n").is_err());
    }

    #[test]
    fn header_tags_are_added_and_unknown_lines_reported() {
        let src = "#separator:tab\n#tags:Import Neu\n#deck:Standard\n#hashtag ohne Doppelpunkt\n#foo:bar\n#tags column:3\nQ\tA\tneu eigen\n";
        let imp = import_anki(src).unwrap();
        assert_eq!(imp.notes[0].tags, ["neu", "eigen", "import"]);
        assert_eq!(imp.notes[0].line, 7);
        let lines: Vec<usize> = imp.issues.iter().map(|i| i.line).collect();
        assert_eq!(lines, [4, 5]);
        assert!(
            imp.issues[0]
                .message()
                .starts_with("`#hashtag ohne Doppelpunkt` is not a header line")
        );
    }

    #[test]
    fn no_header_means_tab_separated_html() {
        let imp = import_anki("Frage<br>zwei\tAntwort &amp; mehr\n").unwrap();
        assert_eq!(
            imp.notes[0].body,
            basic("Frage\nzwei", "Antwort & mehr", false)
        );
        assert_eq!(imp.notes[0].line, 1);
    }

    #[test]
    fn notetypes_decide_reverse_and_cloze() {
        // Rows are padded to the widest notetype (3 fields), tags come last.
        let src = "#separator:tab\n#html:true\n#notetype column:1\n#tags column:5\n\
                   Basic (and reversed card)\tMQL\tMarketing Qualified Lead\t\tLead Funnel::Top\n\
                   Cloze\tDie {{c1::Preispolitik}} und {{c2::Place::P}}\tMerksatz\t\t\n\
                   Basic (optional reversed card)\tA\tB\t\t\n\
                   Einfach (mit umgekehrter Karte)\tC\tD\t\t\n\
                   Einfach (optional umgekehrte Karte)\tE\tF\tja\tt\n\
                   Lückentext\tDer {{c1::Vertrieb}}\t\t\t\n";
        let imp = import_anki(src).unwrap();
        assert!(imp.issues.is_empty(), "{:?}", imp.issues);
        assert_eq!(
            imp.notes[0].body,
            basic("MQL", "Marketing Qualified Lead", true)
        );
        assert_eq!(imp.notes[0].tags, ["lead", "funnel-top"]);
        assert_eq!(imp.notes[0].line, 5);
        assert_eq!(imp.notes.len(), 6);
        assert_eq!(
            imp.notes[1].body,
            NoteBody::Cloze {
                text: "Die {{Preispolitik}} und {{Place::P}}".into()
            }
        );
        assert_eq!(imp.notes[1].explain.as_deref(), Some("Merksatz"));
        assert_eq!(imp.notes[2].body, basic("A", "B", false));
        assert_eq!(imp.notes[3].body, basic("C", "D", true));
        assert_eq!(imp.notes[4].body, basic("E", "F", true));
        assert_eq!(imp.notes[4].tags, ["t"]);
        assert_eq!(
            imp.notes[5].body,
            NoteBody::Cloze {
                text: "Der {{Vertrieb}}".into()
            }
        );
    }

    #[test]
    fn malformed_lines_are_reported_with_file_lines() {
        let src = "#separator:tab\n#tags column:3\nQ\tA\tt\nnur ein Feld\tx\n\tA\tt\nCloze-lose {{c1::}}\tb\tt\n";
        let imp = import_anki(src).unwrap();
        assert_eq!(imp.notes.len(), 1);
        let msgs: Vec<String> = imp.issues.iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            [
                "line 4: wrong number of fields: the header refers to column 3, this line has 2",
                "line 5: empty front",
                "line 6: empty cloze gap"
            ]
        );
    }

    #[test]
    fn an_empty_body_is_an_error() {
        assert!(matches!(
            import_anki("#separator:tab\n"),
            Err(ImportError::Empty)
        ));
    }
}
