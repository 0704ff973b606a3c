//! The serialised records of the output contract (`shared/spec/output-contract.md`), with
//! their fields in the contract's order. Tests read the output back with their own structs,
//! so a drift from the contract breaks them. [`DocumentRecord`] is also read back, from the
//! per-document cache (`cache/`).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::cache::{static_str, static_str_keys, StaticStr};
use serde_json::Value as Json;

/// Bumped whenever a record changes shape (and the README says what changed).
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct DocumentRecord {
    pub id: String,
    pub source: String,
    #[serde(with = "static_str")]
    pub format: StaticStr,
    pub sha256: String,
    pub pages: Option<usize>,
    pub chars: usize,
    pub title: Option<String>,
    pub subject_body: Option<String>,
    #[serde(with = "static_str_keys")]
    pub repairs: crate::doc::Repairs,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct EntityRecord {
    pub id: String,
    pub doc: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub text: String,
    pub span: [usize; 2],
    pub page: Option<usize>,
    pub value: Json,
    pub rule: &'static str,
    pub links: serde_json::Map<String, Json>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct BodyRecord {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub aliases: Vec<String>,
    pub docs: Vec<String>,
    pub mentions: usize,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Manifest {
    pub schema_version: u32,
    pub tool: &'static str,
    pub version: &'static str,
    pub counts: BTreeMap<String, usize>,
    pub documents: Vec<String>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Skipped {
    pub source: String,
    pub reason: String,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct RunReport {
    pub tool: &'static str,
    pub version: &'static str,
    pub started: String,
    pub duration_s: f64,
    pub threads: usize,
    pub inputs: Vec<String>,
    pub files_seen: usize,
    pub documents: usize,
    pub skipped: Vec<Skipped>,
    pub entities: usize,
    pub input_bytes: u64,
    pub mb_per_s: f64,
    /// Documents taken from a cache (`run --into`, `merge`) instead of being extracted.
    pub reused: usize,
    /// `K/N` for a shard run (`run --shard`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// Seconds of the run's wall time in each part: `documents` (every document read,
    /// normalised, extracted, linked and written, in parallel), `order` (records put in id
    /// order, when the drop's order is not the ids'), `bodies` (body records and corpus.json).
    pub stages_s: BTreeMap<&'static str, f64>,
    /// Seconds spent in each per-document stage (`ingest`, `normalize`, `extract`, `link`,
    /// `write`), summed over the threads: where the CPU of the `documents` part goes.
    pub worker_s: BTreeMap<&'static str, f64>,
}

/// A number as JSON: whole numbers without a fraction (`1500000`, not `1500000.0`), others
/// rounded to 6 decimals so that float noise never reaches the output.
pub fn number(x: f64) -> Json {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 {
        Json::from(x as i64)
    } else {
        let r = (x * 1e6).round() / 1e6;
        serde_json::Number::from_f64(r)
            .map(Json::Number)
            .unwrap_or(Json::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_print_without_float_noise() {
        assert_eq!(number(1_500_000.0).to_string(), "1500000");
        assert_eq!(number(4.5).to_string(), "4.5");
        assert_eq!(number(0.1 + 0.2).to_string(), "0.3");
        assert_eq!(number(-0.8).to_string(), "-0.8");
        assert_eq!(number(f64::NAN).to_string(), "null");
    }
}
