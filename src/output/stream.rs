//! The per-document files of the corpus (documents.jsonl, entities.jsonl, facts.jsonl),
//! written while the drop is processed, so that memory does not grow with the drop.
//!
//! Workers encode each linked document into its lines ([`DocLines`]); the run appends them
//! in drop order ([`Streams::push`]). The contract sorts records by document id, which is
//! drop order in the usual drop (one folder, unique file names); otherwise
//! [`Streams::finish`] copies each document's lines into id order, reading back one
//! document at a time.
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use crate::extract::EntityType;
use crate::link::{LinkedDoc, Sighting};

/// The files streamed per document, in the order of [`DocLines::files`].
pub const FILES: [&str; 3] = ["documents.jsonl", "entities.jsonl", "facts.jsonl"];

/// A linked document, encoded.
#[derive(Debug)]
pub struct DocLines {
    pub id: String,
    /// Its lines in each of [`FILES`].
    pub files: [Vec<u8>; 3],
    /// Its entities per type, in the order of [`EntityType::ALL`].
    pub counts: [usize; EntityType::ALL.len()],
    pub facts: usize,
    pub sightings: Vec<Sighting>,
}

impl DocLines {
    pub fn encode(doc: LinkedDoc) -> io::Result<DocLines> {
        let mut files: [Vec<u8>; 3] = Default::default();
        serde_json::to_writer(&mut files[0], &doc.record)?;
        files[0].push(b'\n');
        files[1].reserve(doc.entities.len() * 256);
        let mut counts = [0; EntityType::ALL.len()];
        for e in &doc.entities {
            serde_json::to_writer(&mut files[1], e)?;
            files[1].push(b'\n');
            if let Some(k) = EntityType::ALL.iter().position(|t| t.as_str() == e.kind) {
                counts[k] += 1;
            }
        }
        for f in &doc.facts {
            serde_json::to_writer(&mut files[2], f)?;
            files[2].push(b'\n');
        }
        Ok(DocLines {
            id: doc.record.id,
            files,
            counts,
            facts: doc.facts.len(),
            sightings: doc.sightings,
        })
    }
}

/// Where one document's lines lie in the streamed files.
struct Placed {
    id: String,
    starts: [u64; 3],
    lens: [u64; 3],
}

/// The streamed files of a corpus being written, in drop order.
pub struct Streams {
    dir: PathBuf,
    writers: [BufWriter<File>; 3],
    offsets: [u64; 3],
    placed: Vec<Placed>,
}

const PART: &str = ".part";

fn part_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!("{name}{PART}"))
}

impl Streams {
    pub fn create(dir: &Path) -> io::Result<Streams> {
        let open = |name: &str| -> io::Result<BufWriter<File>> {
            Ok(BufWriter::with_capacity(
                256 * 1024,
                File::create(part_path(dir, name))?,
            ))
        };
        Ok(Streams {
            dir: dir.to_path_buf(),
            writers: [open(FILES[0])?, open(FILES[1])?, open(FILES[2])?],
            offsets: [0; 3],
            placed: Vec::new(),
        })
    }

    /// Appends a document's lines.
    pub fn push(&mut self, doc: &DocLines) -> io::Result<()> {
        let mut placed = Placed {
            id: doc.id.clone(),
            starts: self.offsets,
            lens: [0; 3],
        };
        for (k, bytes) in doc.files.iter().enumerate() {
            self.writers[k].write_all(bytes)?;
            placed.lens[k] = bytes.len() as u64;
            self.offsets[k] += bytes.len() as u64;
        }
        self.placed.push(placed);
        Ok(())
    }

    /// Puts the files in place with their records in document-id order; returns the ids in
    /// that order.
    pub fn finish(self) -> io::Result<Vec<String>> {
        let Streams {
            dir,
            writers,
            mut placed,
            ..
        } = self;
        // flushed, not synced, like every other file of the corpus: a killed run leaves the
        // previous corpus whole either way, since the folder is swapped in only at the end
        for w in writers {
            w.into_inner().map_err(|e| e.into_error())?;
        }
        if placed.windows(2).all(|w| w[0].id <= w[1].id) {
            for name in FILES {
                fs::rename(part_path(&dir, name), dir.join(name))?;
            }
        } else {
            placed.sort_by(|a, b| a.id.cmp(&b.id));
            let mut buf = Vec::new();
            for (k, name) in FILES.iter().enumerate() {
                let from = File::open(part_path(&dir, name))?;
                let mut to = BufWriter::with_capacity(256 * 1024, File::create(dir.join(name))?);
                for p in &placed {
                    buf.resize(p.lens[k] as usize, 0);
                    from.read_exact_at(&mut buf, p.starts[k])?;
                    to.write_all(&buf)?;
                }
                to.flush()?;
                drop(from);
                fs::remove_file(part_path(&dir, name))?;
            }
        }
        Ok(placed.into_iter().map(|p| p.id).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(id: &str) -> DocLines {
        DocLines {
            id: id.into(),
            files: [
                format!("{{\"id\":\"{id}\"}}\n").into_bytes(),
                format!("e {id} 1\ne {id} 2\n").into_bytes(),
                if id == "b" {
                    Vec::new()
                } else {
                    format!("f {id}\n").into_bytes()
                },
            ],
            counts: [0; EntityType::ALL.len()],
            facts: 0,
            sightings: Vec::new(),
        }
    }

    fn written(order: &[&str]) -> (Vec<String>, [String; 3]) {
        let tmp = tempfile::tempdir().unwrap();
        let mut s = Streams::create(tmp.path()).unwrap();
        for id in order {
            s.push(&lines(id)).unwrap();
        }
        let ids = s.finish().unwrap();
        let read = |n: &str| fs::read_to_string(tmp.path().join(n)).unwrap();
        assert!(fs::read_dir(tmp.path()).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(PART)));
        (ids, [read(FILES[0]), read(FILES[1]), read(FILES[2])])
    }

    #[test]
    fn records_end_in_id_order_whatever_the_drop_order() {
        let sorted = written(&["a", "b", "c"]);
        assert_eq!(sorted.0, ["a", "b", "c"]);
        assert_eq!(sorted.1[1], "e a 1\ne a 2\ne b 1\ne b 2\ne c 1\ne c 2\n");
        assert_eq!(sorted.1[2], "f a\nf c\n");
        assert_eq!(written(&["c", "a", "b"]), sorted);
        assert_eq!(written(&["b", "c", "a"]), sorted);
    }
}
