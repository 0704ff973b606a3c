//! Person links: the body a person acts for, and their email and phone.
//!
//! The rules follow how French administrative texts tie a name to an organisation: the
//! parties clause of a convention (`La Région X, représentée par …, Monsieur Y`), the
//! apposed role (`Y, Président de Saint-Etienne Métropole`), signature blocks (`Pour la
//! Ville de Grenoble ⏎ … ⏎ Eric PIOLLE`), attendance lists and contact blocks under an
//! organisation heading, role titles that name their body (`Préfet` → État, `Président du
//! Conseil régional` → the region), and last the body the document is about. Text layout
//! (lines, paragraphs, sentences) is computed once per document; each rule then looks
//! only at a bounded window around the person.
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::local::{Evidence, Link, Relation, Target};
use crate::extract::{BodyKind, BodyMention, ContactKind, Mention, Value};
use crate::fr::fold::fold;

/// `représenté(e)(s) par`: the parties clause of a convention names the body, then its
/// representative.
static REPRESENTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)repr[ée]sent[ée]e?s?\s+par|repr[ée]sent[ée]e?s?\s+(?:à|a)\s+cet\s+effet\s+par")
        .expect("valid regex")
});

/// `sous la présidence de`: the minutes' opening names the assembly, then who chairs it.
static CHAIRED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)sous\s+la\s+pr[ée]sidence\s+d").expect("valid regex"));

/// Role titles of the State's representatives (folded): they act for the État.
const STATE_TITLES: &[&str] = &[
    "prefet",
    "prefete",
    "sous prefet",
    "sous prefete",
    "secretaire d etat",
    "ministre",
    "recteur",
    "rectrice",
];

/// Words of a role that name the kind of assembly the person sits in (folded).
const ASSEMBLY_KINDS: &[(&str, BodyKind)] = &[
    ("conseil regional", BodyKind::Region),
    ("regional", BodyKind::Region),
    ("regionale", BodyKind::Region),
    ("conseil departemental", BodyKind::Departement),
    ("conseil general", BodyKind::Departement),
    ("departemental", BodyKind::Departement),
    ("departementale", BodyKind::Departement),
    ("communautaire", BodyKind::Epci),
    ("metropolitain", BodyKind::Epci),
    ("metropolitaine", BodyKind::Epci),
    ("conseil municipal", BodyKind::Commune),
    ("municipal", BodyKind::Commune),
    ("municipale", BodyKind::Commune),
    ("maire", BodyKind::Commune),
    // the maire's adjoints: `première adjointe`, `adjoint délégué à l'ESS`
    ("premier adjoint", BodyKind::Commune),
    ("premiere adjointe", BodyKind::Commune),
    ("adjoint delegue", BodyKind::Commune),
    ("adjointe deleguee", BodyKind::Commune),
];

/// Linking words after which a role names its body: `Président de la …`, `Maire de …`.
const COMPLEMENT_WORDS: &[&str] = &["de la ", "de l ", "du ", "des ", "d ", "de "];

/// Words skipped when making an acronym's initials (`Collectivité Territoriale de Guyane` → CTG).
const STOP_WORDS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "en", "a", "au", "aux",
];

/// Articles and small words allowed between `Pour` or a line start and a body name.
const LEAD_WORDS: &[&str] = &["la", "le", "les", "l", "pour", "par", "de", "du"];

/// Lines at most this long may be headings of a list or a signature block.
const SHORT_LINE: usize = 160;

/// Pushes the body and contact links of every person mention.
pub fn link(text: &str, mentions: &[Mention], out: &mut Vec<Link>) {
    let ctx = Ctx::new(text, mentions);
    if ctx.persons.is_empty() {
        return;
    }
    let mut doc_body: Option<Option<usize>> = None;
    for k in 0..ctx.persons.len() {
        let Some(p) = ctx.person(k) else { continue };
        let found = ctx
            .represented(&p)
            .or_else(|| ctx.role_mention(&p))
            .or_else(|| ctx.signature_pour(&p))
            .or_else(|| ctx.list_heading(&p))
            .or_else(|| ctx.after_name(&p))
            .or_else(|| ctx.lead_pour(&p))
            .or_else(|| ctx.chaired(&p))
            .or_else(|| ctx.role_name(&p))
            .or_else(|| ctx.block_body(&p))
            .or_else(|| {
                let b = *doc_body.get_or_insert_with(|| ctx.document_body());
                b.map(|b| (b, ctx.line_span_of(p.start), "link.person_document_body"))
            });
        if let Some((b, evidence, rule)) = found {
            out.push(Link {
                from: p.index,
                relation: Relation::PersonBody,
                to: Target::Body(b),
                evidence,
                rule,
            });
        }
        for (c, evidence) in ctx.contacts_of(&p) {
            out.push(Link {
                from: p.index,
                relation: Relation::PersonContact,
                to: Target::Contact(c),
                evidence,
                rule: "link.person_contact",
            });
        }
    }
}

/// A person mention with the bounds of its neighbours.
struct Person<'a> {
    index: usize,
    start: usize,
    end: usize,
    /// Folded role, with a space on each side (`" president du conseil regional "`).
    role: Option<String>,
    role_len: usize,
    _name: &'a str,
    /// End of the previous person mention (0 if none).
    prev_end: usize,
    /// Start of the next person mention (text length if none).
    next_start: usize,
}

type Found = (usize, Evidence, &'static str);

/// The document's layout and mention lists, computed once.
struct Ctx<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    /// Byte offset of each line start.
    lines: Vec<usize>,
    /// Whether each line holds only white space.
    blank: Vec<bool>,
    /// Sentence boundaries (byte offsets where a sentence starts), sorted.
    sentences: Vec<usize>,
    /// `représenté par` matches, sorted.
    represented: Vec<(usize, usize)>,
    /// `sous la présidence de` matches, sorted.
    chaired: Vec<(usize, usize)>,
    /// Indices of body, person and contact (email, phone) mentions, sorted by start.
    bodies: Vec<usize>,
    persons: Vec<usize>,
    contacts: Vec<usize>,
    /// Built on first use, once per document.
    names: OnceCell<HashMap<String, usize>>,
    initials: OnceCell<HashMap<String, usize>>,
    by_kind: RefCell<HashMap<BodyKind, Option<usize>>>,
}

fn is_contact(m: &Mention) -> bool {
    matches!(
        m.value,
        Value::Contact {
            kind: ContactKind::Email | ContactKind::Phone,
            ..
        }
    )
}

fn padded(s: &str) -> String {
    format!(" {} ", fold(s))
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, mentions: &'a [Mention]) -> Ctx<'a> {
        let valid = |m: &Mention| m.start < m.end && text.get(m.start..m.end).is_some();
        let mut bodies = Vec::new();
        let mut persons = Vec::new();
        let mut contacts = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            if !valid(m) {
                continue;
            }
            match &m.value {
                Value::Body(_) => bodies.push(i),
                Value::Person { .. } => persons.push(i),
                _ if is_contact(m) => contacts.push(i),
                _ => {}
            }
        }
        let by_start = |v: &mut Vec<usize>| v.sort_by_key(|&i| mentions.get(i).map(|m| m.start));
        by_start(&mut bodies);
        by_start(&mut persons);
        by_start(&mut contacts);
        let (lines, blank) = layout(text);
        let sentences = sentences(text);
        let spans = |re: &Regex| re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        Ctx {
            text,
            mentions,
            lines,
            blank,
            sentences,
            represented: if persons.is_empty() {
                Vec::new()
            } else {
                spans(&REPRESENTED)
            },
            chaired: if persons.is_empty() {
                Vec::new()
            } else {
                spans(&CHAIRED)
            },
            bodies,
            persons,
            contacts,
            names: OnceCell::new(),
            initials: OnceCell::new(),
            by_kind: RefCell::new(HashMap::new()),
        }
    }

    fn person(&self, k: usize) -> Option<Person<'a>> {
        let index = *self.persons.get(k)?;
        let m = self.mentions.get(index)?;
        let Value::Person { name, role } = &m.value else {
            return None;
        };
        let prev_end = k
            .checked_sub(1)
            .and_then(|j| self.persons.get(j))
            .and_then(|&i| self.mentions.get(i))
            .map_or(0, |m| m.end);
        let next_start = self
            .persons
            .get(k + 1)
            .and_then(|&i| self.mentions.get(i))
            .map_or(self.text.len(), |m| m.start);
        Some(Person {
            index,
            start: m.start,
            end: m.end,
            role: role.as_deref().map(padded),
            role_len: role.as_deref().map_or(0, str::len),
            _name: name,
            prev_end: prev_end.min(m.start),
            next_start: next_start.max(m.end),
        })
    }

    fn mention(&self, i: usize) -> Option<&'a Mention> {
        self.mentions.get(i)
    }

    fn body(&self, i: usize) -> Option<&'a BodyMention> {
        match &self.mentions.get(i)?.value {
            Value::Body(b) => Some(b),
            _ => None,
        }
    }

    fn surface(&self, i: usize) -> &'a str {
        self.mentions
            .get(i)
            .and_then(|m| self.text.get(m.start..m.end))
            .unwrap_or("")
    }

    /// Body mentions lying inside `[a, b)`.
    fn bodies_in(&self, a: usize, b: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self
            .bodies
            .partition_point(|&i| self.mention(i).map_or(0, |m| m.start) < a);
        self.bodies[from.min(self.bodies.len())..]
            .iter()
            .copied()
            .take_while(move |&i| self.mention(i).map_or(usize::MAX, |m| m.start) < b)
            .filter(move |&i| self.mention(i).is_some_and(|m| m.end <= b))
    }

    fn line_of(&self, pos: usize) -> usize {
        self.lines.partition_point(|&s| s <= pos).saturating_sub(1)
    }

    /// `[start, end)` of line `li`, without its line break.
    fn line_span(&self, li: usize) -> (usize, usize) {
        let start = self.lines.get(li).copied().unwrap_or(self.text.len());
        let end = self
            .lines
            .get(li + 1)
            .map_or(self.text.len(), |&n| n.saturating_sub(1));
        (start, end.max(start))
    }

    fn line_span_of(&self, pos: usize) -> Evidence {
        self.line_span(self.line_of(pos))
    }

    fn slice(&self, a: usize, b: usize) -> &'a str {
        self.text.get(a..b).unwrap_or("")
    }

    /// Start of the paragraph holding `pos` (the line after the last blank line).
    fn para_start(&self, pos: usize) -> usize {
        let mut li = self.line_of(pos);
        // bounded: a paragraph is rarely longer than this
        for _ in 0..40 {
            if li == 0 || self.blank.get(li - 1).copied().unwrap_or(true) {
                break;
            }
            li -= 1;
        }
        self.line_span(li).0
    }

    fn sentence_span(&self, pos: usize) -> (usize, usize) {
        let k = self.sentences.partition_point(|&s| s <= pos);
        let start = k
            .checked_sub(1)
            .and_then(|j| self.sentences.get(j))
            .copied()
            .unwrap_or(0);
        let end = self.sentences.get(k).copied().unwrap_or(self.text.len());
        (start, end)
    }

    /// Whether only articles, bullets and punctuation stand in `[a, b)`.
    fn only_lead_words(&self, a: usize, b: usize) -> bool {
        let f = fold(self.slice(a, b));
        f.split(' ')
            .filter(|w| !w.is_empty())
            .all(|w| LEAD_WORDS.contains(&w))
    }

    /// The first body mention of a line when it opens the line (after bullets, `Pour`,
    /// articles and at most a couple of generic words such as `syndicat mixte`).
    fn heading_body(&self, li: usize, max_words: usize) -> Option<usize> {
        let (s, e) = self.line_span(li);
        let b = self.bodies_in(s, e).next()?;
        let m = self.mention(b)?;
        let lead = fold(self.slice(s, m.start));
        let extra = lead
            .split(' ')
            .filter(|w| !w.is_empty() && !LEAD_WORDS.contains(w))
            .count();
        (extra <= max_words).then_some(b)
    }

    /// `La Région Rhône-Alpes, représentée par le Président …, Monsieur Jean-Jack QUEYRANNE`:
    /// the body at the head of the clause that names the representative.
    fn represented(&self, p: &Person) -> Option<Found> {
        let lo = self.para_start(p.start).max(p.prev_end);
        let k = self.represented.partition_point(|&(_, e)| e <= p.start);
        let &(ms, _) = self.represented.get(k.checked_sub(1)?)?;
        if ms < lo || p.start.saturating_sub(ms) > 300 {
            return None;
        }
        let ml = self.line_of(ms);
        let clause_lo = lo.max(self.line_span(ml.saturating_sub(4)).0);
        let cands: Vec<usize> = self.bodies_in(clause_lo, ms).collect();
        let head = cands
            .iter()
            .copied()
            .find(|&b| {
                self.mention(b)
                    .is_some_and(|m| self.heading_body(self.line_of(m.start), 3) == Some(b))
            })
            .or_else(|| cands.first().copied())?;
        let hs = self.mention(head)?.start;
        Some((head, (hs, p.end), "link.person_represented"))
    }

    /// `Christophe FERRARI, Président de Grenoble-Alpes Métropole`, `Présidente du Conseil
    /// régional : Huguette Bello`: a body mention inside the role written next to the name.
    fn role_mention(&self, p: &Person) -> Option<Found> {
        let role = p.role.as_deref()?;
        let in_role = |b: usize| {
            let s = padded(self.surface(b));
            s.trim() != "" && role.contains(&s)
        };
        let (ss, se) = self.sentence_span(p.start);
        let (_, after_end) = self.sentence_span(p.end);
        let a_end = p
            .next_start
            .min(after_end.max(se))
            .min(p.end + p.role_len + 80);
        if let Some(b) = self.bodies_in(p.end, a_end).find(|&b| in_role(b)) {
            let be = self.mention(b)?.end;
            return Some((b, (p.start, be), "link.person_role_mention"));
        }
        let b_start = p
            .prev_end
            .max(ss)
            .max(p.start.saturating_sub(p.role_len + 80));
        let cands: Vec<usize> = self.bodies_in(b_start, p.start).collect();
        let b = cands.into_iter().rev().find(|&b| in_role(b))?;
        let bs = self.mention(b)?.start;
        Some((b, (bs, p.end), "link.person_role_mention"))
    }

    /// `Pour la Ville de Grenoble, vu la délibération … ⏎ Eric PIOLLE, le Maire`: the body
    /// after `Pour` heading the signature block (same line or a few short lines above).
    fn signature_pour(&self, p: &Person) -> Option<Found> {
        let pl = self.line_of(p.start);
        let mut seen = 0;
        let mut li = pl;
        loop {
            let (s, e) = self.line_span(li);
            let e = if li == pl { p.start } else { e };
            if li != pl && !self.blank.get(li).copied().unwrap_or(true) {
                seen += 1;
                if e - s > SHORT_LINE || seen > 8 {
                    return None;
                }
            }
            let t = self.slice(s, e).trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '-' | '–' | '•' | '*' | '>')
            });
            if t.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("pour"))
                && t.get(4..5).is_some_and(|c| c == " ")
            {
                let pour = e - t.len() + 4;
                let b = self.bodies_in(pour, e).next()?;
                let m = self.mention(b)?;
                if !self.only_lead_words(pour, m.start) {
                    return None;
                }
                return Some((b, (s, p.end), "link.person_signature"));
            }
            if li == 0 || pl - li > 24 {
                return None;
            }
            li -= 1;
        }
    }

    /// Attendance lists and contact blocks: `CRESS Centre-Val de Loire ⏎ - Jean-Louis
    /// Desnoues, président`: a person opening a line under a short line headed by a body,
    /// in the same paragraph.
    fn list_heading(&self, p: &Person) -> Option<Found> {
        let pl = self.line_of(p.start);
        let (ls, _) = self.line_span(pl);
        let lead = self.slice(ls, p.start);
        if lead.chars().any(char::is_alphanumeric) && !self.only_lead_words(ls, p.start) {
            return None;
        }
        let mut li = pl;
        for _ in 0..15 {
            if li == 0 || self.blank.get(li - 1).copied().unwrap_or(true) {
                return None;
            }
            li -= 1;
            let (s, e) = self.line_span(li);
            if e - s > SHORT_LINE {
                return None;
            }
            let k = self
                .persons
                .partition_point(|&i| self.mention(i).map_or(0, |m| m.start) < s);
            let has_person = self
                .persons
                .get(k)
                .and_then(|&i| self.mention(i))
                .is_some_and(|m| m.start < e.max(s + 1));
            if has_person {
                continue;
            }
            if let Some(b) = self.heading_body(li, 0) {
                return Some((b, (s, p.end), "link.person_list_heading"));
            }
        }
        None
    }

    /// `Émilie Caron (France Active Centre-Val de Loire)`, `Nom, fonction, Organisme`: the
    /// organisation written after the name on a list line.
    fn after_name(&self, p: &Person) -> Option<Found> {
        let (ls, le) = self.line_span_of(p.start);
        let end = le.min(p.next_start);
        let b = self.bodies_in(p.end, end).next()?;
        let m = self.mention(b)?;
        let between = self.slice(p.end, m.start).trim();
        let paren = between == "(" || between == ", (";
        let list_line = self.only_lead_words(ls, p.start)
            && !self.slice(ls, p.start).chars().any(char::is_alphanumeric)
            && between.starts_with(',');
        (paren || list_line).then_some((b, (ls, m.end.max(p.end)), "link.person_after_name"))
    }

    /// `le Conseil communautaire … s'est réuni … sous la présidence de M. Joël BRUNEAU`: the
    /// assembly opening the sentence.
    fn chaired(&self, p: &Person) -> Option<Found> {
        let (ss, _) = self.sentence_span(p.start);
        let k = self.chaired.partition_point(|&(_, e)| e <= p.start);
        let &(cs, _) = self.chaired.get(k.checked_sub(1)?)?;
        if cs < ss.max(p.prev_end) {
            return None;
        }
        let b = self.bodies_in(ss, cs).next()?;
        Some((b, (ss, p.end), "link.person_chaired"))
    }

    /// `Préfet de la région …` → État, `président de l'ADEC`, `Maire de Grenoble`,
    /// `conseillère régionale` → the body the role names, matched against the document's
    /// body mentions.
    fn role_name(&self, p: &Person) -> Option<Found> {
        let role = p.role.as_deref()?;
        let ev = (p.start, p.end);
        if STATE_TITLES
            .iter()
            .any(|t| role.starts_with(&format!(" {t} ")))
        {
            let etat = self
                .bodies
                .iter()
                .copied()
                .find(|&b| {
                    self.body(b).is_some_and(|bm| {
                        bm.kind == BodyKind::Etat
                            && fold(bm.canonical.as_deref().unwrap_or(&bm.name)) == "etat"
                    })
                })
                .or_else(|| {
                    self.bodies
                        .iter()
                        .copied()
                        .find(|&b| self.body(b).is_some_and(|bm| bm.kind == BodyKind::Etat))
                });
            return etat.map(|b| (b, ev, "link.person_role_state"));
        }
        let index = self.names.get_or_init(|| self.name_index());
        for w in COMPLEMENT_WORDS {
            let mut from = 0;
            while let Some(off) = role.get(from..).and_then(|r| r.find(&format!(" {w}"))) {
                let rest = role.get(from + off + 1 + w.len()..).unwrap_or("");
                from += off + 1;
                let mut best: Option<(usize, usize)> = None;
                let mut try_key = |key: &str, extra: usize| {
                    if let Some(&b) = index.get(key) {
                        if best.is_none_or(|(l, _)| key.len() + extra > l) {
                            best = Some((key.len() + extra, b));
                        }
                    }
                };
                let words: Vec<&str> = rest.split(' ').filter(|w| !w.is_empty()).collect();
                for n in 1..=words.len().min(8) {
                    let key = words[..n].join(" ");
                    try_key(&key, 0);
                    if role.starts_with(" maire ") || role.contains(" au maire ") {
                        try_key(&format!("ville de {key}"), 0);
                        try_key(&format!("commune de {key}"), 0);
                    }
                }
                if let Some(first) = words.first() {
                    if let Some(&b) = self.initials().get(*first) {
                        best = best.or(Some((0, b)));
                    }
                }
                if let Some((_, b)) = best {
                    return Some((b, ev, "link.person_role_name"));
                }
            }
        }
        for (word, kind) in ASSEMBLY_KINDS {
            if role.contains(&format!(" {word} ")) {
                if let Some(b) = self.main_body_of_kind(*kind) {
                    return Some((b, ev, "link.person_role_assembly"));
                }
            }
        }
        None
    }

    /// Folded names and canonical names of the document's body mentions → first mention.
    fn name_index(&self) -> HashMap<String, usize> {
        let mut index = HashMap::new();
        for &b in &self.bodies {
            let Some(bm) = self.body(b) else { continue };
            for n in [
                Some(self.surface(b)),
                Some(bm.name.as_str()),
                bm.canonical.as_deref(),
            ]
            .into_iter()
            .flatten()
            {
                let f = fold(n);
                if !f.is_empty() {
                    index.entry(f).or_insert(b);
                }
            }
        }
        index
    }

    /// Initials of the document's body names (`ctg` → `Collectivité Territoriale de Guyane`).
    fn initials_index(&self) -> HashMap<String, usize> {
        let mut index = HashMap::new();
        for &b in &self.bodies {
            let Some(bm) = self.body(b) else { continue };
            let name = bm.canonical.as_deref().unwrap_or(&bm.name);
            let initials: String = fold(name)
                .split(' ')
                .filter(|w| !w.is_empty() && !STOP_WORDS.contains(w))
                .filter_map(|w| w.chars().next())
                .collect();
            if initials.chars().count() >= 2 {
                index.entry(initials).or_insert(b);
            }
        }
        index
    }

    /// The most mentioned body of a kind (first mention of it).
    fn main_body_of_kind(&self, kind: BodyKind) -> Option<usize> {
        if let Some(&b) = self.by_kind.borrow().get(&kind) {
            return b;
        }
        let b = self.main_body(|bm| bm.kind == kind, false);
        self.by_kind.borrow_mut().insert(kind, b);
        b
    }

    fn initials(&self) -> &HashMap<String, usize> {
        self.initials.get_or_init(|| self.initials_index())
    }

    /// `Référente pour la CTG : Violaine Machichi-Prost`: the body after `pour` earlier in
    /// the sentence, named or as an acronym of a body of the document.
    fn lead_pour(&self, p: &Person) -> Option<Found> {
        let (ss, _) = self.sentence_span(p.start);
        let lo = ss.max(p.prev_end);
        let lead = self.slice(lo, p.start);
        let mut words = lead
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .peekable();
        while let Some(w) = words.next() {
            if !w.eq_ignore_ascii_case("pour") {
                continue;
            }
            while words
                .peek()
                .is_some_and(|n| matches!(*n, "la" | "le" | "l" | "les"))
            {
                words.next();
            }
            let Some(next) = words.peek() else { break };
            let acronym = next.chars().count() >= 2 && next.chars().all(|c| c.is_uppercase());
            if acronym {
                if let Some(&b) = self.initials().get(&fold(next)) {
                    return Some((b, (lo, p.end), "link.person_lead_pour"));
                }
            }
        }
        let pos = ["pour ", "Pour ", "POUR "]
            .iter()
            .filter_map(|w| lead.rfind(w))
            .max()?;
        let after = lo + pos + 5;
        let b = self.bodies_in(after, p.start).next()?;
        let m = self.mention(b)?;
        self.only_lead_words(after, m.start)
            .then_some((b, (lo, p.end), "link.person_lead_pour"))
    }

    /// The body mentioned most (a letterhead in the first lines counts extra), as its
    /// first non-anaphoric mention.
    fn main_body(&self, keep: impl Fn(&BodyMention) -> bool, letterhead: bool) -> Option<usize> {
        let mut score: HashMap<String, (usize, usize)> = HashMap::new();
        let head_end = self.letterhead_end();
        for &b in &self.bodies {
            let Some(bm) = self.body(b) else { continue };
            if !keep(bm) {
                continue;
            }
            let key = fold(bm.canonical.as_deref().unwrap_or(&bm.name));
            let bonus = if letterhead && self.mention(b).is_some_and(|m| m.start < head_end) {
                3
            } else {
                0
            };
            let e = score.entry(key).or_insert((0, b));
            e.0 += 1 + bonus;
            let first_anaphoric = self.body(e.1).is_some_and(|x| x.anaphoric);
            if first_anaphoric && !bm.anaphoric {
                e.1 = b;
            }
        }
        let first = |b: usize| self.mention(b).map_or(usize::MAX, |m| m.start);
        score
            .into_values()
            .max_by(|a, b| a.0.cmp(&b.0).then(first(b.1).cmp(&first(a.1))))
            .map(|(_, b)| b)
    }

    /// End of the first three non-blank lines: a letterhead names the document's body.
    fn letterhead_end(&self) -> usize {
        let mut n = 0;
        for li in 0..self.lines.len() {
            if !self.blank.get(li).copied().unwrap_or(true) {
                n += 1;
                if n == 3 {
                    return self.line_span(li).1;
                }
            }
        }
        self.text.len()
    }

    /// A contact block `> Name ⏎ role ⏎ Organisme ⏎ email`: the body named in the block.
    fn block_body(&self, p: &Person) -> Option<Found> {
        let (s, e) = self.block_after(p);
        let b = self.bodies_in(p.end, e).next()?;
        Some((b, (s, e), "link.person_contact_block"))
    }

    /// The lines that follow a person in its block: to the paragraph end, the next person,
    /// or eight lines.
    fn block_after(&self, p: &Person) -> (usize, usize) {
        let pl = self.line_of(p.start);
        let mut end = self.line_span(pl).1;
        for li in pl + 1..pl + 9 {
            if li >= self.lines.len() || self.blank.get(li).copied().unwrap_or(true) {
                break;
            }
            end = self.line_span(li).1;
        }
        (self.line_span(pl).0, end.min(p.next_start).max(p.end))
    }

    /// The body the document is about: the subject when known, else the most mentioned.
    fn document_body(&self) -> Option<usize> {
        super::subject::subject(self.text, self.mentions)
            .filter(|&b| self.body(b).is_some())
            .or_else(|| self.main_body(|_| true, true))
    }

    /// The first email and the first phone given with the person: on its line after the
    /// name, and on the following lines of its block when the name opens a line.
    fn contacts_of(&self, p: &Person) -> Vec<(usize, Evidence)> {
        let (ls, le) = self.line_span_of(p.start);
        let opens_line = !self.slice(ls, p.start).chars().any(char::is_alphanumeric);
        let end = if opens_line {
            self.block_after(p).1
        } else {
            le.min(p.next_start)
        };
        let from = self
            .contacts
            .partition_point(|&i| self.mention(i).map_or(0, |m| m.start) < p.end);
        let mut out: Vec<(usize, Evidence)> = Vec::new();
        let mut kinds: Vec<ContactKind> = Vec::new();
        for &c in self.contacts.get(from..).unwrap_or(&[]) {
            let Some(m) = self.mention(c) else { continue };
            if m.start >= end {
                break;
            }
            if m.end > end {
                continue;
            }
            if let Value::Contact { kind, .. } = &m.value {
                if !kinds.contains(kind) {
                    kinds.push(*kind);
                    out.push((c, (p.start, m.end)));
                }
            }
        }
        out
    }
}

/// Line starts and blank lines.
fn layout(text: &str) -> (Vec<usize>, Vec<bool>) {
    let mut lines = vec![0];
    let mut blank = Vec::new();
    let mut is_blank = true;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            blank.push(is_blank);
            lines.push(i + 1);
            is_blank = true;
        } else if !c.is_whitespace() {
            is_blank = false;
        }
    }
    blank.push(is_blank);
    (lines, blank)
}

/// Abbreviations whose final `.` does not end a sentence (`M. Joël BRUNEAU`).
const ABBREVIATIONS: &[&str] = &[
    "M", "Mme", "Mmes", "Mlle", "MM", "Me", "Dr", "St", "cf", "n",
];

/// Sentence starts: after `.`, `;`, `!`, `?` followed by white space (not after `M.` or an
/// initial), and after blank lines.
fn sentences(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut word_start = 0usize;
    let mut prev_alpha = false;
    let mut pending: Option<usize> = None;
    let mut newline_run = 0;
    for (i, c) in text.char_indices() {
        if let Some(p) = pending.take() {
            if c.is_whitespace() {
                out.push(p);
            }
        }
        if c == '\n' {
            newline_run += 1;
            if newline_run >= 2 {
                out.push(i + 1);
            }
        } else if !c.is_whitespace() {
            newline_run = 0;
        }
        match c {
            '.' => {
                let word = if prev_alpha {
                    text.get(word_start..i).unwrap_or("")
                } else {
                    ""
                };
                let abbrev = word.chars().count() == 1 || ABBREVIATIONS.contains(&word);
                if !abbrev {
                    pending = Some(i + 1);
                }
            }
            ';' | '!' | '?' => pending = Some(i + 1),
            _ => {}
        }
        let alpha = c.is_alphabetic();
        if alpha && !prev_alpha {
            word_start = i;
        }
        prev_alpha = alpha;
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Builds a text and its mentions from a marked-up passage: `[[surface|B:kind:Canonical]]`
    /// a body, `[[surface|P:role]]` a person, `[[surface|E]]` an email, `[[surface|T]]` a phone.
    fn parse(marked: &str) -> (String, Vec<Mention>) {
        let mut text = String::new();
        let mut ms = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find("[[") {
            text.push_str(&rest[..open]);
            let close = rest[open..].find("]]").expect("closed mark") + open;
            let inner = &rest[open + 2..close];
            let (surface, tag) = inner.split_once('|').expect("tag");
            let start = text.len();
            text.push_str(surface);
            let value = match tag.split_once(':') {
                Some(("B", kc)) => {
                    let (kind, canonical) = kc.split_once(':').expect("kind:canonical");
                    Value::Body(BodyMention {
                        name: surface.to_string(),
                        canonical: Some(canonical.to_string()),
                        kind: BodyKind::parse(kind).expect("kind"),
                        anaphoric: false,
                    })
                }
                Some(("P", role)) => Value::Person {
                    name: surface.to_string(),
                    role: (!role.is_empty()).then(|| role.to_string()),
                },
                _ => Value::Contact {
                    kind: if tag == "E" {
                        ContactKind::Email
                    } else {
                        ContactKind::Phone
                    },
                    normalized: surface.to_string(),
                },
            };
            ms.push(Mention {
                start,
                end: text.len(),
                value,
                rule: "test",
            });
            rest = &rest[close + 2..];
        }
        text.push_str(rest);
        (text, ms)
    }

    /// Each person: (name, body canonical, contacts).
    fn linked(marked: &str) -> Vec<(String, Option<String>, Vec<String>)> {
        let (text, ms) = parse(marked);
        let mut out = Vec::new();
        link(&text, &ms, &mut out);
        let mut res = Vec::new();
        for (i, m) in ms.iter().enumerate() {
            let Value::Person { name, .. } = &m.value else {
                continue;
            };
            let mut body = None;
            let mut contacts = Vec::new();
            for l in out.iter().filter(|l| l.from == i) {
                assert!(text.get(l.evidence.0..l.evidence.1).is_some());
                assert!(l.evidence.0 <= m.start && m.end <= l.evidence.1.max(m.end));
                match (
                    &l.to,
                    ms.get(match l.to {
                        Target::Body(j) | Target::Contact(j) => j,
                        _ => usize::MAX,
                    }),
                ) {
                    (
                        Target::Body(_),
                        Some(Mention {
                            value: Value::Body(b),
                            ..
                        }),
                    ) => {
                        assert!(body.is_none(), "one body per person");
                        body = b.canonical.clone();
                    }
                    (
                        Target::Contact(_),
                        Some(Mention {
                            value: Value::Contact { normalized, .. },
                            ..
                        }),
                    ) => contacts.push(normalized.clone()),
                    other => panic!("bad target {other:?}"),
                }
            }
            res.push((name.clone(), body, contacts));
        }
        res
    }

    fn bodies(marked: &str) -> Vec<(String, Option<String>)> {
        linked(marked).into_iter().map(|(n, b, _)| (n, b)).collect()
    }

    fn pb(n: &str, b: &str) -> (String, Option<String>) {
        (n.to_string(), Some(b.to_string()))
    }

    #[test]
    fn parties_clause_of_a_convention() {
        // seed 003
        let m = "ENTRE \n\n[[L’Etat|B:etat:État]] , représenté par Monsieur [[Jean-François CARENCO|P:Préfet de la région Rhône-Alpes, Préfet du Rhône]], [[Préfet de la région \nRhône-Alpes|B:etat:État]], [[Préfet du Rhône|B:etat:État]], \n\nLa [[Région Rhône-Alpes|B:region:Région Rhône-Alpes]] , représentée par le Président du [[Conseil régional|B:region:Région Rhône-Alpes]],  \nMonsieur [[Jean-Jack QUEYRANNE|P:Président du Conseil régional]],  \n\nLa [[Caisse des Dépôts et Consignations|B:public_agency:Caisse des Dépôts et Consignations]] , représentée par le Directeur \ninterrégional Centre-Est, Directeur régional Rhône-Alpes, Monsieur [[Patrick \nFrançois|P:Directeur interrégional Centre-Est, Directeur régional Rhône-Alpes]] \n\nd’une part,\n\nLe syndicat mixte [[Rhône Pluriel|B:syndicat:Syndicat Mixte Rhône Pluriel]], représenté par la Vice-présidente, Madame \n[[Michèle Desestret|P:vice-présidente du syndicat mixte Rhône PLURIEL]] \n";
        assert_eq!(
            bodies(m),
            vec![
                pb("Jean-François CARENCO", "État"),
                pb("Jean-Jack QUEYRANNE", "Région Rhône-Alpes"),
                pb("Patrick \nFrançois", "Caisse des Dépôts et Consignations"),
                pb("Michèle Desestret", "Syndicat Mixte Rhône Pluriel"),
            ]
        );
    }

    #[test]
    fn parties_in_one_paragraph_take_the_clause_head() {
        // 202: the head, not the network named inside the clause
        let m = "L'[[association France Active Centre-Val de Loire|B:network:France Active Centre-Val de Loire]], régie par la loi du 1er juillet 1901, membre du [[réseau France Active|B:network:France Active]], dont le siège social est situé à Orléans (Loiret), représentée par son Président, Monsieur [[Hervé LAMBERT|P:Président]],\n";
        assert_eq!(
            bodies(m),
            vec![pb("Hervé LAMBERT", "France Active Centre-Val de Loire")]
        );
    }

    #[test]
    fn signature_blocks() {
        // seed 003: `Pour …` heads the block; `Par délégation` signs for the same body
        let m = "- Pour le [[Conseil Général de l’Isère|B:departement:Conseil général de l'Isère]] , vu la délibération du 17/10/2014 de la Commission \nPermanente, \n\n[[Alain COTTALORDA|P:Président du Conseil Général de l'Isère]], Président du [[Conseil Général de l'Isère|B:departement:Conseil général de l'Isère]] \n\nPar délégation, [[Pierre-RIBEAUD|P:Vice-président chargé de l'Economie sociale et solidaire]], Vice-président chargé de l'Economie sociale et solidaire \n ET les collectivités partenaires du contrat : \n\n- Pour la [[Ville de Grenoble|B:commune:Ville de Grenoble]] , vu la délibération du 25/10/2014 du Conseil Municipal \n[[Eric PIOLLE|P:Maire de Grenoble]], le Maire de [[Grenoble|B:commune:Ville de Grenoble]] \nPar délégation, [[Pascal CLOUAIRE|P:Adjoint au Maire, délégué à la Démocratie Locale]], Adjoint au Maire \n";
        assert_eq!(
            bodies(m),
            vec![
                pb("Alain COTTALORDA", "Conseil général de l'Isère"),
                pb("Pierre-RIBEAUD", "Conseil général de l'Isère"),
                pb("Eric PIOLLE", "Ville de Grenoble"),
                pb("Pascal CLOUAIRE", "Ville de Grenoble"),
            ]
        );
    }

    #[test]
    fn signature_on_one_line() {
        // 215
        let m = "Signataires\nPour [[l'État|B:etat:État]], [[Antoine Poussier|P:Préfet de la Guyane]], [[Préfet de la Guyane|B:etat:État]]\nPour la [[Collectivité Territoriale de Guyane|B:region:Collectivité Territoriale de Guyane]], [[Gabriel Serville|P:Président]], Président\nPour la [[CRESS de Guyane|B:network:CRESS Guyane]], [[Rosiane Pindard|P:Présidente]], Présidente\n";
        assert_eq!(
            bodies(m),
            vec![
                pb("Antoine Poussier", "État"),
                pb("Gabriel Serville", "Collectivité Territoriale de Guyane"),
                pb("Rosiane Pindard", "CRESS Guyane"),
            ]
        );
    }

    #[test]
    fn contact_blocks_of_a_profile() {
        // seed 004: the profile's body; the assistant's email is not Pierre Ribeaud's
        let m = "Le [[Conseil général de l’Isère|B:departement:Département de l’Isère]] soutient le développement de l’ESS.\nLe [[Département|B:departement:Département de l’Isère]] aussi.\n\nFiche collectivité\n\n> [[Isabelle Metert|P:Chargée de projets ESS]]\nChargée de projets ESS\nDirection de l’aménagement \n[[i.metert@cg38.fr|E]] \n[[04 76 00 64 35|T]]\n\n> [[Pierre Ribeaud|P:Vice-Président chargé de l’économie sociale et solidaire]] \nVice-Président chargé de \nl’économie sociale et solidaire\n[[p.ribeaud@cg38.fr|E]]\nAssistante : [[a.jacquet@cg38.fr|E]]\n[[04 76 00 37 22|T]]\n\n[[Conseil général de l’Isère|B:departement:Département de l’Isère]]\n";
        let l = linked(m);
        assert_eq!(l[0].1.as_deref(), Some("Département de l’Isère"));
        assert_eq!(l[0].2, vec!["i.metert@cg38.fr", "04 76 00 64 35"]);
        assert_eq!(l[1].1.as_deref(), Some("Département de l’Isère"));
        assert_eq!(l[1].2, vec!["p.ribeaud@cg38.fr", "04 76 00 37 22"]);
    }

    #[test]
    fn contact_block_naming_its_body() {
        // 200: the agency named in the block, not the profile's collectivité
        let m = "la [[Collectivité de Corse|B:region:Collectivité de Corse]] et la [[collectivité|B:region:Collectivité de Corse]]\n\nContacts\n\n> [[Laetitia Santoni|P:Chargée de mission économie sociale et solidaire]]\nChargée de mission économie sociale et solidaire\n[[laetitia.santoni@isula.corsica|E]]\n\n> [[Pierre-Paul Casanova|P:Responsable du pôle ESS]]\nResponsable du pôle ESS\n[[Agence de Développement Économique de la Corse|B:public_agency:ADEC]]\n[[pierre-paul.casanova@adec.corsica|E]]\n[[+33 4 95 50 91 12|T]]\n";
        let l = linked(m);
        assert_eq!(l[0].1.as_deref(), Some("Collectivité de Corse"));
        assert_eq!(l[0].2, vec!["laetitia.santoni@isula.corsica"]);
        assert_eq!(l[1].1.as_deref(), Some("ADEC"));
        assert_eq!(
            l[1].2,
            vec!["pierre-paul.casanova@adec.corsica", "+33 4 95 50 91 12"]
        );
    }

    #[test]
    fn contact_never_taken_from_the_next_person() {
        // 210: Frédérik Mayo gives a phone only; Nathalie Payet's email is hers
        let m = "> [[Frédérik Mayo|P:7e Vice-président]]\n7e Vice-président\nSecrétariat des élus : [[0262 48 70 41|T]]\n> [[Nathalie Payet|P:Cheffe du service]]\nCheffe du service\n[[nathalie.payet@cr-reunion.fr|E]]\n";
        let l = linked(m);
        assert_eq!(l[0].2, vec!["0262 48 70 41"]);
        assert_eq!(l[1].2, vec!["nathalie.payet@cr-reunion.fr"]);
    }

    #[test]
    fn heading_and_same_line_contacts() {
        // 204: the heading line names the body; email and phone on the next line
        let m = "Contacts\n\n[[ADEC|B:public_agency:ADEC]] – Pôle économie sociale et solidaire\n[[Marie-Laure Filippi|P:chargée d'instruction ESS]], chargée d'instruction ESS\n[[ml.filippi@adec.corsica|E]] – [[04.95.50.91.27|T]]\n\n[[CRESS de Corse|B:network:CRESS Corse]]\n[[Anna-Maria Luciani|P:chargée de mission accompagnement]], chargée de mission accompagnement\n[[a.luciani@cress.corsica|E]] – [[+33 (0)4 95 10 54 61|T]]\n";
        let l = linked(m);
        assert_eq!(l[0].1.as_deref(), Some("ADEC"));
        assert_eq!(l[0].2, vec!["ml.filippi@adec.corsica", "04.95.50.91.27"]);
        assert_eq!(l[1].1.as_deref(), Some("CRESS Corse"));
        assert_eq!(
            l[1].2,
            vec!["a.luciani@cress.corsica", "+33 (0)4 95 10 54 61"]
        );
        // 205: `Name, role – email` on one line
        let m = "Rédaction : [[Thomas Renaud|P:chargé de mission ESS]], chargé de mission ESS – [[thomas.renaud@centrevaldeloire.fr|E]]\n";
        assert_eq!(linked(m)[0].2, vec!["thomas.renaud@centrevaldeloire.fr"]);
    }

    #[test]
    fn attendance_list_of_minutes() {
        // 205
        let m = "PARTICIPANTS\n\n[[Région Centre-Val de Loire|B:region:Région Centre-Val de Loire]]\n- [[Jérémie Godet|P:Vice-président délégué à l'économie sociale et solidaire]], Vice-président délégué\n- [[Sophie Martineau|P:directrice de l'Économie]], directrice de l'Économie\n[[CRESS Centre-Val de Loire|B:network:CRESS Centre-Val de Loire]]\n- [[Jean-Louis Desnoues|P:président]], président\n[[Banque des Territoires|B:public_agency:Banque des Territoires]], direction régionale Centre-Val de Loire\n- [[Marc Delorme|P:chargé de développement territorial]], chargé de développement territorial\n\nÉchanges :\n- [[Émilie Caron|P:]] ([[France Active Centre-Val de Loire|B:network:France Active Centre-Val de Loire]]) demande que le fonds soit renforcé.\n";
        assert_eq!(
            bodies(m),
            vec![
                pb("Jérémie Godet", "Région Centre-Val de Loire"),
                pb("Sophie Martineau", "Région Centre-Val de Loire"),
                pb("Jean-Louis Desnoues", "CRESS Centre-Val de Loire"),
                pb("Marc Delorme", "Banque des Territoires"),
                pb("Émilie Caron", "France Active Centre-Val de Loire"),
            ]
        );
    }

    #[test]
    fn body_named_in_another_persons_role() {
        // 204: Miniconi's CRESS is not Vinciguerra's body, nor the ADEC Miniconi's
        let m = "Le dispositif a été présenté par [[Alex Vinciguerra|P:président de l'ADEC]], président de l'[[ADEC|B:public_agency:ADEC]], aux côtés de [[Jean-Michel Miniconi|P:directeur de la CRESS de Corse]], directeur de la [[CRESS de Corse|B:network:CRESS Corse]].\n";
        assert_eq!(
            bodies(m),
            vec![
                pb("Alex Vinciguerra", "ADEC"),
                pb("Jean-Michel Miniconi", "CRESS Corse"),
            ]
        );
    }

    #[test]
    fn roles_that_name_their_body() {
        // 213: a Préfet acts for the État; 210: `Présidente du Conseil régional : Name`
        let m = "[[PRÉFET DE LA MARTINIQUE|B:etat:État]]\n\n VU le décret portant nomination de M. [[Jean-Christophe BOUVIER|P:Préfet de la région Martinique]] en qualité de préfet.\nPrésidente du [[Conseil régional|B:region:Région Réunion]] : [[Huguette Bello|P:Présidente du Conseil régional]]\n";
        assert_eq!(
            bodies(m),
            vec![
                pb("Jean-Christophe BOUVIER", "État"),
                pb("Huguette Bello", "Région Réunion"),
            ]
        );
        // `Maire de Grenoble` names the Ville de Grenoble mentioned elsewhere
        let m = "La [[Ville de Grenoble|B:commune:Ville de Grenoble]] et la [[Métropole|B:epci:Grenoble-Alpes Métropole]] signent.\n\nEn présence de [[Eric Piolle|P:Maire de Grenoble]].\n";
        assert_eq!(bodies(m), vec![pb("Eric Piolle", "Ville de Grenoble")]);
        // 212: a regional councillor → the region of the document
        let m = "[[RÉGION GUADELOUPE|B:region:Région Guadeloupe]]\n\n• Vu la convention entre [[l'État|B:etat:État]] et la [[Région|B:region:Région Guadeloupe]] ;\n• Vu le rapport présenté par Madame [[Josette BELLANCE|P:conseillère régionale déléguée à l'économie sociale et solidaire]], conseillère régionale déléguée ;\n";
        assert_eq!(bodies(m), vec![pb("Josette BELLANCE", "Région Guadeloupe")]);
        // a municipal council: the maire's adjoints sit in the commune, not in the
        // Métropole named after them
        let m = "[[VILLE DE VILLEURBANNE|B:commune:Ville de Villeurbanne]]\n\nPrésents : Mme [[Agnès THOUVENOT|P:première adjointe]], première adjointe ; M. [[Jonathan BOCQUET|P:adjoint délégué à l'économie sociale et solidaire]], adjoint délégué à l'économie sociale et solidaire.\n\nLe Pacte engage la [[Métropole de Lyon|B:epci:Métropole de Lyon]].\n";
        assert_eq!(
            bodies(m),
            vec![
                pb("Agnès THOUVENOT", "Ville de Villeurbanne"),
                pb("Jonathan BOCQUET", "Ville de Villeurbanne"),
            ]
        );
    }

    #[test]
    fn acronym_after_pour() {
        // 215: `Référente pour la CTG`, the État being the most mentioned body
        let m = "[[État|B:etat:État]] – [[Collectivité Territoriale de Guyane|B:region:Collectivité Territoriale de Guyane]]\n\n[[l'État|B:etat:État]] et [[l'État|B:etat:État]].\n\nUn comité se réunit. Référente pour la CTG : [[Violaine Machichi-Prost|P:conseillère territoriale déléguée]], conseillère territoriale déléguée.\n";
        assert_eq!(
            bodies(m),
            vec![pb(
                "Violaine Machichi-Prost",
                "Collectivité Territoriale de Guyane"
            )]
        );
    }

    #[test]
    fn chaired_assembly() {
        // 201
        let m = "L'an deux mille vingt-quatre, le [[Conseil communautaire|B:epci:Communauté urbaine Caen la Mer]]\nde la communauté urbaine, s'est réuni à\nl'Hôtel de Caen la Mer sous la présidence de M. [[Joël BRUNEAU|P:Président]], Président.\n";
        assert_eq!(
            bodies(m),
            vec![pb("Joël BRUNEAU", "Communauté urbaine Caen la Mer")]
        );
    }

    #[test]
    fn no_body_in_the_document() {
        let m = "Intervention de [[Jean Dupont|P:consultant]].\n";
        assert_eq!(bodies(m), vec![("Jean Dupont".to_string(), None)]);
    }

    fn arb_mention(len: usize) -> impl Strategy<Value = Mention> {
        (0..len + 3, 0..len + 3, 0..5u8, "[a-zA-Zé ]{0,12}").prop_map(|(a, b, k, s)| {
            let value = match k {
                0 => Value::Person {
                    name: s.clone(),
                    role: Some(s),
                },
                1 => Value::Person {
                    name: s,
                    role: None,
                },
                2 => Value::Contact {
                    kind: ContactKind::Email,
                    normalized: s,
                },
                3 => Value::Contact {
                    kind: ContactKind::Phone,
                    normalized: s,
                },
                _ => Value::Body(BodyMention {
                    name: s.clone(),
                    canonical: (!s.is_empty()).then_some(s),
                    kind: BodyKind::Etat,
                    anaphoric: a % 2 == 0,
                }),
            };
            Mention {
                start: a,
                end: b,
                value,
                rule: "test",
            }
        })
    }

    fn arb_doc() -> impl Strategy<Value = (String, Vec<Mention>)> {
        "(?s)[a-zA-Zéè’'.;:,()\\-–>• \n]{0,200}|(Pour la |représentée par |sous la présidence de |CTG|\n\n|\n| M\\. |Président du Conseil régional|é|x){0,40}"
            .prop_flat_map(|text| {
                let len = text.len();
                (Just(text), proptest::collection::vec(arb_mention(len), 0..16))
            })
    }

    proptest! {
        #[test]
        fn never_panics((text, ms) in arb_doc()) {
            let mut out = Vec::new();
            link(&text, &ms, &mut out);
            for l in &out {
                prop_assert!(l.from < ms.len());
                prop_assert!(l.evidence.0 <= l.evidence.1 && l.evidence.1 <= text.len());
            }
            let mut sorted = ms.clone();
            sorted.sort_by_key(|m| m.start);
            link(&text, &sorted, &mut out);
        }
    }
}
