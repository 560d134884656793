//! A real pseudo-terminal around the kartei binary, for the interface
//! tests: what the program wrote, the screen it drew, its exit status and
//! the terminal's mode afterwards.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Term {
    parser: vt100::Parser,
    /// Every byte the program wrote to the terminal.
    raw: Vec<u8>,
    rx: mpsc::Receiver<Vec<u8>>,
    writer: Option<Box<dyn Write + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to close its handle on the terminal.
    stop_reading: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Term {
    /// A failed test must not leave kartei running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Term {
    /// Starts kartei (through `bash -c PRELUDE; exec kartei ARGS`).
    pub fn start(data: &Path, prelude: &str, args: &[&str]) -> Self {
        Self::start_with(data, prelude, args, &[], None)
    }

    /// Like [`Term::start`] with extra environment variables and a working
    /// directory.
    pub fn start_with(
        data: &Path,
        prelude: &str,
        args: &[&str],
        env: &[(&str, &str)],
        cwd: Option<&Path>,
    ) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 100,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new("bash");
        cmd.arg("-c");
        cmd.arg(format!("{prelude}\nexec \"$0\" \"$@\""));
        cmd.arg(env!("CARGO_BIN_EXE_kartei"));
        for a in args {
            cmd.arg(a);
        }
        cmd.env("KARTEI_DATA_DIR", data);
        cmd.env("KARTEI_NOW", "2026-11-27T09:00:00Z");
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        cmd.env_remove("LC_ALL");
        for (k, v) in env {
            cmd.env(k, v);
        }
        if let Some(dir) = cwd {
            cmd.cwd(dir);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (tx, rx) = mpsc::channel();
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reader_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() || stop.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Self {
            parser: vt100::Parser::new(30, 100, 0),
            raw: Vec::new(),
            rx,
            writer: Some(writer),
            child,
            master: Some(pty.master),
            stop_reading,
            reader: Some(reader_thread),
        }
    }

    pub fn text(&mut self) -> String {
        while let Ok(bytes) = self.rx.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        self.parser.screen().contents()
    }

    pub fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = self.text();
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; screen:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub fn press(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    pub fn quit(mut self) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "{status:?}");
                break;
            }
            assert!(Instant::now() < deadline, "kartei did not exit");
            self.press("q");
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_millis(100));
        self.text();
        std::mem::take(&mut self.raw)
    }

    /// Closes the terminal (as closing its window does) and waits up to
    /// `limit` for kartei to end.
    pub fn hang_up(mut self, limit: Duration) -> Option<portable_pty::ExitStatus> {
        // Every handle on the terminal's master side must go: the reader
        // thread's too, which wakes up on the output of a key press.
        self.stop_reading.store(true, Ordering::SeqCst);
        self.press("?");
        self.reader.take().unwrap().join().unwrap();
        self.writer = None;
        self.master = None;
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

impl Term {
    /// The process id of what runs in the terminal (kartei, once `exec`ed).
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    /// Every byte written to the terminal so far.
    pub fn raw(&mut self) -> Vec<u8> {
        self.text();
        self.raw.clone()
    }

    /// The terminal device of the child's side, e.g. `/dev/pts/3`.
    pub fn tty(&self) -> PathBuf {
        self.master
            .as_ref()
            .and_then(|m| m.tty_name())
            .expect("the pty has a name")
    }

    /// Sends `signal` (e.g. "TERM") to kartei.
    pub fn kill(&self, signal: &str) {
        let ok = std::process::Command::new("kill")
            .args([format!("-{signal}"), self.pid().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill -{signal} failed");
    }

    /// Waits up to `limit` for kartei to end; its exit code.
    pub fn wait_exit(&mut self, limit: Duration) -> u32 {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(100));
                self.text();
                return status.exit_code();
            }
            assert!(
                Instant::now() < deadline,
                "kartei did not exit; screen:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// The terminal's settings as `stty -a` prints them.
    pub fn stty(&self) -> String {
        let out = std::process::Command::new("stty")
            .arg("-F")
            .arg(self.tty())
            .arg("-a")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// True when the terminal is back in its normal (cooked) mode: line
    /// editing and echo on.
    pub fn is_cooked(&self) -> bool {
        let s = self.stty();
        let words: Vec<&str> = s.split_whitespace().collect();
        words.contains(&"icanon") && words.contains(&"echo") && words.contains(&"isig")
    }
}
