//! Linking: body mentions resolved to corpus-wide body records, entity records with their
//! ids, and facts. Runs once over the results of all documents, in one thread, with
//! explicit sorts so that nothing depends on hashing or thread timing.
use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value as Json};

use crate::extract::{BodyKind, ContactKind, Mention, Value};
use crate::fr::fold::fold;
use crate::output::wire::{self, BodyRecord, DocumentRecord, EntityRecord};

pub mod amounts;
pub mod anaphors;
pub mod context;
pub mod local;
pub mod persons;
pub mod subject;

pub use local::{DocLinks, Link, Relation, Target};

/// A mention placed in its document: code-point span, page and text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Located {
    pub mention: Mention,
    pub span: [usize; 2],
    pub page: Option<usize>,
    pub text: String,
}

/// What the per-document stages hand to linking.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Processed {
    pub record: DocumentRecord,
    pub entities: Vec<Located>,
    /// Links between the entities, by their index in `entities`.
    pub links: DocLinks,
    /// Code-point offset of each byte offset needed by the links' evidence spans.
    pub evidence_spans: Vec<[usize; 2]>,
}

/// `B:` and the folded name with `-` between words: `Conseil général de l’Isère` →
/// `B:conseil-general-de-l-isere`.
pub fn body_id(name: &str) -> String {
    format!("B:{}", fold(name).replace(' ', "-"))
}

/// Ways French names one collectivité: the head words of each kind, and the id prefix of
/// the record they resolve to (`Conseil général de l'Isère` = `Département de l'Isère`).
const TERRITORIAL_HEADS: [(BodyKind, &str, &[&str]); 3] = [
    (BodyKind::Region, "region", &["conseil regional", "region"]),
    (
        BodyKind::Departement,
        "departement",
        &["conseil general", "conseil departemental", "departement"],
    ),
    (
        BodyKind::Commune,
        "ville de",
        &["ville", "commune", "mairie"],
    ),
];

/// Articles and prepositions between a head and a place name (`de la`, `du`, `d’`).
const LINKING_WORDS: [&str; 8] = ["de", "du", "des", "d", "la", "le", "les", "l"];

/// The record id a body name resolves to across the corpus: for collectivités the kind and
/// the place (`Région Rhône-Alpes`, `Conseil régional Rhône-Alpes` → `B:region-rhone-alpes`),
/// else the folded name.
pub fn resolution_id(name: &str, kind: BodyKind) -> String {
    let folded = fold(name);
    for (k, prefix, heads) in TERRITORIAL_HEADS {
        if k != kind {
            continue;
        }
        for head in heads {
            let Some(rest) = folded.strip_prefix(head).and_then(|r| r.strip_prefix(' ')) else {
                continue;
            };
            let place: Vec<&str> = rest
                .split(' ')
                .skip_while(|w| LINKING_WORDS.contains(w))
                .collect();
            if !place.is_empty() {
                return format!("B:{}-{}", prefix.replace(' ', "-"), place.join("-"));
            }
        }
    }
    format!("B:{}", folded.replace(' ', "-"))
}

/// The `value` object of an entity record.
pub fn value_json(v: &Value, body: Option<&str>) -> Json {
    match v {
        Value::Amount { eur } => json!({ "eur": wire::number(*eur) }),
        Value::Date { iso, precision } => json!({ "iso": iso, "precision": precision }),
        Value::Period { start, end } => json!({ "start": start, "end": end }),
        Value::Body(_) => json!({ "body": body }),
        Value::Person { name, role } => json!({ "name": name, "role": role }),
        Value::Contact { kind, normalized } => json!({ "kind": kind, "normalized": normalized }),
        Value::Axis {
            kind,
            number,
            label,
        } => json!({ "kind": kind, "number": number, "label": label }),
        Value::Action { code, label } => json!({ "code": code, "label": label }),
        Value::Programme { name } => json!({ "name": name }),
        Value::Metric { value, unit } => json!({ "value": wire::number(*value), "unit": unit }),
    }
}

/// One document linked: what it writes to documents.jsonl, entities.jsonl and facts.jsonl,
/// and the body mentions it adds to bodies.jsonl.
#[derive(Debug)]
pub struct LinkedDoc {
    pub record: DocumentRecord,
    pub entities: Vec<EntityRecord>,
    pub facts: Vec<Json>,
    pub sightings: Vec<Sighting>,
}

/// A body mention as the corpus's body records count it.
#[derive(Clone, Debug, PartialEq)]
pub struct Sighting {
    /// The body record it resolves to.
    pub id: String,
    pub kind: BodyKind,
    /// The name extraction gave (canonical when known).
    pub name: String,
    /// The words of the text.
    pub form: String,
}

/// Links one document on its own: everything but the body records depends on the document
/// alone ([`resolution_id`] is a pure function of a name), so documents are linked by the
/// workers that extract them and the corpus keeps only the [`Bodies`] aggregate.
pub fn link_document(mut d: Processed) -> LinkedDoc {
    let doc_id = d.record.id.clone();
    // An anaphor (`la Région`) that extraction could not tie to a body named in the
    // document means that document's body, never the same words in another document.
    let named: std::collections::BTreeSet<&str> = d
        .entities
        .iter()
        .filter_map(|e| match &e.mention.value {
            Value::Body(b) if !b.anaphoric => Some(b.canonical.as_deref().unwrap_or(&b.name)),
            _ => None,
        })
        .collect();
    let subject_id =
        d.links
            .subject
            .and_then(|i| match d.entities.get(i).map(|e| &e.mention.value) {
                Some(Value::Body(b)) => Some((
                    resolution_id(b.canonical.as_deref().unwrap_or(&b.name), b.kind),
                    b.kind,
                )),
                _ => None,
            });
    // Every body mention's record id first: links point at them.
    let mut sightings = Vec::new();
    let body_ids: Vec<Option<String>> = d
        .entities
        .iter()
        .map(|e| match &e.mention.value {
            Value::Body(b) => {
                let name = b.canonical.as_deref().unwrap_or(&b.name);
                let unresolved = b.anaphoric && !named.contains(name);
                let id = match &subject_id {
                    Some((sid, kind)) if unresolved && *kind == b.kind => sid.clone(),
                    _ if unresolved => format!("{}@{doc_id}", resolution_id(name, b.kind)),
                    _ => resolution_id(name, b.kind),
                };
                sightings.push(Sighting {
                    id: id.clone(),
                    kind: b.kind,
                    name: name.to_string(),
                    form: b.name.clone(),
                });
                Some(id)
            }
            _ => None,
        })
        .collect();
    drop(named);
    let subject = d
        .links
        .subject
        .and_then(|i| body_ids.get(i).cloned().flatten());
    let mut links: Vec<Map<String, Json>> = vec![Map::new(); d.entities.len()];
    for l in &d.links.links {
        let Some(map) = links.get_mut(l.from) else {
            continue;
        };
        let (key, value) = match (&l.relation, &l.to) {
            (Relation::Funder, Target::Body(i)) => (
                "funder",
                body_ids.get(*i).cloned().flatten().map(Json::from),
            ),
            (Relation::Funder, Target::Subject) => ("funder", subject.clone().map(Json::from)),
            (Relation::When, Target::Period { start, end }) => {
                ("period", Some(json!({ "start": start, "end": end })))
            }
            (Relation::Programme, Target::Programme(i)) => (
                "programme",
                d.entities.get(*i).and_then(|e| match &e.mention.value {
                    Value::Programme { name } => Some(Json::from(name.clone())),
                    _ => None,
                }),
            ),
            (Relation::PersonBody, Target::Body(i)) => {
                ("body", body_ids.get(*i).cloned().flatten().map(Json::from))
            }
            (Relation::PersonBody, Target::Subject) => ("body", subject.clone().map(Json::from)),
            (Relation::PersonContact, Target::Contact(i)) => {
                match d.entities.get(*i).map(|e| &e.mention.value) {
                    Some(Value::Contact { kind, normalized }) => (
                        match kind {
                            ContactKind::Email => "email",
                            ContactKind::Phone => "phone",
                            ContactKind::Url => "url",
                            ContactKind::Address => "address",
                        },
                        Some(Json::from(normalized.clone())),
                    ),
                    _ => continue,
                }
            }
            _ => continue,
        };
        if let Some(v) = value {
            map.entry(key).or_insert(v);
        }
    }
    let facts = facts_of(&doc_id, &d, &links, subject.as_deref());
    let entities = std::mem::take(&mut d.entities)
        .into_iter()
        .zip(links)
        .enumerate()
        .map(|(i, (e, l))| EntityRecord {
            id: format!("{doc_id}#{i}"),
            doc: doc_id.clone(),
            kind: e.mention.value.entity_type().as_str(),
            value: value_json(&e.mention.value, body_ids[i].as_deref()),
            text: e.text,
            span: e.span,
            page: e.page,
            rule: e.mention.rule,
            links: l,
        })
        .collect();
    d.record.subject_body = subject;
    LinkedDoc {
        record: d.record,
        entities,
        facts,
        sightings,
    }
}

/// The body records of a corpus, gathered from its documents' [`Sighting`]s in any order:
/// the records do not depend on the order documents are added in.
#[derive(Debug, Default)]
pub struct Bodies {
    map: BTreeMap<String, BodyAcc>,
}

impl Bodies {
    pub fn add(&mut self, doc: &str, sightings: &[Sighting]) {
        if sightings.is_empty() {
            return;
        }
        // one allocation per document, shared by every body it names
        let doc: Arc<str> = Arc::from(doc);
        for s in sightings {
            let acc = self.map.entry(s.id.clone()).or_insert_with(|| BodyAcc {
                kind: (s.kind, doc.clone()),
                names: Default::default(),
                forms: Default::default(),
                docs: Default::default(),
                mentions: 0,
            });
            // The kind of the first mention in document order, whatever order documents come in.
            if *doc < *acc.kind.1 {
                acc.kind = (s.kind, doc.clone());
            }
            acc.mentions += 1;
            acc.docs.insert(doc.clone());
            *acc.names.entry(s.name.clone()).or_default() += 1;
            acc.forms.insert(s.form.clone());
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The records, sorted by id.
    pub fn into_records(self) -> Vec<BodyRecord> {
        self.map
            .into_iter()
            .map(|(id, a)| {
                let name = a.display_name();
                BodyRecord {
                    id,
                    kind: a.kind.0.as_str(),
                    aliases: a
                        .names
                        .into_keys()
                        .chain(a.forms)
                        .filter(|n| *n != name)
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                    name,
                    docs: a.docs.iter().map(|d| d.to_string()).collect(),
                    mentions: a.mentions,
                }
            })
            .collect()
    }
}

/// Facts of one document, from its entities' links: `funding` for every amount with a
/// funder or a period, `representation` for every person with a body.
fn facts_of(
    doc_id: &str,
    d: &Processed,
    links: &[Map<String, Json>],
    subject: Option<&str>,
) -> Vec<Json> {
    let mut facts = Vec::new();
    // The document's own plan, contract or convention: a programme named in its opening lines.
    let main = d
        .entities
        .iter()
        .enumerate()
        .find(|(_, e)| {
            e.span[0] < OPENING_CHARS && matches!(e.mention.value, Value::Programme { .. })
        })
        .and_then(|(i, e)| match &e.mention.value {
            Value::Programme { name } => Some((i, name.as_str())),
            _ => None,
        });
    let mut members: Vec<&Json> = Vec::new();
    // Links are sorted by the mention they start from (`local::link_document`).
    let links_of = |from: usize| {
        let lo = d.links.links.partition_point(|l| l.from < from);
        let hi = d.links.links.partition_point(|l| l.from <= from);
        (lo, d.links.links.get(lo..hi).unwrap_or_default())
    };
    let evidence = |from: usize| -> Json {
        let (lo, ls) = links_of(from);
        match (ls.first(), d.evidence_spans.get(lo)) {
            (Some(_), Some(s)) => json!(s),
            _ => Json::Null,
        }
    };
    let targets = |from: usize| -> Vec<String> {
        let mut ids = vec![format!("{doc_id}#{from}")];
        for l in links_of(from).1 {
            if let Target::Body(i) | Target::Programme(i) | Target::Contact(i) = l.to {
                ids.push(format!("{doc_id}#{i}"));
            }
        }
        ids.dedup();
        ids
    };
    for (i, (e, l)) in d.entities.iter().zip(links).enumerate() {
        let fact = match &e.mention.value {
            Value::Amount { eur } if l.contains_key("funder") || l.contains_key("period") => {
                json!({
                    "kind": "funding",
                    "doc": doc_id,
                    "funder": l.get("funder"),
                    "amount": { "eur": wire::number(*eur) },
                    "period": l.get("period"),
                    "programme": l.get("programme"),
                    "evidence": evidence(i),
                    "entities": targets(i),
                })
            }
            Value::Person { name, role } if l.contains_key("body") => {
                // A party that signs the document's contract is a member of it.
                if let (Some((p, programme)), Some(body)) = (main, l.get("body")) {
                    if !members.contains(&body) {
                        members.push(body);
                        let mut ids = targets(i);
                        ids.push(format!("{doc_id}#{p}"));
                        push_fact(
                            &mut facts,
                            doc_id,
                            json!({
                                "kind": "membership",
                                "doc": doc_id,
                                "body": body,
                                "programme": programme,
                                "evidence": evidence(i),
                                "entities": ids,
                            }),
                        );
                    }
                }
                json!({
                    "kind": "representation",
                    "doc": doc_id,
                    "person": name,
                    "body": l.get("body"),
                    "role": role,
                    "email": l.get("email"),
                    "phone": l.get("phone"),
                    "evidence": evidence(i),
                    "entities": targets(i),
                })
            }
            Value::Axis { label, .. } | Value::Action { label, .. }
                if main.is_some() || subject.is_some() =>
            {
                let mut ids = vec![format!("{doc_id}#{i}")];
                ids.extend(main.map(|(p, _)| format!("{doc_id}#{p}")));
                json!({
                    "kind": "axis_of",
                    "doc": doc_id,
                    "item": e.mention.value.entity_type().as_str(),
                    "label": label,
                    "programme": main.map(|(_, n)| n),
                    "body": subject,
                    "evidence": e.span,
                    "entities": ids,
                })
            }
            _ => continue,
        };
        push_fact(&mut facts, doc_id, fact);
    }
    facts
}

/// How far into a document its own title runs, in characters.
const OPENING_CHARS: usize = 800;

/// Appends a fact with its id (`F:<doc>#<n>`) as the first field, as in the contract.
fn push_fact(facts: &mut Vec<Json>, doc_id: &str, mut fact: Json) {
    if let Some(obj) = fact.as_object_mut() {
        let mut with_id = Map::new();
        with_id.insert("id".into(), json!(format!("F:{doc_id}#{}", facts.len())));
        with_id.extend(std::mem::take(obj));
        *obj = with_id;
    }
    facts.push(fact);
}

/// What the corpus says of one body while its mentions are gathered.
#[derive(Debug)]
struct BodyAcc {
    /// The kind, from the first mention of the document with the smallest id.
    kind: (BodyKind, Arc<str>),
    /// Canonical names given by extraction, with how many mentions gave each.
    names: BTreeMap<String, usize>,
    /// Every surface form seen.
    forms: std::collections::BTreeSet<String>,
    docs: std::collections::BTreeSet<Arc<str>>,
    mentions: usize,
}

impl BodyAcc {
    /// The name most mentions give; on a tie the fullest (longest), then the first in order.
    fn display_name(&self) -> String {
        self.names
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then(a.0.chars().count().cmp(&b.0.chars().count()))
                    .then(b.0.cmp(a.0))
            })
            .map(|(n, _)| n.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_ids_are_folded_slugs() {
        assert_eq!(
            body_id("Conseil général de l’Isère"),
            "B:conseil-general-de-l-isere"
        );
        assert_eq!(body_id("Région Rhône-Alpes"), "B:region-rhone-alpes");
    }

    #[test]
    fn collectivites_resolve_by_kind_and_place() {
        let r = |n, k| resolution_id(n, k);
        assert_eq!(
            r("Région Rhône-Alpes", BodyKind::Region),
            "B:region-rhone-alpes"
        );
        assert_eq!(
            r("Conseil régional Rhône-Alpes", BodyKind::Region),
            "B:region-rhone-alpes"
        );
        assert_eq!(
            r("Conseil régional de Normandie", BodyKind::Region),
            "B:region-normandie"
        );
        assert_eq!(
            r("Conseil Général de l’Isère", BodyKind::Departement),
            "B:departement-isere"
        );
        assert_eq!(
            r("Département de l'Isère", BodyKind::Departement),
            "B:departement-isere"
        );
        assert_eq!(
            r("Conseil départemental du Calvados", BodyKind::Departement),
            "B:departement-calvados"
        );
        assert_eq!(
            r("Ville de Grenoble", BodyKind::Commune),
            "B:ville-de-grenoble"
        );
        assert_eq!(
            r("Commune de Grenoble", BodyKind::Commune),
            "B:ville-de-grenoble"
        );
        // must stay apart
        assert_ne!(
            r("Région Auvergne-Rhône-Alpes", BodyKind::Region),
            r("Région Rhône-Alpes", BodyKind::Region)
        );
        assert_ne!(
            r("Grenoble-Alpes Métropole", BodyKind::Epci),
            r("Ville de Grenoble", BodyKind::Commune)
        );
        // a bare anaphor has no place: it keeps its own id
        assert_eq!(
            r("conseil régional", BodyKind::Region),
            "B:conseil-regional"
        );
        assert_eq!(
            r("CRESS Rhône-Alpes", BodyKind::Chamber),
            "B:cress-rhone-alpes"
        );
    }

    fn doc_with(id: &str, bodies: &[(&str, bool)]) -> Processed {
        let entities = bodies
            .iter()
            .enumerate()
            .map(|(i, (name, anaphoric))| Located {
                mention: Mention {
                    start: i * 10,
                    end: i * 10 + 5,
                    value: Value::Body(crate::extract::BodyMention {
                        name: name.to_string(),
                        canonical: Some(name.to_string()),
                        kind: BodyKind::Region,
                        anaphoric: *anaphoric,
                    }),
                    rule: "body.test",
                },
                span: [i * 10, i * 10 + 5],
                page: None,
                text: name.to_string(),
            })
            .collect();
        Processed {
            record: DocumentRecord {
                id: id.into(),
                source: format!("{id}.txt"),
                format: "txt",
                sha256: String::new(),
                pages: None,
                chars: 0,
                title: None,
                subject_body: None,
                repairs: Default::default(),
            },
            entities,
            links: DocLinks::default(),
            evidence_spans: Vec::new(),
        }
    }

    #[test]
    fn unresolved_anaphors_are_never_merged_across_documents() {
        let entities: Vec<EntityRecord> = [
            doc_with("a", &[("la Région", true)]),
            doc_with("b", &[("la Région", true)]),
            doc_with(
                "c",
                &[("Région Normandie", false), ("Région Normandie", true)],
            ),
            doc_with("d", &[("Conseil régional de Normandie", false)]),
        ]
        .into_iter()
        .flat_map(|d| link_document(d).entities)
        .collect();
        let ids: Vec<&str> = entities
            .iter()
            .map(|e| e.value["body"].as_str().unwrap())
            .collect();
        assert_ne!(ids[0], ids[1], "two documents' `la Région` merged");
        assert_eq!(ids[2], "B:region-normandie");
        assert_eq!(ids[3], "B:region-normandie", "resolved anaphor");
        assert_eq!(
            ids[4], "B:region-normandie",
            "same region, another document"
        );
    }

    #[test]
    fn kinds_print_as_in_the_contract() {
        assert_eq!(BodyKind::PublicAgency.as_str(), "public_agency");
        assert_eq!(BodyKind::parse("epci"), Some(BodyKind::Epci));
    }
}
