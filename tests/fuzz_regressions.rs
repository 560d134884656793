//! Replays the kept fuzz corpus (`tests/fuzz_corpus/<target>/`: a minimised
//! set of interesting inputs found by `cargo fuzz`, plus every crash it ever
//! found) through the same checks the fuzz targets run, so a plain
//! `cargo test` guards against regressions. See docs/fuzzing.md.

mod fuzz_checks;

use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "{}: the corpus is missing ({} files)",
        dir.display(),
        files.len()
    );
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn replay(target: &str, check: fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        if let Err(e) = std::panic::catch_unwind(|| check(&bytes)) {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            panic!("{}: {why}", path.display());
        }
    }
}

#[test]
fn deck_load_corpus() {
    replay("deck_load", fuzz_checks::deck);
}

#[test]
fn journal_parse_corpus() {
    replay("journal_parse", fuzz_checks::journal);
}

#[test]
fn matcher_corpus() {
    replay("matcher", fuzz_checks::matcher);
}

#[test]
fn import_corpus() {
    replay("import", fuzz_checks::import);
}
