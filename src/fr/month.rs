//! French month names and calendar helpers shared by the date and period rules.
//!
//! Month names are data ([`MONTHS`]); [`month`] reads one whatever its case and accents;
//! [`iso_day`], [`iso_month`] and [`iso_year`] build the ISO strings of the output contract
//! and refuse days that do not exist.

/// French month names and their usual abbreviations (Lexique des règles typographiques en
/// usage à l'Imprimerie nationale: `janv.`, `févr.`, `avr.`, `juil.`, `sept.`, `oct.`,
/// `nov.`, `déc.`), lower case, with and without accents. Sorted by name, unique.
pub const MONTHS: &[(&str, u8)] = &[
    ("aout", 8),
    ("août", 8),
    ("avr", 4),
    ("avril", 4),
    ("dec", 12),
    ("decembre", 12),
    ("déc", 12),
    ("décembre", 12),
    ("fev", 2),
    ("fevr", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("février", 2),
    ("janv", 1),
    ("janvier", 1),
    ("juil", 7),
    ("juillet", 7),
    ("juin", 6),
    ("mai", 5),
    ("mars", 3),
    ("nov", 11),
    ("novembre", 11),
    ("oct", 10),
    ("octobre", 10),
    ("sept", 9),
    ("septembre", 9),
];

/// Abbreviated forms: a rule reads them only next to a day or a year, never alone.
pub fn is_abbreviation(name: &str) -> bool {
    let n = name.trim_end_matches('.').to_lowercase();
    !matches!(
        n.as_str(),
        "janvier"
            | "fevrier"
            | "février"
            | "mars"
            | "avril"
            | "mai"
            | "juin"
            | "juillet"
            | "aout"
            | "août"
            | "septembre"
            | "octobre"
            | "novembre"
            | "decembre"
            | "décembre"
    )
}

/// The month number of a French month name or abbreviation, in any case, with or without
/// accents and abbreviation dot: `Décembre`, `DÉCEMBRE`, `decembre`, `déc.` → 12.
pub fn month(s: &str) -> Option<u8> {
    let s = s.trim().trim_end_matches('.');
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let lower = s.to_lowercase();
    MONTHS
        .binary_search_by(|(n, _)| (*n).cmp(lower.as_str()))
        .ok()
        .and_then(|i| MONTHS.get(i))
        .map(|(_, m)| *m)
}

/// A regex alternation of every month name, longest first so that `septembre` wins over
/// `sept`; to be used case-insensitively and followed by `\b`.
pub fn month_alternation() -> String {
    let mut names: Vec<&str> = MONTHS.iter().map(|(n, _)| *n).collect();
    names.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.join("|")
}

/// Years a date rule accepts when a day or a month anchors them (`loi du 1er juillet 1901`).
pub fn is_dated_year(y: u32) -> bool {
    (1800..=2099).contains(&y)
}

/// Years a bare four-digit number may stand for: the range of this genre's points in time.
pub fn is_bare_year(y: u32) -> bool {
    (1900..=2099).contains(&y)
}

fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The number of days of a month of a year, 0 for a month that does not exist.
pub fn days_in_month(y: u32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// `2014-04-18` when the day exists in the calendar.
pub fn iso_day(y: u32, m: u8, d: u8) -> Option<String> {
    (is_dated_year(y) && d >= 1 && d <= days_in_month(y, m))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `2009-06`.
pub fn iso_month(y: u32, m: u8) -> Option<String> {
    (is_dated_year(y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
}

/// `2003`.
pub fn iso_year(y: u32) -> Option<String> {
    is_dated_year(y).then(|| format!("{y:04}"))
}

/// A day of the month as written before a month name: `18`, `1er`, `1ᵉʳ`, `premier`.
pub fn day_number(s: &str) -> Option<u8> {
    let s = s.trim();
    let digits = s
        .strip_suffix("er")
        .or_else(|| s.strip_suffix("ᵉʳ"))
        .or_else(|| s.strip_suffix("re"))
        .unwrap_or(s);
    if digits.eq_ignore_ascii_case("premi") {
        return Some(1);
    }
    if s.eq_ignore_ascii_case("premier") {
        return Some(1);
    }
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return day_in_words(s);
    }
    let d: u8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A whole string read as a number in words by [`crate::fr::number::parse_words`].
fn whole_number_in_words(s: &str) -> Option<f64> {
    let s = s.trim();
    let (v, len) = crate::fr::number::parse_words(s)?;
    (len == s.len() && v.fract() == 0.0).then_some(v)
}

/// A day of the month in words, as deliberations write it (`le vingt-huit mars`,
/// `trente et un`, `premier`): 1–31.
pub fn day_in_words(s: &str) -> Option<u8> {
    if s.trim().eq_ignore_ascii_case("premier") {
        return Some(1);
    }
    let v = whole_number_in_words(s)?;
    (1.0..=31.0).contains(&v).then_some(v as u8)
}

/// A year in words as deliberations open (`L'an deux mille vingt-quatre` → 2024): 2000–2099.
pub fn year_in_words(s: &str) -> Option<u32> {
    let v = whole_number_in_words(s)?;
    (2000.0..2100.0).contains(&v).then_some(v as u32)
}

/// Words that, written just before a number, make it a reference or an address, never a
/// point in time (`n° 2015-1234`, `article 2014`, `page 2016`, `BP 2015`, `loi 1901`). Lower
/// case, sorted.
const REFERENCE_MARKERS: &[&str] = &[
    "art", "art.", "article", "articles", "bp", "cedex", "cs", "d.", "fax", "l.", "loi", "n", "no",
    "no.", "nos", "numero", "numéro", "n°", "n°.", "nº", "p.", "page", "pages", "r.", "tel",
    "tel.", "tél", "tél.",
];

/// Words after a number that may still follow a year: French function words ending in `-s`
/// or `-x`, which would otherwise look like the plural noun of a count (`2000 emplois`).
/// Lower case, sorted.
const PLURAL_LOOKING_FUNCTION_WORDS: &[&str] = &[
    "alors",
    "apres",
    "après",
    "aux",
    "ces",
    "ceux",
    "dans",
    "depuis",
    "des",
    "deux",
    "dès",
    "elles",
    "ils",
    "jamais",
    "les",
    "leurs",
    "lors",
    "mais",
    "mes",
    "moins",
    "nos",
    "nous",
    "pas",
    "plus",
    "plusieurs",
    "puis",
    "sans",
    "ses",
    "sous",
    "tous",
    "toutes",
    "trois",
    "très",
    "vers",
    "vos",
    "vous",
];

/// Units and currencies written after a number: the number is a quantity, not a year.
/// Lower case, sorted.
const UNITS_AFTER: &[&str] = &[
    "eur",
    "euro",
    "euros",
    "h",
    "ha",
    "kg",
    "km",
    "k€",
    "m",
    "m2",
    "md€",
    "milliard",
    "milliards",
    "million",
    "millions",
    "m²",
    "m€",
    "t",
    "€",
];

/// True when what stands just before byte `start` makes a number there a code, a reference
/// or part of another number (`n° 2014-856`, `DCS14047`, `14.2014`, `1 2014`).
pub fn number_blocked_before(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start) else {
        return true;
    };
    let mut rev = before.chars().rev();
    let Some(c) = rev.next() else {
        return false;
    };
    if c.is_alphanumeric() || c == '_' {
        return true;
    }
    if matches!(c, '.' | '/' | '-' | ',' | '‑') {
        // `mi-2024` is a time, `C-2024` or `14.2014` a code.
        let word: String = {
            let mut w: Vec<char> = rev.take_while(|ch| ch.is_alphanumeric()).take(4).collect();
            w.reverse();
            w.into_iter().collect()
        };
        return !(c == '-' && word.eq_ignore_ascii_case("mi"));
    }
    // The previous word, across spaces and at most one line break.
    let trimmed = before.trim_end_matches([' ', '\t', '\u{a0}']);
    let trimmed = trimmed
        .strip_suffix('\n')
        .unwrap_or(trimmed)
        .trim_end_matches([' ', '\t', '\u{a0}', '\r']);
    let word_start = trimmed
        .char_indices()
        .rev()
        .find(|(_, ch)| ch.is_whitespace())
        .map_or(0, |(i, ch)| i + ch.len_utf8());
    let word = trimmed.get(word_start..).unwrap_or("");
    if word.is_empty() || word.len() > 16 {
        return false;
    }
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let lower = word.trim_start_matches(['(', '[']).to_lowercase();
    REFERENCE_MARKERS.binary_search(&lower.as_str()).is_ok()
}

/// True when what follows byte `end` makes a number ending there a quantity, a decimal or a
/// code rather than a year (`2014,5`, `2014-856`, `2000 emplois`, `2015 €`, `2014 500`).
pub fn number_blocked_after(text: &str, end: usize) -> bool {
    let Some(after) = text.get(end..) else {
        return true;
    };
    let mut chars = after.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    if c.is_alphanumeric() || c == '_' {
        return true;
    }
    if matches!(c, '.' | ',' | '/' | '-' | '_') && chars.next().is_some_and(|d| d.is_ascii_digit())
    {
        return true;
    }
    let rest = after.trim_start_matches([' ', '\t', '\u{a0}']);
    if rest.len() == after.len() && c != '€' && c != '%' {
        return false;
    }
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if matches!(first, '€' | '%' | '$' | '£') {
        return true;
    }
    if first.is_ascii_digit() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        return digits == 3;
    }
    if !first.is_alphabetic() {
        return false;
    }
    let word_len = rest
        .char_indices()
        .find(|(_, ch)| !(ch.is_alphanumeric() || matches!(ch, '€' | '²')))
        .map_or(rest.len(), |(i, _)| i);
    let word = rest.get(..word_len).unwrap_or("");
    if word.len() > 30 {
        return false;
    }
    let lower = word.to_lowercase();
    if UNITS_AFTER.binary_search(&lower.as_str()).is_ok() {
        return true;
    }
    first.is_lowercase()
        && (lower.ends_with('s') || lower.ends_with('x'))
        && lower.chars().count() > 2
        && PLURAL_LOOKING_FUNCTION_WORDS
            .binary_search(&lower.as_str())
            .is_err()
}

/// True when a sentence ends between two byte offsets (`. `, `! `, `? `, a blank line).
pub fn sentence_break_between(text: &str, from: usize, to: usize) -> bool {
    let Some(s) = text.get(from.min(to)..to) else {
        return true;
    };
    s.contains(". ")
        || s.contains(".\n")
        || s.contains("\n\n")
        || s.contains("! ")
        || s.contains("? ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tables_are_sorted_and_unique() {
        for t in [
            REFERENCE_MARKERS,
            PLURAL_LOOKING_FUNCTION_WORDS,
            UNITS_AFTER,
        ] {
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{:?}", t);
        }
    }

    #[test]
    fn numbers_that_are_not_years() {
        let at = |s: &str| s.find("2015").unwrap_or(0);
        for s in [
            "n° 2015-1234",
            "article 2015",
            "N° 2015",
            "DCS2015",
            "14.2015",
            "C-2015",
            "1 2015 x",
            "page 2015",
        ] {
            assert!(number_blocked_before(s, at(s)), "{s}");
        }
        for s in [
            "en 2015",
            "(2015",
            "mi-2015",
            "**2015",
            "dès\n2015",
            "2014, 2015",
        ] {
            assert!(!number_blocked_before(s, at(s)), "{s}");
        }
        for s in [
            "2015 €",
            "2015€",
            "2015 emplois",
            "2015,5",
            "2015-856",
            "2015 000",
            "2015 euros",
            "2015 m2",
            "2015 millions",
            "2015approuvant",
        ] {
            assert!(number_blocked_after(s, at(s) + 4), "{s}");
        }
        for s in [
            "2015 et 2016",
            "2015 dans",
            "2015.",
            "2015, les",
            "2015 : 1200",
            "2015 – Programme",
            "2015**",
            "2015 relative",
            "2015 consacré",
        ] {
            assert!(!number_blocked_after(s, at(s) + 4), "{s}");
        }
    }

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(MONTHS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn reads_month_names() {
        for (s, m) in [
            ("janvier", 1),
            ("Janvier", 1),
            ("JANVIER", 1),
            ("janv.", 1),
            ("février", 2),
            ("fevrier", 2),
            ("FÉVRIER", 2),
            ("févr.", 2),
            ("mars", 3),
            ("Mai", 5),
            ("août", 8),
            ("aout", 8),
            ("sept.", 9),
            ("Décembre", 12),
            ("déc.", 12),
            ("decembre", 12),
        ] {
            assert_eq!(month(s), Some(m), "{s}");
        }
        for s in ["", "jan", "mardi", "hectares", "marss", "très long mot ici"] {
            assert_eq!(month(s), None, "{s}");
        }
    }

    #[test]
    fn abbreviations_are_known() {
        assert!(is_abbreviation("sept."));
        assert!(is_abbreviation("déc"));
        assert!(!is_abbreviation("Septembre"));
        assert!(!is_abbreviation("mai"));
    }

    #[test]
    fn builds_iso_strings() {
        assert_eq!(iso_day(2014, 4, 18).as_deref(), Some("2014-04-18"));
        assert_eq!(iso_day(2024, 2, 29).as_deref(), Some("2024-02-29"));
        assert_eq!(iso_day(2023, 2, 29), None);
        assert_eq!(iso_day(2014, 4, 31), None);
        assert_eq!(iso_day(2014, 13, 1), None);
        assert_eq!(iso_day(2014, 1, 0), None);
        assert_eq!(iso_month(2009, 6).as_deref(), Some("2009-06"));
        assert_eq!(iso_month(2009, 0), None);
        assert_eq!(iso_year(2003).as_deref(), Some("2003"));
        assert_eq!(iso_year(3003), None);
    }

    #[test]
    fn reads_days() {
        for (s, d) in [
            ("1er", 1),
            ("1ᵉʳ", 1),
            ("premier", 1),
            ("18", 18),
            ("03", 3),
            ("vingt-huit", 28),
            ("trente et un", 31),
            ("quinze", 15),
        ] {
            assert_eq!(day_number(s), Some(d), "{s}");
        }
        for s in ["0", "32", "123", "vingt-", "er", "trente-cinq"] {
            assert_eq!(day_number(s), None, "{s}");
        }
    }

    #[test]
    fn reads_years_in_words() {
        assert_eq!(year_in_words("deux mille vingt-quatre"), Some(2024));
        assert_eq!(year_in_words("deux mille quatorze"), Some(2014));
        assert_eq!(year_in_words("deux mille"), Some(2000));
        assert_eq!(year_in_words("deux mille trente et un"), Some(2031));
        assert_eq!(year_in_words("mille neuf cent"), None);
    }
}
