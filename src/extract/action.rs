//! Action rules.
use super::{Doc, Extractor, Mention};

pub struct Actions;

impl Extractor for Actions {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
