//! The body a document is mainly about (`subject_body`).
use crate::extract::Mention;

/// The body mention the document is about, if one stands out.
pub fn subject(_text: &str, _mentions: &[Mention]) -> Option<usize> {
    None
}
