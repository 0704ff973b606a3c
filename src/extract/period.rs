//! Period rules: spans of time with a start and an end (`2014-2016`, `entre 2008 et 2011`).
//!
//! A period's span covers both its ends, so that overlap resolution (periods rank before
//! dates) drops the dates the date rules read at the same characters.
use std::sync::LazyLock;

use regex::{Captures, Match, Regex};

use super::date::{captures_in, month_regions, DAY, MONTHS_RE, WS};
use super::{Doc, Extractor, Mention, Value};
use crate::fr::month::{
    day_number, is_bare_year, iso_day, iso_month, iso_year, month, number_blocked_after,
    number_blocked_before,
};

pub struct Periods;

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this file; a typo is caught by the unit tests.
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad period pattern {pattern}: {e}"))
}

// Two years joined by a hyphen, a dash or a slash: `2014-2016`, `(2006- 2013)`, `2011/2013`,
// `2014 – 2016`.
static YEAR_RANGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)([0-9]{4})[ \t]*[-–—‐‑/](?:[ \t]*\n)?[ \t]*([0-9]{4})(?-u:\b)"));

/// One end of a period: a month with or without its year, or a year.
fn end_pattern(tag: &str, year_optional: bool) -> String {
    let m = &*MONTHS_RE;
    let q = if year_optional { "?" } else { "" };
    format!(
        r"(?:(?P<{tag}m>{m})(?-u:\b)\.?(?:{WS}(?P<{tag}y>[0-9]{{4}})){q}|(?-u:\b)(?P<{tag}b>[0-9]{{4}}))"
    )
}

// `entre 2008 et 2011`, `entre septembre 2021 et février 2022`, `entre mars et juin 2024`.
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)entre{WS}{s}{WS}et{WS}{e}",
        s = end_pattern("s", true),
        e = end_pattern("e", false)
    ))
});

// `de 2011 à 2014`, `De Décembre 2002 à mai 2003`, `de mai 2021 à mai 2023`.
static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:(?-u:\b)(?P<de>de|d['’]|depuis){WS}?)?{s}{WS}(?:à|a|jusqu['’]à|jusqu['’]en){WS}{e}",
        s = end_pattern("s", true),
        e = end_pattern("e", false)
    ))
});

// `de 2011 à 2014`, `depuis 1998 jusqu'en 2003`: years only, where `de` is required.
static FROM_TO_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<de>de|d['’]|depuis){WS}?(?P<sb>[0-9]{{4}}){WS}(?:à|a|jusqu['’]à|jusqu['’]en){WS}(?P<eb>[0-9]{{4}})"
    ))
});

// `du 1er janvier 2024 au 31 décembre 2026`, `du 8 janvier au 16 février 2024`.
static DAY_TO_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let m = &*MONTHS_RE;
    re(&format!(
        r"(?i)(?-u:\b)(?:du|depuis le){WS}(?P<sd>{DAY})(?:{WS}(?P<sm>{m})(?-u:\b)\.?(?:{WS}(?P<sy>[0-9]{{4}}))?)?{WS}(?:au|jusqu['’]au){WS}(?P<ed>{DAY}){WS}(?P<em>{m})(?-u:\b)\.?{WS}(?P<ey>[0-9]{{4}})"
    ))
});

// Three or more consecutive years listed: `sur trois ans (2014, 2015, 2016)`,
// `des années 2024, 2025 et 2026`. Two years (`en 2015 et 2016`) stay two dates.
static YEAR_LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?-u:\b)[0-9]{{4}}(?:(?:[ \t]*,{WS}?(?:et{WS})?|{WS}et{WS})[0-9]{{4}}){{2,}}(?-u:\b)"
    ))
});
static FOUR_DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]{4}"));

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn period(start: usize, end: usize, from: String, to: String, rule: &'static str) -> Mention {
    Mention {
        start,
        end,
        value: Value::Period {
            start: from,
            end: to,
        },
        rule,
    }
}

fn year_range(text: &str, out: &mut Vec<Mention>) {
    for c in YEAR_RANGE.captures_iter(text) {
        let (Some(all), Some(a), Some(b)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let (Some(a), Some(b)) = (num(a.as_str()), num(b.as_str())) else {
            continue;
        };
        if !is_bare_year(a)
            || !is_bare_year(b)
            || b <= a
            || b - a > 50
            || number_blocked_before(text, all.start())
            || number_blocked_after(text, all.end())
        {
            continue;
        }
        if let (Some(s), Some(e)) = (iso_year(a), iso_year(b)) {
            out.push(period(all.start(), all.end(), s, e, "period.year_range"));
        }
    }
}

/// An end read from the captures of [`end_pattern`]: (year, month) with the year possibly
/// missing on a start that borrows it from the end (`entre mars et juin 2024`).
fn read_end(c: &Captures<'_>, tag: &str) -> Option<(Option<u32>, Option<u8>)> {
    let get = |k: &str| c.name(&format!("{tag}{k}"));
    if let Some(y) = get("b") {
        return Some((Some(num(y.as_str())?), None));
    }
    let m = month(get("m")?.as_str())?;
    let y = match get("y") {
        Some(y) => Some(num(y.as_str())?),
        None => None,
    };
    Some((y, Some(m)))
}

fn iso_of(y: u32, m: Option<u8>) -> Option<String> {
    match m {
        Some(m) => iso_month(y, m),
        None => iso_year(y).filter(|_| is_bare_year(y)),
    }
}

/// The period of two ends of [`end_pattern`], when the start comes before the end.
fn two_ends(c: &Captures<'_>, text: &str, all: Match<'_>) -> Option<(String, String)> {
    let (sy, sm) = read_end(c, "s")?;
    let (ey, em) = read_end(c, "e")?;
    let ey = ey?;
    let sy = match sy {
        Some(y) => y,
        // A month without its year takes the end's year only if the end has a month too.
        None if em.is_some() => ey,
        None => return None,
    };
    if (sy, sm.unwrap_or(0)) >= (ey, em.unwrap_or(13)) {
        return None;
    }
    // A bare number at an end must read as a year, not a quantity (`entre 1950 et 2000 salariés`).
    if c.name("eb").is_some() && number_blocked_after(text, all.end()) {
        return None;
    }
    if let Some(b) = c.name("sb") {
        if number_blocked_before(text, b.start()) && c.name("de").is_none() {
            return None;
        }
    }
    Some((iso_of(sy, sm)?, iso_of(ey, em)?))
}

fn between(text: &str, out: &mut Vec<Mention>) {
    for c in BETWEEN.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        if let Some((s, e)) = two_ends(&c, text, all) {
            out.push(period(all.start(), all.end(), s, e, "period.between"));
        }
    }
}

fn from_to(text: &str, regions: &[(usize, usize)], out: &mut Vec<Mention>) {
    let years = FROM_TO_YEARS.captures_iter(text);
    for c in captures_in(&FROM_TO, text, regions).chain(years) {
        let Some(all) = c.get(0) else { continue };
        // Without `de`, only two month-years make a period (`Décembre 2002 à mai 2003`):
        // `2019 à 2024` alone is too often two separate points.
        if c.name("de").is_none()
            && (c.name("sm").is_none() || c.name("em").is_none() || c.name("sy").is_none())
        {
            continue;
        }
        if let Some((s, e)) = two_ends(&c, text, all) {
            out.push(period(all.start(), all.end(), s, e, "period.from_to"));
        }
    }
}

fn day_to_day(text: &str, regions: &[(usize, usize)], out: &mut Vec<Mention>) {
    for c in captures_in(&DAY_TO_DAY, text, regions) {
        let (Some(all), Some(sd), Some(ed), Some(em), Some(ey)) = (
            c.get(0),
            c.name("sd"),
            c.name("ed"),
            c.name("em"),
            c.name("ey"),
        ) else {
            continue;
        };
        let (Some(sd), Some(ed), Some(em), Some(ey)) = (
            day_number(sd.as_str()),
            day_number(ed.as_str()),
            month(em.as_str()),
            num(ey.as_str()),
        ) else {
            continue;
        };
        let sm = match c.name("sm") {
            Some(m) => month(m.as_str()),
            None => Some(em),
        };
        let sy = match c.name("sy") {
            Some(y) => num(y.as_str()),
            None => Some(ey),
        };
        let (Some(sm), Some(sy)) = (sm, sy) else {
            continue;
        };
        if (sy, sm, sd) >= (ey, em, ed) {
            continue;
        }
        if let (Some(s), Some(e)) = (iso_day(sy, sm, sd), iso_day(ey, em, ed)) {
            out.push(period(all.start(), all.end(), s, e, "period.day_to_day"));
        }
    }
}

fn year_list(text: &str, out: &mut Vec<Mention>) {
    for m in YEAR_LIST.find_iter(text) {
        let years: Vec<u32> = FOUR_DIGITS
            .find_iter(m.as_str())
            .filter_map(|y| num(y.as_str()))
            .collect();
        let consecutive = years.windows(2).all(|w| w[1] == w[0] + 1);
        let (Some(&first), Some(&last)) = (years.first(), years.last()) else {
            continue;
        };
        if years.len() < 3
            || !consecutive
            || !years.iter().all(|y| is_bare_year(*y))
            || number_blocked_before(text, m.start())
            || number_blocked_after(text, m.end())
        {
            continue;
        }
        if let (Some(s), Some(e)) = (iso_year(first), iso_year(last)) {
            out.push(period(m.start(), m.end(), s, e, "period.year_list"));
        }
    }
}

/// Every period of a text, before overlap resolution.
pub fn periods(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    year_range(text, &mut out);
    between(text, &mut out);
    let regions = month_regions(text);
    from_to(text, &regions, &mut out);
    day_to_day(text, &regions, &mut out);
    year_list(text, &mut out);
    out
}

impl Extractor for Periods {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        out.extend(periods(doc.text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{date::dates, resolve_overlaps, Value};

    /// What a text yields once dates and periods compete: "start..end" for periods, iso for dates.
    fn found(text: &str) -> Vec<String> {
        let mut ms = periods(text);
        ms.extend(dates(text));
        resolve_overlaps(&mut ms);
        ms.iter()
            .map(|m| match &m.value {
                Value::Period { start, end } => format!("{start}..{end}"),
                Value::Date { iso, .. } => iso.clone(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn positives() {
        let cases: &[(&str, &[&str])] = &[
            (
                "CONTRAT ECONOMIQUE SECTORIEL 2014-2016, initiative",
                &["2014..2016"],
            ),
            (
                "Contractualisation 2014- 2016, en Rhône-Alpes",
                &["2014..2016"],
            ),
            (
                "> Bilan quantitatif  (2006- 2013) : 117 dossiers",
                &["2006..2013"],
            ),
            ("la période 2011/2013", &["2011..2013"]),
            ("le plan 2014 – 2016 de la Région", &["2014..2016"]),
            ("du CES ESS 2014-\n2016 ?", &["2014..2016"]),
            (
                "De Décembre 2002 à mai 2003, le cabinet",
                &["2002-12..2003-05"],
            ),
            (
                "De **Décembre 2002 à mai 2003**, le cabinet",
                &["2002-12..2003-05"],
            ),
            ("Entre 2008 et 2011, l’emploi dans l’ESS", &["2008..2011"]),
            (
                "menée entre septembre 2021 et février 2022",
                &["2021-09..2022-02"],
            ),
            (
                "déposés entre novembre 2023 et janvier 2024, ont été",
                &["2023-11..2024-01"],
            ),
            (
                "mis en œuvre par l'ADEC de 2011 à 2014 avec 6 M€",
                &["2011..2014"],
            ),
            (
                "d’un contrat d’objectifs économiques sur trois ans (2014, 2015, 2016), pour",
                &["2014..2016"],
            ),
            ("au cours des années 2014, 2015, et 2016.", &["2014..2016"]),
            ("des années 2024, 2025 et 2026, soit", &["2024..2026"]),
            ("pour la période 2022-2026.", &["2022..2026"]),
            (
                "Elle couvre les actions réalisées du 1er janvier 2024 au 31 décembre 2026.",
                &["2024-01-01..2026-12-31"],
            ),
            (
                "conclue pour la période du 1er janvier 2024\nau 31 décembre 2026. Elle",
                &["2024-01-01..2026-12-31"],
            ),
            (
                "ouverte du 8 janvier au\n16 février 2024, a reçu",
                &["2024-01-08..2024-02-16"],
            ),
            (
                "ouvert du 21 avril au 12 mai 2021.",
                &["2021-04-21..2021-05-12"],
            ),
            ("du 1er au 15 mars 2024", &["2024-03-01..2024-03-15"]),
            (
                "AMI permanent, de mai 2021 à mai 2023",
                &["2021-05..2023-05"],
            ),
            ("entre mars et juin 2024", &["2024-03..2024-06"]),
            ("Budget : 120 000 € sur 2024-2025.", &["2024..2025"]),
            ("2024-2027", &["2024..2027"]),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), *want, "{text}");
        }
    }

    #[test]
    fn negatives() {
        let cases: &[(&str, &[&str])] = &[
            ("la loi n° 2014-856 du 31 juillet 2014", &["2014-07-31"]),
            ("le décret n° 2015-2016 relatif", &[]),
            ("soutient le développement de l'ESS depuis 10 ans", &[]),
            ("de 10 à 12 participants", &[]),
            ("Tél. : 04 76 00 64 35", &[]),
            ("Délibération n° C-24-047 – Page 1 / 3", &[]),
            (
                "renouvelée en 2015 et 2016, en cohérence",
                &["2015", "2016"],
            ),
            ("au titre des années 2025 et 2026", &["2025", "2026"]),
            (
                "est passé de 170 000 € en 2019 à 420 000 € en 2024",
                &["2019", "2024"],
            ),
            ("entre 1950 et 2000 salariés", &[]),
            ("en 2014, 2016 et 2018", &["2014", "2016", "2018"]),
            ("de 2016 à 2014", &["2016", "2014"]),
            ("CP/2014-2016", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), *want, "{text}");
        }
    }

    #[test]
    fn patterns_compile() {
        for r in [
            &*YEAR_RANGE,
            &*BETWEEN,
            &*FROM_TO,
            &*DAY_TO_DAY,
            &*YEAR_LIST,
            &*FOUR_DIGITS,
        ] {
            assert!(!r.as_str().is_empty());
        }
    }
}
