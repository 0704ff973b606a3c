//! Word scanning shared by the repairs: a word is a maximal run of alphabetic chars.

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

/// Whether `test` holds for a lowercased word written in lower case, capitalised
/// or in capitals.
pub(crate) fn case_variants(lower: &str, mut test: impl FnMut(&str) -> bool) -> bool {
    if test(lower) {
        return true;
    }
    let mut cs = lower.chars();
    let Some(first) = cs.next() else { return false };
    let cap: String = first.to_uppercase().chain(cs).collect();
    test(&cap) || test(&lower.to_uppercase())
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
    fn lowercase_and_caps() {
        assert_eq!(lower("ÉCONOMIQUE"), "économique");
        assert!(is_all_caps("CONV"));
        assert!(!is_all_caps("C"));
        assert!(!is_all_caps("Conv"));
    }
}
