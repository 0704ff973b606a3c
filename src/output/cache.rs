//! The per-document cache of a corpus folder, its index, and the lock that keeps two runs
//! from writing one folder at once.
//!
//! ```text
//! output/
//!   cache/index.json       every input of the corpus, in drop order: source, id, sha256 or
//!                          the reason it was skipped, and where the file was read from
//!   cache/<sha256>.json    one document's per-document results (`link::Processed`): line 1
//!                          a header with the cache key, line 2 the results
//! ```
//! The cache key is the esscorpus version, a fingerprint of the data tables and of the code
//! of the per-document stages (computed by `build.rs`), and of the user's data tables
//! (`--data`): an entry written under another key is never reused.
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

use crate::link::Processed;

/// The folder of the cache inside a corpus folder.
pub const DIR: &str = "cache";
/// The index of the inputs, inside [`DIR`].
pub const INDEX: &str = "index.json";

/// A `&'static str` field read back from the cache. (An alias, so that serde's derive does
/// not take the field for one borrowed from the input.)
pub type StaticStr = &'static str;

/// A `&'static str` that lives as long as the process: rule names, formats and repair kinds
/// read back from the cache. Extraction itself never allocates them (its names are
/// literals); each distinct name read back is stored once.
pub fn intern(s: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(n) = names.get(s) {
        return n;
    }
    let n: &'static str = Box::leak(s.to_string().into_boxed_str());
    names.insert(n);
    n
}

/// Serde for `&'static str` fields (`#[serde(with = "static_str")]`): read back interned.
pub mod static_str {
    use super::*;

    pub fn serialize<S: Serializer>(s: &&'static str, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(de: D) -> Result<&'static str, D::Error> {
        let s = String::deserialize(de)?;
        Ok(intern(&s))
    }
}

/// Serde for `BTreeMap<&'static str, u64>` (repair counts).
pub mod static_str_keys {
    use super::*;

    pub fn serialize<S: Serializer>(
        m: &BTreeMap<&'static str, u64>,
        ser: S,
    ) -> Result<S::Ok, S::Error> {
        m.serialize(ser)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        de: D,
    ) -> Result<BTreeMap<&'static str, u64>, D::Error> {
        let m = BTreeMap::<String, u64>::deserialize(de)?;
        Ok(m.into_iter().map(|(k, v)| (intern(&k), v)).collect())
    }
}

/// Serde for `f64` as its shortest round-trip text (`"1500000.0"`), so that a value read
/// back is the very same float, whatever the JSON parser's float rounding.
pub mod f64_text {
    use super::*;

    pub fn serialize<S: Serializer>(x: &f64, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_str(&format!("{x:?}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(de: D) -> Result<f64, D::Error> {
        let s = String::deserialize(de)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The key every cache entry is written under; entries under another key are ignored.
pub fn key() -> &'static str {
    static KEY: OnceLock<String> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut h = Sha256::new();
        if let Some(dir) = crate::data::user_dir() {
            for name in crate::data::USER_TABLES {
                if let Ok(bytes) = fs::read(dir.join(name)) {
                    h.update(name.as_bytes());
                    h.update([0]);
                    h.update(&bytes);
                    h.update([0]);
                }
            }
        }
        let user: String = h.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        format!(
            "{}+{}+{user}",
            env!("CARGO_PKG_VERSION"),
            env!("ESSCORPUS_RULES_HASH")
        )
    })
}

#[derive(Serialize, Deserialize)]
struct Header {
    key: String,
    sha256: String,
}

/// Path of a document's cache entry in a corpus folder.
pub fn entry_path(corpus: &Path, sha256: &str) -> PathBuf {
    corpus.join(DIR).join(format!("{sha256}.json"))
}

/// Writes a document's cache entry (under `dir`, the cache folder of a staging corpus).
pub fn write_entry(path: &Path, p: &Processed) -> io::Result<()> {
    fs::write(path, encode_entry(p)?)
}

/// A document's cache entry as bytes: serialised by the worker that extracted it, so that
/// the thread that writes the files only copies bytes.
pub fn encode_entry(p: &Processed) -> io::Result<Vec<u8>> {
    let mut w = Vec::with_capacity(16 * 1024);
    let header = Header {
        key: key().to_string(),
        sha256: p.record.sha256.clone(),
    };
    serde_json::to_writer(&mut w, &header)?;
    w.write_all(b"\n")?;
    serde_json::to_writer(&mut w, p)?;
    w.write_all(b"\n")?;
    Ok(w)
}

/// Reads a document's cache entry; `None` when it is missing, unreadable, for another
/// content, or written under another key.
pub fn read_entry(path: &Path, sha256: &str) -> Option<Processed> {
    let mut r = BufReader::new(fs::File::open(path).ok()?);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let header: Header = serde_json::from_str(&line).ok()?;
    if header.key != key() || header.sha256 != sha256 {
        return None;
    }
    line.clear();
    r.read_line(&mut line).ok()?;
    let p: Processed = serde_json::from_str(&line).ok()?;
    (p.record.sha256 == sha256).then_some(p)
}

/// One input of a corpus, as the index records it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct IndexEntry {
    /// Position in the drop: the order in which duplicates are settled (the first copy of a
    /// content is the document). Shards keep the position in the whole drop.
    pub pos: usize,
    pub source: String,
    /// The document id the text was written under (`text/<id>.txt`).
    pub id: String,
    /// Absolute path the file was read from, to read it again when its cache entry cannot
    /// be used.
    pub path: Option<String>,
    /// The content's sha256, when the file could be read.
    pub sha256: Option<String>,
    /// Why the file was skipped (duplicates are not recorded here: they are settled anew).
    pub skipped: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
pub struct Index {
    pub version: String,
    /// `K/N` when the corpus is one shard of a drop.
    pub shard: Option<String>,
    pub entries: Vec<IndexEntry>,
}

/// Reads the index of a corpus folder: `Ok(None)` when the folder has none.
pub fn read_index(corpus: &Path) -> Result<Option<Index>, String> {
    let path = corpus.join(DIR).join(INDEX);
    match fs::read_to_string(&path) {
        Ok(s) => serde_json::from_str(&s)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// A lock on a corpus folder: `<folder>.lock` beside it, created exclusively and holding
/// the pid of the run. Removed when dropped; a lock whose process is gone is taken over.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    pub fn path_for(target: &Path) -> PathBuf {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".to_string());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        parent.join(format!("{name}.lock"))
    }

    /// Takes the lock of `target`, or says which run holds it.
    pub fn acquire(target: &Path) -> Result<Lock, String> {
        let path = Self::path_for(target);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        for _ in 0..2 {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let _ = writeln!(f, "{}", std::process::id());
                    return Ok(Lock { path });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let holder = fs::read_to_string(&path).unwrap_or_default();
                    let pid = holder.trim().parse::<u32>().ok();
                    if pid.is_some_and(super::process_alive) {
                        return Err(format!(
                            "{} is being written by another esscorpus run (pid {}); wait for \
                             it to end (if no such run is going, remove {})",
                            target.display(),
                            holder.trim(),
                            path.display()
                        ));
                    }
                    // Its run is gone (or the file is half written): take it over.
                    let _ = fs::remove_file(&path);
                }
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
        Err(format!(
            "{}: cannot take the lock (another run keeps taking it)",
            path.display()
        ))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Puts `from` at `to`: a hard link where possible (same file system: no copy), else a copy.
pub fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    fs::copy(from, to).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_names_are_shared() {
        let a = intern(&String::from("amount.million"));
        let b = intern("amount.million");
        assert!(std::ptr::eq(a, b));
    }

    #[test]
    fn lock_is_exclusive_and_stale_locks_are_taken_over() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out");
        let l = Lock::acquire(&target).unwrap();
        // Our own pid counts as gone (see process_alive), so use the parent's, alive.
        fs::write(
            Lock::path_for(&target),
            format!("{}\n", std::os::unix::process::parent_id()),
        )
        .unwrap();
        assert!(Lock::acquire(&target)
            .unwrap_err()
            .contains("another esscorpus run"));
        fs::write(Lock::path_for(&target), "999999999\n").unwrap();
        let l2 = Lock::acquire(&target).unwrap();
        drop(l);
        drop(l2);
        assert!(!Lock::path_for(&target).exists());
    }
}
