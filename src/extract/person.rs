//! Person rules.
use super::{Doc, Extractor, Mention};

pub struct Persons;

impl Extractor for Persons {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
