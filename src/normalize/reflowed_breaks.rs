//! Line breaks that a reflowing producer turned into spaces (key `reflowed_breaks`): a
//! justified PDF made from text with `Rhône-⏎Alpesolidaires` or `(www.⏎rhone-alpes…`
//! prints `Rhône- Alpesolidaires` and `(www. rhone-alpes…` on one line. A hyphen glued
//! to a word and followed by one space and a capital, or `www.` followed by one space and
//! a domain, is rejoined; before a lower-case word only when the compound is known
//! (`Vice- président`, or `inter-entreprises` written whole elsewhere in the document).
//! `pré- et post-création` (a suspended hyphen) stays.
use super::{count, lexicon, DocVocab};
use crate::doc::Repairs;

pub(crate) fn run(text: &str, vocab: &DocVocab, repairs: &mut Repairs) -> Option<String> {
    let mut cuts = Vec::new();
    let b = text.as_bytes();
    // both repairs need a space right after a '-' or a '.': a branch-free test over
    // blocks of 32 bytes, then the positions of the blocks that have one
    let at = |i: usize| b[i] == b' ' && matches!(b[i - 1], b'-' | b'.');
    let mut block = 1;
    let candidates = std::iter::from_fn(|| {
        while block < b.len() {
            let end = (block + 32).min(b.len());
            let range = block..end;
            block = end;
            let hit = b[range.clone()]
                .iter()
                .zip(&b[range.start - 1..range.end - 1])
                .fold(false, |acc, (&c, &p)| {
                    acc | ((c == b' ') & ((p == b'-') | (p == b'.')))
                });
            if hit {
                return Some(range.filter(|&i| at(i)));
            }
        }
        None
    })
    .flatten();
    for i in candidates {
        let run = text[i..].len() - text[i..].trim_start_matches(' ').len();
        let (before, after) = (&text[..i], &text[i + run..]);
        let next = after.chars().next();
        let hyphen = before.ends_with('-')
            && before[..before.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && (next.is_some_and(char::is_uppercase)
                || next.is_some_and(char::is_lowercase) && known_compound(before, after, vocab));
        let www = before
            .len()
            .checked_sub(4)
            .and_then(|k| before.get(k..))
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
            && before[..before.len() - 4]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() && c != '.')
            && next.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if hyphen || www {
            cuts.push((i, run));
        }
    }
    if cuts.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for &(c, run) in &cuts {
        out.push_str(&text[last..c]);
        last = c + run;
    }
    out.push_str(&text[last..]);
    count(repairs, "reflowed_breaks", cuts.len() as u64);
    Some(out)
}

/// `vice-` + `président…` → is `vice-président` a word of the lexicon or of the document?
fn known_compound(before: &str, after: &str, vocab: &DocVocab) -> bool {
    let head_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic() && c != '-')
        .map_or(0, |(p, c)| p + c.len_utf8());
    let head = before.get(head_start..).unwrap_or_default();
    let tail_len = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    let compound = format!("{head}{}", &after[..tail_len]).to_lowercase();
    compound.len() > head.len() + 1
        && (lexicon::contains(&compound) || vocab.has_compound(&compound))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        let pages = [s.to_string()];
        let vocab = DocVocab::new(&pages);
        run(s, &vocab, &mut Repairs::new()).unwrap_or_else(|| s.to_string())
    }

    #[test]
    fn rejoined() {
        assert_eq!(
            fix("la plateforme Rhône- Alpesolidaires (www. rhone-alpesolidaires.org)"),
            "la plateforme Rhône-Alpesolidaires (www.rhone-alpesolidaires.org)"
        );
        assert_eq!(
            fix("région Auvergne- Rhône-Alpes"),
            "région Auvergne-Rhône-Alpes"
        );
        assert_eq!(
            fix("le 1er Vice- président à l’économie"),
            "le 1er Vice-président à l’économie"
        );
        assert_eq!(
            fix("les GEIQ inter- entreprises, les inter-entreprises"),
            "les GEIQ inter-entreprises, les inter-entreprises"
        );
    }

    #[test]
    fn left() {
        for s in [
            "les phases pré- et post-création",
            "Objet : ESS - Attribution",
            "2014- 2016",
            "voir www. ",
            "le site www.x.org. Puis",
            "M. Dupont",
            "l’- président",
        ] {
            assert_eq!(fix(s), s, "{s:?}");
        }
    }
}
