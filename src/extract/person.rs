//! Person rules. A run of capitalised words is a person's name only when the text frames it as
//! one: a civility before it (`Monsieur Jean-François CARENCO`), a role right after it
//! (`Eric PIOLLE, le Maire de Grenoble`), a role that introduces it (`représentée par le
//! Président du Conseil régional, Monsieur …`), a signature block (`Le Président,⏎Joël BRUNEAU`),
//! a `Role : Name` line, or a contact block (`> Isabelle Metert⏎Chargée de projets ESS`).
use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet as HashSet;

use super::{Doc, Extractor, Mention, Value};

pub struct Persons;

impl Extractor for Persons {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        let from = out.len();
        persons(doc.text, out);
        fullest_roles(&mut out[from..]);
    }
}

fn table(src: &'static str) -> HashSet<&'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

static CIVILITIES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| table(include_str!("../../data/civilities.tsv")));
static ROLE_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| table(include_str!("../../data/role_titles.tsv")));
static NOT_NAMES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| table(include_str!("../../data/person_not_names.tsv")));

/// A name token: `Jean-François`, `Mayer-Rossignol`, `CARENCO`, `LEMARIÉ`, optionally led by a
/// particle (`de`, `du`, `des`, `d'`); tokens are separated by spaces or one line break.
static RUN: LazyLock<Regex> = LazyLock::new(|| {
    let tok = r"(?:\p{Lu}\p{Ll}+(?:[-‐]\p{Lu}\p{Ll}+)*(?:-\p{Lu}{2,}(?:-\p{Lu}{2,})*)?|\p{Lu}{2,}(?:[-‐]\p{Lu}{2,})*)";
    Regex::new(&format!(
        r"{tok}(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:(?:de|du|des|d'|d’)[ \t]*)?{tok})*"
    ))
    .expect("static regex")
});

/// What the name-run matcher knows of a character: `\p{Lu}`, `\p{Ll}`, neither, or not known
/// (outside the ranges checked against the regex classes by a unit test).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cls {
    Lu,
    Ll,
    Other,
}

/// A character outside the known ranges: the search falls back to [`RUN`].
struct Unknown;

fn cls(c: char) -> Result<Cls, Unknown> {
    let u = c as u32;
    if u < 0x250 {
        Ok(if c.is_uppercase() {
            Cls::Lu
        } else if c.is_lowercase() && u != 0xAA && u != 0xBA {
            Cls::Ll
        } else {
            Cls::Other
        })
    } else if (0x2000..=0x206F).contains(&u)
        || (0x20A0..=0x20CF).contains(&u)
        || (0x2190..=0x2BFF).contains(&u)
        || (0xE000..=0xF8FF).contains(&u)
    {
        Ok(Cls::Other)
    } else {
        Err(Unknown)
    }
}

/// Whether `c` is `\p{Lu}`, or `None` when not known without the regex tables.
pub(crate) fn is_upper_letter(c: char) -> Option<bool> {
    cls(c).ok().map(|k| k == Cls::Lu)
}

/// Class and length of the character at `i` (`Other` at the end of the text).
fn cls_at(t: &str, i: usize) -> Result<(Cls, usize), Unknown> {
    match t.as_bytes().get(i) {
        None => Ok((Cls::Other, 0)),
        Some(b) if b.is_ascii_uppercase() => Ok((Cls::Lu, 1)),
        Some(b) if b.is_ascii_lowercase() => Ok((Cls::Ll, 1)),
        Some(b) if b.is_ascii() => Ok((Cls::Other, 1)),
        Some(_) => {
            let c = t.get(i..).and_then(|r| r.chars().next()).ok_or(Unknown)?;
            Ok((cls(c)?, c.len_utf8()))
        }
    }
}

/// End of the longest run of characters of class `k` from `i`, and their number.
fn class_run(t: &str, mut i: usize, k: Cls) -> Result<(usize, usize), Unknown> {
    let mut n = 0;
    loop {
        let (c, l) = cls_at(t, i)?;
        if c != k || l == 0 {
            return Ok((i, n));
        }
        i += l;
        n += 1;
    }
}

/// `\p{Lu}{2,}` at `i`.
fn upper2(t: &str, i: usize) -> Result<Option<usize>, Unknown> {
    let (e, n) = class_run(t, i, Cls::Lu)?;
    Ok((n >= 2).then_some(e))
}

/// Length of a hyphen `[-‐]` at `i`.
fn hyphen_at(t: &str, i: usize) -> usize {
    let r = t.get(i..).unwrap_or("");
    if r.starts_with('-') {
        1
    } else if r.starts_with('‐') {
        '‐'.len_utf8()
    } else {
        0
    }
}

/// The end of a name token of [`RUN`] at `x`, as the regex would match it there.
fn tok_at(t: &str, x: usize) -> Result<Option<usize>, Unknown> {
    let (c1, l1) = cls_at(t, x)?;
    if c1 != Cls::Lu {
        return Ok(None);
    }
    let (c2, l2) = cls_at(t, x + l1)?;
    match c2 {
        Cls::Ll => {
            let (mut e, _) = class_run(t, x + l1 + l2, Cls::Ll)?;
            // `[-‐]\p{Lu}\p{Ll}+`
            loop {
                let h = hyphen_at(t, e);
                if h == 0 {
                    break;
                }
                let (a, la) = cls_at(t, e + h)?;
                if a != Cls::Lu {
                    break;
                }
                let (b, lb) = cls_at(t, e + h + la)?;
                if b != Cls::Ll {
                    break;
                }
                e = class_run(t, e + h + la + lb, Cls::Ll)?.0;
            }
            // `(?:-\p{Lu}{2,}(?:-\p{Lu}{2,})*)?`
            while t.as_bytes().get(e) == Some(&b'-') {
                match upper2(t, e + 1)? {
                    Some(e2) => e = e2,
                    None => break,
                }
            }
            Ok(Some(e))
        }
        Cls::Lu => {
            let (mut e, _) = class_run(t, x, Cls::Lu)?;
            loop {
                let h = hyphen_at(t, e);
                if h == 0 {
                    break;
                }
                match upper2(t, e + h)? {
                    Some(e2) => e = e2,
                    None => break,
                }
            }
            Ok(Some(e))
        }
        Cls::Other => Ok(None),
    }
}

fn skip_blanks(t: &str, mut i: usize) -> usize {
    while matches!(t.as_bytes().get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// The end of the run of [`RUN`] whose first token ends at `e`.
fn run_from(t: &str, mut e: usize) -> Result<usize, Unknown> {
    loop {
        // `(?:[ \t]+|[ \t]*\n[ \t]*)`
        let s1 = skip_blanks(t, e);
        let p = if t.as_bytes().get(s1) == Some(&b'\n') {
            skip_blanks(t, s1 + 1)
        } else if s1 > e {
            s1
        } else {
            return Ok(e);
        };
        // `(?:(?:de|du|des|d'|d’)[ \t]*)?` then a token
        let mut next = None;
        for part in ["de", "du", "des", "d'", "d’"] {
            if t.get(p..).is_some_and(|r| r.starts_with(part)) {
                if let Some(e2) = tok_at(t, skip_blanks(t, p + part.len()))? {
                    next = Some(e2);
                    break;
                }
            }
        }
        if next.is_none() {
            next = tok_at(t, p)?;
        }
        match next {
            Some(e2) => e = e2,
            None => return Ok(e),
        }
    }
}

/// The first byte at or after `i` that may start a token: an ASCII capital or the first
/// byte of another character (eight bytes at a time).
fn next_may_start(b: &[u8], mut i: usize) -> usize {
    const H: u64 = 0x8080_8080_8080_8080;
    const L: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let x = u64::from_le_bytes(w);
        let lead = x & (x << 1) & H;
        let y = x & !H;
        let upper = y.wrapping_add(0x3F * L) & !y.wrapping_add(0x25 * L) & !x & H;
        let m = lead | upper;
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !(b[i].is_ascii_uppercase() || b[i] >= 0xC0) {
        i += 1;
    }
    i
}

fn find_run_fast(t: &str, mut i: usize) -> Result<Option<(usize, usize)>, Unknown> {
    let b = t.as_bytes();
    loop {
        i = next_may_start(b, i);
        let Some(&c) = b.get(i) else {
            break;
        };
        // `ß`…`ÿ` and `’`, `–`, `…`, `•` (U+2000–U+203F) start no token
        let quick_skip = match c {
            0xC3 => b.get(i + 1).is_some_and(|&x| x >= 0x9F),
            0xE2 => b.get(i + 1) == Some(&0x80),
            _ => false,
        };
        if (c.is_ascii_uppercase() || c >= 0xC0) && !quick_skip {
            if let Some(e) = tok_at(t, i)? {
                return Ok(Some((i, run_from(t, e)?)));
            }
        }
        i += 1;
    }
    Ok(None)
}

/// The first match of [`RUN`] at or after `pos`, found without the regex on ordinary text.
fn find_run(t: &str, pos: usize) -> Option<(usize, usize)> {
    find_run_fast(t, pos)
        .unwrap_or_else(|Unknown| RUN.find_at(t, pos).map(|m| (m.start(), m.end())))
}

/// Ordinal before a title: `1er Vice-président`, `7e Vice-président`.
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:1er|1re|1ère|[0-9]{1,2}(?:e|ème|è|eme))\s+").expect("static regex")
});

/// The introducer of a role written before the name: `représentée par le Président …,`.
static BY_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)par\s+(?:le|la|l'|l’|son|sa)[ \t\n]*").expect("static regex")
});

/// An article or preposition that opens a role set in apposition before a name.
static APPOSED_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:du|au|de la|de l'|de l’|à la|à l'|à l’|le|la|l'|l’|son|sa)[ \t\n]*")
        .expect("static regex")
});

fn is_upper_word(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
}

fn is_civility(w: &str) -> bool {
    CIVILITIES.contains(w)
}

fn is_not_name(w: &str) -> bool {
    with_lower(w, |l| NOT_NAMES.contains(l) || ROLE_WORDS.contains(l)) || is_civility(w)
}

/// `f` of `w.to_lowercase()`, without allocating for short words.
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    let mut n = 0;
    let mut fits = !w.contains('Σ');
    if fits {
        'chars: for c in w.chars() {
            if c.is_ascii() {
                if n == buf.len() {
                    fits = false;
                    break 'chars;
                }
                buf[n] = c.to_ascii_lowercase() as u8;
                n += 1;
                continue;
            }
            for l in c.to_lowercase() {
                if n + l.len_utf8() > buf.len() {
                    fits = false;
                    break 'chars;
                }
                n += l.encode_utf8(&mut buf[n..]).len();
            }
        }
    }
    match std::str::from_utf8(&buf[..n]) {
        Ok(l) if fits => f(l),
        _ => f(&w.to_lowercase()),
    }
}

/// The first word of `s` (letters, hyphens, apostrophes), lower-cased.
fn first_word(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect::<String>()
        .to_lowercase()
}

/// `s` opens with the title of a function (after an optional article or ordinal).
pub(crate) fn starts_with_role(s: &str) -> bool {
    let s = strip_article(s);
    let s = ORDINAL
        .find(s)
        .map_or(s, |m| s.get(m.end()..).unwrap_or(""));
    let w = first_word(s);
    ROLE_WORDS.contains(w.as_str())
        || (w == "secrétaire" || w == "ministre")
        || (w.ends_with('-') && ROLE_WORDS.iter().any(|r| r.starts_with(w.as_str())))
}

fn strip_article(s: &str) -> &str {
    for a in ["le ", "la ", "Le ", "La ", "l'", "l’", "L'", "L’"] {
        if let Some(r) = s.strip_prefix(a) {
            return r.trim_start();
        }
    }
    s
}

/// A role as written: line breaks and repeated spaces collapsed, a word cut by a hyphen at
/// the end of a line joined again (`Vice-⏎président`), trailing punctuation dropped.
fn clean_role(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let (mut ws, mut nl) = (false, false);
    for c in s.chars() {
        if c.is_whitespace() {
            ws = true;
            nl |= c == '\n';
            continue;
        }
        if ws && !out.is_empty() && !(nl && out.ends_with('-')) {
            out.push(' ');
        }
        ws = false;
        nl = false;
        out.push(c);
    }
    let out = out.trim_end_matches([',', ';', ':', '.', ' ', '–', '-']);
    strip_article(out).to_string()
}

/// Words that leave a role open at the end of a line (`délégué à⏎l'économie`).
const OPEN_END: &[&str] = &[
    "à",
    "au",
    "aux",
    "chargé",
    "chargée",
    "d'",
    "d’",
    "de",
    "déléguée",
    "délégué",
    "des",
    "du",
    "en",
    "et",
    "l'",
    "l’",
    "la",
    "le",
    "les",
    "pour",
    "sur",
];

/// Prepositions and articles that continue an enumeration of delegated fields after a comma
/// (`chargée de l'emploi, de l'insertion et de …`).
const ENUM_START: &[&str] = &[
    "à ", "au ", "aux ", "de ", "des ", "du ", "d'", "d’", "l'", "l’",
];

fn last_word(s: &str) -> &str {
    s.trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
}

/// Length in bytes of the role that opens `s` (which starts at the title).
fn role_extent(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let limit = s.len().min(300);
    let delegation = |upto: &str| {
        let l = upto.to_lowercase();
        ["chargé", "délégué", "en charge", " à l", " au ", " aux "]
            .iter()
            .any(|k| l.contains(k))
    };
    while i < limit {
        let c = b[i];
        match c {
            b'\n' => {
                let next = s.get(i + 1..).unwrap_or("");
                if next.trim_start_matches([' ', '\t']).starts_with('\n') || next.is_empty() {
                    return i;
                }
                let prev = s.get(..i).unwrap_or("").trim_end();
                let nxt = next.trim_start_matches([' ', '\t']);
                let lw = last_word(prev).to_lowercase();
                let open = prev.ends_with('-') || OPEN_END.contains(&lw.as_str());
                let lower_word = nxt.chars().next().is_some_and(char::is_lowercase)
                    && nxt
                        .split(|c: char| c.is_whitespace())
                        .next()
                        .is_some_and(|w| w.chars().all(|c| c.is_alphabetic() || "'’-".contains(c)));
                // `de la région⏎Rhône-Alpes, …`: a place name that closes its line or clause
                let first_tok_end = nxt
                    .find(|c: char| !(c.is_alphabetic() || c == '-'))
                    .unwrap_or(nxt.len());
                let closes = nxt.get(first_tok_end..).is_some_and(|r| {
                    r.is_empty()
                        || r.starts_with(',')
                        || r.starts_with('.')
                        || r.trim_start_matches([' ', '\t']).starts_with('\n')
                });
                let place = closes
                    && prev.chars().last().is_some_and(char::is_alphabetic)
                    && lw.chars().all(char::is_lowercase)
                    && nxt.chars().next().is_some_and(char::is_uppercase)
                    && !is_not_name(nxt.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""))
                    && !starts_with_role(nxt)
                    && !find_run(nxt, 0).is_some_and(|(a, b)| {
                        a == 0 && nxt.get(a..b).is_some_and(|r| r.contains(' '))
                    });
                if !(open || lower_word || place) {
                    return i;
                }
            }
            b',' => {
                let rest = s.get(i + 1..).unwrap_or("");
                let r = rest.trim_start_matches([' ', '\t']);
                if r.starts_with('\n') {
                    return i;
                }
                let cont = (starts_with_role(r) && !r.starts_with("le ") && !r.starts_with("la "))
                    || (delegation(s.get(..i).unwrap_or(""))
                        && ENUM_START.iter().any(|p| r.starts_with(p)));
                if !cont {
                    return i;
                }
            }
            b';' | b'(' | b')' | b':' | b'[' => return i,
            b'.' => {
                if b.get(i + 1).is_none_or(|x| x.is_ascii_whitespace()) {
                    return i;
                }
            }
            _ => {
                let rest = s.get(i..).unwrap_or("");
                if rest.starts_with(" – ")
                    || rest.starts_with(" — ")
                    || rest.starts_with(" - ")
                    || rest.starts_with('«')
                {
                    return i;
                }
            }
        }
        i += 1;
    }
    // never cut a char in two
    let mut e = limit;
    while !s.is_char_boundary(e) {
        e -= 1;
    }
    e
}

/// The role written right after the name: `, Préfet de la région Rhône-Alpes, Préfet du Rhône`.
fn role_after(t: &str, end: usize) -> Option<String> {
    let rest = t.get(end..)?;
    let r = rest.trim_start_matches([' ', '\t']);
    // `Name, role` or `Name – role`
    let r = r
        .strip_prefix(',')
        .or_else(|| ["– ", "— ", "- "].iter().find_map(|d| r.strip_prefix(d)))?;
    let r = r.trim_start_matches([' ', '\t']);
    let r = r
        .strip_prefix('\n')
        .unwrap_or(r)
        .trim_start_matches([' ', '\t']);
    if !starts_with_role(r) {
        return None;
    }
    let n = role_extent(r);
    let role = clean_role(r.get(..n)?);
    (!role.is_empty()).then_some(role)
}

/// The end of the last `\n\n`, `. `, `.\n`, `;` or `:` in `s`.
fn last_stop_end(s: &str) -> Option<usize> {
    let h = s.as_bytes();
    (1..=h.len()).rev().find(|&e| match h[e - 1] {
        b';' | b':' => true,
        b' ' => e >= 2 && h[e - 2] == b'.',
        b'\n' => e >= 2 && (h[e - 2] == b'.' || h[e - 2] == b'\n'),
        _ => false,
    })
}

fn floor_boundary(t: &str, mut i: usize) -> usize {
    while i > 0 && !t.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The role that introduces the name: `représentée par le Président du Conseil régional, ⏎`.
fn role_before(t: &str, start: usize) -> Option<String> {
    let from = floor_boundary(t, start.saturating_sub(320));
    let mut w = t.get(from..start)?;
    // after the last of `\n\n`, `. `, `.\n`, `;`, `:` (none of them can straddle another's end)
    if let Some(e) = last_stop_end(w) {
        w = w.get(e..)?;
    }
    let valid = |m: regex::Match<'_>| {
        let after = w.get(m.end()..)?;
        let r = clean_role(after);
        (starts_with_role(after) && !r.is_empty() && r.len() <= 220).then_some(r)
    };
    // `représentée par le Président du Conseil régional, Monsieur …`
    if let Some(r) = BY_ROLE.find_iter(w).last().and_then(valid) {
        return Some(r);
    }
    // an apposition: `sous la présidence du Président du Conseil régional, Monsieur …`
    if !w.trim_end().ends_with(',') {
        return None;
    }
    // the role nearest the name: `Pour la Métropole, le Président, Philippe SAUREL⏎Pour
    // l'URSCOP, la Présidente, Mme …` holds two
    APPOSED_ROLE.find_iter(w).filter_map(valid).last()
}

/// `Le Président du Conseil régional,⏎Ary CHALUS` and `Présidente du Conseil régional : Huguette Bello`.
fn role_of_line_before(t: &str, start: usize) -> Option<(String, &'static str)> {
    let before = t.get(floor_boundary(t, start.saturating_sub(600))..start)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let same_line = before.get(line_start..)?;
    let trimmed = same_line.trim_end();
    if let Some(head) = trimmed.strip_suffix(':') {
        let head = head.trim();
        if starts_with_role(head) && head.len() < 200 {
            return Some((clean_role(head), "person.role_colon"));
        }
        return None;
    }
    if !trimmed.trim().is_empty() {
        return None;
    }
    // signature: the previous line is a role ending with a comma
    let prev_end = line_start.checked_sub(1)?;
    let prev_all = before.get(..prev_end)?;
    let ps = prev_all.rfind('\n').map_or(0, |i| i + 1);
    let prev = prev_all.get(ps..)?.trim();
    // `Le Président,` or, without its comma, a short `Le Président` line
    let head = match prev.strip_suffix(',') {
        Some(h) => h.trim(),
        None if prev.len() < 100 && strip_article(prev).len() < prev.len() => prev,
        None => return None,
    };
    (starts_with_role(head) && head.len() < 200).then(|| (clean_role(head), "person.signature"))
}

/// `> Isabelle Metert⏎Chargée de projets ESS`: a contact block opens with `>` and the name.
fn role_of_block(t: &str, start: usize, end: usize) -> Option<Option<String>> {
    let before = t.get(floor_boundary(t, start.saturating_sub(200))..start)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let lead = before.get(line_start..)?.trim();
    // `> Name`, `- Name`, or the name alone on its line
    if !["", ">", "-", "•"].contains(&lead) {
        return None;
    }
    let rest = t.get(end..)?;
    let nl = rest.find('\n')?;
    if !rest.get(..nl)?.trim().is_empty() {
        // `- Name, role` is handled by role_after
        return None;
    }
    let next = rest.get(nl + 1..)?;
    let line = next.get(..next.find('\n').unwrap_or(next.len()))?.trim();
    if starts_with_role(line) {
        // the role line may wrap (`Vice-Président chargé de⏎l’économie sociale et solidaire`)
        let lw = last_word(line).to_lowercase();
        let text = if OPEN_END.contains(&lw.as_str()) || line.ends_with('-') {
            let body = next.trim_start();
            body.get(..role_extent(body)).unwrap_or(line)
        } else {
            line
        };
        Some(Some(clean_role(text)))
    } else if lead == ">" {
        Some(None)
    } else {
        None
    }
}

/// A person named several times in a document (the parties, then the signatures) holds one
/// function: every mention takes the fullest role written for that name.
fn fullest_roles(ms: &mut [Mention]) {
    let mut best: HashMap<String, String> = HashMap::new();
    for m in ms.iter() {
        if let Value::Person {
            name,
            role: Some(r),
        } = &m.value
        {
            let b = best.entry(crate::fr::fold::fold(name)).or_default();
            if b.len() < r.len() {
                *b = r.clone();
            }
        }
    }
    for m in ms.iter_mut() {
        if let Value::Person { name, role } = &mut m.value {
            if let Some(b) = best.get(&crate::fr::fold::fold(name)) {
                *role = Some(b.clone());
            }
        }
    }
}

/// `CARENCO` → `Carenco`, `MAYER-ROSSIGNOL` → `Mayer-Rossignol`; other words as written.
fn name_case(w: &str) -> String {
    // a particle written in capitals is lower case in a name (`DE CALAN` → `de Calan`)
    if w.len() > 1 && is_particle(w) {
        return w.to_lowercase();
    }
    if !is_upper_word(w) {
        return w.to_string();
    }
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == '-' || c == '‐' || c == '\'' || c == '’';
    }
    out
}

struct Tok<'a> {
    s: &'a str,
    start: usize,
    end: usize,
    /// a line break stands between this token and the previous one
    nl: bool,
}

fn tokens(run: &str, base: usize) -> Vec<Tok<'_>> {
    let mut v = Vec::new();
    let mut i = 0;
    for w in run.split(|c: char| c.is_whitespace()) {
        // where the piece lies (white space before it, so the first occurrence after `i`)
        let off = w.as_ptr() as usize - run.as_ptr() as usize;
        if !w.is_empty() {
            let nl = run.get(i..off).is_some_and(|g| g.contains('\n'));
            let (s, e) = (base + off, base + off + w.len());
            // `Pierre-RIBEAUD`: a hyphen between a normal-case given name and a capitalised
            // surname stands for a space (compound names keep one case throughout)
            let glued = w.char_indices().find(|&(k, c)| {
                c == '-'
                    && w.get(k + 1..).is_some_and(is_upper_word)
                    && !w.get(..k).is_some_and(is_upper_word)
            });
            if let Some((k, _)) = glued {
                v.push(Tok {
                    s: &w[..k],
                    start: s,
                    end: s + k,
                    nl,
                });
                v.push(Tok {
                    s: &w[k + 1..],
                    start: s + k + 1,
                    end: e,
                    nl: false,
                });
            } else {
                v.push(Tok {
                    s: w,
                    start: s,
                    end: e,
                    nl,
                });
            }
            i = off + w.len();
        }
    }
    v
}

/// A match of [`RUN`].
struct Match<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> Match<'a> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn as_str(&self) -> &'a str {
        self.text
    }
}

const PARTICLES: &[&str] = &["de", "du", "des", "d'", "d’"];

/// A name's particle, in any case (`de`, `DE`: `Maël DE CALAN`).
fn is_particle(s: &str) -> bool {
    PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(s))
}

fn persons(t: &str, out: &mut Vec<Mention>) {
    let mut pos = 0;
    while let Some((ms, me)) = find_run(t, pos) {
        pos = me;
        let m = Match {
            start: ms,
            end: me,
            text: t.get(ms..me).unwrap_or(""),
        };
        // a run glued to letters is a piece of a word (`ESSonne`)
        if t.get(m.end()..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_alphabetic)
        {
            continue;
        }
        // a name has at least two words
        if !m.as_str().contains(char::is_whitespace) && !m.as_str().contains('-') {
            continue;
        }
        let toks = tokens(m.as_str(), m.start());
        let not_name: Vec<bool> = toks.iter().map(|x| is_not_name(x.s)).collect();
        let mut i = 0;
        while i < toks.len() {
            if not_name[i] || is_particle(toks[i].s) {
                i += 1;
                continue;
            }
            // a name goes on over a line break only after its given name (`Nicolas⏎Mayer-Rossignol`)
            let mut j = i;
            while j < toks.len()
                && (!not_name[j]
                    || is_particle(toks[j].s)
                    // `de La Fontaine`, `de Le Pen`: the article of a name after its particle
                    || (j > i && is_particle(toks[j - 1].s) && matches!(toks[j].s, "La" | "Le" | "LA" | "LE"))
                    // Breton and Norman names keep their article: `Yann Le Gall`, `Anne LE STRAT`
                    || (j > i
                        && matches!(toks[j].s, "Le" | "La" | "LE" | "LA")
                        && toks.get(j + 1).is_some_and(|n| !n.nl)
                        && not_name.get(j + 1) == Some(&false)))
                && !(toks[j].nl && j - i >= 2)
            {
                j += 1;
            }
            // a particle cannot end a name
            let mut k = j;
            while k > i && is_particle(toks[k - 1].s) {
                k -= 1;
            }
            let civ_tok = i > 0 && is_civility(toks[i - 1].s);
            let title = if i > 0 && !civ_tok {
                title_before(t, &toks[i - 1])
            } else {
                None
            };
            // a name follows only a civility or a title within a run (`France Active CVL` is no name)
            if i > 0 && !civ_tok && title.is_none() && !toks[i].nl {
                i += 1;
                continue;
            }
            consider(t, &toks[i..k], civ_tok, title, out);
            i = j.max(i + 1);
        }
    }
}

/// `la Présidente Carole DELGA`: a title after its article, right before the name.
fn title_before(t: &str, tok: &Tok<'_>) -> Option<String> {
    let l = tok.s.to_lowercase();
    if !ROLE_WORDS.contains(l.as_str()) {
        return None;
    }
    let before = t.get(floor_boundary(t, tok.start.saturating_sub(4))..tok.start)?;
    let art = ["le ", "la ", "Le ", "La "]
        .iter()
        .any(|a| before.ends_with(a));
    art.then(|| tok.s.to_string())
}

/// Civility written just before `start` (`M. `, `Mme `, `Monsieur⏎`).
fn civility_before(t: &str, start: usize) -> Option<usize> {
    let before = t.get(..start)?;
    let b = before.trim_end();
    let ws = b
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + b[i..].chars().next().map_or(1, char::len_utf8));
    let w = b.get(ws..)?;
    is_civility(w).then_some(ws)
}

fn consider(
    t: &str,
    toks: &[Tok<'_>],
    civ_tok: bool,
    title: Option<String>,
    out: &mut Vec<Mention>,
) {
    let words = toks.iter().filter(|x| !is_particle(x.s)).count();
    if !(2..=4).contains(&words) {
        return;
    }
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return;
    };
    // a name opens with a given name in normal case
    if is_upper_word(first.s) || is_particle(first.s) {
        return;
    }
    let (start, end) = (first.start, last.end);
    let civ_at = if civ_tok {
        toks.first().and_then(|f| civility_before(t, f.start))
    } else {
        civility_before(t, start)
    };
    let lead = civ_at.unwrap_or(start);
    let (role, rule) = if let Some(r) = role_after(t, end) {
        (
            Some(r),
            if civ_at.is_some() {
                "person.civility"
            } else {
                "person.name_role"
            },
        )
    } else if let Some(r) = role_before(t, lead) {
        (Some(r), "person.role_name")
    } else if let Some((r, rule)) = role_of_line_before(t, lead) {
        (Some(r), rule)
    } else if let Some(r) = role_of_block(t, lead, end) {
        (r, "person.contact_block")
    } else if title.is_some() {
        (title, "person.title_name")
    } else if civ_at.is_some() {
        (None, "person.civility")
    } else {
        return;
    };
    let name = toks
        .iter()
        .map(|x| name_case(x.s))
        .collect::<Vec<_>>()
        .join(" ");
    out.push(Mention {
        start,
        end,
        value: Value::Person { name, role },
        rule,
    });
}

#[cfg(test)]
mod tests_particles {
    use super::*;

    fn names(t: &str) -> Vec<String> {
        let mut out = Vec::new();
        Persons.extract(&Doc { id: "t", text: t }, &mut out);
        out.into_iter()
            .filter_map(|m| match m.value {
                Value::Person { name, .. } => Some(name),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn articles_and_capital_particles_inside_names() {
        assert_eq!(
            names("Contact : Yann Le Gall, chargé de mission ESS"),
            ["Yann Le Gall"]
        );
        assert_eq!(
            names("sous la présidence de Mme Maël DE CALAN, Présidente,"),
            ["Maël de Calan"]
        );
        assert_eq!(
            names("représentée par Madame Anne LE STRAT, adjointe au maire"),
            ["Anne Le Strat"]
        );
    }

    #[test]
    fn an_article_starting_a_sentence_is_no_name() {
        assert!(names("Le Conseil régional, La Région et Le Département.").is_empty());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        Persons.extract(&Doc { id: "t", text: t }, &mut out);
        out.into_iter()
            .map(|m| match m.value {
                Value::Person { name, role } => (name, role),
                _ => unreachable!(),
            })
            .collect()
    }

    fn one(t: &str, name: &str, role: Option<&str>) {
        let got = run(t);
        assert_eq!(
            got,
            vec![(name.to_string(), role.map(str::to_string))],
            "in {t:?}"
        );
    }

    #[test]
    fn known_classes_agree_with_the_regex() {
        let lu = Regex::new(r"^\p{Lu}$").unwrap();
        let ll = Regex::new(r"^\p{Ll}$").unwrap();
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            if let Ok(k) = cls(c) {
                let mut b = [0; 4];
                let s = c.encode_utf8(&mut b);
                let want = if lu.is_match(s) {
                    Cls::Lu
                } else if ll.is_match(s) {
                    Cls::Ll
                } else {
                    Cls::Other
                };
                assert_eq!(k, want, "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn may_start_scan() {
        let b: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        for i in 0..b.len() {
            let want = (i..b.len())
                .find(|&k| b[k].is_ascii_uppercase() || b[k] >= 0xC0)
                .unwrap_or(b.len());
            assert_eq!(next_may_start(&b, i), want, "{i}");
        }
    }

    #[test]
    fn run_matcher_agrees_with_the_regex() {
        let texts = [
            "Monsieur Jean-François CARENCO, Préfet de la région \nRhône-Alpes, Préfet du Rhône",
            "Jean-FRançois McDonald Pierre-RIBEAUD-DUPONT Jean-Pierre-Marc ABC-DE-F AB‐CD",
            "Jean de La FONTAINE, Marie d’Estaing, Paul d' Arc des Bois du Lac deMarco desX",
            "ESSonne  \n  Nicolas\n\nMayer-Rossignol \t  \n Mayer- Rossignol ÉLODIE Émile-ÉÉ",
            "Ωmega ΑΒΓ Jean ﬁl Marc ǅemal Ǆ Ǳa Jean Ⓐb ÀÉ àé ŒUVRE Œuvre µ ª º ß ẞ ƒ",
            "X Y Xy Yz –Jean— «Marie» Jean\r\nPaul A-B Ab-Cd-EF-GH-i Ab-c De-",
        ];
        for t in texts {
            let want: Vec<(usize, usize)> =
                RUN.find_iter(t).map(|m| (m.start(), m.end())).collect();
            let mut got = Vec::new();
            let mut pos = 0;
            while let Some(m) = find_run(t, pos) {
                pos = m.1;
                got.push(m);
            }
            assert_eq!(got, want, "{t:?}");
            for i in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let want = RUN.find_at(t, i).map(|m| (m.start(), m.end()));
                assert_eq!(find_run(t, i), want, "{t:?} at {i}");
            }
        }
    }

    #[test]
    fn tables_sorted_unique() {
        for src in [
            include_str!("../../data/civilities.tsv"),
            include_str!("../../data/role_titles.tsv"),
            include_str!("../../data/person_not_names.tsv"),
        ] {
            let rows: Vec<&str> = src
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .collect();
            assert!(rows.windows(2).all(|w| w[0] < w[1]), "{rows:?}");
        }
    }

    #[test]
    fn civility_led() {
        one(
            "L’Etat , représenté par Monsieur Jean-François CARENCO, Préfet de la région \nRhône-Alpes, Préfet du Rhône, \n\nLa Région",
            "Jean-François Carenco",
            Some("Préfet de la région Rhône-Alpes, Préfet du Rhône"),
        );
        one(
            "La Région Rhône-Alpes , représentée par le Président du Conseil régional,  \nMonsieur Jean-Jack QUEYRANNE,  \n\nLa Caisse",
            "Jean-Jack Queyranne",
            Some("Président du Conseil régional"),
        );
        one(
            "et représentée \npar sa Présidente, Madame Laure CHAREYRE, ci-après désignée par « CRESS \nRA»,",
            "Laure Chareyre",
            Some("Présidente"),
        );
        one(
            "sous la présidence de M. Joël BRUNEAU, Président.\n",
            "Joël Bruneau",
            Some("Président"),
        );
        one(
            "Rapporteur : Mme Claire LEMARIÉ, Vice-présidente chargée de l'emploi, de l'insertion\net de l'économie sociale et solidaire\n\nEXPOSÉ",
            "Claire Lemarié",
            Some("Vice-présidente chargée de l'emploi, de l'insertion et de l'économie sociale et solidaire"),
        );
        one(
            "Le syndicat mixte Rhône Pluriel, représenté par la Vice-présidente, Madame \nMichèle Desestret \n\nLe syndicat",
            "Michèle Desestret",
            Some("Vice-présidente"),
        );
        one(
            "représenté par le 1er Vice-\nprésident à l’économie, l’emploi et l’insertion Monsieur David Kimelfeld \n\nLa",
            "David Kimelfeld",
            Some("1er Vice-président à l’économie, l’emploi et l’insertion"),
        );
    }

    #[test]
    fn signatures_and_contacts() {
        one(
            "Eric PIOLLE, le Maire de Grenoble \n\nPar",
            "Eric Piolle",
            Some("Maire de Grenoble"),
        );
        one(
            "Pour extrait conforme,\nLe Président,\nJoël BRUNEAU\n\nActe rendu",
            "Joël Bruneau",
            Some("Président"),
        );
        one(
            "Fiche collectivité\n\n> Isabelle Metert\nChargée de projets ESS\nDirection de l’aménagement \n",
            "Isabelle Metert",
            Some("Chargée de projets ESS"),
        );
        one(
            "> Frédérik Mayo\n7e Vice-président délégué à l'économie sociale et solidaire\nSecrétariat",
            "Frédérik Mayo",
            Some("7e Vice-président délégué à l'économie sociale et solidaire"),
        );
        one(
            "Présidente du Conseil régional : Huguette Bello\nBudget 2024",
            "Huguette Bello",
            Some("Présidente du Conseil régional"),
        );
        one(
            "Pour l'État, Antoine Poussier, Préfet de la Guyane\nPour la Collectivité",
            "Antoine Poussier",
            Some("Préfet de la Guyane"),
        );
        // two signatures in a row: each takes the role nearest its name
        let t = "Fait à Montpellier, le 2 février 2015\nPour la Métropole, le Président, Philippe SAUREL\nPour l'URSCOP Occitanie, la Présidente, Mme Anne-Marie Dupuy\n";
        assert_eq!(
            run(t),
            [
                ("Philippe Saurel".to_string(), Some("Président".to_string())),
                (
                    "Anne-Marie Dupuy".to_string(),
                    Some("Présidente".to_string())
                ),
            ]
        );
        one(
            "Marie-Laure Filippi, chargée d'instruction ESS\nml.filippi@adec.corsica – 04.95.50.91.27",
            "Marie-Laure Filippi",
            Some("chargée d'instruction ESS"),
        );
    }

    #[test]
    fn name_before_role_in_prose() {
        one(
            "Il traduit l'ambition portée par Nicolas\nMayer-Rossignol, Président de la Métropole, de faire",
            "Nicolas Mayer-Rossignol",
            Some("Président de la Métropole"),
        );
        one(
            "présenté par Alex Vinciguerra, président de l'ADEC, aux côtés de",
            "Alex Vinciguerra",
            Some("président de l'ADEC"),
        );
        one(
            "signée par Alain Richardson, 1er vice-président de la Collectivité de Saint-Martin, et ESS France",
            "Alain Richardson",
            Some("1er vice-président de la Collectivité de Saint-Martin"),
        );
        one(
            "Contact technique : Élodie Ludmila Eugénie, directrice de la CRESS de Guyane.",
            "Élodie Ludmila Eugénie",
            Some("directrice de la CRESS de Guyane"),
        );
    }

    #[test]
    fn roles_that_stop() {
        one(
            "- Julien Moreau, chargé de mission économie de proximité\nDEV'UP Centre-Val de Loire\n- Claire",
            "Julien Moreau",
            Some("chargé de mission économie de proximité"),
        );
        one(
            "Coordonné par Djémilah Hassani, co-déléguée à l'Europe et à l'International, le dispositif ultramarin a mobilisé",
            "Djémilah Hassani",
            Some("co-déléguée à l'Europe et à l'International"),
        );
        one(
            "En 2021, Olivia Grégoire, secrétaire d'État chargée de l'Économie sociale, solidaire et responsable, annonce le 12 mai",
            "Olivia Grégoire",
            Some("secrétaire d'État chargée de l'Économie sociale"),
        );
        one(
            "> Pierre Ribeaud \nVice-Président chargé de \nl’économie sociale et solidaire\np.ribeaud@cg38.fr",
            "Pierre Ribeaud",
            Some("Vice-Président chargé de l’économie sociale et solidaire"),
        );
    }

    #[test]
    fn one_role_per_person() {
        let got = run("VU le décret portant nomination de M. Jean-Christophe BOUVIER en \nqualité de préfet ;\n\nL'État, représenté par Monsieur Jean-Christophe BOUVIER, Préfet de la région \nMartinique, préfet de la Martinique, ci-après désigné « l'État »,");
        let want = Some("Préfet de la région Martinique, préfet de la Martinique".to_string());
        assert_eq!(got.len(), 2);
        assert!(
            got.iter()
                .all(|(n, r)| n == "Jean-Christophe Bouvier" && *r == want),
            "{got:?}"
        );
    }

    #[test]
    fn title_and_bare_signature() {
        one(
            "reçue par la Présidente Carole DELGA lors du salon",
            "Carole Delga",
            Some("Présidente"),
        );
        one(
            "Pour la CRESS Occitanie,\nLe Président\nDenis BERTHOMIER\n",
            "Denis Berthomier",
            Some("Président"),
        );
        assert!(run("avenue du Président John Kennedy").is_empty());
    }

    #[test]
    fn apposed_role_before() {
        one(
            "Le Conseil, réuni sous la présidence du Président du Conseil départemental, M. Jean-Luc GLEYZE, a adopté",
            "Jean-Luc Gleyze",
            Some("Président du Conseil départemental"),
        );
        one(
            "Vu l'avis du Maire, Mme Anne HIDALGO ;",
            "Anne Hidalgo",
            Some("Maire"),
        );
        one(
            "Secrétaire de séance : Mme Anne LEROY\n",
            "Anne Leroy",
            Some("Secrétaire de séance"),
        );
        one("en présence de M. Paul MARTIN.", "Paul Martin", None);
    }

    #[test]
    fn name_on_the_line_after_a_body() {
        one(
            "CRESS de Corse\nAnna-Maria Luciani, chargée de mission accompagnement\na.luciani@cress.corsica",
            "Anna-Maria Luciani",
            Some("chargée de mission accompagnement"),
        );
        one(
            "signé par Monsieur Jean de La FONTAINE, Président",
            "Jean de La Fontaine",
            Some("Président"),
        );
    }

    #[test]
    fn contact_lines() {
        one(
            "Contacts\n\nLaetitia Santoni\nChargée de mission ESS\n",
            "Laetitia Santoni",
            Some("Chargée de mission ESS"),
        );
        one(
            "Référent : Jean DUPONT – Directeur de la CRESS\n",
            "Jean Dupont",
            Some("Directeur de la CRESS"),
        );
        assert!(run("Grenoble Alpes\nMétropole\n").is_empty());
        assert!(run("Fonds Social Européen\nla Région gère").is_empty());
    }

    #[test]
    fn glued_given_name() {
        one(
            "Par délégation, Pierre-RIBEAUD, Vice-président chargé de l'Economie sociale et solidaire (à \nconfirmer)",
            "Pierre Ribeaud",
            Some("Vice-président chargé de l'Economie sociale et solidaire"),
        );
    }

    #[test]
    fn near_misses() {
        assert!(run("réunit la Région, France Active CVL, la CRESS").is_empty());
        assert!(run("situé 11 rue Auguste Lacroix 69003 LYON").is_empty());
        assert!(run("16 rue Rosa Parks – CS 52700").is_empty());
        assert!(
            run("Article 5 : d'autoriser le Président ou son représentant à signer").is_empty()
        );
        assert!(run("Monsieur le Préfet de région, le Président du Conseil régional").is_empty());
        assert!(run("La Ville de Grenoble, représentée par le Maire").is_empty());
        assert!(run("Jérémie Godet ouvre la séance").is_empty());
        assert!(run("l'association GAIA (France ACTIVE).").is_empty());
        assert!(run("Grenoble-Alpes Métropole, Président du comité").is_empty());
    }
}
