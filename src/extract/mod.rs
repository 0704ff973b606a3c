//! Entity extraction by rules. One file per entity family; [`REGISTRY`] fixes the order.
//!
//! Every extractor reads the normalised text of one document and pushes [`Mention`]s with
//! byte spans into it. [`extract`] runs them all, settles overlaps between families
//! ([`resolve_overlaps`]) and returns the mentions sorted by span.
//!
//! To add a family: a file here implementing [`Extractor`], a [`Value`] variant, and a line
//! in [`REGISTRY`]. To add a rule: a small named function in the family's file, with its
//! French convention in one comment line and unit tests on real sentences.
use serde::{Deserialize, Serialize};

use crate::output::cache::{f64_text, static_str, StaticStr};

pub mod action;
pub mod amount;
pub mod axis;
pub mod body;
pub mod contact;
pub mod date;
pub mod lexicon;
pub mod metric;
pub mod pattern;
pub mod period;
pub mod person;
pub mod programme;
pub mod title;

/// A document as the extractors see it.
#[derive(Clone, Copy, Debug)]
pub struct Doc<'a> {
    pub id: &'a str,
    /// The normalised text (`text/<doc>.txt`).
    pub text: &'a str,
}

/// What a rule found: a byte span of the normalised text, its typed value and the rule's name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub value: Value,
    /// `family.rule`, e.g. `amount.million`.
    #[serde(with = "static_str")]
    pub rule: StaticStr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContactKind {
    Email,
    Phone,
    Url,
    Address,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AxisKind {
    Axe,
    Orientation,
    Thematique,
    Enjeu,
}

/// The kinds of bodies of the output contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    Etat,
    Region,
    Departement,
    Epci,
    Commune,
    Syndicat,
    PublicAgency,
    Chamber,
    Network,
    Enterprise,
    Academic,
    Other,
}

impl BodyKind {
    const NAMES: [(BodyKind, &'static str); 12] = [
        (BodyKind::Etat, "etat"),
        (BodyKind::Region, "region"),
        (BodyKind::Departement, "departement"),
        (BodyKind::Epci, "epci"),
        (BodyKind::Commune, "commune"),
        (BodyKind::Syndicat, "syndicat"),
        (BodyKind::PublicAgency, "public_agency"),
        (BodyKind::Chamber, "chamber"),
        (BodyKind::Network, "network"),
        (BodyKind::Enterprise, "enterprise"),
        (BodyKind::Academic, "academic"),
        (BodyKind::Other, "other"),
    ];

    /// The kind named as in the output contract (`public_agency`).
    pub fn parse(s: &str) -> Option<BodyKind> {
        Self::NAMES.iter().find(|(_, n)| *n == s).map(|(k, _)| *k)
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("other", |(_, n)| n)
    }
}

/// A body as named at one place of the text, before linking resolves it to a corpus record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BodyMention {
    /// The name as it should be shown (the surface form, cleaned of line breaks and stray spaces).
    pub name: String,
    /// The fullest proper name when a rule knows it (known bodies, expanded acronyms), else `None`.
    pub canonical: Option<String>,
    pub kind: BodyKind,
    /// True for anaphoric names (`la Région`, `la collectivité`) that linking resolves in context.
    pub anaphoric: bool,
}

/// The typed value of a mention. Numbers are `f64` so that `1,5 M€` and `4,5 %` fit; the
/// writer prints whole numbers without a fraction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Amount {
        #[serde(with = "f64_text")]
        eur: f64,
    },
    Date {
        iso: String,
        precision: Precision,
    },
    Period {
        start: String,
        end: String,
    },
    Body(BodyMention),
    Person {
        name: String,
        role: Option<String>,
    },
    Contact {
        kind: ContactKind,
        normalized: String,
    },
    Axis {
        kind: AxisKind,
        number: Option<u32>,
        label: String,
    },
    Action {
        code: Option<String>,
        label: String,
    },
    Programme {
        name: String,
    },
    Metric {
        #[serde(with = "f64_text")]
        value: f64,
        unit: String,
    },
}

/// The entity families, in the order the output sorts them at the same span start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Action,
    Amount,
    Axis,
    Body,
    Contact,
    Date,
    Metric,
    Period,
    Person,
    Programme,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Action => "action",
            EntityType::Amount => "amount",
            EntityType::Axis => "axis",
            EntityType::Body => "body",
            EntityType::Contact => "contact",
            EntityType::Date => "date",
            EntityType::Metric => "metric",
            EntityType::Period => "period",
            EntityType::Person => "person",
            EntityType::Programme => "programme",
        }
    }

    pub const ALL: [EntityType; 10] = [
        EntityType::Action,
        EntityType::Amount,
        EntityType::Axis,
        EntityType::Body,
        EntityType::Contact,
        EntityType::Date,
        EntityType::Metric,
        EntityType::Period,
        EntityType::Person,
        EntityType::Programme,
    ];
}

impl Value {
    pub fn entity_type(&self) -> EntityType {
        match self {
            Value::Amount { .. } => EntityType::Amount,
            Value::Date { .. } => EntityType::Date,
            Value::Period { .. } => EntityType::Period,
            Value::Body(_) => EntityType::Body,
            Value::Person { .. } => EntityType::Person,
            Value::Contact { .. } => EntityType::Contact,
            Value::Axis { .. } => EntityType::Axis,
            Value::Action { .. } => EntityType::Action,
            Value::Programme { .. } => EntityType::Programme,
            Value::Metric { .. } => EntityType::Metric,
        }
    }
}

/// One entity family's rules.
pub trait Extractor: Sync {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>);
}

/// The families, in the order they run. Order does not change the result (overlaps are
/// settled afterwards by [`resolve_overlaps`]), only the cost.
pub static REGISTRY: &[&dyn Extractor] = &[
    &period::Periods,
    &date::Dates,
    &amount::Amounts,
    &metric::Metrics,
    &contact::Contacts,
    &body::Bodies,
    &person::Persons,
    &axis::Axes,
    &action::Actions,
    &programme::Programmes,
];

/// Runs every family over a document and returns its mentions sorted by (start, type, end).
pub fn extract(doc: &Doc<'_>) -> Vec<Mention> {
    let mut out = Vec::new();
    for ex in REGISTRY {
        ex.extract(doc, &mut out);
    }
    out.retain(|m| m.start < m.end && doc.text.get(m.start..m.end).is_some());
    resolve_overlaps(&mut out);
    out
}

/// Families that read numbers compete for the same characters: one number is either an
/// amount, a metric, a date, a period or part of a phone number, never two of them.
fn numeric_rank(t: EntityType) -> Option<u8> {
    match t {
        EntityType::Contact => Some(0),
        EntityType::Period => Some(1),
        EntityType::Amount => Some(2),
        EntityType::Date => Some(3),
        EntityType::Metric => Some(4),
        _ => None,
    }
}

/// Drops exact duplicates, and among overlapping numeric mentions keeps the best-ranked
/// (then longest) one. Other families may overlap freely (a programme name holds a year).
pub fn resolve_overlaps(ms: &mut Vec<Mention>) {
    ms.sort_by(|a, b| {
        (a.start, a.value.entity_type(), std::cmp::Reverse(a.end))
            .cmp(&(b.start, b.value.entity_type(), std::cmp::Reverse(b.end)))
            .then_with(|| a.rule.cmp(b.rule))
    });
    ms.dedup_by(|b, a| a.start == b.start && a.end == b.end && a.value == b.value);
    let numeric: Vec<usize> = (0..ms.len())
        .filter(|&i| numeric_rank(ms[i].value.entity_type()).is_some())
        .collect();
    let mut drop = vec![false; ms.len()];
    for (k, &i) in numeric.iter().enumerate() {
        for &j in &numeric[k + 1..] {
            if ms[j].start >= ms[i].end {
                break;
            }
            if drop[i] || drop[j] {
                continue;
            }
            let key = |m: &Mention| {
                (
                    numeric_rank(m.value.entity_type()).unwrap_or(u8::MAX),
                    std::cmp::Reverse(m.end - m.start),
                )
            };
            if key(&ms[i]) <= key(&ms[j]) {
                drop[j] = true;
            } else {
                drop[i] = true;
            }
        }
    }
    let mut k = 0;
    ms.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}
