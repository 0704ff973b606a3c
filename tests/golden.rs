//! The seeds' full output is committed in `output/`; this test fails when a change alters
//! it, and prints what changed: the values first (`esscorpus diff output/ NEW`), then a line
//! diff of the files that differ. To accept a change: `ESSCORPUS_BLESS=1 cargo test --test golden`.
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
    if old == new {
        return;
    }
    let mut report = match esscorpus::diff::diff_folders(&golden, &out) {
        Ok(d) if d.is_empty() => "no value changed (only the bytes of the files):\n".to_string(),
        Ok(d) => format!("esscorpus diff output/ NEW:\n{}\n", d.to_text()),
        Err(e) => format!("esscorpus diff output/ NEW failed: {e}\n"),
    };
    report += "line diff of the files:\n";
    let names: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for name in names {
        match (old.get(name), new.get(name)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => {
                report += &format!("--- output/{name}\n+++ new/{name}\n");
                report += &line_diff(&String::from_utf8_lossy(a), &String::from_utf8_lossy(b), 40);
            }
            (Some(_), None) => report += &format!("- output/{name} is no longer written\n"),
            (None, Some(_)) => report += &format!("+ new/{name} is not in output/\n"),
            (None, None) => {}
        }
    }
    panic!(
        "the seeds' output changed:\n{report}\nIf the change is intended, accept it with:\n    ESSCORPUS_BLESS=1 cargo test --test golden\nand commit output/."
    );
}
