//! `esscorpus eval OUTPUT GOLD`: precision, recall and F1 per entity type, and link
//! accuracy, of a corpus folder against hand-made gold files.
//!
//! The matching rules are those of `shared/spec/gold-format.md`, implemented exactly as
//! `shared/tools/score.py` does (a test checks that both give the same figures), so users
//! can score their own annotated documents without Python.
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use serde_json::{json, Map, Value as Json};
use unicode_normalization::UnicodeNormalization;

pub const TYPES: [&str; 9] = [
    "amounts",
    "dates",
    "periods",
    "bodies",
    "persons",
    "axes",
    "actions",
    "programmes",
    "metrics",
];
const LINKS: [&str; 4] = ["amount.funder", "amount.when", "person.role", "person.body"];
const ARTICLES: [&str; 8] = ["le", "la", "les", "l", "d", "de", "du", "des"];
const STOP_EXTRA: [&str; 12] = [
    "et", "en", "a", "au", "aux", "un", "une", "pour", "par", "sur", "dans", "avec",
];
const PUNCT: &str = "’'`‘-–—_/\\.,;:()[]«»\"!?*•…&+";

/// The scorer's name key: lower case, `œ`→`oe`, compatibility forms and accents removed,
/// punctuation to spaces, leading articles dropped, white space collapsed.
pub fn fold(s: &str) -> String {
    let lower = s.to_lowercase().replace('œ', "oe").replace('æ', "ae");
    let stripped: String = lower
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if PUNCT.contains(c) { ' ' } else { c })
        .collect();
    let mut toks: Vec<&str> = stripped.split_whitespace().collect();
    let lead = toks.iter().take_while(|t| ARTICLES.contains(t)).count();
    toks.drain(..lead);
    toks.join(" ")
}

fn tokens(s: &str) -> BTreeSet<String> {
    fold(s)
        .split(' ')
        .filter(|t| !t.is_empty() && !ARTICLES.contains(t) && !STOP_EXTRA.contains(t))
        .map(str::to_string)
        .collect()
}

fn dice(a: &str, b: &str) -> f64 {
    let (a, b) = (tokens(a), tokens(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()) as f64
}

/// An action code without its leading label word: `Action 1.2`, `Fiche-action n° 3` → `1.2`, `3`.
fn code_key(c: &str) -> String {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(fiche[\s-]*action|fiche|action|mesure|projet)s?\b[\s:.-]*")
            .expect("static regex")
    });
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(n\s*°|no\.?|num\.?)\s*").expect("static regex"));
    let s: String = c
        .to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    let s = LABEL.replace(s.trim(), "");
    let s = NUMBER.replace(&s, "");
    s.trim_matches(|c: char| " .:-–—".contains(c)).to_string()
}

fn s(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::String(x) => x.clone(),
        other => other.to_string(),
    }
}

/// `str(x)` as Python prints it, for the few places score.py compares strings of values.
fn py_str(v: &Json) -> String {
    match v {
        Json::Null => "None".into(),
        Json::String(x) => x.clone(),
        Json::Bool(b) => if *b { "True" } else { "False" }.into(),
        Json::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

fn names_of(item: &Json) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert(fold(&s(&item["name"])));
    if let Some(a) = item["aliases"].as_array() {
        out.extend(a.iter().map(|x| fold(&s(x))));
    }
    out.remove("");
    out
}

fn num(v: &Json) -> Option<f64> {
    match v {
        Json::Number(n) => n.as_f64(),
        Json::String(x) => x.trim().parse().ok(),
        Json::Bool(b) => Some(f64::from(u8::from(*b))),
        _ => None,
    }
}

fn num_eq(a: &Json, b: &Json, tol: f64) -> bool {
    matches!((num(a), num(b)), (Some(x), Some(y)) if (x - y).abs() <= tol)
}

/// Year or period of an amount's links in gold form: `2014` or `2014-2016`.
fn when_of(links: &Json) -> Option<String> {
    let p = &links["period"];
    if let Some(start) = p.get("start").filter(|x| !x.is_null() && !s(x).is_empty()) {
        let st: String = s(start).chars().take(4).collect();
        let end = p
            .get("end")
            .filter(|x| !x.is_null() && !s(x).is_empty())
            .unwrap_or(start);
        let en: String = s(end).chars().take(4).collect();
        return Some(if st == en { st } else { format!("{st}-{en}") });
    }
    let mut y = links.get("year").filter(|x| truthy(x));
    if y.is_none() {
        y = links.get("date").filter(|x| truthy(x));
    }
    let y = y?;
    let y = if y.is_object() { &y["iso"] } else { y };
    if !truthy(y) {
        return None;
    }
    Some(py_str(y).chars().take(4).collect())
}

fn truthy(v: &Json) -> bool {
    match v {
        Json::Null => false,
        Json::Bool(b) => *b,
        Json::String(x) => !x.is_empty(),
        Json::Array(a) => !a.is_empty(),
        Json::Object(o) => !o.is_empty(),
        Json::Number(n) => n.as_f64() != Some(0.0),
    }
}

fn read_jsonl(path: &Path) -> Result<Vec<Json>, String> {
    let Ok(text) = fs::read_to_string(path) else {
        return Ok(Vec::new());
    };
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).map_err(|e| format!("{}: {e}", path.display())))
        .collect()
}

type PerDoc = BTreeMap<String, BTreeMap<&'static str, Vec<Json>>>;

fn empty_doc() -> BTreeMap<&'static str, Vec<Json>> {
    TYPES.iter().map(|t| (*t, Vec::new())).collect()
}

fn load_output(dir: &Path) -> Result<PerDoc, String> {
    let bodies: HashMap<String, Json> = read_jsonl(&dir.join("bodies.jsonl"))?
        .into_iter()
        .map(|b| (s(&b["id"]), b))
        .collect();
    let body = |id: &Json| -> Json {
        if id.is_null() {
            return Json::Null;
        }
        bodies.get(&s(id)).cloned().unwrap_or(Json::Null)
    };
    let facts = read_jsonl(&dir.join("facts.jsonl"))?;
    let (mut f_funder, mut f_when, mut p_body, mut p_role) = (
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
    );
    for f in &facts {
        for eid in f["entities"].as_array().into_iter().flatten() {
            let eid = s(eid);
            if f["kind"] == "funding" {
                if truthy(&f["funder"]) {
                    f_funder.entry(eid.clone()).or_insert(f["funder"].clone());
                }
                if let Some(w) = when_of(&json!({"period": f["period"], "year": f["year"]})) {
                    f_when.entry(eid.clone()).or_insert(w);
                }
            }
            if f["kind"] == "representation" {
                if truthy(&f["body"]) {
                    p_body.entry(eid.clone()).or_insert(f["body"].clone());
                }
                if truthy(&f["role"]) {
                    p_role.entry(eid.clone()).or_insert(f["role"].clone());
                }
            }
        }
    }
    let mut per_doc: PerDoc = BTreeMap::new();
    for e in read_jsonl(&dir.join("entities.jsonl"))? {
        let d = per_doc.entry(s(&e["doc"])).or_insert_with(empty_doc);
        let (v, links, id) = (&e["value"], &e["links"], s(&e["id"]));
        let push = |d: &mut BTreeMap<&'static str, Vec<Json>>, t: &'static str, x: Json| {
            if let Some(list) = d.get_mut(t) {
                list.push(x);
            }
        };
        match e["type"].as_str().unwrap_or_default() {
            "amount" => {
                let funder = if truthy(&links["funder"]) {
                    links["funder"].clone()
                } else {
                    f_funder.get(&id).cloned().unwrap_or(Json::Null)
                };
                let when = when_of(links).or_else(|| f_when.get(&id).cloned());
                push(
                    d,
                    "amounts",
                    json!({"eur": v["eur"], "funder": body(&funder), "when": when, "text": e["text"]}),
                );
            }
            "date" => push(d, "dates", json!({"iso": v["iso"], "text": e["text"]})),
            "period" => push(
                d,
                "periods",
                json!({"start": v["start"], "end": v["end"], "text": e["text"]}),
            ),
            "body" => {
                let b = body(&v["body"]);
                if !b.is_null() && d["bodies"].iter().all(|x| x["id"] != b["id"]) {
                    push(d, "bodies", b);
                }
            }
            "person" => {
                let pb = if truthy(&links["body"]) {
                    links["body"].clone()
                } else {
                    p_body.get(&id).cloned().unwrap_or(Json::Null)
                };
                let role = if truthy(&v["role"]) {
                    v["role"].clone()
                } else {
                    p_role.get(&id).cloned().unwrap_or(Json::Null)
                };
                push(
                    d,
                    "persons",
                    json!({"name": v["name"], "role": role, "body": body(&pb)}),
                );
            }
            "axis" => push(
                d,
                "axes",
                json!({"number": v["number"], "label": v["label"]}),
            ),
            "action" => push(
                d,
                "actions",
                json!({"code": v["code"], "label": v["label"]}),
            ),
            "programme" => {
                let aliases = if truthy(&v["aliases"]) {
                    v["aliases"].clone()
                } else {
                    json!([])
                };
                push(
                    d,
                    "programmes",
                    json!({"name": v["name"], "aliases": aliases}),
                );
            }
            "metric" => push(
                d,
                "metrics",
                json!({"value": v["value"], "unit": v["unit"]}),
            ),
            _ => {}
        }
    }
    for d in per_doc.values_mut() {
        for t in TYPES {
            if t == "bodies" {
                continue;
            }
            let Some(items) = d.get_mut(t) else { continue };
            let mut seen: BTreeSet<String> = BTreeSet::new();
            let mut keep: Vec<Json> = Vec::new();
            for x in items.drain(..) {
                let k = dedupe_key(t, &x);
                if seen.contains(&k) {
                    if t == "amounts" || t == "persons" {
                        let carries = |y: &Json| truthy(&y["funder"]) || truthy(&y["body"]);
                        for y in keep.iter_mut() {
                            if dedupe_key(t, y) == k && !carries(y) && carries(&x) {
                                *y = x.clone();
                            }
                        }
                    }
                    continue;
                }
                seen.insert(k);
                keep.push(x);
            }
            *items = keep;
        }
    }
    Ok(per_doc)
}

fn dedupe_key(t: &str, x: &Json) -> String {
    match t {
        "amounts" => py_str(&x["eur"]),
        "dates" => py_str(&x["iso"]),
        "periods" => format!("{}\u{1}{}", py_str(&x["start"]), py_str(&x["end"])),
        "persons" => fold(&s(&x["name"])),
        "actions" => format!("{}\u{1}{}", py_str(&x["code"]), fold(&s(&x["label"]))),
        "programmes" => fold(&s(&x["name"])),
        "metrics" => format!("{}\u{1}{}", py_str(&x["value"]), fold(&s(&x["unit"]))),
        "axes" => format!("{}\u{1}{}", py_str(&x["number"]), fold(&s(&x["label"]))),
        _ => String::new(),
    }
}

fn body_match(out_body: &Json, gold_name: &str, gold_aliases: &[String]) -> bool {
    if !truthy(out_body) {
        return false;
    }
    let mut g: BTreeSet<String> = gold_aliases.iter().map(|a| fold(a)).collect();
    g.insert(fold(gold_name));
    !names_of(out_body).is_disjoint(&g)
}

fn score_pair(t: &str, g: &Json, o: &Json) -> f64 {
    let one = |b: bool| if b { 1.0 } else { 0.0 };
    match t {
        "amounts" => one(num_eq(&g["eur"], &o["eur"], 0.005)),
        "dates" => one(py_str(&g["iso"]) == py_str(&o["iso"])),
        "periods" => {
            one(py_str(&g["start"]) == py_str(&o["start"])
                && py_str(&g["end"]) == py_str(&o["end"]))
        }
        "bodies" => one(!names_of(o).is_disjoint(&names_of(g))),
        "persons" => one(fold(&s(&g["name"])) == fold(&s(&o["name"]))),
        "axes" => {
            let d = dice(&s(&g["label"]), &s(&o["label"]));
            let same_number = !g["number"].is_null() && g["number"] == o["number"];
            if d >= 0.6 || (same_number && d >= 0.3) {
                d
            } else {
                0.0
            }
        }
        "actions" => {
            if truthy(&g["code"]) {
                one(code_key(&s(&g["code"])) == code_key(&s(&o["code"])))
            } else {
                let d = dice(&s(&g["label"]), &s(&o["label"]));
                if d >= 0.6 {
                    d
                } else {
                    0.0
                }
            }
        }
        "programmes" => {
            let (gn, on) = (names_of(g), names_of(o));
            if !gn.is_disjoint(&on) {
                return 1.0;
            }
            let d = gn
                .iter()
                .flat_map(|a| on.iter().map(move |b| dice(a, b)))
                .fold(0.0, f64::max);
            if d >= 0.8 {
                d
            } else {
                0.0
            }
        }
        "metrics" => {
            let gu = fold(&s(&g["unit"])).replace(' ', "");
            let ou = fold(&s(&o["unit"])).replace(' ', "");
            let prefix = |u: &str| u.chars().take(5).collect::<String>();
            one(num_eq(&g["value"], &o["value"], 1e-6) && prefix(&gu) == prefix(&ou))
        }
        _ => 0.0,
    }
}

/// Greedy one-to-one matching, best similarity first (ties in gold-then-output order).
fn match_items(t: &str, gold: &[Json], out: &[Json]) -> Vec<(usize, usize)> {
    let mut cands = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        for (j, o) in out.iter().enumerate() {
            let sc = score_pair(t, g, o);
            if sc > 0.0 {
                cands.push((sc, i, j));
            }
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut gi, mut oj, mut pairs) = (BTreeSet::new(), BTreeSet::new(), Vec::new());
    for (_, i, j) in cands {
        if !gi.contains(&i) && !oj.contains(&j) {
            gi.insert(i);
            oj.insert(j);
            pairs.push((i, j));
        }
    }
    pairs
}

fn gold_aliases(gold: &Json, name: &str) -> Vec<String> {
    for b in gold["bodies"].as_array().into_iter().flatten() {
        let aliases: Vec<String> = b["aliases"]
            .as_array()
            .into_iter()
            .flatten()
            .map(s)
            .collect();
        if fold(&s(&b["name"])) == fold(name) || aliases.iter().any(|a| fold(a) == fold(name)) {
            let mut all = vec![s(&b["name"])];
            all.extend(aliases);
            return all;
        }
    }
    Vec::new()
}

/// One line of `--misses`: document, type, what, the item.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub doc: String,
    pub kind: String,
    pub what: String,
    pub item: Json,
}

/// The figures of one evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// tp, gold, output per type.
    pub types: BTreeMap<&'static str, [usize; 3]>,
    /// correct, gold per link.
    pub links: BTreeMap<&'static str, [usize; 2]>,
    pub misses: Vec<Miss>,
}

fn prf(tp: usize, ng: usize, no: usize) -> (f64, f64, f64) {
    let p = if no > 0 { tp as f64 / no as f64 } else { 0.0 };
    let r = if ng > 0 { tp as f64 / ng as f64 } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

impl Report {
    pub fn micro_f1(&self) -> f64 {
        let (tp, ng, no) = self
            .types
            .values()
            .fold((0, 0, 0), |a, x| (a.0 + x[0], a.1 + x[1], a.2 + x[2]));
        prf(tp, ng, no).2
    }

    /// The same JSON as `score.py --json`.
    pub fn to_json(&self) -> Json {
        let mut types = Map::new();
        for t in TYPES {
            let [tp, ng, no] = self.types[t];
            let (p, r, f) = prf(tp, ng, no);
            types.insert(
                t.into(),
                json!({"precision": round4(p), "recall": round4(r), "f1": round4(f), "tp": tp, "gold": ng, "output": no}),
            );
        }
        let mut links = Map::new();
        for k in LINKS {
            let [ok, n] = self.links[k];
            let acc = if n > 0 {
                json!(round4(ok as f64 / n as f64))
            } else {
                Json::Null
            };
            links.insert(k.into(), json!({"accuracy": acc, "correct": ok, "gold": n}));
        }
        json!({"types": types, "links": links, "micro_f1": round4(self.micro_f1())})
    }

    /// The same table as `score.py`.
    pub fn to_table(&self, with_misses: bool) -> String {
        let mut out = format!(
            "{:<11} {:>6} {:>6} {:>6}   tp/gold/out\n",
            "type", "P", "R", "F1"
        );
        for t in TYPES {
            let [tp, ng, no] = self.types[t];
            let (p, r, f) = prf(tp, ng, no);
            out += &format!(
                "{t:<11} {:6.3} {:6.3} {:6.3}   {tp}/{ng}/{no}\n",
                round4(p),
                round4(r),
                round4(f)
            );
        }
        out += &format!(
            "{:<11} {:>6} {:>6} {:6.3}\n",
            "all",
            "",
            "",
            round4(self.micro_f1())
        );
        for k in LINKS {
            let [ok, n] = self.links[k];
            let acc = if n > 0 {
                format!("{:.3}", round4(ok as f64 / n as f64))
            } else {
                "n/a".into()
            };
            out += &format!("link {k:<14} {acc:>6}   {ok}/{n}\n");
        }
        if with_misses {
            for m in &self.misses {
                out += &format!("{}\t{}\t{}\t{}\n", m.doc, m.kind, m.what, m.item);
            }
        }
        out
    }
}

/// Scores the corpus in `out_dir` against the gold files (`<doc>.json`) in `gold_dir`.
pub fn evaluate(out_dir: &Path, gold_dir: &Path, only: Option<&str>) -> Result<Report, String> {
    let pred = load_output(out_dir)?;
    let mut files: Vec<_> = fs::read_dir(gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut types: BTreeMap<&'static str, [usize; 3]> =
        TYPES.iter().map(|t| (*t, [0; 3])).collect();
    let mut links: BTreeMap<&'static str, [usize; 2]> =
        LINKS.iter().map(|k| (*k, [0; 2])).collect();
    let mut misses = Vec::new();
    let empty = empty_doc();
    for f in files {
        let text = fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let gold: Json =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
        let doc = match gold["doc"].as_str() {
            Some(d) if !d.is_empty() => d.to_string(),
            _ => f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        if only.is_some_and(|o| o != doc) {
            continue;
        }
        let o_doc = pred.get(&doc).unwrap_or(&empty);
        for t in TYPES {
            let g_items: Vec<Json> = gold[t].as_array().cloned().unwrap_or_default();
            let o_items = &o_doc[t];
            let pairs = match_items(t, &g_items, o_items);
            let c = types.entry(t).or_default();
            c[0] += pairs.len();
            c[1] += g_items.len();
            c[2] += o_items.len();
            let mg: BTreeSet<usize> = pairs.iter().map(|p| p.0).collect();
            let mo: BTreeSet<usize> = pairs.iter().map(|p| p.1).collect();
            let miss = |what: &str, item: Json| Miss {
                doc: doc.clone(),
                kind: t.into(),
                what: what.into(),
                item,
            };
            for (i, g) in g_items.iter().enumerate() {
                if !mg.contains(&i) {
                    misses.push(miss("missed", g.clone()));
                }
            }
            for (j, o) in o_items.iter().enumerate() {
                if !mo.contains(&j) {
                    let shown: Map<String, Json> = o
                        .as_object()
                        .into_iter()
                        .flatten()
                        .filter(|(k, _)| {
                            [
                                "name", "eur", "iso", "start", "end", "label", "code", "value",
                                "unit", "text",
                            ]
                            .contains(&k.as_str())
                        })
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    misses.push(miss("spurious", Json::Object(shown)));
                }
            }
            for (i, j) in pairs {
                let (g, o) = (&g_items[i], &o_items[j]);
                let link_miss = |what: &str, item: Json| Miss {
                    doc: doc.clone(),
                    kind: "link".into(),
                    what: what.into(),
                    item,
                };
                if t == "amounts" {
                    if truthy(&g["funder"]) {
                        let gf = s(&g["funder"]);
                        let ok = body_match(&o["funder"], &gf, &gold_aliases(&gold, &gf));
                        count(&mut links, "amount.funder", ok);
                        if !ok {
                            misses.push(link_miss(
                                "amount.funder",
                                json!({"eur": g["eur"], "gold": gf, "got": o["funder"].get("name")}),
                            ));
                        }
                    }
                    if truthy(&g["when"]) {
                        let ok = py_str(&g["when"]) == py_str(&o["when"]);
                        count(&mut links, "amount.when", ok);
                        if !ok {
                            misses.push(link_miss(
                                "amount.when",
                                json!({"eur": g["eur"], "gold": g["when"], "got": o["when"]}),
                            ));
                        }
                    }
                }
                if t == "persons" {
                    if truthy(&g["role"]) {
                        count(
                            &mut links,
                            "person.role",
                            dice(&s(&g["role"]), &s(&o["role"])) >= 0.5,
                        );
                    }
                    if truthy(&g["body"]) {
                        let gb = s(&g["body"]);
                        let ok = body_match(&o["body"], &gb, &gold_aliases(&gold, &gb));
                        count(&mut links, "person.body", ok);
                        if !ok {
                            misses.push(link_miss(
                                "person.body",
                                json!({"name": g["name"], "gold": gb, "got": o["body"].get("name")}),
                            ));
                        }
                    }
                }
            }
        }
    }
    Ok(Report {
        types,
        links,
        misses,
    })
}

fn count(links: &mut BTreeMap<&'static str, [usize; 2]>, k: &'static str, ok: bool) {
    if let Some(c) = links.get_mut(k) {
        c[0] += usize::from(ok);
        c[1] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_matches_the_scorer() {
        assert_eq!(fold("La Métro"), "metro");
        assert_eq!(fold("l’Isère"), "isere");
        assert_eq!(
            fold("Conseil général de l'Isère"),
            "conseil general de l isere"
        );
        assert_eq!(fold("8000 m²"), "8000 m2");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn code_keys_drop_label_words() {
        assert_eq!(code_key("Action 1.2"), "1.2");
        assert_eq!(code_key("Fiche-action n° 3"), "3");
        assert_eq!(code_key("Action n°1"), "1");
        assert_eq!(code_key("I_1.1.1"), "i_1.1.1");
        assert_eq!(code_key("Mesures 4 :"), "4");
        assert_eq!(code_key("actionnaire"), "actionnaire");
    }

    #[test]
    fn dice_ignores_stop_words() {
        assert!((dice("la communication", "communication") - 1.0).abs() < 1e-9);
        assert_eq!(dice("", "x"), 0.0);
    }

    #[test]
    fn when_reads_periods_and_years() {
        assert_eq!(
            when_of(&json!({"period": {"start": "2014", "end": "2016"}})).as_deref(),
            Some("2014-2016")
        );
        assert_eq!(
            when_of(&json!({"period": {"start": "2014-03", "end": "2014-12"}})).as_deref(),
            Some("2014")
        );
        assert_eq!(when_of(&json!({"year": "2015"})).as_deref(), Some("2015"));
        assert_eq!(when_of(&json!({})), None);
    }
}
