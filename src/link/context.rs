//! Text structure of one document, computed once: lines, sentences, headings and
//! articles, with binary-search look-ups so that link rules stay linear in the text.
use std::sync::LazyLock;

use regex::Regex;

/// A byte span `(start, end)` of the text.
pub type Span = (usize, usize);

/// What kind of heading a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadingKind {
    /// `Article 3 : Participation de la Région`, `Article 4 – Montant …`: opens an article
    /// that runs to the next article heading.
    Article,
    /// Numbered or coded section titles: `4.1 Participation de l'État`, `1. CONTEXTE`,
    /// `Action n°2 – …`, `Orientation 1 – …`, `Fiche T1 – …`, `Axe 2 : …`.
    Numbered,
    /// A short stand-alone line: `Moyens consacrés à l'ESS`, `NOS RESSOURCES EN 2024`.
    Title,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub span: Span,
    pub kind: HeadingKind,
}

/// Lines, sentences and headings of a document.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Every line, without its `\n`, in order.
    pub lines: Vec<Span>,
    /// Sentences (or list items, table rows, headings), in order, not overlapping.
    pub sentences: Vec<Span>,
    /// Heading lines, in order.
    pub headings: Vec<Heading>,
    /// Which lines are list items (`- …`, `• …`, `1) …`).
    bullets: Vec<bool>,
}

// A line that opens an article of a convention or deliberation.
static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:article)\s+\d+(?:\.\d+)?\s*(?:[:.–—-]|$)").expect("re"));
// Numbered or coded section titles.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?\s+\p{Lu}",
        r"|(?i:action|orientation|axe|fiche|mesure|volet|titre|chapitre|partie)",
        r"(?:\s*n\s*°\s*|\s+)[A-Z]?\d+(?:\.\d+)*\s*(?:[:.–—-]|$))"
    ))
    .expect("re")
});
// A list item: a bullet or a short enumerator at the start of the line.
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[-•*–—▪►>|]\s|\d{1,2}\)\s|[a-z]\)\s)").expect("re"));

/// The ASCII first chars, lower-cased, of [`BULLET`] and [`NUMBERED`] matches other than
/// digits (a line opening with a char that is not ASCII is tried too: `\d` takes any
/// decimal digit).
const BULLET_FIRST: &[u8] = b"-*>|abcdefghijklmnopqrstuvwxyz";
const NUMBERED_FIRST: &[u8] = b"aofmvtcp";

/// Abbreviations whose final dot does not end a sentence.
const ABBREVIATIONS: &[&str] = &["n", "no", "art", "cf", "p", "pp", "M", "Mme", "av", "bd"];

/// The trimmed span of a line (spaces and tabs off both ends).
fn trim_span(text: &str, (s, e): Span) -> Span {
    let line = text.get(s..e).unwrap_or("");
    let lead = line.len() - line.trim_start().len();
    let trail = line.len() - line.trim_end().len();
    if lead + trail >= line.len() {
        (s, s)
    } else {
        (s + lead, e - trail)
    }
}

impl Context {
    pub fn new(text: &str) -> Context {
        let mut lines = Vec::new();
        let mut start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                lines.push((start, i));
                start = i + 1;
            }
        }
        lines.push((start, text.len()));
        let mut headings = Vec::new();
        let mut heading_line = vec![false; lines.len()];
        let mut bullets = vec![false; lines.len()];
        for (k, &l) in lines.iter().enumerate() {
            let (s, e) = trim_span(text, l);
            let t = text.get(s..e).unwrap_or("");
            if t.is_empty() {
                continue;
            }
            // the line's first char decides whether a rule can match (a regex call per line
            // costs more than the rest of the layout)
            let first = t.as_bytes().first().copied().unwrap_or(b' ');
            let (ascii, lower) = (first.is_ascii(), first.to_ascii_lowercase());
            bullets[k] = (!ascii || first.is_ascii_digit() || BULLET_FIRST.contains(&lower))
                && BULLET.is_match(t);
            let kind = if lower == b'a' && ARTICLE.is_match(t) {
                Some(HeadingKind::Article)
            } else if (!ascii || first.is_ascii_digit() || NUMBERED_FIRST.contains(&lower))
                && NUMBERED.is_match(t)
            {
                Some(HeadingKind::Numbered)
            } else if !bullets[k] && is_title_line(t) {
                Some(HeadingKind::Title)
            } else {
                None
            };
            if let Some(kind) = kind {
                heading_line[k] = true;
                headings.push(Heading { span: (s, e), kind });
            }
        }
        let sentences = split_sentences(text, &lines, &heading_line, &bullets);
        Context {
            lines,
            sentences,
            headings,
            bullets,
        }
    }

    fn index_at(spans: &[Span], pos: usize) -> Option<usize> {
        let k = spans.partition_point(|&(s, _)| s <= pos);
        k.checked_sub(1)
    }

    /// Index of the line holding byte `pos`.
    pub fn line_index(&self, pos: usize) -> usize {
        Self::index_at(&self.lines, pos).unwrap_or(0)
    }

    /// The line holding byte `pos`.
    pub fn line_at(&self, pos: usize) -> Span {
        self.lines
            .get(self.line_index(pos))
            .copied()
            .unwrap_or((0, 0))
    }

    /// Whether the line holding `pos` is a list item.
    pub fn is_bullet(&self, pos: usize) -> bool {
        self.bullets
            .get(self.line_index(pos))
            .copied()
            .unwrap_or(false)
    }

    /// Index of the sentence holding byte `pos`.
    pub fn sentence_index(&self, pos: usize) -> Option<usize> {
        let k = Self::index_at(&self.sentences, pos)?;
        let (_, e) = *self.sentences.get(k)?;
        (pos <= e).then_some(k)
    }

    /// The sentence holding byte `pos` (or the empty span at `pos` between sentences).
    pub fn sentence_at(&self, pos: usize) -> Span {
        self.sentence_index(pos)
            .and_then(|k| self.sentences.get(k).copied())
            .unwrap_or((pos, pos))
    }

    /// Headings that start before `pos`, nearest first.
    pub fn headings_before(&self, pos: usize) -> impl Iterator<Item = &Heading> {
        let k = self.headings.partition_point(|h| h.span.0 <= pos);
        self.headings.get(..k).unwrap_or(&[]).iter().rev()
    }

    /// The article holding `pos`: from its `Article N` heading to the next one (or the end).
    pub fn article_at(&self, pos: usize, text_len: usize) -> Option<Span> {
        let start = self
            .headings_before(pos)
            .find(|h| h.kind == HeadingKind::Article)?
            .span
            .0;
        let end = self
            .headings
            .iter()
            .skip(self.headings.partition_point(|h| h.span.0 <= pos))
            .find(|h| h.kind == HeadingKind::Article)
            .map_or(text_len, |h| h.span.0);
        Some((start, end))
    }

    /// For a list item or table row, the sentence that announces the list (it ends with
    /// `:`), looking back over the list's items and rows without crossing a heading.
    pub fn list_intro(&self, text: &str, pos: usize) -> Option<Span> {
        let k = self.sentence_index(pos)?;
        // only an item (`- …`) or a row (a short line that ends with its sum) has an intro
        let (s0, e0) = *self.sentences.get(k)?;
        let own = text.get(s0..e0).unwrap_or("").trim_end();
        let is_row = own.len() < 160 && own.ends_with('€');
        if !self.is_bullet(s0) && !is_row {
            return None;
        }
        let mut budget = 40;
        for j in (0..k).rev() {
            let (s, e) = *self.sentences.get(j)?;
            let t = text.get(s..e).unwrap_or("").trim_end();
            if t.ends_with(':') {
                return Some((s, e));
            }
            // a table's header row is a title line: only a section heading stops the search
            let is_section = self
                .headings
                .binary_search_by_key(&s, |h| h.span.0)
                .ok()
                .and_then(|i| self.headings.get(i))
                .is_some_and(|h| h.kind != HeadingKind::Title);
            budget -= 1;
            if budget == 0 || is_section {
                return None;
            }
            // only items and rows may lie between a list and its intro
            if !self.is_bullet(s) && !t.contains('€') && !t.is_empty() && t.len() > 200 {
                return None;
            }
        }
        None
    }
}

/// A short line that stands alone as a title: no sentence punctuation at its end.
fn is_title_line(t: &str) -> bool {
    // `(Source : panoramas des CRESS, données 2022)` under a title belongs to it
    let first_upper = t
        .trim_start_matches('(')
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase());
    let last = t.chars().next_back().unwrap_or('.');
    first_upper && t.len() <= 90 && !matches!(last, '.' | ',' | ';' | ':') && !t.contains('€')
}

/// Sentences: ends at `.!?` before a space, at a line that starts a list item or is a
/// heading, at a blank line, and at a line break after a line that ends a clause or is short.
fn split_sentences(text: &str, lines: &[Span], heading: &[bool], bullet: &[bool]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let bytes = text.as_bytes();
    let mut prev_line: Option<(usize, Span)> = None;
    for (k, &l) in lines.iter().enumerate() {
        let (s, e) = trim_span(text, l);
        if s == e {
            // blank line
            if let (Some(cs), Some((_, pl))) = (cur.take(), prev_line) {
                out.push((cs, pl.1));
            }
            prev_line = None;
            continue;
        }
        let t = text.get(s..e).unwrap_or("");
        let starts_lower = t.chars().next().is_some_and(|c| c.is_lowercase());
        if let (Some(cs), Some((pk, pl))) = (cur, prev_line) {
            let pt = text.get(pl.0..pl.1).unwrap_or("");
            let last = pt.chars().next_back().unwrap_or('.');
            // a long heading line is an article's first sentence wrapped onto the next line
            let continues = starts_lower || t.starts_with(|c: char| c.is_ascii_digit());
            let prev_heading_ends =
                heading.get(pk).copied().unwrap_or(false) && (pt.len() < 60 || !continues);
            let breaks = heading.get(k).copied().unwrap_or(false)
                || bullet.get(k).copied().unwrap_or(false)
                || prev_heading_ends
                || (!starts_lower
                    && (matches!(last, '.' | '!' | '?' | ':' | ';' | '€' | ')')
                        || last.is_ascii_digit()
                        || pt.len() < 50));
            if breaks {
                out.push((cs, pl.1));
                cur = None;
            }
        }
        // sentence ends inside the line
        let mut i = s;
        while i < e {
            let b = bytes.get(i).copied().unwrap_or(b' ');
            if cur.is_none() && !b.is_ascii_whitespace() {
                cur = Some(i);
            }
            if matches!(b, b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace())
                && !is_abbreviation(text, cur.unwrap_or(s), i)
            {
                if let Some(cs) = cur.take() {
                    out.push((cs, i + 1));
                }
            }
            i += 1;
        }
        prev_line = Some((k, (s, e)));
        if cur.is_none() {
            prev_line = Some((k, (s, e)));
        }
    }
    if let (Some(cs), Some((_, pl))) = (cur, prev_line) {
        out.push((cs, pl.1.max(cs)));
    }
    out.retain(|&(s, e)| e > s);
    out
}

/// Whether the dot at `dot` closes an abbreviation (`n.`, `M.`, `art.`) or an initial.
fn is_abbreviation(text: &str, from: usize, dot: usize) -> bool {
    let before = text.get(from..dot).unwrap_or("");
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    ABBREVIATIONS.contains(&word)
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        Context::new(text)
            .sentences
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_on_stops_bullets_and_headings() {
        let text = "Article 4 – Montant de la participation régionale\nPour la réalisation du programme, la Région attribue une subvention de 585 000 €, répartie comme suit :\n- 190 000 € au titre de l'année 2024 ;\n- 195 000 € au titre de l'année 2025.\nLa suite. Et encore";
        assert_eq!(
            sentences(text),
            vec![
                "Article 4 – Montant de la participation régionale",
                "Pour la réalisation du programme, la Région attribue une subvention de 585 000 €, répartie comme suit :",
                "- 190 000 € au titre de l'année 2024 ;",
                "- 195 000 € au titre de l'année 2025.",
                "La suite.",
                "Et encore"
            ]
        );
        let c = Context::new(text);
        assert_eq!(c.headings[0].kind, HeadingKind::Article);
        assert_eq!(c.headings[0].span.0, 0);
        let pos = text.find("195 000").unwrap();
        let intro = c.list_intro(text, pos).unwrap();
        assert!(text[intro.0..intro.1].starts_with("Pour la réalisation"));
        assert_eq!(c.article_at(pos, text.len()).map(|a| a.0), Some(0));
    }

    #[test]
    fn wrapped_lines_stay_in_one_sentence() {
        let text = "La mise en œuvre du deuxième contrat sectoriel a représenté un financement total de 34 M€ sur\nla période 2011-2013, dont 7,6 M€ pour la Région et 3,4 M€ pour\nl’Etat. Ce contrat a renforcé l’image de Rhône-Alpes.";
        let s = sentences(text);
        assert_eq!(s.len(), 2);
        assert!(s[0].ends_with("l’Etat."));
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences("Délibération n. 12 du Conseil. M. Dupont signe."),
            vec!["Délibération n. 12 du Conseil.", "M. Dupont signe."]
        );
    }
}
