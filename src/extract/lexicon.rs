//! Tables of names (known bodies, known programmes) turned into one automaton.
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// One automaton over every spelling of every row — with either apostrophe (`l'État`,
/// `l’État`), ASCII case folded, longest match first — and, per pattern, its row and text.
pub fn names_automaton<'a>(
    names: impl Iterator<Item = (usize, &'a str)>,
) -> (AhoCorasick, Vec<(usize, String)>) {
    let mut pats = Vec::new();
    for (row, name) in names {
        pats.push((row, name.to_string()));
        if name.contains('\'') {
            pats.push((row, name.replace('\'', "’")));
        }
    }
    let ac = AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(pats.iter().map(|(_, p)| p.as_str()))
        .unwrap_or_else(|_| AhoCorasick::new(Vec::<&str>::new()).expect("empty automaton"));
    (ac, pats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_apostrophes_and_longest_first() {
        let (ac, pats) = names_automaton(
            [
                (0, "Caisse des Dépôts"),
                (1, "Caisse des Dépôts et Consignations"),
                (2, "l'État"),
            ]
            .into_iter(),
        );
        let t = "la caisse des Dépôts et Consignations, l’État";
        let found: Vec<usize> = ac
            .find_iter(t)
            .map(|m| pats[m.pattern().as_usize()].0)
            .collect();
        assert_eq!(found, [1, 2]);
    }
}
