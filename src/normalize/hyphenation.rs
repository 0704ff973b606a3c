//! Words broken over a line by a hyphen (key `hyphenations`).
//!
//! `dévelop-⏎pement` → `développement` (soft hyphen removed when the joined word is
//! known, or by default when the next part starts lower-case and is not an
//! `xxx-yyy` compound of two known words); `Rhône-⏎Alpesolidaires`, `vice-⏎président`,
//! `ci-⏎après`, `tiers-⏎lieu` (seen elsewhere) keep their hyphen. Either way the word is
//! rebuilt on the first line and the line break moves after it.
use super::lines::{join_lines, Join};
use super::words::{is_all_caps, lower};
use super::{count, lexicon, DocVocab};
use crate::doc::Repairs;

const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{ad}'];

pub(crate) fn run(text: &str, vocab: &DocVocab, repairs: &mut Repairs) -> Option<String> {
    let b = text.as_bytes();
    // quick check: a hyphen (ASCII, U+2010 E2 80 90, U+00AD C2 AD) right before a '\n'
    let any = b.windows(2).enumerate().any(|(i, w)| {
        w[1] == b'\n'
            && (w[0] == b'-'
                || (i >= 1 && (b[i - 1..=i] == [0xC2, 0xAD] || b[i - 1..=i] == [0x80, 0x90])))
    });
    if !any {
        return None;
    }
    let (out, n) = join_lines(text, |cur, next| decide(cur, next, vocab))?;
    count(repairs, "hyphenations", n);
    Some(out)
}

fn decide(cur: &str, next: &str, vocab: &DocVocab) -> Option<Join> {
    let h = cur.chars().next_back().filter(|c| HYPHENS.contains(c))?;
    let hpos = cur.len() - h.len_utf8();
    let head = &cur[..hpos];
    let xs = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map(|(i, _)| i)?;
    let x = &head[xs..];
    // the token carrying X: not a URL or an e-mail (broken_urls' business), not after a digit
    let tok_start = head.rfind(char::is_whitespace).map_or(0, |p| {
        p + head[p..].chars().next().map_or(1, char::len_utf8)
    });
    let tok = &head[tok_start.min(xs)..];
    if tok.contains("://") || tok.contains("www.") || tok.contains('@') {
        return None;
    }
    if head[..xs]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let ye = next
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(next.len(), |(i, _)| i);
    if ye == 0 {
        return None;
    }
    let y = &next[..ye];
    let remove = Join {
        keep: hpos,
        take: ye,
    };
    let keep = Join {
        keep: cur.len(),
        take: ye,
    };
    if h == '\u{ad}' {
        return Some(remove);
    }
    let upper_next = y.chars().next().is_some_and(char::is_uppercase);
    let caps = upper_next && is_all_caps(y) && is_all_caps(x);
    if upper_next && !caps {
        return Some(keep);
    }
    let (lx, ly) = (lower(x), lower(y));
    let compound = format!("{lx}-{ly}");
    let joined = format!("{lx}{ly}");
    // a compound seen elsewhere in the document wins (`inter-⏎entreprises` when the
    // text also writes `inter-entreprises`, though `interentreprises` is a word)
    if vocab.has_compound(&compound) {
        return Some(keep);
    }
    if lexicon::contains(&joined)
        || vocab.has_word(&joined)
        || (caps && lexicon::contains_folded(&joined))
    {
        return Some(remove);
    }
    if lexicon::contains(&compound) || caps {
        return Some(keep);
    }
    let known = |w: &str| w.chars().nth(1).is_some() && lexicon::contains(w);
    if known(&lx) && known(&ly) {
        return Some(keep);
    }
    Some(remove)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        let pages = vec![s.to_string()];
        let v = DocVocab::new(&pages);
        let mut r = Repairs::new();
        run(s, &v, &mut r).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn soft_hyphens_removed() {
        assert_eq!(
            fix("de dévelop-\npement, dans la"),
            "de développement,\ndans la"
        );
        assert_eq!(fix("la transi-\ntion sociale"), "la transition\nsociale");
        assert_eq!(fix("à conso-\nlider des"), "à consolider\ndes");
        assert_eq!(
            fix("leur accompa-\ngnement est"),
            "leur accompagnement\nest"
        );
        assert_eq!(fix("organi-\nsation annuelle"), "organisation\nannuelle");
        assert_eq!(fix("CONVEN-\nTION X"), "CONVENTION\nX");
    }

    #[test]
    fn compound_hyphens_kept() {
        assert_eq!(
            fix("la plateforme Rhône-\nAlpesolidaires (www."),
            "la plateforme Rhône-Alpesolidaires\n(www."
        );
        assert_eq!(fix("le 1er Vice-\nprésident à"), "le 1er Vice-président\nà");
        assert_eq!(fix("ci-\naprès désigné"), "ci-après\ndésigné");
        assert_eq!(
            fix("la coopération inter-entreprises, inter-\nentreprises"),
            "la coopération inter-entreprises, inter-entreprises"
        );
        assert_eq!(
            fix("les tiers-lieux et tiers-\nlieux"),
            "les tiers-lieux et tiers-lieux"
        );
        assert_eq!(
            fix("d'entrepreneurs-\nsalariés dans"),
            "d'entrepreneurs-salariés\ndans"
        );
    }

    #[test]
    fn not_words() {
        assert_eq!(fix("2014-\n2016"), "2014-\n2016");
        assert_eq!(fix("- \nliste"), "- \nliste");
        assert_eq!(fix("x -\ny"), "x -\ny");
        assert_eq!(fix("www.rhone-\nalpes.org"), "www.rhone-\nalpes.org");
    }
}
