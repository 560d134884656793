//! A deck file's TOML as the deck check reads it: tables as lists of
//! entries in file order, each key and value with its span in the file.
//!
//! Two ways lead here. [`read_plain`] builds it straight from the TOML
//! parser's events, without the toml crate's tree (no map per table, no
//! hashing of keys, no list of every event), in chunks on both cores for a
//! large file; it reads only files written the plain way (a `[deck]` table
//! and `[[cards]]` tables with plain keys) and returns `None` for anything
//! else, a syntax error included. [`from_tree`] takes the toml crate's tree
//! of any file. Both give the same document for a file that both read (a
//! test in `load` compares them on every file of the fuzz corpus); the
//! diagnostics of broken files come from the tree alone.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

use super::problem::ValueType;

/// One `key = value` of a table.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Range<usize>,
    pub value: Value<'a>,
}

/// A value and where it is written: a table of `[table]` or `[[array]]`
/// form spans its header, an array of such tables the first header.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Value<'a> {
    pub span: Range<usize>,
    pub kind: Kind<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind<'a> {
    String(Cow<'a, str>),
    Boolean(bool),
    Array(Vec<Value<'a>>),
    Table(Vec<Entry<'a>>),
    /// A number or a date: never right in a deck, so only its type is kept.
    Other(ValueType),
}

impl<'a> Value<'a> {
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            Kind::Boolean(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value<'a>]> {
        match &self.kind {
            Kind::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_table(&self) -> Option<&[Entry<'a>]> {
        match &self.kind {
            Kind::Table(t) => Some(t),
            _ => None,
        }
    }

    pub fn value_type(&self) -> ValueType {
        match &self.kind {
            Kind::String(_) => ValueType::String,
            Kind::Boolean(_) => ValueType::Boolean,
            Kind::Array(_) => ValueType::Array,
            Kind::Table(_) => ValueType::Table,
            Kind::Other(t) => *t,
        }
    }
}

/// The value of `key` in `table`.
pub(super) fn get<'t, 'a>(table: &'t [Entry<'a>], key: &str) -> Option<&'t Value<'a>> {
    table.iter().find(|e| e.key == key).map(|e| &e.value)
}

/// The document of the toml crate's tree (the tree's order and spans).
pub(super) fn from_tree(tree: DeTable<'_>) -> Vec<Entry<'_>> {
    tree.into_iter()
        .map(|(key, value)| Entry {
            key_span: key.span(),
            key: key.into_inner(),
            value: from_tree_value(value),
        })
        .collect()
}

fn from_tree_value(value: Spanned<DeValue<'_>>) -> Value<'_> {
    let span = value.span();
    let kind = match value.into_inner() {
        DeValue::String(s) => Kind::String(s),
        DeValue::Boolean(b) => Kind::Boolean(b),
        DeValue::Array(a) => Kind::Array(a.into_iter().map(from_tree_value).collect()),
        DeValue::Table(t) => Kind::Table(from_tree(t)),
        other => Kind::Other(ValueType::from_toml(other.type_str())),
    };
    Value { span, kind }
}

/// Files from this size on are read in two halves at once.
pub(super) const SPLIT_FROM_BYTES: usize = 1 << 20;

/// The parser reads a file in pieces of about this size, each cut before
/// a `[[cards]]` header (its tokens fit in the CPU's caches).
const CHUNK_BYTES: usize = 64 << 10;

/// A table with more keys than this is left to the tree (the duplicate
/// check here compares every pair).
const MAX_KEYS: usize = 64;

/// Arrays and inline tables nested deeper than this are left to the tree.
const MAX_DEPTH: usize = 8;

/// The document of a file written the plain way, read from the parser's
/// events: `None` when the file has a syntax error, a key at the top
/// level, a table other than `[deck]` and `[[cards]]`, a dotted key, a
/// key twice in a table, a date, or nesting deeper than [`MAX_DEPTH`].
pub(super) fn read_plain(src: &str) -> Option<Vec<Entry<'_>>> {
    read_plain_splitting(src, SPLIT_FROM_BYTES, CHUNK_BYTES)
}

/// [`read_plain`], in two halves from `split_from` bytes on, in pieces of
/// about `chunk` bytes.
pub(super) fn read_plain_splitting(
    src: &str,
    split_from: usize,
    chunk: usize,
) -> Option<Vec<Entry<'_>>> {
    let cuts = cuts(src, chunk);
    let parts = if src.len() >= split_from && cuts.len() > 2 {
        let middle = cuts
            .partition_point(|&c| c < src.len() / 2)
            .clamp(1, cuts.len() - 2);
        let (first, second) = crate::parallel::join(
            || read_pieces(src, &cuts[..=middle]),
            || read_pieces(src, &cuts[middle..]),
        );
        vec![first?, second?]
    } else {
        vec![read_pieces(src, &cuts)?]
    };
    merge(parts)
}

/// Where the pieces start and end: 0, the start of the first line
/// starting with `[[cards]]` after every `chunk` bytes, and the end.
///
/// A cut that is not a real table header lies inside a multi-line string,
/// array or inline table, which the piece before it then leaves open: a
/// syntax error, so the file goes to the tree.
fn cuts(src: &str, chunk: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut from = chunk.max(1);
    while from < src.len() {
        let Some(found) = memchr::memmem::find(&src.as_bytes()[from..], b"\n[[cards]]") else {
            break;
        };
        let at = from + found + 1;
        cuts.push(at);
        from = at + chunk.max(1);
    }
    cuts.push(src.len());
    cuts
}

/// What one run of pieces holds: its `[deck]` and its `[[cards]]`.
#[derive(Default)]
struct Part<'a> {
    deck: Option<Entry<'a>>,
    cards: Option<Entry<'a>>,
}

/// The pieces between consecutive `cuts`, read in order by one reader.
fn read_pieces<'a>(src: &'a str, cuts: &[usize]) -> Option<Part<'a>> {
    let mut reader = Reader {
        input: src,
        offset: 0,
        header: None,
        target: Target::Top,
        table: Vec::new(),
        table_span: 0..0,
        key: None,
        dotted: None,
        made_by_dots: Vec::new(),
        stack: Vec::new(),
        part: Part::default(),
        failed: false,
    };
    let mut tokens = Vec::new();
    for piece in cuts.windows(2) {
        let text = &src[piece[0]..piece[1]];
        let source = Source::new(text);
        tokens.clear();
        tokens.extend(source.lex());
        reader.input = text;
        reader.offset = piece[0];
        let mut errors = Failed(false);
        let mut receiver = ValidateWhitespace::new(&mut reader, source);
        toml_parser::parser::parse_document(&tokens, &mut receiver, &mut errors);
        reader.finish_table();
        if errors.0
            || reader.failed
            || reader.key.is_some()
            || reader.dotted.is_some()
            || !reader.stack.is_empty()
        {
            return None;
        }
        // Every later piece starts with a header.
        reader.target = Target::Top;
    }
    Some(reader.part)
}

/// The parts joined in file order; `None` when `[deck]` is there twice.
fn merge(parts: Vec<Part<'_>>) -> Option<Vec<Entry<'_>>> {
    let mut deck: Option<Entry<'_>> = None;
    let mut cards: Option<Entry<'_>> = None;
    for part in parts {
        if let Some(d) = part.deck {
            if deck.is_some() {
                return None;
            }
            deck = Some(d);
        }
        match (&mut cards, part.cards) {
            (_, None) => {}
            (None, more) => cards = more,
            (Some(all), Some(more)) => {
                if let (Kind::Array(all), Kind::Array(more)) =
                    (&mut all.value.kind, more.value.kind)
                {
                    all.extend(more);
                }
            }
        }
    }
    let mut root: Vec<Entry<'_>> = deck.into_iter().chain(cards).collect();
    root.sort_by_key(|e| e.key_span.start);
    Some(root)
}

/// An error sink that remembers whether anything was reported.
struct Failed(bool);

impl ErrorSink for Failed {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// The table the key-value lines go to.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    Top,
    Deck,
    Card,
}

/// A table header being read: `[[...]]` or not, where it starts, its key.
struct Header<'a> {
    array: bool,
    start: usize,
    key: Option<(Cow<'a, str>, Range<usize>)>,
}

/// An array or inline table being read.
enum Frame<'a> {
    Array {
        start: usize,
        items: Vec<Value<'a>>,
    },
    Table {
        start: usize,
        entries: Vec<Entry<'a>>,
        key: Option<(Cow<'a, str>, Range<usize>)>,
    },
}

struct Reader<'a> {
    /// The piece being read, which starts at `offset` in the file.
    input: &'a str,
    offset: usize,
    header: Option<Header<'a>>,
    target: Target,
    /// The entries of the table being read, and its header's span.
    table: Vec<Entry<'a>>,
    table_span: Range<usize>,
    /// The key of a top-level `key = value` whose value is being read,
    /// and the first part of a dotted key (`accept.c1 = ...`).
    key: Option<(Cow<'a, str>, Range<usize>)>,
    dotted: Option<(Cow<'a, str>, Range<usize>)>,
    /// The entries of `table` that dotted keys made (only those take more
    /// dotted keys).
    made_by_dots: Vec<usize>,
    stack: Vec<Frame<'a>>,
    part: Part<'a>,
    failed: bool,
}

impl<'a> Reader<'a> {
    fn span(&self, span: Span) -> Range<usize> {
        self.offset + span.start()..self.offset + span.end()
    }

    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'a> {
        Raw::new_unchecked(&self.input[span.start()..span.end()], encoding, span)
    }

    /// The table read so far goes to the deck or the cards.
    fn finish_table(&mut self) {
        // Into a list of its own size; the scratch list keeps its room.
        let entries: Vec<Entry<'a>> = self.table.drain(..).collect();
        self.made_by_dots.clear();
        let span = self.table_span.clone();
        match self.target {
            Target::Top => {
                if !entries.is_empty() {
                    self.failed = true;
                }
            }
            Target::Deck => {
                if let Some(deck) = &mut self.part.deck {
                    deck.value.kind = Kind::Table(entries);
                }
            }
            Target::Card => {
                if let Some(Entry {
                    value:
                        Value {
                            kind: Kind::Array(cards),
                            ..
                        },
                    ..
                }) = &mut self.part.cards
                {
                    cards.push(Value {
                        span,
                        kind: Kind::Table(entries),
                    });
                }
            }
        }
    }

    fn open_header(&mut self, span: Span, array: bool) {
        self.finish_table();
        self.header = Some(Header {
            array,
            start: self.offset + span.start(),
            key: None,
        });
    }

    fn close_header(&mut self, span: Span) {
        let Some(Header { array, start, key }) = self.header.take() else {
            self.failed = true;
            return;
        };
        let Some((key, key_span)) = key else {
            self.failed = true;
            return;
        };
        let span = start..self.offset + span.end();
        self.table_span = span.clone();
        match (array, key.as_ref()) {
            (false, "deck") if self.part.deck.is_none() => {
                self.target = Target::Deck;
                self.part.deck = Some(Entry {
                    key,
                    key_span,
                    value: Value {
                        span,
                        kind: Kind::Table(Vec::new()),
                    },
                });
            }
            (true, "cards") => {
                self.target = Target::Card;
                if self.part.cards.is_none() {
                    self.part.cards = Some(Entry {
                        key,
                        key_span,
                        value: Value {
                            span,
                            kind: Kind::Array(Vec::new()),
                        },
                    });
                }
            }
            _ => self.failed = true,
        }
    }

    /// A value read whole: into the array or inline table being read, or
    /// under the pending key into the current table.
    fn put(&mut self, value: Value<'a>) {
        let (entries, key) = match self.stack.last_mut() {
            Some(Frame::Array { items, .. }) => {
                items.push(value);
                return;
            }
            Some(Frame::Table { entries, key, .. }) => (entries, key.take()),
            None if self.target == Target::Top => {
                self.failed = true;
                return;
            }
            None => match self.dotted.take() {
                None => (&mut self.table, self.key.take()),
                Some((part, part_span)) => {
                    let key = self.key.take();
                    let Some(entries) = self.dotted_table(part, part_span) else {
                        self.failed = true;
                        return;
                    };
                    (entries, key)
                }
            },
        };
        let Some((key, key_span)) = key else {
            self.failed = true;
            return;
        };
        if entries.len() >= MAX_KEYS || entries.iter().any(|e| e.key == key) {
            self.failed = true;
            return;
        }
        entries.push(Entry {
            key,
            key_span,
            value,
        });
    }

    /// The table a dotted key `part.key` of the current table goes to:
    /// made by the first such key (spanning `part` there, as the tree's
    /// does); `None` when `part` names anything else.
    fn dotted_table(
        &mut self,
        part: Cow<'a, str>,
        part_span: Range<usize>,
    ) -> Option<&mut Vec<Entry<'a>>> {
        let i = match self.table.iter().position(|e| e.key == part) {
            Some(i) if self.made_by_dots.contains(&i) => i,
            Some(_) => return None,
            None if self.table.len() < MAX_KEYS => {
                self.made_by_dots.push(self.table.len());
                self.table.push(Entry {
                    key: part,
                    key_span: part_span.clone(),
                    value: Value {
                        span: part_span,
                        kind: Kind::Table(Vec::new()),
                    },
                });
                self.table.len() - 1
            }
            None => return None,
        };
        match &mut self.table[i].value.kind {
            Kind::Table(entries) => Some(entries),
            _ => None,
        }
    }

    fn open(&mut self, frame: Frame<'a>) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            self.failed = true;
            return false;
        }
        self.stack.push(frame);
        true
    }

    fn close(&mut self, span: Span) {
        let end = self.offset + span.end();
        let value = match self.stack.pop() {
            Some(Frame::Array { start, items }) => Value {
                span: start..end,
                kind: Kind::Array(items),
            },
            Some(Frame::Table {
                start,
                entries,
                key: None,
            }) => Value {
                span: start..end,
                kind: Kind::Table(entries),
            },
            _ => {
                self.failed = true;
                return;
            }
        };
        self.put(value);
    }
}

impl<'a> EventReceiver for Reader<'a> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(span, false);
    }

    fn std_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close_header(span);
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(span, true);
    }

    fn array_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close_header(span);
    }

    fn inline_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        let start = self.offset + span.start();
        self.open(Frame::Table {
            start,
            entries: Vec::new(),
            key: None,
        })
    }

    fn inline_table_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close(span);
    }

    fn array_open(&mut self, span: Span, _error: &mut dyn ErrorSink) -> bool {
        let start = self.offset + span.start();
        self.open(Frame::Array {
            start,
            items: Vec::new(),
        })
    }

    fn array_close(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.close(span);
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let mut key = Cow::Borrowed("");
        self.raw(span, encoding).decode_key(&mut key, error);
        let key = Some((key, self.span(span)));
        let slot = if let Some(header) = &mut self.header {
            &mut header.key
        } else {
            match self.stack.last_mut() {
                Some(Frame::Table { key, .. }) => key,
                Some(Frame::Array { .. }) => {
                    self.failed = true;
                    return;
                }
                None => &mut self.key,
            }
        };
        if slot.is_some() {
            self.failed = true;
        }
        *slot = key;
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // A dotted key: read in a card's or the deck's own lines with two
        // parts; anything longer, in a header or in an inline table is
        // left to the tree.
        if self.header.is_some() || !self.stack.is_empty() || self.dotted.is_some() {
            self.failed = true;
            return;
        }
        match self.key.take() {
            Some(part) => self.dotted = Some(part),
            None => self.failed = true,
        }
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let mut text = Cow::Borrowed("");
        let kind = match self.raw(span, encoding).decode_scalar(&mut text, error) {
            ScalarKind::String => Kind::String(text),
            ScalarKind::Boolean(b) => Kind::Boolean(b),
            ScalarKind::Integer(_) => Kind::Other(ValueType::Integer),
            ScalarKind::Float => Kind::Other(ValueType::Float),
            // The tree checks a date further; it reports what is wrong.
            ScalarKind::DateTime => {
                self.failed = true;
                return;
            }
        };
        let span = self.span(span);
        self.put(Value { span, kind });
    }

    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.failed = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(src: &str) -> Vec<Entry<'_>> {
        let (tree, errors) = DeTable::parse_recoverable(src);
        assert!(errors.is_empty(), "{errors:?}");
        from_tree(tree.into_inner())
    }

    #[test]
    fn a_plain_file_reads_as_its_tree() {
        let src = "# a deck\n[deck]\nid = \"d\"\ntags = [\"a\", 'b']\n\n\
                   [[cards]]\nfront = \"F\\u00fc\"\nback = '''\nB'''\nreverse = true\n\
                   [[cards]]\nkind = \"cloze\"\ntext = \"{{c1::x}}\"\naccept = { c1 = [\"y\", [1, 2.5]] }\n\
                   n = 3\n[[ cards ]]\n\"front\" = \"q\"\n\
                   [[cards]]\nkind = \"cloze\"\naccept.c1 = [\"a\"]\ntext = \"t\"\n'accept' . \"c2\" = [\"b\"]\n";
        let plain = read_plain(src).expect("a plain file");
        assert_eq!(plain, tree(src));
        assert_eq!(plain[1].value.as_array().map(<[_]>::len), Some(4));
    }

    #[test]
    fn pieces_and_halves_read_as_the_whole() {
        let mut src = String::from("[[cards]]\nfront = \"0\"\n[deck]\nname = \"n\"\n");
        for i in 1..200 {
            src.push_str(&format!(
                "[[cards]]\nfront = \"{i}\"\nback = \"\"\"\n[[cards]]\"\"\"\n"
            ));
        }
        let whole = tree(&src);
        for (split_from, chunk) in [(usize::MAX, usize::MAX), (0, 1), (0, 100), (usize::MAX, 7)] {
            let plain = read_plain_splitting(&src, split_from, chunk);
            // Cuts inside the multi-line strings leave it to the tree.
            if chunk == usize::MAX {
                assert_eq!(plain.as_ref(), Some(&whole));
            } else {
                assert_eq!(plain, None, "{split_from} {chunk}");
            }
        }
        let src = src.replace("\"\"\"\n[[cards]]\"\"\"", "\"x\"");
        let whole = tree(&src);
        for (split_from, chunk) in [(usize::MAX, usize::MAX), (0, 1), (0, 100), (usize::MAX, 7)] {
            assert_eq!(
                read_plain_splitting(&src, split_from, chunk).as_ref(),
                Some(&whole)
            );
        }
    }

    #[test]
    fn anything_but_the_plain_form_is_left_to_the_tree() {
        for src in [
            "x = 1\n[[cards]]\nfront = \"a\"\n",
            "[[cards]]\na.b.c = 1\n",
            "[[cards]]\na = 1\na.b = 2\n",
            "[[cards]]\na = { b = 1 }\na.c = 2\n",
            "[[cards]]\na.b = 1\na.b = 2\n",
            "[[cards]]\na.b = 1\na = 2\n",
            "[deck.x]\ny.z = 1\n",
            "[[cards]]\na = { b.c = 1 }\n",
            "deck.id = \"x\"\n",
            "[[cards]]\nfront = \"a\"\nfront = \"b\"\n",
            "[deck]\n[deck]\n",
            "[deck]\n[[cards]]\n[deck]\n",
            "[cards]\nfront = \"a\"\n",
            "[[deck]]\n",
            "[deck.x]\n",
            "[[cards]]\nwhen = 2026-01-01\n",
            "[[cards]]\na = { b = 1, b = 2 }\n",
            "[[cards]]\na = [[[[[[[[[1]]]]]]]]]\n",
            "[[cards]]\nfront = \"a\n",
            "[[cards]]\nfront = \"\\q\"\n",
            "[[cards]\n",
        ] {
            assert_eq!(read_plain(src), None, "{src}");
        }
        assert_eq!(read_plain("").map(|d| d.len()), Some(0));
    }

    /// Lines of deck-like TOML, valid and broken, plain and not.
    fn line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = prop_oneof![
            Just("front"),
            Just("back"),
            Just("\"front\""),
            Just("'tags'"),
            Just("a.b"),
            Just("a"),
            Just("accept.c1"),
            Just("a.b.c"),
            Just("kind"),
            Just(""),
        ];
        let value = prop_oneof![
            Just("\"t\u{e4}xt\""),
            Just("'x'"),
            Just("\"\"\"\n[[cards]]\nz\"\"\""),
            Just("'''\n[deck]'''"),
            Just("\"\\q\""),
            Just("\"open"),
            Just("true"),
            Just("12"),
            Just("1.5"),
            Just("1__2"),
            Just("2026-01-01"),
            Just("[\"a\", ['b'], 3]"),
            Just("[\n\"a\",\n]"),
            Just("{ c1 = [\"x\"], c2 = 1 }"),
            Just("{ c1 = 1, c1 = 2 }"),
            Just("["),
        ];
        prop_oneof![
            2 => Just("[deck]".to_owned()),
            2 => Just("[[cards]]".to_owned()),
            1 => Just("[[ cards ]]".to_owned()),
            1 => Just("[cards]".to_owned()),
            1 => Just("[deck.x]".to_owned()),
            1 => Just("# Kommentar \u{fc}".to_owned()),
            1 => Just(String::new()),
            8 => (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// Whatever the text, the events give the tree's document or none,
        /// and none whenever the tree has a syntax error; cut into pieces
        /// and halves or not.
        #[test]
        fn the_events_never_disagree_with_the_tree(
            lines in proptest::collection::vec(line(), 0..12),
            chunk in 1usize..200,
        ) {
            let src = lines.join("\n");
            let (tree, errors) = DeTable::parse_recoverable(&src);
            let expected = errors.is_empty().then(|| from_tree(tree.into_inner()));
            for plain in [read_plain(&src), read_plain_splitting(&src, 0, chunk)]
                .into_iter()
                .flatten()
            {
                proptest::prop_assert_eq!(Some(plain), expected.clone(), "{}", src);
            }
        }
    }
}
