//! Linking: body mentions resolved to corpus-wide body records, entity records with their
//! ids, and facts. Runs once over the results of all documents, in one thread, with
//! explicit sorts so that nothing depends on hashing or thread timing.
use std::collections::BTreeMap;

use serde_json::{json, Map, Value as Json};

use crate::extract::{BodyKind, Mention, Value};
use crate::fr::fold::fold;
use crate::output::wire::{self, BodyRecord, DocumentRecord, EntityRecord};

/// A mention placed in its document: code-point span, page and text.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub mention: Mention,
    pub span: [usize; 2],
    pub page: Option<usize>,
    pub text: String,
}

/// What the per-document stages hand to linking.
#[derive(Clone, Debug)]
pub struct Processed {
    pub record: DocumentRecord,
    pub entities: Vec<Located>,
}

/// The linked corpus, ready to write.
#[derive(Debug, Default)]
pub struct Linked {
    pub documents: Vec<DocumentRecord>,
    pub entities: Vec<EntityRecord>,
    pub bodies: Vec<BodyRecord>,
    pub facts: Vec<Json>,
}

/// `B:` and the folded name with `-` between words: `Conseil général de l’Isère` →
/// `B:conseil-general-de-l-isere`.
pub fn body_id(name: &str) -> String {
    format!("B:{}", fold(name).replace(' ', "-"))
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

/// Links the documents' results into the corpus. Documents arrive in drop order; records
/// are sorted by document id, entities by (doc, span start, type).
pub fn link(mut docs: Vec<Processed>) -> Linked {
    docs.sort_by(|a, b| a.record.id.cmp(&b.record.id));
    let mut bodies: BTreeMap<String, BodyAcc> = BTreeMap::new();
    let mut linked = Linked::default();
    for d in docs {
        let doc_id = d.record.id.clone();
        for (i, e) in d.entities.iter().enumerate() {
            let mut body = None;
            if let Value::Body(b) = &e.mention.value {
                let name = b.canonical.as_deref().unwrap_or(&b.name);
                let id = body_id(name);
                let acc = bodies.entry(id.clone()).or_insert_with(|| BodyAcc {
                    name: name.to_string(),
                    kind: b.kind,
                    aliases: Default::default(),
                    docs: Default::default(),
                    mentions: 0,
                });
                acc.mentions += 1;
                acc.docs.insert(doc_id.clone());
                if b.name != acc.name {
                    acc.aliases.insert(b.name.clone());
                }
                body = Some(id);
            }
            linked.entities.push(EntityRecord {
                id: format!("{doc_id}#{i}"),
                doc: doc_id.clone(),
                kind: e.mention.value.entity_type().as_str(),
                text: e.text.clone(),
                span: e.span,
                page: e.page,
                value: value_json(&e.mention.value, body.as_deref()),
                rule: e.mention.rule,
                links: Map::new(),
            });
        }
        linked.documents.push(d.record);
    }
    linked.bodies = bodies
        .into_iter()
        .map(|(id, a)| BodyRecord {
            id,
            name: a.name,
            kind: a.kind.as_str(),
            aliases: a.aliases.into_iter().collect(),
            docs: a.docs.into_iter().collect(),
            mentions: a.mentions,
        })
        .collect();
    linked
}

struct BodyAcc {
    name: String,
    kind: BodyKind,
    aliases: std::collections::BTreeSet<String>,
    docs: std::collections::BTreeSet<String>,
    mentions: usize,
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
    fn kinds_print_as_in_the_contract() {
        assert_eq!(BodyKind::PublicAgency.as_str(), "public_agency");
        assert_eq!(BodyKind::parse("epci"), Some(BodyKind::Epci));
    }
}
