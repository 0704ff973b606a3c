//! The binary on real drops: exit codes, stderr messages, run.json, bad input of every kind.
mod util;

use std::fs;
use std::path::Path;

use serde_json::Value;
use util::{esscorpus, root, shared, stderr};

fn run_json(out: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(out.join("run.json")).unwrap()).unwrap()
}

fn skipped(out: &Path) -> Vec<(String, String)> {
    run_json(out)["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["source"].as_str().unwrap().to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn jsonl(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn runs_on_seeds_and_writes_the_contract_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("corpus");
    let o = esscorpus(&["run", "seeds", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "corpus.json",
        "run.json",
        "documents.jsonl",
        "entities.jsonl",
        "bodies.jsonl",
        "facts.jsonl",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    let docs = jsonl(&out.join("documents.jsonl"));
    assert_eq!(docs.len(), 5);
    for d in &docs {
        let id = d["id"].as_str().unwrap();
        assert!(out.join("text").join(format!("{id}.txt")).is_file());
        assert_eq!(d["format"], "txt");
        assert!(d["source"].as_str().unwrap().starts_with("seeds/"));
    }
    let err = stderr(&o);
    assert!(
        err.contains("5 documents read, 0 skipped"),
        "summary line: {err}"
    );
    let manifest: Value =
        serde_json::from_str(&fs::read_to_string(out.join("corpus.json")).unwrap()).unwrap();
    assert_eq!(manifest["schema_version"], 1);
    assert_eq!(manifest["documents"].as_array().unwrap().len(), 5);
}

#[test]
fn entity_spans_point_into_the_written_text() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("corpus");
    let o = esscorpus(&["run", "seeds", "--out", out.to_str().unwrap(), "-q"]);
    assert!(o.status.success());
    for e in jsonl(&out.join("entities.jsonl")) {
        let doc = e["doc"].as_str().unwrap();
        let text = fs::read_to_string(out.join("text").join(format!("{doc}.txt"))).unwrap();
        let s = e["span"][0].as_u64().unwrap() as usize;
        let t = e["span"][1].as_u64().unwrap() as usize;
        let slice: String = text.chars().skip(s).take(t - s).collect();
        assert_eq!(slice, e["text"].as_str().unwrap(), "entity {}", e["id"]);
    }
}

/// A drop with one file of every kind of bad input, beside good ones.
#[test]
fn bad_files_are_reported_and_the_rest_is_processed() {
    let tmp = tempfile::tempdir().unwrap();
    let drop = tmp.path().join("drop");
    fs::create_dir_all(&drop).unwrap();
    fs::copy(
        root().join("seeds/004_eccd5718877c3203.txt"),
        drop.join("good.txt"),
    )
    .unwrap();
    fs::write(drop.join("empty.txt"), b"").unwrap();
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    fs::write(drop.join("binary.txt"), binary).unwrap();
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252
        .encode("Délibération du 3 juillet 2009 : 300 000 € pour l’ESS.\r\n");
    fs::write(drop.join("cp1252.txt"), &cp1252).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Région Rhône-Alpes : 2 387 500 euros en 2014.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    fs::write(drop.join("utf16.txt"), utf16).unwrap();
    fs::write(drop.join("notes.docx"), b"PK\x03\x04 not read").unwrap();
    fs::write(
        drop.join("zz_copy.txt"),
        fs::read(drop.join("good.txt")).unwrap(),
    )
    .unwrap();
    fs::write(drop.join("broken.pdf"), b"%PDF-1.4\n garbage garbage").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(drop.join("vanished.txt"), drop.join("gone.txt")).unwrap();
    let mut long_line = "Région Normandie 2024 ".repeat(50_000);
    long_line.push('\n');
    fs::write(drop.join("longline.txt"), long_line).unwrap();

    let out = tmp.path().join("out");
    let o = esscorpus(&[
        "run",
        drop.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reasons = skipped(&out);
    let reason = |name: &str| {
        reasons
            .iter()
            .find(|(s, _)| s.ends_with(name))
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{name} not reported: {reasons:?}"))
    };
    assert_eq!(reason("empty.txt"), "empty file");
    assert_eq!(reason("binary.txt"), "binary content, not text");
    assert!(reason("notes.docx").starts_with("unsupported file type"));
    assert!(reason("zz_copy.txt").starts_with("same content as drop/"));
    assert!(reason("broken.pdf").starts_with("PDF:"));
    #[cfg(unix)]
    assert!(reason("gone.txt").starts_with("cannot read file"));
    let err = stderr(&o);
    for name in ["empty.txt", "binary.txt", "notes.docx", "broken.pdf"] {
        assert!(
            err.contains(&format!("drop/{name}: ")),
            "stderr names {name}: {err}"
        );
    }
    let docs = jsonl(&out.join("documents.jsonl"));
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"good"));
    assert!(ids.contains(&"cp1252"));
    assert!(ids.contains(&"utf16"));
    assert!(ids.contains(&"longline"));
    let cp = fs::read_to_string(out.join("text/cp1252.txt")).unwrap();
    assert!(cp.starts_with("Délibération du 3 juillet 2009 : 300 000 € pour l’ESS."));
    assert!(!cp.contains('\r'));
    let u16 = fs::read_to_string(out.join("text/utf16.txt")).unwrap();
    assert!(u16.starts_with("Région Rhône-Alpes"));
}

#[test]
fn bad_pdfs_of_the_study_are_skipped_with_reasons() {
    let Some(shared) = shared() else {
        eprintln!("../shared is absent: skipped");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let drop = tmp.path().join("pdfs");
    fs::create_dir_all(&drop).unwrap();
    for tag in [
        "enc-userpw",
        "corrupt-truncated60",
        "corrupt-garbage",
        "enc-aes128",
        "corrupt-noxref",
    ] {
        let name = format!("000_bb5a42d7c7880174.{tag}.pdf");
        fs::copy(shared.join("pdfs").join(&name), drop.join(&name)).unwrap();
    }
    let out = tmp.path().join("out");
    let o = esscorpus(&[
        "run",
        drop.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reasons = skipped(&out);
    let names: Vec<&str> = reasons.iter().map(|(s, _)| s.as_str()).collect();
    assert!(
        names.iter().any(|s| s.contains("enc-userpw")),
        "{reasons:?}"
    );
    assert!(
        names.iter().any(|s| s.contains("truncated60")),
        "{reasons:?}"
    );
    assert!(names.iter().any(|s| s.contains("garbage")), "{reasons:?}");
    let docs = jsonl(&out.join("documents.jsonl"));
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert!(
        ids.iter().any(|i| i.contains("enc-aes128")),
        "decrypted: {ids:?}"
    );
    assert!(
        ids.iter().any(|i| i.contains("noxref")),
        "recovered: {ids:?}"
    );
    for d in &docs {
        assert_eq!(d["format"], "pdf");
        assert!(d["pages"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn output_that_is_a_file_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    fs::write(&out, "I am a file").unwrap();
    let o = esscorpus(&["run", "seeds", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a folder"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&out).unwrap(), "I am a file");
}

#[test]
fn missing_or_empty_input_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = esscorpus(&["run", "no/such/folder", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/folder"));
    let empty = tmp.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let o = esscorpus(&[
        "run",
        empty.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no input files"));
    assert!(!out.exists());
}

#[test]
fn quiet_says_nothing_on_success() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = esscorpus(&["run", "seeds", "--out", out.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success());
    assert!(o.stderr.is_empty());
    assert!(o.stdout.is_empty());
}

#[test]
fn a_killed_run_leaves_the_previous_corpus_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = esscorpus(&["run", "seeds", "--out", out.to_str().unwrap(), "-q"]);
    assert!(o.status.success());
    let before = util::corpus_files(&out);
    // A bigger drop, so that the run is still going when it is killed.
    let drop = tmp.path().join("big");
    fs::create_dir_all(&drop).unwrap();
    let seed = fs::read_to_string(root().join("seeds/003_9092218c93b45cea.txt")).unwrap();
    for i in 0..200 {
        fs::write(drop.join(format!("d{i:03}.txt")), format!("{seed}\n{i}\n")).unwrap();
    }
    for delay_ms in [5u64, 30, 120] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_esscorpus"))
            .args([
                "run",
                drop.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "-q",
            ])
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let after = util::corpus_files(&out);
        if status.success() {
            // The run finished before the kill: the new corpus is whole.
            assert_eq!(after.keys().filter(|k| k.starts_with("text/")).count(), 200);
            return;
        }
        assert_eq!(
            after, before,
            "killed after {delay_ms} ms: previous corpus changed"
        );
    }
}

#[test]
fn help_lists_the_exit_status() {
    let o = esscorpus(&["--help"]);
    assert!(o.status.success());
    let s = String::from_utf8_lossy(&o.stdout);
    assert!(s.contains("EXIT STATUS"));
}

#[test]
fn users_extend_the_known_bodies_without_recompiling() {
    let tmp = tempfile::tempdir().unwrap();
    let drop = tmp.path().join("drop");
    fs::create_dir_all(&drop).unwrap();
    fs::write(
        drop.join("note.txt"),
        "Le ZSOL accompagne les porteurs de projets depuis 2019.\n",
    )
    .unwrap();
    let data = tmp.path().join("mydata");
    fs::create_dir_all(&data).unwrap();
    fs::write(
        data.join("bodies.tsv"),
        "# my own bodies\nZèbre Solidaire\tnetwork\t-\tZSOL\n",
    )
    .unwrap();
    let bodies = |extra: &[&str]| {
        let out = tmp.path().join("out");
        let mut args = vec![
            "run",
            drop.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "-q",
        ];
        args.extend(extra);
        let o = esscorpus(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        fs::read_to_string(out.join("bodies.jsonl")).unwrap()
    };
    assert!(!bodies(&[]).contains("Zèbre Solidaire"));
    let with = bodies(&["--data", data.to_str().unwrap()]);
    assert!(with.contains("\"name\":\"Zèbre Solidaire\""), "{with}");
    assert!(with.contains("\"kind\":\"network\""));
    let o = esscorpus(&[
        "run",
        "seeds",
        "--data",
        "no/such/dir",
        "--out",
        "/tmp/x",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2));
}
