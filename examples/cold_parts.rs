use std::time::Instant;
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    for _ in 0..5 {
        let t = Instant::now();
        let bytes = std::fs::read(&path).unwrap();
        let p =
            kartei::deck::load_bytes(&bytes, kartei::deck::DeckOrigin::File(path.clone())).unwrap();
        let a = t.elapsed();
        drop(p);
        let b = t.elapsed();
        let _ = std::fs::remove_dir_all("/tmp/ccx");
        let cache = kartei::cache::Cache::new("/tmp/ccx");
        let t = Instant::now();
        let p = kartei::deck::load_file_cached(&path, &cache).unwrap();
        let c = t.elapsed();
        drop(p);
        let t = Instant::now();
        let text = std::fs::read_to_string(&path).unwrap();
        let v: toml::Table = toml::from_str(&text).unwrap();
        let d = t.elapsed();
        drop(v);
        println!("load {a:?} +drop {b:?} cached-cold {c:?} bare(Table) {d:?}");
    }
}
