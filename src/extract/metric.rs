//! Metric rules.
use super::{Doc, Extractor, Mention};

pub struct Metrics;

impl Extractor for Metrics {
    fn extract(&self, _doc: &Doc<'_>, _out: &mut Vec<Mention>) {}
}
