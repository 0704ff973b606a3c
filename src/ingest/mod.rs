//! Ingest: find the files of a drop, read each one into text with one reader per format.
//!
//! A file that cannot be read never stops the run: [`read`] returns an [`IngestError`]
//! with the reason, and the pipeline reports it in `run.json` and on stderr.
use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::doc::{Format, RawText};

pub mod pdf;
pub mod text;

/// Files larger than this are skipped: no French policy document comes near it, and reading
/// one would hold its whole text in memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// A file of the drop, with the name it is reported under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// Display path: the input folder's own name followed by the path below it
    /// (`seeds/000_bb5a42d7c7880174.txt`), never absolute, so records do not depend on
    /// where the drop lives.
    pub source: String,
    pub format: Option<Format>,
}

/// Why a file was not read.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum IngestError {
    #[error("cannot read file: {0}")]
    Io(String),
    #[error("empty file")]
    Empty,
    #[error("binary content, not text")]
    Binary,
    #[error("unsupported file type (esscorpus reads .txt, .md and .pdf)")]
    Unsupported,
    #[error("file too large ({0} bytes; the limit is {MAX_FILE_BYTES})")]
    TooLarge(u64),
    #[error("PDF: {0}")]
    Pdf(#[from] pdf::PdfError),
    #[error("same content as {0}")]
    Duplicate(String),
}

/// A file read into text.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub sha256: String,
    pub bytes: u64,
    pub raw: RawText,
}

/// The files below the given inputs: folders walked recursively, hidden entries (`.name`)
/// left out, each folder's entries sorted by name so the order never depends on the
/// file system. Paths that do not exist are an error: the run cannot be what was asked.
pub fn discover(inputs: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for root in inputs {
        let meta = fs::metadata(root).map_err(|e| format!("{}: {e}", root.display()))?;
        let label = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| root.display().to_string());
        if meta.is_dir() {
            walk(root, &label, &mut out, 0)?;
        } else {
            out.push(input(root.clone(), label));
        }
    }
    Ok(out)
}

fn input(path: PathBuf, source: String) -> Input {
    let format = Format::from_path(&path);
    Input {
        path,
        source,
        format,
    }
}

/// Deeper folders than this are a symlink loop or a trap, not a document drop.
const MAX_DEPTH: usize = 64;

fn walk(dir: &Path, label: &str, out: &mut Vec<Input>, depth: usize) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("{}: folders nested too deep", dir.display()));
    }
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        let source = format!("{label}/{name}");
        if path.is_dir() {
            walk(&path, &source, out, depth + 1)?;
        } else {
            out.push(input(path, source));
        }
    }
    Ok(())
}

/// Reads one file with the reader of its format.
pub fn read(input: &Input) -> Result<Loaded, IngestError> {
    let format = input.format.ok_or(IngestError::Unsupported)?;
    read_bytes(format, &read_raw(input)?)
}

/// Reads one file's bytes, after the checks every file goes through (a supported format, a
/// regular file, not too large).
pub fn read_raw(input: &Input) -> Result<Vec<u8>, IngestError> {
    input.format.ok_or(IngestError::Unsupported)?;
    let meta = fs::metadata(&input.path).map_err(|e| IngestError::Io(e.to_string()))?;
    if !meta.is_file() {
        // A FIFO or a device would block the read or never end.
        return Err(IngestError::Io("not a regular file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge(meta.len()));
    }
    fs::read(&input.path).map_err(|e| IngestError::Io(e.to_string()))
}

/// An input read again from a path recorded earlier, under its recorded source.
pub fn input_at(path: PathBuf, source: String) -> Input {
    input(path, source)
}

/// Reads a file's bytes as the given format.
pub fn read_bytes(format: Format, bytes: &[u8]) -> Result<Loaded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    let sha256 = sha256_hex(bytes);
    let raw = match format {
        Format::Txt | Format::Md => text::decode(bytes, format)?,
        Format::Pdf => RawText {
            format,
            pages: pdf::extract_pages(bytes)?,
            repairs: Default::default(),
        },
    };
    if raw.pages.iter().all(|p| p.trim().is_empty()) {
        return Err(IngestError::Empty);
    }
    Ok(Loaded {
        sha256,
        bytes: bytes.len() as u64,
        raw,
    })
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Document ids: the file name without its extension when that is unique in the drop,
/// else the display path with separators turned into `_` (still stable across runs).
pub fn assign_ids(inputs: &[Input]) -> Vec<String> {
    let sources: Vec<&str> = inputs.iter().map(|i| i.source.as_str()).collect();
    assign_ids_by_source(&sources)
}

/// [`assign_ids`] from the display paths alone (their last part is the file's name).
pub fn assign_ids_by_source(sources: &[&str]) -> Vec<String> {
    use std::collections::BTreeMap;
    let stem = |source: &str| {
        Path::new(source)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for i in sources {
        *counts.entry(stem(i)).or_default() += 1;
    }
    sources
        .iter()
        .map(|i| {
            let s = stem(i);
            if counts.get(&s) == Some(&1) {
                s
            } else {
                i.chars()
                    .map(|c| if c == '/' || c == '\\' { '_' } else { c })
                    .collect()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inp(p: &str) -> Input {
        input(PathBuf::from(p), p.to_string())
    }

    #[test]
    fn ids_are_stems_when_unique() {
        let ids = assign_ids(&[inp("d/a.txt"), inp("d/b.pdf")]);
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn ids_fall_back_to_paths_on_clashes() {
        let ids = assign_ids(&[inp("d/a.txt"), inp("d/a.pdf"), inp("d/c.md")]);
        assert_eq!(ids, ["d_a.txt", "d_a.pdf", "c"]);
    }

    #[test]
    fn empty_bytes_are_reported() {
        assert_eq!(
            read_bytes(Format::Txt, b"").unwrap_err(),
            IngestError::Empty
        );
        assert_eq!(
            read_bytes(Format::Txt, b"  \n\n ").unwrap_err(),
            IngestError::Empty
        );
    }

    #[test]
    fn unknown_extension_is_unsupported() {
        assert_eq!(
            read(&inp("notes.docx")).unwrap_err(),
            IngestError::Unsupported
        );
    }
}
