//! Programme rules.
use super::{Doc, Extractor, Mention};

pub struct Programmes;

impl Extractor for Programmes {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
