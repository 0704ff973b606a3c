//! Amount links: who funds a sum, for which year or period, for which programme.
use super::local::Link;
use crate::extract::Mention;

/// Pushes the funder, when and programme links of every amount mention.
pub fn link(_text: &str, _mentions: &[Mention], _subject: Option<usize>, _out: &mut Vec<Link>) {}
