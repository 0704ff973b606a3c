//! Normalisation: NFC, spaces, Markdown reduced, PDF extraction damage repaired.
//!
//! Each repair lives in its own file, is one pass over a page's `&str` with a quick
//! check that skips text it cannot concern, returns `None` when it changed nothing
//! (so the damage-free path copies nothing), and counts its changes into
//! [`Normalized::repairs`] under a stable key.
use std::borrow::Cow;
use std::cell::OnceCell;

use rustc_hash::FxHashSet;

use crate::doc::{Normalized, RawText, Repairs};
use fingerprint::FpSet;

mod broken_numbers;
mod broken_urls;
mod fingerprint;
mod hyphenation;
mod lexicon;
mod line_ends;
mod lines;
mod markdown;
mod nfc;
mod reflowed_breaks;
mod spaces;
mod split_digits;
mod split_words;
mod words;

/// Separator written between pages.
pub const PAGE_SEP: &str = "\n\x0c\n";

/// Normalises a document's pages into one text (pages joined by `"\n\x0c\n"`).
pub fn normalize(raw: RawText) -> Normalized {
    let mut repairs = raw.repairs;
    let format = raw.format;

    // Stage 1, page by page, character level. Order:
    let pages: Vec<String> = raw
        .pages
        .into_iter()
        .map(|page| {
            let mut p = Cow::Owned(page);
            // line ends + BOM first: every later step may assume '\n' is the only line break.
            step(&mut p, |t| line_ends::run(t, &mut repairs));
            // space separators next: later steps test for ASCII ' ' between words and digit groups.
            step(&mut p, |t| spaces::run(t, &mut repairs));
            // NFC before any matching: the lexicon and the doc vocabulary are NFC.
            step(&mut p, |t| nfc::run(t, &mut repairs));
            // Markdown before the PDF repairs: `**201 5**`, `[Lyon](#)` must be plain text first.
            step(&mut p, |t| markdown::run(t, format, &mut repairs));
            p.into_owned()
        })
        .collect();

    // The words of the whole document (after stage 1), built on first use.
    let vocab = DocVocab::new(&pages);

    let mut n = Normalized::default();
    for (i, page) in pages.iter().enumerate() {
        let mut p = Cow::Borrowed(page.as_str());
        // Stage 2, page by page (repairs never cross a page boundary). Order:
        // URLs before hyphenation: a line-end '-' inside a URL is kept, not treated as a soft hyphen.
        step(&mut p, |t| broken_urls::run(t, &mut repairs));
        // hyphenation before the split-word pass, so the words it rebuilds are whole again.
        step(&mut p, |t| hyphenation::run(t, &vocab, &mut repairs));
        // spaces where a reflowing producer put a line break, now that real breaks are joined.
        step(&mut p, |t| reflowed_breaks::run(t, &vocab, &mut repairs));
        // Markdown again when lines were joined: a join can close inline markup opened on
        // the line above (`` `a-⏎b` `` → `` `ab` ``), which a second normalisation would strip.
        if matches!(p, Cow::Owned(_)) {
            step(&mut p, |t| markdown::run(t, format, &mut repairs));
        }
        // numbers broken over lines before split digits: the rejoined groups are then checked whole.
        step(&mut p, |t| broken_numbers::run(t, &mut repairs));
        // split digits: same-line digit groups, independent of words.
        step(&mut p, |t| split_digits::run(t, &mut repairs));
        // split words last: it uses the doc vocabulary and must see hyphen/URL joins done.
        // again until nothing joins (each pass only removes spaces, so it ends): a join can
        // make a word that joins its neighbour (`r s s` → `r ss` → `rss`), and a second
        // normalisation must not find more to do.
        for _ in 0..4 {
            let before = p.len();
            step(&mut p, |t| split_words::run(t, &vocab, &mut repairs));
            if p.len() == before {
                break;
            }
        }
        // guard: joins could in theory bring a combining mark next to a new base char.
        step(&mut p, nfc::guard);

        if i > 0 {
            n.text.push_str(PAGE_SEP);
        }
        n.page_starts.push(n.text.len());
        n.text.push_str(&p);
    }
    if n.page_starts.is_empty() {
        n.page_starts.push(0);
    }
    n.repairs = repairs;
    n
}

/// Applies one step to a page, replacing it only when the step changed something.
fn step<'a>(page: &mut Cow<'a, str>, f: impl FnOnce(&str) -> Option<String>) {
    if let Some(s) = f(page) {
        *page = Cow::Owned(s);
    }
}

/// Adds `n` to the repair counter `key` (no entry for zero).
pub(crate) fn count(repairs: &mut Repairs, key: &'static str, n: u64) {
    if n > 0 {
        *repairs.entry(key).or_insert(0) += n;
    }
}

/// The words of a document (after stage 1), as written, and its hyphenated compounds
/// (`tiers-lieu`), lowercased: "seen whole elsewhere in the document". Each built on
/// first use only: the compounds for a line-end hyphen to decide (a scan of the `-`
/// only), the words for a joined word that the lexicon does not know.
pub(crate) struct DocVocab<'a> {
    pages: &'a [String],
    /// fingerprints of the words as written
    words: OnceCell<FpSet>,
    compounds: OnceCell<FxHashSet<String>>,
}

impl<'a> DocVocab<'a> {
    pub(crate) fn new(pages: &'a [String]) -> Self {
        DocVocab {
            pages,
            words: OnceCell::new(),
            compounds: OnceCell::new(),
        }
    }

    pub(crate) fn pages(&self) -> usize {
        self.pages.len()
    }

    fn words(&self) -> &FpSet {
        self.words.get_or_init(|| {
            let len: usize = self.pages.iter().map(String::len).sum();
            let mut fps = Vec::with_capacity(len / 5 + 1);
            for page in self.pages {
                words::for_each_word(page, |s, e| {
                    fps.push(fingerprint::fingerprint(&page.as_bytes()[s..e]))
                });
            }
            FpSet::from_fingerprints(fps)
        })
    }

    /// Whether a lowercased word occurs whole somewhere in the document.
    pub(crate) fn has_word(&self, lower: &str) -> bool {
        self.has_any(&words::case_variant_fps(lower, &mut String::new()))
    }

    /// Whether a word with one of these fingerprints occurs in the document.
    pub(crate) fn has_any(&self, fps: &[u64]) -> bool {
        let words = self.words();
        fps.iter().any(|&fp| words.contains_fp(fp))
    }

    /// Whether a lowercased `x-y` compound occurs somewhere in the document.
    pub(crate) fn has_compound(&self, lower: &str) -> bool {
        self.compounds
            .get_or_init(|| {
                // two words around a '-' (no other char between)
                let mut set = FxHashSet::default();
                for page in self.pages {
                    for (p, _) in page.match_indices('-') {
                        let (s, e) = (
                            words::word_start_before(page, p),
                            words::word_end_after(page, p + 1),
                        );
                        if s < p && e > p + 1 {
                            set.insert(words::lower(&page[s..e]));
                        }
                    }
                }
                set
            })
            .contains(lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Format;

    fn norm(format: Format, pages: &[&str]) -> Normalized {
        normalize(RawText {
            format,
            pages: pages.iter().map(|s| s.to_string()).collect(),
            repairs: Repairs::new(),
        })
    }

    #[test]
    fn pages_are_joined_and_located() {
        let n = norm(Format::Pdf, &["un", "deux", ""]);
        assert_eq!(n.text, "un\n\x0c\ndeux\n\x0c\n");
        assert_eq!(n.page_starts, vec![0, 5, 12]);
        assert_eq!(n.page_of(6), 2);
    }

    #[test]
    fn no_pages_gives_one_empty_page() {
        let n = norm(Format::Txt, &[]);
        assert_eq!(n.text, "");
        assert_eq!(n.page_starts, vec![0]);
    }

    #[test]
    fn raw_repairs_are_kept() {
        let mut repairs = Repairs::new();
        repairs.insert("encoding", 1);
        let n = normalize(RawText {
            format: Format::Txt,
            pages: vec!["Solidair e".into()],
            repairs,
        });
        assert_eq!(n.repairs.get("encoding"), Some(&1));
        assert_eq!(n.repairs.get("split_words"), Some(&1));
    }

    #[test]
    fn repairs_do_not_cross_pages() {
        let n = norm(Format::Pdf, &["le dévelop-", "pement de 201", "5 euros"]);
        assert_eq!(n.text, "le dévelop-\n\x0c\npement de 201\n\x0c\n5 euros");
    }
}

#[cfg(test)]
mod bench {
    use super::*;
    use crate::doc::Format;

    /// Time per step on the seeds and dev docs (release):
    /// `cargo test --release --lib -- --ignored --nocapture step_costs`.
    #[test]
    #[ignore]
    fn step_costs() {
        let mut docs = vec![];
        for dir in ["/work/shared/seeds", "/work/shared/dev/docs"] {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    docs.push(t);
                }
            }
        }
        let size: usize = docs.iter().map(String::len).sum();
        let reps = 5_000_000 / size.max(1) + 1;
        let total = (size * reps) as f64;
        let _ = lexicon::warm_up();
        let mut r = Repairs::new();
        // thread CPU time, so that other processes on the machine do not count
        fn cpu() -> f64 {
            let mut ts = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: clock_gettime writes into the timespec we own.
            unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
            ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
        }
        let time = |name: &str, f: &mut dyn FnMut(&str)| {
            let t = cpu();
            for _ in 0..reps {
                for d in &docs {
                    f(d);
                }
            }
            let ns = (cpu() - t) * 1e9 / total;
            println!("{name:>15}: {ns:.2} ns/byte = {:.0} MB/s", 1e3 / ns);
        };
        time("baseline", &mut |d| {
            std::hint::black_box(d.bytes().filter(u8::is_ascii_alphabetic).count());
        });
        time("line_ends", &mut |d| {
            drop(line_ends::run(d, &mut Repairs::new()))
        });
        time("spaces", &mut |d| drop(spaces::run(d, &mut Repairs::new())));
        time("nfc", &mut |d| drop(nfc::run(d, &mut Repairs::new())));
        time("markdown(txt)", &mut |d| {
            drop(markdown::run(d, Format::Txt, &mut Repairs::new()))
        });
        time("broken_urls", &mut |d| {
            drop(broken_urls::run(d, &mut Repairs::new()))
        });
        time("hyphenation", &mut |d| {
            let p = [d.to_string()];
            drop(hyphenation::run(d, &DocVocab::new(&p), &mut Repairs::new()))
        });
        time("broken_numbers", &mut |d| {
            drop(broken_numbers::run(d, &mut Repairs::new()))
        });
        time("split_digits", &mut |d| {
            drop(split_digits::run(d, &mut Repairs::new()))
        });
        time("split_words", &mut |d| {
            let p = [d.to_string()];
            drop(split_words::run(d, &DocVocab::new(&p), &mut Repairs::new()))
        });
        time("vocab", &mut |d| {
            let p = [d.to_string()];
            let v = DocVocab::new(&p);
            let _ = v.has_word("x");
        });
        time("to_string", &mut |d| {
            drop(std::hint::black_box(d.to_string()))
        });
        time("words scan", &mut |d| {
            let mut n = 0;
            words::for_each_word(d, |_, _| n += 1);
            std::hint::black_box(n);
        });
        time("normalize", &mut |d| {
            let n = normalize(RawText {
                format: Format::Txt,
                pages: vec![d.to_string()],
                repairs: Repairs::new(),
            });
            r.extend(n.repairs);
        });
    }
}
