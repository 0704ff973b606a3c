//! Digits split by a stray space where no French grouping allows it (key `split_digits`):
//! `201 5` → `2015`, `en 20 15` → `en 2015` (after a year word), `1 229 80 0` →
//! `1 229 800`. Valid groupings (`1 000 000`, `2 387 500`), phone numbers
//! (`04 76 00 64 35`, `+33 4 …`, `0596 …`), two numbers side by side (`en 2015 3 000`,
//! `article 3 2`) and decimals (`4,5 201`) are left alone.
use super::count;
use crate::doc::Repairs;

/// Words after which `20 15` reads as a year.
const YEAR_WORDS: &[&str] = &[
    "en",
    "depuis",
    "de",
    "année",
    "an",
    "exercice",
    "budget",
    "primitif",
    "entre",
    "et",
    "à",
    "au",
    "dès",
    "fin",
    "début",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "jusqu'en",
    "jusqu’en",
];

pub(crate) fn run(text: &str, repairs: &mut Repairs) -> Option<String> {
    let b = text.as_bytes();
    // quick check: digit, space, digit somewhere
    if !b
        .windows(3)
        .any(|w| w[1] == b' ' && w[0].is_ascii_digit() && w[2].is_ascii_digit())
    {
        return None;
    }
    let mut removed: Vec<usize> = Vec::new(); // byte offsets of spaces to drop
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // a maximal sequence of digit groups separated by single spaces
        let seq_start = i;
        groups.clear();
        loop {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            groups.push((s, i));
            if i + 1 < b.len() && b[i] == b' ' && b[i + 1].is_ascii_digit() {
                i += 1;
            } else {
                break;
            }
        }
        if groups.len() >= 2 && bounded(b, seq_start, i) {
            repair(text, seq_start, &groups, &mut removed);
        }
    }
    if removed.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for &sp in &removed {
        out.push_str(&text[last..sp]);
        last = sp + 1;
    }
    out.push_str(&text[last..]);
    count(repairs, "split_digits", removed.len() as u64);
    Some(out)
}

/// The sequence stands alone: not after `+`, `,`, `.`, `)`, `-`, `/`, … (phones, decimals,
/// codes) and not followed by a decimal part.
fn bounded(b: &[u8], start: usize, end: usize) -> bool {
    let before_ok = start == 0 || {
        let c = b[start - 1];
        matches!(c, b' ' | b'\t' | b'\n' | b'(' | b'[' | b'"') || (c >= 0x80 && c != 0xB0)
    };
    let decimal_after =
        matches!(b.get(end), Some(b',' | b'.')) && b.get(end + 1).is_some_and(u8::is_ascii_digit);
    let glued_after = b
        .get(end)
        .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'/')
        && !year_range_after(b, end);
    before_ok && !decimal_after && !glued_after
}

/// `-2017` at `end`: the sequence is the first year of a period (`201 5-2017`), not a code.
fn year_range_after(b: &[u8], end: usize) -> bool {
    b.get(end) == Some(&b'-')
        && b.get(end + 1..end + 5)
            .is_some_and(|y| y.iter().all(u8::is_ascii_digit) && is_year_prefix(y))
        && !b.get(end + 5).is_some_and(u8::is_ascii_alphanumeric)
}

fn is_year_prefix(g: &[u8]) -> bool {
    g.len() >= 2 && (g.starts_with(b"19") || g.starts_with(b"20"))
}

fn repair(text: &str, seq_start: usize, groups: &[(usize, usize)], removed: &mut Vec<usize>) {
    let b = text.as_bytes();
    let g = |k: usize| &b[groups[k].0..groups[k].1];
    let len = |k: usize| groups[k].1 - groups[k].0;
    // phone numbers and codes with a leading zero: never touched
    if len(0) > 1 && g(0)[0] == b'0' {
        return;
    }
    if groups.len() >= 4 && (0..groups.len()).all(|k| len(k) == 2) {
        return;
    }
    // a valid thousands grouping: fine as it is
    let valid = (1..=3).contains(&len(0)) && (1..groups.len()).all(|k| len(k) == 3);
    if valid {
        return;
    }
    // year split after three digits: `201 5`
    if len(0) == 3 && len(1) == 1 && is_year_prefix(g(0)) {
        removed.push(groups[0].1);
        return;
    }
    // year split in the middle after a year word: `en 20 15`
    if groups.len() == 2 && len(0) == 2 && len(1) == 2 && is_year_prefix(g(0)) {
        let line_start = text[..seq_start].rfind('\n').map_or(0, |p| p + 1);
        let word = text[line_start..seq_start]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase();
        if YEAR_WORDS.contains(&word.as_str()) {
            removed.push(groups[0].1);
        }
        return;
    }
    // broken last group(s) of a grouping: `1 229 80 0` → `1 229 800`
    if (1..=3).contains(&len(0)) && len(1) == 3 {
        let mut k = 2;
        while k < groups.len() && len(k) == 3 {
            k += 1;
        }
        let run_start = k;
        let mut total = 0;
        while k < groups.len() && len(k) < 3 {
            total += len(k);
            k += 1;
        }
        let short = k - run_start;
        let rest_ok = (k..groups.len()).all(|m| len(m) == 3);
        if short >= 2 && total == 3 && rest_ok {
            removed.extend(groups[run_start..k - 1].iter().map(|g| g.1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        run(s, &mut Repairs::new()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn joined() {
        assert_eq!(fix("en 201 5 ou 2016"), "en 2015 ou 2016");
        assert_eq!(fix("en 201 9 à 420 000 €"), "en 2019 à 420 000 €");
        assert_eq!(fix("budget primitif 202 4 de"), "budget primitif 2024 de");
        assert_eq!(fix("(202 4)"), "(2024)");
        assert_eq!(
            fix("CONVENTION DE PARTENARIAT 201 5-2017"),
            "CONVENTION DE PARTENARIAT 2015-2017"
        );
        assert_eq!(fix("en 20 15,"), "en 2015,");
        assert_eq!(fix(" 1 229 80 0 habitants"), " 1 229 800 habitants");
        assert_eq!(fix("1 229 8 0 0"), "1 229 800");
    }

    #[test]
    fn left() {
        for s in [
            "1 000 000",
            "2 387 500 euros",
            "24 000 établissements",
            "04 76 00 64 35",
            "+33 4 95 10 54 61",
            "(0)4 95 10 54 61",
            "0596 12 34 56",
            "en 2015 3 000 emplois",
            "article 3 2",
            "les 24 et 25",
            "69003 LYON",
            "4,5 201 5",
            "les 20 15 projets",
            "1 000 2 000",
            "12 000 5 0",
            "2014 2015",
            "201 5,5",
            "A4 201 5",
            "n°201 5",
            "201 5-856",
            "201 5-20175",
        ] {
            assert_eq!(fix(s), s, "{s:?}");
        }
    }
}
