//! PDF reader over lopdf: a text-state machine over the content streams.
//!
//! - `cmap`: ToUnicode / encoding CMap parser.
//! - `encoding`: base encodings, glyph names, base-14 widths (tables in `data/pdf/`).
//! - `font`: string decoding and widths.
//! - `content`: the text-state machine and the layout of glyphs into lines.
mod cmap;
mod content;
mod encoding;
mod font;
mod util;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};
use std::panic::{catch_unwind, AssertUnwindSafe};
use thiserror::Error;
use util::deref;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PdfError {
    #[error("not a PDF or damaged beyond repair: {0}")]
    Corrupt(String),
    #[error("encrypted with a user password")]
    Encrypted,
    #[error("no text in the PDF (scanned or empty)")]
    NoText,
}

/// Cap on the decompressed size of any stream lopdf decodes while loading.
const MAX_LOAD_DECOMPRESSED: usize = 64 << 20;

fn try_load(bytes: &[u8], force_reconstruct: bool) -> Result<Document, String> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_LOAD_DECOMPRESSED),
        force_reconstruct,
        ..LoadOptions::default()
    };
    match catch_unwind(AssertUnwindSafe(|| {
        Document::load_mem_with_options(bytes, options)
    })) {
        Ok(Ok(doc)) => Ok(doc),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("the PDF parser panicked".to_string()),
    }
}

fn is_locked(doc: &Document) -> bool {
    // lopdf decrypts with the empty user password while loading; a document that is
    // still encrypted afterwards needs a real password.
    doc.is_encrypted() && !doc.was_encrypted() || doc.is_encrypted() && doc.get_pages().is_empty()
}

fn load(bytes: &[u8]) -> Result<Document, PdfError> {
    let first = try_load(bytes, false);
    let reason = match first {
        Ok(doc) if is_locked(&doc) => return Err(PdfError::Encrypted),
        Ok(doc) if !doc.get_pages().is_empty() => return Ok(doc),
        Ok(_) => "no pages".to_string(),
        Err(e) => e,
    };
    match try_load(bytes, true) {
        Ok(doc) if is_locked(&doc) => Err(PdfError::Encrypted),
        Ok(doc) if !doc.get_pages().is_empty() => Ok(doc),
        Ok(_) => Err(PdfError::Corrupt(format!(
            "{reason}; no pages after reconstruction"
        ))),
        Err(e) => Err(PdfError::Corrupt(format!(
            "{reason}; after reconstruction: {e}"
        ))),
    }
}

/// The nearest `/Resources` of a page, inherited through the page tree.
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..32 {
        if let Ok(r) = node.get(b"Resources") {
            return deref(doc, r).as_dict().ok();
        }
        node = match node.get(b"Parent") {
            Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok()?,
            _ => return None,
        };
    }
    None
}

/// Ligatures expanded, no-break spaces made spaces, control characters dropped, trailing
/// spaces removed from lines, leading and trailing blank lines removed.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{a0}' | '\u{202f}' | '\u{2007}' | '\t' => out.push(' '),
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\n' => out.push('\n'),
            c if c.is_control() || c == '\u{feff}' || c == '\u{fffd}' => {}
            c => out.push(c),
        }
    }
    let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines.get(s..=e).map(|l| l.join("\n")).unwrap_or_default(),
        _ => String::new(),
    }
}

fn extract_doc(doc: &Document) -> Vec<String> {
    let mut cache = content::FontCache::default();
    let mut pages = Vec::new();
    for (_, page) in doc.get_pages() {
        let mut machine = content::Machine::new(doc, &mut cache);
        let data = machine.page_content(page);
        machine.run(
            &data,
            page_resources(doc, page),
            [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        );
        pages.push(tidy(&machine.layout.out));
    }
    pages
}

/// The text of each page of a PDF file, in page order.
pub fn extract_pages(bytes: &[u8]) -> Result<Vec<String>, PdfError> {
    let doc = load(bytes)?;
    let pages = catch_unwind(AssertUnwindSafe(|| extract_doc(&doc)))
        .map_err(|_| PdfError::Corrupt("the text extraction panicked".to_string()))?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(PdfError::NoText);
    }
    Ok(pages)
}
