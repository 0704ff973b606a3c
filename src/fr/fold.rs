//! Match keys: case, accents and apostrophes folded, for comparing names. Never used to
//! change the written text.
use unicode_normalization::UnicodeNormalization;

/// Lower case, accents removed, `œ`→`oe`, typographic apostrophes and hyphens to spaces,
/// white space collapsed. `Conseil Général de l’Isère` → `conseil general de l isere`.
pub fn fold(s: &str) -> String {
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
    use super::fold;

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
