//! Word scanning shared by the repairs: a word is a maximal run of alphabetic chars.
use super::fingerprint::fingerprint;

/// Whether the char at byte `i` (a char boundary) is alphabetic, and its length.
/// Latin-1 and Latin Extended letters take a fast path; others ask `char::is_alphabetic`.
#[inline]
pub(crate) fn alpha_at(b: &[u8], i: usize) -> (bool, usize) {
    let c = b[i];
    if c < 0x80 {
        return (c.is_ascii_alphabetic(), 1);
    }
    let at = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    let (cp, len) = if c < 0xE0 {
        ((u32::from(c & 0x1F) << 6) | at(1), 2)
    } else if c < 0xF0 {
        ((u32::from(c & 0x0F) << 12) | (at(1) << 6) | at(2), 3)
    } else {
        (
            (u32::from(c & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3),
            4,
        )
    };
    let alpha = match cp {
        0xC0..=0x24F => cp != 0xD7 && cp != 0xF7,
        0x80..=0xBF => matches!(cp, 0xAA | 0xB5 | 0xBA),
        // general punctuation, super/subscripts, currency (’ « € …): no letters but ⁱ ⁿ ₐ…
        0x2000..=0x206F | 0x20A0..=0x20CF => false,
        _ => char::from_u32(cp).is_some_and(char::is_alphabetic),
    };
    (alpha, len)
}

/// Calls `f(start, end)` (byte offsets) for every maximal run of alphabetic chars.
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(usize, usize)) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        // skip to the next letter (ASCII non-letters in a tight loop)
        while i < n && b[i] < 0x80 && !b[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i >= n {
            break;
        }
        let (alpha, len) = alpha_at(b, i);
        if !alpha {
            i += len;
            continue;
        }
        let s = i;
        i += len;
        loop {
            while i < n && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            if i < n && b[i] >= 0x80 {
                let (alpha, len) = alpha_at(b, i);
                if alpha {
                    i += len;
                    continue;
                }
            }
            break;
        }
        f(s, i.min(n));
    }
}

/// The start of the word (maximal run of alphabetic chars) that ends at byte `end`, a
/// char boundary; `end` itself when the char before is not alphabetic.
pub(crate) fn word_start_before(text: &str, end: usize) -> usize {
    let b = text.as_bytes();
    let mut s = end;
    while s > 0 {
        let mut c = s - 1;
        while c > 0 && b[c] & 0xC0 == 0x80 {
            c -= 1;
        }
        if !alpha_at(b, c).0 {
            break;
        }
        s = c;
    }
    s
}

/// The end of the word that starts at byte `start`, a char boundary; `start` itself when
/// the char there is not alphabetic.
pub(crate) fn word_end_after(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut e = start;
    while e < b.len() {
        let (alpha, len) = alpha_at(b, e);
        if !alpha {
            break;
        }
        e += len;
    }
    e
}

/// Lowercases `w` into `buf` (cleared first); ASCII fast path.
pub(crate) fn lower_into(w: &str, buf: &mut String) {
    buf.clear();
    lower_append(w, buf);
}

/// Appends `w` lowercased to `buf`.
pub(crate) fn lower_append(w: &str, buf: &mut String) {
    if w.is_ascii() {
        buf.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        buf.extend(w.chars().flat_map(char::to_lowercase));
    }
}

pub(crate) fn lower(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    lower_into(w, &mut s);
    s
}

/// The fingerprints of a lowercased word written in lower case, capitalised and in
/// capitals ("the word as it may be written"), the last two built in `buf`.
pub(crate) fn case_variant_fps(lower: &str, buf: &mut String) -> [u64; 3] {
    let l = fingerprint(lower.as_bytes());
    let mut cs = lower.chars();
    let Some(first) = cs.next() else {
        return [l; 3];
    };
    buf.clear();
    buf.extend(first.to_uppercase());
    buf.push_str(cs.as_str());
    let cap = fingerprint(buf.as_bytes());
    buf.clear();
    if lower.is_ascii() {
        buf.extend(lower.bytes().map(|b| b.to_ascii_uppercase() as char));
    } else {
        buf.push_str(&lower.to_uppercase());
    }
    [l, cap, fingerprint(buf.as_bytes())]
}

/// Whether the word has at least two letters and no lowercase letter.
pub(crate) fn is_all_caps(w: &str) -> bool {
    w.chars().nth(1).is_some() && !w.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_alphabetic_runs() {
        let s = "l’Économie 2eme Rhône-Alpes, x ×÷ Łódź 한국 Ωμέγα";
        let mut v = vec![];
        for_each_word(s, |a, b| v.push(&s[a..b]));
        assert_eq!(
            v,
            [
                "l",
                "Économie",
                "eme",
                "Rhône",
                "Alpes",
                "x",
                "Łódź",
                "한국",
                "Ωμέγα"
            ]
        );
    }

    #[test]
    fn words_around_a_position() {
        let s = "l’Économie 2eme Rhône-Alpes, x";
        let dash = s.find('-').unwrap();
        assert_eq!(&s[word_start_before(s, dash)..dash], "Rhône");
        assert_eq!(&s[dash + 1..word_end_after(s, dash + 1)], "Alpes");
        let e = s.find("Économie").unwrap() + "Économie".len();
        assert_eq!(&s[word_start_before(s, e)..e], "Économie");
        assert_eq!(word_start_before(s, 0), 0);
        assert_eq!(word_end_after(s, s.len()), s.len());
        assert_eq!(
            word_start_before(s, s.find('2').unwrap()),
            s.find('2').unwrap()
        );
    }

    #[test]
    fn variants() {
        let mut buf = String::new();
        let f = |w: &str| fingerprint(w.as_bytes());
        assert_eq!(
            case_variant_fps("économie", &mut buf),
            [f("économie"), f("Économie"), f("ÉCONOMIE")]
        );
        assert_eq!(
            case_variant_fps("ess", &mut buf),
            [f("ess"), f("Ess"), f("ESS")]
        );
    }

    #[test]
    fn lowercase_and_caps() {
        assert_eq!(lower("ÉCONOMIQUE"), "économique");
        assert!(is_all_caps("CONV"));
        assert!(!is_all_caps("C"));
        assert!(!is_all_caps("Conv"));
    }
}
