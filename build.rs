//! Embeds every `decks/*.toml` into the binary: writes `bundled_decks.rs`
//! into OUT_DIR with a `(file name, include_str!(...))` list, sorted by
//! name. A missing or empty `decks/` folder gives an empty list.
//!
//! Also writes `fingerprint.rs`: a hash of the sources and `Cargo.lock`,
//! which the on-disk caches (`src/cache.rs`) are keyed by.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=decks");
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let dir = manifest.join("decks");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    let mut out =
        String::from("/// Decks embedded from `decks/` at build time: (file name, content).\n");
    out.push_str("pub static BUNDLED: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = f.to_string_lossy();
        writeln!(out, "    ({name:?}, include_str!({path:?})),")
            .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out_dir.join("bundled_decks.rs"), out)
        .expect("cannot write bundled_decks.rs into OUT_DIR");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let fingerprint = source_fingerprint(&manifest);
    std::fs::write(
        out_dir.join("fingerprint.rs"),
        format!(
            "/// FNV-1a of the sources this build was made from.\npub const SOURCE_FINGERPRINT: u64 = {fingerprint:#x};\n"
        ),
    )
    .expect("cannot write fingerprint.rs into OUT_DIR");
}

/// A fingerprint of the sources (FNV-1a over every `src/**/*.rs`, path and
/// content, sorted, and `Cargo.lock`, for the parser's and scheduler's
/// versions): the on-disk caches are only used by the build that wrote
/// them, so a changed loader or scheduler never reads stale results.
fn source_fingerprint(manifest: &std::path::Path) -> u64 {
    fn walk(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.filter_map(Result::ok) {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
    }
    let mut files = Vec::new();
    walk(&manifest.join("src"), &mut files);
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in &files {
        eat(f
            .strip_prefix(manifest)
            .unwrap_or(f)
            .to_string_lossy()
            .as_bytes());
        eat(&std::fs::read(f).unwrap_or_default());
    }
    eat(&std::fs::read(manifest.join("Cargo.lock")).unwrap_or_default());
    h
}
