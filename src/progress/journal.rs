//! The append-only journal file `journal.jsonl` and its lock.
//!
//! Every answer is one line, written with a single `write_all` and made
//! durable with `sync_data` before [`Journal::append`] returns. A crash can
//! therefore only ever leave a torn *last* line; [`Journal::open`] backs the
//! file up and cuts that tail off. Any other damage is reported with file
//! and line and the file is left alone.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, Utc};

use super::event::{Event, EventBody, EventId, FORMAT_VERSION};
use super::parse::{LineError, find_newline, parse_line};
use super::replay::last_undoable;

/// File name of the journal inside the data directory.
pub const JOURNAL_FILE: &str = "journal.jsonl";
/// File name of the lock beside it.
pub const LOCK_FILE: &str = "journal.lock";

/// How often a held lock is tried again (20 ms apart) before the journal
/// counts as locked by another kartei.
const LOCK_RETRIES: u32 = 10;

/// Everything that can go wrong with the journal.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("could not {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "{} is in use by another running kartei; close it first, or add --read-only to look \
         without recording",
        path.display()
    )]
    Locked { path: PathBuf },
    #[error(
        "{}:{line}:{column}: {message}; the file was left unchanged — fix or remove that line \
         (a backup copy first is wise)",
        path.display()
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{}:{line}: written by a newer kartei (journal format {version}, this build knows up to \
         {FORMAT_VERSION}); please update kartei",
        path.display()
    )]
    NewerVersion {
        path: PathBuf,
        line: usize,
        version: u32,
    },
    #[error(
        "{} was opened read-only (--read-only); nothing is recorded",
        path.display()
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "{} was replaced or removed by another program while kartei was running; \
         nothing more is recorded in this session — restart kartei to continue with the file \
         now at that path",
        path.display()
    )]
    Replaced { path: PathBuf },
    #[error(
        "could not save the answer to {}: {source}{}",
        path.display(),
        if *rolled_back { " (the journal is unchanged)" } else { "" }
    )]
    Append {
        path: PathBuf,
        #[source]
        source: io::Error,
        /// True when a partial line was cut off again (or none was written).
        rolled_back: bool,
    },
    #[error("refusing to write an invalid event: {0}")]
    InvalidEvent(String),
}

impl JournalError {
    fn io(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> Self + use<> {
        let path = path.to_path_buf();
        move |source| Self::Io {
            action,
            path,
            source,
        }
    }
}

/// What loading found besides the events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// Number of events loaded.
    pub events: usize,
    /// Warnings (e.g. a repaired torn last line).
    pub warnings: Vec<JournalWarning>,
    /// The backup made before a torn tail was cut off.
    pub backup: Option<PathBuf>,
    /// How many bytes of torn tail were cut off (or ignored, read-only).
    pub torn_bytes: u64,
}

/// What [`Journal::merge_from`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Events of the other journal that were new here.
    pub added: usize,
    /// Events we already had (same id, same content).
    pub already_present: usize,
    /// Same id but different content; ours was kept.
    pub conflicting: usize,
    /// Warnings about the other file (e.g. an ignored torn last line).
    pub warnings: Vec<JournalWarning>,
}

/// Something about the journal the user should know, though it was
/// handled. `Display` is English; [`crate::i18n::Localize`] tells it in a
/// language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JournalWarning {
    /// A torn last line (a crash while saving) was cut off; the file as it
    /// was is kept at `backup`.
    #[error(
        "{}:{line}: {why} — probably a crash while saving; cut off {cut} bytes, the original is kept as {}",
        path.display(),
        backup.display()
    )]
    TornRepaired {
        path: PathBuf,
        line: usize,
        /// Why the line does not parse (the parser's words).
        why: String,
        cut: usize,
        backup: PathBuf,
    },
    /// A torn last line in a file that is only read: left alone.
    #[error(
        "{}:{line}: {why}; ignored {cut} bytes there (the file was not changed)",
        path.display()
    )]
    TornIgnored {
        path: PathBuf,
        line: usize,
        why: String,
        cut: usize,
    },
}

/// Where a checkpoint says its replay of the journal ended: the first
/// `offset` bytes of the file, which had this hash and held `events` events.
/// [`Journal::open_resuming`] skips parsing them when the file still starts
/// with exactly those bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume {
    pub offset: u64,
    /// [`crate::cache::hash`] of the first `offset` bytes.
    pub hash: u128,
    pub events: usize,
}

/// The open journal of one data directory.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    /// `None` when opened read-only.
    file: Option<File>,
    /// Held for the lifetime of the journal; the OS drops the lock with it.
    _lock: Option<File>,
    /// Events after the first `unparsed` bytes, in file order (every event
    /// when `unparsed` is 0).
    events: Vec<Event>,
    /// Bytes at the start of the file that were not parsed because a
    /// checkpoint covers them ([`Journal::open_resuming`]); 0 otherwise.
    unparsed: u64,
    /// The file as opened, to parse the skipped prefix from when every event
    /// is asked for.
    reader: Option<File>,
    /// Every event (prefix and `events`), parsed on first use when
    /// `unparsed` > 0.
    all: std::sync::OnceLock<Vec<Event>>,
    /// The length and hash of the file as loaded, for a new checkpoint.
    loaded: Resume,
    /// Length of the file as far as we wrote it (all complete lines).
    len: u64,
    /// A failed append could not cut its partial line off; retry first.
    needs_rollback: bool,
    buf: Vec<u8>,
}

/// The decoded content of a journal file.
struct Parsed {
    events: Vec<Event>,
    /// End of the last good line.
    good_len: usize,
    /// 1-based line number and description of a torn last line.
    torn: Option<(usize, String)>,
    /// The last line is a complete event without its line end (kept).
    missing_newline: bool,
}

/// Journals bigger than this are parsed in parallel chunks.
const PARALLEL_FROM: usize = 4 << 20;

/// How much to trust a journal file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trust {
    /// Our own journal: every event kartei can decode is kept.
    Own,
    /// Another machine's journal being merged: ids and texts with control
    /// or bidi characters are refused with their line.
    Foreign,
}

fn parse_all(path: &Path, bytes: &[u8], trust: Trust) -> Result<Parsed, JournalError> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if bytes.len() < PARALLEL_FROM || threads < 2 {
        return parse_chunk(path, bytes, true, 0, trust);
    }
    // Cut at line ends into about equal chunks; each thread parses one.
    let n = threads.min(8);
    let mut cuts = vec![0];
    for k in 1..n {
        let target = (bytes.len() * k / n).max(*cuts.last().unwrap_or(&0));
        let cut = find_newline(&bytes[target..]).map_or(bytes.len(), |i| target + i + 1);
        if cut < bytes.len() && cut > *cuts.last().unwrap_or(&0) {
            cuts.push(cut);
        }
    }
    cuts.push(bytes.len());
    let chunks: Vec<&[u8]> = cuts.windows(2).map(|w| &bytes[w[0]..w[1]]).collect();
    let last = chunks.len() - 1;
    let results: Vec<Result<Parsed, JournalError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .enumerate()
            .map(|(i, &chunk)| {
                let before = &bytes[..cuts[i]];
                scope.spawn(move || {
                    let first_line = before.iter().filter(|&&b| b == b'\n').count();
                    parse_chunk(path, chunk, i == last, first_line, trust)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut events = Vec::with_capacity(bytes.len() / 140 + 1);
    let mut good_len = 0;
    let mut torn = None;
    let mut missing_newline = false;
    for (i, result) in results.into_iter().enumerate() {
        let parsed = result?;
        events.extend(parsed.events);
        good_len = cuts[i] + parsed.good_len;
        torn = parsed.torn;
        missing_newline = parsed.missing_newline;
    }
    Ok(Parsed {
        events,
        good_len,
        torn,
        missing_newline,
    })
}

/// Parses `bytes` (whole lines) whose first line is line `first_line + 1`
/// of the file. Only the file's final chunk can end in a torn line.
fn parse_chunk(
    path: &Path,
    bytes: &[u8],
    is_final: bool,
    first_line: usize,
    trust: Trust,
) -> Result<Parsed, JournalError> {
    let mut events = Vec::with_capacity(bytes.len() / 140 + 1);
    let mut pos = 0;
    let mut line_no = first_line;
    let mut good_len = 0;
    while pos < bytes.len() {
        line_no += 1;
        let (line, next, terminated) = match find_newline(&bytes[pos..]) {
            Some(n) => (&bytes[pos..pos + n], pos + n + 1, true),
            None => (&bytes[pos..], bytes.len(), false),
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            // Blank lines (even an unterminated one) are harmless: JSON
            // ignores leading whitespace on the next appended line.
            pos = next;
            good_len = next;
            continue;
        }
        let is_last = is_final && bytes[next..].iter().all(u8::is_ascii_whitespace);
        match parse_line(line) {
            Ok(ev) if trust == Trust::Foreign && foreign_problem(&ev).is_some() => {
                return Err(JournalError::Corrupt {
                    path: path.to_path_buf(),
                    line: line_no,
                    column: 1,
                    message: foreign_problem(&ev).unwrap_or_default(),
                });
            }
            Ok(ev) => {
                // A complete event whose line end is missing (only the
                // file's last line can lack it) is kept; the writer adds
                // the line end.
                events.push(ev);
                pos = next;
                good_len = next;
                if !terminated {
                    return Ok(Parsed {
                        events,
                        good_len,
                        torn: None,
                        missing_newline: true,
                    });
                }
            }
            Err(LineError::Syntax { message, .. }) if is_last || (is_final && !terminated) => {
                return Ok(Parsed {
                    events,
                    good_len,
                    torn: Some((line_no, format!("the last line is cut off ({message})"))),
                    missing_newline: false,
                });
            }
            Err(LineError::Newer { version }) => {
                return Err(JournalError::NewerVersion {
                    path: path.to_path_buf(),
                    line: line_no,
                    version,
                });
            }
            Err(LineError::Syntax { column, message } | LineError::Invalid { column, message }) => {
                return Err(JournalError::Corrupt {
                    path: path.to_path_buf(),
                    line: line_no,
                    column,
                    message,
                });
            }
        }
    }
    Ok(Parsed {
        events,
        good_len,
        torn: None,
        missing_newline: false,
    })
}

/// Why an event of another machine's journal is refused: an id or text
/// field with characters that could drive a terminal (see
/// [`crate::sanitize::is_unsafe`]), or an id kartei would never write.
fn foreign_problem(ev: &Event) -> Option<String> {
    let id_like = |s: &str| {
        !s.is_empty()
            && !s
                .chars()
                .any(|c| c.is_whitespace() || crate::sanitize::is_unsafe(c))
    };
    let card_ok = |s: &str| {
        !s.is_empty()
            && s.chars().count() <= 2 * crate::deck::MAX_CARD_ID_CHARS
            && s.chars().all(|c| {
                c.is_alphanumeric()
                    || c.is_ascii_punctuation()
                    || unicode_normalization::char::is_combining_mark(c)
            })
    };
    let text_ok = |s: &str| !s.chars().any(crate::sanitize::is_unsafe);
    let bad = |what: &str, value: &str| {
        Some(format!(
            "{what} {value:?} contains characters kartei does not accept (control, \
             whitespace or bidi formatting characters); nothing was merged"
        ))
    };
    if !id_like(&ev.id.0) {
        return bad("event id", &ev.id.0);
    }
    match &ev.body {
        EventBody::Review {
            card, deck, quiz, ..
        } => {
            if !card_ok(card.as_str()) {
                return bad("card id", card.as_str());
            }
            if !crate::deck::valid_deck_id(deck) {
                return bad("deck id", deck);
            }
            if let Some(q) = quiz.as_deref().filter(|q| !id_like(q)) {
                return bad("quiz id", q);
            }
        }
        EventBody::Undo { target } if !id_like(&target.0) => return bad("undo target", &target.0),
        EventBody::Undo { .. } => {}
        EventBody::Mark { card, .. } if !card_ok(card.as_str()) => {
            return bad("card id", card.as_str());
        }
        EventBody::Mark { .. } => {}
        EventBody::ExamAdd {
            name, decks, tags, ..
        } => {
            if !text_ok(name) {
                return bad("exam name", name);
            }
            if let Some(d) = decks.iter().find(|d| !crate::deck::valid_deck_id(d)) {
                return bad("deck id", d);
            }
            if let Some(t) = tags.iter().find(|t| !text_ok(t)) {
                return bad("tag", t);
            }
        }
        EventBody::ExamRemove { name } if !text_ok(name) => return bad("exam name", name),
        EventBody::ExamRemove { .. } => {}
        EventBody::QuizStart {
            quiz, decks, tags, ..
        } => {
            if !id_like(quiz) {
                return bad("quiz id", quiz);
            }
            if let Some(d) = decks.iter().find(|d| !crate::deck::valid_deck_id(d)) {
                return bad("deck id", d);
            }
            if let Some(t) = tags.iter().find(|t| !text_ok(t)) {
                return bad("tag", t);
            }
        }
        EventBody::QuizAnswer {
            quiz,
            card,
            deck,
            form,
            given,
            ..
        } => {
            if !id_like(quiz) {
                return bad("quiz id", quiz);
            }
            if !card_ok(card.as_str()) {
                return bad("card id", card.as_str());
            }
            if !crate::deck::valid_deck_id(deck) {
                return bad("deck id", deck);
            }
            if !id_like(form) {
                return bad("question form", form);
            }
            if !text_ok(given) {
                return bad("answer", given);
            }
        }
        EventBody::QuizPause { quiz, .. } | EventBody::QuizEnd { quiz, .. } => {
            if !id_like(quiz) {
                return bad("quiz id", quiz);
            }
        }
    }
    None
}

/// Reads up to the length the file reports (a device such as `/dev/full`
/// reports 0 and would otherwise read forever).
fn read_file(file: &File, path: &Path) -> Result<Vec<u8>, JournalError> {
    let len = file
        .metadata()
        .map_err(JournalError::io("inspect", path))?
        .len();
    let cap = usize::try_from(len).unwrap_or(usize::MAX);
    let mut bytes = Vec::with_capacity(cap);
    file.take(len)
        .read_to_end(&mut bytes)
        .map_err(JournalError::io("read", path))?;
    Ok(bytes)
}

fn read_path(path: &Path) -> Result<Vec<u8>, JournalError> {
    // A pipe would block the open, a device never end.
    let meta = fs::metadata(path).map_err(JournalError::io("open", path))?;
    if !meta.is_file() {
        return Err(JournalError::io("read", path)(io::Error::other(format!(
            "not a regular file ({})",
            crate::deck::file_kind(meta.file_type())
        ))));
    }
    let file = File::open(path).map_err(JournalError::io("open", path))?;
    read_file(&file, path)
}

fn sync_dir(dir: &Path) {
    // Not every platform can open a directory for syncing; the data itself
    // was synced already.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to a new `journal.jsonl.bak-<n>` (never overwriting one)
/// and makes it durable.
fn write_backup(path: &Path, bytes: &[u8]) -> Result<PathBuf, JournalError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| JOURNAL_FILE.into(), |n| n.to_string_lossy().into_owned());
    for n in 1u32.. {
        let bak = dir.join(format!("{name}.bak-{n}"));
        match OpenOptions::new().write(true).create_new(true).open(&bak) {
            Ok(mut f) => {
                f.write_all(bytes)
                    .and_then(|()| f.sync_all())
                    .map_err(JournalError::io("write the backup", &bak))?;
                sync_dir(dir);
                return Ok(bak);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(JournalError::io("create the backup", &bak)(e)),
        }
    }
    unreachable!("u32 backup numbers exhausted")
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A new unique id: base36 milliseconds of `ts` (fixed width, so ids sort
/// by time), 64 random bits and a per-process counter.
#[must_use]
pub fn new_event_id(ts: DateTime<Utc>) -> EventId {
    let millis = u64::try_from(ts.timestamp_millis()).unwrap_or(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(n);
    h.write_u32(std::process::id());
    h.write_u64(millis);
    let random = h.finish();
    let mut digits = [b'0'; 9];
    let mut m = millis;
    for d in digits.iter_mut().rev() {
        *d = b"0123456789abcdefghijklmnopqrstuvwxyz"[(m % 36) as usize];
        m /= 36;
    }
    let prefix = std::str::from_utf8(&digits).unwrap_or("000000000");
    EventId(format!("{prefix}-{random:016x}-{n:x}"))
}

fn check_finite(body: &EventBody) -> Result<(), JournalError> {
    let floats: &[(&str, f64)] = match body {
        EventBody::QuizAnswer { score, .. } => &[("score", *score)],
        EventBody::QuizEnd {
            score, max, grade, ..
        } => &[("score", *score), ("max", *max), ("grade", *grade)],
        _ => &[],
    };
    for (name, value) in floats {
        if !value.is_finite() {
            return Err(JournalError::InvalidEvent(format!(
                "`{name}` is {value}, which JSON cannot store"
            )));
        }
    }
    Ok(())
}

/// Appends `event` as one JSON line (with its `\n`) to `buf`.
///
/// # Errors
/// A float that is not finite (JSON has no NaN or infinity).
pub fn encode_line(event: &Event, buf: &mut Vec<u8>) -> Result<(), JournalError> {
    check_finite(&event.body)?;
    serde_json::to_writer(&mut *buf, event)
        .map_err(|e| JournalError::InvalidEvent(e.to_string()))?;
    buf.push(b'\n');
    Ok(())
}

impl Journal {
    /// Opens (creating if needed) the journal in `dir` and takes its lock.
    ///
    /// A torn last line is backed up and cut off (see [`LoadReport`]).
    ///
    /// # Errors
    /// [`JournalError::Locked`] when another instance holds the journal,
    /// `Corrupt`/`NewerVersion` for damage (the file is then untouched), `Io`
    /// when the directory or files cannot be created or read.
    pub fn open(dir: &Path) -> Result<(Journal, LoadReport), JournalError> {
        Self::open_resuming(dir, false, None)
    }

    /// [`Journal::open`] (or [`Journal::open_read_only`] when `read_only`),
    /// skipping the parse of the first `resume.offset` bytes when the file
    /// still starts with the bytes that `resume` was made from (same hash);
    /// otherwise, or when anything after them is not a clean run of lines,
    /// the whole file is loaded as usual. [`Journal::unparsed`] tells which
    /// happened. The skipped events are parsed on the first call of
    /// [`Journal::events`].
    ///
    /// # Errors
    /// As [`Journal::open`] and [`Journal::open_read_only`].
    pub fn open_resuming(
        dir: &Path,
        read_only: bool,
        resume: Option<Resume>,
    ) -> Result<(Journal, LoadReport), JournalError> {
        if read_only {
            return Self::open_read_only_resuming(dir, resume);
        }
        fs::create_dir_all(dir).map_err(JournalError::io("create the data directory", dir))?;
        let lock_path = dir.join(LOCK_FILE);
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(JournalError::io("create the lock file", &lock_path))?;
        // A lock just released can still look held for a moment: a process
        // forked (by any thread) before it was released keeps a copy of the
        // descriptor until it execs. So a refusal is only final after a
        // short wait; a running kartei is still refused.
        let mut tries = 0;
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) if tries < LOCK_RETRIES => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(JournalError::Locked {
                        path: dir.join(JOURNAL_FILE),
                    });
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(JournalError::io("lock", &lock_path)(e));
                }
            }
        }
        let path = dir.join(JOURNAL_FILE);
        // Holding the lock, no other kartei is merging: temporary files of
        // a merge that was killed are garbage (they can be large).
        crate::atomic::remove_stale_temps(&path);
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&path)
            .map_err(JournalError::io("open", &path))?;
        if let Some(resumed) = resume.and_then(|r| try_resume(&file, &path, r)) {
            let reader = file.try_clone().ok();
            let journal = Journal {
                path,
                file: Some(file),
                _lock: Some(lock),
                buf: Vec::with_capacity(512),
                reader,
                ..resumed
            };
            let report = LoadReport {
                events: journal.loaded.events,
                ..LoadReport::default()
            };
            return Ok((journal, report));
        }
        io::Seek::seek(&mut &file, io::SeekFrom::Start(0))
            .map_err(JournalError::io("read", &path))?;
        let bytes = read_file(&file, &path)?;
        let parsed = parse_all(&path, &bytes, Trust::Own)?;
        let mut report = LoadReport {
            events: parsed.events.len(),
            ..LoadReport::default()
        };
        if let Some((line, why)) = parsed.torn {
            let bak = write_backup(&path, &bytes)?;
            let cut = bytes.len() - parsed.good_len;
            file.set_len(parsed.good_len as u64)
                .and_then(|()| file.sync_all())
                .map_err(JournalError::io("repair", &path))?;
            report.warnings.push(JournalWarning::TornRepaired {
                path: path.clone(),
                line,
                why,
                cut,
                backup: bak.clone(),
            });
            report.backup = Some(bak);
            report.torn_bytes = cut as u64;
        }
        let mut good_len = parsed.good_len as u64;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(&bytes[..parsed.good_len]);
        if parsed.missing_newline {
            // The last event is complete but lacks its line end: add it, so
            // the next answer starts a line of its own.
            (&file)
                .write_all(b"\n")
                .and_then(|()| file.sync_data())
                .map_err(JournalError::io("repair", &path))?;
            good_len += 1;
            hasher.update(b"\n");
        }
        let loaded = Resume {
            offset: good_len,
            hash: hasher.digest128(),
            events: parsed.events.len(),
        };
        drop(bytes);
        let journal = Journal {
            path,
            file: Some(file),
            _lock: Some(lock),
            events: parsed.events,
            unparsed: 0,
            reader: None,
            all: std::sync::OnceLock::new(),
            loaded,
            len: good_len,
            needs_rollback: false,
            buf: Vec::with_capacity(512),
        };
        Ok((journal, report))
    }

    /// Loads the journal without the lock and without changing anything; a
    /// torn last line is ignored with a warning. Appends are refused. A
    /// missing directory or file gives an empty journal.
    ///
    /// # Errors
    /// As [`Journal::open`], except `Locked`.
    pub fn open_read_only(dir: &Path) -> Result<(Journal, LoadReport), JournalError> {
        Self::open_read_only_resuming(dir, None)
    }

    fn open_read_only_resuming(
        dir: &Path,
        resume: Option<Resume>,
    ) -> Result<(Journal, LoadReport), JournalError> {
        let path = dir.join(JOURNAL_FILE);
        let file = match File::open(&path) {
            Ok(f) => Some(f),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(JournalError::io("open", &path)(e)),
        };
        if let Some(f) = &file
            && let Some(resumed) = resume.and_then(|r| try_resume(f, &path, r))
        {
            let journal = Journal {
                path,
                reader: file,
                ..resumed
            };
            let report = LoadReport {
                events: journal.loaded.events,
                ..LoadReport::default()
            };
            return Ok((journal, report));
        }
        let bytes = match &file {
            Some(f) => {
                let mut f = f;
                io::Seek::seek(&mut f, io::SeekFrom::Start(0))
                    .map_err(JournalError::io("read", &path))?;
                read_file(f, &path)?
            }
            None => Vec::new(),
        };
        let (events, report, good_len) = load_lenient_len(&path, &bytes, Trust::Own)?;
        let loaded = Resume {
            offset: good_len as u64,
            hash: crate::cache::hash(&bytes[..good_len]),
            events: events.len(),
        };
        let journal = Journal {
            path,
            file: None,
            _lock: None,
            len: bytes.len() as u64,
            events,
            unparsed: 0,
            reader: None,
            all: std::sync::OnceLock::new(),
            loaded,
            needs_rollback: false,
            buf: Vec::new(),
        };
        Ok((journal, report))
    }

    /// The journal file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when opened with [`Journal::open_read_only`].
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.file.is_none()
    }

    /// Every event, in file order. After [`Journal::open_resuming`] skipped
    /// a prefix, the first call parses it (the file was checked to start
    /// with the bytes the checkpoint was made from; should it no longer
    /// read, the events after the prefix alone are returned).
    #[must_use]
    pub fn events(&self) -> &[Event] {
        if self.unparsed == 0 {
            return &self.events;
        }
        self.all.get_or_init(|| {
            let mut all = self.parse_prefix().unwrap_or_default();
            all.extend(self.events.iter().cloned());
            all
        })
    }

    /// The events after the part a checkpoint covers (every event when the
    /// whole file was parsed), in file order.
    #[must_use]
    pub fn tail_events(&self) -> &[Event] {
        &self.events
    }

    /// How many bytes at the start of the file were not parsed at open
    /// because a checkpoint covers them (0: every event was parsed).
    #[must_use]
    pub fn unparsed(&self) -> u64 {
        self.unparsed
    }

    /// The length, hash and event count of the file as loaded (after a torn
    /// last line was cut off): what a new checkpoint is made from.
    #[must_use]
    pub fn loaded(&self) -> Resume {
        self.loaded
    }

    fn parse_prefix(&self) -> Option<Vec<Event>> {
        let mut reader = self.reader.as_ref()?;
        io::Seek::seek(&mut reader, io::SeekFrom::Start(0)).ok()?;
        let cap = usize::try_from(self.unparsed).ok()?;
        let mut bytes = Vec::with_capacity(cap);
        reader.take(self.unparsed).read_to_end(&mut bytes).ok()?;
        if bytes.len() != cap {
            return None;
        }
        let parsed = parse_all(&self.path, &bytes, Trust::Own).ok()?;
        (parsed.torn.is_none() && parsed.good_len == cap).then_some(parsed.events)
    }

    /// Records `body` at `ts`; returns the event once it is on disk.
    ///
    /// # Errors
    /// `ReadOnly`, `InvalidEvent` (a NaN score), or `Append` when writing or
    /// syncing failed — any partial line is cut off again and earlier events
    /// are never touched.
    pub fn append(&mut self, ts: DateTime<Utc>, body: EventBody) -> Result<Event, JournalError> {
        self.append_with_writer(ts, body, |f, bytes| f.write_all(bytes))
    }

    /// [`Journal::append`] with the final write replaced, so tests can
    /// simulate a full disk or a partial write. Not part of the stable API.
    ///
    /// # Errors
    /// As [`Journal::append`].
    #[doc(hidden)]
    pub fn append_with_writer(
        &mut self,
        ts: DateTime<Utc>,
        body: EventBody,
        write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    ) -> Result<Event, JournalError> {
        let Some(file) = self.file.as_mut() else {
            return Err(JournalError::ReadOnly {
                path: self.path.clone(),
            });
        };
        // Another program (a sync tool, `mv`) may have put a different file
        // at the path: appending to the open one would acknowledge answers
        // that the file at the path never gets.
        if !same_file(file, &self.path) {
            return Err(JournalError::Replaced {
                path: self.path.clone(),
            });
        }
        let event = Event {
            v: FORMAT_VERSION,
            id: new_event_id(ts),
            ts,
            body,
        };
        self.buf.clear();
        encode_line(&event, &mut self.buf)?;
        if self.needs_rollback {
            if let Err(source) = rollback(file, self.len) {
                return Err(JournalError::Append {
                    path: self.path.clone(),
                    source,
                    rolled_back: false,
                });
            }
            self.needs_rollback = false;
        }
        match write(file, &self.buf).and_then(|()| file.sync_data()) {
            Ok(()) => {
                self.len += self.buf.len() as u64;
                if let Some(all) = self.all.get_mut() {
                    all.push(event.clone());
                }
                self.events.push(event.clone());
                Ok(event)
            }
            Err(source) => {
                let rolled_back = rollback(file, self.len).is_ok();
                self.needs_rollback = !rolled_back;
                Err(JournalError::Append {
                    path: self.path.clone(),
                    source,
                    rolled_back,
                })
            }
        }
    }

    /// Undoes the latest review after `since` (e.g. the session's first
    /// event id) that is not undone yet, by appending an `Undo` at `ts`.
    /// Returns the review that was taken back, or `None` if there is none.
    ///
    /// # Errors
    /// As [`Journal::append`].
    pub fn undo_last(
        &mut self,
        ts: DateTime<Utc>,
        since: Option<&EventId>,
    ) -> Result<Option<Event>, JournalError> {
        let Some(target) = last_undoable(self.events(), since).cloned() else {
            return Ok(None);
        };
        self.append(
            ts,
            EventBody::Undo {
                target: target.id.clone(),
            },
        )?;
        Ok(Some(target))
    }

    /// Merges another machine's journal into this one: the union by event
    /// id, ordered by time (ties by id), written atomically. The other file
    /// is only read; a torn last line there is ignored with a warning.
    /// Merging the same file twice adds nothing.
    ///
    /// # Errors
    /// `ReadOnly`; `Io`, `Corrupt` or `NewerVersion` for the other file;
    /// `Io` when writing ours fails (ours is then unchanged).
    pub fn merge_from(&mut self, other: &Path) -> Result<MergeReport, JournalError> {
        if self.file.is_none() {
            return Err(JournalError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let bytes = read_path(other)?;
        let (theirs, load) = load_lenient(other, &bytes, Trust::Foreign)?;
        drop(bytes);
        let mut report = MergeReport {
            warnings: load.warnings,
            ..MergeReport::default()
        };
        let ours: HashMap<&EventId, &Event> = self.events().iter().map(|e| (&e.id, e)).collect();
        let mut new_ids: HashSet<&EventId> = HashSet::new();
        let mut added = Vec::new();
        for e in &theirs {
            match ours.get(&e.id) {
                Some(mine) if *mine == e => report.already_present += 1,
                Some(_) => report.conflicting += 1,
                None if new_ids.insert(&e.id) => added.push(e),
                None => report.already_present += 1,
            }
        }
        report.added = added.len();
        if added.is_empty() {
            return Ok(report);
        }
        let mut merged: Vec<Event> = self.events().to_vec();
        merged.extend(added.into_iter().cloned());
        drop(ours);
        drop(new_ids);
        merged.sort_by(|a, b| a.ts.cmp(&b.ts).then_with(|| a.id.cmp(&b.id)));

        let mut written: u64 = 0;
        crate::atomic::write_with(&self.path, |f| {
            let mut w = BufWriter::with_capacity(1 << 16, f);
            let mut line = Vec::with_capacity(512);
            for e in &merged {
                line.clear();
                encode_line(e, &mut line).map_err(io::Error::other)?;
                w.write_all(&line)?;
                written += line.len() as u64;
            }
            w.flush()
        })
        .map_err(JournalError::io("write the merged journal", &self.path))?;
        // The rename replaced the file: write to the new one from now on.
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .open(&self.path)
            .map_err(JournalError::io("reopen", &self.path))?;
        self.file = Some(file);
        self.len = written;
        self.needs_rollback = false;
        self.loaded = Resume {
            offset: written,
            hash: 0,
            events: merged.len(),
        };
        self.events = merged;
        self.unparsed = 0;
        self.reader = None;
        self.all = std::sync::OnceLock::new();
        Ok(report)
    }
}

/// True when `path` (following symlinks) still names the open `file`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        // Cannot tell (the open file cannot be inspected): keep going.
        (Err(_), _) => true,
        // Nothing at the path any more.
        (Ok(_), Err(_)) => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// Cuts the file back to `len` if a partial write made it longer.
fn rollback(file: &mut File, len: u64) -> io::Result<()> {
    if file.metadata()?.len() != len {
        file.set_len(len)?;
        file.sync_all()?;
    }
    Ok(())
}

/// Decodes the bytes of a journal file as [`Journal::open_read_only`] does,
/// without touching any file: a torn last line becomes a warning in the
/// report, any other damage (or a newer format) is an error naming `path`.
///
/// # Errors
/// [`JournalError::Corrupt`] or [`JournalError::NewerVersion`].
pub fn parse_journal_bytes(
    path: &Path,
    bytes: &[u8],
) -> Result<(Vec<Event>, LoadReport), JournalError> {
    load_lenient(path, bytes, Trust::Own)
}

/// Parses without modifying: a torn last line becomes a warning.
fn load_lenient(
    path: &Path,
    bytes: &[u8],
    trust: Trust,
) -> Result<(Vec<Event>, LoadReport), JournalError> {
    load_lenient_len(path, bytes, trust).map(|(events, report, _)| (events, report))
}

/// [`load_lenient`], also returning the end of the last good line.
fn load_lenient_len(
    path: &Path,
    bytes: &[u8],
    trust: Trust,
) -> Result<(Vec<Event>, LoadReport, usize), JournalError> {
    let parsed = parse_all(path, bytes, trust)?;
    let mut report = LoadReport {
        events: parsed.events.len(),
        ..LoadReport::default()
    };
    if let Some((line, why)) = parsed.torn {
        let cut = bytes.len() - parsed.good_len;
        report.torn_bytes = cut as u64;
        report.warnings.push(JournalWarning::TornIgnored {
            path: path.to_path_buf(),
            line,
            why,
            cut,
        });
    }
    Ok((parsed.events, report, parsed.good_len))
}

/// Checks that `file` starts with the bytes `resume` was made from and that
/// everything after them is whole, valid lines; then returns a journal
/// holding only the events after the prefix (path, file and lock still to be
/// filled in). `None` when anything does not fit: the caller loads the whole
/// file, which also reports any damage precisely.
fn try_resume(file: &File, path: &Path, resume: Resume) -> Option<Journal> {
    let total = file.metadata().ok()?.len();
    if resume.offset == 0 || resume.offset > total {
        return None;
    }
    let mut reader = file;
    io::Seek::seek(&mut reader, io::SeekFrom::Start(0)).ok()?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut chunk = vec![0u8; 1 << 20];
    let mut left = resume.offset;
    let mut last = 0u8;
    while left > 0 {
        let want = usize::try_from(left.min(chunk.len() as u64)).ok()?;
        reader.read_exact(&mut chunk[..want]).ok()?;
        hasher.update(&chunk[..want]);
        last = chunk[want - 1];
        left -= want as u64;
    }
    drop(chunk);
    // A prefix whose last event lacks its line end (a read-only open does
    // not repair it) is loaded in full, which adds the line end.
    if hasher.digest128() != resume.hash || last != b'\n' {
        return None;
    }
    let rest = total - resume.offset;
    let mut tail = Vec::with_capacity(usize::try_from(rest).ok()?);
    reader.take(rest).read_to_end(&mut tail).ok()?;
    let parsed = parse_all(path, &tail, Trust::Own).ok()?;
    // A torn line or a missing line end: the full load repairs it.
    if parsed.torn.is_some() || parsed.missing_newline || parsed.good_len != tail.len() {
        return None;
    }
    hasher.update(&tail);
    let len = resume.offset + tail.len() as u64;
    Some(Journal {
        path: PathBuf::new(),
        file: None,
        _lock: None,
        loaded: Resume {
            offset: len,
            hash: hasher.digest128(),
            events: resume.events + parsed.events.len(),
        },
        events: parsed.events,
        unparsed: resume.offset,
        reader: None,
        all: std::sync::OnceLock::new(),
        len,
        needs_rollback: false,
        buf: Vec::new(),
    })
}
