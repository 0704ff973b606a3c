//! Space separators → ASCII space. No-break spaces (U+00A0, U+202F, U+2007) count as
//! `nbsp`, the other `Zs` separators (U+1680, U+2000–U+200A, U+205F, U+3000) as `spaces`.
//! Tabs and line breaks are kept.
use super::count;
use crate::doc::Repairs;

/// 0 = keep, 1 = no-break space, 2 = other separator.
fn kind(c: char) -> u8 {
    match c {
        '\u{a0}' | '\u{202f}' | '\u{2007}' => 1,
        '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{205f}' | '\u{3000}' => 2,
        _ => 0,
    }
}

/// Quick byte test: can a separator start here? (C2 A0, E1 9A 80, E2 80 xx, E2 81 9F, E3 80 80)
fn maybe(b: &[u8]) -> bool {
    // branch-free over 64-byte blocks (vectorises); exact check of the 3-byte forms
    let n = b.len();
    let mut i = 0;
    while i + 2 < n {
        let end = (i + 64).min(n - 2);
        let mut hit = false;
        for w in b[i..end + 2].windows(3) {
            let (x, y, z) = (w[0], w[1], w[2]);
            hit |= (x == 0xC2) & (y == 0xA0)
                | (x == 0xE2)
                    & (((y == 0x80) & ((z <= 0x8A) | (z == 0xAF))) | ((y == 0x81) & (z == 0x9F)))
                | (x == 0xE1) & (y == 0x9A) & (z == 0x80)
                | (x == 0xE3) & (y == 0x80) & (z == 0x80);
        }
        if hit {
            return true;
        }
        i = end;
    }
    // a no-break space in the last two bytes
    n >= 2 && b[n - 2] == 0xC2 && b[n - 1] == 0xA0
}

pub(crate) fn run(text: &str, repairs: &mut Repairs) -> Option<String> {
    if text.is_ascii() || !maybe(text.as_bytes()) {
        return None;
    }
    let (mut nb, mut other) = (0, 0);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match kind(c) {
            0 => out.push(c),
            1 => {
                nb += 1;
                out.push(' ');
            }
            _ => {
                other += 1;
                out.push(' ');
            }
        }
    }
    if nb + other == 0 {
        return None;
    }
    count(repairs, "nbsp", nb);
    count(repairs, "spaces", other);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_become_spaces() {
        let mut r = Repairs::new();
        assert!(
            maybe("\u{a0}".as_bytes())
                && maybe("x\u{a0}".as_bytes())
                && maybe("\u{202f}".as_bytes())
        );
        assert!(!maybe("’…".as_bytes()));
        let s = "1\u{a0}000\u{202f}€ a\u{2003}b\tc « d » l’e";
        assert_eq!(run(s, &mut r).as_deref(), Some("1 000 € a b\tc « d » l’e"));
        assert_eq!(r["nbsp"], 2);
        assert_eq!(r["spaces"], 1);
        assert_eq!(run("« l’été »", &mut r), None);
    }
}
