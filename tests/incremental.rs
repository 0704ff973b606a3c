//! Batch runs: `run --into` (incremental), `--remove`, `--shard K/N` with `merge`, and the
//! lock on a corpus folder. Each must give, byte for byte, the corpus of one full run.
mod util;

use std::fs;
use std::path::{Path, PathBuf};

use util::{corpus_files, esscorpus, root, shared, stderr};

/// Copies the named files of `from` into `<dir>/<label>/`, so that their sources
/// (`<label>/<file>`) are the same whatever part of the drop a run gets.
fn drop_of(dir: &Path, label: &str, from: &Path, names: &[String]) -> PathBuf {
    let d = dir.join(label);
    fs::create_dir_all(&d).unwrap();
    for n in names {
        fs::copy(from.join(n), d.join(n)).unwrap();
    }
    d
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    v.sort();
    v
}

fn ok(args: &[&str]) -> String {
    let o = esscorpus(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stderr(&o)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn assert_same(a: &Path, b: &Path, what: &str) {
    let (fa, fb) = (corpus_files(a), corpus_files(b));
    let differ: Vec<&String> = fa
        .keys()
        .chain(fb.keys())
        .filter(|k| fa.get(*k) != fb.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: files differ: {differ:?}");
    assert!(fa.contains_key("entities.jsonl"));
}

fn run_json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(out.join("run.json")).unwrap()).unwrap()
}

/// Full run over a drop = run over its first `k` files, then `--into` with the rest.
fn incremental_equals_full(src: &Path, k: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let all = names(src);
    let full_drop = drop_of(&tmp.path().join("all"), "docs", src, &all);
    let first = drop_of(&tmp.path().join("a"), "docs", src, &all[..k]);
    let rest = drop_of(&tmp.path().join("b"), "docs", src, &all[k..]);
    let (full, inc) = (tmp.path().join("full"), tmp.path().join("inc"));
    ok(&["run", s(&full_drop), "--out", s(&full), "-q"]);
    ok(&["run", s(&first), "--out", s(&inc), "-q"]);
    let err = ok(&["run", s(&rest), "--into", s(&inc)]);
    assert!(
        err.contains(&format!("({k} from the cache)")),
        "summary: {err}"
    );
    assert_same(&full, &inc, "incremental run");
    assert_eq!(run_json(&inc)["reused"], k);
    // The cache entries are the same too (the index records where files were read from).
    for name in names(&full.join("cache")) {
        if name != "index.json" {
            assert_eq!(
                fs::read(full.join("cache").join(&name)).unwrap(),
                fs::read(inc.join("cache").join(&name)).unwrap(),
                "cache/{name}"
            );
        }
    }
    assert!(!tmp.path().join("inc.lock").exists(), "lock left behind");
}

#[test]
fn incremental_run_on_seeds_equals_full_run() {
    incremental_equals_full(&root().join("seeds"), 3);
}

#[test]
fn incremental_run_on_dev_equals_full_run() {
    let Some(shared) = shared() else {
        eprintln!("../shared is absent: skipped");
        return;
    };
    let dev = shared.join("dev/docs");
    incremental_equals_full(&dev, names(&dev).len() / 2);
}

fn shards_merge_to_full(src: &Path) {
    let tmp = tempfile::tempdir().unwrap();
    let full = tmp.path().join("full");
    ok(&["run", s(src), "--out", s(&full), "-q"]);
    for n in [2usize, 3] {
        let outs: Vec<PathBuf> = (1..=n)
            .map(|k| {
                let o = tmp.path().join(format!("shard{k}of{n}"));
                ok(&[
                    "run",
                    s(src),
                    "--shard",
                    &format!("{k}/{n}"),
                    "--out",
                    s(&o),
                    "-q",
                ]);
                o
            })
            .collect();
        let docs: usize = outs
            .iter()
            .map(|o| run_json(o)["documents"].as_u64().unwrap() as usize)
            .sum();
        assert_eq!(docs, names(src).len(), "every document in one shard");
        let merged = tmp.path().join(format!("merged{n}"));
        let mut args = vec!["merge"];
        args.extend(outs.iter().map(|o| s(o)));
        args.extend(["--out", s(&merged), "-q"]);
        ok(&args);
        assert_same(&full, &merged, &format!("merge of {n} shards"));
    }
}

#[test]
fn merged_shards_of_seeds_equal_full_run() {
    shards_merge_to_full(&root().join("seeds"));
}

#[test]
fn merged_shards_of_dev_equal_full_run() {
    let Some(shared) = shared() else {
        eprintln!("../shared is absent: skipped");
        return;
    };
    shards_merge_to_full(&shared.join("dev/docs"));
}

#[test]
fn merge_of_a_missing_shard_set_warns_and_of_a_plain_folder_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let o = tmp.path().join("s1");
    ok(&["run", "seeds", "--shard", "1/2", "--out", s(&o), "-q"]);
    let err = ok(&["merge", s(&o), "--out", s(&tmp.path().join("m"))]);
    assert!(err.contains("shards missing: 2/2"), "{err}");
    let plain = tmp.path().join("plain");
    fs::create_dir_all(&plain).unwrap();
    let r = esscorpus(&["merge", s(&plain), "--out", s(&tmp.path().join("m2"))]);
    assert_eq!(r.status.code(), Some(2));
    assert!(stderr(&r).contains("cache/index.json"), "{}", stderr(&r));
    let r = esscorpus(&["run", "seeds", "--shard", "3/2", "--out", s(&o)]);
    assert_eq!(r.status.code(), Some(2));
}

#[test]
fn changed_file_replaces_its_old_version_and_remove_drops_a_document() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let all = names(&seeds);
    // The corpus of all seeds, then a new version of the first one.
    let drop = drop_of(&tmp.path().join("v1"), "seeds", &seeds, &all);
    let inc = tmp.path().join("inc");
    ok(&["run", s(&drop), "--out", s(&inc), "-q"]);
    let changed = drop_of(&tmp.path().join("v2"), "seeds", &seeds, &all[..1]);
    let f = changed.join(&all[0]);
    let text = fs::read_to_string(&f).unwrap();
    fs::write(&f, text.replace("Rhône", "Isère")).unwrap();
    ok(&["run", s(&changed), "--into", s(&inc), "-q"]);
    assert_eq!(run_json(&inc)["reused"], all.len() - 1);
    // = a full run over the drop with the new version.
    let v2 = drop_of(&tmp.path().join("full2"), "seeds", &seeds, &all[1..]);
    fs::copy(&f, v2.join(&all[0])).unwrap();
    let full = tmp.path().join("full");
    ok(&["run", s(&v2), "--out", s(&full), "-q"]);
    assert_same(&full, &inc, "changed file");

    // --remove: = a full run without that document.
    let id = all[1].trim_end_matches(".txt");
    ok(&["run", "--into", s(&inc), "--remove", id, "-q"]);
    fs::remove_file(v2.join(&all[1])).unwrap();
    ok(&["run", s(&v2), "--out", s(&full), "-q"]);
    assert_same(&full, &inc, "removed document");
    assert!(!inc.join("text").join(format!("{id}.txt")).exists());
    let r = esscorpus(&["run", "--into", s(&inc), "--remove", id]);
    assert_eq!(r.status.code(), Some(2), "a second removal fails");
    assert!(stderr(&r).contains("no document"), "{}", stderr(&r));
}

#[test]
fn same_content_under_another_name_is_a_duplicate() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let all = names(&seeds);
    let inc = tmp.path().join("inc");
    ok(&["run", s(&seeds), "--out", s(&inc), "-q"]);
    let copy = tmp.path().join("copy");
    fs::create_dir_all(&copy).unwrap();
    fs::copy(seeds.join(&all[0]), copy.join("again.txt")).unwrap();
    let before = corpus_files(&inc);
    ok(&["run", s(&copy), "--into", s(&inc), "-q"]);
    assert_eq!(before, corpus_files(&inc));
    let skipped = &run_json(&inc)["skipped"];
    assert!(
        skipped.to_string().contains("same content as seeds/"),
        "{skipped}"
    );
}

#[test]
fn stale_cache_is_read_again_from_the_files_or_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let all = names(&seeds);
    let first = drop_of(&tmp.path().join("a"), "seeds", &seeds, &all[..3]);
    let rest = drop_of(&tmp.path().join("b"), "seeds", &seeds, &all[3..]);
    let (full, inc) = (tmp.path().join("full"), tmp.path().join("inc"));
    ok(&["run", s(&seeds), "--out", s(&full), "-q"]);
    ok(&["run", s(&first), "--out", s(&inc), "-q"]);
    // Cache entries written by other rules: their key differs.
    for name in names(&inc.join("cache")) {
        let p = inc.join("cache").join(&name);
        if name != "index.json" {
            let t = fs::read_to_string(&p).unwrap();
            fs::write(&p, t.replacen("\"key\":\"", "\"key\":\"other-", 1)).unwrap();
        }
    }
    ok(&["run", s(&rest), "--into", s(&inc), "-q"]);
    assert_eq!(run_json(&inc)["reused"], 0, "stale entries are not reused");
    assert_same(&full, &inc, "re-read after a rule change");
    // Stale again, and the files are gone: refused, the corpus untouched.
    for name in names(&inc.join("cache")) {
        let p = inc.join("cache").join(&name);
        if name != "index.json" {
            let t = fs::read_to_string(&p).unwrap();
            fs::write(&p, t.replacen("\"key\":\"", "\"key\":\"other-", 1)).unwrap();
        }
    }
    fs::remove_dir_all(&first).unwrap();
    let before = corpus_files(&inc);
    let r = esscorpus(&["run", s(&rest), "--into", s(&inc)]);
    assert_eq!(r.status.code(), Some(2));
    assert!(
        stderr(&r).contains("cannot be read again"),
        "{}",
        stderr(&r)
    );
    assert_eq!(before, corpus_files(&inc));
}

#[test]
fn a_second_run_into_the_same_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("corpus");
    let lock = tmp.path().join("corpus.lock");
    // A live process holds the lock: this test's own process.
    fs::write(&lock, format!("{}\n", std::process::id())).unwrap();
    for args in [
        vec!["run", "seeds", "--out", s(&out)],
        vec!["run", "seeds", "--into", s(&out)],
        vec!["merge", "output", "--out", s(&out)],
    ] {
        let r = esscorpus(&args);
        assert_eq!(r.status.code(), Some(2), "{args:?}");
        let err = stderr(&r);
        assert!(
            err.contains("being written by another esscorpus run") && err.contains("corpus.lock"),
            "{err}"
        );
    }
    assert!(lock.exists(), "someone else's lock is left alone");
    assert!(!out.exists());
    // A lock whose process is gone is taken over, and removed at the end.
    fs::write(&lock, "999999999\n").unwrap();
    ok(&["run", "seeds", "--out", s(&out), "-q"]);
    assert!(!lock.exists());
    // And removed on error too.
    let r = esscorpus(&["run", "--into", s(&out), "--remove", "nope"]);
    assert_eq!(r.status.code(), Some(2));
    assert!(!lock.exists());
}

#[test]
fn into_a_folder_without_corpus_starts_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    ok(&["run", "seeds", "--out", s(&a), "-q"]);
    ok(&["run", "seeds", "--into", s(&b), "-q"]);
    assert_same(&a, &b, "--into a new folder");
    let r = esscorpus(&["run", "--into", s(&b)]);
    assert_eq!(r.status.code(), Some(2), "nothing to do is an error");
}
