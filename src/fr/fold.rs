//! Match keys: case, accents and apostrophes folded, for comparing names. Never used to
//! change the written text.
use unicode_normalization::UnicodeNormalization;

/// Lower case, accents removed, `œ`→`oe`, typographic apostrophes and hyphens to spaces,
/// white space collapsed. `Conseil Général de l’Isère` → `conseil general de l isere`.
pub fn fold(s: &str) -> String {
    fold_by_char(s).unwrap_or_else(|| fold_nfkd(s))
}

/// [`fold`] one character at a time, without the string's NFKD iterator (the rules call
/// `fold` on every candidate name): ASCII as it is, any other character through its own
/// compatibility decomposition. NFKD of the string is those decompositions put end to end,
/// then its runs of non-starters (canonical combining class above 0) sorted by class. The
/// combining marks among them are dropped anyway, and any other non-starter gives up
/// (`None`): so the starters kept, in their order, are those of [`fold_nfkd`].
fn fold_by_char(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    let mut gave_up = false;
    let mut put = |c: char, out: &mut String| {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
            return;
        }
        if unicode_normalization::char::is_combining_mark(c) {
            return;
        }
        if unicode_normalization::char::canonical_combining_class(c) != 0 {
            gave_up = true;
            return;
        }
        match c {
            'œ' | 'Œ' => {
                out.push_str("oe");
                space = false;
            }
            'æ' | 'Æ' => {
                out.push_str("ae");
                space = false;
            }
            _ if c.is_alphanumeric() => {
                out.extend(c.to_lowercase());
                space = false;
            }
            _ if !space => {
                out.push(' ');
                space = true;
            }
            _ => {}
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            put(c, &mut out);
        } else {
            unicode_normalization::char::decompose_compatible(c, |d| put(d, &mut out));
        }
    }
    if gave_up {
        return None;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    Some(out)
}

/// [`fold`] over the NFKD of the whole string.
fn fold_nfkd(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            _ if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    out.push(l);
                }
                space = false;
                continue;
            }
            _ => " ",
        };
        if mapped == " " {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push_str(mapped);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{fold, fold_by_char, fold_nfkd};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn by_char_is_the_nfkd_fold(s in "[a-zA-Z0-9 '’\\-éèêëÉÈàâçÇôöœŒæÆîïûüÿñ°²ºª\u{300}\u{301}\u{327}\u{345}\u{5b0}-\u{5c7}\u{fb01}\u{ff21}\u{2160}\u{2126}\u{212a}\u{17f}\u{1e9e}\u{a0}\u{202f}\u{2019}\u{1f600}]{0,24}") {
            if let Some(f) = fold_by_char(&s) {
                prop_assert_eq!(f, fold_nfkd(&s));
            }
        }
    }

    #[test]
    fn folds_case_accents_apostrophes() {
        assert_eq!(
            fold("Conseil Général de l’Isère"),
            "conseil general de l isere"
        );
        assert_eq!(
            fold("Conseil général de l'Isère"),
            "conseil general de l isere"
        );
        assert_eq!(fold("  Œuvre  d'art "), "oeuvre d art");
        assert_eq!(fold("Rhône-Alpes"), "rhone alpes");
        assert_eq!(fold("m²"), "m2");
    }
}
