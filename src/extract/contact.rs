//! Contact rules: e-mail addresses, French phone numbers (E.164), web addresses and postal
//! addresses. Contacts win overlaps against numeric families, so every rule here is strict.
use std::sync::LazyLock;

use regex::Regex;

use super::{ContactKind, Doc, Extractor, Mention, Value};

pub struct Contacts;

impl Extractor for Contacts {
    fn extract(&self, doc: &Doc<'_>, out: &mut Vec<Mention>) {
        let t = doc.text;
        if t.contains('@') {
            emails(t, out);
        }
        phones(t, out);
        if t.contains("www.") || t.contains("http") {
            urls(t, out);
        }
        addresses(t, out);
    }
}

fn push(
    out: &mut Vec<Mention>,
    start: usize,
    end: usize,
    kind: ContactKind,
    n: String,
    rule: &'static str,
) {
    out.push(Mention {
        start,
        end,
        value: Value::Contact {
            kind,
            normalized: n,
        },
        rule,
    });
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        .expect("static regex")
});

// An e-mail address is `local@domain.tld`; domains are case-insensitive, so it is lower-cased.
fn emails(t: &str, out: &mut Vec<Mention>) {
    for m in EMAIL.find_iter(t) {
        push(
            out,
            m.start(),
            m.end(),
            ContactKind::Email,
            m.as_str().to_lowercase(),
            "contact.email",
        );
    }
}

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:\(?\+(?:33|262|269|508|590|594|596)\)?[ .]?(?:\(0\)[ .]?)?|0)[1-9](?:[ .\-]?[0-9]){8}",
    )
    .expect("static regex")
});

/// Overseas numbering: a national number (without its leading 0) whose first digits name an
/// overseas département dials that département's country code, not +33 (ARCEP plan).
const OVERSEAS: &[(&str, &str)] = &[
    ("262", "262"), // Réunion, fixed
    ("263", "262"), // Réunion, fixed (new range)
    ("269", "262"), // Mayotte, fixed
    ("508", "508"), // Saint-Pierre-et-Miquelon
    ("590", "590"), // Guadeloupe, Saint-Martin, Saint-Barthélemy, fixed
    ("594", "594"), // Guyane, fixed
    ("596", "596"), // Martinique, fixed
    ("639", "262"), // Mayotte, mobile
    ("690", "590"), // Guadeloupe, mobile
    ("691", "590"),
    ("692", "262"), // Réunion, mobile
    ("693", "262"),
    ("694", "594"), // Guyane, mobile
    ("696", "596"), // Martinique, mobile
    ("697", "596"),
];

/// E.164 form of a French number given as its 9 national digits (no leading 0).
pub(crate) fn e164(national: &str) -> String {
    let cc = OVERSEAS
        .iter()
        .find(|(p, _)| national.starts_with(p))
        .map_or("33", |(_, c)| c);
    format!("+{cc}{national}")
}

// French numbers are ten digits starting with 0 (or +33/+262… and nine digits), written in
// pairs separated by spaces, dots or hyphens; `+33 (0)4 …` keeps a bracketed trunk 0.
fn phones(t: &str, out: &mut Vec<Mention>) {
    let b = t.as_bytes();
    for m in PHONE.find_iter(t) {
        let (s, e) = (m.start(), m.end());
        // not a slice of a longer number (postcodes, amounts, references)
        let before = s.checked_sub(1).and_then(|i| b.get(i)).copied();
        let after = b.get(e).copied();
        if before.is_some_and(|c| c.is_ascii_digit() || c == b'.' || c == b',')
            || after.is_some_and(|c| c.is_ascii_digit())
            || (after == Some(b' ') && b.get(e + 1).is_some_and(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let s_txt = m.as_str();
        let digits: String = s_txt.chars().filter(char::is_ascii_digit).collect();
        let s_txt = s_txt.trim_start_matches('(');
        let national = if let Some(rest) = s_txt.strip_prefix('+') {
            let cc_len = if rest.starts_with("33") { 2 } else { 3 };
            let d = digits.get(cc_len..).unwrap_or("");
            d.strip_prefix('0')
                .filter(|x| x.len() == 9)
                .unwrap_or(d)
                .to_string()
        } else {
            digits.get(1..).unwrap_or("").to_string()
        };
        if national.len() != 9 {
            continue;
        }
        let n = if let Some(rest) = s_txt.strip_prefix('+') {
            if rest.starts_with("33") {
                e164(&national)
            } else {
                let cc: String = rest.chars().take(3).collect();
                format!("+{cc}{national}")
            }
        } else {
            e164(&national)
        };
        push(out, s, e, ContactKind::Phone, n, "contact.phone");
    }
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:https?://|www\.)[A-Za-z0-9][^\s<>()\[\]«»\x22]*")
        .expect("static regex")
});

// A web address starts with a scheme or `www.`; trailing sentence punctuation is not part of it.
fn urls(t: &str, out: &mut Vec<Mention>) {
    for m in URL.find_iter(t) {
        let s = m
            .as_str()
            .trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '’']);
        if !s.contains('.') || s.ends_with("www") {
            continue;
        }
        let (host_part, n) = if s.to_ascii_lowercase().starts_with("http") {
            (s, s.to_string())
        } else {
            (s, format!("https://{s}"))
        };
        if host_part.len() < 8 {
            continue;
        }
        push(
            out,
            m.start(),
            m.start() + s.len(),
            ContactKind::Url,
            n,
            "contact.url",
        );
    }
}

/// Street types of French postal addresses (La Poste, norme AFNOR NF Z 10-011).
pub(crate) const STREET_TYPES: &[&str] = &[
    "allée",
    "avenue",
    "bd",
    "boulevard",
    "chemin",
    "cours",
    "esplanade",
    "impasse",
    "parvis",
    "passage",
    "place",
    "quai",
    "route",
    "rue",
    "square",
    "voie",
];

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let types = STREET_TYPES.join("|");
    Regex::new(&format!(
        r"(?-u:\b)\d{{1,4}}(?:\s?(?:bis|ter))?,?[ \t]+(?i:{types})[ \t]+[^\n,;–—()]{{2,60}}?(?:[ \t]*[,–—-]?[ \t]*(?:BP|CS|TSA)[ \t]*\d{{1,6}})?[ \t]*[,–—-]?[ \t]*\d{{5}}[ \t]+\p{{Lu}}[\p{{L}}'’-]+(?:[ \t]+\p{{Lu}}[\p{{L}}'’-]+)*(?:[ \t]+(?:cedex|CEDEX))?"
    ))
    .expect("static regex")
});

// A postal address: number, street type, street name, optional BP/CS box, postcode and town
// (with its `cedex` suffix); normalised to the single-spaced string.
fn addresses(t: &str, out: &mut Vec<Mention>) {
    for m in ADDRESS.find_iter(t) {
        let mut end = m.end();
        // `cedex` takes the number of its distribution office
        if m.as_str().to_lowercase().ends_with("cedex") {
            let rest = t.get(end..).unwrap_or("");
            let sp = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let nd = rest[sp..].bytes().take_while(u8::is_ascii_digit).count();
            if sp > 0 && (1..=2).contains(&nd) {
                end += sp + nd;
            }
        }
        let n = t[m.start()..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        push(
            out,
            m.start(),
            end,
            ContactKind::Address,
            n,
            "contact.address",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> Vec<(ContactKind, String, String)> {
        let mut out = Vec::new();
        Contacts.extract(&Doc { id: "t", text: t }, &mut out);
        out.into_iter()
            .map(|m| match m.value {
                Value::Contact { kind, normalized } => {
                    (kind, normalized, t[m.start..m.end].to_string())
                }
                _ => unreachable!(),
            })
            .collect()
    }

    fn norm(t: &str, kind: ContactKind) -> Vec<String> {
        run(t)
            .into_iter()
            .filter(|x| x.0 == kind)
            .map(|x| x.1)
            .collect()
    }

    #[test]
    fn tables_sorted_unique() {
        assert!(STREET_TYPES.windows(2).all(|w| w[0] < w[1]));
        assert!(OVERSEAS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn phones_to_e164() {
        let p = ContactKind::Phone;
        assert_eq!(
            norm("i.metert@cg38.fr \n04 76 00 64 35\n", p),
            ["+33476006435"]
        );
        assert_eq!(
            norm("ml.filippi@adec.corsica – 04.95.50.91.27", p),
            ["+33495509127"]
        );
        assert_eq!(
            norm("a.luciani@cress.corsica – +33 (0)4 95 10 54 61", p),
            ["+33495105461"]
        );
        assert_eq!(norm("+33 4 95 50 91 12", p), ["+33495509112"]);
        assert_eq!(
            norm("Secrétariat des élus : 0262 48 70 41", p),
            ["+262262487041"]
        );
        assert_eq!(norm("+262 262 48 65 12", p), ["+262262486512"]);
        assert_eq!(norm("0262.92.29.84", p), ["+262262922984"]);
        assert_eq!(norm("tél. 0690 12 34 56", p), ["+590690123456"]);
        assert_eq!(norm("0596 11 22 33", p), ["+596596112233"]);
        assert_eq!(norm("Tél. (+33) 4 76 00 64 35", p), ["+33476006435"]);
    }

    #[test]
    fn phone_near_misses() {
        let p = ContactKind::Phone;
        assert!(norm("un montant de 1 000 000 euros", p).is_empty());
        assert!(norm("69003 LYON", p).is_empty());
        assert!(norm("Délibération n° 14.04.253 du 18/06/2014", p).is_empty());
        assert!(norm("SIRET 012 345 678 00012", p).is_empty());
    }

    #[test]
    fn emails_and_urls() {
        assert_eq!(
            norm("Assistante : a.jacquet@cg38.fr", ContactKind::Email),
            ["a.jacquet@cg38.fr"]
        );
        assert_eq!(
            norm(
                "Rédaction : Thomas Renaud – thomas.renaud@centrevaldeloire.fr",
                ContactKind::Email
            ),
            ["thomas.renaud@centrevaldeloire.fr"]
        );
        assert_eq!(
            norm(
                "la plateforme (www.rhone-alpesolidaires.org ; 800 000 visites)",
                ContactKind::Url
            ),
            ["https://www.rhone-alpesolidaires.org"]
        );
        assert_eq!(
            norm("voir https://www.ess-france.org/.", ContactKind::Url),
            ["https://www.ess-france.org/"]
        );
        assert!(norm("le site www. est", ContactKind::Url).is_empty());
    }

    #[test]
    fn addresses() {
        let a = ContactKind::Address;
        assert_eq!(
            norm(
                "siège social est situé 11 rue Auguste Lacroix 69003 LYON (Rhône)",
                a
            ),
            ["11 rue Auguste Lacroix 69003 LYON"]
        );
        assert_eq!(
            norm("16 rue Rosa Parks – CS 52700 – 14027 Caen cedex 9\n", a),
            ["16 rue Rosa Parks – CS 52700 – 14027 Caen cedex 9"]
        );
        assert_eq!(
            norm("22 cours Grandval – BP 215 – 20187 Ajaccio cedex 1", a),
            ["22 cours Grandval – BP 215 – 20187 Ajaccio cedex 1"]
        );
        assert_eq!(
            norm(
                "situé 9 rue Saint-Pierre-Lentin, CS 94117, 45041 Orléans Cedex 1, représentée",
                a
            ),
            ["9 rue Saint-Pierre-Lentin, CS 94117, 45041 Orléans Cedex 1"]
        );
        assert!(norm("les 3 rues du centre", a).is_empty());
        assert!(norm("12 place aux associations", a).is_empty());
    }
}
