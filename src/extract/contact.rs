//! Contact rules.
use super::{Doc, Extractor, Mention};

pub struct Contacts;

impl Extractor for Contacts {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
