//! Signals while the interface runs. Every catchable signal that would end
//! the process (HUP, INT, QUIT, TERM, USR1/2, PIPE, ALRM, XFSZ, XCPU,
//! VTALRM, PROF) ends the interface instead: the event loop returns, the
//! terminal is restored, and the process exits with the conventional
//! status 128 + the signal number (SIGTERM: 143).
//!
//! SIGTSTP (`kill -TSTP`) suspends: the terminal is restored, the process
//! stops, and on SIGCONT the interface comes back and redraws.
//!
//! A signal that was ignored when kartei started (`nohup`, `trap '' XFSZ`)
//! stays ignored (except INT and QUIT, which shells ignore for any
//! background job). While the editor runs, TERM, HUP and the others are
//! forwarded to it and kartei waits for it to end before it restores the
//! terminal; INT and QUIT are left to the editor (the terminal sent them to
//! it already), as `system()` does.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGPIPE, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2,
    SIGVTALRM, SIGXCPU, SIGXFSZ,
};

/// The signals that end the interface.
const ENDING: &[i32] = &[
    SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGXFSZ, SIGXCPU,
    SIGVTALRM, SIGPROF,
];

/// How long the event loop has to notice a signal before the process is
/// ended from the signal thread (the terminal restored first).
const GRACE: Duration = Duration::from_secs(2);

/// The process id of the running editor, 0 when none runs.
static EDITOR_PID: AtomicU32 = AtomicU32::new(0);

/// Marks the editor `pid` as running (`None`: it ended).
pub(super) fn set_editor(pid: Option<u32>) {
    EDITOR_PID.store(pid.unwrap_or(0), Ordering::SeqCst);
}

fn editor() -> Option<u32> {
    match EDITOR_PID.load(Ordering::SeqCst) {
        0 => None,
        pid => Some(pid),
    }
}

/// The exit status for a process ended by `signal`.
#[must_use]
pub fn exit_status(signal: i32) -> i32 {
    128 + signal
}

/// True when `signal` was set to be ignored when kartei started and should
/// stay so.
fn ignored_at_start(signal: i32) -> bool {
    // SIGPIPE is ignored by the Rust runtime itself, not by the user; INT
    // and QUIT are ignored by shells for every background job, which an
    // interactive interface never means to be.
    if [SIGPIPE, SIGINT, SIGQUIT].contains(&signal) {
        return false;
    }
    // SAFETY: reading the current disposition (no new action is set).
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &raw mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    }
}

fn forward(pid: u32, signal: i32) {
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: sending a signal to our own child.
        unsafe {
            libc::kill(pid, signal);
        }
    }
}

/// Signals that arrived, for the event loop.
pub(super) struct Incoming {
    rx: mpsc::Receiver<i32>,
    /// SIGTSTP arrived: suspend.
    suspend: Arc<AtomicBool>,
    /// SIGPIPE only sets a flag: the signal thread's wake-up socket raises
    /// SIGPIPE itself when it is written after the thread ended, and a
    /// handler that wrote to it again would never stop.
    pipe: Arc<AtomicBool>,
}

impl Incoming {
    /// The signal that should end the interface, if one arrived.
    /// True (once) when the interface should suspend itself (SIGTSTP).
    pub(super) fn suspend_requested(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    pub(super) fn try_recv(&self) -> Option<i32> {
        if let Ok(signal) = self.rx.try_recv() {
            return Some(signal);
        }
        self.pipe.load(Ordering::SeqCst).then_some(SIGPIPE)
    }
}

/// The signal thread; [`Watch::finish`] stops it.
pub(super) struct Watch {
    handle: signal_hook::iterator::Handle,
    thread: Option<JoinHandle<()>>,
    done: Option<mpsc::Sender<()>>,
    pipe: signal_hook::SigId,
}

impl Watch {
    /// Starts watching; the receiver gets the number of each signal that
    /// should end the interface.
    ///
    /// # Errors
    /// The signal handlers cannot be installed.
    pub(super) fn start() -> io::Result<(Watch, Incoming)> {
        let wanted: Vec<i32> = ENDING
            .iter()
            .copied()
            .filter(|&s| s != SIGPIPE && !ignored_at_start(s))
            .collect();
        let pipe_flag = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&pipe_flag);
        // The event loop may be asleep: wake it as the signal thread does.
        // SAFETY: the action only stores to an atomic and raises a signal,
        // both async-signal-safe.
        let pipe = unsafe {
            signal_hook::low_level::register(SIGPIPE, move || {
                flag.store(true, Ordering::SeqCst);
                wake();
            })
        }?;
        let suspend_flag = Arc::new(AtomicBool::new(false));
        let suspend = Arc::clone(&suspend_flag);
        let mut wanted = wanted;
        if !ignored_at_start(SIGTSTP) {
            wanted.push(SIGTSTP);
        }
        let mut signals = signal_hook::iterator::Signals::new(&wanted)?;
        let handle = signals.handle();
        let (tx, rx) = mpsc::channel::<i32>();
        let (done_tx, done_rx) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTSTP {
                    // The event loop stops the process once the terminal
                    // is restored; an editor in front handles its own.
                    if editor().is_none() {
                        suspend.store(true, Ordering::SeqCst);
                        wake();
                    }
                    continue;
                }
                let running = editor();
                if running.is_some() && (signal == SIGINT || signal == SIGQUIT) {
                    continue;
                }
                let mut forwarded = running;
                if let Some(pid) = running {
                    forward(pid, signal);
                }
                let _ = tx.send(signal);
                wake();
                loop {
                    match done_rx.recv_timeout(GRACE) {
                        Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => return,
                        Err(mpsc::RecvTimeoutError::Timeout) => {
                            // The loop is waiting for the editor: wait too
                            // (it got the signal; it may ask to save).
                            if let Some(pid) = editor() {
                                if forwarded != Some(pid) {
                                    forward(pid, signal);
                                    forwarded = Some(pid);
                                }
                                continue;
                            }
                            // When the terminal is gone (SIGHUP: the window
                            // was closed), crossterm's `event::poll` can spin
                            // on the dead tty and never return (crossterm
                            // issue #793), so the loop never sees the signal.
                            // Every answer is durable already: restore what
                            // can be restored and end.
                            ratatui::restore();
                            std::process::exit(exit_status(signal));
                        }
                    }
                }
            }
        });
        Ok((
            Watch {
                handle,
                thread: Some(thread),
                done: Some(done_tx),
                pipe,
            },
            Incoming {
                rx,
                suspend: suspend_flag,
                pipe: pipe_flag,
            },
        ))
    }

    /// Stops the signal thread.
    pub(super) fn finish(mut self) {
        // Wake the thread while it still reads its socket, then end it.
        self.handle.close();
        self.done.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        signal_hook::low_level::unregister(self.pipe);
    }
}

/// Wakes the event loop from another thread (it sleeps in crossterm's
/// `event::poll` while nothing changes): crossterm's poll wakes on SIGWINCH
/// and reports a resize, which redraws.
pub(super) fn wake() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
}

/// Stops the process (as SIGTSTP would have) until SIGCONT.
pub(super) fn stop_self() {
    // SAFETY: raising a signal on ourselves.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
}
