//! `Ctrl-C` during a quiz, through a real pseudo-terminal: the quiz is
//! journalled as abandoned and kartei exits with status 130.

mod pty_common;

use std::time::Duration;

use pty_common::Term;

#[test]
fn ctrl_c_abandons_the_quiz_and_exits_130() {
    let data = tempfile::tempdir().unwrap();
    let mut term = Term::start(
        data.path(),
        "",
        &["quiz", "--count", "3", "--forms", "flip", "--seed", "1"],
    );
    term.wait_for("1/3");
    term.press("\x03"); // Ctrl-C in raw mode
    assert_eq!(term.wait_exit(Duration::from_secs(10)), 130);
    let journal = std::fs::read_to_string(data.path().join("journal.jsonl")).unwrap();
    let end: serde_json::Value = journal
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|e| e["type"] == "quiz_end")
        .expect("a quiz_end event");
    assert_eq!(end["abandoned"], true, "{journal}");
}
