//! A small ToUnicode / encoding CMap parser: codespace ranges, bfchar, bfrange (incl. arrays).
use rustc_hash::FxHashMap;

/// Upper bound on the mappings one CMap may expand to.
const MAX_ENTRIES: usize = 200_000;

#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// (byte length, low, high)
    pub codespaces: Vec<(u8, u32, u32)>,
    map: FxHashMap<u32, String>,
}

enum Tok<'a> {
    Hex(Vec<u8>),
    Word(&'a [u8]),
    Open,
    Close,
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Lexer<'a> {
    fn next_tok(&mut self) -> Option<Tok<'a>> {
        loop {
            let b = *self.s.get(self.i)?;
            match b {
                b'%' => {
                    while let Some(&c) = self.s.get(self.i) {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        self.i += 1;
                    }
                }
                b'<' if self.s.get(self.i + 1) == Some(&b'<') => self.i += 2,
                b'>' => self.i += 1,
                b'<' => {
                    self.i += 1;
                    let mut digits = Vec::new();
                    while let Some(&c) = self.s.get(self.i) {
                        self.i += 1;
                        if c == b'>' {
                            break;
                        }
                        if let Some(d) = (c as char).to_digit(16) {
                            digits.push(d as u8);
                        }
                    }
                    if digits.len() % 2 == 1 {
                        digits.push(0);
                    }
                    let bytes = digits.chunks(2).map(|p| (p[0] << 4) | p[1]).collect();
                    return Some(Tok::Hex(bytes));
                }
                b'[' => {
                    self.i += 1;
                    return Some(Tok::Open);
                }
                b']' => {
                    self.i += 1;
                    return Some(Tok::Close);
                }
                b'(' => {
                    // Literal strings are not used in ToUnicode maps; skip balanced.
                    let mut depth = 0usize;
                    while let Some(&c) = self.s.get(self.i) {
                        self.i += 1;
                        match c {
                            b'\\' => self.i += 1,
                            b'(' => depth += 1,
                            b')' => {
                                depth = depth.saturating_sub(1);
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                c if c.is_ascii_whitespace() || c == 0 => self.i += 1,
                _ => {
                    let start = self.i;
                    while let Some(&c) = self.s.get(self.i) {
                        if c.is_ascii_whitespace() || b"<>[]()%/{}".contains(&c) && self.i > start {
                            break;
                        }
                        self.i += 1;
                    }
                    return Some(Tok::Word(self.s.get(start..self.i).unwrap_or_default()));
                }
            }
        }
    }
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | b as u32)
}

fn utf16_to_string(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| match p {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => *a as u16,
            _ => 0,
        })
        .collect();
    char::decode_utf16(units).filter_map(Result::ok).collect()
}

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer { s: data, i: 0 };
        // Operands collected since the last keyword.
        let mut stack: Vec<Tok> = Vec::new();
        let mut mode = 0u8; // 1 codespace, 2 bfchar, 3 bfrange
        while let Some(tok) = lx.next_tok() {
            match tok {
                Tok::Word(w) => {
                    match w {
                        b"begincodespacerange" => mode = 1,
                        b"beginbfchar" | b"begincidchar" => mode = 2,
                        b"beginbfrange" | b"begincidrange" => mode = 3,
                        b"endcodespacerange" | b"endbfchar" | b"endbfrange" | b"endcidchar"
                        | b"endcidrange" => mode = 0,
                        _ => {
                            // A number (cid operand) counts as an operand in cid sections.
                            if mode >= 2 && w.first().is_some_and(u8::is_ascii_digit) {
                                stack.push(Tok::Word(w));
                                cmap.flush(mode, &mut stack);
                            }
                            continue;
                        }
                    }
                    stack.clear();
                }
                Tok::Open => {
                    // Array form of bfrange: collect hex strings until ']'.
                    let mut items = Vec::new();
                    while let Some(t) = lx.next_tok() {
                        match t {
                            Tok::Hex(h) => items.push(h),
                            Tok::Close => break,
                            _ => {}
                        }
                    }
                    if mode == 3 && stack.len() == 2 {
                        if let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) =
                            (stack.first(), stack.get(1))
                        {
                            let (lo, hi) = (code_of(lo), code_of(hi));
                            for (k, dst) in items.iter().enumerate() {
                                let code = lo.saturating_add(k as u32);
                                if code > hi || cmap.map.len() >= MAX_ENTRIES {
                                    break;
                                }
                                cmap.map.insert(code, utf16_to_string(dst));
                            }
                        }
                    }
                    stack.clear();
                }
                Tok::Close => stack.clear(),
                Tok::Hex(h) => {
                    stack.push(Tok::Hex(h));
                    cmap.flush(mode, &mut stack);
                }
            }
        }
        cmap
    }

    fn flush(&mut self, mode: u8, stack: &mut Vec<Tok>) {
        match (mode, stack.as_slice()) {
            (1, [Tok::Hex(lo), Tok::Hex(hi)]) => {
                let len = lo.len().clamp(1, 4) as u8;
                self.codespaces.push((len, code_of(lo), code_of(hi)));
                stack.clear();
            }
            (2, [Tok::Hex(src), Tok::Hex(dst)]) => {
                if self.map.len() < MAX_ENTRIES {
                    self.map.insert(code_of(src), utf16_to_string(dst));
                }
                stack.clear();
            }
            (2, [Tok::Hex(_), Tok::Word(_)]) => stack.clear(),
            (3, [Tok::Hex(lo), Tok::Hex(hi), Tok::Hex(dst)]) => {
                let (lo, hi) = (code_of(lo), code_of(hi));
                let mut units: Vec<u16> = dst
                    .chunks(2)
                    .map(|p| match p {
                        [a, b] => u16::from_be_bytes([*a, *b]),
                        [a] => *a as u16,
                        _ => 0,
                    })
                    .collect();
                if units.is_empty() {
                    units.push(0);
                }
                let mut code = lo;
                while code <= hi && self.map.len() < MAX_ENTRIES {
                    let s: String = char::decode_utf16(units.iter().copied())
                        .filter_map(Result::ok)
                        .collect();
                    self.map.insert(code, s);
                    if let Some(last) = units.last_mut() {
                        *last = last.wrapping_add(1);
                    }
                    match code.checked_add(1) {
                        Some(c) => code = c,
                        None => break,
                    }
                }
                stack.clear();
            }
            (3, [Tok::Hex(_), Tok::Hex(_), Tok::Word(_)]) => stack.clear(),
            (_, s) if s.len() >= 3 => stack.clear(),
            _ => {}
        }
    }

    pub fn get(&self, code: u32) -> Option<&str> {
        self.map.get(&code).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Length of the code at the start of `bytes` according to the codespace ranges.
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        for n in 1..=4usize {
            let Some(prefix) = bytes.get(..n) else { break };
            let c = code_of(prefix);
            if self
                .codespaces
                .iter()
                .any(|&(len, lo, hi)| len as usize == n && lo <= c && c <= hi)
            {
                return Some(n);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bfchar_and_ranges() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0010> <00660069> endbfchar\n\
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<00E9> <00E8>] endbfrange\n\
            endcmap";
        let c = CMap::parse(src);
        assert_eq!(c.get(3), Some(" "));
        assert_eq!(c.get(0x10), Some("fi"));
        assert_eq!(c.get(0x22), Some("C"));
        assert_eq!(c.get(0x31), Some("è"));
        assert_eq!(c.code_len(&[0, 3]), Some(2));
    }
}
