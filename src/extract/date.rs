//! Date rules: points in time written as a day, a month or a year.
//!
//! Rules with an explicit year run first; two context rules then date a day or a month
//! written without its year (`le 24 mai`, `dès octobre`) from the dates already found.
//! Spans of dates inside periods are dropped by overlap resolution (periods rank first).
use std::sync::LazyLock;

use regex::Regex;

use super::pattern::{folded_prefixes, literal_set};
use super::{Doc, Extractor, Mention, Precision, Value};
use crate::fr::month::{
    day_number, is_abbreviation, is_bare_year, is_dated_year, iso_day, iso_month, iso_year, month,
    month_alternation, number_blocked_after, number_blocked_before, sentence_break_between,
    year_in_words,
};

pub struct Dates;

/// White space inside a multi-word date: spaces, or one line break of a hard-wrapped text.
pub(crate) const WS: &str = r"(?:[ \t]*\n[ \t]*|[ \t]+)";
/// A day before a month name: `18`, `1er`, `1ᵉʳ`, `premier`.
pub(crate) const DAY: &str = r"(?:1er|1ᵉʳ|1re|premier|[0-9]{1,2})";
/// A day in words, as deliberations write it (`le vingt-huit mars`).
const DAY_WORDS: &str = r"(?:(?:vingt|trente)(?:[- ](?:et[- ])?(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf))?|dix-sept|dix-huit|dix-neuf|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize)";
const WEEKDAY: &str = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)";

pub(crate) static MONTHS_RE: LazyLock<String> = LazyLock::new(month_alternation);

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file; a typo is caught by the unit tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad date pattern {pattern}: {e}"))
}

// French numeric dates put the day first: `18/04/2014`, `18.04.2014`, `18-04-2014`.
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)([0-9]{1,2})([/.-])([0-9]{1,2})([/.-])([0-9]{4})"));

// A form left blank for the day (`du     /12/2014`) still names a month.
static BLANK_DAY: LazyLock<Regex> = LazyLock::new(|| re(r"[ \t]/[ \t]*([0-9]{1,2})/([0-9]{4})"));

// A form left blank for day and month (`du   /   /2014`) still names a year.
static BLANK_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| re(r"[ \t]/[ \t]*/[ \t]*([0-9]{4})"));

// `le 3 juillet 2009`, `jeudi 28 mars 2024`, `1er janvier 2015`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:{WEEKDAY}{WS})?({DAY}){WS}({m})(?-u:\b)\.?{WS}([0-9]{{4}})",
        m = *MONTHS_RE
    ))
});

// Days sharing one month: `24 et 25 février 2011`, `les 8, 9 et 10 février 2018`.
static DAY_LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)({DAY})((?:[ \t]*,{WS}{DAY})*){WS}(?:et|&){WS}({DAY}){WS}({m})(?-u:\b)\.?{WS}([0-9]{{4}})",
        m = *MONTHS_RE
    ))
});
static DAY_TOKEN: LazyLock<Regex> = LazyLock::new(|| re(r"1er|1ᵉʳ|1re|premier|[0-9]{1,2}"));

// `juin 2009`, `Décembre 2002`, `sept. 2014`.
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)({m})(?-u:\b)(\.?){WS}([0-9]{{4}})",
        m = *MONTHS_RE
    ))
});

// A year standing alone (`En 2003`, `budget 2014`, `Salon des Entrepreneurs 2014`).
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)[0-9]{4}(?-u:\b)"));

// Deliberations open with the year in words: `L'an deux mille vingt-quatre`.
static YEAR_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)l['’]an\s+(deux\s+mille(?:[\s-]+(?:et|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante))*)",
    )
});

// A day and month without year (`le 24 mai`, `le vingt-huit mars`): the year of the text
// around it, as minutes and deliberations write once the year is set.
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:le|du|au|dès le|depuis le|avant le|après le|jusqu['’]au){WS}(?:{WEEKDAY}{WS})?({DAY}|{DAY_WORDS}){WS}({m})(?-u:\b)",
        m = *MONTHS_RE
    ))
});

// A month after a time preposition without year (`dès octobre`): the year of the date just
// before it in the same sentence.
static MONTH_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:en|dès|depuis|début|fin|courant|jusqu['’]en|à partir d['’]|avant|après|mi-|d['’]){WS}?({m})(?-u:\b)",
        m = *MONTHS_RE
    ))
});

// Any month name: where the month rules may match. Their costly patterns run only on the
// few short regions of text around these hits ([`month_hits`] finds them faster).
#[cfg(test)]
static MONTH_HIT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)(?-u:\b)(?:{m})(?-u:\b)", m = *MONTHS_RE)));

/// How far before and after a month name a month rule's match may reach.
const REACH_BEFORE: usize = 100;
const REACH_AFTER: usize = 40;

/// Where a month name can start in the text with its ASCII letters lower-cased: a literal
/// search (SIMD) instead of [`MONTH_HIT`]'s case-insensitive scan of the whole text.
static MONTH_STARTS: LazyLock<Regex> = LazyLock::new(|| {
    literal_set(
        crate::fr::month::MONTHS
            .iter()
            .flat_map(|(n, _)| folded_prefixes(n, 4)),
    )
});

/// [`MONTH_HIT`] without its leading boundary, anchored.
static MONTH_AT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^(?i:{m})(?-u:\b)", m = *MONTHS_RE)));

/// A regex `(?-u:\b)`: ASCII word bytes on one side only.
fn ascii_boundary(b: &[u8], i: usize) -> bool {
    let word = |k: Option<&u8>| k.is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'_');
    word(i.checked_sub(1).and_then(|k| b.get(k))) != word(b.get(i))
}

/// [`MONTH_HIT`]'s matches, the same as its `find_iter`: each starts where
/// [`MONTH_STARTS`] finds a month's first letters, so only those places are tried.
fn month_hits(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let lower = text.to_ascii_lowercase();
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < text.len() {
            let h = MONTH_STARTS.find_at(&lower, pos)?.start();
            let found = ascii_boundary(text.as_bytes(), h)
                .then(|| MONTH_AT.find(text.get(h..)?))
                .flatten();
            match found {
                Some(m) => {
                    pos = h + m.end();
                    return Some((h, h + m.end()));
                }
                None => pos = h + 1,
            }
        }
        None
    })
}

/// Disjoint byte regions of `text` around its month names, in order.
pub(crate) fn month_regions(text: &str) -> Vec<(usize, usize)> {
    let mut regions: Vec<(usize, usize)> = Vec::new();
    for (ms, me) in month_hits(text) {
        let mut a = ms.saturating_sub(REACH_BEFORE);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (me + REACH_AFTER).min(text.len());
        while !text.is_char_boundary(b) {
            b += 1;
        }
        // Never cut a number or a word at the end of a region.
        b += text
            .get(b..)
            .unwrap_or("")
            .find(|c: char| c.is_whitespace())
            .unwrap_or(text.len() - b);
        match regions.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => regions.push((a, b)),
        }
    }
    regions
}

/// The matches of `re` that lie inside the regions, read with the whole text as context (so
/// that `\b` and the checks around a match see the characters beyond the region).
pub(crate) fn captures_in<'t>(
    re: &'t Regex,
    text: &'t str,
    regions: &'t [(usize, usize)],
) -> impl Iterator<Item = regex::Captures<'t>> + 't {
    regions.iter().flat_map(move |&(a, b)| {
        let hay = text.get(..b).unwrap_or("");
        let mut pos = a;
        std::iter::from_fn(move || {
            if pos > hay.len() {
                return None;
            }
            let c = re.captures_at(hay, pos)?;
            let m = c.get(0)?;
            pos = if m.end() > m.start() {
                m.end()
            } else {
                let next = hay.get(m.end()..)?.chars().next()?;
                m.end() + next.len_utf8()
            };
            Some(c)
        })
    })
}

/// What follows a day or month that makes its year relative, not the text's
/// (`le 30 juin de l'année suivante`, `au 31 décembre de chaque année`).
const RELATIVE_YEAR: &[&str] = &[
    "de chaque année",
    "de l'an",
    "de l'année",
    "de l'exercice",
    "de l’an",
    "de l’année",
    "de l’exercice",
    "n+1",
    "prochain",
    "suivant",
];

fn date(
    start: usize,
    end: usize,
    iso: String,
    precision: Precision,
    rule: &'static str,
) -> Mention {
    Mention {
        start,
        end,
        value: Value::Date { iso, precision },
        rule,
    }
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn next_is_digit(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_ascii_digit())
}

fn prev_char(text: &str, start: usize) -> Option<char> {
    text.get(..start).and_then(|s| s.chars().next_back())
}

fn numeric(text: &str, out: &mut Vec<Mention>) {
    for c in NUMERIC.captures_iter(text) {
        let (Some(all), Some(d), Some(s1), Some(m), Some(s2), Some(y)) =
            (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        else {
            continue;
        };
        if s1.as_str() != s2.as_str()
            || number_blocked_before(text, all.start())
            || next_is_digit(text, all.end())
            || matches!(text.get(all.end()..).and_then(|s| s.chars().nth(1)), Some(c) if c.is_ascii_digit())
                && matches!(
                    text.get(all.end()..).and_then(|s| s.chars().next()),
                    Some('.' | '-' | '/')
                )
        {
            continue;
        }
        let (Some(d), Some(m), Some(y)) = (num(d.as_str()), num(m.as_str()), num(y.as_str()))
        else {
            continue;
        };
        let (Ok(d), Ok(m)) = (u8::try_from(d), u8::try_from(m)) else {
            continue;
        };
        if let Some(iso) = iso_day(y, m, d) {
            out.push(date(
                all.start(),
                all.end(),
                iso,
                Precision::Day,
                "date.numeric",
            ));
        }
    }
}

fn blanks(text: &str, out: &mut Vec<Mention>) {
    for c in BLANK_DAY.captures_iter(text) {
        let (Some(all), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        if next_is_digit(text, all.end()) {
            continue;
        }
        let (Some(m), Some(y)) = (num(m.as_str()), num(y.as_str())) else {
            continue;
        };
        if let Some(iso) = u8::try_from(m).ok().and_then(|m| iso_month(y, m)) {
            out.push(date(
                all.start() + 1,
                all.end(),
                iso,
                Precision::Month,
                "date.blank_day",
            ));
        }
    }
    for c in BLANK_DAY_MONTH.captures_iter(text) {
        let (Some(all), Some(y)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if next_is_digit(text, all.end()) {
            continue;
        }
        if let Some(iso) = num(y.as_str()).and_then(iso_year) {
            out.push(date(
                all.start() + 1,
                all.end(),
                iso,
                Precision::Year,
                "date.blank_day_month",
            ));
        }
    }
}

fn day_month_year(text: &str, regions: &[(usize, usize)], out: &mut Vec<Mention>) {
    for c in captures_in(&DAY_MONTH_YEAR, text, regions) {
        let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        if next_is_digit(text, all.end())
            || prev_char(text, all.start()).is_some_and(|c| c.is_ascii_digit())
        {
            continue;
        }
        let (Some(d), Some(m), Some(y)) =
            (day_number(d.as_str()), month(m.as_str()), num(y.as_str()))
        else {
            continue;
        };
        if let Some(iso) = iso_day(y, m, d) {
            out.push(date(
                all.start(),
                all.end(),
                iso,
                Precision::Day,
                "date.day_month_year",
            ));
        }
    }
}

fn day_list(text: &str, regions: &[(usize, usize)], out: &mut Vec<Mention>) {
    for c in captures_in(&DAY_LIST, text, regions) {
        let (Some(all), Some(m), Some(y)) = (c.get(0), c.get(4), c.get(5)) else {
            continue;
        };
        let Some(last) = c.get(3) else { continue };
        if next_is_digit(text, all.end()) {
            continue;
        }
        let (Some(m), Some(y)) = (month(m.as_str()), num(y.as_str())) else {
            continue;
        };
        // Every day but the last gets its own span (its digits), the last the rest.
        let head = text.get(all.start()..last.start()).unwrap_or("");
        for t in DAY_TOKEN.find_iter(head) {
            let Some(iso) = day_number(t.as_str()).and_then(|d| iso_day(y, m, d)) else {
                continue;
            };
            let s = all.start() + t.start();
            out.push(date(s, s + t.len(), iso, Precision::Day, "date.day_list"));
        }
        if let Some(iso) = day_number(last.as_str()).and_then(|d| iso_day(y, m, d)) {
            out.push(date(
                last.start(),
                all.end(),
                iso,
                Precision::Day,
                "date.day_list",
            ));
        }
    }
}

fn month_year(text: &str, regions: &[(usize, usize)], out: &mut Vec<Mention>) {
    for c in captures_in(&MONTH_YEAR, text, regions) {
        let (Some(all), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(3)) else {
            continue;
        };
        if next_is_digit(text, all.end()) {
            continue;
        }
        // `sept 2000 salariés` counts; a month reads a year, not a quantity.
        let dotted = c.get(2).is_some_and(|d| !d.as_str().is_empty());
        if is_abbreviation(m.as_str()) && !dotted && number_blocked_after(text, all.end()) {
            continue;
        }
        let (Some(m), Some(y)) = (month(m.as_str()), num(y.as_str())) else {
            continue;
        };
        if let Some(iso) = iso_month(y, m) {
            out.push(date(
                all.start(),
                all.end(),
                iso,
                Precision::Month,
                "date.month_year",
            ));
        }
    }
}

/// True when the number ending at `end` is the first of a range of quantities whose unit
/// follows the second number (`entre 1950 et 2000 salariés`, `1950 à 2000 €`).
fn first_of_quantity_range(text: &str, end: usize) -> bool {
    let Some(c) = RANGE_TAIL.captures(text.get(end..).unwrap_or("")) else {
        return false;
    };
    // `en 2019 à 420 000 €`: the second number is a grouped amount of its own.
    let grouped = |e: usize| {
        let rest = text.get(e..).unwrap_or("").as_bytes();
        rest.len() >= 4 && rest[0] == b' ' && rest[1..4].iter().all(u8::is_ascii_digit)
    };
    c.get(1).is_some_and(|n| {
        n.len() <= 4 && !grouped(end + n.end()) && number_blocked_after(text, end + n.end())
    })
}

static RANGE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^{WS}(?:et|à|a|ou){WS}([0-9]+)")));

fn bare_year(text: &str, out: &mut Vec<Mention>) {
    for m in YEAR.find_iter(text) {
        let Some(y) = num(m.as_str()) else { continue };
        if !is_bare_year(y)
            || number_blocked_before(text, m.start())
            || number_blocked_after(text, m.end())
            || first_of_quantity_range(text, m.end())
        {
            continue;
        }
        if let Some(iso) = iso_year(y) {
            out.push(date(m.start(), m.end(), iso, Precision::Year, "date.year"));
        }
    }
}

fn year_words(text: &str, out: &mut Vec<Mention>) {
    for c in YEAR_WORDS.captures_iter(text) {
        let (Some(all), Some(w)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let words = w.as_str().trim_end_matches(['-', ' ', '\n', '\t']);
        if let Some(iso) = year_in_words(words)
            .filter(|y| is_dated_year(*y))
            .and_then(iso_year)
        {
            let end = w.start() + words.len();
            out.push(date(
                all.start(),
                end,
                iso,
                Precision::Year,
                "date.year_words",
            ));
        }
    }
}

fn followed_by_relative_year(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return true;
    };
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let head: String = rest.chars().take(20).collect::<String>().to_lowercase();
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    RELATIVE_YEAR.iter().any(|r| head.starts_with(r))
}

/// How many dates back a day without year looks for the date that gives its year.
const ANCHOR_LOOKBACK: usize = 64;

fn year_of(m: &Mention) -> Option<u32> {
    match &m.value {
        Value::Date { iso, .. } => iso.get(..4).and_then(num),
        _ => None,
    }
}

fn day_month_in_context(
    text: &str,
    regions: &[(usize, usize)],
    found: &[Mention],
    out: &mut Vec<Mention>,
) {
    for c in captures_in(&DAY_MONTH, text, regions) {
        let (Some(all), Some(d), Some(m)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        if is_abbreviation(m.as_str()) || followed_by_relative_year(text, all.end()) {
            continue;
        }
        // The year of the nearest date written before with its day or month.
        // `found` is sorted by end; look back over a bounded number of bare years.
        let before = found.partition_point(|f| f.end <= d.start());
        let anchor = found
            .get(..before)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take(ANCHOR_LOOKBACK)
            .find(|f| {
                matches!(&f.value, Value::Date { precision, .. } if *precision != Precision::Year)
                    || f.rule == "date.year_words"
            });
        let start = d.start();
        let (Some(y), Some(d), Some(m)) = (
            anchor.and_then(year_of),
            day_number(d.as_str()),
            month(m.as_str()),
        ) else {
            continue;
        };
        if let Some(iso) = iso_day(y, m, d) {
            out.push(date(
                start,
                all.end(),
                iso,
                Precision::Day,
                "date.day_month_in_context",
            ));
        }
    }
}

fn month_in_context(
    text: &str,
    regions: &[(usize, usize)],
    found: &[Mention],
    out: &mut Vec<Mention>,
) {
    for c in captures_in(&MONTH_ALONE, text, regions) {
        let (Some(all), Some(m)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if is_abbreviation(m.as_str()) || followed_by_relative_year(text, all.end()) {
            continue;
        }
        let before = found.partition_point(|f| f.end <= all.start());
        let anchor = before
            .checked_sub(1)
            .and_then(|i| found.get(i))
            .filter(|f| !sentence_break_between(text, f.end, all.start()));
        let (Some(y), Some(m)) = (anchor.and_then(year_of), month(m.as_str())) else {
            continue;
        };
        if let Some(iso) = iso_month(y, m) {
            out.push(date(
                m_start(&c),
                all.end(),
                iso,
                Precision::Month,
                "date.month_in_context",
            ));
        }
    }
}

fn m_start(c: &regex::Captures<'_>) -> usize {
    c.get(1).or_else(|| c.get(0)).map_or(0, |m| m.start())
}

/// Every date of a text, before overlap resolution.
pub fn dates(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    numeric(text, &mut out);
    if text.contains('/') {
        blanks(text, &mut out);
    }
    let regions = month_regions(text);
    day_month_year(text, &regions, &mut out);
    day_list(text, &regions, &mut out);
    month_year(text, &regions, &mut out);
    year_words(text, &mut out);
    bare_year(text, &mut out);
    out.sort_by_key(|m| m.end);
    let mut context = Vec::new();
    day_month_in_context(text, &regions, &out, &mut context);
    month_in_context(text, &regions, &out, &mut context);
    out.extend(context);
    out
}

impl Extractor for Dates {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        out.extend(dates(doc.text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::resolve_overlaps;

    /// The dates a text yields after overlap resolution among dates: (iso, text).
    fn found(text: &str) -> Vec<(String, String)> {
        let mut ms = dates(text);
        resolve_overlaps(&mut ms);
        ms.iter()
            .filter_map(|m| match &m.value {
                Value::Date { iso, .. } => Some((
                    iso.clone(),
                    text.get(m.start..m.end).unwrap_or("?").to_string(),
                )),
                _ => None,
            })
            .collect()
    }

    fn isos(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(i, _)| i).collect()
    }

    #[test]
    fn positives() {
        let cases: &[(&str, &[&str])] = &[
            ("VU le projet de contrat sectoriel déposé par la CRESS Rhône-Alpes\nle 18/04/2014 ;", &["2014-04-18"]),
            ("en date du 18.04.2014", &["2014-04-18"]),
            ("reçu le 18-04-2014.", &["2014-04-18"]),
            ("Le 3 juillet 2009, le nouveau plan", &["2009-07-03"]),
            ("à compter du 1er janvier 2015", &["2015-01-01"]),
            ("Depuis le 1ᵉʳ janvier 2018, la Collectivité", &["2018-01-01"]),
            ("recrutement du premier chargé de mission ESS en juin 2009)", &["2009-06"]),
            ("En 2003, la Métropole", &["2003"]),
            ("depuis 1998, un travail", &["1998"]),
            ("Dès 1999, la notion", &["1999"]),
            ("au plan national d'ici à 2020", &["2020"]),
            ("formés d'ici 2027.", &["2027"]),
            ("Une évaluation intermédiaire, fin 2015, sera menée", &["2015"]),
            ("début 2016", &["2016"]),
            ("au titre de l'année 2024 ;", &["2024"]),
            ("Budget 2014 consacré à l'ESS : 268 000 €", &["2014"]),
            ("- Salon des Entrepreneurs 2014 – Programme spécial ESS", &["2014"]),
            ("Appel à projets « Caen la Mer Solidaire » 2024", &["2024"]),
            ("L'édition 2024 de l'appel", &["2024"]),
            ("Panorama de l'ESS (données 2020)", &["2020"]),
            ("mi-2024", &["2024"]),
            ("(chiffres clés en\n2013 : 1200 offres d'emplois publiées", &["2013"]),
            ("en date des 24 et 25\nfévrier 2011approuvant la Stratégie", &["2011-02-24", "2011-02-25"]),
            ("réunie à Fort-de-France les 8 et 9 février 2018 ;", &["2018-02-08", "2018-02-09"]),
            ("vu la délibération du     /12/2014 de la Commission", &["2014-12"]),
            ("vu la délibération du      /    /2014 du Conseil Municipal", &["2014"]),
            ("Séance du jeudi 28 mars 2024", &["2024-03-28"]),
            ("la loi n° 2014-856 du 31 juillet 2014 relative", &["2014-07-31"]),
            ("régie par la loi du 1er juillet 1901", &["1901-07-01"]),
            ("DCS14047 du 3/11/2014 du Comité syndical", &["2014-11-03"]),
            ("vu la délibération du 4/11/2014du", &["2014-11-04"]),
            ("Au printemps 2020, la Région", &["2020"]),
            ("- **Décembre 2022** : annonce", &["2022-12"]),
            ("en novembre 2024, dont plus de 90 à Mayotte", &["2024-11"]),
            ("clôture le 17 oct. 2022", &["2022-10-17"]),
            ("PERSPECTIVES 2025", &["2025"]),
            ("LES TEMPS FORTS DE 2024", &["2024"]),
            ("pour 2025 et 2026 ;", &["2025", "2026"]),
        ];
        for (text, want) in cases {
            assert_eq!(isos(text), *want, "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn dates_from_context() {
        let t = "En 2003, la Métropole a lancé le premier appel à projet en septembre 2003 (premiers financements attribués dès octobre).";
        assert_eq!(isos(t), ["2003", "2003-09", "2003-10"]);
        let t = "adoption de la stratégie par le Conseil régional en décembre 2024 ; mise en œuvre.\nLes demi-journées se sont tenues le 24 mai au château, le 30 mai à Saint-Paterne et le 5 juin à Châteauroux.";
        assert_eq!(
            isos(t),
            ["2024-12", "2024-05-24", "2024-05-30", "2024-06-05"]
        );
        let t = "Séance du jeudi 28 mars 2024\nL'an deux mille vingt-quatre, le vingt-huit mars à 18 heures";
        assert_eq!(isos(t), ["2024-03-28", "2024", "2024-03-28"]);
        // The year is relative: no date.
        let t = "le 6 mai 2024. Le solde est transmis au plus tard le 30 juin de l'année suivante.";
        assert_eq!(isos(t), ["2024-05-06"]);
        // A month in another sentence than any year stays undated.
        let t = "En 2003, un plan. Les financements viennent dès octobre.";
        assert_eq!(isos(t), ["2003"]);
        // Nothing before to date it.
        assert!(isos("Les ateliers ont eu lieu le 24 mai à Tours.").is_empty());
    }

    #[test]
    fn negatives() {
        for text in [
            "l'aménagement d'une zone d'activité dédiée à l'ESS de 2 hectares",
            "69003 LYON",
            "14027 Caen cedex",
            "22 cours Grandval – BP 215 – 20187 Ajaccio cedex 1",
            "la délibération du Conseil régional n° 11.04.101 en date",
            "la délibération n° 14.04.253 de la Commission permanente",
            "délibération 14_11-04_456",
            "Délibération n° C-24-047 – Page 1 / 3",
            "en application de l'article L. 1611-4 du code",
            "Tél. : 04 76 00 64 35",
            "un montant de 2 015 € versé",
            "2000 emplois et 1950 salariés",
            "1875 établissements soit 10% des entreprises",
            "le Conseil communautaire à 18 heures",
            "Page 2 / 5",
            "Une subvention de 2024 €.",
            "loi n° 2015-1234",
            "Associations loi 1901, coopératives (SCOP, SCIC, CAE)",
            "un taux de 2019,5",
            "CPR 24-0412 du",
            "la Communauté d'agglomération soutient l'ESS depuis 10 ans",
            "L'ESS rassemble 2 000 structures",
        ] {
            assert!(isos(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn spans_cover_their_text() {
        assert_eq!(
            found("le 3 juillet 2009"),
            [("2009-07-03".to_string(), "3 juillet 2009".to_string())]
        );
        assert_eq!(
            found("en 2003."),
            [("2003".to_string(), "2003".to_string())]
        );
    }

    #[test]
    fn month_hits_as_the_regex() {
        let t = "1er Janvier, FÉVRIER fÉvr. févr AOÛT aoÛt mars MARſ ſeptembre xmai mai_ maison \
                 _juin juin2 2juin Déc. decembre novembre innovation OCT oct. sept, ſept avr";
        let want: Vec<_> = MONTH_HIT
            .find_iter(t)
            .map(|m| (m.start(), m.end()))
            .collect();
        assert!(want.len() > 12, "{want:?}");
        assert_eq!(month_hits(t).collect::<Vec<_>>(), want);
    }

    #[test]
    fn patterns_compile() {
        for r in [
            &*NUMERIC,
            &*MONTH_HIT,
            &*BLANK_DAY,
            &*BLANK_DAY_MONTH,
            &*DAY_MONTH_YEAR,
            &*DAY_LIST,
            &*DAY_TOKEN,
            &*MONTH_YEAR,
            &*YEAR,
            &*YEAR_WORDS,
            &*RANGE_TAIL,
            &*DAY_MONTH,
            &*MONTH_ALONE,
        ] {
            assert!(!r.as_str().is_empty());
        }
        assert!(RELATIVE_YEAR.windows(2).all(|w| w[0] < w[1]));
    }
}
