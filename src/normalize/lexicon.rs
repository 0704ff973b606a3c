//! The French word list (Dicollecte, MPL-2.0; see `data/lexicon/README.md`), embedded
//! gzip'd and decompressed once into a set of 64-bit fingerprints of its lowercased forms
//! ([`FpSet`]: 536k forms in 6 MB, a lookup compares integers in one or two cache lines).
use std::io::Read;
use std::sync::LazyLock;

use super::fingerprint::{fingerprint, FpSet};

static GZ: &[u8] = include_bytes!("../../data/lexicon/fr.txt.gz");

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

/// Builds the set of the non-empty lines of `text` that `keep` accepts.
fn build(text: &str, keep: impl Fn(&[u8]) -> bool) -> FpSet {
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
    FpSet::from_fingerprints(fps)
}

static WORDS: LazyLock<FpSet> = LazyLock::new(|| build(&TEXT, |_| true));

/// Forms with accents, folded (`économique` → `economique`), for words written in
/// capitals, where French often drops accents. Built on first use.
static FOLDED: LazyLock<FpSet> = LazyLock::new(|| {
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

/// Whether the lowercased form with this [`fingerprint`] is in the lexicon.
pub(crate) fn contains_fp(fp: u64) -> bool {
    WORDS.contains_fp(fp)
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
    WORDS.len() + FOLDED.len()
}

/// Forces the one-time load (for benchmarks and warm-up).
#[allow(dead_code)]
pub(crate) fn len() -> usize {
    WORDS.len()
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
