//! Base encodings, glyph-name resolution (AGL, `uniXXXX`, `uXXXX`, `f_f_i`) and base-14 widths.
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

static GLYPHLIST: &str = include_str!("../../../data/pdf/glyphlist.txt");
static ENCODINGS: &str = include_str!("../../../data/pdf/encodings.txt");
static BASE14: &str = include_str!("../../../data/pdf/base14_widths.txt");

static AGL: LazyLock<FxHashMap<&'static str, char>> = LazyLock::new(|| {
    let mut map = FxHashMap::default();
    for line in GLYPHLIST.lines().filter(|l| !l.starts_with('#')) {
        if let Some((name, hex)) = line.split_once(';') {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                map.insert(name, c);
            }
        }
    }
    map
});

/// A base encoding: code → character.
pub type Table = [Option<char>; 256];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    Standard,
    MacRoman,
    WinAnsi,
    PdfDoc,
}

static TABLES: LazyLock<[Table; 4]> = LazyLock::new(|| {
    let mut t = [[None; 256]; 4];
    for line in ENCODINGS.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.split(';');
        let (Some(enc), Some(code), Some(hex)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let idx = match enc {
            "Standard" => 0,
            "MacRoman" => 1,
            "WinAnsi" => 2,
            "PDFDoc" => 3,
            _ => continue,
        };
        let code: usize = match code.parse() {
            Ok(c) if c < 256 => c,
            _ => continue,
        };
        if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            if let Some(row) = t.get_mut(idx) {
                if let Some(slot) = row.get_mut(code) {
                    *slot = Some(c);
                }
            }
        }
    }
    t
});

pub fn base_table(base: Base) -> &'static Table {
    let t = &*TABLES;
    match base {
        Base::Standard => &t[0],
        Base::MacRoman => &t[1],
        Base::WinAnsi => &t[2],
        Base::PdfDoc => &t[3],
    }
}

pub fn base_from_name(name: &[u8]) -> Option<Base> {
    match name {
        b"StandardEncoding" => Some(Base::Standard),
        b"MacRomanEncoding" | b"MacExpertEncoding" => Some(Base::MacRoman),
        b"WinAnsiEncoding" => Some(Base::WinAnsi),
        b"PDFDocEncoding" => Some(Base::PdfDoc),
        _ => None,
    }
}

fn hex_chars(hex: &str, out: &mut String) -> bool {
    if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    match u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
        Some(c) => {
            out.push(c);
            true
        }
        None => false,
    }
}

fn resolve_component(name: &str, out: &mut String) -> bool {
    if let Some(&c) = AGL.get(name) {
        out.push(c);
        return true;
    }
    if let Some(hex) = name.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let start = out.len();
            for i in (0..hex.len()).step_by(4) {
                if !hex.get(i..i + 4).is_some_and(|h| hex_chars(h, out)) {
                    out.truncate(start);
                    return false;
                }
            }
            return true;
        }
    }
    if let Some(hex) = name.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) {
            return hex_chars(hex, out);
        }
    }
    false
}

/// Resolves one glyph name to text; `None` for `.notdef` and unknown names.
pub fn glyph_name_to_text(name: &str) -> Option<String> {
    if name.is_empty() || name == ".notdef" {
        return None;
    }
    let mut out = String::new();
    if resolve_component(name, &mut out) {
        return Some(out);
    }
    // Strip a suffix (`a.sc`, `one.oldstyle`).
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    out.clear();
    if base.contains('_') {
        for part in base.split('_') {
            if !resolve_component(part, &mut out) {
                return None;
            }
        }
        return Some(out);
    }
    if base != name && resolve_component(base, &mut out) {
        return Some(out);
    }
    None
}

static WIDTHS: LazyLock<FxHashMap<&'static str, FxHashMap<char, f32>>> = LazyLock::new(|| {
    let mut map: FxHashMap<&'static str, FxHashMap<char, f32>> = FxHashMap::default();
    for line in BASE14.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.split(';');
        let (Some(font), Some(hex), Some(w)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Some(c), Ok(w)) = (
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
            w.parse::<f32>(),
        ) else {
            continue;
        };
        map.entry(font).or_default().insert(c, w);
    }
    map
});

/// The base-14 font a `/BaseFont` name stands for (subset tag and common aliases handled).
pub fn base14_name(base_font: &str) -> Option<&'static str> {
    let name = match base_font.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 => rest,
        _ => base_font,
    };
    let (family, style) = match name.split_once([',', '-']) {
        Some((f, s)) => (f, s),
        None => (name, ""),
    };
    let style = style.to_ascii_lowercase();
    let bold = style.contains("bold");
    let italic = style.contains("italic") || style.contains("oblique");
    let fam = family.to_ascii_lowercase();
    let pick = |r: &'static str, b: &'static str, i: &'static str, bi: &'static str| match (
        bold, italic,
    ) {
        (false, false) => r,
        (true, false) => b,
        (false, true) => i,
        (true, true) => bi,
    };
    Some(match fam.as_str() {
        "times" | "timesnewroman" | "timesnewromanps" | "timesnewromanpsmt" => pick(
            "Times-Roman",
            "Times-Bold",
            "Times-Italic",
            "Times-BoldItalic",
        ),
        "helvetica" | "arial" | "arialmt" => pick(
            "Helvetica",
            "Helvetica-Bold",
            "Helvetica-Oblique",
            "Helvetica-BoldOblique",
        ),
        "courier" | "couriernew" | "couriernewpsmt" => pick(
            "Courier",
            "Courier-Bold",
            "Courier-Oblique",
            "Courier-BoldOblique",
        ),
        "symbol" => "Symbol",
        "zapfdingbats" => "ZapfDingbats",
        _ => return None,
    })
}

/// Width (1/1000 em) of the first character of `text` in a base-14 font.
pub fn base14_width(font: &str, text: &str) -> Option<f32> {
    let c = text.chars().next()?;
    WIDTHS.get(font)?.get(&c).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(glyph_name_to_text("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_name_to_text("uni00E9").as_deref(), Some("é"));
        assert_eq!(glyph_name_to_text("uni00660069").as_deref(), Some("fi"));
        assert_eq!(glyph_name_to_text("u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_to_text("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_name_to_text("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_name_to_text(".notdef"), None);
        assert_eq!(glyph_name_to_text("g123"), None);
        assert_eq!(base_table(Base::WinAnsi)[0xE9], Some('é'));
        assert_eq!(base_table(Base::Standard)[0x27], Some('’'));
        assert_eq!(base14_name("ABCDEF+Times-Roman"), Some("Times-Roman"));
        assert_eq!(base14_width("Times-Roman", "a"), Some(444.0));
    }
}
