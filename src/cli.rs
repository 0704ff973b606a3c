//! The command line as typed (clap). [`crate::config`] turns it into a checked configuration.
use std::path::PathBuf;

use clap::{Parser, Subcommand};

const AFTER_HELP: &str = "\
EXIT STATUS:
  run   0 when the run finished (skipped files included: they are listed in run.json and on
        stderr); 2 when it could not run at all (no input, output folder unusable, another
        run writing the same folder, --remove of a document the corpus does not have, a
        cached document that can be neither reused nor read again).
  merge 0 when merged; 2 on error (a folder without a cache, another run writing --out).
  eval  0 when scored; 2 on error.
  diff  0 when the two corpora hold the same values; 1 when they differ (like diff(1));
        2 on error (a missing folder, an unreadable or malformed file: the message says which).";

/// Turns drops of French ESS policy documents (txt, md, PDF) into a structured, linked JSON corpus.
#[derive(Parser, Debug)]
#[command(name = "esscorpus", version, about, after_help = AFTER_HELP)]
pub struct Args {
    /// Without a command, `run` on seeds/ into output/.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Read a drop of documents and write the corpus folder.
    Run(RunArgs),
    /// Score a corpus folder against gold files (precision, recall, F1 per type; link accuracy).
    Eval(EvalArgs),
    /// Show what changed between two corpus folders, as values: entities, documents, bodies
    /// and facts added, removed or changed.
    Diff(DiffArgs),
    /// Merge corpus folders (the shards of a drop, `run --shard K/N`) into one corpus.
    Merge(MergeArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct DiffArgs {
    /// The corpus folder before the change.
    pub old: PathBuf,
    /// The corpus folder after the change.
    pub new: PathBuf,
    /// Print the changes as one JSON document.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug, Clone)]
pub struct MergeArgs {
    /// Corpus folders written by `esscorpus run` (with their `cache/`).
    #[arg(required = true)]
    pub outputs: Vec<PathBuf>,
    /// The corpus folder to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// No warnings, no summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(clap::Args, Debug, Clone)]
pub struct EvalArgs {
    /// A corpus folder written by `esscorpus run`.
    pub output: PathBuf,
    /// A folder of gold files, one `<doc id>.json` per document (see the README).
    pub gold: PathBuf,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also list missed and spurious items, and wrong links.
    #[arg(long)]
    pub misses: bool,
    /// Score only this document.
    #[arg(long)]
    pub doc: Option<String>,
}

#[derive(clap::Args, Debug, Clone, Default)]
pub struct RunArgs {
    /// Files or folders to read (folders are walked recursively, in name order). Default: seeds/
    pub inputs: Vec<PathBuf>,
    /// The corpus folder to write (replaced as a whole at the end of the run).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Add the inputs to the corpus in DIR instead: documents already there are taken from
    /// its cache, a file with the source of an old one replaces it, and bodies and facts are
    /// rebuilt over the whole corpus (the same as one run over all the documents).
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    pub into: Option<PathBuf>,
    /// With --into: remove the document with this id (repeatable).
    #[arg(long, value_name = "ID", requires = "into")]
    pub remove: Vec<String>,
    /// Process only shard K of N of the drop (by a stable hash of each document id); merge
    /// the shards' folders with `esscorpus merge`.
    #[arg(long, value_name = "K/N", conflicts_with = "into")]
    pub shard: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// No progress bar, no warnings, no summary on stderr (run.json still lists everything).
    #[arg(long, short)]
    pub quiet: bool,
    /// A folder of your own data rows (`bodies.tsv`, `regions.tsv`, `body_heads.tsv`,
    /// `programmes.tsv`, same columns as in data/), added to the built-in tables.
    /// Default: $ESSCORPUS_DATA.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}
