//! Starting `$VISUAL`/`$EDITOR` on a deck file at a line.
//!
//! The variable is split into words the way a shell would
//! (`"/opt/My Editor/bin/edit" --wait`), but no shell runs. The file is
//! passed as an absolute path after `+LINE`, so no file name (`-c.toml`,
//! `+!touch x.toml`) can be read as an option or an editor command.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The program and arguments for editing `path` at `line` with `editor`
/// (the value of `$VISUAL`/`$EDITOR`; empty means `vi`).
///
/// # Errors
/// Unbalanced quotes in `editor`, or no absolute path for `path`.
pub fn command_line(editor: &str, path: &Path, line: u32) -> Result<Vec<String>, String> {
    let mut words = shell_words::split(editor)
        .map_err(|e| format!("cannot read $VISUAL/$EDITOR {editor:?}: {e}"))?;
    if words.is_empty() {
        words.push("vi".to_owned());
    }
    let path = absolute(path)?;
    words.push(format!("+{line}"));
    words.push(path.to_string_lossy().into_owned());
    Ok(words)
}

fn absolute(path: &Path) -> Result<PathBuf, String> {
    std::path::absolute(path)
        .map_err(|e| format!("cannot make {} an absolute path: {e}", path.display()))
}

/// Runs the editor on `path` at `line` and waits for it. Signals that end
/// kartei meanwhile are forwarded to it (see [`super::signals`]).
///
/// # Errors
/// The editor cannot be started or exits with a failure.
pub fn edit(editor: &str, path: &Path, line: u32) -> Result<(), String> {
    let words = command_line(editor, path, line)?;
    let program = &words[0];
    // The path is passed as an OS string, not through the lossy text above.
    let mut cmd = Command::new(program);
    cmd.args(&words[1..words.len() - 1]).arg(absolute(path)?);
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("could not start editor {program:?}: {e}; set $VISUAL or $EDITOR"))?;
    super::signals::set_editor(Some(child.id()));
    let status = child.wait();
    super::signals::set_editor(None);
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("editor {program:?} exited with {s}")),
        Err(e) => Err(format!("could not wait for editor {program:?}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_like_a_shell_and_the_path_is_absolute() {
        let words = command_line(
            r#""/opt/My Editor/bin/edit" --wait"#,
            Path::new("+!touch PWNED.toml"),
            6,
        )
        .unwrap();
        assert_eq!(words[..3], ["/opt/My Editor/bin/edit", "--wait", "+6"]);
        assert!(Path::new(&words[3]).is_absolute(), "{words:?}");
        assert!(words[3].ends_with("/+!touch PWNED.toml"), "{words:?}");
        assert_eq!(command_line("", Path::new("/d.toml"), 1).unwrap()[0], "vi");
        assert!(command_line("\"unclosed", Path::new("/d.toml"), 1).is_err());
    }
}
