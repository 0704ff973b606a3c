//! Whatever the bytes, ingest → normalise → extract → link never panics, spans stay on char
//! boundaries of the text they point into, and every entity gets one record line.
use esscorpus::doc::Format;
use esscorpus::ingest;
use esscorpus::pipeline::process_loaded;
use proptest::prelude::*;

const SEEDS: [&str; 5] = [
    include_str!("../seeds/000_bb5a42d7c7880174.txt"),
    include_str!("../seeds/001_0c293d2f549ad76e.txt"),
    include_str!("../seeds/002_d8c626b1ab69bb45.txt"),
    include_str!("../seeds/003_9092218c93b45cea.txt"),
    include_str!("../seeds/004_eccd5718877c3203.txt"),
];

fn check(format: Format, bytes: &[u8]) {
    if let Ok(loaded) = ingest::read_bytes(format, bytes) {
        let (p, text) = process_loaded("t", "t.txt", loaded);
        let chars: Vec<char> = text.chars().collect();
        for e in &p.entities {
            let [s, t] = e.span;
            assert!(
                s < t && t <= chars.len(),
                "span {s}..{t} of {}",
                chars.len()
            );
            let slice: String = chars[s..t].iter().collect();
            assert_eq!(slice, e.text);
        }
        // Linking and encoding, as the workers do.
        let n = p.entities.len();
        let doc = esscorpus::link::link_document(p);
        assert_eq!(doc.entities.len(), n);
        let lines = esscorpus::output::stream::DocLines::encode(doc).expect("records encode");
        assert_eq!(lines.files[1].iter().filter(|&&b| b == b'\n').count(), n);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000), md in any::<bool>()) {
        check(if md { Format::Md } else { Format::Txt }, &bytes);
    }

    #[test]
    fn mutated_seeds(seed in 0usize..5, flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..40), cut in any::<usize>()) {
        let mut bytes = SEEDS[seed].as_bytes().to_vec();
        for (at, b) in flips {
            let i = at % bytes.len();
            bytes[i] = b;
        }
        let cut = cut % (bytes.len() + 1);
        bytes.truncate(cut.max(bytes.len() / 2));
        check(Format::Txt, &bytes);
        check(Format::Md, &bytes);
    }

    #[test]
    fn french_fragments(parts in proptest::collection::vec(prop::sample::select(vec![
        "1 000", "\n000 euros", "201 5", "M€", "Région", " Rhône-", "\nAlpes", "Axe 1 :", "I_1.1.1",
        "Monsieur", " Jean-Paul BRET", ", Président", " le 3 juillet 2009", "2014-", " 2016",
        "www.", "\nx.org", "**", "[Lyon](#)", "dévelop-", "\npement", "a ction s", "04 76 00 64 35",
        "(ANEJ)", "« ", " »", "’", "\u{a0}", "\u{202f}", "%", "\x0c", "\r\n", "é", "\u{301}",
        "\nObjet : ", "CONVENTION", "\n7 rue Fantin Latour BP 1096", " cedex 9", "\nDE LA ", " dans le\n",
    ]), 0..60)) {
        let text: String = parts.concat();
        check(Format::Txt, text.as_bytes());
        check(Format::Md, text.as_bytes());
    }
}

#[test]
fn a_one_megabyte_line_and_deep_markup_finish() {
    let line = "Région Normandie 2024 : 1 000 € ".repeat(32_000);
    check(Format::Txt, line.as_bytes());
    let nested = "[".repeat(100_000) + &"](#)".repeat(100_000);
    check(Format::Md, nested.as_bytes());
    let stars = "*".repeat(200_000);
    check(Format::Md, stars.as_bytes());
    // visas: one line of a megabyte, and many short ones
    let visas = "Vu la convention d'objectifs ".repeat(36_000);
    check(Format::Txt, visas.as_bytes());
    let visas = "\n• Vu le plan de développement de l'ESS".repeat(25_000);
    check(Format::Txt, visas.as_bytes());
}
