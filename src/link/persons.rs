//! Person links: the body a person acts for, and their email and phone.
use super::local::Link;
use crate::extract::Mention;

/// Pushes the body and contact links of every person mention.
pub fn link(_text: &str, _mentions: &[Mention], _out: &mut Vec<Link>) {}
