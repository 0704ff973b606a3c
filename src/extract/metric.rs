//! Metric rules: a figure that is not money, with what it counts (`398 emplois`,
//! `1 229 800 habitants`, `11%`, `soixante deux projets collectifs`, `une centaine de
//! partenaires`). The unit is the counted noun as written, lower-cased, with the adjectives
//! and fixed complements that belong to it (`projets collectifs`, `groupes de travail`).
//!
//! Not metrics (annotation guide): years, dates, money, ranks, durations, frequencies,
//! identifiers (article, action, page numbers), addresses and postcodes, times, the
//! document's formalities, and counts that only announce a list (`3 axes :`).
use super::{Doc, Extractor, Mention, Value};
use crate::fr::fold;

/// Match key of a word or short phrase (see [`fold::fold`]); the common Latin letters of
/// French are folded inline, anything else goes through the full Unicode folding.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        let m = match c {
            'a'..='z' | '0'..='9' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            c if c.is_alphanumeric() => return fold::fold(s),
            _ => ' ',
        };
        if m == ' ' {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(m);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}
use crate::fr::number::{digit_numbers, parse_digits, word_numbers};
use regex::Regex;
use std::sync::LazyLock;

pub struct Metrics;

/// Nouns of time: a number before them is a duration, an age or a frequency, not a count
/// (`18 mois`, `depuis 10 ans`, `deux fois par an`, `18 heures`, `12 h`). Folded, sorted.
const DURATIONS: &[&str] = &[
    "an",
    "annee",
    "annees",
    "ans",
    "decennie",
    "decennies",
    "exercice",
    "exercices",
    "fois",
    "h",
    "heure",
    "heures",
    "jour",
    "jours",
    "min",
    "minute",
    "minutes",
    "mn",
    "mois",
    "nuit",
    "nuits",
    "reprises",
    "seconde",
    "secondes",
    "semaine",
    "semaines",
    "semestre",
    "semestres",
    "siecle",
    "siecles",
    "trimestre",
    "trimestres",
];

/// Nouns that name the parts of a plan or of the document itself: a count of them
/// announces or structures the text (`3 axes`, `4 questions évaluatives`, `deux volets`),
/// or belongs to the document's formalities (`fait en deux exemplaires`, `45 voix pour`,
/// `12 pouvoirs`); never a metric. Folded, sorted.
const STRUCTURAL: &[&str] = &[
    "ambitions",
    "annexes",
    "articles",
    "axe",
    "axes",
    "categories",
    "champs",
    "chapitres",
    "cibles",
    "criteres",
    "defis",
    "engagements",
    "enjeux",
    "etapes",
    "exemplaires",
    "fiches",
    "leviers",
    "niveaux",
    "objectifs",
    "orientations",
    "pages",
    "parties",
    "phases",
    "piliers",
    "pouvoirs",
    "principes",
    "priorites",
    "questions",
    "thematiques",
    "themes",
    "voix",
    "volets",
    "votants",
];

/// Items of the plan's own list: a count of them with a definite or possessive determiner
/// (`les 22 actions du plan`, `déclinées en neuf actions`) refers to the document's own
/// structure; with an indefinite one (`une vingtaine de mesures`) it is a quantity. Folded.
const LIST_NOUNS: &[&str] = &["actions", "mesures"];

/// Determiners and prepositions that make a count of [`LIST_NOUNS`] structural. Folded.
const LIST_DETERMINERS: &[&str] = &["ces", "en", "leurs", "les", "nos", "ses", "vos"];

/// Function words and other words that cannot be the counted noun (several end in `-s`
/// like plural nouns). Folded, sorted.
const STOPWORDS: &[&str] = &[
    "a",
    "afin",
    "ainsi",
    "alors",
    "apres",
    "au",
    "aussi",
    "autour",
    "aux",
    "avant",
    "avec",
    "avons",
    "bien",
    "ce",
    "cedex",
    "certaines",
    "certains",
    "ces",
    "cette",
    "chacun",
    "chacune",
    "chaque",
    "chez",
    "contre",
    "d",
    "dans",
    "de",
    "deja",
    "depuis",
    "des",
    "divers",
    "diverses",
    "dont",
    "du",
    "e",
    "elle",
    "elles",
    "eme",
    "en",
    "encore",
    "entre",
    "er",
    "ere",
    "est",
    "et",
    "etaient",
    "etait",
    "ete",
    "font",
    "il",
    "ils",
    "jamais",
    "jusqu",
    "l",
    "la",
    "le",
    "les",
    "leur",
    "leurs",
    "lors",
    "mais",
    "moins",
    "ni",
    "nombreuses",
    "nombreux",
    "nos",
    "notre",
    "on",
    "ont",
    "ou",
    "par",
    "parmi",
    "pas",
    "plus",
    "plusieurs",
    "pour",
    "pres",
    "puis",
    "qu",
    "que",
    "quelques",
    "qui",
    "sa",
    "sans",
    "se",
    "selon",
    "ses",
    "si",
    "soit",
    "son",
    "sont",
    "sous",
    "suivantes",
    "suivants",
    "sur",
    "toujours",
    "tous",
    "tout",
    "toutes",
    "tres",
    "un",
    "une",
    "vers",
    "vont",
    "vos",
    "y",
];

/// Conjunctions that open a new clause after a count (`… une vingtaine d'actions afin de
/// gagner en cohérence : …`). Folded, sorted.
const CLAUSE_BREAKS: &[&str] = &[
    "afin", "car", "lorsque", "mais", "puisque", "quand", "tandis",
];

/// Fractions: `deux tiers des salariés` is a share, not a count of `tiers`. Folded.
const FRACTIONS: &[&str] = &["centiemes", "cinquiemes", "dixiemes", "quarts", "tiers"];

/// Money: a number before a currency is an amount (the amount family reads it). Folded.
const MONEY: &[&str] = &["eur", "euro", "euros"];

/// Adjectives after the noun that qualify the count rather than what is counted
/// (`une quinzaine de pôles supplémentaires` counts `pôles`). Folded, sorted.
const NON_DEFINING: &[&str] = &[
    "actuels",
    "concernees",
    "concernes",
    "differentes",
    "differents",
    "existantes",
    "existants",
    "potentiels",
    "respectifs",
    "restants",
    "supplementaires",
];

/// Month names: a number before them is a day of a date. Folded, sorted.
const MONTHS: &[&str] = &[
    "aout",
    "avril",
    "decembre",
    "fevrier",
    "janvier",
    "juillet",
    "juin",
    "mai",
    "mars",
    "novembre",
    "octobre",
    "septembre",
];

/// Street types of French addresses (`7 rue Fantin Latour`, `22 cours Grandval`). Folded.
const STREETS: &[&str] = &[
    "allee",
    "allees",
    "av",
    "avenue",
    "bd",
    "bis",
    "boulevard",
    "chemin",
    "cite",
    "cours",
    "esplanade",
    "impasse",
    "parvis",
    "passage",
    "place",
    "quai",
    "route",
    "square",
    "ter",
    "voie",
];

/// Words before a number that make it an identifier, not a count (`Article 2`,
/// `Action n°4`, `Page 2`, `phase 1`, `BP 1096`, `cedex 9`, `l'an deux mille`). Folded.
const ID_WORDS: &[&str] = &[
    "action",
    "alinea",
    "an",
    "annexe",
    "art",
    "article",
    "articles",
    "axe",
    "bp",
    "chapitre",
    "cs",
    "decret",
    "deliberation",
    "edition",
    "enjeu",
    "etape",
    "fiche",
    "loi",
    "lot",
    "mesure",
    "n",
    "niveau",
    "no",
    "numero",
    "objectif",
    "orientation",
    "p",
    "page",
    "paragraphe",
    "phase",
    "point",
    "priorite",
    "saison",
    "section",
    "titre",
    "tome",
    "tranche",
    "tsa",
    "vague",
    "version",
    "volet",
    "volume",
];

/// Words before a four-digit year-like number that make it a year (`en 2013`, `depuis
/// 1998`, `Budget 2014`). Folded.
const YEAR_CONTEXT: &[&str] = &[
    "a",
    "annee",
    "annees",
    "apres",
    "au",
    "automne",
    "avant",
    "budget",
    "contrat",
    "d",
    "debut",
    "depuis",
    "des",
    "donnees",
    "du",
    "edition",
    "en",
    "entre",
    "et",
    "ete",
    "exercice",
    "fin",
    "hiver",
    "ici",
    "jusqu",
    "l",
    "le",
    "mi",
    "periode",
    "plan",
    "printemps",
    "programme",
    "vers",
];

/// Adjectives French puts before the counted noun (`deux nouvelles ressourceries`,
/// `14 nouveaux pôles`): skipped, the unit is the noun. Folded.
const PRE_ADJECTIVES: &[&str] = &[
    "autres",
    "grandes",
    "grands",
    "nouveaux",
    "nouvel",
    "nouvelles",
    "petites",
    "petits",
    "principales",
    "principaux",
];

/// Ordinal-like adjectives: `les deux premiers contrats`, `les 10 prochaines années` are
/// not counts. Folded.
const ORDINAL_ADJECTIVES: &[&str] = &[
    "dernieres",
    "derniers",
    "premieres",
    "premiers",
    "prochaines",
    "prochains",
    "seul",
    "seule",
    "seules",
    "seuls",
];

/// Units that do not take a plural `-s` (measures, `ETP`) or nouns heading a fixed role
/// (`deux chargé de mission`, often written without agreement). Folded.
const INVARIANT_UNITS: &[&str] = &[
    "charge", "chargee", "etp", "gwh", "ha", "kg", "km", "km2", "kw", "kwh", "m2", "m3", "mw",
    "mwh", "t",
];

/// Fixed complements that belong to the counted noun (`groupes de travail`, `chargés de
/// mission`, `emplois en insertion`, `départs à la retraite`). Folded, matched as a prefix
/// of the folded following text.
const COMPLEMENTS: &[&str] = &[
    "a la retraite",
    "a mi temps",
    "a temps plein",
    "d activite",
    "d activites",
    "d emploi",
    "d emplois",
    "de mission",
    "de projet",
    "de projets",
    "de travail",
    "en insertion",
    "temps plein",
];

/// Words of approximation between `dont` and the number (`dont plus de 90`). Folded.
const APPROXIMATORS: &[&str] = &["au moins", "environ", "plus de", "pres de", "quelque"];

fn has(table: &[&str], w: &str) -> bool {
    table.contains(&w)
}

/// Text slice that never panics.
fn sl(t: &str, a: usize, b: usize) -> &str {
    t.get(a..b).unwrap_or("")
}

/// One word at `pos`: letters, digits and `²`, with inner hyphens (`tiers-lieux`).
fn word_at(t: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = t.get(pos..)?;
    let first = rest.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let mut end = 0;
    let mut prev_hyphen = false;
    for (i, c) in rest.char_indices() {
        if c.is_alphanumeric() || c == '²' {
            end = i + c.len_utf8();
            prev_hyphen = false;
        } else if c == '-' && !prev_hyphen && i > 0 {
            prev_hyphen = true;
        } else {
            break;
        }
    }
    Some((pos, pos + end))
}

/// White space after `pos`; a line break is allowed when `line_break`, never a blank line.
fn skip_ws(t: &str, pos: usize, line_break: bool) -> usize {
    let mut p = pos;
    let mut breaks = 0;
    for c in t.get(pos..).unwrap_or("").chars() {
        match c {
            ' ' | '\t' | '\u{A0}' | '\u{202F}' | '\r' => p += c.len_utf8(),
            '\n' if line_break && breaks == 0 => {
                breaks += 1;
                p += 1;
            }
            _ => break,
        }
    }
    p
}

/// The folded word just before `pos` (skipping spaces, `n°` read as `n`), and its start.
fn prev_word(t: &str, pos: usize) -> Option<(String, usize)> {
    let before = t.get(..pos)?;
    let trimmed = before.trim_end_matches([' ', '\u{A0}', '\u{202F}', '\t', '°', '\n', '\'', '’']);
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    Some((fold(sl(t, start, trimmed.len())), start))
}

/// Is the number at `start` alone at the start of its line (a page number, a list number)?
fn at_line_start(t: &str, start: usize) -> bool {
    let before = t.get(..start).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or(before);
    line.trim().is_empty()
}

struct Unit {
    text: String,
    head: String,
    end: usize,
    factor: f64,
}

/// Reads the counted noun after a number ending at `end`: French puts it right after the
/// figure, after `de`/`d'` when the figure is itself a noun (`une centaine de partenaires`,
/// `6 millions d'habitants`, signalled by `approx`). `line_break` allows the noun on the
/// next line of a hard-wrapped text.
fn unit_after(t: &str, end: usize, value: f64, approx: bool, line_break: bool) -> Option<Unit> {
    let rest = t.get(end..)?;
    // Percent: `11%`, `+3,6 %`, `10 pour cent`.
    let p = skip_ws(t, end, false);
    if sl(t, p, p + 1) == "%" {
        return Some(Unit {
            text: "%".into(),
            head: "%".into(),
            end: p + 1,
            factor: 1.0,
        });
    }
    if t.get(p..).is_some_and(|r| r.starts_with("pour cent")) {
        return Some(Unit {
            text: "%".into(),
            head: "%".into(),
            end: p + 9,
            factor: 1.0,
        });
    }
    // A letter right after the digits is a rank or a code (`6ème`, `1er`, `2Communication`).
    if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let mut pos = skip_ws(t, end, line_break);
    if pos == end {
        return None;
    }
    let mut factor = 1.0;
    // `6 millions d'habitants`, `3 milliers de visiteurs`.
    if let Some((ws, we)) = word_at(t, pos) {
        let w = fold(sl(t, ws, we));
        let f = match w.as_str() {
            "million" | "millions" => 1e6,
            "milliard" | "milliards" => 1e9,
            "millier" | "milliers" => 1e3,
            _ => 1.0,
        };
        if f > 1.0 {
            factor = f;
            pos = skip_ws(t, we, true);
        }
    }
    let mut linked = false;
    for l in ["d'", "d’", "de "] {
        if t.get(pos..).is_some_and(|r| r.starts_with(l)) && (approx || factor > 1.0) {
            pos = skip_ws(t, pos + l.len(), true);
            linked = true;
            break;
        }
    }
    if (factor > 1.0) && !linked {
        return None;
    }
    let (mut ws, mut we) = word_at(t, pos)?;
    let mut w = fold(sl(t, ws, we));
    if has(ORDINAL_ADJECTIVES, &w) {
        return None;
    }
    if has(PRE_ADJECTIVES, &w) {
        let p2 = skip_ws(t, we, true);
        (ws, we) = word_at(t, p2)?;
        w = fold(sl(t, ws, we));
    }
    if has(STOPWORDS, &w)
        || has(DURATIONS, &w)
        || has(STRUCTURAL, &w)
        || has(MONTHS, &w)
        || has(STREETS, &w)
        || has(MONEY, &w)
        || has(FRACTIONS, &w)
    {
        return None;
    }
    let raw = sl(t, ws, we);
    let is_acronym =
        raw.chars().count() >= 2 && raw.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
    let capitalised = raw.chars().next().is_some_and(char::is_uppercase);
    if is_acronym {
        if matches!(
            w.as_str(),
            "eur" | "ht" | "ttc" | "md" | "mds" | "ke" | "me"
        ) || value >= 1000.0
        {
            return None;
        }
    } else if capitalised && (value >= 100.0 || !line_break) {
        // `38000 Grenoble` is a postcode; `4 Actions prioritaires` alone on its line a
        // numbered heading (a list item keeps its mark: `- 2 Chargées de mission`).
        return None;
    }
    // `1,5 M€`: a multiplier of money, read by the amount family.
    if t.get(we..).is_some_and(|r| r.trim_start().starts_with('€')) {
        return None;
    }
    let v = value * factor;
    let plural = w.ends_with('s') || w.ends_with('x');
    if !(plural || is_acronym || has(INVARIANT_UNITS, &w) || v.abs() < 2.0 || factor > 1.0) {
        return None;
    }
    // A participle followed by its agent (`deux gérés par la SCIC`) is no noun.
    let after_head = skip_ws(t, we, true);
    let low = raw.to_lowercase();
    if (low.ends_with("és") || low.ends_with("ées") || low.ends_with('é') || low.ends_with("ée"))
        && !plural_noun_like(&w)
        && word_at(t, after_head).is_some_and(|(a, b)| fold(sl(t, a, b)) == "par")
    {
        return None;
    }
    let mut unit = if is_acronym {
        raw.to_string()
    } else {
        raw.to_lowercase()
    };
    let head = w.clone();
    let mut uend = we;
    // Following plural adjectives and fixed complements.
    for _ in 0..3 {
        let p = skip_ws(t, uend, true);
        if p == uend {
            break;
        }
        if let Some((c, q)) = complement_at(t, p) {
            unit.push(' ');
            unit.push_str(&c);
            uend = q;
            break;
        }
        let Some((a, b)) = word_at(t, p) else { break };
        let nw = fold(sl(t, a, b));
        let nraw = sl(t, a, b);
        if has(INVARIANT_UNITS, &head)
            || nraw.chars().next().is_some_and(char::is_uppercase)
            || !(nw.ends_with('s') || nw.ends_with('x'))
            || nw.len() < 4
            || has(STOPWORDS, &nw)
            || has(DURATIONS, &nw)
            || has(NON_DEFINING, &nw)
        {
            break;
        }
        if matches!(nw.as_str(), "suivants" | "suivantes") {
            return None;
        }
        unit.push(' ');
        unit.push_str(&nraw.to_lowercase());
        uend = b;
    }
    Some(Unit {
        text: unit,
        head,
        end: uend,
        factor,
    })
}

/// A fixed complement of [`COMPLEMENTS`] at `p`: its text (white space collapsed, lower
/// case) and its end.
fn complement_at(t: &str, p: usize) -> Option<(String, usize)> {
    let tail: String = t.get(p..).unwrap_or("").chars().take(24).collect();
    let tail = fold(&tail);
    let c = COMPLEMENTS.iter().find(|c| {
        tail.starts_with(*c) && tail.get(c.len()..c.len() + 1).is_none_or(|x| x == " ")
    })?;
    let q = advance_tokens(t, p, c.split(' ').count());
    let text = sl(t, p, q)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    Some((text, q))
}

/// The byte just past the `k`-th run of letters or digits from `p` (the tokens of [`fold`]).
fn advance_tokens(t: &str, p: usize, k: usize) -> usize {
    let mut seen = 0;
    let mut in_tok = false;
    let mut end = p;
    for (i, c) in t.get(p..).unwrap_or("").char_indices() {
        if c.is_alphanumeric() {
            in_tok = true;
            end = p + i + c.len_utf8();
        } else if in_tok {
            in_tok = false;
            seen += 1;
            if seen == k {
                return end;
            }
        }
    }
    end
}

/// Nouns in `-é(e)s`, `-is`, `-us` that are counted people or things (`salariés`, `élus`),
/// so a following `par` does not make them participles.
fn plural_noun_like(w: &str) -> bool {
    matches!(
        w,
        "salaries"
            | "elus"
            | "employes"
            | "retraites"
            | "associes"
            | "delegues"
            | "refugies"
            | "deputes"
            | "benevoles"
    )
}

/// A count that announces the list that follows (`3 grandes orientations:`, `deux
/// structures d'ESS sur le territoire : la Plate-forme …`) is a heading, not a figure: a
/// colon before the end of the clause.
fn announces_list(t: &str, from: usize) -> bool {
    let window = t.get(from..).unwrap_or("");
    let mut word_start: Option<usize> = None;
    for (i, c) in window.char_indices() {
        if i > 90 {
            return false;
        }
        if c.is_alphabetic() {
            word_start.get_or_insert(i);
            continue;
        }
        // A subordinate or purpose clause (`afin de gagner en cohérence :`) ends the phrase
        // of the count: a colon after it introduces something else.
        if let Some(ws) = word_start.take() {
            if has(CLAUSE_BREAKS, &fold(sl(window, ws, i))) {
                return false;
            }
        }
        match c {
            ':' => return !window.get(i + 1..).is_some_and(|r| r.starts_with("//")),
            '.' | ',' | ';' | '!' | '?' | '(' | ')' | '|' => return false,
            // A line that starts with a capital, a digit or a list mark is a new clause;
            // a hard-wrapped sentence goes on in lower case.
            '\n' => {
                let next = window.get(i + 1..).unwrap_or("").trim_start();
                if !next.starts_with(|n: char| n.is_lowercase()) {
                    return false;
                }
            }
            _ => {}
        }
    }
    false
}

/// `1 emploi sur 10`: a ratio, not a count.
fn ratio_follows(t: &str, from: usize) -> bool {
    let p = skip_ws(t, from, true);
    let Some(r) = t.get(p..) else { return false };
    let Some(r) = r.strip_prefix("sur") else {
        return false;
    };
    let r = r.trim_start();
    let Some((_, n)) = parse_digits(r) else {
        return false;
    };
    // `sur 10 soit`, `sur 7.`: a ratio; `sur 5 départements`: a second count.
    let q = t.len() - r.len() + n;
    match word_at(t, skip_ws(t, q, false)) {
        Some((a, b)) => has(STOPWORDS, &fold(sl(t, a, b))),
        None => true,
    }
}

/// Is the number preceded by `dont` (optionally `dont plus de`)? Returns true if so.
fn after_dont(t: &str, start: usize) -> bool {
    let from = floor_boundary(t, start.saturating_sub(24));
    let before = fold(sl(t, from, start));
    let mut b = before.as_str().trim_end();
    for a in APPROXIMATORS {
        if let Some(x) = b.strip_suffix(a) {
            b = x.trim_end();
            break;
        }
    }
    b.ends_with(" dont") || b == "dont"
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A number found in the text, in digits or in words.
struct Num {
    start: usize,
    end: usize,
    value: f64,
    year_like: bool,
    /// `un`/`une` alone: an article unless the context makes it a count.
    article: bool,
    approx: bool,
    /// Words ending in `million(s)`, `milliard(s)`: `de`/`d'` comes before the noun.
    big_word: bool,
    word: bool,
}

fn numbers(t: &str) -> Vec<Num> {
    let mut v: Vec<Num> = digit_numbers(t)
        .map(|f| Num {
            start: f.start,
            end: f.end,
            value: f.value,
            year_like: f.year_like,
            article: false,
            approx: false,
            big_word: false,
            word: false,
        })
        .collect();
    for f in word_numbers(t) {
        let (start, end, value) = (f.start, f.end, f.value);
        let raw = sl(t, start, end);
        let article = raw.eq_ignore_ascii_case("un") || raw.eq_ignore_ascii_case("une");
        let text = if article {
            String::new()
        } else {
            raw.to_lowercase()
        };
        let approx = text.ends_with("aine") || text.ends_with("millier");
        let big_word = text.ends_with("million")
            || text.ends_with("millions")
            || text.ends_with("milliard")
            || text.ends_with("milliards");
        v.push(Num {
            start,
            end,
            value,
            year_like: false,
            article,
            approx,
            big_word,
            word: true,
        });
    }
    v.sort_by_key(|n| n.start);
    v
}

fn emit(
    out: &mut Vec<Mention>,
    start: usize,
    end: usize,
    value: f64,
    unit: String,
    rule: &'static str,
) {
    if value.is_finite() {
        out.push(Mention {
            start,
            end,
            value: Value::Metric { value, unit },
            rule,
        });
    }
}

/// A figure followed by the noun it counts is a metric (`metric.count`, `metric.words`,
/// `metric.approx`, `metric.percent`); a part introduced by `dont` counts what its whole
/// counts (`metric.dont_part`).
fn counts(t: &str, out: &mut Vec<Mention>) {
    // The last metric with a noun unit: its unit, its end, for `dont` and coordination.
    let mut last: Option<(String, usize)> = None;
    for n in numbers(t) {
        // Leading zeros belong to phone numbers, codes and cut groups (`04 76`, `000`).
        let digits = sl(t, n.start, n.end).trim_start_matches(['+', '-', '−']);
        if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0,") {
            continue;
        }
        // Cheap checks first: most numbers are followed by no noun at all.
        let coordinated = last.as_ref().is_some_and(|(_, e)| {
            let between = sl(t, *e, n.start).trim();
            between == "," || between == "et" || between == ", et"
        });
        let mut dont = None;
        if n.article && !coordinated && !*dont.get_or_insert_with(|| after_dont(t, n.start)) {
            continue;
        }
        let line_break = !at_line_start(t, n.start);
        let unit = unit_after(t, n.end, n.value, n.approx || n.big_word, line_break);
        if unit.is_none() && !*dont.get_or_insert_with(|| after_dont(t, n.start)) {
            continue;
        }
        let dont = dont.unwrap_or(false);
        let prev = prev_word(t, n.start);
        let prev_w = prev.as_ref().map(|(w, _)| w.as_str()).unwrap_or("");
        // Identifiers and fractions: `Article 2`, `n° 4`, `Page 2 / 5`.
        if has(ID_WORDS, prev_w) && !n.word {
            continue;
        }
        let before = t
            .get(..n.start)
            .unwrap_or("")
            .trim_end_matches([' ', '\u{A0}']);
        let after = t.get(n.end..).unwrap_or("").trim_start_matches(' ');
        let frac_before = before
            .strip_suffix('/')
            .is_some_and(|b| b.trim_end().ends_with(|c: char| c.is_ascii_digit()));
        let frac_after = after
            .strip_prefix('/')
            .is_some_and(|a| a.trim_start().starts_with(|c: char| c.is_ascii_digit()));
        if frac_before || frac_after {
            continue;
        }
        if n.year_like && (has(YEAR_CONTEXT, prev_w) || has(MONTHS, prev_w)) {
            continue;
        }
        match unit {
            Some(u) => {
                if u.head != "%" {
                    if has(LIST_NOUNS, &u.head) && has(LIST_DETERMINERS, prev_w) {
                        continue;
                    }
                    if announces_list(t, u.end) || ratio_follows(t, u.end) {
                        continue;
                    }
                }
                let rule = match (u.head == "%", n.word, n.approx) {
                    (true, _, _) => "metric.percent",
                    (_, _, true) => "metric.approx",
                    (_, true, _) => "metric.words",
                    _ => "metric.count",
                };
                if u.head != "%" {
                    last = Some((u.text.clone(), u.end));
                }
                emit(out, n.start, u.end, n.value * u.factor, u.text, rule);
            }
            None if dont => {
                // `398 emplois dont 131 en insertion`: the part counts what the whole counts.
                let Some((unit, e)) = &last else { continue };
                let between = sl(t, *e, n.start);
                if between.len() > 160
                    || between.contains(". ")
                    || between.contains(';')
                    || between.contains("\n\n")
                {
                    continue;
                }
                let tail = t.get(n.end..).unwrap_or("").trim_start();
                if tail.starts_with(['€', '%'])
                    || tail.starts_with("M€")
                    || tail.starts_with("k€")
                    || tail.starts_with("euro")
                    || tail.starts_with("million")
                {
                    continue;
                }
                // `dont 131 en insertion`: the part's own complement qualifies the unit.
                let (unit, end) = match complement_at(t, skip_ws(t, n.end, true)) {
                    Some((c, q)) => (format!("{unit} {c}"), q),
                    None => (unit.clone(), n.end),
                };
                emit(out, n.start, end, n.value, unit, "metric.dont_part");
            }
            None => {}
        }
    }
}

/// A Markdown table whose header names what a column counts (`| Région | Lauréats phase 1 |`):
/// each whole number in that column is a metric with the header as its unit.
fn table_columns(t: &str, out: &mut Vec<Mention>) {
    if !t.contains("|---") && !t.contains("| ---") && !t.contains("|:--") {
        return;
    }
    let mut header: Vec<String> = Vec::new();
    let mut in_table = false;
    let mut offset = 0usize;
    let mut prev_line: Option<&str> = None;
    for line in t.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let l = line.trim();
        if !l.starts_with('|') {
            in_table = false;
            prev_line = None;
            continue;
        }
        let is_sep = l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '));
        if is_sep {
            if let Some(h) = prev_line {
                header = h
                    .trim()
                    .trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().to_string())
                    .collect();
                in_table = true;
            }
            continue;
        }
        prev_line = Some(line);
        if !in_table {
            continue;
        }
        // Data row: cells with their byte positions.
        let inner_start = line_start + line.find('|').unwrap_or(0) + 1;
        let mut pos = inner_start;
        for (col, cell) in sl(t, inner_start, line_start + line.len())
            .split('|')
            .enumerate()
        {
            let cs = pos;
            pos += cell.len() + 1;
            let trimmed = cell.trim();
            let Some(h) = header.get(col) else { break };
            if trimmed.is_empty() {
                continue;
            }
            let Some((v, n)) = parse_digits(trimmed) else {
                continue;
            };
            if n != trimmed.len() {
                continue;
            }
            let hf = fold(h);
            let percent = h.contains('%');
            if hf.is_empty()
                || (v.fract() != 0.0 && !percent)
                || hf.contains("annee")
                || hf.contains("date")
                || hf.contains("montant")
                || hf.contains("budget")
                || h.contains('€')
                || hf.starts_with("rang")
                || hf == "n"
                || hf == "no"
                || crate::fr::number::is_year_like(v, trimmed.len())
            {
                continue;
            }
            // `| Indicateur | Valeur |`: the row's label says what is counted
            let label = if col > 0 && is_value_header(&hf) {
                let first = sl(t, inner_start, line_start + line.len())
                    .split('|')
                    .next()
                    .unwrap_or("")
                    .trim();
                if first.is_empty() || parse_digits(first).is_some() {
                    continue;
                }
                first
            } else {
                h.as_str()
            };
            let unit = if percent {
                "%".to_string()
            } else {
                strip_count_word(label).to_lowercase()
            };
            let s = cs + cell.find(trimmed).unwrap_or(0);
            emit(out, s, s + trimmed.len(), v, unit, "metric.table_column");
        }
    }
}

/// Folded column headers that say a value, not what it counts (`Valeur`, `Nombre 2023`).
const VALUE_HEADERS: [&str; 9] = [
    "valeur", "valeurs", "nombre", "nb", "chiffre", "chiffres", "donnee", "donnees", "effectif",
];

fn is_value_header(folded: &str) -> bool {
    let mut words = folded.split(' ');
    words.next().is_some_and(|w| VALUE_HEADERS.contains(&w))
        && words.all(|w| w.chars().all(|c| c.is_ascii_digit()))
}

/// A column or indicator named `Nombre de X` / `Nb d'X` counts `X`.
fn strip_count_word(h: &str) -> &str {
    let low = h.to_lowercase();
    for p in [
        "nombre de ",
        "nombre d'",
        "nombre d’",
        "nb de ",
        "nb d'",
        "nb d’",
        "nb ",
    ] {
        if low.starts_with(p) {
            return h.get(p.len()..).unwrap_or(h).trim();
        }
    }
    h.trim()
}

/// An indicator and its target: `nombre d'événements labellisés (cible : 60 par an)`.
static TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bnombre\s+d(?:e\s+|'|’)([^()\n:;.]{3,60}?)\s*(?:\(\s*cible\s*:|:)\s*(\d[\d  ]*)",
    )
    .expect("a constant, tested regex")
});

/// A performance indicator names what it counts, then its figure or target
/// (`Nombre de participants : 180`).
fn indicator_target(t: &str, out: &mut Vec<Mention>) {
    if !t.contains("ombre d") {
        return;
    }
    for c in TARGET.captures_iter(t) {
        let (Some(u), Some(num)) = (c.get(1), c.get(2)) else {
            continue;
        };
        let Some((v, n)) = parse_digits(num.as_str()) else {
            continue;
        };
        emit(
            out,
            num.start(),
            num.start() + n,
            v,
            u.as_str().trim().to_lowercase(),
            "metric.indicator_target",
        );
    }
}

impl Extractor for Metrics {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        let t = doc.text;
        counts(t, out);
        table_columns(t, out);
        indicator_target(t, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics(t: &str) -> Vec<(f64, String)> {
        let mut out = Vec::new();
        Metrics.extract(&Doc { id: "t", text: t }, &mut out);
        out.sort_by_key(|m| m.start);
        out.into_iter()
            .map(|m| {
                let Value::Metric { value, unit } = m.value else {
                    unreachable!()
                };
                (value, unit)
            })
            .collect()
    }

    fn check(t: &str, want: &[(f64, &str)]) {
        let got = metrics(t);
        let want: Vec<(f64, String)> = want.iter().map(|(v, u)| (*v, u.to_string())).collect();
        assert_eq!(got, want, "{t}");
    }

    #[test]
    fn fast_fold_agrees() {
        for w in [
            "Établissements",
            "événements",
            "m²",
            "d’emplois",
            "Œuvre",
            "PTCE",
            " à la  retraite ",
        ] {
            assert_eq!(fold(w), fold::fold(w), "{w}");
        }
    }

    #[test]
    fn tables_sorted() {
        for t in [
            CLAUSE_BREAKS,
            FRACTIONS,
            DURATIONS,
            STRUCTURAL,
            MONEY,
            NON_DEFINING,
            STOPWORDS,
            MONTHS,
            STREETS,
            ID_WORDS,
            YEAR_CONTEXT,
            PRE_ADJECTIVES,
            ORDINAL_ADJECTIVES,
            INVARIANT_UNITS,
            COMPLEMENTS,
        ] {
            for w in t.windows(2) {
                assert!(w[0] < w[1], "{} !< {}", w[0], w[1]);
            }
        }
    }

    #[test]
    fn positives() {
        check("117 dossiers pour un montant total de 4,5 M€ générant 398 emplois dont 131 en insertion.",
            &[(117.0, "dossiers"), (398.0, "emplois"), (131.0, "emplois en insertion")]);
        check(" 1 229 800 habitants", &[(1229800.0, "habitants")]);
        check("près de 11% des emplois", &[(11.0, "%")]);
        check(
            "augmentait de +3,6% en Rhône-Alpes alors que l’emploi total baissait (-0,8%).",
            &[(3.6, "%"), (-0.8, "%")],
        );
        check(
            "Hôtel d’activités ARTIS (8000 m2 occupés",
            &[(8000.0, "m2")],
        );
        check("8 000 m² de bureaux", &[(8000.0, "m²")]);
        check(
            "6ème région européenne / 6 millions d’habitants",
            &[(6e6, "habitants")],
        );
        check(
            "Depuis 2003, soixante deux projets collectifs ont reçu",
            &[(62.0, "projets collectifs")],
        );
        check(
            "composé de vingt trois membres se réunit",
            &[(23.0, "membres")],
        );
        check(
            "auprès d'une centaine de partenaires associés",
            &[(100.0, "partenaires associés")],
        );
        check(
            "24 000 établissements employeurs (associations",
            &[(24000.0, "établissements employeurs")],
        );
        check(
            "une zone d'activité dédiée à l'ESS de 2 hectares, autour",
            &[(2.0, "hectares")],
        );
        check(
            "25 groupes de travail appelés « chantiers »",
            &[(25.0, "groupes de travail")],
        );
        check(
            "Deux chargé de mission dont un à mi-temps, s'occupent",
            &[
                (2.0, "chargé de mission"),
                (1.0, "chargé de mission à mi-temps"),
            ],
        );
        check(
            "le plus grand nombre de PTCE labellisés par l’Etat (3 PTCE dont le fer de lance",
            &[(3.0, "PTCE")],
        );
        check("1875 établissements soit 10% des entreprises du territoire et 1 emploi sur 10 soit 20000 emplois.",
            &[(1875.0, "établissements"), (10.0, "%"), (20000.0, "emplois")]);
        check("avec 500 emplois sur les 3 sites) dont deux gérés par la SCIC La Pousada et 1 association de co locataires.",
            &[(500.0, "emplois"), (3.0, "sites"), (2.0, "sites"), (1.0, "association")]);
        check(
            "destinée à financer une quinzaine de pôles supplémentaires.",
            &[(15.0, "pôles")],
        );
        check(" 7 rue Fantin Latour BP 1096 \n 1 229 800 habitants\nBudget 2014 consacré à l’ESS : 268 000 €", &[(1229800.0, "habitants")]);
        check("Plus de 200 événements ont été organisés dans les outre-mer en novembre 2024, dont plus de 90 à Mayotte : portes ouvertes",
            &[(200.0, "événements"), (90.0, "événements")]);
        check("Déployer le Mois de l'ESS dans les quatre intercommunalités\nPilote : CRESS de Guyane.", &[(4.0, "intercommunalités")]);
        check(
            "d’une quarantaine de projets ESS chaque année",
            &[(40.0, "projets")],
        );
        check("a retenu neuf\nprojets. L'enveloppe", &[(9.0, "projets")]);
        check(
            "création de deux postes en\ninsertion Investissement",
            &[(2.0, "postes en insertion")],
        );
        check(
            "216 associations, deux mutuelles et une coopérative.",
            &[
                (216.0, "associations"),
                (2.0, "mutuelles"),
                (1.0, "coopérative"),
            ],
        );
        check(
            "l'ouverture de deux nouvelles ressourceries.",
            &[(2.0, "ressourceries")],
        );
        check(
            "Plus de 200 événements ont été organisés, dont plus de 90 à Mayotte",
            &[(200.0, "événements"), (90.0, "événements")],
        );
        check(
            "les études montrent que 600 000\ndéparts à la retraite sont à anticiper",
            &[(600000.0, "départs à la retraite")],
        );
        check(
            "Enfin, trois comités techniques seront mis en place",
            &[(3.0, "comités techniques")],
        );
        check(
            "resserré autour une vingtaine d'actions afin de gagner",
            &[(20.0, "actions")],
        );
        check(
            "une vingtaine de mesures sont envisagées",
            &[(20.0, "mesures")],
        );
        check(
            "dans les six départements de la région.",
            &[(6.0, "départements")],
        );
        check(
            "Indicateur : nombre d'événements labellisés (cible : 60 par an).",
            &[(60.0, "événements labellisés")],
        );
        check(
            "Il associe 16 collectivités infra régionales porteuses",
            &[(16.0, "collectivités")],
        );
        check(
            "800 000 visites uniques en 2013",
            &[(800000.0, "visites uniques")],
        );
        check("Avec 1 922 établissements employeurs et 26 392 salariés, l'ESS pèse 11,1 % de l'emploi",
            &[(1922.0, "établissements employeurs"), (26392.0, "salariés"), (11.1, "%")]);
    }

    #[test]
    fn more_positives() {
        check("plus d'un million de visiteurs", &[(1e6, "visiteurs")]);
        check("près de 1,2 million d’habitants", &[(1.2e6, "habitants")]);
        check("Nombre de participants : 180.", &[(180.0, "participants")]);
        check("soit 12 ETP et 3,5 ETP", &[(12.0, "ETP"), (3.5, "ETP")]);
        check(
            "- 2 Chargées de mission économie sociale",
            &[(2.0, "chargées de mission")],
        );
        check("soit 2000 emplois", &[(2000.0, "emplois")]);
        check("plus de 1 000 bénévoles", &[(1000.0, "bénévoles")]);
        check("cinquante pour cent des", &[(50.0, "%")]);
    }

    #[test]
    fn general_usage() {
        check(
            "La commune compte 12 500 habitants et 3 écoles.",
            &[(12500.0, "habitants"), (3.0, "écoles")],
        );
        check(
            "Le dispositif a permis de créer 45 emplois, dont 12 CDI.",
            &[(45.0, "emplois"), (12.0, "CDI")],
        );
        check("30 millions de voyageurs", &[(3e7, "voyageurs")]);
        check("une trentaine d'associations", &[(30.0, "associations")]);
        check("Au total, trois cents bénévoles", &[(300.0, "bénévoles")]);
        check(
            "Cette opération concerne 2 000 ménages et 1 500 logements.",
            &[(2000.0, "ménages"), (1500.0, "logements")],
        );
        check(
            "le taux de chômage est de 7,2 % contre 8,1 % en 2020",
            &[(7.2, "%"), (8.1, "%")],
        );
    }

    #[test]
    fn ratio_and_participles() {
        check(
            "représentant 15 % de l'emploi, soit 1 salarié sur 7",
            &[(15.0, "%")],
        );
        check(
            "Le réseau regroupe 80 structures adhérentes réparties sur 5 départements.",
            &[
                (80.0, "structures adhérentes réparties"),
                (5.0, "départements"),
            ],
        );
        check("organise 4 à 5 rencontres par an", &[(5.0, "rencontres")]);
        check("adoptée à l'unanimité par 45 voix pour.", &[]);
    }

    #[test]
    fn table() {
        let t = "| Région | Lauréats phase 1 | PTCE financés en phase 2 |\n|---|---|---|\n| Bretagne | 9 | 1 |\n| Corse | 1 | – |\n";
        check(
            t,
            &[
                (9.0, "lauréats phase 1"),
                (1.0, "ptce financés en phase 2"),
                (1.0, "lauréats phase 1"),
            ],
        );
        // a `Valeur` column takes the row's label as its unit
        let t = "| Indicateur | Valeur |\n|---|---|\n| Établissements employeurs | 22 500 |\n| Salariés | 230 000 |\n| Part de l'emploi privé | 12,6 % |\n";
        check(
            t,
            &[
                (22500.0, "établissements employeurs"),
                (230000.0, "salariés"),
                (12.6, "%"),
            ],
        );
    }

    #[test]
    fn negatives() {
        for t in [
            "en 2015, le plan",
            "Il s’appuie sur 3 axes de développement :",
            "3 grandes orientations:\n- Renforcer",
            "4 questions évaluatives ont été retenues :",
            "Les 22 actions du plan se répartissent en quatre axes :",
            "fixe trois orientations, déclinées en neuf actions et deux fiches transversales.",
            "6ème région européenne",
            "Co-organisation de la 2eme journée régionale",
            "le 1er Vice-président",
            "Article 2 : feuille de route",
            "Action n°4 – Lancer",
            "Page 2 / 5",
            "Fait à Orléans, le 6 mai 2024, en deux exemplaires originaux.",
            "Membres en exercice : 21 – Membres présents : 16 – Membres représentés : 3",
            "Conseillers en exercice : 105 – Présents : 81 – Votants : 96",
            "7 rue Fantin Latour BP 1096",
            "16 rue Rosa Parks – CS 52700 – 14027 Caen cedex 9",
            "04 76 00 64 35",
            "le vingt-huit mars à 18 heures, le Conseil",
            "depuis 10 ans. En effet",
            "pour une durée de trois ans couvrant",
            "Il se réunira au moins deux fois par an.",
            "un délai de vingt-quatre mois pour achever",
            "avec deux structures d'ESS sur le territoire : la Plate-forme d'Initiatives Locales",
            "Les deux premiers contrats ont permis",
            "sur les 10 prochaines années",
            "un des premiers Conseils généraux",
            "Il sera assisté d’une Assemblée des territoires",
            "Date limite de dépôt | 31 janvier 2023, 12 h |",
            "L'an deux mille vingt-quatre, le vingt-huit mars",
            "La Coop 5 pour 100 Caen Extension",
            "de 14 h à 16 h 30",
            "en 2013 : 1200",
            "chapitre 939 « Action économique ».",
            "un montant de 34 M€",
            "de 1 000\n000 euros",
            "les deux champs prioritaires ;",
            "Un dispositif en deux phases",
            "autour des deux axes suivants :",
            "un montant de 1,5 M€",
            "4 Actions prioritaires\nLe plan",
            "38000 Grenoble",
            "les 10 engagements de la charte",
            "un seul dossier",
            "deux tiers des salariés",
            "Vu les articles 3 et 4,",
            "3 Rue de la Paix",
            "Site : 69 000 Lyon",
            "page 12 sur 40",
            "Il faut 2 à 3 semaines.",
            "Tél. : 01 42 75 80 00 – SIRET 123 456 789 00012",
            "Délibération 2024-03-12 adoptée",
            "Décret n° 2015-1234 du 12 octobre 2015",
        ] {
            assert!(metrics(t).is_empty(), "{t}: {:?}", metrics(t));
        }
    }
}
