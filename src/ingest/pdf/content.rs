//! The text-state machine over a page's content streams, and the layout of its glyphs.
use super::font::Font;
use super::util::{deref, name_of, num};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// Limits that keep one page from eating time or memory.
pub struct Limits {
    pub max_ops: usize,
    pub max_glyphs: usize,
    pub max_bytes: usize,
    pub max_depth: usize,
}

pub const LIMITS: Limits = Limits {
    max_ops: 2_000_000,
    max_glyphs: 1_000_000,
    max_bytes: 64 << 20,
    max_depth: 12,
};

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    tc: f32,
    tw: f32,
    th: f32,
    tl: f32,
    rise: f32,
}

/// Caches fonts by object id across the pages of a document.
#[derive(Default)]
pub struct FontCache {
    by_id: FxHashMap<ObjectId, Rc<Font>>,
}

struct Prev {
    end: (f32, f32),
    dir: (f32, f32),
}

/// Lays out glyphs in stream order.
#[derive(Default)]
pub struct Layout {
    pub out: String,
    prev: Option<Prev>,
}

impl Layout {
    fn push_sep(&mut self, sep: &str) {
        if self.out.is_empty() {
            return;
        }
        match sep {
            " " => {
                if !self.out.ends_with([' ', '\n']) {
                    self.out.push(' ');
                }
            }
            _ => {
                while self.out.ends_with(' ') {
                    self.out.pop();
                }
                if sep == "\n\n" {
                    if !self.out.ends_with("\n\n") {
                        if self.out.ends_with('\n') {
                            self.out.push('\n');
                        } else {
                            self.out.push_str("\n\n");
                        }
                    }
                } else if !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
            }
        }
    }

    /// One glyph: `origin` and `vis_end` (origin + width) in device space, `adv_end`
    /// with Tc/Tw, `fs` the device font size.
    fn glyph(
        &mut self,
        text: &str,
        origin: (f32, f32),
        vis_end: (f32, f32),
        adv_end: (f32, f32),
        fs: f32,
    ) {
        let (dx, dy) = (vis_end.0 - origin.0, vis_end.1 - origin.1);
        let len = (dx * dx + dy * dy).sqrt();
        let dir = if len > 1e-6 {
            (dx / len, dy / len)
        } else {
            self.prev.as_ref().map_or((1.0, 0.0), |p| p.dir)
        };
        let fs = if fs.is_finite() && fs > 1e-3 { fs } else { 1.0 };
        let is_space = text.chars().all(|c| c == ' ' || c == '\u{a0}');
        if let Some(prev) = &self.prev {
            let (gx, gy) = (origin.0 - prev.end.0, origin.1 - prev.end.1);
            let along = gx * prev.dir.0 + gy * prev.dir.1;
            let across = (gy * prev.dir.0 - gx * prev.dir.1).abs();
            let same_dir = dir.0 * prev.dir.0 + dir.1 * prev.dir.1 > 0.9;
            if across > 2.0 * fs {
                self.push_sep("\n\n");
            } else if across > 0.5 * fs || !same_dir {
                self.push_sep("\n");
            } else if !is_space && (along > 0.18 * fs || along < -0.5 * fs) {
                self.push_sep(" ");
            }
        }
        if is_space {
            let (ax, ay) = (adv_end.0 - origin.0, adv_end.1 - origin.1);
            let adv = ax * dir.0 + ay * dir.1;
            if adv >= 0.1 * fs {
                self.push_sep(" ");
                self.prev = Some(Prev { end: adv_end, dir });
            } else if self.prev.is_none() {
                self.prev = Some(Prev { end: origin, dir });
            }
            return;
        }
        self.out.push_str(text);
        self.prev = Some(Prev { end: vis_end, dir });
    }
}

pub struct Machine<'a> {
    doc: &'a Document,
    cache: &'a mut FontCache,
    pub layout: Layout,
    ops: usize,
    glyphs: usize,
    bytes: usize,
    stack: Vec<ObjectId>,
    stopped: bool,
}

impl<'a> Machine<'a> {
    pub fn new(doc: &'a Document, cache: &'a mut FontCache) -> Self {
        Machine {
            doc,
            cache,
            layout: Layout::default(),
            ops: 0,
            glyphs: 0,
            bytes: 0,
            stack: Vec::new(),
            stopped: false,
        }
    }

    /// Decompresses a stream within the page's remaining byte budget.
    pub fn stream_data(&mut self, stream: &lopdf::Stream) -> Option<Vec<u8>> {
        let remaining = LIMITS.max_bytes.saturating_sub(self.bytes);
        let data = match stream.decompressed_content_with_limit(remaining) {
            Ok(d) => d,
            Err(_) if stream.dict.get(b"Filter").is_err() && stream.content.len() <= remaining => {
                stream.content.clone()
            }
            Err(_) => return None,
        };
        self.bytes += data.len();
        Some(data)
    }

    pub fn page_content(&mut self, page: ObjectId) -> Vec<u8> {
        let mut data = Vec::new();
        for id in self.doc.get_page_contents(page) {
            let Ok(Object::Stream(s)) = self.doc.get_object(id) else {
                continue;
            };
            if let Some(d) = self.stream_data(s) {
                data.extend_from_slice(&d);
                data.push(b'\n');
            }
        }
        data
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = deref(self.doc, resources?.get(b"Font").ok()?)
            .as_dict()
            .ok()?;
        let entry = fonts.get(name).ok()?;
        if let Object::Reference(id) = entry {
            if let Some(f) = self.cache.by_id.get(id) {
                return Some(f.clone());
            }
            let dict = deref(self.doc, entry).as_dict().ok()?;
            let f = Rc::new(Font::load(self.doc, dict));
            self.cache.by_id.insert(*id, f.clone());
            return Some(f);
        }
        let dict = entry.as_dict().ok()?;
        Some(Rc::new(Font::load(self.doc, dict)))
    }

    /// Runs a content stream with the given resources and starting CTM.
    pub fn run(&mut self, data: &[u8], resources: Option<&'a Dictionary>, ctm: Matrix) {
        let mut gs = GState {
            ctm,
            font: None,
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
        };
        let mut saved: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in Content::decode_iter(data) {
            let Ok(op) = op else { break };
            self.ops += 1;
            if self.ops > LIMITS.max_ops || self.glyphs > LIMITS.max_glyphs {
                self.stopped = true;
            }
            if self.stopped {
                break;
            }
            let a = &op.operands;
            let n = |i: usize| a.get(i).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if saved.len() < 256 => saved.push(gs.clone()),
                "Q" => {
                    if let Some(g) = saved.pop() {
                        gs = g;
                    }
                }
                "cm" if a.len() >= 6 => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tm" if a.len() >= 6 => {
                    tm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tlm = tm;
                }
                "Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "TD" => {
                    gs.tl = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                "Tc" => gs.tc = n(0),
                "Tw" => gs.tw = n(0),
                "Tz" => gs.th = n(0) / 100.0,
                "TL" => gs.tl = n(0),
                "Ts" => gs.rise = n(0),
                "Tf" => {
                    gs.size = n(1);
                    gs.font = a
                        .first()
                        .and_then(name_of)
                        .and_then(|nm| self.font(resources, nm));
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = a.first() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        gs.tw = n(0);
                        gs.tc = n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = a.last() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = a.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&gs, &mut tm, s),
                                other => {
                                    if let Some(k) = num(other) {
                                        let tx = -k / 1000.0 * gs.size * gs.th;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(name) = a.first().and_then(name_of) {
                        self.xobject(resources, name, gs.ctm);
                    }
                }
                _ => {}
            }
        }
    }

    fn xobject(&mut self, resources: Option<&'a Dictionary>, name: &[u8], ctm: Matrix) {
        if self.stack.len() >= LIMITS.max_depth {
            return;
        }
        let doc = self.doc;
        let Some(xobjects) = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|o| deref(doc, o).as_dict().ok())
        else {
            return;
        };
        let Ok(Object::Reference(id)) = xobjects.get(name) else {
            return;
        };
        if self.stack.contains(id) {
            return;
        }
        let Ok(Object::Stream(stream)) = doc.get_object(*id) else {
            return;
        };
        if stream.dict.get(b"Subtype").ok().and_then(name_of) != Some(b"Form") {
            return;
        }
        let mut m = IDENTITY;
        if let Ok(Object::Array(arr)) = stream.dict.get(b"Matrix").map(|o| deref(doc, o)) {
            if arr.len() >= 6 {
                for (k, slot) in m.iter_mut().enumerate() {
                    *slot = arr.get(k).and_then(|o| num(deref(doc, o))).unwrap_or(*slot);
                }
            }
        }
        let res = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| deref(doc, o).as_dict().ok())
            .or(resources);
        let Some(data) = self.stream_data(stream) else {
            return;
        };
        self.stack.push(*id);
        self.run(&data, res, mul(&m, &ctm));
        self.stack.pop();
    }

    fn show(&mut self, gs: &GState, tm: &mut Matrix, bytes: &[u8]) {
        let Some(font) = gs.font.clone() else { return };
        // Never decode more glyphs than the page has left (4 bytes per code at most).
        let budget = LIMITS
            .max_glyphs
            .saturating_sub(self.glyphs)
            .saturating_mul(4);
        let bytes = bytes.get(..bytes.len().min(budget)).unwrap_or_default();
        let size = gs.size;
        let th = gs.th;
        let rise = gs.rise;
        let mut glyphs = 0usize;
        let layout = &mut self.layout;
        let ctm = gs.ctm;
        font.decode(bytes, |code| {
            glyphs += 1;
            let w = code.width * font.scale;
            let w = if w.is_finite() { w } else { 0.0 };
            let m = mul(tm, &ctm);
            let origin = apply(&m, 0.0, rise);
            let vis = w * size * th;
            let mut adv = (w * size + gs.tc) * th;
            if code.word_space {
                adv += gs.tw * th;
            }
            if let Some(text) = code.text {
                let vis_end = apply(&m, vis, rise);
                let adv_end = apply(&m, adv, rise);
                // Device font size: length of the text-space unit y vector, times size.
                let fs = (m[2] * m[2] + m[3] * m[3]).sqrt() * size.abs();
                layout.glyph(text, origin, vis_end, adv_end, fs);
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], tm);
        });
        self.glyphs += glyphs;
    }
}
