//! A corpus as a list of inputs in drop order, some new, some known from earlier corpus
//! folders (their `cache/` and `text/`), built into one corpus folder.
//!
//! A full run, an incremental run (`run --into`), a shard (`run --shard K/N`) and a merge
//! are the same build with different slots: documents already processed are loaded from a
//! cache, the others read and extracted, then duplicates are settled in drop order, ids
//! given over the whole corpus and [`link::link`] run over every document. So the corpus
//! is the one a single run over all the inputs gives, byte for byte.
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::ingest::{self, IngestError, Input};
use crate::link::Processed;
use crate::messages::Messages;
use crate::output::cache::{self, Index, IndexEntry};
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

/// The outcome of reading one slot.
enum Outcome {
    Known(String),
    /// The results, the text, the encoded cache entry and the file's size.
    Done(Box<(Processed, String, Vec<u8>)>, u64),
    Skipped(IngestError),
}

/// Reads one file; extracts it unless its content is already known.
fn read_slot(input: &Input, id: &str, known: &HashMap<String, Processed>) -> Outcome {
    let bytes = match ingest::read_raw(input) {
        Ok(b) => b,
        Err(e) => return Outcome::Skipped(e),
    };
    let sha = ingest::sha256_hex(&bytes);
    if known.contains_key(&sha) {
        return Outcome::Known(sha);
    }
    let Some(format) = input.format else {
        return Outcome::Skipped(IngestError::Unsupported);
    };
    let loaded = match ingest::read_bytes(format, &bytes) {
        Ok(l) => l,
        Err(e) => return Outcome::Skipped(e),
    };
    let len = bytes.len() as u64;
    drop(bytes);
    match pipeline::process_guarded(id, &input.source, loaded) {
        Ok((p, text)) => match cache::encode_entry(&p) {
            Ok(entry) => Outcome::Done(Box::new((p, text, entry)), len),
            Err(e) => Outcome::Skipped(IngestError::Io(e.to_string())),
        },
        Err(e) => Outcome::Skipped(e),
    }
}

/// What a build hands back for the corpus files and run.json.
pub struct Built {
    pub processed: Vec<Processed>,
    pub skipped: Vec<Skipped>,
    pub input_bytes: u64,
    /// Documents taken from a cache rather than extracted.
    pub reused: usize,
}

/// Builds the corpus of `plan` into `staging`: texts, cache and index; returns the
/// documents' results for linking.
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
    fs::create_dir_all(dir.join(FRESH)).map_err(out_err)?;
    let ids = match plan.ids.take() {
        Some(ids) => ids,
        None => {
            let sources: Vec<&str> = plan.slots.iter().map(|s| s.source.as_str()).collect();
            ingest::assign_ids_by_source(&sources)
        }
    };

    // Results of the documents known from earlier folders, from their caches.
    let wanted: Vec<(String, PathBuf)> = {
        let mut w: BTreeMap<&str, PathBuf> = BTreeMap::new();
        for s in &plan.slots {
            if let State::Known(sha) = &s.state {
                if let Some((k, _)) = plan.stored.get(sha) {
                    w.insert(sha, cache::entry_path(&plan.priors[*k], sha));
                }
            }
        }
        w.into_iter().map(|(s, p)| (s.to_string(), p)).collect()
    };
    let mut known: HashMap<String, Processed> = pool.install(|| {
        wanted
            .par_iter()
            .filter_map(|(sha, path)| cache::read_entry(path, sha).map(|p| (sha.clone(), p)))
            .collect()
    });
    // Known contents without a usable cache entry (other rules, other version) are read
    // again from their files.
    for s in &mut plan.slots {
        let State::Known(sha) = &s.state else {
            continue;
        };
        if known.contains_key(sha) {
            continue;
        }
        match &s.path {
            Some(p) if p.is_file() => {
                s.state = State::Read(ingest::input_at(p.clone(), s.source.clone()));
            }
            _ => {
                return Err(RunError::Input(format!(
                    "{}: its cached results were written by another esscorpus version or \
                     rule set (or are gone), and its file {} cannot be read again; run \
                     esscorpus on the whole drop",
                    s.source,
                    s.path
                        .as_deref()
                        .map_or("(unknown)".into(), |p| p.display().to_string())
                )))
            }
        }
    }

    // Read and extract what is not known, in parallel chunks, in drop order.
    let to_read: Vec<usize> = (0..plan.slots.len())
        .filter(|&i| matches!(plan.slots[i].state, State::Read(_)))
        .collect();
    msg.start_progress(to_read.len() as u64);
    let mut fresh: HashMap<String, Processed> = HashMap::new();
    let mut input_bytes = 0u64;
    for chunk in to_read.chunks(pipeline::CHUNK_PER_THREAD * threads) {
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .par_iter()
                .map(|&i| match &plan.slots[i].state {
                    State::Read(input) => read_slot(input, &ids[i], &known),
                    _ => Outcome::Skipped(IngestError::Io("internal error".into())),
                })
                .collect()
        });
        for (&i, outcome) in chunk.iter().zip(outcomes) {
            msg.advance(1);
            let slot = &mut plan.slots[i];
            slot.state = match outcome {
                Outcome::Skipped(e) => State::Skipped(e.to_string()),
                Outcome::Known(sha) => State::Known(sha),
                Outcome::Done(b, len) => {
                    let (p, text, entry) = *b;
                    let sha = p.record.sha256.clone();
                    if !fresh.contains_key(&sha) && !known.contains_key(&sha) {
                        fs::write(dir.join(FRESH).join(format!("{sha}.txt")), &text)
                            .map_err(out_err)?;
                        fs::write(cache::entry_path(&dir, &sha), &entry).map_err(out_err)?;
                        input_bytes += len;
                        fresh.insert(sha.clone(), p);
                    }
                    State::Known(sha)
                }
            };
        }
    }
    msg.finish_progress();

    // Settle duplicates in drop order, place texts, write the index.
    let mut first: HashMap<&str, &str> = HashMap::new();
    let mut processed = Vec::new();
    let mut skipped = Vec::new();
    let mut entries = Vec::new();
    let mut reused = 0;
    for (n, (slot, id)) in plan.slots.iter().zip(&ids).enumerate() {
        let mut entry = IndexEntry {
            pos: if plan.shard.is_some() { slot.pos } else { n },
            source: slot.source.clone(),
            id: id.clone(),
            path: slot.path.as_ref().map(|p| p.display().to_string()),
            sha256: None,
            skipped: None,
        };
        let reason = match &slot.state {
            State::Skipped(r) => {
                entry.skipped = Some(r.clone());
                Some(r.clone())
            }
            State::Read(_) => Some("internal error: not read".to_string()),
            State::Known(sha) => {
                entry.sha256 = Some(sha.clone());
                if let Some(src) = first.get(sha.as_str()) {
                    Some(IngestError::Duplicate(src.to_string()).to_string())
                } else {
                    first.insert(sha, &slot.source);
                    let text = dir.join("text").join(format!("{id}.txt"));
                    let mut p = if let Some(p) = fresh.remove(sha) {
                        fs::rename(dir.join(FRESH).join(format!("{sha}.txt")), &text)
                            .map_err(out_err)?;
                        p
                    } else if let Some(p) = known.remove(sha) {
                        let (k, old_id) = &plan.stored[sha];
                        let prior = &plan.priors[*k];
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
                        cache::link_or_copy(
                            &cache::entry_path(prior, sha),
                            &cache::entry_path(&dir, sha),
                        )
                        .map_err(out_err)?;
                        reused += 1;
                        p
                    } else {
                        return Err(RunError::Input(format!(
                            "{}: internal error: no results",
                            slot.source
                        )));
                    };
                    p.record.id = id.clone();
                    p.record.source = slot.source.clone();
                    processed.push(p);
                    None
                }
            }
        };
        if let Some(reason) = reason {
            if slot.new {
                msg.warn(&slot.source, &reason);
            }
            skipped.push(Skipped {
                source: slot.source.clone(),
                reason,
            });
        }
        entries.push(entry);
    }
    let _ = fs::remove_dir_all(dir.join(FRESH));
    let index = Index {
        version: env!("CARGO_PKG_VERSION").to_string(),
        shard: plan.shard.map(|(k, n)| format!("{k}/{n}")),
        entries,
    };
    crate::output::write_json(
        fs::File::create(dir.join(cache::DIR).join(cache::INDEX)).map_err(out_err)?,
        &index,
    )
    .map_err(out_err)?;
    Ok(Built {
        processed,
        skipped,
        input_bytes,
        reused,
    })
}

/// Texts of new documents wait here, named by content, until their id is settled.
const FRESH: &str = "fresh";

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
