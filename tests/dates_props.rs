//! No input panics the date and period extractors, and every mention they return has a span
//! on char boundaries of the text, whatever the text: random strings, strings built from the
//! characters dates are made of, and the seed and dev texts cut at random points.
use esscorpus::extract::date::Dates;
use esscorpus::extract::period::Periods;
use esscorpus::extract::{Doc, Extractor, Mention};
use proptest::prelude::*;

fn run(text: &str) -> Vec<Mention> {
    let doc = Doc { id: "prop", text };
    let mut out = Vec::new();
    Periods.extract(&doc, &mut out);
    Dates.extract(&doc, &mut out);
    for m in &out {
        assert!(m.start < m.end, "empty span {m:?}");
        assert!(
            text.get(m.start..m.end).is_some(),
            "span off the text {m:?}"
        );
    }
    out
}

fn corpus() -> Vec<String> {
    let mut texts = Vec::new();
    for dir in ["/work/shared/seeds", "/work/shared/dev/docs"] {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for e in entries.flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    if texts.is_empty() {
        texts.push(
            "Le 3 juillet 2009, en 2003, du 1er janvier 2024 au 31 décembre 2026, 2014-2016."
                .into(),
        );
    }
    texts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string(s in "\\PC*") {
        run(&s);
    }

    #[test]
    fn date_like_strings(s in "[0-9/ .,\\-–\n]{0,12}(le |du |au |en |entre |et |à |n° |1er |ᵉʳ|é|janvier |mars |déc\\. |[0-9]{1,4}|/|-| |\n|,){0,24}") {
        run(&s);
    }

    #[test]
    fn cut_real_texts(doc in 0usize..64, a in 0usize..100_000, len in 0usize..4_000) {
        let texts = corpus();
        let t = &texts[doc % texts.len()];
        let mut start = a % (t.len() + 1);
        while !t.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(t.len());
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        run(&t[start..end]);
    }
}

#[test]
fn whole_real_texts() {
    for t in corpus() {
        run(&t);
    }
}
