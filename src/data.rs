//! The data tables the rules use (`data/*.tsv`): built into the binary, and extended at run
//! time with the rows of same-named files in a folder of the user's (`--data DIR` or the
//! `ESSCORPUS_DATA` environment variable), so an analyst can add a body, an abbreviation or a
//! programme without recompiling.
use std::path::PathBuf;
use std::sync::OnceLock;

static USER_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Sets the user's data folder; call before the first rule runs. Later calls are ignored.
pub fn set_user_dir(dir: Option<PathBuf>) {
    let _ = USER_DIR.set(dir.or_else(|| std::env::var_os("ESSCORPUS_DATA").map(PathBuf::from)));
}

/// The tables a user's data folder may extend (the cache key covers their content).
pub const USER_TABLES: [&str; 4] = [
    "bodies.tsv",
    "regions.tsv",
    "body_heads.tsv",
    "programmes.tsv",
];

pub(crate) fn user_dir() -> Option<&'static PathBuf> {
    USER_DIR
        .get_or_init(|| std::env::var_os("ESSCORPUS_DATA").map(PathBuf::from))
        .as_ref()
}

/// The built-in table `name`, followed by the rows of the user's file of the same name when
/// there is one. Read once per table and kept for the life of the process.
pub fn table(name: &str, builtin: &'static str) -> &'static str {
    let Some(extra) = user_dir().and_then(|d| std::fs::read_to_string(d.join(name)).ok()) else {
        return builtin;
    };
    Box::leak(format!("{builtin}\n{extra}").into_boxed_str())
}
