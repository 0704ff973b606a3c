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
            let has_person = self.persons.iter().any(|&i| {
                self.mention(i)
                    .is_some_and(|m| m.start >= s && m.start < e.max(s + 1))
            });
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
        let index = self.name_index();
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
                    if let Some(&b) = self.initials_index().get(*first) {
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
        self.main_body(|bm| bm.kind == kind, false)
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
