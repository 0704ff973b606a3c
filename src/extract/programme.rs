//! Programme rules: named schemes, plans, contracts, funds and recurring events.
//!
//! Candidates come from the table of known schemes (`data/programmes.tsv`), from quoted or
//! capitalised names after a trigger noun (`appel à projets « Caen la Mer Solidaire »`,
//! `dispositif Cap'Asso`), from capitalised titles that start with a trigger noun
//! (`Contrat économique sectoriel ESS 2014-2016`), and from acronyms defined in the text.
//! Every mention of one scheme in a document gets one name, since the output lists them by name.
use std::sync::LazyLock;

use crate::extract::pattern::{words_back, WordRe};
use aho_corasick::AhoCorasick;
use regex::Regex;

use super::body::scan::{
    char_at, clean, connector, flat_lines, left_boundary, right_boundary, skip_gap, word_end, Cued,
};
use super::{Doc, Extractor, Mention, Value};
use crate::fr::fold::fold;

static PROGRAMMES_TSV: LazyLock<&str> = LazyLock::new(|| {
    crate::data::table("programmes.tsv", include_str!("../../data/programmes.tsv"))
});

pub struct Programmes;

impl Extractor for Programmes {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        out.extend(programmes(doc.text));
    }
}

/// Known schemes: (canonical, aliases).
static KNOWN: LazyLock<Vec<(String, Vec<String>)>> = LazyLock::new(|| {
    PROGRAMMES_TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let canon = cols.next()?.trim().to_string();
            let aliases = cols
                .next()
                .map(|a| {
                    a.split('|')
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default();
            (!canon.is_empty()).then_some((canon, aliases))
        })
        .collect()
});

static KNOWN_AC: LazyLock<(AhoCorasick, Vec<(usize, String)>)> = LazyLock::new(|| {
    crate::extract::lexicon::names_automaton(KNOWN.iter().enumerate().flat_map(|(i, (c, al))| {
        std::iter::once(c.as_str())
            .chain(al.iter().map(String::as_str))
            .map(move |a| (i, a))
    }))
});

#[derive(Clone, Debug)]
struct Cand {
    start: usize,
    end: usize,
    name: String,
    rule: &'static str,
    /// Known schemes keep their table name whatever longer title contains them.
    known: bool,
}

/// All programme mentions of a text.
pub fn programmes(t: &str) -> Vec<Mention> {
    let mut c = Vec::new();
    known(t, &mut c);
    quoted(t, &mut c);
    after_trigger(t, &mut c);
    titles(t, &mut c);
    visas(t, &mut c);
    let mut kept = settle(c);
    // a known scheme is named in the document as it is first written there (`PTCE` or
    // `Pôles territoriaux de coopération économique`, as the gold lists what the text says)
    let mut firsts: Vec<(String, String)> = Vec::new();
    for k in kept.iter_mut().filter(|k| k.known) {
        let surface = clean(t.get(k.start..k.end).unwrap_or(""));
        match firsts.iter().find(|(r, _)| *r == k.name) {
            Some((_, n)) => k.name = n.clone(),
            None => {
                firsts.push((k.name.clone(), surface.clone()));
                k.name = surface;
            }
        }
    }
    acronyms(t, &mut kept);
    this_contract(t, &mut kept);
    unify(&mut kept);
    kept.into_iter()
        .map(|c| Mention {
            start: c.start,
            end: c.end,
            value: Value::Programme { name: c.name },
            rule: c.rule,
        })
        .collect()
}

/// Overlaps: the longest wins; a known scheme at the same span wins.
fn settle(mut c: Vec<Cand>) -> Vec<Cand> {
    c.retain(|x| x.start < x.end && !x.name.is_empty());
    // a title that starts with a known scheme is that scheme with words of the sentence
    let known_starts: Vec<usize> = c.iter().filter(|x| x.known).map(|x| x.start).collect();
    c.retain(|x| x.known || !known_starts.contains(&x.start));
    c.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
            .then(b.known.cmp(&a.known))
    });
    let mut kept: Vec<Cand> = Vec::new();
    for x in c {
        if kept.iter().all(|k| x.end <= k.start || x.start >= k.end) {
            kept.push(x);
        }
    }
    kept.sort_by_key(|x| x.start);
    kept
}

/// Acronyms must match exactly; names may differ in case.
fn case_ok(text: &str, pat: &str) -> bool {
    if !pat.chars().any(|c| c.is_lowercase()) {
        return text.replace('’', "'") == pat.replace('’', "'");
    }
    true
}

/// Rule `programme.known`: the table of known schemes.
fn known(t: &str, out: &mut Vec<Cand>) {
    let (ac, pats) = &*KNOWN_AC;
    let hay = flat_lines(t);
    for m in ac.find_iter(&hay[..]) {
        let (s, e) = (m.start(), m.end());
        let Some((row, pat)) = pats.get(m.pattern().as_usize()) else {
            continue;
        };
        let Some(text) = t.get(s..e) else { continue };
        // `FSE+`, `Erasmus+` end in a sign: only the left boundary matters then
        let ends_sign = pat.ends_with('+');
        if !left_boundary(t, s) || (!ends_sign && !right_boundary(t, e)) || !case_ok(text, pat) {
            continue;
        }
        let Some((canon, _)) = KNOWN.get(*row) else {
            continue;
        };
        let _ = canon;
        out.push(Cand {
            start: s,
            end: e,
            name: format!("\u{1}{row}"),
            rule: "programme.known",
            known: true,
        });
    }
}

static RE_QUOTED: LazyLock<Cued> = LazyLock::new(|| {
    Cued::word(
        r"(?i)(?:appels?\s+à\s+(?:projets?|manifestation\s+d['’]intérêt)(?:\s+national)?|AMI|dispositif|programme|fonds|label|prix|trophées|démarche|plan|parcours|concours|opération)(?:\s+(?:intitulée?|dénommée?|baptisée?))?\s*[«“\x22]\s*([^»”\x22\n]{2,80}?)\s*[»”\x22]",
        // first letters of the triggers, with no `s` or `k` (which `(?i)` also matches to `ſ`, `K`)
        &[
            "app", "ami", "di", "pro", "pri", "fon", "lab", "tro", "dé", "dÉ", "pla", "par", "con",
            "op",
        ],
        true,
    )
});

/// The most words [`RE_QUOTED`] reads before its opening quote.
const QUOTED_WORDS: usize = 6;

/// Rule `programme.quoted`: a quoted name after a trigger noun (`appel à projets « Caen la Mer
/// Solidaire »`, `AMI « PTCE émergents »`, `fonds « Guyane ESS Garantie »`).
fn quoted(t: &str, out: &mut Vec<Cand>) {
    // every match holds an opening quote
    if !t.contains(['«', '“', '"']) {
        return;
    }
    // and its trigger starts at most 6 words before that quote (`appels à manifestation
    // d'intérêt national intitulé «`): cues are only looked for there
    let windows = t
        .match_indices(['«', '“', '"'])
        .map(|(q, _)| (words_back(t, q, QUOTED_WORDS), q));
    for (s, caps) in RE_QUOTED.captures_iter_in(t, windows) {
        let (Some(m), Some(n)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let name = clean(n.as_str());
        out.push(Cand {
            start: s,
            end: s + m.end(),
            name,
            rule: "programme.quoted",
            known: false,
        });
    }
}

static RE_TRIGGER_LC: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(r"(?:dispositif|fonds|démarche|incubateur|accélérateur|programme|plan|parcours|ateliers|appel\s+à\s+projets)\s+").expect("trigger regex")
});

/// Rule `programme.named_after_trigger`: a capitalised name after a lower-case trigger noun
/// (`dispositif Cap'Asso`, `fonds FINESS`, `incubateur Katapult`, `plan Cors'Éco-Solidaire 2`).
fn after_trigger(t: &str, out: &mut Vec<Cand>) {
    for m in RE_TRIGGER_LC.find_iter(t) {
        let a = m.end();
        let Some(we) = word_end(t, a) else { continue };
        let w = t.get(a..we).unwrap_or("");
        if !w.chars().next().is_some_and(|c| c.is_uppercase()) || NOT_NAMES.contains(&w) {
            continue;
        }
        // further capitalised words or a number (`Cors'Éco-Solidaire 2`)
        let mut end = we;
        while let Some(g) =
            skip_gap(t, end).filter(|&g| !t.get(end..g).is_some_and(|x| x.contains('\n')))
        {
            let Some(e2) = word_end(t, g) else { break };
            let w2 = t.get(g..e2).unwrap_or("");
            let cap = w2.chars().next().is_some_and(|c| c.is_uppercase());
            let small_num = w2.len() <= 2 && w2.chars().all(|c| c.is_ascii_digit());
            if (cap && !NOT_NAMES.contains(&w2)) || small_num {
                end = e2;
            } else {
                break;
            }
        }
        let name = clean(t.get(a..end).unwrap_or(""));
        out.push(Cand {
            start: a,
            end,
            name,
            rule: "programme.named_after_trigger",
            known: false,
        });
    }
}

/// Capitalised words that are not scheme names after a trigger (`fonds ESS`, `programme d'…`).
const NOT_NAMES: [&str; 6] = ["ESS", "État", "Etat", "Région", "Le", "La"];

static RE_TITLE: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(
        r"(?:Contrats?|CONTRAT|PLAN|STRAT[ÉE]GIE|SCH[ÉE]MA|CONVENTION|FEUILLE\s+DE\s+ROUTE|Plan|Stratégie|Schéma|Feuille\s+de\s+route|Convention|Conférence|Fonds|Forum|Salon|Mois|Semaine|Journée|Rencontres|Assises|Biennale|Prix|Trophées|Charte|Programme|Appel\s+à\s+projets|Aide)",
    )
    .expect("title regex")
});

/// Complements that make a trigger noun a kind of document rather than a name.
const GENERIC: [&str; 8] = [
    "intervention",
    "actions",
    "action",
    "activités",
    "travail",
    "financement",
    "territoire",
    "mandat",
];

/// Words that end a title: verbs and participles, the sentence's prepositions.
const TITLE_STOPS: [&str; 41] = [
    "à",
    "ainsi",
    "page",
    "remis",
    "via",
    "a",
    "ont",
    "est",
    "sont",
    "qui",
    "que",
    "dont",
    "pour",
    "dans",
    "avec",
    "par",
    "sur",
    "au",
    "aux",
    "le",
    "un",
    "une",
    "ce",
    "cette",
    "son",
    "sa",
    "ses",
    "adopté",
    "approuvé",
    "voté",
    "signé",
    "lancé",
    "mis",
    "créé",
    "prévoit",
    "conclu",
    "conclue",
    "conclus",
    "conclues",
    "portant",
    "entre",
];

/// End of the complement of a trigger noun at `s..e` (`Contrat` → `Contrat économique
/// sectoriel ESS 2014-2016`) and how many words it has: words and connectors up to a verb or
/// participle, a preposition of the sentence, or a line that starts a new sentence.
fn complement_end(t: &str, s: usize, e: usize) -> (usize, usize) {
    let mut end = e;
    let mut words = 0;
    let mut p = e;
    let mut open = false;
    for _ in 0..12 {
        let Some(g) = skip_gap(t, p) else { break };
        // a line that starts with a capital starts a new sentence, unless the title is in capitals
        let new_line = t.get(p..g).is_some_and(|x| x.contains('\n'));
        let caps_title = t
            .get(s..p)
            .is_some_and(|x| !x.chars().any(char::is_lowercase));
        if new_line && !caps_title && char_at(t, g).is_some_and(char::is_uppercase) {
            break;
        }
        let mut q = g;
        let mut conn = false;
        // `et` joins two complements (`d'innovation et d'internationalisation`) and the two
        // adjectives of `économie sociale et solidaire`, not a new clause (`et la production`)
        if let Some(n) =
            connector(t, q, true).filter(|_| t.get(q..).is_some_and(|x| x.starts_with("et")))
        {
            let joins_complement = connector(t, n, false)
                .is_some_and(|_| t.get(n..).is_some_and(|x| x.starts_with('d')));
            let solidaire = word_end(t, n).and_then(|we| t.get(n..we)).is_some_and(|w| {
                matches!(w, "solidaire" | "solidaires" | "Solidaire" | "SOLIDAIRE")
            });
            if joins_complement || solidaire {
                q = n;
            } else {
                break;
            }
        }
        while let Some(n) = connector(t, q, false) {
            q = n;
            conn = true;
        }
        let Some(we) = word_end(t, q) else { break };
        let w = t.get(q..we).unwrap_or("");
        let lw = w.to_lowercase();
        let participle =
            lw.ends_with('é') && lw.chars().count() > 3 && w.starts_with(char::is_lowercase);
        let number_after_prep = conn && w.chars().all(|c| c.is_ascii_digit());
        let letter = w.chars().count() == 1 && !w.chars().all(|c| c.is_ascii_digit());
        if TITLE_STOPS.contains(&lw.as_str())
            || participle
            || number_after_prep
            || letter
            || lw.ends_with("ée")
            || lw.ends_with("ées")
            || (lw.ends_with("és") && lw.len() > 4)
        {
            break;
        }
        // a line break ends a title unless the title is unfinished (after a connector, or
        // `en` as in `feuille de route … en⏎faveur de l'ESS`)
        if t.get(p..q).is_some_and(|x| x.contains('\n')) && !conn && !open && words > 0 {
            break;
        }
        open = lw == "en";
        end = we;
        p = we;
        words += 1;
    }
    (end, words)
}

/// A complement made of years and periods alone (`2024`, `2014-2016`).
fn year_only(t: &str, e: usize, end: usize) -> bool {
    t.get(e..end).is_some_and(|c| {
        c.chars()
            .all(|ch| ch.is_ascii_digit() || " -–\n".contains(ch))
    })
}

/// `Programme d'intervention`, `Plan d'actions`: a trigger whose complement makes it a kind
/// of document, not a name.
fn generic(t: &str, e: usize, end: usize) -> bool {
    let first = t.get(e..end).unwrap_or("").trim_start();
    let first = first
        .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .find(|w| !matches!(*w, "" | "d" | "de" | "des" | "du"))
        .unwrap_or("");
    GENERIC.contains(&first.to_lowercase().as_str())
}

/// Trigger nouns of the acts a deliberation's visas cite, in lower case.
const VISA_TRIGGERS: [&str; 9] = [
    "feuille de route",
    "plan",
    "schéma",
    "stratégie",
    "programme",
    "contrat",
    "convention",
    "charte",
    "pacte",
];

/// Words before a cited act in a visa (`Vu la convention…`, `délibération… portant feuille
/// de route…`).
const VISA_LEADS: [&str; 7] = ["le", "la", "l'", "l’", "portant", "approuvant", "adoptant"];

/// Rule `programme.visa`: the acts a deliberation or a convention cites in its visas
/// (`Vu la feuille de route territoriale de l'ESS 2018-2020, arrêtée…`, `Vu la convention
/// d'agrément conclue le…`) are named schemes, even in lower case.
fn visas(t: &str, out: &mut Vec<Cand>) {
    let mut from = 0;
    while let Some(k) = t.get(from..).and_then(|r| r.find(['V'])) {
        let v = from + k;
        from = v + 1;
        let Some(rest) = t.get(v..) else { break };
        if !(rest.starts_with("Vu ") || rest.starts_with("VU ")) {
            continue;
        }
        // at the start of a line, after spaces or a bullet
        let line_start = t[..v]
            .chars()
            .rev()
            .find(|c| !(matches!(c, ' ' | '\t' | '•' | '-' | '*' | '–')))
            .is_none_or(|c| c == '\n');
        if !line_start {
            continue;
        }
        // the visa runs to its semicolon, over a few wrapped lines at most
        let lines_end = rest
            .match_indices('\n')
            .nth(2)
            .map_or(rest.len(), |(i, _)| i);
        let clause_end = rest[..lines_end].find(';').unwrap_or(lines_end);
        let clause = &rest[..clause_end];
        let found = VISA_TRIGGERS
            .iter()
            .flat_map(|tr| clause.match_indices(tr))
            .filter(|&(i, tr)| {
                let before = &clause[..i];
                let led = VISA_LEADS.iter().any(|l| {
                    if l.ends_with(['\'', '’']) {
                        before.ends_with(l)
                    } else {
                        before
                            .strip_suffix(' ')
                            .and_then(|b| b.strip_suffix(l))
                            .is_some_and(|b| b.ends_with([' ', '\n']))
                    }
                });
                led && clause[i + tr.len()..].starts_with([' ', '\n'])
            })
            .min_by_key(|&(i, _)| i)
            .map(|(i, tr)| (v + i, v + i + tr.len()));
        let Some((s, e)) = found else { continue };
        let (end, n) = complement_end(t, s, e);
        if n == 0 || end > v + clause_end || generic(t, e, end) || year_only(t, e, end) {
            continue;
        }
        out.push(Cand {
            start: s,
            end,
            name: clean(t.get(s..end).unwrap_or("")),
            rule: "programme.visa",
            known: false,
        });
    }
}

/// Rule `programme.title`: a capitalised trigger noun and its complement
/// (`Contrat économique sectoriel ESS 2014-2016`, `Plan de développement de l'ESS`,
/// `Stratégie régionale de l'ESS`). A bare trigger is not a name.
fn titles(t: &str, out: &mut Vec<Cand>) {
    for m in RE_TITLE.find_iter(t) {
        let (s, e) = (m.start(), m.end());
        let (end, words) = complement_end(t, s, e);
        // a bare trigger, or one with a year only (`Programme 2024`), is not a name
        if words == 0 || year_only(t, e, end) {
            continue;
        }
        if generic(t, e, end) {
            continue;
        }
        // a year or period glued with a hyphen: `2014-2016`
        let name = clean(t.get(s..end).unwrap_or(""));
        out.push(Cand {
            start: s,
            end,
            name,
            rule: "programme.title",
            known: false,
        });
    }
}

static RE_ACR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([A-Z][A-Za-z0-9'’+-]{1,11})\)").expect("acronym regex"));

/// Rule `programme.acronym`: `Schéma régional de … (SRDEII)`: later bare mentions of the
/// acronym name the same scheme.
fn acronyms(t: &str, kept: &mut Vec<Cand>) {
    let mut defs: Vec<(String, String)> = Vec::new();
    for caps in RE_ACR.captures_iter(t) {
        let (Some(m), Some(a)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        if a.as_str().chars().filter(|c| c.is_uppercase()).count() < 2 {
            continue;
        }
        if let Some(k) = kept.iter().find(|k| {
            k.end <= m.start() && t.get(k.end..m.start()).is_some_and(|g| g.trim().is_empty())
        }) {
            defs.push((a.as_str().to_string(), k.name.clone()));
        }
    }
    if defs.is_empty() {
        return;
    }
    for (acr, name) in &defs {
        let mut from = 0;
        while let Some(k) = t.get(from..).and_then(|x| x.find(acr.as_str())) {
            let s = from + k;
            let e = s + acr.len();
            from = e;
            if !left_boundary(t, s) || !right_boundary(t, e) {
                continue;
            }
            if let Some(c) = kept.iter_mut().find(|c| c.start <= s && e <= c.end) {
                if c.known && fold(&c.name) == fold(acr) {
                    c.name = name.clone();
                }
                continue;
            }
            kept.push(Cand {
                start: s,
                end: e,
                name: name.clone(),
                rule: "programme.acronym",
                known: false,
            });
        }
    }
    kept.sort_by_key(|c| c.start);
}

static RE_THIS: LazyLock<WordRe> = LazyLock::new(|| {
    WordRe::new(r"(?:[Pp]résente\s+(convention|feuille\s+de\s+route|charte)|[Pp]résent\s+(contrat|plan|programme))").expect("this regex")
});

/// Rule `programme.this_contract`: `la présente convention` names the document's own titled
/// contract (its first title with that trigger noun).
fn this_contract(t: &str, kept: &mut Vec<Cand>) {
    let mut add = Vec::new();
    let mut folded: Option<Vec<String>> = None;
    for caps in RE_THIS.captures_iter(t) {
        let (Some(m), Some(noun)) = (caps.get(0), caps.get(1).or(caps.get(2))) else {
            continue;
        };
        let nf = fold(noun.as_str());
        let folded = folded.get_or_insert_with(|| kept.iter().map(|c| fold(&c.name)).collect());
        let Some(title) = kept.iter().zip(folded.iter()).find_map(|(c, f)| {
            (c.start < m.start()
                && f.starts_with(&nf)
                && c.name.split_whitespace().count() > nf.split(' ').count())
            .then_some(c)
        }) else {
            continue;
        };
        add.push(Cand {
            start: m.start(),
            end: m.end(),
            name: title.name.clone(),
            rule: "programme.this_contract",
            known: false,
        });
    }
    kept.extend(add);
    kept.sort_by_key(|c| c.start);
}

/// One name per scheme: a name that another name of the document extends with a year or a
/// period (`Convention pluriannuelle d'objectifs` / `… 2024-2026`) takes the longer one;
/// names differing only in case take the first spelling.
fn unify(kept: &mut [Cand]) {
    use std::collections::{BTreeMap, HashMap};
    let folded: Vec<String> = kept.iter().map(|c| fold(&c.name)).collect();
    // each folded name, with the first mention that has it
    let mut first_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, f) in folded.iter().enumerate() {
        first_of.entry(f.as_str()).or_insert(i);
    }
    // the name extending each folded name with a year or a period: the first in the text
    let mut extended: HashMap<&str, Option<usize>> = HashMap::new();
    for f in &folded {
        extended.entry(f.as_str()).or_insert_with(|| {
            first_of
                .range(f.as_str()..)
                .take_while(|(g, _)| g.starts_with(f.as_str()))
                .filter(|(g, _)| {
                    let rest = g[f.len()..].trim();
                    !rest.is_empty()
                        && rest
                            .split(' ')
                            .all(|w| w.chars().all(|ch| ch.is_ascii_digit()))
                })
                .map(|(_, &i)| i)
                .min()
        });
    }
    let names: Vec<String> = kept.iter().map(|c| c.name.clone()).collect();
    let mut spelling: HashMap<String, String> = HashMap::new();
    for (c, f) in kept.iter_mut().zip(&folded) {
        let f = match extended.get(f.as_str()).copied().flatten() {
            Some(i) => {
                c.name = names[i].clone();
                &folded[i]
            }
            None => f,
        };
        c.name = spelling
            .entry(f.clone())
            .or_insert_with(|| c.name.clone())
            .clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_near_quotes_as_over_the_whole_text() {
        let t = "l'appel à projets « Caen la Mer Solidaire », APPELS  À MANIFESTATION D’INTÉRÊT \
                 NATIONAL INTITULÉ\u{a0}\"PTCE émergents\" ; le fonds«Guyane ESS», un prix \
                 dénommé “Trophées”, parcours « » et démarche « A », dispositif\n« Cap ». \
                 Opération baptisée « Deux ». label \"x\"";
        let spans = |it: &mut dyn Iterator<Item = (usize, regex::Captures<'_>)>| {
            it.map(|(s, c)| (s, c.get(0).map(|m| m.end())))
                .collect::<Vec<_>>()
        };
        let windows = t
            .match_indices(['«', '“', '"'])
            .map(|(q, _)| (words_back(t, q, QUOTED_WORDS), q));
        let want = spans(&mut RE_QUOTED.captures_iter(t));
        assert!(want.len() >= 7, "{want:?}");
        assert_eq!(spans(&mut RE_QUOTED.captures_iter_in(t, windows)), want);
    }

    fn names(t: &str) -> Vec<String> {
        programmes(t)
            .into_iter()
            .filter_map(|m| match m.value {
                Value::Programme { name } => Some(name),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn table_parses() {
        assert!(KNOWN.len() > 30);
        let mut seen = std::collections::HashMap::new();
        for (c, al) in KNOWN.iter() {
            for a in std::iter::once(c).chain(al.iter()) {
                let prev = seen.insert(a.to_lowercase(), c.clone());
                assert!(prev.is_none_or(|p| &p == c), "alias {a} names two schemes");
            }
        }
    }

    #[test]
    fn real_sentences() {
        assert_eq!(
            names("application du dispositif local d'accompagnement (DLA), mise"),
            [
                "dispositif local d'accompagnement",
                "dispositif local d'accompagnement"
            ]
        );
        assert_eq!(
            names("dans le cadre de l'appel à projets « Caen la Mer Solidaire », les"),
            ["Caen la Mer Solidaire"]
        );
        assert_eq!(
            names("au travers du dispositif Cap'Asso, créé en 2005"),
            ["Cap'Asso"]
        );
        assert_eq!(
            names("Le Contrat économique sectoriel ESS 2014-2016, signé"),
            ["Contrat économique sectoriel ESS 2014-2016"]
        );
        assert_eq!(
            names("le Schéma directeur du réemploi."),
            ["Schéma directeur du réemploi"]
        );
    }

    #[test]
    fn acts_cited_in_visas() {
        assert_eq!(
            names(" VU la feuille de route territoriale de l'ESS 2018-2020, arrêtée lors de la première \nconférence ;"),
            ["feuille de route territoriale de l'ESS 2018-2020"]
        );
        assert_eq!(
            names("• Vu la délibération n° 52 du 30 juin 2022 portant feuille de route communautaire en\nfaveur de l'ESS 2022-2026 ;"),
            ["feuille de route communautaire en faveur de l'ESS 2022-2026"]
        );
        assert_eq!(
            names("• Vu la convention d'agrément conclue le 12 juillet 2018 entre l'État, la \nRégion ;"),
            ["convention d'agrément"]
        );
        // codes, laws and budgets are not schemes; nor is a bare act
        assert!(names("• Vu le code général des collectivités territoriales ;").is_empty());
        assert!(
            names("VU la loi du 31 juillet 2014 relative à l'économie sociale et solidaire ;")
                .is_empty()
        );
        assert!(names("• Vu le budget primitif de l'exercice 2024 ;").is_empty());
        assert!(names("• Vu la convention ;").is_empty());
        assert_eq!(
            names("Vu la délibération du 14 décembre 2023 adoptant le schéma départemental de l'économie sociale et solidaire 2024-2028 ;"),
            ["schéma départemental de l'économie sociale et solidaire 2024-2028"]
        );
        // outside a visa, a lower-case act stays a common noun
        assert!(names("la feuille de route territoriale fixe trois orientations").is_empty());
    }

    #[test]
    fn near_misses() {
        assert!(names("un plan d'actions et des contrats").is_empty());
        // a deliberation's object: the year's programme, not a named one
        assert!(names("Objet : Soutien aux structures de l'ESS – Programme 2024\n").is_empty());
        assert_eq!(
            names("la Stratégie régionale de l'économie sociale et solidaire adoptée le"),
            ["Stratégie régionale de l'économie sociale et solidaire"]
        );
        assert!(names("les fonds propres des associations").is_empty());
    }
}
