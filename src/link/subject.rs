//! The body a document is mainly about (`subject_body`).
use std::collections::BTreeMap;

use crate::extract::{BodyKind, BodyMention, Mention, Value};
use crate::fr::fold::fold;

/// How many non-blank lines make the title block of a document.
const TITLE_LINES: usize = 8;

/// Words of a title block that make the document the act or profile of one body.
const OWN_DOCUMENT: &[&str] = &[
    "fiche",
    "deliberation",
    "registre des deliberations",
    "commission permanente",
    "conseil regional",
    "conseil departemental",
    "conseil communautaire",
    "conseil metropolitain",
    "conseil municipal",
    "budget",
    "plan",
    "programme d actions",
    "programme d intervention",
    "rapport",
    // a call for projects and its rules are the act of the collectivité that funds them
    "appel a projets",
    "appel a manifestation d interet",
    "reglement",
];

/// Words of a title block that make the document an agreement between parties.
const AGREEMENT: &[&str] = &[
    "convention",
    "contrat",
    "accord",
    "feuille de route",
    "partenariat",
    "protocole",
    "charte",
];

/// Territorial collectivités: the bodies a profile, plan or deliberation is about.
fn is_collectivite(kind: BodyKind) -> bool {
    matches!(
        kind,
        BodyKind::Region | BodyKind::Departement | BodyKind::Epci | BodyKind::Commune
    )
}

fn canonical(b: &BodyMention) -> &str {
    b.canonical.as_deref().unwrap_or(&b.name)
}

/// End of the title block: the first [`TITLE_LINES`] non-blank lines.
fn title_end(text: &str) -> usize {
    let mut seen = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        pos += line.len();
        if !line.trim().is_empty() {
            seen += 1;
            if seen >= TITLE_LINES {
                break;
            }
        }
    }
    pos.min(text.len())
}

/// Contains a whole folded word sequence.
fn has_words(folded: &str, words: &str) -> bool {
    folded.match_indices(words).any(|(i, _)| {
        let before = folded.get(..i).and_then(|s| s.chars().next_back());
        let after = folded.get(i + words.len()..).and_then(|s| s.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The body mention the document is about, if one stands out.
pub fn subject(text: &str, mentions: &[Mention]) -> Option<usize> {
    let title_end = title_end(text);
    let title = fold(text.get(..title_end).unwrap_or(""));
    // canonical name → (mentions in the whole text, mentions in the title block, first index)
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut title_bodies = std::collections::BTreeSet::new();
    for (i, m) in mentions.iter().enumerate() {
        let Value::Body(b) = &m.value else { continue };
        let in_title = m.start < title_end;
        if in_title {
            title_bodies.insert(canonical(b));
        }
        if !is_collectivite(b.kind) {
            continue;
        }
        let c = counts.entry(canonical(b)).or_insert((0, 0, i));
        c.0 += 1;
        c.1 += usize::from(in_title);
    }
    // An agreement between several parties is about none of them.
    if AGREEMENT.iter().any(|w| has_words(&title, w)) && title_bodies.len() >= 2 {
        return None;
    }
    let own = OWN_DOCUMENT.iter().any(|w| has_words(&title, w));
    let mut ranked: Vec<(&str, (usize, usize, usize))> = counts.into_iter().collect();
    // A profile, plan or deliberation: the collectivité its title block names most.
    ranked.sort_by_key(|&(_, (n, t, first))| (std::cmp::Reverse((t, n)), first));
    let chosen = match ranked.as_slice() {
        [(name, (_, t, _)), rest @ ..] if own && *t > 0 => {
            // a tie in the title between two collectivités leaves no subject
            if rest.first().is_some_and(|(_, (_, t2, _))| t2 == t) {
                return None;
            }
            *name
        }
        _ => {
            // Else the most mentioned collectivité, with a clear lead.
            ranked.sort_by_key(|&(_, (n, _, first))| (std::cmp::Reverse(n), first));
            match ranked.as_slice() {
                [(name, (n, _, _)), rest @ ..]
                    if *n >= 3 && rest.first().is_none_or(|(_, (n2, _, _))| *n >= 2 * n2) =>
                {
                    *name
                }
                _ => return None,
            }
        }
    };
    // its first proper (not anaphoric) mention, else its first mention
    let of_chosen = |m: &&Mention| matches!(&m.value, Value::Body(b) if canonical(b) == chosen);
    let proper = mentions
        .iter()
        .position(|m| of_chosen(&m) && matches!(&m.value, Value::Body(b) if !b.anaphoric));
    proper.or_else(|| mentions.iter().position(|m| of_chosen(&m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str, name: &str, canonical: &str, kind: BodyKind, anaphoric: bool) -> Mention {
        let start = text.find(name).unwrap();
        Mention {
            start,
            end: start + name.len(),
            value: Value::Body(BodyMention {
                name: name.into(),
                canonical: Some(canonical.into()),
                kind,
                anaphoric,
            }),
            rule: "body.test",
        }
    }

    #[test]
    fn a_profile_is_about_its_collectivite() {
        let text = "Fiche collectivité\n\nRÉGION RÉUNION\nBudget 2024 consacré à l'ESS : 3,2 M€\nLa CRESS et l'État.";
        let m = vec![
            body(
                text,
                "RÉGION RÉUNION",
                "Région Réunion",
                BodyKind::Region,
                false,
            ),
            body(text, "CRESS", "CRESS Réunion", BodyKind::Chamber, false),
            body(text, "l'État", "État", BodyKind::Etat, false),
        ];
        assert_eq!(subject(text, &m), Some(0));
    }

    #[test]
    fn a_call_for_projects_is_its_funders() {
        let text = "RÉGION BRETAGNE\nDirection de l'économie\n\nAPPEL À PROJETS « ESS ET TRANSITIONS » 2025\nRèglement\n\nla CRESS Bretagne accompagne.";
        let m = vec![
            body(
                text,
                "RÉGION BRETAGNE",
                "Région Bretagne",
                BodyKind::Region,
                false,
            ),
            body(
                text,
                "CRESS Bretagne",
                "CRESS Bretagne",
                BodyKind::Chamber,
                false,
            ),
        ];
        assert_eq!(subject(text, &m), Some(0));
    }

    #[test]
    fn a_convention_between_parties_has_none() {
        let text = "CONVENTION\nentre la Région Rhône-Alpes et l'État\n";
        let m = vec![
            body(
                text,
                "Région Rhône-Alpes",
                "Région Rhône-Alpes",
                BodyKind::Region,
                false,
            ),
            body(text, "l'État", "État", BodyKind::Etat, false),
        ];
        assert_eq!(subject(text, &m), None);
    }

    #[test]
    fn a_clear_lead_without_title_words() {
        let text = "Intro.\nla Région finance. la Région aide. La Région Normandie vote. Le Département suit.";
        let mut m = Vec::new();
        for (k, _) in text.match_indices("Région") {
            m.push(Mention {
                start: k,
                end: k + 6,
                value: Value::Body(BodyMention {
                    name: "Région".into(),
                    canonical: Some("Région Normandie".into()),
                    kind: BodyKind::Region,
                    anaphoric: k < 40,
                }),
                rule: "body.test",
            });
        }
        m.push(body(
            text,
            "Département",
            "Département du Calvados",
            BodyKind::Departement,
            false,
        ));
        // the first mention that is not an anaphor
        assert_eq!(subject(text, &m), Some(2));
    }
}
