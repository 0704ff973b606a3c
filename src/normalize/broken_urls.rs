//! URLs broken over lines (key `broken_urls`): `(www.⏎rhone-alpesolidaires.org` →
//! `(www.rhone-alpesolidaires.org`, `https://www.⏎x.fr/⏎page` → `https://www.x.fr/page`.
//! A line-end `-` inside a URL is kept. The URL is rebuilt on its first line and the
//! line break moves to the first space after it.
use super::count;
use super::lines::{join_lines, Join};
use crate::doc::Repairs;

pub(crate) fn run(text: &str, repairs: &mut Repairs) -> Option<String> {
    if !(text.contains("www.") || text.contains("WWW.") || text.contains("://")) {
        return None;
    }
    let (out, n) = join_lines(text, decide)?;
    count(repairs, "broken_urls", n);
    Some(out)
}

fn is_url_char(c: char) -> bool {
    c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
}

fn looks_like_url(u: &str) -> bool {
    let l = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    l.starts_with("http://")
        || l.starts_with("https://")
        || l.starts_with("www.")
        || u.contains("://")
}

fn decide(cur: &str, next: &str) -> Option<Join> {
    let last = cur.chars().next_back()?;
    if last.is_whitespace() {
        return None;
    }
    let tok = &cur[cur
        .rfind(char::is_whitespace)
        .map_or(0, |p| p + cur[p..].chars().next().map_or(1, char::len_utf8))..];
    let u = tok.trim_start_matches(['(', '<', '[', '"', '«', '\'', '“']);
    if !looks_like_url(u) || !u.chars().all(is_url_char) {
        return None;
    }
    let first = next.chars().next()?;
    if !(first.is_ascii_lowercase() || first.is_ascii_digit()) {
        return None;
    }
    let word_end = next.find(char::is_whitespace).unwrap_or(next.len());
    let word = &next[..word_end];
    let piece = word.trim_end_matches(['.', ',', ';', ':', ')', ']', '>', '»', '"', '\'', '”']);
    if piece.is_empty() || !piece.chars().all(is_url_char) {
        return None;
    }
    let urlish = |s: &str| s.contains(['.', '/', '-', '_', '=', '?', '&', '#', '%']);
    let alone = next[word_end..].trim().is_empty();
    let ok = match last {
        '.' => u.to_ascii_lowercase().ends_with("www.") || piece.contains(['.', '/']),
        '/' | '-' | '_' | '=' | '&' | '?' | '#' | '%' | '~' => urlish(piece) || alone,
        _ => false,
    };
    ok.then_some(Join {
        keep: cur.len(),
        take: piece.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        run(s, &mut Repairs::new()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn urls_rejoined() {
        assert_eq!(
            fix("Rhône-Alpesolidaires (www.\nrhone-alpesolidaires.org ; \n800 000"),
            "Rhône-Alpesolidaires (www.rhone-alpesolidaires.org\n; \n800 000"
        );
        assert_eq!(
            fix("voir https://www.\nx.fr/\npage"),
            "voir https://www.x.fr/page"
        );
        assert_eq!(
            fix("voir https://www.\nx.fr/\nsous-page et"),
            "voir https://www.x.fr/sous-page\net"
        );
        assert_eq!(
            fix("voir https://www.\nx.fr/\npage et"),
            "voir https://www.x.fr/\npage et"
        );
        assert_eq!(fix("www.rhone-\nalpes.org"), "www.rhone-alpes.org");
    }

    #[test]
    fn complete_urls_left() {
        for s in [
            "voir www.x.fr.\nLa suite",
            "voir www.x.fr.\nles acteurs",
            "https://x.fr/\nles acteurs de l'ESS",
            "le site www.\n\nsuite",
            "pas une url.\nrien",
        ] {
            assert_eq!(fix(s), s);
        }
    }
}
