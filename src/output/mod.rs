//! Output: the corpus folder of `shared/spec/output-contract.md`, written atomically.
//!
//! ```text
//! output/
//!   corpus.json        manifest: schema_version, tool version, counts per type, document ids
//!   run.json           what varies per run: start time, duration, threads, skipped inputs
//!   documents.jsonl    one record per input document
//!   entities.jsonl     one record per entity mention, sorted by (doc, span start, type)
//!   bodies.jsonl       one record per resolved body
//!   facts.jsonl        linked facts
//!   text/<doc>.txt     the normalised text of each document; every span points into it
//! ```
//! Everything but `run.json` is byte-identical for the same inputs. The folder is built
//! beside the target ([`Staging`]) and swapped into place at the end, so a crash or a kill
//! leaves the previous corpus whole.
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub mod cache;
pub mod stream;
pub mod wire;

/// Writes one JSON object per line.
pub fn write_jsonl<W: Write, T: Serialize>(w: W, items: &[T]) -> io::Result<()> {
    let mut w = BufWriter::new(w);
    for item in items {
        serde_json::to_writer(&mut w, item)?;
        w.write_all(b"\n")?;
    }
    w.flush()
}

/// Writes a pretty JSON document followed by a newline.
pub fn write_json<W: Write, T: Serialize>(w: W, item: &T) -> io::Result<()> {
    let mut w = BufWriter::new(w);
    serde_json::to_writer_pretty(&mut w, item)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// A corpus folder under construction, beside its target. Dropped without [`Staging::commit`]
/// (an error, a panic), it removes itself and the target is untouched.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates `.<name>.tmp-<pid>` beside `target`. Fails when the target exists and is not a
    /// folder, or its parent cannot be written.
    pub fn create(target: &Path) -> io::Result<Staging> {
        if target.exists() && !target.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not a folder", target.display()),
            ));
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".to_string());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        remove_stale_staging(&parent, &name);
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(dir.join("text"))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates a file inside the staging folder.
    pub fn file(&self, rel: &str) -> io::Result<fs::File> {
        fs::File::create(self.dir.join(rel))
    }

    /// Writes `text/<doc>.txt`.
    pub fn write_text(&self, doc: &str, text: &str) -> io::Result<()> {
        fs::write(self.dir.join("text").join(format!("{doc}.txt")), text)
    }

    /// Puts the staged folder in the target's place: an atomic exchange where the system
    /// has one (Linux `renameat2`), else two renames with the old corpus kept until the
    /// new one is in place.
    pub fn commit(mut self) -> io::Result<()> {
        if let Ok(d) = fs::File::open(&self.dir) {
            let _ = d.sync_all();
        }
        if self.target.exists() {
            if exchange(&self.dir, &self.target).is_ok() {
                // The staging path now holds the previous corpus.
                let _ = fs::remove_dir_all(&self.dir);
            } else {
                let old = self.dir.with_extension("old");
                fs::rename(&self.target, &old)?;
                if let Err(e) = fs::rename(&self.dir, &self.target) {
                    let _ = fs::rename(&old, &self.target);
                    return Err(e);
                }
                let _ = fs::remove_dir_all(&old);
            }
        } else {
            fs::rename(&self.dir, &self.target)?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes staging folders left by runs that were killed (their process is gone).
fn remove_stale_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.split('.').next().unwrap_or_default();
        let alive = pid.parse::<u32>().is_ok_and(process_alive);
        if !alive {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

pub(crate) fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_previous_corpus() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.txt"), "old").unwrap();
        let s = Staging::create(&target).unwrap();
        fs::write(s.dir().join("new.txt"), "new").unwrap();
        s.commit().unwrap();
        assert!(target.join("new.txt").exists());
        assert!(!target.join("old.txt").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only the target remains");
    }

    #[test]
    fn dropped_staging_leaves_target_untouched() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.txt"), "old").unwrap();
        {
            let s = Staging::create(&target).unwrap();
            fs::write(s.dir().join("half.txt"), "half").unwrap();
        }
        assert!(target.join("old.txt").exists());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn target_that_is_a_file_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("out");
        fs::write(&target, "a file").unwrap();
        assert!(Staging::create(&target).is_err());
    }

    #[test]
    fn stale_staging_of_dead_runs_is_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let stale = tmp.path().join(".out.tmp-999999999");
        fs::create_dir_all(&stale).unwrap();
        let s = Staging::create(&tmp.path().join("out")).unwrap();
        assert!(!stale.exists());
        drop(s);
    }
}
