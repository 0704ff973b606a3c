//! Computes a fingerprint of everything that decides what one document gives: the data
//! tables and the code of the per-document stages. The per-document cache (`cache/` of a
//! corpus folder) is keyed on it, so entries written by other rules are never reused.
use std::fs;
use std::path::{Path, PathBuf};

/// Folders and files whose content changes what ingest, normalisation, extraction and the
/// per-document links give.
const INPUTS: [&str; 9] = [
    "data",
    "src/ingest",
    "src/normalize",
    "src/extract",
    "src/link",
    "src/fr",
    "src/doc.rs",
    "src/data.rs",
    "src/pipeline.rs",
];

fn main() {
    let mut files = Vec::new();
    for i in INPUTS {
        println!("cargo:rerun-if-changed={i}");
        collect(Path::new(i), &mut files);
    }
    files.sort();
    // Two FNV-1a 64 streams with different offsets: a 128-bit fingerprint, no dependency.
    let mut h = [0xcbf2_9ce4_8422_2325u64, 0x6c62_272e_07bb_0142u64];
    for f in &files {
        let name = f.to_string_lossy().replace('\\', "/");
        let bytes = fs::read(f).unwrap_or_default();
        for b in name.bytes().chain([0]).chain(bytes).chain([0]) {
            for x in &mut h {
                *x ^= u64::from(b);
                *x = x.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    println!(
        "cargo:rustc-env=ESSCORPUS_RULES_HASH={:016x}{:016x}",
        h[0], h[1]
    );
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        if let Ok(entries) = fs::read_dir(p) {
            for e in entries.flatten() {
                collect(&e.path(), out);
            }
        }
    } else if p.is_file() {
        out.push(p.to_path_buf());
    }
}
