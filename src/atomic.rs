//! Atomic file replacement: write a temporary file in the same directory,
//! fsync it, rename it over the target, fsync the directory. A crash at any
//! point leaves either the old or the new file, never a half-written one.
//!
//! A symlink is written through: the temporary file goes into the directory
//! of the file the link points to and replaces that file, so the link (and
//! e.g. a sync folder behind it) stays. The target's permissions are kept.
//! Temporary files are named `.<name>.tmp-<pid>`; ones left behind by a
//! process that was killed are removed by [`remove_stale_temps`].

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `path` with `bytes` atomically. On error the target is untouched
/// and the temporary file is removed.
///
/// # Errors
/// Any I/O error from creating, writing, syncing or renaming the file.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |f| f.write_all(bytes))
}

/// The file `path` finally names: symlinks followed (also a dangling one,
/// whose target is then created).
///
/// # Errors
/// A symlink that cannot be read, or a loop of more than 40 links.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p)?;
                p = if target.is_absolute() {
                    target
                } else {
                    parent_dir(&p).join(target)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The temporary file name prefix for `target` (`.<name>.tmp-`).
fn temp_prefix(target: &Path) -> io::Result<std::ffi::OsString> {
    let file_name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(file_name);
    prefix.push(".tmp-");
    Ok(prefix)
}

/// Like [`write`], but lets the caller stream the content into the file.
///
/// # Errors
/// Any I/O error from `fill` or from creating, syncing or renaming the file.
pub fn write_with(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let target = resolve(path)?;
    let dir = parent_dir(&target);
    let mut tmp_name = temp_prefix(&target)?;
    tmp_name.push(std::process::id().to_string());
    let tmp = dir.join(tmp_name);
    // The permissions of the file being replaced (a new file gets the
    // default ones).
    let permissions = fs::metadata(&target).ok().map(|m| m.permissions());

    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if let Some(p) = permissions {
            f.set_permissions(p)?;
        }
        fill(&mut f)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, &target)?;
        // Make the rename itself durable. Directories cannot be opened for
        // syncing everywhere; a failure here does not undo the rename.
        if let Ok(d) = File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes the temporary files that writes of `path` left behind when their
/// process was killed (`.<name>.tmp-<pid>` of a process that no longer
/// exists). Returns how many were removed; errors are ignored (it is
/// housekeeping).
pub fn remove_stale_temps(path: &Path) -> usize {
    let Ok(target) = resolve(path) else {
        return 0;
    };
    let Ok(prefix) = temp_prefix(&target) else {
        return 0;
    };
    let prefix = prefix.to_string_lossy().into_owned();
    let Ok(entries) = fs::read_dir(parent_dir(&target)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file
            && pid != std::process::id()
            && !process_exists(pid)
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// True when a process with this id runs (or when that cannot be told).
#[cfg(unix)]
fn process_exists(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // Signal 0 checks for existence without sending anything.
    // SAFETY: kill with signal 0 has no side effects.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_exists(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        fs::write(&p, "old").unwrap();
        write(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failing_writer_keeps_old_file_and_removes_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        fs::write(&p, "old").unwrap();
        let err = write_with(&p, |f| {
            f.write_all(b"partial")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_symlinks_and_keeps_the_mode() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let real_dir = dir.path().join("sync");
        fs::create_dir(&real_dir).unwrap();
        let real = real_dir.join("a.toml");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("a.toml");
        std::os::unix::fs::symlink("sync/a.toml", &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(fs::read_dir(&real_dir).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn stale_temp_files_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("j.jsonl");
        fs::write(&p, "x").unwrap();
        // No process has the largest pid Linux can hand out.
        let stale = dir.path().join(".j.jsonl.tmp-4194304");
        let live = dir
            .path()
            .join(format!(".j.jsonl.tmp-{}", std::process::id()));
        let other = dir.path().join(".k.jsonl.tmp-4194304");
        for f in [&stale, &live, &other] {
            fs::write(f, "partial").unwrap();
        }
        assert_eq!(remove_stale_temps(&p), 1);
        assert!(!stale.exists() && live.exists() && other.exists());
    }

    #[test]
    fn missing_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("nope").join("a.toml");
        assert!(write(&p, b"x").is_err());
        assert!(!p.exists());
    }
}
