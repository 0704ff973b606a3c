//! Amount rules.
use super::{Doc, Extractor, Mention};

pub struct Amounts;

impl Extractor for Amounts {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
