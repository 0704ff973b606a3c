//! Time of each stage and each extraction family on the seeds, replicated:
//! `cargo run --release --example family_cost [COPIES]`.
use std::time::Instant;

use esscorpus::doc::{Format, RawText};
use esscorpus::extract::{Doc, REGISTRY};

fn main() {
    let copies: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let mut texts = Vec::new();
    for e in std::fs::read_dir("seeds").expect("run from the crate root") {
        let p = e.expect("entry").path();
        texts.push(std::fs::read_to_string(&p).expect("seed"));
    }
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * copies;
    for s in &texts {
        let t = Instant::now();
        for _ in 0..copies {
            esscorpus::normalize::normalize(RawText {
                format: Format::Txt,
                pages: vec![s.clone()],
                repairs: Default::default(),
            });
        }
        report(
            &format!("normalize {} bytes", s.len()),
            s.len() * copies,
            t.elapsed().as_secs_f64(),
        );
    }
    let t = Instant::now();
    let mut norm = Vec::new();
    for _ in 0..copies {
        for s in &texts {
            norm.push(esscorpus::normalize::normalize(RawText {
                format: Format::Txt,
                pages: vec![s.clone()],
                repairs: Default::default(),
            }));
        }
    }
    report("normalize", bytes, t.elapsed().as_secs_f64());
    for (i, ex) in REGISTRY.iter().enumerate() {
        let t = Instant::now();
        let mut n = 0;
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
        report(
            &format!("family #{i} ({n} mentions)"),
            bytes,
            t.elapsed().as_secs_f64(),
        );
    }
    let t = Instant::now();
    for d in &norm {
        esscorpus::extract::extract(&Doc {
            id: "x",
            text: &d.text,
        });
    }
    report("extract (all)", bytes, t.elapsed().as_secs_f64());
}

fn report(what: &str, bytes: usize, secs: f64) {
    println!(
        "{what:<32} {:>8.1} MB/s  {:>6.1} ns/byte",
        bytes as f64 / 1e6 / secs,
        secs * 1e9 / bytes as f64
    );
}
