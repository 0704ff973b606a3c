//! 64-bit fingerprints of words and an open-addressing set of them, shared by the
//! lexicon, the document vocabulary and the split-word pass.
//!
//! A set of fingerprints answers "is this word in the set" without keeping or comparing
//! the words: two different words share a fingerprint with probability 2⁻⁶⁴ per pair, so
//! over the 536k lexicon forms and any realistic number of distinct words looked up the
//! chance of a single wrong answer stays below 10⁻⁷.

#[inline]
fn mum(a: u64, b: u64) -> u64 {
    let r = u128::from(a) * u128::from(b);
    (r as u64) ^ ((r >> 64) as u64)
}

#[inline]
fn r4(w: &[u8], i: usize) -> u64 {
    u64::from(u32::from_le_bytes([w[i], w[i + 1], w[i + 2], w[i + 3]]))
}

#[inline]
fn r8(w: &[u8], i: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&w[i..i + 8]);
    u64::from_le_bytes(b)
}

/// A 64-bit hash of a word (wyhash-style multiply-fold over 8-byte reads, the last one
/// overlapping, so that every byte is read with fixed-size loads), never 0.
#[inline]
pub(crate) fn fingerprint(w: &[u8]) -> u64 {
    // K1 holds 0xFF bytes, never in UTF-8 text: `read ^ K1` is never 0.
    const K0: u64 = 0xA076_1D64_78BD_642F;
    const K1: u64 = 0xFFE7_037E_D1A0_B42B;
    const K2: u64 = 0x8EBC_6AF0_9C88_C6E3;
    let n = w.len();
    let mut h = K0 ^ n as u64;
    if n <= 8 {
        // with the length known, these reads cover every byte
        let v = if n >= 4 {
            (r4(w, 0) << 32) | r4(w, n - 4)
        } else if n > 0 {
            (u64::from(w[0]) << 16) | (u64::from(w[n / 2]) << 8) | u64::from(w[n - 1])
        } else {
            0
        };
        h = mum(v ^ K1, h ^ K2);
    } else {
        let mut i = 0;
        while i + 8 < n {
            h = mum(r8(w, i) ^ K1, h ^ K2);
            i += 8;
        }
        h = mum(r8(w, n - 8) ^ K1, h ^ K2);
    }
    mum(h ^ K2, K0 ^ n as u64).max(1)
}

/// The empty slot (no fingerprint is 0).
const EMPTY: u64 = 0;

/// An open-addressing set of fingerprints, linear probing, at most ~70% full, built once
/// from a list. The slot of a fingerprint grows with it, so a large list (the lexicon) is
/// sorted and then laid down in one sequential sweep instead of one cache miss per insert.
pub(crate) struct FpSet {
    slots: Box<[u64]>,
    len: usize,
}

impl FpSet {
    /// The set of the given fingerprints (duplicates allowed).
    pub(crate) fn from_fingerprints(mut fps: Vec<u64>) -> FpSet {
        let small = fps.len() < 1 << 16;
        if !small {
            fps.sort_unstable();
            fps.dedup();
        }
        let n = (fps.len() * 10 / 7).max(16);
        let mut set = FpSet {
            slots: vec![EMPTY; n].into_boxed_slice(),
            len: 0,
        };
        if small {
            // the table fits in the cache: plain inserts
            for &fp in &fps {
                set.insert(fp);
            }
            return set;
        }
        let mut next = 0; // the slot after the last one filled in order
        for &fp in &fps {
            let i = set.home(fp).max(next);
            if i < n {
                set.slots[i] = fp;
                next = i + 1;
            } else {
                // past the end: wraps to the first free slot from the start
                let i = set.slots.iter().position(|&s| s == EMPTY).unwrap_or(0);
                set.slots[i] = fp;
            }
            set.len += 1;
        }
        set
    }

    fn insert(&mut self, fp: u64) {
        let mut i = self.home(fp);
        loop {
            match self.slots[i] {
                EMPTY => break,
                s if s == fp => return,
                _ => i = if i + 1 == self.slots.len() { 0 } else { i + 1 },
            }
        }
        self.slots[i] = fp;
        self.len += 1;
    }

    #[inline]
    fn home(&self, fp: u64) -> usize {
        ((u128::from(fp) * self.slots.len() as u128) >> 64) as usize
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Whether the word with this fingerprint is in the set.
    #[inline]
    pub(crate) fn contains_fp(&self, fp: u64) -> bool {
        let mut i = self.home(fp);
        loop {
            match self.slots[i] {
                EMPTY => return false,
                s if s == fp => return true,
                _ => i = if i + 1 == self.slots.len() { 0 } else { i + 1 },
            }
        }
    }

    /// Whether the word is in the set (never the empty word).
    #[inline]
    pub(crate) fn contains(&self, w: &[u8]) -> bool {
        !w.is_empty() && self.len > 0 && self.contains_fp(fingerprint(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_of_fingerprints() {
        let words = ["de", "la", "région", "", "solidaire", "la"];
        let set =
            FpSet::from_fingerprints(words.iter().map(|w| fingerprint(w.as_bytes())).collect());
        assert_eq!(set.len(), 5);
        for w in ["de", "la", "région", "solidaire"] {
            assert!(set.contains(w.as_bytes()), "{w}");
        }
        for w in ["", "d", "régions", "solidaire\n"] {
            assert!(!set.contains(w.as_bytes()), "{w}");
        }
        assert_ne!(fingerprint(b"ab"), fingerprint(b"ab\0"));
        // wrap-around: a full run of large fingerprints at the end of the table
        for n in [40, 1 << 16] {
            let fps: Vec<u64> = (0..n).map(|i| u64::MAX - i).chain([7, 7]).collect();
            let set = FpSet::from_fingerprints(fps.clone());
            assert_eq!(set.len(), n as usize + 1);
            assert!(fps.iter().all(|&f| set.contains_fp(f)));
            assert!(!set.contains_fp(12345));
        }
    }
}
