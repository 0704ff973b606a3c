//! Amount links: who funds a sum, for which year or period, for which programme.
//!
//! Each sum is read in its sentence: the clause before it (from the previous sum of the
//! sentence) and the clause after it (to the next sum). Explicit statements win
//! (`versés par la Métropole`, `CACL : 160 000 €`, `participation de l'État … fixée à`,
//! `la Région attribue …`); then what the sum inherits from the total it is part of, the
//! list it is an item of, the article or heading it stands under; then the body the
//! document is about.
use std::sync::LazyLock;

use regex::Regex;

use super::context::{Context, HeadingKind, Span};
use super::local::{Link, Relation, Target};
use crate::extract::{BodyKind, Mention, Value};

/// How many bytes of the clause after a sum may separate it from its funder.
const AGENT_GAP: usize = 90;

/// A sum nobody pays: a ceiling or threshold (`plafonnée à`, `jusqu'à`).
const CEILINGS: &[&str] = &[
    "jusqu'à",
    "jusqu’à",
    "plafonnée à",
    "plafonné à",
    "plafonnées à",
    "plafonnés à",
    "plafonne à",
    "plafond de",
    "dans la limite de",
    "pouvant atteindre",
    "pouvant aller jusqu",
    "au plus",
    "au maximum",
    "maximum de",
    "inférieur ou égal à",
    "inférieur à",
    "supérieur ou égal à",
    "supérieur à",
    "au-delà de",
    "à concurrence de",
    "n'excédant pas",
    "n’excédant pas",
    "minimum de",
    "au moins",
];

/// Sums of third parties: wages, turnover (`verse … 661 millions d'euros de salaires`).
const THIRD_PARTY: &[&str] = &[
    "salaire",
    "masse salariale",
    "rémunération",
    "chiffre d'affaires",
    "chiffre d’affaires",
    "chiffres d'affaires",
];

/// A sum paid by several bodies together, or shared out (`à parts égales`).
const SHARED: &[&str] = &[
    "à parts égales",
    "cofinancé",
    "co-financé",
    "plusieurs partenaires",
    "en comptant",
    "l'ensemble des financeurs",
];

/// Estimates and costs whose payer the sentence does not say: no implicit funder.
const UNPAID: &[&str] = &["estimé", "coût", "cout total", "chiffré"];

/// Nouns of money that a body budgets: with no other funder, the document's subject's.
const BUDGET_NOUNS: &[&str] = &[
    "budget",
    "montant",
    "enveloppe",
    "crédits",
    "moyens",
    "dotation",
    "subvention",
    "consacré",
];

/// After a sum, the plan or contract period (`sur la durée de la convention`, `au total`).
const PLAN_SPAN: &[&str] = &[
    "sur la durée",
    "pour la durée",
    "sur la période",
    "au total",
    "sur cinq ans",
    "sur quatre ans",
    "sur trois ans",
    "sur six ans",
    "du plan",
    "de la stratégie",
    "de la convention",
    "du contrat",
    "de la feuille de route",
];

/// A yearly sum, taking the plan's period when no period is said (`… par an`).
const YEARLY: &[&str] = &["par an", "par année", "annuel", "chaque année", "/an"];

// Funding verbs whose subject gives the money: `la Région attribue`, `l'ADEC a engagé`,
// `la Région soutient l'opération à hauteur de` (soutenir in its active forms only: `est
// soutenu par` has the beneficiary for subject).
static FUNDING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:attribu|allou|vers|financ|mobilis|consacr|apport|engag|investi|",
        r"accord|octroi|dot|contribu|particip|affect|débloqu|inscri|subventionn|prévoi|",
        r"réserv|abond)(?:e|ent|é|ée|és|ées|era|eront|ait|aient|ons|ez|it|t|ts|te|tes|ra|ront|ssent|ssant|nt)?",
        r"|soutien(?:t|nent|dra|dront)|soutenai(?:t|ent))",
        r"(?-u:\b)"
    ))
    .expect("re")
});
// Before a body, a funding noun and `de`: `participation de la Caisse des Dépôts`.
static NOUN_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:participation|contribution|subvention|dotation|enveloppe|budget|crédits|",
        r"financement|apport|engagement|aide|fonds propres)s?",
        r"(?:\s+[\p{L}\d’'-]+){0,3}?\s+(?:de|du|des)\s+(?:(?:la|le|les)\s+|l['’]\s*)?$"
    ))
    .expect("re")
});
// After a sum, the one who pays: `versés par la Métropole`, `pour la Région`, `(État)`.
static AGENT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:(?:^|\s)(?:par|pour)\s+(?:(?:la|le|les)\s+|l['’]\s*)?",
        r"|(?:crédits|budget[^,;:]*?|dotation|fonds propres)\s+(?:de|du|des)\s+(?:(?:la|le|les)\s+|l['’]\s*)?",
        r"|^[^()]*?\(\s*)$"
    ))
    .expect("re")
});
// In the clause after a sum, an agent that is not a body mention: `par la CTG`.
static EARLIER_AGENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?:par|pour)\s+(?:(?:la|le|les)\s+|l['’]\s*)?\p{Lu}").expect("re")
});
// An adjective naming the kind of body that pays: `subvention régionale`, `Budget métropolitain`.
static KIND_ADJECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:participation|contribution|subvention|dotation|enveloppe|budget|crédits|",
        r"financement|apport|aide|engagement)s?(?:\s+\p{L}+)?\s+",
        r"(régional|départemental|métropolitain|communautaire|intercommunal|municipal|communal|",
        r"de\s+l['’]\s*[ÉE]tat)"
    ))
    .expect("re")
});
// A heading that names a body's share: `Article 3 : Participation de la Région Rhône-Alpes`.
static SHARE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)participation|contribution|engagement|financement|apport|budget|subvention")
        .expect("re")
});
// A deliberation's decision to grant: `Article 1 : d'attribuer … les subventions suivantes`.
static GRANT_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s|d['’])(?:attribuer|accorder|allouer|octroyer|verser|décide)")
        .expect("re")
});
// Words allowed between a verb's subject and the verb: auxiliaries and adverbs.
const AUX: &[&str] = &[
    "a",
    "ont",
    "avait",
    "avaient",
    "aura",
    "auront",
    "va",
    "vont",
    "doit",
    "doivent",
    "prévoit",
    "prévoient",
    "de",
    "d",
    "s",
    "se",
    "en",
    "outre",
    "également",
    "aussi",
    "ainsi",
    "notamment",
    "déjà",
    "y",
    "lui",
    "leur",
    "n",
    "ne",
    "qui",
    "elle-même",
    "lui-même",
    "chaque",
    "année",
    "annuellement",
];

/// One date or period mention, as a period.
#[derive(Clone, Debug)]
struct When {
    start: usize,
    end: usize,
    period: (String, String),
    is_period: bool,
}

/// What the rules know about one document.
struct Doc<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    ctx: Context,
    subject: Option<usize>,
    /// (start, end, index) of the mention families, sorted by start.
    bodies: Vec<(usize, usize, usize)>,
    amounts: Vec<(usize, usize, usize)>,
    programmes: Vec<(usize, usize, usize)>,
    whens: Vec<When>,
    /// The period of the plan or contract the document is.
    plan: Option<(String, String)>,
    /// The year of a deliberation's session (`Séance du jeudi 14 mars 2024`).
    session: Option<(String, String)>,
}

/// The year part of an ISO date: `2014-06-18` → `2014`.
fn year(iso: &str) -> String {
    iso.get(..4).unwrap_or(iso).to_string()
}

/// A byte offset moved back onto a char boundary.
fn floor(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn slice(text: &str, s: usize, e: usize) -> &str {
    let (s, e) = (floor(text, s), floor(text, e));
    text.get(s..e.max(s)).unwrap_or("")
}

fn contains_any(hay: &str, needles: &[&str]) -> bool {
    let low = hay.to_lowercase();
    needles.iter().any(|n| low.contains(n))
}

/// Items of `v` (sorted by start) that start in `[s, e)`.
fn within<T>(v: &[T], key: impl Fn(&T) -> usize, s: usize, e: usize) -> &[T] {
    let a = v.partition_point(|x| key(x) < s);
    let b = v.partition_point(|x| key(x) < e);
    v.get(a..b.max(a)).unwrap_or(&[])
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, mentions: &'a [Mention], subject: Option<usize>) -> Doc<'a> {
        let mut bodies = Vec::new();
        let mut amounts = Vec::new();
        let mut programmes = Vec::new();
        let mut whens = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            let span = (m.start, m.end, i);
            match &m.value {
                Value::Body(_) => bodies.push(span),
                Value::Amount { .. } => amounts.push(span),
                Value::Programme { .. } => programmes.push(span),
                Value::Date { iso, .. } => whens.push(When {
                    start: m.start,
                    end: m.end,
                    period: (year(iso), year(iso)),
                    is_period: false,
                }),
                Value::Period { start, end } => whens.push(When {
                    start: m.start,
                    end: m.end,
                    period: (year(start), year(end)),
                    is_period: true,
                }),
                _ => {}
            }
        }
        bodies.sort_unstable();
        amounts.sort_unstable();
        programmes.sort_unstable();
        whens.sort_by_key(|w| (w.start, w.end));
        let ctx = Context::new(text);
        let plan = plan_period(text, &ctx, &whens);
        let session = session_year(text, &ctx, &whens);
        Doc {
            text,
            mentions,
            ctx,
            subject,
            bodies,
            amounts,
            programmes,
            whens,
            plan,
            session,
        }
    }

    fn kind_of(&self, i: usize) -> Option<BodyKind> {
        match &self.mentions.get(i)?.value {
            Value::Body(b) => Some(b.kind),
            _ => None,
        }
    }

    fn canonical(&self, i: usize) -> Option<&str> {
        match &self.mentions.get(i)?.value {
            Value::Body(b) => Some(b.canonical.as_deref().unwrap_or(&b.name)),
            _ => None,
        }
    }

    /// The body of a kind that the document mentions most (`budget régional` → the Région).
    fn body_of_kind(&self, kind: BodyKind) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None; // (count, first index)
        let mut counts: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
        for &(_, _, i) in &self.bodies {
            if self.kind_of(i) == Some(kind) {
                if let Some(c) = self.canonical(i) {
                    let e = counts.entry(c).or_insert((0, i));
                    e.0 += 1;
                }
            }
        }
        for &(n, i) in counts.values() {
            if best.is_none_or(|(bn, _)| n > bn) {
                best = Some((n, i));
            }
        }
        // prefer the subject when it is of that kind
        if let Some(s) = self.subject.filter(|&s| self.kind_of(s) == Some(kind)) {
            return Some(s);
        }
        best.map(|(_, i)| i)
    }
}

/// The period of the plan or contract the document is: a period in its title block
/// (`Plan ESS 2022-2026`, `CONVENTION … 2024-2026`), else one right after a plan word.
fn plan_period(text: &str, ctx: &Context, whens: &[When]) -> Option<(String, String)> {
    let title_end = title_end(text, ctx);
    if let Some(w) = whens
        .iter()
        .take_while(|w| w.start < title_end)
        .find(|w| w.is_period)
    {
        return Some(w.period.clone());
    }
    const PLAN_WORDS: &[&str] = &[
        "plan",
        "contrat",
        "convention",
        "stratégie",
        "feuille de route",
        "schéma",
        "programme",
        "pacte",
    ];
    whens
        .iter()
        .filter(|w| w.is_period)
        .find(|w| {
            let before = slice(text, w.start.saturating_sub(60), w.start);
            contains_any(before, PLAN_WORDS)
        })
        .map(|w| w.period.clone())
}

/// End of the title block: its first eight non-blank lines.
fn title_end(text: &str, ctx: &Context) -> usize {
    ctx.lines
        .iter()
        .filter(|&&(s, e)| !slice(text, s, e).trim().is_empty())
        .nth(7)
        .map_or(text.len(), |l| l.1)
}

/// The year of a deliberation's session: the first date of a title block that says
/// `délibération` or `séance`.
fn session_year(text: &str, ctx: &Context, whens: &[When]) -> Option<(String, String)> {
    let end = title_end(text, ctx);
    let title = slice(text, 0, end).to_lowercase();
    if !(title.contains("délibération") || title.contains("séance")) {
        return None;
    }
    whens
        .iter()
        .take_while(|w| w.start < end)
        .find(|w| !w.is_period)
        .map(|w| w.period.clone())
}

/// What was decided for one sum, kept so that parts and list items can inherit it.
#[derive(Clone, Debug, Default)]
struct Found {
    funder: Option<(Target, &'static str)>,
    /// True when a rule said the sum has no single funder (shared, ceiling, third party).
    no_funder: bool,
    when: Option<((String, String), &'static str)>,
}

/// How far, in bytes, a sum's sentence may reach on either side of it.
const SENTENCE_REACH: usize = 600;

/// The char boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or after `i`.
fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Pushes the funder, when and programme links of every amount mention.
pub fn link(text: &str, mentions: &[Mention], subject: Option<usize>, out: &mut Vec<Link>) {
    let doc = Doc::new(text, mentions, subject);
    let mut found: Vec<Found> = Vec::with_capacity(doc.amounts.len());
    for k in 0..doc.amounts.len() {
        let Some(&(s, e, idx)) = doc.amounts.get(k) else {
            continue;
        };
        // A sum is read within its sentence, but never more than a few lines around it: a
        // text without full stops (a table, a one-megabyte line) must stay linear.
        let whole = doc.ctx.sentence_at(s);
        let sentence = (
            whole
                .0
                .max(floor_char(text, s.saturating_sub(SENTENCE_REACH))),
            whole.1.min(ceil_char(text, e + SENTENCE_REACH)),
        );
        // the previous and next sums of the sentence bound this sum's clauses
        let prev = k
            .checked_sub(1)
            .and_then(|p| doc.amounts.get(p).map(|a| (p, *a)))
            .filter(|(_, a)| a.0 >= sentence.0);
        let next = doc.amounts.get(k + 1).filter(|a| a.0 < sentence.1);
        let left = (prev.map_or(sentence.0, |(_, a)| a.1), s);
        let right = (e, next.map_or(sentence.1, |a| a.0).max(e));
        let f = decide(
            &doc,
            &found,
            k,
            (s, e),
            sentence,
            prev.map(|p| p.0),
            left,
            right,
        );
        if let Some((to, rule)) = &f.funder {
            out.push(Link {
                from: idx,
                relation: Relation::Funder,
                to: to.clone(),
                evidence: sentence,
                rule,
            });
        }
        if let Some(((start, end), rule)) = &f.when {
            out.push(Link {
                from: idx,
                relation: Relation::When,
                to: Target::Period {
                    start: start.clone(),
                    end: end.clone(),
                },
                evidence: sentence,
                rule,
            });
        }
        if let Some(p) = programme(&doc, sentence, s) {
            out.push(Link {
                from: idx,
                relation: Relation::Programme,
                to: Target::Programme(p),
                evidence: sentence,
                rule: "link.programme_in_sentence",
            });
        }
        found.push(f);
    }
}

#[allow(clippy::too_many_arguments)]
fn decide(
    doc: &Doc,
    found: &[Found],
    k: usize,
    (s, e): Span,
    sentence: Span,
    prev: Option<usize>,
    left: Span,
    right: Span,
) -> Found {
    let mut f = Found::default();
    let (funder, no_funder) = funder(doc, found, (s, e), sentence, prev, left, right);
    f.funder = funder;
    f.no_funder = no_funder;
    f.when = when(doc, found, k, (s, e), sentence, prev, left, right);
    f
}

/// The funder of one sum, and whether a rule found it has none.
#[allow(clippy::type_complexity)]
fn funder(
    doc: &Doc,
    found: &[Found],
    (s, _e): Span,
    sentence: Span,
    prev: Option<usize>,
    left: Span,
    right: Span,
) -> (Option<(Target, &'static str)>, bool) {
    let text = doc.text;
    let left_text = slice(text, left.0, left.1);

    let near_left = slice(text, s.saturating_sub(40).max(left.0), s);
    let near_right = slice(text, right.0, (right.0 + 40).min(right.1));
    // A ceiling or threshold nobody pays: `plafonnée à 100 000 € par bénéficiaire`.
    if contains_any(near_left, CEILINGS) {
        return (None, true);
    }
    // Wages or turnover of third parties.
    if contains_any(near_left, THIRD_PARTY) || contains_any(near_right, THIRD_PARTY) {
        return (None, true);
    }
    // After the sum, the one who pays it: `versés par la Métropole`, `pour l'État`, `(CTG)`.
    if let Some(r) = agent_after(doc, right) {
        return r;
    }
    // A sum several bodies pay together.
    if contains_any(left_text, SHARED) || contains_any(near_right, SHARED) {
        return (None, true);
    }
    // Before the sum, a label or a funding noun that names a body.
    if let Some(b) = label_before(doc, left) {
        return (Some((Target::Body(b), "link.funder_label")), false);
    }
    // `subvention régionale de 1,5 M€`, `Budget métropolitain : 45 000 €`.
    let adjective_zone = slice(text, left.0, (right.0 + 40).min(right.1));
    if let Some(b) = kind_adjective(doc, adjective_zone) {
        return (Some((Target::Body(b), "link.funder_adjective")), false);
    }
    // The subject of a funding verb before the sum: `la Région attribue … 585 000 €`.
    if let Some(b) = verb_subject(doc, (sentence.0, s)) {
        return (Some((Target::Body(b), "link.funder_verb_subject")), false);
    }
    // A part of a total (`34 M€ …, dont 7,6 M€`), or a sum that continues the one before
    // (`150 000 € versés par la Métropole en 2023, complétés par 100 000 € en 2025`), has
    // the previous sum's single funder.
    // A sum with its own label (`Ville de Cayenne : 110 000 € ; CTG : 80 000 €`) does not.
    let between = prev
        .and_then(|p| doc.amounts.get(p))
        .map_or("", |a| slice(text, a.1, s));
    if !between.contains([';', ':']) {
        if let Some((t, _)) = prev
            .and_then(|p| found.get(p))
            .and_then(|f| f.funder.as_ref())
        {
            return (Some((t.clone(), "link.funder_part_of_total")), false);
        }
    }
    // A list item or table row has the funder of the sentence that announces the list.
    if let Some(intro) = doc.ctx.list_intro(text, s) {
        let in_intro = within(&doc.amounts, |a| a.0, intro.0, intro.1);
        let last = in_intro
            .last()
            .and_then(|a| doc.amounts.binary_search(a).ok());
        if let Some(t) = last
            .and_then(|p| found.get(p))
            .and_then(|f| f.funder.clone())
        {
            return (Some((t.0, "link.funder_list_intro")), false);
        }
        if let Some(b) = verb_subject(doc, intro) {
            return (Some((Target::Body(b), "link.funder_list_intro")), false);
        }
    }
    let estimate = contains_any(left_text, UNPAID) || contains_any(near_right, UNPAID);
    // The heading it stands under: `4.1 Participation de l'État`.
    if let Some(r) = heading_funder(doc, sentence.0) {
        return (Some(r), false);
    }
    let Some(_) = doc.subject else {
        return (None, false);
    };
    if estimate {
        return (None, false);
    }
    // A deliberation's article granting subsidies: the deliberating body pays.
    if let Some(article) = doc.ctx.article_at(s, text.len()) {
        let head = slice(text, article.0, doc.ctx.line_at(article.0).1);
        if GRANT_DECISION.is_match(head) {
            return (Some((Target::Subject, "link.funder_deliberation")), false);
        }
    }
    // The budget or envelope of the body the document is about.
    let line = doc.ctx.line_at(s);
    let label = slice(text, line.0.max(sentence.0), s);
    if contains_any(left_text, BUDGET_NOUNS) || contains_any(label, BUDGET_NOUNS) {
        return (Some((Target::Subject, "link.funder_subject_budget")), false);
    }
    (None, false)
}

/// `par <Body>`, `pour <Body>`, `de crédits de <Body>`, `(<Body>)` in the clause after a sum;
/// several bodies named together pay it together.
#[allow(clippy::type_complexity)]
fn agent_after(doc: &Doc, right: Span) -> Option<(Option<(Target, &'static str)>, bool)> {
    let text = doc.text;
    let limit = (right.0 + AGENT_GAP).min(right.1);
    let &(bs, be, b) = within(&doc.bodies, |x| x.0, right.0, limit).first()?;
    let gap = slice(text, right.0, bs);
    if gap.contains(';') || gap.contains(':') {
        return None;
    }
    let m = AGENT_AFTER.find(gap)?;
    // `au fonds de garantie géré par France Active`: who runs the fund, not who pays
    let last_word = gap
        .get(..m.start())
        .unwrap_or("")
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    if RUN_BY.iter().any(|p| last_word.starts_with(p)) {
        return None;
    }
    // an earlier agent the extraction did not see as a body: `versée par la CTG …, par Bpifrance`
    if EARLIER_AGENT.is_match(gap.get(..m.start()).unwrap_or("")) {
        return None;
    }
    // `(CACL : 160 000 € ; …)`: the body labels the next sum
    if slice(text, be, right.1).trim_start().starts_with(':') {
        return None;
    }
    // `(État, Banque des Territoires)`, `par l'État et la CTG`: several payers.
    let after = slice(text, be, (be + 12).min(right.1));
    let more = within(&doc.bodies, |x| x.0, be, (be + 12).min(right.1));
    let joined = after.trim_start().starts_with(',') || after.trim_start().starts_with("et ");
    if joined && !more.is_empty() {
        return Some((None, true));
    }
    Some((Some((Target::Body(b), "link.funder_agent_after")), false))
}

/// Participles before `par` that name who runs a fund or a scheme, not who pays into it
/// (`géré par`, `porté par`, `animé par`, `piloté par`, `opéré par`, `administré par`).
const RUN_BY: &[&str] = &["géré", "porté", "animé", "piloté", "opéré", "administré"];

/// A body before the sum that labels it: `CACL : 160 000 €`, `Enveloppe 2022 de l'État : …`,
/// `la Banque des Territoires, à hauteur de 95 000 €`, `participation de l'État … fixé à`,
/// `doté par la Région d'un million d'euros`.
fn label_before(doc: &Doc, left: Span) -> Option<usize> {
    let text = doc.text;
    static LABEL_GAP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)^\s*(?:\([^()]{0,40}\))?\s*(?:,[^,:;]{0,40})?:\s*$",
            r"|^\s*(?:\([^()]{0,40}\))?\s*,?\s*(?:à hauteur|pour un montant)\s+(?:de|d['’])\s*$",
            // `le soutien de la collectivité (enveloppe budgétaire annuelle de 300 000€)`
            r"|^\s*\(\s*(?:enveloppe|budget|dotation|crédits|montant|subvention)[^()]{0,50}(?:de|d['’]|:)\s*$"
        ))
        .expect("re")
    });
    static BY_OF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*(?:de|d['’])\s*$").expect("re"));
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|\s)par\s+(?:(?:la|le|les)\s+|l['’]\s*)?$").expect("re")
    });
    let bodies = within(&doc.bodies, |x| x.0, left.0, left.1);
    if let Some(&(bs, be, b)) = bodies.last() {
        let gap = slice(text, be, left.1);
        if LABEL_GAP.is_match(gap) {
            return Some(b);
        }
        if BY_OF.is_match(gap) && BY.is_match(slice(text, left.0.max(bs.saturating_sub(12)), bs)) {
            return Some(b);
        }
    }
    // `participation de la Caisse des Dépôts … est fixé à`: the last such body of the clause
    bodies.iter().rev().find_map(|&(bs, _, b)| {
        let before = slice(text, bs.saturating_sub(80).max(left.0), bs);
        NOUN_OF.is_match(before).then_some(b)
    })
}

fn kind_adjective(doc: &Doc, zone: &str) -> Option<usize> {
    let c = KIND_ADJECTIVE.captures(zone)?;
    let adj = c.get(1)?.as_str().to_lowercase();
    let kind = if adj.starts_with("région") {
        BodyKind::Region
    } else if adj.starts_with("départ") {
        BodyKind::Departement
    } else if adj.starts_with("municip") || adj.starts_with("commun") && !adj.contains("communaut")
    {
        BodyKind::Commune
    } else if adj.starts_with("de") {
        BodyKind::Etat
    } else {
        BodyKind::Epci
    };
    doc.body_of_kind(kind)
}

/// The body that is the subject of the last funding verb in `zone`.
fn verb_subject(doc: &Doc, zone: Span) -> Option<usize> {
    let text = doc.text;
    let z = slice(text, zone.0, zone.1);
    for m in FUNDING_VERB
        .find_iter(z)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let verb = zone.0 + m.start();
        let sentence_start = zone.0;
        for &(_, be, b) in within(&doc.bodies, |x| x.0, sentence_start, verb)
            .iter()
            .rev()
        {
            if be > verb {
                continue;
            }
            if subject_gap(slice(text, be, verb)) {
                return Some(b);
            }
        }
    }
    None
}

/// Only auxiliaries, adverbs, a parenthesis or an apposition between a subject and its
/// verb: `l'ADEC a engagé`, `L'Agence … (ADEC), agence de la collectivité …, a engagé`.
fn subject_gap(gap: &str) -> bool {
    let mut g = gap.trim_start();
    if let Some(rest) = g.strip_prefix(')') {
        g = rest;
    }
    let g = g.trim();
    let g = if let Some(rest) = g.strip_prefix('(') {
        rest.split_once(')').map_or("", |(_, r)| r).trim()
    } else {
        g
    };
    let g = match g.strip_prefix(',') {
        Some(rest) => match rest.rsplit_once(',') {
            Some((_, after)) => after,
            None => return false,
        },
        None => g,
    };
    g.split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
        .filter(|w| !w.is_empty())
        .all(|w| AUX.contains(&w.to_lowercase().as_str()))
}

/// A section or article heading above that names a body's share.
fn heading_funder(doc: &Doc, pos: usize) -> Option<(Target, &'static str)> {
    let h = doc
        .ctx
        .headings_before(pos)
        .find(|h| h.kind != HeadingKind::Title && h.span.0 < pos)?;
    let head = slice(doc.text, h.span.0, h.span.1);
    if !SHARE_HEADING.is_match(head) {
        return None;
    }
    let bodies = within(&doc.bodies, |x| x.0, h.span.0, h.span.1);
    if let [(bs, _, b)] = bodies {
        let before = slice(doc.text, h.span.0, *bs);
        return NOUN_OF
            .is_match(before)
            .then_some((Target::Body(*b), "link.funder_heading"));
    }
    if bodies.is_empty() {
        return kind_adjective(doc, head).map(|b| (Target::Body(b), "link.funder_heading"));
    }
    None
}

/// The year or period of one sum.
#[allow(clippy::too_many_arguments)]
fn when(
    doc: &Doc,
    found: &[Found],
    k: usize,
    (s, _e): Span,
    sentence: Span,
    prev: Option<usize>,
    left: Span,
    right: Span,
) -> Option<((String, String), &'static str)> {
    let text = doc.text;
    let after = within(&doc.whens, |w| w.start, right.0, right.1);
    // wages and turnover of third parties are no plan's money
    let third_party = contains_any(
        slice(text, left.0, (right.0 + 40).min(right.1)),
        THIRD_PARTY,
    );
    let right_text = slice(text, right.0, right.1);
    let head = right_text.trim_start().to_lowercase();
    let yearly = YEARLY.iter().any(|y| head.starts_with(y));
    // A yearly sum takes a period said after it, else the plan's.
    if yearly && !third_party {
        if let Some(w) = after.iter().find(|w| w.is_period) {
            return Some((w.period.clone(), "link.when_after"));
        }
        if let Some(p) = &doc.plan {
            return Some((p.clone(), "link.when_plan_yearly"));
        }
    }
    // A period right after the sum: `34 M€ sur la période 2011-2013`.
    if let Some(w) = after
        .first()
        .filter(|w| w.is_period && same_clause(slice(text, right.0, w.start)))
    {
        return Some((w.period.clone(), "link.when_after"));
    }
    // `soit 165 000 € sur la durée de la convention`: the period of the contract the sentence
    // names (`la convention … 2024-2026 …, soit 180 000 € sur trois ans`), else the plan's.
    if PLAN_SPAN.iter().any(|p| head.starts_with(p)) {
        if let Some(w) = within(&doc.whens, |w| w.start, sentence.0, s)
            .iter()
            .rev()
            .find(|w| w.is_period)
        {
            return Some((w.period.clone(), "link.when_sentence_span"));
        }
        if let Some(p) = &doc.plan {
            return Some((p.clone(), "link.when_plan_span"));
        }
    }
    // A year right after the sum, in its clause: `150 000 € versés par la Métropole en 2023`,
    // `soit 100 500 €, sont inscrits au budget primitif 2024`.
    if let Some(w) = after
        .first()
        .filter(|w| same_clause(slice(text, right.0, w.start)))
    {
        return Some((w.period.clone(), "link.when_after"));
    }
    // A year that frames the sentence before its first sum: `En 2014, … fixé à …`.
    let first_sum = within(&doc.amounts, |a| a.0, sentence.0, sentence.1)
        .first()
        .map_or(s, |a| a.0);
    let frame = within(&doc.whens, |w| w.start, sentence.0, first_sum.min(s));
    if let Some(w) = frame.iter().rev().find(|w| {
        let before = slice(text, w.start.saturating_sub(8), w.start).to_lowercase();
        !before.contains("depuis")
    }) {
        return Some((w.period.clone(), "link.when_frame"));
    }
    // `la même année`: the year of the sentence before.
    let sentence_text = slice(text, sentence.0, sentence.1).to_lowercase();
    if sentence_text.contains("la même année") || sentence_text.contains("cette année-là") {
        let before = within(&doc.whens, |w| w.start, 0, sentence.0);
        if let Some(w) = before.last() {
            return Some((w.period.clone(), "link.when_same_year"));
        }
    }
    // A part of a total, or a sum restated, has the previous sum's period.
    if let Some(w) = prev.and_then(|p| found.get(p)).and_then(|f| f.when.clone()) {
        return Some((w.0, "link.when_part_of_total"));
    }
    // `Ce contrat … doté de 1,5 M€`: the period said of that contract just before.
    const DEMONSTRATIVES: &[&str] = &[
        "ce contrat",
        "ce plan",
        "cette convention",
        "ce programme",
        "ce dispositif",
        "ce schéma",
    ];
    if DEMONSTRATIVES.iter().any(|d| sentence_text.contains(d)) {
        let before = within(
            &doc.whens,
            |w| w.start,
            sentence.0.saturating_sub(600),
            sentence.0,
        );
        if let Some(w) = before.iter().rev().find(|w| w.is_period) {
            return Some((w.period.clone(), "link.when_demonstrative"));
        }
    }
    // A list item or table row: the period of the sentence that announces the list.
    if let Some(intro) = doc.ctx.list_intro(text, s) {
        let in_intro = within(&doc.amounts, |a| a.0, intro.0, intro.1);
        let last = in_intro
            .last()
            .and_then(|a| doc.amounts.binary_search(a).ok())
            .filter(|&p| p < k);
        if let Some(w) = last.and_then(|p| found.get(p)).and_then(|f| f.when.clone()) {
            return Some((w.0, "link.when_list_intro"));
        }
        if let Some(w) = within(&doc.whens, |w| w.start, intro.0, intro.1).first() {
            return Some((w.period.clone(), "link.when_list_intro"));
        }
        let intro_text = slice(
            text,
            floor_char(text, intro.1.saturating_sub(SENTENCE_REACH)).max(intro.0),
            intro.1,
        )
        .to_lowercase();
        if PLAN_SPAN.iter().any(|p| intro_text.contains(p)) {
            if let Some(p) = &doc.plan {
                return Some((p.clone(), "link.when_list_intro"));
            }
        }
    }
    // The year of the heading or article it stands under.
    for h in doc.ctx.headings_before(sentence.0).take(3) {
        if h.span.0 >= sentence.0 {
            continue;
        }
        if let Some(w) = within(&doc.whens, |w| w.start, h.span.0, h.span.1).first() {
            return Some((w.period.clone(), "link.when_heading"));
        }
        if h.kind == HeadingKind::Article {
            break;
        }
    }
    // A deliberation's grant: the year of its session.
    if let (Some(y), Some(article)) = (&doc.session, doc.ctx.article_at(s, text.len())) {
        let head = slice(text, article.0, doc.ctx.line_at(article.0).1);
        if GRANT_DECISION.is_match(head) {
            return Some((y.clone(), "link.when_session"));
        }
    }
    // A plan's budget or a sum over its span: the plan's period.
    let near = slice(text, left.0, (right.0 + 60).min(right.1)).to_lowercase();
    if !third_party
        && (PLAN_SPAN.iter().any(|p| near.contains(p))
            || YEARLY.iter().any(|y| near.contains(y))
            || near.contains("total"))
    {
        if let Some(p) = &doc.plan {
            return Some((p.clone(), "link.when_plan"));
        }
    }
    None
}

/// Whether the text between a sum and a date keeps them in one clause: no comma or
/// semicolon once parentheses and a comma right after the sum are set aside.
fn same_clause(gap: &str) -> bool {
    let mut depth = 0usize;
    let mut kept = String::new();
    for c in gap.trim_start().trim_start_matches(',').chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    // a participle after a comma still speaks of the sum: `…, versée en une seule fois en 2024`
    let mut parts = kept.split(',');
    let first = parts.next().unwrap_or("");
    let participles = parts.all(|p| {
        p.split_whitespace()
            .next()
            .is_some_and(|w| ["é", "ée", "és", "ées"].iter().any(|e| w.ends_with(e)))
    });
    participles && !kept.contains(';') && first.len() <= 80 && kept.len() <= 160
}

/// The programme the sentence names, nearest to the sum.
fn programme(doc: &Doc, sentence: Span, s: usize) -> Option<usize> {
    within(&doc.programmes, |p| p.0, sentence.0, sentence.1)
        .iter()
        .min_by_key(|p| p.0.abs_diff(s))
        .map(|p| p.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{BodyMention, Precision};
    use proptest::prelude::*;

    /// Mentions found by their text (the `n`-th occurrence), sorted by start.
    struct M<'t> {
        text: &'t str,
        list: Vec<Mention>,
    }

    impl<'t> M<'t> {
        fn new(text: &'t str) -> Self {
            M {
                text,
                list: Vec::new(),
            }
        }
        fn at(&mut self, needle: &str, nth: usize, value: Value) -> &mut Self {
            let start = self.text.match_indices(needle).nth(nth).expect(needle).0;
            self.list.push(Mention {
                start,
                end: start + needle.len(),
                value,
                rule: "test",
            });
            self
        }
        fn amount(&mut self, needle: &str, eur: f64) -> &mut Self {
            self.at(needle, 0, Value::Amount { eur })
        }
        fn body(&mut self, needle: &str, nth: usize, canonical: &str, kind: BodyKind) -> &mut Self {
            let b = BodyMention {
                name: needle.into(),
                canonical: Some(canonical.into()),
                kind,
                anaphoric: false,
            };
            self.at(needle, nth, Value::Body(b))
        }
        fn year(&mut self, needle: &str, nth: usize) -> &mut Self {
            let iso = needle
                .chars()
                .filter(char::is_ascii_digit)
                .take(4)
                .collect();
            self.at(
                needle,
                nth,
                Value::Date {
                    iso,
                    precision: Precision::Year,
                },
            )
        }
        fn period(&mut self, needle: &str, start: &str, end: &str) -> &mut Self {
            let v = Value::Period {
                start: start.into(),
                end: end.into(),
            };
            self.at(needle, 0, v)
        }
        /// (amount text, funder canonical or `subject`, when) of every amount.
        fn links(
            &mut self,
            subject: Option<usize>,
        ) -> Vec<(String, Option<String>, Option<String>)> {
            self.list.sort_by_key(|m| m.start);
            let mut out = Vec::new();
            link(self.text, &self.list, subject, &mut out);
            let name = |i: usize| match &self.list[i].value {
                Value::Body(b) => b.canonical.clone(),
                _ => None,
            };
            self.list
                .iter()
                .enumerate()
                .filter(|(_, m)| matches!(m.value, Value::Amount { .. }))
                .map(|(i, m)| {
                    let funder = out
                        .iter()
                        .find(|l| l.from == i && l.relation == Relation::Funder);
                    let funder = funder.and_then(|l| match &l.to {
                        Target::Body(b) => name(*b),
                        Target::Subject => Some("subject".into()),
                        _ => None,
                    });
                    let when = out
                        .iter()
                        .find(|l| l.from == i && l.relation == Relation::When)
                        .and_then(|l| match &l.to {
                            Target::Period { start, end } if start == end => Some(start.clone()),
                            Target::Period { start, end } => Some(format!("{start}-{end}")),
                            _ => None,
                        });
                    (self.text[m.start..m.end].to_string(), funder, when)
                })
                .collect()
        }
    }

    fn l(a: &str, f: Option<&str>, w: Option<&str>) -> (String, Option<String>, Option<String>) {
        (a.into(), f.map(Into::into), w.map(Into::into))
    }

    #[test]
    fn total_and_its_parts() {
        let text = "La mise en œuvre du deuxième contrat sectoriel a représenté un financement total de 34 M€ sur\nla période 2011-2013, dont 7,6 M€ pour la Région et 3,4 M€ pour\nl’Etat. Ce contrat a renforcé l’image de Rhône-Alpes.";
        let mut m = M::new(text);
        m.amount("34 M€", 34e6)
            .period("2011-2013", "2011", "2013")
            .amount("7,6 M€", 7.6e6)
            .body("Région", 0, "Région Rhône-Alpes", BodyKind::Region)
            .amount("3,4 M€", 3.4e6)
            .body("l’Etat", 0, "État", BodyKind::Etat);
        assert_eq!(
            m.links(None),
            vec![
                l("34 M€", None, Some("2011-2013")),
                l("7,6 M€", Some("Région Rhône-Alpes"), Some("2011-2013")),
                l("3,4 M€", Some("État"), Some("2011-2013")),
            ]
        );
    }

    #[test]
    fn article_heading_names_the_share() {
        let text = "Article 4 : Participation de l’Etat\nEn 2014, le montant prévisionnel de la participation de l’Etat au présent programme est fixé à 1 000 000 euros.";
        let mut m = M::new(text);
        m.body("l’Etat", 0, "État", BodyKind::Etat)
            .year("2014", 0)
            .body("l’Etat", 1, "État", BodyKind::Etat)
            .amount("1 000 000 euros", 1e6);
        assert_eq!(
            m.links(None),
            vec![l("1 000 000 euros", Some("État"), Some("2014"))]
        );
    }

    #[test]
    fn verb_subject_and_list_items() {
        let text = "CONVENTION PLURIANNUELLE D'OBJECTIFS 2024-2026\n\nArticle 4 – Montant de la participation régionale\nPour la réalisation du programme d'actions, la Région attribue à France Active CVL une subvention de fonctionnement d'un montant total maximal de 585 000 €, répartie comme suit :\n- 190 000 € au titre de l'année 2024 ;\n- 195 000 € au titre de l'année 2025.";
        let mut m = M::new(text);
        m.period("2024-2026", "2024", "2026")
            .body("Région", 0, "Région Centre-Val de Loire", BodyKind::Region)
            .body(
                "France Active CVL",
                0,
                "France Active Centre-Val de Loire",
                BodyKind::Network,
            )
            .amount("585 000 €", 585e3)
            .amount("190 000 €", 190e3)
            .year("2024", 1)
            .amount("195 000 €", 195e3)
            .year("2025", 0);
        assert_eq!(
            m.links(None),
            vec![
                l(
                    "585 000 €",
                    Some("Région Centre-Val de Loire"),
                    Some("2024-2026")
                ),
                l(
                    "190 000 €",
                    Some("Région Centre-Val de Loire"),
                    Some("2024")
                ),
                l(
                    "195 000 €",
                    Some("Région Centre-Val de Loire"),
                    Some("2025")
                ),
            ]
        );
    }

    #[test]
    fn ceilings_estimates_and_third_parties_have_no_funder() {
        let text = "Plan ESS 2022-2026\n\nBudget 2024 : 180 000 €, avec une aide plafonnée à 15 000 € par projet.\nL'enveloppe globale du plan est estimée à 2,1 M€ sur cinq ans.\n\nPanorama de l'ESS (données 2020)\nChaque année, les employeurs de l'ESS versent environ 204 millions d'euros de rémunérations brutes.";
        let mut m = M::new(text);
        m.period("2022-2026", "2022", "2026")
            .year("2024", 0)
            .amount("180 000 €", 18e4)
            .amount("15 000 €", 15e3)
            .amount("2,1 M€", 2.1e6)
            .year("2020", 0)
            .amount("204 millions d'euros", 204e6);
        let links = m.links(Some(0));
        assert_eq!(
            links,
            vec![
                l("180 000 €", Some("subject"), Some("2024")),
                l("15 000 €", None, Some("2024")),
                l("2,1 M€", None, Some("2022-2026")),
                l("204 millions d'euros", None, Some("2020")),
            ]
        );
    }

    #[test]
    fn a_total_over_years_takes_the_period_of_the_contract_in_its_sentence() {
        let text = "Vu le schéma départemental de l'ESS 2024-2028 ;\nArticle 3 : d'approuver la convention pluriannuelle d'objectifs 2024-2026 avec la CRESS, pour un montant annuel de 60 000 €, soit 180 000 € sur trois ans ;\nL'enveloppe est de 2 M€ sur la durée du schéma.";
        let mut m = M::new(text);
        m.period("2024-2028", "2024", "2028")
            .period("2024-2026", "2024", "2026")
            .amount("60 000 €", 6e4)
            .amount("180 000 €", 18e4)
            .amount("2 M€", 2e6);
        let links = m.links(None);
        assert_eq!(
            links,
            vec![
                l("60 000 €", None, Some("2024-2026")),
                l("180 000 €", None, Some("2024-2026")),
                l("2 M€", None, Some("2024-2028")),
            ]
        );
    }

    #[test]
    fn soutenir_in_the_active_voice_names_the_funder() {
        let text = "La Région Occitanie soutient l'opération à hauteur de 85 000 €. L'association Alpha est soutenue par la Fondation Beta à hauteur de 5 000 €.";
        let mut m = M::new(text);
        m.body("Région Occitanie", 0, "Région Occitanie", BodyKind::Region)
            .amount("85 000 €", 85e3)
            .body("association Alpha", 0, "Alpha", BodyKind::Network)
            .body("Fondation Beta", 0, "Fondation Beta", BodyKind::Network)
            .amount("5 000 €", 5e3);
        let links = m.links(None);
        assert_eq!(links[0], l("85 000 €", Some("Région Occitanie"), None));
        // the passive has the beneficiary for subject: never the association
        assert_ne!(links[1].1.as_deref(), Some("Alpha"));
    }

    #[test]
    fn who_runs_a_fund_does_not_pay_into_it() {
        let text = "Le Département a également participé à hauteur de 150 000 € au fonds de garantie géré par France Active Pays de la Loire en 2022.";
        let mut m = M::new(text);
        m.body(
            "Département",
            0,
            "Département de Loire-Atlantique",
            BodyKind::Departement,
        )
        .amount("150 000 €", 15e4)
        .body(
            "France Active Pays de la Loire",
            0,
            "France Active Pays de la Loire",
            BodyKind::Network,
        )
        .year("2022", 0);
        let links = m.links(None);
        assert_eq!(
            links,
            vec![l(
                "150 000 €",
                Some("Département de Loire-Atlantique"),
                Some("2022")
            )]
        );
    }

    #[test]
    fn agents_after_the_sum_and_shared_sums() {
        let text = "Budget : 30 000 € par an (État).\nBudget : 65 000 € par an (État, Banque des Territoires).\nAbondement des fonds gérés par France Active Normandie : 150 000 € versés par la Métropole en 2023, complétés par 100 000 € en 2025.";
        let mut m = M::new(text);
        m.amount("30 000 €", 3e4)
            .body("État", 0, "État", BodyKind::Etat)
            .amount("65 000 €", 65e3)
            .body("État", 1, "État", BodyKind::Etat)
            .body(
                "Banque des Territoires",
                0,
                "Banque des Territoires",
                BodyKind::PublicAgency,
            )
            .body(
                "France Active Normandie",
                0,
                "France Active Normandie",
                BodyKind::Network,
            )
            .amount("150 000 €", 15e4)
            .body("Métropole", 0, "Métropole Rouen Normandie", BodyKind::Epci)
            .year("2023", 0)
            .amount("100 000 €", 1e5)
            .year("2025", 0);
        assert_eq!(
            m.links(None),
            vec![
                l("30 000 €", Some("État"), None),
                l("65 000 €", None, None),
                l("150 000 €", Some("Métropole Rouen Normandie"), Some("2023")),
                l("100 000 €", Some("Métropole Rouen Normandie"), Some("2025")),
            ]
        );
    }

    #[test]
    fn labels_and_kind_adjectives() {
        let text = "NOS RESSOURCES EN 2024\nLes financements reçus s'élèvent à 612 000 €, apportés par :\n• la Banque des Territoires : 150 000 €\n• ESS France, sur ses fonds propres : 120 000 €\n\nLa Région Rhône-Alpes soutient ce contrat, doté d'une subvention régionale de 1,5 M d'€.";
        let mut m = M::new(text);
        m.year("2024", 0)
            .amount("612 000 €", 612e3)
            .body(
                "Banque des Territoires",
                0,
                "Banque des Territoires",
                BodyKind::PublicAgency,
            )
            .amount("150 000 €", 15e4)
            .body("ESS France", 0, "ESS France", BodyKind::Network)
            .amount("120 000 €", 12e4)
            .amount("1,5 M d'€", 1.5e6)
            .body(
                "Région Rhône-Alpes",
                0,
                "Région Rhône-Alpes",
                BodyKind::Region,
            );
        let links = m.links(None);
        assert_eq!(
            links[1],
            l("150 000 €", Some("Banque des Territoires"), Some("2024"))
        );
        assert_eq!(links[2], l("120 000 €", Some("ESS France"), Some("2024")));
        assert_eq!(links[3].1.as_deref(), Some("Région Rhône-Alpes"));
    }

    #[test]
    fn deliberation_rows_take_the_deliberating_body_and_year() {
        let text = "RÉGION GUADELOUPE\nDÉLIBÉRATION N° CP/24-0317\nSéance du jeudi 14 mars 2024\n\nArticle 1 : D'attribuer les subventions détaillées dans le tableau ci-après, pour un montant total de 256 830 € :\n\nBénéficiaire Commune Objet Taux Subvention\nAssociation Ressourcerie Lyannaj Le Moule Extension de l'atelier 70 % 52 500 €\n\nArticle 4 : de préciser que les subventions d'un montant inférieur ou égal à 10 000 € sont versées en une fois.";
        let mut m = M::new(text);
        m.body(
            "RÉGION GUADELOUPE",
            0,
            "Région Guadeloupe",
            BodyKind::Region,
        )
        .at(
            "14 mars 2024",
            0,
            Value::Date {
                iso: "2024-03-14".into(),
                precision: Precision::Day,
            },
        )
        .amount("256 830 €", 256830.0)
        .amount("52 500 €", 52500.0)
        .amount("10 000 €", 1e4);
        let links = m.links(Some(0));
        assert_eq!(
            links,
            vec![
                l("256 830 €", Some("subject"), Some("2024")),
                l("52 500 €", Some("subject"), Some("2024")),
                l("10 000 €", None, None),
            ]
        );
    }

    fn arb_value() -> impl Strategy<Value = Value> {
        prop_oneof![
            (0.0f64..1e9).prop_map(|eur| Value::Amount { eur }),
            "[0-9]{0,6}".prop_map(|iso| Value::Date {
                iso,
                precision: Precision::Year
            }),
            ("[0-9]{0,4}", "[0-9]{0,4}").prop_map(|(start, end)| Value::Period { start, end }),
            (0usize..12).prop_map(|k| Value::Body(BodyMention {
                name: "Région".into(),
                canonical: None,
                kind: [BodyKind::Region, BodyKind::Etat, BodyKind::Epci][k % 3],
                anaphoric: k % 2 == 0,
            })),
            "[a-z]{0,5}".prop_map(|name| Value::Programme { name }),
        ]
    }

    proptest! {
        #[test]
        fn random_texts_and_mentions_never_panic(
            text in "(?s)(Article 1 : |par la |dont |€|é|\\n|- |:|;|\\.|\\(|\\)|2024|en |[A-Za-zÉ ’']){0,80}",
            raw in prop::collection::vec((0usize..400, 0usize..40, arb_value()), 0..12),
            subject in prop::option::of(0usize..14),
        ) {
            let mut mentions: Vec<Mention> = raw
                .into_iter()
                .map(|(s, len, value)| Mention { start: s, end: s + len, value, rule: "p" })
                .collect();
            mentions.sort_by_key(|m| m.start);
            let mut out = Vec::new();
            link(&text, &mentions, subject, &mut out);
            let _ = crate::link::subject::subject(&text, &mentions);
            let _ = Context::new(&text);
            for l in &out {
                prop_assert!(l.from < mentions.len());
            }
        }
    }
}
