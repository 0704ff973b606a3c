//! Amount rules: sums of money in euros, with the number read by [`crate::fr::number`].
//!
//! A sum is a number followed by its currency (`300 000 €`, `2 387 500 euros`, `34 M€`,
//! `1,5 M d'€`, `2,1 millions d'euros`, `850 k€`), a number in words before `euros`
//! (`un million d'euros`), or the currency written first (`€ 300`). In a range
//! (`entre 5 000 et 15 000 €`) the first bound takes the unit of the second.
use super::{Doc, Extractor, Mention, Value};
use crate::fr::number::{self, digit_numbers, multiplier, word_numbers, GROUPED_NUMBER};
use regex::Regex;
use std::sync::LazyLock;

pub struct Amounts;

/// How the currency is written after a number (and an optional multiplier), longest first:
/// the sign, the word (singular, plural, capitalised), the ISO code. Source: French
/// typography of amounts (`€` after the number, separated by a space).
const CURRENCIES: &[&str] = &["euros", "Euros", "EUROS", "euro", "Euro", "EUR", "€"];

/// The elisions between a multiplier and the currency: `M d'€`, `millions d'euros`,
/// `millions de €`.
const LINKS: &[&str] = &["d'", "d’", "d ’", "d '", "de "];

/// What a number followed by money reads as: value factor, bytes from the number's end to
/// the end of the currency, whether a multiplier was written.
fn currency_after(s: &str, words_multiplier_seen: bool) -> Option<(f64, usize, bool)> {
    let mut pos = ws_len(s, true);
    let mut factor = 1.0;
    let mut mult = false;
    if let Some((f, n)) = s.get(pos..).and_then(multiplier) {
        factor = f;
        mult = true;
        pos += n;
        pos += ws_len(s.get(pos..).unwrap_or(""), true);
    }
    let mut linked = false;
    for l in LINKS {
        if s.get(pos..).is_some_and(|r| r.starts_with(l)) {
            pos += l.len();
            linked = true;
            break;
        }
    }
    let rest = s.get(pos..)?;
    for c in CURRENCIES {
        if let Some(after) = rest.strip_prefix(c) {
            if *c != "€" && after.chars().next().is_some_and(|ch| ch.is_alphanumeric()) {
                continue;
            }
            // `d'euros` only after a multiplier word (`millions d'euros`), never `3 d'euros`.
            if linked && !mult && !words_multiplier_seen {
                return None;
            }
            return Some((factor, pos + c.len(), mult));
        }
    }
    None
}

/// Bytes of white space at the start of `s`, allowing at most one line break when
/// `line_break` (hard-wrapped texts break lines anywhere a space stands).
fn ws_len(s: &str, line_break: bool) -> usize {
    let mut n = 0;
    let mut breaks = 0;
    for c in s.chars() {
        match c {
            ' ' | '\t' | '\u{A0}' | '\u{202F}' | '\r' => n += c.len_utf8(),
            '\n' if line_break && breaks == 0 => {
                breaks += 1;
                n += 1;
            }
            _ => break,
        }
    }
    n
}

/// A range's first bound before an amount: `entre 5 000 et `, `de 5 000 à `, `de 1 à `.
static RANGE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:entre|de)\s+({GROUPED_NUMBER})\s+(?:et|à)\s+$"
    ))
    .expect("a constant, tested regex")
});

/// The largest char boundary at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn push(out: &mut Vec<Mention>, start: usize, end: usize, eur: f64, rule: &'static str) {
    if eur.is_finite() && eur > 0.0 {
        let eur = (eur * 100.0).round() / 100.0;
        out.push(Mention {
            start,
            end,
            value: Value::Amount { eur },
            rule,
        });
    }
}

/// In French a range's first bound often omits the unit its second bound states
/// (`entre 5 000 et 15 000 €`, `de 1 à 2 M€`): it takes the factor of the second.
fn range_first(text: &str, start: usize, factor: f64, out: &mut Vec<Mention>) {
    let from = floor_boundary(text, start.saturating_sub(48));
    let Some(window) = text.get(from..start) else {
        return;
    };
    let Some(c) = RANGE_FIRST.captures(window) else {
        return;
    };
    let Some(m) = c.get(1) else { return };
    let Some((v, n)) = number::parse_digits(m.as_str()) else {
        return;
    };
    if n != m.len() || number::is_year_like(v, m.len()) && factor == 1.0 {
        return;
    }
    push(
        out,
        from + m.start(),
        from + m.end(),
        v * factor,
        "amount.range_first",
    );
}

/// Money in digits: the number, an optional multiplier (`k`, `M`, `Md`, `millions`), an
/// optional `d'`/`de`, then the currency (`€`, `euros`, `EUR`).
fn digits_then_currency(text: &str, out: &mut Vec<Mention>) {
    for f in digit_numbers(text) {
        let rest = text.get(f.end..).unwrap_or("");
        if let Some((factor, n, mult)) = currency_after(rest, false) {
            let rule = if mult {
                "amount.multiplier"
            } else {
                "amount.euros"
            };
            let value = f.value.abs();
            push(out, f.start, f.end + n, value * factor, rule);
            range_first(text, f.start, factor, out);
        } else if currency_before(text, f.start) {
            push(
                out,
                before_start(text, f.start),
                f.end,
                f.value.abs(),
                "amount.currency_first",
            );
        }
    }
}

/// The currency may be written before the number (`€ 300`, `EUR 1 500`), as in tables and
/// foreign-style typography; not when that sign closes a previous amount (`15 000 € 2024`).
fn currency_before(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start) else {
        return false;
    };
    let b = before.trim_end_matches([' ', '\u{A0}', '\u{202F}']);
    if b.len() == before.len() && !b.ends_with('€') {
        return false;
    }
    let Some(head) = b.strip_suffix('€').or_else(|| b.strip_suffix("EUR")) else {
        return false;
    };
    let prev = head.trim_end_matches([' ', '\u{A0}', '\u{202F}']);
    !prev.ends_with(|c: char| c.is_ascii_digit() || c.is_alphabetic() || c == 'k')
}

fn before_start(text: &str, start: usize) -> usize {
    let before = text.get(..start).unwrap_or("");
    let b = before.trim_end_matches([' ', '\u{A0}', '\u{202F}']);
    b.strip_suffix('€')
        .or_else(|| b.strip_suffix("EUR"))
        .map_or(start, str::len)
}

/// Money in words: `cinq mille euros`, `un million d'euros`, `deux milliards d'euros`.
fn words_then_currency(text: &str, out: &mut Vec<Mention>) {
    if !text.contains("euro") {
        return;
    }
    for f in word_numbers(text) {
        let (v, end) = (f.value, f.end);
        let tail = text.get(end..).unwrap_or("");
        let word_mult = v >= 1e6 && v % 1e6 == 0.0;
        let Some((factor, k, _)) = currency_after(tail, word_mult) else {
            continue;
        };
        // A number word alone before `€` is rare; before `euros` it is the written amount.
        if v < 2.0 && factor == 1.0 {
            continue;
        }
        push(out, f.start, end + k, v * factor, "amount.words");
    }
}

impl Extractor for Amounts {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        let t = doc.text;
        if !(t.contains('€') || t.contains("euro") || t.contains("EUR") || t.contains("Euro")) {
            return;
        }
        digits_then_currency(t, out);
        words_then_currency(t, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amounts(t: &str) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        Amounts.extract(&Doc { id: "t", text: t }, &mut out);
        out.sort_by_key(|m| m.start);
        out.into_iter()
            .map(|m| {
                let Value::Amount { eur } = m.value else {
                    unreachable!()
                };
                (t[m.start..m.end].to_string(), eur)
            })
            .collect()
    }

    fn values(t: &str) -> Vec<f64> {
        amounts(t).into_iter().map(|(_, v)| v).collect()
    }

    #[test]
    fn positives() {
        let cases: &[(&str, &[f64])] = &[
            ("doté d'une subvention régionale de 1,5 M d'€.", &[1_500_000.0]),
            ("(enveloppe budgétaire annuelle de 300 000€)", &[300_000.0]),
            ("Budget total : 350 000 € (hors crédits", &[350_000.0]),
            ("117 dossiers pour un montant total de 4,5 M€ générant 398 emplois", &[4_500_000.0]),
            ("un financement total de 34 M€ sur la période 2011-2013, dont 7,6 M€ pour la Région et 3,4 M€ pour l'Etat", &[34e6, 7.6e6, 3.4e6]),
            ("est fixé à 2 387 500 euros.", &[2_387_500.0]),
            ("est fixé à 1 085 200 euros.", &[1_085_200.0]),
            ("environ 204 millions d'euros de rémunérations", &[204e6]),
            ("doté par la Région d'un million d'euros, afin", &[1e6]),
            ("Budget métropolitain : 1,1 million d'euros d'investissement", &[1.1e6]),
            ("une masse salariale brute d'environ 1,5 milliard d'euros", &[1.5e9]),
            ("et 850 k€ pour les réseaux", &[850_000.0]),
            ("une somme de cinq mille euros", &[5000.0]),
            ("Montant : € 300", &[300.0]),
            ("subvention de 12 000 € HT pour", &[12_000.0]),
            ("entre 5 000 et 15 000 € par projet", &[5000.0, 15000.0]),
            ("de 1 à 2 M€", &[1e6, 2e6]),
            ("1 500 EUR", &[1500.0]),
            ("les 2,1 millions d’euros", &[2.1e6]),
            ("totalisant 3 Mds €", &[3e9]),
            ("Fonctionnement 9 000 €\nInvestissement 15 000 €", &[9000.0, 15000.0]),
            ("ploi et recrutement de deux valoristes 70 % 52 500 €", &[52_500.0]),
            ("est passé de 170 000 € en 2019 à 420 000 € en 2024", &[170_000.0, 420_000.0]),
            ("soit un total de 1 234 567,89 euros", &[1_234_567.89]),
            ("Subvention : 25.000 €", &[25_000.0]),
            ("un budget de trois millions d'euros", &[3e6]),
            ("deux cent mille euros", &[200_000.0]),
            ("EUR 1 500 000", &[1_500_000.0]),
            ("€300 de frais", &[300.0]),
            ("3,5 Md€ d'investissements", &[3.5e9]),
            ("entre 1 et 2 millions d'euros", &[1e6, 2e6]),
            ("de 2019 à 2021 : 150 000 €", &[150_000.0]),
            ("une aide de 4,5\nM€", &[4.5e6]),
        ];
        for (t, want) in cases {
            assert_eq!(values(t), want.to_vec(), "{t}");
        }
    }

    #[test]
    fn spans() {
        assert_eq!(amounts("de 1,5 M d'€.")[0].0, "1,5 M d'€");
        assert_eq!(amounts("de 300 000€)")[0].0, "300 000€");
        assert_eq!(
            amounts("soit 2,1 millions d'euros")[0].0,
            "2,1 millions d'euros"
        );
    }

    #[test]
    fn negatives() {
        for t in [
            "398 emplois dont 131 en insertion",
            "près de 11% des emplois",
            "04 76 00 64 35",
            "11 rue Auguste Lacroix 69003 LYON",
            "6 millions d’habitants",
            "en 2015 3 000 emplois",
            "Conseillers en exercice : 105 – Présents : 81",
            "15 000 € 2024",
            "un euro symbolique",
            "trois d'euros",
        ] {
            let got = amounts(t);
            assert!(
                got.iter()
                    .all(|(s, _)| t == "15 000 € 2024" && s == "15 000 €"),
                "{t}: {got:?}"
            );
        }
    }
}
