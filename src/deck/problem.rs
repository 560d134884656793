//! What is wrong in a deck file, as data: one variant per kind of problem,
//! with what a message needs (key names, types, suggestions, lines). The
//! loader builds these without knowing the user's language; the views
//! render them through the catalogue ([`crate::i18n::Tr::problem`]) in the
//! language they speak. [`Problem::code`] is the stable, machine-readable
//! name used in JSON output.

use serde::{Deserialize, Serialize};

use super::model::CardKind;

/// The type of a TOML value, for "must be a string, not an integer".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueType {
    String,
    Integer,
    Float,
    Boolean,
    Datetime,
    Array,
    Table,
}

impl ValueType {
    /// The type of a TOML value by the name `toml` gives it.
    #[must_use]
    pub fn from_toml(type_str: &str) -> Self {
        match type_str {
            "string" => Self::String,
            "integer" => Self::Integer,
            "float" => Self::Float,
            "boolean" => Self::Boolean,
            "datetime" => Self::Datetime,
            "array" => Self::Array,
            _ => Self::Table,
        }
    }
}

/// What a key's value has to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expected {
    String,
    Bool,
    StringArray,
    StringOrStringArray,
    Table,
    /// `[[cards]]`.
    TableArray,
}

/// The table an unknown key was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyPlace {
    Deck,
    Card,
}

/// What kind of file system object a path is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    NamedPipe,
    CharDevice,
    BlockDevice,
    Socket,
    Folder,
    Symlink,
    RegularFile,
    Special,
}

impl FileKind {
    /// The kind of `ft`.
    #[must_use]
    pub fn of(ft: std::fs::FileType) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if ft.is_fifo() {
                return Self::NamedPipe;
            }
            if ft.is_char_device() {
                return Self::CharDevice;
            }
            if ft.is_block_device() {
                return Self::BlockDevice;
            }
            if ft.is_socket() {
                return Self::Socket;
            }
        }
        if ft.is_dir() {
            Self::Folder
        } else if ft.is_symlink() {
            Self::Symlink
        } else if ft.is_file() {
            Self::RegularFile
        } else {
            Self::Special
        }
    }

    /// "a named pipe", "a folder", ... (English).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NamedPipe => "a named pipe",
            Self::CharDevice => "a character device",
            Self::BlockDevice => "a block device",
            Self::Socket => "a socket",
            Self::Folder => "a folder",
            Self::Symlink => "a symbolic link",
            Self::RegularFile => "a regular file",
            Self::Special => "a special file",
        }
    }
}

/// Why a file or folder could not be read: the common cases by kind, with
/// the system's own text (shown in English, and where no translation fits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IoProblem {
    pub kind: IoKind,
    pub text: String,
}

/// The kinds of read errors the catalogue names in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IoKind {
    NotFound,
    PermissionDenied,
    /// No space left on the device (or the disk quota is used up).
    StorageFull,
    ReadOnlyFilesystem,
    /// A file where a folder is needed, or the other way round.
    NotADirectory,
    IsADirectory,
    AlreadyExists,
    /// The file is larger than the system allows.
    FileTooLarge,
    /// The process or the system has too many files open.
    TooManyOpenFiles,
    /// The device failed to read or write (EIO).
    DeviceError,
    Other,
}

impl From<&std::io::Error> for IoProblem {
    fn from(e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        // EMFILE / ENFILE and EIO have no kind of their own.
        let kind = match (e.kind(), e.raw_os_error()) {
            (K::NotFound, _) => IoKind::NotFound,
            (K::PermissionDenied, _) => IoKind::PermissionDenied,
            (K::StorageFull | K::QuotaExceeded, _) => IoKind::StorageFull,
            (K::ReadOnlyFilesystem, _) => IoKind::ReadOnlyFilesystem,
            (K::NotADirectory, _) => IoKind::NotADirectory,
            (K::IsADirectory, _) => IoKind::IsADirectory,
            (K::AlreadyExists, _) => IoKind::AlreadyExists,
            (K::FileTooLarge, _) => IoKind::FileTooLarge,
            (_, Some(23 | 24)) => IoKind::TooManyOpenFiles,
            (_, Some(5)) => IoKind::DeviceError,
            _ => IoKind::Other,
        };
        Self {
            kind,
            text: e.to_string(),
        }
    }
}

/// Why a `*.toml` entry of a deck folder is not loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Skip {
    NotRegular(FileKind),
    /// A symbolic link to nothing, with its target when it can be read.
    BrokenLink(Option<String>),
    Unreadable(IoProblem),
}

/// Why a string is not a valid explicit card id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdProblem {
    Empty,
    TooLong {
        max: usize,
    },
    Tilde,
    Whitespace,
    /// A character that is not a letter, digit or punctuation (its code point).
    BadChar(u32),
}

impl std::fmt::Display for IdProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Tr(crate::i18n::Lang::DISPLAY).id_problem(*self))
    }
}

/// One problem inside a cloze text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClozeProblem {
    /// `{{` inside a gap; the gap it is in opens at this character (1-based).
    Nested {
        open_at: usize,
    },
    /// `}}` without `{{`.
    StrayClose,
    EmptyGap,
    Unclosed,
    NoGap,
}

/// One kind of problem in a deck file, with its data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    // The file as a whole.
    CannotRead(IoProblem),
    NotRegularFile(FileKind),
    TooBig {
        bytes: u64,
        max_mib: u64,
    },
    NotUtf8 {
        byte: u8,
    },
    CannotReadFolder(IoProblem),
    SkippedFile(Skip),
    // TOML syntax.
    /// The parser's own description (English, from the `toml` crate).
    InvalidToml {
        detail: String,
    },
    DuplicateTomlKey,
    // Keys and values.
    UnknownTopKey {
        key: String,
        suggestion: Option<String>,
        /// The key belongs in a card.
        card_key: bool,
    },
    UnknownKey {
        key: String,
        place: KeyPlace,
        suggestion: Option<String>,
    },
    WrongType {
        key: String,
        expected: Expected,
        found: ValueType,
    },
    /// An element of an array of strings that is not a string.
    WrongElementType {
        key: String,
        found: ValueType,
    },
    EmptyValue {
        key: String,
    },
    EmptyAlternative {
        key: String,
    },
    AcceptNotTable {
        found: ValueType,
    },
    AcceptKeyNotGap {
        key: String,
    },
    /// `accept` names gap `gap` (1-based) of a text with `gaps` gaps.
    AcceptGapMissing {
        gap: usize,
        gaps: usize,
    },
    // The deck.
    InvalidDeckId {
        id: String,
        suggestion: String,
    },
    FileNameNotDeckId {
        stem: String,
        suggestion: String,
    },
    NoCards,
    /// Another loaded deck has this id.
    DeckIdTaken {
        id: String,
        other_file: String,
    },
    // Cards.
    CardNotTable {
        found: ValueType,
    },
    DuplicateCardId {
        id: String,
        first_line: u32,
    },
    DerivedIdTaken {
        id: String,
        first_line: u32,
    },
    SameQuestion {
        id: String,
        first_line: u32,
    },
    MissingId {
        derived: String,
    },
    /// A card id used in another deck too.
    CardIdTaken {
        id: String,
        deck: String,
        file: String,
        line: u32,
    },
    InvalidCardId {
        id: String,
        why: IdProblem,
        suggestion: String,
    },
    UnknownKind {
        kind: String,
        suggestion: Option<String>,
    },
    KeyNotForKind {
        key: String,
        kind: CardKind,
        /// The kinds the key belongs to (at least one).
        owners: Vec<CardKind>,
    },
    MissingKey {
        kind: CardKind,
        key: String,
    },
    Cloze(ClozeProblem),
    EmptyListItem,
    NoItems,
    NoAnswer,
    TooFewChoices {
        found: usize,
    },
    EmptyChoice,
    /// Same as choice `first` (1-based).
    DuplicateChoice {
        choice: String,
        first: usize,
    },
    AnswerNotChoice {
        answer: String,
        suggestion: Option<String>,
        choices: Vec<String>,
    },
    AnswerTwice {
        answer: String,
    },
    /// Another card asks the same (`same`) or almost the same question.
    SimilarQuestion {
        card: String,
        other: String,
        other_file: String,
        other_line: u32,
        same: bool,
    },
}

impl Problem {
    /// The stable, machine-readable name of the problem (JSON `code`).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::CannotRead(_) => "cannot-read",
            Self::NotRegularFile(_) => "not-a-file",
            Self::TooBig { .. } => "too-big",
            Self::NotUtf8 { .. } => "not-utf8",
            Self::CannotReadFolder(_) => "cannot-read-folder",
            Self::SkippedFile(_) => "skipped-file",
            Self::InvalidToml { .. } => "invalid-toml",
            Self::DuplicateTomlKey => "duplicate-key",
            Self::UnknownTopKey { .. } | Self::UnknownKey { .. } => "unknown-key",
            Self::WrongType { .. }
            | Self::WrongElementType { .. }
            | Self::AcceptNotTable { .. } => "wrong-type",
            Self::EmptyValue { .. } => "empty-value",
            Self::EmptyAlternative { .. } => "empty-alternative",
            Self::AcceptKeyNotGap { .. } => "accept-not-a-gap",
            Self::AcceptGapMissing { .. } => "accept-gap-missing",
            Self::InvalidDeckId { .. } => "invalid-deck-id",
            Self::FileNameNotDeckId { .. } => "file-name-not-deck-id",
            Self::NoCards => "no-cards",
            Self::DeckIdTaken { .. } => "duplicate-deck-id",
            Self::CardNotTable { .. } => "card-not-a-table",
            Self::DuplicateCardId { .. } => "duplicate-id",
            Self::DerivedIdTaken { .. } => "derived-id-taken",
            Self::SameQuestion { .. } => "same-question",
            Self::MissingId { .. } => "missing-id",
            Self::CardIdTaken { .. } => "id-in-other-deck",
            Self::InvalidCardId { .. } => "invalid-card-id",
            Self::UnknownKind { .. } => "unknown-kind",
            Self::KeyNotForKind { .. } => "key-not-for-kind",
            Self::MissingKey { .. } => "missing-key",
            Self::Cloze(ClozeProblem::Nested { .. }) => "cloze-nested",
            Self::Cloze(ClozeProblem::StrayClose) => "cloze-stray-close",
            Self::Cloze(ClozeProblem::EmptyGap) => "cloze-empty-gap",
            Self::Cloze(ClozeProblem::Unclosed) => "cloze-unclosed",
            Self::Cloze(ClozeProblem::NoGap) => "cloze-no-gap",
            Self::EmptyListItem => "empty-item",
            Self::NoItems => "no-items",
            Self::NoAnswer => "no-answer",
            Self::TooFewChoices { .. } => "too-few-choices",
            Self::EmptyChoice => "empty-choice",
            Self::DuplicateChoice { .. } => "duplicate-choice",
            Self::AnswerNotChoice { .. } => "answer-not-a-choice",
            Self::AnswerTwice { .. } => "duplicate-answer",
            Self::SimilarQuestion { .. } => "similar-question",
        }
    }
}
