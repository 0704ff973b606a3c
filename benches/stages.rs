//! Each stage on a short and a long French text from the seeds (`cargo bench`).
//! Throughput is reported in bytes of input text per second.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use esscorpus::doc::{Format, RawText};
use esscorpus::extract::{self, Doc};
use esscorpus::ingest;
use esscorpus::normalize;

const SHORT: &str = include_str!("../seeds/004_eccd5718877c3203.txt");
const LONG: &str = include_str!("../seeds/003_9092218c93b45cea.txt");

fn raw(text: &str) -> RawText {
    RawText {
        format: Format::Txt,
        pages: vec![text.to_string()],
        repairs: Default::default(),
    }
}

fn stages(c: &mut Criterion) {
    for (name, text) in [("short", SHORT), ("long", LONG)] {
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("ingest", |b| {
            b.iter(|| ingest::read_bytes(Format::Txt, black_box(text.as_bytes())))
        });
        g.bench_function("normalize", |b| {
            b.iter(|| normalize::normalize(black_box(raw(text))))
        });
        let norm = normalize::normalize(raw(text));
        g.bench_function("extract", |b| {
            b.iter(|| {
                extract::extract(&Doc {
                    id: "bench",
                    text: black_box(&norm.text),
                })
            })
        });
        g.bench_function("whole_document", |b| {
            b.iter(|| {
                let loaded = ingest::read_bytes(Format::Txt, black_box(text.as_bytes()));
                loaded.map(|l| esscorpus::pipeline::process_loaded("bench", "bench.txt", l))
            })
        });
        g.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
