//! Date rules.
use super::{Doc, Extractor, Mention};

pub struct Dates;

impl Extractor for Dates {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
