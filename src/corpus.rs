//! A corpus as a list of inputs in drop order, some new, some known from earlier corpus
//! folders (their `cache/` and `text/`), built into one corpus folder.
//!
//! A full run, an incremental run (`run --into`), a shard (`run --shard K/N`) and a merge
//! are the same build with different slots: documents already processed are loaded from a
//! cache, the others read and extracted; every document is linked on its own
//! ([`link::link_document`]) under the id it has in the whole corpus, duplicates are
//! settled in drop order, and body records gathered over all documents. So the corpus is
//! the one a single run over all the inputs gives, byte for byte.
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};
use std::time::Instant;

use crate::clock::{Clock, Stage};
use crate::extract::EntityType;
use crate::ingest::{self, IngestError, Input};
use crate::link::{self, Bodies, Processed};
use crate::messages::Messages;
use crate::output::cache::{self, Index, IndexEntry};
use crate::output::stream::{DocLines, Streams};
use crate::output::wire::Skipped;
use crate::output::Staging;
use crate::pipeline::{self, RunError};

/// What is known of one input.
#[derive(Debug)]
pub enum State {
    /// A file to read and extract: new, or old but its cache entry cannot be used.
    Read(Input),
    /// Content already processed: its sha256 (results in a cache, or read this run).
    Known(String),
    /// Why the file was skipped.
    Skipped(String),
}

#[derive(Debug)]
pub struct Slot {
    /// Position in the whole drop (kept by shards, for merging).
    pub pos: usize,
    pub source: String,
    /// Absolute path of the file, to read it again if need be.
    pub path: Option<PathBuf>,
    /// The id it had in the corpus it comes from (for `--remove`).
    pub old_id: Option<String>,
    pub state: State,
    /// Read during this run (its warnings are shown).
    pub new: bool,
}

/// The inputs of a corpus to build, and where earlier results lie.
#[derive(Debug, Default)]
pub struct Plan {
    pub slots: Vec<Slot>,
    /// Corpus folders whose cache and texts are reused.
    pub priors: Vec<PathBuf>,
    /// For each content known from a prior folder: the folder (index) and its id there.
    stored: HashMap<String, (usize, String)>,
    /// Ids over the whole drop, when they cannot be derived from the slots (shards).
    pub ids: Option<Vec<String>>,
    /// `K/N` of a shard run.
    pub shard: Option<(usize, usize)>,
}

impl Plan {
    /// Adds the inputs recorded in the indexes of earlier corpus folders. With several,
    /// their entries are taken in drop position, then folder order.
    pub fn add_priors(&mut self, priors: Vec<(PathBuf, Index)>) {
        let mut all: Vec<(usize, usize, IndexEntry)> = Vec::new();
        for (dir, index) in priors {
            let k = self.priors.len();
            self.priors.push(dir);
            all.extend(index.entries.into_iter().map(|e| (e.pos, k, e)));
        }
        all.sort_by_key(|(pos, k, _)| (*pos, *k));
        for (pos, k, e) in all {
            if let Some(sha) = &e.sha256 {
                self.stored
                    .entry(sha.clone())
                    .or_insert_with(|| (k, e.id.clone()));
            }
            let state = match (e.sha256, e.skipped) {
                (Some(sha), _) => State::Known(sha),
                (None, reason) => State::Skipped(reason.unwrap_or_default()),
            };
            self.put(Slot {
                pos,
                source: e.source,
                path: e.path.map(PathBuf::from),
                old_id: Some(e.id),
                state,
                new: false,
            });
        }
    }

    /// Adds a file of the drop: after the others, or in the place of the input with the
    /// same source (a new version of a file replaces the old one).
    pub fn add_input(&mut self, input: Input, pos: usize) {
        let path = fs::canonicalize(&input.path).ok();
        self.put(Slot {
            pos,
            source: input.source.clone(),
            path,
            old_id: None,
            state: State::Read(input),
            new: true,
        });
    }

    fn put(&mut self, slot: Slot) {
        match self.slots.iter_mut().find(|s| s.source == slot.source) {
            Some(old) => {
                *old = Slot {
                    pos: old.pos,
                    ..slot
                }
            }
            None => self.slots.push(slot),
        }
    }

    /// Removes the document with this id, or says there is none.
    pub fn remove(&mut self, id: &str) -> Result<(), String> {
        let before = self.slots.len();
        self.slots.retain(|s| s.old_id.as_deref() != Some(id));
        if self.slots.len() == before {
            return Err(format!("--remove {id}: the corpus has no document {id}"));
        }
        Ok(())
    }
}

/// What became of one slot, handed by a worker to the thread that writes the corpus.
enum Work {
    Skipped(String),
    Done(Box<Done>),
    /// The corpus cannot be built (results lost and the file gone).
    Fatal(RunError),
}

/// A slot read (or taken from a cache) and linked.
struct Done {
    sha: String,
    /// The file's size, when it was read and extracted this run.
    extracted: Option<u64>,
    /// The earlier corpus folder (index in [`Plan::priors`]) and id its results came from.
    prior: Option<(usize, String)>,
    lines: DocLines,
}

/// Results of a content known from an earlier corpus folder, from its cache.
fn stored_results(plan: &Plan, sha: &str) -> Option<(Processed, usize, String)> {
    let (k, old_id) = plan.stored.get(sha)?;
    let p = cache::read_entry(&cache::entry_path(&plan.priors[*k], sha), sha)?;
    Some((p, *k, old_id.clone()))
}

/// A worker's job: one slot read, extracted (or taken from a cache), linked and encoded.
/// The text and the cache entry of an extracted document are written here, under names no
/// other slot uses (`text/<id>.txt`, `cache/<sha256>.json` by atomic rename).
fn work(plan: &Plan, i: usize, id: &str, dir: &Path, clock: &Clock, entries: &Claims) -> Work {
    let slot = &plan.slots[i];
    let input = match &slot.state {
        State::Skipped(reason) => return Work::Skipped(reason.clone()),
        State::Read(input) => input.clone(),
        State::Known(sha) => {
            if let Some((p, k, old_id)) = clock.time(Stage::Ingest, || stored_results(plan, sha)) {
                return linked(
                    p,
                    id,
                    &slot.source,
                    sha.clone(),
                    None,
                    Some((k, old_id)),
                    clock,
                );
            }
            // Results written by another version or rule set: the file is read again.
            match &slot.path {
                Some(p) if p.is_file() => ingest::input_at(p.clone(), slot.source.clone()),
                _ => {
                    return Work::Fatal(RunError::Input(format!(
                        "{}: its cached results were written by another esscorpus version or \
                         rule set (or are gone), and its file {} cannot be read again; run \
                         esscorpus on the whole drop",
                        slot.source,
                        slot.path
                            .as_deref()
                            .map_or("(unknown)".into(), |p| p.display().to_string())
                    )))
                }
            }
        }
    };
    let t_ingest = Instant::now();
    let bytes = match ingest::read_raw(&input) {
        Ok(b) => b,
        Err(e) => return Work::Skipped(e.to_string()),
    };
    let sha = ingest::sha256_hex(&bytes);
    if let Some((p, k, old_id)) = stored_results(plan, &sha) {
        clock.add(Stage::Ingest, t_ingest.elapsed());
        return linked(p, id, &slot.source, sha, None, Some((k, old_id)), clock);
    }
    let Some(format) = input.format else {
        return Work::Skipped(IngestError::Unsupported.to_string());
    };
    let loaded = match ingest::read_bytes(format, &bytes) {
        Ok(l) => l,
        Err(e) => return Work::Skipped(e.to_string()),
    };
    let len = bytes.len() as u64;
    drop(bytes);
    clock.add(Stage::Ingest, t_ingest.elapsed());
    let (p, text) = match pipeline::process_guarded(id, &slot.source, loaded, clock) {
        Ok(r) => r,
        Err(e) => return Work::Skipped(e.to_string()),
    };
    let written = clock.time(Stage::Write, || {
        fs::write(dir.join("text").join(format!("{id}.txt")), &text)?;
        if entries.claim(&sha) {
            fs::write(cache::entry_path(dir, &sha), cache::encode_entry(&p)?)?;
        }
        Ok(())
    });
    if let Err(e) = written {
        return Work::Fatal(output_error(dir, e));
    }
    linked(p, id, &slot.source, sha, Some(len), None, clock)
}

/// Links a document's results under its id in this corpus and encodes its lines.
fn linked(
    mut p: Processed,
    id: &str,
    source: &str,
    sha: String,
    extracted: Option<u64>,
    prior: Option<(usize, String)>,
    clock: &Clock,
) -> Work {
    p.record.id = id.to_string();
    p.record.source = source.to_string();
    let doc = match catch_unwind(AssertUnwindSafe(|| {
        clock.time(Stage::Link, || link::link_document(p))
    })) {
        Ok(d) => d,
        Err(_) => {
            return Work::Skipped(
                "internal error while linking this file (please report it)".to_string(),
            )
        }
    };
    match clock.time(Stage::Write, || DocLines::encode(doc)) {
        Ok(lines) => Work::Done(Box::new(Done {
            sha,
            extracted,
            prior,
            lines,
        })),
        Err(e) => Work::Skipped(format!("internal error while encoding its records: {e}")),
    }
}

/// What a build hands back for corpus.json, bodies.jsonl and run.json; documents.jsonl,
/// entities.jsonl and facts.jsonl are already written.
pub struct Built {
    /// Document ids, sorted.
    pub documents: Vec<String>,
    pub bodies: Bodies,
    /// Entities per type, in the order of [`EntityType::ALL`].
    pub counts: [usize; EntityType::ALL.len()],
    pub facts: usize,
    pub skipped: Vec<Skipped>,
    pub input_bytes: u64,
    /// Documents taken from a cache rather than extracted.
    pub reused: usize,
    /// Seconds spent putting the streamed files in document-id order.
    pub ordering_s: f64,
    /// Seconds per per-document stage, summed over the threads.
    pub worker_s: BTreeMap<&'static str, f64>,
}

/// Slots a worker may run ahead of the oldest slot not yet written, per thread: enough to
/// keep workers busy behind a slow document, few enough to keep memory flat.
const AHEAD_PER_THREAD: usize = 64;

/// Hands out slots in drop order and holds workers back when they run too far ahead.
struct Dispatch {
    next: AtomicUsize,
    /// Slots before this one are written.
    written: Mutex<usize>,
    advanced: Condvar,
    stop: AtomicBool,
    ahead: usize,
}

impl Dispatch {
    /// The next slot to work on, once it is near enough the writer; `None` when done.
    fn take(&self, n: usize) -> Option<usize> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        if i >= n || self.stop.load(Ordering::Relaxed) {
            return None;
        }
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        while i >= *written + self.ahead && !self.stop.load(Ordering::Relaxed) {
            written = self
                .advanced
                .wait(written)
                .unwrap_or_else(|e| e.into_inner());
        }
        (!self.stop.load(Ordering::Relaxed)).then_some(i)
    }

    fn set_written(&self, upto: usize) {
        *self.written.lock().unwrap_or_else(|e| e.into_inner()) = upto;
        self.advanced.notify_all();
    }

    fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        self.advanced.notify_all();
    }
}

/// Contents whose cache entry someone writes (or links from an earlier corpus) already:
/// the staging folder is this run's alone, so an entry needs no temporary file, only one
/// writer.
#[derive(Default)]
struct Claims(Mutex<std::collections::HashSet<String>>);

impl Claims {
    /// Whether the caller is the first to write the cache entry of this content.
    fn claim(&self, sha: &str) -> bool {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(sha.to_string())
    }
}

/// Stops the dispatch when dropped.
struct ReleaseOnDrop<'a>(&'a Dispatch);

impl Drop for ReleaseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Builds the corpus of `plan` into `staging`: documents are read, extracted, linked and
/// encoded by the pool's workers, and written here in drop order as they come, with the
/// texts, the cache and the index. Only body aggregates and a few bytes per document stay
/// in memory.
pub fn build(
    mut plan: Plan,
    staging: &Staging,
    pool: &rayon::ThreadPool,
    threads: usize,
    msg: &mut Messages,
) -> Result<Built, RunError> {
    let out_err = |e: std::io::Error| RunError::Output {
        path: staging.dir().display().to_string(),
        reason: e.to_string(),
    };
    let dir = staging.dir().to_path_buf();
    fs::create_dir_all(dir.join(cache::DIR)).map_err(out_err)?;
    let ids = match plan.ids.take() {
        Some(ids) => ids,
        None => {
            let sources: Vec<&str> = plan.slots.iter().map(|s| s.source.as_str()).collect();
            ingest::assign_ids_by_source(&sources)
        }
    };
    let n = plan.slots.len();
    msg.start_progress(n as u64);
    let dispatch = Dispatch {
        next: AtomicUsize::new(0),
        written: Mutex::new(0),
        advanced: Condvar::new(),
        stop: AtomicBool::new(false),
        ahead: AHEAD_PER_THREAD * threads.max(1),
    };
    let entries = Claims::default();
    let clock = Clock::default();
    let mut writer = Writer::new(&plan, &ids, &dir)?;
    let (tx, rx) = mpsc::channel::<(usize, Work)>();
    let (plan, ids, dir, dispatch, clock, entries) =
        (&plan, &ids, &dir, &dispatch, &clock, &entries);
    let failure = std::thread::scope(|s| {
        let workers = s.spawn(move || {
            pool.broadcast(|_| {
                let tx = tx.clone();
                while let Some(i) = dispatch.take(n) {
                    let w = catch_unwind(AssertUnwindSafe(|| {
                        work(plan, i, &ids[i], dir, clock, entries)
                    }))
                    .unwrap_or_else(|_| {
                        Work::Skipped(
                            "internal error while processing this file (please report it)"
                                .to_string(),
                        )
                    });
                    if tx.send((i, w)).is_err() {
                        break;
                    }
                }
            })
        });
        // Whatever way this thread leaves (a panic included), no worker stays waiting.
        let _release = ReleaseOnDrop(dispatch);
        let mut pending: BTreeMap<usize, Work> = BTreeMap::new();
        let mut failure = None;
        'recv: for (i, w) in rx.iter() {
            pending.insert(i, w);
            while let Some(w) = pending.remove(&writer.next) {
                msg.advance(1);
                if let Err(e) = clock.time(Stage::Write, || writer.put(w, msg, entries)) {
                    failure = Some(e);
                    dispatch.stop();
                    break 'recv;
                }
                dispatch.set_written(writer.next);
            }
            if writer.next == n {
                break;
            }
        }
        drop(rx);
        let _ = workers.join();
        failure
    });
    msg.finish_progress();
    if let Some(e) = failure {
        return Err(e);
    }
    writer.finish(clock.seconds())
}

/// The thread that writes the corpus: takes slots in drop order, settles duplicates, and
/// appends each document's lines and body sightings.
struct Writer<'a> {
    plan: &'a Plan,
    ids: &'a [String],
    dir: &'a Path,
    /// The slot expected next.
    next: usize,
    /// The first source of each content.
    first: HashMap<String, String>,
    streams: Streams,
    bodies: Bodies,
    counts: [usize; EntityType::ALL.len()],
    facts: usize,
    skipped: Vec<Skipped>,
    entries: Vec<IndexEntry>,
    input_bytes: u64,
    reused: usize,
}

impl<'a> Writer<'a> {
    fn new(plan: &'a Plan, ids: &'a [String], dir: &'a Path) -> Result<Writer<'a>, RunError> {
        Ok(Writer {
            plan,
            ids,
            dir,
            next: 0,
            first: HashMap::new(),
            streams: Streams::create(dir).map_err(|e| output_error(dir, e))?,
            bodies: Bodies::default(),
            counts: [0; EntityType::ALL.len()],
            facts: 0,
            skipped: Vec::new(),
            entries: Vec::new(),
            input_bytes: 0,
            reused: 0,
        })
    }

    fn put(&mut self, w: Work, msg: &Messages, entries: &Claims) -> Result<(), RunError> {
        let n = self.next;
        self.next += 1;
        let (slot, id) = (&self.plan.slots[n], &self.ids[n]);
        let out_err = |e: std::io::Error| output_error(self.dir, e);
        let mut entry = IndexEntry {
            pos: if self.plan.shard.is_some() {
                slot.pos
            } else {
                n
            },
            source: slot.source.clone(),
            id: id.clone(),
            path: slot.path.as_ref().map(|p| p.display().to_string()),
            sha256: None,
            skipped: None,
        };
        let reason = match w {
            Work::Fatal(e) => return Err(e),
            Work::Skipped(r) => {
                entry.skipped = Some(r.clone());
                Some(r)
            }
            Work::Done(d) => {
                entry.sha256 = Some(d.sha.clone());
                let text = self.dir.join("text").join(format!("{id}.txt"));
                if let Some(src) = self.first.get(&d.sha) {
                    if d.prior.is_none() {
                        fs::remove_file(&text).map_err(out_err)?;
                    }
                    Some(IngestError::Duplicate(src.clone()).to_string())
                } else {
                    self.first.insert(d.sha.clone(), slot.source.clone());
                    if let Some((k, old_id)) = &d.prior {
                        let prior = &self.plan.priors[*k];
                        cache::link_or_copy(
                            &prior.join("text").join(format!("{old_id}.txt")),
                            &text,
                        )
                        .map_err(|e| {
                            RunError::Input(format!(
                                "{}: the text of {old_id} cannot be reused: {e}",
                                prior.display()
                            ))
                        })?;
                        if entries.claim(&d.sha) {
                            cache::link_or_copy(
                                &cache::entry_path(prior, &d.sha),
                                &cache::entry_path(self.dir, &d.sha),
                            )
                            .map_err(out_err)?;
                        }
                        self.reused += 1;
                    }
                    self.input_bytes += d.extracted.unwrap_or(0);
                    self.streams.push(&d.lines).map_err(out_err)?;
                    self.bodies.add(id, &d.lines.sightings);
                    for (c, k) in self.counts.iter_mut().zip(d.lines.counts) {
                        *c += k;
                    }
                    self.facts += d.lines.facts;
                    None
                }
            }
        };
        if let Some(reason) = reason {
            if slot.new {
                msg.warn(&slot.source, &reason);
            }
            self.skipped.push(Skipped {
                source: slot.source.clone(),
                reason,
            });
        }
        self.entries.push(entry);
        Ok(())
    }

    fn finish(self, worker_s: BTreeMap<&'static str, f64>) -> Result<Built, RunError> {
        let out_err = |e: std::io::Error| output_error(self.dir, e);
        let t = std::time::Instant::now();
        let documents = self.streams.finish().map_err(out_err)?;
        let ordering_s = t.elapsed().as_secs_f64();
        let index = Index {
            version: env!("CARGO_PKG_VERSION").to_string(),
            shard: self.plan.shard.map(|(k, n)| format!("{k}/{n}")),
            entries: self.entries,
        };
        crate::output::write_json(
            fs::File::create(self.dir.join(cache::DIR).join(cache::INDEX)).map_err(out_err)?,
            &index,
        )
        .map_err(out_err)?;
        Ok(Built {
            documents,
            bodies: self.bodies,
            counts: self.counts,
            facts: self.facts,
            skipped: self.skipped,
            input_bytes: self.input_bytes,
            reused: self.reused,
            ordering_s,
            worker_s,
        })
    }
}

fn output_error(dir: &Path, e: std::io::Error) -> RunError {
    RunError::Output {
        path: dir.display().to_string(),
        reason: e.to_string(),
    }
}

/// The shard (1-based) a document id falls in, out of `n`: a stable hash of the id.
pub fn shard_of(id: &str, n: usize) -> usize {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(id.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    (u64::from_be_bytes(b) % n as u64) as usize + 1
}

/// The prior corpus in `dir` for an incremental run: `None` when there is no corpus yet.
pub fn prior_of(dir: &Path) -> Result<Option<Index>, String> {
    match cache::read_index(dir)? {
        Some(i) => Ok(Some(i)),
        None if dir.join("corpus.json").exists() => Err(format!(
            "{} has no cache/{} (written by an older esscorpus?): run esscorpus on the \
             whole drop into it once",
            dir.display(),
            cache::INDEX
        )),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_never_run_further_ahead_than_allowed_and_stop_releases_them() {
        let n = 200;
        let d = Dispatch {
            next: AtomicUsize::new(0),
            written: Mutex::new(0),
            advanced: Condvar::new(),
            stop: AtomicBool::new(false),
            ahead: 3,
        };
        let (tx, rx) = mpsc::channel();
        std::thread::scope(|s| {
            for _ in 0..4 {
                let tx = tx.clone();
                let d = &d;
                s.spawn(move || {
                    while let Some(i) = d.take(n) {
                        let written = *d.written.lock().unwrap();
                        assert!(i < written + 3, "slot {i} taken with {written} written");
                        tx.send(i).unwrap();
                    }
                });
            }
            drop(tx);
            // the writer, in order
            let mut pending = std::collections::BTreeSet::new();
            let mut next = 0;
            for i in rx.iter() {
                pending.insert(i);
                while pending.remove(&next) {
                    next += 1;
                    if next == 150 {
                        d.stop();
                    }
                    d.set_written(next);
                }
            }
            // slots taken before the stop are still written, none after it
            assert!((150..=153).contains(&next), "{next}");
        });
    }

    #[test]
    fn shards_split_ids_stably() {
        assert_eq!(
            shard_of("000_bb5a42d7c7880174", 3),
            shard_of("000_bb5a42d7c7880174", 3)
        );
        let counts = (0..300).fold([0usize; 3], |mut c, i| {
            c[shard_of(&format!("doc{i}"), 3) - 1] += 1;
            c
        });
        assert!(counts.iter().all(|&c| c > 70), "{counts:?}");
    }
}
