//! Helpers shared by the integration tests: run the built binary, compare corpus folders.
#![allow(dead_code)]
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root (where `seeds/` and `output/` live).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, when it is there (it is on the developers' machines
/// and in CI).
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

/// Runs the esscorpus binary with the given arguments.
pub fn esscorpus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_esscorpus"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the test binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file of a corpus folder but `run.json` and the cache (`cache/`: the per-document
/// results reused by `run --into` and `merge`, not part of the output contract), by
/// relative path.
pub fn corpus_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    collect(dir, dir, &mut out);
    out.remove("run.json");
    out.retain(|k, _| !k.starts_with("cache/"));
    out
}

fn collect(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(base, &p, out);
        } else if let Ok(bytes) = fs::read(&p) {
            let rel = p
                .strip_prefix(base)
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            out.insert(rel, bytes);
        }
    }
}

/// A readable line diff of two texts (`-` old, `+` new, two lines of context), at most
/// `max_lines` lines long.
pub fn line_diff(old: &str, new: &str, max_lines: usize) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Trim the common head and tail so the LCS table stays small.
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops: Vec<(char, &str)> = Vec::new();
    if am.len() * bm.len() > 25_000_000 {
        ops.extend(am.iter().map(|l| ('-', *l)));
        ops.extend(bm.iter().map(|l| ('+', *l)));
    } else {
        let (n, m) = (am.len(), bm.len());
        let mut lcs = vec![vec![0u32; m + 1]; n + 1];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i][j] = if am[i] == bm[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && am[i] == bm[j] {
                ops.push((' ', am[i]));
                i += 1;
                j += 1;
            } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
                ops.push(('+', bm[j]));
                j += 1;
            } else {
                ops.push(('-', am[i]));
                i += 1;
            }
        }
    }
    let mut out = format!("@@ from line {} @@\n", head + 1);
    for (k, (op, line)) in ops.iter().enumerate() {
        let near = ops[k.saturating_sub(2)..(k + 3).min(ops.len())]
            .iter()
            .any(|(o, _)| *o != ' ');
        if *op != ' ' || near {
            out += &format!("{op} {line}\n");
        }
        if out.lines().count() >= max_lines {
            out += "… (diff cut)\n";
            break;
        }
    }
    out
}
