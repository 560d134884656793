//! The interface through a real pseudo-terminal under adverse conditions:
//! the journal replaced under it, signals from outside, an editor given a
//! hostile file name.

mod pty_common;

use std::path::Path;
use std::time::Duration;

use pty_common::Term;

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .count()
}

#[test]
fn an_answer_after_the_journal_was_replaced_is_not_acknowledged() {
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("journal.jsonl");
    let mut term = Term::start(data.path(), "", &[]);
    term.wait_for("Grundlagen");
    term.press("\r");
    term.wait_for("Space reveal");
    term.press(" ");
    term.wait_for("3 Good");
    term.press("3");
    // The first answer is in the file.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while lines(&journal) < 1 {
        assert!(std::time::Instant::now() < deadline, "first answer missing");
        std::thread::sleep(Duration::from_millis(30));
    }
    term.wait_for("Space reveal");
    // A sync tool puts its copy in place.
    let copy = data.path().join("journal.copy");
    std::fs::copy(&journal, &copy).unwrap();
    std::fs::rename(&copy, &journal).unwrap();
    let replaced = std::fs::read(&journal).unwrap();

    term.press(" ");
    term.wait_for("3 Good");
    term.press("3");
    let screen = term.wait_for("NOT recorded");
    assert!(screen.contains("replaced"), "{screen}");
    term.quit();
    assert_eq!(
        std::fs::read(&journal).unwrap(),
        replaced,
        "nothing was acknowledged that is not in the file at the path"
    );
}

const DECK: &str = "[deck]\nid = \"eigen\"\nname = \"Eigenes Deck\"\ndescription = \"\"\n\n[[cards]]\nid = \"e1\"\nfront = \"Was ist eine Frage?\"\nback = \"Eine Antwort\"\n";

/// Writes an executable shell script.
fn script(path: &Path, body: &str) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::write(path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn wait_for_file(path: &Path) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !path.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    std::thread::sleep(Duration::from_millis(100));
}

/// The terminal left the alternate screen after it last entered it.
fn left_alternate_screen(raw: &[u8]) -> bool {
    let find_last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    match (find_last(b"\x1b[?1049h"), find_last(b"\x1b[?1049l")) {
        (Some(enter), Some(leave)) => leave > enter,
        _ => false,
    }
}

#[test]
fn every_catchable_signal_restores_the_terminal_and_exits_with_its_status() {
    for (name, number) in [
        ("TERM", libc::SIGTERM),
        ("INT", libc::SIGINT),
        ("QUIT", libc::SIGQUIT),
        ("USR1", libc::SIGUSR1),
        ("PIPE", libc::SIGPIPE),
        ("XFSZ", libc::SIGXFSZ),
        ("HUP", libc::SIGHUP),
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut term = Term::start(data.path(), "", &[]);
        term.wait_for("Grundlagen");
        assert!(
            !term.is_cooked(),
            "SIG{name}: the interface runs in raw mode"
        );
        term.kill(name);
        let code = term.wait_exit(Duration::from_secs(15));
        assert_eq!(code, 128 + number.unsigned_abs(), "SIG{name}");
        assert!(
            left_alternate_screen(&term.raw()),
            "SIG{name}: alternate screen"
        );
        assert!(
            term.is_cooked(),
            "SIG{name}: terminal left raw:\n{}",
            term.stty()
        );
    }
}

#[test]
fn sigterm_while_the_editor_runs_is_forwarded_and_waited_for() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path();
    let deck = dir.join("eigen.toml");
    std::fs::write(&deck, DECK).unwrap();
    let editor = dir.join("editor.sh");
    script(
        &editor,
        &format!(
            "trap 'echo TERM > {d}/got; exit 0' TERM\ntouch {d}/started\nwhile :; do sleep 0.05; done",
            d = dir.display()
        ),
    );
    let mut term = Term::start_with(
        dir,
        "",
        &["--no-bundled", "--decks", deck.to_str().unwrap()],
        &[("EDITOR", editor.to_str().unwrap()), ("VISUAL", "")],
        None,
    );
    term.wait_for("Eigenes Deck");
    term.press("\r");
    term.wait_for("Was ist eine Frage?");
    term.press("e");
    wait_for_file(&dir.join("started"));
    term.kill("TERM");
    let code = term.wait_exit(Duration::from_secs(15));
    assert_eq!(code, 143);
    assert_eq!(
        std::fs::read_to_string(dir.join("got")).unwrap().trim(),
        "TERM",
        "the editor got the signal"
    );
    assert!(term.is_cooked(), "terminal left raw:\n{}", term.stty());
    assert!(left_alternate_screen(&term.raw()));
}

#[test]
fn a_deck_file_name_never_reaches_the_editor_as_an_option_or_command() {
    for name in ["+!touch PWNED.toml", "-c.toml"] {
        let data = tempfile::tempdir().unwrap();
        let dir = data.path();
        std::fs::write(dir.join(name), DECK).unwrap();
        // An editor in a folder with a space, with an argument of its own.
        std::fs::create_dir(dir.join("My Editor")).unwrap();
        let editor = dir.join("My Editor/edit");
        script(
            &editor,
            &format!(
                "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > {d}/args.tmp\nmv {d}/args.tmp {d}/args",
                d = dir.display()
            ),
        );
        let editor_var = format!("\"{}\" --wait", editor.display());
        let decks_arg = format!("--decks={name}");
        let mut term = Term::start_with(
            dir,
            "",
            &["--no-bundled", &decks_arg],
            &[("VISUAL", &editor_var)],
            Some(dir),
        );
        term.wait_for("Eigenes Deck");
        term.press("\r");
        term.wait_for("Was ist eine Frage?");
        term.press("e");
        wait_for_file(&dir.join("args"));
        let args = std::fs::read_to_string(dir.join("args")).unwrap();
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(args.len(), 3, "{name}: {args:?}");
        assert_eq!(args[0], "--wait");
        assert_eq!(args[1], "+6");
        assert_eq!(
            Path::new(args[2]),
            dir.join(name).canonicalize().unwrap().as_path().to_owned(),
            "{name}: {args:?}"
        );
        assert!(!dir.join("PWNED.toml").exists());
        term.press("q");
        term.quit();
    }
}

#[test]
fn read_only_interface_runs_beside_a_writer_and_records_nothing() {
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("journal.jsonl");
    // Another kartei holds the journal.
    let (_held, _) = kartei::progress::Journal::open(data.path()).unwrap();
    let before = std::fs::read(&journal).unwrap();
    let mut term = Term::start(data.path(), "", &["--read-only"]);
    term.wait_for("answers are not recorded");
    term.press("\r");
    term.wait_for("Space reveal");
    term.press(" ");
    term.wait_for("3 Good");
    term.press("3");
    let screen = term.wait_for("NOT recorded");
    assert!(screen.contains("read-only"), "{screen}");
    term.press("q");
    term.quit();
    assert_eq!(std::fs::read(&journal).unwrap(), before);
}

#[test]
fn flag_emoji_are_cleared_as_one_cell_group() {
    let data = tempfile::tempdir().unwrap();
    let deck = data.path().join("flag.toml");
    std::fs::write(
        &deck,
        r#"[deck]
id = "flag"
name = "Flaggen"
description = ""

[[cards]]
id = "f1"
kind = "choice"
front = "Welches Land hat die Flagge 🇩🇪 und 🇫🇷 hier?"
choices = ["Deutschland 🇩🇪", "Frankreich 🇫🇷", "Italien 🇮🇹", "Spanien 🇪🇸"]
answer = "Deutschland 🇩🇪"

[[cards]]
id = "f3"
front = "Zweite Frage ohne Flaggen"
back = "Antwort"
"#,
    )
    .unwrap();
    let mut term = Term::start(
        data.path(),
        "",
        &[
            "--no-bundled",
            "--decks",
            deck.to_str().unwrap(),
            "quiz",
            "--count",
            "2",
            "--seed",
            "1",
            "--forms",
            "choice,flip",
        ],
    );
    let first = term.wait_for("Flagge");
    let (ask_flag, next) = if first.contains("Welches Land") {
        ("a", "Zweite Frage")
    } else {
        ("", "Welches Land")
    };
    if ask_flag.is_empty() {
        // The flag question comes second: answer the first one (flip).
        term.press(" ");
        std::thread::sleep(Duration::from_millis(300));
        term.press("y");
        term.wait_for("Welches Land");
        term.press("a\r");
        let screen = term.wait_for("Results");
        let _ = (screen, next);
    } else {
        term.press("a\r");
        let screen = term.wait_for(next);
        for flag in [
            '\u{1F1E9}',
            '\u{1F1EA}',
            '\u{1F1EB}',
            '\u{1F1F7}',
            '\u{1F1EE}',
            '\u{1F1F9}',
            '\u{1F1F8}',
        ] {
            assert!(
                !screen.contains(flag),
                "a piece of a flag stayed on the next screen:\n{screen}"
            );
        }
    }
}

/// CPU time (user + system) of a process so far, in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap()
        .split_whitespace()
        .collect();
    // utime and stime are fields 14 and 15 of the whole line.
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    // SAFETY: sysconf has no side effects.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    ticks / hz
}

#[test]
fn a_ten_megabyte_card_does_not_keep_the_cpu_busy_while_idle() {
    let data = tempfile::tempdir().unwrap();
    let deck = data.path().join("big.toml");
    let words: String = (0..1_400_000).map(|i| format!("Wort{i} ")).collect();
    std::fs::write(
        &deck,
        format!(
            "[deck]\nid = \"big\"\nname = \"Gross\"\ndescription = \"\"\n\n[[cards]]\nid = \"g1\"\nfront = \"Kurze Frage?\"\nback = \"{}\"\n",
            &words[..10 << 20]
        ),
    )
    .unwrap();
    let mut term = Term::start(
        data.path(),
        "",
        &["--no-bundled", "--decks", deck.to_str().unwrap()],
    );
    term.wait_for("Gross");
    term.press("\r");
    term.wait_for("Kurze Frage?");
    term.press(" ");
    term.wait_for("Wort0 Wort1");
    std::thread::sleep(Duration::from_secs(1));
    let pid = term.pid();
    let before = cpu_seconds(pid);
    std::thread::sleep(Duration::from_secs(3));
    let used = cpu_seconds(pid) - before;
    assert!(
        used < 0.6,
        "idle on a 10 MB card, kartei used {used:.2} s of CPU in 3 s"
    );
    // Scrolling still works.
    term.press("\x1b[6~");
    term.wait_for("Wort1");
    term.press("q");
    term.quit();
}

#[test]
fn a_deck_folder_created_after_start_is_picked_up() {
    let data = tempfile::tempdir().unwrap();
    assert!(!data.path().join("decks").exists());
    let mut term = Term::start(data.path(), "", &[]);
    term.wait_for("Grundlagen");
    let csv = data.path().join("neu.csv");
    std::fs::write(
        &csv,
        "front,back,tags\nWas ist neu?,Das hier,\nUnd das?,Auch,\n",
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("kartei")
        .unwrap()
        .env("KARTEI_DATA_DIR", data.path())
        .args([
            "import",
            csv.to_str().unwrap(),
            "--deck-name",
            "Frisch Importiert",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(data.path().join("decks").is_dir());
    term.wait_for("Frisch Importiert");
    term.quit();
}

#[test]
fn backspace_and_delete_remove_a_flag_whole() {
    use kartei::ui::app::TextInput;
    let mut input = TextInput::default();
    for c in "a🇩🇪".chars() {
        input.insert(c);
    }
    input.backspace();
    assert_eq!((input.text.as_str(), input.cursor), ("a", 1));
    for c in "🇫🇷b".chars() {
        input.insert(c);
    }
    input.cursor = 1;
    input.delete();
    assert_eq!((input.text.as_str(), input.cursor), ("ab", 1));
}

/// The state letter of a process (`R`, `S`, `T` for stopped, ...).
fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')')
        .next()
        .and_then(|rest| rest.trim_start().chars().next())
        .unwrap_or('?')
}

#[test]
fn sigtstp_restores_the_terminal_and_sigcont_brings_the_interface_back() {
    let data = tempfile::tempdir().unwrap();
    let mut term = Term::start(data.path(), "", &[]);
    term.wait_for("Grundlagen");
    term.kill("TSTP");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while process_state(term.pid()) != 'T' {
        assert!(std::time::Instant::now() < deadline, "kartei did not stop");
        std::thread::sleep(Duration::from_millis(30));
    }
    assert!(
        term.is_cooked(),
        "stopped with the terminal raw:\n{}",
        term.stty()
    );
    assert!(left_alternate_screen(&term.raw()));
    term.kill("CONT");
    term.wait_for("Grundlagen");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while term.is_cooked() {
        assert!(
            std::time::Instant::now() < deadline,
            "raw mode not taken back"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    term.quit();
}

/// A first start writes the compiled deck beside the interface; a signal
/// right after the first screen still leaves the complete entry (the
/// interface ends normally, so the write is waited for), and no temp file.
#[test]
fn a_signal_right_after_a_first_start_leaves_the_compiled_deck() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(data.path().join("decks")).unwrap();
    let mut deck = String::from("[deck]\nid = \"gross\"\nname = \"Grosses Deck\"\n");
    for i in 0..100_000 {
        deck.push_str(&format!(
            "\n[[cards]]\nid = \"g{i}\"\nfront = \"Frage {i}\"\nback = \"Antwort {i}\"\n"
        ));
    }
    std::fs::write(data.path().join("decks/gross.toml"), deck).unwrap();
    let mut term = Term::start(data.path(), "", &[]);
    term.wait_for("Grosses Deck");
    term.kill("HUP");
    assert_eq!(
        term.wait_exit(Duration::from_secs(30)),
        128 + libc::SIGHUP.unsigned_abs()
    );
    let cache: Vec<String> = std::fs::read_dir(data.path().join("cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        cache.iter().any(|n| n.starts_with("deck-")) && !cache.iter().any(|n| n.contains(".tmp-")),
        "{cache:?}"
    );
    // The entry is complete: the next start decodes no card of it.
    let options = kartei::collection::OpenOptions {
        data_dir: data.path().to_path_buf(),
        config_path: data.path().join("config.toml"),
        bundled: false,
        user_decks: Some(data.path().join("decks")),
        extra_decks: Vec::new(),
        offset: chrono::FixedOffset::east_opt(3600).unwrap(),
        read_only: true,
        cache_dir: Some(data.path().join("cache")),
    };
    let warm = kartei::collection::Collection::open(options).unwrap();
    assert_eq!(warm.decks().decks[0].cards.count(), 100_000);
    assert!(!warm.decks().decks[0].cards.is_decoded());
}
