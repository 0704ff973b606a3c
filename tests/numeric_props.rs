//! No input panics the French number parser or the amount and metric extractors: random
//! strings built from the characters numbers are written with, and the seed texts cut at
//! random points.
use esscorpus::extract::{amount::Amounts, metric::Metrics, Doc, Extractor, Mention, Value};
use esscorpus::fr::number::{digit_numbers, multiplier, parse_digits, parse_words};
use proptest::prelude::*;

fn run_all(text: &str) {
    for i in 0..=text.len() {
        if let Some(s) = text.get(i..) {
            let _ = parse_digits(s);
            let _ = parse_words(s);
            let _ = multiplier(s);
        }
    }
    let _ = digit_numbers(text).count();
    let doc = Doc { id: "p", text };
    let mut out: Vec<Mention> = Vec::new();
    Amounts.extract(&doc, &mut out);
    Metrics.extract(&doc, &mut out);
    for m in &out {
        assert!(
            m.start < m.end && text.get(m.start..m.end).is_some(),
            "{m:?}"
        );
        match &m.value {
            Value::Amount { eur } => assert!(eur.is_finite() && *eur > 0.0),
            Value::Metric { value, unit } => assert!(value.is_finite() && !unit.is_empty()),
            _ => panic!("foreign value {m:?}"),
        }
    }
}

/// Pieces French numbers, units and their neighbours are made of.
const PIECES: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "9",
    "000",
    " ",
    "\u{A0}",
    "\u{202F}",
    "\n",
    ".",
    ",",
    "-",
    "+",
    "−",
    "%",
    "€",
    "M€",
    "k€",
    " M d'€",
    "d’",
    "euros",
    " millions d'",
    "milliard",
    "Md",
    "une",
    "un",
    "deux",
    "vingt",
    "et",
    "quatre-vingt",
    "centaine",
    " de ",
    "dont ",
    "emplois",
    "habitants",
    "é",
    "ème",
    "n°",
    "/",
    ":",
    "|",
    "|---|",
    "(cible : ",
    "nombre de ",
    "rue",
    "entre ",
    " à ",
    "axes",
    "m²",
    "PTCE",
    "É",
    "œ",
    "’",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_panic_on_number_soup(idx in proptest::collection::vec(0..PIECES.len(), 0..40)) {
        let s: String = idx.iter().map(|&i| PIECES[i]).collect();
        run_all(&s);
    }

    #[test]
    fn no_panic_on_any_string(s in "\\PC{0,80}") {
        run_all(&s);
    }
}

#[test]
fn no_panic_on_cut_seed_texts() {
    let dirs = ["/work/shared/seeds", "/work/shared/dev/docs"];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for d in dirs {
        let Ok(rd) = std::fs::read_dir(d) else {
            continue;
        };
        for e in rd.flatten() {
            let Ok(text) = std::fs::read_to_string(e.path()) else {
                continue;
            };
            let doc = Doc {
                id: "s",
                text: &text,
            };
            let mut out = Vec::new();
            Amounts.extract(&doc, &mut out);
            Metrics.extract(&doc, &mut out);
            for _ in 0..20 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let a = (seed as usize) % (text.len() + 1);
                let b = a + (seed as usize >> 20) % 400;
                let mut a2 = a;
                while a2 > 0 && !text.is_char_boundary(a2) {
                    a2 -= 1;
                }
                let mut b2 = b.min(text.len());
                while b2 > a2 && !text.is_char_boundary(b2) {
                    b2 -= 1;
                }
                if let Some(cut) = text.get(a2..b2) {
                    let doc = Doc { id: "s", text: cut };
                    let mut out = Vec::new();
                    Amounts.extract(&doc, &mut out);
                    Metrics.extract(&doc, &mut out);
                }
            }
        }
    }
}
