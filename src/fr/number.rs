//! French numbers as written in administrative texts: digits grouped by thousands
//! (`1 229 800`, `1.229.800`), decimal comma (`4,5`), signs (`+3,6`), multipliers
//! (`M€`, `millions`, `Mds`) and numbers in words (`soixante-deux`, `une centaine`).
//!
//! Every function reads at the *start* of the given slice and returns the value and the
//! number of bytes consumed, so callers scan a text once and never allocate per number.
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// A regex fragment for one written number: optional sign, digits grouped by thousands with
/// a space, no-break space, narrow no-break space or dot (each group after the first has
/// exactly three digits), optional decimal comma. Embed it in a family's regex; read the
/// value back with [`parse_digits`].
pub const GROUPED_NUMBER: &str =
    r"[+\-−]?(?:\d{1,3}(?:[ \u{A0}\u{202F}]\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?";

/// Thousands separators of French typography (a line break is never one).
fn is_group_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '.')
}

/// Reads a number written in digits at the start of `s`: `1 229 800`, `1.229.800`, `4,5`,
/// `+3,6`, `-0,8`. A group after the first must have exactly three digits and only the first
/// group may have fewer, so `2015 3 000` reads `2015` and `04 76 00` reads `04`. Returns the
/// value and the bytes consumed.
pub fn parse_digits(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut neg = false;
    if let Some(c) = s.chars().next() {
        if matches!(c, '+' | '-' | '−') {
            neg = c != '+';
            i = c.len_utf8();
        }
    }
    let digits_at = |from: usize| {
        b.get(from..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let first = digits_at(i);
    if first == 0 {
        return None;
    }
    let mut int: String = String::with_capacity(16);
    int.push_str(s.get(i..i + first)?);
    i += first;
    if first <= 3 {
        // Thousands groups: one separator kind throughout, exactly three digits each.
        let mut sep: Option<char> = None;
        while let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
            if !is_group_sep(c) || sep.is_some_and(|k| k != c) {
                break;
            }
            let j = i + c.len_utf8();
            if digits_at(j) != 3 {
                break;
            }
            sep = Some(c);
            int.push_str(s.get(j..j + 3)?);
            i = j + 3;
        }
    }
    let mut text = int;
    if b.get(i) == Some(&b',') {
        let d = digits_at(i + 1);
        if d > 0 {
            text.push('.');
            text.push_str(s.get(i + 1..i + 1 + d)?);
            i += 1 + d;
        }
    }
    let v: f64 = text.parse().ok()?;
    Some((if neg { -v } else { v }, i))
}

/// Words of French cardinal numbers and their values (source: French grammar; the Belgian
/// and Swiss `septante`, `huitante`, `octante`, `nonante` included). Sorted by word.
pub const NUMBER_WORDS: &[(&str, u64)] = &[
    ("cent", 100),
    ("cents", 100),
    ("cinq", 5),
    ("cinquante", 50),
    ("deux", 2),
    ("dix", 10),
    ("douze", 12),
    ("huit", 8),
    ("huitante", 80),
    ("mille", 1_000),
    ("milliard", 1_000_000_000),
    ("milliards", 1_000_000_000),
    ("million", 1_000_000),
    ("millions", 1_000_000),
    ("neuf", 9),
    ("nonante", 90),
    ("octante", 80),
    ("onze", 11),
    ("quarante", 40),
    ("quatorze", 14),
    ("quatre", 4),
    ("quinze", 15),
    ("seize", 16),
    ("sept", 7),
    ("septante", 70),
    ("six", 6),
    ("soixante", 60),
    ("treize", 13),
    ("trente", 30),
    ("trois", 3),
    ("un", 1),
    ("une", 1),
    ("vingt", 20),
    ("vingts", 20),
];

/// Approximate quantities (`une centaine de partenaires` = 100), valued at their round
/// number as the annotation guide reads them. Sorted by word.
pub const APPROX_WORDS: &[(&str, u64)] = &[
    ("centaine", 100),
    ("cinquantaine", 50),
    ("dizaine", 10),
    ("douzaine", 12),
    ("millier", 1_000),
    ("quarantaine", 40),
    ("quinzaine", 15),
    ("soixantaine", 60),
    ("trentaine", 30),
    ("vingtaine", 20),
];

/// Multipliers written after a number, with their factor: abbreviations of money amounts
/// (`k€`, `M€`, `Md€`, `Mds`) and the words `million(s)`, `milliard(s)`. Longest first
/// within a shared prefix so the first match is the right one.
pub const MULTIPLIERS: &[(&str, f64)] = &[
    ("milliards", 1e9),
    ("milliard", 1e9),
    ("millions", 1e6),
    ("million", 1e6),
    ("milliers", 1e3),
    ("mille", 1e3),
    ("Mrds", 1e9),
    ("Mrd", 1e9),
    ("Mds", 1e9),
    ("Md", 1e9),
    ("M", 1e6),
    ("k", 1e3),
    ("K", 1e3),
];

fn lookup(table: &[(&str, u64)], w: &str) -> Option<u64> {
    table
        .binary_search_by(|(k, _)| k.cmp(&w))
        .ok()
        .and_then(|i| table.get(i))
        .map(|(_, v)| *v)
}

/// The value of one number word, matched without regard to case (`Deux`, `TROIS`).
pub fn word_value(w: &str) -> Option<u64> {
    if w.len() > 12 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 12];
    let lw = buf.get_mut(..w.len())?;
    lw.copy_from_slice(w.as_bytes());
    lw.make_ascii_lowercase();
    let lw = std::str::from_utf8(lw).ok()?;
    lookup(NUMBER_WORDS, lw)
}

fn approx_value(w: &str) -> Option<u64> {
    if w.len() > 12 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 12];
    let lw = buf.get_mut(..w.len())?;
    lw.copy_from_slice(w.as_bytes());
    lw.make_ascii_lowercase();
    let lw = std::str::from_utf8(lw).ok()?;
    lookup(APPROX_WORDS, lw)
}

/// The letters-only word at the start of `s` (empty if none).
fn leading_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or("")
}

/// Reads a number written in words at the start of `s`: `deux`, `soixante deux`,
/// `soixante-deux`, `vingt et un`, `quatre-vingt-dix`, `deux mille vingt-quatre`,
/// `un million`, and approximations `une centaine` (100), `une quarantaine` (40).
/// Words are separated by a hyphen or white space (a line break included). Stops before a
/// word that cannot continue the number (`deux trois` reads `deux`). Returns the value and
/// the bytes consumed; `un`/`une` alone read 1 and callers decide whether it is an article.
pub fn parse_words(s: &str) -> Option<(f64, usize)> {
    // `une centaine`, `un millier`, or a bare `dizaine`.
    let w0 = leading_word(s);
    if w0.is_empty() {
        return None;
    }
    if let Some(v) = approx_value(w0) {
        return Some((v as f64, w0.len()));
    }
    if matches!(w0.to_ascii_lowercase().as_str(), "un" | "une") {
        let rest = s.get(w0.len()..).unwrap_or("");
        let gap = rest.len() - rest.trim_start().len();
        if gap > 0 && gap <= 3 {
            let w1 = leading_word(rest.get(gap..).unwrap_or(""));
            if let Some(v) = approx_value(w1) {
                return Some((v as f64, w0.len() + gap + w1.len()));
            }
        }
    }
    let mut total: u64 = 0; // millions and thousands already closed
    let mut cur: u64 = 0; // the part below a thousand being read
    let mut end = 0usize;
    let mut pos = 0usize;
    let mut any = false;
    let mut pending_et = false;
    let mut closed_at: u64 = u64::MAX; // the smallest multiplier closed so far
    for _ in 0..12 {
        let rest = s.get(pos..).unwrap_or("");
        let w = leading_word(rest);
        if w.is_empty() {
            break;
        }
        if w.eq_ignore_ascii_case("et") && any && !pending_et {
            let low = cur % 100;
            if (20..=70).contains(&low) && low % 10 == 0 {
                pending_et = true;
                pos += w.len();
                match skip_sep(s, pos) {
                    Some(p) => pos = p,
                    None => break,
                }
                continue;
            }
            break;
        }
        let Some(v) = word_value(w) else { break };
        // `des millions de`: a multiplier needs a count before it.
        if !any && v >= 1_000_000 {
            break;
        }
        if pending_et && !(v == 1 || v == 11) {
            break;
        }
        let ok = match v {
            1..=99 => {
                let low = cur % 100;
                if cur == 0 || low == 0 || (v == 20 && low == 4) {
                    true
                } else if low >= 20 && low % 10 == 0 {
                    v < 10 || ((low == 60 || low == 80) && v < 20)
                } else {
                    low == 10 && (7..=9).contains(&v)
                }
            }
            100 => cur < 10,
            m => closed_at > m,
        };
        if !ok {
            break;
        }
        match v {
            20 if cur % 100 == 4 && any => cur = cur - 4 + 80,
            1..=99 => cur += v,
            100 => cur = cur.max(1) * 100,
            m => {
                total += cur.max(1) * m;
                cur = 0;
                closed_at = m;
            }
        }
        any = true;
        pending_et = false;
        pos += w.len();
        end = pos;
        match skip_sep(s, pos) {
            Some(p) => pos = p,
            None => break,
        }
    }
    if !any {
        return None;
    }
    Some(((total + cur) as f64, end))
}

/// Skips one hyphen or a run of white space (at most one line break) between number words.
fn skip_sep(s: &str, pos: usize) -> Option<usize> {
    let rest = s.get(pos..)?;
    if let Some(r) = rest.strip_prefix('-') {
        return Some(pos + 1 + (r.len() - r.trim_start_matches(' ').len()));
    }
    let t = rest.trim_start();
    let gap = rest.len() - t.len();
    if gap == 0 || gap > 4 || rest.get(..gap)?.matches('\n').count() > 1 {
        return None;
    }
    Some(pos + gap)
}

/// Reads a multiplier at the start of `s` (right after a number and an optional space):
/// `M` of `M€`, `k`, `K`, `Md`, `Mds`, `million(s)`, `milliard(s)`, `mille`. Returns the factor
/// and the bytes consumed. An abbreviation (`M`, `k`, `Md`) is only a multiplier when money
/// follows, which the caller checks; a word must end at a word boundary.
pub fn multiplier(s: &str) -> Option<(f64, usize)> {
    for (w, f) in MULTIPLIERS {
        if let Some(rest) = s.strip_prefix(w) {
            if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            return Some((*f, w.len()));
        }
    }
    None
}

/// Finds the first word of a number written in words (built from [`NUMBER_WORDS`] and
/// [`APPROX_WORDS`], ASCII case folded): one linear pass, no regex word boundaries.
static NUMBER_WORD_AC: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let words = NUMBER_WORDS
        .iter()
        .chain(APPROX_WORDS.iter())
        .map(|(w, _)| *w);
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(words)
        .ok()
});

/// A number written in words found by [`word_numbers`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FoundWords {
    pub start: usize,
    pub end: usize,
    pub value: f64,
}

/// Every number written in words in `text`, left to right (`soixante deux`, `une centaine`,
/// `un` included: callers decide whether it is an article). A word must stand alone: not
/// inside `deuxième`, `central`, `aucune`.
pub fn word_numbers(text: &str) -> impl Iterator<Item = FoundWords> + '_ {
    let mut last_end = 0usize;
    NUMBER_WORD_AC
        .as_ref()
        .into_iter()
        .flat_map(move |ac| ac.find_iter(text))
        .filter_map(move |m| {
            if m.start() < last_end {
                return None;
            }
            let before_ok = text
                .get(..m.start())
                .and_then(|b| b.chars().next_back())
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text
                .get(m.end()..)
                .and_then(|a| a.chars().next())
                .is_none_or(|c| !c.is_alphanumeric());
            if !(before_ok && after_ok) {
                return None;
            }
            let (value, n) = text.get(m.start()..).and_then(parse_words)?;
            last_end = m.start() + n;
            Some(FoundWords {
                start: m.start(),
                end: m.start() + n,
                value,
            })
        })
}

/// A number written in digits found in a text by [`digit_numbers`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// Byte offset of the first character (the sign when there is one).
    pub start: usize,
    /// Byte offset just past the last digit.
    pub end: usize,
    pub value: f64,
    /// True for four plain digits that read as a year (`2014`, `1998`).
    pub year_like: bool,
}

/// May a number start at byte `i` of `text` (a digit)? Not inside a word or a code
/// (`A2`, `II_3`, `n°14`, `C-24-047`, `CP/24`, `11.04.101`, the end of `2014-2016`).
/// Returns the start including an attached sign (`(-0,8%`, ` +3,6 %`).
fn number_start(text: &str, i: usize) -> Option<usize> {
    let before = text.get(..i)?;
    let mut rev = before.chars().rev();
    let Some(p) = rev.next() else { return Some(i) };
    let pp = rev.next();
    if p.is_alphanumeric() || matches!(p, '_' | '/' | '°' | '\\' | '&' | '@' | '#') {
        return None;
    }
    if matches!(p, '.' | ',' | ':') && pp.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    if matches!(p, '-' | '+' | '−' | '–') {
        if pp.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '_')) {
            return None;
        }
        if p != '–' {
            return Some(i - p.len_utf8());
        }
    }
    Some(i)
}

/// Every number written in digits in `text`, left to right, with its value, skipping the
/// digits of words and codes (see `number_start`). One pass, no allocation per number beyond
/// the parse.
pub fn digit_numbers(text: &str) -> impl Iterator<Item = Found> + '_ {
    let b = text.as_bytes();
    let mut i = 0usize;
    std::iter::from_fn(move || {
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let run_end = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let Some(start) = number_start(text, i) else {
                i = run_end;
                continue;
            };
            let Some((value, len)) = text.get(start..).and_then(parse_digits) else {
                i = run_end;
                continue;
            };
            let end = start + len;
            i = end.max(run_end);
            // A code or a date continues: `11.04.101`, `2014-2016`, `18/04`, `14:30`.
            let mut after = text.get(end..).unwrap_or("").chars();
            if matches!(after.next(), Some('.' | ',' | '/' | '-' | '_' | ':'))
                && after.next().is_some_and(|c| c.is_ascii_digit())
            {
                i = end
                    + 1
                    + b[end + 1..]
                        .iter()
                        .take_while(|c| c.is_ascii_digit())
                        .count();
                continue;
            }
            let year_like = end - start == 4
                && b.get(start..end)
                    .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                && is_year_like(value, 4);
            return Some(Found {
                start,
                end,
                value,
                year_like,
            });
        }
        None
    })
}

/// True when a 4-digit whole number reads as a year of the documents' era (1900–2099).
pub fn is_year_like(v: f64, len_digits: usize) -> bool {
    len_digits == 4 && v.fract() == 0.0 && (1900.0..2100.0).contains(&v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_sorted_unique() {
        for t in [NUMBER_WORDS, APPROX_WORDS] {
            for w in t.windows(2) {
                assert!(w[0].0 < w[1].0, "{} !< {}", w[0].0, w[1].0);
            }
        }
    }

    #[test]
    fn digits() {
        let cases: &[(&str, f64, usize)] = &[
            ("1 229 800 habitants", 1229800.0, 9),
            ("1.229.800", 1229800.0, 9),
            ("24 000 établissements", 24000.0, 6),
            ("24\u{A0}000", 24000.0, 7),
            ("24\u{202F}000", 24000.0, 8),
            ("4,5 M€", 4.5, 3),
            ("13,2 %", 13.2, 4),
            ("+3,6 %", 3.6, 4),
            ("-0,8%", -0.8, 4),
            ("2015 3 000 emplois", 2015.0, 4),
            ("1 000 000 euros", 1e6, 9),
            ("04 76 00 64 35", 4.0, 2),
            ("20000 emplois", 20000.0, 5),
            ("11.04.101", 11.0, 2),
            ("3 sites", 3.0, 1),
            ("1 229 80", 1229.0, 5),
            ("1 000.000", 1000.0, 5),
        ];
        for (s, v, n) in cases {
            assert_eq!(parse_digits(s), Some((*v, *n)), "{s}");
        }
        assert_eq!(parse_digits("abc"), None);
        assert_eq!(parse_digits("+"), None);
        assert_eq!(parse_digits("1 000\n000"), Some((1000.0, 5)));
    }

    #[test]
    fn words() {
        let cases: &[(&str, f64, &str)] = &[
            ("soixante deux projets", 62.0, "soixante deux"),
            ("soixante-deux projets", 62.0, "soixante-deux"),
            ("vingt trois membres", 23.0, "vingt trois"),
            ("quatre-vingt-dix", 90.0, "quatre-vingt-dix"),
            ("quatre-vingts", 80.0, "quatre-vingts"),
            ("soixante-dix-sept", 77.0, "soixante-dix-sept"),
            ("dix-sept", 17.0, "dix-sept"),
            ("vingt et un", 21.0, "vingt et un"),
            (
                "deux mille vingt-quatre, le",
                2024.0,
                "deux mille vingt-quatre",
            ),
            ("une centaine de partenaires", 100.0, "une centaine"),
            ("une quarantaine de projets", 40.0, "une quarantaine"),
            ("une dizaine", 10.0, "une dizaine"),
            ("une douzaine de référents", 12.0, "une douzaine"),
            ("Deux chargé", 2.0, "Deux"),
            ("trois axes", 3.0, "trois"),
            ("neuf\nprojets", 9.0, "neuf"),
            ("un million d'euros", 1e6, "un million"),
            ("deux cent cinquante", 250.0, "deux cent cinquante"),
            ("cinq mille euros", 5000.0, "cinq mille"),
            ("deux trois", 2.0, "deux"),
            (
                "trois millions deux cent mille",
                3_200_000.0,
                "trois millions deux cent mille",
            ),
            ("mille", 1000.0, "mille"),
            ("une coopérative", 1.0, "une"),
        ];
        for (s, v, t) in cases {
            assert_eq!(parse_words(s), Some((*v, t.len())), "{s}");
        }
        assert_eq!(parse_words("projets"), None);
        assert_eq!(parse_words("vingtième"), None);
    }

    #[test]
    fn multipliers() {
        assert_eq!(multiplier("M€"), Some((1e6, 1)));
        assert_eq!(multiplier("M d'€"), Some((1e6, 1)));
        assert_eq!(multiplier("k€"), Some((1e3, 1)));
        assert_eq!(multiplier("Md€"), Some((1e9, 2)));
        assert_eq!(multiplier("Mds €"), Some((1e9, 3)));
        assert_eq!(multiplier("millions d'euros"), Some((1e6, 8)));
        assert_eq!(multiplier("milliard d'euros"), Some((1e9, 8)));
        assert_eq!(multiplier("Mairie"), None);
        assert_eq!(multiplier("euros"), None);
    }

    #[test]
    fn grouped_fragment_matches_like_parser() {
        use regex::Regex;
        let re = Regex::new(&format!("^(?:{GROUPED_NUMBER})")).unwrap();
        for s in ["1 229 800", "2015", "4,5", "1.229.800", "+3,6", "24 000"] {
            let m = re.find(s).unwrap();
            assert_eq!(Some(m.end()), parse_digits(s).map(|x| x.1), "{s}");
        }
    }

    #[test]
    fn finds_numbers_not_codes() {
        let t = "en 2015 3 000 emplois, C-24-047, n°14, 2014-2016, (-0,8%), II_3.1, 11.04.101";
        let got: Vec<f64> = digit_numbers(t).map(|f| f.value).collect();
        assert_eq!(got, vec![2015.0, 3000.0, -0.8]);
        let f = digit_numbers("en 2015").next().unwrap();
        assert!(f.year_like);
    }

    #[test]
    fn finds_words_standing_alone() {
        let got: Vec<f64> =
            word_numbers("par Vingt trois membres, le deuxième, central, aucune, une centaine")
                .map(|f| f.value)
                .collect();
        assert_eq!(got, vec![23.0, 100.0]);
    }
}
