//! The French word list (Dicollecte, MPL-2.0; see `data/lexicon/README.md`), embedded
//! gzip'd and decompressed once into a table of 64-bit fingerprints of its lowercased forms.
use std::io::Read;
use std::sync::LazyLock;

static GZ: &[u8] = include_bytes!("../../data/lexicon/fr.txt.gz");

/// An open-addressing table of 64-bit fingerprints ([`fingerprint`]) of words, linear
/// probing, ~70% full: 536k forms in 6 MB of slots and nothing else, so a lookup touches
/// one or two cache lines of one place and compares integers. Two different words share
/// a fingerprint with probability 2⁻⁶⁴ per pair: over the 536k forms and any realistic
/// number of distinct queried words, the chance of a single wrong answer is below 10⁻⁷.
struct Set {
    slots: Box<[u64]>,
    len: usize,
}

/// The empty slot (no fingerprint is 0, see [`fingerprint`]).
const EMPTY: u64 = 0;

#[inline]
fn mum(a: u64, b: u64) -> u64 {
    let r = u128::from(a) * u128::from(b);
    (r as u64) ^ ((r >> 64) as u64)
}

/// A 64-bit hash of a word (wyhash-style multiply-fold over 8-byte chunks), never 0.
#[inline]
pub(crate) fn fingerprint(w: &[u8]) -> u64 {
    // K1 holds 0xFF bytes, never in UTF-8 text: `chunk ^ K1` is never 0.
    const K0: u64 = 0xA076_1D64_78BD_642F;
    const K1: u64 = 0xFFE7_037E_D1A0_B42B;
    const K2: u64 = 0x8EBC_6AF0_9C88_C6E3;
    let mut h = K0 ^ w.len() as u64;
    let mut chunks = w.chunks_exact(8);
    for c in &mut chunks {
        let c = u64::from_le_bytes(c.try_into().unwrap_or_default());
        h = mum(c ^ K1, h ^ K2);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        h = mum(u64::from_le_bytes(b) ^ K1, h ^ K2);
    }
    mum(h ^ K2, K0 ^ w.len() as u64).max(1)
}

impl Set {
    fn with_capacity(n: usize) -> Set {
        Set {
            slots: vec![EMPTY; (n * 10 / 7).max(16)].into_boxed_slice(),
            len: 0,
        }
    }

    #[inline]
    fn home(&self, fp: u64) -> usize {
        ((u128::from(fp) * self.slots.len() as u128) >> 64) as usize
    }

    fn insert_fp(&mut self, fp: u64) {
        let mut i = self.home(fp);
        loop {
            match self.slots[i] {
                EMPTY => break,
                s if s == fp => return,
                _ => i = if i + 1 == self.slots.len() { 0 } else { i + 1 },
            }
        }
        if (self.len + 1) * 10 > self.slots.len() * 9 {
            return; // (cannot happen with the capacity given) never a full table
        }
        self.slots[i] = fp;
        self.len += 1;
    }

    #[inline]
    fn contains(&self, w: &[u8]) -> bool {
        if w.is_empty() || self.len == 0 {
            return false;
        }
        let fp = fingerprint(w);
        let mut i = self.home(fp);
        loop {
            match self.slots[i] {
                EMPTY => return false,
                s if s == fp => return true,
                _ => i = if i + 1 == self.slots.len() { 0 } else { i + 1 },
            }
        }
    }
}

/// The decompressed word list (one form per line), leaked once for the process.
static TEXT: LazyLock<&'static str> = LazyLock::new(|| {
    let mut text = String::new();
    if flate2::read::GzDecoder::new(GZ)
        .read_to_string(&mut text)
        .is_err()
    {
        text.clear();
    }
    Box::leak(text.into_boxed_str())
});

/// Builds the set of non-empty lines of `text`. The fingerprints are sorted first, so
/// that they go into the table in slot order (`home` grows with the fingerprint): one
/// sequential sweep instead of one cache miss per word.
fn build(text: &str, keep: impl Fn(&[u8]) -> bool) -> Set {
    let b = text.as_bytes();
    let mut fps: Vec<u64> = Vec::with_capacity(b.iter().filter(|&&c| c == b'\n').count() + 1);
    let mut s = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            let w = &b[s..i];
            if !w.is_empty() && keep(w) {
                fps.push(fingerprint(w));
            }
            s = i + 1;
        }
    }
    let w = &b[s..];
    if !w.is_empty() && keep(w) {
        fps.push(fingerprint(w));
    }
    fps.sort_unstable();
    fps.dedup();
    let mut set = Set::with_capacity(fps.len());
    let n = set.slots.len();
    let mut next = 0; // first slot after the last one filled in order
    for &fp in &fps {
        let i = set.home(fp).max(next);
        if i < n {
            set.slots[i] = fp;
            set.len += 1;
            next = i + 1;
        } else {
            set.insert_fp(fp); // past the end: wraps to the start
            next = n;
        }
    }
    set
}

static WORDS: LazyLock<Set> = LazyLock::new(|| build(&TEXT, |_| true));

/// Forms with accents, folded (`économique` → `economique`), for words written in
/// capitals, where French often drops accents. Built on first use.
static FOLDED: LazyLock<Set> = LazyLock::new(|| {
    let mut buf = String::new();
    for w in TEXT.lines().filter(|w| !w.is_ascii()) {
        fold_into(w, &mut buf);
        buf.push('\n');
    }
    build(&buf, <[u8]>::is_ascii)
});

/// Whether a lowercased form is in the lexicon.
pub(crate) fn contains(lower: &str) -> bool {
    WORDS.contains(lower.as_bytes())
}

/// Like [`contains`], ignoring accents (for words written in capitals).
pub(crate) fn contains_folded(lower: &str) -> bool {
    contains(lower) || FOLDED.contains(fold(lower).as_bytes())
}

/// Lowercase form without accents; `œ` → `oe`, `æ` → `ae`.
pub(crate) fn fold(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    fold_into(lower, &mut out);
    out
}

fn fold_into(lower: &str, out: &mut String) {
    for c in lower.chars() {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' | 'ý' => out.push('y'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c => out.push(c),
        }
    }
}

/// Forces the one-time loads (for benchmarks and warm-up).
#[allow(dead_code)]
pub(crate) fn warm_up() -> usize {
    WORDS.len + FOLDED.len
}

/// Forces the one-time load (for benchmarks and warm-up).
#[allow(dead_code)]
pub(crate) fn len() -> usize {
    WORDS.len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_common_and_compound_forms() {
        assert!(len() > 500_000);
        // no two forms share a fingerprint (the set would be smaller than the list)
        assert_eq!(len(), TEXT.lines().count());
        for w in [
            "solidaire",
            "métropole",
            "région",
            "actions",
            "vice-président",
            "ci-après",
        ] {
            assert!(contains(w), "{w}");
        }
        for w in [
            "solidair",
            "métrop",
            "ction",
            "daire",
            "",
            "solidaires\nx",
            "solidair\n",
        ] {
            assert!(!contains(w), "{w}");
        }
        assert!(!contains("economique"));
        assert!(contains_folded("economique"));
        assert!(contains_folded("oeuvre"));
        assert_eq!(fold("économie"), "economie");
    }

    #[test]
    #[ignore]
    fn load_and_lookup_cost() {
        let t = std::time::Instant::now();
        let n = len();
        let load = t.elapsed();
        let t = std::time::Instant::now();
        let f = warm_up() - n;
        println!("folded forms: {f}, built in {:?}", t.elapsed());
        let probes = [
            "solidaire",
            "développement",
            "métrop",
            "ction",
            "de",
            "économie",
        ];
        let t = std::time::Instant::now();
        let mut hits = 0;
        for _ in 0..200_000 {
            for p in probes {
                hits += contains(std::hint::black_box(p)) as usize;
            }
        }
        let per = t.elapsed().as_nanos() as f64 / (200_000.0 * probes.len() as f64);
        println!("lexicon: {n} forms, load {load:?}, lookup {per:.1} ns ({hits} hits)");
    }
}
