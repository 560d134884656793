//! Delimited files, read with the `csv` crate, and kartei's own CSV layout
//! (docs/import-export.md): one row per note, one column per deck key, so
//! that export then import gives back every card kind and field.
//!
//! What this module adds to the `csv` crate: line numbers that count `\r\n`,
//! `\n` and a lone `\r` as one line break each (the crate counts `\n` only),
//! blank rows skipped, an unclosed quote reported on its own line (the crate
//! reads it to the end of the file) with reading resumed on the next line,
//! and the neutralising of spreadsheet formulas ([`neutralise_cell`]).

use std::collections::HashMap;

use super::{
    ImportError, ImportProblem, Imported, ImportedNote, Issue, NoteBody, anki_cloze_to_kartei,
    text::has_anki_cloze,
};

/// One record (row) of a delimited file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line on which the record starts.
    pub line: usize,
    /// The fields exactly as written (quotes removed, `""` read as `"`, line
    /// breaks inside quotes kept as they are).
    pub fields: Vec<String>,
}

/// After this many unclosed quotes the rest of a file is not read: each one
/// makes the reader go through the rest of the file again.
const MAX_UNCLOSED_QUOTES: usize = 100;

/// Splits `src` into records separated by line breaks (`\r\n`, `\n` or `\r`)
/// and fields separated by `sep`, which must be one ASCII character. A field
/// that starts with `"` is quoted: it may contain the separator, line breaks
/// and `""` (one literal quote). A `"` inside an unquoted field, and text
/// after a closing quote, are kept literally. Rows holding only blank fields
/// are skipped; a UTF-8 byte order mark is ignored. A quote that is never
/// closed becomes an [`Issue`] on the line of the quote, and reading resumes
/// on the line after the one where its record starts, so one bad line never
/// hides the rest of the file.
#[must_use]
pub fn records(src: &str, sep: char) -> Vec<Result<Record, Issue>> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let Some(sep) = u8::try_from(sep).ok().filter(u8::is_ascii) else {
        return vec![Err(Issue {
            line: 1,
            problem: ImportProblem::SeparatorNotAscii { sep },
        })];
    };
    let lines = LineStarts::new(src);
    let mut out = Vec::new();
    let mut offset = 0;
    let mut unclosed = 0;
    let mut reported = std::collections::HashSet::new();
    while offset < src.len() {
        let part = &src[offset..];
        let mut read = read_part(part, sep);
        let Some(last) = read.last() else { break };
        let Some((field, quote_at)) = open_quote(&part[last.0..], sep) else {
            push_records(&mut out, read, offset, &lines);
            break;
        };
        let record_start = offset + read.pop().map_or(0, |r| r.0);
        push_records(&mut out, read, offset, &lines);
        // Reading on from the next line can run into the same quote again.
        if reported.insert(record_start + quote_at) {
            out.push(Err(Issue {
                line: lines.line_of(record_start + quote_at),
                problem: ImportProblem::UnclosedQuote { field },
            }));
        }
        unclosed += 1;
        offset = lines.next_line_start(record_start);
        if unclosed >= MAX_UNCLOSED_QUOTES && offset < src.len() {
            out.push(Err(Issue {
                line: lines.line_of(offset),
                problem: ImportProblem::TooManyUnclosedQuotes {
                    max: MAX_UNCLOSED_QUOTES,
                },
            }));
            break;
        }
    }
    out
}

/// The records of `part` as (byte offset of the record's first field, fields).
fn read_part(part: &str, sep: u8) -> Vec<(usize, Vec<String>)> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(part.as_bytes());
    let mut record = ::csv::ByteRecord::new();
    let mut out = Vec::new();
    // Reading from a byte slice into byte records fails only on I/O errors,
    // which a slice does not have; stop quietly if it ever does.
    while let Ok(true) = reader.read_byte_record(&mut record) {
        let pos = record.position().map_or(0, |p| p.byte());
        // The position may point at the line breaks before the record.
        let pos = usize::try_from(pos).unwrap_or(part.len()).min(part.len());
        let start = pos
            + part.as_bytes()[pos..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        // Fields are cut at ASCII bytes out of valid UTF-8, so they are
        // valid UTF-8 themselves.
        let fields = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        out.push((start, fields));
    }
    out
}

fn push_records(
    out: &mut Vec<Result<Record, Issue>>,
    read: Vec<(usize, Vec<String>)>,
    offset: usize,
    lines: &LineStarts,
) {
    for (start, fields) in read {
        if fields.iter().any(|f| !f.trim().is_empty()) {
            out.push(Ok(Record {
                line: lines.line_of(offset + start),
                fields,
            }));
        }
    }
}

/// Whether the last record of a file, `tail`, ends inside a quoted field:
/// then `Some((1-based field number, byte offset of its opening quote in
/// tail))`. The record is read again with a line break and a marker
/// appended: outside quotes the marker becomes a record of its own, inside
/// an open quote it becomes part of the field.
fn open_quote(tail: &str, sep: u8) -> Option<(usize, usize)> {
    const MARKER: &str = "\n\u{0}";
    let probe = format!("{tail}{MARKER}");
    let read = read_part(&probe, sep);
    let (_, fields) = read.last()?;
    if fields.len() == 1 && fields[0] == "\u{0}" {
        return None;
    }
    let field = fields.last()?;
    let content = field.strip_suffix(MARKER)?;
    // The open field is `"` followed by its content with every `"` doubled.
    let raw_len = 1 + content.len() + content.matches('"').count();
    Some((fields.len(), tail.len().checked_sub(raw_len)?))
}

/// Byte offsets where lines start; `\r\n`, `\n` and a lone `\r` each end a line.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(src: &str) -> Self {
        let bytes = src.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 2;
                }
                b'\r' | b'\n' => {
                    starts.push(i + 1);
                    i += 1;
                }
                _ => i += 1,
            }
        }
        Self(starts)
    }

    /// The 1-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset).max(1)
    }

    /// Where the line after the one holding `offset` starts (or the end).
    fn next_line_start(&self, offset: usize) -> usize {
        let line = self.line_of(offset);
        self.0.get(line).copied().unwrap_or(usize::MAX)
    }
}

/// The characters a spreadsheet reads as the start of a formula (OWASP,
/// "CSV Injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when `cell`, after any number of leading `'`, starts a formula.
fn looks_neutralised_or_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// Makes a cell safe to open in a spreadsheet: a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a `'` in front, as OWASP
/// recommends, so it is shown as text instead of run as a formula. So that
/// [`restore_cell`] can undo exactly that, a cell that already starts with
/// `'`s followed by one of those characters gets one more `'`.
#[must_use]
pub fn neutralise_cell(cell: &str) -> String {
    if looks_neutralised_or_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Undoes [`neutralise_cell`]: removes the `'` it put in front of a cell.
/// `restore_cell(&neutralise_cell(s)) == s` for every `s`.
#[must_use]
pub fn restore_cell(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_neutralised_or_formula(rest) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

/// The columns of kartei's CSV layout, in the order `kartei export` writes
/// them. Each is a key of a `[[cards]]` table, except `deck`.
pub const COLUMNS: [&str; 16] = [
    "id", "deck", "kind", "front", "back", "text", "choices", "answer", "items", "ordered",
    "reverse", "input", "hint", "explain", "source", "tags",
];

/// Reads a list cell: a JSON array of strings when it starts with `[`,
/// otherwise one item per line (blank lines skipped).
fn list_cell(cell: &str, column: &str) -> Result<Vec<String>, ImportProblem> {
    if cell.starts_with('[') {
        return serde_json::from_str::<Vec<String>>(cell).map_err(|_| ImportProblem::NotJsonList {
            column: column.to_owned(),
        });
    }
    Ok(cell
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect())
}

/// Writes a list cell: one item per line, or a JSON array when that would
/// not read back the same (an item that is blank or holds a line break, a
/// first item starting with `[`, no items at all).
fn write_list_cell(items: &[String]) -> String {
    let plain_ok = !items.is_empty()
        && !items[0].starts_with('[')
        && items
            .iter()
            .all(|i| !i.trim().is_empty() && !i.contains(['\n', '\r']));
    if plain_ok {
        items.join("\n")
    } else {
        serde_json::to_string(items).unwrap_or_default()
    }
}

/// Reads a tags cell: a JSON array of strings when it starts with `[`,
/// otherwise tags separated by spaces or `;`. Blank tags and repeats are
/// dropped; the order is kept.
fn tags_cell(cell: &str) -> Result<Vec<String>, ImportProblem> {
    let raw: Vec<String> = if cell.starts_with('[') {
        serde_json::from_str::<Vec<String>>(cell).map_err(|_| ImportProblem::TagsNotJsonList)?
    } else {
        cell.split(|c: char| c.is_whitespace() || c == ';')
            .map(str::to_owned)
            .collect()
    };
    let mut out: Vec<String> = Vec::new();
    for t in raw {
        if !t.trim().is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

/// Writes a tags cell: separated by spaces, or a JSON array when a tag
/// holds a space or `;` (or would be misread as one).
fn write_tags_cell(tags: &[String]) -> String {
    let plain_ok = tags.first().is_none_or(|t| !t.starts_with('['))
        && tags
            .iter()
            .all(|t| !t.trim().is_empty() && !t.contains(|c: char| c.is_whitespace() || c == ';'));
    if plain_ok {
        tags.join(" ")
    } else {
        serde_json::to_string(tags).unwrap_or_default()
    }
}

fn bool_cell(cell: &str, column: &str) -> Result<bool, ImportProblem> {
    match cell.trim().to_lowercase().as_str() {
        "" | "false" | "0" | "no" | "nein" => Ok(false),
        "true" | "1" | "yes" | "ja" | "x" => Ok(true),
        other => Err(ImportProblem::NotBool {
            column: column.to_owned(),
            value: other.to_owned(),
        }),
    }
}

/// Imports a CSV file in kartei's layout (docs/import-export.md). The first
/// row names the columns, any of [`COLUMNS`] in any order and case; it must
/// name `text`, or `front` with `back`, `choices` or `items`. So the short
/// form `front,back,tags` works too. Cells are taken exactly as written,
/// after undoing [`neutralise_cell`]; a file whose first row ends in `\r\n`
/// (written on Windows) has its `\r\n` inside cells read as `\n`.
///
/// A row becomes one note of the kind in `kind`; an empty `kind` means
/// cloze when `text` is filled or `front` holds Anki cloze gaps
/// (`{{c1::...}}`, then `back` becomes the explanation), choice when
/// `choices` is filled, list when `items` is, basic otherwise.
///
/// # Errors
/// [`ImportError::Header`] when the header row is unreadable, lacks the
/// needed columns, or names an unknown or repeated column;
/// [`ImportError::Empty`] when the file has no rows at all.
pub fn import_csv(src: &str) -> Result<Imported, ImportError> {
    let body = src.strip_prefix('\u{feff}').unwrap_or(src);
    let windows = body
        .find(['\r', '\n'])
        .is_some_and(|i| body[i..].starts_with("\r\n"));
    let mut rows = records(src, ',').into_iter();
    let header = match rows.next() {
        None => return Err(ImportError::Empty),
        Some(Err(issue)) => {
            return Err(ImportError::Header {
                line: issue.line,
                problem: ImportProblem::HeaderUnreadable(Box::new(issue.problem)),
            });
        }
        Some(Ok(h)) => h,
    };
    let mut index: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.fields.iter().enumerate() {
        let name = restore_cell(name).trim().to_lowercase();
        let Some(column) = COLUMNS.iter().find(|c| **c == name) else {
            return Err(ImportError::Header {
                line: header.line,
                problem: ImportProblem::UnknownColumn { name },
            });
        };
        if index.insert(column, i).is_some() {
            return Err(ImportError::Header {
                line: header.line,
                problem: ImportProblem::ColumnTwice { name },
            });
        }
    }
    let has = |c: &str| index.contains_key(c);
    if !(has("text") || has("front") && (has("back") || has("choices") || has("items"))) {
        return Err(ImportError::Header {
            line: header.line,
            problem: ImportProblem::HeaderNeedsColumns,
        });
    }
    let width = header.fields.len();
    let mut imported = Imported::default();
    let mut ids: HashMap<String, usize> = HashMap::new();
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
                problem: ImportProblem::FieldCount {
                    header: width,
                    row: record.fields.len(),
                },
            });
            continue;
        }
        let cells: HashMap<&str, String> = index
            .iter()
            .map(|(name, &i)| {
                let mut cell = restore_cell(&record.fields[i]);
                if windows {
                    cell = cell.replace("\r\n", "\n");
                }
                (*name, cell)
            })
            .collect();
        let note = note_from_cells(&cells).and_then(|note| {
            super::check_loads(&note)?;
            if let Some(id) = &note.id
                && let Some(first) = ids.insert(id.clone(), record.line)
            {
                ids.insert(id.clone(), first);
                return Err(ImportProblem::IdUsedBefore {
                    id: id.clone(),
                    first,
                });
            }
            Ok(note)
        });
        match note {
            Ok(mut note) => {
                note.line = record.line;
                imported.notes.push(note);
            }
            Err(problem) => imported.issues.push(Issue {
                line: record.line,
                problem,
            }),
        }
    }
    Ok(imported)
}

/// Turns one row's cells (by column name) into a note.
fn note_from_cells(cells: &HashMap<&str, String>) -> Result<ImportedNote, ImportProblem> {
    let get = |c: &str| cells.get(c).map_or("", String::as_str);
    let filled = |c: &str| !get(c).trim().is_empty();
    let opt = |c: &str| filled(c).then(|| get(c).to_owned());
    let kind = get("kind").trim().to_lowercase();
    let kind = match kind.as_str() {
        "" if filled("text") => "cloze",
        "" if has_anki_cloze(get("front")) && !filled("choices") && !filled("items") => "cloze",
        "" if filled("choices") => "choice",
        "" if filled("items") => "list",
        "" => "basic",
        k @ ("basic" | "cloze" | "choice" | "list") => k,
        other => {
            return Err(ImportProblem::UnknownKind {
                kind: other.to_owned(),
            });
        }
    };
    let allowed: &[&str] = match kind {
        "basic" => &["front", "back", "reverse", "input"],
        "cloze" => &["text", "front", "back", "input"],
        "choice" => &["front", "choices", "answer"],
        _ => &["front", "items", "ordered", "input"],
    };
    let kind_specific = [
        "front", "back", "text", "choices", "answer", "items", "ordered", "reverse", "input",
    ];
    // A yes/no column set to no is as good as empty.
    let used = |c: &str| match c {
        "ordered" | "reverse" | "input" => bool_cell(get(c), c) != Ok(false),
        _ => filled(c),
    };
    if let Some(stray) = kind_specific
        .iter()
        .find(|c| !allowed.contains(c) && used(c))
    {
        return Err(ImportProblem::NotForKind {
            column: (*stray).to_owned(),
            kind: kind.to_owned(),
        });
    }
    let mut explain = opt("explain");
    let body = match kind {
        "basic" => {
            if !filled("front") {
                return Err(ImportProblem::EmptyFront);
            }
            if !filled("back") {
                return Err(ImportProblem::EmptyBack);
            }
            NoteBody::Basic {
                front: get("front").to_owned(),
                back: get("back").to_owned(),
                reverse: bool_cell(get("reverse"), "reverse")?,
            }
        }
        "cloze" => {
            let text = if filled("text") {
                if filled("front") {
                    return Err(ImportProblem::ClozeTextAndFront);
                }
                get("text").to_owned()
            } else {
                // A front with Anki gaps, as in a simple `front,back` file.
                let text = anki_cloze_to_kartei(get("front"))?;
                if filled("back") {
                    if explain.is_some() {
                        return Err(ImportProblem::ClozeBackAndExplain);
                    }
                    explain = Some(get("back").trim().to_owned());
                }
                text
            };
            if filled("text") && filled("back") {
                return Err(ImportProblem::ClozeBackWithText);
            }
            NoteBody::Cloze { text }
        }
        "choice" => {
            if !filled("front") {
                return Err(ImportProblem::EmptyFront);
            }
            NoteBody::Choice {
                front: get("front").to_owned(),
                choices: list_cell(get("choices"), "choices")?,
                answer: list_cell(get("answer"), "answer")?,
            }
        }
        _ => {
            if !filled("front") {
                return Err(ImportProblem::EmptyFront);
            }
            NoteBody::List {
                front: get("front").to_owned(),
                items: list_cell(get("items"), "items")?,
                ordered: bool_cell(get("ordered"), "ordered")?,
            }
        }
    };
    let id = opt("id").map(|s| s.trim().to_owned());
    if let Some(id) = &id
        && !crate::deck::valid_card_id(id)
    {
        return Err(ImportProblem::InvalidId { id: id.clone() });
    }
    Ok(ImportedNote {
        line: 0,
        id,
        body,
        tags: tags_cell(get("tags"))?,
        hint: opt("hint"),
        explain,
        source: opt("source"),
        input: bool_cell(get("input"), "input")?,
    })
}

/// Writes rows in kartei's CSV layout: the header [`COLUMNS`], then one row
/// per note, every cell passed through [`neutralise_cell`].
#[must_use]
pub fn write_csv(rows: &[(String, ImportedNote)]) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    for (deck, note) in rows {
        let cells = row_cells(deck, note);
        let _ = writer.write_record(cells.iter().map(|c| neutralise_cell(c)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn row_cells(deck: &str, note: &ImportedNote) -> [String; 16] {
    let yes = |b: bool| if b { "true".to_owned() } else { String::new() };
    let mut cells: [String; 16] = Default::default();
    let mut set = |column: &str, value: String| {
        if let Some(i) = COLUMNS.iter().position(|c| *c == column) {
            cells[i] = value;
        }
    };
    set("id", note.id.clone().unwrap_or_default());
    set("deck", deck.to_owned());
    match &note.body {
        NoteBody::Basic {
            front,
            back,
            reverse,
        } => {
            set("kind", "basic".into());
            set("front", front.clone());
            set("back", back.clone());
            set("reverse", yes(*reverse));
        }
        NoteBody::Cloze { text } => {
            set("kind", "cloze".into());
            set("text", text.clone());
        }
        NoteBody::Choice {
            front,
            choices,
            answer,
        } => {
            set("kind", "choice".into());
            set("front", front.clone());
            set("choices", write_list_cell(choices));
            set("answer", write_list_cell(answer));
        }
        NoteBody::List {
            front,
            items,
            ordered,
        } => {
            set("kind", "list".into());
            set("front", front.clone());
            set("items", write_list_cell(items));
            set("ordered", yes(*ordered));
        }
    }
    set("input", yes(note.input));
    set("hint", note.hint.clone().unwrap_or_default());
    set("explain", note.explain.clone().unwrap_or_default());
    set("source", note.source.clone().unwrap_or_default());
    set("tags", write_tags_cell(&note.tags));
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn line_breaks_inside_quotes_are_kept_and_lines_counted() {
        let src = "\"eins\r\nzwei\",b\r\n\r\nc,\"d\"\r\n";
        assert_eq!(
            ok(src, ','),
            vec![(1, v(&["eins\r\nzwei", "b"])), (4, v(&["c", "d"]))]
        );
        // A lone CR ends a line too, also for the line numbers.
        assert_eq!(
            ok("a,b\rc,d\r\re,f", ','),
            vec![
                (1, v(&["a", "b"])),
                (2, v(&["c", "d"])),
                (4, v(&["e", "f"]))
            ]
        );
    }

    #[test]
    fn bom_missing_final_newline_and_other_separators() {
        assert_eq!(ok("\u{feff}ä,ö", ','), vec![(1, v(&["ä", "ö"]))]);
        assert_eq!(ok("a\tb\"c\t\"\"", '\t'), vec![(1, v(&["a", "b\"c", ""]))]);
        assert_eq!(ok("a|b", '|'), vec![(1, v(&["a", "b"]))]);
        let got = records("a§b", '§');
        assert!(got[0].as_ref().unwrap_err().message().contains("ASCII"));
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
            issue.message().starts_with("unclosed quote in field 1"),
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
        // In a later field, after a multi-line field, with doubled quotes.
        let got = records("x,\"a\nb\",\"sag \"\"x\"\"\ny\n", ',');
        let issue = got[0].clone().unwrap_err();
        assert_eq!(issue.line, 2);
        assert!(issue.message().contains("field 3"), "{issue}");
        // Reading on from line 2 meets the same quote: not reported twice.
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[1],
            Ok(Record {
                line: 3,
                fields: v(&["y"])
            })
        );
    }

    #[test]
    fn many_unclosed_quotes_stop_the_reading() {
        // Each line's `"c` is closed by the next line's `b"`, but the last
        // one never is; reading on from the next line meets it again and
        // again, so the reading stops after MAX_UNCLOSED_QUOTES tries.
        let src = format!("\"a\n{}", "b\",\"c\n".repeat(MAX_UNCLOSED_QUOTES + 50));
        let got = records(&src, ',');
        let issues: Vec<Issue> = got.into_iter().map(|r| r.unwrap_err()).collect();
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!(issues[0].line, MAX_UNCLOSED_QUOTES + 51);
        assert!(
            issues[0].message().starts_with("unclosed quote"),
            "{}",
            issues[0]
        );
        assert_eq!(issues[1].line, MAX_UNCLOSED_QUOTES + 1);
        assert!(
            issues[1]
                .message()
                .contains("the rest of the file was not read")
        );
    }

    #[test]
    fn text_after_a_closing_quote_is_kept() {
        assert_eq!(
            ok("\"a\"b,c\nd,e", ','),
            vec![(1, v(&["ab", "c"])), (2, v(&["d", "e"]))]
        );
    }

    #[test]
    fn neutralised_cells_are_restored_exactly() {
        for (cell, written) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+49 30", "'+49 30"),
            ("-", "'-"),
            ("@x", "'@x"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("'x", "'x"),
            ("x=1", "x=1"),
            ("", ""),
        ] {
            assert_eq!(neutralise_cell(cell), written, "{cell:?}");
            assert_eq!(restore_cell(written), cell, "{cell:?}");
        }
    }

    #[test]
    fn list_and_tag_cells_read_back_what_was_written() {
        for items in [
            v(&["a", "b"]),
            v(&["zwei\nZeilen", "b"]),
            v(&["[x]", "y"]),
            v(&[" ", "y"]),
            v(&[]),
        ] {
            assert_eq!(list_cell(&write_list_cell(&items), "items").unwrap(), items);
        }
        for tags in [
            v(&["a", "B::c"]),
            v(&["zwei worte", "x;y"]),
            v(&["[t]"]),
            v(&[]),
        ] {
            assert_eq!(tags_cell(&write_tags_cell(&tags)).unwrap(), tags);
        }
        assert_eq!(tags_cell("a;b  c a").unwrap(), v(&["a", "b", "c"]));
        assert!(
            list_cell("[kaputt", "items")
                .unwrap_err()
                .to_string()
                .contains("JSON")
        );
    }

    fn import(src: &str) -> Imported {
        import_csv(src).unwrap()
    }

    fn messages(imp: &Imported) -> Vec<String> {
        imp.issues.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn short_form_reads_columns_in_header_order_and_keeps_tags_as_written() {
        let imp = import("Tags,Back,Front\n\"A;b  C::D\",Antwort,Frage\n");
        assert!(imp.issues.is_empty(), "{:?}", imp.issues);
        assert_eq!(imp.notes[0].tags, v(&["A", "b", "C::D"]));
        assert_eq!(
            imp.notes[0].body,
            NoteBody::Basic {
                front: "Frage".into(),
                back: "Antwort".into(),
                reverse: false
            }
        );
        assert_eq!(imp.notes[0].id, None);
    }

    #[test]
    fn bad_rows_are_reported_and_good_ones_kept() {
        let src = "front,back\n,leer\nnur eins\nQ,A\nQ2,\n";
        let imp = import(src);
        assert_eq!(imp.notes.len(), 1);
        assert_eq!(
            messages(&imp),
            [
                "line 2: empty front",
                "line 3: wrong number of fields: the header has 2, this row has 1",
                "line 5: empty back"
            ]
        );
    }

    #[test]
    fn header_problems_stop_the_import() {
        assert!(matches!(import_csv(""), Err(ImportError::Empty)));
        let e = import_csv("front,antwort\n").unwrap_err();
        assert!(e.to_string().contains("unknown column `antwort`"), "{e}");
        let e = import_csv("front,tags\n").unwrap_err();
        assert!(e.to_string().contains("must name the columns"), "{e}");
        let e = import_csv("front,back,front\n").unwrap_err();
        assert!(e.to_string().contains("twice"), "{e}");
    }

    #[test]
    fn a_front_with_anki_gaps_becomes_a_cloze_note() {
        let imp = import("front,back\n\"Die {{c1::Preis}}politik\",Extra\n");
        assert_eq!(
            imp.notes[0].body,
            NoteBody::Cloze {
                text: "Die {{Preis}}politik".into()
            }
        );
        assert_eq!(imp.notes[0].explain.as_deref(), Some("Extra"));
    }

    #[test]
    fn every_kind_and_field_is_read_from_the_full_layout() {
        let src = "kind,id,front,back,text,choices,answer,items,ordered,reverse,input,hint,explain,source,tags\n\
                   ,b1,F,B,,,,,,ja,1,H,E,S,t1 t2\n\
                   cloze,c1,,,Der {{Funnel::F}},,,,,,,,,,\n\
                   ,ch,Welche?,,,\"A\nB\nC\",\"A\nC\",,,,,,,,\n\
                   list,l1,Nenne,,,,,\"[\"\"x\"\",\"\"y\\nz\"\"]\",true,,,,,,\n";
        let imp = import(src);
        assert!(imp.issues.is_empty(), "{:?}", imp.issues);
        let n = &imp.notes;
        assert_eq!(n[0].id.as_deref(), Some("b1"));
        assert_eq!(
            n[0].body,
            NoteBody::Basic {
                front: "F".into(),
                back: "B".into(),
                reverse: true
            }
        );
        assert!(n[0].input);
        assert_eq!(
            (
                n[0].hint.as_deref(),
                n[0].explain.as_deref(),
                n[0].source.as_deref()
            ),
            (Some("H"), Some("E"), Some("S"))
        );
        assert_eq!(n[0].tags, v(&["t1", "t2"]));
        assert_eq!(
            n[1].body,
            NoteBody::Cloze {
                text: "Der {{Funnel::F}}".into()
            }
        );
        assert_eq!(
            n[2].body,
            NoteBody::Choice {
                front: "Welche?".into(),
                choices: v(&["A", "B", "C"]),
                answer: v(&["A", "C"])
            }
        );
        assert_eq!(
            n[3].body,
            NoteBody::List {
                front: "Nenne".into(),
                items: v(&["x", "y\nz"]),
                ordered: true
            }
        );
    }

    #[test]
    fn rows_the_loader_would_reject_are_skipped_with_its_reason() {
        let src = "id,kind,front,back,choices,answer,ordered\n\
                   a,choice,Q,,\"X\nY\",Z,\n\
                   b,wort,Q,A,,,\n\
                   c,basic,Q,A,,,true\n\
                   a,basic,Q2,A,,,\n\
                   d e,basic,Q3,A,,,\n\
                   ok,basic,Q4,A,,,nein\n";
        let imp = import(src);
        let m = messages(&imp);
        assert_eq!(imp.notes.len(), 2, "{m:?}");
        assert!(
            m[0].starts_with("line 2: ") && m[0].contains("`Z`"),
            "{m:?}"
        );
        // The choices of line 2 span two lines.
        assert!(m[1].starts_with("line 4: unknown kind `wort`"), "{m:?}");
        assert!(
            m[2].starts_with("line 5: `ordered` does not belong to a basic card"),
            "{m:?}"
        );
        assert!(m[3].starts_with("line 7: invalid id `d e`"), "{m:?}");
        assert_eq!(imp.notes[0].line, 6);
        // A duplicate id is reported on the second use.
        let imp = import("id,front,back\nx,Q,A\nx,Q2,A2\n");
        assert_eq!(
            messages(&imp),
            ["line 3: the id `x` is used on line 2 already; every card needs its own id"]
        );
    }

    #[test]
    fn cells_are_neutralised_on_export_and_restored_on_import() {
        let imp = import("front,back\n'=1+1,'-x\n");
        assert_eq!(
            imp.notes[0].body,
            NoteBody::Basic {
                front: "=1+1".into(),
                back: "-x".into(),
                reverse: false
            }
        );
        let note = imp.notes[0].clone();
        let text = write_csv(&[("d".into(), note)]);
        assert!(text.contains(",'=1+1,'-x,"), "{text}");
    }
}
