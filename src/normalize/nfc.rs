//! Unicode NFC (key `nfc`: one per page that was not NFC).
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::count;
use crate::doc::Repairs;

/// Whether the text is certainly NFC (the quick check says `Yes`). Chars below U+0300
/// (no lead byte ≥ 0xCC) are starters that are always allowed: the common French case.
/// Each run of chars from U+0300 up (`’`, `€`, a combining accent…) follows a starter,
/// so the quick check of the whole text is that of those runs alone, checked apart.
fn is_nfc(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(k) = b[i..].iter().position(|&c| c >= 0xCC) {
        let s = i + k;
        let e = text[s..]
            .char_indices()
            .find(|&(_, c)| c < '\u{300}')
            .map_or(text.len(), |(j, _)| s + j);
        if is_nfc_quick(text[s..e].chars()) != IsNormalized::Yes {
            return false;
        }
        i = e;
    }
    true
}

fn to_nfc(text: &str) -> Option<String> {
    if is_nfc(text) {
        return None;
    }
    let s: String = text.nfc().collect();
    (s != text).then_some(s)
}

pub(crate) fn run(text: &str, repairs: &mut Repairs) -> Option<String> {
    let out = to_nfc(text);
    if out.is_some() {
        count(repairs, "nfc", 1);
    }
    out
}

/// Final guard after the repairs, not counted (should never fire on real text).
pub(crate) fn guard(text: &str) -> Option<String> {
    to_nfc(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes() {
        let mut r = Repairs::new();
        assert_eq!(run("re\u{301}gion", &mut r).as_deref(), Some("région"));
        assert_eq!(r["nfc"], 1);
        assert_eq!(run("région « l’été » 한", &mut r), None);
        // a combining mark after a run of chars ≥ U+0300
        assert_eq!(run("l’\u{301}e’", &mut r), None);
        assert!(!is_nfc("l’\u{301}e’") && is_nfc("l’é’ €"));
        assert!(!is_nfc("é\u{301}x") && !is_nfc("\u{301}"));
    }
}
