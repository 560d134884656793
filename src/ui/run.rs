//! The terminal runtime: set-up and restore on every path (normal quit,
//! error, panic, SIGTERM, SIGHUP), the event loop with a Tick, and suspending
//! for the editor.

use std::io::{self, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use super::app::{App, Effect};
use super::keymap::KeyMap;
use super::theme::Theme;
use crate::i18n::Lang;
use crate::study::port::Study;

/// How often timers are checked.
pub const TICK: Duration = Duration::from_millis(250);

/// How long the event loop has to notice SIGTERM/SIGHUP before the process
/// is ended from the signal thread.
const SIGNAL_GRACE: Duration = Duration::from_secs(2);

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
    /// Open directly in a cram session (`kartei cram`): what and how many.
    pub cram: Option<(crate::study::CramTarget, Option<usize>)>,
}

/// How the interface ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Normal,
    /// `Ctrl-C` ended a running quiz (recorded as abandoned): exit status 130.
    Interrupted,
}

/// Runs the interface until the student quits or a signal arrives.
///
/// # Errors
/// Terminal I/O failures; the terminal is restored before returning.
pub fn run(opts: Options, study: &mut dyn Study) -> io::Result<Exit> {
    let (tx, rx) = mpsc::channel::<()>();
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])?;
    let handle = signals.handle();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let signal_thread = std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(());
            // When the terminal is gone (SIGHUP: the window was closed),
            // crossterm's `event::poll` spins on the dead tty and never
            // returns, even with a timeout (crossterm issue #793), so the
            // loop never sees the signal. Every answer is already durable;
            // end the process rather than spin forever holding the lock.
            if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(SIGNAL_GRACE) {
                std::process::exit(128 + signal);
            }
        }
    });
    // Installs a panic hook that restores the terminal before the message.
    let terminal = ratatui::try_init();
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
    drop(done_tx);
    handle.close();
    let _ = signal_thread.join();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    opts: &Options,
    study: &mut dyn Study,
    signals: &mpsc::Receiver<()>,
) -> io::Result<Exit> {
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
    let watcher = if opts.watch.is_empty() {
        None
    } else {
        match crate::watch::DeckWatcher::new(opts.watch.clone()) {
            Ok(w) => Some(w),
            Err(e) => {
                app.status = Some(e.to_string());
                None
            }
        }
    };
    if let Some(spec) = &opts.quiz {
        app.start_quiz(spec, now(), study);
    }
    if let Some((target, count)) = &opts.cram {
        super::exam_screen::cram(&mut app, target, *count, now(), study);
    }
    let mut last_tick = Instant::now();
    loop {
        let size = terminal.size()?;
        app.size = (size.width, size.height);
        terminal.draw(|f| super::view::render(&app, f))?;
        if signals.try_recv().is_ok() {
            return Ok(Exit::Normal);
        }
        let timeout = TICK.saturating_sub(last_tick.elapsed());
        if event::poll(timeout)? {
            let effect = match event::read()? {
                Event::Key(key) => app.handle_key(&key, now(), study),
                // Resize: the next loop iteration redraws at the new size.
                _ => Effect::None,
            };
            match effect {
                Effect::None => {}
                Effect::Quit => return Ok(Exit::Normal),
                Effect::Interrupted => return Ok(Exit::Interrupted),
                Effect::OpenEditor(path, line) => {
                    let result = run_editor(terminal, &opts.editor, &path, line);
                    app.after_edit(result, now(), study);
                }
            }
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            app.tick(now(), study);
            if watcher
                .as_ref()
                .and_then(crate::watch::DeckWatcher::poll)
                .is_some()
            {
                app.reload(now(), study);
            }
        }
    }
}

/// Leaves the interface, runs the editor at `+LINE FILE`, and comes back.
fn run_editor(
    terminal: &mut DefaultTerminal,
    editor: &str,
    path: &Path,
    line: u32,
) -> Result<(), String> {
    ratatui::restore();
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = Command::new(program)
        .args(words)
        .arg(format!("+{line}"))
        .arg(path)
        .status();
    let back = enable_raw_mode()
        .and_then(|()| execute!(stdout(), EnterAlternateScreen))
        .and_then(|()| terminal.clear());
    if let Err(e) = back {
        return Err(format!("could not restore the terminal: {e}"));
    }
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("editor {program:?} exited with {s}")),
        Err(e) => Err(format!(
            "could not start editor {program:?}: {e}; set $VISUAL or $EDITOR"
        )),
    }
}
