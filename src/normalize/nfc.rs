//! Unicode NFC (key `nfc`: one per page that was not NFC).
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::count;
use crate::doc::Repairs;

/// Whether the text is certainly NFC: all chars below U+0300 (no lead byte ≥ 0xCC)
/// is the common French case; otherwise the quick check decides.
fn is_nfc(text: &str) -> bool {
    !text.bytes().any(|b| b >= 0xCC) || is_nfc_quick(text.chars()) == IsNormalized::Yes
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
    }
}
