//! Domain types shared by the stages: what ingest produces and what normalisation returns.
use std::collections::BTreeMap;

use serde::Serialize;

/// The formats esscorpus reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Md,
    Pdf,
}

impl Format {
    /// The format of a path, from its extension (case-insensitive); `None` for files we do not read.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Pdf => "pdf",
        }
    }
}

/// Counts of what normalisation changed, by kind of repair (`split_words`, `hyphenations`, …).
/// A `BTreeMap` so that the written order never depends on hashing.
pub type Repairs = BTreeMap<&'static str, u64>;

/// A document's text as read from its file, one string per page (one page for txt and md).
#[derive(Clone, Debug)]
pub struct RawText {
    pub format: Format,
    pub pages: Vec<String>,
    /// Repairs already made while reading (e.g. `encoding` when cp1252 was decoded).
    pub repairs: Repairs,
}

/// The normalised text of a document: what `text/<doc>.txt` holds and every span points into.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Normalized {
    pub text: String,
    /// Byte offset in `text` where each page starts (`[0]` for a one-page document).
    pub page_starts: Vec<usize>,
    pub repairs: Repairs,
}

impl Normalized {
    /// 1-based page of a byte offset.
    pub fn page_of(&self, byte: usize) -> usize {
        self.page_starts.partition_point(|&s| s <= byte).max(1)
    }
}
