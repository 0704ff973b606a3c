//! Body rules on real sentences of the seeds, the dev documents and French administrative usage.
use super::*;

/// (name, canonical, kind, anaphoric) of each body mention of `t`.
fn found(t: &str) -> Vec<(String, Option<String>, BodyKind, bool)> {
    bodies(t)
        .into_iter()
        .filter_map(|m| match m.value {
            Value::Body(b) => Some((b.name, b.canonical, b.kind, b.anaphoric)),
            _ => None,
        })
        .collect()
}

fn names(t: &str) -> Vec<String> {
    found(t).into_iter().map(|x| x.0).collect()
}

fn canon(t: &str) -> Vec<String> {
    found(t).into_iter().filter_map(|x| x.1).collect()
}

#[test]
fn smoke() {
    assert_eq!(
        names("la Région Rhône-Alpes , représentée par"),
        ["Région Rhône-Alpes"]
    );
}
