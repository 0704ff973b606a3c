//! `esscorpus diff OLD NEW`: what changed between two corpus folders, as values rather than
//! JSON lines, for reviewing a rule change.
//!
//! The folders are read back with this module's own structs (independent from the writer's
//! wire structs in [`crate::output`]). Entity ids, fact ids and `run.json` are ignored.
//! Entities of a document present in both corpora are matched per type, first by span, then
//! by value (so a mention whose span only shifted is no change), then by overlapping spans
//! (old spans mapped through the common head and tail of the two texts): a matched pair
//! that differs is one `~` change, the rest are `+` and `-`. Facts are compared as values
//! (ids, evidence spans and entity ids left out). Body ids are followed through the matched
//! body mentions to find bodies merged, split or renamed.
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};

// ---------------------------------------------------------------------------------------
// Reading a corpus folder
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Debug, Clone)]
struct ManifestIn {
    schema_version: u64,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
struct DocIn {
    id: String,
    source: String,
    format: String,
    sha256: String,
    #[serde(default)]
    pages: Option<u64>,
    chars: u64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    subject_body: Option<String>,
    #[serde(default)]
    repairs: BTreeMap<String, u64>,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
struct EntityIn {
    doc: String,
    #[serde(rename = "type")]
    kind: String,
    text: String,
    span: [usize; 2],
    #[serde(default)]
    page: Option<u64>,
    value: Value,
    rule: String,
    #[serde(default)]
    links: Map<String, Value>,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
struct BodyIn {
    id: String,
    name: String,
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    docs: Vec<String>,
    #[serde(default)]
    mentions: u64,
}

#[derive(Debug, Clone)]
struct FactIn {
    kind: String,
    /// Every field but `id`, `evidence` and `entities`.
    fields: Map<String, Value>,
    key: String,
}

/// A corpus folder as read back for comparison.
#[derive(Debug, Clone)]
pub struct Corpus {
    schema_version: u64,
    docs: BTreeMap<String, DocIn>,
    entities: BTreeMap<String, Vec<EntityIn>>,
    bodies: BTreeMap<String, BodyIn>,
    facts: BTreeMap<String, Vec<FactIn>>,
    texts: BTreeMap<String, Vec<char>>,
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn jsonl<T: DeserializeOwned>(path: &Path) -> Result<Vec<T>, String> {
    let text = read(path)?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let rec = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: malformed record: {e}", path.display(), i + 1))?;
        out.push(rec);
    }
    Ok(out)
}

/// Reads a corpus folder written by `esscorpus run`. The error says which file is missing,
/// unreadable or malformed.
pub fn load(dir: &Path) -> Result<Corpus, String> {
    if !dir.is_dir() {
        return Err(format!(
            "{}: not a corpus folder (no such folder)",
            dir.display()
        ));
    }
    let mpath = dir.join("corpus.json");
    let manifest: ManifestIn = serde_json::from_str(&read(&mpath)?)
        .map_err(|e| format!("{}: malformed: {e}", mpath.display()))?;
    let mut docs = BTreeMap::new();
    for d in jsonl::<DocIn>(&dir.join("documents.jsonl"))? {
        docs.insert(d.id.clone(), d);
    }
    let unknown_doc = |file: &str, doc: &str| {
        format!(
            "{}: document {doc} is not in documents.jsonl",
            dir.join(file).display()
        )
    };
    let mut entities: BTreeMap<String, Vec<EntityIn>> = BTreeMap::new();
    for e in jsonl::<EntityIn>(&dir.join("entities.jsonl"))? {
        if !docs.contains_key(&e.doc) {
            return Err(unknown_doc("entities.jsonl", &e.doc));
        }
        entities.entry(e.doc.clone()).or_default().push(e);
    }
    let mut bodies = BTreeMap::new();
    for b in jsonl::<BodyIn>(&dir.join("bodies.jsonl"))? {
        bodies.insert(b.id.clone(), b);
    }
    let fpath = dir.join("facts.jsonl");
    let mut facts: BTreeMap<String, Vec<FactIn>> = BTreeMap::new();
    for (i, mut m) in jsonl::<Map<String, Value>>(&fpath)?.into_iter().enumerate() {
        let field = |m: &Map<String, Value>, k: &str| {
            m.get(k)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("{}: fact {}: no \"{k}\" string", fpath.display(), i + 1))
        };
        let (kind, doc) = (field(&m, "kind")?, field(&m, "doc")?);
        if !docs.contains_key(&doc) {
            return Err(unknown_doc("facts.jsonl", &doc));
        }
        for k in ["id", "evidence", "entities"] {
            m.remove(k);
        }
        let key = canon(&Value::Object(m.clone()));
        facts.entry(doc).or_default().push(FactIn {
            kind,
            fields: m,
            key,
        });
    }
    let mut texts = BTreeMap::new();
    for id in docs.keys() {
        let t = read(&dir.join("text").join(format!("{id}.txt")))?;
        texts.insert(id.clone(), t.chars().collect());
    }
    Ok(Corpus {
        schema_version: manifest.schema_version,
        docs,
        entities,
        bodies,
        facts,
        texts,
    })
}

/// JSON with its object keys sorted, as a comparison key.
fn canon(v: &Value) -> String {
    fn sorted(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let b: BTreeMap<&String, Value> = m.iter().map(|(k, v)| (k, sorted(v))).collect();
                let mut out = Map::new();
                for (k, v) in b {
                    out.insert(k.clone(), v);
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
            other => other.clone(),
        }
    }
    sorted(v).to_string()
}

// ---------------------------------------------------------------------------------------
// The result
// ---------------------------------------------------------------------------------------

/// One change: its sign (`+`, `-`, `~`), its line as printed, and the same as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub sign: char,
    pub line: String,
    pub json: Value,
    sort: (String, usize, u8),
}

/// What changed in one document (`status` `+` added, `-` removed, `~` in both).
#[derive(Debug, Clone, PartialEq)]
pub struct DocDiff {
    pub id: String,
    pub status: char,
    pub header: String,
    pub header_json: Value,
    /// Text and record changes of a document present in both corpora.
    pub fields: Vec<Change>,
    /// Entity changes, sorted by type then position.
    pub entities: Vec<Change>,
    /// Fact changes, sorted by kind then line.
    pub facts: Vec<Change>,
}

/// Counts of added, removed and changed items.
pub type Counts = [usize; 3];

/// The differences between two corpus folders.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    pub schema: Option<(u64, u64)>,
    pub docs: Vec<DocDiff>,
    /// Body changes; `json["change"]` is `added`, `removed`, `changed`, `merged`, `split`
    /// or `renamed`.
    pub bodies: Vec<Change>,
    /// Per entity type: added, removed, changed (entities of added and removed documents
    /// included).
    pub entity_counts: BTreeMap<String, Counts>,
    /// Per fact kind: added, removed.
    pub fact_counts: BTreeMap<String, Counts>,
    pub doc_counts: Counts,
    pub body_counts: BTreeMap<String, usize>,
}

impl Diff {
    /// True when the two corpora hold the same values.
    pub fn is_empty(&self) -> bool {
        self.schema.is_none() && self.docs.is_empty() && self.bodies.is_empty()
    }

    /// The human-readable report; empty when the corpora are equal.
    pub fn to_text(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        let mut out = String::new();
        if let Some((a, b)) = self.schema {
            out += &format!("~ schema_version {a} → {b}\n\n");
        }
        for d in &self.docs {
            out += &d.header;
            out.push('\n');
            for c in d.fields.iter().chain(&d.entities).chain(&d.facts) {
                out += &format!("  {}\n", c.line);
            }
            out.push('\n');
        }
        if !self.bodies.is_empty() {
            out += "bodies\n";
            for c in &self.bodies {
                out += &format!("  {}\n", c.line);
            }
            out.push('\n');
        }
        out += "summary\n";
        for line in self.summary_lines() {
            out += &format!("  {line}\n");
        }
        out
    }

    fn summary_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let [a, r, c] = self.doc_counts;
        if a + r + c > 0 {
            lines.push(format!("documents +{a} -{r} ~{c}"));
        }
        for (t, [a, r, c]) in &self.entity_counts {
            lines.push(format!("{t} +{a} -{r} ~{c}"));
        }
        for (k, [a, r, _]) in &self.fact_counts {
            lines.push(format!("fact {k} +{a} -{r}"));
        }
        if !self.body_counts.is_empty() {
            let g = |k: &str| self.body_counts.get(k).copied().unwrap_or(0);
            lines.push(format!(
                "bodies +{} -{} ~{} merged {} split {} renamed {}",
                g("added"),
                g("removed"),
                g("changed"),
                g("merged"),
                g("split"),
                g("renamed")
            ));
        }
        lines
    }

    /// The same content as one JSON document, changes grouped by kind.
    pub fn to_json(&self) -> Value {
        let pick = |v: &[Change], sign: char| -> Vec<Value> {
            v.iter()
                .filter(|c| c.sign == sign)
                .map(|c| c.json.clone())
                .collect()
        };
        let mut docs_added = Vec::new();
        let mut docs_removed = Vec::new();
        let mut docs_changed = Vec::new();
        let (mut ent, mut fac) = ([vec![], vec![], vec![]], [vec![], vec![]]);
        for d in &self.docs {
            match d.status {
                '+' => docs_added.push(d.header_json.clone()),
                '-' => docs_removed.push(d.header_json.clone()),
                _ => {
                    if !d.fields.is_empty() {
                        let f: Vec<Value> = d.fields.iter().map(|c| c.json.clone()).collect();
                        docs_changed.push(json!({"id": d.id, "changes": f}));
                    }
                    ent[0].extend(pick(&d.entities, '+'));
                    ent[1].extend(pick(&d.entities, '-'));
                    ent[2].extend(pick(&d.entities, '~'));
                    fac[0].extend(pick(&d.facts, '+'));
                    fac[1].extend(pick(&d.facts, '-'));
                }
            }
        }
        let mut bodies: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
        for k in ["added", "removed", "changed", "merged", "split", "renamed"] {
            bodies.insert(k, vec![]);
        }
        for c in &self.bodies {
            let k = c.json["change"].as_str().unwrap_or("changed");
            bodies.entry(k).or_default().push(c.json.clone());
        }
        let counts3 = |m: &BTreeMap<String, Counts>| -> Map<String, Value> {
            m.iter()
                .map(|(k, [a, r, c])| (k.clone(), json!({"added": a, "removed": r, "changed": c})))
                .collect()
        };
        let facts_summary: Map<String, Value> = self
            .fact_counts
            .iter()
            .map(|(k, [a, r, _])| (k.clone(), json!({"added": a, "removed": r})))
            .collect();
        let [da, dr, dc] = self.doc_counts;
        let [e_added, e_removed, e_changed] = ent;
        let [f_added, f_removed] = fac;
        json!({
            "equal": self.is_empty(),
            "schema_version": self.schema.map(|(a, b)| json!({"old": a, "new": b})),
            "documents": {"added": docs_added, "removed": docs_removed, "changed": docs_changed},
            "entities": {"added": e_added, "removed": e_removed, "changed": e_changed},
            "facts": {"added": f_added, "removed": f_removed},
            "bodies": bodies,
            "summary": {
                "documents": {"added": da, "removed": dr, "changed": dc},
                "entities": counts3(&self.entity_counts),
                "facts": facts_summary,
                "bodies": self.body_counts,
            }
        })
    }
}

/// Reads both folders and compares them.
pub fn diff_folders(old: &Path, new: &Path) -> Result<Diff, String> {
    let a = load(old)?;
    let b = load(new)?;
    Ok(compare(&a, &b))
}

// ---------------------------------------------------------------------------------------
// Display of values
// ---------------------------------------------------------------------------------------

/// `2387500` → `2 387 500`; `4.5` → `4,5`.
fn num(v: &Value) -> String {
    let Some(x) = v.as_f64() else {
        return v.to_string();
    };
    let s = if let Some(i) = v.as_i64() {
        i.to_string()
    } else if x.fract() == 0.0 && x.abs() < 9e15 {
        (x as i64).to_string()
    } else {
        return v.to_string().replace('.', ",");
    };
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(ch);
    }
    format!("{sign}{out}")
}

fn s(v: &Value) -> String {
    match v {
        Value::String(x) => x.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    }
}

fn period(v: &Value) -> String {
    let (a, b) = (s(&v["start"]), s(&v["end"]));
    if a == b {
        a
    } else if a.len() == 4 && b.len() == 4 {
        format!("{a}-{b}")
    } else {
        format!("{a}/{b}")
    }
}

fn body_name(c: &Corpus, id: &str) -> String {
    c.bodies
        .get(id)
        .map_or_else(|| id.to_string(), |b| b.name.clone())
}

fn value_str(c: &Corpus, kind: &str, v: &Value) -> String {
    match kind {
        "amount" if v.get("eur").is_some() => format!("{} €", num(&v["eur"])),
        "date" if v.get("iso").is_some() => s(&v["iso"]),
        "period" if v.get("start").is_some() => period(v),
        "metric" if v.get("value").is_some() => {
            let u = s(&v["unit"]);
            if u == "%" {
                format!("{}%", num(&v["value"]))
            } else {
                format!("{} {u}", num(&v["value"]))
            }
        }
        "body" if v["body"].is_string() => {
            let id = s(&v["body"]);
            format!("{} ({id})", body_name(c, &id))
        }
        "person" if v.get("name").is_some() => match &v["role"] {
            Value::Null => s(&v["name"]),
            r => format!("{}, {}", s(&v["name"]), s(r)),
        },
        "contact" if v.get("normalized").is_some() => {
            format!("{} {}", s(&v["kind"]), s(&v["normalized"]))
        }
        "axis" if v.get("label").is_some() => match &v["number"] {
            Value::Null => format!("{} {}", s(&v["kind"]), s(&v["label"])),
            n => format!("{} {}: {}", s(&v["kind"]), num(n), s(&v["label"])),
        },
        "action" if v.get("label").is_some() => match &v["code"] {
            Value::Null => s(&v["label"]),
            code => format!("{} {}", s(code), s(&v["label"])),
        },
        "programme" if v.get("name").is_some() => s(&v["name"]),
        _ => canon(v),
    }
}

fn links_str(c: &Corpus, links: &Map<String, Value>) -> String {
    let mut parts = Vec::new();
    let mut keys: Vec<&String> = links.keys().collect();
    let order = |k: &str| match k {
        "funder" | "body" => 0,
        "period" => 1,
        _ => 2,
    };
    keys.sort_by_key(|k| (order(k), k.to_string()));
    for k in keys {
        let v = &links[k];
        parts.push(match k.as_str() {
            "funder" | "body" if v.is_string() => body_name(c, &s(v)),
            "period" if v.is_object() => period(v),
            "programme" => format!("programme \"{}\"", s(v)),
            _ => format!("{k} {}", s(v)),
        });
    }
    parts.join(", ")
}

fn with_links(value: &str, links: &str) -> String {
    if links.is_empty() {
        value.to_string()
    } else {
        format!("{value} ({links})")
    }
}

/// The entity's text and a few words either side, on one line.
fn evidence(text: &[char], span: [usize; 2]) -> String {
    const WORDS: usize = 4;
    const MAX: usize = 40;
    let n = text.len();
    let s = span[0].min(n);
    let e = span[1].clamp(s, n);
    let mut a = s;
    for _ in 0..WORDS {
        while a > 0 && text[a - 1].is_whitespace() {
            a -= 1;
        }
        while a > 0 && !text[a - 1].is_whitespace() {
            a -= 1;
        }
    }
    if s - a > MAX {
        a = s - MAX;
        while a < s && !text[a - 1].is_whitespace() {
            a += 1;
        }
    }
    let mut b = e;
    for _ in 0..WORDS {
        while b < n && text[b].is_whitespace() {
            b += 1;
        }
        while b < n && !text[b].is_whitespace() {
            b += 1;
        }
    }
    if b - e > MAX {
        b = e + MAX;
        while b > e && !text[b].is_whitespace() {
            b -= 1;
        }
    }
    let body: String = text[a..b].iter().collect();
    let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "\"{}{body}{}\"",
        if a > 0 { "…" } else { "" },
        if b < n { "…" } else { "" }
    )
}

fn entity_json(c: &Corpus, e: &EntityIn) -> Value {
    let text = c.texts.get(&e.doc).map(Vec::as_slice).unwrap_or(&[]);
    json!({
        "doc": e.doc, "type": e.kind, "span": e.span, "text": e.text, "page": e.page,
        "value": e.value, "links": e.links, "rule": e.rule,
        "shown": with_links(&value_str(c, &e.kind, &e.value), &links_str(c, &e.links)),
        "evidence": evidence(text, e.span),
    })
}

fn entity_line(c: &Corpus, e: &EntityIn, sign: char) -> String {
    let text = c.texts.get(&e.doc).map(Vec::as_slice).unwrap_or(&[]);
    format!(
        "{sign} {} {} {}",
        e.kind,
        with_links(&value_str(c, &e.kind, &e.value), &links_str(c, &e.links)),
        evidence(text, e.span)
    )
}

fn changed_line(oc: &Corpus, nc: &Corpus, o: &EntityIn, n: &EntityIn) -> String {
    let (vo, vn) = (
        value_str(oc, &o.kind, &o.value),
        value_str(nc, &n.kind, &n.value),
    );
    let (lo, ln) = (links_str(oc, &o.links), links_str(nc, &n.links));
    let mut shown = if vo == vn && lo == ln {
        with_links(&vn, &ln)
    } else if lo == ln {
        with_links(&format!("{vo} → {vn}"), &ln)
    } else if vo == vn {
        format!(
            "{vn} ({} → {})",
            if lo.is_empty() { "-" } else { &lo },
            if ln.is_empty() { "-" } else { &ln }
        )
    } else {
        format!("{} → {}", with_links(&vo, &lo), with_links(&vn, &ln))
    };
    if o.text != n.text && vo == vn {
        shown += &format!(" [text \"{}\" → \"{}\"]", o.text, n.text);
    }
    if o.rule != n.rule {
        shown += &format!(" [rule {} → {}]", o.rule, n.rule);
    }
    if o.page != n.page {
        let p = |p: Option<u64>| p.map_or("-".to_string(), |x| x.to_string());
        shown += &format!(" [page {} → {}]", p(o.page), p(n.page));
    }
    let text = nc.texts.get(&n.doc).map(Vec::as_slice).unwrap_or(&[]);
    format!("~ {} {shown} {}", n.kind, evidence(text, n.span))
}

fn fact_line(c: &Corpus, f: &FactIn, sign: char) -> String {
    let m = &f.fields;
    let g = |k: &str| m.get(k).cloned().unwrap_or(Value::Null);
    let body = |k: &str| match g(k) {
        Value::String(id) => body_name(c, &id),
        _ => "(not said)".to_string(),
    };
    let quoted = |k: &str| match g(k) {
        Value::Null => None,
        v => Some(format!("\"{}\"", s(&v))),
    };
    let shown = match f.kind.as_str() {
        "funding" => {
            let mut out = format!("{} {} €", body("funder"), num(&g("amount")["eur"]));
            if g("period").is_object() {
                out += &format!(" {}", period(&g("period")));
            }
            if let Some(p) = quoted("programme") {
                out += &format!(" {p}");
            }
            out
        }
        "representation" => {
            let mut out = format!("{} for {}", s(&g("person")), body("body"));
            for k in ["role", "email", "phone"] {
                if !g(k).is_null() {
                    out += &format!(", {}", s(&g(k)));
                }
            }
            out
        }
        "membership" => format!(
            "{} in {}",
            body("body"),
            quoted("programme").unwrap_or("-".into())
        ),
        "axis_of" => {
            let mut out = format!(
                "{} \"{}\" of {}",
                s(&g("item")),
                s(&g("label")),
                quoted("programme").unwrap_or("-".into())
            );
            if !g("body").is_null() {
                out += &format!(" ({})", body("body"));
            }
            out
        }
        _ => m
            .iter()
            .filter(|(k, _)| *k != "kind" && *k != "doc")
            .map(|(k, v)| format!("{k}={}", s(v)))
            .collect::<Vec<_>>()
            .join(" "),
    };
    format!("{sign} {} {shown}", f.kind)
}

// ---------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------

/// Lines removed and added between two texts (common head and tail trimmed, then LCS).
fn line_changes(a: &[char], b: &[char]) -> (usize, usize) {
    let sa: String = a.iter().collect();
    let sb: String = b.iter().collect();
    let la: Vec<&str> = sa.lines().collect();
    let lb: Vec<&str> = sb.lines().collect();
    let head = la.iter().zip(&lb).take_while(|(x, y)| x == y).count();
    let tail = la[head..]
        .iter()
        .rev()
        .zip(lb[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&la[head..la.len() - tail], &lb[head..lb.len() - tail]);
    let (n, m) = (am.len(), bm.len());
    if n * m > 25_000_000 {
        return (n, m);
    }
    let mut prev = vec![0usize; m + 1];
    for i in (0..n).rev() {
        let mut cur = vec![0usize; m + 1];
        for j in (0..m).rev() {
            cur[j] = if am[i] == bm[j] {
                prev[j + 1] + 1
            } else {
                prev[j].max(cur[j + 1])
            };
        }
        prev = cur;
    }
    let common = prev[0];
    (n - common, m - common)
}

/// Maps old code-point offsets into the new text through the texts' common head and tail:
/// `(offset, exact)`; offsets inside the edited middle go to the middle's bounds.
struct OffsetMap {
    head: usize,
    old_tail_start: usize,
    new_tail_start: usize,
}

impl OffsetMap {
    fn new(a: &[char], b: &[char]) -> Self {
        let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let max_tail = a.len().min(b.len()) - head;
        let tail = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(max_tail)
            .take_while(|(x, y)| x == y)
            .count();
        OffsetMap {
            head,
            old_tail_start: a.len() - tail,
            new_tail_start: b.len() - tail,
        }
    }

    fn map(&self, o: usize, is_end: bool) -> (usize, bool) {
        if o <= self.head {
            (o, true)
        } else if o >= self.old_tail_start {
            (o - self.old_tail_start + self.new_tail_start, true)
        } else if is_end {
            (self.new_tail_start, false)
        } else {
            (self.head, false)
        }
    }
}

/// Pairs old and new entities of one document and type: by span, then by value, then by
/// overlapping (mapped) spans. Returns the pairs and the unmatched of each side.
fn match_entities<'a>(
    old: &[&'a EntityIn],
    new: &[&'a EntityIn],
    map: &OffsetMap,
) -> (
    Vec<(&'a EntityIn, &'a EntityIn)>,
    Vec<&'a EntityIn>,
    Vec<&'a EntityIn>,
) {
    let mut used_new = vec![false; new.len()];
    let mut matched_old: Vec<Option<usize>> = vec![None; old.len()];
    // 1. same span.
    let mut by_span: HashMap<[usize; 2], VecDeque<usize>> = HashMap::new();
    for (j, e) in new.iter().enumerate() {
        by_span.entry(e.span).or_default().push_back(j);
    }
    for (i, e) in old.iter().enumerate() {
        if let Some(j) = by_span.get_mut(&e.span).and_then(VecDeque::pop_front) {
            matched_old[i] = Some(j);
            used_new[j] = true;
        }
    }
    // 2. same value, in span order.
    let mut by_value: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (j, e) in new.iter().enumerate() {
        if !used_new[j] {
            by_value.entry(canon(&e.value)).or_default().push_back(j);
        }
    }
    for (i, e) in old.iter().enumerate() {
        if matched_old[i].is_none() {
            if let Some(j) = by_value
                .get_mut(&canon(&e.value))
                .and_then(VecDeque::pop_front)
            {
                matched_old[i] = Some(j);
                used_new[j] = true;
            }
        }
    }
    // 3. overlapping spans, the old span mapped into the new text (one end at least exact).
    for (i, e) in old.iter().enumerate() {
        if matched_old[i].is_some() {
            continue;
        }
        let (s, s_exact) = map.map(e.span[0], false);
        let (t, t_exact) = map.map(e.span[1], true);
        if !(s_exact || t_exact) {
            continue;
        }
        let best = new
            .iter()
            .enumerate()
            .filter(|(j, _)| !used_new[*j])
            .map(|(j, n)| (j, t.min(n.span[1]).saturating_sub(s.max(n.span[0]))))
            .filter(|(_, overlap)| *overlap > 0)
            .max_by_key(|(j, overlap)| (*overlap, std::cmp::Reverse(*j)));
        if let Some((j, _)) = best {
            matched_old[i] = Some(j);
            used_new[j] = true;
        }
    }
    let mut pairs = Vec::new();
    let mut removed = Vec::new();
    for (i, m) in matched_old.iter().enumerate() {
        match m {
            Some(j) => pairs.push((old[i], new[*j])),
            None => removed.push(old[i]),
        }
    }
    let added = new
        .iter()
        .enumerate()
        .filter(|(j, _)| !used_new[*j])
        .map(|(_, e)| *e)
        .collect();
    (pairs, removed, added)
}

fn same_entity(o: &EntityIn, n: &EntityIn) -> bool {
    o.text == n.text
        && o.rule == n.rule
        && o.page == n.page
        && canon(&o.value) == canon(&n.value)
        && canon(&Value::Object(o.links.clone())) == canon(&Value::Object(n.links.clone()))
}

fn by_type(v: Option<&Vec<EntityIn>>) -> BTreeMap<&str, Vec<&EntityIn>> {
    let mut out: BTreeMap<&str, Vec<&EntityIn>> = BTreeMap::new();
    for e in v.into_iter().flatten() {
        out.entry(e.kind.as_str()).or_default().push(e);
    }
    for list in out.values_mut() {
        list.sort_by_key(|e| e.span);
    }
    out
}

fn doc_summary(c: &Corpus, d: &DocIn, sign: char) -> (String, Value) {
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    for e in c.entities.get(&d.id).into_iter().flatten() {
        *types.entry(&e.kind).or_default() += 1;
    }
    let nfacts = c.facts.get(&d.id).map_or(0, Vec::len);
    let list = types
        .iter()
        .map(|(t, n)| format!("{t} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let title = d.title.as_deref().unwrap_or("");
    let line = format!(
        "{sign} document {} \"{title}\" ({}, {} chars): {}; facts {nfacts}",
        d.id,
        d.format,
        num(&json!(d.chars)),
        if list.is_empty() {
            "no entities"
        } else {
            &list
        }
    );
    let j = json!({
        "id": d.id, "title": d.title, "format": d.format, "chars": d.chars,
        "entities": types, "facts": nfacts, "line": line,
    });
    (line, j)
}

fn file_name(p: &str) -> &str {
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

fn field_change(field: &str, old: String, new: String) -> Change {
    Change {
        sign: '~',
        line: format!("~ {field} {old} → {new}"),
        json: json!({"field": field, "old": old, "new": new}),
        sort: (String::new(), 0, 0),
    }
}

fn doc_fields(oc: &Corpus, nc: &Corpus, o: &DocIn, n: &DocIn) -> Vec<Change> {
    let mut out = Vec::new();
    let (ot, nt) = (&oc.texts[&o.id], &nc.texts[&n.id]);
    if ot != nt {
        let (r, a) = line_changes(ot, nt);
        let lines = r.max(a);
        let mut line = format!(
            "~ text changed: {lines} line{} (-{r} +{a})",
            if lines == 1 { "" } else { "s" }
        );
        if o.chars != n.chars {
            line += &format!(", {} → {} chars", o.chars, n.chars);
        }
        out.push(Change {
            sign: '~',
            line,
            json: json!({"field": "text", "lines_removed": r, "lines_added": a,
                         "chars": {"old": o.chars, "new": n.chars}}),
            sort: (String::new(), 0, 0),
        });
    } else if o.sha256 != n.sha256 {
        out.push(Change {
            sign: '~',
            line: "~ source bytes changed (sha256), same text".into(),
            json: json!({"field": "sha256", "old": o.sha256, "new": n.sha256}),
            sort: (String::new(), 0, 0),
        });
    }
    let opt = |x: &Option<String>| x.clone().map_or("-".into(), |t| format!("\"{t}\""));
    if file_name(&o.source) != file_name(&n.source) {
        out.push(field_change("source", o.source.clone(), n.source.clone()));
    }
    if o.format != n.format {
        out.push(field_change("format", o.format.clone(), n.format.clone()));
    }
    if o.pages != n.pages {
        let p = |x: Option<u64>| x.map_or("-".into(), |v| v.to_string());
        out.push(field_change("pages", p(o.pages), p(n.pages)));
    }
    if o.title != n.title {
        out.push(field_change("title", opt(&o.title), opt(&n.title)));
    }
    if o.subject_body != n.subject_body {
        let sb = |c: &Corpus, x: &Option<String>| {
            x.as_deref()
                .map_or("-".into(), |id| format!("{} ({id})", body_name(c, id)))
        };
        out.push(field_change(
            "subject_body",
            sb(oc, &o.subject_body),
            sb(nc, &n.subject_body),
        ));
    }
    if o.repairs != n.repairs {
        let r = |m: &BTreeMap<String, u64>| {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let r = |m: &BTreeMap<String, u64>| if m.is_empty() { "-".into() } else { r(m) };
        out.push(field_change("repairs", r(&o.repairs), r(&n.repairs)));
    }
    out
}

fn facts_diff(oc: &Corpus, nc: &Corpus, doc: &str) -> Vec<Change> {
    fn count<'a>(c: &'a Corpus, doc: &str) -> BTreeMap<&'a str, Vec<&'a FactIn>> {
        let mut m: BTreeMap<&str, Vec<&FactIn>> = BTreeMap::new();
        for f in c.facts.get(doc).into_iter().flatten() {
            m.entry(f.key.as_str()).or_default().push(f);
        }
        m
    }
    let (om, nm) = (count(oc, doc), count(nc, doc));
    let mut out = Vec::new();
    let keys: BTreeSet<&str> = om.keys().chain(nm.keys()).copied().collect();
    for k in keys {
        let (o, n) = (
            om.get(k).map_or(&[][..], Vec::as_slice),
            nm.get(k).map_or(&[][..], Vec::as_slice),
        );
        let extra =
            |list: &[&FactIn], from: usize, c: &Corpus, sign: char, out: &mut Vec<Change>| {
                for f in list.iter().skip(from) {
                    let line = fact_line(c, f, sign);
                    let mut j = Value::Object(f.fields.clone());
                    j["line"] = json!(line);
                    out.push(Change {
                        sign,
                        sort: (f.kind.clone(), 0, if sign == '-' { 0 } else { 1 }),
                        line,
                        json: j,
                    });
                }
            };
        extra(o, n.len(), oc, '-', &mut out);
        extra(n, o.len(), nc, '+', &mut out);
    }
    out.sort_by(|a, b| {
        (&a.sort.0, a.line.get(2..), a.sort.2).cmp(&(&b.sort.0, b.line.get(2..), b.sort.2))
    });
    out
}

/// Compares two corpora read with [`load`].
pub fn compare(oc: &Corpus, nc: &Corpus) -> Diff {
    let mut diff = Diff {
        schema: (oc.schema_version != nc.schema_version)
            .then_some((oc.schema_version, nc.schema_version)),
        ..Diff::default()
    };
    // Body id in OLD → body id in NEW → matched mentions.
    let mut body_map: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let ids: BTreeSet<&String> = oc.docs.keys().chain(nc.docs.keys()).collect();
    for id in ids {
        match (oc.docs.get(id), nc.docs.get(id)) {
            (Some(d), None) | (None, Some(d)) => {
                let (sign, c) = if oc.docs.contains_key(id) {
                    ('-', oc)
                } else {
                    ('+', nc)
                };
                let k = if sign == '+' { 0 } else { 1 };
                diff.doc_counts[k] += 1;
                for e in c.entities.get(id).into_iter().flatten() {
                    diff.entity_counts.entry(e.kind.clone()).or_default()[k] += 1;
                }
                for f in c.facts.get(id).into_iter().flatten() {
                    diff.fact_counts.entry(f.kind.clone()).or_default()[k] += 1;
                }
                let (header, header_json) = doc_summary(c, d, sign);
                diff.docs.push(DocDiff {
                    id: id.clone(),
                    status: sign,
                    header,
                    header_json,
                    fields: vec![],
                    entities: vec![],
                    facts: vec![],
                });
            }
            (Some(o), Some(n)) => {
                let fields = doc_fields(oc, nc, o, n);
                let map = OffsetMap::new(&oc.texts[id], &nc.texts[id]);
                let (ot, nt) = (by_type(oc.entities.get(id)), by_type(nc.entities.get(id)));
                let types: BTreeSet<&str> = ot.keys().chain(nt.keys()).copied().collect();
                let mut entities = Vec::new();
                for t in types {
                    let (ol, nl) = (
                        ot.get(t).map_or(&[][..], Vec::as_slice),
                        nt.get(t).map_or(&[][..], Vec::as_slice),
                    );
                    let (pairs, removed, added) = match_entities(ol, nl, &map);
                    let counts = diff.entity_counts.entry(t.to_string()).or_default();
                    for (o, n) in &pairs {
                        if t == "body" {
                            if let (Some(a), Some(b)) =
                                (o.value["body"].as_str(), n.value["body"].as_str())
                            {
                                *body_map
                                    .entry(a.to_string())
                                    .or_default()
                                    .entry(b.to_string())
                                    .or_default() += 1;
                            }
                        }
                        if same_entity(o, n) {
                            continue;
                        }
                        counts[2] += 1;
                        entities.push(Change {
                            sign: '~',
                            line: changed_line(oc, nc, o, n),
                            json: json!({"old": entity_json(oc, o), "new": entity_json(nc, n)}),
                            sort: (t.to_string(), n.span[0], 1),
                        });
                    }
                    for e in removed {
                        counts[1] += 1;
                        entities.push(Change {
                            sign: '-',
                            line: entity_line(oc, e, '-'),
                            json: entity_json(oc, e),
                            sort: (t.to_string(), e.span[0], 0),
                        });
                    }
                    for e in added {
                        counts[0] += 1;
                        entities.push(Change {
                            sign: '+',
                            line: entity_line(nc, e, '+'),
                            json: entity_json(nc, e),
                            sort: (t.to_string(), e.span[0], 2),
                        });
                    }
                    if *counts == [0, 0, 0] {
                        diff.entity_counts.remove(t);
                    }
                }
                entities.sort_by(|a, b| (&a.sort, &a.line).cmp(&(&b.sort, &b.line)));
                let facts = facts_diff(oc, nc, id);
                for f in &facts {
                    let k = if f.sign == '+' { 0 } else { 1 };
                    diff.fact_counts.entry(f.sort.0.clone()).or_default()[k] += 1;
                }
                if fields.is_empty() && entities.is_empty() && facts.is_empty() {
                    continue;
                }
                diff.doc_counts[2] += 1;
                let title = n.title.as_deref().unwrap_or("");
                let mut fields = fields;
                for c in fields.iter_mut() {
                    c.json["doc"] = json!(id);
                }
                let mut entities = entities;
                let mut facts = facts;
                for c in entities.iter_mut().chain(facts.iter_mut()) {
                    c.json["line"] = json!(c.line);
                }
                diff.docs.push(DocDiff {
                    id: id.clone(),
                    status: '~',
                    header: format!("document {id} \"{title}\""),
                    header_json: json!({"id": id, "title": n.title}),
                    fields,
                    entities,
                    facts,
                });
            }
            (None, None) => {}
        }
    }
    diff.bodies = bodies_diff(oc, nc, &body_map);
    for c in &diff.bodies {
        if let Some(k) = c.json["change"].as_str() {
            *diff.body_counts.entry(k.to_string()).or_default() += 1;
        }
    }
    diff
}

fn bodies_diff(
    oc: &Corpus,
    nc: &Corpus,
    map: &BTreeMap<String, BTreeMap<String, usize>>,
) -> Vec<Change> {
    let mut out = Vec::new();
    let mut explained_old: BTreeSet<&str> = BTreeSet::new();
    let mut explained_new: BTreeSet<&str> = BTreeSet::new();
    let mut rev: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (a, targets) in map {
        for (b, n) in targets {
            *rev.entry(b).or_default().entry(a).or_default() += n;
        }
    }
    let named = |c: &Corpus, id: &str, n: usize| format!("{id} \"{}\" ({n})", body_name(c, id));
    let mk = |kind: &str, line: String, j: Value| {
        let mut j = j;
        j["change"] = json!(kind);
        j["line"] = json!(line);
        Change {
            sign: '~',
            line,
            json: j,
            sort: (String::new(), 0, 0),
        }
    };
    for (b, sources) in &rev {
        if sources.len() > 1 {
            let from: Vec<String> = sources.iter().map(|(a, n)| named(oc, a, *n)).collect();
            let line = format!("merged {} → {b} \"{}\"", from.join(", "), body_name(nc, b));
            explained_new.insert(b);
            explained_old.extend(sources.keys().copied());
            out.push(mk(
                "merged",
                line,
                json!({"old": sources.keys().collect::<Vec<_>>(), "new": b}),
            ));
        }
    }
    for (a, targets) in map {
        if targets.len() > 1 {
            let to: Vec<String> = targets.iter().map(|(b, n)| named(nc, b, *n)).collect();
            let line = format!("split {a} \"{}\" → {}", body_name(oc, a), to.join(", "));
            explained_old.insert(a);
            explained_new.extend(targets.keys().map(String::as_str));
            out.push(mk(
                "split",
                line,
                json!({"old": a, "new": targets.keys().collect::<Vec<_>>()}),
            ));
        } else if let Some((b, _)) = targets.iter().next() {
            if b != a && rev.get(b.as_str()).is_some_and(|s| s.len() == 1) {
                let line = format!(
                    "renamed {a} \"{}\" → {b} \"{}\"",
                    body_name(oc, a),
                    body_name(nc, b)
                );
                explained_old.insert(a);
                explained_new.insert(b);
                out.push(mk("renamed", line, json!({"old": a, "new": b})));
            }
        }
    }
    let ids: BTreeSet<&String> = oc.bodies.keys().chain(nc.bodies.keys()).collect();
    for id in ids {
        match (oc.bodies.get(id), nc.bodies.get(id)) {
            (Some(b), None) | (None, Some(b)) => {
                let (sign, kind, explained) = if nc.bodies.contains_key(id) {
                    ('+', "added", &explained_new)
                } else {
                    ('-', "removed", &explained_old)
                };
                if explained.contains(id.as_str()) {
                    continue;
                }
                let line = format!(
                    "{sign} body {id} \"{}\" ({}), {} mention{} in {}",
                    b.name,
                    b.kind,
                    b.mentions,
                    if b.mentions == 1 { "" } else { "s" },
                    b.docs.join(", ")
                );
                let mut c = mk(
                    kind,
                    line,
                    json!({"id": id, "name": b.name, "kind": b.kind, "aliases": b.aliases,
                           "docs": b.docs, "mentions": b.mentions}),
                );
                c.sign = sign;
                out.push(c);
            }
            (Some(o), Some(n)) => {
                let mut parts = Vec::new();
                let mut j = json!({"id": id});
                if o.name != n.name {
                    parts.push(format!("name \"{}\" → \"{}\"", o.name, n.name));
                    j["name"] = json!({"old": o.name, "new": n.name});
                }
                if o.kind != n.kind {
                    parts.push(format!("kind {} → {}", o.kind, n.kind));
                    j["kind"] = json!({"old": o.kind, "new": n.kind});
                }
                let (oa, na): (BTreeSet<&String>, BTreeSet<&String>) =
                    (o.aliases.iter().collect(), n.aliases.iter().collect());
                let plus: Vec<&&String> = na.difference(&oa).collect();
                let minus: Vec<&&String> = oa.difference(&na).collect();
                if !plus.is_empty() || !minus.is_empty() {
                    let mut p = String::from("aliases");
                    for a in &plus {
                        p += &format!(" +\"{a}\"");
                    }
                    for a in &minus {
                        p += &format!(" -\"{a}\"");
                    }
                    parts.push(p);
                    j["aliases"] = json!({"added": plus, "removed": minus});
                }
                if !parts.is_empty() {
                    let line = format!("~ body {id} \"{}\": {}", n.name, parts.join("; "));
                    out.push(mk("changed", line, j));
                }
            }
            (None, None) => {}
        }
    }
    let rank = |c: &Change| match c.json["change"].as_str() {
        Some("merged") => 0,
        Some("split") => 1,
        Some("renamed") => 2,
        Some("removed") => 3,
        Some("added") => 4,
        _ => 5,
    };
    out.sort_by(|a, b| (rank(a), &a.line).cmp(&(rank(b), &b.line)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(text: &str, entities: &[(&str, [usize; 2], Value, Value)]) -> Corpus {
        let doc = DocIn {
            id: "d".into(),
            source: "seeds/d.txt".into(),
            format: "txt".into(),
            sha256: format!("{:x}", text.len()),
            pages: None,
            chars: text.chars().count() as u64,
            title: Some("T".into()),
            subject_body: None,
            repairs: BTreeMap::new(),
        };
        let chars: Vec<char> = text.chars().collect();
        let ents = entities
            .iter()
            .map(|(kind, span, value, links)| EntityIn {
                doc: "d".into(),
                kind: kind.to_string(),
                text: chars[span[0]..span[1]].iter().collect(),
                span: *span,
                page: None,
                value: value.clone(),
                rule: format!("{kind}.r"),
                links: links.as_object().cloned().unwrap_or_default(),
            })
            .collect();
        let body = |id: &str, name: &str| BodyIn {
            id: id.into(),
            name: name.into(),
            kind: "region".into(),
            aliases: vec![],
            docs: vec!["d".into()],
            mentions: 1,
        };
        Corpus {
            schema_version: 1,
            docs: [("d".to_string(), doc)].into(),
            entities: [("d".to_string(), ents)].into(),
            bodies: [
                ("B:r".to_string(), body("B:r", "Région R")),
                ("B:s".to_string(), body("B:s", "Région S")),
            ]
            .into(),
            facts: BTreeMap::new(),
            texts: [("d".to_string(), chars)].into(),
        }
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(num(&json!(2387500)), "2 387 500");
        assert_eq!(num(&json!(500)), "500");
        assert_eq!(num(&json!(4.5)), "4,5");
        assert_eq!(num(&json!(-12000)), "-12 000");
    }

    #[test]
    fn equal_corpora_give_no_change() {
        let c = corpus(
            "La Région donne 5 euros.",
            &[("amount", [16, 23], json!({"eur": 5}), json!({}))],
        );
        let d = compare(&c, &c);
        assert!(d.is_empty());
        assert_eq!(d.to_text(), "");
        assert_eq!(d.to_json()["equal"], true);
    }

    #[test]
    fn a_value_changed_at_the_same_span_is_one_tilde_line() {
        let links = json!({"funder": "B:r", "period": {"start": "2014", "end": "2014"}});
        let a = corpus(
            "La Région donne 5 euros en 2014.",
            &[("amount", [16, 23], json!({"eur": 5}), links.clone())],
        );
        let b = corpus(
            "La Région donne 6 euros en 2014.",
            &[("amount", [16, 23], json!({"eur": 6}), links)],
        );
        let d = compare(&a, &b);
        let lines: Vec<&str> = d.docs[0].entities.iter().map(|c| c.line.as_str()).collect();
        assert_eq!(
            lines,
            ["~ amount 5 € → 6 € (Région R, 2014) \"La Région donne 6 euros en 2014.\""]
        );
        assert_eq!(d.entity_counts["amount"], [0, 0, 1]);
        assert!(d.to_text().contains("amount +0 -0 ~1"));
    }

    #[test]
    fn a_shifted_span_with_the_same_value_is_no_change() {
        let a = corpus(
            "Le 18/06/2014 fin.",
            &[("date", [3, 13], json!({"iso": "2014-06-18"}), json!({}))],
        );
        let b = corpus(
            "Vu le 18/06/2014 fin.",
            &[("date", [6, 16], json!({"iso": "2014-06-18"}), json!({}))],
        );
        let d = compare(&a, &b);
        assert!(d.docs[0].entities.is_empty());
        assert_eq!(d.docs[0].fields.len(), 1, "only the text changed");
        assert!(d.docs[0].fields[0]
            .line
            .starts_with("~ text changed: 1 line"));
    }

    #[test]
    fn added_and_removed_entities_show_value_and_evidence() {
        let a = corpus(
            "un deux trois 18/06/2014 quatre",
            &[("date", [14, 24], json!({"iso": "2014-06-18"}), json!({}))],
        );
        let b = corpus("un deux trois 18/06/2014 quatre", &[]);
        let d = compare(&a, &b);
        assert_eq!(
            d.docs[0].entities[0].line,
            "- date 2014-06-18 \"un deux trois 18/06/2014 quatre\""
        );
        let back = compare(&b, &a);
        assert_eq!(back.entity_counts["date"], [1, 0, 0]);
    }

    #[test]
    fn a_longer_span_at_the_same_place_is_still_one_change() {
        let a = corpus(
            "x 5 euros y",
            &[("amount", [2, 9], json!({"eur": 5}), json!({}))],
        );
        let b = corpus(
            "x 5,50 euros y",
            &[("amount", [2, 12], json!({"eur": 5.5}), json!({}))],
        );
        let d = compare(&a, &b);
        assert_eq!(d.entity_counts["amount"], [0, 0, 1]);
    }

    #[test]
    fn bodies_merged_and_split_are_found_through_the_mentions() {
        let t = "Région R et Région S.";
        let a = corpus(
            t,
            &[
                ("body", [0, 8], json!({"body": "B:r"}), json!({})),
                ("body", [12, 20], json!({"body": "B:s"}), json!({})),
            ],
        );
        let b = corpus(
            t,
            &[
                ("body", [0, 8], json!({"body": "B:r"}), json!({})),
                ("body", [12, 20], json!({"body": "B:r"}), json!({})),
            ],
        );
        let d = compare(&a, &b);
        assert_eq!(d.body_counts.get("merged"), Some(&1));
        assert!(d.bodies[0]
            .line
            .starts_with("merged B:r \"Région R\" (1), B:s \"Région S\" (1) → B:r"));
        let d = compare(&b, &a);
        assert_eq!(d.body_counts.get("split"), Some(&1));
    }

    #[test]
    fn evidence_is_a_few_words_around_the_span() {
        let t: Vec<char> = "a b c d e f ENT g h i j k l".chars().collect();
        assert_eq!(evidence(&t, [12, 15]), "\"…c d e f ENT g h i j…\"");
        let t: Vec<char> = "é\nENT\n".chars().collect();
        assert_eq!(evidence(&t, [2, 5]), "\"é ENT\"");
    }

    #[test]
    fn text_changes_are_counted_in_lines() {
        let a: Vec<char> = "a\nb\nc\nd\n".chars().collect();
        let b: Vec<char> = "a\nB\nc\nd\ne\n".chars().collect();
        assert_eq!(line_changes(&a, &b), (1, 2));
    }
}
