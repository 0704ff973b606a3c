//! Words split by a stray space (key `split_words`): `Solidair e` → `Solidaire`,
//! `Métrop ole`, `r égion`, `a ction s` → `actions`, `CONV ENTION`, `soli daire`.
//!
//! Two alphabetic tokens separated by exactly one space on the same line are joined
//! when the joined word is known (lexicon, case-insensitive, or seen whole elsewhere in
//! the document) and at least one part is not (a single letter other than `a à y ô`
//! counts as unknown). Never when the second part starts upper-case (unless both parts
//! are all caps), nor after an all-caps part when the second is not, nor across
//! punctuation, digits, apostrophes or hyphens. Joins repeat along a chain, preferring
//! `B C` over `A B` when `A` is a known word.
use std::cell::{Cell, OnceCell};

use super::fingerprint::{fingerprint, FpSet};
use super::words::{case_variant_fps, for_each_word, is_all_caps, lower_append, lower_into};
use super::{count, lexicon, DocVocab};
use crate::doc::Repairs;

#[derive(Clone, Copy)]
struct Tok {
    s: usize,
    e: usize,
    /// fingerprint of the word as written
    fp: u64,
}

/// Slots of the cache of [`Ctx::known`] answers (direct-mapped, keyed by the fingerprint
/// of the word as written, the answer in its low bit): 128 KB, kept per thread from page
/// to page and document to document, since the answer depends on the word alone and the
/// same few thousand words make most of any text.
const CACHE_BITS: u32 = 14;

thread_local! {
    static KNOWN: Cell<Option<Box<[u64]>>> = const { Cell::new(None) };
}

struct Ctx<'t, 'v, 'a> {
    text: &'t str,
    toks: &'t [Tok],
    vocab: &'v DocVocab<'a>,
    /// `fingerprint & !1 | known` per slot, 0 when empty
    cache: Box<[u64]>,
    /// fingerprints of the page's words as written, built on first use
    page_words: OnceCell<FpSet>,
    buf: String,
    buf2: String,
}

impl Ctx<'_, '_, '_> {
    /// Whether a token is a known word on its own: in the lexicon (accents ignored for
    /// words in capitals); a single letter only if it is `a`, `à`, `y` or `ô`. Cached.
    fn known(&mut self, t: Tok) -> bool {
        let w = &self.text[t.s..t.e];
        let fp = t.fp;
        let slot = (fp >> (64 - CACHE_BITS)) as usize;
        let c = self.cache[slot];
        if c != 0 && c & !1 == fp & !1 {
            return c & 1 == 1;
        }
        let mut cs = w.chars();
        let k = match (cs.next(), cs.next()) {
            (Some(c), None) => matches!(c.to_lowercase().next(), Some('a' | 'à' | 'y' | 'ô')),
            // already lower-case ASCII: the fingerprint is the lexicon's
            _ if w.bytes().all(|b| b.is_ascii_lowercase()) => lexicon::contains_fp(fp),
            _ => {
                lower_into(w, &mut self.buf);
                lexicon::contains(&self.buf)
                    || (is_all_caps(w) && lexicon::contains_folded(&self.buf))
            }
        };
        self.cache[slot] = (fp & !1) | u64::from(k);
        k
    }

    /// Whether the concatenation of `parts` (the tokens of the current word) and `b`
    /// is a known word: lexicon, seen whole in the page or the document, or (all in
    /// capitals) the lexicon without accents.
    fn joined_known(&mut self, parts: &[Tok], b: Tok) -> bool {
        self.buf.clear();
        for t in parts.iter().chain(std::iter::once(&b)) {
            lower_append(&self.text[t.s..t.e], &mut self.buf);
        }
        if self.buf.len() > 64 {
            return false;
        }
        if lexicon::contains(&self.buf) {
            return true;
        }
        let (text, toks) = (self.text, self.toks);
        let page = self
            .page_words
            .get_or_init(|| FpSet::from_fingerprints(toks.iter().map(|t| t.fp).collect()));
        // the joined word as written in lower case, capitalised or in capitals
        let fps = case_variant_fps(&self.buf, &mut self.buf2);
        if fps.iter().any(|&fp| page.contains_fp(fp)) {
            return true;
        }
        if self.vocab.pages() > 1 && self.vocab.has_any(&fps) {
            return true;
        }
        // all-caps words often drop their accents: `ECONOMIQU E`
        let upper = |t: &Tok| !text[t.s..t.e].chars().any(char::is_lowercase);
        parts.iter().chain(std::iter::once(&b)).all(upper) && lexicon::contains_folded(&self.buf)
    }
}

/// Whether the pair `a b` may be joined at all, from its shape alone.
fn linkable(text: &str, a: Tok, b: Tok) -> bool {
    if text.get(a.e..b.s) != Some(" ") {
        return false;
    }
    let (wa, wb) = (&text[a.s..a.e], &text[b.s..b.e]);
    // only plain word boundaries around the pair: `loi n°`, `2eme`, `x.fr`, `l'`, `co-` stay
    let before = text[..a.s].chars().next_back();
    if !before.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | '[' | '«' | '"' | '“' | '\'' | '’' | 'ʼ' | '-' | '‐'
            )
    }) {
        return false;
    }
    let after = text[b.e..].chars().next();
    if !after.is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | ':' | '!' | '?' | ')' | ']' | '»' | '"' | '”' | '…' | '.'
            )
    }) {
        return false;
    }
    if after == Some('.')
        && text[b.e + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    let b_upper = wb.chars().next().is_some_and(char::is_uppercase);
    // `cb`: no lower-case letter in `b` (a single capital counts: `ECONOMIQU E`)
    let (ca, cb) = (is_all_caps(wa), !wb.chars().any(char::is_lowercase));
    if b_upper && !(ca && cb) {
        return false;
    }
    !ca || cb
}

pub(crate) fn run(text: &str, vocab: &DocVocab, repairs: &mut Repairs) -> Option<String> {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 6 + 1);
    for_each_word(text, |s, e| {
        let fp = fingerprint(&text.as_bytes()[s..e]);
        toks.push(Tok { s, e, fp });
    });
    let mut ctx = Ctx {
        text,
        toks: &toks,
        vocab,
        cache: KNOWN
            .with(Cell::take)
            .unwrap_or_else(|| vec![0; 1 << CACHE_BITS].into_boxed_slice()),
        page_words: OnceCell::new(),
        buf: String::new(),
        buf2: String::new(),
    };
    let mut removed: Vec<usize> = Vec::new(); // byte offsets of spaces to drop
    let mut start = 0;
    for k in 1..=toks.len() {
        if k == toks.len() || !linkable(text, toks[k - 1], toks[k]) {
            if k - start >= 2 {
                join_chain(&toks[start..k], &mut ctx, &mut removed);
            }
            start = k;
        }
    }
    KNOWN.with(|c| c.set(Some(ctx.cache)));
    if removed.is_empty() {
        return None;
    }
    removed.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for &sp in &removed {
        out.push_str(&text[last..sp]);
        last = sp + 1;
    }
    out.push_str(&text[last..]);
    count(repairs, "split_words", removed.len() as u64);
    Some(out)
}

fn join_chain(chain: &[Tok], ctx: &mut Ctx, removed: &mut Vec<usize>) {
    let mut cur_start = 0; // index in chain of the first token of the current word
    let mut cur_known = ctx.known(chain[0]);
    let mut j = 1;
    while j < chain.len() {
        let b = chain[j];
        let b_known = ctx.known(b);
        let mut joined = false;
        // two single letters make a word only when neither is one (`e t` → `et`, not `h à`)
        let tiny = || {
            j == cur_start + 1
                && (cur_known || b_known)
                && ctx.text[chain[cur_start].s..b.e].chars().count() == 3
        };
        if !(cur_known && b_known || tiny()) && ctx.joined_known(&chain[cur_start..j], b) {
            // prefer `b c` when the current word stands on its own
            // (here `b` is unknown whenever the current word is known)
            let prefer_next = cur_known
                && j + 1 < chain.len()
                && ctx.joined_known(&chain[j..j + 1], chain[j + 1]);
            if !prefer_next {
                removed.push(chain[j - 1].e);
                cur_known = true;
                joined = true;
            }
        }
        if !joined {
            cur_start = j;
            cur_known = b_known;
        }
        j += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        let pages = vec![s.to_string()];
        let v = DocVocab::new(&pages);
        run(s, &v, &mut Repairs::new()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn joined() {
        for (a, b) in [
            (
                "d’Economie Sociale et Solidair e Rhône-Alpes",
                "d’Economie Sociale et Solidaire Rhône-Alpes",
            ),
            (
                "Grenoble Alpes Métrop ole, représentée",
                "Grenoble Alpes Métropole, représentée",
            ),
            (
                "Rhône-Alpes est la r égion pionnière",
                "Rhône-Alpes est la région pionnière",
            ),
            ("des Entrepreneur s 2014", "des Entrepreneurs 2014"),
            ("une vingtaine a ction s afin", "une vingtaine actions afin"),
            (
                "économie sociale et soli daire pour",
                "économie sociale et solidaire pour",
            ),
            ("La Commu nauté urbaine", "La Communauté urbaine"),
            ("d'une concerta tion menée", "d'une concertation menée"),
            (
                "Développer l'entrepre neuriat coopératif",
                "Développer l'entrepreneuriat coopératif",
            ),
            ("CONV ENTION", "CONVENTION"),
            (
                "Caisse des Dépôts e t Consignations",
                "Caisse des Dépôts et Consignations",
            ),
            ("ET SO LIDAIRE", "ET SOLIDAIRE"),
            (
                "CONTRAT ECONOMIQU E SECTORIEL",
                "CONTRAT ECONOMIQUE SECTORIEL",
            ),
            ("au développem ent humain", "au développement humain"),
            (
                "la plateforme Alpesoli daires et Alpesolidaires",
                "la plateforme Alpesolidaires et Alpesolidaires",
            ),
        ] {
            assert_eq!(fix(a), b, "{a:?}");
        }
    }

    #[test]
    fn left() {
        for s in [
            "en tant que bénévole",
            "à ce titre",
            "Rhône Alpes",
            "l'ESS a permis",
            "pour l'emploi",
            "de la région",
            "il a dit",
            "de co-construction",
            "Axe 2Communication",
            "Pôle Sud Archer",
            "régime de minimis",
            "Solidair\ne",
            "Solidair  e",
            "Solidair, e",
            "www.x fr",
            "la loi n° 2014",
            "de 14 h à 16 h 30",
        ] {
            assert_eq!(fix(s), s, "{s:?}");
        }
    }
}
