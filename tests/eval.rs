//! `esscorpus eval` gives the same figures as `shared/tools/score.py`.
mod util;

use std::process::Command;

use serde_json::Value;
use util::{esscorpus, shared, stderr};

fn agree_on(drop: &str, gold: &std::path::Path, score_py: &std::path::Path) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = esscorpus(&["run", drop, "--out", out.to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let py = match Command::new("python3")
        .arg(score_py)
        .arg(&out)
        .arg(gold)
        .arg("--json")
        .output()
    {
        Ok(p) if p.status.success() => p,
        _ => {
            eprintln!("python3 or score.py unavailable: skipped");
            return;
        }
    };
    let ours = esscorpus(&[
        "eval",
        out.to_str().unwrap(),
        gold.to_str().unwrap(),
        "--json",
    ]);
    assert!(ours.status.success(), "{}", stderr(&ours));
    let a: Value = serde_json::from_slice(&py.stdout).unwrap();
    let b: Value = serde_json::from_slice(&ours.stdout).unwrap();
    assert_eq!(a, b, "score.py and esscorpus eval disagree on {drop}");
}

#[test]
fn eval_agrees_with_score_py_on_seeds_and_dev() {
    let Some(shared) = shared() else {
        eprintln!("../shared is absent: skipped");
        return;
    };
    let score = shared.join("tools/score.py");
    agree_on("seeds", &shared.join("gold"), &score);
    let dev = shared.join("dev/docs");
    agree_on(dev.to_str().unwrap(), &shared.join("dev/gold"), &score);
}

#[test]
fn eval_misses_lists_gold_items_not_found() {
    let Some(shared) = shared() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert!(
        esscorpus(&["run", "seeds", "--out", out.to_str().unwrap(), "-q"])
            .status
            .success()
    );
    let gold = shared.join("gold");
    let o = esscorpus(&[
        "eval",
        out.to_str().unwrap(),
        gold.to_str().unwrap(),
        "--misses",
        "--doc",
        "004_eccd5718877c3203",
    ]);
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.starts_with("type "));
    assert!(s.lines().any(|l| l.starts_with("amounts ")));
    let lines_of_other_docs = s
        .lines()
        .filter(|l| l.contains('\t') && !l.starts_with("004_eccd5718877c3203"))
        .count();
    assert_eq!(lines_of_other_docs, 0);
}

#[test]
fn eval_of_a_missing_gold_folder_fails_clearly() {
    let o = esscorpus(&["eval", "output", "no/such/gold"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/gold"));
}
