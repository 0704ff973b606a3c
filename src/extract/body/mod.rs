//! Body rules: organisations of French public life and of the ESS.
//!
//! Candidates come from the table of known bodies (`data/bodies.tsv`, aho-corasick), from
//! institutional patterns (`Conseil général de l'Isère`, `Région Normandie`, `… Métropole`),
//! from head nouns (`l'association GAIA`), from acronyms defined in the text and from anaphoric
//! names (`la Région`). Overlaps inside the family are settled (longest wins), then every
//! mention of one body in the document gets the same `canonical`, so that linking makes one
//! record of it.
use std::sync::LazyLock;

use crate::extract::pattern::WordRe;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;
use rustc_hash::FxHashMap;

use super::{BodyKind, BodyMention, Doc, Extractor, Mention, Value};
use crate::fr::fold::fold;

pub mod scan;
pub mod tables;

use scan::*;
use tables::{region_at, Known, Qualify, KNOWN, KNOWN_BY_FOLD};

pub struct Bodies;

impl Extractor for Bodies {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        out.extend(bodies(doc.text));
    }
}

/// Which bodies an anaphoric name can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Class {
    Region,
    Departement,
    Epci,
    Commune,
    Chamber,
    /// `la collectivité`, `Commission permanente`: the document's main territorial body.
    Territorial,
}

impl Class {
    fn accepts(self, c: &Cand) -> bool {
        match self {
            Class::Region => c.kind == BodyKind::Region,
            Class::Departement => c.kind == BodyKind::Departement,
            Class::Epci => c.kind == BodyKind::Epci,
            Class::Commune => c.kind == BodyKind::Commune,
            Class::Chamber => c.kind == BodyKind::Chamber,
            Class::Territorial => c.territorial,
        }
    }
    fn default_kind(self) -> BodyKind {
        match self {
            Class::Region | Class::Territorial => BodyKind::Region,
            Class::Departement => BodyKind::Departement,
            Class::Epci => BodyKind::Epci,
            Class::Commune => BodyKind::Commune,
            Class::Chamber => BodyKind::Chamber,
        }
    }
}

/// A body candidate before overlaps and canonical names are settled.
#[derive(Clone, Debug)]
struct Cand {
    start: usize,
    end: usize,
    name: String,
    kind: BodyKind,
    /// Identity of the body in the document: mentions with one key share one canonical name.
    key: Option<String>,
    /// The canonical name this mention proposes for its key.
    canon: Option<String>,
    /// Higher wins when the mentions of one key propose different canonical names.
    canon_prio: u8,
    /// Set for anaphoric names: what they may refer to.
    class: Option<Class>,
    /// A collectivité (region, département, EPCI, commune, syndicat, collectivité à statut).
    territorial: bool,
    /// For known bodies that exist per region: the table row, to resolve bare mentions.
    row: Option<usize>,
    qualified: bool,
    /// Another name the document may use alone later for this body (`ANEJ`, `Vélisol`).
    learn: Vec<String>,
    rule: &'static str,
}

impl Cand {
    fn new(t: &str, start: usize, end: usize, kind: BodyKind, rule: &'static str) -> Cand {
        let name = clean(t.get(start..end).unwrap_or(""));
        Cand {
            start,
            end,
            name,
            kind,
            key: None,
            canon: None,
            canon_prio: 1,
            class: None,
            territorial: matches!(
                kind,
                BodyKind::Region
                    | BodyKind::Departement
                    | BodyKind::Epci
                    | BodyKind::Commune
                    | BodyKind::Syndicat
            ),
            row: None,
            qualified: false,
            learn: Vec::new(),
            rule,
        }
    }
    fn keyed(mut self, key: String, canon: String) -> Cand {
        self.key = Some(key);
        self.canon = Some(canon);
        self
    }
    fn anaphor(mut self, class: Class) -> Cand {
        self.class = Some(class);
        self
    }
}

/// All body mentions of a text.
pub fn bodies(t: &str) -> Vec<Mention> {
    let mut cands = Vec::new();
    known_bodies(t, &mut cands);
    regions(t, &mut cands);
    departements(t, &mut cands);
    collectivites(t, &mut cands);
    epcis(t, &mut cands);
    metropoles(t, &mut cands);
    communes(t, &mut cands);
    syndicats(t, &mut cands);
    etat(t, &mut cands);
    head_nouns(t, &mut cands);
    anaphors(t, &mut cands);
    let mut kept = settle(cands);
    acronym_definitions(t, &mut kept);
    learned_names(t, &mut kept);
    resolve(&mut kept);
    kept.into_iter()
        .map(|c| Mention {
            start: c.start,
            end: c.end,
            value: Value::Body(BodyMention {
                name: c.name,
                canonical: c.canon,
                kind: c.kind,
                anaphoric: c.class.is_some(),
            }),
            rule: c.rule,
        })
        .collect()
}

/// Overlapping candidates: the longest wins, then the one that started first; at equal span a
/// known body beats a pattern (it carries the table's canonical name).
fn settle(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.retain(|c| c.start < c.end && !c.name.is_empty());
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
            .then(b.row.is_some().cmp(&a.row.is_some()))
    });
    let mut kept: Vec<Cand> = Vec::new();
    for c in cands {
        if kept.iter().all(|k| c.end <= k.start || c.start >= k.end) {
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

// ---------------------------------------------------------------------------------------
// Known bodies

static KNOWN_AC: LazyLock<(AhoCorasick, Vec<(usize, String)>)> = LazyLock::new(|| {
    crate::extract::lexicon::names_automaton(KNOWN.iter().enumerate().flat_map(|(i, k)| {
        std::iter::once(k.canonical.as_str())
            .chain(k.aliases.iter().map(String::as_str))
            .map(move |a| (i, a))
    }))
});

/// Acronyms are written in capitals and must match exactly (`CDC`, not `cdc`); names must
/// start with the same capital as in the table (`Avise`, not the verb `avise`).
fn case_ok(text: &str, pat: &str) -> bool {
    if !pat.chars().any(|c| c.is_lowercase()) {
        return text == pat || text.replace('’', "'") == pat.replace('’', "'");
    }
    match (text.chars().next(), pat.chars().next()) {
        (Some(a), Some(b)) if b.is_uppercase() => a == b,
        _ => true,
    }
}

/// Rule `body.known`: the table of known bodies, with a regional qualifier when the body
/// exists per region (`CRESS RA`, `DREETS Centre-Val de Loire`, `France Active Normandie`).
fn known_bodies(t: &str, out: &mut Vec<Cand>) {
    let (ac, pats) = &*KNOWN_AC;
    // Names wrap over lines: match on a copy where line breaks are spaces (same byte length).
    let hay = flat_lines(t);
    for m in ac.find_iter(&hay[..]) {
        let (s, e) = (m.start(), m.end());
        let Some((row, pat)) = pats.get(m.pattern().as_usize()) else {
            continue;
        };
        let Some(text) = t.get(s..e) else { continue };
        if !left_boundary(t, s) || !right_boundary(t, e) || !case_ok(text, pat) {
            continue;
        }
        let Some(k) = KNOWN.get(*row) else { continue };
        // `les CRESS`, `des CCI`: the class of bodies, not one of them
        let before = t.get(..s).unwrap_or("").trim_end();
        if k.qualify == Qualify::Region
            && ["les", "des", "aux", "Les", "Des"]
                .iter()
                .any(|d| before.ends_with(d) && left_boundary(before, before.len() - d.len()))
        {
            continue;
        }
        let mut c = Cand::new(t, s, e, k.kind, "body.known");
        c.row = Some(*row);
        let mut canon = k.canonical.clone();
        if k.qualify != Qualify::None {
            if let Some((qe, q)) = qualifier(t, e, k.qualify) {
                c = Cand {
                    row: c.row,
                    ..Cand::new(t, s, qe, k.kind, "body.known_regional")
                };
                canon = format!("{} {}", k.canonical, q);
                c.qualified = true;
            }
        }
        let key = format!("known:{}", fold(&canon));
        out.push(c.keyed(key, canon));
    }
}

/// The regional qualifier after a known body: `RA`, `-IG`, `de Corse`, `(DREETS) Centre-Val de
/// Loire`, or for per-region bodies a place after a preposition (`CCI de Grenoble`).
fn qualifier(t: &str, e: usize, q: Qualify) -> Option<(usize, String)> {
    let mut p = e;
    // an acronym inserted between the long name and its region
    if let Some(g) = skip_gap(t, p) {
        if t.get(g..).is_some_and(|s| s.starts_with('(')) {
            if let Some(close) = t.get(g..).and_then(|s| s.find(')')) {
                if close < 14 {
                    p = g + close + 1;
                }
            }
        }
    }
    let start = if t.get(p..).is_some_and(|s| s.starts_with('-')) {
        p + 1
    } else {
        skip_gap(t, p)?
    };
    if let Some((re, r)) = region_at(t, start, true) {
        return Some((re, r.canonical.clone()));
    }
    if q == Qualify::Region {
        let o = NameOpts {
            lead_prep: true,
            ..Default::default()
        };
        let first = word_end(t, start)?;
        let w = t.get(start..first)?;
        if matches!(w, "de" | "du" | "des" | "d")
            || t.get(start..)?.starts_with("d'")
            || t.get(start..)?.starts_with("d’")
        {
            let ne = proper_name(t, start, o)?;
            let inner = strip_prep(t.get(start..ne)?);
            return Some((ne, clean(inner)));
        }
    }
    None
}

/// `de la Drôme` → `Drôme`, `d'Ardèche` → `Ardèche`.
fn strip_prep(s: &str) -> &str {
    let mut s = s.trim_start();
    loop {
        let before = s;
        for p in [
            "de la ", "de l'", "de l’", "du ", "des ", "de ", "d'", "d’", "l'", "l’", "la ", "le ",
            "les ",
        ] {
            if let Some(r) = s.strip_prefix(p) {
                s = r.trim_start();
                break;
            }
        }
        if s.len() == before.len() {
            return s;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Institutional patterns

static RE_REGION: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(r"(?:[Cc]onseil\s+[Rr][ée]gional|CONSEIL\s+R[ÉE]GIONAL|R[ée]gion|R[ÉE]GION)")
        .expect("region regex")
});

/// Rule `body.region`: `Région Normandie`, `Conseil régional de La Réunion`, `RÉGION GUADELOUPE`;
/// without a region name, `la Région` and `le Conseil régional` are anaphoric.
fn regions(t: &str, out: &mut Vec<Cand>) {
    for m in RE_REGION.find_iter(t) {
        let (s, e) = (m.start(), m.end());
        let head = m.as_str();
        let council = head.to_lowercase().starts_with("conseil");
        let after = skip_gap(t, e);
        if let Some((re, r)) = after.and_then(|a| region_at(t, a, council)) {
            if place_use(t, s) && !council {
                continue;
            }
            let mut c = Cand::new(t, s, re, r.kind, "body.region");
            c.territorial = true;
            let canon = if r.kind == BodyKind::Region {
                format!("Région {}", r.canonical)
            } else {
                format!("Collectivité de {}", r.canonical)
            };
            out.push(c.keyed(format!("region:{}", fold(&r.canonical)), canon));
            continue;
        }
        // bare: the anaphoric name of the region the document is about
        let before = t.get(..s).unwrap_or("").trim_end();
        let article = [" la", "\nla", "La", "'", "’"]
            .iter()
            .any(|a| before.ends_with(a));
        if council || (head.starts_with('R') && article && !place_use(t, s)) {
            out.push(
                Cand::new(t, s, e, BodyKind::Region, "body.region_anaphor").anaphor(Class::Region),
            );
        }
    }
}

/// `en région Rhône-Alpes`, `en Région`: the territory, not the collectivité.
fn place_use(t: &str, s: usize) -> bool {
    let before = t.get(..s).unwrap_or("");
    let b = before.trim_end();
    b.ends_with(" en")
        || b.ends_with("\nen")
        || b == "en"
        || b.ends_with(" En")
        || b.ends_with("\nEn")
        || b == "En"
}

static RE_DEPT: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(
        r"(?:(Conseils?)\s+(?:[Gg][ée]n[ée]ra(?:l|ux)|[Dd][ée]partementa(?:l|ux))|CONSEIL\s+(?:G[ÉE]N[ÉE]RAL|D[ÉE]PARTEMENTAL)|D[ée]partement|D[ÉE]PARTEMENT)",
    )
    .expect("dept regex")
});

/// Rule `body.departement`: `Conseil général de l'Isère`, `Département de la Corse-du-Sud`,
/// `les Conseils généraux de Drôme et d'Ardèche` (two bodies); bare `le Département` and
/// `le Conseil général` are anaphoric.
#[allow(clippy::while_let_loop)]
fn departements(t: &str, out: &mut Vec<Cand>) {
    let lp = NameOpts {
        lead_prep: true,
        ..Default::default()
    };
    for m in RE_DEPT.find_iter(t) {
        let (s, e) = (m.start(), m.end());
        let head = m.as_str();
        let plural = head.starts_with("Conseils");
        let Some(a) = skip_gap(t, e) else {
            if !plural {
                out.push(
                    Cand::new(t, s, e, BodyKind::Departement, "body.departement_anaphor")
                        .anaphor(Class::Departement),
                );
            }
            continue;
        };
        let has_prep = ["de ", "du ", "des ", "d'", "d’", "de\n"]
            .iter()
            .any(|p| t.get(a..).is_some_and(|x| x.starts_with(p)));
        let ne = if has_prep {
            proper_name(t, a, lp)
        } else {
            None
        };
        let Some(ne) = ne else {
            if !plural
                && head.chars().next().is_some_and(|c| c.is_uppercase())
                && !head.starts_with("DÉ")
                && !head.starts_with("DE")
            {
                out.push(
                    Cand::new(t, s, e, BodyKind::Departement, "body.departement_anaphor")
                        .anaphor(Class::Departement),
                );
            }
            continue;
        };
        let tail = t.get(a..ne).unwrap_or("");
        let core = strip_prep(tail).to_string();
        if plural {
            // coordination: `Conseils généraux de Drôme et d'Ardèche`
            let mut c = Cand::new(
                t,
                s,
                ne,
                BodyKind::Departement,
                "body.departements_coordinated",
            );
            c.name = format!("Conseil général {}", clean(tail));
            out.push(c.keyed(
                format!("dep:{}", fold(&core)),
                format!("Conseil général {}", clean(tail)),
            ));
            let mut p = ne;
            loop {
                let Some(g) = skip_gap(t, p) else { break };
                let Some(after_et) = t.get(g..).and_then(|x| x.strip_prefix("et")).map(|_| g + 2)
                else {
                    break;
                };
                let Some(g2) = skip_gap(t, after_et) else {
                    break;
                };
                let Some(ne2) = proper_name(t, g2, lp) else {
                    break;
                };
                let tail2 = t.get(g2..ne2).unwrap_or("");
                let core2 = strip_prep(tail2).to_string();
                if core2.is_empty() || core2.len() == tail2.len() {
                    break;
                }
                let mut c = Cand::new(
                    t,
                    g2,
                    ne2,
                    BodyKind::Departement,
                    "body.departements_coordinated",
                );
                c.name = format!("Conseil général {}", clean(tail2));
                out.push(c.keyed(
                    format!("dep:{}", fold(&core2)),
                    format!("Conseil général {}", clean(tail2)),
                ));
                p = ne2;
            }
            continue;
        }
        let c = Cand::new(t, s, ne, BodyKind::Departement, "body.departement");
        let canon = c.name.clone();
        out.push(c.keyed(format!("dep:{}", fold(&core)), canon));
    }
}

static RE_COLLECTIVITE: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(
        r"(?:Collectivit[ée]|COLLECTIVIT[ÉE])(?:\s+(?:[Tt]erritoriale|TERRITORIALE|[Uu]nique))?|(?:Assembl[ée]e|Conseil\s+ex[ée]cutif|Conseil\s+territorial)",
    )
    .expect("collectivite regex")
});

/// Rule `body.collectivite`: collectivités with a special status (`Collectivité de Corse`,
/// `Collectivité Territoriale de Martinique`) and their organs (`Assemblée de Corse`,
/// `Conseil exécutif de Martinique`); bare organs are anaphoric.
fn collectivites(t: &str, out: &mut Vec<Cand>) {
    for m in RE_COLLECTIVITE.find_iter(t) {
        let (s, e) = (m.start(), m.end());
        let head = m.as_str();
        let organ = !head.to_lowercase().starts_with("collectivit");
        let named = skip_gap(t, e).and_then(|a| region_at(t, a, true));
        if let Some((re, r)) = named {
            let mut c = Cand::new(
                t,
                s,
                re,
                if r.kind == BodyKind::Region {
                    BodyKind::Region
                } else {
                    BodyKind::Other
                },
                "body.collectivite",
            );
            c.territorial = true;
            let canon = if organ {
                format!("Collectivité de {}", r.canonical)
            } else {
                c.name.clone()
            };
            let mut c = c.keyed(format!("region:{}", fold(&r.canonical)), canon);
            c.canon_prio = if organ { 0 } else { 2 };
            out.push(c);
        } else if organ && (head.starts_with("Conseil") || head.starts_with("Assemblée plénière"))
        {
            out.push(
                Cand::new(t, s, e, BodyKind::Region, "body.organ_anaphor")
                    .anaphor(Class::Territorial),
            );
        }
    }
}

static RE_EPCI: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(
        r"(?:Communaut[ée]\s+(?:[Uu]rbaine|d['’]\s*[Aa]gglom[ée]ration|de\s+[Cc]ommunes)|COMMUNAUT[ÉE]\s+(?:URBAINE|D['’]AGGLOM[ÉE]RATION|DE\s+COMMUNES))",
    )
    .expect("epci regex")
});

/// Rule `body.epci`: `Communauté urbaine Caen la Mer`, `Communauté de communes du Val de Drôme`,
/// `Communauté d'agglomération grenobloise`; bare `la Communauté urbaine` is anaphoric.
fn epcis(t: &str, out: &mut Vec<Cand>) {
    let o = NameOpts {
        lead_prep: true,
        lead_demonym: true,
        ..Default::default()
    };
    for m in RE_EPCI.find_iter(t) {
        let (s, e) = (m.start(), m.end());
        let Some(ne) = skip_gap(t, e).and_then(|a| proper_name(t, a, o).map(|ne| (a, ne))) else {
            if m.as_str().starts_with('C') {
                out.push(
                    Cand::new(t, s, e, BodyKind::Epci, "body.epci_anaphor").anaphor(Class::Epci),
                );
            }
            continue;
        };
        let (a, ne) = ne;
        let tail = t.get(a..ne).unwrap_or("");
        let core = strip_prep(tail);
        let mut c = Cand::new(t, s, ne, BodyKind::Epci, "body.epci");
        if core.len() == tail.len() && core.chars().next().is_some_and(|c| c.is_uppercase()) {
            c.learn.push(clean(core));
        }
        let canon = known_canonical(&c.name)
            .or_else(|| known_canonical(core))
            .unwrap_or_else(|| c.name.clone());
        out.push(c.keyed(format!("epci:{}", fold(&canon)), canon));
    }
}

/// The table's canonical name when `name` is a known body's name or alias.
fn known_canonical(name: &str) -> Option<String> {
    KNOWN_BY_FOLD
        .get(&fold(name))
        .and_then(|&i| KNOWN.get(i))
        .map(|k: &Known| k.canonical.clone())
}

static RE_METRO: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(r"(?:M[ée]tropole|MÉTROPOLE|METROPOLE|Agglomération|Agglo)").expect("metro regex")
});

/// Rule `body.metropole`: `Grenoble-Alpes Métropole`, `Tours Métropole Val de Loire`,
/// `Métropole Rouen Normandie`, `Roannais Agglomération`; bare `la Métropole` and
/// `l'Agglomération` are anaphoric.
#[allow(clippy::while_let_loop)]
fn metropoles(t: &str, out: &mut Vec<Cand>) {
    for m in RE_METRO.find_iter(t) {
        let (s, e) = (m.start(), m.end());
        // capitalised words just before (not an article): `Saint-Etienne Métropole`
        let mut ls = s;
        loop {
            let Some(c) = char_before(t, ls) else { break };
            if c != ' ' {
                break;
            }
            let ws = ls - 1;
            let wstart = t.get(..ws).map_or(0, |b| {
                b.char_indices()
                    .rev()
                    .find(|(_, c)| !(c.is_alphanumeric() || *c == '-'))
                    .map_or(0, |(k, c)| k + c.len_utf8())
            });
            let w = t.get(wstart..ws).unwrap_or("");
            if !is_cap(w)
                || FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
                || tables::is_head_word(w)
            {
                break;
            }
            ls = wstart;
            if ls + 60 < s {
                break;
            }
        }
        let o = NameOpts {
            lead_prep: true,
            ..Default::default()
        };
        let fwd = skip_gap(t, e).and_then(|a| proper_name(t, a, o));
        if ls == s && fwd.is_none() {
            let before = t.get(..s).unwrap_or("").trim_end();
            let art = before.ends_with("la")
                || before.ends_with("La")
                || before.ends_with('\'')
                || before.ends_with('’');
            if art && m.as_str().starts_with(['M', 'A']) {
                out.push(
                    Cand::new(t, s, e, BodyKind::Epci, "body.epci_anaphor").anaphor(Class::Epci),
                );
            }
            continue;
        }
        let end = fwd.unwrap_or(e);
        let c = Cand::new(t, ls, end, BodyKind::Epci, "body.metropole");
        let canon = known_canonical(&c.name).unwrap_or_else(|| c.name.clone());
        out.push(c.keyed(format!("epci:{}", fold(&canon)), canon));
    }
}

static RE_COMMUNE: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(r"(?:Ville|VILLE|Commune|COMMUNE|Mairie|MAIRIE)\s+(?:de|d['’]|du|DE|D['’]|DU)\s*")
        .expect("commune regex")
});

static RE_TOWN_ANAPHOR: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(r"(?:[Ll]a\s+(?:Ville|Mairie|Commune))").expect("town anaphor regex")
});

/// Rule `body.commune`: `Ville de Grenoble`, `Commune de Fleury-les-Aubrais`; a bare
/// capitalised `la Ville` (`La Ville y consacrera…`) is the document's commune, anaphoric.
fn communes(t: &str, out: &mut Vec<Cand>) {
    for m in RE_TOWN_ANAPHOR.find_iter(t) {
        let rest = t.get(m.end()..).unwrap_or("");
        let rest = rest.trim_start_matches([' ', '\t']);
        let named = ["de ", "d'", "d’", "du ", "DE ", "D'", "D’", "DU "]
            .iter()
            .any(|p| rest.starts_with(p));
        if named || rest.starts_with('-') {
            continue;
        }
        let s = m.start() + m.as_str().find(['V', 'M', 'C']).unwrap_or(0);
        out.push(
            Cand::new(t, s, m.end(), BodyKind::Commune, "body.commune_anaphor")
                .anaphor(Class::Commune),
        );
    }
    for m in RE_COMMUNE.find_iter(t) {
        let Some(ne) = proper_name(t, m.end(), NameOpts::default()) else {
            continue;
        };
        let core = clean(t.get(m.end()..ne).unwrap_or(""));
        let c = Cand::new(t, m.start(), ne, BodyKind::Commune, "body.commune");
        let canon = format!("Ville de {core}");
        let mut c = c.keyed(format!("commune:{}", fold(&core)), canon);
        c.learn.push(core);
        out.push(c);
    }
}

static RE_SYNDICAT: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(
        r"(?:(?:Syndicat|SYNDICAT)\s+(?:[Mm]ixte|MIXTE)|Parc\s+[Nn]aturel\s+[Rr][ée]gional|Pays)",
    )
    .expect("syndicat regex")
});

/// Rule `body.syndicat`: `Syndicat mixte Rhône Pluriel`, `Syndicat mixte du Pays du
/// Sud-Grésivaudan`, `Parc naturel régional du Pilat`, `Pays de l'Ardèche Méridionale`; the
/// forms of one syndicat share the name of its territory.
fn syndicats(t: &str, out: &mut Vec<Cand>) {
    let lp = NameOpts {
        lead_prep: true,
        ..Default::default()
    };
    for m in RE_SYNDICAT.find_iter(t) {
        let (s, e) = (m.start(), m.end());
        let is_pays = m.as_str() == "Pays";
        if is_pays && region_at(t, s, false).is_some() {
            continue; // `Pays de la Loire` is a region
        }
        let Some(a) = skip_gap(t, e) else { continue };
        let mut p = a;
        if !is_pays {
            // `Syndicat mixte du Pays de …`, `Syndicat mixte du Parc naturel régional du …`
            let mut q = p;
            while let Some(n) = connector(t, q, false) {
                q = n;
            }
            for sub in ["Pays", "Parc naturel régional", "Parc Naturel Régional"] {
                if let Some(x) = prefix_ci(t, q, sub) {
                    if let Some(g) = skip_gap(t, x) {
                        p = g;
                    }
                }
            }
        }
        let starts_prep = connector(t, p, false).is_some();
        if is_pays && !starts_prep {
            continue;
        }
        let Some(ne) = proper_name(
            t,
            p,
            NameOpts {
                lead_demonym: false,
                ..lp
            },
        ) else {
            continue;
        };
        let core = strip_prep(t.get(p..ne).unwrap_or(""));
        let core = core.strip_prefix("Pays ").unwrap_or(core);
        let c = Cand::new(t, s, ne, BodyKind::Syndicat, "body.syndicat");
        let mut c = c
            .clone()
            .keyed(format!("syn:{}", fold(core)), c.name.clone());
        if !is_pays && !starts_prep {
            c.learn.push(clean(core));
        }
        out.push(c);
    }
}

static RE_ETAT: LazyLock<Cued> = LazyLock::new(|| {
    Cued::word(
        r"(?x)
        (?P<etat>(?:[lL]['’]\s*)?(?:[ÉE]tat|ÉTAT|ETAT))
        |(?P<gouv>(?:[Ll]e|du|au|LE)\s+(?:[Gg]ouvernement|GOUVERNEMENT))
        |(?P<pref>(?:Pr[ée]fe(?:t|cture)|PR[ÉE]FE(?:T|CTURE)|pr[ée]fecture))
        |(?P<min>(?:[Mm]inist[èe]re|MINIST[ÈE]RE)\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’])\s*)
        |(?P<sec>(?:Secr[ée]tariat\s+d['’]\s*[ÉE]tat|Haut-[Cc]ommissariat)\s+(?:à\s+la|à\s+l['’]|aux|au|à|chargé\s+de\s+l['’]|chargé\s+de\s+la|chargé\s+de)\s*)
        |(?P<mind>Ministres?\s+d[ée]l[ée]gu[ée]e?s?\s+charg[ée]e?s?\s+(?:de\s+la|de\s+l['’]|des|du|de)\s*)
        |(?P<trib>[Tt]ribunal\s+administratif\s+(?:de\s+la|de\s+l['’]|du|de|d['’])\s*)",
        &[
            "État", "Etat", "ÉTAT", "ETAT", "Gouvernement", "gouvernement", "GOUVERNEMENT",
            "Préfe", "Prefe", "PRÉFE", "PREFE", "préfe", "prefe", "Minist", "minist", "MINIST",
            "Secr", "Haut-", "Tribunal", "tribunal",
        ],
        false,
    )
    .back(2)
});

/// Rules `body.etat`, `body.ministere`, …: the State (`l'État`, `le Gouvernement`, the préfet
/// and préfecture), ministries, secrétariats d'État, administrative courts.
fn etat(t: &str, out: &mut Vec<Cand>) {
    let et = NameOpts {
        et: true,
        ..Default::default()
    };
    for (s, caps) in RE_ETAT.captures_iter(t) {
        let Some(m) = caps.get(0) else { continue };
        let e = s + m.end();
        let etat = |c: Cand| c.keyed("etat:etat".into(), "État".into());
        if caps.name("etat").is_some() {
            let word = m.as_str();
            let elided = word.starts_with(['l', 'L']);
            let before = t.get(..s).unwrap_or("");
            // `d'État` belongs to a title (`Secrétariat d'État`), `État-Région` to a contract,
            // `état des lieux` is not the State
            if (!elided
                && (before.ends_with("d'") || before.ends_with("d’") || before.ends_with("D'")))
                || t.get(e..).is_some_and(|x| {
                    x.starts_with('-') || x.starts_with(" des lieux") || x.starts_with(" membre")
                })
            {
                continue;
            }
            out.push(etat(Cand::new(t, s, e, BodyKind::Etat, "body.etat")));
        } else if caps.name("gouv").is_some() {
            out.push(etat(Cand::new(
                t,
                s,
                e,
                BodyKind::Etat,
                "body.gouvernement",
            )));
        } else if caps.name("pref").is_some() {
            let lp = NameOpts {
                lead_prep: true,
                ..Default::default()
            };
            let end = skip_gap(t, e)
                .and_then(|a| proper_name(t, a, lp).filter(|_| connector(t, a, false).is_some()))
                .unwrap_or(e);
            // `Préfet de la région Rhône-Alpes`
            let end = if end == e {
                skip_gap(t, e)
                    .and_then(|a| prefix_ci(t, a, "de la région"))
                    .and_then(|x| skip_gap(t, x))
                    .and_then(|x| proper_name(t, x, NameOpts::default()))
                    .unwrap_or(e)
            } else {
                end
            };
            if end == e && m.as_str().starts_with('p') {
                continue;
            }
            out.push(etat(Cand::new(t, s, end, BodyKind::Etat, "body.prefet")));
        } else if caps.name("min").is_some() || caps.name("mind").is_some() {
            let Some(ne) = complement(t, e) else { continue };
            let c = Cand::new(t, s, ne, BodyKind::Etat, "body.ministere");
            let k = format!("etat:{}", fold(&c.name));
            let n = c.name.clone();
            out.push(c.keyed(k, n));
        } else if caps.name("sec").is_some() {
            let Some(ne) = proper_name(t, e, et) else {
                continue;
            };
            let c = Cand::new(t, s, ne, BodyKind::Etat, "body.secretariat");
            let k = format!("etat:{}", fold(&c.name));
            let n = c.name.clone();
            out.push(c.keyed(k, n));
        } else if caps.name("trib").is_some() {
            let Some(ne) = proper_name(t, e, NameOpts::default()) else {
                continue;
            };
            let c = Cand::new(t, s, ne, BodyKind::Etat, "body.tribunal");
            let k = format!("etat:{}", fold(&c.name));
            let n = c.name.clone();
            out.push(c.keyed(k, n));
        }
    }
}

/// Words that end the complement of a ministry's name (verbs, prepositions of the sentence).
const COMPLEMENT_STOPS: [&str; 24] = [
    "a", "ont", "est", "sont", "qui", "que", "dont", "pour", "dans", "avec", "par", "sur", "en",
    "au", "aux", "à", "le", "un", "une", "ce", "cette", "son", "sa", "ses",
];

/// The complement of a ministry's name: up to six words joined by connectors, any case
/// (`du Travail et de l'Emploi`, `des Outre-mer`), ending before a verb or a preposition.
fn complement(t: &str, i: usize) -> Option<usize> {
    let mut end = None;
    let mut p = i;
    for n in 0..6 {
        if n > 0 {
            let Some(g) = skip_gap(t, p) else { break };
            p = g;
            while let Some(q) = connector(t, p, true) {
                p = q;
            }
        }
        let Some(we) = word_end(t, p) else { break };
        let w = t.get(p..we).unwrap_or("");
        if COMPLEMENT_STOPS.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        end = Some(we);
        p = we;
    }
    end
}

// ---------------------------------------------------------------------------------------
// Head nouns

fn head_alternatives() -> String {
    let mut heads: Vec<&str> = tables::HEADS.iter().map(|(h, _, _)| h.as_str()).collect();
    heads.sort_by_key(|h| std::cmp::Reverse(h.len()));
    let alts: Vec<String> = heads
        .iter()
        .map(|h| {
            let mut cs = h.chars();
            let first = cs.next().unwrap_or(' ');
            let rest: String = cs.collect();
            let first = if first.is_lowercase() {
                format!("[{}{}]", first, first.to_uppercase())
            } else {
                regex::escape(&first.to_string())
            };
            let rest = regex::escape(&rest)
                .replace(' ', r"\s+")
                .replace('\'', "['’]");
            format!("{first}{rest}")
        })
        .collect();
    alts.join("|")
}

static RE_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:{})\b", head_alternatives())).expect("head regex"));

/// [`RE_HEAD`] tried only where a head's first word starts.
static RE_HEAD_CUED: LazyLock<Cued> = LazyLock::new(|| {
    let mut cues: Vec<String> = Vec::new();
    for (h, _, _) in tables::HEADS.iter() {
        let word: String = h.chars().take_while(|c| c.is_alphabetic()).collect();
        let mut cs = word.chars();
        let Some(first) = cs.next() else { continue };
        let rest: String = cs.collect();
        cues.push(format!("{first}{rest}"));
        if first.is_lowercase() {
            cues.push(format!("{}{rest}", first.to_uppercase()));
        }
    }
    let cues: Vec<&str> = cues.iter().map(String::as_str).collect();
    Cued::left_word_boundary(&format!(r"(?:{})\b", head_alternatives()), &cues)
});

/// Proper names that are not organisations after a head noun (`réseau ESS`, `association Loi 1901`).
const NOT_NAMES: [&str; 8] = ["ESS", "Loi", "IAE", "L", "La", "Le", "Les", "ESUS"];

/// A capitalised word that opens the next line with a colon is the label of a field
/// (`… sous forme coopérative⏎Pilote : CTG`), not the name of the organisation before it.
fn field_label(t: &str, head_end: usize, name: usize, name_end: usize) -> bool {
    t.get(head_end..name).is_some_and(|g| g.contains('\n'))
        && t.get(name_end..)
            .is_some_and(|r| r.trim_start_matches([' ', '\t', '\u{a0}']).starts_with(':'))
}

/// Rule `body.head_noun`: an organisation named after its head noun: `l'association GAIA`,
/// `la SCIC La Pousada`, `cabinet d'études « Extra-muros »`, `Agence de Développement
/// Économique de la Corse`.
fn head_nouns(t: &str, out: &mut Vec<Cand>) {
    for (s, e) in RE_HEAD_CUED.find_iter(t) {
        let head = t.get(s..e).unwrap_or("");
        let Some((kind, alone)) = tables::head_info(head) else {
            continue;
        };
        let Some(a) = skip_gap(t, e) else { continue };
        let rest = t.get(a..).unwrap_or("");
        // quoted name
        if let Some(q) = ["« ", "«", "\"", "“"]
            .iter()
            .find(|q| rest.starts_with(**q))
        {
            let body = &rest[q.len()..];
            let close = body.find(['»', '"', '”']).filter(|&k| k > 0 && k < 80);
            if let Some(k) = close {
                let inner = body[..k].trim();
                if inner.chars().next().is_some_and(|c| c.is_uppercase()) && !inner.contains('\n') {
                    let end =
                        a + q.len() + k + body[k..].chars().next().map_or(0, |c| c.len_utf8());
                    let mut c = Cand::new(t, s, end, kind, "body.head_noun");
                    c.name = clean(&format!("{head} {inner}"));
                    c.learn.push(inner.to_string());
                    out.push(c.keyed(format!("org:{}", fold(inner)), inner.to_string()));
                    continue;
                }
            }
        }
        // a proper name right after the head: `association GAIA`, `SCIC La Pousada`
        let named = proper_name(t, a, NameOpts::default())
            .filter(|_| alone || head.starts_with(char::is_uppercase))
            .filter(|&ne| !field_label(t, e, a, ne));
        if let Some(ne) = named {
            let inner = clean(t.get(a..ne).unwrap_or(""));
            if NOT_NAMES.contains(&inner.as_str())
                || region_at(t, a, false).is_some_and(|(re, _)| re == ne)
            {
                continue;
            }
            let mut c = Cand::new(t, s, ne, kind, "body.head_noun");
            let (canon, kind) = match known_canonical(&inner) {
                Some(k) => (
                    k.clone(),
                    KNOWN_BY_FOLD
                        .get(&fold(&k))
                        .and_then(|&i| KNOWN.get(i))
                        .map_or(kind, |k| k.kind),
                ),
                None => (inner.clone(), kind),
            };
            c.kind = kind;
            c.learn.push(inner);
            out.push(c.keyed(format!("org:{}", fold(&canon)), canon));
            continue;
        }
        // an official long name: capitalised head, then a prepositional chain of capitalised
        // words (`Agence de Développement Économique de la Corse`, `Plate-forme d'Initiatives Locales`)
        if head.chars().next().is_some_and(|c| c.is_uppercase()) {
            let o = NameOpts {
                lead_prep: true,
                et: true,
                ..Default::default()
            };
            let Some(ne) = proper_name(t, a, o).filter(|_| connector(t, a, false).is_some()) else {
                continue;
            };
            let kind = if head.eq_ignore_ascii_case("agence") {
                BodyKind::PublicAgency
            } else {
                kind
            };
            let c = Cand::new(t, s, ne, kind, "body.head_long_name");
            let canon = known_canonical(&c.name).unwrap_or_else(|| c.name.clone());
            out.push(c.keyed(format!("org:{}", fold(&canon)), canon));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Anaphors

static RE_ANAPHOR: LazyLock<Cued> = LazyLock::new(|| {
    Cued::word(
        r"(?x)
        (?P<coll>[Ll]a\s+[Cc]ollectivité)
        |(?P<terr>(?:Commission\s+permanente|Assemblée\s+plénière))
        |(?P<epci>(?:Conseil\s+(?:métropolitain|communautaire)|CONSEIL\s+COMMUNAUTAIRE|[Ll]['’]agglomération\s+[a-zé]+oise))
        |(?P<chamber>[Ll]a\s+Chambre)",
        &[
            "Collectivité", "collectivité", "Commission", "Assemblée", "Conseil", "CONSEIL",
            "agglomération", "Chambre",
        ],
        false,
    )
    .back(2)
});

/// Rule `body.anaphor`: names that stand for a body named elsewhere in the document
/// (`la collectivité`, `Conseil métropolitain`, `Commission permanente`, `la Chambre`).
fn anaphors(t: &str, out: &mut Vec<Cand>) {
    for (s, caps) in RE_ANAPHOR.captures_iter(t) {
        let Some(m) = caps.get(0) else { continue };
        let e = s + m.end();
        if caps.name("coll").is_some() {
            // `la collectivité territoriale de …` is a name, handled elsewhere
            let after = t.get(e..).unwrap_or("");
            if after.starts_with('s')
                || after.trim_start().starts_with("territoriale")
                || after.trim_start().starts_with("de ")
            {
                continue;
            }
            let start = s + t.get(s..e).and_then(|x| x.find(['c', 'C'])).unwrap_or(0);
            out.push(
                Cand::new(t, start, e, BodyKind::Region, "body.collectivite_anaphor")
                    .anaphor(Class::Territorial),
            );
        } else if caps.name("terr").is_some() {
            out.push(
                Cand::new(t, s, e, BodyKind::Region, "body.organ_anaphor")
                    .anaphor(Class::Territorial),
            );
        } else if caps.name("epci").is_some() {
            out.push(Cand::new(t, s, e, BodyKind::Epci, "body.epci_anaphor").anaphor(Class::Epci));
        } else if caps.name("chamber").is_some() {
            let start = s + 3;
            out.push(
                Cand::new(
                    t,
                    start.min(e),
                    e,
                    BodyKind::Chamber,
                    "body.chamber_anaphor",
                )
                .anaphor(Class::Chamber),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Acronyms and names the document defines

static RE_PAREN_ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([A-Z][A-Za-z0-9'’&-]{1,11})\)").expect("acronym regex"));

static RE_PAREN_LONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([^()\n]{8,160})\)").expect("long name regex"));

/// Rule `body.acronym_definition`: `Association pour de Nouveaux Emplois Jeunes (ANEJ)`: the
/// acronym in brackets after a body names that body; a long name introduced by a head noun
/// (`Association`, `Agence`, `Institut`) becomes a body with its acronym as alias.
fn acronym_definitions(t: &str, kept: &mut Vec<Cand>) {
    let mut added = Vec::new();
    for caps in RE_PAREN_ACRONYM.captures_iter(t) {
        let (Some(m), Some(acr)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let acr_s = acr.as_str();
        if acr_s.chars().filter(|c| c.is_uppercase()).count() < 2 {
            continue;
        }
        let p = m.start();
        if kept.iter().any(|k| k.start <= p && p < k.end) {
            continue;
        }
        // a body ending just before the bracket
        let prev = kept
            .iter()
            .rposition(|k| k.end <= p && t.get(k.end..p).is_some_and(|g| g.trim().is_empty()));
        if let Some(i) = prev {
            let k = &mut kept[i];
            if k.class.is_none() {
                k.learn.push(acr_s.to_string());
                continue;
            }
        }
        // a long name with a head noun that starts with the acronym's letter
        let line_start = t
            .get(..p)
            .and_then(|b| b.rfind(['.', ';', ':', '\n', '(', '«']))
            .map_or(0, |k| k + 1);
        let seg = t.get(line_start..p).unwrap_or("");
        let first = acr_s.chars().next().unwrap_or(' ');
        let mut found = None;
        for hm in RE_HEAD.find_iter(seg) {
            if hm.as_str().starts_with(first)
                && hm.as_str().chars().next().is_some_and(|c| c.is_uppercase())
            {
                found = Some(hm);
                break;
            }
        }
        let Some(hm) = found else { continue };
        let s = line_start + hm.start();
        let e = line_start + seg.trim_end().len();
        let Some(kind) = tables::head_kind(hm.as_str()) else {
            continue;
        };
        let kind = if hm.as_str().eq_ignore_ascii_case("agence") {
            BodyKind::PublicAgency
        } else {
            kind
        };
        if e <= s || seg.len() > 200 || seg.split_whitespace().count() > 18 {
            continue;
        }
        let mut c = Cand::new(t, s, e, kind, "body.acronym_definition");
        let canon = c.name.clone();
        c.learn.push(acr_s.to_string());
        added.push(c.keyed(format!("org:{}", fold(&canon)), canon));
    }
    // `l'ADRIE (Association pour le développement des ressourceries, …)`
    for caps in RE_PAREN_LONG.captures_iter(t) {
        let (Some(m), Some(inner)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let Some(hm) = RE_HEAD
            .find(inner.as_str())
            .filter(|h| h.start() == 0 && h.as_str().starts_with(char::is_uppercase))
        else {
            continue;
        };
        let before = t.get(..m.start()).unwrap_or("").trim_end();
        let acr_start = before
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |k| k + 1);
        let acr = before.get(acr_start..).unwrap_or("");
        if acr.chars().count() < 2
            || acr.chars().any(|c| c.is_lowercase())
            || acr.chars().next() != inner.as_str().chars().next()
        {
            continue;
        }
        let Some(kind) = tables::head_kind(hm.as_str()) else {
            continue;
        };
        let mut c = Cand::new(
            t,
            inner.start(),
            inner.end(),
            kind,
            "body.acronym_definition",
        );
        let canon = c.name.clone();
        c.learn.push(acr.to_string());
        added.push(c.keyed(format!("org:{}", fold(&canon)), canon));
    }
    for c in added {
        kept.retain(|k| k.end <= c.start || k.start >= c.end);
        kept.push(c);
    }
    kept.sort_by_key(|c| c.start);
}

/// Rule `body.learned`: names a document gave a body (an acronym, the proper name after a head
/// noun) found alone later (`ANEJ`, `Vélisol`, `Caen la Mer`).
fn learned_names(t: &str, kept: &mut Vec<Cand>) {
    let mut names: Vec<(String, usize)> = Vec::new();
    for (i, k) in kept.iter().enumerate() {
        for l in &k.learn {
            if l.chars().count() >= 3 && !names.iter().any(|(n, _)| n == l) {
                names.push((l.clone(), i));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let Ok(ac) = AhoCorasickBuilder::new()
        .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(names.iter().map(|(n, _)| n.as_str()))
    else {
        return;
    };
    let mut added = Vec::new();
    for m in ac.find_iter(t) {
        let (s, e) = (m.start(), m.end());
        if !left_boundary(t, s)
            || !right_boundary(t, e)
            || kept.iter().any(|k| s < k.end && k.start < e)
        {
            continue;
        }
        let Some((_, i)) = names.get(m.pattern().as_usize()) else {
            continue;
        };
        let Some(src) = kept.get(*i) else { continue };
        let mut c = Cand::new(t, s, e, src.kind, "body.learned");
        c.key = src.key.clone();
        c.canon = src.canon.clone();
        c.canon_prio = 0;
        c.territorial = src.territorial;
        added.push(c);
    }
    kept.extend(added);
    kept.sort_by_key(|c| c.start);
}

// ---------------------------------------------------------------------------------------
// One canonical name per body of the document

/// Gives every mention of one body the same canonical name: per key the proposal of the
/// highest priority (first in the text at equal priority); bare mentions of a per-region body
/// take the document's regional one; anaphors take the most-mentioned body they can stand for.
fn resolve(kept: &mut [Cand]) {
    let mut best: FxHashMap<String, (u8, usize, String)> = FxHashMap::default();
    for (i, c) in kept.iter().enumerate() {
        if let (Some(k), Some(canon)) = (&c.key, &c.canon) {
            let e = best
                .entry(k.clone())
                .or_insert((c.canon_prio, i, canon.clone()));
            if c.canon_prio > e.0 {
                *e = (c.canon_prio, i, canon.clone());
            }
        }
    }
    for c in kept.iter_mut() {
        if let Some(k) = &c.key {
            if let Some((_, _, canon)) = best.get(k) {
                c.canon = Some(canon.clone());
            }
        }
    }
    // bare per-region bodies: `la CRESS` → `CRESS Normandie` when the document names one
    let mut regional: FxHashMap<usize, Vec<String>> = FxHashMap::default();
    for c in kept.iter() {
        if let (Some(r), true, Some(canon)) = (c.row, c.qualified, &c.canon) {
            let v = regional.entry(r).or_default();
            if !v.contains(canon) {
                v.push(canon.clone());
            }
        }
    }
    let mut region_names: Vec<&str> = kept
        .iter()
        .filter(|c| c.kind == BodyKind::Region)
        .filter_map(|c| c.key.as_deref()?.strip_prefix("region:"))
        .filter_map(|f| {
            tables::REGIONS
                .iter()
                .find(|r| fold(&r.canonical) == f)
                .map(|r| r.canonical.as_str())
        })
        .collect();
    region_names.sort();
    region_names.dedup();
    let only_region = (region_names.len() == 1).then(|| region_names[0].to_string());
    for c in kept.iter_mut() {
        let Some(r) = c.row else { continue };
        if c.qualified || KNOWN.get(r).is_none_or(|k| k.qualify != Qualify::Region) {
            continue;
        }
        if let Some(v) = regional.get(&r).filter(|v| v.len() == 1) {
            c.canon = v.first().cloned();
        } else if !regional.contains_key(&r) {
            // the document names one region only: `la DREETS` is that region's
            if let (Some(reg), Some(k)) = (&only_region, KNOWN.get(r)) {
                c.canon = Some(format!("{} {}", k.canonical, reg));
            }
        }
    }
    // anaphors, the specific classes first, then the territorial ones
    for pass in [false, true] {
        let mut counts: Vec<(String, BodyKind, usize, usize, bool)> = Vec::new();
        for (i, c) in kept.iter().enumerate() {
            if c.class.is_some() && !pass {
                continue;
            }
            let Some(canon) = &c.canon else { continue };
            match counts.iter_mut().find(|x| &x.0 == canon) {
                Some(x) => x.2 += 1,
                None => counts.push((canon.clone(), c.kind, 1, i, c.territorial)),
            }
        }
        let mut unresolved: FxHashMap<Class, String> = FxHashMap::default();
        #[allow(clippy::needless_range_loop)]
        for i in 0..kept.len() {
            let Some(class) = kept[i].class else { continue };
            if (class == Class::Territorial) != pass || kept[i].canon.is_some() {
                continue;
            }
            let pick = counts
                .iter()
                .filter(|x| {
                    let probe = Cand {
                        kind: x.1,
                        territorial: x.4,
                        ..kept[i].clone()
                    };
                    class.accepts(&probe)
                })
                .max_by(|a, b| a.2.cmp(&b.2).then(b.3.cmp(&a.3)));
            match pick {
                Some(x) => {
                    kept[i].canon = Some(x.0.clone());
                    kept[i].kind = x.1;
                }
                None => {
                    let name = kept[i].name.clone();
                    kept[i].canon = Some(unresolved.entry(class).or_insert(name).clone());
                    kept[i].kind = class.default_kind();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
