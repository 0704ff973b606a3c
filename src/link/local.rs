//! Links inside one document, found in the parallel stage from the text and the
//! document's mentions: who funds an amount and for when, which body a person acts for.
//! They point at mentions by their index in the document's sorted mention list; the
//! corpus stage ([`super::link`]) turns body mentions into body records and writes links
//! and facts.
use serde::{Deserialize, Serialize};

use crate::extract::Mention;
use crate::output::cache::{static_str, StaticStr};

/// A byte span of the normalised text: the sentence, line or block that says it.
pub type Evidence = (usize, usize);

/// What a link points to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Target {
    /// A body mention of the document (index in the mention list).
    Body(usize),
    /// The body the document is about (its `subject_body`), e.g. a profile's own budget.
    Subject,
    /// A year or period, as ISO strings (`2014`, `2014-06`); `start == end` for a year.
    Period { start: String, end: String },
    /// A programme mention (index).
    Programme(usize),
    /// A contact mention (index): a person's email or phone.
    Contact(usize),
}

/// The relation a link states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Relation {
    /// amount → the body that gives, spends or budgets it
    Funder,
    /// amount → the year or period it is for
    When,
    /// amount → the programme it funds
    Programme,
    /// person → the body they act for
    PersonBody,
    /// person → their email or phone
    PersonContact,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Index of the mention the link starts from (an amount, a person).
    pub from: usize,
    pub relation: Relation,
    pub to: Target,
    pub evidence: Evidence,
    /// `link.<rule>`: which rule made the link.
    #[serde(with = "static_str")]
    pub rule: StaticStr,
}

/// Everything linking found in one document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocLinks {
    /// The body mention (index) the document is mainly about, if any.
    pub subject: Option<usize>,
    pub links: Vec<Link>,
}

/// Links of one document.
pub fn link_document(text: &str, mentions: &[Mention]) -> DocLinks {
    let subject = super::subject::subject(text, mentions);
    let mut links = Vec::new();
    super::amounts::link(text, mentions, subject, &mut links);
    super::persons::link(text, mentions, &mut links);
    links.sort_by_key(|l| (l.from, l.relation));
    links.dedup_by(|b, a| a.from == b.from && a.relation == b.relation && a.to == b.to);
    DocLinks { subject, links }
}
