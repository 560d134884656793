//! Embeds every `decks/*.toml` into the binary: writes `bundled_decks.rs`
//! into OUT_DIR with a `(file name, include_str!(...))` list, sorted by
//! name. A missing or empty `decks/` folder gives an empty list.

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
}
