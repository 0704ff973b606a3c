//! Body rules.
use super::{Doc, Extractor, Mention};

pub struct Bodies;

impl Extractor for Bodies {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
