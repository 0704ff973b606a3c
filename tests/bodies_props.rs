//! No input panics the body and programme extractors: random strings, and the seed texts cut
//! at random byte offsets (which may fall inside a character).
use esscorpus::extract::{body, programme, Doc, Extractor};
use proptest::prelude::*;

fn run(text: &str) {
    let doc = Doc { id: "p", text };
    let mut out = Vec::new();
    body::Bodies.extract(&doc, &mut out);
    programme::Programmes.extract(&doc, &mut out);
    for m in &out {
        assert!(
            m.start < m.end && text.get(m.start..m.end).is_some(),
            "bad span {m:?}"
        );
    }
}

proptest! {
    #[test]
    fn random_text_does_not_panic(s in "\\PC{0,300}") {
        run(&s);
    }

    #[test]
    fn french_like_text_does_not_panic(s in "((la |le |l'|l’|de |d’|du |des )?(Région|Conseil général|Métropole|CRESS|DREETS|association|SCIC|Contrat|Plan|appel à projets|État|Rhône-Alpes|Isère|« |» |\\(|\\)|ANEJ|RA|-|\n| |, |é|’))*") {
        run(&s);
    }
}

#[test]
fn seed_texts_cut_anywhere_do_not_panic() {
    let dir = std::path::Path::new("/work/shared/seeds");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let Ok(bytes) = std::fs::read(e.path()) else {
            continue;
        };
        let mut seed = 7u64;
        for _ in 0..20 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let cut = (seed >> 33) as usize % (bytes.len().max(1));
            let text = String::from_utf8_lossy(&bytes[..cut]);
            run(&text);
            let text = String::from_utf8_lossy(&bytes[cut..]);
            run(&text);
        }
    }
}
