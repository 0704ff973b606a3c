//! Fonts: decoding of string bytes to text and glyph widths.
use super::cmap::CMap;
use super::encoding::{self, Base};
use super::util::{deref, name_of, num};
use lopdf::{Dictionary, Document, Object};
use rustc_hash::FxHashMap;

/// Cap on the decompressed size of a ToUnicode / encoding CMap.
const MAX_CMAP_BYTES: usize = 4 << 20;

#[derive(Debug)]
enum Kind {
    Simple {
        codes: Box<[Option<String>; 256]>,
        widths: Box<[f32; 256]>,
    },
    Composite {
        /// Encoding CMap when not Identity: gives the code lengths.
        encoding: Option<CMap>,
        widths: FxHashMap<u32, f32>,
        ranges: Vec<(u32, u32, f32)>,
        dw: f32,
    },
}

#[derive(Debug)]
pub struct Font {
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Glyph space to text space (0.001 except Type3).
    pub scale: f32,
}

/// One decoded code of a string.
pub struct Code<'a> {
    pub text: Option<&'a str>,
    /// Width in glyph units (multiply by `Font::scale`).
    pub width: f32,
    /// Single-byte code 32 (Tw applies).
    pub word_space: bool,
}

fn stream_bytes(doc: &Document, obj: &Object) -> Option<Vec<u8>> {
    let stream = deref(doc, obj).as_stream().ok()?;
    stream
        .decompressed_content_with_limit(MAX_CMAP_BYTES)
        .ok()
        .or_else(|| (stream.content.len() <= MAX_CMAP_BYTES).then(|| stream.content.clone()))
}

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = dict
            .get(b"Subtype")
            .ok()
            .and_then(name_of)
            .unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o))
            .map(|b| CMap::parse(&b))
            .filter(|c| !c.is_empty());
        if subtype == b"Type0" {
            return Font::load_type0(doc, dict, to_unicode);
        }
        let mut scale = 0.001;
        if subtype == b"Type3" {
            if let Ok(Object::Array(m)) = dict.get(b"FontMatrix").map(|o| deref(doc, o)) {
                if let Some(a) = m.first().and_then(|o| num(deref(doc, o))) {
                    if a.is_finite() && a.abs() > 1e-9 && a.abs() < 1e3 {
                        scale = a.abs();
                    }
                }
            }
        }
        let base_font = dict
            .get(b"BaseFont")
            .ok()
            .and_then(|o| name_of(deref(doc, o)))
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let base14 = encoding::base14_name(&base_font);

        // Encoding: base + Differences.
        let default_base = if subtype == b"TrueType" {
            Base::WinAnsi
        } else {
            Base::Standard
        };
        let mut base = default_base;
        let mut differences: Option<&Vec<Object>> = None;
        if let Ok(enc) = dict.get(b"Encoding") {
            match deref(doc, enc) {
                Object::Name(n) => base = encoding::base_from_name(n).unwrap_or(default_base),
                Object::Dictionary(d) => {
                    if let Some(b) = d
                        .get(b"BaseEncoding")
                        .ok()
                        .and_then(|o| name_of(deref(doc, o)))
                        .and_then(encoding::base_from_name)
                    {
                        base = b;
                    }
                    if let Ok(Object::Array(a)) = d.get(b"Differences").map(|o| deref(doc, o)) {
                        differences = Some(a);
                    }
                }
                _ => {}
            }
        }
        let table = encoding::base_table(base);
        let mut codes: Box<[Option<String>; 256]> = Box::new(std::array::from_fn(|i| {
            table.get(i).copied().flatten().map(String::from)
        }));
        if let Some(diffs) = differences {
            let mut code: i64 = -1;
            for item in diffs {
                match deref(doc, item) {
                    Object::Integer(i) => code = *i,
                    Object::Real(r) => code = *r as i64,
                    Object::Name(n) => {
                        if (0..256).contains(&code) {
                            let name = String::from_utf8_lossy(n);
                            if let Some(slot) = codes.get_mut(code as usize) {
                                *slot = encoding::glyph_name_to_text(&name);
                            }
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        if let Some(tu) = &to_unicode {
            for (i, slot) in codes.iter_mut().enumerate() {
                if let Some(t) = tu.get(i as u32) {
                    *slot = Some(t.to_string());
                }
            }
        }

        // Widths.
        let missing = dict
            .get(b"FontDescriptor")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok())
            .and_then(|fd| fd.get(b"MissingWidth").ok())
            .and_then(|o| num(deref(doc, o)))
            .filter(|w| *w > 0.0);
        let mut widths = Box::new([f32::NAN; 256]);
        if let Ok(Object::Array(ws)) = dict.get(b"Widths").map(|o| deref(doc, o)) {
            let first = dict
                .get(b"FirstChar")
                .ok()
                .and_then(|o| num(deref(doc, o)))
                .unwrap_or(0.0) as i64;
            for (k, w) in ws.iter().enumerate() {
                let code = first.saturating_add(k as i64);
                if (0..256).contains(&code) {
                    if let (Some(slot), Some(w)) =
                        (widths.get_mut(code as usize), num(deref(doc, w)))
                    {
                        if w.is_finite() {
                            *slot = w;
                        }
                    }
                }
            }
        }
        for (i, w) in widths.iter_mut().enumerate() {
            if w.is_nan() {
                let from14 = base14.and_then(|b| {
                    codes
                        .get(i)
                        .and_then(|c| c.as_deref())
                        .and_then(|t| encoding::base14_width(b, t))
                });
                *w = from14
                    .or(missing)
                    .unwrap_or(if scale == 0.001 { 500.0 } else { 0.0 });
            }
        }
        Font {
            kind: Kind::Simple { codes, widths },
            to_unicode: None,
            scale,
        }
    }

    fn load_type0(doc: &Document, dict: &Dictionary, to_unicode: Option<CMap>) -> Font {
        let encoding = match dict.get(b"Encoding").map(|o| deref(doc, o)) {
            Ok(Object::Stream(_)) => dict
                .get(b"Encoding")
                .ok()
                .and_then(|o| stream_bytes(doc, o))
                .map(|b| CMap::parse(&b))
                .filter(|c| !c.codespaces.is_empty()),
            _ => None,
        };
        let desc = match dict.get(b"DescendantFonts").map(|o| deref(doc, o)) {
            Ok(Object::Array(a)) => a.first().and_then(|o| deref(doc, o).as_dict().ok()),
            _ => None,
        };
        let mut widths = FxHashMap::default();
        let mut ranges = Vec::new();
        let mut dw = 1000.0;
        if let Some(desc) = desc {
            if let Some(d) = desc.get(b"DW").ok().and_then(|o| num(deref(doc, o))) {
                dw = d;
            }
            if let Ok(Object::Array(w)) = desc.get(b"W").map(|o| deref(doc, o)) {
                let mut i = 0;
                while i < w.len() && widths.len() < 200_000 {
                    let Some(first) = w.get(i).and_then(|o| num(deref(doc, o))) else {
                        break;
                    };
                    match w.get(i + 1).map(|o| deref(doc, o)) {
                        Some(Object::Array(list)) => {
                            for (k, x) in list.iter().enumerate() {
                                if let Some(x) = num(deref(doc, x)) {
                                    widths.insert((first as u32).saturating_add(k as u32), x);
                                }
                            }
                            i += 2;
                        }
                        Some(o) => {
                            let last = num(o).unwrap_or(first);
                            let x = w.get(i + 2).and_then(|o| num(deref(doc, o))).unwrap_or(dw);
                            ranges.push((first as u32, last as u32, x));
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
        Font {
            kind: Kind::Composite {
                encoding,
                widths,
                ranges,
                dw,
            },
            to_unicode,
            scale: 0.001,
        }
    }

    /// Splits `bytes` into codes and calls `f` for each.
    pub fn decode<F: FnMut(Code<'_>)>(&self, bytes: &[u8], mut f: F) {
        match &self.kind {
            Kind::Simple { codes, widths } => {
                for &b in bytes {
                    let i = b as usize;
                    f(Code {
                        text: codes.get(i).and_then(|c| c.as_deref()),
                        width: widths.get(i).copied().unwrap_or(500.0),
                        word_space: b == 32,
                    });
                }
            }
            Kind::Composite {
                encoding,
                widths,
                ranges,
                dw,
            } => {
                let mut i = 0;
                while i < bytes.len() {
                    let rest = bytes.get(i..).unwrap_or_default();
                    let n = encoding
                        .as_ref()
                        .and_then(|e| e.code_len(rest))
                        .unwrap_or(2)
                        .min(rest.len())
                        .max(1);
                    let code = rest
                        .iter()
                        .take(n)
                        .fold(0u32, |acc, &b| (acc << 8) | b as u32);
                    i += n;
                    let width = widths.get(&code).copied().unwrap_or_else(|| {
                        ranges
                            .iter()
                            .find(|(lo, hi, _)| *lo <= code && code <= *hi)
                            .map_or(*dw, |r| r.2)
                    });
                    f(Code {
                        text: self.to_unicode.as_ref().and_then(|t| t.get(code)),
                        width,
                        word_space: n == 1 && code == 32,
                    });
                }
            }
        }
    }
}
