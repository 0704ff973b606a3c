//! The per-document stage alone (read, normalise, extract, link inside the document) on
//! the seeds, replicated, for profiling under `perf record`:
//! `cargo run --release --example whole_doc [COPIES] [FAMILY]`. With FAMILY (an index in
//! `extract::REGISTRY`), only that family runs, on texts normalised beforehand.
use esscorpus::doc::{Format, RawText};
use esscorpus::extract::{Doc, REGISTRY};

fn main() {
    let copies: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let family: Option<usize> = std::env::args().nth(2).and_then(|a| a.parse().ok());
    let mut paths: Vec<_> = std::fs::read_dir("seeds")
        .expect("run from the crate root")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let texts: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).expect("seed"))
        .collect();
    let mut n = 0;
    if let Some(ex) = family.and_then(|f| REGISTRY.get(f)) {
        let norm: Vec<_> = texts
            .iter()
            .map(|s| {
                esscorpus::normalize::normalize(RawText {
                    format: Format::Txt,
                    pages: vec![String::from_utf8_lossy(s).into_owned()],
                    repairs: Default::default(),
                })
            })
            .collect();
        for _ in 0..copies {
            for d in &norm {
                let mut out = Vec::new();
                ex.extract(
                    &Doc {
                        id: "x",
                        text: &d.text,
                    },
                    &mut out,
                );
                n += out.len();
            }
        }
        println!("{n} mentions");
        return;
    }
    for _ in 0..copies {
        for s in &texts {
            if let Ok(l) = esscorpus::ingest::read_bytes(Format::Txt, s) {
                n += esscorpus::pipeline::process_loaded("x", "x.txt", l)
                    .0
                    .entities
                    .len();
            }
        }
    }
    println!("{n} entities");
}
