//! A checked run configuration, built from the command line.
use std::path::PathBuf;

use crate::cli::RunArgs;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub threads: usize,
    pub quiet: bool,
    pub data: Option<PathBuf>,
    /// `--into`: add to the corpus in `out` instead of replacing it.
    pub incremental: bool,
    /// Document ids to remove from the corpus (`--remove`).
    pub remove: Vec<String>,
    /// `--shard K/N`: (K, N), 1 ≤ K ≤ N.
    pub shard: Option<(usize, usize)>,
}

/// Parses `K/N` with 1 ≤ K ≤ N.
pub fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("--shard {s}: expected K/N with 1 ≤ K ≤ N (e.g. 2/4)");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n) = (
        k.trim().parse::<usize>().map_err(|_| bad())?,
        n.trim().parse::<usize>().map_err(|_| bad())?,
    );
    if k == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

/// Worker threads: the number asked for, else one per core.
pub fn threads(n: Option<usize>) -> Result<usize, String> {
    match n {
        Some(0) => Err("--threads must be at least 1".into()),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

/// The folder read when no input is given.
pub const DEFAULT_INPUT: &str = "seeds";

impl Config {
    pub fn from_args(a: RunArgs) -> Result<Config, String> {
        let incremental = a.into.is_some();
        // With --into, no input is fine: the run only removes documents, or re-links.
        let inputs = if a.inputs.is_empty() && !incremental {
            vec![PathBuf::from(DEFAULT_INPUT)]
        } else {
            a.inputs
        };
        if incremental && inputs.is_empty() && a.remove.is_empty() {
            return Err("--into: give files or folders to add, or --remove ID".into());
        }
        let shard = a.shard.as_deref().map(parse_shard).transpose()?;
        Ok(Config {
            inputs,
            out: a.into.unwrap_or(a.out),
            threads: threads(a.threads)?,
            quiet: a.quiet,
            data: a.data,
            incremental,
            remove: a.remove,
            shard,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(inputs: &[&str], threads: Option<usize>) -> RunArgs {
        RunArgs {
            inputs: inputs.iter().map(PathBuf::from).collect(),
            out: PathBuf::from("output"),
            threads,
            quiet: false,
            ..RunArgs::default()
        }
    }

    #[test]
    fn no_input_means_seeds() {
        let c = Config::from_args(args(&[], Some(2))).unwrap();
        assert_eq!(c.inputs, [PathBuf::from("seeds")]);
        assert_eq!(c.threads, 2);
    }

    #[test]
    fn zero_threads_is_refused() {
        assert!(Config::from_args(args(&["x"], Some(0))).is_err());
    }

    #[test]
    fn shards_are_checked() {
        assert_eq!(parse_shard("2/3"), Ok((2, 3)));
        assert!(parse_shard("0/3").is_err());
        assert!(parse_shard("4/3").is_err());
        assert!(parse_shard("3").is_err());
    }

    #[test]
    fn default_threads_is_at_least_one() {
        assert!(Config::from_args(args(&["x"], None)).unwrap().threads >= 1);
    }
}
