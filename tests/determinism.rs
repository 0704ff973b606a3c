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
