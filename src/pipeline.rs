//! The run: ingest → normalise → extract (in parallel, drop order kept) → link → write.
//! [`crate::corpus`] decides what is read and what comes from a cache (`--into`, shards,
//! `merge`).
//!
//! Each document is read, normalised, extracted, linked and encoded by one of rayon's
//! workers; one thread writes the results in drop order as they come
//! ([`crate::corpus::build`]). Memory grows with the documents in flight and the body
//! records, not with the size of the drop.
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use thiserror::Error;

use crate::clock::{Clock, Stage};
use crate::config::{parse_shard, Config};
use crate::corpus::{self, Built, Plan};
use crate::doc::Normalized;
use crate::extract::{self, Doc, Mention};
use crate::ingest::{self, IngestError, Loaded};
use crate::link::{self, Located, Processed};
use crate::messages::Messages;
use crate::normalize;
use crate::output::cache::Lock;
use crate::output::wire::{DocumentRecord, Manifest, RunReport, SCHEMA_VERSION};
use crate::output::{self, Staging};

/// Why a run could not happen at all.
#[derive(Debug, Error)]
pub enum RunError {
    #[error("{0}")]
    Input(String),
    #[error("no input files found in {0}")]
    NoInput(String),
    #[error("output folder {path}: {reason}")]
    Output { path: String, reason: String },
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// What the closing summary line says.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub documents: usize,
    pub skipped: usize,
    pub entities: usize,
    pub input_bytes: u64,
    pub seconds: f64,
    /// Documents taken from a cache (`--into`, `merge`) rather than extracted.
    pub reused: usize,
}

impl Summary {
    pub fn mb_per_s(&self) -> f64 {
        if self.seconds > 0.0 {
            self.input_bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }
}

/// A full run, an incremental run (`--into`) or a shard (`--shard K/N`), as configured.
pub fn run(cfg: &Config, msg: &mut Messages) -> Result<Summary, RunError> {
    let t0 = Instant::now();
    let started = now_rfc3339();
    let out_err = |e: std::io::Error| RunError::Output {
        path: cfg.out.display().to_string(),
        reason: e.to_string(),
    };
    let _lock = Lock::acquire(&cfg.out).map_err(|reason| RunError::Output {
        path: cfg.out.display().to_string(),
        reason,
    })?;
    let mut plan = Plan::default();
    if cfg.incremental {
        if cfg.out.exists() && !cfg.out.is_dir() {
            return Err(out_err(std::io::Error::other("exists and is not a folder")));
        }
        if let Some(index) = corpus::prior_of(&cfg.out).map_err(RunError::Input)? {
            plan.add_priors(vec![(cfg.out.clone(), index)]);
        }
        for id in &cfg.remove {
            plan.remove(id).map_err(RunError::Input)?;
        }
    }
    let inputs = if cfg.inputs.is_empty() {
        Vec::new()
    } else {
        ingest::discover(&cfg.inputs).map_err(RunError::Input)?
    };
    if inputs.is_empty() && !cfg.incremental {
        let names: Vec<String> = cfg.inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(RunError::NoInput(names.join(", ")));
    }
    let files_seen = inputs.len();
    if let Some((k, n)) = cfg.shard {
        // Ids over the whole drop, so that every shard gives each document the id a single
        // run would.
        let all = ingest::assign_ids(&inputs);
        let mut ids = Vec::new();
        for (pos, (input, id)) in inputs.into_iter().zip(all).enumerate() {
            if corpus::shard_of(&id, n) == k {
                plan.add_input(input, pos);
                ids.push(id);
            }
        }
        plan.ids = Some(ids);
        plan.shard = Some((k, n));
    } else {
        let base = plan.slots.len();
        for (pos, input) in inputs.into_iter().enumerate() {
            plan.add_input(input, base + pos);
        }
    }
    let staging = Staging::create(&cfg.out).map_err(out_err)?;
    let pool = pool(cfg.threads)?;
    let built = corpus::build(plan, &staging, &pool, cfg.threads, msg)?;
    finish(
        staging,
        built,
        Report {
            t0,
            started,
            threads: cfg.threads,
            inputs: cfg.inputs.iter().map(|p| p.display().to_string()).collect(),
            files_seen,
            shard: cfg.shard.map(|(k, n)| format!("{k}/{n}")),
            out: &cfg.out,
        },
    )
}

/// Merges corpus folders (shards of one drop, or any corpora with a cache) into `out`.
pub fn merge(
    outputs: &[PathBuf],
    out: &Path,
    threads: usize,
    msg: &mut Messages,
) -> Result<Summary, RunError> {
    let t0 = Instant::now();
    let started = now_rfc3339();
    let _lock = Lock::acquire(out).map_err(|reason| RunError::Output {
        path: out.display().to_string(),
        reason,
    })?;
    let mut priors = Vec::new();
    let mut shards: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for o in outputs {
        let index = output::cache::read_index(o)
            .map_err(RunError::Input)?
            .ok_or_else(|| {
                RunError::Input(format!(
                    "{}: not a corpus folder with a cache (cache/index.json)",
                    o.display()
                ))
            })?;
        if let Some((k, n)) = index.shard.as_deref().and_then(|s| parse_shard(s).ok()) {
            shards.entry(n).or_default().push(k);
        }
        priors.push((o.clone(), index));
    }
    for (n, ks) in &shards {
        let missing: Vec<String> = (1..=*n)
            .filter(|k| !ks.contains(k))
            .map(|k| format!("{k}/{n}"))
            .collect();
        if !missing.is_empty() {
            msg.warn("merge", &format!("shards missing: {}", missing.join(", ")));
        }
    }
    let mut plan = Plan::default();
    plan.add_priors(priors);
    let staging = Staging::create(out).map_err(|e| RunError::Output {
        path: out.display().to_string(),
        reason: e.to_string(),
    })?;
    let pool = pool(threads)?;
    let built = corpus::build(plan, &staging, &pool, threads, msg)?;
    finish(
        staging,
        built,
        Report {
            t0,
            started,
            threads,
            inputs: outputs.iter().map(|p| p.display().to_string()).collect(),
            files_seen: 0,
            shard: None,
            out,
        },
    )
}

fn pool(threads: usize) -> Result<rayon::ThreadPool, RunError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| RunError::Threads(e.to_string()))
}

/// What run.json says besides the corpus.
struct Report<'a> {
    t0: Instant,
    started: String,
    threads: usize,
    inputs: Vec<String>,
    files_seen: usize,
    shard: Option<String>,
    out: &'a Path,
}

/// Links the documents, writes the corpus files and run.json, and puts the folder in place.
fn finish(staging: Staging, built: Built, r: Report<'_>) -> Result<Summary, RunError> {
    let out_err = |e: std::io::Error| RunError::Output {
        path: r.out.display().to_string(),
        reason: e.to_string(),
    };
    let secs = |s: f64| (s * 1000.0).round() / 1000.0;
    let mut stages_s = BTreeMap::new();
    stages_s.insert(
        "documents",
        secs(r.t0.elapsed().as_secs_f64() - built.ordering_s),
    );
    stages_s.insert("order", secs(built.ordering_s));
    let t_write = Instant::now();
    let entities: usize = built.counts.iter().sum();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    counts.insert("documents".into(), built.documents.len());
    counts.insert("bodies".into(), built.bodies.len());
    counts.insert("facts".into(), built.facts);
    for (t, n) in extract::EntityType::ALL.iter().zip(built.counts) {
        counts.insert(t.as_str().into(), n);
    }
    let documents = built.documents.len();
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        tool: "esscorpus",
        version: env!("CARGO_PKG_VERSION"),
        counts,
        documents: built.documents,
    };
    let write = |name: &str| staging.file(name).map_err(out_err);
    output::write_jsonl(write("bodies.jsonl")?, &built.bodies.into_records()).map_err(out_err)?;
    output::write_json(write("corpus.json")?, &manifest).map_err(out_err)?;
    stages_s.insert("bodies", secs(t_write.elapsed().as_secs_f64()));
    let summary = Summary {
        documents,
        skipped: built.skipped.len(),
        entities,
        input_bytes: built.input_bytes,
        seconds: r.t0.elapsed().as_secs_f64(),
        reused: built.reused,
    };
    let report = RunReport {
        tool: "esscorpus",
        version: env!("CARGO_PKG_VERSION"),
        started: r.started,
        duration_s: (summary.seconds * 1000.0).round() / 1000.0,
        threads: r.threads,
        inputs: r.inputs,
        files_seen: r.files_seen,
        documents: summary.documents,
        skipped: built.skipped,
        entities,
        input_bytes: built.input_bytes,
        mb_per_s: (summary.mb_per_s() * 100.0).round() / 100.0,
        reused: built.reused,
        shard: r.shard,
        stages_s,
        worker_s: built.worker_s,
    };
    output::write_json(write("run.json")?, &report).map_err(out_err)?;
    staging.commit().map_err(out_err)?;
    Ok(summary)
}

/// Normalises and extracts one document. A panic in a rule is a bug, but it costs one
/// document, not the run.
pub(crate) fn process_guarded(
    id: &str,
    source: &str,
    loaded: Loaded,
    clock: &Clock,
) -> Result<(Processed, String), IngestError> {
    catch_unwind(AssertUnwindSafe(|| {
        process_timed(id, source, loaded, clock)
    }))
    .map_err(|_| {
        IngestError::Io("internal error while processing this file (please report it)".into())
    })
}

/// Normalises and extracts a document already read; returns its results and its text.
pub fn process_loaded(id: &str, source: &str, loaded: Loaded) -> (Processed, String) {
    process_timed(id, source, loaded, &Clock::default())
}

/// [`process_loaded`], with the time of each stage counted on `clock`.
pub fn process_timed(id: &str, source: &str, loaded: Loaded, clock: &Clock) -> (Processed, String) {
    let format = loaded.raw.format;
    let paged = loaded.raw.pages.len();
    let norm = clock.time(Stage::Normalize, || normalize::normalize(loaded.raw));
    let mentions = clock.time(Stage::Extract, || {
        let mut mentions = extract::extract(&Doc {
            id,
            text: &norm.text,
        });
        link::anaphors::resolve(&norm.text, &mut mentions);
        mentions
    });
    clock.time(Stage::Link, || {
        located(id, source, format, paged, loaded.sha256, norm, mentions)
    })
}

/// Links a document's mentions to each other and places them in its text.
fn located(
    id: &str,
    source: &str,
    format: crate::doc::Format,
    paged: usize,
    sha256: String,
    norm: Normalized,
    mentions: Vec<Mention>,
) -> (Processed, String) {
    let links = link::local::link_document(&norm.text, &mentions);
    let bytes = mentions
        .iter()
        .flat_map(|m| [m.start, m.end])
        .chain(
            links
                .links
                .iter()
                .flat_map(|l| [l.evidence.0, l.evidence.1]),
        )
        .collect();
    let offsets = CharOffsets::new(&norm.text, bytes);
    let evidence_spans = links
        .links
        .iter()
        .map(|l| offsets.span(l.evidence.0, l.evidence.1))
        .collect();
    let entities = locate(&norm, mentions, format == crate::doc::Format::Pdf, &offsets);
    let record = DocumentRecord {
        id: id.to_string(),
        source: source.to_string(),
        format: format.as_str(),
        sha256,
        pages: (format == crate::doc::Format::Pdf).then_some(paged),
        chars: norm.text.chars().count(),
        title: extract::title::title(&norm.text),
        subject_body: None,
        repairs: norm.repairs.clone(),
    };
    (
        Processed {
            record,
            entities,
            links,
            evidence_spans,
        },
        norm.text,
    )
}

/// Turns byte offsets of the text into code-point offsets, in one pass over the text.
struct CharOffsets(BTreeMap<usize, usize>);

impl CharOffsets {
    fn new(text: &str, mut bytes: Vec<usize>) -> CharOffsets {
        bytes.sort_unstable();
        bytes.dedup();
        let mut map = BTreeMap::new();
        let mut it = bytes.iter().peekable();
        for (ci, (bi, _)) in text.char_indices().chain([(text.len(), ' ')]).enumerate() {
            while let Some(&&b) = it.peek() {
                if b > bi {
                    break;
                }
                if b == bi {
                    map.insert(b, ci);
                }
                it.next();
            }
        }
        CharOffsets(map)
    }

    /// The code-point span of a byte span (extraction only emits spans on char boundaries).
    fn span(&self, start: usize, end: usize) -> [usize; 2] {
        let s = self.0.get(&start).copied().unwrap_or(0);
        [s, self.0.get(&end).copied().unwrap_or(s)]
    }
}

/// Places mentions in the text: code-point span, page and text. Keeps every mention, so
/// that link indices stay valid.
fn locate(
    norm: &Normalized,
    mentions: Vec<Mention>,
    paged: bool,
    offsets: &CharOffsets,
) -> Vec<Located> {
    mentions
        .into_iter()
        .map(|m| {
            let span = offsets.span(m.start, m.end);
            let text = norm
                .text
                .get(m.start..m.end)
                .unwrap_or_default()
                .to_string();
            let page = paged.then(|| norm.page_of(m.start));
            Located {
                mention: m,
                span,
                page,
                text,
            }
        })
        .collect()
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ` (for run.json only).
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Value;

    #[test]
    fn spans_are_in_code_points() {
        let norm = Normalized {
            text: "Région: 4,5 M€ et 2014".into(),
            page_starts: vec![0],
            repairs: Default::default(),
        };
        let start = norm.text.find("4,5").unwrap();
        let end = start + "4,5 M€".len();
        let m = Mention {
            start,
            end,
            value: Value::Amount { eur: 4.5e6 },
            rule: "amount.test",
        };
        let offsets = CharOffsets::new(&norm.text, vec![m.start, m.end]);
        let l = locate(&norm, vec![m], false, &offsets);
        assert_eq!(l[0].span, [8, 14]);
        let chars: String = norm.text.chars().skip(8).take(6).collect();
        assert_eq!(chars, l[0].text);
    }

    #[test]
    fn timestamp_has_rfc3339_shape() {
        let t = now_rfc3339();
        assert_eq!(t.len(), 20);
        assert!(t.ends_with('Z'));
    }
}
