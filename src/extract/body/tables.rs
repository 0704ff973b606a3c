//! The data tables of the body rules, loaded once from `data/`: known bodies, regions,
//! head nouns.
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::scan::{is_apos, prefix_ci, right_boundary};
use crate::extract::BodyKind;
use crate::fr::fold::fold;

static BODIES_TSV: LazyLock<&str> =
    LazyLock::new(|| crate::data::table("bodies.tsv", include_str!("../../../data/bodies.tsv")));
static REGIONS_TSV: LazyLock<&str> =
    LazyLock::new(|| crate::data::table("regions.tsv", include_str!("../../../data/regions.tsv")));
static HEADS_TSV: LazyLock<&str> = LazyLock::new(|| {
    crate::data::table(
        "body_heads.tsv",
        include_str!("../../../data/body_heads.tsv"),
    )
});

/// How a known body relates to its regional forms (see `data/bodies.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualify {
    None,
    Region,
    Branch,
}

#[derive(Clone, Debug)]
pub struct Known {
    pub canonical: String,
    pub kind: BodyKind,
    pub qualify: Qualify,
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Region {
    pub canonical: String,
    pub kind: BodyKind,
    pub aliases: Vec<String>,
}

/// Data rows: non-empty lines that are not `#` comments, split on tabs.
fn rows(tsv: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn split_aliases(s: Option<&&str>) -> Vec<String> {
    s.map(|a| {
        a.split('|')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    })
    .unwrap_or_default()
}

pub static KNOWN: LazyLock<Vec<Known>> = LazyLock::new(|| {
    rows(&BODIES_TSV)
        .filter_map(|r| {
            Some(Known {
                canonical: r.first()?.to_string(),
                kind: BodyKind::parse(r.get(1)?)?,
                qualify: match *r.get(2).unwrap_or(&"-") {
                    "region" => Qualify::Region,
                    "branch" => Qualify::Branch,
                    _ => Qualify::None,
                },
                aliases: split_aliases(r.get(3)),
            })
        })
        .collect()
});

/// Folded name or alias → row of [`KNOWN`].
pub static KNOWN_BY_FOLD: LazyLock<FxHashMap<String, usize>> = LazyLock::new(|| {
    let mut m = FxHashMap::default();
    for (i, k) in KNOWN.iter().enumerate() {
        for a in std::iter::once(&k.canonical).chain(k.aliases.iter()) {
            m.entry(fold(a)).or_insert(i);
        }
    }
    m
});

pub static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(|| {
    rows(&REGIONS_TSV)
        .filter_map(|r| {
            Some(Region {
                canonical: r.first()?.to_string(),
                kind: BodyKind::parse(r.get(1)?)?,
                aliases: split_aliases(r.get(2)),
            })
        })
        .collect()
});

/// Every spelling of every region, longest first, so that `Auvergne-Rhône-Alpes` wins over
/// `Auvergne`.
static REGION_FORMS: LazyLock<Vec<(String, usize)>> = LazyLock::new(|| {
    let mut v: Vec<(String, usize)> = REGIONS
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            std::iter::once(r.canonical.clone())
                .chain(r.aliases.iter().cloned())
                .map(move |a| (a, i))
        })
        .collect();
    v.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
    v
});

/// Prepositions before a region's name (`Conseil régional de La Réunion`, `CRESS des îles de
/// Guadeloupe`, `Collectivité de Corse`).
const REGION_PREPS: [&str; 7] = ["de la ", "de l'", "de l’", "du ", "des ", "de ", "d'"];

/// A region's name at `i` (after an optional preposition when `prep`): its end and row.
/// Capitalised spellings must be capitalised in the text (`Sud`, not `sud`) unless the text
/// is in capitals; abbreviations must match exactly.
pub fn region_at(t: &str, i: usize, prep: bool) -> Option<(usize, &'static Region)> {
    let mut starts = vec![i];
    if prep {
        for p in REGION_PREPS {
            if let Some(e) = prefix_ci(t, i, p) {
                if t.get(i..).is_some_and(|s| s.starts_with(['d', 'D'])) {
                    starts.push(e);
                }
            }
        }
    }
    for &s in starts.iter().rev() {
        for (form, ri) in REGION_FORMS.iter() {
            let Some(e) = prefix_ci(t, s, form) else {
                continue;
            };
            if !right_boundary(t, e)
                || t.get(e..).is_some_and(|x| {
                    x.starts_with('-') && x.chars().nth(1).is_some_and(|c| c.is_alphanumeric())
                })
            {
                continue;
            }
            let text = t.get(s..e).unwrap_or("");
            let abbrev = !form.chars().any(|c| c.is_lowercase());
            if abbrev && text != form {
                continue;
            }
            let (tf, ff) = (text.chars().next(), form.chars().next());
            if ff.is_some_and(|c| c.is_uppercase()) && tf.is_some_and(|c| c.is_lowercase()) {
                continue;
            }
            // an apostrophe must not be followed by more of a word the form does not have
            if text.chars().last().is_some_and(is_apos) {
                continue;
            }
            return REGIONS.get(*ri).map(|r| (e, r));
        }
    }
    None
}

/// Head nouns of organisations and their kinds (`data/body_heads.tsv`).
pub static HEADS: LazyLock<Vec<(String, BodyKind, bool)>> = LazyLock::new(|| {
    rows(&HEADS_TSV)
        .filter_map(|r| {
            Some((
                r.first()?.to_string(),
                BodyKind::parse(r.get(1)?)?,
                r.get(2) == Some(&"name"),
            ))
        })
        .collect()
});

static HEADS_BY_FOLD: LazyLock<FxHashMap<String, (BodyKind, bool)>> =
    LazyLock::new(|| HEADS.iter().map(|(h, k, a)| (fold(h), (*k, *a))).collect());

/// The kind a head noun names and whether a proper name after it in lower case is enough
/// (first letter's case and apostrophes ignored, spaces collapsed).
pub fn head_info(head: &str) -> Option<(BodyKind, bool)> {
    HEADS_BY_FOLD.get(&fold(head)).copied()
}

pub fn head_kind(head: &str) -> Option<BodyKind> {
    head_info(head).map(|(k, _)| k)
}

/// True for a head noun standing alone (`Association`), which does not belong to a name
/// before it.
pub fn is_head_word(w: &str) -> bool {
    head_kind(w).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_with_valid_kinds() {
        let data_rows = |tsv: &'static str| rows(tsv).count();
        assert_eq!(
            KNOWN.len(),
            data_rows(&BODIES_TSV),
            "a row of bodies.tsv has a bad kind"
        );
        assert_eq!(
            REGIONS.len(),
            data_rows(&REGIONS_TSV),
            "a row of regions.tsv has a bad kind"
        );
        assert_eq!(
            HEADS.len(),
            data_rows(&HEADS_TSV),
            "a row of body_heads.tsv has a bad kind"
        );
        assert!(KNOWN.len() > 40 && REGIONS.len() > 30 && HEADS.len() > 20);
    }

    #[test]
    fn no_alias_names_two_bodies() {
        let mut seen: FxHashMap<String, &str> = FxHashMap::default();
        for k in KNOWN.iter() {
            let mut own: Vec<String> = std::iter::once(&k.canonical)
                .chain(k.aliases.iter())
                .map(|a| fold(a))
                .collect();
            own.sort();
            own.dedup();
            for f in own {
                if let Some(other) = seen.insert(f.clone(), &k.canonical) {
                    panic!("`{f}` names both {other} and {}", k.canonical);
                }
            }
        }
        let mut seen: FxHashMap<String, &str> = FxHashMap::default();
        for r in REGIONS.iter() {
            for a in std::iter::once(&r.canonical).chain(r.aliases.iter()) {
                if let Some(other) = seen.insert(fold(a), &r.canonical) {
                    assert_eq!(other, r.canonical, "`{a}` names two regions");
                }
            }
        }
    }

    #[test]
    fn regions_are_found_with_prepositions() {
        let t = "de La Réunion, Rhône Alpes, RA, ra, sud";
        let at = |w: &str| t.find(w).unwrap_or(0);
        let name = |i: usize, p: bool| region_at(t, i, p).map(|(_, r)| r.canonical.as_str());
        assert_eq!(name(0, true), Some("Réunion"));
        assert_eq!(name(at("Rhône"), false), Some("Rhône-Alpes"));
        assert_eq!(name(at("RA"), false), Some("Rhône-Alpes"));
        assert!(name(at("ra,"), false).is_none());
        assert!(name(at("sud"), false).is_none());
    }
}
