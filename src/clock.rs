//! Time spent in each per-document stage, summed over the workers: run.json's `worker_s`,
//! which tells where a run's CPU goes when the stages run interleaved on every thread.
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// The per-document stages, in pipeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading, decoding (PDF included) and hashing a file.
    Ingest,
    Normalize,
    /// Extraction rules and anaphor resolution.
    Extract,
    /// Per-document links, spans in code points, and the document's records.
    Link,
    /// Cache entry, text and lines encoded and written.
    Write,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Ingest,
        Stage::Normalize,
        Stage::Extract,
        Stage::Link,
        Stage::Write,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Normalize => "normalize",
            Stage::Extract => "extract",
            Stage::Link => "link",
            Stage::Write => "write",
        }
    }
}

/// Nanoseconds per stage, shared by the workers of one run.
#[derive(Debug, Default)]
pub struct Clock([AtomicU64; Stage::ALL.len()]);

impl Clock {
    /// Runs `f`, counting its time against `stage`.
    pub fn time<T>(&self, stage: Stage, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let out = f();
        self.add(stage, t.elapsed());
        out
    }

    /// Counts `d` against `stage`.
    pub fn add(&self, stage: Stage, d: std::time::Duration) {
        let ns = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.0[stage as usize].fetch_add(ns, Ordering::Relaxed);
    }

    /// Seconds per stage, rounded to the millisecond.
    pub fn seconds(&self) -> BTreeMap<&'static str, f64> {
        Stage::ALL
            .iter()
            .map(|s| {
                let ns = self.0[*s as usize].load(Ordering::Relaxed);
                (s.as_str(), (ns as f64 / 1e6).round() / 1e3)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_separately() {
        let c = Clock::default();
        let x = c.time(Stage::Extract, || {
            std::thread::sleep(std::time::Duration::from_millis(5));
            7
        });
        assert_eq!(x, 7);
        let s = c.seconds();
        assert!(s["extract"] >= 0.005, "{s:?}");
        assert_eq!(s["ingest"], 0.0);
        assert_eq!(s.len(), 5);
    }
}
