//! The French word list (Dicollecte, MPL-2.0; see `data/lexicon/README.md`), embedded
//! gzip'd and decompressed once into a hash set of lowercased forms.
use std::io::Read;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

static GZ: &[u8] = include_bytes!("../../data/lexicon/fr.txt.gz");

/// An open-addressing table over the decompressed word list: each `u32` slot holds a
/// 9-bit hash tag and the 23-bit offset of a word in the text (one word per line). 4 MB
/// of slots plus the 6 MB text: a lookup touches one slot (and the text only when the
/// tag matches), far fewer cache and TLB misses than a `HashSet<&str>` (~23 MB).
struct Table {
    text: &'static [u8],
    slots: Box<[u32]>,
    mask: usize,
    len: usize,
}

const EMPTY: u32 = u32::MAX;
const OFFSET_BITS: u32 = 23;

fn hash(w: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(w);
    h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Table {
    fn build(text: &'static [u8]) -> Table {
        let n = text
            .split(|&b| b == b'\n')
            .filter(|w| !w.is_empty())
            .count();
        let cap = (n * 2).next_power_of_two().max(16);
        let mut t = Table {
            text,
            slots: vec![EMPTY; cap].into_boxed_slice(),
            mask: cap - 1,
            len: 0,
        };
        if text.len() >= (1 << OFFSET_BITS) {
            return t; // cannot address it: an empty lexicon rather than a wrong one
        }
        let mut off = 0;
        for w in text.split(|&b| b == b'\n') {
            if !w.is_empty() {
                let h = hash(w);
                let mut i = (h >> 32) as usize & t.mask;
                while t.slots[i] != EMPTY {
                    i = (i + 1) & t.mask;
                }
                t.slots[i] = (((h >> 23) as u32) << OFFSET_BITS) | off as u32;
                t.len += 1;
            }
            off += w.len() + 1;
        }
        t
    }

    fn contains(&self, w: &[u8]) -> bool {
        // (callers pass words: no '\n' inside, so a match cannot span two lines)
        if w.is_empty() || self.len == 0 {
            return false;
        }
        let h = hash(w);
        let tag = ((h >> 23) as u32) << OFFSET_BITS;
        let mut i = (h >> 32) as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == EMPTY {
                return false;
            }
            if s & !((1 << OFFSET_BITS) - 1) == tag {
                let o = (s & ((1 << OFFSET_BITS) - 1)) as usize;
                if self.text.get(o..o + w.len()) == Some(w)
                    && self.text.get(o + w.len()).is_none_or(|&b| b == b'\n')
                {
                    return true;
                }
            }
            i = (i + 1) & self.mask;
        }
    }
}

static WORDS: LazyLock<Table> = LazyLock::new(|| {
    let mut text = String::new();
    if flate2::read::GzDecoder::new(GZ)
        .read_to_string(&mut text)
        .is_err()
    {
        text.clear();
    }
    // Leaked once for the life of the process: the table points into it.
    let text: &'static str = Box::leak(text.into_boxed_str());
    Table::build(text.as_bytes())
});

/// Forms with accents, folded (`économique` → `economique`), for words written in
/// capitals, where French often drops accents. Built on first use, in one leaked buffer.
static FOLDED: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    let mut buf = String::new();
    let text = std::str::from_utf8(WORDS.text).unwrap_or("");
    for w in text.lines().filter(|w| !w.is_ascii()) {
        fold_into(w, &mut buf);
        buf.push('\n');
    }
    let buf: &'static str = Box::leak(buf.into_boxed_str());
    buf.lines().filter(|w| w.is_ascii()).collect()
});

/// Whether a lowercased form is in the lexicon.
pub(crate) fn contains(lower: &str) -> bool {
    WORDS.contains(lower.as_bytes())
}

/// Like [`contains`], ignoring accents (for words written in capitals).
pub(crate) fn contains_folded(lower: &str) -> bool {
    contains(lower) || FOLDED.contains(fold(lower).as_str())
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
    WORDS.len + FOLDED.len()
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
