//! Action rules: the coded lines of an action plan (`I_1.1.1 …`, `Action n°1 – …`,
//! `Fiche-action n° 4 – …`, `A.1.2 …`) and the items listed under an `Exemples d'actions`
//! heading. A code met twice (summary list, then detailed sheet) keeps its first label.
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::pattern::line_start_captures;
use super::{Doc, Extractor, Mention, Value};

pub struct Actions;

impl Extractor for Actions {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        let t = doc.text;
        let from = out.len();
        if t.contains('_') {
            roman_codes(t, out);
        }
        if t.contains("ction") || t.contains("iche") || t.contains("esure") || t.contains("CTION") {
            word_codes(t, out);
        }
        letter_codes(t, out);
        if t.contains("xemple")
            || t.contains("XEMPLE")
            || t.contains("ctions")
            || t.contains("CTIONS")
        {
            examples(t, out);
        }
        unify_labels(&mut out[from..]);
    }
}

/// Bullets that open list items: hyphens, dashes, bullets, and the private-use glyphs that
/// PDF extraction leaves for Wingdings/Symbol bullets.
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '-' | '–' | '—' | '•' | '●' | '▪' | '■' | '◦' | '○' | '*' | '>' | '·' | '➢' | '✓'
    ) || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Where the label that starts at `from` ends: at a blank line, at the next coded line, or at
/// the next bullet; lines that wrap are joined.
fn label_end(t: &str, from: usize, stop_at_next_code: &Regex) -> usize {
    let mut end = from;
    let mut pos = from;
    loop {
        let rest = t.get(pos..).unwrap_or("");
        let nl = rest.find('\n').map_or(t.len(), |i| pos + i);
        let line = t.get(pos..nl).unwrap_or("");
        // a code met inside the line (table columns glued) ends the label
        let cut = stop_at_next_code
            .find_iter(line)
            .find(|m| m.start() > 0 || pos != from)
            .map(|m| pos + m.start());
        if let Some(c) = cut {
            if c > from {
                return c;
            }
        }
        if !line.trim().is_empty() {
            end = nl;
        }
        if nl >= t.len() {
            return end;
        }
        let next_start = nl + 1;
        let next = t.get(next_start..).unwrap_or("");
        let next_line = next
            .get(..next.find('\n').unwrap_or(next.len()))
            .unwrap_or("");
        let nt = next_line.trim();
        if nt.is_empty()
            || nt.starts_with(is_bullet)
            || stop_at_next_code.is_match(next_line)
            || next_start - from > 400
        {
            return end;
        }
        // a `Pilote : …` field line is not part of the label
        if FIELD.is_match(nt) {
            return end;
        }
        // a wrapped line goes on in lower case or after an unfinished line
        let cur = line.trim_end();
        let goes_on = nt
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c == '(' || c.is_ascii_digit())
            || !cur.ends_with(['.', ';', ':', '!', '?']) && cur.len() > 55;
        if !goes_on {
            return end;
        }
        pos = next_start;
    }
}

static FIELD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{L}' ]{0,30}[ \t]:").expect("static regex"));

/// A label as written: wrapped lines joined with single spaces, final punctuation dropped.
fn clean_label(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .trim_end_matches([',', ';', ':', ' ', '–', '-'])
        .trim_start_matches([':', '–', '—', '-', '.', ')', ' '])
        .to_string()
}

fn push(
    out: &mut Vec<Mention>,
    start: usize,
    end: usize,
    code: Option<String>,
    label: String,
    rule: &'static str,
) {
    if label.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return;
    }
    out.push(Mention {
        start,
        end,
        value: Value::Action { code, label },
        rule,
    });
}

static ROMAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)(?:^|[ \t])([IVX]{1,4}_[0-9]{1,2}(?:\.[0-9]{1,2}){0,3})[ \t]+")
        .expect("static regex")
});

// Regional action plans code actions `axis-in-roman_objective.measure.action` (`III_1.1.4`).
fn roman_codes(t: &str, out: &mut Vec<Mention>) {
    for c in ROMAN.captures_iter(t) {
        let (Some(all), Some(code)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let from = all.end();
        let end = label_end(t, from, &ROMAN);
        let label = clean_label(t.get(from..end).unwrap_or(""));
        push(
            out,
            code.start(),
            end.max(from),
            Some(code.as_str().to_string()),
            label,
            "action.roman_code",
        );
    }
}

static WORD_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(?:[-•–][ \t]*)?((?i:fiche[ \t-]*action|fiche|action|mesure)[ \t]*(?:n[°o][ \t]*)?(?:[A-Z]{0,2}[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}))[ \t]*(?:[:–—.)-]|\n)[ \t]*",
    )
    .expect("static regex")
});

/// The words one of which every [`WORD_CODE`] line holds, with its case folding.
static WORD_CODE_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i:fiche|action|mesure)").expect("static regex"));

// Action plans number their sheets: `Action n°1 – …`, `Action 2.3 : …`, `Fiche-action n° 4 – …`,
// `Fiche T1 – …`, `Mesure 3 : …`, at the start of a line.
fn word_codes(t: &str, out: &mut Vec<Mention>) {
    for c in line_start_captures(&WORD_CODE, &WORD_CODE_CUE, t) {
        let (Some(all), Some(code)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let from = all.end();
        let first = t.get(from..).and_then(|r| r.chars().next());
        if !first.is_some_and(|ch| ch.is_uppercase() || ch == '«') {
            continue;
        }
        let end = label_end(t, from, &WORD_CODE);
        let label = clean_label(t.get(from..end).unwrap_or(""));
        let start = code.start();
        let code = code
            .as_str()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        push(
            out,
            start,
            end.max(from),
            Some(code),
            label,
            "action.word_code",
        );
    }
}

static LETTER_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(?:[-•–][ \t]*)?([A-H]\.[0-9]{1,2}(?:\.[0-9]{1,2}){1,2})[ \t]*[:–—-]?[ \t]+",
    )
    .expect("static regex")
});

// Plans lettered by axis code actions `A.1.2 …` (letter, objective, action) at a line start.
fn letter_codes(t: &str, out: &mut Vec<Mention>) {
    for c in LETTER_CODE.captures_iter(t) {
        let (Some(all), Some(code)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let from = all.end();
        if !t
            .get(from..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase)
        {
            continue;
        }
        let end = label_end(t, from, &LETTER_CODE);
        let label = clean_label(t.get(from..end).unwrap_or(""));
        push(
            out,
            code.start(),
            end.max(from),
            Some(code.as_str().to_string()),
            label,
            "action.letter_code",
        );
    }
}

static EXAMPLES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?mi)^[ \t#*]*(?:(?:quelques[ \t]+)?exemples?[ \t]+d['’][ \t]*actions?|(?:principales|quelques)[ \t]+actions|actions[ \t]+(?:phares|soutenues|emblématiques|menées|réalisées))(?-u:\b)[^\n]*(?:\n[^\n]*)?",
    )
    .expect("static regex")
});

/// The word every [`EXAMPLES`] heading holds on its first line, with its case folding.
static EXAMPLES_CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i:action)").expect("static regex"));

/// Determiners and pronouns that open a prose sentence rather than an item of a list.
const PROSE_OPENERS: &[&str] = &[
    "ce", "ces", "cet", "cette", "elle", "elles", "exemple", "exemples", "il", "ils", "l", "la",
    "le", "les", "leur", "leurs", "on", "sa", "ses", "son", "un", "une",
];

fn first_word_lower(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase()
}

// The items under an `Exemples d'actions (soutenues …)` heading, up to the next blank line:
// bulleted lines, and plain lines that read as an item (not prose, not a sub-heading).
fn examples(t: &str, out: &mut Vec<Mention>) {
    let found = line_start_captures(&EXAMPLES, &EXAMPLES_CUE, t);
    for m in found.filter_map(|c| c.get(0)) {
        // the heading ends at its colon or its line (it may wrap once)
        let head = m.as_str();
        let head_end = match head.find(':') {
            Some(i) => m.start() + i + 1,
            None => {
                let first_nl = head.find('\n').map_or(m.end(), |i| m.start() + i);
                let second = t.get(first_nl + 1..m.end()).unwrap_or("").trim();
                let wraps = !second.is_empty()
                    && second.chars().next().is_some_and(char::is_lowercase)
                    && !second.contains(':');
                if wraps {
                    m.end()
                } else {
                    first_nl
                }
            }
        };
        let mut lines: Vec<(usize, usize)> = Vec::new();
        let mut pos = head_end;
        let mut seen_text = false;
        while pos < t.len() {
            let rest = t.get(pos..).unwrap_or("");
            let nl = rest.find('\n').map_or(t.len(), |i| pos + i);
            let line = t.get(pos..nl).unwrap_or("");
            if line.trim().is_empty() {
                if seen_text {
                    break;
                }
            } else {
                seen_text = true;
                lines.push((pos, nl));
            }
            pos = nl + 1;
            if lines.len() > 80 {
                break;
            }
        }
        items_of(t, &lines, out);
    }
}

fn items_of(t: &str, lines: &[(usize, usize)], out: &mut Vec<Mention>) {
    // group lines into items
    let mut items: Vec<(usize, usize, bool)> = Vec::new(); // start, end, bulleted
    let mut k = 0;
    while k < lines.len() {
        let (s, e) = lines[k];
        let line = t.get(s..e).unwrap_or("");
        let tl = line.trim_start();
        let lead = line.len() - tl.len();
        let bulleted = tl.starts_with(is_bullet);
        let body_start = if bulleted {
            let after = tl.trim_start_matches(is_bullet).trim_start();
            s + lead + (tl.len() - after.len())
        } else {
            s + lead
        };
        let mut start = body_start;
        let mut end = e;
        // a lone bullet announces the item on the next line
        if bulleted && t.get(body_start..e).unwrap_or("").trim().is_empty() {
            k += 1;
            let Some(&(s2, e2)) = lines.get(k) else { break };
            start = s2;
            end = e2;
        }
        // wrapped lines: continuations in lower case or in brackets, or after a line ending in `:`
        while let Some(&(s2, e2)) = lines.get(k + 1) {
            let nxt = t.get(s2..e2).unwrap_or("").trim_start();
            let cur = t.get(start..end).unwrap_or("").trim_end();
            let cont = nxt
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c == '(')
                || (cur.ends_with(':') && !nxt.starts_with(is_bullet));
            if !cont {
                break;
            }
            end = e2;
            k += 1;
        }
        // a plain line followed by bullets is a sub-heading
        let next_bulleted = lines.get(k + 1).is_some_and(|&(s2, e2)| {
            t.get(s2..e2)
                .unwrap_or("")
                .trim_start()
                .starts_with(is_bullet)
        });
        let plain_heading = !bulleted && next_bulleted;
        if !plain_heading {
            items.push((start, end, bulleted));
        }
        k += 1;
    }
    for (s, e, bulleted) in items {
        let text = t.get(s..e).unwrap_or("");
        let label = clean_label(text);
        let fw = first_word_lower(&label);
        if !label.chars().next().is_some_and(char::is_uppercase)
            || PROSE_OPENERS.contains(&fw.as_str())
        {
            continue;
        }
        if !bulleted && label.split_whitespace().count() < 4 {
            continue;
        }
        push(out, s, e, None, label, "action.example");
    }
}

/// One code, one action: later mentions of a code take the label of its first mention.
fn unify_labels(ms: &mut [Mention]) {
    let mut first: HashMap<String, String> = HashMap::new();
    for m in ms.iter_mut() {
        if let Value::Action {
            code: Some(code),
            label,
        } = &mut m.value
        {
            let key = code.to_lowercase();
            match first.get(&key) {
                Some(l) => *label = l.clone(),
                None => {
                    first.insert(key, label.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_rules_near_their_cues_as_over_the_whole_text() {
        let t = "Action n°1 – Créer\nFICHE-ACTION 2 :\n   Suivre\n - Mesure 3.1\nAction 4\n\
                 Action 5. Agir\ntexte action 6 : non\nExemples d'actions :\n- a\n\
                 Quelques actions phares\nsuite\n\nPrincipales ACTIONS\nActions menées";
        let spans = |it: &mut dyn Iterator<Item = regex::Captures<'_>>| {
            it.filter_map(|c| c.get(0).map(|m| m.range()))
                .collect::<Vec<_>>()
        };
        for (re, cue) in [(&*WORD_CODE, &*WORD_CODE_CUE), (&*EXAMPLES, &*EXAMPLES_CUE)] {
            let want = spans(&mut re.captures_iter(t));
            assert!(want.len() >= 3, "{want:?}");
            assert_eq!(spans(&mut line_start_captures(re, cue, t)), want);
        }
    }

    fn run(t: &str) -> Vec<(Option<String>, String)> {
        let mut out = Vec::new();
        Actions.extract(&Doc { id: "t", text: t }, &mut out);
        out.sort_by_key(|m| m.start);
        out.into_iter()
            .map(|m| match m.value {
                Value::Action { code, label } => (code, label),
                _ => unreachable!(),
            })
            .collect()
    }

    fn c(code: &str, label: &str) -> (Option<String>, String) {
        (Some(code.to_string()), label.to_string())
    }

    #[test]
    fn roman_codes_wrap() {
        let t = " Numéro Action \n\nI_1.1.1 Rhône-Alpes Solidaires et ses déclinaisons locales \n\nI_1.1.2 Evénementiel (Rencontres Solidaires, Forum de l'emploi, Salons \ndes entrepreneurs…) \n\n1.2  Faire (re)découvrir le champ\n";
        assert_eq!(
            run(t),
            [
                c("I_1.1.1", "Rhône-Alpes Solidaires et ses déclinaisons locales"),
                c("I_1.1.2", "Evénementiel (Rencontres Solidaires, Forum de l'emploi, Salons des entrepreneurs…)")
            ]
        );
        let t = "entreprises \ninnovants II_2.1.2 Plateforme d’accompagnement, de formation et de placement de \n";
        assert_eq!(
            run(t),
            [c(
                "II_2.1.2",
                "Plateforme d’accompagnement, de formation et de placement de"
            )]
        );
    }

    #[test]
    fn word_codes() {
        let t = "Axe 1 – Faire émerger et accompagner les projets d'ESS\nAction n°1 – Soutenir la Fabrique à Initiatives portée par l'ADRESS Normandie\nAction n°3 – Ouvrir le parcours « La Prépa » des pépinières métropolitaines aux\nporteurs de projets ESS\n\nAction n°3 – Ouvrir le parcours\n Pilote : ADRESS";
        assert_eq!(
            run(t),
            [
                c("Action n°1", "Soutenir la Fabrique à Initiatives portée par l'ADRESS Normandie"),
                c("Action n°3", "Ouvrir le parcours « La Prépa » des pépinières métropolitaines aux porteurs de projets ESS"),
                c("Action n°3", "Ouvrir le parcours « La Prépa » des pépinières métropolitaines aux porteurs de projets ESS"),
            ]
        );
        assert_eq!(
            run("Action 2.3 – Créer le fonds « Guyane ESS Garantie » avec France Active et Bpifrance\nPilote : CTG."),
            [c("Action 2.3", "Créer le fonds « Guyane ESS Garantie » avec France Active et Bpifrance")]
        );
        assert_eq!(
            run("Fiche T1 – Gouvernance et suivi\nUn comité"),
            [c("Fiche T1", "Gouvernance et suivi")]
        );
        assert_eq!(
            run("Fiche-action n° 4 – Animer le réseau\n"),
            [c("Fiche-action n° 4", "Animer le réseau")]
        );
        assert_eq!(
            run("A.1.2 Créer un fonds d'amorçage\n"),
            [c("A.1.2", "Créer un fonds d'amorçage")]
        );
    }

    #[test]
    fn word_code_near_misses() {
        assert!(run("Article 2 : d'attribuer à la CRESS").is_empty());
        assert!(run("Axe 2 – Consolider les associations").is_empty());
        assert!(run("au titre de l'action 2.3 du plan").is_empty());
        assert!(run("Délibération n° C-24-047").is_empty());
        assert!(run("1.2  Faire (re)découvrir le champ").is_empty());
    }

    #[test]
    fn examples_list() {
        let t = "Exemples d’actions soutenues par la \ncollectivité en 2014\n- Salon des Entrepreneurs 2014 – Programme spécial ESS\n- Co-organisation de la 2eme journée régionale des PTCE\n Conseil régional Rhône-Alpes\n\n6ème région";
        assert_eq!(
            run(t),
            [
                (
                    None,
                    "Salon des Entrepreneurs 2014 – Programme spécial ESS".to_string()
                ),
                (
                    None,
                    "Co-organisation de la 2eme journée régionale des PTCE".to_string()
                ),
            ]
        );
        let t = "Exemples d'actions :\nLe PDESS vise à créer des emplois.\n-\nHôtel d’activités ARTIS (8000 m2).\nDynamiques structurantes en cours impulsées par la Métropole\n- Réalisation du schéma directeur du réemploi,\nInsertion de l’ESS au sein des autres politiques publiques.\nExemples : innovation technologique et sociale\nAppui à l’ingénierie des projets des communes :\nEchirolles, Le Sappey (notamment),\n";
        assert_eq!(
            run(t),
            [
                (None, "Hôtel d’activités ARTIS (8000 m2).".to_string()),
                (None, "Réalisation du schéma directeur du réemploi".to_string()),
                (None, "Insertion de l’ESS au sein des autres politiques publiques.".to_string()),
                (None, "Appui à l’ingénierie des projets des communes : Echirolles, Le Sappey (notamment)".to_string()),
            ]
        );
        assert!(run("Exemples d’actions soutenues par la collectivité :\n\n").is_empty());
        assert_eq!(
            run("Actions phares 2023\n- Création d'une ressourcerie à Bastia\n- Soutien au Mois de l'ESS\n\nSuite"),
            [
                (None, "Création d'une ressourcerie à Bastia".to_string()),
                (None, "Soutien au Mois de l'ESS".to_string()),
            ]
        );
        // a sentence that merely mentions actions heads no list
        assert!(run("Les actions soutenues par la Région sont nombreuses :\n- une\n").is_empty());
    }
}
