//! Axis rules.
use super::{Doc, Extractor, Mention};

pub struct Axes;

impl Extractor for Axes {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
