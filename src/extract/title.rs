//! A document's title (`documents.jsonl` `title`): what its opening says the document is.
//!
//! French administrative documents open with the issuer's letterhead (`RÉGION GUADELOUPE`,
//! an address, `Liberté Égalité Fraternité`), then the act itself: its kind (`CONVENTION`,
//! `DÉLIBÉRATION`, `Fiche collectivité`) and, in deliberations, its object (`Objet : …`).
//! Titles are set in short lines, often broken in the middle of a phrase by the layout.
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::contact::{Contacts, STREET_TYPES};
use crate::extract::{Doc, Extractor};
use crate::fr::fold::fold;

/// Lines of the opening searched for an object or an act.
const OPENING_LINES: usize = 15;
/// Lines read at most: a title is in the opening, letterhead included.
const SCANNED_LINES: usize = 200;
/// Longest letterhead line, in bytes: longer lines are text.
const LETTERHEAD_BYTES: usize = 200;
/// Lines a title may run on past the last line of the opening.
const CONTINUATION_LINES: usize = 8;
/// Longest title kept, in characters.
const MAX_CHARS: usize = 160;
/// Longest first line of a title that goes on in the next line.
const BROKEN_TITLE_CHARS: usize = 80;

/// Folded first words of a line that names the act a document is.
const ACT_KINDS: &[&str] = &[
    "accord",
    "appel a manifestation",
    "appel a projets",
    "arrete",
    "avenant",
    "bilan",
    "cahier des charges",
    "charte",
    "compte rendu",
    "contrat",
    "convention",
    "deliberation",
    "feuille de route",
    "fiche",
    "pacte",
    "plan",
    "proces verbal",
    "programme",
    "protocole",
    "rapport",
    "reglement",
    "schema",
    "strategie",
];

/// Folded words a title line cannot end on: the phrase goes on in the next line.
const OPEN_ENDINGS: &[&str] = &[
    "a", "au", "aux", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "par",
    "pour", "relatif", "relative", "sur",
];

/// Folded words a line in capitals opens with when it carries on the line before.
const OPEN_STARTS: &[&str] = &[
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "pour", "portant", "relatif", "relative",
    "sur",
];

/// The title of a normalised text, if it has a line with letters.
pub fn title(text: &str) -> Option<String> {
    let raw: Vec<&str> = text.lines().take(SCANNED_LINES).collect();
    let kept: Vec<usize> = (0..raw.len())
        .filter(|&i| !is_letterhead(raw[i]))
        .take(OPENING_LINES + 1)
        .collect();
    // white space collapsed, as far as a title can run past the last line kept
    let upto = kept
        .last()
        .map_or(0, |&k| k + CONTINUATION_LINES)
        .min(raw.len());
    let lines: Vec<String> = raw[..upto]
        .iter()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let opening = &kept[..kept.len().min(OPENING_LINES)];
    // A deliberation's object is its title.
    for &i in opening {
        if let Some(rest) = object_of(&lines[i]) {
            let (first, next) = if rest.is_empty() {
                match kept.iter().find(|&&k| k > i) {
                    Some(&k) => (lines[k].clone(), k + 1),
                    None => continue,
                }
            } else {
                (rest.to_string(), i + 1)
            };
            return Some(clip(continued(first, &lines, next)));
        }
    }
    for &i in opening {
        let Some(kind_words) = act_kind(&lines[i]) else {
            continue;
        };
        let full = heading_from(&lines, i);
        // A bare kind (`CONVENTION`, `Fiche collectivité`) says what, the next heading of
        // the opening says which.
        if full == lines[i] && lines[i].split_whitespace().count() <= kind_words + 1 {
            let next = kept
                .iter()
                .filter(|&&k| k > i && k <= i + 4)
                .find(|&&k| is_heading(&lines[k]));
            match next {
                Some(&k) => {
                    let first = format!("{} – {}", lines[i], lines[k]);
                    return Some(clip(continued(first, &lines, k + 1)));
                }
                None => continue,
            }
        }
        return Some(clip(full));
    }
    let &i = kept.first()?;
    Some(clip(heading_from(&lines, i)))
}

/// Line `i` with the lines that carry on its phrase, when it is short enough to be a title
/// broken by the layout rather than the first line of a paragraph (PDFs of web pages run
/// their title into the text).
fn heading_from(lines: &[String], i: usize) -> String {
    if lines[i].chars().count() > BROKEN_TITLE_CHARS {
        return lines[i].clone();
    }
    continued(lines[i].clone(), lines, i + 1)
}

/// The rest of an `Objet :` line.
fn object_of(line: &str) -> Option<&str> {
    static OBJECT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?i:objet|obj\.)[ \t]*:[ \t]*").expect("static regex"));
    OBJECT.find(line).map(|m| &line[m.end()..])
}

/// How many words of the line name an act, when it opens with one.
fn act_kind(line: &str) -> Option<usize> {
    let folded = fold(prefix(line, 48));
    ACT_KINDS
        .iter()
        .filter(|k| {
            folded
                .strip_prefix(**k)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        .map(|k| k.split(' ').count())
        .max()
}

/// Letterhead lines: no letters, an address or a contact, a motto, a population figure.
fn is_letterhead(line: &str) -> bool {
    // Parts of an address that go without a street (`BP 1096`, `14027 Caen cedex 9`).
    static POSTAL: LazyLock<Regex> = LazyLock::new(|| {
        // ASCII word boundaries: a Unicode `\b` keeps the regex off its DFA
        Regex::new(r"(?i)(?-u:\b)(?:BP|CS|TSA)[ \t]*[0-9]|(?-u:\b)cedex(?-u:\b)|(?-u:\b)[0-9]{5}[ \t]+\p{Lu}")
            .expect("static regex")
    });
    if line.len() > LETTERHEAD_BYTES {
        return false;
    }
    if !line.chars().any(char::is_alphabetic) || POSTAL.is_match(line) {
        return true;
    }
    let folded = fold(line);
    let mut words = folded.split(' ');
    let street = words
        .next()
        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_digit()))
        && words
            .find(|w| !matches!(*w, "bis" | "ter"))
            .is_some_and(|w| STREET_TYPES.iter().any(|t| fold(t) == w));
    // e-mails, web addresses and phone numbers (nine digits at least)
    let contact = (line.contains('@')
        || line.contains("www")
        || line.contains("http")
        || line.bytes().filter(u8::is_ascii_digit).count() >= 9)
        && {
            let mut contacts = Vec::new();
            Contacts.extract(&Doc { id: "", text: line }, &mut contacts);
            !contacts.is_empty()
        };
    street
        || contact
        || folded == "liberte egalite fraternite"
        || folded.starts_with("hotel de ")
        || folded.starts_with("hotel du ")
        || folded.starts_with("page ")
        || (line.starts_with(|c: char| c.is_ascii_digit()) && folded.contains("habitants"))
}

/// The first `n` bytes of `s` at most, cut on a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A line that can be part of a title: short, not a sentence, not a `Field : value` line.
fn is_heading(line: &str) -> bool {
    line.chars().count() <= 120 && !line.ends_with('.') && !line.contains(" : ")
}

/// The title line with the lines that carry on its phrase: after a line left open (`dans
/// le`, `–`), before a line in lower case or opening with a dash, and a line that is only a
/// period (`2024-2026`).
fn continued(mut title: String, lines: &[String], mut next: usize) -> String {
    while let Some(line) = lines.get(next) {
        if title.chars().count() >= MAX_CHARS || line.is_empty() {
            break;
        }
        let last_word = title.rsplit(' ').next().unwrap_or("");
        let left_open = title.ends_with(['–', '-', ','])
            || fold(last_word)
                .rsplit(' ')
                .next()
                .is_some_and(|w| OPEN_ENDINGS.contains(&w));
        // In capitals the case cannot tell, the first word can (`DE LA CHAMBRE…`).
        let caps = !line.chars().any(char::is_lowercase);
        let carries_on = line.starts_with(char::is_lowercase)
            || line.starts_with(['–', '-'])
            || (caps
                && fold(prefix(line, 24))
                    .split(' ')
                    .next()
                    .is_some_and(|w| OPEN_STARTS.contains(&w)));
        let period_only = line
            .chars()
            .all(|c| c.is_ascii_digit() || "-– ".contains(c));
        if !(left_open || carries_on || period_only) || !is_heading(line) {
            break;
        }
        title.push(' ');
        title.push_str(line);
        next += 1;
    }
    title
}

fn clip(title: String) -> String {
    title.chars().take(MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> String {
        title(text).unwrap_or_default()
    }

    #[test]
    fn first_line_with_letters_by_default() {
        assert_eq!(
            t("\n \n  La région   Rhône Alpes \n\nL'économie sociale et solidaire fait partie."),
            "La région Rhône Alpes"
        );
        assert_eq!(title("123\n"), None);
        assert_eq!(title(""), None);
    }

    #[test]
    fn a_deliberation_is_titled_by_its_object() {
        let text = "COMMUNAUTÉ URBAINE CAEN LA MER\n16 rue Rosa Parks – CS 52700 – 14027 Caen cedex 9\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE\nSéance du jeudi 28 mars 2024\n\nDélibération n° C-24-047\nObjet : Économie sociale et solidaire – Appel à projets « Caen la Mer Solidaire » 2024\n";
        assert_eq!(
            t(text),
            "Économie sociale et solidaire – Appel à projets « Caen la Mer Solidaire » 2024"
        );
        let caps = "RÉGION GUADELOUPE\nCONSEIL RÉGIONAL\nDÉLIBÉRATION N° CP/24-0317\nOBJET : AIDE RÉGIONALE AUX STRUCTURES DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE (ARSESS)\n– ATTRIBUTION DE SUBVENTIONS – PREMIÈRE PROGRAMMATION 2024\nMembres en exercice : 21";
        assert_eq!(
            t(caps),
            "AIDE RÉGIONALE AUX STRUCTURES DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE (ARSESS) – ATTRIBUTION DE SUBVENTIONS – PREMIÈRE PROGRAMMATION 2024"
        );
    }

    #[test]
    fn the_act_comes_before_the_letterhead() {
        let text = "RÉGION CENTRE-VAL DE LOIRE\nDirection de l'Économie – Service Économie sociale et solidaire\n\nCONVENTION PLURIANNUELLE D'OBJECTIFS 2024-2026\nrelative au soutien régional à la finance solidaire\nen faveur des entreprises de l'ESS\n\nConvention n° ESS-24-0318";
        assert_eq!(
            t(text),
            "CONVENTION PLURIANNUELLE D'OBJECTIFS 2024-2026 relative au soutien régional à la finance solidaire en faveur des entreprises de l'ESS"
        );
        let agrement = "PRÉFET DE LA MARTINIQUE\nLiberté Égalité Fraternité\nCOLLECTIVITÉ TERRITORIALE DE MARTINIQUE\n\nCONVENTION D'AGRÉMENT\nDE LA CHAMBRE RÉGIONALE DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE DE MARTINIQUE\n2024-2026\n\nEntre";
        assert_eq!(
            t(agrement),
            "CONVENTION D'AGRÉMENT DE LA CHAMBRE RÉGIONALE DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE DE MARTINIQUE 2024-2026"
        );
    }

    #[test]
    fn a_title_broken_by_the_layout_is_joined() {
        assert_eq!(
            t(" Programme d’intervention dans le \nchamp de l’ESS\nLa Région Rhône-Alpes mène une politique ambitieuse dans ce secteur \n"),
            "Programme d’intervention dans le champ de l’ESS"
        );
        assert_eq!(
            t("FEUILLE DE ROUTE TERRITORIALE DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE EN GUYANE\n2024-2027\n\nÉtat – Collectivité"),
            "FEUILLE DE ROUTE TERRITORIALE DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE EN GUYANE 2024-2027"
        );
    }

    #[test]
    fn a_bare_kind_takes_the_next_heading() {
        assert_eq!(
            t("\n \n    \n  \nCONVENTION  \n\nCONTRAT ECONOMIQUE SECTORIEL \n\nECONOMIE SOCIALE ET SOLIDAIRE 2014-2016 \n"),
            "CONVENTION – CONTRAT ECONOMIQUE SECTORIEL"
        );
        assert_eq!(
            t("Fiche collectivité\n\nRÉGION RÉUNION\nHôtel de Région Pierre-Lagourgue – Avenue René Cassin – Moufia\nBP 67190 – 97801 Saint-Denis Cedex 9\n"),
            "Fiche collectivité – RÉGION RÉUNION"
        );
        // Nothing but letterhead after it: the first line stays the title.
        assert_eq!(
            t("Collectivité de Corse – Cullettività di Corsica\n\nFiche collectivité\n\nHôtel de la Collectivité de Corse\n22 cours Grandval – BP 215 – 20187 Ajaccio cedex 1\n343 700 habitants – 360 communes\n"),
            "Collectivité de Corse – Cullettività di Corsica"
        );
    }

    #[test]
    fn addresses_and_figures_are_letterhead() {
        let text = " 7 rue Fantin Latour BP 1096 \n 1 229 800 habitants\nBudget 2014 consacré à l’ESS : 268 000 €\n\nProgramme d’intervention dans le champ de l’ESS\nEn 2012, le Département de l’Isère a été un des premiers Conseils généraux à avoir \n";
        assert_eq!(t(text), "Programme d’intervention dans le champ de l’ESS");
        assert!(is_letterhead(
            "16 rue Rosa Parks – CS 52700 – 14027 Caen cedex 9"
        ));
        assert!(is_letterhead("Tél. 04 76 00 38 38 – contact@cress.fr"));
        assert!(!is_letterhead("Région Centre-Val de Loire"));
    }

    #[test]
    fn a_paragraph_is_not_joined() {
        assert_eq!(
            t("Budget annuel consacré à l’ESS - 2 Chargées de mission économie sociale et solidaire à la direction du\ndéveloppement économique - Budget total : 350 000 €"),
            "Budget annuel consacré à l’ESS - 2 Chargées de mission économie sociale et solidaire à la direction du"
        );
    }

    #[test]
    fn titles_are_clipped() {
        let long = format!("Rapport {}", "très long ".repeat(40));
        assert_eq!(t(&long).chars().count(), MAX_CHARS);
    }
}
