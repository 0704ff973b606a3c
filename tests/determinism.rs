//! Same input, byte-identical output, whatever the thread count and the order of the inputs.
mod util;

use util::{corpus_files, esscorpus, root, shared, stderr};

fn run(args: &[&str]) -> std::collections::BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut a: Vec<&str> = args.to_vec();
    a.extend(["--out", out.to_str().unwrap(), "-q"]);
    let o = esscorpus(&a);
    assert!(o.status.success(), "{}", stderr(&o));
    corpus_files(&out)
}

#[test]
fn threads_and_input_order_do_not_change_the_output() {
    let one = run(&["run", "seeds", "--threads", "1"]);
    let two = run(&["run", "seeds", "--threads", "2"]);
    let eight = run(&["run", "seeds", "--threads", "8"]);
    assert!(
        one == two && two == eight,
        "thread count changed the output"
    );
    // The same files named one by one, in reverse order.
    let mut files: Vec<String> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files.reverse();
    let mut args = vec!["run"];
    args.extend(files.iter().map(String::as_str));
    args.extend(["--threads", "2"]);
    let reversed = run(&args);
    // Named one by one, sources are bare file names instead of `seeds/…`.
    let strip = |m: &std::collections::BTreeMap<String, Vec<u8>>| {
        let mut m = m.clone();
        m.remove("documents.jsonl");
        m
    };
    assert!(
        strip(&reversed) == strip(&one),
        "input order changed the output"
    );
}

#[test]
fn dev_drop_is_deterministic_too() {
    let Some(shared) = shared() else {
        eprintln!("../shared is absent: skipped");
        return;
    };
    let dev = shared.join("dev/docs");
    let d = dev.to_str().unwrap();
    assert!(run(&["run", d, "--threads", "1"]) == run(&["run", d, "--threads", "2"]));
}

/// A drop bigger than one worker's look-ahead (64 files), with its ids out of drop order
/// (two folders) and duplicate contents: the streamed files come out in id order, the same
/// for any thread count.
#[test]
fn a_large_drop_streams_to_the_same_corpus_on_any_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let drop = tmp.path().join("drop");
    let mut seeds: Vec<_> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for (dir, copies) in [("b", 8), ("a", 6)] {
        std::fs::create_dir_all(drop.join(dir)).unwrap();
        for i in 0..copies {
            for s in &seeds {
                let mut text = std::fs::read_to_string(s).unwrap();
                // Copies 0 and 1 of folder `a` repeat folder `b`'s: duplicates.
                if !(dir == "a" && i < 2) {
                    text.push_str(&format!("\ncopie {dir}{i}\n"));
                } else {
                    text.push_str(&format!("\ncopie b{i}\n"));
                }
                let stem = s.file_stem().unwrap().to_string_lossy();
                // Folder a comes first in the drop, but its `z…` ids sort last.
                let name = if dir == "a" {
                    format!("z{stem}_{i}.txt")
                } else {
                    format!("{stem}_{i}.txt")
                };
                std::fs::write(drop.join(dir).join(name), text).unwrap();
            }
        }
    }
    let d = drop.to_str().unwrap();
    let one = run(&["run", d, "--threads", "1"]);
    assert!(
        one == run(&["run", d, "--threads", "3"]),
        "thread count changed the output"
    );
    let docs = String::from_utf8(one["documents.jsonl"].clone()).unwrap();
    let ids: Vec<String> = docs
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        ids.len(),
        14 * seeds.len() - 2 * seeds.len(),
        "duplicates kept"
    );
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "documents not in id order"
    );
    let entities = String::from_utf8(one["entities.jsonl"].clone()).unwrap();
    let docs_of: Vec<String> = entities
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        docs_of.windows(2).all(|w| w[0] <= w[1]),
        "entities not in id order"
    );
}
