//! No input panics the person, contact, axis and action extractors, and every span they
//! return lies on char boundaries of the text.
use esscorpus::extract::{
    action::Actions, axis::Axes, contact::Contacts, person::Persons, Doc, Extractor, Mention,
};
use proptest::prelude::*;

fn run_all(text: &str) -> Vec<Mention> {
    let doc = Doc { id: "p", text };
    let mut out = Vec::new();
    for ex in [&Persons as &dyn Extractor, &Contacts, &Axes, &Actions] {
        ex.extract(&doc, &mut out);
    }
    out
}

fn check(text: &str) {
    for m in run_all(text) {
        assert!(m.start <= m.end && m.end <= text.len(), "{m:?}");
        assert!(
            text.get(m.start..m.end).is_some(),
            "span off a char boundary: {m:?}"
        );
    }
}

/// Pieces of the genre, so that random strings reach the rules' inner paths.
const PIECES: &[&str] = &[
    "Monsieur ",
    "Madame ",
    "M. ",
    "Mme ",
    "Jean-François ",
    "CARENCO",
    "Laure ",
    "LEMARIÉ",
    ", ",
    ",\n",
    "Président",
    " du Conseil régional",
    "Vice-\nprésident",
    " chargé de \n",
    "l’économie",
    "> ",
    "\n",
    "\n\n",
    "Axe 1 : ",
    "Axe 2",
    "AXE 3 :\n",
    "Orientation ",
    "trois axes :",
    "3 grandes orientations:",
    " - ",
    "• ",
    "1 • ",
    "Action n°1 – ",
    "Fiche T1 – ",
    "I_1.1.1 ",
    "A.1.2 ",
    "Exemples d’actions :\n",
    "-\n",
    "04 76 00 64 35",
    "+33 (0)4 95 ",
    "0262 48 70 41",
    "i.metert@cg38.fr",
    "www.",
    "https://x.fr",
    "11 rue Auguste Lacroix ",
    "69003 LYON",
    " cedex ",
    "9",
    " – CS 52700 – ",
    "é",
    "’",
    ":",
    ";",
    ".",
    "\u{f0a7}",
    "(",
    "représentée par le ",
    "Pierre-RIBEAUD",
    " et ",
    "de ",
    "la ",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_strings_do_not_panic(s in "\\PC{0,300}") {
        check(&s);
    }

    #[test]
    fn genre_pieces_do_not_panic(ix in proptest::collection::vec(0..PIECES.len(), 0..60)) {
        let s: String = ix.iter().map(|&i| PIECES[i]).collect();
        check(&s);
    }

    #[test]
    fn seeds_cut_anywhere_do_not_panic(doc in 0usize..5, a in 0usize..60_000, len in 0usize..3_000) {
        let texts = [
            include_str!("../seeds/000_bb5a42d7c7880174.txt"),
            include_str!("../seeds/001_0c293d2f549ad76e.txt"),
            include_str!("../seeds/002_d8c626b1ab69bb45.txt"),
            include_str!("../seeds/003_9092218c93b45cea.txt"),
            include_str!("../seeds/004_eccd5718877c3203.txt"),
        ];
        let t = texts[doc];
        let mut s = a.min(t.len());
        while !t.is_char_boundary(s) { s -= 1; }
        let mut e = (s + len).min(t.len());
        while !t.is_char_boundary(e) { e -= 1; }
        check(&t[s..e]);
    }
}

/// Rough throughput of the four families on the seeds (run with `--ignored --nocapture`;
/// the test profile is only lightly optimised, so the release figure is several times higher).
#[test]
#[ignore]
fn throughput() {
    let mut text = String::new();
    for _ in 0..40 {
        for t in [
            include_str!("../seeds/000_bb5a42d7c7880174.txt"),
            include_str!("../seeds/001_0c293d2f549ad76e.txt"),
            include_str!("../seeds/002_d8c626b1ab69bb45.txt"),
            include_str!("../seeds/003_9092218c93b45cea.txt"),
            include_str!("../seeds/004_eccd5718877c3203.txt"),
        ] {
            text.push_str(t);
            text.push('\n');
        }
    }
    let doc = Doc {
        id: "p",
        text: &text,
    };
    for (name, ex) in [
        ("persons", &Persons as &dyn Extractor),
        ("contacts", &Contacts),
        ("axes", &Axes),
        ("actions", &Actions),
    ] {
        let mut out = Vec::new();
        ex.extract(&doc, &mut out); // warm the lazy tables
        out.clear();
        let t0 = std::time::Instant::now();
        ex.extract(&doc, &mut out);
        let dt = t0.elapsed().as_secs_f64();
        println!(
            "{name}: {} mentions, {:.1} MB/s",
            out.len(),
            text.len() as f64 / dt / 1e6
        );
    }
}
