//! Numbers broken over lines (key `broken_numbers`): `1 000⏎000 euros` →
//! `1 000 000 euros`, `2 387⏎500 €` → `2 387 500 €`, `soit 330⏎000 €`, `total de 70⏎500 €`.
//! The next line must start with a 3-digit group that continues a thousands grouping:
//! the previous line ends with a multi-group number (`2 387`), or the group is `000`,
//! or the number is followed by a currency (`€`, `euros`, `EUR`). The newline becomes
//! a space. `Page 3⏎200 projets`, `2014-⏎2016`, `16⏎mai` stay.
use super::count;
use crate::doc::Repairs;

pub(crate) fn run(text: &str, repairs: &mut Repairs) -> Option<String> {
    let b = text.as_bytes();
    let mut joins = Vec::new();
    let mut from = 1;
    while let Some(p) = b
        .get(from..)
        .and_then(|r| r.iter().position(|&c| c == b'\n'))
    {
        let nl = from + p;
        from = nl + 1;
        // PDF lines often end with a space before the break (`fixé à 1 000 ⏎000 euros`).
        let end = b[..nl]
            .iter()
            .rposition(|&c| c != b' ' && c != b'\t')
            .map_or(0, |q| q + 1);
        if end > 0
            && b[end - 1].is_ascii_digit()
            && b.get(nl + 1).is_some_and(u8::is_ascii_digit)
            && joinable(b, end, nl)
        {
            joins.push((end, nl));
        }
    }
    if joins.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for &(end, nl) in &joins {
        out.push_str(&text[last..end]);
        out.push(' ');
        last = nl + 1;
    }
    out.push_str(&text[last..]);
    count(repairs, "broken_numbers", joins.len() as u64);
    Some(out)
}

/// Digit groups (lengths) ending at `end`, separated by single spaces, read backwards;
/// `None` when the number is glued to something other than a space or a line start.
fn groups_before(b: &[u8], end: usize) -> Option<(Vec<usize>, usize)> {
    let mut groups = Vec::new();
    let mut i = end;
    loop {
        let s = b[..i]
            .iter()
            .rposition(|c| !c.is_ascii_digit())
            .map_or(0, |p| p + 1);
        groups.push(i - s);
        if s == 0 || b[s - 1] == b'\n' {
            return Some((groups, s));
        }
        if b[s - 1] != b' ' {
            return None;
        }
        if s >= 2 && b[s - 2].is_ascii_digit() {
            i = s - 1;
        } else {
            return Some((groups, s));
        }
    }
}

fn joinable(b: &[u8], end: usize, nl: usize) -> bool {
    // next line: a 3-digit group, then not a digit nor a range/time/decimal-less glue
    let n = &b[nl + 1..];
    let len = n.iter().take_while(|c| c.is_ascii_digit()).count();
    if len != 3 || matches!(n.get(3), Some(b'-' | b'/' | b':' | b'h' | b'.')) {
        return false;
    }
    let Some((groups, start)) = groups_before(b, end) else {
        return false;
    };
    // groups are read backwards: groups[last] is the leading group
    let lead = groups[groups.len() - 1];
    if !(1..=3).contains(&lead) || groups[..groups.len() - 1].iter().any(|&g| g != 3) {
        return false;
    }
    if b[start] == b'0' && lead > 1 {
        return false;
    }
    let line_start = b[..start]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |p| p + 1);
    let before = String::from_utf8_lossy(&b[line_start..start]).to_lowercase();
    let word = before.split_whitespace().next_back().unwrap_or("");
    if matches!(
        word,
        "page" | "p." | "n°" | "article" | "art." | "chapitre" | "/" | "-" | "–"
    ) {
        return false;
    }
    if groups.len() >= 2 || n[..3] == *b"000" {
        return true;
    }
    // a single small group: only when the amount reads as money
    let mut j = 3;
    while n.get(j) == Some(&b' ')
        && n.get(j + 1..j + 4)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        && !n.get(j + 4).is_some_and(u8::is_ascii_digit)
    {
        j += 4;
    }
    let tail = &n[j..];
    let tail = tail.strip_prefix(b" ").unwrap_or(tail);
    tail.starts_with("€".as_bytes())
        || tail.starts_with(b"euros")
        || tail.starts_with(b"EUR")
        || tail.starts_with("k€".as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        run(s, &mut Repairs::new()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn joined() {
        assert_eq!(fix("soit 1 000\n000 euros"), "soit 1 000 000 euros");
        assert_eq!(
            fix("est fixé à 1 000 \n000 euros."),
            "est fixé à 1 000 000 euros."
        );
        assert_eq!(fix("de 2 387\n500 € pour"), "de 2 387 500 € pour");
        assert_eq!(fix("soit 330\n000 € au total"), "soit 330 000 € au total");
        assert_eq!(fix("total de 70\n500 € :"), "total de 70 500 € :");
        assert_eq!(fix("de 256\n830 €"), "de 256 830 €");
        assert_eq!(
            fix("Normandie : 150\n000 € versés"),
            "Normandie : 150 000 € versés"
        );
    }

    #[test]
    fn left() {
        for s in [
            "Page 3\n200 projets",
            "en 2013\n200 projets",
            "2014-\n2016",
            "le 16\nmai",
            "21 300\nsalariés",
            "L. 1111-2, L.\n1611-4",
            "total 70\n500 projets",
            "04 76\n000",
            "article 12\n000",
            "de 12\n3000 €",
        ] {
            assert_eq!(fix(s), s, "{s:?}");
        }
    }
}
