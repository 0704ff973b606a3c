//! Time of each stage and each extraction family on the seeds, replicated:
//! `cargo run --release --example family_cost [COPIES] [norm]` (`norm`: normalisation
//! only). Times are the thread's CPU time, so other work on the machine does not count;
//! the lexicon load is timed on its own line, before the per-seed lines.

use esscorpus::doc::{Format, RawText};
use esscorpus::extract::{Doc, REGISTRY};

fn main() {
    let copies: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let norm_only = std::env::args().nth(2).as_deref() == Some("norm");
    let mut paths: Vec<_> = std::fs::read_dir("seeds")
        .expect("run from the crate root")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed"))
        .collect();
    // one-time loads (lexicon), timed apart: a split word needing the lexicon
    let t = Instant::now();
    esscorpus::normalize::normalize(RawText {
        format: Format::Txt,
        pages: vec!["Solidair e ECONOMIQU E".into()],
        repairs: Default::default(),
    });
    println!(
        "one-time loads {:>27.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
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
    if norm_only {
        return;
    }
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
    // the families one after the other on each document, without settling overlaps: the
    // difference with the sum of the family lines is what they cost each other (caches)
    let t = Instant::now();
    let mut all = Vec::new();
    for d in &norm {
        let mut out = Vec::new();
        for ex in REGISTRY {
            ex.extract(
                &Doc {
                    id: "x",
                    text: &d.text,
                },
                &mut out,
            );
        }
        all.push(out);
    }
    report("families in turn", bytes, t.elapsed().as_secs_f64());
    let t = Instant::now();
    for ms in &mut all {
        esscorpus::extract::resolve_overlaps(ms);
    }
    report("resolve_overlaps", bytes, t.elapsed().as_secs_f64());
    let mut extracted: Vec<_> = norm
        .iter()
        .map(|d| {
            esscorpus::extract::extract(&Doc {
                id: "x",
                text: &d.text,
            })
        })
        .collect();
    let t = Instant::now();
    for (d, ms) in norm.iter().zip(&mut extracted) {
        esscorpus::link::anaphors::resolve(&d.text, ms);
    }
    report("link anaphors", bytes, t.elapsed().as_secs_f64());
    let t = Instant::now();
    for (d, ms) in norm.iter().zip(&extracted) {
        esscorpus::link::subject::subject(&d.text, ms);
    }
    report("link subject", bytes, t.elapsed().as_secs_f64());
    let t = Instant::now();
    for (d, ms) in norm.iter().zip(&extracted) {
        esscorpus::link::local::link_document(&d.text, ms);
    }
    report("link document (all)", bytes, t.elapsed().as_secs_f64());
    // the whole per-document stage, as the pipeline runs it (reading a text is included)
    let t = Instant::now();
    for _ in 0..copies {
        for s in &texts {
            if let Ok(l) = esscorpus::ingest::read_bytes(Format::Txt, s.as_bytes()) {
                esscorpus::pipeline::process_loaded("x", "x.txt", l);
            }
        }
    }
    report("process_loaded (all)", bytes, t.elapsed().as_secs_f64());
}

/// Thread CPU time, as an `Instant`-like stopwatch.
#[derive(Clone, Copy)]
struct Instant(f64);

impl Instant {
    fn now() -> Self {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes into the timespec we own.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        Instant(ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9)
    }

    fn elapsed(self) -> Secs {
        Secs(Self::now().0 - self.0)
    }
}

struct Secs(f64);

impl Secs {
    fn as_secs_f64(&self) -> f64 {
        self.0
    }
}

fn report(what: &str, bytes: usize, secs: f64) {
    println!(
        "{what:<32} {:>8.1} MB/s  {:>6.1} ns/byte",
        bytes as f64 / 1e6 / secs,
        secs * 1e9 / bytes as f64
    );
}
