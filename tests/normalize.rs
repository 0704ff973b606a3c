//! Integration tests of the normalisation stage on real sentences of the seeds and dev
//! docs, property tests, and (ignored) throughput and repair-count reports.
use std::path::{Path, PathBuf};

use esscorpus::doc::{Format, Normalized, RawText, Repairs};
use esscorpus::normalize::normalize;
use proptest::prelude::*;
use unicode_normalization::{is_nfc, UnicodeNormalization};

fn norm_as(format: Format, pages: &[&str]) -> Normalized {
    normalize(RawText {
        format,
        pages: pages.iter().map(|s| s.to_string()).collect(),
        repairs: Repairs::new(),
    })
}

fn txt(s: &str) -> String {
    norm_as(Format::Txt, &[s]).text
}

fn shared() -> PathBuf {
    PathBuf::from("/work/shared")
}

/// Seeds and dev docs, when the shared folder is there (skipped silently otherwise).
fn corpus() -> Vec<(String, Format, String)> {
    let mut docs = vec![];
    for dir in ["seeds", "dev/docs"] {
        let Ok(rd) = std::fs::read_dir(shared().join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            let Some(format) = Format::from_path(&p) else {
                continue;
            };
            if let Ok(text) = std::fs::read_to_string(&p) {
                docs.push((name(&p), format, text));
            }
        }
    }
    docs
}

fn name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn seed_sentences() {
    let cases = [
        // 003: split words
        (
            "La Chambre Régionale d’Economie Sociale et Solidair e Rhône-Alpes , dont le",
            "La Chambre Régionale d’Economie Sociale et Solidaire Rhône-Alpes , dont le",
        ),
        (
            "La Communauté d'Agglomération Grenoble Alpes Métrop ole, représentée par",
            "La Communauté d'Agglomération Grenoble Alpes Métropole, représentée par",
        ),
        (
            "Le contrat est resserré autour une vingtaine action s afin de gagner en cohérence",
            "Le contrat est resserré autour une vingtaine actions afin de gagner en cohérence",
        ),
        (
            "sa notoriété et contribuer pleinement au développem ent humain et économique",
            "sa notoriété et contribuer pleinement au développement humain et économique",
        ),
        (
            "acteurs d’approfondir leurs projets; de nouvelles actions pourront être intégrées en 201 5 ou 2016",
            "acteurs d’approfondir leurs projets; de nouvelles actions pourront être intégrées en 2015 ou 2016",
        ),
        // 001: split word, kept sequences
        (
            " -   Rhône-Alpes est la r égion pionnière sur la question de la reprise ",
            " -   Rhône-Alpes est la région pionnière sur la question de la reprise ",
        ),
        (
            "l’Etat. Ce contrat a renforcé l’image de Rhône-Alpes en tant que ",
            "l’Etat. Ce contrat a renforcé l’image de Rhône-Alpes en tant que ",
        ),
        // 004: grouped numbers and phones stay
        (" 1 229 800 habitants\n04 76 00 64 35", " 1 229 800 habitants\n04 76 00 64 35"),
        (" 1 229 80 0 habitants", " 1 229 800 habitants"),
    ];
    for (a, b) in cases {
        assert_eq!(txt(a), b, "{a:?}");
    }
}

#[test]
fn seed_001_url_and_hyphen() {
    let s = "telle \nque la plateforme Rhône-\nAlpesolidaires (www.\nrhone-alpesolidaires.org ; \n800 000 visites uniques en 2013)";
    let n = norm_as(Format::Txt, &[s]);
    assert_eq!(
        n.text,
        "telle \nque la plateforme Rhône-Alpesolidaires\n(www.rhone-alpesolidaires.org\n; \n800 000 visites uniques en 2013)"
    );
    assert_eq!(n.repairs.get("hyphenations"), Some(&1));
    assert_eq!(n.repairs.get("broken_urls"), Some(&1));
}

#[test]
fn seed_000_markdown_in_txt() {
    let s = "soutien au développement de l'ESS (ex. : [les Conseils généraux de Drôme et d'Ardèche](#)). En **2001-2002**, un travail";
    assert_eq!(
        txt(s),
        "soutien au développement de l'ESS (ex. : les Conseils généraux de Drôme et d'Ardèche). En 2001-2002, un travail"
    );
}

#[test]
fn dev_doc_sentences() {
    let cases = [
        // 201
        (
            "de route communautaire en faveur de l'économie sociale et soli daire pour la période\n2022-2026. Celle-ci prévoit un appel à projets annuel destiné à faire émerger et à conso-\nlider des activités d'utilité sociale sur les 48 communes du territoire.",
            "de route communautaire en faveur de l'économie sociale et solidaire pour la période\n2022-2026. Celle-ci prévoit un appel à projets annuel destiné à faire émerger et à consolider\ndes activités d'utilité sociale sur les 48 communes du territoire.",
        ),
        (
            "employeurs et 15 800 salariés, soit 13,2 % de l'emploi salarié privé. La Commu nauté\nurbaine",
            "employeurs et 15 800 salariés, soit 13,2 % de l'emploi salarié privé. La Communauté\nurbaine",
        ),
        (
            "projets « Caen la Mer Solidaire », les subventions suivantes, pour un montant total de 70\n500 € :",
            "projets « Caen la Mer Solidaire », les subventions suivantes, pour un montant total de 70 500 € :",
        ),
        (
            "budget primitif 202 4 de la Communauté urbaine, chapitre 65.",
            "budget primitif 2024 de la Communauté urbaine, chapitre 65.",
        ),
        // 203
        (
            "mai 2022, au terme d'une concerta tion menée entre septembre 2021 et février 2022",
            "mai 2022, au terme d'une concertation menée entre septembre 2021 et février 2022",
        ),
        (
            "Mayer-Rossignol, Président de la Métropole, de faire de l'ESS un levier de la transi-\ntion sociale et écologique des 71 communes métropolitaines.",
            "Mayer-Rossignol, Président de la Métropole, de faire de l'ESS un levier de la transition\nsociale et écologique des 71 communes métropolitaines.",
        ),
        (
            "l'ESS, hors frais de personnel, est passé de 170 000 € en 201 9 à 420 000 € en 2024.",
            "l'ESS, hors frais de personnel, est passé de 170 000 € en 2019 à 420 000 € en 2024.",
        ),
        (
            "Action n°5 – Développer l'entrepre neuriat coopératif (Scop, Scic, coopératives",
            "Action n°5 – Développer l'entrepreneuriat coopératif (Scop, Scic, coopératives",
        ),
        (
            " Abondement des fonds de prêts solidaires gérés par France Active Normandie : 150\n000 € versés par la Métropole en 2023",
            " Abondement des fonds de prêts solidaires gérés par France Active Normandie : 150 000 € versés par la Métropole en 2023",
        ),
        // 212
        (
            "Région, le Dépar tement de la Guadeloupe et la Chambre régionale de l'économie",
            "Région, le Département de la Guadeloupe et la Chambre régionale de l'économie",
        ),
        (
            "projet de création ou de dévelop-\npement, dans la limite de 56 000 € par structure",
            "projet de création ou de développement,\ndans la limite de 56 000 € par structure",
        ),
        (
            "subventions détaillées dans le tableau ci-après, pour un montant total de 256\n830 € :",
            "subventions détaillées dans le tableau ci-après, pour un montant total de 256 830 € :",
        ),
        // 213
        (
            "La Collectivi té Territoriale de Martinique, représentée par Monsieur Serge LETCHIMY,",
            "La Collectivité Territoriale de Martinique, représentée par Monsieur Serge LETCHIMY,",
        ),
        (
            "des années 2024, 2025 et 2026, soit 330\n000 € au total, sous réserve",
            "des années 2024, 2025 et 2026, soit 330 000 € au total, sous réserve",
        ),
        (
            "par la loi du 1er juillet 1901, dont le siège est situé à Fort-de-France, représen-\ntée par sa Présidente,",
            "par la loi du 1er juillet 1901, dont le siège est situé à Fort-de-France, représentée\npar sa Présidente,",
        ),
    ];
    for (a, b) in cases {
        assert_eq!(txt(a), b, "{a:?}");
    }
}

#[test]
fn precision_sequences_stay() {
    for s in [
        "en tant que bénévole, à ce titre, Rhône Alpes, l'ESS a permis, pour l'emploi",
        "de la région, il a dit, y a-t-il",
        "Conseillers en exercice : 105 – Présents : 81 – Votants : 96",
        "en 2015 3 000 emplois ; article 3 2 ; les 24 et 25 février ; 69003 LYON 2 387 500 euros",
        "+33 (0)4 95 10 54 61 et 04.95.50.91.27 et 0596 12 34 56",
        "Page 3\n200 projets",
        "ml.filippi@adec.corsica – https://www.x.fr/page",
        "Conseil communautaire du 28 mars 2024 – Délibération n° C-24-047 – Page 1 / 3",
    ] {
        assert_eq!(txt(s), s, "{s:?}");
    }
}

#[test]
fn markdown_doc() {
    let s = "# Titre **gras**\n\n*Publié le 5 décembre 2022 – Rubrique [Économie sociale](#)*\n\n- **Pilotage** : l'État\n* puce\n1. un\n> cité\n| a | b |\n|---|---|\nfichier 14_11-04_456 <br> <https://x.fr>";
    let n = norm_as(Format::Md, &[s]);
    assert_eq!(
        n.text,
        "Titre gras\n\nPublié le 5 décembre 2022 – Rubrique Économie sociale\n\n- Pilotage : l'État\n* puce\n1. un\ncité\n| a | b |\n|---|---|\nfichier 14_11-04_456  https://x.fr"
    );
    assert_eq!(n.repairs.get("markdown"), Some(&8));
}

#[test]
fn characters_and_pages() {
    let n = norm_as(
        Format::Pdf,
        &["\u{feff}a\r\nb\u{a0}c\re\u{301}", "p2 ’ « x »"],
    );
    assert_eq!(n.text, "a\nb c\né\n\x0c\np2 ’ « x »");
    assert_eq!(n.page_starts, vec![0, 11]);
    assert_eq!(&n.text[n.page_starts[1]..], "p2 ’ « x »");
    assert_eq!(n.repairs.get("crlf"), Some(&2));
    assert_eq!(n.repairs.get("nbsp"), Some(&1));
    assert_eq!(n.repairs.get("bom"), Some(&1));
    assert_eq!(n.repairs.get("nfc"), Some(&1));
}

#[test]
fn corpus_is_stable_and_nfc() {
    for (name, format, text) in corpus() {
        let once = norm_as(format, &[&text]);
        assert!(is_nfc(&once.text), "{name}");
        let twice = norm_as(format, &[&once.text]);
        assert_eq!(once.text, twice.text, "{name} not idempotent");
    }
}

/// Prints the repairs on each seed and dev doc: `cargo test --test normalize -- --ignored --nocapture report`.
#[test]
#[ignore]
fn report_repairs() {
    for (name, format, text) in corpus() {
        let n = norm_as(format, &[&text]);
        println!("{name}: {:?}", n.repairs);
        // NORM_OUT=dir also writes the normalised texts, for a word diff with the inputs
        if let Some(dir) = std::env::var_os("NORM_OUT") {
            let _ = std::fs::write(Path::new(&dir).join(&name), &n.text);
        }
    }
}

/// Throughput on the seeds and dev docs replicated to ~20 MB, one document at a time:
/// `cargo test --release --test normalize -- --ignored --nocapture throughput`.
#[test]
#[ignore]
fn throughput() {
    let docs = corpus();
    assert!(!docs.is_empty());
    let t = std::time::Instant::now();
    let _ = norm_as(Format::Txt, &["warm-up Solidair e"]);
    println!("lexicon load: {:?}", t.elapsed());
    let size: usize = docs.iter().map(|d| d.2.len()).sum();
    let reps = 20_000_000 / size + 1;
    // per document, as the pipeline calls it
    let t = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..reps {
        for (_, format, text) in &docs {
            bytes += norm_as(*format, &[text]).text.len();
        }
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "per document: {:.1} MB in {el:.3} s = {:.0} MB/s ({:.2} ns/byte)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / el,
        el * 1e9 / bytes as f64
    );
    // damage-free text: the seeds after normalisation, normalised again
    let clean: Vec<(Format, String)> = docs
        .iter()
        .map(|(_, f, t)| (*f, norm_as(*f, &[t]).text))
        .collect();
    let t = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..reps {
        for (f, text) in &clean {
            bytes += norm_as(*f, &[text]).text.len();
        }
    }
    let el = t.elapsed().as_secs_f64();
    println!(
        "damage-free: {:.1} MB in {el:.3} s = {:.0} MB/s ({:.2} ns/byte)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / el,
        el * 1e9 / bytes as f64
    );
    // one big document
    let big: String = (0..reps)
        .map(|_| {
            docs.iter()
                .map(|d| d.2.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let t = std::time::Instant::now();
    let n = norm_as(Format::Txt, &[&big]);
    let el = t.elapsed().as_secs_f64();
    println!(
        "one {:.1} MB document: {:.0} MB/s",
        n.text.len() as f64 / 1e6,
        n.text.len() as f64 / 1e6 / el
    );
}

fn fragments() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Solidair",
        "e",
        "Métrop",
        "ole",
        "r",
        "égion",
        "a",
        "ction",
        "s",
        "de",
        "la",
        "ESS",
        "201",
        "5",
        "1",
        "000",
        "229",
        "80",
        "0",
        "dévelop-",
        "pement",
        "Rhône-",
        "Alpes",
        "(www.",
        "x.fr/",
        "page",
        "**",
        "[Lyon](#)",
        "_",
        "*",
        "\n",
        " ",
        "  ",
        "\u{a0}",
        "\r\n",
        "’",
        "'",
        "e\u{301}",
        "\u{301}",
        "é",
        "-",
        "#",
        "> ",
        "`",
        "€",
        "2 387",
        "500",
    ]);
    prop::collection::vec(words, 0..40).prop_map(|v| v.join(" "))
}

fn mixed() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            fragments(),
            any::<String>(),
            "[a-zé \n0-9\\-*_\\[\\]()#<>`.]{0,40}"
        ],
        1..4,
    )
    .prop_map(|v| v.concat())
}

#[test]
fn markup_closed_by_a_joined_line_is_reduced_once_for_all() {
    // found by the property below: a code span closed on the next line, then hyphenated
    let once = norm_as(Format::Md, &["\n\n`a-\na`"]);
    assert_eq!(once.text, "\n\naa");
    assert_eq!(norm_as(Format::Md, &[once.text.as_str()]).text, once.text);
    // a quote marker brought to a line start by hyphenation
    let once = norm_as(Format::Md, &["é-\na >"]);
    assert_eq!(norm_as(Format::Md, &[once.text.as_str()]).text, once.text);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_nfc_idempotent(s in mixed(), md in any::<bool>(), split in any::<bool>()) {
        let format = if md { Format::Md } else { Format::Txt };
        let pages: Vec<&str> = if split { s.splitn(3, '\n').collect() } else { vec![&s] };
        let once = norm_as(format, &pages);
        prop_assert!(is_nfc(&once.text));
        let mut starts = once.page_starts.clone();
        starts.push(once.text.len() + 3);
        for w in starts.windows(2) {
            prop_assert!(once.text.is_char_boundary(w[0]));
        }
        // idempotent, page by page
        let pages2: Vec<String> = (0..once.page_starts.len())
            .map(|i| {
                let s = once.page_starts[i];
                let e = once.page_starts.get(i + 1).map_or(once.text.len(), |&e| e - 3);
                once.text[s..e].to_string()
            })
            .collect();
        let p2: Vec<&str> = pages2.iter().map(String::as_str).collect();
        let twice = norm_as(format, &p2);
        prop_assert_eq!(&once.text, &twice.text);
    }

    #[test]
    fn plain_ascii_prose_unchanged(words in prop::collection::vec("[a-z]{2,9}", 1..30), seps in prop::collection::vec(prop::sample::select(vec![" ", ", ", ". ", "\n", "\n\n"]), 30)) {
        // real words only: ASCII prose made of lexicon words is left as it is
        let vocab = ["the", "social", "economie", "projet", "acteurs", "territoire", "dans", "pour", "avec", "entre", "politique", "emploi", "sociale", "contrat", "action", "programme"];
        let mut s = String::new();
        for (i, w) in words.iter().enumerate() {
            s.push_str(vocab[w.len() % vocab.len()]);
            s.push_str(seps[i % seps.len()]);
        }
        prop_assert_eq!(txt(&s), s.clone());
    }

    #[test]
    fn nfc_input_any(s in any::<String>()) {
        let n = txt(&s);
        prop_assert!(is_nfc(&n));
        let c: String = s.nfc().collect();
        prop_assert_eq!(txt(&c).len(), n.len());
    }
}

/// Found by the idempotence proptest: a join that makes a word which joins its neighbour.
#[test]
fn regression_split_words_reach_a_fixpoint() {
    use esscorpus::doc::{Format, RawText};
    let once = |s: &str| {
        esscorpus::normalize::normalize(RawText {
            format: Format::Txt,
            pages: vec![s.to_string()],
            repairs: Default::default(),
        })
        .text
    };
    for s in ["r s s", "a ction s de la r égion"] {
        let a = once(s);
        assert_eq!(once(&a), a, "{s:?}");
    }
}
