//! Command-line interface: argument definitions and dispatch. The only layer
//! (with `main`) that reads the environment and the clock.

/// `writeln!` to standard output through [`crate::sanitize::SafeWriter`].
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!($crate::sanitize::stdout(), $($arg)*)
    }};
}

/// `writeln!` to standard error through [`crate::sanitize::SafeWriter`]; a
/// closed stderr is ignored (it must not change the outcome).
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::sanitize::stderr(), $($arg)*);
    }};
}

mod check;
mod context;
mod cram;
mod decks;
mod exam;
mod interchange;
mod man;
mod optimize;
pub mod quiz;
mod stats;
mod sync;
pub mod tui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use context::Context;
pub use man::key_rows as man_key_rows;

/// Terminal flashcards and exam preparation with FSRS spaced repetition.
#[derive(Debug, Parser)]
#[command(name = "kartei", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every subcommand understands.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Where progress, config and your own decks live [env: KARTEI_DATA_DIR]
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Load decks from this file or folder too (repeatable)
    #[arg(long = "decks", global = true, value_name = "PATH")]
    pub decks: Vec<PathBuf>,
    /// Do not load the decks bundled with kartei
    #[arg(long, global = true)]
    pub no_bundled: bool,
    /// Neither read nor write the compiled deck cache and the journal
    /// checkpoint (start slower; the results are the same) [cache folder:
    /// env KARTEI_CACHE_DIR]
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Language of the interface (default: from LANG / LC_ALL)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Open the journal read-only: nothing is recorded, and a kartei that
    /// is running already is no obstacle
    #[arg(long, global = true)]
    pub read_only: bool,
}

pub use crate::i18n::Lang;

impl ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &Lang::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.code()))
    }
}

/// A card state for `kartei list --state`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    New,
    Learning,
    Due,
    Suspended,
    Buried,
    Flagged,
}

impl StateArg {
    fn filter(self) -> crate::study::StateFilter {
        use crate::study::StateFilter as F;
        match self {
            StateArg::New => F::New,
            StateArg::Learning => F::Learning,
            StateArg::Due => F::Due,
            StateArg::Suspended => F::Suspended,
            StateArg::Buried => F::Buried,
            StateArg::Flagged => F::Flagged,
        }
    }
}

/// A yes/no option value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

/// Output format for export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Anki,
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate decks and report every problem with file:line:column
    Check {
        /// Deck files or folders (default: every deck the app would load)
        paths: Vec<PathBuf>,
        /// Print one JSON object instead of text
        #[arg(long)]
        json: bool,
        /// Write ids into cards that lack them, keeping comments and layout
        #[arg(long)]
        fix: bool,
    },
    /// List cards, one line each
    List {
        /// Only the cards of this deck (its id, as `kartei list` shows it)
        #[arg(long, value_name = "ID")]
        deck: Option<String>,
        /// Only the cards with this tag
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Only cards in this state now
        #[arg(long, value_enum, value_name = "STATE")]
        state: Option<StateArg>,
        /// Print a JSON array instead of text
        #[arg(long)]
        json: bool,
    },
    /// Show progress per deck and in total
    Stats {
        /// Only this deck (its id)
        #[arg(long, value_name = "ID")]
        deck: Option<String>,
        /// Only the cards with this tag
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Print one JSON object (with forecast, history and quiz scores) instead of text
        #[arg(long)]
        json: bool,
    },
    /// Show what is due, and when
    Due {
        /// Print one JSON object instead of text
        #[arg(long)]
        json: bool,
    },
    /// Fit the FSRS parameters to your own reviews
    Optimize {
        /// Save without asking
        #[arg(long)]
        yes: bool,
    },
    /// Take a timed exam-style quiz, or list past quizzes
    Quiz(QuizArgs),
    /// Cram before an exam: the weakest cards first; due dates stay as they are
    Cram(CramArgs),
    /// Set exams and see how ready you are for them
    Exam {
        #[command(subcommand)]
        action: ExamAction,
    },
    /// Keep progress in step across computers
    Sync {
        #[command(subcommand)]
        action: SyncAction,
    },
    /// Write a commented deck template showing every card kind
    New {
        /// The deck file to create (never overwritten); its name gives the deck id
        file: PathBuf,
    },
    /// Convert an Anki plain-text export or a CSV file into a deck
    Import {
        /// A `.csv` file (kartei's layout, or just front,back,tags) or an Anki "Notes in Plain Text" export
        file: PathBuf,
        /// Name of the new deck; its id is made from it
        #[arg(long, value_name = "NAME")]
        deck_name: String,
        /// Output file, never overwritten; missing folders are created (default: a file in your deck folder)
        #[arg(short, long, value_name = "OUT.toml")]
        output: Option<PathBuf>,
    },
    /// Export decks for Anki or as CSV
    Export {
        /// Only this deck (its id; default: every deck kartei loads)
        #[arg(long, value_name = "ID")]
        deck: Option<String>,
        /// anki: Anki's "Notes in Plain Text" (simplified where Anki cannot hold a field); csv: kartei's CSV, every field kept
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write (replaced if it exists)
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Work with deck files
    Decks {
        #[command(subcommand)]
        action: DecksAction,
    },
    /// Print shell completions
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write every page
    Man {
        /// A subcommand whose page to print, e.g. `check` or `sync merge` (default: kartei(1))
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,
        /// Write kartei.1 and a page per subcommand (kartei-check.1, ...) into this folder
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        out_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct QuizArgs {
    /// Only these decks (repeatable)
    #[arg(long, value_name = "ID")]
    pub deck: Vec<String>,
    /// Only cards with these tags (repeatable)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// The cards of this exam (its decks and tags)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["deck", "tag"])]
    pub exam: Option<String>,
    /// Ask only cards studied before (default: every card in scope)
    #[arg(long)]
    pub studied_only: bool,
    /// Whether answers move the schedule (remembered; default yes). A wrong
    /// answer is then a lapse; a timeout never is
    #[arg(long, value_enum, value_name = "yes|no")]
    pub reschedule: Option<YesNo>,
    /// Number of questions
    #[arg(long, value_name = "N")]
    pub count: Option<u32>,
    /// Total time, e.g. 90s, 10m, 1h
    #[arg(long, value_name = "DURATION")]
    pub time: Option<String>,
    /// Time per question, e.g. 60s
    #[arg(long, value_name = "DURATION")]
    pub per_question: Option<String>,
    /// Question forms, comma separated: choice,typed,flip
    #[arg(long, value_name = "FORMS", value_delimiter = ',')]
    pub forms: Vec<String>,
    /// Seed for a reproducible draw and order
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// List past quizzes instead of starting one
    #[arg(long)]
    pub history: bool,
    /// With --history: print a JSON array instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct CramArgs {
    /// The exam's cards, lowest predicted recall on the exam day first
    #[arg(long, value_name = "NAME", conflicts_with_all = ["deck", "tag"])]
    pub exam: Option<String>,
    /// These decks (repeatable)
    #[arg(long, value_name = "ID", conflicts_with = "tag")]
    pub deck: Vec<String>,
    /// Cards with these tags (repeatable)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// At most this many cards
    #[arg(long, value_name = "N")]
    pub count: Option<usize>,
}

#[derive(Debug, Subcommand)]
pub enum ExamAction {
    /// Add an exam: its cards are scheduled toward the date
    Add {
        /// A name for the exam, e.g. "Abschlussprüfung"
        name: String,
        /// The exam day, YYYY-MM-DD
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Decks the exam covers (repeatable; none and no tag: all decks)
        #[arg(long, value_name = "ID")]
        deck: Vec<String>,
        /// Cards with this tag are covered too (repeatable)
        #[arg(long, value_name = "TAG")]
        tag: Vec<String>,
    },
    /// List the exams
    List {
        /// Print a JSON array instead of text
        #[arg(long)]
        json: bool,
    },
    /// Remove an exam (progress is kept)
    Rm {
        /// The exam's name
        name: String,
    },
    /// Expected recall on the exam day, per deck and tag, and today's plan
    Status {
        /// The exam (default: the next one)
        name: Option<String>,
        /// Print one JSON object instead of text
        #[arg(long)]
        json: bool,
    },
}

/// Bad input on the command line that clap cannot see (a date in the past,
/// an unknown deck): reported like clap's own errors, with exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

#[derive(Debug, Subcommand)]
pub enum DecksAction {
    /// Copy a bundled deck into your deck folder to edit it there
    ///
    /// The copy (decks/ in the data dir) replaces the bundled deck and keeps
    /// its card ids, so your progress stays. An existing file is never
    /// overwritten.
    CopyBundled {
        /// The id of the bundled deck to copy (default: all of them)
        id: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Merge another machine's journal into this one (union by event id)
    Merge {
        /// The other computer's journal.jsonl (e.g. in a file-sync folder)
        other: PathBuf,
    },
}

/// Parses the arguments, runs the command and maps the outcome to an exit code.
#[must_use]
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go out as clap prints them.
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp
                    | clap::error::ErrorKind::DisplayVersion
                    | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            e.exit()
        }
        // Errors quote the arguments: filtered, without colour.
        Err(e) => {
            use std::io::Write as _;
            let _ = write!(crate::sanitize::stderr(), "{}", e.render());
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let ctx = match Context::from_env(&cli.global) {
        Ok(c) => c,
        Err(e) => {
            report(&e, cli.global.lang.unwrap_or_else(context::lang_from_env));
            return ExitCode::from(2);
        }
    };
    match run(&ctx, cli.command) {
        Ok(code) => code,
        // `kartei list | head`: the reader went away; that is not an error.
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) if e.downcast_ref::<UsageError>().is_some() => {
            report(&e, ctx.lang);
            ExitCode::from(2)
        }
        Err(e) => {
            report(&e, ctx.lang);
            ExitCode::FAILURE
        }
    }
}

/// Prints the error on stderr, filtered. Unlike `eprintln!` it does not
/// panic when stderr is gone (the terminal was closed), which would abort
/// the process.
fn report(e: &anyhow::Error, lang: crate::i18n::Lang) {
    tell!("kartei: {}", error_chain(e, lang));
}

/// The error and its causes, `: `-separated, each cause only once: an error
/// that already quotes its source (`could not open x: Permission denied`)
/// is not followed by the same text again. kartei's own errors are told in
/// `lang`.
fn error_chain(e: &anyhow::Error, lang: crate::i18n::Lang) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let part = crate::i18n::localize_error(cause, lang).unwrap_or_else(|| cause.to_string());
        if text.is_empty() {
            text = part;
        } else if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
    }
    text
}

/// The interface options from the context and the environment: the
/// `[keys]` table of config.toml, `NO_COLOR`, `$VISUAL`/`$EDITOR`.
///
/// # Errors
/// An unreadable or invalid config file, or a bad `[keys]` entry.
pub fn ui_options(ctx: &Context, keys: &toml::Table) -> anyhow::Result<crate::ui::Options> {
    use anyhow::Context as _;
    let keymap = crate::ui::KeyMap::from_config(keys).with_context(|| {
        crate::i18n::Tr(ctx.lang).in_keys_table(&ctx.config_path.display().to_string())
    })?;
    let editor = ["VISUAL", "EDITOR"]
        .into_iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_owned());
    Ok(crate::ui::Options {
        lang: ctx.lang,
        keymap,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        start: ctx.now,
        offset: ctx.offset,
        editor,
        watch: std::iter::once(ctx.user_deck_dir())
            .chain(ctx.deck_paths.iter().cloned())
            .collect(),
        quiz: None,
        read_only: ctx.read_only,
        cram: None,
    })
}

/// The process status for how the interface ended (130 after `Ctrl-C`
/// ended a quiz, as a shell reports an interrupted program; 128 + the
/// signal's number after a signal).
#[must_use]
pub fn exit_code(exit: crate::ui::Exit) -> ExitCode {
    match exit {
        crate::ui::Exit::Normal => ExitCode::SUCCESS,
        crate::ui::Exit::Interrupted => ExitCode::from(130),
        crate::ui::Exit::Signal(signal) => {
            ExitCode::from(u8::try_from(crate::ui::signals::exit_status(signal)).unwrap_or(u8::MAX))
        }
    }
}

/// Runs one command.
///
/// # Errors
/// Whatever the command reports; the caller prints it.
pub fn run(ctx: &Context, command: Option<Command>) -> anyhow::Result<ExitCode> {
    match command {
        None => tui::run(ctx),
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "kartei", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Man { command, out_dir }) => {
            man::run(&command, out_dir.as_deref(), ctx.lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::New { file }) => interchange::new_deck(ctx, &file),
        Some(Command::Import {
            file,
            deck_name,
            output,
        }) => interchange::import(ctx, &file, &deck_name, output.as_deref()),
        Some(Command::Check { paths, json, fix }) => check::check(ctx, &paths, json, fix),
        Some(Command::List {
            deck,
            tag,
            state,
            json,
        }) => check::list(
            ctx,
            deck.as_deref(),
            tag.as_deref(),
            state.map(StateArg::filter),
            json,
        ),
        Some(Command::Export {
            deck,
            format,
            output,
        }) => interchange::export(ctx, deck.as_deref(), format, &output),
        Some(Command::Sync { action }) => sync::run(ctx, action),
        Some(Command::Decks {
            action: DecksAction::CopyBundled { id },
        }) => decks::copy(ctx, id.as_deref()),
        Some(Command::Exam { action }) => exam::run(ctx, action),
        Some(Command::Cram(args)) => cram::run(ctx, &args),
        Some(Command::Quiz(args)) => quiz::run(ctx, &args),
        Some(Command::Stats { deck, tag, json }) => {
            stats::stats(ctx, deck.as_deref(), tag.as_deref(), json)
        }
        Some(Command::Due { json }) => stats::due(ctx, json),
        Some(Command::Optimize { yes }) => optimize::run(ctx, yes),
    }
}
