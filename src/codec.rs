//! A small binary encoding for cache records written by hand instead of
//! through serde (the checkpoint's card records): LEB128 varints, zigzag
//! for signed numbers, length-prefixed strings. Decoding never panics and
//! never trusts a length: anything that does not fit reads as `None`,
//! which the caches treat as "no entry".

/// Appends `v` as a LEB128 varint.
pub fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends `v` zigzag-encoded as a varint.
pub fn put_signed(out: &mut Vec<u8>, v: i64) {
    put(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// Appends `s` as its length and its bytes.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Reads what the `put` functions wrote.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    /// The bytes not read yet.
    #[must_use]
    pub fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    pub fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    pub fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    pub fn signed(&mut self) -> Option<i64> {
        let v = self.varint()?;
        Some(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// A varint that must fit a `u32`.
    pub fn small(&mut self) -> Option<u32> {
        u32::try_from(self.varint()?).ok()
    }

    /// A count of items that each take at least one byte: never more than
    /// the bytes left, so a damaged count cannot reserve gigabytes.
    pub fn count(&mut self) -> Option<usize> {
        let n = usize::try_from(self.varint()?).ok()?;
        (n <= self.left()).then_some(n)
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    /// A string written by [`put_str`].
    pub fn str(&mut self) -> Option<&'a str> {
        let n = self.count()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    /// The next `N` bytes, for a fixed-width number.
    pub fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    pub fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.array()?))
    }

    /// True when every byte was read.
    #[must_use]
    pub fn done(&self) -> bool {
        self.at == self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_short_input() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            put(&mut out, v);
        }
        for v in [0, -1, 1, i64::MIN, i64::MAX] {
            put_signed(&mut out, v);
        }
        put_str(&mut out, "Pr\u{fc}fung");
        out.extend_from_slice(&1.5f32.to_le_bytes());
        let mut r = Reader::new(&out);
        for v in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(r.varint(), Some(v));
        }
        for v in [0, -1, 1, i64::MIN, i64::MAX] {
            assert_eq!(r.signed(), Some(v));
        }
        assert_eq!(r.str(), Some("Pr\u{fc}fung"));
        assert_eq!(r.f32(), Some(1.5));
        assert!(r.done());
        assert_eq!(r.byte(), None);
        // Cut anywhere: every read fails cleanly.
        for cut in 0..out.len() {
            let mut r = Reader::new(&out[..cut]);
            let whole = (0..7).all(|_| r.varint().is_some())
                && (0..5).all(|_| r.signed().is_some())
                && r.str().is_some()
                && r.f32().is_some();
            assert!(!whole, "cut at {cut}");
        }
        // A varint longer than ten bytes, a length beyond the input.
        assert_eq!(Reader::new(&[0xff; 11]).varint(), None);
        assert_eq!(Reader::new(&[5, b'a']).str(), None);
        assert_eq!(Reader::new(&[2, 0xff, 0xfe]).str(), None);
    }
}
