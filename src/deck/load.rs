//! Parsing and validating one deck file.
//!
//! The text is read once into a [`document`](super::document) of spanned
//! entries (straight from the TOML parser's events when the file is
//! written the plain way, else from the toml crate's tree, which also
//! reports syntax errors); every check reads positions from those spans
//! through a [`LineIndex`] built once per file, so positions cost a binary
//! search each. All problems of a file are collected and returned
//! together.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use toml::de::DeTable;
use unicode_normalization::UnicodeNormalization;

use super::diagnostic::{Diagnostic, LineIndex, Severity, closest};
use super::document::{self, Entry, Value, get};
use super::model::{Card, CardContent, CardId, CardKind, ClozeSegment, Deck, DeckOrigin};
use super::problem::{ClozeProblem, Expected, FileKind, IdProblem, KeyPlace, Problem};

/// A deck that loaded without errors, and the warnings found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub deck: Deck,
    pub warnings: Vec<Diagnostic>,
}

/// Keys allowed in `[deck]`.
pub const DECK_KEYS: &[&str] = &["id", "name", "description", "tags"];
/// Keys allowed in a `[[cards]]` table (of some kind).
pub const CARD_KEYS: &[&str] = &[
    "id", "kind", "front", "back", "reverse", "input", "accept", "text", "choices", "answer",
    "items", "ordered", "tags", "hint", "explain", "source",
];
const TOP_KEYS: &[&str] = &["deck", "cards"];
const COMMON_CARD_KEYS: &[&str] = &["id", "kind", "tags", "hint", "explain", "source"];
const KINDS: &[&str] = &["basic", "cloze", "choice", "list"];

/// The keys a card of `kind` may have besides the common ones.
fn kind_keys(kind: CardKind) -> &'static [&'static str] {
    match kind {
        CardKind::Basic => &["front", "back", "reverse", "input", "accept"],
        CardKind::Cloze => &["text", "input", "accept"],
        CardKind::Choice => &["front", "choices", "answer"],
        CardKind::List => &["front", "items", "ordered", "input"],
    }
}

fn parse_kind(s: &str) -> Option<CardKind> {
    match s {
        "basic" => Some(CardKind::Basic),
        "cloze" => Some(CardKind::Cloze),
        "choice" => Some(CardKind::Choice),
        "list" => Some(CardKind::List),
        _ => None,
    }
}

/// The largest deck file kartei reads (64 MiB): far more than any deck
/// needs, and a bound on the memory a file can make kartei use.
pub const MAX_DECK_BYTES: u64 = 64 << 20;

/// Reads a deck file from disk.
///
/// # Errors
/// Every problem in the file, or a single one if it cannot be read (see
/// [`read_deck_file`]).
pub fn load_file(path: &Path) -> Result<Parsed, Vec<Diagnostic>> {
    match read_deck_file(path) {
        Ok(bytes) => load_bytes(&bytes, DeckOrigin::File(path.to_path_buf())),
        Err(d) => Err(vec![d]),
    }
}

/// What kind of file system object `ft` is, for messages.
#[must_use]
pub fn file_kind(ft: std::fs::FileType) -> &'static str {
    FileKind::of(ft).as_str()
}

/// Reads the bytes of a deck file: only a regular file (a symlink to one is
/// fine) of at most [`MAX_DECK_BYTES`]. Devices, pipes and sockets are
/// refused before they are read (`/dev/zero` never ends, a pipe blocks),
/// and so is a file over the limit.
///
/// # Errors
/// A diagnostic naming the file and the problem.
pub fn read_deck_file(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read as _;
    let name = path.display().to_string();
    let cannot_read =
        |e: std::io::Error| Diagnostic::file_error(name.clone(), Problem::CannotRead((&e).into()));
    let check = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            return Err(Diagnostic::file_error(
                name.clone(),
                Problem::NotRegularFile(FileKind::of(meta.file_type())),
            ));
        }
        if meta.len() > MAX_DECK_BYTES {
            return Err(too_big(&name, meta.len()));
        }
        Ok(())
    };
    check(&std::fs::metadata(path).map_err(cannot_read)?)?;
    // Opened without blocking: had the file been swapped for a pipe since,
    // opening it must not wait for a writer.
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    check(&meta)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_DECK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_DECK_BYTES {
        return Err(too_big(&name, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(name: &str, len: u64) -> Diagnostic {
    Diagnostic::file_error(
        name.to_owned(),
        Problem::TooBig {
            bytes: len,
            max_mib: MAX_DECK_BYTES >> 20,
        },
    )
}

/// Parses a deck from raw bytes; bytes that are not UTF-8 are reported with
/// the line and column where they start.
///
/// # Errors
/// Every problem in the file.
pub fn load_bytes(bytes: &[u8], origin: DeckOrigin) -> Result<Parsed, Vec<Diagnostic>> {
    match std::str::from_utf8(bytes) {
        Ok(src) => parse_deck(src, origin),
        Err(e) => {
            let good = e.valid_up_to();
            // The prefix up to the bad byte is valid UTF-8 by definition.
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or("");
            let idx = LineIndex::new(prefix);
            let (line, column) = idx.position(good);
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let line_end = bytes[line_start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| line_start + p);
            let shown = String::from_utf8_lossy(&bytes[line_start..line_end])
                .trim_end_matches('\r')
                .to_owned();
            Err(vec![Diagnostic {
                severity: Severity::Error,
                file: origin.display_name(),
                line,
                column,
                problem: Box::new(Problem::NotUtf8 { byte: bytes[good] }),
                source_line: Some(shown),
                width: 1,
            }])
        }
    }
}

/// Parses and validates one deck.
///
/// # Errors
/// Every error found in the text (syntax errors alone if the TOML itself is
/// broken, since checking a half-parsed document gives misleading messages).
pub fn parse_deck(src: &str, origin: DeckOrigin) -> Result<Parsed, Vec<Diagnostic>> {
    parse_deck_reading(src, origin, document::read_plain)
}

/// [`parse_deck`], with the document read by `read` when it can; by the
/// toml crate's tree (which reports syntax errors) when it returns `None`.
fn parse_deck_reading<'s>(
    src: &'s str,
    origin: DeckOrigin,
    read: impl FnOnce(&'s str) -> Option<Vec<Entry<'s>>> + Send,
) -> Result<Parsed, Vec<Diagnostic>> {
    let (idx, plain) = if src.len() >= document::SPLIT_FROM_BYTES {
        crate::parallel::join(|| LineIndex::new(src), || read(src))
    } else {
        (LineIndex::new(src), read(src))
    };
    let mut cx = Checker {
        file: origin.display_name(),
        idx: &idx,
        src,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let root = match plain {
        Some(root) => root,
        None => {
            let (root, syntax) = DeTable::parse_recoverable(src);
            if !syntax.is_empty() {
                cx.syntax_errors(syntax);
                return Err(cx.errors);
            }
            document::from_tree(root.into_inner())
        }
    };
    let deck = cx.check_document(&root, &origin);
    match deck {
        Some(deck) if cx.errors.is_empty() => {
            cx.warnings.sort_by_key(|d| (d.line, d.column));
            Ok(Parsed {
                deck,
                warnings: cx.warnings,
            })
        }
        _ => {
            cx.errors.sort_by_key(|d| (d.line, d.column));
            Err(cx.errors)
        }
    }
}

/// The id a card gets when `id` is missing: `<deck id>:` plus the first 10
/// hex digits of the FNV-1a hash of the normalised question (NFC,
/// lowercase, whitespace collapsed, trimmed).
#[must_use]
pub fn derived_id(deck_id: &str, question: &str) -> String {
    let hash = fnv1a(normalise(question).as_bytes());
    format!("{deck_id}:{}", &format!("{hash:016x}")[..10])
}

fn normalise(s: &str) -> String {
    let lower: String = s.nfc().collect::<String>().to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 64-bit FNV-1a: stable across runs and platforms.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The longest explicit card id, in characters.
pub const MAX_CARD_ID_CHARS: usize = 200;

/// True for a valid explicit card id: 1 to [`MAX_CARD_ID_CHARS`] letters
/// and digits (of any script, with their accents) and ASCII punctuation
/// other than `~` (reserved for generated suffixes). No whitespace, no
/// control or formatting characters: an id is printed by many commands.
#[must_use]
pub fn valid_card_id(id: &str) -> bool {
    card_id_problem(id).is_none()
}

/// Why `id` is not a valid explicit card id, or `None` when it is.
#[must_use]
pub fn card_id_problem(id: &str) -> Option<IdProblem> {
    if id.is_empty() {
        return Some(IdProblem::Empty);
    }
    if id.chars().count() > MAX_CARD_ID_CHARS {
        return Some(IdProblem::TooLong {
            max: MAX_CARD_ID_CHARS,
        });
    }
    if id.contains('~') {
        return Some(IdProblem::Tilde);
    }
    if id.chars().any(char::is_whitespace) {
        return Some(IdProblem::Whitespace);
    }
    let bad = id.chars().find(|&c| {
        !(c.is_alphanumeric()
            || c.is_ascii_punctuation()
            || unicode_normalization::char::is_combining_mark(c))
    })?;
    Some(IdProblem::BadChar(u32::from(bad)))
}

/// True for a valid deck id: `[a-z0-9_-]+`.
#[must_use]
pub fn valid_deck_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// One problem inside a cloze text, at a byte offset into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClozeError {
    pub offset: usize,
    pub len: usize,
    pub problem: ClozeProblem,
}

/// Splits a cloze text into segments.
///
/// # Errors
/// Every problem: unclosed `{{`, stray `}}`, nested or empty gaps, no gap.
pub fn parse_cloze(text: &str) -> Result<Vec<ClozeSegment>, Vec<ClozeError>> {
    let mut segments = Vec::new();
    let mut errors = Vec::new();
    let bytes = text.as_bytes();
    let mut open: Vec<usize> = Vec::new();
    let mut plain_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"{{") {
            if let Some(&outer) = open.last() {
                errors.push(ClozeError {
                    offset: i,
                    len: 2,
                    problem: ClozeProblem::Nested {
                        open_at: text[..outer].chars().count() + 1,
                    },
                });
            } else if plain_start < i {
                segments.push(ClozeSegment::Text(text[plain_start..i].to_owned()));
            }
            open.push(i);
            i += 2;
        } else if bytes[i..].starts_with(b"}}") {
            match open.pop() {
                None => errors.push(ClozeError {
                    offset: i,
                    len: 2,
                    problem: ClozeProblem::StrayClose,
                }),
                Some(start) if open.is_empty() => {
                    let inner = &text[start + 2..i];
                    let (answer, hint) = match inner.split_once("::") {
                        Some((a, h)) => (a.trim(), Some(h.trim())),
                        None => (inner.trim(), None),
                    };
                    if answer.is_empty() {
                        errors.push(ClozeError {
                            offset: start,
                            len: i + 2 - start,
                            problem: ClozeProblem::EmptyGap,
                        });
                    }
                    segments.push(ClozeSegment::Gap {
                        answer: answer.to_owned(),
                        hint: hint.filter(|h| !h.is_empty()).map(str::to_owned),
                    });
                    plain_start = i + 2;
                }
                Some(_) => {}
            }
            i += 2;
        } else {
            // On to the next brace: plain text is skipped in bulk.
            i += 1 + memchr::memchr2(b'{', b'}', &bytes[i + 1..]).unwrap_or(bytes.len() - i - 1);
        }
    }
    if let Some(&start) = open.first() {
        errors.push(ClozeError {
            offset: start,
            len: 2,
            problem: ClozeProblem::Unclosed,
        });
    } else if plain_start < text.len() {
        segments.push(ClozeSegment::Text(text[plain_start..].to_owned()));
    }
    if errors.is_empty()
        && !segments
            .iter()
            .any(|s| matches!(s, ClozeSegment::Gap { .. }))
    {
        errors.push(ClozeError {
            offset: 0,
            len: text.len(),
            problem: ClozeProblem::NoGap,
        });
    }
    if errors.is_empty() {
        Ok(segments)
    } else {
        Err(errors)
    }
}

struct Checker<'s> {
    file: String,
    idx: &'s LineIndex<'s>,
    src: &'s str,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// What the id checks need of a note: the id its cards get (explicit, or
/// derived from the question), the span of its `id` (explicit) or of its
/// header, and that span's line.
struct NoteId<'a> {
    key: Cow<'a, str>,
    span: Range<usize>,
    explicit: bool,
    line: u32,
}

/// What checking a run of notes gave.
struct Half<'a> {
    ids: Vec<NoteId<'a>>,
    cards: Vec<Card>,
    /// Some note had errors, or was not a table.
    invalid: bool,
}

/// What one `[[cards]]` table says, once its fields are checked.
struct Note<'a> {
    header: Range<usize>,
    kind: CardKind,
    id: Option<(&'a str, Range<usize>)>,
    front: Option<&'a str>,
    back: Option<&'a str>,
    text: Option<(&'a str, Range<usize>)>,
    choices: Option<Vec<(&'a str, Range<usize>)>>,
    answer: Option<Vec<(&'a str, Range<usize>)>>,
    /// False when the note has errors (it still takes part in the id checks).
    valid: bool,
    items: Option<Vec<(&'a str, Range<usize>)>>,
    tags: Vec<&'a str>,
    hint: Option<&'a str>,
    explain: Option<&'a str>,
    source: Option<&'a str>,
    reverse: bool,
    input: bool,
    ordered: bool,
    /// `accept`: further accepted typed answers; basic notes use gap 0 for
    /// the back, cloze notes one entry per gap key `c1`, `c2`, ... (0-based).
    accept: Vec<(usize, Vec<&'a str>)>,
    /// The parsed `text` of a valid cloze note (parsed once, for the check
    /// and for the cards).
    segments: Option<Vec<ClozeSegment>>,
    /// The line of its `[[cards]]` header.
    line: u32,
}

impl<'s> Checker<'s> {
    fn error(&mut self, span: Range<usize>, problem: Problem) {
        let d = self
            .idx
            .diagnostic(Severity::Error, &self.file, span, problem);
        self.errors.push(d);
    }

    fn warning(&mut self, span: Range<usize>, problem: Problem) {
        let d = self
            .idx
            .diagnostic(Severity::Warning, &self.file, span, problem);
        self.warnings.push(d);
    }

    /// The toml crate's syntax errors, as errors.
    fn syntax_errors(&mut self, syntax: Vec<toml::de::Error>) {
        // A table written twice: its keys are "duplicate" again, line by
        // line; only the header is worth an error.
        let mut duplicated_table: Option<u32> = None;
        for e in syntax {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().replace('\n', ", ");
            if msg == "duplicate key" {
                let line = self.idx.line_of(span.start);
                let is_header = self.idx.line_text(line).trim_start().starts_with('[');
                if is_header {
                    duplicated_table = Some(line);
                } else if let Some(header) = duplicated_table
                    && (header + 1..line)
                        .all(|l| !self.idx.line_text(l).trim_start().starts_with('['))
                {
                    continue;
                }
            }
            let problem = if msg == "duplicate key" {
                Problem::DuplicateTomlKey
            } else {
                Problem::InvalidToml { detail: msg }
            };
            self.error(span, problem);
        }
    }

    fn line(&self, span: &Range<usize>) -> u32 {
        self.idx.line_of(span.start)
    }

    fn type_error(&mut self, key: &str, expected: Expected, v: &Value<'_>) {
        self.error(
            v.span.clone(),
            Problem::WrongType {
                key: key.to_owned(),
                expected,
                found: v.value_type(),
            },
        );
    }

    fn string<'a>(&mut self, key: &str, v: &'a Value<'_>) -> Option<&'a str> {
        if let Some(s) = v.as_str() {
            Some(s)
        } else {
            self.type_error(key, Expected::String, v);
            None
        }
    }

    fn nonempty_string<'a>(&mut self, key: &str, v: &'a Value<'_>) -> Option<&'a str> {
        let s = self.string(key, v)?;
        if s.trim().is_empty() {
            self.error(
                v.span.clone(),
                Problem::EmptyValue {
                    key: key.to_owned(),
                },
            );
            return None;
        }
        Some(s)
    }

    fn boolean(&mut self, key: &str, v: &Value<'_>) -> bool {
        if let Some(b) = v.as_bool() {
            b
        } else {
            self.type_error(key, Expected::Bool, v);
            false
        }
    }

    fn string_array<'a>(
        &mut self,
        key: &str,
        v: &'a Value<'_>,
    ) -> Option<Vec<(&'a str, Range<usize>)>> {
        let Some(arr) = v.as_array() else {
            self.type_error(key, Expected::StringArray, v);
            return None;
        };
        let mut out = Vec::with_capacity(arr.len());
        let mut ok = true;
        for el in arr.iter() {
            if let Some(s) = el.as_str() {
                out.push((s, el.span.clone()));
            } else {
                self.error(
                    el.span.clone(),
                    Problem::WrongElementType {
                        key: key.to_owned(),
                        found: el.value_type(),
                    },
                );
                ok = false;
            }
        }
        ok.then_some(out)
    }

    /// One array of accepted alternatives; `None` (reported) when it is not
    /// an array of non-empty strings.
    fn alternatives<'a>(&mut self, key: &str, v: &'a Value<'_>) -> Option<Vec<&'a str>> {
        let list = self.string_array(key, v)?;
        let mut ok = true;
        for (s, span) in &list {
            if s.trim().is_empty() {
                self.error(
                    span.clone(),
                    Problem::EmptyAlternative {
                        key: key.to_owned(),
                    },
                );
                ok = false;
            }
        }
        ok.then(|| list.into_iter().map(|(s, _)| s).collect())
    }

    /// `accept`: an array of strings on a basic note (answers accepted
    /// besides `back`), a table of such arrays keyed by gap (`c1`, `c2`, ...)
    /// on a cloze note.
    fn accept<'a>(&mut self, kind: CardKind, v: &'a Value<'_>) -> Vec<(usize, Vec<&'a str>)> {
        if kind != CardKind::Cloze {
            return self
                .alternatives("accept", v)
                .map(|list| vec![(0, list)])
                .unwrap_or_default();
        }
        let Some(table) = v.as_table() else {
            self.error(
                v.span.clone(),
                Problem::AcceptNotTable {
                    found: v.value_type(),
                },
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for Entry {
            key,
            key_span,
            value: val,
        } in table
        {
            let key: &str = key;
            let gap = key
                .strip_prefix('c')
                .filter(|n| !n.starts_with('0'))
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|&n| n >= 1);
            let Some(gap) = gap else {
                self.error(
                    key_span.clone(),
                    Problem::AcceptKeyNotGap {
                        key: key.to_owned(),
                    },
                );
                continue;
            };
            if let Some(list) = self.alternatives(&format!("accept.{key}"), val) {
                out.push((gap - 1, list));
            }
        }
        out
    }

    fn unknown_key(&mut self, key: &str, span: Range<usize>, allowed: &[&str], place: KeyPlace) {
        let suggestion = closest(key, allowed.iter().copied()).map(str::to_owned);
        self.error(
            span,
            Problem::UnknownKey {
                key: key.to_owned(),
                place,
                suggestion,
            },
        );
    }

    fn check_document(&mut self, root: &[Entry<'_>], origin: &DeckOrigin) -> Option<Deck> {
        for Entry { key, key_span, .. } in root {
            if !TOP_KEYS.contains(&key.as_ref()) {
                let suggestion = closest(key, TOP_KEYS.iter().copied()).map(str::to_owned);
                self.error(
                    key_span.clone(),
                    Problem::UnknownTopKey {
                        key: key.to_string(),
                        suggestion,
                        card_key: CARD_KEYS.contains(&key.as_ref()),
                    },
                );
            }
        }
        let deck = self.check_deck_table(root, origin);
        let cards = self.check_cards(
            root,
            deck.as_ref().map(|d| d.0.as_str()),
            deck.as_ref().map_or(&[][..], |d| d.3.as_slice()),
        );
        let (id, name, description, tags) = deck?;
        let cards = cards?;
        Some(Deck {
            id,
            name,
            description,
            tags,
            origin: origin.clone(),
            cards: cards.into(),
        })
    }

    fn check_deck_table(
        &mut self,
        root: &[Entry<'_>],
        origin: &DeckOrigin,
    ) -> Option<(String, String, String, Vec<String>)> {
        // `[deck]` is optional: a deck needs only cards.
        let table = match get(root, "deck") {
            None => None,
            Some(v) => match v.as_table() {
                Some(t) => Some(t),
                None => {
                    self.type_error("deck", Expected::Table, v);
                    return None;
                }
            },
        };
        let mut id = None;
        let mut name = None;
        let mut description = None;
        let mut tags = Vec::new();
        let mut ok = true;
        for Entry {
            key,
            key_span,
            value: val,
        } in table.into_iter().flatten()
        {
            match key.as_ref() {
                "id" => match self.string("id", val) {
                    Some(s) if valid_deck_id(s) => id = Some(s.to_owned()),
                    Some(s) => {
                        ok = false;
                        self.error(
                            val.span.clone(),
                            Problem::InvalidDeckId {
                                id: s.to_owned(),
                                suggestion: slug(s, usize::MAX),
                            },
                        );
                    }
                    None => ok = false,
                },
                "name" => match self.nonempty_string("name", val) {
                    Some(s) => name = Some(s.to_owned()),
                    None => ok = false,
                },
                "description" => match self.string("description", val) {
                    Some(s) => description = Some(s.to_owned()),
                    None => ok = false,
                },
                "tags" => match self.string_array("tags", val) {
                    Some(t) => {
                        for (s, _) in t {
                            if !tags.iter().any(|x| x == s) {
                                tags.push(s.to_owned());
                            }
                        }
                    }
                    None => ok = false,
                },
                other => {
                    ok = false;
                    self.unknown_key(other, key_span.clone(), DECK_KEYS, KeyPlace::Deck);
                }
            }
        }
        let has = |key: &str| table.is_some_and(|t| get(t, key).is_some());
        // Without `name` the deck is called like its file; without
        // `description` it has none.
        if name.is_none() && !has("name") {
            name = Some(stem_of(origin));
        }
        if description.is_none() && !has("description") {
            description = Some(String::new());
        }
        let id = match id {
            Some(id) => id,
            None => {
                let stem = stem_of(origin);
                if !has("id") && !valid_deck_id(&stem) {
                    ok = false;
                    self.error(
                        0..0,
                        Problem::FileNameNotDeckId {
                            suggestion: slug(&stem, usize::MAX),
                            stem: stem.clone(),
                        },
                    );
                }
                stem
            }
        };
        if ok {
            Some((id, name?, description?, tags))
        } else {
            None
        }
    }

    /// The cards of `[[cards]]`, each with the deck's `tags` after its own.
    fn check_cards(
        &mut self,
        root: &[Entry<'_>],
        deck_id: Option<&str>,
        deck_tags: &[String],
    ) -> Option<Vec<Card>> {
        let Some(v) = get(root, "cards") else {
            let span = get(root, "deck").map_or(0..0, |d| d.span.clone());
            self.error(span, Problem::NoCards);
            return None;
        };
        let Some(arr) = v.as_array() else {
            self.type_error("cards", Expected::TableArray, v);
            return None;
        };
        if arr.is_empty() {
            self.error(v.span.clone(), Problem::NoCards);
            return None;
        }
        let deck_id = deck_id.unwrap_or("deck");
        // Each note is checked and its cards built at once, on both cores
        // for a large deck; what the id checks need is kept of each note.
        let (mut half, rest) = self.in_halves(arr, |cx, part| {
            let mut half = Half {
                ids: Vec::with_capacity(part.len()),
                cards: Vec::with_capacity(part.len() + part.len() / 2),
                invalid: false,
            };
            for el in part {
                let Some(t) = el.as_table() else {
                    cx.error(
                        el.span.clone(),
                        Problem::CardNotTable {
                            found: el.value_type(),
                        },
                    );
                    half.invalid = true;
                    continue;
                };
                let mut note = cx.check_note(el.span.clone(), t);
                note.line = cx.line(&note.header);
                half.invalid |= !note.valid;
                // Without a valid question there is no meaningful derived id.
                let (key, span, explicit) = match &note.id {
                    Some((id, span)) => (Cow::Borrowed(*id), span.clone(), true),
                    None if note.valid => (
                        Cow::Owned(derived_id(deck_id, note_question(&note))),
                        note.header.clone(),
                        false,
                    ),
                    None => continue,
                };
                if note.valid {
                    let base = key.clone().into_owned();
                    cx.build_cards(
                        &mut note,
                        base,
                        explicit,
                        deck_id,
                        deck_tags,
                        &mut half.cards,
                    );
                }
                half.ids.push(NoteId {
                    line: cx.line(&span),
                    key,
                    span,
                    explicit,
                });
            }
            half
        });
        if let Some(mut rest) = rest {
            half.ids.append(&mut rest.ids);
            half.cards.reserve_exact(rest.cards.len());
            half.cards.append(&mut rest.cards);
            half.invalid |= rest.invalid;
        }
        let errors_before = self.errors.len();
        // Duplicates are reported at, and point to, the `id` lines.
        // note id -> (line of the first use, explicit?)
        let mut seen: HashMap<&str, (u32, bool), crate::cache::FnvBuild> =
            HashMap::with_capacity_and_hasher(half.ids.len(), crate::cache::FnvBuild::default());
        for NoteId {
            key,
            span,
            explicit,
            line,
        } in &half.ids
        {
            let Some(&(first, first_explicit)) = seen.get(key.as_ref()) else {
                seen.insert(key, (*line, *explicit));
                if !explicit {
                    self.warning(
                        span.clone(),
                        Problem::MissingId {
                            derived: key.to_string(),
                        },
                    );
                }
                continue;
            };
            let (id, first_line) = (key.to_string(), first);
            let problem = match (explicit, first_explicit) {
                (true, _) => Problem::DuplicateCardId { id, first_line },
                (false, true) => Problem::DerivedIdTaken { id, first_line },
                (false, false) => Problem::SameQuestion { id, first_line },
            };
            self.error(span.clone(), problem);
        }
        if self.errors.len() != errors_before || half.invalid {
            return None;
        }
        Some(half.cards)
    }

    /// `work` over `items`, with a large list split in two halves done at
    /// once (each with a checker of its own, whose diagnostics join this
    /// one's after the first half's: the order of a single pass): the
    /// first half's result, and the second's when there was one.
    fn in_halves<'i, T: Sync, R: Send>(
        &mut self,
        items: &'i [T],
        work: impl Fn(&mut Checker<'s>, &'i [T]) -> R + Sync,
    ) -> (R, Option<R>) {
        if items.len() < crate::parallel::SPLIT_FROM_ITEMS {
            return (work(self, items), None);
        }
        let (first, second) = items.split_at(items.len() / 2);
        let mut other = Checker {
            file: self.file.clone(),
            idx: self.idx,
            src: self.src,
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        let work = &work;
        let (done, rest) = crate::parallel::join(|| work(self, first), || work(&mut other, second));
        self.errors.append(&mut other.errors);
        self.warnings.append(&mut other.warnings);
        (done, Some(rest))
    }

    #[allow(clippy::too_many_lines)]
    fn check_note<'a>(&mut self, header: Range<usize>, t: &'a [Entry<'_>]) -> Note<'a> {
        let errors_before = self.errors.len();
        // Keys suggested for typos: not reported again as missing.
        let mut suggested: Vec<&'static str> = Vec::new();
        // The kind decides which keys belong; read it first.
        let mut kind = Some(CardKind::Basic);
        // A scan, not a hash lookup: a card has a handful of keys.
        if let Some(v) = get(t, "kind") {
            kind = match self.string("kind", v) {
                Some(s) => match parse_kind(s) {
                    Some(k) => Some(k),
                    None => {
                        let suggestion = closest(s, KINDS.iter().copied()).map(str::to_owned);
                        self.error(
                            v.span.clone(),
                            Problem::UnknownKind {
                                kind: s.to_owned(),
                                suggestion,
                            },
                        );
                        None
                    }
                },
                None => None,
            };
        }
        let mut note = Note {
            header: header.clone(),
            kind: kind.unwrap_or(CardKind::Basic),
            id: None,
            front: None,
            back: None,
            text: None,
            choices: None,
            answer: None,
            valid: true,
            items: None,
            tags: Vec::new(),
            hint: None,
            explain: None,
            source: None,
            reverse: false,
            input: false,
            ordered: false,
            accept: Vec::new(),
            segments: None,
            line: 0,
        };
        // The card keys present, by their index in `CARD_KEYS`.
        let mut present = 0u32;
        for Entry {
            key,
            key_span,
            value: v,
        } in t
        {
            let key: &str = key;
            if let Some(i) = CARD_KEYS.iter().position(|c| *c == key) {
                present |= 1 << i;
            } else {
                let allowed: Vec<&str> = match kind {
                    Some(kd) => COMMON_CARD_KEYS
                        .iter()
                        .chain(kind_keys(kd))
                        .copied()
                        .collect(),
                    None => CARD_KEYS.to_vec(),
                };
                let best = closest(key, allowed.iter().copied())
                    .or_else(|| closest(key, CARD_KEYS.iter().copied()));
                if let Some(b) = best {
                    suggested.push(b);
                }
                self.error(
                    key_span.clone(),
                    Problem::UnknownKey {
                        key: key.to_owned(),
                        place: KeyPlace::Card,
                        suggestion: best.map(str::to_owned),
                    },
                );
                continue;
            }
            if let Some(kd) = kind
                && !COMMON_CARD_KEYS.contains(&key)
                && !kind_keys(kd).contains(&key)
            {
                let owners: Vec<CardKind> = [
                    CardKind::Basic,
                    CardKind::Cloze,
                    CardKind::Choice,
                    CardKind::List,
                ]
                .into_iter()
                .filter(|o| kind_keys(*o).contains(&key))
                .collect();
                self.error(
                    key_span.clone(),
                    Problem::KeyNotForKind {
                        key: key.to_owned(),
                        kind: kd,
                        owners,
                    },
                );
                continue;
            }
            match key {
                "kind" => {}
                "id" => {
                    if let Some(s) = self.string("id", v) {
                        match card_id_problem(s) {
                            None => note.id = Some((s, v.span.clone())),
                            Some(why) => self.error(
                                v.span.clone(),
                                Problem::InvalidCardId {
                                    id: s.to_owned(),
                                    why,
                                    suggestion: slug(s, usize::MAX),
                                },
                            ),
                        }
                    }
                }
                "front" => note.front = self.nonempty_string("front", v),
                "back" => note.back = self.nonempty_string("back", v),
                "text" => {
                    if let Some(s) = self.nonempty_string("text", v) {
                        note.text = Some((s, v.span.clone()));
                    }
                }
                "hint" => note.hint = self.string("hint", v),
                "explain" => note.explain = self.string("explain", v),
                "source" => note.source = self.string("source", v),
                "reverse" => note.reverse = self.boolean("reverse", v),
                "input" => note.input = self.boolean("input", v),
                "ordered" => note.ordered = self.boolean("ordered", v),
                "accept" => note.accept = self.accept(note.kind, v),
                "tags" => {
                    if let Some(t) = self.string_array("tags", v) {
                        note.tags = t.into_iter().map(|(s, _)| s).collect();
                    }
                }
                "choices" => note.choices = self.string_array("choices", v),
                "items" => {
                    if let Some(items) = self.string_array("items", v) {
                        for (s, span) in &items {
                            if s.trim().is_empty() {
                                self.error(span.clone(), Problem::EmptyListItem);
                            }
                        }
                        if items.is_empty() {
                            self.error(v.span.clone(), Problem::NoItems);
                        } else {
                            note.items = Some(items);
                        }
                    }
                }
                "answer" => {
                    if let Some(s) = v.as_str() {
                        note.answer = Some(vec![(s, v.span.clone())]);
                    } else if v.as_array().is_some() {
                        note.answer = self.string_array("answer", v);
                        if note.answer.as_ref().is_some_and(Vec::is_empty) {
                            self.error(v.span.clone(), Problem::NoAnswer);
                            note.answer = None;
                        }
                    } else {
                        self.type_error("answer", Expected::StringOrStringArray, v);
                    }
                }
                _ => {}
            }
        }
        let Some(kind) = kind else {
            note.valid = false;
            return note;
        };
        let required: &[&str] = match kind {
            CardKind::Basic => &["front", "back"],
            CardKind::Cloze => &["text"],
            CardKind::Choice => &["front", "choices", "answer"],
            CardKind::List => &["front", "items"],
        };
        let has = |key: &str| {
            CARD_KEYS
                .iter()
                .position(|c| *c == key)
                .is_some_and(|i| present & (1 << i) != 0)
        };
        for r in required {
            if !has(r) && !suggested.contains(r) {
                self.error(
                    header.clone(),
                    Problem::MissingKey {
                        kind,
                        key: (*r).to_owned(),
                    },
                );
            }
        }
        if let Some((text, span)) = &note.text {
            match parse_cloze(text) {
                Err(errs) => {
                    for e in errs {
                        let at = self.string_offset(span, text, e.offset, e.len);
                        self.error(at, Problem::Cloze(e.problem));
                    }
                }
                Ok(segments) => {
                    let gaps = super::model::gaps(&segments).count();
                    if let Some(v) = get(t, "accept")
                        && let Some(&(gap, _)) = note.accept.iter().find(|(g, _)| *g >= gaps)
                    {
                        self.error(
                            v.span.clone(),
                            Problem::AcceptGapMissing { gap: gap + 1, gaps },
                        );
                    }
                    note.segments = Some(segments);
                }
            }
        }
        if let Some(choices) = &note.choices {
            if choices.len() < 2 {
                self.error(
                    get(t, "choices").map_or(header.clone(), |v| v.span.clone()),
                    Problem::TooFewChoices {
                        found: choices.len(),
                    },
                );
            }
            for (i, (c, span)) in choices.iter().enumerate() {
                if c.trim().is_empty() {
                    self.error(span.clone(), Problem::EmptyChoice);
                } else if let Some(first) = choices[..i].iter().position(|(d, _)| d == c) {
                    self.error(
                        span.clone(),
                        Problem::DuplicateChoice {
                            choice: (*c).to_owned(),
                            first: first + 1,
                        },
                    );
                }
            }
            if let Some(answers) = &note.answer {
                for (a, span) in answers {
                    if !choices.iter().any(|(c, _)| c == a) {
                        let suggestion =
                            closest(a, choices.iter().map(|(c, _)| *c)).map(str::to_owned);
                        self.error(
                            span.clone(),
                            Problem::AnswerNotChoice {
                                answer: (*a).to_owned(),
                                suggestion,
                                choices: choices.iter().map(|(c, _)| (*c).to_owned()).collect(),
                            },
                        );
                    }
                }
                for (i, (a, span)) in answers.iter().enumerate() {
                    if answers[..i].iter().any(|(b, _)| b == a) {
                        self.error(
                            span.clone(),
                            Problem::AnswerTwice {
                                answer: (*a).to_owned(),
                            },
                        );
                    }
                }
            }
        }
        note.valid = self.errors.len() == errors_before;
        note
    }

    /// The source range of bytes `offset..offset+len` of a string value,
    /// exact when the string is written without escapes; otherwise the
    /// start of the string.
    fn string_offset(
        &self,
        span: &Range<usize>,
        value: &str,
        offset: usize,
        len: usize,
    ) -> Range<usize> {
        let raw = self.src.get(span.clone()).unwrap_or("");
        let (open, close) = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
            (3, 3)
        } else {
            (1, 1)
        };
        if raw.len() >= open + close {
            let mut start = open;
            if open == 3 {
                if raw[start..].starts_with("\r\n") {
                    start += 2;
                } else if raw[start..].starts_with('\n') {
                    start += 1;
                }
            }
            if raw.get(start..raw.len() - close) == Some(value) {
                let s = span.start + start + offset;
                return s..s + len;
            }
        }
        span.clone()
    }

    fn build_cards(
        &self,
        note: &mut Note<'_>,
        base: String,
        explicit: bool,
        deck_id: &str,
        deck_tags: &[String],
        out: &mut Vec<Card>,
    ) {
        let line = note.line;
        let mut tags: Vec<String> = Vec::with_capacity(note.tags.len() + deck_tags.len());
        for t in note
            .tags
            .iter()
            .copied()
            .chain(deck_tags.iter().map(String::as_str))
        {
            if !tags.iter().any(|x| x == t) {
                tags.push(t.to_owned());
            }
        }
        let accepted = |gap: usize| -> Vec<String> {
            note.accept
                .iter()
                .filter(|(g, _)| *g == gap)
                .flat_map(|(_, list)| list.iter().map(|s| (*s).to_owned()))
                .collect()
        };
        let make = |id: String, content: CardContent, accept: Vec<String>| Card {
            id: CardId(id),
            id_explicit: explicit,
            deck_id: deck_id.to_owned(),
            tags: tags.clone(),
            hint: note.hint.map(str::to_owned),
            explain: note.explain.map(str::to_owned),
            source: note.source.map(str::to_owned),
            input: note.input,
            accept,
            line,
            content,
        };
        match note.kind {
            CardKind::Basic => {
                let front = note.front.unwrap_or_default().to_owned();
                let back = note.back.unwrap_or_default().to_owned();
                if note.reverse {
                    out.push(make(
                        base.clone(),
                        CardContent::Basic {
                            front: front.clone(),
                            back: back.clone(),
                            reversed: false,
                        },
                        accepted(0),
                    ));
                    out.push(make(
                        format!("{base}~rev"),
                        CardContent::Basic {
                            front: back,
                            back: front,
                            reversed: true,
                        },
                        Vec::new(),
                    ));
                } else {
                    out.push(make(
                        base,
                        CardContent::Basic {
                            front,
                            back,
                            reversed: false,
                        },
                        accepted(0),
                    ));
                }
            }
            CardKind::Cloze => {
                let Some(segments) = note.segments.take() else {
                    return;
                };
                let n = segments
                    .iter()
                    .filter(|s| matches!(s, ClozeSegment::Gap { .. }))
                    .count();
                let mut segments = Some(segments);
                for active in 0..n {
                    // The last card takes the segments, the others a copy.
                    let segs = if active + 1 == n {
                        segments.take().unwrap_or_default()
                    } else {
                        segments.clone().unwrap_or_default()
                    };
                    out.push(make(
                        format!("{base}~c{}", active + 1),
                        CardContent::Cloze {
                            segments: segs,
                            active,
                        },
                        accepted(active),
                    ));
                }
            }
            CardKind::Choice => {
                let choices: Vec<String> = note
                    .choices
                    .iter()
                    .flatten()
                    .map(|(c, _)| (*c).to_owned())
                    .collect();
                let answer: Vec<usize> = note
                    .answer
                    .iter()
                    .flatten()
                    .filter_map(|(a, _)| choices.iter().position(|c| c == a))
                    .collect();
                out.push(make(
                    base,
                    CardContent::Choice {
                        front: note.front.unwrap_or_default().to_owned(),
                        choices,
                        answer,
                    },
                    Vec::new(),
                ));
            }
            CardKind::List => {
                let items = note
                    .items
                    .iter()
                    .flatten()
                    .map(|(c, _)| (*c).to_owned())
                    .collect();
                out.push(make(
                    base,
                    CardContent::List {
                        front: note.front.unwrap_or_default().to_owned(),
                        items,
                        ordered: note.ordered,
                    },
                    Vec::new(),
                ));
            }
        }
    }
}

/// The question text a derived id is computed from (cloze: the whole text).
fn note_question<'a>(note: &Note<'a>) -> &'a str {
    match note.kind {
        CardKind::Cloze => note.text.as_ref().map_or("", |(t, _)| t),
        _ => note.front.unwrap_or(""),
    }
}

fn stem_of(origin: &DeckOrigin) -> String {
    let path = match origin {
        DeckOrigin::Bundled(name) => Path::new(name.as_str()),
        DeckOrigin::File(p) => p.as_path(),
    };
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The type of a TOML value, for messages.
/// A lowercase ASCII slug of `text`: umlauts folded (ä → ae, ß → ss),
/// other accents dropped, words joined by `-`, at most `max_words` words.
#[must_use]
pub fn slug(text: &str, max_words: usize) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            'ß' => folded.push_str("ss"),
            '\u{0308}' => folded.push('e'), // combining diaeresis: ä -> a + ̈ -> ae
            c if c.is_ascii_alphanumeric() => folded.push(c.to_ascii_lowercase()),
            c if c.is_ascii() || c.is_whitespace() => folded.push(' '),
            _ => {}
        }
    }
    folded
        .split_whitespace()
        .take(max_words)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_and_normalised() {
        let a = derived_id("d", "Was ist  Marketing?");
        let b = derived_id("d", "  was ist marketing? ");
        assert_eq!(a, b);
        assert!(a.starts_with("d:") && a.len() == 12, "{a}");
        // FNV-1a of the empty input is the offset basis.
        assert_eq!(derived_id("d", ""), "d:cbf29ce484");
        // NFC: a decomposed umlaut hashes like the composed one.
        assert_eq!(derived_id("d", "Ma\u{0308}rz"), derived_id("d", "März"));
    }

    #[test]
    fn cloze_segments_and_hints() {
        let segs = parse_cloze("A {{b}} c {{d::hint}}.").unwrap();
        assert_eq!(
            segs,
            vec![
                ClozeSegment::Text("A ".into()),
                ClozeSegment::Gap {
                    answer: "b".into(),
                    hint: None
                },
                ClozeSegment::Text(" c ".into()),
                ClozeSegment::Gap {
                    answer: "d".into(),
                    hint: Some("hint".into())
                },
                ClozeSegment::Text(".".into()),
            ]
        );
    }

    #[test]
    fn a_deck_read_from_events_is_the_deck_read_from_the_tree() {
        let origin = || DeckOrigin::File("halves.toml".into());
        let tree = |src: &str| parse_deck_reading(src, origin(), |_| None);
        let same = |src: &str| {
            let expected = tree(src);
            assert_eq!(parse_deck(src, origin()), expected, "{src}");
            // In halves and small pieces, whatever the file's size.
            assert_eq!(
                parse_deck_reading(src, origin(), |s| document::read_plain_splitting(s, 0, 64)),
                expected,
                "{src}"
            );
        };
        let card =
            |i: usize| format!("[[cards]]\nid = \"k{i}\"\nfront = \"F{i}\"\nback = \"B\"\n\n");
        let cards = |n: usize| (0..n).map(card).collect::<String>();
        let head = "[deck]\nid = \"h\"\nname = \"H\"\n\n";
        // Cut at real headers; pieces with a warning and errors (their
        // lines are those of the whole file).
        same(&format!("{head}{}", cards(6)));
        same(&format!(
            "{head}{}[[cards]]\nfront = \"ohne id\"\nback = \"x\"\n",
            cards(5)
        ));
        same(&format!(
            "{head}{}[[cards]]\nid = \"k1\"\nfrnot = \"F\"\nback = 3\n",
            cards(5)
        ));
        same(&format!(
            "{head}{}[[cards]]\nid = \"x\"\nfront = \"\"\"\noffen\n",
            cards(5)
        ));
        // `[[cards]]` inside a multi-line string in the middle.
        let text = format!("{}\n[[cards]]\nnoch Text", "Zeile\n".repeat(30));
        same(&format!(
            "{head}{}[[cards]]\nid = \"m\"\nfront = \"\"\"{text}\"\"\"\nback = \"B\"\n{}",
            cards(1),
            cards(1)
        ));
        // `[deck]` written again after the middle: an error in the whole file.
        same(&format!("{}{}{head}", head, cards(8)));
        // A `cards` key in `[deck]`, then `[[cards]]` headers.
        same(&format!(
            "{head}cards = [{{ id = \"i\", front = \"F\", back = \"B\" }}]\n{}",
            "# Kommentar\n".repeat(40) + &cards(3)
        ));
        // Only a `[deck]` and comments before the middle.
        same(&format!("{head}{}{}", "# x\n".repeat(100), cards(2)));
        // Sub-tables and arrays of sub-tables on both sides of the cut.
        same(&format!(
            "{head}{}[cards.extra]\na = 1\n{}",
            cards(3),
            cards(3)
        ));
        // Every deck of the fuzz corpus.
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus/deck_load");
        for entry in std::fs::read_dir(corpus).expect("the corpus") {
            let bytes = std::fs::read(entry.expect("an entry").path()).expect("a file");
            if let Ok(src) = std::str::from_utf8(&bytes) {
                same(src);
            }
        }
        // Which of these were read from the events, in pieces.
        let merged = |src: &str| document::read_plain_splitting(src, 0, 64).is_some();
        assert!(merged(&format!("{head}{}", cards(6))));
        assert!(!merged(&format!(
            "{head}{}[cards.extra]\na = 1\n{}",
            cards(3),
            cards(3)
        )));
        assert!(!merged(&format!("{}{}{head}", head, cards(8))));
        // `cards` inside `[deck]` is a key of the deck (an unknown one).
        assert!(merged(&format!(
            "{head}cards = [{{ id = \"i\", front = \"F\", back = \"B\" }}]\n{}",
            "# Kommentar\n".repeat(40) + &cards(3)
        )));
        // An inline `cards` array at the top, then `[[cards]]` headers.
        let inline = format!(
            "cards = [{{ id = \"i\", front = \"F\", back = \"B\" }}]\n{head}{}",
            cards(3)
        );
        same(&inline);
        assert!(!merged(&inline));
        // The bundled decks, one after the other (ids stay unique).
        let all: String = crate::deck::bundled()
            .iter()
            .enumerate()
            .map(|(i, (_, text))| {
                let body = text.split_once("[[cards]]").map_or("", |(_, b)| b);
                let body = body.replace("id = \"", &format!("id = \"d{i}-"));
                format!("[[cards]]{body}\n")
            })
            .collect();
        same(&format!("{head}{all}"));
        assert!(merged(&format!("{head}{all}")));
        assert!(tree(&format!("{head}{all}")).is_ok_and(|p| p.deck.cards.len() > 100));
    }

    #[test]
    fn single_braces_are_text() {
        let segs = parse_cloze("x { y } {{z}} }w{").unwrap();
        assert_eq!(
            segs,
            vec![
                ClozeSegment::Text("x { y } ".into()),
                ClozeSegment::Gap {
                    answer: "z".into(),
                    hint: None
                },
                ClozeSegment::Text(" }w{".into()),
            ]
        );
        let e = parse_cloze("ä {{ö}}}} ü").unwrap_err();
        assert_eq!(e[0].offset, 9);
        assert_eq!(e[0].problem, ClozeProblem::StrayClose);
    }

    #[test]
    fn cloze_errors() {
        let e = parse_cloze("ab {{c").unwrap_err();
        assert_eq!(e[0].offset, 3);
        assert_eq!(e[0].problem, ClozeProblem::Unclosed);
        let e = parse_cloze("ab c}}").unwrap_err();
        assert_eq!(e[0].offset, 4);
        let e = parse_cloze("x {{ :: h}}").unwrap_err();
        assert_eq!(e[0].problem, ClozeProblem::EmptyGap);
        let e = parse_cloze("no gap").unwrap_err();
        assert_eq!(e[0].problem, ClozeProblem::NoGap);
        let e = parse_cloze("{{a {{b}} c}}").unwrap_err();
        assert_eq!(e[0].problem, ClozeProblem::Nested { open_at: 1 });
    }

    #[test]
    fn builds_cards_of_every_kind() {
        let src = "[deck]\nname = \"N\"\ndescription = \"\"\ntags = [\"d\", \"t\"]\n\
            [[cards]]\nfront = \"F\"\nback = \"B\"\nreverse = true\ntags = [\"t\", \"t\"]\n\
            [[cards]]\nid = \"c\"\nkind = \"cloze\"\ntext = \"{{a}} und {{b::h}}\"\ninput = true\n\
            [[cards]]\nid = \"m\"\nkind = \"choice\"\nfront = \"Q\"\nchoices = [\"x\", \"y\", \"z\"]\nanswer = [\"z\", \"x\"]\n\
            [[cards]]\nid = \"l\"\nkind = \"list\"\nfront = \"L\"\nitems = [\"1\", \"2\"]\nordered = true\n";
        let parsed = parse_deck(src, DeckOrigin::Bundled("mein-deck.toml".into())).unwrap();
        let deck = parsed.deck;
        assert_eq!(deck.id, "mein-deck");
        let ids: Vec<&str> = deck.cards.iter().map(|c| c.id.as_str()).collect();
        let derived = derived_id("mein-deck", "F");
        assert_eq!(
            ids,
            vec![
                derived.as_str(),
                &format!("{derived}~rev"),
                "c~c1",
                "c~c2",
                "m",
                "l"
            ]
        );
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].line, 5);
        let rev = &deck.cards[1];
        assert_eq!(rev.question(), "B");
        assert_eq!(rev.answer(), "F");
        assert_eq!(rev.tags, vec!["t", "d"]);
        assert_eq!(rev.line, 5);
        assert!(!rev.id_explicit);
        assert_eq!(deck.cards[3].question(), "a und [h]");
        assert_eq!(deck.cards[3].answer(), "b");
        assert!(deck.cards[3].input);
        assert_eq!(
            deck.cards[4].content,
            CardContent::Choice {
                front: "Q".into(),
                choices: vec!["x".into(), "y".into(), "z".into()],
                answer: vec![2, 0],
            }
        );
        assert_eq!(deck.cards[5].answer(), "1, 2");
        assert_eq!(deck.cards[5].line, 21);
    }

    #[test]
    fn same_question_twice_without_ids_is_an_error() {
        let src = "[deck]\nname = \"N\"\ndescription = \"\"\n[[cards]]\nfront = \"F\"\nback = \"B\"\n[[cards]]\nfront = \" f \"\nback = \"C\"\n";
        let errs = parse_deck(src, DeckOrigin::Bundled("d.toml".into())).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!((errs[0].line, errs[0].column), (7, 1));
        assert!(
            matches!(
                *errs[0].problem,
                Problem::SameQuestion { first_line: 4, .. }
            ),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn slugs_fold_umlauts() {
        assert_eq!(
            slug("Was umfasst die Größe der Äpfel?", 4),
            "was-umfasst-die-groesse"
        );
        assert_eq!(slug("Café résumé", 4), "cafe-resume");
        assert_eq!(slug("???", 4), "");
    }
}
