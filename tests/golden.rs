//! The seeds' full output is committed in `output/`; this test fails when a change alters
//! it, and prints what changed. To accept a change: `ESSCORPUS_BLESS=1 cargo test --test golden`.
mod util;

use std::fs;

use util::{corpus_files, esscorpus, line_diff, root, stderr};

#[test]
fn seeds_output_matches_committed_corpus() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = esscorpus(&["run", "seeds", "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success(), "run failed: {}", stderr(&o));
    let golden = root().join("output");
    let new = corpus_files(&out);
    if std::env::var_os("ESSCORPUS_BLESS").is_some() {
        if golden.exists() {
            fs::remove_dir_all(&golden).unwrap();
        }
        for (rel, bytes) in &new {
            let p = golden.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, bytes).unwrap();
        }
        return;
    }
    let old = corpus_files(&golden);
    let mut report = String::new();
    let names: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for name in names {
        match (old.get(name), new.get(name)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => {
                report += &format!("--- output/{name}\n+++ new/{name}\n");
                report += &line_diff(&String::from_utf8_lossy(a), &String::from_utf8_lossy(b), 80);
            }
            (Some(_), None) => report += &format!("- output/{name} is no longer written\n"),
            (None, Some(_)) => report += &format!("+ new/{name} is not in output/\n"),
            (None, None) => {}
        }
    }
    assert!(
        report.is_empty(),
        "the seeds' output changed:\n{report}\nIf the change is intended, accept it with:\n    ESSCORPUS_BLESS=1 cargo test --test golden\nand commit output/."
    );
}
