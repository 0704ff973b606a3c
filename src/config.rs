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
}

/// The folder read when no input is given.
pub const DEFAULT_INPUT: &str = "seeds";

impl Config {
    pub fn from_args(a: RunArgs) -> Result<Config, String> {
        let inputs = if a.inputs.is_empty() {
            vec![PathBuf::from(DEFAULT_INPUT)]
        } else {
            a.inputs
        };
        let threads = match a.threads {
            Some(0) => return Err("--threads must be at least 1".into()),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(Config {
            inputs,
            out: a.out,
            threads,
            quiet: a.quiet,
            data: a.data,
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
            data: None,
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
    fn default_threads_is_at_least_one() {
        assert!(Config::from_args(args(&["x"], None)).unwrap().threads >= 1);
    }
}
