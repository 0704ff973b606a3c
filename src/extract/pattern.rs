//! Regexes with Unicode word boundaries that stay fast.
//!
//! The regex crate's lazy DFA gives up on a Unicode `\b` as soon as the haystack holds a
//! non-ASCII byte — in French text, at the first accent — and falls back to its slow NFA
//! engine. A [`WordRe`] is written without `\b` at its edges and checks the boundaries
//! itself, so the search runs on the DFA: the same matches, many times faster.
use regex::{Captures, Match, Regex};

/// A regex whose matches must start and end on Unicode word boundaries.
#[derive(Debug, Clone)]
pub struct WordRe {
    re: Regex,
}

/// A regex `\w` character.
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A match edge that is a letter or digit must not touch another letter or digit.
pub fn on_boundaries(text: &str, start: usize, end: usize) -> bool {
    let first = text.get(start..).and_then(|s| s.chars().next());
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let last = text.get(..end).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    let left = !(first.is_some_and(is_word) && before.is_some_and(is_word));
    let right = !(last.is_some_and(is_word) && after.is_some_and(is_word));
    left && right && end > start
}

fn next_char(text: &str, pos: usize) -> usize {
    pos + text
        .get(pos..)
        .and_then(|s| s.chars().next())
        .map_or(1, char::len_utf8)
}

/// The ways the first `n` chars of `word`, matched by a case-insensitive regex (`(?i)`,
/// Unicode), can read in the text once its ASCII letters are lower-cased
/// (`str::to_ascii_lowercase`): ASCII letters in lower case, and also `ſ` for `s` and the
/// Kelvin sign for `k` (which `(?i)` matches too); other letters in both cases (`thème`,
/// `thÈme`). A literal search for them finds every place such a regex can match `word`.
pub fn folded_prefixes(word: &str, n: usize) -> Vec<String> {
    let mut forms = vec![String::new()];
    for c in word.chars().take(n) {
        let mut cases = vec![c.to_ascii_lowercase()];
        match c.to_ascii_lowercase() {
            's' => cases.push('ſ'),
            'k' => cases.push('\u{212A}'),
            _ if !c.is_ascii() => cases.extend(c.to_uppercase().chain(c.to_lowercase())),
            _ => {}
        }
        cases.sort_unstable();
        cases.dedup();
        forms = forms
            .iter()
            .flat_map(|f| cases.iter().map(move |k| format!("{f}{k}")))
            .collect();
    }
    forms
}

/// One literal search (SIMD) for any of `words`.
pub fn literal_set(words: impl IntoIterator<Item = String>) -> Regex {
    let mut alts: Vec<String> = words.into_iter().map(|w| regex::escape(&w)).collect();
    alts.sort();
    alts.dedup();
    Regex::new(&alts.join("|")).expect("literal set")
}

/// Start of the `n`-th word back from `pos` (words are runs of non-white-space; a word
/// holding `pos` counts).
pub fn words_back(t: &str, pos: usize, n: usize) -> usize {
    let mut it = t.get(..pos).unwrap_or("").char_indices().rev().peekable();
    let mut start = pos;
    for _ in 0..n {
        while it.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        while let Some((i, _)) = it.next_if(|(_, c)| !c.is_whitespace()) {
            start = i;
        }
    }
    start
}

/// The matches of a line rule `re`, the same as `re.captures_iter(t)`, looked for only at
/// the starts of the lines where `cue` matches: one literal pass instead of the rule's scan
/// of every line. Sound when every match of `re` starts at a line start (`(?m)^`), holds a
/// match of `cue` on its first line, ends by the end of the next line and has no
/// look-around at its end; `cue` never matches a line break.
pub fn line_start_captures<'a, 't: 'a>(
    re: &'a Regex,
    cue: &'a Regex,
    t: &'t str,
) -> impl Iterator<Item = Captures<'t>> + 'a {
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < t.len() {
            let hit = cue.find_at(t, pos)?.start();
            let line_start = t.get(..hit)?.rfind('\n').map_or(0, |i| i + 1);
            let line_end = t.get(hit..)?.find('\n').map_or(t.len(), |i| hit + i);
            let next_end = t
                .get(line_end + 1..)
                .and_then(|r| r.find('\n'))
                .map_or(t.len(), |i| line_end + 1 + i);
            // a previous match ended inside this line: no match starts on it
            let tried = line_start >= pos;
            pos = line_end + 1;
            if !tried {
                continue;
            }
            if let Some(c) = re.captures_at(t.get(..next_end)?, line_start) {
                if c.get(0).is_some_and(|m| m.start() == line_start) {
                    pos = c.get(0)?.end().max(line_start + 1);
                    return Some(c);
                }
            }
        }
        None
    })
}

impl WordRe {
    /// `pattern` is written without `\b` at its edges.
    pub fn new(pattern: &str) -> Result<WordRe, regex::Error> {
        Ok(WordRe {
            re: Regex::new(pattern)?,
        })
    }

    pub fn find_iter<'a, 't: 'a>(&'a self, text: &'t str) -> impl Iterator<Item = Match<'t>> + 'a {
        let mut pos = 0;
        std::iter::from_fn(move || {
            while pos <= text.len() {
                let m = self.re.find_at(text, pos)?;
                if on_boundaries(text, m.start(), m.end()) {
                    pos = m.end();
                    return Some(m);
                }
                pos = next_char(text, m.start());
            }
            None
        })
    }

    pub fn captures_iter<'a, 't: 'a>(
        &'a self,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + 'a {
        let mut pos = 0;
        std::iter::from_fn(move || {
            while pos <= text.len() {
                let c = self.re.captures_at(text, pos)?;
                let m = c.get(0)?;
                if on_boundaries(text, m.start(), m.end()) {
                    pos = m.end();
                    return Some(c);
                }
                pos = next_char(text, m.start());
            }
            None
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find_iter(text).next().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(p: &str, t: &str) -> Vec<String> {
        WordRe::new(p)
            .unwrap()
            .find_iter(t)
            .map(|m| m.as_str().to_string())
            .collect()
    }

    #[test]
    fn same_matches_as_unicode_word_boundaries() {
        let t = "La Région, les Régions et l’État ; Collectivité unique. Étatique";
        for (p, want) in [
            ("Région", vec!["Région"]),
            ("[ÉE]tat", vec!["État"]),
            ("Collectivité", vec!["Collectivité"]),
            ("Régions?", vec!["Région", "Régions"]),
        ] {
            assert_eq!(finds(p, t), want, "{p}");
            let unicode = Regex::new(&format!(r"\b(?:{p})\b")).unwrap();
            let expected: Vec<String> = unicode
                .find_iter(t)
                .map(|m| m.as_str().to_string())
                .collect();
            assert_eq!(finds(p, t), expected, "{p} vs \\b");
        }
    }

    #[test]
    fn words_back_counts_runs_of_non_space() {
        let t = "un  (deux) trois\nquatre";
        assert_eq!(words_back(t, t.len(), 1), 17);
        assert_eq!(words_back(t, 19, 1), 17);
        assert_eq!(words_back(t, 17, 2), 4);
        assert_eq!(words_back(t, 17, 5), 0);
        assert_eq!(words_back(t, 0, 3), 0);
    }

    #[test]
    fn a_rejected_match_does_not_hide_the_next() {
        assert_eq!(finds("Pays", "Paysage, Pays Voironnais"), ["Pays"]);
        assert_eq!(finds("ab", "abab ab"), ["ab"]);
    }

    #[test]
    fn edges_that_are_not_letters_need_no_boundary() {
        assert_eq!(
            finds(r"Ministère de\s*", "Ministère de l’Économie"),
            ["Ministère de "]
        );
        assert_eq!(finds(r"d['’]", "l'État d’ici"), ["d’"]);
    }
}
