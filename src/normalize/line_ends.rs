//! CRLF and lone CR → LF (key `crlf`); a leading BOM is stripped (key `bom`).
use super::count;
use crate::doc::Repairs;

pub(crate) fn run(text: &str, repairs: &mut Repairs) -> Option<String> {
    let body = text.strip_prefix('\u{feff}');
    if body.is_some() {
        count(repairs, "bom", 1);
    }
    let body_str = body.unwrap_or(text);
    if !body_str.as_bytes().contains(&b'\r') {
        return body.map(str::to_owned);
    }
    let mut out = String::with_capacity(body_str.len());
    let mut rest = body_str;
    let mut n = 0;
    while let Some(p) = rest.find('\r') {
        out.push_str(&rest[..p]);
        out.push('\n');
        n += 1;
        rest = &rest[p + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    count(repairs, "crlf", n);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_cr() {
        let mut r = Repairs::new();
        assert_eq!(
            run("a\r\nb\rc\n\r\n", &mut r).as_deref(),
            Some("a\nb\nc\n\n")
        );
        assert_eq!(r["crlf"], 3);
        assert_eq!(run("\u{feff}x", &mut r).as_deref(), Some("x"));
        assert_eq!(r["bom"], 1);
        assert_eq!(run("plain\n", &mut r), None);
    }
}
