//! Command-line interface: argument definitions and dispatch. The only layer
//! (with `main`) that reads the environment and the clock.

mod check;
mod context;
mod cram;
mod exam;
mod interchange;
mod optimize;
pub mod quiz;
mod stats;
mod sync;
pub mod tui;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use context::Context;

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
    /// Language of the interface (default: from LANG / LC_ALL)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
}

pub use crate::i18n::Lang;

impl ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &[Lang::De, Lang::En]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(match self {
            Lang::De => "de",
            Lang::En => "en",
        }))
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
        #[arg(long, value_name = "ID")]
        deck: Option<String>,
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show progress per deck and in total
    Stats {
        #[arg(long, value_name = "ID")]
        deck: Option<String>,
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show what is due, and when
    Due {
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
    New { file: PathBuf },
    /// Convert an Anki plain-text export or a CSV file into a deck
    Import {
        /// A `.csv` file (columns front,back,tags) or an Anki "Notes in Plain Text" export
        file: PathBuf,
        /// Name of the new deck; its id is made from it
        #[arg(long, value_name = "NAME")]
        deck_name: String,
        /// Output file (default: a file in your deck folder)
        #[arg(short, long, value_name = "OUT.toml")]
        output: Option<PathBuf>,
    },
    /// Export decks for Anki or as CSV
    Export {
        #[arg(long, value_name = "ID")]
        deck: Option<String>,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Print shell completions
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff)
    Man,
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
        #[arg(long)]
        json: bool,
    },
    /// Remove an exam (progress is kept)
    Rm { name: String },
    /// Expected recall on the exam day, per deck and tag, and today's plan
    Status {
        /// The exam (default: the next one)
        name: Option<String>,
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
pub enum SyncAction {
    /// Merge another machine's journal into this one (union by event id)
    Merge { other: PathBuf },
}

/// Parses the arguments, runs the command and maps the outcome to an exit code.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = match Context::from_env(&cli.global) {
        Ok(c) => c,
        Err(e) => {
            report(&e);
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
            report(&e);
            ExitCode::from(2)
        }
        Err(e) => {
            report(&e);
            ExitCode::FAILURE
        }
    }
}

/// Prints the error on stderr. Unlike `eprintln!` it does not panic when
/// stderr is gone (the terminal was closed), which would abort the process.
fn report(e: &anyhow::Error) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "kartei: {e:#}");
}

/// The interface options from the context and the environment: the
/// `[keys]` table of config.toml, `NO_COLOR`, `$VISUAL`/`$EDITOR`.
///
/// # Errors
/// An unreadable or invalid config file, or a bad `[keys]` entry.
pub fn ui_options(ctx: &Context, keys: &toml::Table) -> anyhow::Result<crate::ui::Options> {
    use anyhow::Context as _;
    let keymap = crate::ui::KeyMap::from_config(keys)
        .with_context(|| format!("in the [keys] table of {}", ctx.config_path.display()))?;
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
        cram: None,
    })
}

/// The process status for how the interface ended (130 after `Ctrl-C`
/// ended a quiz, as a shell reports an interrupted program).
#[must_use]
pub fn exit_code(exit: crate::ui::Exit) -> ExitCode {
    match exit {
        crate::ui::Exit::Normal => ExitCode::SUCCESS,
        crate::ui::Exit::Interrupted => ExitCode::from(130),
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
        Some(Command::Man) => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(&mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::New { file }) => interchange::new_deck(&file),
        Some(Command::Import {
            file,
            deck_name,
            output,
        }) => interchange::import(ctx, &file, &deck_name, output.as_deref()),
        Some(Command::Check { paths, json, fix }) => check::check(ctx, &paths, json, fix),
        Some(Command::List { deck, tag, json }) => {
            check::list(ctx, deck.as_deref(), tag.as_deref(), json)
        }
        Some(Command::Export {
            deck,
            format,
            output,
        }) => interchange::export(ctx, deck.as_deref(), format, &output),
        Some(Command::Sync { action }) => sync::run(ctx, action),
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
