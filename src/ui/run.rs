//! The terminal runtime: set-up and restore on every path (normal quit,
//! error, panic, every catchable signal: see [`super::signals`]), the event
//! loop (which sleeps while nothing changes: see `event_loop`), and
//! suspending for the editor.

use std::io::{self, stdout};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use super::app::{App, Effect};
use super::backend::{SafeBackend, SafeTerminal};
use super::keymap::KeyMap;
use super::theme::Theme;
use crate::i18n::{Lang, Localize as _, Tr};
use crate::study::port::Study;

/// The longest sleep of an idle interface (a key, a timer, a deck change
/// or a signal wake it earlier).
const IDLE: Duration = Duration::from_secs(3600);

/// Everything the runtime needs from the caller (who reads the environment).
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    pub keymap: KeyMap,
    /// `NO_COLOR` was set.
    pub no_color: bool,
    /// The time at start (`KARTEI_NOW` or the clock); later times add the
    /// monotonic time elapsed since.
    pub start: DateTime<Utc>,
    pub offset: FixedOffset,
    /// `$VISUAL` or `$EDITOR` (default `vi`), possibly with arguments.
    pub editor: String,
    /// Deck folders and files to watch: a change reloads the decks while
    /// the interface runs (empty: no live reload).
    pub watch: Vec<PathBuf>,
    /// Open directly in this quiz (`kartei quiz`) instead of the overview.
    pub quiz: Option<crate::quiz::QuizSpec>,
    /// The journal was opened read-only (`--read-only`): say so at start.
    pub read_only: bool,
    /// Open directly in a cram session (`kartei cram`): what and how many.
    pub cram: Option<(crate::study::CramTarget, Option<usize>)>,
}

/// How the interface ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Normal,
    /// `Ctrl-C` ended a running quiz (recorded as abandoned): exit status 130.
    Interrupted,
    /// A signal ended the interface (its number): exit status 128 + the
    /// number. The caller ends the process normally, so the session is
    /// dropped first (pending cache writes finish, the journal lock goes).
    Signal(i32),
}

/// Runs the interface until the student quits or a signal arrives. After a
/// signal the terminal is restored and [`Exit::Signal`] returned (see
/// [`super::signals`]).
///
/// # Errors
/// Terminal I/O failures; the terminal is restored before returning.
pub fn run(opts: Options, study: &mut dyn Study) -> io::Result<Exit> {
    use std::io::IsTerminal as _;
    // Without a terminal nothing is set up, and no escape sequence is
    // written into a pipe or a file.
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(io::Error::new(
            io::ErrorKind::Unsupported,
            Tr(opts.lang).needs_terminal(),
        ));
    }
    let (watch, rx) = super::signals::Watch::start()?;
    // Raw mode, the alternate screen and a panic hook that restores the
    // terminal before the message; then the guarded backend.
    let terminal = ratatui::try_init().and_then(|plain| {
        drop(plain);
        ratatui::Terminal::new(SafeBackend::new(ratatui::backend::CrosstermBackend::new(
            stdout(),
        )))
    });
    let result = match terminal {
        Ok(mut terminal) => {
            let r = event_loop(&mut terminal, &opts, study, &rx);
            ratatui::restore();
            r
        }
        Err(e) => {
            ratatui::restore();
            Err(io::Error::new(
                e.kind(),
                format!(
                    "cannot start the terminal interface ({e}); it needs an interactive terminal \
                     (see `kartei --help` for commands that work without one)"
                ),
            ))
        }
    };
    watch.finish();
    match result {
        Ok(LoopEnd::Signal(signal)) => {
            use std::io::Write as _;
            let _ = stdout().flush();
            Ok(Exit::Signal(signal))
        }
        Ok(LoopEnd::Done(exit)) => Ok(exit),
        Err(e) => Err(e),
    }
}

/// Why the event loop ended.
enum LoopEnd {
    Done(Exit),
    /// A signal arrived (its number).
    Signal(i32),
}

fn event_loop(
    terminal: &mut SafeTerminal,
    opts: &Options,
    study: &mut dyn Study,
    signals: &super::signals::Incoming,
) -> io::Result<LoopEnd> {
    let started = Instant::now();
    let now = || {
        opts.start
            + chrono::Duration::from_std(started.elapsed())
                .unwrap_or_else(|_| chrono::Duration::zero())
    };
    let mut app = App::new(
        opts.lang,
        opts.keymap.clone(),
        Theme::new(opts.no_color),
        opts.offset,
        now(),
        study,
    );
    // Start crossterm's event source now, so that a wake-up (SIGWINCH, see
    // `signals::wake`) already reaches it.
    let _ = event::poll(Duration::ZERO)?;
    let watcher = if opts.watch.is_empty() {
        None
    } else {
        match crate::watch::DeckWatcher::with_wake(
            opts.watch.clone(),
            crate::watch::DEBOUNCE,
            super::signals::wake,
        ) {
            Ok(w) => Some(w),
            Err(e) => {
                app.status = Some(e.localized(opts.lang));
                None
            }
        }
    };
    if opts.read_only {
        app.status = Some(Tr(opts.lang).read_only_status().to_owned());
    }
    if let Some(spec) = &opts.quiz {
        app.start_quiz(spec, now(), study);
    }
    if let Some((target, count)) = &opts.cram {
        super::exam_screen::cram(&mut app, target, *count, now(), study);
    }
    // Idle: draw only when something changed, and sleep until a key, a
    // timer of the screen (the quiz countdown once a second, a waiting
    // screen's time), a deck change or a signal (the last two wake the poll
    // through `signals::wake`).
    let mut redraw = true;
    loop {
        if redraw {
            let size = terminal.size()?;
            app.size = (size.width, size.height);
            terminal.draw(|f| super::view::render(&app, f))?;
            redraw = false;
        }
        if let Some(signal) = signals.try_recv() {
            return Ok(LoopEnd::Signal(signal));
        }
        if signals.suspend_requested() {
            suspend(terminal)?;
            redraw = true;
            continue;
        }
        let timeout = [
            app.next_wake(now()),
            watcher
                .as_ref()
                .and_then(crate::watch::DeckWatcher::next_poll),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(IDLE);
        let mut ticked = timeout < IDLE;
        if event::poll(timeout)? {
            redraw = true;
            // After a key the screen's timers are checked at once (a quiz
            // holds its clock while the help covers it and goes on when it
            // closes).
            ticked = true;
            let effect = match event::read()? {
                Event::Key(key) => app.handle_key(&key, now(), study),
                // Resize: the next loop iteration redraws at the new size.
                _ => Effect::None,
            };
            match effect {
                Effect::None => {}
                Effect::Quit => return Ok(LoopEnd::Done(Exit::Normal)),
                Effect::Interrupted => return Ok(LoopEnd::Done(Exit::Interrupted)),
                Effect::OpenEditor(path, line) => {
                    let result = run_editor(terminal, &opts.editor, &path, line)
                        .map_err(|e| e.localized(opts.lang));
                    app.after_edit(result, now(), study);
                }
            }
        }
        if ticked || app.next_wake(now()).is_some_and(|d| d.is_zero()) {
            app.tick(now(), study);
            redraw = true;
        }
        if watcher
            .as_ref()
            .and_then(crate::watch::DeckWatcher::poll)
            .is_some()
        {
            app.reload(now(), study);
            redraw = true;
        }
    }
}

/// SIGTSTP: restores the terminal, stops until SIGCONT, then takes the
/// terminal back and redraws everything.
fn suspend(terminal: &mut SafeTerminal) -> io::Result<()> {
    ratatui::restore();
    super::signals::stop_self();
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    terminal.clear()
}

/// Leaves the interface, runs the editor at `+LINE FILE`, and comes back.
fn run_editor(
    terminal: &mut SafeTerminal,
    editor: &str,
    path: &Path,
    line: u32,
) -> Result<(), super::editor::EditorError> {
    ratatui::restore();
    let result = super::editor::edit(editor, path, line);
    let back = enable_raw_mode()
        .and_then(|()| execute!(stdout(), EnterAlternateScreen))
        .and_then(|()| terminal.clear());
    if let Err(e) = back {
        return Err(super::editor::EditorError::Restore(e));
    }
    result
}
