//! Disposable on-disk caches: compiled decks and the journal checkpoint.
//!
//! Each entry is one file `<kind>-<hash of its key>.bin` in the cache
//! directory, written atomically ([`crate::atomic`]), so a reader sees the
//! old entry, the new one or none, never half of one. An entry is
//!
//! ```text
//! magic "KARTEI-CACHE\0" | build fingerprint (u64 LE) | payload length (u64 LE)
//! | value length (u64 LE) | xxh3-128 of the payload (16 bytes LE)
//! | payload (the value in postcard, then raw tail bytes)
//! ```
//!
//! and is used only when every part checks out: written by this very build
//! (the fingerprint covers the sources, so a changed loader or scheduler
//! never reads an old result), complete, and with the payload's checksum.
//! Anything else (a missing, truncated, corrupt or foreign file) reads as
//! "no entry" and is rebuilt, so deleting or damaging the cache changes
//! nothing but speed. Write errors are ignored for the same reason.
//!
//! A cache made with [`Cache::writing_in_background`] lets slow entry
//! writes (a large compiled deck) run on a writer thread of its own
//! ([`Cache::later`]), so a start shows its first screen without waiting
//! for them; they are waited for when the last clone of that cache is
//! dropped, and before [`Cache::wait`] returns.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use serde::Serialize;
use serde::de::DeserializeOwned;

mod fingerprint {
    include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));
}

const MAGIC: &[u8; 13] = b"KARTEI-CACHE\0";
const HEADER: usize = MAGIC.len() + 8 + 8 + 8 + 16;

/// A fingerprint of the build: entries written by another build are ignored.
#[must_use]
pub fn build_fingerprint() -> u64 {
    fingerprint::SOURCE_FINGERPRINT
}

/// The 128-bit content hash used for cache keys (xxh3).
#[must_use]
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// FNV-1a, for the private hash tables of the start-up path (the deck
/// index, the notes held back today), whose keys are short card ids from
/// the user's own decks: several times faster than the standard SipHash on
/// such keys, and flooding protection is no concern there.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Hash tables keyed with [`Fnv`].
pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

/// A cache directory (created on the first write).
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    /// Set for a cache that writes in the background.
    background: Option<Arc<Background>>,
}

/// A job for the writer thread.
type Job = Box<dyn FnOnce(&Cache) + Send>;

/// The one thread writing entries, one job after the other, started with
/// the first job; waited for when dropped.
#[derive(Default)]
struct Background(Mutex<Option<Writer>>);

struct Writer {
    jobs: std::sync::mpsc::Sender<(Job, Cache)>,
    thread: JoinHandle<()>,
}

impl Background {
    fn wait(&self) {
        let writer = self.0.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(Writer { jobs, thread }) = writer {
            // No more jobs: the thread ends after the queued ones.
            drop(jobs);
            // A job that panicked wrote no entry; the cache only saves time.
            let _ = thread.join();
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.wait();
    }
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Background")
    }
}

impl PartialEq for Cache {
    fn eq(&self, other: &Self) -> bool {
        self.dir == other.dir && self.background.is_some() == other.background.is_some()
    }
}

impl Eq for Cache {}

impl Cache {
    /// A cache whose entries are written before [`Cache::later`] returns.
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            background: None,
        }
    }

    /// A cache whose [`Cache::later`] jobs run on threads of their own.
    #[must_use]
    pub fn writing_in_background(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            background: Some(Arc::default()),
        }
    }

    /// Runs `job` with a cache of the same directory that writes at once:
    /// on the writer thread when this cache writes in the background (one
    /// thread, started with the first job, runs the jobs in order), else
    /// now. If no thread can be started, the job runs now.
    pub fn later(&self, job: impl FnOnce(&Cache) + Send + 'static) {
        let now = Cache::new(self.dir.clone());
        let Some(background) = &self.background else {
            job(&now);
            return;
        };
        let mut writer = background.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut job: (Job, Cache) = (Box::new(job), now);
        if let Some(w) = writer.as_ref() {
            match w.jobs.send(job) {
                Ok(()) => return,
                // The thread ended (a job panicked): start another.
                Err(std::sync::mpsc::SendError(back)) => job = back,
            }
        }
        if let Some(old) = writer.take() {
            let _ = old.thread.join();
        }
        let (jobs, queue) = std::sync::mpsc::channel::<(Job, Cache)>();
        let spawned = std::thread::Builder::new()
            .name("kartei-cache".into())
            .spawn(move || {
                for (job, cache) in queue {
                    job(&cache);
                }
            });
        match spawned {
            Ok(thread) => {
                // The queue is open: the send cannot fail.
                let _ = jobs.send(job);
                *writer = Some(Writer { jobs, thread });
            }
            Err(_) => {
                let (job, cache) = job;
                job(&cache);
            }
        }
    }

    /// Waits for the entries being written in the background.
    pub fn wait(&self) {
        if let Some(background) = &self.background {
            background.wait();
        }
    }

    /// The directory the entries live in.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of the entry `kind` + `key` (`key` is hashed into the name).
    #[must_use]
    pub fn entry_path(&self, kind: &str, key: &[u8]) -> PathBuf {
        self.dir.join(format!("{kind}-{:032x}.bin", hash(key)))
    }

    /// Reads and decodes an entry; `None` for anything but a complete, intact
    /// entry of this build that decodes as `T`.
    #[must_use]
    pub fn read<T: DeserializeOwned>(&self, kind: &str, key: &[u8]) -> Option<T> {
        let bytes = std::fs::read(self.entry_path(kind, key)).ok()?;
        decode(&bytes)
    }

    /// Reads an entry written by [`Cache::write_with_tail`]: the decoded
    /// value, the whole entry (kept, not copied) and where the tail starts
    /// in it. `None` as for [`Cache::read`].
    #[must_use]
    pub fn read_with_tail<T: DeserializeOwned>(
        &self,
        kind: &str,
        key: &[u8],
    ) -> Option<(T, Arc<Vec<u8>>, usize)> {
        with_tail(std::fs::read(self.entry_path(kind, key)).ok()?)
    }

    /// Like [`Cache::read_with_tail`], but an entry of `in_memory_below`
    /// bytes or more keeps its tail in the file: the value is read, the
    /// tail only streamed through the checksum, and the file kept open
    /// ([`Tail::File`]), so a large tail costs no memory until used.
    #[must_use]
    pub fn read_with_lazy_tail<T: DeserializeOwned>(
        &self,
        kind: &str,
        key: &[u8],
        in_memory_below: u64,
    ) -> Option<(T, Tail)> {
        use std::io::Read as _;
        let mut file = std::fs::File::open(self.entry_path(kind, key)).ok()?;
        let size = file.metadata().ok()?.len();
        if size < in_memory_below {
            let mut bytes = Vec::with_capacity(usize::try_from(size).ok()?);
            file.read_to_end(&mut bytes).ok()?;
            let (value, bytes, start) = with_tail(bytes)?;
            return Some((value, Tail::Memory(bytes, start)));
        }
        let mut head = [0; HEADER];
        file.read_exact(&mut head).ok()?;
        let h = header(&head, size.checked_sub(HEADER as u64)?)?;
        let mut value = vec![0; usize::try_from(h.value_len).ok()?];
        file.read_exact(&mut value).ok()?;
        let mut sum = xxhash_rust::xxh3::Xxh3::new();
        sum.update(&value);
        let len = h.payload_len - h.value_len;
        let mut left = len;
        let mut buf = vec![0; 1 << 20];
        while left > 0 {
            let n = file.read(&mut buf).ok()?;
            if n == 0 {
                return None;
            }
            sum.update(&buf[..n]);
            left = left.checked_sub(n as u64)?;
        }
        if sum.digest128() != h.sum {
            return None;
        }
        let value = postcard::from_bytes(&value).ok()?;
        let start = HEADER as u64 + h.value_len;
        Some((
            value,
            Tail::File {
                file: Mutex::new(file),
                start,
                len,
            },
        ))
    }

    /// Encodes and writes an entry atomically. Failures (read-only disk, no
    /// space, a value that cannot be encoded) are ignored: the cache only
    /// ever saves time.
    pub fn write<T: Serialize + ?Sized>(&self, kind: &str, key: &[u8], value: &T) {
        self.write_with_tail(kind, key, value, &[]);
    }

    /// [`Cache::write`] with raw bytes after the encoded value, covered by
    /// the same checksum (read back with [`Cache::read_with_tail`]).
    pub fn write_with_tail<T: Serialize + ?Sized>(
        &self,
        kind: &str,
        key: &[u8],
        value: &T,
        tail: &[u8],
    ) {
        let Some(bytes) = encode(value, tail) else {
            return;
        };
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let path = self.entry_path(kind, key);
        // What a write killed with its process left behind.
        crate::atomic::remove_stale_temps(&path);
        let _ = crate::atomic::write(&path, &bytes);
    }
}

fn encode<T: Serialize + ?Sized>(value: &T, tail: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(4096 + tail.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&build_fingerprint().to_le_bytes());
    out.extend_from_slice(&[0; 8 + 8 + 16]);
    let mut out = postcard::to_extend(value, out).ok()?;
    let value_len = (out.len() - HEADER) as u64;
    out.extend_from_slice(tail);
    let payload_len = (out.len() - HEADER) as u64;
    let sum = hash(&out[HEADER..]);
    out[MAGIC.len() + 8..MAGIC.len() + 16].copy_from_slice(&payload_len.to_le_bytes());
    out[MAGIC.len() + 16..MAGIC.len() + 24].copy_from_slice(&value_len.to_le_bytes());
    out[MAGIC.len() + 24..HEADER].copy_from_slice(&sum.to_le_bytes());
    Some(out)
}

/// What an entry's header says.
struct Header {
    payload_len: u64,
    value_len: u64,
    sum: u128,
}

/// The header of an entry of this build whose payload is `payload_len`
/// bytes long; `None` for anything else.
fn header(bytes: &[u8], payload_len: u64) -> Option<Header> {
    let header = bytes.get(..HEADER)?;
    let (magic, rest) = header.split_at(MAGIC.len());
    let (fingerprint, rest) = rest.split_at(8);
    let (len, rest) = rest.split_at(8);
    let (value_len, sum) = rest.split_at(8);
    let header = Header {
        payload_len: u64::from_le_bytes(len.try_into().ok()?),
        value_len: u64::from_le_bytes(value_len.try_into().ok()?),
        sum: u128::from_le_bytes(sum.try_into().ok()?),
    };
    (magic == MAGIC
        && u64::from_le_bytes(fingerprint.try_into().ok()?) == build_fingerprint()
        && header.payload_len == payload_len
        && header.value_len <= payload_len)
        .then_some(header)
}

/// The payload of an intact entry of this build.
fn payload(bytes: &[u8]) -> Option<&[u8]> {
    let payload = bytes.get(HEADER..)?;
    let h = header(bytes, payload.len() as u64)?;
    (h.sum == hash(payload)).then_some(payload)
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    postcard::from_bytes(payload(bytes)?).ok()
}

fn decode_with_tail<T: DeserializeOwned>(bytes: &[u8]) -> Option<(T, &[u8])> {
    let payload = payload(bytes)?;
    let (value, tail) = postcard::take_from_bytes(payload).ok()?;
    // The value ends where the header says.
    (payload.len() - tail.len() == header(bytes, payload.len() as u64)?.value_len as usize)
        .then_some((value, tail))
}

/// The value of a whole entry read into memory, the entry (kept, not
/// copied) and where its tail starts in it.
fn with_tail<T: DeserializeOwned>(bytes: Vec<u8>) -> Option<(T, Arc<Vec<u8>>, usize)> {
    let (value, tail) = decode_with_tail(&bytes)?;
    let start = bytes.len() - tail.len();
    Some((value, Arc::new(bytes), start))
}

/// An entry's tail as [`Cache::read_with_lazy_tail`] gives it.
pub enum Tail {
    /// Read: the whole entry, and where the tail starts in it.
    Memory(Arc<Vec<u8>>, usize),
    /// Left in the entry's file, kept open (a newer entry written meanwhile
    /// replaces the file's name, not the open file): `len` bytes from
    /// `start`. Its checksum was verified when it was opened.
    File {
        file: Mutex<std::fs::File>,
        start: u64,
        len: u64,
    },
}

impl Tail {
    /// The tail's length.
    #[must_use]
    pub fn len(&self) -> u64 {
        match self {
            Self::Memory(bytes, start) => (bytes.len() - start) as u64,
            Self::File { len, .. } => *len,
        }
    }

    /// Whether the tail is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes `range` of the tail; `None` when they cannot be read (the file
    /// was cut or damaged behind kartei's back, or outside the tail).
    #[must_use]
    pub fn get(&self, range: std::ops::Range<u64>) -> Option<std::borrow::Cow<'_, [u8]>> {
        if range.start > range.end || range.end > self.len() {
            return None;
        }
        match self {
            Self::Memory(bytes, start) => {
                let from = start + usize::try_from(range.start).ok()?;
                let to = start + usize::try_from(range.end).ok()?;
                bytes.get(from..to).map(std::borrow::Cow::Borrowed)
            }
            Self::File { file, start, .. } => {
                use std::io::{Read as _, Seek as _};
                let mut buf = vec![0; usize::try_from(range.end - range.start).ok()?];
                let mut file = file.lock().unwrap_or_else(PoisonError::into_inner);
                file.seek(std::io::SeekFrom::Start(start + range.start))
                    .ok()?;
                file.read_exact(&mut buf).ok()?;
                Some(std::borrow::Cow::Owned(buf))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lazy_tail_reads_like_the_whole_entry_and_its_damage_reads_as_missing() {
        type V = (String, u32);
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let tail: Vec<u8> = (0..5_000u32).flat_map(u32::to_le_bytes).collect();
        cache.write_with_tail("deck", b"k", &("Wert".to_owned(), 7u32), &tail);
        let (value, ..) = cache.read_with_tail::<V>("deck", b"k").unwrap();
        for below in [0, u64::MAX] {
            let (v, t) = cache.read_with_lazy_tail::<V>("deck", b"k", below).unwrap();
            assert_eq!(v, value);
            assert_eq!(matches!(t, Tail::File { .. }), below == 0);
            assert_eq!(t.len(), tail.len() as u64);
            assert_eq!(t.get(0..t.len()).unwrap().as_ref(), &tail[..]);
            assert_eq!(t.get(4..12).unwrap().as_ref(), &tail[4..12]);
            assert!(t.get(0..t.len() + 1).is_none());
        }
        let path = cache.entry_path("deck", b"k");
        let good = std::fs::read(&path).unwrap();
        let mut damaged: Vec<Vec<u8>> = [0, 20, HEADER - 1, HEADER + 2, good.len() - 1]
            .into_iter()
            .map(|at| {
                let mut bad = good.clone();
                bad[at] ^= 1;
                bad
            })
            .collect();
        damaged.push(good[..good.len() - 1].to_vec());
        let mut longer = good.clone();
        longer.push(0);
        damaged.push(longer);
        for bad in damaged {
            std::fs::write(&path, &bad).unwrap();
            for below in [0, u64::MAX] {
                assert!(
                    cache
                        .read_with_lazy_tail::<V>("deck", b"k", below)
                        .is_none()
                );
            }
        }
        // Changed in place after it was read: the bytes read then are
        // those of the file as it is now, or none; never a panic.
        std::fs::write(&path, &good).unwrap();
        let (_, t) = cache.read_with_lazy_tail::<V>("deck", b"k", 0).unwrap();
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(HEADER as u64)
            .unwrap();
        assert!(t.get(0..8).is_none());
    }

    #[test]
    fn a_write_removes_what_a_killed_write_left() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let entry = cache.entry_path("deck", b"x");
        let name = entry.file_name().unwrap().to_str().unwrap();
        // No process has the largest pid Linux can hand out.
        let stale = dir.path().join(format!(".{name}.tmp-4194304"));
        std::fs::write(&stale, "half an entry").unwrap();
        cache.write("deck", b"x", &7u8);
        assert!(!stale.exists());
        assert_eq!(cache.read::<u8>("deck", b"x"), Some(7));
    }

    #[test]
    fn later_jobs_are_done_when_waited_for_or_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let now = Cache::new(dir.path());
        now.later(|c| c.write("k", b"a", &1u32));
        assert_eq!(now.read::<u32>("k", b"a"), Some(1));

        let background = Cache::writing_in_background(dir.path());
        let (started, finish) = std::sync::mpsc::channel::<()>();
        let (tx, release) = std::sync::mpsc::channel::<()>();
        background.later(move |c| {
            started.send(()).unwrap();
            release.recv().unwrap();
            c.write("k", b"b", &2u32);
        });
        finish.recv().unwrap();
        // Running on its own thread: nothing written yet.
        assert_eq!(now.read::<u32>("k", b"b"), None);
        tx.send(()).unwrap();
        background.wait();
        assert_eq!(now.read::<u32>("k", b"b"), Some(2));

        let clone = background.clone();
        clone.later(|c| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            c.write("k", b"c", &3u32);
        });
        drop(clone);
        drop(background);
        assert_eq!(now.read::<u32>("k", b"c"), Some(3));
    }

    #[test]
    fn round_trip_and_every_damage_reads_as_missing() {
        let value = (String::from("deck"), vec![1u32, 2, 3], Some(7i64));
        let bytes = encode(&value, &[]).unwrap();
        assert_eq!(
            decode::<(String, Vec<u32>, Option<i64>)>(&bytes),
            Some(value)
        );
        for cut in 0..bytes.len() {
            assert_eq!(
                decode::<(String, Vec<u32>, Option<i64>)>(&bytes[..cut]),
                None
            );
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x40;
            assert_eq!(
                decode::<(String, Vec<u32>, Option<i64>)>(&bad),
                None,
                "byte {i}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode::<(String, Vec<u32>, Option<i64>)>(&longer), None);
    }

    #[test]
    fn tail_round_trips_and_its_damage_reads_as_missing() {
        let value = (String::from("deck"), 3u32);
        let tail = b"card records";
        let bytes = encode(&value, tail).unwrap();
        let (back, rest) = decode_with_tail::<(String, u32)>(&bytes).unwrap();
        assert_eq!((back, rest), (value, &tail[..]));
        for cut in 0..bytes.len() {
            assert!(decode_with_tail::<(String, u32)>(&bytes[..cut]).is_none());
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x01;
            assert!(
                decode_with_tail::<(String, u32)>(&bad).is_none(),
                "byte {i}"
            );
        }
    }
}
