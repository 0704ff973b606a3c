//! Axis rules: numbered strategic lines (`Axe 1 : Promotion`, `Orientation 2 – …`), `Axe
//! PROMOTION` headings, and the items of an announced list of strategic lines (`3 grandes
//! orientations:` then three items, `Trois axes de travail … : a, b et c`).
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::action::is_bullet;
use super::pattern::{folded_prefixes, line_start_captures, literal_set, words_back};
use super::{AxisKind, Doc, Extractor, Mention, Value};
use crate::fr::fold::fold;

pub struct Axes;

impl Extractor for Axes {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        let t = doc.text;
        let from = out.len();
        // the numbered and heading rules need an axis word in capitalised form
        if [
            "Axe",
            "AXE",
            "Orientation",
            "ORIENTATION",
            "Enjeu",
            "ENJEU",
            "Thématique",
            "THÉMATIQUE",
        ]
        .iter()
        .any(|w| t.contains(w))
        {
            numbered(t, out);
            headings(t, out);
        }
        announced_lists(t, out);
        number_headings(&mut out[from..]);
    }
}

struct Words {
    kinds: Vec<(&'static str, AxisKind)>,
    not: Vec<&'static str>,
}

static WORDS: LazyLock<Words> = LazyLock::new(|| {
    let mut w = Words {
        kinds: Vec::new(),
        not: Vec::new(),
    };
    for l in include_str!("../../data/axis_words.tsv").lines() {
        if l.starts_with('#') || l.trim().is_empty() {
            continue;
        }
        let mut it = l.split('\t');
        let (Some(word), Some(kind)) = (it.next(), it.next()) else {
            continue;
        };
        let k = match kind.trim() {
            "axe" => AxisKind::Axe,
            "orientation" => AxisKind::Orientation,
            "thematique" => AxisKind::Thematique,
            "enjeu" => AxisKind::Enjeu,
            _ => {
                w.not.push(word);
                continue;
            }
        };
        w.kinds.push((word, k));
    }
    w
});

fn kind_of(word: &str) -> Option<AxisKind> {
    let l = word.to_lowercase();
    WORDS.kinds.iter().find(|(w, _)| *w == l).map(|(_, k)| *k)
}

fn push(
    t: &str,
    out: &mut Vec<Mention>,
    (start, end): (usize, usize),
    kind: AxisKind,
    number: Option<u32>,
    label: String,
    rule: &'static str,
) {
    if label.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return;
    }
    // the span covers the label's text, without the white space around it
    let piece = t.get(start..end).unwrap_or("");
    let start = start + (piece.len() - piece.trim_start().len());
    let end = start + piece.trim().len();
    out.push(Mention {
        start,
        end,
        value: Value::Axis {
            kind,
            number,
            label,
        },
        rule,
    });
}

fn roman(s: &str) -> Option<u32> {
    let v = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let ds: Option<Vec<u32>> = s.chars().map(v).collect();
    let ds = ds?;
    let mut n = 0i64;
    for (i, d) in ds.iter().enumerate() {
        if ds.get(i + 1).is_some_and(|x| x > d) {
            n -= i64::from(*d);
        } else {
            n += i64::from(*d);
        }
    }
    u32::try_from(n).ok().filter(|&x| x > 0)
}

/// Words after which a label wrapped onto the next line goes on.
const OPEN_END: &[&str] = &[
    "à", "au", "aux", "d'", "de", "des", "du", "en", "et", "l'", "la", "le", "les", "par", "pour",
    "sur",
];

/// End of the label that starts at `from`: at ` : ` (what follows explains it), `;`, a
/// sentence end, or the end of its line unless the line wraps (next line in lower case, or
/// the line ends on a preposition or article).
fn label_end(t: &str, from: usize, across_blank: bool) -> usize {
    let mut pos = from;
    loop {
        let rest = t.get(pos..).unwrap_or("");
        let nl = rest.find('\n').map_or(t.len(), |i| pos + i);
        let line = t.get(pos..nl).unwrap_or("");
        for (i, c) in line.char_indices() {
            let after = line.get(i + c.len_utf8()..).unwrap_or("");
            let stop = match c {
                ';' => true,
                ':' => i > 0 && line.get(..i).is_some_and(|b| b.ends_with(' ')) || after.is_empty(),
                '.' => after.is_empty() || after.starts_with(char::is_whitespace),
                '>' => i > 0 && line.get(..i).is_some_and(|b| b.ends_with(' ')),
                _ => false,
            };
            if stop && pos + i > from {
                return pos + i;
            }
        }
        if nl >= t.len() {
            return nl;
        }
        // look at the next non-blank line
        let mut next_start = nl + 1;
        let mut blank = false;
        loop {
            let r = t.get(next_start..).unwrap_or("");
            let e = r.find('\n').map_or(t.len(), |i| next_start + i);
            if t.get(next_start..e).unwrap_or("").trim().is_empty() && e < t.len() {
                blank = true;
                next_start = e + 1;
                continue;
            }
            break;
        }
        if blank && !across_blank {
            return nl;
        }
        let next = t.get(next_start..).unwrap_or("").trim_start();
        let cur = line.trim_end();
        let lw = cur
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_lowercase();
        let lower = next.chars().next().is_some_and(char::is_lowercase);
        let open = OPEN_END.contains(&lw.as_str()) || cur.ends_with('-');
        if next.starts_with(is_bullet)
            || next.is_empty()
            || !(lower || open && !blank)
            || next_start - from > 500
        {
            return nl;
        }
        pos = next_start;
    }
}

/// A label as written: wrapped lines joined (a word cut by a hyphen at a line end mended),
/// number separators and final punctuation dropped.
fn clean_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut ws, mut nl) = (false, false);
    for c in s.chars() {
        if c.is_whitespace() {
            ws = true;
            nl |= c == '\n';
            continue;
        }
        if ws && !out.is_empty() && !(nl && out.ends_with('-') && c.is_lowercase()) {
            out.push(' ');
        } else if ws && nl && out.ends_with('-') && c.is_lowercase() {
            out.pop();
        }
        ws = false;
        nl = false;
        out.push(c);
    }
    out.trim_matches(|c: char| c.is_whitespace() || ",;:.–—-•".contains(c))
        .to_string()
}

/// The words that open a numbered strategic line, as written.
const LINE_WORDS: [&str; 12] = [
    "Axe",
    "AXE",
    "Orientation",
    "ORIENTATION",
    "Enjeu",
    "ENJEU",
    "Thématique",
    "THÉMATIQUE",
    "Volet",
    "VOLET",
    "Priorité",
    "PRIORITÉ",
];

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    let bullet = r"[-•–*\x{E000}-\x{F8FF}]";
    let words = LINE_WORDS.join("|");
    Regex::new(&format!(
        r"(?m)^[ \t]*(?:{bullet}[ \t]*)?(?:[0-9]{{1,2}}(?:\.[0-9]{{1,2}})*\.?[ \t]+)?({words})(?:[ \t]+(?i:stratégique|prioritaire|transversal|transversale|opérationnel|opérationnelle)s?)?[ \t]*(?:n[°o][ \t]*)?([0-9]{{1,2}}|[IVX]{{1,4}})[ \t]*(?:[:–—.)-][ \t]*)?"
    ))
    .expect("static regex")
});

/// [`LINE_WORDS`] as one literal search (SIMD).
static LINE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&LINE_WORDS.join("|")).expect("static regex"));

// Strategic lines are numbered at the start of a line: `Axe 1 : …`, `AXE 3 :`, `Orientation 2 – …`,
// `Enjeu 1`, the number possibly glued to its label (`Axe 2Communication`).
fn numbered(t: &str, out: &mut Vec<Mention>) {
    for c in line_start_captures(&NUMBERED, &LINE_WORD, t) {
        let (Some(all), Some(word), Some(num)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let n = if num.as_str().as_bytes()[0].is_ascii_digit() {
            num.as_str().parse::<u32>().ok()
        } else {
            // `Axe INNOVATION` is a heading, not axis I
            if t.get(num.end()..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_alphabetic)
            {
                continue;
            }
            roman(num.as_str())
        };
        let Some(kind) = kind_of(word.as_str()) else {
            continue;
        };
        let mut from = all.end();
        // `AXE 3 :` with its label on the next line
        let rest_of_line = t
            .get(from..)
            .map(|r| r.get(..r.find('\n').unwrap_or(r.len())).unwrap_or(""));
        if rest_of_line.is_some_and(|l| l.trim().is_empty()) {
            let r = t.get(from..).unwrap_or("");
            let skip = r.len() - r.trim_start().len();
            from += skip;
            if t.get(from..).is_some_and(|r| {
                NUMBERED.is_match(r.get(..r.find('\n').unwrap_or(r.len())).unwrap_or(""))
            }) {
                continue;
            }
        }
        let end = label_end(t, from, false);
        let label = clean_label(t.get(from..end).unwrap_or(""));
        push(
            t,
            out,
            (word.start(), end.max(from)),
            kind,
            n,
            label,
            "axis.numbered",
        );
    }
}

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(Axe|AXE|Orientation|ORIENTATION)[ \t]+(\p{Lu}[\p{Lu} '’-]{2,80}?)[ \t]*$",
    )
    .expect("static regex")
});

/// [`HEADING`] on one line (without its `\n`): the spans of the axis word and of the label,
/// or `Err` when a character's class is not known without the regex.
#[allow(clippy::type_complexity)]
fn heading_in_line(line: &str) -> Result<Option<((usize, usize), (usize, usize))>, ()> {
    let lead = line.len() - line.trim_start_matches([' ', '\t']).len();
    let r = &line[lead..];
    let Some(word) = ["Axe", "AXE", "Orientation", "ORIENTATION"]
        .into_iter()
        .find(|w| r.starts_with(w))
    else {
        return Ok(None);
    };
    let ws = lead + word.len();
    let ls = line.len() - line[ws..].trim_start_matches([' ', '\t']).len();
    if ls == ws {
        return Ok(None);
    }
    // `\p{Lu}[\p{Lu} '’-]{2,80}?[ \t]*$`: the shortest label after which only blanks remain
    let tail = line.trim_end_matches([' ', '\t']).len();
    let mut p = ls;
    let mut n = 0;
    for c in line[ls..].chars() {
        if n >= 3 && p >= tail {
            return Ok(Some(((lead, ws), (ls, p))));
        }
        if n == 81 {
            return Ok(None);
        }
        let ok = if n > 0 && matches!(c, ' ' | '\'' | '’' | '-') {
            true
        } else {
            crate::extract::person::is_upper_letter(c).ok_or(())?
        };
        if !ok {
            return Ok(None);
        }
        p += c.len_utf8();
        n += 1;
    }
    Ok((n >= 3 && p >= tail).then_some(((lead, ws), (ls, p))))
}

/// The matches of [`HEADING`]: (axis word, label) spans in `t`.
fn heading_matches(t: &str) -> Vec<((usize, usize), (usize, usize))> {
    let mut v = Vec::new();
    let mut base = 0;
    for line in t.split('\n') {
        match heading_in_line(line) {
            Ok(Some(((a, b), (c, d)))) => v.push(((base + a, base + b), (base + c, base + d))),
            Ok(None) => {}
            Err(()) => {
                if let Some(c) = HEADING.captures(line) {
                    if let (Some(w), Some(l)) = (c.get(1), c.get(2)) {
                        v.push((
                            (base + w.start(), base + w.end()),
                            (base + l.start(), base + l.end()),
                        ));
                    }
                }
            }
        }
        base += line.len() + 1;
    }
    v
}

// A plan's table sections are headed by the axis name in capitals: `Axe PROMOTION`.
fn headings(t: &str, out: &mut Vec<Mention>) {
    for ((ws, we), (ls, le)) in heading_matches(t) {
        let (Some(word), Some(label)) = (t.get(ws..we), t.get(ls..le)) else {
            continue;
        };
        let Some(kind) = kind_of(word) else {
            continue;
        };
        if roman(label.trim()).is_some() {
            continue;
        }
        push(
            t,
            out,
            (ws, le),
            kind,
            None,
            clean_label(label),
            "axis.heading",
        );
    }
}

/// A heading that repeats a numbered axis of the same document takes its number.
fn number_headings(ms: &mut [Mention]) {
    let mut numbered: HashMap<String, u32> = HashMap::new();
    for m in ms.iter() {
        if let Value::Axis {
            number: Some(n),
            label,
            ..
        } = &m.value
        {
            numbered.entry(fold(label)).or_insert(*n);
        }
    }
    if numbered.is_empty() {
        return;
    }
    for m in ms.iter_mut() {
        if let Value::Axis {
            number: number @ None,
            label,
            ..
        } = &mut m.value
        {
            if let Some(n) = numbered.get(&fold(label)) {
                *number = Some(*n);
            }
        }
    }
}

static ANNOUNCE: LazyLock<Regex> = LazyLock::new(|| {
    let mut nouns: Vec<&str> = WORDS.kinds.iter().map(|(w, _)| *w).collect();
    nouns.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let nouns = nouns.join("|");
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:([0-9]{{1,2}}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs|des|les)[ \t\n]+)(?:(?:grande?s?|grands|principaux|principales|nouvelles?|nouveaux)[ \t\n]+)?({nouns})(?-u:\b)([^.:;\n]{{0,90}}(?:\n[^.:;\n]{{0,90}})?)[ \t]*([:;.])"
    ))
    .expect("static regex")
});

/// How every noun of [`ANNOUNCE`] can start in the text with its ASCII letters lower-cased:
/// one literal search (SIMD) over them finds every noun `ANNOUNCE` can match.
static NOUN_STARTS: LazyLock<Regex> =
    LazyLock::new(|| literal_set(WORDS.kinds.iter().flat_map(|(n, _)| folded_prefixes(n, 5))));

/// [`ANNOUNCE`]'s matches, the same as its `captures_iter`, with the rule run only near axis
/// nouns: its determiners (`des`, `les`) are everywhere and a full scan with it cost a third
/// of the family. A match is a determiner, maybe an adjective, a noun, then words up to the
/// first `.`, `:` or `;`. So the first noun start `h` at or after `pos` (from
/// [`NOUN_STARTS`]) lies before the next match or inside it before its noun, at most two
/// words after the match's start; and the first mark after `h` ends the match or comes
/// before its start.
fn announce_matches(t: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    let lower = t.to_ascii_lowercase();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < t.len() {
            let h = NOUN_STARTS.find_at(&lower, pos)?.start();
            let from = words_back(t, h, 3).max(pos);
            let end = t
                .get(h..)
                .and_then(|r| r.find(['.', ':', ';']))
                .map_or(t.len(), |k| h + k + 1);
            match ANNOUNCE.captures_at(t.get(..end)?, from) {
                Some(c) => {
                    pos = c.get(0)?.end();
                    return Some(c);
                }
                None => pos = end,
            }
        }
        None
    })
}

fn count_word(s: &str) -> Option<usize> {
    let l = s.to_lowercase();
    let words = [
        "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    ];
    if let Some(i) = words.iter().position(|w| *w == l) {
        return Some(i + 2);
    }
    l.parse().ok()
}

/// The sentence around `pos`, from the previous sentence end (or the line before) to `end`.
fn sentence_before(t: &str, pos: usize) -> &str {
    let from = {
        let mut f = pos.saturating_sub(300);
        while f > 0 && !t.is_char_boundary(f) {
            f -= 1;
        }
        f
    };
    let w = t.get(from..pos).unwrap_or("");
    let cut = [". ", ".\n", "\n\n", "; "]
        .iter()
        .filter_map(|s| w.rfind(s).map(|i| i + s.len()))
        .max()
        .unwrap_or(0);
    // and the line before it (a heading such as `Appel à projets …`)
    let s = w.get(..cut).unwrap_or("");
    let line_before = s.trim_end().rfind('\n').map_or(0, |i| i + 1);
    w.get(line_before..).unwrap_or(w)
}

// A policy announces its strategic lines with their count and kind (`3 grandes orientations:`,
// `trois leviers`, `deux champs prioritaires ;`, `les deux axes suivants :`) and lists them,
// inline after the colon or as bulleted or numbered items on the following lines.
fn announced_lists(t: &str, out: &mut Vec<Mention>) {
    for c in announce_matches(t) {
        let (Some(all), Some(det), Some(noun), Some(tail), Some(term)) =
            (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4))
        else {
            continue;
        };
        let n = count_word(det.as_str());
        let det_l = det.as_str().to_lowercase();
        if n.is_none() && det_l != "plusieurs" && !tail.as_str().contains("suivant") {
            continue;
        }
        let Some(kind) = kind_of(noun.as_str()) else {
            continue;
        };
        // the announcing line is not itself an item of a list
        let line_start = t
            .get(..all.start())
            .and_then(|b| b.rfind('\n'))
            .map_or(0, |i| i + 1);
        let lead = t.get(line_start..all.start()).unwrap_or("").trim_start();
        if lead.starts_with(is_bullet) {
            continue;
        }
        let ctx = sentence_before(t, all.end()).to_lowercase();
        if WORDS.not.iter().any(|w| ctx.contains(w)) {
            continue;
        }
        let after = all.end();
        let rest_of_line = t.get(after..).map_or("", |r| {
            r.get(..r.find('\n').unwrap_or(r.len())).unwrap_or("")
        });
        if term.as_str() == ":" && !rest_of_line.trim().is_empty() {
            inline_items(t, after, n, kind, out);
        } else {
            line_items(t, after, n, term.as_str() == ".", kind, out);
        }
    }
}

/// `: la communication, les outils de développement et l'innovation et filière.`
fn inline_items(t: &str, from: usize, n: Option<usize>, kind: AxisKind, out: &mut Vec<Mention>) {
    let rest = t.get(from..).unwrap_or("");
    let mut end = rest.len().min(600);
    for stop in [". ", ".\n", "\n\n"] {
        if let Some(i) = rest.find(stop) {
            end = end.min(i);
        }
    }
    if rest.len() <= 600 && rest.trim_end().ends_with('.') && end == rest.len() {
        end = rest.trim_end().len() - 1;
    }
    while end > 0 && !rest.is_char_boundary(end) {
        end -= 1;
    }
    let body = rest.get(..end).unwrap_or("");
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    for (i, ch) in body.char_indices() {
        if ch == ',' || ch == ';' {
            parts.push((s, i));
            s = i + 1;
        }
    }
    parts.push((s, body.len()));
    // the last two items are joined by `et`
    if let (Some(want), Some(&(ls, le))) = (n, parts.last()) {
        if parts.len() + 1 == want {
            if let Some(k) = body.get(ls..le).and_then(|x| x.find(" et ")) {
                parts.pop();
                parts.push((ls, ls + k));
                parts.push((ls + k + 4, le));
            }
        }
    }
    if n.is_some_and(|want| want != parts.len()) || parts.len() < 2 {
        return;
    }
    for (s, e) in parts {
        let label = clean_label(body.get(s..e).unwrap_or(""));
        push(
            t,
            out,
            (from + s, from + e),
            kind,
            None,
            label,
            "axis.inline_list",
        );
    }
}

static ITEM_NUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*([0-9]{1,2})[ \t]*(?:[.)•–-]|°)[ \t]+").expect("static regex")
});

/// Items on the lines after the announcement: bulleted, or numbered from 1.
fn line_items(
    t: &str,
    from: usize,
    n: Option<usize>,
    sentence: bool,
    kind: AxisKind,
    out: &mut Vec<Mention>,
) {
    let mut pos = from;
    // skip the rest of the announcing line and blank lines
    if let Some(i) = t.get(pos..).and_then(|r| r.find('\n')) {
        pos += i + 1;
    } else {
        return;
    }
    let first = loop {
        let r = t.get(pos..).unwrap_or("");
        let e = r.find('\n').map_or(r.len(), |i| i);
        let line = r.get(..e).unwrap_or("");
        if line.trim().is_empty() && e < r.len() {
            pos += e + 1;
            continue;
        }
        break line;
    };
    let ft = first.trim_start();
    if NUMBERED.is_match(first) {
        return;
    }
    if let Some(c) = ITEM_NUM.captures(first) {
        if c.get(1).map(|m| m.as_str()) != Some("1") {
            return;
        }
        numbered_items(t, pos, n.unwrap_or(9), kind, out);
        return;
    }
    if !ft.starts_with(is_bullet) {
        if let (true, Some(n)) = (sentence, n) {
            heading_items(t, pos, n, kind, out);
        }
        return;
    }
    let want = n.unwrap_or(12);
    let mut count = 0;
    while count < want {
        let r = t.get(pos..).unwrap_or("");
        let e = r.find('\n').map_or(r.len(), |i| i);
        let line = r.get(..e).unwrap_or("");
        let lt = line.trim_start();
        if line.trim().is_empty() {
            if e >= r.len() {
                break;
            }
            pos += e + 1;
            continue;
        }
        if !lt.starts_with(is_bullet) {
            break;
        }
        let body = lt.trim_start_matches(is_bullet).trim_start();
        let start = pos + (line.len() - body.len());
        if NUMBERED.is_match(body) {
            break;
        }
        let end = label_end(t, start, true);
        let label = clean_label(t.get(start..end).unwrap_or(""));
        push(
            t,
            out,
            (start, end.max(start)),
            kind,
            None,
            label,
            "axis.list_item",
        );
        count += 1;
        // go to the line after the item's end
        let next = t
            .get(end..)
            .and_then(|x| x.find('\n'))
            .map_or(t.len(), |i| end + i + 1);
        // an item's text may run on past the label: skip its continuation lines
        let mut p = next;
        loop {
            let r2 = t.get(p..).unwrap_or("");
            let e2 = r2.find('\n').map_or(r2.len(), |i| i);
            let l2 = r2.get(..e2).unwrap_or("").trim_start();
            if l2.is_empty() || l2.starts_with(is_bullet) || e2 >= r2.len() {
                break;
            }
            p += e2 + 1;
        }
        if p <= pos {
            break;
        }
        pos = p;
    }
}

/// Words ending like infinitives that are not verbs.
const NOT_INFINITIVES: &[&str] = &[
    "autre", "cadre", "centre", "chapitre", "contre", "dernier", "entre", "lettre", "membre",
    "nombre", "notre", "ordre", "outre", "premier", "titre", "votre",
];

/// `Organiser un écosystème …`: a heading that opens with a verb in the infinitive.
fn is_infinitive_heading(line: &str) -> bool {
    let w: String = line
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let l = w.to_lowercase();
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().count() > 3
        && (l.ends_with("er") || l.ends_with("ir") || l.ends_with("re"))
        && !NOT_INFINITIVES.contains(&l.as_str())
}

/// `Trois leviers seront activés.` followed by sections headed by infinitive phrases: the
/// next `n` such headings (a line or two standing alone, without final point), all or none.
fn heading_items(t: &str, from: usize, n: usize, kind: AxisKind, out: &mut Vec<Mention>) {
    let limit = (from + 8000).min(t.len());
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut pos = from;
    let mut prev_closed = true;
    while pos < limit && found.len() < n {
        let r = t.get(pos..).unwrap_or("");
        let e = pos + r.find('\n').unwrap_or(r.len());
        let line = t.get(pos..e).unwrap_or("");
        let lt = line.trim();
        if lt.is_empty() {
            prev_closed = true;
            pos = e + 1;
            continue;
        }
        let mut taken = false;
        if prev_closed && is_infinitive_heading(line) && !lt.ends_with(['.', ':', ';']) {
            // the heading may wrap once; it stands before a blank line
            let mut end = e;
            let next_of = |p: usize| {
                let r2 = t.get(p..).unwrap_or("");
                let e2 = p + r2.find('\n').unwrap_or(r2.len());
                (e2, t.get(p..e2).unwrap_or("").trim().to_string())
            };
            let (e2, l2) = next_of(e + 1);
            if !l2.is_empty() && e + 1 < t.len() {
                end = e2;
            }
            let (_, after) = next_of(end + 1);
            let text = t.get(pos..end).unwrap_or("");
            if after.is_empty() && text.len() <= 240 && !text.trim_end().ends_with('.') {
                found.push((pos, end));
                taken = true;
                pos = end + 1;
            }
        }
        if found.is_empty() && !taken {
            // the first heading comes right after the announcement
            return;
        }
        if !taken {
            prev_closed = lt.ends_with(['.', ':']);
            pos = e + 1;
        }
    }
    if found.len() != n {
        return;
    }
    for (s, e) in found {
        let label = clean_label(t.get(s..e).unwrap_or(""));
        push(t, out, (s, e), kind, None, label, "axis.heading_items");
    }
}

/// `1 • …`, `2 • …`: numbered items, looked for in order within the section.
fn numbered_items(t: &str, from: usize, n: usize, kind: AxisKind, out: &mut Vec<Mention>) {
    let limit = (from + 6000).min(t.len());
    let mut pos = from;
    let mut k = 1usize;
    while k <= n && pos < limit {
        let r = t.get(pos..).unwrap_or("");
        let e = r.find('\n').map_or(r.len(), |i| i);
        let line = r.get(..e).unwrap_or("");
        if let Some(c) = ITEM_NUM.captures(line) {
            let (Some(all), Some(num)) = (c.get(0), c.get(1)) else {
                break;
            };
            if num.as_str().parse::<usize>().ok() == Some(k) {
                let start = pos + all.end();
                let end = label_end(t, start, true);
                let label = clean_label(t.get(start..end).unwrap_or(""));
                push(
                    t,
                    out,
                    (start, end.max(start)),
                    kind,
                    u32::try_from(k).ok(),
                    label,
                    "axis.numbered_item",
                );
                k += 1;
            }
        }
        if e >= r.len() {
            break;
        }
        pos += e + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> Vec<(Option<u32>, String)> {
        let mut out = Vec::new();
        Axes.extract(&Doc { id: "t", text: t }, &mut out);
        out.sort_by_key(|m| m.start);
        out.into_iter()
            .map(|m| match m.value {
                Value::Axis { number, label, .. } => (number, label),
                _ => unreachable!(),
            })
            .collect()
    }

    fn ax(n: Option<u32>, l: &str) -> (Option<u32>, String) {
        (n, l.to_string())
    }

    #[test]
    fn heading_lines_as_the_regex() {
        let t = "Axe PROMOTION\n  AXE   ÉCONOMIE SOCIALE \t\nOrientation AB  \nOrientation AB\t \nAxe AB\nAxe ABC-D’E\n\
                 Axe Promotion\nAxes PROMO\nORIENTATION I\nAxe\tL'ESS\nAxe ΩMEGA\nAxe ΑΒΓ\nAxe ABC\r\nAxe ABCD  X\n\
                 Axe AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n\
                 Axe AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA  \n\
                 Axe AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nAxe -AB\nAxe A \nAxe A  ";
        let want: Vec<_> = HEADING
            .captures_iter(t)
            .map(|c| {
                let (w, l) = (c.get(1).unwrap(), c.get(2).unwrap());
                ((w.start(), w.end()), (l.start(), l.end()))
            })
            .collect();
        assert_eq!(heading_matches(t), want);
    }

    #[test]
    fn announced_lists_as_the_regex() {
        let t = "Les Trois grandes ORIENTATIONS : a, b et c. des axes; trois thÈmes suivants :\n\
                 - x\ndeux\n\n  nouveaux   piliers. taxes trois axes. les deux enjeux suivants ; \
                 1 thématique : a. Plusieurs priorités; deux volets: dix niveaux.";
        let want: Vec<_> = ANNOUNCE
            .captures_iter(t)
            .map(|c| c.get(0).map(|m| m.range()))
            .collect();
        let got: Vec<_> = announce_matches(t)
            .map(|c| c.get(0).map(|m| m.range()))
            .collect();
        assert!(want.len() > 5, "{want:?}");
        assert_eq!(got, want);
        for (noun, _) in &WORDS.kinds {
            for form in [noun.to_string(), noun.to_uppercase()] {
                let lower = form.to_ascii_lowercase();
                assert_eq!(
                    NOUN_STARTS.find(&lower).map(|m| m.start()),
                    Some(0),
                    "{form}"
                );
            }
        }
    }

    #[test]
    fn table_sorted() {
        let rows: Vec<&str> = include_str!("../../data/axis_words.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(rows.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn numbered_axes() {
        let t = "autour de trois axes : \n\n• Axe 1 : Promotion \n• Axe 2 : Innovation sociale \n\n3.2. Axe 1 : Promotion \n\nAxe PROMOTION \n";
        assert_eq!(
            run(t),
            [
                ax(Some(1), "Promotion"),
                ax(Some(2), "Innovation sociale"),
                ax(Some(1), "Promotion"),
                ax(Some(1), "PROMOTION")
            ]
        );
        assert_eq!(
            run("- Axe 2Communication, promotion et sensibilisation\n- Axe 3Ressources humaines et ESS\n"),
            [ax(Some(2), "Communication, promotion et sensibilisation"), ax(Some(3), "Ressources humaines et ESS")]
        );
        assert_eq!(
            run(" Axe 2 – Accompagner la création et la consolidation des entreprises de \nl'ESS : accueil et orientation des porteurs de projet\n"),
            [ax(Some(2), "Accompagner la création et la consolidation des entreprises de l'ESS")]
        );
        assert_eq!(
            run("Orientation 2 – Consolider la finance solidaire et l'accès des structures aux fonds européens\n"),
            [ax(Some(2), "Consolider la finance solidaire et l'accès des structures aux fonds européens")]
        );
        assert_eq!(
            run("AXE 3 :\nObserver l'ESS\n"),
            [ax(Some(3), "Observer l'ESS")]
        );
    }

    #[test]
    fn announced_lists() {
        let t = "3 grandes orientations:\n- Renforcer la création\n- Promouvoir l’offre\n- Favoriser les collaborations\n5 thématiques prioritaires:\n- Déchets\n- Habitat\n4 axes d’intervention:\n- Axe 1 Entrepreneuriat\n";
        assert_eq!(
            run(t),
            [
                ax(None, "Renforcer la création"),
                ax(None, "Promouvoir l’offre"),
                ax(None, "Favoriser les collaborations"),
                ax(None, "Déchets"),
                ax(None, "Habitat"),
                ax(Some(1), "Entrepreneuriat"),
            ]
        );
        let t = "Trois axes de travail spécifiques sont mis en avant : la communication, les outils de développement et l'innovation et filière.\n";
        assert_eq!(
            run(t),
            [
                ax(None, "la communication"),
                ax(None, "les outils de développement"),
                ax(None, "l'innovation et filière")
            ]
        );
        let t = "autour de 3 enjeux identifiés : communiquer sur l'ESS, financer et développer l'ESS, développer de nouveaux services de l'ESS.\n";
        assert_eq!(run(t).len(), 3);
        let t = "s’articule autour \nde trois niveaux d’intervention. \n1 •  IDECLIC SOLIDAIRE PROJETS, un dispositif \n\nde soutien. > Bilan\n\n2 •   La structuration du secteur\n\n-  Autre chose\n\n3 •  LA SENSIBILISATION auprès du \ngrand public \n";
        assert_eq!(
            run(t),
            [
                ax(
                    Some(1),
                    "IDECLIC SOLIDAIRE PROJETS, un dispositif de soutien"
                ),
                ax(Some(2), "La structuration du secteur"),
                ax(Some(3), "LA SENSIBILISATION auprès du grand public"),
            ]
        );
        let t = "Il s’appuie sur 3 axes de développement : \n\n-  La promotion régionale \net territoriale de l’ESS : \ndans la continuité.\n\n-  L’innovation sociale : au-delà\n\n-  Le développement en \nESS : par un soutien\n";
        assert_eq!(
            run(t),
            [
                ax(None, "La promotion régionale et territoriale de l’ESS"),
                ax(None, "L’innovation sociale"),
                ax(None, "Le développement en ESS")
            ]
        );
    }

    #[test]
    fn infinitive_headings() {
        let t = "Trois leviers seront ainsi activés par le nouveau contrat. \n \nOrganiser un écosystème favorable et accompagner \nles entreprises \n \nParfois pointée du doigt, l’ESS reste méconnue. \n\nDévelopper l'innovation sociale (sociale, \néconomique…) \n \nL’innovation sociale passe par la coopération.\n Assurer l'accompagnement des projets collectifs \n \nCet axe se nourrit.\n";
        assert_eq!(
            run(t),
            [
                ax(
                    None,
                    "Organiser un écosystème favorable et accompagner les entreprises"
                ),
                ax(
                    None,
                    "Développer l'innovation sociale (sociale, économique…)"
                ),
                ax(None, "Assurer l'accompagnement des projets collectifs"),
            ]
        );
        // prose after the announcement: no list
        assert!(run(
            "Trois leviers seront activés. \n\nLe contrat prévoit de Renforcer\n\nDévelopper X\n\n"
        )
        .is_empty());
        // fewer headings than announced: none
        assert!(run(
            "Trois leviers seront activés.\n\nOrganiser un écosystème\n\nSuite du texte.\n"
        )
        .is_empty());
    }

    #[test]
    fn not_axes() {
        assert!(run("Priorité est donnée aux projets relevant de trois thématiques :\n\n1. les services ;\n2. l'économie circulaire ;\n3. l'alimentation.\n").is_empty());
        assert!(run("L'édition 2024 retient trois thématiques prioritaires : l'alimentation durable, le réemploi et l'inclusion numérique.").is_empty());
        assert!(run("- valide l'architecture en quatre orientations ;\n- retient le principe\n- crée un groupe\n- confie\n- décide\n").is_empty());
        assert!(run("au sein des 3 axes précédemment évoqués. Chaque chantier").is_empty());
        assert!(run("Le projet cible deux publics : les jeunes, les seniors.").is_empty());
        assert!(run(
            "fixe trois orientations, déclinées en neuf actions.\n\n2. ORIENTATIONS ET ACTIONS\n"
        )
        .is_empty());
        assert!(run("intégré à l'orientation 3.\n").is_empty());
    }
}
