//! Joining a line with the start of the next one, shared by `hyphenation` and
//! `broken_urls`. The joined word stays on the first line and the line break moves
//! to the first space after it, so the number of lines barely changes.
use std::borrow::Cow;

/// How to join the current line with the next.
pub(crate) struct Join {
    /// Bytes of the current line kept (drops a soft hyphen when shorter than the line).
    pub keep: usize,
    /// Bytes of the next line that end the joined word or URL.
    pub take: usize,
}

/// Runs `decide(current_line, next_line)` over every line break of `text`; returns the
/// joined text and the number of joins, or `None` when nothing was joined.
pub(crate) fn join_lines(
    text: &str,
    mut decide: impl FnMut(&str, &str) -> Option<Join>,
) -> Option<(String, u64)> {
    let mut lines = text.split('\n');
    let mut cur: Cow<str> = Cow::Borrowed(lines.next()?);
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    // a moved line break yields a new line start that is checked again, so a join can
    // never leave a line end that a second run would join (idempotence)
    let mut pending: Option<&str> = None;
    while let Some(next) = pending.take().or_else(|| lines.next()) {
        let joined = decide(&cur, next).and_then(|j| {
            let head = cur.get(..j.keep)?;
            let word = next.get(..j.take)?;
            let rest = next.get(j.take..)?;
            Some((format!("{head}{word}"), rest))
        });
        match joined {
            Some((mut line, rest)) => {
                n += 1;
                match rest.find(' ') {
                    Some(sp) if !rest[sp + 1..].trim().is_empty() => {
                        line.push_str(&rest[..sp]);
                        cur = Cow::Owned(line);
                        pending = Some(&rest[sp + 1..]);
                    }
                    _ => {
                        line.push_str(rest);
                        cur = Cow::Owned(line);
                    }
                }
            }
            None => {
                out.push_str(&cur);
                out.push('\n');
                cur = Cow::Borrowed(next);
            }
        }
    }
    out.push_str(&cur);
    (n > 0).then_some((out, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hy(cur: &str, next: &str) -> Option<Join> {
        let keep = cur.strip_suffix('-')?.len();
        let take = next
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(next.len());
        (take > 0).then_some(Join { keep, take })
    }

    #[test]
    fn break_moves_after_the_word() {
        let (s, n) = join_lines("de dévelop-\npement, dans la\nsuite", hy).unwrap();
        assert_eq!(s, "de développement,\ndans la\nsuite");
        assert_eq!(n, 1);
        let (s, _) = join_lines("a b-\nc\nd", hy).unwrap();
        assert_eq!(s, "a bc\nd");
        let (s, n) = join_lines("x-\ny z-\nw q", hy).unwrap();
        assert_eq!((s.as_str(), n), ("xy\nzw\nq", 2));
        let (s, _) = join_lines("x-\ny   \nz", hy).unwrap();
        assert_eq!(s, "xy   \nz");
        let (s, n) = join_lines("a-\nb- c", hy).unwrap();
        assert_eq!((s.as_str(), n), ("abc", 2));
        assert!(join_lines("rien\nà faire", hy).is_none());
    }
}
