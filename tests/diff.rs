//! `esscorpus diff OLD NEW` on real corpora: equal folders, a rule-visible change in one
//! seed, a removed document, `--json`, and the errors.
mod util;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;
use util::{esscorpus, root, stderr};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn run(input: &Path, out: &Path) {
    let o = esscorpus(&[
        "run",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(o.status.success(), "run failed: {}", stderr(&o));
}

/// The seeds' corpus, built once for all the tests of this file (under Cargo's temporary
/// folder for integration tests).
fn seeds_corpus() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-seeds");
        run(&root().join("seeds"), &out);
        out
    })
}

/// A copy of the seeds, with `edit` applied, run into a corpus in `tmp`.
fn edited_corpus(tmp: &Path, edit: impl FnOnce(&Path)) -> PathBuf {
    let drop = tmp.join("drop");
    fs::create_dir_all(&drop).unwrap();
    for e in fs::read_dir(root().join("seeds")).unwrap().flatten() {
        fs::copy(e.path(), drop.join(e.file_name())).unwrap();
    }
    edit(&drop);
    let out = tmp.join("out");
    run(&drop, &out);
    out
}

fn diff(args: &[&Path], json: bool) -> std::process::Output {
    let mut a: Vec<&str> = vec!["diff"];
    a.extend(args.iter().map(|p| p.to_str().unwrap()));
    if json {
        a.push("--json");
    }
    esscorpus(&a)
}

#[test]
fn equal_corpora_exit_0_with_no_output() {
    let o = diff(&[seeds_corpus(), seeds_corpus()], false);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    // The committed output/ is the seeds' corpus too (run.json aside).
    let o = diff(&[&root().join("output"), seeds_corpus()], false);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn a_changed_amount_shows_as_exactly_that_change() {
    let tmp = tempfile::tempdir().unwrap();
    let new = edited_corpus(tmp.path(), |drop| {
        let p = drop.join("003_9092218c93b45cea.txt");
        let text = fs::read_to_string(&p).unwrap();
        assert_eq!(text.matches("2 387 500 euros").count(), 1);
        fs::write(&p, text.replace("2 387 500 euros", "2 400 000 euros")).unwrap();
    });
    let o = diff(&[seeds_corpus(), &new], false);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let changes: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("  ") && !l.contains(" +0 -0 ~0"))
        .map(str::trim)
        .collect();
    assert_eq!(changes.len(), 7, "{out}");
    assert_eq!(changes[0], "~ text changed: 1 line (-1 +1)", "{out}");
    assert!(
        changes[1].starts_with("~ amount 2 387 500 € → 2 400 000 € (Région Rhône-Alpes, 2014) \"…")
            && changes[1].contains("2 400 000 euros"),
        "{out}"
    );
    assert_eq!(
        changes[2], "- funding Région Rhône-Alpes 2 387 500 € 2014",
        "{out}"
    );
    assert_eq!(
        changes[3], "+ funding Région Rhône-Alpes 2 400 000 € 2014",
        "{out}"
    );
    assert_eq!(
        &changes[4..],
        [
            "documents +0 -0 ~1",
            "amount +0 -0 ~1",
            "fact funding +1 -1"
        ]
    );
    assert!(out.starts_with("document 003_9092218c93b45cea "), "{out}");
    assert!(!out.contains("\nbodies\n"), "{out}");

    // The same as JSON.
    let o = diff(&[seeds_corpus(), &new], true);
    assert_eq!(o.status.code(), Some(1));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["equal"], false);
    assert_eq!(j["entities"]["changed"].as_array().unwrap().len(), 1);
    let c = &j["entities"]["changed"][0];
    assert_eq!(c["old"]["value"]["eur"], 2387500);
    assert_eq!(c["new"]["value"]["eur"], 2400000);
    assert_eq!(c["new"]["links"]["funder"], "B:region-rhone-alpes");
    assert_eq!(j["facts"]["removed"][0]["amount"]["eur"], 2387500);
    assert_eq!(j["facts"]["added"][0]["amount"]["eur"], 2400000);
    assert_eq!(j["summary"]["entities"]["amount"]["changed"], 1);
    assert_eq!(j["summary"]["facts"]["funding"]["added"], 1);
}

#[test]
fn a_removed_document_is_one_line_and_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let new = edited_corpus(tmp.path(), |drop| {
        fs::remove_file(drop.join("004_eccd5718877c3203.txt")).unwrap();
    });
    let old = seeds_corpus();
    let o = diff(&[old, &new], false);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("- document 004_eccd5718877c3203 \""),
        "{out}"
    );
    assert!(out.contains("documents +0 -1 ~0"), "{out}");

    let o = diff(&[old, &new], true);
    assert_eq!(o.status.code(), Some(1));
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    let removed = j["documents"]["removed"].as_array().unwrap();
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0]["id"], "004_eccd5718877c3203");
    assert_eq!(j["summary"]["documents"]["removed"], 1);
    // Its entities are counted as removed, type by type.
    let ents: Vec<Value> = fs::read_to_string(old.join("entities.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|e: &Value| e["doc"] == "004_eccd5718877c3203")
        .collect();
    let amounts = ents.iter().filter(|e| e["type"] == "amount").count();
    let bodies = ents.iter().filter(|e| e["type"] == "body").count();
    assert_eq!(removed[0]["entities"]["body"], bodies);
    let summary_removed = |t: &str| j["summary"]["entities"][t]["removed"].as_u64().unwrap_or(0);
    assert!(summary_removed("body") >= bodies as u64);
    assert!(summary_removed("amount") >= amounts as u64);
    // The other way round it is an added document.
    let o = diff(&[&new, old], true);
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["documents"]["added"][0]["id"], "004_eccd5718877c3203");
}

#[test]
fn missing_or_malformed_folders_exit_2_and_say_which() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nope");
    let o = diff(&[seeds_corpus(), &missing], false);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nope"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");

    let bad = tmp.path().join("bad");
    fs::create_dir_all(bad.join("text")).unwrap();
    for e in fs::read_dir(seeds_corpus()).unwrap().flatten() {
        if e.path().is_file() {
            fs::copy(e.path(), bad.join(e.file_name())).unwrap();
        }
    }
    for e in fs::read_dir(seeds_corpus().join("text")).unwrap().flatten() {
        fs::copy(e.path(), bad.join("text").join(e.file_name())).unwrap();
    }
    let mut ents = fs::read_to_string(bad.join("entities.jsonl")).unwrap();
    ents.insert_str(0, "{\"doc\": 3}\n");
    fs::write(bad.join("entities.jsonl"), ents).unwrap();
    let o = diff(&[seeds_corpus(), &bad], false);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("entities.jsonl:1:"), "{}", stderr(&o));

    fs::copy(
        seeds_corpus().join("entities.jsonl"),
        bad.join("entities.jsonl"),
    )
    .unwrap();

    fs::remove_file(bad.join("facts.jsonl")).unwrap();
    let o = diff(&[&bad, seeds_corpus()], true);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("facts.jsonl"), "{}", stderr(&o));
}
