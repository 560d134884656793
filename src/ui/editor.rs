//! Starting `$VISUAL`/`$EDITOR` on a deck file at a line.
//!
//! The variable is split into words the way a shell would
//! (`"/opt/My Editor/bin/edit" --wait`), but no shell runs. The file is
//! passed as an absolute path after `+LINE`, so no file name (`-c.toml`,
//! `+!touch x.toml`) can be read as an option or an editor command.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use thiserror::Error;

/// Why the editor could not be used.
#[derive(Debug, Error)]
pub enum EditorError {
    #[error("cannot read $VISUAL/$EDITOR {editor:?}: {why}")]
    Variable { editor: String, why: String },
    #[error("cannot make {} an absolute path: {source}", path.display())]
    Path {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not start editor {program:?}: {source}; set $VISUAL or $EDITOR")]
    Start {
        program: String,
        #[source]
        source: std::io::Error,
    },
    #[error("editor {program:?} exited with {status}")]
    Failed { program: String, status: ExitStatus },
    #[error("could not wait for editor {program:?}: {source}")]
    Wait {
        program: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not restore the terminal: {0}")]
    Restore(#[source] std::io::Error),
}

/// The program and arguments for editing `path` at `line` with `editor`
/// (the value of `$VISUAL`/`$EDITOR`; empty means `vi`).
///
/// # Errors
/// Unbalanced quotes in `editor`, or no absolute path for `path`.
pub fn command_line(editor: &str, path: &Path, line: u32) -> Result<Vec<String>, EditorError> {
    let mut words = shell_words::split(editor).map_err(|e| EditorError::Variable {
        editor: editor.to_owned(),
        why: e.to_string(),
    })?;
    if words.is_empty() {
        words.push("vi".to_owned());
    }
    let path = absolute(path)?;
    words.push(format!("+{line}"));
    words.push(path.to_string_lossy().into_owned());
    Ok(words)
}

fn absolute(path: &Path) -> Result<PathBuf, EditorError> {
    std::path::absolute(path).map_err(|source| EditorError::Path {
        path: path.to_path_buf(),
        source,
    })
}

/// Runs the editor on `path` at `line` and waits for it. Signals that end
/// kartei meanwhile are forwarded to it (see [`super::signals`]).
///
/// # Errors
/// The editor cannot be started or exits with a failure.
pub fn edit(editor: &str, path: &Path, line: u32) -> Result<(), EditorError> {
    let words = command_line(editor, path, line)?;
    let program = &words[0];
    // The path is passed as an OS string, not through the lossy text above.
    let mut cmd = Command::new(program);
    cmd.args(&words[1..words.len() - 1]).arg(absolute(path)?);
    let mut child = cmd.spawn().map_err(|source| EditorError::Start {
        program: program.clone(),
        source,
    })?;
    super::signals::set_editor(Some(child.id()));
    let status = child.wait();
    super::signals::set_editor(None);
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(status) => Err(EditorError::Failed {
            program: program.clone(),
            status,
        }),
        Err(source) => Err(EditorError::Wait {
            program: program.clone(),
            source,
        }),
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
