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
