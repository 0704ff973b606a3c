//! Cursor helpers over the normalised text shared by the body and programme rules: words,
//! gaps that may hold one line break, French connectors inside proper names. All positions
//! are byte offsets; every slice goes through `get` so that no input can panic.

use crate::extract::pattern::on_boundaries;

/// Both apostrophes are used in the documents (`l'Isère`, `l’Isère`).
pub fn is_apos(c: char) -> bool {
    c == '\'' || c == '’'
}

pub fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..)?.chars().next()
}

pub fn char_before(t: &str, i: usize) -> Option<char> {
    t.get(..i)?.chars().next_back()
}

/// True when no letter or digit touches `i` from the left.
pub fn left_boundary(t: &str, i: usize) -> bool {
    !char_before(t, i).is_some_and(|c| c.is_alphanumeric())
}

/// True when no letter or digit touches `i` from the right.
pub fn right_boundary(t: &str, i: usize) -> bool {
    !char_at(t, i).is_some_and(|c| c.is_alphanumeric())
}

/// Elided words end with an apostrophe and are words of their own (`d'Union`, `l'Isère`).
const ELISIONS: [&str; 14] = [
    "d", "l", "D", "L", "qu", "n", "s", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu",
];

/// End of the word starting at `i`: letters and digits, with inner hyphens (`Saint-Etienne`)
/// and inner apostrophes that are not elisions (`Cors'Éco`, `DEV'UP`).
pub fn word_end(t: &str, i: usize) -> Option<usize> {
    let s = t.get(i..)?;
    let mut it = s.char_indices().peekable();
    match it.peek() {
        Some((_, c)) if c.is_alphanumeric() => {}
        _ => return None,
    }
    let mut end = 0;
    while let Some((k, c)) = it.next() {
        if c.is_alphanumeric() {
            end = k + c.len_utf8();
            continue;
        }
        let next_alnum = it.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c == '-' && next_alnum {
            continue;
        }
        if is_apos(c) && next_alnum && !ELISIONS.contains(&s.get(..k).unwrap_or("")) {
            continue;
        }
        break;
    }
    Some(i + end)
}

/// Skips the spaces between two words of one expression: spaces and tabs with at most one line
/// break (a wrapped line), never a blank line. `None` when there is no space at `i`.
pub fn skip_gap(t: &str, i: usize) -> Option<usize> {
    let s = t.get(i..)?;
    let mut newlines = 0;
    let mut end = 0;
    for (k, c) in s.char_indices() {
        match c {
            ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\r' => end = k + c.len_utf8(),
            '\n' => {
                newlines += 1;
                if newlines > 1 {
                    return None;
                }
                end = k + 1;
            }
            _ => break,
        }
    }
    (end > 0).then_some(i + end)
}

/// Skips an optional gap.
pub fn opt_gap(t: &str, i: usize) -> usize {
    skip_gap(t, i).unwrap_or(i)
}

/// Prepositions and articles that join the words of a French proper name
/// (`Val de Loire`, `Caen la Mer`, `Pays de l'Ardèche`, `Trait d'Union`).
const CONNECTORS: [&str; 10] = [
    "de", "du", "des", "la", "le", "les", "sur", "sous", "lès", "et",
];

/// A connector at `i` followed by its gap (or an elided `d'`/`l'`): returns the position after.
pub fn connector(t: &str, i: usize, allow_et: bool) -> Option<usize> {
    let s = t.get(i..)?;
    for el in ["d'", "d’", "l'", "l’", "D'", "D’", "L'", "L’"] {
        if s.starts_with(el) {
            return Some(i + el.len());
        }
    }
    let we = word_end(t, i)?;
    let w = t.get(i..we)?;
    // connectors in capitals belong to titles in capitals (`CONVENTION D'AGRÉMENT DE LA …`)
    let w = if w.chars().all(|c| c.is_uppercase()) {
        w.to_lowercase()
    } else {
        w.to_string()
    };
    let w = w.as_str();
    if CONNECTORS.contains(&w) && (allow_et || w != "et") {
        return skip_gap(t, we);
    }
    None
}

/// `et` directly followed by a capitalised word (`Sociale et Solidaire`, not `et la Région`).
fn et_join(t: &str, i: usize) -> Option<usize> {
    let we = word_end(t, i)?;
    if t.get(i..we)? != "et" {
        return None;
    }
    let g = skip_gap(t, we)?;
    let w2 = word_end(t, g)?;
    is_cap(t.get(g..w2)?).then_some(g)
}

/// Words written with a capital at a sentence start or in a heading that never belong to a
/// proper name (`Pour Saint-Etienne Métropole`, `… ET`).
pub const FUNCTION_WORDS: [&str; 24] = [
    "et",
    "pour",
    "par",
    "avec",
    "dans",
    "sur",
    "en",
    "au",
    "aux",
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "un",
    "une",
    "à",
    "ou",
    "annexe",
    "article",
    "entre",
    "vu",
    "considérant",
];

/// A word that can carry a proper name: it starts with a capital letter (`Isère`, `GAIA`).
pub fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Place adjectives that end names of territories (`grenobloise`, `guyanais`, `méridionale`).
const DEMONYM_ENDS: [&str; 10] = [
    "ois", "oise", "ais", "aise", "ien", "ienne", "éen", "éenne", "ional", "ionale",
];

pub fn is_demonym(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_lowercase())
        && w.chars().count() > 4
        && DEMONYM_ENDS.iter().any(|e| w.ends_with(e))
}

/// Options of [`proper_name`].
#[derive(Clone, Copy, Default)]
pub struct NameOpts {
    /// The name may start with a preposition (`de l'Isère` after `Conseil général`).
    pub lead_prep: bool,
    /// The name may be a lone place adjective (`Communauté d'agglomération grenobloise`).
    pub lead_demonym: bool,
    /// `et` may join two capitalised words (`Économie Sociale et Solidaire`).
    pub et: bool,
}

/// End of a proper name starting at `i`: capitalised words joined by gaps and connectors,
/// optionally followed by place adjectives. Trailing connectors are not part of it.
pub fn proper_name(t: &str, i: usize, o: NameOpts) -> Option<usize> {
    let mut end: Option<usize> = None;
    let mut pos = i;
    for _ in 0..16 {
        let mut p = match end {
            None => pos,
            Some(_) => match skip_gap(t, pos) {
                Some(p) => p,
                None => break,
            },
        };
        let mut had_conn = false;
        // a name does not run on over a line break between two of its words
        let wrapped = end.is_some() && t.get(pos..p).is_some_and(|g| g.contains('\n'));
        if end.is_some() || o.lead_prep {
            if let Some(q) = et_join(t, p).filter(|_| o.et && end.is_some()) {
                p = q;
                had_conn = true;
            } else {
                while let Some(q) = connector(t, p, false) {
                    p = q;
                    had_conn = true;
                }
            }
        }
        if wrapped && !had_conn {
            break;
        }
        let Some(we) = word_end(t, p) else { break };
        let w = t.get(p..we).unwrap_or("");
        // a head noun after a preposition starts another organisation (`ESEAC de l'Institut`)
        if had_conn && super::tables::is_head_word(w) {
            break;
        }
        if is_cap(w)
            && (!FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
                || (end.is_none() && matches!(w, "La" | "Le" | "Les")))
        {
            end = Some(we);
            pos = we;
            continue;
        }
        if !had_conn && (end.is_some() || o.lead_demonym) && is_demonym(w) {
            end = Some(we);
            pos = we;
            continue;
        }
        break;
    }
    end
}

/// Case-insensitive prefix match of `needle` at `t[i..]`, where either apostrophe matches
/// either and any run of spaces (with at most one line break) matches one space. Returns the end.
pub fn prefix_ci(t: &str, i: usize, needle: &str) -> Option<usize> {
    let s = t.get(i..)?;
    let mut hs = s.char_indices().peekable();
    let ns = needle.chars().peekable();
    for nc in ns {
        if nc == ' ' {
            let (k, _) = *hs.peek()?;
            let after = skip_gap(s, k)?;
            while hs.peek().is_some_and(|(k2, _)| *k2 < after) {
                hs.next();
            }
            continue;
        }
        let (_, hc) = hs.next()?;
        let same =
            hc == nc || (is_apos(hc) && is_apos(nc)) || hc.to_lowercase().eq(nc.to_lowercase());
        if !same {
            return None;
        }
    }
    let end = hs.peek().map_or(s.len(), |(k, _)| *k);
    Some(i + end)
}

/// The text with every run of white space turned into one space (names that wrapped a line).
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A pattern tried only where one of its possible first words occurs: the same matches as
/// `WordRe::find_iter`/`captures_iter` (or a plain regex's `find_iter` with `left_w`), with
/// one cheap literal pass over the text instead of a full regex scan.
pub struct Cued {
    /// `^(?:pattern)`, run on the text from each cue.
    re: regex::Regex,
    /// Every position where a match can start holds one of these literals. A regex of the
    /// literals, not an Aho-Corasick automaton: for a few dozen literals the regex crate
    /// searches with SIMD (Teddy), about twenty times faster on these texts, with the same
    /// leftmost-first matches.
    cues: regex::Regex,
    /// Match edges are checked like `WordRe` (letters must not touch letters).
    word_edges: bool,
    /// The char before a match must not be a regex `\w` (a leading Unicode `\b`).
    left_w: bool,
    /// Also try the positions up to this many chars before a cue and the spaces before it
    /// (`l'État`, `le Gouvernement`, `la Chambre`).
    back: usize,
}

static RE_W: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^\w$").expect("word char regex"));

/// The literals as one alternation, in their order (leftmost-first, as the automaton was);
/// `(?i-u)` folds ASCII case only, as `ascii_case_insensitive` did.
fn cue_regex(cues: &[&str], ascii_ci: bool) -> regex::Regex {
    let alts: Vec<String> = cues.iter().map(|c| regex::escape(c)).collect();
    let flags = if ascii_ci { "(?i-u)" } else { "" };
    regex::Regex::new(&format!("{flags}(?:{})", alts.join("|"))).expect("cue regex")
}

impl Cued {
    /// `pattern` as given to `WordRe::new`; `cues` must include a prefix of every match.
    pub fn word(pattern: &str, cues: &[&str], ascii_ci: bool) -> Cued {
        Cued::build(pattern, cues, ascii_ci, true, false)
    }

    /// Also tries the `n` chars before each cue and the spaces before it.
    pub fn back(mut self, n: usize) -> Cued {
        self.back = n;
        self
    }

    /// A plain regex `\b(?:pattern)` whose alternatives all start with a letter: the leading
    /// `\b` is checked by hand, `pattern` may end with its own `\b`.
    pub fn left_word_boundary(pattern: &str, cues: &[&str]) -> Cued {
        Cued::build(pattern, cues, false, false, true)
    }

    fn build(pattern: &str, cues: &[&str], ascii_ci: bool, word_edges: bool, left_w: bool) -> Cued {
        // A cue is letters (a last non-letter allowed): a cue starting inside another one
        // follows a letter, where no match can start, so leftmost matches of cues suffice.
        debug_assert!(cues.iter().all(|c| {
            let n = c.chars().count();
            c.chars().take(n.saturating_sub(1)).all(char::is_alphabetic)
                && c.chars().next().is_some_and(char::is_alphabetic)
        }));
        Cued {
            re: regex::Regex::new(&format!("^(?:{pattern})")).expect("cued regex"),
            cues: cue_regex(cues, ascii_ci),
            word_edges,
            left_w,
            back: 0,
        }
    }

    /// Matches as (start offset, captures of the text from that offset).
    pub fn captures_iter<'a, 't: 'a>(
        &'a self,
        t: &'t str,
    ) -> impl Iterator<Item = (usize, regex::Captures<'t>)> + 'a {
        self.captures_iter_in(t, [(0, t.len())])
    }

    /// The matches of [`Cued::captures_iter`] when every match, with its cue, lies in one
    /// of `windows` (byte ranges of `t`): cues are only looked for there. A cue found in a
    /// window but not in a scan of the whole text lies inside another cue, after a letter,
    /// where no match starts; the same holds for one the scan of a window hides.
    pub fn captures_iter_in<'a, 't: 'a>(
        &'a self,
        t: &'t str,
        windows: impl IntoIterator<Item = (usize, usize)>,
    ) -> impl Iterator<Item = (usize, regex::Captures<'t>)> + 'a {
        let mut starts: Vec<usize> = Vec::new();
        let found = windows.into_iter().flat_map(|(a, b)| {
            let w = t.get(a..b).unwrap_or("");
            self.cues.find_iter(w).map(move |m| a + m.start())
        });
        for ms in found {
            // a match starting with a letter after a letter is rejected
            if !(self.word_edges && char_before(t, ms).is_some_and(char::is_alphanumeric)) {
                starts.push(ms);
            }
            if self.back > 0 {
                let before = t.get(..ms).unwrap_or("");
                let mut it = before.trim_end_matches(char::is_whitespace).char_indices();
                for _ in 0..self.back {
                    match it.next_back() {
                        Some((k, _)) => starts.push(k),
                        None => break,
                    }
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        let mut pos = 0;
        starts.into_iter().filter_map(move |c| {
            if c < pos {
                return None;
            }
            let rest = t.get(c..)?;
            if self.left_w
                && char_before(t, c).is_some_and(|b| RE_W.is_match(b.encode_utf8(&mut [0; 4])))
            {
                return None;
            }
            let caps = self.re.captures(rest)?;
            let e = c + caps.get(0)?.end();
            if self.word_edges && !on_boundaries(t, c, e) {
                pos = c + char_at(t, c).map_or(1, char::len_utf8);
                return None;
            }
            if !self.word_edges && e == c {
                return None;
            }
            pos = e;
            Some((c, caps))
        })
    }

    /// Match spans.
    pub fn find_iter<'a, 't: 'a>(
        &'a self,
        t: &'t str,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        self.captures_iter(t)
            .filter_map(|(c, caps)| Some((c, c + caps.get(0)?.end())))
    }
}

/// The text with line breaks and tabs as spaces (same byte length), as bytes.
pub fn flat_lines(t: &str) -> Vec<u8> {
    t.bytes()
        .map(|b| {
            if matches!(b, b'\n' | b'\r' | b'\t') {
                b' '
            } else {
                b
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(t: &str, o: NameOpts) -> Option<&str> {
        proper_name(t, 0, o).and_then(|e| t.get(..e))
    }

    #[test]
    fn words_and_names() {
        assert_eq!(word_end("Saint-Etienne Métropole", 0), Some(13));
        assert_eq!(word_end("d'Union", 0), Some(1));
        assert_eq!(word_end("Cors'Éco-Solidaire 2", 0), Some(19));
        let lp = NameOpts {
            lead_prep: true,
            ..Default::default()
        };
        assert_eq!(name("de l'Isère soutient", lp), Some("de l'Isère"));
        assert_eq!(
            name("Caen la Mer, qui", NameOpts::default()),
            Some("Caen la Mer")
        );
        assert_eq!(name("du Val de Drôme en 2012", lp), Some("du Val de Drôme"));
        assert_eq!(
            name("de l'Ardèche méridionale.", lp),
            Some("de l'Ardèche méridionale")
        );
        assert_eq!(
            name("Rhône-Alpes ,", NameOpts::default()),
            Some("Rhône-Alpes")
        );
        assert_eq!(
            name("Caen la\nMer", NameOpts::default()),
            Some("Caen la\nMer")
        );
        assert_eq!(name("Isère\n\nUne", NameOpts::default()), Some("Isère"));
        assert_eq!(name("de la région", lp), None);
    }

    #[test]
    fn prefix_matching() {
        assert_eq!(prefix_ci("RHÔNE-ALPES x", 0, "Rhône-Alpes"), Some(12));
        assert_eq!(prefix_ci("La\nRéunion", 0, "La Réunion"), Some(11));
        assert_eq!(prefix_ci("l’Isère", 0, "l'Isère"), Some(10));
        assert_eq!(prefix_ci("Rhôn", 0, "Rhône"), None);
    }
}
