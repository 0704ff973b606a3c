//! Markdown markup reduced to its text (key `markdown`, one per construct removed).
//!
//! For `Format::Md`: headings' `#`s, quote markers, code fences, `**x**`, `__x__`,
//! `*x*`, `_x_` (flanking rules, so `* ` bullets and `14_11-04_456` stay), `[x](url)`,
//! `![alt](src)`, `<https://x.fr>`, inline code and HTML tags (`<br>`) are reduced to
//! their text. List markers and table pipes stay. Inline reduction runs to a fixpoint
//! (nested markup), so normalising twice changes nothing.
//!
//! For `Format::Txt` pages that visibly carry Markdown (`](` or `**`, as the seeds
//! do), only links, images and `**strong**` are reduced.
use std::borrow::Cow;

use super::count;
use crate::doc::{Format, Repairs};

const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "b",
    "blockquote",
    "br",
    "center",
    "code",
    "del",
    "details",
    "div",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "iframe",
    "img",
    "ins",
    "kbd",
    "li",
    "main",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

pub(crate) fn run(text: &str, format: Format, repairs: &mut Repairs) -> Option<String> {
    let full = match format {
        Format::Md => true,
        // PDFs printed from such text carry the same markup.
        Format::Txt | Format::Pdf if text.contains("](") || text.contains("**") => false,
        _ => return None,
    };
    let special = |b: u8| matches!(b, b'*' | b'_' | b'[' | b'<' | b'`' | b'#' | b'>' | b'~');
    if !text.bytes().any(special) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.bytes().any(special) {
            out.push_str(line);
            continue;
        }
        // block markers, then inline markup, until neither changes (inline markup
        // removed can uncover a block marker: `*>*`)
        let mut l: Cow<str> = Cow::Borrowed(line);
        for _ in 0..8 {
            let before = n;
            if full {
                l = block(l, &mut n);
            }
            let (next, k) = inline(&l, full);
            if k > 0 {
                n += k;
                l = Cow::Owned(next);
            }
            if n == before {
                break;
            }
        }
        out.push_str(&l);
    }
    if n == 0 {
        return None;
    }
    count(repairs, "markdown", n);
    Some(out)
}

/// Strips block markers at the start of a line: code fences, headings, quotes (repeated).
fn block<'a>(mut line: Cow<'a, str>, n: &mut u64) -> Cow<'a, str> {
    loop {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            return line;
        }
        let t = &line[indent..];
        if t.starts_with("```") || t.starts_with("~~~") {
            *n += 1;
            return Cow::Borrowed("");
        }
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && t[hashes..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t')
        {
            let mut rest = t[hashes..].trim_start_matches([' ', '\t']);
            // closing sequence `## Titre ##`
            let trimmed = rest.trim_end_matches([' ', '\t']);
            let no_hash = trimmed.trim_end_matches('#');
            if no_hash.len() < trimmed.len()
                && (no_hash.is_empty() || no_hash.ends_with([' ', '\t']))
            {
                rest = no_hash.trim_end_matches([' ', '\t']);
            }
            *n += 1;
            line = Cow::Owned(rest.to_string());
            continue;
        }
        if let Some(rest) = t.strip_prefix('>') {
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            *n += 1;
            line = Cow::Owned(rest.to_string());
            continue;
        }
        return line;
    }
}

/// One inline pass; returns the new line and the number of constructs removed.
fn inline(line: &str, full: bool) -> (String, u64) {
    let b = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut n = 0;
    let mut i = 0;
    let mut last = 0; // start of the not-yet-copied text
    while i < b.len() {
        let c = b[i];
        let hit: Option<(usize, usize, usize)> = match c {
            // (start of kept text, end of kept text, end of construct)
            b'!' if b.get(i + 1) == Some(&b'[') => link(line, i + 1),
            b'[' => link(line, i),
            b'<' if full => angle(line, i),
            b'`' if full => code(line, i),
            b'*' | b'_' => emphasis(line, i, full),
            _ => None,
        };
        match hit {
            Some((ks, ke, end)) => {
                out.push_str(&line[last..i]);
                out.push_str(&line[ks..ke]);
                n += 1;
                i = end;
                last = end;
            }
            None => {
                // skip a whole delimiter run so `***` is not retried char by char
                let run = if matches!(c, b'*' | b'_' | b'`') {
                    b[i..].iter().take_while(|&&x| x == c).count()
                } else {
                    1
                };
                i += run;
            }
        }
    }
    out.push_str(&line[last..]);
    (out, n)
}

/// `[text](url)` at `i` (the `[`): returns (text start, text end, end).
fn link(line: &str, i: usize) -> Option<(usize, usize, usize)> {
    let b = line.as_bytes();
    let close = i + 1 + b[i + 1..].iter().position(|&c| c == b']' || c == b'[')?;
    if b[close] != b']' || b.get(close + 1) != Some(&b'(') {
        return None;
    }
    let mut depth = 0;
    for (k, &c) in b[close + 2..].iter().enumerate() {
        match c {
            b'(' => depth += 1,
            b')' if depth == 0 => {
                return Some((i + 1, close, close + 2 + k + 1));
            }
            b')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `<https://x.fr>` autolinks (kept text) and HTML tags / comments (dropped).
fn angle(line: &str, i: usize) -> Option<(usize, usize, usize)> {
    let rest = &line[i + 1..];
    if rest.starts_with("!--") {
        let end = rest.find("-->")?;
        return Some((i, i, i + 1 + end + 3));
    }
    let close = rest.find('>')?;
    let inner = &rest[..close];
    if inner.is_empty() || inner.contains('<') {
        return None;
    }
    let lower = inner.get(..8).unwrap_or(inner).to_ascii_lowercase();
    if !inner.contains(char::is_whitespace)
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")
            || lower.starts_with("www.")
            || (inner.contains('@') && inner.contains('.')))
    {
        return Some((i + 1, i + 1 + close, i + 1 + close + 1));
    }
    let name = inner.strip_prefix('/').unwrap_or(inner);
    let name_end = name
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(name.len());
    let tag = name[..name_end].to_ascii_lowercase();
    let after = &name[name_end..];
    let shape_ok = after.is_empty() || after == "/" || after.starts_with([' ', '\t']);
    (HTML_TAGS.contains(&tag.as_str()) && shape_ok).then_some((i, i, i + 1 + close + 1))
}

/// Inline code: a run of n backticks up to the next run of exactly n.
fn code(line: &str, i: usize) -> Option<(usize, usize, usize)> {
    let b = line.as_bytes();
    let n = b[i..].iter().take_while(|&&c| c == b'`').count();
    let mut j = i + n;
    while j < b.len() {
        if b[j] == b'`' {
            let m = b[j..].iter().take_while(|&&c| c == b'`').count();
            if m == n {
                let (mut s, mut e) = (i + n, j);
                if e > s + 1 && b[s] == b' ' && b[e - 1] == b' ' {
                    s += 1;
                    e -= 1;
                }
                return Some((s, e, j + n));
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// `*x*`, `**x**`, `***x***`, `_x_`, `__x__` with CommonMark-like flanking rules.
fn emphasis(line: &str, i: usize, full: bool) -> Option<(usize, usize, usize)> {
    let b = line.as_bytes();
    let d = b[i];
    if i > 0 && b[i - 1] == d {
        return None; // not the start of the run
    }
    let r = b[i..].iter().take_while(|&&c| c == d).count();
    if !(full || d == b'*' && r == 2) || r > 3 {
        return None;
    }
    let prev = line[..i].chars().next_back();
    let next = line[i + r..].chars().next()?;
    if next.is_whitespace() || (d == b'_' && prev.is_some_and(char::is_alphanumeric)) {
        return None;
    }
    let mut j = i + r;
    while j < b.len() {
        if b[j] != d {
            j += 1;
            continue;
        }
        let m = b[j..].iter().take_while(|&&c| c == d).count();
        let before = line[..j].chars().next_back();
        let after = line[j + m..].chars().next();
        let closes = m == r
            && j > i + r
            && !before.is_some_and(char::is_whitespace)
            && !(d == b'_' && after.is_some_and(char::is_alphanumeric));
        if closes {
            return Some((i + r, j, j + m));
        }
        j += m;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(s: &str) -> String {
        run(s, Format::Md, &mut Repairs::new()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn reduced() {
        for (a, b) in [
            ("depuis **1998**, un", "depuis 1998, un"),
            ("__x__ et *y* et _z_", "x et y et z"),
            ("sur [Lyon](#) et ![logo](a.png)", "sur Lyon et logo"),
            ("<https://x.fr> a<br>b <br/> </span>", "https://x.fr ab  "),
            ("## Pourquoi cet appel ? ##", "Pourquoi cet appel ?"),
            ("> cité", "cité"),
            (
                "*Publié – Rubrique [Économie](#)*",
                "Publié – Rubrique Économie",
            ),
            ("le `code` ici", "le code ici"),
            ("**[Corse Active](#)**", "Corse Active"),
            ("[[a](b)](c)", "a"),
            ("```rust", ""),
        ] {
            assert_eq!(md(a), b, "{a:?}");
        }
    }

    #[test]
    fn left() {
        for s in [
            "- item",
            "* item",
            "1. item",
            "14_11-04_456",
            "snake_case_name",
            "2 * 3 * 4",
            "| a | b |",
            "|---|---|",
            "a < b > c",
            "#hashtag",
            "tarif 5 € *",
        ] {
            assert_eq!(md(s), s, "{s:?}");
        }
    }

    #[test]
    fn txt_subset() {
        let mut r = Repairs::new();
        let s = "En **2003**, [Lyon](#) *x* _y_ # t";
        assert_eq!(
            run(s, Format::Txt, &mut r).as_deref(),
            Some("En 2003, Lyon *x* _y_ # t")
        );
        assert_eq!(run("a *b* c", Format::Txt, &mut r), None);
        assert_eq!(run("a *b* c", Format::Pdf, &mut r), None);
    }
}
