//! Anaphoric body names that extraction could not resolve inside the document
//! (`la Région`, `le conseil régional` in a text that names its region only as a place:
//! `en région Rhône Alpes`). They take the one region the text speaks of.
use crate::extract::body::tables::{region_at, REGIONS};
use crate::extract::{BodyKind, Mention, Value};

/// Resolves, in place, anaphors whose canonical name is no named body of the document.
pub fn resolve(text: &str, mentions: &mut [Mention]) {
    let named: Vec<String> = mentions
        .iter()
        .filter_map(|m| match &m.value {
            Value::Body(b) if !b.anaphoric => Some(b.canonical.clone().unwrap_or(b.name.clone())),
            _ => None,
        })
        .collect();
    let unresolved = |m: &Mention| match &m.value {
        Value::Body(b) => {
            b.anaphoric
                && b.kind == BodyKind::Region
                && !named.iter().any(|n| Some(n) == b.canonical.as_ref())
        }
        _ => false,
    };
    if !mentions.iter().any(unresolved) {
        return;
    }
    let Some(region) = only_region_place(text) else {
        return;
    };
    let canonical = format!("Région {region}");
    for m in mentions.iter_mut() {
        if unresolved(m) {
            if let Value::Body(b) = &mut m.value {
                // resolved here: the corpus stage takes it as the body it names
                b.canonical = Some(canonical.clone());
                b.anaphoric = false;
            }
        }
    }
}

/// The region a text names as a place (`en région Rhône Alpes`, `la région Normandie`),
/// when it names exactly one.
fn only_region_place(text: &str) -> Option<&'static str> {
    let mut found: Option<&'static str> = None;
    for (i, _) in text.match_indices("égion ") {
        let start = i + "égion ".len();
        let Some((_, r)) = region_at(text, start, true) else {
            continue;
        };
        if r.kind != BodyKind::Region {
            continue;
        }
        match found {
            Some(f) if f != r.canonical => return None,
            _ => found = Some(r.canonical.as_str()),
        }
    }
    found.filter(|f| REGIONS.iter().any(|r| r.canonical == *f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::BodyMention;

    fn anaphor(start: usize, name: &str) -> Mention {
        Mention {
            start,
            end: start + name.len(),
            value: Value::Body(BodyMention {
                name: name.into(),
                canonical: Some(name.into()),
                kind: BodyKind::Region,
                anaphoric: true,
            }),
            rule: "body.region_anaphor",
        }
    }

    fn canon(m: &Mention) -> Option<&str> {
        match &m.value {
            Value::Body(b) => b.canonical.as_deref(),
            _ => None,
        }
    }

    #[test]
    fn region_named_as_a_place_resolves_the_region() {
        let t = "En région Rhône Alpes, le conseil régional soutient l'ESS.";
        let mut ms = vec![anaphor(t.find("conseil").unwrap(), "conseil régional")];
        resolve(t, &mut ms);
        assert_eq!(canon(&ms[0]), Some("Région Rhône-Alpes"));
    }

    #[test]
    fn two_regions_named_leave_it_alone() {
        let t = "En région Normandie et en région Bretagne, la Région agit.";
        let mut ms = vec![anaphor(t.find("la Région").unwrap(), "la Région")];
        resolve(t, &mut ms);
        assert_eq!(canon(&ms[0]), Some("la Région"));
    }
}
