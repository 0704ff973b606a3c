//! Period rules.
use super::{Doc, Extractor, Mention};

pub struct Periods;

impl Extractor for Periods {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
